"""Time `pacte history ID` over 200 commits against `pacte diff` of the first and last commit.

    python benchmarks/bench_history.py [--rounds 5] [--conventions 100] [--commits 200]

The generated pact (`generate_pact.py`) is committed in a git repository under --workdir,
then --commits - 1 more commits follow, each changing the status of 5 actions and one amount
in one partner file, drawn at random (fixed seed); every 10th commit also changes the followed
action and one of its funders, so its history has about 20 entries plus its creation.
`pacte diff FIRST LAST` and `pacte history ID` run as pairs, alternating which goes first; the
figure is the median over pairs of history / diff (target of issue 11: at most 2).

Git processes: `pacte history` runs once more with a `git` wrapper first on PATH that logs
each call; the count does not depend on the number of commits (printed with the commands).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench_diff import git
from bench_validate import ACTIONS_PER_CONVENTION, ensure_pact
from benchlib import ENVIRONMENT, checked, machine, median_ratio, pacte_command, paired

CHANGED_PER_COMMIT = 5
FOLLOWED_EVERY = 10
_STATUS = re.compile(r"^statut: (\w+)$", re.MULTILINE)
_NEXT_STATUS = {
    "non_demarre": "en_cours",
    "en_cours": "suspendu\nmotif: Pause",
    "suspendu": "en_cours",
    "realise": "en_cours",
    "abandonne": "suspendu",
}
_MOTIF = re.compile(r"^motif: .*\n", re.MULTILINE)
_AMOUNT = re.compile(r"^(      20\d\d: )(\d+)$", re.MULTILINE)


def change_status(path: Path) -> None:
    text = _MOTIF.sub("", path.read_text(encoding="utf-8"))
    text = _STATUS.sub(lambda m: f"statut: {_NEXT_STATUS[m.group(1)]}", text, count=1)
    path.write_text(text, encoding="utf-8")


def change_amount(path: Path, near: str | None, rng: random.Random) -> None:
    """One yearly amount of the file (the first after `near` when given) raised by 100 to 900."""
    text = path.read_text(encoding="utf-8")
    start = text.find(f"action: {near}\n") if near else 0
    found = _AMOUNT.search(text, max(start, 0))
    if found is None:
        return
    amount = int(found.group(2)) + rng.randrange(100, 1000, 100)
    path.write_text(text[: found.start(2)] + str(amount) + text[found.end(2) :], encoding="utf-8")


def funder_of(root: Path, action: str) -> Path:
    for path in sorted((root / "data" / "partners").glob("*.yaml")):
        if f"action: {action}\n" in path.read_text(encoding="utf-8"):
            return path
    sys.exit(f"aucun financeur de {action}")


def ensure_repository(workdir: Path, conventions: int, commits: int, seed: int) -> Path:
    source = ensure_pact(workdir, conventions, seed)
    repo = workdir / f"historique-{source.name}-{commits}"
    stamp = workdir / f"{repo.name}.done"
    version = (workdir / f"{source.name}.done").read_text("utf-8")
    if stamp.is_file() and stamp.read_text("utf-8") == version:
        return repo
    print(f"dépôt de {commits} commits à partir de {source} …", flush=True)
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(source, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Grand pacte")
    rng = random.Random(seed)
    actions = sorted((repo / "data" / "conventions").glob("*/actions/*.yaml"))
    partners = sorted((repo / "data" / "partners").glob("*.yaml"))
    followed = actions[0]
    funder = funder_of(repo, followed.stem)
    for index in range(1, commits):
        for path in rng.sample(actions, CHANGED_PER_COMMIT):
            change_status(path)
        change_amount(rng.choice(partners), None, rng)
        if index % FOLLOWED_EVERY == 0:
            change_status(followed)
            change_amount(funder, followed.stem, rng)
        git(repo, "commit", "-q", "-a", "-m", f"Modification {index}")
    stamp.write_text(version, "utf-8")
    return repo


def followed_action(repo: Path) -> str:
    return min((repo / "data" / "conventions").glob("*/actions/*.yaml")).stem


def history_command(repo: Path) -> list[str]:
    return [*pacte_command(), "history", followed_action(repo), "--root", str(repo)]


def diff_command(repo: Path) -> list[str]:
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").split()[0]
    return [*pacte_command(), "diff", first, "HEAD", "--root", str(repo), "--as-of", "2026-11-27"]


def git_calls(command: list[str], workdir: Path) -> list[str]:
    real = shutil.which("git")
    assert real is not None, "git introuvable"
    wrapper = workdir / "git-espion"
    wrapper.mkdir(exist_ok=True)
    log = wrapper / "appels.log"
    log.unlink(missing_ok=True)
    script = wrapper / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', "utf-8")
    script.chmod(0o755)
    environment = {**ENVIRONMENT, "PATH": f"{wrapper}:{ENVIRONMENT['PATH']}"}
    done = subprocess.run(command, env=environment, capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"échec : {done.stderr.decode('utf-8', 'replace')}")
    return log.read_text("utf-8").splitlines() if log.is_file() else []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Banc d'essai de pacte history.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    repo = ensure_repository(args.workdir, args.conventions, args.commits, args.seed)
    print(f"machine : {machine()}")
    print(
        f"pacte : {args.conventions * ACTIONS_PER_CONVENTION} actions, {args.commits} commits, "
        f"action suivie : {followed_action(repo)}"
    )
    history, diff = history_command(repo), diff_command(repo)
    checked(history)  # warm the bytecode caches
    checked(diff, ok=(0, 1))
    # Raised amounts break some exact fundings: the diff's exit code 1 (errors) is expected.
    pairs = paired(diff, history, args.rounds, "diff / history", ok=(0, 1))
    ratio = median_ratio(pairs)
    diff_median = sorted(a.seconds for a, _ in pairs)[len(pairs) // 2]
    history_median = sorted(b.seconds for _, b in pairs)[len(pairs) // 2]
    print(f"pacte diff premier..dernier (médiane) : {diff_median:.2f} s")
    print(f"pacte history (médiane) : {history_median:.2f} s")
    print(f"rapport médian history / diff : {ratio:.2f} (objectif : au plus 2)")
    calls = git_calls(history, args.workdir)
    print(f"processus git de pacte history : {len(calls)}")
    for line in calls:
        print(f"  git {line[:100]}")
    if ratio > 2:
        sys.exit("objectif manqué : pacte history dépasse 2 fois pacte diff")


if __name__ == "__main__":
    main()
