"""Write a generated file atomically: a reader sees the old file or the new one, never half.

The pictures (kg viz -o, kg timeline --plot) are written to a temporary file in the target
folder and moved over the target with ``os.replace``, the same way ``kg export -o`` does,
so a failure (a full disk, Ctrl-C) leaves no truncated page or PNG behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from extract.errors import OutputError
from kg.files import atomic_file


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary sibling and ``os.replace``."""
    target = Path(path)
    try:
        with atomic_file(target) as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
