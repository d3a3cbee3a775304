"""The codebook screen, driven through the whole app with Pilot."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.analysis import query_view_opened
from helpers.app import (
    burst,
    notices_said,
    pasted,
    ready,
    screen_opened_by,
    terminal_lines,
    wait_until,
)
from helpers.orphans import r_places_it_in_mexico_and_u_takes_it_back
from helpers.passages import MEXICO, US, Annotated
from helpers.threads import held_until
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.commands import ReaderCommands
from tui_reader.ui.reading_pane import ReadingPane
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.help import HelpScreen, collect_bindings
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog, TagStyleDialog
from tui_reader.ui.widgets.growing_option_list import BATCH

SIZE = (80, 24)  # what most tests read (tags, counts, passages) is whole at this size
WIDE = (120, 36)  # the size a few tests were written for, kept where no break was tried


def dialog_line(app: ReaderApp) -> str:
    """What the dialog on top says on its error line (a refusal to save)."""
    return str(app.screen.query_one(".dialog-error", Static).render())


def make(annotated: Annotated) -> ReaderApp:
    return ReaderApp(annotated.corpus, annotated.db, measure=80)


async def open_codebook(pilot: Pilot[int]) -> CodebookScreen:
    screen = await screen_opened_by(pilot, "T", CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing)
    await pilot.pause()
    return screen


async def back_on(pilot: Pilot[int], screen: CodebookScreen) -> None:
    """Back on the codebook after an edit, its counts read again."""
    await wait_until(
        pilot, lambda: pilot.app.screen is screen and not screen.counting, tries=1000
    )  # a save and a recount on a busy machine take a while
    await pilot.pause()


def tree_paths(screen: CodebookScreen) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", []):
            found.append(child.data)
            walk(child)

    walk(screen.tag_tree.root)
    return found


def stored(db: Path) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    with AnnotationStore(db) as store:
        return [t.name for t in store.tags()], {a.quote: a.tags for a in store.annotations()}


def list_lines(screen: CodebookScreen) -> list[str]:
    """The passage list's lines as drawn (plain text)."""
    passages = screen.passage_list
    return [passages.render_line(y).text.rstrip() for y in range(passages.size.height)]


async def select(pilot: Pilot[int], screen: CodebookScreen, path: str) -> None:
    """The tree focused, its cursor put on the line of ``path`` (as ``j`` and ``k`` move it:
    a test of those keys presses them; walking there a key at a time cost a frame a line),
    and ``path`` selected."""
    tree = screen.tag_tree
    await wait_until(pilot, lambda: not screen.counting)  # the tree as its counts left it
    tree.focus()
    lines = [tree.get_node_at_line(y) for y in range(tree.last_line + 1)]
    found = [y for y, node in enumerate(lines) if node is not None and node.data == path]
    if not found:
        raise AssertionError(f"{path} not in the tree: {tree_paths(screen)}")
    tree.cursor_line = found[0]
    await wait_until(pilot, lambda: screen.selected == path)
    await pilot.pause()


async def test_tree_counts_passages_and_jump(annotated: Annotated) -> None:
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        assert tree_paths(screen) == [
            "migration", "migration/deportation", "militarization", "militarization/patrols",
            "policy", "policy/border",
        ]  # fmt: skip
        label = str(screen.tag_tree.root.children[1].label)
        assert "militarization  3 (2 own)" in label and "armed forces in civil matters" in label
        await select(pilot, screen, "militarization")
        rows = [str(o.prompt) for o in screen.passage_list.options]
        assert len(rows) == 3  # its own passages and its child's, across two documents
        assert "line 3" in rows[0] and "remilitarize the region" in rows[0]
        assert "policy/border" in rows[0] and "militarization " not in rows[0].split("\n")[2]
        assert "✎" in rows[1] and "militarization/patrols" in rows[1]
        assert "US Wants Mexico" in rows[2] and "bolster militarism" in rows[2]
        await pilot.press("enter")  # on the tag: to its passages
        assert screen.passage_list.has_focus
        await pilot.press("j", "j", "enter")  # the passage in the other document
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        main = app.screen
        assert isinstance(main, MainScreen)
        await wait_until(pilot, lambda: main.pane.key == US and not main.pane.previewing)
        text = main.reader.document.text if main.reader.document else ""
        assert main.reader.caret == text.index("bolster militarism in the region")
        assert main.reader.has_focus
        top, bottom = main.reader.scroll_y, main.reader.scroll_y + main.reader.size.height
        assert top <= main.reader.line_number < bottom
        # Again, to a passage of the open document: the caret moves there.
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing)
        await select(pilot, screen, "militarization/patrols")
        await pilot.press("tab")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        assert screen.passage_list.has_focus, screen.focused
        await pilot.press("enter")
        await wait_until(pilot, lambda: main.pane.key == MEXICO and not main.pane.previewing)
        text = main.reader.document.text if main.reader.document else ""
        assert main.reader.caret == text.index("aerial, ground and reconnaissance patrols")


async def test_the_filter_of_the_tags(annotated: Annotated) -> None:
    """The filter of the tags (/), each case on the codebook opened afresh, on one app."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:

        async def opened_afresh() -> CodebookScreen:
            while not isinstance(app.screen, MainScreen):
                await app.pop_screen()
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
            return await open_codebook(pilot)

        case = "the filter narrows the tree, esc clears it, q closes"
        screen = await open_codebook(pilot)
        await pilot.press("slash", *"patr")
        assert screen.query_one("#codebook-filter", Input).has_focus, case
        await wait_until(pilot, lambda: tree_paths(screen) == [
            "militarization", "militarization/patrols"])  # fmt: skip
        await pilot.press("escape")  # clears the filter
        await wait_until(pilot, lambda: len(tree_paths(screen)) == 6)  # the tree built again
        assert len(tree_paths(screen)) == 6 and screen.tag_tree.has_focus, case
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))

        # ``/patrols`` showed militarization (kept to hold its child) with the cursor on it,
        # and enter, enter listed militarization's passages; the cursor now goes to the tag
        # named.
        case = "the filter puts the cursor on a tag it names"
        screen = await opened_afresh()
        await pilot.press("slash", *"patrols", "enter")
        filtered = ["militarization", "militarization/patrols"]
        await wait_until(  # every letter's filtering done, the last one's tree shown
            pilot, lambda: screen.tag_tree.has_focus and tree_paths(screen) == filtered
        )
        assert tree_paths(screen) == filtered, case
        assert screen.selected == "militarization/patrols", case
        await pilot.press("enter")  # to its passages: its own one
        assert screen.passage_list.has_focus, case
        assert [p.annotation.quote for p in screen.passage_list.passages] == [
            "aerial, ground and reconnaissance patrols"
        ], case

        # ``/zzz`` emptied the tree, but the right side still showed the tag selected before,
        # and ``r`` opened "New name for" that tag, one the user could not see; now no tag is
        # selected (the right side says none matches) and ``r`` says so.
        case = "a filter matching no tag leaves no tag to rename"
        screen = await opened_afresh()
        await pilot.press("slash", *"zzz", "enter")
        await wait_until(pilot, lambda: screen.tag_tree.has_focus)
        assert tree_paths(screen) == [], case
        heading = str(screen.query_one("#codebook-heading").render())
        assert "No tag matches “zzz”" in heading, (case, heading)
        assert screen.passage_list.passages == [], case
        notes = len(app._notifications)
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, TagNameDialog), case
        assert [n.message for n in app._notifications][notes:] == ["No tag selected."], case
        await pilot.press("slash", "escape")  # the filter cleared: every tag, one selected
        await wait_until(pilot, lambda: len(tree_paths(screen)) == 6)
        assert screen.selected is not None, case

        # With a filter typed, tab from the passages landed in the filter: the j typed next to
        # move down the codes went into it.
        case = "tab goes between the codes and their passages past the filter"
        screen = await opened_afresh()
        await pilot.press("slash", *"mil", "enter")
        await wait_until(pilot, lambda: screen.tag_tree.has_focus)
        # each: the focus moved once the key is handled (a press can return before)
        await pilot.press("tab")
        await wait_until(pilot, lambda: not screen.tag_tree.has_focus)
        assert screen.passage_list.has_focus, case
        await pilot.press("tab")
        await wait_until(pilot, lambda: not screen.passage_list.has_focus)
        assert screen.tag_tree.has_focus, case
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: not screen.tag_tree.has_focus)
        assert screen.passage_list.has_focus, case
        await pilot.press("shift+tab", "j")
        await pilot.pause()
        assert screen.tag_tree.has_focus and screen._filter == "mil", case


async def test_rename_merge_delete_and_style_through_the_store(annotated: Annotated) -> None:
    """Each edit of the codebook, through its dialogs, in the store and on screen.

    The passage list draws every line at once: a passage's tag line or wrapped second line
    was missing when the list first drew and after a merge, and appeared only once the cursor
    moved."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await pilot.pause()
        first = list_lines(screen)
        assert any("policy/border" in line for line in first), first  # the other tags' line
        screen.passage_list.focus()
        await pilot.press("j", "k")
        await pilot.pause()
        assert list_lines(screen) == first, "the list first drawn"

        await select(pilot, screen, "militarization")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        field = app.screen.query_one(Input)
        assert field.value == "militarization"
        field.value = ""
        # typed a key at a time: the codebook's own keys (r, m, d, c) are letters of the name
        await pilot.press(*"armed forces", "enter")
        await back_on(pilot, screen)
        assert screen.selected == "armed forces"
        assert "armed forces/patrols" in tree_paths(screen)
        assert len(screen.passage_list.options) == 3
        names, tags = stored(annotated.db)
        assert "armed forces" in names and "militarization" not in names
        assert tags["remilitarize the region"] == ("armed forces", "policy/border")
        assert tags["aerial, ground and reconnaissance patrols"] == ("armed forces/patrols",)

        # Merge policy/border into migration/deportation (typed with completion).
        await select(pilot, screen, "policy/border")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        field = await pasted(pilot, "migration/dep")
        await wait_until(pilot, lambda: field._suggestion == "migration/deportation")
        await pilot.press("right", "enter")
        await back_on(pilot, screen)
        names, tags = stored(annotated.db)
        assert "policy/border" not in names
        assert tags["remilitarize the region"] == ("armed forces", "migration/deportation")
        assert screen.selected == "migration/deportation"
        assert len(screen.passage_list.options) == 2
        assert "policy" not in tree_paths(screen)
        await pilot.pause()
        merged = list_lines(screen)
        assert any("armed forces" in line for line in merged), merged
        screen.passage_list.focus()
        await pilot.press("j", "k")
        await pilot.pause()
        assert list_lines(screen) == merged, "the list drawn after the merge"
        screen.tag_tree.focus()

        # Merging into a tag that does not exist is refused (a typo must not create one).
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        await pasted(pilot, "nowhere")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TagNameDialog)
        assert "no tag named 'nowhere'" in dialog_line(app)
        await pilot.press("escape")  # a name typed: asks before dropping it
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await back_on(pilot, screen)

        # Colour and description.
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, TagStyleDialog))
        await pasted(pilot, "not-a-colour")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TagStyleDialog)  # refused, stays open
        app.screen.query_one("#tag-colour", Input).value = "#112233"
        await pilot.press("tab")
        described = app.screen.query_one("#tag-description", Input)
        await wait_until(pilot, lambda: described.has_focus)  # the paste goes where tab went
        await pasted(pilot, "sent back")
        await pilot.press("enter")
        await back_on(pilot, screen)
        with AnnotationStore(annotated.db) as store:
            tag = store.tag("migration/deportation")
        assert tag is not None and (tag.color, tag.description) == ("#112233", "sent back")
        assert "sent back" in str(
            screen.tag_tree.cursor_node.label if screen.tag_tree.cursor_node else ""
        )

        # Delete the parent "armed forces" and its child, after a confirmation.
        await select(pilot, screen, "armed forces")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await back_on(pilot, screen)
        assert "armed forces" in stored(annotated.db)[0]
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await back_on(pilot, screen)
        names, tags = stored(annotated.db)
        assert not any(n.startswith("armed forces") for n in names)
        assert tags["aerial, ground and reconnaissance patrols"] == ()  # the highlight stays
        assert len(tags) == 4
        assert not any(p.startswith("armed forces") for p in tree_paths(screen))

        # Back in the reader, the highlights follow the new codebook.
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        pane = app.screen.query_one(ReadingPane)
        await wait_until(
            pilot, lambda: "migration/deportation" in [t.name for t in pane.codebook]
            and all(not t.name.startswith("armed") for t in pane.codebook)
        )  # fmt: skip


async def test_read_only_database_shows_errors_and_changes_nothing(
    annotated: Annotated, make_read_only: Callable[[Path], None]
) -> None:
    make_read_only(annotated.db)
    before = annotated.db.read_bytes()
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        await pilot.press("end", *"-x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TagNameDialog)  # stays open with what was typed
        assert "read-only" in dialog_line(app).lower()  # said there alone
        assert not any(n.severity == "error" for n in app._notifications)
        await pilot.press("escape")  # what was typed is dropped once asked
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await back_on(pilot, screen)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await back_on(pilot, screen)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "read-only" in errors[0].message.lower()
        assert "militarization" in tree_paths(screen)
        assert len(screen.passage_list.options) == 3
    assert annotated.db.read_bytes() == before


async def test_the_codebook_s_keys_and_clicks_do_what_its_help_says(annotated: Annotated) -> None:
    """The codebook's keys, its help and its clicks, one case after another on one app.

    A tag's description half written and esc: it was gone without a word (the note and memo
    editors ask); esc now asks, and esc with nothing changed closes at once.

    esc in a code's passages closed the whole codebook: one level back, as a reader of the
    passages expects; esc again (or q anywhere) closes it.

    Going through a code's passages one by one (enter, read, T) meant finding the code again
    each time: T opened on the first code.

    A single click on a passage opened it and closed the codebook, where a click on a
    report's cell only moves the cursor there (and a click on the cursor's cell opens it):
    reaching for a passage with the mouse left the codebook at the first click.

    The passages' list, shown by the stylesheet, was set shown again as the codebook opened,
    which Textual takes for a change: the view laid out again; it is left as it is, and
    hidden only where a tag has none."""
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        case = "the help lists the keys"
        main = await ready(pilot)
        anywhere = dict((d, k) for k, d in collect_bindings(main)["Anywhere"])
        assert anywhere["Codebook: tags and their passages"] == "T", case
        assert anywhere["Search the whole corpus"] == "F", case
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        codebook = dict((d, k) for k, d in help_screen.groups["Codebook"])
        assert codebook["Rename"] == "r" and codebook["Merge into…"] == "m", case
        assert codebook["Delete"] == "d" and codebook["Filter tags"] == "/", case
        assert codebook["Close"] == "esc" and codebook["Clear the filter (in it)"] == "esc", case
        assert codebook["Back to the tags (from the passages)"] == "esc", case
        assert codebook["Close, from the tags or the passages"] == "q", case
        # q closes the codebook: its help does not say q quits (it said so under Anywhere)
        anywhere = dict((d, k) for k, d in help_screen.groups["Anywhere"])
        assert "Quit" not in anywhere and anywhere["Help"] == "?", case
        assert collect_bindings(main)["Anywhere"][0] == ("q", "Quit"), case  # the main screen's
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen and not screen.placing)

        case = "the passages show as the stylesheet shows them"
        await wait_until(pilot, lambda: screen.passage_list.option_count > 0)
        assert screen.passage_list.display and not screen.empty.display, case
        assert not screen.passage_list.styles.inline.has_rule("display"), case

        case = "esc over a description typed asks before dropping it"
        await select(pilot, screen, "militarization")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, TagStyleDialog))
        dialog = app.screen
        await pilot.press("tab")
        described = dialog.query_one("#tag-description", Input)
        await wait_until(pilot, lambda: described.has_focus)  # the paste goes where tab went
        await pasted(pilot, "armed forces in")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # stay: the words typed are still there
        await wait_until(pilot, lambda: app.screen is dialog)
        description = dialog.query_one("#tag-description", Input).value
        assert description.endswith("armed forces in"), (case, description)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await back_on(pilot, screen)
        await pilot.press("r", "escape")  # the name as it was: closes without a question
        await back_on(pilot, screen)

        case = "esc in the passages goes back to the codes"
        await select(pilot, screen, "militarization")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.tag_tree.has_focus, case
        assert screen.selected == "militarization", case
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await pilot.press("q")
        await wait_until(pilot, lambda: not isinstance(app.screen, CodebookScreen))
        again = await open_codebook(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CodebookScreen))
        assert again.is_attached is False or app.screen is not again, case

        case = "back in the codebook after opening a passage, the code and place stay"
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await pilot.press("enter")  # to its passages
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        assert len(screen.passage_list.passages) >= 2, case
        await pilot.press("j")
        await wait_until(pilot, lambda: screen.passage_list.highlighted == 1)
        await pilot.press("enter")  # the second one opens
        await wait_until(pilot, lambda: not isinstance(app.screen, CodebookScreen))
        again = await open_codebook(pilot)
        assert again is not screen and again.selected == "militarization", case
        await wait_until(pilot, lambda: again.passage_list.has_focus)
        await wait_until(pilot, lambda: again.passage_list.highlighted is not None)
        assert again.passage_list.highlighted == 1, case
        await pilot.press("escape", "escape")  # back to the codes, then closed for good
        await wait_until(pilot, lambda: not isinstance(app.screen, CodebookScreen))
        screen = await open_codebook(pilot)
        assert screen.tag_tree.has_focus, case

        case = "a click on a passage puts the cursor there and a second click opens it"
        await select(pilot, screen, "militarization")
        passages = screen.passage_list
        await wait_until(pilot, lambda: len(passages.passages) >= 2)
        await pilot.pause()
        at = next(y for y, line in enumerate(list_lines(screen)) if "bolster" in line)
        await pilot.click(passages, offset=(4, at))
        await pilot.pause()
        assert app.screen is screen and passages.highlighted is not None, case
        chosen = passages.highlighted
        assert chosen > 0, case
        assert "bolster" in passages.passages[chosen].annotation.quote, case
        await pilot.click(passages, offset=(4, at))
        await wait_until(pilot, lambda: not isinstance(app.screen, CodebookScreen))


async def test_passages_of_a_deleted_document_show_as_orphans(annotated: Annotated) -> None:
    (annotated.corpus / US.removeprefix("docs_corpus/")).unlink()
    app = make(annotated)
    notes = notices_said(app)  # as said: its toast times out while the main screen comes
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        rows = [str(o.prompt) for o in screen.passage_list.options]
        assert rows[-1].startswith("orphan docs_corpus/us-wants-mexico")
        counts = str(screen.query_one("#codebook-counts").render())
        assert "1 orphaned" in counts
        main = await _last_passage_opened(pilot, screen)
        await pilot.pause()
        assert main.pane.key == MEXICO  # nothing else opened
        assert any("cannot be read" in note for note in notes)


async def test_a_document_not_read_is_said_once_not_at_each_change(annotated: Annotated) -> None:
    """A document that is not read (its file outside the corpus opened: the database's
    documents in another folder) was said again each time the passages were placed anew:
    after a rename, its undo and its redo, the same warnings stacked three times.  Each is
    said once while the codebook is open."""
    other = annotated.corpus.parent / "elsewhere"
    shutil.copytree(annotated.corpus, other)
    app = ReaderApp(other, annotated.db, measure=80)
    titles: list[str] = []  # of every notification, shown or timed out since
    notify = app.notify

    def noted(message: str, *, title: str = "", **options: Any) -> None:
        titles.append(title)
        notify(message, title=title, **options)

    app.notify = noted  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_codebook(pilot)

        def said() -> int:
            return titles.count("Document not read")

        # one line for the two documents coded, as the query view says it
        await wait_until(pilot, lambda: said() == 1)
        names = ["militarization", "armed forces"]
        for _ in range(3):  # a rename, and back, and again
            before = screen.workspace.store.revision
            screen.workspace.store.rename_tag(*names)
            names.reverse()
            await wait_until(pilot, lambda before=before: screen._revision > before)
            await wait_until(pilot, lambda: not screen.placing)
            await pilot.pause()
        assert said() == 1


async def _last_passage_opened(pilot: Pilot[int], screen: CodebookScreen) -> MainScreen:
    """The selected code's last passage (the US file's) chosen and opened: the main screen
    shown for it."""
    app = pilot.app
    await pilot.press("enter", "G")
    assert screen.current_passage is not None and screen.current_passage.key == US
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
    main = app.screen
    assert isinstance(main, MainScreen)
    return main


def _us_renamed_and_edited(annotated: Annotated) -> Annotation:
    """The US file renamed and its coded passage edited away: its annotation, an orphan."""
    old = annotated.corpus / US.removeprefix("docs_corpus/")
    renamed = old.with_name("us-renamed.txt")
    renamed.write_text(old.read_text().replace("bolster militarism", "strengthen armies"))
    old.unlink()
    with AnnotationStore(annotated.db) as store:
        [lost] = [a for a in store.annotations() if a.document == US]
    return lost


async def _carried_to_mexico(pilot: Pilot[int], lost: Annotation) -> MainScreen:
    """The orphan chosen in the codebook, back on the text (Mexico's) with a sentence
    selected and the cursor of the annotations panel on the orphan carried there."""
    screen = await open_codebook(pilot)
    await select(pilot, screen, "militarization")
    main = await _last_passage_opened(pilot, screen)
    assert [a.id for a in main.pane.carried] == [lost.id]
    reader = main.pane.reader
    await wait_until(pilot, lambda: reader.document is not None)
    assert reader.document is not None and main.pane.key == MEXICO
    reader.focus()
    reader.move_caret(reader.document.text.index("remilitarize the region"), select=False)
    await pilot.press("s", "A", "G")
    return main


async def test_an_orphan_of_a_renamed_and_edited_file_is_placed_in_another_document(
    annotated: Annotated,
) -> None:
    """A file renamed and its passage edited away: its annotation was an orphan for good,
    enter in the codebook saying only that the file cannot be read.  Now it is carried to
    the document shown, listed last in its annotations panel, and r re-attaches it to the
    passage selected there: same id, codes and coder, in the other document; u undoes."""
    lost = _us_renamed_and_edited(annotated)
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        main = await _carried_to_mexico(pilot, lost)
        await r_places_it_in_mexico_and_u_takes_it_back(pilot, app, main.pane, annotated.db, lost)
    with AnnotationStore(annotated.db) as store:
        back = store.get(lost.id)
    assert back is not None and back.document == US


async def test_an_orphan_carried_then_changed_elsewhere_is_placed_as_changed(
    annotated: Annotated,
) -> None:
    """The carried orphan's note edited by another tui-reader: r is refused, the newer
    version taking the carried one's place (it stayed stale: every r refused), and r again
    places it, the newer note kept."""
    lost = _us_renamed_and_edited(annotated)
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        main = await _carried_to_mexico(pilot, lost)
        with AnnotationStore(annotated.db) as other:
            other.update(lost.evolve(note="changed elsewhere"))
        await pilot.press("r")
        await wait_until(pilot, lambda: main.pane.carried[0].note == "changed elsewhere")
        await pilot.press("r")
        await wait_until(pilot, lambda: not main.pane.carried)
    with AnnotationStore(annotated.db) as store:
        moved = store.get(lost.id)
    assert moved is not None and (moved.document, moved.note) == (MEXICO, "changed elsewhere")


async def test_an_orphan_carried_to_another_document_and_deleted_there_is_gone(
    annotated: Annotated,
) -> None:
    """x on the orphan carried to the panel deleted it, but it stayed listed (a second x
    said there was no such annotation): it leaves the list as it leaves the database."""
    lost = _us_renamed_and_edited(annotated)
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        main = await _carried_to_mexico(pilot, lost)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: not main.pane.carried)
    with AnnotationStore(annotated.db) as store:
        assert store.get(lost.id) is None


async def test_empty_codebook_and_palette_entries(corpus_copy: Path, tmp_path: Path) -> None:
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json", measure=80)
    async with app.run_test(size=WIDE) as pilot:
        main = await ready(pilot)
        names = [name for name, _, _ in ReaderCommands(main)._commands()]
        assert "Codebook: browse tags and their passages" in names
        assert "Search the whole corpus" in names
        screen = await open_codebook(pilot)
        assert "The codebook is empty" in str(screen.query_one("#codebook-heading").render())
        said: set[str] = set()
        for key in "rmdc":  # nothing to act on: a warning, no dialog
            await pilot.press(key)
            assert app.screen is screen
            # said again at each key, in one toast (the one before it withdrawn)
            shown = [n for n in app._notifications if "No tag selected" in n.message]
            assert len(shown) == 1, key
            said.add(shown[0].identity)
        assert len(said) == 4


async def test_changes_are_counted_off_the_ui_thread_and_its_own_are_not_placed_again(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codebook and the store's changes, one case after another on one app.

    A change by another process (``tui-reader annotate`` meanwhile) shows, the app's timer
    polling the store.

    The tree's counts read every annotation: at 100,000 annotations that held the screen
    1.5 s (6 s on a busy machine) before the tree showed, and again after each rename.  The
    tree shows the codebook at once, ``…`` for its counts; a worker brings them, on opening,
    after an edit and when another process changes the store.

    After a rename, a command run in another terminal (which folds the journal as it closes)
    made the app read the whole database again and the codebook place every passage again,
    its counts blanked meanwhile (seconds with 100,000 annotations; keys walking the tree
    lost their place).  A change another process makes is still placed."""
    import threading

    asked: list[str] = []
    real = AnnotationStore.annotations

    def annotations(self: AnnotationStore, document: str | None = None) -> object:
        if document is None:
            asked.append(threading.current_thread().name)
        return real(self, document)

    monkeypatch.setattr(AnnotationStore, "annotations", annotations)
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        asked.clear()  # the reader's own start is not this test's
        screen = await open_codebook(pilot)
        label = str(screen.tag_tree.cursor_node.label if screen.tag_tree.cursor_node else "")
        assert re.search(r"\d", label) and "…" not in label, label  # the counts came

        case = "a change by another process shows"
        with AnnotationStore(annotated.db) as other:  # e.g. `tui-reader annotate` meanwhile
            other.rename_tag("migration", "displacement")
        await wait_until(pilot, lambda: "displacement" in tree_paths(screen), tries=400)
        await wait_until(pilot, lambda: not screen.placing and not screen.counting)
        await select(pilot, screen, "displacement/deportation")
        assert len(screen.passage_list.options) == 1, case

        case = "its own rename is not placed again when the poll sees it"
        await select(pilot, screen, "militarization")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        app.screen.query_one(Input).value = "armed forces"
        await pilot.press("enter")
        await back_on(pilot, screen)
        assert len(screen.passage_list.options) == 3, case
        placed = screen._load
        placings: list[None] = []

        def place() -> None:
            placings.append(None)
            placed()

        screen._load = place  # type: ignore[method-assign]
        with AnnotationStore(annotated.db) as other:  # `tui-reader tags` in another terminal
            assert "armed forces" in [t.name for t in other.tags()], case
        app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
        await pilot.pause()
        await pilot.pause()
        assert not placings and not screen.placing and not screen.counting, case
        assert "armed forces/patrols" in tree_paths(screen), case

        case = "another process's change is placed"
        with AnnotationStore(annotated.db) as other:
            other.rename_tag("displacement", "exile")
        app.store_poll.poll()
        await wait_until(pilot, lambda: "exile" in tree_paths(screen))
        assert placings == [None], case
        await wait_until(pilot, lambda: not screen.placing and not screen.counting)
    main = threading.main_thread().name
    assert asked and main not in asked, asked


async def test_the_cursor_in_a_code_s_passages_stays_on_its_passage_at_a_change(
    annotated: Annotated,
) -> None:
    """A researcher on the second of a code's passages, coding going on in another terminal,
    found the cursor on the first passage once the codebook placed the passages again: the
    list was emptied while they were placed, and the passage under the cursor forgotten (the
    same went for ``T`` after opening a passage, when the app's own save of the reading
    place came after the codebook had placed them)."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await pilot.press("enter")
        passages = screen.passage_list
        await wait_until(pilot, lambda: passages.has_focus and len(passages.passages) >= 2)
        await pilot.press("j")
        await wait_until(pilot, lambda: passages.highlighted == 1)
        second = passages.passages[1].annotation.id
        other = Workspace(annotated.corpus, annotated.db)  # `tui-reader annotate` meanwhile
        try:
            document = other.document(US)
            start = document.text.index("bolster")
            tags = ("protest",)
            other.store.add(make_annotation(US, document.text, start, start + 7, "", tags))
        finally:
            other.store.close()
        app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
        await wait_until(pilot, lambda: "protest" in tree_paths(screen))  # placed again
        await wait_until(pilot, lambda: not screen.placing and not screen.counting)
        await pilot.pause()
        assert passages.highlighted is not None and passages.has_focus
        assert passages.passages[passages.highlighted].annotation.id == second


async def test_keys_typed_fast_go_between_the_tags_and_the_passages_as_typed(
    annotated: Annotated,
) -> None:
    """esc, esc typed fast in a code's passages (a double tap) went back to the tags and
    left the codebook open, and enter, j typed fast on a code moved the tree's cursor to the
    next code instead of the passages' to the second passage: the focus moved to the other
    list only after the keys behind it had been sent, to the list it left."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        passages = screen.passage_list
        await burst(pilot, ["enter", "j"])
        await wait_until(pilot, lambda: passages.has_focus)
        assert screen.selected == "militarization" and passages.highlighted == 1
        await burst(pilot, ["escape", "escape"])
        await wait_until(pilot, lambda: not isinstance(app.screen, CodebookScreen))
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await burst(pilot, ["enter", "escape", "j"])  # back to the tags: j moves among them
        await wait_until(pilot, lambda: screen.tag_tree.has_focus)
        assert screen.selected != "militarization" and isinstance(app.screen, CodebookScreen)


async def test_a_code_of_many_passages_lists_them_a_batch_at_a_time(
    annotated: Annotated,
) -> None:
    """A code with 4,000 passages held the screen for seconds at every move in the tree: the
    list measured every passage before drawing.  Now the passages near the screen are made,
    the next ones as the cursor comes near them, all of them for ``G``."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        document = workspace.document(MEXICO)
        words = [m for m in re.finditer(r"\w{4,}", document.text)][:260]
        workspace.store.put_many(
            make_annotation(
                MEXICO, document.text, m.start(), m.end(), document.sha256, ("many",), ""
            )
            for m in words
        )
    finally:
        workspace.store.close()
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "many")
        await pilot.pause()
        listed = screen.passage_list
        assert len(listed.passages) == 260
        assert BATCH <= listed.made < 260 and listed.option_count == listed.made
        screen.passage_list.focus()
        await burst(pilot, ["j"] * BATCH)  # j held down: its keys come faster than drawn
        await wait_until(pilot, lambda: listed.highlighted == BATCH)
        assert listed.made == min(260, 2 * BATCH) or listed.made == 260
        assert listed.current is listed.passages[BATCH]
        await pilot.press("G")
        await pilot.pause()
        assert listed.made == listed.option_count == 260
        assert listed.current is listed.passages[-1]
        assert listed.current.annotation.quote == words[-1].group()


async def test_the_tree_shows_before_its_counts(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the counts are read the tree shows the codebook with ``…`` for each count, and
    the screen answers keys; the counts replace them."""
    import threading

    release = threading.Event()
    real = CodebookScreen._counts

    def held(self: CodebookScreen, *args: object) -> object:
        held_until(release)
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(CodebookScreen, "_counts", held)
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: screen.tag_tree.cursor_node is not None)
        label = str(screen.tag_tree.cursor_node.label if screen.tag_tree.cursor_node else "")
        assert "…" in label and screen.counting
        await pilot.press("j")  # keys are answered while counting
        assert screen.tag_tree.cursor_line == 1
        release.set()
        await wait_until(pilot, lambda: not screen.counting and not screen.placing)
        label = str(screen.tag_tree.cursor_node.label if screen.tag_tree.cursor_node else "")
        assert "…" not in label and re.search(r"\d", label)


async def test_a_narrow_or_short_codebook_shows_its_tags_and_passages_whole(
    annotated: Annotated,
) -> None:
    """The codebook at narrow and short sizes, one app resized from one to the next.

    At 40 columns the tag tree kept 28 and the passages had 12, a word a line; the tags
    now go above their passages, each the whole width, and beside them again once wide.

    A passage's title was cut for a list a column wider than the one drawn (and never
    narrower than 20 columns): once the list's scrollbar showed, the heading wrapped its line
    number onto a line of its own, out of sight at 40x12 (and at 30x12).

    At 40x12 the passage list kept its frame: the one line inside it held the passage's
    heading, and the passage's own words were never on screen."""
    app = make(annotated)
    async with app.run_test(size=(40, 24)) as pilot:
        screen = await open_codebook(pilot)
        await pilot.pause()
        tree, passages = screen.tag_tree, screen.passage_list
        assert passages.size.width >= 36 and tree.size.width >= 36
        assert passages.region.y > tree.region.y
        for size in ((40, 12), (30, 12)):
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda w=size[0]: passages.region.right <= w)
            await wait_until(pilot, lambda: bool(passages.passages))
            await pilot.pause()
            heading = next((line for line in list_lines(screen) if "…" in line), None)
            assert heading is not None, (size, list_lines(screen))
            assert re.search(r"line \d+", heading), (size, list_lines(screen))
        await pilot.resize_terminal(40, 12)
        await wait_until(pilot, lambda: passages.region.right > 30)
        await select(pilot, screen, "militarization")
        await wait_until(pilot, lambda: bool(passages.passages))
        await pilot.pause()
        lines = list_lines(screen)
        assert any("line " in line for line in lines), ("40x12, militarization", lines)
        assert any("remilitarize" in line for line in lines), ("40x12, militarization", lines)
        await pilot.resize_terminal(120, 30)
        await wait_until(pilot, lambda: passages.region.x > tree.region.right - 1)


async def test_a_long_code_name_is_cut_so_that_its_count_shows(annotated: Annotated) -> None:
    """A code named in a sentence ran past the tree's edge, its count with it, at any width:
    the name is cut with "…" before its count."""
    long = "militarization/" + "the deployment of the armed forces in the south " * 3
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        workspace.store.rename_tag("militarization/patrols", long.strip())
    finally:
        workspace.store.close()
    app = make(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_codebook(pilot)
        tree = screen.tag_tree
        await pilot.pause()
        lines = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        row = next(line for line in lines if "the deploy" in line)
        assert "…" in row and row.endswith("south  1"), lines  # its start and its end
        assert any("militarization  3 (2 own)" in line for line in lines), lines  # as it was


@pytest.mark.parametrize("width", [40, 80])
async def test_a_long_code_name_is_cut_at_the_tree_s_edge_not_a_guide_before_it(
    annotated: Annotated, width: int
) -> None:
    """A long code's name was cut with "…" three cells before the tree's edge, at every
    depth: the room a label was given took off one guide more than the line draws.  A name
    cut to fit now fills its line to the edge, at the top of the tree and below it."""
    sentence = "the deployment of the armed forces in the south " * 3
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        workspace.store.rename_tag("militarization/patrols", "militarization/" + sentence.strip())
        workspace.store.rename_tag("policy/border", "on " + sentence.strip())
    finally:
        workspace.store.close()
    app = make(annotated)
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await open_codebook(pilot)
        tree = screen.tag_tree
        await pilot.pause()
        lines = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        cut = [line for line in lines if "the deploy" in line]
        assert len(cut) == 2 and all("…" in line for line in cut), lines
        edge = tree.scrollable_content_region.width
        assert [len(line) for line in cut] == [edge, edge], (edge, lines)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20), (40, 12)])
async def test_a_code_s_counts_show_under_a_long_description(
    annotated: Annotated, size: tuple[int, int]
) -> None:
    """A code described in a sentence or two, as codebooks describe their codes, filled the
    heading above its passages with its name and description: at 80x24 the line under them,
    how many passages in how many documents and how many orphaned, was cut off, never seen.
    The counts now show under a description of any length, at every size."""
    (annotated.corpus / US.removeprefix("docs_corpus/")).unlink()  # an orphan to count
    description = (
        "Passages describing the deployment of armed forces, military training, bases, or "
        "security cooperation agreements between states in the region, including both "
        "explicit and implicit references to them"
    )
    with AnnotationStore(annotated.db) as store:
        store.set_tag(Tag("militarization", "", description))
    app = make(annotated)
    async with app.run_test(size=size) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await wait_until(pilot, lambda: bool(screen.passage_list.passages))
        await pilot.pause()
        x = screen.query_one("#codebook-right").region.x
        lines = terminal_lines(app)
        text = re.sub(r"\s+", " ", " ".join(line[x:] for line in lines))
        assert "militarization — Passages" in text, lines
        assert "3 passages in 2 documents" in text, lines
        if size[1] >= 20:  # a short terminal: one line, cut at its end
            assert "1 orphaned" in text, lines


async def test_a_deep_code_s_name_keeps_its_start_and_its_end_in_a_narrow_tree(
    annotated: Annotated,
) -> None:
    """A code four levels down at 40 columns was cut at its end, mid-word
    ("municipal_governm…  1"): it keeps its start and its end, "…" between, as the reports
    cut a code, and its count."""
    deep = (
        "militarization/governance/regional_authorities/municipal_government_of_the_state/patrols"
    )
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        workspace.store.rename_tag("militarization/patrols", deep)
    finally:
        workspace.store.close()
    app = make(annotated)
    async with app.run_test(size=(40, 24)) as pilot:
        screen = await open_codebook(pilot)
        tree = screen.tag_tree
        await pilot.pause()
        lines = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        row = next(line for line in lines if "municipal" in line)
        assert re.search(r"municipal_\w*…\w*state  1$", row), lines
        # fits: whole (its number key after it, the key that applies it in the text)
        assert any(re.search(r"patrols  1(  key \d)?$", line) for line in lines), lines


@pytest.mark.parametrize("width", [60, 80])
async def test_what_follows_a_code_s_count_is_shown_whole_or_not_at_all(
    annotated: Annotated, width: int
) -> None:
    """At 60x20 the tree's row of a parent code read "militarization  3 (2 o", and a code's
    with a memo "militarization  7 ✎  key": what follows the count, how many passages
    are the code's own and the number key that applies it in the text, was cut at the
    tree's edge mid-word, a key without its number.  Each now shows whole ("(2 own)",
    "key 3"), or, where it does not fit, not at all."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.CODE, "militarization/patrols", "Night patrols."))
    app = make(annotated)
    async with app.run_test(size=(width, 20)) as pilot:
        screen = await open_codebook(pilot)
        tree = screen.tag_tree
        await pilot.pause()
        lines = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        for line in lines:
            assert not re.search(r"\(\d*(?: o?w?n?)?$", line), (width, lines)
            assert not re.search(r"  (?:k|ke|key)$", line), (width, lines)
        if width >= 80:
            assert any(line.endswith("(2 own)") for line in lines), (width, lines)
            assert any(re.search(r"patrols  1 ✎  key \d$", line) for line in lines), lines


async def test_the_name_dialogs_ask_for_a_name_file_it_under_its_parent_and_show_enter_s(
    annotated: Annotated,
) -> None:
    """The dialogs naming a code, one case after another on one app.

    Enter on the merge dialog's empty field said "no tag named '' in the codebook", and on
    the rename dialog's emptied field "bad tag name ''": each asks for the name.

    Renaming policy/border to MIGRATION/border, with migration in the codebook, made a second
    top-level code MIGRATION beside migration (two codes a query takes as one).

    "milit" and right arrow filled in "militarization" and showed "/patrols" greyed after
    it, while enter merged into militarization: what the field shows is what enter takes."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        case = "an empty name to merge into is asked for"
        screen = await open_codebook(pilot)
        await select(pilot, screen, "policy/border")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Not saved" in dialog_line(app))
        said = dialog_line(app)
        assert isinstance(app.screen, TagNameDialog), case  # stays open for the name
        assert "no tag named" not in said, (case, said)
        assert "type the code to merge policy/border into" in said, (case, said)
        assert "policy/border" in stored(annotated.db)[0], case

        case = "an empty name to rename to is asked for, not a bad tag name ''"
        await pilot.press("escape")
        await back_on(pilot, screen)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Not saved" in dialog_line(app))
        line = dialog_line(app)
        assert "type the new name for policy/border" in line, (case, line)
        assert "bad tag name" not in line, (case, line)
        assert isinstance(app.screen, TagNameDialog), case

        case = "a code renamed below a code typed in another case goes under it"
        await pasted(pilot, "MIGRATION/border")
        await pilot.press("enter")
        await back_on(pilot, screen)
        names, tags = stored(annotated.db)
        assert tags["remilitarize the region"] == ("militarization", "migration/border"), case
        assert not any(name.startswith("MIGRATION") for name in names), (case, names)
        assert screen.selected == "migration/border", case

        case = "the merge field shows the code enter merges into"
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        field = app.screen.query_one(Input)
        await pilot.press(*"milit")  # typed: the completion follows each key
        await wait_until(pilot, lambda: field._suggestion == "militarization")
        await pilot.press("right")
        await wait_until(pilot, lambda: field.value == "militarization")
        await pilot.press("/")  # the longer name is offered once its level is begun
        await wait_until(pilot, lambda: field._suggestion == "militarization/patrols")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: field._suggestion != "militarization/patrols")
        await pilot.pause()
        assert field._suggestion == "", case
        await pilot.press("enter")
        await back_on(pilot, screen)
        _names, tags = stored(annotated.db)
        assert tags["remilitarize the region"] == ("militarization",), case


async def test_deleting_a_tag_says_its_memo_goes_with_it(annotated: Annotated) -> None:
    """Deleting a tag left its memo behind, listed as the memo of a code the codebook no
    longer has, and the question said nothing of it: it says the memo goes, and it goes."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.CODE, "militarization", "what it means"))
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "Its memo goes with it." in str(confirm.question)
        await pilot.press("y")
        await back_on(pilot, screen)
        await wait_until(pilot, lambda: "militarization" not in tree_paths(screen))
    with AnnotationStore(annotated.db) as store:
        assert store.memos(MemoKind.CODE) == []


async def test_a_tag_deleted_leaves_the_cursor_on_the_nearest_tag(annotated: Annotated) -> None:
    """A tag deleted put the cursor back on the first tag of the codebook, however far
    down it was: a researcher going through the codes, deleting those not wanted, walked
    back down after each one.  The cursor goes to the tag after the one deleted (and its
    children), or to the one above when none is after it."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        assert tree_paths(screen) == [
            "migration", "migration/deportation", "militarization", "militarization/patrols",
            "policy", "policy/border",
        ]  # fmt: skip

        async def deleted(tag: str) -> None:
            await select(pilot, screen, tag)
            await pilot.press("d")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("y")
            await back_on(pilot, screen)
            await wait_until(pilot, lambda: tag not in tree_paths(screen))

        await deleted("militarization")  # and its child
        assert screen.selected == "policy"
        await deleted("policy/border")  # policy goes with it: nothing after
        assert tree_paths(screen) == ["migration", "migration/deportation"]
        assert screen.selected == "migration/deportation"


MANY = 12


async def test_the_passages_rows_fit_their_width_after_the_query_view_was_open(
    annotated: Annotated,
) -> None:
    """The query view's list of passages and the codebook's were two classes of one name, and
    the query view's style (its rows' padding) went to the codebook's too once the query view
    had been opened: the codebook's rows, cut for the width they had before, wrapped each
    heading's coder ("by" on one line, "ana" alone on the next) or its line number."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        text, sha = workspace.document(US).text, workspace.document(US).sha256
        starts = [m.start() for m in re.finditer(r"\bthe\b", text)][:MANY]
        for start in starts:  # enough to give the list its scrollbar; each row says whose
            passage = make_annotation(US, text, start, start + 20, sha, ("militarization",))
            workspace.store.add(passage.evolve(coder="ana"))
    finally:
        workspace.store.close()
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        await query_view_opened(pilot)
        await pilot.press("escape")
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await wait_until(pilot, lambda: len(screen.passage_list.passages) == 3 + MANY)
        await pilot.pause()
        assert screen.passage_list.show_vertical_scrollbar
        lines = list_lines(screen)
        headings = [line for line in lines if re.search(r"line \d+", line)]
        assert len(headings) >= 3, lines
        assert all(re.search(r"line \d+ (?: ✎ )? by \w+$", line) for line in headings), lines


async def test_a_passage_of_the_open_document_whose_file_is_gone(annotated: Annotated) -> None:
    """The open document's file deleted, its text kept on show: a passage of it chosen in the
    codebook said the document could not be read and left the caret where it was; it is shown
    in the text on show, with one line saying the file is gone."""
    path = annotated.corpus / US.removeprefix("docs_corpus/")
    app = ReaderApp(annotated.corpus, annotated.db, path, measure=80)
    said = notices_said(app)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert main.pane.key == US
        path.unlink()
        main.column.reopen_if_changed()  # what its timer does
        # its row marked, or dropped by a listing again (the library's timer, which may come first)
        await wait_until(
            pilot, lambda: (entry := main.library.entry(US)) is None or entry.error is not None
        )
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        await pilot.press("enter", "G")
        assert screen.current_passage is not None and screen.current_passage.key == US
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is main)
        await pilot.pause()
        document = main.reader.document
        assert main.pane.key == US and document is not None
        start = document.text.index("bolster militarism in the region")
        assert main.reader.caret == start
        assert not any("cannot be read" in m for m in said)
        assert sum("the file is gone" in m and "kept on show" in m for m in said) == 1


async def test_the_footer_at_110_columns_has_every_codebook_key_and_help(
    annotated: Annotated,
) -> None:
    """Kept first, ``? Help`` left no room for ``c Colour & description`` at 110 columns:
    the one key to a code's colour was in no footer."""
    from tui_reader.ui import keymap

    app = make(annotated)
    async with app.run_test(size=(110, 30)) as pilot:
        await ready(pilot)
        await open_codebook(pilot)
        await pilot.pause(0.1)
        strips = app.screen._compositor.render_strips()
        footer = "".join(segment.text for segment in strips[-1])
        wanted = [
            f"{keymap.key_label(key.keys[0])} {key.footer_words or key.description}"
            for key in keymap.keys("codebook")
            # esc's other two, clearing the filter and back to the tags, are offered in the
            # filter and the passages (test_codebook_footer)
            if key.footer and key.id not in {"codebook.clear_filter", "codebook.back"}
        ]
        for words in [*wanted, "? Help"]:
            assert words.replace("escape", "esc") in footer, (words, footer)


async def test_a_code_s_memo_is_marked_in_its_row_and_read_beside_its_passages(
    annotated: Annotated,
) -> None:
    """A code's memo showed nowhere but in its editor: which codes had one could not be seen,
    nor one read without opening it.  A code with a memo is marked ✎ in its row, and its
    memo's words show above its passages; writing one marks its code at once."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.CODE, "militarization", "Troops sent where none were."))
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        rows = {str(node.data): str(node.label) for node in screen.tag_tree.root.children}
        marked = [tag for tag, row in rows.items() if "✎" in row]
        assert marked == ["militarization"], rows
        await select(pilot, screen, "militarization")
        assert "Troops sent where none were." in "\n".join(terminal_lines(app))
        other = next(tag for tag in rows if tag != "militarization")
        await select(pilot, screen, other)
        assert "Troops sent" not in "\n".join(terminal_lines(app))
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await pasted(pilot, "Said of places, never of people.")
        await pilot.press("ctrl+s")
        await back_on(pilot, screen)
        await wait_until(
            pilot,
            lambda: (
                "✎" in str(next(n.label for n in screen.tag_tree.root.children if n.data == other))
            ),
        )
        assert "Said of places, never of people." in "\n".join(terminal_lines(app))


async def test_a_long_code_memo_is_shown_by_its_beginning(annotated: Annotated) -> None:
    """A code's memo of a megabyte was wrapped whole above the passages at each move onto
    its code (a third of a second a key): its beginning is shown, what six lines hold."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.codebook import MEMO_SHOWN

    text = "The first words of a long memo. " + "More of it. " * 90_000
    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.CODE, "militarization", text))
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        assert "The first words of a long memo." in "\n".join(terminal_lines(app))
        shown_memo = str(screen.memo.render())
        assert len(shown_memo) <= MEMO_SHOWN + 3 and shown_memo.endswith("…")


async def test_passages_that_could_not_be_placed_are_said_and_placed_again_at_a_change(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passages could not be placed (the database unreadable as they were read): a
    notification said so, but the codebook went on saying "placing the passages in their
    documents…" under each tag for ever, and, taking itself for placing still, did not place
    them again when the store changed.  It now says they could not be, and why, and places
    them again at the next change."""
    from tui_reader.core.errors import StoreError
    from tui_reader.ui.screens import codebook

    real = codebook.passages_of_scope
    failing = [True]

    def load(*args: Any, **kwargs: Any) -> Any:
        if failing[0]:
            raise StoreError("db.json: damaged JSON; the file was left as it is")
        return real(*args, **kwargs)

    monkeypatch.setattr(codebook, "passages_of_scope", load)
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing)
        await pilot.pause()
        counts = str(screen.counts.render())
        assert "not placed: db.json: damaged JSON" in counts, counts
        assert "placing" not in counts
        failing[0] = False
        before = screen.workspace.store.revision
        screen.workspace.store.rename_tag("militarization", "armed forces")
        await wait_until(pilot, lambda: screen._revision > before and not screen.placing)
        await pilot.pause()
        assert "not placed" not in str(screen.counts.render())


async def test_counts_that_could_not_be_read_leave_the_tree_waiting_no_more(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codebook's counts could not be read (the database unreadable at that moment): a
    notification said so, but the tree counted as reading its counts for ever, and a tag the
    counts were to bring said "reading the counts…".  It now stops waiting for them."""
    from tui_reader.core.errors import StoreError

    visible = CodebookScreen._visible
    calls = [0]

    def first_fails(self: CodebookScreen) -> list[Annotation]:
        calls[0] += 1
        if calls[0] == 1:
            raise StoreError("db.json: damaged JSON; the file was left as it is")
        return visible(self)

    monkeypatch.setattr(CodebookScreen, "_visible", first_fails)
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing and not screen.counting)
        assert calls[0] >= 1


async def test_a_folded_code_stays_folded_as_the_tree_is_shown_again(
    annotated: Annotated,
) -> None:
    """A code folded with space, in a codebook of 2,000 codes the way to walk it, unfolded
    again at every change shown (its counts read, a rename of another code, a memo, the
    filter cleared): the tree was made afresh with every code unfolded.  The folds are kept;
    a filtered tree shows every code it finds unfolded, and the code selected is shown."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        tree = screen.tag_tree

        def lines() -> list[str]:
            nodes = (tree.get_node_at_line(y) for y in range(tree.last_line + 1))
            return [n.data for n in nodes if n is not None and n.data is not None]

        await select(pilot, screen, "militarization")
        await pilot.press("space")
        await wait_until(pilot, lambda: "militarization/patrols" not in lines())
        folded = ["migration", "migration/deportation", "militarization", "policy", "policy/border"]
        case = "the filter typed and cleared"
        await pilot.press("slash", *"ation")  # migration and militarization, unfolded
        await wait_until(pilot, lambda: "militarization/patrols" in lines())
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen._filter)
        assert lines() == folded, case
        case = "the code the filter selected is shown"
        await pilot.press("slash", *"patr", "escape")
        await wait_until(pilot, lambda: not screen._filter)
        assert "militarization/patrols" in lines() and screen.selected == "militarization/patrols"
        await select(pilot, screen, "militarization")
        await pilot.press("space")
        await wait_until(pilot, lambda: lines() == folded)
        case = "another code renamed"
        await select(pilot, screen, "policy/border")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        app.screen.query_one(Input).value = ""
        await pilot.press(*"policy/walls", "enter")
        await back_on(pilot, screen)
        assert lines() == [*folded[:-1], "policy/walls"], case


async def test_letters_typed_fast_in_the_filter_show_the_tree_once(annotated: Annotated) -> None:
    """Letters typed fast in the filter reach the field before the screen takes the
    messages it sends for each: the tree (2,000 codes, a sixth of a second each time) was
    shown for each letter in turn, the screen still until the last one's.  It is shown once,
    for the field as it is when the first message is taken."""
    app = make(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        await pilot.press("slash")
        shown: list[str] = []
        show = screen.tag_tree.show

        def counted(*args: Any, **kwargs: Any) -> str | None:
            shown.append(screen._filter)
            return show(*args, **kwargs)

        screen.tag_tree.show = counted  # type: ignore[method-assign]
        field = screen.query_one("#codebook-filter", Input)
        for typed in ("p", "pa", "pat", "patr"):  # a burst: each letter in before the first
            field.value = typed  # message is taken
        await wait_until(pilot, lambda: tree_paths(screen) == [
            "militarization", "militarization/patrols"])  # fmt: skip
        await pilot.pause()
        assert shown == ["patr"]
        await pilot.press("escape")  # cleared: every code again
        await wait_until(pilot, lambda: len(tree_paths(screen)) == 6)
        assert shown == ["patr", ""]


async def test_enter_on_the_passages_before_they_are_placed_opens_the_first_once_placed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``T``, ``tab`` to the passages and ``enter`` while they were still being placed (a
    big corpus, or the three keys typed at once): the passages showed once placed, the focus
    on them, and nothing opened; the enter was lost.  It now opens the first passage once
    they are placed, as ``enter`` twice on the tag did already."""
    from helpers.counting import held_calls

    from tui_reader.ui.screens import codebook as codebook_module

    release = held_calls(monkeypatch, codebook_module, "passages_of_scope", 60)
    app = make(annotated)
    async with app.run_test(size=WIDE) as pilot:
        main = await ready(pilot)
        screen = await screen_opened_by(pilot, "T", CodebookScreen, from_reader=True)
        await wait_until(pilot, lambda: screen.tag_tree.cursor_node is not None)
        assert screen.placing
        tag = screen.selected
        assert tag is not None
        await pilot.press("tab")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await pilot.press("enter")
        assert screen.placing and app.screen is screen
        starts = {
            a.start
            for a in AnnotationStore(annotated.db).annotations()
            if any(t == tag or t.startswith(f"{tag}/") for t in a.tags)
        }
        release.set()
        await wait_until(pilot, lambda: app.screen is main)
        # the caret on one of the tag's passages (its document opened there)
        await wait_until(pilot, lambda: not main.pane.previewing and main.reader.caret in starts)
