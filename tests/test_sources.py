"""extract.sources: reading files and folders; bad inputs are reported, never fatal."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from extract.model import InputProblem
from extract.sources import SourceText, decode, expand_paths, looks_binary, read_sources

ARTICLE = "The Yalta Conference met in February 1945.\n"


def read(*paths: str | Path) -> tuple[list[SourceText], list[InputProblem]]:
    problems: list[InputProblem] = []
    sources = list(read_sources(list(paths), problems))
    return sources, problems


def messages(problems: list[InputProblem]) -> dict[str, tuple[str, bool]]:
    return {Path(p.path).name: (p.message, p.skipped) for p in problems}


# ---------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------


def test_sources_reads_plain_utf8(tmp_path: Path) -> None:
    path = tmp_path / "yalta.txt"
    path.write_text("Yalta, Crimea – “the Big Three” met.\n", encoding="utf-8")
    sources, problems = read(path)
    assert problems == []
    assert sources == [
        SourceText(
            source="yalta.txt",
            path=str(path),
            text="Yalta, Crimea – “the Big Three” met.\n",
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        )
    ]


def test_sources_strips_utf8_bom_silently(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    sources, problems = read(path)
    assert problems == []
    assert [s.text for s in sources] == [ARTICLE]


def test_sources_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Caf\xe9 \x93Overlord\x94 \x96 Normandy.\n".encode("latin-1"))
    sources, problems = read(path)
    assert [s.text for s in sources] == ["Café “Overlord” – Normandy.\n"]
    assert problems == [
        InputProblem(str(path), "not valid UTF-8 at byte 3; decoded as Windows-1252", False)
    ]


def test_sources_decode_falls_back_to_latin1_when_cp1252_fails() -> None:
    # 0x81 is undefined in Windows-1252.
    text, warning = decode(b"abc\x81def")
    assert text == "abc\x81def"
    assert warning == "not valid UTF-8 at byte 3; decoded as Latin-1"


def test_sources_nul_bytes_are_replaced_keeping_offsets(tmp_path: Path) -> None:
    data = b"The Treaty of Versailles\x00was signed\x00in 1919 by many states.\n"
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    sources, problems = read(path)
    assert problems == [InputProblem(str(path), "NUL bytes replaced by spaces", False)]
    (src,) = sources
    assert src.text == "The Treaty of Versailles was signed in 1919 by many states.\n"
    assert len(src.text) == len(data)
    assert src.text.index("signed") == data.index(b"signed")


def test_sources_nul_bytes_and_cp1252_give_one_combined_warning() -> None:
    text, warning = decode(b"Caf\xe9\x00ok")
    assert text == "Café ok"
    assert (
        warning
        == "NUL bytes replaced by spaces; not valid UTF-8 at byte 3; decoded as Windows-1252"
    )


def test_sources_looks_binary() -> None:
    assert looks_binary(bytes(range(256)))
    assert not looks_binary(b"")
    assert not looks_binary(b"plain text\twith tabs\r\nand a form feed\x0c\n")
    assert not looks_binary(b"one stray \x01 byte in a long enough line of ordinary text")


# ---------------------------------------------------------------------------------------
# Skipped files
# ---------------------------------------------------------------------------------------


def test_sources_empty_and_blank_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t ")
    sources, problems = read(tmp_path)
    assert sources == []
    assert messages(problems) == {
        "blank.txt": ("empty file", True),
        "empty.txt": ("empty file", True),
    }


def test_sources_binary_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "ok.txt").write_text(ARTICLE)
    sources, problems = read(tmp_path)
    assert [s.source for s in sources] == ["ok.txt"]
    assert messages(problems) == {"image.txt": ("binary file, not text", True)}


def test_sources_duplicate_content_is_read_once(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE)
    second.write_text(ARTICLE)
    sources, problems = read(tmp_path)
    assert [s.source for s in sources] == ["a.txt"]
    assert problems == [InputProblem(str(second), f"duplicate of {first}", True)]


def test_sources_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    (tmp_path / "open.txt").write_text("The Munich Agreement was signed in 1938.\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read any file (root)")
        sources, problems = read(tmp_path)
    finally:
        path.chmod(0o644)
    assert [s.source for s in sources] == ["open.txt"]
    assert len(problems) == 1
    assert problems[0].path == str(path)
    assert problems[0].skipped
    assert problems[0].message.startswith("unreadable: ")


def test_sources_read_error_is_reported_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same path as a permission problem, without relying on chmod (root reads anyway).
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE)
    (tmp_path / "open.txt").write_text("The Munich Agreement was signed in 1938.\n")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    sources, problems = read(tmp_path)
    assert [s.source for s in sources] == ["open.txt"]
    assert problems == [InputProblem(str(locked), "unreadable: Permission denied", True)]


def test_sources_nonexistent_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    (tmp_path / "here.txt").write_text(ARTICLE)
    sources, problems = read(missing, tmp_path / "here.txt")
    assert [s.source for s in sources] == ["here.txt"]
    assert problems == [InputProblem(str(missing), "no such file or folder", True)]


def test_sources_dangling_symlink_is_reported_as_unreadable(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    sources, problems = read(link)
    assert sources == []
    assert problems == [InputProblem(str(link), "unreadable: No such file or directory", True)]


def test_sources_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kursk.txt").write_text(ARTICLE)
    (folder / "again").symlink_to(folder)
    result: list[tuple[list[SourceText], list[InputProblem]]] = []
    worker = threading.Thread(target=lambda: result.append(read(folder)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a folder with a symlink loop did not finish"
    ((sources, problems),) = result
    assert [s.path for s in sources] == [str(folder / "kursk.txt")]
    assert problems == [
        InputProblem(str(folder / "again"), "symlink loop: folder already read", True)
    ]


# ---------------------------------------------------------------------------------------
# Which files are read
# ---------------------------------------------------------------------------------------


def test_sources_folder_walk_skips_hidden_and_non_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The Battle of Kursk began in July 1943.\n")
    (tmp_path / "b.md").write_text("The Yalta Conference met in 1945.\n")
    (tmp_path / "README").write_text("Operation Overlord began in June 1944.\n")
    (tmp_path / "c.TXT").write_text("The Munich Agreement was signed in 1938.\n")
    (tmp_path / ".hidden.txt").write_text("hidden notes\n")
    (tmp_path / "map.png").write_text("not an article\n")
    (tmp_path / "data.csv").write_text("a,b\n")
    hidden_dir = tmp_path / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "x.txt").write_text("inside a hidden folder\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text("The Treaty of Versailles was signed in 1919.\n")
    sources, problems = read(tmp_path)
    assert problems == []
    assert [s.source for s in sources] == ["README", "a.txt", "b.md", "c.TXT", "d.txt"]


def test_sources_explicit_files_are_always_read(tmp_path: Path) -> None:
    hidden = tmp_path / ".notes.txt"
    other = tmp_path / "article.html"
    hidden.write_text("The Battle of Kursk began in July 1943.\n")
    other.write_text("The Yalta Conference met in 1945.\n")
    sources, problems = read(hidden, other)
    assert problems == []
    assert [s.source for s in sources] == [".notes.txt", "article.html"]


def test_sources_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    sources, problems = read(path, tmp_path, path)
    assert problems == []
    assert [s.source for s in sources] == ["a.txt"]


def test_sources_same_file_name_in_two_folders_keeps_distinct_sources(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "war.txt").write_text("The Winter War began in 1939.\n")
    (two / "war.txt").write_text("The Russo-Japanese war began in 1904.\n")
    (two / "other.txt").write_text(ARTICLE)
    sources, problems = read(tmp_path)
    assert problems == []
    assert [s.source for s in sources] == [
        str(one / "war.txt"),
        "other.txt",
        str(two / "war.txt"),
    ]
    assert len({s.source for s in sources}) == 3


def test_sources_expand_paths_orders_folder_contents(tmp_path: Path) -> None:
    for name in ["c.txt", "a.txt", "b.txt"]:
        (tmp_path / name).write_text(name)
    problems: list[InputProblem] = []
    assert [p.name for p in expand_paths([tmp_path], problems)] == ["a.txt", "b.txt", "c.txt"]
    assert problems == []
