"""less's ``&pattern``: only the lines holding a match show; the caret, the selection and the
annotation keys work in them, at the text's own offsets; ``&`` and ``enter`` alone show every
line again."""

from __future__ import annotations

from pathlib import Path

from helpers.analysis import analysis_app
from helpers.annotations import on_phrases, on_spans
from helpers.app import AppFactory, notices_said, reader_focused, ready, status_text, wait_until
from helpers.passages import MEXICO, Annotated
from rich.segment import Segment

from tui_reader.core.documents.document import load_document
from tui_reader.core.search.hits import find_hits
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.widgets.reader import ReaderView

SIZE = (80, 24)
WIDE = (120, 40)  # the status line read whole, its hint for & and enter at its end


def lines_on_screen(reader: ReaderView) -> set[int]:
    """The starts of the text's lines every display line of the view lies on."""
    layout, text = reader.layout_engine, reader.document.text  # type: ignore[union-attr]
    layout.ensure_lines(0, 10**9)
    return {text.rfind("\n", 0, layout.line_range(y)[0]) + 1 for y in range(layout.line_count)}


async def test_ampersand_shows_the_lines_holding_a_pattern_and_the_keys_work_in_them(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, reader = await reader_focused(pilot)
        text = reader.document.text  # type: ignore[union-attr]
        starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
        holding = {s for s in starts if "mexico" in text[s : text.find("\n", s)].casefold()}
        assert 3 < len(holding) < len(starts) // 2
        await pilot.press("ampersand", *"mexico", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        assert isinstance(app.focused, ReaderView)  # the prompt closed
        said = status_text(screen)
        assert said.endswith("& enter: every line")
        assert f"&“mexico”: {len(holding)} lines" in said
        assert lines_on_screen(reader) == holding
        # motions stay on the lines shown: G to the last, g to the first, j line by line
        await pilot.press("G")
        assert text.rfind("\n", 0, reader.caret) + 1 == max(holding)
        # said first, where a line too narrow for every figure keeps it (beside the library)
        assert f"&“mexico”: {len(holding)} lines" in status_text(screen)
        await pilot.press("g")
        first = min(holding)
        assert text.rfind("\n", 0, reader.caret) + 1 == first
        await pilot.press("j")
        assert reader.layout_engine.line_of(reader.caret) == 1
        # a word motion off the end of a line goes on to the next line shown
        end = text.find("\n", first)
        reader.move_caret(end - 1)
        await pilot.press("w")
        assert reader.caret in holding - {first} and reader.caret == min(holding - {first})
        # a selection and an annotation in the filtered view: the text's offsets
        await pilot.press("v", "w", "w")
        selected = reader.selection
        assert selected is not None
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        await wait_until(pilot, lambda: len(screen.pane.annotations) == 1)
        annotation = screen.pane.annotations[0]
        assert (annotation.start, annotation.end) == selected
        assert annotation.quote == text[slice(*selected)]
        # & and enter alone: every line again, the caret where it was
        caret = reader.caret
        await pilot.press("ampersand", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is None)
        assert reader.caret == caret
        assert "&“mexico”" not in status_text(screen)
        assert lines_on_screen(reader) == set(starts) - {len(text)} | (
            {len(text)} if text.endswith("\n") else set()
        )


async def test_a_pattern_on_no_line_leaves_every_line_and_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await reader_focused(pilot)
        count = reader.layout_engine.line_count
        await pilot.press("ampersand", *"zzqqx", "enter")
        await wait_until(
            pilot, lambda: any("Pattern not found" in n.message for n in app._notifications)
        )
        assert reader.shown_lines is None and reader.layout_engine.line_count == count
        assert "&“zzqqx”" not in status_text(screen)


async def test_a_pattern_is_read_as_a_regular_expression_as_less_reads_it(
    make_app: AppFactory,
) -> None:
    """& and / took a pattern as typed, where less reads a regular expression: &^(In|The)
    and /[Mm]exic were "Pattern not found" on lines the user saw.  They read one now; ^R at
    the prompt takes it as typed, as less's does; one that is none is said at once."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, reader = await reader_focused(pilot)
        text = reader.document.text  # type: ignore[union-attr]
        starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
        holding = {s for s in starts if text.startswith(("In ", "The "), s)}
        assert 0 < len(holding) < len(starts) // 2
        await pilot.press("ampersand", *"^(In|The) ", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        assert lines_on_screen(reader) == holding
        await pilot.press("ampersand", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is None)
        first = min(i for i in (text.find("Mexic"), text.find("mexic")) if i >= 0)
        await pilot.press("g", "slash", *"[Mm]exic", "enter")
        await wait_until(pilot, lambda: bool(screen.column.search.hits))
        assert reader.caret == first
        # ^R: as typed, found nowhere, and said so
        await pilot.press("slash", "ctrl+r", *"[Mm]exic", "enter")
        await wait_until(
            pilot,
            lambda: any(
                "not found: [Mm]exic (taken as typed, ^R: not as a regular expression)" in n.message
                for n in app._notifications
            ),
        )
        # a pattern that is none: said, nothing searched, the text focused
        await pilot.press("slash", *"colou(r", "enter")
        await wait_until(
            pilot,
            lambda: any(
                "'colou(r': is not a regular expression" in n.message for n in app._notifications
            ),
        )
        assert isinstance(app.focused, ReaderView)


async def test_a_search_in_the_filtered_view_goes_only_to_the_hits_shown(
    make_app: AppFactory,
) -> None:
    """/ and n in a filtered view took the caret to hits on lines the filter hides (the
    caret then put on the next line shown, the count saying a hit it was not on): they go
    from one hit on a line shown to the next, round the text."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await reader_focused(pilot)
        text = reader.document.text  # type: ignore[union-attr]
        await pilot.press("ampersand", *"mexico", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        lines = reader.shown_lines
        assert lines is not None
        hits = list(find_hits(text, "border"))
        shown = [start for start, _ in hits if lines.holds(text, start)]
        assert 1 < len(shown) < len(hits)  # some hits hidden, some shown
        await pilot.press("slash", *"border", "enter")
        await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
        visited = [reader.caret]
        for _ in range(len(shown)):
            await pilot.press("n")
            visited.append(reader.caret)
        assert visited == [*shown, shown[0]]  # each one shown, in order, then round
        await pilot.press("N")
        assert reader.caret == shown[-1]
        index = screen.column.search.index
        assert index is not None and screen.column.search.hits[index][0] == shown[-1]


def lines_holding(text: str, word: str) -> set[int]:
    """The starts of the lines of ``text`` holding ``word`` (any case)."""
    starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    return {s for s in starts if s < len(text) and word in text[s : text.find("\n", s)].casefold()}


async def test_the_filter_stays_on_when_another_document_opens(make_app: AppFactory) -> None:
    """The filter was dropped as the next document opened (less keeps it from file to file):
    it runs again on each document opened, said in the status line; on no line of one, every
    line shows, said, and the filter stays on for the next."""
    app = make_app()
    said = notices_said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await reader_focused(pilot)
        first = reader.document
        await pilot.press("ampersand", *"southcom", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        await pilot.press("greater_than_sign")  # the next document: southcom on no line
        await wait_until(pilot, lambda: reader.document not in (None, first))
        await wait_until(pilot, lambda: "on no line here" in status_text(screen))
        assert reader.shown_lines is None
        assert any("&southcom is on no line" in message for message in said)
        await pilot.press("ampersand", *"mexico", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        second = reader.document
        await pilot.press("less_than_sign")  # back to the first: filtered as well
        await wait_until(pilot, lambda: reader.document not in (None, second))
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        text = reader.document.text  # type: ignore[union-attr]
        assert lines_on_screen(reader) == lines_holding(text, "mexico")
        assert f"&“mexico”: {len(lines_holding(text, 'mexico'))} lines" in status_text(screen)


async def test_the_matches_are_marked_on_the_lines_shown(make_app: AppFactory) -> None:
    """The filtered view showed the lines holding the pattern with nothing marked in them
    (less highlights the matches): each match is painted as a search hit is, until & and
    enter alone end the filter."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, reader = await reader_focused(pilot)
        hit = reader.get_component_rich_style("reader--search-hit").bgcolor

        def marked() -> list[str]:
            """The words painted as hits in the lines in view."""
            painted = "".join(
                segment.text if segment.style is not None and segment.style.bgcolor == hit else " "
                for y in range(reader.layout_engine.line_count)
                for segment in [*reader.render_line(y), Segment(" ")]
            )
            return painted.split()

        await pilot.press("ampersand", *"mexico", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        await pilot.pause()
        assert marked() and {word.casefold() for word in marked()} == {"mexico"}
        await pilot.press("ampersand", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is None)
        await pilot.pause()
        assert marked() == []


async def test_next_and_previous_annotation_step_over_those_the_filter_hides(
    annotated: Annotated,
) -> None:
    """] to an annotation on a line the filter hides put the caret on the next line shown,
    no annotation there, and never reached the one after: ] and [ go from one annotation on
    the lines shown to the next, and say so when the filter hides the rest."""
    app = analysis_app(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        await wait_until(pilot, lambda: len(screen.pane.placed) == 3)
        text = reader.document.text  # type: ignore[union-attr]
        reader.focus()
        await pilot.press("ampersand", *"security", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        lines = reader.shown_lines
        assert lines is not None
        starts = sorted(a.start for a in screen.pane.placed)
        shown = [s for s in starts if lines.holds(text, s)]
        assert 1 < len(shown) < len(starts)  # one hidden between two shown
        await pilot.press("g")
        visited = []
        for _ in shown:
            await pilot.press("right_square_bracket")
            visited.append(reader.caret)
        assert visited == shown
        await pilot.press("left_square_bracket")
        assert reader.caret == shown[-2]
        # only the last one shown: [ from it says the filter hides those before
        await pilot.press("ampersand", *"news has gone", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not lines)
        await pilot.press("G", "left_square_bracket")
        assert reader.caret == starts[-1]
        await pilot.press("left_square_bracket")
        assert reader.caret == starts[-1]
        await wait_until(
            pilot, lambda: any("the filter hides" in n.message for n in app._notifications)
        )


async def test_annotations_shown_from_one_place_are_each_gone_to_in_turn(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Two annotations whose parts shown began at one offset (one running from a line the
    filter hides into a line shown, one starting there) were one stop for ] and [: the one
    behind the other was never reached. Each is gone to in turn, the details showing it."""
    path = corpus_copy / Path(MEXICO).name
    db = tmp_path / "annotations.json"
    text = load_document(path).text
    line = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    seventh = text[line[6] : line[7] - 1]
    with AnnotationStore(db) as store:
        before = on_phrases(store, path, ["remilitarize the region"], ("before",))[0]
        # from the hidden fifth line into the seventh; the seventh whole; its first words
        (into,) = on_spans(store, path, [(line[4], line[6] + 20)], ("into",))
        (whole,) = on_spans(store, path, [(line[6], line[7] - 1)], ("whole",))
        (words,) = on_spans(store, path, [(line[6], line[6] + 12)], ("words",))
    app = ReaderApp(corpus_copy, db, path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reader, pane = screen.reader, screen.pane
        await wait_until(pilot, lambda: len(pane.placed) == 4)
        reader.focus()
        await pilot.press("ampersand", *"security", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        assert "security" in seventh.casefold()
        await pilot.press("g")
        visited = []
        for _ in range(4):
            await pilot.press("right_square_bracket")
            await wait_until(pilot, lambda: pane.current is not None)
            visited.append((reader.caret, pane.current.id if pane.current else None))
        assert visited == [
            (before.start, before.id),
            (line[6], into.id),
            (line[6], whole.id),
            (line[6], words.id),
        ]
        await pilot.press("right_square_bracket")  # none after: the caret stays
        assert (reader.caret, pane.current and pane.current.id) == (line[6], words.id)
        back = []
        for _ in range(3):
            await pilot.press("left_square_bracket")
            back.append((reader.caret, pane.current.id if pane.current else None))
        assert back == [(line[6], whole.id), (line[6], into.id), (before.start, before.id)]
        # the caret brought there otherwise: on the innermost, [ to those before it there
        reader.move_caret(line[6])
        await wait_until(pilot, lambda: pane.current is not None and pane.current.id == words.id)
        await pilot.press("left_square_bracket")
        assert (reader.caret, pane.current and pane.current.id) == (line[6], whole.id)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert (reader.caret, pane.current and pane.current.id) == (line[6], words.id)


async def test_ctrl_r_says_the_pattern_is_taken_as_typed_in_a_short_terminal(
    make_app: AppFactory,
) -> None:
    """At 50x15 the prompt is a line without a border: ^R said nothing there, and the search
    then found the pattern as typed with nothing on screen to tell why."""
    from tui_reader.ui.reading_pane.search_bar import SearchBar

    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        screen, _ = await reader_focused(pilot)
        assert screen.has_class("-short")
        await pilot.press("slash", "ctrl+r")
        bar = screen.query_one("#search", SearchBar)
        assert bar.literal and bar.placeholder.startswith("As typed (^R)")
        await wait_until(pilot, lambda: any("as typed" in n.message for n in app._notifications))
        await pilot.press("ctrl+r")
        assert not bar.literal and not bar.placeholder.startswith("As typed")


async def test_a_pattern_matching_only_empty_text_is_said_so(make_app: AppFactory) -> None:
    """/^ alone (or \\b) found no hit and said "Pattern not found: ^", where the text has a
    line start on every line: as search -E, it is said to match only empty text."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await reader_focused(pilot)
        await pilot.press("slash", "circumflex_accent", "enter")
        await wait_until(
            pilot,
            lambda: any(
                "'^' matches only empty text" in n.message and "give it characters" in n.message
                for n in app._notifications
            ),
        )
