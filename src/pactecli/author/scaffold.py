"""`pacte init`: a new pact repository that validates, with one commented example of each
record and everything a territory needs around it (editor, pre-commit, CI, CODEOWNERS).

The national frame (four axes of the Pacte des solidarités, 2024-2027) is the default content
of `pacte.yaml`: data the territory may change, not code. The CI files are copied, as they are
in the installed package, from `examples/` (package `pactecli.examples`); the schemas from
`pactecli.schemas`, for the editors.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pactecli.author import records
from pactecli.author.contribution import append_contribution
from pactecli.author.files import create_file
from pactecli.check.schema import SCHEMA_FILES, load_schema
from pactecli.errors import UsageError
from pactecli.layout import Kind

NATIONAL_AXES = (
    ("enfance", "Prévenir la pauvreté et lutter contre les inégalités dès l'enfance"),
    ("emploi", "Amplifier la politique d'accès à l'emploi pour tous"),
    ("acces-droits", "Lutter contre la grande exclusion grâce à l'accès aux droits"),
    ("transition-ecologique", "Construire une transition écologique solidaire"),
)
NATIONAL_YEARS = (2024, 2027)

_VSCODE = """\
{
  "yaml.schemas": {
    "./schemas/pacte.schema.json": "pacte.yaml",
    "./schemas/convention.schema.json": "data/conventions/*/convention.yaml",
    "./schemas/action.schema.json": "data/conventions/*/actions/*.yaml",
    "./schemas/partner.schema.json": "data/partners/*.yaml"
  }
}
"""

_GITIGNORE = """\
# Produits par pacte (rapports, comparaisons, rapports de CI) : ils se régénèrent.
/site/
/public/
comparaison.md
pacte.sarif
gl-code-quality-report.json
rapport-pacte.xml
# Environnement Python local
.venv/
__pycache__/
"""

_PRE_COMMIT = """\
# Crochets pre-commit (https://pre-commit.com) : « pre-commit install » une fois, puis à chaque
# commit qui touche pacte.yaml ou data/, le pacte est vérifié et sa mise en forme contrôlée.
# Ils utilisent la commande pacte installée sur le poste (pip install pacte).
repos:
  - repo: local
    hooks:
      - id: pacte-validate
        name: pacte validate
        entry: pacte validate
        language: system
        pass_filenames: false
        files: ^(pacte\\.yaml|data/.*)$
      - id: pacte-fmt
        name: pacte fmt --check
        entry: pacte fmt --check
        language: system
        pass_filenames: true
        files: ^(pacte\\.yaml|data/.*\\.ya?ml)$
"""

_CODEOWNERS = """\
# Exemple : qui relit quoi dans le dépôt du pacte. À copier en .github/CODEOWNERS (GitHub)
# ou en CODEOWNERS (GitLab, avec l'approbation des propriétaires du code exigée sur la branche
# protégée), en remplaçant les équipes par celles de votre organisation.
# La dernière ligne qui correspond l'emporte : du plus général au plus précis.

# Par défaut, l'État et le Département, qui co-signent le pacte, relisent tout.
*                                  @votre-organisation/etat @votre-organisation/departement

# Chaque partenaire est propriétaire de ses engagements (ses contributions).
/data/partners/etat.yaml           @votre-organisation/etat
/data/partners/departement.yaml    @votre-organisation/departement

# Les règles de relecture et la CI : l'État et le Département ensemble.
/.github/                          @votre-organisation/etat @votre-organisation/departement
/.gitlab-ci.yml                    @votre-organisation/etat @votre-organisation/departement
"""

_README = """\
# Pacte local des solidarités — {territoire}

Les engagements du pacte local des solidarités ({territoire}, {debut}-{fin}) : conventions,
fiches actions et contributions des partenaires, en fichiers YAML vérifiés par
[pacte](https://pypi.org/project/pacte/).

```sh
pip install pacte
pacte validate                 # vérifie tout le pacte
pacte new partenaire caf --nom "Caisse d'allocations familiales" --categorie protection_sociale
pacte new action aide-mobilite --convention {convention} --pilote etat --nature nouvelle
pacte new contribution --partenaire etat --action aide-mobilite --montants {debut}=10000
pacte fmt                      # met les fichiers en forme
pacte report --format html -o feuille-de-route.html
pacte explain financement-incomplet
```

- `pacte.yaml` : le territoire, les années et les axes du pacte ;
- `data/conventions/<convention>/convention.yaml` et `.../actions/<action>.yaml` : les
  conventions et leurs fiches actions ;
- `data/partners/<partenaire>.yaml` : chaque partenaire et ses contributions.

Les fichiers marqués « EXEMPLE À REMPLACER » montrent la forme de chaque enregistrement :
remplacez leurs valeurs par les vôtres. Chaque modification passe par une demande de fusion,
vérifiée par l'intégration continue (`.github/workflows/pacte.yml` ou `.gitlab-ci.yml`).
"""


@dataclass
class Created:
    folder: Path
    files: list[str] = field(default_factory=list)
    git: str = ""


def check_code(code: str) -> str:
    """A département code, checked by the schema's own pattern."""
    territory = load_schema(Kind.PACT)["properties"]["territoire"]["properties"]["code"]
    if re.fullmatch(territory["pattern"], code):
        return code
    hint = "01 à 95, 2A, 2B ou 971 à 976"
    if code.isdigit() and len(code) == 1:
        hint = f"écrivez « 0{code} » ({hint})"
    raise UsageError(f"--code : « {code} » n'est pas un code de département", hint=hint)


def _must_be_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"« {folder} » existe et n'est pas un dossier")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(
            f"le dossier « {folder} » n'est pas vide : rien n'a été créé",
            hint="indiquez un nouveau dossier (pacte init mon-pacte ...) ou un dossier vide",
        )


def scaffold(
    folder: Path, territoire: str, code: str, years: tuple[int, int] = NATIONAL_YEARS
) -> Created:
    """Write the new pact into `folder` (missing or empty), then `git init` it if git exists."""
    check_code(code)
    if not territoire.strip():
        raise UsageError("--territoire : le nom du territoire est vide")
    if not 1900 <= years[0] <= years[1] <= 2100:
        raise UsageError(
            f"--debut {years[0]} --fin {years[1]} : années du pacte impossibles",
            hint="deux années entre 1900 et 2100, la première au plus égale à la dernière "
            "(ex. --debut 2024 --fin 2027)",
        )
    _must_be_empty(folder)
    folder.mkdir(parents=True, exist_ok=True)
    created = Created(folder)
    for path, text in _files(territoire.strip(), code, years):
        create_file(folder / path, text)
        created.files.append(path)
    created.git = _git_init(folder)
    return created


def _files(territoire: str, code: str, years: tuple[int, int]) -> list[tuple[str, str]]:
    first, last = years
    convention = f"cls-{first}-{last}" if first != last else f"cls-{first}"
    files = [
        ("pacte.yaml", records.pact_text(territoire, code, years, NATIONAL_AXES)),
        *_examples(convention, first, last),
        *((f"schemas/{name}", _packaged("pactecli.schemas", name)) for name in _schema_names()),
        (".vscode/settings.json", _VSCODE),
        (".gitignore", _GITIGNORE),
        (".pre-commit-config.yaml", _PRE_COMMIT),
        (".github/workflows/pacte.yml", _packaged("pactecli.examples", "ci/github-workflow.yml")),
        (".gitlab-ci.yml", _packaged("pactecli.examples", "ci/gitlab-ci.yml")),
        ("CODEOWNERS.exemple", _CODEOWNERS),
        (
            "README.md",
            _README.format(territoire=territoire, debut=first, fin=last, convention=convention),
        ),
    ]
    return files


def _schema_names() -> list[str]:
    return [SCHEMA_FILES[kind] for kind in Kind]


def _packaged(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text("utf-8")


def _examples(convention: str, first: int, last: int) -> list[tuple[str, str]]:
    """A CLS co-signed by the State and the Département, one action they fund 50/50."""
    made_by = "pacte init"
    conv_path = f"data/conventions/{convention}/convention.yaml"
    conv = records.ConventionFields(
        id=convention,
        type="CLS",
        titre="Contrat local des solidarités (exemple)",
        signataires=["etat", "departement"],
        debut=f"{first}-01-01",
        fin=f"{last}-12-31",
        objectif="cls-exemple-objectif",
        objectif_titre="Garantir aux enfants des familles modestes une alimentation équilibrée",
        axe="enfance",
    )
    action_path = f"data/conventions/{convention}/actions/exemple-petits-dejeuners.yaml"
    action = records.ActionFields(
        id="exemple-petits-dejeuners",
        titre="Petits déjeuners gratuits dans les écoles (exemple)",
        objectif="cls-exemple-objectif",
        pilote="departement",
        # a school-year action, or the whole year of a one-year pact
        debut=f"{first}-09-01" if last > first else f"{first}-01-01",
        fin=f"{last}-07-03" if last > first else f"{last}-12-31",
        nature="nouvelle",
        partenaires=["etat"],
        budget=[(first, "20000")],
    )
    partners = []
    for partner_id, name, category in (
        ("etat", "Préfecture (exemple : remplacez par le service de l'État)", "etat"),
        ("departement", "Département (exemple)", "collectivite"),
    ):
        path = f"data/partners/{partner_id}.yaml"
        fields = records.PartnerFields(partner_id, name, category, signataire_pacte=True)
        text = records.partner_text(fields, path, made_by, example=True)
        share = records.ContributionFields(
            "financiere", action=action.id, montants=[(first, "10000")]
        )
        partners.append(
            (path, append_contribution(text.encode(), share, notes=True).decode("utf-8"))
        )
    return [
        (conv_path, records.convention_text(conv, conv_path, made_by, example=True)),
        (action_path, records.action_text(action, action_path, made_by, example=True)),
        *partners,
    ]


def _git_init(folder: Path) -> str:
    """`git init` when git is there (never a commit): what happened, in French."""
    git = shutil.which("git")
    if git is None:
        return "git est absent : lancez « git init » vous-même pour suivre les modifications"
    done = subprocess.run(
        [git, "init", "-q", str(folder)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return "« git init » a échoué : " + (done.stderr.strip().splitlines() or ["?"])[-1]
    return "dépôt git initialisé (aucun commit : relisez puis enregistrez vous-même)"
