"""``search -l`` prints each document as grep -l does, a path from the current folder, so a
script can hand the list to another program (``search -l war docs | xargs wc -w``); it
printed the document's name in the corpus (``a.txt`` for ``docs/a.txt``), which no program
run from the current folder could open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.hostile import folder_refused, run_cli_here

from tui_reader.cli.main import main


@pytest.fixture
def here(tmp_path: Path) -> Path:
    (tmp_path / "work" / "docs" / "2019").mkdir(parents=True)
    (tmp_path / "work" / "docs" / "a.txt").write_text("the war began\n", encoding="utf-8")
    (tmp_path / "work" / "docs" / "2019" / "b.txt").write_text("after the war\n", encoding="utf-8")
    (tmp_path / "work" / "docs" / "c.txt").write_text("peace\n", encoding="utf-8")
    return tmp_path / "work"


def _listed(here: Path, *argv: str | Path) -> list[str]:
    result = run_cli_here("search", "-l", "war", *argv, "--db", here / "db.json", cwd=here)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return sorted(result.stdout.splitlines())


def test_listed_documents_are_paths_from_the_current_folder(here: Path) -> None:
    listed = _listed(here, "docs")
    assert listed == ["docs/2019/b.txt", "docs/a.txt"]
    assert all((here / path).is_file() for path in listed)
    # files named by the shell: the same paths
    assert _listed(here, "docs/a.txt", "docs/2019/b.txt", "docs/c.txt") == listed


def test_the_current_folder_searched_gives_the_documents_names(here: Path) -> None:
    assert _listed(here / "docs", ".") == ["2019/b.txt", "a.txt"]


def test_a_corpus_outside_the_current_folder_gives_whole_paths(here: Path) -> None:
    elsewhere = here / "elsewhere"
    elsewhere.mkdir()
    listed = _listed(elsewhere, here / "docs")
    assert listed == [str(here / "docs" / "2019" / "b.txt"), str(here / "docs" / "a.txt")]


def test_a_corpus_or_files_named_by_whole_paths_give_whole_paths_as_grep_echoes_them(
    here: Path,
) -> None:
    """``search -l war /home/ana/work/docs`` run in /home/ana/work printed ``docs/a.txt``, a
    path from the current folder, where grep echoes the path typed, whole: a script that
    named its folder by its whole path (``"$PWD/docs"``, ``"$HOME/..."``) to use the paths
    elsewhere, after a ``cd``, or to tell them by it, got paths true only here."""
    whole = [str(here / "docs" / "2019" / "b.txt"), str(here / "docs" / "a.txt")]
    assert _listed(here, here / "docs") == whole
    assert _listed(here, here / "docs" / "a.txt", here / "docs" / "2019" / "b.txt") == whole
    assert _listed(here, "--corpus", here / "docs") == whole
    hits = run_cli_here(
        "search", "war", here / "docs" / "a.txt", "--db", here / "db.json", cwd=here
    )
    assert hits.stdout == f"{here / 'docs' / 'a.txt'}:1: the war began\n", hits.stderr
    # a path typed from here stays one from here, as grep prints it
    assert _listed(here, "docs") == ["docs/2019/b.txt", "docs/a.txt"]


def test_a_listed_path_names_the_document_for_the_other_commands(here: Path) -> None:
    (path,) = _listed(here, "docs/a.txt")
    made = run_cli_here("annotate", path, "--quote", "war", "-t", "conflict",
                        "--corpus", "docs", "--db", here / "db.json", cwd=here)  # fmt: skip
    assert made.returncode == 0, made.stderr
    tags = run_cli_here("query", "conflict", "--corpus", "docs", "--db", here / "db.json", cwd=here)
    assert tags.returncode == 0 and "a.txt" in tags.stdout, tags.stderr


def test_json_keeps_the_documents_names_and_gives_their_paths(here: Path) -> None:
    result = run_cli_here(
        "search", "-l", "--json", "war", "docs", "--db", here / "db.json", cwd=here
    )
    assert sorted(result.stdout.splitlines()) == [
        '{"document": "2019/b.txt", "path": "docs/2019/b.txt"}',
        '{"document": "a.txt", "path": "docs/a.txt"}',
    ]


def test_null_ended_paths_survive_any_name(tmp_path: Path) -> None:
    """``search -lZ war docs | xargs -0 wc``, as grep -lZ: a name with a space, a line break
    or a byte that is no UTF-8 (a Latin-1 ``café.txt``) was split by xargs, or pictured
    (``caf\\xe9.txt``, ``a␊b.txt``), no path any program could open; there was no -Z."""
    import subprocess
    import sys

    from helpers.hostile import user_environment

    docs = tmp_path / "docs"
    docs.mkdir()
    names = [b"my notes.txt", b"caf\xe9.txt", b"a\nb.txt", b"plain.txt"]
    for name in names:
        with open(os.path.join(os.fsencode(docs), name), "wb") as file:
            file.write(b"the war began\n")
    (docs / "peace.txt").write_text("peace\n", encoding="utf-8")
    for _ in range(2):  # the texts read, then kept
        result = subprocess.run(
            [sys.executable, "-m", "tui_reader", "search", "-lZ", "war", "docs", "--db", "db.json"],
            cwd=tmp_path, capture_output=True, timeout=60,
            env={**user_environment(), "TUI_READER_CACHE": str(tmp_path / "cache")},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        listed = result.stdout.split(b"\0")
        assert listed[-1] == b""  # each ended by a NUL, the last too
        assert sorted(listed[:-1]) == sorted(b"docs/" + name for name in names)
        here = os.fsencode(tmp_path)
        assert all(os.path.isfile(os.path.join(here, path)) for path in listed[:-1])


def test_null_goes_with_the_list_of_files(here: Path) -> None:
    for options in (["-Z"], ["-lZ", "--json"]):
        result = run_cli_here("search", *options, "war", "docs", "--db", here / "db.json", cwd=here)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr == (
            "tui-reader: -Z goes with -l (without --json): search -lZ PATTERN | xargs -0 ...\n"
        )


def _hit_lines(here: Path, *argv: str | Path) -> list[str]:
    result = run_cli_here("search", "war", *argv, "--db", here / "db.json", cwd=here)
    assert result.returncode == 0, result.stderr
    return sorted(result.stdout.splitlines())


@pytest.mark.parametrize(
    ("where", "corpus"),
    [(".", "docs"), (".", "../work/docs"), ("docs", "."), ("elsewhere", "../docs")],
    ids=["below", "from-above", "searched-here", "out-of-it"],
)
def test_each_hit_line_begins_with_the_path_l_prints_as_grep_does(
    here: Path, where: str, corpus: str
) -> None:
    """A hit line began with the document's name in the corpus (``a.txt:1: the war began``
    for ``docs/a.txt``): ``vim -q``, Emacs's grep mode and ``cut -d: -f1 | xargs`` could
    not open it, and it was not what ``-l`` prints.  It is ``path:line: context``, the path
    ``-l`` prints, as grep -n prints it."""
    (here / "elsewhere").mkdir()
    cwd = here / where
    hits = _hit_lines(cwd, corpus)
    listed = _listed(cwd, corpus)
    paths = [line.split(":")[0] for line in hits]
    assert paths == listed
    for line in hits:  # as vim -q reads an error file: path, line number, text
        path, number, context = line.split(":", 2)
        lines = (cwd / path).read_text(encoding="utf-8").splitlines()
        assert lines[int(number) - 1] == context.strip()
    records = run_cli_here("search", "--json", "war", corpus, "--db", here / "db.json", cwd=cwd)
    found = sorted((r["path"], r["document"]) for r in map(json.loads, records.stdout.splitlines()))
    assert [path for path, _ in found] == listed  # the name kept beside it
    assert [document for _, document in found] == ["2019/b.txt", "a.txt"]


def test_a_document_that_cannot_be_searched_is_named_by_the_path_its_hits_would_have(
    here: Path,
) -> None:
    """Its hit lines printed ``docs/a.txt:1: ...`` while a document it could not read was
    said as ``tui-reader: c.pdf: ...`` and the output file as ``tui-reader: out.txt: input
    file is also the output``, by its name in the corpus, where grep says ``grep:
    docs/c.pdf: ...``: the line named no file a program run here could open.  Each names the
    path, by the rule its hit lines follow."""
    (here / "docs" / "2019" / "c.pdf").write_bytes(b"%PDF-1.4 not a PDF, the war")
    result = run_cli_here("search", "war", "docs", "--db", here / "db.json", cwd=here)
    assert result.returncode == 2
    (said,) = result.stderr.splitlines()
    assert said.startswith("tui-reader: docs/2019/c.pdf: "), said
    assert (here / said.split(": ")[1]).is_file()
    command = [sys.executable, "-m", "tui_reader", "search", "war", "docs", "--db", "db.json"]
    with (here / "docs" / "out.txt").open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command, cwd=here, stdout=out, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert done.returncode == 2
    assert "tui-reader: docs/out.txt: input file is also the output" in done.stderr, done.stderr


def test_a_subfolder_that_cannot_be_read_is_named_by_the_path_its_hits_would_have(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of the corpus the user may not enter was said as ``tui-reader: 2019/: the
    folder cannot be read``, by its name in the corpus, beside hit lines ``docs/a.txt:1:``,
    where grep says ``grep: docs/2019: Permission denied``: the line named no folder a
    program run here could open (``chmod u+rx 2019``).  It names the path as grep does."""
    folder_refused(monkeypatch, "2019")
    monkeypatch.chdir(here)
    for corpus, said in (("docs", "docs/2019"), (".", "2019")):
        monkeypatch.chdir(here / "docs" if corpus == "." else here)
        assert main(["search", "war", corpus, "--db", str(here / "db.json")]) == 2
        out, err = capsys.readouterr()
        assert out.splitlines() == [
            ("docs/" if corpus == "docs" else "") + "a.txt:1: the war began"
        ]
        assert err.splitlines() == [
            f"tui-reader: {said}: the folder cannot be read (Permission denied); "
            "its documents are not listed"
        ]
        assert (Path.cwd() / said).is_dir()


def _paths_given(
    here: Path, typed: str, document: str
) -> tuple[list[str], list[str], list[str], str]:
    """Run in here, a search war of the corpus typed: its hit lines, the paths -l gives,
    the paths of --json (each sorted), and what a search war of the one document typed prints."""
    db = here / "db.json"
    hits = run_cli_here("search", "war", typed, "--db", db, cwd=here).stdout
    listed = _listed(here, typed)
    in_json = run_cli_here("search", "--json", "war", typed, "--db", db, cwd=here).stdout
    paths = sorted(json.loads(line)["path"] for line in in_json.splitlines())
    one = run_cli_here("search", "war", document, "--db", db, cwd=here).stdout
    return sorted(hits.splitlines()), listed, paths, one


@pytest.mark.parametrize("typed", ["./docs", "./docs/", "../work/docs", "docs/2019/../../docs"])
def test_a_corpus_typed_otherwise_gives_its_paths_as_typed_as_grep_echoes_them(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """``search war ./docs`` printed ``docs/a.txt:1:`` where ``grep -rn war ./docs`` prints
    ``./docs/a.txt:1:``: a script that strips the folder it typed (``${f#./docs/}``), or
    compares the lines with grep's, got names it did not give.  The hit lines, ``-l``,
    ``-lZ``, ``--json``'s path and the line saying a folder cannot be read begin with the
    folder as typed, as grep's (the current folder, ``.``, still gives the names alone)."""
    prefix = typed.rstrip("/") + "/"
    a, b = f"{prefix}a.txt", f"{prefix}2019/b.txt"
    db = here / "db.json"
    hits, listed, in_json, one = _paths_given(here, typed, f"{prefix}a.txt")
    assert hits == [f"{b}:1: after the war", f"{a}:1: the war began"]
    assert listed == [b, a]
    assert in_json == [b, a]
    assert one == f"{a}:1: the war began\n"
    result = run_cli_here("search", "-lZ", "war", typed, "--db", db, cwd=here)
    assert sorted(result.stdout.split("\0")) == ["", b, a]
    folder_refused(monkeypatch, "2019")
    monkeypatch.chdir(here)
    assert main(["search", "war", typed, "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert out == f"{a}:1: the war began\n"
    assert err == (
        f"tui-reader: {prefix}2019: the folder cannot be read (Permission denied); "
        "its documents are not listed\n"
    )


@pytest.mark.parametrize("whole", [False, True])
def test_a_corpus_typed_as_a_link_to_its_folder_gives_its_paths_as_typed(
    here: Path, whole: bool
) -> None:
    """``search war linked``, ``linked`` a link to ``docs``, printed ``docs/a.txt:1:`` (and a
    link typed by its whole path, or one to a folder outside the current one, the folder's
    own whole path) where ``grep -rn war linked`` prints ``linked/a.txt:1:``: a script that
    strips the folder it typed got paths it did not give."""
    (here / "linked").symlink_to(here / "docs", target_is_directory=True)
    typed = str(here / "linked") if whole else "linked"
    a, b = f"{typed}/a.txt", f"{typed}/2019/b.txt"
    hits, listed, in_json, one = _paths_given(here, typed, f"{typed}/a.txt")
    assert hits == [f"{b}:1: after the war", f"{a}:1: the war began"]
    assert listed == [b, a]
    assert in_json == [b, a]
    assert one == f"{a}:1: the war began\n"
