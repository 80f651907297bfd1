"""Shared fixtures: the one place for them (append new fixtures below, grouped by topic).

The query-side tests run against a small store built from ``tests/data/mini.trig``, a
hand-written graph in exactly the shape ``kg build`` writes (see the header of that file
for what it deliberately contains).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib.namespace import RDF, SKOS

import extract.stream
from cli import main
from extract.document import DocumentAnalysis
from extract.model import Corpus, DocumentInfo, Evidence, Fact, Node
from kg.layer import claims_in, resolved_quads
from kg.mapping import corpus_quads, ontology_quads
from kg.store import GraphStore, open_store, write_generation
from kg.vocab import HKG, RESOLVED_GRAPH, SEM, STATEMENT_NS

WRITTEN = Path(__file__).parent / "data" / "written"

DATA = Path(__file__).parent / "data"
MINI_TRIG = DATA / "mini.trig"


# ---------------------------------------------------------------------------------------
# The mini store (queries, export, CLI)
# ---------------------------------------------------------------------------------------


def _raw(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))


_FACT_PROPERTIES = {
    *(str(HKG[p]) for p in ("participant", "commander", "belligerent", "signatory")),
    *(str(HKG[p]) for p in ("declaredWarOn", "denounced", "signed", "hasQuantity")),
    *(str(SEM[p]) for p in ("hasPlace", "hasBeginTimeStamp", "hasEndTimeStamp")),
}


def as_built(raw: list[ox.Quad]) -> list[ox.Quad]:
    """The hand-written test graphs in the shape ``kg build`` writes.

    mini.trig and mini_extra.trig state each document's facts compactly, as plain triples
    in its graph beside their hkg:Statements, and its names as skos:altLabel there. A
    build writes the claims only (the statements) in document graphs: this turns each
    plain fact triple into a claim (a statement without evidence when the file gives it
    none), moves the names to graph:resolved, then adds the resolved layer
    (kg/layer.py) and the ontology graph exactly as kg build does.
    """
    resolved = ox.NamedNode(str(RESOLVED_GRAPH))
    statements = {
        (q.graph_name, q.subject)
        for q in raw
        if q.predicate.value == str(RDF.type) and q.object.value == str(HKG.Statement)
    }
    ends: dict[tuple[object, object], dict[str, object]] = {}
    for q in raw:
        if (q.graph_name, q.subject) in statements:
            ends.setdefault((q.graph_name, q.subject), {})[q.predicate.value] = q.object
    stated = {
        (g, e.get(str(RDF.subject)), e.get(str(RDF.predicate)), e.get(str(RDF.object)))
        for (g, _), e in ends.items()
    }
    labels = {q.subject: q.object for q in raw if q.predicate.value == str(SKOS.prefLabel)}
    out: list[ox.Quad] = []
    for q in raw:
        in_document = q.graph_name != resolved
        if in_document and q.predicate.value in _FACT_PROPERTIES:
            if (q.graph_name, q.subject, q.predicate, q.object) not in stated:
                key = f"{q.graph_name}|{q.subject}|{q.predicate}|{q.object}"
                st = ox.NamedNode(str(STATEMENT_NS[hashlib.sha256(key.encode()).hexdigest()[:20]]))
                triple = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(HKG.Statement))
                out.append(ox.Quad(st, *triple, q.graph_name))
                ends_of = ((RDF.subject, q.subject), (RDF.predicate, q.predicate))
                for p, o in (*ends_of, (RDF.object, q.object)):
                    out.append(ox.Quad(st, ox.NamedNode(str(p)), o, q.graph_name))
            continue
        if in_document and q.predicate.value == str(SKOS.altLabel):
            if labels.get(q.subject) != q.object:
                out.append(ox.Quad(q.subject, q.predicate, q.object, resolved))
            continue
        out.append(q)
    out = list(dict.fromkeys(out))
    return [*out, *resolved_quads(claims_in(out)), *ontology_quads()]


@pytest.fixture(scope="session")
def built_shape() -> Callable[[list[ox.Quad]], list[ox.Quad]]:
    """:func:`as_built`, for tests that write a small hand-made graph of their own."""
    return as_built


@pytest.fixture(scope="session")
def mini_quads() -> list[ox.Quad]:
    """The quads of tests/data/mini.trig as kg build would write them (:func:`as_built`)."""
    return as_built(_raw(MINI_TRIG))


@pytest.fixture(scope="session")
def mini_store_path(tmp_path_factory: pytest.TempPathFactory, mini_quads: list[ox.Quad]) -> Path:
    """A store folder (as ``kg build`` lays it out) holding tests/data/mini.trig.

    Built once per session: it is only ever opened read-only.
    """
    root = tmp_path_factory.mktemp("mini") / "store"
    write_generation(root, mini_quads)
    return root


@pytest.fixture
def mini_store(mini_store_path: Path) -> Iterator[GraphStore]:
    """The mini store, opened read-only."""
    store = open_store(mini_store_path)
    yield store
    del store


# ---------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------

KgRunner = Callable[..., Result]


@pytest.fixture
def kg(mini_store_path: Path) -> KgRunner:
    """``kg(*args, input=None, store=None)`` runs ``kg ARGS... --store STORE`` in click's
    CliRunner, against the mini store unless ``store`` says otherwise."""
    from cli import main  # imported here so that non-CLI tests do not depend on cli.py

    def run(*args: str, input: str | None = None, store: Path | None = None) -> Result:
        store_args = ["--store", str(store or mini_store_path)]
        return CliRunner().invoke(main, [*args, *store_args], input=input)

    return run


# ---------------------------------------------------------------------------------------
# The seed corpus, built once per test session with the real model (integration tests).
# ---------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_corpus():  # type: ignore[no-untyped-def]
    """The four seed articles read by the real pipeline (skipped if no model installed)."""
    from extract.corpus import read_corpus
    from extract.errors import ModelError

    try:
        return read_corpus([ROOT / "seeds"])
    except ModelError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def seeds_store_path(seeds_corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    from kg.mapping import write_corpus

    corpus, pipeline = seeds_corpus
    path = tmp_path_factory.mktemp("seeds-store")
    write_corpus(path, corpus, pipeline=pipeline)
    return path


@pytest.fixture(scope="session")
def seeds_store(seeds_store_path):  # type: ignore[no-untyped-def]
    from kg.store import open_store

    return open_store(seeds_store_path)


@pytest.fixture(scope="session")
def seeds_gold():  # type: ignore[no-untyped-def]
    return json.loads((ROOT / "tests" / "data" / "seeds.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# The SPARQL endpoint, headless Chromium and pictures (endpoint, viz and plot tests)
# ---------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def sparql_endpoint(mini_store_path: Path) -> Iterator[str]:
    """``kg serve`` over the mini store on a free loopback port, in a background thread.
    The value is the base URL, ``http://127.0.0.1:PORT/`` (the endpoint is ``sparql``)."""
    import threading

    from queries.serving.endpoint import make_server, server_url

    server = make_server(mini_store_path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    yield server_url(server)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


class Chromium:
    """Headless Chromium with a fresh profile per run, networking limited to what a page
    asks for (the tests only ever point it at loopback URLs and local files)."""

    FLAGS = (
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-proxy-server",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    )
    TIMEOUT = 90  # seconds; a run normally takes one or two

    def __init__(self, binary: Path, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir

    def _run(self, *args: str) -> str:
        import os
        import signal
        import subprocess
        import tempfile

        profile = tempfile.mkdtemp(prefix="profile-", dir=self.workdir)
        command = [str(self.binary), *self.FLAGS, f"--user-data-dir={profile}", *args]
        # Its own session, so that a hung browser and its helper processes can all be ended.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            out, err = process.communicate(timeout=self.TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"chromium did not finish within {self.TIMEOUT}s: {command}")
        if process.returncode != 0:
            pytest.fail(f"chromium exited {process.returncode}: {err[-2000:]}")
        return out

    def dump_dom(self, url: str, *, wait_ms: int = 5000) -> str:
        """The DOM after the page's scripts ran; virtual time waits for its fetches."""
        return self._run(f"--virtual-time-budget={wait_ms}", "--dump-dom", url)

    def screenshot(
        self, url: str, path: Path, *, size: tuple[int, int] = (1200, 900), wait_ms: int = 5000
    ) -> Path:
        self._run(
            f"--virtual-time-budget={wait_ms}",
            f"--screenshot={path}",
            f"--window-size={size[0]},{size[1]}",
            url,
        )
        assert path.is_file(), f"chromium wrote no screenshot to {path}"
        return path


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Chromium:
    """Headless Chromium (Debian's ``chromium`` package); tests using it are skipped when
    it is not installed. ``.ci/run`` installs it."""
    if not CHROMIUM.is_file():
        pytest.skip(f"headless Chromium is not installed ({CHROMIUM}: apt-get install chromium)")
    return Chromium(CHROMIUM, tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="session")
def png_colours() -> Callable[[Path], int]:
    """``png_colours(path)``: how many distinct colours the PNG at ``path`` has (1 means a
    blank picture). Decoding it with Pillow also proves it is a valid PNG."""
    from PIL import Image

    def count(path: Path) -> int:
        with Image.open(path) as image:
            assert image.format == "PNG"
            colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
        return len(colours or [])

    return count


# ---------------------------------------------------------------------------------------
# The mini store plus tests/data/mini_extra.trig (describe, sources, path, timeline)
# ---------------------------------------------------------------------------------------

MINI_EXTRA_TRIG = DATA / "mini_extra.trig"


@pytest.fixture(scope="session")
def mini_extra_store_path(
    tmp_path_factory: pytest.TempPathFactory, mini_quads: list[ox.Quad]
) -> Path:
    """A store of mini.trig plus tests/data/mini_extra.trig: conflicting end dates for the
    pact, quantities (two death tolls for one side), an undated event and a part of the
    network nothing in mini.trig reaches. Pass it as ``kg(..., store=...)``."""
    root = tmp_path_factory.mktemp("mini-extra") / "store"
    write_generation(root, as_built([*_raw(MINI_TRIG), *_raw(MINI_EXTRA_TRIG)]))
    return root


@pytest.fixture
def mini_extra_store(mini_extra_store_path: Path) -> Iterator[GraphStore]:
    """The mini store with mini_extra.trig, opened read-only."""
    store = open_store(mini_extra_store_path)
    yield store
    del store


# ---------------------------------------------------------------------------------------
# Remote stores (kg --endpoint): the same tests on the local store, on a real Virtuoso
# (tests/virtuoso_server.py) and on a plain SPARQL server (tests/sparql_stub.py)
# ---------------------------------------------------------------------------------------


@dataclass
class RemoteServer:
    """A SPARQL server the tests may overwrite. ``url`` carries the credentials, as a user
    would give it to ``--endpoint``; ``holds`` names the data it was last loaded with
    (None once a test wrote something else), so fixtures reload only when needed."""

    url: str
    holds: str | None = None

    @property
    def endpoint(self):  # type: ignore[no-untyped-def]
        from kg.remote import Endpoint

        return Endpoint.from_url(self.url)

    def load(self, name: str, quads: Callable[[], Iterable[ox.Quad]]) -> None:
        from kg.remote import replace_graphs

        if self.holds != name:
            self.holds = None
            replace_graphs(self.endpoint, quads())
            self.holds = name


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteServer]:
    """Virtuoso: ``$KG_TEST_VIRTUOSO`` (``.ci/run`` starts one), else a private server
    started here if Debian's virtuoso-opensource is installed; skipped otherwise."""
    url = os.environ.get("KG_TEST_VIRTUOSO")
    if url:
        yield RemoteServer(url)
        return
    import virtuoso_server

    if not virtuoso_server.available():
        pytest.skip(
            "no Virtuoso: set KG_TEST_VIRTUOSO to an endpoint the tests may overwrite, or "
            "install virtuoso-opensource (apt-get install virtuoso-opensource)"
        )
    server = virtuoso_server.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield RemoteServer(server.endpoint)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sparql_stub() -> Iterator[RemoteServer]:
    """A plain SPARQL server (tests/sparql_stub.py: pyoxigraph over HTTP, whose default
    graph is not the union of the named graphs), with Basic authentication."""
    import sparql_stub

    stub = sparql_stub.StubServer(user="histkg", password="s3cret")
    with sparql_stub.running(stub):
        yield RemoteServer(stub.query_url.replace("http://", "http://histkg:s3cret@"))


@pytest.fixture(params=["local", "virtuoso", "stub"])
def backend(request: pytest.FixtureRequest) -> str:
    """Runs a test on each store: the local one, Virtuoso, and the plain SPARQL stub."""
    return str(request.param)


def _remote(request: pytest.FixtureRequest, backend: str) -> RemoteServer:
    server = request.getfixturevalue("virtuoso" if backend == "virtuoso" else "sparql_stub")
    assert isinstance(server, RemoteServer)
    return server


@pytest.fixture
def mini_location(
    backend: str, request: pytest.FixtureRequest, mini_store_path: Path, mini_quads: list[ox.Quad]
) -> Path | RemoteServer:
    """The mini graph on ``backend``: the local mini store's folder, or a server holding
    the same quads."""
    if backend == "local":
        return mini_store_path
    server = _remote(request, backend)
    server.load("mini", lambda: mini_quads)
    return server


@pytest.fixture
def seeds_location(backend, request, seeds_corpus, seeds_store_path):  # type: ignore[no-untyped-def]
    """The seed articles' graph on ``backend``: the local seeds store's folder, or a server
    written by ``write_corpus`` (what ``kg build --endpoint`` does) from the same corpus."""
    if backend == "local":
        return seeds_store_path
    from kg.mapping import corpus_quads

    corpus, pipeline = seeds_corpus
    server = _remote(request, backend)
    server.load("seeds", lambda: corpus_quads(corpus, pipeline=pipeline))
    return server


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[str]:
    """The scheduler address of a local Dask cluster of two worker processes, one thread
    each (skipped when dask[distributed] is not installed)."""
    distributed = pytest.importorskip("distributed", reason="pip install 'histkg[distributed]'")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


# ---------------------------------------------------------------------------------------
# Robustness and safety (issue 5): a fast stand-in pipeline, a store a test may change,
# the real model's name, and a loopback listener that notices any connection
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def blank_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved ``spacy.blank("en")`` with a sentencizer, for ``kg build --model PATH``: the
    project's components still run (without NER), and megabyte files build in seconds."""
    import spacy

    path = tmp_path_factory.mktemp("blank-model") / "en_blank"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="session")
def real_model() -> str:
    """The name of the installed English pipeline ``kg build`` would load; the test is
    skipped when none is installed."""
    import importlib.util

    from extract.pipeline import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    pytest.skip(f"no spaCy English pipeline installed (tried {', '.join(DEFAULT_MODELS)})")


@pytest.fixture
def mini_store_copy(tmp_path: Path, mini_quads: list[ox.Quad]) -> Path:
    """A fresh store of tests/data/mini.trig that the test may change."""
    root = tmp_path / "store"
    write_generation(root, mini_quads)
    return root


@pytest.fixture
def loopback_listener() -> Iterator[Callable[[], int]]:
    """A TCP server on 127.0.0.1 that only counts connections: yields ``connections()``;
    its address is ``connections.url`` (``http://127.0.0.1:PORT/``). Network code in Rust
    (pyoxigraph's HTTP client) is invisible to Python's audit hooks, not to this."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    seen: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, name="loopback-listener", daemon=True)
    thread.start()

    def connections() -> int:
        return len(seen)

    connections.url = f"http://127.0.0.1:{server.getsockname()[1]}/"  # type: ignore[attr-defined]
    yield connections
    stop.set()
    thread.join(timeout=5)
    server.close()


# ---------------------------------------------------------------------------------------
# The real pipeline on small texts (skipped when no model is installed).
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def model_nlp():  # type: ignore[no-untyped-def]
    """The full pipeline with the trained model and our components."""
    from extract.errors import ModelError
    from extract.pipeline import build_nlp

    try:
        return build_nlp()
    except ModelError as exc:
        pytest.skip(f"no spaCy model installed: {exc}")


@pytest.fixture
def read_article(tmp_path, model_nlp):  # type: ignore[no-untyped-def]
    """``read_article(text)`` writes one article and reads it with the full pipeline's
    sentence rules (``learned=True`` adds the learned steps: entity types, then participation)."""
    from extract.corpus import extract_corpus

    def run(text: str, *, learned: bool = False):  # type: ignore[no-untyped-def]
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        return extract_corpus([path], model_nlp, learned=learned)

    return run


# ---------------------------------------------------------------------------------------
# Extraction without a model: spacy.blank("en") plus our components.
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def blank_nlp():  # type: ignore[no-untyped-def]
    """A blank English pipeline with the project's components (no sentence splitter)."""
    import spacy

    from extract.pipeline import add_components

    return add_components(spacy.blank("en"))


@pytest.fixture(scope="session")
def blank_nlp_with_sentences():  # type: ignore[no-untyped-def]
    """The same, splitting sentences on punctuation (what document reading needs)."""
    import spacy

    from extract.pipeline import add_components

    nlp = add_components(spacy.blank("en"))
    nlp.add_pipe("sentencizer", first=True)
    return nlp


@pytest.fixture(scope="session")
def ontology_graph():  # type: ignore[no-untyped-def]
    """kg/ontology.ttl parsed with rdflib, loaded as package data."""
    from importlib.resources import files

    from rdflib import Graph

    return Graph().parse(str(files("kg") / "ontology.ttl"), format="turtle")


@pytest.fixture(scope="session")
def seeds_gold_report(seeds_store, seeds_gold):  # type: ignore[no-untyped-def]
    from queries.gold import score_gold

    return score_gold(seeds_store, seeds_gold)


@pytest.fixture
def limited_endpoint(mini_store_path: Path) -> Iterator[str]:
    """``kg serve`` as the CLI starts it: queries in worker processes, 2 s and 3 rows."""
    import threading

    from queries.serving.endpoint import QueryLimits, make_server, server_url

    limits = QueryLimits(timeout=2.0, max_rows=3, workers=2)
    server = make_server(mini_store_path, "127.0.0.1", 0, limits=limits)
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    yield server_url(server)
    server.shutdown()
    server.server_close()
    if server.store.pool is not None:
        server.store.pool.close()
    thread.join(timeout=10)


# ---------------------------------------------------------------------------------------
# Conformance: a store whose names break naive serialisers.
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nasty_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose names and sentences hold quotes, commas, tabs, newlines, <>, emoji."""
    names = ['Say "hi", <there>', "new\nline", "tab\there", "🚀 Rocket, Inc.", "Ünïcödé"]
    source = "doc, one.txt"
    nodes = {n: Node(n, n, "entity", "Organization", {source: {n, n + "'s"}}) for n in names}
    facts = [
        Fact(a, "participant", b, Evidence(source, f'{a} met "{b}",\tthen left.\r\n', i, i + 9),
             0.65, "test")
        for i, (a, b) in enumerate(itertools.pairwise(names))
    ]  # fmt: skip
    docs = [DocumentInfo(source, source, hashlib.sha256(b"x").hexdigest(), 9, 1)]
    root = tmp_path_factory.mktemp("nasty") / "store"
    write_generation(root, corpus_quads(Corpus(docs, nodes, facts), pipeline="test"))
    return root


# ---------------------------------------------------------------------------------------
# Incremental builds: which documents the pipeline really read.
# ---------------------------------------------------------------------------------------


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents read by the pipeline (not served from the cache), in order."""
    seen: list[str] = []
    real: Callable[..., DocumentAnalysis] = extract.stream.read_document

    def counting(source: str, *args: object, **kwargs: object) -> DocumentAnalysis:
        seen.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(extract.stream, "read_document", counting)
    return seen


# ---------------------------------------------------------------------------------------
# Safety: an audit hook that records network use and file opens while a test listens.
# ---------------------------------------------------------------------------------------


@pytest.fixture
def audit() -> Iterator[list[tuple[str, tuple[object, ...]]]]:
    """Audit events (network, and opens of paths outside Python's own files) raised in this
    thread while the fixture is active. Hooks cannot be removed, so it only listens while
    a test holds it."""
    events_seen: list[tuple[str, tuple[object, ...]]] = []
    listening = _AUDIT.setdefault("active", [])
    listening.append(events_seen)
    yield events_seen
    listening.remove(events_seen)


_AUDIT: dict[str, list[list[tuple[str, tuple[object, ...]]]]] = {}
_WATCHED = {"socket.connect", "socket.getaddrinfo", "urllib.Request", "open", "subprocess.Popen"}
_OWN_FILES = tuple(
    {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(__file__).parent.parent)}
)


def _hook(event: str, args: tuple[object, ...]) -> None:
    listeners = _AUDIT.get("active")
    if not listeners or event not in _WATCHED:
        return
    if event == "open" and str(args[0]).startswith(_OWN_FILES):
        return  # importing a module, reading a packaged .rq file
    for listener in listeners:
        listener.append((event, args))


sys.addaudithook(_hook)


# ---------------------------------------------------------------------------------------
# Two short articles written for these tests (tests/data/written/), built once. The
# pipeline was developed against them, so they test behaviour, not generalisation
# (that is the held-out part of tests/data/history/, see eval/history.py).
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def written_store(tmp_path_factory, model_nlp):  # type: ignore[no-untyped-def]
    store = tmp_path_factory.mktemp("written") / "store"
    result = CliRunner().invoke(main, ["build", str(WRITTEN), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store
