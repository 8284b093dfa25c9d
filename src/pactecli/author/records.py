"""The text of new records: every required key, a French note above each key taken from the
schemas, the editor's `$schema` line, and values from the user (or placeholders to replace).

The text is written directly (not dumped by a YAML library) so that its layout is exactly the
canonical one of `pacte fmt`; every value goes through `roundtrip.scalar`, which quotes it
when pacte would otherwise read it as something else, so no option value can inject YAML.
A contribution is a block appended to a partner's file: `contribution_block` writes it at the
indentation of the file's own list.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from pactecli.author.fmt import SCHEMA_COMMENT, schema_reference
from pactecli.author.roundtrip import scalar
from pactecli.author.schema_notes import comment
from pactecli.check.schema import load_schema
from pactecli.layout import Kind

#: The value of a text the user still has to write.
TO_FILL = "À compléter"
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_WIDTH = 100


def amount(text: str) -> str:
    """An amount or number as typed: plain when it is one, else quoted text (which the schema
    then refuses with its hint, `écrivez 12000`, before anything is written)."""
    cleaned = text.strip()
    return cleaned if _NUMBER.fullmatch(cleaned) else scalar(cleaned)


@dataclass
class _Lines:
    """A record being written, line by line, with the schema's notes."""

    kind: Kind
    notes: bool = True
    lines: list[str] = field(default_factory=list)

    def note(self, path: tuple[str, ...], indent: int) -> None:
        if not self.notes:
            return
        text = comment(self.kind, path)
        for line in textwrap.wrap(text, _WIDTH - indent - 2, break_on_hyphens=False):
            self.lines.append(" " * indent + "# " + line)

    def key(
        self, path: tuple[str, ...], value: str | None, indent: int, dash: bool = False
    ) -> None:
        """`key: value` (or `key:` opening a block when value is None), after its note."""
        self.note(path, indent - 2 if dash else indent)
        prefix = " " * (indent - 2) + "- " if dash else " " * indent
        self.lines.append(f"{prefix}{path[-1]}:" + (f" {value}" if value is not None else ""))

    def years(self, path: tuple[str, ...], amounts: Sequence[tuple[int, str]], indent: int) -> None:
        if not amounts:
            self.key(path, "{}", indent)
            return
        self.key(path, None, indent)
        for year, value in sorted(amounts):
            self.lines.append(f"{' ' * (indent + 2)}{year}: {value}")

    def ids(self, path: tuple[str, ...], values: Sequence[str], indent: int) -> None:
        self.key(path, None, indent)
        for value in values:
            self.lines.append(f"{' ' * (indent + 2)}- {scalar(value)}")

    def text(self, header: Sequence[str], path: str) -> str:
        lines = [f"{SCHEMA_COMMENT}{schema_reference(path, self.kind)}"]
        lines += [f"# {line}" if line else "#" for line in header]
        return "\n".join([*lines, *self.lines]) + "\n"


def _header(kind: Kind, made_by: str, example: bool) -> list[str]:
    described = str(load_schema(kind).get("description", ""))
    lines = textwrap.wrap(described, _WIDTH - 2)
    if example:
        lines += [
            "",
            "EXEMPLE À REMPLACER : ce fichier montre la forme d'un enregistrement ; remplacez",
            "ses valeurs par les vôtres (ou supprimez-le) avant de le publier.",
        ]
    lines += ["", f"Créé par « {made_by} ». Chaque clé est précédée de ce qu'elle signifie."]
    if not example:
        lines.append(f"Remplacez chaque « {TO_FILL} » par sa valeur.")
    return lines


@dataclass
class ActionFields:
    id: str
    titre: str
    objectif: str
    pilote: str
    debut: str
    fin: str
    statut: str = "non_demarre"
    nature: str | None = None
    partenaires: list[str] = field(default_factory=list)
    budget: list[tuple[int, str]] = field(default_factory=list)


def action_text(
    fields: ActionFields, path: str, made_by: str = "pacte new action", example: bool = False
) -> str:
    out = _Lines(Kind.ACTION)
    out.key(("id",), scalar(fields.id), 0)
    out.key(("titre",), scalar(fields.titre), 0)
    out.key(("objectif",), scalar(fields.objectif), 0)
    if fields.nature is not None:
        out.key(("nature",), scalar(fields.nature), 0)
    out.key(("pilote",), scalar(fields.pilote), 0)
    if fields.partenaires:
        out.ids(("partenaires",), fields.partenaires, 0)
    out.key(("calendrier",), None, 0)
    out.key(("calendrier", "debut"), scalar(fields.debut), 2)
    out.key(("calendrier", "fin"), scalar(fields.fin), 2)
    out.key(("statut",), scalar(fields.statut), 0)
    out.years(("budget",), fields.budget, 0)
    return out.text(_header(Kind.ACTION, made_by, example), path)


@dataclass
class PartnerFields:
    id: str
    nom: str
    categorie: str
    signataire_pacte: bool = False
    sigle: str | None = None
    siret: str | None = None
    rna: str | None = None


def partner_text(
    fields: PartnerFields, path: str, made_by: str = "pacte new partenaire", example: bool = False
) -> str:
    out = _Lines(Kind.PARTNER)
    out.key(("id",), scalar(fields.id), 0)
    out.key(("nom",), scalar(fields.nom), 0)
    if fields.sigle:
        out.key(("sigle",), scalar(fields.sigle), 0)
    out.key(("categorie",), scalar(fields.categorie), 0)
    if fields.siret:
        out.key(("siret",), scalar(fields.siret), 0)
    if fields.rna:
        out.key(("rna",), scalar(fields.rna), 0)
    out.key(("signataire_pacte",), "true" if fields.signataire_pacte else "false", 0)
    return out.text(_header(Kind.PARTNER, made_by, example), path)


@dataclass
class ConventionFields:
    id: str
    type: str
    titre: str
    signataires: list[str]
    debut: str
    fin: str
    objectif: str
    objectif_titre: str
    axe: str


def convention_text(
    fields: ConventionFields,
    path: str,
    made_by: str = "pacte new convention",
    example: bool = False,
) -> str:
    out = _Lines(Kind.CONVENTION)
    out.key(("id",), scalar(fields.id), 0)
    out.key(("type",), scalar(fields.type), 0)
    out.key(("titre",), scalar(fields.titre), 0)
    out.ids(("signataires",), fields.signataires, 0)
    out.key(("periode",), None, 0)
    out.key(("periode", "debut"), scalar(fields.debut), 2)
    out.key(("periode", "fin"), scalar(fields.fin), 2)
    out.key(("objectifs",), None, 0)
    out.key(("objectifs", "*", "id"), scalar(fields.objectif), 4, dash=True)
    out.key(("objectifs", "*", "titre"), scalar(fields.objectif_titre), 4)
    out.key(("objectifs", "*", "axe"), scalar(fields.axe), 4)
    return out.text(_header(Kind.CONVENTION, made_by, example), path)


@dataclass
class ContributionFields:
    nature: str
    action: str | None = None
    convention: str | None = None
    montants: list[tuple[int, str]] = field(default_factory=list)
    etp: str | None = None
    description: str | None = None


def contribution_block(
    fields: ContributionFields, dash_column: int, key_column: int, notes: bool = False
) -> list[str]:
    """The lines of one list item of `contributions:`, at the file's own indentation."""
    out = _Lines(Kind.PARTNER, notes=notes)
    target, value = (
        ("action", fields.action) if fields.action else ("convention", fields.convention)
    )
    out.note(("contributions", "*", target), dash_column)
    out.lines.append(
        f"{' ' * dash_column}-{' ' * (key_column - dash_column - 1)}{target}: "
        + scalar(value or "")
    )
    out.key(("contributions", "*", "nature"), scalar(fields.nature), key_column)
    if fields.montants:
        out.years(("contributions", "*", "montants"), fields.montants, key_column)
    if fields.etp is not None:
        out.key(("contributions", "*", "etp"), amount(fields.etp), key_column)
    if fields.description:
        out.key(("contributions", "*", "description"), scalar(fields.description), key_column)
    return out.lines


def contributions_key(notes: bool = False) -> list[str]:
    """`contributions:`, for a partner file that has none yet."""
    out = _Lines(Kind.PARTNER, notes=notes)
    out.key(("contributions",), None, 0)
    return out.lines


def pact_text(
    name: str,
    code: str,
    years: tuple[int, int],
    axes: Sequence[tuple[str, str]],
) -> str:
    out = _Lines(Kind.PACT)
    out.key(("territoire",), None, 0)
    out.key(("territoire", "nom"), scalar(name), 2)
    out.key(("territoire", "code"), scalar(code), 2)
    out.key(("periode",), None, 0)
    out.key(("periode", "debut"), str(years[0]), 2)
    out.key(("periode", "fin"), str(years[1]), 2)
    out.key(("axes",), None, 0)
    for number, (axis_id, title) in enumerate(axes, start=1):
        out.key(("axes", "*", "id"), scalar(axis_id), 4, dash=True)
        out.key(("axes", "*", "numero"), str(number), 4)
        out.key(("axes", "*", "titre"), scalar(title), 4)
        out.notes = False  # the notes once, on the first axis
    header = textwrap.wrap(str(load_schema(Kind.PACT).get("description", "")), _WIDTH - 2)
    header += ["", "Créé par « pacte init ». Chaque clé est précédée de ce qu'elle signifie."]
    return out.text(header, "pacte.yaml")
