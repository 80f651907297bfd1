"""From a resolved ``Corpus`` to RDF quads (pyoxigraph terms, written in bulk).

Layout (documented in ``kg/ontology.ttl`` and ``kg/layer.py``):

* one graph per source document holds what that document claims: each fact as an
  ``hkg:Statement`` with confidence and method, derived from a ``nif:Sentence`` with its
  character offsets, the numbers it states (``hkg:Quantity``) and the document's own
  description. A document graph asserts no fact as a plain triple.
* ``graph:resolved`` holds what the corpus concludes: each node's ``skos:prefLabel``,
  ``skos:altLabel`` and types, and the resolved layer of ``kg/layer.py`` (one triple per
  fact, consensus dates, confidences, links to the claims).
* ``graph:ontology`` holds ``kg/ontology.ttl``.

IRIs come from canonical names and content hashes only, so the same input gives
byte-identical exports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, SKOS, XSD

from extract.model import Corpus, DocumentInfo, Fact, Node
from extract.vocabulary import (
    DATE_PREDICATES,
    EVENT_FALLBACK,
    FACT_PREDICATES,
    TYPES_BY_NAME,
    ancestors,
)

from .corrections import Applied, correction_quads
from .dates import precision_datatype
from .layer import Claim, resolved_quads
from .store import Location, open_store
from .vocab import (
    ENTITY_NS,
    EVENT_NS,
    GRAPH_NS,
    HKG,
    NIF,
    ONTOLOGY_GRAPH,
    PREDICATE_IRIS,
    QUANTITY_NS,
    RESOLVED_GRAPH,
    SEM,
    SOURCE_NS,
    STATEMENT_NS,
    term,
    type_iri,
)

# The property of each predicate a corpus fact may carry.
PREDICATES: dict[str, str] = {name: PREDICATE_IRIS[name] for name in FACT_PREDICATES}
ONTOLOGY_FILE = Path(__file__).with_name("ontology.ttl")
WIKIDATA = "http://www.wikidata.org/entity/"


@cache
def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def node_iri(node: Node) -> ox.NamedNode:
    return iri(str(EVENT_NS if node.kind == "event" else ENTITY_NS) + safe_local(node.key))


def safe_local(key: str) -> str:
    """``key`` as the last segment of an IRI: anything but letters, digits and ``-._~`` is
    percent-encoded (as UTF-8), so no key can break an IRI or a serialisation. Keys from
    resolution are slugs (``battle-of-kursk``) and pass unchanged; this guards
    keys made any other way."""
    return _no_final_dot(quote(key, safe="-._~"))


def _no_final_dot(local: str) -> str:
    """A final "." percent-encoded: Turtle's prefixed names cannot end with one, and "."
    or ".." alone would be a dot segment of the IRI. Still one-to-one: quote() never
    writes "%2E" for a literal dot, and a literal "%" becomes "%25"."""
    return local[:-1] + "%2E" if local.endswith(".") else local


def source_local(source: str) -> str:
    """A document's name as the last segment of its IRIs: percent-encoded (as UTF-8)
    except letters, digits and ``-._~``. Unlike a slug this is one-to-one, so two files
    never share a graph (``a b.txt`` and ``a-b.txt``, ``日本.txt`` and ``中国.txt`` once
    both became ``a-b-txt`` and ``txt``), and the same name gives the same IRI in every
    build. A file named ``resolved`` gets ``%72esolved``: ``graph:resolved`` is the
    resolution's graph, and quote() never encodes a letter, so no other name gives it."""
    local = _no_final_dot(quote(source, safe="-._~"))
    return "%72esolved" if local == "resolved" else local


def document_iri(source: str) -> ox.NamedNode:
    return iri(str(SOURCE_NS) + source_local(source))


def graph_iri(source: str) -> ox.NamedNode:
    return iri(str(GRAPH_NS) + source_local(source))


def decimal_lexical(value: float) -> str:
    """``value`` as a valid xsd:decimal lexical form: plain digits, never an exponent
    (``f"{1e6:g}"`` is ``1e+06``, which no decimal parser accepts)."""
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def date_literal(value: str) -> ox.Literal:
    """An ISO 8601 time stamp typed at its precision (xsd:gYear, xsd:gYearMonth or
    xsd:date; negative years are BC); a plain literal if it is none of these."""
    datatype = precision_datatype(value)
    return ox.Literal(value, datatype=iri(datatype)) if datatype else ox.Literal(value)


def node_classes(node: Node) -> list[ox.NamedNode]:
    """The SEM class at the top of the node's type (sem:Event, sem:Actor or sem:Place), and
    the type's own hkg class if it has one; not the classes between (those follow from the
    ontology)."""
    if node.kind == "event":
        base = iri(str(SEM.Event))
        if node.type == EVENT_FALLBACK:
            return [base]
        return [base, iri(str(type_iri(node.type)))]
    base = iri(str(term(ancestors(TYPES_BY_NAME[node.type])[-1])))
    return [base, iri(str(type_iri(node.type)))]


def _resolved_quads(corpus: Corpus) -> Iterator[ox.Quad]:
    graph = iri(str(RESOLVED_GRAPH))
    for node in corpus.nodes.values():
        subject = node_iri(node)
        yield ox.Quad(subject, iri(str(SKOS.prefLabel)), ox.Literal(node.label), graph)
        for cls in node_classes(node):
            yield ox.Quad(subject, iri(str(RDF.type)), cls, graph)
        # Every other name any document uses, once: per document they would give a union
        # query one row per document.
        for name in sorted(node.all_aliases() - {node.label}):
            yield ox.Quad(subject, iri(str(SKOS.altLabel)), ox.Literal(name), graph)
        if node.wikidata:  # a link out for federation: the same state on Wikidata
            yield ox.Quad(subject, iri(str(SKOS.exactMatch)), iri(WIKIDATA + node.wikidata), graph)


def _document_quads(doc: DocumentInfo, pipeline: str) -> Iterator[ox.Quad]:
    graph, subject = graph_iri(doc.source), document_iri(doc.source)
    yield ox.Quad(subject, iri(str(RDF.type)), iri(str(HKG.Document)), graph)
    yield ox.Quad(subject, iri(str(RDF.type)), iri(str(NIF.Context)), graph)
    yield ox.Quad(subject, iri(str(HKG.sourceFile)), ox.Literal(doc.source), graph)
    yield ox.Quad(subject, iri(str(HKG.sha256)), ox.Literal(doc.sha256), graph)
    yield ox.Quad(subject, iri(str(HKG.pipelineVersion)), ox.Literal(pipeline), graph)


def statement_iri(fact: Fact) -> ox.NamedNode:
    ev = fact.evidence
    key = f"{ev.source}|{fact.subject}|{fact.predicate}|{fact.object}|{ev.start}|{ev.end}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return iri(str(STATEMENT_NS[digest]))


def _fact_quads(
    corpus: Corpus, sentences_done: set[tuple[str, int]], claims: list[Claim]
) -> Iterator[ox.Quad]:
    for fact in corpus.facts:
        subject = node_iri(corpus.nodes[fact.subject])
        predicate = iri(PREDICATES[fact.predicate])
        obj: ox.NamedNode | ox.Literal
        if fact.predicate in DATE_PREDICATES:
            obj = date_literal(fact.object)
        else:
            obj = node_iri(corpus.nodes[fact.object])
        claims.append(
            Claim(
                subject, predicate, obj, statement_iri(fact), fact.confidence, fact.evidence.source
            )
        )
        yield from _evidence_quads(fact, subject, predicate, obj, sentences_done)


def _evidence_quads(
    fact: Fact,
    subject: ox.NamedNode,
    predicate: ox.NamedNode,
    obj: ox.NamedNode | ox.Literal,
    sentences_done: set[tuple[str, int]],
) -> Iterator[ox.Quad]:
    """The claim reified as an hkg:Statement derived from its nif:Sentence."""
    integer = iri(str(XSD.integer))
    decimal = iri(str(XSD.decimal))
    ev = fact.evidence
    graph = graph_iri(ev.source)
    doc = document_iri(ev.source)
    sentence = iri(f"{doc.value}#char={ev.start},{ev.end}")
    if (ev.source, ev.start) not in sentences_done:
        sentences_done.add((ev.source, ev.start))
        yield ox.Quad(sentence, iri(str(RDF.type)), iri(str(NIF.Sentence)), graph)
        yield ox.Quad(sentence, iri(str(NIF.anchorOf)), ox.Literal(ev.sentence), graph)
        begin = ox.Literal(str(ev.start), datatype=integer)
        end = ox.Literal(str(ev.end), datatype=integer)
        yield ox.Quad(sentence, iri(str(NIF.beginIndex)), begin, graph)
        yield ox.Quad(sentence, iri(str(NIF.endIndex)), end, graph)
        yield ox.Quad(sentence, iri(str(NIF.referenceContext)), doc, graph)

    st = statement_iri(fact)
    yield ox.Quad(st, iri(str(RDF.type)), iri(str(HKG.Statement)), graph)
    yield ox.Quad(st, iri(str(RDF.subject)), subject, graph)
    yield ox.Quad(st, iri(str(RDF.predicate)), predicate, graph)
    yield ox.Quad(st, iri(str(RDF.object)), obj, graph)
    yield ox.Quad(st, iri(str(PROV.wasDerivedFrom)), sentence, graph)
    confidence = ox.Literal(f"{fact.confidence:.2f}", datatype=decimal)
    yield ox.Quad(st, iri(str(HKG.confidence)), confidence, graph)
    yield ox.Quad(st, iri(str(HKG.method)), ox.Literal(fact.method), graph)


def _quantity_quads(
    corpus: Corpus, sentences_done: set[tuple[str, int]], claims: list[Claim]
) -> Iterator[ox.Quad]:
    """Each number as an hkg:Quantity node, linked from its event with evidence."""
    decimal = iri(str(XSD.decimal))
    boolean = iri(str(XSD.boolean))
    for q in corpus.quantities:
        ev = q.evidence
        graph = graph_iri(ev.source)
        key = f"{ev.source}|{ev.start}|{q.event}|{q.measure}|{q.value:g}|{q.about}"
        node = iri(str(QUANTITY_NS[hashlib.sha256(key.encode()).hexdigest()[:20]]))
        yield ox.Quad(node, iri(str(RDF.type)), iri(str(HKG.Quantity)), graph)
        value = ox.Literal(decimal_lexical(q.value), datatype=decimal)
        yield ox.Quad(node, iri(str(RDF.value)), value, graph)
        yield ox.Quad(node, iri(str(HKG.measure)), ox.Literal(q.measure), graph)
        yield ox.Quad(node, iri(str(HKG.unit)), ox.Literal(q.unit), graph)
        hedged = ox.Literal("true" if q.approximate else "false", datatype=boolean)
        yield ox.Quad(node, iri(str(HKG.approximate)), hedged, graph)
        if q.about is not None:
            yield ox.Quad(node, iri(str(HKG.about)), node_iri(corpus.nodes[q.about]), graph)
        event = node_iri(corpus.nodes[q.event])
        has = iri(str(HKG.hasQuantity))
        claim = Fact(q.event, "hasQuantity", node.value, ev, q.confidence, "pattern:quantity")
        claims.append(Claim(event, has, node, statement_iri(claim), q.confidence, ev.source))
        yield from _evidence_quads(claim, event, has, node, sentences_done)


def corpus_quads(
    corpus: Corpus, *, pipeline: str = "", applied: Applied | None = None
) -> Iterator[ox.Quad]:
    """Every quad of the graph for ``corpus`` (streamed; duplicates are harmless).

    ``applied`` are corrections already applied to ``corpus`` by
    :func:`kg.corrections.apply`: their decisions go into the resolved layer and their
    record into graph:corrections."""
    yield from _resolved_quads(corpus)
    for doc in corpus.documents:
        yield from _document_quads(doc, pipeline)
    sentences_done: set[tuple[str, int]] = set()
    claims: list[Claim] = []
    yield from _fact_quads(corpus, sentences_done, claims)
    yield from _quantity_quads(corpus, sentences_done, claims)
    if applied is None:
        yield from resolved_quads(claims)
    else:
        yield from _corrected(corpus, claims, applied)
    yield from ontology_quads()


def _corrected(corpus: Corpus, claims: list[Claim], applied: Applied) -> Iterator[ox.Quad]:
    def term(predicate: str, value: str) -> ox.NamedNode | ox.Literal:
        if predicate in DATE_PREDICATES:
            return date_literal(value)
        return node_iri(corpus.nodes[value])

    rejected = {
        (node_iri(corpus.nodes[s]), iri(PREDICATES[p]), term(p, o))
        for s, p, o in applied.rejected
        if s in corpus.nodes and (p in DATE_PREDICATES or o in corpus.nodes)
    }
    decided = {
        (node_iri(corpus.nodes[key]), iri(PREDICATES[p])): (date_literal(value), c.iri())
        for (key, p), (value, c) in applied.dates.items()
        if key in corpus.nodes
    }
    yield from resolved_quads(claims, rejected=rejected, decided=decided)
    names = {
        name: node_iri(node)
        for node in corpus.nodes.values()
        for name in (*sorted(node.all_aliases()), node.label)
    }
    yield from correction_quads(applied, names, PREDICATES, date_literal)


def ontology_quads() -> Iterator[ox.Quad]:
    """kg/ontology.ttl in its own named graph, ``graph:ontology``."""
    graph = iri(str(ONTOLOGY_GRAPH))
    for triple in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def write_corpus(
    location: Location,
    corpus: Corpus,
    *,
    pipeline: str = "",
    applied: Applied | None = None,
) -> int:
    """Make ``corpus`` the whole store at ``location`` (a folder, or a SPARQL server);
    return the quad count. ``applied``: corrections applied to it
    (:func:`kg.corrections.apply`). ``kg build`` holds the store open for the whole build
    and calls ``store.replace(corpus_quads(...))`` itself."""
    with open_store(location, writable=True, create=True) as store:
        return store.replace(corpus_quads(corpus, pipeline=pipeline, applied=applied))
