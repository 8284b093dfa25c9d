"""Write a large, valid, deterministic pact for the benchmarks.

    python benchmarks/generate_pact.py /tmp/pacte-large            # 100 x 100: ~10 400 files
    python benchmarks/generate_pact.py /tmp/pacte-1k --conventions 10

The pact follows the record format 1.1 of `spec/data-model.md` and passes
`pacte validate --as-of 2026-11-27` with no error and no warning: every action-year is fully
funded by partner contributions, CLS conventions are co-funded 50/50 within a yearly ceiling,
indicator actuals exist only for past years. It carries its execution from 2024: each closed
year (2024, 2025) has its spending (at most the budget) and every commitment for it its
payments (the State and the Département pay an advance in spring and the balance the next
year, other funders once), every convention its signed annex (`engagements`), every suspended
action its motif. Files have the size of real records (an action
~1.5 KB); money is spread over enough partners that no file exceeds ~100 KB.

The territory is cut into "bassins" of four conventions (one CLS, one CDIE, one partenariale,
one "autre"). Each bassin has its own State service and departmental territorial unit (partner
ids `etat-<bassin>` and `departement-<bassin>`), which co-fund its CLS: with a single `etat` file
a 100-convention pact would hold 2 500 contributions in one 300 KB file, which no real pact has.

Same arguments, same bytes: everything comes from one seeded `random.Random`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

YEARS = (2024, 2025, 2026, 2027)
PAST_YEARS = (2024, 2025)  # actuals are only recorded for years closed before 2026-11-27
CLOSED_YEARS = (2024, 2025)  # closed from 1 July of the next year: both, on 2026-11-27
AS_OF = dt.date(2026, 11, 27)
CONVENTIONS_PER_BASSIN = 4
TYPES = ("CLS", "CDIE", "partenariale", "autre")
TYPE_PREFIX = {"CLS": "cls", "CDIE": "cdie", "partenariale": "partenariale", "autre": "autre"}

AXES = (
    (
        "enfance",
        "Prévenir la pauvreté et lutter contre les inégalités dès l'enfance",
        "La prévention de la pauvreté par la lutte contre les inégalités à la racine",
    ),
    (
        "emploi",
        "Amplifier la politique d'accès à l'emploi pour tous",
        "L'amplification de la politique d'accès au travail pour tous",
    ),
    (
        "acces-droits",
        "Lutter contre la grande exclusion grâce à l'accès aux droits",
        "La lutte contre la grande exclusion",
    ),
    (
        "transition-ecologique",
        "Construire une transition écologique solidaire",
        "L'organisation solidaire de la transition écologique",
    ),
)

MOTIFS = (
    "Départ de la coordinatrice ; reprise prévue au printemps avec un nouveau recrutement",
    "Local fermé pour travaux : l'action reprend à la livraison du nouveau bâtiment",
    "Prestataire défaillant : un nouvel appel à projets est en cours",
)

# (slug, title, axis) of the kinds of actions a pact holds.
THEMES = (
    ("petits-dejeuners", "Petits déjeuners gratuits dans les écoles", "enfance"),
    ("cantine-sociale", "Tarification sociale des cantines scolaires", "enfance"),
    ("creches-avip", "Places en crèche à vocation d'insertion professionnelle", "enfance"),
    ("parentalite", "Soutien itinérant à la parentalité", "enfance"),
    ("referents-rsa", "Référents de parcours pour les allocataires du RSA", "emploi"),
    ("mobilite-emploi", "Aides à la mobilité vers l'emploi", "emploi"),
    ("chantier-insertion", "Chantier d'insertion et de remobilisation", "emploi"),
    ("tzcld", "Territoire zéro chômeur de longue durée", "emploi"),
    ("maraudes", "Maraudes et équipes mobiles d'aller-vers", "acces-droits"),
    ("points-droits", "Points d'accès aux droits itinérants", "acces-droits"),
    ("mediation-numerique", "Médiation numérique de proximité", "acces-droits"),
    ("prevention-expulsions", "Prévention des expulsions locatives", "acces-droits"),
    (
        "precarite-energetique",
        "Accompagnement des ménages en précarité énergétique",
        "transition-ecologique",
    ),
    ("mobilite-solidaire", "Mobilité solidaire en zone rurale", "transition-ecologique"),
    ("alimentation-durable", "Alimentation durable et locale pour tous", "transition-ecologique"),
    (
        "renovation-solidaire",
        "Rénovation thermique solidaire des logements",
        "transition-ecologique",
    ),
)

PLACES = (
    "Gap",
    "Briançon",
    "Embrun",
    "Laragne",
    "Veynes",
    "Serres",
    "Guillestre",
    "Chorges",
    "Tallard",
    "Saint-Bonnet",
    "L'Argentière",
    "Savines",
    "Aspres",
    "Rosans",
    "Orpierre",
    "Barcelonnette",
    "Sisteron",
    "Digne",
    "Manosque",
    "Forcalquier",
    "Die",
    "Nyons",
    "Buis",
    "Valréas",
    "Mens",
    "Corps",
    "La Mure",
    "Vizille",
    "Bourg-d'Oisans",
    "Modane",
)
AUDIENCES = (
    "Enfants des familles modestes scolarisés en zone rurale",
    "Allocataires du RSA soumis aux droits et devoirs",
    "Familles monoparentales en parcours d'insertion",
    "Personnes isolées des vallées éloignées des services",
    "Ménages modestes propriétaires occupants ou locataires",
    "Jeunes de 16 à 25 ans sans emploi ni formation",
    "Personnes sans domicile ou en habitat précaire",
    "Seniors isolés et personnes en perte d'autonomie",
)
SENTENCES = (
    "L'action s'appuie sur les acteurs de proximité déjà présents sur le territoire.",
    "Les communes rurales et les intercommunalités sont associées dès la conception.",
    "Un comité de suivi réunit chaque trimestre les financeurs et l'opérateur.",
    "Les personnes accompagnées participent à l'évaluation du dispositif.",
    "L'opérateur rend compte chaque année de l'activité et des résultats obtenus.",
    "Le dispositif est d'abord déployé sur deux secteurs pilotes, puis étendu.",
    "Une attention particulière est portée aux familles éloignées des services publics.",
    "Les travailleurs sociaux du Département orientent les publics vers l'action.",
    "Les partenaires mutualisent leurs moyens logistiques et leurs locaux.",
    "La coordination avec France Travail évite les ruptures de parcours.",
)
INDICATORS = (
    ("personnes-accompagnees", "Personnes accompagnées dans l'année", "personnes", "hausse"),
    ("familles-beneficiaires", "Familles bénéficiaires du dispositif", "familles", "hausse"),
    ("communes-couvertes", "Communes couvertes par l'action", "communes", "hausse"),
    ("sorties-emploi", "Sorties vers l'emploi ou la formation", "%", "hausse"),
    ("delai-premier-rdv", "Délai moyen avant le premier rendez-vous", "jours", "baisse"),
    ("non-recours", "Taux de non-recours constaté sur le secteur", "%", "baisse"),
)
PARTNER_KINDS = (
    # (id prefix, name pattern, categorie, sigle or None)
    ("ccas", "Centre communal d'action sociale de {place}", "collectivite", "CCAS"),
    ("commune", "Commune de {place}", "collectivite", None),
    ("assoc-insertion", "Association d'insertion {place} Solidarités", "association", None),
    ("assoc-familles", "Association familiale de {place} et environs", "association", None),
    ("epicerie", "Épicerie solidaire de {place}", "association", None),
    ("caf", "Antenne de la caisse d'allocations familiales à {place}", "protection_sociale", "CAF"),
    ("msa", "Mutualité sociale agricole, agence de {place}", "protection_sociale", "MSA"),
    ("centre-sante", "Centre de santé communautaire de {place}", "sante", None),
    ("college", "Collège de {place}", "education", None),
    ("france-travail", "Agence France Travail de {place}", "emploi", None),
    ("mission-locale", "Mission locale de {place}", "emploi", None),
    ("entreprise", "Entreprise solidaire de {place}", "entreprise", None),
    ("fondation", "Fondation pour les solidarités de {place}", "autre", None),
)
NON_FINANCIAL = (
    ("humaine", "Mise à disposition d'un intervenant lors des permanences"),
    ("materielle", "Prêt de locaux et d'un véhicule pour les tournées"),
    ("ingenierie", "Appui méthodologique et transmission des données de suivi"),
)


@dataclass
class Partner:
    id: str
    nom: str
    categorie: str
    sigle: str | None
    siret: str | None = None
    rna: str | None = None
    contributions: list[str] = field(default_factory=list)


@dataclass
class Convention:
    id: str
    type: str
    number: int
    bassin: int
    signataires: list[str]
    objectives: list[tuple[str, str, str]]  # (id, titre, axe)
    debut: dt.date
    fin: dt.date


def luhn_complete(digits: str) -> str:
    """`digits` followed by the Luhn check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled once the check digit is appended
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return digits + str((10 - total % 10) % 10)


class Generator:
    def __init__(self, conventions: int, actions_per_convention: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.convention_count = conventions
        self.actions_per_convention = actions_per_convention
        self.bassins = -(-conventions // CONVENTIONS_PER_BASSIN)
        self.partners: dict[str, Partner] = {}
        self.others: list[str] = []
        self.files: dict[str, str] = {}
        self.current = ""  # the convention whose actions are being written
        self.signed: dict[str, dict[str, dict[int, int]]] = {}  # convention -> funder -> year

    # --- partners -------------------------------------------------------------------------

    def make_partners(self) -> None:
        for bassin in range(1, self.bassins + 1):
            place = PLACES[(bassin - 1) % len(PLACES)]
            self._add(
                Partner(
                    f"etat-b{bassin:02d}",
                    f"État – services déconcentrés du bassin {bassin} ({place})",
                    "etat",
                    "DDETS",
                )
            )
            self._add(
                Partner(
                    f"departement-b{bassin:02d}",
                    f"Département – territoire d'action sociale du bassin {bassin} ({place})",
                    "collectivite",
                    None,
                )
            )
        count = max(10, 3 * self.convention_count - 2 * self.bassins)
        for index in range(count):
            prefix, pattern, categorie, sigle = PARTNER_KINDS[index % len(PARTNER_KINDS)]
            place = PLACES[(index // len(PARTNER_KINDS)) % len(PLACES)]
            partner = Partner(
                f"{prefix}-{index + 1:03d}",
                pattern.format(place=place),
                categorie,
                sigle,
            )
            self.others.append(partner.id)
            self._add(partner)
        for partner in self.partners.values():
            if self.rng.random() < 0.7:
                partner.siret = self._siret()
            if partner.categorie == "association":
                partner.rna = "W05" + "".join(self.rng.choice("0123456789") for _ in range(7))

    def _add(self, partner: Partner) -> None:
        self.partners[partner.id] = partner

    def _siret(self) -> str:
        while True:
            head = "".join(self.rng.choice("0123456789") for _ in range(13))
            if not head.startswith("356000000"):
                return luhn_complete(head)

    # --- pact and conventions ---------------------------------------------------------------

    def pact(self) -> str:
        lines = [
            "# yaml-language-server: $schema=schemas/pacte.schema.json",
            "territoire:",
            "  nom: Territoire de démonstration (banc d'essai)",
            '  code: "05"',
            "periode:",
            f"  debut: {YEARS[0]}",
            f"  fin: {YEARS[-1]}",
            "execution:",
            f"  depuis: {CLOSED_YEARS[0]}",
            "axes:",
        ]
        for number, (axis_id, titre, local) in enumerate(AXES, start=1):
            lines += [
                f"  - id: {axis_id}",
                f"    numero: {number}",
                f"    titre: {titre}",
                f"    titre_local: {local}",
            ]
        return "\n".join(lines) + "\n"

    def make_convention(self, number: int) -> Convention:
        kind = TYPES[(number - 1) % len(TYPES)]
        bassin = (number - 1) // CONVENTIONS_PER_BASSIN + 1
        convention_id = f"{TYPE_PREFIX[kind]}-{number:03d}-2024-2027"
        etat, departement = f"etat-b{bassin:02d}", f"departement-b{bassin:02d}"
        others = self.rng.sample(self.others, 2)
        signataires = [etat, departement] + (others if kind != "CLS" else others[:1])
        axes = [axis for axis, _, _ in AXES]
        if kind == "CDIE":
            axes = ["emploi"]
        elif kind == "CLS":  # the CLS covers axes 1, 3 and 4
            axes.remove("emploi")
        objectives = []
        for index in range(self.rng.randint(3, 6)):
            axe = axes[index % len(axes)]
            themes = [t for t in THEMES if t[2] == axe]
            title = self.rng.choice(themes)[1]
            objectives.append(
                (
                    f"c{number:03d}-objectif-{index + 1}",
                    f"{title} : objectif {index + 1} de la convention n° {number}",
                    axe,
                )
            )
        debut = dt.date(2024, 1, 1) if number % 5 else dt.date(2025, 1, 1)
        return Convention(
            convention_id,
            kind,
            number,
            bassin,
            signataires,
            objectives,
            debut,
            dt.date(2027, 12, 31),
        )

    def convention_text(
        self, convention: Convention, ceilings: dict[str, int], signed: dict[str, dict[int, int]]
    ) -> str:
        place = PLACES[(convention.bassin - 1) % len(PLACES)]
        labels = {
            "CLS": "Contrat local des solidarités",
            "CDIE": "Contrat départemental pour l'insertion et l'emploi",
            "partenariale": "Convention départementale partenariale d'insertion",
            "autre": "Convention de coopération pour les solidarités",
        }
        lines = [
            "# yaml-language-server: $schema=../../../schemas/convention.schema.json",
            f"id: {convention.id}",
            f"type: {convention.type}",
            f'titre: "{labels[convention.type]} du bassin de {place} (n° {convention.number})"',
            f"signataires: [{', '.join(convention.signataires)}]",
            f"date_signature: {convention.debut.year - 1}-12-{10 + convention.number % 18:02d}",
            "periode:",
            f"  debut: {convention.debut.isoformat()}",
            f"  fin: {convention.fin.isoformat()}",
            "objectifs:",
        ]
        for objective_id, titre, axe in convention.objectives:
            lines += [f"  - id: {objective_id}", f'    titre: "{titre}"', f"    axe: {axe}"]
        if convention.type == "CLS":
            lines += [
                "cofinancement:",
                f"  financeurs: [{convention.signataires[0]}, {convention.signataires[1]}]",
                "  echelle: action",
                "  tolerance: 0",
                "plafonds:",
                *(f"  {funder}: {amount}" for funder, amount in ceilings.items()),
            ]
        annex = [funder for funder in convention.signataires if signed.get(funder)]
        if annex:
            lines.append("engagements:")
            for funder in annex:
                lines.append(f"  {funder}:")
                lines += [
                    f"    {year}: {amount}" for year, amount in sorted(signed[funder].items())
                ]
        lines += [
            "avenants:",
            "  - numero: 1",
            "    date: 2025-03-14",
            '    objet: "Ajustement des enveloppes 2025 et précision des indicateurs de suivi"',
            "  - numero: 2",
            "    date: 2026-09-17",
            '    objet: "Avenant de mi-parcours : confirmation des montants 2026-2027"',
        ]
        return "\n".join(lines) + "\n"

    # --- actions ----------------------------------------------------------------------------

    def make_actions(self, convention: Convention) -> dict[str, int]:
        """Write the convention's actions and their funding; return the CLS yearly ceilings."""
        folder = f"data/conventions/{convention.id}"
        yearly: dict[str, dict[int, int]] = {}
        for index in range(1, self.actions_per_convention + 1):
            objective_id, _, axe = convention.objectives[index % len(convention.objectives)]
            theme = self.rng.choice([t for t in THEMES if t[2] == axe])
            action_id = f"{theme[0]}-c{convention.number:03d}-{index:03d}"
            years = self._years(convention)
            budget = {year: self.rng.randrange(8, 121) * 1000 for year in years}
            funders = self._fund(convention, action_id, budget, yearly)
            self.files[f"{folder}/actions/{action_id}.yaml"] = self._action_text(
                convention, action_id, theme, objective_id, years, budget, funders
            )
        return {
            funder: -(-max(totals.values()) // 10000) * 10000
            for funder, totals in sorted(yearly.items())
        }

    def _years(self, convention: Convention) -> list[int]:
        first = convention.debut.year
        start = self.rng.choice([y for y in YEARS if y >= first][:2])
        end = self.rng.choice([y for y in YEARS if y >= start + 1] or [start])
        return list(range(start, end + 1))

    def _fund(
        self,
        convention: Convention,
        action_id: str,
        budget: dict[int, int],
        yearly: dict[str, dict[int, int]],
    ) -> list[str]:
        """Contributions covering every budget year exactly; returns the funders' ids."""
        if convention.type == "CLS":
            shares: dict[str, dict[int, int]] = {}
            third = self.rng.choice(self.others) if self.rng.random() < 0.35 else None
            half: dict[int, int] = {}
            rest: dict[int, int] = {}
            for year, amount in budget.items():
                other = (amount * self.rng.randint(10, 30) // 100) // 500 * 500 if third else 0
                half[year] = (amount - other) // 2
                rest[year] = amount - 2 * half[year]
            for funder in convention.signataires[:2]:
                shares[funder] = dict(half)
                totals = yearly.setdefault(funder, {})
                for year, amount in half.items():
                    totals[year] = totals.get(year, 0) + amount
            if third is not None:
                shares[third] = rest  # the two halves leave exactly the third share
        else:
            funders = self.rng.sample(self.others, self.rng.randint(1, 3))
            shares = {funder: {} for funder in funders}
            for year, amount in budget.items():
                left = amount
                for funder in funders[:-1]:
                    part = (amount * self.rng.randint(20, 50) // 100) // 500 * 500
                    shares[funder][year] = part
                    left -= part
                shares[funders[-1]][year] = left
        for funder, amounts in shares.items():
            self._financial(funder, amounts, action_id=action_id)
        if self.rng.random() < 0.25:
            nature, description = self.rng.choice(NON_FINANCIAL)
            partner = self.partners[self.rng.choice(self.others)]
            lines = [f"  - action: {action_id}", f"    nature: {nature}"]
            if nature == "humaine":
                lines.append(f"    etp: {self.rng.choice(('0.2', '0.5', '1', '1.5'))}")
            lines.append(f"    description: {description}")
            partner.contributions.append("\n".join(lines))
        return list(shares)

    def _convention_grant(self, convention: Convention) -> None:
        """A grant to the convention as a whole: counts in no action's funding plan."""
        funder = self.rng.choice(self.others)
        amounts = {year: self.rng.randrange(5, 30) * 1000 for year in YEARS[1:]}
        self._financial(funder, amounts, convention=convention.id)

    def _financial(
        self,
        funder: str,
        amounts: dict[int, int],
        action_id: str | None = None,
        convention: str | None = None,
    ) -> None:
        target = f"  - action: {action_id}" if action_id else f"  - convention: {convention}"
        lines = [target, "    nature: financiere", "    montants:"]
        lines += [f"      {year}: {amount}" for year, amount in sorted(amounts.items())]
        lines += self._payments(funder, amounts)
        self.partners[funder].contributions.append("\n".join(lines))
        signed = self.signed.setdefault(self.current, {}).setdefault(funder, {})
        for year, amount in amounts.items():
            signed[year] = signed.get(year, 0) + amount

    def _payments(self, funder: str, amounts: dict[int, int]) -> list[str]:
        """Every closed year paid: an advance in spring and the balance the next year for the
        State and the Département, one payment for the other funders."""
        lines = []
        for year, amount in sorted(amounts.items()):
            if year not in CLOSED_YEARS:
                continue
            if funder.startswith(("etat-", "departement-")):
                advance = amount * 60 // 100
                balance = amount - advance
                lines.append(f"      - {{date: {year}-04-15, montant: {advance}}}")
                lines.append(
                    f"      - {{date: {year + 1}-03-20, montant: {balance}, annee: {year}}}"
                )
            else:
                lines.append(f"      - {{date: {year}-06-30, montant: {amount}}}")
        return ["    versements:", *lines] if lines else []

    def _action_text(
        self,
        convention: Convention,
        action_id: str,
        theme: tuple[str, str, str],
        objective_id: str,
        years: list[int],
        budget: dict[int, int],
        funders: list[str],
    ) -> str:
        rng = self.rng
        place = rng.choice(PLACES)
        debut = dt.date(years[0], rng.choice((1, 3, 9)), 1)
        fin = dt.date(years[-1], 12, 31) if rng.random() < 0.8 else dt.date(years[-1], 6, 30)
        if debut > AS_OF:
            statut = "non_demarre"
        elif fin < AS_OF:
            statut = "realise"
        else:
            statut = rng.choice(("en_cours", "en_cours", "en_cours", "suspendu"))
        involved = list(dict.fromkeys([*funders, *rng.sample(self.others, 2)]))
        lines = [
            "# yaml-language-server: $schema=../../../../schemas/action.schema.json",
            f"id: {action_id}",
            f'titre: "{theme[1]} : secteur de {place} (action {action_id[-3:]})"',
            f"objectif: {objective_id}",
        ]
        if convention.type == "CLS" or rng.random() < 0.5:
            lines.append(f"nature: {rng.choice(('nouvelle', 'renforcee'))}")
        lines += ["description: |", *(f"  {s}" for s in rng.sample(SENTENCES, 3))]
        lines += [
            f"pilote: {funders[0]}",
            f"partenaires: [{', '.join(involved)}]",
            f"public_cible: {rng.choice(AUDIENCES)}",
            f"territoire: Secteur de {place} et communes voisines",
            "calendrier:",
            f"  debut: {debut.isoformat()}",
            f"  fin: {fin.isoformat()}",
            f"statut: {statut}",
        ]
        if statut == "suspendu":
            lines.append(f'motif: "{rng.choice(MOTIFS)}"')
        lines += ["budget:", *(f"  {year}: {amount}" for year, amount in budget.items())]
        spent = {y: a * rng.randint(85, 100) // 10000 * 100 for y, a in budget.items()}
        closed = [y for y in budget if y in CLOSED_YEARS]
        if closed and statut != "non_demarre":
            lines += ["depenses:", *(f"  {year}: {spent[year]}" for year in closed)]
        lines.append("indicateurs:")
        for indicator_id, libelle, unite, sens in rng.sample(INDICATORS, rng.randint(1, 3)):
            if unite == "%":
                start, step = rng.randrange(20, 70), rng.randint(2, 5)
            else:
                start = rng.randrange(10, 400)
                step = max(1, start // 10)
            step = step if sens == "hausse" else -step
            lines += [
                f"  - id: {indicator_id}",
                f"    libelle: {libelle}",
                f'    unite: "{unite}"',
                f"    sens: {sens}",
                "    reference:",
                f"      annee: {years[0] - 1}",
                f"      valeur: {start}",
                "    cibles:",
                *(f"      {y}: {max(0, start + step * (i + 1))}" for i, y in enumerate(years)),
            ]
            past = [y for y in years if y in PAST_YEARS]
            if past:
                lines.append("    realise:")
                lines += [f"      {y}: {max(0, start + step * i)}" for i, y in enumerate(past)]
            lines.append("    source: Tableau de bord trimestriel de l'opérateur")
        return "\n".join(lines) + "\n"

    def partner_text(self, partner: Partner) -> str:
        lines = [
            "# yaml-language-server: $schema=../../schemas/partner.schema.json",
            f"id: {partner.id}",
            f'nom: "{partner.nom}"',
        ]
        if partner.sigle:
            lines.append(f"sigle: {partner.sigle}")
        lines.append(f"categorie: {partner.categorie}")
        if partner.siret:
            lines.append(f'siret: "{partner.siret}"')
        if partner.rna:
            lines.append(f"rna: {partner.rna}")
        lines += ["signataire_pacte: true", "date_adhesion: 2024-05-23"]
        if partner.contributions:
            lines += ["contributions:", *partner.contributions]
        return "\n".join(lines) + "\n"

    # --- whole pact -------------------------------------------------------------------------

    def generate(self) -> dict[str, str]:
        self.make_partners()
        self.files["pacte.yaml"] = self.pact()
        for number in range(1, self.convention_count + 1):
            convention = self.make_convention(number)
            self.current = convention.id
            ceilings = self.make_actions(convention)
            if convention.type != "CLS":
                self._convention_grant(convention)
            path = f"data/conventions/{convention.id}/convention.yaml"
            signed = self.signed.get(convention.id, {})
            self.files[path] = self.convention_text(convention, ceilings, signed)
        for partner in self.partners.values():
            self.files[f"data/partners/{partner.id}.yaml"] = self.partner_text(partner)
        return self.files


def write(files: dict[str, str], target: Path, force: bool) -> None:
    if target.exists() and any(target.iterdir()):
        if not force:
            sys.exit(f"{target} n'est pas vide : utilisez --force pour le remplacer")
        if not (target / "pacte.yaml").is_file():
            sys.exit(f"{target} ne contient pas de pacte.yaml : refus de le vider")
        shutil.rmtree(target / "data", ignore_errors=True)
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Génère un grand pacte valide (banc d'essai).")
    parser.add_argument("target", type=Path, help="dossier à créer (racine du pacte)")
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--actions-per-convention", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--force", action="store_true", help="remplace un pacte déjà généré")
    args = parser.parse_args(argv)
    if args.conventions < 1 or args.actions_per_convention < 1:
        parser.error("--conventions et --actions-per-convention valent au moins 1")
    files = Generator(args.conventions, args.actions_per_convention, args.seed).generate()
    write(files, args.target, args.force)
    sizes = [len(text.encode("utf-8")) for text in files.values()]
    print(
        f"{len(files)} fichiers écrits dans {args.target} "
        f"({sum(sizes) / 1e6:.1f} Mo, le plus gros {max(sizes) / 1024:.0f} Kio)"
    )


if __name__ == "__main__":
    main()
