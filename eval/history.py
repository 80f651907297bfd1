"""The project's annotated history corpus (tests/data/history/) and its one fixed split.

The corpus joins the shared 40 articles (gold_AB.json) with the project's own (gold_C.json
to gold_X.json; sources and licences in SOURCES*.md). It is split once, by a rule that
needs no list and cannot be nudged: an article is **held out** when the first byte of
the SHA-256 of its file name is divisible by 3 (about a third). Development looks at,
and trains on, the dev part only; the held-out part is only ever scored, to report.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from extract.errors import InputError

Part = Literal["dev", "held-out", "all"]
PARTS: tuple[str, ...] = ("dev", "held-out", "all")
HISTORY = Path(__file__).resolve().parent.parent / "tests" / "data" / "history"


def is_held_out(file_name: str) -> bool:
    return hashlib.sha256(file_name.encode("utf-8")).digest()[0] % 3 == 0


def in_part(file_name: str, part: Part) -> bool:
    return part == "all" or is_held_out(file_name) == (part == "held-out")


def load_gold(root: Path = HISTORY) -> dict[str, Any]:
    """Every gold_*.json of the corpus merged, in file order.

    An entity two files share (the same state in two parts) keeps the union of its
    names, except a name an earlier file already gives to another entity ("English" is
    England's in the medieval articles): one name must identify one entity for scoring.
    Two files annotating an event of the same name (a battle mentioned in one article and
    the subject of another) describe one event of the corpus: participants are joined,
    and a date one file gives more precisely than the other (and consistently) is kept.
    """
    if not any(root.glob("gold_*.json")):
        raise InputError(
            f"the annotated history corpus is not at {root}: it ships with a clone of the "
            "project (tests/data/history/), not with the installed package"
        )
    merged: dict[str, Any] = {"about": [], "entities": {}, "events": {}, "not_people": []}
    owner: dict[str, str] = {}
    by_ask: dict[str, str] = {}
    for path in sorted(root.glob("gold_*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        merged["about"].append(gold.get("about", ""))
        for gid, entity in gold["entities"].items():
            known = merged["entities"].setdefault(gid, {"type": entity["type"], "names": []})
            for name in entity["names"]:
                key = name.casefold()
                if owner.setdefault(key, gid) == gid and name not in known["names"]:
                    known["names"].append(name)
        for eid, event in gold["events"].items():
            first = by_ask.setdefault(event["ask"].casefold(), eid)
            if first == eid:
                merged["events"][eid] = dict(event)
                continue
            into = merged["events"][first]
            for key in ("names", "required", "acceptable"):
                into[key] = list(dict.fromkeys([*into.get(key, []), *event.get(key, [])]))
            for key in ("start", "end"):
                # One file's "1700-11" and another's "1700-11-30": the finer date, which
                # the coarser one agrees with.
                mine, theirs = str(into.get(key, "")), str(event.get(key, ""))
                if mine and theirs.startswith(mine) and len(theirs) > len(mine):
                    into[key] = theirs
            into["acceptable"] = [a for a in into["acceptable"] if a not in into["required"]]
        merged["not_people"] += gold.get("not_people", [])
    merged["about"] = " ".join(a for a in merged["about"] if a)
    return merged


def gold_part(gold: dict[str, Any], part: Part) -> dict[str, Any]:
    """The gold restricted to the events of one part's articles."""
    events = {k: e for k, e in gold["events"].items() if in_part(e["text"], part)}
    return {**gold, "events": events}


def texts(part: Part, root: Path = HISTORY) -> list[Path]:
    return sorted(p for p in (root / "texts").glob("*.txt") if in_part(p.name, part))
