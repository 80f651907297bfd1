"""cli.py: every command through click's CliRunner, against the mini store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.query import Result as SparqlResult

from cli import main
from kg.export import FORMATS

ROOT = Path(__file__).resolve().parents[1]
EV = "https://w3id.org/histkg/event/"
BATTLES = "SELECT ?e ?label WHERE { ?e a hkg:Battle ; skos:prefLabel ?label } ORDER BY ?label"


def assert_one_line_error(result: Result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


# ---------------------------------------------------------------------------------------
# kg query
# ---------------------------------------------------------------------------------------


def test_cli_query_table_is_the_default(kg) -> None:
    result = kg("query", BATTLES)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == "ev:battle-of-khalkhin-gol | Battle of Khalkhin Gol"
    assert lines[-1] == "(2 rows)"


def test_cli_query_json_parses_as_w3c_results(kg) -> None:
    result = kg("query", "--format", "json", BATTLES)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["e", "label"]
    assert data["results"]["bindings"][0]["e"]["value"] == EV + "battle-of-khalkhin-gol"
    parsed = SparqlResult.parse(io.StringIO(result.stdout), format="json")
    assert [str(row[1]) for row in parsed] == ["Battle of Khalkhin Gol", "Battle of Lake Khasan"]


def test_cli_query_xml_parses_as_w3c_results(kg) -> None:
    result = kg("query", "--format", "xml", BATTLES)
    assert result.exit_code == 0
    parsed = SparqlResult.parse(io.StringIO(result.stdout), format="xml")
    assert [str(row[1]) for row in parsed] == ["Battle of Khalkhin Gol", "Battle of Lake Khasan"]
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(ET.fromstring(result.stdout).findall(f"{ns}results/{ns}result")) == 2


def test_cli_query_csv_parses(kg) -> None:
    result = kg("query", "--format", "csv", BATTLES)
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows == [
        ["e", "label"],
        [EV + "battle-of-khalkhin-gol", "Battle of Khalkhin Gol"],
        [EV + "battle-of-lake-khasan", "Battle of Lake Khasan"],
    ]


def test_cli_query_tsv_parses(kg) -> None:
    result = kg("query", "--format", "tsv", BATTLES)
    # SPARQL TSV writes terms in Turtle syntax: the quotes belong to the literal.
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["?e", "?label"]
    assert rows[1] == [f"<{EV}battle-of-khalkhin-gol>", '"Battle of Khalkhin Gol"']
    assert len(rows) == 3


def test_cli_query_ask(kg) -> None:
    assert kg("query", "ASK { ?e a hkg:War }").stdout == "true\n"
    assert kg("query", "ASK { ?e a hkg:Conference }").stdout == "false\n"
    assert json.loads(kg("query", "--format", "json", "ASK { ?e a hkg:War }").stdout)["boolean"]


def test_cli_query_construct_prints_turtle(kg) -> None:
    result = kg("query", "CONSTRUCT { ?e a hkg:Battle } WHERE { ?e a hkg:Battle }")
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) == 2
    assert "@prefix hkg:" in result.stdout


def test_cli_query_malformed_sparql_is_a_one_line_error_with_position(kg) -> None:
    result = kg("query", "SELECT ?x WHERE {\n  ?x ?p\n}")
    line = assert_one_line_error(result)
    assert "line 3, column" in line


def test_cli_query_update_is_refused(kg) -> None:
    line = assert_one_line_error(kg("query", "DELETE WHERE { ?s ?p ?o }"))
    assert "read-only" in line


def test_cli_query_reads_stdin(kg) -> None:
    result = kg(
        "query", "--format", "csv", input="SELECT (COUNT(*) AS ?n) WHERE { ?e a sem:Event }"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "5"


def test_cli_query_file_and_builtin_name_with_bindings(kg, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(BATTLES, encoding="utf-8")
    assert kg("query", "-f", str(path)).stdout.splitlines()[-1] == "(2 rows)"
    result = kg(
        "query", "-f", "when.rq", "--bind", "event=ev:battle-of-khalkhin-gol", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    values = {b["value"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert values == {"1939-05-11", "1939-05-28", "1939-09-16", "1939-09"}


def test_cli_query_needs_exactly_one_query(kg) -> None:
    assert kg("query", input="").exit_code == 2
    assert kg("query", "ASK {}", "-f", "who.rq").exit_code == 2


def test_cli_unknown_store_names_the_path_and_kg_build(kg, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for args in (["query", "ASK {}"], ["who", "Khalkhin Gol"], ["export"], ["entities"]):
        line = assert_one_line_error(kg(*args, store=missing))
        assert str(missing) in line
        assert "kg build" in line


def test_cli_store_from_environment(mini_store_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "ASK { ?e a hkg:Battle }"], env={"KG_STORE": str(mini_store_path)}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"


# ---------------------------------------------------------------------------------------
# kg who / when / entities
# ---------------------------------------------------------------------------------------


def test_cli_who_text_shows_header_participants_and_evidence(kg) -> None:
    result = kg("who", "Battle of Khalkhin Gol")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Battle of Khalkhin Gol (Battle, 1939-05-11 – 1939-09-16)"
    assert lines[1] == "  Georgy Zhukov (Person): commander, participant"
    assert lines[2].startswith('      000_khalkhin_gol.txt: "Georgy Zhukov commanded')
    assert lines[2].endswith("(0.9)")
    participants = [line for line in lines if line.startswith("  ") and not line.startswith("    ")]
    # The Kwantung Army's only claim scores 0.4: hidden at the default threshold of 0.5.
    assert len(participants) == len(set(participants)) == 4
    assert not any("Kwantung" in line for line in participants)
    assert max(len(line) for line in lines) < 120  # sentences are shortened


def test_cli_who_min_confidence_zero_shows_weak_claims(kg) -> None:
    result = kg("who", "Battle of Khalkhin Gol", "--min-confidence", "0")
    assert result.exit_code == 0, result.output
    participants = [
        line for line in result.stdout.splitlines() if line.startswith("  ") and line[2] != " "
    ]
    assert len(participants) == 5
    assert any("Kwantung Army" in line for line in participants)


def test_cli_who_json_keys_follow_the_contract(kg) -> None:
    result = kg("who", "--format", "json", "Khalkhin Gol")
    data = json.loads(result.stdout)
    assert set(data) == {"event", "participants"}
    assert set(data["event"]) == {"iri", "label", "type", "start", "end"}
    for participant in data["participants"]:
        assert set(participant) == {"iri", "label", "type", "roles", "evidence"}
        for item in participant["evidence"]:
            assert {"source", "sentence", "start", "end"} <= set(item)


@pytest.mark.parametrize(
    "words",
    [
        ["battle of khalkhin gol"],
        ["Battle", "of", "Khalkhin", "Gol"],  # unquoted words are joined
        ["KHALKHIN-GOL"],
        ["the battle of khalkhin–gol"],
        ["Nomonhan"],
        ["battle of khalkin gol"],
        ["ev:battle-of-khalkhin-gol"],
    ],
)
def test_cli_who_lookup_is_forgiving(kg, words: list[str]) -> None:
    result = kg("who", "--format", "json", *words)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["event"]["label"] == "Battle of Khalkhin Gol"


def test_cli_who_no_match_suggests_nearest_events(kg) -> None:
    line = assert_one_line_error(kg("who", "Battle of Stalingrad"))
    assert "no event matches 'Battle of Stalingrad'; did you mean: " in line
    assert len(line.split("did you mean: ", 1)[1].split(", ")) == 3


def test_cli_who_ambiguous_name_lists_the_events(kg) -> None:
    line = assert_one_line_error(kg("who", "Soviet–Japanese"))
    assert "Soviet–Japanese Neutrality Pact" in line and "Soviet–Japanese War" in line


def test_cli_who_min_confidence(kg) -> None:
    result = kg("who", "--min-confidence", "0.6", "--format", "json", "Khalkhin Gol")
    labels = [p["label"] for p in json.loads(result.stdout)["participants"]]
    assert "Kwantung Army" not in labels and "Georgy Zhukov" in labels
    assert kg("who", "--min-confidence", "2", "Khalkhin Gol").exit_code == 2


def test_cli_when_text_and_json(kg) -> None:
    text = kg("when", "nomonhan incident")
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0] == "Battle of Khalkhin Gol (Battle, 1939-05-11 – 1939-09-16)"
    assert "also stated: 1939-05-28  [001_nomonhan.txt]" in text.stdout
    data = json.loads(kg("when", "--format", "json", "Lake Khasan").stdout)
    assert {"iri", "label", "type", "start", "end", "evidence", "claims"} <= set(data)
    assert (data["start"], data["end"]) == ("1938", None)


def test_cli_entities_text_type_filter_and_json(kg) -> None:
    text = kg("entities")
    assert text.exit_code == 0
    assert len(text.stdout.splitlines()) == 12
    assert "Kantōgun" in text.stdout
    people = json.loads(kg("entities", "--type", "person", "--format", "json").stdout)
    assert {p["type"] for p in people} == {"Person"} and len(people) == 4


def test_cli_entities_unknown_type_lists_valid_types(kg) -> None:
    line = assert_one_line_error(kg("entities", "--type", "Wizard"))
    assert "Person, Country, Organization, MilitaryUnit, Place" in line


# ---------------------------------------------------------------------------------------
# kg export
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig"])
def test_cli_export_to_stdout(kg, mini_quads, fmt: str) -> None:  # type: ignore[no-untyped-def]
    # No triple is in two graphs, so the union formats hold as many triples as quads.
    count = len(set(mini_quads))
    result = kg("export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert len(list(pyoxigraph.parse(result.stdout_bytes, format=FORMATS[fmt]))) == count
    if fmt in ("turtle", "nt"):
        assert len(Graph().parse(data=result.stdout_bytes, format=fmt)) == count


def test_cli_export_to_file(kg, tmp_path: Path) -> None:
    target = tmp_path / "graph.jsonld"
    result = kg("export", "--format", "jsonld", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))


def test_cli_export_unknown_format_is_a_usage_error(kg) -> None:
    result = kg("export", "--format", "rdfxml")
    assert result.exit_code == 2
    assert "turtle" in result.output


# ---------------------------------------------------------------------------------------
# The command line as a whole
# ---------------------------------------------------------------------------------------


def test_cli_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("query", "export", "who", "when", "entities"):
        assert command in result.stdout


def test_cli_build_without_paths_says_what_to_give() -> None:
    """No clone-relative default: an installed kg build is told what to give (exit 2,
    as click's usage errors), before anything is read or locked."""
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2, result.output
    last = result.output.splitlines()[-1]
    assert last == "Error: give the files or folders to read, e.g. `kg build seeds/`"
    assert "Traceback" not in result.output


def test_cli_correct_needs_the_corpus_folder() -> None:
    result = CliRunner().invoke(main, ["correct", "same", "A", "B"])
    assert result.exit_code == 2 and "Missing option '--corpus'" in result.output


def test_cli_who_help_does_not_import_spacy() -> None:
    code = (
        "import sys, cli; from click.testing import CliRunner; "
        "r = CliRunner().invoke(cli.main, ['who', '--help']); "
        "assert r.exit_code == 0, r.output; "
        "assert 'spacy' not in sys.modules, 'spacy imported'; "
        # Of extract/, only the vocabulary table and the errors, which import nothing.
        "bad = [m for m in sys.modules if m.startswith('extract') "
        "and m not in ('extract', 'extract.vocabulary', 'extract.errors')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
