"""``kg build`` in one call: read the sources, apply the corpus's corrections, replace
the store's content, and say what happened (a :class:`BuildReport`, which the CLI prints).

kg/ never runs NLP: the reading is done by the reader extract/ hands in
(:class:`extract.reader.CorpusReader`), which this module knows only as the
:class:`Reader` protocol. Here the reading meets the store's lock, cache folder,
corrections and previous content, all of which are kg's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from extract.model import Corpus, InputProblem

from .corrections import FILE_NAME, Applied, Correction
from .corrections import apply as apply_corrections
from .corrections import load as load_corrections
from .mapping import corpus_quads
from .store import Location, open_store, stored_sources

if TYPE_CHECKING:
    from collections.abc import Callable


class Reader(Protocol):
    """What a build needs from extract/ (:class:`extract.reader.CorpusReader`)."""

    @property
    def reused(self) -> int: ...  # documents served from the cache
    @property
    def extracted(self) -> int: ...  # documents read by the pipeline

    def read(self, sources: list[Path], cache_folder: Path) -> tuple[Corpus, str]: ...

    def prune(self) -> None: ...


@dataclass
class BuildReport:
    store: Location
    counts: dict[str, int]  # Corpus.summary(): documents, entities, events, facts, skipped
    quads: int
    problems: list[InputProblem]
    reused: int
    extracted: int
    dropped: list[str]  # documents of the previous build not given this time
    corrections_file: Path | None
    corrections: list[Correction] = field(default_factory=list)
    applied: Applied = field(default_factory=Applied)


def corrections_path(sources: list[Path]) -> Path | None:
    """The corrections kept with the corpus: corrections.toml in the first folder given."""
    folder = next((p for p in sources if p.is_dir()), None)
    return folder / FILE_NAME if folder is not None else None


def build(
    store_path: Location,
    sources: list[Path],
    reader: Reader,
    *,
    corrections_file: Path | None = None,
    wait: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> BuildReport:
    """Make the store hold exactly ``sources``, read by ``reader``, with the corrections
    of ``corrections_file`` (default: :func:`corrections_path`) applied."""
    if corrections_file is None:
        corrections_file = corrections_path(sources)
    corrections = load_corrections(corrections_file) if corrections_file else []
    # Opened for writing before a file is read (a local store takes its writer lock and
    # checks its folder now): a second build fails at once, not after reading the corpus.
    with open_store(store_path, writable=True, create=True, wait=wait, on_wait=on_wait) as store:
        corpus, pipeline = reader.read(sources, store.cache_folder())
        previous = stored_sources(store_path)
        applied = apply_corrections(corpus, corrections)
        quads = store.replace(corpus_quads(corpus, pipeline=pipeline, applied=applied))
    reader.prune()
    return BuildReport(
        store=store_path,
        counts=corpus.summary(),
        quads=quads,
        problems=corpus.problems,
        reused=reader.reused,
        extracted=reader.extracted,
        dropped=sorted(previous - {doc.source for doc in corpus.documents}),
        corrections_file=corrections_file,
        corrections=corrections,
        applied=applied,
    )
