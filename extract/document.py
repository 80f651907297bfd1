"""One document: parsed blocks in, local nodes and facts with evidence out.

Context is what makes noisy articles readable: a section headed "Battle of X" is about
that battle; "the pact" refers to the nearest pact; "On August 27" takes its year from
the text before it. This module walks the blocks in order and keeps that context.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .analysis import ActorMention, DocumentAnalysis, LocalNode, SentenceMentions, Situation
from .clean import Block
from .components import EVENT_LABELS
from .dates import DateMention, DateValue, fill_year, find_dates
from .mentions import Mention, anaphor_mentions, is_parsed, local_id, span_mention
from .model import Evidence, Fact, Quantity
from .names import match_key
from .participation import rescore
from .quantities import find_quantities
from .relations import (
    AGREEING_TYPES,
    FIGHTING_TYPES,
    date_predicate,
    find_statements,
    link_actor,
    parties_from_event_name,
    place_from_event_name,
    tree_distance,
    where_event_happened,
)

# How far (in years) a sentence's date may lie from an event's known dates for the
# sentence to be read as being about that event.
_YEAR_SLACK = 1
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
_PEOPLE_TYPES = frozenset({"Person", "Country", "Organization", "MilitaryUnit"})


@dataclass(slots=True)
class _Context:
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


def _event_years(analysis: DocumentAnalysis, event_id: str) -> set[int]:
    return {
        int(f.object[:5]) if f.object.startswith("-") else int(f.object[:4])
        for f in analysis.facts
        if f.subject == event_id and f.predicate in {"begin", "end"}
    }


class DocumentReader:
    """Reads one document's parsed blocks in order."""

    def __init__(self, source: str, text: str, blocks: Sequence[Block], docs: Sequence[Doc]):
        self.source = source
        self.text = text
        self.blocks = blocks
        self.docs = docs
        self.analysis = DocumentAnalysis(source)
        self.ctx = _Context()
        # Every block's names as NER gave them, before a heading's reading drops them:
        # an infobox's lines are short, and read as headings.
        self.block_ents: list[tuple[Block, tuple[Span, ...]]] = []
        # Named events of the whole document, for anaphors that point forward
        # ("a mutual neutrality pact was signed ..." before "the X Neutrality Pact").
        # States the document names outright: a demonym means one of these when it can
        # ("the Russians" in an article about the Russian Empire), whatever the
        # gazetteer's default for the word today.
        self.named_states: set[str] = {
            e.kb_id_ for doc in docs for e in doc.ents if e.label_ == "COUNTRY"
        }
        self.named_parties_done: set[str] = set()
        self.block_index = 0
        self.named_events: list[Mention] = [
            m
            for doc in docs
            for m in (span_mention(e) for e in doc.ents)
            if m is not None and m.kind == "event"
        ]

    def read(self) -> DocumentAnalysis:
        for index, (block, doc) in enumerate(zip(self.blocks, self.docs, strict=True)):
            self.block_index = index
            self._read_block(block, doc)
        self.analysis.title_event = self.ctx.title_event
        # A page's infobox is about the event the page is about: its title's event, else
        # the first one it names.
        main = self.ctx.title_event or _first_named_event(self.analysis)
        if main is not None:
            self._infobox_dates(main)
            self._infobox_parties(main)
        return self.analysis

    def _infobox_parties(self, main: str) -> None:
        """The infobox's lists of sides and commanders, read with the names NER found in
        them: "- Commander1: Charles Howard, Francis Drake" lines, and the "Belligerents" and
        "Commanders and leaders" sections of a copied page's box."""
        zones = _party_zones(self.text)
        if not zones:
            return
        for block, ents in self.block_ents:
            for ent in ents:
                at = block.start + ent.start_char
                zone = next((z for z in zones if z[0] <= at < z[1]), None)
                m = span_mention(ent) if zone else None
                if zone is None or m is None or m.kind != "entity" or "," in ent.text:
                    continue  # "Baden, Duchy of Warsaw": two names NER ran together
                m = self._state_of_demonym(m)
                role = zone[2]
                if role == "commander" and m.type != "Person":
                    continue  # a commander is a person; a side may be a land ("Sardinia")
                said = self.text[zone[3] : zone[1]].rstrip()
                evidence = Evidence(self.source, said, zone[3], zone[3] + len(said))
                self.analysis.add_node(m)
                self._fact(main, role, m.id, evidence, 0.85, f"infobox:{role}")

    def _infobox_dates(self, main: str) -> None:
        """ "Date 25 October 1415", "- Date: 24 June 1859": a page's infobox gives the date
        of the event the page is about."""
        for block in self.blocks:
            for line_start, line in _lines(self.text, block.start, block.end):
                found = _INFOBOX_DATE.match(line)
                if not found:
                    continue
                dates = [d for d in find_dates(line[found.end() :]) if d.start == 0]
                if not dates or dates[0].begin.year is None:
                    continue
                d = dates[0]
                end = line_start + len(line.rstrip())
                evidence = Evidence(self.source, self.text[line_start:end], line_start, end)
                self._fact(main, "begin", d.begin.iso(), evidence, 0.8, "infobox:date")
                if d.end_value is not None and d.end_value.year is not None:
                    self._fact(main, "end", d.end_value.iso(), evidence, 0.8, "infobox:date")
                return

    # -- context -----------------------------------------------------------------------

    def _read_block(self, block: Block, doc: Doc) -> None:
        self.block_ents.append((block, tuple(doc.ents)))
        events = [m for m in (span_mention(e) for e in doc.ents) if m and m.kind == "event"]
        if block.kind in {"title", "heading"}:
            for m in events:
                self.analysis.add_node(m)
            # A heading that names an event frames what follows; any other heading ends
            # the previous frame.
            if block.kind == "title":
                self.ctx.title_event = events[0].id if events else None
                people = [
                    m
                    for m in (span_mention(e) for e in doc.ents)
                    if m and m.kind == "entity" and m.type == "Person"
                ]
                self.ctx.main_person = people[0] if people else None
            else:
                self.ctx.section_event = events[0].id if events else None
            if block.kind == "heading" or events:
                self._read_sentences(block, doc, heading=True)
            return
        self.ctx.paragraph_topic = None
        self.ctx.paragraph_events = []
        self.ctx.first_sentence = True
        self._read_sentences(block, doc, heading=False)

    def _read_sentences(self, block: Block, doc: Doc, *, heading: bool) -> None:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        if heading:
            # A heading is a label, not a statement: only its event names count ("Background"
            # tagged as a place by the model would otherwise become a node).
            doc.ents = [e for e in doc.ents if e.label_ in EVENT_LABELS]
        for sent in sents:
            self.analysis.sentences += 0 if heading else 1
            self._read_sentence(block, sent, heading=heading)

    # -- one sentence --------------------------------------------------------------------

    def _evidence(self, block: Block, sent: Span) -> Evidence:
        start = block.start + sent.start_char
        end = block.start + sent.end_char
        return Evidence(self.source, self.text[start:end], start, end)

    def _dates(self, sent: Span) -> list[tuple[DateMention, int, int]]:
        """Dates in the sentence with years filled from context, as (date, tok_start, end)."""
        found = []
        for d in find_dates(sent.text):
            if d.begin.year is None and (d.end_value is None or d.end_value.year is None):
                if self.ctx.year is None:
                    continue
                d = fill_year(d, self.ctx.year)
            elif d.begin.year is None and d.end_value is not None and d.end_value.year:
                d = fill_year(d, d.end_value.year)
            span = sent.char_span(d.start, d.end, alignment_mode="expand")
            if span is None:
                continue
            found.append((d, span.start, span.end))
        return found

    def _update_year(self, dates: list[tuple[DateMention, int, int]], sent: Span) -> None:
        for d, _, _ in dates:
            text_year = d.end_value.year if d.end_value and d.end_value.year else d.begin.year
            if text_year is not None and str(abs(text_year)) in sent.text:
                self.ctx.year = text_year

    def _read_sentence(self, block: Block, sent: Span, *, heading: bool = False) -> None:
        doc = sent.doc
        mentions = [m for m in (span_mention(e) for e in sent.ents) if m is not None]
        actors = [self._state_of_demonym(m) for m in mentions if m.kind == "entity"]
        actors += self._pronouns(sent, actors)
        events = [m for m in mentions if m.kind == "event"]
        anaphors = [a for a in anaphor_mentions(doc, sent) if self._resolve(a, events)]
        resolved = {a: self._resolve(a, events) for a in anaphors}
        dates = self._dates(sent)
        sentence_year = next((d.begin.year for d, _, _ in dates if d.begin.year), self.ctx.year)
        evidence = self._evidence(block, sent)

        for m in actors:
            if not m.anaphor:
                self.analysis.add_node(m)
        event_refs: list[tuple[Mention, str]] = [(m, self.analysis.add_node(m)) for m in events]
        for m in events:
            self._place_in_name(m, evidence)
            self._parties_in_name(m, evidence)
            self._year_in_name(m, evidence)
        event_refs += [(a, eid) for a, eid in resolved.items() if eid is not None]
        self._record_aliases(sent, events)

        linked: set[str] = set()
        for mention, eid in event_refs:
            near = self._nearest_actors(sent, actors, mention, event_refs)
            linked |= self._link(sent, evidence, near, mention, eid, explicit=True)
        if event_refs:
            self._attach_dates(sent, evidence, dates, event_refs)
        # Actors no event in the sentence claims belong to the paragraph's or section's
        # event, if the text ties them to it (involvement words) and the dates agree.
        # For a treaty's frame only signing links ("X signed for Y"); conferences are
        # framed too loosely to link anyone not named with them.
        frame = self.ctx.paragraph_topic or self.ctx.section_event
        if frame is not None and self.analysis.nodes[frame].type in AGREEING_TYPES:
            # A treaty frames only its own section, and not a sentence about signing
            # some other document.
            named_agreement = any(
                self.analysis.nodes[eid].type in AGREEING_TYPES for _, eid in event_refs
            )
            if frame != self.ctx.section_event or named_agreement:
                frame = None
        unlinked = [a for a in actors if a.id not in linked]
        framed = (
            frame is not None
            and frame not in {eid for _, eid in event_refs}
            and self.analysis.nodes[frame].type in FIGHTING_TYPES | AGREEING_TYPES
            and self._fits_in_time(frame, sentence_year)
        )
        if frame is not None and framed and unlinked:
            frame_type = self.analysis.nodes[frame].type
            frame_mention = Mention("event", frame_type, frame, "", sent.start, sent.start)
            self._link(sent, evidence, unlinked, frame_mention, frame, explicit=False)
        elif not event_refs and unlinked:
            self._situation(sent, evidence, unlinked, dates)
        self._statements(sent, evidence, actors, event_refs, sentence_year, dates)
        self._quantities(
            sent, evidence, actors, event_refs, frame if framed else None, sentence_year
        )
        self._record_mentions(sent, evidence, actors, event_refs, heading=heading)

        for _, eid in event_refs:
            self.ctx.paragraph_events.append(eid)
            self.ctx.recent_events.append(eid)
        if self.ctx.first_sentence and event_refs:
            self.ctx.paragraph_topic = event_refs[0][1]
        self.ctx.first_sentence = False
        self._update_year(dates, sent)

    def _record_mentions(
        self,
        sent: Span,
        evidence: Evidence,
        actors: list[Mention],
        event_refs: list[tuple[Mention, str]],
        *,
        heading: bool,
    ) -> None:
        parsed = is_parsed(sent.doc)
        records = []
        for actor in actors:
            root = sent.doc[actor.start : actor.end].root
            dep, head = (root.dep_, _governor(root).lemma_.lower()) if parsed else ("", "")
            records.append(ActorMention(actor.id, dep, head, actor.demonym))
        self.analysis.sentence_mentions.append(
            SentenceMentions(
                index=len(self.analysis.sentence_mentions),
                block=self.block_index,
                heading=heading,
                events=tuple(dict.fromkeys(eid for _, eid in event_refs)),
                frame=self.ctx.paragraph_topic or self.ctx.section_event,
                actors=tuple(records),
                evidence=evidence,
            )
        )

    def _nearest_actors(
        self,
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

        return [
            a for a in actors if distance(a, event) <= min(distance(a, m) for m, _ in event_refs)
        ]

    def _situation(
        self,
        sent: Span,
        evidence: Evidence,
        actors: list[Mention],
        dates: list[tuple[DateMention, int, int]],
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
            link = link_actor(sent, actor, fight, "War", explicit=False)
            if link is not None:
                links.append((actor.id, link.role, link.confidence, f"date:{link.method}"))
        if links:
            for day in days:
                self.analysis.situations.append(Situation(day.iso(), tuple(links), evidence))

    def _quantities(
        self,
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
        title = self.ctx.title_event
        fallback = frame or (
            title
            if title
            and self.analysis.nodes[title].type == "War"
            and self._fits_in_time(title, year)
            else None
        )
        for hit in hits:
            if event_refs:
                _, event = min(event_refs, key=lambda r: _distance(r[0], hit.start, hit.end))
                confidence = 0.75
            elif fallback is not None:
                event, confidence = fallback, 0.6
            else:
                continue
            self.analysis.quantities.append(
                Quantity(event, hit.measure, hit.value, hit.unit, hit.about, hit.approximate,
                         evidence, confidence)
            )  # fmt: skip

    def _year_in_name(self, event: Mention, evidence: Evidence) -> None:
        """ "the 2010 Winter Olympics", "Eurovision Song Contest 2009", "War of 1812": a
        year in the name is when the event took place (its begin, at year precision)."""
        years = [w for w in event.name.split() if len(w) == 4 and w.isdigit()]
        if len(years) != 1 or not 1000 <= int(years[0]) <= 2100:
            return
        if any(f.subject == event.id and f.method == "name:year" for f in self.analysis.facts):
            return
        self._fact(event.id, "begin", years[0], evidence, 0.6, "name:year")

    def _parties_in_name(self, event: Mention, evidence: Evidence) -> None:
        """ "the Soviet-Japanese War": the name says who the two sides were."""
        states = parties_from_event_name(event.name)
        if not states or event.id in self.named_parties_done:
            return
        self.named_parties_done.add(event.id)
        role = (
            "belligerent"
            if event.type in FIGHTING_TYPES
            else "signatory"
            if event.type in AGREEING_TYPES
            else "participant"
        )
        for state in (self._named_variant(s) for s in states):
            mention = Mention("entity", "Country", state, state, 0, 0, demonym=True)
            self.analysis.add_node(mention)
            self._fact(event.id, role, mention.id, evidence, 0.6, "name:parties")

    def _place_in_name(self, event: Mention, evidence: Evidence) -> None:
        """ "Battle of X", "X Conference", "X Incident": the name says where it happened."""
        place = place_from_event_name(event.name, event.type)
        if place is None or any(
            f.subject == event.id and f.predicate == "place" for f in self.analysis.facts
        ):
            return
        country = gazetteer.country_named(place)
        mention = (
            Mention("entity", "Country", country.name, place, 0, 0)
            if country
            else Mention("entity", "Place", place, place, 0, 0)
        )
        self._fact(event.id, "place", self.analysis.add_node(mention), evidence, 0.6, "name:place")

    def _named_variant(self, state: str) -> str:
        """The state the document itself names for ``state``'s people ("Russo-" in an
        article about the Russian Empire is the Russian Empire). A historical state the
        article names wins over today's (an article naming both is about the past)."""
        country = gazetteer.country_named(state)
        if country is None:
            return state
        named = [
            candidate
            for demonym in country.demonyms
            for candidate in gazetteer.countries_for_demonym(demonym)
            if candidate.name in self.named_states
        ]
        historical = [c for c in named if c.historical]
        if historical:
            return historical[0].name
        return state if state in self.named_states or not named else named[0].name

    def _state_of_demonym(self, mention: Mention) -> Mention:
        if not mention.demonym:
            return mention
        named = [
            s for s in gazetteer.countries_for_demonym(mention.surface)
            if s.name in self.named_states
        ]  # fmt: skip
        historical = [s for s in named if s.historical]
        choice = historical[0] if historical else named[0] if named else None
        if choice is None or (not historical and mention.name in self.named_states):
            return mention
        return replace(mention, name=choice.name)

    def _pronouns(self, sent: Span, actors: list[Mention]) -> list[Mention]:
        """ "He served in the war": personal pronouns as mentions of the person they most
        likely mean — a person named earlier in the sentence, else the last sentence's
        subject, else the person the article is about. Updates that context too."""
        people = [a for a in actors if a.type == "Person"]
        if people and self.ctx.main_person is None:
            self.ctx.main_person = people[0]
        found = []
        for token in sent:
            if token.lower_ not in _PERSONAL_PRONOUNS or token.ent_type_:
                continue
            earlier = [p for p in people if p.end <= token.i]
            antecedent = (
                earlier[-1] if earlier else self.ctx.last_subject_person or self.ctx.main_person
            )
            if antecedent is not None:
                found.append(
                    Mention(
                        "entity",
                        "Person",
                        antecedent.name,
                        token.text,
                        token.i,
                        token.i + 1,
                        anaphor=True,
                    )
                )
        subjects = [p for p in people if sent.doc[p.start : p.end].root.dep_ == "nsubj"]
        if subjects:
            self.ctx.last_subject_person = subjects[0]
        return found

    def _fits_in_time(self, event_id: str, year: int | None) -> bool:
        years = _event_years(self.analysis, event_id)
        if not years or year is None:
            return True
        return min(years) - _YEAR_SLACK <= year <= max(years) + _YEAR_SLACK

    # -- linking -------------------------------------------------------------------------

    def _resolve(self, anaphor: Mention, here: list[Mention]) -> str | None:
        """The event a "the pact"-style mention refers to, nearest compatible first."""
        types = set(anaphor.type.split("|"))

        def fits(event_id: str | None) -> bool:
            if event_id is None:
                return False
            node = self.analysis.nodes.get(event_id)
            if node is None or node.type not in types:
                return False
            return _qualifiers_fit(anaphor, node.name)

        for m in reversed([m for m in here if m.start < anaphor.start]):
            if fits(m.id):
                return m.id
        # Inside a section about one event, the headline's event is out of reach.
        frames = [self.ctx.section_event or self.ctx.title_event]
        for candidate in [*reversed(self.ctx.paragraph_events), *frames]:
            if fits(candidate):
                return candidate
        if not anaphor.qualifiers:
            # Nothing in the paragraph or section fits: the last compatible event the
            # document named ("the pact" opening a paragraph after one about the pact).
            for eid in reversed(self.ctx.recent_events):
                if fits(eid):
                    return eid
            return None
        if anaphor.qualifiers:
            # A qualified reference ("the neutrality pact") may name an event the
            # document introduces anywhere.
            for eid in reversed(self.ctx.recent_events):
                if fits(eid):
                    return eid
            for m in self.named_events:
                if m.type in types and _qualifiers_fit(anaphor, m.name):
                    return self.analysis.add_node(m)
        return None

    def _link(
        self,
        sent: Span,
        evidence: Evidence,
        actors: list[Mention],
        event: Mention,
        event_id: str,
        *,
        explicit: bool,
    ) -> set[str]:
        """Record the actors' roles in the event; return the ids of actors linked."""
        event_type = self.analysis.nodes[event_id].type
        linked = set()
        for actor in actors:
            if (
                explicit
                and actor.type in {"Place", "Country"}
                and not actor.anaphor
                and where_event_happened(sent, actor, event)
            ):
                self._fact(event_id, "place", actor.id, evidence, 0.7, "dep:locative")
                linked.add(actor.id)
                continue
            if actor.type not in _PEOPLE_TYPES:
                continue
            link = link_actor(sent, actor, event, event_type, explicit=explicit)
            if link is None:
                continue
            if not explicit and event_type in AGREEING_TYPES and link.role != "signatory":
                continue  # in a treaty's section only "X signed" makes X a party
            how = link.method if explicit else f"context:{link.method}"
            self._fact(event_id, link.role, actor.id, evidence, link.confidence, how)
            linked.add(actor.id)
        return linked

    def _attach_dates(
        self,
        sent: Span,
        evidence: Evidence,
        dates: list[tuple[DateMention, int, int]],
        event_refs: list[tuple[Mention, str]],
    ) -> None:
        for d, start, end in dates:
            if d.begin.year is None:
                continue
            # A date set right after an event's name is that event's ("the Thirty Years'
            # War (1618-1648)", "the Treaty of Zaragoza, signed on 22 April 1529"), whatever
            # the clause's verb is about. Otherwise the event that is the subject of the
            # date's verb owns it ("It began ... on DATE"); failing that, the nearest event
            # mention the text ties it to.
            # A bare "in"/"on" between name and date ("fought during the X War on 1 September
            # 1870") yields to the verb's subject (the battle that was fought).
            apposed, set_off = apposed_event(sent, start, end, event_refs)
            owner = date_owner(sent, start, end, event_refs)
            if apposed is not None and (set_off or owner is None):
                mention, eid = apposed
                self._date_fact(eid, "begin", d.begin, evidence, mention)
                if d.end_value is not None and d.end_value.year is not None:
                    self._date_fact(eid, "end", d.end_value, evidence, mention)
                continue
            by_distance = sorted(event_refs, key=lambda r: _distance(r[0], start, end))
            if d.end_value is not None and d.end_value.year is not None:
                mention, eid = owner or by_distance[0]
                self._date_fact(eid, "begin", d.begin, evidence, mention)
                self._date_fact(eid, "end", d.end_value, evidence, mention)
                continue
            for mention, eid in [owner] if owner else by_distance:
                predicate = date_predicate(sent, start, end, mention)
                if predicate is not None:
                    self._date_fact(eid, predicate, d.begin, evidence, mention)
                    break

    def _date_fact(
        self, eid: str, predicate: str, value: DateValue, evidence: Evidence, m: Mention
    ) -> None:
        confidence = 0.8 if m.anaphor else 0.9
        self._fact(eid, predicate, value.iso(), evidence, confidence, "pattern:date")

    def _statements(
        self,
        sent: Span,
        evidence: Evidence,
        actors: list[Mention],
        event_refs: list[tuple[Mention, str]],
        year: int | None,
        dates: list[tuple[DateMention, int, int]],
    ) -> None:
        ids = {m: eid for m, eid in event_refs}
        war = self._framing_war(event_refs, year)
        for hit in find_statements(sent, actors, [m for m, _ in event_refs]):
            obj = ids.get(hit.object, hit.object.id)
            self._fact(hit.subject.id, hit.predicate, obj, evidence, 0.85, f"dep:{hit.predicate}")
            if hit.predicate == "signed":
                self._fact(obj, "signatory", hit.subject.id, evidence, 0.85, "dep:signed")
            if hit.predicate != "declaredWarOn":
                continue
            # Declaring war on someone makes both sides belligerents of the war the text
            # is about (if its dates allow), or of the war that begins on that date.
            if war is not None:
                for side in (hit.subject.id, obj):
                    self._fact(war, "belligerent", side, evidence, 0.75, "dep:declaredWarOn")
                continue
            for d, _, _ in dates:
                if d.begin.precision == "day" and d.begin.year and d.begin.year > 0:
                    links = tuple(
                        (side, "belligerent", 0.7, "date:declaredWarOn")
                        for side in (hit.subject.id, obj)
                    )
                    self.analysis.situations.append(Situation(d.begin.iso(), links, evidence))

    def _framing_war(self, event_refs: list[tuple[Mention, str]], year: int | None) -> str | None:
        """The war a sentence sits in: named in it, or the paragraph's, section's or title's."""
        candidates = [eid for _, eid in event_refs] + [
            e for e in (self.ctx.paragraph_topic, self.ctx.section_event, self.ctx.title_event) if e
        ]
        for eid in candidates:
            if self.analysis.nodes[eid].type == "War" and self._fits_in_time(eid, year):
                return eid
        return None

    def _record_aliases(self, sent: Span, events: list[Mention]) -> None:
        """ "X, also known as Y" / "X (also called Y)": the text says they are one event."""
        text = sent.text.lower()
        if len(events) < 2 or not any(k in text for k in ("known as", "also called", "a.k.a")):
            return
        # Only the event right after the phrase is the other name.
        for first, other in itertools.pairwise(events):
            between = sent.doc[first.end : other.start].text.lower()
            if "known as" in between or "also called" in between or "a.k.a" in between:
                self.analysis.same_as.append((first.id, other.id))

    def _fact(
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


# An infobox's date field as copied pages keep it: "Date25 October 1415" (run together),
# "Date: 24 June 1859", "- Date 6 April – 29 May 1453"; a treaty's signing date, "Signed |
# 2 February 1848 |", "- Date Signed: 24 October 1648".
_INFOBOX_DATE = re.compile(r"^[\s|*-]*(?:Dates?|(?:Date )?Signed)\s*[:|]?\s*(?=\d|[A-Z][a-z]+ \d)")


# An infobox's party lines as copied pages keep them: "- Commander1: Charles Howard, ...",
# "- Combatant2: Spain, Portugal", "|commander1 = [[George B. McClellan]]".
_INFOBOX_PARTY = re.compile(r"^[\s|*-]*(Commander|Combatant)s?\d*\s*[:=]", re.IGNORECASE)


# A copied box's sections: "Belligerents" (or "Combatants") up to "Commanders and leaders",
# and that up to the next section ("Strength", "Units involved", "Casualties ...").
_SIDES_HEAD = re.compile(r"\b(?:Belligerents|Combatants)\b")
_COMMANDERS_HEAD = re.compile(r"\bCommanders and leaders\b")
_SECTION_AFTER = re.compile(r"\b(?:Strength|Units involved|Casualties(?: and losses)?)\b")
_SECTION_REACH = 800  # characters a section may run; boxes are short

Zone = tuple[int, int, str, int]  # (names from, names to, role, evidence from)


def _party_zones(text: str) -> list[Zone]:
    zones: list[Zone] = []
    pos = 0
    for line in text.split("\n"):
        found = _INFOBOX_PARTY.match(line)
        if found:
            role = "commander" if found.group(1).lower() == "commander" else "belligerent"
            zones.append((pos + found.end(), pos + len(line), role, pos))
        pos += len(line) + 1
    for sides in _SIDES_HEAD.finditer(text):
        leaders = _COMMANDERS_HEAD.search(text, sides.end(), sides.end() + _SECTION_REACH)
        if leaders is None:
            continue
        zones.append((sides.end(), leaders.start(), "belligerent", sides.start()))
        after = _SECTION_AFTER.search(text, leaders.end(), leaders.end() + _SECTION_REACH)
        if after is not None:
            zones.append((leaders.end(), after.start(), "commander", leaders.start()))
    return zones


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _first_named_event(analysis: DocumentAnalysis) -> str | None:
    """The event an untitled page opens with: a lead sentence names its subject first."""
    return next((s.events[0] for s in analysis.sentence_mentions if s.events), None)


def _governor(token: Token) -> Token:
    """The nearest verb or noun above ``token`` that is not part of its name."""
    for anc in token.ancestors:
        if anc.pos_ in {"VERB", "NOUN"} and not anc.ent_type_:
            return anc
    return token.head


# What may stand between an event's name and its own date: brackets, commas, footnote
# marks ("[e]"), "in"/"on", and one participle ("signed on", "fought in").
_APPOSITION_WORDS = frozenset({"in", "on", "(", ",", "[", "]"})
_APPOSITION_GAP = 5


def apposed_event(
    sent: Span, date_start: int, date_end: int, event_refs: list[tuple[Mention, str]]
) -> tuple[tuple[Mention, str] | None, bool]:
    """The named event whose name the date follows directly, if any, and whether the date
    is set off from the clause (by brackets, commas or a participle of its own).

    After a comma the date must close its phrase too ("the Battle of X, on 21 April 1836,
    ending ..."): in "After the Battle of X, on 20 October Y entered Z" it dates Y's deed.
    """
    doc = sent.doc
    closed = date_end >= sent.end or doc[date_end].text in {",", ")", ";", ".", "["}
    for mention, eid in event_refs:
        if mention.anaphor or not (0 <= date_start - mention.end <= _APPOSITION_GAP):
            continue
        gap = doc[mention.end : date_start]
        participles = [t for t in gap if t.tag_ == "VBN"]
        others = [
            t
            for t in gap
            if t.tag_ != "VBN" and t.lower_ not in _APPOSITION_WORDS and not _footnote(t)
        ]
        if others or len(participles) > 1:
            continue
        comma = any(t.text == "," for t in gap)
        if closed or not comma:
            return (mention, eid), bool(participles) or comma or any(t.text == "(" for t in gap)
    return None, False


def _footnote(token: Token) -> bool:
    """The inside of a footnote mark: "[e]", "[12]"."""
    return (
        token.i > 0
        and token.doc[token.i - 1].text == "["
        and len(token) <= 3
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text == "]"
    )


def date_owner(
    sent: Span, start: int, end: int, event_refs: list[tuple[Mention, str]]
) -> tuple[Mention, str] | None:
    """The event mention that is the subject of the verb a date hangs on."""
    if not is_parsed(sent.doc):
        return None
    token = sent.doc[start:end].root
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":  # "It began ... and ended on DATE"
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for subject in subjects:
        for mention, eid in event_refs:
            if mention.start <= subject.i < mention.end:
                return mention, eid
    return None


def _qualifiers_fit(anaphor: Mention, name: str) -> bool:
    """ "the mutual neutrality pact" fits a name with "neutrality" in it."""
    if not anaphor.qualifiers:
        return True
    words = set(match_key(name).split())
    return any(q in words for q in anaphor.qualifiers)


def _distance(m: Mention, start: int, end: int) -> int:
    if m.end <= start:
        return start - m.end
    if end <= m.start:
        return m.start - end
    return 0


def read_document(
    source: str,
    text: str,
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    *,
    participation: bool = True,
) -> DocumentAnalysis:
    """Local nodes and facts for one document (see module docstring). ``participation``
    rescores who took part with the shipped model (extract/participation.py); training
    that model reads documents without it."""
    analysis = DocumentReader(source, text, blocks, docs).read()
    if participation:
        rescore(analysis)
    return analysis


__all__ = ["DocumentAnalysis", "LocalNode", "local_id", "read_document"]
