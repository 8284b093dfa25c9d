"""The whole check of a pact snapshot: files -> documents -> schema -> model -> rules.

`validate`, `report` and `diff` all start here, so they agree on what is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from pactecli import model
from pactecli.check import rules
from pactecli.check import schema as schema_check
from pactecli.diagnostics import Diagnostic, Severity, sorted_diagnostics
from pactecli.errors import UsageError
from pactecli.gcpause import cycle_collector_paused
from pactecli.layout import PACT_FILE, Kind, record_name
from pactecli.load import documents, sources
from pactecli.model import PactModel

SEVERITY_NAMES = {"erreur": Severity.ERROR, "avertissement": Severity.WARNING}


@dataclass(frozen=True)
class Validation:
    """Everything known about a snapshot: its model and its sorted problems."""

    model: PactModel
    diagnostics: list[Diagnostic]
    file_count: int

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)


#: Parsed and schema-checked records by source (path, kind, bytes), shared between validations.
ReadCache = dict[sources.Source, tuple[documents.Document | None, tuple[Diagnostic, ...]]]


def _read(
    source: sources.Source, cache: ReadCache | None
) -> tuple[documents.Document | None, list[Diagnostic]]:
    """Parse and schema-check one record, or reuse the work done on the very same file."""
    if cache is not None and source in cache:
        document, known = cache[source]
        return document, list(known)
    document, file_problems = documents.load(source)
    if document is not None:
        file_problems += schema_check.check(document)
    if cache is not None:
        cache[source] = (document, tuple(file_problems))
    return document, file_problems


@cycle_collector_paused()
def validate(
    snapshot: sources.Snapshot, as_of: dt.date, cache: ReadCache | None = None
) -> Validation:
    """`cache` (used by `pacte diff`) lets a second version of a pact reuse the parsing of the
    files it shares with the first, byte for byte."""
    found, problems = sources.collect(snapshot)
    if not any(source.kind is Kind.PACT for source in found) and not any(
        d.location.path == PACT_FILE for d in problems
    ):
        raise UsageError(
            f"aucun fichier {PACT_FILE} dans {snapshot.label}",
            hint="indiquez le dossier (ou la révision) qui contient le pacte",
        )
    parsed: list[tuple[documents.Document, bool]] = []
    unparsed: list[sources.Source] = []
    for source in found:
        document, file_problems = _read(source, cache)
        if document is not None:
            parsed.append((document, not file_problems))
        else:
            unparsed.append(source)
        problems += file_problems
    pact_model = model.build(parsed)
    pact_model.broken.extend(_unreadable_record(source) for source in unparsed)
    problems += rules.run(pact_model, rules.RuleContext(as_of=as_of))
    adjusted = _apply_severities(problems, pact_model)
    file_count = len(found) + sum(1 for d in problems if d.code in _UNREAD_CODES)
    return Validation(pact_model, sorted_diagnostics(adjusted), file_count)


_UNREAD_CODES = frozenset(("fichier-inattendu", "fichier-trop-volumineux"))


def _unreadable_record(source: sources.Source) -> model.BrokenRecord:
    """A record that could not even be parsed: its id is presumed from its place in the layout,
    so that references to it are not reported as unknown on top of its own problem."""
    return model.BrokenRecord(source.kind, source.path, record_name(source.path, source.kind))


def _apply_severities(problems: list[Diagnostic], pact_model: PactModel) -> list[Diagnostic]:
    """`regles:` in pacte.yaml: raise, lower or silence a code."""
    overrides = pact_model.pact.rule_severities if pact_model.pact else {}
    if not overrides:
        return problems
    adjusted = []
    for problem in problems:
        wanted = overrides.get(problem.code)
        if wanted == "ignore":
            continue
        if wanted in SEVERITY_NAMES:
            problem = _with_severity(problem, SEVERITY_NAMES[wanted])
        adjusted.append(problem)
    return adjusted


def _with_severity(problem: Diagnostic, severity: Severity) -> Diagnostic:
    return replace(problem, severity=severity)
