"""What a mention refers to: the state a demonym means in this document ("the Russians"),
the person "he" means, the event "the pact" means."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from .. import gazetteer
from ..mentions import Mention
from ..names import match_key
from .context import DocumentContext

_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})


def named_variant(dc: DocumentContext, state: str) -> str:
    """The state the document itself names for ``state``'s people ("Russo-" in an
    article about the Russian Empire is the Russian Empire). A historical state the
    article names wins over today's (an article naming both is about the past)."""
    country = gazetteer.country_named(state)
    if country is None:
        return state
    named = [
        candidate
        for demonym in country.demonyms
        for candidate in gazetteer.countries_for_demonym(demonym)
        if candidate.name in dc.named_states
    ]
    historical = [c for c in named if c.historical]
    if historical:
        return historical[0].name
    return state if state in dc.named_states or not named else named[0].name


def state_of_demonym(dc: DocumentContext, mention: Mention) -> Mention:
    if not mention.demonym:
        return mention
    named = [
        s for s in gazetteer.countries_for_demonym(mention.surface)
        if s.name in dc.named_states
    ]  # fmt: skip
    historical = [s for s in named if s.historical]
    choice = historical[0] if historical else named[0] if named else None
    if choice is None or (not historical and mention.name in dc.named_states):
        return mention
    return replace(mention, name=choice.name)


def pronouns(dc: DocumentContext, sent: Span, actors: list[Mention]) -> list[Mention]:
    """ "He served in the war": personal pronouns as mentions of the person they most
    likely mean — a person named earlier in the sentence, else the last sentence's
    subject, else the person the article is about. Updates that context too."""
    state = dc.state
    people = [a for a in actors if a.type == "Person"]
    if people and state.main_person is None:
        state.main_person = people[0]
    found = []
    for token in sent:
        if token.lower_ not in _PERSONAL_PRONOUNS or token.ent_type_:
            continue
        earlier = [p for p in people if p.end <= token.i]
        antecedent = earlier[-1] if earlier else state.last_subject_person or state.main_person
        if antecedent is not None:
            found.append(
                Mention(
                    "entity",
                    "Person",
                    antecedent.name,
                    token.text,
                    token.i,
                    token.i + 1,
                    anaphor=True,
                )
            )
    subjects = [p for p in people if sent.doc[p.start : p.end].root.dep_ == "nsubj"]
    if subjects:
        state.last_subject_person = subjects[0]
    return found


def resolve_anaphor(dc: DocumentContext, anaphor: Mention, here: list[Mention]) -> str | None:
    """The event a "the pact"-style mention refers to, nearest compatible first."""
    types = set(anaphor.type.split("|"))
    state = dc.state

    def fits(event_id: str | None) -> bool:
        if event_id is None:
            return False
        node = dc.analysis.nodes.get(event_id)
        if node is None or node.type not in types:
            return False
        return qualifiers_fit(anaphor, node.name)

    for m in reversed([m for m in here if m.start < anaphor.start]):
        if fits(m.id):
            return m.id
    if anaphor.name == "it":
        # "It took place ..." is about what the paragraph is about: the event its last
        # sentence had as subject, else its topic, before an event named in passing
        # ("The Battle of X (pronounced ...; Greek: ...) was fought ... during the Y").
        for candidate in (state.last_subject_event, state.paragraph_topic):
            if fits(candidate):
                return candidate
    # Inside a section about one event, the headline's event is out of reach.
    frames = [state.section_event or state.title_event]
    for candidate in [*reversed(state.paragraph_events), *frames]:
        if fits(candidate):
            return candidate
    if not anaphor.qualifiers:
        # Nothing in the paragraph or section fits: the last compatible event the
        # document named ("the pact" opening a paragraph after one about the pact).
        for eid in reversed(state.recent_events):
            if fits(eid):
                return eid
        return None
    if anaphor.qualifiers:
        # A qualified reference ("the neutrality pact") may name an event the
        # document introduces anywhere.
        for eid in reversed(state.recent_events):
            if fits(eid):
                return eid
        for m in dc.named_events:
            if m.type in types and qualifiers_fit(anaphor, m.name):
                return dc.analysis.add_node(m)
    return None


def subject_event(sent: Span, event_refs: list[tuple[Mention, str]]) -> str | None:
    """The event that is the subject of the sentence's main verb, if one is: "The Battle
    of X (pronounced ...) was fought ..." and "It began ..." are about their subject."""
    root = sent.root
    subjects = [c.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for mention, eid in event_refs:
        if any(mention.start <= i < mention.end for i in subjects):
            return eid
    return None


def qualifiers_fit(anaphor: Mention, name: str) -> bool:
    """ "the mutual neutrality pact" fits a name with "neutrality" in it."""
    if not anaphor.qualifiers:
        return True
    words = set(match_key(name).split())
    return any(q in words for q in anaphor.qualifiers)
