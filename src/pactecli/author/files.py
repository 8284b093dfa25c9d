"""Writing into a pact: atomically, never over a file the command did not create.

A new record is written to a temporary file in its folder and then linked to its name, which
fails if the name exists (even when it appeared a moment ago): `new` can never destroy a
record. A record that `fmt` or `new contribution` rewrites is replaced in one rename, keeping
its permissions, and never through a symbolic link (the link could lead out of the pact).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pactecli.errors import UsageError


def _temporary(folder: Path, name: str, data: bytes, mode: int) -> str:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def create_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path.parent, path.name, text.encode("utf-8"), _default_mode())
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # no hard links on this file system: an exclusive creation instead
        _create_exclusively(path, text)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _exists(path: Path) -> UsageError:
    return UsageError(
        f"« {path} » existe déjà : il n'est pas remplacé",
        hint="choisissez un autre identifiant, ou modifiez le fichier existant",
    )


def _create_exclusively(path: Path, text: str) -> None:
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise _exists(path) from None


def replace_file(path: Path, data: bytes) -> None:
    """Replace an existing regular file in one step, with its permissions."""
    if path.is_symlink() or not path.is_file():
        raise UsageError(
            f"« {path} » n'est pas un fichier ordinaire (lien symbolique ?) : il n'est pas modifié"
        )
    mode = path.stat().st_mode & 0o7777
    temporary = _temporary(path.parent, path.name, data, mode)
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
