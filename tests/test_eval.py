"""The scorers themselves, on hand-made gold with a known score (no model needed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from extract.docred import Counts, detokenize, document_text, evaluate
from extract.model import Corpus, Evidence, Fact, Node
from queries.gold import score_gold

# ---------------------------------------------------------------------------------------
# The project's gold format, against the hand-written mini store (tests/data/mini.trig)
# ---------------------------------------------------------------------------------------

TINY_GOLD = {
    "entities": {
        "ussr": {"type": "Country", "names": ["Soviet Union", "USSR"]},
        "japan": {"type": "Country", "names": ["Japan"]},
        "mongolia": {"type": "Country", "names": ["Mongolia"]},
        "zhukov": {"type": "Person", "names": ["Georgy Zhukov", "Zhukov"]},
        "kwantung": {"type": "Organization", "names": ["Kwantung Army"]},
        "moscow": {"type": "Person", "names": ["Moscow"]},  # wrong on purpose: a Place
    },
    "events": {
        "battle": {
            "type": "Battle",
            "ask": "Battle of Khalkhin Gol",
            "required": ["ussr", "japan", "kwantung"],
            "acceptable": ["zhukov"],
            "year": 1939,
            "start": "1939-05-11",
            "end": "1939-09-30",
        },
        "phantom": {"type": "Battle", "ask": "Battle of Nowhere At All", "required": ["japan"]},
    },
    "not_people": ["Georgy Zhukov"],
}


def test_eval_gold_scores_the_mini_store_exactly(mini_store) -> None:  # type: ignore[no-untyped-def]
    report = score_gold(mini_store, TINY_GOLD, min_confidence=0.5)
    battle, phantom = sorted(report.events, key=lambda e: e.id)
    # Answered at 0.5: Zhukov, Japan, Mongolia, Soviet Union (the Kwantung Army's only
    # claim scores 0.4). Mongolia is neither required nor acceptable.
    assert battle.found
    assert sorted(battle.answered) == ["Georgy Zhukov", "Japan", "Mongolia", "Soviet Union"]
    assert battle.missing == ["kwantung"]
    assert battle.unexpected == ["Mongolia"]
    assert battle.recall == pytest.approx(2 / 3)
    assert battle.precision == pytest.approx(3 / 4)
    assert battle.dates["start"] == {"expected": "1939-05-11", "found": "1939-05-11"}
    assert battle.dates["end"] == {"expected": "1939-09-30", "found": "1939-09-16"}
    assert battle.dates["year"] == {"expected": "1939", "found": "1939"}
    assert not battle.dates_right and not battle.passed
    assert not phantom.found and phantom.missing == ["japan"]
    # Micro averages over both events: 2 of 4 required found, 3 of 4 answers right.
    assert report.recall == pytest.approx(2 / 4)
    assert report.precision == pytest.approx(3 / 4)
    assert report.wrong_types == {"Moscow": {"expected": "Person", "found": "Place"}}
    assert report.false_people == ["Georgy Zhukov"]


def test_eval_gold_lower_threshold_finds_the_weak_participant(mini_store) -> None:  # type: ignore[no-untyped-def]
    report = score_gold(mini_store, TINY_GOLD, min_confidence=0.0)
    battle = next(e for e in report.events if e.id == "battle")
    assert battle.missing == []
    assert battle.recall == 1.0


def test_eval_gold_split_and_merged_entities(mini_store) -> None:  # type: ignore[no-untyped-def]
    gold = {
        "entities": {
            # One gold entity named by two nodes: split.
            "allies": {"type": "Country", "names": ["Soviet Union", "Mongolia"]},
            # Two gold entities named by one node: merged.
            "a": {"type": "Country", "names": ["Japan"]},
            "b": {"type": "Country", "names": ["Japan"]},
        },
        "events": {},
    }
    report = score_gold(mini_store, gold)
    assert report.split == {"allies": ["Mongolia", "Soviet Union"]}
    assert report.merged == {"Japan": ["a", "b"]}


# ---------------------------------------------------------------------------------------
# DocRED
# ---------------------------------------------------------------------------------------


def test_eval_detokenize_spacing() -> None:
    tokens = [["He", "said", '"', "no", '"', "(", "twice", ")", ",", "in", "1945", "."],
              ["It", "'s", "over", "."]]  # fmt: skip
    assert detokenize(tokens) == 'He said "no" (twice), in 1945. It\'s over.'


def _mention(name: str, type_: str) -> dict[str, object]:
    return {"name": name, "type": type_, "pos": [0, 1], "sent_id": 0}


TINY_DOC = {
    "title": "Ann Example",
    "sents": [["Ann", "Example", "served", "in", "the", "Great", "War", "."]],
    "vertexSet": [
        [_mention("Ann Example", "PER"), _mention("Example", "PER")],  # 0
        [_mention("Great War", "MISC")],  # 1
        [_mention("Ruritania", "LOC")],  # 2
        [_mention("1914", "TIME")],  # 3
        [_mention("Flanders", "LOC")],  # 4
        [_mention("Bob Nobody", "PER")],  # 5: never found
    ],
    "labels": [
        {"r": "P607", "h": 0, "t": 1, "evidence": [0]},  # person -> conflict (reversed)
        {"r": "P710", "h": 1, "t": 2, "evidence": [0]},  # event -> participant
        {"r": "P580", "h": 1, "t": 3, "evidence": [0]},
        {"r": "P276", "h": 1, "t": 4, "evidence": [0]},
        {"r": "P27", "h": 0, "t": 2, "evidence": [0]},  # not a scored relation
    ],
}


def _fact(s: str, p: str, o: str, confidence: float = 0.9) -> Fact:
    return Fact(s, p, o, Evidence("x.txt", "A sentence.", 0, 11), confidence, "test")


def _tiny_corpus() -> Corpus:
    corpus = Corpus()
    for key, label, kind, type_ in [
        ("ann", "Ann Example", "entity", "Person"),
        ("war", "Great War", "event", "War"),
        ("rur", "Ruritania", "entity", "Country"),
        ("flan", "Flanders", "entity", "Place"),
        ("zed", "Zed Stranger", "entity", "Person"),  # not in gold: an entity FP
    ]:
        corpus.nodes[key] = Node(key, label, kind, type_)  # type: ignore[arg-type]
    corpus.facts = [
        _fact("war", "participant", "ann"),  # TP (P607 reversed)
        _fact("war", "participant", "zed"),  # FP
        _fact("war", "belligerent", "rur", confidence=0.3),  # below threshold: FN then
        _fact("war", "begin", "1914-08-04"),  # TP: P580 1914 -> begin 1914? no: value differs
        _fact("war", "begin", "1914"),  # TP
        _fact("war", "place", "flan"),  # TP
    ]
    return corpus


def test_eval_docred_scores_a_tiny_document_exactly() -> None:
    def reader(texts: list[tuple[str, str]]) -> Iterator[Corpus]:
        assert len(texts) == 1 and texts[0][1] == document_text(TINY_DOC)
        yield _tiny_corpus()

    report = evaluate([TINY_DOC], reader, min_confidence=0.5, thresholds=(0.0, 0.5))
    d = report.as_dict()
    assert d["participation"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5,
                                  "f1": 0.5}  # fmt: skip
    # At threshold 0 the weak belligerent counts too: 2 TP, 1 FP, 0 FN.
    assert d["participation_by_min_confidence"]["0.0"]["tp"] == 2
    assert d["participation_by_min_confidence"]["0.0"]["fn"] == 0
    # Time: "1914" matches P580 1914; "1914-08-04" is a different value (FP).
    assert (d["event_time"]["tp"], d["event_time"]["fp"], d["event_time"]["fn"]) == (1, 1, 0)
    assert (d["event_place"]["tp"], d["event_place"]["fp"], d["event_place"]["fn"]) == (1, 0, 0)
    # Entities: Ann, Ruritania, Flanders found; Zed is an FP; Bob Nobody an FN.
    ents = d["entity_detection"]
    assert (ents["tp"], ents["fp"], ents["fn"]) == (3, 1, 1)
    assert d["entity_typing_accuracy"] == 1.0
    assert report.year_total == 1 and report.year_right == 1
    assert [fp["participant"] for fp in d["top_false_positives"]] == ["Zed Stranger"]


@pytest.mark.parametrize(
    ("backing", "year"),
    [
        # Two sentences' doubtful years lose to one the date model trusts more...
        ({"1891": 0.3, "1917": 0.8}, "1917"),
        ({"1891": 0.3 + 0.3, "1917": 0.5}, "1891"),  # ...unless together they outweigh it
        ({"1606": 0.6, "1605": 0.6}, "1605"),  # a tie goes to the earliest
    ],
)
def test_docred_reported_year_is_the_best_backed(backing: dict[str, float], year: str) -> None:
    from extract.docred import reported_year

    assert reported_year(backing) == year


def test_eval_counts_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0


# ---------------------------------------------------------------------------------------
# kg eval (the real pipeline on tiny inputs)
# ---------------------------------------------------------------------------------------


def test_eval_cli_gold_and_docred_on_tiny_inputs(tmp_path, seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    import gzip
    import json

    from click.testing import CliRunner

    from cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "The Battle of Borodino was fought on 7 September 1812. Marshal Michel Ney "
        "commanded French troops against the Russian army at the Battle of Borodino.\n"
    )
    gold = {
        "entities": {
            "france": {"type": "Country", "names": ["France"]},
            "russia": {"type": "Country", "names": ["Russia"]},
            "ney": {"type": "Person", "names": ["Michel Ney"]},
        },
        "events": {
            "borodino": {
                "type": "Battle",
                "ask": "Battle of Borodino",
                "required": ["france"],
                "acceptable": ["russia", "ney"],
                "start": "1812-09-07",
            }
        },
    }
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps(gold))
    runner = CliRunner()
    args = ["eval", "gold", "--gold", str(gold_file), "--corpus", str(corpus)]
    result = runner.invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    (event,) = report["events"]
    assert event["found"] and event["ask"] == "Battle of Borodino"
    assert event["dates"]["start"] == {"expected": "1812-09-07", "found": "1812-09-07"}
    assert set(report) >= {"recall", "precision", "split", "merged", "wrong_types"}

    docred = tmp_path / "tiny.json.gz"
    with gzip.open(docred, "wt", encoding="utf-8") as fh:
        json.dump([TINY_DOC], fh)
    result = runner.invoke(main, ["eval", "docred", str(docred), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 1
    assert set(data["participation"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}

    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}')
    result = runner.invoke(main, ["eval", "docred", str(bad)])
    assert result.exit_code != 0
    assert "not a DocRED file" in result.output and "Traceback" not in result.output


def test_eval_takes_the_users_own_files_and_leaves_the_projects_to_python_m_eval(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    """An installed kg has no clone-relative defaults: kg eval gold needs --gold and
    --corpus, kg eval docred a FILE; the project's report and history corpus are
    development commands (python -m eval), not kg's."""
    from click.testing import CliRunner

    from cli import main
    from eval.__main__ import main as dev_main

    runner = CliRunner()
    missing = runner.invoke(main, ["eval", "gold", "--corpus", str(tmp_path)])
    assert missing.exit_code == 2 and "Missing option '--gold'" in missing.output
    missing = runner.invoke(main, ["eval", "docred"])
    assert missing.exit_code == 2 and "Missing argument 'PATH'" in missing.output
    listed = runner.invoke(main, ["eval", "--help"]).output
    assert "gold" in listed and "docred" in listed
    assert "report" not in listed and "history" not in listed
    listed = runner.invoke(dev_main, ["--help"]).output
    assert "report" in listed and "history" in listed

    not_gold = tmp_path / "gold.json"
    not_gold.write_text("[1, 2")
    result = runner.invoke(
        main, ["eval", "gold", "--gold", str(not_gold), "--corpus", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    assert (
        result.output.startswith("Error: cannot read gold file")
        and "Traceback" not in result.output
    )
    not_gold.write_text('{"events": {}}')
    result = runner.invoke(
        main, ["eval", "gold", "--gold", str(not_gold), "--corpus", str(tmp_path)]
    )
    assert result.output.startswith("Error: ") and "is not a gold file" in result.output
