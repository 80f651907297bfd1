"""bench/: the benchmark command runs end to end (on tiny inputs) and reports every figure.

Speeds are never asserted here: they belong to the benchmark's own report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpora
from bench.report import Figure

ROOT = Path(__file__).resolve().parents[1]
# Every figure of a smoke run (query graphs of 1k and 3k triples).
SMOKE_FIGURES = {
    "extraction.vs_spacy",
    "parallel.speedup",
    "parallel.identical",
    "growth.time",
    "growth.memory",
    "growth.line_time",
    "growth.line_memory",
    *(
        f"query.{q}.{size}"
        for q in ("who", "when", "describe", "timeline")
        for size in ("1k", "3k")
    ),
    "startup.who_help",
    "startup.who_real",
    "load.write_generation",
    "load.write_corpus",
    "load.export_turtle",
    "load.export_nquads",
    "memory.disk",
    "memory.rss",
}


def test_bench_detokenize_removes_spaces_around_punctuation() -> None:
    tokens = ["Wilfried", '"', "Willi", '"', "(", "born", "1963", ")", "won", "men", "'s", "."]
    assert corpora.detokenize(tokens) == 'Wilfried "Willi" (born 1963) won men\'s.'


def test_bench_corpus_documents_all_differ() -> None:
    """The duplicate detector skips identical files, so every variant must differ."""
    texts = [a.text for a in corpora.articles(len(corpora.originals()) * 2 + 3)]
    assert len(set(texts)) == len(texts)
    assert len(corpora.redocred_articles()) == 500


def test_bench_figure_verdicts() -> None:
    assert Figure("a", "s", "a", 0.9, ">=", 0.85).passed is True
    assert Figure("b", "s", "b", 2.5, "<=", 2.0).passed is False
    assert Figure("c", "s", "c", None, "<=", 2.0).passed is None


def test_bench_smoke_run_reports_every_figure(tmp_path: Path) -> None:
    from extract.errors import ModelError
    from extract.pipeline import load_model

    try:
        load_model()
    except ModelError as exc:
        pytest.skip(str(exc))
    out_json, out_md = tmp_path / "results.json", tmp_path / "performance.md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--smoke",
            "--json",
            str(out_json),
            "--markdown",
            str(out_md),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out_json.read_text(encoding="utf-8"))
    figures = {f["id"]: f for f in results["figures"]}
    assert set(figures) == SMOKE_FIGURES
    for figure in figures.values():
        assert {"value", "target", "op", "passed", "label"} <= set(figure)
        assert figure["value"] is not None, figure
    assert figures["parallel.identical"]["value"] is True
    assert {"extraction", "growth", "query", "startup", "storage"} <= set(results["details"])
    report = out_md.read_text(encoding="utf-8")
    assert report.startswith("# Performance")
    for figure in figures.values():
        assert figure["label"] in report
    assert "figures," in done.stdout


def test_bench_hand_written_describe_gives_the_whole_card(tmp_path: Path) -> None:
    """describe is timed against hand-written code that builds the same card: every
    section, evidence included, for events and for entities."""
    from bench import latency
    from bench.synthetic import corpus_quads, documents_for, sample_events, synthetic_corpus
    from kg.store import open_store, write_generation
    from queries.lookup import entity_candidates

    corpus = synthetic_corpus(documents_for(3_000))
    write_generation(tmp_path / "store", corpus_quads(corpus, pipeline="bench"))
    graph = open_store(tmp_path / "store")
    names = sample_events(corpus, 3) + [c.label for c in entity_candidates(graph)][:3]
    for name in names:
        card = latency._lib_describe(graph, name)
        assert card == latency.hand_describe(graph.ox, name), name
    label, _aliases, _dates, _claims, participants, *_rest, related, _corrections = (
        latency._lib_describe(graph, names[0])
    )
    assert label == names[0] and participants and related
