"""Development commands, run from a clone (they read the project's own corpora, which
the installed package does not ship):

    python -m eval report        # every evaluation, written to docs/quality.md
    python -m eval history --part dev|held-out|all
    python -m eval.train         # retrain the participation model

Users score their own gold with ``kg eval gold`` and ``kg eval docred``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cli import ANSWERS, min_confidence_option, model_option, output_format, reports_errors

# Relative to the clone's root, where these commands run; docs/quality.md names them.
SEEDS = Path("seeds")
SEEDS_GOLD = Path("tests/data/seeds.json")
REDOCRED = Path("bench/data/redocred-dev.json.gz")


def _gold_text(report: Any) -> str:
    from queries.gold import render_report

    return render_report(report)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """The project's own quality figures (run from a clone)."""


@main.command("history")
@click.option(
    "--part",
    type=click.Choice(["dev", "held-out", "all"]),
    default="dev",
    show_default=True,
    help="Which part of the project's history corpus to score (held-out: report only).",
)
@output_format(_gold_text)
@min_confidence_option(ANSWERS)
@model_option
@reports_errors
def history(part: str, min_confidence: float, model: str | None) -> Any:
    """Score one part of the annotated history corpus (tests/data/history/)."""
    from .report import history_report

    return history_report(part, model=model, min_confidence=min_confidence)  # type: ignore[arg-type]


@main.command("report")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("docs/quality.md"),
    show_default=True,
)
@click.option(
    "--gold",
    "gold_file",
    type=click.Path(exists=True, path_type=Path),
    default=SEEDS_GOLD,
    show_default=True,
    help="Gold file (project format).",
)
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, path_type=Path),
    default=SEEDS,
    show_default=True,
    help="Documents the gold describes.",
)
@click.option(
    "--docred",
    "docred_file",
    type=click.Path(exists=True, path_type=Path),
    default=REDOCRED,
    show_default=True,
)
@min_confidence_option(ANSWERS)
@model_option
@reports_errors
def report(
    output: Path,
    gold_file: Path,
    corpus_dir: Path,
    docred_file: Path,
    min_confidence: float,
    model: str | None,
) -> None:
    """Run every evaluation (history dev and held-out, seeds, Re-DocRED) and write the
    numbers to docs/quality.md."""
    from .report import write_quality

    write_quality(
        output,
        corpus_dir=corpus_dir,
        gold_file=gold_file,
        docred_file=docred_file,
        model=model,
        min_confidence=min_confidence,
        on_step=lambda step: click.echo(f"Scoring {step}...", err=True),
    )
    click.echo(f"Wrote {output}")


if __name__ == "__main__":
    main(prog_name="python -m eval")
