"""Codes of the problems found while reading files, before any cross-file rule.

Cross-file rules carry their own code in their module (`pactecli.check.rules`); `catalogue()` there
joins both lists, so a code is defined exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass

from pactecli.diagnostics import Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    severity: Severity
    summary: str


YAML_INVALID = CodeInfo(
    "yaml-invalide",
    Severity.ERROR,
    "YAML illisible : tabulation, indentation, plusieurs documents, ancre, alias, étiquette.",
)
ENCODING = CodeInfo("encodage", Severity.ERROR, "Le fichier n'est pas encodé en UTF-8.")
DUPLICATE_KEY = CodeInfo("cle-dupliquee", Severity.ERROR, "Une clé apparaît deux fois.")
SCHEMA = CodeInfo(
    "schema",
    Severity.ERROR,
    "Le fichier ne respecte pas son schéma : type, clé obligatoire, valeur permise, clé inconnue.",
)
UNEXPECTED_FILE = CodeInfo(
    "fichier-inattendu", Severity.ERROR, "Un fichier sous data/ est hors de l'arborescence prévue."
)
FILE_TOO_LARGE = CodeInfo(
    "fichier-trop-volumineux", Severity.ERROR, "Un fichier dépasse 1 Mio et n'est pas lu."
)

UNCHECKED = CodeInfo(
    "verification-omise",
    Severity.INFO,
    "Des vérifications n'ont pas pu être faites tant qu'un fichier est illisible ou en erreur.",
)

#: The codes that say a file could not be trusted: `regles:` cannot lower them.
INTEGRITY_CODES: tuple[CodeInfo, ...] = (
    YAML_INVALID,
    ENCODING,
    DUPLICATE_KEY,
    SCHEMA,
    UNEXPECTED_FILE,
    FILE_TOO_LARGE,
)
FILE_CODES: tuple[CodeInfo, ...] = (*INTEGRITY_CODES, UNCHECKED)
