"""Plain Python values and short names for the RDF terms the canned queries return.

The JSON contract of queries/events.py speaks in short class names ("Battle", "Person")
and plain strings and numbers, never in pyoxigraph objects; this module is the one place
that translates between the two, so lookup, events and the table formatter agree.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from extract import vocabulary
from kg.vocab import HKG, PREFIXES, type_iri

# Event classes (extract/vocabulary.py), and the name used when an event is only a plain
# sem:Event.
EVENT_TYPES: tuple[str, ...] = vocabulary.EVENT_CLASSES
EVENT_FALLBACK = vocabulary.EVENT_FALLBACK

# Actor and place classes, most specific first: hkg:MilitaryUnit is a subclass of
# hkg:Organization, so an actor typed with both is reported as a MilitaryUnit.
ENTITY_TYPES: tuple[str, ...] = vocabulary.ENTITY_TYPES_SPECIFIC_FIRST
# An actor with no hkg class at all is still a sem:Actor; say so rather than guess.
ENTITY_FALLBACK = vocabulary.ENTITY_FALLBACK

_HKG = str(HKG._NS)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def class_iri(short: str) -> ox.NamedNode:
    """The IRI of an hkg class given its short name ("Person" -> hkg:Person), through the
    closed namespace of kg/vocab.py."""
    return ox.NamedNode(str(type_iri(short)))


def short_type(iris: list[str] | set[str], known: tuple[str, ...], fallback: str) -> str:
    """The short name of the first class in ``known`` that occurs in ``iris``.

    ``known`` is ordered by preference, which makes the choice deterministic when a node
    carries several classes (the build should not write that, but the graph allows it).
    """
    names = {iri[len(_HKG) :] for iri in iris if iri.startswith(_HKG)}
    for name in known:
        if name in names:
            return name
    return fallback


def text(term: Term | None) -> str | None:
    """The lexical value of a term (IRI string, literal text), or None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def integer(term: Term | None) -> int | None:
    """An xsd:integer literal as int; None when unbound or not a number."""
    value = text(term)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def decimal(term: Term | None) -> float | None:
    """An xsd:decimal literal (a confidence) as float; None when unbound or malformed."""
    value = text(term)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


# A local name that can follow "prefix:" and still read unambiguously. Stricter than the
# Turtle grammar on purpose: anything unusual is shown as a full <IRI>.
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
# Longest namespace first, so ev: wins over a shorter prefix of the same IRI.
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def shorten(iri: str) -> str:
    """``prefix:local`` for an IRI in a project namespace, else ``<iri>``."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI for ``<iri>``, ``prefix:local`` (project prefixes) or ``http(s)://...``."""
    name = name.strip()
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if name.startswith(("http://", "https://")):
        return name
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return PREFIXES[prefix] + local
    return None


def local_name(iri: str) -> str:
    """The last path or fragment segment of an IRI, a readable last-resort label."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]
