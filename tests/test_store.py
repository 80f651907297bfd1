"""One ``Store`` protocol, two implementations, one factory (kg/store.py).

What differs between an embedded store and a SPARQL server is a method of the store, so
the callers above kg/ never ask which one they hold. These tests need no server: a
RemoteStore sends nothing until it is asked a question.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from extract.errors import StoreError
from kg.embedded import EmbeddedStore
from kg.remote import Endpoint, RemoteStore
from kg.store import Store, open_store, stored_sources

# Every member the protocol declares (less typing's own machinery).
MEMBERS = sorted(
    name
    for name in vars(Store)
    if not name.startswith("_") or name in {"__len__", "__enter__", "__exit__"}
)


def test_store_protocol_lists_what_callers_use() -> None:
    assert {"query", "ox", "__len__", "replace", "folder", "with_timeout"} <= set(MEMBERS)


@pytest.mark.parametrize("implementation", [EmbeddedStore, RemoteStore])
def test_store_both_implementations_have_every_member(implementation: type) -> None:
    missing = [name for name in MEMBERS if not hasattr(implementation, name)]
    assert missing == []


def test_store_factory_picks_by_location(mini_store_path: Path) -> None:
    assert isinstance(open_store(mini_store_path), EmbeddedStore)
    assert isinstance(open_store(Endpoint.from_url("http://127.0.0.1:9/sparql")), RemoteStore)


def test_store_capabilities_differ_in_the_implementation(mini_store_path: Path) -> None:
    local = open_store(mini_store_path)
    assert local.folder() == mini_store_path
    assert local.with_timeout(5.0) is None  # pyoxigraph cannot be interrupted
    assert local.cache_folder() == mini_store_path / "cache"
    remote = open_store(Endpoint.from_url("http://127.0.0.1:9/sparql"))
    timed = remote.with_timeout(5.0)
    assert isinstance(timed, RemoteStore) and timed.http.timeout == 5.0
    with pytest.raises(StoreError, match="is a SPARQL server; this needs a local store"):
        remote.folder()
    assert remote.cache_folder() != local.cache_folder()
    with pytest.raises(StoreError, match="updates through kg change the local store only"):
        remote.update("INSERT DATA { <x:a> <x:b> <x:c> }")


def test_store_build_writes_a_new_store_through_replace(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    root = tmp_path / "store"
    with pytest.raises(StoreError, match="no graph store at"):
        open_store(root, writable=True)  # an update needs something to copy
    assert not root.exists()
    with open_store(root, writable=True, create=True) as store:
        assert store.replace(mini_quads) == len(set(mini_quads))
        with pytest.raises(StoreError, match="another kg build or update"):
            open_store(root, writable=True)  # the build holds the writer lock
    assert len(open_store(root)) == len(set(mini_quads))
    assert stored_sources(root)  # the documents of the mini store
    open_store(root, writable=True).discard()  # the lock went with the build
    with pytest.raises(StoreError, match="open read-only"):
        open_store(root).replace(mini_quads)


def test_store_update_after_replace_is_on_the_new_generation(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    root = tmp_path / "store"
    with open_store(root, writable=True, create=True) as store:
        store.replace(mini_quads[:5])
    with open_store(root, writable=True) as copy:
        copy.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert len(open_store(root)) == 5  # nothing visible before commit
        copy.commit()
    assert len(open_store(root)) == 0
