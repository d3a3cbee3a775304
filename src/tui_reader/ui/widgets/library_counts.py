"""What the store says of the library's documents: annotations per document, reading positions
and the share of each text coded, for the coders shown; the entries made whole with them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from tui_reader.core.analysis.coverage import coverage_of
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.workspace import Workspace
from tui_reader.ui.widgets.library_entry import LibraryEntry

CodedByDocument = dict[str, list[Annotation]]


def annotation_counts(workspace: Workspace, keys: Iterable[str] | None = None) -> dict[str, int]:
    """Annotations per document, of the coders shown: of every document, or of ``keys``
    alone (those with any)."""
    store, view = workspace.store, workspace.coder_view
    if view.only is None:
        return store.annotation_counts() if keys is None else store.annotation_counts_of(keys)
    if keys is None:
        annotations = store.annotations()
    else:
        annotations = [a for found in store.annotations_of(keys).values() for a in found]
    counts: dict[str, int] = {}
    for annotation in view.filter(annotations):
        counts[annotation.document] = counts.get(annotation.document, 0) + 1
    return counts


BATCH = 500  # documents asked of the store at a time: the UI's own reads come between


def coded_passages(
    workspace: Workspace, keys: list[str] | None, cancelled: Callable[[], bool] = lambda: False
) -> CodedByDocument:
    """The annotations (of the coders shown) of the documents ``keys`` (all: None).  Asked
    of the store ``BATCH`` documents at a time (from a worker: the store is not held for the
    seconds 100,000 annotations take to read); ``cancelled``: given up (what was read kept)."""
    store = workspace.store
    if keys is None:
        found = store.annotations()
    else:
        found = []
        for at in range(0, len(keys), BATCH):
            if cancelled():
                break
            found += [
                a for got in store.annotations_of(keys[at : at + BATCH]).values() for a in got
            ]
    coded: CodedByDocument = {}
    for annotation in workspace.coder_view.filter(found):
        coded.setdefault(annotation.document, []).append(annotation)
    return coded


def recounted(
    entries: dict[str, LibraryEntry], workspace: Workspace, *, coverage: bool = True
) -> dict[str, LibraryEntry]:
    """The entries whose counts, positions or (with ``coverage``) share coded the store now
    tells otherwise, changed."""
    counts = annotation_counts(workspace)
    positions = workspace.store.reading_positions()
    coded = coded_passages(workspace, None) if coverage else {}
    changed: dict[str, LibraryEntry] = {}
    for key, entry in entries.items():
        annotations = counts.get(key, 0)
        position = positions.get(key, entry.position)
        share = coverage_of(coded.get(key, []), key, entry.length) if coverage else None
        if share is None:
            share = entry.coverage
        if (annotations, position, share) != (entry.annotations, entry.position, entry.coverage):
            changed[key] = replace(
                entry, annotations=annotations, position=position, coverage=share
            )
    return changed


@dataclass
class KnownCounts:
    """What the store says of documents whose facts came: counts, positions, passages."""

    counts: dict[str, int]
    positions: dict[str, int]
    coded: CodedByDocument

    @classmethod
    def of(
        cls,
        workspace: Workspace | None,
        keys: list[str],
        cancelled: Callable[[], bool] = lambda: False,
    ) -> KnownCounts:
        """What the store says of ``keys`` (``cancelled``: see :func:`coded_passages`)."""
        if workspace is None:
            return cls({}, {}, {})
        return cls(
            annotation_counts(workspace, keys),  # (of every document: grew with the store)
            workspace.store.reading_positions(),
            coded_passages(workspace, keys, cancelled),
        )

    def entry(
        self,
        key: str,
        rel: str,
        position: int | None,
        facts: DocumentFacts,
        error: str | None = None,
    ) -> LibraryEntry:
        """The whole entry of ``key`` (made whole, not with replace(): thousands come at once
        on a second start); a ``position`` saved in this session is newer than the store's.
        Its fields are given in their order, not by name: 10,000 entries made on the UI
        thread before the library's first rows took twice as long by name."""
        passages = self.coded.get(key)
        length = facts.length
        return LibraryEntry(
            key,
            rel,
            facts.title,
            facts.words,
            facts.kind,
            facts.pages,
            length,
            self.counts.get(key, 0),  # annotations
            position if position is not None else self.positions.get(key),
            error,
            False,  # loading
            coverage_of(passages, key, length) if passages else 0.0,
            facts,
        )


def says_nothing(workspace: Workspace) -> bool:
    """Whether the store holds no annotation and no reading position: what it says of each
    document (:func:`store_says`) is then what a row made of its facts alone says (no
    annotation, no position, nothing coded)."""
    store = workspace.store
    return len(store) == 0 and not store.reading_positions()


def store_says(
    workspace: Workspace,
    found: list[tuple[str, DocumentFacts]],
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[str, tuple[int, int | None, float]]:
    """``key: (annotations, reading position, share coded)`` of the documents ``found``
    (with their facts), for a worker to work out (:class:`KnownCounts` for the arguments)."""
    known = KnownCounts.of(workspace, [key for key, _ in found], cancelled)
    said: dict[str, tuple[int, int | None, float]] = {}
    for key, facts in found:
        passages = known.coded.get(key)
        coverage = coverage_of(passages, key, facts.length) if passages else 0.0
        said[key] = (known.counts.get(key, 0), known.positions.get(key), coverage)
    return said
