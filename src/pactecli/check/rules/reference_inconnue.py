"""Un identifiant qui ne désigne rien : partenaire, action, convention, objectif ou axe.

Chaque renvoi d'un fichier à un autre se fait par identifiant : signataires, financeurs et
plafonds et engagements d'une convention, axe d'un objectif, objectif, pilote et partenaires
d'une action, action ou convention visée par une contribution et son bénéficiaire. L'objectif
d'une action doit appartenir à la convention dans le dossier de laquelle l'action est rangée.

Correct (data/partners/msa.yaml existe)::

    pilote: msa

Refusé::

    pilote: msa-alpes
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.diagnostics import Severity
from pactecli.layout import Kind
from pactecli.model import Action, Origin, PactModel

CODE = "reference-inconnue"
SEVERITY = Severity.ERROR

_FEMININE = frozenset(("action", "convention"))


@dataclass
class _Known:
    """The ids a reference may name, and the files that may hold more of them (unknown)."""

    ids: set[str]
    hidden_by: list[str] = field(default_factory=list)
    _suggester: object | None = None

    def suggestion(self, word: str) -> str:
        from pactecli.suggest import Suggester  # a sound pact never needs it

        if self._suggester is None:
            self._suggester = Suggester(self.ids)
        assert isinstance(self._suggester, Suggester)
        return self._suggester.did_you_mean(word)


def _known(model: PactModel, kind: Kind, ids: Collection[str]) -> _Known:
    return _Known(set(ids) | model.unread_ids(kind), [u.path for u in model.unlisted_of(kind)])


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    partners = _known(model, Kind.PARTNER, model.partners_by_id)
    actions = _known(model, Kind.ACTION, model.actions_by_id)
    conventions = _known(model, Kind.CONVENTION, model.conventions_by_id)
    axes = _Known(set(model.axes_by_id))
    if model.pact is None:
        axes.hidden_by = [u.path for u in model.unread_of(Kind.PACT)]
    elif not model.pact.axes_complete:
        axes.hidden_by = [model.pact.origin.file]

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
        for funder in convention.engagements:
            yield from _unknown(
                "financeur engagé",
                funder,
                partners,
                origin,
                "engagements",
                funder,
                at_key=True,
            )
        for objective in convention.objectives:
            if objective.axe is not None:
                yield from _unknown("axe", objective.axe, axes, objective.origin, "axe")

    for action in model.actions:
        yield from _action_convention(model, action)
        if action.pilote is not None:
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
            if contribution.beneficiary is not None:
                yield from _unknown(
                    "bénéficiaire",
                    contribution.beneficiary,
                    partners,
                    contribution.origin,
                    "beneficiaire",
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
    known: _Known,
    origin: Origin,
    *steps: str | int,
    at_key: bool = False,
) -> Iterator[Finding | Unchecked]:
    if value in known.ids:
        return
    if known.hidden_by:  # the record may be in a file or folder that could not be read
        yield from (Unchecked(cause) for cause in known.hidden_by)
        return
    unknown = "inconnue" if what in _FEMININE else "inconnu"
    yield Finding(
        origin.locate(*steps, at_key=at_key),
        f"{what} « {value} » {unknown} : aucun enregistrement n'a cet identifiant",
        known.suggestion(value) or _listing(known.ids),
    )


def _listing(known: Collection[str]) -> str:
    if not known:
        return "créez d'abord l'enregistrement correspondant"
    names = sorted(known)
    shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    return f"identifiants existants : {shown}"


def _action_convention(model: PactModel, action: Action) -> Iterator[Finding | Unchecked]:
    """The action's objective must be one of the convention whose folder holds the action."""
    if action.objectif is None:
        return
    folder = action.convention_folder
    convention = model.conventions_by_folder.get(folder)
    if convention is None:
        unread = [u.path for u in model.unread_of(Kind.CONVENTION) if u.convention_folder == folder]
        if unread:
            yield from (Unchecked(path) for path in unread)
            return
        yield Finding(
            action.origin.locate("objectif"),
            f"l'action est rangée sous data/conventions/{folder}/, qui n'a pas de convention.yaml",
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
    if not convention.objectives_complete:
        yield Unchecked(convention.origin.file)
        return
    objectives = convention.origin.locate("objectifs", at_key=True)
    yield Finding(
        action.origin.locate("objectif"),
        f"objectif « {action.objectif} » inconnu dans la convention « {convention.id} » "
        f"({objectives.short()})",
        _Known(own).suggestion(action.objectif) or _listing(own),
        related=(objectives,),
    )
