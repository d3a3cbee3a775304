"""The coded passages read from the store's records when all are known in place are the
annotations a full pass places, field for field and in order; none is read so otherwise."""

from __future__ import annotations

import itertools
import json

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_stores import (
    EXPORT_CASES,
    TEXTS,
    ExportCase,
    Marked,
    coded_workspace,
    export_workspace,
)
from hypothesis import HealthCheck, given, settings

from tui_reader.core.analysis.agreement import Comparison
from tui_reader.core.analysis.settled_coding import placed_coding, settled_coding
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path


def _fields(passages: list[Annotation]) -> list[tuple[object, ...]]:
    return [(a.document, a.start, a.end, a.tags, str(a.status), a.coder) for a in passages]


def _again(workspace: Workspace) -> Workspace:
    return Workspace(workspace.corpus, workspace.db)


def _placed_twice(workspace: Workspace) -> list[Annotation]:
    """A full pass places every annotation; the next finds each in place, and the placement
    cache then knows them all in place (as after any command that placed them)."""
    _again(workspace).all_anchored()
    return _again(workspace).all_anchored()


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=EXPORT_CASES)
def test_settled_passages_are_the_placed_annotations(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    assert settled_coding(_again(workspace)) is None or not case.marked  # never placed yet
    placed = _placed_twice(workspace)
    again = _again(workspace)
    settled = settled_coding(again)
    if settled is None:  # only while a file is gone (its passages orphaned each time)
        assert case.deleted and any(m.key == sorted(TEXTS)[-1] for m in case.marked)
        return
    assert [tuple(p) for p in settled.passages] == _fields(placed)
    assert _fields(_again(workspace).all_anchored()) == _fields(placed)
    assert settled.coder_counts == again.store.coder_counts()
    texts = {key: again.document(key).text for key in dict.fromkeys(a.document for a in placed)}
    coders = sorted({a.coder for a in placed})
    for a_name, b_name in itertools.pairwise(coders):
        built = Comparison(
            [a for a in placed if a.coder == a_name],
            [b for b in placed if b.coder == b_name],
            texts,
        ).rows()
        read = Comparison(
            [p for p in settled.passages if p.coder == a_name],
            [p for p in settled.passages if p.coder == b_name],
            texts,
        ).rows()
        assert read == built


def test_no_annotation_is_built_once_all_are_known_in_place(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = [
        Marked(name, n, 4, ("x",), "", coder, orphan=False)
        for n, name in enumerate(TEXTS)
        for coder in ("ana", "ben")
    ]
    workspace = coded_workspace(tmp_path_factory.mktemp("case"), marked)
    assert settled_coding(_again(workspace)) is None  # never placed yet
    _placed_twice(workspace)
    built = count_calls(monkeypatch, Annotation, "from_record")
    settled = settled_coding(_again(workspace))
    assert settled is not None and built.calls == 0
    assert settled.coder_counts == {"ana": 3, "ben": 3}
    assert {p.document for p in settled.passages} == {
        workspace.key(workspace.corpus / name) for name in TEXTS
    }


@pytest.mark.parametrize("change", ["text", "record"])
def test_a_changed_file_or_record_is_placed_again(
    tmp_path_factory: pytest.TempPathFactory, change: str
) -> None:
    case = ExportCase([], [], [], {}, deleted=False)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    name = sorted(TEXTS)[0]
    key = workspace.key(workspace.corpus / name)
    document = workspace.document(key)
    workspace.store.add(Annotation(key, 5, 11, document.text[5:11], document.sha256, tags=("x",)))
    workspace.store.close()
    _placed_twice(workspace)
    assert settled_coding(_again(workspace)) is not None
    if change == "text":  # the passage moves: it must be placed again to be counted right
        (workspace.corpus / name).write_text("Added first. " + TEXTS[name], encoding="utf-8")
    else:  # a record another program wrote with a field of another type
        data = json.loads(workspace.db.read_text(encoding="utf-8"))
        for record in data["annotations"].values():
            record["start"] = str(record["start"])
        workspace.db.write_text(json.dumps(data), encoding="utf-8")
    assert settled_coding(_again(workspace)) is None


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=EXPORT_CASES)
def test_passages_placed_as_an_export_places_them_are_the_full_pass_s(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    """No placement known (a colleague's database): each document whose records are in
    place in its text kept as its records, the others placed alone, is what the full pass
    places, field for field and in order, with the same coders' counts."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    placed = _again(workspace).all_anchored()
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    again = _again(workspace)
    coding = placed_coding(again)
    if coding is None:  # files moved: left to the full pass
        return
    assert [tuple(p) for p in coding.passages] == _fields(placed)
    assert coding.coder_counts == again.store.coder_counts()
