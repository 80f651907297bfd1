"""The resolved layer: what the corpus concludes, written beside what each source claims.

Each source document's named graph holds its *claims*: one ``hkg:Statement`` per fact
and sentence (``rdf:subject``, ``rdf:predicate``, ``rdf:object``, ``hkg:confidence``,
``prov:wasDerivedFrom`` the ``nif:Sentence``). No document graph asserts a fact as a plain
triple: the plain triples live only in ``graph:resolved``, one per fact, so that a query
over the union of the graphs (the store's default graph as every ``kg`` command and the
endpoint see it) gets one row per answer:

* one triple per (event, role, actor), with the role sub-property **and** ``sem:hasActor``;
* one ``sem:hasBeginTimeStamp`` / ``sem:hasEndTimeStamp`` per event: the value
  :func:`kg.dates.choose_timestamp` picks among the sources, typed at its precision;
* places (``sem:hasPlace``), actor statements, quantities (``hkg:hasQuantity``);
* for each of these a fact node, an ``hkg:Fact`` (``rdf:Statement``, ``prov:Entity``) with
  ``hkg:confidence`` (the best confidence among its claims) and ``prov:wasDerivedFrom``
  each claim that supports it. A role fact is also a ``sem:Role`` (``rdf:value`` the actor,
  ``sem:roleType`` the role type), SEM's pattern for roles;
* the size of the actor–event network (the nodes at either end of a role, actor-statement
  or place fact) at each confidence level its facts have: an ``hkg:NetworkSize`` per
  level with ``hkg:minConfidence`` and ``hkg:nodeCount`` (the nodes with a fact at or
  above it). Degree centrality needs that denominator, and counting it at query time
  ranks the whole graph (seconds at a million triples) for a card about one node.

The layer is a pure function of the claims (:func:`resolved_quads`), so a build, a test
fixture and a correction all derive it the same way.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, XSD

from .dates import choose_timestamp, contains, parse_stamp, precision_datatype, support
from .vocab import FACT_NS, HKG, NIF, RESOLVED_GRAPH, ROLE_TYPES, SEM

ROLE_PROPERTIES: dict[str, str] = ROLE_TYPES  # role property -> its SEM role type
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
DATE_PROPERTIES: tuple[str, ...] = (str(SEM.hasBeginTimeStamp), str(SEM.hasEndTimeStamp))
# The facts whose ends make the actor–event network (queries/network.rq, links.rq).
NETWORK_PROPERTIES: frozenset[str] = frozenset(
    [*ROLE_PROPERTIES, *(str(p) for p in (HKG.declaredWarOn, HKG.denounced, HKG.signed))]
) | {str(SEM.hasPlace)}


@dataclass(frozen=True, slots=True)
class Claim:
    """One fact as one source states it: the triple, the hkg:Statement that records it,
    its confidence and the source document's file name."""

    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.Literal
    statement: ox.NamedNode
    confidence: float
    source: str


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


_TYPE = _iri(str(RDF.type))
_SUBJECT = _iri(str(RDF.subject))
_PREDICATE = _iri(str(RDF.predicate))
_OBJECT = _iri(str(RDF.object))
_VALUE = _iri(str(RDF.value))
_DERIVED = _iri(str(PROV.wasDerivedFrom))
_CONFIDENCE = _iri(str(HKG.confidence))
_HAS_ACTOR = _iri(str(SEM.hasActor))
_ROLE_TYPE = _iri(str(SEM.roleType))
_FACT_CLASSES = (_iri(str(HKG.Fact)), _iri(str(RDF.Statement)), _iri(str(PROV.Entity)))
_ROLE = _iri(str(SEM.Role))
_DECIMAL = _iri(str(XSD.decimal))
_INTEGER = _iri(str(XSD.integer))
_NETWORK_SIZE = _iri(str(HKG.NetworkSize))
_MIN_CONFIDENCE = _iri(str(HKG.minConfidence))
_NODE_COUNT = _iri(str(HKG.nodeCount))


def fact_iri(subject: ox.NamedNode, predicate: ox.NamedNode, obj: Term) -> ox.NamedNode:
    """The fact node of one resolved triple: a hash of the triple, so stable across builds."""
    key = f"{subject}|{predicate}|{obj}"
    return _iri(str(FACT_NS[hashlib.sha256(key.encode()).hexdigest()[:20]]))


def confidence_literal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.2f}", datatype=_DECIMAL)


Decision = tuple[ox.Literal, ox.NamedNode]  # a date a person decided, and the correction


def resolved_quads(
    claims: Iterable[Claim],
    *,
    rejected: Collection[tuple[ox.NamedNode, ox.NamedNode, Term]] = (),
    decided: Mapping[tuple[ox.NamedNode, ox.NamedNode], Decision] | None = None,
) -> Iterator[ox.Quad]:
    """The resolved layer for ``claims`` (all quads in ``graph:resolved``).

    Corrections (kg/corrections.py) come in as ``rejected`` triples, which are not
    concluded whatever the claims say, and ``decided`` time stamps, which are concluded
    (confidence 1, derived from the correction and the claims stating the same value)."""
    graph = _iri(str(RESOLVED_GRAPH))
    decided = decided or {}
    triples: dict[tuple[ox.NamedNode, ox.NamedNode, Term], list[Claim]] = defaultdict(list)
    dates: dict[tuple[ox.NamedNode, ox.NamedNode], list[Claim]] = defaultdict(list)
    for claim in claims:
        if (claim.subject, claim.predicate, claim.object) in rejected:
            continue
        if claim.predicate.value in DATE_PROPERTIES:
            dates[(claim.subject, claim.predicate)].append(claim)
        else:
            triples[(claim.subject, claim.predicate, claim.object)].append(claim)

    by_people: dict[tuple[ox.NamedNode, ox.NamedNode, Term], ox.NamedNode] = {}
    for (subject, predicate), (value, correction) in decided.items():
        stated = [c for c in dates.pop((subject, predicate), []) if c.object == value]
        triples[(subject, predicate, value)] = stated
        by_people[(subject, predicate, value)] = correction
    for (subject, predicate), stated in sorted(dates.items(), key=str):
        chosen, backing = consensus(stated, end=predicate.value == str(SEM.hasEndTimeStamp))
        if chosen is None:
            continue
        triples[(subject, predicate, chosen)] = backing

    network: dict[Term, Decimal] = {}  # each network node's best fact confidence
    for (subject, predicate, obj), backing in sorted(triples.items(), key=str):
        yield ox.Quad(subject, predicate, obj, graph)
        fact = fact_iri(subject, predicate, obj)
        for cls in _FACT_CLASSES:
            yield ox.Quad(fact, _TYPE, cls, graph)
        yield ox.Quad(fact, _SUBJECT, subject, graph)
        yield ox.Quad(fact, _PREDICATE, predicate, graph)
        yield ox.Quad(fact, _OBJECT, obj, graph)
        person = by_people.get((subject, predicate, obj))
        best = confidence_literal(1.0 if person is not None else max(c.confidence for c in backing))
        yield ox.Quad(fact, _CONFIDENCE, best, graph)
        if predicate.value in NETWORK_PROPERTIES and isinstance(obj, ox.NamedNode):
            level = Decimal(best.value)
            for end in (subject, obj):
                network[end] = max(network.get(end, level), level)
        sources = {c.statement for c in backing} | ({person} if person is not None else set())
        for statement in sorted(sources, key=str):
            yield ox.Quad(fact, _DERIVED, statement, graph)
        role_type = ROLE_PROPERTIES.get(predicate.value)
        if role_type is not None and isinstance(obj, ox.NamedNode):
            yield ox.Quad(subject, _HAS_ACTOR, obj, graph)
            yield ox.Quad(fact, _TYPE, _ROLE, graph)
            yield ox.Quad(fact, _VALUE, obj, graph)
            yield ox.Quad(fact, _ROLE_TYPE, _iri(role_type), graph)
    yield from network_size_quads(network.values(), graph)


def network_size_quads(best: Iterable[Decimal], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """An hkg:NetworkSize for each confidence level in ``best`` (the best fact confidence
    of each network node): how many nodes have a fact at or above it. The size at any
    threshold is then that of the lowest level at or above it (0 above the highest); an
    empty network gets one level, 0.00, of no nodes."""
    ordered = sorted(best)
    levels = sorted(set(ordered)) or [Decimal("0.00")]
    for level in levels:
        node = _iri(f"{graph.value}#network-{level}")
        count = len(ordered) - bisect_left(ordered, level)
        yield ox.Quad(node, _TYPE, _NETWORK_SIZE, graph)
        yield ox.Quad(node, _MIN_CONFIDENCE, ox.Literal(str(level), datatype=_DECIMAL), graph)
        yield ox.Quad(node, _NODE_COUNT, ox.Literal(str(count), datatype=_INTEGER), graph)


def consensus(stated: list[Claim], *, end: bool) -> tuple[ox.Literal | None, list[Claim]]:
    """The time stamp the sources support best (:func:`kg.dates.choose_timestamp`), typed
    at its precision, and the claims that back it: those stating it and those stating a
    coarser value containing it."""
    sources: dict[str, set[str]] = defaultdict(set)
    for claim in stated:
        sources[claim.object.value].add(claim.source)
    # Each sentence counts by its confidence: a date the date model doubts weighs less
    # than one it trusts (kg/dates.py, rule 1 still first: most sources win).
    statements: dict[str, float] = defaultdict(float)
    for claim in stated:
        statements[claim.object.value] += claim.confidence
    value = choose_timestamp(sources, end=end, statements=statements)
    if value is None:
        return None, []
    backers = support(sources, value)
    backing = [
        c
        for c in stated
        if c.object.value == value or (c.source in backers and _contains(c.object.value, value))
    ]
    datatype = precision_datatype(value)
    literal = ox.Literal(value, datatype=_iri(datatype)) if datatype else ox.Literal(value)
    return literal, backing


def _contains(outer: str, inner: str) -> bool:
    a, b = parse_stamp(outer), parse_stamp(inner)
    return a is not None and b is not None and contains(a, b)


# ---------------------------------------------------------------------------------------
# Claims read back from document graphs (for graphs not built from a Corpus)
# ---------------------------------------------------------------------------------------

_STATEMENT = _iri(str(HKG.Statement))
_SOURCE_FILE = _iri(str(HKG.sourceFile))
_CONTEXT = _iri(str(NIF.referenceContext))


def claims_in(quads: Iterable[ox.Quad]) -> list[Claim]:
    """The claims recorded as hkg:Statements in ``quads`` (document graphs). The source of
    a claim is the file name of its sentence's document, else of its graph's document."""
    by_subject: dict[tuple[Term, GraphName], dict[str, list[Term]]] = defaultdict(
        lambda: defaultdict(list)
    )
    statements: list[tuple[ox.NamedNode, GraphName]] = []
    graph_sources: dict[GraphName, str] = {}
    for quad in quads:
        g = quad.graph_name
        props = by_subject[(quad.subject, g)]
        props[quad.predicate.value].append(quad.object)
        if quad.predicate == _TYPE and quad.object == _STATEMENT:
            assert isinstance(quad.subject, ox.NamedNode)
            statements.append((quad.subject, g))
        if quad.predicate == _SOURCE_FILE and isinstance(quad.object, ox.Literal):
            graph_sources[g] = quad.object.value
    claims = []
    for statement, g in statements:
        props = by_subject[(statement, g)]
        ends = RDF.subject, RDF.predicate, RDF.object
        subject, predicate, obj = (props.get(str(p), [None])[0] for p in ends)
        if not isinstance(subject, ox.NamedNode) or not isinstance(predicate, ox.NamedNode):
            continue
        if not isinstance(obj, ox.NamedNode | ox.Literal):
            continue
        confidence = props.get(str(HKG.confidence), [None])[0]
        source = graph_sources.get(g, "")
        for sentence in props.get(str(PROV.wasDerivedFrom), []):
            for doc in by_subject[(sentence, g)].get(_CONTEXT.value, []):
                for name in by_subject[(doc, g)].get(_SOURCE_FILE.value, []):
                    source = name.value if isinstance(name, ox.Literal) else source
        value = float(confidence.value) if isinstance(confidence, ox.Literal) else 0.0
        claims.append(Claim(subject, predicate, obj, statement, value, source))
    return claims
