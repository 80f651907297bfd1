"""The Python API: kg.open (an rdflib Dataset over the store) and the question functions
that queries.api gathers."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, URIRef

import kg
from extract.errors import NotFoundError, StoreError
from kg.store import write_generation
from queries import api

JAPAN = URIRef("https://w3id.org/histkg/entity/japan")


def test_api_open_gives_a_read_only_dataset_with_the_union_as_default(
    mini_store_path: Path,
) -> None:
    graph = kg.open(mini_store_path)
    assert isinstance(graph, Dataset)
    rows = list(graph.query("SELECT ?e ?a WHERE { ?e sem:hasActor ?a }"))
    assert rows and len(rows) == len(set(rows))
    with pytest.raises(StoreError, match="read-only"):
        graph.add((JAPAN, URIRef("http://example.org/p"), URIRef("http://example.org/o")))


def test_api_network_loads_into_networkx(mini_store_path: Path) -> None:
    graph = kg.open(mini_store_path)
    network = nx.Graph()
    for event, actor in graph.query("SELECT ?e ?a WHERE { ?e sem:hasActor ?a }"):
        network.add_edge(event, actor)
    assert JAPAN in network
    assert network.degree[JAPAN] >= 2


def test_api_writable_copy_is_committed_atomically(
    tmp_path: Path, mini_quads: list[object]
) -> None:
    root = tmp_path / "store"
    write_generation(root, mini_quads)  # type: ignore[arg-type]
    triple = (JAPAN, URIRef("http://example.org/note"), URIRef("http://example.org/x"))
    graph = kg.open(root, writable=True)
    graph.add(triple)
    assert triple not in kg.open(root)  # nothing is visible before the commit
    graph.commit()
    assert triple in kg.open(root)


def test_api_open_without_a_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph store"):
        kg.open(tmp_path / "nothing")


def test_api_question_functions_return_their_typed_answers(mini_store_path: Path) -> None:
    store = kg.open_store(mini_store_path)
    answer = api.who(store, "Khalkhin Gol")
    assert set(answer) == set(api.WhoResult.__annotations__)
    assert answer["participants"][0]["label"] == "Georgy Zhukov"
    assert api.when(store, "Khalkhin Gol")["start"] == "1939-05-11"
    assert api.path(store, "Georgy Zhukov", "Japan")["length"] >= 1
    assert api.describe(store, "Japan")["kind"] == "entity"
    assert api.timeline(store)["events"]
    with pytest.raises(NotFoundError):
        api.who(store, "Battle of Nowhere at All")


def test_api_importing_kg_and_a_question_loads_no_more_than_it_uses() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kg, queries.events\n"
        "print(sorted(m for m in ('networkx', 'oxrdflib', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
