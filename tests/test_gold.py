"""The development gold standard (tests/data/seeds.json, copied from shared/gold)."""

from __future__ import annotations

import pytest

from eval.gold import GoldReport, normalise, render_report


@pytest.mark.parametrize("event", ["khalkhin_gol", "neutrality_pact", "soviet_japanese_war"])
def test_gold_event_answers_every_required_participant(
    seeds_gold_report: GoldReport, event: str
) -> None:
    score = next(e for e in seeds_gold_report.events if e.id == event)
    assert score.found
    assert score.missing == [], render_report(seeds_gold_report)


@pytest.mark.parametrize("event", ["khalkhin_gol", "neutrality_pact", "soviet_japanese_war"])
def test_gold_event_answers_nothing_outside_required_and_acceptable(
    seeds_gold_report: GoldReport, event: str
) -> None:
    score = next(e for e in seeds_gold_report.events if e.id == event)
    assert score.unexpected == [], render_report(seeds_gold_report)


@pytest.mark.parametrize("event", ["khalkhin_gol", "neutrality_pact", "soviet_japanese_war"])
def test_gold_event_dates_match(seeds_gold_report: GoldReport, event: str) -> None:
    score = next(e for e in seeds_gold_report.events if e.id == event)
    assert score.dates_right, score.dates


def test_gold_no_gold_name_comes_out_as_a_person(seeds_gold_report: GoldReport) -> None:
    assert seeds_gold_report.false_people == []


def test_gold_normalise_ignores_case_accents_article_and_dashes() -> None:
    assert normalise("the Soviet–Japanese  Neutrality Pact") == "soviet-japanese neutrality pact"
    assert normalise("Naotake Satō") == normalise("naotake sato")
