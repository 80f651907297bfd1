"""Every SPARQL example in README.md, run on a fresh build of seeds/, gives the rows the
README shows.

The README shows queries three ways: a ```sparql block followed by a block with the
table ``kg query`` prints; ``$ kg query "..."`` followed by its table; and the ``kg
serve`` curl example followed by its CSV. All of them are found here and run, so an
example that drifts from what the graph answers fails this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import GraphStore
from queries.sparql import format_results, run_query

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

import readme_examples  # noqa: E402

BLOCKS = readme_examples.SPARQL_BLOCK.findall(README)
COMMANDS = readme_examples.KG_QUERY.findall(README)
CURL = readme_examples.CURL.findall(README)

EXAMPLES = [
    *(pytest.param(q, out, "table", id=f"sparql-{i}") for i, (q, out) in enumerate(BLOCKS)),
    *(pytest.param(q, out, "table", id=f"kg-query-{i}") for i, (q, out) in enumerate(COMMANDS)),
    *(pytest.param(q, out, "csv", id=f"curl-{i}") for i, (q, out) in enumerate(CURL)),
]


def test_readme_has_the_examples_this_test_expects() -> None:
    # The README's query examples: who, in which role, when, which sources disagree, how
    # sure, commanders with sentences; the kg query example; the kg serve example.
    assert len(BLOCKS) >= 6
    assert len(COMMANDS) >= 1
    assert len(CURL) == 1


@pytest.mark.parametrize(("query", "expected", "fmt"), EXAMPLES)
def test_readme_sparql_example_gives_the_rows_shown(
    seeds_store: GraphStore, query: str, expected: str, fmt: str
) -> None:
    output = format_results(run_query(seeds_store, query), fmt).replace("\r\n", "\n")
    assert output.strip() == expected.strip()


def test_readme_standard_vocabulary_examples_know_nothing_of_the_project() -> None:
    """The first three examples are written with SEM, SKOS and RDF alone."""
    for query, _ in BLOCKS[:3]:
        assert "hkg:" not in query and "histkg" not in query
        assert "sem:" in query


def test_readme_answers_are_one_row_per_answer(seeds_store: GraphStore) -> None:
    """Each event once in the dates example, each actor once in the who example."""
    for query, _ in BLOCKS[:3]:
        rows = [tuple(s) for s in run_query(seeds_store, query).result]  # type: ignore[union-attr]
        assert rows and len(rows) == len(set(rows))


# The command examples (kg who, when, timeline, describe ...): what the README shows is
# what the command prints on a fresh build; `python tests/readme_examples.py` rewrites them.
COMMAND_EXAMPLES = readme_examples.examples(README)


def test_readme_has_command_examples() -> None:
    commands = {e.args[0] for e in COMMAND_EXAMPLES}
    assert {"who", "when", "timeline", "describe", "sources", "stats"} <= commands


@pytest.mark.parametrize("example", COMMAND_EXAMPLES, ids=lambda e: e.command[:40])
def test_readme_command_example_is_what_the_command_prints(
    seeds_store_path, example: readme_examples.Example
) -> None:
    printed = readme_examples.run(example, seeds_store_path)
    assert readme_examples.shown(example, printed) == example.output


# The sessions (kg build, kg correct ... kg build): run in order in a fresh folder with a
# copy of seeds/, they print what the README shows.
SESSIONS = readme_examples.sessions(README)


def test_readme_has_the_build_and_correct_sessions() -> None:
    commands = [c.split()[0] for s in SESSIONS for c, _ in s.steps()]
    assert commands.count("build") >= 2 and "correct" in commands


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s.steps()[0][0][:40])
def test_readme_session_prints_what_the_readme_shows(session: readme_examples.Session) -> None:
    printed = readme_examples.play(session)
    assert readme_examples.session_text(session, printed) == session.body


def test_readme_session_check_fails_on_a_stale_line() -> None:
    session = SESSIONS[0]
    stale = readme_examples.Session(session.body.replace(" facts", " facts!"), 0, 0)
    assert readme_examples.session_text(stale, readme_examples.play(stale)) != stale.body
