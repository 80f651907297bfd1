"""kg/corrections.py and kg correct: corrections kept with the corpus, applied by every build."""

from __future__ import annotations

import copy
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.corrections import Correction, CorrectionError, append, apply, load
from kg.mapping import write_corpus
from kg.store import GraphStore, open_store
from queries.describe import describe
from queries.events import when, who
from queries.sources import sources
from queries.sparql import run_query

# The article that describes the battle names it so (its other name is a node of its own).
KHALKHIN = "Battle of Jaljin Goal"
PACT = "Soviet-Japanese Neutrality Pact"


def rows(store: GraphStore, query: str) -> list[tuple[str | None, ...]]:
    result = run_query(store, query).result
    assert isinstance(result, ox.QuerySolutions)
    return [tuple(t.value if t is not None else None for t in s) for s in result]


def test_corrections_file_round_trips_with_who_when_and_why(tmp_path: Path) -> None:
    file = tmp_path / "corrections.toml"
    assert load(file) == []  # no file, no corrections
    written = append(
        file,
        Correction("wrong", KHALKHIN, "Manchukuo", "belligerent", by="ann", why='a "quote"'),
    )
    append(file, Correction("date", PACT, "1946-04-05", "end"))
    loaded = load(file)
    assert loaded[0] == written and written.by == "ann" and written.at.endswith("Z")
    assert loaded[1].action == "date" and loaded[1].by  # stamped with somebody


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[correction]]\naction = 'forget'\nsubject = 'a'\nobject = 'b'\n", "unknown correction"),
        (
            "[[correction]]\naction = 'date'\nsubject = 'a'\npredicate = 'end'\nobject = '19x'\n",
            "is not a date",
        ),
        ("[[correction]]\naction = 'type'\nsubject = 'a'\nobject = 'Planet'\n", "unknown type"),
        ("[[correction]\n", "cannot read corrections file"),
    ],
)
def test_corrections_bad_file_is_a_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    file = tmp_path / "corrections.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionError, match=message) as caught:
        load(file)
    assert "\n" not in str(caught.value)


@pytest.fixture(scope="module")
def corrected(seeds_corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The seeds built with one correction of each kind, and one that matches nothing."""
    corpus, pipeline = copy.deepcopy(seeds_corpus)
    corrections = [
        Correction(
            "wrong",
            KHALKHIN,
            "Manchukuo",
            "belligerent",
            by="ann",
            at="2026-12-01T10:00:00Z",
            why="territory only",
        ),
        Correction(
            "date",
            PACT,
            "1946-04-05",
            "end",
            by="ann",
            at="2026-12-01T10:01:00Z",
            why="legal force",
        ),
        Correction("type", "Gestapo", "Organization", by="bob", at="2026-12-01T10:02:00Z"),
        Correction(
            "same",
            "Soviet-Japanese War",
            "Soviet-Japanese Border War",
            by="bob",
            at="2026-12-01T10:03:00Z",
        ),
        Correction("wrong", "Battle of Nowhere", "Japan", "belligerent"),
    ]
    applied = apply(corpus, corrections)
    path = tmp_path_factory.mktemp("corrected")
    write_corpus(path, corpus, pipeline=pipeline, applied=applied)
    return open_store(path), applied


def test_corrections_unmatched_one_is_reported_not_applied(corrected) -> None:  # type: ignore[no-untyped-def]
    _store, applied = corrected
    assert [c.subject for c in applied.unmatched] == ["Battle of Nowhere"]
    assert len(applied.applied) == 4


def test_corrections_wrong_fact_leaves_the_conclusion_but_not_the_claims(corrected) -> None:  # type: ignore[no-untyped-def]
    store, _ = corrected
    # The belligerent triple is gone; a claim of another role stays (not corrected).
    roles = {p["label"]: p["roles"] for p in who(store, KHALKHIN, min_confidence=0)["participants"]}
    assert "belligerent" not in roles.get("Manchukuo", [])
    claims = rows(
        store,
        "SELECT ?c WHERE { ?c a hkg:Statement ; rdf:predicate hkg:belligerent ; "
        "rdf:subject/skos:prefLabel 'Battle of Jaljin Goal' ; "
        "rdf:object/skos:prefLabel 'Manchukuo' }",
    )
    assert claims  # what the source said is still there


def test_corrections_date_is_concluded_and_derived_from_the_correction(corrected) -> None:  # type: ignore[no-untyped-def]
    store, _ = corrected
    assert when(store, PACT)["end"] == "1946-04-05"
    found = rows(
        store,
        "SELECT ?why ?who ?confidence WHERE { ?fact rdf:predicate sem:hasEndTimeStamp ; "
        "rdf:subject/skos:prefLabel 'Soviet-Japanese Neutrality Pact' ; "
        "hkg:confidence ?confidence ; "
        "prov:wasDerivedFrom ?c . ?c a hkg:Correction ; rdfs:comment ?why ; "
        "prov:wasAttributedTo/rdfs:label ?who }",
    )
    assert found == [("legal force", "ann", "1")]  # a person's word: confidence 1


def test_corrections_type_and_merge_change_the_nodes(corrected) -> None:  # type: ignore[no-untyped-def]
    store, _ = corrected
    assert describe(store, "Gestapo")["type"] == "Organization"
    war = describe(store, "Soviet-Japanese War")
    assert "Soviet-Japanese Border War" in war["aliases"]
    assert describe(store, "Soviet-Japanese Border War")["iri"] == war["iri"]


def test_corrections_describe_and_sources_show_them(corrected) -> None:  # type: ignore[no-untyped-def]
    store, _ = corrected
    (shown,) = describe(store, KHALKHIN)["corrections"]
    assert (shown["action"], shown["predicate"], shown["by"], shown["why"]) == (
        "wrong",
        "belligerent",
        "ann",
        "territory only",
    )
    assert shown["object"] is not None and shown["object"]["label"] == "Manchukuo"
    (pact,) = [c for c in sources(store, PACT)["corrections"] if c["action"] == "date"]
    assert pact["value"] == "1946-04-05" and pact["at"] == "2026-12-01T10:01:00Z"


def test_corrections_cli_writes_the_file_and_refuses_nonsense(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    runner = CliRunner()
    ok = runner.invoke(
        main,
        ["correct", "type", "Nomonhan", "Place", "--why", "a village", "--corpus", str(tmp_path)],
    )
    assert ok.exit_code == 0, ok.output
    assert "kg build applies it" in ok.output
    assert load(tmp_path / "corrections.toml")[0].object == "Place"
    bad = runner.invoke(main, ["correct", "date", PACT, "end", "soon", "--corpus", str(tmp_path)])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: 'soon' is not a date")
    assert "Traceback" not in bad.output


def test_corrections_type_event_makes_a_plain_event_and_is_recorded(tmp_path: Path) -> None:
    # "Event" is a valid type with no hkg class: the build once died minting hkg:Event.
    from extract.model import Corpus, Node

    corpus = Corpus(
        nodes={"b": Node("b", "Battle of Somewhere", "event", "Battle", {"a.txt": {"X"}})}
    )
    applied = apply(corpus, [Correction("type", "Battle of Somewhere", "Event", by="ann")])
    assert len(applied.applied) == 1
    write_corpus(tmp_path, corpus, applied=applied)
    store = open_store(tmp_path)
    assert describe(store, "Battle of Somewhere")["type"] == "Event"
    (shown,) = describe(store, "Battle of Somewhere")["corrections"]
    assert (shown["action"], shown["predicate"], shown["value"]) == ("type", "type", "Event")
    assert shown["object"] is None
    recorded = rows(store, "SELECT ?o WHERE { ?c a hkg:Correction ; rdf:object ?o }")
    assert recorded == [("http://semanticweb.cs.vu.nl/2009/11/sem/Event",)]
