"""Each document has a graph of its own, under the same name in every build (issue 11.2).

Graph IRIs came from a slug of the file name: ``a b.txt`` and ``a-b.txt`` shared
``graph:a-b-txt``, ``日本.txt`` and ``中国.txt`` shared ``graph:txt``, and facts were
credited to the wrong document without a word.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.mapping import document_iri, graph_iri
from kg.store import open_store
from kg.vocab import RESOLVED_GRAPH

NAMES = ["a b.txt", "a-b.txt", "a_b.txt", "日本.txt", "中国.txt", "A B.txt", "resolved"]
WHO_SAID = (
    "PREFIX hkg: <https://w3id.org/histkg/ns#>\n"
    "SELECT ?g ?name WHERE { GRAPH ?g { ?doc hkg:sourceFile ?name } }"
)


@pytest.mark.parametrize("make", [graph_iri, document_iri])
def test_graph_names_are_one_to_one(make) -> None:  # type: ignore[no-untyped-def]
    iris = [make(name).value for name in NAMES]
    assert len(set(iris)) == len(NAMES), iris
    assert str(RESOLVED_GRAPH) not in iris


def _graphs(store: Path) -> dict[str, set[str]]:
    rows = open_store(store).query(WHO_SAID)
    assert isinstance(rows, ox.QuerySolutions)
    graphs: dict[str, set[str]] = {}
    for row in rows:
        graphs.setdefault(row["g"].value, set()).add(row["name"].value)  # type: ignore[union-attr]
    return graphs


def test_graph_names_files_with_similar_names_keep_their_own_graphs(
    kg, tmp_path: Path, blank_model_path: Path
) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    folder.mkdir()
    for i, name in enumerate(NAMES):
        (folder / name).write_text(f"The Battle of Place{i} was fought in {1400 + i}.\n")
    result = kg("build", str(folder), "--model", str(blank_model_path), store=store)
    assert result.exit_code == 0, result.output
    first = _graphs(store)
    # One graph per file, holding that file's name only.
    assert sorted(first.values(), key=sorted) == sorted(({n} for n in NAMES), key=sorted)
    assert str(RESOLVED_GRAPH) not in first
    # Stable: a rebuild (with one file changed) names every graph the same.
    (folder / "a b.txt").write_text("The Battle of Elsewhere was fought in 1399.\n")
    result = kg("build", str(folder), "--model", str(blank_model_path), store=store)
    assert result.exit_code == 0, result.output
    assert _graphs(store) == first


def test_graph_names_with_a_final_dot_survive_turtle() -> None:
    # Found by the round-trip property test: a document named "." made an IRI ending in a
    # dot segment, and "a." a prefixed name Turtle cannot end with.
    import rdflib

    from kg.mapping import document_iri, source_local

    assert [source_local(n) for n in (".", "..", "a.", "a.txt")] == ["%2E", ".%2E", "a%2E", "a.txt"]
    for name in (".", "..", "a."):
        iri = document_iri(name).value
        data = f"<{iri}> <urn:p> <urn:o> ."
        assert str(next(iter(rdflib.Graph().parse(data=data, format="turtle")))[0]) == iri
