"""Numbers a sentence states about fighting: casualties, prisoners, troops, equipment.

"The Japanese casualties, with 18,500 dead", "Soviet troops captured about 600,000
soldiers", "700 tanks and 860 aircraft". Each number becomes a quantity with what it
counts (a normalised measure), the words the text used, the side it counts when the text
says (a demonym or possessor on the counted noun, or the subject of "lost"), and whether
the text hedges it ("about", "more than"). Hypothetical numbers ("could die") are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .mentions import Mention

# Counted nouns (lemmas or words) -> measure.
MEASURES: dict[str, str] = {
    "dead": "dead", "killed": "dead", "death": "dead", "deaths": "dead", "fatality": "dead",
    "wounded": "wounded", "injured": "wounded",
    "casualty": "casualties", "casualties": "casualties", "loss": "casualties",
    "losses": "casualties",
    "prisoner": "prisoners", "prisoners": "prisoners", "captive": "prisoners", "pow": "prisoners",
    "pows": "prisoners",
    "troop": "troops", "troops": "troops", "soldier": "troops", "soldiers": "troops",
    "man": "troops", "men": "troops", "officer": "troops", "officers": "troops",
    "tank": "tanks", "tanks": "tanks",
    "aircraft": "aircraft", "plane": "aircraft", "planes": "aircraft", "airplane": "aircraft",
    "ship": "ships", "ships": "ships", "warship": "ships", "vessel": "ships",
    "gun": "guns", "guns": "guns", "cannon": "guns",
    "civilian": "civilians", "civilians": "civilians",
}  # fmt: skip
# A verb over a count of soldiers says what happened to them.
_VERB_MEASURES = {
    "lose": "casualties",
    "capture": "prisoners",
    "take": "prisoners",
    "kill": "dead",
    "die": "dead",
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_HEDGES = frozenset(
    {"about", "approximately", "around", "over", "nearly", "almost", "some", "roughly",
     "estimated", "up", "more", "less", "than", "circa", "at", "least"}
)  # fmt: skip
_HYPOTHETICAL = frozenset({"could", "would", "might", "may"})


@dataclass(frozen=True, slots=True)
class QuantityHit:
    measure: str
    value: float
    unit: str
    about: str | None  # local id of the counted side
    approximate: bool
    start: int  # token offsets, to find the nearest event
    end: int


def _value(token: Token) -> tuple[float, int] | None:
    """The number a digit token starts ("18,500", "1.5 million"), and its last token."""
    text = token.text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    last = token.i
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in _SCALES:
        value *= _SCALES[nxt.lower_]
        last = nxt.i
    return value, last


def _measure(noun: Token, number: Token) -> str | None:
    measure = MEASURES.get(noun.lower_) or MEASURES.get(noun.lemma_.lower())
    verb = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} else None
    if measure == "troops" and verb is not None:
        measure = _VERB_MEASURES.get(verb.lemma_.lower(), measure)
    if measure is None and number.head.pos_ == "VERB":
        measure = _VERB_MEASURES.get(number.head.lemma_.lower())  # "55,000 of them died"
    return measure


def _counted_side(noun: Token, actors: list[Mention]) -> str | None:
    """ "Japanese prisoners", "the Soviets lost N soldiers": whose number it is."""
    by_token = {i: a for a in actors for i in range(a.start, a.end)}
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i in by_token:
            return by_token[child.i].id
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() == "lose":
        for child in head.children:
            if child.dep_ == "nsubj" and child.i in by_token:
                return by_token[child.i].id
    # "The Japanese casualties, with 18,500 dead": a noun the number's phrase hangs on.
    # (The parser may also make that noun the counted word's subject.)
    for related in [*list(noun.ancestors)[:3], *noun.children]:
        if related.pos_ == "NOUN" and related.lemma_.lower() in MEASURES:
            for child in related.children:
                if child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i in by_token:
                    return by_token[child.i].id
    return None


def _unit_words(noun: Token) -> str:
    """The counted noun with what qualifies it, as written: "soldiers killed, wounded and
    prisoners", "prisoners of war"; stops before a relative clause, another number or a
    new quantifier ("18,500 dead and many injured" gives "dead")."""
    doc = noun.doc
    words = [noun]
    for t in doc[noun.i + 1 : min(noun.i + 8, len(doc))]:
        if t.like_num or t.lower_ in _UNIT_STOPS:
            break
        if t.lower_ == "of" and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN":
            words.append(t)
            continue
        if t.pos_ in {"ADJ", "NOUN", "CCONJ"} or t.tag_ == "VBN" or t.text == ",":
            words.append(t)
            continue
        break
    while words and (words[-1].pos_ == "CCONJ" or words[-1].text == ","):
        words.pop()
    return doc[words[0].i : words[-1].i + 1].text


_UNIT_STOPS = frozenset({"who", "which", "that", "many", "some", "several", "most", "were"})


def find_quantities(sent: Span, actors: list[Mention]) -> list[QuantityHit]:
    """Counts of people and equipment stated in ``sent`` (see module docstring)."""
    doc = sent.doc
    hits = []
    for token in sent:
        if not token.text[:1].isdigit() or token.ent_type_ in {"DATE", "TIME"}:
            continue
        parsed = _value(token)
        if parsed is None:
            continue
        value, last = parsed
        if 1000 <= value <= 2100 and "," not in token.text and last == token.i:
            continue  # a bare year
        noun = token.head if token.dep_ in {"nummod", "quantmod"} else token
        after = doc[last + 1] if last + 1 < sent.end else None
        if noun.i == token.i and after is not None and after.lower_ in MEASURES:
            noun = after  # "with 18,500 dead": the parser hangs "dead" elsewhere
        measure = _measure(noun, token)
        if measure is None:
            continue
        verb = noun.head
        if any(c.lower_ in _HYPOTHETICAL for c in verb.children if c.dep_ == "aux"):
            continue
        before = {t.lower_ for t in doc[max(sent.start, token.i - 3) : token.i]}
        hits.append(
            QuantityHit(
                measure=measure,
                value=value,
                unit=_unit_words(noun) if noun.i != token.i else measure,
                about=_counted_side(noun, actors),
                approximate=bool(before & _HEDGES),
                start=token.i,
                end=last + 1,
            )
        )
    return hits
