"""The vocabulary table (extract/vocabulary.py) against everything that spells it out.

kg/ontology.ttl is compared with the table in both directions: every class, property,
label, parent, role type and Wikidata link of the table is in the file, and every node
class, event or actor property, role type and Wikidata link of the file is in the table.
kg.vocab.HKG (the closed namespace) must hold every hkg term of the table, the SPARQL
files must name whole groups of the table in their VALUES lists, and the type names
written into extraction rules, the palette and the benchmarks must be the table's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from extract import vocabulary
from extract.vocabulary import NODE_TYPES, PREDICATES, NodeType, Predicate
from kg.vocab import HKG, PREFIXES, SEM, term, type_iri

ROOT = Path(__file__).resolve().parent.parent
SKOS = Namespace(PREFIXES["skos"])
WDT = Namespace(PREFIXES["wdt"])
SEM_ROOTS = {"sem:Event", "sem:Actor", "sem:Place"}
ALL_TYPE_NAMES = {t.name for t in NODE_TYPES}


def iri(name: str) -> URIRef:
    return URIRef(str(term(name)))


def hkg_subjects(graph: Graph, predicate: URIRef, obj: URIRef) -> set[URIRef]:
    return {
        s
        for s in graph.subjects(predicate, obj)
        if isinstance(s, URIRef) and s.startswith(str(HKG._NS))
    }


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    values = list(graph.objects(subject, predicate))
    assert all(isinstance(v, Literal) and v.language == "en" for v in values), values
    return sorted(str(v) for v in values)


# ---------------------------------------------------------------------------------------
# The table itself
# ---------------------------------------------------------------------------------------


def test_vocabulary_names_are_unique() -> None:
    assert len({t.name for t in NODE_TYPES}) == len(NODE_TYPES)
    for field in ("name", "answer", "term"):
        values = [getattr(p, field) for p in PREDICATES]
        assert len(set(values)) == len(values), field
    fallbacks = {vocabulary.EVENT_FALLBACK, vocabulary.ENTITY_FALLBACK}
    assert not fallbacks & ALL_TYPE_NAMES


@pytest.mark.parametrize("node_type", NODE_TYPES, ids=lambda t: t.name)
def test_vocabulary_types_rise_to_the_sem_class_of_their_kind(node_type: NodeType) -> None:
    chain = vocabulary.ancestors(node_type)
    assert all(a.removeprefix("hkg:") in ALL_TYPE_NAMES for a in chain[:-1])
    allowed = {"sem:Event"} if node_type.kind == "event" else {"sem:Actor", "sem:Place"}
    assert chain[-1] in allowed


def test_vocabulary_roles_and_only_roles_have_rank_role_type_and_wikidata() -> None:
    for p in PREDICATES:
        details = (p.rank, p.role_type, p.wikidata)
        if p.group == "role":
            assert None not in details, p
        else:
            assert details == (None, None, None), p
    ranks = sorted(vocabulary.BY_NAME[name].rank or 0 for name in vocabulary.ROLES)
    assert ranks == list(range(len(vocabulary.ROLES)))


def test_vocabulary_views_keep_the_orders_answers_rely_on() -> None:
    # Subclasses before their parents, so that short_type picks the most specific class.
    specific = vocabulary.ENTITY_TYPES_SPECIFIC_FIRST
    assert specific.index("MilitaryUnit") < specific.index("Organization")
    assert set(specific) == set(vocabulary.ENTITY_TYPES)
    assert vocabulary.ROLES_BY_RANK[0] == "commander"
    assert vocabulary.ROLES_BY_RANK[-1] == "participant"
    assert vocabulary.EVENT_TYPES[-1] == vocabulary.EVENT_FALLBACK


# ---------------------------------------------------------------------------------------
# kg/vocab.py: the closed namespace holds every term of the table
# ---------------------------------------------------------------------------------------


def table_terms() -> set[str]:
    """Every prefixed name the table uses."""
    names = {f"hkg:{t.name}" for t in NODE_TYPES} | {t.parent for t in NODE_TYPES}
    names |= {p.term for p in PREDICATES}
    names |= {p.role_type for p in PREDICATES if p.role_type is not None}
    return names


@pytest.mark.parametrize("name", sorted(table_terms()))
def test_vocabulary_terms_are_in_the_closed_namespaces(name: str) -> None:
    prefix, _, local = name.partition(":")
    closed = {"hkg": HKG, "sem": SEM}[prefix]
    assert local in closed.__annotations__
    assert str(term(name)) == PREFIXES[prefix] + local


def test_vocabulary_term_and_type_iri_refuse_names_outside_the_table() -> None:
    with pytest.raises(AttributeError):
        term("hkg:Siege")
    with pytest.raises(KeyError):
        type_iri("Statement")  # an hkg class, but not a node type
    assert type_iri(vocabulary.EVENT_FALLBACK) == SEM.Event
    assert type_iri(vocabulary.ENTITY_FALLBACK) == SEM.Actor


# ---------------------------------------------------------------------------------------
# kg/ontology.ttl, from the table to the file
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("node_type", NODE_TYPES, ids=lambda t: t.name)
def test_ontology_has_each_table_type(ontology_graph: Graph, node_type: NodeType) -> None:
    cls = iri(f"hkg:{node_type.name}")
    assert (cls, RDF.type, OWL.Class) in ontology_graph
    assert english(ontology_graph, cls, RDFS.label) == [node_type.label]
    assert set(ontology_graph.objects(cls, RDFS.subClassOf)) == {iri(node_type.parent)}


@pytest.mark.parametrize("predicate", PREDICATES, ids=lambda p: p.name)
def test_ontology_has_each_table_predicate(ontology_graph: Graph, predicate: Predicate) -> None:
    prop = iri(predicate.term)
    assert english(ontology_graph, prop, RDFS.label) == [predicate.label]
    kind = OWL.DatatypeProperty if predicate.group == "date" else OWL.ObjectProperty
    assert (prop, RDF.type, kind) in ontology_graph
    matches = set(ontology_graph.objects(prop, SKOS.closeMatch))
    assert matches == ({WDT[predicate.wikidata]} if predicate.wikidata else set())
    if predicate.role_type is None:
        assert (prop, RDFS.subPropertyOf, SEM.hasActor) not in ontology_graph
        return
    assert (prop, RDFS.subPropertyOf, SEM.hasActor) in ontology_graph
    role_type = iri(predicate.role_type)
    assert (role_type, RDF.type, SEM.RoleType) in ontology_graph
    assert (role_type, RDF.type, SKOS.Concept) in ontology_graph
    assert english(ontology_graph, role_type, SKOS.prefLabel) == [predicate.label]
    assert english(ontology_graph, role_type, RDFS.label) == [predicate.label]
    assert (role_type, RDFS.seeAlso, prop) in ontology_graph


def test_ontology_labels_each_wikidata_property_the_table_links(ontology_graph: Graph) -> None:
    for p in PREDICATES:
        if p.wikidata is not None:
            assert english(ontology_graph, WDT[p.wikidata], RDFS.label), p.wikidata


# ---------------------------------------------------------------------------------------
# kg/ontology.ttl, from the file to the table
# ---------------------------------------------------------------------------------------


def test_ontology_node_classes_are_all_in_the_table(ontology_graph: Graph) -> None:
    """Every hkg class below sem:Event, sem:Actor or sem:Place is a table type."""
    roots = {iri(name) for name in SEM_ROOTS}
    below = {
        s.removeprefix(str(HKG._NS))
        for s in hkg_subjects(ontology_graph, RDF.type, OWL.Class)
        if roots & set(ontology_graph.transitive_objects(s, RDFS.subClassOf))
    }
    assert below == ALL_TYPE_NAMES


def test_ontology_event_and_actor_properties_are_all_in_the_table(ontology_graph: Graph) -> None:
    """Every hkg property of an event or an actor, every sub-property of sem:hasActor,
    every role type and every Wikidata link is the table's."""
    from_events_or_actors = hkg_subjects(ontology_graph, RDFS.domain, SEM.Event)
    from_events_or_actors |= hkg_subjects(ontology_graph, RDFS.domain, SEM.Actor)
    table_hkg = {iri(p.term) for p in PREDICATES if p.term.startswith("hkg:")}
    assert from_events_or_actors == table_hkg

    roles = {iri(p.term) for p in PREDICATES if p.group == "role"}
    assert set(ontology_graph.subjects(RDFS.subPropertyOf, SEM.hasActor)) == roles
    role_types = {iri(p.role_type) for p in PREDICATES if p.role_type is not None}
    assert set(ontology_graph.subjects(RDF.type, SEM.RoleType)) == role_types
    links = {
        (s, o)
        for s, o in ontology_graph.subject_objects(SKOS.closeMatch)
        if isinstance(o, URIRef) and o.startswith(str(WDT))
    }
    assert links == {(iri(p.term), WDT[p.wikidata]) for p in PREDICATES if p.wikidata}


# ---------------------------------------------------------------------------------------
# SPARQL files: a VALUES list that names part of a group names all of it
# ---------------------------------------------------------------------------------------

GROUPS: dict[str, set[str]] = {
    "roles": {p.term for p in PREDICATES if p.group == "role"},
    "actor statements": {p.term for p in PREDICATES if p.group == "statement"},
    "dates": {p.term for p in PREDICATES if p.group == "date"},
    "entity types": {f"hkg:{name}" for name in vocabulary.ENTITY_TYPES},
    "event classes": {f"hkg:{name}" for name in vocabulary.EVENT_CLASSES},
}
_VALUES = re.compile(r"VALUES\s+\?\w+\s*\{([^}]*)\}")


def values_lists() -> list[tuple[str, set[str]]]:
    found = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = re.sub(r"#[^\n]*", "", path.read_text(encoding="utf-8"))
        for match in _VALUES.finditer(text):
            found.append((path.name, set(match.group(1).split())))
    return found


def test_sparql_values_lists_are_found() -> None:
    # Guards the test below against a pattern that silently matches nothing.
    names = {name for name, _ in values_lists()}
    assert {"who.rq", "entities.rq", "events.rq", "fact_counts.rq"} <= names


@pytest.mark.parametrize(("file", "terms"), values_lists(), ids=lambda v: str(v)[:20])
def test_sparql_values_lists_name_whole_groups_of_the_table(file: str, terms: set[str]) -> None:
    for group, members in GROUPS.items():
        if terms & members:
            assert members <= terms, f"{file} lists part of the {group}: {members - terms} missing"


# ---------------------------------------------------------------------------------------
# Type names written into rules, pictures and benchmarks
# ---------------------------------------------------------------------------------------


def test_type_names_in_extraction_rules_are_the_tables() -> None:
    # A misspelt type in a rule never matches a node, and nothing else would notice.
    from extract import docred, lexicon, mentions, participation, relations, resolve
    from queries import gold

    used: dict[str, set[str]] = {
        "lexicon.EVENT_CUES": set(lexicon.EVENT_CUES.values()),
        "lexicon.ANAPHOR_TYPES": {t for types in lexicon.ANAPHOR_TYPES.values() for t in types},
        "mentions.ENTITY_LABELS": set(mentions.ENTITY_LABELS.values()),
        "relations.FIGHTING_TYPES": set(relations.FIGHTING_TYPES),
        "relations.AGREEING_TYPES": set(relations.AGREEING_TYPES),
        "relations._PLACE_NAMED_TYPES": set(relations._PLACE_NAMED_TYPES),
        "participation._FIGHTING": set(participation._FIGHTING),
        "resolve._ANCHOR_TYPES": set(resolve._ANCHOR_TYPES),
        "resolve._TYPE_PRIORITY": set(resolve._TYPE_PRIORITY),
        "gold.COMPATIBLE_TYPES": {t for k, v in gold.COMPATIBLE_TYPES.items() for t in (k, *v)},
        "docred.TYPE_MAP": {t for types in docred.TYPE_MAP.values() for t in types},
    }
    known = set(vocabulary.ENTITY_TYPES) | set(vocabulary.EVENT_TYPES)
    for where, names in used.items():
        assert names and names <= known, f"{where}: {names - known}"


def test_palette_colours_every_type_and_only_those() -> None:
    from queries.presenting.palette import TYPE_COLOURS

    fallbacks = {vocabulary.EVENT_FALLBACK, vocabulary.ENTITY_FALLBACK}
    assert set(TYPE_COLOURS) == ALL_TYPE_NAMES | fallbacks


def test_benchmark_types_are_the_tables() -> None:
    from bench import synthetic

    assert set(synthetic.EVENT_TYPES) <= set(vocabulary.EVENT_CLASSES)
    assert set(synthetic._EVENT_PATTERNS) == set(synthetic.EVENT_TYPES)
