"""A huge name is answered at once, and quoted short (issue 11.7).

A 100,000-character name made ``kg describe`` take 21 s (fuzzy matching against every
alias), and every error message repeated the whole name.
"""

from __future__ import annotations

import time

import pytest

from queries.lookup import Candidate, match, quoted

HUGE = "Battle of Khalkhin Gol " * 4_500  # about 100,000 characters


@pytest.mark.parametrize("command", ["describe", "who", "when", "sources"])
def test_absurd_names_get_a_short_one_line_error(kg, command: str) -> None:
    result = kg(command, HUGE)
    assert result.exit_code == 1
    assert len(result.output) < 400, len(result.output)
    assert "(103,500 characters)" in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_absurd_names_are_not_compared_fuzzily() -> None:
    # Counted, not timed: the fuzzy comparison must not even start.
    calls = []
    candidates = [Candidate(f"urn:{i}", f"Battle of Place{i}", "Battle", ()) for i in range(50)]
    import queries.lookup

    real = queries.lookup._similarity

    def counting(query: str, candidate: Candidate) -> float:
        calls.append(1)
        return real(query, candidate)

    queries.lookup._similarity = counting  # type: ignore[assignment]
    try:
        started = time.monotonic()
        with pytest.raises(Exception, match="only matched exactly"):
            match(candidates, HUGE)
        assert calls == []
        assert time.monotonic() - started < 60  # not a timing target: only bounded
        assert match(candidates, "Batle of Plase7").iri == "urn:7"
        assert calls  # an ordinary misspelling is still matched fuzzily
    finally:
        queries.lookup._similarity = real  # type: ignore[assignment]


def test_absurd_names_quoted_keeps_short_names_whole() -> None:
    assert quoted("Kursk") == "'Kursk'"
    assert quoted("x" * 1000) == repr("x" * 79) + "… (1,000 characters)"
