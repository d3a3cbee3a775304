"""The annotate dialog and the delete confirmation, in a small harness app."""

from __future__ import annotations

import functools
import threading

import pytest
import regex
from helpers.app import wait_until, workers_done
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from tui_reader.core.annotations.model import Tag
from tui_reader.ui.screens.annotate_dialog import (
    TAGS_HINTS,
    TAGS_PLACEHOLDERS,
    AnnotateDialog,
    AnnotationDraft,
)
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog

CODEBOOK = [Tag("protest"), Tag("policy/militarization"), Tag("migration")]
QUOTE = "Mexico will host a conference with the US Southern Command next week."


class Harness(App[None]):
    """Pushes one modal and records what it dismissed with."""

    def __init__(self, screen: ModalScreen[object]) -> None:
        super().__init__()
        self.modal = screen
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)

    async def then(
        self, pilot: Pilot[None], modal: ModalScreen[object], size: tuple[int, int] | None = None
    ) -> None:
        """``modal`` shown next on this app (the terminal first made ``size``), its result
        recorded as the first one's: a test's cases take turns on one app (each app started
        cost a case more than its own steps).  A modal still open is closed first."""
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if size is not None and (self.size.width, self.size.height) != size:
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda: (self.size.width, self.size.height) == size)
        self.push_screen(modal, self.results.append)
        await wait_until(pilot, lambda: self.screen is modal and modal.is_mounted)
        await pilot.pause()


async def test_type_tag_and_enter_saves() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"new code", "enter")
        await pilot.pause()
    assert app.results == [AnnotationDraft(("new code",), "")]


async def test_right_completes_from_codebook_and_tab_moves_to_note() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.screen.query_one("#annotate-tags", Input)
        await pilot.press("m", "i", "l")
        # The completion worked out (in a worker, after each key) before right takes it: none
        # is shown for "mil" (no code begins so); pressed before "pr"'s came, right completed
        # it to "protest, " with its comma.
        await workers_done(app)
        await pilot.pause()
        await pilot.press("right")  # "mil" matches the child level of policy/...
        assert field.value == "policy/militarization, "
        await pilot.press("p", "r")
        await wait_until(pilot, lambda: bool(field._suggestion))
        await pilot.press("right")  # accepts the inline suggestion
        assert field.value == "policy/militarization, protest"
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"line one", "enter", *"line two")  # enter in the note is a newline
        assert app.results == []
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [
        AnnotationDraft(("policy/militarization", "protest"), "line one\nline two")
    ]


async def test_right_completes_as_a_shell_the_shortest_shown_first_then_the_next() -> None:
    """``mil`` and → gave ``militarization/patrols``, the more used, though ``militarization``
    is a code too, and the field showed that before the key: it completes as a shell does,
    to the tags' common prefix, shown greyed before →, then the next tag on each press."""
    codebook = [Tag("militarization/patrols"), Tag("militarization"), Tag("protest")]
    counts = {"militarization/patrols": 5, "militarization": 1}
    app = Harness(AnnotateDialog(QUOTE, codebook, counts=counts))
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.screen.query_one("#annotate-tags", Input)
        await pilot.press(*"mil")
        await wait_until(pilot, lambda: bool(field._suggestion))
        assert field._suggestion == "militarization"
        shown = []
        for _ in range(4):
            await pilot.press("right")
            shown.append(field.value)
        assert shown == [
            "militarization",
            "militarization/patrols",
            "militarization",
            "militarization/patrols",
        ]
        await pilot.press(*", pro")
        await wait_until(pilot, lambda: bool(field._suggestion))
        await pilot.press("right", "right")  # the one tag it completes to: → again moves on
        assert field.value == "militarization/patrols, protest, "


async def test_tab_after_a_complete_existing_tag_moves_to_the_note() -> None:
    """The issue: Tab completed the existing tag again, kept the focus, and the note was typed
    into the tags (``new tag: Key for the …``)."""
    codebook = [Tag("resistance/local"), Tag("security/border")]
    app = Harness(AnnotateDialog(QUOTE, codebook))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"resistance/local, security/border")
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        box = app.screen.query_one("#annotate-box")
        assert "enter new line" in str(box.border_subtitle)
        await pilot.press(*"Key for the theme")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [
        AnnotationDraft(("resistance/local", "security/border"), "Key for the theme")
    ]


async def test_escape_cancels_at_once_when_nothing_was_typed() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        for number, keys in enumerate((["escape"], ["tab", "escape"])):
            if number:
                await app.then(pilot, AnnotateDialog(QUOTE, CODEBOOK))
            await pilot.press(*keys)
            await pilot.pause()
            assert app.results == [None] * (number + 1), keys


async def test_escape_with_typed_text_asks_before_discarding() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        for number, keys in enumerate((["x"], ["tab", "y"])):
            if number:
                await app.then(pilot, AnnotateDialog(QUOTE, CODEBOOK))
            await pilot.press(*keys, "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen), keys
            await pilot.press("n")  # keep typing
            await pilot.pause()
            assert isinstance(app.screen, AnnotateDialog)
            assert app.results == [None] * number
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert app.results == [None] * (number + 1), keys


async def test_edit_prefills_and_codebook_spelling_wins() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK, tags=("protest",), note="old", title="Edit"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.query_one("#annotate-tags", Input).value == "protest, "
        assert app.screen.query_one("#annotate-note", TextArea).text == "old"
        await pilot.press(*"MIGRATION", "enter")
        await pilot.pause()
    assert app.results == [AnnotationDraft(("protest", "migration"), "old")]


async def test_a_note_added_to_goes_after_what_it_held() -> None:
    """tab to the note of an annotation being edited put the cursor before its first word:
    what was typed to add to it went in front, glued to it ("more wordsold note")."""
    note = "An old note,\nover two lines."
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK, tags=("protest",), note=note, title="Edit"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.press("enter", *"Added later.", "ctrl+s")
        await pilot.pause()
    assert app.results == [AnnotationDraft(("protest",), note + "\nAdded later.")]


async def test_matches_line_lists_codebook_and_new_tag() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        matches = app.screen.query_one("#annotate-matches", Static)
        assert "protest" in str(matches.render())
        await pilot.press(*"brand")
        await pilot.pause()
        assert "new tag: brand" in str(matches.render())


async def test_confirm_yes_and_no() -> None:
    app = Harness(ConfirmScreen("Delete this annotation?"))
    async with app.run_test() as pilot:
        await pilot.pause()
        for number, (key, expected) in enumerate(
            (("y", True), ("enter", True), ("n", False), ("escape", False))
        ):
            if number:
                await app.then(pilot, ConfirmScreen("Delete this annotation?"))
            await pilot.press(key)
            await pilot.pause()
            assert app.results[number:] == [expected], key


async def test_most_used_tags_complete_first() -> None:
    codebook = [Tag("militarization"), Tag("migration")]
    # Equally used, they come as every list of codes: in natural order.
    app = Harness(AnnotateDialog(QUOTE, codebook))
    async with app.run_test() as pilot:
        await pilot.pause()
        for number, (counts, expected) in enumerate(
            (({}, "migration"), ({"militarization": 7}, "militarization"))
        ):
            if number:
                await app.then(pilot, AnnotateDialog(QUOTE, codebook, counts=counts))
            field = app.screen.query_one("#annotate-tags", Input)
            await pilot.press("m", "i")
            await wait_until(pilot, lambda f=field: bool(f._suggestion))  # (see above)
            await pilot.press("right")
            assert field.value == expected


async def test_coming_back_to_tags_keeps_them() -> None:
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"first", "tab")  # nothing to complete: on to the note
        assert isinstance(app.focused, TextArea)
        await pilot.press("shift+tab", *", second", "enter")
        await pilot.pause()
    assert app.results == [AnnotationDraft(("first", "second"), "")]


async def test_the_keys_under_the_box_fit_a_narrow_terminal_whole() -> None:
    """At 60 columns the keys were cut in a word ("esc ca…"); they now take fewer words."""
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.screen.query_one("#annotate-box")
        for key, field in ((None, "tags"), ("tab", "note"), ("shift+tab", "tags")):
            if key is not None:
                await pilot.press(key)
            await pilot.pause()
            keys = str(box.border_subtitle)
            assert len(keys) <= box.outer_size.width - 6 and keys.endswith("esc cancel"), keys
            assert ("ctrl+s" in keys) == (field == "note"), keys
        await pilot.resize_terminal(100, 30)  # wide again: in full
        await wait_until(pilot, lambda: str(box.border_subtitle) == TAGS_HINTS)


async def test_at_40_columns_the_keys_fit_and_the_labels_wrap() -> None:
    """At 40 columns the keys were cut ('tab n…') and the label read 'Tags (comma-separated,
    parent/chi'; the keys take fewer words again and the labels wrap (a terminal tall enough
    for the label: a short one leaves it to the field's placeholder)."""
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test(size=(40, 30)) as pilot:
        box = app.screen.query_one("#annotate-box")
        for key in (None, "tab"):
            if key is not None:
                await pilot.press(key)
            await pilot.pause()
            keys = str(box.border_subtitle)
            assert len(keys) <= box.outer_size.width - 6 and keys.endswith("esc cancel"), keys
        label = app.screen.query(".dialog-label").first()
        lines = [label.render_line(y).text.strip() for y in range(label.size.height)]
        assert " ".join(lines).endswith("parent/child allowed)"), lines


async def test_matches_line_names_every_new_tag_typed() -> None:
    """ "new tag:" named the tag being typed alone, though every tag typed that the codebook
    lacks is made."""
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        matches = app.screen.query_one("#annotate-matches", Static)
        await pilot.press(*"brand, zebra")
        await pilot.pause()
        assert "new tags: brand, zebra" in str(matches.render())
        await pilot.press(*", pro")  # being completed: not new yet
        await pilot.pause()
        shown = str(matches.render())
        assert "new tags: brand, zebra" in shown and "protest" in shown
        await pilot.press("ctrl+u", *"protest, brand")
        await pilot.pause()
        assert "new tag: brand" in str(matches.render())


async def test_a_new_tag_spelled_as_a_code_but_for_its_accents_names_that_code() -> None:
    """ "migración/viaje" typed where the codebook has migracion/viaje: 'new tag:' and no
    code offered, so a coder made a second code of the one meant without knowing it."""
    app = Harness(AnnotateDialog(QUOTE, [*CODEBOOK, Tag("migracion/viaje")]))
    async with app.run_test() as pilot:
        await pilot.pause()
        matches = app.screen.query_one("#annotate-matches", Static)
        await pilot.press(*"migración/viaje")
        await pilot.pause()
        shown = str(matches.render())
        assert "new tag: migración/viaje (the codebook has migracion/viaje)" in shown
        await pilot.press("ctrl+u", *"zebra")
        await pilot.pause()
        assert "the codebook has" not in str(matches.render())


async def test_a_level_name_typed_alone_is_said_to_make_a_new_tag() -> None:
    """ "militarization" typed, policy/militarization offered beside it, and enter made a
    new code "militarization" with no word of it: "new tag:" was said only when nothing was
    offered.  It is said whenever enter would make one, but of a name being completed."""
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        matches = app.screen.query_one("#annotate-matches", Static)
        await pilot.press(*"militarization")
        await pilot.pause()
        shown = str(matches.render())
        assert "new tag: militarization" in shown and "policy/militarization" in shown
        await pilot.press("ctrl+u", *"pol")  # being completed: not new
        await pilot.pause()
        assert "new tag" not in str(matches.render())
        await pilot.press("ctrl+u", *"MIGRATION")  # the codebook's, in another case
        await pilot.pause()
        assert "new tag" not in str(matches.render())
        await pilot.press("ctrl+u", *"militarization", "enter")
        await pilot.pause()
    assert app.results == [AnnotationDraft(("militarization",), "")]


async def test_every_dialogs_keys_fit_a_40_column_box_whole() -> None:
    """The memo's keys read 'Markdown · ctrl+s save · esc ca…' at 40 columns, the tag
    dialogs' were cut too; each takes fewer words where its box is narrow."""
    from tui_reader.ui.save_wait import Saving
    from tui_reader.ui.screens.memo_dialog import MemoDialog
    from tui_reader.ui.screens.tag_dialogs import TagNameDialog, TagStyleDialog

    def save(_value: object) -> Saving[None]:
        return Saving(lambda: None)

    dialogs: list[ModalScreen[object]] = [
        MemoDialog("Memo: a document", "", save),
        TagNameDialog("Rename tag", "New name", save, value="protest"),
        TagStyleDialog(Tag("protest"), "#ff0000", save),
    ]
    app = Harness(dialogs[0])
    async with app.run_test(size=(40, 20)) as pilot:
        for number, dialog in enumerate(dialogs):
            if number:  # opened at 40 columns, as the first
                await app.then(pilot, dialog)
            box = app.screen.query_one(".dialog-box")
            await pilot.pause()
            await pilot.pause()
            keys = str(box.border_subtitle)
            assert len(keys) <= box.outer_size.width - 6 and keys.endswith("esc cancel"), keys


async def test_the_quotes_length_is_counted_as_a_person_says_it() -> None:
    # An accent written apart (a Mac's é) and a family emoji were counted in code points: the
    # status line said "selected 6 chars" and the dialog "(12 characters)" for one quote.
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    app = Harness(AnnotateDialog("f", CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        for number, (quote, said) in enumerate(
            (
                ("f", "(1 character)"),
                ("x" * 1234, "(1,234 characters)"),
                (f"e\u0301cole {family}", "(7 characters)"),
            )
        ):
            if number:
                await app.then(pilot, AnnotateDialog(quote, CODEBOOK))
            shown = str(app.screen.query_one("#annotate-quote", Static).render())
            assert said in shown, shown


async def test_a_note_wrapped_again_when_the_terminal_widens_shows_every_word() -> None:
    note = "A note that is fairly long and will need wrapping in a narrow dialog box here."
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("tab", *note)
        await pilot.pause(0.3)  # drawn at this width
        await pilot.resize_terminal(200, 50)
        await pilot.pause(0.3)
        rows = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        shown = " ".join(" ".join(row.strip("│▊▎ ").split()) for row in rows if "▊" in row)
        assert note in shown, shown


async def test_at_40_by_12_the_quote_being_coded_shows_beside_the_fields() -> None:
    app = Harness(AnnotateDialog(QUOTE * 3, CODEBOOK))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        for size in [(40, 12), (80, 16), (200, 60)]:
            if size != (40, 12):  # opened at that size
                await app.then(pilot, AnnotateDialog(QUOTE * 3, CODEBOOK), size)
            screen = app.screen
            box = screen.query_one("#annotate-box")
            shown = box.content_region.intersection(screen.region)
            for name in ("#annotate-quote", "#annotate-tags", "#annotate-note"):
                part = screen.query_one(name)
                seen = part.region.intersection(shown)
                assert seen.height >= 1, (size, name)  # on screen, not scrolled out of the box
            quote = screen.query_one("#annotate-quote", Static)
            assert str(quote.render()).startswith("“Mexico will host")
            await pilot.press("tab")
            await pilot.pause()
            assert screen.query_one("#annotate-quote").region.intersection(shown).height >= 1


async def test_a_memo_typed_in_a_short_terminal_stays_in_sight_as_it_grows() -> None:
    """At 40x12 the memo's field stood 14 lines tall in a box of 8: from the seventh line on,
    what was typed went on out of sight."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    entries = [Memo(MemoKind.JOURNAL, "", f"entry {n}\n" * 6) for n in range(3)]
    for size, earlier in [((40, 12), []), ((80, 16), []), ((40, 12), entries), ((80, 24), entries)]:
        app = Harness(MemoDialog("Journal", earlier=earlier))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await _typed_past_the_box(pilot)
            await pilot.press(*"end")
            await pilot.pause()
            _assert_cursor_in_the_box(app, size)


async def _typed_past_the_box(pilot: Pilot[None]) -> None:
    """Twelve short lines pasted in the memo's field, then three typed: the field grows past
    the box and goes on growing a line a line as the user types (each key typed took a pause)."""
    editor = pilot.app.screen.query_one("#memo-text", TextArea)
    editor.post_message(events.Paste("".join(f"l{n}\n" for n in range(1, 13))))
    await pilot.pause()
    for n in range(13, 16):
        await pilot.press(*f"l{n}", "enter")


def _cursor_in_the_box(app: App[None]) -> bool:
    editor = app.screen.query_one("#memo-text", TextArea)
    shown = app.screen.query_one(".dialog-box").content_region.intersection(app.screen.region)
    return shown.y <= editor.cursor_screen_offset.y < shown.bottom


def _assert_cursor_in_the_box(app: App[None], case: object) -> None:
    """The memo's cursor inside the part of its box on screen, the terminal's cursor on it."""
    editor = app.screen.query_one("#memo-text", TextArea)
    box = app.screen.query_one(".dialog-box")
    shown = box.content_region.intersection(app.screen.region)
    row = editor.cursor_screen_offset.y
    assert shown.y <= row < shown.bottom, (case, row, shown)
    assert app.cursor_position == editor.cursor_screen_offset, case


async def test_the_terminal_s_cursor_follows_a_one_line_field_its_dialog_moves() -> None:
    """The tag field's text typed at 80x24, the terminal made smaller and larger under the
    dialog (its box laid out again, scrolled): the terminal's cursor stayed where the field
    was at 80x24, blinking in the quote or the box's border, until a key moved the field's."""
    app = Harness(AnnotateDialog(QUOTE * 3, CODEBOOK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"mil")
        field = app.screen.query_one("#annotate-tags", Input)
        assert app.focused is field
        for size in [(50, 15), (40, 12), (120, 40), (40, 10)]:
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda s=size: (app.size.width, app.size.height) == s)  # type: ignore[misc]
            await pilot.pause()
            assert app.cursor_position == field.cursor_screen_offset, size


async def test_a_memo_keeps_its_cursor_in_the_box_when_the_terminal_grows() -> None:
    """A journal entry typed at 40x12, the terminal made 80x24: the earlier entries grew from
    2 lines to 10 and pushed the field's cursor below the box, the terminal's cursor too,
    where what was typed went on out of sight.  A memo made at 40x12 and opened once the
    terminal is 80x24 did the same."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    entries = [Memo(MemoKind.JOURNAL, "", f"entry {n}\n" * 6) for n in range(3)]
    app = Harness(MemoDialog("Journal", earlier=entries))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await _typed_past_the_box(pilot)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: app.screen.has_class("-tall"))
        await wait_until(pilot, lambda: _cursor_in_the_box(app))
        _assert_cursor_in_the_box(app, "resized while open")
        await app.then(pilot, MemoDialog("Journal", earlier=entries), (40, 12))
        made_short = MemoDialog("Journal", earlier=entries)  # its classes those of 40x12
        await app.then(pilot, made_short, (80, 24))
        await _typed_past_the_box(pilot)
        await wait_until(pilot, lambda: _cursor_in_the_box(app))
        _assert_cursor_in_the_box(app, "opened after the resize")


async def test_a_memo_s_cursor_pushed_out_of_its_box_by_a_later_layout_comes_back() -> None:
    """The box's parts take their new sizes over several layouts after a resize; on a loaded
    machine a part above the field grew after the cursor had been brought in view, pushing it
    below the box (the clean-clone run of the test above: cursor row 24, the box's bottom 21).
    A layout that pushes the cursor out, nobody having scrolled, brings it back; a scroll by
    the user is left as it is."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    entries = [Memo(MemoKind.JOURNAL, "", f"entry {n}\n" * 6) for n in range(3)]
    app = Harness(MemoDialog("Journal", earlier=entries))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _typed_past_the_box(pilot)
        await pilot.pause()
        _assert_cursor_in_the_box(app, "typed")
        earlier = app.screen.query_one("#memo-earlier", Static)
        earlier.styles.max_height = 16  # a later layout: the part above the field taller
        await wait_until(pilot, lambda: earlier.region.height == 16)
        await wait_until(pilot, lambda: _cursor_in_the_box(app))
        _assert_cursor_in_the_box(app, "pushed by a later layout")
        box = app.screen.query_one(".dialog-box")
        box.scroll_home(animate=False)  # the user looks at the earlier entries
        await pilot.pause()
        await pilot.pause()
        assert box.scroll_y == 0


async def test_at_40_by_12_a_tags_colour_dialog_shows_what_each_field_is_for() -> None:
    """Scrolled to its colour field, the box hid the words above it ('Colour (#rrggbb ...')."""
    from textual.widgets import Label

    from tui_reader.ui.screens.tag_dialogs import TagStyleDialog

    app = Harness(TagStyleDialog(Tag("protest"), "#ff0000", lambda tag: None))  # type: ignore[arg-type,return-value]
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(".dialog-box")
        shown = box.content_region.intersection(app.screen.region)
        for part in [*app.screen.query(Label), *app.screen.query(Input)]:
            assert part.region.intersection(shown).height >= 1, part
        await pilot.press("tab")
        await pilot.pause()
        for part in [*app.screen.query(Label), *app.screen.query(Input)]:
            assert part.region.intersection(shown).height >= 1, part


async def test_a_long_accented_quote_is_first_counted_off_the_app_s_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dialog's first count of a quote of more than 64K code points (not plain ASCII)
    loaded numpy and made the break classes' table on the app's thread as it opened (a third
    of a second, the dialog late): a worker does it, the dialog says "(… characters)"
    meanwhile, then the count."""
    from tui_reader.core.documents import units

    made_on: list[threading.Thread] = []

    def break_classes() -> object:
        made_on.append(threading.current_thread())
        return units._BreakClasses()

    monkeypatch.setattr(units, "_break_classes", functools.cache(break_classes))
    quote = "Un e\u0301te\u0301 a\u0300 la mer. " * 6000  # 120,000 code points
    whole = sum(1 for _ in regex.finditer(r"\X", quote))
    app = Harness(AnnotateDialog(quote, CODEBOOK))
    async with app.run_test() as pilot:
        label = app.screen.query_one("#annotate-quote", Static)
        await wait_until(pilot, lambda: f"({whole:,} characters)" in str(label.render()))
    assert made_on and threading.main_thread() not in made_on


async def test_a_code_with_a_comma_in_its_name_stays_one_code_when_the_passage_is_edited() -> None:
    # A code "Fear, anxiety" (imported from another tool) was shown in the field as it is,
    # and saving the dialog split it into two new codes, "Fear" and "anxiety"
    codebook = [*CODEBOOK, Tag("Fear, anxiety")]
    dialog = AnnotateDialog(QUOTE, codebook, tags=("Fear, anxiety", "protest"), title="Edit")
    app = Harness(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.query_one("#annotate-tags", Input).value == "Fear, anxiety, protest, "
        matches = app.screen.query_one("#annotate-matches", Static)
        assert "new tag" not in str(matches.render())
        await pilot.press(*"fear,anxiety", "enter")  # typed again, spaced otherwise: the same
        await pilot.pause()
    assert app.results == [AnnotationDraft(("Fear, anxiety", "protest"), "")]


async def test_the_keys_take_the_longest_form_the_border_has_room_for() -> None:
    """The keys were measured against the box's inside, four cells narrower than its border:
    a dialog gave up its longer keys ("→ complete · …") while they still fitted whole."""
    from helpers.dialog_keys import assert_keys_fit

    from tui_reader.ui.screens.annotate_dialog import TAGS_KEYS

    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test(size=(100, 30)) as pilot:
        box = app.screen.query_one("#annotate-box")
        for width in (74, 60, 54, 50, 46, 42):
            await pilot.resize_terminal(width, 30)
            await wait_until(pilot, lambda w=width: box.outer_size.width <= w)
            await pilot.pause()
            assert_keys_fit(box, TAGS_KEYS, width)


async def test_a_question_says_its_keys_whole_in_a_narrow_terminal() -> None:
    """ "y/enter yes · n/esc no" was never fitted: at 20 columns it was cut in a word."""
    from helpers.dialog_keys import assert_keys_fit

    app = Harness(ConfirmScreen("Replace the file?", "Replace file?", yes="replace", no="keep"))
    async with app.run_test(size=(20, 20)) as pilot:  # opened narrow, then widened
        box = app.screen.query_one(".dialog-box")
        for width in (20, 24, 30, 80):
            await pilot.resize_terminal(width, 20)
            await wait_until(pilot, lambda w=width: box.outer_size.width == min(w * 95 // 100, 64))
            await pilot.pause()
            forms = ("y/enter replace · n/esc keep", "y replace · n keep", "y · n")
            assert_keys_fit(box, forms, width)


async def test_every_dialogs_keys_are_whole_at_30_columns_and_below() -> None:
    """At 30 columns every dialog's shortest keys were cut in a word ('enter save · esc
    can…', 'ctrl+s save · esc c…'): each has a form short enough for a box 20 columns wide."""
    from helpers.dialog_keys import bottom_border

    from tui_reader.ui.save_wait import Saving
    from tui_reader.ui.screens.memo_dialog import MemoDialog
    from tui_reader.ui.screens.tag_dialogs import TagNameDialog, TagStyleDialog

    def save(_value: object) -> Saving[None]:
        return Saving(lambda: None)

    dialogs: list[ModalScreen[object]] = [
        AnnotateDialog(QUOTE, CODEBOOK),
        MemoDialog("Memo: a document", "", save),
        TagNameDialog("Rename tag", "New name", save, value="protest"),
        TagStyleDialog(Tag("protest"), "#ff0000", save),
    ]
    app = Harness(dialogs[0])
    async with app.run_test(size=(30, 20)) as pilot:
        for number, dialog in enumerate(dialogs):
            if number:  # opened at 30 columns
                await app.then(pilot, dialog, (30, 20))
            box = app.screen.query_one(".dialog-box")
            for width in (30, 24, 20):
                await pilot.resize_terminal(width, 20)
                await wait_until(pilot, lambda w=width, b=box: b.outer_size.width == w * 95 // 100)
                for _ in range(2):  # the first field, then the next (the note's own keys)
                    await pilot.pause()
                    keys, drawn = str(box.border_subtitle), bottom_border(box)
                    assert f" {keys} " in drawn and "…" not in drawn, (dialog, width, drawn)
                    assert keys.endswith("esc"), (dialog, width, keys)
                    await pilot.press("tab")


@pytest.mark.parametrize(
    ("width", "hint"), [(80, TAGS_PLACEHOLDERS[0]), (40, TAGS_PLACEHOLDERS[1])]
)
async def test_an_empty_codebook_is_shown_how_tags_are_written(width: int, hint: str) -> None:
    """The tags field's hint gave the sample corpus's codes ("e.g. protest,
    policy/militarization") to every project: it says how tags are written, in words of no
    corpus's subject, whole at the width it has."""
    app = Harness(AnnotateDialog(QUOTE, []))
    async with app.run_test(size=(width, 30)) as pilot:
        field = app.screen.query_one("#annotate-tags", Input)
        await wait_until(pilot, lambda: field.placeholder == hint)
        shown = field.render_line(0).text
        assert hint in shown, shown
        assert "protest" not in shown and "militarization" not in shown


async def test_a_name_with_an_empty_level_says_what_it_is_taken_as() -> None:
    """=HYPERLINK("http://x") typed as a code was made =HYPERLINK("http:/x") without a word,
    in the annotate dialog and in the dialog naming a code (rename, new)."""
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK))
    async with app.run_test() as pilot:
        await pilot.pause()
        matches = app.screen.query_one("#annotate-matches", Static)
        await pilot.press(*"zebra, a//b")
        await pilot.pause()
        assert "new tags: zebra, a/b (an empty level between '/' dropped)" in str(matches.render())
    naming = Harness(TagNameDialog("Rename", "New name", lambda name: None, value="x"))
    async with naming.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"a//b")
        await pilot.pause()
        said = str(naming.screen.query_one("#tag-name-matches", Static).render())
        assert said.startswith("taken as a/b: an empty level between '/' dropped"), said


async def test_editing_many_tags_shows_the_end_of_them_where_the_cursor_is() -> None:
    """e on an annotation with more tags than its field is wide showed their beginning, the
    cursor after the last one out of sight (the terminal's cursor past the box's edge): the
    field was filled before it had a width, and nothing scrolled it to its cursor once it had
    one, or when the terminal was resized.  The cursor shows in the field, after the last
    tag, at every size."""
    tags = tuple(f"actors/country{i}/government" for i in range(8))
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK, tags=tags, title="Edit"))
    async with app.run_test(size=(80, 24)) as pilot:
        for size in ((80, 24), (40, 12), (120, 40), (60, 20)):
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda size=size: (app.size.width, app.size.height) == size)
            await pilot.pause()
            field = app.screen.query_one("#annotate-tags", Input)
            assert field.has_focus and field.cursor_position == len(field.value), size
            box = field.content_region
            x = field.cursor_screen_offset.x
            assert box.x <= x <= box.right, (size, x, box)  # (Input's cursor after the end)
            shown = field.render_line(0).text
            assert "country7/government," in shown, (size, shown)


async def test_a_memo_s_field_reaches_the_foot_of_its_box_in_a_short_terminal() -> None:
    """At 40x12 the memo's box held two empty rows under its field: the field was held to
    55% of the terminal's height, the box laid out for more.  In a short terminal the field
    takes the rest of the box, whatever stands above it; at 80x24 and 80x25 its 55% (13.2
    and 13.75 rows) left one row empty under it, the box laid out for the fraction."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    entries = [Memo(MemoKind.JOURNAL, "", f"entry {n}\n") for n in range(3)]
    for size in [(40, 12), (50, 15), (80, 20), (80, 24), (80, 25), (120, 40)]:
        for earlier in ([], entries):
            app = Harness(MemoDialog("Journal", earlier=earlier))
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                editor = app.screen.query_one("#memo-text", TextArea)
                box = app.screen.query_one(".dialog-box")
                case = (size, len(earlier))
                assert editor.region.bottom == box.content_region.bottom, case
                assert box.region.bottom <= app.screen.region.bottom - 1, case  # the keys' line


HOSTILE_NOTE = "Said\x1b]0;pwn\x07 to \u202eus\x9b, then\x00 left."
HOSTILE_SHOWN = "Said␛]0;pwn␇ to �us�, then␀ left."


def _drawn(editor: TextArea) -> str:
    return editor.render_line(0).text.rstrip()


async def test_a_note_s_controls_show_as_the_panels_show_them_and_are_saved_as_they_were() -> None:
    """The note's editor drew an escape, a bell or a bidi override as nothing, where the
    panels show ␛, ␇ and �: the user could not see, nor delete, what the note held.  They
    show as the panels show them, and the note saved is the one it held, with what was
    typed; a control picture the note holds as a character of its own stays one."""
    cases = [
        ((), HOSTILE_NOTE),  # saved unchanged
        (("end", *" Later."), HOSTILE_NOTE + " Later."),
        (("home", "delete", "delete", "delete", "delete"), HOSTILE_NOTE[4:]),
    ]
    for keys, saved in cases:
        dialog = AnnotateDialog(QUOTE, CODEBOOK, tags=("protest",), note=HOSTILE_NOTE)
        app = Harness(dialog)
        async with app.run_test() as pilot:
            await pilot.pause()
            editor = app.screen.query_one("#annotate-note", TextArea)
            assert _drawn(editor) == HOSTILE_SHOWN
            await pilot.press("tab")
            await wait_until(pilot, lambda: isinstance(pilot.app.focused, TextArea))
            await pilot.press(*keys, "ctrl+s")
            await pilot.pause()
        assert app.results == [AnnotationDraft(("protest",), saved)], keys
    own = "A picture ␛ of its own and an escape \x1b."
    app = Harness(AnnotateDialog(QUOTE, CODEBOOK, tags=("protest",), note=own))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", *" ok", "ctrl+s")
        await pilot.pause()
    assert app.results == [AnnotationDraft(("protest",), own + " ok")]


async def test_a_memo_s_controls_show_as_the_panels_show_them_and_are_saved_as_they_were() -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    earlier = [Memo(MemoKind.JOURNAL, "", "An entry\x1b[2J before.")]
    for keys, saved in [((), HOSTILE_NOTE), ((*" Later.",), HOSTILE_NOTE + " Later.")]:
        app = Harness(MemoDialog("Journal", HOSTILE_NOTE, earlier=earlier))
        async with app.run_test() as pilot:
            await pilot.pause()
            editor = app.screen.query_one("#memo-text", TextArea)
            assert _drawn(editor) == HOSTILE_SHOWN
            assert "An entry␛[2J before." in str(app.screen.query_one("#memo-earlier").render())
            await pilot.press(*keys, "ctrl+s")
            await pilot.pause()
        assert app.results == [saved + "\n"], keys
