"""What the store says of the library's documents: annotations per document, reading positions
and the share of each text coded, for the coders shown; the entries made whole with them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from tui_reader.core.analysis.reports import coverage_of
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.workspace import Workspace
from tui_reader.ui.widgets.library_entry import LibraryEntry

CodedByDocument = dict[str, list[Annotation]]


def annotation_counts(workspace: Workspace) -> dict[str, int]:
    """Annotations per document, of the coders shown."""
    store, view = workspace.store, workspace.coder_view
    if view.only is None:
        return store.annotation_counts()
    counts: dict[str, int] = {}
    for annotation in view.filter(store.annotations()):
        counts[annotation.document] = counts.get(annotation.document, 0) + 1
    return counts


def coded_passages(workspace: Workspace, keys: list[str] | None) -> CodedByDocument:
    """The annotations (of the coders shown) of the documents ``keys`` (all: None)."""
    store = workspace.store
    if keys is None:
        found = store.annotations()
    else:
        found = [a for listed in store.annotations_of(keys).values() for a in listed]
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
    def of(cls, workspace: Workspace | None, keys: list[str]) -> KnownCounts:
        if workspace is None:
            return cls({}, {}, {})
        return cls(
            annotation_counts(workspace),
            workspace.store.reading_positions(),
            coded_passages(workspace, keys),
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
        on a second start); a ``position`` saved in this session is newer than the store's."""
        passages = self.coded.get(key)
        return LibraryEntry(
            key=key,
            rel=rel,
            title=facts.title,
            words=facts.words,
            kind=facts.kind,
            pages=facts.pages,
            length=facts.length,
            annotations=self.counts.get(key, 0),
            position=position if position is not None else self.positions.get(key),
            error=error,
            loading=False,
            coverage=coverage_of(passages, key, facts.length) if passages else 0.0,
            facts=facts,
        )
