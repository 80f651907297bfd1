"""Reading input documents: folders are walked, bad files are reported, never fatal.

Every problem becomes an ``InputProblem`` naming the file; the rest of the corpus is
still read. A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32), and the note
names it; otherwise decoding tries UTF-8, then falls back to Windows-1252 (the usual
encoding of text copied from web pages that is not UTF-8) and says so.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import InputProblem

# Extensions read when walking a folder; files named explicitly are always read.
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md", ".markdown", ""})
# Share of control bytes above which a file is binary rather than text with a stray byte.
_BINARY_RATIO = 0.05
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
# Files larger than this are not articles (a disk image or a log that ends in .txt), and
# reading one whole would only exhaust memory. A long article is a few hundred KB.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded document ready for extraction."""

    source: str  # the document's file name, unique within the corpus
    path: str
    text: str
    sha256: str


def _walk(root: Path, problems: list[InputProblem]) -> Iterator[Path]:
    """Files under ``root`` in sorted order; symlink loops are reported, not followed."""
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:
            problems.append(InputProblem(dirpath, "symlink loop: folder already read", True))
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and path.suffix.lower() in TEXT_SUFFIXES:
                yield path


def expand_paths(paths: Iterable[str | Path], problems: list[InputProblem]) -> list[Path]:
    """Files named directly plus text files inside named folders, without repeats."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path, problems))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(InputProblem(str(path), "no such file or folder", True))
    unique: dict[str, Path] = {}
    for f in files:
        unique.setdefault(os.path.realpath(f), f)
    return list(unique.values())


# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


def byte_order_mark(data: bytes) -> tuple[str, str, int] | None:
    """(codec, name, length of the mark) when ``data`` starts with a byte-order mark."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and a note naming the encoding when it is not plain UTF-8.

    A byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), and a text in UTF-16
    or UTF-32 is named as such; bytes that do not decode in it are replaced (U+FFFD)
    and counted. Otherwise UTF-8, else Windows-1252. NUL bytes become spaces (offsets
    hold)."""
    mark = byte_order_mark(data)
    if mark is not None and mark[0] != "utf-8":
        codec, name, length = mark
        text = data[length:].decode(codec, errors="replace")
        note = f"decoded as {name} (byte-order mark)"
        bad = text.count("\ufffd") - data[length:].decode(codec, errors="ignore").count("\ufffd")
        if bad:
            note += f"; {bad} undecodable sequences replaced by U+FFFD"
        if "\x00" in text:
            text = text.replace("\x00", " ")
            note += "; NUL characters replaced by spaces"
        return text, note
    warning = None
    if b"\x00" in data:
        data = data.replace(b"\x00", b" ")
        warning = "NUL bytes replaced by spaces"
    try:
        return data.decode("utf-8-sig"), warning
    except UnicodeDecodeError as exc:
        where = f"not valid UTF-8 at byte {exc.start}; decoded as Windows-1252"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            where = f"not valid UTF-8 at byte {exc.start}; decoded as Latin-1"
        return text, f"{warning}; {where}" if warning else where


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` has too many control bytes for text. A UTF-16 or UTF-32 text
    (every other byte NUL) with a byte-order mark is text."""
    mark = byte_order_mark(data)
    if mark is not None and mark[0] != "utf-8":
        return False
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls / len(sample) > _BINARY_RATIO


def _read_file(path: Path) -> bytes:
    """The bytes of a regular file. A FIFO, a device or a socket (found in scraped folders
    as often as not through a symlink) would block or never end, so they are refused
    before reading, as is a file too large to be an article."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file (a FIFO, device or socket)")
    if info.st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise OSError(errno.EFBIG, f"larger than {limit} MB, not an article")
    return path.read_bytes()


def read_sources(paths: Iterable[str | Path], problems: list[InputProblem]) -> Iterator[SourceText]:
    """Decoded documents from files and folders; problems are appended, never raised."""
    files = expand_paths(paths, problems)
    names: dict[str, int] = {}
    for f in files:
        names[f.name] = names.get(f.name, 0) + 1
    digests: dict[str, str] = {}
    for path in files:
        label = str(path)
        try:
            data = _read_file(path)
        except OSError as exc:
            problems.append(InputProblem(label, f"unreadable: {exc.strerror or exc}", True))
            continue
        if not data.strip():
            problems.append(InputProblem(label, "empty file", True))
            continue
        if looks_binary(data):
            problems.append(InputProblem(label, "binary file, not text", True))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in digests:
            problems.append(InputProblem(label, f"duplicate of {digests[digest]}", True))
            continue
        digests[digest] = label
        text, warning = decode(data)
        if not text.strip():  # a byte-order mark and blanks
            problems.append(InputProblem(label, "empty file", True))
            continue
        if warning:
            problems.append(InputProblem(label, warning, False))
        # The file name identifies a document; a clash between folders keeps the path.
        source = path.name if names[path.name] == 1 else str(path)
        yield SourceText(source=source, path=str(path), text=text, sha256=digest)
