"""extract/dates.py: finding date expressions in text and normalising them to ISO 8601."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import (
    DateMention,
    DateValue,
    fill_year,
    find_dates,
    iso_precision,
    parse_date,
    written_date,
)

EN_DASH = "\u2013"
EM_DASH = "\u2014"


def only(text: str) -> DateMention:
    """The single mention found in ``text`` (fails if there are none or several)."""
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


# ---------------------------------------------------------------------------------------
# Tables of positive examples: (text, mention text, begin, end_value)
# ---------------------------------------------------------------------------------------

FULL_DATES = [
    ("On April 13, 1941, the pact was signed.", "April 13, 1941", "1941-04-13"),
    ("April 13 1941", "April 13 1941", "1941-04-13"),
    ("13 April 1941", "13 April 1941", "1941-04-13"),
    ("on the 13th of April 1941", "13th of April 1941", "1941-04-13"),
    ("April 13th, 1941", "April 13th, 1941", "1941-04-13"),
    ("The April 5, 1945", "April 5, 1945", "1945-04-05"),
    ("Sept. 3, 1945", "Sept. 3, 1945", "1945-09-03"),
    ("Aug 9, 1945", "Aug 9, 1945", "1945-08-09"),
    ("May 2, 1945", "May 2, 1945", "1945-05-02"),
    ("1945-08-09", "1945-08-09", "1945-08-09"),
    ("signed on 1945-08-09 in Moscow", "1945-08-09", "1945-08-09"),
]

MONTH_DATES = [
    ("August 1945", "August 1945", "1945-08"),
    ("in August of 1945", "August of 1945", "1945-08"),
    ("early September 1945", "early September 1945", "1945-09"),
    ("the end of March 1945", "end of March 1945", "1945-03"),
    ("the beginning of July 1941", "beginning of July 1941", "1941-07"),
    ("may 1945", "may 1945", "1945-05"),
    ("1945-08", "1945-08", "1945-08"),
]

YEAR_DATES = [
    ("late 1937", "late 1937", "1937"),
    ("in the spring of 1945", "spring of 1945", "1945"),
    ("summer of 1945", "summer of 1945", "1945"),
    ("Spring of 1945", "Spring of 1945", "1945"),
    ("during the winter of 1941", "winter of 1941", "1941"),
    ("in mid-1943", "mid-1943", "1943"),
    ("in 1939", "1939", "1939"),
    ("since 1931", "1931", "1931"),
    ("1939 was a hard year", "1939", "1939"),
    ("He left. 1939 was a hard year", "1939", "1939"),
    ("1939", "1939", "1939"),
]

YEARLESS_DATES = [
    ("On August 27", "August 27", DateValue(None, 8, 27)),
    ("27 August", "27 August", DateValue(None, 8, 27)),
    ("August 27th", "August 27th", DateValue(None, 8, 27)),
    ("mid-August", "mid-August", DateValue(None, 8)),
    ("in August", "August", DateValue(None, 8)),
    ("May 2", "May 2", DateValue(None, 5, 2)),
    ("29 February", "29 February", DateValue(None, 2, 29)),
]

RANGES = [
    (
        "from August 9 to September 3, 1945",
        "from August 9 to September 3, 1945",
        DateValue(1945, 8, 9),
        DateValue(1945, 9, 3),
    ),
    (
        "between 2 and 9 August",
        "between 2 and 9 August",
        DateValue(None, 8, 2),
        DateValue(None, 8, 9),
    ),
    (
        "between 2 and 9 August 1938",
        "between 2 and 9 August 1938",
        DateValue(1938, 8, 2),
        DateValue(1938, 8, 9),
    ),
    ("August 9-20, 1945", "August 9-20, 1945", DateValue(1945, 8, 9), DateValue(1945, 8, 20)),
    (
        f"August 9{EN_DASH}20, 1945",
        f"August 9{EN_DASH}20, 1945",
        DateValue(1945, 8, 9),
        DateValue(1945, 8, 20),
    ),
    (
        f"August 9{EM_DASH}20, 1945",
        f"August 9{EM_DASH}20, 1945",
        DateValue(1945, 8, 9),
        DateValue(1945, 8, 20),
    ),
    ("9-20 August 1945", "9-20 August 1945", DateValue(1945, 8, 9), DateValue(1945, 8, 20)),
    (
        f"9{EN_DASH}20 August 1945",
        f"9{EN_DASH}20 August 1945",
        DateValue(1945, 8, 9),
        DateValue(1945, 8, 20),
    ),
    (
        f"9{EM_DASH}20 August 1945",
        f"9{EM_DASH}20 August 1945",
        DateValue(1945, 8, 9),
        DateValue(1945, 8, 20),
    ),
    (
        "from 1 to 5 August",
        "from 1 to 5 August",
        DateValue(None, 8, 1),
        DateValue(None, 8, 5),
    ),
    (
        "December 20 to January 5",
        "December 20 to January 5",
        DateValue(None, 12, 20),
        DateValue(None, 1, 5),
    ),
    ("1932-1934", "1932-1934", DateValue(1932), DateValue(1934)),
    (f"1932{EN_DASH}1934", f"1932{EN_DASH}1934", DateValue(1932), DateValue(1934)),
    (f"1932{EM_DASH}1934", f"1932{EM_DASH}1934", DateValue(1932), DateValue(1934)),
    ("from 1932 to 1934", "from 1932 to 1934", DateValue(1932), DateValue(1934)),
    ("between 1932 and 1941", "between 1932 and 1941", DateValue(1932), DateValue(1941)),
    ("(1937-1945)", "1937-1945", DateValue(1937), DateValue(1945)),
    (
        "between December 1935 and March 1936",
        "between December 1935 and March 1936",
        DateValue(1935, 12),
        DateValue(1936, 3),
    ),
    (f"1904 {EN_DASH} 1905", f"1904 {EN_DASH} 1905", DateValue(1904), DateValue(1905)),
    ("1941-45", "1941-45", DateValue(1941), DateValue(1945)),
]

LISTS = [
    ("August 16 and 17", [("August 16", DateValue(None, 8, 16)), ("17", DateValue(None, 8, 17))]),
    (
        "August 16 and 17, 1945",
        [("August 16", DateValue(1945, 8, 16)), ("17, 1945", DateValue(1945, 8, 17))],
    ),
    ("16 and 17 August", [("16", DateValue(None, 8, 16)), ("17 August", DateValue(None, 8, 17))]),
    (
        "In May 1945 and June 1945",
        [("May 1945", DateValue(1945, 5)), ("June 1945", DateValue(1945, 6))],
    ),
    (
        "On 1 September 1939 Germany invaded Poland; on 3 September 1939 Britain declared war.",
        [
            ("1 September 1939", DateValue(1939, 9, 1)),
            ("3 September 1939", DateValue(1939, 9, 3)),
        ],
    ),
]

NEGATIVES = [
    # counts and units
    "18,500 dead",
    "12 to 15 trains",
    "70 or 90 men",
    "105,800",
    "3 months",
    "no later than 3 months after",
    "1200 tanks",
    "11 days",
    "1500 men",
    "from 1200 to 1500 tanks",
    "a 1500-strong force",
    "1939.5",
    "$1939",
    "between 2 and 9",
    # times
    "9 a.m.",
    "at midnight",
    "9:30",
    # calendar-invalid days
    "February 30, 1941",
    "30 February 1941",
    # decades
    "the 1930s",
    "the 1930's",
    # lower-case month words used as verbs
    "they may 2",
    "to march 20 miles",
    # a bare year without a cue
    "the 1939 campaign",
    # a day without a month
    "the 13th",
]

ALL_POSITIVE_TEXTS = [
    row[0]
    for table in (FULL_DATES, MONTH_DATES, YEAR_DATES, YEARLESS_DATES, RANGES, LISTS)
    for row in table
]


# ---------------------------------------------------------------------------------------
# find_dates: single dates
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "span", "iso"), FULL_DATES)
def test_dates_full_date_has_day_precision(text: str, span: str, iso: str) -> None:
    mention = only(text)
    assert mention.text == span
    assert mention.start == text.index(span)
    assert mention.end == mention.start + len(span)
    assert mention.begin.iso() == iso
    assert mention.begin.precision == "day"
    assert mention.end_value is None


@pytest.mark.parametrize(("text", "span", "iso"), MONTH_DATES)
def test_dates_month_date_has_month_precision(text: str, span: str, iso: str) -> None:
    mention = only(text)
    assert mention.text == span
    assert mention.begin.iso() == iso
    assert mention.begin.precision == "month"
    assert mention.begin.day is None
    assert mention.end_value is None


@pytest.mark.parametrize(("text", "span", "iso"), YEAR_DATES)
def test_dates_year_date_has_year_precision(text: str, span: str, iso: str) -> None:
    mention = only(text)
    assert mention.text == span
    assert mention.begin.iso() == iso
    assert mention.begin.precision == "year"
    assert mention.begin == DateValue(int(iso))
    assert mention.end_value is None


def test_dates_leading_article_is_not_in_the_span() -> None:
    mention = only("The April 5, 1945")
    assert (mention.start, mention.end, mention.text) == (4, 17, "April 5, 1945")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("On April 13, 1941, the pact was signed.", 3, 17),
        ("in the spring of 1945", 7, 21),
        ("the end of March 1945", 4, 21),
        ("(1937-1945)", 1, 10),
        ("He left. 1939 was a hard year", 9, 13),
    ],
)
def test_dates_offsets_are_exact(text: str, start: int, end: int) -> None:
    mention = only(text)
    assert (mention.start, mention.end) == (start, end)


@pytest.mark.parametrize(("text", "span", "value"), YEARLESS_DATES)
def test_dates_yearless_date_keeps_year_none(text: str, span: str, value: DateValue) -> None:
    mention = only(text)
    assert mention.text == span
    assert mention.begin == value
    assert mention.begin.year is None
    assert mention.end_value is None
    with pytest.raises(ValueError, match="year is unknown"):
        mention.begin.iso()


# ---------------------------------------------------------------------------------------
# find_dates: ranges and lists
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "span", "begin", "end"), RANGES)
def test_dates_range_is_one_mention_with_begin_and_end(
    text: str, span: str, begin: DateValue, end: DateValue
) -> None:
    mention = only(text)
    assert mention.text == span
    assert mention.begin == begin
    assert mention.end_value == end


@pytest.mark.parametrize(
    ("text", "begin_iso", "end_iso"),
    [
        ("from August 9 to September 3, 1945", "1945-08-09", "1945-09-03"),
        ("between 2 and 9 August 1938", "1938-08-02", "1938-08-09"),
        (f"August 9{EN_DASH}20, 1945", "1945-08-09", "1945-08-20"),
        ("between December 1935 and March 1936", "1935-12", "1936-03"),
        ("1941-45", "1941", "1945"),
        (f"1904 {EN_DASH} 1905", "1904", "1905"),
    ],
)
def test_dates_range_iso(text: str, begin_iso: str, end_iso: str) -> None:
    mention = only(text)
    assert mention.begin.iso() == begin_iso
    assert mention.end_value is not None
    assert mention.end_value.iso() == end_iso


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_dates_list_gives_separate_mentions(
    text: str, expected: list[tuple[str, DateValue]]
) -> None:
    mentions = find_dates(text)
    assert [(m.text, m.begin) for m in mentions] == expected
    assert all(m.end_value is None for m in mentions)


def test_dates_list_offsets() -> None:
    first, second = find_dates("August 16 and 17")
    assert (first.start, first.end) == (0, 9)
    assert (second.start, second.end) == (14, 16)


# ---------------------------------------------------------------------------------------
# find_dates: negatives
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", NEGATIVES)
def test_dates_non_dates_are_not_found(text: str) -> None:
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_dates_invalid_day_blocks_shorter_reading() -> None:
    # "February 1941" alone is a date, but not when it is part of "February 30, 1941".
    assert only("February 1941").begin == DateValue(1941, 2)
    assert find_dates("February 30, 1941") == []


# ---------------------------------------------------------------------------------------
# Offsets: consistent, ordered, non-overlapping
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ALL_POSITIVE_TEXTS)
def test_dates_offsets_are_consistent_for_positive_examples(text: str) -> None:
    mentions = find_dates(text)
    assert mentions
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
    for before, after in pairwise(mentions):
        assert before.end <= after.start


def test_dates_mentions_in_a_long_text_are_in_order() -> None:
    text = (
        "In 1939 the treaty was broken. The April 5, 1945 note followed; "
        "from August 9 to September 3, 1945 the war went on (1937-1945)."
    )
    mentions = find_dates(text)
    assert [m.text for m in mentions] == [
        "1939",
        "April 5, 1945",
        "from August 9 to September 3, 1945",
        "1937-1945",
    ]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


# ---------------------------------------------------------------------------------------
# parse_date
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("August 9-20, 1945", "August 9-20, 1945"),
        ("in 1941, then August 9-20, 1945", "August 9-20, 1945"),
        ("In May 1945 and June 1945", "June 1945"),
        ("April 13, 1941", "April 13, 1941"),
    ],
)
def test_dates_parse_date_returns_the_longest(text: str, span: str) -> None:
    mention = parse_date(text)
    assert mention is not None
    assert mention.text == span
    assert text[mention.start : mention.end] == span


# ---------------------------------------------------------------------------------------
# fill_year
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "begin_iso", "end_iso"),
    [
        ("On August 27", 1939, "1939-08-27", None),
        ("27 August", 1939, "1939-08-27", None),
        ("August 27th", 1939, "1939-08-27", None),
        ("mid-August", 1945, "1945-08", None),
        ("between 2 and 9 August", 1938, "1938-08-02", "1938-08-09"),
        ("December 20 to January 5", 1941, "1941-12-20", "1942-01-05"),
        ("29 February", 1940, "1940-02-29", None),
        # a known year is kept
        ("April 13, 1941", 1999, "1941-04-13", None),
        ("from August 9 to September 3, 1945", 1999, "1945-08-09", "1945-09-03"),
    ],
)
def test_dates_fill_year(text: str, year: int, begin_iso: str, end_iso: str | None) -> None:
    mention = only(text)
    filled = fill_year(mention, year)
    assert filled.begin.iso() == begin_iso
    if end_iso is None:
        assert filled.end_value is None
    else:
        assert filled.end_value is not None
        assert filled.end_value.iso() == end_iso
    assert (filled.start, filled.end, filled.text) == (mention.start, mention.end, mention.text)


def test_dates_fill_year_rejects_29_february_in_common_year() -> None:
    with pytest.raises(ValueError, match="no day 29"):
        fill_year(only("29 February"), 1941)


def test_dates_fill_year_next_year_rule_on_a_built_mention() -> None:
    mention = DateMention(0, 5, "x", DateValue(None, 12, 20), DateValue(None, 1, 5))
    filled = fill_year(mention, 1941)
    assert filled.begin == DateValue(1941, 12, 20)
    assert filled.end_value == DateValue(1942, 1, 5)


# ---------------------------------------------------------------------------------------
# DateValue
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision", "iso"),
    [
        (DateValue(1939), "year", "1939"),
        (DateValue(1939, 8), "month", "1939-08"),
        (DateValue(1939, 8, 20), "day", "1939-08-20"),
        (DateValue(1940, 2, 29), "day", "1940-02-29"),
        (DateValue(987), "year", "0987"),
        (DateValue(1945, 12, 31), "day", "1945-12-31"),
    ],
)
def test_dates_value_precision_and_iso(value: DateValue, precision: str, iso: str) -> None:
    assert value.precision == precision
    assert value.iso() == iso


@pytest.mark.parametrize(
    ("value", "precision"),
    [(DateValue(None, 8), "month"), (DateValue(None, 8, 20), "day")],
)
def test_dates_value_iso_raises_without_year(value: DateValue, precision: str) -> None:
    assert value.precision == precision
    with pytest.raises(ValueError, match="year is unknown"):
        value.iso()


@pytest.mark.parametrize(
    ("value", "year", "expected"),
    [
        (DateValue(None, 8, 20), 1939, DateValue(1939, 8, 20)),
        (DateValue(None, 8), 1939, DateValue(1939, 8)),
        (DateValue(1941, 4, 13), 1945, DateValue(1945, 4, 13)),
        (DateValue(None, 2, 29), 1940, DateValue(1940, 2, 29)),
    ],
)
def test_dates_value_with_year(value: DateValue, year: int, expected: DateValue) -> None:
    assert value.with_year(year) == expected
    assert value.with_year(year).iso() == expected.iso()


def test_dates_value_with_year_rejects_29_february_in_common_year() -> None:
    with pytest.raises(ValueError, match="no day 29"):
        DateValue(None, 2, 29).with_year(1941)


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        (DateValue(1939), DateValue(1939, 8, 20), True),
        (DateValue(1939), DateValue(1939, 8), True),
        (DateValue(1939), DateValue(1939), True),
        (DateValue(1939, 8), DateValue(1939, 8, 20), True),
        (DateValue(1939, 8), DateValue(1939, 8), True),
        (DateValue(1939, 8, 20), DateValue(1939, 8, 20), True),
        (DateValue(1939, 8, 20), DateValue(1939, 8), False),
        (DateValue(1939, 8, 20), DateValue(1939), False),
        (DateValue(1939, 8), DateValue(1939), False),
        (DateValue(1939, 8), DateValue(1939, 9, 20), False),
        (DateValue(1939, 8, 20), DateValue(1939, 8, 21), False),
        (DateValue(1939), DateValue(1940, 8, 20), False),
        (DateValue(None, 8), DateValue(1939, 8, 20), False),
        (DateValue(None, 8, 20), DateValue(1939, 8, 20), False),
        (DateValue(1939, 8), DateValue(None, 8, 20), False),
        (DateValue(None, 8), DateValue(None, 8, 20), True),
        (DateValue(None, 8, 20), DateValue(None, 8), False),
    ],
)
def test_dates_value_contains(outer: DateValue, inner: DateValue, expected: bool) -> None:
    assert outer.contains(inner) is expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((None,), "needs at least a year or a month"),
        ((None, None, 5), "needs at least a year or a month"),
        ((1939, None, 5), "a day needs a month"),
        ((0,), "year out of range"),
        ((10000,), "year out of range"),
        ((1939, 0), "month out of range"),
        ((1939, 13), "month out of range"),
        ((1939, 1, 0), "no day 0"),
        ((1939, 4, 31), "no day 31"),
        ((1939, 2, 29), "no day 29"),
        ((None, 2, 30), "no day 30"),
    ],
)
def test_dates_value_validation_errors(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DateValue(*args)


def test_dates_value_accepts_29_february_when_year_unknown() -> None:
    value = DateValue(None, 2, 29)
    assert (value.year, value.month, value.day) == (None, 2, 29)


# ---------------------------------------------------------------------------------------
# iso_precision
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "precision"),
    [
        ("1939", "year"),
        ("1939-08", "month"),
        ("1939-08-20", "day"),
        ("1940-02-29", "day"),
        ("0987", "year"),
    ],
)
def test_dates_iso_precision_valid(iso: str, precision: str) -> None:
    assert iso_precision(iso) == precision


@pytest.mark.parametrize(
    ("iso", "message"),
    [
        ("", "not an ISO 8601 date"),
        ("39", "not an ISO 8601 date"),
        ("abcd", "not an ISO 8601 date"),
        ("1939-8", "not an ISO 8601 date"),
        ("1939/08", "not an ISO 8601 date"),
        (" 1939", "not an ISO 8601 date"),
        ("1939-08-20T00:00", "not an ISO 8601 date"),
        ("0000", "year out of range"),
        ("1939-00", "month out of range"),
        ("1939-13", "month out of range"),
        ("1939-08-32", "no day 32"),
        ("1939-02-29", "no day 29"),
    ],
)
def test_dates_iso_precision_invalid(iso: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        iso_precision(iso)


# ---------------------------------------------------------------------------------------
# Property: find_dates never raises and its offsets are always consistent
# ---------------------------------------------------------------------------------------

_DATEISH = st.sampled_from(
    [
        "August",
        "Sept.",
        "may",
        "March",
        "1945",
        "1939",
        "1200",
        "9",
        "20",
        "31",
        "13th",
        "of",
        "the",
        "from",
        "to",
        "between",
        "and",
        "in",
        "early",
        "mid-",
        "end of",
        "summer",
        "-",
        EN_DASH,
        EM_DASH,
        ",",
        ".",
        "(",
        ")",
        " ",
        "\n",
        "men",
        "days",
        "1945-08-09",
        "1941-45",
        "February 30",
    ]
)


def _check_offsets(text: str) -> None:
    mentions = find_dates(text)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_dates_find_dates_never_raises_on_arbitrary_text(text: str) -> None:
    _check_offsets(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATEISH, max_size=20).map(" ".join))
def test_dates_find_dates_offsets_consistent_on_dateish_text(text: str) -> None:
    _check_offsets(text)


# Years with an era, from three articles of the history corpus: "480 BC" (A01
# Thermopylae), "2 September 31 BC" (A03 Actium), "AD 732" / "732 AD" (A04 Tours); "May
# of 1274 BC" (C01 Kadesh) takes "of" as "September of 1862" does.
@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("The battle was fought in 480 BC at the pass.", "480 BC", "-0480"),
        ("It was fought on 2 September 31 BC off Actium.", "2 September 31 BC", "-0031-09-02"),
        ("In 490 B.C. the Persians landed.", "490 B.C.", "-0490"),
        ("In the summer of 338 BCE Philip marched.", "338 BCE", "-0338"),
        ("the Franks stopped them in AD 732", "AD 732", "0732"),
        ("the Franks stopped them in 732 AD", "732 AD", "0732"),
        ("It is generally dated to May of 1274 BC, as accounted by Egyptian chronology.",
         "May of 1274 BC", "-1274-05"),
    ],
)  # fmt: skip
def test_dates_era_years(text: str, span: str, iso: str) -> None:
    found = find_dates(text)
    assert [(m.text, m.begin.iso()) for m in found] == [(span, iso)]


@pytest.mark.parametrize(
    "text",
    ["an ad 732 campaign", "1500 men marched", "the BC Lions won", "a 66-page ADR"],
)
def test_dates_era_needs_a_marked_era(text: str) -> None:
    assert find_dates(text) == []


# Two years under one era, from three documents: C04 Chaeronea ("in 339–338 BC"), C05 Red
# Cliffs ("the winter of 208–209 AD", and "208/9 AD", a year split across two, which
# was read as the year 9), a Re-DocRED dev lead ("320 - 185 BCE"). A range runs forward
# in time; the second year may drop the first's leading digits ("208/9").
@pytest.mark.parametrize(
    ("text", "span", "begin", "end"),
    [
        ("The battle was the culmination of Philip's final campaigns in 339–338 BC and",
         "339–338 BC", "-0339", "-0338"),
        ("It took place during the winter of 208–209 AD.", "208–209 AD.", "0208", "0209"),
        ("It was fought in the winter of 208/9 AD between the allied", "208/9 AD", "0208", None),
        ("the Maurya Empire , which ruled South Asia from 320 - 185 BCE , claimed descent",
         "320 - 185 BCE", "-0320", "-0185"),
        ("Date Winter of 208/9 AD (Northern Hemisphere)", "208/9 AD", "0208", None),
    ],
)  # fmt: skip
def test_dates_era_ranges(text: str, span: str, begin: str, end: str | None) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.begin.iso(), found.end_value.iso() if found.end_value else None) == (
        span,
        begin,
        end,
    )


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # Backwards for its era: not a range; the era's own year is still read.
        ("a score of 5–2 AD", ["2 AD"]),
        ("from 185 - 320 BC", ["320 BC"]),
        # No era: a split year is not read as an early year.
        ("in 208/9 the army wintered", []),
    ],
)
def test_dates_era_ranges_must_run_forward(text: str, spans: list[str]) -> None:
    assert [m.text for m in find_dates(text)] == spans


# A date in both calendars, the New Style date first and the year after the Old Style one
# in brackets. N01 Decembrist revolt, and Wikipedia leads quoted in public code: Stalin,
# Zamenhof, Christina of Sweden (Wikipedia text, CC BY-SA).
@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("took place in Russia on 26 December [O.S. 14 December] 1825, following the death",
         [("26 December [O.S. 14 December] 1825", "1825-12-26")]),
        ("Date26 December [O.S. 14 December] 1825", [("26 December [O.S. 14 December] 1825",
                                                     "1825-12-26")]),
        ("Stalin (born Dzhugashvili; 18 December [O.S. 6 December] 1878 – 5 March 1953) was",
         [("18 December [O.S. 6 December] 1878", "1878-12-18"), ("5 March 1953", "1953-03-05")]),
        ("Zamenhof; 15 December [O.S. 3 December] 1859 – 14 April [O.S. 1 April] 1917),",
         [("15 December [O.S. 3 December] 1859", "1859-12-15"),
          ("14 April [O.S. 1 April] 1917", "1917-04-14")]),
        ("Christina (Swedish: Kristina; 18 December [O.S. 8 December] 1626 – 19 April 1689)",
         [("18 December [O.S. 8 December] 1626", "1626-12-18"), ("19 April 1689", "1689-04-19")]),
    ],
)  # fmt: skip
def test_dates_dual_calendar_date_is_the_new_style_one(
    text: str, spans: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.begin.iso()) for m in find_dates(text)] == spans


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # An Old Style date marked as such keeps its own reading (D06, E01).
        ("began the takeover of government buildings on 24 October 1917 (O.S.). The",
         ["24 October 1917"]),
        # A bracket that is no Old Style date joins nothing.
        ("on 26 December [see note 3] 1825 was", ["26 December"]),
    ],
)  # fmt: skip
def test_dates_other_brackets_are_no_dual_date(text: str, spans: list[str]) -> None:
    assert [m.text for m in find_dates(text)] == spans


# Years before 1000 without an era, where the form leaves no doubt: A04 Tours ("fought on
# 10 October 732", "in 721,", "in 725."), C06 Talas ("in 977."), a Re-DocRED dev lead
# ("July 2 , 626", "In 642 ,").
@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("It was fought on 10 October 732, and was decisive.", "10 October 732", "0732-10-10"),
        ("He had banned them in 721, but they returned.", "721", "0721"),
        ("They returned in 725. The duke fled.", "725", "0725"),
        ("It ended when the Ghaznavids took power in 977.", "977", "0977"),
        ("Li Jiancheng (589 – July 2 , 626 , formally Crown Prince)", "July 2 , 626", "0626-07-02"),
        ("In 642 , his titles were restored.", "642", "0642"),
    ],
)
def test_dates_early_years_without_an_era(text: str, span: str, iso: str) -> None:
    found = [(m.text, m.begin.iso()) for m in find_dates(text) if m.begin.year is not None]
    assert (span, iso) in found


@pytest.mark.parametrize(
    "text",
    [
        "The village has a population of 808 , giving it a rank.",  # a count after "of"
        "They sailed in 500 ships.",  # a count before its noun
        "It kept control for the next 400 years.",
        "On 10 October 732 men died.",  # a count after a full date's day and month
        "The army of 300 Spartans held the pass.",
    ],
)
def test_dates_three_digit_counts_are_no_years(text: str) -> None:
    assert all(m.begin.year is None or m.begin.year >= 1000 for m in find_dates(text))


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # the closing lines of three treaties (tests/data/signatures/)
        ("Done at Algeciras this seventh day of April, one thousand nine hundred and six",
         "1906-04-07"),
        ("Done in triplicate at Ghent the twenty fourth day of December one thousand eight "
         "hundred and fourteen.", "1814-12-24"),
        ("Done in duplicate at Washington, this eighteenth day of April, one thousand eight "
         "hundred and ninety-two.", "1892-04-18"),
        # the Statutes at Large's convention of 1886 and treaty with Russia of 1868
        ("Done at Brussels, the 15th day of March, in the year of our Lord 1886.", "1886-03-15"),
        ("Done at Washington, the twenty-seventh day of January, in the year of grace one "
         "thousand eight hundred and sixty-eight", "1868-01-27"),
    ],
)  # fmt: skip
def test_written_out_dates(text: str, iso: str) -> None:
    found = written_date(text)
    assert found is not None and found.begin.iso() == iso


@pytest.mark.parametrize(
    "text",
    ["on the third day of the siege", "the first day of battle", "the seventh day of April",
     "the fortieth day of April, one thousand"],
)  # fmt: skip
def test_no_written_out_date(text: str) -> None:
    assert written_date(text) is None


@pytest.mark.parametrize(
    ("text", "begin", "end"),
    [
        # P03, and two sentences about the Civil War and the First World War in public texts
        ("held in Washington, D.C., from November 12, 1921, to February 6, 1922.",
         "1921-11-12", "1922-02-06"),
        ("From April 12, 1861, to April 9, 1865, the United States was engulfed in a civil "
         "war", "1861-04-12", "1865-04-09"),
        ("a global conflict that lasted from July 28, 1914, to November 11, 1918.",
         "1914-07-28", "1918-11-11"),
    ],
)  # fmt: skip
def test_a_range_whose_first_year_is_set_off_by_commas(text: str, begin: str, end: str) -> None:
    (found,) = find_dates(text)
    assert found.begin.iso() == begin and found.end_value is not None
    assert found.end_value.iso() == end


def test_a_comma_before_and_joins_no_range() -> None:
    found = find_dates("He was born on May 2, 1900, and died on June 3, 1950.")
    assert [d.end_value for d in found] == [None, None]
