"""An article the pipeline was not developed on (tests/data/unseen/, written for these
tests in the style of the seed pages: web chrome, headings, dates without years)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main

UNSEEN = Path(__file__).parent / "data" / "unseen"


def ask(store: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, [*args, "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def participants(data: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {p["label"]: p["roles"] for p in data["participants"]}


def test_unseen_war_has_both_sides_and_its_dates(unseen_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(unseen_store, "who", "the winter war")
    assert data["event"]["label"] == "Winter War"
    assert data["event"]["start"] == "1939-11-30"
    assert data["event"]["end"] == "1940-03-13"  # "It began ... and ended ... on 13 March 1940"
    assert participants(data) == {"Finland": ["belligerent"], "Soviet Union": ["belligerent"]}


def test_unseen_battle_commander_from_its_section(unseen_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(unseen_store, "who", "Battle of Suomussalmi")
    assert data["event"]["start"] == "1939-12-07" and data["event"]["end"] == "1940-01-08"
    found = participants(data)
    assert found["Hjalmar Siilasvuo"] == ["commander"]
    assert {"Finland", "Soviet Union"} <= set(found)
    assert "Germany" not in found


def test_unseen_treaty_signatories(unseen_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(unseen_store, "who", "Moscow Peace Treaty")
    assert participants(data) == {"Finland": ["signatory"], "Soviet Union": ["signatory"]}
    assert data["event"]["start"] == "1940-03-12"


def test_unseen_people_keep_full_names_without_titles(unseen_store) -> None:  # type: ignore[no-untyped-def]
    people = {e["label"] for e in ask(unseen_store, "entities", "--type", "Person")}
    assert {"Carl Gustaf Emil Mannerheim", "Hjalmar Siilasvuo", "Semyon Timoshenko"} <= people
    assert not any(p.startswith(("Marshal", "Colonel", "Admiral")) for p in people)
    places = {e["label"] for e in ask(unseen_store, "entities", "--type", "Place")}
    assert "Background" not in places  # a heading is not a place


def test_unseen_admiral_under_whose_command_is_a_commander(unseen_store) -> None:  # type: ignore[no-untyped-def]
    found = participants(ask(unseen_store, "who", "Battle of Tsushima"))
    assert "commander" in found["Togo Heihachiro"]
    # "under Admiral Zinovy Rozhestvensky"; "Rozhdestvensky was wounded" is the same man.
    assert "commander" in found["Zinovy Rozhestvensky"]
    assert "Rozhdestvensky" not in found


def test_unseen_treaty_signed_in_its_section(unseen_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(unseen_store, "who", "Treaty of Portsmouth")
    assert data["event"]["start"] == "1905-09-05"  # "signed on September 5", year from context
    found = participants(data)
    assert found["Sergei Witte"] == ["signatory"]
    assert {"Japan", "Russia"} <= set(found)
    assert "Theodore Roosevelt" not in found  # the mediator signed nothing


def test_unseen_demonym_follows_the_state_the_article_names(unseen_store) -> None:  # type: ignore[no-untyped-def]
    found = participants(ask(unseen_store, "who", "Russo-Japanese War"))
    assert found == {"Japan": ["belligerent"], "Russian Empire": ["belligerent"]}
