"""Judge an extraction change by its direct effect, with the models held fixed.

``python -m eval.fixed save FILE`` fits the fold models of ``python -m eval.train``
(entity types, participation, dates) on the current code and writes them to FILE; after
a change to extraction, ``python -m eval.fixed score FILE`` reads the dev part with the
new code and scores it end to end and out of fold, as ``eval.train`` does, but with the
models in FILE.

Why: ``eval.train`` refits every model after a change, and the refit alone moves the
figures. Making "the Turks" the Ottoman Empire in five history articles moved Re-DocRED
pair F1 by 0.027 though no Re-DocRED document changed, and a rule for one article moved
recall in a dozen others. With the models held, only what the change does to the
analyses moves the figures: judge a rule by them, and report the retrained figures for
what ships.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .train import end_to_end_out_of_fold, folds, read_dev, read_docred, typed_documents

FORMAT = "histkg-fold-models/1"


def fit(docred: bool = True, model: str | None = None) -> dict[str, Any]:
    """The fold models for the dev part as the current code reads it, as JSON data."""
    from .train_dates import train_dates

    docs, type_folds, type_all = typed_documents(read_dev(model), docred=docred, model=model)
    _, dating, _ = train_dates(docs)
    return {
        "format": FORMAT,
        "docred": docred,
        "types": [[sorted(held), m.data] for held, m in type_folds],
        "types_all": type_all.data,
        "participation": [[sorted(held), m.data] for held, m in folds(docs)],
        "dates": _by_model(dating),
    }


def score(saved: dict[str, Any], model: str | None = None) -> dict[str, Any]:
    """End-to-end figures of the dev part read by the current code, out of fold, with
    the saved models."""
    from extract.entity_types import TypeModel
    from extract.event_dating import DatingModel
    from extract.participation import ParticipationModel

    from . import train_types

    type_of = _per_document(saved["types"], TypeModel)
    type_all = TypeModel(saved["types_all"])
    untyped = read_dev(model)
    unknown = sorted({name for name, _, _ in untyped} - set(type_of))
    if unknown:
        raise ValueError(
            f"the dev part has articles the saved models do not know ({', '.join(unknown[:3])}"
            f"{' ...' if len(unknown) > 3 else ''}): save the models again"
        )
    docs = [(name, train_types.retyped(a, type_of[name]), gold) for name, a, gold in untyped]
    if saved["docred"]:
        docs += [(n, train_types.retyped(a, type_all), g) for n, a, g in read_docred(model)]
    model_of = _per_document(saved["participation"], ParticipationModel)
    dating = _per_document(saved["dates"], DatingModel)
    return end_to_end_out_of_fold(docs, dating, model_of)


def _by_model(model_of: dict[str, Any]) -> list[list[Any]]:
    """[[documents, model data], ...] of a document -> model map."""
    groups: dict[int, tuple[list[str], Any]] = {}
    for name, m in sorted(model_of.items()):
        groups.setdefault(id(m), ([], m))[0].append(name)
    return [[names, m.data] for names, m in groups.values()]


def _per_document(saved: list[list[Any]], cls: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for names, data in saved:
        m = cls(data)
        out.update(dict.fromkeys(names, m))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.fixed",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=("save", "score"))
    parser.add_argument("file", type=Path, help="where the fold models are kept")
    parser.add_argument("--model", default=None, help="spaCy pipeline to load")
    parser.add_argument(
        "--no-docred", dest="docred", action="store_false", help="leave Re-DocRED dev out"
    )
    args = parser.parse_args(argv)
    if args.action == "save":
        args.file.write_text(json.dumps(fit(args.docred, args.model)) + "\n", encoding="utf-8")
        print(f"fold models written to {args.file}", file=sys.stderr)
        return 0
    try:
        saved = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: cannot read saved fold models from {args.file}: {error}", file=sys.stderr)
        return 2
    if not isinstance(saved, dict) or saved.get("format") != FORMAT:
        print(f"error: {args.file} holds no fold models of {FORMAT} (python -m eval.fixed save)",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        result = score(saved, args.model)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
