"""What an analysis looks at, taken from a workspace: the documents in scope (by name and by
attribute filters), their lengths and attributes, and their coded passages placed in the
current texts.  Shared by ``tui-reader query``, ``tui-reader report`` and the app's views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.matching import document_test
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.annotations.placement_cache import PlacementCache, stamp_of
from tui_reader.core.annotations.placement_cache import Stamp as PlacedStamp
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.facts import facts_of
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.stamps import Stamp, file_stamp
from tui_reader.core.errors import DocumentError
from tui_reader.core.interchange import is_orphan
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path


@dataclass
class Scope:
    """Documents in scope (key -> text length) and their placed annotations (orphans, which
    have no place in a current text, are counted in ``orphans`` and left out)."""

    lengths: dict[str, int]
    annotations: list[Annotation]
    attributes: DocumentAttributes
    orphans: int = 0
    problems: list[str] = field(default_factory=list)


def attribute_lookup(workspace: Workspace) -> DocumentAttributes:
    """The attributes of the workspace's documents: the user's, then the format's."""
    return DocumentAttributes(workspace.store.attributes(), workspace.document)


def load_scope(
    workspace: Workspace, documents: Sequence[str] = (), where: Sequence[str] = ()
) -> Scope:
    """The corpus documents named in ``documents`` (keys; all when empty) that pass every
    filter of ``where`` (attribute filters: ``country=Mexico``, ``age>30``, ``doc:NAME``).

    A document whose file is unchanged since its length was last read (the facts cache) and
    whose annotations are known to be in place in it (the placement cache) is not loaded:
    10,000 documents need not be read for their lengths.  Any other is loaded and placed, and
    both caches learn it for next time."""
    attributes = attribute_lookup(workspace)
    tests = [document_test(w, attributes) for w in where]
    workspace.refresh_files()
    keys = list(dict.fromkeys([*workspace.keys(), *workspace.store.documents()]))
    if documents:
        keys = [k for k in keys if k in set(documents)]
    keys = [k for k in keys if all(test(k) for test in tests)]
    lengths: dict[str, int] = {}
    annotations: list[Annotation] = []
    problems = list(workspace.store.problems)
    orphans = 0
    missing = workspace.missing_keys()  # once, not once per document
    known = _KnownPlaces(workspace, missing)
    for key in keys:
        stamps = known.stamps(key)  # before any load
        cached = known.placed(key, stamps)
        if cached is not None:
            lengths[key], placed = cached
            orphans += sum(a.status == AnchorStatus.ORPHAN for a in placed)
            annotations.extend(a for a in placed if a.status != AnchorStatus.ORPHAN)
            continue
        try:
            document = workspace.document(key)
            placed = workspace.anchored(key, missing)
        except DocumentError as exc:
            if workspace.store.annotations(key):
                problems.append(str(exc))
                orphans += len(workspace.store.annotations(key))
            continue
        known.learn(key, stamps, document, placed)
        lengths[key] = len(document.text)
        documents_map = {key: document}
        for annotation in placed:
            if is_orphan(annotation, documents_map):
                orphans += 1
            else:
                annotations.append(annotation)
    known.save()
    problems.extend(workspace.problems)
    return Scope(lengths, annotations, attributes, orphans, problems)


class _KnownPlaces:
    """Lengths of unchanged files (the facts cache) and annotations known in place in them
    (the placement cache), for documents not to load."""

    def __init__(self, workspace: Workspace, missing: list[str]) -> None:
        self.workspace = workspace
        self.facts = FactsCache(facts_cache_path(workspace.db))
        self.placements = PlacementCache(placement_cache_path(workspace.db))
        self.stored: dict[str, list[Annotation]] | None = None
        if not missing:  # else annotations may move to other documents (re-linked): load
            self.stored = {}
            for annotation in workspace.store.annotations():  # one look, reading order
                self.stored.setdefault(annotation.document, []).append(annotation)

    def stamps(self, key: str) -> tuple[Stamp, PlacedStamp | None] | None:
        """The stamps of ``key``'s file (the facts cache's, the placement cache's) when the
        listing found it inside the corpus; None else (it is loaded, and checked then)."""
        location = self.workspace.listed_location(key)
        if location is None:
            return None
        try:
            return file_stamp(location), stamp_of(Path(location))
        except DocumentError:
            return None

    def placed(
        self, key: str, stamps: tuple[Stamp, PlacedStamp | None] | None
    ) -> tuple[int, list[Annotation]] | None:
        """The length of ``key``'s text and its annotations as placing them gives them, when
        both are known for the file of ``stamps`` without loading it; None otherwise."""
        if self.stored is None or stamps is None:
            return None
        facts = self.facts.get(key, stamps[0])
        if facts is None or not facts.exact:
            return None
        current = self.stored.get(key, [])
        if current and not self.placements.in_place(key, stamps[1], current):
            return None
        return facts.length, current

    def learn(
        self,
        key: str,
        stamps: tuple[Stamp, PlacedStamp | None] | None,
        document: Document,
        placed: list[Annotation],
    ) -> None:
        """What loading ``key`` (``document``, from the file of ``stamps``) and placing its
        annotations found (a file changed meanwhile has another stamp next time: a miss)."""
        if stamps is None:
            return
        self.facts.put(key, stamps[0], facts_of(document))
        if placed:
            self.placements.put(key, stamps[1], document.sha256, placed, document.title)

    def save(self) -> None:
        self.facts.save()
        self.placements.save()
