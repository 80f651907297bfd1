"""Tests for extract.clean: web-page chrome is dropped, article text kept, offsets preserved."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.clean import Block, clean, split_long

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"

# Article-like paragraphs for the synthetic pages.
PARA_1 = (
    "In August 1945 the Soviet Union declared war on Japan. Soviet troops crossed the border "
    "of Manchuria the next morning and advanced quickly against the Kwantung Army."
)
PARA_2 = (
    "The campaign lasted less than a month. Japan signed the Act of Unconditional Surrender "
    "on September 2, 1945, aboard the USS Missouri in Tokyo Bay."
)


def page(*lines: str) -> str:
    """A synthetic page: one line per paragraph, separated by blank lines."""
    return "\n\n".join(lines) + "\n"


def kept(text: str) -> list[str]:
    return [block.text_of(text) for block in clean(text)]


def labelled(text: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text_of(text)) for block in clean(text)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- Spans -------------------------------------------------------------------------------------


def test_clean_returns_trimmed_spans_of_the_original_text() -> None:
    text = "\ufeff  Title of the page \r\n\r\n\xa0\xa0" + PARA_1 + "  \r\n\n\t" + PARA_2
    blocks = clean(text)
    assert [block.text_of(text) for block in blocks] == ["Title of the page", PARA_1, PARA_2]
    for block in blocks:
        assert text[block.start : block.end] == block.text_of(text)
        assert block.text_of(text) == block.text_of(text).strip()
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    assert all(a.end <= b.start for a, b in pairwise(blocks))


def test_clean_empty_and_blank_text_give_no_blocks() -> None:
    assert clean("") == []
    assert clean(" \n\n\xa0\n\t") == []


def test_clean_block_is_frozen() -> None:
    block = Block(0, 5, "paragraph")
    with pytest.raises(AttributeError):
        block.start = 1  # type: ignore[misc]


def test_clean_drops_separator_lines() -> None:
    assert kept(page(PARA_1, "* * *", "———", PARA_2)) == [PARA_1, PARA_2]


# --- Comment, sharing and subscription furniture -----------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "Leave a Comment",
        "Leave a Reply",
        "Post a Comment",
        "No comments:",
        "3 Comments",
        "You can leave a response, or trackback from your own site.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "Your email address will not be published. Required fields are marked *",
    ],
)
def test_clean_drops_comment_widgets(chrome: str) -> None:
    assert kept(page(PARA_1, chrome, PARA_2)) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "chrome",
    [
        "Share it",
        "Share this:",
        "Share on Facebook",
        "Subscribe to our YouTube channel:",
        "and for the channel or in Telegram:",
        "Follow us on Twitter",
        "Sign up for our newsletter",
        "Log in",
        "Print",
        "Email this article",
        "Read more »",
        "Click here to read the full story",
        "Related posts",
        "You may also like",
        "Advertisement",
        "Next post: The Battle of Berlin",
    ],
)
def test_clean_drops_sharing_subscription_and_navigation(chrome: str) -> None:
    assert kept(page(PARA_1, chrome, PARA_2)) == [PARA_1, PARA_2]


# Hatnotes copied from encyclopedia pages (B01, B20, D01, F01 of tests/data/history/texts): they
# name other articles' subjects, which became events of this one ("Munich Conference on
# Security Policy" joined the Munich Conference of 1938).
@pytest.mark.parametrize(
    "hatnote",
    [
        "For the painting, see The Battle of Trafalgar (painting).",
        '"Treaty of Munich" redirects here. For the Austro-Bavarian agreement after the '
        "Napoleonic Wars, see Treaty of Munich (1816).",
        "For the annual global security meeting held in Munich, see Munich Conference on "
        "Security Policy.",
        "For other uses, see Antietam (disambiguation).",
        "Main article: Battle of Kursk",
        "Not to be confused with Battle of Yalu River (1894).",
        # F01 Malta: quoted, no comma; its years had dated the siege of 1565 to 1942.
        '"For the 1940-42 siege see "Siege of Malta (World War II)"',
    ],
)
def test_clean_drops_encyclopedia_hatnotes(hatnote: str) -> None:
    assert kept(page(PARA_1, hatnote, PARA_2)) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "sentence",
    [
        # Prose that opens like a hatnote: "see" is followed by no title.
        "For three days the armies faced each other, see the map above.",
        "For Britain, the war was a disaster.",
        "This article is about how the war began and why it ended.",
    ],
)
def test_clean_keeps_prose_that_opens_like_a_hatnote(sentence: str) -> None:
    assert kept(page(PARA_1, sentence, PARA_2)) == [PARA_1, sentence, PARA_2]


@pytest.mark.parametrize(
    "chrome",
    [
        "Powered by WordPress",
        "© 2025 History Today. All rights reserved.",
        "Copyright 2024 Example Media",
        "We use cookies to give you the best experience on our website.",
        "Privacy Policy",
        "Translation: ES",
        "Photo: Reuters",
        "Tags: Japan, USSR, 1945",
        "Categories: World War II",
        "Posted on April 11, 2025 by admin",
    ],
)
def test_clean_drops_footer_boilerplate_and_credits(chrome: str) -> None:
    assert kept(page(PARA_1, chrome, PARA_2)) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "sentence",
    [
        # Article sentences that contain the words the chrome rules look for.
        "Stalin made no comment on the Japanese proposal, and Molotov did not reply either.",
        "Share prices in Tokyo fell sharply when the news of the declaration arrived.",
        "The cruiser was powered by steam turbines built under licence in Britain.",
        "Konoe was asked to follow the talks closely and to report to the Emperor by telegram.",
        "Readers were urged to subscribe to the war loan in every newspaper of the country.",
        "Print runs of the army newspaper were cut because paper was scarce in 1945.",
        "He read more than the diplomats expected and left the conference early.",
    ],
)
def test_clean_keeps_sentences_that_mention_chrome_words(sentence: str) -> None:
    assert kept(page(PARA_1, sentence, PARA_2)) == [PARA_1, sentence, PARA_2]


def test_clean_keeps_long_paragraph_mentioning_comments_and_sharing() -> None:
    paragraph = (
        "Leave a comment, the editor wrote in 1946, was the only instruction given to the "
        "censors, who were expected to share their notes with the ministry and to follow the "
        "line of the government in everything they printed about the war in Manchuria."
    )
    assert kept(page(PARA_1, paragraph)) == [PARA_1, paragraph]


def test_clean_keeps_a_heading_that_names_a_social_network_word() -> None:
    text = page(PARA_1, "The Zimmermann Telegram", PARA_2)
    assert ("heading", "The Zimmermann Telegram") in labelled(text)


# --- Links, hashtags, breadcrumbs, datelines ---------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "https://dzen.ru/a/YYj511UCrFh3WczI",
        "www.example.com/news/1945",
        "example.org",
        "/View.info/",
        "#Tokyo #relied #defeat #Germany",
        "#history, #ww2",
    ],
)
def test_clean_drops_bare_urls_and_hashtag_lines(chrome: str) -> None:
    assert kept(page(PARA_1, chrome, PARA_2)) == [PARA_1, PARA_2]


def test_clean_keeps_paragraph_that_starts_with_link_noise() -> None:
    paragraph = "/View.info/ " + PARA_1
    assert kept(page(paragraph, PARA_2)) == [paragraph, PARA_2]


def test_clean_keeps_paragraph_with_hashtag_and_url_inside() -> None:
    paragraph = "The archive (see https://example.org/doc) was tagged #1945 by the editors."
    assert kept(page(PARA_1, paragraph)) == [PARA_1, paragraph]


@pytest.mark.parametrize(
    "crumbs",
    [
        "Home » today » World » What Tokyo relied on after the defeat of Germany",
        "Home > History > Asia",
        "News › World › Asia › Japan",
    ],
)
def test_clean_drops_breadcrumbs(crumbs: str) -> None:
    assert kept(page(crumbs, "Article title", PARA_1)) == ["Article title", PARA_1]


@pytest.mark.parametrize(
    "dateline",
    ["Friday, April 11, 2025", "11 April 2025", "2025-04-11", "April 11, 2025 at 10:32 am"],
)
def test_clean_drops_dateline(dateline: str) -> None:
    assert labelled(page(dateline, "Article title", PARA_1)) == [
        ("title", "Article title"),
        ("paragraph", PARA_1),
    ]


def test_clean_keeps_date_heading_inside_the_article() -> None:
    text = page("Article title", PARA_1, "August 9, 1945", PARA_2)
    assert ("heading", "August 9, 1945") in labelled(text)


def test_clean_drops_call_to_action_ending_in_link_slash() -> None:
    cta = "Sign the “Peace” petition in a few seconds to open the page/"
    assert kept(page(PARA_1, cta, PARA_2)) == [PARA_1, PARA_2]


# --- Repeats -----------------------------------------------------------------------------------


def test_clean_drops_duplicate_blocks_and_keeps_the_first() -> None:
    text = page("Article title", PARA_1, "Article  title", "  " + PARA_1, PARA_2)
    blocks = clean(text)
    assert [b.text_of(text) for b in blocks] == ["Article title", PARA_1, PARA_2]
    assert blocks[1].start == text.index(PARA_1)


def test_clean_drops_teaser_copies() -> None:
    teaser = "In August 1945 the Soviet Union declared war on Japan . Soviet troops crossed..."
    other = "The campaign lasted less than a month. Japan signed the Act …"
    assert kept(page(PARA_1, PARA_2, teaser, other)) == [PARA_1, PARA_2]


def test_clean_drops_teaser_that_comes_before_its_paragraph() -> None:
    teaser = "In August 1945 the Soviet Union declared war…"
    assert kept(page(teaser, PARA_1)) == [PARA_1]


def test_clean_keeps_sentence_ending_in_ellipsis_that_is_no_teaser() -> None:
    trailing = "The ambassador waited for an answer from Moscow, but none came..."
    assert kept(page(PARA_1, trailing)) == [PARA_1, trailing]


def test_clean_duplicated_caption_is_kept_once_and_is_no_heading() -> None:
    caption = "Soviet tanks in Harbin"
    text = page("Article title", caption, caption, PARA_1)
    assert labelled(text) == [
        ("title", "Article title"),
        ("paragraph", caption),
        ("paragraph", PARA_1),
    ]


# --- Trailing navigation and kinds -------------------------------------------------------------


def test_clean_drops_trailing_run_of_navigation_lines() -> None:
    text = page(
        "Article title",
        PARA_1,
        "Wars of Japan",
        "Military history of Japan",
        "Interwar period",
        "Exclusive: more coverage",
    )
    assert kept(text) == ["Article title", PARA_1]


def test_clean_labels_title_headings_and_paragraphs() -> None:
    text = page(
        "Soviet–Japanese border conflicts",
        PARA_1,
        "Background Information",
        PARA_2,
        "Development",
        "The first incidents",
        PARA_1 + " Again.",
        "Consequences",
        PARA_2 + " Again.",
    )
    assert [kind for kind, _ in labelled(text)] == [
        "title",
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]


def test_clean_first_block_with_sentence_punctuation_is_no_title() -> None:
    text = page("Soviet soldiers in Harbin, 1945.", PARA_1)
    assert [kind for kind, _ in labelled(text)] == ["paragraph", "paragraph"]


def test_clean_heading_reaches_its_paragraph_through_an_intro_line() -> None:
    text = page("Article title", PARA_1, "Terms of the pact", "The terms were:", PARA_2)
    assert ("heading", "Terms of the pact") in labelled(text)


def test_clean_keeps_everything_when_the_page_has_no_paragraph() -> None:
    text = page("Chapter One", "The Road to War")
    assert kept(text) == ["Chapter One", "The Road to War"]


# --- The seed articles -------------------------------------------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt"))

CHROME_IN_SEEDS = (
    "Powered by WordPress",
    "Leave a Comment",
    "Leave a Reply",
    "Subscribe to our YouTube",
    "Akismet",
    "Post a Comment",
    "No comments",
    "#Tokyo",
    "Share it",
    "Translation: ES",
    "https://",
    "Home »",
)


def read_seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_clean_seed_files_exist() -> None:
    assert len(SEED_FILES) == 4


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_clean_seed_files_drop_chrome_and_keep_spans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks = clean(text)
    assert blocks
    for block in blocks:
        block_text = block.text_of(text)
        assert text[block.start : block.end] == block_text
        assert block_text == block_text.strip()
        for chrome in CHROME_IN_SEEDS:
            assert chrome not in block_text, (chrome, block_text)
    assert all(a.end <= b.start for a, b in pairwise(blocks))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_clean_seed_files_keep_every_long_paragraph(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kept_texts = set(kept(text))
    paragraphs = [line.strip() for line in text.splitlines() if len(line.strip()) > 200]
    # Long lines ending in "..." are teaser copies; every other long line is article text.
    for paragraph in paragraphs:
        assert paragraph in kept_texts or paragraph.endswith(("...", "…")), paragraph


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        ("000", "On April 13, 1941, a mutual neutrality pact was signed"),
        ("001", "In the second half of 1944, Japan’s position on the fronts"),
        ("001", "On July 28, 1945, the Japanese government rejected the Potsdam Declaration"),
        ("002", "In mid-August the Soviet commander"),
        ("002", "The Soviet-Japanese Border Wars were a series of border disputes"),
        ("003", "Marshal Vasilevsky was in command"),
        ("003", "On September 2, 1945, Japan signed the Act of Unconditional Surrender."),
    ],
)
def test_clean_seed_files_keep_article_sentences(prefix: str, sentence: str) -> None:
    text = read_seed(prefix)
    assert [t for t in kept(text) if sentence in t], sentence


def test_clean_seed_000_drops_repeated_title_and_teaser() -> None:
    text = read_seed("000")
    title = "The Soviet-Japanese War: why Hitler's allies believed that the USSR acted dishonorably"
    blocks = labelled(text)
    assert blocks[0] == ("title", title)
    assert [t for _, t in blocks].count(title) == 1
    assert not [t for _, t in blocks if t.endswith("committed...")]
    assert len(blocks) == 3


def test_clean_seed_001_title_follows_the_breadcrumb() -> None:
    blocks = labelled(read_seed("001"))
    assert blocks[0] == ("title", "What Tokyo relied on after the defeat of Germany –")
    assert blocks[1][1].startswith("/View.info/ In the second half of 1944")
    assert blocks[-1][1].startswith("On July 28, 1945")


def test_clean_seed_002_section_headings() -> None:
    blocks = labelled(read_seed("002"))
    headings = [t for kind, t in blocks if kind == "heading"]
    assert "Battle of Lake Khasan" in headings
    assert "Battle of Jaljin Goal" in headings
    assert headings == [
        "Background Information",
        "Development",
        "The first incidents",
        "Battle of Lake Khasan",
        "Battle of Jaljin Goal",
        "Consequences",
    ]
    assert blocks[0] == ("title", "Soviet–Japanese border conflicts")
    texts = [t for _, t in blocks]
    assert "Military history of Japan" not in texts  # trailing category list
    assert "Interwar period" not in texts
    caption = (
        "Japanese soldiers pose with captured Soviet equipment during the Battle of Khalkhin Gol"
    )
    assert texts.count(caption) == 1


def test_clean_seed_003_drops_trailing_promo() -> None:
    blocks = labelled(read_seed("003"))
    assert blocks[-1][1].startswith("On September 2, 1945, Japan signed")
    assert all(kind == "paragraph" for kind, _ in blocks)


# --- split_long --------------------------------------------------------------------------------


def pieces_of(text: str, max_chars: int) -> list[str]:
    block = Block(0, len(text), "paragraph")
    pieces = split_long(text, block, max_chars)
    assert all(a.end <= b.start for a, b in pairwise(pieces))
    return [piece.text_of(text) for piece in pieces]


def test_clean_split_long_returns_a_fitting_block_unchanged() -> None:
    block = Block(3, 10, "heading")
    assert split_long("abcdefghijklmnop", block, 7) == [block]


def test_clean_split_long_rejects_non_positive_max_chars() -> None:
    with pytest.raises(ValueError):
        split_long("abc", Block(0, 3, "paragraph"), 0)


def test_clean_split_long_prefers_paragraph_breaks() -> None:
    text = "First paragraph. It has two sentences.\n\nSecond one. Also two.\nThird line here."
    assert pieces_of(text, 60) == [
        "First paragraph. It has two sentences.",
        "Second one. Also two.\nThird line here.",
    ]


def test_clean_split_long_cuts_at_sentence_ends() -> None:
    text = "The war began in August. Troops crossed the border. “It was fast,” he said. The end."
    assert pieces_of(text, 55) == [
        "The war began in August. Troops crossed the border.",
        "“It was fast,” he said. The end.",
    ]


def test_clean_split_long_does_not_cut_after_an_abbreviation_before_lowercase() -> None:
    text = "He arrived at 9 a.m. and left at noon on the same day without a word"
    assert pieces_of(text, 30) == [
        "He arrived at 9 a.m. and left",
        "at noon on the same day",
        "without a word",
    ]


def test_clean_split_long_cuts_at_whitespace_then_hard() -> None:
    assert pieces_of("alpha beta gamma delta", 11) == ["alpha beta", "gamma delta"]
    assert pieces_of("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_clean_split_long_keeps_kind_and_offsets_of_a_block_inside_text() -> None:
    text = "Title\n\n" + PARA_1 + " " + PARA_2 + "\n\nTail"
    block = next(b for b in clean(text) if b.kind == "paragraph")
    pieces = split_long(text, block, 100)
    assert len(pieces) > 1
    assert all(
        p.kind == "paragraph" and block.start <= p.start < p.end <= block.end for p in pieces
    )
    assert squeeze("".join(p.text_of(text) for p in pieces)) == squeeze(block.text_of(text))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("max_chars", [50, 300, 1000])
def test_clean_split_long_round_trips_seed_files(path: Path, max_chars: int) -> None:
    text = path.read_text(encoding="utf-8")
    whole = Block(0, len(text), "paragraph")
    pieces = split_long(text, whole, max_chars)
    assert all(p.end - p.start <= max_chars for p in pieces)
    assert all(p.text_of(text) == p.text_of(text).strip() for p in pieces)
    assert squeeze("".join(p.text_of(text) for p in pieces)) == squeeze(text)
    for block in clean(text):
        parts = split_long(text, block, max_chars)
        assert all(p.end - p.start <= max_chars for p in parts)
        assert squeeze("".join(p.text_of(text) for p in parts)) == squeeze(block.text_of(text))


@given(
    text=st.text(alphabet=st.sampled_from(list('ab .!?"“\nAZ')), max_size=300),
    max_chars=st.integers(min_value=1, max_value=40),
)
def test_clean_split_long_never_loses_or_repeats_characters(text: str, max_chars: int) -> None:
    pieces = split_long(text, Block(0, len(text), "paragraph"), max_chars)
    joined = "".join(p.text_of(text) for p in pieces)
    assert squeeze(joined) == squeeze(text)
    if len(text) > max_chars:
        assert all(0 < p.end - p.start <= max_chars for p in pieces)
        assert all(p.text_of(text) == p.text_of(text).strip() for p in pieces)
    assert all(a.end <= b.start for a, b in pairwise(pieces))


# --- Hard-wrapped texts ------------------------------------------------------------------

HISTORY = ROOT / "tests" / "data" / "history" / "texts"


def _block_holding(text: str, words: str) -> str:
    blocks = [text[b.start : b.end] for b in clean(text)]
    found = [b for b in blocks if words in " ".join(b.split())]
    assert found, f"no block holds {words!r}"
    return found[0]


# A scanned book wrapped at ~70 characters (A15), a double-spaced book (C07) and a
# double-spaced narrow column (D05): lines that stop mid-sentence are joined back, so a
# name cut by a line end is one paragraph's ("Prince Eugene" was a heading line before).
@pytest.mark.parametrize(
    ("article", "words"),
    [
        (
            "A15_blenheim.txt",
            "the junction of his opponent, Prince Eugene, with Marlborough raised the",
        ),
        ("C07_hattin.txt", "Chatillon, an adventurer more fit to be called a robber than a knight"),
        (
            "D05_jutland.txt",
            "Vice Admiral Beatty hurriedly attacked with his six giant battle cruisers",
        ),
    ],
)
def test_hard_wrapped_lines_join_into_paragraphs(article: str, words: str) -> None:
    text = (HISTORY / article).read_text(encoding="utf-8")
    block = _block_holding(text, words)
    assert "\n" in block  # one block over several lines of the file, offsets unchanged


def test_a_wrapped_articles_infobox_lines_stay_apart() -> None:
    # Negative: the infobox of the same pages keeps one field a line, whether markup
    # ("commander1 = ...") or a label and its names.
    jutland = (HISTORY / "D05_jutland.txt").read_text(encoding="utf-8")
    assert _block_holding(jutland, "commander1 = Sir John Jellicoe") == (
        "commander1 = Sir John Jellicoe Sir David Beatty"
    )
    blenheim = (HISTORY / "A15_blenheim.txt").read_text(encoding="utf-8")
    assert _block_holding(blenheim, "Eugene of Savoy") == "Eugene of Savoy"


def test_one_paragraph_a_line_is_not_joined() -> None:
    # Negative: a web page's paragraphs are lines of their own, even when a line ends
    # without a full stop and the next starts in lower case fewer than five times.
    text = page(
        "The Battle of X was fought in 1805 between two fleets off the cape of Y",
        "and the allied fleet lost twenty-two ships without the loss of a single one.",
        PARA_1,
        PARA_2,
    ).replace("\n\nand", "\nand")
    assert len(clean(text)) == 4


def test_blank_lines_still_part_single_spaced_wrapped_paragraphs() -> None:
    wrapped = "\n".join(
        f"line {i} of a paragraph cut at a fixed width and going on in" for i in range(6)
    )
    text = (
        f"{wrapped}\nthe end of the first.\n\n"
        "second paragraph cut at a fixed width and going on in\nthe end of the second."
    )
    blocks = clean(text)
    assert len(blocks) == 2
    assert text[blocks[1].start : blocks[1].end].startswith("second paragraph")


def test_long_lines_are_paragraphs_even_when_the_next_starts_in_lower_case() -> None:
    # Negative: no page is cut wider than WRAP_MAX_CHARS; a long line that ends on a
    # bracket and is followed by a lower-case paragraph is not a wrapped line.
    paragraph = "the river was wide and slow, and the hills beyond it were green in spring " * 4
    text = "\n\n".join(f"{paragraph}({i})" for i in range(8)) + "\n\nThe Battle of X was fought.\n"
    assert len(clean(text)) == 9
