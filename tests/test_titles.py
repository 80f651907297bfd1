"""Titles of address before names (extract.components): abbreviated ones ("Maj. Gen.",
"Sig."), other languages' ("Signor", "Monsieur"), plural ones before a list of names
("Senators Lodge and Underwood"), and a delegation list that drops its verb ("China by
Mr. Wellington Koo and Mr. Sze") read as people, not as an image caption's makers. Every
example is a line of a dev article of the history corpus."""

from __future__ import annotations

import pytest

from extract.components import _plural_titled_people


def people(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.kb_id_ for e in nlp(text).ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maj. Gen. George B. McClellan of the Union Army", "George B. McClellan"),  # D01
        ("Here were killed David Crockett and Col. James Bowie, from whom", "James Bowie"),  # B06
        ("Henry White, ex Ambassador to Rome and Paris; Col. Edward M. House, and General "
         "Tasker H. Bliss.", "Edward M. House"),  # I03
        ("till the morning of the 28th, when Gen. Sir John Maxwell arrived to take command",
         "John Maxwell"),  # K01
        ("Italy by Sig. Schanzer and Sig. Ricci;", "Schanzer"),  # P03
        ("the credentials of the plenipotentiaries: M. Briand, Premier and Foreign Minister "
         "of France; Signor Scialoja, head of the Italian delegation", "Scialoja"),  # M03
        ("Kingdom of France Monsieur Sinfray", "Sinfray"),  # O02
    ],
)  # fmt: skip
def test_abbreviated_and_foreign_titles(model_nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in people(model_nlp, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("As American delegates Mr. Harding designated Secretary of State Hughes, Elihu "
         "Root, Senators Lodge and Underwood;", {"Lodge", "Underwood"}),  # P03
        ("Delegates White and Gummeré to the Secretary of State.", {"White", "Gummeré"}),  # M02
        ("Daladier with Generals Joseph Vuillemin and Victor Bourret on 12 November 1939",
         {"Joseph Vuillemin", "Victor Bourret"}),  # B20
    ],
)  # fmt: skip
def test_plural_titles_before_a_list_of_names(model_nlp, text: str, names: set[str]) -> None:  # type: ignore[no-untyped-def]
    found = people(model_nlp, text)
    assert names <= set(found)
    assert "Delegates White" not in found


def test_a_misread_name_is_no_name_of_a_list(model_nlp) -> None:  # type: ignore[no-untyped-def]
    # N02: a scanner's "Clément" misread; "CIC" is no person.
    text = "took possession of the city. Generals Lecomte and CIC:ment Thomas were shot."
    assert "CIC" not in people(model_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Generals Staff met at noon.",  # a body, not a list of people
        "The Kings of France were crowned at Reims.",
        "The Senators voted against the treaty.",  # no names after the title
        "Colonels Prescott arrived at the hill.",  # one name is no list
    ],
)
def test_plural_titles_need_a_list_of_names(model_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _plural_titled_people(model_nlp(text)) == []


def test_a_col_is_no_colonel(model_nlp) -> None:  # type: ignore[no-untyped-def]
    # "Col" as a mountain pass, not abbreviated: no full stop follows it.
    assert "du Galibier" not in people(model_nlp, "The riders crossed the Col du Galibier.")


def test_a_delegation_list_is_no_image_credit(model_nlp) -> None:  # type: ignore[no-untyped-def]
    """P03: the Britannica's list of delegations drops its verb after the first clause,
    which made "China by Mr. Wellington Koo and Mr. Sze." read like a caption crediting
    its makers; a state is represented by its delegates, not made by them."""
    text = (
        "As American delegates Mr. Harding designated Secretary of State Hughes; Japan by "
        "Prince Tokugawa, Admiral Kato, and Ambassador Shidehara; China by Mr. Wellington "
        "Koo and Mr. Sze."
    )
    assert {"Wellington Koo", "Sze"} <= set(people(model_nlp, text))
    # A caption still credits its maker (F02).
    assert "Benjamin West" not in people(model_nlp, "The Death of General Wolfe by Benjamin West.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The English fleet under Lord Howard of Effingham", "Howard of Effingham"),  # A13
        ("the British Empire was represented by Mr. Balfour, Lord Lee of Fareham, Sir "
         "Auckland Geddes and Sir Robert Borden", "Lee of Fareham"),  # P03
        # Wikipedia's box of Lord Carrington, and GOV.UK's list of past foreign secretaries
        ("Preceded by The Earl Alexander of Hillsborough", "Alexander of Hillsborough"),
        ("Sir Edward Grey, Viscount Grey of Fallodon", "Grey of Fallodon"),
    ],
)  # fmt: skip
def test_a_peers_title_names_a_place(model_nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    found = people(model_nlp, text)
    assert name in found
    # The place is no person of its own, and the peer is no other man of his surname.
    assert name.split(" of ")[1] not in found and name.split(" of ")[0] not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [("Lord Nelson of the Royal Navy", "Nelson"), ("Lord Raglan of England", "Raglan"),
     ("General Grant of Ohio", "Grant")],
)  # fmt: skip
def test_no_designation_after_a_body_a_state_or_a_rank(model_nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in people(model_nlp, text)
