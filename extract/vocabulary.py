"""The vocabulary, once: node types, fact predicates and roles, with labels and links.

Every layer reads this table: extraction for the names facts and nodes carry, ``kg/`` for
the IRIs it writes (``kg/vocab.py`` keeps the closed rdflib namespace, and
``kg/ontology.ttl`` documents each term; tests/test_vocabulary.py checks that both agree
with this table in both directions), ``queries/`` for the short names, labels and filters
of its answers. It is plain Python with no imports beyond the standard library, so that
the query commands can read it without loading spaCy or any other part of extraction.

A term is named by a prefixed name (``hkg:Battle``, ``sem:hasPlace``); ``kg/vocab.py``
turns it into an IRI through its closed namespaces, so a typo here fails there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class NodeType:
    """A class of events or of actors and places (``hkg:<name>``)."""

    name: str  # the local name, and the short name nodes and answers carry ("Battle")
    kind: Literal["event", "entity"]
    label: str  # its rdfs:label
    parent: str  # its rdfs:subClassOf, a prefixed name ("sem:Event", "hkg:Organization")


@dataclass(frozen=True, slots=True)
class Predicate:
    """A property a fact can have: a role, an actor statement, a place, a date, a number."""

    name: str  # the name extraction's facts carry ("begin")
    answer: str  # the name query answers and corrections use ("start" for "begin")
    term: str  # the property, a prefixed name ("hkg:commander", "sem:hasBeginTimeStamp")
    group: Literal["role", "statement", "place", "date", "quantity"]
    label: str  # its rdfs:label (for a SEM term, the label kg/ontology.ttl declares)
    phrase: str  # how a fact reads in text answers: "<subject> <phrase> <object>"
    # Roles only (sub-properties of sem:hasActor):
    rank: int | None = None  # 0 is the strongest part in an event; orders participants
    role_type: str | None = None  # the SEM role type, a prefixed name ("hkg:CommanderRole")
    wikidata: str | None = None  # the closest Wikidata property (skos:closeMatch), "P710"


# The short names of a node with no hkg class: a plain sem:Event (extraction may type an
# event so), or an actor the graph knows only as a sem:Actor (answers say so).
EVENT_FALLBACK = "Event"
ENTITY_FALLBACK = "Actor"

NODE_TYPES: tuple[NodeType, ...] = (
    # Actors and places, in the order help and error messages list them.
    NodeType("Person", "entity", "person", "sem:Actor"),
    NodeType("Country", "entity", "country", "sem:Actor"),
    NodeType("Organization", "entity", "organization", "sem:Actor"),
    NodeType("MilitaryUnit", "entity", "military unit", "hkg:Organization"),
    NodeType("Place", "entity", "place", "sem:Place"),
    # Events.
    NodeType("Battle", "event", "battle", "sem:Event"),
    NodeType("War", "event", "war", "sem:Event"),
    NodeType("Treaty", "event", "treaty", "sem:Event"),
    NodeType("Conference", "event", "conference", "sem:Event"),
    NodeType("Incident", "event", "incident", "sem:Event"),
    NodeType("Operation", "event", "operation", "sem:Event"),
    NodeType("Declaration", "event", "declaration", "sem:Event"),
)

PREDICATES: tuple[Predicate, ...] = (
    # Roles an actor plays in an event, each a sub-property of sem:hasActor.
    Predicate(
        name="participant",
        answer="participant",
        term="hkg:participant",
        group="role",
        label="participant",
        phrase="has participant",
        rank=3,
        role_type="hkg:ParticipantRole",
        wikidata="P710",
    ),
    Predicate(
        name="commander",
        answer="commander",
        term="hkg:commander",
        group="role",
        label="commander",
        phrase="has commander",
        rank=0,
        role_type="hkg:CommanderRole",
        wikidata="P4791",
    ),
    Predicate(
        name="belligerent",
        answer="belligerent",
        term="hkg:belligerent",
        group="role",
        label="belligerent",
        phrase="has belligerent",
        rank=1,
        role_type="hkg:BelligerentRole",
        wikidata="P710",  # Wikidata models belligerents as participants
    ),
    Predicate(
        name="signatory",
        answer="signatory",
        term="hkg:signatory",
        group="role",
        label="signatory",
        phrase="has signatory",
        rank=2,
        role_type="hkg:SignatoryRole",
        wikidata="P1891",
    ),
    # What one actor does to another actor or to an event.
    Predicate(
        name="declaredWarOn",
        answer="declaredWarOn",
        term="hkg:declaredWarOn",
        group="statement",
        label="declared war on",
        phrase="declared war on",
    ),
    Predicate(
        name="denounced",
        answer="denounced",
        term="hkg:denounced",
        group="statement",
        label="denounced",
        phrase="denounced",
    ),
    Predicate(
        name="signed",
        answer="signed",
        term="hkg:signed",
        group="statement",
        label="signed",
        phrase="signed",
    ),
    # Where and when; dates are ISO 8601 literals at the text's precision.
    Predicate(
        name="place",
        answer="place",
        term="sem:hasPlace",
        group="place",
        label="has place",
        phrase="took place at",
    ),
    Predicate(
        name="begin",
        answer="start",  # as kg when and kg correct call it
        term="sem:hasBeginTimeStamp",
        group="date",
        label="has begin timestamp",
        phrase="began",
    ),
    Predicate(
        name="end",
        answer="end",
        term="sem:hasEndTimeStamp",
        group="date",
        label="has end timestamp",
        phrase="ended",
    ),
    # A number stated about an event (an hkg:Quantity node). Extraction reports numbers
    # as quantities, not as facts; the graph records each with a claim like a fact's.
    Predicate(
        name="hasQuantity",
        answer="quantity",
        term="hkg:hasQuantity",
        group="quantity",
        label="has quantity",
        phrase="has quantity",
    ),
)


# ---------------------------------------------------------------------------------------
# Views of the table that the layers use
# ---------------------------------------------------------------------------------------

TYPES_BY_NAME: dict[str, NodeType] = {t.name: t for t in NODE_TYPES}
# The types an entity node may carry (every one an hkg class).
ENTITY_TYPES: tuple[str, ...] = tuple(t.name for t in NODE_TYPES if t.kind == "entity")
# The hkg event classes, and the types an event node may carry: those or the fallback.
EVENT_CLASSES: tuple[str, ...] = tuple(t.name for t in NODE_TYPES if t.kind == "event")
EVENT_TYPES: tuple[str, ...] = (*EVENT_CLASSES, EVENT_FALLBACK)

# Words that name one meeting (an hkg:Conference) interchangeably, which texts and readers
# swap ("the Camp David meetings", "the Camp David summit"; "the Locarno negotiations" at
# "the Locarno Conference"): one word in an event name's key (extract.names.event_key),
# and tried for one another by lookup (queries/lookup.py).
MEETING_WORDS: tuple[str, ...] = (
    "summit", "meeting", "meetings", "conference", "talks", "negotiations",
)  # fmt: skip


def ancestors(node_type: NodeType) -> tuple[str, ...]:
    """Its classes above it, nearest first, up to the SEM class at the top
    (MilitaryUnit: hkg:Organization, sem:Actor)."""
    chain = [node_type.parent]
    while chain[-1].startswith("hkg:"):
        chain.append(TYPES_BY_NAME[chain[-1].removeprefix("hkg:")].parent)
    return tuple(chain)


# Entity types most specific first: an actor typed hkg:MilitaryUnit is also (by the
# ontology) an hkg:Organization, and is reported as the former. sorted() is stable, so
# types of equal depth keep the table's order.
ENTITY_TYPES_SPECIFIC_FIRST: tuple[str, ...] = tuple(
    t.name
    for t in sorted(
        (TYPES_BY_NAME[name] for name in ENTITY_TYPES), key=lambda t: -len(ancestors(t))
    )
)

BY_NAME: dict[str, Predicate] = {p.name: p for p in PREDICATES}
ROLES: tuple[str, ...] = tuple(p.name for p in PREDICATES if p.group == "role")
# Roles strongest first (commander before a mere participant), as answers list them.
ROLES_BY_RANK: tuple[str, ...] = tuple(sorted(ROLES, key=lambda name: BY_NAME[name].rank or 0))
STATEMENTS: tuple[str, ...] = tuple(p.name for p in PREDICATES if p.group == "statement")
DATE_PREDICATES: tuple[str, ...] = tuple(p.name for p in PREDICATES if p.group == "date")
# The predicates a corpus fact (extract.model.Fact) may carry, and the same by the names
# answers and corrections use ("start" for "begin").
FACT_PREDICATES: tuple[str, ...] = tuple(p.name for p in PREDICATES if p.group != "quantity")
FACT_ANSWERS: tuple[str, ...] = tuple(BY_NAME[name].answer for name in FACT_PREDICATES)
DATE_ANSWERS: tuple[str, ...] = tuple(BY_NAME[name].answer for name in DATE_PREDICATES)
