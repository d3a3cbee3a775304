"""What a scope left out, said by its cause: a file gone, a file unreadable, a text changed."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.analysis.scope import left_out_lines, left_out_note, load_scope
from tui_reader.core.annotations.model import make_annotation
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
        "2 annotations left out (their file is gone)",
        "1 orphaned annotation left out (their passage is not in the current text)",
    ]
    assert left_out_note(scope) == " · 2 left out (file gone) · 1 orphaned left out"
