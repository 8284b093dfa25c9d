"""What the benchmark scripts share: timing a command as a child process, paired runs, medians.

Times are wall-clock seconds of the whole child process (interpreter start-up included, as a
user or a CI job pays it); peak memory is the child's own maximum resident set (os.wait4).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def child_environment(pycache: Path = Path("/tmp/pacte-bench/pycache")) -> dict[str, str]:
    """The environment of every timed child: bytecode caches on, kept out of the source tree.

    A user's `pip install` compiles the package's bytecode once; a process started with
    PYTHONDONTWRITEBYTECODE=1 (as in some sandboxes and CI images) instead recompiles every
    module of an editable install at each start, which would time the compiler, not pacte.
    PYTHONPYCACHEPREFIX puts the caches of every child (baseline and pacte alike) under /tmp.
    """
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(pycache)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


ENVIRONMENT = child_environment()


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_kib: int
    returncode: int


def run(command: Sequence[str], cwd: Path | None = None) -> Run:
    """Run `command` to completion, output discarded; its wall time and peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=ENVIRONMENT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(elapsed, usage.ru_maxrss, process.returncode)


def checked(command: Sequence[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)) -> Run:
    result = run(command, cwd)
    if result.returncode not in ok:
        sys.exit(f"échec (code {result.returncode}) : {' '.join(command)}")
    return result


def paired(
    first: Sequence[str],
    second: Sequence[str],
    rounds: int,
    label: str = "",
    ok: tuple[int, ...] = (0,),
) -> list[tuple[Run, Run]]:
    """`rounds` pairs (first, second), run back to back, alternating which goes first.

    A shared machine's load drifts; within a pair both commands see about the same load, so
    the per-pair ratio is steadier than a ratio of separate medians.
    """
    pairs = []
    for index in range(rounds):
        if index % 2 == 0:
            a = checked(first, ok=ok)
            b = checked(second, ok=ok)
        else:
            b = checked(second, ok=ok)
            a = checked(first, ok=ok)
        pairs.append((a, b))
        if label:
            print(
                f"  {label} {index + 1}/{rounds}: {a.seconds:.3f} s / {b.seconds:.3f} s "
                f"= {b.seconds / a.seconds:.3f}",
                flush=True,
            )
    return pairs


def rounds_of(commands: Sequence[Sequence[str]], rounds: int, label: str = "") -> list[list[Run]]:
    """`rounds` rounds of every command back to back, the order rotating from round to round
    (a b c, b c a, c a b...); each round's runs are returned in the order of `commands`."""
    results = []
    for index in range(rounds):
        order = [(index + offset) % len(commands) for offset in range(len(commands))]
        runs: dict[int, Run] = {position: checked(commands[position]) for position in order}
        results.append([runs[position] for position in range(len(commands))])
        if label:
            times = " / ".join(f"{run.seconds:.3f} s" for run in results[-1])
            print(f"  {label} {index + 1}/{rounds}: {times}", flush=True)
    return results


def median_ratio(pairs: list[tuple[Run, Run]]) -> float:
    """Median over pairs of second / first."""
    return statistics.median(b.seconds / a.seconds for a, b in pairs)


def median_seconds(runs: Sequence[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def pacte_command() -> list[str]:
    """The installed `pacte` console script beside this interpreter, else `python -m pactecli`."""
    script = Path(sys.executable).parent / "pacte"
    if script.is_file():
        return [str(script)]
    found = shutil.which("pacte")
    return [found] if found else [sys.executable, "-m", "pactecli"]


def machine() -> str:
    return f"{os.cpu_count()} cœurs, Python {sys.version.split()[0]}, {os.uname().sysname}"
