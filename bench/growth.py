"""Growth with corpus size: build time and peak memory at three corpus sizes.

Each size is built in a fresh process (``bench.worker build``), so its peak resident
memory (VmHWM) is its own. The model's memory and loading time are measured apart and
taken out: what remains is the cost of the documents, which is what must scale.

* time: the build of the largest corpus may take at most 1.2x its share of documents
  (10,000 vs 1,000 documents: at most 12x the time);
* memory: what the documents cost in memory may grow at most as fast as the graph they
  make (quads), i.e. nothing per document is kept beyond the graph itself;
* one long line (issue 11: a 5 MB line took 359 s and 2.4 GB): a single-line document
  4x as long may take at most 1.2 x 4 the time, and its memory above the model may
  grow at most 4x, whatever the line structure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import corpora
from bench.config import Mode
from bench.measure import run_worker
from bench.report import Figure, Results

TIME_SLACK = 1.2  # time ratio allowed per unit of document ratio
# Characters of the smaller single-line document per mode; the larger is 4x.
LINE_SIZES = {"full": 100_000, "quick": 50_000, "smoke": 3_000}
MEMORY_SLACK = 1.0  # memory ratio allowed per unit of graph (quad) ratio


def _line_document(folder: Path, size: int, separator: str) -> None:
    """The seed articles' lines, numbered so that none repeats, joined by ``separator``
    until ``size`` characters: one line (" ") or the same text with line breaks."""
    lines = [
        line.strip()
        for seed in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
        for line in seed.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out: list[str] = []
    total, copy = 0, 0
    while total < size:
        for line in lines:
            out.append(f"{line.rstrip('.')} ({copy}).")
            total += len(out[-1]) + 1
        copy += 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(separator.join(out)[:size], encoding="utf-8")


def run_lines(results: Results, mode: Mode, work: Path) -> None:
    """A single long line against the same text with line breaks, at two sizes."""
    small = LINE_SIZES.get(mode.name, LINE_SIZES["quick"])
    runs: dict[str, dict[str, Any]] = {}
    for size in (small, 4 * small):
        for shape, separator in (("line", " "), ("breaks", "\n")):
            folder = work / f"line-{shape}-{size}"
            _line_document(folder, size, separator)
            answer = run_worker("build", str(folder), str(work / f"line-store-{shape}-{size}"))
            answer["data_kb"] = max(1, answer["peak_kb"] - answer["model_kb"])
            runs[f"{shape}-{size}"] = answer
    results.details["growth"]["lines"] = runs
    line_small, line_large = runs[f"line-{small}"], runs[f"line-{4 * small}"]
    breaks_large = runs[f"breaks-{4 * small}"]
    time_ratio = line_large["build_seconds"] / max(1e-9, line_small["build_seconds"])
    memory_ratio = line_large["data_kb"] / line_small["data_kb"]
    results.add(
        Figure(
            "growth.line_time",
            "growth",
            f"build time of one line of {4 * small:,} ÷ {small:,} characters, per size ratio",
            time_ratio / 4,
            "<=",
            TIME_SLACK,
            note=f"{time_ratio:.2f}x the time for 4x the text ({line_small['build_seconds']:.1f}"
            f" s vs {line_large['build_seconds']:.1f} s; with line breaks "
            f"{breaks_large['build_seconds']:.1f} s)",
        )
    )
    results.add(
        Figure(
            "growth.line_memory",
            "growth",
            f"peak memory of one line of {4 * small:,} ÷ {small:,} characters, per size ratio",
            memory_ratio / 4,
            "<=",
            MEMORY_SLACK,
            note=f"{memory_ratio:.2f}x the memory above the model for 4x the text "
            f"({line_small['data_kb'] / 1024:.0f} MiB vs {line_large['data_kb'] / 1024:.0f} "
            f"MiB; with line breaks {breaks_large['data_kb'] / 1024:.0f} MiB)",
        )
    )


def run(results: Results, mode: Mode, work: Path) -> None:
    runs: list[dict[str, Any]] = []
    for size in mode.growth_sizes:
        folder = work / f"growth-{size}"
        _, words = corpora.write_corpus(folder, size)
        answer = run_worker("build", str(folder), str(work / f"growth-store-{size}"))
        answer["words"] = words
        answer["data_kb"] = max(0, answer["peak_kb"] - answer["model_kb"])
        runs.append(answer)
    results.details["growth"] = {"runs": runs}
    results.note(
        "growth",
        f"Corpora of {', '.join(f'{n:,}' for n in mode.growth_sizes)} documents: the seed "
        "articles and Re-DocRED texts, then variants of them (shuffled sentences plus a "
        "closing line). Variants repeat the same names, so large corpora have more "
        "documents and facts but few new entities: resolution, whose cost grows with the "
        "number of distinct names, is not stressed by this series.",
    )
    small, large = runs[-2], runs[-1]
    doc_ratio = large["documents"] / max(1, small["documents"])
    time_ratio = large["build_seconds"] / max(1e-9, small["build_seconds"])
    quad_ratio = large["quads"] / max(1, small["quads"])
    memory_ratio = large["data_kb"] / max(1, small["data_kb"])
    results.add(
        Figure(
            "growth.time",
            "growth",
            f"build time {mode.growth_sizes[2]:,} ÷ {mode.growth_sizes[1]:,} docs, "
            "per document ratio",
            time_ratio / doc_ratio,
            "<=",
            TIME_SLACK,
            note=f"{time_ratio:.2f}x the time for {doc_ratio:.2f}x the documents "
            f"({small['build_seconds']:.1f} s vs {large['build_seconds']:.1f} s)",
        )
    )
    results.add(
        Figure(
            "growth.memory",
            "growth",
            f"peak memory growth {mode.growth_sizes[2]:,} ÷ {mode.growth_sizes[1]:,} docs, "
            "per graph ratio",
            memory_ratio / quad_ratio,
            "<=",
            MEMORY_SLACK,
            note=f"{memory_ratio:.2f}x the memory above the model for {quad_ratio:.2f}x "
            f"the quads ({small['data_kb'] / 1024:.0f} MiB vs {large['data_kb'] / 1024:.0f} MiB)",
        )
    )
    run_lines(results, mode, work)
