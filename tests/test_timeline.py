"""queries/timeline.py and ``kg timeline``: events in date order, with who took part."""

from __future__ import annotations

import json

import pytest

from extract.errors import QueryError
from kg.store import GraphStore
from queries.events import when
from queries.timeline import event_type_name, timeline

EV = "https://w3id.org/histkg/event/"


def labels(result: dict) -> list[str]:  # type: ignore[type-arg]
    return [event["label"] for event in result["events"]]


def test_timeline_orders_events_by_date_at_their_precision(mini_store: GraphStore) -> None:
    result = timeline(mini_store)
    assert [(e["label"], e["start"], e["end"]) for e in result["events"]] == [
        ("Battle of Lake Khasan", "1938", None),
        ("Battle of Khalkhin Gol", "1939-05-11", "1939-09-16"),
        ("Soviet–Japanese Neutrality Pact", "1941-04-13", None),
        ("Soviet invasion of Manchuria", "1945-08", None),
        ("Soviet–Japanese War", "1945-08-09", "1945-09-03"),
    ]


def test_timeline_dates_are_the_ones_kg_when_chooses(mini_extra_store: GraphStore) -> None:
    # Khalkhin Gol has conflicting starts, the pact conflicting ends and a coarser start.
    for event in timeline(mini_extra_store)["events"]:
        answer = when(mini_extra_store, event["iri"])
        assert (event["start"], event["end"]) == (answer["start"], answer["end"])


def test_timeline_lists_undated_events_last(mini_extra_store: GraphStore) -> None:
    events = timeline(mini_extra_store)["events"]
    assert events[-1]["label"] == "Operation August Storm"
    assert events[-1]["dated"] is False
    assert all(e["dated"] for e in events[:-1])


def test_timeline_text_says_undated(kg, mini_extra_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("timeline", store=mini_extra_store_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("1858 ") and "Treaty of Aigun (Treaty)" in lines[0]
    assert lines[-1].startswith("undated ")
    assert "Operation August Storm (Operation): Red Army" in lines[-1]


def test_timeline_year_range_keeps_events_that_overlap_it(mini_extra_store: GraphStore) -> None:
    # The pact runs 1941-04-13 – 1946-04-13, so it overlaps 1943 although neither date is.
    assert labels(timeline(mini_extra_store, start=1943, end=1943)) == [
        "Soviet–Japanese Neutrality Pact"
    ]
    assert labels(timeline(mini_extra_store, start=1939, end=1941)) == [
        "Battle of Khalkhin Gol",
        "Soviet–Japanese Neutrality Pact",
    ]
    later = labels(timeline(mini_extra_store, start=1945))
    assert "Battle of Khalkhin Gol" not in later
    assert "Operation August Storm" not in later  # undated: cannot be placed in a range
    assert labels(timeline(mini_extra_store, end=1858)) == ["Treaty of Aigun"]


def test_timeline_type_filter_is_forgiving(mini_store: GraphStore) -> None:
    assert labels(timeline(mini_store, type="battle")) == [
        "Battle of Lake Khasan",
        "Battle of Khalkhin Gol",
    ]
    assert labels(timeline(mini_store, type="hkg:War")) == ["Soviet–Japanese War"]
    assert labels(timeline(mini_store, type="event")) == ["Soviet invasion of Manchuria"]
    assert event_type_name("TREATY") == "Treaty"


def test_timeline_unknown_type_and_reversed_years_are_errors(mini_store: GraphStore) -> None:
    with pytest.raises(QueryError, match="unknown event type 'skirmish'; valid types: Battle"):
        timeline(mini_store, type="skirmish")
    with pytest.raises(QueryError, match="1945 is after 1939"):
        timeline(mini_store, start=1945, end=1939)


def test_timeline_participants_are_ranked_by_evidence(mini_store: GraphStore) -> None:
    battle = next(e for e in timeline(mini_store)["events"] if e["label"].startswith("Battle of K"))
    # Zhukov and the Soviet Union are each stated by two sentences; the commander comes
    # first. The Kwantung Army's only claim is a 0.4 co-occurrence: below kg who's default.
    assert [p["label"] for p in battle["participants"]] == [
        "Georgy Zhukov",
        "Soviet Union",
        "Japan",
        "Mongolia",
    ]
    zhukov = battle["participants"][0]
    assert zhukov["roles"] == ["commander", "participant"]
    assert zhukov["sentences"] == 2
    assert zhukov["confidence"] == pytest.approx(0.9)
    everyone = timeline(mini_store, min_confidence=0)["events"][1]["participants"]
    assert "Kwantung Army" in [p["label"] for p in everyone]


def test_timeline_cli_text_and_json(kg) -> None:  # type: ignore[no-untyped-def]
    text = kg("timeline", "--from", "1939", "--to", "1939")
    assert text.exit_code == 0, text.output
    assert text.output == (
        "1939-05-11 – 1939-09-16  Battle of Khalkhin Gol (Battle): "
        "Georgy Zhukov, Soviet Union, Japan and 1 more\n"
    )
    data = json.loads(kg("timeline", "--type", "war", "--format", "json").output)
    assert data["type"] == "War"
    assert [e["iri"] for e in data["events"]] == [EV + "soviet-japanese-war"]
    assert data["events"][0]["participants"][0]["label"] == "Aleksandr Vasilevsky"


def test_timeline_cli_unknown_type_is_a_one_line_error(kg) -> None:  # type: ignore[no-untyped-def]
    result = kg("timeline", "--type", "skirmish")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown event type 'skirmish'")
    assert len(result.output.strip().splitlines()) == 1


def test_timeline_seeds_dates_khalkhin_gol_and_names_its_fighters(seeds_store_path, kg) -> None:  # type: ignore[no-untyped-def]
    result = kg("timeline", "--format", "json", store=seeds_store_path)
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)["events"]
    battle = next(e for e in events if e["label"] == "Battle of Jaljin Goal")
    assert battle["start"] is not None and battle["start"].startswith("1939")
    assert {"Japan", "Soviet Union"} <= {p["label"] for p in battle["participants"]}
    dated = [e for e in events if e["dated"]]
    assert events[: len(dated)] == dated  # undated ones come last
    starts = [e["start"] or e["end"] for e in dated]
    assert [s[:4] for s in starts] == sorted(s[:4] for s in starts)
