"""A dialog's footer says the dialog's keys: under the annotate dialog, the help or a question
the screen below showed its own (``v Select  a Annotate  q Quit``), though in the dialog ``q``
is a letter typed, or closes the help, and ``a`` annotates nothing."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, bottom_line, screen_opened_by, wait_until
from textual.app import App
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.steady_footer import DialogFooter, SteadyFooter

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def footer_of(pilot: Pilot[object]) -> str:
    app = pilot.app
    await wait_until(pilot, lambda: bool(app.screen.query(FooterKey)))
    await pilot.pause()
    return bottom_line(app)


def footer_settled(app: App[object]) -> bool:
    """Whether the screen's footer has composed the keys the screen offers now (none left
    to compose after a refresh) and drawn them: its help key is on the bottom line.  Its keys
    are composed after a refresh and fitted after the next, so on a loaded machine one pause
    after they exist still saw a bottom line with no key on it."""
    footers = app.screen.query(SteadyFooter)
    if not footers:
        return False
    footer = footers.first()
    settled = not footer._pending and footer._shown == footer._keys_shown()
    return settled and "? Help" in bottom_line(app)


async def test_each_dialog_s_footer_says_its_own_keys(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """The annotate dialog, the help and the two questions, each opened in turn from the text
    on one app and closed before the next: each footer says that dialog's keys alone.

    A question's footer says the box's answers: 'Quit? ... y/enter quit · n/esc stay' had
    'y Yes  n No' under it."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:

        async def back_on_the_text() -> None:
            while not isinstance(app.screen, MainScreen):
                await app.pop_screen()
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))

        case = "the annotate dialog"
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        line = await footer_of(pilot)
        assert "esc Cancel" in line and "Save" in line, (case, line)
        for other in ("Quit", "Select", "Annotate", "Search", "Help", "Commands"):
            assert other not in line, (case, other, line)
        await back_on_the_text()

        case = "the help"
        await screen_opened_by(pilot, "question_mark", HelpScreen, from_reader=True)
        line = await footer_of(pilot)
        assert "esc Close help" in line, (case, line)
        # its body scrolls: the footer says by which keys, not its scroll bar alone
        assert "j/k Scroll" in line and "space Page down" in line, (case, line)
        assert "Quit" not in line and "Select" not in line, (case, line)
        await back_on_the_text()

        case = "the question before dropping what was typed"
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await pilot.press("x", "escape")  # typed, then esc: asks before dropping it
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        line = await footer_of(pilot)
        assert "y Yes" in line and "n No" in line and "Cancel" not in line, (case, line)
        assert "Quit" not in line, (case, line)
        await back_on_the_text()

        case = "the question before quitting"
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await pilot.press("x", "ctrl+q")  # typed, then quit: asks
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        line = await footer_of(pilot)
        assert "y Quit" in line and "n Stay" in line and "Yes" not in line, (case, line)
        await pilot.press("n")


async def test_the_help_at_40_columns_wraps_its_words_and_cuts_none(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """At 40 columns each description of the help was cut at the box's edge ('Export
    annotations Markdown', '(the waiting chang'); they wrap whole."""
    from textual.widgets import Static

    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(40, 20)) as pilot:
        await screen_opened_by(pilot, "question_mark", HelpScreen, from_reader=True)
        table = app.screen.query_one("#help-table", Static)
        await wait_until(pilot, lambda: table.size.height > 0)
        await pilot.pause()
        text = " ".join(table.render_line(y).text.strip() for y in range(table.size.height))
        words = " ".join(text.split())
        assert (
            "Export annotations: Markdown, CSV, W3C, QualCoder (REFI-QDA), an Obsidian vault…"
            in words
        )
        assert "(the waiting change is not saved)" in words


async def test_a_question_closed_as_it_opened_does_not_fail(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """Keys typed at once can answer a question before its screen is mounted (seen in a real
    terminal: ctrl+q's question, then its answer): its mount then came to a screen no longer
    in the app, the footer mounted there failed ("Can't mount widget(s) before
    ConfirmScreen() is mounted") and the app ended with that error."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        answered = ConfirmScreen("Quit?")  # not in the app: as one dismissed before its mount
        answered._mount_footer()
        assert not answered.children
        asked = ConfirmScreen("Quit?")
        app.push_screen(asked)
        await wait_until(pilot, lambda: bool(asked.query(DialogFooter)))  # one in the app has it


async def test_an_empty_corpus_offers_no_key_of_a_document(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """With an empty corpus the footer said '⏎ Open  / Filter' over a library of nothing, and
    with the library hidden (L) 'v Select  a Annotate  A Annotations  / Search' over no text:
    it offers what works there, quitting and the help; the keys are offered again when a
    document is."""
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(corpus=empty)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_until(pilot, lambda: screen.library.listed)
        for _ in ("library", "no library"):
            await wait_until(pilot, lambda: footer_settled(app))
            line = bottom_line(app)
            assert "q Quit" in line, line
            for word in ("Open", "Filter", "Select", "Annotate", "Annotations", "Search"):
                assert word not in line, (word, line)
            await pilot.press("L")
        (empty / "note.txt").write_text("A note to read.\n", encoding="utf-8")
        screen.library.list_files(screen.workspace)
        await wait_until(pilot, lambda: bool(screen.library.entries))
        screen.library.table.focus()
        await wait_until(pilot, lambda: "Open" in bottom_line(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.reader.document is not None)
        screen.reader.focus()
        await wait_until(pilot, lambda: "Annotate" in bottom_line(app))


async def test_the_annotate_dialog_and_the_journal_say_their_keys_in_one_order(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """The annotate dialog's footer read "esc Cancel  ^s Save", the memo's and the journal's
    "^s Save  esc Cancel": one order in every dialog that saves."""
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        annotating = (await footer_of(pilot)).split()
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await screen_opened_by(pilot, "J", MemoDialog, from_reader=True)
        journal = (await footer_of(pilot)).split()
        assert annotating[:4] == journal[:4] == ["^s", "Save", "esc", "Cancel"], annotating
