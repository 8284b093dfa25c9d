"""`pacte schema`: the JSON Schemas of the records (for editors and other tools) and of the
JSON export, printed or written into a folder.

They are the files shipped in the package: the very contract `pacte validate` applies and
`pacte export --format json` follows.
"""

from __future__ import annotations

import json
import sys
from enum import Enum, StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from pactecli.errors import UsageError


class SchemaKind(StrEnum):
    pacte = "pacte"
    convention = "convention"
    action = "action"
    partenaire = "partenaire"
    export = "export"


#: Kind -> (package, file).
FILES = {
    "pacte": ("pactecli.schemas", "pacte.schema.json"),
    "convention": ("pactecli.schemas", "convention.schema.json"),
    "action": ("pactecli.schemas", "action.schema.json"),
    "partenaire": ("pactecli.schemas", "partner.schema.json"),
    "export": ("pactecli.export", "export.schema.json"),
}
WHAT = {
    "pacte": "pacte.yaml",
    "convention": "data/conventions/<convention>/convention.yaml",
    "action": "data/conventions/<convention>/actions/<action>.yaml",
    "partenaire": "data/partners/<partenaire>.yaml",
    "export": "pacte export --format json",
}


def schema_text(kind: str) -> str:
    package, name = FILES[kind]
    return resources.files(package).joinpath(name).read_text("utf-8")


def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            help="pacte, convention, action, partenaire ou export (sans : la liste).",
            metavar="TYPE",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier où écrire le schéma (ou tous les schémas, sans TYPE). Un fichier "
            "existant n'est remplacé que s'il est un schéma de pacte.",
            metavar="DOSSIER",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Affiche ou écrit les schémas JSON des fichiers du pacte et de l'export JSON.

    Sans TYPE ni --output : la liste des schémas. Avec TYPE : le schéma sur la sortie
    standard. Avec --output DOSSIER : les fichiers dans ce dossier (par exemple le dossier
    schemas/ du dépôt du pacte, pour les éditeurs).
    """
    chosen = [kind.value if isinstance(kind, Enum) else str(kind)] if kind else list(FILES)
    if output is not None:
        _write(output, chosen)
    elif kind is not None:
        sys.stdout.write(schema_text(chosen[0]))
    else:
        sys.stdout.write(_listing())


def _listing() -> str:
    lines = []
    for kind, (_, name) in FILES.items():
        title = json.loads(schema_text(kind)).get("title", "")
        lines.append(f"{kind:<11} {name:<24} {title} ({WHAT[kind]})")
    lines.append("")
    lines.append("pacte schema TYPE affiche un schéma ; --output DOSSIER les écrit.")
    return "\n".join(lines) + "\n"


def _write(folder: Path, kinds: list[str]) -> None:
    from pactecli.export.files import write_bytes

    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            raise UsageError(f"« {folder} » n'est pas un dossier", hint="indiquez un dossier")
        if not (folder.parent if str(folder.parent) else Path(".")).is_dir():
            raise UsageError(
                f"le dossier « {folder.parent} » n'existe pas", hint="créez-le d'abord"
            )
        folder.mkdir()
    for kind in kinds:
        write_bytes(folder / FILES[kind][1], schema_text(kind).encode("utf-8"))
