"""`author.edit`: values changed in place, every other byte kept, nothing approximated."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte_testing import base_text
from pactecli.author.edit import EditRefused, Remove, Set, SetList, apply
from pactecli.layout import Kind
from pactecli.load import documents
from pactecli.load.sources import Source

ETAT = base_text("data/partners/etat.yaml")
MARAUDES = base_text("data/conventions/cls/actions/maraudes.yaml")


def edited(text: str, kind: Kind, *edits: Set | Remove | SetList) -> str:
    return apply(text.encode("utf-8"), kind, edits).decode("utf-8")


def diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def data(text: str, kind: Kind = Kind.PARTNER) -> object:
    document, _ = documents.load(Source("x.yaml", kind, text.encode("utf-8")))
    assert document is not None
    return document.data


def test_an_amount_is_replaced_on_its_own_line() -> None:
    after = edited(
        ETAT, Kind.PARTNER, Set(("contributions", 0, "montants", "2025"), "25000", "nombre")
    )
    assert diff(ETAT, after) == ["-      2025: 20000", "+      2025: 25000"]


def test_a_new_year_goes_in_order_and_a_removed_one_takes_its_line() -> None:
    after = edited(
        ETAT,
        Kind.PARTNER,
        Set(("contributions", 1, "montants", "2027"), "5000", "nombre"),
        Remove(("contributions", 1, "montants", "2025")),
    )
    assert "    montants:\n      2026: 5000\n      2027: 5000\n" in after
    assert len(diff(ETAT, after)) == 2


def test_an_amount_typed_as_text_stays_text_for_the_schema_to_refuse() -> None:
    after = edited(
        ETAT, Kind.PARTNER, Set(("contributions", 0, "montants", "2025"), "12 000", "nombre")
    )
    assert data(after)["contributions"][0]["montants"]["2025"] == "12 000"  # type: ignore[index]


@pytest.mark.parametrize(
    "value",
    ["true", "null", "2024", "12", "- x", "a: b", "# note", '"quoted"', "x\ny", "[1]", "{a}", "é"],
)
def test_a_text_value_can_never_inject_yaml(value: str) -> None:
    after = edited(MARAUDES, Kind.ACTION, Set(("titre",), value))
    assert data(after, Kind.ACTION)["titre"] == value  # type: ignore[index]
    assert len(diff(MARAUDES, after)) == 2


def test_missing_keys_are_created_in_the_schemas_order() -> None:
    after = edited(
        MARAUDES,
        Kind.ACTION,
        Set(("motif",), "Hiver"),
        Set(("depenses", "2025"), "900", "nombre"),
        Set(("public_cible",), "Personnes isolées"),
    )
    lines = after.splitlines()
    assert lines.index("motif: Hiver") == lines.index("statut: en_cours") + 1
    assert (
        lines.index("public_cible: Personnes isolées")
        == lines.index("partenaires: [departement, msa]") + 1
    )
    assert after.endswith("depenses:\n  2025: 900\n")


def test_a_flow_list_stays_on_its_line_and_a_block_list_keeps_its_indentation() -> None:
    after = edited(MARAUDES, Kind.ACTION, SetList(("partenaires",), ("etat", "msa")))
    assert diff(MARAUDES, after) == [
        "-partenaires: [departement, msa]",
        "+partenaires: [etat, msa]",
    ]
    block = "id: a\npartenaires:\n    - x\n    - y\nstatut: en_cours\n"
    assert edited(block, Kind.ACTION, SetList(("partenaires",), ("z",))) == (
        "id: a\npartenaires:\n    - z\nstatut: en_cours\n"
    )


def test_a_mapping_emptied_becomes_an_empty_mapping() -> None:
    after = edited(MARAUDES, Kind.ACTION, Remove(("budget", "2025")), Remove(("budget", "2026")))
    assert after.endswith("budget: {}\n")


def test_an_empty_mapping_filled_becomes_a_block() -> None:
    text = "id: a\nbudget: {}  # à remplir\nstatut: en_cours\n"
    after = edited(text, Kind.ACTION, Set(("budget", "2025"), "100", "nombre"))
    assert after.startswith("id: a\nbudget:")
    assert data(after, Kind.ACTION)["budget"] == {"2025": 100}  # type: ignore[index]


def test_a_flow_mapping_gets_its_new_year_in_order() -> None:
    text = "id: a\nbudget: {2024: 5, 2026: 7}\n"
    assert edited(text, Kind.ACTION, Set(("budget", "2025"), "6", "nombre")) == (
        "id: a\nbudget: {2024: 5, 2025: 6, 2026: 7}\n"
    )


def test_a_list_item_is_removed_with_its_lines() -> None:
    after = edited(ETAT, Kind.PARTNER, Remove(("contributions", 0)))
    assert "petits-dejeuners" not in after and "maraudes" in after
    assert data(after)["contributions"] == [  # type: ignore[index]
        {"action": "maraudes", "nature": "financiere", "montants": {"2025": 5000, "2026": 5000}}
    ]


def test_comments_bom_and_crlf_are_kept() -> None:
    text = (
        "\ufeff# en tête\r\nid: a # le nom\r\nbudget:\r\n  # l'an 1\r\n  2024: 5\r\n"
        "statut: en_cours\r\n"
    )
    after = apply(text.encode("utf-8"), Kind.ACTION, [Set(("budget", "2024"), "6", "nombre")])
    assert after == text.replace("2024: 5", "2024: 6").encode("utf-8")


def test_a_block_scalar_is_replaced_whole() -> None:
    text = "id: a\ndescription: |\n  ligne 1\n  ligne 2\nstatut: en_cours\n"
    after = edited(text, Kind.ACTION, Set(("description",), "Une ligne"))
    assert after == "id: a\ndescription: Une ligne\nstatut: en_cours\n"


def test_an_edit_it_cannot_make_exactly_is_refused() -> None:
    with pytest.raises(EditRefused):
        edited("id: a\nbudget: [1, 2]\n", Kind.ACTION, Set(("budget", "2025"), "1", "nombre"))
    with pytest.raises(EditRefused):
        edited("id: [a\n", Kind.ACTION, Set(("id",), "b"))


@settings(max_examples=60, deadline=None)
@given(
    index=st.sampled_from([(0, "2024"), (0, "2025"), (1, "2025"), (1, "2026")]),
    amount=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
)
def test_any_amount_changes_one_line_and_reads_back_exactly(
    index: tuple[int, str], amount: object
) -> None:
    contribution, year = index
    text = format(amount, "f")
    after = edited(
        ETAT, Kind.PARTNER, Set(("contributions", contribution, "montants", year), text, "nombre")
    )
    changed = diff(ETAT, after)
    assert len(changed) in (0, 2)
    read = data(after)["contributions"][contribution]["montants"][year]  # type: ignore[index]
    assert format(read, "f").rstrip("0").rstrip(".") == text.rstrip("0").rstrip(".") or (
        float(read) == float(text)
    )
