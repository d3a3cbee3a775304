"""Placing a document's annotations (re-anchored against its text) in a worker thread.

The worker posts :class:`AnnotationPlacer.AnnotationsPlaced` (or a notification when the store
cannot be read) to the reading pane, which shows the latest placing only; annotations are placed
in the text on show, and a file changed since it was opened posts
:class:`AnnotationPlacer.TextChanged` instead.
"""

from __future__ import annotations

from textual.widget import Widget

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import DocumentError, StoreError, TuiReaderError
from tui_reader.core.wording import capped
from tui_reader.core.workspace import Workspace
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.notices import SAID_AT_MOST, notify_error, notify_info, notify_warning
from tui_reader.ui.store_poll import StoreUnreadable


class AnnotationPlacer:
    """Places the annotations of one document for ``owner``."""

    class AnnotationsPlaced(FieldMessage):
        """The annotations of ``document`` placed, with the codebook, as of the store's
        ``revision``; ``load`` and ``changes`` say which request this answers."""

        document: Document
        load: int
        changes: int
        annotations: list[Annotation]
        codebook: list[Tag]
        revision: int

    class TextChanged(FieldMessage):
        """The file of ``document`` (on show) changed: its annotations were not placed in a
        text the reading view does not show; the document is to be opened again."""

        document: Document

    class NotPlaced(FieldMessage):
        """The annotations of ``document`` could not be placed (what stopped them is said
        apart): nothing is being placed any more."""

        document: Document

    def __init__(self, owner: Widget, workspace: Workspace) -> None:
        self.owner = owner
        self.workspace = workspace
        self._said: set[str] = set()  # the lines of files moved, records unread, said

    def start(self, document: Document, key: str, load: int, changes: int) -> None:
        self.owner.run_worker(
            lambda: self._place(document, key, load, changes),
            thread=True,
            exclusive=True,
            group="annotations",
        )

    def _current(self, document: Document, key: str) -> Document:
        """The document ``key`` names now; ``document``, the text on show, when its file is
        gone: what is coded in it is kept (an undo after the file was deleted left the
        passage undone highlighted, each change said "Annotations not loaded")."""
        try:
            return self.workspace.document(key)
        except DocumentError:
            if self.workspace.path(key).exists():
                raise
            return document

    def _place(self, document: Document, key: str, load: int, changes: int) -> None:
        workspace = self.workspace
        problems = len(workspace.problems)
        try:
            # Taken first: a change landing while we read shows at the next poll.
            revision = workspace.store.revision
            current = self._current(document, key)
            if current is not document and current.sha256 != document.sha256:
                # The file changed since it was opened: positions found in its new text
                # would be drawn over the old one.
                self.owner.post_message(self.TextChanged(document))
                return
            placed = workspace.anchored_in(document, key)
            codebook = workspace.store.tags()
        except StoreError as exc:  # another program wrote over it: said once, the text read
            self.owner.post_message(StoreUnreadable(str(exc)))
            self.owner.post_message(self.NotPlaced(document))
            return
        except TuiReaderError as exc:
            notify_error(self.owner.app, exc, "Annotations not loaded")  # thread-safe
            self.owner.post_message(self.NotPlaced(document))
            return
        for problem in capped(workspace.problems[problems:], SAID_AT_MOST):
            notify_warning(self.owner.app, problem, "Re-anchored positions not saved")
        # The database's records that could not be read (edited by hand, written by another
        # program), left in the file as they are: said once a session, as every command says
        # them; the text showed fewer passages, and the codebook fewer codes, without a word.
        unread = [line for line in workspace.store.problems_met() if line not in self._said]
        self._said.update(unread)
        for problem in capped(unread, SAID_AT_MOST):
            notify_warning(self.owner.app, problem, "Database records not read")
        # what placing it found of files moved, said as a command says it, once a session
        # (the passages of a file that holds another text now, which two files hold, stayed
        # orphans without a word where the commands said why)
        if workspace.moved_away or workspace.not_moved_away or workspace.exchanged:
            from tui_reader.core.interchange.workspace_export import placing_lines

            for line in placing_lines(workspace, key):
                if line not in self._said:
                    self._said.add(line)
                    notify_info(self.owner.app, line, title="Files moved", timeout=12)
        self.owner.post_message(
            self.AnnotationsPlaced(document, load, changes, placed, codebook, revision)
        )
