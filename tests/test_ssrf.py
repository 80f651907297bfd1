"""Nothing a query says reaches the network (issue 11, item 1).

rdflib once checked the text and pyoxigraph ran it; a ``#`` comment ended by a bare CR
hid a SERVICE from rdflib only, and the store connected to whatever it named. These
tests run generated variants of SERVICE, LOAD and FROM, with comments, line endings,
whitespace, case and escapes around them, through the real entry points against a live
listener on 127.0.0.1 that must see no connection at all.
"""

from __future__ import annotations

import multiprocessing
import socket
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import QueryError
from kg.querytext import prepare, tokens
from kg.store import open_store
from queries.serving.limits import QueryPool, run_limited
from queries.serving.sandbox import cut_network
from queries.sparql import check_query_is_safe, run_query


class Listener:
    """Counts TCP connections to 127.0.0.1:PORT for the whole module."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.seen = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.seen += 1
            conn.close()

    def settle(self) -> int:
        time.sleep(0.05)  # let the accept loop catch up with a connection just made
        return self.seen

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    live = Listener()
    yield live
    live.close()


# ---------------------------------------------------------------------------------------
# The reported bypass, and its neighbours, as plain regressions
# ---------------------------------------------------------------------------------------

REPORTED = [
    "SELECT * WHERE {{ # c\r SERVICE <{url}sparql> {{ ?a ?b ?c }}\n ?s ?p ?o }}",
    "SELECT * WHERE {{ #\r SERVICE <{url}sparql> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER(?o <'>) ') SERVICE <{url}> {{ ?a ?b ?c }} "
    "FILTER(?o = ' ')}}",
]


@pytest.mark.parametrize("template", REPORTED)
def test_ssrf_reported_queries_never_connect(
    mini_store_path: Path, listener: Listener, template: str
) -> None:
    before = listener.settle()
    store = open_store(mini_store_path)
    with pytest.raises(QueryError):
        output = run_query(store, template.format(url=listener.url))
        list(output.result)  # type: ignore[call-overload]
    assert listener.settle() == before


def test_ssrf_reported_load_never_downloads(listener: Listener) -> None:
    before = listener.settle()
    memory = ox.Store()
    with pytest.raises(QueryError, match="LOAD"):
        runnable = check_query_is_safe(
            f"# c\rLOAD <{listener.url}x.ttl> ;\nINSERT DATA {{ <urn:a> <urn:b> <urn:c> }}",
            update=True,
        )
        memory.update(runnable)
    assert len(memory) == 0
    assert listener.settle() == before


def test_ssrf_checked_text_is_what_runs() -> None:
    # Comments are blanked in the text that runs, whatever ends them.
    runnable = prepare("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://h/>\r")
    assert "SERVICE" not in runnable and "#" not in runnable
    # An IRI after an operand may be read as "less than": its ' and # become escapes.
    runnable = prepare("SELECT * WHERE { ?s ?p ?o FILTER(?o <'#>) }")
    assert "<\\u0027\\u0023>" in runnable
    # Where < can only open an IRI, the IRI is left alone.
    runnable = prepare("PREFIX x: <http://e/#> SELECT * WHERE { <http://e/#a> x:p ?o }")
    assert "<http://e/#>" in runnable and "<http://e/#a>" in runnable
    assert "".join(t.text for t in tokens("a # b\r c <x> 'd'")) == "a # b\r c <x> 'd'"


# ---------------------------------------------------------------------------------------
# Generated variants
# ---------------------------------------------------------------------------------------

# Everything one parser might treat as a line end or a blank and another might not.
SEPARATORS = [" ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\xa0", "\u2028"]
SEPARATORS += ["\u2029", "\u3000", "\ufeff", ""]
COMMENTS = [f"#{body}{end}" for body in ("", " c", " }", " '", ' "', " <") for end in "\r\n"]
COMMENTS += ["# c\r\n", "# c\x0b", "# c\x0c", "# c\x85", "# c\u2028", "# c\u2029"]

gap = st.lists(st.sampled_from(SEPARATORS + COMMENTS), min_size=0, max_size=3).map("".join)


@st.composite
def keyword(draw: st.DrawFn, word: str) -> str:
    """``word`` in mixed case, perhaps with one letter as a \\u or \\U escape."""
    letters = [c.upper() if draw(st.booleans()) else c.lower() for c in word]
    if draw(st.booleans()):
        i = draw(st.integers(0, len(letters) - 1))
        code = ord(letters[i])
        letters[i] = draw(st.sampled_from([f"\\u{code:04X}", f"\\U{code:08x}"]))
    return "".join(letters)


@st.composite
def target(draw: st.DrawFn, url: str) -> tuple[str, str]:
    """(declarations, term) naming ``url``: an IRI, an escaped IRI, a relative IRI with a
    BASE, or a prefixed name."""
    form = draw(st.sampled_from(["iri", "escaped", "base", "pname"]))
    if form == "iri":
        return "", f"<{url}x>"
    if form == "escaped":
        return "", "<" + url.replace("h", "\\u0068", 1).replace("/", "\\u002F", 1) + "x>"
    if form == "base":
        return f"BASE <{url}>\n", "<x>"
    return f"PREFIX z: <{url}>\n", "z:x"


def _variant(draw: st.DrawFn, url: str, kind: str) -> str:
    declarations, term = draw(target(url))
    g = [draw(gap) for _ in range(5)]
    if kind == "service":
        silent = draw(st.sampled_from(["", "SILENT ", "silent\r"]))
        word = draw(keyword("SERVICE"))
        pattern = f"{word}{g[1]} {silent}{term}{g[2]}{{ ?a ?b ?c }}"
        where = f"SELECT *{g[0]} WHERE {{{g[3]} {pattern}{g[4]}\n ?s ?p ?o }} LIMIT 1"
        if draw(st.booleans()):  # inside OPTIONAL / a nested group
            where = f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{{g[3]} {pattern} }} }} LIMIT 1"
        return declarations + where
    if kind == "from":
        named = draw(st.sampled_from(["", "NAMED ", "named\r"]))
        word = draw(keyword("FROM"))
        return (
            f"{declarations}SELECT *{g[0]} {word}{g[1]} {named}{term}{g[2]} "
            f"WHERE {{{g[3]} ?s ?p ?o }} LIMIT 1"
        )
    word = draw(keyword("LOAD"))
    into = draw(st.sampled_from(["", " INTO GRAPH <urn:g>"]))
    return (
        f"{declarations}{g[0]}{word}{g[1]} {term}{into}{g[2]} ;{g[3]}\n"
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    )


@st.composite
def hostile(draw: st.DrawFn, url: str) -> tuple[str, str]:
    kind = draw(st.sampled_from(["service", "from", "load"]))
    return kind, _variant(draw, url, kind)


def _outcome(store_path: Path, memory: Callable[[], ox.Store], kind: str, text: str) -> str:
    """Run ``text`` as kg query / kg query --update would, in this process (so that only
    the check, not the worker's sandbox, stands between it and the network)."""
    try:
        if kind == "load":
            memory().update(check_query_is_safe(text, update=True))
        else:
            output = run_query(open_store(store_path), text)
            if output.kind != "ask":
                list(output.result)  # type: ignore[call-overload]
    except QueryError as exc:
        return type(exc).__name__
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        return type(exc).__name__
    return "ran"


def test_ssrf_generated_variants_never_connect(mini_store_path: Path, listener: Listener) -> None:
    before = listener.settle()
    outcomes: dict[str, int] = {}

    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(hostile(listener.url))
    def attempt(case: tuple[str, str]) -> None:
        kind, text = case
        result = _outcome(mini_store_path, ox.Store, kind, text)
        outcomes[f"{kind}:{result}"] = outcomes.get(f"{kind}:{result}", 0) + 1
        # Whatever happened (refused, a syntax error, or it ran), nothing connected.
        time.sleep(0.01)  # enough for the accept loop to see a connection just made
        assert listener.seen == before, (text, result)
        if kind == "from" and result == "ran":
            # Only if the FROM was never one (in a comment): the text that ran has none.
            words = {t.keyword for t in tokens(check_query_is_safe(text))}
            assert "FROM" not in words, text

    attempt()
    assert sum(outcomes.values()) >= 100
    assert listener.settle() == before


# ---------------------------------------------------------------------------------------
# The worker's own wall: below the check
# ---------------------------------------------------------------------------------------


def _service_without_the_check(url: str, conn: Connection) -> None:
    """In a child process: cut the network, then run SERVICE straight on pyoxigraph."""
    why = cut_network()
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    try:
        list(ox.Store().query(query))  # type: ignore[call-overload]
        conn.send(f"ran ({why})")
    except OSError as exc:
        conn.send(f"refused: {exc}")


def test_ssrf_worker_cannot_connect_even_without_the_check(listener: Listener) -> None:
    before = listener.settle()
    context = multiprocessing.get_context("forkserver")
    parent, child_end = context.Pipe()
    child = context.Process(target=_service_without_the_check, args=(listener.url, child_end))
    child.start()
    assert parent.poll(60)
    answer = parent.recv()
    child.join(timeout=60)
    assert answer.startswith("refused"), answer
    assert listener.settle() == before


@pytest.mark.parametrize("template", REPORTED[:1])
def test_ssrf_kg_query_and_pool_never_connect(
    mini_store_path: Path, listener: Listener, template: str
) -> None:
    before = listener.settle()
    text = template.format(url=listener.url)
    with pytest.raises(QueryError):
        run_limited(mini_store_path, text, timeout=60)
    with QueryPool(mini_store_path, workers=1, timeout=60) as pool, pytest.raises(QueryError):
        pool.run(text)
    assert listener.settle() == before


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_ssrf_endpoint_refuses_the_reported_query(
    sparql_endpoint: str, listener: Listener, how: str
) -> None:
    import urllib.error
    import urllib.parse
    import urllib.request

    before = listener.settle()
    text = REPORTED[0].format(url=listener.url)
    url, data, headers = sparql_endpoint + "sparql", None, {}
    if how == "get":
        url += "?" + urllib.parse.urlencode({"query": text})
    elif how == "form":
        data = urllib.parse.urlencode({"query": text}).encode()
    else:
        data, headers = text.encode(), {"Content-Type": "application/sparql-query"}
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30)
    assert refused.value.code == 403
    assert listener.settle() == before


def test_ssrf_kg_query_update_load_downloads_nothing(
    kg, tmp_path: Path, mini_quads: list[ox.Quad], listener: Listener
) -> None:
    from kg.store import write_generation

    store = tmp_path / "store"
    write_generation(store, mini_quads)
    before = listener.settle()
    update = (
        f"# c\rLOAD <{listener.url}x.ttl> ;\n"
        "INSERT DATA { GRAPH <https://w3id.org/histkg/graph/x> { <urn:a> <urn:b> <urn:c> } }"
    )
    result = kg("query", "--update", update, store=store)
    assert result.exit_code == 1
    assert result.output.startswith("Error: LOAD is refused")
    assert listener.settle() == before
    assert len(open_store(store)) == len(set(mini_quads))  # a store holds each quad once
