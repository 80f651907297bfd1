"""Write a generated file atomically: a reader sees the old file or the new one, never half.

The pictures (kg viz -o, kg timeline --plot) are written to a temporary file in the target
folder and moved over the target with ``os.replace``, the same way ``kg export -o`` does,
so a failure (a full disk, Ctrl-C) leaves no truncated page or PNG behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from errors import OutputError


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary sibling and ``os.replace``."""
    target = Path(path)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before replace
            mode="wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException as exc:
        Path(handle.name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
    return target
