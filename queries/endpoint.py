"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, and a query page.

Why the standard library: the endpoint serves one person's graph on their own machine, so
``http.server.ThreadingHTTPServer`` is enough and adds no dependency. What it speaks:

* ``/sparql`` takes a query by GET (``?query=``), by POST as a form (``query=``) or by POST
  with an ``application/sparql-query`` body (SPARQL 1.1 Protocol, section 2.1).
* The result format is negotiated from the ``Accept`` header; when that names no format
  the endpoint serves (a browser's ``text/html, */*``), the ``format=`` (or ``output=``)
  parameter decides, else SPARQL JSON for SELECT/ASK and Turtle for CONSTRUCT/DESCRIBE.
  Serialisation is :func:`queries.sparql.format_results`, the same code as ``kg query``.
* Nothing can change the store or reach beyond it: updates (``update=``,
  ``application/sparql-update``, or an update sent as ``query=``), SERVICE, LOAD and
  FROM naming a graph from elsewhere get 403 before anything runs. The check is
  :func:`queries.sparql.check_query_is_safe`, the one ``kg query`` uses (pyoxigraph would
  otherwise make the HTTP request a SERVICE clause names).
* ``/`` is a self-contained HTML page (``queries/static/index.html``, no external
  resources) that runs queries through ``/sparql`` and shows a table.

The store is reopened when ``kg build`` swaps in a new generation, so a running endpoint
answers from the latest build without a restart.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import cast
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from errors import (
    KgError,
    NotAcceptableError,
    QueryError,
    QueryMemoryError,
    QueryTimeoutError,
    RefusedQueryError,
    ServeError,
)
from kg.store import CURRENT, GraphStore, Location, open_store
from kg.vocab import PREFIXES
from queries.limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, DEFAULT_WORKERS, QueryPool
from queries.sandbox import DEFAULT_MAX_MEMORY
from queries.sparql import (
    QueryOutput,
    ResultKind,
    check_query_is_safe,
    format_results,
    run_query,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
# A query is text; a megabyte is far more than any hand-written one.
MAX_BODY = 1 << 20

# ---------------------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultFormat:
    """One format the endpoint can answer in, for the result kinds it applies to."""

    name: str  # the format= value, and the key of the serialiser below
    media_type: str
    kinds: frozenset[ResultKind]
    aliases: tuple[str, ...] = ()  # other format= values and media types meaning the same


_TABLES: frozenset[ResultKind] = frozenset({"select", "ask"})
_GRAPHS: frozenset[ResultKind] = frozenset({"graph"})

# In order of preference when the client does not care (the first that fits is the default).
RESULT_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("json", "application/sparql-results+json", _TABLES, ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", _TABLES),
    ResultFormat("csv", "text/csv", _TABLES),
    ResultFormat("tsv", "text/tab-separated-values", _TABLES),
    ResultFormat("turtle", "text/turtle", _GRAPHS, ("ttl", "application/x-turtle")),
    ResultFormat("nt", "application/n-triples", _GRAPHS, ("ntriples", "n-triples")),
    ResultFormat("jsonld", "application/ld+json", _GRAPHS, ("json-ld", "json", "application/json")),
    ResultFormat("rdfxml", "application/rdf+xml", _GRAPHS, ("rdf+xml", "rdf", "xml")),
)

# How each format is written: a format of `kg query` (queries.sparql.format_results), or
# None for N-Triples, which kg query does not offer and is serialised here by pyoxigraph.
_SERIALISER: dict[str, str | None] = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "table",
    "jsonld": "json",
    "rdfxml": "xml",
    "nt": None,
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as ``[(media range, q)]``, in header order, parameters other than q dropped."""
    ranges = []
    for part in (header or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(fmt: ResultFormat, ranges: list[tuple[str, float]]) -> tuple[float, bool] | None:
    """The q the client gives ``fmt`` from its most specific matching range, and whether
    that range named the type itself (rather than ``*/*`` or ``text/*``)."""
    best: tuple[int, float] | None = None
    for media, q in ranges:
        names = (fmt.media_type, *fmt.aliases)
        if media in names:
            specificity = 2
        elif media.endswith("/*") and fmt.media_type.startswith(media[:-1]):
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, q)
    if best is None:
        return None
    return best[1], best[0] == 2


def negotiate(kind: ResultKind, accept: str | None, fmt: str | None) -> ResultFormat:
    """The format to answer a ``kind`` result in.

    A type the Accept header names explicitly wins (highest q, then server preference);
    otherwise ``fmt`` (a short name such as ``csv`` or a media type) if given; otherwise
    the default for the kind, unless Accept excludes everything we have (406).
    """
    available = [f for f in RESULT_FORMATS if kind in f.kinds]
    ranges = parse_accept(accept)
    scored = [(f, _quality(f, ranges)) for f in available]
    explicit = [(f, s[0]) for f, s in scored if s is not None and s[1] and s[0] > 0]
    if explicit:
        return max(explicit, key=lambda item: item[1])[0]  # max keeps the first of a tie
    if fmt:
        wanted = fmt.strip().lower()
        for f in available:
            if wanted in (f.name, f.media_type, *f.aliases):
                return f
        raise NotAcceptableError(
            f"format {fmt!r} does not fit a {_KIND_NAMES[kind]} result; choose one of: "
            + ", ".join(f.name for f in available)
        )
    if not ranges:
        return available[0]
    wildcard = [(f, s[0]) for f, s in scored if s is not None and s[0] > 0]
    if wildcard:
        return max(wildcard, key=lambda item: item[1])[0]
    raise NotAcceptableError(
        f"none of the accepted types ({accept}) fits a {_KIND_NAMES[kind]} result; "
        "this endpoint serves: " + ", ".join(f.media_type for f in available)
    )


_KIND_NAMES = {"select": "SELECT", "ask": "ASK", "graph": "CONSTRUCT/DESCRIBE"}


def serialise(output: QueryOutput, fmt: ResultFormat) -> bytes:
    """The result document in ``fmt``, through the serialisers ``kg query`` uses."""
    name = _SERIALISER[fmt.name]
    if name is not None:
        return format_results(output, name).encode("utf-8")
    if output.consumed:
        raise QueryError("query results were already formatted once (they are single-pass)")
    output.consumed = True
    try:
        triples = sorted(output.result, key=str)  # type: ignore[arg-type]
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from exc


# ---------------------------------------------------------------------------------------
# The store, reopened after a rebuild
# ---------------------------------------------------------------------------------------


class _Store:
    """The current generation of a store folder, reopened when ``current`` moves."""

    def __init__(self, path: Location, *, limits: QueryLimits | None = None) -> None:
        self.root = open_store(path).folder()  # a StoreError if there is none
        self._lock = threading.Lock()
        self._target = self._current_target()
        # Only without a pool are queries run here; with one, holding a store open would
        # keep its generation on disk through every later rebuild.
        self._store: GraphStore | None = open_store(self.root) if limits is None else None
        # Warm worker processes that run queries under a time limit and a row cap; None
        # runs them in the server's own threads, unlimited (used by fast unit tests).
        self.pool = (
            QueryPool(self.root, timeout=limits.timeout, max_rows=limits.max_rows,
                      workers=limits.workers, max_memory=limits.max_memory)
            if limits is not None
            else None
        )  # fmt: skip

    def _current_target(self) -> str | None:
        try:
            return os.readlink(self.root / CURRENT)
        except OSError:
            return None

    def get(self) -> GraphStore:
        with self._lock:
            target = self._current_target()
            if self._store is None or (target is not None and target != self._target):
                self._store = None  # let go of the old generation before opening the new
                self._store = open_store(self.root)
                self._target = target
            return self._store


# ---------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: HTTPStatus
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    # Set when a result was cut at the row cap: "kept N rows" (see queries/limits.py).
    truncated: str | None = None


def _error(status: HTTPStatus, message: str) -> Response:
    return Response(status, (" ".join(message.split()) + "\n").encode("utf-8"))


def answer(
    store: _Store,
    params: Mapping[str, list[str]],
    accept: str | None,
    body_query: str | None = None,
) -> Response:
    """The response to one protocol request: ``params`` are the URL and form parameters,
    ``body_query`` the body of an ``application/sparql-query`` POST."""
    if "update" in params:
        return _error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
    queries = list(params.get("query", []))
    if body_query is not None:
        queries.append(body_query)
    if not queries or not queries[0].strip():
        return _error(HTTPStatus.BAD_REQUEST, "no query: pass query= or POST a SPARQL query")
    if len(queries) > 1:
        return _error(HTTPStatus.BAD_REQUEST, "more than one query in the request")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        return _error(
            HTTPStatus.BAD_REQUEST,
            "default-graph-uri and named-graph-uri are not supported: the default graph is "
            "the union of all graphs of the store",
        )
    fmt = next(iter(params.get("format") or params.get("output") or []), None)
    try:
        # Updates, SERVICE, LOAD and FROM naming a graph from elsewhere: refused here,
        # before anything runs, by the check kg query uses.
        check_query_is_safe(queries[0])
    except KgError as exc:
        return _failure(exc)
    if store.pool is not None:
        return _evaluate_limited(store.pool, queries[0], accept, fmt)
    return _evaluate(store.get(), queries[0], accept, fmt)


def _evaluate_limited(pool: QueryPool, text: str, accept: str | None, fmt: str | None) -> Response:
    """Run in one of the pool's worker processes, so that a runaway query is stopped at
    the time limit while other requests go on; the result is cut at the row cap."""
    try:
        limited = pool.run(text)
        chosen = negotiate(limited.kind, accept, fmt)
        data = serialise(limited.output, chosen)
    except (QueryTimeoutError, QueryMemoryError) as exc:
        return _error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
    except KgError as exc:
        _clear_frames(exc)
        return _failure(exc)
    note = f"kept {limited.rows} rows" if limited.truncated else None
    return Response(HTTPStatus.OK, data, f"{chosen.media_type}; charset=utf-8", note)


def _evaluate(store: GraphStore, text: str, accept: str | None, fmt: str | None) -> Response:
    """Run, negotiate and serialise, in a frame of its own.

    pyoxigraph frees its results only on the thread that made them. Cyclic garbage (an
    exception's traceback) that references the frames above this one would let another
    thread's garbage collection free them later; so results never live in those frames,
    only here, and a failure's frames are cleared before this returns. Either way the
    results are freed on this thread, now.
    """
    try:
        output = run_query(store, text)
        chosen = negotiate(output.kind, accept, fmt)
        data = serialise(output, chosen)
    except KgError as exc:
        _clear_frames(exc)
        return _failure(exc)
    return Response(HTTPStatus.OK, data, f"{chosen.media_type}; charset=utf-8")


def _failure(exc: KgError) -> Response:
    if isinstance(exc, RefusedQueryError):
        return _error(HTTPStatus.FORBIDDEN, str(exc))
    if isinstance(exc, NotAcceptableError):
        return _error(HTTPStatus.NOT_ACCEPTABLE, str(exc))
    return _error(HTTPStatus.BAD_REQUEST, str(exc))


def _clear_frames(exc: BaseException | None) -> None:
    """Drop the locals of the finished frames an exception and its causes went through."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def query_page() -> bytes:
    """The HTML query page, with the project prefixes filled in for shortening IRIs."""
    template = (files("queries") / "static" / "index.html").read_text(encoding="utf-8")
    prefixes = json.dumps(PREFIXES).replace("<", "\\u003c")
    return template.replace("/*PREFIXES*/{}", prefixes).encode("utf-8")


@dataclass(frozen=True)
class QueryLimits:
    """How long one query may run, how many rows it may return, how many run at once."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS
    workers: int = DEFAULT_WORKERS
    max_memory: int | None = DEFAULT_MAX_MEMORY


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server, holding what its request handlers share: the store and the log."""

    daemon_threads = True  # a hung client must not keep Ctrl-C from exiting
    # Bursts of clients queue rather than being reset (the default backlog is 5).
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], store: _Store, log: Callable[[str], None] | None
    ) -> None:
        self.store = store
        self.log = log
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    """Routes ``/`` to the page and ``/sparql`` to :func:`answer`; one per request."""

    server_version = "histkg-sparql"
    protocol_version = "HTTP/1.1"

    @property
    def store(self) -> _Store:
        return cast(EndpointServer, self.server).store

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(Response(HTTPStatus.OK, query_page(), "text/html; charset=utf-8"))
        elif url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            self._send(answer(self.store, params, self.headers.get("Accept")))
        else:
            self._send(_error(HTTPStatus.NOT_FOUND, f"no page {url.path}; try / or /sparql"))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._discard_body()
            self._send(_error(HTTPStatus.NOT_FOUND, f"no endpoint {url.path}; POST to /sparql"))
            return
        length = self._content_length()
        if length is None:
            self.close_connection = True  # the body's end is unknown: nothing more to read
            self._send(_error(HTTPStatus.BAD_REQUEST, "Content-Length is not a number"))
            return
        if length > MAX_BODY:
            self.close_connection = True
            self._send(_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the request is too large"))
            return
        body = self.rfile.read(length) if length > 0 else b""
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        accept = self.headers.get("Accept")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._send(_error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8"))
            return
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._send(answer(self.store, params, accept))
        elif content_type == "application/sparql-query":
            self._send(answer(self.store, params, accept, body_query=text))
        elif content_type == "application/sparql-update":
            self._send(
                _error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            )
        else:
            self._send(
                _error(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    f"cannot read a {content_type or 'body without a Content-Type'}; POST "
                    "application/x-www-form-urlencoded or application/sparql-query",
                )
            )

    def _content_length(self) -> int | None:
        """The Content-Length header as a number (0 when absent); None when it is not a
        number (``abc``, ``-1``, ``1e3``), which must get 400, not a traceback."""
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not (raw.isascii() and raw.isdigit()):
            return None
        return int(raw)

    def _discard_body(self) -> None:
        length = self._content_length()
        if length is None:
            self.close_connection = True
        elif 0 < length <= MAX_BODY:
            self.rfile.read(length)
        elif length:
            self.close_connection = True

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Vary", "Accept")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if response.truncated:
            self.send_header("X-Result-Truncated", response.truncated)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        log = cast(EndpointServer, self.server).log
        if log is not None:
            log(f"{self.address_string()} - {format % args}")


def make_server(
    store_path: Location,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    log: Callable[[str], None] | None = None,
    limits: QueryLimits | None = None,
) -> EndpointServer:
    """A bound, not yet serving, endpoint over the store at ``store_path``; port 0 picks
    a free port (``server.server_address`` tells which). ``limits`` None runs queries
    in the server's threads with no time limit (for tests that need no workers)."""
    store = _Store(store_path, limits=limits)
    try:
        return EndpointServer((host, port), store, log)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def server_url(server: EndpointServer) -> str:
    host, port = server.server_address[:2]
    shown = host if isinstance(host, str) else host.decode()
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(
    store_path: Location,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    on_ready: Callable[[str], None] | None = None,
    log: Callable[[str], None] | None = None,
    limits: QueryLimits | None = None,
) -> None:
    """Serve until interrupted, then return normally; ``on_ready`` gets the page URL.

    Ctrl-C (SIGINT) stops it, and so does SIGTERM when called from the main thread (what
    ``kill`` and service managers send), so both end with the same clean shutdown.
    """
    server = make_server(store_path, host, port, log=log, limits=limits or QueryLimits())
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if on_ready is not None:
            on_ready(server_url(server))
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if server.store.pool is not None:
            server.store.pool.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
