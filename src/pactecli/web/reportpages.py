"""The report pages: the roadmap, the execution view and the yearly bilan, each with its
filters as links. A page depends only on the state of the pact and its filters, so it is made
once per state (`State.page`) and served to every session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pactecli.errors import UsageError
from pactecli.report.selection import Filters, check_filters, pact_years
from pactecli.web import views
from pactecli.web.http import Request, Response, with_query
from pactecli.web.live import State
from pactecli.web.pages import NotFound, failure_page

if TYPE_CHECKING:
    from pactecli.web.app import WebApp


def filters_of(request: Request, state: State) -> Filters:
    year = request.query.get("annee")
    if year is not None and not (year.isdigit() and len(year) == 4):
        raise NotFound(f"année « {year} » illisible")
    filters = Filters(
        request.query.get("convention"),
        request.query.get("axe"),
        request.query.get("partenaire"),
        int(year) if year else None,
    )
    assert state.validation is not None
    try:
        check_filters(state.validation.model, filters)
    except UsageError as error:
        raise NotFound(str(error).replace("--", "filtre ", 1)) from None
    return filters


@dataclass(frozen=True)
class FilterLink:
    libelle: str
    lien: str
    actif: bool


def filter_links(state: State, filters: Filters, page: str) -> dict[str, list[FilterLink]]:
    """Every filter value as a link (the others kept), and « tout » to drop that filter."""
    assert state.validation is not None
    model = state.validation.model
    current = {
        "convention": filters.convention,
        "axe": filters.axe,
        "partenaire": filters.partenaire,
        "annee": str(filters.annee) if filters.annee else None,
    }
    options = {
        "convention": [(c.id, c.titre) for c in model.conventions],
        "axe": [(a.id, f"{a.numero}. {a.label}") for a in (model.pact.axes if model.pact else [])],
        "partenaire": sorted(((p.id, p.label) for p in model.partners), key=lambda p: p[1].lower()),
        "annee": [(str(y), str(y)) for y in pact_years(model)],
    }
    links: dict[str, list[FilterLink]] = {}
    for name, values in options.items():
        others = [(k, v or "") for k, v in current.items() if k != name]
        links[name] = [FilterLink("Tout", with_query(page, others), current[name] is None)]
        links[name] += [
            FilterLink(label, with_query(page, [*others, (name, value)]), current[name] == value)
            for value, label in values
        ]
    return links


def roadmap(app: WebApp, request: Request) -> Response:
    return _report_page(app, request, "feuille", "/", "Feuille de route")


def execution(app: WebApp, request: Request) -> Response:
    return _report_page(app, request, "execution", "/execution", "Exécution")


def bilan(app: WebApp, request: Request) -> Response:
    """The yearly bilan (`pacte bilan`) of `?annee=` (by default the last year begun, closed or
    not) and `?convention=`; changes of the year from git when the pact is in a repository."""
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    model = state.validation.model
    years = [y for y in pact_years(model) if y <= state.as_of.year]
    filters = filters_of(request, state)
    if not years:
        raise NotFound("le pacte n'a pas encore d'année commencée")
    year = filters.annee if filters.annee is not None else years[-1]
    if year not in years:
        raise NotFound(f"l'année {year} n'a pas commencé : elle n'a pas encore de bilan")

    def render() -> bytes:
        from pactecli.report.bilan import build_bilan

        context = build_bilan(
            model,
            state.validation.diagnostics if state.validation else (),
            year,
            filters.convention,
            state.as_of,
            state.provenance,
            app.year_changes(year),
        )
        links = filter_links(state, Filters(filters.convention, None, None, year), "/bilan")
        return app.page(
            "bilan",
            state,
            f"{context.titre}{' (provisoire)' if context.provisoire else ''}",
            "bilan",
            liens_filtres={
                "annee": [link for link in links["annee"][1:] if int(link.libelle) in years],
                "convention": links["convention"],
            },
            **context.variables(),
        ).body

    return Response(state.page(f"bilan?{year}?{filters.convention}", render))


def _report_page(app: WebApp, request: Request, name: str, path: str, title: str) -> Response:
    """The roadmap or the execution view of some filters: the same for every session, so made
    once per state of the pact (see `State.page`)."""
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    filters = filters_of(request, state)

    def render() -> bytes:
        context = state.context(filters)
        return app.page(
            name,
            state,
            f"{title} — {context.territoire}",
            name,
            liens_filtres=filter_links(state, filters, path),
            **views.report_variables(context.variables()),
        ).body

    return Response(state.page(f"{name}?{filters!r}", render))
