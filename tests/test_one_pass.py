"""One pass shows every problem: a broken value hides only what depends on it, and says so."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from pacte_testing import base_text, check_pact, codes, edit, make_pact, problems
from pactecli import suggest
from pactecli.diagnostics import Severity

MSA = "data/partners/msa.yaml"
ETAT = "data/partners/etat.yaml"


def test_an_unreadable_folder_is_located_and_hides_no_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pact(tmp_path)
    partners = str(root / "data" / "partners")
    real_scandir = os.scandir

    def refusing(path: str | os.PathLike[str]) -> object:
        if os.fspath(path) == partners:
            raise PermissionError(13, "Permission denied", partners)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    validation = check_pact(root)
    found = [(d.code, d.location.path) for d in problems(validation)]
    assert found == [("fichier-inattendu", "data/partners/")]
    assert "dossier illisible (Permission denied)" in validation.diagnostics[0].message
    assert "reference-inconnue" not in codes(validation)  # the partners may be in it
    notes = [d for d in validation.diagnostics if d.severity is Severity.INFO]
    assert [n.location.path for n in notes] == ["data/partners/"]
    assert "reference-inconnue" in notes[0].message


def test_amounts_are_read_exactly(tmp_path: Path) -> None:
    files = edit(MSA, "2025: 3000", "2025: 0.07")
    model = check_pact(make_pact(tmp_path, files)).model
    (contribution, *_) = model.partners_by_id["msa"].contributions
    assert contribution.amounts == {2025: Decimal("0.07")}
    assert sum(contribution.amounts.values(), Decimal(0)) * 3 == Decimal("0.21")


def test_more_than_fifteen_significant_digits_are_refused(tmp_path: Path) -> None:
    files = edit(MSA, "2025: 3000", "2025: 3000.0000000000001")
    (problem,) = problems(check_pact(make_pact(tmp_path, files)))
    assert problem.code == "schema"
    assert "15 chiffres significatifs" in problem.hint


def test_a_duplicated_amount_is_trusted_in_neither_version(tmp_path: Path) -> None:
    """Which of the two 2025 amounts is meant? Neither is summed: the rule says it waits."""
    files = edit(MSA, "      2025: 3000", "      2025: 3000\n      2025: 9000")
    validation = check_pact(make_pact(tmp_path, files))
    assert [d.code for d in problems(validation)] == ["cle-dupliquee"]
    model = validation.model
    assert model.partners_by_id["msa"].contributions[0].amounts == {}
    notes = [d for d in validation.diagnostics if d.severity is Severity.INFO]
    assert [(n.location.path, n.message.rsplit(": ", 1)[1]) for n in notes] == [
        (MSA, "financement-incomplet")
    ]


def test_a_broken_contribution_keeps_the_partners_other_contributions(tmp_path: Path) -> None:
    files = {ETAT: base_text(ETAT).replace("nature: financiere", "nature: financier", 1)}
    model = check_pact(make_pact(tmp_path, files)).model
    etat = model.partners_by_id["etat"]
    assert [c.action for c in etat.contributions] == ["maraudes"]
    assert len(etat.unread_contributions) == 1
    assert not etat.money_known


def test_suggestions_among_many_ids_compare_a_bounded_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = [f"action-{n:05d}-{word}" for n, word in enumerate(["maraudes", "creches"] * 5000)]
    compared: list[int] = []
    real = suggest.difflib.get_close_matches

    def counting(word: str, candidates: list[str], n: int, cutoff: float) -> list[str]:
        compared.append(len(candidates))
        return real(word, candidates, n=n, cutoff=cutoff)

    monkeypatch.setattr(suggest.difflib, "get_close_matches", counting)
    found = suggest.Suggester(ids)
    assert found.closest("action-04243-creche") == "action-04243-creches"  # one letter off
    assert found.closest("action-00006-mraudes") == "action-00006-maraudes"
    assert found.closest("zzz-qqq") is None
    assert max(compared) <= suggest.MAX_COMPARED
