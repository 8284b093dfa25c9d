"""Questions asked on a terminal when `pacte new` lacks a value, in French, with the allowed
choices and Tab completion of ids (the standard library's readline, where the system has it).

`--non-interactif`, or a standard input that is not a terminal (CI, a pipe), never asks: the
command then takes its defaults or says which option is missing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer

from pactecli.errors import UsageError


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


class Asker:
    """Asks for missing values, or, when it may not ask, says so."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive and stdin_is_terminal()

    def value(
        self,
        given: str | None,
        option: str,
        label: str,
        choices: Sequence[str] | None = None,
        default: str | None = None,
    ) -> str:
        """The option's value, else the answer to a question, else the default; without any,
        a usage error naming the option (and its choices)."""
        if given is not None:
            return given
        if choices is not None and not choices and default is None:
            raise UsageError(
                f"{option} : aucune valeur possible dans ce pacte",
                hint="créez d'abord ce qu'il désigne (pacte new partenaire, pacte new convention…)",
            )
        if self.interactive:
            if choices is not None:
                return self.choice(label, choices, default)
            return self.text(label, default)
        if default is not None:
            return default
        listed = f"valeurs possibles : {', '.join(choices)}" if choices else ""
        raise UsageError(
            f"{option} est obligatoire hors d'un terminal (ou avec --non-interactif)",
            hint=listed or f"ajoutez {option} …",
        )

    def text(self, label: str, default: str | None = None, optional: bool = False) -> str:
        if optional:
            return self._ask(label, default if default is not None else "", lambda answer: "")
        return self._ask(label, default, check=lambda answer: "" if answer.strip() else "vide")

    def choice(
        self, label: str, choices: Sequence[str], default: str | None = None, help: str = ""
    ) -> str:
        listed = ", ".join(choices)
        print(f"{label} — valeurs possibles : {listed}" + (f" ({help})" if help else ""))

        def check(answer: str) -> str:
            return "" if answer in choices else f"« {answer} » n'est pas permis"

        with _completion(choices):
            return self._ask(label, default, check)

    def several(self, label: str, choices: Sequence[str]) -> list[str]:
        """Ids separated by spaces or commas, each one of `choices`."""
        print(f"{label} — valeurs possibles : {', '.join(choices)} (séparées par des espaces)")

        def check(answer: str) -> str:
            wrong = [word for word in _words(answer) if word not in choices]
            return f"« {wrong[0]} » n'est pas permis" if wrong else ""

        with _completion(choices):
            return _words(self._ask(label, "", check))

    def _ask(self, label: str, default: str | None, check: Callable[[str], str]) -> str:
        while True:
            try:
                answer = str(
                    typer.prompt(
                        label, default=default, show_default=bool(default), prompt_suffix=" : "
                    )
                )
            except (typer.Abort, EOFError):
                raise UsageError("saisie interrompue : rien n'a été écrit") from None
            problem = check(answer.strip())
            if not problem:
                return answer.strip()
            print(f"{problem} ; recommencez.")


def _words(answer: str) -> list[str]:
    return [word for word in answer.replace(",", " ").split() if word]


@contextmanager
def _completion(choices: Sequence[str]) -> Iterator[None]:
    """Tab completes the choices while the question is asked (where readline exists)."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline
        yield
        return
    previous: Any = readline.get_completer()

    def complete(text: str, state: int) -> str | None:
        found = [choice for choice in choices if choice.startswith(text)]
        return found[state] if state < len(found) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)
