"""Store writing, export and memory per triple, against pyoxigraph used directly.

On one synthetic graph (``bench.synthetic``, the shape ``kg build`` writes):

* load: ``kg.store.write_generation`` of the quads (new generation, flush, compaction,
  atomic switch) and ``kg.mapping.write_corpus`` (the same from the extracted corpus,
  quads made on the way), each against ``Store.bulk_load`` of the same quads from an
  N-Quads file into a fresh on-disk store;
* export: ``kg.export.export`` as Turtle (the union of the graphs, deduplicated and
  sorted for byte-identical output) against a ``CONSTRUCT`` of the union serialised by
  pyoxigraph, and as N-Quads against ``Store.dump``;
* memory: the store folder's size on disk per quad, and the resident memory a process
  gains by opening the store and reading every quad, per quad.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench.config import Mode, size_label
from bench.measure import folder_bytes, interleave, run_worker
from bench.report import Figure, Results
from bench.synthetic import corpus_quads, documents_for, synthetic_corpus

TARGET_VS_DIRECT = 0.5
TARGET_KB_PER_TRIPLE = 0.5
ROUNDS = 2


def run(results: Results, mode: Mode, work: Path) -> None:
    from kg.export import export
    from kg.mapping import write_corpus
    from kg.store import open_store, write_generation

    label = size_label(mode.load_quads)
    corpus = synthetic_corpus(documents_for(mode.load_quads))
    quads = list(corpus_quads(corpus, pipeline="bench"))
    nq = work / "load.nq"
    ox.serialize(quads, str(nq), ox.RdfFormat.N_QUADS)
    counter = iter(range(1_000_000))

    def fresh(name: str) -> Path:
        return work / f"load-{name}-{next(counter)}"

    def direct_load() -> int:
        store = ox.Store(str(fresh("direct")))
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        count = len(store)
        del store
        return count

    loads: dict[str, Callable[[], Any]] = {
        "direct_bulk_load": direct_load,
        "write_generation": lambda: write_generation(fresh("ours"), quads),
        "write_corpus": lambda: write_corpus(fresh("corpus"), corpus, pipeline="bench"),
    }
    load_times, answers = interleave(loads, ROUNDS)
    stored = answers["direct_bulk_load"]
    generation = Path(answers["write_generation"])
    root = generation.parent
    graph = open_store(root)
    out = work / "export.out"
    union = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"

    def direct_turtle() -> None:
        triples = graph.ox.query(union, use_default_graph_as_union=True)
        assert isinstance(triples, ox.QueryTriples)
        triples.serialize(str(out), ox.RdfFormat.TURTLE)

    exports: dict[str, Callable[[], Any]] = {
        "direct_turtle": direct_turtle,
        "kg_export_turtle": lambda: export(graph, "turtle", out),
        "direct_nquads": lambda: graph.ox.dump(str(out), ox.RdfFormat.N_QUADS),
        "kg_export_nquads": lambda: export(graph, "nquads", out),
    }
    export_times, _ = interleave(exports, ROUNDS)
    best = {name: min(t) for name, t in {**load_times, **export_times}.items()}
    rate = {name: stored / seconds for name, seconds in best.items()}
    disk = folder_bytes(generation)
    opened = run_worker("store-memory", str(root))
    in_memory = run_worker("memory-store", str(nq))
    rss_per_quad = (opened["rss_after_kb"] - opened["rss_before_kb"]) * 1024 / opened["quads"]
    mem_per_quad = (in_memory["rss_after_kb"] - in_memory["rss_before_kb"]) * 1024 / stored
    results.details["storage"] = {
        "quads": stored,
        "seconds": {**load_times, **export_times},
        "quads_per_second": rate,
        "disk_bytes": disk,
        "opened_store": opened,
        "in_memory_store": in_memory,
        "in_memory_bytes_per_quad": mem_per_quad,
    }
    results.note(
        "storage",
        f"In-memory pyoxigraph store for comparison: {mem_per_quad:.0f} bytes per quad "
        f"of resident memory ({stored:,} quads).",
    )
    for ours, direct, text in (
        ("write_generation", "direct_bulk_load", "store writing (write_generation)"),
        ("write_corpus", "direct_bulk_load", "corpus to store (write_corpus)"),
        ("kg_export_turtle", "direct_turtle", "kg export turtle"),
        ("kg_export_nquads", "direct_nquads", "kg export nquads"),
    ):
        results.add(
            Figure(
                f"load.{ours.removeprefix('kg_')}",
                "load",
                f"{text} ÷ direct pyoxigraph, {label} triples",
                rate[ours] / rate[direct],
                ">=",
                TARGET_VS_DIRECT,
                note=f"{rate[ours]:,.0f} vs {rate[direct]:,.0f} triples/s",
            )
        )
    results.add(
        Figure(
            "memory.disk",
            "memory",
            f"store size on disk per triple, {label} triples",
            disk / stored / 1024,
            "<=",
            TARGET_KB_PER_TRIPLE,
            unit="KB",
            note=f"{disk / 2**20:.1f} MiB for {stored:,} quads",
        )
    )
    results.add(
        Figure(
            "memory.rss",
            "memory",
            f"resident memory per triple, store opened and scanned, {label} triples",
            rss_per_quad / 1024,
            "<=",
            TARGET_KB_PER_TRIPLE,
            unit="KB",
            note=f"+{(opened['rss_after_kb'] - opened['rss_before_kb']) / 1024:.1f} MiB",
        )
    )
