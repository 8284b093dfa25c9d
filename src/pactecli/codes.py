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
    #: What `pacte explain` and SARIF's rule help show: the summary, then an accepted and a
    #: refused example (a rule module's docstring plays this part for cross-file rules).
    documentation: str = ""


YAML_INVALID = CodeInfo(
    "yaml-invalide",
    Severity.ERROR,
    "YAML illisible : tabulation, indentation, plusieurs documents, ancre, alias, étiquette.",
    """YAML illisible : tabulation, indentation, plusieurs documents, ancre, alias, étiquette.

Les enregistrements sont des données simples : un seul document par fichier, une table de
clés au sommet, l'indentation faite d'espaces, ni ancre (`&`), ni alias (`*`), ni étiquette
(`!`), ni clé de fusion (`<<`). Le fichier n'est pas lu plus loin que l'erreur.

Correct::

    calendrier:
      debut: 2024-01-08

Refusé (une tabulation, ici <TAB>, avant « debut »)::

    calendrier:
    <TAB>debut: 2024-01-08
""",
)
ENCODING = CodeInfo(
    "encodage",
    Severity.ERROR,
    "Le fichier n'est pas encodé en UTF-8.",
    """Le fichier n'est pas encodé en UTF-8.

Les fichiers du pacte sont en UTF-8 (un BOM et des fins de ligne CRLF sont acceptés). Un
fichier enregistré en Latin-1 ou Windows-1252 est signalé à sa première ligne fautive ; il se
corrige en le réenregistrant en UTF-8 depuis l'éditeur.

Correct : « nom: Caisse d'allocations familiales » enregistré en UTF-8.

Refusé : le même texte enregistré en Windows-1252 (« é » y est un seul octet, invalide en
UTF-8).
""",
)
DUPLICATE_KEY = CodeInfo(
    "cle-dupliquee",
    Severity.ERROR,
    "Une clé apparaît deux fois.",
    """Une clé apparaît deux fois.

Dans une même table, chaque clé est unique : des deux valeurs, aucune n'est sûre. `2024` et
`"2024"` sont la même année. Signalé à la seconde occurrence.

Correct::

    budget:
      2024: 30000
      2025: 40000

Refusé::

    budget:
      2024: 30000
      2024: 40000
""",
)
SCHEMA = CodeInfo(
    "schema",
    Severity.ERROR,
    "Le fichier ne respecte pas son schéma : type, clé obligatoire, valeur permise, clé inconnue.",
    """Le fichier ne respecte pas son schéma : type, clé obligatoire, valeur permise, clé inconnue.

Chaque enregistrement suit le schéma JSON de son type (schemas/ : pacte, convention, action,
partenaire) : clés obligatoires, clés connues seulement (avec une suggestion pour une faute de
frappe), valeurs permises, montants en nombres (`12000`, pas `"12 000"` ni `12000 €`), dates
`AAAA-MM-JJ`, booléens `true` ou `false`.

Correct::

    signataire_pacte: true
    montants:
      2025: 12000

Refusé::

    signataire_pacte: oui
    montants:
      2025: 12 000 €
""",
)
UNEXPECTED_FILE = CodeInfo(
    "fichier-inattendu",
    Severity.ERROR,
    "Un fichier sous data/ est hors de l'arborescence prévue.",
    """Un fichier sous data/ est hors de l'arborescence prévue.

Chaque enregistrement a sa place : data/partners/<id>.yaml, data/conventions/<id>/convention.yaml,
data/conventions/<id>/actions/<id>.yaml. Un autre fichier (mauvais dossier, extension `.YAML`
ou `.yaml.txt`), un lien symbolique qui sort du dépôt ou un fichier spécial n'est pas lu. Les
fichiers cachés (`.gitkeep`) et les notes Markdown (`*.md`) sont ignorés.

Correct : data/partners/msa.yaml

Refusé : data/partenaires/msa.yaml, data/partners/msa.YAML
""",
)
FILE_TOO_LARGE = CodeInfo(
    "fichier-trop-volumineux",
    Severity.ERROR,
    "Un fichier dépasse 1 Mio et n'est pas lu.",
    """Un fichier dépasse 1 Mio et n'est pas lu.

Un enregistrement du pacte tient en quelques Kio : au-delà de 1 Mio, le fichier n'est pas lu
(une demande de fusion ne doit pas pouvoir ralentir ou bloquer la CI), mais son identifiant
reste connu.

Correct : une fiche action de quelques dizaines de lignes.

Refusé : un fichier de partenaire de 2 Mio (des données qui n'ont pas leur place dans le pacte).
""",
)

UNCHECKED = CodeInfo(
    "verification-omise",
    Severity.INFO,
    "Des vérifications n'ont pas pu être faites tant qu'un fichier est illisible ou en erreur.",
    """Des vérifications n'ont pas pu être faites tant qu'un fichier est illisible ou en erreur.

Une note, jamais un problème : une règle entre fichiers qui dépend d'un fichier illisible ou
d'une valeur refusée par le schéma n'est pas vérifiée là où elle en dépend, et la note le dit
une fois sur ce fichier. Elle disparaît quand le fichier est corrigé.

Correct : aucun fichier en erreur, toutes les règles sont vérifiées.

Signalé : data/partners/etat.yaml a une erreur de schéma ; financement-incomplet n'est pas
vérifié pour les actions qu'il finance.
""",
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
