"""A bounded load test of ``kg serve`` on loopback.

Starts ``kg serve --port 0`` as a subprocess over a store (the seed articles, built into a
temporary folder, unless ``--store`` names one), then runs 20 concurrent clients that send
2,000 queries in total, a few of them runaway queries that must hit the endpoint's time
limit. It reports latency percentiles, errors, the runaway queries' outcome and the peak
memory of the server and its worker processes, sampled from /proc.

    python -m bench.load_serve                 # 20 clients, 2,000 queries, 5 runaway
    python -m bench.load_serve --store DIR --clients 20 --queries 2000 --runaway 5 --json out.json

Bounded: every request has a client-side deadline, and the server (with every process it
started) is stopped at the end whatever happened. The exit status is 0 when no ordinary
query failed and every runaway query was answered with an error within its deadline.
Not a unit test: timings depend on the machine (two cores here), so they are reported,
never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent

PREFIXES = (
    "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX hkg: <https://w3id.org/histkg/ns#>\n"
    "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)
# What a person at the query page asks: lists, a participant lookup, counts, a text
# search, a graph. All answer in milliseconds on the seed store.
ORDINARY: dict[str, str] = {
    "events": "SELECT ?e ?label WHERE { ?e a sem:Event ; skos:prefLabel ?label } ORDER BY ?label",
    "participants": (
        "SELECT ?event ?actor ?role WHERE { ?st a hkg:Statement ; rdf:subject ?e ;"
        " rdf:predicate ?role ; rdf:object ?a . ?e skos:prefLabel ?event ."
        " ?a skos:prefLabel ?actor } ORDER BY ?event ?actor LIMIT 200"
    ),
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "by-type": (
        "SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type ORDER BY DESC(?n)"
    ),
    "search": (
        "SELECT ?sentence WHERE { ?s nif:anchorOf ?sentence"
        " FILTER(CONTAINS(LCASE(?sentence), 'treaty')) } LIMIT 20"
    ),
    "ask": "ASK { ?e a sem:Event }",
    "construct": "CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e a sem:Event ; skos:prefLabel ?l }",
}
# Every node reaches every other through (p|!p)*: the count is astronomical.
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|!<urn:p>)* ?b . ?c (<urn:p>|!<urn:p>)* ?d ."
    " ?e (<urn:p>|!<urn:p>)* ?f }"
)


@dataclass
class Outcome:
    kind: str
    status: int | None  # None: no answer (connection error or client deadline)
    seconds: float
    detail: str = ""


@dataclass
class Memory:
    peak_kib: int = 0
    samples: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------


def build_seed_store(folder: Path) -> Path:
    store = folder / "store"
    done = subprocess.run(
        [sys.executable, "-m", "cli", "build", "seeds", "--store", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise SystemExit(f"kg build failed: {done.stderr.strip().splitlines()[-1:]}")
    return store


def start_server(store: Path) -> tuple[subprocess.Popen[str], str]:
    """``kg serve --port 0`` in its own process group; returns it and its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", "0", "--quiet", "--store", str(store)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise SystemExit("kg serve exited before it was ready")
        found = re.search(r"(http://\S+?/)sparql", line)
        if found:
            return process, found.group(1)
    stop_server(process)
    raise SystemExit("kg serve did not say where it listens within 120 s")


def stop_server(process: subprocess.Popen[str]) -> None:
    """SIGTERM the server's process group, then SIGKILL whatever is left."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def watch_memory(pid: int, memory: Memory, stop: threading.Event) -> None:
    """Sample the summed RSS of the server and its descendants every 100 ms."""
    while not stop.wait(0.1):
        total = sum(_rss_kib(p) for p in _descendants(pid))
        memory.samples.append(total)
        memory.peak_kib = max(memory.peak_kib, total)


# ---------------------------------------------------------------------------------------
# The clients
# ---------------------------------------------------------------------------------------


def ask(base: str, kind: str, query: str, deadline: float) -> Outcome:
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=deadline)
    body = urlencode({"query": PREFIXES + query})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
    }
    started = time.perf_counter()
    try:
        connection.request("POST", "/sparql", body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        status = response.status
    except (OSError, http.client.HTTPException) as exc:
        return Outcome(kind, None, time.perf_counter() - started, type(exc).__name__)
    finally:
        connection.close()
    detail = data[:200].decode("utf-8", "replace").strip() if status >= 400 else ""
    return Outcome(kind, status, time.perf_counter() - started, detail)


def run_clients(
    base: str, clients: int, total: int, runaway: int, deadline: float, seed: int
) -> tuple[list[Outcome], float]:
    rng = random.Random(seed)
    plan = [rng.choice(sorted(ORDINARY)) for _ in range(total - runaway)]
    # Runaway queries spread over the run, not bunched at the start.
    for index in sorted(rng.sample(range(total), runaway)):
        plan.insert(index, "runaway")
    jobs = iter(plan)
    lock = threading.Lock()
    outcomes: list[Outcome] = []

    def client() -> None:
        while True:
            with lock:
                kind = next(jobs, None)
            if kind is None:
                return
            query = RUNAWAY if kind == "runaway" else ORDINARY[kind]
            outcome = ask(base, kind, query, deadline)
            with lock:
                outcomes.append(outcome)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, name=f"client-{i}") for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    return {
        "p50_ms": at(0.50) * 1000,
        "p90_ms": at(0.90) * 1000,
        "p99_ms": at(0.99) * 1000,
        "max_ms": ordered[-1] * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
    }


def report(
    outcomes: list[Outcome], elapsed: float, memory: Memory, args: argparse.Namespace
) -> dict[str, object]:
    ordinary = [o for o in outcomes if o.kind != "runaway"]
    runaway = [o for o in outcomes if o.kind == "runaway"]
    failed = [o for o in ordinary if o.status is None or o.status >= 400]
    stopped = [o for o in runaway if o.status is not None and o.status >= 400]
    by_kind = {
        kind: percentiles([o.seconds for o in ordinary if o.kind == kind and o.status == 200])
        for kind in sorted({o.kind for o in ordinary})
    }
    return {
        "clients": args.clients,
        "queries": len(outcomes),
        "elapsed_s": elapsed,
        "throughput_qps": len(outcomes) / elapsed if elapsed else 0.0,
        "ordinary": {
            "count": len(ordinary),
            "errors": len(failed),
            "error_samples": sorted({f"{o.status}: {o.detail or 'no answer'}" for o in failed})[:5],
            "latency": percentiles([o.seconds for o in ordinary if o.status == 200]),
            "latency_by_kind": by_kind,
        },
        "runaway": {
            "count": len(runaway),
            "stopped_with_an_error": len(stopped),
            "statuses": sorted({str(o.status) for o in runaway}),
            "messages": sorted({o.detail for o in stopped})[:3],
            "seconds": sorted(round(o.seconds, 2) for o in runaway),
        },
        "memory": {
            "peak_rss_mib": memory.peak_kib / 1024,
            "first_rss_mib": (memory.samples[0] / 1024) if memory.samples else 0.0,
            "last_rss_mib": (memory.samples[-1] / 1024) if memory.samples else 0.0,
            "samples": len(memory.samples),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="store folder (default: build the seeds)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--runaway", type=int, default=5)
    parser.add_argument(
        "--deadline", type=float, default=120.0, help="client-side seconds per request"
    )
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kg-load-") as scratch:
        store = args.store or build_seed_store(Path(scratch))
        server, base = start_server(store)
        memory, stop = Memory(), threading.Event()
        watcher = threading.Thread(target=watch_memory, args=(server.pid, memory, stop))
        watcher.start()
        try:
            outcomes, elapsed = run_clients(
                base, args.clients, args.queries, args.runaway, args.deadline, args.seed
            )
        finally:
            stop.set()
            watcher.join()
            stop_server(server)
    result = report(outcomes, elapsed, memory, args)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    ordinary, runaway = result["ordinary"], result["runaway"]
    ok = ordinary["errors"] == 0 and runaway["stopped_with_an_error"] == runaway["count"]  # type: ignore[index]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
