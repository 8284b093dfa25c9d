"""`pacte explain`: the documentation of every code, from the source SARIF's help uses."""

from __future__ import annotations

import json
import re

import pytest

from pacte_testing import run_pacte
from pactecli.check import rules
from pactecli.check.validation import Validation
from pactecli.codes import FILE_CODES
from pactecli.model import PactModel
from pactecli.render.problems import render

CODES = [info.code for info in rules.catalogue()]


def test_the_list_names_every_code_with_its_default_severity() -> None:
    run = run_pacte("explain")
    assert run.exit_code == 0, run
    assert run.stdout.startswith(f"{len(CODES)} codes de problèmes")
    for info in rules.catalogue():
        assert re.search(rf"^  {info.code} +\S+ +{re.escape(info.summary)}$", run.stdout, re.M)
    assert re.search(r"^  financement-incomplet +avertissement ", run.stdout, re.M)


@pytest.mark.parametrize("code", CODES)
def test_each_code_shows_an_accepted_and_a_refused_example(code: str) -> None:
    run = run_pacte("explain", code)
    assert run.exit_code == 0, run
    assert run.stdout.splitlines()[0].startswith(f"{code} (")
    assert "::" not in run.stdout  # reStructuredText turned into French « : »
    assert re.search(r"^Correct\b.*:", run.stdout, re.M), run.stdout
    assert re.search(r"^(Refusé|Signalé)\b", run.stdout, re.M), run.stdout


def test_the_page_is_the_rule_docstring() -> None:
    run = run_pacte("explain", "plafond-depasse")
    doc = (rules.plafond_depasse.__doc__ or "").strip()
    assert run.stdout.startswith("plafond-depasse (erreur par défaut)\n")
    assert doc.splitlines()[2] in run.stdout  # the explanation, word for word
    assert "      etat: 200000" in run.stdout  # the examples, indented


def test_file_level_codes_are_documented_like_rules() -> None:
    for info in FILE_CODES:
        assert info.documentation.startswith(info.summary), info.code
        assert re.search(r"^Correct\b", info.documentation, re.M), info.code
        assert re.search(r"^(Refusé|Signalé)\b", info.documentation, re.M), info.code


def test_sarif_rule_help_is_the_same_text() -> None:
    log = json.loads(render("sarif", Validation(PactModel(), [], 0)))
    helps = {rule["id"]: rule["help"]["text"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert helps == rules.documentation()
    assert helps["yaml-invalide"].startswith("YAML illisible")


def test_an_unknown_code_suggests_the_closest() -> None:
    run = run_pacte("explain", "finacement-incomplet")
    assert run.exit_code == 2, run
    assert "code inconnu « finacement-incomplet »" in run.stderr
    assert "vouliez-vous dire « financement-incomplet » ?" in run.stderr
