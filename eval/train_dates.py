"""Train the date model (extract/event_dating.py); called by ``python -m eval.train``.

Every candidate (event, date) pair of the development articles becomes features and a
label from the gold: the pair is right when the date's year is the gold event's year
(its ``year``, else the year of its ``start``), and, where the gold gives a ``start`` or
``end``, when the date is that value or contains it. Pairs of events the gold does not
annotate are left out: nothing says when those happened. Five folds keep documents
whole, as for the participation model; every figure reported is out-of-fold (pair
scores for the rules alone and for rules and model, a reliability table), and each
document's fold model is handed back for the end-to-end score. The shipped model is then
fit on everything. Deterministic: fixed folds and a solver without randomness.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from queries.gold import normalise, year_of

from .scores import drop_rare_features, pair_scores, reliability

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "extract" / "data" / "dating.json"
FOLDS = 5
C = 0.5  # inverse L2 strength; chosen on dev folds
LEXICAL = ("cue=", "verb=", "before=")
MIN_DOCUMENTS = 3  # a word feature must occur in this many training articles
PASSING_WEIGHT = 0.05  # weight of negatives from events an article mentions in passing


def _names(node: Any) -> set[str]:
    return {normalise(n) for n in {node.name, *node.surfaces}}


def gold_years(gold: dict[str, Any], source: str) -> dict[str, dict[str, Any]]:
    """The document's dated gold events, by id: their names and dates."""
    out = {}
    for gid, e in gold["events"].items():
        if e.get("text", source) != source:
            continue
        year = e.get("year")
        if year is None and "start" in e:
            year = year_of(e["start"])
        if year is None:
            continue
        names = {normalise(n) for n in [e["ask"], *e["names"]]}
        out[gid] = {"names": names, "year": int(year), "start": e.get("start"), "end": e.get("end")}
    return out


def _within(value: str, gold: str) -> bool:
    """The value is the gold value or a coarser one containing it."""
    return gold == value or gold.startswith(value + "-")


def right(record: Any, spec: dict[str, Any]) -> bool:
    """Whether a date mention gives the gold event's date (see module docstring)."""
    from extract.dates import year_of as iso_year

    if iso_year(record.begin) != spec["year"]:
        return bool(spec["end"] and record.end is None and _within(record.begin, spec["end"]))
    return not spec["start"] or _within(record.begin, spec["start"])


def labelled_dates(
    analysis: Any, gold: dict[str, Any]
) -> Iterator[tuple[tuple[str, int], dict[str, Any], int, float]]:
    """(pair, features, label, weight) for every candidate pair of a document.

    Pairs of a dated gold event are labelled from it. Pairs of an event the gold does not
    annotate (mentioned in passing) that no rule dated are negatives of weight
    ``PASSING_WEIGHT``: without them the model sees almost only the events an article is
    about, and gives every date around to whatever event stands near it."""
    from extract.event_dating import date_features

    dated = gold_years(gold, analysis.source)
    annotated = {
        n
        for e in gold["events"].values()
        if e.get("text", analysis.source) == analysis.source
        for n in (normalise(x) for x in [e["ask"], *e["names"]])
    }
    for (event, i), feats in date_features(analysis).items():
        names = _names(analysis.nodes[event])
        spec = next((s for s in dated.values() if names & s["names"]), None)
        if spec is not None:
            yield (event, i), feats, int(right(analysis.dates[i], spec)), 1.0
        elif not names & annotated and not feats["rule_conf"]:
            yield (event, i), feats, 0, PASSING_WEIGHT


def dataset(docs: list[tuple[str, Any, Any]]):
    """Features, labels and documents of every labelled pair of the history and seed
    articles (Re-DocRED documents, when training reads them, are not used here)."""
    rows, labels, groups, weights = [], [], [], []
    for name, analysis, gold in docs:
        if "vertexSet" in gold:
            continue
        for _, feats, label, weight in labelled_dates(analysis, gold):
            rows.append(feats)
            labels.append(label)
            groups.append(name)
            weights.append(weight)
    return (
        drop_rare_features(rows, groups, min_documents=MIN_DOCUMENTS, prefixes=LEXICAL),
        labels,
        groups,
        weights,
    )


def fit(rows: list[dict[str, Any]], labels: list[int], weights: list[float]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    clf.fit(x, labels, sample_weight=weights)
    return vec, clf


def _splits(groups: list[str]) -> list[set[str]]:
    """The documents of each of the five folds (documents kept whole)."""
    from sklearn.model_selection import GroupKFold

    names = sorted(set(groups))
    splits = GroupKFold(n_splits=FOLDS).split(names, groups=names)
    return [{names[i] for i in test} for _, test in splits]


def train_dates(
    docs: list[tuple[str, Any, Any]],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Fit and score the date model out-of-fold. Returns the out-of-fold figures, per
    document the model of the fold that left it out, and the weights fit on everything
    (for :func:`write_dates`)."""
    from extract.event_dating import DatingModel

    rows, labels, groups, weights = dataset(docs)
    probs = [0.0] * len(rows)
    model_of: dict[str, Any] = {}
    names = sorted({name for name, _, gold in docs if "vertexSet" not in gold})
    for held in _splits(names):
        keep = [i for i, g in enumerate(groups) if g not in held]
        vec, clf = fit(*([x[i] for i in keep] for x in (rows, labels, weights)))
        model = DatingModel(DatingModel.dump(vec, clf, {}))
        test = [i for i, g in enumerate(groups) if g in held]
        for i, prob in zip(test, model.predict([rows[i] for i in test]), strict=True):
            probs[i] = prob
        model_of.update(dict.fromkeys(held, model))
    # Pair figures are over the annotated events' pairs: the passing events' negatives
    # are assumed, not annotated.
    scored = [i for i, w in enumerate(weights) if w == 1.0]
    p, y = [probs[i] for i in scored], [labels[i] for i in scored]
    rules = [float(rows[i].get("rule_conf", 0.0)) for i in scored]
    oof = {
        "documents": len({groups[i] for i in scored}),
        "pairs": len(scored),
        "positives": sum(y),
        "passing_negatives": len(rows) - len(scored),
        "model_out_of_fold": pair_scores(p, y),
        "rules_alone": pair_scores(rules, y),
        "reliability_out_of_fold": reliability(p, y),
    }
    vec, clf = fit(rows, labels, weights)
    return oof, model_of, DatingModel.dump(vec, clf, {})


def write_dates(out: Path, weights: dict[str, Any], figures: dict[str, Any]) -> None:
    """The shipped weights, with what they were trained on and their out-of-fold figures."""
    meta = {"trained_on": "the history dev part and the seeds gold", "C": C, **figures}
    out.write_text(json.dumps({**weights, "meta": meta}, indent=0) + "\n", encoding="utf-8")
