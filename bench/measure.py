"""Timing and memory helpers shared by the benchmark sections.

Absolute times on a shared two-core machine are noisy, so every figure is a ratio of two
things measured in the same run, interleaved (A, B, A, B, ...) so that a burst of load
from elsewhere hits both sides alike; the best (or median) of the repeats is kept.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of wall-clock time ``fn()`` took, and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cpu_timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of this process that ``fn()`` took (other programs' load hardly
    matters), and its result."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def own_cpu_seconds() -> float:
    """CPU seconds used by this process and its finished (waited-for) children so far."""
    return sum(
        getattr(resource.getrusage(who), kind)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for kind in ("ru_utime", "ru_stime")
    )


def interleave(
    runs: dict[str, Callable[[], Any]],
    rounds: int,
    *,
    clock: Callable[[Callable[[], Any]], tuple[float, Any]] = timed,
    cpu: dict[str, list[float]] | None = None,
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Run each callable once per round, in turn; their times and last results.

    With ``cpu``, the CPU seconds of each run (this process and the workers it waited
    for) are appended there too.
    """
    times: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, Any] = {}
    for _ in range(max(1, rounds)):
        for name, fn in runs.items():
            used = own_cpu_seconds()
            seconds, results[name] = clock(fn)
            times[name].append(seconds)
            if cpu is not None:
                cpu.setdefault(name, []).append(own_cpu_seconds() - used)
    return times, results


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _status_kb(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of /proc/self/status in KiB (Linux only)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_kb() -> int:
    """The resident memory of this process now, in KiB."""
    return _status_kb("VmRSS") or peak_rss_kb()


def peak_rss_kb() -> int:
    """The peak resident memory of this process so far, in KiB."""
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds() -> tuple[float, float] | None:
    """(CPU seconds the whole machine has spent busy, CPU seconds of this process and its
    finished children), both since boot/start; None where /proc/stat is missing.

    Their difference over a section is the CPU time other programs took meanwhile.
    """
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    busy = sum(fields) - fields[3] - (fields[4] if len(fields) > 4 else 0)  # minus idle, iowait
    return busy / os.sysconf("SC_CLK_TCK"), own_cpu_seconds()


def folder_bytes(path: Path) -> int:
    """Bytes of every file under ``path`` (symlinks not followed)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def python_env() -> dict[str, str]:
    """The environment for child processes: the project importable, no pager, no colours."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("PYTHONSTARTUP", None)
    return env


def run_worker(*args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run ``python -m bench.worker ARGS`` in a fresh process; its JSON answer.

    A fresh process per measurement is what makes a peak-memory figure mean anything: the
    high-water mark of this process would include every earlier section.
    """
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker", *args],
        cwd=ROOT,
        env=python_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench worker {args[0]} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def command_seconds(
    argv: Sequence[str], *, cwd: Path = ROOT, env: Mapping[str, str] | None = None
) -> float:
    """Wall-clock seconds of one run of a command (its output discarded); it must succeed.
    ``env`` is set on top of :func:`python_env`; a PYTHONPYCACHEPREFIX in it also lifts
    PYTHONDONTWRITEBYTECODE, so that the bytecode is written there and reused."""
    environment = python_env()
    if env:
        environment.update(env)
        if "PYTHONPYCACHEPREFIX" in env:
            environment.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(
        list(argv),
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start
