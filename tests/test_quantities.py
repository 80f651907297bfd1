"""Numbers stated about events: what they count, whose they are, how hedged."""

from __future__ import annotations

TEXT = (
    "Battle of Borodino\n\n"
    "The Battle of Borodino was fought on 7 September 1812. "
    "The French casualties, with 28,000 dead and many wounded, were heavy. "
    "The Russians lost 45,000 soldiers killed, wounded and prisoners. "
    "French troops captured about 1,000 prisoners and 40 guns. "
    "Up to 10 million people could die in such a war.\n"
)


def read_quantities(read_article):  # type: ignore[no-untyped-def]
    """Quantities of TEXT keyed by (event, measure, value, side, hedged), and the corpus."""
    corpus = read_article(TEXT)
    return {
        (q.event, q.measure, q.value, q.about, q.approximate): q for q in corpus.quantities
    }, corpus


def test_quantities_measures_sides_and_hedges(read_article) -> None:  # type: ignore[no-untyped-def]
    found, _ = read_quantities(read_article)
    assert set(found) == {
        ("battle-of-borodino", "dead", 28000.0, "france", False),
        ("battle-of-borodino", "casualties", 45000.0, "russia", False),
        ("battle-of-borodino", "prisoners", 1000.0, None, True),
        ("battle-of-borodino", "guns", 40.0, None, False),
    }


def test_quantities_keep_the_words_and_the_sentence(read_article) -> None:  # type: ignore[no-untyped-def]
    found, corpus = read_quantities(read_article)
    losses = found[("battle-of-borodino", "casualties", 45000.0, "russia", False)]
    assert losses.unit == "soldiers killed, wounded and prisoners"
    path = corpus.documents[0].path
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    assert text[losses.evidence.start : losses.evidence.end] == losses.evidence.sentence
    assert "45,000" in losses.evidence.sentence


def test_quantities_hypothetical_numbers_are_skipped(read_article) -> None:  # type: ignore[no-untyped-def]
    found, _ = read_quantities(read_article)
    assert not any(value == 10_000_000 for _, _, value, _, _ in found)


def test_quantities_are_written_to_the_graph_with_evidence(read_article, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kg.mapping import write_corpus
    from kg.store import open_store

    corpus = read_article(TEXT)
    write_corpus(tmp_path / "store", corpus)
    from kg.vocab import sparql_prologue

    rows = list(
        open_store(tmp_path / "store").query(
            sparql_prologue()
            + """SELECT ?measure ?value ?sentence WHERE {
                 ?e hkg:hasQuantity ?q . ?q hkg:measure ?measure ; rdf:value ?value .
                 ?st rdf:object ?q ; prov:wasDerivedFrom/nif:anchorOf ?sentence }""",
        )
    )
    assert {(r["measure"].value, r["value"].value) for r in rows} >= {
        ("dead", "28000"),
        ("casualties", "45000"),
    }
    assert all(r["sentence"].value for r in rows)
