"""`pacte export --format csv`: a folder of CSV tables, each with its Table Schema, and a
`datapackage.json` describing the folder (Frictionless Data), so that any tool can check it.

Two dialects. `excel` (default) opens by double-click in French Excel: `;` between cells, UTF-8
with a BOM, decimal comma, `oui`/`non`. `opendata`: `,`, UTF-8 without BOM, decimal point,
`true`/`false`, as data portals expect. Both end lines with CRLF (RFC 4180) and write dates as
`AAAA-MM-JJ`. Text cells are neutralised against formula injection (`cells.neutral`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pactecli.export.cells import columns, neutral_column, number_column
from pactecli.export.columns import ColumnKind, TableSpec
from pactecli.export.tables import SIGNATURE, Export, Table, filters_text
from pactecli.render import escape

TABLE_SCHEMA_TYPES = {
    ColumnKind.TEXT: "string",
    ColumnKind.INTEGER: "integer",
    ColumnKind.YEAR: "integer",
    ColumnKind.MONEY: "number",
    ColumnKind.NUMBER: "number",
    ColumnKind.DATE: "date",
    ColumnKind.BOOLEAN: "boolean",
}


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    delimiter: str
    decimal_char: str
    bom: bool
    true_word: str
    false_word: str

    @property
    def encoding(self) -> str:
        return "utf-8-sig" if self.bom else "utf-8"


EXCEL = Dialect("excel", ";", ",", True, "oui", "non")
OPENDATA = Dialect("opendata", ",", ".", False, "true", "false")
DIALECTS = {d.name: d for d in (EXCEL, OPENDATA)}


def _quoted(values: Sequence[str | None], delimiter: str) -> list[str]:
    """RFC 4180: a cell holding the delimiter, a quote or a line break is quoted."""
    joined = "\x00".join(filter(None, values))  # neutralised texts hold no NUL
    if delimiter not in joined and '"' not in joined and "\n" not in joined and "\r" not in joined:
        return ["" if v is None else v for v in values]
    needs = re.compile(f'[{re.escape(delimiter)}"\r\n]')
    return [
        "" if v is None else '"' + v.replace('"', '""') + '"' if needs.search(v) else v
        for v in values
    ]


def _texts(values: Sequence[Any]) -> list[str]:
    """`str()` of each value (an integer's digits, a date's AAAA-MM-JJ), empty for None."""
    texts = list(map(str, values))
    if "None" in texts:
        return ["" if v is None else text for v, text in zip(values, texts, strict=True)]
    return texts


def table_text(table: Table, dialect: Dialect) -> str:
    """The table as CSV text: a header of column ids, then one line per row (CRLF).

    Built a column at a time (the csv module takes twice as long on a large pact): texts are
    neutralised then quoted when needed, numbers get the dialect's decimal separator,
    booleans its words, integers and dates their usual text.
    """
    words = {True: dialect.true_word, False: dialect.false_word, None: ""}
    delimiter = dialect.delimiter
    cells: list[Sequence[str]] = []
    for column, values in zip(
        table.spec.columns, columns(table.rows, len(table.spec.columns)), strict=True
    ):
        if column.kind is ColumnKind.TEXT:
            cells.append(_quoted(neutral_column(values), delimiter))
        elif column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            cells.append(number_column(values, dialect.decimal_char))
        elif column.kind is ColumnKind.BOOLEAN:
            cells.append([words[v] for v in values])
        else:
            cells.append(_texts(values))
    lines = [delimiter.join(table.spec.names)]
    lines += map(delimiter.join, zip(*cells, strict=True))
    return "\r\n".join(lines) + "\r\n"


def table_bytes(table: Table, dialect: Dialect) -> bytes:
    return table_text(table, dialect).encode(dialect.encoding)


def table_schema(spec: TableSpec, dialect: Dialect) -> dict[str, Any]:
    """The Table Schema of one table in this dialect (frictionless checks files against it)."""
    fields = []
    for column in spec.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": TABLE_SCHEMA_TYPES[column.kind],
            "title": column.title,
        }
        if column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            field["decimalChar"] = dialect.decimal_char
        if column.kind is ColumnKind.BOOLEAN:
            field["trueValues"] = [dialect.true_word]
            field["falseValues"] = [dialect.false_word]
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if spec.key:
        schema["primaryKey"] = ["departement", *spec.key]
    if spec.references:
        schema["foreignKeys"] = [
            {
                "fields": list(reference.columns),
                "reference": {"resource": reference.table, "fields": list(reference.target)},
            }
            for reference in spec.references
        ]
    return schema


def package_name(export: Export) -> str:
    return f"pacte-{export.department.lower()}" if export.department else "pacte"


def datapackage(export: Export, dialect: Dialect) -> dict[str, Any]:
    territory = export.territory or "territoire non renseigné"
    return {
        "profile": "tabular-data-package",
        "name": package_name(export),
        "title": f"Pacte local des solidarités — {territory}",
        "description": (
            f"Données du pacte au {export.as_of.isoformat()}, tables en format long "
            f"(dialecte {dialect.name}). Filtres : {filters_text(export.filters)}."
            + ("" if export.complete else " Export incomplet : voir la table problemes.")
        ),
        "resources": [
            {
                "name": table.spec.name,
                "path": f"{table.spec.name}.csv",
                "profile": "tabular-data-resource",
                "title": table.spec.title,
                "description": table.spec.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": dialect.delimiter,
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                },
                "schema": f"{table.spec.name}.schema.json",
            }
            for table in export.tables
        ],
        "pacte": {
            "signature": SIGNATURE,
            "situation": export.as_of.isoformat(),
            "complet": export.complete,
            "erreurs": export.errors,
        },
    }


def _json(data: Any) -> bytes:
    return (escape.to_json(data) + "\n").encode("utf-8")


def render(export: Export, dialect: Dialect) -> dict[str, bytes]:
    """Every file of the folder, by name."""
    files: dict[str, bytes] = {}
    for table in export.tables:
        files[f"{table.spec.name}.csv"] = table_bytes(table, dialect)
        files[f"{table.spec.name}.schema.json"] = _json(table_schema(table.spec, dialect))
    files["datapackage.json"] = _json(datapackage(export, dialect))
    return files
