"""Figures with targets, and the three outputs: a terminal table, JSON and Markdown.

A :class:`Figure` is one number the project promises something about (a ratio measured
side by side in the same run), with its target and whether it met it. Sections also
record their raw measurements (``details``) so that the JSON can be compared across
runs and the Markdown can show the absolute numbers behind each ratio.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
}


@dataclass
class Figure:
    """One measured figure and its target (``value OP target``)."""

    id: str
    section: str
    label: str
    value: float | bool | None
    op: str
    target: float | bool
    unit: str = "×"
    note: str = ""
    passed: bool | None = field(init=False)

    def __post_init__(self) -> None:
        if self.value is None or (isinstance(self.value, float) and math.isnan(self.value)):
            self.passed = None  # not measured (the note says why)
        else:
            self.passed = bool(_OPS[self.op](self.value, self.target))

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "n/a"}[self.passed]


@dataclass
class Results:
    mode: str
    machine: dict[str, Any]
    figures: list[Figure] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def note(self, section: str, text: str) -> None:
        self.notes.setdefault(section, []).append(text)

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "seconds": round(self.seconds, 1),
            "machine": self.machine,
            "figures": [{**asdict(f), "passed": f.passed} for f in self.figures],
            "details": self.details,
            "notes": self.notes,
        }


def fmt(value: float | bool | None, unit: str = "") -> str:
    """A figure's value for people: 3 significant digits, booleans as yes/no."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if math.isnan(value):
        return "–"
    if value != 0 and abs(value) < 0.01:
        text = f"{value:.2g}"
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".rstrip() if unit not in ("", "×") else f"{text}{unit}"


def target_text(figure: Figure) -> str:
    if isinstance(figure.target, bool):
        return "yes" if figure.target else "no"
    return f"{figure.op} {fmt(figure.target, figure.unit)}"


def table(results: Results) -> str:
    """The plain-text table printed at the end of a run."""
    rows = [("figure", "value", "target", "")]
    rows += [(f.label, fmt(f.value, f.unit), target_text(f), f.verdict) for f in results.figures]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    failed = sum(1 for f in results.figures if f.passed is False)
    lines.append(f"\n{len(results.figures)} figures, {failed} below target ({results.mode} mode)")
    return "\n".join(line.rstrip() for line in lines)


def write_json(results: Results, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results.to_json(), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def write_markdown(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
