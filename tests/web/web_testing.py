"""A test client for the WSGI application of `pacte serve`: requests are environ dicts given to
the application callable, cookies are kept like a browser keeps them."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit
from wsgiref.util import setup_testing_defaults

from pacte_testing import AS_OF_DATE
from pactecli.load.git import Provenance
from pactecli.web.app import WebApp
from pactecli.web.live import LivePact
from pactecli.web.security import Guard, allowed_hosts

PORT = 8000
HOST = f"127.0.0.1:{PORT}"


def no_git(root: Path) -> Provenance:
    return Provenance(None, None, False, True)


def make_app(
    root: Path, writable: bool = True, git: bool = False, provenance: Any = None
) -> WebApp:
    live = LivePact(root, AS_OF_DATE, provenance or no_git)
    return WebApp(root, Guard(allowed_hosts("127.0.0.1", PORT), PORT), live, writable, git)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def field(self, name: str) -> str:
        """The value of the hidden or text input `name` of the page."""
        found = re.search(rf'name="{re.escape(name)}" [^>]*value="([^"]*)"', self.text)
        if found is None:
            found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        assert found is not None, f"champ {name} absent"
        return html.unescape(found.group(1))

    def __str__(self) -> str:
        return f"{self.status}\n{self.text[:3000]}"


@dataclass
class Client:
    app: WebApp
    host: str = HOST
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        target: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        raw_path: bytes | None = None,
    ) -> Answer:
        parts = urlsplit(target)
        environ: dict[str, Any] = {}
        setup_testing_defaults(environ)
        # As wsgiref does: the path percent-decoded, its bytes given as latin-1 text.
        path = (
            raw_path.decode("latin-1") if raw_path is not None else unquote(parts.path, "latin-1")
        )
        environ.update(
            REQUEST_METHOD=method,
            PATH_INFO=path,
            QUERY_STRING=parts.query,
            HTTP_HOST=self.host,
            CONTENT_LENGTH=str(len(body)),
            CONTENT_TYPE="application/x-www-form-urlencoded" if method == "POST" else "",
        )
        environ["wsgi.input"] = io.BytesIO(body)
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for name, value in (headers or {}).items():
            key = name.upper().replace("-", "_")
            if value is None:
                environ.pop(f"HTTP_{key}", None)
            elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                environ[key] = value
            else:
                environ[f"HTTP_{key}"] = value
        started: dict[str, Any] = {}

        def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
            started["status"] = int(status.split()[0])
            started["headers"] = response_headers

        chunks = self.app(environ, start_response)
        headers_dict: dict[str, str] = {}
        for name, value in started["headers"]:
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key] = val
            headers_dict[name.lower()] = value
        return Answer(started["status"], headers_dict, b"".join(chunks))

    def get(self, target: str, **options: Any) -> Answer:
        return self.request("GET", target, **options)

    def post(self, target: str, fields: list[tuple[str, str]], **options: Any) -> Answer:
        return self.request("POST", target, urlencode(fields).encode("utf-8"), **options)

    def submit(
        self, target: str, changes: dict[str, str | list[str]], drop: tuple[str, ...] = ()
    ) -> Answer:
        """Open the form at `target`, change some fields, submit everything like a browser."""
        page = self.get(target)
        assert page.status == 200, page
        fields = [(k, v) for k, v in form_fields(page.text) if k not in changes and k not in drop]
        for name, value in changes.items():
            fields += [(name, v) for v in ([value] if isinstance(value, str) else value)]
        return self.post(target, fields)


_INPUT = re.compile(
    r"<input ([^>]*)>|<select ([^>]*)>(.*?)</select>|<textarea ([^>]*)>\n?(.*?)</textarea>", re.S
)


def _attr(attributes: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', attributes)
    return html.unescape(found.group(1)) if found else None


def form_fields(page: str) -> list[tuple[str, str]]:
    """What a browser sends for the page's form: inputs, ticked boxes, selected options."""
    sent = []
    form = page[page.index("<form") : page.index("</form>")]
    for match in _INPUT.finditer(form):
        inputs, select, options, area, area_text = match.groups()
        if inputs is not None:
            name = _attr(inputs, "name")
            kind = _attr(inputs, "type") or "text"
            if name is None:
                continue
            if kind == "checkbox" and " checked" not in inputs:
                continue
            sent.append((name, _attr(inputs, "value") or ""))
        elif select is not None:
            name = _attr(select, "name")
            chosen = re.search(r'<option value="([^"]*)" selected>', options)
            first = re.search(r'<option value="([^"]*)"', options)
            value = chosen.group(1) if chosen else first.group(1) if first else ""
            sent.append((name or "", html.unescape(value)))
        else:
            sent.append((_attr(area, "name") or "", html.unescape(area_text)))
    return sent


def plain(text: str) -> str:
    """French typography's narrow and no-break spaces as plain spaces (for assertions)."""
    return text.replace("\u202f", " ").replace("\xa0", " ")
