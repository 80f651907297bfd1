"""Files written atomically: a reader sees the old file or the complete new one.

A temporary file in the target's folder is written, flushed to disk, then moved over the
target with ``os.replace``; on any failure (a full disk, Ctrl-C) it is removed, so nothing
half-written is ever left behind. Used by ``kg export -o`` and the pictures.
"""

from __future__ import annotations

import os
import tempfile
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
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
