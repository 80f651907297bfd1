"""A copied page's infobox: its sides and commanders belong to the event the page is about
(extract.reading.infobox's ``party_zones``), read with the full pipeline's names."""

from __future__ import annotations

from pathlib import Path

import pytest


def parties(corpus) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return sorted(
        (f.subject, f.predicate, f.object) for f in corpus.facts if f.method.startswith("infobox:")
        and f.predicate != "begin"
    )  # fmt: skip


# The two forms, from A13 Armada and B11 Solferino ("- Commander1:" lines), and A04 Tours,
# C02 Marathon and D08 Battle of Britain ("Belligerents" / "Commanders and leaders").
LINES = """Battle of Solferino
- Combatant1: France, Sardinia
- Combatant2: Austria
- Commander1: Napoleon III, Victor Emmanuel II
- Commander2: Franz Joseph I
The Battle of Solferino was fought on 24 June 1859.
"""
SECTIONS = """Battle of Britain
Belligerents

 United Kingdom
 Canada

 Germany
Commanders and leaders

Hugh Dowding
Albert Kesselring
Strength
1,963 aircraft
The Battle of Britain was a military campaign of the Second World War.
"""


def test_infobox_party_lines(read_article) -> None:  # type: ignore[no-untyped-def]
    assert parties(read_article(LINES)) == [
        ("battle-of-solferino", "belligerent", "austria"),
        ("battle-of-solferino", "belligerent", "france"),
        ("battle-of-solferino", "belligerent", "sardinia"),
        ("battle-of-solferino", "commander", "franz-joseph-i"),
        ("battle-of-solferino", "commander", "napoleon-iii"),
        ("battle-of-solferino", "commander", "victor-emmanuel-ii"),
    ]


def test_infobox_sections(read_article) -> None:  # type: ignore[no-untyped-def]
    found = parties(read_article(SECTIONS))
    assert ("battle-of-britain", "belligerent", "united-kingdom") in found
    assert ("battle-of-britain", "belligerent", "germany") in found
    assert ("battle-of-britain", "commander", "albert-kesselring") in found
    # Only people command; the strength section after it is not read.
    assert {o for _, p, o in found if p == "commander"} <= {"hugh-dowding", "albert-kesselring"}


@pytest.mark.parametrize(
    "text",
    [
        # The word in prose, with no box section after it.
        "Battle of Solferino\nThe Belligerents met France and Austria there in 1859.\n",
        # A field in a sentence, not at a line's start.
        "Battle of Solferino\nHe wrote - Commander1: Napoleon III was there.\n",
    ],
)
def test_infobox_needs_the_box_form(read_article, text: str) -> None:  # type: ignore[no-untyped-def]
    assert parties(read_article(text)) == []


HISTORY = Path(__file__).parent / "data" / "history" / "texts"


# Treaty boxes: the "Signatories" field, run into its value or not, single-spaced or with
# bullets and blank lines, up to the box's next field: A12 (Tordesillas), A20 (Paris,
# 1783), B19 (Brest-Litovsk) and D11 (Camp David).
@pytest.mark.parametrize(
    ("article", "names"),
    [
        ("A12_tordesillas.txt", "Ferdinand II of Aragon\nIsabella I of Castile"),
        ("A20_treaty_of_paris.txt", " Great Britain  United States "),
        ("B19_brest_litovsk.txt", "•  Austria-Hungary"),
        ("D11_camp_david_accords.txt", "Egypt Israel |"),
    ],
)
def test_treaty_boxes_list_signatories(article: str, names: str) -> None:
    from extract.reading.infobox import party_zones

    text = (HISTORY / article).read_text(encoding="utf-8")
    zones = [text[z[0] : z[1]] for z in party_zones(text) if z[2] == "signatory"]
    assert any(names in zone for zone in zones)
    # The field stops at the box's next field, before the article's prose.
    assert all(len(line) <= 80 for zone in zones for line in zone.split("\n"))


def test_signatories_in_prose_are_no_box_field() -> None:
    # Negatives: lower-case "signatories" in a sentence (D12), "Parties to the treaty",
    # and a capitalised word that only starts with a field's name.
    from extract.reading.infobox import party_zones

    text = (
        "The Accords was later amended in 1996 to include an arms control agreement between "
        "the later renamed signatories: Serbia, Croatia, Montenegro.\n"
        "Parties to the treaty met again in Vienna.\n"
        "Signatory states of the convention were listed.\n"
    )
    assert [z for z in party_zones(text) if z[2] == "signatory"] == []


# Commander lines NER reads badly, from five articles: D08 Battle of Britain (a flag's
# state before the name), A10 Constantinople (bullets, a regnal number, a fate in
# brackets), C12 Orléans (names NER ran across lines; a title "of" a territory), A15
# Blenheim and C07 Hattin ("of" inside a name), A13 Armada (a fate run into the name).
MISSED = """Battle of Britain
Belligerents
 United Kingdom
 Germany
Commanders and leaders
United Kingdom Keith Park
Poland Zdzisław Krasnodębski
Nazi Germany Hermann Göring
• Constantine XI
• Gabriele Trevisano (POW)
Jean de Dunois
Joan of Arc (WIA)
Gilles de Rais
Maximilian II
Raynald of Châtillon
Earl of Salisbury (DOW)
• Sultan Orhan Çelebi
Diego de MedranoKIA
Strength
1,963 aircraft
The Battle of Britain was a military campaign of the Second World War.
"""


def test_infobox_commanders_ner_missed(read_article) -> None:  # type: ignore[no-untyped-def]
    commanders = {o for _, p, o in parties(read_article(MISSED)) if p == "commander"}
    for person in ("keith-park", "zdzislaw-krasnodebski", "hermann-goring", "constantine-xi",
                   "gabriele-trevisano", "jean-de-dunois", "gilles-de-rais", "maximilian-ii",
                   "raynald-of-chatillon", "earl-of-salisbury", "orhan-celebi",
                   "diego-de-medrano"):  # fmt: skip
        assert person in commanders


def test_unread_commander_lines_need_a_persons_shape() -> None:
    """States, bodies, units, fates and single words in a commanders zone are no one."""
    import spacy

    from extract.pipeline import add_components
    from extract.reading.infobox import unread_commanders

    text = (
        "Kingdom of Italy\nRoyal Air Force\nArmy of the Potomac\n(POW)\nKIA\nSaladin\n"
        "Forces of Sun Quan\nUnited Kingdom\nAnglo-Zulu War\n"
    )
    doc = add_components(spacy.blank("en")).make_doc(text)
    assert unread_commanders(doc, 0, [(0, len(text), "commander", 0)], ()) == []
    # The same lines outside a commanders zone are not read at all.
    doc = add_components(spacy.blank("en")).make_doc("Keith Park\n")
    assert unread_commanders(doc, 0, [(20, 40, "commander", 20)], ()) == []


# NER runs a box's lines together; each line is one name: A05 Manzikert ("Andronikos
# Doukas\nAlp Arslan"), C05 Red Cliffs ("Liu Bei\nCao Cao"), C12 Orléans ("Gilles de
# Rais\nJean de Brosse\n"), D08 Battle of Britain ("United Kingdom\n Canada").
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Andronikos Doukas\nAlp Arslan", ["Andronikos Doukas", "Alp Arslan"]),
        ("Liu Bei\nCao Cao", ["Liu Bei", "Cao Cao"]),
        ("Gilles de Rais\nJean de Brosse\n", ["Gilles de Rais", "Jean de Brosse"]),
        ("United Kingdom\n Canada", ["United Kingdom", "Canada"]),
        ("Jean de Dunois", ["Jean de Dunois"]),  # one line stays one name
    ],
)
def test_box_names_are_cut_at_line_breaks(text: str, names: list[str]) -> None:
    import spacy
    from spacy.tokens import Span

    from extract.reading.infobox import line_parts

    doc = spacy.blank("en").make_doc(text)
    parts = line_parts(Span(doc, 0, len(doc), label="PERSON"))
    assert [p.text for p in parts] == names
    assert all(p.label_ == "PERSON" for p in parts)
