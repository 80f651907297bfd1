"""queries/presenting/viz.py (kg viz): the neighbourhood data, the layout, the page, and the page in
a real browser."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from extract.errors import NotFoundError
from kg.store import GraphStore, open_store, write_generation
from queries.presenting.viz import neighbourhood, page, visualise

EV = "https://w3id.org/histkg/event/"
ENT = "https://w3id.org/histkg/entity/"
KHALKHIN = EV + "battle-of-khalkhin-gol"


class _Page(HTMLParser):
    """The start tags of a page, and the text of its #kg-data script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self.title: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script" and dict(attrs).get("id") == "kg-data":
            self._in = "data"
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "data":
            self.data.append(data)
        elif self._in == "title":
            self.title.append(data)


def parse_page(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


def labels(view: dict, ring: int | None = None) -> set[str]:
    return {n["label"] for n in view["nodes"] if ring is None or n["ring"] == ring}


def edge(view: dict, source: str, target: str) -> dict:
    (found,) = [e for e in view["edges"] if e["source"] == source and e["target"] == target]
    return found


# ---------------------------------------------------------------------------------------
# The neighbourhood
# ---------------------------------------------------------------------------------------


def test_viz_event_neighbourhood_has_participants_then_their_events(
    mini_store: GraphStore,
) -> None:
    view = neighbourhood(mini_store, "Battle of Khalkhin Gol")
    assert view["center"] == KHALKHIN
    assert labels(view, 0) == {"Battle of Khalkhin Gol"}
    assert labels(view, 1) == {"Georgy Zhukov", "Japan", "Mongolia", "Soviet Union"}
    assert labels(view, 2) == {"Soviet–Japanese Neutrality Pact", "Soviet–Japanese War"}
    assert "Kwantung Army" not in labels(view)  # its only claim here scores 0.4
    zhukov = edge(view, KHALKHIN, ENT + "georgy-zhukov")
    assert zhukov["roles"] == ["commander", "participant"]
    assert {e["source"] for e in zhukov["evidence"]} == {"000_khalkhin_gol.txt", "001_nomonhan.txt"}
    assert all(e["sentence"] for e in zhukov["evidence"])
    # Second-ring events link to the first-ring actors that took part in them.
    war = EV + "soviet-japanese-war"
    assert edge(view, war, ENT + "japan")["roles"] == ["belligerent"]
    center = view["nodes"][0]
    assert (center["type"], center["kind"], center["start"]) == ("Battle", "event", "1939-05-11")
    assert {d["kind"] for d in center["dates"]} == {"start", "end"}


def test_viz_actor_neighbourhood_has_events_then_co_participants(mini_store: GraphStore) -> None:
    view = neighbourhood(mini_store, "japan")
    assert labels(view, 0) == {"Japan"}
    assert labels(view, 1) == {
        "Battle of Khalkhin Gol",
        "Soviet–Japanese Neutrality Pact",
        "Soviet–Japanese War",
    }
    assert {"Vyacheslav Molotov", "Aleksandr Vasilevsky", "Red Army"} <= labels(view, 2)
    pact = EV + "soviet-japanese-neutrality-pact"
    assert edge(view, pact, ENT + "japan")["roles"] == ["signatory"]
    assert view["nodes"][0]["kind"] == "actor" and view["nodes"][0]["dates"] == []


def test_viz_depth_and_min_confidence(mini_store: GraphStore) -> None:
    near = neighbourhood(mini_store, "Battle of Khalkhin Gol", depth=1)
    assert labels(near, 2) == set()
    assert len(near["edges"]) == 4
    weak = neighbourhood(mini_store, "Battle of Khalkhin Gol", depth=1, min_confidence=0)
    assert "Kwantung Army" in labels(weak, 1)


def test_viz_layout_is_radial_around_the_centre(mini_store: GraphStore) -> None:
    view = neighbourhood(mini_store, "Battle of Khalkhin Gol")
    radius = {n["id"]: round(math.hypot(n["x"], n["y"])) for n in view["nodes"] if n["ring"] > 0}
    center = view["nodes"][0]
    assert (center["x"], center["y"]) == (0.0, 0.0)
    first = {radius[n["id"]] for n in view["nodes"] if n["ring"] == 1}
    second = {radius[n["id"]] for n in view["nodes"] if n["ring"] == 2}
    assert len(first) == 1 and len(second) == 1 and min(second) > max(first)
    points = {(n["x"], n["y"]) for n in view["nodes"]}
    assert len(points) == len(view["nodes"])  # no two nodes on the same spot


def test_viz_unknown_name_suggests(mini_store: GraphStore) -> None:
    with pytest.raises(NotFoundError, match="did you mean"):
        neighbourhood(mini_store, "Battle of Nowhere At All")


# ---------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------


def test_viz_page_embeds_the_data_and_loads_nothing_from_outside(mini_store: GraphStore) -> None:
    view = neighbourhood(mini_store, "Battle of Khalkhin Gol")
    html = page(view)
    parsed = parse_page(html)
    assert json.loads("".join(parsed.data)) == view
    assert "".join(parsed.title).startswith("Battle of Khalkhin Gol (Battle)")
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag  # every script is inline
        assert tag != "link", attrs
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert page(neighbourhood(mini_store, "Battle of Khalkhin Gol")) == html  # deterministic


HOSTILE = """
@prefix hkg: <https://w3id.org/histkg/ns#> .
@prefix ev: <https://w3id.org/histkg/event/> .
@prefix ent: <https://w3id.org/histkg/entity/> .
@prefix src: <https://w3id.org/histkg/source/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<https://w3id.org/histkg/graph/d> {
  ev:x a sem:Event, hkg:Battle ; skos:prefLabel "Battle of </script><script>alert(1)</script>" ;
       hkg:commander ent:y .
  ent:y a sem:Actor, hkg:Person ; skos:prefLabel "Y <b>bold</b> & co" .
  src:d a hkg:Document, nif:Context ; hkg:sourceFile "d.txt" .
  src:d-s0 a nif:Sentence ; nif:anchorOf "He said </script> & left." ;
       nif:beginIndex 0 ; nif:endIndex 25 ; nif:referenceContext src:d .
  <https://w3id.org/histkg/statement/s> a hkg:Statement ; rdf:subject ev:x ;
       rdf:predicate hkg:commander ; rdf:object ent:y ; prov:wasDerivedFrom src:d-s0 ;
       hkg:confidence 0.9 .
}
"""


def test_viz_page_escapes_markup_in_labels_and_sentences(tmp_path: Path, built_shape) -> None:  # type: ignore[no-untyped-def]
    write_generation(tmp_path, built_shape(list(ox.parse(HOSTILE, format=ox.RdfFormat.TRIG))))
    view = neighbourhood(open_store(tmp_path), "ev:x")
    html = page(view)
    parsed = parse_page(html)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert len(scripts) == 2  # the data and the code: no label opened a third
    data = json.loads("".join(parsed.data))
    assert data["nodes"][0]["label"] == "Battle of </script><script>alert(1)</script>"
    assert data["edges"][0]["evidence"][0]["sentence"] == "He said </script> & left."
    assert "<title>Battle of &lt;/script&gt;&lt;script&gt;" in html
    assert "".join(parsed.title).startswith("Battle of </script><script>")  # shown as text


def test_viz_writes_the_file_atomically(mini_store: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "khalkhin.html"
    target.write_text("old", encoding="utf-8")
    picture = visualise(mini_store, "Battle of Khalkhin Gol", target)
    assert picture.path == target
    assert target.read_text(encoding="utf-8") == picture.html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khalkhin.html"]  # no temp file left


def test_viz_cli_writes_a_page(kg, tmp_path: Path) -> None:
    target = tmp_path / "view.html"
    result = kg("viz", "Battle", "of", "Khalkhin", "Gol", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {target}: 7 nodes, 7 links.")
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    to_stdout = kg("viz", "japan", "--depth", "1")
    assert to_stdout.exit_code == 0
    assert '"center": "https://w3id.org/histkg/entity/japan"' in to_stdout.stdout


def test_viz_cli_unknown_name_is_a_one_line_error(kg) -> None:
    result = kg("viz", "Battle of Nowhere At All")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no name matches 'Battle of Nowhere At All'")
    assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------------------------
# In a browser
# ---------------------------------------------------------------------------------------


def test_viz_renders_in_chromium(
    mini_store: GraphStore, chromium, png_colours, tmp_path: Path
) -> None:
    picture = visualise(mini_store, "Battle of Khalkhin Gol", tmp_path / "view.html")
    dom = chromium.dump_dom(picture.path.as_uri())
    parsed = parse_page(dom)
    drawn = {
        attrs["data-id"]
        for tag, attrs in parsed.tags
        if tag == "g" and "node" in (attrs.get("class") or "").split()
    }
    assert drawn == {n["id"] for n in picture.view["nodes"]}
    edges = [attrs for tag, attrs in parsed.tags if tag == "line" and attrs.get("class") == "edge"]
    assert len(edges) == len(picture.view["edges"])
    legend = {attrs.get("data-type") for tag, attrs in parsed.tags if attrs.get("data-type")}
    assert {"Battle", "Person", "Country", "Treaty", "War"} <= legend
    # The side panel starts with the centre's evidence: its dates and who took part.
    panel = dom[dom.index('<aside id="panel"') :]
    assert "commander, participant" in panel
    assert "Georgy Zhukov commanded the Soviet forces" in panel
    assert "000_khalkhin_gol.txt" in panel

    shot = chromium.screenshot(picture.path.as_uri(), tmp_path / "view.png", size=(1400, 900))
    assert png_colours(shot) > 50
