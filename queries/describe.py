"""``kg describe``: everything the graph holds about one event or entity, with sources.

A reader meeting a name wants the whole card at once: what it is, what else it is
called, when, who or what it is tied to, what the sources say it did, the numbers given
for it, and for each of these the documents and sentences that say so. The card is
assembled from the facts around the node (queries/facts.py: facts.rq both ways,
quantities.rq), the dates ``kg when`` chooses and the ranking of ``kg related``.

The answer is a JSON contract (``kg describe --format json``; keys fixed, new keys may be
added)::

    {"iri", "label", "type", "kind", "aliases": [str],
     "start", "end", "dates": [claim as in kg when],          # events; empty otherwise
     "participants": [link],   # an event's actors:   {...node, "roles", "sources", "evidence"}
     "events": [link],         # an entity's events:  {...node, "roles", "start", "end", ...}
     "places": [link],         # an event's places
     "statements": [{"subject": node, "predicate", "object": node, "sources", "evidence"}],
     "quantities": [{"event": node, "measure", "value", "value_text", "unit",
                     "about": node | None, "approximate", "source", "evidence"}],
     "related": [as in kg related],
     "corrections": [{"action", "subject": node, "predicate", "object": node | None,
                      "value", "by", "at", "why"}]}   # people's corrections (kg correct)

A node is ``{"iri", "label", "type", "kind"}``; ``roles`` are role names (commander,
belligerent, signatory, participant) or "place" for an event held at a place entity.
Nothing is filtered by confidence: this is everything the graph holds, each evidence item
with its confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from kg.store import GraphStore
from queries.events import (
    DEFAULT_MIN_CONFIDENCE,
    Claim,
    Evidence,
    RoleEvidence,
    date_claims,
    when_from_claims,
)
from queries.facts import (
    ACTOR_STATEMENTS,
    DATES,
    ROLES,
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
    merge_role_evidence,
    quantities,
)
from queries.network import RelatedNode, neighbours, network_around
from queries.timeline import EventDates

RELATED_SHOWN = 5
_ROLE_ORDER = {role: i for i, role in enumerate((*ROLES, "place"))}


class LinkedNode(NodeRef):
    roles: list[str]
    start: str | None  # the linked node's dates, when it is an event
    end: str | None
    sources: list[str]
    evidence: list[RoleEvidence]  # each sentence once, with the roles it supports


class StatementView(TypedDict):
    subject: NodeRef
    predicate: str
    object: NodeRef
    sources: list[str]
    evidence: list[Evidence]


class QuantityView(TypedDict):
    event: NodeRef
    measure: str | None
    value: int | float | None
    value_text: str
    unit: str | None
    about: NodeRef | None
    approximate: bool
    source: str
    evidence: list[Evidence]


class DescribeResult(NodeRef):
    aliases: list[str]
    start: str | None
    end: str | None
    dates: list[Claim]
    participants: list[LinkedNode]
    events: list[LinkedNode]
    places: list[LinkedNode]
    statements: list[StatementView]
    quantities: list[QuantityView]
    related: list[RelatedNode]
    corrections: list[CorrectionView]


def describe(store: GraphStore, name: str) -> DescribeResult:
    """The card of the event or entity ``name`` refers to (forgiving lookup over both).

    About ten queries: the name, the facts both ways (which also give the dates' claims
    and tell whether there are quantities), the network around the node, then the names
    and dates of every node the card shows at once."""
    catalogue = lazy_catalogue(store)
    found = find_node(None, name, store, aliases=False)  # the aliases come with its name
    rows = facts_around(store, found.iri)
    linked_iris = [end for r in rows if not r.literal for end in (r.subject, r.object)]
    net = network_around(store, found.iri, min_confidence=DEFAULT_MIN_CONFIDENCE)
    # Every node the card names, looked up at once rather than one query each.
    catalogue.prefetch([found.iri, *linked_iris, *(str(n) for n in net.graph.nodes)])
    found = catalogue.events.get(found.iri) or catalogue.entities.get(found.iri) or found
    node = catalogue.ref(found.iri)
    is_event = node["kind"] == "event"
    dated = EventDates(store)
    dated.prefetch([found.iri, *linked_iris])

    start = end = None
    dates: list[Claim] = []
    if is_event:
        answer = when_from_claims(found, _date_claims(found.iri, rows, dated))
        start, end, dates = answer["start"], answer["end"], answer["claims"]

    def linked(pick: Iterable[tuple[str, str, FactRow]]) -> list[LinkedNode]:
        return _linked(pick, catalogue, dated)

    outgoing = [r for r in rows if r.subject == found.iri and not r.literal]
    incoming = [r for r in rows if r.object == found.iri and not r.literal]
    participants = linked((r.object, r.predicate, r) for r in outgoing if r.predicate in ROLES)
    places = linked((r.object, r.predicate, r) for r in outgoing if r.predicate == "place")
    events = linked(
        (r.subject, r.predicate, r)
        for r in incoming
        if r.predicate in ROLES or r.predicate == "place"
    )
    statements = _statements(
        [r for r in rows if r.predicate in ACTOR_STATEMENTS and not r.literal], catalogue
    )
    if not is_event:
        stated = quantities(store, about=found.iri)
    elif any(r.subject == found.iri and r.predicate == "quantity" for r in outgoing):
        stated = quantities(store, event=found.iri)
    else:  # quantities.rq reads the same claims the facts hold: none, so no numbers
        stated = []
    catalogue.prefetch(iri for q in stated for iri in (q["event"], q["about"]) if iri)
    related = neighbours(net, catalogue, found.iri, limit=RELATED_SHOWN)
    return {
        **node,
        "aliases": [a for a in found.aliases if a != found.label],
        "start": start,
        "end": end,
        "dates": dates,
        "participants": participants,
        "events": events,
        "places": places,
        "statements": statements,
        "quantities": [quantity_view(q, catalogue) for q in stated],
        "related": related,
        "corrections": corrections_about(store, found.iri, catalogue),
    }


def _date_claims(iri: str, rows: list[FactRow], dated: EventDates) -> list[Claim]:
    """The claims ``kg when`` lists for the event, from the facts already read (the rows
    when.rq would give: the same statements, sources and evidence) and the values the
    resolved layer concludes (dates.rq, looked up with the linked events' dates)."""
    start, end = dated.get(iri)
    resolved = {kind: value for kind, value in (("start", start), ("end", end)) if value}
    stated = [
        (r.predicate, r.object, r.datatype, r.source or None, r.evidence)
        for r in rows
        if r.subject == iri and r.predicate in DATES and r.literal
    ]
    return date_claims(stated, resolved)


def _linked(
    picked: Iterable[tuple[str, str, FactRow]],
    catalogue: Catalogue,
    dated: EventDates,
) -> list[LinkedNode]:
    """One entry per linked node, with every role and the evidence of each."""
    grouped: dict[str, tuple[set[str], set[str], list[tuple[str, Evidence | None]]]] = {}
    for iri, role, row in picked:
        roles, sources, evidence = grouped.setdefault(iri, (set(), set(), []))
        roles.add(role)
        if row.source:
            sources.add(row.source)
        evidence.append((role, row.evidence))
    result: list[LinkedNode] = []
    for iri, (roles, sources, evidence) in grouped.items():
        start, end = dated.get(iri, (None, None))
        result.append(
            {
                **catalogue.ref(iri),
                "roles": sorted(roles, key=lambda r: (_ROLE_ORDER.get(r, len(_ROLE_ORDER)), r)),
                "start": start,
                "end": end,
                "sources": sorted(sources),
                "evidence": merge_role_evidence(evidence),
            }
        )
    result.sort(
        key=lambda item: (
            min(_ROLE_ORDER.get(r, len(_ROLE_ORDER)) for r in item["roles"]),
            item["label"].casefold(),
            item["iri"],
        )
    )
    return result


def _statements(rows: list[FactRow], catalogue: Catalogue) -> list[StatementView]:
    grouped: dict[tuple[str, str, str], list[FactRow]] = {}
    for row in rows:
        grouped.setdefault((row.subject, row.predicate, row.object), []).append(row)
    views: list[StatementView] = [
        {
            "subject": catalogue.ref(subject),
            "predicate": predicate,
            "object": catalogue.ref(obj),
            "sources": sorted({r.source for r in items if r.source}),
            "evidence": merge_evidence(r.evidence for r in items),
        }
        for (subject, predicate, obj), items in grouped.items()
    ]
    views.sort(
        key=lambda v: (v["subject"]["label"].casefold(), v["predicate"], v["object"]["label"])
    )
    return views


def quantity_view(quantity: Quantity, catalogue: Catalogue) -> QuantityView:
    about = quantity["about"]
    return {
        "event": catalogue.ref(quantity["event"]),
        "measure": quantity["measure"],
        "value": quantity["value"],
        "value_text": quantity["value_text"],
        "unit": quantity["unit"],
        "about": catalogue.ref(about) if about else None,
        "approximate": quantity["approximate"],
        "source": quantity["source"],
        "evidence": quantity["evidence"],
    }
