"""At start, the drafts kept when a signal stopped the app over typed text
(:mod:`~tui_reader.core.kept_drafts`) offered back, one at a time, as vim offers its swap
file: said in one line, opened in a dialog holding the text when the user asks, and the file
deleted only when the user says so.  Nothing goes into the database unasked."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui_reader.core.display import shown, shown_name
from tui_reader.core.kept_drafts import KeptDraft, kept_drafts
from tui_reader.locations import resolve_state_dir
from tui_reader.ui.notices import notify_warning

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.app import App

    from tui_reader.ui.screens.main import MainScreen


def offer_kept_drafts(app: App[Any], db: Path) -> None:
    """Say each damaged draft file, and offer the drafts of ``db``, the oldest first."""
    drafts, problems = kept_drafts(resolve_state_dir(), db)
    for problem in problems:
        notify_warning(app, problem, "Draft", timeout=20)
    _offer(app, drafts)


def _offer(app: App[Any], drafts: list[KeptDraft]) -> None:
    if not drafts:
        return
    # (a dialog's module loads the text area: at the first screen, only when it is shown)
    from tui_reader.ui.screens.confirm import ConfirmScreen

    draft, rest = drafts[0], drafts[1:]
    held = " / ".join(line.strip() for line in draft.typed().splitlines() if line.strip())
    if len(held) > 160:
        held = held[:159] + "…"
    question = Text(
        f"A draft was kept when tui-reader was {shown(draft.stopped)}: "
        f"{shown_name(str(draft.path))} ({shown(held)}). Open it?"
    )

    def opened(closed: object) -> None:
        asked = Text(f"Discard the draft {shown_name(str(draft.path))}?")
        app.push_screen(ConfirmScreen(asked, "Draft kept", yes="discard", no="keep"), answered)

    def answered(discard: bool | None) -> None:
        if discard:
            with contextlib.suppress(OSError):
                draft.path.unlink()
        _offer(app, rest)

    def asked(open_it: bool | None) -> None:
        if not open_it:
            answered(False)  # kept for a later start
            return
        _open(app, draft, opened)

    app.push_screen(ConfirmScreen(question, "Draft kept", yes="open", no="later"), asked)


def _open(app: App[Any], draft: KeptDraft, closed: Callable[[object], None]) -> None:
    """Open ``draft`` where it was typed: a note and tags in the annotate dialog on their
    passage, when the document it was typed over (opened first when another is shown) holds
    it still (saving saves the annotation, as ever); a journal entry in the journal's
    editor (saving saves it); any other text read-only, to copy from."""
    from tui_reader.ui.screens.main import MainScreen

    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    annotation = draft.annotation()
    if annotation is not None and main is not None and draft.document is not None:
        if draft.document == main.pane.key:
            if not main.pane.annotating.restore(*annotation, closed):
                _elsewhere(app, draft, closed)
            return

        def opened(shown: bool) -> None:  # the document it was typed over, opened first
            if not (shown and main.pane.annotating.restore(*annotation, closed)):
                _elsewhere(app, draft, closed)

        main.open_document_then(draft.document, opened)
        return
    memo = draft.memo()
    if memo is not None and main is not None and _memo_reopened(main, *memo, closed):
        return
    _elsewhere(app, draft, closed)


def _memo_reopened(
    main: MainScreen, kind: str, subject: str, text: str, closed: Callable[[object], None]
) -> bool:
    """The editor of the memo of ``subject`` (a document of the library, a code of the
    codebook) opened again holding ``text``; False, nothing opened, when there is no such
    document or code any more."""
    from tui_reader.core.analysis.memos import MemoKind

    if kind == MemoKind.DOCUMENT:
        entry = main.library.entry(subject)
        if entry is None:
            return False
        main.column.write_memo(entry.key, entry.title, text=text, closed=closed)
        return True
    if kind == MemoKind.CODE and subject in {tag.name for tag in main.pane.codebook}:
        from tui_reader.ui.screens.memo_dialog import MemoDialog

        store = main.workspace.store
        main.app.push_screen(
            MemoDialog.of(store, MemoKind.CODE, subject, f"Memo: {subject}", text=text), closed
        )
        return True
    return False


def _elsewhere(app: App[Any], draft: KeptDraft, closed: Callable[[object], None]) -> None:
    """``draft`` not opened on its passage: a journal entry in the journal's editor, any
    other text read-only."""
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    entry = draft.journal_entry()
    workspace = getattr(app, "workspace", None)
    if entry is not None and workspace is not None:
        editor = MemoDialog.journal_entry(workspace.store, entry)
        app.push_screen(editor, closed)
        return
    from tui_reader.ui.screens.draft_view import DraftView

    app.push_screen(
        DraftView(f"Draft kept in {shown_name(draft.path.name)}", draft.typed()), closed
    )
