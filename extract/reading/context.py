"""The state one document's passes share: the analysis being built, and where the reader
is (the year so far, the title's, section's and paragraph's events, the people that
"he"/"she" may mean).

Context is what makes noisy articles readable: a section headed "Battle of X" is about
that battle; "the pact" refers to the nearest pact; "On August 27" takes its year from
the text before it. extract/document.py moves this state along as it walks the blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..analysis import DocumentAnalysis
from ..clean import Block
from ..mentions import BlockEntities, Mention
from ..model import Evidence, Fact

# How far (in years) a sentence's date may lie from an event's known dates for the
# sentence to be read as being about that event.
_YEAR_SLACK = 1
# The part of a link noted before the page's event is known: the page's event itself.
PAGE_EVENT = ""


@dataclass(slots=True)
class ReadingState:
    year: int | None = None
    section_event: str | None = None
    # The paragraph's topic: events its first sentence mentions. A later passing mention
    # of another event does not change what the paragraph is about.
    paragraph_topic: str | None = None
    first_sentence: bool = True
    # Events mentioned so far in this paragraph, for "the treaty" (most recent last).
    paragraph_events: list[str] = field(default_factory=list)
    # The title's event resolves "the war" anywhere in the article, but does not by itself
    # make every sentence about it (articles range wider than their headlines).
    title_event: str | None = None
    recent_events: list[str] = field(default_factory=list)  # doc order, most recent last
    # For "he"/"she": the person the article is about (first named in its title or first
    # sentence) and the last person who was the subject of a sentence.
    main_person: Mention | None = None
    last_subject_person: Mention | None = None
    # For "It took place on ...": the event the paragraph's last sentence with an event
    # as its subject was about ("The Battle of X was fought between A and B, during the
    # Y War. It took place ..." is about the battle, not the war named last).
    last_subject_event: str | None = None


class DocumentContext:
    """One document's text, parsed blocks, the analysis so far and the reading state."""

    def __init__(self, source: str, text: str, blocks: Sequence[Block], docs: Sequence[Doc]):
        self.source = source
        self.text = text
        self.blocks = blocks
        self.docs = docs
        self.analysis = DocumentAnalysis(source)
        self.state = ReadingState()
        # Each block's entities as NER and our components gave them; a heading's reading
        # drops all but its events and reads them again (extract/document.py).
        self.entities: list[BlockEntities] = [BlockEntities(doc) for doc in docs]
        # Every block's names as NER gave them, before a heading's reading drops them:
        # an infobox's lines are short, and read as headings.
        self.block_ents: list[tuple[Block, tuple[Span, ...]]] = []
        # States the document names outright: a demonym means one of these when it can
        # ("the Russians" in an article about the Russian Empire), whatever the
        # gazetteer's default for the word today.
        self.named_states: set[str] = {
            e.kb_id_ for block in self.entities for e in block.spans if e.label_ == "COUNTRY"
        }
        self.named_parties_done: set[str] = set()
        self.block_index = 0
        # Named events of the whole document, for anaphors that point forward
        # ("a mutual neutrality pact was signed ..." before "the X Neutrality Pact").
        self.named_events: list[Mention] = [
            m
            for block in self.entities
            for m in block.mentions
            if m is not None and m.kind == "event"
        ]

        # Links between events that carry participants (extract/reading/wider_events.py):
        # (agreement, meeting, evidence) for an agreement made at a meeting, and (part,
        # whole, evidence) for an event part of a wider one (PAGE_EVENT as part: the
        # page's event, named on its box's "Part of" line).
        self.made_at: list[tuple[str, str, Evidence]] = []
        self.part_of: list[tuple[str, str, Evidence]] = []

    def narrowed_to_page(self, event: str | None) -> str | None:
        """The page's own event in place of a wider event it is part of: a page about a
        siege that opens a paragraph with "the Hundred Years' War" goes on about the
        siege, with the war as its background."""
        title = self.state.title_event
        if event is None or title is None:
            return event
        wider = {whole for part, whole, _ in self.part_of if part in {PAGE_EVENT, title}}
        return title if event in wider else event

    def evidence(self, block: Block, sent: Span) -> Evidence:
        start = block.start + sent.start_char
        end = block.start + sent.end_char
        return Evidence(self.source, self.text[start:end], start, end)

    def fact(
        self,
        subject: str,
        predicate: str,
        obj: str,
        evidence: Evidence,
        confidence: float,
        method: str,
    ) -> None:
        self.analysis.facts.append(
            Fact(subject, predicate, obj, evidence, round(confidence, 2), method)
        )

    def fits_in_time(self, event_id: str, year: int | None) -> bool:
        years = event_years(self.analysis, event_id)
        if not years or year is None:
            return True
        return min(years) - _YEAR_SLACK <= year <= max(years) + _YEAR_SLACK


def event_years(analysis: DocumentAnalysis, event_id: str) -> set[int]:
    return {
        int(f.object[:5]) if f.object.startswith("-") else int(f.object[:4])
        for f in analysis.facts
        if f.subject == event_id and f.predicate in {"begin", "end"}
    }


def distance(m: Mention, start: int, end: int) -> int:
    """Tokens between a mention and the span ``start:end`` (0 if they overlap)."""
    if m.end <= start:
        return start - m.end
    if end <= m.start:
        return m.start - end
    return 0
