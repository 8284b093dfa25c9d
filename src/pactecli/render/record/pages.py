"""The page of an action, a partner or a convention, made from its sheet (`report.sheets`).

One function per kind of record, returning a `document.Page` in French; the text and Markdown
formats render that page, so they always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from pactecli.formatting import euros, number
from pactecli.render.record.document import (
    NBSP,
    Block,
    Code,
    Description,
    Fields,
    Note,
    Page,
    Part,
    Section,
    Subtitle,
    Table,
    Value,
    day,
    execution_table,
    joined,
    money_table,
    optional_number,
    plan_table,
    quoted,
    rate,
    references_section,
    span,
    year_headings,
    yes_no,
)
from pactecli.report.context_types import ActionVue, Apport, Indicateur, Partenaire
from pactecli.report.sheets import FicheAction, FicheConvention, FichePartenaire

Sheet = FicheAction | FichePartenaire | FicheConvention


def page(sheet: Sheet) -> Page:
    if isinstance(sheet, FicheAction):
        return action_page(sheet)
    if isinstance(sheet, FichePartenaire):
        return partner_page(sheet)
    return convention_page(sheet)


def _history(record_id: str) -> tuple[Part, ...]:
    return (
        f"Pour voir comment ses engagements ont changé{NBSP}: ",
        Code(f"pacte history {record_id}"),
    )


def _who(partner: Partenaire) -> tuple[Part, ...]:
    return (f"{partner.libelle} (", Code(partner.id), ")")


def _with_title(record_id: str, title: str | None) -> tuple[Part, ...]:
    return (Code(record_id), f" — {title}") if title else (Code(record_id),)


# --- action ----------------------------------------------------------------------------------


def _status(action: ActionVue) -> str:
    if action.en_retard and action.fin is not None:
        return f"{action.statut_libelle} (fin prévue le {day(action.fin)}, dépassée)"
    return action.statut_libelle


def action_page(sheet: FicheAction) -> Page:
    action = sheet.action
    pairs: list[tuple[str, Value]] = [
        ("Convention", _with_title(action.convention, sheet.convention_titre)),
        ("Objectif", _with_title(action.objectif or "inconnu", sheet.objectif_titre)),
        ("Axe", sheet.axe or "inconnu"),
    ]
    if action.nature_libelle:
        pairs.append(("Nature", action.nature_libelle))
    pairs.append(("Pilote", _who(action.pilote)))
    pairs.append(("Partenaires", joined([p.libelle for p in action.partenaires])))
    if action.public_cible:
        pairs.append(("Public cible", action.public_cible))
    if action.territoire:
        pairs.append(("Territoire", action.territoire))
    pairs += [("Calendrier", span(action.debut, action.fin)), ("Statut", _status(action))]
    if action.motif:
        pairs.append(("Motif", action.motif))
    pairs.append(("Fichier", Code(sheet.fichier)))
    sections = [Section("Fiche", (Fields(tuple(pairs)),))]
    if action.description:
        sections.append(Section("Description", (Description(action.description),)))
    sections.append(Section("Plan de financement", _plan_blocks(action)))
    if sheet.execution is not None:
        sections.append(Section("Exécution", (execution_table(sheet.annees, sheet.execution),)))
    sections.append(Section("Indicateurs", _indicator_blocks(action.indicateurs)))
    sections.append(
        references_section(sheet.references, "Aucun partenaire ne contribue à cette action.")
    )
    title = (f"Action {quoted(action.id)} — {action.titre}",)
    return Page(title, tuple(sections), _history(action.id))


def _plan_blocks(action: ActionVue) -> tuple[Block, ...]:
    plan = action.financement
    if not plan.lignes:
        return (Note(f"Aucun financement{NBSP}; budget{NBSP}: {euros(plan.budget.total)}."),)
    return (plan_table(plan),)


def _indicator_blocks(indicators: Sequence[Indicateur]) -> tuple[Block, ...]:
    if not indicators:
        return (Note("Aucun indicateur."),)
    blocks: list[Block] = []
    for indicator in indicators:
        about = [indicator.unite, indicator.sens_libelle]
        if indicator.reference_valeur is not None:
            about.append(
                f"référence {indicator.reference_annee}{NBSP}: {number(indicator.reference_valeur)}"
            )
        if indicator.source:
            about.append(f"source{NBSP}: {indicator.source}")
        blocks.append(Subtitle((Code(indicator.id), f" — {indicator.libelle}")))
        blocks.append(Note(f"{NBSP}; ".join(about)))
        rows = tuple(
            (
                str(year.annee),
                optional_number(year.cible),
                optional_number(year.realise)
                if year.realise is not None or not year.passee
                else "non saisi",
                rate(year.atteinte),
            )
            for year in indicator.annees
        )
        blocks.append(Table(("Année", "Cible", "Réalisé", "Atteinte"), rows, frozenset({1, 2, 3})))
    return tuple(blocks)


# --- partner ---------------------------------------------------------------------------------


def partner_page(sheet: FichePartenaire) -> Page:
    partner = sheet.partenaire
    pairs: list[tuple[str, Value]] = [("Nom", partner.nom)]
    if partner.sigle:
        pairs.append(("Sigle", partner.sigle))
    pairs.append(("Catégorie", sheet.categorie or "inconnue"))
    if sheet.siret:
        pairs.append(("SIRET", Code(sheet.siret)))
    if sheet.rna:
        pairs.append(("RNA", Code(sheet.rna)))
    pairs.append(("Signataire du pacte", yes_no(sheet.signataire)))
    if sheet.date_adhesion:
        pairs.append(("Adhésion", day(sheet.date_adhesion)))
    pairs.append(("Fichier", Code(sheet.fichier)))
    sections = [
        Section("Fiche", (Fields(tuple(pairs)),)),
        Section("Contributions financières", _money_blocks(sheet)),
        Section("Autres contributions", _other_blocks(sheet)),
        Section("Versements", _payment_blocks(sheet)),
        Section("Actions pilotées", _led_blocks(sheet.pilotees)),
        Section("Part dans chaque convention", _share_blocks(sheet)),
        references_section(sheet.references, "Aucun autre fichier ne cite ce partenaire."),
    ]
    title = (f"Partenaire {quoted(partner.id)} — {partner.nom}",)
    return Page(title, tuple(sections), _history(partner.id))


def _money_blocks(sheet: FichePartenaire) -> tuple[Block, ...]:
    block = sheet.contributions
    if block is None or not block.financieres:
        return (Note("Aucune contribution financière."),)
    from pactecli.report.context_types import Ligne

    rows = [Ligne(a.cible, a.montants, a.total) for a in block.financieres]
    total = Ligne("Total", block.montants, block.total)
    return (money_table("Pour", sheet.annees, rows, (total,)),)


_NATURES = (("humaines", "humaine"), ("materielles", "matérielle"), ("ingenierie", "ingénierie"))


def _other_blocks(sheet: FichePartenaire) -> tuple[Block, ...]:
    block = sheet.contributions
    rows: list[tuple[Value, ...]] = []
    if block is not None:
        for attribute, nature in _NATURES:
            apports: Sequence[Apport] = getattr(block, attribute)
            rows += [
                (nature, a.cible, a.description or "", optional_number(a.etp) if a.etp else "")
                for a in apports
            ]
    if not rows:
        return (Note("Aucune contribution humaine, matérielle ou d'ingénierie."),)
    blocks: list[Block] = [
        Table(("Nature", "Pour", "Description", "ETP"), tuple(rows), frozenset({3}))
    ]
    if block is not None and block.etp:
        blocks.append(Note(f"Au total{NBSP}: {number(block.etp)} ETP."))
    return tuple(blocks)


def _payment_blocks(sheet: FichePartenaire) -> tuple[Block, ...]:
    if not sheet.versements:
        return (Note("Aucun versement enregistré."),)
    rows: list[tuple[Value, ...]] = [
        (day(p.date), p.cible, str(p.annee), euros(p.montant)) for p in sheet.versements
    ]
    rows.append(("Total versé", "", "", euros(sheet.verse)))
    return (Table(("Date", "Pour", "Au titre de", "Montant"), tuple(rows), frozenset({2, 3}), 1),)


def _led_blocks(actions: Sequence[ActionVue]) -> tuple[Block, ...]:
    if not actions:
        return (Note("Ce partenaire ne pilote aucune action."),)
    rows = tuple(
        (Code(a.id), a.titre, a.statut_libelle, day(a.fin) if a.fin else "—") for a in actions
    )
    return (Table(("Action", "Titre", "Statut", "Fin"), rows),)


def _share_blocks(sheet: FichePartenaire) -> tuple[Block, ...]:
    if not sheet.parts:
        return (Note("Aucun argent dans une convention."),)
    label = sheet.partenaire.libelle
    rows = tuple(
        (Code(s.convention), euros(s.engage), euros(s.total), rate(s.part), euros(s.verse))
        for s in sheet.parts
    )
    headings = (
        "Convention",
        f"Engagé par {label}",
        "Engagé, tous financeurs",
        "Part",
        f"Versé par {label}",
    )
    return (Table(headings, rows, frozenset({1, 2, 3, 4})),)


# --- convention ------------------------------------------------------------------------------


def convention_page(sheet: FicheConvention) -> Page:
    view = sheet.convention
    pairs: list[tuple[str, Value]] = [
        ("Type", view.type_libelle),
        ("Signataires", joined([p.libelle for p in view.signataires])),
        ("Signature", day(view.date_signature) if view.date_signature else "pas encore signée"),
        ("Période", span(view.debut, view.fin)),
        ("Actions", str(view.nb_actions)),
    ]
    if view.cofinancement:
        names = " et ".join(p.libelle for p in view.cofinancement)
        pairs.append(("Cofinancement", f"{names}, à parts égales {_scale(sheet)}"))
    if view.plafonds:
        pairs.append(
            (
                "Plafonds annuels",
                ", ".join(
                    f"{p.partenaire.libelle}{NBSP}: {euros(p.montant)}" for p in view.plafonds
                ),
            )
        )
    pairs.append(("Fichier", Code(sheet.fichier)))
    sections = [Section("Fiche", (Fields(tuple(pairs)),))]
    if view.avenants:
        rows = tuple(
            (str(a.numero) if a.numero is not None else "—", day(a.date), a.objet)
            for a in view.avenants
        )
        sections.append(Section("Avenants", (Table(("N°", "Date", "Objet"), rows),)))
    sections.append(Section("Objectifs et actions", _objective_blocks(sheet)))
    sections.append(Section("Financement des actions", (plan_table(view.financement),)))
    if view.hors_actions:
        table = money_table("Financeur", view.financement.annees, view.hors_actions, ())
        sections.append(Section("Contributions à la convention entière", (table,)))
    sections.append(Section("Montants signés, engagés et versés", _annex_blocks(sheet)))
    if sheet.execution is not None:
        sections.append(
            Section("Exécution", (execution_table(sheet.annees, sheet.execution.total),))
        )
    if view.cofinancement:
        sections.append(Section("Parité du cofinancement", _parity_blocks(sheet)))
    if sheet.plafonds:
        sections.append(Section("Plafonds", _ceiling_blocks(sheet)))
    sections.append(
        references_section(
            sheet.references, "Aucune contribution à la convention dans son ensemble."
        )
    )
    title = (f"Convention {quoted(view.id)} — {view.titre}",)
    return Page(title, tuple(sections))


def _scale(sheet: FicheConvention) -> str:
    where = (
        "sur les totaux annuels de la convention"
        if sheet.echelle == "convention"
        else "pour chaque action et chaque année"
    )
    if sheet.tolerance:
        return f"{where}, à {euros(sheet.tolerance)} près"
    return where


def _objective_blocks(sheet: FicheConvention) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for objective in sheet.objectifs:
        axis = f" (axe {objective.axe})" if objective.axe else ""
        blocks.append(Subtitle((Code(objective.id), f" — {objective.titre}{axis}")))
        if not objective.actions:
            blocks.append(Note("Aucune action."))
            continue
        rows = tuple(
            (
                Code(a.id),
                a.titre,
                a.pilote.libelle,
                a.statut_libelle,
                euros(a.financement.budget.total),
            )
            for a in objective.actions
        )
        blocks.append(
            Table(("Action", "Titre", "Pilote", "Statut", "Budget"), rows, frozenset({4}))
        )
    return tuple(blocks)


def _annex_blocks(sheet: FicheConvention) -> tuple[Block, ...]:
    execution = sheet.execution
    lines = [*(execution.financeurs if execution else ()), *sheet.signes]
    if not lines:
        return (Note("Aucun financeur."),)
    years = year_headings(sheet.annees)
    rows: list[tuple[Value, ...]] = []
    for line in lines:
        if line.signe is not None:
            signed = tuple("—" if m is None else euros(m) for m in line.signe)
            total = "—" if line.total_signe is None else euros(line.total_signe)
            rows.append((line.libelle, "signé", *signed, total))
        first = "" if line.signe is not None else line.libelle
        rows.append((first, "engagé", *(euros(m) for m in line.engage), euros(line.total_engage)))
        rows.append(("", "versé", *(euros(m) for m in line.verse), euros(line.total_verse)))
    headings = ("Financeur", "", *years, "Total")
    blocks: list[Block] = [Table(headings, tuple(rows), frozenset(range(2, len(headings))))]
    if sheet.signe is None:
        blocks.append(Note("Pas de montants signés (engagements) dans la convention."))
    return tuple(blocks)


def _parity_blocks(sheet: FicheConvention) -> tuple[Block, ...]:
    cofunders = [p.libelle for p in sheet.convention.cofinancement]
    if not sheet.parite:
        return (Note("Aucun argent des cofinanceurs."),)
    rows = tuple(
        (
            str(p.annee),
            euros(p.montants[0]),
            euros(p.montants[1]),
            euros(p.ecart),
            "atteinte" if p.atteinte else "non atteinte",
        )
        for p in sheet.parite
    )
    return (Table(("Année", *cofunders, "Écart", "Parité"), rows, frozenset({1, 2, 3})),)


def _ceiling_blocks(sheet: FicheConvention) -> tuple[Block, ...]:
    years = [str(y.annee) for y in sheet.annees]
    rows = tuple(
        (
            c.partenaire.libelle,
            euros(c.plafond),
            *(euros(y.compte) + (" (dépassé)" if y.depasse else "") for y in c.annees),
        )
        for c in sheet.plafonds
    )
    headings = ("Financeur", "Plafond annuel", *years)
    return (Table(headings, rows, frozenset(range(1, len(headings)))),)
