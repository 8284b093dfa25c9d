"""`pacte init`: start a new pact repository that validates, with commented examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pactecli.errors import EXIT_OK, EXIT_PROBLEMS


def init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Dossier du nouveau pacte, absent ou vide (par défaut : le dossier courant).",
            metavar="[DOSSIER]",
            show_default=False,
        ),
    ] = Path("."),
    territoire: Annotated[
        str,
        typer.Option("--territoire", help="Nom du territoire, ex. Hautes-Alpes.", metavar="NOM"),
    ] = ...,  # type: ignore[assignment]
    code: Annotated[
        str,
        typer.Option(
            "--code",
            help="Code du département : 01 à 95, 2A, 2B, 971 à 976.",
            metavar="CODE",
        ),
    ] = ...,  # type: ignore[assignment]
    debut: Annotated[
        int, typer.Option("--debut", help="Première année du pacte.", metavar="ANNÉE")
    ] = 2024,
    fin: Annotated[
        int, typer.Option("--fin", help="Dernière année du pacte.", metavar="ANNÉE")
    ] = 2027,
) -> None:
    """Crée un nouveau dépôt de pacte, valide dès le départ.

    pacte.yaml (territoire, période, les quatre axes nationaux), un exemple commenté de chaque
    enregistrement sous data/, les schémas et les réglages de VS Code, pre-commit, la CI GitHub
    et GitLab, un exemple de CODEOWNERS et un README. Le dossier doit être absent ou vide ;
    « git init » est lancé si git est installé, sans aucun commit.
    """
    from pactecli.author.scaffold import scaffold
    from pactecli.check.validation import validate
    from pactecli.load.sources import FolderSnapshot
    from pactecli.render.problems import text

    created = scaffold(folder, territoire, code, (debut, fin))
    print(f"Pacte créé dans « {folder} » ({len(created.files)} fichiers) :")
    print("".join(f"  {path}\n" for path in created.files), end="")
    print(f"{created.git[0].upper()}{created.git[1:]}.")
    result = validate(FolderSnapshot(folder), dt.date.today())
    print(text.render(result), end="")
    print(
        "Ensuite : remplacez les exemples (marqués « EXEMPLE À REMPLACER »), ajoutez vos "
        "partenaires et vos actions avec « pacte new », vérifiez avec « pacte validate »."
    )
    raise typer.Exit(EXIT_PROBLEMS if result.errors else EXIT_OK)
