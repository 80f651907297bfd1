"""Reading a corpus end to end: files -> cleaned blocks -> spaCy -> documents -> resolution.

Blocks of all documents go through one ``nlp.pipe`` stream so spaCy batches across
documents (and can use several processes); each document is analysed as soon as its last
block is parsed, so parsed Docs never pile up in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .cache import ExtractionCache
from .clean import Block, clean, split_long
from .document import DocumentAnalysis, read_document
from .gazetteer import country_named
from .model import Corpus, DocumentInfo, InputProblem
from .resolve import resolve_corpus
from .sources import SourceText, read_sources

ProgressCallback = Callable[[DocumentInfo], None]
# spaCy's parser needs about 1 GB per 100k characters; blocks are split well below
# ``nlp.max_length`` so no file is skipped for being large. Reading a block costs time
# quadratic in its length (each sentence asks spaCy about its whole Doc), so a single
# 2 MB line is cut into pieces of a few pages: 10k characters is far above any real
# paragraph, so real articles are not affected, and a 2 MB line reads several times
# faster than in 100k pieces.
_MAX_BLOCK_CHARS = 10_000


def _blocks(src: SourceText) -> list[Block]:
    out: list[Block] = []
    for block in clean(src.text):
        if block.end - block.start > _MAX_BLOCK_CHARS:
            out.extend(split_long(src.text, block, _MAX_BLOCK_CHARS))
        else:
            out.append(block)
    return out


def _stream(
    sources: Iterable[SourceText],
) -> Iterator[tuple[str, tuple[SourceText, list[Block], int]]]:
    for src in sources:
        blocks = _blocks(src)
        for i, block in enumerate(blocks):
            yield block.text_of(src.text), (src, blocks, i)


# Characters spaCy parses in one batch. A batch of 64 lines is small, but 64 pieces of a
# long single line (10,000 characters each) held the activations of 640,000 characters
# at once: 2.4 GB for a 5 MB line, against a few hundred MB for the same text with line
# breaks.
_BATCH_CHARS = 100_000


def _pipe_by_characters(
    nlp: Language,
    stream: Iterable[tuple[str, tuple[SourceText, list[Block], int]]],
    batch_size: int,
) -> Iterator[tuple[Doc, tuple[SourceText, list[Block], int]]]:
    """``nlp.pipe`` over ``stream`` in batches of at most ``batch_size`` blocks and about
    :data:`_BATCH_CHARS` characters (one process: the same Docs as one ``pipe`` call)."""
    batch: list[tuple[str, tuple[SourceText, list[Block], int]]] = []
    size = 0
    for item in stream:
        batch.append(item)
        size += len(item[0])
        if len(batch) >= batch_size or size >= _BATCH_CHARS:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def analyse_sources(
    nlp: Language,
    sources: Iterable[SourceText],
    *,
    jobs: int = 1,
    batch_size: int = 64,
    participation: bool = True,
) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
    """Parse every block of every document and yield each document's analysis in order."""
    pending: list[Doc] = []
    current: SourceText | None = None
    current_blocks: list[Block] = []
    if jobs == 1:
        parsed = _pipe_by_characters(nlp, _stream(sources), batch_size)
    else:
        parsed = nlp.pipe(_stream(sources), as_tuples=True, batch_size=batch_size, n_process=jobs)
    for doc, (src, blocks, index) in parsed:
        pending.append(doc)
        current, current_blocks = src, blocks
        if index == len(blocks) - 1:
            yield (
                src,
                read_document(src.source, src.text, blocks, pending, participation=participation),
            )
            pending = []
    # A document whose cleaning kept no block never enters the stream.
    del current, current_blocks


def extract_corpus(
    paths: Iterable[str | Path],
    nlp: Language,
    *,
    jobs: int = 1,
    on_document: ProgressCallback | None = None,
    cache: ExtractionCache | None = None,
    scheduler: str | None = None,
    model: str | None = None,
    participation: bool = True,
) -> Corpus:
    """Read files and folders into a resolved ``Corpus``; bad files become problems.

    With a ``cache``, documents analysed before (same content, name, pipeline and code)
    are not parsed again (extract/cache.py). ``participation=False`` keeps the sentence
    rules' own confidences (extract/participation.py is not applied); only the local,
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
        from .distributed import analyse_distributed
        from .pipeline import pipeline_fingerprint

        fingerprint = pipeline_fingerprint(nlp)
        analysed = analyse_distributed(todo, scheduler, model=model, pipeline=fingerprint)
    elif jobs > 1:
        # Whole documents per worker process (extract/parallel.py): spaCy's n_process
        # ships every parsed Doc back and gained little on two cores.
        from .parallel import analyse_parallel

        analysed = analyse_parallel(nlp, todo, jobs=jobs)
    else:
        analysed = analyse_sources(nlp, todo, participation=participation)
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
    from .pipeline import build_nlp, model_name, pipeline_fingerprint

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
