"""Reconciling with the stored annotations' contents read from the records (an import or a merge
of 100,000 annotations found unchanged builds none of ours): the same verdicts as with each
stored annotation built, the stored one still there when asked for."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import record_calls
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.interchange.annotation_columns import stored_contents
from tui_reader.core.interchange.reconcile import Verdict, content, reconcile_all
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import StoreIndex

_DOCS = ("a.txt", "b.txt")
_TAGS = ("border", "market", "actors/us")


@st.composite
def _annotation(draw: st.DrawFn, ident: str) -> Annotation:
    start = draw(st.integers(0, 20))
    return Annotation(
        draw(st.sampled_from(_DOCS)),
        start,
        start + 4,
        draw(st.sampled_from(["Then", "When", "then"])),
        tags=tuple(draw(st.lists(st.sampled_from(_TAGS), max_size=2, unique=True))),
        note=draw(st.sampled_from(["", "see memo", "Note\nof two lines"])),
        id=ident,
        updated=f"2026-11-01T{draw(st.integers(0, 23)):02d}:00:00Z",
        coder=draw(st.sampled_from(["ana", "ben"])),
    )


@st.composite
def _sides(draw: st.DrawFn) -> tuple[list[Annotation], list[Annotation]]:
    """Ours and theirs: ids on one side, the other or both, alike or changed."""
    ids = [f"id{n}" for n in range(draw(st.integers(0, 8)))]
    ours = [draw(_annotation(i)) for i in ids if draw(st.booleans())]
    theirs = []
    by_id = {a.id: a for a in ours}
    for ident in ids:
        kept = by_id.get(ident)
        if kept is not None and draw(st.booleans()):  # ours again, maybe re-placed or re-timed
            theirs.append(kept.evolve(start=kept.start + draw(st.integers(0, 2))))
        elif draw(st.booleans()):
            theirs.append(draw(_annotation(ident)))
    return ours, theirs


def _stored(ours: list[Annotation]) -> dict[str, Annotation]:
    return {a.id: a for a in ours}


@settings(max_examples=examples(200))
@given(_sides())
def test_the_verdicts_are_those_with_each_stored_annotation_built(
    sides: tuple[list[Annotation], list[Annotation]],
) -> None:
    ours, theirs = sides
    stored = _stored(ours)
    built: list[str] = []

    def get(ident: str) -> Annotation | None:
        built.append(ident)
        return stored.get(ident)

    expected = reconcile_all(theirs, stored.get)
    found = reconcile_all(theirs, get, contents={a.id: content(a) for a in ours})
    unchanged = [v.incoming.id for v in found if v.verdict is Verdict.UNCHANGED]
    assert not set(unchanged) & set(built)  # none of the unchanged was built
    assert [(v.verdict, v.incoming, v.stored) for v in found] == [
        (v.verdict, v.incoming, v.stored) for v in expected
    ]
    assert found == expected
    assert sorted(built) == sorted(set(built))  # each built at most once (asked for above)


def _store_of(folder: Path, annotations: list[Annotation]) -> AnnotationStore:
    store = AnnotationStore(folder / "annotations.json", coder="ana")
    for annotation in annotations:
        store.add(annotation)
    return store


@settings(max_examples=examples(30), deadline=None)
@given(_sides())
def test_the_contents_read_from_the_records_are_those_of_the_annotations_built(
    sides: tuple[list[Annotation], list[Annotation]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with _store_of(Path(folder), sides[0]) as store:
            expected = {a.id: content(a) for a in store.annotations()}
        with AnnotationStore(Path(folder) / "annotations.json") as again:
            assert stored_contents(again) == expected


@pytest.mark.parametrize(
    "change",
    [
        {"status": "lost"},  # not one the store reads: that record is left out
        {"revision": -1},
        {"tags": "border"},  # a name, not a list: read as one tag by the annotation
        {"id": "id0"},  # two records of one id
    ],
)
def test_records_the_columns_do_not_take_give_no_contents(
    tmp_path: Path, change: dict[str, object]
) -> None:
    annotations = [Annotation("a.txt", n, n + 4, "Then", id=f"id{n}") for n in range(3)]
    _store_of(tmp_path, annotations).close()
    path = tmp_path / "annotations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    table = data["annotations"]
    table[sorted(table, key=int)[-1]].update(change)
    path.write_text(json.dumps(data), encoding="utf-8")
    with AnnotationStore(path) as store:
        assert stored_contents(store) is None


def test_an_import_of_an_unchanged_export_builds_none_of_our_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Then the border closed. When the market opened.\n")
    db = tmp_path / "annotations.json"
    annotations = [
        Annotation("a.txt", 0, 4, "Then", tags=("border",), id="one"),
        Annotation("a.txt", 24, 28, "When", tags=("market",), id="two"),
    ]
    _store_of(tmp_path, annotations).close()
    exported = tmp_path / "out.json"
    assert main(["export", str(tmp_path), "--db", str(db), "-o", str(exported)]) == 0
    changed = json.loads(exported.read_text(encoding="utf-8"))
    changed[1]["tags"] = ["market", "actors/us"]
    changed[1]["updated"] = "2099-01-01T00:00:00Z"
    exported.write_text(json.dumps(changed), encoding="utf-8")
    builds = record_calls(monkeypatch, StoreIndex, "annotation")
    assert main(["import", str(exported), "--db", str(db)]) == 0
    assert "1 updated, 1 unchanged" in capsys.readouterr().err
    with AnnotationStore(db) as store:
        updated = store.get("two")
        assert updated is not None and updated.tags == ("market", "actors/us")
        unchanged_doc_id = store._index.by_id["one"]
    assert builds.args  # the updated one's stored version was built
    assert unchanged_doc_id not in {args[0] for args in builds.args}


def test_an_import_finding_everything_unchanged_builds_no_index_of_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The store's index of 100,000 annotations takes 0.3-0.6 s to build; an import of this
    database's own export, every passage unchanged, needs none of it."""
    (tmp_path / "a.txt").write_text("Then the border closed. When the market opened.\n")
    db = tmp_path / "annotations.json"
    _store_of(tmp_path, [Annotation("a.txt", 0, 4, "Then", tags=("border",), id="one")]).close()
    exported = tmp_path / "out.json"
    assert main(["export", str(tmp_path), "--db", str(db), "-o", str(exported)]) == 0
    builds = record_calls(monkeypatch, StoreIndex, "_rebuild")
    assert main(["import", str(exported), "--db", str(db)]) == 0
    assert "1 unchanged" in capsys.readouterr().err
    assert builds.args == []
