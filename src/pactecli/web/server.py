"""Serving the WSGI application: `wsgiref`'s server, one thread per request.

The standard library's server is enough for one person's browser on their own machine; its
request log and its tracebacks are replaced by silence (pacte speaks French, and a closed
connection is no error). A page of pacte answers in milliseconds, the live-reload poll in
less: threads keep a slow request (a first validation of a large pact) from delaying others.
"""

from __future__ import annotations

import socket
import socketserver
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from pactecli.errors import UsageError
from pactecli.web.app import WebApp


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log: the terminal shows what pacte says, in French."""


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a connection early is not an error worth a traceback."""


class _ThreadingServer6(_ThreadingServer):
    address_family = socket.AF_INET6


def bind(host: str, port: int, application: WebApp | None = None) -> WSGIServer:
    """The server listening on host:port (port 0: a free one), or a French `UsageError`."""
    server_class = _ThreadingServer6 if ":" in host else _ThreadingServer
    try:
        return make_server(
            host,
            port,
            application,  # type: ignore[arg-type]
            server_class=server_class,
            handler_class=_QuietHandler,
        )
    except OSError as error:
        if error.errno in (98, 48):  # EADDRINUSE (Linux, macOS)
            raise UsageError(
                f"le port {port} est déjà utilisé",
                hint="choisissez-en un autre avec --port, ou --port 0 pour un port libre",
            ) from None
        raise UsageError(
            f"impossible d'écouter sur {host}:{port} ({error.strerror or error})",
            hint="vérifiez l'adresse donnée à --hote",
        ) from None
