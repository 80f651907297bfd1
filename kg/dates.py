"""Choosing one begin or end date when the sources disagree.

Each source document states its own sem:hasBeginTimeStamp / sem:hasEndTimeStamp at the
precision its text gives (xsd:gYear "1939", xsd:gYearMonth "1939-05", xsd:date
"1939-05-11"). The graph keeps them all side by side; a reader asking "when?" wants one
answer. :func:`choose_timestamp` is that decision, kept pure so the rules are testable:

1. Prefer the value stated by the most distinct source documents.
2. A less precise value that contains a more precise one (1939 contains 1939-05-11)
   counts as support for the more precise one: the sources agree as far as they go.
3. Ties go to the more precise value, then to the earliest value for a start and the
   latest for an end (the widest span the sources allow).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

# Year (possibly negative, possibly more than four digits), optional month and day, an
# optional timezone that does not change which day or month is meant.
_STAMP = re.compile(r"^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?(?:Z|[+-]\d{2}:\d{2})?$")


def parse_stamp(value: str) -> tuple[int, ...] | None:
    """``"1939-05-11"`` -> ``(1939, 5, 11)``, ``"1939-05"`` -> ``(1939, 5)``, ``"-0044"`` ->
    ``(-44,)``; None for anything that is not an xsd:date/gYearMonth/gYear lexical form."""
    match = _STAMP.match(value.strip())
    if not match:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def contains(outer: tuple[int, ...], inner: tuple[int, ...]) -> bool:
    """Whether the period ``outer`` strictly contains ``inner`` (1939 contains 1939-05)."""
    return len(outer) < len(inner) and inner[: len(outer)] == outer


def _within(value: str, coarser: str) -> bool:
    a, b = parse_stamp(coarser), parse_stamp(value)
    return a is not None and b is not None and contains(a, b)


def support(claims: Mapping[str, Collection[str]], value: str) -> set[str]:
    """The sources backing ``value``: those stating it, plus those stating a less precise
    value that contains it (rule 2). A value that does not parse has only its own."""
    backing = set(claims[value])
    stamp = parse_stamp(value)
    if stamp is not None:
        for other in claims:
            other_stamp = parse_stamp(other)
            if other_stamp is not None and contains(other_stamp, stamp):
                backing |= set(claims[other])
    return backing


def choose_timestamp(
    claims: Mapping[str, Collection[str]],
    *,
    end: bool = False,
    statements: Mapping[str, float] | None = None,
) -> str | None:
    """The value to report among ``claims`` (value -> the sources that state it).

    Most sources win. Between values as many sources back, the one more sentences state
    (``statements``: value -> how many; a coarser value that contains it counts too)
    wins: an article that dates a battle "8 July 1709" three times and "27 June" of a
    misread year once means the first. The count may be weighted: the resolved layer
    passes the sum of the statements' confidences, so that within a source a date read
    with confidence outweighs two the date model doubts (``statements`` of 1 each is a
    plain count). Then the more precise value; ``end=False``
    chooses a start (ties go to the earliest), ``end=True`` an end (ties go to the
    latest). Values that do not parse take part with their own sources only and lose
    every tie. Returns None when there are no claims.
    """
    if not claims:
        return None
    counts = statements or {}

    def stated(value: str) -> float:
        # Rounded: a sum of confidences must not rank by the order it was added in.
        total = sum(counts.get(v, 0) for v in claims if v == value or _within(value, v))
        return round(total, 6)

    def rank(value: str) -> tuple[int, float, int, tuple[int, ...]]:
        stamp = parse_stamp(value) or ()
        chronology = stamp if end else tuple(-part for part in stamp)
        return (len(support(claims, value)), stated(value), len(stamp), chronology)

    ranks = {value: rank(value) for value in claims}
    best = max(ranks.values())
    # Distinct strings can rank the same (the same day with two timezones): take the
    # smallest string so the answer never depends on dictionary order.
    return min(value for value, r in ranks.items() if r == best)


_DATATYPES = {
    1: "http://www.w3.org/2001/XMLSchema#gYear",
    2: "http://www.w3.org/2001/XMLSchema#gYearMonth",
    3: "http://www.w3.org/2001/XMLSchema#date",
}


def precision_datatype(value: str) -> str | None:
    """The XSD datatype IRI for a time stamp at its precision: ``"1939"`` xsd:gYear,
    ``"1939-05"`` xsd:gYearMonth, ``"1939-05-11"`` xsd:date; negative (BC) years as well
    (``"-0044"`` is an xsd:gYear). None for anything else."""
    stamp = parse_stamp(value)
    return _DATATYPES[len(stamp)] if stamp is not None else None
