"""The report context of the small pact (as of 30 June 2026), field by field where it matters."""

from __future__ import annotations

from decimal import Decimal

from report_testing import small_context

from pactecli.report.selection import Filters


def test_key_figures() -> None:
    figures = small_context().chiffres
    assert (figures.nb_conventions, figures.nb_actions) == (2, 3)
    assert (figures.nb_partenaires, figures.nb_signataires) == (3, 2)  # MSA has not signed
    assert figures.total_engage == Decimal(59000)
    assert figures.total_budget == Decimal(60000)
    assert figures.reste_a_financer == Decimal(2000)
    assert figures.couverture == Decimal(58000) / Decimal(60000)
    assert [(p.libelle, p.montant) for p in figures.par_financeur] == [
        ("CD", 25000),
        ("DDETS", 24000),
        ("MSA", 10000),
    ]
    assert figures.par_annee.montants == (18000, 23000, 18000)
    assert [(r.libelle, r.total) for r in figures.par_axe] == [
        ("1. L'enfance d'abord", 34000),
        ("2. Amplifier la politique d'accès à l'emploi pour tous", 24000),
        ("Hors actions (conventions dans leur ensemble)", 1000),
    ]
    assert [(s.statut, s.nombre) for s in figures.par_statut] == [
        ("non_demarre", 1),
        ("en_cours", 1),
        ("en_retard", 1),
    ]


def test_axes_conventions_objectives_actions() -> None:
    axes = small_context().axes
    assert [(a.numero, a.libelle, a.nb_actions) for a in axes] == [
        (1, "L'enfance d'abord", 1),
        (2, "Amplifier la politique d'accès à l'emploi pour tous", 2),
    ]
    emploi = axes[1]
    assert [(c.id, [o.id for o in c.objectifs]) for c in emploi.conventions] == [
        ("cls", ["garde"]),
        ("part", ["insertion"]),
    ]
    creches = emploi.conventions[0].objectifs[0].actions[0]
    assert (creches.statut, creches.statut_libelle, creches.en_retard) == (
        "en_retard",
        "En retard",
        True,
    )
    plan = creches.financement
    assert [r.libelle for r in plan.lignes] == ["CD", "DDETS"]  # partner files in order
    assert plan.totaux.montants == (8000, 6000, 0)
    assert plan.budget.montants == (8000, 8000, 0)
    assert plan.ecart.montants == (0, 2000, 0)
    delay = creches.indicateurs[0]
    assert delay.sens_libelle == "plus c'est bas, mieux c'est"
    assert [(y.annee, y.atteinte) for y in delay.annees] == [(2024, Decimal("0.75")), (2025, 1)]
    assert delay.derniere is not None and delay.derniere.annee == 2025


def test_conventions_separate_money_to_the_convention_as_a_whole() -> None:
    cls, part = small_context().conventions
    assert cls.financement.totaux.total == Decimal(48000)
    assert cls.financement.budget.total == Decimal(50000)
    assert [p.libelle for p in cls.cofinancement] == ["DDETS", "CD"]
    assert [(p.partenaire.id, p.montant) for p in cls.plafonds] == [("etat", 20000)]
    assert part.financement.totaux.total == Decimal(10000)
    assert [(r.libelle, r.montants) for r in part.hors_actions] == [("CD", (0, 0, 1000))]
    assert part.date_signature is None


def test_partner_contributions() -> None:
    blocks = {b.partenaire.id: b for b in small_context().partenaires}
    assert blocks["etat"].montants == (9000, 9000, 6000)
    assert blocks["etat"].etp == Decimal("0.5")
    assert [a.description for a in blocks["etat"].humaines] == ["Une conseillère à mi-temps"]
    assert blocks["departement"].total == Decimal(25000)
    assert [a.cible for a in blocks["departement"].ingenierie] == [
        "Contrat local des solidarités du Haut-Val (convention entière)"
    ]
    assert [a.cible for a in blocks["msa"].materielles] == ["Petits déjeuners à l'école"]
    assert not blocks["msa"].signataire


def test_partner_filter_shows_other_funders_as_one_row() -> None:
    context = small_context(Filters(partenaire="etat"))
    assert context.chiffres.total_engage == Decimal(24000)
    assert [p.partenaire.id for p in context.partenaires] == ["etat"]
    action = context.axes[0].conventions[0].objectifs[0].actions[0]
    assert [r.libelle for r in action.financement.lignes] == ["DDETS", "Autres financeurs"]
    assert action.financement.ecart.total == 0  # the gap stays the real one
    assert [f.nom for f in context.filtres] == ["Partenaire"]


def test_attention_points_carry_what_a_reader_needs() -> None:
    attention = small_context().attention
    assert attention.total == 6
    assert [(r.action.titre, r.jours) for r in attention.retards] == [
        ("Places en crèche pour l'insertion", 181)
    ]
    assert [(s.annee, s.manque) for s in attention.sous_financements] == [(2025, 2000)]
    assert [m.indicateur for m in attention.realises_manquants] == ["Élèves bénéficiaires"]
    assert [e.jours for e in attention.echeances] == [62]


def test_glossary_lists_the_acronyms_used() -> None:
    glossary = {s.sigle: s.definition for s in small_context().glossaire}
    assert glossary["CLS"] == "Contrat local des solidarités"  # the type of a convention
    assert glossary["RSA"] == "Revenu de solidarité active"  # in a description
    assert glossary["DDETS"].startswith("Direction départementale")  # a partner's acronym
    assert glossary["ETP"] == "Équivalent temps plein"  # staff contributions are in FTE
    assert "CD" in glossary and "CDIE" not in glossary and "CAF" not in glossary
