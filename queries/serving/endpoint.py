"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, and a query page.

The endpoint is a WSGI application (:func:`make_app`, or :func:`app_from_env` for other
servers), so gunicorn or uWSGI can host it; ``kg serve`` runs it on waitress
(:func:`serve`). A request whose length is missing, not a number or over 1 MB, a method
other than GET and POST, a body type it cannot read, and a query that overruns its limits
each get an HTTP status and a one-line message, never a traceback. What it speaks:

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
* ``/`` is the query page (``queries/serving/static/index.html``), YASGUI from
  ``queries/serving/static/yasgui/`` served by the endpoint itself: nothing comes from elsewhere.

The store is reopened when ``kg build`` swaps in a new generation, so a running endpoint
answers from the latest build without a restart.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from importlib.resources import files
from typing import Any, ClassVar, cast
from urllib.parse import parse_qs
from wsgiref.types import StartResponse, WSGIEnvironment

import pyoxigraph as ox
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask
from waitress.utilities import RequestEntityTooLarge

from extract.errors import (
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
from queries.serving.limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, DEFAULT_WORKERS, QueryPool
from queries.serving.sandbox import DEFAULT_MAX_MEMORY
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
        self.workers = limits.workers if limits is not None else 1
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
# Answers
# ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: HTTPStatus
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    # Set when a result was cut at the row cap: "kept N rows" (see queries/serving/limits.py).
    truncated: str | None = None
    # Answers depend on the store, which a build replaces: never cached.
    cache: str = "no-store"


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
    template = (files("queries.serving") / "static" / "index.html").read_text(encoding="utf-8")
    prefixes = json.dumps(PREFIXES).replace("<", "\\u003c")
    return template.replace("/*PREFIXES*/{}", prefixes).encode("utf-8")


# The vendored YASGUI (queries/serving/static/yasgui/), served to the page by exact name only.
STATIC = {
    "/yasgui/yasgui.min.js": "text/javascript; charset=utf-8",
    "/yasgui/yasgui.min.css": "text/css; charset=utf-8",
}


def static_file(path: str) -> Response:
    data = (files("queries.serving") / "static" / path.lstrip("/")).read_bytes()
    # The files change only with the package, so a browser may keep them for a day.
    return Response(HTTPStatus.OK, data, STATIC[path], cache="public, max-age=86400")


@dataclass(frozen=True)
class QueryLimits:
    """How long one query may run, how many rows it may return, how many run at once."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS
    workers: int = DEFAULT_WORKERS
    max_memory: int | None = DEFAULT_MAX_MEMORY


# ---------------------------------------------------------------------------------------
# WSGI
# ---------------------------------------------------------------------------------------

TOO_LARGE = f"the request is too large (at most {MAX_BODY:,} bytes)"
NOT_A_NUMBER = "Content-Length is not a number"


class EndpointApp:
    """The endpoint as a WSGI application: ``/`` is the query page, ``/sparql`` the
    protocol. Any WSGI server can host it; ``kg serve`` uses waitress (:func:`serve`)."""

    def __init__(self, store: _Store, log: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.log = log

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self.route(environ)
        except Exception as exc:
            # A bug costs one request a 500 with one line, never a traceback to the client;
            # the server's error log gets the same line, where it can be reported.
            _clear_frames(exc)
            message = " ".join(f"internal error: {exc!r}".split())[:500]
            environ["wsgi.errors"].write(f"histkg endpoint: {message}\n")
            response = _error(HTTPStatus.INTERNAL_SERVER_ERROR, message)
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            ("Vary", "Accept"),
            ("Cache-Control", response.cache),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if response.truncated:
            headers.append(("X-Result-Truncated", response.truncated))
        if response.status == HTTPStatus.METHOD_NOT_ALLOWED:
            headers.append(("Allow", "GET, HEAD, POST"))
        start_response(f"{response.status.value} {response.status.phrase}", headers)
        if self.log is not None:
            self.log(_log_line(environ, response))
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else response.body]

    def route(self, environ: WSGIEnvironment) -> Response:
        method = str(environ.get("REQUEST_METHOD") or "GET").upper()
        path = str(environ.get("PATH_INFO") or "/")
        if method not in ("GET", "HEAD", "POST"):
            return _error(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is not allowed; GET or POST")
        if method == "POST":
            if path != "/sparql":
                return _error(HTTPStatus.NOT_FOUND, f"no endpoint {path}; POST to /sparql")
            return self.post(environ)
        if path in ("/", "/index.html"):
            return Response(HTTPStatus.OK, query_page(), "text/html; charset=utf-8")
        if path in STATIC:
            return static_file(path)
        if path == "/sparql":
            return answer(self.store, _params(environ), environ.get("HTTP_ACCEPT"))
        return _error(HTTPStatus.NOT_FOUND, f"no page {path}; try / or /sparql")

    def post(self, environ: WSGIEnvironment) -> Response:
        """A POST to /sparql: a form, or a query as the body (SPARQL 1.1 Protocol 2.1)."""
        body = _read_body(environ)
        if isinstance(body, Response):
            return body
        content_type = str(environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        params = _params(environ)
        accept = environ.get("HTTP_ACCEPT")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            return answer(self.store, params, accept)
        if content_type == "application/sparql-query":
            return answer(self.store, params, accept, body_query=text)
        if content_type == "application/sparql-update":
            return _error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        return _error(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"cannot read a {content_type or 'body without a Content-Type'}; POST "
            "application/x-www-form-urlencoded or application/sparql-query",
        )

    def close(self) -> None:
        """Stop the query workers (a no-op without them)."""
        if self.store.pool is not None:
            self.store.pool.close()


def _params(environ: WSGIEnvironment) -> dict[str, list[str]]:
    return parse_qs(str(environ.get("QUERY_STRING") or ""), keep_blank_values=True)


def _read_body(environ: WSGIEnvironment) -> bytes | Response:
    """The request body, or the error response when its length is missing, not a number
    (``abc``, ``-1``, ``1e3``) or over :data:`MAX_BODY`. The server has framed the request
    already (waitress answers a bad length itself, with the same words: see
    :class:`_OneLineErrors`), so an unread body cannot desynchronise the connection."""
    raw = str(environ.get("CONTENT_LENGTH") or "").strip()
    stream = environ["wsgi.input"]
    if not raw:
        if "chunked" not in str(environ.get("HTTP_TRANSFER_ENCODING") or "").lower():
            return _error(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header")
        body = stream.read(MAX_BODY + 1)  # a chunked body some servers pass on as a stream
        if len(body) > MAX_BODY:
            return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE)
        return bytes(body)
    if not (raw.isascii() and raw.isdigit()):
        return _error(HTTPStatus.BAD_REQUEST, NOT_A_NUMBER)
    length = int(raw)
    if length > MAX_BODY:
        return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE)
    return bytes(stream.read(length)) if length else b""


def _log_line(environ: WSGIEnvironment, response: Response) -> str:
    """One request as http.server's log wrote it: who, the request line, status, size."""
    target = str(environ.get("PATH_INFO") or "/")
    if environ.get("QUERY_STRING"):
        target += "?" + str(environ["QUERY_STRING"])
    request = f"{environ.get('REQUEST_METHOD')} {target} {environ.get('SERVER_PROTOCOL')}"
    return (
        f'{environ.get("REMOTE_ADDR", "-")} - "{request}" '
        f"{response.status.value} {len(response.body)}"
    )


def make_app(
    store_path: Location,
    *,
    limits: QueryLimits | None = None,
    log: Callable[[str], None] | None = None,
) -> EndpointApp:
    """The WSGI application over the store at ``store_path`` (None: ``$KG_STORE`` or the
    default folder). ``limits`` None runs queries in the server's threads with no time
    limit (for tests that need no workers); ``kg serve`` gives :class:`QueryLimits`."""
    return EndpointApp(_Store(store_path, limits=limits), log)


def app_from_env() -> EndpointApp:
    """The application other WSGI servers host, configured like ``kg serve`` with its
    default limits: ``KG_STORE`` names the store folder (else the default one).

        KG_STORE=DIR waitress-serve --port 7878 --call queries.serving.endpoint:app_from_env
        KG_STORE=DIR gunicorn 'queries.serving.endpoint:app_from_env()'
    """
    return make_app(os.environ.get("KG_STORE") or None, limits=QueryLimits())


# ---------------------------------------------------------------------------------------
# kg serve: the application on waitress
# ---------------------------------------------------------------------------------------


class _OneLineErrorTask(ErrorTask):
    """waitress answers a request it cannot frame (a bad Content-Length, a body over the
    limit) before the application sees it; this gives those answers the endpoint's own
    one-line messages instead of waitress's three-paragraph page."""

    MESSAGES: ClassVar[dict[str, str]] = {"Content-Length is invalid": NOT_A_NUMBER}

    def execute(self) -> None:
        error = self.request.error
        if isinstance(error, RequestEntityTooLarge):
            message = TOO_LARGE
        else:
            message = self.MESSAGES.get(str(error.body), str(error.body))
        body = (" ".join(message.split()) + "\n").encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "text/plain; charset=utf-8"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):
    error_task_class = _OneLineErrorTask


class EndpointServer:
    """The application served by waitress on one address, with the interface of
    ``socketserver``: :meth:`serve_forever` in one thread, :meth:`shutdown` from another,
    then :meth:`server_close`."""

    # Requests handled at once; queries beyond the worker pool's size wait for a worker.
    THREADS = 8

    def __init__(self, app: EndpointApp, host: str, port: int) -> None:
        self.app = app
        self.store = app.store
        self._map: dict[int, Any] = {}
        self._server = create_server(
            app,
            map=self._map,
            host=host,
            port=port,
            threads=max(self.THREADS, 2 * app.store.workers),
            ident="histkg-sparql",
            # waitress refuses bodies of this size or more (the endpoint's limit + 1).
            max_request_body_size=MAX_BODY + 1,
            backlog=128,
        )
        for dispatcher in self._map.values():
            if isinstance(dispatcher, BaseWSGIServer):
                dispatcher.channel_class = _Channel
        self._stop = threading.Event()
        self._stopped = threading.Event()

    @property
    def server_address(self) -> tuple[str, int]:
        server = cast(Any, self._server)
        if hasattr(server, "effective_listen"):
            return cast(tuple[str, int], tuple(server.effective_listen[0]))
        return (server.effective_host, server.effective_port)

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (or an exception such as Ctrl-C)."""
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=0.2, map=self._map, use_poll=True, count=1)
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (running in another thread) and wait for it."""
        self._stop.set()
        self._stopped.wait(timeout=30)

    def server_close(self) -> None:
        """Close the listening socket and open connections; finish the request threads."""
        self._server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(self._map, ignore_all=True)


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
    app = make_app(store_path, limits=limits, log=log)
    try:
        return EndpointServer(app, host, port)
    except OSError as exc:
        app.close()
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
    # Requests waiting for a free thread are normal under load, not worth a warning each.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
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
        server.app.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
