"""« Vouliez-vous dire » : the closest known id to a mistyped one."""

from __future__ import annotations

from pactecli.suggest import closest, did_you_mean

CONVENTIONS = ["cdie-2024-2027", "cls-2024-2027", "partenariale-2024-2027"]


def test_a_typo_is_corrected() -> None:
    assert closest("cls-2024-2072", CONVENTIONS) == "cls-2024-2027"


def test_the_beginning_of_a_single_id_completes_it() -> None:
    assert did_you_mean("cls", CONVENTIONS) == "vouliez-vous dire « cls-2024-2027 » ?"
    assert closest("partenariale", CONVENTIONS) == "partenariale-2024-2027"


def test_a_beginning_shared_by_several_ids_suggests_none() -> None:
    assert closest("cls", ["cls-2019-2023", "cls-2024-2027"]) is None


def test_too_short_a_beginning_suggests_none() -> None:
    assert closest("cd", CONVENTIONS) is None
