"""Renderers of `pacte report`: the report context -> a terminal view, Markdown or HTML.

`terminal` draws rich tables; `markdown` and `html` run the Jinja templates (packaged defaults,
overridable per pact repository) in a sandbox. Jinja, rich and Babel are imported only here and
in what this package imports, never by `pacte validate`.
"""

from __future__ import annotations

FORMATS = ("terminal", "markdown", "html")
