"""Facts about one node, each with the documents and sentences that state it.

``kg describe``, ``kg sources``, ``kg path`` and ``kg related`` all answer from the same
material: the asserted triples around a node (roles, actor statements, places, dates,
quantities), one row per document graph and reified statement (``facts.rq``,
``quantities.rq``). This module fetches that material once, in plain Python values, and
resolves names through one :class:`Catalogue` of every event and entity, so that the
commands agree on labels, types and evidence.

It also holds the lookup that accepts either an event or an entity (:func:`find_node`):
the forgiving matcher of queries/lookup.py run over both kinds at once, so that the best
match level wins across kinds and equally good matches of either kind are ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypedDict

import pyoxigraph as ox

from extract import vocabulary
from kg.store import GraphStore
from kg.vocab import PREDICATE_IRIS
from queries.events import Evidence, RoleEvidence, evidence_of, evidence_order
from queries.lookup import (
    Candidate,
    candidate_by_iri,
    entity_candidates,
    event_candidates,
    exactly_named,
    match,
    nodes_by_iri,
)
from queries.sparql import select
from queries.terms import Term, local_name, text

# The fact properties, by the short name the JSON answers use ("start" for the begin).
PREDICATES: dict[str, str] = {p.answer: PREDICATE_IRIS[p.name] for p in vocabulary.PREDICATES}
SHORT_PREDICATES: dict[str, str] = {iri: short for short, iri in PREDICATES.items()}
# An actor's part in an event, best first (the order of queries/events.py ROLE_RANK).
ROLES: tuple[str, ...] = vocabulary.ROLES_BY_RANK
# Claims one actor makes about another actor or an event.
ACTOR_STATEMENTS: tuple[str, ...] = vocabulary.STATEMENTS
DATES: tuple[str, ...] = vocabulary.DATE_ANSWERS


class NodeRef(TypedDict):
    """An event or entity as the answers name it."""

    iri: str
    label: str
    type: str  # Battle, ..., Event; Person, ..., Place, Actor
    kind: str  # "event" or "entity"


# ---------------------------------------------------------------------------------------
# The catalogue: every event and entity with its label and type
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """Every event and entity of the store, by IRI (two queries: events.rq, entities.rq)."""

    events: Mapping[str, Candidate]
    entities: Mapping[str, Candidate]

    def is_event(self, iri: str) -> bool:
        return iri in self.events

    def ref(self, iri: str) -> NodeRef:
        """The name of a node; one the catalogue does not know keeps its IRI's last segment
        (a node with no type, which the build does not write but a graph may hold)."""
        candidate = self.events.get(iri) or self.entities.get(iri)
        if candidate is None:
            return {"iri": iri, "label": local_name(iri), "type": "Node", "kind": "entity"}
        kind = "event" if iri in self.events else "entity"
        return {"iri": iri, "label": candidate.label, "type": candidate.type, "kind": kind}

    def candidates(self) -> list[Candidate]:
        return [*self.events.values(), *self.entities.values()]

    def prefetch(self, iris: Iterable[str]) -> None:
        """Look ``iris`` up at once (one query, nodes.rq), for a lazy catalogue about to
        name them all; a loaded catalogue knows them already."""
        events, entities = self.events, self.entities
        if not isinstance(events, _Lookups) or not isinstance(entities, _Lookups):
            return
        missing = [
            iri
            for iri in dict.fromkeys(iris)
            if iri not in events.found or iri not in entities.found
        ]
        found_events, found_entities = nodes_by_iri(events.store, missing)
        events.remember(missing, found_events)
        entities.remember(missing, found_entities)


def load_catalogue(store: GraphStore) -> Catalogue:
    return Catalogue(
        events={c.iri: c for c in event_candidates(store)},
        entities={c.iri: c for c in entity_candidates(store)},
    )


class _Lookups(Mapping[str, Candidate]):
    """Events (or entities) looked up one IRI at a time through the store's index and
    kept: what a command that names a few nodes needs, without reading every label."""

    def __init__(self, store: GraphStore, kind: str) -> None:
        self.store, self.kind = store, kind
        self.found: dict[str, Candidate | None] = {}

    def __getitem__(self, iri: str) -> Candidate:
        if iri not in self.found:
            self.found[iri] = candidate_by_iri(self.store, iri, self.kind)
        found = self.found[iri]
        if found is None:
            raise KeyError(iri)
        return found

    def remember(self, iris: list[str], found: Mapping[str, Candidate]) -> None:
        """What a lookup of ``iris`` found (the others are no nodes of this kind)."""
        for iri in iris:
            self.found.setdefault(iri, found.get(iri))

    def __iter__(self) -> Iterator[str]:
        return (iri for iri, c in self.found.items() if c is not None)

    def __len__(self) -> int:
        return sum(1 for c in self.found.values() if c is not None)


def lazy_catalogue(store: GraphStore) -> Catalogue:
    """A catalogue that looks nodes up as they are asked for (two indexed lookups per
    node), for answers about one node and its neighbours (kg describe, kg related)."""
    return Catalogue(events=_Lookups(store, "event"), entities=_Lookups(store, "entity"))


def find_node(
    catalogue: Catalogue | None,
    name: str,
    store: GraphStore | None = None,
    *,
    aliases: bool = True,
) -> Candidate:
    """The one event or entity ``name`` refers to (see queries/lookup.py for the rules), or
    NotFoundError: with suggestions when nothing matches, listing the candidates when
    several match equally well.

    With ``store``, a name typed exactly as one node's label or alias is found through the
    index; anything else is matched against the whole ``catalogue`` (which may then be a
    :func:`load_catalogue` made on demand: pass ``catalogue`` as None). With
    ``aliases=False``, a node found that way costs one lookup and lists no aliases (as
    :func:`queries.lookup.find_event` does; a caller that looks the node up later anyway
    takes them from there)."""
    if store is not None:
        asked: dict[str, list[dict[str, Term | None]]] = {}  # one lookup for both kinds
        exact = [
            c
            for kind in ("event", "entity")
            if (c := exactly_named(store, name, kind, aliases=aliases, asked=asked))
        ]
        if len(exact) == 1:
            return exact[0]
    return match((catalogue or load_catalogue_of(store)).candidates(), name, kind="name")


def load_catalogue_of(store: GraphStore | None) -> Catalogue:
    if store is None:
        raise ValueError("find_node needs a catalogue or a store")
    return load_catalogue(store)


# ---------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactRow:
    """One fact as one document states it, with the statement's evidence if it has one.

    ``object`` is an IRI, or a literal's lexical form when ``literal`` is set (a date)."""

    subject: str
    predicate: str  # a key of PREDICATES
    object: str
    literal: bool
    source: str
    evidence: Evidence | None
    datatype: str | None = None  # a literal's datatype IRI (xsd:date, xsd:gYear, ...)


def fact_rows(
    store: GraphStore,
    *,
    subject: str | None = None,
    predicate: str | None = None,
    object: str | None = None,
) -> list[FactRow]:
    """The rows of facts.rq with the given ends bound (IRIs; ``predicate`` a short name)."""
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    if subject is not None:
        bindings["subject"] = ox.NamedNode(subject)
    if predicate is not None:
        bindings["predicate"] = ox.NamedNode(PREDICATES[predicate])
    if object is not None:
        bindings["object"] = ox.NamedNode(object)
    return _fact_rows(select(store, "facts", bindings))


def _fact_rows(found: Iterable[Mapping[str, Term | None]]) -> list[FactRow]:
    rows = []
    for row in found:
        short = SHORT_PREDICATES.get(text(row["predicate"]) or "")
        subject_iri, obj = text(row["subject"]), row["object"]
        if short is None or subject_iri is None or obj is None:
            continue
        rows.append(
            FactRow(
                subject=subject_iri,
                predicate=short,
                object=text(obj) or "",
                literal=isinstance(obj, ox.Literal),
                source=text(row["source"]) or "",
                evidence=evidence_of(row) if row["statement"] is not None else None,
                datatype=obj.datatype.value if isinstance(obj, ox.Literal) else None,
            )
        )
    return rows


def facts_around(store: GraphStore, iri: str) -> list[FactRow]:
    """Every fact ``iri`` is the subject or the object of, in every document: those it is
    the subject of first, then the others, each part in the order of facts.rq (one
    query, facts_around.rq, for both; a self-loop comes once)."""
    rows = _fact_rows(select(store, "facts_around", {"node": ox.NamedNode(iri)}))
    return [r for r in rows if r.subject == iri] + [r for r in rows if r.subject != iri]


def merge_evidence(items: Iterable[Evidence | None]) -> list[Evidence]:
    """One item per sentence (two statements from one sentence keep the higher
    confidence), best first."""
    merged: dict[tuple[object, ...], Evidence] = {}
    for item in items:
        if item is None:
            continue
        key = (item["source"], item["start"], item["end"], item["sentence"])
        seen = merged.get(key)
        if seen is None or (item["confidence"] or 0.0) > (seen["confidence"] or 0.0):
            merged[key] = item
    return sorted(merged.values(), key=evidence_order)


def merge_role_evidence(items: Iterable[tuple[str, Evidence | None]]) -> list[RoleEvidence]:
    """Like :func:`merge_evidence` for (role, evidence) pairs: each sentence once, with
    every role it supports (as ``kg who`` shows it)."""
    merged: dict[tuple[object, ...], RoleEvidence] = {}
    for role, item in items:
        if item is None:
            continue
        key = (item["source"], item["start"], item["end"], item["sentence"])
        seen = merged.get(key)
        if seen is None:
            merged[key] = {**item, "roles": [role]}
            continue
        if role not in seen["roles"]:
            seen["roles"] = sorted([*seen["roles"], role])
        if (item["confidence"] or 0.0) > (seen["confidence"] or 0.0):
            seen["confidence"] = item["confidence"]
    return sorted(merged.values(), key=evidence_order)


# ---------------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------------


class Quantity(TypedDict):
    """A number one document states about an event (the hkg:Quantity shape)."""

    iri: str
    event: str
    measure: str | None  # dead, wounded, casualties, prisoners, troops, ...
    value: int | float | None  # None when rdf:value is not a number
    value_text: str  # rdf:value as written in the graph
    unit: str | None
    about: str | None  # IRI of the side it counts
    approximate: bool
    source: str
    evidence: list[Evidence]


def quantities(
    store: GraphStore, *, event: str | None = None, about: str | None = None
) -> list[Quantity]:
    """The quantities of ``event`` (or of every event), one per quantity node and
    document, sorted by event, measure, side and value; with ``about``, only those
    counted on that side (read from the events that have one, not the whole graph).
    Empty when the graph has none (a build from before quantities were extracted)."""
    if about is not None:
        rows = select(store, "quantity_events", {"about": ox.NamedNode(about)})
        events = [e for e in (text(r["event"]) for r in rows) if e and event in (None, e)]
        return [q for e in events for q in quantities(store, event=e) if q["about"] == about]
    bindings = {"event": ox.NamedNode(event)} if event is not None else None
    found: dict[tuple[str, str], Quantity] = {}
    for row in select(store, "quantities", bindings):
        iri, event_iri = text(row["quantity"]), text(row["event"])
        if iri is None or event_iri is None:
            continue
        source = text(row["source"]) or ""
        value_text = text(row["value"]) or ""
        item = found.setdefault(
            (iri, source),
            {
                "iri": iri,
                "event": event_iri,
                "measure": text(row["measure"]),
                "value": number(value_text),
                "value_text": value_text,
                "unit": text(row["unit"]),
                "about": text(row["about"]),
                "approximate": (text(row["approximate"]) or "").lower() in {"true", "1"},
                "source": source,
                "evidence": [],
            },
        )
        if row["statement"] is not None:
            item["evidence"] = merge_evidence([*item["evidence"], evidence_of(row)])
    return sorted(
        found.values(),
        key=lambda q: (
            q["event"],
            q["measure"] or "",
            q["about"] or "",
            q["value"] if q["value"] is not None else float("inf"),
            q["source"],
        ),
    )


def number(value: str) -> int | float | None:
    """``"18500"`` -> 18500, ``"2.5"`` -> 2.5; None for anything that is not a number."""
    try:
        parsed = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not parsed.is_finite():
        return None
    return int(parsed) if parsed == parsed.to_integral_value() else float(parsed)


# ---------------------------------------------------------------------------------------
# Corrections
# ---------------------------------------------------------------------------------------


class CorrectionView(TypedDict):
    """A person's correction that concerns a node (kg/corrections.py)."""

    action: str  # wrong, same, type, date
    subject: NodeRef | None
    predicate: str | None  # a key of PREDICATES, "type" or "same"
    object: NodeRef | None  # the node at the other end, when it is one
    value: str | None  # a date, a type or the merged name
    by: str | None
    at: str | None
    why: str | None


_CORRECTION_PREDICATES = {
    **SHORT_PREDICATES,
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/2002/07/owl#sameAs": "same",
}


def corrections_about(store: GraphStore, iri: str, catalogue: Catalogue) -> list[CorrectionView]:
    """The corrections applied at the last build that concern ``iri``, oldest first."""
    views: list[CorrectionView] = []
    for row in select(store, "corrections", {"node": ox.NamedNode(iri)}):
        subject, obj = text(row["subject"]), row["object"]
        predicate = _CORRECTION_PREDICATES.get(text(row["predicate"]) or "")
        # A type correction names a class (hkg:Place, or sem:Event), not a node.
        is_node = isinstance(obj, ox.NamedNode) and predicate != "type"
        views.append(
            {
                "action": text(row["action"]) or "",
                "subject": catalogue.ref(subject) if subject else None,
                "predicate": predicate,
                "object": catalogue.ref(text(obj) or "") if is_node else None,
                "value": None
                if is_node
                else local_name(text(obj) or "")
                if isinstance(obj, ox.NamedNode)
                else text(obj),
                "by": text(row["by"]),
                "at": text(row["at"]),
                "why": text(row["why"]),
            }
        )
    return views
