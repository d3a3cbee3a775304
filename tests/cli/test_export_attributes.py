"""Documents' attributes in the exports: a value from a spreadsheet that holds an escape
sequence or a bidi override is written through the export gate, and the attributes of a file
whose name the gate writes otherwise (a tab, a bidi control in it) are written with its
passages."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main

ODD = "r\u202eevil\tx.txt"


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in ("plain.txt", ODD):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        at = ["--db", str(db), "--corpus", str(corpus)]
        assert main(["annotate", *at, name, "--quote", "things", "--tag", "t"]) == 0
    at = ["attr", "set", "--db", str(db), "--corpus", str(corpus)]
    assert main([*at, "plain.txt", "region=\x1b]0;owned\x07north\u202e"]) == 0
    assert main([*at, ODD, "region=south", "year=2020"]) == 0
    return corpus, db


@pytest.mark.parametrize("fmt", ["csv", "markdown", "project", "qdpx"])
def test_attributes_are_written_through_the_gate_and_with_their_document(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _corpus(tmp_path)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    capsys.readouterr()
    if fmt == "qdpx":
        with zipfile.ZipFile(out) as project:
            text = project.read("project.qde").decode("utf-8")
    else:
        text = out.read_text("utf-8")
    assert not any(c in text for c in "\x1b\x07\u202e")  # nothing a terminal acts on
    if fmt == "csv":
        rows = {r["document"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
        assert rows["c/r\\u202eevil\u2409x.txt"]["region"] == "south"  # it was empty
        assert rows["c/r\\u202eevil\u2409x.txt"]["year"] == "2020"
        assert rows["c/plain.txt"]["region"] == "\u241b]0;owned\u2407north\ufffd"
    elif fmt == "markdown":
        # the file's own name, as the project names it, its controls as their escapes
        assert '"c/r\\u202eevil\\tx.txt":\n    "region": "south"\n    "year": 2020' in text
    elif fmt == "project":
        attributes = json.loads(text)["attributes"]
        assert attributes[f"c/{ODD}"] == {"region": "south", "year": 2020}
    else:
        # each source one of each variable, plain's year without a value
        assert text.count("<VariableValue>") == 4
        assert len(re.findall("<(?:Text|Integer)Value>", text)) == 3  # the odd file's two


def test_a_project_of_plain_names_writes_an_attribute_s_bidi_override_as_its_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Escapes were written only when a file's name needed them: a value's override was raw."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text.\n", "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "Some", "--tag", "t"]) == 0
    assert main(["attr", "set", *at, "a.txt", "site=exe.\u202etxt"]) == 0
    out = tmp_path / "out.json"
    assert main(["export", str(corpus), "--db", str(db), "-f", "project", "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert "\u202e" not in text and "\\u202e" in text
    assert json.loads(text)["attributes"] == {"c/a.txt": {"site": "exe.\u202etxt"}}


@pytest.mark.parametrize("fmt", ["csv", "qdpx", "project"])
def test_a_text_attribute_of_two_lines_comes_back_with_its_lines(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value of two lines (a spreadsheet's cell, kept so by attr set and attr import) was
    written by the CSV and REFI-QDA exports as one line with a mark for its break ('two⏎
    lines'), and came back so: imported into an empty database it was another value."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text about the things.\n", "utf-8")
    db, theirs, out = tmp_path / "db.json", tmp_path / "theirs.json", tmp_path / f"out.{fmt}"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "things", "--tag", "t"]) == 0
    assert main(["attr", "set", *at, "a.txt", "summary=two\nlines", "bell=a\x07b"]) == 0
    assert main(["export", *at, "-f", fmt, "-o", str(out)]) == 0
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", "--db", str(theirs), "--corpus", str(corpus)]) == 0
    (values,) = json.loads(capsys.readouterr().out).values()
    # a control is its picture, as the gate writes it, but in the project (JSON: exact)
    bell = "a\x07b" if fmt == "project" else "a\u2407b"
    assert values == {"summary": "two\nlines", "bell": bell}


@pytest.mark.parametrize("fmt", ["csv", "project"])
def test_a_document_named_and_coded_nowhere_is_exported_with_its_attributes_and_memo(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export --doc b.txt, an interview not coded yet, wrote neither its attributes nor its
    memo: only the documents of the passages chosen were looked at."""
    corpus, db = _corpus(tmp_path)
    (corpus / "b.txt").write_text("Not coded yet.\n", "utf-8")
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *at, "b.txt", "year=2019"]) == 0
    assert main(["memo", "add", *at, "--doc", "b.txt", "first visit"]) == 0
    capsys.readouterr()
    assert main(["export", *at, "-f", fmt, "--doc", "b.txt"]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
        assert [(r["document"], r["content"], r["year"]) for r in rows] == [("c/b.txt", "", "2019")]
        return
    project = json.loads(out)
    assert project["attributes"] == {"c/b.txt": {"year": 2019}}
    assert [(m["target"], m["text"].strip()) for m in project["memos"]] == [
        ("c/b.txt", "first visit")
    ]


@pytest.mark.parametrize("selection", [["--doc", "b.txt"], [], ["--tag", "t"]])
def test_the_markdown_front_matter_holds_a_document_coded_nowhere(
    selection: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown export's front matter left out the attributes of a document with no
    passage, one named with --doc too, which the CSV and project exports carry; with --tag
    (passages of codes asked for) it is left out, as the CSV's row is.  A note of one
    document (--doc) has them as its own properties."""
    corpus, db = _corpus(tmp_path)
    (corpus / "b.txt").write_text("Not coded yet.\n", "utf-8")
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *at, "b.txt", "year=2019"]) == 0
    capsys.readouterr()
    assert main(["export", *at, "-f", "markdown", *selection]) == 0
    out = capsys.readouterr().out
    head = out.split("\n---\n", 1)[0] if out.startswith("---\n") else ""
    entry = '  "c/b.txt":\n    "year": 2019\n'
    if selection[:1] == ["--doc"]:
        assert head + "\n" == '---\n"tui-reader": "export"\n"year": 2019\n', out
    elif selection[:1] == ["--tag"]:
        assert entry not in head and '"c/plain.txt"' in head, out
    else:
        assert entry in head + "\n", out
        assert ('"c/plain.txt"' in head) == (not selection), out


def test_an_attribute_typed_in_another_case_takes_the_spelling_the_corpus_gives_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set b.txt Country=Peru, where the other documents hold country, or a spreadsheet
    whose header reads COUNTRY, made a second attribute: one to a query and a report, which
    read names case aside, but two columns of the CSV export (Country, country), two
    variables of a REFI-QDA project, and two names in attr list.  A name the document does
    not hold takes the spelling the other documents give it."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
    at = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "things", "--tag", "t"]) == 0
    assert main(["annotate", *at, "b.txt", "--quote", "things", "--tag", "t"]) == 0
    assert main(["attr", "set", *at, "a.txt", "country=Mexico"]) == 0
    assert main(["attr", "set", *at, "b.txt", "Country=Peru"]) == 0
    (tmp_path / "sheet.csv").write_text("document,COUNTRY\nc.txt,Chile\n", "utf-8")
    assert main(["attr", "import", *at, str(tmp_path / "sheet.csv")]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", *at]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "c/a.txt": {"country": "Mexico"},
        "c/b.txt": {"country": "Peru"},
        "c/c.txt": {"country": "Chile"},
    }
    assert main(["export", "-f", "csv-raw", *at]) == 0
    header = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert header[-1:] == ["country"] and "Country" not in header


def test_an_attribute_held_in_two_spellings_is_one_column_and_one_variable_as_a_query_has_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database from before the store took the corpus's spelling of a name holds Country
    on one document and country on others: a query and a report take them as one attribute,
    but export -f csv gave two columns (Country, country), each half empty, and the REFI-QDA
    project two variables.  Both now give one, spelled as most documents spell it, as query
    --format csv's columns; a document holding both keeps the value of that spelling."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    for name in ("a.txt", "b.txt", "c.txt"):
        assert main(["annotate", *at, name, "--quote", "things", "--tag", "t"]) == 0
    for name, country in (
        ("a.txt", "Mexico"),
        ("b.txt", "Peru"),
        ("c.txt", "Chile"),
        ("d.txt", "Bolivia"),
    ):
        assert main(["attr", "set", *at, name, f"country={country}"]) == 0
    # as an older version wrote it: b.txt's spelled Country, c.txt holding both
    records = json.loads(db.read_text("utf-8"))
    for record in records["attributes"].values():
        if record["document"] == "c/b.txt":
            record["values"] = {"Country": "Peru"}
        elif record["document"] == "c/c.txt":
            record["values"] = {"Country": "Chili", "country": "Chile"}
    db.write_text(json.dumps(records), "utf-8")
    capsys.readouterr()
    assert main(["export", "-f", "csv-raw", *at]) == 0
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert main(["query", "t", "--format", "csv", *at]) == 0
    queried = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert (exported[3]["document"], exported[3]["country"]) == ("c/d.txt", "Bolivia")
    for rows in (exported, queried):
        assert list(rows[0])[-1:] == ["country"] and "Country" not in rows[0]
        assert [(r["document"], r["country"]) for r in rows[:3]] == [
            ("c/a.txt", "Mexico"),
            ("c/b.txt", "Peru"),
            ("c/c.txt", "Chile"),
        ]
    out = tmp_path / "out.qdpx"
    assert main(["export", "-f", "qdpx", *at, "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as project:
        text = project.read("project.qde").decode("utf-8")
    assert text.count("<Variable ") == 1 and 'name="country"' in text
    assert text.count("<VariableValue>") == 4


@pytest.mark.parametrize("command", ["query", "export"])
def test_a_csv_of_some_passages_has_a_column_for_every_attribute_of_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """query x --format csv had a column for the attributes of the documents it matched alone:
    query x gave ...,updated,country and query y ...,updated,wave, so a script that stacks the
    results of several queries, or reads a column by its place, met another header each time
    (export --doc, or of one file, likewise), where a whole export has every attribute.  The
    columns are now every attribute of the database's documents, those of documents not in
    the result left empty."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text about the things.\n", "utf-8")
    (corpus / "b.txt").write_text("Other words on the stuff.\n", "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "things", "--tag", "x"]) == 0
    assert main(["annotate", *at, "b.txt", "--quote", "stuff", "--tag", "y"]) == 0
    assert main(["attr", "set", *at, "a.txt", "country=Mexico"]) == 0
    assert main(["attr", "set", *at, "b.txt", "wave=2"]) == 0
    capsys.readouterr()
    headers = []
    for code, document in (("x", "a.txt"), ("y", "b.txt")):
        if command == "query":
            assert main(["query", code, "--format", "csv", *at]) == 0
        else:
            assert main(["export", "-f", "csv", "--doc", document, *at]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
        assert len(rows) == 1
        headers.append(list(rows[0])[-2:])
        assert rows[0]["country" if code == "x" else "wave"] in ("Mexico", "2")
        assert rows[0]["wave" if code == "x" else "country"] == ""
    assert headers == [["country", "wave"], ["country", "wave"]]


def test_the_markdown_front_matter_names_each_document_as_the_json_export_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose name holds a control character (an escape, a tab) was named in the front
    matter by the picture a reader is shown ("esc␛[31m.txt"), a name no file has, where the
    JSON, project and W3C exports name it as it is: a script reading the front matter found
    no such document.  It is the JSON's name, the control written as its YAML escape (no raw
    control character), and a byte that is no UTF-8 as the JSON writes it."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    names = ["esc\x1b[31m.txt", "tab\there.txt", "l\udce9on.txt", "a: b #c.txt"]
    at = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for n, name in enumerate(names):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        assert main(["annotate", *at, str(corpus / name), "--quote", "things", "-t", "t"]) == 0
        assert main(["attr", "set", *at, str(corpus / name), f"wave={n}"]) == 0
    capsys.readouterr()
    assert main(["export", *at, "-f", "json"]) == 0
    documents = {r["document"] for r in json.loads(capsys.readouterr().out)}
    assert main(["export", *at, "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    head = out[: out.index("\n---\n", 4)]
    assert not any(ord(c) < 0x20 and c != "\n" for c in head), head
    keys = [line.strip().removesuffix(":") for line in head.splitlines()[3:] if line[3] != " "]
    # (YAML reads a double-quoted string with JSON's escapes as JSON does)
    assert (
        {json.loads(key) for key in keys}
        == documents
        == {"c/esc\x1b[31m.txt", "c/tab\there.txt", "c/l\\xe9on.txt", "c/a: b #c.txt"}
    )
