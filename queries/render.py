"""Human-readable text for the answers of queries/events.py (``--format text``).

The JSON form of an answer is for programs; this is for a person at a terminal: one
header line, then one line per participant or date, each backed by a shortened evidence
sentence and the file it comes from so that it can be checked.
"""

from __future__ import annotations

from queries.events import Claim, EntityRow, Evidence, WhenResult, WhoResult

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


def when_text(result: WhenResult) -> str:
    lines = [f"{result['label']} ({result['type']}, {span(result['start'], result['end'])})"]
    for kind in ("start", "end"):
        claims = [c for c in result["claims"] if c["kind"] == kind]
        chosen = [c for c in claims if c["chosen"]]
        if not chosen:
            lines.append(f"  {kind}: unknown")
            continue
        lines.append(f"  {kind + ':':<6} {chosen[0]['value']}  [{_sources(chosen[0])}]")
        lines += [
            f"         also stated: {c['value']}  [{_sources(c)}]"
            for c in claims
            if not c["chosen"]
        ]
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
