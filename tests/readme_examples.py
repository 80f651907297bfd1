"""The README's command examples, run for real: ``python tests/readme_examples.py``
rewrites their output from a fresh build of seeds/, and tests/test_readme.py fails when
any of them differs from what the command prints.

An example is a console block whose first line is ``$ kg COMMAND`` for a command that only
reads the store; the rest of the block is its output. A last line of "…" marks an output
the README shows only the start of. A block of several commands that build or correct
(a session) is run in order in a fresh folder with a copy of seeds/; a first line of "…"
marks an output the README shows some lines of.
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# Commands that read the store and print the same thing on every fresh build.
READ_ONLY = frozenset(
    {"who", "when", "entities", "timeline", "describe", "path", "related", "sources", "stats"}
)
_BLOCK = re.compile(r"```\n\$ kg (?P<command>[^\n]*)\n(?P<output>.*?)```", re.S)
ELLIPSIS = "…"

# SPARQL examples, each as (query, output) groups: a ```sparql block and the plain block
# right after it (the table ``kg query`` prints); ``$ kg query "..."`` and its table; the
# ``kg serve`` curl example and its CSV up to the blank line.
SPARQL_BLOCK = re.compile(r"```sparql\n(.*?)```\n\n(?:[^`\n][^\n]*\n\n)?```\n(.*?)```", re.S)
KG_QUERY = re.compile(r'^\$ kg query "(.*?)"\n(.*?)```', re.S | re.M)
CURL = re.compile(r"-H 'Accept: text/csv' --data-urlencode \\\n\s+'query=(.*?)'\n(.*?)\n\n", re.S)
SPARQL_FORMATS = ((SPARQL_BLOCK, "table"), (KG_QUERY, "table"), (CURL, "csv"))


def sparql_output(store: Path, query: str, fmt: str) -> str:
    from kg.store import open_store
    from queries.sparql import format_results, run_query

    return format_results(run_query(open_store(store), query), fmt).replace("\r\n", "\n")


@dataclass(frozen=True)
class Example:
    command: str
    output: str
    start: int  # offsets of the output in the README
    end: int

    @property
    def args(self) -> list[str]:
        return shlex.split(self.command)

    @property
    def partial(self) -> bool:
        return self.output.rstrip("\n").endswith(ELLIPSIS)


def examples(text: str) -> list[Example]:
    found = []
    for match in _BLOCK.finditer(text):
        args = shlex.split(match["command"])
        if not args or args[0] not in READ_ONLY or "$ kg" in match["output"]:
            continue
        if any(a.startswith("--plot") or a == "-o" for a in args):
            continue
        found.append(Example(match["command"], match["output"], match.start("output"),
                             match.end("output")))  # fmt: skip
    return found


def run(example: Example, store: Path) -> str:
    from click.testing import CliRunner

    from cli import main

    result = CliRunner().invoke(main, [*example.args, "--store", str(store)])
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"kg {example.command} failed: {result.output}")
    return result.output


def shown(example: Example, printed: str) -> str:
    """What the README should show for ``printed``: all of it, or as many lines as it
    shows now and a "…" line."""
    if not example.partial:
        return printed
    keep = len(example.output.rstrip("\n").splitlines()) - 1
    return "\n".join([*printed.splitlines()[:keep], ELLIPSIS]) + "\n"


def build_seeds(folder: Path) -> Path:
    from click.testing import CliRunner

    from cli import main

    store = folder / "store"
    result = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "--store", str(store)])
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    return store


# Sessions: a console block of several commands that change things (kg build, kg
# correct), run in order in a fresh folder holding a copy of seeds/. The store's path is
# shown as a user's default; a correction's date as written in the README.
WRITING = frozenset({"build", "correct"})
SHOWN_STORE = "/home/me/.local/share/histkg/store"
_SESSION = re.compile(r"```\n(?P<body>\$ kg [^\n]*\n.*?)```", re.S)
_DATED = re.compile(r"(\(by [^,()]+, )\d{4}-\d{2}-\d{2}\)")


@dataclass(frozen=True)
class Session:
    body: str
    start: int
    end: int

    def steps(self) -> list[tuple[str, str]]:
        """(command, output shown) pairs, in order."""
        parts = re.split(r"^\$ kg (.*)\n", self.body, flags=re.M)
        return list(zip(parts[1::2], parts[2::2], strict=True))


def sessions(text: str) -> list[Session]:
    found = []
    for match in _SESSION.finditer(text):
        session = Session(match["body"], match.start("body"), match.end("body"))
        if any(shlex.split(c)[0] in WRITING for c, _ in session.steps()):
            found.append(session)
    return found


def play(session: Session) -> list[str]:
    """What each command of ``session`` prints, run in a fresh folder with seeds/."""
    import os
    import shutil

    from click.testing import CliRunner

    from cli import main

    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
        store = Path(tmp) / "store"
        here = Path.cwd()
        os.chdir(tmp)
        try:
            for command, _ in session.steps():
                args = [*shlex.split(command), "--store", str(store)]
                if args[0] == "correct":  # kg correct writes the corpus, not the store
                    args = args[:-2]
                result = CliRunner().invoke(main, args)
                if result.exit_code not in (0, 1):
                    raise RuntimeError(f"kg {command} failed: {result.output}")
                # Out and err, as a terminal shows them, but the progress bar's label:
                # a terminal draws the bar and moves on.
                printed = [line for line in result.output.splitlines(True) if line != "Reading\n"]
                outputs.append("".join(printed).replace(str(store), SHOWN_STORE))
        finally:
            os.chdir(here)
    return outputs


def session_text(session: Session, printed: list[str]) -> str:
    """The block as the README should show it: every command's output, whole, or the
    lines the README shows of it when they start with "…" (each must be printed)."""
    out = []
    for (command, shown_output), output in zip(session.steps(), printed, strict=True):
        out.append(f"$ kg {command}\n")
        lines = shown_output.rstrip("\n").splitlines()
        if lines and lines[0] == ELLIPSIS:
            wanted = [_DATED.sub(r"\1DATE)", line) for line in lines[1:]]
            have = {_DATED.sub(r"\1DATE)", line) for line in output.splitlines()}
            missing = [line for line in wanted if line not in have]
            out.append(shown_output if not missing else f"{ELLIPSIS}\n{missing!r} not printed\n")
        else:
            out.append(shown(Example(command, shown_output, 0, 0), output))
    return "".join(out)


def regenerate() -> int:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        store = build_seeds(Path(tmp))
        changed = 0
        for example in reversed(examples(text)):
            new = shown(example, run(example, store))
            if new != example.output:
                text = text[: example.start] + new + text[example.end :]
                changed += 1
        for session in reversed(sessions(text)):
            new = session_text(session, play(session))
            if new != session.body:
                text = text[: session.start] + new + text[session.end :]
                changed += 1
        for pattern, fmt in SPARQL_FORMATS:
            for match in reversed(list(pattern.finditer(text))):
                new = sparql_output(store, match.group(1), fmt).strip() + "\n"
                if fmt == "csv":
                    new = new.rstrip("\n")
                if new.strip() != match.group(2).strip():
                    text = text[: match.start(2)] + new + text[match.end(2) :]
                    changed += 1
    README.write_text(text, encoding="utf-8")
    print(f"{changed} README examples rewritten")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(regenerate())
