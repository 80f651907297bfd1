"""queries/sources.py and ``kg sources``: which document states what, and the conflicts.

(tests/test_sources.py is about extract/sources.py, reading input files.)
"""

from __future__ import annotations

import json

from kg.store import GraphStore
from queries.sources import incompatible_dates, sources


def test_sources_incompatible_dates_follow_the_containment_rule() -> None:
    assert incompatible_dates(["1939", "1939-05-11", "1939-05"]) == set()
    assert incompatible_dates(["1946-04-05", "1946-04-13"]) == {"1946-04-05", "1946-04-13"}
    assert incompatible_dates(["1939", "1939-05-11", "1939-05-28"]) == {"1939-05-11", "1939-05-28"}
    assert incompatible_dates(["1939-05", "1939-06-01"]) == {"1939-05", "1939-06-01"}
    assert incompatible_dates(["1939-05-11", "1939-05-11"]) == set()


def test_sources_groups_facts_by_document(mini_store: GraphStore) -> None:
    result = sources(mini_store, "Khalkhin Gol")
    assert result["node"]["label"] == "Battle of Khalkhin Gol"
    documents = {d["source"]: d for d in result["documents"]}
    assert list(documents) == ["000_khalkhin_gol.txt", "001_nomonhan.txt"]
    first = documents["000_khalkhin_gol.txt"]["facts"]
    # Dates first (start, then end), then in the order the document states the facts.
    assert [(f["predicate"], f["value"]) for f in first[:2]] == [
        ("start", "1939-05-11"),
        ("end", "1939-09-16"),
    ]
    commander = next(f for f in first if f["predicate"] == "commander")
    assert commander["object"]["label"] == "Georgy Zhukov"
    assert commander["evidence"][0]["sentence"].startswith("Georgy Zhukov commanded")
    second = documents["001_nomonhan.txt"]["facts"]
    assert {f["object"]["label"] for f in second if f["object"]} == {
        "Mongolia",
        "Soviet Union",
        "Georgy Zhukov",
    }


def test_sources_names_conflicting_start_dates_but_not_compatible_ends(
    mini_store: GraphStore,
) -> None:
    # Starts 1939-05-11 vs 1939-05-28 clash; ends 1939-09-16 and 1939-09 agree.
    [conflict] = sources(mini_store, "Battle of Khalkhin Gol")["conflicts"]
    assert conflict["kind"] == "start"
    assert [(c["value"], c["sources"]) for c in conflict["claims"]] == [
        ("1939-05-11", ["000_khalkhin_gol.txt"]),
        ("1939-05-28", ["001_nomonhan.txt"]),
    ]
    assert conflict["claims"][1]["evidence"][0]["sentence"].startswith("The Nomonhan Incident")


def test_sources_pact_end_dates_conflict_side_by_side(mini_extra_store: GraphStore) -> None:
    result = sources(mini_extra_store, "neutrality pact")
    [conflict] = result["conflicts"]  # the start year 1941 agrees with 1941-04-13
    assert conflict["kind"] == "end"
    assert [(c["value"], c["sources"]) for c in conflict["claims"]] == [
        ("1946-04-05", ["003_pact_terms.txt"]),
        ("1946-04-13", ["004_pact_expiry.txt"]),
    ]
    assert [d["source"] for d in result["documents"]] == [
        "002_soviet_japanese_war.txt",
        "003_pact_terms.txt",
        "004_pact_expiry.txt",
    ]


def test_sources_quantity_conflict_same_event_measure_and_side(
    mini_extra_store: GraphStore,
) -> None:
    result = sources(mini_extra_store, "Battle of Khalkhin Gol")
    quantity = [c for c in result["conflicts"] if c["kind"] == "quantity"]
    # Japanese dead: 8440 vs about 18500. Soviet dead (one number) and troops (57,000 to
    # 60,000: a range in one sentence) do not clash.
    assert len(quantity) == 1
    [conflict] = quantity
    assert (conflict["measure"], conflict["about"]["label"]) == ("dead", "Japan")  # type: ignore[index]
    assert [(c["value"], c["approximate"], c["sources"]) for c in conflict["claims"]] == [
        ("8440", False, ["003_pact_terms.txt"]),
        ("18500", True, ["004_pact_expiry.txt"]),
    ]
    documents = {d["source"]: d for d in result["documents"]}
    assert [q["value"] for q in documents["004_pact_expiry.txt"]["quantities"]] == [18500, 9703]


def test_sources_numbers_in_one_sentence_are_a_range_not_a_conflict(
    mini_extra_store: GraphStore,
) -> None:
    result = sources(mini_extra_store, "Soviet Union")
    documents = {d["source"]: d for d in result["documents"]}
    troops = [q for q in documents["003_pact_terms.txt"]["quantities"] if q["measure"] == "troops"]
    assert [q["value"] for q in troops] == [57000, 60000]
    assert result["conflicts"] == []


def test_sources_of_an_actor_include_numbers_about_it(mini_extra_store: GraphStore) -> None:
    result = sources(mini_extra_store, "Japan")
    assert [c["kind"] for c in result["conflicts"]] == ["quantity"]
    facts = [
        (f["subject"]["label"], f["predicate"], f["object"]["label"] if f["object"] else None)
        for d in result["documents"]
        for f in d["facts"]
    ]
    assert ("Soviet Union", "declaredWarOn", "Japan") in facts
    assert ("Battle of Khalkhin Gol", "belligerent", "Japan") in facts


def test_sources_cli_names_the_conflict(kg, mini_extra_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("sources", "Soviet–Japanese Neutrality Pact", store=mini_extra_store_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Soviet–Japanese Neutrality Pact (Treaty): 3 documents"
    assert "  003_pact_terms.txt (1 fact)" in lines
    assert "    Soviet–Japanese Neutrality Pact ended 1946-04-05" in lines
    assert (
        "  conflict: end date — 1946-04-05 (003_pact_terms.txt) vs 1946-04-13 (004_pact_expiry.txt)"
        in lines
    )
    battle = kg("sources", "Battle of Khalkhin Gol", store=mini_extra_store_path).output
    assert (
        "  conflict: dead (Japan) at Battle of Khalkhin Gol — 8440 (003_pact_terms.txt)"
        " vs about 18500 (004_pact_expiry.txt)"
    ) in battle.splitlines()


def test_sources_cli_json_and_agreement(kg) -> None:  # type: ignore[no-untyped-def]
    result = kg("sources", "Soviet-Japanese War")
    assert result.exit_code == 0, result.output
    assert "  no conflicts: the documents agree on dates and numbers" in result.output
    data = json.loads(kg("sources", "Soviet-Japanese War", "--format", "json").output)
    assert data["conflicts"] == []
    assert [d["source"] for d in data["documents"]] == ["002_soviet_japanese_war.txt"]
    missing = kg("sources", "Treaty of Portsmouth")
    assert missing.exit_code == 1 and missing.output.startswith("Error: no name matches")


def test_sources_seeds_neutrality_pact(kg, seeds_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg(
        "sources", "Soviet-Japanese Neutrality Pact", "--format", "json", store=seeds_store_path
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    starts = {
        d["source"]
        for d in data["documents"]
        for f in d["facts"]
        if f["predicate"] == "start" and f["value"] == "1941-04-13"
    }
    assert len(starts) >= 2  # several articles date the signing, each with its sentence
    for document in data["documents"]:
        for fact in document["facts"]:
            assert all(e["source"] == document["source"] for e in fact["evidence"])
    text = kg("sources", "Soviet-Japanese Neutrality Pact", store=seeds_store_path).output
    assert "began 1941-04-13" in text


def test_sources_seeds_neutrality_pact_end_dates_conflict(kg, seeds_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("sources", "Soviet-Japanese Neutrality Pact", store=seeds_store_path)
    lines = [line for line in result.output.splitlines() if "conflict: end date" in line]
    assert lines and "1946-04-05" in lines[0] and "1946-04-13" in lines[0]
