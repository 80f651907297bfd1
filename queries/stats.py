"""``kg stats``: what the graph holds, in numbers.

A first look at a built graph (and a quick check that a build did what was expected):
events and entities by type (type_counts.rq), facts by kind and how often the documents
state them (fact_counts.rq), what each document contributes (document_counts.rq), and the
most connected entities of the actor–event network (queries/network.py).

The answer is a JSON contract (``kg stats --format json``; keys fixed, new keys may be
added)::

    {"events": {"total", "by_type": {type: count}},
     "entities": {"total", "by_type": {type: count}},
     "facts": {"total", "statements", "by_kind": {kind: {"facts", "statements"}}},
     "documents": [{"source", "facts", "statements", "sentences"}],
     "most_connected": [{"iri", "label", "type", "kind", "neighbours", "events"}]}

A fact is a distinct triple (an actor's role in an event, a date, a place, a declaration
of war, a quantity), counted once however many documents state it; a statement is one
document's sentence stating one fact (an hkg:Statement), the unit of evidence.
"""

from __future__ import annotations

from typing import TypedDict

from kg.store import GraphStore
from queries.facts import SHORT_PREDICATES, NodeRef, load_catalogue
from queries.network import degrees, network
from queries.sparql import select
from queries.terms import integer, local_name, text

MOST_CONNECTED = 10


class TypeCounts(TypedDict):
    total: int
    by_type: dict[str, int]


class KindCounts(TypedDict):
    facts: int
    statements: int


class FactCounts(TypedDict):
    total: int
    statements: int
    by_kind: dict[str, KindCounts]


class DocumentCounts(TypedDict):
    source: str
    facts: int
    statements: int
    sentences: int


class Connected(NodeRef):
    neighbours: int  # distinct events, actors and places it is linked to
    events: int  # of which events


class StatsResult(TypedDict):
    events: TypeCounts
    entities: TypeCounts
    facts: FactCounts
    documents: list[DocumentCounts]
    most_connected: list[Connected]


def stats(store: GraphStore, *, top: int = MOST_CONNECTED) -> StatsResult:
    """Counts over the whole store, and the ``top`` most connected entities."""
    kinds: dict[str, TypeCounts] = {
        "event": {"total": 0, "by_type": {}},
        "entity": {"total": 0, "by_type": {}},
    }
    for row in select(store, "type_counts"):
        kind, type_iri, count = text(row["kind"]), text(row["type"]), integer(row["count"])
        if kind not in kinds or type_iri is None or not count:
            continue
        # hkg:Battle -> "Battle"; sem:Event / sem:Actor (no hkg class) -> "Event" / "Actor"
        kinds[kind]["by_type"][local_name(type_iri)] = count
        kinds[kind]["total"] += count

    facts: FactCounts = {"total": 0, "statements": 0, "by_kind": {}}
    for row in select(store, "fact_counts"):
        kind = SHORT_PREDICATES.get(text(row["predicate"]) or "")
        if kind is None:
            continue
        counts: KindCounts = {
            "facts": integer(row["facts"]) or 0,
            "statements": integer(row["statements"]) or 0,
        }
        facts["by_kind"][kind] = counts
        facts["total"] += counts["facts"]
        facts["statements"] += counts["statements"]

    documents: list[DocumentCounts] = [
        {
            "source": text(row["source"]) or text(row["graph"]) or "",
            "facts": integer(row["facts"]) or 0,
            "statements": integer(row["statements"]) or 0,
            "sentences": integer(row["sentences"]) or 0,
        }
        for row in select(store, "document_counts")
    ]

    catalogue = load_catalogue(store)
    connected: list[Connected] = [
        {**node, "neighbours": neighbours, "events": events}
        for node, neighbours, events in degrees(network(store), catalogue, limit=top)
    ]
    return {
        "events": kinds["event"],
        "entities": kinds["entity"],
        "facts": facts,
        "documents": documents,
        "most_connected": connected,
    }
