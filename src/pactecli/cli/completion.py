"""Shell completion of ids (`--convention`, `--axe`, `--partenaire`...), read from the pact on
the fly by the quick scan of `load.ids`: no schema validation, and never an error (a shell
completing a word must not print a traceback; it gets no candidates instead).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:  # the scan is imported when a shell asks, never at start-up
    from pactecli.load.ids import KnownIds

Candidates = list[tuple[str, str]]


def _known(ctx: typer.Context) -> KnownIds:
    from pactecli.load.ids import scan
    from pactecli.load.sources import find_root

    root = ctx.params.get("root") if ctx is not None else None
    folder = find_root(Path.cwd(), root if isinstance(root, Path) else None)
    return scan(folder)


def _matching(pairs: Iterable[tuple[str, str]], incomplete: str) -> Candidates:
    return [(value, help) for value, help in pairs if value.startswith(incomplete)]


def _completer(pick: Callable[[KnownIds, typer.Context], Iterable[tuple[str, str]]]) -> Any:
    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        try:
            return _matching(pick(_known(ctx), ctx), incomplete)
        except Exception:  # completion never fails loudly
            return []

    return complete


def _conventions(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    return ((c.id, c.titre) for c in known.conventions.values())


def _axes(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    return known.axes.items()


def _partners(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    return ((partner, "") for partner in known.partners)


def _actions(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    return ((action, f"convention {convention}") for action, convention in known.actions.items())


def _records(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    """Actions, partners and conventions: the ids `pacte show` and `pacte history` take."""
    yield from _actions(known, ctx)
    yield from ((partner, "partenaire") for partner in known.partners)
    yield from ((c.id, "convention") for c in known.conventions.values())


def _actions_and_partners(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    yield from _actions(known, ctx)
    yield from ((partner, "partenaire") for partner in known.partners)


def _objectives(known: KnownIds, ctx: typer.Context) -> Iterable[tuple[str, str]]:
    convention = ctx.params.get("convention") if ctx is not None else None
    for found in known.conventions.values():
        if convention in (None, found.id):
            yield from found.objective_titles.items()


complete_convention = _completer(_conventions)
complete_axis = _completer(_axes)
complete_partner = _completer(_partners)
complete_action = _completer(_actions)
complete_objective = _completer(_objectives)
complete_record = _completer(_records)
complete_actions_and_partners = _completer(_actions_and_partners)
