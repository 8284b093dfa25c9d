"""`pacte new`: gather the values of a new record (options, questions, defaults), check them
against the pact, write the record, then say what remains to fill.

Nothing is written when the new record itself would have an error (a bad date, an amount
written as text...): the problems are shown and the pact is left as it was. Problems the new
record causes elsewhere (an action not fully funded yet) are shown after writing: they are
the warnings that say what remains to do (see `writing`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pactecli.author import records
from pactecli.author.prompts import Asker
from pactecli.author.schema_notes import allowed_values
from pactecli.author.writing import Outcome, create, inside, must_be_new, write
from pactecli.errors import UsageError
from pactecli.layout import Kind
from pactecli.load import documents
from pactecli.load.ids import IDENTIFIER, KnownIds, scan
from pactecli.load.sources import Source
from pactecli.suggest import did_you_mean

# The choices offered are the schemas' own allowed values.
STATUSES = allowed_values(Kind.ACTION, ("statut",))
NATURES = allowed_values(Kind.ACTION, ("nature",))
CONTRIBUTION_NATURES = allowed_values(Kind.PARTNER, ("contributions", "*", "nature"))
CATEGORIES = allowed_values(Kind.PARTNER, ("categorie",))
CONVENTION_TYPES = allowed_values(Kind.CONVENTION, ("type",))
# `2025=12000`, and several pairs in one answer: a value runs until the next `YEAR=`.
_PAIR = re.compile(r"([0-9]{4})\s*=\s*(.+?)\s*(?=[0-9]{4}\s*=|$)")
_PAIRS = re.compile(r"\s*(?:[0-9]{4}\s*=\s*\S.*?\s*)+")


def year_amounts(values: Sequence[str], option: str) -> list[tuple[int, str]]:
    """`2025=12000` -> (2025, "12000"); several pairs may share one value (`2025=1 2026=2`).
    The amount is written as typed: `12 000` or `1,5` reach the schema, whose message says how
    to write them."""
    found: list[tuple[int, str]] = []
    for value in values:
        if not _PAIRS.fullmatch(value):
            raise UsageError(
                f"{option} : « {value} » n'est pas de la forme ANNÉE=MONTANT",
                hint=f"par exemple {option} 2025=12000 {option} 2026=15000",
            )
        found += [(int(m.group(1)), records.amount(m.group(2))) for m in _PAIR.finditer(value)]
    years = [year for year, _ in found]
    if len(set(years)) != len(years):
        raise UsageError(f"{option} : la même année est donnée deux fois")
    return found


def _identifier(value: str, what: str) -> str:
    if not IDENTIFIER.fullmatch(value) or len(value) > 64:
        raise UsageError(
            f"« {value} » n'est pas un identifiant valide pour {what}",
            hint="minuscules non accentuées, chiffres et tirets, 64 caractères au plus "
            "(ex. « aide-mobilite »)",
        )
    return value


def _known_one(value: str, known: Sequence[str], option: str, what: str) -> str:
    if value in known:
        return value
    raise UsageError(
        f"{option} : {what} « {value} » n'existe pas",
        hint=did_you_mean(value, known) or f"valeurs possibles : {', '.join(known) or 'aucune'}",
    )


def _only(values: Sequence[str]) -> str | None:
    return values[0] if len(values) == 1 else None


# --- action ----------------------------------------------------------------------------------


def new_action(root: Path, ask: Asker, options: dict[str, Any], as_of: dt.date) -> Outcome:
    known = scan(root)
    action_id = _identifier(ask.value(options["id"], "ID", "Identifiant de l'action"), "une action")
    if action_id in known.actions:
        raise UsageError(
            f"l'action « {action_id} » existe déjà (convention {known.actions[action_id]})",
            hint="choisissez un autre identifiant : il est unique dans tout le pacte",
        )
    conventions = list(known.conventions)
    convention = _known_one(
        ask.value(
            options["convention"], "--convention", "Convention", conventions, _only(conventions)
        ),
        conventions,
        "--convention",
        "la convention",
    )
    found = known.conventions[convention]
    objectives = list(found.objectives)
    objective = _known_one(
        ask.value(options["objectif"], "--objectif", "Objectif", objectives, _only(objectives)),
        objectives,
        "--objectif",
        f"l'objectif de la convention {convention}",
    )
    pilot = _known_one(
        ask.value(options["pilote"], "--pilote", "Pilote (partenaire)", known.partners),
        known.partners,
        "--pilote",
        "le partenaire",
    )
    nature = options["nature"]
    if nature is None and found.type == "CLS":
        nature = ask.value(None, "--nature", "Nature (action du CLS)", NATURES)
    start, end = _period(found.debut, found.fin, known)
    fields = records.ActionFields(
        id=action_id,
        titre=ask.value(options["titre"], "--titre", "Intitulé", default=records.TO_FILL),
        objectif=objective,
        pilote=pilot,
        debut=ask.value(options["debut"], "--debut", "Début (AAAA-MM-JJ)", default=start),
        fin=ask.value(options["fin"], "--fin", "Fin (AAAA-MM-JJ)", default=end),
        statut=ask.value(options["statut"], "--statut", "Statut", STATUSES, "non_demarre"),
        nature=nature,
        partenaires=_partners(ask, options["partenaire"], known),
        budget=_amounts(ask, options["budget"], "--budget", "Budget par année"),
    )
    path = f"data/conventions/{convention}/actions/{action_id}.yaml"
    must_be_new(root, path)
    return create(root, path, Kind.ACTION, records.action_text(fields, path), as_of)


def _period(start: str, end: str, known: KnownIds) -> tuple[str, str]:
    """The convention's period, else the pact's years: the default calendar of an action."""
    if start and end:
        return start, end
    first, last = known.years or (dt.date.today().year, dt.date.today().year)
    return f"{first}-01-01", f"{last}-12-31"


def _partners(ask: Asker, given: list[str] | None, known: KnownIds) -> list[str]:
    if given:
        return [_known_one(p, known.partners, "--partenaire", "le partenaire") for p in given]
    if ask.interactive:
        return ask.several("Partenaires associés (facultatif)", known.partners)
    return []


def _amounts(ask: Asker, given: list[str] | None, option: str, label: str) -> list[tuple[int, str]]:
    if given:
        return year_amounts(given, option)
    if ask.interactive:
        answer = ask.text(f"{label} (ex. 2025=40000 2026=40000 ; vide : plus tard)", optional=True)
        return year_amounts([answer], option) if answer else []
    return []


# --- partner ---------------------------------------------------------------------------------


def new_partner(root: Path, ask: Asker, options: dict[str, Any], as_of: dt.date) -> Outcome:
    known = scan(root)
    partner_id = _identifier(
        ask.value(options["id"], "ID", "Identifiant du partenaire"), "un partenaire"
    )
    if partner_id in known.partners:
        raise UsageError(f"le partenaire « {partner_id} » existe déjà")
    name = ask.value(options["nom"], "--nom", "Nom complet", default=records.TO_FILL)
    category = _known_one(
        ask.value(options["categorie"], "--categorie", "Catégorie", CATEGORIES),
        CATEGORIES,
        "--categorie",
        "la catégorie",
    )
    signatory = options["signataire"]
    if signatory is None and ask.interactive:
        signatory = ask.choice("A signé le pacte local ?", ("oui", "non"), "non") == "oui"
    fields = records.PartnerFields(
        id=partner_id,
        nom=name,
        categorie=category,
        signataire_pacte=bool(signatory),
        sigle=_optional(ask, options["sigle"], "Sigle (facultatif)"),
        siret=_optional(ask, options["siret"], "SIRET, 14 chiffres (facultatif)"),
        rna=options["rna"],
    )
    path = f"data/partners/{partner_id}.yaml"
    must_be_new(root, path)
    return create(root, path, Kind.PARTNER, records.partner_text(fields, path), as_of)


def _optional(ask: Asker, given: str | None, label: str) -> str | None:
    if given is not None or not ask.interactive:
        return given
    return ask.text(label, optional=True) or None


# --- convention ------------------------------------------------------------------------------


def new_convention(root: Path, ask: Asker, options: dict[str, Any], as_of: dt.date) -> Outcome:
    known = scan(root)
    convention_id = _identifier(
        ask.value(options["id"], "ID", "Identifiant de la convention"), "une convention"
    )
    if convention_id in known.conventions:
        raise UsageError(f"la convention « {convention_id} » existe déjà")
    kind = ask.value(options["type"], "--type", "Type", CONVENTION_TYPES)
    title = ask.value(options["titre"], "--titre", "Intitulé", default=records.TO_FILL)
    signatories = _signatories(ask, options["signataire"], known)
    first, last = known.years or (dt.date.today().year, dt.date.today().year)
    start = ask.value(options["debut"], "--debut", "Début (AAAA-MM-JJ)", default=f"{first}-01-01")
    end = ask.value(options["fin"], "--fin", "Fin (AAAA-MM-JJ)", default=f"{last}-12-31")
    objective = _identifier(
        ask.value(
            options["objectif"],
            "--objectif",
            "Identifiant du premier objectif",
            default=f"{convention_id}-objectif-1",
        ),
        "un objectif",
    )
    if objective in known.objectives():
        raise UsageError(f"l'objectif « {objective} » existe déjà : il est unique dans le pacte")
    axes = list(known.axes)
    axis = ask.value(options["axe"], "--axe", "Axe du premier objectif", axes, _only(axes))
    fields = records.ConventionFields(
        id=convention_id,
        type=kind,
        titre=title,
        signataires=signatories,
        debut=start,
        fin=end,
        objectif=objective,
        objectif_titre=records.TO_FILL,
        axe=_known_one(axis, axes, "--axe", "l'axe"),
    )
    path = f"data/conventions/{convention_id}/convention.yaml"
    must_be_new(root, path)
    return create(root, path, Kind.CONVENTION, records.convention_text(fields, path), as_of)


def _signatories(ask: Asker, given: list[str] | None, known: KnownIds) -> list[str]:
    signatories = list(given or [])
    if not signatories and ask.interactive:
        signatories = ask.several("Signataires (au moins deux)", known.partners)
    for partner in signatories:
        _known_one(partner, known.partners, "--signataire", "le partenaire")
    if len(signatories) < 2:
        raise UsageError(
            "une convention a au moins deux signataires",
            hint="ajoutez --signataire ID pour chacun (ex. --signataire etat "
            "--signataire departement)",
        )
    return signatories


# --- contribution ----------------------------------------------------------------------------


def new_contribution(root: Path, ask: Asker, options: dict[str, Any], as_of: dt.date) -> Outcome:
    from pactecli.author.contribution import append_contribution

    known = scan(root)
    partner = _known_one(
        ask.value(options["partenaire"], "--partenaire", "Partenaire", known.partners),
        known.partners,
        "--partenaire",
        "le partenaire",
    )
    action, convention = options["action"], options["convention"]
    if action and convention:
        raise UsageError("une contribution vise soit --action, soit --convention, pas les deux")
    if convention:
        _known_one(convention, list(known.conventions), "--convention", "la convention")
    else:
        action = _known_one(
            ask.value(action, "--action", "Action soutenue", list(known.actions)),
            list(known.actions),
            "--action",
            "l'action",
        )
    nature = ask.value(options["nature"], "--nature", "Nature", CONTRIBUTION_NATURES, "financiere")
    _known_one(nature, CONTRIBUTION_NATURES, "--nature", "la nature")
    fields = records.ContributionFields(nature, action=action, convention=convention)
    if nature == "financiere":
        fields.montants = _amounts(ask, options["montants"], "--montants", "Montants par année")
        if not fields.montants:
            raise UsageError(
                "une contribution financière a au moins une année de montants",
                hint="par exemple --montants 2025=12000 --montants 2026=12000",
            )
    else:
        fields.description = ask.value(
            options["description"],
            "--description",
            "Ce qui est apporté",
            default=records.TO_FILL,
        )
        if nature == "humaine":
            etp = options["etp"]
            if etp is None and ask.interactive:
                etp = ask.text("Équivalents temps plein (facultatif)", optional=True) or None
            fields.etp = etp
    path = _partner_file(root, partner)
    content = (root / path).read_bytes()
    document, problems = documents.load(Source(path, Kind.PARTNER, content))
    if document is None or problems:
        raise UsageError(
            f"{path} a des erreurs de lecture YAML : la contribution n'est pas ajoutée",
            hint="corrigez d'abord ce fichier (pacte validate les situe)",
        )
    updated = append_contribution(content, fields)
    return write(root, path, Kind.PARTNER, updated, as_of, created=False)


def _partner_file(root: Path, partner: str) -> str:
    for name in (f"data/partners/{partner}.yaml", f"data/partners/{partner}.yml"):
        inside(root, name)
        full = root / name
        if full.is_symlink():
            raise UsageError(f"{name} est un lien symbolique : il n'est pas modifié")
        if full.is_file():
            return name
    raise UsageError(f"le fichier du partenaire « {partner} » est introuvable")
