"""`pacte report` in a terminal: key figures, money per convention, actions by status, attention.

Drawn with rich tables. Colour only when asked (a terminal without NO_COLOR); the width follows
the terminal, or 100 columns for a file. User text is printed as text, never as rich markup, and
as line text (`escape.line`): rich keeps ESC and most control characters, which a terminal would
obey. Since rich may wrap a value onto a line of its own, the drawn text is made free of
workflow commands last. Written to a file, it ends with pacte's signature line.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pactecli.render import escape
from pactecli.render.output import TEXT_LINE
from pactecli.render.roadmap import Options
from pactecli.render.roadmap.templating import date, euros, number, percent
from pactecli.report.context_types import (
    ExecutionConvention,
    Ligne,
    RapportContexte,
    TableauFinancement,
)

SIGNING = TEXT_LINE

_STATUS_STYLES = {
    "en_retard": "bold red",
    "en_cours": "blue",
    "realise": "green",
    "suspendu": "yellow",
    "non_demarre": "",
    "abandonne": "dim",
}


def _text(value: object, style: str = "") -> Text:
    """A value of the pact as inert text on its line."""
    return Text(escape.line(str(value)), style=style)


def _table(title: str, *columns: str, numeric: Iterable[int] = ()) -> Table:
    table = Table(
        title=_text(title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD, expand=False
    )
    right = set(numeric)
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i in right else "left", overflow="fold")
    return table


def _cover(context: RapportContexte) -> RenderableType:
    lines = Text()
    lines.append(f"{escape.line(context.titre)}\n", style="bold")
    if context.periode_debut is not None:
        lines.append(f"Période {context.periode_debut}-{context.periode_fin} · ")
    lines.append(f"situation au {date(context.situation)}\n")
    lines.append(f"Données : {escape.line(source_text(context))}")
    for item in context.filtres:
        lines.append(f"\nFiltre — {escape.line(f'{item.nom} : {item.valeur}')}", style="italic")
    return Panel(lines, box=box.ROUNDED, expand=False)


def source_text(context: RapportContexte) -> str:
    source = context.source
    if source.hors_git:
        return "hors de git"
    text = f"commit {source.commit} du {date(source.date)}" if source.commit else "aucun commit"
    return text + (" — modifications non enregistrées" if source.modifie else "")


def _banner(context: RapportContexte) -> RenderableType | None:
    if not context.problemes:
        return None
    body = Text()
    errors = context.nb_erreurs
    body.append(
        f"Rapport produit malgré {errors} erreur{'s' if errors > 1 else ''} de validation "
        "(--force) : les chiffres peuvent être faux ou incomplets.\n",
        style="bold",
    )
    if context.omissions.texte:
        body.append(f"Non compté : {escape.line(context.omissions.texte)}.\n")
    for problem in context.problemes:
        where = f"{problem.fichier}:{problem.ligne} [{problem.code}] {problem.message}"
        body.append(f"\n{escape.line(where)}")
    return Panel(body, title="Attention", border_style="red", expand=False)


def _figures(context: RapportContexte) -> Table:
    figures = context.chiffres
    table = _table("Chiffres clés", "", "", numeric=[1])
    table.show_header = False
    rows = [
        ("Conventions", str(figures.nb_conventions)),
        ("Actions", str(figures.nb_actions)),
        ("Partenaires", str(figures.nb_partenaires)),
        ("dont signataires du pacte", str(figures.nb_signataires)),
        ("Montant engagé", euros(figures.total_engage)),
        ("Budget des actions", euros(figures.total_budget)),
        ("Reste à financer", euros(figures.reste_a_financer)),
    ]
    if figures.couverture is not None:
        rows.append(("Taux de couverture du budget", percent(figures.couverture)))
    for label, value in rows:
        table.add_row(label, value)
    return table


def _money_rows(table: Table, rows: Sequence[Ligne], style: str = "") -> None:
    for row in rows:
        table.add_row(
            _text(row.libelle), *(euros(m) for m in row.montants), euros(row.total), style=style
        )


def _breakdown(context: RapportContexte) -> Table:
    figures = context.chiffres
    years = [str(y) for y in context.annees]
    table = _table("Montants engagés par axe", "Axe", *years, "Total", numeric=range(1, 99))
    _money_rows(table, figures.par_axe)
    table.add_section()
    _money_rows(table, [figures.par_annee], "bold")
    return table


def _funders(context: RapportContexte) -> Table:
    table = _table("Montants engagés par financeur", "Financeur", "Montant", "Part", numeric=[1, 2])
    for share in context.chiffres.par_financeur:
        table.add_row(_text(share.libelle), euros(share.montant), percent(share.part))
    return table


def _plan(title: str, plan: TableauFinancement) -> Table:
    years = [str(y) for y in plan.annees]
    table = _table(title, "Financeur", *years, "Total", numeric=range(1, 99))
    _money_rows(table, plan.lignes)
    table.add_section()
    _money_rows(table, [plan.totaux], "bold")
    _money_rows(table, [plan.budget, plan.ecart], "dim")
    return table


def _optional(amount: Decimal | None) -> str:
    return "—" if amount is None else euros(amount)


def _rate(ratio: Decimal | None) -> str:
    return "—" if ratio is None else percent(ratio)


def _execution(convention: ExecutionConvention, context: RapportContexte) -> Table:
    """Budget, engagé, versé, dépensé and the rates, year by year (closed years named)."""
    years = [f"{y.annee} {y.libelle}" for y in context.execution.annees]
    table = _table(f"Exécution — {convention.titre}", "", *years, "Total", numeric=range(1, 99))
    line = convention.total
    table.add_row("Budget", *(euros(m) for m in line.budget), euros(line.total_budget))
    table.add_row("Engagé", *(euros(m) for m in line.engage), euros(line.total_engage))
    table.add_row("Versé", *(euros(m) for m in line.verse), euros(line.total_verse))
    table.add_row("Versé / engagé", *(_rate(r) for r in line.taux_verse), "")
    table.add_row("Dépensé", *(_optional(m) for m in line.depense), _optional(line.total_depense))
    table.add_row("Dépensé / budget", *(_rate(r) for r in line.taux_depense), "")
    return table


def _statuses(context: RapportContexte) -> Table:
    table = _table("Actions par statut", "Statut", "Actions", "Part", numeric=[1, 2])
    for item in context.chiffres.par_statut:
        table.add_row(
            _text(item.libelle, style=_STATUS_STYLES.get(item.statut, "")),
            str(item.nombre),
            percent(item.part),
        )
    return table


def _actions(context: RapportContexte) -> Table:
    table = _table("Actions", "Action", "Pilote", "Fin", "Statut")
    for axis in context.axes:
        for convention in axis.conventions:
            for objective in convention.objectifs:
                for action in objective.actions:
                    table.add_row(
                        _text(action.titre),
                        _text(action.pilote.libelle),
                        date(action.fin),
                        _text(action.statut_libelle, style=_STATUS_STYLES.get(action.statut, "")),
                    )
    return table


def _attention(context: RapportContexte) -> Table:
    points = context.attention
    table = _table(f"Points d'attention ({points.total})", "Type", "Action", "Détail")
    for late in points.retards:
        table.add_row(
            Text("En retard", style="red"),
            _text(late.action.titre),
            f"fin prévue le {date(late.fin)} ({late.jours} jours)",
        )
    for short in points.sous_financements:
        table.add_row(
            "Sous-financée",
            _text(short.action.titre),
            f"{short.annee} : il manque {euros(short.manque)} sur {euros(short.budget)}",
        )
    for below in points.sous_cible:
        table.add_row(
            "Sous la cible",
            _text(below.action.titre),
            _text(
                f"{below.indicateur} {below.annee} : {number(below.realise)} pour "
                f"{number(below.cible)} {below.unite} ({percent(below.atteinte)})"
            ),
        )
    for missing in points.realises_manquants:
        table.add_row(
            "Réalisé manquant",
            _text(missing.action.titre),
            _text(f"{missing.indicateur} : rien de saisi pour {missing.annee}"),
        )
    for soon in points.echeances:
        table.add_row(
            "Échéance proche",
            _text(soon.action.titre),
            f"se termine le {date(soon.fin)} (dans {soon.jours} jours)",
        )
    if not points.total:
        table.add_row("—", "Aucun point d'attention", "")
    return table


def render(context: RapportContexte, options: Options) -> str:
    color, width = options.color, options.width
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or 100,
        highlight=False,
        emoji=False,
        markup=False,
    )
    parts: list[RenderableType | None] = [
        _cover(context),
        _banner(context),
        _figures(context),
        _breakdown(context),
        _funders(context),
        _statuses(context),
    ]
    parts += [_plan(f"Financement — {c.titre}", c.financement) for c in context.conventions]
    if context.execution_suivie:
        parts += [_execution(convention, context) for convention in context.execution.conventions]
    parts += [_actions(context), _attention(context)]
    console.print(Group(*(p for p in parts if p is not None)))
    console.print(Text(f"Rapport généré par pacte {context.version}.", style="dim"))
    return escape.command_free(buffer.getvalue())
