"""``kg timeline --plot``: the events as a picture on a date axis (PNG or SVG).

Input is plain dicts (``{"label", "type", "start", "end"}``, the event shape of
``kg timeline --format json``), so this module knows nothing about the store and can draw
any list of events.

Dates keep the precision the text gives, and the picture shows it instead of inventing
a day: an event from 1939-05-11 to 1939-09-16 is a solid bar; a single day is a diamond;
an event only known to start "in 1939" or "in 1945-08" is a hatched, paler bar over that
whole year or month. Colours are the type colours of ``kg viz`` (queries/presenting/palette.py),
with a legend of the types shown. Events without any date cannot be placed and are left
out; so are dates outside the years 1–9999, which matplotlib's date axis cannot hold.

matplotlib is imported when a picture is drawn, not with this module: ``kg timeline``
without ``--plot`` should not pay for it. The figure is built with the object API and the
Agg canvas (no pyplot, no global state, no display needed), and text stays text in SVG
so the labels can be searched and read by machines.
"""

from __future__ import annotations

import calendar
import io
import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from extract.errors import NotFoundError, OutputError
from kg.dates import parse_stamp
from queries.presenting.output import write_atomically
from queries.presenting.palette import colour

PLOT_FORMATS = ("png", "svg")
ROW_HEIGHT = 0.34  # inches per event
WIDTH = 11.0  # inches
DPI = 120


@dataclass(frozen=True)
class Span:
    """Where one event goes on the axis."""

    label: str
    type: str
    first: date
    last: date
    exact: bool  # both ends known to the day (or a known start and end at any precision)
    text: str  # the dates as the graph states them


def period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO date at its precision: ``"1939"`` is the whole
    year, ``"1939-08"`` the month, ``"1939-08-20"`` the day. None when unparseable or
    outside what ``datetime.date`` holds."""
    stamp = parse_stamp(value) if value else None
    if stamp is None:
        return None
    year = stamp[0]
    try:
        if len(stamp) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        if len(stamp) == 2:
            last_day = calendar.monthrange(year, stamp[1])[1]
            return date(year, stamp[1], 1), date(year, stamp[1], last_day)
        day = date(year, stamp[1], stamp[2])
        return day, day
    except (ValueError, calendar.IllegalMonthError):
        return None


def spans(events: Sequence[Mapping[str, Any]]) -> list[Span]:
    """The events that can be placed, in the order given."""
    placed = []
    for event in events:
        start, end = event.get("start"), event.get("end")
        first, last = period(start), period(end)
        if first is None and last is None:
            continue
        lo = min(p[0] for p in (first, last) if p is not None)
        hi = max(p[1] for p in (first, last) if p is not None)
        exact = (first is not None and last is not None) or lo == hi
        if start and end and start != end:
            text = f"{start} – {end}"
        else:
            text = str(start or f"until {end}")
        placed.append(
            Span(
                label=str(event.get("label") or "?"),
                type=str(event.get("type") or "Event"),
                first=lo,
                last=hi,
                exact=exact,
                text=text,
            )
        )
    return placed


def plot_timeline(
    events: Sequence[Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
) -> int:
    """Draw ``events`` as a timeline picture at ``path`` (``.png`` or ``.svg``, written
    atomically); return how many were drawn (undated ones are left out). Raises
    NotFoundError when no event has a date, OutputError for another file type."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in PLOT_FORMATS:
        raise OutputError(
            f"cannot draw {target.name}: the picture must end in .png or .svg, not "
            f"{target.suffix or 'nothing'}"
        )
    placed = spans(events)
    if not placed:
        raise NotFoundError("no dated events to plot")
    data = _draw(placed, fmt, title or f"Timeline of {len(placed)} events")
    write_atomically(target, data)
    return len(placed)


def _draw(placed: list[Span], fmt: str, title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rc = matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # labels stay <text>, not glyph outlines
            "svg.hashsalt": "histkg",  # stable element ids: same input, same bytes
            "font.size": 9,
        }
    )
    with rc, warnings.catch_warnings():
        # Glyphs the default font lacks (CJK names) draw as boxes; that is not an error.
        warnings.simplefilter("ignore", UserWarning)
        height = max(2.5, 1.3 + ROW_HEIGHT * len(placed))
        figure = Figure(figsize=(WIDTH, height), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()

        lo = mdates.date2num(min(s.first for s in placed))
        hi = mdates.date2num(max(s.last for s in placed) + timedelta(days=1))
        total = max(hi - lo, 30.0)
        minimum = total * 0.004  # a one-day event is still a visible sliver
        for row, span in enumerate(placed):
            start = mdates.date2num(span.first)
            width = max(mdates.date2num(span.last + timedelta(days=1)) - start, minimum)
            tint = colour(span.type)
            if span.first == span.last:
                axes.plot(
                    [start + width / 2],
                    [row],
                    marker="D",
                    markersize=7,
                    color=tint,
                    markeredgecolor="#1d2433",
                    markeredgewidth=0.6,
                    linestyle="none",
                )
            elif span.exact:
                axes.barh(
                    row,
                    width,
                    left=start,
                    height=0.62,
                    color=tint,
                    edgecolor="#1d2433",
                    linewidth=0.5,
                )
            else:
                axes.barh(
                    row,
                    width,
                    left=start,
                    height=0.62,
                    color=tint,
                    alpha=0.45,
                    hatch="///",
                    edgecolor=tint,
                    linewidth=0.5,
                )
            axes.annotate(
                span.text,
                (start + width, row),
                xytext=(5, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                fontsize=7.5,
                color="#5b6475",
            )

        axes.set_yticks(range(len(placed)), [s.label for s in placed])
        axes.set_ylim(len(placed) - 0.5, -0.5)  # first event at the top
        axes.set_xlim(lo - total * 0.02, hi + total * 0.22)  # room for the date texts
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes.grid(axis="x", color="#d9dee7", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.set_title(title, loc="left", fontsize=11, fontweight="bold")

        types = list(dict.fromkeys(s.type for s in placed))
        handles = [Patch(facecolor=colour(t), edgecolor="#1d2433", label=t) for t in types]
        if any(not s.exact for s in placed):
            handles.append(
                Patch(
                    facecolor="#ffffff",
                    edgecolor="#5b6475",
                    hatch="///",
                    label="only the year or month is known",
                )
            )
        axes.legend(handles=handles, loc="upper right", fontsize=8, frameon=True, framealpha=0.9)
        figure.tight_layout()

        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else None
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
