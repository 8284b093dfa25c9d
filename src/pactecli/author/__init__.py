"""Writing records for people who do not know the format: `init`, `new` and `fmt`.

Everything here writes into a pact, so two promises hold throughout: a file is written
atomically (a temporary file in the same folder, then a rename), and a byte that need not
change does not. `roundtrip` (ruamel.yaml, which keeps comments) is imported only by the
commands that write YAML, never by `pacte validate`.
"""
