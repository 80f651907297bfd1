"""Names made of any text never break a serialisation: a property test over the whole
path from extraction results to exported files and back.

A small ``Corpus`` (extract.model dataclasses) with arbitrary names, aliases, sentences,
source names and node keys (quotes, ``<>``, spaces, newlines, control characters,
Unicode, emoji, empty-ish strings) goes through ``kg.mapping.corpus_quads`` into a store,
is exported in every format, and is read back with pyoxigraph (``kg.export.parse_export``)
and with rdflib: the quads must be exactly those of the store (``rdflib.compare`` for
rdflib, which normalises some literals).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from extract.model import Corpus, DocumentInfo, Evidence, Fact, Node, Quantity
from extract.names import slug
from extract.vocabulary import ENTITY_TYPES, EVENT_TYPES, ROLES, STATEMENTS
from kg.export import FORMATS, export, parse_export
from kg.mapping import corpus_quads
from kg.store import EmbeddedStore, GraphStore, open_store, write_generation

# rdflib's own parsers use its deprecated ConjunctiveGraph API internally.
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated:DeprecationWarning")

DATASETS = ("nquads", "trig", "jsonld")
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig"}
RDFLIB_FORMATS["jsonld"] = "json-ld"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"

# Any text, weighted towards what breaks serialisers.
NASTY = st.sampled_from(
    ['"', "'", '"""', "'''", "<>", "a>b", "{", "}", "\\", "\n", "\r\n", "\t", " ", "", "#",
     "@en", "^^", "_:b0", "\x00", "\x7f", "\u2028", "\ufeff", "é", "日本", "🚀", "\U0001f1fa"]
)  # fmt: skip
TEXT = st.one_of(
    NASTY,
    st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=5).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
DATES = st.sampled_from(["1939", "1939-08", "1939-08-20", "0001", "2024-12-31"])


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    sources = draw(st.lists(TEXT, min_size=1, max_size=3, unique=True))
    nodes: dict[str, Node] = {}
    for _ in range(draw(st.integers(2, 6))):
        label = draw(TEXT)
        kind = draw(st.sampled_from(["entity", "event"]))
        types = EVENT_TYPES if kind == "event" else ENTITY_TYPES
        # Keys as resolution makes them (slugs), or any text at all.
        key = draw(st.one_of(st.just(slug(label)), TEXT))
        if key in nodes:
            continue
        aliases = {draw(st.sampled_from(sources)): set(draw(st.lists(TEXT, max_size=3)))}
        nodes[key] = Node(key, label, kind, draw(st.sampled_from(types)), aliases)  # type: ignore[arg-type]
    keys = sorted(nodes)
    facts = []
    for _ in range(draw(st.integers(0, 6))):
        source = draw(st.sampled_from(sources))
        start = draw(st.integers(0, 10_000))
        evidence = Evidence(source, draw(TEXT), start, start + draw(st.integers(0, 500)))
        predicate = draw(st.sampled_from((*ROLES, *STATEMENTS, "place", "begin", "end")))
        obj = draw(DATES) if predicate in {"begin", "end"} else draw(st.sampled_from(keys))
        confidence = draw(st.floats(0, 1))
        facts.append(
            Fact(draw(st.sampled_from(keys)), predicate, obj, evidence, confidence, draw(TEXT))
        )
    quantities = []
    for _ in range(draw(st.integers(0, 2))):
        source = draw(st.sampled_from(sources))
        evidence = Evidence(source, draw(TEXT), 5, 50)
        value = draw(st.floats(0, 1e9, allow_nan=False, allow_infinity=False))
        quantities.append(
            Quantity(
                draw(st.sampled_from(keys)),
                draw(TEXT),
                value,
                draw(TEXT),
                draw(st.one_of(st.none(), st.sampled_from(keys))),
                draw(st.booleans()),
                evidence,
                draw(st.floats(0, 1)),
            )
        )
    documents = [
        DocumentInfo(s, f"/in/{s}", hashlib.sha256(s.encode()).hexdigest(), 100, 3) for s in sources
    ]
    return Corpus(documents=documents, nodes=nodes, facts=facts, quantities=quantities)


def _to_rdflib(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    assert isinstance(term, ox.Literal), term
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))


def _graphs(quads: set[ox.Quad]) -> dict[str, rdflib.Graph]:
    graphs: dict[str, rdflib.Graph] = {}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        graph = graphs.setdefault(name, rdflib.Graph())
        graph.add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
    return graphs


def _rdflib_graphs(data: bytes, fmt: str) -> dict[str, rdflib.Graph]:
    if fmt not in DATASETS:
        return {"": rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])}
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    out: dict[str, rdflib.Graph] = {}
    for graph in dataset.graphs():
        if len(graph):
            name = "" if graph.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else graph
            key = "" if name == "" else str(graph.identifier)
            out[key] = graph
    return out


def _check_round_trip(store: GraphStore) -> None:
    quads = set(store.ox)
    union = {ox.Quad(q.subject, q.predicate, q.object) for q in quads}
    for fmt in FORMATS:
        data = export(store, fmt)
        assert data is not None
        expected = quads if fmt in DATASETS else union
        # pyoxigraph reads back exactly the same quads.
        assert set(parse_export(data, fmt)) == expected, fmt
        # rdflib, an independent parser, reads back the same graphs.
        theirs, ours = _rdflib_graphs(data, fmt), _graphs(expected)
        assert theirs.keys() == ours.keys(), fmt
        for name, graph in ours.items():
            assert isomorphic(theirs[name], graph), (fmt, name)
    for q in quads:  # typed literals are valid lexical forms
        if isinstance(q.object, ox.Literal) and q.object.datatype.value == XSD_DECIMAL:
            assert re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", q.object.value), q.object


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(corpus=corpora())
def test_roundtrip_any_names_survive_every_format(corpus: Corpus) -> None:
    memory = ox.Store()
    memory.bulk_extend(corpus_quads(corpus, pipeline="test"))
    _check_round_trip(EmbeddedStore(Path("memory"), memory))


def test_roundtrip_on_disk_store_of_nasty_names(tmp_path: Path) -> None:
    names = ['Say "hi" <there>', "new\nline", "tab\there", "🚀 Rocket", " ", "a>b{c}", "é\x00"]
    sources = ["doc one.txt", "doc<two>.txt"]
    nodes = {
        name: Node(name, name, "entity", "Person", {sources[i % 2]: {name, name + "'s"}})
        for i, name in enumerate(names)
    }
    facts = [
        Fact(names[i], "participant", names[i + 1], Evidence(sources[i % 2], n, i, i + 9), 0.5, n)
        for i, n in enumerate(names[:-1])
    ]
    documents = [DocumentInfo(s, s, hashlib.sha256(s.encode()).hexdigest(), 9, 1) for s in sources]
    corpus = Corpus(documents=documents, nodes=nodes, facts=facts)
    write_generation(tmp_path / "store", corpus_quads(corpus, pipeline="test"))
    _check_round_trip(open_store(tmp_path / "store"))


@pytest.mark.parametrize("key", ["a b", "x>y", "50%", "日本", "", "../up", "q?x#y"])
def test_roundtrip_node_keys_that_are_not_slugs_give_valid_distinct_iris(key: str) -> None:
    from kg.mapping import node_iri, safe_local

    node = Node(key, key, "entity", "Place")
    iri = node_iri(node).value
    assert iri.endswith(safe_local(key))
    assert not re.search(r"[\s<>\"{}|^`\\?#/]", iri.split("/entity/", 1)[1])
    assert safe_local("battle-of-khalkhin-gol") == "battle-of-khalkhin-gol"
    assert safe_local(key) != safe_local(key + "%")
