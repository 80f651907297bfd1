"""queries/events.py (who, when, entities) and kg/dates.py (the date choice)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.errors import KgError, NotFoundError
from kg.dates import choose_timestamp, contains, parse_stamp, support
from kg.store import GraphStore, open_store, write_generation
from queries.events import (
    UnknownTypeError,
    _claims_from_rows,
    entities,
    entity_type_name,
    when,
    who,
)
from queries.lookup import event_candidates
from queries.sparql import select

ENT = "https://w3id.org/histkg/entity/"
EV = "https://w3id.org/histkg/event/"
HKG_NS = "https://w3id.org/histkg/ns#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EVENT_KEYS = {"iri", "label", "type", "start", "end"}
PARTICIPANT_KEYS = {"iri", "label", "type", "roles", "evidence"}
EVIDENCE_KEYS = {"source", "sentence", "start", "end", "confidence"}


def by_label(result: dict) -> dict[str, dict]:
    return {p["label"]: p for p in result["participants"]}


# ---------------------------------------------------------------------------------------
# who
# ---------------------------------------------------------------------------------------


def test_events_who_follows_the_json_contract(mini_store: GraphStore) -> None:
    result = who(mini_store, "Battle of Khalkhin Gol", min_confidence=0.0)
    assert set(result) == {"event", "participants"}
    assert set(result["event"]) == EVENT_KEYS
    for participant in result["participants"]:
        assert set(participant) == PARTICIPANT_KEYS
        assert participant["roles"] == sorted(set(participant["roles"]))
        for item in participant["evidence"]:
            assert set(item) >= EVIDENCE_KEYS
            assert isinstance(item["start"], int) and isinstance(item["end"], int)
            assert isinstance(item["confidence"], float)
    json.dumps(result)  # plain data only


def test_events_who_event_header(mini_store: GraphStore) -> None:
    assert who(mini_store, "nomonhan")["event"] == {
        "iri": EV + "battle-of-khalkhin-gol",
        "label": "Battle of Khalkhin Gol",
        "type": "Battle",
        "start": "1939-05-11",
        "end": "1939-09-16",
    }


def test_events_who_lists_each_participant_once_ordered_by_best_role(
    mini_store: GraphStore,
) -> None:
    result = who(mini_store, "Khalkhin Gol", min_confidence=0.0)
    labels = [p["label"] for p in result["participants"]]
    assert labels == ["Georgy Zhukov", "Japan", "Mongolia", "Soviet Union", "Kwantung Army"]
    participants = by_label(result)
    assert participants["Georgy Zhukov"]["roles"] == ["commander", "participant"]
    assert participants["Soviet Union"]["roles"] == ["belligerent"]
    assert participants["Georgy Zhukov"]["iri"] == ENT + "georgy-zhukov"


def test_events_who_short_types(mini_store: GraphStore) -> None:
    participants = by_label(who(mini_store, "Khalkhin Gol", min_confidence=0.0))
    assert participants["Georgy Zhukov"]["type"] == "Person"
    assert participants["Japan"]["type"] == "Country"
    # Typed both hkg:MilitaryUnit and its superclass hkg:Organization: the specific one.
    assert participants["Kwantung Army"]["type"] == "MilitaryUnit"
    war = by_label(who(mini_store, "Soviet-Japanese War"))
    assert war["Imperial General Headquarters"]["type"] == "Organization"


def test_events_who_merges_and_deduplicates_evidence(mini_store: GraphStore) -> None:
    participants = by_label(who(mini_store, "Khalkhin Gol"))
    zhukov = participants["Georgy Zhukov"]["evidence"]
    assert [(e["source"], e["confidence"]) for e in zhukov] == [
        ("000_khalkhin_gol.txt", 0.9),
        ("001_nomonhan.txt", 0.5),
    ]
    assert zhukov[0]["sentence"].startswith("Georgy Zhukov commanded")
    assert (zhukov[0]["start"], zhukov[0]["end"]) == (130, 317)
    soviet = participants["Soviet Union"]["evidence"]
    assert len(soviet) == len({(e["source"], e["start"]) for e in soviet}) == 2


def test_events_who_min_confidence_filters_evidence_roles_and_participants(
    mini_store: GraphStore,
) -> None:
    participants = by_label(who(mini_store, "Khalkhin Gol", min_confidence=0.6))
    assert "Kwantung Army" not in participants  # its only claim has confidence 0.4
    assert participants["Georgy Zhukov"]["roles"] == ["commander"]
    assert all(e["confidence"] >= 0.6 for p in participants.values() for e in p["evidence"])
    assert who(mini_store, "Khalkhin Gol", min_confidence=0.95)["participants"] == []


def test_events_who_signatories_of_a_treaty(mini_store: GraphStore) -> None:
    result = who(mini_store, "Soviet–Japanese Neutrality Pact")
    assert result["event"]["type"] == "Treaty"
    assert result["event"]["start"] == "1941-04-13"
    assert result["event"]["end"] is None
    participants = by_label(result)
    assert set(participants) == {"Japan", "Vyacheslav Molotov", "Yōsuke Matsuoka"}
    assert all(p["roles"] == ["signatory"] for p in participants.values())


def test_events_who_plain_event_without_participants(mini_store: GraphStore) -> None:
    result = who(mini_store, "Soviet invasion of Manchuria")
    assert result["event"]["type"] == "Event"
    assert result["event"]["start"] == "1945-08"
    assert result["participants"] == []


def test_events_who_unknown_event_raises_not_found(mini_store: GraphStore) -> None:
    with pytest.raises(NotFoundError, match="did you mean"):
        who(mini_store, "Battle of Stalingrad")


# ---------------------------------------------------------------------------------------
# when
# ---------------------------------------------------------------------------------------


def test_events_when_follows_the_json_contract(mini_store: GraphStore) -> None:
    result = when(mini_store, "Khalkhin Gol")
    assert EVENT_KEYS | {"evidence", "claims"} <= set(result)
    for item in result["evidence"]:
        assert set(item) >= EVIDENCE_KEYS
    json.dumps(result)


def test_events_when_chooses_among_conflicting_sources(mini_store: GraphStore) -> None:
    result = when(mini_store, "Khalkhin Gol")
    # 05-11 (document 000) against 05-28 (document 001): one source each, equally
    # precise, so the earliest start wins. The end 1939-09-16 is backed by both
    # documents, since 001 says "September 1939".
    assert (result["start"], result["end"]) == ("1939-05-11", "1939-09-16")
    claims = {(c["kind"], c["value"]): c for c in result["claims"]}
    assert set(claims) == {
        ("start", "1939-05-11"),
        ("start", "1939-05-28"),
        ("end", "1939-09-16"),
        ("end", "1939-09"),
    }
    assert claims[("start", "1939-05-28")]["sources"] == ["001_nomonhan.txt"]
    assert claims[("start", "1939-05-28")]["chosen"] is False
    assert claims[("end", "1939-09")]["datatype"] == "xsd:gYearMonth"
    assert claims[("end", "1939-09-16")]["support"] == ["000_khalkhin_gol.txt", "001_nomonhan.txt"]
    assert [c["chosen"] for c in result["claims"]].count(True) == 2


def test_events_when_evidence_is_for_the_chosen_values(mini_store: GraphStore) -> None:
    result = when(mini_store, "Khalkhin Gol")
    assert {(e["kind"], e["value"]) for e in result["evidence"]} == {
        ("start", "1939-05-11"),
        ("end", "1939-09-16"),
    }
    assert all(e["source"] == "000_khalkhin_gol.txt" for e in result["evidence"])
    assert all(e["sentence"].startswith("The Battles of Khalkhin Gol") for e in result["evidence"])


def test_events_when_year_precision_and_missing_end(mini_store: GraphStore) -> None:
    result = when(mini_store, "Changkufeng Incident")
    assert (result["label"], result["start"], result["end"]) == (
        "Battle of Lake Khasan",
        "1938",
        None,
    )
    assert result["claims"][0]["datatype"] == "xsd:gYear"


@pytest.mark.parametrize("store_name", ["mini_store", "seeds_store"])
def test_events_date_claims_rq_gives_the_claims_of_when_rq(
    store_name: str, request: pytest.FixtureRequest
) -> None:
    """kg when reads date_claims.rq, not when.rq: the same claims, evidence and chosen
    values for every event, and every claim of a built graph with its sentence's file
    (so that when.rq is not asked again)."""
    store: GraphStore = request.getfixturevalue(store_name)
    candidates = event_candidates(store)
    assert len(candidates) >= 4
    for event in candidates:
        bound = {"event": ox.NamedNode(event.iri)}
        lean = select(store, "date_claims", bound)
        assert all(row["source"] is not None for row in lean), event.label
        full = _claims_from_rows(select(store, "when", bound))
        assert _claims_from_rows(lean) == full, event.label
        assert when(store, event.iri)["claims"] == full


def test_events_when_takes_a_claim_without_sentence_from_its_document(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    """A claim without a sentence has no file in date_claims.rq; kg when then asks
    when.rq, which names the document of the claim's graph."""
    sem, rdf = "http://semanticweb.cs.vu.nl/2009/11/sem/", RDF_NS
    graph = next(
        q.graph_name
        for q in mini_quads
        if q.predicate.value.endswith("#sourceFile") and q.object.value == "001_nomonhan.txt"
    )
    st = ox.NamedNode("https://w3id.org/histkg/statement/no-sentence")
    khasan = ox.NamedNode(EV + "battle-of-lake-khasan")
    year = ox.Literal("1939", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
    extra = [
        ox.Quad(st, ox.NamedNode(rdf + "type"), ox.NamedNode(HKG_NS + "Statement"), graph),
        ox.Quad(st, ox.NamedNode(rdf + "subject"), khasan, graph),
        ox.Quad(st, ox.NamedNode(rdf + "predicate"), ox.NamedNode(sem + "hasEndTimeStamp"), graph),
        ox.Quad(st, ox.NamedNode(rdf + "object"), year, graph),
    ]
    write_generation(tmp_path / "store", [*mini_quads, *extra])
    store = open_store(tmp_path / "store")
    bound = {"event": khasan}
    assert any(row["source"] is None for row in select(store, "date_claims", bound))
    result = when(store, "Battle of Lake Khasan")
    assert result["claims"] == _claims_from_rows(select(store, "when", bound))
    claim = next(c for c in result["claims"] if c["kind"] == "end")
    assert (claim["value"], claim["sources"]) == ("1939", ["001_nomonhan.txt"])
    assert claim["evidence"][0]["source"] == "001_nomonhan.txt"
    assert claim["evidence"][0]["sentence"] is None


# ---------------------------------------------------------------------------------------
# entities
# ---------------------------------------------------------------------------------------


def test_events_entities_sorted_by_label_with_types_and_aliases(mini_store: GraphStore) -> None:
    rows = entities(mini_store)
    assert [r["label"] for r in rows] == sorted((r["label"] for r in rows), key=str.casefold)
    assert all(set(r) == {"iri", "label", "type", "aliases"} for r in rows)
    found = {r["label"]: r for r in rows}
    assert found["Soviet Union"]["type"] == "Country"
    assert found["Soviet Union"]["aliases"] == ["the Soviet Union", "USSR"]
    assert found["Kwantung Army"] == {
        "iri": ENT + "kwantung-army",
        "label": "Kwantung Army",
        "type": "MilitaryUnit",
        "aliases": ["Kantōgun"],
    }
    assert found["Moscow"]["type"] == "Place"
    assert len(rows) == 12


@pytest.mark.parametrize(
    ("type_name", "labels"),
    [
        (
            "Person",
            {"Aleksandr Vasilevsky", "Georgy Zhukov", "Vyacheslav Molotov", "Yōsuke Matsuoka"},
        ),
        ("military unit", {"Kwantung Army", "Red Army"}),
        ("hkg:Organization", {"Imperial General Headquarters"}),
        ("place", {"Khalkhin Gol river", "Moscow"}),
    ],
)
def test_events_entities_type_filter(
    mini_store: GraphStore, type_name: str, labels: set[str]
) -> None:
    rows = entities(mini_store, type_name)
    assert {r["label"] for r in rows} == labels
    assert {r["type"] for r in rows} == {entity_type_name(type_name)}


def test_events_entities_unknown_type_lists_the_valid_ones(mini_store: GraphStore) -> None:
    with pytest.raises(UnknownTypeError) as info:
        entities(mini_store, "Battle")
    assert isinstance(info.value, KgError)
    assert "Person, Country, Organization, MilitaryUnit, Place" in str(info.value)


# ---------------------------------------------------------------------------------------
# kg/dates.py: the pure date choice behind when()
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1939", (1939,)),
        ("1939-05", (1939, 5)),
        ("1939-05-11", (1939, 5, 11)),
        ("1939-05-11Z", (1939, 5, 11)),
        ("1939-05-11+02:00", (1939, 5, 11)),
        ("-0044-03-15", (-44, 3, 15)),
        ("May 1939", None),
        ("39", None),
        ("", None),
    ],
)
def test_dates_parse_stamp_reads_xsd_lexical_forms(
    value: str, expected: tuple[int, ...] | None
) -> None:
    assert parse_stamp(value) == expected


def test_dates_contains_is_strict_prefix_containment() -> None:
    assert contains((1939,), (1939, 5, 11))
    assert contains((1939, 5), (1939, 5, 11))
    assert not contains((1939, 5), (1939, 6, 1))
    assert not contains((1939,), (1939,))
    assert not contains((1939, 5, 11), (1939,))


def test_dates_choose_timestamp_prefers_the_value_most_sources_state() -> None:
    # Later and equally precise, but stated by two documents against one.
    claims = {"1939-05-28": {"a.txt", "b.txt"}, "1939-05-11": {"c.txt"}}
    assert choose_timestamp(claims) == "1939-05-28"


def test_dates_choose_timestamp_counts_a_coarser_value_as_support() -> None:
    # "1939-05" (document c) contains 05-11 but not 06-01, so 05-11 has two supporters.
    claims = {"1939-06-01": {"a.txt"}, "1939-05-11": {"b.txt"}, "1939-05": {"c.txt"}}
    assert choose_timestamp(claims) == "1939-05-11"
    assert support(claims, "1939-05-11") == {"b.txt", "c.txt"}
    assert support(claims, "1939-06-01") == {"a.txt"}


def test_dates_choose_timestamp_prefers_precise_value_a_year_agrees_with() -> None:
    # Two sources only say 1939; the one date within it is backed by all three.
    assert choose_timestamp({"1939": {"a", "b"}, "1939-05-11": {"c"}}) == "1939-05-11"


def test_dates_choose_timestamp_incompatible_coarse_value_is_no_support() -> None:
    assert choose_timestamp({"1940": {"a", "b"}, "1939-05-11": {"c"}}) == "1940"


def test_dates_choose_timestamp_tie_goes_to_the_more_precise_value() -> None:
    assert choose_timestamp({"1939": {"a"}, "1940-02": {"b"}}) == "1940-02"
    assert choose_timestamp({"1941": {"a"}, "1940-02": {"b"}}, end=True) == "1940-02"


def test_dates_choose_timestamp_tie_goes_to_earliest_start_and_latest_end() -> None:
    claims = {"1939-05-11": {"a"}, "1939-05-28": {"b"}}
    assert choose_timestamp(claims) == "1939-05-11"
    assert choose_timestamp(claims, end=True) == "1939-05-28"


def test_dates_choose_timestamp_handles_years_before_the_common_era() -> None:
    claims = {"-0044-03-15": {"a"}, "-0043-01-01": {"b"}}
    assert choose_timestamp(claims) == "-0044-03-15"
    assert choose_timestamp(claims, end=True) == "-0043-01-01"


def test_dates_choose_timestamp_unparseable_value_loses_ties() -> None:
    assert choose_timestamp({"c. 1939": {"a"}, "1939": {"b"}}) == "1939"
    assert choose_timestamp({"c. 1939": {"a", "b"}, "1939": {"c"}}) == "c. 1939"


def test_dates_choose_timestamp_of_no_claims_is_none() -> None:
    assert choose_timestamp({}) is None


_stamps = st.builds(
    lambda y, m, d, precision: "-".join([f"{y:04d}", f"{m:02d}", f"{d:02d}"][: precision + 1]),
    st.integers(1900, 1950),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 2),
)
_claims = st.dictionaries(_stamps, st.sets(st.sampled_from("abcde"), min_size=1), min_size=1)


@given(_claims, st.booleans())
def test_dates_choose_timestamp_picks_a_best_supported_value_whatever_the_order(
    claims: dict[str, set[str]], end: bool
) -> None:
    chosen = choose_timestamp(claims, end=end)
    assert chosen in claims
    assert choose_timestamp(dict(reversed(list(claims.items()))), end=end) == chosen
    best = len(support(claims, chosen))
    assert all(len(support(claims, value)) <= best for value in claims)


def test_dates_choose_timestamp_one_source_goes_by_how_many_sentences_say_it() -> None:
    # A16 Poltava: the article dates the battle "8 July 1709" in three sentences and, from
    # an old encyclopedia, "the 27th of June" of a year misread as 1707 once.
    claims = {"1709-07-08": {"a"}, "1707-06-27": {"a"}}
    statements = {"1709-07-08": 3, "1707-06-27": 1}
    assert choose_timestamp(claims, statements=statements) == "1709-07-08"
    assert choose_timestamp(claims) == "1707-06-27"  # without counts: the earliest


def test_dates_choose_timestamp_sentences_never_outvote_sources() -> None:
    claims = {"1709-07-08": {"a"}, "1707-06-27": {"b", "c"}}
    assert choose_timestamp(claims, statements={"1709-07-08": 9, "1707-06-27": 2}) == ("1707-06-27")


def test_dates_choose_timestamp_a_coarser_sentence_backs_the_precise_value() -> None:
    # "in 1939" three times and "on 11 May 1939" once: the day, which the year contains.
    claims = {"1939": {"a"}, "1939-05-11": {"a"}, "1940-02": {"a"}}
    statements = {"1939": 3, "1939-05-11": 1, "1940-02": 2}
    assert choose_timestamp(claims, statements=statements) == "1939-05-11"


def test_dates_choose_timestamp_weighs_sentences_by_confidence_within_a_source() -> None:
    # The resolved layer passes the sum of confidences: C07 Hattin's infobox (3 July, at
    # 0.9) against a sentence the date model doubts (4 July, 0.3 twice).
    claims = {"1187-07-03": {"a"}, "1187-07-04": {"a"}}
    assert choose_timestamp(claims, statements={"1187-07-03": 0.9, "1187-07-04": 0.6}) == (
        "1187-07-03"
    )
    # Negative: confidence never outvotes sources; two sources at 0.1 beat one at 0.99.
    claims = {"1187-07-03": {"a"}, "1187-07-04": {"b", "c"}}
    assert choose_timestamp(claims, statements={"1187-07-03": 0.99, "1187-07-04": 0.2}) == (
        "1187-07-04"
    )
