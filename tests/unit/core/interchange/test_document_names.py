"""A document named by its key, a path or a (unique) file name: looked for among the file
names gathered once, it is the document each name was found to be when every key was looked
at for it (or the same error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.workspace_export import DocumentNames, resolve_document
from tui_reader.core.workspace import Workspace

FILES = [
    "a.txt", "x/a.txt", "x/y/a.txt", "x/b.md", "y/b.md", "z/c d.txt", "z/é.txt",
    "deep/er/still/doc.txt", "doc.txt.bak/doc.txt",
]  # fmt: skip
NAMES = [
    "a.txt", "x/a.txt", "y/a.txt", "x/y/a.txt", "b.md", "x/b.md", "c d.txt", "é.txt",
    "doc.txt", "still/doc.txt", "er/still/doc.txt", "corpus/x/b.md", "nothing.txt", "x",
    "z/", "/a.txt", "txt", "deep", ".txt", "b", "doc.txt.bak/doc.txt",
]  # fmt: skip


def _by_every_key(known: set[str], name: str) -> list[str]:
    """The documents a name may mean as each key was looked at before."""
    return sorted(k for k in known if k.rsplit("/", 1)[-1] == name or k.endswith("/" + name))


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    corpus = tmp_path / "corpus"
    for name in FILES:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(f"{name}\n", encoding="utf-8")
    return Workspace(corpus, tmp_path / "annotations.json")


@pytest.mark.parametrize("name", NAMES)
def test_a_name_is_the_document_it_was_or_the_same_error(
    workspace: Workspace, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.corpus.parent.parent)  # no name is a path from here
    names = DocumentNames(workspace)
    known = set(workspace.keys()) | set(workspace.store.documents())
    matches = _by_every_key(known, name)
    try:
        found = names.key(name)
    except TuiReaderError as error:
        assert len(matches) != 1 and name not in known
        with pytest.raises(TuiReaderError) as again:
            resolve_document(workspace, name)
        assert str(again.value) == str(error)
        if matches:
            assert str(error) == f"{name}: ambiguous, could be {', '.join(matches)}"
        return
    assert found == (name if name in known else matches[0])
    assert len(matches) == 1 or name in known
    assert resolve_document(workspace, name) == found


def test_a_document_named_without_its_extension_is_it_when_one_file_has_that_name(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table of cases naming its documents c d and é (not c d.txt), as doc:NAME takes
    them in a query, had "no such document" for every row."""
    monkeypatch.chdir(workspace.corpus.parent.parent)
    names = DocumentNames(workspace)
    assert names.key("c d") == "corpus/z/c d.txt"
    assert names.key("é") == "corpus/z/é.txt"
    with pytest.raises(TuiReaderError) as ambiguous:
        names.key("b")
    assert str(ambiguous.value) == "b: ambiguous, could be corpus/x/b.md, corpus/y/b.md"
    with pytest.raises(TuiReaderError, match="no such document"):
        names.key("x/c d")  # a folder and a name: a path, found as written or not at all
