"""`pacte bilan --format markdown`: the bilan from `bilan.md.j2` (see `roadmap.templating`)."""

from __future__ import annotations

from pactecli.render.output import COMMENT
from pactecli.render.roadmap import Options, templating
from pactecli.report.bilan_types import BilanContexte

SIGNING = COMMENT


def render(context: BilanContexte, options: Options) -> str:
    name = templating.BILAN_TEMPLATES["markdown"]
    return templating.render(
        "markdown", context.variables(), options.template_dir, options.root, name
    )
