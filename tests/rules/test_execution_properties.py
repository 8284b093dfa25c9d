"""Property-based checks of the execution keys of record format 1.1 (`versements`, `depenses`).

Random payments (cents included, some dated the next year with `annee`) and spending for one
action of the execution-complete case: the excess rules fire exactly when the Decimal sums say
so, whatever the split, and nothing else breaks.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacte_testing import AS_OF_DATE, CASES, MemorySnapshot
from pactecli.check.validation import validate
from pactecli.diagnostics import Severity

CASE = CASES / "valid" / "execution-complete"
FILES = {p.relative_to(CASE).as_posix(): p.read_bytes() for p in sorted(CASE.rglob("*.yaml"))}
PARTNER = "data/partners/msa.yaml"
ACTION = "data/conventions/partenariale/actions/coaching-emploi.yaml"
COMMITTED, BUDGET = Decimal(3000), Decimal(8000)

cents = st.integers(min_value=1, max_value=400_000)
payment = st.tuples(cents, st.integers(1, 12), st.booleans())


def amount(value: int) -> str:
    """Cents as the text a user writes: `1500` or `1500.05`."""
    return str(value // 100) if value % 100 == 0 else f"{value // 100}.{value % 100:02d}"


def payments_block(payments: list[tuple[int, int, bool]]) -> str:
    if not payments:
        return ""
    lines = ["    versements:"]
    for value, month, next_year in payments:
        if next_year:  # a balance paid the next spring, honouring 2025
            lines.append(
                f"      - {{date: 2026-{month:02d}-10, montant: {amount(value)}, annee: 2025}}"
            )
        else:
            lines.append(f"      - {{date: 2025-{month:02d}-10, montant: {amount(value)}}}")
    return "\n".join(lines) + "\n"


def with_execution(payments: list[tuple[int, int, bool]], spent: int) -> dict[str, bytes]:
    files = dict(FILES)
    partner = files[PARTNER].decode()
    old = "    versements:\n      - {date: 2025-06-30, montant: 3000}\n"
    assert old in partner
    files[PARTNER] = partner.replace(old, payments_block(payments)).encode()
    action = files[ACTION].decode()
    assert "depenses:\n  2025: 8000" in action
    files[ACTION] = action.replace(
        "depenses:\n  2025: 8000", f"depenses:\n  2025: {amount(spent)}"
    ).encode()
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payments=st.lists(payment, max_size=4), spent=cents.map(lambda c: c * 4))
def test_excess_rules_follow_the_exact_sums(
    payments: list[tuple[int, int, bool]], spent: int
) -> None:
    validation = validate(MemorySnapshot(with_execution(payments, spent)), AS_OF_DATE)
    codes = [d.code for d in validation.diagnostics]

    paid = sum((Decimal(v) / 100 for v, _, _ in payments), Decimal(0))
    assert ("versement-excedentaire" in codes) == (paid > COMMITTED), (paid, codes)
    assert ("depense-excedentaire" in codes) == (Decimal(spent) / 100 > BUDGET), (spent, codes)
    schema_errors = [d for d in validation.diagnostics if d.code == "schema"]
    assert schema_errors == [], schema_errors
    excess = [d for d in validation.diagnostics if d.code == "versement-excedentaire"]
    assert all(d.severity is Severity.ERROR and d.location.path == PARTNER for d in excess)


def test_a_payment_one_cent_over_is_an_excess() -> None:
    # Decimal, not float: 0.1 + 0.2 style sums must not hide or invent a cent.
    exact = with_execution([(100_010, 4, False), (199_990, 5, True)], 800_000)
    over = with_execution([(100_010, 4, False), (199_991, 5, True)], 800_000)
    assert "versement-excedentaire" not in [
        d.code for d in validate(MemorySnapshot(exact), AS_OF_DATE).diagnostics
    ]
    assert "versement-excedentaire" in [
        d.code for d in validate(MemorySnapshot(over), AS_OF_DATE).diagnostics
    ]
