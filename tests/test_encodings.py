"""Articles saved in UTF-16 or UTF-32 are read, and the encoding is named (issue 11.3).

A UTF-16 file with a byte-order mark was refused as "binary file, not text".
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pyoxigraph as ox
import pytest

from extract.model import InputProblem
from extract.sources import decode, read_sources
from kg.store import open_store, stored_sources

TEXT = "The Treaty of Café was signed in 1921 by Estonia and Latvia — 日本.\n"
ENCODINGS = [
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 LE"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 BE"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32 LE"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32 BE"),
]


@pytest.mark.parametrize(("codec", "bom", "name"), ENCODINGS)
def test_encodings_bom_decides_and_is_named(
    tmp_path: Path, codec: str, bom: bytes, name: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    problems: list[InputProblem] = []
    [source] = list(read_sources([path], problems))
    assert source.text == TEXT
    assert problems == [InputProblem(str(path), f"decoded as {name} (byte-order mark)", False)]


def test_encodings_utf8_bom_is_silent() -> None:
    assert decode(codecs.BOM_UTF8 + TEXT.encode()) == (TEXT, None)


def test_encodings_broken_utf16_is_read_with_replacements() -> None:
    text, note = decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8x")
    assert text.startswith("ab") and "\ufffd" in text
    assert note is not None and "UTF-16 LE" in note and "replaced by U+FFFD" in note


def test_encodings_bom_and_blanks_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"))
    problems: list[InputProblem] = []
    assert list(read_sources([path], problems)) == []
    assert [p.message for p in problems] == ["empty file"]


def test_encodings_utf16_article_is_built_and_quoted(
    kg, tmp_path: Path, blank_model_path: Path
) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    folder.mkdir()
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    result = kg("build", str(folder), "--model", str(blank_model_path), store=store)
    assert result.exit_code == 0, result.output
    assert "decoded as UTF-16 LE (byte-order mark)" in result.stderr
    assert stored_sources(store) == {"utf16.txt"}
    rows = open_store(store).query(
        "SELECT ?s WHERE { ?x <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
        "nif-core#anchorOf> ?s }"
    )
    assert isinstance(rows, ox.QuerySolutions)
    assert any("Café" in row["s"].value for row in rows)  # type: ignore[union-attr]
