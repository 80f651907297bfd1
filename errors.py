"""Exceptions shared by extract/, kg/, queries/ and the CLI.

The CLI turns every ``KgError`` into a one-line message; anything else is a bug.
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
