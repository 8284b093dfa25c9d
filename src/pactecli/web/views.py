"""Rendering the pages: the report's Jinja environment, the pages' shared frame.

The pages are `templates/web/*.html.j2`, which include the report's own partials, so the web
view and `pacte report --format html` read the same. They run in the report's trusted
environment (`render.roadmap.templating.environment`, outside the sandbox: the templates ship
with pacte; a pact's `templates/` overrides apply to `pacte report` only), which escapes every
`{{ value }}` (`escape.html`): no record value is ever marked safe. The charts get ids unique
within each page, drawn afresh for every render.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from pactecli import __version__
from pactecli.render.roadmap import charts, templating


@functools.cache
def environment() -> jinja2.Environment:
    return templating.environment("html")


@dataclass(frozen=True)
class Frame:
    """What every page shows around its content."""

    territoire: str
    empreinte: str
    nb_erreurs: int
    nb_avertissements: int
    lecture_seule: bool
    git: bool
    jeton: str
    defaillance: str | None = None
    """Why the pact could not be read at all (no pacte.yaml...), or None."""


def render(name: str, frame: Frame, title: str, active: str, **variables: Any) -> str:
    ids = charts.Ids()
    values: dict[str, Any] = {
        "graphique_axes": functools.partial(charts.axis_years, ids),
        "graphique_financeurs": functools.partial(charts.funder_shares, ids),
        "graphique_execution": functools.partial(charts.execution_years, ids),
        "cadre": frame,
        "titre_page": title,
        "actif": active,
        "version": __version__,
        "rechargement": "auto",
        "avis": None,
    }
    values.update(variables)
    return environment().get_template(f"web/{name}.html.j2").render(values)


def stylesheet() -> str:
    """The report's style sheet, then the web view's own rules."""
    env = environment()
    report = env.get_template("partials/style.css.j2").render()
    bilan = env.get_template("partials/bilan.css.j2").render()
    return "\n".join((report, bilan, env.get_template("web/web.css.j2").render()))


def report_variables(context_variables: Mapping[str, Any]) -> dict[str, Any]:
    """The report's variables for its partials, without its banner « produit malgré des
    erreurs (option --force) »: the web view has its own, on every page."""
    found = dict(context_variables)
    found["problemes"] = ()
    return found
