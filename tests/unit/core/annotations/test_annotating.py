"""Annotating through the real store: create, edit, tag, delete + undo, re-attach, failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.documents.document import load_document
from tui_reader.core.errors import StoreError
from tui_reader.core.store.annotation_store import AnnotationStore, StaleAnnotationError

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def store(db_copy: Path, corpus_copy: Path) -> AnnotationStore:
    return AnnotationStore(db_copy)


def test_create_edit_tag_persist(store: AnnotationStore, corpus_copy: Path) -> None:
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 20, ("militarization",), "first")
    assert made.quote == document.text[:20]
    assert annotator.last_tags == ("militarization",)
    assert [t.name for t in store.tags()] == ["militarization"]
    edited = annotator.edit(made, ("policy/security",), "changed")
    tagged = annotator.add_tags(edited, ("policy/security", "migration"))
    assert tagged.tags == ("policy/security", "migration")
    assert annotator.last_tags == ("policy/security", "migration")
    reopened = AnnotationStore(store.path)
    assert reopened.get(made.id) == tagged
    assert reopened.get(made.id).note == "changed"  # type: ignore[union-attr]


def test_a_code_typed_with_a_control_character_is_refused_one_read_from_a_file_kept(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """A code typed with ESC in it was saved; every export writes ESC as its picture, so
    importing one's own export (or a QualCoder round trip) gave another code and every such
    passage twice.  A name typed is refused; one read from a file (the store's own add) is
    kept, and a passage carrying one can still be edited."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.errors import TagNameError

    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    for name in ("e\x1b[1mvil", "a\nb", "rtl\u202eevil", "x\u200f"):
        with pytest.raises(TagNameError, match="control character"):
            annotator.create(DOC, document, 0, 10, ("fine", name))
    assert store.annotations(DOC) == [] and store.tags() == []
    legacy = store.add(
        make_annotation(DOC, document.text, 0, 10, document.sha256, ("old\x1bcode",))
    )
    edited = annotator.edit(legacy, legacy.tags, "a note")
    assert edited.tags == ("old\x1bcode",) and edited.note == "a note"
    with pytest.raises(TagNameError):
        annotator.add_tags(edited, ("new\x07",))
    with pytest.raises(TagNameError):
        store.rename_tag("old\x1bcode", "still\x1bbad")
    assert store.rename_tag("old\x1bcode", "clean") == 1


def test_a_code_typed_with_a_zero_width_space_is_refused_where_it_is_typed(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    # the annotate dialog took "border\u200bsecurity" pasted from a web page: a code of its
    # own, shown as "bordersecurity" is, beside it
    from tui_reader.core.errors import TagNameError

    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    with pytest.raises(TagNameError, match="zero-width space"):
        annotator.create(DOC, document, 0, 10, ("bordersecurity", "border\u200bsecurity"))
    assert store.annotations(DOC) == [] and store.tags() == []
    made = annotator.create(DOC, document, 0, 10, ("bordersecurity",))
    with pytest.raises(TagNameError, match="soft hyphen"):
        annotator.add_tags(made, ("border\u00adsecurity",))
    assert [t.name for t in store.tags()] == ["bordersecurity"]


def test_a_code_typed_too_long_is_refused_one_there_already_kept(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """The app's annotating refuses a code typed longer than a code may be, as the command
    line does (a 100,000-character paste was saved, and every CSV header carried it); a
    passage already carrying one is still edited, and the code can be renamed shorter."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.errors import TagNameError

    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    with pytest.raises(TagNameError, match="100,000 characters"):
        annotator.create(DOC, document, 0, 10, ("fine", "x" * 100_000))
    assert store.annotations(DOC) == [] and store.tags() == []
    legacy = store.add(make_annotation(DOC, document.text, 0, 10, document.sha256, ("y" * 300,)))
    edited = annotator.edit(legacy, legacy.tags, "a note")
    assert edited.note == "a note"
    assert store.rename_tag("y" * 300, "short") == 1


def test_delete_and_undo_restore_the_same_annotation(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    first = annotator.create(DOC, document, 0, 10, ("a",))
    second = annotator.create(DOC, document, 20, 30, ("b",), "note")
    annotator.delete(first)
    annotator.delete(second)
    assert store.annotations(DOC) == []
    assert annotator.undo().label == "delete annotation"  # newest first
    assert [a.id for a in store.annotations(DOC)] == [second.id]
    annotator.undo()
    assert {a.id for a in AnnotationStore(store.path).annotations(DOC)} == {first.id, second.id}
    back = store.get(second.id)
    assert back == second.evolve(revision=second.revision + 1)  # same id, tags, note and dates
    with pytest.raises(StaleAnnotationError):  # a copy held from before is stale now
        store.update(second.evolve(note="from an old copy"))


def test_reattach_orphan_keeps_identity(store: AnnotationStore, corpus_copy: Path) -> None:
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 10, ("a",), "keep me")
    orphan = made.evolve(status=AnchorStatus.ORPHAN, quote="text that is gone")
    moved = annotator.reattach(orphan, document, 40, 60)
    assert (moved.id, moved.tags, moved.note, moved.created) == (
        made.id,
        made.tags,
        "keep me",
        made.created,
    )
    assert (moved.start, moved.end, moved.quote) == (40, 60, document.text[40:60])
    assert moved.status == AnchorStatus.ANCHORED
    assert store.get(made.id) == moved


def test_an_orphan_reattached_to_another_document_moves_to_it_and_undo_takes_it_back(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """A file renamed and edited: its orphan is placed by hand in the new file, keeping its
    id, tags, note and coder; one step, which undo takes back."""
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 10, ("a",), "keep me")
    orphan = made.evolve(status=AnchorStatus.ORPHAN)
    renamed = "docs_corpus/renamed.txt"
    moved = annotator.reattach(orphan, document, 40, 60, renamed)
    assert (moved.id, moved.tags, moved.note, moved.coder) == (
        made.id,
        ("a",),
        "keep me",
        made.coder,
    )
    assert (moved.document, moved.quote) == (renamed, document.text[40:60])
    assert [a.id for a in store.annotations(renamed)] == [made.id]
    assert store.annotations(DOC) == []
    assert store.history()[0].label == f"re-attach annotation to {renamed}"
    annotator.undo()
    back = store.get(made.id)
    assert back is not None and (back.document, back.start) == (DOC, 0)
    assert store.annotations(renamed) == []


def test_failed_writes_raise_and_change_nothing(
    db_copy: Path, corpus_copy: Path, make_read_only: Callable[[Path], None]
) -> None:
    document = load_document(corpus_copy.parent / DOC)
    writable = Annotator(AnnotationStore(db_copy))
    kept = writable.create(DOC, document, 0, 10, ("a",))
    writable.store.close()
    make_read_only(db_copy)
    store = AnnotationStore(db_copy)
    assert store.read_only
    annotator = Annotator(store)
    with pytest.raises(StoreError, match="read-only"):
        annotator.create(DOC, document, 20, 30, ("b",))
    assert annotator.last_tags == ()
    with pytest.raises(StoreError):
        annotator.delete(kept)
    assert store.annotations(DOC) == [kept]
    assert [t.name for t in store.tags()] == ["a"]


def test_confirm_fuzzy_makes_it_anchored(store: AnnotationStore, corpus_copy: Path) -> None:
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 10, ("a",))
    fuzzy = store.update(made.evolve(status=AnchorStatus.FUZZY))
    confirmed = annotator.confirm(fuzzy)
    assert confirmed.status == AnchorStatus.ANCHORED
    assert AnnotationStore(store.path).get(made.id) == confirmed


def test_an_edit_of_a_passage_placed_again_meanwhile_is_saved_where_it_now_is(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """The file changed while the passage's dialog was open: the app placed the passage again
    (a new revision, its tags and note as they were), and the edit typed in the dialog was
    refused, said to be "another tui-reader" changing it.  Only a change of its tags, note or
    coder made meanwhile refuses it now."""
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    seen = annotator.create(DOC, document, 0, 20, ("militarization",), "first")
    moved = seen.evolve(start=seen.start + 5, end=seen.end + 5, quote=document.text[5:25])
    (placed,) = store.replace_if_unchanged([(seen, moved)])
    edited = annotator.edit(seen, ("policy/security",), "changed")
    assert (edited.start, edited.end, edited.quote) == (placed.start, placed.end, placed.quote)
    assert (edited.tags, edited.note, edited.revision) == (
        ("policy/security",), "changed", placed.revision + 1,
    )  # fmt: skip
    with pytest.raises(StaleAnnotationError):  # its tags changed since: a true conflict
        annotator.add_tags(placed, ("migration",))
    assert store.get(seen.id) == edited
    other = annotator.create(DOC, document, 30, 40, ("migration",), "")
    store.replace_if_unchanged([(other, other.evolve(start=31, end=41))])
    annotator.delete(other)  # the version seen in the dialog, placed again since
    assert store.get(other.id) is None


def test_a_place_accepted_or_re_attached_after_a_command_placed_it_again_is_saved(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """A command (``report``, ``query``, ``export``) saved a passage's place again, a revision
    more, its coding untouched: accepting the place seen (c) or re-attaching the passage was
    refused as "another tui-reader changed this annotation".  Both are saved now; a place
    accepted that moved meanwhile, or a coding changed meanwhile, is still refused."""
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 10, ("a",), "n")
    seen = store.update(made.evolve(status=AnchorStatus.FUZZY))
    (placed,) = store.replace_if_unchanged([(seen, seen)])  # the same place, saved again
    confirmed = annotator.confirm(seen)
    assert (confirmed.status, confirmed.revision) == (AnchorStatus.ANCHORED, placed.revision + 1)
    fuzzy = store.update(confirmed.evolve(status=AnchorStatus.FUZZY))
    store.replace_if_unchanged([(fuzzy, fuzzy.evolve(start=1, end=11))])  # moved meanwhile
    with pytest.raises(StaleAnnotationError):
        annotator.confirm(fuzzy)
    orphan = store.update(store.get(made.id).evolve(status=AnchorStatus.ORPHAN))  # type: ignore[union-attr]
    store.replace_if_unchanged([(orphan, orphan.evolve(doc_sha256="0" * 64))])
    attached = annotator.reattach(orphan, document, 20, 30)
    assert (attached.start, attached.status, attached.tags) == (20, AnchorStatus.ANCHORED, ("a",))
    (again,) = store.replace_if_unchanged([(attached, attached)])
    store.update(again.evolve(note="theirs"))  # another tui-reader's note: a true conflict
    with pytest.raises(StaleAnnotationError):
        annotator.reattach(attached, document, 40, 50)
    assert store.get(made.id).note == "theirs"  # type: ignore[union-attr]


def test_a_passage_moved_by_another_tui_reader_refuses_an_edit_of_the_copy_seen(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """Another tui-reader re-attached the passage elsewhere, or accepted its place: a
    person's change of its place, a step of the history.  An edit, added codes or a
    deletion of the copy seen before went ahead on the moved passage, nothing said, as if
    a command had only placed it again.  It is refused now, the newer version shown; a
    place saved again by a command (no step) still lets it through."""
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    seen = annotator.create(DOC, document, 0, 10, ("a",), "n")
    other = Annotator(AnnotationStore(store.path))
    moved = other.reattach(seen, document, 20, 30)
    with pytest.raises(StaleAnnotationError):
        annotator.edit(seen, ("a",), "mine")
    with pytest.raises(StaleAnnotationError):
        annotator.add_tags(seen, ("b",))
    with pytest.raises(StaleAnnotationError):
        annotator.delete(seen)
    assert store.get(seen.id) == moved
    fuzzy = store.update(moved.evolve(status=AnchorStatus.FUZZY))
    accepted = other.confirm(fuzzy)
    with pytest.raises(StaleAnnotationError):
        annotator.edit(fuzzy, ("a",), "mine")
    (placed,) = store.replace_if_unchanged([(accepted, accepted.evolve(start=21, end=31))])
    edited = annotator.edit(accepted, ("a",), "mine")
    assert (edited.start, edited.note, edited.revision) == (21, "mine", placed.revision + 1)


def test_tags_the_annotation_has_already_write_no_step(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """add_tags with every tag there already wrote a "tags added" step that added nothing,
    for undo to take back with no change."""
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 20, ("militarization", "migration"))
    steps = len(store.history())
    again = annotator.add_tags(made, ("migration",))
    assert again == made and store.get(made.id) == made
    assert len(store.history()) == steps
    assert annotator.last_tags == ("migration",)  # . repeats it


def test_an_edit_that_changes_nothing_writes_no_step(
    store: AnnotationStore, corpus_copy: Path
) -> None:
    """e then enter on an annotation, nothing changed (a colleague's too), wrote a step "edit
    annotation" and a new revision: u then took back nothing the user could see, and the
    colleague's annotation was made newer by a look at it."""
    document = load_document(corpus_copy.parent / DOC)
    annotator = Annotator(store)
    made = annotator.create(DOC, document, 0, 20, ("militarization",), "a note")
    steps = len(store.history())
    again = annotator.edit(made, ("militarization",), "a note")
    assert again == made and store.get(made.id) == made
    assert len(store.history()) == steps
    changed = annotator.edit(made, ("militarization",), "another note")  # a change is saved
    assert changed.note == "another note" and len(store.history()) == steps + 1
