"""A small SPARQL 1.1 server for the remote-store tests: pyoxigraph behind http.server.

It speaks the parts of the SPARQL 1.1 Protocol and Graph Store Protocol that
``kg.remote`` uses (POSTed queries and updates, PUT of a graph), with the semantics of a
plain server such as Fuseki: the default graph of a query is the store's unnamed graph,
not the union of the named graphs. So it checks what Virtuoso cannot, that the remote
store names its dataset itself. It can also demand HTTP Basic authentication for
everything, and cut results the way Virtuoso does (``X-SPARQL-MaxRows``).
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox


@dataclass
class StubServer:
    store: ox.Store = field(default_factory=ox.Store)
    user: str | None = None  # demand Basic authentication with these credentials
    password: str | None = None
    max_rows: int | None = None  # cut SELECT results here and say so, as Virtuoso does
    requests: list[str] = field(default_factory=list)  # "METHOD path", in order
    url: str = ""

    @property
    def query_url(self) -> str:
        return self.url + "/ds/sparql"


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _authorised(self) -> bool:
        stub = self.server.stub
        if stub.user is None:
            return True
        expected = base64.b64encode(f"{stub.user}:{stub.password}".encode()).decode()
        if self.headers.get("Authorization") == f"Basic {expected}":
            return True
        self._answer(401, b"unauthorised", "text/plain", {"WWW-Authenticate": 'Basic realm="x"'})
        return False

    def _answer(
        self, code: int, body: bytes, media_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self) -> None:
        self.server.stub.requests.append(f"POST {self.path}")
        body = self._body()
        if not self._authorised():
            return
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        store = self.server.stub.store
        try:
            if "update" in form:
                store.update(form["update"][0])
                self._answer(204, b"", "text/plain")
                return
            result = store.query(form["query"][0])
        except SyntaxError as exc:
            self._answer(400, f"Parse error: {exc}".encode(), "text/plain")
            return
        if isinstance(result, ox.QueryTriples):
            data = ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b""
            self._answer(200, data, "application/n-triples")
            return
        headers = {}
        if isinstance(result, ox.QuerySolutions) and self.server.stub.max_rows is not None:
            variables = list(result.variables)
            rows = [r for _, r in zip(range(self.server.stub.max_rows), result, strict=False)]
            memory = ox.Store()  # re-serialise the cut rows through a VALUES query
            cut = " ".join(
                "(" + " ".join(str(r[v]) if r[v] is not None else "UNDEF" for v in variables) + ")"
                for r in rows
            )
            names = " ".join(str(v) for v in variables)
            result = memory.query(f"SELECT * WHERE {{ VALUES ({names}) {{ {cut} }} }}")
            headers["X-SPARQL-MaxRows"] = str(self.server.stub.max_rows)
        data = result.serialize(format=ox.QueryResultsFormat.JSON) or b""
        self._answer(200, data, "application/sparql-results+json", headers)

    def do_PUT(self) -> None:
        self.server.stub.requests.append(f"PUT {self.path}")
        body = self._body()
        if not self._authorised():
            return
        graph = ox.NamedNode(parse_qs(urlsplit(self.path).query)["graph"][0])
        store = self.server.stub.store
        store.update(f"DROP SILENT GRAPH {graph}")
        store.load(body, ox.RdfFormat.N_TRIPLES, to_graph=graph)
        self._answer(201, b"", "text/plain")


class _HttpServer(ThreadingHTTPServer):
    stub: StubServer


@contextmanager
def running(stub: StubServer | None = None) -> Iterator[StubServer]:
    """Serve ``stub`` on a free loopback port for the duration of the block."""
    stub = stub or StubServer()
    server = _HttpServer(("127.0.0.1", 0), _Handler)
    server.stub = stub
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
