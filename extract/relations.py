"""How an actor mention relates to an event in the same sentence: role and strength.

Dependency paths decide when the model has a parser; token distance stands in when it
does not (a blank pipeline in unit tests), at lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .lexicon import (
    COMBINING_FORMS,
    COMMAND_TITLES,
    COMMAND_WORDS,
    DENOUNCING_VERBS,
    ENVOY_NOUNS,
    EVENT_CUES,
    EVENT_QUALIFIERS,
    HAPPENING_VERBS,
    INVOLVEMENT_NOUNS,
    INVOLVEMENT_VERBS,
    LOCATIVE_PREPS,
    MAKING_WORDS,
    MEETING_PHASES,
    PART_NOUNS,
    SIGNING_VERBS,
)
from .mentions import Mention, is_parsed

# Event types whose parties fight (belligerents) versus agree (signatories).
FIGHTING_TYPES = frozenset({"Battle", "War", "Operation", "Incident"})
AGREEING_TYPES = frozenset({"Treaty", "Declaration"})
BEGIN_VERBS = frozenset(
    {"sign", "conclude", "begin", "start", "launch", "occur", "happen", "take", "break",
     "erupt", "open", "hold", "fight", "attack", "invade", "establish", "adopt", "issue"}
)  # fmt: skip
END_VERBS = frozenset({"end", "expire", "lapse", "terminate", "finish", "close", "cease"})
END_WORDS = frozenset({"until", "till", "expired", "ended", "expire", "expires"})
# Prepositions whose objects are fighting or negotiating partners, even though "on" and
# "to" are locative elsewhere: "declared war on X", "war against X", "pact with X".
_PARTNER_PREPS = frozenset({"against", "with", "between", "by", "of", "on"})


EVENT_CUE_WORDS = frozenset(EVENT_CUES)
# Confidence of a bare same-sentence co-occurrence; below the default threshold of
# ``kg who`` so it only shows when asked for (``--min-confidence 0``).
COOCCURRENCE = 0.4


@dataclass(frozen=True, slots=True)
class Link:
    role: str
    confidence: float
    method: str


def _ancestors(token: Token, limit: int = 4) -> list[Token]:
    """The token's heads, nearest first, up to ``limit`` steps. A step from one item of
    a list to the item before it is free: "representatives from A, B, C and D" reaches
    "representatives" from D as from A."""
    chain: list[Token] = []
    steps = 0
    while token.head.i != token.i and steps < limit:
        steps += token.dep_ != "conj"
        token = token.head
        chain.append(token)
    return chain


# Verbs that head a clause of their own; participles used as adjectives do not.
_CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "csubj", "csubjpass", "parataxis",
     "acl", "pcomp"}
)  # fmt: skip


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the root if none)."""
    current = token
    while True:
        if current.pos_ in {"VERB", "AUX"} and current.dep_ in _CLAUSE_DEPS:
            return current
        if current.head.i == current.i:
            return current
        current = current.head


def same_clause(a: Token, b: Token) -> bool:
    """Whether token ``a`` (an actor) belongs to the clause of token ``b`` (an event).

    A verb conjoined or complementing the actor's verb without a subject of its own
    shares that subject: "X signed and ratified the pact", "X tried to break the siege".
    """
    ha, hb = clause_head(a), clause_head(b)
    if ha == hb:
        return True
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in hb.children)
    return (
        hb.dep_ in {"xcomp", "conj"}
        and hb.head == ha
        and _phrase_head(a).dep_ in {"nsubj", "nsubjpass"}
        and not own_subject
    )


# Links inside a noun phrase: "representatives [from] [the Soviet Union], [East Germany]".
_PHRASE_DEPS = frozenset({"pobj", "prep", "conj", "appos", "compound", "amod", "poss", "nmod"})


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a name sits in: "representatives" for "East Germany"
    in "representatives from the Soviet Union, East Germany and Poland met and signed"."""
    for _ in range(12):
        if token.dep_ not in _PHRASE_DEPS or token.head.i == token.i:
            break
        token = token.head
    return token


def _shares_subject(token: Token, subject: Token) -> bool:
    """ "It began on X and ended on Y": a conjoined verb without a subject of its own
    shares the first verb's, so its dates are that subject's too."""
    head = clause_head(token)
    return (
        head.dep_ == "conj"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
        and subject.head == head.head
        and subject.dep_ in {"nsubj", "nsubjpass"}
    )


def is_locative(sent: Span, mention: Mention) -> bool:
    """ "in Moscow", "at Yalta": the mention is where, not who."""
    root = sent.doc[mention.start : mention.end].root
    # "aboard the X Navy battleship": a modifier of a noun in a locative phrase is too.
    while root.dep_ in {"compound", "amod", "poss", "nmod"} and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in LOCATIVE_PREPS:
        return False
    if head.lower_ == "from" and head.head.lower_ in ENVOY_NOUNS:
        return False  # "representatives from X": X's envoys, not a place they came from
    # "declared war on Japan", "attack on X": the partner, not the place.
    return not (head.lower_ == "on" and head.head.lemma_ in {"war", "attack", "declare"})


# Prepositions that make an event a point in time for the rest of the clause.
_TEMPORAL_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "prior"})


def _only_dates_the_clause(event_root: Token, actor_root: Token) -> bool:
    """The event sits in "after/before/since X" and the actor is outside that phrase."""
    prep = event_root.head
    if event_root.dep_ != "pobj" or prep.lower_ not in _TEMPORAL_PREPS:
        return False
    return prep not in actor_root.ancestors and actor_root != prep


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    ancestors_a = [a, *a.ancestors]
    ancestors_b = [b, *b.ancestors]
    depth_b = {t.i: n for n, t in enumerate(ancestors_b)}
    for n, t in enumerate(ancestors_a):
        if t.i in depth_b:
            return n + depth_b[t.i]
    return len(ancestors_a) + len(ancestors_b)


def _defines_event(token: Token, event_tokens: set[int]) -> bool:
    """ "X was a war between A and B": the predicate noun of a copula whose subject is the
    event stands for the event."""
    return token.dep_ == "attr" and any(
        c.i in event_tokens for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}
    )


def _involved(root: Token, event_tokens: set[int]) -> tuple[bool, str]:
    """Whether the dependency path from an actor reaches an involvement word or the event."""
    for step, anc in enumerate(_ancestors(root)):
        if anc.i in event_tokens or _defines_event(anc, event_tokens):
            return True, "dep:event"
        lemma = anc.lemma_.lower()
        if anc.pos_ in {"VERB", "AUX"} and lemma in INVOLVEMENT_VERBS:
            return True, f"dep:{lemma}"
        # Another event's noun ("at war with X" beside "the pact") is not this event.
        if anc.pos_ in {"NOUN", "PROPN"} and lemma in INVOLVEMENT_NOUNS:
            return True, f"dep:{lemma}"
        if anc.dep_ == "prep" and anc.lower_ in _PARTNER_PREPS and step == 0:
            continue
        if anc.pos_ == "VERB" and step >= 1:
            break  # another clause's verb: stop looking
    # Nouns the actor modifies: "Japanese troops", "Soviet victory".
    if root.dep_ in {"amod", "compound", "poss", "nmod"} and (
        root.head.lemma_.lower() in INVOLVEMENT_NOUNS or root.head.i in event_tokens
    ):
        return True, f"dep:{root.head.lemma_.lower()}"
    return False, ""


def _is_commander(sent: Span, mention: Mention, root: Token) -> bool:
    doc = sent.doc
    before = [t.lower_ for t in doc[max(sent.start, mention.start - 3) : mention.start]]
    if any(w.strip(".,") in COMMAND_TITLES for w in before):
        return True
    if any(w.lower().strip(".,") in COMMAND_TITLES for w in mention.surface.split()[:-1]):
        return True
    for anc in _ancestors(root, limit=3):
        if anc.lemma_.lower() in COMMAND_WORDS:
            return True
    # "X ordered the troops ...": the one giving orders to forces commands them.
    head = root.head
    return root.dep_ == "nsubj" and head.lemma_ == "order"


def _is_signatory(root: Token, event_tokens: set[int]) -> bool:
    for anc in _ancestors(root):
        if anc.lemma_.lower() in SIGNING_VERBS:
            return True
        if anc.i in event_tokens:
            return True
    return False


def link_actor(
    sent: Span, actor: Mention, event: Mention, event_type: str, *, explicit: bool
) -> Link | None:
    """The role ``actor`` plays in ``event`` according to this sentence, if any.

    ``explicit`` says the event is mentioned in the sentence (by name or "the pact");
    otherwise it only frames the sentence (same paragraph or section), and only a
    syntactic involvement cue links the actor.
    """
    if actor.type == "Place":
        return None
    doc = sent.doc
    parsed = is_parsed(doc)
    if not parsed:
        if not explicit:
            return None
        return Link(_default_role(actor, event_type), COOCCURRENCE, "cooccurrence")
    if is_locative(sent, actor):
        return None
    root = doc[actor.start : actor.end].root
    event_tokens = set(range(event.start, event.end)) if explicit else set()
    if explicit and not same_clause(root, doc[event.start : event.end].root):
        return None  # "X invaded Y, but Z complied with the agreement": X is not a party
    if explicit and _only_dates_the_clause(doc[event.start : event.end].root, root):
        return None  # "After the revolution, X intervened": a time, not a participation
    involved, how = _involved(root, event_tokens)
    if actor.type == "Person" and _is_commander(sent, actor, root):
        return Link("commander", 0.85 if explicit else 0.7, "pattern:command")
    if not involved:
        # Sharing a sentence with an event's name is weak evidence; sharing it with
        # "the fighting" or a demonym is none.
        if explicit and not actor.demonym and not actor.anaphor and not event.anaphor:
            return Link(_default_role(actor, event_type), COOCCURRENCE, "cooccurrence")
        return None
    role = _default_role(actor, event_type)
    if event_type in AGREEING_TYPES and _is_signatory(root, event_tokens):
        role = "signatory"
    base = 0.9 if explicit else 0.65
    return Link(role, base - (0.1 if event.anaphor else 0.0), how)


def _default_role(actor: Mention, event_type: str) -> str:
    if actor.type in {"Country", "MilitaryUnit"} and event_type in FIGHTING_TYPES:
        return "belligerent"
    return "participant"


def date_predicate(sent: Span, date_start: int, date_end: int, event: Mention) -> str | None:
    """Whether a date gives the event's begin or end, or is the date of something else.

    A date counts when the text ties it to the event: it hangs on the event's name ("the
    pact of April 13, 1941"), or on a verb of beginning or ending ("began on May 11").
    "On April 5 X denounced the pact" dates the denunciation, not the pact.
    """
    doc = sent.doc
    window = {t.lower_ for t in doc[max(sent.start, date_start - 3) : date_start]}
    if not is_parsed(doc):
        return "end" if window & END_WORDS else "begin"
    root = doc[date_start:date_end].root
    event_tokens = set(range(event.start, event.end))
    event_root = doc[event.start : event.end].root
    head = clause_head(root)
    on_event_noun = head.dep_ == "acl" and event.start <= head.head.i < event.end
    # "retains its force for another year, that is, until DATE": a relative clause on a
    # noun of the event's own clause.
    nested = head.dep_ in {"relcl", "acl"} and same_clause(head.head, event_root)
    if not (
        same_clause(root, event_root)
        or _shares_subject(root, event_root)
        or on_event_noun
        or nested
    ):
        return None
    for anc in _ancestors(root, limit=4):
        lemma = anc.lemma_.lower()
        if anc.i in event_tokens and not event.anaphor:
            return "end" if window & END_WORDS else "begin"
        if lemma in END_VERBS or (window & END_WORDS and anc.pos_ in {"VERB", "AUX"}):
            return "end"
        if lemma in BEGIN_VERBS:
            return "begin"
        if anc.pos_ == "VERB":
            break
    return None


_DECLARING_VERBS = frozenset({"declare", "proclaim"})
# The verbs a statement can have.
_STATEMENT_VERBS = _DECLARING_VERBS | DENOUNCING_VERBS | SIGNING_VERBS


@dataclass(frozen=True, slots=True)
class StatementHit:
    predicate: str  # declaredWarOn | denounced | signed
    subject: Mention
    object: Mention


def find_statements(sent: Span, actors: list[Mention], events: list[Mention]) -> list[StatementHit]:
    """ "X declared war on Y", "X denounced the pact", "X and Y signed the treaty"."""
    doc = sent.doc
    if not is_parsed(doc):
        return []
    by_token: dict[int, Mention] = {}
    for m in [*actors, *events]:
        for i in range(m.start, m.end):
            by_token[i] = m
    hits: list[StatementHit] = []
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        if lemma not in _STATEMENT_VERBS:
            continue  # most verbs: not worth finding their subjects
        subjects = _subjects(verb, by_token)
        war = next((c for c in verb.children if c.lower_ == "war"), None)
        if lemma in _DECLARING_VERBS and war is not None:
            # The parser hangs "on Japan" from the verb or from "war".
            targets = [
                by_token[g.i]
                for prep in [*verb.children, *war.children]
                if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "upon"}
                for g in prep.children
                if g.i in by_token
            ]
            hits += [
                StatementHit("declaredWarOn", s, t)
                for s in subjects
                for t in targets
                if s.kind == t.kind == "entity" and s.type != "Place" and t.type != "Place"
            ]
        elif lemma in DENOUNCING_VERBS | SIGNING_VERBS:
            predicate = "denounced" if lemma in DENOUNCING_VERBS else "signed"
            objects = [by_token[c.i] for c in verb.subtree if c.i in by_token]
            hits += [
                StatementHit(predicate, s, o)
                for s in subjects
                for o in objects
                if o.kind == "event" and s.kind == "entity" and s.type != "Place"
            ]
    return hits


def find_made_at(
    sent: Span, agreements: list[Mention], meetings: list[Mention]
) -> list[tuple[Mention, Mention]]:
    """(agreement, meeting) for each agreement the sentence says was made at a meeting:
    "The agreement was negotiated at a conference held in Munich", "the Atlantic
    Charter, issued by ... at the conclusion of the Atlantic Conference", "the signing of
    the General Agreement ... at an international conference in Geneva"."""
    doc = sent.doc
    if not agreements or not meetings or not is_parsed(doc):
        return []
    by_token = {i: m for m in agreements for i in range(m.start, m.end)}
    found: list[tuple[Mention, Mention]] = []
    for meeting in meetings:
        at = _at_meeting(doc[meeting.start : meeting.end].root)
        if at is None or at.head.lemma_.lower() not in MAKING_WORDS:
            continue
        maker = at.head
        made = [c for c in maker.children if c.dep_ in {"nsubjpass", "nsubj", "dobj"}]
        made += [g for p in maker.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        if maker.dep_ == "acl":  # "the Charter, issued ... at"
            made.append(maker.head)
        for token in (t for m in made for t in [m, *m.conjuncts]):
            agreement = by_token.get(token.i)
            if agreement is not None and (agreement, meeting) not in found:
                found.append((agreement, meeting))
    return found


def find_part_of(sent: Span, events: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(part, whole) for each event the sentence calls a battle (or a siege, a campaign,
    a part ...) of a wider event, or says happened during one: "The Battle of Bosworth ...
    was the last significant battle of the Wars of the Roses", "The Battle of Ulundi took
    place at ... and was the last major battle of the Anglo-Zulu War", "The Battle of
    Sedan was fought during the Franco-Prussian War"."""
    doc = sent.doc
    if len(events) < 2 or not is_parsed(doc):
        return []
    by_token = {i: m for m in events for i in range(m.start, m.end)}
    found: list[tuple[Mention, Mention]] = []
    for part in events:
        root = doc[part.start : part.end].root
        if root.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verbs = [root.head, *(c for c in root.head.children if c.dep_ == "conj")]
        preps = [
            prep
            for noun in (c for v in verbs if v.lemma_ == "be" for c in v.children)
            if noun.dep_ == "attr" and noun.lemma_.lower() in PART_NOUNS
            for prep in noun.children
            if prep.lower_ in {"of", "in", "during"}
        ]
        preps += [
            prep
            for v in verbs
            if v.lemma_.lower() in HAPPENING_VERBS
            for prep in v.children
            if prep.lower_ == "during"
        ]
        for g in (
            g for p in preps for o in p.children if o.dep_ == "pobj" for g in [o, *o.conjuncts]
        ):
            whole = by_token.get(g.i)
            if whole is not None and whole is not part and (part, whole) not in found:
                found.append((part, whole))
    return found


# An infobox's "Part of" line: "Part of the Hundred Years' War", "- Partof: the X War",
# "|partof = the [[X]]".
_PART_OF_LINE = re.compile(r"^[\s|*•-]*part ?of\b", re.IGNORECASE)


def on_part_of_line(doc: Doc, mention: Mention) -> bool:
    """Whether the event ``mention`` is named on an infobox's "Part of" line: one that
    opens so and has no verb ("Part of the battle was fought at night" is prose)."""
    start = doc[mention.start].idx
    line_start = doc.text.rfind("\n", 0, start) + 1
    if _PART_OF_LINE.match(doc.text[line_start:start]) is None:
        return False
    line_end = doc.text.find("\n", start)
    line = doc.char_span(line_start, len(doc.text) if line_end < 0 else line_end,
                         alignment_mode="expand")  # fmt: skip
    return line is not None and not any(t.pos_ in {"VERB", "AUX"} for t in line)


def _at_meeting(root: Token) -> Token | None:
    """The "at" a meeting's name hangs from: "at the conference", "at the conclusion of
    the conference"."""
    if root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ == "of" and prep.head.lower_ in MEETING_PHASES and prep.head.dep_ == "pobj":
        prep = prep.head.head
    return prep if prep.lower_ == "at" and prep.dep_ == "prep" else None


def _subjects(verb: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """Subjects of a verb, seeing through "which" to the noun a relative clause hangs on
    and through coordination ("X and Y signed")."""
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ not in {"nsubj", "nsubjpass", "agent"}:
            continue
        token = child
        if child.dep_ == "agent":
            token = next((g for g in child.children if g.dep_ == "pobj"), child)
        if token.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
            token = verb.head
        for t in [token, *token.conjuncts]:
            if t.i in by_token:
                found.append(by_token[t.i])
    if verb.dep_ == "conj" and not found:
        return _subjects(verb.head, by_token)
    return found


# Event types whose names carry their place: "Battle of X", "Treaty of X", "X Conference".
_PLACE_NAMED_TYPES = frozenset({"Battle", "Treaty", "Conference", "Incident"})
# Cues whose "of X" is a place ("Act of Surrender" and "Declaration of X" are not).
_PLACE_OF_CUES = frozenset(
    {"battle", "battles", "siege", "raid", "treaty", "convention", "conference", "congress",
     "peace", "massacre", "defence", "defense", "landing", "landings", "armistice"}
)  # fmt: skip
_PLACE_PREPS = frozenset({"in", "at", "near", "on", "off", "outside", "around", "aboard"})


def place_from_event_name(name: str, event_type: str) -> str | None:
    """The place an event's name gives, if it gives one."""
    if event_type not in _PLACE_NAMED_TYPES:
        return None
    words = name.split()
    lower = [w.lower() for w in words]
    if "of" in lower[:3] and lower[0] in _PLACE_OF_CUES:
        rest = words[lower.index("of") + 1 :]
        if rest and rest[0].lower() == "the":
            return None  # "Battle of the Bulge": a nickname more often than a place
    elif len(words) >= 2 and lower[-1] in EVENT_CUE_WORDS and event_type != "Treaty":
        rest = words[:-1]
    else:
        return None
    if not rest or any(w.lower() in EVENT_QUALIFIERS or not w[:1].isupper() for w in rest):
        return None
    if any("-" in w for w in rest):
        return None  # "Soviet-Japanese ...": the parties, not a place
    place = " ".join(rest)
    return None if gazetteer.country_for_demonym(place) else place


def where_event_happened(sent: Span, place: Mention, event: Mention) -> bool:
    """ "fought near X", "signed in X", "the battle at X": a locative phrase on the event's
    noun or on the verb of the event's clause."""
    doc = sent.doc
    root = doc[place.start : place.end].root
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in _PLACE_PREPS:
        return False
    event_root = doc[event.start : event.end].root
    attached = head.head
    if event.start <= attached.i < event.end:
        return True
    return (
        attached.pos_ in {"VERB", "AUX"}
        and same_clause(event_root, attached)
        and (attached.lemma_.lower() in BEGIN_VERBS | {"be", "fight", "win", "lose", "hold"})
    )


def parties_from_event_name(name: str) -> list[str]:
    """States a compound event name gives as its parties: "Soviet-Japanese War" ->
    Soviet Union, Japan; "Russo-Japanese War" -> Russia, Japan. Empty unless every part of
    the compound is a state."""
    first = name.split()[0] if name.split() else ""
    parts = [p for p in re.split(r"[-\u2013\u2014]", first) if p]
    if len(parts) < 2:
        return []
    states = []
    for part in parts:
        state = COMBINING_FORMS.get(part.lower())
        if state is None:
            country = gazetteer.country_for_demonym(part) or gazetteer.country_named(part)
            state = country.name if country else None
        if state is None:
            return []
        states.append(state)
    return list(dict.fromkeys(states))
