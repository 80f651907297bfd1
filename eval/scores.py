"""Figures both trained models report (eval/train.py, eval/train_dates.py): pair scores
at a threshold and a reliability table."""

from __future__ import annotations

from typing import Any


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


def drop_rare_features(
    rows: list[dict[str, Any]],
    groups: list[str],
    *,
    min_documents: int,
    prefixes: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """The rows without the features (those starting with ``prefixes``, or all) that occur
    in fewer than ``min_documents`` training documents: a word from one article (a place
    name a parse hung an actor on) is that article's, not a cue."""
    seen: dict[str, set[str]] = {}
    for row, doc in zip(rows, groups, strict=True):
        for name in row:
            if prefixes is None or name.startswith(prefixes):
                seen.setdefault(name, set()).add(doc)
    rare = {name for name, docs in seen.items() if len(docs) < min_documents}
    return [{k: v for k, v in row.items() if k not in rare} for row in rows]
