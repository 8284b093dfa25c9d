"""Une action d'un CLS sans `nature` (nouvelle ou renforcée).

Le contrat local des solidarités ne finance que des actions nouvelles ou renforcées (plus de
personnes, de nouveaux publics ou de nouveaux territoires) : chaque fiche action du CLS le dit.

Correct (action rangée dans une convention de type CLS)::

    nature: renforcee

Refusé : la même action sans la clé `nature`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.diagnostics import Severity
from pactecli.model import PactModel

CODE = "nature-requise"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for action in model.actions:
        convention = model.convention_of(action)
        if convention is None or action.nature is not None:
            continue
        if convention.type is None:  # unknown type: the convention's file says why
            yield Unchecked(convention.origin.file)
            continue
        if convention.type != "CLS":
            continue
        if not action.origin.known("nature"):  # written, but wrong: the schema says so
            yield Unchecked(action.origin.file)
            continue
        cls_type = convention.origin.locate("type")
        yield Finding(
            action.origin.locate(),
            f"l'action « {action.id} » relève du CLS « {convention.id} » "
            f"({cls_type.short()}) mais ne dit pas si elle est nouvelle ou renforcée",
            "ajoutez « nature: nouvelle » ou « nature: renforcee » (une action renforcée touche "
            "plus de personnes, de nouveaux publics ou de nouveaux territoires)",
            related=(cls_type,),
        )
