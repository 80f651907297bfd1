"""Score the real pipeline on DocRED / Re-DocRED documents (Wikipedia lead sections).

Each document's text is rebuilt from its tokens and read by the same pipeline as
``kg build`` (one document at a time, so nothing is merged across articles). Gold entity
clusters (``vertexSet``) are mapped to our nodes by name; then these relations are
scored:

* participation: P710 participant, P1344 participant in and P607 conflict, all read as
  one relation event -> participant, against our role facts;
* event time: P585 point in time, P580 start time (our begin) and P582 end time (our end);
* event place: P276 location, against our place facts;
* entity detection and typing on the gold clusters.

Re-DocRED still misses true facts, so the top false positives are listed for a person to
judge. Data: Tan et al., "Revisiting DocRED", EMNLP 2022 (MIT licence).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract import gazetteer
from extract.dates import parse_date
from extract.errors import InputError
from extract.model import Corpus
from extract.names import match_key
from extract.vocabulary import ROLES

PARTICIPATION = {"P710": False, "P1344": True, "P607": True}  # relation -> reversed?
TIME = {"P585": "begin", "P580": "begin", "P582": "end"}
PLACE = "P276"
# Gold entity types and the node types that satisfy them.
TYPE_MAP = {
    "PER": {"Person"},
    "ORG": {"Organization", "MilitaryUnit"},
    "LOC": {"Place", "Country"},
}
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


def load(path: str | Path) -> list[dict[str, Any]]:
    """A DocRED JSON file (optionally gzipped)."""
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, list):
        raise ValueError(f"{p}: expected a list of DocRED documents")
    return data


def detokenize(sents: list[list[str]]) -> str:
    """Plain text from DocRED tokens: no space before closing punctuation, after opening."""
    out: list[str] = []
    quote_open = False
    previous = ""
    for sent in sents:
        for token in sent:
            if token.isspace():
                continue  # a no-break space kept as a token ("World War \xa0 I") is a space
            if not out:
                out.append(token)
                previous = token
                continue
            space = True
            if token in _NO_SPACE_BEFORE or (token.startswith("'") and len(token) <= 3):
                space = False
            if previous in _NO_SPACE_AFTER:
                space = False
            if token == '"':
                space = not quote_open
                quote_open = not quote_open
            elif previous == '"' and quote_open:
                space = False
            out.append((" " if space else "") + token)
            previous = token
    return "".join(out)


def document_text(doc: dict[str, Any]) -> str:
    """Title as a headline, then the lead section."""
    return f"{doc['title']}\n\n{detokenize(doc['sents'])}\n"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class DocredReport:
    documents: int
    min_confidence: float
    participation: Counts = field(default_factory=Counts)
    time: Counts = field(default_factory=Counts)
    place: Counts = field(default_factory=Counts)
    entities: Counts = field(default_factory=Counts)
    typed: Counter[str] = field(default_factory=Counter)  # "right" / "wrong"
    year_right: int = 0
    year_total: int = 0
    year_gold: int = 0
    sweep: dict[str, dict[str, float | int]] = field(default_factory=dict)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    @property
    def year_accuracy(self) -> float:
        return self.year_right / self.year_total if self.year_total else 0.0

    def as_dict(self) -> dict[str, Any]:
        typed = self.typed["right"] + self.typed["wrong"]
        return {
            "documents": self.documents,
            "min_confidence": self.min_confidence,
            "participation": self.participation.as_dict(),
            "event_time": self.time.as_dict(),
            "event_place": self.place.as_dict(),
            "entity_detection": self.entities.as_dict(),
            "entity_typing_accuracy": round(self.typed["right"] / typed, 3) if typed else 0.0,
            "event_year_accuracy": round(self.year_accuracy, 3),
            "event_year_found": self.year_total,
            "event_year_gold": self.year_gold,
            "participation_by_min_confidence": self.sweep,
            "top_false_positives": self.false_positives,
        }


def _cluster_keys(cluster: list[dict[str, Any]]) -> set[str]:
    keys = set()
    for mention in cluster:
        name = mention["name"]
        keys.add(match_key(name))
        # A demonym in gold ("Canadian") stands for its state, as in our graph.
        country = gazetteer.country_for_demonym(name.strip())
        if country is not None:
            keys.add(match_key(country.name))
    return {k for k in keys if k}


def _node_clusters(corpus: Corpus, doc: dict[str, Any]) -> dict[str, set[int]]:
    """Our node key -> the gold clusters it names (by any of its names)."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for index, cluster in enumerate(doc["vertexSet"]):
        for key in _cluster_keys(cluster):
            by_key[key].add(index)
    mapping: dict[str, set[int]] = {}
    for key, node in corpus.nodes.items():
        names = {node.label, *node.all_aliases()}
        clusters = set().union(*(by_key.get(match_key(n), set()) for n in names))
        if clusters:
            mapping[key] = clusters
    return mapping


def _gold(
    doc: dict[str, Any],
) -> tuple[set[tuple[int, int]], set[tuple[int, str, str]], set[tuple[int, int]]]:
    participation, times, places = set(), set(), set()
    for label in doc["labels"]:
        r, h, t = label["r"], label["h"], label["t"]
        if r in PARTICIPATION:
            participation.add((t, h) if PARTICIPATION[r] else (h, t))
        elif r in TIME:
            value = parse_date(doc["vertexSet"][t][0]["name"])
            if value is not None and value.begin.year is not None:
                times.add((h, TIME[r], value.begin.iso()))
        elif r == PLACE:
            places.add((h, t))
    return participation, times, places


def _score_pairs(
    predicted: Iterable[tuple[str, str, float]],
    gold: set[tuple[int, int]],
    clusters: dict[str, set[int]],
    counts: Counts,
) -> list[tuple[str, str, float]]:
    """Count predicted (event, actor) node pairs against gold cluster pairs; return FPs."""
    covered: set[tuple[int, int]] = set()
    false_positives = []
    for event, actor, confidence in predicted:
        pairs = {(e, a) for e in clusters.get(event, ()) for a in clusters.get(actor, ())}
        hits = pairs & gold
        if hits:
            counts.tp += 1
            covered |= hits
        else:
            counts.fp += 1
            false_positives.append((event, actor, confidence))
    counts.fn += len(gold - covered)
    return false_positives


def _best(facts: Iterable[tuple[tuple[str, str], float]]) -> dict[tuple[str, str], float]:
    best: dict[tuple[str, str], float] = {}
    for pair, confidence in facts:
        best[pair] = max(confidence, best.get(pair, 0.0))
    return best


def score_corpus(
    corpus: Corpus, doc: dict[str, Any], report: DocredReport, thresholds: Iterable[float]
) -> None:
    """Add one document's counts to ``report``."""
    clusters = _node_clusters(corpus, doc)
    gold_participation, gold_times, gold_places = _gold(doc)
    roles = _best(
        ((f.subject, f.object), f.confidence) for f in corpus.facts if f.predicate in ROLES
    )
    evidence = {(f.subject, f.object): f.evidence.sentence for f in corpus.facts}
    kept = [(e, a, c) for (e, a), c in roles.items() if c >= report.min_confidence]
    for e, a, c in _score_pairs(kept, gold_participation, clusters, report.participation):
        report.false_positives.append(
            {
                "document": doc["title"],
                "event": corpus.nodes[e].label,
                "participant": corpus.nodes[a].label,
                "confidence": c,
                "sentence": evidence.get((e, a), ""),
            }
        )
    for threshold in thresholds:
        so_far = report.sweep.get(str(threshold), {})
        counts = Counts(**{k: int(v) for k, v in so_far.items() if k in ("tp", "fp", "fn")})
        _score_pairs(
            [(e, a, c) for (e, a), c in roles.items() if c >= threshold],
            gold_participation,
            clusters,
            counts,
        )
        report.sweep[str(threshold)] = counts.as_dict()

    places = _best(
        ((f.subject, f.object), f.confidence) for f in corpus.facts if f.predicate == "place"
    )
    _score_pairs([(e, p, c) for (e, p), c in places.items()], gold_places, clusters, report.place)

    _score_times(corpus, clusters, gold_times, report)
    _score_entities(corpus, doc, clusters, report)


def _score_times(
    corpus: Corpus,
    clusters: dict[str, set[int]],
    gold: set[tuple[int, str, str]],
    report: DocredReport,
) -> None:
    dated = [f for f in corpus.facts if f.predicate in ("begin", "end")]
    predicted = {(f.subject, f.predicate, f.object) for f in dated}
    covered = set()
    for event, predicate, value in predicted:
        hits = {(c, predicate, value) for c in clusters.get(event, ())} & gold
        if hits:
            report.time.tp += 1
            covered |= hits
        else:
            report.time.fp += 1
    report.time.fn += len(gold - covered)
    # Event-year accuracy: for each gold event with a begin year that we found, is the
    # year we report the gold one? The reported year is the one the document's begin
    # sentences back most, each by its confidence, ties to the earliest: what `kg when`
    # chooses within one source (kg/dates.py, whose rules this one-source case reduces to).
    gold_years: dict[int, set[str]] = defaultdict(set)
    for cluster, predicate, value in gold:
        if predicate == "begin":
            gold_years[cluster].add(value[:4])
    report.year_gold += len(gold_years)
    backing: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for f in dated:
        if f.predicate == "begin":
            for cluster in clusters.get(f.subject, ()):
                backing[cluster][f.object[:4]] += f.confidence
    for cluster, years in gold_years.items():
        if backing.get(cluster):
            report.year_total += 1
            report.year_right += int(reported_year(backing[cluster]) in years)


def reported_year(backing: dict[str, float]) -> str:
    """The year (of ``year -> summed confidence``) its sentences back most, ties to the
    earliest."""
    return min(backing, key=lambda year: (-round(backing[year], 6), year))


def _score_entities(
    corpus: Corpus, doc: dict[str, Any], clusters: dict[str, set[int]], report: DocredReport
) -> None:
    scored = {i for i, c in enumerate(doc["vertexSet"]) if c[0]["type"] in TYPE_MAP}
    found: set[int] = set()
    for key, node in corpus.nodes.items():
        if node.kind != "entity":
            continue
        hits = clusters.get(key, set()) & scored
        if not hits:
            report.entities.fp += 1
            continue
        report.entities.tp += 1
        found |= hits
        for cluster in hits:
            expected = TYPE_MAP[doc["vertexSet"][cluster][0]["type"]]
            report.typed["right" if node.type in expected else "wrong"] += 1
    report.entities.fn += len(scored - found)


Reader = Callable[[list[tuple[str, str]]], Iterator[Corpus]]


def evaluate(
    docs: list[dict[str, Any]],
    read: Reader,
    *,
    min_confidence: float = 0.5,
    thresholds: Iterable[float] = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8),
    top: int = 25,
) -> DocredReport:
    """Score ``docs``; ``read`` turns (name, text) pairs into one Corpus per document."""
    report = DocredReport(documents=len(docs), min_confidence=min_confidence)
    thresholds = tuple(thresholds)
    texts = [
        (f"{i:04d}-{hashlib.sha1(d['title'].encode()).hexdigest()[:6]}.txt", document_text(d))
        for i, d in enumerate(docs)
    ]
    for doc, corpus in zip(docs, read(texts), strict=True):
        score_corpus(corpus, doc, report, thresholds)
    report.false_positives.sort(key=lambda fp: (-fp["confidence"], fp["document"]))
    report.false_positives = report.false_positives[:top]
    return report


def pipeline_reader(model: str | None = None) -> Reader:
    """The real pipeline, one resolved Corpus per document."""

    def read(texts: list[tuple[str, str]]) -> Iterator[Corpus]:
        from extract.corpus import analyse_sources
        from extract.pipeline import build_nlp
        from extract.resolve import resolve_corpus
        from extract.sources import SourceText

        nlp = build_nlp(model)
        sources = [
            SourceText(name, name, text, hashlib.sha256(text.encode()).hexdigest())
            for name, text in texts
        ]
        done = {}
        for src, analysis in analyse_sources(nlp, sources):
            done[src.source] = resolve_corpus([analysis])
        for name, _ in texts:
            yield done.get(name, Corpus())

    return read


def score_file(
    path: Path, *, model: str | None, min_confidence: float, limit: int | None = None
) -> DocredReport:
    """``kg eval docred``: read ``path`` (its first ``limit`` documents) with the real
    pipeline and score it; a file that is not DocRED is a one-line error."""
    try:
        docs = load(path)
        if limit:
            docs = docs[:limit]
        return evaluate(docs, pipeline_reader(model), min_confidence=min_confidence)
    except (OSError, ValueError, KeyError, TypeError) as exc:  # OSError: not gzip
        raise InputError(f"{path} is not a DocRED file: {exc}") from exc


def render(report: DocredReport) -> str:
    """A table for people."""
    d = report.as_dict()
    rows = [
        ("participation (P710/P1344/P607)", d["participation"]),
        ("event time (P585/P580/P582)", d["event_time"]),
        ("event place (P276)", d["event_place"]),
        ("entity detection (PER/ORG/LOC)", d["entity_detection"]),
    ]
    lines = [
        f"Re-DocRED: {report.documents} documents, min confidence {report.min_confidence}",
        f"{'relation':34} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name, c in rows:
        lines.append(
            f"{name:34} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} "
            f"{c['tp']:5} {c['fp']:5} {c['fn']:5}"
        )
    lines.append(f"entity typing accuracy: {d['entity_typing_accuracy']:.3f}")
    lines.append(
        f"event-year accuracy: {d['event_year_accuracy']:.3f} "
        f"({d['event_year_found']} of {d['event_year_gold']} gold events dated)"
    )
    lines.append(
        "participation F1 by minimum confidence: "
        + ", ".join(f"{t}: {c['f1']:.3f}" for t, c in d["participation_by_min_confidence"].items())
    )
    lines.append("top false positives (error or gap in the gold?):")
    for fp in d["top_false_positives"][:10]:
        lines.append(
            f"  {fp['event']} -> {fp['participant']} ({fp['confidence']}) "
            f"[{fp['document']}]: {fp['sentence'][:100]}"
        )
    return "\n".join(lines)
