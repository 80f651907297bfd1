"""Answers about events as plain dicts: who took part, when, and which entities exist.

These dicts are a JSON contract that other tools read (``kg who --format json`` prints
them unchanged), so their keys are fixed; new keys may be added, none renamed or removed:

* :func:`who` -> ``{"event": {"iri","label","type","start","end"}, "participants":
  [{"iri","label","type","roles","evidence": [{"source","sentence","start","end",
  "confidence", ...}]}]}``
* :func:`when` -> ``{"iri","label","type","start","end","evidence": [...],"claims": [...]}``
* :func:`entities` -> ``[{"iri","label","type","aliases"}]``

``type`` is always a short class name (Battle, War, ..., Event; Person, Country,
Organization, MilitaryUnit, Place), dates are ISO strings or None, and in evidence
``start``/``end`` are character offsets of the sentence in its source file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypedDict

import pyoxigraph as ox

from extract import vocabulary
from extract.errors import QueryError
from kg.dates import choose_timestamp, support
from kg.store import GraphStore
from queries.lookup import Candidate, candidates_from_rows, find_event
from queries.sparql import select
from queries.terms import (
    ENTITY_FALLBACK,
    ENTITY_TYPES,
    Term,
    class_iri,
    decimal,
    integer,
    local_name,
    short_type,
    shorten,
    text,
)

# Best role first: it orders participants (commanders before mere participants).
ROLE_RANK: dict[str, int] = {role: rank for rank, role in enumerate(vocabulary.ROLES_BY_RANK)}
# The entity types users may ask for, in the order help and error messages list them.
ENTITY_TYPE_NAMES: tuple[str, ...] = vocabulary.ENTITY_TYPES


class UnknownTypeError(QueryError):
    """An entity type that is not one of :data:`ENTITY_TYPE_NAMES`."""


class EventHeader(TypedDict):
    iri: str
    label: str
    type: str
    start: str | None
    end: str | None


class Evidence(TypedDict):
    source: str | None
    sentence: str | None
    start: int | None
    end: int | None
    confidence: float | None


class RoleEvidence(Evidence):
    roles: list[str]  # the roles this sentence supports


class Participant(TypedDict):
    iri: str
    label: str
    type: str
    roles: list[str]
    evidence: list[RoleEvidence]


class WhoResult(TypedDict):
    event: EventHeader
    participants: list[Participant]


class DateEvidence(Evidence):
    kind: str  # "start" or "end"
    value: str


class Claim(TypedDict):
    kind: str  # "start" or "end"
    value: str
    datatype: str | None  # e.g. "xsd:date"
    sources: list[str]  # the documents stating this value
    support: list[str]  # those plus the documents stating a coarser value containing it
    chosen: bool
    evidence: list[DateEvidence]


class WhenResult(EventHeader):
    evidence: list[DateEvidence]
    claims: list[Claim]


class EntityRow(TypedDict):
    iri: str
    label: str
    type: str
    aliases: list[str]


# ---------------------------------------------------------------------------------------
# who
# ---------------------------------------------------------------------------------------


# Evidence below this is hidden by default: a bare same-sentence co-occurrence scores
# 0.4, every syntactic or contextual link scores 0.5 or more.
DEFAULT_MIN_CONFIDENCE = 0.5


def who(
    store: GraphStore, name: str, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> WhoResult:
    """The participants of the event ``name`` refers to, each once, with their roles and
    the sentences that state them.

    ``min_confidence`` drops evidence below it; a role left without evidence is dropped,
    and so is a participant left without roles. At 0.0 nothing is filtered, so a role
    triple that lacks a reified statement still shows (with no evidence).
    """
    event = find_event(store, name, aliases=False)
    rows = select(store, "who", {"event": ox.NamedNode(event.iri)})
    return {"event": _header(store, event), "participants": _participants(rows, min_confidence)}


@dataclass
class _Actor:
    label: str | None = None
    types: set[str] = field(default_factory=set)
    roles: dict[str, list[RoleEvidence]] = field(default_factory=dict)


def _participants(
    rows: Iterable[dict[str, Term | None]], min_confidence: float
) -> list[Participant]:
    actors: dict[str, _Actor] = {}
    for row in rows:
        iri, role = text(row["actor"]), local_name(text(row["role"]) or "")
        if iri is None:
            continue
        actor = actors.setdefault(iri, _Actor())
        actor.label = actor.label or text(row["actorLabel"])
        actor_type = text(row["actorType"])
        if actor_type:
            actor.types.add(actor_type)
        evidence = actor.roles.setdefault(role, [])
        if row["statement"] is not None:
            evidence.append({**evidence_of(row), "roles": [role]})

    participants: list[Participant] = []
    for iri, actor in actors.items():
        kept = {
            role: [e for e in items if _passes(e, min_confidence)]
            for role, items in actor.roles.items()
        }
        roles = sorted(role for role, items in kept.items() if items or min_confidence <= 0)
        if not roles:
            continue
        participants.append(
            {
                "iri": iri,
                "label": actor.label or local_name(iri),
                "type": short_type(actor.types, ENTITY_TYPES, ENTITY_FALLBACK),
                "roles": roles,
                "evidence": _merge(e for role in roles for e in kept[role]),
            }
        )
    participants.sort(
        key=lambda p: (
            min(ROLE_RANK.get(r, len(ROLE_RANK)) for r in p["roles"]),
            p["label"].casefold(),
            p["iri"],
        )
    )
    return participants


def _passes(evidence: Evidence, min_confidence: float) -> bool:
    if min_confidence <= 0:
        return True
    return evidence["confidence"] is not None and evidence["confidence"] >= min_confidence


def _merge(items: Iterable[RoleEvidence]) -> list[RoleEvidence]:
    """One item per sentence: several statements read from the same sentence (a general as
    commander and as participant) become one item listing both roles, at the higher
    confidence. Best evidence first."""
    merged: dict[tuple[object, ...], RoleEvidence] = {}
    for item in items:
        key = (item["source"], item["start"], item["end"], item["sentence"])
        seen = merged.get(key)
        if seen is None:
            merged[key] = {**item, "roles": list(item["roles"])}
            continue
        seen["roles"] = sorted(set(seen["roles"]) | set(item["roles"]))
        seen["confidence"] = _max(seen["confidence"], item["confidence"])
    return sorted(merged.values(), key=evidence_order)


# ---------------------------------------------------------------------------------------
# when
# ---------------------------------------------------------------------------------------


def when(store: GraphStore, name: str) -> WhenResult:
    """When the event ``name`` refers to began and ended.

    ``start``/``end`` are the resolved layer's consensus (the values
    :func:`kg.dates.choose_timestamp` picked among the sources when the graph was
    built); ``evidence`` are the sentences stating the chosen values; ``claims`` lists
    every distinct value any source gives, with its sources and evidence.
    """
    return when_of(store, find_event(store, name, aliases=False))


def when_of(store: GraphStore, event: Candidate) -> WhenResult:
    """:func:`when` for an event already found."""
    return when_from_claims(event, _claims(store, event.iri))


def when_from_claims(event: Candidate, claims: list[Claim]) -> WhenResult:
    """:func:`when` for an event already found, from its claims (:func:`date_claims`)."""
    header = _header_from_claims(event, claims)
    evidence = [e for c in claims if c["chosen"] for e in c["evidence"]]
    return {**header, "evidence": evidence, "claims": claims}


def _header(store: GraphStore, event: Candidate) -> EventHeader:
    """The event with the begin and end the resolved layer concludes (dates.rq: two
    lookups, not every claim), or, for a graph without that layer, those chosen from the
    claims."""
    rows = select(store, "dates", {"event": ox.NamedNode(event.iri)})
    start = text(rows[0]["start"]) if rows else None
    end = text(rows[0]["end"]) if rows else None
    if start is None and end is None:
        return _header_from_claims(event, _claims(store, event.iri))
    return {"iri": event.iri, "label": event.label, "type": event.type, "start": start, "end": end}


def _header_from_claims(event: Candidate, claims: list[Claim]) -> EventHeader:
    chosen = {c["kind"]: c["value"] for c in claims if c["chosen"]}
    return {
        "iri": event.iri,
        "label": event.label,
        "type": event.type,
        "start": chosen.get("start"),
        "end": chosen.get("end"),
    }


def _claims(store: GraphStore, iri: str) -> list[Claim]:
    """Every (kind, value) any document states for the event, the chosen ones marked.

    From date_claims.rq, the rows of when.rq without what kg when does not show (half
    the time); when.rq itself only for an event with a claim whose sentence names no
    file, as when.rq then takes the source from the claim's document graph."""
    bound = {"event": ox.NamedNode(iri)}
    rows = select(store, "date_claims", bound)
    if any(row["source"] is None for row in rows):
        rows = select(store, "when", bound)
    return _claims_from_rows(rows)


def _claims_from_rows(rows: Iterable[Mapping[str, Term | None]]) -> list[Claim]:
    """The claims from rows of when.rq or date_claims.rq. Their order does not matter but
    for ties a built graph does not have: several concluded values of one kind, or two
    sentences of one claim at the same offset of one file with the same confidence."""
    stated: list[DateClaimRow] = []
    resolved: dict[str, str] = {}
    for row in rows:
        kind, value = text(row["kind"]), row["value"]
        if kind is None or not isinstance(value, ox.Literal):
            continue
        chosen = text(row["chosen"])
        if chosen is not None:
            resolved[kind] = chosen
        evidence = evidence_of(row) if row["statement"] is not None else None
        stated.append((kind, value.value, value.datatype.value, text(row["source"]), evidence))
    return date_claims(stated, resolved)


# One document's claim of a date: kind ("start" or "end"), value, datatype IRI, source
# and the statement's evidence (None for a claim without a statement).
DateClaimRow = tuple[str, str, str | None, str | None, Evidence | None]


def date_claims(stated: Iterable[DateClaimRow], resolved: Mapping[str, str]) -> list[Claim]:
    """The claims of :func:`when` from the rows of when.rq (or of facts.rq, as kg describe
    has them already), with the values the resolved layer concludes per kind."""
    claims: dict[tuple[str, str], Claim] = {}
    for kind, value, datatype, source, evidence in stated:
        claim = claims.setdefault(
            (kind, value),
            {
                "kind": kind,
                "value": value,
                "datatype": shorten(datatype) if datatype is not None else None,
                "sources": [],
                "support": [],
                "chosen": False,
                "evidence": [],
            },
        )
        if source and source not in claim["sources"]:
            claim["sources"].append(source)
        if evidence is not None:
            item: DateEvidence = {**evidence, "kind": kind, "value": value}
            if item not in claim["evidence"]:
                claim["evidence"].append(item)

    for kind in ("start", "end"):
        values = {c["value"]: c["sources"] for c in claims.values() if c["kind"] == kind}
        for stated_value in values:
            claims[(kind, stated_value)]["support"] = sorted(support(values, stated_value))
        # The resolved layer's consensus; recomputed only for a graph that has none.
        choice = resolved.get(kind) or choose_timestamp(values, end=kind == "end")
        if choice is not None and (kind, choice) in claims:
            claims[(kind, choice)]["chosen"] = True
    for claim in claims.values():
        claim["sources"].sort()
        claim["evidence"].sort(key=evidence_order)
    return sorted(claims.values(), key=lambda c: (c["kind"] != "start", c["value"]))


# ---------------------------------------------------------------------------------------
# entities
# ---------------------------------------------------------------------------------------


def entities(store: GraphStore, type: str | None = None) -> list[EntityRow]:
    """Every actor and place, or those of one type, sorted by label.

    ``type`` is forgiving about spelling ("person", "hkg:Person", "military unit"); an
    unknown type raises :class:`UnknownTypeError` listing the valid ones. An entity has one
    type, its most specific class, so "Organization" lists the organizations that are not
    military units and every returned row has the type asked for.
    """
    bindings = {"type": class_iri(entity_type_name(type))} if type else None
    rows = [{k: text(v) for k, v in row.items()} for row in select(store, "entities", bindings)]
    found = candidates_from_rows(
        rows,
        subject="entity",
        type_var="type",
        known_types=ENTITY_TYPES,
        fallback_type=ENTITY_FALLBACK,
    )
    return [
        {
            "iri": c.iri,
            "label": c.label,
            "type": c.type,
            "aliases": [a for a in c.aliases if a != c.label],
        }
        for c in found
    ]


def entity_type_name(name: str) -> str:
    """The canonical short name of an entity type as a user might spell it."""
    wanted = "".join(ch for ch in name.removeprefix("hkg:").casefold() if ch.isalnum())
    for known in ENTITY_TYPE_NAMES:
        if known.casefold() == wanted:
            return known
    raise UnknownTypeError(
        f"unknown entity type {name!r}; valid types: {', '.join(ENTITY_TYPE_NAMES)}"
    )


# ---------------------------------------------------------------------------------------
# shared
# ---------------------------------------------------------------------------------------


def evidence_of(row: Mapping[str, Term | None]) -> Evidence:
    """The evidence columns shared by facts.rq, quantities.rq, who.rq and when.rq."""
    return {
        "source": text(row["source"]),
        "sentence": text(row["text"]),
        "start": integer(row["begin"]),
        "end": integer(row["end"]),
        "confidence": decimal(row["confidence"]),
    }


def evidence_order(item: Evidence) -> tuple[float, str, int]:
    """Best evidence first: highest confidence, then by file and position."""
    confidence = item["confidence"] if item["confidence"] is not None else -1.0
    return (-confidence, item["source"] or "", item["start"] if item["start"] is not None else -1)


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)
