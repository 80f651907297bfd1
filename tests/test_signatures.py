"""A treaty's text ends with its signatures (extract.reading.signatures): the names under
the clause that attests the signing are the treaty's signatories, and a "For X:" line's
state is a party. The examples are the ends of three real treaty texts, in
tests/data/signatures/:

- ``algeciras_1906.txt``: the end of the General Act of Algeciras, from corpus article M02
  (Bevans, "Treaties and Other International Agreements of the United States of America
  1776-1949", vol. 1, p. 490, as on Wikisource; US government work);
- ``ghent_1814.txt``: the end of the Treaty of Ghent (infoplease.com's primary-source copy,
  "Treaty of Ghent: Article the Eleventh"; a public-domain treaty text);
- ``bering_sea_1892.txt``: the end of the Bering Sea convention of 18 April 1892 and the
  start of its proclamation (Google Books, a US government edition of the treaty;
  public domain): names in capitals, seals on lines of their own, prose after them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.clean import clean

DATA = Path(__file__).parent / "data" / "signatures"
ALGECIRAS = (DATA / "algeciras_1906.txt").read_text(encoding="utf-8")
GHENT = (DATA / "ghent_1814.txt").read_text(encoding="utf-8")
BERING_SEA = (DATA / "bering_sea_1892.txt").read_text(encoding="utf-8")


def signatories(corpus) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, set[str]] = {}
    for f in corpus.facts:
        if f.method == "signatures":
            out.setdefault(corpus.nodes[f.subject].label, set()).add(corpus.nodes[f.object].label)
    return out


def test_cleaner_keeps_a_treatys_signatures() -> None:
    blocks = clean(ALGECIRAS)
    kept = [ALGECIRAS[b.start : b.end] for b in blocks]
    assert "Robert Sager[seal]" in kept and "Radowitz[seal]" in kept
    # Without the attesting clause the same short lines are a page's trailing furniture.
    plain = ALGECIRAS.replace("In faith whereof", "Therefore").replace("Done at", "Written at")
    assert "Robert Sager[seal]" not in [plain[b.start : b.end] for b in clean(plain)]


def test_signatures_under_parties(read_article) -> None:  # type: ignore[no-untyped-def]
    found = signatories(read_article(ALGECIRAS))
    assert set(found) == {"General Act of Algeciras"}
    assert found["General Act of Algeciras"] >= {
        "Radowitz", "Tattenbach", "Duque de Almodóvar del Río", "J. Pérez-Caballero",
        "Henry White", "Samuel R. Gummeré", "Robert Sager",
        "Germany", "Spain", "United States", "Sweden",
    }  # fmt: skip
    # The reservation after "For the United States of America:" is no name.
    assert not any("reservation" in name.lower() for name in found["General Act of Algeciras"])


def test_signatures_without_parties(read_article) -> None:  # type: ignore[no-untyped-def]
    found = signatories(read_article(GHENT))
    assert found == {
        "Treaty of Ghent": {
            "Gambier", "Henry Goulburn", "William Adams", "John Quincy Adams", "J. A. Bayard",
            "H. Clay", "Jon. Russell", "Albert Gallatin",
        }
    }  # fmt: skip


def test_signatures_in_capitals_end_at_prose(read_article) -> None:  # type: ignore[no-untyped-def]
    found = signatories(read_article(BERING_SEA))
    assert found == {"Convention of Washington": {"James G. Blaine", "Julian Pauncefote"}}


@pytest.mark.parametrize(
    "text",
    [
        # A proclamation's attesting clause sets a hand to it; it signs no treaty.
        "Treaty of Ghent\nThe Treaty of Ghent was signed on 24 December 1814.\n\n"
        "In testimony whereof, I have hereunto set my hand, and caused the seal of the "
        "United States to be affixed.\n\nDone at the city of Washington.\n\nJAMES MADISON.\n"
        "JAMES MONROE.\n",
        # A clause quoted in an article, with prose after it, is prose.
        'Treaty of Ghent\nThe treaty closes: "In faith whereof, We the respective '
        'Plenipotentiaries have signed this Treaty." Historians have long debated its '
        "terms, and the war it ended was fought for two more weeks at New Orleans.\n\n"
        "Andrew Jackson commanded the Americans there, and Edward Pakenham the British "
        "army, which lost more than two thousand men in the battle.\n",
    ],
)
def test_signatures_none_where_no_treaty_is_signed(read_article, text: str) -> None:  # type: ignore[no-untyped-def]
    assert signatories(read_article(text)) == {}


def test_the_day_a_treaty_was_done(read_article) -> None:  # type: ignore[no-untyped-def]
    """ "Done at Algeciras this seventh day of April, one thousand nine hundred and six":
    the instrument's date, written out in words."""
    for text, label, day in (
        (ALGECIRAS, "General Act of Algeciras", "1906-04-07"),
        (GHENT, "Treaty of Ghent", "1814-12-24"),
        (BERING_SEA, "Convention of Washington", "1892-04-18"),
    ):
        corpus = read_article(text)
        dated = {
            (corpus.nodes[f.subject].label, f.object)
            for f in corpus.facts
            if f.method == "signatures:date"
        }
        assert dated == {(label, day)}
