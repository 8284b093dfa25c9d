"""Time `pacte validate` on large generated pacts against the floor of issue 2.

    python benchmarks/bench_validate.py [--rounds 5] [--sizes 10,30,100] [--workdir DIR]

For each size (number of conventions of 100 actions: 10, 30, 100 -> 1 000, 3 000, 10 000
actions) the pact is generated once into --workdir (reused afterwards), then the floor
(`floor.py`), `pacte validate --as-of 2026-11-27` and the fast-parser limit of issue 13
(`fast_limit.py`: yaml-rs + jsonschema-rs alone) are run in rounds, back to back, the order
rotating; the figures are the medians over rounds of pacte / floor and pacte / limit. The
largest size is "the large pact" of the issue. Linearity: time per action at each size and its
ratio to the smallest size. Memory: peak RSS of each child, per file and marginal per file
between sizes.

For reference, when installed (`pip install check-jsonschema yamllint`, found on PATH, beside
this interpreter or in --tools-bin), check-jsonschema (one call per record kind) and yamllint
are timed on the large pact, each paired with a floor run. Without them: skipped, with a note.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
from pathlib import Path

from benchlib import REPO, Run, checked, machine, pacte_command, rounds_of

AS_OF = "2026-11-27"
ACTIONS_PER_CONVENTION = 100
GENERATOR = REPO / "benchmarks" / "generate_pact.py"
FLOOR = REPO / "benchmarks" / "floor.py"
FAST_LIMIT = REPO / "benchmarks" / "fast_limit.py"
KINDS = (
    ("pacte.schema.json", ["pacte.yaml"]),
    ("convention.schema.json", ["data/conventions/*/convention.yaml"]),
    ("action.schema.json", ["data/conventions/*/actions/*.yaml"]),
    ("partner.schema.json", ["data/partners/*.yaml"]),
)


def ensure_pact(workdir: Path, conventions: int, seed: int) -> Path:
    """The generated pact of this size, written once, reused until the generator changes."""
    root = workdir / f"pacte-{conventions}x{ACTIONS_PER_CONVENTION}-s{seed}"
    stamp = workdir / f"{root.name}.done"
    version = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text("utf-8") != version:
        print(f"génération de {root} …", flush=True)
        checked(
            [
                sys.executable,
                str(GENERATOR),
                str(root),
                "--conventions",
                str(conventions),
                "--actions-per-convention",
                str(ACTIONS_PER_CONVENTION),
                "--seed",
                str(seed),
                "--force",
            ]
        )
        stamp.write_text(version, "utf-8")
    return root


def count_files(root: Path) -> int:
    return 1 + sum(1 for _ in (root / "data").rglob("*.yaml"))


def floor_command(root: Path) -> list[str]:
    return [sys.executable, str(FLOOR), str(root)]


def fast_limit_command(root: Path) -> list[str]:
    return [sys.executable, str(FAST_LIMIT), str(root)]


def validate_command(root: Path) -> list[str]:
    return [*pacte_command(), "validate", "--root", str(root), "--as-of", AS_OF]


def find_tool(name: str, tools_bin: Path | None) -> str | None:
    candidates = [tools_bin / name] if tools_bin else []
    candidates.append(Path(sys.executable).parent / name)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def check_jsonschema_commands(tool: str, root: Path) -> list[list[str]]:
    commands = []
    for schema, patterns in KINDS:
        files = sorted(str(p) for pattern in patterns for p in root.glob(pattern))
        commands.append([tool, "--schemafile", str(REPO / "schemas" / schema), *files])
    return commands


def time_commands(commands: list[list[str]], ok: tuple[int, ...]) -> Run:
    runs = [checked(command, ok=ok) for command in commands]
    return Run(sum(r.seconds for r in runs), max(r.peak_rss_kib for r in runs), runs[-1].returncode)


def reference_tools(root: Path, rounds: int, tools_bin: Path | None) -> list[str]:
    lines = []
    tools = {
        "check-jsonschema": lambda tool: check_jsonschema_commands(tool, root),
        "yamllint": lambda tool: [[tool, "-d", "relaxed", "-f", "parsable", str(root)]],
    }
    for name, commands_for in tools.items():
        tool = find_tool(name, tools_bin)
        if tool is None:
            lines.append(f"| {name} | non installé : ignoré (`pip install {name}`) | | |")
            continue
        ratios, seconds = [], []
        for index in range(rounds):
            floor = checked(floor_command(root))
            other = time_commands(commands_for(tool), ok=(0, 1))
            ratios.append(other.seconds / floor.seconds)
            seconds.append(other.seconds)
            print(
                f"  {name} {index + 1}/{rounds}: floor {floor.seconds:.2f} s, "
                f"{name} {other.seconds:.2f} s = {ratios[-1]:.2f}",
                flush=True,
            )
        lines.append(
            f"| {name} | {statistics.median(seconds):.2f} s | "
            f"{statistics.median(ratios):.2f} × plancher | {rounds} paire(s) |"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="tours par taille (défaut 5)")
    parser.add_argument(
        "--sizes", default="10,30,100", help="nombres de conventions de 100 actions"
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tools-rounds", type=int, default=1, help="0 : sans outils tiers")
    parser.add_argument("--tools-bin", type=Path, default=None)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine : {machine()} ; pacte : {' '.join(pacte_command())}")

    results = []
    for conventions in sizes:
        root = ensure_pact(args.workdir, conventions, args.seed)
        files = count_files(root)
        actions = conventions * ACTIONS_PER_CONVENTION
        print(f"{actions} actions, {files} fichiers : plancher / pacte / limite", flush=True)
        commands = (floor_command(root), validate_command(root), fast_limit_command(root))
        rounds = rounds_of(commands, args.rounds, "tour")
        floor_s, pacte_s, limit_s = (
            statistics.median(runs[index].seconds for runs in rounds) for index in range(3)
        )
        to_floor = statistics.median(pacte.seconds / floor.seconds for floor, pacte, _ in rounds)
        to_limit = statistics.median(pacte.seconds / limit.seconds for _, pacte, limit in rounds)
        rss, floor_rss, limit_rss = (
            max(runs[index].peak_rss_kib for runs in rounds) for index in (1, 0, 2)
        )
        results.append(
            (
                actions,
                files,
                floor_s,
                pacte_s,
                to_floor,
                rss,
                floor_rss,
                limit_s,
                to_limit,
                limit_rss,
            )
        )

    base_actions, base_files, _, base_pacte, _, base_rss, *_ = results[0]
    print()
    print(
        "| actions | fichiers | plancher | pacte | limite | pacte / plancher | pacte / limite "
        "| pacte par action | × plus petite taille | RSS max pacte | RSS par fichier "
        "| RSS max plancher | RSS max limite |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in results:
        actions, files, floor_s, pacte_s, ratio, rss, floor_rss, limit_s, to_limit, limit_rss = row
        per_action = pacte_s / actions
        print(
            f"| {actions} | {files} | {floor_s:.2f} s | {pacte_s:.2f} s | {limit_s:.2f} s "
            f"| {ratio:.3f} | {to_limit:.2f} "
            f"| {per_action * 1e3:.3f} ms | {per_action / (base_pacte / base_actions):.2f} "
            f"| {rss / 1024:.0f} Mio | {rss / files:.1f} Kio | {floor_rss / 1024:.0f} Mio "
            f"| {limit_rss / 1024:.0f} Mio |"
        )
    print("(médianes sur les tours ; les rapports sont les médianes des rapports de chaque tour)")
    if len(results) > 1:
        actions, files, _, pacte_s, _, rss, *_ = results[-1]
        slope = (pacte_s - base_pacte) / (actions - base_actions)
        marginal = (rss - base_rss) / (files - base_files)
        print(
            f"\npente {base_actions} → {actions} actions : {slope * 1e3:.3f} ms par action "
            f"supplémentaire ; mémoire marginale : {marginal:.1f} Kio par fichier"
        )

    if args.tools_rounds > 0:
        largest = ensure_pact(args.workdir, sizes[-1], args.seed)
        print(f"\noutils de référence sur {largest} :", flush=True)
        lines = reference_tools(largest, args.tools_rounds, args.tools_bin)
        print("\n| outil | temps (médiane) | rapport au plancher | paires |")
        print("|---|---:|---:|---:|")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
