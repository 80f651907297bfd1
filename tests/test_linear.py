"""Reading a long single line costs time in proportion to its length (issue 11.5).

A 5 MB file with no line breaks took 359 s: split_long searched for a sentence end from
each piece to the end of the block, so a line with none cost its whole length per
10,000-character piece. This check counts the characters searched (deterministic, not
a timing); time ratios live in bench/ (growth: a single line against the same text
with line breaks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import extract.clean
from extract.clean import Block, split_long
from extract.stream import _MAX_BLOCK_CHARS

WORDS = "word " * 10


class _Counting:
    """A stand-in for a compiled pattern that counts the characters each search spans."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searched = 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        end = len(text) if endpos is None else min(endpos, len(text))
        self.searched += max(0, end - pos)
        return self.pattern.finditer(text, pos, end)


def _searched(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    counting = _Counting(extract.clean._SENTENCE_BREAK)
    monkeypatch.setattr(extract.clean, "_SENTENCE_BREAK", counting)
    split_long(text, Block(0, len(text), "paragraph"), _MAX_BLOCK_CHARS)
    return counting.searched


def test_linear_split_searches_each_character_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sentence = WORDS  # no sentence end anywhere: the search used to run to the end
    small = sentence * (200_000 // len(sentence))
    large = sentence * (800_000 // len(sentence))
    per_char_small = _searched(monkeypatch, small) / len(small)
    per_char_large = _searched(monkeypatch, large) / len(large)
    assert per_char_large < 2, per_char_large  # each character about once
    assert per_char_large < per_char_small * 1.5


def test_linear_spacy_batches_are_bounded_in_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long single line is 10,000-character pieces; 64 of them in one spaCy batch held
    the activations of 640,000 characters at once (2.4 GB for a 5 MB line)."""
    import spacy

    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    batches: list[int] = []
    real_pipe = nlp.pipe

    def recording_pipe(texts: Any, *, batch_size: int = 1000, **kwargs: Any) -> Any:
        if not kwargs.get("as_tuples"):  # spaCy's own inner call
            return real_pipe(texts, batch_size=batch_size, **kwargs)
        items = list(texts)
        for i in range(0, len(items), batch_size):
            batches.append(sum(len(text) for text, _ in items[i : i + batch_size]))
        return real_pipe(items, batch_size=batch_size, **kwargs)

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    line = " ".join(f"The river {i} was wide and the hills were green." for i in range(6_000))
    source = SourceText("line.txt", "line.txt", line, "")
    [(_, analysis)] = list(analyse_sources(nlp, [source]))
    assert analysis is not None
    assert sum(batches) >= len(line) - 1_000  # every piece was parsed
    assert max(batches) <= 100_000 + _MAX_BLOCK_CHARS, batches
