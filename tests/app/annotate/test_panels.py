"""The annotations panel and the annotation details panel, in a small harness app."""

from __future__ import annotations

import io

from helpers.annotations import annotation
from rich.console import Console, RenderableType
from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import OptionList

from tui_reader.core.annotations.model import AnchorStatus, Tag
from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.reading_pane.details import AnnotationDetails

CODEBOOK = [Tag("protest"), Tag("policy/militarization")]


LATER = annotation("later", 50, "Southern Command", "policy/militarization", note="who pays?")
EARLIER = annotation("earlier", 5, "Mexico will host a conference", "protest")
ORPHAN = annotation(
    "lost", 20, "a sentence that was edited away", "protest", status=AnchorStatus.ORPHAN
)


class PanelHarness(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield AnnotationsPanel(CODEBOOK)
        yield AnnotationDetails(CODEBOOK)

    @on(AnnotationsPanel.Jump)
    @on(AnnotationsPanel.Reattach)
    @on(AnnotationsPanel.Delete)
    @on(AnnotationsPanel.Confirm)
    def record(self, message: Message) -> None:
        self.messages.append(message)


async def test_panel_lists_in_order_with_orphans_last() -> None:
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([ORPHAN, LATER, EARLIER])
        await pilot.pause()
        ids = [o.id for o in app.query_one(OptionList).options]
        assert ids == ["earlier", "later", "annotations-orphans-heading", "lost"]
        assert panel.border_title == "Annotations (2) · 1 orphaned"
        later_row = str(app.query_one(OptionList).get_option("later").prompt)
        assert "Southern Command" in later_row and "policy/militarization" in later_row
        assert "✎" in later_row
        assert "orphan" in str(app.query_one(OptionList).get_option("lost").prompt)


async def test_a_team_s_same_passages_are_told_apart_by_their_coder() -> None:
    """A team's database: three coders each coded the same words with the same code.  The
    panel listed three rows alike, and which one to delete could not be told without
    opening each; each row says whose it is when more than one coder's are listed."""
    from dataclasses import replace

    same = [
        replace(annotation(name, 5, "Caminamos días enteros", "protest"), coder=name)
        for name in ("ana", "ben", "cruz")
    ]
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        options = app.query_one(OptionList)
        panel.set_annotations(same)
        await pilot.pause()
        rows = {o.id: str(o.prompt) for o in options.options}
        assert [rows[name].endswith(f"by {name}") for name in ("ana", "ben", "cruz")] == [
            True,
            True,
            True,
        ]
        panel.set_annotations(same[:1])  # one coder's alone: no name said
        await pilot.pause()
        assert "by ana" not in str(options.get_option("ana").prompt)


async def test_enter_jumps_r_reattaches_orphans_only_x_deletes() -> None:
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([ORPHAN, LATER, EARLIER])
        panel.focus_list()
        await pilot.pause()
        await pilot.press("down", "enter")  # first row is highlighted on focus; down -> later
        await pilot.pause()
        assert [type(m).__name__ for m in app.messages] == ["Jump"]
        assert app.messages[-1].annotation == LATER  # type: ignore[attr-defined]
        await pilot.press("r")  # anchored: refused with a warning, no message
        await pilot.pause()
        assert len(app.messages) == 1
        await pilot.press("down", "r")  # skips the disabled heading onto the orphan
        await pilot.pause()
        assert type(app.messages[-1]) is AnnotationsPanel.Reattach
        assert app.messages[-1].annotation == ORPHAN
        await pilot.press("x")
        await pilot.pause()
        assert type(app.messages[-1]) is AnnotationsPanel.Delete


async def test_empty_panel_and_highlight_follow() -> None:
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        await pilot.pause()
        assert app.query_one("#annotations-empty").display
        panel.set_annotations([LATER, EARLIER])
        panel.highlight("later")
        await pilot.pause()
        assert not app.query_one("#annotations-empty").display
        assert panel.current == LATER
        assert app.messages == []  # moving the list cursor programmatically posts nothing


async def test_details_show_the_whole_note_and_status() -> None:
    app = PanelHarness()
    async with app.run_test() as pilot:
        details = app.query_one(AnnotationDetails)
        await pilot.pause()
        assert "No annotation under the caret" in plain(details.describe(None))
        assert details.has_class("-empty")
        keys = plain(details.number_keys())
        assert "1  protest" in keys and "2  policy/militarization" in keys
        long_note = "first line\n" + "word " * 60
        details.annotation = LATER.evolve(note=long_note, status=AnchorStatus.FUZZY)
        await pilot.pause()
        assert not details.has_class("-empty")
        shown = details.describe(details.annotation)
        text = "\n".join(str(part) for part in shown.renderables)  # type: ignore[union-attr]
        assert "policy/militarization" in text
        assert long_note in text
        assert "approximately" in text


async def test_c_accepts_only_fuzzy_places() -> None:
    fuzzy = annotation("fuzzy", 80, "approximately here", "protest", status=AnchorStatus.FUZZY)
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([EARLIER, fuzzy])
        panel.focus_list()
        await pilot.press("c")  # on EARLIER: anchored, nothing to accept
        await pilot.pause()
        assert app.messages == []
        await pilot.press("down", "c")
        await pilot.pause()
        assert [type(m) for m in app.messages] == [AnnotationsPanel.Confirm]
        assert app.messages[0].annotation == fuzzy  # type: ignore[attr-defined]


async def test_vim_keys_move_in_the_list() -> None:
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([ORPHAN, LATER, EARLIER])
        panel.focus_list()
        await pilot.pause()
        assert panel.current == EARLIER
        await pilot.press("j")
        assert panel.current == LATER
        await pilot.press("G")
        assert panel.current == ORPHAN
        await pilot.press("k")  # over the disabled heading
        assert panel.current == LATER
        await pilot.press("g")
        assert panel.current == EARLIER


def plain(renderable: RenderableType, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_the_keys_said_without_an_annotation_stay_whole_in_a_narrow_panel() -> None:
    # At 37 columns Rich broke the line of keys at a space: a line began with "· a annotate".
    app = PanelHarness()
    async with app.run_test() as pilot:
        details = app.query_one(AnnotationDetails)
        await pilot.pause()
        lines = [line.strip() for line in plain(details.describe(None), 37).splitlines()]
        assert lines[1:3] == ["v select · s sentence · p paragraph", "a annotate · ] next"]


def test_each_number_key_stays_beside_its_tag_in_a_narrow_panel() -> None:
    """At 37 columns the keys wrapped as words: a line ended with "5", its tag below, and one
    with "[", "previous" below."""
    details = AnnotationDetails([Tag(n) for n in ("t1", "t14", "t2", "t10", "T3", "code/v2")])
    for width in (20, 37, 60):
        lines = plain(details.number_keys(), width).splitlines()
        for entry in ("1  t1", "2  t14", "3  t2", "4  t10", "5  T3", "6  code/v2"):
            assert any(entry in line for line in lines), (width, entry, lines)
        lines = plain(details.describe(LATER), width).splitlines()
        for entry in ("e edit", "x delete", "] next", "[ previous"):
            assert any(entry in line for line in lines), (width, entry, lines)


async def test_the_panel_names_c_while_a_place_found_again_waits_to_be_accepted() -> None:
    """A passage placed again after its file was edited shows ≈ until `c` accepts it; the
    panel's border named `r` and `x` but never `c`, nor did its details."""
    fuzzy = annotation("fuzzy", 80, "approximately here", "protest", status=AnchorStatus.FUZZY)
    app = PanelHarness()
    async with app.run_test() as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([EARLIER, fuzzy])
        await pilot.pause()
        assert "c accept ≈" in str(panel.border_subtitle)
        panel.set_annotations([EARLIER])
        await pilot.pause()
        assert "c accept" not in str(panel.border_subtitle)


async def test_the_panel_s_keys_are_never_cut_on_its_border() -> None:
    """At 80 columns the panel is 39 wide: its border showed "enter go · c accept ≈ · r
    re-att…", the delete key lost; the keys are said in fewer words until they fit whole."""
    fuzzy = annotation("fuzzy", 80, "approximately here", "protest", status=AnchorStatus.FUZZY)
    app = PanelHarness()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(AnnotationsPanel)
        panel.set_annotations([EARLIER, fuzzy])
        for width in (80, 39, 30, 20):
            panel.styles.width = width
            await pilot.pause()
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            bottom = "".join(s.text for s in strips[panel.region.bottom - 1])[:width]
            keys = str(panel.border_subtitle)
            assert keys in bottom and "…" not in bottom, (width, bottom)
            assert "c accept ≈" in keys, (width, keys)


async def test_the_rows_stand_a_cell_off_the_panel_s_border() -> None:
    # The list is compact (no border of its own), which also took the rows' padding: each
    # quote touched the panel's border, "│Mexico will host a conference".
    from helpers.app import terminal_lines

    app = PanelHarness()
    async with app.run_test(size=(60, 20)) as pilot:
        app.query_one(AnnotationsPanel).set_annotations([EARLIER])
        await pilot.pause()
        quote = next(line for line in terminal_lines(app) if "Mexico will" in line)
        assert "│ Mexico will host a conference" in quote


def test_the_card_s_keys_break_between_their_parts_at_80x24() -> None:
    """The annotation's card beside the text at 80x24 is 35 columns wide: its keys stood as
    columns, "e edit      x delete  ] next" over a lone "[ previous".  The keys are a line of
    parts, broken between them, as the keys said without an annotation."""
    long_code = "policy/militarization-and-border-long-code-name"
    details = AnnotationDetails([Tag(long_code)])
    lines = [
        line.strip()
        for line in plain(
            details.describe(annotation("a", 5, "Mexico", long_code)), 35
        ).splitlines()
    ]
    assert "e edit · x delete · ] next" in lines and "[ previous" in lines, lines


def test_a_long_code_in_the_card_breaks_after_a_slash_or_a_dash() -> None:
    """At 35 columns (the card at 80x24) a long code was cut in a word: "...border-l" over
    "ong-code-name".  It breaks after a / or a -, and a chip that fits keeps the coloured
    space at its end."""
    long_code = "policy/militarization-and-border-long-code-name"
    details = AnnotationDetails([Tag(long_code)])
    shown = plain(details.describe(annotation("a", 5, "Mexico", long_code)), 35).splitlines()
    assert [line.rstrip() for line in shown[:2]] == [
        " policy/militarization-and-border-",
        "long-code-name",
    ], shown
