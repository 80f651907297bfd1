"""``kg build --scheduler``: documents read on a Dask cluster give the local build's graph.

The cluster is a ``LocalCluster`` of two worker processes (the ``dask_cluster`` fixture),
which talk to this process over TCP exactly as the workers of a real cluster would.
"""

from __future__ import annotations

import pickle
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from extract import distributed
from extract.distributed import analyse_distributed, batches
from extract.errors import ClusterError
from extract.sources import SourceText

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str) -> Result:
    from cli import main

    return CliRunner().invoke(main, list(args))


def source(name: str, chars: int) -> SourceText:
    return SourceText(name, f"/corpus/{name}", "x" * chars, "0" * 64)


def test_distributed_batches_keep_order_and_bound_their_size() -> None:
    sources = [source(f"{i:03d}.txt", 9_000) for i in range(7)]
    groups = list(batches(sources))
    assert [s for group in groups for s in group] == sources
    assert all(sum(len(s.text) for s in g) < distributed.BATCH_CHARS + 9_000 for g in groups)
    assert len(groups) > 1
    many_small = [source(f"{i:03d}.txt", 10) for i in range(distributed.BATCH_DOCS * 2 + 1)]
    assert [len(g) for g in batches(many_small)] == [distributed.BATCH_DOCS] * 2 + [1]


def test_distributed_worker_results_survive_pickling(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    """What a worker sends back (dataclasses from extract/) pickles to an equal copy."""
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    fingerprint, analysed = distributed.analyse_batch(
        [SourceText("a.txt", "a.txt", text, "0")], None
    )
    assert fingerprint == seeds_corpus[1]
    assert analysed and analysed[0][1].facts
    assert pickle.loads(pickle.dumps(analysed)) == analysed


def test_distributed_build_equals_the_local_build(
    dask_cluster: str, seeds_store_path: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    result = kg("build", str(ROOT / "seeds"), "--scheduler", dask_cluster, "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output
    built = kg("export", "--format", "nquads", "--store", str(store))
    local = kg("export", "--format", "nquads", "--store", str(seeds_store_path))
    assert built.stdout_bytes.count(b"\n") > 1000
    assert built.stdout_bytes == local.stdout_bytes

    # Both workers did part of the reading: each loaded the pipeline once.
    from distributed import Client

    with Client(dask_cluster, set_as_default=False) as client:
        loaded = client.run(lambda: sorted(map(str, distributed._PIPELINES)))
    assert len(loaded) == 2
    assert all(models == ["None"] for models in loaded.values())


def test_distributed_workers_with_another_pipeline_are_refused(dask_cluster: str) -> None:
    sources = [source("a.txt", 100)]
    with pytest.raises(ClusterError, match="runs another pipeline"):
        list(analyse_distributed(sources, dask_cluster, model=None, pipeline="en_other-1.0"))


def test_distributed_worker_failure_is_a_one_line_error(dask_cluster: str) -> None:
    sources = [source("a.txt", 100)]
    with pytest.raises(ClusterError, match="a Dask worker failed: no spaCy English pipeline") as e:
        list(analyse_distributed(sources, dask_cluster, model="xx_no_such_model", pipeline=""))
    assert "\n" not in str(e.value)


def test_distributed_unreachable_scheduler_is_a_one_line_error(
    seeds_corpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    result = kg("build", str(ROOT / "seeds"), "--scheduler", address, "--store", str(tmp_path))
    assert result.exit_code == 1
    assert f"Error: cannot reach the Dask scheduler at {address}" in result.output
    assert not (tmp_path / "current").exists()


def test_distributed_jobs_and_scheduler_exclude_each_other(tmp_path: Path) -> None:
    args = ["--jobs", "2", "--scheduler", "tcp://x:8786", "--store", str(tmp_path)]
    result = kg("build", str(ROOT / "seeds"), *args)
    assert result.exit_code == 2
    assert "give --jobs or --scheduler, not both" in result.output
