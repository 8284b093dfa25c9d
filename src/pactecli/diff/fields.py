"""Field changes across two versions: statuses, calendars, indicators, budgets, execution,
ceilings, signed amounts, co-financing rules, amendments, rule severities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pactecli.diff.records import Renames, path_of
from pactecli.diff.values import Category, FieldChange
from pactecli.model import (
    Action,
    Amendment,
    Convention,
    Indicator,
    Origin,
    PactModel,
    Partner,
)


def _pairs(
    old: dict[str, Any], new: dict[str, Any], renames: dict[str, str]
) -> Iterator[tuple[Any, Any]]:
    reverse = {new_id: old_id for old_id, new_id in renames.items()}
    for record_id in sorted(new):
        before = old.get(reverse.get(record_id, record_id))
        if before is not None:
            yield before, new[record_id]


def field_changes(old: PactModel, new: PactModel, renames: Renames) -> Iterator[FieldChange]:
    if old.pact and new.pact:
        yield from _pact_changes(old, new)
    for before, after in _pairs(old.conventions_by_id, new.conventions_by_id, renames.conventions):
        yield from _convention_changes(before, after)
    for before, after in _pairs(old.objectives_by_id, new.objectives_by_id, renames.objectives):
        yield from _simple(
            "objectif", after, before, (("titre", Category.OTHER), ("axe", Category.OTHER))
        )
    for before, after in _pairs(old.actions_by_id, new.actions_by_id, renames.actions):
        yield from _action_changes(before, after)
    for before, after in _pairs(old.partners_by_id, new.partners_by_id, renames.partners):
        yield from _payment_changes(before, after, renames)
        yield from _simple(
            "partenaire",
            after,
            before,
            (
                ("nom", Category.OTHER),
                ("sigle", Category.OTHER),
                ("categorie", Category.OTHER),
                ("signataire_pacte", Category.OTHER),
                ("date_adhesion", Category.CALENDAR),
            ),
        )


def _change(
    category: Category, record: Any, kind: str, name: str, was: Any, now: Any, detail: str = ""
) -> FieldChange:
    return FieldChange(category, kind, record.id, name, was, now, path_of(record), detail)


def _simple(
    kind: str, after: Any, before: Any, names: Iterable[tuple[str, Category]]
) -> Iterator[FieldChange]:
    for name, category in names:
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            yield _change(category, after, kind, name, was, now)


def _by_year(
    category: Category,
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
            yield _change(Category.CALENDAR, record, "pacte", f"periode.{name}", was, now)
    was_axes = {a.id: a.label for a in before.axes}
    now_axes = {a.id: a.label for a in after.axes}
    yield from _by_year(Category.OTHER, record, "pacte", "axes", was_axes, now_axes)
    if before.rule_severities != after.rule_severities:
        yield from _by_year(
            Category.RULES, record, "pacte", "regles", before.rule_severities, after.rule_severities
        )


def _convention_changes(before: Convention, after: Convention) -> Iterator[FieldChange]:
    yield from _simple(
        "convention",
        after,
        before,
        (
            ("titre", Category.OTHER),
            ("type", Category.OTHER),
            ("date_signature", Category.CALENDAR),
        ),
    )
    for name, was, now in (
        ("periode.debut", before.debut, after.debut),
        ("periode.fin", before.fin, after.fin),
    ):
        if was != now:
            yield _change(Category.CALENDAR, after, "convention", name, was, now, _days(was, now))
    if before.signataires != after.signataires:
        yield _change(
            Category.OTHER,
            after,
            "convention",
            "signataires",
            before.signataires,
            after.signataires,
        )
    yield from _by_year(
        Category.CEILING, after, "convention", "plafonds", before.ceilings, after.ceilings
    )
    yield from _cofunding_changes(before, after)
    for funder in sorted(before.engagements.keys() | after.engagements.keys()):
        yield from _by_year(
            Category.ENGAGEMENTS,
            after,
            "convention",
            f"engagements.{funder}",
            before.engagements.get(funder, {}),
            after.engagements.get(funder, {}),
        )
    was_amendments = {a.numero: _amendment(a) for a in before.amendments}
    now_amendments = {a.numero: _amendment(a) for a in after.amendments}
    yield from _by_year(
        Category.AMENDMENT, after, "convention", "avenants", was_amendments, now_amendments
    )


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
        Category.COFUNDING, after, "convention", "cofinancement", was_values, now_values
    )


def _action_changes(before: Action, after: Action) -> Iterator[FieldChange]:
    if before.statut != after.statut:
        yield _change(Category.STATUS, after, "action", "statut", before.statut, after.statut)
    if before.motif != after.motif:
        yield _change(Category.STATUS, after, "action", "motif", before.motif, after.motif)
    for name, was, now in (
        ("calendrier.debut", before.debut, after.debut),
        ("calendrier.fin", before.fin, after.fin),
    ):
        if was != now:
            yield _change(Category.CALENDAR, after, "action", name, was, now, _days(was, now))
    yield from _by_year(Category.BUDGET, after, "action", "budget", before.budget, after.budget)
    yield from _by_year(
        Category.EXECUTION, after, "action", "depenses", before.depenses, after.depenses
    )
    yield from _simple(
        "action",
        after,
        before,
        (
            ("titre", Category.OTHER),
            ("objectif", Category.OTHER),
            ("pilote", Category.OTHER),
            ("nature", Category.OTHER),
        ),
    )
    if sorted(before.partenaires) != sorted(after.partenaires):
        yield _change(
            Category.OTHER, after, "action", "partenaires", before.partenaires, after.partenaires
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
                Category.INDICATOR,
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
        Category.INDICATOR, action, "action", f"{prefix}.cibles", was.cibles, now.cibles, detail
    )
    yield from _by_year(
        Category.INDICATOR, action, "action", f"{prefix}.realise", was.realise, now.realise, detail
    )
    was_ref = (was.reference_year, was.reference_value)
    now_ref = (now.reference_year, now.reference_value)
    if was_ref != now_ref:
        yield _change(
            Category.INDICATOR,
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


def _payment_changes(before: Partner, after: Partner, renames: Renames) -> Iterator[FieldChange]:
    """What a funder paid, per target and year honoured (`versements.<target>.<year>`)."""
    was, now = _paid(before, renames), _paid(after, None)
    for target in sorted(was.keys() | now.keys()):
        yield from _by_year(
            Category.EXECUTION,
            after,
            "partenaire",
            f"versements.{target}",
            was.get(target, {}),
            now.get(target, {}),
        )


def _paid(partner: Partner, renames: Renames | None) -> dict[str, dict[int, Decimal]]:
    found: dict[str, dict[int, Decimal]] = {}
    for contribution in partner.contributions:
        target = contribution.action or contribution.convention
        if not contribution.payments or target is None:
            continue
        if renames is not None:
            target = renames.actions.get(target, renames.conventions.get(target, target))
        by_year = found.setdefault(target, {})
        for year, amount in contribution.paid_by_year().items():
            by_year[year] = by_year.get(year, Decimal(0)) + amount
    return found
