"""Aggregates on the small pact, against totals computed by hand (as of 30 June 2026).

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
from pactecli.report import figures as agg


def selection(**filters: object) -> agg.Selection:
    model = small_validation().model
    wanted = agg.Filters(**filters)  # type: ignore[arg-type]
    agg.check_filters(model, wanted)
    return agg.select(model, wanted)


def test_totals_by_funder_year_axis_and_convention() -> None:
    every = selection()
    assert agg.total_committed(every) == Decimal(59000)
    assert agg.by_funder(every) == {
        "departement": Decimal(25000),
        "etat": Decimal(24000),
        "msa": Decimal(10000),
    }
    assert list(agg.by_funder(every)) == ["departement", "etat", "msa"]  # largest first
    assert agg.by_year(every) == {2024: 18000, 2025: 23000, 2026: 18000}
    assert agg.by_axis(every) == {
        "enfance": {2024: 10000, 2025: 12000, 2026: 12000},
        "emploi": {2024: 8000, 2025: 11000, 2026: 5000},
        None: {2024: 0, 2025: 0, 2026: 1000},
    }
    by_convention = agg.by_convention(every)
    assert by_convention["cls"]["etat"] == {2024: 9000, 2025: 9000, 2026: 6000}
    assert by_convention["part"] == {
        "msa": {2024: 0, 2025: 5000, 2026: 5000},
        "departement": {2024: 0, 2025: 0, 2026: 1000},
    }
    assert agg.by_convention(every, whole=False)["part"] == {
        "msa": {2024: 0, 2025: 5000, 2026: 5000}
    }
    assert agg.total_budget(every) == Decimal(60000)
    assert agg.total_funded(every) == Decimal(58000)


def test_sums_are_exact_decimals() -> None:
    every = selection()
    assert all(isinstance(v, Decimal) for v in agg.by_year(every).values())
    assert agg.total([Decimal("0.10"), Decimal("0.20")]) == Decimal("0.30")


def test_axis_filter_keeps_its_actions_and_drops_money_without_axis() -> None:
    emploi = selection(axe="emploi")
    assert {a.id for a in emploi.actions} == {"creches", "coaching"}
    assert agg.total_committed(emploi) == Decimal(24000)
    assert agg.by_year(emploi) == {2024: 8000, 2025: 11000, 2026: 5000}
    assert None not in agg.by_axis(emploi)


def test_convention_filter_counts_money_to_the_convention_as_a_whole() -> None:
    part = selection(convention="part")
    assert [a.id for a in part.actions] == ["coaching"]
    assert [c.id for c in part.conventions] == ["part"]
    assert agg.total_committed(part) == Decimal(11000)


def test_partner_filter_keeps_its_actions_and_only_its_money() -> None:
    msa = selection(partenaire="msa")
    assert {a.id for a in msa.actions} == {"petits-dejeuners", "coaching"}
    assert agg.by_funder(msa) == {"msa": Decimal(10000)}
    assert agg.underfunded(msa) == []  # funding gaps count every funder's money


def test_year_filter_keeps_that_year_only() -> None:
    y2024 = selection(annee=2024)
    assert {a.id for a in y2024.actions} == {"petits-dejeuners", "creches"}
    assert agg.by_year(y2024) == {2024: Decimal(18000)}
    assert agg.total_committed(y2024) == Decimal(18000)
    assert agg.total_budget(y2024) == Decimal(18000)


def test_filters_combine() -> None:
    both = selection(axe="emploi", annee=2025)
    assert agg.total_committed(both) == Decimal(11000)


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
    assert agg.is_late(creches, AS_OF_DATE)
    assert agg.shown_status(creches, AS_OF_DATE) == "en_retard"
    assert not agg.is_late(creches, dt.date(2025, 12, 31))  # the end day itself is not late
    creches.statut = "realise"
    assert not agg.is_late(creches, AS_OF_DATE)
    assert agg.status_counts(selection(), AS_OF_DATE) == {
        "en_cours": 1,
        "en_retard": 1,
        "non_demarre": 1,
    }


def test_attention_points() -> None:
    every = selection()
    late = agg.late_actions(every, AS_OF_DATE)
    assert [(i.action.id, i.days) for i in late] == [("creches", 181)]
    short = agg.underfunded(every)
    assert [(i.action.id, i.year, i.missing) for i in short] == [("creches", 2025, 2000)]
    below = agg.below_target(every, AS_OF_DATE)
    assert sorted((i.action.id, i.indicator.id, i.year, i.ratio) for i in below) == [
        ("creches", "delai", 2024, Decimal("0.75")),  # 30 days aimed, 40 reached: lower is better
        ("petits-dejeuners", "eleves", 2024, Decimal("0.75")),
    ]
    missing = agg.missing_actuals(every, AS_OF_DATE)
    assert [(i.action.id, i.year) for i in missing] == [("petits-dejeuners", 2025)]
    soon = agg.ending_soon(every, AS_OF_DATE)
    assert [(i.action.id, i.days) for i in soon] == [("coaching", 62)]
    assert agg.ending_soon(every, dt.date(2026, 5, 1)) == []  # 122 days before its end


def test_current_year_actuals_are_not_yet_due() -> None:
    every = selection()
    assert agg.missing_actuals(every, dt.date(2025, 12, 31)) == []
    assert [i.year for i in agg.missing_actuals(every, dt.date(2026, 1, 1))] == [2025]


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
    assert agg.attainment(Decimal(target), Decimal(actual), sens) == expected
