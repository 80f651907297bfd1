"""The embedded on-disk store: Oxigraph, swapped in atomically on every build.

Layout of a store folder::

    STORE/current -> gen-000003     (a symlink, replaced atomically)
    STORE/gen-000003/               (a pyoxigraph RocksDB store)

A build writes a new generation next to the old one and then repoints ``current``. A
build killed at any moment leaves the previous generation intact and queryable; stale
generations are removed by the next successful build.

``GraphStore`` exposes pyoxigraph directly for bulk work and SPARQL, and an rdflib
``Dataset`` (through oxrdflib) for code that wants the rdflib API.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from errors import StoreError

if TYPE_CHECKING:
    from rdflib import Dataset

STORE_ENV = "KG_STORE"
CURRENT = "current"
_GEN = re.compile(r"^gen-(\d{6})$")


def default_store_path() -> Path:
    """``$KG_STORE``, else the per-user data folder (``$XDG_DATA_HOME/histkg/store``)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "histkg" / "store"


def resolve_store_path(path: str | os.PathLike[str] | None) -> Path:
    return Path(path).expanduser() if path else default_store_path()


class GraphStore:
    """A read view of one built generation."""

    def __init__(self, root: Path, ox_store: ox.Store) -> None:
        self.root = root
        self.ox = ox_store

    def query(
        self, sparql: str, *, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run SPARQL over the union of all named graphs; user text only ever goes in as
        ``bindings`` (pre-bound variables), never spliced into the query string."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        return self.ox.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def rdflib_dataset(self) -> Dataset:
        """The same data as an rdflib Dataset backed by oxrdflib (no copy)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self.ox), default_union=True)

    def __len__(self) -> int:
        return len(self.ox)


def _generations(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if _GEN.match(p.name) and p.is_dir())


def open_store(path: str | os.PathLike[str] | None = None) -> GraphStore:
    """Open the current generation read-only, or explain how to build one."""
    root = resolve_store_path(path)
    current = root / CURRENT
    if not current.exists():
        hint = f"kg build --store {root}" if path else "kg build"
        raise StoreError(f"no graph store at {root}; build one first with: {hint}")
    try:
        return GraphStore(root, ox.Store.read_only(str(current.resolve())))
    except OSError as exc:
        raise StoreError(f"cannot open graph store at {root}: {exc}") from exc


def write_generation(
    path: str | os.PathLike[str] | None, quads: Iterable[ox.Quad], *, keep_old: int = 0
) -> Path:
    """Write ``quads`` as a new generation and make it current atomically."""
    root = resolve_store_path(path)
    try:
        root.mkdir(parents=True, exist_ok=True)
        existing = _generations(root)
        number = int(_GEN.match(existing[-1].name).group(1)) + 1 if existing else 1  # type: ignore[union-attr]
        target = root / f"gen-{number:06d}"
        if target.exists():  # debris from a killed build
            shutil.rmtree(target)
        store = ox.Store(str(target))
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
        del store
        link = root / f".{CURRENT}.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target.name)
        os.replace(link, root / CURRENT)  # the atomic step
    except OSError as exc:
        raise StoreError(f"cannot write graph store at {root}: {exc}") from exc
    for old in existing[: max(0, len(existing) - keep_old)]:
        shutil.rmtree(old, ignore_errors=True)
    return target
