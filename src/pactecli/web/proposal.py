"""`--git`: « Préparer la proposition » (see `gitbranch` for the commit itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.web.http import Request, Response

if TYPE_CHECKING:
    from pactecli.web.app import WebApp


def page(app: WebApp, request: Request) -> Response:
    raise NotImplementedError
