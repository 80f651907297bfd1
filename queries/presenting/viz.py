"""``kg viz``: the neighbourhood of an event or actor as one self-contained HTML page.

Why a single file with inline JS and CSS: it opens offline, can be mailed or archived
next to the graph it shows, and loads nothing from anywhere (no CDN, no fonts).

What it shows: the named node in the middle, the nodes one role-link away on a first ring
and, at ``depth`` 2 (the default), the nodes two links away on a second ring: for an event
its participants and the other events they took part in; for an actor its events and who
else took part in them. The links are exactly what ``kg who`` reports
(:func:`queries.events.who`, with its ``min_confidence``), so every drawn edge has the
same evidence sentences the text answer would print; clicking a node lists them.

The layout is computed here, not in the browser, so the same graph always gives the same
page: a radial layout where each second-ring node sits near the first-ring nodes it is
linked to. In the page, nodes can be dragged and the view zoomed and panned.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TypedDict

import pyoxigraph as ox

from kg.store import GraphStore
from queries.events import DEFAULT_MIN_CONFIDENCE, ROLE_RANK, WhoResult, when, who
from queries.lookup import Candidate, entity_candidates, event_candidates, match
from queries.presenting.output import write_atomically
from queries.presenting.palette import colour
from queries.sparql import select
from queries.terms import text

DEFAULT_DEPTH = 2
MAX_DEPTH = 3
# Beyond this many nodes a picture is unreadable; the outer ring is cut, best linked first.
MAX_NODES = 150
# Space between neighbouring nodes on a ring, and between rings (SVG user units ~ pixels).
NODE_SPACING = 80.0
RING_GAP = 210.0


class EvidenceItem(TypedDict):
    source: str | None
    sentence: str | None
    confidence: float | None
    roles: list[str]


class DateItem(TypedDict):
    kind: str
    value: str
    source: str | None
    sentence: str | None
    confidence: float | None


class Node(TypedDict):
    id: str
    label: str
    type: str
    kind: str  # "event" or "actor"
    ring: int
    x: float
    y: float
    colour: str
    start: str | None
    end: str | None
    dates: list[DateItem]


class Edge(TypedDict):
    source: str  # the event
    target: str  # the actor
    roles: list[str]
    evidence: list[EvidenceItem]


class View(TypedDict):
    center: str
    depth: int
    min_confidence: float
    nodes: list[Node]
    edges: list[Edge]
    hidden: int  # nodes left out beyond MAX_NODES


@dataclass
class Picture:
    """A rendered view: the page, its data, and the file it was written to (if any)."""

    html: str
    view: View
    path: Path | None = None


# ---------------------------------------------------------------------------------------
# The neighbourhood
# ---------------------------------------------------------------------------------------


class _Walker:
    """Breadth-first over the event–actor graph, with each event's who() answer cached."""

    def __init__(self, store: GraphStore, min_confidence: float) -> None:
        self.store = store
        self.min_confidence = min_confidence
        self._who: dict[str, WhoResult] = {}

    def who(self, event: str) -> WhoResult:
        if event not in self._who:
            self._who[event] = who(self.store, event, min_confidence=self.min_confidence)
        return self._who[event]

    def events_of(self, actor: str) -> list[str]:
        """The events where ``actor`` has a role that passes the confidence threshold."""
        rows = select(self.store, "who", {"actor": ox.NamedNode(actor)})
        events = sorted({iri for row in rows if (iri := text(row["event"]))})
        return [e for e in events if any(p["iri"] == actor for p in self.who(e)["participants"])]


def find_node(store: GraphStore, name: str) -> tuple[Candidate, set[str]]:
    """The event or actor ``name`` refers to (one lookup over both, so the best match of
    either kind wins), and the IRIs of all events."""
    events = event_candidates(store)
    found = match([*events, *entity_candidates(store)], name, kind="name")
    return found, {c.iri for c in events}


def neighbourhood(
    store: GraphStore,
    name: str,
    *,
    depth: int = DEFAULT_DEPTH,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> View:
    """The nodes within ``depth`` role links of the event or actor ``name``, laid out."""
    depth = max(1, min(depth, MAX_DEPTH))
    center, event_iris = find_node(store, name)
    walker = _Walker(store, min_confidence)
    info: dict[str, dict[str, str]] = {center.iri: {"label": center.label, "type": center.type}}
    ring = {center.iri: 0}
    frontier = [center.iri]
    for level in range(1, depth + 1):
        found: list[str] = []
        for iri in frontier:
            if iri in event_iris:
                result = walker.who(iri)
                info[iri] = {"label": result["event"]["label"], "type": result["event"]["type"]}
                neighbours = []
                for p in result["participants"]:
                    info.setdefault(p["iri"], {"label": p["label"], "type": p["type"]})
                    neighbours.append(p["iri"])
            else:
                neighbours = walker.events_of(iri)
                for event in neighbours:
                    header = walker.who(event)["event"]
                    info.setdefault(event, {"label": header["label"], "type": header["type"]})
            for other in neighbours:
                if other not in ring:
                    ring[other] = level
                    found.append(other)
        frontier = found

    edges = _edges(walker, [iri for iri in ring if iri in event_iris], set(ring))
    kept, hidden = _cut(ring, edges)
    edges = [e for e in edges if e["source"] in kept and e["target"] in kept]
    positions = _layout(center.iri, {iri: ring[iri] for iri in kept}, edges, info)
    nodes: list[Node] = []
    for iri in sorted(kept, key=lambda i: (ring[i], info[i]["label"].casefold(), i)):
        is_event = iri in event_iris
        start, end = None, None
        if is_event:
            start, end = walker.who(iri)["event"]["start"], walker.who(iri)["event"]["end"]
        x, y = positions[iri]
        nodes.append(
            {
                "id": iri,
                "label": info[iri]["label"],
                "type": info[iri]["type"],
                "kind": "event" if is_event else "actor",
                "ring": ring[iri],
                "x": x,
                "y": y,
                "colour": colour(info[iri]["type"]),
                "start": start,
                "end": end,
                "dates": _dates(store, iri) if is_event else [],
            }
        )
    return {
        "center": center.iri,
        "depth": depth,
        "min_confidence": min_confidence,
        "nodes": nodes,
        "edges": edges,
        "hidden": hidden,
    }


def _edges(walker: _Walker, events: Iterable[str], shown: set[str]) -> list[Edge]:
    edges: list[Edge] = []
    for event in sorted(events):
        for p in walker.who(event)["participants"]:
            if p["iri"] not in shown:
                continue
            evidence: list[EvidenceItem] = [
                {
                    "source": e["source"],
                    "sentence": e["sentence"],
                    "confidence": e["confidence"],
                    "roles": e["roles"],
                }
                for e in p["evidence"]
            ]
            edges.append(
                {
                    "source": event,
                    "target": p["iri"],
                    "roles": sorted(p["roles"], key=lambda r: (ROLE_RANK.get(r, 99), r)),
                    "evidence": evidence,
                }
            )
    return edges


def _cut(ring: dict[str, int], edges: list[Edge]) -> tuple[set[str], int]:
    """At most MAX_NODES nodes: whole inner rings first, then the best-linked outer ones."""
    if len(ring) <= MAX_NODES:
        return set(ring), 0
    degree: dict[str, int] = dict.fromkeys(ring, 0)
    for edge in edges:
        degree[edge["source"]] += 1
        degree[edge["target"]] += 1
    ordered = sorted(ring, key=lambda iri: (ring[iri], -degree[iri], iri))
    return set(ordered[:MAX_NODES]), len(ring) - MAX_NODES


def _dates(store: GraphStore, event: str) -> list[DateItem]:
    """The sentences that state the chosen start and end of ``event``."""
    return [
        {
            "kind": e["kind"],
            "value": e["value"],
            "source": e["source"],
            "sentence": e["sentence"],
            "confidence": e["confidence"],
        }
        for e in when(store, event)["evidence"]
    ]


# ---------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------


def _layout(
    center: str,
    ring: dict[str, int],
    edges: list[Edge],
    info: dict[str, dict[str, str]],
) -> dict[str, tuple[float, float]]:
    """Concentric rings around the centre. The first ring is ordered by type and label;
    every further ring is ordered by the mean angle of its links to the ring inside it,
    so linked nodes face each other and few edges cross. Each ring's radius leaves
    NODE_SPACING between neighbours."""
    neighbours: dict[str, set[str]] = {iri: set() for iri in ring}
    for edge in edges:
        neighbours[edge["source"]].add(edge["target"])
        neighbours[edge["target"]].add(edge["source"])
    positions = {center: (0.0, 0.0)}
    angles: dict[str, float] = {}
    radius = 0.0
    for level in range(1, max(ring.values(), default=0) + 1):
        members = [iri for iri in ring if ring[iri] == level]
        if not members:
            break
        if level == 1:
            members.sort(key=lambda i: (info[i]["type"], info[i]["label"].casefold(), i))
        else:
            wanted = {
                iri: _mean_angle([angles[n] for n in neighbours[iri] if n in angles])
                for iri in members
            }
            members.sort(key=lambda i: (wanted[i], info[i]["label"].casefold(), i))
        count = len(members)
        radius = max(radius + RING_GAP, count * NODE_SPACING / (2 * math.pi))
        offset = -math.pi / 2 if level == 1 else _offset(members, angles, neighbours, count)
        for index, iri in enumerate(members):
            angle = offset + 2 * math.pi * index / count
            angles[iri] = angle
            positions[iri] = (
                round(radius * math.cos(angle), 1),
                round(radius * math.sin(angle), 1),
            )
    return positions


def _mean_angle(values: list[float]) -> float:
    """The circular mean in [0, 2π); 0 for a node with no placed neighbour."""
    if not values:
        return 0.0
    angle = math.atan2(sum(map(math.sin, values)), sum(map(math.cos, values)))
    return angle % (2 * math.pi)


def _offset(
    members: list[str], angles: dict[str, float], neighbours: dict[str, set[str]], count: int
) -> float:
    """The rotation of an evenly spaced ring that best matches its members' wanted angles."""
    wanted = [_mean_angle([angles[n] for n in neighbours[iri] if n in angles]) for iri in members]
    deltas = [w - 2 * math.pi * i / count for i, w in enumerate(wanted)]
    return _mean_angle(deltas)


# ---------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------


def page(view: View) -> str:
    """The HTML page for ``view``: the template with the data inlined as JSON.

    The JSON sits in a ``<script type="application/json">`` element; ``<``, ``>`` and
    ``&`` are escaped so no label or sentence can close that element.
    """
    template = (files("queries.presenting") / "static" / "viz.html").read_text(encoding="utf-8")
    data = json.dumps(view, ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    center = next(n for n in view["nodes"] if n["id"] == view["center"])
    title = html.escape(f"{center['label']} ({center['type']}) — histkg")
    return template.replace("<!--TITLE-->", title).replace("/*DATA*/null", data)


def visualise(
    store: GraphStore,
    name: str,
    output: str | os.PathLike[str] | None = None,
    *,
    depth: int = DEFAULT_DEPTH,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Picture:
    """Build the page for the neighbourhood of ``name``; write it atomically to ``output``
    when given."""
    view = neighbourhood(store, name, depth=depth, min_confidence=min_confidence)
    document = page(view)
    path = write_atomically(output, document.encode("utf-8")) if output is not None else None
    return Picture(document, view, path)
