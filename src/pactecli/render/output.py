"""Writing what pacte produces: atomically, and never over a file pacte did not write.

A half-written report must never be left behind (write to a temporary file in the same folder,
then rename), and `--output notes.md` must never destroy a user's own notes: an existing file is
replaced only when it carries pacte's signature.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from pactecli.errors import UsageError

SIGNATURE = "généré par pacte"
_SIGNS = (
    re.compile(re.escape(SIGNATURE)),
    re.compile(r'"name"\s*:\s*"pacte"'),
    re.compile(r'name="pacte"'),
    re.compile(r'"check_name"\s*:\s*"pacte/'),
    re.compile(
        r"^(Aucun problème dans \d+ fichiers?\.|\d+ erreurs?, \d+ avertissements? dans "
        r"\d+ fichiers?)$",
        re.MULTILINE,
    ),
)


def written_by_pacte(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    return any(sign.search(head) for sign in _SIGNS)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; refuse to overwrite a file pacte did not write."""
    if path.is_dir():
        raise UsageError(f"« {path} » est un dossier", hint="indiquez un nom de fichier")
    if path.exists() and not written_by_pacte(path):
        raise UsageError(
            f"« {path} » existe déjà et n'a pas été produit par pacte : il n'est pas remplacé",
            hint="choisissez un autre nom de fichier, ou supprimez celui-ci vous-même",
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"le dossier « {folder} » n'existe pas", hint="créez-le d'abord")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
