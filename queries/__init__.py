"""The questions ``kg`` answers, as Python functions with typed results.

Each takes a store from :func:`kg.open_store` (a folder, or None for ``$KG_STORE`` and
the per-user default) and returns the dict that ``kg ... --format json`` prints, typed as
a ``TypedDict``::

    import kg
    from queries import who

    store = kg.open_store()
    result = who(store, "Battle of Khalkhin Gol")   # queries.events.WhoResult
    print([p["label"] for p in result["participants"]])

Bad input raises an :class:`errors.KgError` subclass with a one-line message (an unknown
name, for instance, :class:`errors.NotFoundError` with suggestions).

Nothing here imports spaCy, and each function is imported from its module only when
asked for, so that a query command loads only what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from queries.describe import DescribeResult, describe
    from queries.events import EntityRow, WhenResult, WhoResult, entities, when, who
    from queries.network import PathResult, RelatedResult, path, related
    from queries.sources import SourcesResult, sources
    from queries.timeline import TimelineResult, timeline

_HOMES = {
    "who": "queries.events",
    "when": "queries.events",
    "entities": "queries.events",
    "WhoResult": "queries.events",
    "WhenResult": "queries.events",
    "EntityRow": "queries.events",
    "timeline": "queries.timeline",
    "TimelineResult": "queries.timeline",
    "describe": "queries.describe",
    "DescribeResult": "queries.describe",
    "path": "queries.network",
    "related": "queries.network",
    "PathResult": "queries.network",
    "RelatedResult": "queries.network",
    "sources": "queries.sources",
    "SourcesResult": "queries.sources",
}
__all__ = [
    "DescribeResult",
    "EntityRow",
    "PathResult",
    "RelatedResult",
    "SourcesResult",
    "TimelineResult",
    "WhenResult",
    "WhoResult",
    "describe",
    "entities",
    "path",
    "related",
    "sources",
    "timeline",
    "when",
    "who",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'queries' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
