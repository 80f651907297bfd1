"""The passes of extract/reading/ one at a time, on a hand-made document context: no
model, no corpus. The same rules are tested through whole documents in test_document.py,
test_infobox.py and test_event_dates.py; these pin down each pass's own contract."""

from __future__ import annotations

import pytest
import spacy

from extract.analysis import LocalNode
from extract.clean import Block
from extract.mentions import Mention
from extract.model import Evidence
from extract.reading.context import DocumentContext
from extract.reading.event_dates import sentence_dates, update_year
from extract.reading.infobox import infobox_dates, party_zones
from extract.reading.names_in_events import (
    name_without_year,
    parties_in_name,
    place_in_name,
    year_in_name,
)
from extract.reading.participation_links import sentence_frame

EVIDENCE = Evidence("a.txt", "s", 0, 1)


def context(text: str = "") -> DocumentContext:
    blocks = [Block(0, len(text), "paragraph")] if text else []
    return DocumentContext("a.txt", text, blocks, [])


def event(name: str, type_: str) -> Mention:
    return Mention("event", type_, name, name, 0, 2)


# -- infobox -------------------------------------------------------------------------------


def test_party_zones_lines_and_sections() -> None:
    lines = "Battle\n- Commander1: Charles Howard, Francis Drake\n- Combatant2: Spain, Portugal\n"
    zones = party_zones(lines)
    assert [(lines[a:b], role) for a, b, role, _ in zones] == [
        (" Charles Howard, Francis Drake", "commander"),
        (" Spain, Portugal", "belligerent"),
    ]
    box = "Belligerents\nEngland\nCommanders and leaders\nDrake\nStrength\n30"
    assert [(box[a:b].strip(), role) for a, b, role, _ in party_zones(box)] == [
        ("England", "belligerent"),
        ("Drake", "commander"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The commanders met at dawn.",  # the word, not the box's field
        "Belligerents\nEngland\nStrength 30",  # sides without a commanders section
        "Combatants were few.",
    ],
)
def test_party_zones_need_the_box_form(text: str) -> None:
    assert party_zones(text) == []


def test_infobox_date_dates_the_main_event_once() -> None:
    dc = context("Battle of X\n- Date: 24 June 1859\nDate 6 April 1860")
    infobox_dates(dc, "event|Battle|Battle of X")
    assert [(f.predicate, f.object, f.evidence.sentence) for f in dc.analysis.facts] == [
        ("begin", "1859-06-24", "- Date: 24 June 1859")
    ]
    dc = context("Date 6 April – 29 May 1453")
    infobox_dates(dc, "e")
    assert [(f.predicate, f.object) for f in dc.analysis.facts] == [
        ("begin", "1453-04-06"),
        ("end", "1453-05-29"),
    ]


@pytest.mark.parametrize("text", ["Date of birth unknown", "Dated copies of 1859 survive"])
def test_infobox_date_needs_the_field(text: str) -> None:
    dc = context(text)
    infobox_dates(dc, "e")
    assert dc.analysis.facts == []


# -- names in events -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year"),
    [("War of 1812", "1812"), ("2010 Winter Olympics", "2010"), ("Eurovision 2009", "2009")],
)
def test_year_in_name_once(name: str, year: str) -> None:
    dc = context()
    year_in_name(dc, event(name, "War"), EVIDENCE)
    year_in_name(dc, event(name, "War"), EVIDENCE)
    assert [(f.predicate, f.object) for f in dc.analysis.facts] == [("begin", year)]


@pytest.mark.parametrize("name", ["Apollo 11", "Games of 1900 and 1904", "Battle of Hill 3000"])
def test_year_in_name_needs_one_plausible_year(name: str) -> None:
    dc = context()
    year_in_name(dc, event(name, "Battle"), EVIDENCE)
    assert dc.analysis.facts == []


# Names that add their year: Re-DocRED dev leads ("1982 Falklands War", "Black Hawk War
# of 1832", "Norwegian Campaign of 1940", "Emancipation Proclamation of 1863"), history
# B08 ("Indian Rebellion of 1857") and D10 ("Bretton Woods Conference of 1944").
@pytest.mark.parametrize(
    ("name", "type_", "alias"),
    [
        ("1982 Falklands War", "War", "Falklands War"),
        ("Black Hawk War of 1832", "War", "Black Hawk War"),
        ("Norwegian Campaign of 1940", "Operation", "Norwegian Campaign"),
        ("Indian Rebellion of 1857", "Incident", "Indian Rebellion"),
        ("Bretton Woods Conference of 1944", "Conference", "Bretton Woods Conference"),
        # Negatives: the rest is only a cue; a contest recurs; no year.
        ("War of 1812", "War", None),
        ("Rebellion of 1857", "Incident", None),
        ("2008 Summer Olympics", "Event", None),
        ("Battle of Hill 3000", "Battle", None),
    ],
)
def test_name_without_year(name: str, type_: str, alias: str | None) -> None:
    dc = context()
    mention = event(name, type_)
    dc.analysis.add_node(mention)
    name_without_year(dc, mention)
    assert dc.analysis.nodes[mention.id].surfaces - {name} == ({alias} if alias else set())


def test_parties_in_name_once_per_event() -> None:
    dc = context()
    war = event("Soviet-Japanese War", "War")
    parties_in_name(dc, war, EVIDENCE)
    parties_in_name(dc, war, EVIDENCE)
    assert [(f.predicate, f.object) for f in dc.analysis.facts] == [
        ("belligerent", "entity|Country|Soviet Union"),
        ("belligerent", "entity|Country|Japan"),
    ]


def test_place_in_name_unless_known() -> None:
    dc = context()
    place_in_name(dc, event("Battle of Hastings", "Battle"), EVIDENCE)
    place_in_name(dc, event("Battle of Hastings", "Battle"), EVIDENCE)
    assert [(f.predicate, f.object) for f in dc.analysis.facts] == [
        ("place", "entity|Place|Hastings")
    ]


# -- dates ---------------------------------------------------------------------------------


def test_bare_dates_take_the_year_the_text_wrote_last() -> None:
    nlp = spacy.blank("en")
    dc = context()
    bare = nlp("On August 27 the army moved.")[:]
    assert sentence_dates(dc, bare) == []  # no year read yet: the date is dropped
    dc.state.year = 1939
    found = sentence_dates(dc, bare)
    assert [(d.begin.iso(), start, end) for d, start, end in found] == [("1939-08-27", 1, 3)]
    update_year(dc, found, bare)
    assert dc.state.year == 1939
    full = nlp("On 1 September 1940 they left.")[:]
    update_year(dc, sentence_dates(dc, full), full)
    assert dc.state.year == 1940


# -- participation: the sentence's frame ---------------------------------------------------


def framed_context(frame_type: str) -> DocumentContext:
    dc = context()
    dc.analysis.nodes["f"] = LocalNode("event", frame_type, "F")
    dc.analysis.nodes["other"] = LocalNode("event", "Treaty", "Other")
    dc.state.paragraph_topic = "f"
    return dc


def test_sentence_frame_is_the_paragraphs_fighting() -> None:
    assert sentence_frame(framed_context("Battle"), [], None) == "f"


def test_sentence_frame_negatives() -> None:
    named = (event("F", "Battle"), "f")
    assert sentence_frame(framed_context("Battle"), [named], None) is None  # named itself
    dc = framed_context("Battle")
    dc.fact("f", "begin", "1805", EVIDENCE, 0.9, "pattern:date")
    assert sentence_frame(dc, [], 1812) is None  # the dates disagree
    assert sentence_frame(dc, [], 1806) == "f"  # within a year
    # A treaty frames its own section only, not a paragraph that opens with it.
    assert sentence_frame(framed_context("Treaty"), [], None) is None
    dc = framed_context("Treaty")
    dc.state.paragraph_topic, dc.state.section_event = None, "f"
    assert sentence_frame(dc, [], None) == "f"
    assert sentence_frame(dc, [(event("Other", "Treaty"), "other")], None) is None
