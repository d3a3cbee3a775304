"""Opening a document for the reading pane, in a worker thread, or at once when that is quick.

A small plain-text file, or a document already in memory, is opened at once
(:meth:`DocumentLoader.load_now`): the first screen shows it, with no frame painted without it.
A big plain-text file shows its beginning (:func:`~tui_reader.core.documents.preview.
load_preview`) at once while the whole of it loads; the worker posts one
:class:`DocumentLoader.DocumentLoaded` per stage, or :class:`DocumentLoader.LoadFailed`.
Each document is fetched once per open, through the workspace's one (bounded) cache.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import field

from textual.widget import Widget

from tui_reader.core.display import shown_name
from tui_reader.core.documents.document import Document, file_format
from tui_reader.core.documents.preview import load_preview
from tui_reader.core.errors import DocumentError, StoreError, TuiReaderError
from tui_reader.core.workspace import Workspace
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.memory_policy import keep_big_blocks_returnable

PREVIEW_SETTLE = 0.15  # seconds the first screen of a big file gets to reach the terminal
PAINT_TIMEOUT = 2.0  # seconds to wait for the preview to be painted
QUICK_BYTES = 256 * 1024  # a plain text this small opens at once (a few milliseconds)


class DocumentLoader:
    """Loads documents for ``owner`` (which receives the messages), one open at a time."""

    class DocumentLoaded(FieldMessage):
        """``document`` (the preview of a big file when ``preview``) for the open of ``key``;
        ``caret`` is where to put the caret (``None``: the top).  ``shown`` is set once the
        preview is painted: the worker waits for it before the long load.  ``store_problem``:
        why the database could not be read for its reading position (another program wrote
        over it): the text opens all the same, at the top."""

        key: str
        document: Document
        caret: int | None
        preview: bool = False
        shown: threading.Event = field(default_factory=threading.Event)
        store_problem: str | None = None

    class LoadFailed(FieldMessage):
        """``key`` cannot be opened: ``reason`` says why, for a person, naming the file;
        ``problem`` says it without the name (for the library's row, which names it)."""

        key: str
        reason: str
        problem: str

    def __init__(self, owner: Widget, workspace: Workspace) -> None:
        self.owner = owner
        self.workspace = workspace

    def load_now(self, key: str, caret: int | None) -> DocumentLoaded | LoadFailed | None:
        """``key`` loaded at once when that is quick (a plain text of at most
        :data:`QUICK_BYTES`, or a document in memory), else None (:meth:`start` it)."""
        path = self.workspace.path(key)
        if self.workspace.loaded(key) is None:
            try:
                # (subtitles saved as text are converted, in a child: in the worker)
                quick = path.stat().st_size <= QUICK_BYTES and file_format(path) == "text"
            except OSError:
                quick = False  # the worker says why it cannot be read
            if not quick:
                return None
        try:
            position, problem = self._saved_position(key) if caret is None else (caret, None)
            document = self.workspace.document(key)
            return self.DocumentLoaded(key, document, position, store_problem=problem)
        except TuiReaderError as exc:
            return self.failed(key, exc)

    def start(self, key: str, caret: int | None) -> None:
        """Load ``key`` in a worker (a newer start cancels an older one's messages' effect:
        the owner checks the key it asked for last)."""
        self.owner.run_worker(
            lambda: self._load(key, caret), thread=True, exclusive=True, group="open"
        )

    def _load(self, key: str, caret: int | None) -> None:
        post = self.owner.post_message  # thread-safe
        try:
            position, problem = self._saved_position(key) if caret is None else (caret, None)
            self.workspace.check_key_inside(key)  # as it is now: the preview reads it first
            preview = load_preview(self.workspace.path(key))
            if preview is not None and (position or 0) <= len(preview.text) // 2:
                message = self.DocumentLoaded(
                    key, preview, position, preview=True, store_problem=problem
                )
                problem = None  # said with the preview
                post(message)
                # Loading holds the interpreter for long stretches: let the screen paint, and
                # Textual's writer thread send it to the terminal, before starting.
                message.shown.wait(timeout=PAINT_TIMEOUT)
                time.sleep(PREVIEW_SETTLE)
            keep_big_blocks_returnable()  # a big document's peak: no freed block kept
            document = self.workspace.document(key)
        except TuiReaderError as exc:
            post(self.failed(key, exc))
            return
        post(self.DocumentLoaded(key, document, position, store_problem=problem))

    def failed(self, key: str, exc: TuiReaderError) -> LoadFailed:
        """Why ``key`` cannot be opened, its file named as in the corpus folder, as the
        library, the other notices and ``list`` name it: the error names the path it read,
        the whole path when the corpus was given as one (``/home/ana/corpus/b.txt: is a
        device``).  A file outside the corpus keeps its path."""
        if isinstance(exc, DocumentError):
            path = os.path.abspath(exc.path)
            corpus = os.path.abspath(self.workspace.corpus)
            if os.path.commonpath((path, corpus)) == corpus and path != corpus:
                name = os.path.relpath(path, corpus)
                return self.LoadFailed(key, f"{shown_name(name)}: {exc.reason}", exc.reason)
        return self.LoadFailed(key, str(exc), str(exc))

    def _saved_position(self, key: str) -> tuple[int | None, str | None]:
        """The saved reading position of ``key``, and None; or None and why the database
        cannot be read (damaged by another program): a document is read without it."""
        try:
            return self.workspace.store.reading_position(key), None
        except StoreError as exc:
            return None, str(exc)
