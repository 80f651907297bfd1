"""Who took part in which event: actors linked to the events their sentence names, to
the paragraph's or section's event that frames it, or kept with the sentence's date for
resolution to place (a ``Situation``)."""

from __future__ import annotations

from spacy.tokens import Span

from ..analysis import Situation
from ..mentions import Mention, is_parsed
from ..model import Evidence
from ..relations import (
    AGREEING_TYPES,
    FIGHTING_TYPES,
    link_actor,
    tree_distance,
    where_event_happened,
)
from .context import DocumentContext
from .event_dates import SentenceDate

_PEOPLE_TYPES = frozenset({"Person", "Country", "Organization", "MilitaryUnit"})


def nearest_actors(
    sent: Span,
    actors: list[Mention],
    event: Mention,
    event_refs: list[tuple[Mention, str]],
) -> list[Mention]:
    """With several events in a sentence, each actor belongs to the one nearest to it
    in the dependency tree ("the defeat at X led Y to sign Z similar to W")."""
    if len({eid for _, eid in event_refs}) < 2 or not is_parsed(sent.doc):
        return actors
    doc = sent.doc

    def distance(actor: Mention, other: Mention) -> int:
        a, b = doc[actor.start : actor.end].root, doc[other.start : other.end].root
        # Coordinated events ("in both X and Y") are as near as their first conjunct.
        first = b.head if b.dep_ == "conj" else b
        return min(tree_distance(a, b), tree_distance(a, first))

    return [a for a in actors if distance(a, event) <= min(distance(a, m) for m, _ in event_refs)]


def sentence_frame(
    dc: DocumentContext,
    event_refs: list[tuple[Mention, str]],
    year: int | None,
) -> str | None:
    """The paragraph's or section's event that a sentence's unclaimed actors and counts
    belong to, if it frames this sentence: fighting or an agreement, another event than
    those the sentence names, and dates that agree."""
    nodes = dc.analysis.nodes
    frame = dc.state.paragraph_topic or dc.state.section_event
    # For a treaty's frame only signing links ("X signed for Y"); conferences are framed
    # too loosely to link anyone not named with them.
    if frame is not None and nodes[frame].type in AGREEING_TYPES:
        # A treaty frames only its own section, and not a sentence about signing some
        # other document.
        named_agreement = any(nodes[eid].type in AGREEING_TYPES for _, eid in event_refs)
        if frame != dc.state.section_event or named_agreement:
            frame = None
    framed = (
        frame is not None
        and frame not in {eid for _, eid in event_refs}
        and nodes[frame].type in FIGHTING_TYPES | AGREEING_TYPES
        and dc.fits_in_time(frame, year)
    )
    return frame if framed else None


def link_framed(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    actors: list[Mention],
    frame: str,
) -> None:
    """Link actors the sentence does not tie to a named event to its frame's event, if
    the text ties them to it (involvement words)."""
    frame_type = dc.analysis.nodes[frame].type
    frame_mention = Mention("event", frame_type, frame, "", sent.start, sent.start)
    link(dc, sent, evidence, actors, frame_mention, frame, explicit=False)


def situation(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    actors: list[Mention],
    dates: list[SentenceDate],
) -> None:
    """Keep a day-dated sentence about fighting for cross-document anchoring."""
    # Anchoring compares calendar days, which Python's dates have only for AD years.
    days = [
        d.begin
        for d, _, _ in dates
        if d.begin.precision == "day" and d.begin.year and d.begin.year > 0
    ]
    if not days:
        return
    fight = Mention("event", "War", "", "", sent.start, sent.start)
    links = []
    for actor in actors:
        if actor.type not in _PEOPLE_TYPES:
            continue
        found = link_actor(sent, actor, fight, "War", explicit=False)
        if found is not None:
            links.append((actor.id, found.role, found.confidence, f"date:{found.method}"))
    if links:
        for day in days:
            dc.analysis.situations.append(Situation(day.iso(), tuple(links), evidence))


def link(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    actors: list[Mention],
    event: Mention,
    event_id: str,
    *,
    explicit: bool,
) -> set[str]:
    """Record the actors' roles in the event; return the ids of actors linked."""
    event_type = dc.analysis.nodes[event_id].type
    linked = set()
    for actor in actors:
        if (
            explicit
            and actor.type in {"Place", "Country"}
            and not actor.anaphor
            and where_event_happened(sent, actor, event)
        ):
            dc.fact(event_id, "place", actor.id, evidence, 0.7, "dep:locative")
            linked.add(actor.id)
            continue
        if actor.type not in _PEOPLE_TYPES:
            continue
        found = link_actor(sent, actor, event, event_type, explicit=explicit)
        if found is None:
            continue
        if not explicit and event_type in AGREEING_TYPES and found.role != "signatory":
            continue  # in a treaty's section only "X signed" makes X a party
        how = found.method if explicit else f"context:{found.method}"
        dc.fact(event_id, found.role, actor.id, evidence, found.confidence, how)
        linked.add(actor.id)
    return linked
