"""The command line as a user runs it: `tui-reader list`, --version, --help, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.annotations import empty_database
from helpers.hostile import run_cli_here
from helpers.texts import text_corpus

from tui_reader import __version__
from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``tui-reader ARGS`` in this process (in ``cwd``), with the test's variables but the
    corpus's and the database's, and those of ``env``."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name.startswith("TUI_READER_") and name not in ("TUI_READER_CORPUS", "TUI_READER_DB")
    }
    return run_cli_here(*args, cwd=cwd or Path.cwd(), env={**kept, **(env or {})})


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"tui-reader {__version__}"
    help_text = run("--help").stdout
    assert "PATH" in help_text and "--db" in help_text and "list" in help_text


def test_list_prints_one_line_per_document(corpus_copy: Path) -> None:
    result = run("list", str(corpus_copy))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt\t"
        "Mexico Hosts SouthCom Conference to Launch Plan Pentagon Against Central American "
        "Migrants\t1173 words",
        "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt\t"
        "US Wants Mexico to Ramp up Security Targeting Central American Migrants\t656 words",
    ]


def test_the_caches_folder_kept_in_the_corpus_is_no_documents(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project carried on a stick keeps its caches in it ($TUI_READER_CACHE=./cache): its
    cached texts and facts were listed (and shown in the library, searched) as documents,
    each an "unsupported file type '.json'"."""
    cache = corpus_copy / "cache"
    db = tmp_path / "annotations.json"
    for command in (
        ["list", str(corpus_copy)],
        ["search", "-l", "Pentagon", os.path.relpath(corpus_copy, tmp_path)],
    ):
        for _ in range(2):  # the second run after the caches were written
            result = run(
                *command, "--db", str(db), cwd=tmp_path, env={"TUI_READER_CACHE": str(cache)}
            )
            assert result.returncode == 0, result.stderr
            assert "cache" not in result.stdout + result.stderr
    assert any(cache.rglob("*.json"))  # the caches were written there, and not listed
    monkeypatch.setenv("TUI_READER_CACHE", str(cache))
    with AnnotationStore(db) as store:
        keys = [key for key, _ in Workspace(corpus_copy, db, store).keyed_files()]
    assert len(keys) == 2 and not any("cache" in key for key in keys)


def test_the_caches_folder_left_in_the_corpus_is_no_documents_once_unset(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The caches put in the corpus by an earlier $TUI_READER_CACHE, the variable since unset
    (or set elsewhere): every cached text and fact was listed, "unsupported file type
    '.json'", by list, and by list --all past the corpus's own documents."""
    (corpus_copy / "notes.md").write_text("# Notes\n\nOn *Pentagon* plans.\n", "utf-8")
    db = tmp_path / "annotations.json"
    inside = {"TUI_READER_CACHE": str(corpus_copy / "cache")}
    for command in (["list", str(corpus_copy)], ["search", "-l", "Pentagon", str(corpus_copy)]):
        assert run(*command, "--db", str(db), cwd=tmp_path, env=inside).returncode == 0
    assert any((corpus_copy / "cache" / "converted").iterdir())
    assert any((corpus_copy / "cache" / "library").iterdir())
    elsewhere = {"TUI_READER_CACHE": str(tmp_path / "other-cache")}
    for command in (
        ["list", str(corpus_copy)],
        ["list", "--all", str(corpus_copy)],
        ["search", "-l", "Pentagon", os.path.relpath(corpus_copy, tmp_path)],
    ):
        result = run(*command, "--db", str(db), cwd=tmp_path, env=elsewhere)
        assert result.returncode == 0, result.stderr
        assert "cache" not in result.stdout + result.stderr, command
        assert "notes.md" in result.stdout


def test_list_of_an_empty_folder_says_what_to_put_in_it(tmp_path: Path) -> None:
    """A newcomer's first tui-reader list . printed nothing at all, exit 0, where the app
    says the folder has no documents and which files it reads.  One line on stderr says it
    (stdout empty for a script, --json []); a folder holding only files of no format read
    names those instead, as before."""
    (tmp_path / "empty").mkdir()
    db = str(tmp_path / "annotations.json")
    result = run("list", "empty", "--db", db, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        f"tui-reader: no documents in {tmp_path / 'empty'}: save or copy documents into it "
        "(.txt, .md, .pdf, .docx, .odt, .rtf, .epub, .html, .csv, .vtt, .srt, .eml)\n"
    )
    result = run("list", "--json", "empty", "--db", db, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")
    (tmp_path / "empty" / "photo.png").write_bytes(b"\x89PNG\r\n")
    result = run("list", "empty", "--db", db, cwd=tmp_path)
    assert result.stderr == "tui-reader: photo.png: unsupported file type '.png'\n"


def test_list_json_and_unreadable_files_on_stderr(corpus_copy: Path) -> None:
    (corpus_copy / "scan.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    (corpus_copy / "book.epub").write_bytes(b"PK\x03\x04")
    (corpus_copy / "slides.pptx").write_bytes(b"PK\x03\x04")
    (corpus_copy / "sub").mkdir()
    (corpus_copy / "sub" / "notes.md").write_text("# Field Notes\n\nCancún, *May*.\n", "utf-8")
    (corpus_copy / ".hidden.txt").write_text("hidden", "utf-8")
    result = run("list", str(corpus_copy), "--json")
    assert result.returncode == 2  # scan.txt and book.epub could not be read, as ls says
    rows = json.loads(result.stdout)
    assert [row["path"] for row in rows] == [
        "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt",
        "sub/notes.md",
        "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt",
    ]
    notes = rows[1]
    assert notes["title"] == "Field Notes" and notes["words"] == 4
    assert notes["encoding"] == "utf-8" and len(notes["sha256"]) == 64
    assert set(rows[0]) == {
        "path", "title", "words", "sha256", "encoding", "format", "pages", "metadata"
    }  # fmt: skip
    assert rows[0]["format"] == "text" and rows[0]["pages"] is None
    assert "scan.txt: binary file" in result.stderr
    assert "book.epub: damaged EPUB file" in result.stderr
    assert "slides.pptx: unsupported file type '.pptx'" in result.stderr


def test_list_uses_docs_corpus_in_the_current_folder(corpus_copy: Path) -> None:
    result = run("list", cwd=corpus_copy.parent)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2


def test_list_uses_env_corpus(corpus_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    result = run("list", cwd=tmp_path / "elsewhere", env={"TUI_READER_CORPUS": str(corpus_copy)})
    assert len(result.stdout.splitlines()) == 2


def test_list_falls_back_to_the_packaged_sample_corpus(tmp_path: Path) -> None:
    result = run("list", cwd=tmp_path)
    assert result.returncode == 0
    assert "US Wants Mexico to Ramp up Security" in result.stdout


def test_list_missing_folder_fails_with_a_reason(tmp_path: Path) -> None:
    result = run("list", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"tui-reader: {tmp_path / 'nope'}: No such file or directory"
    assert result.stdout == ""


def test_a_folder_mistyped_is_said_with_the_one_spelled_nearly_beside_it(tmp_path: Path) -> None:
    """A newcomer's folder mistyped (docs_corpsu) was said only to be missing: the folder
    beside it spelled nearly alike is named, as typed but for its last name; a name like
    none there (hidden ones aside) is said missing alone, as before."""
    (tmp_path / "docs_corpus").mkdir()
    (tmp_path / ".docs_corpse").mkdir()
    (tmp_path / "docs_corpus" / "interview.txt").write_text("A text.\n", "utf-8")
    db = str(tmp_path / "annotations.json")
    for typed, meant in (
        ("docs_corpsu", "docs_corpus"),
        ("./docs_corpsu/", "./docs_corpus"),
        ("docs_corpus/intervew.txt", "docs_corpus/interview.txt"),
    ):
        result = run("list", typed, "--db", db, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == (
            f"tui-reader: {typed}: No such file or directory (did you mean {meant}?)\n"
        )
    result = run("list", "zebra", "--db", db, cwd=tmp_path)
    assert result.stderr == "tui-reader: zebra: No such file or directory\n"


def test_the_corpus_may_be_named_with_corpus_as_in_every_other_subcommand(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = str(empty_database(tmp_path / "a.json"))
    by_path = run("list", str(corpus_copy), "--db", db)
    by_option = run("list", "--corpus", str(corpus_copy), "--db", db)
    assert by_option.returncode == 0, by_option.stderr
    assert by_option.stdout == by_path.stdout and by_path.stdout
    found = run("search", "Mexico", "--corpus", str(corpus_copy), "--db", db, "-l")
    assert found.returncode == 0 and len(found.stdout.splitlines()) == 2
    exported = run("export", "--corpus", str(corpus_copy), "--db", db, "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    same = run("list", str(corpus_copy), "--corpus", str(corpus_copy) + "/", "--db", db)
    assert same.returncode == 0, same.stderr


def test_two_different_corpora_are_one_line_and_a_failure(
    corpus_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    result = run("list", str(corpus_copy), "--corpus", str(other), "--db", str(tmp_path / "a.json"))
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.count("\n") == 1 and "name one" in result.stderr


def test_double_dash_ends_the_options_for_names_and_patterns_that_start_with_dashes(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "--notes.txt").write_text("Notes of a visit\n\nA checkpoint -v at dawn.\n")
    db = str(tmp_path / "a.json")
    made = run("annotate", "--db", db, "--corpus", str(corpus), "--quote", "checkpoint",
               "--tag", "t", "--", "--notes.txt")  # fmt: skip
    assert made.returncode == 0, made.stderr
    found = run("search", "--db", db, "-l", "--", "-v", str(corpus))
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines() == [f"{corpus}/--notes.txt"]


def test_the_apps_export_beside_a_database_in_the_corpus_is_no_document(
    corpus_copy: Path,
) -> None:
    """Run in the corpus folder, the database is there, and so is the app's export (E):
    it holds every quote again, and was listed, searched and opened as a document."""
    (corpus_copy / "annotations-export.md").write_text("# Annotations\n\n> a quote\n")
    listed = run("list", ".", cwd=corpus_copy)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 2 and "annotations-export" not in listed.stdout
    found = run("search", "a quote", ".", cwd=corpus_copy)
    assert "annotations-export" not in found.stdout


def test_list_says_a_link_to_a_file_not_there_is_one(tmp_path: Path) -> None:
    # "dangling.txt: No such file or directory", of a file the listing had just found.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text("Field notes from the shelter\n", "utf-8")
    (corpus / "interview.txt").symlink_to(tmp_path / "usb" / "interview.txt")
    result = run("list", str(corpus), "--db", str(tmp_path / "annotations.json"))
    assert "notes.txt" in result.stdout
    assert "interview.txt: is a symbolic link to " in result.stderr
    assert "which is not there" in result.stderr


def test_list_of_one_file_lists_that_document_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``list folder/a.txt`` listed every document of the folder, as ``list folder``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("alpha words\n", encoding="utf-8")
    (corpus / "b.txt").write_text("beta words\n", encoding="utf-8")
    (corpus / "notes.log").write_text("a log\n", encoding="utf-8")
    (corpus / "damaged.pdf").write_bytes(b"not a pdf")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["list", str(corpus / "b.txt"), *db]) == 0
    captured = capsys.readouterr()
    assert captured.out == "b.txt\tbeta words\t2 words\n" and captured.err == ""
    assert main(["list", str(corpus / "notes.log"), *db]) == 2
    assert "notes.log: unsupported file type '.log'" in capsys.readouterr().err
    assert main(["list", str(corpus / "damaged.pdf"), *db]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "damaged.pdf" in captured.err


def test_list_exits_2_when_a_document_could_not_be_read_as_ls_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A script's ``tui-reader list && ...`` went on as if every document were listed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("alpha words\n", encoding="utf-8")
    (corpus / "notes.log").write_text("no document: no failure\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["list", str(corpus), *db]) == 0
    capsys.readouterr()
    (corpus / "damaged.pdf").write_bytes(b"not a pdf")
    assert main(["list", str(corpus), *db]) == 2
    captured = capsys.readouterr()
    assert captured.out == "a.txt\talpha words\t2 words\n" and "damaged.pdf" in captured.err
    (corpus / "damaged.pdf").unlink()
    os.mkfifo(corpus / "pipe.txt")
    assert main(["list", str(corpus), "--json", *db]) == 2
    captured = capsys.readouterr()
    assert [row["path"] for row in json.loads(captured.out)] == ["a.txt"]
    assert "pipe.txt: is a FIFO" in captured.err


def test_an_empty_corpus_or_database_is_refused_not_taken_for_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--corpus "$DIR"`` with DIR unset listed, searched and exported the sample corpus (or
    ./docs_corpus); ``--db "$DB"`` took ./annotations.json."""
    monkeypatch.chdir(tmp_path)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    for argv, said in ((["list", "--corpus", ""], "--corpus names nothing (it was '')"),
                       (["search", "Pentagon", ""], "PATH names nothing (it was '')"),
                       (["tags", "--db", " "], "--db names nothing (it was ' ')"),
                       (["annotate", "a.txt", "--quote", "x", "--db", ""], "--db names nothing")):  # fmt: skip
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith(f"tui-reader: {said}") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_not_in_utf8_is_valid_json_and_given_exactly(tmp_path: Path) -> None:
    """``list --json`` and ``search --json`` gave a Latin-1 "léon.txt" as "l\\udce9on.txt": a
    lone surrogate, which no strict JSON reader takes.  Its name is valid Unicode (the byte
    as the exports write it, ``\\xe9``), and its bytes are given in base64 beside it."""
    import base64

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = b"l\xe9on.txt"
    with open(os.fsencode(corpus) + b"/" + name, "w", encoding="utf-8") as file:
        file.write("Lions roar.\n")
    (corpus / "plain.txt").write_text("Lions sleep.\n", encoding="utf-8")
    listed = subprocess.run(
        [sys.executable, "-m", "tui_reader", "list", str(corpus), "--json"],
        capture_output=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    searched = subprocess.run(
        [sys.executable, "-m", "tui_reader", "search", "Lions", str(corpus), "--json"],
        capture_output=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert listed.returncode == searched.returncode == 0, (listed.stderr, searched.stderr)
    # strict: a lone surrogate (\udce9) is refused, as jq and most readers outside Python do
    strict = {"object_hook": _no_lone_surrogates}
    rows = json.loads(listed.stdout.decode("utf-8"), **strict)
    hits = [json.loads(line, **strict) for line in searched.stdout.decode("utf-8").splitlines()]
    assert [(r["path"], r.get("path_bytes")) for r in rows] == [
        ("l\\xe9on.txt", base64.b64encode(name).decode()),
        ("plain.txt", None),
    ]
    assert [(h["document"], h.get("document_bytes")) for h in hits] == [
        ("l\\xe9on.txt", base64.b64encode(name).decode()),
        ("plain.txt", None),
    ]
    assert (corpus / os.fsdecode(base64.b64decode(rows[0]["path_bytes"]))).read_text() == (
        "Lions roar.\n"
    )


def _no_lone_surrogates(record: dict[str, object]) -> dict[str, object]:
    for value in record.values():
        if isinstance(value, str):
            value.encode("utf-8")  # a lone surrogate raises
    return record


def test_several_files_of_a_folder_are_listed_as_ls_lists_them(tmp_path: Path) -> None:
    """``list corpus/*.txt`` (the shell names each file) was "unrecognized arguments"."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text(f"Title {name}\n\nSome words.\n", encoding="utf-8")
    done = run("list", str(corpus / "c.txt"), str(corpus / "a.txt"), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [r["path"] for r in json.loads(done.stdout)] == ["c.txt", "a.txt"]
    # a file not there among them: said in one line, the others listed, 2 (as ls); it
    # refused them all
    gone = str(corpus / "gone.txt")
    done = run("list", gone, str(corpus / "a.txt"), "--json", cwd=tmp_path)
    assert done.returncode == 2
    assert [r["path"] for r in json.loads(done.stdout)] == ["a.txt"]
    assert done.stderr == f"tui-reader: {gone}: No such file or directory\n"
    # a folder among them: said and left out, the file listed, 2 (as ls and grep)
    done = run("list", str(corpus / "a.txt"), str(corpus), "--json", cwd=tmp_path)
    assert done.returncode == 2
    assert [r["path"] for r in json.loads(done.stdout)] == ["a.txt"]
    assert done.stderr == (f"tui-reader: {corpus}: is a folder, among files named: left out "
                           "(name it alone for its documents)\n")  # fmt: skip


def test_the_folder_named_twice_is_listed_once_and_a_second_folder_is_said(
    tmp_path: Path,
) -> None:
    """``list docs docs`` (one folder, named twice: a shell's history, a script's variable)
    was refused as "docs is a folder: a listing takes one folder", though one was named; it
    lists the folder once, as a file named twice is listed once.  Two folders are said as
    two."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\nSome words.\n", encoding="utf-8")
    (tmp_path / "other").mkdir()
    once = run_cli_here("list", "corpus", "--json", cwd=tmp_path)
    assert once.returncode == 0, once.stderr
    for again in ("corpus", "./corpus/", str(corpus)):
        done = run_cli_here("list", "corpus", again, "--json", cwd=tmp_path)
        assert (done.returncode, done.stdout, done.stderr) == (0, once.stdout, ""), again
    done = run_cli_here("list", "corpus", "other", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("tui-reader: other is a second folder, after corpus: a listing "
                           "takes one folder, or files of one folder (list docs/*.txt)\n")  # fmt: skip


def test_a_tab_or_a_line_break_in_a_name_shows_as_the_export_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list printed a tab in a file name as a space (in its tab-separated lines: the name of
    another file, 'a b.txt', here beside it) and a line break as ⏎ where the CSV export
    writes ␊; search the same."""
    written = ("a\tb.txt", "a b.txt", "two\nlines.txt", "cr\rhere.txt")
    corpus, db = text_corpus(tmp_path, dict.fromkeys(written, "The army moved.\n"))
    where = ["--corpus", str(corpus), "--db", db]
    assert main(["list", *where]) == 0
    names = sorted(line.split("\t")[0] for line in capsys.readouterr().out.splitlines())
    assert names == ["a b.txt", "a␉b.txt", "cr␍here.txt", "two␊lines.txt"]
    assert main(["search", "army", *where]) == 0
    said = sorted(line.split(":")[0] for line in capsys.readouterr().out.splitlines())
    assert said == [f"{corpus}/{name}" for name in names]  # paths, as grep prints them


def test_a_name_as_list_shows_it_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list shows a tab in a name as ␉; that name typed back said 'no such document'."""
    corpus, db = text_corpus(tmp_path, {"a\tb.txt": "The army moved.\n"})
    where = ["--corpus", str(corpus), "--db", db]
    assert main(["list", *where]) == 0
    shown = capsys.readouterr().out.split("\t")[0]
    assert shown == "a␉b.txt"
    assert main(["annotate", shown, "--quote", "army", "--tag", "x", *where]) == 0
    assert main(["attr", "set", shown, "year=2000", *where]) == 0
    with AnnotationStore(tmp_path / "db.json") as store:
        assert [a.document for a in store.annotations()] == ["corpus/a\tb.txt"]
        assert store.attributes() == {"corpus/a\tb.txt": {"year": 2000}}


def test_a_listing_of_plain_names_and_titles_asks_the_output_gate_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listing asked the gate of what reaches the terminal of each row's name, title and
    facts, three times a row (30,000 looks that found nothing for 10,000 documents): one look
    over them all tells that none needs it.  A row that does (a name holding an escape, or a
    backslash before a byte's digits) is shown safe as before."""
    from helpers.counting import count_calls

    import tui_reader.cli.list_docs as list_docs

    texts = {
        f"report {n}.txt": f"Field report {n} on the border\n\nWords here.\n" for n in range(30)
    }
    corpus, db = text_corpus(tmp_path, texts)
    looks = [count_calls(monkeypatch, list_docs, name) for name in ("shown", "shown_name")]
    assert main(["list", str(corpus), "--db", db]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert sum(look.calls for look in looks) == 0
    assert rows[1] == "report 1.txt\tField report 1 on the border\t8 words"
    (corpus / "esc\x1b[31m.txt").write_text("Plain title line\n", "utf-8")
    (corpus / "back\\xe9.txt").write_text("Plain title line\n", "utf-8")
    assert main(["list", str(corpus), "--db", db]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert "esc␛[31m.txt\tPlain title line\t3 words" in rows
    assert "back\\\\xe9.txt\tPlain title line\t3 words" in rows
    assert "report 1.txt\tField report 1 on the border\t8 words" in rows


def test_a_listing_as_text_makes_no_json_row_per_document(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each row of a listing as text was made as a dictionary of the document's fields, as
    the JSON needs, then read back for its cells: most of what 10,000 rows cost after the
    files were read, while one process runs alone.  The cells come from the facts now."""
    from helpers.counting import count_calls

    from tui_reader.cli import list_docs
    from tui_reader.core.documents.facts import DocumentFacts

    made = count_calls(monkeypatch, list_docs, "_row")
    assert run("list", str(corpus_copy)).stdout.count("\n") == 2
    assert made.calls == 0
    assert len(json.loads(run("list", "--json", str(corpus_copy)).stdout)) == 2
    assert made.calls == 2
    said = list_docs._facts
    assert said(DocumentFacts("T", 1, 5)) == "1 word"
    assert said(DocumentFacts("T", 12, 80, format="markdown")) == "12 words"
    assert said(DocumentFacts("T", 12, 80, pages=2)) == "12 words · 2 pages"
    assert (
        said(DocumentFacts("T", 5230, 9, format="pdf", pages=105)) == "5230 words · PDF · 105 pages"
    )
    assert said(DocumentFacts("T", 0, 9, format="docx", pages=1)) == "0 words · Word · 1 page"
    assert said(DocumentFacts("T", 3, 9, format="odd")) == "3 words · odd"


def test_the_help_names_the_column_list_prints_its_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The help called the first column "path", where list prints each document's name in
    the corpus, as ``ls docs`` does (``a.txt`` for ``docs/a.txt``), the name ``--doc`` and
    ``annotate`` take: a script took it for a path and could not open it.  The help says
    "name", and that search prints paths."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "2019").mkdir(parents=True)
    (tmp_path / "docs" / "2019" / "a.txt").write_text("The army moved.\n", encoding="utf-8")
    assert main(["list", "docs", "--db", "db.json"]) == 0
    (name,) = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert name == "2019/a.txt"  # as ls docs/ names it, not a path from here
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    described = " ".join(capsys.readouterr().out.split())
    assert "(name, title, words, format, pages;" in described
    assert "as ls FOLDER names its files" in described
    assert main(["annotate", name, "--quote", "army", "-t", "t", "--corpus", "docs",
                 "--db", "db.json"]) == 0  # fmt: skip


def test_list_counts_many_files_it_does_not_read_by_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Started in a home folder, ``list`` wrote one "unsupported file type" line for each of
    32,000 files (a program's .so, a photo's .png), among which a document it could not read
    was lost.  Past NAMED_AT_MOST they are counted by extension, one line each, the most
    first; a file with advice (a .doc) and a document not read are still named; stdout and
    the exit status are unchanged; ``--all`` names each."""
    from tui_reader.cli.list_docs import NAMED_AT_MOST

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("alpha words\n", encoding="utf-8")
    (corpus / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    for number in range(NAMED_AT_MOST):
        (corpus / f"lib{number}.so").write_bytes(b"\x7fELF")
    (corpus / "photo.PNG").write_bytes(b"\x89PNG")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["list", str(corpus), *db]) == 0  # NAMED_AT_MOST + 1: counted
    captured = capsys.readouterr()
    assert captured.out == "a.txt\talpha words\t2 words\n"
    assert captured.err.splitlines() == [
        "tui-reader: old.doc: an old Word file (Word 97-2003), which tui-reader does not read; "
        "save it as .docx in Word or LibreOffice",
        f"tui-reader: {NAMED_AT_MOST} '.so' files: unsupported file type",
        "tui-reader: 1 '.png' file: unsupported file type",
        f"tui-reader: {NAMED_AT_MOST + 1} files in all that are no documents tui-reader "
        "reads, not listed (list --all names each)",
    ]
    assert main(["list", str(corpus), "--all", *db]) == 0
    captured = capsys.readouterr()
    assert captured.out == "a.txt\talpha words\t2 words\n"
    err = captured.err.splitlines()
    assert (
        len(err) == NAMED_AT_MOST + 2 and "tui-reader: lib7.so: unsupported file type '.so'" in err
    )
    (corpus / "photo.PNG").unlink()  # NAMED_AT_MOST: each named, as before
    assert main(["list", str(corpus), *db]) == 0
    err = capsys.readouterr().err.splitlines()
    assert (
        len(err) == NAMED_AT_MOST + 1 and "tui-reader: lib0.so: unsupported file type '.so'" in err
    )
