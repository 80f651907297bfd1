"""extract.parallel: several worker processes give the same graph as one, in input order."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language

from extract import parallel
from extract.corpus import analyse_sources, extract_corpus
from extract.sources import SourceText

ROOT = Path(__file__).resolve().parents[1]


@cache
def blank_nlp() -> Language:
    from extract.pipeline import add_components

    nlp = add_components(spacy.blank("en"))
    nlp.add_pipe("sentencizer", first=True)
    return nlp


def source(name: str, text: str) -> SourceText:
    return SourceText(source=name, path=name, text=text, sha256=name)


ARTICLES = [
    source("a.txt", "The Battle of Kursk\nThe Red Army won the Battle of Kursk in 1943."),
    source("b.txt", "   \n\n"),  # nothing left after cleaning: left out by both paths
    source("c.txt", "Japan and the Soviet Union signed the Neutrality Pact in April 1941."),
    source("d.txt", "Operation Barbarossa\nGermany attacked the Soviet Union on June 22, 1941."),
    source("e.txt", "The Treaty of Portsmouth ended the war. Russia and Japan signed it."),
]


def test_parallel_chunks_close_on_size_and_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 2)
    docs = [source(f"{i}.txt", "x" * size) for i, size in enumerate([150, 10, 10, 10, 10])]
    sizes = [[s.source for s in chunk] for chunk in parallel.chunks(docs)]
    assert sizes == [["0.txt"], ["1.txt", "2.txt"], ["3.txt", "4.txt"]]


def test_parallel_small_corpus_is_split_for_every_worker() -> None:
    four_articles = [source(f"{i}.txt", "x" * 9_000) for i in range(4)]
    limit = parallel.chunk_chars(four_articles, jobs=2)
    assert len(list(parallel.chunks(four_articles, limit))) >= 4
    assert parallel.chunk_chars(iter(four_articles), jobs=2) == parallel.CHUNK_CHARS


def test_parallel_analyses_equal_single_process_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 1)  # one document per task: order is tested
    serial = list(analyse_sources(blank_nlp(), ARTICLES))
    parallel_run = list(parallel.analyse_parallel(blank_nlp(), ARTICLES, jobs=2))
    assert [src.source for src, _ in parallel_run] == ["a.txt", "c.txt", "d.txt", "e.txt"]
    assert parallel_run == serial
    assert any(analysis.facts for _, analysis in parallel_run)


def test_parallel_extract_corpus_jobs_two_reports_the_same(tmp_path: Path) -> None:
    for src in ARTICLES:
        (tmp_path / src.source).write_text(src.text, encoding="utf-8")
    one = extract_corpus([tmp_path], blank_nlp(), jobs=1)
    two = extract_corpus([tmp_path], blank_nlp(), jobs=2)
    assert two == one
    assert [p.path for p in two.problems] == [str(tmp_path / "b.txt")]


def test_parallel_build_jobs_two_exports_identical_nquads(tmp_path: Path) -> None:
    """The real command with the real model: --jobs 2 writes the same graph as --jobs 1."""
    from cli import main
    from extract.errors import ModelError
    from extract.pipeline import load_model

    try:
        load_model()
    except ModelError as exc:
        pytest.skip(str(exc))
    exports = []
    for jobs in ("1", "2"):
        store = str(tmp_path / f"store-{jobs}")
        built = CliRunner().invoke(
            main, ["build", str(ROOT / "seeds"), "--jobs", jobs, "--store", store]
        )
        assert built.exit_code == 0, built.output
        exported = CliRunner().invoke(main, ["export", "--format", "nquads", "--store", store])
        assert exported.exit_code == 0, exported.output
        exports.append(exported.stdout_bytes)
    assert exports[0] == exports[1]
    assert exports[0].count(b"\n") > 500
