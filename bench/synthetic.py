"""Synthetic graphs of a chosen size, in exactly the shape ``kg build`` writes.

Reading enough real text to reach a million triples would take the NLP pipeline an hour;
the query and storage figures only need a graph of the right shape. So a synthetic
:class:`extract.model.Corpus` (events, actors, documents, facts with evidence) is made up
here and mapped to quads by the project's own ``kg.mapping.corpus_quads``: the store then
has the same graphs, reified statements and sentences as a real build.

Shape, per document: two events, each with four participants in varied roles and a
begin date, every fact stated by its own sentence. Events and actors recur across
documents (each event is told by about four documents), so answers merge evidence from
several graphs as they do on real corpora. About 150 quads per document.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

import pyoxigraph as ox

from extract.model import Corpus, DocumentInfo, Evidence, Fact, Node
from extract.names import slug
from extract.vocabulary import ENTITY_TYPES, ROLES
from kg.mapping import corpus_quads

QUADS_PER_DOCUMENT = 152  # measured: documents_for() aims at a quad count with it
# Every event class but Declaration, each with a name pattern below.
EVENT_TYPES = ("Battle", "War", "Treaty", "Conference", "Incident", "Operation")
_EVENT_PATTERNS = {
    "Battle": "Battle of {}",
    "War": "{} War",
    "Treaty": "Treaty of {}",
    "Conference": "{} Conference",
    "Incident": "{} Incident",
    "Operation": "Operation {}",
}
_SYLLABLES = (
    "ka", "ri", "mo", "ta", "sen", "vol", "dor", "an", "be", "lu",
    "go", "mir", "tsa", "ho", "ven", "ul", "ya", "ser", "pa", "nik",
    "zo", "ber", "kal", "ost", "rin", "gra", "mun", "tel", "ha", "vik",
)  # fmt: skip


def _names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct made-up capitalised words of two or three syllables."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3))))
        if word not in seen:
            seen.add(word)
            out.append(word.capitalize())
    return out


def documents_for(quads: int) -> int:
    """How many synthetic documents give about ``quads`` quads."""
    return max(1, round(quads / QUADS_PER_DOCUMENT))


def synthetic_corpus(documents: int, *, seed: int = 0) -> Corpus:
    """A resolved corpus of ``documents`` made-up documents (deterministic for a seed)."""
    rng = random.Random(seed)
    n_events = max(1, documents // 2)
    n_entities = max(8, documents * 2)
    words = _names(rng, n_events + n_entities)
    corpus = Corpus()
    events: list[Node] = []
    for i in range(n_events):
        kind = EVENT_TYPES[i % len(EVENT_TYPES)]
        label = _EVENT_PATTERNS[kind].format(words[i])
        node = Node(key=slug(label), label=label, kind="event", type=kind)
        events.append(node)
        corpus.nodes[node.key] = node
    actors: list[Node] = []
    for i in range(n_entities):
        kind = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        first = words[n_events + i]
        label = f"{first} {words[(i * 7) % len(words)]}" if kind == "Person" else first
        key = slug(label)
        if key in corpus.nodes:
            key = f"{key}-{slug(kind)}"
        node = Node(key=key, label=label, kind="entity", type=kind)
        actors.append(node)
        corpus.nodes[key] = node

    for d in range(documents):
        source = f"synthetic-{d:07d}.txt"
        offset = 0
        facts = 0
        for e in (d % n_events, (d * 3 + 1) % n_events):
            event = events[e]
            event.aliases.setdefault(source, set()).add(event.label)
            year = 1800 + (e * 37) % 200
            stamp = f"{year}-{1 + e % 12:02d}-{1 + e % 28:02d}" if e % 3 else str(year)
            sentence = f"The {event.label} began in {stamp} after long preparations."
            corpus.facts.append(_fact(event.key, "begin", stamp, source, sentence, offset))
            offset += len(sentence) + 1
            facts += 1
            for k in range(4):
                actor = actors[(e * 5 + k * 11 + d % 3) % n_entities]
                actor.aliases.setdefault(source, set()).add(actor.label)
                role = ROLES[(e + k) % len(ROLES)]
                sentence = f"{actor.label} took part in the {event.label} as {role} ({k})."
                corpus.facts.append(_fact(event.key, role, actor.key, source, sentence, offset))
                offset += len(sentence) + 1
                facts += 1
        sha = hashlib.sha256(source.encode()).hexdigest()
        corpus.documents.append(DocumentInfo(source, source, sha, offset, facts))
    return corpus


def _fact(subject: str, predicate: str, obj: str, source: str, sentence: str, at: int) -> Fact:
    evidence = Evidence(source, sentence, at, at + len(sentence))
    confidence = (0.9, 0.8, 0.65, 0.4)[(at // 7) % 4]
    return Fact(subject, predicate, obj, evidence, confidence, "synthetic")


def synthetic_quads(target: int, *, seed: int = 0) -> Iterator[ox.Quad]:
    """About ``target`` quads of a synthetic corpus, as ``kg build`` would write them."""
    return corpus_quads(synthetic_corpus(documents_for(target), seed=seed), pipeline="bench")


def sample_events(corpus: Corpus, count: int) -> list[str]:
    """Labels of ``count`` events spread over the corpus, for the query figures."""
    events = [n.label for n in corpus.nodes.values() if n.kind == "event"]
    step = max(1, len(events) // max(1, count))
    return events[::step][:count]
