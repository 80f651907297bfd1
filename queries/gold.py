"""Score a built graph against a gold file in the project's format (tests/data/seeds.json).

The gold file lists entities (type and every name), events (the name a user would ask,
required and acceptable participants, dates) and names that must not come out as people.
Scoring asks the graph exactly what a user would: ``who`` and ``when`` by the event's
``ask`` name, and ``entities`` for resolution. It needs no NLP: ``kg eval gold`` reads the
corpus with extract/ and hands the result to :func:`score_corpus`.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import InputError, NotFoundError
from extract.model import Corpus
from extract.names import strip_titles
from kg.mapping import write_corpus
from kg.store import GraphStore, open_store
from queries.events import DEFAULT_MIN_CONFIDENCE, entities, when, who

# Our types that satisfy a gold type: a military unit is an organisation.
COMPATIBLE_TYPES = {"Organization": {"Organization", "MilitaryUnit"}}


def normalise(name: str) -> str:
    """Case-, accent- and article-insensitive form used to compare names with gold."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        text = text.replace(dash, "-")
    text = " ".join(text.replace("\u2019", "'").split())
    return text[4:] if text.startswith("the ") else text


def year_of(iso: str) -> int | None:
    """The year of an ISO 8601 date at any precision, BC years included ("-0490-09")."""
    sign = -1 if iso.startswith("-") else 1
    digits = iso.lstrip("-+").split("-")[0]
    return sign * int(digits) if digits.isdigit() else None


@dataclass
class EventScore:
    id: str
    ask: str
    found: bool
    label: str | None = None
    required: int = 0
    answered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    recall: float = 0.0
    precision: float = 0.0
    dates: dict[str, dict[str, str | None]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.found and not self.missing and not self.unexpected

    @property
    def dates_right(self) -> bool:
        return all(d["expected"] == d["found"] for d in self.dates.values())


@dataclass
class GoldReport:
    events: list[EventScore]
    split: dict[str, list[str]]  # gold entity -> the several nodes it was spread over
    merged: dict[str, list[str]]  # node -> the several gold entities it collapsed
    wrong_types: dict[str, dict[str, str]]
    false_people: list[str]
    min_confidence: float
    # Other thresholds the same graph was scored at: threshold -> (recall, precision).
    sweep: dict[float, tuple[float, float]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        """Required participants answered, over all required participants (micro)."""
        required = sum(e.required for e in self.events)
        found = sum(e.required - len(e.missing) for e in self.events)
        return found / required if required else 1.0

    @property
    def precision(self) -> float:
        answered = sum(len(e.answered) for e in self.events)
        wrong = sum(len(e.unexpected) for e in self.events)
        return (answered - wrong) / answered if answered else 1.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["recall"], data["precision"] = self.recall, self.precision
        for event, score in zip(data["events"], self.events, strict=True):
            event["passed"] = score.passed
            event["dates_right"] = score.dates_right
        return data


# "Raymond III of Tripoli": a regnal name and its realm; the graph names such a person
# without the realm when an article uses both (extract/resolve.py).
_REGNAL_REALM = re.compile(r"^(\S+ [IVXL]+) of \S.*$")


def _gold_names(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Each gold entity's names, normalised. A person's name also counts without its
    titles ("Sir John Jellicoe" as "John Jellicoe"), since the graph names people so
    (``extract.names.strip_titles``), and a regnal name without its realm ("Raymond III
    of Tripoli" as "Raymond III"), unless that shorter name is another entity's."""
    names = {gid: {normalise(n) for n in e["names"]} for gid, e in gold["entities"].items()}
    owned = {n for ns in names.values() for n in ns}
    shorter: dict[str, set[str]] = {}
    for gid, entity in gold["entities"].items():
        if entity.get("type") == "Person":
            bare = {normalise(strip_titles(n)) for n in entity["names"]}
            bare |= {
                normalise(found.group(1))
                for n in entity["names"]
                if (found := _REGNAL_REALM.match(n))
            }
            shorter[gid] = {n for n in bare if n and n not in owned}
    # A shorter name two people would share ("Louis II" of Hungary and of France) is
    # neither's.
    counts = Counter(n for ns in shorter.values() for n in ns)
    for gid, extra in shorter.items():
        names[gid] |= {n for n in extra if counts[n] == 1}
    return names


def _identify(label: str, names: dict[str, set[str]]) -> str | None:
    return next(iter(_identify_all(label, names)), None)


def _identify_all(label: str, names: dict[str, set[str]]) -> list[str]:
    key = normalise(label)
    return [gid for gid, ns in names.items() if key in ns]


def _score_event(store: GraphStore, gid: str, spec: dict[str, Any], names, min_conf):
    score = EventScore(id=gid, ask=spec["ask"], found=False, required=len(spec["required"]))
    try:
        result = who(store, spec["ask"], min_confidence=min_conf)
        timing = when(store, spec["ask"])
    except NotFoundError:
        score.missing = list(spec["required"])
        return score
    score.found, score.label = True, result["event"]["label"]
    allowed = set(spec["required"]) | set(spec.get("acceptable", []))
    hits: set[str] = set()
    for participant in result["participants"]:
        score.answered.append(participant["label"])
        ident = _identify(participant["label"], names)
        if ident is None or ident not in allowed:
            score.unexpected.append(participant["label"])
        elif ident in spec["required"]:
            hits.add(ident)
    score.missing = [r for r in spec["required"] if r not in hits]
    score.recall = len(hits) / len(spec["required"]) if spec["required"] else 1.0
    score.precision = 1 - len(score.unexpected) / len(score.answered) if score.answered else 0.0
    for key in ("start", "end"):
        if key in spec:
            score.dates[key] = {"expected": spec[key], "found": timing[key]}
    if "year" in spec:
        year = year_of(timing["start"]) if timing["start"] else None
        score.dates["year"] = {
            "expected": str(spec["year"]),
            "found": None if year is None else str(year),
        }
    return score


def score_gold(
    store: GraphStore, gold: dict[str, Any], *, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> GoldReport:
    """Compare the graph in ``store`` with ``gold`` (see module docstring)."""
    names = _gold_names(gold)
    events = [
        _score_event(store, gid, spec, names, min_confidence)
        for gid, spec in sorted(gold["events"].items())
    ]
    rows = entities(store)
    nodes_of: dict[str, set[str]] = defaultdict(set)
    golds_of: dict[str, set[str]] = defaultdict(set)
    wrong_types: dict[str, dict[str, str]] = {}
    for row in rows:
        for name in {row["label"], *row["aliases"]}:
            for gid in _identify_all(name, names):
                nodes_of[gid].add(row["label"])
                golds_of[row["label"]].add(gid)
        label_gid = _identify(row["label"], names)
        if label_gid is not None:
            expected = gold["entities"][label_gid]["type"]
            if row["type"] not in COMPATIBLE_TYPES.get(expected, {expected}):
                wrong_types[row["label"]] = {"expected": expected, "found": row["type"]}
    not_people = {normalise(n) for n in gold.get("not_people", [])}
    false_people = sorted(
        row["label"]
        for row in rows
        if row["type"] == "Person"
        and any(normalise(n) in not_people for n in {row["label"], *row["aliases"]})
    )
    return GoldReport(
        events=events,
        split={g: sorted(n) for g, n in sorted(nodes_of.items()) if len(n) > 1},
        merged={n: sorted(g) for n, g in sorted(golds_of.items()) if len(g) > 1},
        wrong_types=wrong_types,
        false_people=false_people,
        min_confidence=min_confidence,
    )


def read_gold(path: Path) -> dict[str, Any]:
    """A gold file in the project's format; a file that is not one is a one-line error."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(gold, dict) or not {"entities", "events"} <= gold.keys():
        raise InputError(f'{path} is not a gold file: it needs "entities" and "events"')
    return gold


def score_corpus(
    corpus: Corpus,
    gold: dict[str, Any],
    *,
    pipeline: str = "",
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    sweep: tuple[float, ...] = (),
) -> GoldReport:
    """Write ``corpus`` into a temporary store and score it against ``gold``; with
    ``sweep``, the report's ``sweep`` maps each threshold to (recall, precision)."""
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        write_corpus(tmp, corpus, pipeline=pipeline)
        store = open_store(tmp)
        report = score_gold(store, gold, min_confidence=min_confidence)
        for threshold in sweep:
            other = score_gold(store, gold, min_confidence=threshold)
            report.sweep[threshold] = (other.recall, other.precision)
        return report


def render_report(report: GoldReport) -> str:
    """A table for people."""
    lines = [f"{'event':38} {'found':5} {'recall':>6} {'prec':>5}  dates  missing / unexpected"]
    for e in report.events:
        dates = "ok" if e.dates_right else "WRONG"
        extra = ", ".join([*(f"-{m}" for m in e.missing), *(f"+{u}" for u in e.unexpected)])
        lines.append(
            f"{e.ask[:38]:38} {'yes' if e.found else 'NO':5} {e.recall:6.2f} {e.precision:5.2f}"
            f"  {dates:5}  {extra}"
        )
        for key, d in e.dates.items():
            if d["expected"] != d["found"]:
                lines.append(f"{'':40}{key}: expected {d['expected']}, found {d['found']}")
    lines.append(
        f"overall: recall {report.recall:.2f}, precision {report.precision:.2f} "
        f"(min confidence {report.min_confidence})"
    )
    lines.append(
        f"split entities: {len(report.split)}  "
        + "; ".join(f"{g}: {', '.join(n)}" for g, n in report.split.items())
    )
    lines.append(
        f"merged entities: {len(report.merged)}  "
        + "; ".join(f"{n}: {', '.join(g)}" for n, g in report.merged.items())
    )
    wrong = report.wrong_types.items()
    lines.append(
        f"wrong types: {len(report.wrong_types)}  "
        + "; ".join(f"{n}: {t['found']} (gold {t['expected']})" for n, t in wrong)
    )
    lines.append(
        f"names wrongly typed as people: {len(report.false_people)}  "
        + ", ".join(report.false_people)
    )
    return "\n".join(lines)
