"""One document: parsed blocks in, local nodes and facts with evidence out.

Context is what makes noisy articles readable: a section headed "Battle of X" is about
that battle; "the pact" refers to the nearest pact; "On August 27" takes its year from
the text before it. This module walks the blocks and sentences in order, moves that
context along (extract/reading/context.py) and hands each sentence to one pass per
concern (extract/reading/): references, dates, names in events, participation links,
statements, links between events, quantities, the sentence's record; the infobox is read
once at the end, and then participants are carried along the links between events.
The order of the passes is the order facts are written in, which the participation
model's training and the build's output depend on.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from .analysis import ActorMention, DocumentAnalysis, LocalNode, SentenceMentions
from .clean import Block
from .components import EVENT_LABELS
from .entity_types import retype
from .event_dating import rescore as rescore_dates
from .mentions import BlockEntities, Mention, anaphor_mentions, local_id
from .names import is_title
from .participation import rescore
from .reading.context import DocumentContext
from .reading.event_dates import attach_dates, record_dates, sentence_dates, update_year
from .reading.headline import headline_event
from .reading.infobox import read_infobox
from .reading.names_in_events import read_event_name
from .reading.participation_links import (
    link,
    link_framed,
    nearest_actors,
    sentence_frame,
    situation,
)
from .reading.quantities import quantities
from .reading.references import pronouns, resolve_anaphor, state_of_demonym, subject_event
from .reading.sentence_record import record_mentions
from .reading.signatures import read_signatures
from .reading.statements import (
    alias_entities,
    record_aliases,
    record_bracketed_names,
    record_opening_alternatives,
    statements,
)
from .reading.wider_events import (
    carry_participants,
    carry_year,
    record_links,
    same_place_meetings,
)


class DocumentReader:
    """Reads one document's parsed blocks in order."""

    def __init__(self, source: str, text: str, blocks: Sequence[Block], docs: Sequence[Doc]):
        # Before the context reads the blocks' entities: it may label a headline an event.
        self.headline = headline_event(blocks, docs)
        self.dc = DocumentContext(source, text, blocks, docs)

    def read(self) -> DocumentAnalysis:
        dc = self.dc
        for index, (block, doc) in enumerate(zip(dc.blocks, dc.docs, strict=True)):
            dc.block_index = index
            self._read_block(block, doc)
        dc.analysis.title_event = dc.state.title_event
        # A page's infobox is about the event the page is about: its title's event, else
        # the first one it names.
        main = dc.state.title_event or _first_named_event(dc.analysis)
        if main is not None:
            read_infobox(dc, main)
        read_signatures(dc, main)
        same_place = same_place_meetings(dc.analysis.nodes)
        carry_participants(dc, main, same_place)
        carry_year(dc, same_place)
        return dc.analysis

    # -- context -----------------------------------------------------------------------

    def _read_block(self, block: Block, doc: Doc) -> None:
        dc, state = self.dc, self.dc.state
        entities = dc.entities[dc.block_index]
        dc.block_ents.append((block, entities.spans))
        events = [m for m in entities.mentions if m and m.kind == "event"]
        if block.kind in {"title", "heading"}:
            for m in events:
                dc.analysis.add_node(m)
            # A heading that names an event frames what follows; any other heading ends
            # the previous frame. A headline that names the page's event is its title.
            if block.kind == "title" or dc.block_index == self.headline:
                state.title_event = events[0].id if events else None
                dc.analysis.title = block.text_of(dc.text)
                people = [
                    m for m in entities.mentions if m and m.kind == "entity" and m.type == "Person"
                ]
                state.main_person = people[0] if people else None
            else:
                state.section_event = events[0].id if events else None
            if block.kind == "heading" or events:
                self._read_sentences(block, doc, heading=True)
            state.section_event = dc.narrowed_to_page(state.section_event)
            return
        state.paragraph_topic = None
        state.paragraph_events = []
        state.last_subject_event = None
        state.first_sentence = True
        self._read_sentences(block, doc, heading=False)

    def _read_sentences(self, block: Block, doc: Doc, *, heading: bool) -> None:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        entities = self.dc.entities[self.dc.block_index]
        if heading:
            # A heading is a label, not a statement: only its event names count ("Background"
            # tagged as a place by the model would otherwise become a node).
            kept = [e for e in entities.spans if e.label_ in EVENT_LABELS]
            doc.ents = sorted([*kept, *_list_items(doc, entities.spans)], key=lambda e: e.start)
            entities = BlockEntities(doc)
        for sent in sents:
            self.dc.analysis.sentences += 0 if heading else 1
            self._read_sentence(block, sent, entities, heading=heading)

    # -- one sentence --------------------------------------------------------------------

    def _read_sentence(
        self, block: Block, sent: Span, entities: BlockEntities, *, heading: bool = False
    ) -> None:
        dc, state = self.dc, self.dc.state
        doc = sent.doc
        mentions = entities.within(sent)
        actors = [state_of_demonym(dc, m) for m in mentions if m.kind == "entity"]
        actors += pronouns(dc, sent, actors)
        events = [m for m in mentions if m.kind == "event"]
        anaphors = [
            a
            for a in anaphor_mentions(doc, sent, entities.inside)
            if resolve_anaphor(dc, a, events)
        ]
        resolved = {a: resolve_anaphor(dc, a, events) for a in anaphors}
        dates = sentence_dates(dc, sent)
        sentence_year = next((d.begin.year for d, _, _ in dates if d.begin.year), state.year)
        evidence = dc.evidence(block, sent)

        event_refs: list[tuple[Mention, str]] = [(m, dc.analysis.add_node(m)) for m in events]
        for m in events:
            read_event_name(dc, m, evidence)
        event_refs += [(a, eid) for a, eid in resolved.items() if eid is not None]
        named = alias_entities(dc, sent, event_refs, actors)
        actors = [m for m in actors if m not in named]
        for m in actors:
            if not m.anaphor:
                dc.analysis.add_node(m)
        record_aliases(dc, sent, event_refs)
        record_bracketed_names(dc, sent, event_refs)
        record_opening_alternatives(dc, sent, [*events, *actors])

        linked: set[str] = set()
        for mention, eid in event_refs:
            near = nearest_actors(sent, actors, mention, event_refs)
            linked |= link(dc, sent, evidence, near, mention, eid, explicit=True)
        if event_refs:
            attach_dates(dc, sent, evidence, dates, event_refs)
        # Actors no event in the sentence claims belong to the paragraph's or section's
        # event, if the text ties them to it (involvement words) and the dates agree.
        frame = sentence_frame(dc, event_refs, sentence_year)
        unlinked = [a for a in actors if a.id not in linked]
        if frame is not None and unlinked:
            link_framed(dc, sent, evidence, unlinked, frame)
        elif not event_refs and unlinked:
            situation(dc, sent, evidence, unlinked, dates)
        statements(dc, sent, evidence, actors, event_refs, sentence_year, dates)
        record_links(dc, sent, evidence, event_refs)
        quantities(dc, sent, evidence, actors, event_refs, frame, sentence_year)
        record_dates(dc, sent, evidence, dates, event_refs, heading=heading)
        record_mentions(dc, sent, evidence, actors, event_refs, heading=heading)

        for _, eid in event_refs:
            state.paragraph_events.append(eid)
            state.recent_events.append(eid)
        if state.first_sentence and event_refs:
            state.paragraph_topic = dc.narrowed_to_page(event_refs[0][1])
        subject = subject_event(sent, event_refs)
        if subject is not None:
            state.last_subject_event = subject
        state.first_sentence = False
        update_year(dc, dates, sent, event_refs)


# Labels of names that, standing alone on a line, are an item of a list (an infobox's
# sides and commanders once its labels are lost), not a section's title.
_LIST_ITEM_LABELS = frozenset({"COUNTRY", "PERSON", "MILITARY_UNIT"})


def _list_items(doc: Doc, spans: Sequence[Span]) -> list[Span]:
    """The names that fill a heading line between them ("Russian Empire", "Alfred Graf
    von Waldersee", "Army of the Potomac[2] Army of Northern Virginia[3]"): states, units
    and people named by two words or more. A line with any other word is a title, but a
    note in brackets and a title of rank are no such word: "Benedict Arnold (WIA)", "Rai
    Durlabh (defector)", "Xiong Bingkun (熊秉坤)", "Russia Lt. Col. Eduard Totleben",
    "Lord Raglan (later replaced by General Simpson)"."""
    if any(e.label_ in EVENT_LABELS for e in spans):
        return []  # "Western Front (World War II)": a section on a war's theatre
    items = [
        e
        for e in (_without_brackets(e) for e in spans)
        if e is not None and e.label_ in _LIST_ITEM_LABELS and (e.label_ != "PERSON" or len(e) >= 2)
    ]
    inside = {i for e in items for i in range(e.start, e.end)}
    bracketed = _bracketed(doc)
    rest = [
        t
        for t in doc
        if t.i not in inside
        and t.i not in bracketed
        and not (t.is_punct or t.is_space or t.like_num or is_title(t.text.rstrip(".")))
    ]
    return items if items and not rest else []


def _bracketed(doc: Doc) -> set[int]:
    """Indices of the tokens inside round brackets, brackets included."""
    inside, depth = set(), 0
    for t in doc:
        if t.text == "(":
            depth += 1
        if depth:
            inside.add(t.i)
        if t.text == ")" and depth:
            depth -= 1
    return inside


def _without_brackets(span: Span) -> Span | None:
    """The name without a bracket or bullet NER took in at its edges ("• Cardinal Isidore
    (")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].text in {"(", ")", "•"}:
        start += 1
    while end > start and span.doc[end - 1].text in {"(", ")"}:
        end -= 1
    if start == end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label_, kb_id=span.kb_id_)


def _first_named_event(analysis: DocumentAnalysis) -> str | None:
    """The event an untitled page opens with: a lead sentence names its subject first."""
    return next((s.events[0] for s in analysis.sentence_mentions if s.events), None)


def read_document(
    source: str,
    text: str,
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    *,
    learned: bool = True,
) -> DocumentAnalysis:
    """Local nodes and facts for one document (see module docstring). ``learned`` applies
    the shipped models: entity types (extract/entity_types.py), then who took part
    (extract/participation.py), which reads the types, and when (extract/event_dating.py).
    Training reads documents without them."""
    analysis = DocumentReader(source, text, blocks, docs).read()
    if learned:
        retype(analysis)
        rescore(analysis)
        rescore_dates(analysis)
    return analysis


# The analysis types are re-exported: tests and tools import them from here.
__all__ = [
    "ActorMention",
    "DocumentAnalysis",
    "LocalNode",
    "SentenceMentions",
    "local_id",
    "read_document",
]
