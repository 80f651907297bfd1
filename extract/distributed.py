"""Reading documents on a Dask cluster: ``kg build --scheduler tcp://HOST:8786``.

Extraction (spaCy and the reading of each document in context) is where a build spends
its time, and documents are independent until resolution; so this process (the client)
reads the files, sends them in batches to the cluster's workers, and gets back one
``DocumentAnalysis`` (a plain, picklable dataclass) per document. Resolution across
documents and writing the store stay here, exactly as in a local build.

* Each worker process loads the spaCy pipeline once, on its first batch, and keeps it
  (a per-process cache keyed by model name); the model is never shipped over the
  network. Every worker therefore needs histkg and the model installed.
* Each batch is read by the same code as a local build
  (:func:`extract.corpus.analyse_sources`) and results come back in input order, so the
  graph is identical to a local build's. Workers report their pipeline's fingerprint;
  one that differs from this machine's (another model or histkg version) is an error,
  not a silently different graph.
* At most a few batches per worker thread are in flight, so neither the scheduler nor
  the workers hold the whole corpus.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from extract.errors import ClusterError, KgError

from .parallel import chunks
from .sources import SourceText
from .stream import analyse_sources

if TYPE_CHECKING:
    from spacy.language import Language

    from .analysis import DocumentAnalysis

# A batch closes at this much text or this many documents: big enough that the round
# trip through the scheduler is small next to the parsing, small enough to spread a
# corpus of a few hundred documents over many workers.
BATCH_CHARS = 20_000
BATCH_DOCS = 16
IN_FLIGHT_PER_THREAD = 3
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler
WORKER_TIMEOUT = 60.0  # seconds to wait for a first worker when none is connected

# In a worker process: the loaded pipelines, and a lock that lets one thread at a time
# load or use one (spaCy pipelines are not documented as thread-safe; run workers with
# --nthreads 1 and as many processes as cores).
_PIPELINES: dict[str | None, Language] = {}
_LOCK = threading.Lock()


def analyse_batch(
    batch: list[SourceText], model: str | None
) -> tuple[str, list[tuple[str, DocumentAnalysis]]]:
    """Runs on a worker: the pipeline's fingerprint and each document's analysis."""
    from .pipeline import build_nlp, pipeline_fingerprint

    with _LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            nlp = _PIPELINES[model] = build_nlp(model)
        analysed = [(src.source, analysis) for src, analysis in analyse_sources(nlp, batch)]
        return pipeline_fingerprint(nlp), analysed


def batches(sources: Iterable[SourceText]) -> Iterator[list[SourceText]]:
    """Consecutive groups of about :data:`BATCH_CHARS` characters of text (the same
    grouping as the local process pool, with sizes fit for shipping to a cluster)."""
    return chunks(sources, BATCH_CHARS, BATCH_DOCS)


def analyse_distributed(
    sources: Iterable[SourceText],
    scheduler: str,
    *,
    model: str | None,
    pipeline: str,
) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
    """Each document's analysis, in input order, read by the workers of ``scheduler``.

    ``model`` is what the workers load (None: their default); ``pipeline`` is this
    machine's pipeline fingerprint, which every worker's must equal.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(
            "kg build --scheduler needs Dask: pip install 'histkg[distributed]'"
        ) from exc
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        threads = _worker_threads(client, scheduler)
        yield from _run(client, sources, model, pipeline, window=IN_FLIGHT_PER_THREAD * threads)
    finally:
        client.close()


def _worker_threads(client: Any, scheduler: str) -> int:
    """How many tasks the cluster runs at once; waits a while for a first worker."""
    if not client.scheduler_info().get("workers"):
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"no Dask worker joined the scheduler at {scheduler} within "
                f"{WORKER_TIMEOUT:g} s; start some with: dask worker {scheduler}"
            ) from exc
    return max(1, sum(client.nthreads().values()))


def _run(
    client: Any,
    sources: Iterable[SourceText],
    model: str | None,
    pipeline: str,
    *,
    window: int,
) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
    build = uuid.uuid4().hex[:12]  # task keys unique to this build on a shared scheduler
    todo = enumerate(batches(sources))
    pending: deque[tuple[list[SourceText], Any]] = deque()

    def submit(count: int) -> None:
        for number, batch in itertools.islice(todo, count):
            key = f"histkg-analyse-{build}-{number}"
            pending.append((batch, client.submit(analyse_batch, batch, model, key=key)))

    submit(window)
    try:
        while pending:
            batch, future = pending.popleft()
            try:
                fingerprint, analysed = future.result()
            except KgError as exc:  # e.g. no spaCy model on that worker
                raise ClusterError(f"a Dask worker failed: {exc}") from exc
            except Exception as exc:  # a killed worker, a lost connection, ...
                message = " ".join(str(exc).split()) or type(exc).__name__
                raise ClusterError(f"a Dask worker failed: {message}") from exc
            if fingerprint != pipeline:
                raise ClusterError(
                    f"a Dask worker runs another pipeline ({fingerprint}) than this "
                    f"machine ({pipeline}); install the same histkg and model everywhere"
                )
            future.release()
            submit(1)
            by_name = {src.source: src for src in batch}
            for source, analysis in analysed:
                yield by_name[source], analysis
    finally:
        for _batch, future in pending:
            future.cancel()
