"""The app's export action: ``E`` and the command palette write Markdown beside the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.annotations import annotated_files_gone
from helpers.app import command_chosen, wait_until, workers_done
from helpers.counting import held_calls

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import default_export_path, document_key
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.notices import SAID_AT_MOST
from tui_reader.ui.screens.confirm import ConfirmScreen

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


async def test_e_exports_and_asks_before_replacing(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    target = default_export_path(db)
    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("E")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        markdown = target.read_text(encoding="utf-8")
        assert f"> {PHRASE}" in markdown and "#policy/border" in markdown

        target.write_text("my own edits", encoding="utf-8")
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await workers_done(app)
        assert target.read_text(encoding="utf-8") == "my own edits"
        await wait_until(
            pilot, lambda: any("Export cancelled" in n.message for n in app._notifications)
        )

        await pilot.press("E")
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
        await pilot.press("E")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        said = next(n.message for n in app._notifications if str(target) in n.message)
        assert said.startswith("1 annotation written to") and "ben's alone" in said
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
        await pilot.press("E")
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
        await pilot.press("E")
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))
        warned = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warned) == SAID_AT_MOST + 1, warned
        assert warned[-1] == "4 more like these"


async def test_exporting_is_said_until_the_export_is_done(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Exporting annotations…' went after two seconds, a big database's export still
    running, nothing on screen saying so; and it stayed on after a quick export was done."""
    from tui_reader.ui import export_action

    db = tmp_path / "annotations.json"
    _annotated(corpus_copy, db)
    release = held_calls(monkeypatch, export_action, "render", 10)

    def shown(text: str) -> bool:
        return any(text in n.message for n in app._notifications)

    app = ReaderApp(corpus_copy, db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("E")
        await wait_until(pilot, lambda: shown("Exporting annotations"))
        await pilot.pause(2.3)  # longer than it stayed
        assert shown("Exporting annotations")
        release.set()
        await wait_until(pilot, lambda: shown("written to"))
        await workers_done(app)
        await wait_until(pilot, lambda: not shown("Exporting annotations"), tries=25)
