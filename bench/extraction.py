"""Extraction throughput: ``kg build`` against bare spaCy, and ``--jobs 2`` against 1.

All three runs read the same files from disk, load their pipeline, and go to the end:

* raw spaCy: ``load_model()`` and ``nlp.pipe`` over the file texts, nothing kept;
* ``kg build``: ``read_corpus`` + ``write_corpus`` (cleaning, our two spaCy components,
  reading in context, resolution, mapping, store writing), as the command does;
* ``kg build --jobs 2``: the same with two worker processes.

Throughput is words (whitespace-separated, of the input files) per second. The two
builds' stores are exported as N-Quads and compared byte for byte.

When the build is slower than spaCy, :func:`stage_breakdown` says where the time goes by
timing each stage on its own, and :func:`profile_hotspots` lists the project functions
that cost most (cProfile).
"""

from __future__ import annotations

import cProfile
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpora
from bench.config import Mode
from bench.measure import ROOT, cpu_timed, interleave
from bench.report import Figure, Results

TARGET_VS_SPACY = 0.85
TARGET_TWO_JOBS = 1.5


def raw_spacy(folder: Path) -> int:
    """Bare ``nlp.pipe`` over the files with the same model; returns the Doc count."""
    from extract.pipeline import load_model

    nlp = load_model()
    texts = (p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    return sum(1 for _ in nlp.pipe(texts))


def kg_build(folder: Path, store: Path, jobs: int) -> int:
    """The library path of ``kg build``; returns the quad count."""
    from extract.corpus import read_corpus
    from kg.mapping import write_corpus

    corpus, pipeline = read_corpus([folder], jobs=jobs)
    return write_corpus(store, corpus, pipeline=pipeline)


def nquads(store: Path) -> bytes:
    from kg.export import export
    from kg.store import open_store

    data = export(open_store(store), "nquads")
    assert data is not None
    return data


def run(results: Results, mode: Mode, work: Path) -> None:
    folder = work / "extraction-corpus"
    _, words = corpora.write_corpus(folder, mode.extraction_docs)
    stores = {1: work / "extraction-store-1", 2: work / "extraction-store-2"}
    runs: dict[str, Callable[[], Any]] = {
        "raw_spacy": lambda: raw_spacy(folder),
        "build_1_job": lambda: kg_build(folder, stores[1], 1),
        "build_2_jobs": lambda: kg_build(folder, stores[2], 2),
    }
    cpu: dict[str, list[float]] = {}
    times, answers = interleave(runs, mode.extraction_rounds, cpu=cpu)
    best = {name: min(values) for name, values in times.items()}
    rate = {name: words / seconds for name, seconds in best.items()}
    cpu_rate = {name: words / min(values) for name, values in cpu.items()}
    identical = nquads(stores[1]) == nquads(stores[2])
    results.details["extraction"] = {
        "documents": mode.extraction_docs,
        "words": words,
        "rounds": mode.extraction_rounds,
        "seconds": times,
        "words_per_second": rate,
        "cpu_seconds": cpu,
        "words_per_cpu_second": cpu_rate,
        "quads": answers["build_1_job"],
        "stages": stage_breakdown(work, folder),
        "hotspots": profile_hotspots(work, mode.profile_docs),
        "profiled": mode.profile_docs,
    }
    stages = results.details["extraction"]["stages"]
    model = stages["spaCy model"] + stages["load model"]
    extra = {k: v for k, v in stages.items() if k not in ("spaCy model", "load model")}
    costs = ", ".join(
        f"{name} {seconds / model:.0%}"
        for name, seconds in sorted(extra.items(), key=lambda kv: -kv[1])
        if seconds > 0
    )
    results.note(
        "extraction",
        f"Cost on top of the spaCy model (CPU time, as a share of the model's): {costs}.",
    )
    results.add(
        Figure(
            "extraction.vs_spacy",
            "extraction",
            "kg build words/s ÷ raw spaCy words/s",
            rate["build_1_job"] / rate["raw_spacy"],
            ">=",
            TARGET_VS_SPACY,
            note=f"{rate['build_1_job']:,.0f} vs {rate['raw_spacy']:,.0f} words/s, "
            f"{mode.extraction_docs} documents; per CPU second "
            f"{cpu_rate['build_1_job'] / cpu_rate['raw_spacy']:.2f}x",
        )
    )
    results.add(
        Figure(
            "parallel.speedup",
            "parallel",
            "kg build --jobs 2 ÷ --jobs 1 (words/s)",
            rate["build_2_jobs"] / rate["build_1_job"],
            ">=",
            TARGET_TWO_JOBS,
            note=f"{rate['build_2_jobs']:,.0f} vs {rate['build_1_job']:,.0f} words/s",
        )
    )
    results.add(
        Figure(
            "parallel.identical",
            "parallel",
            "--jobs 2 export identical to --jobs 1",
            identical,
            "==",
            True,
            unit="",
            note="N-Quads export compared byte for byte",
        )
    )


def stage_breakdown(work: Path, folder: Path) -> dict[str, float]:
    """CPU seconds per stage of a build of the articles in ``folder``, each stage timed
    alone (CPU time, so that other programs running meanwhile hardly change the split).

    spaCy is run over the same blocks with and without our two components (twice each,
    the best kept), so the components' share is the difference.
    """
    from extract.clean import Block
    from extract.document import DocumentAnalysis, read_document
    from extract.model import InputProblem
    from extract.pipeline import build_nlp
    from extract.resolve import resolve_corpus
    from extract.sources import read_sources
    from extract.stream import _blocks
    from kg.mapping import write_corpus

    out: dict[str, float] = {}
    out["load model"], nlp = cpu_timed(build_nlp)
    problems: list[InputProblem] = []
    out["read files"], sources = cpu_timed(lambda: list(read_sources([folder], problems)))
    cleaned: list[tuple[Any, list[Block]]] = []
    out["cleaning"], _ = cpu_timed(lambda: cleaned.extend((s, _blocks(s)) for s in sources))
    texts = [b.text_of(s.text) for s, blocks in cleaned for b in blocks]
    ours = ["hkg_events", "hkg_actors"]

    def model_only() -> int:
        with nlp.select_pipes(disable=ours):
            return sum(1 for _ in nlp.pipe(texts))

    runs = {"model": model_only, "full": lambda: list(nlp.pipe(texts))}
    times, answers = interleave(runs, 2, clock=cpu_timed)
    docs = answers["full"]
    out["spaCy model"] = min(times["model"])
    out["our spaCy components"] = max(0.0, min(times["full"]) - out["spaCy model"])
    analyses: list[DocumentAnalysis] = []

    def read_all() -> None:
        at = 0
        for src, blocks in cleaned:
            analyses.append(
                read_document(src.source, src.text, blocks, docs[at : at + len(blocks)])
            )
            at += len(blocks)

    out["reading in context"], _ = cpu_timed(read_all)
    out["resolution"], corpus = cpu_timed(lambda: resolve_corpus(analyses))
    with tempfile.TemporaryDirectory(dir=work) as store:
        out["graph writing"], _ = cpu_timed(lambda: write_corpus(Path(store), corpus))
    return {name: round(seconds, 3) for name, seconds in out.items()}


def profile_hotspots(work: Path, documents: int, top: int = 12) -> list[dict[str, Any]]:
    """The project functions with the most cumulative time in a profiled build.

    Entry points that only wrap everything (reading the corpus, the spaCy stream) are
    left out, so the list names where work happens. cProfile slows pure-Python code far
    more than spaCy's compiled code, so shares here overstate the project's functions;
    :func:`stage_breakdown` gives the true split.
    """
    folder = work / "profile-corpus"
    corpora.write_corpus(folder, documents)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(dir=work) as store:
        profiler.runcall(kg_build, folder, Path(store), 1)
    stats = pstats.Stats(profiler)
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)
    wrappers = {"corpus.py", "pipeline.py", "extraction.py", "mapping.py:write_corpus"}
    entries = stats.stats  # type: ignore[attr-defined]
    rows = []
    covered: set[tuple[str, int, str]] = set()
    for key, entry in sorted(entries.items(), key=lambda item: -item[1][3]):
        filename, line, name = key
        path = Path(filename)
        if not path.is_relative_to(ROOT) or path.is_relative_to(ROOT / "bench"):
            continue
        if path.name in wrappers or f"{path.name}:{name}" in wrappers:
            continue
        calls, cumulative, callers = entry[1], entry[3], entry[4]
        covered.add(key)
        # A function that is nearly all of a caller already listed is that caller's body
        # (read_document -> read -> _read_block ...): one line is enough.
        if any(c in covered and entries[c][3] * 0.9 <= cumulative for c in callers):
            continue
        rows.append(
            {
                "function": f"{path.relative_to(ROOT)}:{line}({name})",
                "calls": calls,
                "seconds": round(cumulative, 3),
                "share": round(cumulative / total, 3),
            }
        )
    return rows[:top]
