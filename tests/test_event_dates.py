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


def _read_dates(model_nlp, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    return [(r.begin, r.end) for r in a.dates if not r.infobox]


# A bare day takes the year its own sentence writes out: A17 (Culloden: the year is in the
# event's name), B02 (Austerlitz), and the seeds' 002 article.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("In 1700 the Stuarts were in exile. The Jacobite rising of 1745 began on 23 July when "
         "Charles Edward Stuart landed in the Western Isles.", "1745-07-23"),
        ("In 1804 the coalition formed. The capitulation of the Austrian General Mack at Ulm on "
         "October 17, 1805, had been followed by the French occupation of Vienna on "
         "November 14.", "1805-11-14"),
        ("In 1934 the border was quiet. The August 10, 1938 Japanese military attache in "
         "Moscow called for an end to hostilities on 11 August.", "1938-08-11"),
    ],
)  # fmt: skip
def test_a_bare_day_takes_its_sentences_year(model_nlp, text: str, day: str) -> None:  # type: ignore[no-untyped-def]
    assert day in [begin for begin, _ in _read_dates(model_nlp, text)]


def test_a_sentence_of_two_years_leaves_a_bare_day_the_narratives(model_nlp) -> None:  # type: ignore[no-untyped-def]
    # Negative: which of two written years a bare day means, the sentence does not say.
    text = (
        "In 1485 Henry sailed again. His first attempt in 1483 failed, but at his second "
        "attempt in 1484 he arrived on 7 August."
    )
    assert "1485-08-07" in [begin for begin, _ in _read_dates(model_nlp, text)]


# A date in brackets after another event's name recalls that event; the narrative's year
# stays for the next bare date. Shaped on the seeds' 002 article ("the Convention of X
# (1860)"), B07 ("the Mexican–American War (1846–1848)") and D06 ("the Russian Civil War
# (1917–1922)").
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The Battle of the Lake began in 1938. Troops occupied an area poorly defined in the "
         "Convention of Peking (1860). They fought between 2 and 9 August.", "1938-08-02"),
        ("The Treaty of Guadalupe Hidalgo was signed in 1848. It ended the Mexican–American War "
         "(1846–1848). The Senate ratified it on 10 March.", "1848-03-10"),
        ("The October Revolution took place in 1917. There followed the Russian Civil War "
         "(1917–1922). The Congress of Soviets met on 25 October.", "1917-10-25"),
        # Negative: the paragraph's own event's date in brackets is the narrative's year.
        ("The Battle of Austerlitz (2 December 1805) was Napoleon's victory. On 1 December "
         "the armies faced each other.", "1805-12-01"),
    ],
)  # fmt: skip
def test_another_events_bracketed_year_leaves_the_narratives(model_nlp, text, day) -> None:  # type: ignore[no-untyped-def]
    assert day in [begin for begin, _ in _read_dates(model_nlp, text)]


# "It" as the subject of "took place", "was fought", "was signed" is the event the last
# sentence was about: its subject, not the event it named last. The sentences are the
# articles' own: A01 Thermopylae, A09 Agincourt, B07 Guadalupe Hidalgo, D05 Jutland.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Battle of Thermopylae was fought between an alliance of Greek city-states, led "
         "by Sparta, and the Persian Empire of Xerxes I over the course of three days, during "
         "the second Persian invasion of Greece. It took place simultaneously with the naval "
         "battle at Artemisium, in August or September 480 BC, at the pass of Thermopylae.",
         ("battle-of-thermopylae", "-0480")),
        ("The Battle of Agincourt was one of the greatest English victories in the Hundred "
         "Years' War. It took place on 25 October 1415 (Saint Crispin's Day) near Azincourt "
         "in northern France.",
         ("battle-of-agincourt", "1415-10-25")),
        ("The Treaty of Guadalupe Hidalgo officially ended the Mexican–American War. It was "
         "signed on 2 February 1848 in the town of Guadalupe Hidalgo.",
         ("treaty-of-guadalupe-hidalgo", "1848-02-02")),
        ("The Battle of Jutland was a naval battle between Britain's Royal Navy Grand Fleet "
         "and the Imperial German Navy's High Seas Fleet during the First World War. It was "
         "fought on 31 May – 1 June 1916, in the North Sea near Jutland.",
         ("battle-of-jutland", "1916-05-31")),
    ],
)  # fmt: skip
def test_event_dates_it_took_place_is_the_subject_event(read_article, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    found = dates(read_article(text + "\n"))
    event, begin = expected
    assert any(e == event and p == "begin" and v.startswith(begin) for e, p, v in found), found
    # The war or invasion named last in the sentence before is not dated by "it".
    assert all(e == event for e, _, _ in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        # "It happened that ...", "it was clear": no event verb, so no event "it".
        "The Battle of Marathon was fought between Athens and Persia. It happened, in 490 BC, "
        "that the cavalry was away.",
        "The Battle of Marathon was fought between Athens and Persia. It was noticed in 490 BC.",
    ],
)
def test_event_dates_it_of_other_verbs_is_no_event(read_article, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert dates(read_article(sentence + "\n")) == []


def test_event_dates_it_falls_back_to_the_paragraphs_topic(read_article) -> None:  # type: ignore[no-untyped-def]
    # A01 Thermopylae: the sentence with the battle as subject is cut by a pronunciation
    # in brackets, so no subject event is known; "It" is the paragraph's topic, not the
    # invasion named last.
    corpus = read_article(
        "In the Battle of Thermopylae the Greeks fought the Persian Empire during the second "
        "Persian invasion of Greece. It took place in August 480 BC.\n"
    )
    assert dates(corpus) == [("battle-of-thermopylae", "begin", "-0480-08")]
