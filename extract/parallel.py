"""Reading documents in several processes, each with its own copy of the pipeline.

spaCy's own ``nlp.pipe(n_process=N)`` parses in workers but sends every parsed ``Doc``
back to the main process, which then reads all documents itself; on two cores that gave
about 1.05x the throughput of one process. Here each worker does the whole per-document
job (cleaning, spaCy, reading in context) and sends back only the small
``DocumentAnalysis`` dataclasses; the main process merely hands out documents and collects
results.

* Workers get the pipeline once, when they start: forked from the main process where the
  platform allows (the loaded model is shared copy-on-write, nothing is reloaded), else
  pickled to freshly spawned processes.
* Documents go out in chunks (a few tens of kilobytes of text, less for a small corpus
  so that every worker gets some), at most a few chunks per worker in flight.
* Results come back in input order, and each chunk is read by the same code as a
  single-process build (:func:`extract.stream.analyse_sources`), so the output does not
  depend on the number of jobs.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.language import Language

from .analysis import DocumentAnalysis
from .sources import SourceText
from .stream import analyse_sources

# A chunk closes once it holds this much text or this many documents: large enough that
# spaCy still batches and the pickling overhead stays small, small enough to balance
# the workers' load on a corpus of a few hundred documents.
CHUNK_CHARS = 30_000
CHUNK_DOCS = 32
# Chunks in flight per worker: keeps every worker busy while the main process collects.
IN_FLIGHT_PER_JOB = 3

_NLP: Language | None = None  # the pipeline of this worker process


def _init_worker(nlp: Language) -> None:
    global _NLP
    _NLP = nlp


def _analyse_chunk(chunk: list[SourceText]) -> list[tuple[str, DocumentAnalysis]]:

    assert _NLP is not None, "worker started without a pipeline"
    return [(src.source, analysis) for src, analysis in analyse_sources(_NLP, chunk)]


def chunk_chars(sources: Iterable[SourceText], jobs: int) -> int:
    """Characters per chunk: :data:`CHUNK_CHARS`, less for a small corpus given as a list,
    so that every worker gets a few chunks (four long articles still go to two workers)."""
    if not isinstance(sources, Sequence):
        return CHUNK_CHARS
    total = sum(len(src.text) for src in sources)
    return max(1, min(CHUNK_CHARS, total // (max(1, jobs) * IN_FLIGHT_PER_JOB)))


def chunks(
    sources: Iterable[SourceText], max_chars: int | None = None, max_docs: int | None = None
) -> Iterator[list[SourceText]]:
    """Consecutive groups of documents of about ``max_chars`` (default
    :data:`CHUNK_CHARS`) characters and at most ``max_docs`` (default :data:`CHUNK_DOCS`)."""
    limit = CHUNK_CHARS if max_chars is None else max_chars
    most = CHUNK_DOCS if max_docs is None else max_docs
    chunk: list[SourceText] = []
    size = 0
    for src in sources:
        chunk.append(src)
        size += len(src.text)
        if size >= limit or len(chunk) >= most:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def analyse_parallel(
    nlp: Language, sources: Iterable[SourceText], *, jobs: int
) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
    """Like :func:`extract.corpus.analyse_sources`, with ``jobs`` worker processes.

    Yields ``(source, analysis)`` in input order; a document whose cleaning kept no
    block is left out, as in the single-process path.
    """
    pending: deque[tuple[list[SourceText], Future[list[tuple[str, DocumentAnalysis]]]]]
    pending = deque()
    limit = max(1, jobs) * IN_FLIGHT_PER_JOB
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_init_worker, initargs=(nlp,)
    ) as pool:
        try:
            for chunk in chunks(sources, chunk_chars(sources, jobs)):
                pending.append((chunk, pool.submit(_analyse_chunk, chunk)))
                if len(pending) >= limit:
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()


def _collect(
    chunk: list[SourceText], future: Future[list[tuple[str, DocumentAnalysis]]]
) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
    by_source = {src.source: src for src in chunk}
    for source, analysis in future.result():
        yield by_source[source], analysis
