"""`tui-reader search` prints hits as grep does; `tui-reader list` shares the library's facts
cache (a second listing reads no unchanged document) and never trusts it over the files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.texts import rewritten_keeping_time

import tui_reader.core.documents.catalog as catalog
from tui_reader.cli.main import main
from tui_reader.core.search import user_pattern


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("The army moved.\n\nThen the Army left\nthe army came back\n")
    (corpus / "sub" / "b.md").write_text("# Notes on the army\n\nNothing *here*.\n")
    (corpus / "c.txt").write_text("no soldiers at all\n")
    return corpus


def test_search_prints_document_line_context(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = _corpus(tmp_path)
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "army", ".", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["a.txt:1", "a.txt:4", "sub/b.md:1"]
    assert lines[0] == "a.txt:1: The army moved."  # the source line, as grep shows it
    assert main(["search", "-i", "army", ".", "--db", db, "-l"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a.txt", "sub/b.md"]  # as the hit lines
    assert main(["search", "--regex", r"arm(y|ies) \w+", ".", "--db", db, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["document"], r["line"], r["match"]) for r in records] == [
        ("a.txt", 1, "army moved"), ("a.txt", 4, "army came"),
    ]  # fmt: skip
    assert main(["search", "zebra", ".", "--db", db]) == 1  # no hit, as grep
    assert main(["search", "--regex", "(", ".", "--db", db]) == 2
    assert "not a regular expression" in capsys.readouterr().err


def test_regex_lines_start_and_end_as_greps(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = _corpus(tmp_path)
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "--regex", "^the army", ".", "--db", db]) == 0
    assert [line.split(": ")[0] for line in capsys.readouterr().out.splitlines()] == ["a.txt:4"]
    assert main(["search", "--regex", "-i", "army$", ".", "--db", db]) == 0
    found = [line.split(": ")[0] for line in capsys.readouterr().out.splitlines()]
    assert found == ["sub/b.md:1"]  # grep -in 'army$': the same lines
    if shutil.which("grep"):
        grep = subprocess.run(
            ["grep", "-rin", "army$", "."], cwd=corpus, capture_output=True, text=True, timeout=120
        )
        assert sorted(line.split(":")[0].removeprefix("./") + ":" + line.split(":")[1]
                      for line in grep.stdout.splitlines()) == found  # fmt: skip


def test_a_regex_that_backtracks_without_end_is_one_line_and_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(user_pattern, "MATCH_SECONDS", 0.2)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("a" * 60 + "!\n")  # Python's re: hours on this line
    db = str(tmp_path / "db.json")
    assert main(["search", "--regex", "(a|aa)+$", str(corpus), "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "takes too long" in err and "(a|aa)+$" in err


def test_list_reads_each_unchanged_document_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    db = str(tmp_path / "db.json")
    assert main(["list", str(corpus), "--db", db, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in first] == ["a.txt", "c.txt", "sub/b.md"]
    assert first[2]["title"] == "Notes on the army" and first[0]["sha256"]

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("read a document the cache knows")

    monkeypatch.setattr(catalog, "quick_facts_text_and_raw", no_reading)
    assert main(["list", str(corpus), "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    monkeypatch.undo()
    (corpus / "c.txt").write_text("A different first line now\n\nmore words here\n")
    assert main(["list", str(corpus), "--db", db, "--json"]) == 0
    changed = json.loads(capsys.readouterr().out)
    assert changed[1]["title"] == "A different first line now" and changed[1]["words"] == 8


def test_list_reads_anew_a_file_rewritten_to_the_same_size_with_its_old_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    db = str(tmp_path / "db.json")
    assert main(["list", str(corpus), "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[1]["title"] == "no soldiers at all"
    rewritten_keeping_time(corpus / "c.txt", "Garden plots north\n")  # cp -p, touch -r
    assert main(["list", str(corpus), "--db", db, "--json"]) == 0
    changed = json.loads(capsys.readouterr().out)[1]
    assert changed["title"] == "Garden plots north" and changed["words"] == 3


def test_a_long_line_is_cut_around_the_hit() -> None:
    from tui_reader.core.search.hits import line_context

    text = "first line\n" + "x" * 300 + " needle " + "y" * 300 + "\nlast"
    start = text.index("needle")
    context = line_context(text, start, start + 6, width=40)
    assert context.startswith("…") and context.endswith("…") and "needle" in context
    assert len(context) <= 42 and "\n" not in context
    assert line_context("a needle b", 2, 8) == "a needle b"
