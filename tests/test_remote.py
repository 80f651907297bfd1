"""``--endpoint``: the same commands on a SPARQL 1.1 server as on the local store.

The integration tests run on three backends (the ``backend`` fixture): the local store,
a real Virtuoso (skipped when there is none, see tests/virtuoso_server.py) and a plain
SPARQL server whose default graph is not the union of the named graphs
(tests/sparql_stub.py). Answers, query results in every format and exports must be the
same everywhere. The unit tests need no server.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
import sparql_stub  # tests/sparql_stub.py
from click.testing import CliRunner, Result

from extract.errors import QueryError, StoreError
from kg.querytext import layout, query_kind, rewrite
from kg.remote import Endpoint, connect, default_urls
from kg.store import GraphStore, open_store
from kg.vocab import GRAPH_NS, HKG, ONTOLOGY_GRAPH, RESOLVED_GRAPH
from queries import events
from queries.lookup import event_candidates
from queries.sparql import load_query

ROOT = Path(__file__).resolve().parent.parent
EV = "https://w3id.org/histkg/event/"


def kg(location: object, *args: str, env: dict[str, str] | None = None) -> Result:
    """``kg ARGS`` against ``location``: a store folder, or a server (``--endpoint``)."""
    from cli import main

    where = ["--endpoint", location.url] if hasattr(location, "url") else ["--store", str(location)]
    return CliRunner().invoke(main, [*args, *where], env=env)


def opened(location: object) -> GraphStore:
    return open_store(location.endpoint if hasattr(location, "endpoint") else location)


def source_files(location: object) -> set[str]:
    """The documents the graph at ``location`` describes."""
    query = f"SELECT ?f WHERE {{ ?d <{HKG.sourceFile}> ?f }}"
    rows = opened(location).query(query)
    assert isinstance(rows, ox.QuerySolutions)
    return {row["f"].value for row in rows}  # type: ignore[union-attr]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------------------
# Endpoints and credentials
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "update", "graph_store"),
    [
        # Virtuoso: anonymous and digest-authenticated services
        ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
        (
            "http://h:8890/sparql-auth",
            "http://h:8890/sparql-auth",
            "http://h:8890/sparql-graph-crud-auth",
        ),
        # Fuseki: query service of a dataset, or the dataset itself
        ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        ("http://h:3030/ds", "http://h:3030/ds", "http://h:3030/ds"),
        # GraphDB / RDF4J
        (
            "http://h:7200/repositories/kg",
            "http://h:7200/repositories/kg/statements",
            "http://h:7200/repositories/kg/rdf-graphs/service",
        ),
    ],
)
def test_remote_default_urls_follow_the_server(query: str, update: str, graph_store: str) -> None:
    assert default_urls(query) == (update, graph_store)
    endpoint = Endpoint.from_url(query)
    assert (endpoint.update_url, endpoint.graph_store_url) == (update, graph_store)


def test_remote_graph_store_url_can_be_given(monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint = Endpoint.from_url("http://h/sparql", graph_store="http://h/gsp")
    assert endpoint.graph_store_url == "http://h/gsp"
    monkeypatch.setenv("KG_GRAPH_STORE", "http://h/other")
    monkeypatch.setenv("KG_UPDATE_ENDPOINT", "http://h/update")
    endpoint = Endpoint.from_url("http://h/sparql")
    assert (endpoint.graph_store_url, endpoint.update_url) == ("http://h/other", "http://h/update")


def test_remote_credentials_come_from_the_url_and_are_never_printed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint = Endpoint.from_url("http://dba:p%40ss@127.0.0.1:8890/sparql-auth")
    assert (endpoint.user, endpoint.password) == ("dba", "p@ss")
    assert "p@ss" not in str(endpoint) and "p@ss" not in repr(endpoint)
    assert str(endpoint) == "http://127.0.0.1:8890/sparql-auth"
    monkeypatch.setenv("KG_ENDPOINT_USER", "reader")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "secret")
    endpoint = Endpoint.from_url("http://127.0.0.1:8890/sparql-auth")
    assert (endpoint.user, endpoint.password) == ("reader", "secret")


@pytest.mark.parametrize("url", ["ftp://h/sparql", "127.0.0.1:8890/sparql", "http:///sparql"])
def test_remote_urls_that_are_not_http_are_refused(url: str) -> None:
    with pytest.raises(StoreError, match="not an http"):
        Endpoint.from_url(url)
    from cli import main

    result = CliRunner().invoke(main, ["entities", "--endpoint", url])
    assert result.exit_code == 2
    assert "Invalid value for '--endpoint'" in result.output


def test_remote_unknown_dataset_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_ENDPOINT_DATASET", "everything")
    with pytest.raises(StoreError, match="auto, graphs, server"):
        Endpoint.from_url("http://h/sparql")


def test_remote_graph_store_without_endpoint_is_a_usage_error(mini_store_path: Path) -> None:
    result = kg(mini_store_path, "entities", "--graph-store", "http://h/gsp")
    assert result.exit_code == 2
    assert "--graph-store needs --endpoint" in result.output


# ---------------------------------------------------------------------------------------
# Rewriting queries: dataset clauses and bindings
# ---------------------------------------------------------------------------------------

GRAPHS = [str(GRAPH_NS["a"]), str(RESOLVED_GRAPH)]


@pytest.mark.parametrize(
    ("text", "before_dataset", "after_pattern"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s ", " ?s ?p ?o }"),
        ("SELECT * { ?s ?p ?o }", "SELECT * ", " ?s ?p ?o }"),
        (
            "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
            "SELECT (COUNT(*) AS ?n) ",
            " { SELECT ?s WHERE { ?s ?p ?o } } }",
        ),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } ", " ?s ?p ?o }"),
        ("ASK { ?s ?p ?o }", "ASK ", " ?s ?p ?o }"),
        ("PREFIX where: <http://x/where#> SELECT ?where { ?where a where:x }", None, None),
    ],
)
def test_remote_layout_finds_dataset_and_pattern(
    text: str, before_dataset: str | None, after_pattern: str | None
) -> None:
    found = layout(text)
    assert found.dataset is not None and found.pattern is not None
    if before_dataset is not None:
        assert text[: found.dataset] == before_dataset
        assert text[found.pattern :] == after_pattern
    else:  # keywords inside prefixed names and variables are not keywords
        assert text[found.dataset] == "{"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?label WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
        "SELECT ?label { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } LIMIT 5",
        "ASK WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
        "CONSTRUCT { ?e <http://x/p> ?label } WHERE { ?e <http://x/q> ?label }",
        "CONSTRUCT WHERE { ?e <http://x/q> ?label }",
        "DESCRIBE ?e",
        "DESCRIBE ?e ORDER BY ?e",
        "SELECT ?g WHERE { GRAPH ?g { ?e ?p ?label } }",
    ],
)
def test_remote_rewritten_queries_stay_valid(text: str) -> None:
    bindings = {"e": ox.NamedNode(EV + "x"), "label": ox.Literal('a "quoted"\nlabel')}
    rewritten = rewrite(text, graphs=GRAPHS, bindings=bindings)
    assert query_kind(rewritten) == query_kind(text)
    assert f"FROM <{GRAPHS[0]}>" in rewritten
    assert ("FROM NAMED" in rewritten) == ("GRAPH" in text)
    assert f"<{EV}x>" in rewritten and r'"a \"quoted\"\nlabel"' in rewritten


def test_remote_a_query_naming_its_own_dataset_keeps_it() -> None:
    text = f"SELECT ?s FROM <{GRAPHS[0]}> WHERE {{ ?s ?p ?o }}"
    assert layout(text).dataset is None
    assert rewrite(text, graphs=GRAPHS) == text


@pytest.mark.parametrize(
    ("name", "bindings"),
    [
        ("events", {}),
        ("entities", {}),
        ("entities", {"type": ox.NamedNode("https://w3id.org/histkg/ns#Person")}),
        ("who", {"event": ox.NamedNode(EV + "battle-of-khalkhin-gol")}),
        ("when", {"event": ox.NamedNode(EV + "battle-of-khalkhin-gol")}),
        ("when", {"event": ox.NamedNode(EV + "battle-of-lake-khasan")}),
        ("date_claims", {"event": ox.NamedNode(EV + "battle-of-khalkhin-gol")}),
    ],
)
def test_remote_rewritten_canned_queries_answer_like_the_local_store(
    mini_store: GraphStore, mini_quads: list[ox.Quad], name: str, bindings: dict
) -> None:
    """Evaluated by a standard engine whose default graph is NOT the union (a plain
    pyoxigraph store), the rewritten query gives what the local store gives with
    pre-bound variables over the union."""
    plain = ox.Store()
    plain.extend(mini_quads)
    graphs = sorted({q.graph_name.value for q in mini_quads})  # type: ignore[union-attr]
    text = load_query(name)
    expected = mini_store.query(text, bindings=bindings)
    got = plain.query(rewrite(text, graphs=graphs, bindings=bindings))
    assert isinstance(expected, ox.QuerySolutions) and isinstance(got, ox.QuerySolutions)
    rows = sorted(str(list(r)) for r in expected)
    assert rows, "the mini store should answer this query"
    assert sorted(str(list(r)) for r in got) == rows


def test_remote_bound_text_cannot_break_out_of_the_query(mini_quads: list[ox.Quad]) -> None:
    plain = ox.Store()
    plain.extend(mini_quads)
    graphs = sorted({q.graph_name.value for q in mini_quads})  # type: ignore[union-attr]
    hostile = ox.Literal('x" } } ; DROP ALL ; SELECT * { ?a ?b "\n#')
    text = "SELECT ?e WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    rewritten = rewrite(text, graphs=graphs, bindings={"label": hostile})
    assert query_kind(rewritten) == "select"  # still one query, not an update
    assert list(plain.query(rewritten)) == []  # the literal matched as a whole, nothing else
    real = rewrite(text, graphs=graphs, bindings={"label": ox.Literal("Battle of Khalkhin Gol")})
    assert [r["e"].value for r in plain.query(real)] == [EV + "battle-of-khalkhin-gol"]


def test_remote_blank_nodes_cannot_be_bound() -> None:
    with pytest.raises(QueryError, match="only IRIs and literals"):
        rewrite("SELECT * { ?s ?p ?o }", bindings={"s": ox.BlankNode()})  # type: ignore[dict-item]


# ---------------------------------------------------------------------------------------
# Errors users can cause, as one line
# ---------------------------------------------------------------------------------------


def test_remote_unreachable_server_is_a_one_line_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/sparql"
    from cli import main

    result = CliRunner().invoke(main, ["who", "Khalkhin Gol", "--endpoint", url])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach {url}")
    assert result.output.count("\n") == 1


def test_remote_wrong_password_is_refused_with_a_hint(sparql_stub: object) -> None:
    url = sparql_stub.url.replace("s3cret", "wrong")  # type: ignore[attr-defined]
    from cli import main

    result = CliRunner().invoke(main, ["entities", "--endpoint", url])
    assert result.exit_code == 1
    assert "refused it (HTTP 401" in result.output
    assert "check the user and password" in result.output
    assert "wrong" not in result.output


def test_remote_results_cut_by_the_server_are_an_error(mini_quads: list[ox.Quad]) -> None:
    stub = sparql_stub.StubServer(max_rows=3)
    stub.store.extend(mini_quads)
    with sparql_stub.running(stub):
        result = kg(
            type("S", (), {"url": stub.query_url})(), "query", "SELECT * WHERE { ?s ?p ?o }"
        )
        assert result.exit_code == 1
        assert "cut the result at 3 rows" in result.output
        with pytest.raises(StoreError, match="cut the result"):
            len(connect(Endpoint.from_url(stub.query_url)).ox)


def test_remote_updates_and_serving_need_a_local_store(mini_location: object) -> None:
    if not hasattr(mini_location, "url"):
        pytest.skip("about servers only")
    result = kg(mini_location, "query", "--update", "INSERT DATA { <x:a> <x:b> <x:c> }")
    assert result.exit_code == 1
    assert "is a SPARQL server; this needs a local store" in result.output
    result = kg(mini_location, "serve", "--port", "0")
    assert result.exit_code == 1
    assert "is a SPARQL server; this needs a local store" in result.output


# ---------------------------------------------------------------------------------------
# The same answers on every backend
# ---------------------------------------------------------------------------------------


def test_remote_who_when_entities_equal_across_backends(
    seeds_location: object, seeds_store: GraphStore
) -> None:
    store = opened(seeds_location)
    candidates = event_candidates(seeds_store)
    assert len(candidates) > 10
    for event in candidates:
        assert events.who(store, event.iri, min_confidence=0) == events.who(
            seeds_store, event.iri, min_confidence=0
        ), event.label
        assert events.when(store, event.iri) == events.when(seeds_store, event.iri), event.label
    for entity_type in (None, "Person", "Country", "MilitaryUnit"):
        assert events.entities(store, entity_type) == events.entities(seeds_store, entity_type)


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("who", "Battle of Khalkhin Gol"),
        ("who", "the soviet japanese war"),
        ("who", "nomonhan incidnet"),  # no such event: the same suggestions
        ("when", "Soviet-Japanese Neutrality Pact"),
        ("entities", None),
    ],
)
def test_remote_json_of_the_commands_equals_the_local_one(
    seeds_location: object, seeds_store_path: Path, command: str, name: str | None
) -> None:
    args = [command, *([name] if name else []), "--format", "json"]
    remote, local = kg(seeds_location, *args), kg(seeds_store_path, *args)
    assert remote.exit_code == local.exit_code
    assert remote.output == local.output
    if name != "nomonhan incidnet":
        assert remote.exit_code == 0 and json.loads(remote.output)


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--format", "json"],
        ["describe", "Georgy Zhukov", "--format", "json"],
        ["stats", "--format", "json"],
        ["path", "Georgy Zhukov", "Japan"],
        ["related", "Georgy Zhukov"],
        ["sources", "Georgy Zhukov"],
    ],
)
def test_remote_other_query_commands_equal_the_local_ones(
    seeds_location: object, seeds_store_path: Path, args: list[str]
) -> None:
    """The commands that walk the graph with networkx use the fetched snapshot (``ox``)."""
    remote, local = kg(seeds_location, *args), kg(seeds_store_path, *args)
    assert remote.exit_code == local.exit_code == 0, remote.output
    assert remote.output == local.output


SELECT = (
    "SELECT ?event ?label ?start WHERE { ?event a sem:Event ; skos:prefLabel ?label . "
    "OPTIONAL { ?event sem:hasBeginTimeStamp ?start } } ORDER BY ?event ?start"
)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_remote_query_select_in_every_format(
    seeds_location: object, seeds_store_path: Path, fmt: str
) -> None:
    remote = kg(seeds_location, "query", SELECT, "--format", fmt)
    local = kg(seeds_store_path, "query", SELECT, "--format", fmt)
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(remote.output)))
        assert rows[0] == ["event", "label", "start"] and len(rows) > 10
    if fmt == "json":
        assert len(json.loads(remote.output)["results"]["bindings"]) > 10


GROUPED = "GROUP BY ?g ORDER BY ?g"


def test_remote_query_ask_construct_and_bindings(
    mini_location: object, mini_store_path: Path
) -> None:
    for args in (
        ["query", "ASK { ?e a hkg:Battle }"],
        ["query", "CONSTRUCT { ?e a hkg:Battle } WHERE { ?e a hkg:Battle }"],
        ["query", "-f", "when.rq", "--bind", "event=ev:battle-of-khalkhin-gol", "--format", "csv"],
        ["query", "-f", "who.rq", "--bind", "event=ev:soviet-japanese-war", "--format", "json"],
        ["query", "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s a hkg:Statement } } " + GROUPED],
    ):
        remote, local = kg(mini_location, *args), kg(mini_store_path, *args)
        assert remote.exit_code == 0, remote.output
        assert remote.output == local.output, args
    assert kg(mini_location, "query", "ASK { ?e a hkg:Battle }").output == "true\n"


def test_remote_syntax_errors_read_as_on_the_local_store(
    mini_location: object, mini_store_path: Path
) -> None:
    for text in ("SELECT ?x WHERE { ?x }", "DELETE WHERE { ?s ?p ?o }"):
        remote, local = kg(mini_location, "query", text), kg(mini_store_path, "query", text)
        assert remote.exit_code == local.exit_code == 1
        assert remote.output == local.output


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "nt"])
def test_remote_export_parses_to_the_same_quads(
    seeds_location: object, seeds_store: GraphStore, seeds_store_path: Path, fmt: str
) -> None:
    remote = kg(seeds_location, "export", "--format", fmt)
    assert remote.exit_code == 0, remote.output
    rdf_format = {
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
    }[fmt]
    parsed = list(ox.parse(remote.stdout_bytes, format=rdf_format))
    if rdf_format.supports_datasets:
        assert len(parsed) == len(seeds_store)
    else:
        assert len(parsed) == len({(q.subject, q.predicate, q.object) for q in seeds_store.ox})
    # Even the bytes are those of a local export (same terms, same index order).
    assert remote.stdout_bytes == kg(seeds_store_path, "export", "--format", fmt).stdout_bytes


@pytest.mark.parametrize("mode", ["auto", "graphs", "server"])
def test_remote_dataset_modes(
    backend: str,
    request: pytest.FixtureRequest,
    mini_store: GraphStore,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
) -> None:
    """``auto`` uses the server's default graph on Virtuoso, where it is the union of all
    graphs, and FROM clauses elsewhere; ``server`` on a plain server sees nothing (its
    default graph is the empty unnamed graph), which is why it is not the default."""
    if backend == "local":
        pytest.skip("about servers only")
    location = request.getfixturevalue("mini_location")
    monkeypatch.setenv("KG_ENDPOINT_DATASET", mode)
    store = connect(location.endpoint)
    if mode == "auto":
        assert store.dataset() == ("server" if backend == "virtuoso" else "graphs")
    if mode == "server" and backend == "stub":
        assert events.entities(store) == []
        return
    assert events.entities(store) == events.entities(mini_store)
    for event in event_candidates(mini_store):
        assert events.who(store, event.iri) == events.who(mini_store, event.iri)
        assert events.when(store, event.iri) == events.when(mini_store, event.iri)


# ---------------------------------------------------------------------------------------
# kg build --endpoint
# ---------------------------------------------------------------------------------------


def test_remote_build_replaces_the_graphs_and_drops_old_documents(
    backend: str,
    request: pytest.FixtureRequest,
    seeds_corpus: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    location: object = tmp_path / "store"
    if backend != "local":
        location = request.getfixturevalue("virtuoso" if backend == "virtuoso" else "sparql_stub")
        location.holds = None  # type: ignore[attr-defined]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for seed in seeds[:2]:
        shutil.copy(seed, corpus)

    first = kg(location, "build", str(corpus))
    assert first.exit_code == 0, first.output
    assert "Built " in first.output and "2 documents" in first.output
    assert source_files(location) == {seed.name for seed in seeds[:2]}

    (corpus / seeds[1].name).unlink()
    second = kg(location, "build", str(corpus))
    assert second.exit_code == 0, second.output
    assert f"Dropped 1 documents not given this time: {seeds[1].name}." in second.output
    assert "Reused 1 unchanged documents" in second.output
    assert source_files(location) == {seeds[0].name}
    if backend != "local":
        graphs = set(connect(location.endpoint).graphs())  # type: ignore[attr-defined]
        fixed = {str(RESOLVED_GRAPH), str(ONTOLOGY_GRAPH), str(GRAPH_NS["corrections"])}
        assert fixed <= graphs and len(graphs - fixed) == 1  # one document left
