"""The details' attribute list (``tab`` from the field): ``e`` edits the selected attribute's
value, ``x`` deletes it (asks first), ``a`` adds one; ``M`` writes the document's memo, whose
text the details show."""

from __future__ import annotations

from helpers.analysis import analysis_app
from helpers.app import AppFactory, burst, pasted, ready, wait_until
from helpers.passages import MEXICO, Annotated
from textual.widgets import Input, TextArea

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.widgets.attribute_rows import AttributeRows

from .test_document_details import open_details, shown_text, status


async def test_edit_delete_and_add_attributes_and_the_memo_from_the_details(
    annotated: Annotated,
) -> None:
    """The details' field and list, one case after another on one app.

    ``e`` edits the selected attribute's value, ``x`` deletes it (asks first), ``a`` adds
    one; a value cleared in the field removes the attribute; ``M`` writes the document's
    memo, whose text the details show.

    Attributes typed in the details' field and esc (or ctrl+q): they were gone without a
    word, where a note or a memo asks; they ask now, and stay when the answer is no."""
    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.DOCUMENT, MEXICO, "# Why\n\nThe *plan* names " + "x " * 80))
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        case = "esc or quitting over attributes typed asks first"
        main = await ready(pilot)
        screen = await open_details(pilot, app, from_reader=True)
        field = screen.query_one("#details-edit", Input)
        await pasted(pilot, "wave=2 site=Jornada")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert field.value == "wave=2 site=Jornada", case
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not app._exit and field.value == "wave=2 site=Jornada", case
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")  # dropped
        await wait_until(pilot, lambda: app.screen is main)
        assert "wave" not in main.workspace.store.attributes().get(MEXICO, {}), case
        screen = await open_details(pilot, app, from_reader=True)
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_until(pilot, lambda: app.screen is main)

        case = "the memo is shown and written from the details"
        screen = await open_details(pilot, app, from_reader=True)
        text = shown_text(screen)
        assert "Memo" in text and "# Why" in text and "The *plan* names" in text, case
        assert max(len(line) for line in text.splitlines()) <= screen.size.width, case  # wrapped
        await pilot.press("tab", "M")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        editor = app.screen.query_one(TextArea)
        editor.text = "Rewritten."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        await pilot.pause()
        memo = main.workspace.store.memo(MemoKind.DOCUMENT, MEXICO)
        assert memo is not None and memo.text == "Rewritten.\n", case
        assert "Rewritten." in shown_text(screen) and "# Why" not in shown_text(screen), case
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_until(pilot, lambda: app.screen is main)

        case = "edit, delete and add attributes from the list"
        screen = await open_details(pilot, app, from_reader=True)
        rows = screen.query_one(AttributeRows)
        field = screen.query_one("#details-edit", Input)
        await pilot.press("tab")
        assert rows.has_focus and rows.selected is not None, case
        assert (rows.selected.name, rows.selected.own) == ("country", True), case
        await pilot.press("e")  # the field holds the attribute as typed: change its value
        assert field.has_focus and field.value == "country=Mexico", case
        await pilot.press(*["backspace"] * 6, *"Chile", "enter")
        await pilot.pause()
        assert main.workspace.store.attributes()[MEXICO] == {"country": "Chile"}, case
        assert rows.has_focus, case  # back to the list
        await pilot.press("a")
        assert field.has_focus and field.value == "", case
        await pasted(pilot, 'site="La Jornada"')
        await pilot.press("enter")
        await pilot.pause()
        assert main.workspace.store.attributes()[MEXICO]["site"] == "La Jornada", case
        assert rows.has_focus, case  # back to the list, the cursor on the attribute just added
        assert rows.selected is not None and rows.selected.name == "site", case
        await pilot.press("e")
        assert field.value == "site='La Jornada'", case  # quoted: it reads back as it was
        await pilot.press("escape")  # the edit dropped: back to the list, nothing changed
        assert rows.has_focus and field.value == "", case
        assert main.workspace.store.attributes()[MEXICO]["site"] == "La Jornada", case
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # kept
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        assert "site" in main.workspace.store.attributes()[MEXICO], case
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        assert main.workspace.store.attributes()[MEXICO] == {"country": "Chile"}, case
        assert "Removed site." in status(screen), case
        await pilot.press("G")  # the last row: an attribute the file gives
        assert rows.selected is not None and not rows.selected.own, case
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDetails), case  # not asked: it cannot be deleted
        assert "comes from the file" in status(screen), case

        case = "a value cleared in the field removes the attribute"
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_until(pilot, lambda: app.screen is main)
        screen = await open_details(pilot, app, from_reader=True)
        rows = screen.query_one(AttributeRows)
        field = screen.query_one("#details-edit", Input)
        await pilot.press("enter")  # nothing typed: said, nothing changed
        assert "Nothing typed" in status(screen), case
        assert main.workspace.store.attributes()[MEXICO] == {"country": "Chile"}, case
        await pilot.press("tab", "e")
        assert field.value == "country=Chile", case
        await pilot.press("ctrl+u", "enter")  # the whole field cleared: as country=
        await wait_until(pilot, lambda: MEXICO not in main.workspace.store.attributes())
        assert "Removed country." in status(screen), case
        assert rows.has_focus, case  # back to the list
        assert rows.selected is not None and not rows.selected.own, case  # the file gives it
        name = rows.selected.name
        await pilot.press("e", "ctrl+u", "enter")
        await wait_until(pilot, lambda: f"Kept {name}: the file gives it" in status(screen))
        assert rows.has_focus, case


async def test_the_body_scrolls_to_keep_the_list_s_cursor_in_view(annotated: Annotated) -> None:
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(MEXICO, {f"field{n:02}": n for n in range(30)})])
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_details(pilot, app, from_reader=True)
        rows = screen.query_one(AttributeRows)
        body = screen.query_one("#details-body")
        await pilot.press("tab", "G")
        await pilot.pause()
        assert rows.selected is not None and rows.selected.name == "characters"  # the last
        top = rows.virtual_region.y + rows.cursor - int(body.scroll_y)
        assert 0 <= top < body.scrollable_content_region.height
        await pilot.press("g")
        await pilot.pause()
        assert rows.selected is not None and rows.selected.name == "country"
        top = rows.virtual_region.y - int(body.scroll_y)
        assert 0 <= top < body.scrollable_content_region.height


async def test_words_typed_after_a_value_being_edited_join_it(annotated: Annotated) -> None:
    """e on "site  Tapachula" put "site=Tapachula" in the field, the caret at its end: " Centro"
    typed there was refused ("'Centro': write KEY=VALUE", the quotes a value with spaces
    takes unsaid) and the value stayed.  Editing one attribute from the list, the words
    typed after its value are its value; a word holding "=" is another attribute still."""
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(MEXICO, {"site": "Tapachula"})])
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        screen = await open_details(pilot, app, from_reader=True)
        rows = screen.query_one(AttributeRows)

        async def edited(*keys: str) -> dict[str, object]:
            if not rows.has_focus:
                await pilot.press("tab")
            await wait_until(pilot, lambda: rows.selected is not None)
            await pilot.press("g")
            while rows.selected is not None and rows.selected.name != "site":
                await pilot.press("j")
            await pilot.press("e", *keys, "enter")
            await wait_until(pilot, lambda: rows.has_focus or "Not saved" in status(screen))
            return dict(main.workspace.store.attributes()[MEXICO])

        attributes = await edited(*" Centro")
        assert attributes["site"] == "Tapachula Centro", status(screen)
        attributes = await edited(*" Sur", " ", *"wave=2")
        assert attributes["site"] == "Tapachula Centro Sur", status(screen)
        assert attributes["wave"] == 2


async def test_the_way_to_add_the_first_attribute_is_said_from_the_field(
    make_app: AppFactory,
) -> None:
    """'a adds one' was said while the field had the focus, where a is a letter typed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_details(pilot, app, from_reader=True)
        heading = str(screen.query_one("#details-attributes-heading").render())
        assert "none of yours yet" in heading and "tab, then a" in heading
        await pilot.press("tab", "a")  # as said: the field, empty, to type one
        field = screen.query_one("#details-edit", Input)
        assert field.has_focus and field.value == ""


async def test_at_40_columns_and_below_the_keys_are_whole(annotated: Annotated) -> None:
    """The list's keys read 'e edit · x delete · a add · M m…' at 40 columns: cut in a word,
    esc unsaid; they take fewer keys where the box is narrow.

    At 30 columns the field's keys read 'enter sets · tab: the…', and narrower the list's
    were cut too: each has a form short enough for a box 20 columns wide."""
    from helpers.dialog_keys import bottom_border

    app = analysis_app(annotated)
    async with app.run_test(size=(40, 20)) as pilot:
        await ready(pilot)
        screen = await open_details(pilot, app, from_reader=True)
        box = screen.query_one("#details-box")
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one(AttributeRows).has_focus
        keys = str(box.border_subtitle)
        assert len(keys) <= box.outer_size.width - 6 and keys.endswith("esc"), (40, keys)
        assert keys.startswith("e edit"), (40, keys)
        await pilot.press("tab")  # back to the field
        for width in (30, 24, 20):
            await pilot.resize_terminal(width, 20)
            await wait_until(pilot, lambda w=width: box.outer_size.width <= w)
            for _focus in ("field", "list"):
                await pilot.pause()
                keys, drawn = str(box.border_subtitle), bottom_border(box)
                assert f" {keys} " in drawn and "…" not in drawn, (width, _focus, drawn)
                assert keys.endswith("esc"), (width, _focus, keys)
                await pilot.press("tab")


async def test_a_click_on_an_attribute_puts_the_list_s_cursor_there(annotated: Annotated) -> None:
    # A value long enough to wrap makes its row two lines: the row is found by the line
    # clicked, not by counting lines as rows.
    long = "a long value " * 14
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(MEXICO, {"aa": long, "bb": "short", "cc": "last"})])
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_details(pilot, app, from_reader=True)
        rows = screen.query_one(AttributeRows)
        names = [row.name for row in rows.rows]
        assert names[:3] == ["aa", "bb", "cc"]
        lines = [strip.text for strip in rows.render_lines(rows.region.reset_offset)]
        at = next(n for n, line in enumerate(lines) if line.startswith("bb"))
        assert at >= 2  # aa's value wrapped
        await pilot.click(offset=(rows.region.x + 1, rows.region.y + at))
        await pilot.pause()
        assert rows.has_focus and rows.selected is not None and rows.selected.name == "bb"
        await pilot.click(offset=(rows.region.x + 30, rows.region.y + 1))  # aa's second line
        await pilot.pause()
        assert rows.selected is not None and rows.selected.name == "aa"


async def test_keys_typed_fast_behind_the_list_s_keys_go_where_those_keys_lead(
    annotated: Annotated,
) -> None:
    """e, a, enter and esc in the details move the focus between the list and the field: the
    keys typed right behind them (a burst, as a quick typist or tmux sends them) went to the
    one being left. ``e`` then ``ctrl+u`` ``country=Chile`` ``enter`` left the value as it
    was, the letters taken by the list as its own keys."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        screen = await open_details(pilot, app, from_reader=True)
        rows = screen.query_one(AttributeRows)
        field = screen.query_one("#details-edit", Input)
        await pilot.press("tab")
        assert rows.has_focus and rows.selected is not None and rows.selected.name == "country"
        await burst(pilot, ["e", "ctrl+u", *"country=Chile", "enter", "a", *"wave=2", "enter"])
        await wait_until(pilot, lambda: "wave" in main.workspace.store.attributes()[MEXICO])
        assert main.workspace.store.attributes()[MEXICO] == {"country": "Chile", "wave": 2}
        assert rows.has_focus and rows.selected is not None and rows.selected.name == "wave"
        # esc: the value typed dropped, back to the list, whose cursor j moves
        await burst(pilot, ["a", *"site=x", "escape", "j"])
        await wait_until(pilot, lambda: rows.has_focus and not field.value)
        await pilot.pause()
        assert rows.cursor == 2 and "site" not in main.workspace.store.attributes()[MEXICO]
