"""``kg path`` and ``kg related``: the graph as a network of actors, events and places.

The network is the CONSTRUCT of ``network.rq`` (role triples, actor statements, places,
and the confidence of the statements behind each), loaded into an rdflib Graph and
handed to networkx through rdflib's own bridge (``rdflib_to_networkx_graph``): one
undirected edge per pair of connected nodes, carrying every triple between them. Direction
matters for reading ("the battle's commander"), not for being connected, so paths are
searched undirected and every hop shows its triples the way round they were stated.

Weak links can be left out: a triple whose best statement is below ``min_confidence``
(a bare same-sentence co-occurrence scores 0.4) is not part of the network. The default
is the one ``kg who`` uses.

Answers (JSON contracts, keys fixed; new keys may be added):

* :func:`path` -> ``{"source": node, "target": node, "min_confidence", "length",
  "nodes": [node], "hops": [{"source": node, "target": node, "facts": [{"subject": node,
  "predicate",
  "object": node, "confidence", "evidence": [...]}]}]}``
* :func:`related` -> ``{"node": node, "min_confidence", "related": [{...node, "score",
  "shared": [{...node, "roles", "with_roles"}], "links": [{"predicate", "direction",
  "confidence"}], "centrality"}]}``

where a node is ``{"iri", "label", "type", "kind"}`` and evidence items are those of
``kg who`` (source, sentence, start, end, confidence).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, TypedDict

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.extras.external_graph_libs import rdflib_to_networkx_graph
from rdflib.term import Node

from extract.errors import NoPathError, QueryError
from kg.store import GraphStore
from kg.vocab import HKG
from queries.events import DEFAULT_MIN_CONFIDENCE, Evidence
from queries.facts import (
    ROLES,
    SHORT_PREDICATES,
    Catalogue,
    NodeRef,
    fact_rows,
    find_node,
    lazy_catalogue,
    load_catalogue,
    merge_evidence,
)
from queries.sparql import load_query, select, select_many
from queries.terms import decimal, text

if TYPE_CHECKING:
    # networkx takes a tenth of a second to import: only the commands that traverse the
    # network pay for it (inside the functions below), not every `kg` start.
    import networkx as nx

# Weight of a link whose triple has no reified statement (so no confidence): neither
# trusted nor dismissed. The build writes a statement for every fact.
UNKNOWN_CONFIDENCE = 0.5
# Paths considered when several are equally short; the most confident one is shown.
MAX_SHORTEST_PATHS = 200
DEFAULT_RELATED = 10
_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")

Triple = tuple[Node, Node, Node]


class PathFact(TypedDict):
    subject: NodeRef
    predicate: str
    object: NodeRef
    confidence: float | None
    evidence: list[Evidence]


class Hop(TypedDict):
    source: NodeRef
    target: NodeRef
    facts: list[PathFact]


class PathResult(TypedDict):
    source: NodeRef
    target: NodeRef
    min_confidence: float
    length: int
    nodes: list[NodeRef]
    hops: list[Hop]


class Shared(NodeRef):
    roles: list[str]  # how the asked node takes part in this shared event (or links to it)
    with_roles: list[str]  # how the related node does


class Link(TypedDict):
    predicate: str
    direction: str  # "out": the asked node is the subject; "in": the related node is
    confidence: float | None


class RelatedNode(NodeRef):
    score: float
    shared: list[Shared]
    links: list[Link]
    centrality: float


class RelatedResult(TypedDict):
    node: NodeRef
    min_confidence: float
    related: list[RelatedNode]


# ---------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------


@dataclass
class Network:
    """The actor–event network: an undirected networkx graph whose nodes are rdflib
    URIRefs and whose edges carry the list of their ``triples`` (from the rdflib bridge),
    and the best confidence of each triple."""

    graph: nx.Graph
    confidence: dict[Triple, float | None]
    # Degree centrality of some nodes: over this graph, or for a network read around one
    # node (:func:`network_around`), over the whole network of the store.
    centrality_of: Callable[[list[Node]], dict[Node, float]] | None = None

    def centrality(self, nodes: list[Node]) -> dict[Node, float]:
        if self.centrality_of is not None:
            return self.centrality_of(nodes)
        import networkx as nx

        everything = nx.degree_centrality(self.graph)
        return {node: everything.get(node, 0.0) for node in nodes}

    def triples(self, a: Node, b: Node) -> list[Triple]:
        data = self.graph.get_edge_data(a, b) or {}
        return sorted(set(data.get("triples", [])), key=lambda t: tuple(map(str, t)))

    def weight(self, a: Node, b: Node) -> float:
        """The best confidence among the triples linking ``a`` and ``b``."""
        return max(
            (_known(self.confidence.get(t)) for t in self.triples(a, b)),
            default=0.0,
        )


def network(store: GraphStore, *, min_confidence: float = 0.0) -> Network:
    """The network of the whole store, without the triples below ``min_confidence``."""
    full = _construct(store, "network")
    confidence: dict[Triple, float | None] = {}
    structure = Graph()
    for s, p, o in full:
        if str(p) in SHORT_PREDICATES and isinstance(o, URIRef):
            confidence.setdefault((s, p, o), None)
    for statement in full.subjects(RDF.subject, None):
        parts = [full.value(statement, part) for part in (RDF.subject, RDF.predicate, RDF.object)]
        value = full.value(statement, URIRef(str(HKG.confidence)))
        if None in parts or value is None:
            continue
        stated = (parts[0], parts[1], parts[2])
        if stated in confidence:
            score, previous = float(str(value)), confidence[stated]
            confidence[stated] = score if previous is None else max(previous, score)
    for triple, best in confidence.items():
        if min_confidence <= 0 or (best is not None and best >= min_confidence):
            structure.add(triple)
    return Network(rdflib_to_networkx_graph(structure), confidence)


def network_around(store: GraphStore, iri: str, *, min_confidence: float = 0.0) -> Network:
    """The network within two links of ``iri``, read through the store's index (links.rq
    for the node, then for all its neighbours at once) instead of loading the whole
    network: enough to rank what is related to ``iri`` exactly as :func:`network` would.
    Its centralities are those of the whole network (the degrees of the nodes asked, over
    the size the build stored)."""
    confidence: dict[Triple, float | None] = {}
    for s, p, o, value in _links_of(store, [iri], min_confidence):
        confidence[(URIRef(s), URIRef(p), URIRef(o))] = value
    neighbours = sorted({str(end) for triple in confidence for end in (triple[0], triple[2])})
    for s, p, o, value in _links_of(store, neighbours, min_confidence):
        confidence[(URIRef(s), URIRef(p), URIRef(o))] = value
    structure = Graph()
    for triple in confidence:
        structure.add(triple)

    def centrality_of(nodes: list[Node]) -> dict[Node, float]:
        size = network_size(store, min_confidence)
        if size <= 1:
            return {node: 0.0 for node in nodes}
        seen: dict[str, set[str]] = {str(node): set() for node in nodes}
        for s, _p, o, _value in _links_of(store, list(seen), min_confidence):
            for node, other in ((s, o), (o, s)):
                if node in seen and other != node:
                    seen[node].add(other)
        return {node: len(seen[str(node)]) / (size - 1) for node in nodes}

    return Network(rdflib_to_networkx_graph(structure), confidence, centrality_of)


def _links_of(
    store: GraphStore, nodes: list[str], min_confidence: float
) -> list[tuple[str, str, str, float | None]]:
    """The network links (links.rq) of every node in ``nodes``, both ways, each once,
    without those below ``min_confidence``: two queries, however many nodes."""
    found: dict[tuple[str, str, str], float | None] = {}
    terms = [ox.NamedNode(node) for node in nodes]
    for end in ("subject", "object"):
        for row in select_many(store, "links", end, terms) if terms else []:
            s, p, o = text(row["subject"]), text(row["predicate"]), text(row["object"])
            if s is None or p is None or o is None:
                continue
            value = decimal(row["confidence"])
            if min_confidence > 0 and (value is None or value < min_confidence):
                continue
            found[(s, p, o)] = value
    return [(s, p, o, value) for (s, p, o), value in found.items()]


def network_size(store: GraphStore, min_confidence: float) -> int:
    """How many nodes the whole network has at ``min_confidence``: read from the sizes
    the build stored (network_sizes.rq, an indexed lookup), else, for a graph built
    without them, counted (network_size.rq, which reads every fact)."""
    threshold = Decimal(f"{max(min_confidence, 0.0):.4f}")
    levels = []
    for row in select(store, "network_sizes"):
        level, nodes = decimal_value(row["minConfidence"]), text(row["nodes"])
        if level is not None and nodes is not None and nodes.isdigit():
            levels.append((level, int(nodes)))
    if levels:
        return min((lv for lv in levels if lv[0] >= threshold), default=(threshold, 0))[1]
    bound = ox.Literal(str(threshold), datatype=_DECIMAL)
    rows = select(store, "network_size", {"minConfidence": bound})
    return int(text(rows[0]["nodes"]) or 0) if rows else 0


def decimal_value(term: object) -> Decimal | None:
    """A literal's exact decimal value (compared with thresholds as SPARQL compares it)."""
    try:
        return Decimal(term.value) if isinstance(term, ox.Literal) else None
    except InvalidOperation:
        return None


def _construct(store: GraphStore, name: str) -> Graph:
    """A packaged CONSTRUCT query's answer as an rdflib Graph."""
    results = store.query(load_query(name))
    if not isinstance(results, ox.QueryTriples):
        raise QueryError(f"built-in query {name!r} is not a CONSTRUCT query")
    graph = Graph()
    for triple in results:
        graph.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
    return graph


def _term(term: object) -> Node:
    """pyoxigraph term -> rdflib term (the three kinds a CONSTRUCT can give back)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"unexpected term in a CONSTRUCT answer: {term!r}")


def _known(confidence: float | None) -> float:
    return UNKNOWN_CONFIDENCE if confidence is None else confidence


# ---------------------------------------------------------------------------------------
# path
# ---------------------------------------------------------------------------------------


def path(
    store: GraphStore,
    source: str,
    target: str,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> PathResult:
    """The shortest chain of facts between two events or entities (names as ``kg who``
    takes them), each hop with the triples that make it and their evidence.

    When several chains are equally short, the one whose weakest hop is most confident
    wins, then the one whose labels sort first. Raises NoPathError when the two are not
    connected (through links at or above ``min_confidence``).
    """
    import networkx as nx

    catalogue = load_catalogue(store)
    start, end = find_node(catalogue, source), find_node(catalogue, target)
    net = network(store, min_confidence=min_confidence)
    a, b = URIRef(start.iri), URIRef(end.iri)
    weak = f" at confidence {min_confidence:g} or more" if min_confidence > 0 else ""
    for node in (a, b):
        if node not in net.graph:
            name = catalogue.ref(str(node))["label"]
            raise NoPathError(
                f"no path from {start.label} to {end.label}: {name} has no links{weak}"
            )
    try:
        candidates = list(
            itertools.islice(nx.all_shortest_paths(net.graph, a, b), MAX_SHORTEST_PATHS)
        )
    except nx.NetworkXNoPath:
        candidates = []
    if not candidates:
        raise NoPathError(f"no path from {start.label} to {end.label} through links{weak}")
    best = min(candidates, key=lambda nodes: _path_rank(net, catalogue, nodes))
    hops: list[Hop] = [
        {
            "source": catalogue.ref(str(u)),
            "target": catalogue.ref(str(v)),
            "facts": [_path_fact(store, net, catalogue, t) for t in net.triples(u, v)],
        }
        for u, v in itertools.pairwise(best)
    ]
    return {
        "source": catalogue.ref(start.iri),
        "target": catalogue.ref(end.iri),
        "min_confidence": min_confidence,
        "length": len(hops),
        "nodes": [catalogue.ref(str(n)) for n in best],
        "hops": hops,
    }


def _path_rank(net: Network, catalogue: Catalogue, nodes: list[Node]) -> tuple[float, list[str]]:
    """Lowest is best: the most confident weakest hop, then labels in order."""
    weakest = min((net.weight(u, v) for u, v in itertools.pairwise(nodes)), default=1.0)
    return (-weakest, [catalogue.ref(str(n))["label"].casefold() for n in nodes])


def _path_fact(store: GraphStore, net: Network, catalogue: Catalogue, triple: Triple) -> PathFact:
    s, p, o = (str(term) for term in triple)
    predicate = SHORT_PREDICATES[p]
    rows = fact_rows(store, subject=s, predicate=predicate, object=o)
    return {
        "subject": catalogue.ref(s),
        "predicate": predicate,
        "object": catalogue.ref(o),
        "confidence": net.confidence.get(triple),
        "evidence": merge_evidence(row.evidence for row in rows),
    }


# ---------------------------------------------------------------------------------------
# related
# ---------------------------------------------------------------------------------------


def related(
    store: GraphStore,
    name: str,
    *,
    limit: int = DEFAULT_RELATED,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> RelatedResult:
    """The nodes most closely tied to ``name``: for an actor or place, the actors and
    places it shares events with (and those it has statements with); for an event, the
    events it shares actors or places with.

    Each shared event (or actor, for events) adds the product of the two links'
    confidences to the score; a direct link (X declared war on Y) adds its confidence.
    Ties are broken by the number of shared nodes, then by degree centrality in the whole
    network (how connected the related node is), then by label.
    """
    catalogue = lazy_catalogue(store)
    found = find_node(None, name, store)
    net = network_around(store, found.iri, min_confidence=min_confidence)
    return {
        "node": catalogue.ref(found.iri),
        "min_confidence": min_confidence,
        "related": neighbours(net, catalogue, found.iri, limit=limit),
    }


def neighbours(net: Network, catalogue: Catalogue, iri: str, *, limit: int) -> list[RelatedNode]:
    """The ranking of :func:`related` for a node already found (describe uses it too)."""

    x = URIRef(iri)
    if x not in net.graph:
        return []
    catalogue.prefetch(str(node) for node in net.graph.nodes)  # all asked for below
    x_is_event = catalogue.is_event(iri)
    scores: dict[Node, float] = {}
    shared: dict[Node, list[Shared]] = {}
    links: dict[Node, list[Link]] = {}
    for through in sorted(net.graph.neighbors(x), key=str):
        if catalogue.is_event(str(through)) == x_is_event:  # a direct link, same kind
            scores[through] = scores.get(through, 0.0) + net.weight(x, through)
            links[through] = _links(net, x, through)
            continue
        for y in sorted(net.graph.neighbors(through), key=str):
            if y == x or catalogue.is_event(str(y)) != x_is_event:
                continue
            weight = net.weight(x, through) * net.weight(through, y)
            scores[y] = scores.get(y, 0.0) + weight
            shared.setdefault(y, []).append(
                {
                    **catalogue.ref(str(through)),
                    "roles": _roles(net, x, through),
                    "with_roles": _roles(net, y, through),
                }
            )
    # Centrality only breaks ties: it is needed for the nodes that make the cut and for
    # those tied with the last of them.
    coarse = sorted(scores, key=lambda y: (-scores[y], -len(shared.get(y, []))))
    if len(coarse) > limit:
        last = (scores[coarse[limit - 1]], len(shared.get(coarse[limit - 1], [])))
        coarse = [y for y in coarse if (scores[y], len(shared.get(y, []))) >= last]
    centrality = net.centrality(coarse) if coarse else {}
    ranked = sorted(
        coarse,
        key=lambda y: (
            -scores[y],
            -len(shared.get(y, [])),
            -centrality.get(y, 0.0),
            catalogue.ref(str(y))["label"].casefold(),
            str(y),
        ),
    )
    return [
        {
            **catalogue.ref(str(y)),
            "score": round(scores[y], 4),
            "shared": sorted(shared.get(y, []), key=lambda s: s["label"].casefold()),
            "links": links.get(y, []),
            "centrality": round(centrality.get(y, 0.0), 4),
        }
        for y in ranked[:limit]
    ]


def _roles(net: Network, node: Node, other: Node) -> list[str]:
    """How ``node`` is linked to ``other``: its roles in an event (or the event's roles
    for it), its statements about it, or "place"."""
    names = {SHORT_PREDICATES[str(p)] for _, p, _ in net.triples(node, other)}
    order = {name: i for i, name in enumerate(ROLES)}
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))


def _links(net: Network, x: Node, y: Node) -> list[Link]:
    return [
        {
            "predicate": SHORT_PREDICATES[str(p)],
            "direction": "out" if s == x else "in",
            "confidence": net.confidence.get((s, p, o)),
        }
        for s, p, o in net.triples(x, y)
    ]


def degrees(net: Network, catalogue: Catalogue, *, limit: int) -> list[tuple[NodeRef, int, int]]:
    """The entities with the most distinct neighbours: (node, neighbours, events)."""
    rows = []
    for node in net.graph.nodes:
        iri = str(node)
        if catalogue.is_event(iri):
            continue
        events = sum(1 for n in net.graph.neighbors(node) if catalogue.is_event(str(n)))
        rows.append((catalogue.ref(iri), net.graph.degree(node), events))
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]["label"].casefold(), r[0]["iri"]))
    return rows[:limit]
