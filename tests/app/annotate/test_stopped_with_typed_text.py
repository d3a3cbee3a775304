"""The app stopped by ``kill`` (TERM) or by its terminal going (HUP) over a dialog holding
typed text keeps that text in a file and says where, as vim keeps its swap file: the note
half written was lost without a word (``ctrl+q`` asks first; a signal cannot)."""

from __future__ import annotations

import signal
import stat
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, screen_opened_by, wait_until
from textual.widgets import Input

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.annotations.model import Tag
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.tag_dialogs import TagStyleDialog


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "tui-reader"


def _drafts(state: Path) -> list[Path]:
    return sorted(state.glob("draft-*.txt")) if state.is_dir() else []


def _note_kept(state: Path, n: int, db: Path, document: str, quote: str) -> Path:
    """The draft TERM left of a note ("half a thought", tagged border) on ``quote`` of
    ``document``, the app open on ``db``: its file in ``state``."""
    state.mkdir(parents=True)
    draft = state / f"draft-20200101-000000-{n}.txt"
    draft.write_text(
        f"tui-reader was stopped by TERM, on 2020-01-01.\nDatabase: {db}\n"
        f"Document open: {document}\n\nAnnotate: {quote}\n\nTags: border\n\n"
        "Note:\nhalf a thought\n",
        encoding="utf-8",
    )
    return draft


async def test_a_note_typed_when_the_app_is_stopped_is_kept_and_said(
    make_app: AppFactory, state: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await pilot.press(*"border", "tab", *"half a thought")
        app._stopped_by_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: app._exit)
    assert app.workspace.store.annotations() == []  # kept aside, not saved unasked
    (draft,) = _drafts(state)
    text = draft.read_text(encoding="utf-8")
    assert "Tags: border" in text and "half a thought" in text
    assert "Document open: " in text
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600  # a note is the user's own
    said = " ".join(app.said_at_exit)
    assert "not saved" in said and str(draft) in said


async def _journal_entry_typed_when_the_terminal_goes(make_app: AppFactory) -> None:
    """An app with "a journal entry" typed in the journal's editor (J), stopped by HUP."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await screen_opened_by(pilot, "J", MemoDialog, from_reader=True)
        await pilot.press(*"a journal entry")
        app._stopped_by_signal(signal.SIGHUP)
        await wait_until(pilot, lambda: app._exit)


async def test_a_memo_typed_when_the_terminal_goes_is_kept(
    make_app: AppFactory, state: Path
) -> None:
    await _journal_entry_typed_when_the_terminal_goes(make_app)
    (draft,) = _drafts(state)
    assert "a journal entry" in draft.read_text(encoding="utf-8")


async def test_nothing_typed_keeps_nothing(make_app: AppFactory, state: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        app._stopped_by_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: app._exit)
    assert _drafts(state) == [] and app.said_at_exit == []


async def test_any_other_dialog_keeps_its_fields(make_app: AppFactory, state: Path) -> None:
    """A dialog with no words of its own for a draft (a code's colour and description): each
    field typed in, under its name."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dialog = TagStyleDialog(Tag("border"), "#ff0000", lambda tag: None)
        await app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one("#tag-description", Input).value = "crossings and walls"
        app._stopped_by_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: app._exit)
    (draft,) = _drafts(state)
    assert "tag-description:\ncrossings and walls" in draft.read_text(encoding="utf-8")


async def test_a_kept_draft_is_offered_at_the_next_start(
    make_app: AppFactory, state: Path, tmp_path: Path
) -> None:
    """The draft was only written: the next start on the same database said nothing of it, as
    if vim never offered its swap file.  It is said in one line (where, what it holds) and
    opened in a dialog holding its text when asked, then deleted only when asked; nothing
    is saved in the database; a draft of another database is not offered, and a draft file
    damaged is named and ignored."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await pilot.press(*"border", "tab", *"half a thought")
        quote = app.screen.quote
        app._stopped_by_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: app._exit)
    (draft,) = _drafts(state)
    other = state / "draft-20200101-000000-1.txt"
    other.write_text(
        f"tui-reader was stopped by TERM, on 2020-01-01.\nDatabase: {tmp_path / 'other.json'}"
        "\n\nNote:\nanother database's note\n",
        encoding="utf-8",
    )
    damaged = state / "draft-20200101-000000-2.txt"
    damaged.write_bytes(b"\x00\xffnot a draft")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.question)
        assert str(draft) in question and "half a thought" in question and "TERM" in question
        assert "another database" not in question
        damaged_said = f"{damaged}: not a draft tui-reader kept (damaged?); ignored"
        await wait_until(pilot, lambda: any(n.message == damaged_said for n in app._notifications))
        assert not any("another database" in n.message for n in app._notifications)
        asked = app.screen
        await pilot.press("y")  # the question answered: what comes next is another screen
        await wait_until(
            pilot,
            lambda: (
                app.screen is not asked and isinstance(app.screen, ConfirmScreen | AnnotateDialog)
            ),
        )
        assert app.workspace.store.annotations() == []  # never saved unasked
        # the annotate dialog on its passage, the tags and note as typed: saving saves them
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog), dialog
        await wait_until(pilot, lambda: bool(dialog.query("#annotate-tags")))  # its fields laid out
        assert dialog.quote == quote and dialog.draft().note == "half a thought"
        assert dialog.draft().tags == ("border",)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert str(draft) in str(app.screen.question)
        await pilot.press("y")  # discard it
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
    assert not draft.exists() and other.exists() and damaged.exists()
    (saved,) = app.workspace.store.annotations()
    assert (saved.quote, saved.tags, saved.note) == (quote, ("border",), "half a thought")


async def test_a_kept_draft_left_for_later_stays(make_app: AppFactory, state: Path) -> None:
    await _journal_entry_typed_when_the_terminal_goes(make_app)
    (draft,) = _drafts(state)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # later
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
    assert draft.exists()


async def test_a_kept_journal_entry_opens_in_the_journal_and_saves_there(
    make_app: AppFactory, state: Path
) -> None:
    """ "open" showed a kept journal entry in a box whose footer said "ctrl+s save" though
    nothing was saved.  It opens in the journal's editor, saving as it saves."""
    await _journal_entry_typed_when_the_terminal_goes(make_app)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        assert app.screen.title_text == "Journal: new entry"
        assert app.screen.text == "a journal entry"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
    (entry,) = app.workspace.store.memos(MemoKind.JOURNAL)
    assert entry.text.strip() == "a journal entry"
    assert _drafts(state) == []


async def test_a_kept_note_whose_passage_is_gone_is_shown_read_only(
    make_app: AppFactory, state: Path
) -> None:
    """A note whose passage the document no longer holds cannot go back into the annotate
    dialog: it is shown to copy from, the footer saying the keys it has, and no key of it
    saves anything or changes the text."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = screen.pane.key
    draft = _note_kept(state, 3, app.workspace.db, str(key), "words no document holds")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        view = app.screen
        assert not isinstance(view, AnnotateDialog)
        keys = str(view.query_one("#memo-box").border_subtitle)
        assert "save" not in keys and "read only" in keys and "esc close" in keys, keys
        await pilot.press(*"typed", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "typed" not in view.text and "half a thought" in view.text
        await pilot.press("n")  # kept
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
    assert draft.exists()
    assert app.workspace.store.annotations() == []


async def test_a_kept_note_over_another_document_opens_that_document_first(
    make_app: AppFactory, state: Path
) -> None:
    """A note typed over a document that is not the one shown at the next start opened
    read-only: that document is opened first (the draft names it), then the annotate dialog
    on its passage, the tags and note as typed; saving saves them there."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        shown_key = screen.pane.key
        other = next(e.key for e in screen.library.entries if e.key != shown_key)
    text = app.workspace.path(other).read_text(encoding="utf-8")
    quote = text.split("\n")[0][:40].strip()
    assert quote and quote not in app.workspace.path(str(shown_key)).read_text("utf-8")
    _note_kept(state, 4, app.workspace.db, other, quote)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog | AnnotateDialog))
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog), dialog
        (main,) = (s for s in app.screen_stack if isinstance(s, MainScreen))
        assert main.pane.key == other
        assert dialog.quote == quote and dialog.draft().note == "half a thought"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
    (saved,) = app.workspace.store.annotations()
    assert (saved.document, saved.quote, saved.note) == (other, quote, "half a thought")


async def test_a_kept_memo_of_a_document_or_a_code_reopens_that_memo(
    make_app: AppFactory, state: Path
) -> None:
    """A document's or a code's memo half written when the app was stopped opened read-only
    at the next start: the draft did not say whose memo it was.  It says so on a line read
    strictly, and the memo's editor opens again with the text as typed; saving saves it.
    Two editors open one over the other were kept as one text and opened read-only: each
    is kept in a file of its own, and offered back apart."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = str(screen.pane.key)
        app.workspace.store.set_tag(Tag("border"))
        await screen_opened_by(pilot, "M", MemoDialog, from_reader=True)
        await pilot.press(*"a document memo")
        await app.push_screen(
            MemoDialog.of(app.workspace.store, MemoKind.CODE, "border", "Memo: border")
        )
        await pilot.pause()
        await pilot.press(*"a code memo")
        app._stopped_by_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: app._exit)
    # the two dialogs, one over the other, each kept in a file of its own (they were one
    # text, opened read-only), the first the one below
    kept = _drafts(state)
    assert len(kept) == 2, kept
    assert all(str(path) in " ".join(app.said_at_exit) for path in kept)
    assert "a document memo" in kept[0].read_text(encoding="utf-8")
    assert "a code memo" in kept[1].read_text(encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for left, typed in ((1, "a document memo"), (0, "a code memo")):
            await wait_until(pilot, lambda: "Open it?" in str(getattr(app.screen, "question", "")))
            # the summary is what the editor showed, its title first: not the line saying
            # whose memo it is, which is the app's to read
            held = str(app.screen.question).partition(" (")[2]
            assert held.startswith("Memo: ") and typed in held and "Memo of the" not in held
            await pilot.press("y")
            await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
            assert "read only" not in str(app.screen.query_one("#memo-box").border_subtitle)
            assert app.screen.text == typed
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("y")  # discard it
            await wait_until(pilot, lambda: len(_drafts(state)) == left)  # noqa: B023
    store = app.workspace.store
    assert store.memo(MemoKind.DOCUMENT, key).text.strip() == "a document memo"  # type: ignore[union-attr]
    assert store.memo(MemoKind.CODE, "border").text.strip() == "a code memo"  # type: ignore[union-attr]
    assert _drafts(state) == []
