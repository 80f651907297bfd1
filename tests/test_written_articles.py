"""Two articles written for these tests (tests/data/written/) in the style of the seed
pages: web chrome, headings, dates without years. Extraction was developed with them in
view, so they check behaviour; generalisation is measured on the held-out history articles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main

WRITTEN = Path(__file__).parent / "data" / "written"


def ask(store: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, [*args, "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def participants(data: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {p["label"]: p["roles"] for p in data["participants"]}


def test_written_war_has_both_sides_and_its_dates(written_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(written_store, "who", "the winter war")
    assert data["event"]["label"] == "Winter War"
    assert data["event"]["start"] == "1939-11-30"
    assert data["event"]["end"] == "1940-03-13"  # "It began ... and ended ... on 13 March 1940"
    # Both sides from the sentence rules; what the participation model adds at its default
    # confidence varies with its training, so only these are pinned.
    found = participants(data)
    assert found["Finland"] == ["belligerent"] and found["Soviet Union"] == ["belligerent"]
    assert "Germany" not in found


def test_written_battle_commander_from_its_section(written_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(written_store, "who", "Battle of Suomussalmi")
    assert data["event"]["start"] == "1939-12-07" and data["event"]["end"] == "1940-01-08"
    found = participants(data)
    assert found["Hjalmar Siilasvuo"] == ["commander"]
    assert {"Finland", "Soviet Union"} <= set(found)
    assert "Germany" not in found


def test_written_treaty_signatories(written_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(written_store, "who", "Moscow Peace Treaty")
    signed = {name for name, roles in participants(data).items() if "signatory" in roles}
    assert signed == {"Finland", "Soviet Union"}
    assert data["event"]["start"] == "1940-03-12"


def test_written_people_keep_full_names_without_titles(written_store) -> None:  # type: ignore[no-untyped-def]
    people = {e["label"] for e in ask(written_store, "entities", "--type", "Person")}
    assert {"Carl Gustaf Emil Mannerheim", "Hjalmar Siilasvuo", "Semyon Timoshenko"} <= people
    assert not any(p.startswith(("Marshal", "Colonel", "Admiral")) for p in people)
    places = {e["label"] for e in ask(written_store, "entities", "--type", "Place")}
    assert "Background" not in places  # a heading is not a place


def test_written_admiral_under_whose_command_is_a_commander(written_store) -> None:  # type: ignore[no-untyped-def]
    found = participants(ask(written_store, "who", "Battle of Tsushima"))
    assert "commander" in found["Togo Heihachiro"]
    # "under Admiral Zinovy Rozhestvensky"; "Rozhdestvensky was wounded" is the same man.
    assert "commander" in found["Zinovy Rozhestvensky"]
    assert "Rozhdestvensky" not in found


def test_written_treaty_signed_in_its_section(written_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(written_store, "who", "Treaty of Portsmouth")
    assert data["event"]["start"] == "1905-09-05"  # "signed on September 5", year from context
    found = participants(data)
    assert found["Sergei Witte"] == ["signatory"]
    assert {"Japan", "Russia"} <= set(found)
    assert "Theodore Roosevelt" not in found  # the mediator signed nothing


def test_written_demonym_follows_the_state_the_article_names(written_store) -> None:  # type: ignore[no-untyped-def]
    data = ask(written_store, "who", "Russo-Japanese War")
    found = participants(data)
    assert found["Japan"] == ["belligerent"] and found["Russian Empire"] == ["belligerent"]
    # A "Russia" answer may only come from where the text writes "Russia" itself ("signed
    # for Russia"): no demonym ("the Russians") is read as today's state.
    for russia in (p for p in data["participants"] if p["label"] == "Russia"):
        assert all("Russia " in e["sentence"] or "Russia." in e["sentence"]
                   for e in russia["evidence"])  # fmt: skip
