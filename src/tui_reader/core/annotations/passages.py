"""Every annotated passage of a corpus, placed in the current text of its document, with the
document's title and the passage's line: what "find every passage tagged X" lists.

Offsets are code points into the canonical text, half-open; lines are 1-based source lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import AnchorStatus, Annotation, reading_order
from tui_reader.core.codebook.names import is_within
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.errors import DocumentError

if TYPE_CHECKING:
    from tui_reader.core.workspace import Workspace


@dataclass(frozen=True)
class Passage:
    """An annotation with where it lies: its document's title and its 1-based line (None
    when the document cannot be read)."""

    annotation: Annotation
    title: str
    line: int | None

    @property
    def key(self) -> str:
        return self.annotation.document


def _placed(key: str, title: str, text: str, annotations: list[Annotation]) -> list[Passage]:
    ordered = sorted(annotations, key=reading_order)
    lines = LineIndex(text).lines([min(a.start, len(text)) for a in ordered])
    return [Passage(a, title, line) for a, line in zip(ordered, lines, strict=True)]


def load_passages(
    workspace: Workspace, cancelled: Callable[[], bool] = lambda: False
) -> tuple[list[Passage], list[str]]:
    """Every annotation of the workspace re-anchored against its document's current text
    (moved positions are saved, moved files re-linked by content hash), sorted by document
    then position; and the problems met (documents that could not be read: their
    annotations are listed as orphans)."""
    workspace.refresh_files()
    store = workspace.store
    annotated = store.documents()
    corpus_keys = workspace.keys()
    missing = workspace.missing_keys()
    # A missing file's annotations re-link to the corpus file with their text: anchoring
    # every corpus document looks for them.
    annotated_set, corpus_set, missing_set = set(annotated), set(corpus_keys), set(missing)
    keys = corpus_keys if missing else [k for k in corpus_keys if k in annotated_set]
    keys += [k for k in annotated if k not in corpus_set and k not in missing_set]
    passages: list[Passage] = []
    problems: list[str] = []
    done: set[str] = set()
    for key in keys:
        if cancelled():
            return passages, problems
        try:
            document = workspace.document(key)
            placed = workspace.anchored(key, missing)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        done.add(key)
        passages.extend(_placed(key, document.title, document.text, placed))
    for key in store.documents():
        if key in done:
            continue
        for annotation in store.annotations(key):
            orphan = annotation.evolve(status=AnchorStatus.ORPHAN)
            passages.append(Passage(orphan, key, None))
    passages.sort(key=lambda p: (p.key, *reading_order(p.annotation)[1:]))
    return passages, problems


def with_tag(passages: Iterable[Passage], tag: str) -> list[Passage]:
    """The passages tagged ``tag`` or one of its descendants (``tag/...``)."""
    return [p for p in passages if any(is_within(t, tag) for t in p.annotation.tags)]


def refreshed(passages: Sequence[Passage], current: Iterable[Annotation]) -> list[Passage]:
    """``passages`` with the tags and note of ``current`` (the store's annotations, e.g.
    after a tag was renamed), keeping their placed positions; deleted ones are dropped."""
    by_id = {a.id: a for a in current}
    result = []
    for passage in passages:
        now = by_id.get(passage.annotation.id)
        if now is None:
            continue
        annotation = passage.annotation.evolve(tags=now.tags, note=now.note, updated=now.updated)
        result.append(replace(passage, annotation=annotation))
    return result
