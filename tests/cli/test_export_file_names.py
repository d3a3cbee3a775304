"""The JSON and project exports name each document by its file's own name, whatever it holds
(a tab, a control, DEL, a bidi override), written as JSON escapes: a terminal shown the
export gets no control, a program reading it the very name."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from helpers.hostile import run_cli_here

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

NAMES = ["a\tb.txt", "esc\x1b[31m.txt", "del\x7f.txt", "bidi\u202e.txt"]


@pytest.mark.parametrize("fmt", ["json", "project"])
def test_an_export_names_each_file_as_it_is(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in NAMES:
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    with AnnotationStore(db, read_only=True, coder="") as store:
        keys = sorted(store.documents())
    out = tmp_path / f"out.{fmt}.json"
    argv = ["export", str(corpus), "--db", str(db), "--format", fmt, "-o", str(out)]
    assert main(argv) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert not any(c in text for c in "\t\x1b\x7f\u202e")  # escaped, never raw
    data = json.loads(text)
    records = data["annotations"] if fmt == "project" else data
    assert sorted(r["document"] for r in records) == keys


def test_a_w3c_export_carries_each_file_s_own_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """W3C's ``documentKey`` (what a colleague's merge names the document by) is the key
    itself, as its ``source`` IRI names the file itself."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in NAMES:
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    with AnnotationStore(db, read_only=True, coder="") as store:
        keys = sorted(store.documents())
    out = tmp_path / "out.jsonld"
    assert main(["export", str(corpus), "--db", str(db), "-f", "w3c", "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert not any(c in text for c in "\t\x1b\x7f\u202e")
    items = json.loads(text)["first"]["items"]
    assert sorted(item["documentKey"] for item in items) == keys


def _two_files_a_tab_apart_exported(tmp_path: Path, fmt: str) -> str:
    """``a<tab>b.txt`` and ``a b.txt`` in the corpus ``tmp_path/c``, a passage coded in each,
    exported in ``fmt``: the export's text."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in ("a\tb.txt", "a b.txt"):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    out = tmp_path / "out.txt"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    return out.read_text("utf-8")


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_a_file_named_as_another_is_shown_keeps_its_own_passages(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a b.txt`` beside ``a<tab>b.txt``: the passages of the first are never given to the
    second."""
    data = json.loads(_two_files_a_tab_apart_exported(tmp_path, fmt))
    if fmt == "json":
        named = [r["document"] for r in data]
    else:
        named = [i["documentKey"] for i in data["first"]["items"]]
    assert "c/a b.txt" in named


@pytest.mark.parametrize("fmt", ["json", "w3c", "markdown", "csv"])
def test_two_files_a_tab_apart_are_two_documents_in_an_export(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a b.txt`` and ``a<tab>b.txt``: each its own passages, named apart in every export
    (the tab was written as a space: one document of two files)."""
    text = _two_files_a_tab_apart_exported(tmp_path, fmt)
    if fmt == "json":
        assert sorted(r["document"] for r in json.loads(text)) == ["c/a\tb.txt", "c/a b.txt"]
    elif fmt == "w3c":
        items = json.loads(text)["first"]["items"]
        assert sorted(i["documentKey"] for i in items) == ["c/a\tb.txt", "c/a b.txt"]
    elif fmt == "markdown":
        assert text.count("· 1 annotation ·") == 2 and "(c/a%09b.txt)" in text
    else:
        assert "c/a\u2409b.txt" in text and "c/a b.txt" in text


PICTURED = ["a\tb.txt", "a\u2409b.txt"]  # a tab, and a file named with the tab's picture


@pytest.mark.parametrize("fmt", ["json", "w3c", "project"])
def test_a_file_named_with_a_tab_s_picture_beside_one_with_a_tab_comes_back_on_its_own(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a<tab>b.txt`` beside a file literally named ``a\u2409b.txt``: both were written
    ``a\u2409b.txt``, and an import put the passages of both on the second file.  Each is named
    by its own name, and comes back on its own file."""
    corpus, db = _coded(tmp_path, PICTURED)
    out = tmp_path / "out.json"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    again = tmp_path / "again.json"
    assert main(["import", "--db", str(again), "--corpus", str(corpus), str(out)]) == 0
    capsys.readouterr()

    def placed(path: Path) -> list[tuple[str, str]]:
        with AnnotationStore(path, read_only=True, coder="") as store:
            return sorted((a.document, a.quote + a.suffix) for a in store.annotations())

    assert placed(again) == placed(db)
    assert len({document for document, _ in placed(again)}) == 2


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_a_file_named_with_a_tab_s_picture_is_written_apart_from_one_with_a_tab(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text formats show a tab as its picture: a picture in a file's own name is written
    as its escape, so the two files are never written alike."""
    corpus, db = _coded(tmp_path, PICTURED)
    out = tmp_path / "out.txt"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        assert sorted(r["document"] for r in rows) == ["c/a\\u2409b.txt", "c/a\u2409b.txt"]
    else:
        assert text.count("· 1 annotation ·") == 2 and "(c/a%09b.txt)" in text
        assert "Source: [c/a\u2409b.txt]" in text and "Source: [c/a\\u2409b.txt]" in text


ESCAPED = ["a\x80b.txt", "a\\u0080b.txt"]  # U+0080, and a file named with its escape


@pytest.mark.parametrize("fmt", ["json", "w3c", "project", "csv"])
def test_a_file_named_with_an_escape_beside_the_file_it_stands_for_comes_back_on_its_own(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file literally named ``a\\u0080b.txt`` beside ``a<U+0080>b.txt``: the exports
    wrote both ``a\\u0080b.txt`` (the second through the export gate, the first as it is),
    and an import put the passages of both on the first.  The gate writes a backslash as
    two now: each comes back on its own file."""
    corpus, db = _coded(tmp_path, ESCAPED)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    again = tmp_path / "again.json"
    assert main(["import", "--db", str(again), "--corpus", str(corpus), str(out)]) == 0
    capsys.readouterr()

    def placed(path: Path) -> list[tuple[str, str]]:
        with AnnotationStore(path, read_only=True, coder="") as store:
            return sorted((a.document, a.quote + a.suffix) for a in store.annotations())

    assert placed(again) == placed(db)
    assert len({document for document, _ in placed(again)}) == 2
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8").lstrip("\ufeff"))))
        assert sorted(r["document"] for r in rows) == ["c/a\\\\u0080b.txt", "c/a\\u0080b.txt"]


def test_a_markdown_export_writes_a_file_named_with_an_escape_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _coded(tmp_path, ESCAPED)
    out = tmp_path / "out.md"
    assert main(["export", str(corpus), "--db", str(db), "-f", "markdown", "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert text.count("· 1 annotation ·") == 2
    # Markdown escapes the first of the two backslashes: the reader sees a\\u0080b.txt
    assert "Source: [c/a\\u0080b.txt]" in text and "Source: [c/a\\\\\\u0080b.txt]" in text


# Names that differ only in a character with no picture of its own: each was written "a�b.txt"
# (and DEL "a␡b.txt", the name of the last file) in every export.
APART = ["a\x80b.txt", "a\x81b.txt", "a\u202eb.txt", "a\u202db.txt", "a\x7fb.txt", "a\u2421b.txt"]


def _coded(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in names:
        (corpus / name).write_text(f"Some text about {name!a}.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "Some", "--tag", "t"]) == 0
    return corpus, db


@pytest.mark.parametrize("fmt", ["json", "w3c", "markdown", "csv", "qdpx"])
def test_files_apart_by_a_control_or_bidi_character_stay_apart_in_an_export(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each name is written apart from the others (the JSON formats: as it is, escaped; the
    text formats: each such character as its escape), no bidi control raw."""
    corpus, db = _coded(tmp_path, APART)
    out = tmp_path / "out.txt"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    capsys.readouterr()
    if fmt == "qdpx":
        with zipfile.ZipFile(out) as project:
            text = project.read("project.qde").decode("utf-8")
        names = re.findall(r'<TextSource [^>]*name="([^"]*)"', text)
        escaped = ["a\\u0080b.txt", "a\\u0081b.txt", "a\\u202eb.txt", "a\\u202db.txt"]
        assert sorted(names) == sorted([*escaped, "a\\u007fb.txt", "a\u2421b.txt"])
        return
    text = out.read_text("utf-8")
    assert not any(c in text for c in "\x7f\x80\x81\u202e\u202d")
    if fmt == "json":
        assert sorted(r["document"] for r in json.loads(text)) == sorted(f"c/{n}" for n in APART)
    elif fmt == "w3c":
        items = json.loads(text)["first"]["items"]
        assert sorted(i["documentKey"] for i in items) == sorted(f"c/{n}" for n in APART)
        assert len({i["target"]["source"] for i in items}) == len(APART)
    else:
        assert text.count("\ufffd") == 0
        for written in ("\\u0080", "\\u0081", "\\u202e", "\\u202d", "\\u007f", "\u2421"):
            assert f"c/a{written}b.txt" in text


def test_a_project_export_of_files_apart_by_a_control_comes_back_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export the project, import it into an empty database: every passage, memo and
    attribute on its own file (a memo on a file with no passage was put on ``a b.txt``,
    beside ``a<tab>b.txt``, or two memos made one)."""
    corpus, db = _coded(tmp_path, APART)
    for name in ("a b.txt", "a\tb.txt"):
        (corpus / name).write_text("Other text.\n", "utf-8")
    for name in ("a\tb.txt", "a\x80b.txt", "a\x81b.txt"):
        given = ["--db", str(db), "--corpus", str(corpus)]
        assert main(["memo", "add", *given, "--doc", name, f"memo of {name!a}"]) == 0
        assert main(["attr", "set", *given, name, f"k={name!a}"]) == 0
    out = tmp_path / "out.json"
    assert main(["export", str(corpus), "--db", str(db), "-f", "project", "-o", str(out)]) == 0
    again = tmp_path / "again.json"
    assert main(["import", "--db", str(again), str(out)]) == 0
    capsys.readouterr()
    with (
        AnnotationStore(db, read_only=True, coder="") as ours,
        AnnotationStore(again, read_only=True, coder="") as theirs,
    ):
        assert sorted(theirs.documents()) == sorted(ours.documents())
    back = tmp_path / "back.json"
    assert main(["export", str(corpus), "--db", str(again), "-f", "project", "-o", str(back)]) == 0
    capsys.readouterr()
    assert json.loads(back.read_text("utf-8")) == json.loads(out.read_text("utf-8"))
    memos = json.loads(out.read_text("utf-8"))["memos"]
    assert sorted(m["target"] for m in memos) == ["c/a\tb.txt", "c/a\x80b.txt", "c/a\x81b.txt"]


@pytest.mark.skipif(os.name == "nt", reason="a file name of bytes that are no UTF-8: POSIX")
def test_files_named_in_bytes_that_are_no_utf8_come_back_from_a_csv_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``caf<E9>.txt`` and ``caf<E8>.txt`` (Latin-1 names) were both written ``caf�.txt`` in
    the CSV and Markdown exports; each is written by its byte (``caf\\xe9.txt``) and a CSV
    import puts each passage back on its own file."""
    names = [os.fsdecode(b"caf\xe9.txt"), os.fsdecode(b"caf\xe8.txt")]
    corpus, db = _coded(tmp_path, names)
    out = tmp_path / "out.csv"
    assert main(["export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "c/caf\\xe9.txt" in text and "c/caf\\xe8.txt" in text and "\ufffd" not in text
    again = tmp_path / "again.json"
    assert main(["import", "--db", str(again), "--corpus", str(corpus), str(out)]) == 0
    capsys.readouterr()
    with (
        AnnotationStore(db, read_only=True, coder="") as ours,
        AnnotationStore(again, read_only=True, coder="") as theirs,
    ):
        assert sorted(theirs.documents()) == sorted(ours.documents())
        assert {(a.document, a.quote) for a in theirs.annotations()} == {
            (a.document, a.quote) for a in ours.annotations()
        }


@pytest.mark.skipif(os.name == "nt", reason="a file name of bytes that are no UTF-8: POSIX")
@pytest.mark.parametrize("fmt", ["json", "w3c", "project"])
@pytest.mark.parametrize(
    "names", [[os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"], ESCAPED], ids=["latin1", "u0080"]
)
def test_files_named_alike_come_back_apart_when_the_export_does_not_read_them(
    fmt: str, names: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Latin-1 ``caf<E9>.txt`` beside a file literally named ``caf\\xe9.txt``, exported
    when their files are not read (gone, or outside the corpus the export looks at): the
    first was written ``caf\\xe9.txt`` with no bytes beside it, the second's backslash
    doubled, and an import put the first's passages on the second file and the second's on
    a file that is no one's.  Each is written as its own name now, and comes back on it."""
    corpus, db = _coded(tmp_path, names)
    for name in names:
        (corpus / name).unlink()  # their files gone: the export reads neither
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    again = tmp_path / "again.json"
    assert main(["import", "--db", str(again), "--corpus", str(corpus), str(out)]) == 0
    capsys.readouterr()

    def placed(path: Path) -> list[tuple[str, str]]:
        with AnnotationStore(path, read_only=True, coder="") as store:
            return sorted((a.document, a.suffix) for a in store.annotations())

    assert placed(again) == placed(db)
    assert len({document for document, _ in placed(again)}) == 2


@pytest.mark.parametrize("command", [["export"], ["query", "h"]], ids=" ".join)
def test_the_selection_names_a_document_as_its_passages_do(
    tmp_path: Path, command: list[str]
) -> None:
    """``export --doc`` (or ``query --doc``) of a file whose name holds a line feed wrote its
    Markdown's header "Selection: documents c/two⏎lines.txt" above passages whose source is
    ``c/two␊lines.txt``: one file named two ways in one note."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "two\nlines.txt").write_text("Hello there.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    made = run_cli_here("annotate", "c/two\nlines.txt", "--quote", "Hello", "-t", "h",
                        "--db", db, cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    done = run_cli_here(*command, "--doc", "c/two\nlines.txt", "--corpus", "c", "--db", db,
                        cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    (selection,) = [line for line in done.stdout.splitlines() if line.startswith("Selection:")]
    assert selection.endswith("documents c/two␊lines.txt"), selection
    assert "Source: [c/two␊lines.txt]" in done.stdout


@pytest.mark.parametrize("by", ["document", "tag"])
def test_a_name_or_title_holding_a_bracket_is_cited_by_a_link_to_its_own_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    """A file named ``x](javascript:alert(1)).md`` was cited as
    ``[x](javascript:alert(1)).md](x%5D...)``, and a web page titled ``y](javascript:...)``
    so by tag: links to the script, none to the file.  Each is now one link, to its file."""
    from markdown_it import MarkdownIt

    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    (corpus / "x](javascript:alert(1)).md").write_text("Some text.\n", "utf-8")
    (corpus / "page.html").write_text(
        "<html><head><title>y](javascript:alert(2))</title></head>"
        "<body><article><p>Some words of the page.</p></article></body></html>",
        "utf-8",
    )
    for name in ("x](javascript:alert(1)).md", "page.html"):
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "Some", "--tag", "t"]) == 0
    out = tmp_path / "out.md"
    assert main(["export", str(corpus), "--db", str(db), "--by", by, "-o", str(out)]) == 0
    capsys.readouterr()
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda _url: True  # as a renderer taking any address does
    links = [
        (str(token.attrGet("href")), "".join(t.content for t in inline.children[i + 1 : i + 3]))
        for inline in parser.parse(out.read_text("utf-8"))
        if inline.type == "inline" and inline.children
        for i, token in enumerate(inline.children)
        if token.type == "link_open"
    ]
    assert links and not [href for href, _ in links if "javascript" in href.partition("%")[0]]
    hrefs = {href for href, _ in links}
    assert {"c/x%5D%28javascript%3Aalert%281%29%29.md", "c/page.html"} <= hrefs, links
