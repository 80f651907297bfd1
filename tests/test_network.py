"""queries/network.py, ``kg path`` and ``kg related``: the actor–event network."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import URIRef

from extract.errors import NoPathError
from kg.layer import network_size_quads
from kg.store import EmbeddedStore, GraphStore, open_store, write_generation
from queries.network import network, network_size, path, related
from queries.sparql import select

ENT = "https://w3id.org/histkg/entity/"
EV = "https://w3id.org/histkg/event/"
HKG = "https://w3id.org/histkg/ns#"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def chain(result: dict) -> list[str]:  # type: ignore[type-arg]
    return [node["label"] for node in result["nodes"]]


def test_network_is_rdflibs_networkx_graph_of_roles_statements_and_places(
    mini_store: GraphStore,
) -> None:
    net = network(mini_store)
    assert isinstance(net.graph, nx.Graph) and not net.graph.is_directed()
    japan, pact = URIRef(ENT + "japan"), URIRef(EV + "soviet-japanese-neutrality-pact")
    # The bridge merges both directions into one edge that keeps every triple.
    assert set(net.graph.edges[japan, pact]["triples"]) == {
        (pact, URIRef(HKG + "signatory"), japan),
        (japan, URIRef(HKG + "signed"), pact),
    }
    assert net.graph.has_edge(URIRef(ENT + "soviet-union"), japan)  # declaredWarOn
    assert net.graph.has_edge(pact, URIRef(ENT + "moscow"))  # sem:hasPlace
    assert URIRef(EV + "battle-of-lake-khasan") not in net.graph  # dates are not links
    assert net.weight(japan, pact) == pytest.approx(0.9)


def test_network_min_confidence_drops_weak_links(mini_store: GraphStore) -> None:
    kwantung, battle = URIRef(ENT + "kwantung-army"), URIRef(EV + "battle-of-khalkhin-gol")
    assert network(mini_store).graph.has_edge(kwantung, battle)
    assert not network(mini_store, min_confidence=0.5).graph.has_edge(kwantung, battle)


def test_path_commander_to_country_through_the_battle_with_evidence(mini_store: GraphStore) -> None:
    result = path(mini_store, "Zhukov", "japan")
    assert chain(result) == ["Georgy Zhukov", "Battle of Khalkhin Gol", "Japan"]
    assert result["length"] == 2
    first, second = result["hops"]
    [commanded] = [f for f in first["facts"] if f["predicate"] == "commander"]
    assert (commanded["subject"]["label"], commanded["object"]["label"]) == (
        "Battle of Khalkhin Gol",
        "Georgy Zhukov",
    )
    assert commanded["evidence"][0]["source"] == "000_khalkhin_gol.txt"
    assert commanded["evidence"][0]["sentence"].startswith("Georgy Zhukov commanded")
    [fought] = second["facts"]
    assert fought["predicate"] == "belligerent"
    assert fought["evidence"][0]["sentence"].startswith("The Battles of Khalkhin Gol were fought")


def test_path_between_events_and_between_a_node_and_itself(mini_store: GraphStore) -> None:
    result = path(mini_store, "Battle of Khalkhin Gol", "Soviet-Japanese War")
    assert result["length"] == 2
    assert chain(result)[1] in {"Japan", "Soviet Union"}
    assert path(mini_store, "Japan", "Japan")["hops"] == []


def test_path_prefers_the_most_confident_of_equally_short_paths(mini_store: GraphStore) -> None:
    # Two 2-hop paths: through the battle (the Kwantung Army link is a 0.4 co-occurrence)
    # and through the war (0.7). The battle's label sorts first; confidence must win.
    result = path(mini_store, "Kwantung Army", "Soviet Union", min_confidence=0)
    assert chain(result) == ["Kwantung Army", "Soviet–Japanese War", "Soviet Union"]


def test_path_ignores_links_below_min_confidence(mini_store: GraphStore) -> None:
    everything = path(mini_store, "Kwantung Army", "Georgy Zhukov", min_confidence=0)
    assert chain(everything) == ["Kwantung Army", "Battle of Khalkhin Gol", "Georgy Zhukov"]
    assert everything["hops"][0]["facts"][0]["confidence"] == pytest.approx(0.4)
    default = path(mini_store, "Kwantung Army", "Georgy Zhukov")
    assert default["length"] == 4  # round the war and one of the countries


def test_path_not_connected_is_an_error(
    mini_store: GraphStore, mini_extra_store: GraphStore
) -> None:
    with pytest.raises(NoPathError, match="no path from Georgy Zhukov to Qing dynasty"):
        path(mini_extra_store, "Georgy Zhukov", "Qing dynasty")
    with pytest.raises(NoPathError, match="Battle of Lake Khasan has no links"):
        path(mini_store, "Georgy Zhukov", "Battle of Lake Khasan")


def test_path_cli_prints_every_hop_with_evidence(kg) -> None:  # type: ignore[no-untyped-def]
    result = kg("path", "Georgy Zhukov", "Japan")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "Georgy Zhukov (Person) → Japan (Country): 2 hops",
        "  Georgy Zhukov — Battle of Khalkhin Gol — Japan",
        "  1.  Battle of Khalkhin Gol has commander Georgy Zhukov (0.9)",
    ]
    assert "  2.  Battle of Khalkhin Gol has belligerent Japan (0.8)" in result.output
    assert '000_khalkhin_gol.txt: "Georgy Zhukov commanded the Soviet forces' in result.output
    data = json.loads(kg("path", "Georgy Zhukov", "Japan", "--format", "json").output)
    assert [n["iri"] for n in data["nodes"]][::2] == [ENT + "georgy-zhukov", ENT + "japan"]


def test_path_cli_no_path_exits_non_zero_with_one_line(kg, mini_extra_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("path", "Zhukov", "Russian Empire", store=mini_extra_store_path)
    assert result.exit_code == 1
    assert result.output.startswith("Error: no path from Georgy Zhukov to Russian Empire")
    assert len(result.output.strip().splitlines()) == 1


def test_related_ranks_by_confidence_weighted_shared_events(mini_store: GraphStore) -> None:
    result = related(mini_store, "Japan")
    top = result["related"][0]
    # The battle, the war and the pact (which Japan signed and the Soviet Union
    # denounced), plus a direct link: the Soviet Union declared war on Japan.
    assert top["label"] == "Soviet Union"
    assert [s["label"] for s in top["shared"]] == [
        "Battle of Khalkhin Gol",
        "Soviet–Japanese Neutrality Pact",
        "Soviet–Japanese War",
    ]
    pact = next(s for s in top["shared"] if s["label"].endswith("Pact"))
    assert (pact["roles"], pact["with_roles"]) == (["signatory", "signed"], ["denounced"])
    assert top["links"] == [{"predicate": "declaredWarOn", "direction": "in", "confidence": 0.9}]
    # 0.8*0.8 + 0.8*0.8 + 0.9*0.9 (pact) + 0.9 (declaration)
    assert top["score"] == pytest.approx(0.64 + 0.64 + 0.81 + 0.9)
    assert 0 < top["centrality"] <= 1


def test_related_weights_and_limit(mini_store: GraphStore) -> None:
    zhukov = related(mini_store, "Georgy Zhukov")["related"]
    scores = {r["label"]: r["score"] for r in zhukov}
    assert scores["Soviet Union"] == pytest.approx(0.9 * 0.8)
    assert scores["Mongolia"] == pytest.approx(0.9 * 0.7)
    assert "Kwantung Army" not in scores  # only a 0.4 link to the battle
    weak = related(mini_store, "Georgy Zhukov", min_confidence=0)["related"]
    assert "Kwantung Army" in {r["label"] for r in weak}
    assert len(related(mini_store, "Georgy Zhukov", limit=2)["related"]) == 2


def test_related_event_is_ranked_by_shared_participants(mini_store: GraphStore) -> None:
    result = related(mini_store, "Soviet–Japanese War")
    top = result["related"][0]
    assert top["kind"] == "event"
    assert top["label"] == "Soviet–Japanese Neutrality Pact"  # Japan 0.9 and the Soviet Union
    assert {s["label"] for s in top["shared"]} == {"Japan", "Soviet Union"}


def test_related_cli_text(kg) -> None:  # type: ignore[no-untyped-def]
    result = kg("related", "Japan", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Japan (Country): related by shared events",
        "  Soviet Union (Country)  score 2.99, centrality 0.29",
        "      3 shared: Battle of Khalkhin Gol, Soviet–Japanese Neutrality Pact, "
        "Soviet–Japanese War",
        "      Soviet Union declared war on Japan",
    ]


def test_path_and_related_seeds_zhukov_reaches_japan(kg, seeds_store_path) -> None:  # type: ignore[no-untyped-def]
    result = kg("path", "Georgy Zhukov", "Japan", "--format", "json", store=seeds_store_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["nodes"][0]["label"] == "Georgy Zhukov" and data["nodes"][-1]["label"] == "Japan"
    assert data["length"] >= 1
    for hop in data["hops"]:
        assert hop["facts"]
        for fact in hop["facts"]:
            assert fact["evidence"], fact
            assert all(e["source"].endswith(".txt") and e["sentence"] for e in fact["evidence"])
    text = kg("path", "Georgy Zhukov", "Japan", store=seeds_store_path).output
    assert text.startswith("Georgy Zhukov (Person) → Japan (Country):")
    assert '.txt: "' in text
    around = kg("related", "Japan", "--format", "json", store=seeds_store_path)
    assert "Soviet Union" in [r["label"] for r in json.loads(around.output)["related"][:3]]


# ---------------------------------------------------------------------------------------
# The network's size, stored by the build (hkg:NetworkSize) and counted at query time
# ---------------------------------------------------------------------------------------

_THRESHOLDS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.7, 0.85, 0.9, 0.95, 1.0, 1.1)


def _counted(store: GraphStore, threshold: float) -> int:
    """network_size.rq: the nodes of every fact at or above ``threshold``, counted now."""
    bound = ox.Literal(f"{threshold:.4f}", datatype=ox.NamedNode(XSD_DECIMAL))
    return int(select(store, "network_size", {"minConfidence": bound})[0]["nodes"].value)


def test_network_size_stored_by_the_build_equals_the_count_at_every_threshold(
    mini_store: GraphStore,
) -> None:
    levels = select(mini_store, "network_sizes")
    assert len(levels) >= 2  # the mini graph has facts at several confidences
    counts = [_counted(mini_store, t) for t in _THRESHOLDS]
    assert counts[0] == len(network(mini_store).graph) and counts[-1] == 0
    assert [network_size(mini_store, t) for t in _THRESHOLDS] == counts
    assert len(set(counts)) >= 3  # the thresholds do cut the network


def test_network_size_of_a_graph_built_without_it_is_counted(
    mini_quads: list[ox.Quad], tmp_path: Path
) -> None:
    size_class = ox.NamedNode(HKG + "NetworkSize")
    stored = {q.subject for q in mini_quads if q.object == size_class}
    root = tmp_path / "store"
    write_generation(root, [q for q in mini_quads if q.subject not in stored])
    older = open_store(root)
    assert select(older, "network_sizes") == []
    assert [network_size(older, t) for t in _THRESHOLDS] == [
        _counted(older, t) for t in _THRESHOLDS
    ]


def test_network_size_of_an_empty_network_is_zero() -> None:
    store = ox.Store()
    graph = ox.NamedNode("https://w3id.org/histkg/graph/resolved")
    store.extend(network_size_quads([], graph))
    view = EmbeddedStore(Path("."), store)
    assert [network_size(view, t) for t in (0.0, 0.5)] == [0, 0]
