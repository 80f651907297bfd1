"""Time and row limits for SPARQL that users type (``kg query``, ``kg serve``).

Why a separate process: pyoxigraph evaluates a query in Rust and cannot be interrupted
from Python, and one pathological property path (``?a (<p>|!<p>)* ?b``) keeps a core busy
for as long as you let it. So a query that may run away runs in a worker process, and a
worker still busy at the deadline is killed (SIGKILL): the query stops for real, and the
caller gets a one-line :class:`extract.errors.QueryTimeoutError` ("query stopped after N s").

The worker sends back at most ``max_rows`` rows (SELECT) or triples (CONSTRUCT/DESCRIBE),
in the W3C SPARQL JSON results format or N-Triples, and says whether there were more; the
caller gets an ordinary :class:`queries.sparql.QueryOutput` rebuilt from them, so every
formatter (``format_results``, the endpoint's negotiation) works unchanged.

Two ways in:

* :func:`run_limited` for one query (``kg query``): one fresh worker, used once.
* :class:`QueryPool` for a server: a few workers kept warm; a worker killed at the
  deadline is replaced in the background while the others keep answering.

Workers come from a fork server (see :func:`_context`), never from forking the caller.

:func:`run_update` applies a SPARQL Update (``kg query --update``) in a worker under the
same deadline, on a copy of the store that only becomes current once complete.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from extract import errors
from extract.errors import KgError, QueryError, QueryMemoryError, QueryTimeoutError
from kg.store import CURRENT, GraphStore, Location, open_store
from queries.serving.sandbox import DEFAULT_MAX_MEMORY, confine
from queries.sparql import (  # the limits' defaults live there: kg reads them at start-up
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    Binding,
    QueryOutput,
    ResultKind,
    check_query_is_safe,
    run_query,
)

DEFAULT_WORKERS = 2


@dataclass
class LimitedOutput:
    """A query's (possibly cut) result: ``output`` holds at most ``max_rows`` rows."""

    output: QueryOutput
    rows: int  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in ``output``; 0 for ASK
    truncated: bool  # the query had more rows than ``max_rows``
    max_rows: int | None

    @property
    def kind(self) -> ResultKind:
        return self.output.kind

    def notice(self) -> str | None:
        """The line that announces a cut result, or None."""
        if not self.truncated:
            return None
        what = "triples" if self.kind == "graph" else "rows"
        return f"result truncated to the first {self.max_rows} {what} (--max-rows)"


@dataclass(frozen=True)
class UpdateResult:
    """What ``kg query --update`` changed: the store's quad count before and after."""

    before: int
    after: int


# ---------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------


def run_limited(
    store_path: Location,
    text: str,
    *,
    bindings: Mapping[str, Binding] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> LimitedOutput:
    """Run one read-only query in a fresh worker, killed if it outlives ``timeout`` seconds.

    The worker checks the query (:func:`queries.sparql.check_query_is_safe`) and runs the
    text it checked. ``max_rows`` None or 0 means no row cap.
    """
    store = open_store(store_path)  # a missing store is the usual StoreError, here
    timed = store.with_timeout(timeout)
    if timed is not None:
        # The store stops the query itself (a SPARQL server, under its own limits): no
        # worker to kill, the answer is awaited for at most ``timeout`` seconds.
        output = run_query(timed, text, bindings=bindings)
        return _decode(_encode(output, max_rows), max_rows)
    root = store.folder()
    del store  # the worker opens the store itself
    worker = _Worker(_context(), root, open_at_start=False, max_memory=max_memory)
    try:
        reply = worker.call(("query", text, dict(bindings or {}), max_rows, None), timeout)
    finally:
        worker.stop()
    return _decode(reply, max_rows)


def run_update(
    store_path: Location,
    text: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> UpdateResult:
    """Apply a SPARQL Update to the store, atomically: on a copy of the current generation
    that becomes current only when the update is complete. Killed at the deadline, the
    copy is left for the next writer to remove and the store is unchanged. LOAD, SERVICE
    and USING a graph from elsewhere are refused (by the worker, before anything runs);
    the project prefixes are predeclared."""
    # The folder is all this process needs (the store is let go of at once: a reader's
    # lock here would keep the replaced generation on disk after the commit).
    root = open_store(store_path).folder()
    worker = _Worker(_context(), root, open_at_start=False, max_memory=max_memory)
    try:
        before, after = worker.call(("update", text), timeout)
        return UpdateResult(before, after)
    finally:
        worker.stop()


class QueryPool:
    """Warm workers for a server: each request borrows one; a worker that overruns its
    deadline is killed and replaced in the background. Thread-safe."""

    def __init__(
        self,
        store_path: Location,
        *,
        workers: int = DEFAULT_WORKERS,
        timeout: float = DEFAULT_TIMEOUT,
        max_rows: int | None = DEFAULT_MAX_ROWS,
        max_memory: int | None = DEFAULT_MAX_MEMORY,
    ) -> None:
        # Fails now, in the caller, if there is no store (or no folder: a SPARQL server).
        self.root = open_store(store_path).folder()
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_memory = max_memory
        self._context = _context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        for _ in range(max(1, workers)):
            self._idle.put(_Worker(self._context, self.root, max_memory=max_memory))

    def run(
        self,
        text: str,
        *,
        bindings: Mapping[str, Binding] | None = None,
        timeout: float | None = None,
        max_rows: int | None = -1,
        graphs: set[str] | None = None,
    ) -> LimitedOutput:
        """Run one read-only query under the pool's limits (or the ones given here;
        ``max_rows=-1`` means the pool's). ``graphs`` are the graph names FROM may use.

        The check and the query run in the worker, whose network is cut off
        (queries/serving/sandbox.py); nothing but bytes is made on this thread until the answer
        is decoded.
        """
        limit = self.timeout if timeout is None else timeout
        rows = self.max_rows if max_rows == -1 else max_rows
        worker = self._idle.get()
        try:
            reply = worker.call(("query", text, dict(bindings or {}), rows, graphs), limit)
        except (QueryTimeoutError, QueryMemoryError, _WorkerDied):
            worker.stop()
            self._replace()
            raise
        except BaseException:
            self._idle.put(worker)
            raise
        self._idle.put(worker)
        return _decode(reply, rows)

    def _replace(self) -> None:
        def start() -> None:
            if not self._closed:
                self._idle.put(_Worker(self._context, self.root, max_memory=self.max_memory))

        threading.Thread(target=start, name="kg-query-worker-start", daemon=True).start()

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their query returns)."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------
# The worker process
# ---------------------------------------------------------------------------------------


class _WorkerDied(QueryError):
    """The worker process ended without answering (it crashed or was killed)."""


def _context() -> BaseContext:
    """``forkserver`` where there is one, else ``spawn``; never a plain ``fork``.

    Forking the caller would copy a process that may have RocksDB threads running (any
    store opened before, as in a test run or a server); the child has none of them, and a
    writable store waits for its flush thread forever. The fork server is a fresh process
    that has opened nothing, with this module already imported, so its children start in
    milliseconds once it runs.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the pipe to it; used by one caller at a time."""

    def __init__(
        self,
        context: BaseContext,
        root: Path,
        *,
        open_at_start: bool = True,
        max_memory: int | None = DEFAULT_MAX_MEMORY,
    ) -> None:
        self.max_memory = max_memory
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, str(root), open_at_start, max_memory), daemon=True
        )
        self.process.start()
        child.close()

    def call(self, request: tuple[Any, ...], timeout: float) -> Any:
        """Send one request and wait for its reply; kill the worker at the deadline."""
        try:
            self.conn.send(request)
            ready = self.conn.poll(timeout if timeout > 0 else None)
            if not ready:
                self.stop()
                raise QueryTimeoutError(f"query stopped after {timeout:g} s (--timeout)")
            status, payload = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            code = self.process.exitcode
            if code == -signal.SIGABRT and self.max_memory:
                # pyoxigraph aborts the process when an allocation fails: the memory cap.
                raise QueryMemoryError(_memory_message(self.max_memory)) from exc
            raise _WorkerDied(f"the query worker ended unexpectedly (exit code {code})") from exc
        if status == "error":
            name, message = payload
            cls = getattr(errors, name, QueryError)
            raise (cls if isinstance(cls, type) and issubclass(cls, KgError) else QueryError)(
                message
            )
        return payload

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


# Seconds an idle worker waits for a request before it checks for a new generation.
_IDLE_CHECK = 2.0


def _current(root: str) -> str | None:
    try:
        return os.readlink(Path(root) / CURRENT)
    except OSError:
        return None


def _memory_message(max_memory: int) -> str:
    return (
        f"query stopped: it needed more than {max_memory / 1024**2:,.0f} MB of memory "
        "(--max-memory)"
    )


def _serve(conn: Connection, root: str, open_at_start: bool, max_memory: int | None) -> None:
    """The worker's loop: answer requests until the pipe closes. Before anything else the
    worker loses the network and gets its memory cap (queries/serving/sandbox.py), and its
    standard error goes nowhere: at the cap the Rust runtime aborts with a message there,
    and the parent reports the failure itself, on one line."""
    confine(max_memory)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    store: GraphStore | None = None
    opened: str | None = None
    if open_at_start:  # a warm worker answers its first query without opening the store
        try:
            opened = os.readlink(Path(root) / CURRENT)
            store = open_store(root)
        except (OSError, KgError):
            store = None
    while True:
        try:
            if not conn.poll(_IDLE_CHECK):
                # Idle: let go of a generation that a build has replaced, so that the next
                # build can remove it from disk (it reopens with the next query).
                if store is not None and _current(root) != opened:
                    store = None
                continue
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if request[0] == "update":
                payload: Any = _apply_update(root, request[1])
            else:
                # Reopen when a build has swapped in a new generation since the last query.
                try:
                    target: str | None = os.readlink(Path(root) / CURRENT)
                except OSError:
                    target = None
                if store is None or target != opened:
                    store, opened = open_store(root), target
                _kind, text, bindings, max_rows, graphs = request
                output = run_query(store, text, bindings=bindings, graphs=graphs)
                payload = _encode(output, max_rows)
            conn.send(("ok", payload))
        except KgError as exc:
            conn.send(("error", (type(exc).__name__, str(exc))))
        except MemoryError:
            message = _memory_message(max_memory) if max_memory else "query ran out of memory"
            conn.send(("error", ("QueryMemoryError", message)))
        except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors surface late
            conn.send(("error", ("QueryError", f"query failed: {' '.join(str(exc).split())}")))


def _apply_update(root: str, text: str) -> tuple[int, int]:
    runnable = check_query_is_safe(text, update=True)
    with open_store(root, writable=True) as store:
        before = len(store)
        try:
            store.update(runnable)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {' '.join(str(exc).split())}") from exc
        after = len(store)
        store.commit()
    return before, after


# ---------------------------------------------------------------------------------------
# Results across the pipe: W3C SPARQL JSON for tables, N-Triples for graphs
# ---------------------------------------------------------------------------------------


def _encode(output: QueryOutput, max_rows: int | None) -> tuple[ResultKind, bytes, int, bool]:
    """At most ``max_rows`` rows of ``output`` as bytes, with the count and whether the
    result had more. Reading stops at ``max_rows + 1``: a huge result is never built."""
    cap = max_rows if max_rows and max_rows > 0 else None
    result = output.result
    if isinstance(result, ox.QueryBoolean):
        return "ask", json.dumps({"head": {}, "boolean": bool(result)}).encode(), 0, False
    items: list[Any] = []
    for item in result:
        if cap is not None and len(items) == cap:
            truncated = True
            break
        items.append(item)
    else:
        truncated = False
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) or b""
        return "graph", data, len(items), truncated
    variables = [v.value for v in result.variables]
    bindings = [
        {var: _json_term(row[var]) for var in variables if row[var] is not None} for row in items
    ]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return "select", json.dumps(document, ensure_ascii=False).encode(), len(items), truncated


def _json_term(term: Any) -> dict[str, Any]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format (with RDF 1.2 triples)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise QueryError(f"cannot pass a {type(term).__name__} out of the query worker")


def _decode(reply: tuple[ResultKind, bytes, int, bool], max_rows: int | None) -> LimitedOutput:
    kind, data, rows, truncated = reply
    result: ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean
    if kind == "graph":
        memory = ox.Store()
        memory.bulk_extend(
            ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        )
        graph = memory.query("CONSTRUCT WHERE { ?s ?p ?o }")
        assert isinstance(graph, ox.QueryTriples)
        result = graph
    else:
        table = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        assert isinstance(table, ox.QuerySolutions | ox.QueryBoolean)
        result = table
    return LimitedOutput(QueryOutput(kind, result), rows, truncated, max_rows)
