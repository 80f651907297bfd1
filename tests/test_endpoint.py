"""queries/serving/endpoint.py (kg serve): the SPARQL 1.1 Protocol over HTTP, and the query page.

The endpoint runs in a background thread over the mini store (the ``sparql_endpoint``
fixture) and is queried the way other tools would: with SPARQLWrapper, with plain HTTP
requests, and with headless Chromium for the page.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import (
    CSV,
    JSON,
    POST,
    POSTDIRECTLY,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from extract.errors import NotAcceptableError
from kg.store import write_generation
from queries.serving.endpoint import make_app, make_server, negotiate, parse_accept, server_url

ROOT = Path(__file__).resolve().parents[1]
EV = "https://w3id.org/histkg/event/"
BATTLES = "SELECT ?e ?label WHERE { ?e a hkg:Battle ; skos:prefLabel ?label } ORDER BY ?label"
BATTLE_LABELS = ["Battle of Khalkhin Gol", "Battle of Lake Khasan"]
JSON_TYPE = "application/sparql-results+json"


def wrapper(base: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(base + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def request(
    base: str,
    *,
    params: dict[str, str] | None = None,
    accept: str | None = None,
    data: bytes | None = None,
    content_type: str | None = None,
    path: str = "sparql",
) -> tuple[int, str, str]:
    """(status, content type, body) of one HTTP request; errors are answers too."""
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {}
    if accept is not None:
        headers["Accept"] = accept
    if content_type is not None:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers.get("Content-Type", ""), body
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode("utf-8")


# ---------------------------------------------------------------------------------------
# With a real SPARQL client
# ---------------------------------------------------------------------------------------


def test_endpoint_sparqlwrapper_select_json(sparql_endpoint: str) -> None:
    result = wrapper(sparql_endpoint, BATTLES).query().convert()
    assert isinstance(result, dict)
    assert result["head"]["vars"] == ["e", "label"]
    rows = result["results"]["bindings"]
    assert [row["label"]["value"] for row in rows] == BATTLE_LABELS
    assert rows[0]["e"] == {"type": "uri", "value": EV + "battle-of-khalkhin-gol"}


def test_endpoint_sparqlwrapper_select_csv(sparql_endpoint: str) -> None:
    result = wrapper(sparql_endpoint, BATTLES, CSV).query().convert()
    rows = list(csv.reader(io.StringIO(result.decode("utf-8"))))
    assert rows[0] == ["e", "label"]
    assert [row[1] for row in rows[1:]] == BATTLE_LABELS
    assert rows[1][0] == EV + "battle-of-khalkhin-gol"


def test_endpoint_sparqlwrapper_select_xml(sparql_endpoint: str) -> None:
    document = wrapper(sparql_endpoint, BATTLES, XML).query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == BATTLE_LABELS


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_endpoint_sparqlwrapper_post_form_and_direct(sparql_endpoint: str, method: str) -> None:
    client = wrapper(sparql_endpoint, BATTLES)
    client.setMethod(POST)
    client.setRequestMethod(method)  # form-encoded query=, or an application/sparql-query body
    rows = client.query().convert()["results"]["bindings"]
    assert [row["label"]["value"] for row in rows] == BATTLE_LABELS


def test_endpoint_sparqlwrapper_ask(sparql_endpoint: str) -> None:
    yes = wrapper(sparql_endpoint, "ASK { ev:battle-of-khalkhin-gol a hkg:Battle }")
    no = wrapper(sparql_endpoint, "ASK { ev:battle-of-khalkhin-gol a hkg:Treaty }")
    assert yes.query().convert() == {"head": {}, "boolean": True}
    assert no.query().convert()["boolean"] is False
    xml = wrapper(sparql_endpoint, "ASK { ?s a hkg:War }", XML).query().convert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_endpoint_construct_gives_turtle_rdflib_parses(sparql_endpoint: str) -> None:
    query = "CONSTRUCT { ?e hkg:commander ?p } WHERE { ?e hkg:commander ?p }"
    data = wrapper(sparql_endpoint, query, TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")
    commander = URIRef("https://w3id.org/histkg/ns#commander")
    pairs = {(str(s).rsplit("/", 1)[1], str(o).rsplit("/", 1)[1]) for s, _, o in graph}
    assert all(p == commander for _, p, _ in graph)
    assert pairs == {
        ("battle-of-khalkhin-gol", "georgy-zhukov"),
        ("soviet-japanese-war", "aleksandr-vasilevsky"),
    }


def test_endpoint_malformed_query_is_400_with_one_line(sparql_endpoint: str) -> None:
    with pytest.raises(QueryBadFormed):
        wrapper(sparql_endpoint, "SELECT ?x WHERE { ?x a }").query()
    status, content_type, body = request(sparql_endpoint, params={"query": "SELECT ?x WHERE {"})
    assert status == 400
    assert content_type.startswith("text/plain")
    assert "syntax error" in body
    assert body.count("\n") == 1 and body.endswith("\n")


# ---------------------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type", "starts"),
    [
        (None, JSON_TYPE, '{"head"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
        ("text/csv", "text/csv", "e,label"),
        ("text/tab-separated-values", "text/tab-separated-values", "?e\t?label"),
        ("application/json", JSON_TYPE, '{"head"'),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values", "?e"),
        ("*/*", JSON_TYPE, '{"head"'),
    ],
)
def test_endpoint_accept_header_picks_the_select_format(
    sparql_endpoint: str, accept: str | None, media_type: str, starts: str
) -> None:
    status, content_type, body = request(sparql_endpoint, params={"query": BATTLES}, accept=accept)
    assert status == 200
    assert content_type.split(";")[0] == media_type
    assert body.startswith(starts)
    assert "Battle of Lake Khasan" in body


def test_endpoint_format_parameter_is_the_fallback_of_accept(sparql_endpoint: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, content_type, body = request(
        sparql_endpoint, params={"query": BATTLES, "format": "csv"}, accept=browser
    )
    assert (status, content_type.split(";")[0]) == (200, "text/csv")
    assert body.splitlines()[0] == "e,label"
    # An explicit Accept type wins over format=.
    _, content_type, _ = request(
        sparql_endpoint,
        params={"query": BATTLES, "format": "csv"},
        accept="text/tab-separated-values",
    )
    assert content_type.startswith("text/tab-separated-values")


def test_endpoint_construct_as_ntriples_and_turtle(sparql_endpoint: str) -> None:
    query = "CONSTRUCT { ?e a hkg:Battle } WHERE { ?e a hkg:Battle }"
    status, content_type, body = request(
        sparql_endpoint, params={"query": query}, accept="application/n-triples"
    )
    assert (status, content_type.split(";")[0]) == (200, "application/n-triples")
    lines = body.strip().splitlines()
    assert len(lines) == 2 and all(line.endswith(" .") for line in lines)
    assert lines[0].startswith(f"<{EV}battle-of-khalkhin-gol> ")
    # Default for a graph result, even when the client prefers SPARQL JSON for tables.
    _, content_type, body = request(
        sparql_endpoint, params={"query": query}, accept=f"{JSON_TYPE}, text/turtle;q=0.9"
    )
    assert content_type.startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) == 2


def test_endpoint_unacceptable_format_is_406(sparql_endpoint: str) -> None:
    status, _, body = request(sparql_endpoint, params={"query": BATTLES}, accept="image/png")
    assert status == 406
    assert "text/csv" in body  # says what it can serve
    status, _, body = request(sparql_endpoint, params={"query": BATTLES, "format": "turtle"})
    assert status == 406
    assert "choose one of: json, xml, csv, tsv" in body


def test_endpoint_negotiate_rules() -> None:
    assert parse_accept("text/csv;q=0.3, */*;q=0") == [("text/csv", 0.3), ("*/*", 0.0)]
    assert negotiate("select", "text/csv;q=0.3, application/sparql-results+xml", None).name == "xml"
    assert negotiate("select", "text/*", None).name == "csv"
    assert negotiate("graph", None, "nt").name == "nt"
    assert negotiate("graph", "application/json", None).name == "jsonld"
    assert negotiate("ask", "text/html, */*;q=0.1", "xml").name == "xml"
    with pytest.raises(NotAcceptableError):
        negotiate("select", "text/csv;q=0", None)


# ---------------------------------------------------------------------------------------
# Read-only, and nothing from outside
# ---------------------------------------------------------------------------------------


def test_endpoint_updates_are_refused(sparql_endpoint: str) -> None:
    insert = "INSERT DATA { ev:x a hkg:Battle }"
    client = wrapper(sparql_endpoint, insert)
    client.setMethod(POST)  # SPARQLWrapper sends an update as update=
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    for data, content_type in [
        (form(update=insert), "application/x-www-form-urlencoded"),
        (insert.encode(), "application/sparql-update"),
        (form(query=insert), "application/x-www-form-urlencoded"),
    ]:
        status, _, body = request(sparql_endpoint, data=data, content_type=content_type)
        assert status == 403, body
        assert "read-only" in body
    ask = wrapper(sparql_endpoint, "ASK { ev:x ?p ?o }").query().convert()
    assert ask["boolean"] is False


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ],
)
def test_endpoint_queries_reaching_outside_are_refused(
    sparql_endpoint: str, query: str, word: str
) -> None:
    status, _, body = request(sparql_endpoint, data=form(query=query), content_type=None)
    assert status == 403, body
    assert word in body


def test_endpoint_protocol_errors(sparql_endpoint: str) -> None:
    assert request(sparql_endpoint)[0] == 400  # no query
    status, _, body = request(sparql_endpoint, data=b"query=x", content_type="text/plain")
    assert status == 415 and "application/sparql-query" in body
    assert request(sparql_endpoint, path="nowhere")[0] == 404
    params = {"query": BATTLES, "default-graph-uri": "http://example.org/g"}
    status, _, body = request(sparql_endpoint, params=params)
    assert status == 400 and "default-graph-uri" in body


def test_endpoint_answers_concurrent_requests(sparql_endpoint: str) -> None:
    results: list[int] = []

    def ask() -> None:
        results.append(request(sparql_endpoint, params={"query": BATTLES})[0])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [200] * 8


def test_endpoint_answers_from_a_rebuilt_store(tmp_path: Path, mini_quads: list[ox.Quad]) -> None:
    root = tmp_path / "store"
    write_generation(root, mini_quads)
    server = make_server(root, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = server_url(server)
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?e a hkg:Battle }"
        first = json.loads(request(base, params={"query": count})[2])
        extra = ox.Quad(
            ox.NamedNode(EV + "battle-of-nowhere"),
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("https://w3id.org/histkg/ns#Battle"),
            ox.NamedNode("https://w3id.org/histkg/graph/resolved"),
        )
        write_generation(root, [*mini_quads, extra])  # what kg build does
        second = json.loads(request(base, params={"query": count})[2])
    finally:
        server.shutdown()
        server.server_close()
    assert first["results"]["bindings"][0]["n"]["value"] == "2"
    assert second["results"]["bindings"][0]["n"]["value"] == "3"


# ---------------------------------------------------------------------------------------
# The query page
# ---------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_endpoint_page_is_self_contained(sparql_endpoint: str) -> None:
    status, content_type, body = request(sparql_endpoint, path="")
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    parser = _Tags()
    parser.feed(body)
    # YASGUI, from this server only: relative URLs, nothing from elsewhere.
    loaded = [
        attrs.get("src") or attrs.get("href")
        for tag, attrs in parser.tags
        if tag in ("script", "link") and (attrs.get("src") or attrs.get("href"))
    ]
    assert loaded == ["yasgui/yasgui.min.css", "yasgui/yasgui.min.js"]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", body)
    assert "@import" not in body and "url(" not in body
    assert '"hkg": "https://w3id.org/histkg/ns#"' in body  # prefixes filled in
    for path, media_type in [
        ("yasgui/yasgui.min.js", "text/javascript"),
        ("yasgui/yasgui.min.css", "text/css"),
    ]:
        status, content_type, asset = request(sparql_endpoint, path=path)
        assert (status, content_type.split(";")[0]) == (200, media_type)
        assert len(asset) > 10_000
    css = request(sparql_endpoint, path="yasgui/yasgui.min.css")[2]
    assert "url(" not in css and "@import" not in css  # no fonts or images from elsewhere
    assert request(sparql_endpoint, path="yasgui/../index.html")[0] == 404
    assert request(sparql_endpoint, path="yasgui/LICENCE")[0] == 404  # served by name only


def test_endpoint_vendored_yasgui_is_in_the_package() -> None:
    from importlib.resources import files

    folder = files("queries.serving") / "static" / "yasgui"
    names = {entry.name for entry in folder.iterdir()}
    assert names == {"yasgui.min.js", "yasgui.min.css", "LICENCE"}
    assert "MIT License" in (folder / "LICENCE").read_text(encoding="utf-8")
    size = sum((folder / name).read_bytes().__len__() for name in names)
    assert size < 3 << 20
    package_data = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"static/yasgui/*"' in package_data


def yasr_table(dom: str) -> tuple[list[str], list[str]]:
    """The header and cell texts of YASR's result table in a dumped DOM."""
    table = re.search(r"<table[^>]*dataTable.*?</table>", dom, re.DOTALL)
    assert table is not None, dom[-3000:]
    text = lambda html: re.sub(r"<[^>]+>", "", html).strip()  # noqa: E731
    headers = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table.group(0), re.DOTALL)]
    cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", table.group(0), re.DOTALL)]
    return headers, cells


def test_endpoint_page_runs_a_query_in_chromium(
    sparql_endpoint: str, chromium, png_colours, tmp_path: Path
) -> None:
    # YASGUI opens a tab with ?query= and runs it.
    url = sparql_endpoint + "?" + urllib.parse.urlencode({"query": BATTLES})
    dom = chromium.dump_dom(url)
    headers, cells = yasr_table(dom)
    assert headers == ["", "e", "label"]  # YASR numbers the rows
    assert cells == [
        "1",
        "ev:battle-of-khalkhin-gol",
        "Battle of Khalkhin Gol",
        "2",
        "ev:battle-of-lake-khasan",
        "Battle of Lake Khasan",
    ]
    assert "2 results in" in dom
    assert "parseErrorIcon" not in dom  # the project prefixes are known to the editor

    shot = chromium.screenshot(url, tmp_path / "page.png")
    assert png_colours(shot) > 20  # text, a table and a button, not a blank page


def test_endpoint_page_shows_errors_in_chromium(sparql_endpoint: str, chromium) -> None:
    url = sparql_endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE {"})
    dom = chromium.dump_dom(url)
    error = re.search(r'<div class="errorResult">.*?<pre>(.*?)</pre>', dom, re.DOTALL)
    assert error is not None, dom[-3000:]
    assert error.group(1).startswith("SPARQL syntax error")
    assert "dataTable" not in dom


def test_endpoint_page_typed_query_runs_and_completes_offline(
    sparql_endpoint: str, chromium, tmp_path: Path
) -> None:
    """A person's session: type a query into YASGUI, Ctrl+Enter, read the table; then
    Ctrl+Space completes a class from this store. The page fetches nothing from
    elsewhere (YASGUI would ask a public vocabulary service for completions)."""
    from devtools import Browser

    with Browser(chromium.binary, chromium.FLAGS, tmp_path) as browser:
        browser.open(sparql_endpoint)
        browser.wait_for("window.yasgui && yasgui.getTab && !!yasgui.getTab().getYasqe()")
        browser.evaluate("(q => { q.setValue(''); q.focus(); })(yasgui.getTab().getYasqe())")
        browser.type(BATTLES)
        assert browser.evaluate("yasgui.getTab().getYasqe().getValue()") == BATTLES
        browser.press("Enter", "Enter", 13, ctrl=True)
        table = browser.wait_for(
            """(() => { const t = document.querySelector('.yasr table.dataTable');
            if (!t || !t.querySelector('tbody td')) return null;
            return [...t.querySelectorAll('tbody tr')].map(
                tr => [...tr.querySelectorAll('td')].slice(1).map(td => td.textContent.trim()));
            })()"""
        )
        assert table == [
            ["ev:battle-of-khalkhin-gol", "Battle of Khalkhin Gol"],
            ["ev:battle-of-lake-khasan", "Battle of Lake Khasan"],
        ]
        browser.evaluate("(q => { q.setValue(''); q.focus(); })(yasgui.getTab().getYasqe())")
        browser.type("SELECT * WHERE { ?e a hkg:Ba")
        browser.press(" ", "Space", 32, ctrl=True)
        hints = browser.wait_for(
            "(h => h && [...h.querySelectorAll('li')].map(li => li.textContent))"
            "(document.querySelector('.CodeMirror-hints'))"
        )
        assert hints == ["hkg:Battle"]
        requested = browser.evaluate(
            "performance.getEntriesByType('resource').map(entry => entry.name)"
        )
    assert any(url.endswith("/sparql") for url in requested)  # the query and the completion
    assert all(url.startswith(sparql_endpoint) for url in requested), requested


# ---------------------------------------------------------------------------------------
# kg serve
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_endpoint_kg_serve_prints_the_url_and_stops_on_ctrl_c(
    mini_store_path: Path, stop: signal.Signals
) -> None:
    command = [sys.executable, "-m", "cli", "serve", "--port", "0", "--quiet"]
    process = subprocess.Popen(
        [*command, "--store", str(mini_store_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/)sparql", line)
        assert match, line + (process.stderr.read() if process.stderr else "")
        status, _, body = request(match.group(1), params={"query": BATTLES})
        assert status == 200 and "Battle of Lake Khasan" in body
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


def test_endpoint_kg_serve_reports_a_busy_port(kg, sparql_endpoint: str) -> None:
    port = urllib.parse.urlsplit(sparql_endpoint).port
    result = kg("serve", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot listen on 127.0.0.1:")
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------
# Limits: the endpoint as `kg serve` starts it
# ---------------------------------------------------------------------------------------


def test_endpoint_runaway_query_is_stopped_while_others_are_served(limited_endpoint) -> None:  # type: ignore[no-untyped-def]
    import threading
    import urllib.error
    import urllib.parse
    import urllib.request

    # A pathological property path: runs for minutes on any store.
    runaway = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|!<urn:p>)* ?b ."
        " ?c (<urn:p>|!<urn:p>)* ?d . ?e (<urn:p>|!<urn:p>)* ?f }"
    )

    def get(query: str) -> tuple[int, bytes, dict[str, str]]:
        url = limited_endpoint + "sparql?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "text/csv"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(), dict(exc.headers)

    slow: dict[str, tuple[int, bytes, dict[str, str]]] = {}
    runner = threading.Thread(target=lambda: slow.setdefault("r", get(runaway)))
    runner.start()
    # While the runaway query holds one worker, the other keeps answering.
    status, body, headers = get("SELECT ?s WHERE { ?s a sem:Event }")
    assert status == 200
    assert body.decode().splitlines()[0] == "s"
    assert len(body.decode().splitlines()) == 1 + 3  # header + the 3-row cap
    assert headers.get("X-Result-Truncated") == "kept 3 rows"
    runner.join(timeout=30)
    code, message, _ = slow["r"]
    assert code == 503
    assert b"stopped after" in message


# ---------------------------------------------------------------------------------------
# WSGI: the application alone, and what the server in front of it answers
# ---------------------------------------------------------------------------------------


def raw_request(base: str, request: bytes) -> bytes:
    """The whole reply to one raw HTTP request (the server closes after an error)."""
    address = urllib.parse.urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=30) as conn:
        conn.sendall(request)
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    return reply


def call_app(app, method="GET", path="/sparql", body=b"", validate=True, **extra):  # type: ignore[no-untyped-def]
    """(status line, headers, body) of one call of the WSGI application, with no server
    at all; checked by wsgiref's validator unless the environ is one it refuses (a
    Content-Length that is not a number, which a lenient server might pass on)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
        **extra,
    }
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(body)
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
        started.append((status, headers))
        return lambda data: None

    result = (validator(app) if validate else app)(environ, start_response)
    try:
        data = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return started[0][0], dict(started[0][1]), data.decode("utf-8")


@pytest.fixture(scope="module")
def app(mini_store_path: Path):  # type: ignore[no-untyped-def]
    return make_app(mini_store_path)


def test_endpoint_wsgi_app_answers_get_and_both_posts(app) -> None:  # type: ignore[no-untyped-def]
    query = urllib.parse.urlencode({"query": BATTLES})
    accept = {"HTTP_ACCEPT": "text/csv"}
    answers = [
        call_app(app, QUERY_STRING=query, **accept),
        call_app(app, "POST", body=query.encode(), CONTENT_LENGTH=str(len(query)),
                 CONTENT_TYPE="application/x-www-form-urlencoded", **accept),
        call_app(app, "POST", body=BATTLES.encode(), CONTENT_LENGTH=str(len(BATTLES)),
                 CONTENT_TYPE="application/sparql-query", **accept),
    ]  # fmt: skip
    for status, headers, body in answers:
        assert status == "200 OK"
        assert headers["Content-Type"] == "text/csv; charset=utf-8"
        assert [row.split(",")[1] for row in body.splitlines()[1:]] == BATTLE_LABELS


@pytest.mark.parametrize(
    ("extra", "status", "message"),
    [
        ({"CONTENT_LENGTH": "abc"}, "400 Bad Request", "Content-Length is not a number"),
        ({"CONTENT_LENGTH": "-5"}, "400 Bad Request", "Content-Length is not a number"),
        ({"CONTENT_LENGTH": "1e3"}, "400 Bad Request", "Content-Length is not a number"),
        ({}, "411 Length Required", "a POST needs a Content-Length header"),
        ({"CONTENT_LENGTH": str(2 << 20)}, "413 Request Entity Too Large", "too large"),
        ({"CONTENT_LENGTH": "5", "CONTENT_TYPE": "text/plain"}, "415 ", "application/sparql"),
    ],
)
def test_endpoint_wsgi_app_bad_bodies_get_one_line(
    app, extra: dict[str, str], status: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    valid = extra.get("CONTENT_LENGTH", "0").isdigit()
    got, headers, body = call_app(app, "POST", body=b"ASK{}", validate=valid, **extra)
    assert got.startswith(status)
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert message in body and body.count("\n") == 1 and body.endswith("\n")


def test_endpoint_wsgi_app_bad_method_and_head(app) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = call_app(app, "DELETE")
    assert status == "405 Method Not Allowed"
    assert headers["Allow"] == "GET, HEAD, POST"
    assert body == "DELETE is not allowed; GET or POST\n"
    status, headers, body = call_app(app, "HEAD", QUERY_STRING="query=ASK%7B%7D")
    assert status == "200 OK" and body == "" and int(headers["Content-Length"]) > 0


def test_endpoint_wsgi_app_turns_a_bug_into_a_one_line_500(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import queries.serving.endpoint

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(queries.serving.endpoint, "answer", broken)
    status, _, body = call_app(app, QUERY_STRING="query=ASK%7B%7D")
    assert status == "500 Internal Server Error"
    assert body == "internal error: RuntimeError('boom')\n"


def test_endpoint_app_from_env_reads_kg_store(mini_store_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from queries.serving.endpoint import app_from_env

    monkeypatch.setenv("KG_STORE", str(mini_store_path))
    served = app_from_env()
    try:
        assert served.store.root == mini_store_path.resolve()
        assert served.store.pool is not None  # kg serve's limits: queries in workers
        status, _, body = call_app(served, QUERY_STRING="query=ASK%7B%7D")
        assert (status, json.loads(body)["boolean"]) == ("200 OK", True)
    finally:
        served.close()


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        (b"Content-Length: abc\r\n", b"400", b"Content-Length is not a number\n"),
        (b"Content-Length: 12abc\r\n", b"400", b"Content-Length is not a number\n"),
        (b"Content-Length: \r\n", b"400", b"Content-Length is not a number\n"),
        (b"", b"411", b"a POST needs a Content-Length header\n"),
        (b"Content-Length: 99999999\r\n", b"413", b"(at most 1,048,576 bytes)\n"),
    ],
)
def test_endpoint_server_answers_framing_errors_in_one_line(
    sparql_endpoint: str, headers: bytes, status: bytes, message: bytes
) -> None:
    reply = raw_request(
        sparql_endpoint,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        + headers
        + b"Connection: close\r\n\r\n",
    )
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 " + status), reply
    assert body.endswith(message) and body.count(b"\n") == 1, body
    assert b"Traceback" not in reply


def test_endpoint_server_bad_method_is_405(sparql_endpoint: str) -> None:
    reply = raw_request(
        sparql_endpoint,
        b"PUT /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    assert reply.startswith(b"HTTP/1.1 405"), reply
    assert b"\r\nAllow: GET, HEAD, POST\r\n" in reply
