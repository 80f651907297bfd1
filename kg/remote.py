"""A SPARQL 1.1 server as the graph store (``--endpoint URL``): Virtuoso, Fuseki, GraphDB, QLever.

``RemoteStore`` is a :class:`kg.store.Store`, like the embedded one: ``query(sparql,
bindings=...)`` returns pyoxigraph's own result objects (``QuerySolutions``,
``QueryBoolean``, ``QueryTriples``), parsed from the server's answer by pyoxigraph, so
everything in queries/ runs unchanged on either backend. What it relies on, all of it standard:

* **Queries** are POSTed as in the SPARQL 1.1 Protocol. They are first parsed locally by
  pyoxigraph, which gives the same syntax errors and the same refusal of updates as the
  local store, and says which result format to ask for.
* **The union of the project's graphs.** The local store answers over the union of all
  named graphs. Servers disagree about the default graph of a query that names no
  dataset: on Virtuoso (and GraphDB, QLever) it is the union of every graph on the
  server, Virtuoso's own system graphs included; on Fuseki, the unnamed graph only. So
  (``KG_ENDPOINT_DATASET``, default ``auto``): on Virtuoso, recognised by its ``Server``
  header, queries use that default graph (``server``), since Virtuoso slows down with
  every FROM clause; elsewhere each query is given ``FROM <g>`` for every project graph
  (IRIs under ``graph/``) and, if it uses ``GRAPH``, ``FROM NAMED <g>`` too
  (``graphs``). A query that names its own dataset keeps it. The clauses are not sent
  as ``default-graph-uri`` protocol parameters: Virtuoso echoes each one back as a
  header, and Python's HTTP client refuses answers with more than 100 headers.
* **Pre-bound variables** travel as a ``VALUES`` clause at the start of the WHERE
  pattern, whose terms are written by pyoxigraph in N-Triples syntax: IRIs are validated
  when built and literals escaped, so user text is never pasted into a query. It joins
  first with the rest of the pattern, as pre-binding does (kg/querytext.py says why not
  the spec's trailing VALUES).
* **Writing** (``kg build --endpoint``) PUTs each graph as N-Triples in one request of
  the Graph Store Protocol, then drops the project graphs of documents that left the
  corpus with SPARQL Update ``DROP SILENT GRAPH``.

Atomicity is weaker than the local store's: each PUT replaces one graph atomically, but
nothing spans graphs. While a build runs, readers may see new document graphs beside the
old ``graph/resolved`` (written last); a build that fails midway leaves such a mix and
says so, and running it again converges. Stale graphs are dropped only after every PUT
succeeded, so a failed build never loses a document that is still in the corpus.

Virtuoso cuts every result at ``ResultSetMaxRows`` rows (10,000 in Debian's ini) and says
so in an ``X-SPARQL-MaxRows`` header; reading the whole graph also compares with a COUNT.
Either way a cut result is an error, never a silently short answer.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox

from extract.errors import QueryError, QueryTimeoutError, StoreError
from kg.querytext import Bound, query_kind, rewrite
from kg.vocab import GRAPH_NS, HKG, ONTOLOGY_GRAPH, RESOLVED_GRAPH

if TYPE_CHECKING:
    import requests

ENDPOINT_ENV = "KG_ENDPOINT"
GRAPH_STORE_ENV = "KG_GRAPH_STORE"
UPDATE_ENV = "KG_UPDATE_ENDPOINT"
USER_ENV = "KG_ENDPOINT_USER"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
DATASET_ENV = "KG_ENDPOINT_DATASET"

Dataset = Literal["auto", "graphs", "server"]
DATASETS: tuple[Dataset, ...] = ("auto", "graphs", "server")
# (connect, read) timeouts in seconds: a big PUT or a heavy query may take minutes.
TIMEOUT = (10.0, 600.0)
# Requests in flight at once when reading many graphs (writes go one at a time).
CONNECTIONS = 4
# Graphs dropped per SPARQL Update request: Virtuoso refuses an update of 1,200 DROPs as
# "too large".
DROP_BATCH = 100
# Only graphs under this namespace belong to the project; others on the server are left
# alone by queries, exports and builds.
PROJECT_NAMESPACE = str(GRAPH_NS)

_SELECT_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.5"
)
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_NAMESPACE = str(ox.Literal(PROJECT_NAMESPACE))
# Every project graph: exact, but a scan of every quad on the server (1.3 s for 600,000
# quads on Virtuoso), so only for builds and exports.
_ALL_GRAPHS = (
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
    f"FILTER (STRSTARTS(STR(?g), {_NAMESPACE})) }}"
)
# The document graphs through an index: each holds its hkg:Document (kg/mapping.py).
_DOCUMENT_GRAPHS = (
    f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a {ox.NamedNode(str(HKG.Document))} }} "
    f"FILTER (STRSTARTS(STR(?g), {_NAMESPACE})) }}"
)
_COUNT_QUADS = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    f"FILTER (STRSTARTS(STR(?g), {_NAMESPACE})) }}"
)


# ---------------------------------------------------------------------------------------
# Where the server is
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """The URLs and credentials of one SPARQL server; ``str()`` is the query URL, without
    credentials, so it can be printed."""

    query_url: str
    update_url: str
    graph_store_url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    dataset: Dataset = "auto"

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        graph_store: str | None = None,
        update: str | None = None,
        user: str | None = None,
        password: str | None = None,
        dataset: str | None = None,
    ) -> Endpoint:
        """An endpoint from its query URL. Credentials come from ``user:password@`` in the
        URL, else from the arguments, else ``$KG_ENDPOINT_USER``/``$KG_ENDPOINT_PASSWORD``;
        the update and Graph Store URLs default per server (see :func:`default_urls`)."""
        query_url, url_user, url_password = _split_credentials(url)
        update = update or os.environ.get(UPDATE_ENV) or None
        graph_store = graph_store or os.environ.get(GRAPH_STORE_ENV) or None
        default_update, default_gsp = default_urls(query_url)
        update_url = _split_credentials(update)[0] if update else default_update
        gsp_url = _split_credentials(graph_store)[0] if graph_store else default_gsp
        mode = (dataset or os.environ.get(DATASET_ENV) or "auto").strip().lower()
        if mode not in DATASETS:
            raise StoreError(
                f"unknown {DATASET_ENV} {mode!r}; choose one of: {', '.join(DATASETS)}"
            )
        user = url_user or user or os.environ.get(USER_ENV) or None
        if password is None:
            password = url_password if url_password is not None else os.environ.get(PASSWORD_ENV)
        return cls(query_url, update_url, gsp_url, user, password, mode)

    def __str__(self) -> str:
        return self.query_url


def default_urls(query_url: str) -> tuple[str, str]:
    """The (update, Graph Store Protocol) URLs that go with a query URL on known servers.

    * Virtuoso: ``/sparql`` (anonymous, read-only by default) and ``/sparql-auth`` (digest
      authentication) take updates themselves; their Graph Store services are
      ``/sparql-graph-crud`` and ``/sparql-graph-crud-auth``.
    * GraphDB and RDF4J: ``/repositories/ID`` has ``/statements`` and
      ``/rdf-graphs/service``.
    * Fuseki: ``/DS/sparql`` or ``/DS/query`` has ``/DS/update`` and ``/DS/data``.
    * Anything else (a Fuseki dataset URL ``/DS``, QLever): the query URL itself.
    """
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    if path in ("/sparql", "/sparql-auth"):
        crud = "/sparql-graph-crud" + ("-auth" if path.endswith("-auth") else "")
        return query_url, at(crud)
    if re.fullmatch(r".*/repositories/[^/]+", path):
        return at(path + "/statements"), at(path + "/rdf-graphs/service")
    base, _, last = path.rpartition("/")
    if base and last in ("sparql", "query"):
        return at(base + "/update"), at(base + "/data")
    return query_url, query_url


def cache_folder(endpoint: Endpoint) -> Path:
    """The extraction cache of builds into ``endpoint``: ``$XDG_CACHE_HOME/histkg/
    endpoints/DIGEST``, one per server URL. Entries are keyed by content and pipeline, so
    any folder is correct; one per server keeps pruning after a build from emptying
    the cache of another store."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    digest = hashlib.sha256(endpoint.graph_store_url.encode()).hexdigest()[:16]
    return Path(home) / "histkg" / "endpoints" / digest


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``http://user:pw@host/path`` -> (``http://host/path``, user, pw)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"not an http(s) URL of a SPARQL endpoint: {url!r}")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), user, password


# ---------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------


def _make_auth(user: str, password: str) -> Any:
    """Digest when the server asks for it (Virtuoso's ``/sparql-auth``), Basic when it asks
    for that (Fuseki, GraphDB). The password is never sent before a challenge names the
    scheme, so it does not go out in clear to a server that wanted Digest."""
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    class ChallengeAuth(HTTPDigestAuth):
        basic = False

        def __call__(self, r: Any) -> Any:
            if self.basic:
                return HTTPBasicAuth(user, password)(r)
            return super().__call__(r)

        def handle_401(self, r: Any, **kwargs: Any) -> Any:
            challenge = r.headers.get("www-authenticate", "").lower()
            if "digest" in challenge or self.basic or "basic" not in challenge:
                return super().handle_401(r, **kwargs)
            self.basic = True
            r.content  # noqa: B018 - drain the body so the connection can be reused
            r.close()
            retry = r.request.copy()
            HTTPBasicAuth(user, password)(retry)
            answer = r.connection.send(retry, **kwargs)
            answer.history.append(r)
            answer.request = retry
            return answer

    return ChallengeAuth(user, password)


class _Http:
    """One keep-alive session with the server; every failure becomes a one-line KgError."""

    def __init__(self, endpoint: Endpoint, timeout: float | None = None) -> None:
        import requests

        self._requests = requests
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "histkg"
        if endpoint.user is not None:
            self.session.auth = _make_auth(endpoint.user, endpoint.password or "")
        self.authenticated = endpoint.user is not None

    def send(
        self, method: str, url: str, *, what: str, error: type[Exception] = StoreError, **kw: Any
    ) -> requests.Response:
        timeout = (TIMEOUT[0], self.timeout or TIMEOUT[1])
        try:
            response = self.session.request(method, url, timeout=timeout, **kw)
        except self._requests.Timeout as exc:
            if error is QueryError:
                raise QueryTimeoutError(
                    f"query stopped after {timeout[1]:g} s: {url} did not answer in time"
                ) from exc
            raise StoreError(f"{what}: {url} did not answer within {timeout[1]:g} s") from exc
        except self._requests.RequestException as exc:
            raise StoreError(f"cannot reach {url}: {_reason(exc)}") from exc
        if response.status_code in (401, 403):
            hint = (
                "check the user and password (user:password@ in the URL, or "
                f"{USER_ENV}/{PASSWORD_ENV})"
                if self.authenticated
                else f"give a user and password (user:password@ in the URL, or {USER_ENV}/"
                f"{PASSWORD_ENV}); on Virtuoso use /sparql-auth"
            )
            raise StoreError(
                f"{what}: {url} refused it (HTTP {response.status_code}: "
                f"{_body_summary(response)}); {hint}"
            )
        if response.status_code >= 400:
            raise error(
                f"{what}: {url} answered HTTP {response.status_code}: {_body_summary(response)}"
            )
        return response

    def close(self) -> None:
        self.session.close()


def _reason(exc: Exception) -> str:
    """The innermost message of a requests exception (they nest urllib3's)."""
    text = str(exc)
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    return match.group(1).strip() if match else " ".join(text.split())[:200]


def _body_summary(response: requests.Response, limit: int = 300) -> str:
    """The server's error text on one line (HTML pages stripped of their tags), cut."""
    text = response.text or ""
    if "html" in response.headers.get("Content-Type", ""):
        text = re.sub(r"<[^>]*>", " ", text)
    text = " ".join(text.split()) or response.reason or "no message"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------


class RemoteStore:
    """The project's graphs on a SPARQL server.

    ``query`` and ``len()`` ask the server. ``ox`` (what export and rdflib use for bulk
    work) is a snapshot: every project quad, fetched on first use into a temporary
    on-disk pyoxigraph store, which also gives exports the byte order of a local one.
    ``replace`` (a build) rewrites the graphs on the server; updates go through the
    server's own tools.
    """

    # Nothing to lock and no copy to commit: each write of a build is the server's own.
    writable = False

    def __init__(self, endpoint: Endpoint, *, timeout: float | None = None) -> None:
        self._snapshot: ox.Store | None = None
        self.endpoint = endpoint
        self.http = _Http(endpoint, timeout)
        self._graphs: list[str] | None = None
        self._server: str | None = None  # the Server header of the first answer

    # -- reading ---------------------------------------------------------------------------

    def query(
        self, sparql: str, *, bindings: Mapping[str, Bound] | None = None
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run SPARQL on the server over the union of the project's graphs; the same
        contract as :meth:`kg.store.Store.query`."""
        kind = query_kind(sparql)
        graphs = self.graphs() if self.dataset() == "graphs" else None
        text = rewrite(sparql, graphs=graphs, bindings=bindings)
        accept = _GRAPH_ACCEPT if kind == "graph" else _SELECT_ACCEPT
        response = self._post_query(text, accept, error=QueryError)
        if kind == "graph":
            return _parse_triples(response)
        return _parse_results(response)

    def dataset(self) -> Literal["graphs", "server"]:
        """How queries get the union of the project's graphs: ``graphs`` (FROM clauses)
        or ``server`` (the server's default graph). ``auto`` means ``server`` on Virtuoso,
        whose default graph is the union of all graphs and which slows down with every
        FROM clause (events.rq: 11 s with 400 FROM clauses, 0.4 s without), and
        ``graphs`` elsewhere."""
        if self.endpoint.dataset != "auto":
            return self.endpoint.dataset
        if self._server is None:  # the cheapest question, for the Server header
            self._server = self._post_query("ASK {}", _SELECT_ACCEPT, error=StoreError).headers.get(
                "Server", ""
            )
        return "server" if "virtuoso" in self._server.lower() else "graphs"

    def graphs(self, *, exact: bool = False) -> list[str]:
        """The IRIs of the project's graphs on the server (those under ``graph/``).

        By default the resolved graph and those holding an hkg:Document, which is every
        graph ``kg build`` writes, found through an index; ``exact`` scans every quad for
        any graph under ``graph/`` (what builds and exports use)."""
        if exact or self._graphs is None:
            response = self._post_query(
                _ALL_GRAPHS if exact else _DOCUMENT_GRAPHS, _SELECT_ACCEPT, error=StoreError
            )
            self._server = response.headers.get("Server", "")
            results = _parse_results(response)
            assert isinstance(results, ox.QuerySolutions)
            found = {s["g"].value for s in results if isinstance(s["g"], ox.NamedNode)}
            if not exact:
                # The graphs every build writes beside the documents (corrections only
                # when there are some: a graph that is not there is an empty one).
                found |= {str(RESOLVED_GRAPH), str(ONTOLOGY_GRAPH), str(GRAPH_NS["corrections"])}
            self._graphs = sorted(found)
        return self._graphs

    def __len__(self) -> int:
        response = self._post_query(_COUNT_QUADS, _SELECT_ACCEPT, error=StoreError)
        results = _parse_results(response)
        assert isinstance(results, ox.QuerySolutions)
        return int(next(iter(results))["n"].value)

    def update(self, sparql: str) -> None:
        raise StoreError(
            f"updates through kg change the local store only; {self.endpoint} is rebuilt by "
            "kg build --endpoint, or updated with the server's own tools"
        )

    def commit(self) -> None:
        self.update("")

    def discard(self) -> None:
        """Nothing to drop: a server holds no uncommitted copy."""

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        """Make the project's graphs on the server exactly ``quads`` (a build); see
        :func:`replace_graphs`."""
        return replace_graphs(self.endpoint, quads)

    def cache_folder(self) -> Path:
        """Where ``kg build`` keeps its extraction cache: see :func:`cache_folder`."""
        return cache_folder(self.endpoint)

    def folder(self) -> Path:
        """A server has no folder here: query workers, ``kg serve`` and
        ``kg query --update`` need a local store."""
        raise StoreError(
            f"{self.endpoint} is a SPARQL server; this needs a local store (--store DIR)"
        )

    def with_timeout(self, seconds: float) -> RemoteStore:
        """The same server, each answer awaited for at most ``seconds``: the query runs
        there, under the server's own limits, so nothing here needs killing."""
        return RemoteStore(self.endpoint, timeout=seconds)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _post_query(self, text: str, accept: str, *, error: type[Exception]) -> requests.Response:
        response = self.http.send(
            "POST",
            self.endpoint.query_url,
            what="query",
            error=error,
            data={"query": text},
            headers={"Accept": accept},
        )
        cut = response.headers.get("X-SPARQL-MaxRows")
        if cut:
            raise StoreError(
                f"{self.endpoint} cut the result at {cut} rows (Virtuoso: raise "
                "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)"
            )
        return response

    def _fetch_snapshot(self) -> ox.Store:
        """Every project quad, in a temporary on-disk store deleted with this object.

        One CONSTRUCT per graph, answered in N-Triples and loaded by pyoxigraph, a few
        at a time: for 600,000 quads in 1,200 graphs on Virtuoso, 15 s, where one SELECT
        of every quad takes 80 s in the JSON results format."""
        # Here, not at the top: every query command imports this module, and only
        # snapshots need threads (15 ms of start-up).
        from concurrent.futures import ThreadPoolExecutor

        expected = len(self)
        folder = tempfile.mkdtemp(prefix="histkg-remote-")
        weakref.finalize(self, shutil.rmtree, folder, True)
        store = ox.Store(folder)

        def fetch(graph: str) -> tuple[ox.NamedNode, requests.Response]:
            iri = ox.NamedNode(graph)
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"
            return iri, self._post_query(text, _GRAPH_ACCEPT, error=StoreError)

        with ThreadPoolExecutor(CONNECTIONS) as pool:
            for iri, response in pool.map(fetch, self.graphs(exact=True)):
                _load(store, response, iri)
        store.flush()
        if len(store) < expected:
            raise StoreError(
                f"{self.endpoint} returned {len(store)} of {expected} quads: the server "
                "limits result size (Virtuoso: ResultSetMaxRows in virtuoso.ini)"
            )
        return store

    # Defined last: inside the class body, the name ``ox`` means this property from here on.
    @property
    def ox(self) -> ox.Store:
        if self._snapshot is None:
            self._snapshot = self._fetch_snapshot()
        return self._snapshot


def _parse_results(response: requests.Response) -> ox.QuerySolutions | ox.QueryBoolean:
    """The server's SELECT/ASK answer as pyoxigraph result objects.

    pyoxigraph parses lazily; the answer is read once here so that a malformed one fails
    now, as a StoreError, and not later in the middle of formatting.
    """
    media_type = response.headers.get("Content-Type", "application/sparql-results+json")
    fmt = ox.QueryResultsFormat.from_media_type(media_type.split(";")[0].strip())
    if fmt is None:
        raise StoreError(f"{response.url} answered in an unknown results format {media_type!r}")
    data = response.content
    try:
        results = ox.parse_query_results(data, fmt)
        if isinstance(results, ox.QuerySolutions):
            for _ in results:
                pass
            results = ox.parse_query_results(data, fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{response.url} answered with unreadable results: {exc}") from exc
    return results


def _load(
    store: ox.Store, response: requests.Response, graph: ox.NamedNode | ox.DefaultGraph
) -> None:
    """Load an RDF answer (CONSTRUCT, DESCRIBE) into ``graph`` of ``store``."""
    media_type = response.headers.get("Content-Type", "application/n-triples")
    fmt = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip())
    if fmt is None:
        raise StoreError(f"{response.url} answered in an unknown RDF format {media_type!r}")
    try:
        store.load(response.content, fmt, to_graph=graph)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{response.url} answered with unreadable RDF: {exc}") from exc


def _parse_triples(response: requests.Response) -> ox.QueryTriples:
    """A CONSTRUCT/DESCRIBE answer as pyoxigraph ``QueryTriples`` (the type the local
    store returns), by loading it into an in-memory store and reading it back."""
    memory = ox.Store()
    _load(memory, response, ox.DefaultGraph())
    result = memory.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def connect(endpoint: Endpoint, *, timeout: float | None = None) -> RemoteStore:
    """A RemoteStore for ``endpoint``; nothing is sent until the first query. ``timeout``
    bounds the wait for each answer, in seconds (default: 600)."""
    return RemoteStore(endpoint, timeout=timeout)


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def replace_graphs(endpoint: Endpoint, quads: Iterable[ox.Quad]) -> int:
    """Make the server's project graphs exactly ``quads``; return how many distinct quads.

    Each graph goes in one Graph Store Protocol PUT (document graphs first, the resolved
    graph last); then project graphs that are no longer written are dropped. See the
    module docstring for what is and is not atomic.
    """
    by_graph: dict[str, set[ox.Triple]] = {}
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise StoreError("every quad of a build must be in a named graph")
        by_graph.setdefault(quad.graph_name.value, set()).add(
            ox.Triple(quad.subject, quad.predicate, quad.object)
        )
    outside = sorted(g for g in by_graph if not g.startswith(PROJECT_NAMESPACE))
    if outside:
        raise StoreError(f"graph {outside[0]} is outside the project namespace {PROJECT_NAMESPACE}")
    store = RemoteStore(endpoint)

    def put(graph: str) -> None:
        body = ox.serialize(sorted(by_graph[graph], key=str), format=ox.RdfFormat.N_TRIPLES)
        store.http.send(
            "PUT",
            endpoint.graph_store_url,
            what=f"writing graph {graph}",
            params={"graph": graph},
            data=body,
            headers={"Content-Type": "application/n-triples; charset=utf-8"},
        )

    try:
        existing = set(store.graphs(exact=True))
        resolved = str(RESOLVED_GRAPH)
        # One at a time: concurrent PUTs deadlock in Virtuoso (SR172), as each is a
        # delete and an insert locking shared index pages.
        for graph in sorted(g for g in by_graph if g != resolved):
            put(graph)
        if resolved in by_graph:
            put(resolved)  # last: until then, readers see the previous resolution
        stale = sorted(existing - set(by_graph))
        for start in range(0, len(stale), DROP_BATCH):
            batch = stale[start : start + DROP_BATCH]
            update = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in batch)
            store.http.send(
                "POST",
                endpoint.update_url,
                what=f"dropping {len(stale)} old graphs",
                data={"update": update},
            )
    finally:
        store.close()
    return sum(len(triples) for triples in by_graph.values())
