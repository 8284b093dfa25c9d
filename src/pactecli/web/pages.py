"""The reading pages: the problems, one page per action, partner and convention (with its git
history), the files at their lines (the report pages are in `reportpages`).

Each page is built from the current state of the pact (`live.State`): its validation and the
report context of the filters asked. A record is looked up by id in the model, a file by its
path among those the validation read: nothing in a request is ever joined into a path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pactecli.diagnostics import Diagnostic, Severity
from pactecli.layout import Kind
from pactecli.report.context_types import ActionVue, Axe, ConventionAxe, Objectif, RapportContexte
from pactecli.report.selection import Filters
from pactecli.web import views
from pactecli.web.http import BadRequest, Request, Response
from pactecli.web.live import State
from pactecli.web.locate import Place, RecordRef, file_url, place, record_url, records_by_file

if TYPE_CHECKING:
    from pactecli.web.app import WebApp


class NotFound(BadRequest):
    def __init__(self, reason: str) -> None:
        super().__init__(reason, 404)


@dataclass(frozen=True)
class Shown:
    """A problem as the pages list it: what, where, and the links to fix it."""

    gravite: str
    code: str
    fichier: str
    ligne: int
    colonne: int
    message: str
    aide: str
    lien: str
    lien_fichier: str


def shown(diagnostics: list[Diagnostic], state: State, writable: bool) -> list[Shown]:
    refs = records_by_file(state.validation.model) if state.validation else {}
    found = []
    for d in diagnostics:
        where: Place = place(d, refs, writable, None)
        found.append(
            Shown(
                d.severity.value,
                d.code,
                d.location.path,
                d.location.line,
                d.location.column,
                d.message,
                d.hint,
                where.url,
                where.file_url,
            )
        )
    return found


def problems_of(state: State, path: str) -> list[Diagnostic]:
    if state.validation is None:
        return []
    return [
        d
        for d in state.validation.diagnostics
        if d.location.path == path and d.severity is not Severity.INFO
    ]


def failure_page(app: WebApp, state: State) -> Response:
    assert state.failure is not None
    return app.page(
        "defaillance",
        state,
        "Pacte illisible",
        "",
        status=500,
        message=str(state.failure),
        aide=state.failure.hint,
    )


# --- problems -----------------------------------------------------------------------------


def problems(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    listed = [d for d in state.validation.diagnostics if d.severity is not Severity.INFO]
    notes = [d for d in state.validation.diagnostics if d.severity is Severity.INFO]
    return app.page(
        "problemes",
        state,
        "Problèmes du pacte",
        "problemes",
        problemes_web=shown(listed, state, app.writable),
        notes=shown(notes, state, app.writable),
        nb_fichiers=state.validation.file_count,
    )


# --- records ------------------------------------------------------------------------------


def _placed(context: RapportContexte) -> Iterator[tuple[Axe, ConventionAxe, Objectif, ActionVue]]:
    """Each action with where the roadmap shows it: axis > convention > objective."""
    for axis in context.axes:
        for convention in axis.conventions:
            for objective in convention.objectifs:
                for item in objective.actions:
                    yield axis, convention, objective, item


def _actions(context: RapportContexte) -> Iterator[ActionVue]:
    return (item for *_, item in _placed(context))


def action(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    wanted = request.params["id"]
    record = state.validation.model.actions_by_id.get(wanted)
    context = state.context(Filters())
    found = next((p for p in _placed(context) if p[3].id == wanted), None)
    if record is None or found is None:
        raise NotFound(f"aucune action « {wanted} » dans le pacte")
    axis, in_convention, objective, view = found
    return _record_page(
        app,
        request,
        state,
        context,
        "action",
        f"Action — {record.titre}",
        record.origin.file,
        RecordRef(Kind.ACTION, record.id),
        action=view,
        axe=axis,
        convention_axe=in_convention,
        objectif=objective,
    )


def partner(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    wanted = request.params["id"]
    record = state.validation.model.partners_by_id.get(wanted)
    if record is None:
        raise NotFound(f"aucun partenaire « {wanted} » dans le pacte")
    context = state.context(Filters())
    block = next((b for b in context.partenaires if b.partenaire.id == wanted), None)
    led = [a for a in _actions(context) if a.pilote.id == wanted]
    return _record_page(
        app,
        request,
        state,
        context,
        "partenaire",
        f"Partenaire — {record.nom}",
        record.origin.file,
        RecordRef(Kind.PARTNER, record.id),
        partenaire=record,
        bloc=block,
        pilotees=led,
    )


def convention(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    wanted = request.params["id"]
    record = state.validation.model.conventions_by_id.get(wanted)
    context = state.context(Filters())
    view = next((c for c in context.conventions if c.id == wanted), None)
    if record is None or view is None:
        raise NotFound(f"aucune convention « {wanted} » dans le pacte")
    actions = [a for a in _actions(context) if a.convention == wanted]
    return _record_page(
        app,
        request,
        state,
        context,
        "convention",
        f"Convention — {record.titre}",
        record.origin.file,
        RecordRef(Kind.CONVENTION, record.id),
        c=view,
        actions=actions,
    )


_SAVED = {"1": "Modifications enregistrées.", "0": "Aucune valeur n'a changé : rien n'a été écrit."}


def _record_page(
    app: WebApp,
    request: Request,
    state: State,
    context: RapportContexte,
    name: str,
    title: str,
    path: str,
    ref: RecordRef,
    **variables: Any,
) -> Response:
    history = app.history(ref) if ref.kind is not Kind.CONVENTION else None
    return app.page(
        name,
        state,
        title,
        "",
        fichier=path,
        lien_fichier=file_url(path),
        lien_page=record_url(ref),
        problemes_fiche=shown(problems_of(state, path), state, app.writable),
        historique=history,
        avis_enregistre=_SAVED.get(request.query.get("enregistre", "")),
        **views.report_variables(context.variables()),
        **variables,
    )


def partners_index(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    context = state.context(Filters())
    totals = {b.partenaire.id: b for b in context.partenaires}
    partners = sorted(state.validation.model.partners, key=lambda p: p.label.lower())
    return app.page(
        "partenaires",
        state,
        "Partenaires",
        "partenaires",
        liste=partners,
        blocs=totals,
        **views.report_variables(context.variables()),
    )


def conventions_index(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    context = state.context(Filters())
    return app.page(
        "conventions",
        state,
        "Conventions",
        "conventions",
        **views.report_variables(context.variables()),
    )


# --- files --------------------------------------------------------------------------------


def file_view(app: WebApp, request: Request) -> Response:
    """A file of the pact with its lines numbered, if the validation read (or refused) it."""
    state = app.state()
    wanted = request.params["path"]
    known = state.validation.paths if state.validation else ()
    if wanted not in known:
        raise NotFound(f"« {wanted} » n'est pas un fichier du pacte")
    content = state.contents.get(wanted)
    text = content.decode("utf-8", "replace") if content is not None else None
    return app.page(
        "fichier",
        state,
        f"Fichier {wanted}",
        "",
        fichier=wanted,
        lignes=text.splitlines() if text is not None else None,
        problemes_fiche=shown(problems_of(state, wanted), state, app.writable),
    )


def not_found(app: WebApp, reason: str, status: int = 404) -> Response:
    state = app.state()
    return app.page(
        "erreur",
        state,
        "Page introuvable" if status == 404 else "Demande refusée",
        "",
        status=status,
        message=reason,
    )
