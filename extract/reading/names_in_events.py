"""What an event's name says about it: "War of 1812" when, "the Soviet-Japanese War" who
fought, "Battle of X" where. Each is read once per event and document at low confidence;
the sentences' own statements outweigh it."""

from __future__ import annotations

from .. import gazetteer
from ..mentions import Mention
from ..model import Evidence
from ..names import event_key
from ..relations import (
    AGREEING_TYPES,
    FIGHTING_TYPES,
    parties_from_event_name,
    place_from_event_name,
)
from ..vocabulary import EVENT_FALLBACK
from .context import DocumentContext
from .references import named_variant


def read_event_name(dc: DocumentContext, event: Mention, evidence: Evidence) -> None:
    """All that ``event``'s name says, in the order the facts have always been written."""
    place_in_name(dc, event, evidence)
    parties_in_name(dc, event, evidence)
    year_in_name(dc, event, evidence)
    name_without_year(dc, event)


def name_without_year(dc: DocumentContext, event: Mention) -> None:
    """ "the 1982 Falklands War", "the Black Hawk War of 1832": the name without its year
    names the event too, and is kept as one of its names. Not when the rest is only a
    cue ("the War of 1812"), nor for events of no class ("the 2008 Summer Olympics"): a
    contest or an election recurs, and without its year names the series."""
    if event.type == EVENT_FALLBACK:
        return
    words = event.name.split()
    if len(words) < 3:
        return
    if _is_year(words[0]):
        rest = words[1:]
    elif _is_year(words[-1]):
        rest = words[:-2] if words[-2].lower() == "of" else words[:-1]
    else:
        return
    name = " ".join(rest)
    node = dc.analysis.nodes.get(event.id)
    if node is not None and len(event_key(name)) >= 2:
        node.surfaces.add(name)


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2100


def year_in_name(dc: DocumentContext, event: Mention, evidence: Evidence) -> None:
    """ "the 2010 Winter Olympics", "Eurovision Song Contest 2009", "War of 1812": a
    year in the name is when the event took place (its begin, at year precision)."""
    years = [w for w in event.name.split() if len(w) == 4 and w.isdigit()]
    if len(years) != 1 or not 1000 <= int(years[0]) <= 2100:
        return
    if any(f.subject == event.id and f.method == "name:year" for f in dc.analysis.facts):
        return
    dc.fact(event.id, "begin", years[0], evidence, 0.6, "name:year")


def parties_in_name(dc: DocumentContext, event: Mention, evidence: Evidence) -> None:
    """ "the Soviet-Japanese War": the name says who the two sides were."""
    states = parties_from_event_name(event.name)
    if not states or event.id in dc.named_parties_done:
        return
    dc.named_parties_done.add(event.id)
    role = (
        "belligerent"
        if event.type in FIGHTING_TYPES
        else "signatory"
        if event.type in AGREEING_TYPES
        else "participant"
    )
    for state in (named_variant(dc, s) for s in states):
        mention = Mention("entity", "Country", state, state, 0, 0, demonym=True)
        dc.analysis.add_node(mention)
        dc.fact(event.id, role, mention.id, evidence, 0.6, "name:parties")


def place_in_name(dc: DocumentContext, event: Mention, evidence: Evidence) -> None:
    """ "Battle of X", "X Conference", "X Incident": the name says where it happened."""
    place = place_from_event_name(event.name, event.type)
    if place is None or any(
        f.subject == event.id and f.predicate == "place" for f in dc.analysis.facts
    ):
        return
    country = gazetteer.country_named(place)
    mention = (
        Mention("entity", "Country", country.name, place, 0, 0)
        if country
        else Mention("entity", "Place", place, place, 0, 0)
    )
    dc.fact(event.id, "place", dc.analysis.add_node(mention), evidence, 0.6, "name:place")
