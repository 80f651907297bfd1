"""Corrections that survive rebuilds: a person's word against the extraction.

A corpus may carry a ``corrections.toml`` (``kg correct ...`` writes it; people may edit
it by hand), one ``[[correction]]`` table per correction::

    [[correction]]
    action = "wrong"                 # this fact is wrong
    subject = "Battle of Borodino"
    predicate = "belligerent"        # participant, commander, belligerent, signatory,
    object = "Austria"               # declaredWarOn, denounced, signed, place, start, end
    by = "alice"
    at = 2026-12-01T10:00:00Z
    why = "Austria is named only as Napoleon's ally elsewhere"

    [[correction]]
    action = "same"                  # these two nodes are one (the first name is kept)
    subject = "Battle of Borodino"
    object = "Battle of the Moskva"

    [[correction]]
    action = "type"                  # this is a Place, not a Person
    subject = "Semyonovskaya"
    object = "Place"

    [[correction]]
    action = "date"                  # the date is X
    subject = "Soviet-Japanese Neutrality Pact"
    predicate = "end"
    object = "1946-04-05"

Every build applies them (:func:`apply`): "same" and "type" change the nodes before the
graph is written; "wrong" keeps the sources' claims in their document graphs but leaves
the triple out of the resolved layer; "date" makes the value the resolved layer's
conclusion, derived from the correction. Each correction becomes an ``hkg:Correction`` in
``graph:corrections`` (a ``prov:Entity`` with ``prov:wasAttributedTo``,
``prov:generatedAtTime`` and ``rdfs:comment`` why; ``rdf:subject``, ``rdf:predicate``,
``rdf:object`` what it says). A correction that matches nothing is reported by the build
and not written. Names match a node's canonical name or any of its other names, ignoring
case. Nothing here runs NLP: the corpus is data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from extract import vocabulary
from extract.errors import KgError
from extract.model import Corpus, Node
from extract.vocabulary import ENTITY_TYPES, EVENT_TYPES

from .vocab import BASE, GRAPH_NS, HKG, type_iri

FILE_NAME = "corrections.toml"
CORRECTIONS_GRAPH = GRAPH_NS["corrections"]
CORRECTION_NS = BASE + "correction/"
ACTIONS: tuple[str, ...] = ("wrong", "same", "type", "date")
# Predicates a "wrong" or "date" correction may name: a fact's, as answers name them
# ("start" is the begin date, as kg when calls it).
FACT_PREDICATES: tuple[str, ...] = vocabulary.FACT_ANSWERS
# The date predicates by their answer name -> by the name facts carry ("start" -> "begin").
DATE_PREDICATES = {vocabulary.BY_NAME[name].answer: name for name in vocabulary.DATE_PREDICATES}


class CorrectionError(KgError):
    """A corrections file that cannot be read, or a correction that makes no sense."""


@dataclass(frozen=True)
class Correction:
    """One correction as the file states it."""

    action: str
    subject: str
    object: str
    predicate: str | None = None
    by: str = ""
    at: str = ""  # ISO 8601 date-time, UTC
    why: str = ""

    def describe(self) -> str:
        middle = f" {self.predicate} " if self.predicate else " / "
        return f"{self.action}: {self.subject}{middle}{self.object}"

    def iri(self) -> ox.NamedNode:
        key = json.dumps([self.action, self.subject, self.predicate, self.object, self.at])
        return ox.NamedNode(CORRECTION_NS + hashlib.sha256(key.encode()).hexdigest()[:20])


def check(correction: Correction) -> Correction:
    """``correction`` if it is well formed, else CorrectionError saying what is wrong."""
    c = correction
    if c.action not in ACTIONS:
        raise CorrectionError(f"unknown correction {c.action!r}; use one of {', '.join(ACTIONS)}")
    if not c.subject.strip() or not c.object.strip():
        raise CorrectionError(f"correction {c.action!r} needs a subject and an object")
    if c.action in ("wrong", "date") and c.predicate not in FACT_PREDICATES:
        allowed = FACT_PREDICATES if c.action == "wrong" else tuple(DATE_PREDICATES)
        raise CorrectionError(
            f"correction {c.action!r}: predicate {c.predicate!r} is not one of {', '.join(allowed)}"
        )
    if c.action == "date":
        from .dates import precision_datatype

        if c.predicate not in DATE_PREDICATES:
            raise CorrectionError("a date correction is about the start or the end")
        if precision_datatype(c.object) is None:
            raise CorrectionError(
                f"{c.object!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (-YYYY for BC)"
            )
    if c.action == "type" and c.object not in (*ENTITY_TYPES, *EVENT_TYPES):
        types = ", ".join((*ENTITY_TYPES, *EVENT_TYPES))
        raise CorrectionError(f"unknown type {c.object!r}; valid types: {types}")
    return correction


# ---------------------------------------------------------------------------------------
# The file
# ---------------------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> list[Correction]:
    """The corrections in ``path``; none when the file does not exist."""
    file = Path(path)
    if not file.exists():
        return []
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorrectionError(f"cannot read corrections file {file}: {exc}") from exc
    tables = data.get("correction", [])
    if not isinstance(tables, list):
        raise CorrectionError(f"{file}: corrections are [[correction]] tables")
    found = []
    for number, table in enumerate(tables, start=1):
        if not isinstance(table, dict):
            raise CorrectionError(f"{file}: correction {number} is not a table")
        try:
            found.append(
                check(
                    Correction(
                        action=str(table.get("action", "")),
                        subject=str(table.get("subject", "")),
                        object=str(table.get("object", "")),
                        predicate=str(table["predicate"]) if "predicate" in table else None,
                        by=str(table.get("by", "")),
                        at=_timestamp(table.get("at")),
                        why=str(table.get("why", "")),
                    )
                )
            )
        except CorrectionError as exc:
            raise CorrectionError(f"{file}: correction {number}: {exc}") from exc
    return found


def _timestamp(value: object) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value) if value else ""


def append(path: str | os.PathLike[str], correction: Correction) -> Correction:
    """Add ``correction`` to the file (created if needed), stamped with who and when if it
    does not say; return it as written."""
    check(correction)
    stamped = Correction(
        action=correction.action,
        subject=correction.subject,
        object=correction.object,
        predicate=correction.predicate,
        by=correction.by or os.environ.get("USER") or "unknown",
        at=correction.at or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        why=correction.why,
    )
    lines = ["", "[[correction]]", f"action = {_string(stamped.action)}"]
    lines.append(f"subject = {_string(stamped.subject)}")
    if stamped.predicate:
        lines.append(f"predicate = {_string(stamped.predicate)}")
    lines.append(f"object = {_string(stamped.object)}")
    lines.append(f"by = {_string(stamped.by)}")
    lines.append(f"at = {stamped.at}")
    if stamped.why:
        lines.append(f"why = {_string(stamped.why)}")
    file = Path(path)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    except OSError as exc:
        raise CorrectionError(f"cannot write corrections file {file}: {exc}") from exc
    load(file)  # what was written reads back
    return stamped


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------------------
# Applying them
# ---------------------------------------------------------------------------------------


@dataclass
class Applied:
    """What a build did with the corrections."""

    applied: list[Correction] = field(default_factory=list)
    unmatched: list[Correction] = field(default_factory=list)
    # For the resolved layer (kg/layer.py), by node keys:
    rejected: set[tuple[str, str, str]] = field(default_factory=set)  # (s, p, o) keys
    dates: dict[tuple[str, str], tuple[str, Correction]] = field(default_factory=dict)
    # Node keys merged away -> the key they were merged into (for the record).
    merged: dict[str, str] = field(default_factory=dict)


def _index(corpus: Corpus) -> dict[str, list[Node]]:
    names: dict[str, list[Node]] = {}
    for node in corpus.nodes.values():
        for name in {node.label, *node.all_aliases()}:
            names.setdefault(name.casefold(), []).append(node)
    return names


def _one(names: dict[str, list[Node]], name: str) -> Node | None:
    found = {n.key: n for n in names.get(name.strip().casefold(), [])}
    return next(iter(found.values())) if len(found) == 1 else None


def apply(corpus: Corpus, corrections: list[Correction]) -> Applied:
    """Apply ``corrections`` to ``corpus`` in file order (nodes: "same", "type"), and say
    what the resolved layer must do for the others ("wrong", "date")."""
    result = Applied()
    for correction in corrections:
        names = _index(corpus)
        subject = _one(names, correction.subject)
        done = False
        if subject is not None:
            if correction.action == "same":
                other = _one(names, correction.object)
                done = other is not None and other.key != subject.key
                done = done and other is not None and other.kind == subject.kind
                if done and other is not None:
                    _merge(corpus, subject, other)
                    result.merged[other.key] = subject.key
            elif correction.action == "type":
                kind_types = EVENT_TYPES if subject.kind == "event" else ENTITY_TYPES
                done = correction.object in kind_types
                if done:
                    subject.type = correction.object
            elif correction.action == "date":
                done = subject.kind == "event"
                if done:
                    predicate = DATE_PREDICATES[correction.predicate or ""]
                    result.dates[(subject.key, predicate)] = (correction.object, correction)
            elif correction.action == "wrong":
                done = _reject(corpus, names, subject, correction, result)
        (result.applied if done else result.unmatched).append(correction)
    return result


def _reject(
    corpus: Corpus, names: dict[str, list[Node]], subject: Node, c: Correction, result: Applied
) -> bool:
    predicate = DATE_PREDICATES.get(c.predicate or "", c.predicate or "")
    if predicate in vocabulary.DATE_PREDICATES:
        value = c.object.strip()
    else:
        obj = _one(names, c.object)
        if obj is None:
            return False
        value = obj.key
    stated = any(
        f.subject == subject.key and f.predicate == predicate and f.object == value
        for f in corpus.facts
    )
    if stated:
        result.rejected.add((subject.key, predicate, value))
    return stated


def _merge(corpus: Corpus, keep: Node, drop: Node) -> None:
    for source, names in drop.aliases.items():
        keep.aliases.setdefault(source, set()).update(names | {drop.label})
    corpus.facts = [
        type(f)(
            keep.key if f.subject == drop.key else f.subject,
            f.predicate,
            keep.key if f.object == drop.key else f.object,
            f.evidence,
            f.confidence,
            f.method,
        )
        for f in corpus.facts
    ]
    corpus.quantities = [
        type(q)(
            keep.key if q.event == drop.key else q.event,
            q.measure,
            q.value,
            q.unit,
            keep.key if q.about == drop.key else q.about,
            q.approximate,
            q.evidence,
            q.confidence,
        )
        for q in corpus.quantities
    ]
    del corpus.nodes[drop.key]


# ---------------------------------------------------------------------------------------
# The record in the graph
# ---------------------------------------------------------------------------------------


def correction_quads(
    applied: Applied,
    node_iri: dict[str, ox.NamedNode],
    predicate_iri: dict[str, str],
    date_literal: object,
) -> Iterator[ox.Quad]:
    """Each applied correction as an hkg:Correction in graph:corrections."""
    graph = ox.NamedNode(str(CORRECTIONS_GRAPH))

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    for c in applied.applied:
        node = c.iri()
        yield ox.Quad(node, iri(str(RDF.type)), iri(str(HKG.Correction)), graph)
        yield ox.Quad(node, iri(str(RDF.type)), iri(str(PROV.Entity)), graph)
        yield ox.Quad(node, iri(str(HKG.action)), ox.Literal(c.action), graph)
        if c.by:
            agent = iri(CORRECTION_NS + "agent/" + hashlib.sha256(c.by.encode()).hexdigest()[:12])
            yield ox.Quad(node, iri(str(PROV.wasAttributedTo)), agent, graph)
            yield ox.Quad(agent, iri(str(RDF.type)), iri(str(PROV.Agent)), graph)
            yield ox.Quad(agent, iri(str(RDFS.label)), ox.Literal(c.by), graph)
        if c.at:
            when = ox.Literal(c.at, datatype=iri(str(XSD.dateTime)))
            yield ox.Quad(node, iri(str(PROV.generatedAtTime)), when, graph)
        if c.why:
            yield ox.Quad(node, iri(str(RDFS.comment)), ox.Literal(c.why), graph)
        names = _index_by_name(node_iri)
        subject = names.get(c.subject.casefold())
        if subject is None and c.action == "same":
            continue
        if subject is not None:
            yield ox.Quad(node, iri(str(RDF.subject)), subject, graph)
        predicate: str | None
        obj: ox.NamedNode | ox.Literal | None
        if c.action == "same":
            predicate, obj = str(OWL.sameAs), ox.Literal(c.object)
        elif c.action == "type":
            # type_iri: "Event" (a plain sem:Event) has no hkg class.
            predicate, obj = str(RDF.type), iri(str(type_iri(c.object)))
        elif c.predicate in DATE_PREDICATES:
            predicate = predicate_iri[DATE_PREDICATES[c.predicate]]
            obj = date_literal(c.object)  # type: ignore[operator]
        else:
            predicate = predicate_iri.get(c.predicate or "")
            obj = names.get(c.object.casefold())
        if predicate is not None:
            yield ox.Quad(node, iri(str(RDF.predicate)), iri(predicate), graph)
        if obj is not None:
            yield ox.Quad(node, iri(str(RDF.object)), obj, graph)


def _index_by_name(node_iri: dict[str, ox.NamedNode]) -> dict[str, ox.NamedNode]:
    return {name.casefold(): value for name, value in node_iri.items()}
