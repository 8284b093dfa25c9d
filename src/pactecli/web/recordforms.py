"""The forms of each record: an action, a partner's contributions, a convention's signed
amounts, and the new action or partner. Labels are short French words; each field's help is
its schema description, its choices the schema's values or the pact's ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pactecli.layout import Kind
from pactecli.model import PactModel
from pactecli.web.forms import Builder, Choice, Field, Group, ids


def partner_choices(model: PactModel) -> list[Choice]:
    return ids((p.id, p.label) for p in sorted(model.partners, key=lambda p: p.label.lower()))


def objective_choices(model: PactModel, convention_folder: str | None = None) -> list[Choice]:
    found = []
    for convention in model.conventions:
        if convention_folder is not None and convention.folder != convention_folder:
            continue
        found += ids(((o.id, o.titre) for o in convention.objectives), convention.titre)
    return found


def action_groups(model: PactModel, data: Any, folder: str, years: Sequence[int]) -> list[Group]:
    b = Builder(Kind.ACTION, data)
    main = [
        b.field("titre", "Intitulé", "texte", required=True),
        b.field("objectif", "Objectif", "choix", objective_choices(model, folder), True),
        b.enum("nature", "Nature"),
        b.field("pilote", "Pilote", "choix", partner_choices(model), True),
        b.enum("statut", "Statut", required=True),
        b.field("motif", "Motif (action suspendue ou abandonnée)", "texte"),
        b.field("public_cible", "Public visé", "texte"),
        b.field("territoire", "Territoire", "texte"),
        b.field("description", "Description", "zone"),
    ]
    partners = b.field("partenaires", "Partenaires associés", "cases", partner_choices(model))
    calendar = [
        b.field(("calendrier", "debut"), "Début", "date", required=True),
        b.field(("calendrier", "fin"), "Fin", "date", required=True),
    ]
    return [
        Group("action", "L'action", [*main, partners]),
        Group(
            "calendrier",
            "Calendrier",
            calendar,
            b.field("calendrier", "", "texte").help,
            ("calendrier",),
        ),
        b.years("budget", "Budget prévu par année (en euros)", years, required=True),
        b.years("depenses", "Dépenses réalisées par année (en euros)", years),
    ]


def contribution_groups(model: PactModel, data: Any, years: Sequence[int], new: int) -> list[Group]:
    """One group per contribution of the partner (its target, nature, amounts, ETP,
    description), then `new` blank ones to add."""
    contributions = data.get("contributions") if isinstance(data, dict) else None
    listed = contributions if isinstance(contributions, list) else []
    groups = [_contribution(model, item, index, years) for index, item in enumerate(listed)]
    groups += [_new_contribution(model, number, len(listed), years) for number in range(new)]
    return groups


def _target_label(model: PactModel, item: dict[str, Any]) -> str:
    if isinstance(item.get("action"), str):
        action = model.actions_by_id.get(item["action"])
        return f"action « {action.titre if action else item['action']} »"
    if isinstance(item.get("convention"), str):
        convention = model.conventions_by_id.get(item["convention"])
        name = convention.titre if convention else item["convention"]
        return f"convention « {name} » dans son ensemble"
    return "cible inconnue"


def _contribution(model: PactModel, item: Any, index: int, years: Sequence[int]) -> Group:
    item = item if isinstance(item, dict) else {}
    b = Builder(Kind.PARTNER, item, ("contributions", index))
    fields = []
    if "convention" in item and "action" not in item:
        conventions = ids((c.id, c.titre) for c in model.conventions)
        fields.append(b.field("convention", "Convention soutenue", "choix", conventions, True))
    else:
        fields.append(b.field("action", "Action soutenue", "choix", action_choices(model), True))
    fields.append(b.enum("nature", "Nature", required=True))
    nature = item.get("nature")
    group = Group(
        f"contributions.{index}",
        f"Contribution n° {index + 1} : {_target_label(model, item)}",
        fields,
        path=("contributions", index),
        removable=index,
    )
    if nature == "financiere" or "montants" in item:
        group.children.append(b.years("montants", "Montants engagés par année (en euros)", years))
    if nature == "humaine" or "etp" in item:
        fields.append(b.field("etp", "Équivalents temps plein", "nombre"))
    if nature != "financiere" or "description" in item:
        fields.append(
            b.field("description", "Ce qui est apporté", "zone", required=nature != "financiere")
        )
    return group


def action_choices(model: PactModel) -> list[Choice]:
    found = []
    for convention in model.conventions:
        actions = sorted(model.actions_of(convention), key=lambda a: a.titre.lower())
        found += ids(((a.id, a.titre) for a in actions), convention.titre)
    return found


def _new_contribution(model: PactModel, number: int, after: int, years: Sequence[int]) -> Group:
    """A blank contribution, to be appended after the `after` of the file: its paths are
    those it will have there, so that the validator's problems find their fields."""
    b = Builder(Kind.PARTNER, {}, ("contributions", after + number), name=f"nouvelle.{number}")
    targets = [Choice(f"action:{c.value}", c.label, c.group) for c in action_choices(model)]
    targets += [
        Choice(f"convention:{c.id}", f"{c.titre} (dans son ensemble)", "Conventions entières")
        for c in model.conventions
    ]
    target = Field(
        f"nouvelle.{number}.cible",
        ("contributions", after + number, "action"),
        "Action ou convention soutenue",
        "choix",
        b.field("action", "", "texte").help,
        choices=(Choice("", "— à choisir —"), *targets),
        required=True,
    )
    nature = b.enum("nature", "Nature", required=True)
    nature.value = nature.original = "financiere"
    nature.choices = tuple(c for c in nature.choices if c.value)
    fields = [target, nature]
    fields.append(b.field("etp", "Équivalents temps plein (contribution humaine)", "nombre"))
    fields.append(
        b.field("description", "Ce qui est apporté (sauf contribution financière)", "zone")
    )
    amounts = b.years("montants", "Montants engagés par année (contribution financière)", years)
    return Group(
        f"nouvelle.{number}", f"Nouvelle contribution n° {number + 1}", fields, children=[amounts]
    )


def engagement_groups(
    model: PactModel, data: Any, funders: Sequence[str], years: Sequence[int]
) -> list[Group]:
    """One group per funder of the convention: the amounts signed in the financial annex."""
    b = Builder(Kind.CONVENTION, data)
    groups = []
    for funder in funders:
        partner = model.partners_by_id.get(funder)
        label = partner.nom if partner else funder
        group = b.years(("engagements", funder), f"Montants signés — {label}", years)
        groups.append(group)
    return groups


def new_action_groups(model: PactModel, years: Sequence[int]) -> list[Group]:
    b = Builder(Kind.ACTION, {})
    main = [
        b.field("id", "Identifiant (nom du fichier)", "texte", required=True),
        b.field("titre", "Intitulé", "texte", required=True),
        b.field(
            "objectif", "Objectif (et donc convention)", "choix", objective_choices(model), True
        ),
        b.enum("nature", "Nature (obligatoire pour une action d'un CLS)"),
        b.field("pilote", "Pilote", "choix", partner_choices(model), True),
        b.enum("statut", "Statut", required=True),
    ]
    main[-1].value = "non_demarre"
    calendar = [
        b.field(("calendrier", "debut"), "Début", "date", required=True),
        b.field(("calendrier", "fin"), "Fin", "date", required=True),
    ]
    partners = b.field("partenaires", "Partenaires associés", "cases", partner_choices(model))
    return [
        Group("action", "La nouvelle action", [*main, partners]),
        Group("calendrier", "Calendrier", calendar, path=("calendrier",)),
        b.years("budget", "Budget prévu par année (en euros)", years),
    ]


def new_partner_groups() -> list[Group]:
    b = Builder(Kind.PARTNER, {})
    signatory = b.field("signataire_pacte", "A signé le pacte local", "case")
    signatory.value = "false"
    fields = [
        b.field("id", "Identifiant (nom du fichier)", "texte", required=True),
        b.field("nom", "Nom complet", "texte", required=True),
        b.field("sigle", "Sigle", "texte"),
        b.enum("categorie", "Catégorie", required=True),
        b.field("siret", "SIRET", "texte"),
        signatory,
    ]
    return [Group("partenaire", "Le nouveau partenaire", fields)]
