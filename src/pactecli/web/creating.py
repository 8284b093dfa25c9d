"""The forms that create a record: a new action or a new partner, written as `pacte new`
writes it (`author.records`, with the schema's notes), at the place its id and convention give,
only when the new file has no error of its own (the whole pact validated in memory first)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pactecli.author import records
from pactecli.author.files import create_file
from pactecli.author.writing import must_be_new
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.errors import UsageError
from pactecli.layout import Kind
from pactecli.load.ids import IDENTIFIER
from pactecli.web import forms, recordforms
from pactecli.web.editing import Invalid, pact_years_of, problem
from pactecli.web.http import Request, Response, redirect
from pactecli.web.live import State
from pactecli.web.locate import RecordRef, parse_json_path, record_url
from pactecli.web.pages import failure_page, shown

if TYPE_CHECKING:
    from pactecli.web.app import WebApp


def new_action(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    model = state.validation.model
    groups = recordforms.new_action_groups(model, pact_years_of(state))

    def text_of(values: dict[str, forms.Field]) -> tuple[str, str]:
        objective = model.objectives_by_id.get(values["objectif"].value)
        convention = model.conventions_by_id.get(objective.convention_id) if objective else None
        if convention is None:
            values["objectif"].problems.append(problem("", "$.objectif", "choisissez un objectif"))
            raise Invalid([])
        identifier = values["id"].value
        path = f"data/conventions/{convention.folder}/actions/{identifier}.yaml"
        fields = records.ActionFields(
            id=identifier,
            titre=values["titre"].value or records.TO_FILL,
            objectif=objective.id,  # type: ignore[union-attr]
            pilote=values["pilote"].value,
            debut=values["calendrier.debut"].value,
            fin=values["calendrier.fin"].value,
            statut=values["statut"].value or "non_demarre",
            nature=values["nature"].value or None,
            partenaires=list(values["partenaires"].values),
            budget=[
                (int(name.rsplit(".", 1)[1]), records.amount(f.value))
                for name, f in values.items()
                if name.startswith("budget.") and f.value
            ],
        )
        return path, records.action_text(fields, path, made_by="pacte serve")

    return _create(app, request, state, groups, Kind.ACTION, text_of, "Nouvelle action")


def new_partner(app: WebApp, request: Request) -> Response:
    state = app.state()
    if state.validation is None:
        return failure_page(app, state)
    groups = recordforms.new_partner_groups()

    def text_of(values: dict[str, forms.Field]) -> tuple[str, str]:
        identifier = values["id"].value
        path = f"data/partners/{identifier}.yaml"
        fields = records.PartnerFields(
            id=identifier,
            nom=values["nom"].value or records.TO_FILL,
            categorie=values["categorie"].value,
            signataire_pacte=values["signataire_pacte"].value == "true",
            sigle=values["sigle"].value or None,
            siret=values["siret"].value or None,
        )
        return path, records.partner_text(fields, path, made_by="pacte serve")

    return _create(app, request, state, groups, Kind.PARTNER, text_of, "Nouveau partenaire")


def _create(
    app: WebApp,
    request: Request,
    state: State,
    groups: list[forms.Group],
    kind: Kind,
    text_of: Callable[[dict[str, forms.Field]], tuple[str, str]],
    title: str,
) -> Response:
    page = "/nouveau/action" if kind is Kind.ACTION else "/nouveau/partenaire"

    def again(others: Sequence[Diagnostic] = (), status: int = 422) -> Response:
        return app.page(
            "nouveau",
            state,
            title,
            "nouveau",
            status=status,
            groupes=groups,
            tous_groupes=list(forms.walk(groups)),
            action_formulaire=page,
            autres=shown(list(others), state, app.writable),
            echec=status == 422,
            rechargement="avertir",
            nb_problemes=len(others)
            + sum(len(f.problems) for g in forms.walk(groups) for f in g.fields),
        )

    if request.method == "GET":
        return again(status=200)
    forms.fill(groups, request.form())
    values = {f.name: f for g in groups for f in g.fields}
    identifier = values["id"].value
    if not IDENTIFIER.fullmatch(identifier) or len(identifier) > 64:
        values["id"].problems.append(
            problem(
                "",
                "$.id",
                "identifiant invalide : minuscules non accentuées, chiffres et "
                "tirets, 64 caractères au plus (ex. « aide-mobilite »)",
            )
        )
        return again()
    assert state.validation is not None
    model = state.validation.model
    taken = model.actions_by_id if kind is Kind.ACTION else model.partners_by_id
    if identifier in taken or identifier in model.unread_ids(kind):
        what = "une action" if kind is Kind.ACTION else "un partenaire"
        values["id"].problems.append(
            problem(
                "",
                "$.id",
                f"{what} « {identifier} » existe déjà : choisissez un autre "
                "identifiant (il est unique dans tout le pacte)",
            )
        )
        return again()
    try:
        path, text = text_of(values)
        must_be_new(app.root, path)
    except Invalid:
        return again()
    except UsageError as error:
        values["id"].problems.append(problem("", "$.id", str(error)))
        return again()
    content = text.encode("utf-8")
    after = app.live.validate_with(path, content)
    own = [d for d in after.diagnostics if d.location.path == path and d.severity is Severity.ERROR]
    if own:
        return again(forms.attach(groups, own, parse_json_path))
    with app.write_lock:
        try:
            create_file(app.root / path, text)
        except UsageError as error:
            values["id"].problems.append(problem("", "$.id", str(error)))
            return again()
    ref = RecordRef(kind, identifier)
    return redirect(record_url(ref) + "?enregistre=1")
