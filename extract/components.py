"""spaCy components that turn generic NER into history-aware mentions.

* ``hkg_events`` finds event names from cue words ("Battle of X", "X Pact", "Operation X")
  and labels them with their event type, overriding whatever NER guessed
  (spaCy tags "the Battle of Kursk" as WORK_OF_ART).
* ``hkg_actors`` adds countries, demonyms and military units the model missed, retypes
  NER labels into our types, strips titles from people and drops false people
  ("Marco Polo" inside an event name, "Mongols" as a person).

Both work from spelling and the gazetteer alone, so they also run on ``spacy.blank("en")``.
The canonical name a span links to is stored in ``span.kb_id_``: ``doc.ents`` keeps it,
which custom span attributes would not survive.

Labels after these components: PERSON, COUNTRY, NORP (a demonym; kb_id is its country),
ORG, MILITARY_UNIT, PLACE, DATE, and one label per event type (BATTLE, WAR, TREATY,
CONFERENCE, INCIDENT, OPERATION, DECLARATION, EVENT).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import gazetteer
from .lexicon import (
    ADDRESS_NOUNS,
    ADDRESS_TITLES,
    BODY_NOUNS,
    CASUALTY_MARKERS,
    COALITION_HEADS,
    EDITION_CUES,
    EVENT_ACRONYMS,
    EVENT_CUES,
    EVENT_QUALIFIERS,
    FATE_WORDS,
    FEAST_TIMES,
    FEASTS,
    FOREIGN_EVENT_HEADS,
    FOREIGN_EVENT_LAST,
    FOREIGN_EVENT_PARTICLES,
    FOREIGN_EVENT_SUFFIXES,
    HYPHENED_NAME_PARTICLES,
    INFOBOX_FIELDS,
    INVERTED_CUES,
    LANGUAGE_WORDS,
    LOWER_CASE_OF_CUES,
    LOWER_CASE_PLACE_CUES,
    MEETING_CUES,
    NAME_PARTICLES,
    NOBLE_TITLES,
    OF_ONLY_CUES,
    ORDINAL_NUMBERS,
    PLACE_NOUNS,
    PLURAL_TITLES,
    POLITY_HEADS,
    POSSESSIVE_PLACE_HEADS,
    PREFIX_CUES,
    SPACED_NAME_PARTICLES,
    TITLE_ABBREVIATIONS,
    UNIT_BRANCHES,
    UNIT_HEADS,
)
from .names import PLURALS, is_address_title, is_title, strip_titles, tidy
from .vocabulary import EVENT_TYPES

EVENT_LABELS: frozenset[str] = frozenset(t.upper() for t in EVENT_TYPES)
# "World War II", "World War I." (a sentence-final numeral keeps its full stop).
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X|\d{1,2})\.?$")
_CONNECTORS = frozenset({"-", "–", "—", "‐"})
# Capitalised words that start sentences but never names.
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "in", "on", "at", "after", "before", "during", "since", "by", "from",
     "this", "that", "these", "those", "its", "his", "her", "their", "our", "when", "while",
     "as", "for", "with", "and", "but", "or", "of", "to", "it", "he", "she", "they", "we",
     "there", "then", "also", "both", "each", "some", "all", "new",
     "until", "between", "under", "over", "following", "despite", "although", "however"}
)  # fmt: skip


_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}
)  # fmt: skip


def _ids(words: Iterable[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


_EVENT_ACRONYM_IDS = _ids(EVENT_ACRONYMS)
_EVENT_CUE_IDS = _ids(EVENT_CUES)
_UNIT_HEAD_IDS = _ids(UNIT_HEADS)
_NOBLE_TITLE_IDS = _ids(NOBLE_TITLES)
_PART_OF_IDS = _ids({"Partof", "Part"})
_OPEN_BRACKET_IDS = _ids({"("})
_COALITION_HEAD_IDS = _ids(COALITION_HEADS)
_JOINING_PARTICLE_IDS = _ids(HYPHENED_NAME_PARTICLES | SPACED_NAME_PARTICLES)
_PLURAL_TITLE_IDS = _ids(PLURAL_TITLES)
# NER's labels for places.
_PLACE_ENT_TYPES = frozenset({"GPE", "LOC", "FAC"})


def _tokens_among(doc: Doc, attr: int, ids: frozenset[int]) -> list[int]:
    """Indices of the tokens whose ``attr`` (ORTH: the text, LOWER: its lower case) is
    one of ``ids``. The scans below look at a few cue words only; reading the attribute
    from the Doc's array spares a Token object per word, which cost more than the rest."""
    return [i for i, value in enumerate(doc.to_array(attr).tolist()) if value in ids]


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a proper name (not a sentence opener, and
    not a month: "the pact of April 13" ends before the date)."""
    text = token.text
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    return text.lower() not in _FUNCTION_WORDS and text.lower() not in _MONTHS


def _is_hyphen_joined(doc: Doc, i: int) -> bool:
    """Token i is a dash that glues two capitalised words ("Soviet-Japanese")."""
    return (
        doc[i].text in _CONNECTORS
        and 0 < i < len(doc) - 1
        and is_name_word(doc[i - 1])
        and is_name_word(doc[i + 1])
    )


def _ends_date(doc: Doc, i: int) -> bool:
    """The year at ``i`` closes a date ("on April 13, 1941 Neutrality Pact")."""
    before = doc[i - 1] if i > 0 else None
    return before is not None and (
        before.text in {",", "of"} or before.text.isdigit() or before.lower_ in _MONTHS
    )


_POSSESSIVES = frozenset({"'", "'s", "’", "’s"})


def _joins_possessive(doc: Doc, i: int, cue: int) -> bool:
    """Token i is a possessive between a name word and the capitalised name words that run
    up to the cue. Only for a capitalised cue: "England's war" is a description."""
    return (
        doc[i].text in _POSSESSIVES
        and i > 0
        and is_name_word(doc[i - 1])
        and all(is_name_word(doc[j]) for j in range(i + 1, cue + 1))
    )


def _month_names_event(doc: Doc, i: int) -> bool:
    """ "the October Revolution", "the January Uprising", "the July Crisis": a month right
    after "the" and right before a capitalised cue names the event; "on 25 October
    Revolution ..." or "in October the revolution" do not."""
    token = doc[i]
    return (
        token.lower_ in _MONTHS
        and token.text[:1].isupper()
        and (i == 0 or doc[i - 1].lower_ == "the")
    )


_ORDINAL_WORDS = frozenset(w for w, n in ORDINAL_NUMBERS.items() if n <= 10)


def _is_edition_year(doc: Doc, i: int) -> bool:
    """A modern year that is not a count ("the Summer Olympics 1200 athletes ...")."""
    if i >= len(doc) or not re.fullmatch(r"(18|19|20)\d\d", doc[i].text):
        return False
    return i + 1 == len(doc) or doc[i + 1].pos_ not in {"NOUN", "PROPN"}


def _names_by_year(doc: Doc, i: int) -> bool:
    """A year right before a capitalised cue names the event ("The 1911 Revolution (Chinese:
    ...)" R03, "after the 1905 Revolution", "during the 1848 Revolution"), unless it ends a
    date ("in June 1940 Revolution broke out" is no name) or counts ("1200 Rebels")."""
    if not re.fullmatch(r"\d{3,4}", doc[i].text) or _ends_date(doc, i):
        return False
    return i == 0 or doc[i - 1].lower_ in {"the", "of", "this", "that"} or doc[i - 1].is_punct


def _is_ordinal(token: Token) -> bool:
    return bool(re.match(r"^\d{1,3}(?:st|nd|rd|th)$", token.lower_))


def _is_plural_cue(word: str) -> bool:
    """ "wars", "treaties": a cue whose singular is a cue too."""
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word.endswith("s") and singular in EVENT_CUES


def _joins_coordinated_words(doc: Doc, i: int, cue: int, proper: bool, lowercase_cue: bool) -> bool:
    """Token i is an "and" between two capitalised words of one singular name: "the French
    and Indian War", "the United Nations Monetary and Financial Conference". A plural cue
    ("the Sino-French and Sino-Japanese Wars") names several events, and a state's name
    on either side makes two parties, not one name ("Britain and France")."""
    if doc[i].lower_ != "and" or not proper or lowercase_cue or i == 0:
        return False
    if _is_plural_cue(doc[cue].lower_) or not is_name_word(doc[i - 1]):
        return False
    sides = (doc[i - 1].text, doc[i + 1].text)
    if any(gazetteer.country_named(w) is not None for w in sides):
        return False
    # The left side must not be an event's name itself ("World War I and World War 2").
    j = i - 1
    while j >= 0 and is_name_word(doc[j]):
        if doc[j].lower_ in EVENT_CUES or _ROMAN.match(doc[j].text):
            return False
        j -= 1
    return True


def _left_modifiers(doc: Doc, cue: int, lowercase_cue: bool) -> tuple[int, bool]:
    """Walk left from a cue over name words, dashes and qualifiers; return (start, proper)."""
    start, proper = cue, False
    i = cue - 1
    while i >= 0:
        token = doc[i]
        if is_name_word(token) or (token.text.isdigit() and len(token.text) <= 2 and proper):
            proper = proper or is_name_word(token)
        elif token.text.isdigit() and len(token.text) == 4 and proper and not _ends_date(doc, i):
            pass  # a leading year: "2010 Winter Olympics", "1976 presidential election"
        elif i == cue - 1 and not lowercase_cue and _names_by_year(doc, i):
            proper = True  # "the 1911 Revolution", "the 1905 Revolution"
        elif _is_ordinal(token) and proper:
            pass  # "8th Annual ... Awards"
        elif _joins_possessive(doc, i, cue) and not lowercase_cue:
            pass  # "the Thirty Years' War", "Bacon's Rebellion"
        elif i == cue - 1 and not lowercase_cue and _month_names_event(doc, i):
            proper = True
        elif _is_hyphen_joined(doc, i) or (
            token.lower_ in EVENT_QUALIFIERS and (not proper or lowercase_cue)
        ):
            pass
        elif _joins_coordinated_words(doc, i, cue, proper, lowercase_cue):
            pass  # "the French and Indian War", "the ... Monetary and Financial Conference"
        else:
            break
        start = i
        i -= 1
    # A trailing run of lowercase qualifiers at the left edge is not part of the name
    # ("a mutual neutrality pact" has no proper modifier at all).
    while start < cue and not is_name_word(doc[start]) and doc[start].lower_ in EVENT_QUALIFIERS:
        if proper and any(is_name_word(doc[j]) for j in range(start, cue)):
            break
        start += 1
    return start, proper


# Event types whose names may go on to say a side ("War on the X side").
_SIDED_TYPES = frozenset({"War", "Battle", "Operation"})


def _right_complement(doc: Doc, cue: int, proper_left: bool = False) -> int:
    """End (exclusive) of an "of X Y" / "at X" complement made of name words, or cue+1.
    An event may be named by its year alone ("the War of 1812", "the Rebellion of 1857",
    "the Revolution of 1917", "the Campaign of 1876").

    Once the name is proper (on the left, or after its "of"), "at X" says where it
    happened ("the Dayton Peace Accords at the Wright-Patterson Air Force Base", "the
    Women's Championship at the Elimination Chamber", "the ... Financial Conference at
    Bretton Woods"), and "on"/"over" after a fighting cue says on whose side ("the First
    Carlist War on the Isabeline side")."""
    end = cue + 1
    year = doc[cue + 2] if cue + 2 < len(doc) else None
    if (
        year is not None
        and doc[cue + 1].lower_ == "of"
        and year.text.isdigit()
        and len(year.text) == 4
    ):
        return cue + 3
    i = cue + 1
    fighting = EVENT_CUES.get(doc[cue].lower_) in _SIDED_TYPES
    while i < len(doc) - 1 and doc[i].lower_ in {"of", "at", "on", "over"}:
        proper = proper_left or end > cue + 1
        if proper and (doc[i].lower_ == "at" or (doc[i].lower_ in {"on", "over"} and fighting)):
            break
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        k = j
        while k < len(doc) and (
            is_name_word(doc[k]) or _is_hyphen_joined(doc, k) or _place_possessive(doc, k, j)
        ):
            k += 1
        if k == j:
            break
        end = i = k
    return end


def _place_possessive(doc: Doc, i: int, start: int) -> bool:
    """Token i is the "'s" of a place named after an owner: "Freeman's Farm", "Rorke's
    Drift" (not "Napoleon's army", not "Britain's finest hour")."""
    return (
        i > start
        and doc[i].text in _POSSESSIVES
        and i + 1 < len(doc)
        and is_name_word(doc[i + 1])
        and doc[i + 1].lower_ in POSSESSIVE_PLACE_HEADS
    )


def _named_by_place(doc: Doc, cue: int, end: int) -> bool:
    """The cue's right complement is "of" and a proper name, not a year ("the siege of
    1565"), a common noun ("a battle of wills"), an owner ("the decisive battle of
    Alexander the Great's invasion") or a wider event ("the last battle of the Wars of the
    Roses")."""
    return (
        end > cue + 2
        and doc[cue + 1].lower_ == "of"
        and not any(t.lower_ in EVENT_CUES for t in doc[cue + 2 : end])
        and is_name_word(doc[end - 1])
        and not doc[end - 1].like_num
        and not any(t.lower_ in {"'s", "’s"} for t in doc[end : end + 3])
    )


def _named_by_a_place(doc: Doc, cue: int, end: int) -> bool:
    """ "of" and a name NER reads as a place: "the fall of the Berlin Wall" (H03), "the
    fall of Gwalior" (B08), "the fall of Calcutta" (O02); not "the fall of Napoleon"."""
    if not _named_by_place(doc, cue, end):
        return False
    name = [t for t in doc[cue + 2 : end] if t.lower_ != "the"]
    return bool(name) and all(t.ent_type_ in _PLACE_ENT_TYPES for t in name)


def _meeting_place(doc: Doc, cue: int) -> tuple[int, int] | None:
    """The span of the place in "conference (held) in/at PLACE", a town's name and not a
    state's ("a conference in Germany" names no conference)."""
    j = cue + 1
    if j < len(doc) and doc[j].lower_ in {"held", "convened"}:
        j += 1
    if j >= len(doc) or doc[j].lower_ not in {"in", "at"}:
        return None
    j += 1
    k = j
    while k < len(doc) and (is_name_word(doc[k]) or _is_hyphen_joined(doc, k)):
        k += 1
    if k == j or gazetteer.country_named(doc[j:k].text) is not None:
        return None
    return j, k


def _bare_right_name(doc: Doc, cue: int) -> int:
    """End of a bare name right after a cue ("Operation Barbarossa"), or cue+1."""
    k = cue + 1
    while k < len(doc) and (is_name_word(doc[k]) or _is_hyphen_joined(doc, k)):
        k += 1
    return k


def _canonical_event_name(span: Span, cue_index: int, inverted: bool) -> str:
    """Display name; inverted word order from translation is put back ("X Incident")."""
    doc = span.doc
    if inverted:
        before = doc[span.start : cue_index].text
        after = doc[cue_index + 1 : span.end].text
        name = f"{after} {before} {doc[cue_index].text}".replace("  ", " ")
    else:
        name = span.text
    name = re.sub(r"\s*([-–—])\s*", r"\1", name)  # "Soviet - Japanese" -> "Soviet-Japanese"
    name = tidy(name)
    words = name.split()
    # Lower-case cue and qualifiers are capitalised in the canonical name.
    small = {"of", "the", "at", "on", "in", "and"}
    return " ".join(w if w.lower() in small else w[:1].upper() + w[1:] for w in words)


def _plural_to_singular(word: str) -> str:
    """The cue of a name of several engagements or treaties in the singular, so that "the
    Battles of Saratoga" and "the Treaties of Tilsit" are one event with the battle and
    the treaty of the same place."""
    return PLURALS.get(word.lower(), word)


def find_event_spans(doc: Doc) -> list[Span]:
    """Event-name spans in ``doc``, labelled by type with the canonical name as kb_id."""
    spans: list[Span] = []
    cues = {
        *_tokens_among(doc, ORTH, _EVENT_ACRONYM_IDS),
        *_tokens_among(doc, LOWER, _EVENT_CUE_IDS),
    }
    for token in (doc[i] for i in sorted(cues)):
        lower = token.lower_
        if token.text in EVENT_ACRONYMS:
            spans.append(Span(doc, token.i, token.i + 1, label="WAR",
                              kb_id=EVENT_ACRONYMS[token.text]))  # fmt: skip
            continue
        event_type = EVENT_CUES.get(lower)
        if event_type is None:
            continue
        i = token.i
        capital = token.text[:1].isupper()
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        # "War Ministry", "Treaty Organization": the cue is inside a longer name.
        if (capital and nxt is not None and is_name_word(nxt) and lower not in PREFIX_CUES
                and lower not in INVERTED_CUES and not _ROMAN.match(nxt.text)):  # fmt: skip
            continue
        start, proper_left = _left_modifiers(doc, i, lowercase_cue=not capital)
        end = _right_complement(doc, i, proper_left)
        proper_right = end > i + 1
        inverted = False
        if not proper_right and nxt is not None and lower == "war" and _ROMAN.match(nxt.text):
            end, proper_right = i + 2, True  # "World War II"
        if not proper_right and nxt is not None and lower == "war" and nxt.like_num:
            end, proper_right = i + 2, True  # "World War 2"
        if not proper_right and lower in PREFIX_CUES | INVERTED_CUES and capital:
            bare_end = _bare_right_name(doc, i)
            if bare_end > i + 1:
                # Romance word order ("Incidente Tonkin" -> "Incident Tonkin") is put back
                # only when nothing names the event on the left: "Bridge Incident Marco
                # Polo" keeps its words in the order written.
                inverted = lower in INVERTED_CUES and not proper_left
                end, proper_right = bare_end, True
        if lower in OF_ONLY_CUES and not proper_right:
            continue
        if lower == "treaties":
            # A set of treaties is named by its place alone ("the Treaties of Tilsit");
            # words before it describe ("Peace and Friendship Treaties of Utrecht").
            start = i
        if capital and lower in EDITION_CUES and _is_edition_year(doc, end):
            end += 1  # "Eurovision Song Contest 2009": the edition's year is in its name
        has_qualifier = any(doc[j].lower_ in EVENT_QUALIFIERS for j in range(start, i))
        if not capital and lower in OF_ONLY_CUES and proper_left:
            # "the second Persian invasion of Greece", "the Umayyad invasion of Gaul": a
            # people's invasion of a named land names it, in lower case as often as not;
            # the ordinal keeps the first and second apart.
            if start > 0 and doc[start - 1].lower_ in _ORDINAL_WORDS:
                start -= 1
        elif not capital and lower in MEETING_CUES and (place := _meeting_place(doc, i)):
            # "a conference held in Munich", "the conference at Bretton Woods": a meeting
            # the text does not name is known by its place ("the Munich Conference").
            where = doc[place[0] : place[1]].text
            name = f"{where} {lower.title()}"
            spans.append(Span(doc, i, place[1], label=event_type.upper(), kb_id=name))
            continue
        elif not capital and (
            (lower in LOWER_CASE_OF_CUES and _named_by_place(doc, i, end))
            or (lower in LOWER_CASE_PLACE_CUES and _named_by_a_place(doc, i, end))
        ):
            start = i  # "the battle of Bannockburn": the name starts at its cue
        elif lower in _PLACED_MEETINGS and (
            capital or start == 0 or doc[start - 1].lower_ != "the"
        ):
            continue  # "the Camp David meetings"; not "a Cabinet meeting", "Meeting of X"
        elif not capital:
            # A lower-case cue names an event only after a real proper modifier
            # ("the Russo-Japanese war"); "Japanese offensive", "invasion of China" and
            # "declared war on Japan" are descriptions, not names.
            if not _strong_left_modifier(doc, start, i):
                continue
            end = i + 1
        elif not (proper_left or proper_right or (has_qualifier and start < i)):
            continue
        span = Span(doc, start, end, label=event_type.upper())
        name = _canonical_event_name(span, i, inverted)
        cue_word = _plural_to_singular(token.text)
        if cue_word != token.text:
            name = name.replace(token.text[:1].upper() + token.text[1:], cue_word.capitalize())
        spans.append(Span(doc, start, end, label=event_type.upper(), kb_id=name))
    return filter_spans([*_without_box_residue(spans), *_part_of_spans(doc)])


# Meetings known by their place ("the Sèvres meeting"): definite and in lower case only.
_PLACED_MEETINGS = frozenset({"meeting", "meetings", "negotiations"})


def _without_box_residue(spans: list[Span]) -> list[Span]:
    """Event names without what a copied box leaves in them: a field's name ("Result
    Revolt suppressed" is no "Result Revolt", N02; "TypeAerial bombing", D07), and a
    template's ("Infobox Military Conflict", "{{Infobox military conflict", F01, D01, D05)
    is no event at all. A cue left without a name names nothing."""
    kept = []
    for span in spans:
        doc = span.doc
        if any(map(_is_template, doc[max(0, span.start - 1) : span.end])):
            continue
        trimmed = _without_field_name(span)
        if len(trimmed) == 1 and trimmed[0].lower_ in EVENT_CUES:
            continue
        kept.append(trimmed)
    return kept


def _is_template(token: Token) -> bool:
    """ "Infobox", "{{Infobox", "begInfobox": a wiki template's name, not a word of text."""
    return token.lower_.endswith("infobox")


# An infobox's "Part of" line names the wider events, in lower case as often as not:
# "Part of the Umayyad invasion of Gaul", "Partof: the Ottoman wars in Europe and the
# Serbian–Ottoman wars". What it lists are names, whatever their case.
_PART_OF_STOPS = frozenset({"and", "during", ",", "|", "(", ")", ";"})


def _part_of_spans(doc: Doc) -> list[Span]:
    spans: list[Span] = []
    for token in (doc[i] for i in _tokens_among(doc, ORTH, _PART_OF_IDS)):
        if token.text == "Partof":
            i = token.i + 1
        elif token.text == "Part" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
            i = token.i + 2
        else:
            continue
        if not _opens_line(doc, token.i):
            continue
        while i < len(doc):
            while i < len(doc) and doc[i].text in {":", "the", "and", ","}:
                i += 1
            end = i
            while (
                end < len(doc) and doc[end].text not in _PART_OF_STOPS and "\n" not in doc[end].text
            ):
                end += 1
            cues = [j for j in range(i, end) if doc[j].lower_ in EVENT_CUES]
            if cues and end - i <= 8 and any(is_name_word(doc[j]) for j in range(i, end)):
                span = Span(doc, i, end, label=EVENT_CUES[doc[cues[0]].lower_].upper())
                name = _canonical_event_name(span, cues[0], inverted=False)
                spans.append(Span(doc, i, end, label=span.label_, kb_id=name))
            if end >= len(doc) or doc[end].text not in {"and", ","}:
                break
            i = end
    return spans


def _opens_line(doc: Doc, i: int) -> bool:
    """Token i starts a line, markup aside ("- Partof:", "| Part of")."""
    while i > 0 and doc[i - 1].text in {"-", "|", "*"}:
        i -= 1
    return i == 0 or "\n" in doc[i - 1].text or doc[i - 1].text_with_ws.endswith("\n")


def _strong_left_modifier(doc: Doc, start: int, cue: int) -> bool:
    """A hyphenated compound ("Soviet-German"), or a name word that is not a demonym."""
    words = [t for t in doc[start:cue] if is_name_word(t)]
    if any(_is_hyphen_joined(doc, j) for j in range(start, cue)):
        return True
    return any(gazetteer.country_for_demonym(t.text) is None for t in words)


@Language.component(
    "hkg_events",
    requires=["token.orth"],
    assigns=["doc.ents"],
)
def hkg_events(doc: Doc) -> Doc:
    """Label event names; they win over overlapping NER entities."""
    events = find_event_spans(doc)
    if not events:
        return doc
    taken = {i for span in events for i in range(span.start, span.end)}
    # Keep NER spans that do not overlap an event, except a person that directly follows
    # an inverted cue (already absorbed) – filter_spans handles the overlap.
    kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
    doc.ents = sorted(filter_spans([*events, *kept]), key=lambda s: s.start)
    return doc


def _unit_name(span: Span) -> str | None:
    """Canonical name of a military unit span, or None if it is not one."""
    words = tidy(span.text).split()
    # "the Guandong Army of Japan": the owning state is not part of the unit's name.
    if len(words) >= 4 and words[-2] == "of" and gazetteer.country_named(words[-1]):
        words = words[:-2]
    if not words:
        return None
    lower = [w.lower() for w in words]
    if any(w[:1].isdigit() for w in words):
        return None  # numbered units ("19th Division") are ambiguous across sides
    if lower[-1] in UNIT_HEADS and len(words) >= 2:
        return " ".join([*words[:-1], words[-1].capitalize()])
    if lower[0] in UNIT_HEADS and len(words) >= 3 and lower[1] == "of":
        # "Army of the Potomac", "Army of the Rhine": the English order, whatever
        # lower-case word NER ran on into ("Army of the Potomac near").
        while words and words[-1][:1].islower():
            words = words[:-1]
        return " ".join(words) if len(words) >= 3 else None
    if lower[0] in UNIT_HEADS and len(words) >= 2 and lower[-1] not in UNIT_HEADS:
        if len(words) >= 3 and " ".join(lower[:2]) in UNIT_HEADS:
            return " ".join(words)  # "Army Group Centre" is the English order
        if lower[1] in UNIT_BRANCHES:
            return " ".join(words)
        # Translated word order: "Army Guandong" -> "Guandong Army".
        return " ".join([*words[1:], words[0].capitalize()])
    if len(words) >= 3 and " ".join(lower[-2:]) in UNIT_HEADS:
        return " ".join(words)
    # "Division Imperial Japanese Army": a leading unit word before a full unit name.
    if lower[0] in UNIT_HEADS and lower[-1] in UNIT_HEADS and len(words) >= 3:
        return " ".join(words[1:])
    return None


_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
# A ruler's regnal numeral, I to XVIII.
_NUMERAL = r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3})"
# A ruler's regnal numeral closes the name: "Muwatalli II", "Philip II", "Mithradates VI".
_REGNAL = re.compile(rf"^[A-Z][^\s]+(?: [A-Z][^\s]+){{0,2}} {_NUMERAL}$")
# Parts of documents and series are numbered the same way ("Part II", "Apollo XI").
_NUMBERED_NOUNS = frozenset(
    {"part", "chapter", "volume", "book", "act", "phase", "title", "section", "article",
     "type", "class", "stage", "vatican", "apollo", "gemini", "world", "war", "super", "bowl"}
)  # fmt: skip


def is_feast_day(text: str) -> bool:
    """A feast of the calendar (lexicon.FEASTS): "Easter Monday", "Christmas Day", or a
    saint's or the year's day by its possessive ("Saint Crispin's Day", "New Year's
    Day")."""
    words = text.replace("\u2019", "'").split()
    if not words:
        return False
    if words[0].lower() in FEASTS:
        return len(words) == 1 or (len(words) == 2 and words[1].lower() in FEAST_TIMES)
    return len(words) >= 2 and words[-1] == "Day" and words[-2].endswith("'s")


# Era markers that NER takes for organisations: "490 BC", "AD 732".
_ERA_MARKERS = frozenset({"bc", "ad", "bce", "ce", "b.c.", "a.d.", "b.c.e.", "c.e."})


def _state_of_government(text: str) -> str | None:
    """ "the Mexican Government", "the Czechoslovak Government", "the Government of Peru":
    a government named by its state is that state, read like its demonym (so an article's
    own historical state wins: ``state_of_demonym``)."""
    words = text.split()
    if len(words) == 2 and words[1].lower() in {"government", "governments"}:
        demonym = gazetteer.country_for_demonym(words[0])
        return demonym.name if demonym is not None else None
    if len(words) >= 3 and words[0].lower() == "government" and words[1].lower() == "of":
        country = gazetteer.country_named(" ".join(words[2:]))
        return country.name if country is not None else None
    return None


def _person_by_form(span: Span, text: str) -> str | None:
    """A name NER typed as a place or organisation that its form shows is a person:
    initials ("A.A. Gromyko") or a title before a capitalised name ("General Patton")."""
    if _INITIALS.match(text):
        return text
    if _REGNAL.match(text) and text.split()[0].lower() not in _NUMBERED_NOUNS:
        return strip_titles(text) or None  # "Sultan Mehmed II"
    words = text.split()
    if len(words) >= 2 and is_address_title(words[0]):
        rest = strip_titles(text)
        rest_words = rest.split()
        if (
            rest_words
            and all(w[:1].isupper() or w in NAME_PARTICLES for w in rest_words)
            and rest_words[-1][:1].isupper()
            and rest_words[-1].lower() not in BODY_NOUNS
            and not gazetteer.country_named(rest)
        ):
            return rest
    return None


def _named_group(span: Span, text: str) -> bool:
    """ "the Texians", "the Sepoys", "the Bolsheviks": a people or party of no state the
    gazetteer knows, named in the plural as a noun, is a side that acts."""
    return (
        len(text.split()) == 1
        and text[:1].isupper()
        and text.endswith("s")
        and span.root.pos_ in {"NOUN", "PROPN"}
        and span.root.tag_ in {"NNS", "NNPS"}
    )


def _coalition_name(text: str) -> bool:
    """ "Grand Alliance", "Eight-Nation Alliance": name words before a coalition head."""
    words = text.split()
    return len(words) >= 2 and words[-1].lower() in COALITION_HEADS and words[0][:1].isupper()


def _coalition_spans(doc: Doc) -> list[Span]:
    """Coalitions NER missed: capitalised name words (or a hyphenated compound) before a
    capitalised coalition head ("the Eight-Nation Alliance invaded")."""
    spans = []
    for token in (doc[i] for i in _tokens_among(doc, LOWER, _COALITION_HEAD_IDS)):
        if not token.text[:1].isupper():
            continue
        start = token.i
        while start > 0 and (is_name_word(doc[start - 1]) or _is_hyphen_joined(doc, start - 1)):
            start -= 1
        if start < token.i and is_name_word(doc[start]):
            name = tidy(doc[start : token.i + 1].text)
            spans.append(Span(doc, start, token.i + 1, label="ORG", kb_id=name))
    return spans


def _polity_name(text: str) -> bool:
    """ "Egyptian Empire", "Kingdom of Sardinia": a state by the form of its name."""
    words = text.lower().split()
    return len(words) >= 2 and (
        words[-1] in POLITY_HEADS or (words[0] in POLITY_HEADS and words[1] == "of")
    )


def _foreign_event_name(text: str) -> bool:
    """ "Bataille de Höchstädt", "Völkerschlacht": an event's name in another language."""
    words = text.split()
    lower = [w.lower() for w in words]
    if any(
        head in FOREIGN_EVENT_HEADS and words[i + 1] in FOREIGN_EVENT_PARTICLES
        for i, head in enumerate(lower[:-1])
    ):
        return True
    if len(words) > 1 and lower[-1] in FOREIGN_EVENT_LAST:
        return True
    return any(w.endswith(FOREIGN_EVENT_SUFFIXES) and len(w) > len("schlacht") + 1 for w in lower)


def _retype(span: Span) -> Span | None:
    """Map an NER span to our label set, or None to drop it."""
    label = span.label_
    text = tidy(span.text)
    if not text or not any(c.isalpha() for c in text):
        return None
    if is_feast_day(text):
        return None  # a day of the calendar, not a happening or a person
    if label in EVENT_LABELS or label == "DATE":
        return span
    if not any(c.isupper() for c in text) and any(c.islower() for c in text):
        # No capital in a cased script: a common noun NER took for a name ("congress",
        # "navy", "west bank", "flank"), not a proper name ("al-Andalus", "iTunes" keep).
        return None
    if _foreign_event_name(text) or text.lower() in _ERA_MARKERS:
        return None
    if text.lower() in (BODY_NOUNS - UNIT_HEADS) | ADDRESS_NOUNS:
        # "the Government", "Headquarters", "your Majesty": a noun, not a name ("the
        # Army" and "the Navy" are a state's forces, named so in a text about it).
        return None
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if label in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"} and before in PLACE_NOUNS:
        return Span(span.doc, span.start, span.end, label="PLACE", kb_id=text)
    person = _person_by_form(span, text) if label in {"ORG", "GPE", "LOC", "FAC"} else None
    if person is not None:
        return Span(span.doc, span.start, span.end, label="PERSON", kb_id=person)
    country = gazetteer.country_named(text)
    if country is None and label in {"GPE", "LOC", "ORG", "FAC"} and _polity_name(text):
        return Span(span.doc, span.start, span.end, label="COUNTRY", kb_id=text)
    # NER reads context: a state's name it tags as a person is a surname ("Togo said").
    if label in {"GPE", "ORG", "NORP", "LOC"} and country is not None:
        return Span(span.doc, span.start, span.end, label="COUNTRY", kb_id=country.name)
    demonym = gazetteer.country_for_demonym(text)
    if label in {"NORP", "PERSON", "GPE", "ORG"} and demonym is not None:
        return Span(span.doc, span.start, span.end, label="NORP", kb_id=demonym.name)
    state = _state_of_government(text) if label in {"ORG", "GPE", "NORP"} else None
    if state is not None:
        return Span(span.doc, span.start, span.end, label="NORP", kb_id=state)
    if label in {"ORG", "PERSON", "GPE", "LOC", "FAC"} and _coalition_name(text):
        return Span(span.doc, span.start, span.end, label="ORG", kb_id=text)
    if label in {"ORG", "PERSON", "GPE", "FAC", "NORP"}:
        unit = _unit_name(span)
        if unit is not None:
            return Span(span.doc, span.start, span.end, label="MILITARY_UNIT", kb_id=unit)
    words = text.split()
    if (
        label == "NORP"
        and len(words) >= 2
        and all(t.pos_ == "PROPN" for t in span)
        and not (gazetteer.country_named(words[0]) or gazetteer.country_for_demonym(words[0]))
    ):
        label = "PERSON"  # "Lionel Chad" tagged as a nationality: a given name + surname
    if label == "PERSON":
        name = strip_titles(text)
        words = name.split()
        if not words or not all(w[:1].isupper() or w in NAME_PARTICLES for w in words):
            return None
        if not words[0][:1].isupper() or not words[-1][:1].isupper():
            return None
        # A "person" that starts with a state's name is a mis-tag ("Poland Kowalski").
        if len(words) > 1 and (
            gazetteer.country_named(words[0]) or gazetteer.country_for_demonym(words[0])
        ):
            return None
        if len(words) == 1 and span.root.pos_ == "ADJ":
            return None  # "Eurocentric": an adjective the tagger knows is not a name
        return Span(span.doc, span.start, span.end, label="PERSON", kb_id=name)
    if label == "ORG":
        return Span(span.doc, span.start, span.end, label="ORG", kb_id=text)
    if label in _PLACE_ENT_TYPES:
        return Span(span.doc, span.start, span.end, label="PLACE", kb_id=text)
    if label == "NORP" and _named_group(span, text):
        return Span(span.doc, span.start, span.end, label="ORG", kb_id=text)
    return None  # NORP of no state or group, WORK_OF_ART, LAW, numbers, ...


def _gazetteer_spans(doc: Doc) -> list[Span]:
    """Country names, acronyms and demonyms the model missed (or has no NER for)."""
    spans = []
    # Up to four candidate names start at every capitalised word: their texts are cut from
    # the Doc's text and the tokens made once, since a Span per candidate (and a Token per
    # look at a neighbour) cost more than the lookups themselves.
    tokens = list(doc)
    doc_text = doc.text
    for token in tokens:
        if not token.text[:1].isupper():
            continue
        previous = tokens[token.i - 1] if token.i > 0 else None
        if (
            previous is not None
            and is_name_word(previous)
            and previous.pos_ == "PROPN"
            and not gazetteer.country_for_demonym(previous.text)
            and not gazetteer.country_named(previous.text)
        ):
            continue  # "Lionel Chad": a state's name inside a longer proper name
        for width in (4, 3, 2, 1):
            end = token.i + width
            if end > len(tokens):
                continue
            last = tokens[end - 1]
            if not any(c.isalpha() for c in last.text):
                continue  # "Togo," – never swallow punctuation after a name
            text = doc_text[token.idx : last.idx + len(last.text)]
            country = gazetteer.country_named(text)
            if country is not None:
                spans.append(Span(doc, token.i, end, label="COUNTRY", kb_id=country.name))
                break
            demonym = gazetteer.country_for_demonym(text) if width == 1 else None
            if demonym is not None:
                spans.append(Span(doc, token.i, end, label="NORP", kb_id=demonym.name))
                break
    return spans


def _army_of(doc: Doc, head: int) -> int | None:
    """Where the name starts in "Army of [the] X" (``head`` at "Army"), or None when the
    head is not a capitalised unit word followed by "of"."""
    token = doc[head]
    if not (token.text[:1].isupper() and head + 2 < len(doc) and doc[head + 1].lower_ == "of"):
        return None
    return head + 2 + (doc[head + 2].lower_ == "the")


def _unit_pattern_spans(doc: Doc) -> list[Span]:
    """ "Guandong army", "Pacific Fleet", "Army Guandong", "Army of the Potomac": name words
    next to a unit head."""
    spans = []
    for token in (doc[i] for i in _tokens_among(doc, LOWER, _UNIT_HEAD_IDS)):
        i = token.i
        if (j := _army_of(doc, i)) is not None:
            k = j
            while k < len(doc) and is_name_word(doc[k]):
                k += 1
            if k > j and not gazetteer.country_named(doc[j:k].text):
                span = Span(doc, i, k, label="ORG")
                unit = _unit_name(span)
                if unit:
                    spans.append(Span(doc, i, k, label="MILITARY_UNIT", kb_id=unit))
                continue
        start = i
        while start > 0 and is_name_word(doc[start - 1]):
            start -= 1
        if start < i:
            span = Span(doc, start, i + 1, label="ORG")
            # A country or demonym alone before "army" is the national army ("Japanese
            # army"), which the country already stands for.
            words = doc[start:i].text
            if gazetteer.country_named(words) or gazetteer.country_for_demonym(words):
                continue
            unit = _unit_name(span)
            if unit:
                spans.append(Span(doc, start, i + 1, label="MILITARY_UNIT", kb_id=unit))
    return spans


# Plural and collective heads of names that are no one's: "the United Provinces", "the
# Papal States", "the Expeditionary Force".
_PLURAL_BODIES = frozenset({"force", "forces", "provinces", "states", "union", "league"})


def _split_flag_prefix(span: Span) -> list[Span]:
    """ "United Kingdom Hugh Dowding", "Nazi Germany Hermann Göring": an infobox's flag icon
    leaves the state's name before each commander's, and NER reads the two as one name.
    A span that starts with a state the gazetteer knows and goes on with a capitalised
    name of two words or more is the state, then that name (a person unless a word of it
    names a body, a unit, a polity or a place: "Mediterranean Expeditionary Force")."""
    if span.label_ not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"} or len(span) < 3:
        return [span]
    for k in (3, 2, 1):
        if len(span) - k < 2 or gazetteer.country_named(span[:k].text) is None:
            continue
        rest = span[k:]
        named = gazetteer.country_named(rest.text)
        if named is not None and named == gazetteer.country_named(span[:k].text):
            # "England Kingdom of England" (A13), "Spain Kingdom of Spain" (B01), "Bavaria
            # Duchy of Bavaria" (C09): the flag's state, then its long name.
            doc = span.doc
            return [
                Span(doc, span.start, span.start + k, label="GPE"),
                Span(doc, span.start + k, span.end, label="GPE"),
            ]
        words = [t.text for t in rest if t.text not in {"[", "]"} and not t.like_num]
        if not all(w[:1].isupper() or w in NAME_PARTICLES for w in words):
            return [span]
        if named is not None:
            return [span]
        lower = {w.lower() for w in words}
        heads = BODY_NOUNS | UNIT_HEADS | POLITY_HEADS | PLACE_NOUNS | _PLURAL_BODIES
        label = span.label_ if lower & heads else "PERSON"
        doc = span.doc
        return [
            Span(doc, span.start, span.start + k, label="GPE"),
            Span(doc, span.start + k, span.end, label=label),
        ]
    return [span]


_INITIALS_TOKEN = re.compile(r"^(?:[A-Z]\.){1,3}$")
_REGNAL_NUMERAL = re.compile(rf"^{_NUMERAL}$")
_KEY_SEPARATORS = frozenset({"=", ":"})


def _name_list_spans(doc: Doc) -> list[Span]:
    """People on a line of names run together, as an infobox's commanders come out of a
    copied page: "Adolf Hitler Erich von Manstein Friedrich Paulus W.F. von Richthofen",
    "commander2 = Reinhard Scheer Franz Hipper", "John Jellicoe David Beatty". NER
    reads them as a few long names ("Erich von Manstein Friedrich"); the line is cut
    into names of a given name (or initials, or a title), middle initials, particles
    and one surname each. A line is cut when every word is such a name part and it
    makes three names or more, or two on a field line ("commander2 = ...") or where NER
    saw a person but not one person for all of the line. Anything else on the line (a
    state, a body, a function word, a lower-case word) leaves the line to NER."""
    spans: list[Span] = []
    start = 0
    # A table copied as text ends each cell with "|": "Leonid Brezhnev ... Lajos Czinege |"
    # (H02), "Wilhelm I Helmuth von Moltke ... |" (B13), one side's names "| " the other's
    # (A17).
    breaks = [t.i for t in doc if "\n" in t.text or (t.text and not t.text.strip("|"))]
    for end in [*breaks, len(doc)]:
        spans += _name_list_line(doc, start, end)
        start = end + 1
    return spans


def _name_list_line(doc: Doc, start: int, end: int) -> list[Span]:
    keys = [i for i in range(start, min(end, start + 4)) if doc[i].text in _KEY_SEPARATORS]
    if keys:  # "commander2 = ...": a key before the names
        start = keys[0] + 1
    if end - start < 4:
        return []
    segments = _name_segments(doc, start, end)
    if segments is None or len(segments) < 2:
        return []
    if len(segments) < 3:
        people = [e for e in doc.ents if start <= e.start < end and e.label_ == "PERSON"]
        if (not people and not keys) or any((e.start, e.end) == (start, end) for e in people):
            # Two names' worth NER reads as one person ("Carl Gustaf Emil Mannerheim"), or
            # a line of capitalised words that is no field of names and where NER sees no
            # person ("Early Life Military Career").
            return []
    heads = BODY_NOUNS | UNIT_HEADS | POLITY_HEADS | PLACE_NOUNS
    found = []
    for a, b in segments:
        words = doc[a:b].text.split()
        if any(w.lower() in heads for w in words) or gazetteer.country_named(doc[a:b].text):
            return []
        found.append(Span(doc, a, b, label="PERSON", kb_id=strip_titles(tidy(doc[a:b].text))))
    return found


def _name_segments(doc: Doc, start: int, end: int) -> list[tuple[int, int]] | None:
    """The line's names as (start, end) pairs, or None if a word is no part of a name. A
    title opens a name ("Sir John Jellicoe Sir David Beatty"); between titles, a name is
    a given name or initials, middle initials, particles and a surname."""

    def word(i: int) -> bool:
        t = doc[i].text
        return (
            is_name_word(doc[i])
            and any(c.islower() for c in t)
            and not is_title(t)
            and gazetteer.country_for_demonym(t) is None
            and gazetteer.country_named(t) is None
        )

    def initials(i: int) -> bool:
        return bool(_INITIALS_TOKEN.match(doc[i].text))

    def past_word(i: int) -> int:
        """After the word at i and what a glued hyphen joins to it ("Auguste-Alexandre")."""
        i += 1
        while i + 1 < end and _glued_hyphen(doc, i) and word(i + 1):
            i += 2
        return i

    segments = []
    i = start
    while i < end:
        if i + 2 < end and doc[i].text == "(" and doc[i + 1].text in CASUALTY_MARKERS:
            i += 3 if doc[i + 2].text == ")" else 2  # "Napoleon III (POW) Patrice ..."
            continue
        first = i
        while i < end and is_title(doc[i].text):
            i += 1
        titled = i > first
        chunk_end = next((k for k in range(i, end) if is_title(doc[k].text)), end)
        if (
            titled
            and 0 < chunk_end - i <= 3
            and all(
                word(k) or initials(k) or doc[k].lower_ in NAME_PARTICLES
                for k in range(i, chunk_end)
            )
        ):
            segments.append((first, chunk_end))  # "Sir John Jellicoe", "Lord Chelmsford"
            i = chunk_end
            continue
        if i < end and initials(i):
            i += 1
        elif i < end and word(i):
            i = past_word(i)
        else:
            return None
        if i < end and _REGNAL_NUMERAL.match(doc[i].text):
            segments.append((first, i + 1))  # "Wilhelm I", "Napoleon III"
            i += 1
            continue
        while i < end and initials(i):
            i += 1
        while i < end and doc[i].lower_ in NAME_PARTICLES:
            i += 1
        if i >= end or not word(i):
            return None
        i = past_word(i)
        segments.append((first, i))
    return segments


def _split_unit_owner(span: Span) -> list[Span]:
    """ "Lee's Army of Northern Virginia", "Marshal Bazaine's Army of the Rhine", "French
    Army of Châlons": NER runs a unit's commander or people into the unit's name. The
    unit ("Army of the Rhine") is its own span; a possessor named by capitalised words
    right before "'s" is a person."""
    doc = span.doc
    for i in range(span.start + 1, span.end - 2):
        name = _army_of(doc, i) if doc[i].lower_ in UNIT_HEADS else None
        if name is None:
            continue
        if gazetteer.country_named(doc[name : span.end].text):
            return [span]  # "Guandong Army of Japan": the state owns the unit
        parts = [Span(doc, i, span.end, label="ORG")]
        if doc[i - 1].text in _POSSESSIVES:
            start = i - 1
            while start > span.start and is_name_word(doc[start - 1]):
                start -= 1
            if start < i - 1:
                parts.insert(0, Span(doc, start, i - 1, label="PERSON"))
        return parts
    return [span]


@Language.component(
    "hkg_actors",
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def hkg_actors(doc: Doc) -> Doc:
    """Retype NER entities into actor types and add gazetteer and unit mentions."""
    listed = _name_list_spans(doc)
    on_lists = {i for s in listed for i in range(s.start, s.end)}
    ents = [
        part
        for e in doc.ents
        if not any(i in on_lists for i in range(e.start, e.end))
        for flagged in _split_flag_prefix(
            _without_casualty_mark(_without_trailing_link(_without_field_name(e)))
        )
        for part in _split_unit_owner(flagged)
    ]
    ents += [_without_casualty_mark(s) for s in listed]
    retyped = [
        _with_numeral_one(_whole_hyphenated(s)) for s in (_retype(e) for e in ents) if s is not None
    ]
    plural_titled = [
        s
        for s in _plural_titled_people(doc)
        if not any(i in on_lists for i in range(s.start, s.end))
    ]
    if plural_titled:
        named = {i for s in plural_titled for i in range(s.start, s.end)}
        retyped = [s for s in retyped if not any(i in named for i in range(s.start, s.end))]
        retyped += plural_titled
    events = [s for s in retyped if s.label_ in EVENT_LABELS]
    taken = {i for span in events for i in range(span.start, span.end)}
    extra = [
        s
        for s in map(
            _without_field_name,
            [*_unit_pattern_spans(doc), *_gazetteer_spans(doc), *_coalition_spans(doc)],
        )
        if not any(i in taken for i in range(s.start, s.end))
    ]
    # Longest first; between equally long spans, NER's reading (it sees context: "Togo"
    # after a given name is a person) beats the gazetteer's.
    titled = [
        _whole_hyphenated(s)
        for s in [*_noble_titles(doc), *_titled_people(doc), *_particle_names(doc)]
        if not any(i in taken or i in on_lists for i in range(s.start, s.end))
    ]
    glosses = _glosses(doc, events)
    actors = [
        s
        for s in [*retyped, *titled, *extra]
        if s.label_ in EVENT_LABELS
        or s.label_ == "DATE"
        or not (any(a <= s.start and s.end <= b for a, b in glosses) or _art_credit(s))
    ]
    actors = [s for s in actors if not any(map(_is_template, s))]
    doc.ents = sorted(filter_spans([*events, *actors]), key=lambda s: s.start)
    return doc


def _whole_hyphenated(span: Span) -> Span:
    """A person's name NER cut at a hyphen, whole again: "Auguste-Alexandre Ducrot" and
    "Patrice de Mac-Mahon" (B13), "Muzaffar ad-Din Gökböri" (C07), "Paul-Bernard de
    Fontaines" and "Duke of La Ferté-Senneterre" (E03) had lost a part. Only a hyphen
    written without spaces between two capitalised words joins ("anti-Hitler" does not)."""
    if span.label_ != "PERSON":
        return span
    doc = span.doc
    start, end = span.start, span.end
    while start >= 2 and _glued_hyphen(doc, start - 1) and doc[start - 2].text[:1].isupper():
        start -= 2
    while end + 1 < len(doc) and _glued_hyphen(doc, end) and doc[end + 1].text[:1].isupper():
        end += 2
    if (start, end) == (span.start, span.end):
        return span
    name = strip_titles(tidy(doc[start:end].text))
    return Span(doc, start, end, label="PERSON", kb_id=name)


def _with_numeral_one(span: Span) -> Span:
    """ "Darius I", "Wilhelm I", "Peter I", "Murad I": NER leaves the regnal numeral I out
    of the name (the tagger reads it as the pronoun), and the king becomes "Darius", whom
    every Darius of the article joins. The I that follows a person's one-word name is its
    numeral ("Tsar Peter" I too), unless a quotation is open, where "I" may be a speaker
    ("said to Darius I will ...")."""
    doc = span.doc
    end = span.end
    if (
        span.label_ != "PERSON"
        or end >= len(doc)
        or doc[end].text != "I"
        or doc[end - 1].whitespace_ == ""
        or len((span.kb_id_ or span.text).split()) != 1
    ):
        return span
    before = doc[span.sent.start : span.start] if doc.has_annotation("SENT_START") else doc[:0]
    if sum(t.text in {'"', "“", "”"} for t in before) % 2:
        return span
    return Span(doc, span.start, end + 1, label="PERSON", kb_id=f"{span.kb_id_ or span.text} I")


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Token i is a hyphen with no space on either side ("Mac-Mahon", not "Mac - Mahon")."""
    return (
        doc[i].text in _CONNECTORS
        and i > 0
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].is_alpha
        and i + 1 < len(doc)
        and doc[i + 1].is_alpha
    )


# Words a name never ends with; NER sometimes stops on one: "the National Guard of" (N02),
# "the United Provinces of" (C13), "Federation of Bosnia and" (D12), "Hawker Hurricane
# of" (D08).
_LINK_WORDS = frozenset({"of", "the", "and", "for", "at", "in", "on"})


def _without_trailing_link(span: Span) -> Span:
    """The name without the linking words NER left at its end (not a date's: "between
    22 and 24 October" is the date parser's to read)."""
    if span.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"}:
        return span
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].text in _LINK_WORDS:
        end -= 1
    if end == span.end:
        return span
    return Span(span.doc, span.start, end, label=span.label_, kb_id=span.kb_id_)


def _without_casualty_mark(span: Span) -> Span:
    """The name without the "KIA"/"POW" an infobox glued to it ("Juan de RecaldeKIA": the
    tokenizer splits the mark off, NER keeps it in the name), or the fate it prints after
    it at the end of the line ("Pavel Pestel Executed")."""
    doc, end = span.doc, span.end
    while end > span.start + 1 and doc[end - 1].is_space:
        end -= 1  # NER may take in the line's break
    if end - span.start < 2:
        return span
    last = doc[end - 1]
    glued = last.text in CASUALTY_MARKERS and not doc[end - 2].whitespace_
    fate = _ends_in_fate(doc, end)
    if not (glued or fate):
        return span
    kb_id = span.kb_id_.removesuffix(" " + last.text) if fate else span.kb_id_
    return Span(doc, span.start, end - 1, label=span.label_, kb_id=kb_id)


def _ends_in_fate(doc: Doc, end: int) -> bool:
    """Token ``end - 1`` is a box's fate word closing its line ("... Pestel Executed")."""
    closes_line = (
        end == len(doc)
        or "\n" in doc[end - 1].whitespace_
        or (doc[end].is_space and "\n" in doc[end].text)
    )
    return doc[end - 1].text in FATE_WORDS and closes_line


def _without_field_name(span: Span) -> Span:
    """The name without a box field's name before it: glued ("ResultAlliance": the
    tokenizer splits the field off, NER keeps it) or opening the box's line ("Location
    Guernica", "Result Revolt suppressed")."""
    doc = span.doc
    if len(span) < 2 or not _is_field_name(doc, span.start):
        return span
    kb_id = span.kb_id_ if span.kb_id_ and span.kb_id_ != span.text else ""
    field = doc[span.start].text
    if kb_id.startswith(field):
        kb_id = kb_id[len(field) :].strip()
    return Span(doc, span.start + 1, span.end, label=span.label_, kb_id=kb_id)


def _is_field_name(doc: Doc, i: int) -> bool:
    token = doc[i]
    return token.text in INFOBOX_FIELDS and (not token.whitespace_ or _opens_line(doc, i))


# Works an image caption credits to its maker ("French miniature by X").
_WORK_NOUNS = frozenset(
    {"painting", "miniature", "engraving", "lithograph", "etching", "drawing", "sketch",
     "illustration", "portrait", "fresco", "mosaic", "tapestry", "woodcut", "photograph",
     "print", "watercolour", "watercolor", "mural"}
)  # fmt: skip
# Words after the maker's name that say the line describes a picture ("..., depicting").
_PICTURE_VERBS = frozenset({"depicting", "depicts", "depicted", "painted"})


def _art_credit(span: Span) -> bool:
    """A copied page's image caption credits its maker: "The Battle of Antietam, by Kurz &
    Allison (1878), depicting ...", "Treaty of Paris, by Benjamin West (1783), depicts
    ...", "... by Jules Eugène Lenepveu, painted 1886–1890", "French miniature by Jean Le
    Tavernier". A name after "by" is the maker, not an actor, when a work noun comes just
    before "by" or a picture verb just after the name (a year in brackets between)."""
    doc = span.doc
    if span.start < 1 or doc[span.start - 1].lower_ != "by":
        return _credit_line(span)
    before = {t.lower_ for t in doc[max(0, span.start - 4) : span.start - 1]}
    if before & _WORK_NOUNS:
        return True
    after = [t.lower_ for t in doc[span.end : span.end + 6] if not (t.is_punct or t.like_num)]
    return (bool(after) and after[0] in _PICTURE_VERBS) or _credit_line(span)


def _credit_line(span: Span) -> bool:
    """A caption without a verb that ends with "by" and its makers credits them: "The
    Death of General Wolfe by Benjamin West." (F02), "The Death of General Warren at the
    Battle of Bunker Hill by John Trumbull" (F03), "''Battle of Antietam'' by Kurz and
    Allison." (D01). A sentence with a verb ("The battle was won by Napoleon.") is no
    caption; the tagger decides, so a text read without one is left alone."""
    doc = span.doc
    k = span.start - 1
    while k > 0 and (doc[k].lower_ in {"and", "&", ","} or is_name_word(doc[k])):
        k -= 1
    if k < 0 or doc[k].lower_ != "by":
        return False  # most names: no "by" before them, and no scan of the Doc below
    if k > 0 and (
        doc[k - 1].ent_type_ in {"GPE", "NORP"} or gazetteer.is_country_name(doc[k - 1].text)
    ):
        # A state is represented by its delegates, not made by them: a delegation list
        # drops its verb ("Italy by Sig. Schanzer and Sig. Ricci; ... China by Mr.
        # Wellington Koo and Mr. Sze.", P03).
        return False
    if not doc.has_annotation("SENT_START") or not doc.has_annotation("TAG"):
        return False
    sent = span.sent
    if k < sent.start:
        return False
    rest = doc[span.end : sent.end]
    if any(not (t.is_punct or t.like_num or t.is_space or is_name_word(t) or t.lower_ in
               {"and", "&"}) for t in rest):  # fmt: skip
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in sent)


# How far a gloss in brackets may run (tokens): a lead's list of names in other languages.
GLOSS_TOKENS = 60


def _glosses(doc: Doc, events: list[Span]) -> list[tuple[int, int]]:
    """Token ranges of the brackets right after an event's name that give its name in
    other languages: "the Meiji Restoration (明治維新, Meiji Ishin)", "the Boxer Rebellion
    (simplified Chinese: ...; pinyin: Yìhétuán Yùndòng)", "the Munich Agreement (Czech:
    Mnichovská dohoda ...)". A gloss writes another script or labels a language ("Czech:");
    names in it are the event's, not who took part. A bracket that opens with a language's
    label is a gloss after any name ("the Dayton (Croatian: Dayton, Bosnian: Dejton)").
    Other brackets ("signed by Britain and Spain") are left alone."""
    ranges = []
    labelled = [i for i in _tokens_among(doc, ORTH, _OPEN_BRACKET_IDS) if _language_label(doc, i)]
    opens = [e.end for e in events] + labelled
    for start in sorted(set(opens)):
        if start >= len(doc) or doc[start].text != "(":
            continue
        # A labelled gloss may translate its names in brackets of its own ("(German:
        # Schlacht am Kahlen Berge or Kahlenberg (Battle of the Bald Mountains); Polish:
        # ...)", D05, J03); an unlabelled bracket with another inside is no plain gloss.
        nested = start in labelled
        depth = 0
        for end in range(start + 1, min(len(doc), start + GLOSS_TOKENS)):
            text = doc[end].text
            if text == "(":
                if not nested:
                    break
                depth += 1
                continue
            # The tokenizer may keep a closing bracket on the word before it ("Ma'arakat
            # Balāṭ ash-Shuhadā'),", A04).
            if text == ")" or (")" in text and text.rstrip(",.;:[]0-9").endswith(")")):
                if depth:
                    depth -= 1
                    continue
                if _is_gloss(doc[start + 1 : end + 1]):
                    ranges.append((start, end + 1))
                break
    return ranges


def _language_label(doc: Doc, bracket: int) -> bool:
    """The bracket opens with a language's label: "(Croatian: Dayton, Bosnian: Dejton ...)",
    "(Serbo-Croatian: ...", "(simplified Chinese: ...". Such a bracket glosses the name
    before it wherever it stands, also after a name no cue marks as an event."""
    for colon in range(bracket + 2, min(len(doc), bracket + 5)):
        if doc[colon].text == ":":
            label = doc[bracket + 1 : colon].text.lower().replace(" - ", "-").split()
            last = label[-1] if label else ""
            return last in LANGUAGE_WORDS or gazetteer.country_for_demonym(last.title()) is not None
    return False


def _is_gloss(inside: Span) -> bool:
    labelled = any(t.text == ":" and t.i > inside.start and t.nbor(-1).is_alpha for t in inside)
    return labelled or any(
        c.isalpha() and "LATIN" not in unicodedata.name(c, "") for c in inside.text
    )


def _noble_titles(doc: Doc) -> list[Span]:
    """ "the Duke of Marlborough", "the Earl of Salisbury", "the Elector of Bavaria": a
    title of nobility with its territory names a person, though the model reads a place."""
    spans = []
    titles = (doc[i] for i in _tokens_among(doc, LOWER, _NOBLE_TITLE_IDS) if i < len(doc) - 2)
    for token in titles:
        nxt = doc[token.i + 1]
        if not (token.text[:1].isupper() and token.lower_ in NOBLE_TITLES and nxt.lower_ == "of"):
            continue
        end = token.i + 2
        while end < len(doc) and end - token.i <= 4 and is_name_word(doc[end]):
            end += 1
        if end > token.i + 2:
            name = f"{token.text} of {tidy(doc[token.i + 2 : end].text)}"
            spans.append(Span(doc, token.i, end, label="PERSON", kb_id=name))
    return spans


def _particle_names(doc: Doc) -> list[Span]:
    """Names joined by Arabic and Persian particles, which NER cuts at the lower-case
    word: "Abd er Rahman" (A04) was "Abd" and "Rahman", "Siraj ud-Daulah" (O02) an
    organisation "Siraj", "Muzaffar ad-Din Gökböri" (C07) "Muzaffar" and "Din Gökböri";
    "Nureddin al-Atassi" and "Zaid ibn Shaker" (H01). A name NER places ("Sharm
    el-Sheikh") stays a place."""
    if not _tokens_among(doc, LOWER, _JOINING_PARTICLE_IDS):
        return []  # most blocks: no particle, nothing to join
    spans = []
    i = 0
    while i < len(doc):
        if not is_name_word(doc[i]) or doc[i].ent_type_ in _PLACE_ENT_TYPES:
            i += 1
            continue
        j, joined = i + 1, False
        while j < len(doc):
            if (
                j + 2 < len(doc)
                and doc[j].lower_ in HYPHENED_NAME_PARTICLES
                and _glued_hyphen(doc, j + 1)
                and doc[j + 2].text[:1].isupper()
            ):
                j, joined = j + 3, True
            elif (
                j + 1 < len(doc)
                and doc[j].lower_ in SPACED_NAME_PARTICLES
                and doc[j + 1].text[:1].isupper()
            ):
                j, joined = j + 2, True
            elif joined and is_name_word(doc[j]) and doc[j - 1].whitespace_:
                j += 1  # "Muzaffar ad-Din Gökböri"
            else:
                break
        places = any(t.ent_type_ in _PLACE_ENT_TYPES for t in doc[i:j])
        if joined and not places:
            name = tidy(doc[i:j].text)
            if not (gazetteer.country_named(name) or gazetteer.country_for_demonym(doc[i].text)):
                spans.append(Span(doc, i, j, label="PERSON", kb_id=name))
            i = j
        else:
            i += 1
    return spans


def _titled_people(doc: Doc) -> list[Span]:
    """ "Prince Otto von Bismarck", "General Ivan Chernyakhovsky", "Maj. Gen. George B.
    McClellan": a title of address before one to three capitalised words is a person, also
    where the model saw none."""
    spans = []
    for token in doc:
        if not token.text[:1].isupper():
            continue
        if token.lower_.strip(".") not in ADDRESS_TITLES:
            continue
        end = _after_abbreviation(doc, token.i)
        first = end
        while (
            end < len(doc)
            and end - token.i <= 5
            and (is_name_word(doc[end]) or (_glued_hyphen(doc, end) and end > first))
        ):
            end += 1
        if doc[end - 1].text in _CONNECTORS:
            end -= 1
        if end - first > 1 and _ends_in_fate(doc, end):
            end -= 1  # "Grand Vizier Kara Mustafa Pasha Executed": his fate
        if end > first and token.lower_ in _PEERAGE_TITLES:
            end = _territorial_designation(doc, end)
        if end > first and doc[end - 1].lower_ not in BODY_NOUNS:
            name = strip_titles(tidy(doc[first:end].text))  # "Admiral Lord Nelson"
            if name and not (gazetteer.country_named(name) or gazetteer.country_for_demonym(name)):
                spans.append(Span(doc, token.i, end, label="PERSON", kb_id=name))
    return spans


# A peer's title is his name and a place: "Lord Howard of Effingham" (A13), "Lord Lee of
# Fareham" (P03), "The Earl Alexander of Hillsborough", "Viscount Grey of Fallodon".
_PEERAGE_TITLES = frozenset({"lord", "lady", "baron", "baroness", "viscount", "earl"})
_DESIGNATION_WORDS = 3


def _territorial_designation(doc: Doc, end: int) -> int:
    """Past "of Fareham" after a peer's name, if it follows: the place is part of the
    name, not another person or a place of its own."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or not is_name_word(doc[end + 1]):
        return end
    stop = end + 1
    while stop < len(doc) and stop - end <= _DESIGNATION_WORDS and is_name_word(doc[stop]):
        stop += 1
    if gazetteer.country_named(doc[end + 1 : stop].text):
        return end  # "Lord Raglan of England": a state is where he served, not his title
    return stop


def _after_abbreviation(doc: Doc, i: int) -> int:
    """The token after a title, past the full stop of an abbreviated one the tokenizer
    left apart ("Sig" "." "Schanzer", "Col" "." "James Bowie")."""
    nxt = i + 1
    abbreviated = doc[i].lower_ in TITLE_ABBREVIATIONS and not doc[i].whitespace_
    return nxt + 1 if abbreviated and nxt < len(doc) and doc[nxt].text == "." else nxt


_NAME_LIST_WORDS = 4  # words of one name in a list after a plural title


def _plural_titled_people(doc: Doc) -> list[Span]:
    """ "Senators Lodge and Underwood", "Delegates White and Gummeré": a title in the
    plural before a list of names makes each of them a person. The title is better
    evidence than NER's reading of a bare surname ("Underwood" a place)."""
    spans = []
    for i in _tokens_among(doc, LOWER, _PLURAL_TITLE_IDS):
        if doc[i].text[:1].isupper():
            spans += _listed_after_title(doc, i + 1)
    return spans


def _listed_after_title(doc: Doc, i: int) -> list[Span]:
    """The names of "Lodge and Underwood", "Joseph Vuillemin and Victor Bourret" after a
    plural title: two or more, each of one to four capitalised words, joined by commas
    and "and"."""
    names: list[Span] = []
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < _NAME_LIST_WORDS and is_name_word(doc[end]):
            end += 1
        if end == i:
            break
        name = strip_titles(tidy(doc[i:end].text))
        if not name or gazetteer.country_named(name) or doc[end - 1].lower_ in BODY_NOUNS:
            return []  # "Generals Staff", "Kings of France": not a list of people
        if all(t.text.isupper() and len(t.text) <= 3 for t in doc[i:end]):
            break  # "CIC": an acronym or a scanner's misreading, not a name
        names.append(Span(doc, i, end, label="PERSON", kb_id=name))
        k = end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ in {"and", "&"}:
            k += 1
        if k == end:
            break
        i = k
    return names if len(names) >= 2 else []
