"""Exceptions shared by extract/, kg/, queries/ and the CLI.

The CLI turns every ``KgError`` into a one-line message; anything else is a bug. They
live in the lowest layer so that every layer may raise them without importing upwards,
and in one table so that the query worker can send an error back by name
(queries/serving/limits.py). The module imports nothing, spaCy least of all.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class for every error this project reports to users."""


class InputError(KgError):
    """An input document could not be read or decoded."""


class ModelError(KgError):
    """No usable spaCy pipeline could be loaded."""


class StoreError(KgError):
    """The graph store is missing, locked or unreadable."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused or failed while running."""


class NotFoundError(KgError):
    """A named event or entity is not in the graph."""


class NoPathError(KgError):
    """Two events or entities of the graph are not connected."""


class ServeError(KgError):
    """The SPARQL endpoint could not start (address in use, no permission)."""


class RefusedQueryError(QueryError):
    """A query refused before it runs: an update without --update, or one reaching outside."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and its worker process was stopped."""


class QueryMemoryError(QueryError):
    """A query needed more memory than its worker process may use (--max-memory)."""


class NotAcceptableError(QueryError):
    """No result format the client accepts fits the query's kind of result (HTTP 406)."""


class OutputError(KgError):
    """A generated file (a page, a picture) could not be written."""


class ClusterError(KgError):
    """The Dask scheduler of kg build --scheduler is unreachable, or a worker failed."""
