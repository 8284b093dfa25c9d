"""How records are read: what `documents.load` makes of their text."""

from __future__ import annotations

from pathlib import Path

from pacte_testing import AS_OF, BASE, run_pacte


def test_a_number_too_long_for_python_is_text_not_a_crash(tmp_path: Path) -> None:
    """Python refuses to turn more than 4300 digits into an integer: the value stays text."""
    root = tmp_path / "pacte"
    root.mkdir()
    for path in sorted(BASE.rglob("*")):
        target = root / path.relative_to(BASE)
        if path.is_dir():
            target.mkdir()
        else:
            target.write_bytes(path.read_bytes())
    partner = root / "data/partners/msa.yaml"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(text.replace("2025: 3000", "2025: " + "5" * 5000, 1), encoding="utf-8")
    assert "5" * 5000 in partner.read_text(encoding="utf-8")

    run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF)
    assert run.exit_code == 1
    assert "un nombre est attendu, pas le texte « 5555" in run.stdout
