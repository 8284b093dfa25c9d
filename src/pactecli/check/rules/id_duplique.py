"""Le même identifiant deux fois là où il doit être unique.

Uniques dans tout le pacte : les identifiants d'actions (les partenaires y renvoient sans
préciser la convention), de partenaires, de conventions et d'objectifs. Uniques dans leur
enregistrement : les axes et leurs numéros (pacte.yaml), les indicateurs d'une action, les
numéros d'avenants d'une convention. Le doublon est signalé à sa seconde occurrence.

Correct::

    indicateurs:
      - id: repas-servis
        ...
      - id: ecoles-couvertes
        ...

Refusé::

    indicateurs:
      - id: repas-servis
        ...
      - id: repas-servis
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.diagnostics import Severity
from pactecli.model import Origin, PactModel

CODE = "id-duplique"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    yield from _duplicates(
        "action",
        ((a.id, a.origin, "id") for a in model.actions),
        "renommez l'une des deux actions (fichier et id) : les partenaires désignent une "
        "action par son seul identifiant",
    )
    yield from _duplicates(
        "partenaire",
        ((p.id, p.origin, "id") for p in model.partners),
        "gardez un seul fichier par partenaire",
    )
    yield from _duplicates(
        "convention",
        ((c.id, c.origin, "id") for c in model.conventions),
        "donnez à chaque convention un identifiant propre (celui de son dossier)",
    )
    yield from _duplicates(
        "objectif",
        ((o.id, o.origin, "id") for c in model.conventions for o in c.objectives),
        "un identifiant d'objectif est unique dans tout le pacte : renommez l'un des deux",
    )
    if model.pact is not None:
        axes = model.pact.axes
        yield from _duplicates(
            "axe",
            ((a.id, a.origin, "id") for a in axes),
            "donnez un identifiant différent à chaque axe",
        )
        yield from _duplicates(
            "numéro d'axe",
            ((str(a.numero), a.origin, "numero") for a in axes if a.numero is not None),
            "numérotez les axes 1, 2, 3... sans doublon",
        )
    for action in model.actions:
        yield from _duplicates(
            "indicateur",
            ((i.id, i.origin, "id") for i in action.indicators),
            "donnez un identifiant différent à chaque indicateur de l'action",
        )
    for convention in model.conventions:
        yield from _duplicates(
            "numéro d'avenant",
            (
                (str(a.numero), a.origin, "numero")
                for a in convention.amendments
                if a.numero is not None
            ),
            "numérotez les avenants 1, 2, 3... dans l'ordre de leurs dates",
        )


def _duplicates(
    what: str, items: Iterable[tuple[str, Origin, str]], hint: str
) -> Iterator[Finding]:
    """Every occurrence after the first, in reading order (file, then place in the file).

    Locations are looked up only for duplicates: finding a line costs a parse.
    """
    first: dict[str, tuple[Origin, str]] = {}
    for item_id, origin, field in sorted(items, key=lambda item: (item[1].file, item[1].path)):
        if item_id not in first:
            first[item_id] = (origin, field)
            continue
        original = first[item_id][0].locate(first[item_id][1])
        yield Finding(
            origin.locate(field),
            f"{what} « {item_id} » déjà défini en {original.short()}",
            hint,
            related=(original,),
        )
