"""Read wiki markup as the text it displays, and odd spaces as spaces, without moving
a character.

Articles copied from a wiki's edit view keep their markup: "[[Satsuma Domain|Satsuma]]'s
forces", "''shōgun''", "{{Citation needed|date=August 2017}}", "<ref>Nicolle 2000</ref>",
"&ndash;". Read as they are, "[[Battle" is one token and the names inside links are lost
to NER. :func:`mask_markup` blanks the markup with spaces and keeps what a reader of the
page sees (a link's label, a bold name) at the very offsets it has in the file, so every
offset found in the masked text still indexes the original, and evidence quotes it.

Only a block with a wiki link, a template or a reference tag is masked: "''" and "&amp;"
alone occur in plain text too, and mean nothing there. Every block has its other spaces
(no-break, thin, figure spaces) read as " ": spaCy makes each a token, which cut "World
War\u00a0I" to "World War". :func:`parse_text` does both; extract/stream.py parses it.
"""

from __future__ import annotations

import html
import re

_MARKERS = ("[[", "{{", "<ref")

_REF = re.compile(r"<ref\b[^>]*/>|<ref\b[^>]*>.*?</ref\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# The innermost template: no braces inside. Templates are dropped whole, except the
# apostrophe template "{{'}}" (the possessive after a link or an italic name).
_TEMPLATE = re.compile(r"\{\{([^{}]*)\}\}")
# The innermost link: no brackets inside. A file, image or category link is dropped
# whole; any other keeps its label (after the last "|"), or its target.
_LINK = re.compile(r"\[\[([^\[\]]*)\]\]")
_DROPPED_LINKS = re.compile(r"\s*(file|image|category|media)\s*:", re.IGNORECASE)
_QUOTES = re.compile(r"'{2,5}")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);")


def _blank(text: str) -> str:
    """Spaces for every character but line breaks, which keep lines where they are."""
    return re.sub(r"[^\n]", " ", text)


def _template(match: re.Match[str]) -> str:
    if match.group(1) == "'":  # last, next to the "s" it goes with: "Royal's"
        return " " * (len(match.group(0)) - 1) + "'"
    return _blank(match.group(0))


def _link(match: re.Match[str]) -> str:
    inner = match.group(1)
    if _DROPPED_LINKS.match(inner):
        return _blank(match.group(0))
    cut = inner.rfind("|") + 1  # the label starts after the last "|"; 0 if none
    return " " * (2 + cut) + inner[cut:] + "  "


def _entity(match: re.Match[str]) -> str:
    char = html.unescape(match.group(0))
    if len(char) != 1:
        return match.group(0)  # not an entity html knows: leave it as written
    return (" " if char == "\xa0" else char) + " " * (len(match.group(0)) - 1)


# Spaces other than " " that copied pages put inside names and dates ("World War\u00a0I",
# "13\u00a0June 1948"): spaCy makes each a token of its own, which ends the name.
_OTHER_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u202f\u2002\u2003", " "))


def parse_text(text: str) -> str:
    """What spaCy reads for a block: ``text`` with other spaces as " " and wiki markup
    blanked (:func:`mask_markup`); same length, so offsets stay the file's."""
    return mask_markup(text.translate(_OTHER_SPACES))


def mask_markup(text: str) -> str:
    """``text`` with wiki markup blanked (see module docstring); same length, same lines."""
    if not any(marker in text for marker in _MARKERS):
        return text
    text = _REF.sub(lambda m: _blank(m.group(0)), text)
    text = _TAG.sub(lambda m: _blank(m.group(0)), text)
    text = _QUOTES.sub(lambda m: " " * len(m.group(0)), text)  # before "{{'}}" is read
    while True:  # nested templates, innermost first
        text, n = _TEMPLATE.subn(_template, text)
        if not n:
            break
    while True:  # links in a file link's caption, innermost first
        text, n = _LINK.subn(_link, text)
        if not n:
            break
    return _ENTITY.sub(_entity, text)
