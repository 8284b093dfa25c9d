"""Hostile pacts through every output of every command: no exception, nothing forged.

See `fuzz_pipeline.py`; `benchmarks/bench_fuzz.py` runs thousands of such cases.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_pipeline import FILES, MemorySnapshot, check, mutate, run
from pacte_testing import AS_OF_DATE
from pactecli.check.validation import validate

BASE_VALIDATION = validate(MemorySnapshot(FILES), AS_OF_DATE)


def test_the_unchanged_pact_goes_through_everything() -> None:
    outputs = run(dict(FILES), BASE_VALIDATION)
    check(outputs)
    assert "Maraudes dans les vallées" in outputs.texts["report/html"]
    assert set(outputs.workbooks) == {"bilan/xlsx", "export/xlsx"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_hostile_values_never_crash_nor_forge_an_output(seed: int) -> None:
    case = mutate(random.Random(seed))
    check(run(case.files, BASE_VALIDATION))
