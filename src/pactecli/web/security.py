"""What keeps a local server over trusted files safe from the pages of other sites.

- The `Host` header must name the address served (`127.0.0.1:8000`, or `localhost:8000` when
  serving the loopback): a page of another site whose domain is made to resolve to 127.0.0.1
  (DNS rebinding) sends its own name and is refused.
- Every writing request carries the session's CSRF token: an HMAC of the session cookie (random,
  `HttpOnly`, `SameSite=Strict`, named after the port so that two servers never share one) under
  a secret drawn when the server starts; compared in constant time. A request that says it comes
  from another origin (`Origin`, `Sec-Fetch-Site`) is refused before that (`Origin: null`, which
  browsers send on same-origin forms under `no-referrer`, decides nothing).
- Every response forbids what pages never need: no frame, no plug-in, no base, no form sent
  elsewhere, scripts and styles only from this server (plus the exact `width: N%` style
  attributes of the report's gauges, by hash), no referrer, no content sniffing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from pactecli.web.http import Request, Response

LOOPBACK_NAMES = ("127.0.0.1", "localhost")
TOKEN_FIELD = "jeton"


def _style_hashes() -> str:
    """The report's gauges write `style="width: N%"` (N from 0 to 100): those values only."""
    found = []
    for width in range(101):
        digest = hashlib.sha256(f"width: {width}%".encode()).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return " ".join(found)


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    "script-src 'self'; "
    f"style-src 'self' 'unsafe-hashes' {_style_hashes()}; "
    "img-src 'self'; "
    "connect-src 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'; "
    "base-uri 'none'"
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
)


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` values of requests sent to this server, as a browser writes them.

    Listening on every address (`0.0.0.0`, `::`), the server answers to this machine's own
    names and addresses only: a domain of another site made to resolve here is still refused.
    """
    names = {host}
    if host in LOOPBACK_NAMES or host == "::1":
        names.update(LOOPBACK_NAMES)
    if host in WILDCARDS:
        names.update((*LOOPBACK_NAMES, "::1", *_own_names()))
    return frozenset(f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names)


WILDCARDS = ("0.0.0.0", "::")


def _own_names() -> set[str]:
    import contextlib
    import socket

    found = {socket.gethostname()}
    with contextlib.suppress(OSError):  # a machine whose name does not resolve: its name only
        found.update(str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None))
    return {name.lower() for name in found if name}


@dataclass
class Guard:
    hosts: frozenset[str]
    port: int
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def cookie_name(self) -> str:
        return f"pacte-session-{self.port}"

    def host_allowed(self, request: Request) -> bool:
        return request.headers.get("host", "").lower() in self.hosts

    def session(self, request: Request) -> tuple[str, bool]:
        """The session id from the cookie, or a new one (`True`: a cookie must be set)."""
        given = request.cookies.get(self.cookie_name, "")
        if len(given) == 43 and given.replace("-", "").replace("_", "").isalnum():
            return given, False
        return secrets.token_urlsafe(32), True

    def token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode("ascii"), hashlib.sha256).hexdigest()

    def set_cookie(self, response: Response, session: str) -> None:
        response.headers.append(
            (
                "Set-Cookie",
                f"{self.cookie_name}={session}; Path=/; HttpOnly; SameSite=Strict",
            )
        )

    def write_refusal(self, request: Request) -> str | None:
        """Why a writing request is refused (French), or None when it may write."""
        origin = request.headers.get("origin")
        # With `Referrer-Policy: no-referrer` a browser sends `Origin: null` on its own forms:
        # « null » says nothing either way (Sec-Fetch-Site and the token then decide).
        allowed = {f"http://{h}" for h in self.hosts}
        if origin is not None and origin != "null" and origin.lower() not in allowed:
            return "la demande vient d'un autre site"
        site = request.headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return "la demande vient d'un autre site"
        session = request.cookies.get(self.cookie_name)
        if not session:
            return "la session a expiré (le serveur a redémarré ?)"
        given = request.value(TOKEN_FIELD)
        if not hmac.compare_digest(given.encode("utf-8"), self.token(session).encode("ascii")):
            return "le jeton de sécurité du formulaire ne correspond pas à la session"
        return None
