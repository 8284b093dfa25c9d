"""Writing what pacte produces: signed, atomically, and never over a file pacte did not write.

Signature. Every output pacte writes to a file carries one marker,
`généré par pacte <version> · empreinte sha256:<hex>`, whose digest is the SHA-256 of the whole
output with every such digest written as 64 zeros. Renderers place the marker with its digest
zeroed (`SIGNATURE`) where their format allows it (a JSON member, an XML or HTML comment, the
report templates' `signature` variable), or let their `Signing` add it as a line; the bytes are
signed last. An existing file is replaced only when it is empty (or an empty JSON list: nothing
to lose) or when its marker matches its content: a file pacte did not write, or one edited by
hand since, is left alone.

Writing. The output is written to a temporary file in the target's folder, flushed to disk,
given the target's permissions, then renamed over it: a reader sees the old file or the new one,
never half of one. SIGINT and SIGTERM are held during the two steps that create and rename the
temporary file, and anything that stops the write removes it. Only a regular file is written:
a folder, a symbolic link, a named pipe, a socket or a device is refused before being opened.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from pactecli import __version__
from pactecli.errors import UsageError

# hashlib, tempfile and signal are imported where they are used: `pacte validate` imports this
# module on every start, and printing to standard output needs none of them.

_ZEROS = "0" * 64
#: The marker as renderers place it, digest zeroed (the report templates' `signature`).
SIGNATURE = f"généré par pacte {__version__} · empreinte sha256:{_ZEROS}"
_SIGNATURE_START = "généré par pacte ".encode()
_READ_LIMIT = 256 * 1024 * 1024  # a larger file is not one pacte wrote: not even read


# --- signing -----------------------------------------------------------------------------------


class Signing:
    """How one output format carries the marker when its renderer did not place it.

    `appends`: add a line `opening + marker + closing` at the end (a text format's own line, a
    Markdown or HTML comment); `replaces`: a last line of the format's own that this line takes
    the place of. A format that always embeds the marker (JSON, XML) appends nothing.
    """

    __slots__ = ("appends", "closing", "opening", "replaces")

    def __init__(
        self,
        opening: str = "",
        closing: str = "",
        appends: bool = True,
        replaces: str | None = None,
    ) -> None:
        self.opening, self.closing = opening, closing
        self.appends, self.replaces = appends, replaces

    def mark(self, text: str) -> str:
        if SIGNATURE in text or not self.appends:
            return text
        body = text if not text or text.endswith("\n") else text + "\n"
        if self.replaces and body.endswith(self.replaces + "\n"):
            body = body[: -len(self.replaces) - 1]
        return f"{body}{self.opening}{SIGNATURE}{self.closing}\n"


#: A plain line at the end (text formats): only in a file, never on standard output.
TEXT_LINE = Signing()
#: An HTML comment (Markdown and HTML).
COMMENT = Signing("<!-- ", " -->")
#: The renderer writes the marker itself, in its own syntax (JSON member, XML comment).
EMBEDDED = Signing(appends=False)


@cache
def _marker() -> re.Pattern[bytes]:
    version, digest = "[0-9A-Za-z.+!_-]{1,64}", "(?P<digest>[0-9a-f]{64})"
    return re.compile(f"généré par pacte {version} · empreinte sha256:{digest}".encode())


def _canonical(data: bytes) -> bytes:
    return _marker().sub(lambda m: m.group()[:-64] + _ZEROS.encode(), data)


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).hexdigest().encode()


def sign(data: bytes) -> bytes:
    """Every marker of `data` given the digest of `data` with every digest zeroed."""
    if _SIGNATURE_START not in data or _marker().search(data) is None:
        return data
    canonical = _canonical(data)
    digest = _digest(canonical)
    return _marker().sub(lambda m: m.group()[:-64] + digest, canonical)


def mark_archive(data: bytes) -> bytes:
    """A zip archive (a workbook) with the marker as its comment: plain bytes at the end of
    the file, of fixed length, signed like any output; the members are not rewritten."""
    import io
    import zipfile

    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = SIGNATURE.encode()
    return buffer.getvalue()


def finish(text: str, signing: Signing, to_file: bool) -> bytes:
    """The bytes to write: marked when they go to a file, signed wherever a marker is.

    On standard output nothing is added (`pacte validate` prints exactly its lines); a marker
    a renderer placed is signed there too, so a redirected output is pacte's like `--output`.
    Renderers escape everything; `backslashreplace` is only the last guard against a lone
    surrogate reaching this point.
    """
    if to_file:
        text = signing.mark(text)
    return sign(text.encode("utf-8", "backslashreplace"))


class Verdict(enum.Enum):
    NOTHING = "nothing to lose"
    SIGNED = "written by pacte, unchanged"
    MODIFIED = "written by pacte, changed since"
    FOREIGN = "not written by pacte"


def verdict(data: bytes) -> Verdict:
    if data.strip() in (b"", b"[]"):
        return Verdict.NOTHING
    found = [m.group("digest") for m in _marker().finditer(data)]
    if not found:
        return Verdict.FOREIGN
    digest = _digest(_canonical(data))
    return Verdict.SIGNED if all(d == digest for d in found) else Verdict.MODIFIED


def written_by_pacte(path: Path) -> bool:
    """Whether the regular file at `path` may be replaced: empty, or signed by pacte and
    unchanged since (any kind of output: the marker is found in its bytes)."""
    try:
        status = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    try:
        data = _read_regular(path, status)
    except UsageError:
        return False
    return verdict(data) in (Verdict.NOTHING, Verdict.SIGNED)


# --- standard output ---------------------------------------------------------------------------


def write_stdout(data: bytes) -> None:
    """Print `data` as it is (UTF-8, `\\n`); a reader that left (`| head`) ends it quietly."""
    stream = sys.stdout
    if stream is None:  # started with its standard output closed
        raise UsageError(
            "la sortie standard est fermée : le résultat ne peut pas y être écrit",
            hint="redirigez-la vers un fichier, ou utilisez --output FICHIER",
        )
    try:
        stream.flush()
        binary = getattr(stream, "buffer", None)
        if binary is None:  # a text stream without bytes below (tests capture this way)
            stream.write(data.decode("utf-8"))
            stream.flush()
        else:
            binary.write(data)
            binary.flush()
    except BrokenPipeError:
        _discard_stdout()
    except OSError as error:
        _discard_stdout()
        raise UsageError(
            f"impossible d'écrire le résultat sur la sortie standard : {reason(error)}",
            hint="libérez de la place ou écrivez ailleurs avec --output FICHIER",
        ) from None


def _discard_stdout() -> None:
    """Point standard output at the null device, so Python's last flush cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


_REASONS = {
    getattr(errno, name, -1): text
    for name, text in (
        ("ENOSPC", "plus de place sur le disque"),
        ("EDQUOT", "quota disque dépassé"),
        ("EROFS", "système de fichiers en lecture seule"),
        ("EACCES", "permission refusée"),
        ("EPERM", "opération non permise"),
        ("EIO", "erreur d'entrée-sortie"),
        ("EFBIG", "fichier trop volumineux pour ce système de fichiers"),
    )
}


def reason(error: OSError) -> str:
    """Why a write failed, in French."""
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


# --- files -------------------------------------------------------------------------------------


def write_output(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; refuse to overwrite a file pacte did not write."""
    existing = _existing(path)
    folder = path.parent if str(path.parent) else Path(".")
    if existing is None and not folder.is_dir():
        raise UsageError(f"le dossier « {folder} » n'existe pas", hint="créez-le d'abord")
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    _replace(path, folder, data, mode)


def _existing(path: Path) -> os.stat_result | None:
    """The target's status when it may be replaced; `None` when there is none yet."""
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise UsageError(f"« {path} » est inaccessible : {reason(error)}") from None
    if stat.S_ISLNK(status.st_mode):
        raise UsageError(
            f"« {path} » est un lien symbolique : pacte ne le suit pas et ne le remplace pas",
            hint="indiquez le fichier lui-même, ou supprimez le lien",
        )
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"« {path} » est un dossier", hint="indiquez un nom de fichier")
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(
            f"« {path} » n'est pas un fichier ordinaire (tube nommé, socket ou périphérique) : "
            "pacte n'y écrit pas",
            hint="indiquez un fichier ordinaire, ou la sortie standard (sans --output)",
        )
    found = verdict(_read_regular(path, status))
    if found is Verdict.MODIFIED:
        raise UsageError(
            f"« {path} » a été produit par pacte puis modifié : il n'est pas remplacé",
            hint="gardez vos modifications ailleurs, ou supprimez ce fichier vous-même",
        )
    if found is Verdict.FOREIGN:
        raise UsageError(
            f"« {path} » existe déjà et n'a pas été produit par pacte : il n'est pas remplacé",
            hint="choisissez un autre nom de fichier, ou supprimez celui-ci vous-même",
        )
    return status


def _read_regular(path: Path, status: os.stat_result) -> bytes:
    """The file's bytes, never blocking: opened without following a link nor waiting on a pipe
    swapped in since `lstat` (its kind is checked again on the open descriptor)."""
    if status.st_size > _READ_LIMIT:
        return b"\x00"  # too large for pacte's output: not read, not replaced
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise UsageError(f"« {path} » est illisible : {reason(error)}") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return b"\x00"
        return handle.read(_READ_LIMIT + 1)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends (then act, and the cleanup runs)."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to hold
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace(path: Path, folder: Path, data: bytes, mode: int) -> None:
    import tempfile

    temporary: str | None = None
    replaced = False
    try:
        with _signals_held():
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=folder
            )
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        with _signals_held():
            os.replace(temporary, path)
            replaced = True
    except OSError as error:
        raise UsageError(
            f"« {path} » n'a pas pu être écrit : {reason(error)}",
            hint="vérifiez la place disponible et les droits sur le dossier",
        ) from None
    finally:
        if temporary is not None and not replaced:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
