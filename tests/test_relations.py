"""extract.relations with the trained pipeline: roles and statements from dependencies.

Skipped when no spaCy English model is installed (``pip install -e .[model]``).
"""

from __future__ import annotations

from collections.abc import Callable

from extract.model import Corpus

Reader = Callable[[str], Corpus]


def facts(corpus: Corpus) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in corpus.facts}


def test_relations_subject_of_signed_is_signatory(read_article: Reader) -> None:
    corpus = read_article("In 1919 Germany signed the Treaty of Versailles.\n")
    assert facts(corpus) == {
        ("treaty-of-versailles", "signatory", "germany"),
        ("germany", "signed", "treaty-of-versailles"),
        ("treaty-of-versailles", "begin", "1919"),
        ("treaty-of-versailles", "place", "versailles"),  # from the treaty's name
    }
    signatory = next(f for f in corpus.facts if f.predicate == "signatory")
    assert signatory.confidence == 0.9
    assert signatory.method == "dep:sign"


def test_relations_signing_the_treaty_by_anaphor(read_article: Reader) -> None:
    corpus = read_article(
        "The Treaty of Versailles was drafted in Paris in 1919. "
        "Germany signed the treaty in June.\n"
    )
    assert ("treaty-of-versailles", "signatory", "germany") in facts(corpus)
    assert ("germany", "signed", "treaty-of-versailles") in facts(corpus)


def test_relations_under_the_command_of_general_is_commander(read_article: Reader) -> None:
    corpus = read_article(
        "In 1943 the Red Army fought the Battle of Kursk under the command of General Ivan Konev.\n"
    )
    assert {
        ("battle-of-kursk", "commander", "ivan-konev"),
        ("battle-of-kursk", "belligerent", "red-army"),
    } <= facts(corpus)
    commander = next(f for f in corpus.facts if f.predicate == "commander")
    assert (commander.confidence, commander.method) == (0.85, "pattern:command")
    assert corpus.nodes["ivan-konev"].label == "Ivan Konev"  # the title is stripped


def test_relations_declared_war_on_is_a_statement(read_article: Reader) -> None:
    corpus = read_article("On 22 August 1942 Brazil declared war on Italy.\n")
    assert facts(corpus) == {("brazil", "declaredWarOn", "italy")}
    (fact,) = corpus.facts
    assert (fact.confidence, fact.method) == (0.85, "dep:declaredWarOn")


def test_relations_other_clause_actor_is_not_a_party(read_article: Reader) -> None:
    corpus = read_article(
        "In 1939 Germany invaded Poland, but Japan complied with the Anti-Comintern Pact.\n"
    )
    linked = {o for s, p, o in facts(corpus) if s == "anti-comintern-pact"}
    assert "japan" in linked
    assert "germany" not in linked
    assert "poland" not in linked


def test_relations_denunciation_date_is_not_the_pact_begin(read_article: Reader) -> None:
    corpus = read_article(
        "The Anglo-German Naval Agreement was signed on June 18, 1935. "
        "On 28 April 1939 Germany denounced the agreement.\n"
    )
    dates = {
        (p, o)
        for s, p, o in facts(corpus)
        if s == "anglo-german-naval-agreement" and p in {"begin", "end"}
    }
    assert dates == {("begin", "1935-06-18")}
    assert ("germany", "denounced", "anglo-german-naval-agreement") in facts(corpus)


def test_relations_denounced_named_pact_date_is_not_its_begin(read_article: Reader) -> None:
    corpus = read_article("On 28 April 1939 Germany denounced the Anglo-German Naval Agreement.\n")
    assert facts(corpus) == {
        ("germany", "denounced", "anglo-german-naval-agreement"),
        ("anglo-german-naval-agreement", "participant", "germany"),
        # The compound name states the two parties.
        ("anglo-german-naval-agreement", "signatory", "germany"),
        ("anglo-german-naval-agreement", "signatory", "united-kingdom"),
    }
    assert not any(f.predicate == "begin" for f in corpus.facts)


# An agreement made at a meeting gives the meeting its parties. Real examples: B20 and
# D10 of tests/data/history/texts, and the SAFTA agreement (a quiz's explanation in a
# public repository: "SAFTA agreement was signed at the 12th SAARC Summit in January 2004
# in Islamabad").
def test_relations_parties_of_an_agreement_made_at_a_conference_took_part_in_it(
    read_article: Reader,
) -> None:
    corpus = read_article(
        "The Munich Agreement was signed by Germany, France, the United Kingdom, and Italy. "
        "The agreement was negotiated at a conference held in Munich, Germany, among the "
        "major powers of Europe.\n"
    )
    found = {(f.subject, f.object, f.method) for f in corpus.facts if f.predicate == "participant"}
    assert {a for e, a, m in found if e == "munich-conference" and m == "inferred:madeAt"} == {
        "germany", "france", "united-kingdom", "italy"
    }  # fmt: skip


def test_relations_made_at_reads_the_three_forms(model_nlp) -> None:  # type: ignore[no-untyped-def]
    from extract.mentions import BlockEntities
    from extract.relations import find_made_at

    def made_at(text: str) -> list[tuple[str, str]]:
        doc = model_nlp(text)
        events = [m for m in BlockEntities(doc).mentions if m is not None and m.kind == "event"]
        agreements = [m for m in events if m.type == "Treaty"]
        meetings = [m for m in events if m.type == "Conference"]
        return [(a.name, m.name) for a, m in find_made_at(doc[:], agreements, meetings)]

    # D10: "the signing of X at Y".
    assert made_at(
        "The result was the creation of the International Monetary Fund and the World Bank "
        "at the July 1944 Bretton Woods Conference and the signing of the General Agreement "
        "on Tariffs and Trade at an international conference in Geneva in October 1947."
    ) == [("General Agreement on Tariffs", "Geneva Conference")]
    assert made_at(
        "SAFTA agreement was signed at the 12th SAARC Summit in January 2004 in Islamabad."
    ) == [("SAFTA Agreement", "12th SAARC Summit")]
    # D10's form, "the Atlantic Charter, issued ... at the conclusion of the August 1941
    # Atlantic Conference", with a cue the lexicon has.
    assert made_at(
        "The Treaty of Versailles, issued by the Allied Powers at the conclusion of the "
        "Paris Peace Conference, ended the war."
    ) == [("Treaty of Versailles", "Paris Peace Conference")]
    # Not made at a meeting: a place that is no meeting, a meeting the agreement followed.
    assert made_at("The Paris Agreement was signed at the United Nations in New York.") == []
    assert (
        made_at("The delegates met at the Yalta Conference after the Treaty of London was signed.")
        == []
    )


def _events(model_nlp, text: str):  # type: ignore[no-untyped-def]
    from extract.mentions import BlockEntities

    doc = model_nlp(text)
    return doc, [m for m in BlockEntities(doc).mentions if m is not None and m.kind == "event"]


# A battle's sides fought in the war it was part of. Real examples: the infobox lines of
# B11, D03 and A05, the opening sentences of A11, D03, A16, B13 and C02
# (tests/data/history/texts) and of Re-DocRED dev 286.
def test_relations_part_of_lines_name_the_pages_wider_events(model_nlp) -> None:  # type: ignore[no-untyped-def]
    from extract.relations import on_part_of_line

    for line, wider in [
        (
            "- Partof: the Second Italian War of Independence\n",
            "Second Italian War of Independence",
        ),
        ("Part of Anglo-Zulu War\n", "Anglo-Zulu War"),
        ("Part of the Byzantine-Seljuk wars\n", "Byzantine-Seljuk War"),
    ]:
        doc, events = _events(model_nlp, line)
        assert [m.name for m in events if on_part_of_line(doc, m)] == [wider]
    # Prose that opens with "Part of" names no wider event of the page.
    doc, events = _events(model_nlp, "Part of the Battle of Leipzig was fought in the rain.\n")
    assert events and not any(on_part_of_line(doc, m) for m in events)


def test_relations_a_battle_of_a_war_is_part_of_it(model_nlp) -> None:  # type: ignore[no-untyped-def]
    from extract.relations import find_part_of

    def part_of(text: str) -> list[tuple[str, str]]:
        doc, events = _events(model_nlp, text)
        return [(p.name, w.name) for p, w in find_part_of(doc[:], events)]

    assert part_of(
        "The Battle of Bosworth (or Bosworth Field) was the last significant battle of the "
        "Wars of the Roses, the civil war between the houses of Lancaster and York."
    ) == [("Battle of Bosworth", "War of the Roses")]
    assert part_of(
        "The Battle of Ulundi took place at the Zulu capital of Ulundi on 4 July 1879 and "
        "was the last major battle of the Anglo-Zulu War."
    ) == [("Battle of Ulundi", "Anglo-Zulu War")]
    assert part_of(
        "The Battle of Poltava fought on 8 July 1709, was the decisive and largest battle of "
        "the Great Northern War."
    ) == [("Battle of Poltava", "Great Northern War")]
    # "fought/took place during": B13, C02 and Re-DocRED dev 286.
    assert part_of(
        "The Battle of Sedan was fought during the Franco–Prussian War on 1 September 1870."
    ) == [("Battle of Sedan", "Franco–Prussian War")]
    assert part_of(
        "The Battle of Marathon took place in 490 BC during the first Persian invasion of Greece."
    ) == [("Battle of Marathon", "First Persian Invasion of Greece")]
    assert part_of(
        "The Battle of Chiari was fought on 1 September 1701 during the War of the Spanish "
        "Succession."
    ) == [("Battle of Chiari", "War of the Spanish Succession")]
    # Not part of: a battle compared with one, or fought after one.
    assert part_of("The Battle of Borodino was bloodier than the Battle of Leipzig.") == []
    assert part_of("The Battle of Lützen was fought after the Battle of Leipzig.") == []


def test_relations_a_battles_sides_fought_in_its_war(read_article: Reader) -> None:
    corpus = read_article(
        "Battle of Solferino\n\n"
        "- Partof: the Second Italian War of Independence\n\n"
        "The Battle of Solferino was fought between France and Austria in 1859. Napoleon "
        "III commanded the French army.\n"
    )
    carried = {(f.subject, f.object) for f in corpus.facts if f.method == "inferred:partOf"}
    war = "second-italian-war-of-independence"
    assert {(war, "france"), (war, "austria")} <= carried
    # A battle's commander is not, by that, a leader of the war.
    assert not any("napoleon" in actor for _, actor in carried)


# C12 (the Siege of Orléans) opened paragraphs with the Hundred Years' War, which then
# framed the siege's commanders; A09 and D01 have the same box line above such prose.
def test_relations_a_pages_wider_event_does_not_frame_its_paragraphs(
    read_article: Reader,
) -> None:
    text = (
        "Siege of Orléans\n\n"
        "Part of the Hundred Years' War\n\n"
        "In 1428 the Hundred Years' War had lasted ninety years. The English commander "
        "William de la Pole led the assault on the bridge.\n"
    )
    linked = {(f.subject, f.object) for f in read_article(text).facts}
    assert ("siege-of-orleans", "william-de-la-pole") in linked
    assert ("hundred-years-war", "william-de-la-pole") not in linked


# A state's envoys make its treaty: the sentences are the articles' own (H02 Prague
# Spring, C13 Utrecht, A14 Westphalia). A list's later items reach "representatives" as
# its first does.
def test_relations_representatives_of_states_take_part(read_article: Reader) -> None:
    bratislava = facts(read_article(
        "On 3 August, representatives from the Soviet Union, East Germany, People's Republic "
        "of Poland, Hungary, Bulgaria, and Czechoslovakia met in Bratislava and signed the "
        "Bratislava Declaration.\n"
    ))  # fmt: skip
    linked = {o for s, p, o in bratislava if s == "bratislava-declaration"}
    assert {"soviet-union", "east-germany", "hungary", "bulgaria", "czechoslovakia"} <= linked
    utrecht = facts(read_article(
        "The Treaty of Utrecht was concluded between the representatives of Louis XIV of "
        "France and of his grandson Philip V of Spain on one hand, and representatives of "
        "Anne of Great Britain, Victor Amadeus II of Sardinia, John V of Portugal and the "
        "United Provinces of the Netherlands on the other.\n"
    ))  # fmt: skip
    assert {"louis-xiv", "john-v"} <= {o for s, p, o in utrecht if s == "treaty-of-utrecht"}
    westphalia = facts(read_article(
        "For the Peace of Westphalia, the representatives of France, the Empire, Spain, and "
        "the German Catholics met at Münster.\n"
    ))  # fmt: skip
    assert {"france", "spain"} <= {o for s, p, o in westphalia if s == "peace-of-westphalia"}


def test_relations_from_a_place_is_still_where(read_article: Reader) -> None:
    corpus = read_article("Trotsky travelled from Moscow to sign the Treaty of Brest-Litovsk.\n")
    assert "moscow" not in {o for s, p, o in facts(corpus) if s == "treaty-of-brest-litovsk"}


# An agreement and a meeting named by one place in one article were made at one
# occasion. Real names: D11 ("the Camp David Accords", "the Camp David meetings"), B20
# ("the Munich Agreement", "the Munich Conference"), M01 ("the Treaty of Paris", "the
# Congress of Paris") of tests/data/history/texts.
def test_wider_events_agreement_and_meeting_named_by_one_place() -> None:
    from extract.analysis import LocalNode
    from extract.reading.wider_events import same_place_meetings

    def pairs(*names: tuple[str, str]) -> set[tuple[str, str]]:
        nodes = {name: LocalNode("event", kind, name) for name, kind in names}
        return set(same_place_meetings(nodes))

    assert pairs(("Camp David Accords", "Treaty"), ("Camp David Meetings", "Conference")) == {
        ("Camp David Accords", "Camp David Meetings")
    }
    assert pairs(("Munich Agreement", "Treaty"), ("Munich Conference", "Conference")) == {
        ("Munich Agreement", "Munich Conference")
    }
    assert pairs(("Treaty of Paris", "Treaty"), ("Congress of Paris", "Conference")) == {
        ("Treaty of Paris", "Congress of Paris")
    }
    # Not one place: the treaty was signed away from the conference (I03), a treaty named
    # by more than its place, a meeting of no place.
    meeting = "Conference"
    assert pairs(("Treaty of Versailles", "Treaty"), ("Paris Peace Conference", meeting)) == set()
    assert pairs(("Munich Naval Agreement", "Treaty"), ("Munich Conference", meeting)) == set()
    assert pairs(("Treaty of Paris", "Treaty"), ("Peace Conference", meeting)) == set()


def test_wider_events_meeting_parties_carried_to_its_agreement(read_article: Reader) -> None:
    corpus = read_article(
        "The Camp David meetings were attended by Egypt and Israel in September 1978. "
        "The Camp David Accords followed.\n"
    )
    carried = {
        (f.subject, f.object)
        for f in corpus.facts
        if f.method == "inferred:madeAt" and f.predicate == "participant"
    }
    assert {("camp-david-accords", "egypt"), ("camp-david-accords", "israel")} <= carried
    fact = next(f for f in corpus.facts if f.method == "inferred:madeAt")
    assert fact.evidence.sentence.startswith("The Camp David meetings were attended")


def carried_years(corpus) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(event, year) of the years carried between an agreement and its meeting."""
    return {
        (f.subject, f.object)
        for f in corpus.facts
        if f.method == "inferred:madeAt" and f.predicate == "begin"
    }


# An agreement dates the meeting it was made at (B20: "The Munich Agreement was signed on
# 30 September 1938 ... The agreement was negotiated at a conference held in Munich"; D11:
# "the Camp David Accords were signed ... on 17 September 1978" and "the Camp David
# meetings"; M01: the Congress and the Treaty of Paris, both 1856): the year only.
def test_wider_events_an_agreement_dates_the_meeting_it_was_made_at(read_article: Reader) -> None:
    corpus = read_article(
        "The Munich Agreement was signed by Germany and France on 30 September 1938. "
        "The agreement was negotiated at a conference held in Munich.\n"
    )
    assert carried_years(corpus) == {("munich-conference", "1938")}


def test_wider_events_an_agreement_dates_the_meeting_of_its_place(read_article: Reader) -> None:
    # D11: the meetings are named by their place only, the Accords by theirs and a day.
    corpus = read_article(
        "The Camp David meetings were attended by Egypt and Israel. "
        "The Camp David Accords were signed on 17 September 1978.\n"
    )
    assert carried_years(corpus) == {("camp-david-meetings", "1978")}


def test_wider_events_a_meeting_dated_by_its_text_keeps_its_date(read_article: Reader) -> None:
    # The Camp David meetings began on 5 September: the Accords' day is not theirs, and
    # a dated meeting is not given another date.
    corpus = read_article(
        "The Camp David meetings opened on 5 September 1978. "
        "The Camp David Accords were signed on 17 September 1978.\n"
    )
    assert not [f for f in corpus.facts if f.method == "inferred:madeAt" and f.predicate == "begin"]
    begins = {(f.subject, f.object) for f in corpus.facts if f.predicate == "begin"}
    assert ("camp-david-meetings", "1978-09-05") in begins
