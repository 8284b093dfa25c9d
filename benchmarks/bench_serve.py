"""Time the pages of `pacte serve` against `pacte report --format html`'s work, in-process.

    python benchmarks/bench_serve.py [--rounds 7] [--sizes 100] [--workdir DIR]

Issue 12: on this repository's data a page renders in at most 1.5 x the work of `pacte report
--format html` (validate, build the context, render; in-process, without the interpreter's
start-up); on 10 000 actions the roadmap page renders in at most 2 x the HTML report; a change
on disk is visible within 1 s.

Each pact is copied into a scratch folder (the benchmark writes into it). Every figure is the
median of paired runs (report work, then the page, alternating which goes first), each run
timed with `perf_counter` around a call of the WSGI application, as the server makes it:

- « à froid » : a new `LivePact` for every page, so the page pays the whole validation, the
  report context and its own rendering (the upper bound, and the figure the targets check);
- « après une modification » : the server as it runs, after one record file changed (only that
  file is parsed again, the rest of the validation is reused);
- « sans modification » : the same state again (what a reload costs when nothing changed).

Latency of a change: a partner file is rewritten, then the fingerprint endpoint is asked (as
the page's script does every 500 ms) and the roadmap is rendered again; the worst case is the
polling interval plus these two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_validate import ACTIONS_PER_CONVENTION, AS_OF, ensure_pact
from benchlib import REPO, machine
from pactecli.check.validation import validate
from pactecli.gcpause import cycle_collector_paused
from pactecli.load.git import read_provenance
from pactecli.load.sources import FolderSnapshot
from pactecli.render import roadmap
from pactecli.report.context import build_context
from pactecli.report.selection import Filters
from pactecli.web.app import WebApp
from pactecli.web.live import LivePact
from pactecli.web.security import Guard, allowed_hosts

DAY = dt.date.fromisoformat(AS_OF)
POLL_SECONDS = 0.5
PORT = 8000


def report_work(root: Path) -> str:
    """What `pacte report --format html` does once started (minus writing the file)."""
    validation = validate(FolderSnapshot(root), DAY)
    with cycle_collector_paused():  # as cli/report.py does
        context = build_context(
            validation.model, validation.diagnostics, Filters(), DAY, read_provenance(root)
        )
        return roadmap.render("html", context, roadmap.Options(root=root))


def application(root: Path) -> WebApp:
    guard = Guard(allowed_hosts("127.0.0.1", PORT), PORT)
    return WebApp(root, guard, LivePact(root, DAY))


def call(app: WebApp, path: str) -> bytes:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "HTTP_HOST": f"127.0.0.1:{PORT}",
        "wsgi.input": None,
    }
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h: status.append(s)))
    if not status or not status[0].startswith("200"):
        sys.exit(f"échec de la page {path} : {status}")
    return body


def timed(work: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def paired_ratio(
    first: Callable[[], object], second: Callable[[], object], rounds: int
) -> tuple[float, float, float]:
    """Median of first's and second's times, and the median over pairs of second / first."""
    pairs = []
    for index in range(rounds):
        if index % 2 == 0:
            a, b = timed(first), timed(second)
        else:
            b, a = timed(second), timed(first)
        pairs.append((a, b))
    return (
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(b / a for a, b in pairs),
    )


def touch_one(root: Path) -> Callable[[], None]:
    """A function that rewrites one action file with one more comment line each time."""
    target = next(iter(sorted((root / "data/conventions").glob("*/actions/*.yaml"))))
    original = target.read_text("utf-8")
    count = [0]

    def change() -> None:
        count[0] += 1
        target.write_text(original + f"# modification {count[0]}\n", "utf-8")

    return change


def copy_pact(source: Path, scratch: Path, name: str) -> Path:
    root = scratch / name
    root.mkdir()
    shutil.copy2(source / "pacte.yaml", root / "pacte.yaml")
    shutil.copytree(source / "data", root / "data")
    return root


def pages_of(root: Path) -> list[tuple[str, str]]:
    validation = validate(FolderSnapshot(root), DAY)
    model = validation.model
    action, partner, convention = model.actions[0], model.partners[0], model.conventions[0]
    return [
        ("feuille de route", "/"),
        ("exécution", "/execution"),
        ("problèmes", "/problemes"),
        ("fiche action", f"/actions/{action.id}"),
        ("fiche partenaire", f"/partenaires/{partner.id}"),
        ("fiche convention", f"/conventions/{convention.id}"),
        ("formulaire action", f"/actions/{action.id}/modifier"),
        ("formulaire contributions", f"/partenaires/{partner.id}/contributions"),
    ]


def measure_pages(root: Path, rounds: int, paths: list[tuple[str, str]]) -> float:
    """Each page kind from scratch against the report's work; the worst ratio."""
    app = application(root)
    worst = 0.0
    for label, path in paths:

        def cold(path: str = path) -> None:
            app.live = LivePact(root, DAY)
            call(app, path)

        report_s, page_s, ratio = paired_ratio(lambda: report_work(root), cold, rounds)
        worst = max(worst, ratio)
        print(
            f"  {label:26} {page_s * 1e3:8.1f} ms à froid, rapport {report_s * 1e3:8.1f} ms : "
            f"{ratio:.2f} x",
            flush=True,
        )
    return worst


def measure_live(root: Path, rounds: int) -> tuple[float, float, float]:
    """The roadmap after a change, without change, and the latency of a change."""
    app = application(root)
    call(app, "/")
    change = touch_one(root)

    def after_change() -> None:
        change()
        call(app, "/")

    changed = statistics.median(timed(after_change) for _ in range(rounds))
    unchanged = statistics.median(timed(lambda: call(app, "/")) for _ in range(rounds))
    latencies = []
    for _ in range(rounds):
        shown = call(app, "/empreinte")
        change()
        start = time.perf_counter()
        if call(app, "/empreinte") == shown:
            sys.exit("l'empreinte n'a pas changé après une écriture")
        call(app, "/")
        latencies.append(time.perf_counter() - start)
    return changed, unchanged, statistics.median(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="paires par mesure (défaut 7)")
    parser.add_argument("--sizes", default="100", help="conventions de 100 actions (défaut 100)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Machine : {machine()}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="pacte-serve-") as scratch:
        root = copy_pact(REPO, Path(scratch), "depot")
        print("Données de ce dépôt : chaque page à froid / travail de pacte report --format html")
        worst = measure_pages(root, options.rounds, pages_of(root))
        changed, unchanged, latency = measure_live(root, options.rounds)
        visible = POLL_SECONDS + latency
        print(
            f"  feuille de route après une modification : {changed * 1e3:.1f} ms ; "
            f"sans modification : {unchanged * 1e3:.1f} ms"
        )
        print(
            f"  modification visible : empreinte + page en {latency * 1e3:.1f} ms, au pire "
            f"{visible:.2f} s avec le sondage toutes les {POLL_SECONDS} s (objectif <= 1 s)"
        )
        print(f"  pire page à froid / rapport = {worst:.2f} (objectif <= 1.5)")
        failed |= worst > 1.5 or visible > 1.0
        for conventions in (int(s) for s in options.sizes.split(",")):
            actions = conventions * ACTIONS_PER_CONVENTION
            source = ensure_pact(options.workdir, conventions, options.seed)
            big = copy_pact(source, Path(scratch), f"grand-{conventions}")
            print(f"{actions} actions : feuille de route à froid / pacte report --format html")
            ratio = measure_pages(big, max(3, options.rounds // 2), [("feuille de route", "/")])
            changed, unchanged, latency = measure_live(big, 3)
            print(
                f"  après une modification : {changed:.2f} s ; sans modification : "
                f"{unchanged:.2f} s ; modification visible au pire en "
                f"{POLL_SECONDS + latency:.2f} s"
            )
            print(f"  feuille de route / rapport = {ratio:.2f} (objectif <= 2)")
            failed |= ratio > 2.0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
