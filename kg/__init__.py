"""The graph side: vocabulary, IRIs, mapping of extraction results to RDF, the store.

Nothing in this package runs NLP or imports spaCy. The Python entry points:

* :func:`kg.open` - the store as an rdflib ``Dataset`` (read-only by default);
* :func:`kg.open_store` - the store for the question functions of :mod:`queries.api`
  (``who``, ``when``, ``timeline``, ``describe``, ``path``, ``related``, ``sources``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import open
    from .store import open_store

__all__ = ["open", "open_store"]


def __getattr__(name: str) -> Any:
    # Lazily, so that `import kg.store` (every query command) does not load rdflib.
    if name == "open":
        from .api import open

        return open
    if name == "open_store":
        from .store import open_store

        return open_store
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
