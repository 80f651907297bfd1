"""Run SPARQL against a built store and format the results.

Two kinds of caller use this module:

* the library (lookup, events), which runs the canned ``queries/*.rq`` files through
  :func:`select` with user input only ever passed as pre-bound variables;
* ``kg query``, which runs a user's text through :func:`run_query` and prints it with
  :func:`format_results`.

Every pyoxigraph failure (``SyntaxError`` for malformed text, ``OSError`` and friends while
evaluating) leaves this module as a one-line :class:`errors.QueryError`, so the CLI can
print it without a traceback.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pyoxigraph as ox

from errors import QueryError, RefusedQueryError
from kg.store import GraphStore
from kg.vocab import GRAPH_NS, PREFIXES, sparql_prologue
from queries.terms import Term, expand, shorten

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

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
    store: GraphStore, name: str, bindings: Mapping[str, Binding] | None = None
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
        return [{var: solution[var] for var in variables} for solution in results]
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query {name!r} failed: {_one_line(str(exc))}") from exc


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
    checked: bool = False,
) -> QueryOutput:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over the union of
    the named graphs. The project prefixes (hkg:, ev:, sem:, ...) are predeclared; the
    query's own PREFIX lines override them. Updates, SERVICE, LOAD and FROM naming a graph
    from elsewhere are refused before anything runs (:func:`check_query_is_safe`).

    ``checked=True`` means the caller has just run :func:`check_query_is_safe` on ``text``
    itself. The threaded endpoint (queries/endpoint.py) does: the rdflib parser leaves
    cyclic garbage whose frames would otherwise keep this call's pyoxigraph results alive
    until a garbage collection on another thread, where pyoxigraph refuses to free them.
    """
    if not checked:
        check_query_is_safe(text)
    results = _execute(store, _PROLOGUE + text, bindings, line_offset=_PROLOGUE_LINES)
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
    bindings: Mapping[str, Binding] | None,
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


# Tokens that can hide a keyword: IRIs, strings (long ones first) and comments.
_TOKENS = re.compile(
    r"""<[^<>"{}|^`\\\s]*>"""
    r"""|'''.*?'''|\"\"\".*?\"\"\""""
    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
    r"""|\#[^\n]*"""
    r"""|(?P<word>[A-Za-z]+)(?P<colon>:?)""",
    re.DOTALL,
)
_QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP"}
_UPDATE_FORMS |= {"COPY", "MOVE", "ADD", "WITH"}


def _looks_like_update(text: str) -> bool:
    """Whether the first query/update keyword (outside IRIs, strings, comments and prefixed
    names) starts a SPARQL Update. Only consulted once pyoxigraph has rejected the text
    as a query, so it can never refuse a valid query."""
    for token in _TOKENS.finditer(text):
        word = token.group("word")
        if not word or token.group("colon"):
            continue
        keyword = word.upper()
        if keyword in _QUERY_FORMS:
            return False
        if keyword in _UPDATE_FORMS:
            return True
    return False


# ---------------------------------------------------------------------------------------
# What a user's SPARQL may not do
# ---------------------------------------------------------------------------------------

# Graph names FROM, FROM NAMED and USING may give when the caller names no graphs: the
# project's own named graphs. Any other IRI is a request for data from elsewhere.
_OWN_GRAPHS = str(GRAPH_NS)
_NETWORK = "queries only read the local store and never open network connections"


def check_query_is_safe(
    text: str, *, update: bool = False, graphs: Collection[str] | None = None
) -> None:
    """Refuse, before anything runs, SPARQL that would reach beyond the store.

    Refused: SERVICE (pyoxigraph would send the query to that endpoint over HTTP), LOAD
    (it would download the file), FROM / FROM NAMED / USING naming a graph other than one
    of ``graphs`` (default: any of the project's ``graph:`` IRIs), and, unless ``update``,
    any SPARQL Update. The text is parsed with rdflib's SPARQL grammar, so a keyword in a
    comment, a string or an IRI is not mistaken for one; text rdflib cannot parse is
    checked token by token, refusing whatever might be one of these. The project prefixes
    are predeclared, as in :func:`run_query`. Raises :class:`errors.RefusedQueryError`.
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    full = _PROLOGUE + text
    parsed = _parse_sparql(full)
    if parsed is None:
        # \u escapes apply before parsing (SPARQL 1.1, 19.2): SERV\u0049CE is SERVICE.
        _check_tokens(expandUnicodeEscapes(full), graphs)
        return  # pyoxigraph reports the syntax error, if there is one
    tree, is_update = parsed
    if is_update and not update:
        raise RefusedQueryError(
            "updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: queries are read-only "
            "(kg query --update applies an update to the store)"
        )
    prefixes: dict[str, str] = {}
    base = ""
    for node in _walk(tree):
        # dict.get: CompValue.get returns the key itself for a missing field.
        if node.name == "PrefixDecl":
            prefixes[str(dict.get(node, "prefix") or "")] = str(dict.get(node, "iri"))
        elif node.name == "Base":
            base = str(dict.get(node, "iri"))
        elif node.name == "ServiceGraphPattern":
            raise RefusedQueryError(f"SERVICE is refused: {_NETWORK}")
        elif node.name == "Load":
            raise RefusedQueryError(f"LOAD is refused: {_NETWORK}; nothing is downloaded")
        elif node.name in {"DatasetClause", "UsingClause"}:
            named = dict.get(node, "named")
            term = named if named is not None else dict.get(node, "default")
            _check_graph(_resolve(term, prefixes, base), graphs, node.name, named is not None)


# rdflib's grammar is one set of pyparsing objects per process, and pyparsing is not
# thread-safe: two threads parsing at once (the endpoint's) corrupt each other's parse.
_PARSER_LOCK = threading.Lock()
_TOO_DEEP = "query refused: it is nested too deeply to check"


def _parse_sparql(text: str) -> tuple[object, bool] | None:
    """rdflib's parse tree of ``text`` and whether it is an update; None if rdflib's grammar
    does not accept it.

    The parse runs on a short-lived thread of its own. pyparsing leaves exceptions in
    reference cycles (its packrat cache, chained tracebacks), and a traceback keeps every
    calling frame alive, with its locals, until a garbage collection, which may run on
    any thread. Called here, the frames kept are the helper thread's only, never the
    caller's, whose locals may hold pyoxigraph results that must be freed on the thread
    that made them ("unsendable ... dropped on another thread").
    """
    outcome: list[tuple[object, bool] | str | None] = []
    helper = threading.Thread(
        target=_parse_locked, args=(text, outcome), name="kg-sparql-check", daemon=True
    )
    helper.start()
    helper.join()
    if not outcome or outcome[0] == _TOO_DEEP:
        raise RefusedQueryError(_TOO_DEEP)
    result = outcome[0]
    assert not isinstance(result, str)
    return result


def _parse_locked(text: str, outcome: list[tuple[object, bool] | str | None]) -> None:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSER_LOCK:
        try:
            try:
                outcome.append((parseQuery(text), False))
            except ParseException:
                try:
                    outcome.append((parseUpdate(text), True))
                except ParseException:
                    outcome.append(None)
        except RecursionError:
            outcome.append(_TOO_DEEP)


def _walk(tree: object) -> Iterator[CompValue]:
    """Every rule match of an rdflib parse tree, in document order."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(reversed(list(item)))


def _resolve(term: object, prefixes: Mapping[str, str], base: str) -> str | None:
    from urllib.parse import urljoin

    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    if isinstance(term, URIRef):
        return urljoin(base, str(term)) if base else str(term)
    if isinstance(term, CompValue) and term.name == "pname":
        prefix = str(dict.get(term, "prefix") or "")
        if prefix in prefixes:
            return prefixes[prefix] + str(dict.get(term, "localname") or "")
    return None


def _check_graph(iri: str | None, graphs: Collection[str] | None, clause: str, named: bool) -> None:
    allowed = iri is not None and (
        iri in graphs if graphs is not None else iri.startswith(_OWN_GRAPHS)
    )
    if not allowed:
        keyword = "USING" if clause == "UsingClause" else "FROM"
        keyword += " NAMED" if named else ""
        raise RefusedQueryError(
            f"{keyword} <{iri or '?'}> is refused: it names no graph of this store, and "
            f"{_NETWORK} (the default graph is already the union of all graphs)"
        )


# Enough lexing to find keywords outside IRIs, strings, comments, variables and prefixed
# names; only used for text rdflib's grammar does not accept.
_LEX = re.compile(
    r"""(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
    r"""|\#[^\n]*|[?$]\w+"""
    r"""|(?P<pname>[A-Za-z][\w.\-]*)?:(?P<local>[\w.\-%:]*)"""
    r"""|(?P<word>[A-Za-z]\w*)""",
    re.DOTALL,
)


def _check_tokens(text: str, graphs: Collection[str] | None) -> None:
    tokens = list(_LEX.finditer(text))
    prefixes: dict[str, str] = {}
    for i, token in enumerate(tokens):
        word = (token.group("word") or "").upper()
        nxt = tokens[i + 1 : i + 3]
        if word == "PREFIX" and len(nxt) == 2 and nxt[1].group("iri"):
            prefixes[nxt[0].group("pname") or ""] = nxt[1].group("iri")[1:-1]
        elif word == "SERVICE":
            raise RefusedQueryError(f"SERVICE is refused: {_NETWORK}")
        elif word == "LOAD":
            raise RefusedQueryError(f"LOAD is refused: {_NETWORK}; nothing is downloaded")
        elif word in {"FROM", "USING"}:
            named = bool(nxt) and (nxt[0].group("word") or "").upper() == "NAMED"
            target = nxt[1] if named and len(nxt) > 1 else nxt[0] if nxt and not named else None
            iri: str | None = None
            if target is not None and target.group("iri"):
                iri = target.group("iri")[1:-1]
            elif target is not None and target.group("local") is not None:
                prefix = target.group("pname") or ""
                iri = prefixes[prefix] + target.group("local") if prefix in prefixes else None
            clause = "UsingClause" if word == "USING" else "DatasetClause"
            _check_graph(iri, graphs, clause, named)


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
