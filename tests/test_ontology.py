"""kg/ontology.ttl: parses everywhere, documents exactly the terms of kg.vocab.HKG."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.vocab import HKG, PREFIXES, SEM

ONTOLOGY_IRI = URIRef("https://w3id.org/histkg/ns")
SKOS = Namespace(PREFIXES["skos"])
WDT = Namespace(PREFIXES["wdt"])
# A plain Namespace: rdflib's XSD warns when pytest probes module attributes.
XSD = Namespace(PREFIXES["xsd"])

HKG_TERMS = {HKG[name] for name in HKG.__annotations__}
ROLES = {
    HKG.participant: WDT.P710,
    HKG.commander: WDT.P4791,
    HKG.belligerent: WDT.P710,
    HKG.signatory: WDT.P1891,
}
EVENT_CLASSES = [
    HKG.Battle,
    HKG.War,
    HKG.Treaty,
    HKG.Conference,
    HKG.Incident,
    HKG.Operation,
    HKG.Declaration,
]
ACTOR_CLASSES = [HKG.Person, HKG.Country, HKG.Organization, HKG.MilitaryUnit]
DATATYPE_RANGES = {
    HKG.confidence: XSD.decimal,
    HKG.method: XSD.string,
    HKG.sha256: XSD.string,
    HKG.sourceFile: XSD.string,
    HKG.pipelineVersion: XSD.string,
}


def ontology_path() -> Path:
    resource = files("kg") / "ontology.ttl"
    assert resource.is_file(), "kg/ontology.ttl is missing from the kg package"
    return Path(str(resource))


def test_ontology_is_package_data_readable_via_importlib_resources() -> None:
    text = (files("kg") / "ontology.ttl").read_text(encoding="utf-8")
    g = Graph().parse(data=text, format="turtle")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g


def test_ontology_parses_to_same_triple_count_in_rdflib_and_pyoxigraph(
    ontology_graph: Graph,
) -> None:
    oxi_triples = set(
        pyoxigraph.parse(path=str(ontology_path()), format=pyoxigraph.RdfFormat.TURTLE)
    )
    assert len(ontology_graph) > 0
    assert len(oxi_triples) == len(ontology_graph)


def test_ontology_header_has_title_description_version_and_see_also(ontology_graph: Graph) -> None:
    dcterms = Namespace(PREFIXES["dcterms"])
    assert ontology_graph.value(ONTOLOGY_IRI, dcterms.title) is not None
    description = str(ontology_graph.value(ONTOLOGY_IRI, dcterms.description))
    for needle in (
        "named graph",
        "graph/resolved",
        "event/<slug>",
        "hkg:Statement",
    ):
        assert needle in description
    assert ontology_graph.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    see_also = set(ontology_graph.objects(ONTOLOGY_IRI, RDFS.seeAlso))
    for prefix in ("sem", "nif", "prov", "skos"):
        assert URIRef(PREFIXES[prefix]) in see_also


@pytest.mark.parametrize("term", sorted(HKG_TERMS), ids=lambda t: t.split("#")[-1])
def test_ontology_documents_every_vocab_term(ontology_graph: Graph, term: URIRef) -> None:
    kinds = set(ontology_graph.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}, (
        f"{term}: no rdf:type"
    )
    for predicate in (RDFS.label, RDFS.comment):
        values = list(ontology_graph.objects(term, predicate))
        assert values, f"{term}: no {predicate}"
        assert all(isinstance(v, Literal) and v.language == "en" and str(v) for v in values)
    assert ontology_graph.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI


def test_ontology_has_no_hkg_subjects_missing_from_vocab(ontology_graph: Graph) -> None:
    namespace = str(HKG._NS)
    subjects = {
        s for s in ontology_graph.subjects() if isinstance(s, URIRef) and s.startswith(namespace)
    }
    assert subjects - HKG_TERMS == set(), "terms in ontology.ttl but not in kg.vocab.HKG"
    assert HKG_TERMS - subjects == set(), "terms in kg.vocab.HKG but not in ontology.ttl"


def test_ontology_mentions_no_hkg_term_missing_from_vocab(ontology_graph: Graph) -> None:
    namespace = str(HKG._NS)
    used = {
        node
        for triple in ontology_graph
        for node in triple
        if isinstance(node, URIRef) and node.startswith(namespace)
    }
    assert used <= HKG_TERMS


@pytest.mark.parametrize("role", sorted(ROLES), ids=lambda t: t.split("#")[-1])
def test_ontology_roles_are_sem_has_actor_subproperties(
    ontology_graph: Graph, role: URIRef
) -> None:
    assert (role, RDF.type, OWL.ObjectProperty) in ontology_graph
    assert (role, RDFS.subPropertyOf, SEM.hasActor) in ontology_graph
    assert (role, RDFS.domain, SEM.Event) in ontology_graph
    assert (role, RDFS.range, SEM.Actor) in ontology_graph
    assert (role, SKOS.closeMatch, ROLES[role]) in ontology_graph


@pytest.mark.parametrize("cls", EVENT_CLASSES, ids=lambda t: t.split("#")[-1])
def test_ontology_event_classes_are_sem_events(ontology_graph: Graph, cls: URIRef) -> None:
    assert (cls, RDFS.subClassOf, SEM.Event) in ontology_graph


def test_ontology_actor_and_place_class_hierarchy(ontology_graph: Graph) -> None:
    assert (HKG.MilitaryUnit, RDFS.subClassOf, HKG.Organization) in ontology_graph
    for cls in ACTOR_CLASSES:
        assert SEM.Actor in set(ontology_graph.transitive_objects(cls, RDFS.subClassOf)), cls
    assert (HKG.Country, RDFS.subClassOf, SEM.Place) not in ontology_graph
    assert (HKG.Place, RDFS.subClassOf, SEM.Place) in ontology_graph


def test_ontology_evidence_classes_extend_rdf_prov_and_nif(ontology_graph: Graph) -> None:
    prov = Namespace(PREFIXES["prov"])
    nif = Namespace(PREFIXES["nif"])
    assert (HKG.Statement, RDFS.subClassOf, RDF.Statement) in ontology_graph
    assert (HKG.Statement, RDFS.subClassOf, prov.Entity) in ontology_graph
    assert (HKG.Document, RDFS.subClassOf, nif.Context) in ontology_graph
    assert (HKG.Document, RDFS.subClassOf, prov.Entity) in ontology_graph


@pytest.mark.parametrize("prop", sorted(DATATYPE_RANGES), ids=lambda t: t.split("#")[-1])
def test_ontology_datatype_properties_have_xsd_ranges(ontology_graph: Graph, prop: URIRef) -> None:
    assert (prop, RDF.type, OWL.DatatypeProperty) in ontology_graph
    assert ontology_graph.value(prop, RDFS.range) == DATATYPE_RANGES[prop]


def test_ontology_prefixes_agree_with_vocab_prefixes() -> None:
    text = ontology_path().read_text(encoding="utf-8")
    declared = dict(re.findall(r"^@prefix\s+(\w*):\s*<([^>]*)>\s*\.", text, flags=re.MULTILINE))
    assert declared, "no @prefix lines found"
    for prefix, iri in declared.items():
        if prefix in PREFIXES:
            assert iri == PREFIXES[prefix], prefix
