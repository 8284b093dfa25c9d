"""Rendering: problems, changes and the roadmap, each family with its registry of formats.

`escape` holds the one escaping function per output kind, `output` the signing and the atomic
writing of what pacte produces. Each family's package `__init__` holds its registry: format name
-> `Format` (the module that renders it, imported only when chosen, and its `--format` help).
Adding a format is adding one module and one registry entry; the command's choices and help
follow. Every format module defines `render(...)` (the family's signature) and `SIGNING` (how
its output carries pacte's marker, see `output.Signing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from types import ModuleType


class Format:
    """One entry of a registry (a plain class: a dataclass costs `pacte validate` start-up)."""

    __slots__ = ("help", "module")

    def __init__(self, module: str, help: str) -> None:
        self.module = module  # dotted name, imported on first use only
        self.help = help  # French: what the format is for, a few words

    def load(self) -> ModuleType:
        return import_module(self.module)


def choices_help(formats: Mapping[str, Format]) -> str:
    """`text : … ; json : …`: the `--format` help, from the registry.

    A no-break space before each colon (French typography) keeps it on its name's line.
    """
    return " ; ".join(f"{name}\u00a0: {fmt.help}" for name, fmt in formats.items()) + "."
