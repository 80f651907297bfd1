"""Find date expressions in English text and normalise them to ISO 8601.

The texts are history articles, often machine-translated, so the module reads dates the
way they are written there ("On April 13, 1941", "between 2 and 9 August", "the end of
March 1945", "(1937-1945)") and keeps exactly the precision the text gives: "1939",
"1939-08" or "1939-08-20". A year the text leaves out ("On August 27") stays ``None``;
the caller knows the context and fills it in with :func:`fill_year`.

Everything is plain regular expressions, in three steps:

1. **Atoms.** Each pattern in ``_ATOM_READERS`` recognises one surface form of a single
   date ("April 13, 1941", "13 April", "August 1945", "1945-08-09", "mid-August",
   "summer of 1945", a bare year, ...). Two *partial* atoms, a lone day number ("9") and
   "day, year" ("20, 1945"), exist only so that ranges and lists such as "between 2 and 9
   August" or "August 9-20, 1945" can borrow the month from their partner; they are never
   reported on their own.
2. **Combinations.** Two atoms joined by a range link ("from X to Y", "between X and Y",
   "X-Y" with any dash) become one mention with a begin and an end; the side that lacks a
   year (or a month) borrows it from the other. "August 16 and 17" becomes two mentions.
3. **Selection.** All candidates compete: the longest wins, shorter overlapping ones are
   dropped, and the survivors come back in text order. A calendar-invalid date ("30
   February 1941") still claims its span, so no shorter reading ("February 1941") of the
   same words is reported.

Four-digit numbers are the main source of false dates in military history ("1500 men",
"from 1200 to 1500 tanks"), so a bare year is reported only when it is 1000-2100, stands
alone (not in "105,800" or "1939.5"), is not followed by a count noun or unit, and is cued
by a preceding word such as "in", "since", "(" or the start of a sentence. Inside a dash
range ("the 1932-1934 clashes") or after a qualifier ("late 1937") no cue is needed.

Spans never include a leading article ("The April 5, 1945" gives "April 5, 1945"), but do
include a range's "from"/"between" and a qualifier such as "end of" or "summer of".
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from .lexicon import CARDINAL_NUMBERS, ORDINAL_NUMBERS

__all__ = [
    "DateMention",
    "DateValue",
    "Precision",
    "fill_year",
    "find_dates",
    "iso_precision",
    "parse_date",
]

Precision = Literal["year", "month", "day"]

# Years outside this window are read as ordinary numbers.
MIN_YEAR = 1000
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar date at year, month or day precision; ``year`` is None when unknown.

    Construction validates the fields: a day needs a month and must exist in that month
    (29 February is accepted while the year is unknown), and at least the year or the
    month must be given.
    """

    year: int | None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")
        # Negative years are BC (-480 is 480 BC: historians' numbering, no year zero).
        if self.year is not None and not (1 <= abs(self.year) <= 9999):
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            # 2000 is a leap year, so an unknown year does not rule out 29 February.
            known = self.year is not None and self.year > 0
            last = calendar.monthrange(self.year if known else 2000, self.month)[1]  # type: ignore[arg-type]
            if not 1 <= self.day <= last:
                raise ValueError(f"no day {self.day} in month {self.month} of {self.year}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 at this date's precision: "1939", "1939-08" or "1939-08-20"."""
        if self.year is None:
            raise ValueError("the year is unknown; fill it in first (see fill_year)")
        # ISO 8601 expanded form for BC: "-0480" (the sign, then four digits).
        parts = [f"-{-self.year:04d}" if self.year < 0 else f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def with_year(self, year: int) -> DateValue:
        """This date in ``year`` (raises ValueError for 29 February in a common year)."""
        return replace(self, year=year)

    def contains(self, other: DateValue) -> bool:
        """True if ``other`` lies within this date: 1939 contains 1939-08 and 1939-08-20.

        The years must be equal (two unknown years count as equal); every finer field this
        date sets must match.
        """
        if self.year != other.year:
            return False
        if self.month is None:
            return True
        if self.month != other.month:
            return False
        return self.day is None or self.day == other.day


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text, with its character offsets into that text.

    ``end_value`` is set for ranges ("from August 9 to September 3, 1945"); for a single
    date it is None.
    """

    start: int
    end: int
    text: str
    begin: DateValue
    end_value: DateValue | None = None


# --------------------------------------------------------------------------------------
# Regular-expression building blocks
# --------------------------------------------------------------------------------------

# Month names in full or abbreviated ("Aug", "Sept."); full names first so "june" is not
# read as "jun" + "e". The \b stops "mar" matching in "marines".
_MONTH = (
    r"(?P<month>(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)"
)
# A day of the month, optionally ordinal ("13th"), that is not a piece of a longer number
# ("105,800"), a decimal ("9.5") or a clock time ("9:30").
_DAY = r"(?<!\d)(?<!\d[.,])(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![.,:]\d)"
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar.
_DASH = "[-‐‑‒–—―]"
# Between a day or month and the year: "April 13, 1941", "April 13 1941", "August, 1945".
_BEFORE_YEAR = r"(?:\s*,\s*|\s+)"


def _year(name: str = "year") -> str:
    """Four digits that are not the start of a longer number, a decimal or a decade."""
    return rf"(?P<{name}>\d{{4}})(?!\w)(?![.,]\d)"


# Qualifiers narrow a month or year without changing its precision ("mid-August").
_QUALIFIER = (
    r"(?P<qual>early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of"
    r"|(?:first|second)\s+half\s+of)"
)
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"

_FLAGS = re.IGNORECASE

# "April 13, 1941", "April 13th 1941".
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}{_BEFORE_YEAR}{_year()}", _FLAGS)
# "13 April 1941", "13th of April, 1941".
_DMY = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}{_BEFORE_YEAR}{_year()}", _FLAGS)
# "August 1945", "August of 1945".
_MY = re.compile(rf"\b{_MONTH}{_BEFORE_YEAR}(?:of\s+)?{_year()}", _FLAGS)
# "August 27", "August 27th" (year unknown).
_MD = re.compile(rf"\b{_MONTH}\s+{_DAY}", _FLAGS)
# "27 August", "27th of August" (year unknown).
_DM = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}", _FLAGS)
# "1945-08-09"; the look-arounds keep it out of longer hyphenated codes.
_ISO_DAY = re.compile(
    r"(?<![\w.,-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])(?![.,]\d)"
)
# "1945-08" (an ISO month) or "1941-45" (a year range); told apart by the two digits.
_YEAR_DASH_TWO = re.compile(
    rf"(?<![\w.,-])(?P<year>\d{{4}}){_DASH}(?P<two>\d{{2}})(?![\w-])(?![.,]\d)"
)
# "mid-August", "early September 1945", "late 1937", "end of March 1945", "summer of
# 1945", "late summer 1945". The look-ahead lets the scan skip positions that cannot
# start a qualifier; whether a qualifier or season was really matched is checked in code.
_QUALIFIED = re.compile(
    r"\b(?=early|late|mid|middle|end|beginning|start|first|second|spring|summer|autumn|fall"
    r"|winter)"
    rf"(?:{_QUALIFIER}(?:\s*-\s*|\s+)(?:the\s+)?)?"
    rf"(?:{_SEASON}\s+(?:of\s+)?)?"
    rf"(?:{_MONTH}(?:{_BEFORE_YEAR}(?:of\s+)?{_year()})?|{_year('year2')})",
    _FLAGS,
)
# A month on its own ("In August"); reported only after a cue word, see _MONTH_CUE.
_MONTH_ALONE = re.compile(rf"\b{_MONTH}", _FLAGS)
# A bare year; not after a currency sign or "#", not inside "105,1939".
_BARE_YEAR = re.compile(rf"(?<![\w$£€#])(?<!\d[.,]){_year()}", _FLAGS)
# Partial atoms: "9" in "between 2 and 9 August", "20, 1945" in "August 9-20, 1945".
_LONE_DAY = re.compile(_DAY, _FLAGS)
_DAY_YEAR = re.compile(rf"{_DAY}{_BEFORE_YEAR}{_year()}", _FLAGS)

# Words after a number that make it a count or a measure, not a date: "1500 men",
# "27 tanks", "1200 km", "45%", "a 1500-strong force", "1000 BC".
_COUNT_NOUNS = (
    "men|man|soldiers|troops|tanks|guns|aircraft|planes|airplanes|ships|vessels|boats"
    "|submarines|people|persons|civilians|prisoners|dead|killed|wounded|casualties|victims"
    "|divisions|brigades|regiments|battalions|companies|units|trains|wagons|vehicles"
    "|trucks|cars|horses|rifles|machine|mortars|artillery|pieces|shells|bombs|sorties"
    "|officers|sailors|pilots|fighters|bombers|infantrymen|workers|inhabitants|residents"
    "|km|kilometers|kilometres|miles|meters|metres|m|mm|cm|kg|tons|tonnes|hectares|ha"
    "|feet|ft|yards|sq|square|rubles|roubles|yen|dollars|pounds"
    "|days|hours|minutes|weeks|months|years|percent|per\\s*cent"
)
_UNIT_AFTER = re.compile(
    rf"\s*(?:%|-\s*(?:strong|man|men)\b|(?:{_COUNT_NOUNS})\b|b\.?c\.?e?(?!\w))", _FLAGS
)

# A second number after a link, as in "from 1200 to 1500 tanks" or "1200-1500 men": if
# that number is a count, so is the first.
_NUMBER_AFTER_LINK = re.compile(
    rf"(?:\s*{_DASH}\s*|\s+(?:to|or|and|until)\s+)\d+(?:[.,]\d+)*", _FLAGS
)

# Words just before a four-digit number that make it a year: "in 1939", "since 1934",
# "the year 1945", "(1860)", "circa 1500".
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|between|and|through|before|after|during"
    r"|years?|circa)\s+|\b(?:c|ca)\.\s*|[(\[]\s*)$",
    _FLAGS,
)
# Words just before a month name that make it a date: "In August", "until March".
_MONTH_CUE = re.compile(
    r"\b(?:in|during|since|until|till|by|from|before|after|through|between|and|to|of)\s+$",
    _FLAGS,
)
# Characters skipped when looking back for the start of a sentence.
_OPENERS = "\"'“”‘’«»(["

# What joins the two sides of a range: any dash, or a word ("to", "and", ...). American
# style sets a full date's year off with commas: "from November 12, 1921, to February 6,
# 1922" (P03), "from July 28, 1914, to November 11, 1918".
_RANGE_LINK = re.compile(
    rf"\s*{_DASH}\s*|(?:,\s*(?=to\b|until\b|till\b|through\b)|\s+)"
    rf"(?P<word>to|until|till|through|and)\s+(?:the\s+)?",
    _FLAGS,
)
# "from" pairs with "to"/"until"/..., "between" with "and".
_RANGE_OPENER = re.compile(r"\b(?P<opener>from|between)\s+(?:the\s+)?$", _FLAGS)
# "August 16 and 17": two dates sharing a month.
_LIST_LINK = re.compile(r"\s+(?:and|&)\s+", _FLAGS)

# A month name just before a day number, so the day is not a lone one.
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$", _FLAGS)
# A match that ends in a number may be a count ("August 27 soldiers"); see _UNIT_AFTER.
_NUMBER_AT_END = re.compile(r"\d(?:st|nd|rd|th)?$", _FLAGS)

# Month words that are also common English words; lower-case, they count as a month
# only next to a year ("may 1945"), never in "they may 2" or "to march 20 miles".
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar"})

_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}


# --------------------------------------------------------------------------------------
# Step 1: atoms
# --------------------------------------------------------------------------------------

_Kind = Literal["date", "month", "year", "day", "day_year"]
# Partial atoms only ever appear as one side of a range or list.
_PARTIAL: frozenset[str] = frozenset({"day", "day_year"})


@dataclass(frozen=True, slots=True)
class _Atom:
    """One date-like piece of text, with the fields it gives."""

    start: int
    end: int
    kind: _Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    # False for partial atoms and for bare years and months without a cue: those may
    # still take part in a range, but are not reported alone.
    standalone: bool = True

    def value(self) -> DateValue:
        return DateValue(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A span the selection step may keep; a blocker has no mentions."""

    start: int
    end: int
    mentions: tuple[DateMention, ...]


def _month_number(name: str) -> int:
    if name.isdigit():
        return int(name)
    # "Sept." and "september" share their first three letters with "Sep".
    return _MONTH_NUMBERS[name.rstrip(".").lower()[:3]]


def _is_ambiguous_lowercase(month: str) -> bool:
    return month.rstrip(".") in _AMBIGUOUS_MONTHS


def _plausible_year(digits: str) -> int | None:
    year = int(digits)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _unit_follows(text: str, end: int) -> bool:
    return _UNIT_AFTER.match(text, end) is not None


def _count_range_follows(text: str, end: int) -> bool:
    """True after "1200" in "1200 to 1500 tanks": the pair is a range of counts."""
    second = _NUMBER_AFTER_LINK.match(text, end)
    return second is not None and _unit_follows(text, second.end())


def _at_sentence_start(text: str, start: int) -> bool:
    """True at the start of the text, a line, or a sentence (quotes and brackets skipped)."""
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        if text[i - 1] == "\n":
            return True
        i -= 1
    return i == 0 or text[i - 1] in ".!?:;"


def _has_year_cue(text: str, start: int) -> bool:
    if _at_sentence_start(text, start):
        return True
    return _YEAR_CUE.search(text, max(0, start - 30), start) is not None


def _ends_in_number(match: re.Match[str]) -> bool:
    """True for "August 27" and "August 27th", not for "27 August"."""
    return _NUMBER_AT_END.search(match.group()) is not None


def _read_date(text: str, match: re.Match[str]) -> _Atom | None:
    """A complete single date: MDY, DMY, MY, MD, DM or ISO."""
    groups = match.groupdict()
    year = None
    if groups.get("year") is not None:
        year = _plausible_year(groups["year"])
        if year is None:
            return None
    month_text = groups["month"]
    if year is None and _is_ambiguous_lowercase(month_text):
        return None
    if _ends_in_number(match) and _unit_follows(text, match.end()):
        return None
    day = int(groups["day"]) if groups.get("day") is not None else None
    month = _month_number(month_text)
    return _Atom(match.start(), match.end(), "date", year, month, day)


def _read_iso_month(text: str, match: re.Match[str]) -> _Atom | None:
    """ "1945-08"; "1941-45" is a year range and is read by _abbreviated_year_ranges."""
    year = _plausible_year(match["year"])
    two = int(match["two"])
    if year is None or two > year % 100 or _unit_follows(text, match.end()):
        return None
    return _Atom(match.start(), match.end(), "date", year, two)


def _read_qualified(text: str, match: re.Match[str]) -> _Atom | None:
    """ "mid-August", "late 1937", "the end of March 1945", "summer of 1945"."""
    qualifier, season, month_text = match["qual"], match["season"], match["month"]
    digits = match["year"] or match["year2"]
    if qualifier is None and season is None:
        return None
    if season is not None and (month_text is not None or digits is None):
        return None  # "summer of August" is not a date; "summer" alone has no year
    year = _plausible_year(digits) if digits is not None else None
    if digits is not None and year is None:
        return None
    if month_text is not None and year is None and _is_ambiguous_lowercase(month_text):
        return None
    if year is not None and _unit_follows(text, match.end()):
        return None
    month = _month_number(month_text) if month_text is not None else None
    return _Atom(match.start(), match.end(), "date", year, month)


def _read_month_alone(text: str, match: re.Match[str]) -> _Atom | None:
    if _is_ambiguous_lowercase(match["month"]):
        return None
    cued = _MONTH_CUE.search(text, max(0, match.start() - 20), match.start()) is not None
    month = _month_number(match["month"])
    return _Atom(match.start(), match.end(), "month", month=month, standalone=cued)


def _read_bare_year(text: str, match: re.Match[str]) -> _Atom | None:
    year = _plausible_year(match["year"])
    if year is None or _unit_follows(text, match.end()):
        return None
    if _count_range_follows(text, match.end()):
        return None
    # "the 1930's" is a decade, not a year.
    if year % 10 == 0 and text.startswith(("'s", "’s"), match.end()):
        return None
    cued = _has_year_cue(text, match.start())
    return _Atom(match.start(), match.end(), "year", year, standalone=cued)


def _after_month(text: str, start: int) -> bool:
    """True for the "16" of "August 16": that day already belongs to a month."""
    return _MONTH_BEFORE.search(text, max(0, start - 16), start) is not None


def _read_lone_day(text: str, match: re.Match[str]) -> _Atom | None:
    day = int(match["day"])
    if not 1 <= day <= 31 or _unit_follows(text, match.end()):
        return None
    if _after_month(text, match.start()):
        return None
    return _Atom(match.start(), match.end(), "day", day=day, standalone=False)


def _read_day_year(text: str, match: re.Match[str]) -> _Atom | None:
    day, year = int(match["day"]), _plausible_year(match["year"])
    if not 1 <= day <= 31 or year is None or _unit_follows(text, match.end()):
        return None
    if _after_month(text, match.start()):
        return None
    return _Atom(match.start(), match.end(), "day_year", year, day=day, standalone=False)


_Reader = Callable[[str, re.Match[str]], _Atom | None]

# What a pattern cannot match without: a digit, a month name (as _MONTH_ALONE finds it:
# every pattern with a month has a word boundary before it), both, or either. Most
# sentences have no digit and few name a month, and scanning every sentence with every
# pattern was most of the time spent reading dates: patterns that cannot match a text are
# not run on it, which finds exactly the same atoms.
_Needs = Literal["digit", "month", "digit and month", "digit or month"]
_DIGIT = re.compile(r"\d")

_ATOM_READERS: tuple[tuple[re.Pattern[str], _Reader, _Needs], ...] = (
    (_ISO_DAY, _read_date, "digit"),
    (_YEAR_DASH_TWO, _read_iso_month, "digit"),
    (_MDY, _read_date, "digit and month"),
    (_DMY, _read_date, "digit and month"),
    (_MY, _read_date, "digit and month"),
    (_MD, _read_date, "digit and month"),
    (_DM, _read_date, "digit and month"),
    (_QUALIFIED, _read_qualified, "digit or month"),
    (_MONTH_ALONE, _read_month_alone, "month"),
    (_BARE_YEAR, _read_bare_year, "digit"),
    (_LONE_DAY, _read_lone_day, "digit"),
    (_DAY_YEAR, _read_day_year, "digit"),
)


def _may_match(needs: _Needs, digit: bool, month: bool) -> bool:
    """Whether a pattern that ``needs`` this may match a text with or without a digit and
    a month name."""
    if needs == "digit":
        return digit
    if needs == "month":
        return month
    if needs == "digit and month":
        return digit and month
    return digit or month


def _read_atoms(text: str, *, digit: bool) -> tuple[list[_Atom], list[_Candidate]]:
    """All atoms in the text, plus blockers for calendar-invalid dates. ``digit`` says
    whether the text has a digit."""
    atoms: list[_Atom] = []
    blockers: list[_Candidate] = []
    month = _MONTH_ALONE.search(text) is not None
    for pattern, reader, needs in _ATOM_READERS:
        if not _may_match(needs, digit, month):
            continue
        for match in pattern.finditer(text):
            atom = reader(text, match)
            if atom is None:
                continue
            if atom.kind in _PARTIAL:
                atoms.append(atom)
                continue
            try:
                atom.value()
            except ValueError:
                # "30 February 1941": claim the span so "February 1941" is not read from it.
                blockers.append(_Candidate(atom.start, atom.end, ()))
                continue
            atoms.append(atom)
    return atoms, blockers


# --------------------------------------------------------------------------------------
# Step 2: ranges and lists
# --------------------------------------------------------------------------------------


def _order_key(year: int | None, month: int | None, day: int | None) -> tuple[int, int, int]:
    return (year or 0, month or 0, day or 0)


def _combine(a: _Atom, b: _Atom) -> tuple[DateValue, DateValue] | None:
    """Begin and end of the range "a - b", sharing missing fields; None if it is not one."""
    if a.kind == "day_year":
        return None
    if a.kind == "day":
        assert a.day is not None
        # "between 2 and 9 August 1938": the lone day takes b's month and year.
        if b.kind != "date" or b.month is None or b.day is None or a.day > b.day:
            return None
        return _values((b.year, b.month, a.day), (b.year, b.month, b.day))
    if b.kind in _PARTIAL:
        # "August 9-20, 1945": a is a month and day without a year; b gives a day (and year).
        if a.kind != "date" or a.month is None or a.day is None or a.year is not None:
            return None
        if b.day is None or b.day < a.day:
            return None
        return _values((b.year, a.month, a.day), (b.year, a.month, b.day))
    begin_year, end_year = a.year, b.year
    borrowed: Literal["begin", "end", None] = None
    if begin_year is None and end_year is not None:
        begin_year, borrowed = end_year, "begin"
    elif end_year is None and begin_year is not None:
        end_year, borrowed = begin_year, "end"
    if (
        begin_year is not None
        and end_year is not None
        and _order_key(begin_year, a.month, a.day) > _order_key(end_year, b.month, b.day)
    ):
        # "from December to March 1936" began the year before; otherwise not a range.
        if borrowed == "begin":
            begin_year -= 1
        elif borrowed == "end":
            end_year += 1
        else:
            return None
    return _values((begin_year, a.month, a.day), (end_year, b.month, b.day))


_Fields = tuple[int | None, int | None, int | None]


def _values(begin: _Fields, end: _Fields) -> tuple[DateValue, DateValue] | None:
    try:
        return DateValue(*begin), DateValue(*end)
    except ValueError:
        return None


def _ranges_from(text: str, a: _Atom, by_start: dict[int, list[_Atom]]) -> Iterator[_Candidate]:
    link = _RANGE_LINK.match(text, a.end)
    if link is None:
        return
    word = (link["word"] or "").lower()
    opener_match = _RANGE_OPENER.search(text, max(0, a.start - 20), a.start)
    opener = opener_match["opener"].lower() if opener_match else None
    if word == "and" and opener != "between":
        return  # "2 and 9" is a list or a count, not a range
    start = a.start
    if word and opener == ("between" if word == "and" else "from") and opener_match:
        start = opener_match.start()
    for b in by_start.get(link.end(), ()):
        # "12 to 15 trains" is a count; "to" needs "from" or a month on either side.
        if word and word != "and" and opener != "from" and a.month is None and b.month is None:
            continue
        values = _combine(a, b)
        if values is not None:
            mention = DateMention(start, b.end, text[start : b.end], *values)
            yield _Candidate(start, b.end, (mention,))


def _lists_from(text: str, a: _Atom, by_start: dict[int, list[_Atom]]) -> Iterator[_Candidate]:
    """ "August 16 and 17" and "16 and 17 August": two days sharing a month."""
    link = _LIST_LINK.match(text, a.end)
    if link is None:
        return
    at_b = by_start.get(link.end(), [])
    for b in at_b:
        if b.kind in _PARTIAL and any(o.kind == "date" and o.end > b.end for o in at_b):
            continue  # "August 16 and 17 September": 17 has a month of its own
        if a.kind == "date" and a.year is None and a.day is not None and b.kind in _PARTIAL:
            fields: tuple[_Fields, _Fields] = ((b.year, a.month, a.day), (b.year, a.month, b.day))
        elif a.kind == "day" and b.kind == "date" and b.day is not None:
            fields = ((b.year, b.month, a.day), (b.year, b.month, b.day))
        else:
            continue
        values = _values(*fields)
        if values is None:
            continue
        first = DateMention(a.start, a.end, text[a.start : a.end], values[0])
        second = DateMention(b.start, b.end, text[b.start : b.end], values[1])
        yield _Candidate(a.start, b.end, (first, second))


def _abbreviated_year_ranges(text: str) -> Iterator[_Candidate]:
    """ "1941-45": the end year shares the century of the begin year."""
    for match in _YEAR_DASH_TWO.finditer(text):
        year = _plausible_year(match["year"])
        two = int(match["two"])
        if year is None or two <= year % 100 or _unit_follows(text, match.end()):
            continue
        begin, end = DateValue(year), DateValue(year - year % 100 + two)
        mention = DateMention(match.start(), match.end(), match.group(), begin, end)
        yield _Candidate(match.start(), match.end(), (mention,))


# Years with an era: "480 BC", "31 B.C.", "338 BCE", "AD 732", "732 AD", "A.D. 1066", with
# an optional day and month before them ("2 September 31 BC", "May of 1274 BC"). Any
# number of digits: the era marks a year, so the 1000-2100 window of bare years does not
# apply.
_ERA_MARK = r"B\.?\s?C\.?(?:E\.?)?|A\.?\s?D\.?|C\.?E\.?"
_ERA_AFTER = re.compile(
    rf"(?:(?:{_DAY}\s+(?:of\s+)?)?{_MONTH}\s+(?:of\s+)?|\b)"
    rf"(?P<year>\d{{1,4}})\s*(?-i:(?P<era>{_ERA_MARK}))(?![\w])",
    _FLAGS,
)
# What every match of _ERA_AFTER holds: the last digit of the year, then the era. Far
# cheaper to look for, since its scan only starts at digits: _ERA_AFTER runs only on the
# few texts that have it.
_YEAR_THEN_ERA = re.compile(rf"\d\s*(?:{_ERA_MARK})")
_ERA_BEFORE = re.compile(r"\b(?P<era>A\.?\s?D\.?)\s*(?P<year>\d{1,4})\b(?![.,]\d)")


# Two years sharing one era: a range ("339–338 BC", "220–280 AD", "320 - 185 BC") or a
# year split across two calendar years ("208/9 AD": the winter of 208 to 209). The second
# year may drop the first's leading digits ("480–79 BC"). Read whole, so the era's year
# alone ("9 AD") is not taken for the date.
_ERA_RANGE = re.compile(
    rf"(?<![\w.,/-])(?P<year>\d{{1,4}})\s*(?P<sep>{_DASH}|/)\s*(?P<two>\d{{1,4}})"
    rf"\s*(?-i:(?P<era>{_ERA_MARK}))(?![\w])"
)


def _era_ranges(text: str) -> Iterator[_Candidate]:
    for match in _ERA_RANGE.finditer(text):
        first, digits = int(match["year"]), match["two"]
        if len(digits) < len(match["year"]):
            digits = match["year"][: -len(digits)] + digits
        second = int(digits)
        bc = match["era"].upper().startswith("B")
        if first == 0 or not (second > first if not bc else second < first):
            continue  # a range runs forward in time; anything else is not one
        begin, end = (
            (DateValue(-first), DateValue(-second)) if bc else (DateValue(first), DateValue(second))
        )
        if match["sep"] == "/":
            mention = DateMention(match.start(), match.end(), match.group(), begin)
        else:
            mention = DateMention(match.start(), match.end(), match.group(), begin, end)
        yield _Candidate(match.start(), match.end(), (mention,))


def _era_dates(text: str) -> Iterator[_Candidate]:
    marked = _YEAR_THEN_ERA.search(text) is not None
    if marked:
        yield from _era_ranges(text)
    patterns = (_ERA_AFTER, _ERA_BEFORE) if marked else (_ERA_BEFORE,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            year = int(match["year"])
            if year == 0:
                continue
            era = match["era"].upper().replace(".", "").replace(" ", "")
            if era.startswith("BC"):
                year = -year
            groups = match.groupdict()
            month = _month_number(groups["month"]) if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            try:
                value = DateValue(year, month, day)
            except ValueError:
                continue
            mention = DateMention(match.start(), match.end(), match.group(), value)
            yield _Candidate(match.start(), match.end(), (mention,))


# Years before 1000 without an era are read only where the form leaves no doubt: a full
# date ("10 October 732", "July 2, 626") or "in" and the year closing a clause ("in 721,",
# "In 642,"). Elsewhere a three-digit number is a count ("a population of 808,").
_EARLY_YEAR = r"\s*,?\s+(?P<year>[1-9]\d{2})(?![\w.,]\d|\w)"
_EARLY_DMY = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}{_EARLY_YEAR}", _FLAGS)
_EARLY_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}{_EARLY_YEAR}", _FLAGS)
_EARLY_YEAR_IN = re.compile(r"\b(?i:in)\s+(?P<year>[1-9]\d{2})(?=\s*(?:[,.;)]|$))")


def _early_dates(text: str) -> Iterator[_Candidate]:
    patterns = (_EARLY_DMY, _EARLY_MDY, _EARLY_YEAR_IN)
    for match in (m for pattern in patterns for m in pattern.finditer(text)):
        if _unit_follows(text, match.end()) or _YEAR_THEN_ERA.match(text, match.end("year") - 1):
            continue  # "in 480 BC" is the era's to read
        groups = match.groupdict()
        month = _month_number(groups["month"]) if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        try:
            value = DateValue(int(match["year"]), month, day)
        except ValueError:
            continue
        start = match.start("year") if month is None else match.start()
        mention = DateMention(start, match.end(), text[start : match.end()], value)
        yield _Candidate(start, match.end(), (mention,))


# A date in both calendars, as encyclopedias write Julian-calendar countries' dates: the
# New Style date, the Old Style one in brackets, then the year they share: "26 December
# [O.S. 14 December] 1825", "18 December [O.S. 6 December] 1878", "15 December (O.S. 3
# December) 1859". Read whole as the New Style date; in pieces the year was lost.
_OLD_STYLE = r"\s*[\[(]\s*O\.\s?S\.?\s*(?:[^\])\n]{1,30})?[\])]\s*,?\s*"
_DUAL_DMY = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}{_OLD_STYLE}{_year()}", _FLAGS)
_DUAL_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}{_OLD_STYLE}{_year()}", _FLAGS)


def _dual_calendar_dates(text: str) -> Iterator[_Candidate]:
    for match in (m for pattern in (_DUAL_DMY, _DUAL_MDY) for m in pattern.finditer(text)):
        try:
            value = DateValue(int(match["year"]), _month_number(match["month"]), int(match["day"]))
        except ValueError:
            continue
        mention = DateMention(match.start(), match.end(), match.group(), value)
        yield _Candidate(match.start(), match.end(), (mention,))


def _candidates(text: str) -> Iterator[_Candidate]:
    digit = _DIGIT.search(text) is not None
    atoms, blockers = _read_atoms(text, digit=digit)
    by_start: dict[int, list[_Atom]] = {}
    for atom in atoms:
        by_start.setdefault(atom.start, []).append(atom)
    for atom in atoms:
        if atom.standalone:
            mention = DateMention(atom.start, atom.end, text[atom.start : atom.end], atom.value())
            yield _Candidate(atom.start, atom.end, (mention,))
        yield from _ranges_from(text, atom, by_start)
        yield from _lists_from(text, atom, by_start)
    yield from blockers
    if digit:  # both need one (see _ATOM_READERS)
        yield from _abbreviated_year_ranges(text)
        yield from _era_dates(text)
        yield from _early_dates(text)
        if "O.S" in text or "O. S" in text:
            yield from _dual_calendar_dates(text)


# --------------------------------------------------------------------------------------
# Step 3: selection, and the public functions
# --------------------------------------------------------------------------------------


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then leftmost; drop anything overlapping a span already kept."""
    starts: list[int] = []  # kept spans, sorted; they never overlap
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_right(starts, cand.start)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        if i < len(kept) and kept[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        kept.insert(i, cand)
    return kept


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, in text order, never overlapping."""
    return [mention for cand in _select(list(_candidates(text))) for mention in cand.mentions]


def parse_date(text: str) -> DateMention | None:
    """Read one date expression, such as a spaCy DATE entity's text.

    Returns the longest date found (the first, if several are as long), with offsets into
    ``text``, or None if there is none ("the 1930s", "11 days").
    """
    mentions = find_dates(text)
    if not mentions:
        return None
    return max(mentions, key=lambda m: m.end - m.start)


def fill_year(mention: DateMention, year: int) -> DateMention:
    """Give the dates of ``mention`` that lack a year the year ``year``.

    A range's end that would fall before its begin ("December 20 to January 5") goes into
    the following year. Raises ValueError for 29 February in a common year.
    """
    begin = mention.begin if mention.begin.year is not None else mention.begin.with_year(year)
    end = mention.end_value
    if end is not None and end.year is None:
        assert begin.year is not None
        end = end.with_year(begin.year)
        if _order_key(end.year, end.month, end.day) < _order_key(
            begin.year, begin.month, begin.day
        ):
            end = end.with_year(begin.year + 1)
    return replace(mention, begin=begin, end_value=end)


_ISO_PATTERN = re.compile(r"(?P<year>-?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def iso_precision(iso: str) -> Precision:
    """The precision of an ISO 8601 date string: "1939" is year, "1939-08-20" is day."""
    match = _ISO_PATTERN.fullmatch(iso)
    if match is None:
        raise ValueError(f"not an ISO 8601 date: {iso!r}")
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    return DateValue(int(match["year"]), month, day).precision


# The methods of the rules' date facts: a date its sentence ties to an event, an
# infobox's date, the day a treaty's text says it was done (extract/reading/event_dates.py,
# extract/reading/infobox.py, extract/reading/signatures.py).
RULE_DATE_METHODS: frozenset[str] = frozenset({"pattern:date", "infobox:date", "signatures:date"})


def year_of(iso: str) -> int:
    """The year of an ISO 8601 value at any precision, BC years included ("-0480-09")."""
    return -int(iso[1:].split("-")[0]) if iso.startswith("-") else int(iso.split("-")[0])


# --------------------------------------------------------------------------------------
# Dates written out in words, as treaties date themselves
# --------------------------------------------------------------------------------------

_NUMBER_WORDS: dict[str, int] = {**CARDINAL_NUMBERS, **ORDINAL_NUMBERS}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_WORDS_NUMBER = rf"(?:(?:{_NUMBER_WORD}|hundred|thousand)(?:[\s-]+(?:and[\s-]+)?|\b))+"
# "the seventh day of April, one thousand nine hundred and six", "the twenty fourth day of
# December one thousand eight hundred and fourteen", "the 15th day of March, in the year
# of our Lord 1886".
_WRITTEN_DATE = re.compile(
    rf"\b(?:the|this)\s+(?P<day>{_WORDS_NUMBER}|\d{{1,2}}(?:st|nd|rd|th)?\s+)day\s+of\s+"
    rf"{_MONTH}\s*,?\s*(?:in\s+the\s+year\s+(?:of\s+(?:our\s+Lord|grace)\s+)?)?"
    rf"(?P<year>{_WORDS_NUMBER}|\d{{3,4}}\b)",
    _FLAGS,
)


def _words_value(words: str) -> int | None:
    """The number ``words`` spell ("one thousand nine hundred and six", "eighteen hundred
    and ninety-two", "twenty fourth"), or None if they spell none."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", words.strip().lower()):
        if word in {"", "and"}:
            continue
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def written_date(text: str) -> DateMention | None:
    """The first date ``text`` writes out in words as treaties close ("Done at Algeciras
    this seventh day of April, one thousand nine hundred and six"), or None."""
    for found in _WRITTEN_DATE.finditer(text):
        day_text = found.group("day").strip()
        day = int(re.sub(r"\D", "", day_text)) if day_text[:1].isdigit() else None
        day = day if day is not None else _words_value(day_text)
        year_text = found.group("year").strip()
        year = int(year_text) if year_text.isdigit() else _words_value(year_text)
        if day is None or year is None or not MIN_YEAR <= year <= MAX_YEAR:
            continue
        try:
            value = DateValue(year, _month_number(found.group("month")), day)
        except ValueError:
            continue
        end = found.start("year") + len(year_text)
        return DateMention(found.start(), end, text[found.start() : end], value)
    return None
