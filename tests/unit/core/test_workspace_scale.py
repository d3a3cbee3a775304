"""Workspace work grows with the annotations, not with their square (export, relink, keys)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.core.annotations.model import AnchorStatus, make_annotation
from tui_reader.core.documents.corpus import keyed_files, list_corpus_files
from tui_reader.core.documents.document import Document
from tui_reader.core.workspace import Workspace
from tui_reader.locations import document_key


def _corpus(tmp_path: Path, count: int) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(count):
        (corpus / f"doc{n:03d}.txt").write_text(f"Document number {n} of the set\n\nbody {n}\n")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    for key in workspace.keys():  # noqa: SIM118 - a method, not a dict
        document = workspace.document(key)
        workspace.store.add(make_annotation(key, document.text, 0, 8, document.sha256, ("t",)))
    return workspace


def test_export_looks_up_each_document_path_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 40
    workspace = _corpus(tmp_path, count)
    lookups = count_calls(monkeypatch, Workspace, "path")
    documents: dict[str, Document | None] = {}
    placed = workspace.all_anchored(documents)
    assert len(placed) == count and all(a.status is AnchorStatus.ANCHORED for a in placed)
    assert set(documents) == {a.document for a in placed}
    assert lookups.calls <= 4 * count  # not count * count: the missing files are found once


def test_relink_of_a_moved_file_still_works_with_many_documents(tmp_path: Path) -> None:
    workspace = _corpus(tmp_path, 12)
    (workspace.corpus / "sub").mkdir()
    (workspace.corpus / "doc003.txt").rename(workspace.corpus / "sub" / "doc003.txt")
    placed = workspace.all_anchored()
    moved = [a for a in placed if a.document.endswith("sub/doc003.txt")]
    assert len(moved) == 1 and moved[0].status is AnchorStatus.ANCHORED
    assert not any(a.status is AnchorStatus.ORPHAN for a in placed)


@pytest.mark.parametrize("deleted", [0, 3])
def test_a_moved_folder_is_relinked_reading_the_strays_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deleted: int
) -> None:
    """Every file moved at once (a folder renamed): each document's annotations move to it,
    asking the store for the missing files' annotations a bounded number of times, not once
    per missing file for every document (10,000 moved files never finished); files deleted
    as well stay orphans, and nothing is asked per pair either."""
    from tui_reader.core.store.annotation_store import AnnotationStore

    count = 30
    workspace = _corpus(tmp_path, count)
    before = {a.id for a in workspace.store.annotations()}
    moved = tmp_path / "corpus" / "moved"
    moved.mkdir()
    for n in range(count):
        if n < deleted:
            (workspace.corpus / f"doc{n:03d}.txt").unlink()
        else:
            (workspace.corpus / f"doc{n:03d}.txt").rename(moved / f"doc{n:03d}.txt")
    workspace = Workspace(workspace.corpus, workspace.db)
    asked = count_calls(monkeypatch, AnnotationStore, "annotations")
    placed = workspace.all_anchored()
    assert len(placed) == count and {a.id for a in placed} == before
    orphans = sorted(a.document for a in placed if a.status is AnchorStatus.ORPHAN)
    assert orphans == [f"corpus/doc{n:03d}.txt" for n in range(deleted)]
    found = sorted(a.document for a in placed if a.status is AnchorStatus.ANCHORED)
    assert found == [f"corpus/moved/doc{n:03d}.txt" for n in range(deleted, count)]
    assert asked.calls <= 3 * count  # not count * count


def test_key_and_path_are_inverse(tmp_path: Path) -> None:
    workspace = _corpus(tmp_path, 3)
    for file in workspace.files:
        key = workspace.key(file.path)
        assert workspace.key(file.path) == key  # remembered
        assert workspace.path(key) == file.path.resolve()


def test_listed_files_get_the_keys_resolving_gives(tmp_path: Path) -> None:
    """Keys made without resolving (plain files below the resolved corpus folder) are the
    keys :func:`document_key` makes, links included, wherever the database lies."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text("a\n")
    (tmp_path / "outside.txt").write_text("b\n")
    (real / "link.txt").symlink_to(tmp_path / "outside.txt")
    (tmp_path / "alias").symlink_to(real)  # the corpus named through a link
    (real / "top.txt").write_text("c\n")
    for db in (
        tmp_path / "db" / "annotations.json",
        real / "annotations.json",
        real / "sub" / "annotations.json",
        tmp_path / "annotations.json",
    ):
        db.parent.mkdir(exist_ok=True)
        files = list_corpus_files(tmp_path / "alias")
        keyed = keyed_files(files, db)
        assert [f.link for _, f in keyed] == [True, False, False]
        assert [k for k, _ in keyed] == [document_key(f.path, db) for f in files]
        assert "outside.txt" in keyed[0][0] and keyed[1][0].endswith("a.txt")
        assert keyed[2][0].endswith("top.txt")


def test_missing_files_from_a_listing_just_made_are_those_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right after a listing, files it found are not looked at again; the others are."""
    workspace = _corpus(tmp_path, 6)
    (workspace.corpus / "doc001.txt").unlink()
    (workspace.corpus / "doc004.txt").rename(workspace.corpus / "moved.txt")
    workspace.refresh_files()
    looked = count_calls(monkeypatch, Workspace, "_location")
    missing = workspace.missing_keys(listed_now=True)
    assert looked.calls == 2  # only the two the listing did not find
    assert missing == workspace.missing_keys()
    assert [Path(k).name for k in missing] == ["doc001.txt", "doc004.txt"]


def test_files_looked_for_make_no_path_each(tmp_path: Path) -> None:
    """A memo listed on 10,000 annotated documents outside the corpus looked for each file
    through a Path made for it (0.3 s of the command): their places are looked at as text."""
    workspace = _corpus(tmp_path, 6)
    (workspace.corpus / "doc001.txt").unlink()
    workspace._paths.clear()  # (made as the passages were)
    missing = workspace.missing_keys()
    assert [m.rsplit("/", 1)[-1] for m in missing] == ["doc001.txt"]
    assert workspace._paths == {}


def test_a_file_deleted_after_the_listing_is_missing_without_listing_again(
    tmp_path: Path,
) -> None:
    """Placing with the files as listed last trusts the listing only while no folder changed:
    a file deleted since is missing, and its annotations move to a listed file of its text."""
    workspace = _corpus(tmp_path, 3)
    copy = workspace.corpus / "copy.txt"
    copy.write_text((workspace.corpus / "doc001.txt").read_text())
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    assert workspace.key(copy) in workspace.keys()  # noqa: SIM118 - listed (a method)
    gone = workspace.key(workspace.corpus / "doc001.txt")
    (workspace.corpus / "doc001.txt").unlink()
    placed = workspace.all_anchored(relist=False)
    assert gone not in {a.document for a in placed}
    moved = [a for a in placed if a.document == workspace.key(copy)]
    assert len(moved) == 1 and moved[0].status is AnchorStatus.ANCHORED


def _moved_folder(tmp_path: Path, count: int) -> Workspace:
    """``count`` annotated documents, every file then moved to a folder ``moved``: a new
    workspace on the corpus, listed, whose every annotated key is gone."""
    workspace = _corpus(tmp_path, count)
    moved = workspace.corpus / "moved"
    moved.mkdir()
    for n in range(count):
        (workspace.corpus / f"doc{n:03d}.txt").rename(moved / f"doc{n:03d}.txt")
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    workspace.keys()  # the library lists the corpus first
    return workspace


def test_opening_document_after_document_reads_the_files_gone_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading view places each document it opens: in a moved folder (every annotated
    file gone) the missing files and their annotations are found once for document after
    document, not for each (at 100,000 annotations: 0.25 s a document), and each document
    still takes the annotations made on its text."""
    from tui_reader.core.store.annotation_store import AnnotationStore

    count = 8
    workspace = _moved_folder(tmp_path, count)
    asked = count_calls(monkeypatch, AnnotationStore, "annotations_of")
    looked = count_calls(monkeypatch, Workspace, "path")
    for key in workspace.keys():  # noqa: SIM118 - a method
        placed = workspace.anchored_in(workspace.document(key), key)
        assert [(a.document, a.status) for a in placed] == [(key, AnchorStatus.ANCHORED)]
    assert asked.calls == 1
    assert looked.calls <= 2 * count  # the annotated files looked for once, not per document


def test_kept_strays_see_a_file_deleted_and_the_store_changed(tmp_path: Path) -> None:
    """The strays kept between openings are found again when a listed folder changes (a
    file deleted: its annotations move to a copy of its text) and when the store changes."""
    workspace = _corpus(tmp_path, 3)
    copy = workspace.corpus / "copy.txt"
    copy.write_text((workspace.corpus / "doc001.txt").read_text())
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    keys = workspace.keys()
    first = workspace.key(workspace.corpus / "doc000.txt")
    assert len(workspace.anchored_in(workspace.document(first), first)) == 1  # strays kept
    gone = workspace.key(workspace.corpus / "doc001.txt")
    (workspace.corpus / "doc001.txt").unlink()  # the corpus folder's time changes
    placed = workspace.anchored_in(workspace.document(workspace.key(copy)), workspace.key(copy))
    assert [(a.document, a.status) for a in placed] == [
        (workspace.key(copy), AnchorStatus.ANCHORED)
    ]
    assert workspace.store.annotations(gone) == []
    # another process adds an annotation to a file that is gone; the copy was placed already
    other = Workspace(workspace.corpus, workspace.db)
    text = copy.read_text()
    ghost = make_annotation(gone, text, 0, 8, other.document(other.key(copy)).sha256, ("u",))
    other.store.add(ghost)
    other.store.close()
    workspace.store.reload_if_changed()
    twin = workspace.corpus / "twin.txt"
    twin.write_text(text)
    workspace.refresh_files()
    placed = workspace.anchored_in(workspace.document(workspace.key(twin)), workspace.key(twin))
    assert [a.id for a in placed] == [ghost.id]
    assert keys  # listed before any placing


def test_strays_a_busy_store_could_not_move_are_moved_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holding the database's lock when a document is placed: its strays
    are not moved then (the user is told), and placing it again moves them; the strays
    taken but not moved are not kept as taken."""
    from tui_reader.core.errors import LockBusy, LockHolder
    from tui_reader.core.store.annotation_store import AnnotationStore

    workspace = _moved_folder(tmp_path, 2)
    key = next(k for k in workspace.keys() if k.endswith("doc000.txt"))  # noqa: SIM118
    replace = AnnotationStore.replace_if_unchanged
    busy = [True]

    def held(self: AnnotationStore, pairs: object) -> object:
        if busy.pop() if busy else False:
            raise LockBusy("the database is locked", LockHolder(4242))
        return replace(self, pairs)  # type: ignore[arg-type]

    monkeypatch.setattr(AnnotationStore, "replace_if_unchanged", held)
    assert workspace.anchored_in(workspace.document(key), key) == []
    assert workspace.problems and "saved next time" in workspace.problems[0]
    placed = workspace.anchored_in(workspace.document(key), key)
    assert [(a.document, a.status) for a in placed] == [(key, AnchorStatus.ANCHORED)]


def test_placing_in_a_listed_corpus_looks_at_no_file_the_listing_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library lists the corpus before a document is opened: its files are there while
    no listed folder changed, so placing looks only at the annotated files it did not find
    (10,000 stats, 45 ms, at the first opening)."""
    workspace = _corpus(tmp_path, 6)
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    keys = workspace.keys()  # listed
    first, second = workspace.document(keys[0]), workspace.document(keys[1])
    looked = count_calls(monkeypatch, Workspace, "_location")
    placed = workspace.anchored_in(first, keys[0])
    assert [a.status for a in placed] == [AnchorStatus.ANCHORED]
    assert looked.calls == 0
    (workspace.corpus / "doc005.txt").unlink()  # its folder changed: every file looked at
    workspace.anchored_in(second, keys[1])
    assert looked.calls == 6


def test_placing_with_no_file_gone_makes_no_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names of the listed files tell the strays of files gone apart: with no file gone
    the first placing (the reading view's first document) makes none of them (10,000 names,
    about 6 ms at each start); a file gone since is still found by its name."""
    from tui_reader.core import workspace as workspace_module

    workspace = _corpus(tmp_path, 6)
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    keys = workspace.keys()  # listed
    named = count_calls(monkeypatch, workspace_module, "_name")
    placed = workspace.anchored_in(workspace.document(keys[0]), keys[0])
    assert [a.status for a in placed] == [AnchorStatus.ANCHORED]
    assert named.calls == 0
    (workspace.corpus / "sub").mkdir()
    (workspace.corpus / "doc003.txt").rename(workspace.corpus / "sub" / "doc003.txt")
    workspace.refresh_files()
    moved = workspace.key(workspace.corpus / "sub" / "doc003.txt")
    placed = workspace.anchored_in(workspace.document(moved), moved)
    assert [(a.document, a.status) for a in placed] == [(moved, AnchorStatus.ANCHORED)]
    assert named.calls > 0


def test_a_first_report_finds_the_listed_file_names_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report or query on documents not placed before (a database new to this corpus, a
    colleague's imported) places each: the names of the listed files, which the strays of
    the files gone are told apart by, are found once for them all, not once per document
    (10,000 documents: 100 million names, a report of 90 s before its first line)."""
    from tui_reader.core import workspace as workspace_module
    from tui_reader.core.analysis.scope import load_scope

    count = 30
    workspace = _corpus(tmp_path, count)
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    named = count_calls(monkeypatch, workspace_module, "_name")
    scope = load_scope(workspace)
    assert sum(map(len, scope.parts)) == count and not scope.orphans
    assert named.calls <= 4 * count  # not count * count


def test_a_moved_folder_found_again_by_a_report_says_its_progress(tmp_path: Path) -> None:
    """A report on a corpus whose every file moved reads each listed file for its text
    before placing any passage (10,000 files: seconds with nothing on the screen): that
    reading is counted as it goes, file by file, before the documents placed are."""
    from tui_reader.core.analysis.scope import PLACING, READING_MOVED, load_scope

    count = 6
    workspace = _moved_folder(tmp_path, count)
    bars: list[list[int]] = []  # each bar: its total, then a 1 for each step
    steps: list[str] = []  # each bar's name: one for both ran a count to its end, then again

    def progress(total: int, step: str) -> Callable[[], None]:
        bar = [total]
        bars.append(bar)
        steps.append(step)
        return lambda: bar.append(1)

    scope = load_scope(workspace, progress=progress)
    assert sum(map(len, scope.parts)) == count
    assert steps == [READING_MOVED, PLACING]  # the files read for their text, then placed
    assert bars[0] == [count] + [1] * count  # each moved file read once
    assert bars[1] == [count] + [1] * count


def test_the_corpus_found_from_the_database_builds_no_index_of_its_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No corpus named: the folder of the database's documents is the corpus, found from
    the documents its records name, without the index of every annotation (a memo added to a
    database of 100,000 annotations built it for this alone, and nothing asked for it)."""
    from tui_reader.core.store.index import StoreIndex
    from tui_reader.locations import sample_corpus

    _corpus(tmp_path, 3).store.close()
    rebuilds = count_calls(monkeypatch, StoreIndex, "_rebuild")
    workspace = Workspace(sample_corpus(), tmp_path / "annotations.json")
    assert workspace.corpus == (tmp_path / "corpus").resolve()
    assert rebuilds.calls == 0
    assert workspace.store.named_documents() == set(workspace.store.documents())
    assert rebuilds.calls == 0  # (the documents annotated are read from the records too)
    assert sorted(workspace.store._index.by_document) == workspace.store.documents()
    assert rebuilds.calls == 1  # the index built now: the same documents


def test_stamps_taken_with_the_listing_look_at_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export's first look at the annotated files lists the corpus, which looks at each
    file (``os.stat``) as it lists it: their stamps are taken from those looks, not from a
    second ``stat`` each (10,000 files: 10,000 more); a later look, with no listing made,
    looks at them again and sees a file changed since."""
    import os

    from tui_reader.core.annotations.placement_cache import stamp_of

    workspace = _corpus(tmp_path, 6)
    workspace.store.close()
    for path in [*workspace.corpus.iterdir(), workspace.corpus]:  # written a while ago
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    Workspace(workspace.corpus, workspace.db).keys()  # the folders' listing kept
    workspace = Workspace(workspace.corpus, workspace.db)
    files = {str(path) for path in workspace.corpus.glob("*.txt")}
    looks: dict[str, int] = dict.fromkeys(files, 0)
    real_stat = os.stat

    def counted_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path) in looks:
            looks[str(path)] += 1
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", counted_stat)
    stamps = workspace.annotated_stamps()
    assert len(stamps) == 6 and all(stamps.values())
    assert looks == dict.fromkeys(files, 1)
    monkeypatch.setattr(os, "stat", real_stat)
    assert stamps == {key: stamp_of(workspace.path(key)) for key in stamps}
    changed = workspace.corpus / "doc002.txt"
    os.utime(changed, ns=(2_000_000_000, 2_000_000_000))
    again = workspace.annotated_stamps()
    assert again[workspace.key(changed)] == stamp_of(changed) != stamps[workspace.key(changed)]
