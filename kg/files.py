"""Files written atomically: a reader sees the old file or the complete new one.

A temporary file in the target's folder is written, flushed to disk, then moved over the
target with ``os.replace``; on any failure (a full disk, Ctrl-C) it is removed, so nothing
half-written is ever left behind. Used by ``kg export -o`` and the pictures.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary handle whose content replaces ``path`` when the block ends without error.

    OSError from creating, writing or moving the file propagates; callers say which file.
    """
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before replace
        mode="wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.chmod(handle.fileno(), _mode_for(target))
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The permissions the file would have if written in place: those of the file it
    replaces, else the usual 0666 less the umask (a temporary file is made 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    with _UMASK_LOCK:  # reading the umask means setting it: no other thread in between
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


_UMASK_LOCK = threading.Lock()
