"""What changes between two versions of a pact, in the terms of the pact (not of lines).

`compare(base, head)` takes two `Validation`s (so both models and both problem lists are exactly
those `pacte validate` would give) and returns a `Changes` (`diff.values`): records added,
removed, renamed or moved (`diff.records`); money per action (or convention), funder and year
with its totals, and partners' new and withdrawn contributions (`diff.money`); every field change
that matters to a reviewer (`diff.fields`); the change's own points of attention, such as signed
amounts changed without an amendment (`diff.rules`, spec section 8); and the problems the head
introduces or fixes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity, problem_key
from pactecli.diff import rules
from pactecli.diff.fields import field_changes
from pactecli.diff.money import contributions, money
from pactecli.diff.records import Renames, records, unreadable
from pactecli.diff.values import Changes, RecordKind


def compare(
    base: Validation,
    head: Validation,
    base_label: str,
    head_label: str,
    as_of: dt.date | None = None,
) -> Changes:
    """`as_of` decides which years are closed (for the points of attention): today by default."""
    changes = Changes(base_label, head_label)
    changes.head_errors, changes.head_warnings = head.errors, head.warnings
    old, new = base.model, head.model
    changes.labels = {p.id: p.label for p in (*old.partners, *new.partners)}
    skip = unreadable(old, new, changes)
    renames = Renames()
    changes.records += records(
        RecordKind.CONVENTION,
        old.conventions_by_id,
        new.conventions_by_id,
        skip,
        renames.conventions,
    )
    changes.records += records(
        RecordKind.OBJECTIVE, old.objectives_by_id, new.objectives_by_id, skip, renames.objectives
    )
    changes.records += records(
        RecordKind.ACTION, old.actions_by_id, new.actions_by_id, skip, renames.actions
    )
    changes.records += records(
        RecordKind.PARTNER, old.partners_by_id, new.partners_by_id, skip, renames.partners
    )
    changes.money = money(old, new, renames, skip)
    changes.contributions = contributions(old, new, renames, skip)
    changes.fields = list(field_changes(old, new, renames))
    changes.warnings = rules.warnings(old, new, renames, skip, as_of or dt.date.today())
    moves = {r.old_path: r.new_path for r in changes.records if r.old_path and r.new_path}
    changes.introduced, changes.fixed = _problems(base.diagnostics, head.diagnostics, moves)
    return changes


def _problems(
    base: list[Diagnostic], head: list[Diagnostic], moves: dict[str, str]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Problems only the head has, and problems only the base had (as many times as repeated).
    Notes (checks a broken file kept from being made) are not problems: left out."""
    base = [d for d in base if d.severity is not Severity.INFO]
    head = [d for d in head if d.severity is not Severity.INFO]
    before = Counter(problem_key(d, moves.get(d.location.path)) for d in base)
    after = Counter(problem_key(d) for d in head)
    introduced, fixed = [], []
    seen: Counter[tuple[str, str, str]] = Counter()
    for diagnostic in head:
        key = problem_key(diagnostic)
        seen[key] += 1
        if seen[key] > before.get(key, 0):
            introduced.append(diagnostic)
    seen.clear()
    for diagnostic in base:
        key = problem_key(diagnostic, moves.get(diagnostic.location.path))
        seen[key] += 1
        if seen[key] > after.get(key, 0):
            fixed.append(diagnostic)
    return introduced, fixed
