"""The learned date step (extract/event_dating.py): what reading records about each date,
the candidate (event, date) pairs and their features, and how the model's score and the
rules combine. The sentences are the history corpus's own (tests/data/history/texts/)."""

from __future__ import annotations

import json

import pytest

from extract.analysis import DateLink, DateRecord, DocumentAnalysis, LocalNode, SentenceMentions
from extract.event_dating import (
    NEW_FACT_FLOOR,
    DatingModel,
    date_features,
    rescore,
    shipped_model,
)
from extract.model import Evidence, Fact


def _read(model_nlp, text: str) -> DocumentAnalysis:  # type: ignore[no-untyped-def]
    """One article read with the sentence rules only, as training reads it."""
    from extract.corpus import analyse_sources
    from extract.sources import SourceText

    src = SourceText("article.txt", "article.txt", text, "0")
    return next(a for _, a in analyse_sources(model_nlp, [src], learned=False))


def _pair(analysis: DocumentAnalysis, event: str, value: str, *, infobox: bool = False) -> dict:
    feats = date_features(analysis)
    hits = [
        f
        for (e, i), f in feats.items()
        if analysis.nodes[e].name == event
        and analysis.dates[i].begin == value
        and analysis.dates[i].infobox == infobox
    ]
    assert hits, f"no candidate ({event}, {value}) among {sorted(feats)}"
    return hits[0]


# B13 Sedan, A12 Tordesillas, A16 Poltava, B06 Alamo: how the sentence ties the date to
# each event it names.
@pytest.mark.parametrize(
    ("sentence", "event", "value", "expected"),
    [
        ("The Battle of Sedan was fought during the Franco–Prussian War on 1 September 1870.",
         "Battle of Sedan", "1870-09-01", {"owner": 1.0, "part": 0.0, "same_sentence": 1.0}),
        # The war is named after "during", and the battle owns the date: a part's date.
        ("The Battle of Sedan was fought during the Franco–Prussian War on 1 September 1870.",
         "Franco–Prussian War", "1870-09-01",
         {"owner": 0.0, "part": 1.0, "other_owner": 1.0, "before=during": 1.0}),
        ("The other side of the world was divided a few decades later by the Treaty of "
         "Zaragoza, signed on 22 April 1529, which specified the antimeridian.",
         "Treaty of Zaragoza", "1529-04-22", {"apposed": 1.0, "prec": "day"}),
        ("The Battle of Poltava[d] (8 July 1709[e]) was the decisive victory of Peter I of "
         "Russia.", "Battle of Poltava", "1709-07-08", {"apposed": 1.0, "cue=(": 1.0}),
        ("Buoyed by a desire for revenge, the Texians defeated the Mexican Army at the Battle "
         "of San Jacinto, on April 21, 1836, ending the revolution.",
         "Battle of San Jacinto", "1836-04-21", {"apposed": 1.0, "rule_conf": 0.9}),
    ],
)  # fmt: skip
def test_date_features_read_how_the_sentence_ties_date_and_event(
    model_nlp,  # type: ignore[no-untyped-def]
    sentence: str,
    event: str,
    value: str,
    expected: dict,
) -> None:
    feats = _pair(_read(model_nlp, sentence + "\n"), event, value)
    assert {k: feats.get(k, 0.0) for k in expected} == expected


def test_date_records_keep_infobox_lines_and_years_from_context(model_nlp) -> None:  # type: ignore[no-untyped-def]
    # B11 Solferino's box line; A16 Poltava's "in November" after a sentence with its year.
    text = (
        "Battle of Solferino\n\n- Date: 24 June 1859\n\n"
        "The Battle of Solferino was fought in 1859. In June the armies met again.\n"
    )
    a = _read(model_nlp, text)
    box = [r for r in a.dates if r.infobox]
    assert [(r.begin, r.sentence) for r in box] == [("1859-06-24", -1)]
    filled = [r for r in a.dates if r.begin == "1859-06"]
    assert filled and filled[0].filled and not box[0].filled
    feats = _pair(a, "Battle of Solferino", "1859-06-24", infobox=True)
    assert feats["infobox"] == 1.0 and feats["is_title"] == 1.0


def test_date_features_a_sentence_about_another_event_is_not_the_main_events(model_nlp) -> None:  # type: ignore[no-untyped-def]
    # A16 Poltava: a paragraph about the earlier battle of Narva; the article's event is
    # Poltava. The Narva date is a candidate for Poltava only through the paragraph, and
    # the sentence names Narva, not Poltava.
    text = (
        "Battle of Poltava\n\n"
        "The Battle of Poltava (8 July 1709) was the decisive victory of Peter I of Russia.\n\n"
        "Charles XII had led Swedish forces to early victories in North Zealand (summer 1700) "
        "and in the Battle of Narva in November 1700.\n"
    )
    a = _read(model_nlp, text)
    narva = _pair(a, "Battle of Narva", "1700-11")
    assert narva["same_sentence"] == 1.0 and narva["rule_conf"] > 0
    feats = date_features(a)
    poltava_1700 = [
        f
        for (e, i), f in feats.items()
        if a.nodes[e].name == "Battle of Poltava" and a.dates[i].begin == "1700-11"
    ]
    for f in poltava_1700:
        assert f["same_sentence"] == 0.0 and f.get("rule_conf", 0.0) == 0.0


# With the shipped model: the rule's dates keep their place, and a date the sentence
# ties to another event is not given to the article's event (A16 Poltava, B06 Alamo,
# B07 Guadalupe Hidalgo).
@pytest.mark.parametrize(
    ("text", "main", "not_its"),
    [
        ("Battle of Poltava\n\nThe Battle of Poltava (8 July 1709) was the decisive victory of "
         "Peter I of Russia.\n\nCharles XII had led Swedish forces to early victories in North "
         "Zealand (summer 1700) and in the Battle of Narva in November 1700.\n",
         "battle-of-poltava", "1700-11"),
        ("Battle of the Alamo\n\nThe Battle of the Alamo (February 23 – March 6, 1836) was a "
         "pivotal event in the Texas Revolution.\n\nBuoyed by a desire for revenge, the Texians "
         "defeated the Mexican Army at the Battle of San Jacinto, on April 21, 1836, ending the "
         "revolution.\n", "battle-of-the-alamo", "1836-04-21"),
        ("Treaty of Guadalupe Hidalgo\n\nThe Treaty of Guadalupe Hidalgo was signed on 2 "
         "February 1848.\n\nThe Treaty of Guadalupe Hidalgo officially ended the "
         "Mexican–American War (1846–1848).\n", "treaty-of-guadalupe-hidalgo", "1846"),
    ],
)  # fmt: skip
def test_the_article_event_does_not_take_a_neighbours_date(
    read_article,  # type: ignore[no-untyped-def]
    text: str,
    main: str,
    not_its: str,
) -> None:
    corpus = read_article(text, learned=True)
    values = {f.object for f in corpus.facts if f.subject == main and f.predicate == "begin"}
    assert values and not_its not in values


def test_a_war_takes_the_year_of_its_battle_from_the_model(read_article) -> None:  # type: ignore[no-untyped-def]
    # B13 Sedan: the war's only dated sentence is its battle's; the model gives the war
    # the battle's year (not its day: the war began earlier).
    corpus = read_article(
        "Battle of Sedan\n\nThe Battle of Sedan was fought during the Franco–Prussian War on "
        "1 September 1870.\n",
        learned=True,
    )
    war = [(f.predicate, f.object, f.method) for f in corpus.facts
           if f.subject == "franco-prussian-war" and f.predicate in {"begin", "end"}]  # fmt: skip
    assert war == [("begin", "1870", "model:date")]


# -- combination, with a hand-made model ---------------------------------------------


def _doc() -> DocumentAnalysis:
    """Two events; sentence 0 names X with a date the rule gave it, sentence 1 names X
    and a date no rule took, sentence 2 names Y with a date."""
    a = DocumentAnalysis("doc.txt")
    x, y = "event|Battle|Battle of X", "event|War|1901 Y War"
    a.nodes[x] = LocalNode("event", "Battle", "Battle of X", {"Battle of X"})
    a.nodes[y] = LocalNode("event", "War", "1901 Y War", {"1901 Y War"})
    for i, (event, value) in enumerate([(x, "1900-05-01"), (x, "1900-06"), (y, "1905")]):
        ev = Evidence("doc.txt", f"sentence {i}", i * 20, i * 20 + 10)
        a.sentence_mentions.append(SentenceMentions(i, i, False, (event,), None, (), ev))
        link = DateLink(event, 1, True, False, True, False, "begin", "")
        a.dates.append(DateRecord(i, i, value, None, False, "on", "fight", (link,), ev))
    a.facts.append(Fact(x, "begin", "1900-05-01", a.dates[0].evidence, 0.9, "pattern:date"))
    a.facts.append(Fact(y, "begin", "1901", a.dates[2].evidence, 0.6, "name:year"))
    return a


def _model(weights: dict[str, float], intercept: float) -> DatingModel:
    names = sorted(weights)
    return DatingModel({"features": names, "coef": [weights[n] for n in names],
                        "intercept": intercept})  # fmt: skip


def test_rescore_gives_rule_dates_the_model_confidence_and_adds_trusted_ones() -> None:
    a = _doc()
    # A model that trusts a date in the event's own sentence.
    rescore(a, _model({"same_sentence": 6.0}, -3.0))
    dates = {(f.subject.split("|")[-1], f.object): f for f in a.facts if f.predicate == "begin"}
    ruled = dates[("Battle of X", "1900-05-01")]
    assert ruled.method == "pattern:date+model" and ruled.confidence == pytest.approx(0.95)
    added = dates[("Battle of X", "1900-06")]
    assert added.method == "model:date" and added.confidence >= NEW_FACT_FLOOR
    assert added.evidence.sentence == "sentence 1"
    # Negative: the name says 1901, so a 1905 date is not the war's, however trusted.
    assert ("1901 Y War", "1905") not in dates
    assert dates[("1901 Y War", "1901")].method == "name:year"


def test_rescore_adds_nothing_below_the_floor_and_without_a_model() -> None:
    a = _doc()
    rescore(a, _model({"same_sentence": 0.5}, -3.0))
    assert not [f for f in a.facts if f.method == "model:date"]
    ruled = next(f for f in a.facts if f.method.startswith("pattern:date"))
    assert ruled.confidence < 0.5  # the model doubts it; the fact stays, at its score


def test_shipped_date_model_is_small_and_records_out_of_fold_figures() -> None:
    model = shipped_model()
    assert model is not None
    meta = model.meta
    assert meta["model_out_of_fold"]["f1"] > meta["rules_alone"]["f1"]
    bands = meta["reliability_out_of_fold"]
    assert sum(b["pairs"] for b in bands) == meta["pairs"]
    end_to_end = meta["end_to_end_out_of_fold"]
    assert end_to_end["rules_and_model"]["dated"] == end_to_end["rules_alone"]["dated"]
    assert len(model.vectorizer.feature_names_) < 1000


def test_date_training_fit_is_deterministic() -> None:
    from eval.train_dates import fit

    rows = [{"a": 1.0, "cue=in": 1.0}, {"a": 0.0}, {"b": 1.0}, {"a": 1.0, "b": 0.5}] * 3
    labels = [1, 0, 0, 1] * 3
    weights = [1.0, 1.0, 0.05, 1.0] * 3
    dumps = [json.dumps(DatingModel.dump(*fit(rows, labels, weights), {})) for _ in range(2)]
    assert dumps[0] == dumps[1]
