"""A page's infobox, read once the whole document is: its date and its lists of sides
and commanders belong to the event the page is about."""

from __future__ import annotations

import re

from ..analysis import DateRecord
from ..dates import find_dates
from ..mentions import span_mention
from ..model import Evidence
from .context import DocumentContext
from .references import state_of_demonym


def read_infobox(dc: DocumentContext, main: str) -> None:
    """The infobox's facts about ``main``, the event the page is about."""
    infobox_dates(dc, main)
    infobox_parties(dc, main)


def infobox_parties(dc: DocumentContext, main: str) -> None:
    """The infobox's lists of sides, commanders and signatories, read with the names NER
    found in them: "- Commander1: Charles Howard, Francis Drake" lines, the "Belligerents"
    and "Commanders and leaders" sections of a copied page's box, and a treaty box's
    "Signatories" (or "Parties", "Negotiators") field."""
    zones = party_zones(dc.text)
    if not zones:
        return
    for block, ents in dc.block_ents:
        for ent in ents:
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
            dc.fact(main, role, m.id, evidence, 0.85, f"infobox:{role}")


def infobox_dates(dc: DocumentContext, main: str) -> None:
    """ "Date 25 October 1415", "- Date: 24 June 1859": a page's infobox gives the date
    of the event the page is about."""
    for index, block in enumerate(dc.blocks):
        for line_start, line in _lines(dc.text, block.start, block.end):
            found = _INFOBOX_DATE.match(line)
            if not found:
                continue
            dates = [d for d in find_dates(line[found.end() :]) if d.start == 0]
            if not dates or dates[0].begin.year is None:
                continue
            d = dates[0]
            end = line_start + len(line.rstrip())
            evidence = Evidence(dc.source, dc.text[line_start:end], line_start, end)
            dc.fact(main, "begin", d.begin.iso(), evidence, 0.8, "infobox:date")
            end_iso = None
            if d.end_value is not None and d.end_value.year is not None:
                end_iso = d.end_value.iso()
                dc.fact(main, "end", end_iso, evidence, 0.8, "infobox:date")
            # For the date model: the line dates the page's event (extract/event_dating.py).
            dc.analysis.dates.append(
                DateRecord(-1, index, d.begin.iso(), end_iso, False, "infobox", "", (),
                           evidence, infobox=True)
            )  # fmt: skip
            return


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
