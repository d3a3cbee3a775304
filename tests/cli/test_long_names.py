"""``-t "$(python3 -c 'print("x"*100000)')"``: a 100,000-character code (or attribute name)
was taken, and every CSV header and ``tags`` line carried it since.  It is refused in one
short line, nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.mark.parametrize(
    "argv",
    [
        ["annotate", "{doc}", "--quote", "Some", "-t", "x" * 100_000],
        ["autocode", "Some", "{doc}", "-t", "a/" + "x" * 300],
        ["tags", "rename", "t", "x" * 1001],
        ["attr", "set", "{doc}", "k" * 100_000 + "=1"],
    ],
    ids=["annotate", "autocode", "rename", "attr"],
)
def test_a_name_too_long_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Some text.\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["annotate", str(doc), "--quote", "text", "-t", "t", *db]) == 0
    capsys.readouterr()
    assert main([*(a.format(doc=doc) for a in argv), *db]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and len(err) < 250, err[:300]
    assert "characters" in err
    assert main(["tags", *db]) == 0
    assert capsys.readouterr().out == "     1  t\n"


LONG = "a" * 100_000 + "z"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["autocode", LONG, "{corpus}", "-t", "t"], "no match for the text 'aaa"),
        (["annotate", "{doc}", "--quote", LONG, "-t", "t"], "a.txt: quote not found: 'aaa"),
        (["tags", "rename", LONG, "b"], "no tag named 'aaa"),
        (["export", "{corpus}", "--tag", LONG], "no annotation has the tag 'aaa"),
    ],
    ids=["autocode", "annotate", "rename", "export"],
)
def test_a_long_value_typed_is_said_by_its_two_ends_in_a_short_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """A pattern, a quote, a code or a document name of 100,000 characters that is not found
    was quoted whole: one line of 100,000 characters on the terminal.  Its two ends are."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    doc = corpus / "a.txt"
    doc.write_text("Some text.\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["annotate", str(doc), "--quote", "text", "-t", "t", *db]) == 0
    capsys.readouterr()
    given = [a.format(doc=doc, corpus=corpus) if "{" in a[:1] else a for a in argv]
    main([*given, *db])
    err = capsys.readouterr().err
    [line] = [line for line in err.splitlines() if said in line]
    assert len(line) < 400 and "z'" in line, line


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "{name}"],
        ["search", "Some", "{name}"],
        ["memo", "add", "--doc", "{name}", "x", "--corpus", "{corpus}"],
        ["export", "{corpus}", "--doc", "{name}"],
        ["merge", "{name}"],
    ],
    ids=["list", "search", "memo", "export", "merge"],
)
def test_a_name_too_long_for_a_file_is_said_so_not_a_failed_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A name longer than any file's (a paste taken for a path) was said 'NAME: could not
    write (File name too long)', by list and search too, which write nothing: the name is
    said with the system's words, as grep says it."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text.\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["annotate", str(corpus / "a.txt"), "--quote", "text", "-t", "t", *db]) == 0
    capsys.readouterr()
    name = "n" * 5000
    assert main([*(a.format(name=name, corpus=corpus) for a in argv), *db]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tui-reader: ") and err.endswith("n: File name too long\n"), err[-200:]
    assert "could not write" not in err and err.count("\n") == 1 and len(err) < 500


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "{doc}"],
        ["search", "Some", "{doc}"],
        ["memo", "add", "--doc", "{doc}", "x", "--corpus", "{corpus}"],
    ],
    ids=["list", "search", "memo"],
)
def test_a_file_in_a_folder_not_to_be_entered_is_said_so_not_a_failed_write(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    """A file in a folder the user may not enter (another user's, mode 700) was said
    'could not write (Permission denied)' by list and search, which write nothing.  The
    system's refusal is made here as it makes it (tests may run as root, whom no mode
    stops)."""
    import errno
    import os

    corpus = tmp_path / "c"
    (corpus / "locked").mkdir(parents=True)
    doc = corpus / "locked" / "a.txt"
    db = ["--db", str(tmp_path / "db.json")]
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if f"{os.sep}locked{os.sep}" in os.fsdecode(path):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))  # type: ignore[arg-type]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    assert main([*(a.format(doc=doc, corpus=corpus) for a in argv), *db]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tui-reader: ") and err.endswith("a.txt: Permission denied\n"), err
    assert "could not write" not in err
