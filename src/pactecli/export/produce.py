"""From a validation to the bytes of one export format, and on to the disk or standard output.

`produce` selects what the filters keep, computes the report's figures once, builds the tables
once, and hands them to the format's module, imported only then (XlsxWriter is imported only
for a workbook). `deliver` writes the result through `files`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from pathlib import Path

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic
from pactecli.errors import UsageError
from pactecli.export import files, tables
from pactecli.export.tables import Export
from pactecli.report import figures, selection
from pactecli.report.selection import Filters

SCDL = "scdl-subventions"
FORMATS = ("csv", "xlsx", "json", "sqlite", SCDL)
BINARY = frozenset(("xlsx", "sqlite"))
DEFAULT_THRESHOLD = Decimal(23000)


@dataclass(frozen=True)
class Options:
    dialect: str = "excel"
    threshold: Decimal = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Produced:
    """One file's bytes (`data`), or a folder of files by name (`folder`)."""

    data: bytes = b""
    folder: dict[str, bytes] | None = None
    binary: bool = False
    warnings: tuple[Diagnostic, ...] = field(default=())


def tables_of(validation: Validation, filters: Filters, as_of: dt.date) -> Export:
    """The export's tables for the filters: one selection, one pass of the figures."""
    selection.check_filters(validation.model, filters)
    selected = selection.select(validation.model, filters)
    computed = figures.compute(selected, as_of)
    return tables.build(validation, selected, computed, filters, as_of)


def produce(
    kind: str, validation: Validation, filters: Filters, as_of: dt.date, options: Options
) -> Produced:
    if kind == SCDL:
        from pactecli.export import scdl

        selection.check_filters(validation.model, filters)
        selected = selection.select(validation.model, filters)
        text, warnings = scdl.render(validation.model, selected, options.threshold)
        return Produced(text.encode("utf-8"), warnings=tuple(warnings))
    export = tables_of(validation, filters, as_of)
    if kind == "csv":
        from pactecli.export import csv

        return Produced(folder=csv.render(export, csv.DIALECTS[options.dialect]))
    module = import_module(f"pactecli.export.{kind}")
    data: bytes = module.render(export)
    return Produced(data, binary=kind in BINARY)


def check_output(kind: str, output: Path | None) -> None:
    """A folder format has no standard output."""
    if kind == "csv" and output is None:
        raise UsageError(
            "le format csv écrit un dossier de fichiers : indiquez-le avec --output",
            hint="par exemple : pacte export --format csv --output export-csv",
        )


def deliver(produced: Produced, output: Path | None) -> None:
    if produced.folder is not None:
        check_output("csv", output)
        assert output is not None
        files.write_folder(output, produced.folder)
    elif output is None:
        files.write_stdout(produced.data, produced.binary)
    else:
        files.write_bytes(output, produced.data)
