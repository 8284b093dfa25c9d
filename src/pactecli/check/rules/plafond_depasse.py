"""Un financeur engage, pour une année, plus que son plafond annuel sur une convention.

`plafonds` fixe, par financeur, le montant annuel maximal pour les actions d'une convention (le
CLS : plafond constant de l'État sur les quatre ans). Le total compte les contributions aux
actions de la convention et à la convention entière. Signalé sur la ligne du plafond ; le
message donne le total et nomme les contributions. Quand une part de l'argent du financeur est
inconnue (fichier illisible ou en erreur), un dépassement déjà atteint est signalé ; sinon une
note dit que le plafond n'a pas pu être vérifié.

Correct (l'État engage 195000 en 2026 sur le CLS)::

    plafonds:
      etat: 200000

Refusé (l'État engage 210000 en 2026)::

    plafonds:
      etat: 200000
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import contribution_line
from pactecli.diagnostics import Location, Severity
from pactecli.formatting import euros
from pactecli.model import Contribution, Convention, PactModel

CODE = "plafond-depasse"
SEVERITY = Severity.ERROR

_SHOWN_LINES = 5


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for convention in model.conventions:
        if not convention.ceilings:
            continue
        contributions = model.financial_to(convention)
        for funder, ceiling in convention.ceilings.items():
            yield from _over(model, convention, funder, ceiling, contributions)


def _over(
    model: PactModel,
    convention: Convention,
    funder: str,
    ceiling: Decimal,
    contributions: list[Contribution],
) -> Iterator[Finding | Unchecked]:
    by_year: dict[int, list[Contribution]] = defaultdict(list)
    for contribution in contributions:
        if contribution.partner_id == funder:
            for year in contribution.amounts:
                by_year[year].append(contribution)
    unknown = model.partners_with_unknown_money.get(funder)
    if unknown is not None and all(
        sum((c.amounts[year] for c in found), start=Decimal(0)) <= ceiling
        for year, found in by_year.items()
    ):
        yield Unchecked(unknown)  # the unknown part may still cross the ceiling
    partner = model.partners_by_id.get(funder)
    name = partner.label if partner else funder
    for year in sorted(by_year):
        total = sum((c.amounts[year] for c in by_year[year]), start=Decimal(0))
        if total <= ceiling:
            continue
        lines: list[Location] = sorted(
            (contribution_line(c, year) for c in by_year[year]), key=lambda x: (x.path, x.line)
        )
        shown = ", ".join(line.short() for line in lines[:_SHOWN_LINES])
        more = f" et {len(lines) - _SHOWN_LINES} autres" if len(lines) > _SHOWN_LINES else ""
        yield Finding(
            convention.origin.locate("plafonds", funder),
            f"en {year}, {name} engage {euros(total)} sur la convention « {convention.id} », "
            f"au-delà de son plafond annuel de {euros(ceiling)} (dépassement de "
            f"{euros(total - ceiling)} ; contributions : {shown}{more})",
            f"réduisez les contributions {year} de {name} d'au moins "
            f"{euros(total - ceiling)}, ou relevez le plafond par avenant",
            related=tuple(lines),
        )
