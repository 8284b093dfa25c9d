"""Figures of the small pact, against totals computed by hand (as of 30 June 2026).

Money of the small pact (years 2024, 2025, 2026):
- petits-dejeuners (axe enfance, cls): État 5000/6000/6000, Département 5000/6000/6000;
  budget 10000/12000/12000.
- creches (axe emploi, cls): État 4000/3000/-, Département 4000/3000/-; budget 8000/8000/-.
- coaching (axe emploi, part): MSA -/5000/5000; budget -/5000/5000.
- Département 1000 in 2026 to the convention `part` as a whole.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from report_testing import AS_OF_DATE, small_validation

from pactecli.errors import UsageError
from pactecli.report import figures as fig
from pactecli.report import selection as sel


def selection(**filters: object) -> sel.Selection:
    model = small_validation().model
    wanted = sel.Filters(**filters)  # type: ignore[arg-type]
    sel.check_filters(model, wanted)
    return sel.select(model, wanted)


def figures(as_of: dt.date = AS_OF_DATE, **filters: object) -> fig.Figures:
    return fig.compute(selection(**filters), as_of)


def by_year(found: fig.Figures, amounts: fig.Amounts) -> dict[int, Decimal]:
    return dict(zip(found.years, amounts, strict=True))


def test_totals_by_funder_year_axis_and_convention() -> None:
    every = figures()
    assert every.committed == Decimal(59000)
    assert dict(every.by_funder) == {
        "departement": Decimal(25000),
        "etat": Decimal(24000),
        "msa": Decimal(10000),
    }
    assert [f for f, _ in every.by_funder] == ["departement", "etat", "msa"]  # largest first
    assert by_year(every, every.by_year) == {2024: 18000, 2025: 23000, 2026: 18000}
    assert {axis: by_year(every, a) for axis, a in every.by_axis} == {
        "enfance": {2024: 10000, 2025: 12000, 2026: 12000},
        "emploi": {2024: 8000, 2025: 11000, 2026: 5000},
        None: {2024: 0, 2025: 0, 2026: 1000},
    }
    conventions = {c.convention.id: c for c in every.conventions}
    cls_funders = dict(conventions["cls"].plan.funders)
    assert by_year(every, cls_funders["etat"]) == {2024: 9000, 2025: 9000, 2026: 6000}
    part = conventions["part"]
    assert {f: by_year(every, a) for f, a in part.plan.funders} == {
        "msa": {2024: 0, 2025: 5000, 2026: 5000}
    }
    assert {f: by_year(every, a) for f, a in part.whole} == {
        "departement": {2024: 0, 2025: 0, 2026: 1000}
    }
    assert every.budget == Decimal(60000)
    assert every.funded == Decimal(58000)


def test_sums_are_exact_decimals() -> None:
    every = figures()
    assert all(isinstance(v, Decimal) for v in every.by_year)
    assert sum((Decimal("0.10"), Decimal("0.20")), fig.ZERO) == Decimal("0.30")


def test_axis_filter_keeps_its_actions_and_drops_money_without_axis() -> None:
    emploi = figures(axe="emploi")
    assert {a.action.id for a in emploi.actions} == {"creches", "coaching"}
    assert emploi.committed == Decimal(24000)
    assert by_year(emploi, emploi.by_year) == {2024: 8000, 2025: 11000, 2026: 5000}
    assert None not in dict(emploi.by_axis)


def test_convention_filter_counts_money_to_the_convention_as_a_whole() -> None:
    part = figures(convention="part")
    assert [a.action.id for a in part.actions] == ["coaching"]
    assert [c.convention.id for c in part.conventions] == ["part"]
    assert part.committed == Decimal(11000)


def test_partner_filter_keeps_its_actions_and_only_its_money() -> None:
    msa = figures(partenaire="msa")
    assert {a.action.id for a in msa.actions} == {"petits-dejeuners", "coaching"}
    assert dict(msa.by_funder) == {"msa": Decimal(10000)}
    assert msa.underfunded == ()  # funding gaps count every funder's money


def test_year_filter_keeps_that_year_only() -> None:
    y2024 = figures(annee=2024)
    assert {a.action.id for a in y2024.actions} == {"petits-dejeuners", "creches"}
    assert by_year(y2024, y2024.by_year) == {2024: Decimal(18000)}
    assert y2024.committed == Decimal(18000)
    assert y2024.budget == Decimal(18000)


def test_filters_combine() -> None:
    both = figures(axe="emploi", annee=2025)
    assert both.committed == Decimal(11000)


@pytest.mark.parametrize(
    ("filters", "message", "hint"),
    [
        ({"axe": "emplio"}, "--axe : « emplio » n'existe pas", "vouliez-vous dire « emploi » ?"),
        ({"convention": "cl"}, "--convention : « cl »", "vouliez-vous dire « cls » ?"),
        ({"partenaire": "zzz"}, "--partenaire : « zzz »", "identifiants connus : departement"),
        ({"annee": 2031}, "--annee : 2031 est hors de la période du pacte (2024-2026)", ""),
    ],
)
def test_unknown_filter_is_misuse_with_a_suggestion(
    filters: dict[str, object], message: str, hint: str
) -> None:
    with pytest.raises(UsageError) as raised:
        selection(**filters)
    assert message in str(raised.value)
    assert hint in raised.value.hint


def test_late_is_derived_from_the_end_date_and_the_status() -> None:
    model = small_validation().model
    creches = model.actions_by_id["creches"]
    assert fig.is_late(creches, AS_OF_DATE)
    assert fig.shown_status(creches, AS_OF_DATE) == "en_retard"
    assert not fig.is_late(creches, dt.date(2025, 12, 31))  # the end day itself is not late
    creches.statut = "realise"
    assert not fig.is_late(creches, AS_OF_DATE)
    assert dict(figures().statuses) == {
        "en_cours": 1,
        "en_retard": 1,
        "non_demarre": 1,
    }


def test_attention_points() -> None:
    every = figures()
    assert [(i.action.id, i.days) for i in every.late] == [("creches", 181)]
    short = every.underfunded
    assert [(i.action.id, i.year, i.missing) for i in short] == [("creches", 2025, 2000)]
    below = every.below_target
    assert sorted((i.action.id, i.indicator.id, i.year, i.ratio) for i in below) == [
        ("creches", "delai", 2024, Decimal("0.75")),  # 30 days aimed, 40 reached: lower is better
        ("petits-dejeuners", "eleves", 2024, Decimal("0.75")),
    ]
    assert [(i.action.id, i.year) for i in every.missing_actuals] == [("petits-dejeuners", 2025)]
    assert [(i.action.id, i.days) for i in every.ending_soon] == [("coaching", 62)]
    assert figures(dt.date(2026, 5, 1)).ending_soon == ()  # 122 days before its end


def test_current_year_actuals_are_not_yet_due() -> None:
    assert figures(dt.date(2025, 12, 31)).missing_actuals == ()
    assert [i.year for i in figures(dt.date(2026, 1, 1)).missing_actuals] == [2025]


@pytest.mark.parametrize(
    ("target", "actual", "sens", "expected"),
    [
        ("200", "150", "hausse", Decimal("0.75")),
        ("200", "250", "hausse", Decimal("1.25")),
        ("30", "40", "baisse", Decimal("0.75")),
        ("30", "15", "baisse", Decimal("2")),
        ("30", "0", "baisse", Decimal("1")),
        ("0", "5", "hausse", None),
    ],
)
def test_attainment_follows_the_direction(
    target: str, actual: str, sens: str, expected: Decimal | None
) -> None:
    assert fig.attainment(Decimal(target), Decimal(actual), sens) == expected
