"""`tui-reader search` finds the words of memos too, named as memos (after the documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal_lines import encode_line
from tui_reader.locations import db_sidecars


def test_search_lists_memo_hits_named_as_memos(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, db = text_corpus(tmp_path, {"a.txt": "The army moved.\n", "b.txt": "Nothing here.\n"})
    where = ["--db", db, "--corpus", str(corpus)]
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "army", ".", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == ["a.txt:1: The army moved."]
    assert not Path(db).exists()  # searching made no database
    assert (
        main(["memo", "add", "--doc", str(corpus / "b.txt"), "First line.\nThe army?", *where]) == 0
    )
    assert main(["memo", "add", "--code", "militarization", "army and police", *where]) == 0
    assert main(["memo", "add", "--journal", "no soldiers today", *where]) == 0
    capsys.readouterr()
    assert main(["search", "army", ".", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "a.txt:1: The army moved.",
        "memo of b.txt:2: The army?",
        "memo of code militarization:1: army and police",
    ]
    assert main(["search", "army", ".", "--db", db, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["document"] == "a.txt"
    assert [(r["memo"]["kind"], r["memo"]["target"]) for r in records[1:]] == [
        ("document", "corpus/b.txt"),
        ("code", "militarization"),
    ]
    # -l names the documents whose text holds it, as grep -l names files: "memo of b.txt"
    # and "memo of code militarization" were listed among them, as if files of those names
    assert main(["search", "army", ".", "--db", db, "-l"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a.txt"]
    assert main(["search", "army", ".", "--db", db, "-l", "--json"]) == 0
    assert capsys.readouterr().out.splitlines() == ['{"document": "a.txt", "path": "a.txt"}']
    assert main(["search", "army", "b.txt", "--db", db, "-l"]) == 1  # memo only
    assert capsys.readouterr().out == ""
    # a single document: its memo only
    assert main(["search", "army", "b.txt", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == ["memo of b.txt:2: The army?"]
    assert main(["search", "soldiers", ".", "--db", db]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("journal 20") and line.endswith(" UTC:1: no soldiers today")


def test_memos_are_found_in_the_journal_and_in_the_folded_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The memos are looked for only in a database that names them: wherever they lie."""
    corpus, db = text_corpus(tmp_path, {"a.txt": "Nothing here.\n"})
    Path(db).write_text('{"annotations": {}}')
    assert main(["search", "army", str(corpus), "--db", db]) == 1  # no memos: none found
    memo = Memo(MemoKind.CODE, "militarization", "the army came")
    journal = db_sidecars(Path(db))[0]
    journal.write_bytes(encode_line([("memos", "1", memo.to_record())]))  # not folded yet
    capsys.readouterr()
    assert main(["search", "army", str(corpus), "--db", db]) == 0
    assert capsys.readouterr().out == "memo of code militarization:1: the army came\n"
    store = AnnotationStore(Path(db))
    store.compact()
    store.close()
    assert b'"memos"' not in journal.read_bytes()  # now in the database itself
    assert main(["search", "army", str(corpus), "--db", db]) == 0
    assert capsys.readouterr().out == "memo of code militarization:1: the army came\n"


def test_search_of_a_folder_leaves_out_the_memos_of_another_folders_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One database, two folders: ``search WORD folder-b`` printed the memo of folder-a's
    a.txt as "memo of a.txt", as if it were one of folder-b's."""
    db = str(tmp_path / "db.json")
    for name in ("folder-a", "folder-b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text("plain words\n", encoding="utf-8")
    first = tmp_path / "folder-a"
    memo = ["memo", "add", "--doc", str(first / "a.txt"), "the army", "--db", db]
    assert main([*memo, "--corpus", str(first)]) == 0
    assert main(["memo", "add", "--journal", "army again", "--db", db]) == 0
    capsys.readouterr()
    assert main(["search", "army", str(tmp_path / "folder-b"), "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("journal ") and lines[0].endswith(": army again")
    assert main(["search", "army", str(first), "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "memo of a.txt:1: the army" and len(lines) == 2
    (first / "a.txt").unlink()  # a memo outlives its file moved away
    assert main(["search", "army", str(first), "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "memo of a.txt:1: the army"


def test_a_database_written_over_with_text_is_said_not_taken_for_one_without_memos(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``some_command > annotations.json``: search printed the documents' hits, searched no
    memo and said nothing, exit 0, as though there were no memo; the documents' hits are
    printed, the database is said to be text and how to restore it, and the search exits 2
    (not everything was searched), as with a database damaged otherwise."""
    corpus, db = text_corpus(tmp_path, {"a.txt": "The army moved.\n"})
    where = ["--db", db, "--corpus", str(corpus)]
    assert main(["memo", "add", "--journal", "the army again", *where]) == 0
    assert main(["memo", "add", "--journal", "no soldiers today", *where]) == 0
    capsys.readouterr()
    Path(db).write_text("a.txt\tThe army moved.\t3 words\n", encoding="utf-8")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "army", ".", "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out == "a.txt:1: The army moved.\n"
    assert err.startswith(f"tui-reader: {db}: not a tui-reader database: it holds text")
    assert "restore it with mv" in err and err.count("\n") == 1


@pytest.mark.parametrize("named", [False, True])
def test_the_memo_of_a_file_moved_is_found_in_its_new_folder(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    named: bool,
) -> None:
    # lit moved to papers: searching papers (or papers/c.txt) missed the memo of lit/c.txt
    # until an export had moved it to papers/c.txt
    lit = tmp_path / "lit"
    lit.mkdir()
    (lit / "c.txt").write_text("Nothing about it.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    monkeypatch.chdir(tmp_path)
    argv = ["memo", "add", "--db", str(db), "--corpus", ".", "--doc", "lit/c.txt", "army?"]
    assert main(argv) == 0
    lit.rename(tmp_path / "papers")
    capsys.readouterr()
    where = "papers/c.txt" if named else "papers"
    assert main(["search", "army", where, "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == ["memo of c.txt:1: army?"]
    with AnnotationStore(db, read_only=True) as store:
        assert [m.target for m in store.memos()] == ["papers/c.txt"]


def test_search_help_names_the_fields_of_a_hit_in_a_document_and_in_a_memo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """search --json gives a memo's hit a memo object and no document (jq .document read
    null for it), which the help did not say: it names the fields of both."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("hello there\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["memo", "add", "--doc", "a.txt", "hello memo", "--corpus", str(corpus), *db]) == 0
    capsys.readouterr()
    assert main(["search", "--json", "hello", str(corpus), *db]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for hit in hits:
        fields = ", ".join(
            hit if "memo" not in hit else ["memo {id, kind, target}", *list(hit)[1:]]
        )
        assert f"{{{fields}}}" in text, (fields, text)
