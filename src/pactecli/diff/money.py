"""Money across two versions: per funder, action (or convention) and year, and the partners'
contributions that appear or disappear."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from pactecli.diff.records import Renames, Skip
from pactecli.diff.values import (
    ZERO,
    ContributionChange,
    ContributionChangeKind,
    MoneyChange,
    RecordKind,
)
from pactecli.model import PactModel

_MoneyKey = tuple[str, str, str, int]  # funder, target kind, target id, year


def _amounts(
    model: PactModel, renames: Renames | None, skip: Skip
) -> tuple[dict[_MoneyKey, Decimal], dict[str, str]]:
    """Money per funder x target x year (ids translated to the head's when renamed)."""
    amounts: dict[_MoneyKey, Decimal] = defaultdict(lambda: ZERO)
    conventions: dict[str, str] = {}
    for partner in model.partners:
        if skip(RecordKind.PARTNER, partner.id):
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


def _renamed(renames: Renames | None, kind: str, record_id: str) -> str:
    if renames is None:
        return record_id
    mapping: dict[str, str] = getattr(renames, kind)
    return mapping.get(record_id, record_id)


def money(old: PactModel, new: PactModel, renames: Renames, skip: Skip) -> list[MoneyChange]:
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
    model: PactModel, renames: Renames | None, skip: Skip
) -> dict[tuple[str, str, str, str], tuple[Decimal, str]]:
    keys: dict[tuple[str, str, str, str], tuple[Decimal, str]] = {}
    for partner in model.partners:
        if skip(RecordKind.PARTNER, partner.id):
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


def contributions(
    old: PactModel, new: PactModel, renames: Renames, skip: Skip
) -> list[ContributionChange]:
    before = _contribution_keys(old, renames, skip)
    after = _contribution_keys(new, None, skip)
    found = []
    for key in sorted(after.keys() - before.keys()):
        amount, path = after[key]
        found.append(
            ContributionChange(
                key[0], ContributionChangeKind.NEW, key[1], key[2], key[3], amount, path
            )
        )
    for key in sorted(before.keys() - after.keys()):
        amount, path = before[key]
        found.append(
            ContributionChange(
                key[0], ContributionChangeKind.WITHDRAWN, key[1], key[2], key[3], amount, path
            )
        )
    return found
