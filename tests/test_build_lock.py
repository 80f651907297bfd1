"""One build at a time, decided before anything is read (issue 11.4 and two of 11.7).

The writer lock used to be taken only to write the new generation: two builds both read
the whole corpus, both exited 0 and the last to finish won. A read-only store folder and
a non-UTF-8 store path were also found out only after reading everything.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import WRITER_LOCK, stored_sources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The Battle of Grunwald was fought in July 1410.\n")
    return folder


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A store whose writer lock another writer holds."""
    store = tmp_path / "store"
    store.mkdir()
    fd = os.open(store / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield store
    os.close(fd)


def test_build_lock_second_build_fails_before_reading(
    kg, corpus: Path, held: Path, blank_model_path: Path
) -> None:
    result = kg("build", str(corpus), "--model", str(blank_model_path), store=held)
    assert result.exit_code == 1
    assert result.output.startswith("Error: another kg build or update is writing")
    assert "--wait" in result.output
    assert "Reading" not in result.output  # refused before the first file was read
    assert not (held / "cache").exists()


def test_build_lock_wait_waits_for_the_other_writer(
    corpus: Path, tmp_path: Path, blank_model_path: Path
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    other = os.open(store / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(other, fcntl.LOCK_EX)
    command = [sys.executable, "-c", "from cli import main; main()", "build", str(corpus)]
    command += ["--model", str(blank_model_path), "--store", str(store), "--wait"]
    build = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert build.stderr is not None
        first = build.stderr.readline()  # returns once the build says that it waits
        assert first.startswith("Waiting for another kg build"), first
        assert build.poll() is None and stored_sources(store) == set()
    finally:
        os.close(other)  # the other writer finishes
    _out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert stored_sources(store) == {"a.txt"}


def test_build_lock_unwritable_store_fails_before_reading(
    kg, corpus: Path, tmp_path: Path, blank_model_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = kg("build", str(corpus), "--model", str(blank_model_path), store=blocker / "store")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write graph store at")
    assert "Reading" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_build_lock_read_only_folder_fails_before_reading(
    kg, corpus: Path, tmp_path: Path, blank_model_path: Path
) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = kg("build", str(corpus), "--model", str(blank_model_path), store=locked / "s")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert "cannot write graph store" in result.output and "Reading" not in result.output


def test_build_lock_non_utf8_store_path_leaves_nothing_behind(
    kg, corpus: Path, tmp_path: Path, blank_model_path: Path
) -> None:
    store = tmp_path / os.fsdecode(b"store-\xff")
    result = kg("build", str(corpus), "--model", str(blank_model_path), store=store)
    assert result.exit_code == 1
    assert "not valid UTF-8" in result.output and "Traceback" not in result.output
    assert not os.path.lexists(store)
