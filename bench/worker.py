"""Measurements that need a process of their own (peak and resident memory).

Run as ``python -m bench.worker COMMAND ...`` by :func:`bench.measure.run_worker`; prints
one JSON object on its last line. Not meant to be run by hand.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from bench.measure import peak_rss_kb, rss_kb


def build(corpus: Path, store: Path, jobs: int) -> dict[str, Any]:
    """``kg build`` of one corpus: exactly ``read_corpus`` + ``write_corpus``, with the
    model loading timed apart so the growth ratio compares the work that grows."""
    from extract.corpus import extract_corpus
    from extract.pipeline import build_nlp, pipeline_fingerprint
    from kg.mapping import write_corpus

    start = time.perf_counter()
    nlp = build_nlp()
    loaded = time.perf_counter()
    model_kb = rss_kb()
    result = extract_corpus([corpus], nlp, jobs=jobs)
    extracted = time.perf_counter()
    quads = write_corpus(store, result, pipeline=pipeline_fingerprint(nlp))
    done = time.perf_counter()
    return {
        "documents": len(result.documents),
        "skipped": sum(1 for p in result.problems if p.skipped),
        "facts": len(result.facts),
        "nodes": len(result.nodes),
        "quads": quads,
        "model_seconds": loaded - start,
        "extract_seconds": extracted - loaded,
        "write_seconds": done - extracted,
        "build_seconds": done - loaded,
        "model_kb": model_kb,
        "peak_kb": peak_rss_kb(),
    }


def store_memory(store: Path) -> dict[str, Any]:
    """Resident memory an opened store costs once every quad has been read."""
    import pyoxigraph  # noqa: F401  (the library itself is not the store's cost)

    from kg.store import open_store

    before = rss_kb()
    graph = open_store(store)
    rows = graph.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    count = int(next(iter(rows))["n"].value)  # type: ignore[arg-type]
    return {"quads": count, "rss_before_kb": before, "rss_after_kb": rss_kb()}


def memory_store(nquads: Path) -> dict[str, Any]:
    """Resident memory of the same quads in an in-memory pyoxigraph store."""
    import pyoxigraph as ox

    before = rss_kb()
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return {"quads": len(store), "rss_before_kb": before, "rss_after_kb": rss_kb()}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build")
    p.add_argument("corpus", type=Path)
    p.add_argument("store", type=Path)
    p.add_argument("--jobs", type=int, default=1)
    p = sub.add_parser("store-memory")
    p.add_argument("store", type=Path)
    p = sub.add_parser("memory-store")
    p.add_argument("nquads", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        answer = build(args.corpus, args.store, args.jobs)
    elif args.command == "store-memory":
        answer = store_memory(args.store)
    else:
        answer = memory_store(args.nquads)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
