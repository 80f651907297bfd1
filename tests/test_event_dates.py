"""Dates set right after an event's name belong to that event (extract.reading.event_dates's
``apposed_event``), with the full pipeline: the rule needs the parser's part-of-speech tags."""

from __future__ import annotations

import pytest


def dates(corpus) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return sorted(
        (f.subject, f.predicate, f.object) for f in corpus.facts if f.predicate in {"begin", "end"}
    )


# The sentences are the articles' own: B07 Guadalupe Hidalgo (the verb "ended" is the
# treaty's, the years the war's), A12 Tordesillas, A16 Poltava (twice), B06 Alamo.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Treaty of Guadalupe Hidalgo officially ended the Mexican–American War (1846–1848).",
         [("mexican-american-war", "begin", "1846"), ("mexican-american-war", "end", "1848")]),
        ("The other side of the world was divided a few decades later by the Treaty of "
         "Zaragoza, signed on 22 April 1529, which specified the antimeridian.",
         [("treaty-of-zaragoza", "begin", "1529-04-22")]),
        ("Charles XII had led Swedish forces to early victories in North Zealand (summer 1700) "
         "and in the Battle of Narva in November 1700.",
         [("battle-of-narva", "begin", "1700-11")]),
        ("The Battle of Poltava[d] (8 July 1709[e]) was the decisive victory of Peter I of "
         "Russia.",
         [("battle-of-poltava", "begin", "1709-07-08")]),
        ("Buoyed by a desire for revenge, the Texians defeated the Mexican Army at the Battle "
         "of San Jacinto, on April 21, 1836, ending the revolution.",
         [("battle-of-san-jacinto", "begin", "1836-04-21")]),
    ],
)  # fmt: skip
def test_event_dates_a_date_after_an_event_name_is_its_own(
    read_article, sentence: str, expected: list
) -> None:  # type: ignore[no-untyped-def]
    assert dates(read_article(sentence + "\n")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # After a comma, a date that opens a new clause dates that clause's deed.
        "After the Battle of Jena, on 20 October Napoleon entered Berlin.",
        # A conjunction between name and date: the date is not the name's.
        "The Battle of Austerlitz and, in 1806, the new treaty changed Europe.",
    ],
)
def test_event_dates_a_date_of_another_clause_is_not_taken(read_article, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert [d for d in dates(read_article(sentence + "\n")) if d[0].startswith("battle")] == []


def test_event_dates_the_verbs_subject_wins_over_a_bare_preposition(read_article) -> None:  # type: ignore[no-untyped-def]
    # B13 Sedan: "on 1 September 1870" follows the war's name but dates the battle fought.
    corpus = read_article(
        "The Battle of Sedan was fought during the Franco–Prussian War on 1 September 1870.\n"
    )
    assert dates(corpus) == [("battle-of-sedan", "begin", "1870-09-01")]
