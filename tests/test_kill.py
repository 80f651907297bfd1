"""A killed build loses nothing: the previous graph stays intact and queryable.

The main test kills real ``kg build`` processes (SIGKILL) at chosen moments (reading,
resolving, writing the new generation, just before and just after the atomic swap), and
after each kill checks that the store answers exactly as before (or, if the kill came
after the swap, exactly as a complete build of the new corpus). The others kill
``write_generation`` at chosen points and check the store's locks: a reader keeps its
generation, a second writer is refused.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from extract.errors import StoreError
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


# A build that kills itself (SIGKILL) at a chosen point: the moment is exact, whatever the
# machine's load, where sleeping a random share of a measured build time was not (a build
# that ran faster than the first one finished before the kill came).
_BUILD_KILLED_AT = """
import os, signal, sys

import extract.corpus, extract.stream, kg.embedded

point, n = sys.argv[1], int(sys.argv[2])
calls = [0]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def at_call(module, name):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == n:
            die()
        return real(*args, **kwargs)
    setattr(module, name, wrapper)

if point == "writing":  # while the new generation is being written, after n quads
    real_write = kg.embedded._write
    def write(path, quads, *args, **kwargs):
        def stream():
            for i, quad in enumerate(quads):
                if i == n:
                    die()
                yield quad
        return real_write(path, stream(), *args, **kwargs)
    kg.embedded._write = write
else:
    module = (
        kg.embedded
        if point in ("_publish", "_remove_stale")
        else extract.stream
        if point == "read_document"
        else extract.corpus
    )
    at_call(module, point)

from cli import main
sys.argv = ["kg", *sys.argv[3:]]
main()
"""
# Where the kills land, in turn: reading the n-th document, resolving, writing the
# generation, just before the atomic swap, and after it (before old ones are removed).
_KILL_POINTS = ["read_document", "resolve_corpus", "writing", "_publish", "_remove_stale"]


def test_kill_build_at_chosen_moments_leaves_the_previous_graph(
    tmp_path: Path, real_model: str
) -> None:
    store = tmp_path / "store"
    rng = random.Random(20240605)

    def build(number: int, *kill_at: str) -> subprocess.Popen[bytes]:
        corpus = str(_variant(tmp_path, number))
        arguments = ["build", corpus, "--store", str(store), "--model", real_model]
        if not kill_at:
            return _python("-m", "cli", *arguments)
        return _python("-c", _BUILD_KILLED_AT, *kill_at, *arguments)

    first = build(0)
    assert first.wait(timeout=600) == 0, first.stderr.read() if first.stderr else ""
    expected = _state(store)
    assert expected[0] > 0 and expected[2]["participants"]  # type: ignore[index]

    for number in range(1, KILLS + 1):
        current = os.readlink(store / "current")
        point = _KILL_POINTS[(number - 1) % len(_KILL_POINTS)]
        if point == "read_document":
            n = rng.randint(1, len(SEEDS))
        elif point == "writing":
            n = rng.randrange(0, 500)  # a build of two articles writes over 1,000 quads
        else:
            n = 1
        process = build(number, point, str(n))
        assert process.wait(timeout=600) == -signal.SIGKILL, f"kill {number} at {point}"
        if os.readlink(store / "current") == current:
            assert _state(store) == expected, f"kill {number} ({point}) changed the store"
            continue
        # The kill came after the atomic swap: the store must then hold the complete new
        # graph, the same as a build that was not killed.
        assert point == "_remove_stale", f"kill {number} at {point} swapped the store"
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
import kg.embedded

kg.embedded._remove_stale = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
quad = ox.Quad(ox.NamedNode("http://x/new"), ox.NamedNode("http://x/p"), ox.Literal("new"),
               ox.DefaultGraph())
kg.embedded.write_generation(sys.argv[1], [quad])
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
