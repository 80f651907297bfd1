"""A killed build loses nothing: the previous graph stays intact and queryable.

The main test kills real ``kg build`` processes (SIGKILL) at random moments, half of them
while the new generation is being written, and after each kill checks that the store
answers exactly as before (or, if the kill came after the atomic swap, exactly as a
complete build of the new corpus). The others kill ``write_generation`` at chosen points and
check the store's locks: a reader keeps its generation, a second writer is refused.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from errors import StoreError
from kg.export import export
from kg.store import open_store, write_generation
from queries import events

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))[1:3]  # two articles: a build of a few seconds
EVENT = "Battle of Khalkhin Gol"
KILLS = 8


def _python(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def _variant(folder: Path, number: int) -> Path:
    """The seeds with one added line, so no document is in the extraction cache."""
    target = folder / f"variant-{number}"
    target.mkdir()
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        (target / seed.name).write_text(f"{text}\nRevision {number} of this copy.\n")
    return target


def _state(store: Path) -> tuple[int, bytes | None, object]:
    """What a user sees: the quad count by SPARQL, the whole graph, and kg who's answer."""
    graph = open_store(store)
    count = graph.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(count, ox.QuerySolutions)
    n = int(next(iter(count))["n"].value)  # type: ignore[union-attr]
    return n, export(graph, "nquads"), events.who(graph, EVENT)


def _generations(store: Path) -> set[str]:
    return {p.name for p in store.glob("gen-*")}


def test_kill_build_at_random_moments_leaves_the_previous_graph(
    tmp_path: Path, real_model: str
) -> None:
    store = tmp_path / "store"
    rng = random.Random(20240605)

    def build(number: int) -> subprocess.Popen[bytes]:
        corpus = str(_variant(tmp_path, number))
        return _python("-m", "cli", "build", corpus, "--store", str(store), "--model", real_model)

    started = time.monotonic()
    first = build(0)
    assert first.wait(timeout=600) == 0, first.stderr.read() if first.stderr else ""
    duration = time.monotonic() - started
    expected = _state(store)
    assert expected[0] > 0 and expected[2]["participants"]  # type: ignore[index]

    killed_mid_build = 0
    for number in range(1, KILLS + 1):
        known, current = _generations(store), os.readlink(store / "current")
        process = build(number)
        if number % 2:  # anywhere in the build: loading, reading, resolving, writing
            time.sleep(rng.uniform(0.1, 0.95 * duration))
        else:  # while the new generation is being written
            deadline = time.monotonic() + 3 * duration
            while not (_generations(store) - known) and process.poll() is None:
                assert time.monotonic() < deadline, "the build never started writing"
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))
        if process.poll() is None:
            killed_mid_build += 1
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if os.readlink(store / "current") == current:
            assert _state(store) == expected, f"kill {number} changed what the store answers"
            continue
        # The kill came after the atomic swap (or the build finished first): the store
        # must then hold the complete new graph, the same as a build that was not killed.
        reference = tmp_path / f"reference-{number}"
        shutil.copytree(store / "cache", reference / "cache")
        again = _python(
            "-m",
            "cli",
            "build",
            str(tmp_path / f"variant-{number}"),
            "--store",
            str(reference),
            "--model",
            real_model,
        )
        assert again.wait(timeout=600) == 0
        expected = _state(store)
        assert expected == _state(reference), f"kill {number} left an incomplete graph"

    assert killed_mid_build >= KILLS - 2, f"only {killed_mid_build} kills hit a running build"
    # The next complete build succeeds and removes every half-written generation.
    final = build(KILLS + 1)
    assert final.wait(timeout=600) == 0
    assert len(_generations(store)) == 1
    assert not list((store / "cache").glob("*.tmp"))


# ---------------------------------------------------------------------------------------
# Kills at chosen points of write_generation
# ---------------------------------------------------------------------------------------

_KILL_WHILE_WRITING = """
import os, signal, sys
import pyoxigraph as ox
from kg.store import write_generation

def quads():
    for i in range(100_000):
        if i == 5_000:
            os.kill(os.getpid(), signal.SIGKILL)
        yield ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"),
                      ox.Literal(str(i)), ox.DefaultGraph())

write_generation(sys.argv[1], quads())
"""

_KILL_BEFORE_CLEANUP = """
import os, signal, sys
import pyoxigraph as ox
import kg.store

kg.store._remove_stale = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
quad = ox.Quad(ox.NamedNode("http://x/new"), ox.NamedNode("http://x/p"), ox.Literal("new"),
               ox.DefaultGraph())
kg.store.write_generation(sys.argv[1], [quad])
"""


def _mini(store: Path, mini_quads: list[ox.Quad]) -> int:
    write_generation(store, mini_quads)
    return len(open_store(store))


def test_kill_while_writing_a_generation_keeps_the_previous_one(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    store = tmp_path / "store"
    size = _mini(store, mini_quads)
    process = _python("-c", _KILL_WHILE_WRITING, str(store))
    assert process.wait(timeout=120) == -signal.SIGKILL
    assert len(_generations(store)) == 2  # the half-written one is there ...
    assert len(open_store(store)) == size  # ... and not current
    write_generation(store, mini_quads[:10])
    assert len(open_store(store)) == 10
    assert len(_generations(store)) == 1  # the next write removed it


def test_kill_after_the_swap_leaves_the_new_generation_current(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    store = tmp_path / "store"
    _mini(store, mini_quads)
    process = _python("-c", _KILL_BEFORE_CLEANUP, str(store))
    assert process.wait(timeout=120) == -signal.SIGKILL
    assert len(open_store(store)) == 1
    write_generation(store, mini_quads[:10])
    assert len(_generations(store)) == 1


def test_kill_error_while_writing_removes_the_half_written_generation(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    store = tmp_path / "store"
    size = _mini(store, mini_quads)

    def failing() -> object:
        yield from mini_quads[:5]
        raise RuntimeError("the corpus could not be mapped")

    with pytest.raises(RuntimeError):
        write_generation(store, failing())  # type: ignore[arg-type]
    assert len(_generations(store)) == 1
    assert len(open_store(store)) == size


def test_kill_open_reader_keeps_its_generation_through_rebuilds(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    store = tmp_path / "store"
    size = _mini(store, mini_quads)
    reader = open_store(store)
    write_generation(store, mini_quads[:10])
    write_generation(store, mini_quads[:20])
    # The reader's generation was replaced twice but not removed under it.
    assert len(reader) == size
    assert len(list(reader.ox.quads_for_pattern(None, None, None))) == size
    assert len(open_store(store)) == 20
    del reader
    write_generation(store, mini_quads[:30])
    assert len(_generations(store)) == 1


def test_kill_second_writer_is_refused_while_one_writes(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    store = tmp_path / "store"
    _mini(store, mini_quads)
    refused = pytest.raises(StoreError, match="another kg build or update is writing")
    with open_store(store, writable=True), refused:
        write_generation(store, mini_quads[:10])
    write_generation(store, mini_quads[:10])  # the lock went with the writer
    assert len(open_store(store)) == 10


def test_kill_uncommitted_copy_changes_nothing(tmp_path: Path, mini_quads: list[ox.Quad]) -> None:
    store = tmp_path / "store"
    size = _mini(store, mini_quads)
    with open_store(store, writable=True) as copy:
        copy.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert len(copy) == 0
    assert len(open_store(store)) == size
    assert len(_generations(store)) == 1
