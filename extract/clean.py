"""Strip web-page chrome from a plain-text article without rewriting it.

Input files are plain-text copies of web pages: the article's paragraphs come together with
breadcrumbs, datelines, share buttons, comment widgets, hashtags, category lists and teaser
copies of the article itself. :func:`clean` does not produce a cleaned string. It returns
:class:`Block` spans of the *original* text (one per non-blank line, trimmed, or per
paragraph of a hard-wrapped text), so that any character offset found later in a block
still indexes the original file.

The approach, in order:

1. **Split** the text on newlines; every non-blank line is a candidate block, with surrounding
   whitespace (and zero-width characters) trimmed and its offsets adjusted.
2. **Drop chrome**, one block at a time. Rules are generic patterns of web pages, not strings
   from particular sites: widget labels ("Leave a Reply", "Share this:"), boilerplate phrases
   (copyright, cookies, "powered by"), bare URLs, hashtag lines, breadcrumbs, date-only
   datelines, calls to action that end in a link ("... open the page/"). Phrase rules only look
   at *short* blocks, so an article paragraph that happens to mention "comments" or "cookies"
   is never dropped.
   A hard-wrapped text (a scanned book, a narrow column, single- or double-spaced) has its
   wrapped lines joined back into paragraphs (``_join_wrapped``): read a line at a time,
   every line of such a page looks like a heading, and headings keep no names.
3. **Drop repeats**: a block identical to an earlier kept block (after whitespace
   normalisation), and a teaser ending in "..." whose text is the start of another block
   (ignoring spacing around punctuation, as in "countries , there").
4. **Drop the trailing run** of short, non-sentence lines after the last article paragraph
   (category lists, "related" links, promos): nothing follows them, so they head nothing.
5. **Label** the kept blocks: the first one is the ``"title"`` if it looks like a headline;
   a later headline-like line that leads (possibly through further headings) to an article
   paragraph is a ``"heading"``; everything else is a ``"paragraph"``.

When a rule is in doubt it keeps the block: losing an article sentence costs more than
keeping a line of chrome. :func:`split_long` cuts a block that is too long for the NLP
pipeline into consecutive pieces, again as spans of the original text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

BlockKind = Literal["title", "heading", "paragraph"]


@dataclass(frozen=True, slots=True)
class Block:
    """A span ``[start, end)`` of the original text and what it is."""

    start: int
    end: int
    kind: BlockKind

    def text_of(self, source: str) -> str:
        """The block's text, read from the string it was found in."""
        return source[self.start : self.end]


# --- Sizes -------------------------------------------------------------------------------------

# Chrome phrases and widget labels are only looked for in blocks up to this length. Web-page
# furniture is short; a longer block is article text even if it mentions "comment" or "share".
CHROME_MAX_CHARS = 300
# A line without sentence punctuation up to this length is a headline, label or link; longer
# text is treated as a paragraph whose final full stop was lost.
SHORT_LINE_CHARS = 150
# A headline that opens the page (the title) may be a long sentence-like phrase; a section
# heading is a few words. Longer lines without punctuation are usually image captions.
TITLE_MAX_WORDS = 30
HEADING_MAX_WORDS = 12
# A teaser ("In some countries, there was ... committed...") must be at least this many words
# long before it is compared with earlier blocks, so "And so..." never matches by chance.
TEASER_MIN_WORDS = 4

# Characters trimmed around a block besides str.isspace() ones: byte-order mark and zero-width
# characters that editors and web pages leave at line ends.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

# --- Sentence shape ----------------------------------------------------------------------------

# A line that ends a sentence: final . ! ? or ellipsis, optionally followed by closing quotes
# or brackets ('... the war."' or '... (1945).').
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
# A line that ends like this introduces or continues something (a list, a quote), so it is not
# a headline either.
_CONTINUES = re.compile(r"[:;,]$")
# At least one letter or digit: lines of only rules, bullets or asterisks are separators.
_HAS_ALNUM = re.compile(r"[^\W_]")

# --- Chrome: widget labels (the whole line is the label) ---------------------------------------

# Each pattern must match the *whole* line (after whitespace is collapsed and decorative
# punctuation such as ":" or "»" is stripped from both ends), so that an article sentence that
# merely starts with "Share" or "Print" is not mistaken for a button.
_WIDGET_LABELS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Comment widgets: "Leave a Comment", "Post a Comment", "Leave a Reply", "View comments".
        r"(leave|post|add|write|submit|view|show|hide|load|read) (a |your |the |all |more )?"
        r"(comments?|repl(y|ies)|responses?)( \(\d+\))?",
        # Comment counters: "No comments", "3 Comments", "One response so far".
        r"(no|one|\d+) (comments?|responses?|replies)( (yet|so far|to .{1,80}))?",
        r"(comments?|replies|responses|discussion)( \(\d+\))?",
        r"(cancel )?reply( to .{1,40})?",
        r"(be the first to comment|join the (discussion|conversation)|what do you think\??)",
        # Sharing buttons: "Share it", "Share this:", "Share on Facebook", "Tweet", "Print".
        r"share( it| this| now| (this|the) (article|post|page|story|link))?"
        r"( (on|via|with) [\w .-]{1,30})?",
        r"(tweet|pin it|like|email|e-mail|print|save|bookmark|copy link)"
        r"( (this|it|the)( (article|post|page|story|link))?)?",
        # Accounts and subscription buttons: "Subscribe", "Sign up", "Log in".
        r"(subscribe|sign up|sign in|register|log ?in|log ?out|join)( (now|here|today|for free))?",
        # Navigation: "Read more", "Continue reading", "Click here ...", "Next post".
        r"(read|see|view|show|load) (more|all|full (article|story|text))( .{1,60})?",
        r"continue reading( .{1,80})?",
        r"click here( .{1,100})?",
        r"(previous|next|older|newer) (post|article|story|page|entry|posts|entries)(:? .{1,100})?",
        r"(back to top|go to top|scroll to top|skip to (main )?content|menu|search|home)",
        r"(related|recommended|popular|recent|latest|more|similar|trending) "
        r"(posts?|articles?|stories|news|reading|materials|content|from .{1,40})",
        r"you (may|might) also (like|be interested in|enjoy|read)",
        # Encyclopedia hatnotes point to other articles, whose subjects are not this
        # page's: "For other uses, see Antietam (disambiguation)", "\"Treaty of Munich\"
        # redirects here. For the ..., see ...", "Not to be confused with ...".
        r'["“]?(this article is about .{1,150}\. )?for (other uses|[^,]{1,150}),? see '
        r'(?-i:[A-Z"“]).{0,200}',
        r".{1,100} redirects here(\. .{1,300})?",
        r"(this article is about|not to be confused with|(main|further) articles?:"
        r"|see also:) "
        r'(?-i:[A-Z"“]).{0,200}',
        # Advertising.
        r"(advertisement|advertising|sponsored( content)?|ads?|promoted)",
        # Credits: "Translation: ES", "Photo: Reuters", "Image credit: ...".
        r"(translation|translated by|photos?|images?|pictures?|illustrations?)( credits?)?"
        r" ?: ?.{1,60}",
        r"credits? ?: ?.{1,60}",
        # Taxonomies: "Tags: war, Japan", "Categories", "Filed under: History".
        r"(tags?|tagged( with| as)?|categor(y|ies)|filed under|posted in|labels?|topics?"
        r"|keywords?)( ?: ?.*)?",
    )
)

# Decorative punctuation stripped from both ends before matching a widget label:
# "No comments:", "Read more »", "» Next post", "• Share", "Share this!".
_LABEL_DECORATION = re.compile(r"^[\s»›>•·|*–—-]+|[\s:.!…»›>|*–—-]+$")

# --- Chrome: boilerplate phrases (anywhere in a short block) -----------------------------------

# These phrases hardly ever occur in article prose, so they are searched for anywhere in a
# short block; the ones that could ("powered by", "subscribe", "follow") are anchored at the
# start of the line.
_BOILERPLATE: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Copyright lines: "© 2025 Example", "Copyright (c) 2024", "All rights reserved".
        r"\ball rights reserved\b",
        r"©|\(c\) ?\d{4}|^copyright\b",
        # Site-engine footers: "Powered by WordPress", "Proudly powered by ...".
        r"^(proudly )?powered by\b",
        r"^(site|theme|website|web design)( designed| developed| hosted)? by\b",
        # Comment-form furniture: spam filters, trackbacks, moderation notices.
        r"\bakismet\b|\breduce spam\b|\bcomment data\b",
        r"\b(track|ping) ?backs?\b",
        r"\b(e-?mail address|comments?) (will not|won't) be published\b",
        r"\brequired fields are marked\b|\bcomments are closed\b",
        r"\byou must be logged in\b|\b(log|sign) ?in to (comment|reply|post|continue)\b",
        r"\bresponses to this (entry|post)\b|\brss 2\.0 feed\b",
        # Cookie and privacy notices.
        r"\b(we|this (site|website)|our (site|website)) uses? cookies\b",
        r"\bcookies? (policy|settings|preferences|consent)\b|\baccept (all )?cookies\b",
        r"\bprivacy policy\b|\bterms (of|and conditions of) (use|service)\b",
        # Subscription and social prompts: "Subscribe to our YouTube channel:", "Follow us".
        r"^subscribe\b|\bsubscribe (to|for) (our|my)\b",
        r"\bsubscribe to (the|this) (channel|newsletter|blog|feed|site|podcast|mailing list)\b",
        r"^follow (us|me)\b|\bfollow us (on|in)\b",
        r"\bsign up (for|to) (our|the)\b|\b(our|weekly|daily|free|e-?mail) newsletter\b",
        r"^newsletter\b|\bjoin (us|our community) (on|in)\b",
    )
)

# Social networks and feeds. A short line that names one and ends with ":" introduces a
# widget ("... or in Telegram:", "Our channel:"). Without the colon the line is kept, since
# "The Zimmermann Telegram" could be a section heading.
_SOCIAL = re.compile(
    r"\b(youtube|telegram|facebook|twitter|instagram|vk|vkontakte|whatsapp|tiktok|rss|"
    r"channel|feed|social (networks?|media))\b",
    re.IGNORECASE,
)

# --- Chrome: lines that are a single artefact --------------------------------------------------

# A bare link: "https://dzen.ru/a/...", "www.example.com", "example.org/page", "/View.info/".
# Domain names need a lowercase top-level label so "U.S.A" or "St.Petersburg" never match.
_BARE_URL = re.compile(
    r"(https?://|ftp://|www\.)\S+"
    r"|[\w-]+(\.[\w-]+)*\.[a-z]{2,24}(/\S*)?"
    r"|/\S*/",
)
# A line of hashtags only: "#Tokyo #relied #defeat #Germany".
_HASHTAGS = re.compile(r"(#[^\W_][\w-]*[\s,;]*)+")
# Breadcrumbs: "Home » today » World » Article title". Either the trail starts with a home
# link and a separator, or it has at least two "»"/"›"/"→" separators.
_BREADCRUMB_HOME = re.compile(r"^(home|homepage|main( page)?|start)\s*([»›>→|/]|&gt;)", re.I)
_BREADCRUMB_SEPARATOR = re.compile(r"\s[»›→]\s")

# Dates: "Friday, April 11, 2025", "11 April 2025", "2025-04-11", "11.04.2025 10:32".
_WEEKDAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ORDINAL = r"\d{1,2}(st|nd|rd|th)?"
_DATE = (
    rf"({_MONTH}\s+{_ORDINAL},?\s+\d{{4}}"  # April 11, 2025
    rf"|{_ORDINAL}\s+(of\s+)?{_MONTH},?\s+\d{{4}}"  # 11 April 2025
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 2025-04-11
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"  # 11.04.2025, 4/11/25
)
_TIME = r"\d{1,2}:\d{2}(:\d{2})?\s*([ap]\.?m\.?)?(\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2})?"
# A line that is only a date, optionally with a weekday before it and a time after it.
_DATELINE = re.compile(
    rf"(?P<weekday>{_WEEKDAY},?\s+)?{_DATE}(?P<time>\s*(at|,|-|–|\|)?\s*{_TIME})?",
    re.IGNORECASE,
)
# Bylines that carry a date: "Posted on April 11, 2025 by admin", "Updated: 2025-04-11".
_DATED_BYLINE = re.compile(r"^(posted|published|updated|last (updated|modified))\b", re.I)
_CONTAINS_DATE = re.compile(_DATE, re.IGNORECASE)

# --- Repeats -----------------------------------------------------------------------------------

# A teaser ends with a cut-off marker: three dots, the ellipsis character, or "[...]".
_TEASER_END = re.compile(r"\s*(\.\.\.|…|\[\.\.\.\]|\[…\])$")
# Teasers are often re-tokenised copies ("countries , there"): drop spaces before closing
# punctuation and after opening brackets when comparing.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]}”’»])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[{“‘«])\s+")

# --- split_long --------------------------------------------------------------------------------

# Cut points, best first: a blank line, any line break, then the end of a sentence: ". ", "! ",
# "? " (with any closing quotes) followed by an uppercase letter or an opening quote.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile(r"\n")
# Characters past a cut limit that a sentence break's look-ahead may read (the spaces
# after the stop and the next sentence's first character); longer runs of spaces just
# fall back to a cut at a space.
_LOOKAHEAD = 256
_SENTENCE_BREAK = re.compile(r"""[.!?…]["'”’»)\]]*(?=\s+(["'“‘«(\[]|[^\W\d_]))""")


# --- Small predicates --------------------------------------------------------------------------


# The clause that closes a treaty's text and heads its signatures: "In faith whereof,
# the Delegates Plenipotentiary have signed the present General Act", "In witness whereof
# the respective Plenipotentiaries have signed it"; and where it was done: "Done at
# Algeciras", "Done in triplicate at Ghent", "Done at the city of Washington".
WHEREOF = re.compile(r"\b(?i:in (?:faith|witness|testimony) (?:of )?whereof)\b")
DONE_AT = re.compile(
    r"\bDone,?\s+(?:in \w+,?\s+)?at\s+(?:the city of\s+)?"
    r"(?P<place>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)"
)
_ATTESTATION_REACH = 2  # the clause and the "Done at" line, in either order


def _normalise(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def _is_prose(text: str) -> bool:
    """Article text: ends like a sentence, or is too long to be a headline or a label."""
    return _ends_sentence(text) or len(text) > SHORT_LINE_CHARS


def _is_headline(text: str, max_words: int) -> bool:
    """A short line without sentence-final punctuation, such as a title or section heading."""
    return (
        not _is_prose(text)
        and _CONTINUES.search(text) is None
        and len(text.split()) <= max_words
        and _HAS_ALNUM.search(text) is not None
    )


def _is_widget_label(text: str) -> bool:
    label = _LABEL_DECORATION.sub("", _normalise(text))
    return any(pattern.fullmatch(label) for pattern in _WIDGET_LABELS)


def _has_boilerplate(text: str) -> bool:
    return any(pattern.search(text) for pattern in _BOILERPLATE)


def _is_social_prompt(text: str) -> bool:
    return text.endswith(":") and _SOCIAL.search(text) is not None


def _is_link_prompt(text: str) -> bool:
    """A call to action whose text ends in a link slash: "Sign ... to open the page/"."""
    return text.endswith("/") and not _is_prose(text)


def _is_breadcrumb(text: str) -> bool:
    return (
        _BREADCRUMB_HOME.search(text) is not None or len(_BREADCRUMB_SEPARATOR.findall(text)) >= 2
    )


def _dateline_kind(text: str) -> Literal["none", "plain", "stamped"]:
    """Whether the line is only a date; "stamped" if it also has a weekday or a time of day.

    A weekday or a time marks a publication stamp. A plain date ("August 9, 1945") may also
    be a section heading of a timeline, so the caller decides by position.
    """
    match = _DATELINE.fullmatch(_normalise(text).rstrip(" |–-"))
    if match is None:
        return "none"
    return "stamped" if match.group("weekday") or match.group("time") else "plain"


def _is_dated_byline(text: str) -> bool:
    return (
        _DATED_BYLINE.search(text) is not None
        and _CONTAINS_DATE.search(text) is not None
        and not _ends_sentence(text)
    )


def _is_chrome(text: str, before_article: bool) -> bool:
    """Whether a whole block is web-page furniture.

    ``before_article`` is true while no article paragraph has been seen yet: a date-only
    line there is the page's dateline.
    """
    if _HAS_ALNUM.search(text) is None:  # separators: "***", "—", "• • •"
        return True
    if len(text) > CHROME_MAX_CHARS:  # long text is never chrome
        return False
    single_token = len(text.split()) == 1
    if single_token and _BARE_URL.fullmatch(text):
        return True
    dateline = _dateline_kind(text)
    if dateline == "stamped" or (dateline == "plain" and before_article):
        return True
    return (
        _HASHTAGS.fullmatch(text) is not None
        or _is_breadcrumb(text)
        or _is_widget_label(text)
        or _has_boilerplate(text)
        or _is_social_prompt(text)
        or _is_link_prompt(text)
        or _is_dated_byline(text)
    )


# --- Repeats -----------------------------------------------------------------------------------


def _comparable(text: str) -> str:
    """Whitespace-normalised text with spaces around punctuation removed, for teasers."""
    text = _normalise(text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def _teaser_prefix(text: str) -> str | None:
    """The comparable text of a teaser without its "...", or None if it is no teaser."""
    match = _TEASER_END.search(text)
    if match is None:
        return None
    prefix = _comparable(text[: match.start()])
    return prefix if len(prefix.split()) >= TEASER_MIN_WORDS else None


# --- Splitting and trimming --------------------------------------------------------------------


def _is_trimmable(char: str) -> bool:
    return char.isspace() or char in _INVISIBLE


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and _is_trimmable(text[start]):
        start += 1
    while end > start and _is_trimmable(text[end - 1]):
        end -= 1
    return start, end


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Trimmed ``(start, end)`` spans of the non-blank lines of ``text``."""
    for match in re.finditer(r"[^\n]+", text):
        start, end = _trimmed(text, match.start(), match.end())
        if start < end:
            yield start, end


# --- Passes ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    caption: bool = False  # repeated on the very next line, as image captions are


def _drop_chrome_and_duplicates(text: str) -> list[_Candidate]:
    """Steps 1-2 and exact repeats: split into lines, drop chrome and duplicated lines."""
    kept: list[_Candidate] = []
    seen: set[str] = set()
    previous_line: _Candidate | None = None  # the previous non-blank line, kept or not
    before_article = True
    for start, end in _lines(text):
        line = _Candidate(start, end, text[start:end])
        normal = _normalise(line.text)
        if normal in seen:
            if previous_line is not None and _normalise(previous_line.text) == normal:
                previous_line.caption = True
        elif not _is_chrome(line.text, before_article):
            kept.append(line)
            seen.add(normal)
            before_article = before_article and not _is_prose(line.text)
        previous_line = line
    return kept


# A hard-wrapped text (a scanned or plain-text book, a narrow column: every line cut at a
# fixed width) shows itself by lines that stop mid-sentence and go on in lower case on the
# next line. With at least this many such breaks, its wrapped lines are joined back into
# paragraphs; otherwise a line is a block, as web pages write one paragraph per line.
WRAPPED_BREAKS = 5
WRAP_MIN_CHARS = 25  # shorter lines are labels, headings or a paragraph's last words
WRAP_MAX_CHARS = 160  # no page is cut wider: a longer line is a paragraph of its own
# Infobox and table markup ("date = 31 May 1916", "| Signed | ... |") is one field a line.
_MARKUP_LINE = re.compile(r"^\w+\s*=|^\||\|$")


def _breaks_mid_sentence(text: str, line: _Candidate, nxt: _Candidate, gap: int) -> bool:
    """``nxt`` goes on, in lower case, with the sentence ``line`` stopped in, on the next
    line (``gap`` newlines below it: 2 in a double-spaced text)."""
    return (
        text.count("\n", line.end, nxt.start) == gap
        and WRAP_MIN_CHARS <= len(line.text) <= WRAP_MAX_CHARS
        and not _ends_sentence(line.text)
        and nxt.text[:1].islower()
        and not _MARKUP_LINE.search(line.text)
        and not _MARKUP_LINE.search(nxt.text)
    )


def _join_wrapped(text: str, blocks: list[_Candidate]) -> list[_Candidate]:
    """Join the lines of a hard-wrapped text back into paragraphs (see WRAPPED_BREAKS).

    A line joins the one above when it goes on with its sentence in lower case; inside a
    paragraph joined so, a line also joins when the one above stopped mid-sentence at the
    paragraph's width ("... under the" / "Duke of ..."), as names start in upper case."""
    pairs = list(itertools.pairwise(blocks))
    # Single- or double-spaced: the spacing of more of the breaks in mid-sentence.
    breaks = {g: sum(_breaks_mid_sentence(text, a, b, g) for a, b in pairs) for g in (1, 2)}
    gap = max(breaks, key=lambda g: (breaks[g], -g))
    if breaks[gap] < WRAPPED_BREAKS:
        return blocks
    joined: list[_Candidate] = [blocks[0]] if blocks else []
    width = 0  # the longest line of the paragraph being joined, 0 outside one
    for line, nxt in pairs:
        at_width = (
            width
            and text.count("\n", line.end, nxt.start) == gap
            and not _ends_sentence(line.text)
            and not _MARKUP_LINE.search(nxt.text)
            and 0.85 * width <= len(line.text) <= WRAP_MAX_CHARS
        )
        if _breaks_mid_sentence(text, line, nxt, gap) or at_width:
            last = joined[-1]
            joined[-1] = _Candidate(last.start, nxt.end, text[last.start : nxt.end])
            width = max(width, len(line.text), len(nxt.text))
        else:
            joined.append(nxt)
            width = 0
    return joined


def _drop_teasers(blocks: list[_Candidate]) -> list[_Candidate]:
    """Step 3, teasers: drop a block ending in "..." whose text starts another kept block.

    Teasers usually repeat an earlier paragraph (a "recent posts" widget under the article),
    but one that comes first is just as redundant: its words are all in the full block.
    """
    full_texts = [_comparable(block.text) for block in blocks]

    def is_teaser(index: int) -> bool:
        prefix = _teaser_prefix(blocks[index].text)
        return prefix is not None and any(
            other != index and len(full) > len(prefix) and full.startswith(prefix)
            for other, full in enumerate(full_texts)
        )

    return [block for i, block in enumerate(blocks) if not is_teaser(i)]


def _drop_trailing_run(blocks: list[_Candidate]) -> list[_Candidate]:
    """Step 4: drop the short non-sentence lines after the last article paragraph.

    Nothing follows them, so they cannot be headings: they are category lists, related links
    and promos. (Every non-prose block is short by definition.) A page without any article
    paragraph is left alone: there is nothing to tell its chrome from its content; so is a
    treaty's text whose last paragraphs attest its signing ("In faith whereof ... have
    signed", "Done at ..."): the short lines after them are its signatures.
    """
    prose = [i for i, block in enumerate(blocks) if _is_prose(block.text)]
    if not prose:
        return blocks
    if any(
        WHEREOF.search(blocks[i].text) or DONE_AT.search(blocks[i].text)
        for i in prose[-_ATTESTATION_REACH:]
    ):
        return blocks  # a treaty's text ends with its signatures, one short line each
    return blocks[: prose[-1] + 1]


def _kinds(blocks: Sequence[_Candidate]) -> list[BlockKind]:
    """Step 5: title, headings and paragraphs."""
    kinds: list[BlockKind] = ["paragraph"] * len(blocks)
    # Walk backwards, remembering whether an article paragraph follows. Headline-like lines
    # pass it on, so "Development" / "The first incidents" / text makes two headings; so do
    # captions and lines such as "The terms were:", which sit between a heading and its text.
    leads_to_prose = False
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if _is_prose(block.text):
            leads_to_prose = True
        elif leads_to_prose and _is_headline(block.text, HEADING_MAX_WORDS) and not block.caption:
            kinds[i] = "heading"
    if blocks and _is_headline(blocks[0].text, TITLE_MAX_WORDS):
        kinds[0] = "title"
    return kinds


# --- Public API --------------------------------------------------------------------------------


def clean(text: str) -> list[Block]:
    """The article blocks of a web page's text, in order, as spans of ``text``.

    Every block is one non-blank line of ``text`` (or the lines of one paragraph of a
    hard-wrapped text) with surrounding whitespace trimmed, so
    ``text[block.start:block.end]`` is its exact original text.
    """
    kept = _join_wrapped(text, _drop_chrome_and_duplicates(text))
    blocks = _drop_trailing_run(_drop_teasers(kept))
    return [
        Block(block.start, block.end, kind)
        for block, kind in zip(blocks, _kinds(blocks), strict=True)
    ]


def split_long(text: str, block: Block, max_chars: int) -> list[Block]:
    """Cut ``block`` into consecutive blocks of at most ``max_chars`` characters each.

    Each cut is made at the last paragraph break (blank line, else line break) that fits,
    else at the last sentence end, else at the last whitespace, else hard at ``max_chars``.
    Whitespace at the cuts is trimmed; no other character is lost or repeated. Pieces keep
    the block's kind. A block that already fits is returned unchanged.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    if block.end - block.start <= max_chars:
        return [block]
    pieces: list[Block] = []
    pos, end = _trimmed_whitespace(text, block.start, block.end)
    while pos < end:
        cut = end if end - pos <= max_chars else _cut_point(text, pos, end, pos + max_chars)
        piece_start, piece_end = _trimmed_whitespace(text, pos, cut)
        if piece_start < piece_end:
            pieces.append(replace(block, start=piece_start, end=piece_end))
        pos, _ = _trimmed_whitespace(text, cut, end)
    return pieces


def _trimmed_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """Like :func:`_trimmed`, but only for str.isspace() characters (split_long loses no
    other character)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_point(text: str, pos: int, end: int, limit: int) -> int:
    """Where to end the piece that starts at ``pos`` (a non-space), at most at ``limit``."""
    for pattern in (_BLANK_LINE, _LINE_BREAK):
        cut = _last_match_start(pattern, text, pos + 1, limit + 1)
        if cut is not None:
            return cut
    sentence_end = None
    # Only up to the limit (and what the look-ahead needs past it): searching on to
    # ``end`` made a block with no sentence end cost its whole length per piece, time
    # quadratic in the length of a long single line.
    for match in _SENTENCE_BREAK.finditer(text, pos, min(end, limit + _LOOKAHEAD)):
        if match.end() > limit:
            break
        if _opens_sentence(text, match.end(), end):
            sentence_end = match.end()
    if sentence_end is not None:
        return sentence_end
    for cut in range(limit, pos, -1):
        if text[cut].isspace():
            return cut
    return limit


def _last_match_start(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int | None:
    """Start of the last match of ``pattern`` lying within ``text[start:stop]``."""
    last = None
    for match in pattern.finditer(text, start, stop):
        last = match.start()
    return last


def _opens_sentence(text: str, pos: int, end: int) -> bool:
    """Whether the first non-space character from ``pos`` starts a sentence."""
    while pos < end and text[pos].isspace():
        pos += 1
    return pos < end and (text[pos].isupper() or text[pos] in "\"'“‘«([")
