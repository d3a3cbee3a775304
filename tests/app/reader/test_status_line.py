"""The status line re-fits the document's name when its width changes, not only on a move."""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

import pytest
from helpers.app import (
    AppFactory,
    WorkspaceApp,
    main_screen,
    notices_said,
    opened,
    status_text,
    wait_until,
)
from helpers.counting import held_calls

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.workspace import Workspace
from tui_reader.reading.selection import trimmed
from tui_reader.ui.reading_pane.status_line import StatusLine

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_the_name_is_refitted_when_the_status_line_grows(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        before = str(status.render())
        assert DOC not in before and "…" in before and "0 annotations" in before
        await pilot.resize_terminal(260, 30)
        await pilot.pause()
        await pilot.pause()
        after = str(status.render())
        assert DOC in after and "0 annotations" in after


async def test_the_line_drawn_is_the_text_shown_in_the_widgets_colours(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """The status line draws its own line: what the screen shows is ``render()``'s text, the
    name bold, all in the widget's style, after each move and each re-fit."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        for keys in ((), ("G",), ("g", "j", "j"), ("theme",), ("k",), ("theme",)):
            if keys == ("theme",):  # another theme: the line in its colours, moved or not
                app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            else:
                await pilot.press(*keys)
            await pilot.pause()
            status = app.screen.query_one("#status", StatusLine)
            line = status.render_line(0)
            assert line.text == str(status.render())
            assert "line " in line.text and "annotations" in line.text
            segments = list(line)
            assert segments[0].style is not None and segments[0].style.bold
            base = status.rich_style
            assert all(s.style is not None and (s.style.color, s.style.bgcolor)
                       == (base.color, base.bgcolor) for s in segments)  # fmt: skip
            assert not status.render_line(0).text.startswith(" ")


async def test_at_40_columns_the_figures_are_clipped_visibly_not_cut_by_the_edge(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """At 40 columns the figures ran past the edge: "selected 10 char", the annotations
    gone, read as whole; they come closer together, the percentage left out (the line says
    where the caret is), "annotations" shortened ("0 ann."), and end in "…" where they are
    cut."""
    from rich.cells import cell_len

    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(40, 20)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("v", *"lllllllll")  # the caret's character and nine more
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        line = str(status.render())
        width = status.content_region.width
        assert cell_len(line) <= width, (line, width)
        assert line == "line 1/42 · selected 10 chars · 0 ann.", line
        await pilot.resize_terminal(120, 20)
        whole = "  ·  selected 10 chars  ·  0 annotations"
        await wait_until(pilot, lambda: str(status.render()).endswith(whole))  # laid out again
        assert str(status.render()).endswith(whole)


async def test_figures_cut_at_40_columns_are_left_out_whole_never_cut_in_a_word(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """At 40 columns the last figure was cut where the edge fell: "0 annotations" showed as
    "0…", a number that reads as something else; a figure that does not fit is left out whole
    and the "…" says figures were left out.  (At 36: at 40 "0 ann." has room.)"""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(36, 20)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("v", *"llllllll")
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        line = str(status.render())
        assert line.endswith("…") and len(line) <= status.content_region.width, line
        figures = ["line 1/42", "selected 9 chars", "0 ann."]  # (the percentage left out)
        shown = line.removesuffix("…").rstrip(" ·").split(" · ")
        assert shown == figures[: len(shown)], line


async def test_a_japanese_file_name_leaves_the_figures_on_the_line(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """A name in Japanese took two cells a character and pushed the figures off the right
    edge; it is clipped by cells, and the figures show whole."""
    from rich.cells import cell_len

    name = "東京都内の小学校教員への聞き取り調査・第二回インタビュー記録.txt"
    (corpus_copy / name).write_text((corpus_copy / DOC).read_text(encoding="utf-8"), "utf-8")
    app = make_app(open_file=corpus_copy / name)
    async with app.run_test(size=(100, 20)) as pilot:
        await opened(pilot)
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        line = str(status.render())
        assert cell_len(line) <= status.content_region.width, line
        assert line.startswith("東京都内") and "…" in line
        assert line.endswith("  ·  0%  ·  line 1/42  ·  0 annotations"), line


async def test_the_selection_is_counted_in_characters_as_they_are_seen(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """ "selected N chars" counted code points: an accent written apart, a skin tone, a flag
    each made one more than the reader sees."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seen.txt").write_text(
        "e\u0301te\u0301 \U0001f44d\U0001f3fd \U0001f1f2\U0001f1fd fin.\n"
    )
    app = make_app(corpus=corpus, open_file=corpus / "seen.txt")
    async with app.run_test(size=(120, 20)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("s")  # the sentence: é t é, 👍🏽, 🇲🇽, f i n . and two spaces
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        assert reader.selection == (0, 16)
        assert "selected 12 chars" in str(status.render())


async def test_the_selection_and_the_annotate_dialog_count_the_passage_alike(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A selection ending on a space ("In a move "): the status line said "selected 10
    chars", the annotate dialog "(9 characters)" of "In a move", the passage a codes (its
    offsets [0, 9)).  Both count the passage coded; a selection of spaces alone (a codes
    the sentence) is counted as it is."""
    from textual.widgets import Static

    from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "move.txt").write_text("In a move  that surprised nobody.\n", "utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "move.txt")
    async with app.run_test(size=(120, 20)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("v", *"l" * 9)
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        assert reader.selection == (0, 10)
        assert "selected 9 chars" in str(status.render()), status.render()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        quote = str(app.screen.query_one("#annotate-quote", Static).render())
        assert quote.endswith("(9 characters)"), quote
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        reader.focus()
        if reader.selection is not None:
            await pilot.press("escape")
        await pilot.press("0", *"l" * 9, "v", "l")  # the two spaces after "move"
        await pilot.pause()
        assert reader.selection == (9, 11)
        assert "selected 2 chars" in str(status.render()), status.render()


async def test_the_first_count_of_a_long_selection_loads_its_tables_off_the_app_s_thread(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first selection of more than 64K code points (not plain ASCII) loaded numpy and
    made the break classes' table on the app's thread, the key that grew it frozen a third
    of a second: a worker does it, the line says "selected … chars" meanwhile, then the
    count."""
    import regex

    from tui_reader.core.documents import units

    made_on: list[threading.Thread] = []

    def break_classes() -> object:
        made_on.append(threading.current_thread())
        return units._BreakClasses()

    monkeypatch.setattr(units, "_break_classes", functools.cache(break_classes))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Un e\u0301te\u0301 a\u0300 la mer.\n" * 6000  # 120,000 code points
    (corpus / "long.txt").write_text(text, "utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "long.txt")
    async with app.run_test(size=(120, 20)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("v", "G", "dollar")
        status = app.screen.query_one("#status", StatusLine)
        await wait_until(
            pilot, lambda: bool(made_on) and "selected … chars" not in str(status.render())
        )
        assert made_on and threading.main_thread() not in made_on
        # (the passage a codes: the last line's end left out)
        start, end = trimmed(reader.document.text, *(reader.selection or (0, 0)))  # type: ignore[union-attr]
        whole = sum(1 for _ in regex.finditer(r"\X", reader.document.text[start:end]))  # type: ignore[union-attr]
        assert f"selected {whole:,} chars" in str(status.render())


async def test_v_at_the_end_of_the_text_says_there_is_nothing_to_select_there(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """``v`` at the end of the text, where no character is under the caret, said "selected 0
    chars"; it says there is nothing to select there and how to select, and a move back
    selects up to the end."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("G", "v")
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        line = str(status.render())
        assert "selected 0 chars" not in line and "nothing selected yet" in line, line
        said = [n.message for n in app._notifications]
        assert any("Nothing to select at the end of the text" in m for m in said), said
        await pilot.press("h", "h")
        await pilot.pause()
        assert reader.selection == (len(reader.document.text) - 2, len(reader.document.text))
        assert "selected 2 chars" in str(status.render())


async def test_annotations_being_placed_are_not_said_to_be_none(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document with a passage coded opened while its annotations were placed (seconds with
    100,000 annotations on a busy machine): the status line said "0 annotations" all that
    while, as if the coding were lost. It says they are being placed, then how many."""
    workspace = Workspace(corpus_copy, db_copy)
    key = f"{corpus_copy.name}/{DOC}"
    Annotator(workspace.store).create(key, workspace.document(key), 92, 286, ("kept",))
    release = held_calls(monkeypatch, workspace, "anchored_in", 30)
    app = WorkspaceApp(workspace, key)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        try:
            await wait_until(pilot, lambda: screen.reader.document is not None)
            await pilot.pause()
            assert "placing annotations…" in status_text(screen)
            assert "0 annotations" not in status_text(screen)
        finally:
            release.set()
        await wait_until(pilot, lambda: "1 annotation" in status_text(screen))
        assert "placing" not in status_text(screen)


async def test_at_80_columns_a_search_says_which_hit_the_caret_is_on(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """At 80x24, the library beside the text, ``/`` then ``n`` said "16% · line 7/42 · 0
    annotations · …": the hit the caret was on (2/3) was left out with the pattern it was said
    with. Where the figures do not fit, the pattern is left out first, then the percentage."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("slash", *"Mexican (government|border|diplomat)", "enter")
        status = app.screen.query_one("#status", StatusLine)
        await wait_until(pilot, lambda: "/3" in str(status.render()))
        await pilot.press("n")
        await wait_until(pilot, lambda: "2/3" in str(status.render()))
        line = str(status.render())
        assert len(line) <= status.content_region.width, line
        # without its pattern it says what it counts: a bare "2/3" read as a count of lines
        assert line.endswith("line 7/42 · 0 annotations · hit 2/3"), line
        for columns in (100, 120):
            await pilot.resize_terminal(columns, 24)
            await wait_until(pilot, lambda c=columns: status.content_region.width > c // 2)
            await pilot.pause()
            line = str(status.render())
            assert len(line) <= status.content_region.width, (columns, line)
            assert line.endswith((" · hit 2/3", "” 2/3")), (columns, line)
        await pilot.resize_terminal(160, 24)
        said = "“Mexican (government|border|diplomat)” 2/3"
        await wait_until(pilot, lambda: said in str(status.render()))


async def test_a_search_going_round_the_text_keeps_the_line_as_it_was(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """At 100x30, the library beside the text, ``n`` on the only hit said "6% · line 3/42 · 0
    annotations · hit 1/1 (from the top)": the note that the search went round, a notice's
    words, took the name off the line (the next ``n`` brought it back); beside the
    annotations panel at 80 columns it cut the hit ("line 3/42 · 0 ann. · …").  Where the
    pattern gives way, the note goes with it; with room, the line says it all."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        status = app.screen.query_one("#status", StatusLine)
        await pilot.press("slash", *"Pentagon plan", "enter")
        await wait_until(pilot, lambda: "1/1" in str(status.render()))
        first = str(status.render())
        assert first.startswith("mexico-") and first.endswith(" · hit 1/1"), first
        said = notices_said(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: any("hit the bottom" in n for n in said))
        await pilot.pause()
        assert str(status.render()) == first
        await pilot.resize_terminal(80, 24)
        await pilot.press("A")
        await wait_until(pilot, lambda: status.content_region.width < 40)
        await pilot.pause()
        assert str(status.render()).endswith(" · hit 1/1"), str(status.render())
        await pilot.press("A")
        await pilot.resize_terminal(200, 30)
        whole = "“Pentagon plan” 1/1 (from the top)"
        await wait_until(pilot, lambda: str(status.render()).endswith(whole))


TEAMS_CALL = "".join(
    f"{i}\n00:00:{5 * i:02d}.000 --> 00:00:{5 * i + 4:02d}.500\n<v {who}>{said}</v>\n\n"
    for i, (who, said) in enumerate(
        [
            ("Ruiz, Ana", "Thanks for joining. Let's talk about the checkpoints."),
            ("Méndez, Carlos", "Sure. There are more checkpoints now than last year."),
            ("Ruiz, Ana", "And the police, do they ask for money?"),
            ("Méndez, Carlos", "Always. The police ask for money at every checkpoint."),
        ]
        * 3
    )
)


@pytest.mark.parametrize("columns", [120, 80])
async def test_a_transcript_s_figures_show_whole_at_80_and_120_columns(
    make_app: AppFactory, tmp_path: Path, columns: int
) -> None:
    """On a Teams call at 120 columns, the library beside it, a search and a selection made
    the line "[00:00:15] Méndez, Carlos · 33% · line 7/23 · selected 11 chars · …": the
    count of annotations and the hit the caret was on left out, while the time and the
    percentage kept their room; at 80 the selection too.  The least useful give way first:
    the search's pattern, the percentage, the turn's time; the name is shortened in its
    middle, and left out before the figures that count."""
    from rich.cells import cell_len

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "teams-call-carlos-mendez-2024-03-14.vtt"
    (corpus / name).write_text("WEBVTT\n\n" + TEAMS_CALL, encoding="utf-8")
    app = make_app(corpus=corpus, open_file=corpus / name)
    async with app.run_test(size=(columns, 24)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("slash", *"checkpoint", "enter")
        status = app.screen.query_one("#status", StatusLine)

        def searched() -> str:  # what the line says of the search, shown or not
            return "" if status._reading is None else status._reading[4]

        def line_shown(*figures: str) -> str:
            line = str(status.render())
            assert cell_len(line) <= status.content_region.width, line
            for figure in figures:
                assert figure in line, (figure, line)
            assert not line.endswith("…"), line
            return line

        await wait_until(pilot, lambda: searched().endswith("/9"))
        await pilot.press("n", "n")
        await wait_until(pilot, lambda: searched().endswith(" 3/9"))
        await pilot.pause()
        # the hit said with its pattern, else "hit 3/9": never a bare count
        line = line_shown("Méndez, Carlos", "line 7/23", "0 ann")  # "0 ann." where short
        assert re.search(r"(“checkpoint”|hit) 3/9$", line), line
        if columns == 120:  # every figure whole, the pattern too: no room for the name
            assert line.startswith("[00:00:15] ") and "“checkpoint” 3/9" in line, line
        await pilot.press("v", "w", "w")
        await wait_until(pilot, lambda: reader.selection is not None)
        await pilot.pause()
        if columns == 120:
            line_shown("Méndez, Carlos", "line 7/23", "selected 11 chars", "0 ann", " 3/9")
        else:  # the selection kept, what is counted of the whole document and the hit cut
            line = str(status.render())
            assert cell_len(line) <= status.content_region.width, line
            assert line.startswith("Méndez, Carlos · line 7/23 · selected 11 chars"), line


@pytest.mark.parametrize(
    ("turn", "said"),
    [("P03", "P03 · line 5/9 · selected 10 · …"), ("Interviewer: And", "line ")],
    ids=["short-speaker-name", "long-speaker-name"],
)
async def test_a_selection_in_a_speaker_s_turn_keeps_its_count_where_the_line_is_short(
    make_app: AppFactory, tmp_path: Path, turn: str, said: str
) -> None:
    """In a transcript, the text some 38 columns wide (an 80-column terminal with the
    annotations panel beside it), the turn's speaker, the line and "selected 10 chars" did
    not fit: the line said "P03 · line 5/9 · …" (an interview's "LUCÍA · line 5/13 · …"),
    nothing of what was selected while selecting.  The count stays, said "selected 10".  With
    a speaker's name too long for the count even so ("INTERVIEWER · line 7/13 · …" in the
    app, the panel open), the speaker, whose name the text shows at the turn's start, gives
    way to the count."""
    from helpers.format_fixtures import make_format_corpus
    from rich.cells import cell_len

    corpus = tmp_path / "corpus"
    made = make_format_corpus(corpus)
    app = make_app(corpus=corpus, open_file=made["docx"])
    async with app.run_test(size=(38, 20)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        assert reader.document is not None
        reader.move_caret(reader.document.text.index(turn), select=False)
        await pilot.press("v", *"lllllllll")  # the caret's character and nine more
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        line = str(status.render())
        assert cell_len(line) <= status.content_region.width, line
        assert line.startswith(said) and " · selected 10 · " in line, line
