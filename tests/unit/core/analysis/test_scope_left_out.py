"""What a scope left out, said by its cause: a file gone, a file unreadable, a text changed."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.analysis.scope import left_out_lines, left_out_note, load_scope
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.wording import SAID_AT_MOST
from tui_reader.core.workspace import Workspace


def test_a_deleted_file_and_a_changed_text_are_said_apart(tmp_path: Path) -> None:
    """The annotations of a deleted file were counted as orphans 'not in the current text',
    in the commands and in the app's reports heading alike."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("gone.txt", "kept.txt"):
        (corpus / name).write_text("The army moved to the border.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    for name, quote in (("gone.txt", "army"), ("gone.txt", "border"), ("kept.txt", "army")):
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        start = document.text.index(quote)
        workspace.store.add(
            make_annotation(key, document.text, start, start + len(quote), document.sha256, ("x",))
        )
    workspace.store.close()
    (corpus / "gone.txt").unlink()
    (corpus / "kept.txt").write_text("The navy stayed home.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    scope = load_scope(workspace)
    workspace.store.close()
    assert (scope.gone, scope.unreadable, scope.orphans) == (2, 0, 1)
    assert left_out_lines(scope) == [
        f"{corpus / 'gone.txt'}: no such file (moved, deleted or never here?): 2 annotations left out",
        "1 orphaned annotation left out (their passage is not in the current text)",
    ]
    assert left_out_note(scope) == " · 2 left out (file gone) · 1 orphaned left out"
    assert not scope.problems  # the file gone said once, not also as a file not read


def test_many_files_gone_are_said_a_line_each_up_to_a_limit_then_counted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    names = [f"d{n:02}.txt" for n in range(SAID_AT_MOST + 2)]
    for name in names:
        (corpus / name).write_text("The army moved.\n", encoding="utf-8")
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        workspace.store.add(make_annotation(key, document.text, 4, 8, document.sha256, ("x",)))
    workspace.store.close()
    for name in names:
        (corpus / name).unlink()
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    scope = load_scope(workspace)
    workspace.store.close()
    lines = left_out_lines(scope)
    assert len(lines) == SAID_AT_MOST + 1
    assert (
        lines[0]
        == f"{corpus / 'd00.txt'}: no such file (moved, deleted or never here?): 1 annotation left out"
    )
    assert lines[-1] == "2 more files gone: 2 annotations left out"


def test_the_orphans_said_are_those_of_the_coders_on_show(tmp_path: Path) -> None:
    """``report --coder ana`` and the app showing only Ana's coding said "1 orphaned
    annotation left out" of Ben's orphan: Ana took a passage of hers to be missing from the
    figures. The orphans said are those of the coders counted, read afresh or from the
    places kept of a first read alike."""
    from dataclasses import replace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "The army moved to the border. Calm returned to the town.\n", encoding="utf-8"
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    key = workspace.key(corpus / "a.txt")
    document = workspace.document(key)
    for coder, quote in (
        ("ana", "army"),
        ("ben", "border"),
        ("ben", "moved"),
        ("ana", "Calm returned"),
    ):
        start = document.text.index(quote)
        made = make_annotation(key, document.text, start, start + len(quote), document.sha256)
        workspace.store.add(replace(made, coder=coder, tags=("x",)))
    workspace.store.close()
    # army, border and moved gone: one of Ana's orphaned, two of Ben's
    (corpus / "a.txt").write_text(
        "The navy stayed home. Calm returned to the town.\n", encoding="utf-8"
    )
    for _ in range(2):  # placed, then read from the places kept
        workspace = Workspace(corpus, tmp_path / "annotations.json")
        scope = load_scope(workspace)
        workspace.store.close()
        assert scope.orphans == 3
        assert [scope.orphans_of(c) for c in (None, ["ana"], ["ben"], ["ana", "ben"])] == [
            3, 1, 2, 3,
        ]  # fmt: skip
        assert scope.orphans_of(["cy"]) == 0
        said = "orphaned annotation left out (their passage is not in the current text)"
        assert left_out_lines(scope, coders=["ana"]) == [f"1 {said}"]
        assert left_out_lines(scope, coders=["cy"]) == []
        assert left_out_note(scope, coders=["ben"]) == " · 2 orphaned left out"
        assert left_out_note(scope) == " · 3 orphaned left out"
