"""SPARQL query text: one lexer, and everything done to the text of a query.

pyoxigraph runs every query, locally or (for its syntax) before a query goes to a server,
so this module reads query text by pyoxigraph's lexical rules, not rdflib's: whitespace
is space, tab, CR and LF only; a comment runs from ``#`` to the next CR *or* LF; ``\\u``
escapes count inside IRIs and strings only. Every job below uses the same tokens:

* :func:`prepare` checks a user's query (no SERVICE, no LOAD, no FROM/USING a graph from
  elsewhere, no update unless asked for, bounded size and nesting) and returns **the
  text that runs**, rebuilt from the tokens it checked: comments blanked out, and the
  two characters that could make an IRI read as something else if the engine saw ``<``
  as "less than" (``'`` starts a string, ``#`` a comment) written as ``\\u`` escapes,
  which mean the same character inside an IRI. Whatever the lexer got wrong, no text
  reaches pyoxigraph that it did not see as tokens. (After ``PREFIX p:``, ``{``, ``.``
  and the like, where ``<`` can only open an IRI, IRIs are left as they are.)
* :func:`looks_like_update` names an update for error messages.
* :func:`query_kind`, :func:`layout` and :func:`rewrite` prepare a query for a SPARQL
  server (kg/remote.py): its result kind, where dataset clauses and pre-bound variables go.

Issue 11: rdflib checked the text and pyoxigraph ran it, and a ``#`` comment ended by a
bare CR hid a SERVICE from rdflib only. The query workers (queries/serving/sandbox.py) also cut
the network off below pyoxigraph, so a lexer mistake alone still reaches nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

import pyoxigraph as ox

from extract.errors import QueryError, RefusedQueryError
from kg.vocab import GRAPH_NS, RESOLVED_GRAPH

# Queries users type are refused beyond these: pyoxigraph's parser recurses per level of
# nesting and crashes (SIGSEGV) near 1,000 levels; no real query comes close to either.
MAX_DEPTH = 100
MAX_LENGTH = 1_000_000

# ---------------------------------------------------------------------------------------
# The lexer
# ---------------------------------------------------------------------------------------

_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_LOCAL_CHAR = r"(?:[\w:%\-\u00B7]|\\[_~.\-!$&'()*+,;=/?#@%])"
_LEXER = re.compile(
    rf"""(?P<ws>[ \t\r\n]+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
    |(?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
        |\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'
        |"(?:[^"\\\n\r]|\\.)*")
    |(?P<var>[?$]\w+)
    |(?P<pname>(?:[^\W\d_](?:[\w.\-\u00B7]*[\w\-\u00B7])?)?:
        (?:{_LOCAL_CHAR}(?:(?:{_LOCAL_CHAR}|\.)*{_LOCAL_CHAR})?)?)
    |(?P<word>[^\W\d]\w*)
    |(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    |(?P<open>[{{(\[])|(?P<close>[}})\]])
    |(?P<other>.)""",
    re.DOTALL | re.VERBOSE,
)
_UCHAR_RE = re.compile(_UCHAR)


@dataclass(frozen=True)
class Token:
    kind: str  # ws, comment, iri, string, var, pname, word, number, open, close, other
    text: str
    start: int

    @property
    def keyword(self) -> str:
        """A bare word in capitals (SPARQL keywords ignore case); "" for anything else."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """Every token of ``text``, whitespace and comments included: joined, they are
    ``text`` again (the last alternative takes any single character)."""
    out = []
    for match in _LEXER.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        out.append(Token(kind, match.group(), match.start()))
    return out


def _significant(toks: Iterable[Token]) -> list[Token]:
    return [t for t in toks if t.kind not in ("ws", "comment")]


def _iri_value(token: Token) -> str:
    """An IRI token's IRI, its ``\\u`` escapes decoded."""
    return _UCHAR_RE.sub(lambda m: chr(int(m.group()[2:], 16)), token.text[1:-1])


# ---------------------------------------------------------------------------------------
# Checking a user's query, and the text that runs
# ---------------------------------------------------------------------------------------

_NETWORK = "queries only read the local store and never open network connections"
_QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP"}
_UPDATE_FORMS |= {"COPY", "MOVE", "ADD", "WITH"}
_UPDATE_REFUSED = (
    "updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: queries are read-only "
    "(kg query --update applies an update to the store)"
)


def prepare(
    text: str,
    *,
    prologue: str = "",
    update: bool = False,
    graphs: Collection[str] | None = None,
) -> str:
    """Check ``prologue + text`` and return the text to run: the same tokens, comments
    blanked, ``'`` and ``#`` inside IRIs written as ``\\u`` escapes. Positions (lines and
    columns of errors) are those of the input except after such an IRI on its line.

    Refused (:class:`extract.errors.RefusedQueryError`, one line): SERVICE and LOAD anywhere;
    FROM, FROM NAMED and USING naming a graph other than one of ``graphs`` (default: any
    of the project's ``graph:`` IRIs); an update unless ``update``; text longer than
    :data:`MAX_LENGTH` characters or nested deeper than :data:`MAX_DEPTH`.
    """
    if len(text) > MAX_LENGTH:
        raise RefusedQueryError(
            f"query refused: it is {len(text):,} characters long; the limit is {MAX_LENGTH:,}"
        )
    toks = tokens(prologue + text)
    check(toks, update=update, graphs=graphs)
    return runnable(toks)


# After these, ``<`` can only open an IRI: they end no operand, so it cannot be "less
# than", and they are no ``<`` of a ``<<`` triple term.
_BEFORE_IRI_ONLY = {"{", "(", "[", ",", ";", ".", "/", "|", "^", "=", "!"}
_KEYWORDS_BEFORE_IRI = {"BASE", "FROM", "NAMED", "USING", "GRAPH", "INTO", "TO", "WITH", "A"}


def runnable(toks: list[Token]) -> str:
    """The tokens as text to run: comments blanked (same length, so positions hold), and
    in an IRI that follows something an operand may end with (where pyoxigraph might
    read ``<`` as "less than"), ``'`` and ``#`` written as ``\\u`` escapes: they would
    otherwise start a string or a comment that the lexer did not see."""
    out: list[str] = []
    before: list[Token] = []  # the last two significant tokens
    for token in toks:
        text = token.text
        if token.kind == "comment":
            text = " " * len(text)
        elif token.kind == "iri" and not _iri_only(before):
            text = text.replace("'", "\\u0027").replace("#", "\\u0023")
        out.append(text)
        if token.kind not in ("ws", "comment"):
            before = [*before[-1:], token]
    return "".join(out)


def _iri_only(before: list[Token]) -> bool:
    if not before:
        return True
    last = before[-1]
    if last.kind in ("open", "other") and last.text in _BEFORE_IRI_ONLY:
        return True
    if last.keyword in _KEYWORDS_BEFORE_IRI:
        return True
    # PREFIX name: <iri>
    return last.kind == "pname" and len(before) == 2 and before[0].keyword == "PREFIX"


def check(
    toks: list[Token], *, update: bool = False, graphs: Collection[str] | None = None
) -> None:
    """Refuse what :func:`prepare` refuses, on tokens already made."""
    significant = _significant(toks)
    depth = 0
    for i, token in enumerate(significant):
        # SPARQL 1.1 (19.2) reads \u escapes before parsing: SERV\u0049CE would be
        # SERVICE to an engine that does. pyoxigraph does not (a syntax error).
        after = significant[i + 1].text if i + 1 < len(significant) else ""
        if token.text == "\\" and re.match(r"[uU][0-9A-Fa-f]{4}", after):
            raise RefusedQueryError(
                "query refused: \\u escapes are allowed only inside IRIs and strings; "
                "write the character itself"
            )
        if token.kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                raise RefusedQueryError(
                    f"query refused: it is nested more than {MAX_DEPTH} levels deep"
                )
        elif token.kind == "close":
            depth = max(0, depth - 1)
    if not update and looks_like_update(significant):
        raise RefusedQueryError(_UPDATE_REFUSED)
    prefixes: dict[str, str] = {}
    base = ""
    for i, token in enumerate(significant):
        word = token.keyword
        following = significant[i + 1 : i + 3]
        if word == "SERVICE":
            raise RefusedQueryError(f"SERVICE is refused: {_NETWORK}")
        if word == "LOAD":
            raise RefusedQueryError(f"LOAD is refused: {_NETWORK}; nothing is downloaded")
        if word == "BASE" and following and following[0].kind == "iri":
            base = urljoin(base, _iri_value(following[0])) if base else _iri_value(following[0])
        elif word == "PREFIX" and len(following) == 2 and following[1].kind == "iri":
            name = following[0].text.split(":", 1)[0] if following[0].kind == "pname" else None
            if name is not None:
                prefixes[name] = _iri_value(following[1])
        elif word in {"FROM", "USING"}:
            named = bool(following) and following[0].keyword == "NAMED"
            target = following[1] if named and len(following) > 1 else None
            if not named and following:
                target = following[0]
            _check_graph(_graph_name(target, prefixes, base), graphs, word, named)


def _graph_name(token: Token | None, prefixes: Mapping[str, str], base: str) -> str | None:
    if token is None:
        return None
    if token.kind == "iri":
        value = _iri_value(token)
        return urljoin(base, value) if base else value
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def _check_graph(
    iri: str | None, graphs: Collection[str] | None, keyword: str, named: bool
) -> None:
    allowed = iri is not None and (
        iri in graphs if graphs is not None else iri.startswith(str(GRAPH_NS))
    )
    if not allowed:
        clause = keyword + (" NAMED" if named else "")
        raise RefusedQueryError(
            f"{clause} <{short(iri or '?')}> is refused: it names no graph of this store, and "
            f"{_NETWORK} (the default graph is already the union of all graphs)"
        )


def looks_like_update(toks: Iterable[Token] | str) -> bool:
    """Whether the first query or update keyword starts a SPARQL Update."""
    for token in tokens(toks) if isinstance(toks, str) else toks:
        if token.keyword in _QUERY_FORMS:
            return False
        if token.keyword in _UPDATE_FORMS:
            return True
    return False


def assert_offline(text: str) -> None:
    """Refuse text with a SERVICE or LOAD keyword (for text not from :func:`prepare`)."""
    for token in tokens(text):
        if token.keyword == "SERVICE":
            raise RefusedQueryError(f"SERVICE is refused: {_NETWORK}")
        if token.keyword == "LOAD":
            raise RefusedQueryError(f"LOAD is refused: {_NETWORK}; nothing is downloaded")


def short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters with a note of the full length:
    error messages must stay readable whatever a user typed."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return f"{flat[: limit - 1]}… ({len(text):,} characters)"


# ---------------------------------------------------------------------------------------
# Preparing a query for a SPARQL server: its kind, dataset clauses, pre-bound variables
# ---------------------------------------------------------------------------------------

_PARSER = ox.Store()  # empty: used only to parse queries the way the local store does
_FORMS = _QUERY_FORMS
_MODIFIERS = {"ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES"}


def query_kind(text: str) -> Literal["select", "ask", "graph"]:
    """What ``text`` returns, found by parsing it with pyoxigraph over an empty store.
    Raises pyoxigraph's ``SyntaxError`` for malformed text and for updates, exactly as
    the local store does, and :class:`extract.errors.RefusedQueryError` for SERVICE or LOAD."""
    assert_offline(text)
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


# Cached: the canned queries are rewritten with new bindings on every call, and lexing a
# query (about 1 ms) would otherwise cost kg describe, which runs dozens, more than the
# queries themselves.
@functools.lru_cache(maxsize=128)
def layout(text: str) -> Layout:
    """Find the dataset position and the start of the WHERE pattern of a query."""
    depth = 0
    form: str | None = None
    template = False  # a CONSTRUCT template may come next
    short_form = False  # CONSTRUCT WHERE { triples }
    dataset: int | None = None
    own_dataset = False
    for token in _significant(tokens(text)):
        if token.kind == "open" and token.text != "[":
            if depth == 0 and form is not None and token.text == "{":
                if template:
                    template = False
                else:
                    position = token.start if dataset is None else dataset
                    return Layout(
                        None if own_dataset else position,
                        None if short_form else token.start + 1,
                        position,
                        short_form,
                    )
            depth += 1
            continue
        if token.kind == "close" and token.text != "]":
            depth = max(0, depth - 1)
            continue
        if depth or token.kind != "word":
            continue
        word = token.keyword
        if form is None:
            if word in _FORMS:
                form, template = word, word == "CONSTRUCT"
            continue
        if template:  # CONSTRUCT followed by a word, not a template: the short form
            template, short_form = False, True
        if word == "FROM":
            own_dataset = True
            continue
        if word == "WHERE" and dataset is None:
            dataset = token.start
            continue
        if word in _MODIFIERS:
            position = token.start if dataset is None else dataset
            return Layout(None if own_dataset else position, None, token.start)
    if form is None:
        return Layout(None, None, len(text))
    position = len(text) if dataset is None else dataset
    return Layout(None if own_dataset else position, None, len(text))


@functools.lru_cache(maxsize=128)
def uses_named_graphs(text: str) -> bool:
    """Whether a GRAPH keyword occurs outside IRIs, strings, comments and names."""
    return any(t.keyword == "GRAPH" for t in tokens(text))


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


# A pre-bound variable's value: one term, or a tuple of terms the variable takes in turn
# (one query for many nodes).
Bound = ox.NamedNode | ox.Literal | tuple[ox.NamedNode | ox.Literal, ...]


def values_clause(bindings: Mapping[str, Bound]) -> str:
    """A ``VALUES`` clause binding each variable to its term (to each of its terms, for a
    tuple: one row per combination). Terms are written by pyoxigraph in N-Triples syntax,
    which SPARQL reads unchanged (IRIs are validated when built, literals escaped); names
    are checked. One line, so that positions of errors in the lines after it do not
    move."""
    names = [str(ox.Variable(name)) for name in bindings]
    columns = [
        [_written(name, t) for t in (term if isinstance(term, tuple) else (term,))]
        for name, term in bindings.items()
    ]
    rows = " ".join(f"({' '.join(row)})" for row in itertools.product(*columns))
    return f" VALUES ({' '.join(names)}) {{ {rows} }} "


def _written(name: str, term: ox.NamedNode | ox.Literal) -> str:
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise QueryError(f"cannot bind ?{name} on a remote store: only IRIs and literals")
    return str(term).replace("\n", "\\n").replace("\r", "\\r")


# The canned queries are rewritten on every call with new bindings: their layout is read
# once (a describe asks about fifteen queries, each lexed again otherwise). Long texts,
# which only people write, are not kept.
_cached_layout = functools.lru_cache(maxsize=64)(layout)


def _known_layout(text: str) -> Layout:
    return _cached_layout(text) if len(text) <= 20_000 else layout(text)


def rewrite(
    text: str,
    *,
    graphs: Iterable[str] | None = None,
    bindings: Mapping[str, Bound] | None = None,
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
    where = _known_layout(text)
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
