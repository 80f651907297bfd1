"""How big each benchmark is in each mode.

``full`` is the documented run (about 25 minutes on two quiet cores); ``quick`` shrinks the
growth series to 100/300/1,000 documents and the query graphs to 10k/100k triples for a
run of a few minutes; ``smoke`` runs every section on tiny inputs in well under a minute,
only to prove the suite works (tests/test_bench.py) — its figures mean nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    name: str
    extraction_docs: int  # corpus for throughput and --jobs scaling
    extraction_rounds: int  # interleaved repeats of raw spaCy / 1 job / 2 jobs
    profile_docs: int  # corpus for the stage breakdown and profile
    growth_sizes: tuple[int, int, int]  # documents; the ratio compares the last two
    query_sizes: tuple[int, ...]  # target quads of the synthetic graphs
    query_events: int  # events asked about per graph
    query_repeats: int  # runs of each query per event (median)
    startup_runs: int  # runs of each command (median)
    load_quads: int  # graph for load, export and memory per triple


MODES: dict[str, Mode] = {
    "full": Mode(
        name="full",
        extraction_docs=504,
        extraction_rounds=3,
        profile_docs=100,
        growth_sizes=(100, 1_000, 10_000),
        query_sizes=(10_000, 100_000, 1_000_000),
        query_events=3,
        query_repeats=5,
        # A start takes ~0.2 s and single runs swing by ±30% on a shared machine: with 9
        # runs the median of `kg who EVENT` moved from 1.31x to 1.52x between two runs of
        # the same code, so the full run takes 21 (about 15 s more).
        startup_runs=21,
        load_quads=1_000_000,
    ),
    "quick": Mode(
        name="quick",
        extraction_docs=200,
        extraction_rounds=1,
        profile_docs=50,
        growth_sizes=(100, 300, 1_000),
        query_sizes=(10_000, 100_000),
        query_events=3,
        query_repeats=3,
        startup_runs=5,
        load_quads=100_000,
    ),
    "smoke": Mode(
        name="smoke",
        extraction_docs=6,
        extraction_rounds=1,
        profile_docs=4,
        growth_sizes=(4, 6, 12),
        query_sizes=(1_000, 3_000),
        query_events=1,
        query_repeats=1,
        startup_runs=1,
        load_quads=3_000,
    ),
}


def size_label(quads: int) -> str:
    """10000 -> "10k", 1000000 -> "1M" (figure names and tables)."""
    if quads >= 1_000_000 and quads % 1_000_000 == 0:
        return f"{quads // 1_000_000}M"
    if quads >= 1_000 and quads % 1_000 == 0:
        return f"{quads // 1_000}k"
    return str(quads)
