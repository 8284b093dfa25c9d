"""Symbolic links read from a revision: hostile targets, link mazes, submodules.

A pull request controls every link of its revision. Whatever they hold, reading a revision asks
git for each object at most once (so its cost is linear in its size), writes nothing but object
ids to `git cat-file`, and refuses unread a link that leaves the pact root, enters `.git`, loops
or is no clean path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from diff_testing import PactRepo, init_repo

from pacte_testing import AS_OF_DATE, run_pacte
from pactecli.check.validation import validate
from pactecli.load import git as gitsource
from pactecli.load import gittree
from pactecli.load.sources import FolderSnapshot, collect

ESCAPING = "lien symbolique vers un emplacement hors du dépôt ou dans .git, refusé sans être lu"


def _link(repo: PactRepo, name: str, target: str | bytes) -> None:
    path = repo.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(target, bytes):
        os.symlink(target, os.fsencode(path))
    else:
        os.symlink(target, path)


def _problems(snapshot: object) -> list[tuple[str, str, str]]:
    result = validate(snapshot, AS_OF_DATE)  # type: ignore[arg-type]
    return [(d.code, d.location.path, d.message) for d in result.diagnostics]


def _snapshot(repo: PactRepo, commit: str = "HEAD") -> gitsource.GitSnapshot:
    return gitsource.Repository.of(repo.root).snapshot(commit)


def _objects_in(repo: PactRepo, commit: str) -> int:
    """How many objects (commit, trees, blobs) the revision is made of."""
    return len(repo.git("rev-list", "--objects", "--no-walk", commit).splitlines())


def _assert_each_object_asked_once(snapshot: gitsource.GitSnapshot, repo: PactRepo) -> None:
    asked = snapshot.objects_requested
    assert len(asked) == len(set(asked)), "un objet git demandé deux fois"
    assert len(asked) <= _objects_in(repo, snapshot.commit)


def _same_records_as_on_disk(snapshot: gitsource.GitSnapshot, root: Path) -> None:
    """Every record the revision gives is, byte for byte, the committed file of that name."""
    sources = collect(snapshot).sources
    assert sources
    for source in sources:
        assert source.content == (root / source.path).read_bytes(), source.path


def test_maze_of_folder_links_is_read_once_per_folder(repo: PactRepo) -> None:
    """Thirty levels, each with two links to the next: 2^30 paths, sixty links, one walk."""
    depth = 30
    for level in range(depth):
        repo.write(f"partage/niveau-{level}/fiche.txt", f"niveau {level}\n")
        for name in ("a", "b"):
            _link(repo, f"partage/niveau-{level}/{name}", f"../niveau-{level + 1}")
    repo.write(f"partage/niveau-{depth}/fiche.txt", "fond\n")
    _link(repo, "data/conventions/piege", "../../partage/niveau-0")
    commit = repo.commit("Labyrinthe de liens")
    snapshot = _snapshot(repo, commit)

    from_git = _problems(snapshot)

    assert from_git == _problems(FolderSnapshot(repo.root))
    paths = {path for _, path, _ in from_git}
    assert len(paths) == depth + 1  # one unexpected fiche.txt per level, named through a/a/a/…
    assert "data/conventions/piege/" + "a/" * depth + "fiche.txt" in paths
    _assert_each_object_asked_once(snapshot, repo)


def test_many_links_through_one_long_chain_resolve_it_once(repo: PactRepo) -> None:
    """Forty partners reached through a chain of twelve folder links: each link read once."""
    repo.move("data/partners/msa.yaml", "partage/reel/msa.yaml")
    _link(repo, "partage/maillon-12", "reel")
    for number in range(12, 0, -1):
        _link(repo, f"partage/maillon-{number - 1}", f"maillon-{number}")
    _link(repo, "data/partners/msa.yaml", "../../partage/maillon-0/msa.yaml")
    for number in range(40):
        _link(repo, f"data/partners/copie-{number}.yaml", "../../partage/maillon-0/msa.yaml")
    commit = repo.commit("Chaîne")
    snapshot = _snapshot(repo, commit)

    from_git = _problems(snapshot)

    assert from_git == _problems(FolderSnapshot(repo.root))
    assert snapshot.read("data/partners/copie-7.yaml").startswith(b"id: msa\n")
    _assert_each_object_asked_once(snapshot, repo)


def test_link_target_with_a_newline_is_refused_and_the_rest_read_right(repo: PactRepo) -> None:
    """Before, the target went to `cat-file` as text: the newline made a second request."""
    repo.move("data/partners/msa.yaml", "partage/msa.yaml")
    _link(repo, "data/partners/msa.yaml", "../../partage/msa.yaml")
    _link(repo, "data/partners/forge.yaml", "../../partage/msa.yaml\nHEAD:pacte.yaml")
    commit = repo.commit("Cible sur deux lignes")
    snapshot = _snapshot(repo, commit)

    assert _problems(snapshot) == [("fichier-inattendu", "data/partners/forge.yaml", ESCAPING)]
    _same_records_as_on_disk(snapshot, repo.root)


def test_link_target_that_is_not_utf8_is_refused(repo: PactRepo) -> None:
    (repo.root / "partage").mkdir()
    (repo.root / os.fsdecode(b"partage/\xffmsa.yaml")).write_bytes(
        repo.text("data/partners/msa.yaml").replace("id: msa", "id: autre").encode()
    )
    _link(repo, "data/partners/autre.yaml", b"../../partage/\xffmsa.yaml")
    commit = repo.commit("Cible en latin-1")
    snapshot = _snapshot(repo, commit)

    assert _problems(snapshot) == [("fichier-inattendu", "data/partners/autre.yaml", ESCAPING)]
    _same_records_as_on_disk(snapshot, repo.root)


@pytest.mark.parametrize(
    "target",
    [
        "../../.git/config",
        "../../.GIT/config",
        "../../partage/../.git/HEAD",
        "/etc/passwd",
        "../../../depot/.git/config",
        "../../../ailleurs.yaml",
    ],
)
def test_link_into_git_folder_or_out_of_the_root_is_refused(repo: PactRepo, target: str) -> None:
    repo.write("partage/note.txt", "partagé\n")
    _link(repo, "data/partners/secret.yaml", target)
    commit = repo.commit("Lien vers .git")

    assert _problems(_snapshot(repo, commit)) == [
        ("fichier-inattendu", "data/partners/secret.yaml", ESCAPING)
    ]


def test_absolute_link_to_the_repository_itself_is_refused(repo: PactRepo) -> None:
    """Even when the absolute target is inside the pact: a revision has no place on disk."""
    _link(repo, "data/partners/absolu.yaml", str(repo.root / "data/partners/msa.yaml"))
    _link(repo, "data/conventions/git", str(repo.top / ".git"))
    commit = repo.commit("Liens absolus")

    assert _problems(_snapshot(repo, commit)) == [
        ("fichier-inattendu", "data/conventions/git", ESCAPING),
        ("fichier-inattendu", "data/partners/absolu.yaml", ESCAPING),
    ]


def test_folder_link_into_git_folder_is_refused(repo: PactRepo) -> None:
    _link(repo, "data/conventions/depot", "../../.git")
    _link(repo, "data/conventions/objets", "../../.git/objects")
    commit = repo.commit("Dossiers de .git")

    assert _problems(_snapshot(repo, commit)) == [
        ("fichier-inattendu", "data/conventions/depot", ESCAPING),
        ("fichier-inattendu", "data/conventions/objets", ESCAPING),
    ]


def test_link_out_of_a_pact_in_a_sub_folder_is_refused(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "depot", sub="pacte")
    repo.write("../autre/msa.yaml", repo.text("data/partners/msa.yaml"))
    _link(repo, "data/partners/voisin.yaml", "../../../autre/msa.yaml")
    _link(repo, "data/partners/config.yaml", "../../../.git/config")
    commit = repo.commit("Liens hors du pacte")

    assert _problems(_snapshot(repo, commit)) == [
        ("fichier-inattendu", "data/partners/config.yaml", ESCAPING),
        ("fichier-inattendu", "data/partners/voisin.yaml", ESCAPING),
    ]


def test_loops_and_dangling_links(repo: PactRepo) -> None:
    _link(repo, "data/partners/ping.yaml", "pong.yaml")
    _link(repo, "data/partners/pong.yaml", "ping.yaml")
    _link(repo, "data/conventions/boucle", "../conventions/boucle/sous")
    _link(repo, "data/partners/absent.yaml", "../../partage/absent.yaml")
    commit = repo.commit("Boucles")

    problems = _problems(_snapshot(repo, commit))

    assert problems == [
        ("fichier-inattendu", "data/conventions/boucle", ESCAPING),
        (
            "fichier-inattendu",
            "data/partners/absent.yaml",
            "fichier illisible (absent de la révision)",
        ),
        ("fichier-inattendu", "data/partners/ping.yaml", ESCAPING),
        ("fichier-inattendu", "data/partners/pong.yaml", ESCAPING),
    ]


def test_link_to_the_pact_root_lists_it_once_without_data(repo: PactRepo) -> None:
    _link(repo, "data/conventions/racine", "../..")
    _link(repo, "data/conventions/ici", ".")
    commit = repo.commit("Liens vers la racine")
    snapshot = _snapshot(repo, commit)

    paths = sorted(entry.path for entry in snapshot.entries())

    assert "data/conventions/racine/pacte.yaml" in paths
    assert not any(
        path.startswith(("data/conventions/racine/data", "data/conventions/ici")) for path in paths
    )
    _assert_each_object_asked_once(snapshot, repo)


def test_submodule_is_shown_as_an_unexpected_folder(repo: PactRepo) -> None:
    module = init_repo(repo.top.parent / "module")
    head = module.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},data/conventions/module")
    repo.git("commit", "-q", "-m", "Sous-module")
    snapshot = _snapshot(repo)

    problems = _problems(snapshot)

    assert [(code, path) for code, path, _ in problems] == [
        ("fichier-inattendu", "data/conventions/module/")
    ]


def test_only_object_ids_are_written_to_cat_file(repo: PactRepo) -> None:
    _link(repo, "data/partners/forge.yaml", "../../partage/x\nHEAD:pacte.yaml")
    _link(repo, "data/conventions/vers-partage", "../../partage")
    repo.write("partage/fiche.txt", "note\n")
    commit = repo.commit("Liens")
    snapshot = _snapshot(repo, commit)
    gitsource.GIT_CALLS.clear()
    list(snapshot.entries())

    hexadecimal = set("0123456789abcdef")
    assert snapshot.objects_requested
    assert all(
        len(oid) == len(commit) and set(oid) <= hexadecimal for oid in snapshot.objects_requested
    )
    assert not any("--follow-symlinks" in call for call in gitsource.GIT_CALLS)


def test_big_blob_behind_a_link_is_not_kept(repo: PactRepo) -> None:
    """A record reached only through a link (size unknown before reading) is refused if too big."""
    _link(repo, "data/conventions/grande", "../../partage/grande")
    repo.write("partage/grande/convention.yaml", "# " + "y" * (1024 * 1024) + "\n")
    commit = repo.commit("Trop gros")

    problems = _problems(_snapshot(repo, commit))

    assert [(code, path) for code, path, _ in problems] == [
        ("fichier-trop-volumineux", "data/conventions/grande/convention.yaml")
    ]


def _repeated_folders(repo: PactRepo, depth: int) -> str:
    """A tree of `depth` levels, each holding a file and the level below twice (as a and b).

    Git stores each level once: a few objects for 2^depth files once checked out.
    """
    note = repo.git_input("hash-object", "-w", "--stdin", text="note\n").strip()
    tree = repo.git_input("mktree", text=f"100644 blob {note}\tfiche.txt\n").strip()
    for _ in range(depth):
        listing = f"040000 tree {tree}\ta\n040000 tree {tree}\tb\n100644 blob {note}\tfiche.txt\n"
        tree = repo.git_input("mktree", text=listing).strip()
    return tree


def _graft(repo: PactRepo, path: str, tree: str) -> str:
    """A commit on HEAD whose tree has `tree` at `path` (folders on the way must exist)."""
    names = path.split("/")

    def rebuilt(prefix: list[str], inner: str) -> str:
        folder = "/".join(prefix)
        listing = repo.git("ls-tree", f"HEAD:{folder}")
        lines = [
            line for line in listing.splitlines() if not line.endswith(f"\t{names[len(prefix)]}")
        ]
        lines.append(f"040000 tree {inner}\t{names[len(prefix)]}")
        return repo.git_input("mktree", text="\n".join(lines) + "\n").strip()

    for level in range(len(names) - 1, -1, -1):
        tree = rebuilt(names[:level], tree)
    commit = repo.git("commit-tree", tree, "-p", "HEAD", "-m", "Dossiers répétés").strip()
    repo.git("update-ref", "HEAD", commit)
    return commit


@pytest.mark.parametrize("where", ["data", "outside data, linked"])
def test_repeated_folders_beyond_the_limit_are_a_french_error(
    repo: PactRepo, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """2^12 files from 13 tree objects: past the (lowered) limit, the revision is refused."""
    monkeypatch.setattr(gittree, "MAX_FILES", 1000)
    if where == "data":
        commit = _graft(repo, "data/conventions/piege", _repeated_folders(repo, 12))
    else:
        repo.write("partage/.gitkeep", "")
        _link(repo, "data/conventions/piege", "../../partage/piege")
        repo.commit("Lien")
        commit = _graft(repo, "partage/piege", _repeated_folders(repo, 12))

    run = run_pacte("diff", commit, "--root", str(repo.root))

    assert run.exit_code == 2, str(run)
    assert "compte plus de 1\u202f000 fichiers : elle n'est pas lue" in run.stderr
