"""Helpers of the store's property tests: a history made of random operations."""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def operations(most: int) -> st.SearchStrategy[list[str]]:
    """Lists of at most ``most`` operations :func:`apply` makes."""
    return st.lists(
        st.sampled_from(["add", "import", "undo", "redo", "rename", "fold", "delete"]),
        max_size=most,
    )


def passage(i: int, *, noted: bool = False) -> Annotation:
    """The ``i``-th passage of :data:`TEXT` in ``a.txt``, one of four codes (``noted``: its
    note names it)."""
    note = f"n{i}" if noted else ""
    return make_annotation("a.txt", TEXT, i % 30, i % 30 + 9, "", (f"code-{i % 4}",), note)


def apply(store: AnnotationStore, steps: Iterable[str], *, noted: bool = False) -> None:
    """Each of ``steps`` done on ``store`` as a step of its history: an annotation added, five
    imported, an undo, a redo, a code renamed, the database folded, the last one added deleted;
    an undo or redo with nothing to take is passed by."""
    made: list[str] = []
    for n, operation in enumerate(steps):
        try:
            if operation == "add":
                made.append(store.add(passage(n, noted=noted)).id)
            elif operation == "import":
                store.put_many([passage(n * 10 + k, noted=noted) for k in range(5)])
            elif operation == "undo":
                store.undo()
            elif operation == "redo":
                store.redo()
            elif operation == "rename":
                store.set_tag(Tag(f"code-{n}"))
            elif operation == "fold":
                store.compact()
            elif operation == "delete" and made:
                store.delete(made.pop())
        except StoreError:  # nothing to undo or redo, an annotation undone already
            pass
