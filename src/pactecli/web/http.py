"""The little of HTTP the server needs: a request read from the WSGI environ, a response.

Only what a browser sends to this server is understood: a path, a query string, cookies, and
`application/x-www-form-urlencoded` bodies of at most `MAX_BODY_BYTES` (a form of the pact is a
few kilobytes). Paths and values are UTF-8; anything else is refused, never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

MAX_BODY_BYTES = 512 * 1024


class BadRequest(Exception):
    """A request this server does not accept (its French reason is shown)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes = b""
    params: dict[str, str] = field(default_factory=dict)
    """What the route's pattern took from the path (an id)."""
    _form: dict[str, list[str]] | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, Any]) -> Request:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        path = _path(str(environ.get("PATH_INFO", "") or "/"))
        query = _pairs(str(environ.get("QUERY_STRING", "")))
        headers = {
            key[5:].replace("_", "-").lower(): str(value)
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = str(environ["CONTENT_TYPE"])
        body = _body(environ) if method == "POST" else b""
        return cls(method, path, query, headers, _cookies(headers.get("cookie", "")), body)

    def form(self) -> dict[str, list[str]]:
        """The submitted fields (each name with its values, in order)."""
        if self._form is None:
            kind = self.headers.get("content-type", "").split(";")[0].strip().lower()
            if self.body and kind != "application/x-www-form-urlencoded":
                raise BadRequest("formulaire d'un type inattendu", 415)
            found: dict[str, list[str]] = {}
            try:
                text = self.body.decode("utf-8")
            except UnicodeDecodeError:
                raise BadRequest("formulaire qui n'est pas en UTF-8") from None
            for key, value in parse_qsl(text, keep_blank_values=True, errors="strict"):
                found.setdefault(key, []).append(value)
            self._form = found
        return self._form

    def value(self, name: str, default: str = "") -> str:
        values = self.form().get(name)
        return values[0] if values else default

    def values(self, name: str) -> list[str]:
        return list(self.form().get(name, []))


def _utf8(text: str, what: str) -> str:
    """WSGI gives the raw bytes of the path as latin-1 text: read them back as UTF-8."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise BadRequest(f"{what} n'est pas en UTF-8") from None


def _path(raw: str) -> str:
    """The path as the pact's own paths are written: UTF-8, a byte that is not kept as the
    lone surrogate the validation gives it (a file name that is not UTF-8 stays reachable)."""
    try:
        data = raw.encode("latin-1")
    except UnicodeEncodeError:
        raise BadRequest("le chemin est illisible") from None
    return data.decode("utf-8", "surrogateescape")


def _pairs(query: str) -> dict[str, str]:
    try:
        return dict(parse_qsl(query, keep_blank_values=False, errors="strict"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("paramètres d'adresse illisibles") from None


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _body(environ: Mapping[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BadRequest("longueur de requête illisible") from None
    if length < 0:
        raise BadRequest("longueur de requête illisible")
    if length > MAX_BODY_BYTES:
        raise BadRequest("formulaire trop volumineux", 413)
    stream = environ.get("wsgi.input")
    return stream.read(length) if stream is not None and length else b""


@dataclass
class Response:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"


def html(text: str, status: int = 200) -> Response:
    return Response(text.encode("utf-8"), status)


def text(content: str, content_type: str, status: int = 200) -> Response:
    return Response(content.encode("utf-8"), status, content_type)


def as_json(value: Any) -> Response:
    return Response(json.dumps(value, ensure_ascii=True).encode("ascii"), 200, "application/json")


def redirect(location: str) -> Response:
    """See other (303): after a successful write, the browser gets the page with a GET."""
    return Response(b"", 303, "text/plain; charset=utf-8", [("Location", location)])


def with_query(path: str, values: Iterable[tuple[str, str]]) -> str:
    pairs = [(k, v) for k, v in values if v]
    return f"{path}?{urlencode(pairs)}" if pairs else path
