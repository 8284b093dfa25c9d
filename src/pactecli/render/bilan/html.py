"""`pacte bilan --format html`: one self-contained page from `bilan.html.j2`."""

from __future__ import annotations

from pactecli.render import typography
from pactecli.render.output import COMMENT
from pactecli.render.roadmap import Options, templating
from pactecli.report.bilan_types import BilanContexte

SIGNING = COMMENT


def render(context: BilanContexte, options: Options) -> str:
    name = templating.BILAN_TEMPLATES["html"]
    page = templating.render("html", context.variables(), options.template_dir, options.root, name)
    return typography.html_text(page)
