"""Override templates read from real files under their folder, and nowhere else.

A pact's `templates/` folder arrives with pull requests, and CI keeps a token in `.git/config`:
a link `templates -> .`, `templates/partials -> ../.git` or `report.md.j2 -> /etc/passwd` would
hand that file to `{% include %}`. So no symbolic link is ever followed below the folder's
trusted starting point (the pact root, or the parent of a `--template-dir` outside the pact):
every folder on the way and the file itself are opened with `O_NOFOLLOW`, one component at a
time relative to the previous one (`openat`), so a link swapped in while we read is refused
too. Names with `..`, absolute names and anything under `.git` are refused before any access;
the file must be a regular file (a FIFO would hang CI) of at most `MAX_TEMPLATE_BYTES`.

A template that is simply absent is not an error: the next folder, then the packaged default,
provides it. A refused one is a `RenderError` naming it (exit 1).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2

from pactecli.errors import RenderError

MAX_TEMPLATE_BYTES = 1024 * 1024
_FORBIDDEN_PARTS = {"..", ".git"}
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: opening a FIFO for reading must not wait for a writer (it is refused just after).
_FILE = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_HINT = (
    "un modèle doit être un vrai fichier du dossier de modèles (ni lien symbolique, ni « .. », "
    "ni chemin absolu, ni fichier de .git)"
)


class _Missing(Exception):
    """The template is not in this folder: the next one (or the default) provides it."""


class TemplateFolder(jinja2.BaseLoader):
    """Templates of one override folder (the pact's `templates/` or `--template-dir`)."""

    def __init__(self, folder: Path, root: Path | None = None) -> None:
        self.anchor, self.parts = _trusted_start(folder, root)
        self.shown = str(folder)

    def holds(self, name: str) -> bool:
        """Whether the folder provides `name`; `RenderError` if reading it is refused."""
        try:
            with self._open(name):
                return True
        except _Missing:
            return False

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            with self._open(template) as fd:
                data = _read(fd, self._shown(template))
        except _Missing:
            raise jinja2.TemplateNotFound(template) from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _refused(self._shown(template), "n'est pas un texte UTF-8") from None
        return text, self._shown(template), lambda: True

    def list_templates(self) -> list[str]:
        return []  # never needed by the report; listing would mean walking the folder

    def _shown(self, name: str) -> str:
        return os.path.join(self.shown, *_segments(name, self.shown))

    @contextmanager
    def _open(self, name: str) -> Iterator[int]:
        """The open file descriptor of `name`, reached without following any link."""
        segments = _segments(name, self.shown)
        fd = self._open_folder()
        try:
            for i, segment in enumerate(segments):
                last = i == len(segments) - 1
                shown = self._shown("/".join(segments[: i + 1]))
                inner = _step(fd, segment, _FILE if last else _DIRECTORY, shown)
                os.close(fd)
                fd = inner
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _refused(self._shown(name), "n'est pas un fichier ordinaire")
            yield fd
        finally:
            os.close(fd)

    def _open_folder(self) -> int:
        if any(part.lower() == ".git" for part in (*self.anchor.parts, *self.parts)):
            raise _refused(self.shown, "est dans un dossier .git", what="le dossier de modèles")
        try:
            fd = os.open(self.anchor, _DIRECTORY)
        except OSError:
            raise _Missing from None
        try:
            for part in self.parts:
                inner = _step(fd, part, _DIRECTORY, self.shown, what="le dossier de modèles")
                os.close(fd)
                fd = inner
        except BaseException:
            os.close(fd)
            raise
        return fd


def _trusted_start(folder: Path, root: Path | None) -> tuple[Path, tuple[str, ...]]:
    """Where links stop being followed: below the pact root, or below the folder's parent.

    The path up to there is the user's own command line (`--root`, `--template-dir`); what
    lies below the pact root comes with pull requests.
    """
    absolute = Path(os.path.abspath(folder))
    if root is not None:
        base = Path(os.path.abspath(root))
        if absolute.is_relative_to(base):
            return base, absolute.relative_to(base).parts
    if absolute.parent == absolute:
        return absolute, ()
    return absolute.parent, (absolute.name,)


def _segments(name: str, folder: str) -> list[str]:
    """The path components of a template name; `..`, absolute names and `.git` are refused."""
    if name.startswith("/") or "\\" in name or "\0" in name:
        raise _refused(name, "est un chemin absolu ou contient « \\ »", folder)
    segments = [s for s in name.split("/") if s not in ("", ".")]
    if not segments:
        raise _refused(name, "n'est pas un nom de fichier", folder)
    for segment in segments:
        if segment.lower() in _FORBIDDEN_PARTS:
            raise _refused(name, f"passe par « {segment} »", folder)
    return segments


def _step(fd: int, name: str, flags: int, shown: str, what: str = "le modèle") -> int:
    """Open `name` inside the folder `fd` without following a link (`fd` stays open)."""
    try:
        return os.open(name, flags | _NO_FOLLOW, dir_fd=fd)
    except OSError as error:
        if error.errno == errno.ELOOP or _is_link(fd, name):
            raise _refused(shown, "est un lien symbolique", what=what) from None
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise _Missing from None
        raise _refused(shown, f"est illisible ({error.strerror})", what=what) from None


def _is_link(fd: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _read(fd: int, shown: str) -> bytes:
    """The whole file, refused beyond `MAX_TEMPLATE_BYTES` (read no further than that)."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_TEMPLATE_BYTES:
        chunk = os.read(fd, MAX_TEMPLATE_BYTES + 1 - size)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _refused(shown, f"dépasse {MAX_TEMPLATE_BYTES // 1024} Kio")


def _refused(shown: str, reason: str, folder: str = "", what: str = "le modèle") -> RenderError:
    where = f" (dossier {folder})" if folder else ""
    return RenderError(f"{what} « {shown} »{where} {reason} : refusé", hint=_HINT)
