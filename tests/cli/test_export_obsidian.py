"""``export -f obsidian -o FOLDER``: the annotations as an Obsidian vault's notes, written
again in place, another's notes left alone; refused where no folder can be written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui_reader.cli.main import main

TEXT = "The army moved to the border.\nTroops stayed for a year.\n"


def _corpus(tmp_path: Path) -> list[str]:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "int 1.txt").write_text(TEXT, "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "int 1.txt", "--quote", "army", "-t", "policy/border"]) == 0
    assert main(["attr", "set", *at, "int 1.txt", "country=Mexico"]) == 0
    assert main(["memo", "add", *at, "--code", "policy/border", "Troops in civil roles."]) == 0
    return ["export", str(corpus), "--db", str(db), "-f", "obsidian"]


def test_export_writes_a_vault_and_rewrites_only_its_own_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _corpus(tmp_path)
    vault = tmp_path / "vault"
    assert main([*export, "-o", str(vault)]) == 0
    assert "wrote 4 notes (1 annotation) to" in capsys.readouterr().err
    note = (vault / "Documents" / "int 1.md").read_text("utf-8")
    assert '"country": "Mexico"' in note and "- Tags: #policy/border" in note
    block = note.split("\n^", 1)[1].split("\n", 1)[0]
    code = (vault / "Codes" / "policy-border.md").read_text("utf-8")
    assert f"![[int 1#^{block}]]" in code and "Troops in civil roles." in code
    assert "Under: [[policy]]" in code  # the category's note: it links its codes
    assert "[[int 1]]" in (vault / "c.md").read_text("utf-8")
    (vault / "Documents" / "int 1.md").write_text(note + "my edit\n", "utf-8")
    (vault / "Codes" / "mine.md").write_text("my note\n", "utf-8")
    (vault / "c.md").unlink()
    (vault / "C.md").write_text("my index\n", "utf-8")  # mine now, in our index's place
    assert main([*export, "-o", str(vault)]) == 0
    err = capsys.readouterr().err
    assert "a note 'C' that is not ours is there; ours is 'c (2)'" in err
    # our note the user edited: never overwritten, said; deleted, it is written again
    assert "left 1 note of ours edited since the last export as they are, not " in err
    assert "rewritten: 'Documents/int 1.md'; to have them written again" in err
    assert (vault / "Documents" / "int 1.md").read_text("utf-8") == note + "my edit\n"
    (vault / "Documents" / "int 1.md").unlink()
    assert main([*export, "-o", str(vault)]) == 0
    assert "edited since" not in capsys.readouterr().err
    again = (vault / "Documents" / "int 1.md").read_text("utf-8")
    assert again == note.replace("Index: [[c]]", "Index: [[c (2)]]")
    assert (vault / "Codes" / "mine.md").read_text("utf-8") == "my note\n"
    assert (vault / "C.md").read_text("utf-8") == "my index\n"
    before = (vault / "Documents" / "int 1.md").stat().st_mtime_ns
    assert main([*export, "-o", str(vault)]) == 0  # nothing changed: nothing written
    assert "wrote 0 notes, 4 unchanged (1 annotation)" in capsys.readouterr().err
    assert (vault / "Documents" / "int 1.md").stat().st_mtime_ns == before


@pytest.mark.parametrize("output", [None, "-", "file.md"])
def test_a_vault_needs_a_folder(
    output: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _corpus(tmp_path)
    (tmp_path / "file.md").write_text("x", "utf-8")
    capsys.readouterr()
    named = [] if output is None else ["-o", str(tmp_path / output) if output != "-" else "-"]
    assert main([*export, *named]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "folder" in err[0]
    assert (tmp_path / "file.md").read_text("utf-8") == "x"


def test_notes_of_a_document_and_a_code_gone_since_are_named_and_removed_unless_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document and a code taken out of the project left their notes in the vault, said
    as "2 notes of an earlier export not written this time left as they were", unnamed."""
    export = _corpus(tmp_path)
    corpus, db = tmp_path / "c", str(tmp_path / "db.json")
    at = ["--db", db, "--corpus", str(corpus)]
    for n in range(2, 9):
        (corpus / f"int {n}.txt").write_text(TEXT, "utf-8")
        assert main(["annotate", *at, f"int {n}.txt", "--quote", "army", "-t", "economy"]) == 0
    vault = tmp_path / "vault"
    assert main([*export, "-o", str(vault)]) == 0
    edited = vault / "Documents" / "int 8.md"
    edited.write_text(edited.read_text("utf-8") + "My thoughts.\n", "utf-8")
    for _ in range(2, 9):  # each passage of the code taken back, and the code with them
        assert main(["undo", "--db", db]) == 0
    capsys.readouterr()
    assert main([*export, "--tag", "policy/border", "-o", str(vault)]) == 0
    err = capsys.readouterr().err
    assert "left 7 notes of an earlier export not written this time (not in this export's " in err
    assert main([*export, "-o", str(vault)]) == 0
    err = capsys.readouterr().err
    assert (
        "removed 7 notes of an earlier export no longer written, unedited: "
        "'Documents/int 2.md', 'Documents/int 3.md', 'Documents/int 4.md', "
        "'Documents/int 5.md', 'Documents/int 6.md' and 2 more" in err
    )
    assert (
        "left 1 note of an earlier export no longer written, edited since: "
        "'Documents/int 8.md'; delete them yourself" in err
    )
    assert edited.exists() and not (vault / "Codes" / "economy.md").exists()
    assert sorted(p.name for p in (vault / "Documents").iterdir()) == ["int 1.md", "int 8.md"]


@pytest.mark.parametrize(("fmt", "has"), [("obsidian", "a note per document"), ("csv", "no sect")])
def test_by_given_to_a_format_it_does_not_shape_is_said(
    fmt: str, has: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--by tag with a vault (or a CSV) was left aside without a word."""
    export = _corpus(tmp_path)
    out = tmp_path / ("vault" if fmt == "obsidian" else "out.csv")
    capsys.readouterr()
    assert main([*export[:-1], fmt, "--by", "tag", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"--by tag shapes the Markdown export; {fmt} has {has}" in err
    assert main([*export[:-1], "markdown", "--by", "tag", "-o", str(tmp_path / "a.md")]) == 0
    assert main([*export[:-1], fmt, "-o", str(out), "--force"]) == 0
    assert "--by" not in capsys.readouterr().err


def test_a_record_not_read_removes_no_note_of_its_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record of the database that could not be read (edited by hand) left its document
    out of the export, and the vault's notes of that document and its code were removed as
    gone."""
    export = _corpus(tmp_path)
    corpus, db = tmp_path / "c", tmp_path / "db.json"
    (corpus / "int 2.txt").write_text(TEXT, "utf-8")
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "int 2.txt", "--quote", "Troops", "-t", "economy"]) == 0
    vault = tmp_path / "vault"
    assert main([*export, "-o", str(vault)]) == 0
    data = json.loads(db.read_text("utf-8"))
    [record] = [r for r in data["annotations"].values() if r["quote"] == "Troops"]
    record["start"] = "zero"
    db.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    assert main([*export, "-o", str(vault)]) == 2
    err = capsys.readouterr().err
    assert "annotation record" in err and "removed" not in err
    assert "left 1 note of an earlier export not written this time (records of the " in err
    assert (vault / "Documents" / "int 2.md").exists()
    assert (vault / "Codes" / "economy.md").exists()


def test_a_note_keeps_its_name_when_a_note_it_was_named_beside_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two documents named Interview in two folders were the notes Interview and
    Interview (2); the first taken out of the project, the next export removed its note and
    renamed the second Interview, and the user's [[Interview (2)]] links led nowhere."""
    corpus = tmp_path / "c"
    for folder in ("a", "b", "d"):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "Interview.txt").write_text(TEXT, "utf-8")
    db = str(tmp_path / "db.json")
    at = ["--db", db, "--corpus", str(corpus)]
    for folder in ("a", "b"):
        assert main(["annotate", *at, f"{folder}/Interview.txt", "--quote", "army", "-t", "x"]) == 0
    export = ["export", str(corpus), "--db", db, "-f", "obsidian", "-o", str(tmp_path / "v")]
    assert main(export) == 0
    docs = tmp_path / "v" / "Documents"
    second = (docs / "Interview (2).md").read_text("utf-8")
    assert '/b/Interview.txt"' in second
    assert main(["undo", "--db", db]) == 0  # b's passage taken back, then a's
    assert main(["undo", "--db", db]) == 0
    assert main(["annotate", *at, "b/Interview.txt", "--quote", "army", "-t", "x"]) == 0
    capsys.readouterr()
    assert main(export) == 0
    assert "removed 1 note of an earlier export no longer written, unedited: " in (
        capsys.readouterr().err
    )
    assert sorted(p.name for p in docs.iterdir()) == ["Interview (2).md"]
    assert '/b/Interview.txt"' in (docs / "Interview (2).md").read_text("utf-8")
    assert "![[Interview (2)#^" in (tmp_path / "v" / "Codes" / "x.md").read_text("utf-8")
    # A document new to the vault takes a name no note of ours holds
    assert main(["annotate", *at, "d/Interview.txt", "--quote", "army", "-t", "x"]) == 0
    assert main(export) == 0
    assert '/d/Interview.txt"' in (docs / "Interview.md").read_text("utf-8")
    assert '/b/Interview.txt"' in (docs / "Interview (2).md").read_text("utf-8")
    # Without the record (a vault an older version wrote, or synced without its hidden
    # files), each note keeps the name it has, as its properties say what it is about (it
    # was given afresh: b's note became Interview, the links to Interview (2) led nowhere);
    # d's, no longer written, is left, said
    (tmp_path / "v" / ".tui-reader-notes.json").unlink()
    assert main(["undo", "--db", db]) == 0
    capsys.readouterr()
    assert main(export) == 0
    assert '/b/Interview.txt"' in (docs / "Interview (2).md").read_text("utf-8")
    left = "(no record of what was written in them: delete them yourself): 'Documents/Interview"
    assert left in capsys.readouterr().err


def test_a_note_of_ours_with_long_properties_is_ours_at_the_next_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document's attribute of 5,000 characters puts the end of its note's front matter
    past the first 4 KB: the note is ours still, rewritten in place, and not listed."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, "utf-8")
    db = str(tmp_path / "db.json")
    at = ["--db", db, "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "army", "-t", "x"]) == 0
    assert main(["attr", "set", *at, "a.txt", "summary=" + "word " * 1000]) == 0
    vault = corpus / "vault"
    export = ["export", str(corpus), "--db", db, "-f", "obsidian", "-o", str(vault)]
    assert main(export) == 0
    assert (vault / "Documents" / "a.md").stat().st_size > 5000
    assert main(["attr", "set", *at, "a.txt", "country=Mexico"]) == 0
    capsys.readouterr()
    assert main(export) == 0
    assert "not ours" not in capsys.readouterr().err
    assert sorted(p.name for p in (vault / "Documents").iterdir()) == ["a.md"]
    assert '"country": "Mexico"' in (vault / "Documents" / "a.md").read_text("utf-8")
    assert main(["list", str(corpus), "--db", db]) == 0
    assert "vault" not in capsys.readouterr().out


def test_a_documents_note_names_its_file_as_the_json_export_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document whose file name holds a tab or an escape was named in its note's
    properties by the picture shown of it ("c/tab␉1.txt"), a name no file has, where the JSON
    export and the Markdown's front matter name the file: a Dataview query matched nothing.
    The note names the file (the control as its YAML escape, none raw), and a note so
    named, renamed in Obsidian, is still followed by the next export."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    names = ["tab\t1.txt", "esc\x1b[1m.txt"]
    at = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for name in names:
        (corpus / name).write_text(TEXT, "utf-8")
        assert main(["annotate", *at, str(corpus / name), "--quote", "army", "-t", "t"]) == 0
    capsys.readouterr()
    assert main(["export", *at, "-f", "json"]) == 0
    documents = {r["document"] for r in json.loads(capsys.readouterr().out)}
    vault = tmp_path / "vault"
    export = ["export", str(corpus), *at, "-f", "obsidian", "-o", str(vault)]
    assert main(export) == 0
    notes = sorted((vault / "Documents").glob("*.md"))
    named = set()
    for note in notes:
        text = note.read_text("utf-8")
        head = text.split("\n---\n", 1)[0]
        assert not any(ord(c) < 0x20 and c != "\n" for c in head), head
        [line] = [line for line in head.splitlines() if line.startswith('"document": ')]
        named.add(json.loads(line.removeprefix('"document": ')))
    assert named == documents == {"c/tab\t1.txt", "c/esc\x1b[1m.txt"}
    mine = vault / "Documents" / "My interview.md"
    notes[0].rename(mine)
    capsys.readouterr()
    assert main(export) == 0
    assert sorted(p.name for p in (vault / "Documents").glob("*.md")) == sorted(
        ["My interview.md", notes[1].name]
    )


def test_a_note_renamed_in_a_vault_whose_record_was_not_kept_keeps_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The vault's record (hidden, ``.tui-reader-notes.json``) not kept, as Obsidian Sync
    and a copy of the visible files leave it, a note of ours renamed in Obsidian was not
    found: the next export wrote the document's note again under its first name beside it,
    two notes of one document, the index's link going to the new one and the renamed one
    said to be left ("delete them yourself").  Each note of ours is found by what its
    properties say it is about, and keeps the name it has and its place; so does a code's
    note filed into a folder of its own."""
    export = [*_corpus(tmp_path), "-o", str(tmp_path / "vault")]
    vault = tmp_path / "vault"
    assert main(export) == 0
    (vault / ".tui-reader-notes.json").unlink()
    (vault / "Documents" / "int 1.md").rename(vault / "Documents" / "Interview Ana.md")
    (vault / "Codes" / "Themes").mkdir()
    (vault / "Codes" / "policy-border.md").rename(vault / "Codes" / "Themes" / "Border.md")
    capsys.readouterr()
    assert main(export) == 0
    err = capsys.readouterr().err
    assert "left" not in err, err
    assert sorted(p.relative_to(vault).as_posix() for p in vault.rglob("*.md")) == [
        "Codes/Themes/Border.md",
        "Codes/policy.md",
        "Documents/Interview Ana.md",
        "c.md",
    ]
    index = (vault / "c.md").read_text("utf-8")
    assert "[[Interview Ana]]" in index and "[[Border]]" in index
    # the record written again: the names kept at the export after
    assert main(export) == 0
    assert sorted(p.relative_to(vault).as_posix() for p in vault.rglob("*.md")) == [
        "Codes/Themes/Border.md",
        "Codes/policy.md",
        "Documents/Interview Ana.md",
        "c.md",
    ]


def test_a_documents_note_has_the_author_its_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document's author, which its file says and the details show (a Markdown note's
    front matter, a PDF's, a Word document's), was in no export: its vault note, which
    Obsidian's Properties panel shows and Dataview reads by name, had its title alone.
    The note's properties hold ``author``; a value of the user's own of that name stands
    for the file's (one property, theirs, not a second ``attribute:author``)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.md").write_text(
        "---\ntitle: Border plans\nauthor: Ana  Pérez\n---\n\nThe army moved.\n", "utf-8"
    )
    (corpus / "int.txt").write_text(TEXT, "utf-8")
    at = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for name in ("plan.md", "int.txt"):
        assert main(["annotate", *at, name, "--quote", "army", "-t", "army"]) == 0
    vault = tmp_path / "vault"
    export = ["export", str(corpus), *at, "-f", "obsidian", "-o", str(vault)]
    assert main(export) == 0
    plan = (vault / "Documents" / "plan.md").read_text("utf-8")
    head = plan.split("\n---\n", 1)[0]
    assert '"title": "Border plans"\n"author": "Ana Pérez"' in head
    assert '"author"' not in (vault / "Documents" / "int.md").read_text("utf-8")
    assert main(["attr", "set", *at, "plan.md", "Author=A. Pérez"]) == 0
    capsys.readouterr()
    assert main(export) == 0
    head = (vault / "Documents" / "plan.md").read_text("utf-8").split("\n---\n", 1)[0]
    assert '"Author": "A. Pérez"' in head and "Ana" not in head, head


def test_the_vault_is_named_as_typed_as_every_export_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``export -f csv -o ../coding.csv`` said "wrote 1 annotation to ../coding.csv", but
    ``export -f obsidian -o ../vault`` "to /home/ana/thesis/../vault": the working folder
    put before the name as typed, its ``..`` left in."""
    export = _corpus(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main([*export, "-o", "../vault"]) == 0
    said = capsys.readouterr().err.splitlines()
    assert said[-1] == "tui-reader: wrote 4 notes (1 annotation) to ../vault", said
    assert (tmp_path / "vault" / "Documents" / "int 1.md").is_file()
    assert main([*export, "-o", "../coding.csv", "-f", "csv"]) == 0
    assert capsys.readouterr().err.splitlines()[-1].endswith("to ../coding.csv")


@pytest.mark.parametrize("record", [True, False])
def test_a_documents_note_follows_its_file_moved_to_another_folder(
    record: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file moved to another folder of the corpus (its annotations following it, by its
    text) lost its note: the export removed Documents/Interview.md and wrote
    Documents/Interview (2).md, so the user's [[Interview]] and ![[Interview#^id]] in their
    own notes named nothing.  The note of the document moved is the note it had: same name,
    and a name the user gave it in Obsidian kept; with the vault's record or without it."""
    corpus = tmp_path / "c"
    for folder in ("a", "b", "done"):
        (corpus / folder).mkdir(parents=True)
    (corpus / "a" / "Interview.txt").write_text(TEXT, "utf-8")
    (corpus / "b" / "Carlos.txt").write_text(TEXT.replace("army", "navy"), "utf-8")
    db = str(tmp_path / "db.json")
    at = ["--db", db, "--corpus", str(corpus)]
    assert main(["annotate", *at, "a/Interview.txt", "--quote", "army", "-t", "x"]) == 0
    assert main(["annotate", *at, "b/Carlos.txt", "--quote", "navy", "-t", "x"]) == 0
    vault = tmp_path / "v"
    export = ["export", str(corpus), "--db", db, "-f", "obsidian", "-o", str(vault)]
    assert main(export) == 0
    docs = vault / "Documents"
    block = (docs / "Interview.md").read_text("utf-8").split("\n^", 1)[1].split("\n", 1)[0]
    (vault / "mine.md").write_text(f"See [[Interview]], ![[Interview#^{block}]]\n", "utf-8")
    (docs / "Carlos.md").rename(docs / "Carlos Méndez.md")  # renamed in Obsidian
    for path in vault.rglob("*.md"):
        text = path.read_text("utf-8")
        path.write_text(text.replace("[[Carlos]]", "[[Carlos Méndez]]"), "utf-8")
    assert main(export) == 0
    if not record:
        (vault / ".tui-reader-notes.json").unlink()
    (corpus / "a" / "Interview.txt").rename(corpus / "done" / "Interview.txt")
    (corpus / "b" / "Carlos.txt").rename(corpus / "done" / "Carlos.txt")
    capsys.readouterr()
    assert main(export) == 0
    err = capsys.readouterr().err
    assert "removed" not in err and "left" not in err, err
    assert sorted(p.name for p in docs.iterdir()) == ["Carlos Méndez.md", "Interview.md"]
    note = (docs / "Interview.md").read_text("utf-8")
    assert '"document": "c/done/Interview.txt"' in note and f"\n^{block}\n" in note
    assert '"document": "c/done/Carlos.txt"' in (docs / "Carlos Méndez.md").read_text("utf-8")
    code = (vault / "Codes" / "x.md").read_text("utf-8")
    assert f"![[Interview#^{block}]]" in code and "![[Carlos Méndez#^" in code
    # and so at the export after it
    assert main(export) == 0
    assert sorted(p.name for p in docs.iterdir()) == ["Carlos Méndez.md", "Interview.md"]


@pytest.mark.parametrize("record", [True, False])
def test_a_documents_note_is_renamed_with_its_file_and_the_links_to_it_follow(
    record: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file renamed in the corpus (``Carlos Méndez.txt`` made ``P03.txt``, its annotations
    following it by its text): the export removed the note Documents/Carlos Méndez.md and
    wrote Documents/P03.md, and the user's [[Carlos Méndez]] and ![[Carlos Méndez#^id]] in
    their own notes named nothing.  The note is renamed, the user's words in it kept, and
    every link to it in the vault changed as Obsidian changes them on a rename (a wikilink
    by name or path, a Markdown link), but in code.  Without the vault's record, which tells
    the names the export gave from those the user gave, every note keeps the name it has,
    as before, and no link is changed."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "Carlos Méndez.txt").write_text(TEXT, "utf-8")
    (corpus / "Ana.txt").write_text(TEXT.replace("army", "navy"), "utf-8")
    db = str(tmp_path / "db.json")
    at = ["--db", db, "--corpus", str(corpus)]
    assert main(["annotate", *at, "Carlos Méndez.txt", "--quote", "army", "-t", "x"]) == 0
    assert main(["annotate", *at, "Ana.txt", "--quote", "navy", "-t", "x"]) == 0
    vault = tmp_path / "v"
    (vault / ".obsidian").mkdir(parents=True)
    export = ["export", str(corpus), "--db", db, "-f", "obsidian", "-o", str(vault / "coding")]
    assert main(export) == 0
    docs = vault / "coding" / "Documents"
    old = (docs / "Carlos Méndez.md").read_text("utf-8")
    block = old.split("\n^", 1)[1].split("\n", 1)[0]
    (docs / "Carlos Méndez.md").write_text(old + "\nMy words.\n", "utf-8")
    mine = (
        f"See [[Carlos Méndez]], ![[carlos méndez#^{block}]], [[Carlos Méndez|him]],\n"
        "[[coding/Documents/Carlos Méndez.md]], [[Ana]], [it](coding/Documents/Carlos%20M%C3%A9ndez.md).\n"
        "`[[Carlos Méndez]]`\n\n```\n[[Carlos Méndez]]\n```\n"
    )
    (vault / "notes").mkdir()
    (vault / "notes" / "mine.md").write_text(mine, "utf-8")
    # a note another editor saved in Latin-1, and a canvas with a card of the note and a
    # text card linking it (Obsidian changes both on a rename)
    latin = "Caf\xe9 [[Ana]] \xa7\n".encode("latin-1")
    (vault / "notes" / "latin.md").write_bytes(latin)
    canvas = (
        '{\n\t"nodes":[\n\t\t{"id":"a","type":"file","file":"coding/Documents/Carlos Méndez.md",'
        '"x":0,"y":0,"width":400,"height":400},\n\t\t{"id":"b","type":"text","text":"[[Ana]]",'
        '"x":0,"y":0,"width":9,"height":9}\n\t],\n\t"edges":[]\n}'
    )
    (vault / "board.canvas").write_text(canvas, "utf-8")
    if not record:
        (vault / "coding" / ".tui-reader-notes.json").unlink()
    (corpus / "Carlos Méndez.txt").rename(corpus / "P03.txt")
    (corpus / "Ana.txt").rename(corpus / "P04.txt")
    capsys.readouterr()
    assert main(export) == 0
    err = capsys.readouterr().err
    assert "removed" not in err, err
    if not record:
        assert sorted(p.name for p in docs.iterdir()) == ["Ana.md", "Carlos Méndez.md"], err
        assert (vault / "notes" / "mine.md").read_text("utf-8") == mine
        assert (vault / "notes" / "latin.md").read_bytes() == latin
        assert (vault / "board.canvas").read_text("utf-8") == canvas
        assert "renamed" not in err and "links" not in err, err
        return
    assert sorted(p.name for p in docs.iterdir()) == ["P03.md", "P04.md"], err
    note = (docs / "P03.md").read_text("utf-8")
    assert "My words." in note and f"\n^{block}\n" in note
    assert (vault / "notes" / "mine.md").read_text("utf-8") == (
        f"See [[P03]], ![[P03#^{block}]], [[P03|him]],\n"
        "[[coding/Documents/P03.md]], [[P04]], [it](coding/Documents/P03.md).\n"
        "`[[Carlos Méndez]]`\n\n```\n[[Carlos Méndez]]\n```\n"
    )
    assert (vault / "notes" / "latin.md").read_bytes() == latin.replace(b"Ana", b"P04")
    assert (vault / "board.canvas").read_text("utf-8") == canvas.replace(
        "Documents/Carlos Méndez.md", "Documents/P03.md"
    ).replace("[[Ana]]", "[[P04]]")
    code = (vault / "coding" / "Codes" / "x.md").read_text("utf-8")
    assert f"![[P03#^{block}]]" in code and "![[P04#^" in code
    assert (
        "tui-reader: renamed 2 notes as their documents' files were: "
        "'Documents/Ana.md' as 'Documents/P04.md', "
        "'Documents/Carlos Méndez.md' as 'Documents/P03.md'\n"
        "tui-reader: changed the links to them in 2 notes and 1 canvas, as Obsidian does "
        "on a rename: 'board.canvas', 'notes/latin.md', 'notes/mine.md'\n"
    ) in err, err
    # and the export after it changes nothing
    assert main(export) == 0
    err = capsys.readouterr().err
    assert "renamed" not in err and "links" not in err and "wrote 0 notes" in err, err


def test_notes_of_ours_checked_out_with_windows_line_ends_are_ours_still(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vault kept in git and checked out on Windows has every note with CRLF line ends
    (a byte-order mark before them, saved by Notepad): the next export took none of them for
    its own and wrote a second of each beside it ('int 1 (2)'), saying a note not ours was
    there; the vault in the corpus folder, the listing read its notes as documents.  They
    are ours as with LF line ends: left out of the listing, and written again in place (the
    one Notepad saved, its bytes changed, is kept as a note of ours the user edited)."""
    export = _corpus(tmp_path)
    corpus, db = tmp_path / "c", str(tmp_path / "db.json")
    vault = corpus / "vault"
    assert main([*export, "-o", str(vault)]) == 0
    notes = sorted(vault.rglob("*.md"))
    written = {note: note.read_bytes() for note in notes}
    assert len(notes) == 4
    for note in notes:
        note.write_bytes(written[note].replace(b"\n", b"\r\n"))
    notes[0].write_bytes(b"\xef\xbb\xbf" + notes[0].read_bytes())
    capsys.readouterr()
    assert main(["list", str(corpus), "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["int 1.txt"] and err == ""
    assert main([*export, "-o", str(vault)]) == 0
    err = capsys.readouterr().err
    assert "not ours" not in err and sorted(vault.rglob("*.md")) == notes
    saved = notes[0].relative_to(vault).as_posix()
    assert "left 1 note of ours edited since the last export as they are, not " in err
    assert f"rewritten: '{saved}'; to have them written again" in err
    assert notes[0].read_bytes().startswith(b"\xef\xbb\xbf---\r\n")
    assert {note: _untimed(note.read_bytes()) for note in notes[1:]} == {
        note: _untimed(written[note]) for note in notes[1:]
    }


def _untimed(note: bytes) -> bytes:
    """A note without the minute its export was made (two exports a minute apart differ in
    that alone: "Exported by tui-reader on 2026-12-07 23:43 UTC.")."""
    return re.sub(rb" on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.", b" on (the time).", note)


def _source_target(note: str) -> str:
    """The target of the first ``Source: [name](target)`` line of a note or an export."""
    line = next(line for line in note.splitlines() if line.startswith("Source: ["))
    return line.split("](", 1)[1].split(")", 1)[0]


def test_a_documents_source_outside_the_vault_is_linked_by_its_file_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Obsidian follows a relative link within its vault only: the export's folder opened
    alone as the vault, ``Source: [int 1.txt](../../c/int%201.txt)`` led out of it, and a
    click made an empty note of that name.  A document out of the vault is linked by its
    ``file:`` URL, which Obsidian opens in the program the system gives; one inside the
    vault the export lies in (a folder above it holding ``.obsidian``) keeps its relative
    link, which moves with the vault."""
    export = _corpus(tmp_path)
    (tmp_path / ".obsidian").mkdir()  # a vault holding the export and the corpus
    inside = tmp_path / "notes"
    assert main([*export, "-o", str(inside)]) == 0
    target = _source_target((inside / "Documents" / "int 1.md").read_text("utf-8"))
    assert target == "../../c/int%201.txt", target
    (tmp_path / ".obsidian").rmdir()  # the export's folder opened alone as the vault
    alone = tmp_path / "vault"
    assert main([*export, "-o", str(alone)]) == 0
    target = _source_target((alone / "Documents" / "int 1.md").read_text("utf-8"))
    assert target == (tmp_path / "c" / "int 1.txt").as_uri(), target
    capsys.readouterr()


def test_a_markdown_export_written_into_a_vault_links_a_file_out_of_it_by_its_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export -o ~/vault/coding.md``: the Markdown export read in Obsidian linked its
    documents relatively, out of the vault, where Obsidian follows no link; a document out
    of the vault it is written into is linked by its ``file:`` URL, one in it relatively, and
    an export in no vault keeps its relative links (CommonMark, GitHub)."""
    export = [*_corpus(tmp_path)[:-2], "-f", "markdown"]
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    assert main([*export, "-o", str(vault / "coding.md")]) == 0
    target = _source_target((vault / "coding.md").read_text("utf-8"))
    assert target == (tmp_path / "c" / "int 1.txt").as_uri(), target
    assert main([*export, "-o", str(tmp_path / "coding.md")]) == 0
    assert _source_target((tmp_path / "coding.md").read_text("utf-8")) == "c/int%201.txt"
    (vault / ".obsidian").rename(tmp_path / ".obsidian")  # a vault holding the corpus too
    assert main([*export, "-o", str(vault / "again.md")]) == 0
    assert _source_target((vault / "again.md").read_text("utf-8")) == "../c/int%201.txt"
    capsys.readouterr()
