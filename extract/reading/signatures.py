"""A treaty's signatures: the names under the clause that says its plenipotentiaries
signed it.

A treaty's text, as archives and Wikisource keep it, ends the same way in every era: a
clause attesting the signing ("In faith whereof, the Delegates Plenipotentiary have signed
the present General Act and have affixed their seals thereto"), the place and day ("Done
at Algeciras this seventh day of April ..."), then the signatures, one a line, each with
its seal ("Radowitz[seal]", "LAMBERT TREE [L. S.]", "(L. S.) R. Le Maistre"), grouped
under the party they sign for ("For Germany:"). Those names are the treaty's signatories,
and the parties theirs. NER reads such lines poorly (a name alone on a line, a seal mark
glued to it), so the block is read by its layout: the clause starts it, and each short
line after it is a party or a name.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .. import gazetteer
from ..clean import DONE_AT, WHEREOF
from ..dates import written_date
from ..lexicon import EVENT_CUES, NAME_PARTICLES
from ..mentions import span_mention
from ..model import Evidence
from ..names import strip_titles, tidy
from .context import DocumentContext

# What the clause says was signed: "the present General Act", "this Treaty", "the said
# Convention". The instrument's words must end in a treaty's cue ("Act", "Treaty").
_INSTRUMENT = re.compile(
    r"\b(?i:signed|subscribed|executed)\b[^.]*?\b(?:the present|this|these|the said)\s+"
    r"(?P<name>(?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+|[a-z]+)"
)
# A signature's seal or the copyist's mark: "[seal]", "[L.S.]", "(L. S.)", "SEAL",
# "(signed)", "(sd.)".
_SEAL = re.compile(
    r"[\[({]\s*(?:seal|L\.?\s*S\.?)\s*[\])}]|\bSEAL\b|[\[(](?:signed|sd\.?|gez\.)[\])]",
    re.IGNORECASE,
)
# "For Germany:", "• For the United States of America: With reservation ...".
_FOR_PARTY = re.compile(r"^[\s•*\-–]*For\s+(?P<party>[^:]{2,60}):(?P<rest>.*)$")
_SENTENCE_END = re.compile(r"[.;](?=\s|$)|\n\s*\n")
_SIGNED = re.compile(r"\b(?:signed|subscribed)\b", re.IGNORECASE)
_BULLET = re.compile(r"^[\s•*\-–]+")
_DONE_REACH = 600
_SIGNATURE_LINE = 80  # a longer line is prose: the place and day, or the text after
_NAME_WORDS = 6
# The attested clause is near the end of the text; a clause earlier than this many
# characters before the end is a treaty quoted within an article, read as prose.
_REACH = 4000
_PARTICLES = NAME_PARTICLES | {"of", "y", "del"}
# An article before a Spanish, French or Italian title: "El Duque de Almodóvar del Río".
_ARTICLES = frozenset({"El", "Le", "La", "Il"})


def read_signatures(dc: DocumentContext, main: str | None) -> None:
    """The signatories of the treaty whose text ``dc`` ends with, if it does: each name
    under the attesting clause, and each party a "For X:" line names."""
    text = dc.text
    clause = _last_attestation(text)
    if clause is None:
        return
    # The "Done at" sentence stands just before or after the clause.
    done = DONE_AT.search(text, max(0, clause[0] - _DONE_REACH), clause[1] + _DONE_REACH)
    event = _instrument(dc, *clause, done, main)
    if event is None:
        return
    if done is not None:
        _date(dc, event, done)
    party_line: int | None = None  # where the line of the party signed for starts
    seen_name = False
    for start, line in _lines_after(text, clause[1]):
        found = _FOR_PARTY.match(line)
        if found:
            party_line = _party(
                dc, start + found.start("party"), found.group("party"), event, start
            )
            line_rest = found.group("rest")
            if not line_rest.strip() or len(line_rest) > _SIGNATURE_LINE:
                continue
            line, start = line_rest, start + found.start("rest")
        if len(line.strip()) > _SIGNATURE_LINE:
            if seen_name:
                break  # the signatures have ended
            continue  # "Done at ...", between the clause and the names
        names = list(_names_on(line, start))
        for name_start, name_end, name in names:
            person = _person(dc, name_start, name_end, name)
            if person is None:
                continue
            seen_name = True
            said_from = party_line if party_line is not None else start
            said = text[said_from:name_end]
            evidence = Evidence(dc.source, said, said_from, name_end)
            dc.fact(event, "signatory", person, evidence, 0.85, "signatures")


def _last_attestation(text: str) -> tuple[int, int] | None:
    """The text's last attesting clause (where it starts and where its sentence ends), if
    it is near the end of the text."""
    found = None
    for match in WHEREOF.finditer(text, max(0, len(text) - _REACH)):
        stop = _SENTENCE_END.search(text, match.end())
        end = stop.end() if stop else len(text)
        # A proclamation's "In testimony whereof, I have hereunto set my hand" signs no
        # treaty: the clause must say that something was signed.
        if _SIGNED.search(text, match.end(), end):
            found = (match.start(), end)
    return found


def _instrument(
    dc: DocumentContext, start: int, end: int, done: re.Match[str] | None, main: str | None
) -> str | None:
    """The event the clause attests: the instrument it names, by its name and the place
    it was ``done`` at ("the present General Act" done at Algeciras: "General Act of
    Algeciras"); else the page's event, when that is a treaty."""
    named = _INSTRUMENT.search(dc.text[start:end])
    if named and done and EVENT_CUES.get(named.group("name").split()[-1].lower()) == "Treaty":
        instrument = named.group("name")  # "the present convention": a common noun
        name = f"{instrument[:1].upper()}{instrument[1:]} of {done.group('place')}"
        treaty = _node(dc, start + named.start("name"), start + named.end("name"), "TREATY", name)
        if treaty is not None:
            return treaty
    node = dc.analysis.nodes.get(main) if main else None
    return main if node is not None and node.type == "Treaty" else None


def _date(dc: DocumentContext, event: str, done: re.Match[str]) -> None:
    """The day the "Done at" sentence near the clause writes out: "Done at Algeciras this
    seventh day of April, one thousand nine hundred and six"."""
    stop = _SENTENCE_END.search(dc.text, done.end())
    # The sentence ends with its full stop, or before the blank line after it.
    sentence_end = (stop.start() + (stop.group(0) in ".;")) if stop else len(dc.text)
    found = written_date(dc.text[done.start() : sentence_end])
    if found is None:
        return
    evidence = Evidence(dc.source, dc.text[done.start() : sentence_end], done.start(), sentence_end)
    dc.fact(event, "begin", found.begin.iso(), evidence, 0.8, "signatures:date")


def _lines_after(text: str, pos: int) -> list[tuple[int, str]]:
    """The non-blank lines of ``text`` from ``pos`` on, with where each starts."""
    out = []
    for line in text[pos:].split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _names_on(line: str, start: int) -> list[tuple[int, int, str]]:
    """The names a signature line holds, cut at its seal marks: "Radowitz[seal]",
    "WILLIAM H. SEWARD. [L. S.] M. ROMERO. [L. S.]"."""
    out = []
    pos = 0
    for piece in _SEAL.split(line):
        at = line.find(piece, pos)
        pos = at + len(piece)
        bullet = _BULLET.match(piece)
        lead = bullet.end() if bullet else 0
        words = piece[lead:].strip().rstrip(".,;").strip()
        if not words:
            continue
        name = _as_name(words)
        if name:
            offset = at + piece.index(words, lead)
            out.append((start + offset, start + offset + len(words), name))
    return out


def _as_name(words: str) -> str | None:
    """``words`` as a person's name, if they have its shape: one to six words, each a
    capitalised word, an initial or a particle ("El Duque de Almodóvar del Río", "J.
    Pérez-Caballero", "JOHN Q. ADAMS"); no state, no event, no figures."""
    parts = words.split()
    if len(parts) > 2 and parts[0] in _ARTICLES:
        parts = parts[1:]
        words = " ".join(parts)
    if not 1 <= len(parts) <= _NAME_WORDS or any(ch.isdigit() for ch in words):
        return None
    for word in parts:
        bare = word.replace("-", "").replace(".", "").replace("'", "").replace("’", "")
        if word in _PARTICLES or word.lower() in _PARTICLES:
            continue
        if not (word[:1].isupper() and bare.isalpha()):
            return None
    if parts[0] in _PARTICLES or gazetteer.country_named(words):
        return None
    if any(w.lower() in EVENT_CUES for w in parts):
        return None
    if words.isupper():  # "JOHN Q. ADAMS", "GAMBIER": typeset in capitals
        words = " ".join(w if len(w) <= 2 else w.capitalize() for w in parts)
    return strip_titles(tidy(words)) or None


def _span(dc: DocumentContext, start: int, end: int) -> Span | None:
    """The tokens of the block that holds ``text[start:end]``, if one does."""
    for block, doc in zip(dc.blocks, dc.docs, strict=False):
        if block.start <= start and end <= block.end:
            return doc.char_span(start - block.start, end - block.start, alignment_mode="expand")
    return None


def _node(dc: DocumentContext, start: int, end: int, label: str, name: str) -> str | None:
    """The node of ``text[start:end]`` read as ``label`` named ``name``, added to the
    document's; None if no block holds the words."""
    span = _span(dc, start, end)
    if span is None:
        return None
    mention = span_mention(Span(span.doc, span.start, span.end, label, kb_id=name))
    if mention is None:
        return None
    dc.analysis.add_node(mention)
    return mention.id


def _person(dc: DocumentContext, start: int, end: int, name: str) -> str | None:
    return _node(dc, start, end, "PERSON", name)


def _party(dc: DocumentContext, start: int, words: str, event: str, line_start: int) -> int | None:
    """The state a "For X:" line signs for, made a signatory of ``event``; where its line
    starts (the evidence of the names under it), if it names a state."""
    country = gazetteer.country_named(words.strip())
    if country is None:
        return None
    party = _node(dc, start, start + len(words), "COUNTRY", country.name)
    if party is None:
        return None
    line_end = dc.text.find("\n", start)
    said = dc.text[line_start : line_end if line_end >= 0 else len(dc.text)].rstrip()
    evidence = Evidence(dc.source, said, line_start, line_start + len(said))
    dc.fact(event, "signatory", party, evidence, 0.85, "signatures")
    return line_start
