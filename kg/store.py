"""The graph store: one protocol, two implementations, one factory.

* :class:`kg.embedded.EmbeddedStore`: Oxigraph on disk, in generations swapped in
  atomically (``--store DIR``, the default);
* :class:`kg.remote.RemoteStore`: a SPARQL 1.1 server (``--endpoint URL``).

:func:`open_store` is the only place that looks at which one a location names. Callers
hold a :class:`Store` and never ask: where the two behave differently (writing a build,
locks, stopping a query at a deadline, needing a folder), the difference is a method of
the store.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, TypeAlias, cast

import pyoxigraph as ox

from extract.errors import StoreError
from kg.embedded import (
    CURRENT,
    STORE_ENV,
    WRITER_LOCK,
    EmbeddedStore,
    default_store_path,
    open_embedded,
    resolve_store_path,
    write_generation,
)
from kg.querytext import Bound
from kg.vocab import HKG

if TYPE_CHECKING:
    from kg.remote import Endpoint

__all__ = [
    "CURRENT",
    "STORE_ENV",
    "WRITER_LOCK",
    "EmbeddedStore",
    "GraphStore",
    "Location",
    "QueryResult",
    "Store",
    "default_store_path",
    "open_store",
    "resolve_store_path",
    "stored_sources",
    "write_generation",
]

# What ``--store``/``--endpoint`` give: a folder (None: ``$KG_STORE`` or the per-user
# default), or a SPARQL server. Spelt as a string so that a local command never imports
# kg.remote (a twentieth of its start-up): annotations only.
Location: TypeAlias = "str | os.PathLike[str] | Endpoint | None"
QueryResult = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean


class Store(Protocol):
    """A graph store, as everything above kg/ uses it."""

    # -- reading -----------------------------------------------------------------------

    def query(self, sparql: str, *, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
        """Run SPARQL over the union of the project's graphs; user text only ever goes in
        as ``bindings`` (pre-bound variables), never spliced into the query string."""
        ...

    def __len__(self) -> int:
        """How many quads the store holds."""
        ...

    # -- writing -----------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """Whether ``update`` and ``commit`` apply here (an embedded store opened with
        ``writable=True``, which holds the writer lock)."""
        ...

    def update(self, sparql: str) -> None:
        """Apply a SPARQL Update to a writable copy; nothing is visible before commit."""
        ...

    def commit(self) -> None:
        """Make the updated copy current, atomically."""
        ...

    def discard(self) -> None:
        """Drop an uncommitted copy and let go of the writer lock."""
        ...

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        """Make ``quads`` the whole store (a build); returns how many quads it holds."""
        ...

    def cache_folder(self) -> Path:
        """Where ``kg build`` keeps its extraction cache for this store."""
        ...

    # -- capabilities ------------------------------------------------------------------

    def folder(self) -> Path:
        """The store's folder, for work that reopens it in other processes (query
        workers, ``kg serve``, ``kg query --update``); a StoreError saying so where
        the store has none."""
        ...

    def with_timeout(self, seconds: float) -> Store | None:
        """This store with every answer awaited for at most ``seconds``, or None where a
        running query cannot be stopped from this process (then run it in a worker
        process that can be killed, as queries/serving/limits.py does)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Discard what was not committed (and close connections)."""
        ...

    # Last: inside the class body, the name ``ox`` means this property from here on.
    @property
    def ox(self) -> ox.Store:
        """Every quad as a pyoxigraph store, for bulk work (export, rdflib, networkx)."""
        ...


# The name queries/ and the tests annotate stores with.
GraphStore = Store


def open_store(
    location: Location = None,
    *,
    writable: bool = False,
    create: bool = False,
    wait: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> Store:
    """The store at ``location``: a folder (None: ``$KG_STORE`` or the per-user default)
    opened read-only, or a SPARQL server (an :class:`kg.remote.Endpoint`).

    ``writable=True`` holds the writer lock of a folder (waiting for another writer with
    ``wait``, calling ``on_wait`` first) and gives a copy that ``commit()`` makes current;
    use it as a context manager so that an error discards the copy. ``create`` is for a
    build (``replace``): the folder may hold no store yet. A server needs neither.
    """
    # An Endpoint exists only once kg.remote is imported (by --endpoint's parsing): a
    # local command need not import it to know it holds none.
    remote = sys.modules.get("kg.remote")
    if remote is not None and isinstance(location, remote.Endpoint):
        return remote.RemoteStore(location)
    folder = cast("str | os.PathLike[str] | None", location)  # no Endpoint: see above
    return open_embedded(folder, writable=writable, create=create, wait=wait, on_wait=on_wait)


def stored_sources(location: Location = None) -> set[str]:
    """The document names (``hkg:sourceFile``) in the store; none if there is no store
    yet. ``kg build`` compares them with what it read, to report dropped ones."""
    try:
        store = open_store(location)
    except StoreError:
        return set()
    rows = store.query(f"SELECT DISTINCT ?name WHERE {{ ?doc <{HKG.sourceFile}> ?name }}")
    assert isinstance(rows, ox.QuerySolutions)
    return {row["name"].value for row in rows if row["name"] is not None}
