"""The part of the pact a report covers: `--convention`, `--axe`, `--partenaire`, `--annee`.

A `Selection` keeps actions, conventions and years; with `--partenaire`, money totals count only
that partner's money, while every "reste à financer" still compares a budget with all its
funders' money (see `figures`). Records may be partly unknown when a report is forced over
validation errors (`--force`): every lookup here tolerates an unknown id or value.
"""

from __future__ import annotations

from dataclasses import dataclass

from pactecli.errors import UsageError
from pactecli.model import Action, Convention, PactModel


@dataclass(frozen=True)
class Filters:
    """What `--convention`, `--axe`, `--partenaire` and `--annee` ask to keep (None: all)."""

    convention: str | None = None
    axe: str | None = None
    partenaire: str | None = None
    annee: int | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.convention, self.axe, self.partenaire, self.annee))


@dataclass(frozen=True)
class Selection:
    """The part of the pact a report covers; money totals count only `partner`'s money if set."""

    model: PactModel
    years: tuple[int, ...]
    conventions: tuple[Convention, ...]
    actions: tuple[Action, ...]
    partner: str | None = None
    axis: str | None = None

    def counts_money_of(self, partner_id: str) -> bool:
        return self.partner is None or partner_id == self.partner


def pact_years(model: PactModel) -> tuple[int, ...]:
    """The pact's years; while they are unknown, the years that carry money."""
    if model.pact is not None and model.pact.period_known:
        return tuple(model.pact.years)
    years = {y for a in model.actions for y in a.budget}
    years |= {y for c in model.contributions() for y in c.amounts}
    return tuple(sorted(years))


def check_filters(model: PactModel, filters: Filters) -> None:
    """Unknown ids and years outside the pact are misuse (exit 2), with a suggestion."""
    from pactecli.suggest import did_you_mean  # only a mistyped filter needs it

    known: dict[str, tuple[str | None, list[str]]] = {
        "--convention": (filters.convention, list(model.conventions_by_id)),
        "--axe": (filters.axe, list(model.axes_by_id)),
        "--partenaire": (filters.partenaire, list(model.partners_by_id)),
    }
    for option, (wanted, index) in known.items():
        if wanted is not None and wanted not in index:
            hint = did_you_mean(wanted, index) or "identifiants connus : " + ", ".join(
                sorted(index)
            )
            raise UsageError(f"{option} : « {wanted} » n'existe pas dans ce pacte", hint=hint)
    years = pact_years(model)
    if filters.annee is not None and filters.annee not in years:
        span = f"{years[0]}-{years[-1]}" if years else "aucune année"
        raise UsageError(
            f"--annee : {filters.annee} est hors de la période du pacte ({span})",
            hint="choisissez une année de la période du pacte",
        )


def axis_of(model: PactModel, action: Action) -> str | None:
    objective = model.objectives_by_id.get(action.objectif) if action.objectif else None
    return objective.axe if objective is not None else None


def involves(model: PactModel, action: Action, partner_id: str) -> bool:
    """The partner leads the action, takes part in it, or contributes anything to it."""
    if action.pilote == partner_id or partner_id in action.partenaires:
        return True
    partner = model.partners_by_id.get(partner_id)
    return partner is not None and any(c.action == action.id for c in partner.contributions)


def _active_in(action: Action, year: int) -> bool:
    if year in action.budget:
        return True
    if action.debut is None or action.fin is None:
        return False
    return action.debut.year <= year <= action.fin.year


def select(model: PactModel, filters: Filters) -> Selection:
    """Keep what the filters ask; the caller has run `check_filters` first."""
    years = pact_years(model)
    if filters.annee is not None:
        years = (filters.annee,)
    actions = [a for a in model.actions if _keeps(model, a, filters)]
    kept_folders = {a.convention_folder for a in actions}
    conventions = [
        c for c in model.conventions if _keeps_convention(model, c, filters, kept_folders)
    ]
    return Selection(
        model, years, tuple(conventions), tuple(actions), filters.partenaire, filters.axe
    )


def _keeps(model: PactModel, action: Action, filters: Filters) -> bool:
    convention = model.convention_of(action)
    if filters.convention is not None and (
        convention is None or convention.id != filters.convention
    ):
        return False
    if filters.axe is not None and axis_of(model, action) != filters.axe:
        return False
    if filters.partenaire is not None and not involves(model, action, filters.partenaire):
        return False
    return filters.annee is None or _active_in(action, filters.annee)


def _keeps_convention(
    model: PactModel, convention: Convention, filters: Filters, kept_folders: set[str]
) -> bool:
    if convention.folder in kept_folders:
        return True
    if filters.convention is not None and convention.id != filters.convention:
        return False
    if filters.axe is not None and all(o.axe != filters.axe for o in convention.objectives):
        return False
    if filters.partenaire is not None:
        return filters.partenaire in convention.signataires or any(
            c.convention == convention.id
            for c in model.contributions()
            if c.partner_id == filters.partenaire
        )
    if filters.annee is None:
        return True
    if convention.debut is None or convention.fin is None:
        return False
    return convention.debut.year <= filters.annee <= convention.fin.year
