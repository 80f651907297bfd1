"""The one benchmark command: ``python -m bench [--quick | --smoke]``.

Runs every section in turn, prints a table of figures with their targets, and writes the
raw results (``bench/results.json``) and the generated ``docs/performance.md``. Working
files (corpora, stores, exports) go to a temporary folder that is removed at the end.
Exit status 0 whatever the figures say: a benchmark reports, it does not gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import extraction, growth, latency, storage
from bench.config import MODES, Mode
from bench.markdown import render
from bench.measure import ROOT, cpu_seconds
from bench.report import Results, table, write_json, write_markdown

SECTIONS: dict[str, Callable[[Results, Mode, Path], None]] = {
    "extraction": extraction.run,
    "growth": growth.run,
    "query": latency.run,
    "storage": storage.run,
}
# Share of the machine's CPU time taken by other programs above which a section is flagged.
BUSY_SHARE = 0.1
DEFAULT_JSON = ROOT / "bench" / "results.json"
DEFAULT_MARKDOWN = ROOT / "docs" / "performance.md"


def machine() -> dict[str, Any]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            ]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    model = "none"
    try:
        from extract.pipeline import load_model

        meta = load_model().meta
        model = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    except Exception as exc:  # the model is needed by the extraction sections only
        model = f"unavailable ({exc})"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "model": model,
        "pyoxigraph": version("pyoxigraph"),
        "rdflib": version("rdflib"),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Run the histkg benchmarks."
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick",
        action="store_true",
        help="growth at 100/300/1,000 documents, query graphs of 10k/100k triples",
    )
    size.add_argument(
        "--smoke", action="store_true", help="tiny inputs: proves the suite runs, measures nothing"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=list(SECTIONS),
        help="run only this section (repeatable)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="results file")
    parser.add_argument("--markdown", type=Path, default=DEFAULT_MARKDOWN, help="report file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> Results:
    args = parse_args(argv)
    mode = MODES["smoke" if args.smoke else "quick" if args.quick else "full"]
    command = "python -m bench" + (f" --{mode.name}" if mode.name != "full" else "")
    results = Results(mode=mode.name, machine=machine())
    started = time.perf_counter()
    chosen = args.only or list(SECTIONS)
    # Other work on the machine skews every figure: the share of the machine's CPU time
    # that other programs took during each section is kept, so a busy run shows.
    others: dict[str, float] = results.details.setdefault("other_cpu_share", {})
    with tempfile.TemporaryDirectory(prefix="histkg-bench-") as tmp:
        for number, name in enumerate(chosen, 1):
            print(f"[{number}/{len(chosen)}] {name} ...", file=sys.stderr, flush=True)
            section_start = time.perf_counter()
            before = cpu_seconds()
            SECTIONS[name](results, mode, Path(tmp))
            elapsed = time.perf_counter() - section_start
            after = cpu_seconds()
            if before and after:
                other = (after[0] - before[0]) - (after[1] - before[1])
                others[name] = round(max(0.0, other) / (elapsed * (os.cpu_count() or 1)), 3)
            print(f"      {name} done in {elapsed:.0f} s", file=sys.stderr, flush=True)
    results.seconds = time.perf_counter() - started
    busy = {name: share for name, share in others.items() if share > BUSY_SHARE}
    if busy:
        shares = ", ".join(f"{name} {share:.0%}" for name, share in busy.items())
        results.note(
            "summary",
            f"Other programs used part of the machine's CPU time during: {shares} "
            "(`other_cpu_share` in the JSON); figures of those sections are less reliable.",
        )
    if args.only:
        results.note("summary", f"Partial run: only {', '.join(chosen)}.")
    write_json(results, args.json)
    write_markdown(render(results, command), args.markdown)
    print(table(results))
    print(f"\nwrote {args.json} and {args.markdown}")
    return results
