"""queries/lookup.py: finding an event or entity by the name a person types."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.errors import NotFoundError
from kg.store import GraphStore
from queries.lookup import Candidate, find_entity, find_event, match, normalize

ROOT = Path(__file__).resolve().parents[1]
EV = "https://w3id.org/histkg/event/"


def candidate(slug: str, label: str, *aliases: str, type: str = "Battle") -> Candidate:
    return Candidate(EV + slug, label, type, (label, *aliases))


CANDIDATES = [
    candidate("battle-of-khalkhin-gol", "Battle of Khalkhin Gol", "Nomonhan Incident"),
    candidate("battle-of-kursk", "Battle of Kursk"),
    candidate("kursk", "Kursk", type="Operation"),
    candidate("thirty-years-war", "Thirty Years' War", type="War"),
    candidate("soviet-japanese-war", "Soviet–Japanese War", type="War"),
    candidate("soviet-japanese-pact", "Soviet–Japanese Neutrality Pact", type="Treaty"),
    candidate("battle-of-austerlitz", "Battle of Austerlitz"),
    candidate("battle-of-the-somme", "Battle of the Somme"),
    candidate("battle-of-sedan-1870", "Battle of Sedan (1870)"),
    candidate("battle-of-sedan-1940", "Battle of Sedan (1940)"),
]


def label_of(name: str) -> str:
    return match(CANDIDATES, name).label


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Battle of Khalkhin Gol", "battle of khalkhin gol"),
        ("  BATTLE   of  khalkhin-gol ", "battle of khalkhin gol"),
        ("Soviet–Japanese War", "soviet japanese war"),
        ("Soviet—Japanese War", "soviet japanese war"),
        ("Yōsuke Matsuoka", "yosuke matsuoka"),
        ("Thirty Years’ War", "thirty years war"),
        ('"Thirty Years\' War"', "thirty years war"),
        ("the Battle of the Somme", "battle of the somme"),
        ("The", "the"),
        ("U.S.", "us"),
        ("Battle of Sedan (1870)", "battle of sedan 1870"),
    ],
)
def test_lookup_normalize_folds_case_accents_dashes_quotes_and_leading_the(
    raw: str, expected: str
) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Battle of Khalkhin Gol",
        "battle of khalkhin gol",
        "BATTLE OF KHALKHIN-GOL",
        "the Battle of Khalkhin Gol",
        "Battle of Khálkhin Gol",
        "Nomonhan Incident",  # any alias
        "Khalkhin Gol",  # a word run of one alias
        "nomonhan",
        "Battle of Khalkin Gol",  # misspelt
        "Khalkin Gol",  # misspelt word run
    ],
)
def test_lookup_match_is_forgiving(name: str) -> None:
    assert label_of(name) == "Battle of Khalkhin Gol"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Soviet-Japanese War", "Soviet–Japanese War"),
        ("soviet japanese war", "Soviet–Japanese War"),
        ("Soviet—Japanese Neutrality Pact", "Soviet–Japanese Neutrality Pact"),
        ("Thirty Years War", "Thirty Years' War"),
        ("the thirty years’ war", "Thirty Years' War"),
        ("Somme", "Battle of the Somme"),
        ("Austerlitz", "Battle of Austerlitz"),
        ("Battle of Austerlits", "Battle of Austerlitz"),
    ],
)
def test_lookup_match_dashes_quotes_and_partial_names(name: str, expected: str) -> None:
    assert label_of(name) == expected


def test_lookup_match_prefers_exact_over_partial() -> None:
    # "Kursk" is a word run of "Battle of Kursk" but the exact name of another event.
    assert label_of("Kursk") == "Kursk"
    assert label_of("battle of kursk") == "Battle of Kursk"


def test_lookup_match_accepts_iris_and_prefixed_names() -> None:
    assert label_of(EV + "battle-of-kursk") == "Battle of Kursk"
    assert label_of(f"<{EV}kursk>") == "Kursk"
    assert label_of("ev:thirty-years-war") == "Thirty Years' War"


def test_lookup_match_ambiguous_partial_lists_the_candidates() -> None:
    with pytest.raises(NotFoundError) as info:
        match(CANDIDATES, "Soviet-Japanese")
    message = str(info.value)
    assert "several events" in message
    assert "Soviet–Japanese Neutrality Pact" in message
    assert "Soviet–Japanese War" in message


def test_lookup_match_equally_good_fuzzy_matches_are_ambiguous() -> None:
    # "sedam" is one letter off "sedan" in both names, and nothing else tells them apart.
    with pytest.raises(NotFoundError) as info:
        match(CANDIDATES, "Battle of Sedam")
    assert "Battle of Sedan (1870)" in str(info.value)
    assert "Battle of Sedan (1940)" in str(info.value)


def test_lookup_match_no_match_suggests_three_nearest_labels() -> None:
    with pytest.raises(NotFoundError) as info:
        match(CANDIDATES, "Battle of Stalingrad")
    message = str(info.value)
    assert message.startswith("no event matches 'Battle of Stalingrad'; did you mean: ")
    suggested = message.split("did you mean: ", 1)[1].rstrip("?").split(", ")
    assert len(suggested) == 3
    assert all(s.startswith("Battle of") for s in suggested)


# Encyclopedia titles carry a bracketed qualifier the text does not ("Battle of Khotyn
# (1673)" for the J03 article's "battle of Khotin", "Battle of Kosovo (1389)", "Siege of
# Vienna (1529)"): matched without it, and its year picks the event whose name states it.
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Battle of Khotyn (1673)", "Battle of Khotin"),
        ("Battle of Kosovo (1389)", "Battle of Kosovo"),
        ("Siege of Vienna (1529)", "1529 Siege of Vienna"),
        ("Siege of Vienna (1683)", "Siege of Vienna"),
        ("Battle of Sedan (1870)", "Battle of Sedan (1870)"),  # the graph's own label
        ("Battle of Austerlitz (Napoleonic Wars)", "Battle of Austerlitz"),
    ],
)
def test_lookup_match_reads_a_bracketed_qualifier(name: str, expected: str) -> None:
    graph = [
        *CANDIDATES,
        candidate("battle-of-khotin", "Battle of Khotin"),
        candidate("battle-of-kosovo", "Battle of Kosovo"),
        candidate("siege-of-vienna", "Siege of Vienna"),
        candidate("siege-of-vienna-1529", "1529 Siege of Vienna"),
    ]
    assert match(graph, name).label == expected


def test_lookup_match_qualified_name_that_fits_nothing_names_what_was_typed() -> None:
    with pytest.raises(NotFoundError, match=r"no event matches 'Battle of Stalingrad \(1942\)'"):
        match(CANDIDATES, "Battle of Stalingrad (1942)")


# A meeting is called a summit, meetings, a conference or talks: D11's text has "the Camp
# David meetings", a reader asks for the Camp David summit; M03's "Locarno negotiations"
# is asked for as the Locarno Conference.
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Camp David summit", "Camp David Meetings"),
        ("Locarno Conference", "Locarno Negotiations"),
        ("Yalta talks", "Yalta Conference"),
    ],
)
def test_lookup_match_a_meeting_by_another_word_for_one(name: str, expected: str) -> None:
    graph = [
        *CANDIDATES,
        candidate("camp-david-meetings", "Camp David Meetings"),
        candidate("locarno-negotiations", "Locarno Negotiations"),
        candidate("yalta-conference", "Yalta Conference"),
    ]
    assert match(graph, name).label == expected


def test_lookup_match_meeting_words_only_replace_each_other() -> None:
    graph = [*CANDIDATES, candidate("camp-david-meetings", "Camp David Meetings")]
    with pytest.raises(NotFoundError):
        match(graph, "Camp David treaty")  # a treaty is no meeting
    # A name that matches as typed keeps its own match.
    graph.append(candidate("camp-david-summit", "Camp David Summit"))
    assert match(graph, "Camp David summit").label == "Camp David Summit"


def test_lookup_match_word_fragments_are_not_partial_matches() -> None:
    with pytest.raises(NotFoundError):
        match(CANDIDATES, "ttle of")


def test_lookup_match_empty_name_and_empty_graph() -> None:
    with pytest.raises(NotFoundError, match="no event name given"):
        match(CANDIDATES, " – ")
    with pytest.raises(NotFoundError, match="no events"):
        match([], "Battle of Kursk")


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Nomonhan", "battle-of-khalkhin-gol"),
        ("KHALKHIN-GOL", "battle-of-khalkhin-gol"),
        ("the Soviet-Japanese War", "soviet-japanese-war"),
        ("soviet japanese neutrality pact", "soviet-japanese-neutrality-pact"),
        ("Changkufeng incident", "battle-of-lake-khasan"),
        ("soviet invasion of manchuria", "soviet-invasion-of-manchuria"),
    ],
)
def test_lookup_find_event_in_store(mini_store: GraphStore, name: str, iri: str) -> None:
    assert find_event(mini_store, name).iri == EV + iri


def test_lookup_find_event_candidate_has_label_type_and_all_aliases(
    mini_store: GraphStore,
) -> None:
    found = find_event(mini_store, "nomonhan incident")
    assert found.label == "Battle of Khalkhin Gol"
    assert found.type == "Battle"
    assert {"Nomonhan Incident", "Battle of Khalkhin-Gol", "Khalkhin Gol"} <= set(found.aliases)
    assert find_event(mini_store, "Soviet invasion of Manchuria").type == "Event"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Yosuke Matsuoka", "yosuke-matsuoka"),
        ("kantogun", "kwantung-army"),
        ("Mongolian Peoples Republic", "mongolia"),
        ("USSR", "soviet-union"),
        ("Zhukov", "georgy-zhukov"),
    ],
)
def test_lookup_find_entity_in_store(mini_store: GraphStore, name: str, slug: str) -> None:
    assert find_entity(mini_store, name).iri == "https://w3id.org/histkg/entity/" + slug


def test_lookup_find_event_no_match_names_events_of_the_store(mini_store: GraphStore) -> None:
    with pytest.raises(NotFoundError, match=r"did you mean: .*Battle of"):
        find_event(mini_store, "Battle of Stalingrad")


def test_lookup_imports_neither_spacy_nor_extract() -> None:
    # Of extract/, only the vocabulary table, which imports nothing.
    code = (
        "import sys, queries.lookup, queries.events; "
        "bad = [m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'extract')) "
        "and m not in ('extract', 'extract.vocabulary', 'extract.errors')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_lookup_exact_name_uses_the_index_not_a_scan(mini_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import queries.lookup as lookup_module

    asked: list[tuple[str, bool]] = []
    real_select = lookup_module.select

    def recording(store, name, bindings=None):  # type: ignore[no-untyped-def]
        asked.append((name, bool(bindings)))
        return real_select(store, name, bindings)

    monkeypatch.setattr(lookup_module, "select", recording)
    found = lookup_module.find_event(mini_store, "Battle of Khalkhin Gol")
    assert found.label == "Battle of Khalkhin Gol"
    # Only bound lookups: no unbound query over every event's labels.
    assert asked and all(bound for _, bound in asked)
    assert ("events", False) not in asked

    asked.clear()
    assert lookup_module.find_event(mini_store, "khalkin gol").label == "Battle of Khalkhin Gol"
    assert ("events", False) in asked  # a misspelling falls back to the forgiving scan


def test_lookup_imports_the_fuzzy_matchers_only_when_it_needs_them() -> None:
    # kg who with an exact name never compares spellings: rapidfuzz and difflib cost
    # start-up time (bench: kg who EVENT against python -c "import rdflib, pyoxigraph").
    import subprocess
    import sys

    code = "import sys, queries.lookup; print('rapidfuzz' in sys.modules, 'difflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_lookup_fuzzy_bound_is_rapidfuzz_indel_similarity() -> None:
    import rapidfuzz.distance

    from queries.lookup import _bound, _similarity

    kursk = Candidate("urn:k", "Battle of Kursk", "Battle", ())
    indel = rapidfuzz.distance.Indel.normalized_similarity("kursck", "kursk")
    assert _bound("kursck", kursk) == pytest.approx(indel)
    # 2 x the longest common subsequence / total length, over the best span ("kursk").
    assert _bound("kursck", kursk) == pytest.approx(2 * 5 / 11) == _similarity("kursck", kursk)
    # A 100,000-character name, bounded directly (lookup refuses it before this): exact,
    # 2 x the 15 letters of the alias it holds / the total length.
    huge = normalize("Battle of Kursk " * 6_250)
    assert _bound(huge, kursk) == pytest.approx(2 * 15 / (len(huge) + 15))


_NAMES = st.text(alphabet="abcdeklmnorst ", min_size=1, max_size=24).map(normalize)


@settings(max_examples=200, deadline=None)
@given(query=_NAMES.filter(bool), labels=st.lists(_NAMES.filter(bool), max_size=12))
def test_lookup_ranking_is_exactly_difflibs(query: str, labels: list[str]) -> None:
    """rapidfuzz only decides which candidates difflib scores: the order is the one of
    scoring every candidate with difflib and sorting (ties by label, then list order)."""
    from queries.lookup import _ranked, _similarity

    candidates = [Candidate(f"urn:{i}", label, "Battle", ()) for i, label in enumerate(labels)]
    expected = sorted(candidates, key=lambda c: (-_similarity(query, c), c.label.casefold()))
    ranked = list(_ranked(query, candidates))
    assert [c for _, c in ranked] == expected
    assert [score for score, _ in ranked] == [_similarity(query, c) for c in expected]


def test_lookup_ranking_scores_few_candidates_with_difflib(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import queries.lookup

    calls: list[str] = []
    real = queries.lookup._similarity

    def counting(query: str, candidate: Candidate) -> float:
        calls.append(candidate.label)
        return real(query, candidate)

    monkeypatch.setattr(queries.lookup, "_similarity", counting)
    candidates = [Candidate(f"urn:{i}", f"Treaty of Place{i}", "Treaty", ()) for i in range(200)]
    candidates.append(Candidate("urn:k", "Battle of Kursk", "Battle", ()))
    assert match(candidates, "Batle of Kursck").iri == "urn:k"
    assert 0 < len(calls) < 20  # not all 201
