"""Export a built store as a standard RDF file.

Two shapes, because the formats differ in what they can say:

* ``turtle`` and ``nt`` carry one graph, so they get the union of all named graphs as a
  single set of triples (a triple stated by three documents appears once). Provenance is
  not lost: the reified hkg:Statement nodes and their sentences are part of that union.
* ``nquads``, ``trig`` and ``jsonld`` carry a dataset, so they keep the named graphs: one
  per source document plus ``graph/resolved``.

Output is deterministic: the same store always gives the same bytes, so exports can be
diffed and checksummed. Dataset formats are dumped by pyoxigraph straight from the
on-disk store, whose order is that of its index keys (fixed by the content, not by the
order of insertion). The union is sorted here before pyoxigraph serialises it: an
in-memory pyoxigraph store dumps in insertion order, which would make the bytes depend
on iteration details, and sorting also keeps each subject's triples together in Turtle.
"""

from __future__ import annotations

import os
from typing import IO

import pyoxigraph as ox

from extract.errors import KgError
from kg.files import atomic_file
from kg.store import GraphStore
from kg.vocab import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class ExportError(KgError):
    """An unknown export format, or the export file could not be written."""


def export(
    store: GraphStore, fmt: str, output: str | os.PathLike[str] | None = None
) -> bytes | None:
    """Serialise ``store`` as ``fmt``: return the bytes, or write them to ``output``
    atomically (a temporary file in the same folder, then ``os.replace``) and return None.

    A reader of ``output`` thus sees the old file or the complete new one, never half an
    export, and a failed export leaves no debris behind.
    """
    rdf_format = FORMATS.get(fmt)
    if rdf_format is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if output is None:
        return _write(store, rdf_format, None)
    try:
        with atomic_file(output) as handle:
            _write(store, rdf_format, handle)
    except OSError as exc:
        raise ExportError(f"cannot write {output}: {exc}") from exc
    return None


def _write(store: GraphStore, rdf_format: ox.RdfFormat, sink: IO[bytes] | None) -> bytes | None:
    prefixes = PREFIXES if rdf_format != ox.RdfFormat.N_TRIPLES else None
    try:
        if rdf_format.supports_datasets:
            return store.ox.dump(sink, rdf_format, prefixes=prefixes)
        return ox.serialize(union_triples(store), sink, rdf_format, prefixes=prefixes)
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot export as {rdf_format.name}: {exc}") from exc


def union_triples(store: GraphStore) -> list[ox.Triple]:
    """Every distinct triple of every graph, sorted by its N-Triples form."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.ox}
    return sorted(triples, key=str)


def parse_export(data: bytes, fmt: str) -> list[ox.Quad]:
    """Read an export (or any file in one of :data:`FORMATS`) back into quads.

    Always through pyoxigraph, whose parsers never fetch anything: a JSON-LD ``@context``
    naming a URL is refused as an error. rdflib's JSON-LD parser would download it, so
    project code never reads RDF through rdflib. Errors are one-line ExportErrors.
    """
    rdf_format = FORMATS.get(fmt)
    if rdf_format is None:
        raise ExportError(f"unknown RDF format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    try:
        return list(ox.parse(data, format=rdf_format))
    except (SyntaxError, ValueError, OSError) as exc:
        raise ExportError(f"cannot read {fmt}: {' '.join(str(exc).split())}") from exc
