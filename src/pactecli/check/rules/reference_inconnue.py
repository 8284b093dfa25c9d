"""Un identifiant qui ne désigne rien : partenaire, action, convention, objectif ou axe.

Chaque renvoi d'un fichier à un autre se fait par identifiant : signataires, financeurs et
plafonds d'une convention, axe d'un objectif, objectif, pilote et partenaires d'une action,
action ou convention visée par une contribution. L'objectif d'une action doit appartenir à la
convention dans le dossier de laquelle l'action est rangée.

Correct (data/partners/msa.yaml existe)::

    pilote: msa

Refusé::

    pilote: msa-alpes
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.diagnostics import Severity
from pactecli.layout import Kind, convention_folder
from pactecli.model import Action, Origin, PactModel

CODE = "reference-inconnue"
SEVERITY = Severity.ERROR

_FEMININE = frozenset(("action", "convention"))


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    partners = set(model.partners_by_id) | model.broken_ids(Kind.PARTNER)
    actions = set(model.actions_by_id) | model.broken_ids(Kind.ACTION)
    conventions = set(model.conventions_by_id) | model.broken_ids(Kind.CONVENTION)
    axes = set(model.axes_by_id)

    for convention in model.conventions:
        origin = convention.origin
        for index, partner_id in enumerate(convention.signataires):
            yield from _unknown("signataire", partner_id, partners, origin, "signataires", index)
        if convention.cofunding is not None:
            for index, partner_id in enumerate(convention.cofunding.funders):
                yield from _unknown(
                    "financeur",
                    partner_id,
                    partners,
                    convention.cofunding.origin,
                    "financeurs",
                    index,
                )
        for partner_id in convention.ceilings:
            yield from _unknown(
                "partenaire plafonné",
                partner_id,
                partners,
                origin,
                "plafonds",
                partner_id,
                at_key=True,
            )
        if model.pact is not None:
            for objective in convention.objectives:
                yield from _unknown("axe", objective.axe, axes, objective.origin, "axe")

    for action in model.actions:
        yield from _action_convention(model, action)
        yield from _unknown("pilote", action.pilote, partners, action.origin, "pilote")
        for index, partner_id in enumerate(action.partenaires):
            yield from _unknown(
                "partenaire", partner_id, partners, action.origin, "partenaires", index
            )

    for partner in model.partners:
        for contribution in partner.contributions:
            if contribution.action is not None:
                yield from _unknown(
                    "action", contribution.action, actions, contribution.origin, "action"
                )
            if contribution.convention is not None:
                yield from _unknown(
                    "convention",
                    contribution.convention,
                    conventions,
                    contribution.origin,
                    "convention",
                )


def _unknown(
    what: str,
    value: str,
    known: Collection[str],
    origin: Origin,
    *steps: str | int,
    at_key: bool = False,
) -> Iterator[Finding]:
    if value in known:
        return
    suggestion = did_you_mean(value, known)
    unknown = "inconnue" if what in _FEMININE else "inconnu"
    yield Finding(
        origin.locate(*steps, at_key=at_key),
        f"{what} « {value} » {unknown} : aucun enregistrement n'a cet identifiant",
        suggestion or _listing(known),
    )


def did_you_mean(word: str, candidates: Collection[str]) -> str:
    """`suggest.did_you_mean`, imported on first use: a sound pact never needs it."""
    from pactecli.suggest import did_you_mean as suggestion

    return suggestion(word, candidates)


def _listing(known: Collection[str]) -> str:
    if not known:
        return "créez d'abord l'enregistrement correspondant"
    names = sorted(known)
    shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    return f"identifiants existants : {shown}"


def _action_convention(model: PactModel, action: Action) -> Iterator[Finding]:
    """The action's objective must be one of the convention whose folder holds the action."""
    folder = action.convention_folder
    convention = model.conventions_by_folder.get(folder)
    if convention is None:
        broken_folders = {
            convention_folder(b.path) for b in model.broken if b.kind is Kind.CONVENTION
        }
        if folder not in broken_folders:
            yield Finding(
                action.origin.locate("objectif"),
                f"l'action est rangée sous data/conventions/{folder}/, qui n'a pas de "
                "convention.yaml",
                f"créez data/conventions/{folder}/convention.yaml ou déplacez l'action dans "
                "le dossier de sa convention",
            )
        return
    own = {objective.id for objective in convention.objectives}
    if action.objectif in own:
        return
    elsewhere = model.objectives_by_id.get(action.objectif)
    if elsewhere is not None:
        message = (
            f"l'objectif « {action.objectif} » appartient à la convention "
            f"« {elsewhere.convention_id} » ({elsewhere.origin.locate('id').short()}), pas à "
            f"« {convention.id} » où l'action est rangée"
        )
        hint = (
            f"choisissez un objectif de « {convention.id} » ou déplacez l'action dans "
            f"data/conventions/{elsewhere.convention_id}/actions/"
        )
        yield Finding(
            action.origin.locate("objectif"),
            message,
            hint,
            related=(elsewhere.origin.locate("id"),),
        )
        return
    objectives = convention.origin.locate("objectifs", at_key=True)
    yield Finding(
        action.origin.locate("objectif"),
        f"objectif « {action.objectif} » inconnu dans la convention « {convention.id} » "
        f"({objectives.short()})",
        did_you_mean(action.objectif, own) or _listing(own),
        related=(objectives,),
    )
