"""The smaller faults of issue 11, item 7: each one as it was reported."""

from __future__ import annotations

import os
import socket
import stat
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import write_generation


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "0x10"])
def test_small_faults_bad_content_length_gets_400(sparql_endpoint: str, length: str) -> None:
    address = urllib.parse.urlsplit(sparql_endpoint)
    with socket.create_connection((address.hostname, address.port), timeout=30) as conn:
        conn.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            + f"Content-Length: {length}\r\n\r\nASK {{}}".encode()
        )
        reply = b""
        while chunk := conn.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400"), reply
    assert reply.endswith(b"Content-Length is not a number\n")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_small_faults_written_files_follow_the_umask(kg, tmp_path: Path) -> None:
    export, page = tmp_path / "graph.nq", tmp_path / "page.html"
    assert kg("export", "--format", "nquads", "-o", str(export)).exit_code == 0
    assert kg("viz", "Battle of Khalkhin Gol", "-o", str(page)).exit_code == 0
    assert _mode(export) == 0o644 and _mode(page) == 0o644
    # A file that is replaced keeps its own permissions.
    export.chmod(0o640)
    assert kg("export", "--format", "nquads", "-o", str(export)).exit_code == 0
    assert _mode(export) == 0o640


def test_small_faults_serve_lets_go_of_replaced_generations(
    tmp_path: Path, mini_quads: list[ox.Quad]
) -> None:
    from queries.serving.endpoint import QueryLimits, make_server, server_url

    root = tmp_path / "store"
    first = write_generation(root, mini_quads)
    server = make_server(root, "127.0.0.1", 0, limits=QueryLimits(timeout=60, workers=1))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ask = server_url(server) + "sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    try:
        for _ in range(2):  # two rebuilds, each followed by a query
            with urllib.request.urlopen(ask, timeout=60) as response:
                assert response.status == 200
            write_generation(root, mini_quads)
        with urllib.request.urlopen(ask, timeout=60) as response:
            assert response.status == 200
        latest = write_generation(root, mini_quads)
        # The first generation is gone from disk; only what a worker may hold remains.
        assert not first.exists()
        assert latest.exists()
    finally:
        server.shutdown()
        server.server_close()
        assert server.store.pool is not None
        server.store.pool.close()
        thread.join(timeout=10)
