"""What changes between two versions of a pact, in the terms of the pact (not of lines).

`compare(base, head)` takes two `Validation`s (so both models and both problem lists are exactly
those `pacte validate` would give) and returns a `Changes`: records added, removed, renamed or
moved; money per action (or convention), funder and year with its totals; partners' new and
withdrawn contributions; every field change that matters to a reviewer (status, calendar,
indicators, budget, ceilings, co-financing rules, amendments); and the problems the head
introduces or fixes.

Records are matched by id. A record found under another file with the same id is a move; a
record gone while another of the same kind and title appeared is a rename (id changed). A record
whose file cannot be read on one side is not compared (its problems say why), so a typo in a
pull request never shows as "action removed, 200 000 € withdrawn".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity, line_free, problem_key
from pactecli.layout import Kind
from pactecli.model import (
    Action,
    Amendment,
    Convention,
    Indicator,
    Objective,
    Origin,
    PactModel,
)

ZERO = Decimal(0)

# --- change values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A convention, objective, action or partner added, removed, renamed or moved."""

    kind: str  # convention | objectif | action | partenaire
    change: str  # ajout | retrait | renommage | deplacement
    id: str  # the id in the head (in the base for a removal)
    title: str
    old_id: str | None = None
    old_path: str | None = None
    new_path: str | None = None
    old_parent: str | None = None  # convention of an action or objective
    new_parent: str | None = None


@dataclass(frozen=True, slots=True)
class MoneyChange:
    """One funder's money for one action (or a whole convention) in one year."""

    funder: str
    target_kind: str  # action | convention
    target: str
    convention: str | None
    year: int
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class ContributionChange:
    """A partner's contribution that appears or disappears (any nature)."""

    partner: str
    change: str  # nouvelle | retiree
    target_kind: str
    target: str
    nature: str
    amount: Decimal  # total over the years, financial contributions only
    path: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A value of a record that changed; `old`/`new` are None when absent on that side."""

    category: str  # statut | calendrier | indicateur | budget | plafond | cofinancement | ...
    kind: str  # pacte | convention | objectif | action | partenaire
    id: str
    field: str
    old: Any
    new: Any
    path: str
    detail: str = ""  # e.g. the indicator's label, a calendar shift in days


@dataclass
class Changes:
    base_label: str
    head_label: str
    records: list[RecordChange] = field(default_factory=list)
    money: list[MoneyChange] = field(default_factory=list)
    contributions: list[ContributionChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    introduced: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)  # files unreadable on one side
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, "A" or "B")
    head_errors: int = 0
    head_warnings: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # partner id -> sigle or name

    # --- totals ----------------------------------------------------------------------------

    @property
    def total(self) -> Decimal:
        return sum((m.difference for m in self.money), start=ZERO)

    def _totals(self, key: Any) -> dict[Any, Decimal]:
        totals: dict[Any, Decimal] = defaultdict(lambda: ZERO)
        for change in self.money:
            totals[key(change)] += change.difference
        return dict(totals)

    def by_action(self) -> dict[str, Decimal]:
        return self._totals(lambda m: m.target if m.target_kind == "action" else None)

    def by_funder(self) -> dict[str, Decimal]:
        return self._totals(lambda m: m.funder)

    def by_convention(self) -> dict[str | None, Decimal]:
        return self._totals(lambda m: m.convention)

    def by_funder_year(self) -> dict[tuple[str, int], Decimal]:
        return self._totals(lambda m: (m.funder, m.year))

    def label(self, partner_id: str) -> str:
        return self.labels.get(partner_id, partner_id)

    def count(self, kind: str, change: str) -> int:
        return sum(1 for r in self.records if r.kind == kind and r.change == change)

    @property
    def introduced_errors(self) -> int:
        return sum(1 for d in self.introduced if d.severity is Severity.ERROR)

    @property
    def is_empty(self) -> bool:
        return not (
            self.records
            or self.money
            or self.contributions
            or self.fields
            or self.introduced
            or self.fixed
        )


# --- comparison ------------------------------------------------------------------------------


def compare(base: Validation, head: Validation, base_label: str, head_label: str) -> Changes:
    changes = Changes(base_label, head_label)
    changes.head_errors, changes.head_warnings = head.errors, head.warnings
    old, new = base.model, head.model
    changes.labels = {p.id: p.label for p in (*old.partners, *new.partners)}
    skip = _unreadable(old, new, changes)
    renames = _Renames()
    changes.records += _records(
        "convention", old.conventions_by_id, new.conventions_by_id, skip, renames.conventions
    )
    changes.records += _records(
        "objectif", old.objectives_by_id, new.objectives_by_id, skip, renames.objectives
    )
    changes.records += _records(
        "action", old.actions_by_id, new.actions_by_id, skip, renames.actions
    )
    changes.records += _records(
        "partenaire", old.partners_by_id, new.partners_by_id, skip, renames.partners
    )
    changes.money = _money(old, new, renames, skip)
    changes.contributions = _contributions(old, new, renames, skip)
    changes.fields = list(_field_changes(old, new, renames))
    moves = {r.old_path: r.new_path for r in changes.records if r.old_path and r.new_path}
    changes.introduced, changes.fixed = _problems(base.diagnostics, head.diagnostics, moves)
    return changes


@dataclass
class _Renames:
    """old id -> new id, per kind, for records renamed between the versions."""

    conventions: dict[str, str] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)
    partners: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Skip:
    """Ids whose record is unreadable on one side, per kind: not compared."""

    ids: dict[Kind, set[str]]

    def __call__(self, kind: str, record_id: str) -> bool:
        return record_id in self.ids.get(_KINDS[kind], set())


_KINDS = {
    "convention": Kind.CONVENTION,
    "objectif": Kind.CONVENTION,
    "action": Kind.ACTION,
    "partenaire": Kind.PARTNER,
}


def _unreadable(old: PactModel, new: PactModel, changes: Changes) -> _Skip:
    ids: dict[Kind, set[str]] = defaultdict(set)
    for side, model in (("A", old), ("B", new)):
        for kind, record_id, path in model.damaged():
            if record_id:
                ids[kind].add(record_id)
            if path not in changes.not_compared:
                changes.not_compared.append(path)
            changes.unreadable.append((path, side))
    changes.not_compared.sort()
    changes.unreadable.sort()
    # objectives live in their convention's file
    for convention_id in list(ids.get(Kind.CONVENTION, ())):
        for model in (old, new):
            convention = model.conventions_by_id.get(convention_id)
            if convention:
                ids[Kind.CONVENTION].update(o.id for o in convention.objectives)
    return _Skip(dict(ids))


def _title(record: Any) -> str:
    return str(getattr(record, "titre", None) or getattr(record, "nom", None) or record.id)


def _path(record: Any) -> str:
    return str(record.origin.file)


def _parent(record: Any) -> str | None:
    if isinstance(record, Action):
        return record.convention_folder
    if isinstance(record, Objective):
        return record.convention_id
    return None


def _records(
    kind: str,
    old: dict[str, Any],
    new: dict[str, Any],
    skip: _Skip,
    renames: dict[str, str],
) -> list[RecordChange]:
    found: list[RecordChange] = []
    for record_id in sorted(old.keys() & new.keys()):
        before, after = old[record_id], new[record_id]
        moved = _path(before) != _path(after) or _parent(before) != _parent(after)
        if moved and not (kind == "objectif" and _parent(before) == _parent(after)):
            found.append(_record_change(kind, "deplacement", after, before))
    removed = [old[i] for i in sorted(old.keys() - new.keys()) if not skip(kind, i)]
    added = [new[i] for i in sorted(new.keys() - old.keys()) if not skip(kind, i)]
    by_title: dict[str, list[Any]] = defaultdict(list)
    for record in added:
        by_title[_title(record)].append(record)
    paired: set[str] = set()
    for record in removed:
        candidates = [r for r in by_title.get(_title(record), []) if r.id not in paired]
        if len(candidates) == 1:
            renamed = candidates[0]
            paired.add(renamed.id)
            renames[record.id] = renamed.id
            found.append(_record_change(kind, "renommage", renamed, record))
        else:
            found.append(_record_change(kind, "retrait", record))
    found += [_record_change(kind, "ajout", r) for r in added if r.id not in paired]
    return found


def _record_change(kind: str, change: str, record: Any, before: Any = None) -> RecordChange:
    """`record` is the head's record (the base's for a removal); `before` its base version."""
    old = record if change == "retrait" else before
    new = None if change == "retrait" else record
    return RecordChange(
        kind,
        change,
        record.id,
        _title(record),
        old_id=before.id if before is not None and before.id != record.id else None,
        old_path=_path(old) if old is not None else None,
        new_path=_path(new) if new is not None else None,
        old_parent=_parent(old) if old is not None else None,
        new_parent=_parent(new) if new is not None else None,
    )


# --- money -----------------------------------------------------------------------------------

_MoneyKey = tuple[str, str, str, int]  # funder, target kind, target id, year


def _amounts(
    model: PactModel, renames: _Renames | None, skip: _Skip
) -> tuple[dict[_MoneyKey, Decimal], dict[str, str]]:
    """Money per funder x target x year (ids translated to the head's when renamed)."""
    amounts: dict[_MoneyKey, Decimal] = defaultdict(lambda: ZERO)
    conventions: dict[str, str] = {}
    for partner in model.partners:
        if skip("partenaire", partner.id):
            continue
        funder = _renamed(renames, "partners", partner.id)
        for contribution in partner.contributions:
            if not contribution.is_financial:
                continue
            if contribution.action is not None:
                kind, target = "action", _renamed(renames, "actions", contribution.action)
                action = model.actions_by_id.get(contribution.action)
                convention = model.convention_of(action) if action else None
                if convention is not None:
                    conventions[target] = _renamed(renames, "conventions", convention.id)
            elif contribution.convention is not None:
                kind = "convention"
                target = _renamed(renames, "conventions", contribution.convention)
                conventions[target] = target
            else:
                continue
            for year, amount in contribution.amounts.items():
                amounts[(funder, kind, target, year)] += amount
    return dict(amounts), conventions


def _renamed(renames: _Renames | None, kind: str, record_id: str) -> str:
    if renames is None:
        return record_id
    mapping: dict[str, str] = getattr(renames, kind)
    return mapping.get(record_id, record_id)


def _money(old: PactModel, new: PactModel, renames: _Renames, skip: _Skip) -> list[MoneyChange]:
    before, old_conventions = _amounts(old, renames, skip)
    after, new_conventions = _amounts(new, None, skip)
    found = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[2], k[0], k[3])):
        was, now = before.get(key, ZERO), after.get(key, ZERO)
        if was == now:
            continue
        funder, kind, target, year = key
        convention = new_conventions.get(target) or old_conventions.get(target)
        found.append(MoneyChange(funder, kind, target, convention, year, was, now))
    return found


def _contribution_keys(
    model: PactModel, renames: _Renames | None, skip: _Skip
) -> dict[tuple[str, str, str, str], tuple[Decimal, str]]:
    keys: dict[tuple[str, str, str, str], tuple[Decimal, str]] = {}
    for partner in model.partners:
        if skip("partenaire", partner.id):
            continue
        funder = _renamed(renames, "partners", partner.id)
        for contribution in partner.contributions:
            if contribution.action is not None:
                kind, target = "action", _renamed(renames, "actions", contribution.action)
            elif contribution.convention is not None:
                kind = "convention"
                target = _renamed(renames, "conventions", contribution.convention)
            else:
                continue
            key = (funder, kind, target, contribution.nature)
            total = sum(contribution.amounts.values(), start=ZERO)
            previous = keys.get(key, (ZERO, partner.origin.file))[0]
            keys[key] = (previous + total, partner.origin.file)
    return keys


def _contributions(
    old: PactModel, new: PactModel, renames: _Renames, skip: _Skip
) -> list[ContributionChange]:
    before = _contribution_keys(old, renames, skip)
    after = _contribution_keys(new, None, skip)
    found = []
    for key in sorted(after.keys() - before.keys()):
        amount, path = after[key]
        found.append(ContributionChange(key[0], "nouvelle", key[1], key[2], key[3], amount, path))
    for key in sorted(before.keys() - after.keys()):
        amount, path = before[key]
        found.append(ContributionChange(key[0], "retiree", key[1], key[2], key[3], amount, path))
    return found


# --- field changes ---------------------------------------------------------------------------


def _pairs(
    old: dict[str, Any], new: dict[str, Any], renames: dict[str, str]
) -> Iterator[tuple[Any, Any]]:
    reverse = {new_id: old_id for old_id, new_id in renames.items()}
    for record_id in sorted(new):
        before = old.get(reverse.get(record_id, record_id))
        if before is not None:
            yield before, new[record_id]


def _field_changes(old: PactModel, new: PactModel, renames: _Renames) -> Iterator[FieldChange]:
    if old.pact and new.pact:
        yield from _pact_changes(old, new)
    for before, after in _pairs(old.conventions_by_id, new.conventions_by_id, renames.conventions):
        yield from _convention_changes(before, after)
    for before, after in _pairs(old.objectives_by_id, new.objectives_by_id, renames.objectives):
        yield from _simple("objectif", after, before, (("titre", "autre"), ("axe", "autre")))
    for before, after in _pairs(old.actions_by_id, new.actions_by_id, renames.actions):
        yield from _action_changes(before, after)
    for before, after in _pairs(old.partners_by_id, new.partners_by_id, renames.partners):
        yield from _simple(
            "partenaire",
            after,
            before,
            (
                ("nom", "autre"),
                ("sigle", "autre"),
                ("categorie", "autre"),
                ("signataire_pacte", "autre"),
                ("date_adhesion", "calendrier"),
            ),
        )


def _change(
    category: str, record: Any, kind: str, name: str, was: Any, now: Any, detail: str = ""
) -> FieldChange:
    return FieldChange(category, kind, record.id, name, was, now, _path(record), detail)


def _simple(
    kind: str, after: Any, before: Any, names: Iterable[tuple[str, str]]
) -> Iterator[FieldChange]:
    for name, category in names:
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            yield _change(category, after, kind, name, was, now)


def _by_year(
    category: str,
    record: Any,
    kind: str,
    name: str,
    was: dict[Any, Any],
    now: dict[Any, Any],
    detail: str = "",
) -> Iterator[FieldChange]:
    for key in sorted(was.keys() | now.keys(), key=str):
        if was.get(key) != now.get(key):
            yield _change(
                category, record, kind, f"{name}.{key}", was.get(key), now.get(key), detail
            )


def _amendment(amendment: Amendment) -> str:
    day = amendment.date.isoformat() if amendment.date else "?"
    return f"{day} : {amendment.objet}"


def _days(was: dt.date | None, now: dt.date | None) -> str:
    if was is None or now is None:
        return ""
    shift = (now - was).days
    return f"{shift:+d} jours" if shift else ""


@dataclass(frozen=True, slots=True)
class _Named:
    id: str
    origin: Origin


def _pact_changes(old: PactModel, new: PactModel) -> Iterator[FieldChange]:
    assert old.pact is not None and new.pact is not None
    before, after = old.pact, new.pact
    record = _Named(after.code or "pacte", after.origin)
    for name in ("debut", "fin"):
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            yield _change("calendrier", record, "pacte", f"periode.{name}", was, now)
    was_axes = {a.id: a.label for a in before.axes}
    now_axes = {a.id: a.label for a in after.axes}
    yield from _by_year("autre", record, "pacte", "axes", was_axes, now_axes)
    if before.rule_severities != after.rule_severities:
        yield from _by_year(
            "regles", record, "pacte", "regles", before.rule_severities, after.rule_severities
        )


def _convention_changes(before: Convention, after: Convention) -> Iterator[FieldChange]:
    yield from _simple(
        "convention",
        after,
        before,
        (("titre", "autre"), ("type", "autre"), ("date_signature", "calendrier")),
    )
    for name, was, now in (
        ("periode.debut", before.debut, after.debut),
        ("periode.fin", before.fin, after.fin),
    ):
        if was != now:
            yield _change("calendrier", after, "convention", name, was, now, _days(was, now))
    if before.signataires != after.signataires:
        yield _change(
            "autre", after, "convention", "signataires", before.signataires, after.signataires
        )
    yield from _by_year("plafond", after, "convention", "plafonds", before.ceilings, after.ceilings)
    yield from _cofunding_changes(before, after)
    was_amendments = {a.numero: _amendment(a) for a in before.amendments}
    now_amendments = {a.numero: _amendment(a) for a in after.amendments}
    yield from _by_year("avenant", after, "convention", "avenants", was_amendments, now_amendments)


def _cofunding_changes(before: Convention, after: Convention) -> Iterator[FieldChange]:
    was, now = before.cofunding, after.cofunding
    if was is None and now is None:
        return
    was_values = (
        {"financeurs": list(was.funders), "echelle": was.scale, "tolerance": was.tolerance}
        if was
        else {}
    )
    now_values = (
        {"financeurs": list(now.funders), "echelle": now.scale, "tolerance": now.tolerance}
        if now
        else {}
    )
    yield from _by_year(
        "cofinancement", after, "convention", "cofinancement", was_values, now_values
    )


def _action_changes(before: Action, after: Action) -> Iterator[FieldChange]:
    if before.statut != after.statut:
        yield _change("statut", after, "action", "statut", before.statut, after.statut)
    for name, was, now in (
        ("calendrier.debut", before.debut, after.debut),
        ("calendrier.fin", before.fin, after.fin),
    ):
        if was != now:
            yield _change("calendrier", after, "action", name, was, now, _days(was, now))
    yield from _by_year("budget", after, "action", "budget", before.budget, after.budget)
    yield from _simple(
        "action",
        after,
        before,
        (("titre", "autre"), ("objectif", "autre"), ("pilote", "autre"), ("nature", "autre")),
    )
    if sorted(before.partenaires) != sorted(after.partenaires):
        yield _change(
            "autre", after, "action", "partenaires", before.partenaires, after.partenaires
        )
    yield from _indicator_changes(before, after)


def _indicator_changes(before: Action, after: Action) -> Iterator[FieldChange]:
    was = {i.id: i for i in before.indicators}
    now = {i.id: i for i in after.indicators}
    for indicator_id in sorted(was.keys() | now.keys()):
        old_indicator, new_indicator = was.get(indicator_id), now.get(indicator_id)
        if old_indicator is None or new_indicator is None:
            present = new_indicator or old_indicator
            assert present is not None
            yield _change(
                "indicateur",
                after,
                "action",
                f"indicateurs.{indicator_id}",
                old_indicator.libelle if old_indicator else None,
                new_indicator.libelle if new_indicator else None,
                present.libelle,
            )
            continue
        yield from _indicator_values(after, old_indicator, new_indicator)


def _indicator_values(action: Action, was: Indicator, now: Indicator) -> Iterator[FieldChange]:
    prefix = f"indicateurs.{now.id}"
    detail = f"{now.libelle} ({now.unite})"
    yield from _by_year(
        "indicateur", action, "action", f"{prefix}.cibles", was.cibles, now.cibles, detail
    )
    yield from _by_year(
        "indicateur", action, "action", f"{prefix}.realise", was.realise, now.realise, detail
    )
    was_ref = (was.reference_year, was.reference_value)
    now_ref = (now.reference_year, now.reference_value)
    if was_ref != now_ref:
        yield _change(
            "indicateur",
            action,
            "action",
            f"{prefix}.reference",
            _reference(was_ref),
            _reference(now_ref),
            detail,
        )


def _reference(value: tuple[int | None, Decimal | None]) -> str | None:
    year, number = value
    return None if year is None else f"{number} en {year}"


# --- problems --------------------------------------------------------------------------------


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


__all__ = [
    "Changes",
    "ContributionChange",
    "FieldChange",
    "MoneyChange",
    "RecordChange",
    "compare",
    "line_free",
    "problem_key",
]
