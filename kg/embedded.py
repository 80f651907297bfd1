"""The embedded store: Oxigraph on disk, swapped in atomically on every build.

Layout of a store folder::

    STORE/current -> gen-000003     (a symlink, replaced atomically)
    STORE/gen-000003/               (a pyoxigraph RocksDB store)

A build writes a new generation next to the old one, fsyncs it, and then repoints
``current``. A build killed at any moment leaves the previous generation intact and
queryable; half-written and stale generations are removed by the next successful write.

Three locks (``flock``, released by the kernel when a process dies, so a killed process
never leaves one behind) keep writers and readers apart:

* ``STORE/.lock``: one writer at a time (``kg build``, ``kg query --update``); a second
  one fails at once with a clear message instead of racing for the next generation.
* each open generation folder: a shared lock per reader, so a long-lived reader (``kg
  serve``) keeps the generation it opened until it lets go; a writer removes only
  generations it can lock exclusively.

``open_embedded(path, writable=True)`` holds the writer lock and gives a copy of the
current generation (hard-linked by RocksDB's checkpoint, so it is cheap) that ``commit()``
swaps in the same way; ``replace(quads)`` (a build) writes a whole new generation instead.

:class:`EmbeddedStore` is one implementation of :class:`kg.store.Store`; callers get it
from :func:`kg.store.open_store` and never ask which kind they hold.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import weakref
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Self

import pyoxigraph as ox

from extract.errors import StoreError
from kg.querytext import Bound, rewrite

STORE_ENV = "KG_STORE"
CURRENT = "current"
WRITER_LOCK = ".lock"
_GEN = re.compile(r"^gen-(\d{6})$")


def default_store_path() -> Path:
    """``$KG_STORE``, else the per-user data folder (``$XDG_DATA_HOME/histkg/store``)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "histkg" / "store"


def resolve_store_path(path: str | os.PathLike[str] | None) -> Path:
    root = Path(path).expanduser() if path else default_store_path()
    try:
        str(root).encode("utf-8")
    except UnicodeEncodeError:
        # Checked before anything is created: pyoxigraph (Rust) opens UTF-8 paths only, and
        # a build would otherwise leave cache/ and .lock in a folder it cannot use.
        raise StoreError(
            f"cannot use graph store at {str(root)!a}: the path is not valid UTF-8; "
            "choose a folder whose name is"
        ) from None
    return root


class EmbeddedStore:
    """A view of one built generation: read-only, or, holding the writer lock, a writable
    copy that ``commit()`` makes current (made when first used: a build that only calls
    ``replace`` never copies). A read-only view holds its generation from the start and
    opens it when first asked: a caller that only wants ``folder()`` (``kg query``, whose
    worker process opens the store) never pays for opening RocksDB."""

    def __init__(
        self,
        root: Path,
        ox_store: ox.Store | None = None,
        *,
        generation: Path | None = None,
        lock_fd: int | None = None,
        writer_fd: int | None = None,
    ) -> None:
        self.root = root
        self._ox = ox_store
        self.generation = generation
        self._lock_fd = lock_fd
        self._writer_fd = writer_fd
        # The shared lock on the generation lives as long as this object (or until exit).
        self._release = weakref.finalize(self, _close_fds, lock_fd, writer_fd)

    @property
    def writable(self) -> bool:
        return self._writer_fd is not None

    def _open(self) -> ox.Store:
        """The held generation, read-only."""
        if self.generation is None:
            raise StoreError(f"no graph store at {self.root}; build one first with: kg build")
        try:
            return ox.Store.read_only(str(self.generation))
        except OSError as exc:
            raise StoreError(f"cannot open graph store at {self.root}: {exc}") from exc

    def _copy(self) -> ox.Store:
        """The writable copy of the current generation, made on first use."""
        current = self.root / CURRENT
        if not current.exists():
            raise StoreError(f"no graph store at {self.root}; build one first with: kg build")
        target = _next_generation(self.root)
        try:
            if target.exists():  # debris from a killed writer
                shutil.rmtree(target)
            ox.Store.read_only(str(current.resolve())).backup(str(target))
            store = ox.Store(str(target))
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise StoreError(f"cannot copy graph store at {self.root}: {exc}") from exc
        self.generation = target
        return store

    def query(
        self, sparql: str, *, bindings: Mapping[str, Bound] | None = None
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run SPARQL over the union of all named graphs; user text only ever goes in as
        ``bindings`` (pre-bound variables), never spliced into the query string."""
        if bindings:
            # As a VALUES clause at the start of the WHERE pattern (terms written by
            # pyoxigraph, never pasted user text), the same rewrite a remote store uses:
            # pyoxigraph 0.5 plans a query without its ``substitutions``, so with them a
            # bound event is found by a scan (100-1000x slower on a 1M-triple store).
            sparql = rewrite(sparql, bindings=bindings)
        return self.ox.query(sparql, use_default_graph_as_union=True)

    def update(self, sparql: str) -> None:
        """Apply a SPARQL Update to this writable copy (nothing is visible before commit)."""
        if not self.writable:
            raise StoreError(f"the graph store at {self.root} is open read-only")
        self.ox.update(sparql)

    def commit(self) -> None:
        """Make this writable copy the current generation (atomically, like a build); the
        object then reads the committed generation, read-only."""
        if not self.writable:
            raise StoreError(f"the graph store at {self.root} is open read-only")
        self.ox  # noqa: B018 - the copy, if nothing made it yet
        assert self.generation is not None
        target, writer = self.generation, self._writer_fd
        try:
            self.ox.flush()
            self.ox.optimize()
            self.ox = ox.Store()  # drops the last reference: RocksDB closes the copy
            _publish(self.root, target)
        except OSError as exc:
            self.discard()
            raise StoreError(f"cannot write graph store at {self.root}: {exc}") from exc
        fd = _lock_generation(target)
        self.ox = ox.Store.read_only(str(target))
        self._release.detach()
        self._lock_fd, self._writer_fd = fd, None
        self._release = weakref.finalize(self, _close_fds, fd, None)
        _remove_stale(self.root)
        _close_fds(None, writer)

    def discard(self) -> None:
        """Drop an uncommitted writable copy and the writer lock; the current generation
        is untouched."""
        if not self.writable:
            return
        if self._ox is not None and self.generation is not None:
            self.ox = ox.Store()
            shutil.rmtree(self.generation, ignore_errors=True)
        self._release()  # releases the writer lock
        self._writer_fd = None

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        """Make ``quads`` the whole store, as a new generation made current atomically
        (a build); returns how many quads it holds. Needs the writer lock
        (``writable``); a copy made by ``update`` is dropped."""
        if not self.writable:
            raise StoreError(f"the graph store at {self.root} is open read-only")
        if self._ox is not None and self.generation is not None:
            self._ox = None
            shutil.rmtree(self.generation, ignore_errors=True)
        target = _write(self.root, quads)
        return len(ox.Store.read_only(str(target)))

    def cache_folder(self) -> Path:
        """Where ``kg build`` keeps its extraction cache: in the store folder."""
        return self.root / "cache"

    def folder(self) -> Path:
        """The store folder, which query workers and ``kg serve`` reopen by path."""
        return self.root

    def with_timeout(self, seconds: float) -> None:
        """None: pyoxigraph evaluates a query in Rust, which no timeout can interrupt, so
        a query with a deadline runs in a worker process that can be killed
        (queries/serving/limits.py)."""
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()  # a no-op once committed, or for a read-only store

    def __len__(self) -> int:
        return len(self.ox)

    # Defined last: inside the class body, the name ``ox`` means this property from here on.
    @property
    def ox(self) -> ox.Store:
        """The pyoxigraph store itself, for bulk work (export, rdflib, networkx)."""
        if self._ox is None:
            self._ox = self._copy() if self.writable else self._open()
        return self._ox

    @ox.setter
    def ox(self, value: ox.Store) -> None:
        self._ox = value


def _generations(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if _GEN.match(p.name) and p.is_dir())


def _close_fds(*fds: int | None) -> None:
    for fd in fds:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def _lock_generation(folder: Path) -> int:
    """A shared lock on a generation folder, for as long as a reader has it open."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        os.close(fd)
        raise
    return fd


def _lock_writer(
    root: Path, *, wait: bool = False, on_wait: Callable[[], None] | None = None
) -> int:
    """The store's writer lock, or a StoreError naming the store if another writer has it
    (with ``wait``, wait for it, calling ``on_wait`` first)."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not wait:
            os.close(fd)
            raise StoreError(
                f"another kg build or update is writing the graph store at {root}; "
                "try again when it has finished, or give --wait"
            ) from None
        if on_wait is not None:
            on_wait()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
    return fd


def _next_generation(root: Path) -> Path:
    """A new generation folder name, after every existing one (half-written ones too)."""
    existing = _generations(root)
    number = int(existing[-1].name[len("gen-") :]) + 1 if existing else 1
    return root / f"gen-{number:06d}"


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(root: Path, target: Path) -> None:
    """Flush ``target`` to disk, then repoint ``current`` at it in one atomic rename.

    The fsyncs matter for power loss, not for a killed process: the rename must never
    reach the disk before the files it points to.
    """
    for dirpath, _dirnames, filenames in os.walk(target):
        for name in filenames:
            _fsync(Path(dirpath) / name)
        _fsync(Path(dirpath))
    link = root / f".{CURRENT}.tmp"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target.name)
    os.replace(link, root / CURRENT)  # the atomic step
    _fsync(root)


def _remove_stale(root: Path, keep_old: int = 0) -> None:
    """Remove generations other than the current one (half-written by a killed writer, or
    replaced), except the newest ``keep_old`` and any that a reader still has open."""
    try:
        current = os.readlink(root / CURRENT)
    except OSError:
        return
    old = [g for g in _generations(root) if g.name != Path(current).name]
    for folder in old[: max(0, len(old) - keep_old)]:
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)  # a reader has it open: a later write removes it
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(fd)


def open_embedded(
    path: str | os.PathLike[str] | None = None,
    *,
    writable: bool = False,
    create: bool = False,
    wait: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> EmbeddedStore:
    """Open the current generation read-only, or explain how to build one.

    ``writable=True`` takes the writer lock (waiting for another writer with ``wait``,
    calling ``on_wait`` first; else failing at once) and gives a writable copy, made when
    first used; changes become visible to others only on ``commit()`` (use it as a
    context manager so that an error discards the copy). ``create`` (a build) allows a
    folder with no store yet, and checks that it can be written before anything is read.
    """
    root = resolve_store_path(path)
    hint = f"kg build --store {root}" if path else "kg build"
    if writable:
        return _open_writer(root, hint, create=create, wait=wait, on_wait=on_wait)
    for _attempt in range(5):
        current = root / CURRENT
        if not current.exists():
            raise StoreError(f"no graph store at {root}; build one first with: {hint}")
        target = current.resolve()
        try:
            fd = _lock_generation(target)
        except FileNotFoundError:
            continue  # swapped and removed between resolve and open: look again
        except OSError as exc:
            raise StoreError(f"cannot open graph store at {root}: {exc}") from exc
        # A writer removes a generation only once it is no longer current and unlocked, so
        # if it is still current now that we hold the lock, it stays.
        if current.resolve() != target or not target.is_dir():
            _close_fds(fd)
            continue
        return EmbeddedStore(root, generation=target, lock_fd=fd)
    raise StoreError(f"cannot open graph store at {root}: it keeps changing; try again")


def _open_writer(
    root: Path,
    hint: str,
    *,
    create: bool,
    wait: bool,
    on_wait: Callable[[], None] | None,
) -> EmbeddedStore:
    if not create and not (root / CURRENT).exists():
        raise StoreError(f"no graph store at {root}; build one first with: {hint}")
    try:
        writer = _lock_writer(root, wait=wait, on_wait=on_wait)
    except OSError as exc:
        raise StoreError(f"cannot write graph store at {root}: {exc.strerror or exc}") from exc
    if not os.access(root, os.W_OK):
        _close_fds(writer)
        raise StoreError(f"cannot write graph store at {root}: the folder is read-only")
    store = EmbeddedStore(root, writer_fd=writer)
    if not create:
        try:
            store.ox  # noqa: B018 - the copy now, so that a failure to make it shows here
        except BaseException:
            store.discard()
            raise
    return store


def write_generation(
    path: str | os.PathLike[str] | None, quads: Iterable[ox.Quad], *, keep_old: int = 0
) -> Path:
    """Write ``quads`` as a new generation and make it current atomically.

    Killed at any moment, this leaves ``current`` on the previous generation; an error
    removes the half-written one. Older generations go unless a reader has one open.
    """
    root = resolve_store_path(path)
    try:
        writer = _lock_writer(root)
    except OSError as exc:
        raise StoreError(f"cannot write graph store at {root}: {exc}") from exc
    try:
        return _write(root, quads, keep_old)
    finally:
        _close_fds(writer)


def _write(root: Path, quads: Iterable[ox.Quad], keep_old: int = 0) -> Path:
    """:func:`write_generation` for a caller that holds the writer lock."""
    target = _next_generation(root)
    try:
        if target.exists():  # debris from a killed build
            shutil.rmtree(target)
        store = ox.Store(str(target))
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
        del store
        _publish(root, target)
    except BaseException as exc:
        if os.path.realpath(root / CURRENT) != str(target.resolve()):
            shutil.rmtree(target, ignore_errors=True)
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write graph store at {root}: {exc}") from exc
        raise
    _remove_stale(root, keep_old)
    return target
