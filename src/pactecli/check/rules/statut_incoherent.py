"""Un statut d'action que contredisent son calendrier ou ses valeurs réalisées.

À la date de situation (`--as-of`, aujourd'hui par défaut) : une action `realise` dont la fin
prévue n'est pas encore arrivée, une action `en_cours` ou `realise` qui n'a pas encore commencé,
une action `non_demarre` qui a déjà des dépenses, des versements ou des valeurs réalisées
d'indicateurs. Un avertissement : le
statut est peut-être en avance sur le calendrier (à mettre à jour) ou en retard sur les faits.

Correct (au 27 novembre 2026)::

    calendrier:
      debut: 2024-09-01
      fin: 2026-06-30
    statut: realise

Signalé (au 27 novembre 2026)::

    calendrier:
      debut: 2027-01-04
      fin: 2027-12-31
    statut: en_cours
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.diagnostics import Severity
from pactecli.formatting import long_date
from pactecli.model import Action, PactModel

CODE = "statut-incoherent"
SEVERITY = Severity.WARNING

_STARTED = ("en_cours", "realise")


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for action in model.actions:
        if action.debut is None or action.fin is None or action.statut is None:
            yield Unchecked(action.origin.file)
        elif action.debut <= action.fin:  # else `dates-incoherentes` says which date is wrong
            yield from _against_calendar(action, context)
        if action.statut == "non_demarre":
            yield from _facts_of_a_started_action(model, action)


def _against_calendar(action: Action, context: RuleContext) -> Iterator[Finding]:
    if action.statut in _STARTED and action.debut is not None and action.debut > context.as_of:
        yield Finding(
            action.origin.locate("statut"),
            f"l'action est « {action.statut} » mais ne commence que le "
            f"{long_date(action.debut)} (situation au {long_date(context.as_of)})",
            "mettez « statut: non_demarre » ou corrigez la date de début du calendrier",
            related=(action.origin.locate("calendrier", "debut"),),
        )
    elif action.statut == "realise" and action.fin is not None and action.fin > context.as_of:
        yield Finding(
            action.origin.locate("statut"),
            f"l'action est « realise » mais sa fin prévue est le {long_date(action.fin)}, "
            f"après la situation au {long_date(context.as_of)}",
            "si l'action est terminée plus tôt que prévu, avancez la date de fin du "
            "calendrier ; sinon mettez « statut: en_cours »",
            related=(action.origin.locate("calendrier", "fin"),),
        )


def _facts_of_a_started_action(model: PactModel, action: Action) -> Iterator[Finding]:
    """The first fact that says the action has started: spending, a payment, an actual."""
    if action.depenses:
        year = min(action.depenses)
        yield Finding(
            action.origin.locate("statut"),
            f"l'action est « non_demarre » mais déclare des dépenses pour {year}",
            "mettez le statut à jour (« en_cours » ou « realise ») ou retirez les dépenses",
            related=(action.origin.locate("depenses", str(year), at_key=True),),
        )
        return
    payments = [p for c in model.financial_by_action.get(action.id, ()) for p in c.payments]
    if payments:
        first = min(payments, key=lambda p: p.date)
        yield Finding(
            action.origin.locate("statut"),
            f"l'action est « non_demarre » mais a reçu un versement le {long_date(first.date)}",
            "mettez le statut à jour (« en_cours » ou « realise ») ou vérifiez le versement",
            related=(first.origin.locate(),),
        )
        return
    for indicator in action.indicators:
        if indicator.realise:
            year = min(indicator.realise)
            yield Finding(
                action.origin.locate("statut"),
                f"l'action est « non_demarre » mais l'indicateur « {indicator.id} » a une "
                f"valeur réalisée pour {year}",
                "mettez le statut à jour (« en_cours » ou « realise ») ou retirez la valeur "
                "réalisée",
                related=(indicator.origin.locate("realise", str(year), at_key=True),),
            )
            return
