"""Cross-file rules: one module per code, each with its default severity and documentation.

A rule module defines `CODE`, `SEVERITY`, a docstring (what it checks, a passing and a failing
example) and `check(model, context)`, which yields `Finding`s. `run` turns findings into
diagnostics. Rules only read the model; they never see files or YAML.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.codes import FILE_CODES, CodeInfo
from pactecli.diagnostics import Diagnostic, Location, Severity
from pactecli.model import PactModel

#: Helper modules of this package that are not rules.
_HELPERS = frozenset(("base", "funding"))


def _discover() -> tuple[ModuleType, ...]:
    """Every rule module of this package, in the order of their names: adding a rule is adding
    a module (and its acceptance folders), nothing to register by hand."""
    names = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name not in _HELPERS
    )
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


RULES: tuple[ModuleType, ...] = _discover()


def run(model: PactModel, context: RuleContext) -> tuple[list[Diagnostic], dict[str, set[str]]]:
    """Every rule's problems, and for each file whose content is unknown, the rules it kept
    from being checked (code set by file)."""
    problems: list[Diagnostic] = []
    unchecked: dict[str, set[str]] = {}
    for rule in RULES:
        for found in rule.check(model, context):
            if isinstance(found, Unchecked):
                unchecked.setdefault(found.cause, set()).add(rule.CODE)
                continue
            problems.append(
                Diagnostic(
                    code=rule.CODE,
                    severity=rule.SEVERITY,
                    location=found.location,
                    message=found.message,
                    hint=found.hint,
                    related=found.related,
                )
            )
    return problems, unchecked


def catalogue() -> list[CodeInfo]:
    """Every code `pacte` can report, with its default severity and a one-line summary."""
    rule_codes = [
        CodeInfo(rule.CODE, rule.SEVERITY, (rule.__doc__ or "").strip().splitlines()[0])
        for rule in RULES
    ]
    return [*FILE_CODES, *rule_codes]


def documentation() -> dict[str, str]:
    """The French documentation of every code, with an accepted and a refused example: a rule
    module's docstring, or a file-level code's own text. `pacte explain` and SARIF's rule help
    both read it here."""
    docs = {info.code: (info.documentation or info.summary).strip() for info in FILE_CODES}
    docs.update((rule.CODE, (rule.__doc__ or "").strip()) for rule in RULES)
    return docs


__all__ = [
    "RULES",
    "Diagnostic",
    "Finding",
    "Location",
    "RuleContext",
    "Severity",
    "Unchecked",
    "catalogue",
    "documentation",
    "run",
]
