"""JSON paths: where a value sits inside a record, as a tuple and as `$.a[0].b` text."""

from __future__ import annotations

import re

JsonPath = tuple[str | int, ...]

_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")


def format_json_path(path: JsonPath) -> str:
    """`('contributions', 0, 'montants', '2025')` -> `$.contributions[0].montants.2025`."""
    parts = ["$"]
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _SIMPLE_KEY.fullmatch(step):
            parts.append(f".{step}")
        else:
            escaped = step.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)
