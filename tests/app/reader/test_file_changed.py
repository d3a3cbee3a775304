"""A document edited in another program while it is open: the reading view opens it again,
and its annotations are never drawn at places found in a text it does not show."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from helpers.analysis import analysis_app
from helpers.app import AppFactory, WorkspaceApp, ready, wait_until, workers_done
from helpers.passages import MEXICO, Annotated
from textual.pilot import Pilot

from tui_reader.cli.main import main
from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.workspace import Workspace
from tui_reader.ui.reading_pane import HIGHLIGHT_LAYER, ReadingPane
from tui_reader.ui.reading_pane.column import ReadingColumn
from tui_reader.ui.widgets.library_entry import row_text
from tui_reader.ui.widgets.library_table import LibraryTable

NAME = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
QUOTE = "Mexico agreed to host a U.S. security meeting"
PREFACE = "A preface added in another editor, two lines long.\n\n"


def _setup(corpus_copy: Path, tmp_path: Path) -> tuple[Workspace, str, Path]:
    path = corpus_copy / NAME
    workspace = Workspace(corpus_copy, tmp_path / "annotations.json")
    key = workspace.key(path)
    document = load_document(path)
    start = document.text.index(QUOTE)
    Annotator(workspace.store).create(key, document, start, start + len(QUOTE), ("host",))
    return workspace, key, path


@asynccontextmanager
async def _opened(
    corpus_copy: Path, tmp_path: Path, size: tuple[int, int]
) -> AsyncIterator[tuple[WorkspaceApp, Pilot[object], ReadingPane, Path]]:
    """The app run at ``size`` on :func:`_setup`'s workspace, the annotated file open: the
    app, its pilot, its reading pane and the file's path."""
    workspace, key, path = _setup(corpus_copy, tmp_path)
    app = WorkspaceApp(workspace, key)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, app.screen.query_one(ReadingPane), path


async def _edit_shown(pilot: Pilot[object], pane: ReadingPane, path: Path, before: int) -> int:
    """Waits until ``pane`` shows the text of ``path`` with the preface added and the workers
    are done; the file's words then, the preface's more than the ``before`` it had."""
    await wait_until(
        pilot,
        lambda: pane.reader.document is not None and pane.reader.document.text.startswith(PREFACE),
    )
    await workers_done(pilot.app)
    await pilot.pause()
    words = load_document(path).words
    assert words == before + len(PREFACE.split())
    return words


def _in_place(pane: ReadingPane, annotations: tuple[Annotation, ...]) -> bool:
    """Every annotation shown covers its quote in the text on show."""
    text = pane.reader.document.text if pane.reader.document is not None else ""
    return all(text[a.start : a.end] == a.quote for a in annotations)


def _drawn_in_place(pane: ReadingPane) -> bool:
    """Every highlight the reading view draws covers the quote in the text it shows (while a
    new text is being placed, the pane's list may still be the old one's: it is not drawn)."""
    text = pane.reader.document.text if pane.reader.document is not None else ""
    layer = pane.reader._layers.get(HIGHLIGHT_LAYER)
    marks = layer.overlapping(0, len(text) + 1) if layer is not None else []
    return all(text[m.start : m.end] == QUOTE for m in marks)


async def _placed(pilot: Pilot[object], pane: ReadingPane) -> int:
    """Wait for the one passage to be placed; where it starts."""
    await wait_until(pilot, lambda: len(pane.placed) == 1)
    return pane.placed[0].start


def _edited(path: Path) -> None:
    """The file edited in another program: a preface written in front of its text."""
    path.write_text(PREFACE + path.read_text(encoding="utf-8"), encoding="utf-8")


async def _placed_then_edited(pilot: Pilot[object], pane: ReadingPane, path: Path) -> int:
    """Wait for the one passage to be placed, then edit the file in front of it; returns
    where the passage started."""
    start = await _placed(pilot, pane)
    _edited(path)
    return start


async def _edited_and_opened_again(pilot: Pilot[object], pane: ReadingPane, path: Path) -> None:
    """The file edited in another program (:func:`_edited`), seen by the column's check (what
    its timer does) and shown again, with what that started done."""
    _edited(path)
    pane.query_one(ReadingColumn).reopen_if_changed()
    reader = pane.reader
    await wait_until(
        pilot,
        lambda: reader.document is not None and reader.document.text.startswith(PREFACE),
    )
    await workers_done(pilot.app)


async def _grown(pilot: Pilot[object], pane: ReadingPane, path: Path, added: str) -> None:
    """``added`` written at the end of the file open in ``pane`` by another program, and
    shown (what the column's timer does, run now)."""
    with path.open("a", encoding="utf-8") as file:
        file.write(added)
    pane.query_one(ReadingColumn).reopen_if_changed()
    reader = pane.reader
    await wait_until(
        pilot,
        lambda: reader.document is not None and reader.document.text.endswith(added),
    )


async def _caret_on_the_passage(pilot: Pilot[object], pane: ReadingPane) -> int:
    """The reading view focused, its caret where the one passage starts (once placed)."""
    start = await _placed(pilot, pane)
    pane.reader.focus()
    pane.reader.move_caret(start, select=False)
    return start


async def test_an_edited_file_is_opened_again_with_its_annotations_in_the_new_text(
    corpus_copy: Path, tmp_path: Path
) -> None:
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (app, pilot, pane, path):
        old_start = await _placed_then_edited(pilot, pane, path)
        pane.query_one(ReadingColumn).reopen_if_changed()  # what its timer does
        await wait_until(
            pilot,
            lambda: (
                pane.reader.document is not None
                and pane.reader.document.text.startswith(PREFACE)
                and len(pane.placed) == 1
                and pane.placed[0].start == old_start + len(PREFACE)
            ),
        )
        await workers_done(app)
        assert _in_place(pane, pane.placed)
        assert len(pane.reader._layers[HIGHLIGHT_LAYER]) == 1
        assert any("changed on disk" in note for note in app.notes)
        notes = len(app.notes)
        pane.query_one(ReadingColumn).reopen_if_changed()  # unchanged since: nothing
        await pilot.pause()
        assert len(app.notes) == notes


async def test_annotations_are_not_placed_in_a_text_the_view_does_not_show(
    corpus_copy: Path, tmp_path: Path
) -> None:
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (app, pilot, pane, path):
        await _placed_then_edited(pilot, pane, path)
        seen: list[bool] = []
        pane.reload()  # placing again (a change from another process), before any file check
        for _ in range(100):
            await pilot.pause(0.02)
            seen.append(_drawn_in_place(pane))
            text = pane.reader.document.text if pane.reader.document is not None else ""
            placed_again = len(pane.placed) == 1 and _in_place(pane, pane.placed)
            if text.startswith(PREFACE) and placed_again:
                break
        await workers_done(app)
        assert all(seen) and _in_place(pane, pane.placed) and _drawn_in_place(pane)
        assert pane.reader._layers[HIGHLIGHT_LAYER].overlapping(0, 10**9)  # drawn again
        assert pane.reader.document is not None
        assert pane.reader.document.text.startswith(PREFACE)  # the placing opened it again


async def test_the_library_row_counts_the_words_of_the_edited_file(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The row kept the old file's words (the details told the new count, the library the
    old one)."""
    workspace, key, path = _setup(corpus_copy, tmp_path)
    app = WorkspaceApp(workspace, key)
    # wide enough that the row has room for its word count (a narrow row keeps the
    # annotations, then "% read", the share coded and the words last)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await ready(pilot)
        pane = screen.pane
        before = screen.library.entry(key)
        assert before is not None and before.words == load_document(path).words
        await _placed_then_edited(pilot, pane, path)
        pane.query_one(ReadingColumn).reopen_if_changed()  # what its timer does
        words = await _edit_shown(pilot, pane, path, before.words)
        entry = screen.library.entry(key)
        assert entry is not None and entry.words == words
        # (a coded row of the library's width leaves its words out first: given room, it
        # says them)
        assert f"{words:,} words" in row_text(entry, 200).plain


async def test_a_file_gone_while_open_is_said_once_and_coding_it_is_kept(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Deleted in another program while open, the document stayed on show and could be coded
    without a word that its file was gone."""
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (app, pilot, pane, path):
        column = pane.query_one(ReadingColumn)
        await wait_until(pilot, lambda: len(pane.placed) == 1)
        text = path.read_text(encoding="utf-8")
        path.unlink()
        column.reopen_if_changed()  # what its timer does
        await pilot.pause()
        gone = [note for note in app.notes if NAME in note and "stays on show" in note]
        assert len(gone) == 1, app.notes
        column.reopen_if_changed()
        await pilot.pause()
        assert len([n for n in app.notes if "stays on show" in n]) == 1  # said once
        assert pane.reader.document is not None and QUOTE in pane.reader.document.text
        path.write_text(text, encoding="utf-8")  # back again: looked at as any file
        column.reopen_if_changed()
        await workers_done(app)
        assert len(pane.placed) == 1 and _in_place(pane, pane.placed)


async def test_a_file_written_over_by_an_export_while_open_is_left_and_said(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The open document written over in place by an export (``tui-reader export ... >
    doc.txt`` in another shell): the view opened it again and showed the export as if it
    were the document. It now says so in one line and leaves it, back to the library; its
    annotation is kept."""
    async with _opened(corpus_copy, tmp_path, (100, 30)) as (app, pilot, pane, path):
        column = pane.query_one(ReadingColumn)
        await wait_until(pilot, lambda: len(pane.placed) == 1)
        export = tmp_path / "export.md"
        where = ["--db", str(tmp_path / "annotations.json"), "--corpus", str(corpus_copy)]
        assert main(["export", "-f", "markdown", "-o", str(export), *where]) == 0
        with path.open("r+b") as file:  # as the shell's > writes it: the same file
            file.write(export.read_bytes())
            file.truncate()
        column.reopen_if_changed()  # what its timer does
        await workers_done(app)
        await pilot.pause()
        shown = pane.reader.document
        assert shown is None or "Exported by tui-reader" not in shown.text, shown.text[:80]
        said = [note for note in app.notes if "no longer a document" in note]
        assert said == [
            f"{NAME}: written over by a tui-reader export, no longer a document: left; "
            "its annotations are kept"
        ], app.notes
        assert app.screen.query_one(LibraryTable).has_focus
        column.reopen_if_changed()  # said once
        await pilot.pause()
        assert len([note for note in app.notes if "no longer a document" in note]) == 1
        assert len(app.workspace.store.annotations()) == 1


async def test_a_file_replaced_by_a_folder_while_open_is_not_said_reopened(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The open document's file replaced by a folder of its name (an unzip, a sync): the
    view said "NAME changed on disk: reopened", then that the folder could not be read. It
    says the one true thing: the file is a folder now, its text stays on show."""
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (app, pilot, pane, path):
        column = pane.query_one(ReadingColumn)
        await wait_until(pilot, lambda: len(pane.placed) == 1)
        path.unlink()
        path.mkdir()
        (path / "inside.txt").write_text("another text\n", encoding="utf-8")
        column.reopen_if_changed()  # what its timer does
        await workers_done(app)
        await pilot.pause()
        assert not [n for n in app.notes if "reopened" in n], app.notes
        said = [n for n in app.notes if NAME in n and "stays on show" in n]
        assert len(said) == 1 and "is a folder" in said[0], app.notes
        assert pane.reader.document is not None and QUOTE in pane.reader.document.text


@pytest.mark.parametrize("size", ["small", "big"])  # read at once; past 4 MB, a preview first
async def test_a_file_made_a_link_out_of_the_corpus_while_open_is_not_read(
    corpus_copy: Path, tmp_path: Path, size: str
) -> None:
    """The open document replaced by a link to a file outside the corpus (``/etc/passwd``,
    ``~/.ssh/id_rsa``): it was said "changed on disk: reopened" and the file outside was
    shown, where the library said of the same file that it lies outside and was not read.
    The text on show stays, and the link is said to lead out, its file never read."""
    secret = "root:x:0:0:root:/root:/bin/bash\n" * (1 if size == "small" else 150_000)
    outside = tmp_path / "passwd"
    outside.write_text(secret, encoding="utf-8")
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (app, pilot, pane, path):
        column = pane.query_one(ReadingColumn)
        await wait_until(pilot, lambda: len(pane.placed) == 1)
        path.unlink()
        path.symlink_to(outside)
        column.reopen_if_changed()  # what its timer does
        await workers_done(app)
        await pilot.pause()
        said = [n for n in app.notes if "stays on show" in n]
        assert len(said) == 1 and "is outside the corpus folder" in said[0], app.notes
        assert pane.reader.document is not None and QUOTE in pane.reader.document.text
        assert "root:x:0:0" not in pane.reader.document.text


async def test_undo_in_a_document_whose_file_is_gone_takes_its_highlight_away(
    annotated: Annotated,
) -> None:
    """Its file deleted while open, a passage coded in the document and undone stayed
    highlighted, though no longer in the database, and every change said "Annotations not
    loaded: ... No such file": the annotations were placed again in the file, not in the text
    on show.  They are placed in the text on show."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        pane = main.pane
        await wait_until(pilot, lambda: len(pane.placed) == 3)
        (annotated.corpus / Path(MEXICO).name).unlink()
        pane.column.reopen_if_changed()  # what its timer does
        await pilot.pause()
        main.reader.focus()
        await pilot.press("1")
        await wait_until(pilot, lambda: len(pane.placed) == 4)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.workspace.store.annotations()) == 4)
        await workers_done(app)
        await wait_until(pilot, lambda: len(pane.placed) == 3)
        assert _in_place(pane, pane.placed)
        assert not [n for n in app._notifications if n.title == "Annotations not loaded"]


async def test_a_file_written_over_with_no_text_keeps_its_text_on_show_until_put_right(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """A file written over with bytes that are no text (a program in the middle of saving
    it) took the text off the screen, 'Cannot open' in its place, and the file put right was
    never opened again.  The text stays on show, said once; the file put right opens."""
    workspace, key, path = _setup(corpus_copy, tmp_path)
    app = WorkspaceApp(workspace, key)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one(ReadingPane)
        await wait_until(pilot, lambda: len(pane.placed) == 1)
        shown = pane.reader.document
        good = path.read_bytes()
        path.write_bytes(b"\x00\x01\x02 no text")
        column = pane.query_one(ReadingColumn)
        column.reopen_if_changed()  # what its timer does
        await workers_done(app)
        await pilot.pause()
        assert pane.reader.document is shown and pane.key == key
        assert any("text stays on show" in note for note in app.notes), app.notes
        path.write_text(PREFACE + good.decode("utf-8"), encoding="utf-8")
        column.reopen_if_changed()
        await wait_until(
            pilot,
            lambda: (
                pane.reader.document is not None
                and pane.reader.document.text.startswith(PREFACE)
                and len(pane.placed) == 1
                and _in_place(pane, pane.placed)
            ),
        )


async def test_a_mark_is_moved_with_its_words_when_the_file_is_edited(
    corpus_copy: Path, tmp_path: Path
) -> None:
    # A mark (m and a letter) kept its offset when the file was edited in front of it: ' and
    # its letter went to whatever the new text held there, a preface's length too early, and
    # so did '' (back before the last jump).
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (_app, pilot, pane, path):
        reader = pane.reader
        start = await _caret_on_the_passage(pilot, pane)
        await pilot.press("m", "a", "g")
        await _edited_and_opened_again(pilot, pane, path)  # once the mark is set
        await pilot.press("apostrophe", "apostrophe")  # back before g: moved with it too
        assert reader.caret == start + len(PREFACE)
        await pilot.press("g", "apostrophe", "a")
        assert reader.caret == start + len(PREFACE)
        text = reader.document.text  # type: ignore[union-attr]
        assert text[reader.caret :].startswith(QUOTE)


async def test_a_file_edited_while_another_is_open_has_its_new_words_in_its_row_once_opened(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """A transcript edited in another program while another was on show, then opened: its
    new text was shown, and its row kept the words the library had read before."""
    workspace, key, _path = _setup(corpus_copy, tmp_path)
    other = next(p for p in sorted(corpus_copy.iterdir()) if p.name != NAME)
    other_key = workspace.key(other)
    app = WorkspaceApp(workspace, key)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        before = screen.library.entry(other_key)
        assert before is not None and before.words == load_document(other).words
        _edited(other)  # written in place: the folder's listing does not change
        screen.open_document(other_key)
        words = await _edit_shown(pilot, screen.pane, other, before.words)
        entry = screen.library.entry(other_key)
        assert entry is not None and entry.words == words


async def test_a_selection_being_made_stays_on_its_words_when_the_file_is_saved_again(
    corpus_copy: Path, tmp_path: Path
) -> None:
    # A selection begun (v, a few moves) was dropped when the file was saved again by another
    # program, its text unchanged or edited elsewhere (a sync, an editor's save): the next
    # move only moved the caret, and a then took the sentence at the caret.
    async with _opened(corpus_copy, tmp_path, (120, 40)) as (app, pilot, pane, path):
        reader = pane.reader
        await _caret_on_the_passage(pilot, pane)
        await pilot.press("v", "w", "w")
        selected = reader.selection
        assert selected is not None
        await _edited_and_opened_again(pilot, pane, path)
        assert reader.selection == (selected[0] + len(PREFACE), selected[1] + len(PREFACE))
        await pilot.press("w")  # the selection goes on growing
        text = reader.document.text  # type: ignore[union-attr]
        grown = reader.selection
        assert grown is not None and grown[0] == selected[0] + len(PREFACE)
        assert text[grown[0] : grown[1]].startswith(QUOTE[:12]) and grown[1] > selected[1]
        # The selected words changed in the file: the selection is dropped, and said.
        path.write_text(text.replace(QUOTE, QUOTE.upper()), encoding="utf-8")
        pane.query_one(ReadingColumn).reopen_if_changed()
        await wait_until(
            pilot, lambda: reader.document is not None and QUOTE.upper() in reader.document.text
        )
        await workers_done(app)
        assert reader.selection is None
        assert any("selection is dropped" in note for note in app.notes)


async def test_the_caret_and_the_view_stay_on_their_words_when_the_file_is_edited_above(
    corpus_copy: Path, tmp_path: Path
) -> None:
    # A paragraph written above the place read (an editor's note added in front) left the
    # caret and the view at their offsets: the view showed text from further up, the
    # preface's length before, and the caret stood on other words.
    async with _opened(corpus_copy, tmp_path, (100, 20)) as (_app, pilot, pane, path):
        reader = pane.reader
        await _caret_on_the_passage(pilot, pane)
        await pilot.press("}", "}", "}")
        old = reader.document.text  # type: ignore[union-attr]
        caret, top = reader.caret, reader.top_offset
        assert top > 0
        await _edited_and_opened_again(pilot, pane, path)
        text = reader.document.text  # type: ignore[union-attr]
        assert reader.caret == caret + len(PREFACE)
        assert text[reader.caret : reader.caret + 40] == old[caret : caret + 40]
        assert reader.top_offset == top + len(PREFACE)


async def test_a_file_growing_as_it_is_read_is_said_changed_once_at_a_time(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    # A transcript or a log written line after line while open: each change was said in a
    # notice of its own, stacked over the right of the text until each timed out.
    path = corpus_copy / NAME
    app = make_app(open_file=path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        pane = app.screen.query_one(ReadingPane)
        reader, column = pane.reader, pane.query_one(ReadingColumn)
        await wait_until(pilot, lambda: reader.document is not None and not column.previewing)
        await workers_done(app)
        for n in range(3):
            line = f"Line {n} added at the end.\n"
            await _grown(pilot, pane, path, line)
        await workers_done(app)
        for _ in range(5):  # the notices posted are shown
            await pilot.pause()
        said = [n for n in app._notifications if "changed on disk" in n.message]
        assert len(said) == 1


async def test_a_file_growing_is_followed_to_its_end_after_g(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    # A live transcript or a log read at its end (G), as tail -f or less's F follows one:
    # each line written stayed below the view, the caret at the old end; a reader elsewhere
    # in the text stays where it is.
    path = corpus_copy / NAME
    app = make_app(open_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        pane = app.screen.query_one(ReadingPane)
        reader, column = pane.reader, pane.query_one(ReadingColumn)
        await wait_until(pilot, lambda: reader.document is not None and not column.previewing)
        await workers_done(app)
        reader.focus()
        await pilot.press("G")
        for n in range(3):
            line = f"Line {n} added at the end.\n"
            await _grown(pilot, pane, path, line * 30)
            await pilot.pause()
            text = reader.document.text  # type: ignore[union-attr]
            assert reader.caret == len(text)
            y = reader._layout.line_of(reader.caret)
            assert reader.scroll_y <= y < reader.scroll_y + reader.scrollable_content_region.height
        await pilot.press("g")
        with path.open("a", encoding="utf-8") as file:
            file.write("One more line.\n")
        column.reopen_if_changed()
        await wait_until(
            pilot,
            lambda: reader.document is not None and reader.document.text.endswith("more line.\n"),
        )
        assert reader.caret == 0


async def test_the_search_goes_on_in_the_edited_text(corpus_copy: Path, tmp_path: Path) -> None:
    """/ then the file edited in another program: the search was cleared, and n said "No
    search: press / to search", where less's n goes on searching the new text.  The search
    is run again on it, the caret left where it is, and n and N go from hit to hit there."""
    async with _opened(corpus_copy, tmp_path, (80, 24)) as (_app, pilot, pane, path):
        reader = pane.reader
        column = pane.query_one(ReadingColumn)
        await _placed(pilot, pane)
        reader.focus()
        await pilot.press("slash", *"Guatemala", "enter")
        await wait_until(pilot, lambda: len(column.search.hits) > 1 and not column.search.searching)
        await pilot.press("n")
        caret = reader.caret
        await _edited_and_opened_again(pilot, pane, path)
        await wait_until(pilot, lambda: not column.search.searching)
        text = reader.document.text  # type: ignore[union-attr]
        starts = [i for i in range(len(text)) if text.startswith("Guatemala", i)]
        assert [start for start, _ in column.search.hits] == starts
        assert reader.caret == caret + len(PREFACE)  # not taken to a hit
        await pilot.press("n")
        assert reader.caret == next(s for s in starts if s > caret + len(PREFACE))
        assert "Guatemala" in column.search.message
