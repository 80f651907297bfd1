"""Counts a sentence states ("18,500 dead"), given to the event they are about."""

from __future__ import annotations

from spacy.tokens import Span

from ..mentions import Mention
from ..model import Evidence, Quantity
from ..quantities import find_quantities
from .context import DocumentContext, distance


def quantities(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    actors: list[Mention],
    event_refs: list[tuple[Mention, str]],
    frame: str | None,
    year: int | None,
) -> None:
    """Counts in the sentence, given to the nearest event named in it, else to the
    paragraph's or section's fighting, else to the war the article is about."""
    hits = find_quantities(sent, actors)
    if not hits:
        return
    title = dc.state.title_event
    fallback = frame or (
        title
        if title and dc.analysis.nodes[title].type == "War" and dc.fits_in_time(title, year)
        else None
    )
    for hit in hits:
        if event_refs:
            _, event = min(event_refs, key=lambda r: distance(r[0], hit.start, hit.end))
            confidence = 0.75
        elif fallback is not None:
            event, confidence = fallback, 0.6
        else:
            continue
        dc.analysis.quantities.append(
            Quantity(event, hit.measure, hit.value, hit.unit, hit.about, hit.approximate,
                     evidence, confidence)
        )  # fmt: skip
