"""The reading half of ``kg build``, set up by the caller and handed to
:func:`kg.build.build`: kg/ never runs NLP, so it gets the reader from here rather
than importing spaCy itself. It keeps the extraction cache of one build.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache
from .corpus import ProgressCallback, read_corpus
from .model import Corpus
from .sources import expand_paths

# Given the number of files to read, a context (a progress bar) that gives the callback
# called once per document read; it ends when reading does.
Progress = Callable[[int], AbstractContextManager[ProgressCallback]]


@dataclass
class CorpusReader:
    model: str | None = None
    jobs: int = 1
    scheduler: str | None = None  # a Dask scheduler whose workers read the documents
    progress: Progress | None = None
    cache: ExtractionCache | None = field(default=None, init=False)

    def read(self, sources: list[Path], cache_folder: Path) -> tuple[Corpus, str]:
        """Read ``sources`` (reusing what ``cache_folder`` holds for unchanged ones);
        returns the corpus and the pipeline's id."""
        self.cache = ExtractionCache(cache_folder)
        if self.progress is None:
            return self._read(sources, None)
        with self.progress(len(expand_paths(sources, []))) as advance:
            return self._read(sources, advance)

    def _read(self, sources: list[Path], advance: ProgressCallback | None) -> tuple[Corpus, str]:
        return read_corpus(
            sources,
            model=self.model,
            jobs=self.jobs,
            on_document=advance,
            cache=self.cache,
            scheduler=self.scheduler,
        )

    @property
    def reused(self) -> int:
        return len(self.cache.reused) if self.cache else 0

    @property
    def extracted(self) -> int:
        return len(self.cache.extracted) if self.cache else 0

    def prune(self) -> None:
        """The store is written: forget cached documents this build did not read."""
        if self.cache is not None:
            self.cache.prune()
