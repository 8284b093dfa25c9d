"""The files of a git revision as a checkout would show them, symbolic links resolved by us.

`load.git` lists a revision with `git ls-tree` and hands the listing to `RevisionReader` with an
`ObjectStore` (its `git cat-file --batch` process, asked by object id only). The reader resolves
each symbolic link (mode 120000) over tree objects read by id, the way the kernel resolves links
on disk for `FolderSnapshot`: relative to the link's folder, through other links (a chain of at
most `MAX_LINK_CHAIN`), inside the pact root only. A link is refused unread
(`Entry.escapes_root`) when its target climbs above the root, is absolute, enters a `.git`
folder, loops, or is no clean path (control characters such as a newline, bytes that are not
UTF-8). A link to a folder outside `data/` lists that folder's files under the link's name.

Linear whatever the links: as `FolderSnapshot` skips a real folder already seen, each folder is
walked at most once; each link is resolved once (memoised, without recursion: a chain of links
is an explicit stack); each object is asked of git at most once. Submodules (gitlinks) are shown
as folders, unexpected under `data/`.

Over 400 lines on purpose: link resolution, the file budget and the tree walk are one
security boundary (what a hostile revision can make pacte read), reviewed as a whole.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from pactecli.layout import MAX_RECORD_BYTES, classify
from pactecli.load.sources import Entry

MAX_LINK_CHAIN = 16  # links followed one through another before a link counts as a loop
MAX_LINK_BYTES = 4096  # PATH_MAX: a longer target is no path
MAX_FILES = 1_000_000  # a pact has thousands: more is repeated folders, never read

#: One answer of git: object type (or "missing"), size, content (None when too big to keep).
Answer = tuple[str, int, bytes | None]


class ObjectStore(Protocol):
    """Git objects by id: one at a time, or many in one pipelined batch."""

    def request(self, oid: str, keep: int | None) -> Answer: ...

    def fetch_all(self, oids: list[str], keep: int) -> dict[str, Answer]: ...


class UnreadableObject(Exception):
    """A tree git could not give (missing or malformed object): the revision cannot be read."""


class TooManyFiles(Exception):
    """More than `MAX_FILES` entries: identical folders repeated (one tree object each time)."""


class Kind(enum.Enum):
    BLOB = "blob"
    TREE = "tree"
    LINK = "link"
    GITLINK = "gitlink"


_KIND_OF_MODE = {"40000": Kind.TREE, "120000": Kind.LINK, "160000": Kind.GITLINK}


@dataclass(frozen=True, slots=True)
class Node:
    kind: Kind
    oid: str
    size: int | None = None  # from the listing; None for what was found in a tree object


@dataclass(slots=True)
class Listing:
    """What `git ls-tree -r -t -l -z` says of `pacte.yaml` and `data/`."""

    files: dict[str, Node] = field(default_factory=dict)  # blobs, links and gitlinks
    sizes: dict[str, int] = field(default_factory=dict)  # blob id -> size
    root: str | None = None  # the pact root's tree id (listed when the root is a sub-folder)

    @classmethod
    def parse(cls, output: bytes) -> Listing:
        listing = cls()
        for record in output.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, _, oid, size = meta.decode("ascii", "replace").split()
            path = raw_path.decode("utf-8", "surrogateescape")
            kind = _KIND_OF_MODE.get(mode.lstrip("0"), Kind.BLOB)
            if kind is Kind.TREE:  # folders are known from their files; "./" is the root
                if path == "./":
                    listing.root = oid
                continue
            known = int(size) if size.isdigit() else None
            listing.files[path] = Node(kind, oid, known)
            if known is not None:
                listing.sizes[oid] = known
        return listing


@dataclass(frozen=True, slots=True)
class _Place:
    """A real place below the pact root: its names, the node of the root and of each name."""

    names: tuple[str, ...]
    nodes: tuple[Node, ...]
    chain: int = 0  # the longest chain of links followed to get there

    @property
    def node(self) -> Node:
        return self.nodes[-1]

    @property
    def path(self) -> str:
        return "/".join(self.names)

    def child(self, name: str, node: Node) -> _Place:
        return _Place((*self.names, name), (*self.nodes, node))

    def parent(self) -> _Place:
        return _Place(self.names[:-1], self.nodes[:-1])


class _Failure(enum.Enum):
    REFUSED = "refused"  # out of the root, into .git, a loop, no clean path: never read
    DANGLING = "dangling"  # nothing there (or a file used as a folder): unreadable


_Outcome = _Place | _Failure


@dataclass(frozen=True, slots=True)
class _Link:
    """A link found in `parent` (`key`: its real path, which memoises its resolution)."""

    key: str
    node: Node
    parent: _Place


# Resolving a target yields each link met on the way and is sent back where that link leads.
_Steps = Generator[_Link, _Outcome | None, _Outcome]


class RevisionReader:
    """One reading of a revision: the listing's files, its links resolved, contents fetched."""

    def __init__(
        self, objects: ObjectStore, commit: str, listing: Listing, root_is_top: bool
    ) -> None:
        self._objects = objects
        self._commit = commit
        self._listing = listing
        self._root_is_top = root_is_top
        self._hash_bytes = len(commit) // 2
        self._root: _Place | None = None
        self._trees: dict[str, dict[str, Node]] = {}  # tree id -> its entries
        self._targets: dict[str, str | None] = {}  # link blob id -> target (None: refused)
        self._links: dict[str, _Outcome] = {}  # link real path -> where it leads
        self._walked: set[str] = set()  # real paths of the folders listed through links
        self._found: list[Entry] = []
        self._wanted: dict[str, str] = {}  # path -> blob id of a record to read
        self._unsized: set[str] = set()  # wanted paths whose size git tells when reading
        self.contents: dict[str, bytes] = {}

    def entries(self) -> list[Entry]:
        """Every entry of the revision; `contents` then holds the records to read."""
        links: list[tuple[str, Node]] = []
        for path, node in self._listing.files.items():
            if node.kind is Kind.LINK:
                links.append((path, node))
            elif node.kind is Kind.GITLINK:  # a submodule: shown as an unexpected folder
                self._found_entry(Entry(path + "/", 0))
            else:
                self._found_entry(Entry(path, node.size or 0))
                if _will_be_read(path, node.size or 0):
                    self._wanted[path] = node.oid
        if links:
            self._prefetch_targets(node for _, node in links)
            # In the order FolderSnapshot walks folders, which decides the name a shared one gets
            for path, node in sorted(links, key=lambda item: item[0].split("/")):
                parent = self._real_place(path.split("/")[:-1])
                outcome = self._resolve(_Link(path, node, parent)) if parent else _Failure.DANGLING
                self._add(path, outcome)
        self._fetch_contents()
        return self._found

    # --- entries ---------------------------------------------------------------------------

    def _found_entry(self, entry: Entry) -> None:
        self._count()
        self._found.append(entry)

    def _count(self) -> None:
        """Entries and folders walked: repeated empty folders cost time without any entry."""
        if len(self._found) + len(self._walked) >= MAX_FILES:
            raise TooManyFiles

    def _add(self, path: str, outcome: _Outcome) -> None:
        """The entries of `path`, which leads to `outcome`."""
        if outcome is _Failure.REFUSED:
            self._found_entry(Entry(path, 0, escapes_root=True))
        elif outcome is _Failure.DANGLING:
            self._found_entry(Entry(path, 0))
        elif outcome.node.kind is Kind.TREE:
            self._walk(path, outcome)
        elif outcome.node.kind is Kind.GITLINK:
            self._found_entry(Entry(path + "/", 0))
        else:
            self._add_blob(path, outcome.node)

    def _add_blob(self, path: str, node: Node) -> None:
        size = node.size if node.size is not None else self._listing.sizes.get(node.oid)
        if classify(path) is None:  # never read: its size does not matter
            self._found_entry(Entry(path, size or 0))
        elif size is None:  # out of the listing: git gives the size with the content
            self._unsized.add(path)
            self._wanted[path] = node.oid
        else:
            self._found_entry(Entry(path, size))
            if size <= MAX_RECORD_BYTES:
                self._wanted[path] = node.oid

    def _walk(self, path: str, top: _Place) -> None:
        """The files of a folder reached through a link, listed under the link's name."""
        pending = [(path, top)]
        while pending:
            path, place = pending.pop()
            if place.names[:1] == ("data",) or place.path in self._walked:
                continue  # listed under its own name, or through another link
            self._count()
            self._walked.add(place.path)
            folders: list[tuple[str, _Place]] = []
            for name, node in sorted(self._children(place.node).items()):
                child = f"{path}/{name}"
                if _unsafe_name(name):
                    outcome: _Outcome = _Failure.REFUSED
                elif node.kind is Kind.LINK:
                    outcome = self._resolve(_Link(_key(place, name), node, place))
                else:
                    outcome = place.child(name, node)
                if isinstance(outcome, _Place) and outcome.node.kind is Kind.TREE:
                    folders.append((child, outcome))
                else:
                    self._add(child, outcome)
            pending.extend(reversed(folders))  # depth first, in name order

    # --- link resolution -------------------------------------------------------------------

    def _resolve(self, link: _Link) -> _Outcome:
        """Where `link` leads, memoised. A chain of links is an explicit stack, not recursion."""
        if link.key in self._links:
            return self._links[link.key]
        stack: list[tuple[str, _Steps]] = [(link.key, self._follow(link))]
        active = {link.key}
        answer: _Outcome | None = None  # None starts the generator on top of the stack
        while stack:
            key, steps = stack[-1]
            try:
                needed = steps.send(answer)
            except StopIteration as done:
                self._links[key] = answer = done.value
                active.discard(key)
                stack.pop()
                continue
            if needed.key in self._links:
                answer = self._links[needed.key]
            elif needed.key in active:
                answer = _Failure.REFUSED  # a loop
            else:
                stack.append((needed.key, self._follow(needed)))
                active.add(needed.key)
                answer = None
        return self._links[link.key]

    def _follow(self, link: _Link) -> _Steps:
        """Resolve the link's target from its folder."""
        target = self._target(link.node)
        if target is None or target.startswith("/"):
            return _Failure.REFUSED
        outcome = yield from self._descend(link.parent, target.split("/"))
        if isinstance(outcome, _Place):
            if outcome.chain >= MAX_LINK_CHAIN:
                return _Failure.REFUSED
            return replace(outcome, chain=outcome.chain + 1)
        return outcome

    def _descend(self, start: _Place, parts: Iterable[str]) -> _Steps:
        place, chain = start, 0
        for part in parts:
            if part in ("", "."):
                continue
            if place.node.kind is not Kind.TREE:
                return _Failure.DANGLING  # a file used as a folder
            if part == "..":
                if not place.names:
                    return _Failure.REFUSED  # above the pact root
                place = place.parent()
                continue
            if _unsafe_name(part):
                return _Failure.REFUSED  # into .git
            node = self._children(place.node).get(part)
            if node is None:
                return _Failure.DANGLING
            if node.kind is Kind.LINK:
                answer = yield _Link(_key(place, part), node, place)
                if not isinstance(answer, _Place):
                    return answer or _Failure.REFUSED
                place, chain = answer, max(chain, answer.chain)
                continue
            place = place.child(part, node)
        return replace(place, chain=chain)

    def _real_place(self, names: list[str]) -> _Place | None:
        """The place of a folder of the listing (no link on the way), None when not found."""
        place = self._root_place()
        for name in names:
            if place is None:
                return None
            node = self._children(place.node).get(name)
            place = place.child(name, node) if node and node.kind is Kind.TREE else None
        return place

    # --- objects ---------------------------------------------------------------------------

    def _root_place(self) -> _Place | None:
        if self._root is None:
            oid = self._listing.root
            if oid is None and self._root_is_top:  # the commit's own tree
                _, _, content = self._objects.request(self._commit, keep=MAX_RECORD_BYTES)
                first = content.split(b"\n", 1)[0] if content is not None else b""
                oid = first[5:].decode("ascii") if first.startswith(b"tree ") else None
            if oid is not None:
                self._root = _Place((), (Node(Kind.TREE, oid),))
        return self._root

    def _children(self, tree: Node) -> dict[str, Node]:
        if tree.oid not in self._trees:
            kind, _, content = self._objects.request(tree.oid, keep=None)
            if kind != "tree" or content is None:
                raise UnreadableObject(tree.oid)
            try:
                self._trees[tree.oid] = dict(_tree_entries(content, self._hash_bytes))
            except (ValueError, UnicodeDecodeError):
                raise UnreadableObject(tree.oid) from None
        return self._trees[tree.oid]

    def _target(self, link: Node) -> str | None:
        if link.oid not in self._targets:
            self._targets[link.oid] = None
            if link.size is None or link.size <= MAX_LINK_BYTES:
                kind, _, content = self._objects.request(link.oid, keep=MAX_LINK_BYTES)
                if kind == "blob" and content is not None:
                    self._targets[link.oid] = _clean_target(content)
        return self._targets[link.oid]

    def _prefetch_targets(self, links: Iterable[Node]) -> None:
        """The listing's link targets in one pipelined batch (the others are read on demand)."""
        wanted = [n.oid for n in links if n.size is not None and n.size <= MAX_LINK_BYTES]
        for oid, (kind, _, content) in self._objects.fetch_all(wanted, MAX_LINK_BYTES).items():
            blob = content if kind == "blob" else None
            self._targets[oid] = _clean_target(blob) if blob is not None else None

    def _fetch_contents(self) -> None:
        answers = self._objects.fetch_all(list(self._wanted.values()), MAX_RECORD_BYTES)
        for path, oid in self._wanted.items():
            kind, size, content = answers.get(oid, ("missing", 0, None))
            if path in self._unsized:
                self._found_entry(Entry(path, size))
            if kind == "blob" and content is not None:
                self.contents[path] = content


def _will_be_read(path: str, size: int) -> bool:
    """The files `sources.collect` will read: records of the layout, within the size limit."""
    return classify(path) is not None and size <= MAX_RECORD_BYTES


def _unsafe_name(name: str) -> bool:
    """A name no checkout would write: `.git` in any case, or one that is no single name."""
    return name.casefold() == ".git" or name in ("", ".", "..") or "/" in name


def _key(folder: _Place, name: str) -> str:
    """The real path of `name` in `folder`."""
    return f"{folder.path}/{name}" if folder.names else name


def _clean_target(raw: bytes) -> str | None:
    """A link's target as text, or None when it is no clean path (not UTF-8, control chars)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text or any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
        return None
    return text


def _tree_entries(tree: bytes, hash_bytes: int) -> Iterator[tuple[str, Node]]:
    """(name, node) of each entry of a raw git tree object; ValueError when it is malformed."""
    position = 0
    while position < len(tree):
        space = tree.index(b" ", position)
        nul = tree.index(b"\0", space)
        mode = tree[position:space].decode("ascii")
        name = tree[space + 1 : nul].decode("utf-8", "surrogateescape")
        oid = tree[nul + 1 : nul + 1 + hash_bytes].hex()
        if len(oid) != 2 * hash_bytes:
            raise ValueError("truncated tree")
        position = nul + 1 + hash_bytes
        yield name, Node(_KIND_OF_MODE.get(mode, Kind.BLOB), oid)
