"""``tui-reader export -f qdpx`` of memos: each note is its coder's, as QualCoder reads a
note's ``creatingUser`` (the owner of its journal entry), and the first ``User`` is a coder,
whom QualCoder takes for the one who codes there."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers.undated import coded_database, fox_corpus

from tui_reader.cli.main import main
from tui_reader.core.interchange.qdpx_read import read_refi_project

_NS = {"q": "urn:QDA-XML:project:1.0"}


def test_each_memo_is_exported_as_its_coders_note_and_read_back_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every note's creatingUser was the user named 'tui-reader', the first of the project's
    users: QualCoder made 'tui-reader' the owner of each journal entry, and its coder."""
    corpus = fox_corpus(tmp_path)
    where = coded_database(corpus, tmp_path / "db.json", journal=False)
    for coder, text in (("ana", "Ana's thought"), ("ben", "Ben's thought")):
        monkeypatch.setenv("TUI_READER_CODER", coder)
        assert main(["memo", "add", "--journal", text, *where]) == 0
    made = tmp_path / "made.qdpx"
    assert main(["export", *where, "-f", "qdpx", "-o", str(made)]) == 0
    with zipfile.ZipFile(made) as project:
        root = ElementTree.fromstring(project.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", _NS)}
    assert list(users.values()) == ["ana", "ben", "tester", "tui-reader"]
    owners = {
        note.findtext("q:PlainTextContent", namespaces=_NS): users[note.get("creatingUser")]
        for note in root.iterfind("q:Notes/q:Note", _NS)
    }
    assert owners == {"Ana's thought\n": "ana", "Ben's thought\n": "ben"}
    back = read_refi_project(made.read_bytes(), made)
    assert {(m.text, m.coder) for m in back.memos} == set(owners.items())
