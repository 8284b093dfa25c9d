"""The WSGI application of `pacte serve`: its routes, and the checks every request goes through.

Order of the checks: the `Host` header (DNS rebinding), the request itself (UTF-8, size), the
route (a fixed table: an id in a path is matched against the identifier pattern, a file against
the files the validation read), then, for a writing request, its origin and its CSRF token.
In read-only mode the writing routes are not registered at all: no form, no POST is known.
Every response carries the security headers (`security.SECURITY_HEADERS`); a failure of pacte
itself is a French page (500) and one French line on the terminal, never a traceback.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pactecli.errors import PacteError
from pactecli.gcpause import cycle_collector_paused
from pactecli.web import creating, editing, pages, proposal, reportpages, views
from pactecli.web.history import HistoryCache
from pactecli.web.http import BadRequest, Request, Response, as_json, text
from pactecli.web.live import LivePact, State
from pactecli.web.locate import RecordRef
from pactecli.web.security import SECURITY_HEADERS, Guard

Handler = Callable[["WebApp", Request], Response]
_ID = r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)"


@dataclass(frozen=True)
class Route:
    methods: tuple[str, ...]
    pattern: str
    handler: Handler
    writes: bool = False

    def match(self, path: str) -> dict[str, str] | None:
        import re

        found = re.fullmatch(self.pattern, path)
        return found.groupdict() if found else None


def _fingerprint(app: WebApp, request: Request) -> Response:
    return as_json({"empreinte": app.live.fingerprint()})


def _stylesheet(app: WebApp, request: Request) -> Response:
    return text(app.stylesheet, "text/css; charset=utf-8")


def _script(app: WebApp, request: Request) -> Response:
    return text(app.script, "text/javascript; charset=utf-8")


READING = (
    Route(("GET",), "/", reportpages.roadmap),
    Route(("GET",), "/execution", reportpages.execution),
    Route(("GET",), "/bilan", reportpages.bilan),
    Route(("GET",), "/problemes", pages.problems),
    Route(("GET",), f"/actions/{_ID}", pages.action),
    Route(("GET",), "/partenaires", pages.partners_index),
    Route(("GET",), f"/partenaires/{_ID}", pages.partner),
    Route(("GET",), "/conventions", pages.conventions_index),
    Route(("GET",), f"/conventions/{_ID}", pages.convention),
    Route(("GET",), r"/fichier/(?P<path>[^\x00]{1,1000})", pages.file_view),
    Route(("GET",), "/empreinte", _fingerprint),
    Route(("GET",), "/style.css", _stylesheet),
    Route(("GET",), "/live.js", _script),
)
WRITING = (
    Route(("GET", "POST"), f"/actions/{_ID}/modifier", editing.edit_action, True),
    Route(("GET", "POST"), f"/partenaires/{_ID}/contributions", editing.edit_contributions, True),
    Route(("GET", "POST"), f"/conventions/{_ID}/engagements", editing.edit_engagements, True),
    Route(("GET", "POST"), "/nouveau/action", creating.new_action, True),
    Route(("GET", "POST"), "/nouveau/partenaire", creating.new_partner, True),
)
PROPOSAL = (Route(("GET", "POST"), "/proposition", proposal.page, True),)


def routes(writable: bool, git: bool) -> tuple[Route, ...]:
    """The routes served: reading always; writing unless read-only; the proposal with --git."""
    if not writable:
        return READING
    return READING + WRITING + (PROPOSAL if git else ())


class WebApp:
    def __init__(
        self,
        root: Path,
        guard: Guard,
        live: LivePact | None = None,
        writable: bool = True,
        git: bool = False,
    ) -> None:
        self.root = root
        self.guard = guard
        self.live = live or LivePact(root)
        self.writable = writable
        self.git = git and writable
        self.routes = routes(writable, self.git)
        self.histories = HistoryCache(root)
        self.write_lock = threading.Lock()
        self.stylesheet = views.stylesheet()
        self.script = views.environment().get_template("web/live.js.j2").render()
        self._local = threading.local()

    # --- what handlers use ------------------------------------------------------------------

    def state(self) -> State:
        return self.live.current()

    @property
    def token(self) -> str:
        return self.guard.token(getattr(self._local, "session", ""))

    def frame(self, state: State) -> views.Frame:
        validation = state.validation
        model = validation.model if validation else None
        territory = (model.pact.territoire if model and model.pact else None) or "Pacte"
        return views.Frame(
            territoire=territory,
            empreinte=state.fingerprint,
            nb_erreurs=validation.errors if validation else 0,
            nb_avertissements=validation.warnings if validation else 0,
            lecture_seule=not self.writable,
            git=self.git,
            jeton=self.token,
            defaillance=str(state.failure) if state.failure else None,
        )

    def page(
        self, name: str, state: State, title: str, active: str, status: int = 200, **values: Any
    ) -> Response:
        body = views.render(name, self.frame(state), title, active, **values)
        return Response(body.encode("utf-8"), status)

    def history(self, ref: RecordRef) -> Any:
        return self.histories.of(ref)

    def year_changes(self, year: int) -> Any:
        return self.histories.year_changes(year)

    # --- WSGI ---------------------------------------------------------------------------------

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        response = self.respond(environ)
        headers = [("Content-Type", response.content_type), *SECURITY_HEADERS, *response.headers]
        headers.append(("Content-Length", str(len(response.body))))
        start_response(response.status_line(), headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else response.body]

    def respond(self, environ: dict[str, Any]) -> Response:
        host = str(environ.get("HTTP_HOST", "")).lower()
        if host not in self.guard.hosts:
            return text(
                "Adresse refusée : ce serveur ne répond qu'à son adresse "
                f"({', '.join(sorted(self.guard.hosts))}).\n",
                "text/plain; charset=utf-8",
                421,
            )
        try:
            request = Request.from_environ(environ)
            if request.method == "HEAD":
                request.method = "GET"
            # As `pacte report` does: the pact, its context and its page are trees of objects
            # without cycles, which the collector would rescan again and again (half of the
            # rendering of a 10 000-action roadmap); reference counting frees them all.
            with cycle_collector_paused():
                return self._dispatch(request)
        except BadRequest as refused:
            return self._error_page(str(refused), refused.status)
        except PacteError as error:
            return self._error_page(str(error), 400)
        except Exception as error:  # a defect of pacte: a French page, one line on the terminal
            _say(f"pacte serve : erreur interne ({type(error).__name__} : {error})")
            return self._error_page(
                f"erreur interne de pacte ({type(error).__name__}) : c'est un défaut de pacte, "
                "pas de vos fichiers ; merci de le signaler",
                500,
            )

    def _dispatch(self, request: Request) -> Response:
        session, new = self.guard.session(request)
        self._local.session = session
        route, params = self._route(request)
        request.params = params
        if route.writes and request.method == "POST":
            refusal = self.guard.write_refusal(request)
            if refusal is not None:
                raise BadRequest(f"modification refusée : {refusal}", 403)
        response = route.handler(self, request)
        if new:
            self.guard.set_cookie(response, session)
        return response

    def _route(self, request: Request) -> tuple[Route, dict[str, str]]:
        known_path = False
        for route in self.routes:
            params = route.match(request.path)
            if params is None:
                continue
            known_path = True
            if request.method in route.methods:
                return route, params
        if known_path:
            raise BadRequest("méthode non permise pour cette adresse", 405)
        raise pages.NotFound(f"aucune page à l'adresse « {request.path} »")

    def _error_page(self, reason: str, status: int) -> Response:
        try:
            return pages.not_found(self, reason, status)
        except Exception:  # the pact itself may be what fails: plain text then
            return text(f"{reason}\n", "text/plain; charset=utf-8", status)


def _say(line: str) -> None:
    from pactecli.render import escape

    if sys.stderr is not None:
        print(escape.line(line), file=sys.stderr)
