"""`pacte list`: one line per action, partner, convention or indicator, with its figures.

The rule is the same for every kind: filters choose the lines, and the figures of a line are
always those of the whole record, read from an unfiltered `lookup.Explorer` (the report's own
figures), so that the lines of an unfiltered list add up to the report's totals. An action's
money counts every funder; a partner's engagé and versé count all it gives (to actions and to
conventions as a whole); a convention's count its actions and the money given to it as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pactecli.errors import UsageError
from pactecli.labels import PARTNER_CATEGORIES
from pactecli.model import PactModel
from pactecli.report.context_types import ActionVue, Indicateur, IndicateurAnnee, Partenaire
from pactecli.report.lookup import NBSP, ZERO, Explorer
from pactecli.report.selection import Filters, Selection, check_filters, select


class ListKind(StrEnum):
    ACTIONS = "actions"
    PARTNERS = "partenaires"
    CONVENTIONS = "conventions"
    INDICATORS = "indicateurs"


@dataclass(frozen=True)
class Criteres:
    """`--statut`, `--axe`, `--pilote`, `--convention`, `--partenaire` (None: no filter)."""

    statut: str | None = None
    axe: str | None = None
    pilote: str | None = None
    convention: str | None = None
    partenaire: str | None = None

    def given(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) is not None]


#: Which filters choose the lines of each kind.
APPLICABLE: dict[ListKind, tuple[str, ...]] = {
    ListKind.ACTIONS: ("statut", "axe", "pilote", "convention", "partenaire"),
    ListKind.INDICATORS: ("statut", "axe", "pilote", "convention", "partenaire"),
    ListKind.PARTNERS: ("axe", "convention"),
    ListKind.CONVENTIONS: ("axe", "partenaire"),
}
_MEANING = {
    ListKind.PARTNERS: "ceux qui signent la convention, ou pilotent, financent ou accompagnent "
    "une de ses actions (ou une action de l'axe)",
    ListKind.CONVENTIONS: "celles qui ont un objectif de l'axe, ou que le partenaire signe, "
    "finance, ou dont il pilote ou accompagne une action",
}


@dataclass(frozen=True, slots=True)
class ActionListee:
    id: str
    titre: str
    convention: str
    axe: str | None
    pilote: Partenaire
    statut: str
    """As the report shows it: `en_retard` when derived."""
    statut_libelle: str
    budget: Decimal
    engage: Decimal
    """Every funder's money."""
    verse: Decimal
    depense: Decimal | None
    """None: no spending declared."""


@dataclass(frozen=True, slots=True)
class PartenaireListe:
    id: str
    nom: str
    sigle: str | None
    categorie: str | None
    categorie_libelle: str
    signataire: bool
    engage: Decimal
    verse: Decimal
    nb_actions: int
    """Actions it contributes to, whatever the nature of the contribution."""
    nb_pilotees: int


@dataclass(frozen=True, slots=True)
class ConventionListee:
    id: str
    type: str
    titre: str
    nb_actions: int
    budget: Decimal
    engage: Decimal
    verse: Decimal
    depense: Decimal | None
    signe: Decimal | None
    """The signed annex's amounts (`engagements`), None without one."""
    parite: bool | None
    """Co-financing parity achieved every year (None: not co-financed)."""


@dataclass(frozen=True, slots=True)
class IndicateurListe:
    action: str
    id: str
    libelle: str
    unite: str
    sens: str
    annee: int | None
    """The last year before the as-of date's with a target (None: none yet)."""
    cible: Decimal | None
    realise: Decimal | None
    atteinte: Decimal | None
    """The report's attainment (`figures.attainment`)."""


Row = ActionListee | PartenaireListe | ConventionListee | IndicateurListe


@dataclass(frozen=True, slots=True)
class Liste:
    genre: ListKind
    lignes: tuple[Any, ...]
    totaux: tuple[tuple[str, Decimal | None], ...]
    """Field name -> the sum of its lines (money fields only; none for indicators); None when
    no line has a value."""
    filtres: tuple[tuple[str, str], ...]
    """The filters given, as (option, value)."""
    situation: dt.date


_MONEY_FIELDS = {
    ListKind.ACTIONS: ("budget", "engage", "verse", "depense"),
    ListKind.PARTNERS: ("engage", "verse"),
    ListKind.CONVENTIONS: ("budget", "engage", "verse", "depense", "signe"),
    ListKind.INDICATORS: (),
}


def check_criteria(model: PactModel, kind: ListKind, criteria: Criteres) -> None:
    """A filter that does not choose lines of `kind`, or an unknown id, is misuse (exit 2)."""
    refused = [name for name in criteria.given() if name not in APPLICABLE[kind]]
    if refused:
        allowed = ", ".join(f"--{name}" for name in APPLICABLE[kind])
        raise UsageError(
            f"--{refused[0]} ne s'applique pas à pacte list {kind.value}",
            hint=f"pour {kind.value}{NBSP}: {allowed}",
        )
    check_filters(model, Filters(criteria.convention, criteria.axe, criteria.partenaire))
    if criteria.pilote is not None and criteria.pilote not in model.partners_by_id:
        from pactecli.suggest import did_you_mean

        known = list(model.partners_by_id)
        raise UsageError(
            f"--pilote{NBSP}: «{NBSP}{criteria.pilote}{NBSP}» n'existe pas dans ce pacte",
            hint=did_you_mean(criteria.pilote, known)
            or f"identifiants connus{NBSP}: " + ", ".join(sorted(known)),
        )


def meaning(kind: ListKind) -> str:
    """What the filters keep for `kind`, in French (for `--help`)."""
    return _MEANING.get(kind, "")


def listing(explorer: Explorer, kind: ListKind, criteria: Criteres) -> Liste:
    """The lines of `kind` the criteria keep; `explorer` covers the whole pact."""
    build: dict[ListKind, Callable[[Explorer, Criteres], Sequence[Row]]] = {
        ListKind.ACTIONS: _actions,
        ListKind.PARTNERS: _partners,
        ListKind.CONVENTIONS: _conventions,
        ListKind.INDICATORS: _indicators,
    }
    rows = tuple(build[kind](explorer, criteria))
    totals = tuple((name, _total(rows, name)) for name in _MONEY_FIELDS[kind])
    shown = tuple((f"--{name}", getattr(criteria, name)) for name in criteria.given())
    return Liste(kind, rows, totals, shown, explorer.as_of)


def _total(rows: Sequence[Row], name: str) -> Decimal | None:
    """The sum of a money column; None when no line knows it (no spending declared at all)."""
    known = [value for row in rows if (value := getattr(row, name)) is not None]
    return sum(known, ZERO) if known else None


def _chosen(explorer: Explorer, criteria: Criteres) -> Selection:
    return select(explorer.model, Filters(criteria.convention, criteria.axe, criteria.partenaire))


def _action_views(explorer: Explorer, criteria: Criteres) -> list[tuple[str, ActionVue]]:
    """(axis id, action) of the actions the criteria keep, in the order of the files."""
    kept = {a.id for a in _chosen(explorer, criteria).actions}
    return [
        (axis.id, action)
        for axis, action in explorer.action_views
        if action.id in kept
        and criteria.statut in (None, action.statut)
        and criteria.pilote in (None, action.pilote.id)
    ]


def _actions(explorer: Explorer, criteria: Criteres) -> list[ActionListee]:
    return [
        ActionListee(
            id=action.id,
            titre=action.titre,
            convention=action.convention,
            axe=axis or None,
            pilote=action.pilote,
            statut=action.statut,
            statut_libelle=action.statut_libelle,
            budget=action.financement.budget.total,
            engage=action.financement.totaux.total,
            verse=action.financement.verse.total,
            depense=action.financement.depense.total,
        )
        for axis, action in _action_views(explorer, criteria)
    ]


def _involved(selection: Selection) -> set[str]:
    """Partners that sign a kept convention, or lead, take part in or fund a kept action."""
    ids: set[str] = set()
    for convention in selection.conventions:
        ids.update(convention.signataires)
    kept = {a.id for a in selection.actions}
    for action in selection.actions:
        if action.pilote is not None:
            ids.add(action.pilote)
        ids.update(action.partenaires)
    conventions = {c.id for c in selection.conventions}
    for contribution in selection.model.contributions():
        if contribution.action in kept or (
            contribution.convention in conventions and not selection.axis
        ):
            ids.add(contribution.partner_id)
    return ids


def _partners(explorer: Explorer, criteria: Criteres) -> list[PartenaireListe]:
    model = explorer.model
    wanted = _involved(_chosen(explorer, criteria)) if criteria.given() else None
    rows = []
    for partner in model.partners:
        if wanted is not None and partner.id not in wanted:
            continue
        block = explorer.partner_block(partner.id)
        category = partner.categorie
        rows.append(
            PartenaireListe(
                id=partner.id,
                nom=partner.nom,
                sigle=partner.sigle,
                categorie=category,
                categorie_libelle=PARTNER_CATEGORIES.get(category, category) if category else "",
                signataire=bool(partner.signataire_pacte),
                engage=block.total if block else ZERO,
                verse=explorer.partner_paid(partner.id),
                nb_actions=len(explorer.partner_targets(partner.id)),
                nb_pilotees=len(explorer.led_by(partner.id)),
            )
        )
    return rows


def _conventions(explorer: Explorer, criteria: Criteres) -> list[ConventionListee]:
    kept = {c.id for c in _chosen(explorer, criteria).conventions} if criteria.given() else None
    rows = []
    for convention_id in explorer.convention_ids():
        view = explorer.convention_view(convention_id)
        execution = explorer.convention_execution(convention_id)
        convention = explorer.model.conventions_by_id.get(convention_id)
        if view is None or execution is None or convention is None:
            continue
        if kept is not None and convention_id not in kept:
            continue
        parity = explorer.parity(convention)
        total = execution.total
        rows.append(
            ConventionListee(
                id=convention_id,
                type=view.type,
                titre=view.titre,
                nb_actions=view.nb_actions,
                budget=total.total_budget,
                engage=total.total_engage,
                verse=total.total_verse,
                depense=total.total_depense,
                signe=explorer.signed_total(convention),
                parite=all(p.atteinte for p in parity) if convention.cofunding else None,
            )
        )
    return rows


def last_past_year(indicator: Indicateur) -> IndicateurAnnee | None:
    """The latest year before the as-of date's that has a target: its actual is due."""
    past = [year for year in indicator.annees if year.passee and year.cible is not None]
    return past[-1] if past else None


def _indicators(explorer: Explorer, criteria: Criteres) -> list[IndicateurListe]:
    rows = []
    for _, action in _action_views(explorer, criteria):
        for indicator in action.indicateurs:
            last = last_past_year(indicator)
            rows.append(
                IndicateurListe(
                    action=action.id,
                    id=indicator.id,
                    libelle=indicator.libelle,
                    unite=indicator.unite,
                    sens=indicator.sens,
                    annee=last.annee if last else None,
                    cible=last.cible if last else None,
                    realise=last.realise if last else None,
                    atteinte=last.atteinte if last else None,
                )
            )
    return rows
