"""Growth with corpus size: build time and peak memory at three corpus sizes.

Each size is built in a fresh process (``bench.worker build``), so its peak resident
memory (VmHWM) is its own. The model's memory and loading time are measured apart and
taken out: what remains is the cost of the documents, which is what must scale.

* time: the build of the largest corpus may take at most 1.2x its share of documents
  (10,000 vs 1,000 documents: at most 12x the time);
* memory: what the documents cost in memory may grow at most as fast as the graph they
  make (quads), i.e. nothing per document is kept beyond the graph itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import corpora
from bench.config import Mode
from bench.measure import run_worker
from bench.report import Figure, Results

TIME_SLACK = 1.2  # time ratio allowed per unit of document ratio
MEMORY_SLACK = 1.0  # memory ratio allowed per unit of graph (quad) ratio


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
