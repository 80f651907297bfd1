"""Train the participation model: ``python -m eval.train [--out FILE]``.

Reads the development articles (the dev part of tests/data/history and the seed articles
with their gold), turns every candidate (event, actor) pair into features
(extract/participation.py), labels it from the gold (positive when the gold lists the
actor as a required or acceptable participant of that event), reports out-of-fold
figures with documents kept whole in their fold, and fits the shipped model on all of
it. Deterministic: fixed folds and a solver without randomness.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .gold import normalise
from .history import gold_part, load_gold, texts

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.json"
SEEDS = ROOT / "seeds"
OUT = ROOT / "extract" / "data" / "participation.json"
FOLDS = 5
C = 0.5  # inverse L2 strength; chosen on dev folds


def _names(node: Any) -> set[str]:
    return {normalise(n) for n in {node.name, *node.surfaces}}


def labelled_pairs(
    analysis: Any, gold: dict[str, Any]
) -> Iterator[tuple[tuple[str, str], dict[str, Any], int]]:
    """(pair, features, label) for the pairs whose event the gold annotates."""
    from extract.participation import pair_features

    events = {
        gid: e
        for gid, e in gold["events"].items()
        if e.get("text", analysis.source) == analysis.source
    }
    event_names = {
        gid: {normalise(n) for n in [e["ask"], *e["names"]]} for gid, e in events.items()
    }
    entity_names = {gid: {normalise(n) for n in e["names"]} for gid, e in gold["entities"].items()}
    for (event, actor), feats in pair_features(analysis).items():
        en = _names(analysis.nodes[event])
        gold_event = next((g for g, ns in event_names.items() if en & ns), None)
        if gold_event is None:
            continue
        an = _names(analysis.nodes[actor])
        spec = events[gold_event]
        allowed = set(spec["required"]) | set(spec.get("acceptable", []))
        label = int(any(an & entity_names.get(g, set()) for g in allowed))
        yield (event, actor), feats, label


def read_dev(model: str | None = None) -> list[tuple[str, Any, dict[str, Any]]]:
    """(document, analysis without the model, gold) for every development article."""
    from extract.corpus import analyse_sources
    from extract.pipeline import build_nlp
    from extract.sources import read_sources

    nlp = build_nlp(model)
    history = gold_part(load_gold(), "dev")
    seeds = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    out = []
    for paths, gold in ((texts("dev"), history), ([SEEDS], seeds)):
        problems: list[Any] = []
        sources = list(read_sources(paths, problems))
        for src, analysis in analyse_sources(nlp, sources, participation=False):
            out.append((src.source, analysis, gold))
    return out


def dataset(docs: list[tuple[str, Any, dict[str, Any]]]):
    rows, labels, groups = [], [], []
    for name, analysis, gold in docs:
        for _, feats, label in labelled_pairs(analysis, gold):
            rows.append(feats)
            labels.append(label)
            groups.append(name)
    return rows, labels, groups


def fit(rows: list[dict[str, Any]], labels: list[int]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    clf.fit(x, labels)
    return vec, clf


def out_of_fold(rows, labels, groups) -> list[float]:
    from sklearn.model_selection import GroupKFold

    probs = [0.0] * len(rows)
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, labels, groups):
        vec, clf = fit([rows[i] for i in train], [labels[i] for i in train])
        p = clf.predict_proba(vec.transform([rows[i] for i in test]))[:, 1]
        for i, pi in zip(test, p, strict=True):
            probs[i] = float(pi)
    return probs


def reliability(probs: list[float], labels: list[int], bands: int = 5) -> list[dict[str, Any]]:
    """Confidence band -> pairs in it, mean confidence and share actually correct."""
    table = []
    for b in range(bands):
        lo, hi = b / bands, (b + 1) / bands
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bands - 1 and p == 1.0)]
        if idx:
            table.append(
                {
                    "band": f"{lo:.1f}-{hi:.1f}",
                    "pairs": len(idx),
                    "mean_confidence": round(sum(probs[i] for i in idx) / len(idx), 3),
                    "share_correct": round(sum(labels[i] for i in idx) / len(idx), 3),
                }
            )
    return table


def pair_scores(probs: list[float], labels: list[int], threshold: float = 0.5) -> dict[str, float]:
    tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= threshold and y)
    fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= threshold and not y)
    fn = sum(1 for p, y in zip(probs, labels, strict=True) if p < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="where the weights go")
    parser.add_argument("--model", default=None, help="spaCy pipeline to load")
    args = parser.parse_args(argv)
    from extract.participation import ParticipationModel

    docs = read_dev(args.model)
    rows, labels, groups = dataset(docs)
    probs = out_of_fold(rows, labels, groups)
    rule_only = [float(r.get("rule_conf", 0.0)) for r in rows]
    oof = {
        "documents": len({g for g in groups}),
        "pairs": len(rows),
        "positives": sum(labels),
        "model_out_of_fold": pair_scores(probs, labels),
        "rules_alone": pair_scores(rule_only, labels),
        "reliability_out_of_fold": reliability(probs, labels),
    }
    vec, clf = fit(rows, labels)
    meta = {"trained_on": "tests/data/history dev part + seeds gold", "C": C, **oof}
    args.out.write_text(
        json.dumps(ParticipationModel.dump(vec, clf, meta), indent=0) + "\n", encoding="utf-8"
    )
    json.dump(oof, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
