"""French for the words typer's built-in click still says in English.

Our own help texts are French; this covers what the framework adds around them: the "Usage"
line, section headings, the help/completion options, `[default: …]`, and usage errors
(unknown option, bad value, missing argument), which `app.main` prints in French.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from typer._click import exceptions as click_errors
from typer._click.formatting import HelpFormatter

_PHRASES = {
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Install completion for the current shell.": "Installe l'autocomplétion pour le shell "
    "courant (bash, zsh, fish, PowerShell).",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Affiche le script d'autocomplétion du shell courant, pour le copier ou l'adapter."
    ),
}
# A no-break space before the colon click adds (French typography).
_HEADINGS = {
    "Options": "Options\u00a0",
    "Commands": "Commandes\u00a0",
    "Arguments": "Arguments\u00a0",
}
_DEFAULT = re.compile(r"\[default: ([^\]]*)\]")


def _translate(text: str) -> str:
    for english, french in _PHRASES.items():
        text = text.replace(english, french)
    text = _DEFAULT.sub(r"[par défaut : \1]", text)
    return text.replace("[required]", "[obligatoire]")


class FrenchHelpFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]…").replace("...", "…")
        super().write_usage(prog, args, "Utilisation : ")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_HEADINGS.get(name, name)):
            yield

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(term.replace("<path>", "<chemin>"), _translate(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def usage_error_message(error: click_errors.UsageError) -> tuple[str, str]:
    """(message, hint) in French for a command-line usage error."""
    from pactecli.suggest import did_you_mean  # difflib: only when a usage error needs it

    command = error.ctx.command_path if error.ctx is not None else "pacte"
    hint = f"voir « {command} --help »"
    if isinstance(error, click_errors.NoSuchOption):
        suggestion = did_you_mean(error.option_name, error.possibilities or [])
        return f"option inconnue « {error.option_name} »", suggestion or hint
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        if param is not None and param.param_type_name == "option" and param.opts:
            longest = max(param.opts, key=len)  # --territoire rather than -t
            return f"option obligatoire manquante : {longest}", hint
        name = param.human_readable_name if param is not None else "?"
        return f"argument obligatoire manquant : {name}", hint
    if isinstance(error, click_errors.BadParameter):
        name = error.param.get_error_hint(error.ctx) if error.param and error.ctx else "?"
        return f"valeur invalide pour {name} : {_value_message(error.message)}", hint
    message = error.message
    if message.startswith("No such command"):
        found = re.search(r"'([^']*)'", message)
        name = found.group(1) if found else "?"
        commands = list(getattr(error.ctx.command, "commands", {}) if error.ctx else [])
        return f"commande inconnue « {name} »", did_you_mean(name, commands) or hint
    if message.startswith("Got unexpected extra argument"):
        extra = re.search(r"\(([^()]*)\)\s*$", message)
        words = extra.group(1) if extra else "?"
        several = " " in words
        return f"argument{'s' if several else ''} en trop : {words}", hint
    if message.startswith("Option") and "requires an argument" in message:
        return f"l'option {message.split()[1]} attend une valeur", hint
    return message, hint


def _value_message(message: str) -> str:
    choices = re.search(r"'([^']*)' is not one of (.*)\.?$", message)
    if choices:
        allowed = choices.group(2).rstrip(".").replace("'", "")
        return f"« {choices.group(1)} » n'est pas permis (valeurs permises : {allowed})"
    return message
