"""queries/describe.py and ``kg describe``: everything the graph holds about one node."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.errors import NotFoundError
from kg.store import GraphStore
from queries.describe import describe

ENT = "https://w3id.org/histkg/entity/"
ROOT = Path(__file__).resolve().parents[1]


def by_label(items: list) -> dict:  # type: ignore[type-arg]
    return {item["label"]: item for item in items}


def test_describe_event_has_type_aliases_dates_participants_and_places(
    mini_store: GraphStore,
) -> None:
    card = describe(mini_store, "nomonhan incident")
    assert (card["label"], card["type"], card["kind"]) == (
        "Battle of Khalkhin Gol",
        "Battle",
        "event",
    )
    assert {"Nomonhan Incident", "Battle of Khalkhin-Gol", "Khalkhin Gol"} <= set(card["aliases"])
    assert "Battle of Khalkhin Gol" not in card["aliases"]
    assert (card["start"], card["end"]) == ("1939-05-11", "1939-09-16")
    assert {c["value"] for c in card["dates"] if c["kind"] == "start"} == {
        "1939-05-11",
        "1939-05-28",
    }

    participants = by_label(card["participants"])
    assert set(participants) == {
        "Georgy Zhukov",
        "Soviet Union",
        "Japan",
        "Mongolia",
        "Kwantung Army",
    }
    zhukov = participants["Georgy Zhukov"]
    assert zhukov["roles"] == ["commander", "participant"]
    assert zhukov["sources"] == ["000_khalkhin_gol.txt", "001_nomonhan.txt"]
    assert [e["roles"] for e in zhukov["evidence"]] == [["commander"], ["participant"]]
    assert zhukov["evidence"][0]["sentence"].startswith("Georgy Zhukov commanded")
    # Nothing is filtered: the 0.4 co-occurrence is part of what the graph holds.
    assert participants["Kwantung Army"]["evidence"][0]["confidence"] == pytest.approx(0.4)

    assert [p["label"] for p in card["places"]] == ["Khalkhin Gol river"]
    assert card["places"][0]["evidence"][0]["source"] == "000_khalkhin_gol.txt"
    assert card["events"] == [] and card["statements"] == []
    assert card["quantities"] == []  # a graph built before quantities were extracted


def test_describe_actor_lists_its_events_with_roles_and_dates(mini_store: GraphStore) -> None:
    card = describe(mini_store, "Zhukov")
    assert (card["label"], card["type"], card["kind"]) == ("Georgy Zhukov", "Person", "entity")
    assert card["aliases"] == ["Zhukov"]
    assert card["participants"] == [] and card["dates"] == []
    [battle] = card["events"]
    assert (battle["label"], battle["roles"]) == (
        "Battle of Khalkhin Gol",
        ["commander", "participant"],
    )
    assert (battle["start"], battle["end"]) == ("1939-05-11", "1939-09-16")
    related = [r["label"] for r in card["related"]]
    assert related[0] in {"Soviet Union", "Japan"}  # 0.9 x 0.8, ahead of Mongolia's 0.9 x 0.7
    assert related.index("Mongolia") > related.index("Soviet Union")


def test_describe_statements_go_both_ways(mini_store: GraphStore) -> None:
    japan = describe(mini_store, "Japan")
    statements = {
        (s["subject"]["label"], s["predicate"], s["object"]["label"]) for s in japan["statements"]
    }
    assert statements == {
        ("Japan", "signed", "Soviet–Japanese Neutrality Pact"),  # Japan as the subject
        ("Soviet Union", "declaredWarOn", "Japan"),  # Japan as the object
    }
    declared = next(s for s in japan["statements"] if s["predicate"] == "declaredWarOn")
    assert declared["sources"] == ["002_soviet_japanese_war.txt"]
    assert "declared war on Japan" in declared["evidence"][0]["sentence"]

    pact = describe(mini_store, "Soviet-Japanese Neutrality Pact")
    assert [(s["subject"]["label"], s["predicate"]) for s in pact["statements"]] == [
        ("Japan", "signed"),
        ("Soviet Union", "denounced"),
    ]
    assert [p["label"] for p in pact["places"]] == ["Moscow"]


def test_describe_a_place_lists_the_events_held_there(mini_store: GraphStore) -> None:
    card = describe(mini_store, "Moscow")
    assert [(e["label"], e["roles"]) for e in card["events"]] == [
        ("Soviet–Japanese Neutrality Pact", ["place"])
    ]


def test_describe_quantities_of_an_event_and_about_an_actor(mini_extra_store: GraphStore) -> None:
    battle = describe(mini_extra_store, "Battle of Khalkhin Gol")
    numbers = {
        (q["measure"], q["about"]["label"] if q["about"] else None, q["value"], q["source"])
        for q in battle["quantities"]
    }
    assert numbers == {
        ("dead", "Japan", 8440, "003_pact_terms.txt"),
        ("dead", "Japan", 18500, "004_pact_expiry.txt"),
        ("dead", "Soviet Union", 9703, "004_pact_expiry.txt"),
        ("troops", "Soviet Union", 57000, "003_pact_terms.txt"),
        ("troops", "Soviet Union", 60000, "003_pact_terms.txt"),
    }
    approximate = {q["value"] for q in battle["quantities"] if q["approximate"]}
    assert approximate == {18500}
    assert all(q["evidence"] for q in battle["quantities"])

    japan = describe(mini_extra_store, "Japan")
    assert sorted(q["value"] for q in japan["quantities"]) == [8440, 18500]
    assert {q["event"]["label"] for q in japan["quantities"]} == {"Battle of Khalkhin Gol"}


def test_describe_ambiguous_name_lists_events_and_entities(mini_store: GraphStore) -> None:
    with pytest.raises(NotFoundError) as caught:
        describe(mini_store, "Soviet")
    message = str(caught.value)
    for label in ("Soviet Union", "Soviet–Japanese War", "Soviet invasion of Manchuria"):
        assert label in message
    with pytest.raises(NotFoundError, match="did you mean"):
        describe(mini_store, "Treaty of Portsmouth")


def test_describe_cli_text_shows_each_section_with_sources(kg, mini_extra_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("describe", "Battle", "of", "Khalkhin", "Gol", store=mini_extra_store_path)
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("Battle of Khalkhin Gol (Battle, 1939-05-11 – 1939-09-16)\n")
    assert "  start: 1939-05-11  [000_khalkhin_gol.txt]" in text
    assert "         also stated: 1939-05-28  [001_nomonhan.txt]" in text
    assert "    Georgy Zhukov (Person): commander, participant\n" in text
    assert '        000_khalkhin_gol.txt: "Georgy Zhukov commanded the Soviet forces' in text
    assert "  places:\n    Khalkhin Gol river (Place): place" in text
    assert "    dead (Japan): about 18500 Japanese dead  [004_pact_expiry.txt]" in text
    assert "  related:\n" in text


def test_describe_cli_json_and_errors(kg) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(kg("describe", "Soviet Union", "--format", "json").output)
    assert data["iri"] == ENT + "soviet-union"
    assert {e["label"] for e in data["events"]} == {
        "Battle of Khalkhin Gol",
        "Soviet–Japanese War",
    }
    assert {s["predicate"] for s in data["statements"]} == {"declaredWarOn", "denounced"}
    error = kg("describe", "Soviet")
    assert error.exit_code == 1
    assert error.output.startswith("Error: 'Soviet' matches several names:")
    assert len(error.output.strip().splitlines()) == 1


def test_describe_seeds_zhukov_commanded_at_khalkhin_gol(kg, seeds_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("describe", "Georgy Zhukov", "--format", "json", store=seeds_store_path)
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["type"] == "Person"
    battle = next(e for e in card["events"] if e["label"] == "Battle of Jaljin Goal")
    assert "commander" in battle["roles"]
    assert battle["evidence"] and all(e["source"].endswith(".txt") for e in battle["evidence"])
    assert any("Zhukov" in e["sentence"] for e in battle["evidence"])


def test_describe_query_modules_import_neither_spacy_nor_extract_nor_networkx() -> None:
    # The query commands start fast: no NLP, and networkx only once a command traverses.
    # Of extract/ they read only the vocabulary table and the errors, which import nothing.
    modules = "queries.describe, queries.network, queries.sources, queries.stats, queries.timeline"
    code = (
        f"import sys, cli, {modules}; "
        "bad = [m for m in sys.modules if m in ('spacy', 'networkx') "
        "or m.startswith(('spacy.', 'extract', 'networkx.')) "
        "and m not in ('extract', 'extract.vocabulary', 'extract.errors')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


NAMES = [
    "Battle of Khalkhin Gol",  # exact label
    "Nomonhan Incident",  # exact alias
    "nomonhan incident",  # forgiving
    "Zhukov",
    "Japan",
    "Moscow",
    "Soviet-Japanese Neutrality Pact",
]


@pytest.mark.parametrize("name", NAMES)
def test_find_node_without_aliases_finds_the_same_node(mini_store: GraphStore, name: str) -> None:
    """The one-lookup form describe uses finds what the full lookup finds; only the
    aliases of an exactly typed name are left to the caller."""
    from queries.facts import find_node

    full, quick = (
        find_node(None, name, mini_store),
        find_node(None, name, mini_store, aliases=False),
    )
    assert (quick.iri, quick.label, quick.type) == (full.iri, full.label, full.type)
    assert set(quick.aliases) <= set(full.aliases)


@pytest.mark.parametrize("name", ["Soviet", "Treaty of Portsmouth", ""])
def test_find_node_without_aliases_fails_the_same_way(mini_store: GraphStore, name: str) -> None:
    from queries.facts import find_node

    with pytest.raises(NotFoundError) as full:
        find_node(None, name, mini_store)
    with pytest.raises(NotFoundError) as quick:
        find_node(None, name, mini_store, aliases=False)
    assert str(quick.value) == str(full.value)


@pytest.mark.parametrize("name", NAMES)
def test_facts_around_is_both_directions_of_facts_rq(
    mini_extra_store: GraphStore, name: str
) -> None:
    """facts_around.rq gives in one query what facts.rq gives bound to each end."""
    from queries.facts import fact_rows, facts_around, find_node

    iri = find_node(None, name, mini_extra_store).iri
    incoming = [r for r in fact_rows(mini_extra_store, object=iri) if r.subject != iri]
    assert facts_around(mini_extra_store, iri) == [
        *fact_rows(mini_extra_store, subject=iri),
        *incoming,
    ]


@pytest.mark.parametrize(
    "name", ["Battle of Khalkhin Gol", "Soviet–Japanese War", "Soviet-Japanese Neutrality Pact"]
)
def test_describe_dates_are_those_of_kg_when(mini_extra_store: GraphStore, name: str) -> None:
    """describe reads the dates' claims from the facts it has, not from when.rq: the
    answer is kg when's, claim for claim and evidence for evidence."""
    from queries.events import when

    card, said = describe(mini_extra_store, name), when(mini_extra_store, name)
    assert said["claims"]
    assert (card["start"], card["end"], card["dates"]) == (
        said["start"],
        said["end"],
        said["claims"],
    )


def test_describe_asks_quantities_only_when_the_facts_hold_some(
    mini_extra_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import queries.describe as module

    asked: list[str | None] = []
    real = module.quantities

    def counting(store: GraphStore, *, event: str | None = None):  # type: ignore[no-untyped-def]
        asked.append(event)
        return real(store, event=event)

    monkeypatch.setattr(module, "quantities", counting)
    assert describe(mini_extra_store, "Battle of Khalkhin Gol")["quantities"]
    assert len(asked) == 1
    assert describe(mini_extra_store, "Soviet-Japanese Neutrality Pact")["quantities"] == []
    assert len(asked) == 1  # no quantity claim about the pact: quantities.rq is not run


def test_quantities_about_a_side_are_those_of_every_event_filtered(
    mini_extra_store: GraphStore,
) -> None:
    # quantity_events.rq narrows the read to the events that count on that side; the
    # answer is the whole graph's quantities filtered by side, in the same order.
    from queries.facts import quantities

    every = quantities(mini_extra_store)
    sides = {q["about"] for q in every if q["about"]}
    assert sides  # the store states numbers about at least one side
    for side in sides:
        assert quantities(mini_extra_store, about=side) == [q for q in every if q["about"] == side]
    assert quantities(mini_extra_store, about="https://example.org/nobody") == []
