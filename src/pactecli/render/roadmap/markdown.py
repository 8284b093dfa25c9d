"""`pacte report --format markdown`: the roadmap as GitHub/GitLab-flavoured Markdown.

Rendered from `report.md.j2` (see `templating`); the default template writes pacte's marker in
an HTML comment on its first line, and a template that leaves it out gets one at the end when
written to a file.
"""

from __future__ import annotations

from pactecli.render.output import COMMENT
from pactecli.render.roadmap import Options, templating
from pactecli.report.context_types import RapportContexte

SIGNING = COMMENT


def render(context: RapportContexte, options: Options) -> str:
    return templating.render("markdown", context.variables(), options.template_dir, options.root)
