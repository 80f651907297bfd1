"""What a sentence states outright: "X signed Y", "X declared war on Y" (and the war that
makes them sides of), and "X, also known as Y" (two names of one event)."""

from __future__ import annotations

import itertools

from spacy.tokens import Span

from ..analysis import Situation
from ..mentions import Mention
from ..model import Evidence
from ..relations import find_statements
from .context import DocumentContext
from .event_dates import SentenceDate


def statements(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    actors: list[Mention],
    event_refs: list[tuple[Mention, str]],
    year: int | None,
    dates: list[SentenceDate],
) -> None:
    ids = {m: eid for m, eid in event_refs}
    war = framing_war(dc, event_refs, year)
    for hit in find_statements(sent, actors, [m for m, _ in event_refs]):
        obj = ids.get(hit.object, hit.object.id)
        dc.fact(hit.subject.id, hit.predicate, obj, evidence, 0.85, f"dep:{hit.predicate}")
        if hit.predicate == "signed":
            dc.fact(obj, "signatory", hit.subject.id, evidence, 0.85, "dep:signed")
        if hit.predicate != "declaredWarOn":
            continue
        # Declaring war on someone makes both sides belligerents of the war the text
        # is about (if its dates allow), or of the war that begins on that date.
        if war is not None:
            for side in (hit.subject.id, obj):
                dc.fact(war, "belligerent", side, evidence, 0.75, "dep:declaredWarOn")
            continue
        for d, _, _ in dates:
            if d.begin.precision == "day" and d.begin.year and d.begin.year > 0:
                links = tuple(
                    (side, "belligerent", 0.7, "date:declaredWarOn")
                    for side in (hit.subject.id, obj)
                )
                dc.analysis.situations.append(Situation(d.begin.iso(), links, evidence))


def framing_war(
    dc: DocumentContext, event_refs: list[tuple[Mention, str]], year: int | None
) -> str | None:
    """The war a sentence sits in: named in it, or the paragraph's, section's or title's."""
    state = dc.state
    candidates = [eid for _, eid in event_refs] + [
        e for e in (state.paragraph_topic, state.section_event, state.title_event) if e
    ]
    for eid in candidates:
        if dc.analysis.nodes[eid].type == "War" and dc.fits_in_time(eid, year):
            return eid
    return None


def record_aliases(dc: DocumentContext, sent: Span, events: list[Mention]) -> None:
    """ "X, also known as Y" / "X (also called Y)": the text says they are one event."""
    text = sent.text.lower()
    if len(events) < 2 or not any(k in text for k in ("known as", "also called", "a.k.a")):
        return
    # Only the event right after the phrase is the other name.
    for first, other in itertools.pairwise(events):
        between = sent.doc[first.end : other.start].text.lower()
        if "known as" in between or "also called" in between or "a.k.a" in between:
            dc.analysis.same_as.append((first.id, other.id))
