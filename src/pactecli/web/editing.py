"""The forms that write in existing records: an action, a partner's contributions, a
convention's signed amounts (new records: `creating`).

A submission goes through the same steps as `pacte new` (`author`): the changed fields become
edits made in place (`author.edit`, every other byte kept), the pact is validated in memory with
the edited file (the validator of `pacte validate`), and the file is written (atomically, in
one rename) only when that file has no new error; otherwise the form comes back with each
problem next to its field. Problems the change causes in other files (an action not fully
funded yet) do not block: they are the next things to do, listed on the problems page. The form
carries the SHA-256 of the file it was built from: if the file changed on disk since, nothing is
written and both versions are shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pactecli.author import edit as editor
from pactecli.author import records
from pactecli.author.contribution import append_contribution
from pactecli.author.files import replace_file
from pactecli.author.writing import inside
from pactecli.diagnostics import Diagnostic, Location, Severity, problem_key
from pactecli.errors import UsageError
from pactecli.layout import Kind
from pactecli.load import documents
from pactecli.load.sources import FolderSnapshot, Source
from pactecli.report.selection import pact_years
from pactecli.web import forms, recordforms
from pactecli.web.http import Request, Response, redirect
from pactecli.web.live import State
from pactecli.web.locate import RecordRef, file_url, parse_json_path, record_url
from pactecli.web.pages import NotFound, failure_page, problems_of, shown

if TYPE_CHECKING:
    from pactecli.web.app import WebApp

MAX_NEW_CONTRIBUTIONS = 20


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass
class Target:
    """The record a form edits: where it is, its bytes on disk, its data."""

    ref: RecordRef
    kind: Kind
    path: str
    title: str
    content: bytes
    data: Any


def _target(app: WebApp, state: State, ref: RecordRef, path: str, title: str) -> Target:
    try:
        content = FolderSnapshot(app.root).read(path)
    except OSError:
        raise NotFound(f"le fichier {path} est illisible") from None
    document, problems = documents.load(Source(path, ref.kind, content))
    if document is None or any(p.code in ("yaml-invalide", "cle-dupliquee") for p in problems):
        raise UsageError(
            f"{path} a des erreurs de lecture YAML : il ne se modifie pas par formulaire",
            hint=f"corrigez-le dans un éditeur de texte (voir {file_url(path)})",
        )
    return Target(ref, ref.kind, path, title, content, document.data)


def pact_years_of(state: State) -> tuple[int, ...]:
    assert state.validation is not None
    return pact_years(state.validation.model)


# --- the three edit forms -----------------------------------------------------------------


def edit_action(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    model = state.validation.model
    action = model.actions_by_id.get(request.params["id"])
    if action is None:
        raise NotFound(f"aucune action « {request.params['id']} » dans le pacte")
    target = _target(
        app, state, RecordRef(Kind.ACTION, action.id), action.origin.file, action.titre
    )

    def build(data: Any, submitted: dict[str, list[str]]) -> list[forms.Group]:
        return recordforms.action_groups(
            model, data, action.convention_folder, pact_years_of(state)
        )

    return _edit(app, request, state, target, build, f"Modifier l'action « {action.titre} »")


def edit_contributions(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    model = state.validation.model
    partner = model.partners_by_id.get(request.params["id"])
    if partner is None:
        raise NotFound(f"aucun partenaire « {request.params['id']} » dans le pacte")
    target = _target(
        app, state, RecordRef(Kind.PARTNER, partner.id), partner.origin.file, partner.nom
    )

    def build(data: Any, submitted: dict[str, list[str]]) -> list[forms.Group]:
        count = _count(submitted.get("nouvelles", ["0"])[0])
        if submitted.get("operation", [""])[0] == "ajouter":
            count = min(count + 1, MAX_NEW_CONTRIBUTIONS)
        return recordforms.contribution_groups(model, data, pact_years_of(state), count)

    return _edit(
        app, request, state, target, build, f"Contributions — {partner.label}", contributions=True
    )


def edit_engagements(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    model = state.validation.model
    convention = model.conventions_by_id.get(request.params["id"])
    if convention is None:
        raise NotFound(f"aucune convention « {request.params['id']} » dans le pacte")
    target = _target(
        app,
        state,
        RecordRef(Kind.CONVENTION, convention.id),
        convention.origin.file,
        convention.titre,
    )
    funders = list(dict.fromkeys([*convention.signataires, *convention.engagements]))

    def build(data: Any, submitted: dict[str, list[str]]) -> list[forms.Group]:
        written = data.get("engagements") if isinstance(data, dict) else None
        extra = [k for k in written if isinstance(k, str)] if isinstance(written, dict) else []
        every = list(dict.fromkeys([*funders, *extra]))
        return recordforms.engagement_groups(model, data, every, pact_years_of(state))

    return _edit(app, request, state, target, build, f"Montants signés — {convention.titre}")


def _count(text: str) -> int:
    return min(int(text), MAX_NEW_CONTRIBUTIONS) if text.isdigit() else 0


# --- the shared steps -----------------------------------------------------------------------

Build = Callable[[Any, dict[str, list[str]]], list[forms.Group]]


def _edit(
    app: WebApp,
    request: Request,
    state: State,
    target: Target,
    build: Build,
    title: str,
    contributions: bool = False,
) -> Response:
    submitted = request.form() if request.method == "POST" else {}
    groups = build(target.data, submitted)
    if request.method == "GET":
        app.live.remember(target.content)
        forms.attach(groups, problems_of(state, target.path), parse_json_path)
        return _form(app, state, target, groups, title, [], contributions, target.content)
    forms.fill(groups, submitted)
    base = request.value("empreinte_fichier")
    if submitted.get("operation", [""])[0] == "ajouter":
        return _form(app, state, target, groups, title, [], contributions, None, base)
    try:
        changes = forms.edits([g for g in groups if not g.name.startswith("nouvelle.")])
        changes += _removed(groups, submitted) if contributions else []
        updated = _updated(target, changes, groups if contributions else [])
    except Invalid as invalid:
        return _form(
            app, state, target, groups, title, invalid.problems, contributions, None, base, 422
        )
    except UsageError as error:
        refused = problem(target.path, "$", str(error))
        return _form(app, state, target, groups, title, [refused], contributions, None, base, 422)
    if base != digest(target.content):
        return _conflict(app, state, target, base, changes)
    if updated == target.content:
        return redirect(record_url(target.ref) + "?enregistre=0")
    fresh = _new_errors(app, state, target.path, updated)
    if fresh:
        left = forms.attach(groups, fresh, parse_json_path)
        return _form(app, state, target, groups, title, left, contributions, None, base, 422)
    with app.write_lock:
        now = FolderSnapshot(app.root).read(target.path)
        if digest(now) != base:
            return _conflict(app, state, target, base, changes)
        inside(app.root, target.path)
        replace_file(app.root / target.path, updated)
    return redirect(record_url(target.ref) + "?enregistre=1")


class Invalid(Exception):
    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__("formulaire invalide")
        self.problems = problems


def _removed(groups: Sequence[forms.Group], submitted: dict[str, list[str]]) -> list[editor.Edit]:
    wanted = {v for v in submitted.get("retirer", []) if v.isdigit()}
    return [
        editor.Remove(("contributions", g.removable))
        for g in groups
        if g.removable is not None and str(g.removable) in wanted
    ]


def _updated(target: Target, changes: list[editor.Edit], groups: Sequence[forms.Group]) -> bytes:
    """The file with the edits made, then the new contributions appended."""
    updated = editor.apply(target.content, target.kind, changes) if changes else target.content
    for group in groups:
        if group.name.startswith("nouvelle."):
            fields = _new_contribution(group, target.path)
            if fields is not None:
                updated = append_contribution(updated, fields)
    return updated


def _new_contribution(group: forms.Group, path: str) -> records.ContributionFields | None:
    values = {f.name.split(".", 2)[2]: f for g in forms.walk([group]) for f in g.fields}
    target = values["cible"].value
    amounts = [
        (int(name.rsplit(".", 1)[1]), records.amount(f.value))
        for name, f in values.items()
        if name.startswith("montants.") and f.value
    ]
    etp, description = values["etp"].value, values["description"].value
    if not target and not amounts and not etp and not description:
        return None  # a blank block left as it came: nothing to add
    if ":" not in target:
        values["cible"].problems.append(
            problem(path, "$", "nouvelle contribution : choisissez l'action ou la convention")
        )
        raise Invalid([])
    what, identifier = target.split(":", 1)
    nature = values["nature"].value or "financiere"
    return records.ContributionFields(
        nature,
        action=identifier if what == "action" else None,
        convention=identifier if what == "convention" else None,
        montants=amounts,
        etp=etp or None,
        description=description or None,
    )


def problem(path: str, json_path: str, message: str) -> Diagnostic:
    return Diagnostic("formulaire", Severity.ERROR, Location(path, json_path=json_path), message)


def _new_errors(app: WebApp, state: State, path: str, content: bytes) -> list[Diagnostic]:
    """The errors the edited file would have that it has not now."""
    before = {problem_key(d) for d in problems_of(state, path)}
    after = app.live.validate_with(path, content)
    return [
        d
        for d in after.diagnostics
        if d.location.path == path and d.severity is Severity.ERROR and problem_key(d) not in before
    ]


def _form(
    app: WebApp,
    state: State,
    target: Target,
    groups: list[forms.Group],
    title: str,
    others: list[Diagnostic],
    contributions: bool,
    content: bytes | None,
    base: str | None = None,
    status: int = 200,
) -> Response:
    failed = status == 422
    every = [
        p
        for g in forms.walk(groups)
        for p in (*g.problems, *(q for f in g.fields for q in f.problems))
    ]
    return app.page(
        "formulaire",
        state,
        title,
        "",
        status=status,
        cible=target,
        groupes=groups,
        tous_groupes=list(forms.walk(groups)),
        action_formulaire=_form_url(target.ref),
        lien_page=record_url(target.ref),
        empreinte_fichier=base if base is not None else digest(content or b""),
        autres=shown(others, state, app.writable),
        echec=failed,
        nb_problemes=len(every) + len(others),
        contributions=contributions,
        nouvelles=sum(1 for g in groups if g.name.startswith("nouvelle.")),
        rechargement="avertir",
    )


def _form_url(ref: RecordRef) -> str:
    suffix = {
        Kind.ACTION: "modifier",
        Kind.PARTNER: "contributions",
        Kind.CONVENTION: "engagements",
    }
    return f"{record_url(ref)}/{suffix[ref.kind]}"


def _conflict(
    app: WebApp, state: State, target: Target, base: str, changes: list[editor.Edit]
) -> Response:
    original = app.live.remembered(base)
    mine: str | None = None
    if original is not None:
        try:
            mine = editor.apply(original, target.kind, changes).decode("utf-8", "replace")
        except UsageError:
            mine = None
    return app.page(
        "conflit",
        state,
        "Le fichier a changé sur le disque",
        "",
        status=409,
        cible=target,
        sur_disque=target.content.decode("utf-8", "replace"),
        votre_version=mine,
        differences=_differences(target.content.decode("utf-8", "replace"), mine),
        lien_formulaire=_form_url(target.ref),
        rechargement="avertir",
    )


def _differences(on_disk: str, mine: str | None) -> list[str]:
    """The lines where the two versions differ (a unified diff: « - » disk, « + » yours)."""
    import difflib

    if mine is None:
        return []
    lines = difflib.unified_diff(
        on_disk.splitlines(), mine.splitlines(), "sur le disque", "votre version", lineterm="", n=1
    )
    return list(lines)[2:]
