"""The `pacte` command: registers one function per sub-command and guards the exit codes.

Nothing reaches the user as a Python traceback: a `PacteError` becomes a French message with
its exit code (2 for misuse), anything unexpected an "erreur interne" message and exit 3 (a bug
of pacte, never taken for "problems found"). Every message is line text: a value quoted in it
cannot start a line of its own in a CI log. SIGTERM is turned into an exception like SIGINT, so
a write in progress is undone (see `render.output`) before pacte exits with 128 + the signal.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Annotated

import typer
from typer._click import exceptions as click_errors
from typer._click.core import Context

from pactecli import __version__
from pactecli.cli.french import FrenchHelpFormatter, usage_error_message
from pactecli.errors import EXIT_INTERNAL, EXIT_USAGE, PacteError
from pactecli.render import escape

Context.formatter_class = FrenchHelpFormatter

HELP = (
    "Feuille de route vivante d'un Pacte local des solidarités, tenue en fichiers YAML "
    "sous git : validation, rapports, bilans, comparaison de versions, exports et écriture "
    "des enregistrements."
)
# In the order a user meets them: start, write, check, read, compare, look up. Each short
# help is written out: click would cut a long first sentence with "...". Each command is
# named by its module and function, imported only when its command is built.
COMMANDS = (
    ("init", "init", "init", "Crée un dépôt de pacte neuf, valide dès le départ."),
    ("validate", "validate", "validate", "Vérifie le pacte : schémas et règles entre fichiers."),
    ("fmt", "fmt", "fmt", "Met les fichiers du pacte dans une forme unique."),
    ("report", "report", "report", "Produit la feuille de route (terminal, Markdown, HTML)."),
    ("bilan", "bilan", "bilan", "Produit le bilan d'exécution d'une année."),
    (
        "list",
        "list",
        "list_records",
        "Liste les actions, partenaires, conventions ou indicateurs.",
    ),
    ("show", "show", "show", "Montre tout d'une action, d'un partenaire ou d'une convention."),
    ("serve", "serve", "serve", "Ouvre le pacte dans un navigateur, avec des formulaires."),
    ("diff", "diff", "diff", "Compare deux versions du pacte dans git."),
    ("history", "history", "history", "Raconte les changements d'une action ou d'un partenaire."),
    ("export", "export", "export", "Exporte les données : tableur, CSV, JSON, SQLite, SCDL."),
    ("query", "query", "query", "Interroge les données du pacte en SQL (lecture seule)."),
    ("schema", "schema", "schema", "Affiche ou écrit les schémas JSON."),
    ("explain", "explain", "explain", "Explique un code de problème, avec des exemples."),
)
NEW_HELP = "Crée une action, un partenaire, une convention, une contribution."


def _show_version(value: bool) -> None:
    if value:
        print(f"pacte {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Affiche la version et quitte.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """Feuille de route vivante d'un Pacte local des solidarités."""


def build_app(only: str | None = None) -> typer.Typer:
    """The `pacte` application with every command, or with `only` that one.

    Typer turns each registered function into a click command by reading its signature and
    type hints, about 3 ms a command: building the fifteen for every run cost `pacte validate`
    a third of its start-up. The help, the completion and an unknown command get them all.
    """
    app = typer.Typer(
        name="pacte",
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(main_options)
    for name, module, function, short in COMMANDS:
        if only in (None, name):
            command = getattr(importlib.import_module(f"pactecli.cli.{module}"), function)
            app.command(name, short_help=short)(command)
    if only in (None, "new"):
        from pactecli.cli.new import new_app

        app.add_typer(new_app, short_help=NEW_HELP)
    return app


def invoked_command(arguments: list[str], environment: Mapping[str, str]) -> str | None:
    """The command a run asks for, when it is plainly the first argument (no option before it,
    no shell completion under way); else None, and the whole application is built."""
    if not arguments or any(key.startswith("_PACTE_COMPLETE") for key in environment):
        return None
    first = arguments[0]
    known = {name for name, *_ in COMMANDS} | {"new"}
    return first if first in known else None


class Terminated(BaseException):
    """SIGTERM received: unwinds like KeyboardInterrupt (not an `Exception`, never swallowed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises `Terminated` while pacte runs (the previous handler comes back after)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _say(text: str) -> None:
    if sys.stderr is None:  # started with standard error closed: nothing can be said
        return
    with suppress(OSError):  # closed on the way (`2>&-`, a reader gone): the same
        print(text, file=sys.stderr)


def _fail(message: str, hint: str, code: int) -> None:
    _say(f"pacte : erreur : {escape.line(message)}")
    if hint:
        _say(f"    aide : {escape.line(hint)}")
    sys.exit(code)


def _internal(error: Exception) -> None:
    detail = escape.line(str(error))
    if len(detail) > 300:
        detail = detail[:299] + "…"
    _fail(
        f"erreur interne de pacte ({type(error).__name__}{' : ' + detail if detail else ''})",
        "c'est un défaut de pacte, pas de vos fichiers : merci de le signaler avec la commande "
        "lancée et ce message",
        EXIT_INTERNAL,
    )


def main() -> None:
    with _sigterm_raises():
        _run()


def _run() -> None:
    try:
        app = build_app(invoked_command(sys.argv[1:], os.environ))
        code = app(prog_name="pacte", standalone_mode=False)
    except PacteError as error:
        _fail(str(error), error.hint, error.exit_code)
    except click_errors.NoArgsIsHelpError as error:
        _say(error.ctx.get_help() if error.ctx else "")
        sys.exit(EXIT_USAGE)
    except click_errors.UsageError as error:
        _fail(*usage_error_message(error), EXIT_USAGE)
    except click_errors.ClickException as error:
        _fail(error.format_message(), "", error.exit_code)
    except KeyboardInterrupt:
        sys.exit(128 + signal.SIGINT)
    except Terminated as stop:
        sys.exit(128 + stop.signum)
    except Exception as error:  # the last guard: a user never sees a traceback
        _internal(error)
    sys.exit(code if isinstance(code, int) else 0)
