"""Queries have a memory limit as well as a time limit (issue 11, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import QueryMemoryError
from queries.serving.limits import QueryPool, run_limited
from queries.serving.sandbox import parse_size

CAP = 800 * 1024**2
# A cross join of 400 million rows, sorted: pyoxigraph materialises it to sort.
NUMBERS = " ".join(str(i) for i in range(1000))
GREEDY = (
    f"SELECT ?a ?b ?c WHERE {{ VALUES ?a {{ {NUMBERS} }} VALUES ?b {{ {NUMBERS} }} "
    f"VALUES ?c {{ {NUMBERS[:400]} }} }} ORDER BY DESC(?c) ?b ?a LIMIT 1"
)


def test_memory_greedy_query_is_stopped_with_a_clear_error(mini_store_path: Path) -> None:
    with pytest.raises(QueryMemoryError) as stopped:
        run_limited(mini_store_path, GREEDY, timeout=300, max_memory=CAP)
    assert str(stopped.value) == (
        "query stopped: it needed more than 800 MB of memory (--max-memory)"
    )


def test_memory_pool_keeps_answering_after_a_greedy_query(mini_store_path: Path) -> None:
    with QueryPool(mini_store_path, workers=1, timeout=300, max_memory=CAP) as pool:
        with pytest.raises(QueryMemoryError):
            pool.run(GREEDY)
        assert pool.run("SELECT * WHERE { ?s ?p ?o } LIMIT 2").rows == 2


def test_memory_kg_query_reports_the_cap_on_one_line(kg) -> None:
    result = kg("query", "--max-memory", "800M", "--timeout", "300", GREEDY)
    assert result.exit_code == 1
    assert result.output == (
        "Error: query stopped: it needed more than 800 MB of memory (--max-memory)\n"
    )


@pytest.mark.parametrize(
    ("text", "size"),
    [("2G", 2 * 1024**3), ("800m", 800 * 1024**2), ("0", 0), ("1.5G", 3 * 1024**3 // 2)],
)
def test_memory_sizes_are_read(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(("value", "problem"), [("lots", "cannot read"), ("10M", "too small")])
def test_memory_bad_sizes_are_usage_errors(kg, value: str, problem: str) -> None:
    result = kg("query", "--max-memory", value, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert result.exit_code == 2
    assert problem in result.output and "Traceback" not in result.output


def test_memory_endpoint_answers_503_and_stays_up(mini_store_path: Path) -> None:
    import threading
    import urllib.error
    import urllib.parse
    import urllib.request

    from queries.serving.endpoint import QueryLimits, make_server, server_url

    limits = QueryLimits(timeout=300, max_rows=10, workers=1, max_memory=CAP)
    server = make_server(mini_store_path, "127.0.0.1", 0, limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def get(query: str) -> tuple[int, str]:
        url = server_url(server) + "sparql?" + urllib.parse.urlencode({"query": query})
        try:
            with urllib.request.urlopen(url, timeout=300) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    try:
        status, message = get(GREEDY)
        assert (status, message.strip()) == (
            503,
            "query stopped: it needed more than 800 MB of memory (--max-memory)",
        )
        assert get("ASK { ?s ?p ?o }")[0] == 200
    finally:
        server.shutdown()
        server.server_close()
        assert server.store.pool is not None
        server.store.pool.close()
        thread.join(timeout=10)
