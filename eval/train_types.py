"""Train the entity-type model (extract/entity_types.py); called by ``python -m eval.train``.

Every entity of a development article becomes one example: its features
(``node_features``) and, when the gold names it, the gold's type (a name the gold gives
two types is left out); names the gold says are not people and the other entities give
weaker labels (``labelled_nodes``). Accuracy is reported on the gold-typed ones. Folds
keep documents whole and are the participation model's (GroupKFold over document names),
so the participation model can be trained on articles typed out-of-fold.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from queries.gold import COMPATIBLE_TYPES, normalise

from .scores import drop_rare_features

C = 3.0  # inverse L2 strength; chosen on dev folds (0.3, 1, 3, 10)
NOT_PERSON_WEIGHT = 0.5
# Entities the gold does not name keep the rules' type as a weak label: without them the
# model learns only from the names an annotator listed, a third of them people, and
# turns unnamed bodies and places into people (chosen on dev folds: 0, 0.1, 0.3, 0.5).
UNLABELLED_WEIGHT = 0.3


def gold_types(gold: dict[str, Any]) -> dict[str, str]:
    """Normalised name -> gold type, for every entity the gold names (a name the gold
    gives two types is left out)."""
    seen: dict[str, set[str]] = {}
    for spec in gold["entities"].values():
        for name in spec["names"]:
            seen.setdefault(normalise(name), set()).add(spec["type"])
    return {name: types.pop() for name, types in seen.items() if len(types) == 1}


def labelled_nodes(
    analysis: Any, gold: dict[str, Any]
) -> list[tuple[str, dict[str, Any], str, float]]:
    """(local id, features, type, weight) for every entity of the article the gold types.

    Names the gold lists as not people (places, ships, phrases NER took for people) teach
    what is not a person: one the rules typed otherwise keeps its type; one they typed a
    person counts as a place, the commonest case, at weight ``NOT_PERSON_WEIGHT``. Every
    other entity keeps the rules' type at weight ``UNLABELLED_WEIGHT``; these weak labels
    are not scored."""
    from extract.entity_types import node_features

    names = gold_types(gold)
    not_people = {normalise(n) for n in gold.get("not_people", [])} - set(names)
    out = []
    for lid, feats in sorted(node_features(analysis).items()):
        node = analysis.nodes[lid]
        keys = {normalise(node.name), *map(normalise, node.surfaces)}
        found = {names[n] for n in keys if n in names}
        if len(found) == 1:
            gold_type = found.pop()
            # A type the gold accepts stays: a unit the gold calls an organisation.
            fits = node.type in COMPATIBLE_TYPES.get(gold_type, {gold_type})
            out.append((lid, feats, node.type if fits else gold_type, 1.0))
        elif not found and keys & not_people:
            label = "Place" if node.type == "Person" else node.type
            out.append((lid, feats, label, NOT_PERSON_WEIGHT))
        elif not found and UNLABELLED_WEIGHT:
            out.append((lid, feats, node.type, UNLABELLED_WEIGHT))
    return out


def dataset(
    docs: list[tuple[str, Any, Any]],
) -> tuple[list[dict[str, Any]], list[str], list[str], list[float]]:
    rows, labels, groups, weights = [], [], [], []
    for name, analysis, gold in docs:
        if gold is None or "events" not in gold:
            continue
        for _lid, feats, label, weight in labelled_nodes(analysis, gold):
            rows.append(feats)
            labels.append(label)
            groups.append(name)
            weights.append(weight)
    return rows, labels, groups, weights


def fit(
    rows: list[dict[str, Any]], labels: list[str], groups: list[str], weights: list[float]
) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    # A feature seen in one document only is that document's (names are no features).
    x = vec.fit_transform(drop_rare_features(rows, groups, min_documents=2))
    clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    clf.fit(x, labels, sample_weight=weights)
    return vec, clf


def fold_models(docs: list[tuple[str, Any, Any]], folds: int) -> list[tuple[set[str], Any]]:
    """(documents of the fold, a type model fit without them) for each fold."""
    from sklearn.model_selection import GroupKFold

    from extract.entity_types import TypeModel

    rows, labels, groups, weights = dataset(docs)
    names = sorted({name for name, _, _ in docs})
    out = []
    for _, test in GroupKFold(n_splits=folds).split(names, groups=names):
        held = {names[i] for i in test}
        keep = [i for i, g in enumerate(groups) if g not in held]
        vec, clf = fit(
            [rows[i] for i in keep],
            [labels[i] for i in keep],
            [groups[i] for i in keep],
            [weights[i] for i in keep],
        )
        out.append((held, TypeModel(TypeModel.dump(vec, clf, {}))))
    return out


def out_of_fold_scores(docs: list[tuple[str, Any, Any]], folds: int) -> dict[str, Any]:
    """Type accuracy of the rules and of rules + model on the labelled entities,
    every document scored by the fold model that never saw it."""
    from extract.entity_types import RETYPE_AT

    model_of = {name: m for held, m in fold_models(docs, folds) for name in held}
    rules = combined = total = 0
    people = {"rules": 0, "model": 0, "names": 0}  # names the gold says are not people
    confusion: Counter[tuple[str, str]] = Counter()
    for name, analysis, gold in docs:
        if gold is None or "events" not in gold:
            continue
        examples = labelled_nodes(analysis, gold)
        if not examples:
            continue
        probs = model_of[name].predict([f for _, f, _, _ in examples])
        for (lid, _feats, label, weight), p in zip(examples, probs, strict=True):
            rule = analysis.nodes[lid].type
            best = max(p, key=lambda t: (p[t], t))
            chosen = best if best != rule and p[best] >= RETYPE_AT else rule
            if weight == UNLABELLED_WEIGHT:
                continue
            if weight == NOT_PERSON_WEIGHT:
                people["names"] += 1
                people["rules"] += rule == "Person"
                people["model"] += chosen == "Person"
                continue
            total += 1
            rules += rule == label
            combined += chosen == label
            if chosen != label:
                confusion[(label, chosen)] += 1
    return {
        "entities": total,
        "rules_alone_accuracy": round(rules / total, 3) if total else 0.0,
        "rules_and_model_accuracy": round(combined / total, 3) if total else 0.0,
        "not_people": people["names"],
        "not_people_typed_person_rules": people["rules"],
        "not_people_typed_person_model": people["model"],
        "commonest_errors": [
            {"gold": g, "given": t, "count": n} for (g, t), n in confusion.most_common(6)
        ],
    }


def retyped(analysis: Any, model: Any) -> Any:
    """A copy of the analysis with the model's types."""
    import copy

    from extract.entity_types import retype

    mine = copy.deepcopy(analysis)
    retype(mine, model)
    return mine
