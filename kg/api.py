"""The Python entry point: the graph store as an rdflib ``Dataset`` (``kg.open``).

``kg.open()`` gives an :class:`rdflib.Dataset` backed by the Oxigraph store through
oxrdflib: no copy is made, SPARQL runs in Oxigraph, and the default graph is the union of
all named graphs (the document graphs, ``graph:resolved`` and ``graph:ontology``), as for
``kg query``. It is read-only unless ``writable=True``: then it is a copy of the current
generation, and ``dataset.commit()`` makes it current atomically, as ``kg query --update``
does (the next ``kg build`` replaces it, like every hand edit).

rdflib and oxrdflib are imported here only, when a caller asks for a Dataset: the query
commands do not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extract.errors import StoreError

from .store import Location, Store, open_store
from .vocab import PREFIXES

if TYPE_CHECKING:
    from rdflib import Dataset

READ_ONLY = (
    "the graph is open read-only; open it with kg.open(..., writable=True) to change a copy "
    "and commit() it"
)


def open(path: Location = None, *, writable: bool = False) -> Dataset:
    """The graph store at ``path`` (``$KG_STORE`` or the per-user default when None) as an
    rdflib Dataset; read-only unless ``writable``. Raises :class:`extract.errors.StoreError` with a
    one-line message when there is no store there."""
    return dataset_of(open_store(path, writable=writable))


def dataset_of(store: Store) -> Dataset:
    """An rdflib Dataset over an open :class:`kg.store.Store` (no copy)."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    class _Store(OxigraphStore):
        """oxrdflib's store that says clearly when it is read-only."""

        def _refuse(self) -> None:
            if not store.writable:
                raise StoreError(READ_ONLY)

        def add(self, *args: Any, **kwargs: Any) -> None:
            self._refuse()
            super().add(*args, **kwargs)

        def addN(self, *args: Any, **kwargs: Any) -> None:
            self._refuse()
            super().addN(*args, **kwargs)

        def remove(self, *args: Any, **kwargs: Any) -> None:
            self._refuse()
            super().remove(*args, **kwargs)

        def update(self, *args: Any, **kwargs: Any) -> None:
            self._refuse()
            super().update(*args, **kwargs)

        def add_graph(self, *args: Any, **kwargs: Any) -> None:
            self._refuse()
            super().add_graph(*args, **kwargs)

        def remove_graph(self, *args: Any, **kwargs: Any) -> None:
            self._refuse()
            super().remove_graph(*args, **kwargs)

    class _Dataset(Dataset):
        """The Dataset; ``commit()`` makes a writable copy the current generation."""

        graph_store = store

        def commit(self) -> _Dataset:
            store.commit()  # a StoreError for a read-only one
            # The committed generation, read-only from now on (oxrdflib keeps its
            # pyoxigraph store in ``_store``).
            self.store._store = store.ox  # type: ignore[attr-defined]
            return self

    dataset = _Dataset(store=_Store(store=store.ox), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset
