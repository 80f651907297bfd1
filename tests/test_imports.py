"""The project's import graph has no cycles and only points downwards.

The graph is read statically (``ast``), so it holds every import: module-level ones,
function-local ones (kept for start-up time) and those under ``TYPE_CHECKING``. A cycle
hidden inside a function is still a cycle: the two modules cannot be understood, tested
or moved apart.

An edge goes from a module to the project module it names: ``from kg import vocab`` and
``from .vocab import HKG`` both point at ``kg.vocab``; ``from kg import open_store`` points
at ``kg`` (the package's ``__init__``). Importing ``kg.vocab`` also runs ``kg/__init__.py``,
but that is not an edge: a package's ``__init__`` may re-export its own modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent

# The layers, bottom up: a module may import modules of its own layer or of a lower one.
# Keys are top-level modules or dotted prefixes, the longest match wins (so a module moved
# under a package, say errors.py to kg/errors.py, gets a line of its own here). A
# top-level module that is not listed is a layer of its own: it may import the listed
# layers (never cli), and nothing listed may import it until it has a line here.
LAYERS: dict[str, int] = {
    "extract.errors": 0,  # the errors every layer raises; imports nothing
    "extract": 1,
    "kg": 2,
    "queries": 3,  # asking: the question modules, the canned .rq files, sparql.py
    # Built on asking, never below it: what answers look like, and users' own SPARQL run
    # behind limits and over HTTP. Neither needs the other.
    "queries.presenting": 4,
    "queries.serving": 4,
    "cli": 5,  # the command line: nothing installed imports it
    # Development tooling, run from a clone and not in the wheel: it may use the command
    # line's option decorators.
    "eval": 6,
    "bench": 6,
}
# Layers that must not reach spaCy, not even through the project modules they import
# (the query path starts fast and installs without the NLP models).
NO_NLP = ("kg", "queries")
NLP = ("spacy", "thinc")
# Not part of the installed project.
SKIP = {"tests", "docs", "seeds", "build", "dist"}


@dataclass
class ImportGraph:
    """Project modules, the project modules each imports, and the outside top-level
    modules (``spacy``, ``rdflib``, ...) each imports directly."""

    modules: dict[str, Path]
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)
    outside: dict[str, set[str]] = field(default_factory=dict)


def find_modules(root: Path) -> dict[str, Path]:
    """Every module of the project under ``root``: top-level ``*.py`` files and packages
    (folders with an ``__init__.py``), with their submodules."""
    found: dict[str, Path] = {}
    for path in sorted(root.iterdir()):
        if path.name in SKIP or path.name.startswith("."):
            continue
        if path.suffix == ".py" and path.is_file():
            found[path.stem] = path
        elif path.is_dir() and (path / "__init__.py").is_file():
            found.update(_package(path, path.name))
    return found


def _package(folder: Path, name: str) -> dict[str, Path]:
    found = {name: folder / "__init__.py"}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".py" and path.name != "__init__.py":
            found[f"{name}.{path.stem}"] = path
        elif path.is_dir() and (path / "__init__.py").is_file():
            found.update(_package(path, f"{name}.{path.name}"))
    return found


def _imported(module: str, path: Path, tree: ast.AST) -> Iterable[str]:
    """The dotted names ``module`` imports anywhere in its text, relative ones resolved;
    for ``from X import a``, both ``X.a`` and ``X`` (the caller keeps the one that is a
    module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base_parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            for alias in node.names:
                yield f"{base}.{alias.name}|{base}"


def build_graph(root: Path) -> ImportGraph:
    modules = find_modules(root)
    result = ImportGraph(modules)
    tops = {name.partition(".")[0] for name in modules}
    for module, path in modules.items():
        result.graph.add_node(module)
        result.outside[module] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _imported(module, path, tree):
            candidates = name.split("|")
            target = next((c for c in candidates if c in modules), None)
            if target is None:
                # ``import kg.vocab.x`` of a name inside a module: its longest module prefix
                parts = candidates[-1].split(".")
                prefixes = (".".join(parts[:i]) for i in range(len(parts), 0, -1))
                target = next((p for p in prefixes if p in modules), None)
            top = candidates[-1].partition(".")[0]
            if target is not None:
                if target != module:
                    result.graph.add_edge(module, target)
            elif top and top not in tops:
                result.outside[module].add(top)
    return result


def cycles(graph: ImportGraph) -> list[list[str]]:
    """Each group of modules that import one another, directly or through others."""
    return sorted(
        sorted(group) for group in nx.strongly_connected_components(graph.graph) if len(group) > 1
    )


def layer_of(module: str) -> str:
    """The LAYERS key that ``module`` falls under, or its top-level name if none."""
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in LAYERS:
            return prefix
    return parts[0]


def layer_violations(graph: ImportGraph) -> list[str]:
    """Imports that point upwards, at cli, or at a layer not in LAYERS, and layers of
    NO_NLP that reach spaCy."""
    problems = []
    for source, target in sorted(graph.graph.edges):
        low, high = layer_of(target), layer_of(source)
        if low == high:
            continue
        if low == "cli" and LAYERS.get(high, 0) < LAYERS["cli"]:
            problems.append(f"{source} imports {target}: nothing imports the command line")
        elif low not in LAYERS:
            if high in LAYERS:
                problems.append(f"{source} imports {target}: add {low!r} to LAYERS")
            else:
                problems.append(f"{source} imports {target}: two layers not in LAYERS")
        elif high in LAYERS and LAYERS[low] > LAYERS[high]:
            problems.append(f"{source} imports {target}: {high} is below {low}")
    for module in sorted(graph.modules):
        if not any(module == top or module.startswith(top + ".") for top in NO_NLP):
            continue
        reached = nx.descendants(graph.graph, module) | {module}
        for other in sorted(reached):
            nlp = sorted(graph.outside[other] & set(NLP))
            if nlp:
                via = "" if other == module else f" through {other}"
                problems.append(f"{module} reaches {nlp[0]}{via}")
    return problems


# ---------------------------------------------------------------------------------------
# The project
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> ImportGraph:
    return build_graph(ROOT)


def test_imports_the_graph_holds_the_project(project: ImportGraph) -> None:
    """The checker sees the project: its modules and imports of every kind."""
    assert {"cli", "kg.store", "extract.corpus", "queries.sparql"} <= set(project.modules)
    assert project.graph.has_edge("kg.mapping", "extract.model")  # module level
    assert project.graph.has_edge("cli", "extract.corpus")  # inside a function
    assert "spacy" in project.outside["extract.corpus"]
    assert project.graph.number_of_edges() > 100


def test_imports_have_no_cycles(project: ImportGraph) -> None:
    assert cycles(project) == []


def test_imports_point_downwards_and_keep_spacy_off_the_query_path(project: ImportGraph) -> None:
    assert layer_violations(project) == []


# ---------------------------------------------------------------------------------------
# The checker, on small packages with planted faults
# ---------------------------------------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_imports_checker_finds_a_cycle_hidden_in_a_function_and_type_checking(
    tmp_path: Path,
) -> None:
    root = _write(
        tmp_path,
        {
            "kg/__init__.py": "",
            "kg/a.py": "def f():\n    from kg.b import g\n    return g\n",
            "kg/b.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from .c import C\n"
                "def g(): ...\n"
            ),
            "kg/c.py": "from . import a\n",
            "kg/d.py": "import kg.a\n",
        },
    )
    graph = build_graph(root)
    assert cycles(graph) == [["kg.a", "kg.b", "kg.c"]]
    assert graph.graph.has_edge("kg.d", "kg.a")
    (root / "kg" / "b.py").write_text("def g(): ...\n", encoding="utf-8")
    assert cycles(build_graph(root)) == []


def test_imports_checker_finds_upward_imports_and_spacy_on_the_query_path(
    tmp_path: Path,
) -> None:
    root = _write(
        tmp_path,
        {
            "cli.py": "import queries.q\n",
            "extract/__init__.py": "",
            "extract/errors.py": "",
            "extract/model.py": "from extract import errors\n",
            "eval/__init__.py": "",
            "eval/__main__.py": "import cli\n",  # development tooling may use the CLI
            "extract/nlp.py": "import spacy\nfrom .model import X\n",
            "kg/__init__.py": "",
            "kg/store.py": "from extract.model import X\nfrom extract import nlp\n",
            "queries/__init__.py": "",
            "queries/q.py": "from kg.store import open_store\n",
            "extract/bad.py": "def f():\n    from queries import q\n",
            "newthing.py": "import kg.store\n",
            "kg/uses_new.py": "import newthing\n",
            "queries/calls_cli.py": "from cli import main\n",
        },
    )
    problems = layer_violations(build_graph(root))
    assert problems == [
        "extract.bad imports queries.q: extract is below queries",
        "kg.uses_new imports newthing: add 'newthing' to LAYERS",
        "queries.calls_cli imports cli: nothing imports the command line",
        "kg.store reaches spacy through extract.nlp",
        "kg.uses_new reaches spacy through extract.nlp",
        "queries.calls_cli reaches spacy through extract.nlp",
        "queries.q reaches spacy through extract.nlp",
    ]
    # A clean layout passes: the checker is not just always complaining.
    for name in ("extract/bad.py", "kg/uses_new.py", "queries/calls_cli.py"):
        (root / name).unlink()
    (root / "kg" / "store.py").write_text("from extract.model import X\n", encoding="utf-8")
    assert layer_violations(build_graph(root)) == []
