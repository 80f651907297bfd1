"""Plain data that extraction hands to the graph layer.

Everything here is a frozen or simple dataclass so results can be pickled to worker
processes, cached as JSON and compared in tests. No spaCy objects leave ``extract/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# The names facts and nodes carry (roles, statements, dates; node types) are those of the
# vocabulary table, extract/vocabulary.py.


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the document, the sentence, and its character offsets.

    Offsets index the *original* file text (decoded), not a cleaned copy, so a reader
    can open the file and find the sentence at ``text[start:end]``.
    """

    source: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Fact:
    """One claim read from one sentence.

    ``predicate`` is one of ``extract.vocabulary.FACT_PREDICATES``. ``subject`` and
    ``object`` are node keys, except for date predicates, whose object is an ISO 8601
    string ("1939", "1939-08", "1939-08-20").
    """

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    confidence: float
    method: str


@dataclass(slots=True)
class Node:
    """One real-world thing (entity or event) after resolution, with every alias seen."""

    key: str
    label: str
    kind: Literal["entity", "event"]
    type: str  # extract.vocabulary.ENTITY_TYPES or EVENT_TYPES, by kind
    # Surface forms per source document, so each named graph records its own wording.
    aliases: dict[str, set[str]] = field(default_factory=dict)
    # The Wikidata item ("Q17") when built-in knowledge names this node for certain.
    wikidata: str | None = None

    def all_aliases(self) -> set[str]:
        return set().union(*self.aliases.values()) if self.aliases else set()


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A source document that was read (whether or not anything was found in it)."""

    source: str
    path: str
    sha256: str
    chars: int
    sentences: int


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A file that was skipped or read with a fallback, with a message naming why."""

    path: str
    message: str
    skipped: bool


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number one sentence states about an event ("18,500 dead" on one side)."""

    event: str  # node key of the event
    measure: str  # dead | wounded | casualties | prisoners | troops | tanks | aircraft | ...
    value: float
    unit: str  # the counted thing as written ("soldiers killed, wounded and prisoners")
    about: str | None  # node key of the side counted, if the text says
    approximate: bool
    evidence: Evidence
    confidence: float


@dataclass(slots=True)
class Corpus:
    """The resolved result of reading a set of documents."""

    documents: list[DocumentInfo] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "entities": sum(1 for n in self.nodes.values() if n.kind == "entity"),
            "events": sum(1 for n in self.nodes.values() if n.kind == "event"),
            "facts": len(self.facts),
            "skipped": sum(1 for p in self.problems if p.skipped),
        }
