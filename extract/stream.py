"""Documents through spaCy as one stream: files' cleaned blocks in, each document's
analysis out, in order.

Blocks of all documents go through one ``nlp.pipe`` stream so spaCy batches across
documents; each document is analysed as soon as its last block is parsed, so parsed
Docs never pile up in memory. Every way of reading a corpus (one process,
extract/parallel.py, extract/distributed.py) reads its documents with
:func:`analyse_sources`, so the output does not depend on the way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .analysis import DocumentAnalysis
from .clean import Block, clean, split_long
from .document import read_document
from .sources import SourceText
from .wikitext import parse_text

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
            # Wiki markup is blanked, not removed: spaCy's offsets stay the file's.
            yield parse_text(block.text_of(src.text)), (src, blocks, i)


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
    learned: bool = True,
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
                read_document(src.source, src.text, blocks, pending, learned=learned),
            )
            pending = []
    # A document whose cleaning kept no block never enters the stream.
    del current, current_blocks
