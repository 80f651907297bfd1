"""A page's infobox, read once the whole document is: its date and its lists of sides
and commanders belong to the event the page is about."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .. import gazetteer
from ..analysis import DateRecord
from ..dates import find_dates
from ..lexicon import (
    BODY_NOUNS,
    EVENT_CUES,
    NAME_PARTICLES,
    POLITY_HEADS,
    UNIT_BRANCHES,
    UNIT_HEADS,
)
from ..mentions import span_mention
from ..model import Evidence
from ..names import strip_titles, tidy
from .context import DocumentContext
from .headline import is_part_of_line
from .references import state_of_demonym


def read_infobox(dc: DocumentContext, main: str) -> None:
    """The infobox's facts about ``main``, the event the page is about."""
    boxes = box_events(dc, main)
    infobox_dates(dc, main, boxes)
    infobox_parties(dc, main, boxes)


# Each box's "Part of" line (its offset) and the events the box is about (box_events).
Boxes = list[tuple[int, tuple[str, ...]]]


def infobox_parties(dc: DocumentContext, main: str, boxes: Boxes | None = None) -> None:
    """The infobox's lists of sides, commanders and signatories, read with the names NER
    found in them: "- Commander1: Charles Howard, Francis Drake" lines, the "Belligerents"
    and "Commanders and leaders" sections of a copied page's box, and a treaty box's
    "Signatories" (or "Parties", "Negotiators") field."""
    zones = party_zones(dc.text)
    if not zones:
        return
    commanders = [z for z in zones if z[2] == "commander"]
    boxes = box_events(dc, main) if boxes is None else boxes
    for (block, spans), doc in zip(dc.block_ents, dc.docs, strict=True):
        # A box has one name a line; NER runs lines together ("Jean de Dunois\nJoan of Arc").
        ents = tuple(part for e in spans for part in line_parts(e))
        missed = unread_commanders(doc, block.start, commanders, ents) if commanders else []
        for ent in [*ents, *missed]:
            at = block.start + ent.start_char
            zone = next((z for z in zones if z[0] <= at < z[1]), None)
            m = span_mention(ent) if zone else None
            if zone is None or m is None or m.kind != "entity" or "," in ent.text:
                continue  # "Baden, Duchy of Warsaw": two names NER ran together
            m = state_of_demonym(dc, m)
            role = zone[2]
            if role == "commander" and m.type != "Person":
                continue  # a commander is a person; a side may be a land ("Sardinia")
            said = dc.text[zone[3] : zone[1]].rstrip()
            evidence = Evidence(dc.source, said, zone[3], zone[3] + len(said))
            dc.analysis.add_node(m)
            box = [events for start, events in boxes if start <= zone[0]]
            for event in box[-1] if box else (main,):
                dc.fact(event, role, m.id, evidence, 0.85, f"infobox:{role}")


# Headline lines a box's "Part of" line is looked up from: the box's name, a second name,
# chrome a copied page puts between ("From Wikipedia, the free encyclopedia").
_BOX_HEADLINES = 5


def box_events(dc: DocumentContext, main: str) -> Boxes:
    """Each box's "Part of" line (its offset) and the events its lists are about.

    A page may hold more than one box. The events a box is about are named on the
    headlines above its "Part of" line: "Spanish Armada" / "Battle of Gravelines" / "Part
    of the Anglo-Spanish War" (A13) is about both; the page's event comes with them. A box
    whose "Part of" line names the page's event is about a part of it, and its sides are
    that part's: "Warsaw Pact invasion of Czechoslovakia" / "Part of the Prague Spring and
    the Cold War" (H02), "First day on the Somme" / "Partof: the Battle of the Somme"
    (B17)."""
    boxes: Boxes = []
    # Blocks are read with their parses; a context built from text alone has no boxes.
    for k, (block, doc) in enumerate(zip(dc.blocks, dc.docs, strict=False)):
        if not is_part_of_line(doc):
            continue
        run: list[str] = []
        for j in range(k - 1, max(-1, k - 1 - _BOX_HEADLINES), -1):
            if dc.blocks[j].kind not in {"title", "heading"} or is_part_of_line(dc.docs[j]):
                break
            run += [m.id for m in dc.entities[j].mentions if m and m.kind == "event"]
        whole = [m.id for m in dc.entities[k].mentions if m and m.kind == "event"]
        events = run if run and main in whole else [main, *run]
        boxes.append((block.start, tuple(dict.fromkeys(events))))
    return boxes


def line_parts(span: Span) -> list[Span]:
    """``span`` cut at its line breaks, without the whitespace around them."""
    parts, start = [], span.start
    for token in [*span, None]:
        if token is None or "\n" in token.text:
            end = token.i if token is not None else span.end
            while start < end and span.doc[start].is_space:
                start += 1
            while end > start and span.doc[end - 1].is_space:
                end -= 1
            if end > start:
                parts.append(Span(span.doc, start, end, label=span.label_, kb_id=span.kb_id_))
            start = end + 1 if token is not None else end
    return parts


def unread_commanders(
    doc: Doc, offset: int, zones: list[Zone], ents: tuple[Span, ...]
) -> list[Span]:
    """Names in a box's commander lines that NER left unread, as PERSON spans.

    NER reads a box's bare lines poorly: "United Kingdom Keith Park" gives the state alone,
    "Reinhard Scheer Franz Hipper" the first name alone, "• Orhan Çelebi" nothing. In a
    commanders zone, a run of tokens outside every PERSON entity that has the shape of a
    person's name is one: two to four capitalised words (particles such as "von" or "of"
    between them, initials allowed), or one word and a regnal number ("Constantine XI").
    A state's name before it (the flag's) is dropped; runs that name a body, a unit, a
    polity or an event are not names of people."""
    inside = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    spans: list[Span] = []
    run: list[int] = []

    def close() -> None:
        if run:
            span = _person_shaped(doc, run[0], run[-1] + 1)
            if span is not None:
                spans.append(span)
            run.clear()

    for token in doc:
        at = offset + token.idx
        zone = any(z[0] <= at < z[1] for z in zones)
        if not zone or token.i in inside or not _name_word(token.text):
            close()
            continue
        run.append(token.i)
    close()
    return spans


_REGNAL = re.compile(r"^(?:[IVX]{1,5})$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_NOT_IN_PEOPLES_NAMES = (
    BODY_NOUNS | UNIT_HEADS | frozenset(UNIT_BRANCHES) | POLITY_HEADS | frozenset(EVENT_CUES)
)


_PARTICLES = NAME_PARTICLES | {"of"}  # "Raynald of Châtillon", "Eugene of Savoy"


def _name_word(text: str) -> bool:
    bare = text.replace("-", "").replace(".", "").replace("'", "")
    return text in _PARTICLES or (text[:1].isupper() and bare.isalpha())


def _person_shaped(doc: Doc, start: int, end: int) -> Span | None:
    for k in (3, 2, 1):  # a flag's state before the name
        if end - start > k and gazetteer.country_named(doc[start : start + k].text):
            start += k
            break
    words = [t.text for t in doc[start:end]]
    while words and words[-1] in _PARTICLES:
        words.pop()
        end -= 1
    if not words or words[0] in _PARTICLES:
        return None
    proper = [w for w in words if w not in _PARTICLES and not _REGNAL.match(w)]
    regnal = any(_REGNAL.match(w) for w in words if w not in _PARTICLES)
    if not (2 <= len(proper) <= 4 or (len(proper) == 1 and regnal)):
        return None
    if all(_INITIAL.match(w) or w.isupper() for w in proper):
        return None  # "POW", "KIA": a commander's fate, not a name
    if {w.lower() for w in words} & _NOT_IN_PEOPLES_NAMES:
        return None
    if gazetteer.country_named(" ".join(words)):
        return None
    # "Sultan Mehmed II", "Sir Richard Bickerton": the title goes; a title alone is no name.
    name = strip_titles(tidy(doc[start:end].text))
    return Span(doc, start, end, label="PERSON", kb_id=name) if name else None


def infobox_dates(dc: DocumentContext, main: str, boxes: Boxes | None = None) -> None:
    """ "Date 25 October 1415", "- Date: 24 June 1859": a page's infobox gives the date
    of the event the page is about; a second box, the date of the events it is about."""
    boxes = box_events(dc, main) if boxes is None else boxes
    dated: set[int] = set()
    for index, block in enumerate(dc.blocks):
        for line_start, line in _lines(dc.text, block.start, block.end):
            found = _INFOBOX_DATE.match(line)
            box = sum(1 for start, _ in boxes if start <= line_start) - 1
            if not found or box in dated:
                continue
            dates = [d for d in find_dates(line[found.end() :]) if d.start == 0]
            if not dates or dates[0].begin.year is None:
                continue
            dated.add(box)
            d = dates[0]
            end = line_start + len(line.rstrip())
            evidence = Evidence(dc.source, dc.text[line_start:end], line_start, end)
            end_iso = None
            if d.end_value is not None and d.end_value.year is not None:
                end_iso = d.end_value.iso()
            for event in boxes[box][1] if box >= 0 else (main,):
                dc.fact(event, "begin", d.begin.iso(), evidence, 0.8, "infobox:date")
                if end_iso is not None:
                    dc.fact(event, "end", end_iso, evidence, 0.8, "infobox:date")
            if box < 0 or main in boxes[box][1]:
                # For the date model: the line dates the page's event (extract/event_dating.py).
                dc.analysis.dates.append(
                    DateRecord(-1, index, d.begin.iso(), end_iso, False, "infobox", "", (),
                               evidence, infobox=True)
                )  # fmt: skip


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
# A treaty's box: "Signatories" / "Original signatories" / "Parties" (signatories) and
# "Negotiators" / "Mediators" (participants), each up to the box's next field; copied
# boxes often run a field's name into its value ("SignatoriesFerdinand II of Aragon").
_TREATY_PARTIES = re.compile(
    r"\b(Original signatories|Signatories|Parties|Negotiators|Mediators)"
    r"(?=[A-Z]|\b)(?!\s+(?:to|of)\b)"
)
_TREATY_FIELD = re.compile(
    r"\b(?:Purpose|Ratifiers|Depositar(?:y|ies)|Languages?|Location|Condition|Effective|"
    r"Expiration|Expiry|Citations|Signed|Drafted|Type|Context|Long name|Original signatories|"
    r"Signatories|Parties|Negotiators|Mediators)(?=[A-Z]|\b)"
)
_PROSE_LINE = 80  # a longer line is the article's text: the box ended before it

Zone = tuple[int, int, str, int]  # (names from, names to, role, evidence from)


def party_zones(text: str) -> list[Zone]:
    """The stretches of ``text`` whose names are sides, commanders or signatories, with
    the role."""
    zones: list[Zone] = []
    for pos, line in _lines(text, 0, len(text)):
        found = _INFOBOX_PARTY.match(line)
        if found:
            role = "commander" if found.group(1).lower() == "commander" else "belligerent"
            zones.append((pos + found.end(), pos + len(line), role, pos))
    for sides in _SIDES_HEAD.finditer(text):
        leaders = _COMMANDERS_HEAD.search(text, sides.end(), sides.end() + _SECTION_REACH)
        if leaders is None:
            continue
        zones.append((sides.end(), leaders.start(), "belligerent", sides.start()))
        after = _SECTION_AFTER.search(text, leaders.end(), leaders.end() + _SECTION_REACH)
        if after is not None:
            zones.append((leaders.end(), after.start(), "commander", leaders.start()))
    for head in _TREATY_PARTIES.finditer(text):
        end = _field_end(text, head.end())
        role = "participant" if head.group(1) in {"Negotiators", "Mediators"} else "signatory"
        zones.append((head.end(), end, role, head.start()))
    return zones


def _field_end(text: str, start: int) -> int:
    """Where a treaty box's field that starts at ``start`` ends: at the box's next field,
    or before the first line of prose."""
    reach = min(len(text), start + _SECTION_REACH)
    field = _TREATY_FIELD.search(text, start, reach)
    end = field.start() if field else reach
    for pos, line in _lines(text, start, end):
        if len(line.strip()) > _PROSE_LINE:
            return pos
    return end


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
