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

from .clean import Block, clean, split_long
from .document import DocumentAnalysis, read_document
from .model import Corpus, DocumentInfo, InputProblem
from .resolve import resolve_corpus
from .sources import SourceText, read_sources

ProgressCallback = Callable[[DocumentInfo], None]
# spaCy's parser needs about 1 GB per 100k characters; blocks are split well below
# ``nlp.max_length`` so no file is skipped for being large.
_MAX_BLOCK_CHARS = 100_000


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


def analyse_sources(
    nlp: Language,
    sources: Iterable[SourceText],
    *,
    jobs: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[SourceText, DocumentAnalysis]]:
    """Parse every block of every document and yield each document's analysis in order."""
    pending: list[Doc] = []
    current: SourceText | None = None
    current_blocks: list[Block] = []
    for doc, (src, blocks, index) in nlp.pipe(
        _stream(sources), as_tuples=True, batch_size=batch_size, n_process=jobs
    ):
        pending.append(doc)
        current, current_blocks = src, blocks
        if index == len(blocks) - 1:
            yield src, read_document(src.source, src.text, blocks, pending)
            pending = []
    # A document whose cleaning kept no block never enters the stream.
    del current, current_blocks


def extract_corpus(
    paths: Iterable[str | Path],
    nlp: Language,
    *,
    jobs: int = 1,
    on_document: ProgressCallback | None = None,
) -> Corpus:
    """Read files and folders into a resolved ``Corpus``; bad files become problems."""
    problems: list[InputProblem] = []
    infos: list[DocumentInfo] = []
    analyses: list[DocumentAnalysis] = []
    sources = list(read_sources(paths, problems))
    seen: set[str] = set()
    for src, analysis in analyse_sources(nlp, sources, jobs=jobs):
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
    return corpus


def read_corpus(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    jobs: int = 1,
    on_document: ProgressCallback | None = None,
) -> tuple[Corpus, str]:
    """Load the pipeline and read ``paths``; returns the corpus and the pipeline's id."""
    from .pipeline import build_nlp, pipeline_fingerprint

    nlp = build_nlp(model)
    corpus = extract_corpus(paths, nlp, jobs=jobs, on_document=on_document)
    return corpus, pipeline_fingerprint(nlp)
