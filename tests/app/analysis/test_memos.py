"""Memos in the app: M writes the open document's memo, J a journal entry, in the note
editor; ctrl+s saves, escape does not (it asks first when text was typed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers.analysis import analysis_app
from helpers.app import codebook_opened, notices_said, pasted, ready, wait_until
from helpers.passages import MEXICO, US, Annotated
from textual.widgets import TextArea

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.memo_dialog import MemoDialog


async def test_document_code_and_library_memos_and_the_journal(annotated: Annotated) -> None:
    """The memos written in the note editor, one case after another on one app: ``M`` the
    open document's, ``J`` a journal entry, ``M`` in the codebook the code's, ``M`` in the
    library the selected document's.

    A journal entry written and then ``esc`` (to leave the editor, or by mistake): the editor
    asks before the text is dropped, ``n`` gives it back to finish and save.  (It closed at
    once and the entry was lost.)  Nothing typed: ``esc`` closes at once.

    In the library, on another document than the open one, ``M`` wrote the open one's memo
    (while ``i`` there describes the selected one); it now writes the selected one's."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        case = "the document's memo, written then edited"
        main = await ready(pilot)
        store = main.workspace.store
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        # typed a key at a time: the app's own keys (M, J, q) are letters of a memo
        await pilot.press(*"Shy at first", "enter", *"# later *opened up*")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        memo = store.memo(MemoKind.DOCUMENT, MEXICO)
        assert memo is not None and memo.text == "Shy at first\n# later *opened up*\n", case
        await pilot.press("M")  # opens on the memo written: it is edited, not duplicated
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        dialog = app.screen
        assert isinstance(dialog, MemoDialog)
        assert dialog.query_one(TextArea).text == memo.text, case
        await pasted(pilot, " (twice)")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        assert len(store.memos(MemoKind.DOCUMENT)) == 1, case
        assert store.memos(MemoKind.DOCUMENT)[0].text.endswith("(twice)\n"), case

        case = "journal entries, one dropped once asked"
        for entry in ("Day one", "Day two"):
            await pilot.press("J")
            await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
            await pasted(pilot, entry)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        await pilot.press("J", *"never saved", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")  # drop it
        await wait_until(pilot, lambda: app.screen is main)
        journal = [m.text for m in store.memos(MemoKind.JOURNAL)]
        assert journal == ["Day one\n", "Day two\n"], (case, journal)

        case = "escape asks before dropping a journal entry typed"
        await pilot.press("J")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        dialog = app.screen
        assert isinstance(dialog, MemoDialog)
        await pilot.press(*"Long day in the field", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        assert dialog.text == "Long day in the field", case
        await pilot.press(".", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is main)
        journal = [m.text for m in store.memos(MemoKind.JOURNAL)]
        assert journal[-1] == "Long day in the field.\n" and len(journal) == 3, (case, journal)
        await pilot.press("J", "escape")
        await wait_until(pilot, lambda: app.screen is main)

        case = "a code's memo from the codebook"
        codebook = await codebook_opened(pilot)
        tag = codebook.selected
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await pasted(pilot, "What counts")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        memo = store.memo(MemoKind.CODE, str(tag))
        assert memo is not None and memo.text == "What counts\n", case
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main)

        case = "M in the library writes the selected document's memo"
        table = main.library.table
        row = table.row_index(US)
        assert row is not None and main.pane.key == MEXICO, case
        # The focus asked for is given in a later turn of the app (Widget.focus), after the
        # code's memo's notice is put up again on the main screen: M is pressed once the
        # library has it and its cursor is on the row, not after one pause (a loaded machine
        # could leave the focus in the text, and M wrote the open document's memo).
        table.focus()
        table.move_cursor(row)
        await wait_until(pilot, lambda: app.focused is table and table.cursor_row == row)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        entry = main.library.entry(US)
        assert entry is not None and entry.title in str(
            app.screen.query_one("#memo-box").border_title
        ), case
        await pasted(pilot, "Read it second")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is main)
        memo = store.memo(MemoKind.DOCUMENT, US)
        assert memo is not None and memo.text == "Read it second\n", case
        memo = store.memo(MemoKind.DOCUMENT, MEXICO)
        assert memo is not None and memo.text.endswith("(twice)\n"), case  # as it was


async def test_a_memo_that_cannot_be_saved_stays_in_the_editor(
    annotated: Annotated, make_read_only: Callable[[Path], None]
) -> None:
    make_read_only(annotated.db)
    app = ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("J", *"kept")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MemoDialog)
        assert dialog.text == "kept"
        assert "Not saved" in str(dialog.query_one("#memo-error").render())


def cursor_in_view(editor: TextArea) -> bool:
    row = editor.wrapped_document.location_to_offset(editor.cursor_location).y
    top = round(editor.scroll_y)
    return top <= row < top + editor.scrollable_content_region.height


async def test_a_long_memo_keeps_the_line_typed_on_in_view(annotated: Annotated) -> None:
    """enter at the end of a memo longer than its box put the cursor on a new line below the
    box, out of view, until a character was typed there (Textual scrolled before the text
    grew); the new line comes into view at once."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        editor = app.screen.query_one(TextArea)
        for n in range(20):  # each line typed short (a long one took 20 keys: 29 s in all)
            await pilot.press(*f"l{n}", "enter")
            await pilot.pause()
            assert cursor_in_view(editor), n
        assert editor.scroll_y > 0


async def test_the_memo_of_a_file_with_no_passage_follows_it_when_it_moves(
    tmp_path: Path,
) -> None:
    # M on a file never coded, the caret never moved: nothing kept its text, and renamed,
    # the file lost its memo to its old name
    from tui_reader.core.workspace import Workspace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text of a file never coded.\n", "utf-8")
    db = tmp_path / "db.json"
    app = ReaderApp(corpus, db, corpus / "a.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await pilot.press(*"To code next", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is main)
        assert main.workspace.store.memo(MemoKind.DOCUMENT, "corpus/a.txt") is not None
    (corpus / "a.txt").rename(corpus / "b.txt")
    workspace = Workspace(corpus, db)
    workspace.all_anchored()
    memo = workspace.store.memo(MemoKind.DOCUMENT, "corpus/b.txt")
    workspace.store.close()
    assert memo is not None and memo.text == "To code next\n"


async def test_a_memo_deleted_over_the_details_says_where_u_undoes_it(
    annotated: Annotated,
) -> None:
    """Emptied from the details (i, then M), the memo was said 'Memo deleted (u undoes it).',
    though u there is a letter of the attributes' field: it says where u undoes it; from the
    text, where u does, it still says 'u undoes it'.

    A document's memo, its text all deleted and saved (ctrl+s): the editor closed as if
    saved, and the memo was kept as it was, still in the details, the search and the
    exports. It is deleted now, and u brings it back."""
    with AnnotationStore(annotated.db) as written:
        written.put_memo(Memo(MemoKind.DOCUMENT, MEXICO, "Shy at first\n"))

    def deleted_said() -> list[str]:
        return [str(n.message) for n in app._notifications if "Memo deleted" in str(n.message)]

    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        store = main.workspace.store
        main.reader.focus()
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        details = app.screen
        await pilot.press("tab", "M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await pilot.press(*["backspace"] * 14, "ctrl+s")
        await wait_until(pilot, lambda: app.screen is details)
        assert store.memo(MemoKind.DOCUMENT, MEXICO) is None
        # said once the app handles its Notify message, which may come after the screen
        await wait_until(pilot, lambda: bool(deleted_said()))
        said = deleted_said()
        assert said == ["Memo deleted (u in the text or the library undoes it)."], said
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main)
        main.reader.focus()
        await pilot.press("u")  # as it says
        await wait_until(pilot, lambda: store.memo(MemoKind.DOCUMENT, MEXICO) is not None)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await pilot.press(*["backspace"] * 14, "ctrl+s")
        await wait_until(pilot, lambda: app.screen is main)
        assert store.memo(MemoKind.DOCUMENT, MEXICO) is None
        await wait_until(pilot, lambda: "Memo deleted (u undoes it)." in deleted_said())
        said = deleted_said()
        assert said[-1] == "Memo deleted (u undoes it).", said
        await pilot.press("u")
        await wait_until(pilot, lambda: store.memo(MemoKind.DOCUMENT, MEXICO) is not None)


async def test_a_journal_entry_in_a_short_terminal_shows_the_newest_earlier_entry(
    annotated: Annotated,
) -> None:
    """At 40x12 the earlier entries above a new journal entry have room for two lines: they
    showed the oldest of the three, cut ("Entry number 12 of the"), and not the entry
    written just before; at 80x24 an empty line followed them.  The newest comes first."""
    from helpers.app import terminal_lines

    app = analysis_app(annotated)
    async with app.run_test(size=(40, 12)) as pilot:
        main = await ready(pilot)
        store = main.workspace.store
        for n in (12, 13, 14):
            store.put_memo(Memo(MemoKind.JOURNAL, "", f"Entry {n} of the journal.\n"))
        await pilot.press("J")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await pilot.pause()
        screen = "\n".join(terminal_lines(app))
        assert "Entry 14 of" in screen, screen
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        lines = terminal_lines(app)
        at = [i for i, line in enumerate(lines) if "Entry 12 of" in line]
        assert at and "Entry 13" in lines[at[0] - 1] and "Entry 14" in lines[at[0] - 2], lines
        assert "▔" in lines[at[0] + 2], lines  # the editor after one line of margin


async def test_a_memo_or_a_journal_entry_saved_is_said(annotated: Annotated) -> None:
    """ctrl+s closed the editor without a word, where deleting a memo is said: a journal
    entry, shown nowhere once written, left the researcher unsure it was kept.  The save is
    said, with the key that undoes it."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        said = notices_said(app)
        for key, words in (("J", "Journal entry saved"), ("M", "Memo saved")):
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
            await pasted(pilot, "Day one")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.screen is main)
            await wait_until(pilot, lambda w=words: f"{w} (u undoes it)." in said)
        await pilot.press("u")
        await wait_until(pilot, lambda: not main.workspace.store.memos(MemoKind.DOCUMENT))
        assert [m.text for m in main.workspace.store.memos(MemoKind.JOURNAL)] == ["Day one\n"]
