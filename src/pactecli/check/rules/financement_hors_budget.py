"""Une contribution pour une année où l'action n'a pas de budget.

L'argent d'un partenaire doit correspondre à une année prévue au budget de l'action. Signalé
sur la ligne de l'année de la contribution, dans le fichier du partenaire.

Correct (l'action a « budget: {2025: 40000} »)::

    contributions:
      - action: petits-dejeuners-ecole
        nature: financiere
        montants:
          2025: 20000

Refusé::

    contributions:
      - action: petits-dejeuners-ecole
        nature: financiere
        montants:
          2026: 20000
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import contribution_line
from pactecli.diagnostics import Severity
from pactecli.formatting import euros
from pactecli.layout import Kind
from pactecli.model import PactModel

CODE = "financement-hors-budget"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    unread = {u.id: u.path for u in model.unread_of(Kind.ACTION) if u.id}
    for partner in model.partners:
        for contribution in partner.contributions:
            if not contribution.is_financial or contribution.action is None:
                continue
            action = model.actions_by_id.get(contribution.action)
            if action is None:
                if contribution.action in unread and contribution.amounts:
                    yield Unchecked(unread[contribution.action])
                continue
            for year, amount in contribution.amounts.items():
                if year in action.budget:
                    continue
                if not action.origin.known("budget", str(year)):
                    yield Unchecked(action.origin.file)  # that year's budget is unknown
                    continue
                budget_years = ", ".join(str(y) for y in sorted(action.budget)) or "aucune"
                yield Finding(
                    contribution_line(contribution, year),
                    f"{euros(amount)} pour « {action.id} » en {year}, année sans budget pour "
                    f"cette action (années budgétées : {budget_years} ; "
                    f"{action.origin.locate('budget', at_key=True).short()})",
                    f"ajoutez {year} au budget de l'action ou reportez la contribution sur une "
                    "année budgétée",
                    related=(action.origin.locate("budget", at_key=True),),
                )
