"""Les contributions d'un financeur ne correspondent pas au montant signé dans l'annexe.

`engagements` recopie l'annexe financière d'une convention (telle que modifiée par le dernier
avenant) : pour chaque financeur et chaque année qu'elle cite, les contributions financières de
ce financeur à la convention (à ses actions et à la convention dans son ensemble) doivent faire
exactement le montant signé, au centime près. Signalé sur la ligne de l'année dans
`engagements` ; le message nomme les contributions comptées. Tant que l'argent du financeur
n'est pas entièrement connu (fichier illisible ou en erreur), une note le dit.

Correct (l'État engage 20000 + 15000 en 2025 sur les actions du CLS)::

    engagements:
      etat:
        2025: 35000

Refusé (l'État n'engage que 30000 en 2025)::

    engagements:
      etat:
        2025: 35000
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import contribution_line, listed
from pactecli.diagnostics import Severity
from pactecli.formatting import euros
from pactecli.model import Contribution, Convention, PactModel

CODE = "engagement-different"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for convention in model.conventions:
        if not convention.engagements:
            continue
        contributions = model.financial_to(convention)
        for funder, signed_by_year in convention.engagements.items():
            if (
                funder not in model.partners_by_id
                and funder not in model.partners_with_unknown_money
            ):
                continue  # an unknown funder: reference-inconnue says so
            unknown = model.partners_with_unknown_money.get(funder)
            if unknown is not None:
                yield Unchecked(unknown)
                continue
            own = [c for c in contributions if c.partner_id == funder]
            for year, signed in sorted(signed_by_year.items()):
                yield from _compare(model, convention, funder, year, signed, own)


def _compare(
    model: PactModel,
    convention: Convention,
    funder: str,
    year: int,
    signed: Decimal,
    own: list[Contribution],
) -> Iterator[Finding]:
    counted = [c for c in own if year in c.amounts]
    total = sum((c.amounts[year] for c in counted), Decimal(0))
    if total == signed:
        return
    partner = model.partners_by_id.get(funder)
    name = partner.label if partner else funder
    lines = [contribution_line(c, year) for c in counted]
    gap = total - signed
    yield Finding(
        convention.origin.locate("engagements", funder, str(year), at_key=True),
        f"en {year}, les contributions de {name} à la convention « {convention.id} » font "
        f"{euros(total)}, pour {euros(signed)} signés dans l'annexe financière "
        f"({'+' if gap > 0 else '−'}{euros(abs(gap))})"
        f"{listed(lines, empty=' (aucune contribution)')}",
        f"alignez les contributions {year} de {name} sur l'annexe signée, ou, si un avenant "
        "a changé l'annexe, recopiez son montant dans engagements",
        related=tuple(lines),
    )
