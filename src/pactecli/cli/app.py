"""The `pacte` command: registers one function per sub-command and guards the exit codes.

Nothing reaches the user as a Python traceback: a `PacteError` becomes a French message with
its exit code (2 for misuse), anything unexpected an "erreur interne" line and exit 1... after
which the bug is ours to fix.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer._click import exceptions as click_errors
from typer._click.core import Context

from pactecli import __version__
from pactecli.cli.diff import diff
from pactecli.cli.export import export
from pactecli.cli.french import FrenchHelpFormatter, usage_error_message
from pactecli.cli.query import query
from pactecli.cli.report import report
from pactecli.cli.schema import schema
from pactecli.cli.validate import validate
from pactecli.errors import EXIT_PROBLEMS, EXIT_USAGE, PacteError

Context.formatter_class = FrenchHelpFormatter

app = typer.Typer(
    name="pacte",
    help="Feuille de route vivante d'un Pacte local des solidarités, tenue en fichiers YAML "
    "sous git : validation, rapports et comparaison de versions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("validate")(validate)
app.command("report")(report)
app.command("diff")(diff)
app.command("export")(export)
app.command("query")(query)
app.command("schema")(schema)


def _show_version(value: bool) -> None:
    if value:
        print(f"pacte {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Affiche la version et quitte.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """Feuille de route vivante d'un Pacte local des solidarités."""


def _fail(message: str, hint: str, code: int) -> None:
    print(f"pacte : erreur : {message}", file=sys.stderr)
    if hint:
        print(f"    aide : {hint}", file=sys.stderr)
    sys.exit(code)


def main() -> None:
    try:
        code = app(prog_name="pacte", standalone_mode=False)
    except PacteError as error:
        _fail(str(error), error.hint, error.exit_code)
    except click_errors.NoArgsIsHelpError as error:
        print(error.ctx.get_help() if error.ctx else "", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except click_errors.UsageError as error:
        _fail(*usage_error_message(error), EXIT_USAGE)
    except click_errors.ClickException as error:
        _fail(error.format_message(), "", error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last guard: a user never sees a traceback
        print(
            f"pacte : erreur interne ({type(error).__name__} : {error}). Merci de la "
            "signaler avec la commande lancée.",
            file=sys.stderr,
        )
        sys.exit(EXIT_PROBLEMS)
    sys.exit(code if isinstance(code, int) else 0)
