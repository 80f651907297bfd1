"""The questions ``kg`` answers, as Python functions with typed results.

Each takes a store from :func:`kg.open_store` (a folder, or None for ``$KG_STORE`` and
the per-user default) and returns the dict that ``kg ... --format json`` prints, typed as
a ``TypedDict``::

    import kg
    from queries.api import who

    store = kg.open_store()
    result = who(store, "Battle of Borodino")       # a WhoResult
    print([p["label"] for p in result["participants"]])

Bad input raises an :class:`extract.errors.KgError` subclass with a one-line message (an unknown
name, for instance, :class:`extract.errors.NotFoundError` with suggestions). This module imports
every question (and with them networkx's bridge); a command imports only its own.
"""

from __future__ import annotations

from queries.describe import DescribeResult, describe
from queries.events import EntityRow, WhenResult, WhoResult, entities, when, who
from queries.network import PathResult, RelatedResult, path, related
from queries.sources import SourcesResult, sources
from queries.timeline import TimelineResult, timeline

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
