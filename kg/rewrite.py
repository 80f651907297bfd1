"""Preparing SPARQL text for a server: its kind, dataset clauses and pre-bound variables.

A remote store (kg/remote.py) cannot hand pyoxigraph's ``substitutions`` or
``use_default_graph_as_union`` to a server, so it rewrites the query text instead:

* :func:`query_kind` parses the text with pyoxigraph (nothing is evaluated), giving the
  same syntax errors and refusal of updates as the local store, and the result's kind;
* :func:`layout` finds, with a small tokenizer that skips IRIs, strings, comments,
  variables and prefixed names, where dataset clauses go and where the WHERE pattern
  starts;
* :func:`rewrite` inserts ``FROM``/``FROM NAMED`` clauses and a ``VALUES`` clause whose
  terms pyoxigraph writes in N-Triples syntax, so user text is never pasted in.

Tests evaluate rewritten queries with a plain pyoxigraph store (whose default graph is
not the union) against the local store's answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from errors import QueryError
from kg.vocab import RESOLVED_GRAPH

_PARSER = ox.Store()  # empty: used only to parse queries the way the local store does

# Tokens that can hide a keyword or a brace (IRIs, strings, comments, variables, prefixed
# names), then braces and parentheses, then bare words.
_TOKENS = re.compile(
    r"""(?P<skip><[^<>"{}|^`\\\s]*>"""
    r"""|'''.*?'''|\"\"\".*?\"\"\""""
    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
    r"""|\#[^\n]*|[?$]\w+|(?:[A-Za-z][\w.-]*)?:[\w.:%-]*)"""
    r"""|(?P<open>[{(])|(?P<close>[})])|(?P<word>[A-Za-z]+)""",
    re.DOTALL,
)
_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_MODIFIERS = {"ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES"}


def query_kind(text: str) -> Literal["select", "ask", "graph"]:
    """What ``text`` returns, found by parsing it with pyoxigraph (nothing is evaluated:
    the store is empty). Raises pyoxigraph's ``SyntaxError`` for malformed text and for
    updates, exactly as the local store does."""
    result = _PARSER.query(text)
    if isinstance(result, ox.QuerySolutions):
        return "select"
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "graph"


@dataclass(frozen=True)
class Layout:
    """Where a query's parts are, as far as rewriting it needs to know."""

    # Where dataset clauses (FROM ...) go: after the query form and its projection or
    # CONSTRUCT template. None when the query names its own dataset, or is no query.
    dataset: int | None
    # Just inside the "{" that opens the WHERE pattern; None when there is none (DESCRIBE
    # without WHERE) or it may hold triples only (the short form CONSTRUCT WHERE { }).
    pattern: int | None
    # Where a pattern would go when there is none: before the solution modifiers.
    end_of_dataset: int
    # The short form CONSTRUCT WHERE { triples }, whose pattern may not hold VALUES.
    short_construct: bool = False


def layout(text: str) -> Layout:
    """Find the dataset position and the start of the WHERE pattern of a query."""
    depth = 0
    form: str | None = None
    template = False  # a CONSTRUCT template may come next
    short = False  # CONSTRUCT WHERE { triples }
    dataset: int | None = None
    own_dataset = False
    for token in _TOKENS.finditer(text):
        if token.group("skip"):
            continue
        if token.group("open"):
            if depth == 0 and form is not None and token.group() == "{":
                if template:
                    template = False
                else:
                    position = token.start() if dataset is None else dataset
                    return Layout(
                        None if own_dataset else position,
                        None if short else token.end(),
                        position,
                        short,
                    )
            depth += 1
            continue
        if token.group("close"):
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        word = token.group("word").upper()
        if form is None:
            if word in _FORMS:
                form, template = word, word == "CONSTRUCT"
            continue
        if template:  # CONSTRUCT followed by a word, not a template: the short form
            template, short = False, True
        if word == "FROM":
            own_dataset = True
            continue
        if word == "WHERE" and dataset is None:
            dataset = token.start()
            continue
        if word in _MODIFIERS:
            position = token.start() if dataset is None else dataset
            return Layout(None if own_dataset else position, None, token.start())
    if form is None:
        return Layout(None, None, len(text))
    position = len(text) if dataset is None else dataset
    return Layout(None if own_dataset else position, None, len(text))


def uses_named_graphs(text: str) -> bool:
    """Whether a GRAPH keyword occurs outside IRIs, strings, comments and names."""
    return any(t.group("word") and t.group().upper() == "GRAPH" for t in _TOKENS.finditer(text))


def dataset_clauses(text: str, graphs: Iterable[str]) -> str:
    """``FROM`` (and, if ``text`` uses GRAPH, ``FROM NAMED``) for each graph, so that the
    default graph is their union and GRAPH ranges over them."""
    iris = [str(ox.NamedNode(g)) for g in graphs]
    clauses = [f"FROM {iri}" for iri in iris]
    if uses_named_graphs(text):
        clauses += [f"FROM NAMED {iri}" for iri in iris]
    if not clauses:
        # No project graph yet: an empty dataset, not the server's default graph.
        clauses = [f"FROM {ox.NamedNode(str(RESOLVED_GRAPH))}"]
    return "\n" + "\n".join(clauses) + "\n"


def values_clause(bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """A ``VALUES`` clause binding each variable to its term. Terms are written by
    pyoxigraph in N-Triples syntax, which SPARQL reads unchanged (IRIs are validated when
    built, literals escaped); names are checked. One line, so that positions of errors
    in the lines after it do not move."""
    names, terms = [], []
    for name, term in bindings.items():
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise QueryError(f"cannot bind ?{name} on a remote store: only IRIs and literals")
        names.append(str(ox.Variable(name)))
        terms.append(str(term).replace("\n", "\\n").replace("\r", "\\r"))
    return f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "


def rewrite(
    text: str,
    *,
    graphs: Iterable[str] | None = None,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
) -> str:
    """``text`` ready for the server: dataset clauses naming ``graphs`` (unless it names
    its own dataset, or ``graphs`` is None), and ``bindings`` as a VALUES clause at the
    start of the WHERE pattern.

    There, VALUES joins first with the rest of the pattern, which is what pre-binding
    does; the spec's alternative, a trailing VALUES after the query, is mishandled by
    Virtuoso 7.2 when the pattern has a BIND (it binds the output column only and keeps
    every row). Without a pattern that may hold VALUES, a WHERE pattern of just the
    VALUES is added (DESCRIBE), or it trails the query (short-form CONSTRUCT).
    """
    where = layout(text)
    inserts: list[tuple[int, str]] = []
    if graphs is not None and where.dataset is not None:
        inserts.append((where.dataset, dataset_clauses(text, graphs)))
    if bindings:
        values = values_clause(bindings)
        if where.pattern is not None:
            inserts.append((where.pattern, values))
        elif where.short_construct:
            inserts.append((len(text), "\n" + values.strip() + "\n"))
        else:
            inserts.append((where.end_of_dataset, f"\nWHERE {{{values}}}\n"))
    # From the end, so that positions stay valid; at one position, the later insert first
    # (dataset clauses must precede an added WHERE).
    for _, position, insert in sorted(
        ((i, p, t) for i, (p, t) in enumerate(inserts)), key=lambda x: (x[1], x[0]), reverse=True
    ):
        text = text[:position] + insert + text[position:]
    return text
