"""Train the participation and date models: ``python -m eval.train [--out FILE]``.

Reads the development data: the dev part of tests/data/history and the seed articles
with their gold, and (unless ``--no-docred``) the Re-DocRED dev split (bench/data). Every
candidate (event, actor) pair becomes features (extract/participation.py, with a copy per
kind of document: article or lead) and a label from the gold (history: the gold lists the
actor as a participant of that event; Re-DocRED: a P710, P1344 or P607 relation joins
their clusters). Five folds keep documents whole; every figure reported is out-of-fold:
pair scores, a reliability table, and the two end-to-end scores (the history dev part
through ``who``, Re-DocRED through its scorer), each document read with the fold model
that never saw it. The shipped model is then fit on everything. Deterministic: fixed
folds and a solver without randomness.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extract.participation import document_kind
from queries.gold import normalise

from .history import gold_part, load_gold, texts
from .scores import drop_rare_features, pair_scores, reliability
from .train_dates import OUT as DATES_OUT
from .train_dates import train_dates, write_dates

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.json"
SEEDS = ROOT / "seeds"
DOCRED = ROOT / "bench" / "data" / "redocred-dev.json.gz"
OUT = ROOT / "extract" / "data" / "participation.json"
TYPES_OUT = ROOT / "extract" / "data" / "entity_types.json"
DOCRED_PREFIX = "docred-"  # the file name Re-DocRED documents are read under
FOLDS = 5
C = 0.5  # inverse L2 strength; chosen on dev folds
PASSING_WEIGHT = 0.2  # weight of negatives from events an article mentions in passing


def _names(node: Any) -> set[str]:
    return {normalise(n) for n in {node.name, *node.surfaces}}


def labelled_pairs(
    analysis: Any, gold: dict[str, Any]
) -> Iterator[tuple[tuple[str, str], dict[str, Any], int, float]]:
    """(pair, features, label, weight) for every candidate pair of a gold document.

    Pairs of an event the gold annotates are labelled from it. Pairs of an event the
    article only mentions in passing ("the earlier battle of X") are negatives of weight
    ``PASSING_WEIGHT``: without them the model learns only from the events an article is
    about, and gives an article's main actors to every event it names."""
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
            yield (event, actor), feats, 0, PASSING_WEIGHT
            continue
        an = _names(analysis.nodes[actor])
        spec = events[gold_event]
        # Participants are the required ones and acceptable ones that are not places:
        # the gold accepts the battlefield as an answer, but a place does not take part.
        allowed = set(spec["required"]) | {
            g for g in spec.get("acceptable", []) if gold["entities"][g]["type"] != "Place"
        }
        label = int(any(an & entity_names.get(g, set()) for g in allowed))
        yield (event, actor), feats, label, 1.0


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
        for src, analysis in analyse_sources(nlp, sources, learned=False):
            out.append((src.source, analysis, gold))
    return out


def read_docred(model: str | None = None, path: Path = DOCRED) -> list[tuple[str, Any, Any]]:
    """(document, analysis without the model, Re-DocRED record) for every dev document."""
    import hashlib

    from extract.corpus import analyse_sources
    from extract.docred import document_text, load
    from extract.pipeline import build_nlp
    from extract.sources import SourceText

    records = load(path)
    nlp = build_nlp(model)
    sources = []
    for i, rec in enumerate(records):
        text = document_text(rec)
        name = f"{DOCRED_PREFIX}{i:04d}.txt"
        sources.append(SourceText(name, name, text, hashlib.sha256(text.encode()).hexdigest()))
    by_name = {f"{DOCRED_PREFIX}{i:04d}.txt": rec for i, rec in enumerate(records)}
    return [
        (src.source, analysis, by_name[src.source])
        for src, analysis in analyse_sources(nlp, sources, learned=False)
    ]


def docred_pairs(
    analysis: Any, record: dict[str, Any]
) -> Iterator[tuple[tuple[str, str], dict[str, Any], int, float]]:
    """(pair, features, label) for every candidate pair of a Re-DocRED document."""
    from extract.docred import _cluster_keys, _gold
    from extract.names import match_key
    from extract.participation import pair_features

    by_key: dict[str, set[int]] = {}
    for index, cluster in enumerate(record["vertexSet"]):
        for key in _cluster_keys(cluster):
            by_key.setdefault(key, set()).add(index)
    gold = _gold(record)[0]

    def clusters(node: Any) -> set[int]:
        names = {node.name, *node.surfaces}
        return set().union(*(by_key.get(match_key(n), set()) for n in names))

    for (event, actor), feats in pair_features(analysis).items():
        ce, ca = clusters(analysis.nodes[event]), clusters(analysis.nodes[actor])
        yield (event, actor), feats, int(any((e, a) in gold for e in ce for a in ca)), 1.0


def dataset(docs: list[tuple[str, Any, dict[str, Any]]]):
    """Features, labels, documents and weights of every labelled pair."""
    rows, labels, groups, weights = [], [], [], []
    for name, analysis, gold in docs:
        pairs = docred_pairs if "vertexSet" in gold else labelled_pairs
        for _, feats, label, weight in pairs(analysis, gold):
            rows.append(feats)
            labels.append(label)
            groups.append(name)
            weights.append(weight)
    from extract.participation import adapted

    kept = drop_rare_features(rows, groups, min_documents=MIN_DOCUMENTS, prefixes=LEXICAL)
    return (
        [adapted(row) for row in kept] if ADAPTED else kept,
        labels,
        groups,
        weights,
    )


LEXICAL = ("head=", "main_head=")
ADAPTED = True  # a copy of every feature per kind of document (extract.participation.adapted)
MIN_DOCUMENTS = 3  # a word feature must occur in this many training articles
MIN_CALIBRATION = 30  # pairs of each label a kind of document needs to be calibrated
# Articles only: out of fold, pairs of articles the model gave 0.4-0.6 were right 59% of
# the time, while every band of leads (Re-DocRED) was within 0.04 of its share right, and
# calibrating leads cost Re-DocRED's end-to-end F1 0.05 (0.284 -> 0.236).
CALIBRATED_KINDS = frozenset({"article"})


def fit(rows: list[dict[str, Any]], labels: list[int], weights: list[float] | None = None):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    clf.fit(x, labels, sample_weight=weights)
    return vec, clf


def _fold_scores(rows, labels, groups, weights, folds: int):
    """(training rows, held rows, the held rows' probabilities) for each fold, from a
    model fit without the held rows' documents."""
    from sklearn.model_selection import GroupKFold

    for train, test in GroupKFold(n_splits=folds).split(rows, labels, groups):
        vec, clf = fit(
            [rows[i] for i in train], [labels[i] for i in train], [weights[i] for i in train]
        )
        p = clf.predict_proba(vec.transform([rows[i] for i in test]))[:, 1]
        yield list(train), list(test), [float(x) for x in p]


def out_of_fold(rows, labels, groups, weights, *, folds: int = FOLDS) -> list[float]:
    """Each row's probability from a model fit without its document's fold."""
    probs = [0.0] * len(rows)
    for _, test, p in _fold_scores(rows, labels, groups, weights, folds):
        for i, pi in zip(test, p, strict=True):
            probs[i] = pi
    return probs


def calibrated_out_of_fold(rows, labels, groups, weights) -> tuple[list[float], list[float]]:
    """Each row's probability out of fold, as the regression gives it and calibrated by
    its fold's calibration, fitted on scores out of that fold's own inner folds, so no
    calibration saw the rows it is applied to."""
    raw, calibrated = [0.0] * len(rows), [0.0] * len(rows)
    for train, test, p in _fold_scores(rows, labels, groups, weights, FOLDS):
        calibration = inner_calibration(rows, labels, groups, weights, train)
        kinds = [document_kind(rows[i]) for i in test]
        for i, pi, ci in zip(test, p, calibrate(p, kinds, calibration), strict=True):
            raw[i], calibrated[i] = pi, ci
    return raw, calibrated


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def fit_calibration(probs, labels, kinds, weights) -> dict[str, tuple[float, float]]:
    """Per kind of document (of ``CALIBRATED_KINDS``), the slope and offset of a logistic
    fit of the labels on the model's scores (Platt scaling; ``ParticipationModel``).
    Only annotated pairs count
    (weight 1: an article's passing events are assumed negatives); a kind with fewer than
    ``MIN_CALIBRATION`` pairs of either label keeps the model's own scores."""
    from sklearn.linear_model import LogisticRegression

    out: dict[str, tuple[float, float]] = {}
    for kind in sorted(set(kinds) & CALIBRATED_KINDS):
        idx = [i for i, k in enumerate(kinds) if k == kind and weights[i] == 1.0]
        y = [labels[i] for i in idx]
        if min(sum(y), len(y) - sum(y)) < MIN_CALIBRATION:
            continue
        platt = LogisticRegression(C=1e6, max_iter=1000)
        platt.fit([[_logit(probs[i])] for i in idx], y)
        out[kind] = (float(platt.coef_[0][0]), float(platt.intercept_[0]))
    return out


def calibrate(probs, kinds, calibration) -> list[float]:
    out = []
    for p, kind in zip(probs, kinds, strict=True):
        a, b = calibration.get(kind, (1.0, 0.0))
        out.append(1.0 / (1.0 + math.exp(-(a * _logit(p) + b))))
    return out


def inner_calibration(rows, labels, groups, weights, keep: list[int]):
    """The calibration of a model fit on rows ``keep``, from scores out of inner folds."""
    sub = [[seq[i] for i in keep] for seq in (rows, labels, groups, weights)]
    inner = out_of_fold(*sub, folds=FOLDS - 1)
    return fit_calibration(inner, sub[1], [document_kind(r) for r in sub[0]], sub[3])


def folds(docs: list[tuple[str, Any, Any]]) -> list[tuple[set[str], Any]]:
    """(documents of the fold, a model fit and calibrated without them) for each of the
    five folds."""
    from sklearn.model_selection import GroupKFold

    from extract.participation import ParticipationModel

    rows, labels, groups, weights = dataset(docs)
    names = sorted({name for name, _, _ in docs})
    out = []
    for _, test in GroupKFold(n_splits=FOLDS).split(names, groups=names):
        held = {names[i] for i in test}
        keep = [i for i, g in enumerate(groups) if g not in held]
        vec, clf = fit(
            [rows[i] for i in keep], [labels[i] for i in keep], [weights[i] for i in keep]
        )
        calibration = inner_calibration(rows, labels, groups, weights, keep)
        data = ParticipationModel.dump(vec, clf, {"adapted": ADAPTED}, calibration)
        out.append((held, ParticipationModel(data)))
    return out


def _rescored(analysis: Any, model: Any, dating: Any = None) -> Any:
    import copy

    from extract.event_dating import rescore as rescore_dates
    from extract.participation import rescore

    mine = copy.deepcopy(analysis)
    rescore(mine, model)
    if dating is not None:
        rescore_dates(mine, dating)
    return mine


def end_to_end_out_of_fold(
    docs: list[tuple[str, Any, Any]],
    dating: dict[str, Any] | None = None,
    model_of: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The history dev part through ``who`` and ``when`` and Re-DocRED through its
    scorer, every document read with the models of the folds that left it out
    (``dating``: the date model of each document's fold, if dates are rescored)."""
    from extract.docred import DocredReport, score_corpus
    from extract.model import DocumentInfo
    from extract.resolve import resolve_corpus
    from queries.gold import score_corpus as score_history

    if model_of is None:
        model_of = {name: model for held, model in folds(docs) for name in held}
    docred = DocredReport(documents=0, min_confidence=0.5)
    history = []
    for name, analysis, gold in docs:
        mine = _rescored(analysis, model_of[name], (dating or {}).get(name))
        if "vertexSet" in gold:
            docred.documents += 1
            score_corpus(resolve_corpus([mine]), gold, docred, (0.5,))
        elif gold is not None and not name[:1].isdigit():  # a history article, not a seed
            history.append(mine)
    corpus = resolve_corpus(history)
    corpus.documents = [DocumentInfo(a.source, a.source, "", 0, a.sentences) for a in history]
    dev_gold = gold_part(load_gold(), "dev")
    report = score_history(corpus, dev_gold, pipeline="out-of-fold")
    dated = [e for e in report.events if e.dates]
    p = docred.participation
    year = docred.year_right / docred.year_gold if docred.year_gold else 0.0
    result: dict[str, Any] = {
        "history_dev": {
            "recall": round(report.recall, 3),
            "precision": round(report.precision, 3),
            "events_found": sum(e.found for e in report.events),
            "events": len(report.events),
            "dates_right": sum(e.dates_right for e in dated),
            "dated": len(dated),
            "wrong_types": len(report.wrong_types),
            "false_people": len(report.false_people),
        },
    }
    if docred.documents:
        result["redocred_dev"] = {
            "documents": docred.documents,
            "participation": {"precision": round(p.precision, 3),
                              "recall": round(p.recall, 3), "f1": round(p.f1, 3)},
            "event_year_accuracy_undated_wrong": round(year, 3),
        }  # fmt: skip
    return result


def typed_documents(
    untyped: list[tuple[str, Any, Any]], *, docred: bool, model: str | None = None
) -> tuple[list[tuple[str, Any, Any]], list[tuple[set[str], Any]], Any]:
    """Entity types first: the participation model is trained on articles typed by the
    type model of the fold that left them out, as it will see new articles, and on
    Re-DocRED's leads (with ``docred``) typed by the model fit on every article. Returns
    the typed documents, the fold type models and that model."""
    from extract.entity_types import TypeModel

    from . import train_types

    type_folds = train_types.fold_models(untyped, FOLDS)
    type_of = {n: m for held, m in type_folds for n in held}
    docs = [(name, train_types.retyped(a, type_of[name]), gold) for name, a, gold in untyped]
    vec, clf = train_types.fit(*train_types.dataset(untyped))
    type_all = TypeModel(TypeModel.dump(vec, clf, {}))
    if docred:
        docs += [(n, train_types.retyped(a, type_all), g) for n, a, g in read_docred(model)]
    return docs, type_folds, type_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="where the participation weights go")
    parser.add_argument(
        "--types-out", type=Path, default=TYPES_OUT, help="where the entity-type weights go"
    )
    parser.add_argument(
        "--dates-out", type=Path, default=DATES_OUT, help="where the date model's weights go"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline to load")
    parser.add_argument(
        "--no-docred",
        dest="docred",
        action="store_false",
        help="train the participation model on the history dev part and the seeds only",
    )
    args = parser.parse_args(argv)
    from extract.entity_types import shipped_model
    from extract.participation import ParticipationModel

    from . import train_types

    untyped = read_dev(args.model)
    type_scores = train_types.out_of_fold_scores(untyped, FOLDS)
    docs, _, type_model = typed_documents(untyped, docred=args.docred, model=args.model)
    rows, labels, groups, weights = dataset(docs)
    kinds = [document_kind(r) for r in rows]
    # Scores out of fold: the regression's own (its calibration is fitted on them), and
    # calibrated by each fold's calibration from its inner folds (the figures reported).
    raw, probs = calibrated_out_of_fold(rows, labels, groups, weights)
    # Pair figures are over the annotated events' pairs: the passing events' negatives
    # are assumed, not annotated.
    # History and Re-DocRED pairs are reported apart: they are different tasks, and the
    # history figures stay comparable with a model trained without Re-DocRED.
    docred_pairs = [i for i, g in enumerate(groups) if g.startswith(DOCRED_PREFIX)]
    scored = [
        i for i, w in enumerate(weights) if w == 1.0 and not groups[i].startswith(DOCRED_PREFIX)
    ]
    p, y = [probs[i] for i in scored], [labels[i] for i in scored]
    rule_only = [float(rows[i].get("rule_conf", 0.0)) for i in scored]
    oof = {
        "documents": len({groups[i] for i in scored}),
        "pairs": len(scored),
        "positives": sum(y),
        "passing_negatives": sum(1 for w in weights if w != 1.0),
        "model_out_of_fold": pair_scores(p, y),
        "rules_alone": pair_scores(rule_only, y),
        "reliability_out_of_fold": reliability(p, y),
        "before_calibration": {
            "model_out_of_fold": pair_scores([raw[i] for i in scored], y),
            "reliability_out_of_fold": reliability([raw[i] for i in scored], y),
        },
    }
    if docred_pairs:
        dp, dy = [probs[i] for i in docred_pairs], [labels[i] for i in docred_pairs]
        oof["redocred"] = {
            "documents": len({groups[i] for i in docred_pairs}),
            "pairs": len(docred_pairs),
            "positives": sum(dy),
            "model_out_of_fold": pair_scores(dp, dy),
            "rules_alone": pair_scores(
                [float(rows[i].get("rule_conf", 0.0)) for i in docred_pairs], dy
            ),
            "reliability_out_of_fold": reliability(dp, dy),
        }
    # The date model (eval/train_dates.py): its own weights and out-of-fold figures; the
    # end-to-end score reads each document with both models of the fold that left it out.
    model_of = {name: model for held, model in folds(docs) for name in held}
    dates_oof, dating, date_weights = train_dates(docs)
    oof["end_to_end_out_of_fold"] = end_to_end_out_of_fold(docs, dating, model_of)
    rules_only = end_to_end_out_of_fold(docs, None, model_of)["history_dev"]
    dates_oof["end_to_end_out_of_fold"] = {
        "rules_alone": {k: rules_only[k] for k in ("dates_right", "dated")},
        "rules_and_model": {
            k: oof["end_to_end_out_of_fold"]["history_dev"][k] for k in ("dates_right", "dated")
        },
    }
    write_dates(args.dates_out, date_weights, dates_oof)
    vec, clf = fit(rows, labels, weights)
    calibration = fit_calibration(raw, labels, kinds, weights)
    trained_on = (
        "the history dev part, the seeds gold and Re-DocRED dev"
        if args.docred
        else "the history dev part and the seeds gold"
    )
    meta = {"trained_on": trained_on, "C": C, "adapted": ADAPTED, **oof}
    args.out.write_text(
        json.dumps(ParticipationModel.dump(vec, clf, meta, calibration), indent=0) + "\n",
        encoding="utf-8",
    )
    type_meta = {"trained_on": "the history dev part and the seeds gold", "C": train_types.C,
                 "out_of_fold": type_scores}  # fmt: skip
    args.types_out.write_text(
        json.dumps({**type_model.data, "meta": type_meta}, indent=0) + "\n", encoding="utf-8"
    )
    shipped_model.cache_clear()
    out = {"participation": oof, "dates": dates_oof, "entity_types": type_scores}
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
