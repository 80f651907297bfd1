"""``kg build`` as one library call (kg/build.py): it reads with the reader extract/
hands in, writes the store and returns what happened; kg/ itself never runs NLP, so a
stand-in reader is enough here."""

from __future__ import annotations

from pathlib import Path

from extract.model import Corpus, DocumentInfo, InputProblem
from kg.build import BuildReport, build
from kg.corrections import Correction, append
from kg.store import stored_sources


class StandInReader:
    """Gives a fixed corpus and records what the build asked of it."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.reads: list[tuple[list[Path], Path]] = []
        self.pruned = 0

    @property
    def reused(self) -> int:
        return 0

    @property
    def extracted(self) -> int:
        return len(self.corpus.documents)

    def read(self, sources: list[Path], cache_folder: Path) -> tuple[Corpus, str]:
        self.reads.append((sources, cache_folder))
        return self.corpus, "stand-in"

    def prune(self) -> None:
        self.pruned += 1


def corpus_of(*names: str, problems: tuple[InputProblem, ...] = ()) -> Corpus:
    documents = [DocumentInfo(n, n, f"{i:064x}", 10, 1) for i, n in enumerate(names)]
    return Corpus(documents=documents, problems=list(problems))


def test_build_returns_what_it_did(tmp_path: Path) -> None:
    store, folder = tmp_path / "store", tmp_path / "corpus"
    folder.mkdir()
    append(folder / "corrections.toml", Correction("same", "Nobody", "Nothing", by="t"))
    skipped = InputProblem(str(folder / "x.bin"), "binary", skipped=True)
    reader = StandInReader(corpus_of("a.txt", "b.txt", problems=(skipped,)))

    report = build(store, [folder], reader)

    assert isinstance(report, BuildReport)
    assert reader.reads == [([folder], store / "cache")] and reader.pruned == 1
    assert report.store == store and report.quads > 0
    assert report.counts["documents"] == 2 and report.counts["skipped"] == 1
    assert report.problems == [skipped] and report.extracted == 2 and report.dropped == []
    # The corrections kept with the corpus: read from the first folder given, and named
    # when they match nothing.
    assert report.corrections_file == folder / "corrections.toml"
    assert len(report.corrections) == 1 and report.applied.applied == []
    assert [c.subject for c in report.applied.unmatched] == ["Nobody"]
    assert stored_sources(store) == {"a.txt", "b.txt"}

    again = build(store, [folder], StandInReader(corpus_of("a.txt")), corrections_file=None)
    assert again.dropped == ["b.txt"]
    assert stored_sources(store) == {"a.txt"}


def test_build_takes_the_corrections_file_it_is_given(tmp_path: Path) -> None:
    store, elsewhere = tmp_path / "store", tmp_path / "mine.toml"
    append(elsewhere, Correction("same", "Nobody", "Nothing", by="t"))
    report = build(store, [tmp_path / "a.txt"], StandInReader(corpus_of("a.txt")),
                   corrections_file=elsewhere)  # fmt: skip
    assert report.corrections_file == elsewhere and len(report.applied.unmatched) == 1
    none = build(store, [tmp_path / "a.txt"], StandInReader(corpus_of("a.txt")))
    assert none.corrections_file is None and none.corrections == []
