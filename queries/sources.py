"""``kg sources``: which document states what about an event or entity, and where the
documents disagree.

Every document has its own named graph, so the graph keeps each source's claims side by
side instead of merging them; this is where a reader sees them that way. Facts are
grouped by document (each with its sentences), then the disagreements are named:

* dates: two documents give begin (or end) dates for the event that cannot both be true.
  A coarser date containing a finer one is agreement, not conflict (1939 and 1939-05-11;
  the rule of kg/dates.py), so only values neither of which contains the other
  conflict (1946-04-05 and 1946-04-13).
* quantities: different numbers for the same event, the same measure and the same side
  (``hkg:about``), e.g. two death tolls for one army in one battle, unless one sentence
  states them together (a range, "70 to 90 men", or a breakdown).

The answer is a JSON contract (``kg sources --format json``; keys fixed, new keys may be
added)::

    {"node": node,
     "documents": [{"source", "facts": [{"subject": node, "predicate",
                                         "object": node | None, "value": str | None,
                                         "evidence": [...]}],
                    "quantities": [quantity as in kg describe]}],
     "conflicts": [{"kind": "start" | "end" | "quantity", "event": node,
                    "measure", "about": node | None,
                    "claims": [{"value", "approximate", "sources": [str],
                                "evidence": [...]}]}],
     "corrections": [as in kg describe]}

``object`` is the node at the other end of the fact; ``value`` the literal of a date fact.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TypedDict

from kg.dates import contains, parse_stamp
from kg.store import GraphStore
from queries.describe import QuantityView, quantity_view
from queries.events import Evidence
from queries.facts import (
    DATES,
    Catalogue,
    CorrectionView,
    FactRow,
    NodeRef,
    Quantity,
    corrections_about,
    facts_around,
    find_node,
    lazy_catalogue,
    merge_evidence,
    quantities,
)


class DocumentFact(TypedDict):
    subject: NodeRef
    predicate: str
    object: NodeRef | None
    value: str | None
    evidence: list[Evidence]


class DocumentClaims(TypedDict):
    source: str
    facts: list[DocumentFact]
    quantities: list[QuantityView]


class ConflictClaim(TypedDict):
    value: str
    approximate: bool
    sources: list[str]
    evidence: list[Evidence]


class Conflict(TypedDict):
    kind: str  # "start", "end" or "quantity"
    event: NodeRef
    measure: str | None
    about: NodeRef | None
    claims: list[ConflictClaim]


class SourcesResult(TypedDict):
    node: NodeRef
    documents: list[DocumentClaims]
    conflicts: list[Conflict]
    corrections: list[CorrectionView]


def sources(store: GraphStore, name: str) -> SourcesResult:
    """What each document states about the event or entity ``name`` refers to, and the
    conflicts between documents (dates of the event; numbers about it or about the side)."""
    catalogue = lazy_catalogue(store)
    found = find_node(None, name, store)
    node = catalogue.ref(found.iri)
    rows = facts_around(store, found.iri)
    if node["kind"] == "event":
        stated = quantities(store, event=found.iri)
    else:
        stated = quantities(store, about=found.iri)

    documents: dict[str, DocumentClaims] = {}

    def document(source: str) -> DocumentClaims:
        return documents.setdefault(source, {"source": source, "facts": [], "quantities": []})

    by_fact: dict[tuple[str, str, str, str], list[FactRow]] = defaultdict(list)
    for row in rows:
        if row.predicate == "quantity":  # shown with their numbers, below
            continue
        by_fact[(row.source, row.subject, row.predicate, row.object)].append(row)
    for (source, subject, predicate, obj), items in by_fact.items():
        literal = items[0].literal
        document(source)["facts"].append(
            {
                "subject": catalogue.ref(subject),
                "predicate": predicate,
                "object": None if literal else catalogue.ref(obj),
                "value": obj if literal else None,
                "evidence": merge_evidence(r.evidence for r in items),
            }
        )
    for quantity in stated:
        document(quantity["source"])["quantities"].append(quantity_view(quantity, catalogue))
    for claims in documents.values():
        claims["facts"].sort(key=_fact_order)

    conflicts = _date_conflicts(rows, found.iri, catalogue) if node["kind"] == "event" else []
    conflicts += _quantity_conflicts(stated, catalogue)
    return {
        "node": node,
        "documents": [documents[source] for source in sorted(documents)],
        "conflicts": conflicts,
        "corrections": corrections_about(store, found.iri, catalogue),
    }


def _fact_order(fact: DocumentFact) -> tuple[int, int, str, str]:
    """Start and end dates first, then in the order the document states the facts."""
    positions = [e["start"] for e in fact["evidence"] if e["start"] is not None]
    first = min(positions, default=-1)
    label = fact["object"]["label"] if fact["object"] else fact["value"] or ""
    rank = DATES.index(fact["predicate"]) if fact["predicate"] in DATES else len(DATES)
    return (rank, first, fact["predicate"], label)


def _date_conflicts(rows: list[FactRow], iri: str, catalogue: Catalogue) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for kind in DATES:
        stated: dict[str, list[FactRow]] = defaultdict(list)
        for row in rows:
            if row.subject == iri and row.predicate == kind and row.literal:
                stated[row.object].append(row)
        clashing = incompatible_dates(list(stated))
        if not clashing:
            continue
        conflicts.append(
            {
                "kind": kind,
                "event": catalogue.ref(iri),
                "measure": None,
                "about": None,
                "claims": [
                    {
                        "value": value,
                        "approximate": False,
                        "sources": sorted({r.source for r in stated[value] if r.source}),
                        "evidence": merge_evidence(r.evidence for r in stated[value]),
                    }
                    for value in sorted(clashing, key=_date_order)
                ],
            }
        )
    return conflicts


def incompatible_dates(values: list[str]) -> set[str]:
    """The values that clash with at least one other: neither equal nor one containing
    the other (1939 is compatible with 1939-05-11; 1939-05-11 and 1939-05-28 clash).
    A value that is not a date clashes with every different value."""
    clashing: set[str] = set()
    for a, b in itertools.combinations(sorted(set(values)), 2):
        sa, sb = parse_stamp(a), parse_stamp(b)
        if sa is not None and sb is not None and (sa == sb or contains(sa, sb) or contains(sb, sa)):
            continue
        clashing |= {a, b}
    return clashing


def _date_order(value: str) -> tuple[int, tuple[int, ...], str]:
    stamp = parse_stamp(value)
    return (0, stamp, value) if stamp is not None else (1, (), value)


def _quantity_conflicts(stated: list[Quantity], catalogue: Catalogue) -> list[Conflict]:
    groups: dict[tuple[str, str, str], list[Quantity]] = defaultdict(list)
    for quantity in stated:
        key = (quantity["event"], quantity["measure"] or "", quantity["about"] or "")
        groups[key].append(quantity)
    conflicts: list[Conflict] = []
    for (event, measure, about), items in sorted(groups.items()):
        values: dict[object, list[Quantity]] = defaultdict(list)
        for quantity in items:
            values[_amount(quantity)].append(quantity)
        clashing = _clashing_amounts(values)
        if not clashing:
            continue
        claims: list[ConflictClaim] = [
            {
                "value": same[0]["value_text"],
                "approximate": any(q["approximate"] for q in same),
                "sources": sorted({q["source"] for q in same if q["source"]}),
                "evidence": merge_evidence(e for q in same for e in q["evidence"]),
            }
            for amount, same in sorted(values.items(), key=lambda item: _numeric_order(item[0]))
            if amount in clashing
        ]
        conflicts.append(
            {
                "kind": "quantity",
                "event": catalogue.ref(event),
                "measure": measure or None,
                "about": catalogue.ref(about) if about else None,
                "claims": claims,
            }
        )
    return conflicts


def _clashing_amounts(values: dict[object, list[Quantity]]) -> set[object]:
    """The amounts that disagree with another one. Two numbers that one sentence states
    together ("70 to 90 men", "8,000 dead and 12,000 dead in the second phase") are a
    range or a breakdown, not two sources disagreeing, so they do not clash."""
    sentences = {amount: _sentences(items) for amount, items in values.items()}
    clashing: set[object] = set()
    for a, b in itertools.combinations(values, 2):
        if sentences[a] == sentences[b] and len(sentences[a]) == 1:
            continue
        clashing |= {a, b}
    return clashing


def _sentences(items: list[Quantity]) -> set[tuple[str, int | None]]:
    """Where the quantities were read: (file, sentence offset), the file alone when a
    quantity has no sentence evidence."""
    found: set[tuple[str, int | None]] = set()
    for quantity in items:
        starts = [e["start"] for e in quantity["evidence"]] or [None]
        found |= {(quantity["source"], start) for start in starts}
    return found


def _amount(quantity: Quantity) -> object:
    """What makes two numbers the same: their value (18500 = 18500.0), else their text."""
    return quantity["value"] if quantity["value"] is not None else quantity["value_text"]


def _numeric_order(amount: object) -> tuple[int, float, str]:
    if isinstance(amount, int | float):
        return (0, float(amount), "")
    return (1, 0.0, str(amount))
