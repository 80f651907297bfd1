"""Reading a corpus end to end: files -> cleaned blocks -> spaCy -> documents -> resolution.

The documents are read in this process (extract/stream.py), in a pool of processes
(extract/parallel.py) or on a Dask cluster (extract/distributed.py), all with the same
code; this module chooses, reuses cached analyses and resolves the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language

from .analysis import DocumentAnalysis
from .cache import ExtractionCache
from .distributed import analyse_distributed
from .gazetteer import country_named
from .model import Corpus, DocumentInfo, InputProblem
from .parallel import analyse_parallel
from .pipeline import build_nlp, model_name, pipeline_fingerprint
from .resolve import resolve_corpus
from .sources import read_sources
from .stream import analyse_sources

__all__ = ["ProgressCallback", "analyse_sources", "extract_corpus", "read_corpus"]

ProgressCallback = Callable[[DocumentInfo], None]


def extract_corpus(
    paths: Iterable[str | Path],
    nlp: Language,
    *,
    jobs: int = 1,
    on_document: ProgressCallback | None = None,
    cache: ExtractionCache | None = None,
    scheduler: str | None = None,
    model: str | None = None,
    learned: bool = True,
) -> Corpus:
    """Read files and folders into a resolved ``Corpus``; bad files become problems.

    With a ``cache``, documents analysed before (same content, name, pipeline and code)
    are not parsed again (extract/cache.py). ``learned=False`` keeps the sentence
    rules' own types and confidences (no learned step is applied); only the local,
    single-process path offers it, for testing the rules alone. With a Dask ``scheduler``
    address, the workers of that cluster read the documents, loading ``model``
    (extract/distributed.py).
    """
    problems: list[InputProblem] = []
    infos: list[DocumentInfo] = []
    analyses: list[DocumentAnalysis] = []
    sources = list(read_sources(paths, problems))
    seen: set[str] = set()
    todo = sources if cache is None else cache.split(sources)
    if scheduler is not None:
        fingerprint = pipeline_fingerprint(nlp)
        analysed = analyse_distributed(todo, scheduler, model=model, pipeline=fingerprint)
    elif jobs > 1:
        # Whole documents per worker process (extract/parallel.py): spaCy's n_process
        # ships every parsed Doc back and gained little on two cores.
        analysed = analyse_parallel(nlp, todo, jobs=jobs)
    else:
        analysed = analyse_sources(nlp, todo, learned=learned)
    if cache is not None:
        analysed = cache.merge(sources, analysed)
    for src, analysis in analysed:
        seen.add(src.source)
        info = DocumentInfo(src.source, src.path, src.sha256, len(src.text), analysis.sentences)
        infos.append(info)
        analyses.append(analysis)
        if on_document:
            on_document(info)
    for src in sources:
        if src.source not in seen:
            problems.append(InputProblem(src.path, "no article text left after cleaning", True))
    corpus = resolve_corpus(analyses)
    corpus.documents = infos
    corpus.problems = problems
    link_known_states(corpus)
    return corpus


def link_known_states(corpus: Corpus) -> None:
    """Give each Country node that the gazetteer knows by its canonical name the state's
    Wikidata item (extract/data/countries.tsv), as data the graph layer writes out."""
    for node in corpus.nodes.values():
        if node.kind == "entity" and node.type == "Country":
            state = country_named(node.label)
            node.wikidata = state.wikidata if state is not None else None


def read_corpus(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    jobs: int = 1,
    on_document: ProgressCallback | None = None,
    cache: ExtractionCache | None = None,
    scheduler: str | None = None,
) -> tuple[Corpus, str]:
    """Load the pipeline and read ``paths``; returns the corpus and the pipeline's id.

    ``scheduler``: the address of a Dask scheduler whose workers read the documents."""
    nlp = build_nlp(model)
    if cache is not None:
        cache.pipeline = pipeline_fingerprint(nlp)
    corpus = extract_corpus(
        paths,
        nlp,
        jobs=jobs,
        on_document=on_document,
        cache=cache,
        scheduler=scheduler,
        model=model_name(model),
    )
    return corpus, pipeline_fingerprint(nlp)
