"""One keymap: the README's key table is the registry's, and the same verbs work everywhere
(symptom 6: lists lacked g/G/home/end or j/k, A did not close the panel from the text, the
footer at 80x24 lost ``? Help``)."""

from __future__ import annotations

from pathlib import Path

from helpers.app import wait_until, workers_done
from textual.pilot import Pilot
from textual.widgets import OptionList

from tui_reader.ui import keymap, readme_keys
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.screens.help import HelpScreen, collect_bindings
from tui_reader.ui.widgets.library import Library
from tui_reader.ui.widgets.reader import ReaderView

README = Path(__file__).resolve().parents[3] / "README.md"
DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def opened(pilot: Pilot[int]) -> ReaderView:
    app = pilot.app

    def shown() -> bool:
        readers = app.screen.query(ReaderView)
        return bool(readers) and readers.first().document is not None

    await wait_until(pilot, shown)
    await workers_done(app)
    await pilot.pause()
    return app.screen.query_one(ReaderView)


def test_readme_key_table_is_the_registry() -> None:
    table = readme_keys.readme_table()
    assert table in README.read_text(encoding="utf-8"), (
        "README's key table differs from the key registry: paste `python -m "
        "tui_reader.ui.readme_keys` into README.md"
    )


def test_registry_ids_are_unique_and_every_list_has_the_list_verbs() -> None:
    ids = [key.id for group in keymap.KEYMAP.values() for key in group]
    assert len(ids) == len(set(ids))
    for group in ("library", "annotations", "codebook", "scroll"):
        verbs = {key.id.split(".")[1]: key.keys for key in keymap.keys(group)}
        assert verbs["down"] == ("down", "j") and verbs["up"] == ("up", "k")
        assert verbs["first"] == ("g", "home") and verbs["last"] == ("G", "end")


def test_every_list_has_the_keys_the_readme_gives_all_lists() -> None:
    """The README's row for every list said ``/`` filters and ``enter`` opens in the panels and
    the help too: there ``/`` searches the text and ``enter`` in the help does nothing.  The
    keys of that row are each list's; the library's own are in a row of their own."""
    rows = dict(readme_keys.README_ROWS)
    by_id = {key.id: key for group in keymap.KEYMAP.values() for key in group}
    lists = {"library": ("library", "library.filter"), "panels": ("annotations",),
             "codebook": ("codebook",), "help": ("help", "scroll")}  # fmt: skip
    for where, groups in lists.items():
        bound = {name for group in groups for key in keymap.keys(group) for name in key.keys}
        for ids, words in rows["lists (library, panels, codebook, help)"]:
            for key_id in ids:
                missing = set(by_id[key_id].keys) - bound
                assert not missing, f"{where} lacks {missing} ({words})"


def screen_lines(app: ReaderApp) -> list[str]:
    """The text of the screen as the terminal would show it."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


async def test_the_same_verbs_work_in_the_library_the_panel_and_the_help(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """One app, one case after another: the library has g, G, home and end; A opens the
    annotations panel, goes back to it and closes it from the panel; the footer at 80x24
    keeps ``? Help`` over the text and the panel; the help scrolls with j, k, g and G."""
    app = ReaderApp(corpus_copy, tmp_path / "db.json", corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)

        case = "the library has g, G, home and end"
        table = app.screen.query_one(Library).table
        table.focus()
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1 > 0, case
        await pilot.press("g")
        assert table.cursor_row == 0, case
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1, case
        await pilot.press("home")
        assert table.cursor_row == 0, case
        reader.focus()
        await wait_until(pilot, lambda: reader.has_focus)

        case = "A opens the panel, goes back to it and closes it from the panel"
        assert not app.screen.query(AnnotationsPanel), case  # mounted when first shown
        await pilot.press("A")  # opens, and focuses the panel
        await pilot.pause()
        panel = app.screen.query_one(AnnotationsPanel)
        assert panel.has_class("-open") and panel.has_focus_within, case
        await pilot.press("escape")  # back to the text, the panel stays open
        assert panel.has_class("-open") and reader.has_focus, case
        await pilot.press("A")  # from the text, open: back to it (it closed it)
        assert panel.has_class("-open") and panel.has_focus_within, case
        await pilot.press("A")  # from the panel: closes it
        assert not panel.has_class("-open") and reader.has_focus, case
        await pilot.press("A", "A")
        assert not panel.has_class("-open") and reader.has_focus, case
        await pilot.press("A")
        await pilot.press("G", "g")  # the list verbs work in the panel
        assert panel.query_one(OptionList).has_focus, case
        await pilot.press("A")  # closed again, from the panel
        assert not panel.has_class("-open") and reader.has_focus, case

        case = "the footer at 80x24 keeps ? Help"
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: app.screen.size == (80, 24))
        await wait_until(pilot, lambda: "? Help" in screen_lines(app)[-1])
        assert reader.has_focus, case
        text_footer = screen_lines(app)[-1]
        await pilot.press("A")  # the annotations panel has focus: still there
        await wait_until(pilot, lambda: screen_lines(app)[-1] != text_footer)  # its keys
        assert "? Help" in screen_lines(app)[-1], (case, screen_lines(app)[-1])
        await pilot.press("A")  # closed, from the panel
        await wait_until(pilot, lambda: reader.has_focus)

        case = "the help scrolls with j, k, g and G"
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0, case
        await pilot.press("j", "j")
        await wait_until(pilot, lambda: body.scroll_y == 2)
        await pilot.press("k")
        await wait_until(pilot, lambda: body.scroll_y == 1)
        await pilot.press("G")
        await wait_until(pilot, lambda: body.scroll_y == body.max_scroll_y)
        await pilot.press("g")
        await wait_until(pilot, lambda: body.scroll_y == 0)
        assert isinstance(app.screen, HelpScreen), case


async def test_slash_in_the_help_shows_only_the_keys_whose_words_hold_what_is_typed(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """``/`` in the help did nothing: a reader looking for how to merge a colleague's coding
    among the reader's hundred keys typed ``/merge``, as in less's help, and nothing changed.  It now filters the
    keys as typed (the library's and the codebook's ``/`` do so), ``enter`` keeps the
    filter and scrolls again, ``esc`` clears it, and ``esc`` again closes the help."""
    app = ReaderApp(corpus_copy, tmp_path / "db.json", corpus_copy / DOC)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark", "slash", *"merge")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        screen = app.screen
        await wait_until(pilot, lambda: "Merge a colleague" in "\n".join(screen_lines(app)))
        shown = "\n".join(screen_lines(app))
        assert "Quit" not in shown and "Sentence" not in shown  # keys without "merge"
        await pilot.press("enter", "G")  # the filter kept, the keys scroll again
        body = screen.query_one("#help-body")
        await wait_until(pilot, lambda: body.has_focus)
        assert "Merge a colleague" in "\n".join(screen_lines(app))
        await pilot.press("slash", "escape")  # cleared: every key again
        await wait_until(pilot, lambda: "Quit" in "\n".join(screen_lines(app)))
        assert app.screen is screen
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_the_help_says_how_less_s_50_percent_is_typed(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """50% typed as in less goes there (the digits right before % are the percent), and the
    help said only "Go to a percent of the text": /50% in the help found no key."""
    app = ReaderApp(corpus_copy, tmp_path / "db.json", corpus_copy / DOC)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark", "slash", *"50%")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await wait_until(pilot, lambda: "50% as in less" in "\n".join(screen_lines(app)))


def test_help_lists_registry_headings(corpus_copy: Path) -> None:
    assert keymap.title_of("codebook.rename") == "Codebook"
    assert keymap.title_of("app.quit") == "Anywhere"
    assert callable(collect_bindings)


def test_the_readme_tells_how_a_passage_found_again_is_kept_or_re_attached() -> None:
    """A passage placed again after its file was edited is marked ≈ until it is accepted (or
    re-attached, an orphan): the README named `r` for an orphan but never `c` for ≈, so a
    reader of it did not know how the mark goes away."""
    given = {key_id for _where, entries in readme_keys.README_ROWS for ids, _ in entries
             for key_id in ids}  # fmt: skip
    assert {"annotations.reattach", "annotations.confirm"} <= given
