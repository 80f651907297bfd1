"""The annotated history corpus (tests/data/history/) and its one fixed split."""

from __future__ import annotations

from eval.history import HISTORY, gold_part, in_part, is_held_out, load_gold, texts
from queries.gold import year_of


def test_split_is_fixed_by_file_name_and_covers_every_article() -> None:
    dev, held = texts("dev"), texts("held-out")
    assert dev and held and not set(dev) & set(held)
    assert sorted(dev + held) == texts("all")
    # The rule, not a list: these two fall on either side of it for good.
    assert is_held_out("A02_gaugamela.txt") and not is_held_out("A01_thermopylae.txt")
    assert 0.25 < len(held) / (len(dev) + len(held)) < 0.45


def test_gold_parts_hold_only_their_articles_events() -> None:
    gold = load_gold()
    for part in ("dev", "held-out"):
        events = gold_part(gold, part)["events"]  # type: ignore[arg-type]
        assert events and all(in_part(e["text"], part) for e in events.values())  # type: ignore[arg-type]


def test_every_gold_event_names_an_article_and_known_entities() -> None:
    gold = load_gold()
    names = {p.name for p in (HISTORY / "texts").glob("*.txt")}
    assert len(names) >= 60
    for event in gold["events"].values():
        assert event["text"] in names
        for gid in [*event["required"], *event.get("acceptable", [])]:
            assert gid in gold["entities"], gid


def test_one_name_identifies_one_entity_after_merging() -> None:
    owners: dict[str, str] = {}
    for gid, entity in load_gold()["entities"].items():
        for name in entity["names"]:
            assert owners.setdefault(name.casefold(), gid) == gid, name


def test_year_of_reads_bc_and_early_years() -> None:
    assert year_of("-0490-09-12") == -490
    assert year_of("0208-10") == 208
    assert year_of("1939") == 1939


def test_missing_corpus_is_named_in_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from extract.errors import InputError

    with pytest.raises(InputError, match="history corpus is not at"):
        load_gold(tmp_path)


def test_history_merged_event_keeps_the_finer_consistent_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from eval.history import load_gold

    event = {"type": "Battle", "ask": "Battle of X", "names": ["Battle of X"],
             "required": [], "acceptable": [], "text": "A.txt"}  # fmt: skip
    files = {
        "gold_A.json": {**event, "start": "1700-11", "end": "1701"},
        "gold_B.json": {**event, "start": "1700-11-30", "end": "1702"},
    }
    for name, e in files.items():
        data = {"about": "", "entities": {}, "events": {name[5]: e}, "not_people": []}
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    (merged,) = load_gold(tmp_path)["events"].values()
    assert merged["start"] == "1700-11-30"  # finer, and agrees
    assert merged["end"] == "1701"  # disagrees: the first file's stays
