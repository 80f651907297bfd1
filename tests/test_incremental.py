"""Incremental builds: unchanged documents are not extracted again, a changed one replaces
only its own graph, a removed one's facts go away, and the cache is safe to load.

Extraction is counted through a hook on ``extract.stream.read_document`` (the step that
reads a parsed document), never through timing.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from extract.cache import ExtractionCache, code_digest, code_files
from extract.document import DocumentAnalysis
from extract.sources import SourceText
from kg.export import export
from kg.store import open_store, stored_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _graphs(store: Path) -> dict[str, list[str]]:
    """N-Quads lines of the store, by graph IRI (the last term of each line)."""
    data = export(open_store(store), "nquads")
    assert data is not None
    by_graph: dict[str, list[str]] = {}
    for line in data.decode("utf-8").splitlines():
        graph = line.rstrip(" .").rsplit(" ", 1)[-1]
        by_graph.setdefault(graph, []).append(line)
    return by_graph


def _graph_of(name: str) -> str:
    from kg.mapping import graph_iri

    return f"<{graph_iri(name).value}>"


def test_incremental_rebuild_extracts_only_what_changed(
    kg, tmp_path: Path, real_model: str, extractions: list[str]
) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    names = [seed.name for seed in SEEDS]

    first = kg("build", str(corpus), "--model", real_model, store=store)
    assert first.exit_code == 0, first.output
    assert sorted(extractions) == names
    before = _graphs(store)

    # Unchanged: nothing is extracted again, and the graph is byte for byte the same.
    extractions.clear()
    again = kg("build", str(corpus), "--model", real_model, store=store)
    assert again.exit_code == 0, again.output
    assert extractions == []
    assert f"Reused {len(names)} unchanged documents; extracted 0." in again.stdout
    assert _graphs(store) == before

    # One file changes: only it is extracted; every other document's graph is identical.
    changed = names[1]
    with (corpus / changed).open("a", encoding="utf-8") as handle:
        handle.write("\nThe archive of the article was consulted again in spring.\n")
    extractions.clear()
    third = kg("build", str(corpus), "--model", real_model, store=store)
    assert third.exit_code == 0, third.output
    assert extractions == [changed]
    after = _graphs(store)
    for name in names:
        if name != changed:
            assert after[_graph_of(name)] == before[_graph_of(name)], name
    assert after[_graph_of(changed)] != before[_graph_of(changed)]

    # One file is removed: its graph is gone, and the summary says so.
    removed = names[0]
    (corpus / removed).unlink()
    extractions.clear()
    fourth = kg("build", str(corpus), "--model", real_model, store=store)
    assert fourth.exit_code == 0, fourth.output
    assert extractions == []
    assert _graph_of(removed) not in _graphs(store)
    assert removed not in stored_sources(store)
    assert f"Dropped 1 documents not given this time: {removed}." in fourth.stdout
    # The cache holds the current corpus only.
    assert len(list((store / "cache").glob("*.pickle"))) == len(names) - 1


def test_incremental_cached_build_equals_a_fresh_build(
    kg, tmp_path: Path, real_model: str, extractions: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, corpus / seed.name)
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    assert kg("build", str(corpus), "--model", real_model, store=cached).exit_code == 0
    assert kg("build", str(corpus), "--model", real_model, store=cached).exit_code == 0
    assert kg("build", str(corpus), "--model", real_model, store=fresh).exit_code == 0
    assert len(extractions) == 4  # twice for the first build of each store, never for reuse
    assert export(open_store(cached), "nquads") == export(open_store(fresh), "nquads")


# ---------------------------------------------------------------------------------------
# The cache itself (no model needed)
# ---------------------------------------------------------------------------------------


def _source(name: str = "a.txt", text: str = "Some text.") -> SourceText:
    import hashlib

    return SourceText(name, f"/in/{name}", text, hashlib.sha256(text.encode()).hexdigest())


def test_incremental_cache_key_changes_with_content_name_and_pipeline(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "en_core_web_sm-3.8.0+histkg-0.1.0")
    base = cache.key(_source())
    assert cache.key(_source(text="Other text.")) != base
    assert cache.key(_source(name="b.txt")) != base
    assert ExtractionCache(tmp_path, "en_core_web_sm-3.9.0+histkg-0.1.0").key(_source()) != base
    assert len(code_digest()) == 64


def test_incremental_code_digest_reads_the_reading_passes() -> None:
    """Editing a pass in extract/reading/ must invalidate cached analyses too."""
    names = [name for name, _ in code_files()]
    assert {"document.py", "quantities.py", "reading/quantities.py", "reading/context.py"} <= set(
        names
    )
    assert not any("__pycache__" in name for name in names)


def test_incremental_cache_round_trips_an_analysis(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "p")
    analysis = DocumentAnalysis(source="a.txt", sentences=3)
    cache.put(_source(), analysis)
    assert cache.get(_source()) == analysis
    assert cache.get(_source(text="changed")) is None


def test_incremental_cache_never_runs_code_from_an_entry(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "p")
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    path = tmp_path / f"{cache.key(_source())}.pickle"
    path.write_bytes(pickle.dumps(Payload()))
    assert cache.get(_source()) is None
    assert not marker.exists()


def test_incremental_cache_ignores_a_truncated_entry(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "p")
    cache.put(_source(), DocumentAnalysis(source="a.txt"))
    path = tmp_path / f"{cache.key(_source())}.pickle"
    path.write_bytes(path.read_bytes()[:10])
    assert cache.get(_source()) is None
