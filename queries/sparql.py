"""Run SPARQL against a built store and format the results.

Two kinds of caller use this module:

* the library (lookup, events), which runs the canned ``queries/*.rq`` files through
  :func:`select` with user input only ever passed as pre-bound variables;
* ``kg query``, which runs a user's text through :func:`run_query` and prints it with
  :func:`format_results`.

Every pyoxigraph failure (``SyntaxError`` for malformed text, ``OSError`` and friends while
evaluating) leaves this module as a one-line :class:`extract.errors.QueryError`, so the CLI can
print it without a traceback.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from extract.errors import QueryError
from kg.querytext import Bound, looks_like_update, prepare
from kg.store import GraphStore
from kg.vocab import PREFIXES, sparql_prologue
from queries.terms import Term, expand, shorten

Binding = ox.NamedNode | ox.Literal
ResultKind = Literal["select", "ask", "graph"]

SELECT_FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "xml")
_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
# CONSTRUCT/DESCRIBE give a graph, not a table: "table" (the default) prints Turtle, and the
# machine formats map to the RDF serialisation of the same family.
_GRAPH_FORMATS = {
    "table": ox.RdfFormat.TURTLE,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}

# The prologue gives users the project prefixes for free; it is one line per prefix, so
# an error position in the user's text is the reported one minus this many lines.
_PROLOGUE = sparql_prologue()
_PROLOGUE_LINES = _PROLOGUE.count("\n")

# The limits of a user's query (queries/serving/limits.py enforces them). Here, not there: the
# command line shows them in its help, and importing limits (worker processes) for that
# would slow the start of every kg command.
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000

# Table cells longer than this are cut: a sentence column must not push the rest of the
# table off the screen. The machine formats are never cut.
MAX_CELL = 80


# ---------------------------------------------------------------------------------------
# Canned queries
# ---------------------------------------------------------------------------------------


def query_names() -> list[str]:
    """The names of the packaged ``.rq`` files (without the extension)."""
    return list(_query_names())


@functools.cache
def _query_names() -> tuple[str, ...]:
    return tuple(
        sorted(
            entry.name[: -len(".rq")]
            for entry in files("queries").iterdir()
            if entry.name.endswith(".rq")
        )
    )


@functools.cache
def load_query(name: str) -> str:
    """The text of a packaged query, by name: ``"who"`` or ``"who.rq"``.

    Read through importlib.resources so it works from a wheel as well as from a checkout;
    read once per process (the files are part of the installed package).
    """
    stem = name[: -len(".rq")] if name.endswith(".rq") else name
    if stem not in query_names():
        raise QueryError(f"no built-in query {name!r}; available: {', '.join(query_names())}")
    return (files("queries") / f"{stem}.rq").read_text(encoding="utf-8")


def read_query_file(path: str | Path) -> str:
    """A query file's text; a missing path that names a packaged query reads that one.

    This lets ``kg query -f who.rq`` work from any folder, not just from a checkout.
    """
    file = Path(path)
    if file.is_file():
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {file}: {exc}") from exc
    if file.name == str(path) and file.name.removesuffix(".rq") in query_names():
        return load_query(file.name)
    raise QueryError(
        f"no query file {path}; built-in queries you can name instead: "
        + ", ".join(f"{n}.rq" for n in query_names())
    )


def select(
    store: GraphStore, name: str, bindings: Mapping[str, Bound] | None = None
) -> list[dict[str, Term | None]]:
    """Run a packaged SELECT query and return its rows as ``{variable: term or None}``.

    The rows are materialised: the callers group them in Python anyway, and with the event
    bound a canned query returns one event's worth of rows.
    """
    results = _execute(store, load_query(name), bindings, line_offset=0)
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError(f"built-in query {name!r} is not a SELECT query")
    variables = [v.value for v in results.variables]
    try:
        # A solution iterates over its values in the order of ``variables`` (None where
        # unbound): zipping is 2-3x faster than looking each variable up by name.
        return [dict(zip(variables, solution, strict=True)) for solution in results]
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query {name!r} failed: {_one_line(str(exc))}") from exc


# Terms per query of :func:`select_many`: a hub's neighbourhood can name thousands of
# nodes, and servers limit the length of a query.
MANY_CHUNK = 400


def select_many(
    store: GraphStore, name: str, variable: str, terms: Iterable[Binding]
) -> list[dict[str, Term | None]]:
    """:func:`select` with ``variable`` bound to each of ``terms`` in turn, in one query
    (a VALUES block of them, where :func:`select` binds one term): the rows for many
    nodes at the cost of about one lookup, not one query per node."""
    unique = tuple(dict.fromkeys(terms))
    rows: list[dict[str, Term | None]] = []
    for first in range(0, len(unique), MANY_CHUNK):
        rows += select(store, name, {variable: unique[first : first + MANY_CHUNK]})
    return rows


# ---------------------------------------------------------------------------------------
# User queries
# ---------------------------------------------------------------------------------------


@dataclass
class QueryOutput:
    """The result of one query, still lazy.

    pyoxigraph results are single-pass iterators, so formatting consumes them; a second
    :func:`format_results` call on the same output raises instead of printing nothing.
    """

    kind: ResultKind
    result: ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean
    consumed: bool = field(default=False, repr=False)


def run_query(
    store: GraphStore,
    text: str,
    *,
    bindings: Mapping[str, Binding] | None = None,
    graphs: Collection[str] | None = None,
) -> QueryOutput:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over the union of
    the named graphs. The project prefixes (hkg:, ev:, sem:, ...) are predeclared; the
    query's own PREFIX lines override them. Updates, SERVICE, LOAD and FROM naming a graph
    other than ``graphs`` are refused before anything runs, and what runs is the text
    that was checked (:func:`check_query_is_safe`).
    """
    runnable = check_query_is_safe(text, graphs=graphs)
    results = _execute(store, runnable, bindings, line_offset=_PROLOGUE_LINES)
    if isinstance(results, ox.QuerySolutions):
        return QueryOutput("select", results)
    if isinstance(results, ox.QueryBoolean):
        return QueryOutput("ask", results)
    return QueryOutput("graph", results)


def parse_binding(text: str) -> tuple[str, Binding]:
    """``NAME=VALUE`` from the command line: an IRI (``<...>``, ``http(s)://...`` or a
    project prefixed name such as ``ev:battle-of-x``) becomes an IRI, anything else a
    plain literal."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"cannot read binding {text!r}: expected NAME=VALUE, e.g. event=ev:x")
    iri = expand(value)
    if iri is None:
        return name, ox.Literal(value)
    try:
        return name, ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"cannot read binding {text!r}: not a valid IRI ({exc})") from exc


def format_results(output: QueryOutput, fmt: str = "table") -> str:
    """Render a query result in ``fmt``.

    SELECT: ``table`` (aligned text, IRIs shortened with the project prefixes), ``csv``,
    ``tsv``, ``json`` (SPARQL 1.1 Query Results JSON) or ``xml`` (SPARQL Query Results
    XML), the last four written by pyoxigraph's own serialisers so they follow the W3C
    formats exactly. ASK: ``true``/``false``, or the JSON/XML/CSV/TSV result document.
    CONSTRUCT/DESCRIBE: Turtle with the project prefixes (``table``), JSON-LD (``json``)
    or RDF/XML (``xml``).
    """
    if fmt not in SELECT_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of: {', '.join(SELECT_FORMATS)}")
    if output.consumed:
        raise QueryError("query results were already formatted once (they are single-pass)")
    output.consumed = True
    result = output.result
    try:
        if isinstance(result, ox.QueryTriples):
            return _format_graph(result, fmt)
        if fmt == "table":
            if isinstance(result, ox.QueryBoolean):
                return "true" if bool(result) else "false"
            return _table(result)
        serialized = result.serialize(format=_RESULTS_FORMATS[fmt])
        return serialized.decode("utf-8") if serialized is not None else ""
    except QueryError:
        raise
    except (OSError, RuntimeError, ValueError) as exc:
        # Evaluation is lazy in pyoxigraph: errors surface while iterating, here.
        raise QueryError(f"query failed: {_one_line(str(exc))}") from exc


def _format_graph(triples: ox.QueryTriples, fmt: str) -> str:
    rdf_format = _GRAPH_FORMATS.get(fmt)
    if rdf_format is None:
        raise QueryError(
            f"{fmt} is a format for SELECT and ASK results; CONSTRUCT and DESCRIBE results "
            "print as Turtle (table), JSON-LD (json) or RDF/XML (xml)"
        )
    # Sorted so that the same query on the same store prints the same bytes, and Turtle
    # groups each subject's triples together.
    ordered = sorted(triples, key=str)
    data = ox.serialize(ordered, format=rdf_format, prefixes=_used_prefixes(ordered))
    return data.decode("utf-8") if data is not None else ""


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """The project prefixes whose namespace occurs in ``triples``: a three-triple answer
    should not start with sixteen @prefix lines."""
    iris = {
        term.value
        for triple in triples
        for term in (triple.subject, triple.predicate, triple.object)
        if isinstance(term, ox.NamedNode)
    }
    iris |= {t.object.datatype.value for t in triples if isinstance(t.object, ox.Literal)}
    return {p: ns for p, ns in PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}


# ---------------------------------------------------------------------------------------
# Running and errors
# ---------------------------------------------------------------------------------------


def _execute(
    store: GraphStore,
    text: str,
    bindings: Mapping[str, Bound] | None,
    *,
    line_offset: int,
) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
    try:
        return store.query(text, bindings=dict(bindings or {}))
    except SyntaxError as exc:
        if _looks_like_update(text):
            raise QueryError(
                "updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: the store is "
                "read-only; rebuild it with kg build instead"
            ) from exc
        raise QueryError(_syntax_message(str(exc), line_offset)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {_one_line(str(exc))}") from exc


_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)
_MAX_EXPECTED = 160


def _syntax_message(message: str, line_offset: int) -> str:
    """One line, with the position in the user's own text.

    pyoxigraph says ``error at LINE:COLUMN: expected one of ...`` where the list can span
    several lines of character classes; it is flattened and cut, keeping the position.
    """
    match = _POSITION.match(message.strip())
    if not match:
        return f"SPARQL syntax error: {_one_line(message)}"
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    if line > line_offset:  # an error inside the predeclared prologue keeps its own number
        line -= line_offset
    detail = _one_line(detail)
    if "Prefix not found" in detail:
        detail = "undefined prefix (declare it with PREFIX; predeclared: "
        detail += ", ".join(PREFIXES) + ")"
    elif len(detail) > _MAX_EXPECTED:
        detail = detail[: _MAX_EXPECTED - 1].rstrip(", ") + "…"
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _looks_like_update(text: str) -> bool:
    """Whether the first query/update keyword starts a SPARQL Update. Only consulted once
    pyoxigraph has rejected the text as a query, so it can never refuse a valid query."""
    return looks_like_update(text)


# ---------------------------------------------------------------------------------------
# What a user's SPARQL may not do
# ---------------------------------------------------------------------------------------


def check_query_is_safe(
    text: str, *, update: bool = False, graphs: Collection[str] | None = None
) -> str:
    """Refuse, before anything runs, SPARQL that would reach beyond the store, and return
    the text to run (the project prefixes first): exactly the tokens checked.

    Refused: SERVICE (pyoxigraph would send the query to that endpoint over HTTP), LOAD
    (it would download the file), FROM / FROM NAMED / USING naming a graph other than one
    of ``graphs`` (default: any of the project's ``graph:`` IRIs), and, unless ``update``,
    any SPARQL Update. The text is read by the one SPARQL lexer (kg/querytext.py), which
    follows pyoxigraph's rules, so a keyword in a comment, a string or an IRI is not
    mistaken for one, and nothing pyoxigraph reads as a keyword is missed. Raises
    :class:`extract.errors.RefusedQueryError`.
    """
    return prepare(text, prologue=_PROLOGUE, update=update, graphs=graphs)


# ---------------------------------------------------------------------------------------
# The text table
# ---------------------------------------------------------------------------------------


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        value = shorten(term.value)
    elif isinstance(term, ox.BlankNode):
        value = f"_:{term.value}"
    elif isinstance(term, ox.Literal):
        value = term.value if term.language is None else f"{term.value}@{term.language}"
    else:
        value = str(term)
    value = " ".join(value.split())  # sentences may contain newlines
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def _width(value: str) -> int:
    """Columns on a terminal: combining marks take none, East Asian wide characters two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in value
    )


def _pad(value: str, width: int) -> str:
    return value + " " * (width - _width(value))


def _table(solutions: ox.QuerySolutions) -> str:
    variables = [v.value for v in solutions.variables]
    rows = [[_cell(solution[var]) for var in variables] for solution in solutions]
    if not variables:
        return f"({len(rows)} {'row' if len(rows) == 1 else 'rows'})"
    widths = [
        max([_width(var), *(_width(row[i]) for row in rows)]) for i, var in enumerate(variables)
    ]
    lines = [
        " | ".join(_pad(var, w) for var, w in zip(variables, widths, strict=True)).rstrip(),
        "-+-".join("-" * w for w in widths),
    ]
    lines += [
        " | ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.append(f"({len(rows)} {'row' if len(rows) == 1 else 'rows'})")
    return "\n".join(lines)
