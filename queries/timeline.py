"""``kg timeline``: the events of the graph in date order, with who took part.

Dates are the ones ``kg when`` reports: each document states its own begin and end
dates, and :func:`kg.dates.choose_timestamp` picks one per event (most sources win,
a year supports a day within it). They keep the precision the text gives, so the
timeline mixes ``1939``, ``1939-08`` and ``1939-08-20``; a coarser date sorts before a
finer one within it (1939 before 1939-05-11), which reads as "some time in 1939, then
...". Events no source dates come last.

The answer is a JSON contract (``kg timeline --format json``)::

    {"from_year": int | None, "to_year": int | None, "type": str | None,
     "events": [{"iri", "label", "type", "start", "end", "dated",
                 "participants": [{"iri", "label", "type", "roles", "sentences",
                                   "confidence"}]}]}

``participants`` are ranked by evidence: the number of distinct sentences stating them
(at or above the confidence ``kg who`` uses by default), then their best role and
confidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

import pyoxigraph as ox

from extract.errors import QueryError
from kg.dates import parse_stamp
from kg.store import GraphStore
from queries.events import DEFAULT_MIN_CONFIDENCE, ROLE_RANK
from queries.lookup import event_candidates
from queries.sparql import select, select_many
from queries.terms import (
    ENTITY_FALLBACK,
    ENTITY_TYPES,
    EVENT_FALLBACK,
    EVENT_TYPES,
    decimal,
    local_name,
    short_type,
    text,
)

_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
# The event types users may filter on: the hkg classes, and "Event" for plain sem:Events.
EVENT_TYPE_NAMES: tuple[str, ...] = (*EVENT_TYPES, EVENT_FALLBACK)


class TimelineParticipant(TypedDict):
    iri: str
    label: str
    type: str
    roles: list[str]
    sentences: int  # distinct evidence sentences at or above the confidence threshold
    confidence: float | None  # the best of them


class TimelineEvent(TypedDict):
    iri: str
    label: str
    type: str
    start: str | None
    end: str | None
    dated: bool
    participants: list[TimelineParticipant]


class TimelineResult(TypedDict):
    from_year: int | None
    to_year: int | None
    type: str | None
    events: list[TimelineEvent]


def timeline(
    store: GraphStore,
    *,
    start: int | None = None,
    end: int | None = None,
    type: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> TimelineResult:
    """Every event (or those of ``type``) in date order, undated ones last.

    ``start``/``end`` are years: an event is kept when the years it spans overlap
    ``[start, end]`` (an event with only a start date spans that one year). Undated events
    cannot be placed in a range and are left out as soon as either year is given.
    """
    if start is not None and end is not None and start > end:
        raise QueryError(f"the years are the wrong way round: {start} is after {end}")
    wanted = event_type_name(type) if type else None
    dates = chosen_dates(store)
    participants = _participants(store, min_confidence)
    events: list[TimelineEvent] = []
    for candidate in event_candidates(store):
        if wanted is not None and candidate.type != wanted:
            continue
        first, last = dates.get(candidate.iri, (None, None))
        if (start is not None or end is not None) and not _overlaps(first, last, start, end):
            continue
        events.append(
            {
                "iri": candidate.iri,
                "label": candidate.label,
                "type": candidate.type,
                "start": first,
                "end": last,
                "dated": first is not None or last is not None,
                "participants": participants.get(candidate.iri, []),
            }
        )
    events.sort(key=_chronology)
    return {"from_year": start, "to_year": end, "type": wanted, "events": events}


def event_type_name(name: str) -> str:
    """The canonical name of an event type as a user might spell it ("battle", "hkg:War")."""
    wanted = "".join(ch for ch in name.removeprefix("hkg:").casefold() if ch.isalnum())
    for known in EVENT_TYPE_NAMES:
        if known.casefold() == wanted:
            return known
    raise QueryError(f"unknown event type {name!r}; valid types: {', '.join(EVENT_TYPE_NAMES)}")


def chosen_dates(store: GraphStore) -> dict[str, tuple[str | None, str | None]]:
    """Every dated event's (start, end) as the resolved layer concludes them (dates.rq:
    one row per event, read from graph:resolved, not from every claim)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for row in select(store, "dates"):
        event, first, last = text(row["event"]), text(row["start"]), text(row["end"])
        if event is not None and (first is not None or last is not None):
            found[event] = (first, last)
    return found


class EventDates:
    """Events' (start, end) as the resolved layer concludes them, looked up one event at a
    time (dates.rq bound) and kept: for answers that name a few events."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.found: dict[str, tuple[str | None, str | None]] = {}

    def get(
        self, iri: str, default: tuple[str | None, str | None] = (None, None)
    ) -> tuple[str | None, str | None]:
        if iri not in self.found:
            rows = select(self.store, "dates", {"event": ox.NamedNode(iri)})
            self.found[iri] = (
                (text(rows[0]["start"]), text(rows[0]["end"])) if rows else (None, None)
            )
        dates = self.found[iri]
        return dates if dates != (None, None) else default

    def prefetch(self, iris: Iterable[str]) -> None:
        """Look the dates of ``iris`` up at once (one query); nodes that are no events
        have none."""
        missing = [iri for iri in dict.fromkeys(iris) if iri not in self.found]
        if not missing:
            return
        found: dict[str, tuple[str | None, str | None]] = {}
        for row in select_many(self.store, "dates", "event", map(ox.NamedNode, missing)):
            event = text(row["event"])
            if event is not None and event not in found:  # the first row, as get() takes
                found[event] = (text(row["start"]), text(row["end"]))
        for iri in missing:
            self.found[iri] = found.get(iri, (None, None))


def _overlaps(first: str | None, last: str | None, start: int | None, end: int | None) -> bool:
    years = [stamp[0] for stamp in map(_stamp, (first, last)) if stamp]
    if not years:
        return False
    low, high = min(years), max(years)
    return (start is None or high >= start) and (end is None or low <= end)


def _stamp(value: str | None) -> tuple[int, ...] | None:
    return parse_stamp(value) if value else None


def _chronology(event: TimelineEvent) -> tuple[int, tuple[int, ...], tuple[int, ...], str, str]:
    first, last = _stamp(event["start"]), _stamp(event["end"])
    anchor = first or last
    if anchor is None:
        return (1, (), (), event["label"].casefold(), event["iri"])
    return (0, anchor, last or anchor, event["label"].casefold(), event["iri"])


@dataclass
class _Taking:
    label: str | None = None
    types: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    count: int = 0  # distinct evidence sentences
    confidence: float | None = None


def _participants(store: GraphStore, min_confidence: float) -> dict[str, list[TimelineParticipant]]:
    """Each event's participants ranked by evidence (participants.rq: one aggregated row
    per event and actor, read from the resolved role facts and their claims)."""
    by_event: dict[str, dict[str, _Taking]] = defaultdict(dict)
    threshold = ox.Literal(f"{max(min_confidence, 0.0):.4f}", datatype=_DECIMAL)
    for row in select(store, "participants", {"minConfidence": threshold}):
        event, actor = text(row["event"]), text(row["actor"])
        if event is None or actor is None:
            continue
        taking = by_event[event].setdefault(actor, _Taking())
        taking.label = text(row["actorLabel"])
        taking.types = set((text(row["types"]) or "").split())
        taking.roles = {local_name(r) for r in (text(row["roles"]) or "").split()}
        taking.count = int(text(row["sentences"]) or 0)
        taking.confidence = decimal(row["confidence"])

    ranked: dict[str, list[TimelineParticipant]] = {}
    for event, actors in by_event.items():
        items: list[TimelineParticipant] = [
            {
                "iri": iri,
                "label": taking.label or local_name(iri),
                "type": short_type(taking.types, ENTITY_TYPES, ENTITY_FALLBACK),
                "roles": sorted(taking.roles, key=lambda r: ROLE_RANK.get(r, len(ROLE_RANK))),
                "sentences": taking.count,
                "confidence": taking.confidence,
            }
            for iri, taking in actors.items()
        ]
        items.sort(
            key=lambda p: (
                -p["sentences"],
                min(ROLE_RANK.get(r, len(ROLE_RANK)) for r in p["roles"]),
                -(p["confidence"] or 0.0),
                p["label"].casefold(),
                p["iri"],
            )
        )
        ranked[event] = items
    return ranked
