"""Every SPARQL example in README.md, run on a fresh build of seeds/, gives the rows the
README shows.

The README shows queries three ways: a ```sparql block followed by a block with the
table ``kg query`` prints; ``$ kg query "..."`` followed by its table; and the ``kg
serve`` curl example followed by its CSV. All of them are found here and run, so an
example that drifts from what the graph answers fails this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.store import GraphStore
from queries.sparql import format_results, run_query

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

# A ```sparql block and the plain ``` block right after it (the printed table).
BLOCKS = re.findall(r"```sparql\n(.*?)```\n\n(?:[^`\n][^\n]*\n\n)?```\n(.*?)```", README, re.S)
# `$ kg query "..."` in a console block, and its output up to the end of the block.
COMMANDS = re.findall(r'^\$ kg query "(.*?)"\n(.*?)```', README, re.S | re.M)
# The curl example of kg serve: the query, then the CSV up to the blank line.
CURL = re.findall(
    r"-H 'Accept: text/csv' --data-urlencode \\\n\s+'query=(.*?)'\n(.*?)\n\n", README, re.S
)

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
