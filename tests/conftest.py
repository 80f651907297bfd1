"""Shared fixtures: the one place for them (append new fixtures below, grouped by topic).

The query-side tests run against a small store built from ``tests/data/mini.trig``, a
hand-written graph in exactly the shape ``kg build`` writes (see the header of that file
for what it deliberately contains).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from kg.store import GraphStore, open_store, write_generation

DATA = Path(__file__).parent / "data"
MINI_TRIG = DATA / "mini.trig"


# ---------------------------------------------------------------------------------------
# The mini store (queries, export, CLI)
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mini_quads() -> list[ox.Quad]:
    """The quads of tests/data/mini.trig, parsed by pyoxigraph."""
    return list(ox.parse(path=str(MINI_TRIG), format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="session")
def mini_store_path(tmp_path_factory: pytest.TempPathFactory, mini_quads: list[ox.Quad]) -> Path:
    """A store folder (as ``kg build`` lays it out) holding tests/data/mini.trig.

    Built once per session: it is only ever opened read-only.
    """
    root = tmp_path_factory.mktemp("mini") / "store"
    write_generation(root, mini_quads)
    return root


@pytest.fixture
def mini_store(mini_store_path: Path) -> Iterator[GraphStore]:
    """The mini store, opened read-only."""
    store = open_store(mini_store_path)
    yield store
    del store


# ---------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------

KgRunner = Callable[..., Result]


@pytest.fixture
def kg(mini_store_path: Path) -> KgRunner:
    """``kg(*args, input=None, store=None)`` runs ``kg ARGS... --store STORE`` in click's
    CliRunner, against the mini store unless ``store`` says otherwise."""
    from cli import main  # imported here so that non-CLI tests do not depend on cli.py

    def run(*args: str, input: str | None = None, store: Path | None = None) -> Result:
        store_args = ["--store", str(store or mini_store_path)]
        return CliRunner().invoke(main, [*args, *store_args], input=input)

    return run


# ---------------------------------------------------------------------------------------
# The seed corpus, built once per test session with the real model (integration tests).
# ---------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_corpus():  # type: ignore[no-untyped-def]
    """The four seed articles read by the real pipeline (skipped if no model installed)."""
    from errors import ModelError
    from extract.corpus import read_corpus

    try:
        return read_corpus([ROOT / "seeds"])
    except ModelError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def seeds_store_path(seeds_corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    from kg.mapping import write_corpus

    corpus, pipeline = seeds_corpus
    path = tmp_path_factory.mktemp("seeds-store")
    write_corpus(path, corpus, pipeline=pipeline)
    return path


@pytest.fixture(scope="session")
def seeds_store(seeds_store_path):  # type: ignore[no-untyped-def]
    from kg.store import open_store

    return open_store(seeds_store_path)


@pytest.fixture(scope="session")
def seeds_gold():  # type: ignore[no-untyped-def]
    return json.loads((ROOT / "tests" / "data" / "seeds.json").read_text(encoding="utf-8"))
