"""Participants an article gives one event through another: an agreement's parties took
part in the meeting it was made at (and, when the two are named by one place, the
meeting's parties in the agreement); a battle's sides fought in the war it was part of.

Articles state the two halves apart. "The agreement was signed by Germany, France, ..."
and, elsewhere, "The agreement was negotiated at a conference held in Munich"; a battle's
box lists its belligerents, and its "Part of the Franco-Prussian War" line or its first
sentence ("was the last major battle of the Anglo-Zulu War") names the war. Each
sentence's links are noted while the document is read (``record_links``); once it is
read, ``carry_participants`` carries the participants a rule found (not a co-occurrence,
not a frame) with the sentence that links the two events as evidence. Only states,
bodies and units go from a battle to its war: a battle's commanders are not, by that,
the war's leaders.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..analysis import LocalNode
from ..dates import RULE_DATE_METHODS, DateValue, year_of
from ..mentions import Mention
from ..model import Evidence, Fact
from ..participation import default_role, event_groups
from ..relations import (
    AGREEING_TYPES,
    find_made_at,
    find_part_of,
    on_part_of_line,
    place_from_event_name,
)
from ..vocabulary import ROLES
from .context import PAGE_EVENT, DocumentContext

# A participant carried from one event to another is as sure as the rule that found it,
# up to a cap: the link between the events is a second inference. A battle's side carried
# to its war stays below the rules' floor (extract.participation.STRONG_RULE), so the
# participation model decides; a treaty's party at its conference is stated more plainly.
MADE_AT_CONFIDENCE = 0.75
PART_OF_CONFIDENCE = 0.6
_SIDES = frozenset({"Country", "Organization", "MilitaryUnit"})


def record_links(
    dc: DocumentContext, sent: Span, evidence: Evidence, event_refs: list[tuple[Mention, str]]
) -> None:
    """Note the sentence's links between events: agreements made at meetings, events part
    of wider ones (said in prose, or on the infobox's "Part of" line about the page's
    event)."""
    nodes = dc.analysis.nodes
    ids = {m: eid for m, eid in event_refs}
    agreements = [m for m, eid in event_refs if nodes[eid].type in AGREEING_TYPES]
    meetings = [m for m, eid in event_refs if nodes[eid].type == "Conference"]
    for agreement, meeting in find_made_at(sent, agreements, meetings):
        dc.made_at.append((ids[agreement], ids[meeting], evidence))
    events = [m for m, _ in event_refs]
    for part, whole in find_part_of(sent, events):
        dc.part_of.append((ids[part], ids[whole], evidence))
    for m in events:
        if on_part_of_line(sent.doc, m):
            dc.part_of.append((PAGE_EVENT, ids[m], evidence))


def carry_participants(
    dc: DocumentContext, main: str | None, same_place: list[tuple[str, str]]
) -> None:
    """Carry participants along the links ``record_links`` noted, and between an agreement
    and a meeting named by the same place (``same_place``, from
    ``same_place_meetings``; see module docstring). A link known only from
    the names has no sentence of its own: the carried fact keeps the sentence of the
    fact it carries."""
    # (from, to, evidence, cap, method, actor types carried: None for all)
    links: list[tuple[str, str, Evidence | None, float, str, frozenset[str] | None]] = [
        (a, b, e, MADE_AT_CONFIDENCE, "inferred:madeAt", None) for a, b, e in dc.made_at
    ]
    for agreement, meeting in same_place:
        links.append((agreement, meeting, None, MADE_AT_CONFIDENCE, "inferred:madeAt", None))
        links.append((meeting, agreement, None, MADE_AT_CONFIDENCE, "inferred:madeAt", None))
    for part, whole, e in dc.part_of:
        source = main if part == PAGE_EVENT else part
        if source is not None:
            links.append((source, whole, e, PART_OF_CONFIDENCE, "inferred:partOf", _SIDES))
    if not links:
        return
    nodes = dc.analysis.nodes
    group = event_groups(dc.analysis)
    best: dict[tuple[str, str, str], tuple[float, Evidence]] = {}
    for source, target, evidence, cap, method, types in links:
        if group.get(source, source) == group.get(target, target):
            continue
        for f in dc.analysis.facts:
            if (
                f.predicate in ROLES
                and group.get(f.subject, f.subject) == group.get(source, source)
                and not f.method.startswith(("cooccurrence", "context:", "inferred:"))
                and (types is None or nodes[f.object].type in types)
            ):
                key = (target, f.object, method)
                confidence = min(f.confidence, cap)
                if confidence > best.get(key, (0.0, None))[0]:
                    best[key] = (confidence, evidence or f.evidence)
    for (target, actor, method), (confidence, evidence) in best.items():
        role = default_role(nodes[actor].type, nodes[target].type)
        dc.fact(target, role, actor, evidence, confidence, method)


def same_place_meetings(nodes: dict[str, LocalNode]) -> list[tuple[str, str]]:
    """(agreement, meeting) for an agreement named by the place of a meeting of the same
    article: "the Munich Agreement" and "the Munich Conference" (B20), "the Locarno
    Treaties" and "the Locarno Conference" (M03), "the Treaty of Paris" and "the Congress
    of Paris" (M01), "the Camp David Accords" and "the Camp David meetings" (D11). The
    agreement was made there: the meeting's parties are the agreement's, and the other way
    round."""
    meetings = [
        (k, place)
        for k, n in nodes.items()
        if n.kind == "event" and n.type == "Conference"
        and (place := place_from_event_name(n.name, n.type))
    ]  # fmt: skip
    found = []
    for k, n in nodes.items():
        if n.kind != "event" or n.type not in AGREEING_TYPES:
            continue
        own = place_from_event_name(n.name, n.type)
        words = n.name.split()
        for meeting, place in meetings:
            # "the Munich Agreement": a place and the cue alone (place_from_event_name
            # does not read a treaty's place before its cue: "the Rhine Pact").
            if own == place or words == [*place.split(), words[-1]]:
                found.append((k, meeting))
    return found


# A meeting's year from the agreement made at it, or the other way round: the two end
# together, though a meeting may open weeks before the signing (so only the year).
MADE_AT_DATE_CONFIDENCE = 0.6


def carry_year(dc: DocumentContext, same_place: list[tuple[str, str]]) -> None:
    """Date an undated agreement or meeting by the year of the other, when the text says
    the agreement was made at the meeting or the two are named by one place ("the
    Munich Conference" and "the Munich Agreement", signed on 30 September 1938)."""
    pairs = [(a, b) for a, b, _ in dc.made_at] + same_place
    dated: dict[str, list[Fact]] = {}
    for f in dc.analysis.facts:
        if f.predicate == "begin" and f.method in RULE_DATE_METHODS:
            dated.setdefault(f.subject, []).append(f)
    for agreement, meeting in pairs:
        for source, target in ((agreement, meeting), (meeting, agreement)):
            if target in dated or source not in dated:
                continue
            best = max(dated[source], key=lambda f: f.confidence)
            value = DateValue(year_of(best.object)).iso()
            dc.fact(target, "begin", value, best.evidence, MADE_AT_DATE_CONFIDENCE,
                    "inferred:madeAt")  # fmt: skip
