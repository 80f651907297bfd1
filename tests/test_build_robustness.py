"""``kg build`` over a folder of scraped files: every bad file is named, the rest is built,
and the build ends with a summary of what was skipped. Never a traceback.

Each case goes end to end through the command (click's CliRunner) and is checked in the
store that comes out, not only in the messages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import Result

from kg.store import open_store, stored_sources

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_97e28226493dec34.txt"
CLOSING = "The Battle of Grunwald was fought in July 1410."
PREFIXES = (
    "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"
    "PREFIX hkg: <https://w3id.org/histkg/ns#>\n"
)


def _build(kg, folder: Path, store: Path, *extra: str) -> Result:  # type: ignore[no-untyped-def]
    result = kg("build", str(folder), *extra, store=store)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def _hostile_folder(folder: Path) -> None:
    """One good article and every kind of bad file a scrape leaves behind."""
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n\t \n")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes(
        "The Treaty of Café was signed in 1921 by the Republic of Estonia.\n".encode("cp1252")
    )
    (folder / "nul.txt").write_bytes(
        b"The Treaty of Tartu\x00 was signed in 1920 between Estonia and Russia.\n"
    )
    (folder / "z-copy.txt").write_bytes(SEED.read_bytes())  # a duplicate of good.txt
    (folder / "dangling.txt").symlink_to(folder / "missing-target.txt")  # unreadable
    (folder / "loop.txt").symlink_to(folder / "loop.txt")  # a symlink loop on a file
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder)  # a symlink loop on a folder
    os.mkfifo(folder / "pipe.txt")  # would block a plain read forever
    (folder / "device.txt").symlink_to("/dev/zero")  # would never end
    long_line = " ".join(f"The river crossing number {i} was quiet." for i in range(3000))
    (folder / "longline.txt").write_text(long_line + "\n")


def test_build_robustness_hostile_folder_names_each_bad_file_and_builds_the_rest(
    kg, tmp_path: Path, real_model: str
) -> None:
    folder, store = tmp_path / "scrape", tmp_path / "store"
    _hostile_folder(folder)
    result = _build(kg, folder, store, "--model", real_model)
    assert result.exit_code == 0, result.output
    stderr = result.stderr
    expected = {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "picture.txt": "binary file",
        "z-copy.txt": "duplicate of",
        "dangling.txt": "unreadable",
        "loop.txt": "unreadable",
        "pipe.txt": "not a regular file",
        "device.txt": "not a regular file",
    }
    for name, reason in expected.items():
        lines = [line for line in stderr.splitlines() if f"{name}:" in line]
        assert lines and reason in lines[0], f"{name}: {stderr}"
    assert "symlink loop" in stderr
    assert any("latin1.txt" in line and "Windows-1252" in line for line in stderr.splitlines()), (
        stderr
    )
    assert any("nul.txt" in line and "NUL" in line for line in stderr.splitlines()), stderr
    # Built: the good file, the decodable ones and the long line; nothing else.
    assert stored_sources(store) == {"good.txt", "latin1.txt", "nul.txt", "longline.txt"}
    # The summary is the last thing said, and names every skipped file.
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Skipped ")
    for name in expected:
        assert name in last, last


def test_build_robustness_decoded_fallback_text_is_what_the_graph_quotes(
    kg, tmp_path: Path, real_model: str
) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes(
        "The Treaty of Café was signed in 1921 by Estonia and Latvia.\n".encode("cp1252")
    )
    assert _build(kg, folder, store, "--model", real_model).exit_code == 0
    sentences = open_store(store).query(PREFIXES + "SELECT ?s WHERE { ?x nif:anchorOf ?s }")
    assert isinstance(sentences, ox.QuerySolutions)
    texts = [row["s"].value for row in sentences]  # type: ignore[union-attr]
    assert any("Café" in text for text in texts), texts


def test_build_robustness_huge_file_and_2mb_single_line_are_built_whole(
    kg, tmp_path: Path, blank_model_path: Path
) -> None:
    # A stand-in pipeline keeps this fast; the files go through the same cleaning,
    # splitting and reading code as with the real model.
    folder, store = tmp_path / "big", tmp_path / "store"
    folder.mkdir()
    filler = "the river was wide and slow, and the hills beyond it were green in spring. "
    paragraph = (filler * 12).strip()
    count = 1_050_000 // len(paragraph) + 1
    huge = "\n\n".join(f"{paragraph} ({i})" for i in range(count)) + f"\n\n{CLOSING}\n"
    line = filler * (2_000_000 // len(filler) + 1) + CLOSING
    assert len(huge) > 1_000_000 and "\n" not in line and len(line.encode()) > 2_000_000
    (folder / "huge.txt").write_text(huge)
    (folder / "line.txt").write_text(line)
    result = _build(kg, folder, store, "--model", str(blank_model_path))
    assert result.exit_code == 0, result.output
    assert "Skipped" not in result.output and "skipped:" not in result.output
    # Both files are in the graph, read to their last sentence (after the 1,000,000th
    # character spaCy would refuse in one piece).
    rows = open_store(store).query(
        PREFIXES + "SELECT ?source ?begin WHERE { ?s nif:anchorOf ?text ; nif:beginIndex ?begin ;"
        " nif:referenceContext/hkg:sourceFile ?source . FILTER(CONTAINS(?text, 'Grunwald')) }"
    )
    assert isinstance(rows, ox.QuerySolutions)
    found = {row["source"].value: int(row["begin"].value) for row in rows}  # type: ignore[union-attr]
    assert found.keys() == {"huge.txt", "line.txt"}
    assert found["huge.txt"] == huge.index(CLOSING)
    assert found["line.txt"] == line.index(CLOSING)
