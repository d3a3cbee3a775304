"""What an analysis looks at, taken from a workspace: the documents in scope (by name and by
attribute filters), their lengths and attributes, and their coded passages placed in the
current texts.  Shared by ``tui-reader query``, ``tui-reader report`` and the app's views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.matching import document_test
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import DocumentError
from tui_reader.core.interchange import is_orphan
from tui_reader.core.workspace import Workspace


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
    filter of ``where`` (attribute filters: ``country=Mexico``, ``age>30``, ``doc:NAME``)."""
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
    for key in keys:
        try:
            document = workspace.document(key)
            placed = workspace.anchored(key, missing)
        except DocumentError as exc:
            if workspace.store.annotations(key):
                problems.append(str(exc))
                orphans += len(workspace.store.annotations(key))
            continue
        lengths[key] = len(document.text)
        documents_map = {key: document}
        for annotation in placed:
            if is_orphan(annotation, documents_map):
                orphans += 1
            else:
                annotations.append(annotation)
    problems.extend(workspace.problems)
    return Scope(lengths, annotations, attributes, orphans, problems)
