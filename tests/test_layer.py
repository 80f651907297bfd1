"""kg/layer.py: the resolved layer that plain SPARQL reads (graph:resolved)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.layer import Claim, resolved_quads
from kg.mapping import date_literal
from kg.store import GraphStore
from kg.vocab import sparql_prologue
from queries.sparql import run_query

XSD = "http://www.w3.org/2001/XMLSchema#"
KHALKHIN = "https://w3id.org/histkg/event/battle-of-khalkhin-gol"
SOVIET_UNION = "https://w3id.org/histkg/entity/soviet-union"
STANDARD = """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def rows(store: GraphStore, query: str) -> list[tuple[str | None, ...]]:
    result = run_query(store, query).result
    assert isinstance(result, ox.QuerySolutions)
    return [tuple(t.value if t is not None else None for t in s) for s in result]


def test_layer_sem_has_actor_answers_without_inference(mini_store: GraphStore) -> None:
    found = rows(mini_store, STANDARD + "SELECT ?e ?a WHERE { ?e sem:hasActor ?a }")
    roles = rows(
        mini_store,
        "SELECT DISTINCT ?e ?a WHERE { ?e ?r ?a . ?r rdfs:subPropertyOf sem:hasActor }",
    )
    assert found and len(found) == len(set(found)) == len(roles)
    assert set(found) == set(roles)


def test_layer_one_consensus_date_per_event_typed_at_its_precision(
    mini_store: GraphStore,
) -> None:
    # The documents claim 1939-05-11 and 1939-05-28 (begin), 1939-09-16 and 1939-09 (end).
    query = (
        STANDARD + "SELECT ?begin ?end (DATATYPE(?begin) AS ?t) WHERE { "
        f"<{KHALKHIN}> sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end }}"
    )
    assert rows(mini_store, query) == [("1939-05-11", "1939-09-16", XSD + "date")]


def test_layer_each_fact_has_a_confidence_and_the_claims_behind_it(
    mini_store: GraphStore,
) -> None:
    # Two documents claim the Soviet Union fought at Khalkhin Gol: one fact, two claims.
    query = f"""SELECT ?confidence ?claim ?claimConfidence WHERE {{
      ?fact a hkg:Fact ; rdf:subject <{KHALKHIN}> ; rdf:predicate hkg:belligerent ;
            rdf:object <{SOVIET_UNION}> ; hkg:confidence ?confidence ;
            prov:wasDerivedFrom ?claim .
      ?claim a hkg:Statement ; hkg:confidence ?claimConfidence
    }}"""
    found = rows(mini_store, query)
    assert len(found) == 2
    best = max(float(c) for _, _, c in found)
    assert {float(c) for c, _, _ in found} == {best}


def test_layer_role_facts_follow_sems_role_pattern(mini_store: GraphStore) -> None:
    query = (
        STANDARD + "SELECT ?actor ?type WHERE { ?r a sem:Role ; rdf:subject "
        f"<{KHALKHIN}> ; rdf:value ?a ; sem:roleType/skos:prefLabel ?type . "
        "?a skos:prefLabel ?actor } ORDER BY ?actor ?type"
    )
    found = rows(mini_store, query)
    assert ("Georgy Zhukov", "commander") in found
    assert ("Soviet Union", "belligerent") in found
    assert len(found) == len(set(found))


def test_layer_prov_alone_reaches_the_sentences(mini_store: GraphStore) -> None:
    """Fact -> claim -> sentence, with PROV and RDF terms only."""
    query = (
        STANDARD + "SELECT DISTINCT ?sentence WHERE { ?fact rdf:subject "
        f"<{KHALKHIN}> ; rdf:predicate sem:hasBeginTimeStamp ; "
        "prov:wasDerivedFrom/prov:wasDerivedFrom ?sentence }"
    )
    assert len(rows(mini_store, query)) == 1  # only the claim of the chosen date


def test_layer_document_graphs_assert_no_fact(mini_store: GraphStore) -> None:
    query = """SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o }
      FILTER (?g != graph:resolved && ?g != graph:ontology)
      VALUES ?p { sem:hasActor hkg:belligerent hkg:commander sem:hasBeginTimeStamp } }"""
    assert rows(mini_store, query) == []


def test_layer_ontology_is_in_its_own_graph(mini_store: GraphStore) -> None:
    query = "ASK { GRAPH graph:ontology { hkg:commander rdfs:subPropertyOf sem:hasActor } }"
    assert run_query(mini_store, query).result  # type: ignore[truthy-bool]


def test_layer_bc_years_and_disagreeing_claims(tmp_path: object) -> None:
    event = ox.NamedNode("https://w3id.org/histkg/event/battle-of-pharsalus")
    begin = ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/hasBeginTimeStamp")
    assert date_literal("-0048").datatype.value == XSD + "gYear"
    assert date_literal("-0048-08-09").datatype.value == XSD + "date"

    def claim(value: str, n: int, source: str) -> Claim:
        statement = ox.NamedNode(f"https://w3id.org/histkg/statement/{n}")
        return Claim(event, begin, date_literal(value), statement, 0.8, source)

    claims = [
        claim("-0048-08-09", 1, "a.txt"),
        claim("-0048", 2, "b.txt"),
        claim("-0047", 3, "c.txt"),
    ]
    store = ox.Store()
    store.extend(resolved_quads(claims))
    answer = list(
        store.query(
            sparql_prologue() + "SELECT ?v (COUNT(?c) AS ?n) WHERE { ?e sem:hasBeginTimeStamp ?v . "
            "?f rdf:subject ?e ; rdf:predicate sem:hasBeginTimeStamp ; prov:wasDerivedFrom ?c } "
            "GROUP BY ?v",
            use_default_graph_as_union=True,
        )
    )
    # The day is backed by the year that contains it (two sources against one).
    assert [(s["v"].value, s["v"].datatype.value, s["n"].value) for s in answer] == [
        ("-0048-08-09", XSD + "date", "2")
    ]


# ---------------------------------------------------------------------------------------
# Links out: Wikidata items of the states the gazetteer knows (offline, as data)
# ---------------------------------------------------------------------------------------


def test_layer_gazetteer_states_carry_certain_wikidata_items_only() -> None:
    from extract.gazetteer import countries, country_named

    japan, soviet = country_named("Japan"), country_named("USSR")
    assert japan is not None and japan.wikidata == "Q17"
    assert soviet is not None and soviet.wikidata == "Q15180"
    items = [c.wikidata for c in countries() if c.wikidata]
    assert len(items) == len(set(items)), "two states share a Wikidata item"
    assert any(c.wikidata is None for c in countries())  # blank where not certain


def test_layer_bad_wikidata_column_is_a_clear_error() -> None:
    import pytest

    from extract.gazetteer import COLUMNS, _parse

    header = "\t".join(COLUMNS)
    with pytest.raises(ValueError, match="line 2: 'Japan' is not a Wikidata item"):
        _parse(header + "\nJapan\t\t\t\t\tno\tJapan\n")


def test_layer_states_link_to_wikidata_in_the_built_graph(seeds_store: GraphStore) -> None:
    query = (
        "SELECT ?label ?item WHERE { ?s skos:exactMatch ?item ; skos:prefLabel ?label . "
        "FILTER (?label IN ('Japan', 'Soviet Union')) } ORDER BY ?label"
    )
    assert rows(seeds_store, query) == [
        ("Japan", "http://www.wikidata.org/entity/Q17"),
        ("Soviet Union", "http://www.wikidata.org/entity/Q15180"),
    ]
