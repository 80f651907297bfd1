"""What kind of thing each entity of a document is: a learned vote over its mentions.

NER types a name from one sentence, and the rules in ``components.py`` correct it by
form (titles, initials, polity heads, gazetteer states). Neither sees the whole article:
"Meerut" typed a person in one sentence is "at Meerut" and "the garrison of Meerut"
elsewhere; "Themistocles" typed an organisation "commanded" and "persuaded". This module
turns each entity of a document into a handful of signals, the rules' type, the form of
its name (last word, suffix, plural, "of"), and how the article uses it (the word before
and after each mention, its dependency label and governing word), and scores the five
entity types with a multinomial logistic regression trained on the annotated history
articles (``python -m eval.train``). An entity changes type only when the model is
confident (``RETYPE_AT``); its local id changes with it (``DocumentAnalysis.rename``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from . import gazetteer
from .lexicon import (
    ADDRESS_TITLES,
    BODY_NOUNS,
    EVENT_CUES,
    LOCATIVE_PREPS,
    NOBLE_TITLES,
    PLACE_NOUNS,
    POLITY_HEADS,
    UNIT_HEADS,
)
from .mentions import local_id
from .names import STOP_WORDS

if TYPE_CHECKING:
    from .analysis import DocumentAnalysis

TYPES = ("Country", "MilitaryUnit", "Organization", "Person", "Place")
MODEL_FILE = "entity_types.json"
# The model's probability a new type needs before it overrides the rules' type; chosen on
# the development articles' out-of-fold scores (``python -m eval.train`` reports them).
RETYPE_AT = 0.5
# The words of a name the model may weigh one by one: the project's documented word lists
# and function words. A proper name's own words are left out (its suffix stays), so the
# weights learn kinds of names, not the training articles' names.
_NAME_WORDS = (
    STOP_WORDS
    | ADDRESS_TITLES
    | BODY_NOUNS
    | UNIT_HEADS
    | POLITY_HEADS
    | PLACE_NOUNS
    | frozenset(EVENT_CUES)
    | frozenset(t.lower() for t in NOBLE_TITLES)
)


def _word(word: str) -> str:
    """A name's word as a feature value: itself if generic, else its shape."""
    lower = word.lower()
    return lower if lower in _NAME_WORDS else _word_shape(word)


def _word_shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "CAPS"
    if word[:1].isupper():
        return "Cap"
    return "low" if word.isalpha() else "other"


def node_features(analysis: DocumentAnalysis) -> dict[str, dict[str, Any]]:
    """Feature dicts for every entity (local id) of one document."""
    uses: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    # Words of the article's names stand as "NAME" in a mention's context too.
    named = {w.lower() for n in analysis.nodes.values() for w in n.name.split()} - _NAME_WORDS

    def context(word: str) -> str:
        return "NAME" if word in named else word

    for s in analysis.sentence_mentions:
        for a in s.actors:
            c = uses.setdefault(a.id, Counter())
            counts[a.id] += 1
            before, after, head = context(a.before), context(a.after), context(a.head)
            c[f"dep={a.dep}"] += 1
            c[f"head={head}"] += 1
            c[f"before={before}"] += 1
            c[f"after={after}"] += 1
            c[f"dep_before={a.dep}:{before}"] += 1
            c[f"dep_head={a.dep}:{head}"] += 1
            if a.before in LOCATIVE_PREPS:
                c["after_locative"] += 1
            if a.before in ADDRESS_TITLES or a.before in PLACE_NOUNS:
                c["before_" + ("title" if a.before in ADDRESS_TITLES else "place_noun")] += 1
            if a.demonym:
                c["demonym_mention"] += 1
            if s.heading:
                c["in_heading"] += 1
    # Last words of the article's longer names of people: "Smith" after "John Smith" is
    # most likely his surname, however a sentence uses it.
    surnames = {
        n.name.split()[-1].lower()
        for n in analysis.nodes.values()
        if n.kind == "entity" and n.type == "Person" and len(n.name.split()) >= 2
    }
    out: dict[str, dict[str, Any]] = {}
    for lid, node in analysis.nodes.items():
        if node.kind != "entity" or node.type not in TYPES:
            continue
        words = node.name.split()
        if not words:
            continue
        last = words[-1].lower()
        feats: dict[str, Any] = {
            f"rule={node.type}": 1.0,
            f"first={_word(words[0])}": 1.0,
            f"last={_word(words[-1])}": 1.0,
            f"suffix2={last[-2:]}": 1.0,
            f"suffix={last[-3:]}": 1.0,
            f"suffix4={last[-4:]}": 1.0,
            f"words={min(len(words), 4)}": 1.0,
            f"shape={'+'.join(_word_shape(w) for w in words[:3])}": 1.0,
        }
        if last.endswith("s") and not last.endswith("ss"):
            feats["plural"] = 1.0
        if "of" in (w.lower() for w in words[1:-1]):
            feats["x_of_y"] = 1.0
        if any(ch.isdigit() for ch in node.name):
            feats["digit"] = 1.0
        if len(words) == 1 and last in surnames:
            feats["surname_of_person"] = 1.0
        # The documented word lists the rules use, as classes the model can weigh: a
        # name ending in a body's or a unit's noun, a state's head, a place noun.
        lower = [w.lower() for w in words]
        for cls, vocab in (
            ("body", BODY_NOUNS),
            ("unit", UNIT_HEADS),
            ("polity", POLITY_HEADS),
            ("place_noun", PLACE_NOUNS),
        ):
            if lower[-1] in vocab or (len(lower) > 2 and lower[1] == "of" and lower[0] in vocab):
                feats[f"head_{cls}"] = 1.0
        if any(w.split()[0].lower().strip(".") in ADDRESS_TITLES for w in node.surfaces if w):
            feats["titled"] = 1.0
        if gazetteer.country_named(node.name) is not None:
            feats["gazetteer_state"] = 1.0
        if gazetteer.country_for_demonym(node.name) is not None:
            feats["gazetteer_demonym"] = 1.0
        for surface in node.surfaces:
            first = surface.split()[0].lower() if surface.split() else ""
            if first and first != words[0].lower():
                feats[f"surface_first={_word(first)}"] = 1.0
        n = counts[lid]
        feats["mentions"] = math.log1p(n)
        for key, k in uses.get(lid, Counter()).items():
            feats[key] = k / n
        out[lid] = feats
    return out


class TypeModel:
    """The shipped weights: a vectoriser's feature names and one row of weights per type."""

    def __init__(self, data: dict[str, Any]) -> None:
        import numpy as np
        from sklearn.feature_extraction import DictVectorizer

        self.data = data  # as loaded, so that a fitted model can be written again
        self.meta = data.get("meta", {})
        self.types: list[str] = list(data["types"])
        self.vectorizer = DictVectorizer()
        self.vectorizer.feature_names_ = list(data["features"])
        self.vectorizer.vocabulary_ = {f: i for i, f in enumerate(data["features"])}
        self._coef = np.asarray(data["coef"], dtype=float).T  # features x types
        self._intercept = np.asarray(data["intercept"], dtype=float)

    def predict(self, rows: list[dict[str, Any]]) -> list[dict[str, float]]:
        """Each row's probability of every type."""
        import numpy as np

        if not rows:
            return []
        scores = self.vectorizer.transform(rows) @ self._coef + self._intercept
        scores = np.asarray(scores)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        return [dict(zip(self.types, map(float, row), strict=True)) for row in probs]

    @staticmethod
    def dump(vectorizer: Any, classifier: Any, meta: dict[str, Any]) -> dict[str, Any]:
        return {
            "meta": meta,
            "types": [str(t) for t in classifier.classes_],
            "features": list(vectorizer.feature_names_),
            "coef": [[round(float(c), 5) for c in row] for row in classifier.coef_],
            "intercept": [round(float(c), 5) for c in classifier.intercept_],
        }


@cache
def shipped_model() -> TypeModel | None:
    """The model trained by ``python -m eval.train``, or None if the package has none."""
    path = files("extract") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return TypeModel(json.loads(path.read_text(encoding="utf-8")))


def retype(analysis: DocumentAnalysis, model: TypeModel | None = None) -> dict[str, str]:
    """Give each entity the type the model is confident of, renaming its local id; returns
    the renames (old id -> new id). Without a model, nothing changes."""
    model = model or shipped_model()
    if model is None:
        return {}
    feats = node_features(analysis)
    ids = sorted(feats)
    renames: dict[str, str] = {}
    for lid, probs in zip(ids, model.predict([feats[i] for i in ids]), strict=True):
        node = analysis.nodes[lid]
        analysis.type_scores[lid] = {t: round(p, 4) for t, p in sorted(probs.items())}
        best = max(probs, key=lambda t: (probs[t], t))
        if best != node.type and probs[best] >= RETYPE_AT:
            renames[lid] = local_id(node.kind, best, node.name)
    if renames:
        analysis.rename(renames)
    return renames
