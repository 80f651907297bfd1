"""Built-in world knowledge about states: names, aliases, acronyms, demonyms and capitals.

The data lives in ``data/countries.tsv`` (shipped as package data), one row per state:
every current UN member and observer, a few widely recognised states outside the UN
(Taiwan, Kosovo) and widely referenced historical states. A state that changed its
regime but not its identity is one row (Nazi Germany and the German Empire are aliases
of Germany, Vichy France of France, Persia of Iran); a state that split or merged is
its own row (Soviet Union, Yugoslavia, East Germany, South Vietnam). The ``wikidata``
column holds the state's Wikidata item (Q17 for Japan) where it is known for certain,
and is empty otherwise; the graph links the state's node to it (offline: nothing is
looked up).

Matching rules:

* Names and aliases match case-insensitively, accent-insensitively ("Cote d'Ivoire"),
  ignoring dots, commas, curly quotes and the difference between hyphens, dashes and
  spaces, and ignoring a leading "the " ("the Soviet Union"). An alias that itself
  starts with "the" ("the States") needs it.
* Acronyms match case-sensitively, so the pronoun "us" is not the US, with or without
  dots or spaces ("U.S." is "US").
* Demonyms ("Japanese", "Soviets", "Mongol") must start with a capital letter, as they do
  in English; a leading "the " is allowed ("the Soviets"). They are never names:
  ``country_named("the Soviets")`` is None.
* Capitals match like names.

No name, alias or acronym belongs to two rows (the tests check this). Demonyms and
capitals may: "Korean" is claimed by Korea, North Korea and South Korea, "Moscow" by
Russia and the Soviet Union. ``countries_for_demonym`` and ``countries_for_capital``
return every claimant, best first; the single-answer functions return the first. The
order is:

1. The umbrella row: one whose name is what remains of other claimants' names after a
   compass qualifier ("North Korea", "East Germany", "South Vietnam") is dropped. The
   more claimants it covers, the better. So "Korean" is Korea, "German" and "Berlin"
   are Germany, "Vietnamese" and "Hanoi" are Vietnam, "Yemeni" is Yemen.
2. A current state before a historical one: "Russian" and "Moscow" are Russia, not the
   Russian Empire or the Soviet Union; "Belgrade" is Serbia, "Prague" the Czech
   Republic, "Vienna" Austria. A caller who knows the date can pick from the full list.
3. File order. Current states are listed alphabetically and historical ones most
   recently dissolved first, so "Congolese" is the Democratic Republic of the Congo and
   "Constantinople" the Ottoman Empire rather than the Byzantine Empire.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

COLUMNS: tuple[str, ...] = (
    "name",
    "aliases",
    "acronyms",
    "demonyms",
    "capitals",
    "historical",
    "wikidata",
)
# The Wikidata item of a state (``Q15180``), or empty: only items known for certain are
# listed, so that a link out is never a guess.
_QID = re.compile(r"^Q[1-9][0-9]*$")

# Qualifiers that split a state into parts whose umbrella is the bare name ("North Korea").
_COMPASS: tuple[str, ...] = ("north ", "south ", "east ", "west ")

# Letters that Unicode decomposition leaves alone, and punctuation variants.
_FOLD = str.maketrans(
    {
        "Đ": "D",
        "đ": "d",
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "ʻ": "'",
        "`": "'",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "‒": " ",
        "–": " ",
        "—": " ",
        "―": " ",
        ".": "",
        ",": "",
    }
)


@dataclass(frozen=True, slots=True)
class Country:
    """One state, as listed in ``data/countries.tsv``."""

    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    historical: bool
    wikidata: str | None = None  # the Wikidata item, e.g. "Q17" for Japan


def _fold(text: str) -> str:
    """Accents, punctuation variants, dots and commas removed; case and spacing kept."""
    folded = text.translate(_FOLD)
    if folded.isascii():
        return folded  # the usual case: NFKD leaves ASCII as it is, with no marks to drop
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """The lookup key of a name, alias, demonym or capital: folded, lower case, one space."""
    return " ".join(_fold(text).casefold().split())


def acronym_key(text: str) -> str:
    """The lookup key of an acronym: folded, case kept, no spaces ("U. S." -> "US")."""
    return "".join(_fold(text).split())


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _parse(text: str) -> tuple[Country, ...]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise ValueError("countries.tsv: header must be " + "\t".join(COLUMNS))
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise ValueError(
                f"countries.tsv line {number}: {len(fields)} fields, not {len(COLUMNS)}"
            )
        name, aliases, acronyms, demonyms, capitals, historical, wikidata = (
            f.strip() for f in fields
        )
        if not name:
            raise ValueError(f"countries.tsv line {number}: empty name")
        if historical not in ("yes", "no"):
            raise ValueError(f"countries.tsv line {number}: historical must be yes or no")
        if wikidata and not _QID.match(wikidata):
            raise ValueError(f"countries.tsv line {number}: {wikidata!r} is not a Wikidata item")
        rows.append(
            Country(
                name=name,
                aliases=_split(aliases),
                acronyms=_split(acronyms),
                demonyms=_split(demonyms),
                capitals=_split(capitals),
                historical=historical == "yes",
                wikidata=wikidata or None,
            )
        )
    return tuple(rows)


@cache
def countries() -> tuple[Country, ...]:
    """Every row of ``data/countries.tsv``, in file order."""
    resource = files("extract") / "data" / "countries.tsv"
    return _parse(resource.read_text(encoding="utf-8"))


def _first_claims(pairs: Iterable[tuple[str, Country]]) -> dict[str, Country]:
    index: dict[str, Country] = {}
    for key, country in pairs:
        if key:
            index.setdefault(key, country)
    return index


@cache
def _names() -> dict[str, Country]:
    return _first_claims((name_key(n), c) for c in countries() for n in (c.name, *c.aliases))


@cache
def _acronyms() -> dict[str, Country]:
    return _first_claims((acronym_key(a), c) for c in countries() for a in c.acronyms)


def _umbrella_score(country: Country, claimants: list[Country]) -> int:
    """How many other claimants are compass-qualified parts of ``country``."""
    own = name_key(country.name)
    score = 0
    for other in claimants:
        key = name_key(other.name)
        for qualifier in _COMPASS:
            if key.startswith(qualifier) and key[len(qualifier) :] == own:
                score += 1
    return score


def _ranked(field: str) -> dict[str, tuple[Country, ...]]:
    """Key -> every row claiming it under ``field``, best first (see module docstring)."""
    claims: dict[str, list[Country]] = {}
    for country in countries():
        for value in getattr(country, field):
            key = name_key(value)
            if key and country not in claims.setdefault(key, []):
                claims[key].append(country)
    order = {country.name: i for i, country in enumerate(countries())}
    return {
        key: tuple(
            sorted(
                claimants,
                key=lambda c: (-_umbrella_score(c, claimants), c.historical, order[c.name]),
            )
        )
        for key, claimants in claims.items()
    }


@cache
def _demonyms() -> dict[str, tuple[Country, ...]]:
    return _ranked("demonyms")


@cache
def _capitals() -> dict[str, tuple[Country, ...]]:
    return _ranked("capitals")


def _without_article(text: str) -> str | None:
    """``text`` without a leading "the ", or None if it has none."""
    stripped = text.strip()
    if stripped[:4].casefold() == "the " and stripped[4:].strip():
        return stripped[4:].strip()
    return None


# The lookups below are pure functions of their text over tables loaded once, and the
# spaCy components ask them about every capitalised word run of every block (the same few
# thousand strings over and over): folding a string costs far more than a cache hit.
_LOOKUP_CACHE = 65536


@lru_cache(maxsize=_LOOKUP_CACHE)
def country_named(name: str) -> Country | None:
    """The state called ``name`` (its name, an alias or an acronym), or None."""
    for text in (name, _without_article(name)):
        if not text:
            continue
        country = _names().get(name_key(text)) or _acronyms().get(acronym_key(text))
        if country is not None:
            return country
    return None


def is_country_name(name: str) -> bool:
    """Whether ``name`` names a state (see ``country_named``)."""
    return country_named(name) is not None


@lru_cache(maxsize=_LOOKUP_CACHE)
def countries_for_demonym(word: str) -> tuple[Country, ...]:
    """Every state ``word`` is a demonym of, best first; empty unless it is capitalised."""
    text = _without_article(word) or word.strip()
    if not text[:1].isupper():
        return ()
    return _demonyms().get(name_key(text), ())


def country_for_demonym(word: str) -> Country | None:
    """The state of a demonym ("Japanese" -> Japan, "the Soviets" -> Soviet Union)."""
    found = countries_for_demonym(word)
    return found[0] if found else None


def countries_for_capital(city: str) -> tuple[Country, ...]:
    """Every state ``city`` is (or was) the capital of, best first."""
    for text in (city, _without_article(city)):
        if text:
            found = _capitals().get(name_key(text))
            if found:
                return found
    return ()


def country_for_capital(city: str) -> Country | None:
    """The state whose capital ``city`` is ("Tokyo" -> Japan), or None."""
    found = countries_for_capital(city)
    return found[0] if found else None
