"""`--git`: « Préparer la proposition », then the `pacte diff` of the new branch.

The page lists the record files that differ from the last commit and what they change, in the
terms of `pacte diff` (`diff.compare`, worded by its text format); the button commits them on
a new branch (`gitbranch`), and the page then shows the diff of that branch against HEAD, read
from git objects like `pacte diff HEAD <branche>`. Nothing is pushed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pactecli.check.validation import ReadCache, validate
from pactecli.errors import UsageError
from pactecli.load.git import Repository
from pactecli.load.sources import FolderSnapshot, Snapshot
from pactecli.web import gitbranch
from pactecli.web.http import Request, Response

if TYPE_CHECKING:
    from pactecli.diff.values import Changes
    from pactecli.web.app import WebApp


@dataclass(frozen=True)
class Section:
    titre: str
    lignes: tuple[tuple[int, str], ...]
    """(depth, text) of each line."""


def sections(changes: Changes) -> tuple[str, list[Section]]:
    """The diff as its text format says it: the summary, then titled sections of lines."""
    from pactecli.render.changes import text

    blocks = text.render(changes).rstrip("\n").split("\n\n")
    head, rest = blocks[0].splitlines(), blocks[1:-1]  # the last block is the signature line
    summary = head[1].removeprefix("Résumé : ") if len(head) > 1 else ""
    found = []
    for block in rest:
        title, *lines = block.splitlines()
        items = tuple(((len(line) - len(line.lstrip(" "))) // 2, line.strip()) for line in lines)
        found.append(Section(title, items))
    return summary, found


def _diff(repository: Repository, head: Snapshot, as_of: dt.date) -> Changes:
    from pactecli.diff.compare import compare

    base = repository.snapshot("HEAD")
    shared: ReadCache = {}
    before = validate(base, as_of, shared)
    after = validate(head, as_of, shared)
    return compare(before, after, base.label, head.label, as_of)


def message_for(changes: Changes, files: list[gitbranch.Changed]) -> str:
    from pactecli.render.changes import words

    listed = "\n".join(f"- {c.path}{' (supprimé)' if c.content is None else ''}" for c in files)
    summary = words.summary(changes)
    return f"Pacte : {summary}\n\nFichiers modifiés :\n{listed}\n\nPréparé par pacte serve."


def page(app: WebApp, request: Request) -> Response:
    state = app.state()
    repository = Repository.of(app.root)
    as_of = app.live.as_of()
    made: gitbranch.Proposal | None = None
    failure = ""
    if request.method == "POST":
        try:
            with app.write_lock:
                made = gitbranch.propose(
                    repository, request.value("branche").strip(), _message(request.value("message"))
                )
        except UsageError as error:
            failure = str(error) + (f" — {error.hint}" if error.hint else "")
    if made is not None:
        changes = _diff(repository, repository.snapshot(made.branch), as_of)
        files: list[gitbranch.Changed] = []
    else:
        files = gitbranch.changed_files(repository)
        changes = _diff(repository, FolderSnapshot(app.root), as_of)
    summary, parts = sections(changes)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return app.page(
        "proposition",
        state,
        "Préparer la proposition",
        "proposition",
        status=200 if not failure else 422,
        fichiers=files,
        resume=summary,
        sections_diff=parts,
        proposition=made,
        echec=failure,
        branche=request.value("branche") if request.method == "POST" else f"proposition-{stamp}",
        message=request.value("message") if failure else message_for(changes, files),
        rechargement="avertir",
    )


def _message(text: str) -> str:
    cleaned = text.replace("\r\n", "\n").strip()
    if not cleaned:
        raise UsageError("le message du commit est vide", hint="décrivez la modification proposée")
    return cleaned + "\n"
