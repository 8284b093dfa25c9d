"""Helpers of the `pacte list` and `pacte show` tests: the small pact, hostile and broken ones.

The figures these tests expect are written out by hand from `tests/cases/base` (as of
27 November 2026), never computed by the code under test:

- maraudes (cls, acces-droits, pilot DDETS, en cours): budget 20 000, State 10 000 and
  Département 10 000 (2025-2026), MSA half a full-time post;
- petits-dejeuners (cls, enfance, pilot Département, written en cours, ended 31 December 2025:
  late): budget 60 000, State and Département 30 000 each (10 000 in 2024, 20 000 in 2025),
  indicator « eleves »: 2025 target 1 300, actual 1 280 (98.46 %);
- coaching-emploi (partenariale, emploi, pilot MSA, réalisé): budget 8 000, Département 5 000
  and MSA 3 000 in 2025.
"""

from __future__ import annotations

from pathlib import Path

from pacte_testing import AS_OF, Run, base_text, make_pact, run_pacte

NBSP = "\u00a0"
PETITS = "data/conventions/cls/actions/petits-dejeuners.yaml"
DEPARTEMENT = "data/partners/departement.yaml"
MSA = "data/partners/msa.yaml"
# YAML double-quoted escapes: \e is ESC, \a BEL, \n a line break.
HOSTILE_TITLE = (
    r'"=HYPERLINK(\"http://x.test\",\"clic\") <b>gras</b> **md** | pipe\n::error::forgé'
    r' \e[31mrouge [bold]balise[/bold] #12 @moi ##[warning]w"'
)
HOSTILE_TITLE_VALUE = (
    '=HYPERLINK("http://x.test","clic") <b>gras</b> **md** | pipe\n::error::forgé'
    " \x1b[31mrouge [bold]balise[/bold] #12 @moi ##[warning]w"
)
HOSTILE_NAME = r'"-1+1 [red]Département[/red] \e[2J\r::warning::x\a"'
HOSTILE_NAME_VALUE = "-1+1 [red]Département[/red] \x1b[2J\r::warning::x\x07"


def hostile_pact(folder: Path) -> Path:
    """A valid pact whose petits-dejeuners title and Département name try to break outputs."""
    title = base_text(PETITS).replace(
        "titre: Petits déjeuners gratuits à l'école", f"titre: {HOSTILE_TITLE}"
    )
    name = base_text(DEPARTEMENT).replace(
        "nom: Département des Hautes-Alpes", f"nom: {HOSTILE_NAME}"
    )
    return make_pact(folder, {PETITS: title, DEPARTEMENT: name})


def pact_with_an_error(folder: Path) -> Path:
    """MSA commits 3 500 € to a budget of 8 000 € already funded by 5 000 €: one error."""
    msa = base_text(MSA).replace("2025: 3000", "2025: 3500")
    return make_pact(folder, {MSA: msa})


def pact_with_an_unreadable_action(folder: Path) -> Path:
    """The maraudes file is not YAML: the action is absent, its 20 000 € counted nowhere."""
    return make_pact(folder, {"data/conventions/cls/actions/maraudes.yaml": "id: [maraudes\n"})


def run(root: Path, *args: str) -> Run:
    """`pacte ARGS --root ROOT --as-of 2026-11-27`, in-process."""
    return run_pacte(*args, "--root", str(root), "--as-of", AS_OF)


def flat(text: str) -> str:
    """The text with no-break spaces (French typography) as plain spaces, for reading."""
    return text.replace(NBSP, " ").replace("\u202f", " ")
