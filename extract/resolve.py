"""Cross-document resolution: one node per real thing, keeping every alias.

Local ids (``kind|type|name``) from all documents are grouped with a union-find. Rules,
from strongest to weakest, each with a guard against over-merging:

* equal names after folding case, accents, articles and punctuation;
* transliteration variants ("Kharkov"/"Harkov"), see ``names.skeleton``;
* people: a surname alone, or initials, joins the one full name it fits – only when
  exactly one full name in the corpus fits;
* military units: same distinctive words and branch ("X Army" ~ "X group" ~ "Army X");
* events: same content words ("Battles of X" ~ "Battle of X"), or a shorter name inside
  exactly one longer name of the same type ("Neutrality Pact" ~ "X-Y Neutrality Pact");
* a territory read as a place joins the one "Duke of X" its document names;
* the text says so: "X, also known as Y".
"""

from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta

from . import gazetteer
from .analysis import DocumentAnalysis, LocalNode
from .lexicon import EVENT_CUES, NOBLE_TITLES, PLACE_NOUNS, UNIT_BRANCHES, UNIT_HEADS
from .model import Corpus, Fact, Node
from .names import (
    PLURALS,
    STOP_WORDS,
    event_key,
    fold,
    initials_compatible,
    is_title,
    longer_name_adds,
    match_key,
    skeleton,
    slug,
    spelled,
)
from .vocabulary import DATE_PREDICATES, EVENT_FALLBACK, ROLES

_CUE_WORDS = frozenset(EVENT_CUES) | STOP_WORDS
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"}
)  # fmt: skip
_TYPE_PRIORITY = {"Person": 3, "Organization": 2, "Place": 1}
_TITLE_OF = re.compile(r"^(?:" + "|".join(sorted(NOBLE_TITLES)) + r") of (.+)$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,}$")


# Two events whose dated years lie further apart than this are two events, whatever their
# names say: "the Battle of Poitiers" of 732 (another name of the Battle of Tours) and of
# 1356. Within it, a misread or rounded year does not split one event.
_YEARS_APART = 5


# A person's years in two articles further apart than this are two people: a life of
# action spans less (Louis XIV reigned 72 years; the Trubetskoy at Narva in 1700 is not
# the Decembrist of 1825).
_PERSON_YEARS_APART = 75


def _years_conflict(a: set[int], b: set[int], apart: int = _YEARS_APART) -> bool:
    return bool(a and b) and min(abs(x - y) for x in a for y in b) > apart


class UnionFind:
    """Groups of local ids. ``years`` (id -> the years the documents date it) keeps two
    groups apart when their years conflict: dates outweigh names. ``apart`` says, for an
    id, how many years apart its group's years may be (default: an event's)."""

    def __init__(
        self,
        items: Iterable[str],
        years: dict[str, set[int]] | None = None,
        apart: dict[str, int] | None = None,
    ) -> None:
        self.parent = {i: i for i in items}
        self.years = {i: set(y) for i, y in (years or {}).items() if i in self.parent}
        self.apart = {i: a for i, a in (apart or {}).items() if i in self.parent}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ya, yb = self.years.get(ra, set()), self.years.get(rb, set())
        apart = max(self.apart.get(ra, _YEARS_APART), self.apart.get(rb, _YEARS_APART))
        if _years_conflict(ya, yb, apart):
            return
        # Deterministic: the smaller id becomes the root, whatever the call order.
        lo, hi = sorted((ra, rb))
        self.parent[hi] = lo
        if ya or yb:
            self.years[lo] = ya | yb
        if ra in self.apart or rb in self.apart:
            self.apart[lo] = apart

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self.parent):
            out[self.find(item)].append(item)
        return out


_REGNAL_NUMBER = re.compile(r"^[IVXL]+\.?$")


def unit_key(name: str) -> tuple[str, frozenset[str]] | None:
    words = match_key(name).split()
    heads = [w for w in words if w in UNIT_BRANCHES]
    if not heads:
        return None
    # A branch word before the head qualifies it: "V Cavalry Corps" and "V Guard Corps"
    # are not "V Corps", "8th Guards Army" not "8th Army".
    last = max(i for i, w in enumerate(words) if w in UNIT_BRANCHES)
    distinctive = frozenset(
        w for i, w in enumerate(words)
        if (w not in UNIT_BRANCHES or i < last) and w not in STOP_WORDS
    )  # fmt: skip
    if not distinctive:
        return None
    if all(any(c.isdigit() for c in w) for w in distinctive):
        # "19th Army" and "19th Division" share only a number: the echelon tells them apart.
        return (heads[-1], distinctive)
    return (UNIT_BRANCHES[heads[-1]], distinctive)


_ISO_YEAR = re.compile(r"^(-?\d{1,6})(?:-|$)")


# Events over within days or weeks: a war, a campaign or a movement spans years, and its
# name's variants ("Napoleonic War", "Napoleonic Wars") may be dated years apart.
_SHORT_EVENTS = frozenset({"Battle", "Treaty", "Conference", "Incident", "Declaration"})


def _median(values: list[int]) -> int | None:
    return sorted(values)[len(values) // 2] if values else None


def _document_eras(a: DocumentAnalysis) -> dict[str, int]:
    """Each person of one article -> the year the article sees them in: the middle year
    of the dated events they take part in there, else the article's own middle year."""
    event_year: dict[str, list[int]] = defaultdict(list)
    for f in a.facts:
        node = a.nodes.get(f.subject)
        if node is not None and node.kind == "event" and f.predicate in DATE_PREDICATES:
            year = _ISO_YEAR.match(f.object)
            if year and f.confidence >= 0.5:
                event_year[f.subject].append(int(year.group(1)))
    article = _median([y for ys in event_year.values() for y in ys])
    linked: dict[str, list[int]] = defaultdict(list)
    for f in a.facts:
        if f.predicate in ROLES and f.confidence >= 0.5 and f.subject in event_year:
            linked[f.object].extend(event_year[f.subject])
    eras = {}
    for lid, node in a.nodes.items():
        if node.kind == "entity" and node.type == "Person":
            seen = _median(linked.get(lid, [])) or article
            if seen is not None:
                eras[lid] = seen
    return eras


def person_eras(per_document: Iterable[dict[str, int]]) -> dict[str, set[int]]:
    """Local id of a person -> the years its articles see them in, from each article's
    ``_document_eras``."""
    eras: dict[str, set[int]] = defaultdict(set)
    for document in per_document:
        for lid, year in document.items():
            eras[lid].add(year)
    return eras


def _localise_people_by_era(analyses: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
    """A person's id shared by articles of eras too far apart for one life is each
    article's own: "Trubetskoy" at Narva (1700) and in the Decembrist revolt (1825),
    "Ali Pasha" at Lepanto (1571) and in Paris (1856). Resolution may join them again
    only where the years agree (copies; the input is kept)."""
    per_doc = [_document_eras(a) for a in analyses]
    seen = person_eras(per_doc)
    apart = {lid for lid, ys in seen.items() if max(ys) - min(ys) > _PERSON_YEARS_APART}
    if not apart:
        return analyses
    return [
        _localised(a, apart & set(eras), _ERA) for a, eras in zip(analyses, per_doc, strict=True)
    ]


def _dated_years(analyses: list[DocumentAnalysis]) -> dict[str, set[int]]:
    """Local id of an event -> the years its documents' date facts give it."""
    years: dict[str, set[int]] = defaultdict(set)
    for a in analyses:
        for f in a.facts:
            node = a.nodes.get(f.subject)
            if node is None or node.kind != "event":
                continue
            if f.predicate in DATE_PREDICATES and f.confidence >= 0.5:
                year = _ISO_YEAR.match(f.object)
                if year:
                    years[f.subject].add(int(year.group(1)))
    return years


def _has_initials(name: str) -> bool:
    words = name.replace(".", ". ").split()
    # "I" in "Elizabeth I of England" is a regnal numeral, not an initial.
    return any(
        _INITIAL.match(w) and not (w in _ONE_LETTER_NUMERALS and words[k + 1] == "of")
        for k, w in enumerate(words[:-1])
    )


_ONE_LETTER_NUMERALS = frozenset({"I", "V", "X"})


_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "in", "on"})


def acronym_of(name: str) -> str | None:
    """The capitals a name's words begin with, small words skipped: "Royal Air Force" ->
    "RAF", "International Bank for Reconstruction and Development" -> "IBRD"; None for a
    name of one word or with a word that is not capitalised."""
    words = [w for w in name.split() if w.lower() not in _ACRONYM_SKIPS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _initials_only(name: str) -> bool:
    """Every word before the surname is an initial: "A. A. Gromyko", "I. Konev"."""
    return all(_INITIAL.match(w) for w in name.replace(".", ". ").split()[:-1])


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
        self.event_years = _dated_years(analyses)
        # Only short events' dates keep names apart in every merge (see _SHORT_EVENTS).
        short = {i: y for i, y in self.event_years.items() if self.nodes[i].type in _SHORT_EVENTS}
        eras = person_eras(map(_document_eras, analyses))
        self.uf = UnionFind(self.nodes, {**short, **eras}, dict.fromkeys(eras, _PERSON_YEARS_APART))

    def _by(self, kind: str, types: set[str]) -> list[str]:
        return sorted(i for i, n in self.nodes.items() if n.kind == kind and n.type in types)

    def _join_the_one(self, i: str, candidates: Iterable[str]) -> None:
        """Join ``i`` to the group of its candidates when they are all one group."""
        groups = {self.uf.find(j) for j in candidates if j != i}
        if len(groups) == 1:
            self.uf.union(groups.pop(), i)

    def _merge_on(self, ids: list[str], key: Callable[[str], object]) -> None:
        buckets: dict[object, list[str]] = defaultdict(list)
        for i in ids:
            k = key(self.nodes[i].name)
            if k:
                # An id local to its article (a generic event name, a given name alone)
                # joins equal names of that article only.
                buckets[(k, i.partition(_LOCAL)[2]) if _is_local(i) else k].append(i)
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
            self._merge_on(group, _unknown_state_skeleton)
        self._merge_on(orgs, unit_key)
        # NER gives one name different types in different sentences ("Naotake Sato" as a
        # person, then as a place): equal names among people, organisations and places
        # are one thing, whose type the mentions vote on.
        self._merge_on(people + orgs + places, match_key)
        self._merge_people(people + [o for o in orgs if self.nodes[o].type == "Organization"])
        self._merge_regnal_names()
        self._merge_titled_territories(people, places + orgs)
        # What an article says is one thing ("X, also known as Y") before what names
        # suggest: a shorter name contained in both is then no rival between them.
        for a in self.analyses:
            for x, y in a.same_as:
                self.uf.union(x, y)
        for type_ in sorted({n.type for n in self.nodes.values() if n.kind == "event"}):
            events = self._by("event", {type_})
            named = [e for e in events if not _is_local(e)]
            self._merge_on(named, event_key)
            self._merge_on(named, skeleton_key)
            for source in sorted({s for e in events if _is_local(e) for s in self.docs_of[e]}):
                # A generic name ("the Peace Treaty") joins its own article's events only.
                here = [e for e in events if source in self.docs_of[e]]
                self._merge_on(here, event_key)
            self._merge_contained(events)
        self._merge_peoples_with_their_cities(orgs + countries + places, places + countries)
        self._merge_state_named_people(people, countries)
        self._merge_compass_places(places)
        self._merge_event_cores(people + orgs)
        self._merge_surnames_read_as_places(people, places + orgs)
        self._merge_acronyms(orgs)
        self._merge_demonym_prefixed(orgs)
        return {i: self.uf.find(i) for i in self.nodes}

    def _full_names_by_surname(
        self, people: list[str], *, territorial: bool
    ) -> dict[str, list[str]]:
        """People's full names by the match key of their last word. A full name may have a
        middle initial ("Robert E. Lee"); one of initials alone ("A. A. Gromyko") is a short
        form, and a regnal number ("Franz Joseph I") is no surname. ``territorial``: keep
        names "of" a territory ("Raynald of Châtillon"), whose last word is a place."""
        by_surname: dict[str, list[str]] = defaultdict(list)
        for p in people:
            name = self.nodes[p].name
            words = name.split()
            if (
                len(words) > 1
                and self.nodes[p].type == "Person"
                and (territorial or "of" not in words)
                and not _initials_only(name)
                and not _REGNAL_NUMBER.match(words[-1])
            ):
                by_surname[match_key(name).split()[-1]].append(p)
        return by_surname

    def _merge_surnames_read_as_places(self, people: list[str], others: list[str]) -> None:
        """ "Gravina", "Bolívar", "Moltke" read as a place or a body, in articles that all
        write the one full name "Federico Gravina", "Simón Bolívar", "Helmuth von Moltke"
        it ends, are that person (on dev, 35 of 36 such names are people in the gold).
        States, names of several words and regnal numbers are left alone, and so is a
        territory a name is "of" ("Edessa" of "Joscelin III of Edessa")."""
        by_surname = self._full_names_by_surname(people, territorial=False)
        for i in others:
            name = self.nodes[i].name
            if " " in name.strip() or len(name) < 3 or gazetteer.country_named(name):
                continue
            owners = by_surname.get(match_key(name), ())
            self._join_the_one(i, (p for p in owners if self.docs_of[i] <= self.docs_of[p]))

    def _merge_acronyms(self, orgs: list[str]) -> None:
        """ "RAF" is the "Royal Air Force", "IMF" the "International Monetary Fund" that an
        article using it names: an acronym joins the one body or unit of the same article
        whose capitalised words it spells."""
        spelled: dict[str, list[str]] = defaultdict(list)
        for j in orgs:
            letters = acronym_of(self.nodes[j].name)
            if letters:
                spelled[letters].append(j)
        for i in orgs:
            name = self.nodes[i].name
            if not _ACRONYM.match(name):
                continue
            fits = spelled.get(name, ())
            self._join_the_one(i, (j for j in fits if self.docs_of[i] & self.docs_of[j]))

    def _merge_demonym_prefixed(self, orgs: list[str]) -> None:
        """ "the British Royal Navy", "the German Luftwaffe", "the Prussian Meuse Army": a
        state's demonym before the name of a body or unit that the same article also
        writes bare is that body or unit."""
        by_name: dict[str, list[str]] = defaultdict(list)
        for j in orgs:
            by_name[match_key(self.nodes[j].name)].append(j)
        for i in orgs:
            first, _, rest = self.nodes[i].name.partition(" ")
            if not rest or gazetteer.country_for_demonym(first) is None:
                continue
            fits = by_name.get(match_key(rest), ())
            self._join_the_one(i, (j for j in fits if self.docs_of[i] & self.docs_of[j]))

    def _merge_peoples_with_their_cities(self, peoples: list[str], cities: list[str]) -> None:
        """ "the Athenians" and "Athens", "the Thebans" and "Thebes": a people no gazetteer
        knows, named in the plural, is the city-state of its name when one article names
        both (and no other city fits)."""
        plural = [i for i in peoples if _plural_people(self.nodes[i].name)]
        single = [i for i in cities if len(self.nodes[i].name.split()) == 1]
        for i in plural:
            fits = {
                self.uf.find(c)
                for c in single
                if c != i
                and self.docs_of[c] & self.docs_of[i]
                and _people_of(self.nodes[i].name, self.nodes[c].name)
            }
            if len(fits) == 1:
                self.uf.union(i, fits.pop())

    def _merge_state_named_people(self, people: list[str], countries: list[str]) -> None:
        """A one-word "person" named like a state ("Togo said ...") is a surname when the
        corpus has the full name ("Lionel Chad"); otherwise the model misread the state."""
        states = {match_key(self.nodes[c].name): c for c in countries}
        for i in people:
            name = self.nodes[i].name
            country = gazetteer.country_named(name) if len(name.split()) == 1 else None
            if country is None:
                continue
            group = self.uf.find(i)
            if any(self.uf.find(j) == group and len(self.nodes[j].name.split()) > 1
                   for j in people):  # fmt: skip
                continue
            state = states.get(match_key(country.name))
            if state is not None:
                self.uf.union(state, i)
        # And from the other side: "Togo" read as the state, in documents that all name a
        # "Lionel Chad", is him. People by the last word of their longer names, found once
        # rather than for every state.
        by_last_word: dict[str, list[str]] = defaultdict(list)
        for p in people:
            if len(self.nodes[p].name.split()) > 1 and not _TITLE_OF.match(
                self.nodes[p].name  # "the Elector of Bavaria"
            ):
                by_last_word[match_key(self.nodes[p].name).split()[-1]].append(p)
        for c in countries:
            name = match_key(self.nodes[c].name)
            if " " in name:
                continue
            owners = {
                self.uf.find(p)
                for p in by_last_word.get(name, ())
                if self.docs_of[c] <= self.docs_of[p]
            }
            if len(owners) == 1:
                self.uf.union(owners.pop(), c)

    def _merge_compass_places(self, places: list[str]) -> None:
        """ "South X" / "Southern X" joins place X when the corpus names X too (a region
        of an island or province is reported as that place; states are never merged)."""
        by_key = {match_key(self.nodes[i].name): i for i in places}
        for i in places:
            words = match_key(self.nodes[i].name).split()
            if len(words) >= 2 and words[0] in _COMPASS:
                base = by_key.get(" ".join(words[1:]))
                if base is not None:
                    self.uf.union(base, i)

    def _merge_event_cores(self, entities: list[str]) -> None:
        """ "the outcome of X" where "Battle of X" is an event of the same article: a bare
        name that is exactly one event's name without its cue words refers to that event
        (places stay places: a battle is often named after its place). Not across
        articles: one article's "Rhine" (L03) is not another's "Rhine Pact" (M03), nor
        D07's Luftwaffe G02's "Luftwaffe bombing"."""
        cores: dict[tuple[str, str], set[str]] = defaultdict(set)
        for i, node in self.nodes.items():
            if node.kind == "event":
                words = [w for w in match_key(node.name).split() if w not in _CUE_WORDS]
                if words:
                    for source in self.docs_of[i]:
                        cores[(" ".join(words), source)].add(self.uf.find(i))
        for i in entities:
            if self.nodes[i].type in {"Person", "Organization"}:
                key = match_key(self.nodes[i].name)
                events = {e for s in self.docs_of[i] for e in cores.get((key, s), set())}
                if len(events) == 1:
                    self.uf.union(events.pop(), i)

    def _merge_people(self, people: list[str]) -> None:
        """A surname alone, or a name with initials, joins the one full name it fits.

        Full names are indexed by surname (and surnames by first letter and ending, for
        transliteration variants), so each short name is compared with a handful of
        candidates rather than with every full name in the corpus."""
        by_surname = self._full_names_by_surname(people, territorial=True)
        variants: dict[tuple[str, str], list[str]] = defaultdict(list)
        for surname in by_surname:
            variants[(surname[:1], surname[-3:])].append(surname)
        for i in people:
            name = self.nodes[i].name
            words = name.split()
            if len(words) >= 2 and not _has_initials(name):
                continue
            key = match_key(name)
            if not key:
                continue
            if len(words) == 1:
                surnames = [s for s in variants[(key[:1], key[-3:])] if _same_surname(s, key)]
                candidates = [j for s in surnames for j in by_surname[s]]
                if _is_local(i):  # a given name alone: only its own article says whose
                    candidates = [j for j in candidates if self.docs_of[i] & self.docs_of[j]]
            else:
                candidates = [
                    j
                    for j in by_surname.get(key.split()[-1], [])
                    if initials_compatible(name, self.nodes[j].name)
                ]
            fits = {self.uf.find(j) for j in candidates if j != i}
            if len(fits) > 1:
                # "Moltke" in an article that names Helmuth von Moltke the Elder, while
                # another names the Younger: the full name of its own articles decides.
                fits = {
                    self.uf.find(j)
                    for j in candidates
                    if j != i and self.docs_of[i] <= self.docs_of[j]
                }
            if len(fits) == 1:
                self.uf.union(i, fits.pop())

    def _merge_titled_territories(self, people: list[str], others: list[str]) -> None:
        """ "Marlborough", read as a place, is the Duke of Marlborough an article of the
        same document names: a territory alone joins the one titled person it fits there.
        A state's name stays the state ("the Elector of Bavaria" and "Bavaria")."""
        holders: dict[str, list[str]] = defaultdict(list)
        for j in people:
            found = _TITLE_OF.match(self.nodes[j].name)
            if found:
                holders[match_key(found.group(1))].append(j)
        for i in others:
            name = self.nodes[i].name
            fits = [
                j for j in holders.get(match_key(name), []) if self.docs_of[i] & self.docs_of[j]
            ]
            if len({self.uf.find(j) for j in fits}) == 1 and not gazetteer.country_named(name):
                self.uf.union(i, fits[0])

    def _merge_regnal_names(self) -> None:
        """A ruler's given name alone ("Henry", "Mehmed") joins the regnal name that an
        article using it also writes ("Henry V", "Mehmed II"), when every article using it
        points to the same one; two candidates ("Henry V" and "Henry VII"), or an article
        using the name alone without any, join nothing. (A given name alone is its own
        article's id by now, ``_localise_given_names``, so "every article" is its own.)"""
        fits: dict[str, set[str]] = defaultdict(set)
        for analysis in self.analyses:
            regnal: dict[str, set[str]] = defaultdict(set)
            alone: list[str] = []
            by_number: dict[tuple[str, str], list[str]] = defaultdict(list)
            for lid, node in analysis.nodes.items():
                if node.kind != "entity" or node.type != "Person":
                    continue
                words = node.name.split()
                if len(words) >= 2 and _REGNAL_NUMBER.match(words[1]):
                    regnal[match_key(words[0])].add(lid)
                    by_number[(match_key(words[0]), words[1])].append(lid)
                elif len(words) == 1:
                    alone.append(lid)
            # "Henry V" and "Henry V of England" in one article are one king, unless it
            # names two realms for the numeral ("Louis II of Hungary", "Louis II of France").
            for same in by_number.values():
                realms = {self.nodes[j].name for j in same if " of " in self.nodes[j].name}
                if len(same) > 1 and len(realms) <= 1:
                    for j in same[1:]:
                        self.uf.union(same[0], j)
            for lid in alone:
                found = {self.uf.find(j) for j in regnal.get(match_key(self.nodes[lid].name), ())}
                # An article that uses the name alone and writes no regnal name for it
                # may mean another ruler: "Napoleon" at Leipzig, "Napoleon III" at Sedan.
                fits[lid] |= found or {""}
        for lid, groups in sorted(fits.items()):
            if len(groups) == 1 and "" not in groups:
                self.uf.union(lid, groups.pop())

    def _merge_contained(self, events: list[str]) -> None:
        """ "Neutrality Pact" joins the one "X-Y Neutrality Pact"; but "X War" does not join
        "X Border War": a longer name that adds a qualifier or a number is another event.
        A year is the exception (``_names_it``)."""
        keys = {i: event_key(self.nodes[i].name) for i in events}
        # Again while names join: a join can leave a shorter name one rival fewer.
        while self._contained_pass(events, keys):
            pass

    def _contained_pass(self, events: list[str], keys: dict[str, frozenset[str]]) -> bool:
        joined = False
        for i in events:
            containers = {
                self.uf.find(j)
                for j in events
                if self._names_it(i, keys[i], keys[j])
                and (not _is_local(i) or self.docs_of[i] & self.docs_of[j])
            } - {self.uf.find(i)}  # a longer name already joined to it is no rival
            if len(containers) == 1:
                container = containers.pop()
                self.uf.union(i, container)
                joined |= self.uf.find(i) == self.uf.find(container)
        return joined

    def _names_it(self, event: str, short: frozenset[str], long: frozenset[str]) -> bool:
        """Whether the longer name ``long`` names the event of name ``short``
        (:func:`longer_name_adds`). A year ("the Crimean War of 1853") does, unless the
        shorter name's own dates lie elsewhere; not for events of no class ("the 2008
        Summer Olympics"): a contest or an election recurs, and its year tells the
        editions apart."""
        adds = longer_name_adds(short, long)
        if adds != "year":
            return adds == "words"
        if self.nodes[event].type == EVENT_FALLBACK:
            return False
        (year,) = long - short
        return not _years_conflict(self.event_years.get(event, set()), {int(year)})


# What turns a city's name into its people's: "-ians", "-ans", "-enes", "-ites" ("the
# Habsburgs" and "the Boxers" are a house and a movement, not the people of a place).
_PEOPLE_SUFFIXES = ("ians", "ans", "enes", "ites")


def _plural_people(name: str) -> bool:
    return len(name.split()) == 1 and name[:1].isupper() and name.endswith("s")


def _people_of(people: str, city: str) -> bool:
    """ "Athenians" of "Athens", "Platæans" of "Plataea", "Corinthians" of "Corinth": the
    people's stem (without its plural suffix) and the city's name share their first four
    letters or more, all but one of the stem's and all but three of the city's."""
    a, b = fold(people).lower(), fold(city).lower()
    if a == b:
        return False
    suffix = next((s for s in _PEOPLE_SUFFIXES if a.endswith(s)), None)
    if suffix is None:
        return False
    stem = a[: -len(suffix)]
    shared = 0
    while shared < min(len(stem), len(b)) and stem[shared] == b[shared]:
        shared += 1
    return shared >= 4 and shared >= len(stem) - 1 and shared >= len(b) - 3


def _same_surname(a: str, b: str) -> bool:
    """Equal, or (for long names) one transliteration letter apart: Rozhestvensky and
    Rozhdestvensky render the same Russian name."""
    if a == b:
        return True
    # Same ending required: a changed ending is another name or another person
    # ("Smirnov"/"Smirnova", "Andersen"/"Anderson").
    if min(len(a), len(b)) < 7 or a[-3:] != b[-3:]:
        return False
    return _one_edit_apart(skeleton(a), skeleton(b))


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter inserted, deleted or changed (not the first)."""
    if abs(len(a) - len(b)) > 1 or a[:1] != b[:1]:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if i >= len(a) or a[i] != b[i]:
            return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])
    return True


# Words an event's or a place's name shares with others of its kind: they tell no two
# names apart.
_GENERIC_WORDS = frozenset(EVENT_CUES) | STOP_WORDS | PLACE_NOUNS


def _unknown_state_skeleton(name: str) -> str | None:
    """``skeleton_key``, except for a state the gazetteer knows: it has its one name
    already, and two of them may share a skeleton ("France" and "Francia", the kingdom
    of the Franks at Tours, A04)."""
    return None if gazetteer.country_named(name) is not None else skeleton_key(name)


_VOWEL_RUNS = re.compile(r"[aeiou]+")


def skeleton_key(name: str) -> str | None:
    """Transliteration-insensitive key, withheld for names too short to tell apart. When
    the words that tell the name apart have under four consonants between them, they keep
    their vowels: "Battle of Khotin" (1673) and "Battle of Hattin" (1187) share the
    skeleton "btl of htn" and were made one battle."""
    key = skeleton(name)
    if len(key.replace(" ", "")) < 4:
        return None
    words = match_key(name).split()
    telling = [w for w in words if w not in _GENERIC_WORDS]
    if telling and sum(len(skeleton(w)) for w in telling) < 4:
        return " ".join(skeleton(w) if w in _GENERIC_WORDS else spelled(w) for w in words)
    # Each word's syllables (runs of vowels) as well: a transliteration changes letters,
    # not how many syllables a name has ("Kharkov"/"Harkov", "Gorbachev"/"Gorbachov"),
    # while the consonants alone made U01's rebel priest "John Ball" one person with
    # A08's king "John Balliol".
    syllables = ",".join(str(len(_VOWEL_RUNS.findall(spelled(w)))) for w in words)
    return f"{key}/{syllables}"


def _choose_label(
    members: list[LocalNode],
    docs: dict[str, int],
    kind: str,
    type_: str,
    said: dict[str, int],
) -> str:
    """The canonical name: most documents, then full names over initials alone ("Robert E.
    Lee" is a full name, "A. A. Gromyko" is not), then longest. Between an event's names
    in as many documents, the one its sentences use most: "The Meiji Restoration, referred
    to at the time as the Honorable Restoration, ..." is the Meiji Restoration (``said``:
    sentences naming or referring to each name)."""

    def rank(node: LocalNode) -> tuple[int, ...] | tuple[int | str, ...]:
        words = node.name.split()
        full_name = 0 if len(words) > 1 and _initials_only(node.name) else 1
        head_is_unit = 1 if kind == "entity" and words and words[-1].lower() in UNIT_HEADS else 0
        if type_ == "Person":
            # "Henry V" over "Henry V of England" (the realm is a qualifier), both over
            # "Henry".
            realm = len(words) > 3 and bool(_REGNAL_NUMBER.match(words[1])) and words[2] == "of"
            core = 2 if realm else len(words)
            return (full_name, core, 0 if realm else 1, docs[node.name], 0, node.name)
        # "Battle of X" over "Battles of X" when documents are evenly split.
        singular = 0 if any(w.lower() in PLURALS for w in words) else 1
        size = len(words) * 100 + len(node.name)
        return (head_is_unit, docs[node.name], said.get(node.name, 0), singular, size, node.name)

    return max(members, key=rank).name


# Words that name no particular event: "the Peace Treaty", "the Civil War", "another
# battle" are whatever the article they are read in means.
_GENERIC_EVENT_WORDS = _CUE_WORDS | frozenset(
    {"peace", "civil", "military", "great", "major", "another", "final", "last", "new",
     "first", "second", "third", "general"}
)  # fmt: skip
_ERA = "#"  # a person kept apart by era: "entity|Person|Trubetskoy#N01.txt"
_LOCAL = "@"  # a generic event's id is its article's: "event|Treaty|Peace Treaty@a.txt"


def is_generic_event_name(name: str) -> bool:
    """No word of the name tells which event it is ("Peace Treaty", "Treaty of Peace")."""
    words = match_key(name).split()
    return bool(words) and all(w in _GENERIC_EVENT_WORDS for w in words)


def _is_local(lid: str) -> bool:
    return _LOCAL in lid


def _localise_generic_events(analyses: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
    """Each article's generic event names as ids of that article alone: a name shared by
    two articles is one event only if the name says which ("the Treaty of Utrecht"), so
    one article's "Peace Treaty" and another's stay apart (copies; the input is kept)."""
    out = []
    for a in analyses:
        generic = {
            lid for lid, n in a.nodes.items() if n.kind == "event" and is_generic_event_name(n.name)
        }
        out.append(_localised(a, generic))
    return out


def _localised(a: DocumentAnalysis, lids: set[str], mark: str = _LOCAL) -> DocumentAnalysis:
    """``a`` with the ids ``lids`` made its own (``mark`` and its source): a copy when any
    is renamed, the input itself otherwise. With ``_LOCAL`` the id joins its own
    article's names only; with ``_ERA`` it still joins other articles' by name."""
    renames = {lid: f"{lid}{mark}{a.source}" for lid in lids if mark not in lid}
    if not renames:
        return a
    a = copy.deepcopy(a)
    a.rename(renames)
    return a


def given_names(analyses: list[DocumentAnalysis]) -> set[str]:
    """Match keys of the words the corpus writes first in a longer person's name: "Charles"
    of "Charles Martel" and "Charles XII", "Philip" of "Philip II", "Napoleon" of
    "Napoleon III". Particles and titles do not count ("de", "King")."""
    out = set()
    for a in analyses:
        for node in a.nodes.values():
            words = node.name.split()
            if node.kind == "entity" and node.type == "Person" and len(words) >= 2:
                first = words[0]
                if first[:1].isupper() and not is_title(first):
                    out.add(match_key(first))
    return out


def _localise_given_names(analyses: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
    """A person an article names by a given name alone ("Charles", "Philip", "Henry") is
    that article's: the name is shared by different people across articles (Charles
    Martel at Tours, Charles XII at Poltava, the Dauphin Charles at Orléans), so it joins
    only what its own article says (a fuller name there, or a regnal name). A one-word
    name no article writes first in a longer name ("Themistocles", "Hitler") is a name
    of one person and joins across articles as before (copies; the input is kept)."""
    if len(analyses) < 2:
        return analyses
    given = given_names(analyses)
    out = []
    for a in analyses:
        alone = {
            match_key(node.name)
            for lid, node in a.nodes.items()
            if node.kind == "entity"
            and node.type == "Person"
            and _LOCAL not in lid
            and len(node.name.split()) == 1
        } & given
        # The same word NER typed otherwise in the article ("Raymond" as a place) goes too.
        lids = {
            lid
            for lid, node in a.nodes.items()
            if node.kind == "entity" and match_key(node.name) in alone
        }
        out.append(_localised(a, lids))
    return out


def resolve_corpus(analyses: list[DocumentAnalysis]) -> Corpus:
    """Merge the documents' local nodes and facts into one corpus of resolved nodes."""
    analyses = _localise_people_by_era(_localise_given_names(_localise_generic_events(analyses)))
    resolver = Resolver(analyses)
    root_of = resolver.resolve()
    named = Counter(e for a in analyses for s in a.sentence_mentions for e in set(s.events))
    groups: dict[str, list[str]] = defaultdict(list)
    for lid, root in sorted(root_of.items()):
        groups[root].append(lid)

    corpus = Corpus()
    key_of: dict[str, str] = {}
    taken: set[str] = set()
    for root in sorted(groups, key=lambda r: (resolver.nodes[r].kind, r)):
        members = [resolver.nodes[i] for i in groups[root]]
        # A group holding an event is that event (its other members are bare references).
        kind = "event" if any(m.kind == "event" for m in members) else "entity"
        members = [m for m in members if m.kind == kind] or members
        type_counts: Counter[str] = Counter()
        for m in members:
            type_counts[m.type] += 1 + len(m.surfaces)
        # Ties go to the more specific reading: a person over an organisation over a place.
        type_ = max(type_counts, key=lambda t: (type_counts[t], _TYPE_PRIORITY.get(t, 0), t))
        if kind == "entity" and "MilitaryUnit" in type_counts:
            type_ = "MilitaryUnit"
        full_person = any(m.type == "Person" and " " in m.name for m in members)
        if kind == "entity" and "Country" in type_counts and not full_person:
            type_ = "Country"  # only the state-named-person rules join a state to others
        elif full_person:
            type_ = "Person"
        doc_counts: Counter[str] = Counter()
        for lid in groups[root]:
            doc_counts[resolver.nodes[lid].name] += len(resolver.docs_of[lid])
        said: Counter[str] = Counter()
        for lid in groups[root]:
            said[resolver.nodes[lid].name] += named[lid]
        label = _choose_label(members, doc_counts, kind, type_, said)
        if kind == "event":
            # "Battle of X, also known as the Incident Y": the canonical name's cue decides.
            type_ = next(m.type for m in members if m.name == label)
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
    facts = _rewrite_facts(analyses, key_of)
    anchored = _anchor_situations(analyses, key_of, _event_spans(facts, corpus.nodes))
    # A name read as an actor that resolution joined to an event ("the outcome of
    # Thermopylae", an infobox's "Treaty of Münster" typed as a body) is that event, and
    # an event takes no part in another as a participant.
    corpus.facts = [
        f
        for f in _dedupe([*facts, *(_rekey(f, key_of) for f in anchored)])
        if not (f.predicate in ROLES and corpus.nodes[f.object].kind == "event")
    ]
    corpus.quantities = [
        replace(q, event=key_of[q.event], about=key_of.get(q.about) if q.about else None)
        for a in analyses
        for q in a.quantities
        if q.event in key_of
    ]
    return corpus


def _rekey(fact: Fact, key_of: dict[str, str]) -> Fact:
    """An anchored fact names its event by key already and its actor by local id."""
    return Fact(fact.subject, fact.predicate, key_of[fact.object], fact.evidence,
                fact.confidence, fact.method)  # fmt: skip


# Situations join only events short enough for a date to identify them, of these types.
_ANCHOR_TYPES = frozenset({"War", "Battle", "Operation", "Incident"})
_MAX_ANCHOR_DAYS = 400
# A declaration of war comes a day or so before the fighting it starts.
_DECLARATION_LEAD_DAYS = 3


def _event_spans(facts: list[Fact], corpus_nodes: dict[str, Node]) -> dict[str, tuple[date, date]]:
    """Day-precise begin and end of each event, as most sources state them."""
    claims: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in facts:
        if f.predicate in DATE_PREDICATES and len(f.object) == 10:
            claims[(f.subject, f.predicate)][f.object] += 1
    spans = {}
    for key, node in corpus_nodes.items():
        if node.kind != "event" or node.type not in _ANCHOR_TYPES:
            continue
        begin, end = claims.get((key, "begin")), claims.get((key, "end"))
        if not begin or not end:
            continue
        b = date.fromisoformat(min(begin, key=lambda v: (-begin[v], v)))
        e = date.fromisoformat(max(end, key=lambda v: (end[v], v)))
        if 0 <= (e - b).days <= _MAX_ANCHOR_DAYS:
            spans[key] = (b, e)
    return spans


def _anchor_situations(
    analyses: list[DocumentAnalysis],
    key_of: dict[str, str],
    spans: dict[str, tuple[date, date]],
) -> list[Fact]:
    """Give each dated situation to the one short event whose span contains its date."""
    facts = []
    for a in analyses:
        for situation in a.situations:
            day = date.fromisoformat(situation.date)
            lead = any("declaredWarOn" in m for _, _, _, m in situation.links)
            slack = timedelta(days=_DECLARATION_LEAD_DAYS if lead else 0)
            hits = [k for k, (b, e) in spans.items() if b - slack <= day <= e]
            if len(hits) != 1:
                continue
            for actor, role, confidence, method in situation.links:
                if actor in key_of:
                    facts.append(
                        Fact(hits[0], role, actor, situation.evidence, min(confidence, 0.6), method)
                    )
    return facts


def _rewrite_facts(analyses: list[DocumentAnalysis], key_of: dict[str, str]) -> list[Fact]:
    facts = []
    for a in analyses:
        for f in a.facts:
            subject = key_of.get(f.subject)
            obj = f.object if f.predicate in DATE_PREDICATES else key_of.get(f.object)
            if subject is None or obj is None or subject == obj:
                continue
            facts.append(Fact(subject, f.predicate, obj, f.evidence, f.confidence, f.method))
    return _dedupe(facts)


def _dedupe(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (claim, sentence), the most confident; in a stable order."""
    best: dict[tuple[str, str, str, str, int], Fact] = {}
    for fact in facts:
        k = (fact.subject, fact.predicate, fact.object, fact.evidence.source, fact.evidence.start)
        if k not in best or best[k].confidence < fact.confidence:
            best[k] = fact
    return sorted(
        best.values(),
        key=lambda f: (f.evidence.source, f.evidence.start, f.subject, f.predicate, f.object),
    )
