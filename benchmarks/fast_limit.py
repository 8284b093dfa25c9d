"""The fast-parser limit of issue 13: parse + schema with yaml-rs and jsonschema-rs alone.

    python benchmarks/fast_limit.py ROOT [--schemas DIR] [--parse-only]

Reads the same files as `floor.py` (and as `pacte validate`), parses each with yaml-rs (dates as
text, a duplicate key an error), turns integer keys into text (`2024: 5` is the property
"2024"; jsonschema-rs takes text keys only) and checks the record with one jsonschema-rs
validator per kind, formats checked. Nothing else: no scan, no cross-file rule, no position, no
French, no command-line framework. It is what any tool built on these two libraries pays, so
`pacte validate` cannot go much below it. Exit 1 when a file is invalid.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml_rs

from floor import SCHEMA_FILES, SCHEMAS, record_files


def text_keys(value: Any) -> Any:
    """The same data with every integer key written as text."""
    if type(value) is dict:
        return {
            key if type(key) is str else str(key): text_keys(child) for key, child in value.items()
        }
    if type(value) is list:
        return [text_keys(child) for child in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--schemas", type=Path, default=SCHEMAS)
    parser.add_argument("--parse-only", action="store_true", help="YAML only, no schema")
    args = parser.parse_args(argv)
    validators = {
        kind: jsonschema_rs.validator_for(
            json.loads((args.schemas / name).read_text("utf-8")), validate_formats=True
        )
        for kind, name in SCHEMA_FILES.items()
    }
    files = record_files(args.root)
    errors = 0
    for relative, kind in files:
        try:
            data = text_keys(
                yaml_rs.loads(
                    (args.root / relative).read_bytes().decode("utf-8"),
                    parse_datetime=False,
                    duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
                )
            )
        except (ValueError, UnicodeDecodeError) as error:
            print(f"{relative}: {error}")
            errors += 1
            continue
        if not args.parse_only and not validators[kind].is_valid(data):
            print(f"{relative}: invalide")
            errors += 1
    print(f"{errors} erreurs dans {len(files)} fichiers")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
