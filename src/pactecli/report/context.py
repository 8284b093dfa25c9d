"""The one context every `pacte report` template receives: a pure mapping from the figures.

`build_context` computes the figures once (`figures.compute`) and turns them into the frozen
French types of `context_types`; it reads the figures and the model's records (names, titles),
never computes a sum of its own. With `--partenaire`, every funding table shows that partner's
row and gathers the other funders on one « Autres financeurs » row, so that each table's total
and « reste à financer » are the real ones, the same as in the key figures.

Over 400 lines on purpose: one mapper from the figures to every part of the view, each
method short; the parts shared with the bilan live in `context_views`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from pactecli import __version__
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.labels import (
    ACTION_NATURES,
    CONVENTION_TYPES,
    DIRECTIONS,
    PARTNER_CATEGORIES,
    STATUS_LABELS,
    Status,
    status_label,
)
from pactecli.load.git import Provenance
from pactecli.model import Action, Contribution, Indicator, PactModel
from pactecli.render.output import SIGNATURE
from pactecli.report import figures as fig
from pactecli.report.context_execution import execution_view
from pactecli.report.context_types import (
    ActionRef,
    ActionVue,
    Apport,
    Avenant,
    Axe,
    Chiffres,
    ContributionsPartenaire,
    ConventionAxe,
    ConventionVue,
    Filtre,
    Indicateur,
    IndicateurAnnee,
    Ligne,
    LigneDepense,
    Objectif,
    Omissions,
    Part,
    Partenaire,
    Plafond,
    PointsAttention,
    RapportContexte,
    Sigle,
    StatutCompte,
    TableauFinancement,
)
from pactecli.report.context_views import (
    attention_view,
    glossary_view,
    omissions_view,
    partner_view,
    problems_view,
)
from pactecli.report.execution import Flow
from pactecli.report.selection import Filters, pact_years, select

ZERO = fig.ZERO
OTHERS = "Autres financeurs"


class _Mapper:
    """Holds the model, the figures and the date while the context's parts are made."""

    def __init__(self, model: PactModel, figures: fig.Figures, as_of: dt.date) -> None:
        self.model = model
        self.figures = figures
        self.as_of = as_of
        self.years = figures.years
        self._year_set = frozenset(figures.years)
        self._partners: dict[str, Partenaire] = {}
        self._flows: dict[str, tuple[Flow, ...]] = {}
        self._convention_flows: dict[str, tuple[Flow, ...]] = {}
        for convention in figures.execution.conventions:
            flows = tuple(a.flow for a in convention.actions)
            self._convention_flows[convention.convention.folder] = flows
            self._flows.update({a.action.id: (a.flow,) for a in convention.actions})

    def partner(self, partner_id: str | None) -> Partenaire:
        key = partner_id or ""
        if key not in self._partners:
            self._partners[key] = partner_view(self.model, key)
        return self._partners[key]

    def ref(self, action: Action) -> ActionRef:
        convention = self.model.convention_of(action)
        return ActionRef(action.id, action.titre, convention.id if convention else "")

    def row(self, label: str, amounts: Sequence[Decimal]) -> Ligne:
        values = tuple(amounts)
        return Ligne(label, values, sum(values, ZERO))

    def year_row(self, label: str, by_year: dict[int, Decimal]) -> Ligne:
        return self.row(label, [by_year.get(year, ZERO) for year in self.years])

    # funding tables

    def table(self, plan: fig.Plan, flows: Sequence[Flow]) -> TableauFinancement:
        """Rows per funder (with `--partenaire`: that one, then all others on one row), then
        the totals of every funder against the budget, and what was paid and spent (`flows`:
        the execution of the actions the table covers)."""
        focus = self.figures.focus
        rows = [
            self.row(self.partner(funder).libelle, amounts)
            for funder, amounts in plan.funders
            if focus is None or funder == focus
        ]
        others = [
            amounts for funder, amounts in plan.funders if focus is not None and funder != focus
        ]
        if others:
            columns = zip(*others, strict=True)
            rows.append(self.row(OTHERS, [sum(column, ZERO) for column in columns]))
        return TableauFinancement(
            self.years,
            tuple(rows),
            self.row("Total", plan.funded),
            self.row("Budget", plan.budget),
            self.row("Reste à financer", plan.gap),
            self.row("Versé", _column_sums([f.paid for f in flows], len(self.years))),
            _spent(flows, len(self.years)),
        )

    # actions

    def indicator(self, indicator: Indicator) -> Indicateur:
        years = sorted(y for y in {*indicator.cibles, *indicator.realise} if y in self._year_set)
        rows = []
        for year in years:
            target, actual = indicator.cibles.get(year), indicator.realise.get(year)
            ratio = (
                fig.attainment(target, actual, indicator.sens)
                if target is not None and actual is not None
                else None
            )
            rows.append(IndicateurAnnee(year, target, actual, ratio, year < self.as_of.year))
        measured = [r for r in rows if r.atteinte is not None]
        return Indicateur(
            id=indicator.id,
            libelle=indicator.libelle,
            unite=indicator.unite,
            sens=indicator.sens,
            sens_libelle=DIRECTIONS.get(indicator.sens, indicator.sens),
            reference_annee=indicator.reference_year,
            reference_valeur=indicator.reference_value,
            source=indicator.source,
            annees=tuple(rows),
            derniere=measured[-1] if measured else None,
        )

    def action(self, item: fig.ActionFigures) -> ActionVue:
        action = item.action
        shown = item.status or "inconnu"
        return ActionVue(
            id=action.id,
            titre=action.titre,
            convention=item.convention_id,
            objectif=action.objectif,
            nature=action.nature,
            nature_libelle=ACTION_NATURES.get(action.nature) if action.nature else None,
            description=action.description,
            public_cible=action.public_cible,
            territoire=action.territoire,
            pilote=self.partner(action.pilote),
            partenaires=tuple(self.partner(p) for p in action.partenaires),
            debut=action.debut,
            fin=action.fin,
            statut=shown,
            statut_libelle=status_label(item.status),
            en_retard=item.status == Status.LATE,
            motif=action.motif,
            financement=self.table(item.plan, self._flows.get(action.id, ())),
            indicateurs=tuple(self.indicator(i) for i in action.indicators),
        )

    # axes > conventions > objectives > actions

    def axes(self) -> tuple[Axe, ...]:
        grouped: dict[str | None, dict[str, dict[str, list[fig.ActionFigures]]]] = {}
        for item in self.figures.actions:
            objective = item.action.objectif or ""
            by_convention = grouped.setdefault(item.axis, {})
            by_convention.setdefault(item.convention_id, {}).setdefault(objective, []).append(item)
        pact_axes = self.model.pact.axes if self.model.pact else []
        order: list[str | None] = [a.id for a in pact_axes if a.id in grouped]
        order += sorted((k for k in grouped if k not in order and k), key=str)
        if None in grouped:
            order.append(None)
        return tuple(self.axis(axis_id, grouped[axis_id]) for axis_id in order)

    def axis(
        self, axis_id: str | None, conventions: dict[str, dict[str, list[fig.ActionFigures]]]
    ) -> Axe:
        found = self.model.axes_by_id.get(axis_id) if axis_id else None
        parts = tuple(
            self.convention_in_axis(cid, by_objective)
            for cid, by_objective in self._convention_order(conventions)
        )
        count = sum(len(items) for by_obj in conventions.values() for items in by_obj.values())
        if found is None:
            label = f"Axe « {axis_id} »" if axis_id else "Actions sans axe connu"
            return Axe(axis_id or "", None, label, None, label, parts, count)
        return Axe(
            found.id, found.numero, found.titre, found.titre_local, found.label, parts, count
        )

    def _convention_order(
        self, conventions: dict[str, dict[str, list[fig.ActionFigures]]]
    ) -> list[tuple[str, dict[str, list[fig.ActionFigures]]]]:
        rank = {c.id: i for i, c in enumerate(self.model.conventions)}
        return sorted(conventions.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))

    def convention_in_axis(
        self, convention_id: str, by_objective: dict[str, list[fig.ActionFigures]]
    ) -> ConventionAxe:
        convention = self.model.conventions_by_id.get(convention_id)
        declared = [o.id for o in convention.objectives] if convention else []
        order = [o for o in declared if o in by_objective]
        order += sorted(o for o in by_objective if o not in order)
        objectives = tuple(
            Objectif(
                oid,
                self._objective_title(oid),
                tuple(self.action(item) for item in by_objective[oid]),
            )
            for oid in order
        )
        if convention is None:
            return ConventionAxe(convention_id, convention_id, "", objectives)
        return ConventionAxe(convention.id, convention.titre, convention.type or "", objectives)

    def _objective_title(self, objective_id: str) -> str:
        if not objective_id:
            return "Objectif inconnu"
        found = self.model.objectives_by_id.get(objective_id)
        return found.titre if found else objective_id

    # conventions

    def conventions(self) -> tuple[ConventionVue, ...]:
        return tuple(self.convention(item) for item in self.figures.conventions)

    def convention(self, item: fig.ConventionFigures) -> ConventionVue:
        convention = item.convention
        kind = convention.type or ""
        return ConventionVue(
            id=convention.id,
            type=kind,
            type_libelle=CONVENTION_TYPES.get(kind, kind or "Convention"),
            titre=convention.titre,
            signataires=tuple(self.partner(p) for p in convention.signataires),
            date_signature=convention.date_signature,
            debut=convention.debut,
            fin=convention.fin,
            avenants=tuple(Avenant(a.numero, a.date, a.objet) for a in convention.amendments),
            cofinancement=tuple(self.partner(p) for p in convention.cofunding.funders)
            if convention.cofunding
            else (),
            plafonds=tuple(Plafond(self.partner(p), m) for p, m in convention.ceilings.items()),
            nb_actions=item.action_count,
            financement=self.table(item.plan, self._convention_flows.get(convention.folder, ())),
            hors_actions=tuple(
                self.row(self.partner(funder).libelle, amounts) for funder, amounts in item.whole
            ),
        )

    # key figures

    def key_figures(self) -> Chiffres:
        figures = self.figures
        committed, planned, funded = figures.committed, figures.budget, figures.funded
        counts = dict(figures.statuses)
        nb_actions = len(figures.actions)
        signatories = sum(
            1
            for pid in figures.involved
            if (p := self.model.partners_by_id.get(pid)) is not None and p.signataire_pacte
        )
        return Chiffres(
            nb_conventions=len(figures.conventions),
            nb_actions=nb_actions,
            nb_partenaires=len(figures.involved),
            nb_signataires=signatories,
            total_engage=committed,
            total_budget=planned,
            reste_a_financer=planned - funded,
            couverture=funded / planned if planned else None,
            par_financeur=tuple(
                Part(self.partner(f).libelle, m, m / committed if committed else ZERO)
                for f, m in figures.by_funder
            ),
            par_annee=self.row("Total", figures.by_year),
            par_axe=self._by_axis(),
            par_convention=tuple(
                self.row(self._convention_label(cid), amounts)
                for cid, amounts in figures.by_convention
            ),
            par_statut=tuple(
                StatutCompte(s, label, counts[s], Decimal(counts[s]) / nb_actions)
                for s, label in (*STATUS_LABELS.items(), ("inconnu", "Statut inconnu"))
                if counts.get(s)
            ),
        )

    def _convention_label(self, convention_id: str) -> str:
        found = self.model.conventions_by_id.get(convention_id)
        return found.titre if found else convention_id

    def _by_axis(self) -> tuple[Ligne, ...]:
        sums = dict(self.figures.by_axis)
        pact_axes = self.model.pact.axes if self.model.pact else []
        rows = [
            self.row(_axis_label(a.numero, a.label), sums[a.id]) for a in pact_axes if a.id in sums
        ]
        rows += [
            self.row(f"Axe « {k} »", v)
            for k, v in sums.items()
            if k and k not in self.model.axes_by_id
        ]
        if None in sums:
            rows.append(self.row("Hors actions (conventions dans leur ensemble)", sums[None]))
        return tuple(rows)

    # partners

    def contributions(self) -> tuple[ContributionsPartenaire, ...]:
        return tuple(
            self.partner_block(pid, contributions)
            for pid, contributions in self.figures.contributions
        )

    def _target(self, contribution: Contribution) -> str:
        if contribution.action is not None:
            action = self.model.actions_by_id.get(contribution.action)
            return action.titre if action else contribution.action
        return self._convention_label(contribution.convention or "") + " (convention entière)"

    def apport(self, contribution: Contribution) -> Apport:
        row = self.year_row("", contribution.amounts)
        return Apport(
            self._target(contribution),
            contribution.description,
            row.montants,
            row.total,
            contribution.etp,
        )

    def partner_block(
        self, partner_id: str, contributions: Sequence[Contribution]
    ) -> ContributionsPartenaire:
        found = self.model.partners_by_id.get(partner_id)
        by_nature: dict[str, list[Apport]] = {}
        for contribution in contributions:
            by_nature.setdefault(contribution.nature, []).append(self.apport(contribution))
        money = by_nature.get("financiere", [])
        totals = tuple(sum((a.montants[i] for a in money), ZERO) for i in range(len(self.years)))
        category = found.categorie if found else None
        return ContributionsPartenaire(
            partenaire=self.partner(partner_id),
            categorie=PARTNER_CATEGORIES.get(category, category) if category else "",
            signataire=bool(found and found.signataire_pacte),
            date_adhesion=found.date_adhesion if found else None,
            montants=totals,
            total=sum(totals, ZERO),
            etp=sum((a.etp or ZERO for a in by_nature.get("humaine", [])), ZERO),
            financieres=tuple(money),
            humaines=tuple(by_nature.get("humaine", [])),
            materielles=tuple(by_nature.get("materielle", [])),
            ingenierie=tuple(by_nature.get("ingenierie", [])),
        )

    # attention

    def attention(self) -> PointsAttention:
        return attention_view(self.figures, self.ref)

    # what could not be counted

    def omissions(self) -> Omissions:
        return omissions_view(self.figures.omissions)

    # glossary

    def glossary(self, blocks: Sequence[ContributionsPartenaire]) -> tuple[Sigle, ...]:
        return glossary_view(self.figures, tuple(self._partners.values()), blocks)


def _column_sums(rows: Sequence[tuple[Decimal, ...]], width: int) -> tuple[Decimal, ...]:
    if not rows:
        return tuple(ZERO for _ in range(width))
    return tuple(sum(column, ZERO) for column in zip(*rows, strict=True))


def _spent(flows: Sequence[Flow], width: int) -> LigneDepense:
    """Spending per year: None where no action of the table declares any."""
    years: list[Decimal | None] = []
    for i in range(width):
        known = [amount for f in flows if (amount := f.spent[i]) is not None]
        years.append(sum(known, ZERO) if known else None)
    declared = [amount for amount in years if amount is not None]
    return LigneDepense("Dépensé", tuple(years), sum(declared, ZERO) if declared else None)


def _axis_label(numero: int | None, label: str) -> str:
    return f"{numero}. {label}" if numero is not None else label


def _follows_execution(model: PactModel) -> bool:
    if model.pact is not None and model.pact.execution_since is not None:
        return True
    return any(a.depenses for a in model.actions) or any(c.payments for c in model.contributions())


def _filters(model: PactModel, filters: Filters) -> tuple[Filtre, ...]:
    shown = []
    if filters.convention is not None:
        found = model.conventions_by_id.get(filters.convention)
        shown.append(Filtre("Convention", found.titre if found else filters.convention))
    if filters.axe is not None:
        axis = model.axes_by_id.get(filters.axe)
        shown.append(Filtre("Axe", _axis_label(axis.numero, axis.label) if axis else filters.axe))
    if filters.partenaire is not None:
        partner = model.partners_by_id.get(filters.partenaire)
        shown.append(Filtre("Partenaire", partner.nom if partner else filters.partenaire))
    if filters.annee is not None:
        shown.append(Filtre("Année", str(filters.annee)))
    return tuple(shown)


def build_context(
    model: PactModel,
    diagnostics: Sequence[Diagnostic],
    filters: Filters,
    as_of: dt.date,
    provenance: Provenance,
    figures: fig.Figures | None = None,
) -> RapportContexte:
    """The report's whole context; `diagnostics` are listed in the banner when there are errors.

    `figures`: already computed for this very selection and date (`report.lookup` needs both
    the figures and their context, computed once).
    """
    if figures is None:
        figures = fig.compute(select(model, filters), as_of)
    mapper = _Mapper(model, figures, as_of)
    axes = mapper.axes()
    conventions = mapper.conventions()
    blocks = mapper.contributions()
    key_figures = mapper.key_figures()
    attention = mapper.attention()
    territory = (model.pact.territoire if model.pact else None) or "Territoire non renseigné"
    years = pact_years(model)
    return RapportContexte(
        titre=f"Pacte local des solidarités — {territory}",
        territoire=territory,
        code_territoire=(model.pact.code if model.pact else None) or "",
        periode_debut=years[0] if years else None,
        periode_fin=years[-1] if years else None,
        annees=figures.years,
        situation=as_of,
        source=provenance,
        filtres=_filters(model, filters),
        problemes=problems_view(diagnostics),
        nb_erreurs=sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        nb_avertissements=sum(1 for d in diagnostics if d.severity is Severity.WARNING),
        omissions=mapper.omissions(),
        chiffres=key_figures,
        conventions=conventions,
        axes=axes,
        partenaires=blocks,
        attention=attention,
        execution=execution_view(figures.execution, lambda p: mapper.partner(p).libelle),
        execution_suivie=_follows_execution(model),
        glossaire=mapper.glossary(blocks),
        signature=SIGNATURE,
        version=__version__,
    )
