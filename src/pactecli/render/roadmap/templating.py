"""The Jinja environment of `pacte report`, created in one place, and its errors in French.

Templates come with pull requests to a pact repository, so they are untrusted: they run in
Jinja's immutable sandbox (no access to Python internals, no mutation of the context). Undefined
variables are errors, never silent blanks. HTML is autoescaped; in Markdown every `{{ value }}`
goes through the Markdown escaper (`markupsafe.Markup` values, e.g. `|safe`, pass unchanged).

Lookup order for each template name (partials included): `--template-dir`, then the pact
repository's `templates/`, then the defaults shipped in the package (`pactecli.templates`).
Override folders are read by `template_files` (real files only: no symbolic link, no `..`, no
`.git`), and a sandboxed report is bounded in time, memory and size by `bounds`.

The defaults ship with the tool and are trusted: when no override folder holds a file named
like one of them (the only names the defaults include), the report is rendered by a plain
Jinja environment whose loader reads the package alone, with the same filters and strict
undefined, and HTML escaping done in `finalize` (same output as autoescape, one call per value
instead of three). The sandbox's checks on every attribute and autoescape's `Markup` objects
cost half the rendering of a 10 000-action pact. As soon as one template comes from an
override folder, everything runs in the sandbox, with autoescape.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import traceback
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from pactecli import formatting
from pactecli.errors import RenderError, UsageError
from pactecli.render import escape as escaping
from pactecli.render.roadmap import bounds, charts
from pactecli.render.roadmap.bounds import BoundedSandbox
from pactecli.render.roadmap.template_files import TemplateFolder
from pactecli.report.bilan_types import BILAN_TYPES
from pactecli.report.context_types import CONTEXT_TYPES

TEMPLATES = {"markdown": "report.md.j2", "html": "report.html.j2"}
#: The yearly bilan's templates (`pacte bilan`): same environment, filters and lookup order.
BILAN_TEMPLATES = {"markdown": "bilan.md.j2", "html": "bilan.html.j2"}
PACKAGE = "pactecli.templates"


def override_folders(template_dir: Path | None, root: Path | None) -> list[TemplateFolder]:
    """The folders whose templates replace the defaults, first found first."""
    folders: list[TemplateFolder] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(
                f"--template-dir : le dossier « {template_dir} » n'existe pas",
                hint="indiquez un dossier qui contient report.md.j2 ou report.html.j2",
            )
        folders.append(TemplateFolder(template_dir, root))
    if root is not None:
        folders.append(TemplateFolder(root / "templates", root))
    return folders


def loader(folders: Sequence[TemplateFolder]) -> jinja2.BaseLoader:
    return jinja2.ChoiceLoader([*folders, jinja2.PackageLoader(PACKAGE, ".")])


@functools.cache
def default_names() -> tuple[str, ...]:
    """Every template shipped in the package (`report.html.j2`, `partials/action.html.j2`…)."""
    names = jinja2.PackageLoader(PACKAGE, ".").list_templates()
    return tuple(name for name in names if name.endswith(".j2"))


def overridden(folders: Sequence[TemplateFolder]) -> bool:
    """Whether a folder holds a file named like a default template (`RenderError` if one is
    refused: a link, a FIFO…).

    The defaults only include one another, so when none is replaced every template of the
    report comes from the package.
    """
    return any(folder.holds(name) for folder in folders for name in default_names())


# --- filters -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def euros(amount: Decimal | int, signe: bool = False) -> str:
    """`1 234 567 €`; `signe=True` shows `+` for a positive amount (formatted once per value)."""
    return formatting.euros(amount, signe)


_long_date = functools.lru_cache(maxsize=4096)(formatting.long_date)


def date(day: dt.date | None) -> str:
    """`27 novembre 2026`, `1er janvier 2024`; an empty string for no date."""
    if day is None:
        return ""
    return _long_date(day)


@functools.lru_cache(maxsize=512)
def month(day: dt.date) -> str:
    """`janvier 2024`."""
    from babel.dates import format_date

    return str(format_date(day, format="MMMM y", locale=formatting.LOCALE))


@functools.lru_cache(maxsize=16384)
def number(value: Decimal | int | float | None, decimales: int = 2) -> str:
    return formatting.number(value, decimales) if value is not None else ""


_percent = functools.lru_cache(maxsize=16384)(formatting.percent)


def percent(ratio: Decimal | float | None, decimales: int = 0) -> str:
    """`87 %`; the ratio is rounded to the shown precision first (fewer distinct values)."""
    if ratio is None:
        return ""
    if isinstance(ratio, Decimal):
        ratio = ratio.quantize(Decimal(1).scaleb(-(decimales + 2)))
    return _percent(ratio, decimales)


@functools.lru_cache(maxsize=4096)
def bar_width(ratio: Decimal | float | None) -> int:
    """A ratio as a bar length from 0 to 100 (a ratio above 1 fills the bar)."""
    if ratio is None:
        return 0
    return max(0, min(100, round(float(ratio) * 100)))


def html_paragraphs(text: str | None) -> Markup:
    """A description as HTML paragraphs (blank lines separate them), every character escaped."""
    if not text:
        return Markup("")
    parts = (" ".join(p.split()) for p in _BLANK_LINE.split(text))
    return Markup("\n".join(f"<p>{escaping.html(p)}</p>" for p in parts if p))


_BLANK_LINE = re.compile(r"\n\s*\n")


def markdown_block(text: str | None) -> Markup:
    return Markup(escaping.markdown_block(text)) if text else Markup("")


def _markdown_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escaping.markdown_inline(str(value))


def _html_finalize(value: Any) -> Any:
    """The sandbox's finalize: the very text of `_html_escape_finalize`, marked safe so that
    autoescape (which would only repeat `markupsafe.escape`) leaves it as it is."""
    return Markup(_html_escape_finalize(value))


def _html_escape_finalize(value: Any) -> str:
    """What HTML autoescape writes for `{{ value }}`, in one call (the trusted environment).

    Same result as `markupsafe.escape`: `none` is blank, a value with `__html__` (`Markup`,
    `|safe`, the charts) is written as it is, anything else is escaped; and what autoescape
    lets through is made inert too (`escape.html`, `escape.html_markup`): line breaks,
    controls and lone surrogates of a value, workflow commands in a value or a filter's HTML.
    """
    if type(value) is str:
        return escaping.html(value)
    if type(value) is int:
        return str(value)
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return escaping.html_markup(str(value.__html__()))
    return escaping.html(str(value))


_PLAIN_TYPES = CONTEXT_TYPES | BILAN_TYPES


class ReportSandbox(BoundedSandbox):
    """The immutable sandbox, bounded (see `bounds`), with a fast path for the report
    context's own dataclasses.

    Their public attributes are plain data (frozen dataclasses of the report context): reading
    one needs none of the sandbox's checks, which cost much on a 10 000-action pact. Anything
    else, and any name starting with `_`, goes through the sandbox as usual.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) in _PLAIN_TYPES and attribute[:1] != "_":
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def environment(
    kind: str,
    template_dir: Path | None = None,
    root: Path | None = None,
    sandboxed: bool | None = None,
) -> jinja2.Environment:
    """The environment for `markdown` or `html`: the sandbox as soon as a template may come
    from an override folder, else a plain environment over the packaged defaults only.
    `sandboxed=True` forces the sandbox (tests compare both on the defaults)."""
    folders = override_folders(template_dir, root)
    if sandboxed is None:
        sandboxed = overridden(folders)
    html = kind == "html"
    # Outside the sandbox only the defaults run: they use no `~`, macro or `{% set %}` block
    # (whose results autoescape would mark safe), so escaping every `{{ }}` in `finalize`, as
    # the Markdown environment does, writes the same HTML for a third of the cost.
    escape_in_finalize = html and not sandboxed
    options: dict[str, Any] = {
        "autoescape": html and not escape_in_finalize,
        "undefined": jinja2.StrictUndefined,
        "finalize": (
            _html_escape_finalize
            if escape_in_finalize
            else _html_finalize
            if html
            else _markdown_finalize
        ),
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    env: jinja2.Environment
    if sandboxed:
        env = ReportSandbox(loader=loader(folders), **options)
    else:
        env = jinja2.Environment(loader=jinja2.PackageLoader(PACKAGE, "."), **options)
    env.filters.update(
        euros=euros,
        date=date,
        mois=month,
        nombre=number,
        pourcent=percent,
        largeur=bar_width,
        paragraphes=html_paragraphs,
        md_bloc=markdown_block,
        md=lambda text: Markup(escaping.markdown_inline(str(text))),
    )
    ids = charts.Ids()
    env.globals.update(
        graphique_axes=functools.partial(charts.axis_years, ids),
        graphique_financeurs=functools.partial(charts.funder_shares, ids),
        graphique_execution=functools.partial(charts.execution_years, ids),
    )
    return env


# --- rendering and its errors --------------------------------------------------------------


def render(
    kind: str,
    variables: dict[str, Any],
    template_dir: Path | None = None,
    root: Path | None = None,
    name: str | None = None,
) -> str:
    """Render `name` (by default `report.md.j2` or `report.html.j2`); any template problem is
    a `RenderError`.

    In the sandbox the render is bounded (see `bounds`): a forked child, limited output.
    """
    env = environment(kind, template_dir, root)
    name = name or TEMPLATES[kind]
    if isinstance(env, BoundedSandbox):
        return bounds.isolated(lambda: _rendered(env, name, variables))
    return _rendered(env, name, variables)


def _rendered(env: jinja2.Environment, name: str, variables: dict[str, Any]) -> str:
    try:
        template = env.get_template(name)
        if isinstance(env, BoundedSandbox):
            return bounds.joined(template.generate(variables))
        return template.render(variables)
    except RenderError:
        raise
    except bounds.OutOfTime as error:
        raise bounds.out_of_time_error(_where(error, name)) from None
    except MemoryError as error:
        raise bounds.out_of_memory_error(_where(error, name)) from None
    except bounds.LimitExceeded as error:
        raise RenderError(
            f"modèle {_where(error, name)} : {error}", hint=bounds.LIMITS_HINT
        ) from None
    except RecursionError as error:
        raise RenderError(
            f"modèle {_where(error, name)} : inclusions ou appels imbriqués sans fin",
            hint="un modèle s'inclut lui-même, directement ou par un autre modèle",
        ) from None
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name or name}, ligne {error.lineno}"
        raise RenderError(
            f"modèle {where} : erreur de syntaxe Jinja : {error.message}",
            hint="corrigez le modèle (voir la documentation de Jinja)",
        ) from None
    except jinja2.TemplateNotFound as error:
        raise RenderError(
            f"modèle introuvable : « {error.name} »",
            hint="vérifiez le nom du fichier dans les {% include %} et {% extends %}",
        ) from None
    except SecurityError as error:
        raise RenderError(
            f"modèle {_where(error, name)} : opération interdite dans le bac à sable des "
            f"modèles ({_translate(str(error))})",
            hint="un modèle n'a accès qu'aux variables du rapport, pas aux objets internes "
            "de Python",
        ) from None
    except jinja2.UndefinedError as error:
        raise RenderError(
            f"modèle {_where(error, name)} : {_translate(error.message or str(error))}",
            hint="la liste des variables disponibles est dans le README, section « pacte report »",
        ) from None
    except Exception as error:  # a filter or a test given a wrong value by the template
        raise RenderError(
            f"modèle {_where(error, name)} : {type(error).__name__} : {error}",
            hint="vérifiez les valeurs passées aux filtres du modèle",
        ) from None


def _where(error: BaseException, default: str) -> str:
    """`path/to/report.html.j2, ligne 12`: the innermost template frame of the traceback.

    Jinja maps the lines of the code it generated back to the template's only for the
    exceptions it handles; for the others (the CPU-time signal) the template is asked.
    Source lines are never looked up: that would read the template again, by its path.
    """
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith(".j2"):
            template = frame.f_globals.get("__jinja_template__")
            if template is not None:
                line = template.get_corresponding_lineno(line)
            return f"{filename}, ligne {line}"
    return default


_MESSAGES = (
    (re.compile(r"^'([^']*)' is undefined$"), "la variable « {0} » n'existe pas"),
    (
        re.compile(r"^'([^']*)' has no attribute '([^']*)'$"),
        "« {0} » n'a pas d'attribut « {1} »",
    ),
    (
        re.compile(r"^access to attribute '([^']*)' of '([^']*)' object is unsafe\.?$"),
        "accès refusé à l'attribut « {0} » d'un objet {1}",
    ),
)


def _translate(message: str) -> str:
    for pattern, french in _MESSAGES:
        match = pattern.match(message)
        if match:
            return french.format(*match.groups())
    return message
