"""The model in long form: one list of rows per table of `columns`, built once per export.

Every format (CSV, workbook, SQLite, JSON, `pacte query`) reads the same rows, so they agree to
the cent. Rows hold plain Python values (text, `int`, `Decimal`, `datetime.date`, `bool`, or
None for an empty cell); formats only convert them. What the report's figures already compute
(the selection, an action's axis and shown status, the execution per convention and funder) is
read from `Figures`, never recomputed here.

The filters of `pacte report` apply: the selected actions and conventions, the selected years,
and with `--partenaire` that partner's money only. A pact exported over errors (`--force`) may
hold the same id twice: the first row of each key is kept, as the model's indexes do, and the
validation's problems (in the `problemes` table) say what is missing.

About 450 lines, on purpose: one short method per table, all reading the same selection and
figures; split, they would only pass that state around.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pactecli import __version__
from pactecli.check.validation import Validation
from pactecli.export import columns as c
from pactecli.export.columns import TableSpec
from pactecli.labels import Status
from pactecli.model import Contribution, Convention, PactModel
from pactecli.render import output
from pactecli.report.figures import Figures
from pactecli.report.selection import Filters, Selection

Row = tuple[Any, ...]
ZERO = Decimal(0)
EXPORT_VERSION = 1
"""Version of the tables' contract (columns, keys): the JSON export and its schema carry it."""
SIGNATURE = output.SIGNATURE
"""pacte's marker (digest zeroed), signed when the output is written (`render.output`)."""


@dataclass(frozen=True, slots=True)
class Table:
    spec: TableSpec
    rows: list[Row]


@dataclass(frozen=True)
class Export:
    """Everything an export writes: its tables, and what the key figures and notes need."""

    tables: tuple[Table, ...]
    figures: Figures
    as_of: dt.date
    territory: str | None
    department: str | None
    filters: Filters
    errors: int
    warnings: int

    @property
    def complete(self) -> bool:
        """No validation error: nothing the export shows is missing or doubtful."""
        return self.errors == 0

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.spec.name == name:
                return table
        raise KeyError(name)


def filters_text(filters: Filters) -> str:
    """`convention=cls, annee=2026`, or `aucun`."""
    shown = [
        f"{name}={value}"
        for name, value in (
            ("convention", filters.convention),
            ("axe", filters.axe),
            ("partenaire", filters.partenaire),
            ("annee", filters.annee),
        )
        if value is not None
    ]
    return ", ".join(shown) or "aucun"


def build(
    validation: Validation,
    selection: Selection,
    figures: Figures,
    filters: Filters,
    as_of: dt.date,
) -> Export:
    builder = _Builder(validation, selection, figures, filters, as_of)
    return builder.export()


class _Builder:
    def __init__(
        self,
        validation: Validation,
        selection: Selection,
        figures: Figures,
        filters: Filters,
        as_of: dt.date,
    ) -> None:
        self.validation = validation
        self.model: PactModel = validation.model
        self.selection = selection
        self.figures = figures
        self.filters = filters
        self.as_of = as_of
        pact = self.model.pact
        self.department = pact.code if pact else None
        self.territory = pact.territoire if pact else None
        self.years = frozenset(selection.years)
        self.referenced: set[str] = set()
        # Selected actions: id -> (convention id, objective, axis), first of each id.
        self.placed: dict[str, tuple[str, str | None, str | None]] = {}
        for shown in figures.actions:
            self.placed.setdefault(
                shown.action.id, (shown.convention_id, shown.action.objectif, shown.axis)
            )

    def export(self) -> Export:
        rows: dict[str, list[Row]] = {
            "actions": list(self._actions()),
            "intervenants": list(self._involved()),
            "budgets": list(self._yearly("budget")),
            "depenses": list(self._yearly("depenses")),
            "indicateurs": list(self._indicators()),
            "conventions": list(self._conventions()),
            "signataires": list(self._signatories()),
            "objectifs": list(self._objectives()),
            "avenants": list(self._amendments()),
            "plafonds": list(self._ceilings()),
            "engagements": list(self._engagements()),
            "axes": list(self._axes()),
        }
        rows.update(self._contributions())
        rows["partenaires"] = list(self._partners())
        rows["problemes"] = list(self._problems())
        rows["metadonnees"] = list(self._metadata())
        tables = tuple(Table(spec, _unique(spec, rows[spec.name])) for spec in c.TABLES)
        return Export(
            tables,
            self.figures,
            self.as_of,
            self.territory,
            self.department,
            self.filters,
            self.validation.errors,
            self.validation.warnings,
        )

    # --- actions ---------------------------------------------------------------------------

    def _actions(self) -> Iterator[Row]:
        d = self.department
        for shown in self.figures.actions:
            a = shown.action
            if a.pilote is not None:
                self.referenced.add(a.pilote)
            yield (
                d,
                a.id,
                shown.convention_id,
                a.objectif,
                shown.axis,
                a.titre,
                a.nature,
                a.pilote,
                a.statut,
                shown.status == Status.LATE,
                a.debut,
                a.fin,
                a.public_cible,
                a.territoire,
                a.motif,
                a.description,
            )

    def _involved(self) -> Iterator[Row]:
        d = self.department
        for a in self.selection.actions:
            if a.pilote is not None:
                yield d, a.id, a.pilote, "pilote"
            for partner in a.partenaires:
                self.referenced.add(partner)
                yield d, a.id, partner, "partenaire"

    def _yearly(self, field: str) -> Iterator[Row]:
        d, years = self.department, self.years
        for a in self.selection.actions:
            convention = self.placed[a.id][0]
            amounts: dict[int, Decimal] = getattr(a, field)
            for year in sorted(amounts):
                if year in years:
                    yield d, a.id, convention, year, amounts[year]

    def _indicators(self) -> Iterator[Row]:
        d, years = self.department, self.years
        for a in self.selection.actions:
            for i in a.indicators:
                for year in sorted(i.cibles.keys() | i.realise.keys()):
                    if year in years:
                        yield (
                            d,
                            a.id,
                            i.id,
                            year,
                            i.cibles.get(year),
                            i.realise.get(year),
                            i.unite,
                            i.sens,
                            i.libelle,
                            i.reference_year,
                            i.reference_value,
                            i.source,
                        )

    # --- conventions -----------------------------------------------------------------------

    def _conventions(self) -> Iterator[Row]:
        d = self.department
        for k in self.selection.conventions:
            cofunding = k.cofunding
            first, second = cofunding.funders if cofunding else (None, None)
            self.referenced.update(f for f in (first, second) if f is not None)
            yield (
                d,
                k.id,
                k.type,
                k.titre,
                k.date_signature,
                k.debut,
                k.fin,
                first,
                second,
                cofunding.scale if cofunding else None,
                cofunding.tolerance if cofunding else None,
            )

    def _signatories(self) -> Iterator[Row]:
        for k in self.selection.conventions:
            self.referenced.update(k.signataires)
            for partner in k.signataires:
                yield self.department, k.id, partner

    def _objectives(self) -> Iterator[Row]:
        axis = self.selection.axis
        for k in self.selection.conventions:
            for o in k.objectives:
                if axis is None or o.axe == axis:
                    yield self.department, o.id, k.id, o.titre, o.axe

    def _amendments(self) -> Iterator[Row]:
        for k in self.selection.conventions:
            for amendment in k.amendments:
                yield self.department, k.id, amendment.numero, amendment.date, amendment.objet

    def _ceilings(self) -> Iterator[Row]:
        for k in self.selection.conventions:
            for funder, ceiling in k.ceilings.items():
                if self.selection.counts_money_of(funder):
                    self.referenced.add(funder)
                    yield self.department, k.id, funder, ceiling

    def _engagements(self) -> Iterator[Row]:
        """The signed annex beside what the contributions commit and paid (the figures')."""
        execution = self.figures.execution
        for found in execution.conventions:
            k = found.convention
            flows = {f.funder: f.flow for f in found.funders}
            for funder, annex in k.engagements.items():
                if not self.selection.counts_money_of(funder):
                    continue
                self.referenced.add(funder)
                flow = flows.get(funder)
                for i, year in enumerate(execution.years):
                    signed = annex.get(year)
                    if signed is not None:
                        committed = flow.committed[i] if flow else ZERO
                        paid = flow.paid[i] if flow else ZERO
                        yield self.department, k.id, funder, year, signed, committed, paid

    def _axes(self) -> Iterator[Row]:
        pact = self.model.pact
        for axis in pact.axes if pact else ():
            if self.selection.axis is None or axis.id == self.selection.axis:
                yield self.department, axis.id, axis.numero, axis.titre, axis.titre_local

    # --- contributions and money -----------------------------------------------------------

    def _contributions(self) -> dict[str, list[Row]]:
        d, years = self.department, self.years
        contributions: list[Row] = []
        money: list[Row] = []
        payments: list[Row] = []
        for partner_id, kept in self.figures.contributions:
            self.referenced.add(partner_id)
            for contribution in kept:
                rank = _rank(contribution)
                convention, objective, axis = self._target(contribution)
                beneficiary = self._beneficiary(contribution)
                if beneficiary is not None:
                    self.referenced.add(beneficiary)
                contributions.append(
                    (
                        d,
                        partner_id,
                        rank,
                        contribution.action,
                        convention,
                        contribution.nature,
                        contribution.etp,
                        contribution.description,
                        beneficiary,
                        self._agreement_date(contribution),
                        contribution.decision if contribution.is_financial else None,
                        contribution.notified_to_eu if contribution.is_financial else None,
                    )
                )
                if not contribution.is_financial:
                    continue
                paid = contribution.paid_by_year()
                for year in sorted(contribution.amounts.keys() | paid.keys()):
                    if year in years:
                        money.append(
                            (
                                d,
                                contribution.action,
                                convention,
                                objective,
                                axis,
                                partner_id,
                                rank,
                                year,
                                contribution.amounts.get(year, ZERO),
                                paid.get(year, ZERO),
                            )
                        )
                for payment in contribution.payments:
                    if payment.year in years:
                        payments.append(
                            (
                                d,
                                partner_id,
                                rank,
                                int(payment.origin.path[-1]) + 1,
                                contribution.action,
                                convention,
                                payment.date,
                                payment.year,
                                payment.amount,
                            )
                        )
        return {"contributions": contributions, "financements": money, "versements": payments}

    def _target(self, contribution: Contribution) -> tuple[str, str | None, str | None]:
        """(convention, objective, axis) of what the contribution supports."""
        if contribution.action is not None:
            placed = self.placed.get(contribution.action)
            if placed is not None:
                return placed
            folder = self.model.action_folders.get(contribution.action, "")
            convention = self.model.conventions_by_folder.get(folder)
            return (convention.id if convention else folder), None, None
        return contribution.convention or "", None, None

    def _beneficiary(self, contribution: Contribution) -> str | None:
        """Who receives the money: the contribution's `beneficiaire`, else the action's lead."""
        if not contribution.is_financial:
            return None
        if contribution.beneficiary is not None or contribution.action is None:
            return contribution.beneficiary
        action = self.model.actions_by_id.get(contribution.action)
        return action.pilote if action else None

    def _agreement_date(self, contribution: Contribution) -> dt.date | None:
        """`date_convention`, else the signature date of the convention it falls under."""
        if not contribution.is_financial:
            return None
        if contribution.agreement_date is not None:
            return contribution.agreement_date
        convention = _convention_of(self.model, contribution)
        return convention.date_signature if convention else None

    # --- partners, problems, metadata ------------------------------------------------------

    def _partners(self) -> Iterator[Row]:
        """Every partner; with a filter, those the exported rows name."""
        keep = None if not self.filters.active else self.referenced
        for p in self.model.partners:
            if keep is None or p.id in keep:
                yield (
                    self.department,
                    p.id,
                    p.nom,
                    p.sigle,
                    p.categorie,
                    p.siret,
                    p.rna,
                    p.signataire_pacte,
                    p.date_adhesion,
                )

    def _problems(self) -> Iterator[Row]:
        for problem in self.validation.diagnostics:
            where = problem.location
            yield (
                self.department,
                problem.severity.value,
                problem.code,
                where.path,
                where.line,
                where.column,
                problem.message,
                problem.hint or None,
            )

    def _metadata(self) -> Iterator[Row]:
        pact = self.model.pact
        period = f"{pact.debut}-{pact.fin}" if pact and pact.period_known else None
        validation = self.validation
        for key, value in (
            ("generateur", f"pacte {__version__}"),
            ("signature", SIGNATURE),
            ("version_export", str(EXPORT_VERSION)),
            ("territoire", self.territory),
            ("periode", period),
            ("situation", self.as_of.isoformat()),
            ("filtres", filters_text(self.filters)),
            ("complet", "oui" if validation.errors == 0 else "non"),
            ("erreurs", str(validation.errors)),
            ("avertissements", str(validation.warnings)),
        ):
            yield self.department, key, value


def _rank(contribution: Contribution) -> int:
    """The contribution's place in its partner's file, from 1: its id within that partner."""
    return int(contribution.origin.path[1]) + 1


def _convention_of(model: PactModel, contribution: Contribution) -> Convention | None:
    if contribution.convention is not None:
        return model.conventions_by_id.get(contribution.convention)
    folder = model.action_folders.get(contribution.action or "")
    return model.conventions_by_folder.get(folder) if folder else None


def _unique(spec: TableSpec, rows: list[Row]) -> list[Row]:
    """The first row of each key (several only when the pact repeats an id: `--force`)."""
    if not spec.key:
        return rows
    positions = [spec.position(name) for name in ("departement", *spec.key)]
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        key = tuple([row[i] for i in positions])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept
