"""Cross-document resolution: one node per real thing, keeping every alias.

Local ids (``kind|type|name``) from all documents are grouped with a union-find. Rules,
from strongest to weakest, each with a guard against over-merging:

* equal names after folding case, accents, articles and punctuation;
* transliteration variants ("Khasan"/"Hassan"), see ``names.skeleton``;
* people: a surname alone, or initials, joins the one full name it fits – only when
  exactly one full name in the corpus fits;
* military units: same distinctive words and branch ("X Army" ~ "X group" ~ "Army X");
* events: same content words ("Battles of X" ~ "Battle of X"), or a shorter name inside
  exactly one longer name of the same type ("Neutrality Pact" ~ "X-Y Neutrality Pact");
* the text says so: "X, also known as Y".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from .document import DocumentAnalysis, LocalNode
from .lexicon import EVENT_QUALIFIERS, UNIT_BRANCHES, UNIT_HEADS
from .model import DATE_PREDICATES, Corpus, Fact, Node
from .names import initials_compatible, match_key, skeleton, slug

_STOP = frozenset({"of", "the", "and", "at", "on", "in"})
_NUMBERS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
    "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "1st": "1", "2nd": "2",
    "one": "1", "two": "2",
}  # fmt: skip
_PLURALS = {"battles": "battle", "wars": "war", "conflicts": "conflict", "landings": "landing"}
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,}$")


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Deterministic: the smaller id becomes the root, whatever the call order.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self.parent):
            out[self.find(item)].append(item)
        return out


def event_key(name: str) -> frozenset[str]:
    words = [_PLURALS.get(w, w) for w in match_key(name).split()]
    return frozenset(_NUMBERS.get(w, w) for w in words if w not in _STOP)


def unit_key(name: str) -> tuple[str, frozenset[str]] | None:
    words = match_key(name).split()
    heads = [w for w in words if w in UNIT_BRANCHES]
    if not heads:
        return None
    distinctive = frozenset(w for w in words if w not in UNIT_BRANCHES and w not in _STOP)
    return (UNIT_BRANCHES[heads[-1]], distinctive) if distinctive else None


def _has_initials(name: str) -> bool:
    return any(_INITIAL.match(w) for w in name.replace(".", ". ").split()[:-1])


class Resolver:
    def __init__(self, analyses: list[DocumentAnalysis]) -> None:
        self.analyses = analyses
        self.nodes: dict[str, LocalNode] = {}
        self.docs_of: dict[str, set[str]] = defaultdict(set)
        self.mentions: Counter[str] = Counter()
        for a in analyses:
            for lid, node in a.nodes.items():
                known = self.nodes.setdefault(lid, LocalNode(node.kind, node.type, node.name))
                known.surfaces |= node.surfaces
                self.docs_of[lid].add(a.source)
            for f in a.facts:
                self.mentions[f.subject] += 1
                self.mentions[f.object] += 1
        self.uf = _UnionFind(self.nodes)

    def _by(self, kind: str, types: set[str]) -> list[str]:
        return sorted(i for i, n in self.nodes.items() if n.kind == kind and n.type in types)

    def _merge_on(self, ids: list[str], key: Callable[[str], object]) -> None:
        buckets: dict[object, list[str]] = defaultdict(list)
        for i in ids:
            k = key(self.nodes[i].name)
            if k:
                buckets[k].append(i)
        for members in buckets.values():
            for other in members[1:]:
                self.uf.union(members[0], other)

    def resolve(self) -> dict[str, str]:
        """Map every local id to the root id of its group."""
        people = self._by("entity", {"Person"})
        orgs = self._by("entity", {"Organization", "MilitaryUnit"})
        places = self._by("entity", {"Place"})
        countries = self._by("entity", {"Country"})
        for group in (people, orgs, places, countries):
            self._merge_on(group, match_key)
            self._merge_on(group, skeleton_key)
        self._merge_on(orgs, unit_key)
        self._merge_people(people)
        for type_ in sorted({n.type for n in self.nodes.values() if n.kind == "event"}):
            events = self._by("event", {type_})
            self._merge_on(events, event_key)
            self._merge_on(events, skeleton_key)
            self._merge_contained(events)
        for a in self.analyses:
            for x, y in a.same_as:
                self.uf.union(x, y)
        return {i: self.uf.find(i) for i in self.nodes}

    def _merge_people(self, people: list[str]) -> None:
        full = [i for i in people if len(self.nodes[i].name.split()) >= 2]
        for i in people:
            name = self.nodes[i].name
            words = name.split()
            if len(words) >= 2 and not _has_initials(name):
                continue
            fits = {
                self.uf.find(j)
                for j in full
                if j != i
                and not _has_initials(self.nodes[j].name)
                and (
                    (
                        len(words) == 1
                        and match_key(self.nodes[j].name).split()[-1] == match_key(name)
                    )
                    or (len(words) >= 2 and initials_compatible(name, self.nodes[j].name))
                )
            }
            if len(fits) == 1:
                self.uf.union(i, fits.pop())

    def _merge_contained(self, events: list[str]) -> None:
        """ "Neutrality Pact" joins the one "X-Y Neutrality Pact"; but "X War" does not join
        "X Border War": a longer name that adds a qualifier or a number is another event."""
        keys = {i: event_key(self.nodes[i].name) for i in events}
        for i in events:
            k = keys[i]
            if len(k) < 2:
                continue
            containers = {
                self.uf.find(j)
                for j in events
                if k < keys[j]
                and not any(w in EVENT_QUALIFIERS or w.isdigit() for w in keys[j] - k)
            }
            if len(containers) == 1:
                self.uf.union(i, containers.pop())


def skeleton_key(name: str) -> str | None:
    """Transliteration-insensitive key, withheld for names too short to tell apart."""
    key = skeleton(name)
    return key if len(key.replace(" ", "")) >= 4 else None


def _choose_label(members: list[LocalNode], docs: dict[str, int], kind: str, type_: str) -> str:
    """The canonical name: most documents, then full names over initials, then longest."""

    def rank(node: LocalNode) -> tuple[int, int, int, int, str]:
        words = node.name.split()
        full_name = 0 if _has_initials(node.name) else 1
        head_is_unit = 1 if kind == "entity" and words and words[-1].lower() in UNIT_HEADS else 0
        if type_ == "Person":
            return (full_name, len(words), docs[node.name], 0, node.name)
        return (head_is_unit, docs[node.name], len(words), len(node.name), node.name)

    return max(members, key=rank).name


def resolve_corpus(analyses: list[DocumentAnalysis]) -> Corpus:
    """Merge the documents' local nodes and facts into one corpus of resolved nodes."""
    resolver = Resolver(analyses)
    root_of = resolver.resolve()
    groups: dict[str, list[str]] = defaultdict(list)
    for lid, root in sorted(root_of.items()):
        groups[root].append(lid)

    corpus = Corpus()
    key_of: dict[str, str] = {}
    taken: set[str] = set()
    for root in sorted(groups, key=lambda r: (resolver.nodes[r].kind, r)):
        members = [resolver.nodes[i] for i in groups[root]]
        kind = members[0].kind
        type_counts = Counter(m.type for m in members for _ in range(1 + len(m.surfaces)))
        type_ = type_counts.most_common(1)[0][0]
        if kind == "entity" and "MilitaryUnit" in type_counts:
            type_ = "MilitaryUnit"
        doc_counts: Counter[str] = Counter()
        for lid in groups[root]:
            doc_counts[resolver.nodes[lid].name] += len(resolver.docs_of[lid])
        label = _choose_label(members, doc_counts, kind, type_)
        key = slug(label)
        if key in taken:
            key = f"{key}-{slug(type_)}"
        n = 2
        while key in taken:
            key, n = f"{slug(label)}-{n}", n + 1
        taken.add(key)
        node = Node(key=key, label=label, kind=kind, type=type_)  # type: ignore[arg-type]
        for lid in groups[root]:
            key_of[lid] = key
        corpus.nodes[key] = node

    for a in analyses:
        for lid, local in a.nodes.items():
            if local.surfaces:
                corpus.nodes[key_of[lid]].aliases.setdefault(a.source, set()).update(local.surfaces)
    corpus.facts = _rewrite_facts(analyses, key_of)
    return corpus


def _rewrite_facts(analyses: list[DocumentAnalysis], key_of: dict[str, str]) -> list[Fact]:
    best: dict[tuple[str, str, str, str, int], Fact] = {}
    for a in analyses:
        for f in a.facts:
            subject = key_of.get(f.subject)
            obj = f.object if f.predicate in DATE_PREDICATES else key_of.get(f.object)
            if subject is None or obj is None or subject == obj:
                continue
            fact = Fact(subject, f.predicate, obj, f.evidence, f.confidence, f.method)
            k = (subject, f.predicate, obj, f.evidence.source, f.evidence.start)
            if k not in best or best[k].confidence < fact.confidence:
                best[k] = fact
    return sorted(
        best.values(),
        key=lambda f: (f.evidence.source, f.evidence.start, f.subject, f.predicate, f.object),
    )
