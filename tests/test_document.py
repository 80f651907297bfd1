"""extract.document (and extract.corpus, extract.mentions) on a blank pipeline, no model.

Without a parser, ``link_actor`` links only actors that share a sentence with an explicit
event mention (a name or "the battle"), as a weak co-occurrence; a heading or paragraph
topic frames later sentences for anaphors, but does not by itself link actors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from extract.corpus import extract_corpus
from extract.mentions import anaphor_mentions, span_mention
from extract.model import Corpus, Evidence, Fact, InputProblem
from extract.relations import COOCCURRENCE


def build(tmp_path: Path, nlp: Language, **files: str) -> Corpus:
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return extract_corpus(paths, nlp, learned=False)  # the rules alone


def triples(corpus: Corpus) -> list[tuple[str, str, str]]:
    """Facts read from sentences (places given by event names are tested on their own)."""
    return [(f.subject, f.predicate, f.object) for f in corpus.facts if f.method != "name:place"]


def assert_evidence_in_files(corpus: Corpus, tmp_path: Path, encoding: str = "utf-8") -> None:
    for fact in corpus.facts:
        ev = fact.evidence
        text = (tmp_path / ev.source).read_text(encoding=encoding)
        assert text[ev.start : ev.end] == ev.sentence, fact


SECTIONED = """\
A Short History of the Eastern Front
Share this:
The Battle of Kursk
The Red Army held its positions near the salient. The Red Army won the battle after heavy fighting.
Aftermath
The Red Army rested after the battle.
Leave a Comment
"""


# ---------------------------------------------------------------------------------------
# Frames and co-occurrence links
# ---------------------------------------------------------------------------------------


def story(corpus: Corpus) -> list[Fact]:
    """The facts read from sentences, without the places event names give (those have
    their own test below)."""
    return [f for f in corpus.facts if f.method != "name:place"]


def test_document_event_name_gives_its_place(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, front=SECTIONED)
    places = [(f.subject, f.object, f.confidence) for f in corpus.facts if f.predicate == "place"]
    assert places == [("battle-of-kursk", "kursk", 0.6)]
    assert corpus.nodes["kursk"].type == "Place"


def test_document_heading_event_frames_the_paragraph_for_anaphors(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, front=SECTIONED)
    # "the battle" in the paragraph refers to the heading's event; the first sentence,
    # which names no event, links nothing without a parser.
    sentence = "The Red Army won the battle after heavy fighting."
    start = SECTIONED.index(sentence)
    evidence = Evidence("front.txt", sentence, start, start + len(sentence))
    assert story(corpus)[0] == Fact(
        "battle-of-kursk", "belligerent", "red-army", evidence, 0.4, "cooccurrence"
    )
    assert COOCCURRENCE == 0.4


def test_document_heading_without_event_ends_the_frame(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, front=SECTIONED)
    # "The Red Army rested after the battle." sits under "Aftermath": the Kursk section's
    # frame has ended, so only the explicit "the battle" links it (the last battle the
    # document named), as a weak co-occurrence, never as framed context.
    rested = [f for f in corpus.facts if "rested" in f.evidence.sentence]
    assert [(f.subject, f.method) for f in rested] == [("battle-of-kursk", "cooccurrence")]
    assert not any(f.method.startswith("context:") for f in corpus.facts)


def test_document_explicit_mention_links_actor_by_cooccurrence(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(
        tmp_path,
        blank_nlp_with_sentences,
        versailles="Some history of things\nGermany signed the Treaty of Versailles in 1919.\n",
    )
    assert [(f.subject, f.predicate, f.object, f.confidence, f.method) for f in story(corpus)] == [
        ("treaty-of-versailles", "begin", "1919", 0.9, "pattern:date"),
        ("treaty-of-versailles", "participant", "germany", 0.4, "cooccurrence"),
    ]


def test_document_title_event_resolves_anaphors_but_does_not_link_alone(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    text = (
        "The Winter War\n"
        "Finland resisted for months. In the end Finland lost the war to the Soviet Union.\n"
    )
    corpus = build(tmp_path, blank_nlp_with_sentences, winter=text)
    assert triples(corpus) == [
        ("winter-war", "belligerent", "finland"),
        ("winter-war", "belligerent", "soviet-union"),
    ]
    assert {f.evidence.sentence for f in corpus.facts} == {
        "In the end Finland lost the war to the Soviet Union."
    }


def test_document_place_is_never_linked(tmp_path: Path, blank_nlp_with_sentences: Language) -> None:
    # Without NER a place only comes from the gazetteer; none here, so only Germany links.
    corpus = build(
        tmp_path,
        blank_nlp_with_sentences,
        a="Germany and Japan signed the Anti-Comintern Pact in 1936.\n",
    )
    assert triples(corpus) == [
        ("anti-comintern-pact", "begin", "1936"),
        ("anti-comintern-pact", "participant", "germany"),
        ("anti-comintern-pact", "participant", "japan"),
    ]


def test_document_demonym_is_linked_to_its_country(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(
        tmp_path,
        blank_nlp_with_sentences,
        a="Japanese troops fought in the Battle of Midway in 1942.\n",
    )
    assert ("battle-of-midway", "belligerent", "japan") in triples(corpus)
    # A demonym is no surface form of the country.
    assert corpus.nodes["japan"].aliases == {}


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------


def test_document_year_is_carried_from_context(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    text = "Diplomats met in Paris in 1928. On August 27 they signed the Kellogg-Briand Pact.\n"
    corpus = build(tmp_path, blank_nlp_with_sentences, paris=text)
    assert triples(corpus) == [("kellogg-briand-pact", "begin", "1928-08-27")]
    assert corpus.facts[0].evidence.sentence == "On August 27 they signed the Kellogg-Briand Pact."


def test_document_date_without_any_year_is_dropped(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    text = "On August 27 they signed the Kellogg-Briand Pact. It was later ratified in 1929.\n"
    corpus = build(tmp_path, blank_nlp_with_sentences, paris=text)
    assert triples(corpus) == []
    assert list(corpus.nodes) == ["kellogg-briand-pact"]


def test_document_range_date_gives_begin_and_end(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    text = "The Yalta Conference met from February 4 to February 11, 1945.\n"
    corpus = build(tmp_path, blank_nlp_with_sentences, yalta=text)
    assert triples(corpus) == [
        ("yalta-conference", "begin", "1945-02-04"),
        ("yalta-conference", "end", "1945-02-11"),
    ]


def test_document_until_gives_an_end_date_for_an_anaphor(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    text = "The Battle of Kursk began on July 5, 1943. The fighting lasted until August 23.\n"
    corpus = build(tmp_path, blank_nlp_with_sentences, kursk=text)
    assert [(f.subject, f.predicate, f.object, f.confidence) for f in story(corpus)] == [
        ("battle-of-kursk", "begin", "1943-07-05", 0.9),
        ("battle-of-kursk", "end", "1943-08-23", 0.8),  # anaphor: lower confidence
    ]


# ---------------------------------------------------------------------------------------
# Evidence, chrome, aliases, summary
# ---------------------------------------------------------------------------------------


def test_document_every_evidence_indexes_the_original_file(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(
        tmp_path,
        blank_nlp_with_sentences,
        front=SECTIONED,
        yalta="  The Yalta Conference met from February 4 to February 11, 1945.  \n\n"
        "Share this:\n\n"
        "The Soviet Union attended the Yalta Conference. Britain attended it too.\n",
    )
    assert len(story(corpus)) == 5
    assert_evidence_in_files(corpus, tmp_path)
    assert {f.evidence.source for f in story(corpus)} == {"front.txt", "yalta.txt"}


def test_document_evidence_offsets_exclude_a_byte_order_mark(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"The Yalta Conference met in February 1945.\n")
    corpus = extract_corpus([path], blank_nlp_with_sentences)
    (fact,) = story(corpus)
    assert (fact.evidence.start, fact.evidence.end) == (0, 42)
    assert_evidence_in_files(corpus, tmp_path, encoding="utf-8-sig")


def test_document_chrome_lines_produce_nothing(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, front=SECTIONED)
    sentences = {f.evidence.sentence for f in corpus.facts}
    assert not any("Comment" in s or "Share" in s for s in sentences)
    text = (tmp_path / "front.txt").read_text()
    chrome = [(text.index(c), text.index(c) + len(c)) for c in ("Share this:", "Leave a Comment")]
    for fact in corpus.facts:
        for start, end in chrome:
            assert fact.evidence.end <= start or fact.evidence.start >= end


def test_document_file_of_chrome_only_is_reported(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, chrome="Leave a Comment\nShare this:\n")
    assert corpus.documents == []
    assert corpus.problems == [
        InputProblem(str(tmp_path / "chrome.txt"), "no article text left after cleaning", True)
    ]
    assert corpus.summary() == {
        "documents": 0,
        "entities": 0,
        "events": 0,
        "facts": 0,
        "skipped": 1,
    }


def test_document_also_known_as_merges_the_two_names(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    text = "The Battle of the Bulge, also known as the Battle of the Ardennes, began in 1944.\n"
    corpus = build(tmp_path, blank_nlp_with_sentences, mukden=text)
    events = {k: n for k, n in corpus.nodes.items() if n.kind == "event"}
    assert len(events) == 1
    (node,) = events.values()
    assert node.all_aliases() == {"Battle of the Bulge", "Battle of the Ardennes"}


def test_document_summary_counts_and_document_info(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(
        tmp_path,
        blank_nlp_with_sentences,
        front=SECTIONED,
        versailles="Some history of things\nGermany signed the Treaty of Versailles in 1919.\n",
        empty="",
    )
    assert corpus.summary() == {
        "documents": 2,
        "entities": 4,  # Red Army, Germany, and Kursk and Versailles from the event names
        "events": 2,  # Battle of Kursk, Treaty of Versailles
        "facts": 6,  # 4 read from sentences + 2 places given by event names
        "skipped": 1,  # the empty file
    }
    info = {d.source: (d.chars, d.sentences) for d in corpus.documents}
    # Headings and the title are not counted as sentences.
    assert info == {"front.txt": (len(SECTIONED), 3), "versailles.txt": (72, 1)}


def test_document_same_event_in_two_documents_is_one_node(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(
        tmp_path,
        blank_nlp_with_sentences,
        a="The Battle of Stalingrad ended in 1943.\n",
        b="The battles of Stalingrad are remembered. The Battles of Stalingrad ended in 1943.\n",
    )
    assert corpus.nodes["battle-of-stalingrad"].aliases == {
        "a.txt": {"Battle of Stalingrad"},
        "b.txt": {"Battles of Stalingrad"},
    }
    assert [(f.evidence.source, f.object) for f in story(corpus)] == [
        ("a.txt", "1943"),
        ("b.txt", "1943"),
    ]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # F01 Malta, J03 Vienna: an article that names the Ottoman Empire
        ("The Ottoman Empire besieged Malta in 1565. The Turks landed on 18 May.\n",
         "Ottoman Empire"),
        ("Turkish troops landed in Cyprus in 1974. The Turks held the north.\n", "Turkey"),
    ],
)  # fmt: skip
def test_document_demonym_is_the_state_the_article_names(
    tmp_path: Path, blank_nlp_with_sentences: Language, text: str, state: str
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, a=text)
    states = {n.label for n in corpus.nodes.values() if n.type == "Country"}
    assert states & {"Ottoman Empire", "Turkey"} == {state}, states


# ---------------------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------------------


def _anaphors(nlp: Language, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    doc = nlp(text)
    return [(m.type, m.surface, m.qualifiers) for s in doc.sents for m in anaphor_mentions(doc, s)]


def test_mentions_definite_references_are_anaphors(blank_nlp_with_sentences: Language) -> None:
    assert _anaphors(
        blank_nlp_with_sentences, "This war ended. That treaty held. Its fighting stopped."
    ) == [
        ("War", "This war", ()),
        ("Treaty", "That treaty", ()),
        ("Battle|Incident|Operation|War", "Its fighting", ()),
    ]


# Plural and synonym references to treaties, from A14 Westphalia, C13 Utrecht, D12 Dayton,
# B07 Guadalupe Hidalgo and B13 Sedan.
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("These treaties ended the Thirty Years' War in the Holy Roman Empire.", "These treaties"),
        ("The treaties were concluded between the representatives of Louis XIV of France.",
         "The treaties"),
        ("These accords put an end to the three-and-a-half-year-long Bosnian War.",
         "These accords"),
        ("Upon the termination of the armistice, hostilities were resumed.", "the armistice"),
        ("Bismarck again interposed to bring about a prolongation of the truce.", "the truce"),
    ],
)  # fmt: skip
def test_mentions_treaties_are_referred_to_in_the_plural_and_by_synonyms(
    blank_nlp_with_sentences: Language, text: str, surface: str
) -> None:
    assert _anaphors(blank_nlp_with_sentences, text) == [("Treaty", surface, ())]


@pytest.mark.parametrize(
    "text",
    [
        "The Accords was later amended in 1996.",  # D12: a capitalised cue is a name
        "They agreed to a truce.",  # an indefinite truce is a new one, not a reference
    ],
)
def test_mentions_treaty_synonyms_that_are_no_reference(
    blank_nlp_with_sentences: Language, text: str
) -> None:
    assert _anaphors(blank_nlp_with_sentences, text) == []


# References to an uprising by its kind: B08 Indian Rebellion, K01 Easter Rising, B16 Boxer
# Rebellion, D06 October Revolution, B06 Alamo.
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The rebellion began as a mutiny of sepoys of the East India Company's army.",
         "The rebellion"),
        ("Before the evening of the first day of the rebellion the centre of Dublin was held.",
         "the rebellion"),
        ("Missionaries were killed mostly in Shandong and Shanxi as part of the uprising.",
         "the uprising"),
        ("The revolution was led by the Bolsheviks.", "The revolution"),
        ("They defeated the Mexican Army at San Jacinto, ending the revolution.",
         "the revolution"),
    ],
)  # fmt: skip
def test_mentions_uprisings_are_referred_to_by_their_kind(
    blank_nlp_with_sentences: Language, text: str, surface: str
) -> None:
    [(types, found, _)] = _anaphors(blank_nlp_with_sentences, text)
    assert found == surface and {"Incident", "Event"} <= set(types.split("|"))


@pytest.mark.parametrize(
    "text",
    [
        # K01: another rising, named by its year
        "It was the most significant uprising in Ireland since the rebellion of 1798.",
        "The war of 1812 had ended.",
        "They joined a rebellion.",  # an indefinite rebellion is a new one
    ],
)
def test_mentions_a_kind_with_its_year_is_another_event(
    blank_nlp_with_sentences: Language, text: str
) -> None:
    found = [surface for _, surface, _ in _anaphors(blank_nlp_with_sentences, text)]
    assert not [f for f in found if f.endswith(("rebellion", "war"))], found


def test_mentions_qualifiers_are_recorded(blank_nlp_with_sentences: Language) -> None:
    assert _anaphors(blank_nlp_with_sentences, "The mutual neutrality pact held.") == [
        ("Treaty", "The mutual neutrality pact", ("mutual", "neutrality"))
    ]


def test_mentions_indefinite_reference_only_when_new(blank_nlp_with_sentences: Language) -> None:
    assert _anaphors(blank_nlp_with_sentences, "It was a war of nerves.") == []
    assert _anaphors(blank_nlp_with_sentences, "Then a new incident began.") == [
        ("Incident|Battle", "a new incident", ())
    ]


def test_mentions_declared_war_is_no_reference(blank_nlp_with_sentences: Language) -> None:
    assert _anaphors(blank_nlp_with_sentences, "Japan declared war on China.") == []


def test_mentions_capitalised_cue_is_no_anaphor(blank_nlp_with_sentences: Language) -> None:
    assert _anaphors(blank_nlp_with_sentences, "The Pact held.") == []


def test_mentions_span_mention_types(blank_nlp_with_sentences: Language) -> None:
    doc = blank_nlp_with_sentences("The Red Army and the Japanese fought the Battle of Kursk.")
    mentions = [span_mention(e) for e in doc.ents]
    assert [(m.kind, m.type, m.name, m.surface, m.demonym, m.id) for m in mentions if m] == [
        ("entity", "MilitaryUnit", "Red Army", "Red Army", False, "entity|MilitaryUnit|Red Army"),
        ("entity", "Country", "Japan", "Japanese", True, "entity|Country|Japan"),
        (
            "event",
            "Battle",
            "Battle of Kursk",
            "Battle of Kursk",
            False,
            "event|Battle|Battle of Kursk",
        ),
    ]


def test_document_year_in_an_event_name_is_its_begin(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    corpus = build(
        tmp_path, blank_nlp_with_sentences, a="She raced at the 2010 Winter Olympics in Canada.\n"
    )
    begins = [(f.subject, f.object, f.method) for f in corpus.facts if f.predicate == "begin"]
    assert begins == [("2010-winter-olympics", "2010", "name:year")]


# Infobox date lines as copied pages keep them, from A09 Agincourt, B11 Solferino, D07
# Guernica and A10 Constantinople: they date the event the page is about.
@pytest.mark.parametrize(
    ("title", "line", "dates"),
    [
        ("Battle of Agincourt", "Date25 October 1415 (Crispin's Day)", [("begin", "1415-10-25")]),
        ("Battle of Solferino", "- Date: 24 June 1859", [("begin", "1859-06-24")]),
        ("Bombing of Guernica", "Date26 April 1937 (1937-04-26)", [("begin", "1937-04-26")]),
        ("Siege of Constantinople", "Date6 April – 29 May 1453 (53 days)",
         [("begin", "1453-04-06"), ("end", "1453-05-29")]),
        # A treaty's box gives the signing date: B07 Guadalupe Hidalgo, C13 Utrecht, D12
        # Dayton, A14 Westphalia.
        ("Treaty of Guadalupe Hidalgo", "Signed | 2 February 1848 |", [("begin", "1848-02-02")]),
        ("Treaty of Utrecht", "Signed | 1713 |", [("begin", "1713")]),
        ("Dayton Agreement", "| Signed | 21 November 1995 (initialed on) |",
         [("begin", "1995-11-21")]),
        ("Peace of Westphalia", "- Date Signed: 24 October 1648", [("begin", "1648-10-24")]),
    ],
)  # fmt: skip
def test_document_infobox_date_dates_the_page_event(
    tmp_path: Path, blank_nlp_with_sentences: Language, title: str, line: str, dates: list
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, page=f"{title}\n{line}\nIt was fought.\n")
    found = [(f.predicate, f.object) for f in corpus.facts if f.method == "infobox:date"]
    assert found == dates


@pytest.mark.parametrize(
    "line",
    [
        "Date of birth 1 May 1900",
        "Dated letters from 1 May 1900",
        "Updated 2020",
        "Signed copies sold: 1713",
        "Signedness 2 February 1848",
    ],
)
def test_document_other_date_lines_are_not_infobox_dates(
    tmp_path: Path, blank_nlp_with_sentences: Language, line: str
) -> None:
    corpus = build(tmp_path, blank_nlp_with_sentences, page=f"Battle of Agincourt\n{line}\n")
    assert not [f for f in corpus.facts if f.method == "infobox:date"]


# An untitled page's box dates the event its lead names first, not the one it names most:
# D11 Camp David (the accords, then the peace treaty named three times), B07 Guadalupe
# Hidalgo and D12 Dayton open the same way (box lines, then "The X was signed ...").
def test_document_untitled_infobox_dates_the_event_the_lead_names_first(
    tmp_path: Path, blank_nlp_with_sentences: Language
) -> None:
    page = (
        "Type | bilateral treaty |\nSigned | 17 September 1978 |\n"
        "The Camp David Accords were signed by the two leaders. The Peace Treaty of "
        "Washington came later. The Peace Treaty of Washington held. The Peace Treaty of "
        "Washington was kept.\n"
    )
    corpus = build(tmp_path, blank_nlp_with_sentences, page=page)
    begins = [(f.subject, f.object) for f in corpus.facts if f.method == "infobox:date"]
    assert begins == [("camp-david-accords", "1978-09-17")]


# Lists of other names, from the history corpus: B18 (Gallipoli), B10 (Meiji
# Restoration), C01 (the Egyptian-Hittite treaty) and A04 (Tours: the footnote mark and
# the gloss in brackets are skipped).
@pytest.mark.parametrize(
    ("text", "aliases"),
    [
        (
            "The Gallipoli Campaign, also known as the Dardanelles Campaign, the Battle of "
            "Gallipoli or the Battle of Çanakkale (Turkish: Çanakkale Savaşı), was a campaign "
            "of World War I.",
            {"Dardanelles Campaign", "Battle of Gallipoli", "Battle of Çanakkale"},
        ),
        (
            "The Meiji Restoration (明治維新, Meiji Ishin), referred to at the time as the "
            "Honorable Restoration (御一新, Goisshin), was a political event in 1868.",
            {"Honorable Restoration"},
        ),
        (
            "The Egyptian–Hittite peace treaty, also known as the Eternal Treaty or the Silver "
            "Treaty, was concluded between Ramesses II and Ḫattušili III around 1259 BC.",
            {"Eternal Treaty", "Silver Treaty"},
        ),
        (
            "The Battle of Tours,[6] also called the Battle of Poitiers and, by Arab sources, "
            "the Battle of the Highway of the Martyrs (Arabic: معركة), was fought in 732 AD.",
            {"Battle of Poitiers"},  # the list breaks at "by Arab sources"
        ),
    ],
)
def test_other_names_listed_after_known_as_are_one_event(model_nlp, text, aliases) -> None:  # type: ignore[no-untyped-def]
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    named = {x for x, _ in a.same_as}
    assert len(named) == 1
    assert {a.nodes[y].name for _, y in a.same_as} == aliases


# Negatives: "known as" after something that is not an event's name says nothing about
# the events around it. Shaped on D08 ("night attacks known as the Blitz") and A16 (a
# king's epithet, "Peter I of Russia, also known as the Great", then another event).
@pytest.mark.parametrize(
    "text",
    [
        "The Battle of Britain preceded the long German campaign known as the Battle of the "
        "Atlantic.",
        "The Battle of Poltava was the decisive victory of Peter I of Russia, also known as "
        "the Great, over the Swedish forces in one of the battles of the Great Northern War.",
    ],
)
def test_known_as_after_no_event_name_says_nothing(model_nlp, text) -> None:  # type: ignore[no-untyped-def]
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    assert a.same_as == []


# An infobox copied without its labels leaves its sides, commanders and units as short
# lines, which the cleaner reads as headings: B16 Boxer Rebellion ("Russian Empire",
# "Alfred Graf von Waldersee"), A18 Saratoga ("Benjamin Lincoln"), C12 Orléans ("Kingdom
# of England"), D01 Antietam (two commanders, two armies with their notes on one line).
@pytest.mark.parametrize(
    ("line", "items"),
    [
        ("Russian Empire", ["Russian Empire"]),
        ("Alfred Graf von Waldersee", ["Alfred Graf von Waldersee"]),
        ("Benjamin Lincoln", ["Benjamin Lincoln"]),
        ("Kingdom of England", ["Kingdom of England"]),
        ("George B. McClellan Robert E. Lee", ["George B. McClellan", "Robert E. Lee"]),
        ("Army of the Potomac[2] Army of Northern Virginia[3]",
         ["Army of the Potomac", "Army of Northern Virginia"]),
        # A one-word name may title a section about its bearer; a section title the model
        # reads as a place is no actor (the reason headings keep only events); a line
        # with any other word is prose broken by the page, or a title.
        ("Napoleon", []),
        ("Background", []),
        ("Army of the Potomac near", []),
        # A note in brackets and a rank before a name are no other word: W02 Sevastopol,
        # A18 Saratoga, O02 Plassey, R03 Xinhai, A10 Constantinople.
        ("United Kingdom Lord Raglan (later replaced by General Simpson)",
         ["United Kingdom", "Lord Raglan", "General Simpson"]),
        ("Russia Lt. Col. Eduard Totleben", ["Russia", "Col. Eduard Totleben"]),
        ("Benedict Arnold (WIA)", ["Benedict Arnold"]),
        ("• Rai Durlabh (defector)", ["Rai Durlabh"]),
        ("Xiong Bingkun (熊秉坤)", ["Xiong Bingkun"]),
        ("• Cardinal Isidore (POW)", ["Cardinal Isidore"]),
        # A section's title with a bracket is still a title: D08's "Western Front (World
        # War II)" names a war; a bracketed year leaves a lone word.
        ("Western Front (World War II)", []),
        ("The Siege (1854)", []),
    ],
)  # fmt: skip
def test_document_names_that_fill_a_line_are_list_items(
    model_nlp: Language, line: str, items: list[str]
) -> None:
    from extract.document import _list_items

    doc = model_nlp(line)
    assert [e.text for e in _list_items(doc, list(doc.ents))] == items


def test_document_a_box_list_under_headings_gives_actor_nodes(read_article) -> None:  # type: ignore[no-untyped-def]
    corpus = read_article(
        "The Boxer Rebellion\n\nRussian Empire\nBritish Empire\nAlfred Graf von Waldersee\n\n"
        "The Boxer Rebellion was an uprising in China between 1899 and 1901.\n"
    )
    labels = {n.label for n in corpus.nodes.values()}
    # The gazetteer knows the British Empire as the United Kingdom.
    assert {"Russian Empire", "United Kingdom", "Alfred Graf von Waldersee"} <= labels


# An article's opening sentence gives its subject's other name after "or": B04 Leipzig,
# and Re-DocRED dev documents 266 ("Cranford Protocol"), 224 ("John Henry Dearle") and
# 436 ("Western Ukraine").
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The Battle of Leipzig or Battle of the Nations (German: Völkerschlacht) was fought "
         "by the coalition armies of Russia, Prussia, Austria and Sweden against the French "
         "army of Napoleon.", {"Battle of Leipzig", "Battle of the Nations"}),
        ("The Cranford Protocol or Cranford Agreement was an oral undertaking given in 1952 by "
         "the British Government.", {"Cranford Protocol", "Cranford Agreement"}),
        ("John Henry Dearle or J. H. Dearle ( 1859 in London – 15 January 1932 ) was a "
         "British textile and stained - glass designer.", {"John Henry Dearle", "J. H. Dearle"}),
        ("Western Ukraine or West Ukraine ( ) is a geographical and historical relative term.",
         {"Western Ukraine", "West Ukraine"}),
    ],
)  # fmt: skip
def test_document_an_opening_or_gives_another_name(
    read_article, text: str, names: set[str]
) -> None:  # type: ignore[no-untyped-def]
    corpus = read_article(text + "\n")
    assert any(names <= set(n.all_aliases()) for n in corpus.nodes.values())


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        # Two states the gazetteer knows apart; "or" in the middle of a sentence; a
        # sentence that goes on with another verb than "was".
        ("Britain or France was to blame, wrote Taylor.", {"United Kingdom", "France"}),
        ("Napoleon won the Battle of Jena or the Battle of Auerstedt.",
         {"Battle of Jena", "Battle of Auerstedt"}),
        ("The Battle of Jena or the Battle of Auerstedt decided the war.",
         {"Battle of Jena", "Battle of Auerstedt"}),
    ],
)  # fmt: skip
def test_document_other_uses_of_or_join_nothing(read_article, text: str, apart: set[str]) -> None:  # type: ignore[no-untyped-def]
    corpus = read_article(text + "\n")
    assert apart <= {n.label for n in corpus.nodes.values()}


# An event's other name in brackets right after it. The sentences are the articles' own:
# B05 Ayacucho, B10 Meiji Restoration, H02 Prague Spring.
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("On 9 December 1824, the Battle of Ayacucho (Battle of La Quinua) took place between "
         "Royalist and Independentist forces at Pampa de Ayacucho.",
         ("Battle of Ayacucho", "Battle of La Quinua")),
        ("Shortly thereafter in January 1868, the Boshin War (War of the Year of the Dragon) "
         "started with the Battle of Toba–Fushimi.",
         ("Boshin War", "War of the Year of the Dragon")),
        ("The Warsaw Pact invasion of Czechoslovakia (Operation Danube) was a joint invasion of "
         "Czechoslovakia by five Warsaw Pact nations.",
         ("Warsaw Pact Invasion of Czechoslovakia", "Operation Danube")),
    ],
)  # fmt: skip
def test_an_event_name_in_brackets_after_another_is_its_other_name(  # type: ignore[no-untyped-def]
    model_nlp, text, pair
) -> None:
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    assert pair in {(a.nodes[x].name, a.nodes[y].name) for x, y in a.same_as}


def test_brackets_holding_more_or_another_kind_of_event_join_nothing(model_nlp) -> None:  # type: ignore[no-untyped-def]
    # A battle's war in brackets is the wider event, not another name (B15's shape); a
    # bracket that says more than a name ("part of ...") is no other name either.
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    text = ("The Battle of Isandlwana (Anglo-Zulu War) was the first major encounter. The "
            "Battle of Sedan (part of the Franco-Prussian War) followed.")  # fmt: skip
    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    assert a.same_as == []


def test_an_events_label_is_the_name_its_sentences_use_most(tmp_path, model_nlp) -> None:  # type: ignore[no-untyped-def]
    # B10 opens "The Meiji Restoration ..., referred to at the time as the Honorable
    # Restoration ..." and goes on about the Meiji Restoration.
    from extract.corpus import extract_corpus

    path = tmp_path / "b10.txt"
    path.write_text(
        "The Meiji Restoration, referred to at the time as the Honorable Restoration, was a "
        "political event in 1868.\n\nThe Meiji Restoration ended the shogunate.\n\n"
        "Historians date the Meiji Restoration to January 1868.\n",
        encoding="utf-8",
    )
    corpus = extract_corpus([path], model_nlp, learned=False)
    labels = {n.label for n in corpus.nodes.values() if n.kind == "event"}
    assert labels == {"Meiji Restoration"}


# Names NER took for actors in a list of an event's other names, from three articles:
# K02 ("the Tripartite Aggression"), B08 ("the Indian Insurrection"), B10 ("the Meiji
# Renovation, Revolution, Regeneration, Reform, or Renewal"). They were answered as the
# events' participants; they are the events' names.
@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("The Suez Crisis, also known as the second Arab–Israeli war, the Tripartite "
         "Aggression in the Arab world and the Sinai War in Israel, was a British–French–"
         "Israeli invasion of Egypt in 1956.", "Tripartite Aggression"),
        ("The rebellion is also known as India's First War of Independence, the Great "
         "Rebellion, the Indian Mutiny, the Sepoy Rebellion, the Indian Insurrection and "
         "the Sepoy Mutiny.", "Indian Insurrection"),
        ("The Meiji Restoration (明治維新, Meiji Ishin), referred to at the time as the "
         "Honorable Restoration (御一新, Goisshin), and also known as the Meiji Renovation, "
         "Revolution, Regeneration, Reform, or Renewal, was a political event that restored "
         "practical imperial rule to Japan in 1868.",
         "Meiji Renovation, Revolution, Regeneration, Reform"),
    ],
)  # fmt: skip
def test_actors_in_a_list_of_an_events_names_are_its_names(model_nlp, text, alias) -> None:  # type: ignore[no-untyped-def]
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    assert not [n for n in a.nodes.values() if n.kind == "entity" and n.name == alias]
    assert any(alias in n.surfaces for n in a.nodes.values() if n.kind == "event")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # A possessive inside an item names a person the text goes on about (B14).
        ("The Battle of the Little Bighorn, known to the Lakota as the Battle of the Greasy "
         "Grass, and commonly referred to as Custer's Last Stand, was an armed engagement.",
         "Custer"),
        # A state's other name, and a person's later name with no event in the list.
        ("The Achaemenid Empire, also known as Persia, fought the Greeks at the Battle of "
         "Marathon.", "Iran"),
        ("Sir Arthur Wellesley, later known as the Duke of Wellington, won the Battle of "
         "Vitoria.", "Duke of Wellington"),
    ],
)  # fmt: skip
def test_other_names_lists_keep_actors_that_are_no_event_names(model_nlp, text, actor) -> None:  # type: ignore[no-untyped-def]
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    ((_, a),) = analyse_sources(model_nlp, [SourceText("a.txt", "a.txt", text, "x")], learned=False)
    assert any(n.kind == "entity" and n.name == actor for n in a.nodes.values())


# A determiner before a preposition or a verb is another noun's, not the event noun's:
# E01 Narva, E03 Rocroi, C03 Salamis, O02 Plassey. These read as references to "the
# siege" and "the fighting" of the page's battle, each giving that battle the actors of
# its sentence.
@pytest.mark.parametrize(
    "text",
    [
        "During November, Russian troops surrounded the city of Narva in Estonia, attempting "
        "to secure its surrender via siege.",
        "The Spanish troops set siege to Rocroi, which lay athwart the route to the Oise.",
        "It was better for the Greeks to retreat to the isthmus without fighting.",
        "Clive and the majority were against fighting, Major Eyre Coote and a few others for "
        "action.",
    ],
)
def test_mentions_determiner_of_another_phrase_makes_no_anaphor(
    model_nlp: Language, text: str
) -> None:
    assert _anaphors(model_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # The walk still crosses adjectives, nouns and "of" (the "X of battle" phrases
        # of A11 Bosworth and F02 Quebec name the day's battle).
        ("Wolfe died on the field of battle.", "the field of battle"),
        ("Its troops surrounded the city, and the long siege began.", "the long siege"),
        ("The mutual neutrality pact held.", "The mutual neutrality pact"),
    ],
)
def test_mentions_determiner_across_modifiers_still_makes_an_anaphor(
    model_nlp: Language, text: str, surface: str
) -> None:
    assert [found for _, found, _ in _anaphors(model_nlp, text)] == [surface]


# An event noun made an adjective by a prefix: D07 Guernica, M03 Locarno, L03 Tilsit.
@pytest.mark.parametrize(
    "text",
    [
        "The bombing is the subject of the anti-war painting Guernica by Pablo Picasso.",
        "They accepted the post-war territorial settlement in the west.",
        "In Tilsit, he ceded about half of his pre-war territories.",
    ],
)
def test_mentions_prefixed_event_noun_is_an_adjective(
    blank_nlp_with_sentences: Language, text: str
) -> None:
    assert _anaphors(blank_nlp_with_sentences, text) == []


def test_mentions_hyphen_without_a_prefix_keeps_the_event(
    blank_nlp_with_sentences: Language,
) -> None:
    found = _anaphors(blank_nlp_with_sentences, "The long-awaited war came.")
    assert [surface for _, surface, _ in found] == ["The long-awaited war"]
