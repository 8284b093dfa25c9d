"""The execution figures (budget, engagé, versé, dépensé) of a pact with its execution data.

The pact is `tests/cases/valid/execution-complete` (base pact plus 2025 spending and payments),
as of 27 November 2026: 2024 and 2025 are closed, 2026 is current, 2027 to come.
- petits-dejeuners (cls): budget 20000/40000, spent 2025 39000; État and Département each commit
  10000/20000 and pay 20000 for 2025.
- maraudes (cls): budget 2025-2026 10000 each, spent 2025 9800; État and Département commit
  5000 a year and pay 5000 for 2025.
- coaching-emploi (partenariale): budget 2025 8000, spent 8000; Département 5000 and MSA 3000,
  both paid.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from report_testing import OUTSIDE_GIT

from pacte_testing import AS_OF_DATE, CASES, check_pact, make_pact
from pactecli.report import figures as fig
from pactecli.report import selection as sel
from pactecli.report.context import build_context

CASE = CASES / "valid" / "execution-complete"


def _pact(tmp_path: Path) -> Path:
    files = {p.relative_to(CASE).as_posix(): p.read_text("utf-8") for p in CASE.rglob("*.yaml")}
    return make_pact(tmp_path, files)


def _figures(tmp_path: Path, **filters: object) -> fig.Figures:
    model = check_pact(_pact(tmp_path)).model
    return fig.compute(sel.select(model, sel.Filters(**filters)), AS_OF_DATE)  # type: ignore[arg-type]


def test_years_closed_current_and_to_come(tmp_path: Path) -> None:
    execution = _figures(tmp_path).execution
    assert execution.years == (2024, 2025, 2026, 2027)
    assert [s.value for s in execution.states] == ["close", "close", "en_cours", "a_venir"]


def test_convention_totals_and_funders(tmp_path: Path) -> None:
    execution = _figures(tmp_path).execution
    cls = next(c for c in execution.conventions if c.convention.id == "cls")
    assert cls.flow.budget == (20000, 50000, 10000, 0)
    assert cls.flow.committed == (20000, 50000, 10000, 0)
    assert cls.flow.paid == (0, 50000, 0, 0)
    assert cls.flow.spent == (None, 48800, None, None)  # 2024's spending is not declared
    etat = next(f for f in cls.funders if f.funder == "etat")
    assert etat.flow.committed == (10000, 25000, 5000, 0)
    assert etat.flow.paid == (0, 25000, 0, 0)
    assert etat.flow.signed is None  # no signed annex in this pact
    maraudes = next(a for a in cls.actions if a.action.id == "maraudes")
    assert maraudes.flow.spent == (None, Decimal(9800), None, None)
    assert execution.flow.paid == (0, 58000, 0, 0)  # 50 000 on the CLS, 8 000 on the other


def test_partner_filter_counts_its_money_only(tmp_path: Path) -> None:
    execution = _figures(tmp_path, partenaire="msa").execution
    part = next(c for c in execution.conventions if c.convention.id == "partenariale")
    assert part.flow.committed == (0, 3000, 0, 0)
    assert part.flow.paid == (0, 3000, 0, 0)
    assert part.flow.budget == (0, 8000, 0, 0)  # the action's own budget and spending
    assert [f.funder for f in part.funders] == ["msa"]


def test_context_rates_and_year_words(tmp_path: Path) -> None:
    validation = check_pact(_pact(tmp_path))
    context = build_context(
        validation.model, validation.diagnostics, sel.Filters(), AS_OF_DATE, OUTSIDE_GIT
    )
    view = context.execution
    assert [(y.annee, y.libelle) for y in view.annees][:3] == [
        (2024, "close"),
        (2025, "close"),
        (2026, "en cours"),
    ]
    cls = next(c for c in view.conventions if c.id == "cls")
    assert cls.total.taux_verse[1] == 1
    assert cls.total.taux_depense[1] == Decimal(48800) / Decimal(50000)
    assert cls.total.taux_verse[0] == 0  # 20 000 committed for 2024, nothing paid yet
    assert cls.total.total_depense == 48800
    assert [f.libelle for f in cls.financeurs] == ["Département des Hautes-Alpes", "DDETS"]
