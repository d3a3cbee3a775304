"""AnnotationStore: the API, the tag codebook, positions, schema and the TinyDB file."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path
from unittest import mock

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store.annotation_store import SCHEMA_VERSION, AnnotationStore

TEXT = "The Pentagon plan would crack down on the Mexico-Guatemala border and remilitarize it."


def note(start: int = 4, end: int = 12, tags: tuple[str, ...] = ("policy",)) -> Annotation:
    return make_annotation("docs/a.txt", TEXT, start, end, "f" * 64, tags)


def test_opens_the_seed_database_and_keeps_it_a_tinydb_file(db_copy: Path) -> None:
    with AnnotationStore(db_copy) as store:
        assert store.annotations() == [] and not store.read_only
        saved = store.add(note())
    db = TinyDB(str(db_copy))
    assert db.table("annotations").all()[0]["id"] == saved.id
    assert db.table("meta").all() == [
        {"schema_version": SCHEMA_VERSION},
        {"default_coder": "tester"},
    ]
    assert [t["name"] for t in db.table("tags").all()] == ["policy"]
    db.close()


def test_add_get_update_put_delete(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "annotations.json")
    a = store.add(note())
    assert store.get(a.id) == a
    with pytest.raises(StoreError, match="exists"):
        store.add(a)
    b = store.update(a.evolve(note="**why** it matters", tags=("policy", "border")))
    assert b.note == "**why** it matters" and b.updated >= a.updated
    assert [t.name for t in store.tags()] == ["policy", "border"]
    c = note(20, 30)
    assert store.put(c) is True and store.put(c.evolve(note="x")) is False
    assert [x.id for x in store.annotations("docs/a.txt")] == [a.id, c.id]
    assert store.delete(a.id).id == a.id and store.get(a.id) is None
    with pytest.raises(StoreError, match="no annotation"):
        store.delete(a.id)
    with pytest.raises(StoreError, match="no annotation"):
        store.update(a)
    store.close()
    reopened = AnnotationStore(tmp_path / "annotations.json")
    assert [x.note for x in reopened.annotations()] == ["x"]
    reopened.close()


def test_annotations_sorted_by_document_then_start(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "annotations.json")
    made = [
        make_annotation(doc, TEXT, s, s + 3, "", ())
        for doc, s in [("b.txt", 5), ("a.txt", 9), ("a.txt", 2), ("b.txt", 1)]
    ]
    assert store.put_many(made) == 4
    assert [(a.document, a.start) for a in store.annotations()] == [
        ("a.txt", 2),
        ("a.txt", 9),
        ("b.txt", 1),
        ("b.txt", 5),
    ]
    assert store.documents() == ["a.txt", "b.txt"]


def test_rename_merge_delete_tags_in_one_step(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "annotations.json")
    store.set_tag(Tag("policy/militarization", "red", "armed forces in civil roles"))
    one = store.add(note(tags=("policy/militarization", "border")))
    two = store.add(note(20, 30, tags=("policy",)))
    assert store.tag_counts() == {"policy/militarization": 1, "border": 1, "policy": 1}

    assert store.rename_tag("policy", "pol") == 2  # children follow their parent
    assert store.get(one.id).tags == ("pol/militarization", "border")  # type: ignore[union-attr]
    renamed = store.tag("pol/militarization")
    assert renamed == Tag("pol/militarization", "red", "armed forces in civil roles")
    with pytest.raises(StoreError, match="exists already"):
        store.rename_tag("border", "pol")

    assert store.merge_tags("border", "pol") == 1
    assert store.get(one.id).tags == ("pol/militarization", "pol")  # type: ignore[union-attr]
    assert "border" not in [t.name for t in store.tags()]

    assert store.delete_tag("pol") == 2
    assert store.get(two.id).tags == ()  # type: ignore[union-attr]
    assert [t.name for t in store.tags()] == ["pol/militarization"]
    with pytest.raises(StoreError, match="no tag"):
        store.delete_tag("nothing")
    with pytest.raises(StoreError, match="bad tag name"):
        store.set_tag(Tag("a//b"))


def test_merging_into_a_parent_only_code_gives_it_none_of_the_sources_entry(
    tmp_path: Path,
) -> None:
    # actors/government is only the parent of actors/government/police: merging actors/ngo
    # into it gave it actors/ngo's colour and description, as a rename would
    store = AnnotationStore(tmp_path / "annotations.json")
    store.set_tag(Tag("actors/ngo", "#ff0000", "non-governmental groups"))
    store.set_tag(Tag("actors/government/police", "#00ff00", "the police"))
    one = store.add(note(tags=("actors/ngo",)))
    assert store.merge_tags("actors/ngo", "actors/government") == 1
    assert store.get(one.id).tags == ("actors/government",)  # type: ignore[union-attr]
    tags = {t.name: t for t in store.tags()}
    assert "actors/ngo" not in tags
    assert tags["actors/government"] == Tag("actors/government")
    assert tags["actors/government/police"].color == "#00ff00"
    store.close()


def test_delete_with_children_is_one_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AnnotationStore(tmp_path / "annotations.json")
    for name in ("policy", "policy/border", "policy/border/wall", "policyholder"):
        store.set_tag(Tag(name))
    one = store.add(note(tags=("policy/border", "policyholder")))
    two = store.add(note(20, 30, tags=("policy", "policy/border/wall")))
    commits: list[int] = []
    real_commit = store._tables.commit
    monkeypatch.setattr(
        store._tables,
        "commit",
        lambda changes, *plain: (
            commits.append(len([c for c in changes if c[0] != "history"])),
            real_commit(changes, *plain),
        ),
    )
    assert store.delete_tag("policy", with_children=True) == 2  # each annotation counted once
    assert commits == [5]  # two annotations and three tags, together (with its history step)
    assert store.get(one.id).tags == ("policyholder",)  # type: ignore[union-attr]
    assert store.get(two.id).tags == ()  # type: ignore[union-attr]
    assert [t.name for t in store.tags()] == ["policyholder"]


def test_reading_positions(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "annotations.json")
    assert store.reading_position("a.txt") is None
    store.set_reading_position("a.txt", 120)
    store.set_reading_position("a.txt", 140)
    store.close()
    assert AnnotationStore(tmp_path / "annotations.json").reading_position("a.txt") == 140


def test_the_position_saved_last_within_a_second_is_the_one_read_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document left (its place saved) and another quit in the same second: the store
    said the one read last was whichever had its record first, the time saved being to
    the second, and the app reopened the document left."""
    from tui_reader.core.store import position_records

    monkeypatch.setattr(position_records, "utc_now", lambda: "2026-01-02T03:04:05Z")
    store = AnnotationStore(tmp_path / "annotations.json")
    store.set_reading_position("a.txt", 10)
    store.set_reading_position("b.txt", 20)
    assert store.last_read() == "b.txt"
    store.set_reading_position("a.txt", 10)
    assert store.last_read() == "a.txt"
    store.close()
    with AnnotationStore(tmp_path / "annotations.json") as reopened:
        assert reopened.last_read() == "a.txt"


def test_migrates_schema_0_annotations_out_of_the_default_table(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    legacy = note().to_record()
    path.write_text(json.dumps({"_default": {"1": legacy, "2": {"other": 1}}}))
    store = AnnotationStore(path)
    assert [a.id for a in store.annotations()] == [legacy["id"]]
    store.close()
    data = json.loads(path.read_text())
    assert data["_default"] == {"2": {"other": 1}}
    assert data["meta"] == {
        "1": {"schema_version": SCHEMA_VERSION},
        "2": {"default_coder": "tester"},  # the old annotations are the first opener's
    }


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer tui-reader"):
        AnnotationStore(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("version", ["2", 1.5, True, None, -1, [1]])
def test_a_schema_version_that_is_no_whole_number_is_refused_and_left_alone(
    tmp_path: Path, version: object
) -> None:
    # It was read as schema 0: "migrated", its version written over with 1.
    path = tmp_path / "annotations.json"
    legacy = {"_default": {"1": note().to_record()}}
    path.write_text(json.dumps({"meta": {"1": {"schema_version": version}}} | legacy))
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"{path}: its schema version is .*not a whole number"):
        AnnotationStore(path)
    assert path.read_bytes() == before
    assert not path.with_name("annotations.json.journal").exists()


DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"annotations": {"1": {"id": "x"', "damaged JSON"),
        # the decoder's "at" said once ("Unterminated string starting at at line 1")
        (b'{"annotations": {"1": {"id": "x', "(Unterminated string starting at line 1, "),
        pytest.param(
            b'{\n"annotations": {"1": {"id": "\x01"}}\n}\n',
            "(Invalid control character at line 2, in table 'annotations')",
            id="control-character-by-line",
        ),
        (b"[1, 2, 3]", "not a TinyDB database"),
        (b'{"annotations": [1]}', "not a TinyDB database (table 'annotations' is not an"),
        (b"\x80\xfe\x00garbage", "not a text file"),
        # UTF-16's mark: read as UTF-16, text that is no JSON
        (b"\xff\xfe\x00garbage", "not a tui-reader database: it holds text, no JSON"),
        # Nested too deeply for the JSON reader (a file made to crash whoever reads it), in a
        # file laid out a table a line and in one that is not.
        pytest.param(
            b'{\n"annotations": {"1": {"x": ' + DEEP + b"}}\n}\n",
            "damaged JSON (nested too deeply",
            id="nested-too-deeply-by-line",
        ),
        pytest.param(
            b'{"annotations": {"1": {"x": ' + DEEP + b"}}}",
            "damaged JSON (nested too deeply",
            id="nested-too-deeply",
        ),
    ],
)
def test_corrupt_database_is_never_overwritten(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "annotations.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        AnnotationStore(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)
    assert path.read_bytes() == content


def test_read_only_file_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(note())
    path.chmod(0o444)
    if os.access(path, os.W_OK):  # root ignores permissions: make the check see them
        real_access = os.access

        def access(target: object, mode: int) -> bool:
            if Path(str(target)) == path and mode & os.W_OK:
                return False
            return real_access(target, mode)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)
    try:
        store = AnnotationStore(path)
        assert store.read_only and len(store.annotations()) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.add(note(1, 3))
        store.close()
    finally:
        path.chmod(0o644)


def test_forced_read_only_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(note())
    before = path.read_bytes()
    store = AnnotationStore(path, read_only=True)
    assert store.read_only and len(store.annotations()) == 1
    with pytest.raises(StoreError, match="read-only"):
        store.add(note(1, 3))
    with pytest.raises(StoreError, match="read-only"):
        store.set_reading_position("docs/a.txt", 3)
    assert len(store.annotations()) == 1
    store.close()
    assert path.read_bytes() == before


def test_unreadable_records_are_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    good = note().to_record()
    path.write_text(
        json.dumps(
            {
                "annotations": {"1": good, "2": {"id": "broken"}},
                "meta": {"1": {"schema_version": SCHEMA_VERSION}},
            }
        )
    )
    store = AnnotationStore(path)
    assert [a.id for a in store.annotations()] == [good["id"]]
    assert len(store.problems) == 1 and "record 2" in store.problems[0]
    store.add(note(30, 40))
    store.close()
    assert json.loads(path.read_text())["annotations"]["2"] == {"id": "broken"}


def test_two_stores_see_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    first, second = AnnotationStore(path), AnnotationStore(path)
    a = first.add(note())
    assert second.get(a.id) == a
    second.rename_tag("policy", "politics")
    assert first.get(a.id).tags == ("politics",)  # type: ignore[union-attr]
    first.compact()  # the snapshot is replaced under the second store
    b = second.add(note(40, 50))
    assert {x.id for x in first.annotations()} == {a.id, b.id}
    assert second.reload_if_changed() is False
    seen = second.revision
    first.set_reading_position("docs/a.txt", 7)
    assert second.reload_if_changed() is True and second.revision > seen
    assert second.reading_position("docs/a.txt") == 7
    first.close()
    second.close()


def test_reanchoring_never_overwrites_a_newer_edit(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    app, exporter = AnnotationStore(path), AnnotationStore(path)
    a = app.add(note())
    seen = exporter.get(a.id)
    assert seen is not None
    edited = app.update(a.evolve(note="written in the app meanwhile"))
    moved = seen.evolve(start=seen.start + 5, end=seen.end + 5)
    assert exporter.replace_if_unchanged([(seen, moved)]) == []
    assert exporter.get(a.id) == edited
    assert len(exporter.replace_if_unchanged([(edited, edited.evolve(start=9, end=14))])) == 1
    assert app.get(a.id).start == 9  # type: ignore[union-attr]


def test_read_only_old_schema_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    legacy = note().to_record()
    path.write_text(json.dumps({"_default": {"1": legacy}}))
    store = AnnotationStore(path, read_only=True)
    assert [a.id for a in store.annotations()] == [legacy["id"]]
    path.write_text(json.dumps({"_default": {"1": legacy, "2": note(1, 3).to_record()}}))
    assert len(store.annotations()) == 2  # reloaded, and still viewed as schema 1
    store.close()
    assert "meta" not in json.loads(path.read_text())  # the file was not migrated


@settings(max_examples=examples(25), deadline=None)
@given(
    placed=st.lists(
        st.tuples(st.sampled_from(["a.txt", "b.txt", "c/d.md"]), st.integers(0, 30)),
        max_size=12,
    ),
    asked=st.lists(st.sampled_from(["a.txt", "b.txt", "c/d.md", "none.txt"]), max_size=5),
)
def test_annotations_of_many_documents_are_each_ones_annotations(
    tmp_path_factory: pytest.TempPathFactory,
    placed: list[tuple[str, int]],
    asked: list[str],
) -> None:
    store = AnnotationStore(tmp_path_factory.mktemp("of") / "annotations.json")
    store.put_many([make_annotation(doc, TEXT, s, s + 3, "", ()) for doc, s in placed])
    found = store.annotations_of(asked)
    assert found == {doc: store.annotations(doc) for doc in asked if store.annotations(doc)}
    store.close()


def test_annotations_of_see_another_stores_change(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    first, second = AnnotationStore(path), AnnotationStore(path)
    assert second.annotations_of(["docs/a.txt"]) == {}
    a = first.add(note())
    assert second.annotations_of([a.document]) == {a.document: [a]}
    first.close()
    second.close()


def test_lookup_gives_what_get_gives_each_built_once(tmp_path: Path) -> None:
    """Many ids in a row (a merge, an import): the annotation get gives, with the database's
    default coder for a record that names none, each built once; an unknown id None."""
    text = "The army moved to the border at dawn."
    db = tmp_path / "a.json"
    with AnnotationStore(db) as store:
        made = [store.add(make_annotation("d.txt", text, n, n + 4, "", ("t",))) for n in range(3)]
    data = json.loads(db.read_text(encoding="utf-8"))
    for record in data["annotations"].values():
        record.pop("coder", None)  # written before coders were recorded
    db.write_text(json.dumps(data), encoding="utf-8")
    with AnnotationStore(db) as store:
        store.set_default_coder("ana")
    with AnnotationStore(db) as store:
        get = store.lookup()
        found = [get(a.id) for a in made]
        assert found == [store.get(a.id) for a in made]
        assert [a.coder for a in found if a is not None] == ["ana"] * 3
        assert all(get(a.id) is f for a, f in zip(made, found, strict=True))
        assert get("no such id") is None and get("no such id") is None


def test_fields_this_version_does_not_know_survive_every_kind_of_save(tmp_path: Path) -> None:
    # Written by a newer version, or by a script: an edit, a renamed code or a re-anchoring
    # saved the record from the annotation, which holds none of them, and they were gone.
    import json

    from tui_reader.core.store.annotation_store import RECORD_FIELDS

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        made = store.add(make_annotation("a.txt", "Some text here.", 0, 4, "", ("one",)))
    assert set(made.to_record()) == RECORD_FIELDS
    data = json.loads(db.read_text())
    data["annotations"]["1"]["links"] = {"to": ["x"]}
    db.write_text(json.dumps(data))
    for beside in db.parent.glob("db.json.*"):
        beside.unlink()

    def links() -> object:
        return json.loads(db.read_text())["annotations"]["1"].get("links")

    with AnnotationStore(db) as store:
        first = store.update(made.evolve(note="a note"))
    assert links() == {"to": ["x"]}
    with AnnotationStore(db) as store:
        store.rename_tag("one", "two")
        store.undo()
        store.undo()  # the edit
        stored = store.get(made.id)
        assert stored is not None and stored.tags == ("one",) and stored.note == ""
        store.replace_if_unchanged([(stored, stored.evolve(start=1, end=5, quote="ome "))])
    assert links() == {"to": ["x"]}
    assert first.note == "a note"


def test_fields_this_version_does_not_know_survive_in_codes_memos_and_attributes(
    tmp_path: Path,
) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.set_tag(Tag("one"))
        memo = store.put_memo(Memo(MemoKind.CODE, "one", "About one"))
        store.set_attributes([("a.txt", {"age": 3})])
    data = json.loads(db.read_text())
    for table in ("tags", "memos", "attributes"):
        data[table]["1"]["since"] = [table]
    db.write_text(json.dumps(data))
    for beside in db.parent.glob("db.json.*"):
        beside.unlink()
    with AnnotationStore(db) as store:
        store.set_tag(Tag("one", color="#ff0000"))
        store.rename_tag("one", "two")
        store.put_memo(memo.evolve(text="About two"))
        store.set_attributes([("a.txt", {"age": 4})])
    data = json.loads(db.read_text())
    assert data["tags"]["1"]["since"] == ["tags"] and data["tags"]["1"]["name"] == "two"
    assert data["memos"]["1"]["since"] == ["memos"] and data["memos"]["1"]["text"] == "About two"
    assert data["attributes"]["1"]["since"] == ["attributes"]


def test_whether_a_document_has_annotations_is_told_with_or_without_the_index(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    store = AnnotationStore(db)
    kept = store.add(make_annotation("a.txt", "hello world", 0, 5, "sha"))
    gone = store.add(make_annotation("b.txt", "hello world", 6, 11, "sha"))
    store.delete(gone.id)
    store.close()
    for build_the_index in (False, True):
        store = AnnotationStore(db)
        if build_the_index:
            assert store.documents() == ["a.txt"]
        assert store.has_annotations_on(kept.document)
        assert not store.has_annotations_on("b.txt")  # its one annotation deleted
        assert not store.has_annotations_on("c.txt")
        store.close()


def test_named_marks_are_kept_beside_the_reading_position(tmp_path: Path) -> None:
    from tui_reader.core.documents.named_marks import NamedMark

    store = AnnotationStore(tmp_path / "annotations.json")
    assert store.named_marks("a.txt") == {}
    store.set_named_mark("a.txt", "a", NamedMark(5, "bef", "aft"))
    store.set_reading_position("a.txt", 140)
    store.set_named_mark("a.txt", "b", NamedMark(9))
    store.set_named_mark("a.txt", "a", NamedMark(7, "x", "y"))
    again = AnnotationStore(tmp_path / "annotations.json")
    assert again.named_marks("a.txt") == {"a": NamedMark(7, "x", "y"), "b": NamedMark(9)}
    assert again.reading_position("a.txt") == 140
    assert again.named_marks("b.txt") == {}


@pytest.mark.parametrize(
    "content",
    [b'{\n"memos": {"1": {"id": "a"}, "2": "x"}\n}\n', b'{"memos": {"1": {"id": "a"}, "2": "x"}}'],
    ids=["a-table-a-line", "one-line"],
)
def test_a_record_that_is_not_an_object_is_named(tmp_path: Path, content: bytes) -> None:
    """A memo record edited by hand into a text was said "table 'memos' is not an object",
    which sent the user looking at the table; the record is named (read a table at a time,
    as the store writes the file, and read whole)."""
    path = tmp_path / "annotations.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught, AnnotationStore(path, read_only=True) as store:
        store.memos()
    assert str(caught.value) == (
        f"{path}: not a TinyDB database (record 2 of table 'memos' is not an object)"
    )
    assert path.read_bytes() == content


def test_a_codebook_edited_by_hand_names_its_codes_as_the_passages_name_them(
    tmp_path: Path,
) -> None:
    """Codebook records edited by hand into 5, "", "x/" (beside one of x) or "a//b" were
    listed as codes '5', '', 'x/' and 'a//b', which no passage carries (theirs are read 5, x
    and a/b) and which tags rename and delete did not find: each names the code a passage's
    name would, a name with no level none, and rename and delete take every record of it."""
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(note(tags=("x",)))
        store.set_tag(Tag("x", color="red"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tags"] = {
        "1": {"name": "x/", "color": "", "description": "first"},
        "2": {"name": "x", "color": "red", "description": ""},
        "3": {"name": 5, "color": "", "description": ""},
        "4": {"name": "", "color": "", "description": ""},
        "5": {"name": "a//b", "color": "", "description": "ab"},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    for journal in tmp_path.glob("annotations.json.*"):
        journal.unlink()
    with AnnotationStore(path) as store:
        assert [t.name for t in store.tags()] == ["x", "5", "a/b"]
        assert store.tag("x") == Tag("x", description="first")
        assert store.tag("a/b") == Tag("a/b", description="ab")
        assert store.tag_counts() == {"x": 1, "5": 0, "a/b": 0}
        assert store.rename_tag("x", "y") == 1
        assert [t.name for t in store.tags()] == ["y", "5", "a/b"]
        store.delete_tag("a/b")
        assert [t.name for t in store.tags()] == ["y", "5"]
    with AnnotationStore(path) as store:
        assert [t.name for t in store.tags()] == ["y", "5"]


def _refused_unread(path: Path, start: bytes) -> str:
    """Open a 64 MB sparse file that begins with start and is NUL bytes after it: the store
    refuses it, having read little of it (a quarter of its size at most), and leaves it whole.
    Gives the message said."""
    size = 64 * 1024 * 1024
    with open(path, "wb") as handle:
        handle.write(start)
        handle.truncate(size)  # sparse: NUL bytes after the start
    return _refused_reading_little(path)


def _refused_reading_little(path: Path) -> str:
    """Open ``path``: the store refuses it, having read little of it (a quarter of its size at
    most), and leaves it whole.  Gives the message said."""
    size = path.stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(StoreError) as caught:
            AnnotationStore(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size // 4
    assert path.stat().st_size == size
    return str(caught.value)


@pytest.mark.parametrize("start", [b"\x00", b"  \n\x00", b"garbage"])
def test_a_large_file_whose_first_character_is_no_json_is_refused_unread(
    tmp_path: Path, start: bytes
) -> None:
    # A 2 GB sparse file of NUL bytes named as the database was read whole and decoded
    # before its first byte refused it: 4.2 GB resident for one line of error.
    path = tmp_path / "annotations.json"
    message = _refused_unread(path, start)
    assert str(path) in message and "the file was left as it is" in message
    assert "line 1, column 1" in message or "it holds text" in message or "line 2" in message


@pytest.mark.parametrize(
    ("start", "place"),
    [(b"{", "line 1, column 2"), (b'{\n"annotations": {"1": {"text": "a', "line 2, column 33")],
)
def test_a_large_file_of_nul_bytes_after_a_json_start_is_refused_unread(
    tmp_path: Path, start: bytes, place: str
) -> None:
    # "{" and then 512 MB of NUL bytes named as the database was read and decoded whole
    # (1.07 GB resident) for one line of damaged JSON: no JSON text holds a NUL byte, so the
    # decoder stops at the first one, in the file's first bytes.
    path = tmp_path / "annotations.json"
    message = _refused_unread(path, start)
    assert str(path) in message and "damaged JSON" in message and place in message


def test_a_large_file_of_spaces_after_a_json_start_is_refused_unread(tmp_path: Path) -> None:
    # "{" and then 512 MB of spaces named as the database was read and decoded whole (1.07 GB
    # resident) to say it was damaged JSON at its end.
    path = tmp_path / "annotations.json"
    size = 64 * 1024 * 1024
    with open(path, "wb") as handle:
        handle.write(b"{")
        for _ in range(size // (1024 * 1024)):
            handle.write(b" " * (1024 * 1024))
    assert path.stat().st_size == size + 1
    message = _refused_reading_little(path)
    assert str(path) in message and "the file was left as it is" in message
    assert (
        f"damaged JSON (Expecting property name enclosed in double quotes at line 1, column {size + 2})"
        in message
    )


_BLANK_RUNS = st.lists(
    st.sampled_from([" ", "\n", "\t", "\r\n", " " * 5000, "\n" * 3000]), max_size=40
)


@settings(max_examples=25, deadline=None)
@given(
    start=st.sampled_from(
        ["{", "[", '{"a"', '{"a": 1', '{"a": {"1": {"t": "é"', "{}", '{"b": {}}', '"x', "1"]
    ),
    runs=_BLANK_RUNS,
)
def test_a_file_ending_in_a_long_run_of_blanks_says_what_the_whole_file_says(
    tmp_path_factory: pytest.TempPathFactory, start: str, runs: list[str]
) -> None:
    # The start before the blanks is read in place of the whole file: the same tables, or
    # the same refusal at the same line and column, as the whole file's parse gives.
    path = tmp_path_factory.mktemp("blank") / "annotations.json"
    data = (start + "\n" * 70_000 + "".join(runs)).encode()
    path.write_bytes(data)
    with mock.patch("tui_reader.core.store.journal.damaged_start", return_value=None):
        whole = _opened_or_refused(path)  # (read whole)
    assert _opened_or_refused(path) == whole
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (b"{", b"x", "damaged JSON (Expecting property name enclosed in double quotes at line 1"),
        (b"{}", b"\n}", "damaged JSON (Extra data at line 2, column 1)"),
        (b"", b"x", "not a tui-reader database: it holds text, no JSON (it begins 'x')"),
    ],
)
def test_a_large_run_of_blanks_with_something_after_it_is_refused_reading_little(
    tmp_path: Path, start: bytes, end: bytes, said: str
) -> None:
    # "{", 64 MB of spaces and then "x" named as the database was read and decoded whole
    # (twice the file resident) for one line: only a run reaching the file's end was not.
    path = tmp_path / "annotations.json"
    size = 64 * 1024 * 1024
    with open(path, "wb") as handle:
        handle.write(start)
        for _ in range(size // (1024 * 1024)):
            handle.write(b" " * (1024 * 1024))
        handle.write(end)
    message = _refused_reading_little(path)
    assert str(path) in message and "the file was left as it is" in message
    assert said in message
    if start == b"{":
        assert f"line 1, column {size + 2})" in message


@settings(max_examples=25, deadline=None)
@given(
    start=st.sampled_from(["", "{", '{"a"', '{"a": 1', '{"a": {"1": {"t": "é"', "{}", '"x', "1"]),
    runs=_BLANK_RUNS,
    end=st.sampled_from(
        ["x", "}", "\n}", ": {}}", ', "b": {}}', '{"b": {"2": {"n": 1}}}', "}x", "é", "\xff", "]"]
    ),
)
def test_a_long_run_of_blanks_before_the_rest_of_a_file_says_what_the_whole_file_says(
    tmp_path_factory: pytest.TempPathFactory, start: str, runs: list[str], end: str
) -> None:
    # The start, one space for the run and what follows are read in place of the whole
    # file: the same tables, or the same refusal at the same line, column or byte.
    path = tmp_path_factory.mktemp("gap") / "annotations.json"
    data = (start + "\n" * 70_000 + "".join(runs)).encode() + end.encode("latin-1")
    path.write_bytes(data)
    with mock.patch("tui_reader.core.store.journal.damaged_start", return_value=None):
        whole = _opened_or_refused(path)  # (read whole)
    assert _opened_or_refused(path) == whole
    assert path.read_bytes() == data


_FAR_START = '{"a": {"1": {"t": "' + "y" * 100_000  # the run begins past the start read first


def test_a_large_run_of_blanks_past_the_file_s_first_bytes_is_refused_reading_little(
    tmp_path: Path,
) -> None:
    # 100 KB of JSON, 64 MB of spaces and "x" was read and decoded whole (twice the file
    # resident): only a run reaching into the first 64 KiB was looked at.
    path = tmp_path / "annotations.json"
    size = 64 * 1024 * 1024
    with open(path, "wb") as handle:
        handle.write(_FAR_START.encode() + b'"}}')
        for _ in range(size // (1024 * 1024)):
            handle.write(b" " * (1024 * 1024))
        handle.write(b"x")
    message = _refused_reading_little(path)
    assert str(path) in message and "the file was left as it is" in message
    column = len(_FAR_START) + 3 + size + 1
    assert f"damaged JSON (Expecting ',' delimiter at line 1, column {column})" in message


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (b'{"a": {"1": {"t": "', b"x", "Unterminated string starting at line 1, column 19)"),
        (
            _FAR_START.encode(),
            b'"}}}x',
            f"Extra data at line 1, column {len(_FAR_START) + 64 * 1024 * 1024 + 5})",
        ),
    ],
    ids=["unterminated", "junk after"],
)
def test_a_large_run_of_spaces_in_a_string_of_a_damaged_file_is_refused_reading_little(
    tmp_path: Path, start: bytes, end: bytes, said: str
) -> None:
    # A note of 64 MB of spaces in a file damaged anyway (the string never closed, junk
    # after the tables) was read and decoded whole (twice the file) for one line.
    path = tmp_path / "annotations.json"
    with open(path, "wb") as handle:
        handle.write(start)
        for _ in range(64):
            handle.write(b" " * (1024 * 1024))
        handle.write(end)
    message = _refused_reading_little(path)
    assert str(path) in message and "the file was left as it is" in message
    assert f"damaged JSON ({said}" in message


@pytest.mark.parametrize("before", [0, 100_000], ids=["in the first bytes", "past them"])
def test_a_note_of_megabytes_of_spaces_is_read_with_them(tmp_path: Path, before: int) -> None:
    # A run of spaces in a string is the string's: a valid database is read whole, every
    # space of its note kept.
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(make_annotation("a.txt", "ab", 0, 1, "ab", note="y" * before + "NOTE"))
    data = path.read_bytes()
    assert data.count(b"NOTE") == 2  # (the annotation, and its step in the history)
    path.write_bytes(data.replace(b"NOTE", b" " * (2 * 1024 * 1024)))
    for journal in tmp_path.glob("annotations.json.*"):
        journal.unlink()
    with AnnotationStore(path, read_only=True) as store:
        assert [a.note for a in store.annotations()] == ["y" * before + " " * (2 * 1024 * 1024)]


@settings(max_examples=12, deadline=None)
@given(
    start=st.sampled_from(
        [
            _FAR_START + '"}}',
            _FAR_START + '"}',
            _FAR_START,
            _FAR_START + '", "u": "é"',
            "[" + "1, " * 40_000 + "1",
            _FAR_START + '"}}\n}',
            '{"a": {"1": {"t": "',
        ]
    ),
    runs=_BLANK_RUNS,
    end=st.sampled_from(["x", "}", "\n}", ', "b": {}}', "}}", "é", "\xff", "]", '"}}}']),
)
def test_a_long_run_of_blanks_past_the_file_s_first_bytes_says_what_the_whole_file_says(
    tmp_path_factory: pytest.TempPathFactory, start: str, runs: list[str], end: str
) -> None:
    # A run of blanks over a megabyte long past the first 64 KiB, outside a string or in
    # one: the same tables, or the same refusal at the same line, column or byte, as the
    # whole file read gives.
    path = tmp_path_factory.mktemp("far") / "annotations.json"
    data = (start + " " * (1100 * 1024) + "".join(runs)).encode() + end.encode("latin-1")
    path.write_bytes(data)
    with mock.patch("tui_reader.core.store.journal.damaged_start", return_value=None):
        whole = _opened_or_refused(path)  # (read whole)
    assert _opened_or_refused(path) == whole
    assert path.read_bytes() == data


@pytest.mark.parametrize("control", ["\t", "\n", "\r\n"])
@pytest.mark.parametrize("start", [_FAR_START, '{"a": {"1": {"t": "y'])
def test_a_large_run_of_blanks_in_a_string_holding_a_line_break_is_refused_reading_little(
    tmp_path: Path, start: str, control: str
) -> None:
    # A run of blanks that begins inside a string and holds a tab or a line break (which no
    # string holds as it is) was read and decoded whole to say the file is damaged there,
    # whether the run began in the first 64 KiB or past them.
    path = tmp_path / "annotations.json"
    size = 64 * 1024 * 1024
    with open(path, "wb") as handle:
        handle.write(start.encode())
        for _ in range(size // (1024 * 1024)):
            handle.write(b" " * (1024 * 1024))
        handle.write(control.encode() + b" " * 1000 + b'"}}}')
    message = _refused_reading_little(path)
    column = len(start) + size + 1
    assert f"at line 1, column {column})" in message and "the file was left as it is" in message
    with mock.patch("tui_reader.core.store.journal.damaged_start", return_value=None):
        assert str(_opened_or_refused(path)) == message  # (read whole)


def _opened_or_refused(path: Path) -> object:
    """The codes and annotations of the database ``path`` opened read-only, or what refused it."""
    try:
        with AnnotationStore(path, read_only=True) as store:
            return ([t.name for t in store.tags()], store.annotations())
    except StoreError as exc:
        return str(exc)


def test_a_nul_byte_in_a_table_of_a_database_written_a_table_per_line_is_read_as_before(
    tmp_path: Path,
) -> None:
    # A table's line is parsed when first used: a NUL byte in the positions' line leaves the
    # annotations and codes readable, as it did before the file's first bytes were looked at.
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(make_annotation("a.txt", "a", 0, 1, "ab", tags=("x",)))
    data = path.read_bytes()
    assert data.count(b'"positions": {}') == 1
    pad = b"x" * 70_000  # the file longer than the start looked at first
    damaged = b'"positions": {"1": {"a": "\x00", "b": "' + pad + b'"}}'
    path.write_bytes(data.replace(b'"positions": {}', damaged))
    for journal in tmp_path.glob("annotations.json.*"):
        journal.unlink()
    with AnnotationStore(path, read_only=True) as store:
        assert [a.quote for a in store.annotations()] == ["a"]
        assert store.tag_counts() == {"x": 1}


def test_a_reading_position_alone_leaves_the_coding_revision(tmp_path: Path) -> None:
    """The views that place the passages (query, reports) place them again when
    ``coding_revision`` moves: a reading position saved moves ``revision`` only."""
    path = tmp_path / "db.json"
    with AnnotationStore(path) as store, AnnotationStore(path) as other:
        store.add(note())
        revision, coding = store.revision, store.coding_revision
        store.set_reading_position("a.txt", 12, "f" * 64)
        store.set_reading_position("a.txt", 40, "f" * 64)
        assert store.revision == revision + 2 and store.coding_revision == coding
        store.add(note(0, 3))
        assert store.coding_revision == coding + 1
        store.set_attributes([("a.txt", {"country": "Mexico"})])
        assert store.coding_revision == coding + 2
        other.add(note(20, 30))  # another process's change, read by the poll
        assert store.reload_if_changed() and store.coding_revision > coding + 2
