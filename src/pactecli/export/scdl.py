"""`pacte export --format scdl-subventions`: the subsidies of the pact as open data, in the
SCDL « subventions » format, version 2.1.1 (décret 2017-779; schema.data.gouv.fr).

A subsidy is a financial contribution from a funder to a different beneficiary (the
contribution's `beneficiaire`, else the action's `pilote`) that is an association or a
company. One row per funder, beneficiary, action and year, when the yearly total from that
funder to that beneficiary, over the whole pact, is strictly above the threshold (23 000 € by
default: the amount above which an agreement and its publication are mandatory). A row that
cannot be complete (funder without SIRET, no agreement date, beneficiary without SIRET nor RNA,
no budget to compute the share) is left out and listed as a located warning with its fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from pactecli.diagnostics import Diagnostic, Location, Severity, quote_value
from pactecli.export.cells import money_text, neutral
from pactecli.formatting import euros
from pactecli.model import Action, Contribution, PactModel, Partner, Payment
from pactecli.report.selection import Selection

FIELDS = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
)
RECEIVERS = frozenset(("association", "entreprise"))
OBJECT_MAX = 256
INCOMPLETE = "scdl-incomplet"
CUT = "scdl-objet-tronque"
_CENT = Decimal("0.01")
_NOT_YET_PAID = "aucun versement à ce jour"


@dataclass
class _Grant:
    """The money of one funder to one beneficiary for one action (or convention) and year."""

    funder: Partner
    beneficiary: Partner
    action: Action | None
    year: int
    contributions: list[Contribution] = field(default_factory=list)
    amount: Decimal = Decimal(0)


def _flat(text: str) -> str:
    """One line, as an open-data cell: runs of spaces and line breaks become one space."""
    return neutral(" ".join(text.split()))


class _Scdl:
    def __init__(self, model: PactModel, selection: Selection, threshold: Decimal) -> None:
        self.model = model
        self.selection = selection
        self.threshold = threshold
        self.warnings: dict[tuple[str, Location, str, str], list[int]] = {}
        self.actions = frozenset(a.id for a in selection.actions)
        self.conventions = frozenset(c.id for c in selection.conventions)

    # --- which grants ----------------------------------------------------------------------

    def _receiver(self, contribution: Contribution) -> tuple[Action | None, Partner | None]:
        action = self.model.actions_by_id.get(contribution.action or "")
        receiver = contribution.beneficiary or (action.pilote if action else None)
        return action, self.model.partners_by_id.get(receiver or "")

    def grants(self) -> list[_Grant]:
        totals: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)
        grants: dict[tuple[str, str, str, int], _Grant] = {}
        for funder in self.model.partners:
            for contribution in funder.contributions:
                if not contribution.is_financial:
                    continue
                action, beneficiary = self._receiver(contribution)
                if beneficiary is None or beneficiary.id == funder.id:
                    continue
                if beneficiary.categorie not in RECEIVERS:
                    continue
                for year, amount in contribution.amounts.items():
                    totals[funder.id, beneficiary.id, year] += amount
                    if not self._selected(funder, contribution, year):
                        continue
                    target = action.id if action else f"convention:{contribution.convention}"
                    key = (funder.id, beneficiary.id, target, year)
                    grant = grants.get(key)
                    if grant is None:
                        grant = grants[key] = _Grant(funder, beneficiary, action, year)
                    grant.contributions.append(contribution)
                    grant.amount += amount
        kept = [
            g
            for g in grants.values()
            if totals[g.funder.id, g.beneficiary.id, g.year] > self.threshold
        ]
        return sorted(
            kept,
            key=lambda g: (g.year, g.funder.id, g.beneficiary.id, g.action.id if g.action else ""),
        )

    def _selected(self, funder: Partner, contribution: Contribution, year: int) -> bool:
        selection = self.selection
        if year not in selection.years or not selection.counts_money_of(funder.id):
            return False
        if contribution.action is not None:
            return contribution.action in self.actions
        return contribution.convention in self.conventions

    # --- one row ---------------------------------------------------------------------------

    def _warn(self, code: str, where: Location, message: str, hint: str, year: int) -> None:
        self.warnings.setdefault((code, where, message, hint), []).append(year)

    def _what(self, grant: _Grant) -> str:
        target = grant.action.titre if grant.action else "la convention dans son ensemble"
        return (
            f"la subvention de {quote_value(grant.funder.label)} à "
            f"{quote_value(grant.beneficiary.label)} pour {quote_value(target)}"
        )

    def row(self, grant: _Grant) -> list[str] | None:
        """The SCDL row of a grant, or None (with a warning) when it cannot be complete."""
        funder, beneficiary, first = grant.funder, grant.beneficiary, grant.contributions[0]
        what, year = self._what(grant), grant.year
        missing = False
        if not funder.siret:
            self._warn(
                INCOMPLETE,
                funder.origin.locate("id"),
                f"{what} n'est pas publiée : le financeur n'a pas de SIRET",
                "ajoutez « siret: » (14 chiffres entre guillemets) à ce partenaire",
                year,
            )
            missing = True
        if not beneficiary.siret and not beneficiary.rna:
            self._warn(
                INCOMPLETE,
                beneficiary.origin.locate("id"),
                f"{what} n'est pas publiée : le bénéficiaire n'a ni SIRET ni numéro RNA",
                "ajoutez « siret: » (ou « rna: » pour une association) à ce partenaire",
                year,
            )
            missing = True
        dates = [d for c in grant.contributions if (d := self._agreement(c)) is not None]
        if not dates:
            self._warn(
                INCOMPLETE,
                first.origin.locate(),
                f"{what} n'est pas publiée : elle n'a pas de date de convention",
                "ajoutez « date_convention: AAAA-MM-JJ » à cette contribution, ou la date de "
                "signature (« date_signature: ») à sa convention",
                year,
            )
            missing = True
        share = self._share(grant)
        if share is None or missing:
            return None
        payments = sorted(
            (p for c in grant.contributions for p in c.payments if p.year == year),
            key=lambda p: p.date,
        )
        decisions = dict.fromkeys(c.decision for c in grant.contributions if c.decision)
        return [
            _flat(funder.nom),
            funder.siret or "",
            min(dates).isoformat(),
            _flat(" ; ".join(decisions)),
            _flat(beneficiary.nom),
            beneficiary.siret or "",
            beneficiary.rna or "",
            self._object(grant),
            money_text(grant.amount),
            "aide en numéraire",
            _conditions(payments),
            _period(payments, year),
            "",
            "oui" if any(c.notified_to_eu for c in grant.contributions) else "non",
            f"{share:.2f}",
            "",
        ]

    def _agreement(self, contribution: Contribution) -> dt.date | None:
        """`date_convention`, else the signature date of the convention it falls under."""
        if contribution.agreement_date is not None:
            return contribution.agreement_date
        if contribution.convention is not None:
            convention = self.model.conventions_by_id.get(contribution.convention)
        else:
            folder = self.model.action_folders.get(contribution.action or "", "")
            convention = self.model.conventions_by_folder.get(folder)
        return convention.date_signature if convention else None

    def _share(self, grant: _Grant) -> Decimal | None:
        """The grant over the action's budget that year, 0.01 to 1.00 (the schema's bounds)."""
        what, year, action = self._what(grant), grant.year, grant.action
        first = grant.contributions[0]
        if action is None:
            self._warn(
                INCOMPLETE,
                first.origin.locate(),
                f"{what} n'est pas publiée : sans action, sa part du projet est inconnue",
                "rattachez la contribution à une action (« action: ») pour la publier",
                year,
            )
            return None
        budget = action.budget.get(year)
        if not budget:
            self._warn(
                INCOMPLETE,
                action.origin.locate("budget", at_key=True),
                f"{what} n'est pas publiée : l'action n'a pas de budget cette année-là",
                "ajoutez le budget de l'action pour cette année",
                year,
            )
            return None
        if grant.amount > budget:
            self._warn(
                INCOMPLETE,
                first.origin.locate("montants", year),
                f"{what} n'est pas publiée : {euros(grant.amount)} dépassent le budget de "
                f"l'action ({euros(budget)})",
                "corrigez le montant de la contribution ou le budget de l'action",
                year,
            )
            return None
        share = (grant.amount / budget).quantize(_CENT, rounding=ROUND_HALF_UP)
        return max(share, _CENT)

    def _object(self, grant: _Grant) -> str:
        assert grant.action is not None  # a grant without action has no share: no row
        text = _flat(grant.action.titre)
        if len(text) <= OBJECT_MAX:
            return text
        self._warn(
            CUT,
            grant.action.origin.locate("titre"),
            f"le titre de l'action dépasse {OBJECT_MAX} caractères : l'objet publié est coupé",
            f"raccourcissez le titre à {OBJECT_MAX} caractères au plus",
            grant.year,
        )
        return text[: OBJECT_MAX - 1] + "…"

    def diagnostics(self) -> list[Diagnostic]:
        found = []
        for (code, where, message, hint), years in self.warnings.items():
            listed = ", ".join(str(y) for y in sorted(set(years)))
            found.append(
                Diagnostic(code, Severity.WARNING, where, f"{message} ({listed})", hint=hint)
            )
        return sorted(found, key=Diagnostic.sort_key)


def _conditions(payments: list[Payment]) -> str:
    if not payments:
        return _NOT_YET_PAID
    return "unique" if len(payments) == 1 else "échelonné"


def _period(payments: list[Payment], year: int) -> str:
    """The payment's date, the first and last payments' dates, or the year when none."""
    if not payments:
        return f"{year}-01-01/{year}-12-31"
    first, last = payments[0].date, payments[-1].date
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def write(rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    writer.writerows(rows)
    return buffer.getvalue()


def render(
    model: PactModel, selection: Selection, threshold: Decimal
) -> tuple[str, list[Diagnostic]]:
    """The SCDL file's text, and the warnings about rows left out or cut."""
    scdl = _Scdl(model, selection, threshold)
    rows = [row for grant in scdl.grants() if (row := scdl.row(grant)) is not None]
    return write(rows), scdl.diagnostics()
