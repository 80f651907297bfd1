"""Name normalisation: folding, keys for matching, transliteration-aware skeletons, slugs.

These functions decide when two surface forms may name the same thing, so they are the
heart of "one node per real thing". They are pure and deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import ADDRESS_TITLES, EVENT_QUALIFIERS, PERSON_TITLES
from .vocabulary import MEETING_WORDS

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_SPACES = re.compile(r"\s+")
# Letters NFKD cannot decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
     "Æ": "Ae", "œ": "oe", "Œ": "Oe"}
)  # fmt: skip
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def fold(text: str) -> str:
    """ASCII-fold accents, unify dashes and quotes, collapse white space; keeps case."""
    text = text.translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = text.translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip()


def strip_article(text: str) -> str:
    """Drop one leading article: "the Soviet Union" -> "Soviet Union"."""
    return _ARTICLE.sub("", text.strip())


# Footnote marks run into a name by a copied page: "Franks[5]", "Hidalgo[a", "Aybak[9]".
_FOOTNOTE = re.compile(r"\[(?:[a-z]{1,2}|\d{1,3}|citation needed|note \d+)\]?(?=\W|$)")
# Wiki markup and image file names that copied pages run into a name: "Siege of
# Constantinople.jpg|300px", "Fall of Constantinople''</ref>", "Battle of Antietam.png".
_MARKUP = re.compile(r"\||''|<|>|\{\{|\}\}|\[\[|\]\]")
_FILE_SUFFIX = re.compile(r"\.(?:jpe?g|png|svg|gif|tiff?|webp)$", re.IGNORECASE)
# An infobox's fate marks, run into a commander's name by a copied page: "Juan de
# RecaldeKIA", "Charles XIIWIA", "Carl Gustav RehnskiöldPOW" (killed, wounded, captured).
_FATE_SUFFIX = re.compile(r"(?<=[a-zà-ÿ]|I|V|X)(?:KIA|WIA|POW|MIA|DOW)$")
# A bracket a copied list opens and the name span does not close: "Union (American Civil
# War" (its list bullets, "• Quebec", go too).
_UNCLOSED_BRACKET = re.compile(r"\s*\([^)]*$")
# A note in brackets after a name: "Napoleon III (POW)", "Canterac (acting)".
_TRAILING_NOTE = re.compile(r"(?<=\S)\s+\([^()]*\)$")
# A possessive ending a name: "Henry V's", "Santa Anna's", "Nazi Germany's".
_TRAILING_POSSESSIVE = re.compile(r"['\u2019]s$")


def tidy(text: str) -> str:
    """A display form: article, footnote marks, a final possessive and trailing punctuation
    removed, spaces and dashes normal."""
    text = next((part for part in _MARKUP.split(text) if part.strip()), "")
    text = strip_article(_SPACES.sub(" ", _FOOTNOTE.sub("", text)).strip())
    text = _FATE_SUFFIX.sub("", _FILE_SUFFIX.sub("", text)).lstrip("•·▪◦‣* ")
    text = re.sub(r"\s*[-\u2013\u2014]\s*$", "", text)
    text = _UNCLOSED_BRACKET.sub("", _TRAILING_NOTE.sub("", text.strip(" ,.;:'\"[]\u2019")))
    text = text.strip(" ,.;:'\"()[]\u2019")
    return _TRAILING_POSSESSIVE.sub("", text).strip(" ,.;:")


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Case-, accent-, article- and punctuation-insensitive key: exact-name matching."""
    text = fold(strip_article(text)).lower()
    text = _POSSESSIVE.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


# Transliteration rules for names that reach English through Russian, Spanish, German or
# French spellings. Each pair rewrites a spelling to a shared form; order matters.
# Russian "х" is kh/h (Kharkov/Harkov); "ж" is zh/z; "ks"/"x" alternate
# (Aleksandr/Alexander); y/i and w/v vary across schemes. There is deliberately no j/h
# pair: it made "Jena" and "Hanau", "Johnson" and "Hansen" one name (tests/test_names.py).
_TRANSLITERATION: tuple[tuple[str, str], ...] = (
    ("zh", "z"),
    ("kh", "h"),
    ("x", "ks"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("tch", "ch"),
)
_VOWELS = re.compile(r"[aeiou]+")
_ROMAN_OR_NUMBER = re.compile(r"^(?:[ivxlc]+|\d+(?:st|nd|rd|th)?)$")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Transliteration-aware consonant skeleton, one word per token.

    "Lake Khanka" and "Lake Hanka" share "lk hnk". "J" stays apart from "h" and "kh":
    read as one letter, it made the Battle of Jena the Battle of Hanau (so the Spanish
    "Jarkov" is not Kharkov). Each word keeps its first letter so short words stay
    distinct.
    """
    words = []
    for word in match_key(text).split():
        if _ROMAN_OR_NUMBER.match(word):
            words.append(f"#{word}")  # "World War I" is not "World War II"
            continue
        word = spelled(word)
        head, tail = word[:1], _VOWELS.sub("", word[1:])
        words.append(_DOUBLES.sub(r"\1", head + tail))
    return " ".join(words)


@lru_cache(maxsize=65536)
def spelled(word: str) -> str:
    """One word's transliteration-aware spelling with its vowels: the form two short
    names must share, whose consonants alone say too little ("Khotin" and "Hattin" are
    both "htn"; "hotin" and "hatin" are not one)."""
    word = match_key(word)
    for old, new in _TRANSLITERATION:
        word = word.replace(old, new)
    return _DOUBLES.sub(r"\1", word)


def similar_spelling(a: str, b: str) -> bool:
    """True when two names differ only by transliteration or a translation slip.

    Guarded so short names do not collide: same number of words and at least four
    skeleton letters.
    """
    ka, kb = skeleton(a), skeleton(b)
    if not ka or ka != kb:
        return False
    if len(match_key(a).split()) != len(match_key(b).split()):
        return False
    return len(ka.replace(" ", "")) >= 4


def slug(text: str) -> str:
    """IRI-safe, readable identifier: "Battle of Kursk" -> "battle-of-kursk"."""
    value = _NON_WORD.sub("-", fold(text).lower()).strip("-")
    return value[:80].rstrip("-") or "unnamed"


def initials_compatible(short: str, full: str) -> bool:
    """ "A.A. Gromyko" fits "Andrei Gromyko"; "Ivan Konev" fits "I. Konev"."""
    a = match_key(short).split()
    b = match_key(full).split()
    if not a or not b or a[-1] != b[-1]:
        return False
    firsts_a, firsts_b = a[:-1], b[:-1]
    letters_a = "".join(w[0] for w in firsts_a)
    letters_b = "".join(w[0] for w in firsts_b)
    return letters_a.startswith(letters_b) or letters_b.startswith(letters_a)


# Words an event's name may add or drop and still name the same event (resolution,
# and the grouping of one document's events in extract/participation.py).
STOP_WORDS = frozenset({"of", "the", "and", "at", "on", "in"})
NUMBER_WORDS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
    "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "1st": "1", "2nd": "2",
    "one": "1", "two": "2",
}  # fmt: skip
PLURALS = {
    "battles": "battle",
    "wars": "war",
    "conflicts": "conflict",
    "landings": "landing",
    "treaties": "treaty",
}


def event_key(name: str) -> frozenset[str]:
    # The words for a meeting are one word in a key: "Camp David Meetings" is the "Camp
    # David Summit", "Locarno Negotiations" the "Locarno Conference".
    words = [
        "conference" if w in MEETING_WORDS else PLURALS.get(w, w) for w in match_key(name).split()
    ]
    return frozenset(NUMBER_WORDS.get(w, w) for w in words if w not in STOP_WORDS)


def longer_name_adds(short: frozenset[str], long: frozenset[str]) -> str:
    """How an event name (its ``event_key``) ``long`` extends a shorter one: "words" when it
    adds only words that say nothing new ("Neutrality Pact" in "Soviet-Japanese Neutrality
    Pact"), "year" when it adds one year ("the Crimean War of 1853"), "" otherwise: not
    contained, too short to tell (one word), or adding a qualifier or a number that makes
    it another event ("X Border War", "Second Battle of X")."""
    if len(short) < 2 or not short < long:
        return ""
    extra = long - short
    if not any(w in EVENT_QUALIFIERS or w.isdigit() for w in extra):
        return "words"
    if len(extra) == 1 and all(w.isdigit() and 3 <= len(w) <= 4 for w in extra):
        return "year"
    return ""


def strip_titles(text: str) -> str:
    """Drop titles before or inside a name ("Ivan Marshal Konev"), never its last word
    ("John Major" keeps his surname)."""
    words = text.split()
    if len(words) == 1:
        return "" if is_title(words[0]) else text
    # A title "of" a territory is the name ("Earl of Salisbury", "Duke of Tallard").
    kept = [w for i, w in enumerate(words[:-1]) if not is_title(w) or words[i + 1] == "of"]
    return " ".join([*kept, *words[-1:]])


def _title_parts(word: str) -> list[str]:
    return re.split(r"[-‐‑]", word.lower().strip(".,"))


def is_title(word: str) -> bool:
    """A title or rank, also hyphenated ("Vice-Admiral", "Field-Marshal",
    "Commander-in-Chief")."""
    parts = _title_parts(word)
    return all(p in PERSON_TITLES or p == "in" for p in parts) and parts[0] in PERSON_TITLES


def is_address_title(word: str) -> bool:
    """A title one addresses a person by ("General"), also hyphenated ("Field-Marshal")."""
    return is_title(word) and any(p in ADDRESS_TITLES for p in _title_parts(word))
