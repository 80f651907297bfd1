"""queries/stats.py and ``kg stats``: what the graph holds, in numbers."""

from __future__ import annotations

import json

from kg.store import GraphStore
from queries.stats import stats


def test_stats_counts_events_and_entities_by_their_most_specific_type(
    mini_store: GraphStore,
) -> None:
    result = stats(mini_store)
    assert result["events"] == {
        "total": 5,
        "by_type": {"Battle": 2, "Event": 1, "Treaty": 1, "War": 1},
    }
    # The Kwantung Army is typed MilitaryUnit and Organization: it counts once.
    assert result["entities"] == {
        "total": 12,
        "by_type": {"Person": 4, "Country": 3, "MilitaryUnit": 2, "Place": 2, "Organization": 1},
    }


def test_stats_facts_are_distinct_triples_statements_their_evidence(mini_store: GraphStore) -> None:
    facts = stats(mini_store)["facts"]
    # Two documents state that the Soviet Union fought at Khalkhin Gol: one fact, two
    # statements. Khalkhin Gol's two different start dates are two claims of one fact:
    # the resolved layer concludes one start per event.
    assert facts["by_kind"]["belligerent"] == {"facts": 5, "statements": 6}
    assert facts["by_kind"]["start"] == {"facts": 5, "statements": 6}
    assert facts["by_kind"]["declaredWarOn"] == {"facts": 1, "statements": 1}
    assert (facts["total"], facts["statements"]) == (27, 30)
    assert "quantity" not in facts["by_kind"]


def test_stats_documents_and_most_connected(mini_store: GraphStore) -> None:
    result = stats(mini_store)
    assert result["documents"] == [
        {"source": "000_khalkhin_gol.txt", "facts": 7, "statements": 7, "sentences": 3},
        {"source": "001_nomonhan.txt", "facts": 6, "statements": 6, "sentences": 3},
        {"source": "002_soviet_japanese_war.txt", "facts": 17, "statements": 17, "sentences": 5},
    ]
    top = result["most_connected"]
    # Japan and the Soviet Union: three events each, and each other.
    assert [(n["label"], n["neighbours"], n["events"]) for n in top[:2]] == [
        ("Japan", 4, 3),
        ("Soviet Union", 4, 3),
    ]
    assert all(n["kind"] == "entity" for n in top)
    assert len(stats(mini_store, top=3)["most_connected"]) == 3


def test_stats_counts_quantities_when_the_graph_has_them(mini_extra_store: GraphStore) -> None:
    facts = stats(mini_extra_store)["facts"]
    assert facts["by_kind"]["quantity"] == {"facts": 5, "statements": 5}


def test_stats_cli_text_and_json(kg) -> None:  # type: ignore[no-untyped-def]
    result = kg("stats")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Events: 5 (Battle 2, Event 1, Treaty 1, War 1)",
        "Entities: 12 (Person 4, Country 3, MilitaryUnit 2, Place 2, Organization 1)",
        "Facts: 27 distinct, stated 30 times",
    ]
    assert "  declaredWarOn     1 fact      1 statement" in lines
    assert "Documents: 3" in lines
    assert "  000_khalkhin_gol.txt           7 facts     7 statements     3 sentences" in lines
    assert "Most connected entities:" in lines
    data = json.loads(kg("stats", "--format", "json").output)
    assert data["events"]["total"] == 5
    assert data["most_connected"][0]["label"] == "Japan"


def test_stats_seeds_every_document_contributes_facts(kg, seeds_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("stats", "--format", "json", store=seeds_store_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["documents"]) == 4
    assert all(d["facts"] > 0 and d["statements"] >= d["facts"] for d in data["documents"])
    assert data["facts"]["statements"] == sum(d["statements"] for d in data["documents"])
    assert data["events"]["total"] >= 10
    assert {"Japan", "Soviet Union"} <= {n["label"] for n in data["most_connected"][:3]}
