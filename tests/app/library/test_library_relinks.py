"""A database brought from elsewhere (a colleague's, a copy in another folder): its document
keys name files that are not there, yet the same texts are in the corpus.  The library finds
them by their text after its scan, as queries and exports do, so its counts are right before
any document is opened."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.app import notices_said, ready, wait_until
from helpers.passages import MEXICO, US, Annotated
from textual.pilot import Pilot

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.main import MainScreen


async def _counted(pilot: Pilot[object], screen: MainScreen, keys: dict[str, str]) -> None:
    """Waits until the library's rows of the two documents count 3 and 1 annotations."""

    def counted() -> bool:
        entries = {name: screen.library.entry(key) for name, key in keys.items()}
        return all(e is not None for e in entries.values()) and [
            entries[MEXICO].annotations,  # type: ignore[union-attr]
            entries[US].annotations,  # type: ignore[union-attr]
        ] == [3, 1]

    await wait_until(pilot, counted, tries=500)


async def test_the_library_counts_a_copied_databases_annotations_without_opening(
    annotated: Annotated, tmp_path: Path
) -> None:
    moved = tmp_path / "from" / "a colleague" / "annotations.json"
    moved.parent.mkdir(parents=True)
    shutil.copyfile(annotated.db, moved)  # its keys are relative to the old folder
    with AnnotationStore(moved) as store:
        assert set(store.documents()) == {MEXICO, US}  # files not there, seen from here
    app = ReaderApp(annotated.corpus, moved, measure=80)
    notes = notices_said(app)  # as said: its toast times out while the rows are counted
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        keys = {
            name: app.workspace.key(annotated.corpus / Path(name).name) for name in (MEXICO, US)
        }
        await _counted(pilot, screen, keys)
        assert "1 ann." in screen.library.cell(keys[US]).plain
        assert any("found again" in note for note in notes)
    with AnnotationStore(moved) as store:
        assert set(store.documents()) == set(keys.values())


async def test_the_library_counts_the_annotations_of_a_corpus_moved_behind_a_link(
    annotated: Annotated, tmp_path: Path
) -> None:
    """The corpus folder moved to another disk, a symbolic link left in its place: the
    database names its files through the link, the listing by their real path.  The library
    showed them with no annotations; its scan now moves them to the listed names."""
    assert annotated.corpus.name == "docs_corpus" and annotated.db.parent == annotated.corpus.parent
    disk = tmp_path / "disk"
    disk.mkdir()
    annotated.corpus.rename(disk / "docs_corpus")
    annotated.corpus.symlink_to(disk / "docs_corpus")
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        keys = {name: app.workspace.key(disk / name) for name in (MEXICO, US)}
        assert keys[MEXICO] != MEXICO
        await _counted(pilot, screen, keys)
    with AnnotationStore(annotated.db) as store:
        assert set(store.documents()) == set(keys.values())


async def test_the_library_says_which_annotations_stayed_on_a_file_not_here(
    annotated: Annotated, tmp_path: Path
) -> None:
    """The corpus taken to another machine without one of its files: the library said
    nothing, the document opened first having taken its annotations back before the scan,
    and nothing of the one left on the missing file, which no row shows (an orphan, found
    in the codebook or an export by chance)."""
    moved = tmp_path / "elsewhere" / "annotations.json"
    moved.parent.mkdir()
    shutil.copyfile(annotated.db, moved)
    (annotated.corpus / Path(US).name).unlink()  # not brought along
    app = ReaderApp(annotated.corpus, moved, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        def said() -> list[str]:
            return [n.message for n in app._notifications if "found again" in n.message]

        await wait_until(pilot, said, tries=500)
        assert said() == [
            "3 annotations found again: their files were not where the database says; files "
            f"here have the same text. 1 annotation is left on a file not here ({US}): the "
            "codebook (T) lists it as an orphan, exports keep it"
        ]


async def test_the_app_says_why_passages_stay_orphans_on_a_file_two_copies_hold(
    tmp_path: Path,
) -> None:
    """a.txt coded, then moved to archive/a.txt and copied to backup.txt, a new a.txt
    written in its place: opening a.txt showed its passage an orphan without a word, where
    every command says that two files hold the text it was made on."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = "Alpha speaks of rivers and crossings at night.\n"
    (corpus / "a.txt").write_text(old, "utf-8")
    db = tmp_path / "annotations.json"
    at = ["--corpus", str(corpus), "--db", str(db)]
    assert main(["annotate", "a.txt", "--quote", "rivers", "-t", "river", *at]) == 0
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "backup.txt").write_text(old, "utf-8")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    app = ReaderApp(corpus, db, corpus / "a.txt", measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        def said() -> list[str]:
            return [n.message for n in app._notifications if "holds another text" in n.message]

        await wait_until(pilot, said, tries=300)
        assert said() == [
            "corpus/a.txt holds another text now: 1 annotation of it left orphans there, since "
            "corpus/archive/a.txt and corpus/backup.txt each hold the text they were made on, "
            "and none is theirs more than another"
        ]


async def test_u_undoes_a_memo_written_before_a_copy_joined_it_to_the_moved_key(
    annotated: Annotated, tmp_path: Path
) -> None:
    """A memo written on a document's key, then one on the key a copy of the database alone
    in another folder gives its file: the library's scan joins the first below the second.
    u undid nothing after it ("the memo ... changed since", every time); now it takes the
    second memo back, the first left on the file, and u again takes that back too."""
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.locations import document_key

    moved = tmp_path / "copy" / "annotations.json"
    moved.parent.mkdir()
    new = document_key(annotated.corpus / Path(MEXICO).name, moved)
    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.DOCUMENT, MEXICO, "First reading."))
        store.put_memo(Memo(MemoKind.DOCUMENT, new, "Own."))
    shutil.copyfile(annotated.db, moved)
    app = ReaderApp(annotated.corpus, moved, measure=80)
    notes = notices_said(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        def memos() -> list[tuple[str, str]]:
            return [(m.target, m.text) for m in app.workspace.store.memos(MemoKind.DOCUMENT)]

        await wait_until(pilot, lambda: [t for t, _ in memos()] == [new], tries=500)
        assert f"From {MEXICO}:" in memos()[0][1]
        await pilot.press("u")
        await wait_until(pilot, lambda: any(n.startswith("Undone") for n in notes))
        assert memos() == [(new, "First reading.")]
        await pilot.press("u")
        await wait_until(pilot, lambda: memos() == [])
    with AnnotationStore(moved) as store:
        assert store.memos() == []
