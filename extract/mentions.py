"""Mentions: what a parsed block says, before anything is linked.

A ``Mention`` is one span that names (or refers back to) an entity or an event. Local
ids (``kind|type|name``) group mentions inside a corpus before resolution decides which
local ids are the same real thing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Set
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .components import EVENT_LABELS
from .lexicon import ANAPHOR_TYPES, EVENT_QUALIFIERS
from .names import tidy
from .vocabulary import EVENT_TYPES

# NER label after our components -> entity type.
ENTITY_LABELS: dict[str, str] = {
    "PERSON": "Person",
    "COUNTRY": "Country",
    "NORP": "Country",  # a demonym stands for its state when it denotes an actor
    "ORG": "Organization",
    "MILITARY_UNIT": "MilitaryUnit",
    "PLACE": "Place",
}
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "said", "its"})
# "a war" introduces some war, not the one in context; "a new incident" in a section
# about a battle introduces that battle.
_INDEFINITE = frozenset({"a", "an"})


def is_parsed(doc: Doc) -> bool:
    """Whether the Doc has a dependency parse. ``Doc.has_annotation`` scans every token, so
    the answer is kept on the Doc: asking per sentence would be quadratic in block length."""
    cached = doc.user_data.get("hkg_parsed")
    if cached is None:
        cached = doc.user_data["hkg_parsed"] = doc.has_annotation("DEP")
    return bool(cached)


def local_id(kind: str, type_: str, name: str) -> str:
    return f"{kind}|{type_}|{name}"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span naming an entity or event; ``anaphor`` marks "the pact"-style references."""

    kind: str  # "entity" | "event"
    type: str
    name: str  # canonical name from the span's kb_id (or, for anaphors, the head noun)
    surface: str
    start: int  # token offsets in the block's Doc
    end: int
    demonym: bool = False
    anaphor: bool = False
    qualifiers: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return local_id(self.kind, self.type, self.name)


def span_mention(span: Span) -> Mention | None:
    label = span.label_
    name = span.kb_id_ or tidy(span.text)
    if label in EVENT_LABELS:
        return Mention("event", label.capitalize(), name, span.text, span.start, span.end)
    type_ = ENTITY_LABELS.get(label)
    if type_ is None or not name:
        return None
    return Mention(
        "entity", type_, name, tidy(span.text), span.start, span.end, demonym=label == "NORP"
    )


class BlockEntities:
    """A parsed block's entities and their mentions, read once.

    ``doc.ents`` builds a new Span for every entity of the block on each access, and the
    reader wants the entities of each sentence: asking the Doc per sentence made reading
    a block quadratic in its entities. Valid while ``doc.ents`` is not assigned again.
    """

    __slots__ = ("_starts", "inside", "mentions", "spans")

    def __init__(self, doc: Doc):
        self.spans: tuple[Span, ...] = tuple(doc.ents)
        self.mentions: tuple[Mention | None, ...] = tuple(span_mention(e) for e in self.spans)
        # Token indices inside any entity.
        self.inside: frozenset[int] = frozenset(
            i for e in self.spans for i in range(e.start, e.end)
        )
        self._starts = [e.start for e in self.spans]

    def within(self, sent: Span) -> list[Mention]:
        """The mentions of ``sent.ents`` (the entities from the sentence's start up to the
        first that ends past it; spaCy's ``Span.ents``), in order."""
        found = []
        for k in range(bisect_left(self._starts, sent.start), len(self.spans)):
            if self.spans[k].end > sent.end:
                break
            mention = self.mentions[k]
            if mention is not None:
                found.append(mention)
        return found


def anaphor_mentions(doc: Doc, sent: Span, inside: Set[int] | None = None) -> list[Mention]:
    """Common-noun references to events: "the pact", "a mutual neutrality pact".
    ``inside``: the token indices inside the Doc's entities, if the caller has them."""
    if inside is None:
        inside = {i for e in doc.ents for i in range(e.start, e.end)}
    found = []
    for token in sent:
        if _is_event_it(token, sent, inside):
            # "The X War was a conflict ... It began on ...": "it" as the subject of a
            # verb of beginning or ending refers to the event in context.
            found.append(Mention("event", _ANY_EVENT, "it", token.text, token.i, token.i + 1,
                                 anaphor=True))  # fmt: skip
            continue
        if token.i in inside or token.lower_ not in ANAPHOR_TYPES or token.text[:1].isupper():
            continue
        if token.lower_ == "war" and _is_declare_war(token):
            continue  # "declared war on" is a statement, not a reference to a war
        if _prefixed_adjective(doc, token):
            continue  # "the anti-war painting", "pre-war territories": not the event
        if _names_its_year(doc, token):
            continue  # "since the rebellion of 1798" is another rebellion
        start, qualifiers = _determiner_start(doc, token)
        if start is None:
            continue
        found.append(
            Mention(
                "event",
                "|".join(ANAPHOR_TYPES[token.lower_]),
                token.lower_,
                doc[start : token.i + 1].text,
                start,
                token.i + 1,
                anaphor=True,
                qualifiers=qualifiers,
            )
        )
    return found


_ANY_EVENT = "|".join(t for t in EVENT_TYPES if t != "Declaration")
# Verbs whose subject "it" is an event rather than a thing.
_EVENT_VERBS = frozenset(
    {"begin", "start", "end", "last", "conclude", "break", "erupt", "escalate", "continue",
     "finish", "cease", "resume", "expire", "result"}
)  # fmt: skip
# Verbs whose passive subject "it" is an event: "It was fought on the X River", "It was
# signed on 2 February 1848", "It was held in the Y Embassy".
_EVENT_PASSIVES = frozenset({"fight", "sign", "hold", "wage", "convene", "ratify"})


def _is_event_it(token: Token, sent: Span, inside: Set[int]) -> bool:
    if token.lower_ != "it" or token.i in inside or token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = token.head
    verbs = [verb, *verb.conjuncts]
    return any(
        v.lemma_.lower() in _EVENT_VERBS
        or (token.dep_ == "nsubjpass" and v.lemma_.lower() in _EVENT_PASSIVES)
        or _takes_place(v)
        for v in verbs
    )


def _takes_place(verb: Token) -> bool:
    """ "took place": "It took place on 25 October 1415 near Azincourt"."""
    return verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children
    )


def _determiner_start(doc: Doc, head: Token) -> tuple[int | None, tuple[str, ...]]:
    """Start of "the [adjectives] head" and the event qualifiers among the adjectives."""
    qualifiers: list[str] = []
    i = head.i - 1
    steps = 0
    while i >= 0 and steps < 4:
        word = doc[i].lower_
        if word in _DETERMINERS:
            return i, tuple(reversed(qualifiers))
        if word in _INDEFINITE:
            following = doc[i + 1].lower_ if i + 1 < head.i else ""
            if following == "new" or qualifiers:
                return i, tuple(reversed(qualifiers))
            return None, ()
        if not doc[i].is_alpha and doc[i].text not in {"-"}:
            break
        if doc[i].pos_ in _PHRASE_ENDS and word != "of":
            # The determiner is another phrase's: "the USSR in separate armistice
            # negotiations", "the Spanish troops set siege". "Of" is crossed: "the field
            # of battle" is the day's battle.
            break
        if word in EVENT_QUALIFIERS:
            qualifiers.append(word)
        i -= 1
        steps += 1
    return None, ()


# Parts of speech no noun phrase "the [modifiers] <event noun>" has between its
# determiner and its noun (a parsed Doc's; a bare tokenizer leaves pos_ empty).
_PHRASE_ENDS = frozenset({"ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PRON", "PART"})


# Prefixes that make an event noun an adjective: "post-war", "anti-war", "pre-war".
_ADJECTIVE_PREFIXES = frozenset({"anti", "post", "pre", "inter", "non"})


def _prefixed_adjective(doc: Doc, token: Token) -> bool:
    """The event noun is glued by a dash to an adjective-making prefix ("anti-war")."""
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return False
    prefix = doc[token.i - 2]
    return prefix.lower_ in _ADJECTIVE_PREFIXES and not prefix.whitespace_


def _names_its_year(doc: Doc, head: Token) -> bool:
    after = doc[head.i + 1 : head.i + 3]
    return len(after) == 2 and after[0].lower_ == "of" and after[1].like_num


def _is_declare_war(token: Token) -> bool:
    head = token.head
    return head.lemma_ in {"declare", "proclaim"} or (
        token.i > 0 and token.doc[token.i - 1].lower_ in {"declared", "proclaimed", "declare"}
    )
