"""The wheel holds only the packages the design names (issue 12): ``cli`` and the
``kg``, ``extract`` and ``queries`` packages, with their data. Generic top-level names
(errors, eval, bench) would clash in a user's site-packages; eval/ and bench/ are
development tooling run from a clone.

The wheel is built for real, as ``pip install`` builds it (about a minute): from a copy
of the sources, so that the build leaves nothing in the working tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Everything a build could pick up, eval/ and bench/ included, to show they stay out.
SOURCES = ("pyproject.toml", "README.md", "cli.py", "kg", "extract", "queries", "eval", "bench")


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("wheel")
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=skip)
        else:
            shutil.copy2(ROOT / name, src / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = out.glob("histkg-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_wheel_installs_only_cli_kg_extract_and_queries(wheel_files: list[str]) -> None:
    top = {name.split("/")[0] for name in wheel_files}
    dist_info = {t for t in top if t.endswith(".dist-info")}
    assert len(dist_info) == 1
    assert top - dist_info == {"cli.py", "kg", "extract", "queries"}


def test_wheel_holds_the_package_data(wheel_files: list[str]) -> None:
    files = set(wheel_files)
    for pattern, folder in (
        ("*.rq", "queries"),
        ("static/*.html", "queries/presenting"),
        ("static/*.html", "queries/serving"),
        ("static/yasgui/*", "queries/serving"),
        ("*.ttl", "kg"),
        ("data/*.json", "extract"),
        ("data/*.tsv", "extract"),
    ):
        expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob(pattern)}
        assert expected, f"no {folder}/{pattern} in the sources"
        assert expected <= files, f"missing from the wheel: {sorted(expected - files)}"
    for package in ("kg", "extract", "queries"):
        assert f"{package}/py.typed" in files
    # The modules moved in from the top level are there, under their packages.
    assert {"extract/errors.py", "extract/docred.py", "queries/gold.py", "kg/build.py"} <= files
    # queries/ keeps asking at its top; presenting and serving are subpackages of their own,
    # which setuptools ships only because pyproject.toml lists them.
    assert {"queries/presenting/render.py", "queries/serving/endpoint.py"} <= files
    # Every module of every package in the sources is shipped (a subpackage missing from
    # pyproject.toml's list would be left out silently).
    for package in ("kg", "extract", "queries"):
        modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / package).rglob("*.py")}
        assert modules <= files, f"missing from the wheel: {sorted(modules - files)}"
