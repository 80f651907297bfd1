"""Human-readable text for the answers of queries/events.py (``--format text``).

The JSON form of an answer is for programs; this is for a person at a terminal: one
header line, then one line per participant or date, each backed by a shortened evidence
sentence and the file it comes from so that it can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from extract import vocabulary
from queries.events import Claim, EntityRow, Evidence, WhenResult, WhoResult

if TYPE_CHECKING:  # answer types only: rendering must not import networkx and friends
    from queries.describe import DescribeResult, LinkedNode, QuantityView
    from queries.facts import CorrectionView, NodeRef
    from queries.network import PathResult, RelatedNode, RelatedResult
    from queries.sources import Conflict, SourcesResult
    from queries.stats import StatsResult
    from queries.timeline import TimelineResult

SENTENCE_WIDTH = 80  # characters of an evidence sentence shown before "…"
EVIDENCE_LINES = 2  # evidence sentences shown per participant


def shorten_sentence(sentence: str, width: int = SENTENCE_WIDTH) -> str:
    """The sentence on one line, cut at a word boundary to at most ``width`` characters."""
    flat = " ".join(sentence.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def span(start: str | None, end: str | None) -> str:
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "date unknown"


def evidence_line(item: Evidence) -> str:
    source = item["source"] or "unknown source"
    sentence = f'"{shorten_sentence(item["sentence"])}"' if item["sentence"] else "(no sentence)"
    confidence = f" ({item['confidence']:g})" if item["confidence"] is not None else ""
    return f"{source}: {sentence}{confidence}"


def who_text(result: WhoResult) -> str:
    event = result["event"]
    lines = [f"{event['label']} ({event['type']}, {span(event['start'], event['end'])})"]
    if not result["participants"]:
        lines.append("  no participants found")
    for participant in result["participants"]:
        roles = ", ".join(participant["roles"])
        lines.append(f"  {participant['label']} ({participant['type']}): {roles}")
        evidence = participant["evidence"]
        lines += [f"      {evidence_line(item)}" for item in evidence[:EVIDENCE_LINES]]
        if len(evidence) > EVIDENCE_LINES:
            more = len(evidence) - EVIDENCE_LINES
            lines.append(f"      … and {more} more {'sentence' if more == 1 else 'sentences'}")
    return "\n".join(lines)


def _sources(claim: Claim) -> str:
    stated = ", ".join(claim["sources"]) or "no source"
    agreeing = [s for s in claim["support"] if s not in claim["sources"]]
    return stated + (f"; consistent with {', '.join(agreeing)}" if agreeing else "")


def _claim_lines(claims: Sequence[Claim]) -> list[str]:
    """The chosen start and end with their sources, then every other value stated."""
    lines = []
    for kind in ("start", "end"):
        of_kind = [c for c in claims if c["kind"] == kind]
        chosen = [c for c in of_kind if c["chosen"]]
        if not chosen:
            lines.append(f"  {kind}: unknown")
            continue
        lines.append(f"  {kind + ':':<6} {chosen[0]['value']}  [{_sources(chosen[0])}]")
        lines += [
            f"         also stated: {c['value']}  [{_sources(c)}]"
            for c in of_kind
            if not c["chosen"]
        ]
    return lines


def when_text(result: WhenResult) -> str:
    lines = [f"{result['label']} ({result['type']}, {span(result['start'], result['end'])})"]
    lines += _claim_lines(result["claims"])
    if result["evidence"]:
        lines.append("  evidence:")
        lines += [
            f"    {item['kind']} {item['value']}: {evidence_line(item)}"
            for item in result["evidence"]
        ]
    return "\n".join(lines)


def entities_text(rows: list[EntityRow]) -> str:
    if not rows:
        return "no entities found"
    label_width = max(len(row["label"]) for row in rows)
    type_width = max(len(row["type"]) for row in rows)
    lines = []
    for row in rows:
        aliases = f"  (also: {'; '.join(row['aliases'])})" if row["aliases"] else ""
        lines.append(
            f"{row['label']:<{label_width}}  {row['type']:<{type_width}}{aliases}".rstrip()
        )
    return "\n".join(lines)


def build_summary(counts: dict[str, int], quads: int, store: object) -> str:
    """One line a person reads after ``kg build``."""
    skipped = f", {counts['skipped']} skipped" if counts.get("skipped") else ""
    return (
        f"Built {store}: {counts['documents']} documents{skipped}, {counts['entities']} entities, "
        f"{counts['events']} events, {counts['facts']} facts ({quads} quads)."
    )


# ---------------------------------------------------------------------------------------
# timeline, describe, path, related, sources, stats (queries/timeline.py ... stats.py)
# ---------------------------------------------------------------------------------------

PARTICIPANTS_SHOWN = 3  # participants named per timeline line
SHARED_SHOWN = 4  # shared events named per related node

# How a fact reads: "<subject> <phrase> <object>", by the predicate's short name.
FACT_PHRASES: dict[str, str] = {p.answer: p.phrase for p in vocabulary.PREDICATES}


def fact_phrase(subject: str, predicate: str, obj: str) -> str:
    return f"{subject} {FACT_PHRASES.get(predicate, predicate)} {obj}"


def _node(node: NodeRef) -> str:
    return f"{node['label']} ({node['type']})"


def _names(labels: list[str], shown: int) -> str:
    if len(labels) <= shown:
        return ", ".join(labels)
    return f"{', '.join(labels[:shown])} and {len(labels) - shown} more"


def _evidence_lines(items: Sequence[Evidence], indent: str, *, source: bool = True) -> list[str]:
    """Up to EVIDENCE_LINES sentences, then how many more there are."""
    lines = []
    for item in items[:EVIDENCE_LINES]:
        if source:
            lines.append(f"{indent}{evidence_line(item)}")
        else:
            sentence = (
                f'"{shorten_sentence(item["sentence"])}"' if item["sentence"] else "(no sentence)"
            )
            confidence = f" ({item['confidence']:g})" if item["confidence"] is not None else ""
            lines.append(f"{indent}{sentence}{confidence}")
    if len(items) > EVIDENCE_LINES:
        more = len(items) - EVIDENCE_LINES
        lines.append(f"{indent}… and {more} more {'sentence' if more == 1 else 'sentences'}")
    return lines


def _dates(start: str | None, end: str | None) -> str:
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return start
    if end:
        return f"– {end}"
    return "undated"


def timeline_text(result: TimelineResult) -> str:
    events = result["events"]
    if not events:
        scope = [f"of type {result['type']}"] if result["type"] else []
        if result["from_year"] is not None:
            scope.append(f"from {result['from_year']}")
        if result["to_year"] is not None:
            scope.append(f"to {result['to_year']}")
        return " ".join(["no events", *scope]).strip()
    dates = [_dates(e["start"], e["end"]) for e in events]
    width = max(len(d) for d in dates)
    lines = []
    for date, event in zip(dates, events, strict=True):
        line = f"{date:<{width}}  {event['label']} ({event['type']})"
        names = [p["label"] for p in event["participants"]]
        if names:
            line += f": {_names(names, PARTICIPANTS_SHOWN)}"
        lines.append(line)
    return "\n".join(lines)


def _linked_lines(items: Sequence[LinkedNode], title: str, *, dated: bool) -> list[str]:
    if not items:
        return []
    lines = [f"  {title}:"]
    for item in items:
        when = f", {span(item['start'], item['end'])}" if dated else ""
        lines.append(f"    {item['label']} ({item['type']}{when}): {', '.join(item['roles'])}")
        lines += _evidence_lines(item["evidence"], "        ")
    return lines


def describe_text(result: DescribeResult) -> str:
    is_event = result["kind"] == "event"
    header = f"{result['label']} ({result['type']}"
    header += f", {span(result['start'], result['end'])})" if is_event else ")"
    lines = [header]
    if result["aliases"]:
        lines.append(f"  also known as: {'; '.join(result['aliases'])}")
    if is_event:
        lines += _claim_lines(result["dates"])
    lines += _linked_lines(result["participants"], "participants", dated=False)
    lines += _linked_lines(result["places"], "places", dated=False)
    lines += _linked_lines(result["events"], "events", dated=True)
    if result["statements"]:
        lines.append("  statements:")
        for statement in result["statements"]:
            subject, obj = statement["subject"]["label"], statement["object"]["label"]
            lines.append(f"    {fact_phrase(subject, statement['predicate'], obj)}")
            lines += _evidence_lines(statement["evidence"], "        ")
    if result["quantities"]:
        lines.append("  quantities:")
        for quantity in result["quantities"]:
            lines.append(f"    {quantity_phrase(quantity, with_event=not is_event)}")
            lines += _evidence_lines(quantity["evidence"], "        ")
    if result["related"]:
        lines.append("  related:")
        lines += [f"    {_related_short(item, result)}" for item in result["related"]]
    lines += correction_lines(result["corrections"])
    return "\n".join(lines)


def correction_lines(corrections: Sequence[CorrectionView]) -> list[str]:
    """``corrections:`` and one line per correction: what, who, when, why."""
    if not corrections:
        return []
    lines = ["  corrections (applied by every build):"]
    for c in corrections:
        subject = c["subject"]["label"] if c["subject"] else "?"
        other = c["object"]["label"] if c["object"] else c["value"] or "?"
        if c["action"] == "wrong":
            what = f"wrong: {fact_phrase(subject, c['predicate'] or '?', other)}"
        elif c["action"] == "same":
            what = f"same: {other} is {subject}"
        elif c["action"] == "type":
            what = f"type: {subject} is a {other}"
        else:
            what = f"date: {subject} {c['predicate'] or '?'} {other}"
        said = ", ".join(x for x in (c["by"], (c["at"] or "")[:10]) if x)
        lines.append(f"    {what}" + (f" (by {said})" if said else ""))
        if c["why"]:
            lines.append(f"        why: {c['why']}")
    return lines


def quantity_phrase(
    quantity: QuantityView, *, with_event: bool = True, with_source: bool = True
) -> str:
    """``dead (Japan) at EVENT: about 18500 Japanese dead  [002_x.txt]``."""
    measure = quantity["measure"] or "quantity"
    about = f" ({quantity['about']['label']})" if quantity["about"] else ""
    where = f" at {quantity['event']['label']}" if with_event else ""
    value = ("about " if quantity["approximate"] else "") + quantity["value_text"]
    unit = f" {quantity['unit']}" if quantity["unit"] and quantity["unit"] != measure else ""
    source = f"  [{quantity['source']}]" if with_source else ""
    return f"{measure}{about}{where}: {value}{unit}{source}"


def _related_short(item: RelatedNode, node: NodeRef) -> str:
    what = "event" if item["kind"] == "entity" else "participant"
    names = [shared["label"] for shared in item["shared"]]
    parts = [f"{_plural(len(names), 'shared ' + what)}: {_names(names, SHARED_SHOWN)}"]
    parts = parts if names else []
    parts += _link_phrases(item, node)
    return f"{_node(item)}: {'; '.join(parts)}"


def _link_phrases(item: RelatedNode, node: NodeRef) -> list[str]:
    """The direct links between ``node`` and a related node, each the way it was stated."""
    phrases = []
    for link in item["links"]:
        a, b = (node, item) if link["direction"] == "out" else (item, node)
        phrases.append(fact_phrase(a["label"], link["predicate"], b["label"]))
    return phrases


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _tally(count: int, noun: str, width: int = 5) -> str:
    """``   29 facts`` / ``    1 fact `` : numbers and nouns line up in columns."""
    word = noun if count == 1 else noun + "s"
    return f"{count:>{width}} {word:<{len(noun) + 1}}"


def path_text(result: PathResult) -> str:
    hops = result["hops"]
    header = f"{_node(result['source'])} → {_node(result['target'])}"
    lines = [f"{header}: {_plural(len(hops), 'hop')}"]
    if hops:
        lines.append("  " + " — ".join(node["label"] for node in result["nodes"]))
    for number, hop in enumerate(hops, start=1):
        for i, fact in enumerate(hop["facts"]):
            label = f"{number}." if i == 0 else ""
            phrase = fact_phrase(
                fact["subject"]["label"], fact["predicate"], fact["object"]["label"]
            )
            confidence = f" ({fact['confidence']:g})" if fact["confidence"] is not None else ""
            lines.append(f"  {label:<3} {phrase}{confidence}")
            lines += _evidence_lines(fact["evidence"], "        ")
    return "\n".join(lines)


def related_text(result: RelatedResult) -> str:
    node = result["node"]
    through = "shared events" if node["kind"] == "entity" else "shared participants"
    lines = [f"{_node(node)}: related by {through}"]
    if not result["related"]:
        lines.append("  nothing related found")
    for item in result["related"]:
        lines.append(
            f"  {_node(item)}  score {item['score']:.2f}, centrality {item['centrality']:.2f}"
        )
        if item["shared"]:
            names = [shared["label"] for shared in item["shared"]]
            lines.append(f"      {len(names)} shared: {_names(names, SHARED_SHOWN)}")
        lines += [f"      {phrase}" for phrase in _link_phrases(item, node)]
    return "\n".join(lines)


def conflict_line(conflict: Conflict) -> str:
    """``conflict: end date — 1946-04-05 (a.txt) vs 1946-04-13 (b.txt)``."""
    if conflict["kind"] in ("start", "end"):
        what = f"{conflict['kind']} date"
    else:
        what = conflict["measure"] or "quantity"
        if conflict["about"]:
            what += f" ({conflict['about']['label']})"
        what += f" at {conflict['event']['label']}"
    claims = [
        f"{'about ' if c['approximate'] else ''}{c['value']} ({', '.join(c['sources'])})"
        for c in conflict["claims"]
    ]
    return f"conflict: {what} — {' vs '.join(claims)}"


def sources_text(result: SourcesResult) -> str:
    node, documents = result["node"], result["documents"]
    lines = [f"{_node(node)}: {_plural(len(documents), 'document')}"]
    for document in documents:
        facts = len(document["facts"]) + len(document["quantities"])
        lines.append(f"  {document['source']} ({_plural(facts, 'fact')})")
        for fact in document["facts"]:
            other = fact["object"]["label"] if fact["object"] else fact["value"] or ""
            lines.append(f"    {fact_phrase(fact['subject']['label'], fact['predicate'], other)}")
            lines += _evidence_lines(fact["evidence"], "        ", source=False)
        for quantity in document["quantities"]:
            lines.append(f"    {quantity_phrase(quantity, with_source=False)}")
            lines += _evidence_lines(quantity["evidence"], "        ", source=False)
    if not result["conflicts"]:
        lines.append("  no conflicts: the documents agree on dates and numbers")
    for conflict in result["conflicts"]:
        lines.append(f"  {conflict_line(conflict)}")
        for claim in conflict["claims"]:
            lines += [
                f"      {claim['value']}: {evidence_line(item)}" for item in claim["evidence"][:1]
            ]
    lines += correction_lines(result["corrections"])
    return "\n".join(lines)


def _counts(by_type: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in by_type.items())


def stats_text(result: StatsResult) -> str:
    events, entities, facts = result["events"], result["entities"], result["facts"]
    lines = [
        f"Events: {events['total']}"
        + (f" ({_counts(events['by_type'])})" if events["total"] else ""),
        f"Entities: {entities['total']}"
        + (f" ({_counts(entities['by_type'])})" if entities["total"] else ""),
        f"Facts: {facts['total']} distinct, stated {facts['statements']} times",
    ]
    lines += [
        f"  {kind:<14}{_tally(counts['facts'], 'fact')} "
        f"{_tally(counts['statements'], 'statement')}".rstrip()
        for kind, counts in facts["by_kind"].items()
    ]
    documents = result["documents"]
    lines.append(f"Documents: {len(documents)}")
    width = max((len(d["source"]) for d in documents), default=0)
    lines += [
        f"  {d['source']:<{width}}{_tally(d['facts'], 'fact')} "
        f"{_tally(d['statements'], 'statement')} {_tally(d['sentences'], 'sentence')}".rstrip()
        for d in documents
    ]
    if result["most_connected"]:
        lines.append("Most connected entities:")
        width = max(len(_node(n)) for n in result["most_connected"])
        lines += [
            f"  {_node(n):<{width}}{_tally(n['neighbours'], 'link', 4)} "
            f"{_tally(n['events'], 'event', 4)}".rstrip()
            for n in result["most_connected"]
        ]
    return "\n".join(lines)
