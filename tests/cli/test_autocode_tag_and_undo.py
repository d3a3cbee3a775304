"""The command line: ``--tag`` takes one value, ``autocode --regex`` anchors at line starts,
a command that matched nothing says what it searched, ``history`` and ``undo``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.documents.document import Document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace

TRANSCRIPT = "P01: we crossed at night.\nP03: the border was closed.\nNote: P03: said again.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "interview.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "other.txt").write_text("Nothing of interest here.\n", encoding="utf-8")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_tag_takes_one_value_so_the_corpus_after_it_is_the_corpus(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.json")
    status, out, _ = _run(
        capsys, "autocode", "P03:", "--tag", "speaker/P03", str(corpus), "--db", db
    )
    assert (status, out.strip()) == (0, "2")
    status, out, _ = _run(
        capsys, "autocode", "P01", "-t", "a,b", "-t", "c", str(corpus), "--db", db
    )
    assert (status, out.strip()) == (0, "1")
    with AnnotationStore(Path(db)) as store:
        assert {a.tags for a in store.annotations()} == {("speaker/P03",), ("a", "b", "c")}


def test_regex_anchors_match_at_line_starts_as_grep(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.json")
    status, out, _ = _run(
        capsys, "autocode", r"^P\d+:", "--regex", "-t", "speaker", str(corpus), "--db", db
    )
    assert (status, out.strip()) == (0, "2")  # P01: and P03: at line starts, not "Note: P03:"
    with AnnotationStore(Path(db)) as store:
        assert sorted(a.quote for a in store.annotations()) == ["P01:", "P03:"]
    status, out, _ = _run(
        capsys, "autocode", r"night\.$", "--regex", "-t", "end", str(corpus), "--db", db
    )
    assert out.strip() == "1"


def test_a_command_that_matched_nothing_says_what_it_searched_and_exits_1_as_grep(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It exited 0, so a script (``autocode ... && echo coded``) could not tell a pattern that
    matched nothing from one that coded."""
    db = str(tmp_path / "db.json")
    status, out, err = _run(capsys, "autocode", "P99:", "--tag", "x", str(corpus), "--db", db)
    assert (status, out.strip()) == (1, "0")
    assert "no match for the text 'P99:' in 2 documents of" in err and str(corpus) in err
    assert not Path(db).exists()  # a run that coded nothing made no database
    # matched, every passage coded already: 0 coded, and a match all the same
    assert _run(capsys, "autocode", "P01", "-t", "x", str(corpus), "--db", db)[:2] == (0, "1\n")
    assert _run(capsys, "autocode", "P01", "-t", "x", str(corpus), "--db", db)[:2] == (0, "0\n")
    # nothing matched, and a document could not be read: 2, as search says it
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    status, out, err = _run(capsys, "autocode", "P99:", "--tag", "x", str(corpus), "--db", db)
    assert (status, out.strip()) == (2, "0")
    assert "broken.docx" in err


def test_a_regex_that_matches_only_empty_text_is_said_so_not_no_match(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "no match for the regex '(?=P03)'", though it matched twice, where search said why
    # nothing came of it.
    db = str(tmp_path / "db.json")
    for pattern in ("(?=P03)", "^"):
        status, out, err = _run(capsys, "autocode", "-E", pattern, "-t", "x", str(corpus),
                                "--db", db)  # fmt: skip
        assert (status, out) == (1, "0\n")
        assert err == (
            f"tui-reader: '{pattern}' matches only empty text (a place between characters, as "
            "^, $, \\b and (?=...) do), which is no hit: give it characters to match\n"
        )
        assert _run(capsys, "search", "-E", pattern, str(corpus), "--db", db)[2] == err


def test_history_lists_steps_and_undo_takes_one_back_unless_changed_since(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.json")
    _run(capsys, "autocode", "P03:", "--tag", "speaker", str(corpus), "--db", db)
    _run(capsys, "autocode", "border", "--tag", "place", str(corpus), "--db", db)
    status, out, _ = _run(capsys, "history", "--db", db)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    assert "autocode 'border': place" in lines[0] and "1 annotation " in lines[0]
    assert "tui-reader autocode border --tag place" in lines[0]
    assert "2 annotations" in lines[1]
    first_id = lines[1].split()[0]

    status, _, err = _run(capsys, "undo", "--db", db)  # the last: the border run
    assert status == 0 and "Undone: autocode 'border': place (1 annotation)" in err
    with AnnotationStore(Path(db)) as store:
        assert {a.quote for a in store.annotations()} == {"P03:"}
        one = store.annotations()[0]
        store.update(one.evolve(note="written since"))
    status, _, err = _run(capsys, "undo", first_id, "--db", db)
    assert status == 2 and "changed since" in err and "nothing was changed" in err
    with AnnotationStore(Path(db)) as store:
        assert len(store.annotations()) == 2
    status, _, err = _run(capsys, "undo", "--redo", "--db", db)
    assert status == 2 and "nothing to redo" in err  # a new step (the edit) ended redo
    _run(capsys, "undo", "--db", db)  # the note
    status, _, err = _run(capsys, "undo", first_id, "--db", db)
    assert status == 0
    with AnnotationStore(Path(db)) as store:
        assert store.annotations() == []
    assert _run(capsys, "undo", "--redo", "--db", db)[0] == 0
    with AnnotationStore(Path(db)) as store:
        assert len(store.annotations()) == 2


def test_history_lists_one_line_per_step_whatever_its_command_held(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note typed over two lines in the command (annotate --note $'a\\nb') split its step
    over two lines of history, the second looking like a step of its own."""
    db = str(tmp_path / "db.json")
    doc = str(corpus / "interview.txt")
    argv = ["annotate", doc, "--quote", "crossed", "-t", "x", "--note", "first\n2  second"]
    assert _run(capsys, *argv, "--db", db)[0] == 0
    assert _run(capsys, "annotate", doc, "--quote", "closed", "-t", "y", "--db", db)[0] == 0
    status, out, _ = _run(capsys, "history", "--db", db)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    # a line feed in an argument shown as list shows one in a name: ␊
    assert lines[1].startswith("    1  ") and "'first␊2  second'" in lines[1]


def test_history_of_a_database_not_there_says_so_not_that_its_folder_is_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "history", "--db", str(tmp_path / "typo.json"))
    assert status == 2
    assert err == f"tui-reader: {tmp_path / 'typo.json'}: no such database\n"
    assert not (tmp_path / "typo.json").exists()


@pytest.mark.parametrize("tag", ["", " ", ",", " , "])
def test_autocode_with_an_empty_tag_codes_nothing(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str
) -> None:
    # -t "$CODE" with CODE unset: every hit of the pattern became an annotation with no code.
    db = tmp_path / "db.json"
    with pytest.raises(SystemExit) as stopped:  # argparse's usage error
        main(["autocode", "the", "-t", tag, str(corpus), "--db", str(db)])
    out, err = capsys.readouterr()
    assert (stopped.value.code, out) == (2, "")
    assert err.endswith("error: argument --tag/-t: names no code (it was empty)\n")
    assert not db.exists()


@pytest.mark.parametrize("command", [["export", "-f", "csv"], ["report", "frequencies"]])
def test_an_empty_tag_filter_is_refused_not_taken_for_every_code(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # export --tag "$CODE" with CODE unset exported every annotation, as if no --tag were given.
    db = str(tmp_path / "db.json")
    assert _run(capsys, "autocode", "P03", "-t", "speaker", str(corpus), "--db", db)[0] == 0
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--tag", "", "--corpus", str(corpus), "--db", db])
    out, err = capsys.readouterr()
    assert (stopped.value.code, out) == (2, "")
    assert err.endswith("error: argument --tag/-t: names no code (it was empty)\n")


@pytest.mark.parametrize(
    ("command", "tag"),
    [
        (["report", "frequencies"], "/"),
        (["report", "matrix"], "speaker,//"),
        (["export", "-f", "csv"], "/"),
        (["agreement", "ana", "ben"], " / "),
    ],
)
def test_a_tag_filter_of_slashes_alone_is_refused_not_taken_for_every_code(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    tag: str,
) -> None:
    # report frequencies -t / stripped the '/' to nothing and reported every code
    db = str(tmp_path / "db.json")
    assert _run(capsys, "autocode", "P03", "-t", "speaker", str(corpus), "--db", db)[0] == 0
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--tag", tag, "--corpus", str(corpus), "--db", db])
    out, err = capsys.readouterr()
    assert (stopped.value.code, out) == (2, "")
    bare = tag.split(",")[-1].strip()
    assert err.endswith(f"error: argument --tag/-t: names no code ({bare!r} is no code's name)\n")


@pytest.mark.parametrize("name", [".hidden.txt", "photo.png"])
def test_a_file_named_that_is_no_document_is_said_not_coded(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """``autocode P03 corpus/.hidden.txt`` coded a hidden file no listing shows (its passages
    then in no export of the corpus); a photo gave "no match" beside its error."""
    (corpus / name).write_bytes(b"P03: hidden words.\n")
    db = tmp_path / "db.json"
    status, out, err = _run(capsys, "autocode", "P03", "-t", "x", str(corpus / name), "--db", str(db))  # fmt: skip
    assert (status, out) == (2, "")
    assert err.startswith(f"tui-reader: {corpus / name}: ") and err.count("\n") == 1
    assert not db.exists()


def test_autocode_codes_the_files_a_shell_named_and_no_others(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "third.txt").write_text("P03: not named.\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    files = [str(corpus / "interview.txt"), str(corpus / "other.txt")]
    status, out, _ = _run(capsys, "autocode", "P03:", "-t", "s", *files, "--db", db)
    assert (status, out.strip()) == (0, "2")
    with AnnotationStore(Path(db)) as store:
        assert {Path(a.document).name for a in store.annotations()} == {"interview.txt"}
    status, _, err = _run(capsys, "autocode", "P03:", "-t", "s", files[0], str(corpus), "--db", db)
    assert status == 2 and "is a folder" in err


def test_a_link_loop_in_the_corpus_is_said_to_be_one_not_to_lie_outside(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "loop1").symlink_to("loop2")
    (corpus / "loop2").symlink_to("loop1")
    db = str(tmp_path / "db.json")
    status, out, err = _run(capsys, "autocode", "P03:", "-t", "s", str(corpus), "--db", db)
    assert (status, out.strip()) == (2, "2")  # coded, and 2 as grep: a file was not read
    said = [line for line in err.splitlines() if "loop1" in line]
    assert said and all("Too many levels of symbolic links" in line for line in said), err
    assert "outside" not in err


def test_history_shows_the_pattern_autocode_was_given_not_the_expression_it_became(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("un café noir\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    assert _run(capsys, "autocode", "café", "-t", "drink", str(folder), "--db", db)[0] == 0
    status, out, _ = _run(capsys, "history", "--db", db, "--json")
    assert status == 0
    assert json.loads(out.splitlines()[0])["label"] == "autocode 'café': drink"
    # a regular expression's backslashes as typed: '\\bnoir' was another expression (a
    # backslash, then 'bnoir'), a quote in it as Python writes a string
    (folder / "a.txt").write_text("un café noir, l'autre\n", encoding="utf-8")
    for pattern, label in ((r"\bnoir\b", r"'\bnoir\b'"), ("l'autre", '"l\'autre"')):
        argv = ("autocode", "-E", pattern, "-t", "found", str(folder), "--db", db)
        assert _run(capsys, *argv)[0] == 0
        status, out, _ = _run(capsys, "history", "--db", db, "--json", "-n", "1")
        assert json.loads(out)["label"] == f"autocode {label}: found"


def test_autocode_of_a_speaker_with_one_word_after_it_takes_that_word_for_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "i.txt").write_text("P1: we went.\nP2: no.\nP1: yes.\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    status, out, err = _run(capsys, "autocode", "--speaker", "P1", "-t", "s", str(folder),
                            "--db", db)  # fmt: skip
    assert (status, out.strip()) == (0, "2"), err
    with AnnotationStore(Path(db)) as store:
        assert sorted(a.quote for a in store.annotations()) == ["we went.", "yes."]


def test_a_document_not_read_is_exit_2_with_what_matched_elsewhere_coded(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As grep and search: the pattern may be in the damaged PDF, left uncoded; autocode said
    # 0 and a script took every passage for coded.
    (corpus / "damaged.pdf").write_bytes(b"not a pdf at all")
    db = str(tmp_path / "db.json")
    status, out, err = _run(capsys, "autocode", "border", "-t", "b", str(corpus), "--db", db)
    assert (status, out.strip()) == (2, "1") and "damaged.pdf" in err
    with AnnotationStore(Path(db), read_only=True) as store:
        assert [a.quote for a in store.annotations()] == ["border"]
    status, out, err = _run(capsys, "autocode", "absent", "-t", "b", str(corpus), "--db", db)
    assert (status, out.strip()) == (2, "0") and "damaged.pdf" in err


def test_autocode_ignoring_case_codes_every_spelling_folded_as_search_finds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """autocode -i strasse codes Straße and STRASSE as search -i finds them, each passage
    the document's own characters (Straße, six), and file a typeset PDF's ﬁle; coded letter
    for letter, a German interview lost half its passages to the code."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "de.txt").write_text("Die Straße, die STRASSE; eine ﬁle.\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    status, out, _ = _run(
        capsys, "autocode", "-i", "strasse", "-t", "street", str(folder), "--db", db
    )
    assert (status, out.strip()) == (0, "2")
    status, out, _ = _run(capsys, "autocode", "-i", "FILE", "-t", "file", str(folder), "--db", db)
    assert (status, out.strip()) == (0, "1")
    with AnnotationStore(Path(db)) as store:
        placed = sorted((a.start, a.end, a.quote) for a in store.annotations())
    assert placed == [(4, 10, "Straße"), (16, 23, "STRASSE"), (30, 33, "ﬁle")]


def test_autocode_run_again_says_the_passages_it_found_coded_already(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run again over the same transcripts, it printed a bare 0, read as "no match"."""
    db = str(tmp_path / "db.json")
    status, out, err = _run(capsys, "autocode", "P03", "-t", "border", str(corpus), "--db", db)
    assert (status, out) == (0, "2\n") and "already" not in err
    status, out, err = _run(capsys, "autocode", "P03", "-t", "border", str(corpus), "--db", db)
    assert (status, out) == (0, "0\n")
    assert err == "tui-reader: 2 passages found coded already with border: left as they were\n"
    # a tag more: the same passages take it, none of them left as it was
    status, out, err = _run(
        capsys, "autocode", "P03", "-t", "border,closed", str(corpus), "--db", db
    )
    assert (status, out, err) == (0, "2\n", "")


def test_a_link_that_leads_nowhere_is_named_as_list_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """autocode named the file a broken link leads to ('c/x: No such file or directory'),
    a name the user never saw in the corpus, where list names the link and where it leads."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("hello world\n", encoding="utf-8")
    (corpus / "gone.txt").symlink_to("x")
    db = str(tmp_path / "db.json")
    assert main(["autocode", "hello", "--tag", "h", str(corpus), "--db", db]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"tui-reader: {corpus / 'gone.txt'}: is a symbolic link to x, which is not there "
        "(moved, or on a drive not mounted)"
    ]


def test_a_link_to_a_device_or_fifo_is_said_to_be_one_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link in the corpus to /dev/zero (or to a FIFO out of the corpus) was "a device"
    to list and search but "outside the corpus folder" to autocode: moved into the corpus
    it would be no more read; each command says what it is."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("hello world\n", encoding="utf-8")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe")
    (corpus / "pipe.txt").symlink_to(tmp_path / "pipe")
    db = str(tmp_path / "db.json")
    said = {
        "pipe.txt": "is a FIFO (named pipe), not a regular file; not read",
        "zero.txt": "is a device, not a regular file; not read",
    }
    for command in (["list"], ["search", "hello"], ["autocode", "hello", "--tag", "h"]):
        assert main([*command, str(corpus), "--db", db]) == 2, command
        err = capsys.readouterr().err.splitlines()
        reasons = {Path(line.split(": ")[1]).name: line.split(": ", 2)[2] for line in err}
        assert reasons == said, command


def test_undo_goes_ahead_after_an_export_re_anchored_a_passage_approximately(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo fixed in the file: the export places the passage again approximately and saves
    its new quote; that is no change of the user's, so the autocode run still undoes."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "interview.txt").write_text("P03: the bordr was closed by the guards.\n")
    db = str(tmp_path / "db.json")
    _run(capsys, "autocode", "the bordr was closed", "--tag", "place", str(folder), "--db", db)
    (folder / "interview.txt").write_text("P03: the border was closed by the guards.\n")
    out = str(tmp_path / "out.json")
    assert _run(capsys, "export", str(folder), "--db", db, "-f", "json", "-o", out)[0] == 0
    with AnnotationStore(Path(db)) as store:
        assert [(a.quote, a.status.value) for a in store.annotations()] == [
            ("the border was closed", "fuzzy")
        ]
    status, _, err = _run(capsys, "undo", "--db", db)
    assert status == 0 and "Undone: autocode" in err
    with AnnotationStore(Path(db)) as store:
        assert store.annotations() == []


@pytest.mark.parametrize(
    ("options", "pattern", "quotes"),
    [
        ((), "border", ["border", "border"]),
        (("-i",), "BORDER", ["border", "border"]),
        (("-E",), r"bord\w+", ["border", "border"]),
    ],
)
def test_autocode_parses_only_the_documents_whose_text_holds_a_hit(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
    pattern: str,
    quotes: list[str],
) -> None:
    """A text without a hit is passed over as search passes it, told from the text search
    keeps (a literal in its bytes): a pattern found nowhere in the bench's 10,000 documents
    parsed every one of them, 10 s where search took 1 s.  What is coded is as before."""
    (corpus / "notes.md").write_text("# Notes\n\nThe border, again.\n", encoding="utf-8")
    for n in range(3):
        (corpus / f"plain{n}.txt").write_text(f"Nothing here, {n}.\n", encoding="utf-8")
    loaded: list[str] = []
    document = Workspace.document

    def counted(workspace: Workspace, key: str) -> Document:
        loaded.append(Path(key).name)
        return document(workspace, key)

    monkeypatch.setattr(Workspace, "document", counted)
    db = str(tmp_path / "db.json")
    status, out, _ = _run(capsys, "autocode", *options, pattern, "-t", "b", str(corpus), "--db", db)
    assert (status, out) == (0, "2\n")
    assert set(loaded) == {"interview.txt", "notes.md"}
    with AnnotationStore(Path(db), read_only=True) as store:
        assert sorted(a.quote for a in store.annotations()) == quotes
    loaded.clear()  # run again, the texts kept: the same documents, each coded already
    status, out, err = _run(
        capsys, "autocode", *options, pattern, "-t", "b", str(corpus), "--db", db
    )
    assert (status, out, set(loaded)) == (0, "0\n", {"interview.txt", "notes.md"})
    assert "2 passages found coded already" in err
