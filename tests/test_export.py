"""kg/export.py: the store as Turtle, N-Triples, N-Quads, TriG and JSON-LD."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import kg.export
from extract.errors import KgError
from kg.export import FORMATS, ExportError, export, union_triples
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
RDFLIB_NAMES = {
    "turtle": "turtle",
    "nt": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
}
GRAPHS = {
    "https://w3id.org/histkg/graph/resolved",
    "https://w3id.org/histkg/graph/ontology",
    "https://w3id.org/histkg/graph/000-khalkhin-gol",
    "https://w3id.org/histkg/graph/001-nomonhan",
    "https://w3id.org/histkg/graph/002-soviet-japanese-war",
}


def exported(store: GraphStore, fmt: str) -> bytes:
    data = export(store, fmt)
    assert isinstance(data, bytes)
    return data


def rdflib_dataset(data: bytes, fmt: str) -> Dataset:
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        return Dataset().parse(data=data, format=RDFLIB_NAMES[fmt])


def store_union(store: GraphStore) -> Graph:
    """The union of the store's graphs, built independently of kg.export: every quad's
    triple, written as N-Triples (a pyoxigraph term's str) and parsed by rdflib."""
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.ox)
    return Graph().parse(data=lines, format="nt")


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_export_single_graph_formats_are_the_union(mini_store: GraphStore, fmt: str) -> None:
    data = exported(mini_store, fmt)
    union = store_union(mini_store)
    rdflib_graph = Graph().parse(data=data, format=RDFLIB_NAMES[fmt])
    oxi_triples = list(ox.parse(data, format=FORMATS[fmt]))
    # No triple is in two graphs (documents hold claims, graph:resolved the conclusions).
    assert len(rdflib_graph) == len(oxi_triples) == len(union) == len(mini_store)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_export_dataset_formats_keep_named_graphs(mini_store: GraphStore, fmt: str) -> None:
    data = exported(mini_store, fmt)
    dataset = rdflib_dataset(data, fmt)
    quads = [q for q in dataset.quads() if q[3] is not None]
    assert len(quads) == len(mini_store)
    assert {str(q[3]) for q in quads} == GRAPHS
    if fmt != "jsonld":
        oxi = list(ox.parse(data, format=FORMATS[fmt]))
        assert len(oxi) == len(mini_store)
        assert {q.graph_name.value for q in oxi} == GRAPHS


def test_export_turtle_is_isomorphic_to_the_store_union(mini_store: GraphStore) -> None:
    exported_graph = Graph().parse(data=exported(mini_store, "turtle"), format="turtle")
    assert isomorphic(exported_graph, store_union(mini_store))


def test_export_turtle_and_trig_use_readable_prefixes(mini_store: GraphStore) -> None:
    for fmt in ("turtle", "trig"):
        text = exported(mini_store, fmt).decode("utf-8")
        assert "@prefix ev: <https://w3id.org/histkg/event/> ." in text
        assert "ev:battle-of-khalkhin-gol " in text
        assert "<https://w3id.org/histkg/event/battle-of-khalkhin-gol>" not in text


def test_export_turtle_groups_each_subject(mini_store: GraphStore) -> None:
    lines = exported(mini_store, "turtle").decode("utf-8").splitlines()
    subjects = [line.split(" ", 1)[0] for line in lines if line and not line[0].isspace()]
    subjects = [s for s in subjects if s != "@prefix"]
    assert subjects and len(subjects) == len(set(subjects))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_deterministic(mini_store: GraphStore, fmt: str) -> None:
    assert exported(mini_store, fmt) == exported(mini_store, fmt)


def test_export_is_deterministic_across_processes(mini_store_path: Path) -> None:
    code = (
        "import hashlib, sys; from kg.store import open_store; from kg.export import export; "
        "s = open_store(sys.argv[1]); "
        "print(*(hashlib.sha256(export(s, f)).hexdigest() for f in sys.argv[2:]))"
    )
    args = [sys.executable, "-c", code, str(mini_store_path), *sorted(FORMATS)]
    runs = {
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_export_union_triples_are_distinct_and_sorted(mini_store: GraphStore) -> None:
    triples = union_triples(mini_store)
    keys = [str(t) for t in triples]
    assert keys == sorted(set(keys))


def test_export_writes_file_atomically(mini_store: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    assert export(mini_store, "turtle", target) is None
    assert target.read_bytes() == exported(mini_store, "turtle")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temp file left


def test_export_failure_keeps_the_old_file_and_leaves_no_debris(
    mini_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.nq"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(store: GraphStore, rdf_format: ox.RdfFormat, sink) -> None:
        sink.write(b"<http://a> <http://b> ")
        raise OSError("disk full")

    monkeypatch.setattr(kg.export, "_write", half_then_fail)
    with pytest.raises(ExportError, match="disk full"):
        export(mini_store, "nquads", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_export_to_a_missing_folder_is_a_kg_error(mini_store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        export(mini_store, "nt", tmp_path / "missing" / "graph.nt")


def test_export_unknown_format_is_a_kg_error(mini_store: GraphStore) -> None:
    with pytest.raises(KgError, match="turtle, nt, nquads, trig, jsonld"):
        export(mini_store, "rdfxml")
