"""A page's headline as the name of the event the page is about, when no cue word says so.

An encyclopedia page about an event carries a box whose "Part of" line names the wider
event it belongs to: "Prague Spring" / "Part of the Cold War and invasion of
Czechoslovakia", "Spanish Armada" / "Battle of Gravelines" / "Part of the Anglo-Spanish
War". Pages about battles have a cue in their title ("Battle of Tours"), and are found by
their name; "Prague Spring" and "Spanish Armada" have none, and their pages' participants
had no event to attach to. A conflict's box lists its sides under "Belligerents" (or
"Combatants") whether or not it has a "Part of" line ("Paris Commune", N02; A13 and H02
have both). Such a headline is the page's event when three things agree:

- one of the page's first blocks is a box line "Part of <an event>" ("Part of a series
  on ..." is a navigation box, not a box about an event) or the head of a box's sides;
- the first headline before it is a short proper name and names no event itself, nor a
  person (a biography's box may list sides too);
- a paragraph opens by defining it: "The Prague Spring (Czech: ...) was ...".

Every other occurrence of the name in the document is then that event too.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..clean import Block
from ..components import EVENT_LABELS, is_name_word
from ..gazetteer import country_for_demonym, country_named
from ..lexicon import NAME_PARTICLES
from ..names import tidy

# How far into a page its box is looked for (blocks: title, box lines, lead).
_BOX_BLOCKS = 16
_MAX_WORDS = 6
_DEFINING_VERBS = frozenset({"was", "were", "is", "are"})


def headline_event(blocks: Sequence[Block], docs: Sequence[Doc]) -> int | None:
    """The index of the block whose headline names the page's event, if one does; the
    name's occurrences in every block are then labelled events (``docs`` are changed)."""
    box = next(
        (
            k
            for k in range(min(len(docs), _BOX_BLOCKS))
            if is_part_of_line(docs[k]) or _is_sides_head(docs[k])
        ),
        None,
    )
    if box is None:
        return None
    headline = next(
        (
            k
            for k in range(box)
            if blocks[k].kind in {"title", "heading"} and _is_proper_name(docs[k])
        ),
        None,
    )
    if headline is None or any(
        e.label_ in EVENT_LABELS or (e.label_ == "PERSON" and len(e) == len(docs[headline]))
        for e in docs[headline].ents
    ):
        return None  # an event's name is found by its cue; a person's page is no event
    words = [t.text for t in docs[headline]]
    if not any(
        blocks[k].kind == "paragraph" and _defines(docs[k], words) for k in range(len(docs))
    ):
        return None
    name = tidy(docs[headline].text)
    for doc in docs:
        _label_occurrences(doc, words, name)
    return headline


def is_part_of_line(doc: Doc) -> bool:
    """ "Part of the Anglo-Spanish War", "Partof: the Great Northern War": the box line
    that puts the page's subject inside a wider event."""
    tokens = [t.lower_ for t in doc[:4]]
    if tokens[:1] == ["partof"]:
        rest = 1
    elif tokens[:2] == ["part", "of"]:
        rest = 2
    else:
        return False
    if [t.lower_ for t in doc[rest : rest + 3]] in (["a", "series", "on"], ["series", "on"]):
        return False
    return any(e.label_ in EVENT_LABELS for e in doc.ents)


def _is_sides_head(doc: Doc) -> bool:
    """ "Belligerents", "Combatants | |", "- Combatant1: ...": the head of a conflict box's
    sides, which only a box about a conflict has."""
    words = [t.text for t in doc if t.text not in _BOX_MARKS]
    return bool(words) and words[0] in _SIDES_HEADS


_SIDES_HEADS = frozenset({"Belligerents", "Combatants", "Combatant1", "Combatant"})
_BOX_MARKS = frozenset({"-", "|", "*", ":"})


def _is_proper_name(doc: Doc) -> bool:
    """ "Prague Spring", "Spanish Armada": a few capitalised words, particles between
    them; not a state ("France"), not a people ("Spanish")."""
    tokens = list(doc)
    if not 1 <= len(tokens) <= _MAX_WORDS or not is_name_word(tokens[0]):
        return False
    if not all(is_name_word(t) or t.lower_ in NAME_PARTICLES for t in tokens):
        return False
    if any(t.like_num for t in tokens):
        return False
    text = tidy(doc.text)
    return country_named(text) is None and country_for_demonym(text) is None


def _defines(doc: Doc, words: list[str]) -> bool:
    """The paragraph opens with the name as the subject of a definition: "The Prague
    Spring (Czech: Pražské jaro) was a period of ...", "The Spanish Armada was ..."."""
    texts = [t.text for t in doc[: len(words) + 2]]
    start = 1 if texts[:1] in (["The"], ["the"]) else 0
    if texts[start : start + len(words)] != words:
        return False
    after = doc[start + len(words)] if start + len(words) < len(doc) else None
    return after is not None and (after.text in {"(", ","} or after.lower_ in _DEFINING_VERBS)


def _label_occurrences(doc: Doc, words: list[str], name: str) -> None:
    """Label every occurrence of ``words`` an event named ``name``; an event already
    found there stays, a name NER gave the words gives way."""
    n = len(words)
    found = [
        Span(doc, i, i + n, label="EVENT", kb_id=name)
        for i in range(len(doc) - n + 1)
        if [t.text for t in doc[i : i + n]] == words
    ]
    if not found:
        return
    events = [e for e in doc.ents if e.label_ in EVENT_LABELS]
    taken = {i for e in events for i in range(e.start, e.end)}
    found = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
    mine = {i for s in found for i in range(s.start, s.end)}
    others = [e for e in doc.ents if not any(i in mine for i in range(e.start, e.end))]
    doc.ents = sorted(filter_spans([*found, *others]), key=lambda s: s.start)
