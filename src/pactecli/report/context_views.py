"""Parts of the report context shared with the bilan: partners, problems, what could not be
counted, and the points of attention, as templates show them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from pactecli.diagnostics import Diagnostic, Severity
from pactecli.formatting import euros
from pactecli.labels import status_label
from pactecli.model import Action, PactModel
from pactecli.report import figures as fig
from pactecli.report.context_types import (
    ActionRef,
    ContributionsPartenaire,
    Echeance,
    Omissions,
    Partenaire,
    PointsAttention,
    Probleme,
    RealiseManquant,
    Retard,
    Sigle,
    SousCible,
    SousFinancement,
)
from pactecli.report.glossary import acronyms


def partner_view(model: PactModel, partner_id: str) -> Partenaire:
    """A partner as templates show it; an unknown id shows as itself."""
    found = model.partners_by_id.get(partner_id)
    if found is None:
        return Partenaire(partner_id, partner_id or "inconnu", None, partner_id or "inconnu")
    return Partenaire(found.id, found.nom, found.sigle, found.label)


def omissions_view(found: fig.Omissions) -> Omissions:
    absent = tuple(sorted(u.id or u.path for u in found.absent_actions))
    return Omissions(
        absent,
        found.partial_files,
        found.uncounted,
        found.unknown_money,
        omission_text(absent, found.partial_files, found.uncounted, found.unknown_money),
    )


def problems_view(diagnostics: Iterable[Diagnostic]) -> tuple[Probleme, ...]:
    """The errors, for the banner of a document produced over them."""
    return tuple(
        Probleme(d.severity.value, d.code, d.location.path, d.location.line, d.message)
        for d in diagnostics
        if d.severity is Severity.ERROR
    )


def omission_text(
    absent: Sequence[str], partial: Sequence[str], uncounted: Decimal, unknown: Sequence[str]
) -> str:
    """« 2 actions absentes : a, b ; 1 002 000 € de contributions non comptées ; … »."""
    parts = []
    if absent:
        several = len(absent) > 1
        parts.append(
            f"{len(absent)} action{'s' if several else ''} absente{'s' if several else ''} : "
            + ", ".join(absent)
        )
    if uncounted:
        parts.append(f"{euros(uncounted)} de contributions non comptées")
    if partial:
        several = len(partial) > 1
        parts.append(
            f"{len(partial)} fichier{'s' if several else ''} lu{'s' if several else ''} en "
            "partie : " + ", ".join(partial)
        )
    if unknown:
        parts.append("argent inconnu dans " + ", ".join(unknown))
    return " ; ".join(parts)


def attention_view(figures: fig.Figures, ref: Callable[[Action], ActionRef]) -> PointsAttention:
    """The report's points of attention, from the figures."""
    late = tuple(
        Retard(ref(i.action), i.fin, i.days, status_label(i.action.statut)) for i in figures.late
    )
    short = tuple(
        SousFinancement(ref(i.action), i.year, i.budget, i.funded, i.missing)
        for i in figures.underfunded
    )
    below = tuple(
        SousCible(
            ref(i.action),
            i.indicator.libelle,
            i.indicator.unite,
            i.year,
            i.target,
            i.actual,
            i.ratio,
        )
        for i in figures.below_target
    )
    missing = tuple(
        RealiseManquant(ref(i.action), i.indicator.libelle, i.indicator.unite, i.year, i.target)
        for i in figures.missing_actuals
    )
    soon = tuple(Echeance(ref(i.action), i.fin, i.days) for i in figures.ending_soon)
    count = len(late) + len(short) + len(below) + len(missing) + len(soon)
    return PointsAttention(
        late, short, below, missing, soon, count, fig.ATTAINMENT_THRESHOLD, fig.ENDING_SOON_DAYS
    )


def glossary_view(
    figures: fig.Figures,
    partners: Sequence[Partenaire],
    blocks: Sequence[ContributionsPartenaire],
) -> tuple[Sigle, ...]:
    """The acronyms the report uses, with their meaning."""
    texts: list[str] = []
    for item in figures.conventions:
        texts.append(item.convention.titre)
        texts += [o.titre for o in item.convention.objectives]
    for action_figures in figures.actions:
        action = action_figures.action
        texts += [action.titre, action.description or "", action.public_cible or ""]
        texts += [i.libelle for i in action.indicators]
    for partner in partners:
        texts += [partner.nom, partner.sigle or ""]
    for block in blocks:
        for apport in (*block.humaines, *block.materielles, *block.ingenierie):
            texts.append(apport.description or "")
    always = {item.convention.type or "" for item in figures.conventions}
    if any(block.humaines for block in blocks):
        always.add("ETP")
    names = [(p.sigle, p.nom) for p in partners]
    return tuple(Sigle(s, d) for s, d in acronyms(texts, names, always))
