"""Per-document extraction cache: a rebuild does not run spaCy again on unchanged files.

Extraction (spaCy plus reading in context) is nearly all of a build's time; resolution
and writing the store are cheap. So each document's :class:`DocumentAnalysis` is kept,
and the next build reuses it when nothing that went into it has changed. The key is a
hash of:

* the file's content (its sha256) and its document name (evidence cites the name);
* the pipeline fingerprint (spaCy model name and version, ``extract.__version__``);
* a digest of this package's own code and data (``extract/*.py``, its subpackages'
  ``*.py`` such as ``extract/reading/``, ``extract/data/*``),
  so that editing the extraction code invalidates the cache even when nobody bumped
  ``extract.__version__``.

Entries are pickles written atomically (temporary file, then ``os.replace``): a build
killed mid-write leaves no half entry, and an unreadable entry counts as a miss. Loading
a pickle can run code, so entries are read with an unpickler that only builds this
package's dataclasses and plain containers; a tampered cache folder gives misses, not
code execution. After a successful build, :meth:`ExtractionCache.prune` drops entries the
build did not use, so the folder stays the size of the current corpus.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .analysis import DocumentAnalysis
from .sources import SourceText

_SUFFIX = ".pickle"
# Globals an entry may name: this package's classes, and the containers pickle cannot
# spell with opcodes alone.
_SAFE_BUILTINS = frozenset({"set", "frozenset"})


@cache
def code_digest() -> str:
    """A digest of the extraction code and data, the part of the key a code change moves."""
    digest = hashlib.sha256()
    for name, entry in code_files():
        digest.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()


def code_files() -> list[tuple[str, Traversable]]:
    """The files :func:`code_digest` reads, by name within the package, in digest order."""
    root = files("extract")
    entries = [(e.name, e) for e in root.iterdir() if e.name.endswith(".py")]
    # The reading passes (extract/reading/) are extraction code too; named with their
    # folder, since some share a file name with a module above them (quantities.py).
    for package in root.iterdir():
        if package.is_dir() and (package / "__init__.py").is_file():
            entries += [
                (f"{package.name}/{e.name}", e) for e in package.iterdir() if e.name.endswith(".py")
            ]
    data = root / "data"
    if data.is_dir():
        entries += [(e.name, e) for e in data.iterdir() if e.is_file()]
    return sorted(entries, key=lambda e: e[0])


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if module.startswith("extract.") or (module == "builtins" and name in _SAFE_BUILTINS):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"cache entry names {module}.{name}, which is not allowed")


@dataclass
class ExtractionCache:
    """The cache folder for one pipeline; records which documents it served and which
    were extracted, so a build can say so (and tests can count)."""

    folder: Path
    pipeline: str = ""  # read_corpus fills it in once the pipeline is loaded
    reused: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    _used: set[str] = field(default_factory=set)
    _hits: dict[str, DocumentAnalysis] = field(default_factory=dict)

    def key(self, src: SourceText) -> str:
        parts = (self.pipeline, code_digest(), src.source, src.sha256)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def get(self, src: SourceText) -> DocumentAnalysis | None:
        """The cached analysis of ``src``, or None (missing, unreadable or not safe)."""
        try:
            data = self._path(self.key(src)).read_bytes()
            analysis = _SafeUnpickler(io.BytesIO(data)).load()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError,
                ValueError, ImportError, IndexError, KeyError):  # fmt: skip
            return None
        if not isinstance(analysis, DocumentAnalysis) or analysis.source != src.source:
            return None
        return analysis

    def put(self, src: SourceText, analysis: DocumentAnalysis) -> None:
        """Store ``analysis`` atomically; a cache that cannot be written is only slower."""
        key = self.key(src)
        self._used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(analysis, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._path(key))
        except (OSError, pickle.PicklingError):
            Path(temporary).unlink(missing_ok=True)

    def split(self, sources: Iterable[SourceText]) -> list[SourceText]:
        """The sources that must be extracted (not cached); cached ones are remembered."""
        self._hits = {}
        todo = []
        for src in sources:
            analysis = self.get(src)
            if analysis is None:
                todo.append(src)
            else:
                self._hits[src.source] = analysis
        return todo

    def merge(
        self,
        sources: Iterable[SourceText],
        fresh: Iterable[tuple[SourceText, DocumentAnalysis]],
    ) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
        """Every document's analysis in ``sources`` order: cached ones from :meth:`split`,
        the others from ``fresh`` (in the same order, as every analyser in extract/ gives
        them, but leaving out documents with no text), storing each as it arrives."""
        hits = self._hits
        pending = iter(fresh)
        ahead: tuple[SourceText, DocumentAnalysis] | None = None
        for src in sources:
            if src.source in hits:
                self.reused.append(src.source)
                self._used.add(self.key(src))
                yield src, hits[src.source]
                continue
            if ahead is None:
                ahead = next(pending, None)
            if ahead is not None and ahead[0].source == src.source:
                self.extracted.append(src.source)
                self.put(*ahead)
                yield ahead
                ahead = None
        # Not expected (every analyser keeps the input order), but nothing may be lost.
        for src, analysis in [*([ahead] if ahead else []), *pending]:
            self.extracted.append(src.source)
            self.put(src, analysis)
            yield src, analysis

    def prune(self) -> None:
        """Remove entries this build did not use (and stray temporary files)."""
        if not self.folder.is_dir():
            return
        keep = {f"{key}{_SUFFIX}" for key in self._used}
        for entry in self.folder.iterdir():
            if entry.name not in keep and (entry.suffix in {_SUFFIX, ".tmp"}):
                entry.unlink(missing_ok=True)
