"""The whole check of a pact snapshot: files -> documents -> schema -> model -> rules.

`validate`, `report` and `diff` all start here, so they agree on what is wrong. One pass shows
every problem: a broken value only hides the facts that depend on it, and each check that a
broken file kept from being made is said once, in a `verification-omise` note on that file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from pactecli import codes
from pactecli.check import rules
from pactecli.check import schema as schema_check
from pactecli.diagnostics import Diagnostic, Location, Severity, sorted_diagnostics
from pactecli.errors import UsageError
from pactecli.gcpause import cycle_collector_paused
from pactecli.layout import PACT_FILE, Kind
from pactecli.load import documents, sources
from pactecli.model import Loaded, PactModel, Unlisted, build

SEVERITY_NAMES = {"erreur": Severity.ERROR, "avertissement": Severity.WARNING}
_INTEGRITY = frozenset(info.code for info in codes.INTEGRITY_CODES)


@dataclass(frozen=True)
class Validation:
    """Everything known about a snapshot: its model and its sorted problems."""

    model: PactModel
    diagnostics: list[Diagnostic]
    file_count: int
    elsewhere: int = 0
    """Problems left out by `restricted_to`: located in other files than those asked for."""
    paths: tuple[str, ...] = ()
    """The files read (or refused), root-relative."""

    def restricted_to(self, paths: Collection[str]) -> Validation:
        """The same validation showing only what is located in `paths` (files, or folders
        ending with `/`); the others are counted in `elsewhere`."""
        wanted = set(paths)
        folders = tuple(p for p in wanted if p.endswith("/"))

        def inside(path: str) -> bool:
            return path in wanted or path.startswith(folders) if folders else path in wanted

        kept = [d for d in self.diagnostics if inside(d.location.path)]
        left = sum(
            1
            for d in self.diagnostics
            if d.severity is not Severity.INFO and not inside(d.location.path)
        )
        files = sum(1 for path in self.paths if inside(path))
        return replace(self, diagnostics=kept, file_count=files, elsewhere=left)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)


#: Parsed and schema-checked records by source (path, kind, bytes), shared between validations.
ReadCache = dict[
    sources.Source,
    tuple[documents.Document | None, tuple[Diagnostic, ...], schema_check.SchemaResult],
]


def _read(
    source: sources.Source, cache: ReadCache | None
) -> tuple[documents.Document | None, list[Diagnostic], schema_check.SchemaResult]:
    """Parse and schema-check one record, or reuse the work done on the very same file."""
    if cache is not None and source in cache:
        document, known, checked = cache[source]
        return document, list(known), checked
    document, file_problems = documents.load(source)
    checked = schema_check.check(document) if document is not None else schema_check.VALID
    if cache is not None:
        cache[source] = (document, tuple(file_problems), checked)
    return document, file_problems, checked


@cycle_collector_paused()
def validate(
    snapshot: sources.Snapshot, as_of: dt.date, cache: ReadCache | None = None
) -> Validation:
    """`cache` (used by `pacte diff`) lets a second version of a pact reuse the parsing of the
    files it shares with the first, byte for byte."""
    found = sources.collect(snapshot)
    _require_pact_file(found, snapshot.label)
    problems = list(found.problems)
    loaded: list[Loaded] = []
    unread = [(refused.kind, refused.path) for refused in found.refused]
    for source in found.sources:
        document, file_problems, checked = _read(source, cache)
        problems += file_problems
        problems += checked.problems
        if document is None:
            unread.append((source.kind, source.path))
        else:
            loaded.append(Loaded(document, checked.invalid))
    pact_model = build(loaded, unread, (Unlisted(h.path, h.kinds) for h in found.hidden))
    findings, unchecked = rules.run(pact_model, rules.RuleContext(as_of=as_of))
    problems += findings
    problems += _notes(pact_model, unchecked)
    adjusted = _apply_severities(problems, pact_model)
    file_count = len(found.sources) + sum(1 for d in found.problems if d.code in _UNREAD_CODES)
    paths = tuple(s.path for s in found.sources) + tuple(r.path for r in found.refused)
    return Validation(pact_model, sorted_diagnostics(adjusted), file_count, paths=paths)


_UNREAD_CODES = frozenset(("fichier-inattendu", "fichier-trop-volumineux"))


def _require_pact_file(found: sources.Collected, label: str) -> None:
    present = any(s.kind is Kind.PACT for s in found.sources) or any(
        r.kind is Kind.PACT for r in found.refused
    )
    if not present and not any(d.location.path == PACT_FILE for d in found.problems):
        raise UsageError(
            f"aucun fichier {PACT_FILE} dans {label}",
            hint="indiquez le dossier (ou la révision) qui contient le pacte",
        )


def _notes(model: PactModel, unchecked: dict[str, set[str]]) -> Iterable[Diagnostic]:
    """One note per file (or folder) whose unknown content kept rules from being checked."""
    unread = {u.path for u in model.unread}
    for cause, skipped in sorted(unchecked.items()):
        if cause.endswith("/"):
            why, fix = "tant que ce dossier est illisible", "rendez ce dossier lisible"
        elif cause in unread:
            why, fix = "tant que ce fichier est illisible", "corrigez ce fichier"
        else:
            why, fix = "tant que les erreurs de ce fichier ne sont pas corrigées", "corrigez-les"
        listed = ", ".join(sorted(skipped))
        rules_word = (
            "ces règles ne sont pas vérifiées là où elles dépendent de lui"
            if len(skipped) > 1
            else "cette règle n'est pas vérifiée là où elle dépend de lui"
        )
        yield Diagnostic(
            codes.UNCHECKED.code,
            codes.UNCHECKED.severity,
            Location(cause),
            f"{why}, {rules_word} : {listed}",
            f"{fix}, puis relancez la validation : "
            + ("elles seront vérifiées" if len(skipped) > 1 else "elle sera vérifiée"),
        )


def _apply_severities(problems: list[Diagnostic], pact_model: PactModel) -> list[Diagnostic]:
    """`regles:` in pacte.yaml: raise, lower or silence a code (never an integrity code: the
    schema refuses such an entry, which then reaches here as unknown and is left out)."""
    overrides = pact_model.pact.rule_severities if pact_model.pact else {}
    if not overrides:
        return problems
    adjusted = []
    for problem in problems:
        wanted = overrides.get(problem.code)
        if problem.code in _INTEGRITY and wanted != "erreur":
            wanted = None
        if wanted == "ignore":
            continue
        if wanted in SEVERITY_NAMES:
            problem = replace(problem, severity=SEVERITY_NAMES[wanted])
        adjusted.append(problem)
    return adjusted
