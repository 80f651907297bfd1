"""queries/presenting/plot.py (kg timeline --plot): timeline pictures as PNG and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from extract.errors import NotFoundError, OutputError
from queries.presenting.plot import period, plot_timeline, spans

EVENTS = [
    {"label": "Battle of Lake Khasan", "type": "Battle", "start": "1938", "end": None},
    {
        "label": "Battle of Khalkhin Gol",
        "type": "Battle",
        "start": "1939-05-11",
        "end": "1939-09-16",
    },
    {"label": "Neutrality Pact", "type": "Treaty", "start": "1941-04-13", "end": None},
    {"label": "Invasion of Manchuria", "type": "Event", "start": "1945-08", "end": None},
    {"label": "An undated incident", "type": "Incident", "start": None, "end": None},
]
SVG = "{http://www.w3.org/2000/svg}"


def test_plot_period_follows_the_precision() -> None:
    assert period("1938") == (date(1938, 1, 1), date(1938, 12, 31))
    assert period("1940-02") == (date(1940, 2, 1), date(1940, 2, 29))
    assert period("1939-05-11") == (date(1939, 5, 11), date(1939, 5, 11))
    assert period("sometime") is None
    assert period("1939-13") is None
    assert period(None) is None


def test_plot_spans_keep_order_and_leave_out_undated() -> None:
    placed = spans(EVENTS)
    assert [s.label for s in placed] == [e["label"] for e in EVENTS[:4]]
    lake, khalkhin, pact, manchuria = placed
    assert (lake.first, lake.last, lake.exact) == (date(1938, 1, 1), date(1938, 12, 31), False)
    assert (khalkhin.exact, khalkhin.text) == (True, "1939-05-11 – 1939-09-16")
    assert pact.first == pact.last and pact.exact
    assert not manchuria.exact and manchuria.last == date(1945, 8, 31)


def test_plot_png_decodes_and_is_not_blank(tmp_path: Path, png_colours) -> None:
    target = tmp_path / "timeline.png"
    assert plot_timeline(EVENTS, target) == 4
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png_colours(target) > 50  # bars in several colours, text, grid
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.png"]  # no temp file


def test_plot_svg_parses_and_names_the_events(tmp_path: Path) -> None:
    target = tmp_path / "timeline.svg"
    plot_timeline(EVENTS, target, title="Border wars")
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert {e["label"] for e in EVENTS[:4]} <= texts
    assert "An undated incident" not in texts
    assert {"Border wars", "Battle", "Treaty", "1939-05-11 – 1939-09-16"} <= texts
    again = tmp_path / "again.svg"
    plot_timeline(EVENTS, again, title="Border wars")
    assert again.read_bytes() == target.read_bytes()  # deterministic


def test_plot_refuses_other_formats_and_empty_timelines(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"\.png or \.svg"):
        plot_timeline(EVENTS, tmp_path / "timeline.pdf")
    with pytest.raises(NotFoundError, match="no dated events"):
        plot_timeline(EVENTS[4:], tmp_path / "timeline.png")
    assert list(tmp_path.iterdir()) == []


def test_plot_cli_timeline_plot(kg, tmp_path: Path, png_colours) -> None:
    target = tmp_path / "timeline.png"
    result = kg("timeline", "--plot", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Wrote {target}: 5 events."
    assert png_colours(target) > 50
    svg = tmp_path / "battles.svg"
    result = kg("timeline", "--type", "battle", "--plot", str(svg))
    assert result.exit_code == 0, result.output
    texts = {"".join(t.itertext()) for t in ET.parse(svg).getroot().iter(f"{SVG}text")}
    assert {"Battle of Lake Khasan", "Battle of Khalkhin Gol"} <= texts
    assert "Soviet–Japanese War" not in texts


def test_plot_cli_errors_are_one_line(kg, tmp_path: Path) -> None:
    result = kg("timeline", "--plot", str(tmp_path / "timeline.jpg"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: cannot draw timeline.jpg: the picture must end in .png or .svg, not .jpg"
    )
