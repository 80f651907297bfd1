"""What a sentence states outright: "X signed Y", "X declared war on Y" (and the war that
makes them sides of), and "X, also known as Y" (two names of one event)."""

from __future__ import annotations

import itertools

from spacy.tokens import Span

from .. import gazetteer
from ..analysis import Situation
from ..lexicon import ORDINAL_NUMBERS
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


# "X, also known as Y": the participles that introduce another name of the thing before
# them. "known" and "referred" take an "as" a few words on ("known to the Lakota as").
_ALIAS_PARTICIPLES = frozenset({"known", "called", "named", "termed", "dubbed", "referred"})
_NEEDS_AS = frozenset({"known", "referred"})
_AS_WITHIN = 6
# What may stand between an event's name and the participle ("The Battle of X (...), also
# known as", "The rebellion is also known as", "referred to at the time as").
_BEFORE_ALIAS = frozenset(
    {",", "also", "often", "sometimes", "commonly", "variously", "formally", "otherwise",
     "popularly", "usually", "widely", "generally", "officially", "later", "now", "once",
     "best", "more", "is", "was", "are", "were", "be", "been", "has", "have", "and"}
)  # fmt: skip
# What may stand between two names of a list of other names ("A, B or the C").
_BETWEEN_ALIASES = frozenset({",", "or", "and", "the", "as", "also", "'", '"', "“", "”", "‘", "’"})
_OPENERS, _CLOSERS = frozenset({"(", "["}), frozenset({")", "]"})


def _outside_brackets(tokens: Span) -> list[str]:
    """The lower-cased words of ``tokens`` outside brackets (footnote marks, glosses in
    another script: "(Russian: ...)", "[7]")."""
    depth, words = 0, []
    for t in tokens:
        if t.text in _OPENERS:
            depth += 1
        elif t.text in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            words.append(t.lower_)
    return words


def _alias_cues(sent: Span) -> list[tuple[int, int]]:
    """(participle index, index after the cue) of each "known as", "also called" ...."""
    doc, cues = sent.doc, []
    for t in sent:
        if t.lower_ in {"a.k.a", "a.k.a.", "aka"}:
            cues.append((t.i, t.i + 1))
        elif t.lower_ in _ALIAS_PARTICIPLES and t.tag_ in {"VBN", "VBD", ""}:
            # The tagger reads "X, also called Y" as a past tense as often as not; a
            # pipeline without a tagger leaves the tag empty.
            if t.lower_ not in _NEEDS_AS:
                cues.append((t.i, t.i + 1))
                continue
            limit = min(sent.end, t.i + 1 + _AS_WITHIN)
            as_at = next((j for j in range(t.i + 1, limit) if doc[j].lower_ == "as"), None)
            if as_at is not None:
                cues.append((t.i, as_at + 1))
    return cues


def record_aliases(dc: DocumentContext, sent: Span, event_refs: list[tuple[Mention, str]]) -> None:
    """ "X, also known as Y, Z or the W" / "X (also called Y)" / "The rebellion is also known
    as Y": the text says they are one event. The named event is the one right before the
    phrase (a reference such as "the rebellion" counts); the other names are the events
    listed right after it, separated only by commas, "or" and "and"."""
    if len(event_refs) < 2:
        return
    doc = sent.doc
    by_start = sorted(event_refs, key=lambda r: r[0].start)
    for cue, after in _alias_cues(sent):
        before = [r for r in by_start if r[0].end <= cue]
        named = None
        for mention, eid in reversed(before):
            if set(_outside_brackets(doc[mention.end : cue])) <= _BEFORE_ALIAS:
                named = eid
            break
        if named is None:
            continue
        previous_end = after
        for mention, eid in by_start:
            if mention.start < after or mention.anaphor:
                continue
            allowed = _BETWEEN_ALIASES if previous_end > after else _BETWEEN_ALIASES - {"or", "and"}
            if not set(_outside_brackets(doc[previous_end : mention.start])) <= allowed:
                break
            if eid != named:
                dc.analysis.same_as.append((named, eid))
            previous_end = mention.end


def alias_entities(
    dc: DocumentContext,
    sent: Span,
    event_refs: list[tuple[Mention, str]],
    actors: list[Mention],
) -> list[Mention]:
    """Names NER took for actors inside a list of an event's other names: "The Suez Crisis,
    also known as the second Arab–Israeli war, the Tripartite Aggression ..." (K02), "The
    rebellion is also known as ..., the Sepoy Rebellion, the Indian Insurrection and the
    Sepoy Mutiny" (B08), "... and also known as the Meiji Renovation, Revolution,
    Regeneration, Reform, or Renewal" (B10). A list after an event's "known as", or one
    that names an event, is a list of names: each actor standing as a whole item in it is
    returned (to be read as no actor) and kept as an alias of the event named before the
    cue, else of the list's first event. States and peoples end the list ("also known as
    Persia" names a land the text goes on about), and so does a name inside a longer item
    ("Custer" in "Custer's Last Stand")."""
    if not actors:
        return []
    doc = sent.doc
    by_start = sorted(event_refs, key=lambda r: r[0].start)
    found: list[Mention] = []
    for cue, after in _alias_cues(sent):
        before = [r for r in by_start if r[0].end <= cue]
        head = None
        if before and set(_outside_brackets(doc[before[-1][0].end : cue])) <= _BEFORE_ALIAS:
            head = before[-1][1]
        listed = sorted(
            [(m, eid) for m, eid in event_refs if m.start >= after and not m.anaphor]
            + [(m, None) for m in actors if m.start >= after and not m.anaphor],
            key=lambda item: item[0].start,
        )
        names: list[Mention] = []
        events: list[str] = []
        previous_end = after
        for m, eid in listed:
            allowed = _BETWEEN_ALIASES if previous_end > after else _BETWEEN_ALIASES - {"or", "and"}
            gap = set(_outside_brackets(doc[previous_end : m.start])) - _ORDINAL_WORDS
            if not gap <= allowed:
                break
            if eid is not None:
                events.append(eid)
            elif m.demonym or m.type == "Country" or gazetteer.country_named(m.name):
                break
            elif m.end < sent.end and doc[m.end].text not in _ITEM_ENDS:
                break  # part of a longer item: "Custer" in "Custer's Last Stand" (B14)
            else:
                names.append(m)
            previous_end = max(previous_end, m.end)
        owner = head or (events[0] if events else None)
        if owner is None:
            continue
        node = dc.analysis.nodes.get(owner)
        for m in names:
            found.append(m)
            if node is not None:
                node.surfaces.add(m.surface)
    return found


_ITEM_ENDS = frozenset({",", ";", "or", "and", ")", "(", ".", "[", "in"})
_ORDINAL_WORDS = frozenset(w for w, n in ORDINAL_NUMBERS.items() if n <= 9)


def record_bracketed_names(
    dc: DocumentContext, sent: Span, event_refs: list[tuple[Mention, str]]
) -> None:
    """ "the Battle of Ayacucho (Battle of La Quinua)" (B05), "the Boshin War (War of the
    Year of the Dragon)" (B10), "the Warsaw Pact invasion of Czechoslovakia (Operation
    Danube)" (H02): an event's name with nothing in brackets after it but another name of
    an event of the same type gives that event's other name."""
    doc = sent.doc
    named = sorted((r for r in event_refs if not r[0].anaphor), key=lambda r: r[0].start)
    for (first, first_id), (second, second_id) in itertools.pairwise(named):
        between = [t.text for t in doc[first.end : second.start]]
        closes = second.end < len(doc) and doc[second.end].text == ")"
        if (
            between in (["("], ["(", "the"])
            and closes
            and first.type == second.type
            and first_id != second_id
        ):
            dc.analysis.same_as.append((first_id, second_id))


# The verb that follows a subject's names in an opening sentence ("X or Y was ...").
_BE = frozenset({"was", "is", "were", "are"})


def record_opening_alternatives(dc: DocumentContext, sent: Span, named: list[Mention]) -> None:
    """ "The Battle of Leipzig or Battle of the Nations (German: ...) was fought ...", "The
    Cranford Protocol or Cranford Agreement was ...", "John Henry Dearle or J. H. Dearle
    (1859 – 1932) was ...": a sentence that opens with a name, "or" and another name of
    the same kind, then "was" or "is", gives the second as the first's other name."""
    named = sorted((m for m in named if not m.anaphor), key=lambda m: m.start)
    if len(named) < 2 or named[0].kind != named[1].kind or named[0].id == named[1].id:
        return
    first, second = named[0], named[1]
    doc = sent.doc
    opening = [t.lower_ for t in doc[sent.start : first.start]]
    between = [t.lower_ for t in doc[first.end : second.start]]
    if opening not in ([], ["the"]) or between not in (["or"], ["or", "the"]):
        return
    after = _outside_brackets(doc[second.end : sent.end])
    if not after or after[0] not in _BE:
        return
    if gazetteer.country_named(first.name) and gazetteer.country_named(second.name):
        return  # "Britain or France was to blame": the gazetteer knows states' other names
    dc.analysis.same_as.append((first.id, second.id))
