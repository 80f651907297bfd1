"""When each event happened: a learned score over every (event, date) pair of a document.

The sentence rules (extract/reading/event_dates.py) give each date to one event of its
own sentence: the event whose name it follows, the subject of its verb, else the
nearest. Much of what dates an event lies outside that sentence: the lead states the year
of the event the article is about in a sentence that names it by "the revolution"; the
infobox gives the date of the page's event; a war is dated only by the battle fought
"during" it. This module pairs every date mention (its year filled from context) with the
events around it (its sentence's, its paragraph's and frame's, the article's main event
for the lead and the infobox), describes each pair by a handful of signals (how the
sentence ties them, where the date stands, its precision, how many sentences give the
event that year, what the rules concluded, the event's type) and scores it with a
logistic regression trained on annotated articles (``python -m eval.train``).

The model's probability becomes the one confidence of the date facts it scores, so rules
and model combine into a single number; a pair the rules missed but the model trusts
gets a fact of its own, with the date's sentence as evidence.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from .dates import RULE_DATE_METHODS, DateValue, year_of
from .model import Fact
from .participation import ParticipationModel, event_groups

if TYPE_CHECKING:
    from .analysis import DateLink, DateRecord, DocumentAnalysis

MODEL_FILE = "dating.json"
# Pairs scored below this get no new fact: a date the resolved layer would otherwise
# report for an undated event, or a "sources differ" it would show, needs the model's
# trust, not a guess.
NEW_FACT_FLOOR = 0.5
_LEAD_SENTENCES = 3  # the lead: an article's first sentences of text
# Words that tie an event to a date of another event its sentence names: "fought during
# the X War on DATE" dates a part of the war.
_PART_WORDS = frozenset({"during", "of", "in", "within", "throughout"})

# One candidate: (event id standing for its group, index of the date in analysis.dates).
Pair = tuple[str, int]


def _precision(iso: str) -> str:
    return ("year", "month", "day")[iso.lstrip("-").count("-")]


def _log(n: float) -> float:
    return math.log1p(n)


def date_features(
    analysis: DocumentAnalysis, group: dict[str, str] | None = None
) -> dict[Pair, dict[str, Any]]:
    """Feature dicts for every candidate (event, date) pair of one document; the event is
    its group's (``extract.participation.event_groups``, computed unless given)."""
    records = analysis.dates
    if not records:
        return {}
    group = group if group is not None else event_groups(analysis)
    nodes = analysis.nodes
    sents = analysis.sentence_mentions

    def rep(e: str) -> str:
        return group.get(e, e)

    event_sents: dict[str, list[int]] = defaultdict(list)
    event_blocks: dict[str, set[int]] = defaultdict(set)
    block_events: dict[int, set[str]] = defaultdict(set)
    for s in sents:
        for e in dict.fromkeys(rep(e) for e in s.events):
            event_sents[e].append(s.index)
            event_blocks[e].add(s.block)
            block_events[s.block].add(e)
    events = sorted(event_sents, key=lambda e: (-len(event_sents[e]), e))
    if not events:
        return {}
    rank = {e: i for i, e in enumerate(events)}
    title = rep(analysis.title_event) if analysis.title_event else None
    main = title or events[0]
    text_sents = [s.index for s in sents if not s.heading]
    lead = set(text_sents[:_LEAD_SENTENCES])
    total = max(1, len(sents))

    rules, name_years = _rule_dates(analysis, group)
    ruled_value: dict[tuple[int, str], set[str]] = defaultdict(set)  # -> events given it
    for e, at, value in rules:
        ruled_value[(at, value)].add(e)

    candidates: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.infobox:
            # An infobox dates the page's event: the one the rule gave it to.
            near = {main} | {e for (e, at, _) in rules if at == r.evidence.start}
        else:
            frame = sents[r.sentence].frame if 0 <= r.sentence < len(sents) else None
            near = {rep(link.event) for link in r.links}
            near |= block_events.get(r.block, set())
            if frame:
                near.add(rep(frame))
            if r.sentence in lead or main in near:
                near.add(main)
        for e in sorted(near):
            if e in nodes and nodes[e].kind == "event":
                candidates[e].append(i)
    # How many dates of its candidates give the event each year.
    years_for: dict[str, Counter[int]] = {
        e: Counter(year_of(records[i].begin) for i in idx) for e, idx in candidates.items()
    }
    doc_years = Counter(year_of(r.begin) for r in records)

    out: dict[Pair, dict[str, Any]] = {}
    for e, idx in candidates.items():
        etype = nodes[e].type
        first = min(idx)
        for i in idx:
            r = records[i]
            year = year_of(r.begin)
            links = [lk for lk in r.links if rep(lk.event) == e]
            others = [lk for lk in r.links if rep(lk.event) != e]
            sentence = sents[r.sentence] if 0 <= r.sentence < len(sents) else None
            frame = rep(sentence.frame) if sentence and sentence.frame else None
            blocks = event_blocks.get(e, set())
            block_gap = min((abs(b - r.block) for b in blocks), default=6)
            rule = max(
                (rules.get((e, r.evidence.start, v), 0.0) for v in (r.begin, r.end) if v),
                default=0.0,
            )
            given_other = bool(ruled_value.get((r.evidence.start, r.begin), set()) - {e})
            feats: dict[str, Any] = {
                "etype": etype,
                f"etype_x_prec={etype}|{_precision(r.begin)}": 1.0,
                "prec": _precision(r.begin),
                "range": float(r.end is not None),
                "filled": float(r.filled),
                "infobox": float(r.infobox),
                "heading": float(r.heading),
                "lead": float(r.sentence in lead),
                "position": max(r.sentence, 0) / total,
                "is_main": float(e == main),
                "is_title": float(e == title),
                "main_x_lead": float(e == main and (r.sentence in lead or r.infobox)),
                "event_rank": min(rank.get(e, 5), 5) / 5,
                "event_count": _log(len(event_sents.get(e, []))),
                "frame": float(frame == e),
                "same_block": float(r.block in blocks),
                "block_gap": min(block_gap, 6) / 6,
                "same_sentence": float(bool(links)),
                "sentence_events": _log(len({rep(lk.event) for lk in r.links})),
                "first_date": float(i == first),
                "year_votes": _log(years_for[e][year] - 1),
                "year_share": years_for[e][year] / len(idx),
                "doc_year_share": doc_years[year] / len(records),
                "rule_conf": rule,
                "rule_other": float(given_other and not rule),
                f"cue={r.cue}": 1.0,
            }
            if r.verb:
                feats[f"verb={r.verb}"] = 1.0
            if name_years.get(e):
                feats["name_year"] = 1.0 if year in name_years[e] else -1.0
            if links:
                _link_features(feats, links, others)
            out[(e, i)] = feats
    return out


def _rule_dates(
    analysis: DocumentAnalysis, group: dict[str, str]
) -> tuple[dict[tuple[str, int, str], float], dict[str, set[int]]]:
    """The rules' date facts, (event, evidence start, value) -> confidence, and the years
    events' names state ("the 1979 X Treaty")."""
    rules: dict[tuple[str, int, str], float] = {}
    name_years: dict[str, set[int]] = defaultdict(set)
    for f in analysis.facts:
        if f.predicate not in {"begin", "end"}:
            continue
        subject = group.get(f.subject, f.subject)
        if f.method in RULE_DATE_METHODS:
            key = (subject, f.evidence.start, f.object)
            rules[key] = max(rules.get(key, 0.0), f.confidence)
        elif f.method == "name:year":
            name_years[subject].add(year_of(f.object))
    return rules, name_years


def _link_features(feats: dict[str, Any], links: list[DateLink], others: list[DateLink]) -> None:
    """How the sentence ties the date to the event (its nearest mention there), and to
    the sentence's other events."""
    best = min(links, key=lambda lk: (not lk.apposed, not lk.owner, lk.distance))
    feats.update(
        {
            "distance": min(best.distance, 20) / 20,
            "after": float(best.after),
            "apposed": float(any(lk.apposed for lk in links)),
            "owner": float(any(lk.owner for lk in links)),
            "anaphor": float(all(lk.anaphor for lk in links)),
            f"pred={best.predicate or 'none'}": 1.0,
            "nearest": float(all(best.distance <= o.distance for o in others)),
            "other_owner": float(any(o.owner or o.apposed for o in others)),
        }
    )
    if best.before:
        feats[f"before={best.before}"] = 1.0
    part = best.before in _PART_WORDS and any(o.owner or o.apposed for o in others)
    feats["part"] = float(part)


class DatingModel(ParticipationModel):
    """The same kind of fitted pipeline as the participation model, kept as JSON."""


@cache
def shipped_model() -> DatingModel | None:
    """The date model trained by ``python -m eval.train``, or None if the package has none."""
    path = files("extract") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return DatingModel(json.loads(path.read_text(encoding="utf-8")))


def combined(rule: float, model: float) -> float:
    """One confidence from a date rule's and the model's: the model's probability, which
    already weighs the rule's decision among its signals."""
    del rule
    return round(model, 2)


def _year_iso(year: int) -> str:
    return DateValue(year).iso()


def _new_facts(
    event: str, record: DateRecord, p: float, group: dict[str, str], *, part: bool
) -> list[Fact]:
    """The facts a trusted pair no rule found gives: its begin (or end, where the
    sentence reads it so), and the end of a range. A part's date ("the battle was fought
    during the X War on DATE") says only the year the whole was going on in."""
    if part:
        value = _year_iso(year_of(record.begin))
        return [Fact(event, "begin", value, record.evidence, round(p, 2), "model:date")]
    links = [lk for lk in record.links if group.get(lk.event, lk.event) == event]
    ends = record.end is None and any(lk.predicate == "end" for lk in links)
    predicate = "end" if ends else "begin"
    facts = [Fact(event, predicate, record.begin, record.evidence, round(p, 2), "model:date")]
    if record.end is not None:
        facts.append(Fact(event, "end", record.end, record.evidence, round(p, 2), "model:date"))
    return facts


def rescore(analysis: DocumentAnalysis, model: DatingModel | None = None) -> None:
    """Give every date fact of a sentence or infobox the model's confidence, and add date
    facts for pairs the model trusts that no rule found. Without a model, nothing
    changes."""
    model = model or shipped_model()
    if model is None:
        return
    group = event_groups(analysis)
    candidates = date_features(analysis, group)
    if not candidates:
        return
    pairs = sorted(candidates)
    scores = dict(zip(pairs, model.predict([candidates[p] for p in pairs]), strict=True))
    by_sentence: dict[tuple[str, int, str], float] = {}
    for (event, i), p in scores.items():
        r = analysis.dates[i]
        for value in (r.begin, r.end):
            if value is not None:
                key = (event, r.evidence.start, value)
                by_sentence[key] = max(by_sentence.get(key, 0.0), p)
    facts: list[Fact] = []
    ruled: set[tuple[str, int, str]] = set()
    for f in analysis.facts:
        key = (group.get(f.subject, f.subject), f.evidence.start, f.object)
        if f.method in RULE_DATE_METHODS and key in by_sentence:
            ruled.add(key)
            f = Fact(f.subject, f.predicate, f.object, f.evidence,
                     combined(f.confidence, by_sentence[key]), f"{f.method}+model")  # fmt: skip
        facts.append(f)
    _, name_years = _rule_dates(analysis, group)
    for (event, i), p in sorted(scores.items()):
        r = analysis.dates[i]
        if p < NEW_FACT_FLOOR or (event, r.evidence.start, r.begin) in ruled:
            continue
        feats = candidates[(event, i)]
        if not (feats["same_sentence"] or feats["is_main"] or feats["frame"]):
            # A date the text ties to no event (not its sentence's, not its paragraph's
            # or section's topic, not the article's) is left to the rules.
            continue
        part = bool(feats.get("part"))
        if feats["rule_other"] and not part:
            continue  # the rules gave it to another event of its sentence
        if name_years.get(event) and year_of(r.begin) not in name_years[event]:
            continue  # "the 1979 X Treaty" is not dated 1978, whatever the model says
        ruled.add((event, r.evidence.start, r.begin))
        facts += _new_facts(event, r, p, group, part=part)
    analysis.facts = facts
