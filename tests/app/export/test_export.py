"""The app's export dialog: ``E`` (and the command palette) opens it; ``enter`` at once writes
Markdown beside the database, as ``E`` did; a format, which annotations and where are chosen."""

from __future__ import annotations

import asyncio
import gc
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers.annotations import annotated_files_gone
from helpers.app import (
    burst,
    codebook_opened,
    command_chosen,
    pressed,
    ready,
    screen_opened,
    terminal_lines,
    wait_until,
    workers_done,
)
from helpers.counting import held_calls
from helpers.threads import held_until
from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, ProgressBar, Static

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.display import shown_name
from tui_reader.core.documents.document import load_document
from tui_reader.core.interchange import (
    annotation_columns,
    export_file,
    qdpx,
    stopping,
    workspace_export,
)
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import default_export_path, document_key
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.notices import SAID_AT_MOST
from tui_reader.ui.screens import export_dialog
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.export_dialog import ExportDialog

MEXICO = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
PHRASE = "In a move that reveals the utter subservience"


def _annotated(corpus: Path, db: Path) -> None:
    path = corpus / MEXICO
    document = load_document(path)
    start = document.text.index(PHRASE)
    with AnnotationStore(db) as store:
        store.add(
            make_annotation(
                document_key(path, db),
                document.text,
                start,
                start + len(PHRASE),
                document.sha256,
                ("policy/border",),
                "a *note*",
            )
        )


def _coded_twice(corpus: Path, db: Path) -> Path:
    """``db`` with two passages of MEXICO, one of policy/border and one of army."""
    where = ["--db", str(db), "--corpus", str(corpus)]
    for quote, tag in (("Pentagon plan", "policy/border"), ("Doral, Florida", "army")):
        argv = ["annotate", str(corpus / MEXICO), "--quote", quote, "-t", tag]
        assert main([*argv, *where]) == 0
    return db


async def test_e_exports_and_asks_before_replacing(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    target = default_export_path(db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        markdown = target.read_text(encoding="utf-8")
        assert f"> {PHRASE}" in markdown and "#policy/border" in markdown

        target.write_text("my own edits", encoding="utf-8")
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await workers_done(app)
        assert target.read_text(encoding="utf-8") == "my own edits"
        assert "kept: name another file" in _error_line(app.screen)

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(
            pilot, lambda: target.read_text(encoding="utf-8").startswith("# Annotations")
        )


async def test_palette_offers_the_export(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await command_chosen(pilot, "export annotations")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        await workers_done(app)
        await pilot.pause()
        assert default_export_path(db).read_text(encoding="utf-8").startswith("# Annotations")


async def test_e_exports_the_coding_on_show(corpus_copy: Path, tmp_path: Path) -> None:
    """With C showing Ben's coding alone, E wrote every coder's passages, Ana's with them."""
    db = tmp_path / "annotations.json"
    where = ["--db", str(db), "--corpus", str(corpus_copy)]
    for who, quote, tag in (("ana", "Pentagon plan", "policy"), ("ben", "Doral, Florida", "army")):
        argv = ["annotate", str(corpus_copy / MEXICO), "--quote", quote, "-t", tag]
        assert main([*argv, "--coder", who, *where]) == 0
    target = default_export_path(db)
    app = ReaderApp(corpus_copy, db, coder="ana")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("C", "C")  # only mine, then Ben's
        await wait_until(pilot, lambda: app.workspace.coder_view.only == "ben")
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        said = next(n.message for n in app._notifications if str(target) in n.message)
        assert said.startswith("wrote 1 annotation to") and "ben's alone" in said
        markdown = target.read_text(encoding="utf-8")
        assert "#army" in markdown and "#policy" not in markdown


async def test_e_says_the_annotations_of_a_deleted_file_by_their_cause(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """E said the annotations of a deleted file '(1 orphaned, in their own section)', as if
    their text had changed: it says their cause now, in the words the export command uses."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    gone = corpus_copy / "gone.txt"
    gone.write_text("A passage of a file deleted since.\n", encoding="utf-8")
    document = load_document(gone)
    with AnnotationStore(db) as store:
        key = document_key(gone, db)
        store.add(make_annotation(key, document.text, 2, 9, document.sha256, ("x",)))
    gone.unlink()
    target = default_export_path(db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        [said] = [n.message for n in app._notifications if str(target) in n.message]
        assert "orphaned, in their own section" not in said
        assert "1 annotation exported as orphans (their file is not in the corpus" in said


async def test_e_names_a_few_of_many_files_gone_and_counts_the_rest(tmp_path: Path) -> None:
    """E with a folder of annotated files moved away said each file in a toast of its own,
    a column of them over the text: the first few are named, the rest counted in one."""
    corpus, db = annotated_files_gone(tmp_path, SAID_AT_MOST + 4)
    target = default_export_path(db)
    app = ReaderApp(corpus, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        warned = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warned) == SAID_AT_MOST + 1, warned
        assert warned[-1] == "4 more like these"


async def _opened(pilot: Pilot[int]) -> ExportDialog:
    """E pressed: the export dialog, once it is the screen."""
    await pilot.press("E")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def _export_dialog(pilot: Pilot[int], *keys: str) -> ExportDialog:
    """E and ``keys`` pressed on the app just started: the export dialog they leave open."""
    await pilot.pause()
    await pressed(pilot, "E", *keys)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def _error_line(screen: object) -> str:
    assert isinstance(screen, ExportDialog)
    line = screen.query_one(".dialog-error", Static)
    return str(line.render()) if line.has_class("-shown") else ""


def _said(app: ReaderApp, text: str) -> str | None:
    return next((n.message for n in app._notifications if text in n.message), None)


async def test_the_export_is_shown_under_way_and_esc_stops_it_writing_nothing(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export runs in a worker with a bar showing; esc stops it and no file, not even a
    half-written temporary one, is left."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    release = held_calls(monkeypatch, export_file, "render_parts", 10)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, "enter")
        await wait_until(pilot, lambda: dialog.query_one(ProgressBar).has_class("-shown"))
        # read, the file being made: said so, not a bar stopped at 99%
        target = default_export_path(db)
        await wait_until(pilot, lambda: f"Writing {target}… esc stops it" in _error_line(dialog))
        await pilot.press("escape")
        release.set()
        await wait_until(pilot, lambda: _said(app, "Export cancelled") is not None)
        await workers_done(app)
        assert not isinstance(app.screen, ExportDialog)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["annotations.json", "docs_corpus", *(p.name for p in db_sidecars_there(db))]
        )


async def test_a_qdpx_being_written_says_how_far_it_has_got(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A qdpx of 10,000 documents showed "Writing …" and a bar going to and fro for 20 s,
    no count: its sources written and files packed are counted, of their total, first on its
    line (a long path cut the line) and on the bar."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    release = held_calls(monkeypatch, qdpx, "_entry", 10)  # held as the zip is written
    documents = len([p for p in corpus_copy.rglob("*") if p.is_file()])
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, *["down"] * 7, "enter")
        target = tmp_path / "annotations-export.qdpx"
        await wait_until(pilot, lambda: re.search(r"\d of \d", _error_line(dialog)) is not None)
        line = _error_line(dialog)
        said = re.search(
            rf"^(\d+) of (\d+) sources written; writing {re.escape(str(target))}… esc", line
        )
        assert said is not None, line
        assert int(said[1]) == int(said[2]) and 1 <= int(said[2]) <= documents, line
        assert dialog.query_one(ProgressBar).total == int(said[2])
        release.set()
        await wait_until(pilot, lambda: _said(app, "wrote 1 annotation to") is not None)
        assert target.read_bytes().startswith(b"PK")


async def test_the_library_s_scan_steps_aside_and_the_collector_waits_while_exporting(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown of 100,000 annotations took the app's dialog four times the command's time
    under load: the library's scan went on beside it, and the collector passed over the
    app's objects each few thousand strings the export made.  While the export runs, work
    in the foreground is said to run and the collector is paused; after it, as before."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    seen: list[tuple[bool, bool]] = []
    real = export_file.render_parts

    def render_parts(*args: Any, **kwargs: Any) -> Any:
        seen.append((FOREGROUND.busy, gc.isenabled()))
        return real(*args, **kwargs)

    # The export's own pause and foreground block, counted in and out: the collector and
    # FOREGROUND are the process's, which the library's scan (resumed once the export ends)
    # pauses and steps aside for by itself, so after the export they tell nothing of it.
    steps: list[str] = []
    pause, foreground = export_dialog.collector_paused, FOREGROUND.running

    @contextmanager
    def counted(name: str, block: Callable[[], AbstractContextManager[None]]) -> Iterator[None]:
        steps.append(f"{name} in")
        with block():
            yield
        steps.append(f"{name} out")

    monkeypatch.setattr(export_file, "render_parts", render_parts)
    monkeypatch.setattr(export_dialog, "collector_paused", lambda: counted("paused", pause))
    monkeypatch.setattr(FOREGROUND, "running", lambda: counted("foreground", foreground))
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: _said(app, "wrote 2 annotations to") is not None)
        await workers_done(app)
        assert seen == [(True, False)]
        assert steps == ["foreground in", "paused in", "paused out", "foreground out"]


def _many_annotations(corpus: Path, db: Path, count: int) -> None:
    """``db`` with ``count`` passages of MEXICO, each with a note of its own."""
    path = corpus / MEXICO
    document = load_document(path)
    key = document_key(path, db)
    made = [
        make_annotation(
            key, document.text, n, n + 20, document.sha256, ("policy/border",), f"note {n}"
        )
        for n in range(count)
    ]
    with AnnotationStore(db) as store:
        store.put_many(made)
        store.compact()


async def test_the_annotations_being_read_are_counted_on_the_bar_and_said(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog showed a bar going to and fro, no count, while the export read the
    database's annotations (1 s at 100,000, once 36 s beside other work): the annotations
    read are counted, of all of them, on the bar and its line; read, the line says the
    export again."""
    db = tmp_path / "annotations.json"
    _many_annotations(corpus_copy, db, 1500)
    monkeypatch.setattr(annotation_columns, "_TOLD_EVERY", 500)  # 1,500: three counts
    release = threading.Event()
    real = stopping._told

    def held(items: Any, looked: Any, told: Any, what: str, every: int) -> Any:
        """The reading held once its second count is told."""
        for n, item in enumerate(real(items, looked, told, what, every)):
            if what == stopping.READ and n == every:
                release.wait(10)
            yield item

    monkeypatch.setattr(stopping, "_told", held)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        dialog = await _export_dialog(pilot, "enter")
        reading = r"^Reading the annotations: ([\d,]+) of 1,500… esc stops it$"
        await wait_until(pilot, lambda: re.search(reading, _error_line(dialog)) is not None)
        said = re.search(reading, _error_line(dialog))
        assert said is not None
        bar = dialog.query_one(ProgressBar)
        assert bar.total == 1500 and bar.progress == int(said[1].replace(",", ""))
        release.set()
        await wait_until(pilot, lambda: _said(app, "wrote 1,500 annotations to") is not None)
        await workers_done(app)


async def test_markdown_being_written_says_how_many_annotations_are_written(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown of 100,000 annotations showed "Writing …" and a bar going to and fro for half
    a minute, no count: the annotations written are counted, of their total, first on its
    line and on the bar."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    release = held_calls(monkeypatch, export_file, "write_atomically", 10)  # the text made
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, "enter")
        target = default_export_path(db)
        await wait_until(pilot, lambda: re.search(r"\d of \d", _error_line(dialog)) is not None)
        line = _error_line(dialog)
        said = re.search(
            rf"^(\d+) of 2 annotations written; writing {re.escape(str(target))}… esc", line
        )
        assert said is not None, line
        await wait_until(pilot, lambda: _error_line(dialog).startswith("2 of 2"))
        assert dialog.query_one(ProgressBar).total == 2
        release.set()
        await wait_until(pilot, lambda: _said(app, "wrote 2 annotations to") is not None)
        assert target.read_text(encoding="utf-8").count("^") >= 2


async def test_the_steps_without_a_count_say_what_they_do_on_the_line(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the annotations read and the documents counted (the look at each file for a
    change: 0.55 s at 10,000 documents), and between "Writing" and the first annotation
    written in Markdown (0.7 s at 100,000), the bar went to and fro with no count and the
    line said only "Exporting as Markdown…", then "Writing …".  Each step says what it
    does, the bar going to and fro."""
    from tui_reader.core.interchange import markdown
    from tui_reader.core.workspace import Workspace

    db = tmp_path / "annotations.json"
    _many_annotations(corpus_copy, db, 30)
    checking = held_calls(monkeypatch, Workspace, "nothing_moved", 10)
    counted = held_calls(monkeypatch, workspace_export, "_export_set", 10)  # documents counted
    preparing = held_calls(monkeypatch, markdown, "_Writer", 10)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        dialog = await _export_dialog(pilot, "enter")
        bar = dialog.query_one(ProgressBar)
        try:
            said = "Checking that no document changed since its passages were placed… esc stops it"
            await wait_until(pilot, lambda: _error_line(dialog) == said)
            assert bar.total is None
            checking.set()
            await wait_until(pilot, lambda: _error_line(dialog) == dialog.exporting)
            assert dialog.exporting.startswith("Exporting as ")
            counted.set()
            target = default_export_path(db)
            said = f"Preparing the passages; writing {target}… esc stops it"
            await wait_until(pilot, lambda: _error_line(dialog) == said)
            assert bar.total is None
        finally:
            checking.set()
            counted.set()
            preparing.set()
        await wait_until(pilot, lambda: _said(app, "wrote 30 annotations to") is not None)
        await workers_done(app)


def db_sidecars_there(db: Path) -> list[Path]:
    return [p for p in db.parent.iterdir() if p != db and p.name.startswith(db.name)]


# Every format the dialog offers but the vault (a folder: below), by its place in the list,
# with the name it is written under and what its file begins with
_WRITTEN = [
    (0, "annotations-export.md", b"# Annotations\n\nExported by tui-reader"),
    (1, "annotations-export-by-tag.md", b"# Annotations by tag"),  # Markdown, by tag
    (2, "annotations-export.json", b'[\n  {\n    "id": '),
    (3, "annotations-export-project.json", b'{\n  "tui-reader": "project"'),
    (4, "annotations-export.csv", b"\xef\xbb\xbfid,document,tag"),  # csv, the fifth
    (5, "annotations-export-raw.csv", b"id,document,tag"),  # csv-raw: no byte-order mark
    (6, "annotations-export.jsonld", b'{\n  "@context": ['),  # w3c
    (7, "annotations-export.qdpx", b"PK\x03\x04"),  # qdpx: QualCoder's project (a zip)
    (8, "annotations-export.qdc", b'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook'),
    (9, "annotations-export-codebook.csv", b"\xef\xbb\xbftag,description\r\n"),  # codebook-csv
]


@pytest.mark.parametrize(("moves", "name", "first"), _WRITTEN)
async def test_a_format_chosen_is_written_with_its_extension(
    corpus_copy: Path, tmp_path: Path, moves: int, name: str, first: bytes
) -> None:
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    what = "code" if moves >= 8 else "annotation"  # (qdc and codebook-csv: the codebook)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, *["down"] * moves)
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / name)
        await pilot.press("enter")
        await wait_until(pilot, lambda: _said(app, f"1 {what} to") is not None)
        assert (tmp_path / name).read_bytes().startswith(first)
        assert name.endswith(".md") or not (tmp_path / "annotations-export.md").exists()
        written = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("annotations-"))
        assert written == [name]  # that file alone, under that name


async def test_enter_right_behind_a_move_exports_the_format_on_show(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """In a real terminal on a loaded machine, up up up enter from qdpx showed csv chosen and
    its .csv file, but asked to replace the qdpx exported before: enter came before the list's
    message that the highlight moved, and the export took the format and file of the last
    one handled.  The export takes the format on show, and its file, however late that
    message is."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot)
        assert isinstance(dialog, ExportDialog)
        formats = dialog.query_one("#export-formats", OptionList)
        assert formats.highlighted == 0  # Markdown
        formats.highlighted = 4  # csv, the list's message that it moved not yet handled
        dialog.action_export()  # enter, before that message
        name = "annotations-export.csv"
        await wait_until(pilot, lambda: _said(app, "1 annotation to") is not None)
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbfid,document,tag")
        written = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("annotations-"))
        assert written == [name]


async def test_enter_typed_behind_moves_slow_to_reach_the_app_exports_the_format_moved_to(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """In a real terminal on a loaded machine, up up up enter from qdpx wrote csv-raw, not
    csv: a move's binding runs once its key has gone up from the list through the dialog to
    the app, and enter (the dialog's key, run as soon as it reaches the app) ran while the
    last up was still on its way.  Enter now waits for the keys typed before it, however
    slow their way up (here each waits a while in the queue of the dialog's box)."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot)
        box = dialog.query_one(".dialog-box")
        taken = box._get_message

        async def late() -> Message:
            message = await taken()
            if isinstance(message, events.Key):  # left in its queue a while: a loaded machine
                box._pending_message = message
                await asyncio.sleep(0.2)
                return await taken()
            return message

        box._get_message = late  # type: ignore[method-assign]
        await burst(pilot, ["down", "down", "enter"])
        await wait_until(pilot, lambda: _said(app, "1 annotation to") is not None)
        written = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("annotations-"))
        assert written == ["annotations-export.json"]


async def test_the_dialog_s_lists_move_with_j_k_g_and_g_as_every_list(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """j and k did nothing in the export dialog's lists of formats and annotations, where
    every other list of the app moves with them (down and up alone moved); in its fields
    they are letters typed."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, "j", "j", "k", "j")
        formats = dialog.query_one("#export-formats", OptionList)
        assert formats.highlighted == 2 and dialog.format_name == "json"
        await pilot.press("G")
        assert formats.highlighted == formats.option_count - 1
        await pilot.press("g", "tab", "j")
        scope = dialog.query_one("#export-scope", OptionList)
        assert formats.highlighted == 0 and scope.highlighted == 1
        await pilot.press("tab", "j", "k")
        assert dialog.query_one("#export-code", Input).value.endswith("jk")
        assert scope.highlighted == 1


async def test_the_obsidian_vault_is_a_folder_of_notes(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("E", "end")
        folder = tmp_path / "annotations-export-vault"
        assert app.screen.query_one("#export-path", Input).value == str(folder)
        await pilot.press("enter")
        await wait_until(pilot, lambda: _said(app, "(1 annotation) to") is not None)
        notes = {p.parent.name for p in folder.rglob("*.md")}
        assert {"Documents", "Codes"} <= notes


async def test_esc_while_a_vault_s_notes_are_written_stops_it_and_says_what_it_holds(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The vault's line said "esc stops it" as its notes were written, and esc did not: it
    stops between two notes now, those written kept, and says how many and that the others
    were left as they were."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    release = threading.Event()
    write = workspace_export.write_atomically

    def held(path: Path, *args: Any, **kwargs: Any) -> None:
        if path.suffix == ".md":  # a note (not the dialog's choice kept)
            held_until(release)
        write(path, *args, **kwargs)

    monkeypatch.setattr(workspace_export, "write_atomically", held)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, "end", "enter")
        await wait_until(pilot, lambda: "notes written; writing" in _error_line(dialog))
        assert "esc stops it" in _error_line(dialog)
        await pilot.press("escape")  # the first note held as it is written
        await wait_until(pilot, lambda: "Stopping the export" in _error_line(dialog))
        release.set()
        await wait_until(pilot, lambda: _said(app, "Export stopped") is not None)
        await workers_done(app)
        said = _said(app, "Export stopped")
        folder = tmp_path / "annotations-export-vault"
        assert said is not None
        assert re.match(
            rf"Export stopped: 1 of [2-9] notes written into {re.escape(str(folder))}, the "
            "others left as they were; export again to finish it$",
            said,
        ), said
        assert len(list(folder.rglob("*.md"))) == 1
        assert _said(app, "Exported") is None


async def test_a_code_chosen_from_the_codebook_exports_its_passages_alone(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    app = ReaderApp(corpus_copy, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        codebook = await codebook_opened(pilot)
        tag = codebook.selected
        assert tag is not None
        await _opened(pilot)
        await pilot.press("tab", "down")  # the scope: the code under the cursor
        scope = app.screen.query_one("#export-scope", OptionList)
        assert f"code {tag}" in str(scope.get_option_at_index(scope.highlighted or 0).prompt)
        await pilot.press("enter")
        await wait_until(pilot, lambda: _said(app, "wrote 1 annotation to") is not None)
        markdown = default_export_path(db).read_text(encoding="utf-8")
        assert f"#{tag}" in markdown
        other = "army" if tag != "army" else "policy/border"
        assert f"#{other}" not in markdown


async def _refused_a_folder_not_there(
    pilot: Pilot[int], tmp_path: Path
) -> tuple[ExportDialog, Input]:
    """The export dialog, once a file in a folder not there was named in it and refused:
    the dialog and its field of the file's name."""
    dialog = await _export_dialog(pilot, "tab", "tab")
    field = dialog.query_one("#export-path", Input)
    field.value = str(tmp_path / "nowhere" / "out.md")
    await pilot.press("enter")
    await wait_until(pilot, lambda: "no such folder" in _error_line(dialog))
    return dialog, field


async def test_a_folder_not_there_is_said_in_one_line_and_the_dialog_stays(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog, field = await _refused_a_folder_not_there(pilot, tmp_path)
        said = _error_line(dialog)
        assert said == f"Not exported: {tmp_path / 'nowhere'}: no such folder; nothing was written"
        assert app.screen is dialog and not field.disabled

        field.value = str(db)  # the database itself: never replaced, and not asked about
        await pilot.press("enter")
        await wait_until(pilot, lambda: "annotation database" in _error_line(dialog))
        assert app.screen is dialog
        with AnnotationStore(db) as store:
            assert len(store.annotations()) == 1


async def test_an_old_error_is_gone_while_the_file_to_replace_is_asked_about(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """After "Not exported: …: no such folder", a file that exists named instead asked to
    replace it with the old error still under the new name: a refusal of the file asked
    about, as it read.  The error goes when the question is asked; a no says the file kept."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog, field = await _refused_a_folder_not_there(pilot, tmp_path)
        (tmp_path / "old.md").write_text("an old export", encoding="utf-8")
        field.value = str(tmp_path / "old.md")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()
        assert _error_line(dialog) == ""
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        assert _error_line(dialog) == f"{tmp_path / 'old.md'} kept: name another file, or esc."
        assert (tmp_path / "old.md").read_text(encoding="utf-8") == "an old export"


async def test_a_document_of_the_corpus_named_to_write_over_is_said_one(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """A transcript not coded yet, named as the export's file, was asked of as an old export
    is ("The export file … exists. Replace it?"): a yes put the export in its place.  The
    question says it is a document of the corpus; a no keeps it."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)  # (the other document has no annotation: not refused)
    other = next(p for p in corpus_copy.glob("*.txt") if p.name != MEXICO)
    text = other.read_text(encoding="utf-8")
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, "tab", "tab")
        dialog.query_one("#export-path", Input).value = str(other)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.question
        assert not isinstance(question, str)
        assert "is a document of the corpus" in question.plain, question.plain
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        assert other.read_text(encoding="utf-8") == text

        dialog.query_one("#export-path", Input).value = str(tmp_path / "old.md")
        (tmp_path / "old.md").write_text("an old export", encoding="utf-8")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.question
        assert not isinstance(question, str)
        assert question.plain.startswith("The export file ")  # no document: as before


async def test_the_open_document_chosen_exports_its_passages_alone(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    other = (
        corpus_copy / "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
    )
    where = ["--db", str(db), "--corpus", str(corpus_copy)]
    assert (
        main(
            [
                "annotate",
                str(corpus_copy / MEXICO),
                "--quote",
                "Doral, Florida",
                "-t",
                "here",
                *where,
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "annotate",
                str(other),
                "--quote",
                "Mexico",
                "--occurrence",
                "1",
                "-t",
                "there",
                *where,
            ]
        )
        == 0
    )
    app = ReaderApp(corpus_copy, db, open_file=corpus_copy / MEXICO)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _opened(pilot)
        await pilot.press("tab", "down")  # the scope: the open document, after every one
        scope = app.screen.query_one("#export-scope", OptionList)
        chosen = str(scope.get_option_at_index(scope.highlighted or 0).prompt)
        assert chosen.startswith("the open document") and MEXICO[:20] in chosen
        await pilot.press("enter")
        await wait_until(pilot, lambda: _said(app, "wrote 1 annotation to") is not None)
        markdown = default_export_path(db).read_text(encoding="utf-8")
        assert "#here" in markdown and "#there" not in markdown


async def test_a_folder_named_takes_the_file_under_its_default_name(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """A folder typed for a file (~/Desktop) was refused in the command's words, "name a file
    in it: -o ...": the file goes in it, named as by default, and the field shows it."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    folder = tmp_path / "out"
    folder.mkdir()
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        dialog = await _export_dialog(pilot, "down", "down", "down", "down")  # csv
        dialog.query_one("#export-path", Input).value = str(folder)
        await pilot.press("enter")
        await wait_until(pilot, lambda: _said(app, "wrote 1 annotation to") is not None)
        assert (folder / "annotations-export.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")


async def test_a_code_typed_exports_its_passages_and_its_subcodes_alone(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """From the text, as export --tag: a code typed (in any case), its subcodes' passages
    with its own; one that is no code is said in one line, nothing written."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    app = ReaderApp(corpus_copy, db)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _export_dialog(pilot)
        code = dialog.query_one("#export-code", Input)
        code.value = "armz"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "no such code" in _error_line(dialog))
        assert _error_line(dialog) == "armz: no such code in the codebook; nothing was written."
        assert not default_export_path(db).exists()
        code.value = "Policy"
        await pilot.press("enter")
        await wait_until(pilot, lambda: _said(app, "wrote 1 annotation to") is not None)
        markdown = default_export_path(db).read_text(encoding="utf-8")
        assert "#policy/border" in markdown and "#army" not in markdown


async def _export_policy_of_the_open_document_as_csv(pilot: Pilot[int], mine: Path) -> ExportDialog:
    """E, csv of the open document's passages coded policy, to ``mine``: the dialog, sent."""
    dialog = await _export_dialog(pilot, *["down"] * 4)  # csv
    await pressed(pilot, "tab", "down")  # the open document
    dialog.query_one("#export-code", Input).value = "policy"
    dialog.query_one("#export-path", Input).value = str(mine)
    await pilot.press("enter")
    return dialog


@asynccontextmanager
async def _policy_exported_as_csv(
    corpus_copy: Path, tmp_path: Path
) -> AsyncIterator[tuple[Pilot[int], Path, Path]]:
    """The app on a database coded twice, the open document's passages coded policy exported
    as csv to a file of one's own and the dialog gone: its pilot, the database, that file."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    mine = tmp_path / "mine.csv"
    app = ReaderApp(corpus_copy, db, open_file=corpus_copy / MEXICO)
    async with app.run_test(size=(120, 40)) as pilot:
        await _export_policy_of_the_open_document_as_csv(pilot, mine)
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        yield pilot, db, mine


async def test_e_again_offers_the_format_scope_code_and_file_exported_last(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Exported as csv of the open document to a file of one's own, E opened again offered
    Markdown of every annotation beside the database: a second export of the same (after
    more coding) was every choice made again.  It offers what was exported last."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    mine = tmp_path / "mine.csv"
    app = ReaderApp(corpus_copy, db, open_file=corpus_copy / MEXICO)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _export_policy_of_the_open_document_as_csv(pilot, mine)
        await wait_until(pilot, lambda: _said(app, "wrote 1 annotation to") is not None)
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        again = await _opened(pilot)
        assert again is not dialog
        formats = again.query_one("#export-formats", OptionList)
        scope = again.query_one("#export-scope", OptionList)
        await wait_until(pilot, lambda: formats.highlighted == 4)
        chosen = formats.get_option_at_index(formats.highlighted or 0).id
        assert chosen == "csv"
        assert str(scope.get_option_at_index(scope.highlighted or 0).prompt).startswith(
            "the open document"
        )
        assert again.query_one("#export-code", Input).value == "policy"
        assert again.query_one("#export-path", Input).value == str(mine)
        mine.unlink()
        await pilot.press("enter")  # written again as it was
        await wait_until(pilot, lambda: mine.exists())
        assert "Pentagon plan" in mine.read_text(encoding="utf-8-sig")


async def test_a_file_of_one_s_own_takes_the_extension_of_another_format_chosen(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Exported as csv to a file of one's own, E offered that file again, and moving to qdc
    left its name as it was: the codebook was written as mine.csv, a QualCoder codebook
    named as a spreadsheet (and over the csv exported before).  A name ending as the format
    it was offered for ends as the one chosen; one typed ending otherwise stays as typed."""
    async with _policy_exported_as_csv(corpus_copy, tmp_path) as (pilot, _db, mine):
        app = pilot.app
        exported = mine.read_bytes()
        dialog = await _opened(pilot)
        path = dialog.query_one("#export-path", Input)
        await wait_until(pilot, lambda: path.value == str(mine))
        await pressed(pilot, *["down"] * 4)  # csv-raw, w3c, qdpx, qdc
        assert path.value == str(tmp_path / "mine.qdc")
        await pressed(pilot, "end")  # the vault: a folder
        assert path.value == str(tmp_path / "mine-vault")
        await pressed(pilot, "home")  # Markdown
        assert path.value == str(tmp_path / "mine.md")
        await pressed(pilot, "down")  # by code
        assert path.value == str(tmp_path / "mine-by-tag.md")
        await pressed(pilot, *["down"] * 7)  # qdc
        assert path.value == str(tmp_path / "mine.qdc")
        await pilot.press("enter")
        await wait_until(pilot, lambda: (tmp_path / "mine.qdc").exists())
        assert (tmp_path / "mine.qdc").read_bytes().startswith(b"<?xml")
        assert mine.read_bytes() == exported  # the csv left as it was
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        await _opened(pilot)
        path = app.screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "codes.txt")  # a name of one's own, as typed
        await pressed(pilot, "up")
        assert path.value == str(tmp_path / "codes.txt")


async def test_the_next_start_offers_what_the_project_exported_last(
    corpus_copy: Path, tmp_path: Path, state_folder: Path
) -> None:
    """What was exported last was offered again only while the app ran: the next day, started
    again on the project, E offered Markdown of every annotation beside the database again.
    It is kept for the project (in the state folder, not the database): another project's
    dialog offers its own defaults."""
    async with _policy_exported_as_csv(corpus_copy, tmp_path) as (_pilot, db, mine):
        pass
    assert mine.exists()
    kept = db.read_text(encoding="utf-8")
    assert "mine.csv" not in kept  # not in the annotations
    assert list(state_folder.rglob("*.json"))  # in the state folder

    async def offered(db: Path) -> tuple[str | None, str, str, str]:
        again = ReaderApp(corpus_copy, db, open_file=corpus_copy / MEXICO)
        async with again.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            dialog = await _opened(pilot)
            formats = dialog.query_one("#export-formats", OptionList)
            scope = dialog.query_one("#export-scope", OptionList)
            await pilot.pause()
            return (
                formats.get_option_at_index(formats.highlighted or 0).id,
                str(scope.get_option_at_index(scope.highlighted or 0).prompt),
                dialog.query_one("#export-code", Input).value,
                dialog.query_one("#export-path", Input).value,
            )

    choice, scope, code, path = await offered(db)
    assert (choice, code, path) == ("csv", "policy", str(mine))
    assert scope.startswith("the open document")
    other = tmp_path / "other" / "annotations.json"
    other.parent.mkdir()
    choice, scope, code, path = await offered(other)
    assert (choice, scope, code) == ("markdown", "every annotation", "")
    assert path == str(default_export_path(other, ".md"))


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_dialog_shows_whole_with_its_labels_at_a_small_terminal(
    corpus_copy: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    """At 60x20 (and 80x24) the box was taller than the screen: opened, the line "Format"
    was already above its top, and tabbing to the file scrolled the box so that the formats
    and their label were gone, the file's field alone saying what was being exported.
    The box now fits, its lists and fields shorter: nothing is scrolled out of view."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    app = ReaderApp(corpus_copy, db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = await _opened(pilot)
        box = dialog.query_one(".dialog-box")
        for _ in range(3):  # the scope, the code, the file
            await pilot.press("tab")
            await pilot.pause()
        assert dialog.focused is dialog.query_one("#export-path", Input)
        assert box.max_scroll_y == 0 and box.scroll_y == 0
        labels = [str(label.render()) for label in dialog.query(".dialog-label")]
        assert labels == ["Format", "Which annotations", "Only a code and its subcodes", "File"]
        inside = box.content_region
        for widget in [*dialog.query(".dialog-label"), dialog.query_one("#export-path")]:
            assert inside.contains_region(widget.region), widget


@pytest.mark.parametrize("size", [(120, 40), (100, 30)])
async def test_each_format_s_words_show_whole_where_the_terminal_has_the_room(
    corpus_copy: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    """At 120 columns the box kept its 76 columns and cut the formats' words with "…"
    ("the whole project (codebook, memos, attributes, annot…") while 40 columns beside it
    stood empty; it is now as wide as the widest, within the terminal."""
    db = _coded_twice(corpus_copy, tmp_path / "annotations.json")
    app = ReaderApp(corpus_copy, db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await _opened(pilot)
        await pilot.pause()
        box = app.screen.query_one(".dialog-box")
        assert box.region.right <= size[0]
        formats = app.screen.query_one("#export-formats", OptionList)
        room = formats.scrollable_content_region.width
        whole = [ExportDialog._prompt(name).plain for name in export_dialog.CHOICES]
        assert sum(len(prompt) <= room for prompt in whole) >= len(whole) - (size[0] < 120)
        shown = "\n".join(terminal_lines(app))
        listed = [prompt for prompt in whole if prompt.split()[0] + "  " in shown]
        assert len(listed) >= formats.scrollable_content_region.height - 1, shown
        assert all(prompt in shown for prompt in listed if len(prompt) <= room), shown


async def test_the_open_document_s_name_is_offered_as_every_list_shows_it(tmp_path: Path) -> None:
    # A document named with an escape sequence and a bidi override was offered as
    # "the open document, esc[31mRED[0m" (its ESC dropped: another file's name), its
    # right-to-left override drawing "gpj.txt" reversed, "txt.jpg"; the library and the
    # details show them as ␛ and the override's mark.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "esc\x1b[31mRED\x1b[0m\u202egpj.txt"
    (corpus / name).write_text("Some words.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    key = document_key(corpus / name, db)
    app = ReaderApp(corpus, db, open_file=corpus / name)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _opened(pilot)
        scope = app.screen.query_one("#export-scope", OptionList)
        offered = str(scope.get_option_at_index(scope.option_count - 1).prompt)
        assert offered == f"the open document, {shown_name(key)}"
        assert "␛[31mRED␛[0m" in offered and "\u202e" not in offered


async def test_each_format_of_the_dialog_is_written_to_a_file_of_its_own(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """json and project both went to annotations-export.json (csv, csv-raw and the codebook's
    csv to annotations-export.csv): a first study's json, then project, asked to replace the
    json just written, enter replaced it. Each format now has a default file of its own."""
    from tui_reader.ui.screens.export_dialog import CHOICES

    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        # Each step waits for the state it needs (a loaded machine: the dialog not open yet
        # when the keys were sent, the format not moved yet, the export not written yet)
        await ready(pilot)

        async def chosen(moves: int, choice: str) -> ExportDialog:
            dialog = await screen_opened(pilot, "E", ExportDialog)
            await pressed(pilot, "g", *["j"] * moves)
            await wait_until(pilot, lambda: dialog.format_name == choice)
            return dialog

        written: dict[str, str] = {}
        for moves, choice in enumerate(CHOICES):
            dialog = await chosen(moves, choice)
            path = dialog.query_one("#export-path", Input).value
            assert path not in written, f"{choice} and {written.get(path)} both write {path}"
            written[path] = choice
            await pressed(pilot, "escape")
            await wait_until(pilot, lambda shut=dialog: shut not in app.screen_stack)
        assert {CHOICES[2], CHOICES[3]} == {"json", "project"}
        for moves, choice in ((2, "json"), (3, "project")):  # both kept, nothing asked
            dialog = await chosen(moves, choice)
            await pressed(pilot, "enter")
            await wait_until(
                pilot,
                lambda shut=dialog: (
                    shut not in app.screen_stack or isinstance(app.screen, ConfirmScreen)
                ),
            )
            assert not isinstance(app.screen, ConfirmScreen)
        made = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("annotations-ex"))
        assert len(made) == 2, made


async def test_e_again_at_80x24_takes_the_last_export_s_notice_off_the_dialog(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """At 80x24, E pressed again within the eight seconds the last export's notice is shown
    opened the dialog under it: the notice covered the box's bottom edge and the keys it
    names ("enter e▌").  The dialog takes that notice back as it opens."""
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    target = default_export_path(db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("E", "enter")
        await wait_until(pilot, lambda: _said(app, str(target)) is not None)
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        await _opened(pilot)
        await pilot.pause()
        assert [n.title for n in app._notifications if n.title.startswith("Exported as")] == []
