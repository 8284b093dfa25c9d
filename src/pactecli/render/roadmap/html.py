"""`pacte report --format html`: the roadmap as one self-contained HTML page.

Rendered from `report.html.j2` (see `templating`); the default template writes pacte's marker in
an HTML comment after the doctype, and a template that leaves it out gets one at the end (after
`</html>`, where a comment is allowed) when written to a file.
"""

from __future__ import annotations

from pactecli.render import typography
from pactecli.render.output import COMMENT
from pactecli.render.roadmap import Options, templating
from pactecli.report.context_types import RapportContexte

SIGNING = COMMENT


def render(context: RapportContexte, options: Options) -> str:
    page = templating.render("html", context.variables(), options.template_dir, options.root)
    return typography.html_text(page)
