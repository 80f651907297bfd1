"""Benchmark corpora: real Wikipedia lead sections, the seed articles, and derived variants.

The texts are the 500 documents of the Re-DocRED dev split (``data/redocred-dev.json.gz``,
MIT licence, see ``bench/README.md``), detokenised, plus the project's seed articles. A
corpus larger than those 504 originals is padded with *variants*: an original with its
sentences shuffled (by a seeded generator) and a closing sentence naming the copy. Each
variant is a different file, so the duplicate detector reads it instead of skipping it.

Variants repeat the originals' names, so a large corpus has more documents and facts but
not proportionally more distinct entities; the report says so next to the growth figures.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
REDOCRED = HERE / "data" / "redocred-dev.json.gz"
SEEDS = HERE.parent / "seeds"

# Detokenisation: no space before closing punctuation and clitics, none after openers.
_SPACE_BEFORE = re.compile(r" (?=[.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b)")
_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")
_QUOTED = re.compile(r'" ([^"]*?) "')


@dataclass(frozen=True, slots=True)
class Article:
    """One benchmark document: a file name and its text (title, blank line, sentences)."""

    name: str
    title: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        head = f"{self.title}\n\n" if self.title else ""
        return f"{head}{' '.join(self.sentences)}\n"

    @property
    def words(self) -> int:
        return len(self.text.split())


def detokenize(tokens: list[str]) -> str:
    """Tokens joined with spaces, with the spaces around punctuation removed."""
    text = " ".join(tokens)
    text = _QUOTED.sub(r'"\1"', text)
    text = _SPACE_BEFORE.sub("", text)
    return _SPACE_AFTER.sub("", text)


@cache
def redocred_articles() -> tuple[Article, ...]:
    """The 500 Re-DocRED dev documents as articles, in the data set's order."""
    with gzip.open(REDOCRED, "rt", encoding="utf-8") as handle:
        records = json.load(handle)
    return tuple(
        Article(
            name=f"redocred-{i:03d}.txt",
            title=record["title"],
            sentences=tuple(detokenize(sent) for sent in record["sents"]),
        )
        for i, record in enumerate(records)
    )


def seed_articles() -> tuple[Article, ...]:
    """The seed articles, kept whole: their first line is the body of the text."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(Article(name=f"seed-{path.stem}.txt", title="", sentences=(text,)))
    return tuple(out)


def originals() -> tuple[Article, ...]:
    """Seeds first, then Re-DocRED: a small corpus has both kinds of text."""
    return seed_articles() + redocred_articles()


def variant(article: Article, copy: int) -> Article:
    """A different document with the same content: shuffled sentences plus a closing line."""
    sentences = list(article.sentences)
    if len(sentences) > 1:
        random.Random(f"{article.name}/{copy}").shuffle(sentences)
    sentences.append(f"This is copy {copy} of the article.")
    stem = article.name.removesuffix(".txt")
    return Article(f"{stem}-v{copy:04d}.txt", article.title, tuple(sentences))


def articles(count: int) -> Iterator[Article]:
    """``count`` distinct articles: the originals, then variants of them round-robin."""
    base = originals()
    for i in range(count):
        copy, index = divmod(i, len(base))
        yield base[index] if copy == 0 else variant(base[index], copy)


def write_corpus(folder: Path, count: int) -> tuple[int, int]:
    """Write ``count`` articles as text files into ``folder``; return (files, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for n, article in enumerate(articles(count)):
        (folder / f"{n:05d}-{article.name}").write_text(article.text, encoding="utf-8")
        words += article.words
    return count, words


def corpus_words(folder: Path) -> int:
    """Whitespace-separated words of every text file in ``folder`` (the unit of words/s)."""
    return sum(len(p.read_text(encoding="utf-8").split()) for p in sorted(folder.glob("*.txt")))
