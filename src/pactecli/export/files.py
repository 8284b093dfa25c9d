"""Every file an export writes goes through here: atomically, and never over what is not ours.

A file is replaced only when pacte wrote it: a text output or a workbook carries pacte's signed
marker (`render.output`: in the text, or as the workbook's zip comment) and is unchanged since,
a database pacte's `application_id` in its header, a JSON Schema pacte's `$id`. An existing
symbolic link, FIFO or device is refused unread (reading a FIFO would hang). A folder output
(the CSV tables) is created by pacte, or empty, or a folder pacte filled before (its marker
file lists the files it wrote); only the files that marker lists are ever replaced or removed.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pactecli.errors import UsageError
from pactecli.render.output import sign
from pactecli.render.output import written_by_pacte as signed_by_pacte

FOLDER_SIGNATURE = "généré par pacte"
"""The start of the folder marker's signature (any version of pacte wrote the folder)."""
MARKER = ".pacte-export.json"
SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x50414354
"""`PACT` in the SQLite header (`PRAGMA application_id`): a database pacte wrote."""
SCHEMA_ID_PREFIX = b'"$id": "https://pacte-solidarites.github.io/pacte/schemas/'
_MAX_PROPERTIES = 1 << 16


def _refuse(path: Path, why: str, hint: str) -> UsageError:
    return UsageError(f"« {path} » {why}", hint=hint)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _refuse(path, f"est illisible ({error.strerror})", "vérifiez le chemin") from None


def written_by_pacte(path: Path) -> bool:
    """Whether the regular file at `path` carries one of pacte's signatures."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if head.startswith(SQLITE_HEADER):
        return int.from_bytes(head[68:72], "big") == APPLICATION_ID
    if SCHEMA_ID_PREFIX in head:
        return True
    return signed_by_pacte(path)  # text, or a workbook (its marker is the zip comment)


def _check_replaceable(path: Path) -> None:
    found = _lstat(path)
    if found is None:
        return
    if stat.S_ISDIR(found.st_mode):
        raise _refuse(path, "est un dossier", "indiquez un nom de fichier")
    if not stat.S_ISREG(found.st_mode):
        raise _refuse(
            path,
            "n'est pas un fichier ordinaire (lien symbolique, tube ou périphérique) : il n'est "
            "pas remplacé",
            "choisissez un autre nom de fichier",
        )
    if not written_by_pacte(path):
        raise _refuse(
            path,
            "existe déjà et n'a pas été produit par pacte : il n'est pas remplacé",
            "choisissez un autre nom de fichier, ou supprimez celui-ci vous-même",
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(path: Path, data: bytes) -> None:
    """Write `data` beside `path`, then rename: no half-written file is ever left."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"le dossier « {folder} » n'existe pas", hint="créez-le d'abord")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise _unwritable(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _unwritable(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _unwritable(path: Path, error: OSError) -> UsageError:
    return UsageError(
        f"impossible d'écrire « {path} » : {error.strerror or error}",
        hint="vérifiez les droits du dossier et la place disponible sur le disque",
    )


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; refuse a file pacte did not write."""
    _check_replaceable(path)
    _replace(path, sign(data))


def write_stdout(data: bytes, binary: bool) -> None:
    """Text goes to standard output as is; a binary format only into a pipe or a file."""
    buffer = getattr(sys.stdout, "buffer", None)
    if binary and (buffer is None or sys.stdout.isatty()):
        raise UsageError(
            "ce format est binaire : il n'est pas affiché dans le terminal",
            hint="indiquez un fichier avec --output, ou redirigez la sortie (> fichier)",
        )
    data = sign(data)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()


# --- folders ---------------------------------------------------------------------------------


def _previous_files(folder: Path) -> set[str] | None:
    """The files pacte listed in the folder's marker; None when the folder is not pacte's."""
    marker = folder / MARKER
    found = _lstat(marker)
    if found is None or not stat.S_ISREG(found.st_mode) or found.st_size > _MAX_PROPERTIES:
        return None
    try:
        content = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    signature = content.get("signature") if isinstance(content, dict) else None
    if not isinstance(signature, str) or not signature.startswith(FOLDER_SIGNATURE):
        return None
    names = content.get("fichiers")
    if not isinstance(names, list):
        return None
    return {name for name in names if isinstance(name, str) and _plain_name(name)}


def _plain_name(name: str) -> bool:
    return name not in ("", ".", "..", MARKER) and "/" not in name and "\\" not in name


def _prepare_folder(folder: Path) -> set[str]:
    """Create the folder, or check that it is empty or pacte's; the files pacte wrote there."""
    found = _lstat(folder)
    if found is None:
        parent = folder.parent if str(folder.parent) else Path(".")
        if not parent.is_dir():
            raise UsageError(f"le dossier « {parent} » n'existe pas", hint="créez-le d'abord")
        try:
            folder.mkdir()
        except OSError as error:
            raise _unwritable(folder, error) from None
        return set()
    if not stat.S_ISDIR(found.st_mode):
        raise _refuse(
            folder,
            "n'est pas un dossier (ce format écrit un dossier de fichiers)",
            "indiquez un dossier nouveau ou vide",
        )
    previous = _previous_files(folder)
    if previous is not None:
        return previous
    try:
        empty = not any(folder.iterdir())
    except OSError as error:
        raise _unwritable(folder, error) from None
    if not empty:
        raise _refuse(
            folder,
            "n'est pas vide et n'a pas été créé par pacte : rien n'y est écrit",
            "indiquez un dossier nouveau ou vide",
        )
    return set()


def write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (plain names) into `folder`; remove what an earlier export left there."""
    previous = _prepare_folder(folder)
    for name in files:
        target = folder / name
        found = _lstat(target)
        if found is not None and (name not in previous or not stat.S_ISREG(found.st_mode)):
            raise _refuse(
                target,
                "existe déjà et n'a pas été produit par pacte : rien n'est écrit",
                "indiquez un dossier nouveau ou vide",
            )
    # The marker first lists every file that may be pacte's, so that an interrupted export
    # leaves a folder the next one recognises; then exactly the files of this export.
    _write_marker(folder, previous | set(files))
    for name, data in files.items():
        _replace(folder / name, data)
    for name in sorted(previous - set(files)):
        stale = folder / name
        found = _lstat(stale)
        if found is not None and stat.S_ISREG(found.st_mode):
            stale.unlink()
    _write_marker(folder, set(files))


def _write_marker(folder: Path, names: set[str]) -> None:
    marker = {"signature": FOLDER_SIGNATURE, "fichiers": sorted(names)}
    _replace(folder / MARKER, (json.dumps(marker, ensure_ascii=False, indent=2) + "\n").encode())
