"""`pacte new action|partenaire|convention|contribution`: a new record at its place, complete
and commented; questions on a terminal for what the options leave out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from pactecli.cli.common import AsOfOption, RootOption, as_of_date, pact_root
from pactecli.cli.completion import (
    complete_action,
    complete_axis,
    complete_convention,
    complete_objective,
    complete_partner,
)
from pactecli.errors import EXIT_OK, EXIT_PROBLEMS

new_app = typer.Typer(
    name="new",
    help="Crée un enregistrement complet et commenté : action, partenaire, convention, ou "
    "ajoute une contribution au fichier d'un partenaire.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

Ids = list[str] | None
NonInteractive = Annotated[
    bool,
    typer.Option(
        "--non-interactif",
        help="Ne pose aucune question : les valeurs absentes prennent leur valeur par défaut "
        "ou sont signalées.",
    ),
]


def _id_argument(what: str) -> Any:
    return typer.Argument(
        help=f"Identifiant {what} (minuscules, chiffres et tirets).",
        metavar="[ID]",
        show_default=False,
    )


def _option(name: str, help: str, metavar: str = "ID", complete: Any = None) -> Any:
    return typer.Option(
        name, help=help, metavar=metavar, show_default=False, autocompletion=complete
    )


def _run(
    create: Callable[..., Any],
    root: Path | None,
    as_of: str | None,
    interactive: bool,
    options: dict[str, Any],
) -> None:
    from pactecli.author.prompts import Asker
    from pactecli.author.writing import Refused
    from pactecli.render.problems.text import line

    folder = pact_root(root)
    try:
        outcome = create(folder, Asker(interactive), options, as_of_date(as_of))
    except Refused as refused:
        for problem in refused.problems:
            print(line(problem), file=sys.stderr)
        raise
    if outcome.created:
        print(f"Créé : {outcome.path}")
    else:
        print(f"Contribution ajoutée à la fin de {outcome.path}")
    if outcome.to_fill:
        print("À remplir dans le fichier :")
        print("".join(f"  - {item}\n" for item in outcome.to_fill), end="")
    if outcome.problems:
        print("Ce que la validation du pacte signale de nouveau :")
        print("".join(f"  {line(problem)}\n" for problem in outcome.problems), end="")
    else:
        print("Validation du pacte : aucun nouveau problème.")
    raise typer.Exit(EXIT_PROBLEMS if outcome.failed else EXIT_OK)


@new_app.command("action")
def action(
    id: Annotated[str | None, _id_argument("de l'action")] = None,
    convention: Annotated[
        str | None, _option("--convention", "Convention de l'action.", complete=complete_convention)
    ] = None,
    objectif: Annotated[
        str | None,
        _option("--objectif", "Objectif de la convention.", complete=complete_objective),
    ] = None,
    pilote: Annotated[
        str | None, _option("--pilote", "Partenaire pilote.", complete=complete_partner)
    ] = None,
    titre: Annotated[str | None, _option("--titre", "Intitulé de l'action.", "TEXTE")] = None,
    nature: Annotated[
        str | None, _option("--nature", "nouvelle ou renforcee (obligatoire au CLS).", "NATURE")
    ] = None,
    statut: Annotated[
        str | None, _option("--statut", "Statut (par défaut : non_demarre).", "STATUT")
    ] = None,
    debut: Annotated[
        str | None, _option("--debut", "Début AAAA-MM-JJ (défaut : la convention).", "DATE")
    ] = None,
    fin: Annotated[
        str | None, _option("--fin", "Fin AAAA-MM-JJ (défaut : la convention).", "DATE")
    ] = None,
    budget: Annotated[
        Ids, _option("--budget", "Budget d'une année, ex. 2025=40000 (répétable).", "ANNÉE=MONTANT")
    ] = None,
    partenaire: Annotated[
        Ids,
        _option("--partenaire", "Partenaire associé (répétable).", complete=complete_partner),
    ] = None,
    non_interactif: NonInteractive = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Crée une fiche action.

    Le fichier est data/conventions/<convention>/actions/<id>.yaml.
    """
    from pactecli.author.new import new_action

    _run(new_action, root, as_of, not non_interactif, locals())


@new_app.command("partenaire")
def partenaire(
    id: Annotated[str | None, _id_argument("du partenaire")] = None,
    nom: Annotated[str | None, _option("--nom", "Nom complet.", "TEXTE")] = None,
    sigle: Annotated[str | None, _option("--sigle", "Sigle (ex. MSA).", "TEXTE")] = None,
    categorie: Annotated[
        str | None, _option("--categorie", "etat, collectivite, association…", "CATÉGORIE")
    ] = None,
    siret: Annotated[str | None, _option("--siret", "SIRET, 14 chiffres.", "SIRET")] = None,
    rna: Annotated[str | None, _option("--rna", "Numéro RNA (associations).", "RNA")] = None,
    signataire: Annotated[
        bool | None,
        typer.Option(
            "--signataire/--non-signataire",
            help="A signé le pacte local (par défaut : non).",
            show_default=False,
        ),
    ] = None,
    non_interactif: NonInteractive = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Crée un partenaire.

    Le fichier est data/partners/<id>.yaml.
    """
    from pactecli.author.new import new_partner

    _run(new_partner, root, as_of, not non_interactif, locals())


@new_app.command("convention")
def convention(
    id: Annotated[str | None, _id_argument("de la convention")] = None,
    type: Annotated[
        str | None, _option("--type", "CLS, CDIE, partenariale ou autre.", "TYPE")
    ] = None,
    titre: Annotated[str | None, _option("--titre", "Intitulé.", "TEXTE")] = None,
    signataire: Annotated[
        Ids, _option("--signataire", "Signataire (au moins deux).", complete=complete_partner)
    ] = None,
    debut: Annotated[
        str | None, _option("--debut", "Début AAAA-MM-JJ (défaut : le pacte).", "DATE")
    ] = None,
    fin: Annotated[
        str | None, _option("--fin", "Fin AAAA-MM-JJ (défaut : le pacte).", "DATE")
    ] = None,
    objectif: Annotated[
        str | None, _option("--objectif", "Identifiant du premier objectif.")
    ] = None,
    axe: Annotated[
        str | None, _option("--axe", "Axe du premier objectif.", complete=complete_axis)
    ] = None,
    non_interactif: NonInteractive = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Crée une convention, avec un premier objectif.

    Le fichier est data/conventions/<id>/convention.yaml.
    """
    from pactecli.author.new import new_convention

    _run(new_convention, root, as_of, not non_interactif, locals())


@new_app.command("contribution")
def contribution(
    partenaire: Annotated[
        str | None,
        _option("--partenaire", "Partenaire qui contribue.", complete=complete_partner),
    ] = None,
    action: Annotated[
        str | None, _option("--action", "Action soutenue.", complete=complete_action)
    ] = None,
    convention: Annotated[
        str | None,
        _option(
            "--convention",
            "Ou : convention soutenue dans son ensemble.",
            complete=complete_convention,
        ),
    ] = None,
    nature: Annotated[
        str | None,
        _option("--nature", "financiere, humaine, materielle ou ingenierie.", "NATURE"),
    ] = None,
    montants: Annotated[
        Ids,
        _option("--montants", "Montant d'une année, ex. 2025=12000 (répétable).", "ANNÉE=MONTANT"),
    ] = None,
    etp: Annotated[
        str | None, _option("--etp", "Équivalents temps plein (contribution humaine).", "ETP")
    ] = None,
    description: Annotated[
        str | None, _option("--description", "Ce qui est apporté (sauf financière).", "TEXTE")
    ] = None,
    non_interactif: NonInteractive = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Ajoute une contribution au fichier d'un partenaire.

    Elle est ajoutée à la fin de la liste des contributions de data/partners/<partenaire>.yaml,
    sans rien changer au reste du fichier (commentaires, ordre, guillemets, lignes vides).
    """
    from pactecli.author.new import new_contribution

    _run(new_contribution, root, as_of, not non_interactif, locals())
