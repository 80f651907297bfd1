"""queries/sparql.py and the queries/*.rq files: running and formatting SPARQL."""

from __future__ import annotations

import csv
import io
import json
import warnings
import xml.etree.ElementTree as ET
from importlib.resources import files

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.query import Result

from extract.errors import QueryError
from kg.store import GraphStore
from queries.sparql import (
    QueryOutput,
    format_results,
    load_query,
    parse_binding,
    query_names,
    read_query_file,
    run_query,
    select,
)

EV = "https://w3id.org/histkg/event/"
KHALKHIN = ox.NamedNode(EV + "battle-of-khalkhin-gol")
BATTLES = "SELECT ?e ?label WHERE { ?e a hkg:Battle ; skos:prefLabel ?label } ORDER BY ?label"


def formatted(store: GraphStore, text: str, fmt: str = "table") -> str:
    return format_results(run_query(store, text), fmt)


# ---------------------------------------------------------------------------------------
# The .rq files
# ---------------------------------------------------------------------------------------


def test_sparql_packaged_queries_are_the_documented_four() -> None:
    assert {"events", "who", "when", "entities"} <= set(query_names())


@pytest.mark.parametrize("name", ["events", "who", "when", "entities"])
def test_sparql_rq_files_document_themselves_and_run_standalone(name: str) -> None:
    text = load_query(name)
    assert text == (files("queries") / f"{name}.rq").read_text(encoding="utf-8")
    assert text.startswith(f"# {name}.rq")
    assert "Expects bound:" in text
    assert "PREFIX " in text
    # Own PREFIX lines: parses on a bare pyoxigraph store, without the project prologue.
    ox.Store().query(text)


@pytest.mark.parametrize(
    ("name", "minimum"), [("events", 8), ("who", 16), ("when", 9), ("entities", 12)]
)
def test_sparql_rq_files_unbound_list_everything(
    mini_store: GraphStore, name: str, minimum: int
) -> None:
    assert len(select(mini_store, name)) >= minimum


def test_sparql_select_binds_user_input_as_variables(
    mini_store: GraphStore, mini_quads: list[ox.Quad]
) -> None:
    rows = select(mini_store, "who", {"event": KHALKHIN})
    assert rows and {row["event"] for row in rows} == {KHALKHIN}
    # Text that would break out of the query if it were spliced in is just a value.
    hostile = ox.Literal('"} } DELETE WHERE { ?s ?p ?o } #')
    assert select(mini_store, "who", {"event": hostile}) == []
    assert len(mini_store) == len(set(mini_quads))


def test_sparql_load_query_unknown_name_lists_available() -> None:
    with pytest.raises(QueryError, match=r"available: .*entities, events, .*when, who"):
        load_query("nope")


def test_sparql_read_query_file_reads_paths_and_builtin_names(tmp_path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert read_query_file(path) == "ASK {}"
    assert read_query_file("who.rq") == load_query("who")
    assert read_query_file("who") == load_query("who")
    with pytest.raises(QueryError, match="no query file"):
        read_query_file(tmp_path / "who.rq")


# ---------------------------------------------------------------------------------------
# SELECT formats
# ---------------------------------------------------------------------------------------


def test_sparql_table_is_aligned_with_shortened_iris(mini_store: GraphStore) -> None:
    lines = formatted(mini_store, BATTLES).splitlines()
    assert lines[0].split(" | ") == ["e                        ", "label"]
    assert set(lines[1]) <= {"-", "+"}
    assert lines[2] == "ev:battle-of-khalkhin-gol | Battle of Khalkhin Gol"
    assert lines[3] == "ev:battle-of-lake-khasan  | Battle of Lake Khasan"
    assert lines[-1] == "(2 rows)"


def test_sparql_table_cuts_long_cells_and_keeps_one_line_per_row(mini_store: GraphStore) -> None:
    out = formatted(mini_store, "SELECT ?t WHERE { ?s nif:anchorOf ?t }")
    rows = out.splitlines()[2:-1]
    assert len(rows) == 11
    assert max(len(r) for r in rows) <= 80
    assert any(r.endswith("…") for r in rows)


def test_sparql_table_of_no_rows(mini_store: GraphStore) -> None:
    out = formatted(mini_store, "SELECT ?x WHERE { ?x a hkg:Conference }")
    assert out.splitlines()[-1] == "(0 rows)"


def test_sparql_json_is_w3c_query_results_json(mini_store: GraphStore) -> None:
    data = json.loads(formatted(mini_store, BATTLES, "json"))
    assert data["head"]["vars"] == ["e", "label"]
    first = data["results"]["bindings"][0]
    assert first["e"] == {"type": "uri", "value": EV + "battle-of-khalkhin-gol"}
    assert first["label"]["value"] == "Battle of Khalkhin Gol"


def test_sparql_xml_is_w3c_query_results_xml(mini_store: GraphStore) -> None:
    out = formatted(mini_store, BATTLES, "xml")
    root = ET.fromstring(out)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["e", "label"]
    assert len(root.findall("r:results/r:result", ns)) == 2
    parsed = Result.parse(io.StringIO(out), format="xml")
    assert len(list(parsed)) == 2


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_sparql_csv_and_tsv(mini_store: GraphStore, fmt: str, delimiter: str) -> None:
    rows = list(csv.reader(io.StringIO(formatted(mini_store, BATTLES, fmt)), delimiter=delimiter))
    assert len(rows) == 3
    header = [h.lstrip("?") for h in rows[0]]
    assert header == ["e", "label"]
    assert EV + "battle-of-khalkhin-gol" in rows[1][0]


def test_sparql_results_are_single_pass(mini_store: GraphStore) -> None:
    output = run_query(mini_store, BATTLES)
    assert isinstance(output, QueryOutput) and output.kind == "select"
    format_results(output, "json")
    with pytest.raises(QueryError, match="already formatted"):
        format_results(output, "json")


def test_sparql_unknown_format_is_refused(mini_store: GraphStore) -> None:
    with pytest.raises(QueryError, match="unknown format"):
        formatted(mini_store, BATTLES, "yaml")


# ---------------------------------------------------------------------------------------
# ASK, CONSTRUCT, DESCRIBE
# ---------------------------------------------------------------------------------------


def test_sparql_ask_prints_true_false_and_honours_json_and_xml(mini_store: GraphStore) -> None:
    assert formatted(mini_store, "ASK { ?e a hkg:Battle }") == "true"
    assert formatted(mini_store, "ASK { ?e a hkg:Conference }") == "false"
    assert json.loads(formatted(mini_store, "ASK { ?e a hkg:Battle }", "json"))["boolean"] is True
    xml = formatted(mini_store, "ASK { ?e a hkg:Conference }", "xml")
    boolean = ET.fromstring(xml).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert boolean is not None and boolean.text == "false"


def test_sparql_construct_prints_turtle_with_used_prefixes(mini_store: GraphStore) -> None:
    out = formatted(
        mini_store,
        "CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e a hkg:Battle ; skos:prefLabel ?l }",
    )
    assert "@prefix ev: <https://w3id.org/histkg/event/> ." in out
    assert "@prefix nif:" not in out  # only prefixes the answer uses
    assert "ev:battle-of-khalkhin-gol skos:prefLabel" in out
    assert len(Graph().parse(data=out, format="turtle")) == 2


def test_sparql_describe_and_graph_formats(mini_store: GraphStore) -> None:
    text = "DESCRIBE ev:battle-of-lake-khasan"
    assert len(Graph().parse(data=formatted(mini_store, text), format="turtle")) > 3
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        jsonld = Graph().parse(data=formatted(mini_store, text, "json"), format="json-ld")
    assert len(jsonld) > 3
    assert len(Graph().parse(data=formatted(mini_store, text, "xml"), format="xml")) > 3
    with pytest.raises(QueryError, match="SELECT and ASK"):
        formatted(mini_store, text, "csv")


def test_sparql_construct_output_is_deterministic(mini_store: GraphStore) -> None:
    text = "CONSTRUCT WHERE { ?s ?p ?o }"
    assert formatted(mini_store, text) == formatted(mini_store, text)


# ---------------------------------------------------------------------------------------
# Prefixes, bindings, errors
# ---------------------------------------------------------------------------------------


def test_sparql_project_prefixes_are_predeclared_and_overridable(mini_store: GraphStore) -> None:
    assert formatted(mini_store, "ASK { ev:battle-of-khalkhin-gol a sem:Event }") == "true"
    own = "PREFIX ev: <http://example.org/> ASK { ev:battle-of-khalkhin-gol a sem:Event }"
    assert formatted(mini_store, own) == "false"


def test_sparql_run_query_with_bindings(mini_store: GraphStore) -> None:
    output = run_query(mini_store, load_query("when"), bindings={"event": KHALKHIN})
    data = json.loads(format_results(output, "json"))
    assert {b["value"]["value"] for b in data["results"]["bindings"]} == {
        "1939-05-11",
        "1939-05-28",
        "1939-09-16",
        "1939-09",
    }


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("event=ev:battle-of-x", "event", ox.NamedNode(EV + "battle-of-x")),
        ("?event=<http://example.org/a>", "event", ox.NamedNode("http://example.org/a")),
        (
            "type=https://w3id.org/histkg/ns#Person",
            "type",
            ox.NamedNode("https://w3id.org/histkg/ns#Person"),
        ),
        ("label=Battle of X", "label", ox.Literal("Battle of X")),
    ],
)
def test_sparql_parse_binding(text: str, name: str, value: ox.NamedNode | ox.Literal) -> None:
    assert parse_binding(text) == (name, value)


def test_sparql_parse_binding_rejects_malformed() -> None:
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_binding("no-equals-sign")


def test_sparql_syntax_error_is_one_line_with_position_in_user_text(
    mini_store: GraphStore,
) -> None:
    with pytest.raises(QueryError) as info:
        run_query(mini_store, "SELECT ?x\nWHERE {\n  ?x ?p\n}")
    message = str(info.value)
    assert "\n" not in message
    # Line 4 of the user's text, not shifted by the predeclared prefix lines.
    assert message.startswith("SPARQL syntax error at line 4, column ")


def test_sparql_long_expected_lists_are_cut(mini_store: GraphStore) -> None:
    with pytest.raises(QueryError) as info:
        run_query(mini_store, "SELECT * WHERE { ?s ?p ?o . FILTER( }")
    message = str(info.value)
    assert "\n" not in message and len(message) < 250
    assert "line 1, column" in message


def test_sparql_undefined_prefix_is_named_as_such(mini_store: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"line 1, column \d+: undefined prefix") as info:
        run_query(mini_store, "SELECT * WHERE { ?s foo:bar ?o }")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX x: <http://x/>\n# a comment with SELECT in it\nDELETE WHERE { ?s x:p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "clear all",
        "DROP GRAPH <https://w3id.org/histkg/graph/resolved>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_sparql_updates_are_refused(
    mini_store: GraphStore, mini_quads: list[ox.Quad], text: str
) -> None:
    with pytest.raises(QueryError, match="read-only"):
        run_query(mini_store, text)
    assert len(mini_store) == len(set(mini_quads))


def test_sparql_update_words_inside_strings_or_names_are_not_updates(
    mini_store: GraphStore,
) -> None:
    with pytest.raises(QueryError, match="syntax error"):
        run_query(mini_store, 'SELECT * WHERE { ?s ?p "INSERT" ')
    with pytest.raises(QueryError, match="syntax error"):
        run_query(mini_store, "PREFIX insert: <http://x/> insert:a")


def test_sparql_select_many_answers_as_one_select_per_term(mini_store: GraphStore) -> None:
    from queries.sparql import select_many

    ent = "https://w3id.org/histkg/entity/"
    nodes = [ox.NamedNode(ent + n) for n in ("japan", "soviet-union", "no-such-node", "japan")]
    each = [
        row
        for node in dict.fromkeys(nodes)
        for row in select(mini_store, "links", {"object": node})
    ]
    many = select_many(mini_store, "links", "object", nodes)
    key = lambda row: tuple(str(v) for v in row.values())  # noqa: E731
    assert len(each) > 2 and sorted(many, key=key) == sorted(each, key=key)
    assert select_many(mini_store, "links", "object", []) == []


def test_sparql_tuple_binding_is_a_values_row_per_term() -> None:
    from kg.querytext import values_clause

    a, b = ox.NamedNode("http://example.org/a"), ox.Literal('say "}" \n')
    assert (
        values_clause({"x": (a, b)})
        == ' VALUES (?x) { (<http://example.org/a>) ("say \\"}\\" \\n") } '
    )
    assert values_clause({"x": a, "y": (a, b)}).count(") (") == 1  # two rows
