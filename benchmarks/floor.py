"""The floor of issue 2: the plainest honest per-file check of a pact, to time pacte against.

    python benchmarks/floor.py ROOT [--schemas DIR] [--parse-only]

Reads the same files `pacte validate` reads (pacte.yaml, data/partners/*.yaml,
data/conventions/*/convention.yaml, data/conventions/*/actions/*.yaml), parses each with PyYAML's
C loader (libyaml; dates kept as text, as JSON Schema expects), and checks it with one reused
python-jsonschema Draft202012Validator per record kind, format checking on. No cross-file rule,
no position, no French message: this is the cost of "parse + schema" done the usual way.
Exit 1 when a file is invalid, so a broken benchmark pact cannot go unnoticed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, ClassVar

import yaml
from jsonschema import Draft202012Validator

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_FILES = {
    "pacte": "pacte.schema.json",
    "convention": "convention.schema.json",
    "action": "action.schema.json",
    "partner": "partner.schema.json",
}
_EXT = r"\.ya?ml"
LAYOUT = (
    (re.compile(rf"data/partners/[^/]+{_EXT}"), "partner"),
    (re.compile(rf"data/conventions/[^/]+/convention{_EXT}"), "convention"),
    (re.compile(rf"data/conventions/[^/]+/actions/[^/]+{_EXT}"), "action"),
)
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class TextDatesLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
    """libyaml's safe loader, with dates left as text and year keys read as strings."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()  # type: ignore[attr-defined]
    }

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep)
        # JSON has string keys only: `2024: 50000` is the property "2024".
        if any(type(key) is not str for key in mapping):
            return {str(key): value for key, value in mapping.items()}
        return mapping


def record_files(root: Path) -> list[tuple[str, str]]:
    """(root-relative path, kind) of every record, in path order."""
    found = [("pacte.yaml", "pacte")] if (root / "pacte.yaml").is_file() else []
    for dirpath, dirnames, filenames in os.walk(root / "data"):
        dirnames.sort()
        for name in sorted(filenames):
            relative = Path(dirpath, name).relative_to(root).as_posix()
            for pattern, kind in LAYOUT:
                if pattern.fullmatch(relative):
                    found.append((relative, kind))
                    break
    return found


def validators(schemas: Path) -> dict[str, Draft202012Validator]:
    compiled = {}
    for kind, name in SCHEMA_FILES.items():
        schema = json.loads((schemas / name).read_text("utf-8"))
        compiled[kind] = Draft202012Validator(
            schema, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
    return compiled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--schemas", type=Path, default=SCHEMAS)
    parser.add_argument("--parse-only", action="store_true", help="YAML only, no schema")
    args = parser.parse_args(argv)
    checkers = None if args.parse_only else validators(args.schemas)
    files = record_files(args.root)
    errors = 0
    for relative, kind in files:
        try:
            data = yaml.load((args.root / relative).read_bytes(), Loader=TextDatesLoader)
        except yaml.YAMLError as error:
            print(f"{relative}: {error}")
            errors += 1
            continue
        if checkers is None:
            continue
        for error in checkers[kind].iter_errors(data):
            print(f"{relative}: {error.json_path}: {error.message}")
            errors += 1
    print(f"{errors} erreurs dans {len(files)} fichiers")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
