"""Closed vocabularies: a typo in a term raises AttributeError instead of minting an IRI.

``HKG`` holds the project's own terms, each documented in ``kg/ontology.ttl``. Standard
vocabularies that rdflib does not ship (SEM, NIF) are declared closed here as well, with
only the terms this project uses.

The node types, fact predicates and roles are those of the vocabulary table,
``extract/vocabulary.py``; :func:`term` turns its prefixed names into IRIs through the
closed namespaces. ``HKG`` stays written out so that type checkers know its attributes;
tests/test_vocabulary.py checks it against the table.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

from extract import vocabulary

BASE = "https://w3id.org/histkg/"


class HKG(DefinedNamespace):
    """The history knowledge graph vocabulary (see kg/ontology.ttl)."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    # Actor classes (all rdfs:subClassOf sem:Actor, Place is sem:Place)
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    MilitaryUnit: URIRef
    Place: URIRef
    # Event classes (all rdfs:subClassOf sem:Event)
    Battle: URIRef
    War: URIRef
    Treaty: URIRef
    Conference: URIRef
    Incident: URIRef
    Operation: URIRef
    Declaration: URIRef
    # Reified claims and their provenance
    Statement: URIRef
    Document: URIRef
    Quantity: URIRef
    # The resolved layer: what the corpus concludes, one node per fact
    Fact: URIRef
    # ... and the size of its actor–event network at each confidence level
    NetworkSize: URIRef
    minConfidence: URIRef
    nodeCount: URIRef
    # A person's correction of the extraction (kg/corrections.py)
    Correction: URIRef
    action: URIRef
    # Role types (sem:RoleType, skos:Concept) for SEM's role pattern
    ParticipantRole: URIRef
    CommanderRole: URIRef
    BelligerentRole: URIRef
    SignatoryRole: URIRef
    # Roles (all rdfs:subPropertyOf sem:hasActor)
    participant: URIRef
    commander: URIRef
    belligerent: URIRef
    signatory: URIRef
    # Actor statements
    declaredWarOn: URIRef
    denounced: URIRef
    signed: URIRef
    # Provenance and bookkeeping
    confidence: URIRef
    method: URIRef
    sha256: URIRef
    sourceFile: URIRef
    pipelineVersion: URIRef
    # Numbers stated about events: casualties, prisoners, troops, equipment
    hasQuantity: URIRef
    measure: URIRef
    unit: URIRef
    about: URIRef
    approximate: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model (van Hage et al. 2011), the terms used here."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasTimeStamp: URIRef
    eventType: URIRef
    actorType: URIRef
    Role: URIRef
    RoleType: URIRef
    roleType: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core, the terms used for sentence evidence."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    Sentence: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef
    sourceUrl: URIRef


# Where resources live: one prefix per kind keeps Turtle readable (ev:battle-of-x).
EVENT_NS = Namespace(BASE + "event/")
ENTITY_NS = Namespace(BASE + "entity/")
SOURCE_NS = Namespace(BASE + "source/")
STATEMENT_NS = Namespace(BASE + "statement/")
QUANTITY_NS = Namespace(BASE + "quantity/")
FACT_NS = Namespace(BASE + "fact/")
GRAPH_NS = Namespace(BASE + "graph/")
# The named graph that holds what the corpus concludes (the resolved layer): canonical
# labels, types, one triple per fact with its confidence and the claims behind it.
RESOLVED_GRAPH = GRAPH_NS["resolved"]
# The named graph that holds kg/ontology.ttl, so that queries can read the vocabulary.
ONTOLOGY_GRAPH = GRAPH_NS["ontology"]

PREFIXES: dict[str, str] = {
    "hkg": str(HKG._NS),
    "ev": str(EVENT_NS),
    "ent": str(ENTITY_NS),
    "src": str(SOURCE_NS),
    "st": str(STATEMENT_NS),
    "qty": str(QUANTITY_NS),
    "fact": str(FACT_NS),
    "graph": str(GRAPH_NS),
    "sem": str(SEM._NS),
    "nif": str(NIF._NS),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "wd": "http://www.wikidata.org/entity/",
}


def term(name: str) -> URIRef:
    """The IRI of a prefixed name of the vocabulary table ("hkg:Battle", "sem:hasPlace").
    A name the closed namespaces do not hold raises AttributeError."""
    prefix, _, local = name.partition(":")
    closed: type[DefinedNamespace] = {"hkg": HKG, "sem": SEM}[prefix]
    return closed[local]


def type_iri(name: str) -> URIRef:
    """The class of a node type's short name: hkg:<name>, or sem:Event and sem:Actor for a
    node that has no hkg class (the table's fallbacks)."""
    if name == vocabulary.EVENT_FALLBACK:
        return SEM.Event
    if name == vocabulary.ENTITY_FALLBACK:
        return SEM.Actor
    return term("hkg:" + vocabulary.TYPES_BY_NAME[name].name)


# Each fact predicate's property, by the name facts carry ("begin" -> sem:hasBeginTimeStamp).
PREDICATE_IRIS: dict[str, str] = {p.name: str(term(p.term)) for p in vocabulary.PREDICATES}
# Each role property -> its SEM role type (hkg:commander -> hkg:CommanderRole).
ROLE_TYPES: dict[str, str] = {
    str(term(p.term)): str(term(p.role_type))
    for p in vocabulary.PREDICATES
    if p.role_type is not None
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix above, for queries users type."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
