"""Dates in a sentence: the year they take from the text before them ("On August 27"),
and the event each belongs to (an apposed date, the date of the event that is its verb's
subject, else of the nearest event the text ties it to)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..analysis import DateLink, DateRecord
from ..dates import DateMention, DateValue, fill_year, find_dates
from ..mentions import Mention, is_parsed
from ..model import Evidence
from ..relations import date_predicate
from .context import DocumentContext, distance

# A date found in a sentence, with the tokens it covers: (date, token start, token end).
SentenceDate = tuple[DateMention, int, int]


def sentence_dates(dc: DocumentContext, sent: Span) -> list[SentenceDate]:
    """Dates in the sentence with years filled from context, as (date, tok_start, end)."""
    found = []
    mentions = find_dates(sent.text)
    # A bare date takes the year the same sentence writes out, if it writes one ("On
    # 10 August 1938 X ..., and on 11 August Y"), else the narrative's year.
    written = {d.begin.year for d in mentions if d.begin.year is not None}
    year = written.pop() if len(written) == 1 else dc.state.year
    for d in mentions:
        if d.begin.year is None and (d.end_value is None or d.end_value.year is None):
            if year is None:
                continue
            d = fill_year(d, year)
        elif d.begin.year is None and d.end_value is not None and d.end_value.year:
            d = fill_year(d, d.end_value.year)
        span = sent.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        found.append((d, span.start, span.end))
    return found


def update_year(
    dc: DocumentContext,
    dates: list[SentenceDate],
    sent: Span,
    event_refs: list[tuple[Mention, str]] | None = None,
) -> None:
    """The year later sentences' bare dates take: the last one this sentence writes out.

    A date set off in brackets after another event's name ("a border drawn in the
    Convention of X (1860)", "since the Y War (1846–1848)") recalls that event; the
    narrative's year stays. The paragraph's or section's own event's date does count
    ("The Battle of Z (2 December 1805) ...").
    """
    own = {dc.state.paragraph_topic, dc.state.section_event}
    for d, start, end in dates:
        text_year = d.end_value.year if d.end_value and d.end_value.year else d.begin.year
        if text_year is None or str(abs(text_year)) not in sent.text:
            continue
        apposed, _ = apposed_event(sent, start, end, event_refs or [])
        bracketed = start > sent.start and sent.doc[start - 1].text == "("
        if apposed is not None and bracketed and apposed[1] not in own:
            continue
        dc.state.year = text_year


def attach_dates(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    dates: list[SentenceDate],
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
            _date_fact(dc, eid, "begin", d.begin, evidence, mention)
            if d.end_value is not None and d.end_value.year is not None:
                _date_fact(dc, eid, "end", d.end_value, evidence, mention)
            continue
        by_distance = sorted(event_refs, key=lambda r: distance(r[0], start, end))
        if d.end_value is not None and d.end_value.year is not None:
            mention, eid = owner or by_distance[0]
            _date_fact(dc, eid, "begin", d.begin, evidence, mention)
            _date_fact(dc, eid, "end", d.end_value, evidence, mention)
            continue
        for mention, eid in [owner] if owner else by_distance:
            predicate = date_predicate(sent, start, end, mention)
            if predicate is not None:
                _date_fact(dc, eid, predicate, d.begin, evidence, mention)
                break


def record_dates(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    dates: list[SentenceDate],
    event_refs: list[tuple[Mention, str]],
    *,
    heading: bool,
) -> None:
    """Keep each dated mention of the sentence, with how it stands to each event the
    sentence names, for the date model (extract/event_dating.py). Called before the
    sentence's own record, so ``sentence`` is that record's index."""
    doc = sent.doc
    parsed = is_parsed(doc)
    for d, start, end in dates:
        if d.begin.year is None:
            continue
        owner = date_owner(sent, start, end, event_refs)
        links = []
        for mention, eid in event_refs:
            apposed, _ = apposed_event(sent, start, end, [(mention, eid)])
            links.append(
                DateLink(
                    event=eid,
                    distance=distance(mention, start, end),
                    after=mention.end <= start,
                    apposed=apposed is not None,
                    owner=owner is not None and owner[0] == mention,
                    anaphor=mention.anaphor,
                    predicate=date_predicate(sent, start, end, mention) or "",
                    before=_word_before(sent, mention.start),
                )
            )
        verb = ""
        if parsed:
            root = doc[start:end].root
            verb = next((a.lemma_.lower() for a in root.ancestors if a.pos_ in {"VERB", "AUX"}), "")
        year = d.end_value.year if d.end_value and d.end_value.year else d.begin.year
        dc.analysis.dates.append(
            DateRecord(
                sentence=len(dc.analysis.sentence_mentions),
                block=dc.block_index,
                begin=d.begin.iso(),
                end=d.end_value.iso() if d.end_value and d.end_value.year else None,
                filled=str(abs(year)) not in d.text,
                cue=doc[start - 1].lower_ if start > sent.start else "",
                verb=verb,
                links=tuple(links),
                evidence=evidence,
                heading=heading,
            )
        )


def _word_before(sent: Span, start: int) -> str:
    """The word before a mention, past its article: "during" in "during the X War"."""
    i = start - 1
    while i >= sent.start and sent.doc[i].lower_ in {"the", "a", "an"}:
        i -= 1
    return sent.doc[i].lower_ if i >= sent.start else ""


def _date_fact(
    dc: DocumentContext, eid: str, predicate: str, value: DateValue, evidence: Evidence, m: Mention
) -> None:
    confidence = 0.8 if m.anaphor else 0.9
    dc.fact(eid, predicate, value.iso(), evidence, confidence, "pattern:date")


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
