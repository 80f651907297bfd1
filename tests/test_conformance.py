"""Conformance with independent implementations.

* Exported Turtle, N-Triples, TriG and N-Quads parse with ``rapper`` (Raptor, Debian's
  ``raptor2-utils``; ``.ci/run`` installs it) to the same number of triples as the store.
* What ``kg query`` prints in JSON, XML, CSV and TSV reads back with rdflib's parsers of
  the W3C SPARQL 1.1 results formats, as the very rows the store returned.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result

from kg.export import export
from kg.store import GraphStore, open_store
from queries.sparql import _PROLOGUE

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="rapper is not installed (apt-get install raptor2-utils)"
)
RAPPER_FORMATS = {"turtle": "turtle", "nt": "ntriples", "trig": "trig", "nquads": "nquads"}


def _rapper_count(path: Path, fmt: str) -> int:
    assert RAPPER is not None
    done = subprocess.run(
        [RAPPER, "-i", RAPPER_FORMATS[fmt], "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    found = re.search(r"returned (\d+) triples?", done.stderr)
    assert found, done.stderr
    return int(found.group(1))


@needs_rapper
@pytest.mark.parametrize("fmt", sorted(RAPPER_FORMATS))
@pytest.mark.parametrize("which", ["mini", "nasty", "seeds"])
def test_conformance_rapper_reads_exports_to_the_same_count(
    request: pytest.FixtureRequest, tmp_path: Path, fmt: str, which: str
) -> None:
    fixture = {"mini": "mini_store_path", "nasty": "nasty_store_path"}.get(which)
    path = request.getfixturevalue(fixture or "seeds_store_path")
    store = open_store(path)
    target = tmp_path / f"export.{fmt}"
    export(store, fmt, target)
    union = {(q.subject, q.predicate, q.object) for q in store.ox}
    expected = len(union) if fmt in {"turtle", "nt"} else len(store)
    assert _rapper_count(target, fmt) == expected


# ---------------------------------------------------------------------------------------
# SPARQL results formats
# ---------------------------------------------------------------------------------------

SELECT = """
SELECT ?statement ?confidence ?sentence ?begin ?label ?missing WHERE {
  ?statement hkg:confidence ?confidence ;
             prov:wasDerivedFrom ?s ;
             rdf:subject ?subject .
  ?s nif:anchorOf ?sentence ; nif:beginIndex ?begin .
  OPTIONAL { ?subject skos:prefLabel ?label }
  OPTIONAL { ?statement hkg:nothing ?missing }
} ORDER BY ?statement ?sentence
"""


def _term(term: object) -> rdflib.term.Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _store_rows(store: GraphStore) -> tuple[list[str], list[tuple[rdflib.term.Node | None, ...]]]:
    solutions = store.query(_PROLOGUE + SELECT)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return names, [tuple(_term(row[n]) for n in names) for row in solutions]


def _plain(term: rdflib.term.Node | None) -> str:
    """What CSV keeps of a term: its lexical form, or nothing for unbound."""
    return "" if term is None else str(term)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
@pytest.mark.parametrize("which", ["mini_store_path", "nasty_store_path"])
def test_conformance_query_results_read_back_with_rdflib(
    kg, request: pytest.FixtureRequest, fmt: str, which: str
) -> None:
    path = request.getfixturevalue(which)
    names, rows = _store_rows(open_store(path))
    assert rows, "the query should return rows"
    result = kg("query", "--format", fmt, SELECT, store=path)
    assert result.exit_code == 0, result.output
    parsed = Result.parse(io.BytesIO(result.stdout_bytes), format=fmt)
    assert [str(v) for v in parsed.vars or []] == names
    got = [tuple(row.get(rdflib.Variable(n)) for n in names) for row in parsed.bindings]
    if fmt == "csv":  # CSV keeps lexical forms only (W3C SPARQL 1.1 CSV, section 3)
        assert [tuple(map(_plain, r)) for r in got] == [tuple(map(_plain, r)) for r in rows]
    else:
        assert got == rows


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("ask", ["ASK { ?s a hkg:Statement }", "ASK { ?s a hkg:Nothing }"])
def test_conformance_ask_results_read_back_with_rdflib(kg, fmt: str, ask: str) -> None:
    result = kg("query", "--format", fmt, ask)
    assert result.exit_code == 0, result.output
    parsed = Result.parse(io.BytesIO(result.stdout_bytes), format=fmt)
    assert parsed.askAnswer is ("Nothing" not in ask)
