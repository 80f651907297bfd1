"""Find an event (or entity) by the name a person would type.

People type "kursk", "the russo-japanese war" or "Operation Citadel"; the graph holds
"Battle of Kursk", "Russo–Japanese War" (en dash) and an altLabel "Operation
Citadel". Matching therefore works on normalised names and falls through three levels,
stopping at the first that gives an answer:

1. exact: the normalised query equals a normalised alias (prefLabel or any altLabel);
2. partial: the query is a contiguous run of whole words of an alias;
3. fuzzy: difflib similarity of at least :data:`FUZZY_RATIO` against an alias, or against
   an equally long run of words inside one (for a misspelt partial name). rapidfuzz
   bounds it from above, so that difflib scores only the few candidates that can win
   (:func:`_ranked`).

Within a level, one event wins; several equally good events are reported as ambiguous
rather than picked arbitrarily. A name with a bracketed qualifier, as encyclopedia titles
write them ("Battle of Kosovo (1389)", "Siege of Vienna (1529)"), that matches nothing as
typed is matched without it, and a year in it picks among the events that name fits. A
name ending in a word for a meeting that matches nothing is matched with the other words
for one ("Camp David summit" finds "Camp David meetings").
Nothing here imports spaCy: lookup must stay fast.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, takewhile

import pyoxigraph as ox

from extract.errors import NotFoundError
from extract.vocabulary import MEETING_WORDS
from kg.store import GraphStore
from queries.sparql import select, select_many
from queries.terms import (
    ENTITY_FALLBACK,
    ENTITY_TYPES,
    EVENT_FALLBACK,
    EVENT_TYPES,
    Term,
    class_iri,
    expand,
    local_name,
    short_type,
    text,
)

FUZZY_RATIO = 0.85
SUGGESTIONS = 3
# Longer names are matched exactly or as part of a name only, never fuzzily.
MAX_FUZZY_CHARS = 200
# A name typed by a user is quoted in messages up to this many characters.
MAX_QUOTED_CHARS = 80

# Every dash-like character people (and Wikipedia) use between words.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Apostrophes and quotes vanish ("Thirty Years' War" = "Thirty Years War"); so do full
# stops, so that "U.S." = "US".
_REMOVED = "'\"`´ʼ‘’‚‛“”„‟′″."
_TRANSLATE = str.maketrans({**{c: " " for c in _DASHES}, **{c: None for c in _REMOVED}})


def quoted(name: str) -> str:
    """``name`` as messages quote it: in quotes, cut to :data:`MAX_QUOTED_CHARS`
    characters with its full length, so that an error never repeats a huge input."""
    if len(name) <= MAX_QUOTED_CHARS:
        return repr(name)
    return f"{name[: MAX_QUOTED_CHARS - 1]!r}… ({len(name):,} characters)"


def normalize(name: str) -> str:
    """The comparison form of a name: case- and accent-folded, dashes as spaces, quotes
    and full stops removed, other punctuation as spaces, a leading "the" dropped."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).translate(_TRANSLATE)
    # Remaining punctuation and symbols (commas, brackets, slashes) separate words.
    folded = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in folded)
    words = folded.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Candidate:
    """One event or entity as lookup sees it: its IRI, display label, short type and every
    name it is known by (the label included)."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...]
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.keys:
            keys = dict.fromkeys(k for k in map(normalize, (self.label, *self.aliases)) if k)
            object.__setattr__(self, "keys", tuple(keys))


def candidates_from_rows(
    rows: Iterable[dict[str, str | None]],
    *,
    subject: str,
    type_var: str,
    known_types: tuple[str, ...],
    fallback_type: str,
) -> list[Candidate]:
    """Group query rows (one per alias) into candidates, sorted by label.

    The label is the skos:prefLabel; without one (a graph built without its resolved
    graph), the shortest alias, and failing that the IRI's last segment.
    """
    grouped: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        iri = row.get(subject)
        if not iri:
            continue
        fields = grouped.setdefault(iri, {"label": set(), "type": set(), "alias": set()})
        for key, var in (("label", "label"), ("type", type_var), ("alias", "alias")):
            value = row.get(var)
            if value:
                fields[key].add(value)
    result = []
    for iri, fields in grouped.items():
        label = _label(fields["label"], fields["alias"], iri)
        kind = short_type(fields["type"], known_types, fallback_type)
        names = sorted({label, *fields["alias"]}, key=lambda n: (n.casefold(), n))
        result.append(Candidate(iri, label, kind, tuple(names)))
    return sorted(result, key=lambda c: (c.label.casefold(), c.iri))


def _label(labels: set[str], aliases: set[str], iri: str) -> str:
    if labels:
        return min(labels)  # one prefLabel is expected; min() keeps a surplus deterministic
    if aliases:
        return min(aliases, key=lambda n: (len(n), n))
    return local_name(iri)


def event_candidates(store: GraphStore) -> list[Candidate]:
    """Every event with its aliases (queries/events.rq)."""
    rows = [{k: text(v) for k, v in row.items()} for row in select(store, "events")]
    return candidates_from_rows(
        rows,
        subject="event",
        type_var="type",
        known_types=EVENT_TYPES,
        fallback_type=EVENT_FALLBACK,
    )


def entity_candidates(store: GraphStore) -> list[Candidate]:
    """Every actor and place with its aliases (queries/entities.rq)."""
    rows = [{k: text(v) for k, v in row.items()} for row in select(store, "entities")]
    return candidates_from_rows(
        rows,
        subject="entity",
        type_var="type",
        known_types=ENTITY_TYPES,
        fallback_type=ENTITY_FALLBACK,
    )


def find_event(store: GraphStore, name: str, *, aliases: bool = True) -> Candidate:
    """The one event ``name`` refers to, or NotFoundError with suggestions. With
    ``aliases=False``, an exactly typed name costs one lookup and the candidate found that
    way lists no aliases (who and when do not show them)."""
    return exactly_named(store, name, "event", aliases=aliases) or match(
        event_candidates(store), name, kind="event"
    )


def find_entity(store: GraphStore, name: str) -> Candidate:
    """The one actor or place ``name`` refers to, or NotFoundError with suggestions."""
    return exactly_named(store, name, "entity") or match(
        entity_candidates(store), name, kind="entity"
    )


_CLASSES = {
    "event": {"http://semanticweb.cs.vu.nl/2009/11/sem/Event"},
    "entity": {
        "http://semanticweb.cs.vu.nl/2009/11/sem/Actor",
        "http://semanticweb.cs.vu.nl/2009/11/sem/Place",
    },
}


def exactly_named(
    store: GraphStore,
    name: str,
    kind: str,
    *,
    aliases: bool = True,
    asked: dict[str, list[dict[str, Term | None]]] | None = None,
) -> Candidate | None:
    """The one node of ``kind`` whose label or an alias is ``name`` as typed (or without a
    leading "the"), found through the store's index: the common case costs one lookup,
    not a scan of every label. None when that is not exactly one node. ``asked`` keeps
    the lookups' rows for a caller that asks about several kinds."""
    typed = " ".join(name.split())
    forms = dict.fromkeys([typed, typed[4:] if typed.lower().startswith("the ") else typed])
    for form in forms:
        if not form:
            continue
        asked = {} if asked is None else asked
        if form not in asked:
            asked[form] = select(store, "named", {"name": ox.Literal(form)})
        rows = asked[form]
        iris = {text(row["node"]) for row in rows if text(row["class"]) in _CLASSES[kind]}
        if len(iris) == 1:
            iri = iris.pop()
            assert iri is not None
            if not aliases:
                labels = {text(row["label"]) for row in rows if text(row["node"]) == iri}
                types = {t for row in rows if text(row["node"]) == iri and (t := text(row["type"]))}
                known, fallback = (
                    (EVENT_TYPES, EVENT_FALLBACK)
                    if kind == "event"
                    else (ENTITY_TYPES, ENTITY_FALLBACK)
                )
                label = min((lab for lab in labels if lab), default=form)
                return Candidate(iri, label, short_type(types, known, fallback), (label,))
            found = candidate_by_iri(store, iri, kind)
            if found is not None:
                return found
    return None


def candidate_by_iri(store: GraphStore, iri: str, kind: str) -> Candidate | None:
    """The event (``kind`` "event") or entity with this IRI, through the store's index;
    None when the store has no such node of that kind."""
    source = "events" if kind == "event" else "entities"
    bound = {"event" if kind == "event" else "entity": ox.NamedNode(iri)}
    rows = [{k: text(v) for k, v in row.items()} for row in select(store, source, bound)]
    found = (
        candidates_from_rows(rows, subject="event", type_var="type",
                             known_types=EVENT_TYPES, fallback_type=EVENT_FALLBACK)
        if kind == "event"
        else candidates_from_rows(rows, subject="entity", type_var="type",
                                  known_types=ENTITY_TYPES, fallback_type=ENTITY_FALLBACK)
    )  # fmt: skip
    return found[0] if len(found) == 1 else None


_SEM_EVENT = "http://semanticweb.cs.vu.nl/2009/11/sem/Event"
_ENTITY_CLASSES = frozenset(class_iri(name).value for name in ENTITY_TYPES)


def nodes_by_iri(
    store: GraphStore, iris: Sequence[str]
) -> tuple[dict[str, Candidate], dict[str, Candidate]]:
    """The events and the entities among ``iris``, as :func:`candidate_by_iri` finds each
    (events.rq, entities.rq), in one query (nodes.rq) for them all."""
    if not iris:
        return {}, {}
    terms = [ox.NamedNode(iri) for iri in iris]
    found = select_many(store, "nodes", "node", terms)
    rows = [{k: text(v) for k, v in row.items()} for row in found]
    classes: dict[str, set[str]] = {}
    for row in rows:
        if row["node"] and row["class"]:
            classes.setdefault(row["node"], set()).add(row["class"])
    events = candidates_from_rows(
        [r for r in rows if _SEM_EVENT in classes.get(r["node"] or "", ())],
        subject="node", type_var="class", known_types=EVENT_TYPES, fallback_type=EVENT_FALLBACK,
    )  # fmt: skip
    entities = candidates_from_rows(
        [r for r in rows if _ENTITY_CLASSES & classes.get(r["node"] or "", set())],
        subject="node", type_var="class", known_types=ENTITY_TYPES, fallback_type=ENTITY_FALLBACK,
    )  # fmt: skip
    return {c.iri: c for c in events}, {c.iri: c for c in entities}


def match(candidates: Sequence[Candidate], name: str, *, kind: str = "event") -> Candidate:
    """The candidate ``name`` refers to; pure, so the matching rules are unit-testable.

    Raises NotFoundError when nothing matches (suggesting the nearest labels) and when
    several candidates match equally well (listing them).
    """
    iri = expand(name)
    if iri is not None:
        for candidate in candidates:
            if candidate.iri == iri:
                return candidate
    query = normalize(name)
    if not query:
        raise NotFoundError(f"no {kind} name given")

    exact = [c for c in candidates if query in c.keys]
    if exact:
        return _one(exact, name, kind)
    padded = f" {query} "
    partial = [c for c in candidates if any(padded in f" {key} " for key in c.keys)]
    if partial:
        return _one(partial, name, kind)

    for other in _other_meeting_words(query):
        found = [c for c in candidates if any(f" {other} " in f" {key} " for key in c.keys)]
        if found:
            return _one(found, name, kind)

    bare, qualifier = _qualified(name)
    if qualifier:
        return _match_qualified(candidates, name, bare, qualifier, kind)
    if len(query) > MAX_FUZZY_CHARS:
        # No name in a graph is this long, and comparing it with every alias would take
        # seconds (a 100,000-character name took 21 s): it matches nothing, so say so.
        raise NotFoundError(
            f"no {kind} matches {quoted(name)}: names longer than {MAX_FUZZY_CHARS} "
            "characters are only matched exactly"
        )
    ranked = _ranked(query, candidates)
    first = next(ranked, None)
    if first is not None and first[0] >= FUZZY_RATIO:
        tied = [first[1], *(c for _, c in takewhile(lambda p: p[0] == first[0], ranked))]
        return _one(tied, name, kind)

    labels: list[str] = []
    for _, candidate in chain([first] if first else [], ranked):
        if candidate.label not in labels:
            labels.append(candidate.label)
        if len(labels) == SUGGESTIONS:
            break
    if not labels:
        raise NotFoundError(
            f"no {kind} matches {quoted(name)}; the graph has no {kind}s (kg build)"
        )
    raise NotFoundError(f"no {kind} matches {quoted(name)}; did you mean: {', '.join(labels)}?")


_QUALIFIER = re.compile(r"^(?P<bare>.*\S)\s*\((?P<qualifier>[^()]+)\)\s*$")
_YEAR = re.compile(r"\b\d{3,4}\b")


def _other_meeting_words(query: str) -> list[str]:
    """The query with its last word, a word for a meeting (``MEETING_WORDS``), replaced by
    each other one: asked for "the Camp David summit", the graph may know "the Camp David
    meetings" (as the text wrote it)."""
    words = query.split()
    if len(words) < 2 or words[-1] not in MEETING_WORDS:
        return []
    stem = " ".join(words[:-1])
    return [f"{stem} {w}" for w in MEETING_WORDS if w != words[-1]]


def _qualified(name: str) -> tuple[str, str]:
    """A name and its closing bracketed qualifier: "Battle of Khotyn (1673)" gives
    ("Battle of Khotyn", "1673"); ("name", "") when it has none."""
    found = _QUALIFIER.match(name)
    return (found["bare"], found["qualifier"]) if found else (name, "")


def _match_qualified(
    candidates: Sequence[Candidate], name: str, bare: str, qualifier: str, kind: str
) -> Candidate:
    """The candidate a bracket-qualified name refers to, matched by the name without its
    qualifier; a year in the qualifier keeps the candidates whose names state it, when
    any do ("Siege of Vienna (1529)" and "the 1529 Siege of Vienna")."""
    year = _YEAR.search(qualifier)
    dated = [c for c in candidates if year and any(year.group() in k.split() for k in c.keys)]
    try:
        return match(dated or candidates, bare, kind=kind)
    except NotFoundError as error:
        if dated:
            try:
                return match(candidates, bare, kind=kind)
            except NotFoundError:
                pass
        raise NotFoundError(str(error).replace(quoted(bare), quoted(name), 1)) from None


def _one(found: list[Candidate], name: str, kind: str) -> Candidate:
    if len(found) == 1:
        return found[0]
    labels = ", ".join(sorted({c.label for c in found}, key=str.casefold))
    raise NotFoundError(
        f"{quoted(name)} matches several {kind}s: {labels}; please be more specific"
    )


def _ranked(query: str, candidates: Sequence[Candidate]) -> Iterator[tuple[float, Candidate]]:
    """``(similarity, candidate)``, best first, ties in label and then list order; lazily,
    computing difflib's ratio only for candidates that can still come next.

    rapidfuzz's Indel similarity (2 x the longest common subsequence / total length) is
    never below difflib's ratio (2 x the matches difflib finds, which are a common
    subsequence too, / the same length), and is 20 to 50 times cheaper. So candidates are
    taken in order of that bound, and one is given out only when no candidate still
    unscored could reach its exact score: the order is exactly difflib's.
    """
    bounds = sorted(
        ((_bound(query, c), index, c) for index, c in enumerate(candidates)),
        key=lambda item: -item[0],
    )
    scored: list[tuple[float, str, int, Candidate]] = []  # a heap of exact scores
    position = 0
    while position < len(bounds) or scored:
        # Rounding may put a bound a hair under the exact score it bounds: hence the margin.
        ceiling = bounds[position][0] + 1e-9 if position < len(bounds) else -1.0
        if scored and -scored[0][0] > ceiling:
            score, _, _, candidate = heapq.heappop(scored)
            yield -score, candidate
        else:
            _, index, candidate = bounds[position]
            position += 1
            exact = _similarity(query, candidate)
            heapq.heappush(scored, (-exact, candidate.label.casefold(), index, candidate))


def _spans(query: str, candidate: Candidate) -> Iterator[str]:
    """Each alias, and each run of as many words in it as the query has ("kursck" is
    compared with the "kursk" inside "battle of kursk")."""
    size = len(query.split())
    for key in candidate.keys:
        words = key.split()
        yield from {key} | {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _similarity(query: str, candidate: Candidate) -> float:
    """The best difflib ratio of the query against the candidate's spans."""
    import difflib  # only a name that matches nothing exactly is compared (start-up time)

    best = 0.0
    for span in _spans(query, candidate):
        matcher = difflib.SequenceMatcher(None, query, span, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def _bound(query: str, candidate: Candidate) -> float:
    """An upper bound of :func:`_similarity`: the best rapidfuzz Indel similarity."""
    from rapidfuzz.distance import Indel  # 15 ms to import; exact names never need it

    best = 0.0
    for span in _spans(query, candidate):
        # The cutoff lets rapidfuzz give up early on a span that cannot beat best.
        best = max(best, Indel.normalized_similarity(query, span, score_cutoff=best))
    return best
