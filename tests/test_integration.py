"""Building the seed corpus end to end with the real model, then asking it questions."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from click.testing import CliRunner

from cli import main
from kg.export import export


def test_integration_seeds_build_counts(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    corpus, pipeline = seeds_corpus
    summary = corpus.summary()
    assert summary["documents"] == 4
    assert summary["events"] >= 10
    assert summary["facts"] >= 50
    assert summary["skipped"] == 0
    assert "histkg" in pipeline


def test_integration_every_fact_points_at_its_sentence(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    corpus, _ = seeds_corpus
    texts = {d.source: Path(d.path).read_text(encoding="utf-8") for d in corpus.documents}
    for fact in corpus.facts:
        ev = fact.evidence
        assert texts[ev.source][ev.start : ev.end] == ev.sentence


def test_integration_who_khalkhin_gol_names_each_participant_once(seeds_store_path) -> None:  # type: ignore[no-untyped-def]
    import json

    result = CliRunner().invoke(
        main,
        ["who", "Battle of Jaljin Goal", "--format", "json", "--store", str(seeds_store_path)],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    labels = [p["label"] for p in data["participants"]]
    assert len(labels) == len(set(labels))
    for expected in ("Soviet Union", "Japan", "Mongolia", "Kwantung Army", "Georgy Zhukov"):
        assert expected in labels
    assert all(p["evidence"] for p in data["participants"])


def test_integration_turtle_export_parses_alike_in_rdflib_and_pyoxigraph(seeds_store) -> None:  # type: ignore[no-untyped-def]
    data = export(seeds_store, "turtle")
    assert data is not None
    graph = rdflib.Graph().parse(data=data, format="turtle")
    triples = set(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(graph) == len(triples) > 1000


def test_integration_build_reports_bad_files_and_builds_the_rest(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text("The Battle of Stalingrad began in 1942. The Red Army fought there.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes(
        "The Treaty of Brest-Litovsk was signed in 1918. Caf\xe9.".encode("cp1252")
    )
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "empty.txt: empty file" in result.output
    assert "binary.txt: binary file" in result.output
    assert "latin.txt: not valid UTF-8" in result.output
    assert "Traceback" not in result.output
    assert "2 documents" in result.output
