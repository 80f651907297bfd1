"""A page's headline names its event when its box says the page is about one
(extract.reading.headline), and each box's lists belong to the events the box is about
(extract.reading.infobox.box_events). Full pipeline: the rules read NER's entities.

The pages are the corpus's own, cut to their opening: H02 Prague Spring, A13 Spanish
Armada and N02 Paris Commune (cue-less headlines; N02's box has no "Part of" line), B17
Somme and H02 again (a second box, about a part of the page's event). Every battle page
of the corpus has the same layout with a cue in its title ("Battle of Tours" / "Part of
the Umayyad invasion of Gaul"), which the headline
rule leaves to the event finder.
"""

from __future__ import annotations

from collections import defaultdict

PRAGUE = """This is a good article. Follow the link for more information.
Prague Spring
From Wikipedia, the free encyclopedia
Jump to navigation Jump to search
Part of Cold War and invasion of Czechoslovakia
Date5 January – 21 August 1968

The Prague Spring (Czech: Pražské jaro, Slovak: Pražská jar) was a period of political \
liberalization and mass protest in Czechoslovakia as a Communist state after World War II. \
It began on 5 January 1968, when reformist Alexander Dubček was elected First Secretary of \
the Communist Party of Czechoslovakia (KSČ), and continued until 21 August 1968.

Warsaw Pact invasion of Czechoslovakia
Part of the Prague Spring and the Cold War
Belligerents
Soviet Union
Bulgaria
Commanders and leaders
Leonid Brezhnev
Strength
250,000 troops

The Prague Spring reforms were a strong attempt by Dubček to grant additional rights to \
the citizens of Czechoslovakia.
"""

ARMADA = """Spanish Armada

Spanish Armada
Battle of Gravelines
Part of the Anglo-Spanish War
Invincible Armada.jpg
Date 8 August 1588
Belligerents
England
Spain
Commanders and leaders
Lord Howard of Effingham
Francis Drake
Duke of Medina Sidonia
Strength
34 warships

The Spanish Armada (Spanish: Grande y Felicísima Armada) was the Spanish fleet that \
sailed against England under the command of the Duke of Medina Sidonia in 1588.
"""


COMMUNE = """Paris Commune

From Wikipedia, the free encyclopedia
This article is about the government of Paris in 1871. For the Commune during the French \
Revolution, see Paris Commune (French Revolution).
Paris Commune
A barricade on Rue Voltaire, after its capture by the regular army during the Bloody Week.
Date 18 March – 28 May 1871
Location Paris, France
Result Revolt suppressed
Belligerents
France French Republic Communards
National Guards
Commanders and leaders
France Adolphe Thiers Louis Auguste Blanqui
Casualties and losses
877 killed, 6,454 wounded, and 183 missing[1] 20,000[2] killed

The Paris Commune (French: La Commune de Paris, IPA: [la kɔmyn də paʁi]) was a revolutionary \
and socialist government that briefly ruled Paris from 18 March until 28 May 1871.
"""


def events(corpus) -> set[str]:  # type: ignore[no-untyped-def]
    return {n.label for n in corpus.nodes.values() if n.kind == "event"}


def roles(corpus) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Event label -> labels of the actors the box gives it."""
    label = {k: n.label for k, n in corpus.nodes.items()}
    found: dict[str, set[str]] = defaultdict(set)
    for f in corpus.facts:
        if f.method.startswith("infobox:") and f.predicate in {"belligerent", "commander"}:
            found[label[f.subject]].add(label[f.object])
    return found


def test_headline_a_cue_less_headline_over_a_part_of_line_is_the_pages_event(
    read_article,
) -> None:  # type: ignore[no-untyped-def]
    corpus = read_article(PRAGUE)
    assert "Prague Spring" in events(corpus)
    [key] = [k for k, n in corpus.nodes.items() if n.label == "Prague Spring"]
    # The box's date is the page's event's.
    assert ("begin", "1968-01-05") in {(f.predicate, f.object) for f in corpus.facts
                                       if f.subject == key}  # fmt: skip


def test_headline_a_second_box_is_about_the_part_its_part_of_line_names(read_article) -> None:  # type: ignore[no-untyped-def]
    found = roles(read_article(PRAGUE))
    invasion = next(k for k in found if k.startswith("Warsaw Pact Invasion"))
    assert {"Soviet Union", "Bulgaria", "Leonid Brezhnev"} <= found[invasion]
    assert not found["Prague Spring"] & {"Soviet Union", "Bulgaria", "Leonid Brezhnev"}


def test_headline_a_box_under_two_names_is_about_both(read_article) -> None:  # type: ignore[no-untyped-def]
    corpus = read_article(ARMADA)
    assert {"Spanish Armada", "Battle of Gravelines"} <= events(corpus)
    found = roles(corpus)
    key = {n.label: k for k, n in corpus.nodes.items()}
    begins = {(f.subject, f.object) for f in corpus.facts if f.predicate == "begin"}
    for event in ("Spanish Armada", "Battle of Gravelines"):
        assert {"England", "Spain", "Francis Drake"} <= found[event]
        assert (key[event], "1588-08-08") in begins  # the box's date is both events'


def test_headline_a_conflict_box_without_a_part_of_line_names_the_pages_event(
    read_article,
) -> None:  # type: ignore[no-untyped-def]
    corpus = read_article(COMMUNE)
    assert "Paris Commune" in events(corpus)
    assert {"France", "Adolphe Thiers"} <= roles(corpus)["Paris Commune"]


def test_headline_sides_of_a_box_without_a_defined_headline_name_no_event(read_article) -> None:  # type: ignore[no-untyped-def]
    # A person's page with a box of sides: undefined, or defined, a person's name is no event.
    page = read_article(
        "Adolphe Thiers\nBelligerents\nFrance\n\nThiers led the government of France in 1871.\n"
    )
    assert "Adolphe Thiers" not in events(page)
    defined = read_article(
        "Adolphe Thiers\nBelligerents\nFrance\n\n"
        "Adolphe Thiers (15 April 1797 – 3 September 1877) was a French statesman.\n"
    )
    assert "Adolphe Thiers" not in events(defined)


def test_headline_a_series_box_or_an_undefined_headline_names_no_event(read_article) -> None:  # type: ignore[no-untyped-def]
    # "Part of a series on ..." is a navigation box, not a box about an event (H02).
    series = read_article(
        "Alexander Dubček\nPart of a series on the Cold War\n\n"
        "Alexander Dubček (27 November 1921 – 7 November 1992) was a Slovak politician.\n"
    )
    assert "Alexander Dubček" not in events(series)
    # C06's copy opens with the site's name over the box; no paragraph defines it.
    site = read_article(
        "Wikipedia\nBattle of Talas\nPart of the Muslim conquest of Transoxiana\n\n"
        "The Battle of Talas was a military encounter in 751.\n"
    )
    assert "Wikipedia" not in events(site)
    # A state's name over a box is no event ("France" / "Part of the Hundred Years' War").
    state = read_article(
        "France\nPart of the Hundred Years' War\n\nFrance was a kingdom at war with England.\n"
    )
    assert "France" not in events(state)
