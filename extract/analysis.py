"""What reading one document yields, as plain data: local nodes, facts, the sentences'
mentions. Kept apart from the reading (extract/document.py) so that the modules that
consume an analysis (participation, resolution, the cache) depend on the data only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .model import Evidence, Fact, Quantity

if TYPE_CHECKING:
    from .mentions import Mention


@dataclass(slots=True)
class LocalNode:
    kind: str
    type: str
    name: str
    surfaces: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Situation:
    """A dated sentence whose actors are tied to some fighting, but to no named event.

    Resolution later gives it to the one war or battle whose span (known from any
    document) contains the date: "on August 16 X ordered the surrender of the Y Army".
    """

    date: str  # ISO day
    links: tuple[tuple[str, str, float, str], ...]  # (actor id, role, confidence, method)
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor mention as the participation model sees it (extract/participation.py)."""

    id: str  # local node id
    dep: str  # dependency label of the mention's root ("nsubj", "pobj", "compound" ...)
    head: str  # lemma of the nearest verb or noun the mention hangs on
    demonym: bool
    # The words either side of the mention ("at X", "X River", "General X said"), which
    # tell what kind of thing it is (extract/entity_types.py).
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class SentenceMentions:
    """Who and what one sentence mentions, and the context it sits in.

    Plain data kept with the analysis, so the participation model can score every
    (event, actor) pair of a document from where and how often they appear together.
    """

    index: int  # sentence number in the document
    block: int  # paragraph (block) number
    heading: bool
    events: tuple[str, ...]  # local ids, named or referred to ("the battle")
    frame: str | None  # the paragraph's or section's event
    actors: tuple[ActorMention, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DateLink:
    """How one date mention stands to one event its sentence names, as the date model
    sees it (extract/event_dating.py)."""

    event: str  # local id
    distance: int  # tokens between the event's mention and the date
    after: bool  # the date comes after the mention
    apposed: bool  # the date is set right after the event's name
    owner: bool  # the event is the subject of the verb the date hangs on
    anaphor: bool  # the mention is "the battle", "the treaty"
    predicate: str  # what the sentence rule reads the date as: "begin", "end" or ""
    before: str  # the word before the event's mention ("during", "of")


@dataclass(frozen=True, slots=True)
class DateRecord:
    """One date mention (its year filled from context) and where it stands, kept as plain
    data so the date model can score every (event, date) pair of a document."""

    sentence: int  # index of the sentence's SentenceMentions; -1 for an infobox line
    block: int
    begin: str  # ISO 8601 at the text's precision
    end: str | None  # the end of a range ("1618-1648")
    filled: bool  # the year came from the text before the sentence
    cue: str  # the word before the date ("in", "on", "until", "(")
    verb: str  # lemma of the verb the date hangs on
    links: tuple[DateLink, ...]  # the events the sentence names or refers to
    evidence: Evidence
    infobox: bool = False
    heading: bool = False


@dataclass(slots=True)
class DocumentAnalysis:
    """What one document states; ids are local (``kind|type|name``) until resolution."""

    source: str
    nodes: dict[str, LocalNode] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    sentences: int = 0
    # Pairs of local ids the text itself says are the same ("X, also known as Y").
    same_as: list[tuple[str, str]] = field(default_factory=list)
    situations: list[Situation] = field(default_factory=list)
    # Numbers stated about events; event and side are local ids until resolution.
    quantities: list[Quantity] = field(default_factory=list)
    sentence_mentions: list[SentenceMentions] = field(default_factory=list)
    # The event the document's title names, if any.
    title_event: str | None = None
    # The document's title as written, if it has one ("Willi Schneider (skeleton racer)"):
    # the participation model reads whether an actor is what the page is about.
    title: str = ""
    # Every dated mention, for the date model (extract/event_dating.py).
    dates: list[DateRecord] = field(default_factory=list)
    # The entity-type model's probabilities for each entity (extract/entity_types.py):
    # the participation model reads how sure it is that a "state" is not a place.
    type_scores: dict[str, dict[str, float]] = field(default_factory=dict)

    def add_node(self, m: Mention) -> str:
        node = self.nodes.setdefault(m.id, LocalNode(m.kind, m.type, m.name))
        if not m.anaphor and not m.demonym:
            node.surfaces.add(m.surface)
        return m.id

    def rename(self, renames: dict[str, str]) -> None:
        """Give nodes new local ids (``kind|type|name``: a new type is a new id) everywhere
        the analysis names them. A node renamed to an id that exists joins that node."""

        def new(lid: str) -> str:
            return renames.get(lid, lid)

        for old, target in renames.items():
            node = self.nodes.pop(old)
            kind, type_, _name = target.split("|", 2)
            known = self.nodes.setdefault(target, LocalNode(kind, type_, node.name))
            known.surfaces |= node.surfaces
        self.facts = [replace(f, subject=new(f.subject), object=new(f.object)) for f in self.facts]
        self.same_as = [(new(a), new(b)) for a, b in self.same_as]
        self.situations = [
            replace(s, links=tuple((new(a), r, c, m) for a, r, c, m in s.links))
            for s in self.situations
        ]
        self.quantities = [
            replace(q, event=new(q.event), about=new(q.about) if q.about else None)
            for q in self.quantities
        ]
        self.sentence_mentions = [
            replace(
                s,
                events=tuple(new(e) for e in s.events),
                frame=new(s.frame) if s.frame else None,
                actors=tuple(replace(a, id=new(a.id)) for a in s.actors),
            )
            for s in self.sentence_mentions
        ]
        if self.title_event:
            self.title_event = new(self.title_event)
        self.type_scores = {new(lid): probs for lid, probs in self.type_scores.items()}
