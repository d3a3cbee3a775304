"""Each annotation record carries a revision; a save based on an old one is refused (issue 15,
item 11): two processes editing one annotation never overwrite each other's acknowledged edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore, StaleAnnotationError

TEXT = "The Pentagon plan would crack down on the Mexico-Guatemala border and remilitarize it."


def note(start: int = 4, end: int = 12) -> Annotation:
    return make_annotation("a.txt", TEXT, start, end, "f" * 64, ("policy",))


def test_every_save_raises_the_revision(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as store:
        first = store.add(note())
        second = store.update(first.evolve(note="one"))
        assert second.revision == first.revision + 1
        assert store.get(first.id) == second
        store.rename_tag("policy", "politics")
        renamed = store.get(first.id)
        assert renamed is not None and renamed.revision == second.revision + 1
    with AnnotationStore(tmp_path / "db.json") as reopened:
        assert reopened.get(first.id) == renamed


def test_a_stale_edit_from_another_process_is_refused_and_names_the_newer_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    mine, theirs = AnnotationStore(path), AnnotationStore(path)
    try:
        seen = mine.add(note())
        their_copy = theirs.get(seen.id)
        assert their_copy == seen
        newer = theirs.update(seen.evolve(note="their acknowledged edit"))
        with pytest.raises(StaleAnnotationError) as refused:
            mine.update(seen.evolve(note="my stale edit"))
        assert refused.value.current == newer
        assert "another tui-reader" in str(refused.value)
        assert mine.get(seen.id) == newer
        with pytest.raises(StaleAnnotationError):  # the digit keys go through add_tags
            Annotator(mine).add_tags(seen, ["border"])
        with pytest.raises(StaleAnnotationError):
            Annotator(mine).edit(seen, ["x"], "y")
        with pytest.raises(StaleAnnotationError):
            mine.delete(seen.id, revision=seen.revision)
        assert theirs.get(seen.id) == newer
        # Based on the newer version, the edit goes through.
        assert Annotator(mine).edit(newer, ["policy"], "mine").note == "mine"
    finally:
        mine.close()
        theirs.close()


def test_records_written_before_revisions_read_as_revision_0(tmp_path: Path) -> None:
    record = note().to_record()
    del record["revision"]
    assert Annotation.from_record(record).revision == 0


def test_an_import_over_an_existing_record_moves_its_revision_on(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as store:
        saved = store.add(note())
        store.put(saved.evolve(note="imported"))
        stored = store.get(saved.id)
        assert stored is not None and stored.revision == saved.revision + 1
        with pytest.raises(StaleAnnotationError):
            store.update(saved.evolve(note="stale"))


def test_re_anchoring_returns_what_was_saved(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as store:
        saved = store.add(note())
        moved = saved.evolve(start=5, end=12, quote=TEXT[5:12])
        [result] = store.replace_if_unchanged([(saved, moved)])
        assert result.revision == saved.revision + 1 and store.get(saved.id) == result
        assert store.replace_if_unchanged([(saved, moved)]) == []


def test_an_undone_creation_redone_comes_back_above_every_revision_it_had(
    tmp_path: Path,
) -> None:
    """Found by the monkey test: an annotation re-anchored after its creation (no step of its
    own), its creation undone and redone, came back at the revision it had before the
    re-anchoring: a copy held since (an open dialog) could then be saved over it."""
    with AnnotationStore(tmp_path / "db.json") as store:
        made = store.add(note())
        [moved] = store.replace_if_unchanged([(made, made.evolve(prefix="The ", suffix=" plan"))])
        assert moved.revision == made.revision + 1
        store.undo()
        assert store.get(made.id) is None
        store.redo()
        back = store.get(made.id)
        assert back is not None and back.revision > moved.revision
        with pytest.raises(StaleAnnotationError):
            store.update(moved.evolve(note="a copy held since"))
        store.undo()  # the redone creation is undone again, and redone again: higher still
        assert store.get(made.id) is None
        store.redo()
        again = store.get(made.id)
        assert again is not None and again.revision > back.revision
        assert (again.start, again.tags) == (made.start, made.tags)  # as the step made it
