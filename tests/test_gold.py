"""The development gold standard (tests/data/seeds.json, copied from shared/gold)."""

from __future__ import annotations

import pytest

from queries.gold import GoldReport, normalise, render_report

# Known shortfalls of the seeds gold since issue 9, kept as strict expected failures so a
# fix shows up as an unexpected pass. Khalkhin Gol: the article that describes the battle
# calls it "Battle of Jaljin Goal"; the j/h spelling rule that joined the two names was a
# one-article rule and is gone, so the two names are two nodes. Precision: the
# participation model also answers states and people the articles mention around the
# events (docs/quality.md has the figures).
_SPLIT = pytest.mark.xfail(strict=True, reason="Jaljin Goal and Khalkhin Gol are two nodes")
_MODEL_FP = pytest.mark.xfail(strict=True, reason="model answers co-mentioned actors")


@pytest.mark.parametrize(
    "event",
    [pytest.param("khalkhin_gol", marks=_SPLIT), "neutrality_pact", "soviet_japanese_war"],
)
def test_gold_event_answers_every_required_participant(
    seeds_gold_report: GoldReport, event: str
) -> None:
    score = next(e for e in seeds_gold_report.events if e.id == event)
    assert score.found
    assert score.missing == [], render_report(seeds_gold_report)


@pytest.mark.parametrize(
    "event",
    [
        pytest.param("khalkhin_gol", marks=_MODEL_FP),
        pytest.param("neutrality_pact", marks=_MODEL_FP),
        # Since the session of 2026-12-02 the retrained model also gives the war Germany
        # (0.56), which the article names only around the 1941 pact.
        pytest.param("soviet_japanese_war", marks=_MODEL_FP),
    ],
)
def test_gold_event_answers_nothing_outside_required_and_acceptable(
    seeds_gold_report: GoldReport, event: str
) -> None:
    score = next(e for e in seeds_gold_report.events if e.id == event)
    assert score.unexpected == [], render_report(seeds_gold_report)


@pytest.mark.parametrize(
    "event",
    [pytest.param("khalkhin_gol", marks=_SPLIT), "neutrality_pact", "soviet_japanese_war"],
)
def test_gold_event_dates_match(seeds_gold_report: GoldReport, event: str) -> None:
    score = next(e for e in seeds_gold_report.events if e.id == event)
    assert score.dates_right, score.dates


def test_gold_seeds_overall_no_worse_than_measured(seeds_gold_report: GoldReport) -> None:
    # The level measured with the shipped model, which was trained on these events: recall
    # 0.70, precision 0.45 at 0.5 (10 of 22 answers right). The targets (1.0 and 0.9) are
    # not met, see docs/quality.md. Precision was 0.53 before the model's scores were
    # calibrated on articles, and 0.48 (11 of 23) before the history corpus grew to 80
    # articles: the retrained model puts one more co-mentioned name just over 0.5 (a
    # retired colonel quoted on the war). Read out of fold, by models that never saw the
    # seeds, it is 0.40 to 0.45 from one retraining to the next.
    assert seeds_gold_report.recall >= 0.7, render_report(seeds_gold_report)
    assert seeds_gold_report.precision >= 0.45, render_report(seeds_gold_report)


def test_gold_no_gold_name_comes_out_as_a_person(seeds_gold_report: GoldReport) -> None:
    assert seeds_gold_report.false_people == []


def test_gold_normalise_ignores_case_accents_article_and_dashes() -> None:
    assert normalise("the Soviet–Japanese  Neutrality Pact") == "soviet-japanese neutrality pact"
    assert normalise("Naotake Satō") == normalise("naotake sato")


def test_gold_a_person_is_also_matched_without_titles() -> None:
    # The graph names people without titles (README, "Names"); a gold list written from
    # the text may give only the titled form ("Sir John Jellicoe", D05).
    from queries.gold import _gold_names, _identify

    gold = {
        "entities": {
            "jellicoe": {"type": "Person", "names": ["Sir John Jellicoe", "Jellicoe"]},
            "john": {"type": "Person", "names": ["King John", "John"]},
            "navy": {"type": "MilitaryUnit", "names": ["Royal Navy"]},
        }
    }
    names = _gold_names(gold)
    assert _identify("John Jellicoe", names) == "jellicoe"
    assert _identify("John", names) == "john"  # "King John" stripped is already John's
    assert _identify("Navy", names) is None  # only people lose titles


def test_gold_a_regnal_name_is_also_matched_without_its_realm() -> None:
    # C07's gold lists "Raymond III of Tripoli" and "Humphrey IV of Toron" alone; the graph
    # labels a king an article names both ways without the realm (extract/resolve.py).
    from queries.gold import _gold_names, _identify

    gold = {
        "entities": {
            "raymond": {"type": "Person", "names": ["Raymond III of Tripoli"]},
            "louis_h": {"type": "Person", "names": ["Louis II of Hungary"]},
            "louis_f": {"type": "Person", "names": ["Louis II of France"]},
            "county": {"type": "Country", "names": ["Charles IV of Lorraine"]},
        }
    }
    names = _gold_names(gold)
    assert _identify("Raymond III", names) == "raymond"
    assert _identify("Louis II", names) is None  # two kings: neither's
    assert _identify("Charles IV", names) is None  # only people
