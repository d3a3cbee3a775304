"""Pilot tests of every annotation action in the reading view (ReadingPane in a harness)."""

from __future__ import annotations

import csv
import errno
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.annotations import add_tags
from helpers.app import (
    command_chosen,
    notices_said,
    opened,
    side_details,
    wait_until,
    workers_done,
)
from helpers.format_fixtures import make_xlsx
from rich.color import Color
from textual.events import MouseMove
from textual.widgets import OptionList, Static

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.preview import PREVIEW_THRESHOLD, load_preview
from tui_reader.core.store import journal
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.locations import previous_state
from tui_reader.reading.highlights import PALETTE, readable_on
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane import HIGHLIGHT_LAYER, ReadingPane
from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.reading_pane.details import AnnotationSummary
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.widgets.reader import ReaderView

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
FIRST_SENTENCE_START = "In a move that reveals"
FIRST_SENTENCE = (
    "In a move that reveals the utter subservience of the Peña Nieto government, Mexico agreed "
    "to host a U.S. security meeting that will take place inside the U.S. Southern Command in "
    "Doral, Florida."
)


class ReaderAppOn(ReaderApp):
    """The real app on a copy of the corpus, opening ``path`` with the test's workspace."""

    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    def __init__(self, workspace: Workspace, path: Path) -> None:
        super().__init__(workspace.corpus, workspace.db, path)
        self.workspace.store.close()
        self.workspace = workspace  # the test's, so it sees the same store


class Harness(ReaderAppOn):
    """The real app opening the Pentagon article."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace, workspace.path(DOC))


@pytest.fixture
def workspace(corpus_copy: Path, db_copy: Path) -> Workspace:
    return Workspace(corpus_copy, db_copy)


def stored(workspace: Workspace) -> list[tuple[str, tuple[str, ...], str]]:
    fresh = AnnotationStore(workspace.store.path)
    return [(a.quote, a.tags, a.note) for a in fresh.annotations(DOC)]


async def caret_to(pilot: object, reader: ReaderView, phrase: str) -> None:
    assert reader.document is not None
    reader.move_caret(reader.document.text.index(phrase), select=False)


async def test_s_selects_sentence_a_tags_it(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        pane = app.screen.query_one(ReadingPane)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s")
        assert reader.document is not None
        start, end = reader.selection or (0, 0)
        assert reader.document.text[start:end] == FIRST_SENTENCE
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        await pilot.press(*"militarization", "enter")
        await pilot.pause()
        assert stored(workspace) == [(FIRST_SENTENCE, ("militarization",), "")]
        assert reader.selection is None
        marks = reader._layers[HIGHLIGHT_LAYER]  # painted in the reader's highlight layer
        assert [(m.start, m.end) for m in marks.overlapping(0, 10**6)] == [(start, end)]
        assert [a.quote for a in pane.annotations] == [FIRST_SENTENCE]
        # the caret inside the highlight shows it in the side panel
        reader.move_caret(start + 3)
        await pilot.pause()
        details = await side_details(pilot)
        assert details.annotation is not None and details.annotation.tags == ("militarization",)
        # 120 columns leave no room for the side panel: a line under the text says it
        summary = app.screen.query_one(AnnotationSummary)
        assert summary.display and "militarization" in str(summary.render())
        await pilot.press("A")  # the side panel opens and the line makes way
        await pilot.pause()
        assert not summary.display
        reader.move_caret(0)
        await pilot.press("A")  # from the panel: closes it
        await pilot.pause()
        assert not summary.display  # the caret is on no annotation now


async def test_s_again_extends_and_p_selects_paragraph(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "s")
        assert reader.document is not None
        text = reader.document.text
        start, end = reader.selection or (0, 0)
        assert text[start:end].startswith(FIRST_SENTENCE + " After a tradition")
        assert text[start:end].endswith("largely under its command,")
        await pilot.press("escape", "p")
        paragraph = reader.selection or (0, 0)
        assert text[paragraph[0] : paragraph[1]].startswith(FIRST_SENTENCE_START)
        assert "\n" not in text[paragraph[0] : paragraph[1]]


@pytest.mark.parametrize("name", ["survey.csv", "survey.xlsx"])
async def test_s_p_and_a_in_a_survey_table_keep_to_an_answer_s_cell_and_row(
    tmp_path: Path, name: str
) -> None:
    # A survey's sheet, a row a respondent: s on an answer took the row's ID, age and
    # country with its first sentence ("2 │ 51 │ Guatemala │ Too noisy."), p the whole sheet,
    # and a with nothing selected coded that sentence so; autocode keeps them to the cell
    # and the row, and so do these keys now.
    rows: list[list[object]] = [
        ["ID", "Age", "Country", "Answer"],
        [1, 34, "Mexico", "The checkpoints frightened us. My family is afraid."],
        [2, 51, "Guatemala", "Too noisy. The soldiers were everywhere."],
        [3, 27, "Honduras", "Nobody explained the plan."],
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if name.endswith(".xlsx"):
        make_xlsx(corpus / name, [("Responses", rows)])
    else:
        with (corpus / name).open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    app = ReaderAppOn(workspace, corpus / name)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        text = reader.document.text
        second = "2 │ 51 │ Guatemala │ Too noisy. The soldiers were everywhere."
        assert second in text  # read as a table, a line a row

        def selected() -> str:
            start, end = reader.selection or (0, 0)
            return text[start:end]

        await caret_to(pilot, reader, "noisy")
        await pilot.press("s")
        assert selected() == "Too noisy."
        await pilot.press("s")
        assert selected() == "Too noisy. The soldiers were everywhere."
        await pilot.press("escape", "p")
        assert selected() == second
        await pilot.press("p")
        assert selected() == second + "\n3 │ 27 │ Honduras │ Nobody explained the plan."
        await pilot.press("escape")
        await caret_to(pilot, reader, "afraid")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.press(*"fear", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        await workers_done(app)
        fresh = AnnotationStore(workspace.store.path)
        assert [(a.quote, a.tags) for a in fresh.annotations()] == [
            ("My family is afraid.", ("fear",))
        ]


async def test_a_without_selection_takes_sentence_escape_cancels(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "Southern Command in Doral")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog) and dialog.quote == FIRST_SENTENCE
        await pilot.press("x", "escape")
        await pilot.pause()
        assert stored(workspace) == []
        await pilot.press("enter")  # enter with no selection does not annotate
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateDialog)


async def test_number_keys_repeat_and_tag_under_caret(workspace: Workspace) -> None:
    add_tags(workspace.store, ["militarization", "migration", "sources"])
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "2")
        await pilot.pause()
        assert stored(workspace) == [(FIRST_SENTENCE, ("migration",), "")]
        # the caret now sits just after the sentence; the sentence there is the one just
        # tagged, so 3 adds to it rather than making a second annotation on the same words
        await pilot.press("3")
        await pilot.pause()
        assert stored(workspace) == [(FIRST_SENTENCE, ("migration", "sources"), "")]
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("1")  # caret inside it: the tag joins it
        await pilot.pause()
        assert stored(workspace) == [
            (FIRST_SENTENCE, ("migration", "sources", "militarization"), "")
        ]
        await caret_to(pilot, reader, "Not only will Mexico")
        await pilot.press("s", "full_stop")  # repeat the last tags
        await pilot.pause()
        quotes = {quote: tags for quote, tags, _ in stored(workspace)}
        repeated = [tags for quote, tags in quotes.items() if quote.startswith("Not only")]
        assert repeated == [("militarization",)]
        await pilot.press("9")  # beyond the codebook: a warning, nothing saved
        await pilot.pause()
        assert len(stored(workspace)) == 2


async def test_next_previous_edit_delete_undo(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        text = reader.document.text
        for phrase in ("utter subservience", "Not only will Mexico", "The news has gone"):
            await caret_to(pilot, reader, phrase)
            await pilot.press("s", "a", *"t", "enter")
            await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        starts = sorted(a.start for a in app.screen.query_one(ReadingPane).annotations)
        reader.move_caret(0)
        await pilot.press("right_square_bracket")
        assert reader.caret == starts[0]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert reader.caret == starts[2]
        await pilot.press("left_square_bracket")
        assert reader.caret == starts[1]
        # edit the one under the caret
        # (each step waits for what it shows: a busy machine takes more than a frame)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.press("tab", *"a note", "ctrl+s")

        def notes() -> list[str]:
            return [n for q, _, n in stored(workspace) if q.startswith("Not only")]

        await wait_until(pilot, lambda: notes() == ["a note"])
        # delete asks first; n keeps it
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert len(stored(workspace)) == 3
        await pilot.press("x", "y")  # y typed right behind x: it answers the question
        await wait_until(pilot, lambda: len(stored(workspace)) == 2)
        await wait_until(pilot, lambda: len(reader._layers[HIGHLIGHT_LAYER]) == 2)
        await pilot.press("u")
        await wait_until(pilot, lambda: notes() == ["a note"])
        await wait_until(pilot, lambda: len(reader._layers[HIGHLIGHT_LAYER]) == 3)
        assert text[reader.caret :].startswith("Not only")


async def test_panel_lists_jumps_and_reattaches_orphan(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        pane = app.screen.query_one(ReadingPane)
        assert reader.document is not None
        document = reader.document
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "a", *"kept", "enter")
        await wait_until(pilot, lambda: any(a.tags == ("kept",) for a in pane.annotations))
        # an annotation whose passage vanished from the document: an orphan
        lost = pane.annotator.create(DOC, document, 0, 10, ("lost",))
        workspace.store.update(
            lost.evolve(quote="words that were edited away", prefix="", suffix="")
        )
        pane.reload()
        await workers_done(app)
        await pilot.pause()
        assert [a.status for a in pane.annotations].count(AnchorStatus.ORPHAN) == 1
        await pilot.press("A")
        panel = app.screen.query_one(AnnotationsPanel)
        await wait_until(pilot, lambda: panel.has_focus_within and panel.current is not None)
        assert panel.current is not None and panel.current.tags == ("kept",)
        await pilot.press("enter")  # jump: caret to the annotation, focus back in the text
        await wait_until(pilot, lambda: reader.has_focus)
        assert document.text[reader.caret :].startswith(FIRST_SENTENCE_START)
        # select a passage, go to the orphan in the panel, r re-attaches it there
        await caret_to(pilot, reader, "Not only will Mexico")
        # (A from the text goes to the open panel, its cursor where it was left)
        await pilot.press("s", "A", "down")  # down skips the disabled "Orphaned" heading
        await wait_until(pilot, lambda: panel.current is not None and panel.current.id == lost.id)
        await pilot.press("r")
        await wait_until(
            pilot, lambda: all(a.status != AnchorStatus.ORPHAN for a in pane.annotations)
        )
        fresh = AnnotationStore(workspace.store.path).get(lost.id)
        assert fresh is not None and fresh.quote.startswith("Not only will Mexico")
        assert fresh.status == AnchorStatus.ANCHORED and fresh.tags == ("lost",)
        assert all(a.status != AnchorStatus.ORPHAN for a in pane.annotations)
        await pilot.press("escape")
        await wait_until(pilot, lambda: reader.has_focus)


async def test_an_orphan_left_in_the_panel_is_re_attached_by_a_then_r(
    workspace: Workspace,
) -> None:
    """The panel open, its cursor on an orphan, esc to the text to select the passage: A
    closed the panel, and A again opened it on the annotation nearest the caret, so reaching
    the orphan took A A and arrows, which neither the panel nor the help said.  A from the
    text goes to the open panel, its cursor on the orphan still: A r re-attaches it."""
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        pane = app.screen.query_one(ReadingPane)
        assert reader.document is not None
        document = reader.document
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "a", *"kept", "enter")
        lost = pane.annotator.create(DOC, document, 0, 10, ("lost",))
        workspace.store.update(
            lost.evolve(quote="words that were edited away", prefix="", suffix="")
        )
        pane.reload()
        await workers_done(app)
        await pilot.pause()
        await pilot.press("A", "G")  # the panel, its last row: the orphan
        panel = app.screen.query_one(AnnotationsPanel)
        await wait_until(pilot, lambda: panel.current is not None and panel.current.id == lost.id)
        listed = panel.query_one(OptionList)
        heading = str(listed.get_option("annotations-orphans-heading").prompt)
        assert "A back here and r" in heading, heading  # how to go and come back
        await pilot.press("escape")  # to the text, the panel open beside it
        await wait_until(pilot, lambda: reader.has_focus)
        # The passages placed again meanwhile (the database folded, or changed elsewhere),
        # the caret still in "kept": the panel's cursor stays on the orphan it was left on.
        pane.reload()
        await workers_done(app)
        await pilot.pause()
        assert panel.current is not None and panel.current.id == lost.id
        await caret_to(pilot, reader, "Not only will Mexico")
        await pilot.press("s", "A")
        await wait_until(pilot, lambda: panel.has_focus_within)
        assert panel.current is not None and panel.current.id == lost.id
        await pilot.press("r")
        await wait_until(
            pilot, lambda: all(a.status != AnchorStatus.ORPHAN for a in pane.annotations)
        )
        fresh = AnnotationStore(workspace.store.path).get(lost.id)
        assert fresh is not None and fresh.quote.startswith("Not only will Mexico")
        await pilot.press("A")  # from the panel: closed, the text has the focus
        await wait_until(pilot, lambda: reader.has_focus and not panel.has_class("-open"))


async def test_failed_save_is_shown_and_nothing_drawn(
    corpus_copy: Path, db_copy: Path, make_read_only: Callable[[Path], None]
) -> None:
    make_read_only(db_copy)
    workspace = Workspace(corpus_copy, db_copy)
    assert workspace.store.read_only
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s")
        selection = reader.selection
        await pilot.press("a", *"militarization", "enter")
        # the dialog stays open with what was typed, and says why on its line (alone)
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        line = dialog.query_one("#annotate-error", Static)
        await wait_until(pilot, lambda: "read-only" in str(line.render()))
        assert str(line.render()).startswith("Not saved: ")
        assert dialog.draft().tags == ("militarization",)
        assert not any(n.severity == "error" for n in app._notifications)
        await pilot.press("escape", "y")  # what was typed: asks before discarding
        await wait_until(
            pilot,
            lambda: (
                app.screen.query(ReadingPane).results() is not None
                and bool(list(app.screen.query(ReadingPane)))
            ),
        )
        assert len(reader._layers[HIGHLIGHT_LAYER]) == 0  # no highlight pretends it was saved
        assert app.screen.query_one(ReadingPane).annotations == []
        assert reader.selection == selection  # kept, to try again once the cause is fixed
        await pilot.press("1")  # no codebook tag 1 either: a warning, nothing else
        await pilot.pause()
    assert AnnotationStore(db_copy).annotations() == []


async def test_mouse_drag_selects_then_a_annotates_it(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        start = reader.offset_at_screen(10, 4)
        last = reader.offset_at_screen(30, 6)
        end = last + 1  # the character under the pointer is in, as a terminal selects
        assert start < last and not reader.document.text[last].isspace()
        await pilot.mouse_down(reader, offset=(10, 4))
        assert reader.selection is None  # a press alone selects nothing
        # the terminal reports motion with the button held while dragging
        await pilot._post_mouse_events([MouseMove], reader, (20, 5), button=1)
        await pilot._post_mouse_events([MouseMove], reader, (30, 6), button=1)
        await pilot.mouse_up(reader, offset=(30, 6))
        await pilot.pause()
        assert reader.selection == (start, end)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        assert dialog.quote == reader.document.text[start:end].strip()
        await pilot.press("escape")
        await pilot.pause()
        # a plain click moves the caret and drops the selection
        await pilot.click(reader, offset=(12, 8))
        await pilot.pause()
        assert reader.selection is None and reader.caret == reader.offset_at_screen(12, 8)


async def test_changes_from_another_process_are_shown(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        pane = app.screen.query_one(ReadingPane)
        assert reader.document is not None and pane.annotations == []
        # another process (e.g. `tui-reader annotate` in another terminal) writes
        other = AnnotationStore(workspace.store.path)
        Annotator(other).create(DOC, reader.document, 92, 286, ("from-elsewhere",))
        other.close()
        app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
        await pilot.pause()  # the screens get StoreChanged, the pane starts placing again
        await workers_done(app)
        await pilot.pause()
        assert [a.tags for a in pane.annotations] == [("from-elsewhere",)]
        assert len(reader._layers[HIGHLIGHT_LAYER]) == 1
        assert [t.name for t in pane.codebook] == ["from-elsewhere"]


async def test_big_file_annotations_load_after_its_preview(
    corpus_copy: Path, db_copy: Path
) -> None:
    big = corpus_copy / "big.txt"
    paragraph = "The border plan was announced in Doral. " * 20 + "\n\n"
    big.write_text("Big report\n\n" + paragraph * (PREVIEW_THRESHOLD // len(paragraph) + 10))
    preview = load_preview(big)
    assert preview is not None and preview.preview
    full = load_document(big)
    assert not full.preview
    workspace = Workspace(corpus_copy, db_copy)
    Annotator(workspace.store).create("docs_corpus/big.txt", full, 12, 50, ("plan",))
    app = ReaderAppOn(workspace, big)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        for _ in range(100):  # until the whole file replaced its preview
            await workers_done(app)
            await pilot.pause()
            if reader.document is not None and not reader.document.preview:
                break
        pane = app.screen.query_one(ReadingPane)
        assert not pane.previewing
        assert [(a.start, a.end, a.tags) for a in pane.annotations] == [(12, 50, ("plan",))]
        assert len(reader._layers[HIGHLIGHT_LAYER]) == 1


async def test_palette_tags_with_any_codebook_tag(workspace: Workspace) -> None:
    add_tags(workspace.store, [f"code-{n}" for n in range(1, 12)])  # more than nine
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s")
        await command_chosen(pilot, "Tag with: code-11")
        await workers_done(app)
        await pilot.pause()
        assert stored(workspace) == [(FIRST_SENTENCE, ("code-11",), "")]


async def test_selection_over_a_highlight_stays_readable(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "1")  # no codebook yet: a warning; annotate instead
        await pilot.press("a", *"t", "enter")
        await pilot.pause()
        await caret_to(pilot, reader, "utter subservience")
        highlighted = {seg.style.color for seg in reader.render_line(reader.line_number)
                       if seg.style is not None and seg.style.bgcolor is not None}  # fmt: skip
        await pilot.press("s")  # select the highlighted sentence
        await pilot.pause()
        selected = {seg.style.color for seg in reader.render_line(reader.line_number)
                    if seg.style is not None and seg.style.bgcolor is not None}  # fmt: skip
        # the highlight's dark text does not stay on the selection's background
        dark = Color.parse(readable_on(PALETTE[0]).foreground)
        assert dark in highlighted and dark not in selected


async def test_v_motions_enter_annotates_the_selection(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        text = reader.document.text
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("v", "w", "w")  # every motion extends the selection by a word
        start, end = reader.selection or (0, 0)
        assert text[start:end] == "utter subservience"
        await pilot.press("escape")  # cancels
        assert reader.selection is None
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("v", "w", "w", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog) and dialog.quote == "utter subservience"
        await pilot.press(*"tone/contempt", "enter")
        await pilot.pause()
        assert stored(workspace) == [("utter subservience", ("tone/contempt",), "")]


async def test_disk_full_is_shown_and_nothing_drawn(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_tags(workspace.store, ["militarization"])
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(journal.os, "write", full)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "1")
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "No space left" in errors[0].message
        assert len(reader._layers[HIGHLIGHT_LAYER]) == 0
        assert reader.selection is not None  # kept for another try
        monkeypatch.undo()  # space freed: the same keys work
        await pilot.press("1")
        await pilot.pause()
        assert len(reader._layers[HIGHLIGHT_LAYER]) == 1
    assert stored(workspace) == [(FIRST_SENTENCE, ("militarization",), "")]


async def test_the_dialogs_error_line_shows_in_a_small_terminal(workspace: Workspace) -> None:
    """Symptom: at 60x20 the annotate dialog's box was taller than the screen allows, and
    its last line, where a refused save or a wait for another tui-reader's lock is said, was
    cut off: enter did nothing the user could see.  The box scrolls, the line in view."""
    app = Harness(workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        dialog = app.screen
        assert isinstance(dialog, AnnotateDialog)
        dialog.show_error("the database is read-only; the change was not saved")
        line = dialog.query_one("#annotate-error", Static)
        box = dialog.query_one("#annotate-box")

        def in_view() -> bool:
            shown = line.region.intersection(box.content_region)
            return line.region.height > 0 and shown == line.region

        await wait_until(pilot, in_view)
        assert box.region.bottom <= 20


async def test_the_caret_stays_in_sight_when_the_annotation_line_shows(
    workspace: Workspace,
) -> None:
    # The caret brought to an annotation on the view's last row: the one-line summary of the
    # annotation showed under the text, the view lost its last row, and the caret with it.
    app = Harness(workspace)
    async with app.run_test(size=(120, 16)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        await caret_to(pilot, reader, "The news has gone")
        await pilot.press("s", "a", *"t", "enter")
        await pilot.pause()
        (passage,) = app.screen.query_one(ReadingPane).annotations
        summary = app.screen.query_one(AnnotationSummary)
        for _ in range(2):
            reader.move_caret(0)
            await pilot.pause()
            assert not summary.display
            height = reader.size.height
            reader.move_caret(passage.start + 1)
            await wait_until(pilot, lambda h=height: reader.size.height == h - 1)
            await pilot.pause()
            assert summary.display
            y = reader.layout_engine.line_of(reader.caret)
            assert int(reader.scroll_y) <= y < int(reader.scroll_y) + reader.size.height


async def test_next_annotation_at_the_foot_of_the_view_shows_whole(workspace: Workspace) -> None:
    # ] to a passage below the view showed its first line alone, on the last row; the view
    # scrolls on until its end shows too (as a search hit's does).  Then it showed it at the
    # foot of the view, under a page of the text before it: its first line is at the top
    # now, as less shows a place jumped to.
    app = Harness(workspace)
    async with app.run_test(size=(120, 16)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        await caret_to(pilot, reader, "The news has gone")
        await pilot.press("p", "a", *"t", "enter")
        await pilot.pause()
        (passage,) = app.screen.query_one(ReadingPane).annotations
        layout = reader.layout_engine
        first, last = layout.line_of(passage.start), layout.line_of(passage.end - 1)
        assert last - first >= 2
        reader.move_caret(0)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: app.screen.query_one(AnnotationSummary).display)
        await pilot.pause()
        assert reader.caret == passage.start
        top = int(reader.scroll_y)
        assert top <= first and last < top + reader.size.height
        assert top == first


async def test_a_fold_that_could_not_keep_the_last_state_is_said_while_the_app_runs(
    corpus_copy: Path, db_copy: Path
) -> None:
    """``db.json.previous`` a folder: the warning that the state a fold replaced was not kept
    for a restore reached stderr only, once the app had closed. It is a notification now,
    while the app runs, and said once."""
    previous = previous_state(db_copy)[0]
    previous.unlink(missing_ok=True)
    previous.mkdir()
    store = AnnotationStore(db_copy, compact_bytes=1)  # every save is followed by a fold
    app = Harness(Workspace(corpus_copy, db_copy, store))
    said_all = notices_said(app)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        for start in (92, 300):
            Annotator(store).create(DOC, reader.document, start, start + 40, ("kept",))
            app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
            await pilot.pause()
        said = [message for message in said_all if "not kept for a restore" in message]
        assert len(said) == 1 and said[0].startswith(f"{previous}: ")


async def test_a_code_the_passage_has_already_changes_nothing_and_says_so(
    workspace: Workspace,
) -> None:
    """1 (or .) on a passage already coded with that code said "“In a move…”: militarization"
    as if it had coded it, and wrote a step "tags added" that added nothing: u then took
    back nothing the user could see, and a second u was needed for the coding just done.
    The key says the passage has the code already, and writes nothing."""
    add_tags(workspace.store, ["militarization"])
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("s", "1")
        await wait_until(pilot, lambda: len(stored(workspace)) == 1)
        steps = len(workspace.store.history())
        said = notices_said(app)  # from now on
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("1", ".")
        await workers_done(app)
        await pilot.pause()
        assert said and all("already" in m for m in said), said
        assert len(workspace.store.history()) == steps  # no step that changed nothing
        await pilot.press("u")  # takes back the coding itself
        await wait_until(pilot, lambda: stored(workspace) == [])


async def test_a_pressed_before_the_passages_are_placed_lands_on_the_caret_s_once_placed(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long document's passages are placed in a worker: A pressed before they came opened
    the panel with its cursor on the first passage, not the one under the caret, and it
    stayed there once they came (the list, having the focus, follows the caret no more)."""
    import threading

    document = load_document(workspace.path(DOC))
    text = document.text
    annotator = Annotator(workspace.store)
    first_at = text.index(FIRST_SENTENCE_START)
    annotator.create(DOC, document, first_at, first_at + 30, ("first",))
    later_at = text.index("Not only will Mexico")
    later = annotator.create(DOC, document, later_at, later_at + 30, ("later",))
    release = threading.Event()
    anchored_in = workspace.anchored_in

    def late(*args: object, **kwargs: object) -> object:
        release.wait(30)
        return anchored_in(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "anchored_in", late)
    app = Harness(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen.query_one(ReaderView)
        await wait_until(pilot, lambda: reader.document is not None)
        pane = app.screen.query_one(ReadingPane)
        reader.focus()
        await caret_to(pilot, reader, "Not only will Mexico")
        await pilot.press("A")
        panel = app.screen.query_one(AnnotationsPanel)
        await wait_until(pilot, lambda: panel.has_focus_within)
        assert not pane.placed  # A came first
        release.set()
        await wait_until(pilot, lambda: len(pane.placed) == 2 and panel.current is not None)
        await pilot.pause()
        assert panel.current is not None and panel.current.id == later.id
        assert panel.has_focus_within


async def test_less_s_50_percent_goes_there_and_tags_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader used to less typed 50% to go halfway through the text: its 5 tagged the
    sentence at the caret with the fifth code (its 0 went to the line's start, and % asked
    for a percent).  Digits typed one after another right before % are now the percent, as
    less reads them: the caret goes there, and what the digits tagged is taken back (25%:
    a new passage and a second code on it), said in a notice; ctrl+r brings it back."""
    from tui_reader.ui.screens.goto_page import GotoPercentDialog

    # (the keys of a number come within a second of each other; a test on a loaded machine
    # is given longer between its presses: the gap is not what is tested here)
    monkeypatch.setattr(ReaderView, "NUMBER_GAP", 60.0, raising=False)
    add_tags(workspace.store, [f"code-{n}" for n in range(1, 10)])
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        said = notices_said(app)
        assert reader.document is not None
        length = len(reader.document.text)
        layout = reader.layout_engine

        def line_start(percent: int) -> int:
            return layout.line_range(layout.line_of(length * percent // 100))[0]

        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("5", "0", "percent_sign")
        await wait_until(pilot, lambda: reader.caret == line_start(50))
        await workers_done(app)
        await wait_until(pilot, lambda: any(line.startswith("50%: went to") for line in said))
        assert not isinstance(app.screen, GotoPercentDialog)
        assert stored(workspace) == []
        await pilot.press("g", "2", "5", "percent_sign")
        await wait_until(pilot, lambda: reader.caret == line_start(25))
        await workers_done(app)
        await wait_until(pilot, lambda: any(line.startswith("25%: went to") for line in said))
        assert stored(workspace) == []
        assert not app.screen.query_one(ReadingPane).annotations


async def test_a_digit_typed_to_tag_and_a_percent_asked_later_are_two_keys(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5 typed to tag the sentence, and % typed a while later: the tag stays, and % asks
    for the percent."""
    from tui_reader.ui.screens.goto_page import GotoPercentDialog

    monkeypatch.setattr(ReaderView, "NUMBER_GAP", -1.0, raising=False)  # (any gap longer)
    add_tags(workspace.store, [f"code-{n}" for n in range(1, 10)])
    app = Harness(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        await caret_to(pilot, reader, "utter subservience")
        await pilot.press("5")
        await workers_done(app)
        await pilot.press("percent_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, GotoPercentDialog))
        await pilot.press("escape")
        await workers_done(app)
        assert stored(workspace) == [(FIRST_SENTENCE, ("code-5",), "")]
