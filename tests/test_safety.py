"""Queries cannot escape: no injection, read-only unless --update, no network, no stray
file reads, real time limits and row caps, atomic output files.

Network access is watched in two ways: Python's audit hooks (``socket.connect``,
``urllib.Request``, ``open``), and a loopback listener that counts connections, because
pyoxigraph's HTTP client is Rust and invisible to audit hooks. Each watch is shown to
work by a control that does connect.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import NotFoundError, OutputError, QueryTimeoutError, RefusedQueryError
from kg.export import ExportError, parse_export
from kg.store import EmbeddedStore, GraphStore, open_store
from queries import describe, events, lookup
from queries.presenting.output import write_atomically
from queries.serving.limits import QueryPool, run_limited
from queries.sparql import check_query_is_safe, load_query, query_names, run_query

# Every variable from 0 to 4 is reachable from every node: the count is astronomical, and
# pyoxigraph would run until killed.
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|!<urn:p>)* ?b . ?c (<urn:p>|!<urn:p>)* ?d ."
    " ?e (<urn:p>|!<urn:p>)* ?f }"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(store: Path) -> int:
    rows = open_store(store).query(COUNT)
    assert isinstance(rows, ox.QuerySolutions)
    return int(next(iter(rows))["n"].value)  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------
# No injection: user text never changes the SPARQL sent to the store
# ---------------------------------------------------------------------------------------


class RecordingStore(EmbeddedStore):
    """The same store, remembering every SPARQL text it is asked to run."""

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store.root, store.ox)
        self.sent: list[str] = []

    def query(self, sparql: str, **kwargs: object):  # type: ignore[no-untyped-def, override]
        self.sent.append(sparql)
        return super().query(sparql, **kwargs)  # type: ignore[arg-type]


HOSTILE = st.sampled_from(
    [
        '"',
        "'",
        '" } ; DROP ALL ; #',
        "'> } UNION { ?s ?p ?o } #",
        "<http://evil/> } SERVICE <http://127.0.0.1:9/> {",
        "\\u0022) } #",
        "}\n}\nSELECT * WHERE { ?s ?p ?o }",
        "Battle of Khalkhin Gol",
        "Japan",
        "ev:battle-of-khalkhin-gol",
        "<https://w3id.org/histkg/entity/japan>",
        "Ωμέγα 🚀 日本",
    ]
)
NAMES = st.one_of(
    HOSTILE,
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.builds(lambda a, b: a + b, HOSTILE, st.text(alphabet="\"'{}<>\n\t#;\\ ", max_size=8)),
)
CANNED = {load_query(name) for name in query_names()}
LOOKUPS: dict[str, Callable[[GraphStore, str], object]] = {
    "who": events.who,
    "when": events.when,
    "describe": describe.describe,
    "find_event": lookup.find_event,
    "find_entity": lookup.find_entity,
}


@pytest.mark.parametrize("function", sorted(LOOKUPS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_safety_user_text_never_changes_the_sparql(
    mini_extra_store_path: Path, function: str, name: str
) -> None:
    store = RecordingStore(open_store(mini_extra_store_path))
    with contextlib.suppress(NotFoundError):  # the only error user text may cause
        LOOKUPS[function](store, name)
    assert store.sent, "nothing was asked of the store"
    for sparql in store.sent:
        assert sparql in CANNED, f"{function}({name!r}) sent SPARQL that is not a canned query"


# ---------------------------------------------------------------------------------------
# Read-only by default; --update applies the update atomically
# ---------------------------------------------------------------------------------------

INSERT = "INSERT DATA { GRAPH graph:extra { ev:x skos:prefLabel 'X' } }"


def test_safety_query_refuses_updates_without_the_flag(kg, mini_store_copy: Path) -> None:
    before = _count(mini_store_copy)
    result = kg("query", INSERT, store=mini_store_copy)
    assert result.exit_code == 1
    assert "updates" in result.output and "--update" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _count(mini_store_copy) == before


def test_safety_query_update_flag_applies_the_update_as_a_new_generation(
    kg, mini_store_copy: Path
) -> None:
    before = _count(mini_store_copy)
    generation = os.readlink(mini_store_copy / "current")
    result = kg("query", "--update", INSERT, store=mini_store_copy)
    assert result.exit_code == 0, result.output
    assert f"{before} quads before, {before + 1} after" in result.output
    assert _count(mini_store_copy) == before + 1
    assert os.readlink(mini_store_copy / "current") != generation
    assert len(list(mini_store_copy.glob("gen-*"))) == 1


def test_safety_update_that_fails_leaves_the_store_as_it_was(kg, mini_store_copy: Path) -> None:
    before = _count(mini_store_copy)
    result = kg("query", "--update", "INSERT DATA { broken", store=mini_store_copy)
    assert result.exit_code == 1 and "syntax error" in result.output
    assert _count(mini_store_copy) == before
    assert len(list(mini_store_copy.glob("gen-*"))) == 1


# ---------------------------------------------------------------------------------------
# Nothing reaches beyond the store
# ---------------------------------------------------------------------------------------


def _hostile_queries(url: str, secret: Path) -> dict[str, str]:
    spo = "{ ?s ?p ?o }"
    return {
        "service": f"SELECT * WHERE {{ SERVICE <{url}sparql> {spo} }}",
        "silent service": f"SELECT * {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}> {spo} }} }}",
        "service in subquery": f"SELECT * {{ {{ SELECT ?s {{ SERVICE <{url}> {spo} }} }} }}",
        "service by prefix": f"PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r:q {spo} }}",
        "service escaped": f"SELECT * WHERE {{ SERV\\u0049CE <{url}> {spo} }}",
        "from": f"SELECT * FROM <{url}data.ttl> WHERE {spo}",
        "from named": f"SELECT * FROM NAMED <{url}g> WHERE {{ GRAPH ?g {spo} }}",
        "from file": f"SELECT * FROM <file://{secret}> WHERE {spo}",
        "from redefined prefix": f"PREFIX graph: <{url}> SELECT * FROM graph:resolved {spo}",
        "from relative to base": f"BASE <{url}> SELECT * FROM <x> WHERE {spo}",
        "load": f"LOAD <{url}data.ttl>",
        "load file": f"LOAD <file://{secret}> INTO GRAPH <urn:g>",
    }


@pytest.mark.parametrize("case", sorted(_hostile_queries("http://h/", Path("/s"))))
def test_safety_hostile_queries_are_refused_before_anything_runs(
    mini_store: GraphStore,
    tmp_path: Path,
    loopback_listener: Callable[[], int],
    audit: list[tuple[str, tuple[object, ...]]],
    case: str,
) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> <urn:c> .\n")
    audit.clear()  # from here on, nothing may open it
    text = _hostile_queries(loopback_listener.url, secret)[case]  # type: ignore[attr-defined]
    with pytest.raises(RefusedQueryError) as refused:
        run_query(mini_store, text)
    message = str(refused.value)
    assert "\n" not in message
    assert any(word in message for word in ("SERVICE", "FROM", "LOAD", "updates", "escapes")), (
        message
    )
    time.sleep(0.05)
    assert loopback_listener() == 0
    assert [e for e in audit if e[0] != "open" or str(secret) in str(e[1][0])] == []


def test_safety_listener_sees_what_the_guard_prevents(
    mini_store: GraphStore, loopback_listener: Callable[[], int]
) -> None:
    # Control: bypassing the guard, pyoxigraph does connect to a SERVICE. So the listener
    # can see it, and the guard is what keeps queries off the network.
    url = loopback_listener.url  # type: ignore[attr-defined]
    with pytest.raises((OSError, RuntimeError, ValueError)):
        results = mini_store.query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
        list(results)  # type: ignore[arg-type]
    deadline = time.monotonic() + 5
    while loopback_listener() == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert loopback_listener() >= 1


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://h/> { }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://h/> LOAD FROM' } LIMIT 1",
        "SELECT * WHERE { ?service <http://h/service> ?load } LIMIT 1",
        "PREFIX from: <http://h/> SELECT * WHERE { ?s from:service ?o } LIMIT 1",
        "SELECT * FROM graph:resolved WHERE { ?s ?p ?o } LIMIT 1",
        "SELECT ?s FROM NAMED graph:resolved WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
    ],
)
def test_safety_lookalikes_are_not_refused(mini_store: GraphStore, text: str) -> None:
    check_query_is_safe(text)
    run_query(mini_store, text)


def test_safety_endpoint_rule_allows_only_the_stores_graphs() -> None:
    graphs = {"https://w3id.org/histkg/graph/resolved"}
    check_query_is_safe("SELECT * FROM graph:resolved WHERE { ?s ?p ?o }", graphs=graphs)
    with pytest.raises(RefusedQueryError):
        check_query_is_safe("SELECT * FROM graph:other WHERE { ?s ?p ?o }", graphs=graphs)


def test_safety_reading_json_ld_back_never_fetches_its_context(
    loopback_listener: Callable[[], int], audit: list[tuple[str, tuple[object, ...]]]
) -> None:
    url = loopback_listener.url  # type: ignore[attr-defined]
    documents = [
        {"@context": f"{url}context.jsonld", "@id": "urn:a", "name": "x"},
        {"@context": {"@import": f"{url}import.jsonld"}, "@id": "urn:a", "urn:p": "x"},
        {"@context": [f"{url}one.jsonld", {"p": "urn:p"}], "@id": "urn:a", "p": "x"},
    ]
    for document in documents:
        with pytest.raises(ExportError) as refused:
            parse_export(json.dumps(document).encode(), "jsonld")
        assert "\n" not in str(refused.value)
    time.sleep(0.05)
    assert loopback_listener() == 0
    assert [e for e in audit if e[0] != "open"] == []


def test_safety_rdflib_would_have_fetched_the_context(
    loopback_listener: Callable[[], int], audit: list[tuple[str, tuple[object, ...]]]
) -> None:
    # Control: rdflib's JSON-LD parser downloads a remote @context, which is why project
    # code reads RDF back through parse_export (pyoxigraph) only.
    import rdflib

    url = loopback_listener.url  # type: ignore[attr-defined]
    document = json.dumps({"@context": f"{url}ctx.jsonld", "@id": "urn:a", "name": "x"})
    with pytest.raises(Exception):  # noqa: B017 - whatever the stub's empty answer causes
        rdflib.Graph().parse(data=document, format="json-ld")
    assert any(event == "urllib.Request" for event, _ in audit)
    assert loopback_listener() >= 1


def test_safety_hostile_turtle_is_data_not_instructions(
    tmp_path: Path, audit: list[tuple[str, tuple[object, ...]]]
) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> <urn:c> .\n")
    audit.clear()
    turtle = (
        f"@base <file://{tmp_path}/> .\n@prefix s: <file://{secret}#> .\n"
        f"<secret.ttl> s:p <http://127.0.0.1:9/x> .\n"
    ).encode()
    quads = parse_export(turtle, "turtle")
    assert len(quads) == 1
    assert [e for e in audit if e[0] != "open" or str(secret) in str(e[1][0])] == []


# ---------------------------------------------------------------------------------------
# Time limits that really stop a query, and row caps
# ---------------------------------------------------------------------------------------


def test_safety_runaway_query_is_stopped_at_the_deadline(kg) -> None:
    started = time.monotonic()
    result = kg("query", "--timeout", "2", RUNAWAY)
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert result.output.strip() == "Error: query stopped after 2 s (--timeout)"
    assert elapsed < 60  # not a timing assertion: only that it did not run unbounded


def test_safety_stopped_query_leaves_no_worker_running(
    mini_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import queries.serving.limits

    pids: list[int] = []
    real_stop = queries.serving.limits._Worker.stop

    def stop(self: queries.serving.limits._Worker) -> None:
        pids.append(self.process.pid)  # type: ignore[arg-type]
        real_stop(self)

    monkeypatch.setattr(queries.serving.limits._Worker, "stop", stop)
    with pytest.raises(QueryTimeoutError, match="query stopped after 1 s"):
        run_limited(mini_store_path, RUNAWAY, timeout=1)
    assert pids
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        state = status.read_text() if status.exists() else "State: gone"
        assert "State:\tR" not in state and "State:\tS" not in state, state


def test_safety_pool_keeps_answering_while_a_query_is_stopped(mini_store_path: Path) -> None:
    with QueryPool(mini_store_path, workers=2, timeout=3) as pool:
        outcome: list[BaseException] = []

        def runaway() -> None:
            try:
                pool.run(RUNAWAY)
            except BaseException as exc:
                outcome.append(exc)

        thread = threading.Thread(target=runaway)
        thread.start()
        answers = [pool.run(COUNT, timeout=30) for _ in range(5)]  # while it runs
        thread.join(timeout=60)
        assert len(outcome) == 1 and isinstance(outcome[0], QueryTimeoutError)
        answers.append(pool.run(COUNT, timeout=30))  # and after, with a fresh worker
    counts = {next(iter(a.output.result))["n"].value for a in answers}  # type: ignore[arg-type, index]
    assert counts == {str(_count(mini_store_path))}


def test_safety_row_cap_cuts_the_table_and_says_so(kg) -> None:
    result = kg("query", "--max-rows", "5", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("(5 rows)")
    assert "truncated to the first 5 rows" in result.stderr


def test_safety_row_cap_applies_to_machine_formats(kg) -> None:
    result = kg("query", "--max-rows", "7", "--format", "json", "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["results"]["bindings"]) == 7
    assert "truncated" in result.stderr


def test_safety_row_cap_zero_means_everything(kg, mini_store_path: Path) -> None:
    result = kg("query", "--max-rows", "0", "--format", "csv", "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))  # literals may span lines
    assert len(rows) - 1 == _count(mini_store_path)
    assert "truncated" not in result.stderr


def test_safety_row_cap_counts_triples_for_construct(mini_store_path: Path) -> None:
    limited = run_limited(mini_store_path, "CONSTRUCT WHERE { ?s ?p ?o }", max_rows=4)
    assert limited.truncated and limited.rows == 4
    assert len(list(limited.output.result)) == 4  # type: ignore[arg-type]
    assert limited.notice() == "result truncated to the first 4 triples (--max-rows)"


def test_safety_small_result_is_not_marked_truncated(mini_store_path: Path) -> None:
    limited = run_limited(mini_store_path, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", max_rows=3)
    assert not limited.truncated and limited.rows == 3 and limited.notice() is None


def test_safety_query_errors_in_the_worker_stay_one_line(kg, tmp_path: Path) -> None:
    missing = kg("query", COUNT, store=tmp_path / "nowhere")
    assert missing.exit_code == 1 and "no graph store at" in missing.output
    broken = kg("query", "SELECT * WHERE { ?s ?p }")
    assert broken.exit_code == 1 and "syntax error" in broken.output
    for result in (missing, broken):
        assert len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------
# Files are written atomically
# ---------------------------------------------------------------------------------------


def test_safety_failed_picture_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.html"
    target.write_bytes(b"old page")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left"):
        write_atomically(target, b"new page" * 1000)
    assert target.read_bytes() == b"old page"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_safety_check_is_safe_to_call_from_many_threads() -> None:
    # The endpoint checks queries on its request threads; the check must hold no state.
    queries = {
        "SELECT * WHERE { ?s ?p ?o } LIMIT 5": None,
        "SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } }": "SERVICE",
        "SELECT * FROM <http://h/> WHERE { ?s ?p ?o }": "FROM",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }": "updates",
    }
    failures: list[str] = []

    def check(text: str, expected: str | None) -> None:
        for _ in range(15):
            try:
                check_query_is_safe(text)
                got = None
            except RefusedQueryError as exc:
                got = str(exc)
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
                return
            if (got is None) != (expected is None) or (expected and expected not in got):
                failures.append(f"{text!r}: {got!r}")

    threads = [threading.Thread(target=check, args=item) for item in list(queries.items()) * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_safety_pool_refuses_what_kg_query_refuses(mini_store_path: Path) -> None:
    graphs = {"https://w3id.org/histkg/graph/resolved"}
    with QueryPool(mini_store_path, workers=1, timeout=30) as pool:
        with pytest.raises(RefusedQueryError, match="SERVICE"):
            pool.run("SELECT * WHERE { SERVICE <http://h/> { ?s ?p ?o } }")
        with pytest.raises(RefusedQueryError, match="FROM"):
            pool.run("SELECT * FROM graph:other WHERE { ?s ?p ?o }", graphs=graphs)
        answer = pool.run("SELECT * FROM graph:resolved WHERE { ?s ?p ?o } LIMIT 2", graphs=graphs)
        assert answer.rows == 2


@pytest.mark.parametrize("binding", ["e=<a b>", "e=http://x/a b", "e=<http://x/{}>"])
def test_safety_invalid_iri_in_a_binding_is_a_one_line_error(kg, binding: str) -> None:
    result = kg("query", "--bind", binding, "SELECT ?e WHERE {}")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot read binding")
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
