"""``tui-reader attr``, ``query`` and ``report`` as a user runs them, on a small corpus."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace

TEXTS = {
    "mx-1.txt": "The army moved to the border.\nTroops stayed for a year.\n",
    "us-1.txt": "Washington sent advisers.\nThe navy patrolled the coast.\n",
}


@pytest.fixture(scope="module")
def _coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus of ``TEXTS`` and a database coding four of its passages, made once for the
    module (by the coder every test is), never written: each test reads a copy (``project``)."""
    folder = tmp_path_factory.mktemp("coded")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = folder / "annotations.json"
    coding = [
        ("mx-1.txt", "army moved", ("militarization",)),
        ("mx-1.txt", "moved to the border", ("security/border", "actors/us")),
        ("us-1.txt", "navy patrolled", ("militarization/navy",)),
        ("us-1.txt", "Washington", ("actors/us",)),
    ]
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TUI_READER_CODER", "tester")
        workspace = Workspace(corpus, db)
        for name, quote, tags in coding:
            key = workspace.key(corpus / name)
            document = workspace.document(key)
            start = document.text.index(quote)
            workspace.store.add(
                make_annotation(
                    key, document.text, start, start + len(quote), document.sha256, tags
                )
            )
        workspace.store.close()
    return corpus, db


@pytest.fixture
def project(_coded: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the coded corpus and its database (the database as a user copies it: its
    file alone), each test's own to change."""
    corpus = Path(shutil.copytree(_coded[0], tmp_path / "corpus"))
    db = Path(shutil.copyfile(_coded[1], tmp_path / "annotations.json"))
    return corpus, db


def tui(project: tuple[Path, Path], *args: str) -> list[str]:
    corpus, db = project
    return [*args, "--corpus", str(corpus), "--db", str(db)]


def test_attr_set_list_unset(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico", "age=34")) == 0
    assert main(tui(project, "attr", "set", "us-1.txt", "country=United States", "age=29")) == 0
    capsys.readouterr()
    assert main(tui(project, "attr", "set", "us-1.txt", "age=old")) == 2
    assert "age holds numbers" in capsys.readouterr().err
    assert main(tui(project, "attr", "list", "--json")) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == {
        "corpus/mx-1.txt": {"country": "Mexico", "age": 34},
        "corpus/us-1.txt": {"country": "United States", "age": 29},
    }
    assert main(tui(project, "attr", "list")) == 0
    assert 'country="United States"' in capsys.readouterr().out
    assert main(tui(project, "attr", "unset", "mx-1.txt", "age")) == 0
    assert main(tui(project, "attr", "list", "mx-1.txt", "--all", "--json")) == 0
    everything = json.loads(capsys.readouterr().out)["corpus/mx-1.txt"]
    assert everything["country"] == "Mexico" and "age" not in everything
    assert everything["format"] == "text" and everything["words"] == 11


def test_attr_set_replaces_a_documents_only_value_of_a_name_whatever_its_type(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """us-1.txt the only document with age, held as a date: age=3 was refused, 'age holds
    dates ...; unset it first to change its type', though no other value of age is there to
    keep a type; the new value replaces the document's own, as a first value is set."""
    assert main(tui(project, "attr", "set", "us-1.txt", "age=2020-01-02")) == 0
    capsys.readouterr()
    assert main(tui(project, "attr", "set", "us-1.txt", "age=3")) == 0
    assert "unset it first" not in capsys.readouterr().err
    assert main(tui(project, "attr", "list", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == {"corpus/us-1.txt": {"age": 3}}
    # another document's date still gives age its type
    assert main(tui(project, "attr", "set", "us-1.txt", "age=2020-01-02")) == 0
    assert main(tui(project, "attr", "set", "mx-1.txt", "age=2021-05-06")) == 0
    capsys.readouterr()
    assert main(tui(project, "attr", "set", "us-1.txt", "age=4")) == 2
    assert "unset it first to change its type" in capsys.readouterr().err


def test_attr_set_refuses_an_attribute_given_twice_and_sets_nothing(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(tui(project, "attr", "set", "mx-1.txt", "year=2019", "country=Mexico",
                    "country=USA")) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "'country' is given twice ('country=Mexico', 'country=USA')" in err
    assert err.count("\n") == 1
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {}


def test_attr_set_keeps_the_stored_spelling_of_a_name(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set mx-1.txt AGE=5 where the document holds age renamed the attribute AGE (its
    report's column, its line in attr list): the value is replaced under age."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "age=34")) == 0
    assert main(tui(project, "attr", "set", "mx-1.txt", "AGE=5")) == 0
    capsys.readouterr()
    assert main(tui(project, "attr", "list", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == {"corpus/mx-1.txt": {"age": 5}}


def test_attr_import_reports_problems(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "cases.csv"
    table.write_text("doc,country,age\nmx-1.txt,Mexico,34\nus-1.txt,USA,3O\nnone.txt,X,1\n")
    assert main(tui(project, "attr", "import", str(table))) == 1
    err = capsys.readouterr().err
    assert "row 3, column age" in err and "none.txt: no such document" in err
    assert "attributes of 2 documents" in err
    store = AnnotationStore(project[1])
    assert store.attributes() == {
        "corpus/mx-1.txt": {"country": "Mexico", "age": 34},
        "corpus/us-1.txt": {"country": "USA"},
    }
    store.close()


def test_attr_import_of_utf8_with_a_stray_byte_says_what_was_done_not_that_it_is_no_utf8(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "not UTF-8; read as utf-8 (1 NUL byte left out)".
    table = tmp_path / "cases.csv"
    table.write_bytes(b"doc,country\nmx-1.txt,M\xc3\xa9xico\x00\nus-1.txt,USA\n")
    assert main(tui(project, "attr", "import", str(table))) == 0
    said = capsys.readouterr().err.splitlines()[0]
    assert said == f"tui-reader: {table}: read as UTF-8 (1 NUL byte left out)"
    table.write_bytes(b"doc,country\nmx-1.txt,M\xe9xico\n")  # Windows-1252, as ever
    assert main(tui(project, "attr", "import", str(table))) == 0
    assert capsys.readouterr().err.startswith(f"tui-reader: {table}: not UTF-8; read as cp1252")


@pytest.mark.parametrize("bom", [b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe"])
def test_attr_import_of_a_byte_order_mark_alone_says_it_is_empty_in_one_line(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], bom: bytes
) -> None:
    # It said "not UTF-8; read as utf-32-le" first: two lines for an empty file.
    table = tmp_path / "cases.csv"
    table.write_bytes(bom)
    assert main(tui(project, "attr", "import", str(table))) == 2
    assert capsys.readouterr().err == f"tui-reader: {table}: the CSV file is empty\n"


def test_attr_import_reads_na_in_a_column_of_numbers_as_no_value_and_says_so_once(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a survey's export: NA where the age is not known made the column text (34 a word, NA
    # an age), and was refused row by row where age held numbers already
    table = tmp_path / "cases.csv"
    table.write_text("doc,age,country\nmx-1.txt,34,NA\nus-1.txt,NA,USA\n")
    assert main(tui(project, "attr", "import", str(table))) == 0
    assert capsys.readouterr().err == (
        f"tui-reader: {table}: 1 cell of 'NA' in columns of numbers or dates read as no value, "
        "as R and pandas read them: nothing set for them\n"
        f"tui-reader: attributes of 2 documents set from {table}\n"
    )
    store = AnnotationStore(project[1])
    assert store.attributes() == {
        "corpus/mx-1.txt": {"age": 34, "country": "NA"},
        "corpus/us-1.txt": {"country": "USA"},
    }
    store.close()


def test_attr_import_takes_documents_written_as_paths(
    project: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A CSV naming its documents ./mx-1.txt, corpus//us-1.txt or as a Windows spreadsheet
    writes a path (corpus\\mx-1.txt) had "no such document" for each row."""
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # no ./us-1.txt nor ./corpus/... here
    table = tmp_path / "cases.csv"
    table.write_text("doc,wave\n./us-1.txt,1\n./corpus//mx-1.txt,2\n")
    assert main(tui(project, "attr", "import", str(table))) == 0, capsys.readouterr().err
    table.write_text("doc,site\n.\\corpus\\mx-1.txt,north\ncorpus/./us-1.txt,south\n")
    assert main(tui(project, "attr", "import", str(table))) == 0, capsys.readouterr().err
    assert main(tui(project, "attr", "set", "./corpus/us-1.txt", "age=3")) == 0
    store = AnnotationStore(project[1])
    assert store.attributes() == {
        "corpus/mx-1.txt": {"wave": 2, "site": "north"},
        "corpus/us-1.txt": {"wave": 1, "site": "south", "age": 3},
    }
    store.close()


def test_attr_setting_what_every_format_gives_says_so(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set DOC words=abc replaced the document's count of words in every query and
    report without a word; it is set, and a line says it stands for the count."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "words=abc", "title=Mine")) == 0
    err = capsys.readouterr().err
    assert err == (
        "tui-reader: words: every document has words, the number of its words; the value set "
        "stands for it in queries and reports (unset words to have it back)\n"
    )
    table = tmp_path / "cases.csv"
    table.write_text("doc,Characters,country\nus-1.txt,12,USA\n")
    assert main(tui(project, "attr", "import", str(table))) == 0
    assert "cases.csv: Characters: every document has characters" in capsys.readouterr().err
    assert main(tui(project, "attr", "set", "us-1.txt", "country=USA")) == 0
    assert capsys.readouterr().err == ""


def test_attr_set_of_a_date_written_as_a_locale_writes_it_says_it_is_text(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set DOC date=15/03/2018 stored the text '15/03/2018' without a word, and every
    date>=2018 left the document out; a line now says it is kept as text, and how to write
    the date (day and month in the order its parts tell, both when they do not)."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "date=15/03/2018", "seen=4.5.2019")) == 0
    assert capsys.readouterr().err == (
        "tui-reader: date=15/03/2018 is kept as text, which no date comparison takes "
        "(date>=2018 leaves it out): write it 2018-03-15\n"
        "tui-reader: seen=4.5.2019 is kept as text, which no date comparison takes "
        "(seen>=2019 leaves it out): write it 2019-05-04\n"
    )
    assert main(tui(project, "attr", "set", "us-1.txt", "date=03/04/2018")) == 0
    assert capsys.readouterr().err == (
        "tui-reader: date=03/04/2018 is kept as text, which no date comparison takes "
        "(date>=2018 leaves it out): write it 2018-04-03 or 2018-03-04\n"
    )
    assert main(tui(project, "attr", "set", "us-1.txt", "date=2018-04-03", "ref=1/2")) == 0
    assert capsys.readouterr().err == ""


def test_attr_import_of_many_rows_gathers_the_documents_once(
    project: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each row's document was looked for among every document gathered anew for it: an
    attribute table of 10,000 documents took over five minutes (quadratic)."""
    corpus, db = project
    for n in range(40):
        folder = corpus / f"part{n % 4}"
        folder.mkdir(exist_ok=True)
        (folder / f"doc{n}.txt").write_text(f"text {n}\n", encoding="utf-8")
    table = tmp_path / "cases.csv"
    rows = [f"doc{n}.txt,{'Mexico' if n % 2 else 'USA'}" for n in range(40)]
    table.write_text("doc,country\n" + "\n".join([*rows, "part1/doc5.txt,Peru"]) + "\n")
    gathered: list[int] = []
    documents = AnnotationStore.documents

    def counted(self: AnnotationStore) -> list[str]:
        gathered.append(1)
        return documents(self)

    monkeypatch.setattr(AnnotationStore, "documents", counted)
    assert main(tui(project, "attr", "import", str(table))) == 1  # doc5 on two rows: said
    assert len(gathered) == 1
    assert "row 42: part1/doc5.txt is the document of row 7 too" in capsys.readouterr().err
    store = AnnotationStore(db)
    kept = store.attributes()
    store.close()
    assert kept["corpus/part1/doc5.txt"] == {"country": "Peru"}
    assert kept["corpus/part2/doc6.txt"] == {"country": "USA"}
    assert len(kept) == 40


def test_attr_import_says_a_document_on_two_rows_and_refuses_a_column_twice(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The later of two values was set without a word: a row pasted twice, or a column
    # copied, and the country a document had in the first was gone.
    table = tmp_path / "cases.csv"
    table.write_text("doc,country\nmx-1.txt,Mexico\ncorpus/mx-1.txt,Peru\n")
    assert main(tui(project, "attr", "import", str(table))) == 1
    err = capsys.readouterr().err
    assert "row 3: corpus/mx-1.txt is the document of row 2 too" in err and "cases.csv" in err
    twice = tmp_path / "twice.csv"
    twice.write_text("doc,country,age,country\nus-1.txt,USA,3,Canada\n")
    assert main(tui(project, "attr", "import", str(twice))) == 2
    err = capsys.readouterr().err
    assert "twice.csv" in err and "country" in err and "twice" in err
    store = AnnotationStore(project[1])
    assert store.attributes() == {"corpus/mx-1.txt": {"country": "Peru"}}
    store.close()


@pytest.mark.parametrize(
    ("encoding", "separator", "said"),
    [
        ("cp1252", ",", "read as cp1252"),
        ("utf-16", "\t", "read as utf-16-le"),
        ("utf-8-sig", ";", ""),
    ],
)
def test_attr_import_reads_a_spreadsheets_csv_in_its_encoding(
    project: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    encoding: str,
    separator: str,
    said: str,
) -> None:
    """A spreadsheet saves "CSV" in the system's code page (Windows-1252 on Windows) and
    "Unicode text" in UTF-16 with tabs: both were refused as "not UTF-8 text".  They are read
    as a text document is, and the encoding is said when it is not UTF-8."""
    table = tmp_path / "cases.csv"
    rows = [["doc", "country", "city"], ["mx-1.txt", "México", "Ciudad Juárez"]]
    table.write_bytes("\r\n".join(separator.join(r) for r in rows).encode(encoding))
    assert main(tui(project, "attr", "import", str(table))) == 0
    err = capsys.readouterr().err
    assert (said in err) if said else "not UTF-8" not in err, err
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {
            "corpus/mx-1.txt": {"country": "México", "city": "Ciudad Juárez"}
        }


def test_query_json_is_exports_records(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico"))
    corpus, db = project
    assert main(["export", str(corpus), "--db", str(db), "--format", "json"]) == 0
    exported = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert main(tui(project, "query", "militarization AND NOT actors/us", "--format", "json")) == 0
    out = capsys.readouterr()
    records = json.loads(out.out)
    assert [r["quote"] for r in records] == ["army moved", "navy patrolled"]
    assert all(r == exported[r["id"]] for r in records)
    assert "2 passages match" in out.err
    assert (
        main(tui(project, "query", "actors", "--where", "country=Mexico", "--format", "json")) == 0
    )
    assert [r["quote"] for r in json.loads(capsys.readouterr().out)] == ["moved to the border"]
    assert main(tui(project, "query", "actors", "--doc", "us-1.txt", "--format", "csv")) == 0
    assert "Washington" in capsys.readouterr().out
    assert main(tui(project, "query", 'text:"the border"')) == 0
    assert "> moved to the border" in capsys.readouterr().out


def test_a_query_s_csv_has_the_attribute_columns_of_the_export_s(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A journalist's timeline (the passages of a query, by the date of their document) had
    no date to sort by: the query's CSV, said to be the export's rows, lacked the columns of
    the documents' attributes that the export's CSV has."""
    main(tui(project, "attr", "set", "mx-1.txt", "date=2024-03-01", "outlet=La Jornada"))
    main(tui(project, "attr", "set", "us-1.txt", "date=2024-03-05"))
    capsys.readouterr()
    assert main(tui(project, "export", "--format", "csv", "-o", "-")) == 0
    exported = {
        (r["\ufeffid"], r["tag"]): r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))
    }
    assert main(tui(project, "query", "militarization", "--format", "csv")) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["content"], r["date"], r["outlet"]) for r in rows] == [
        ("army moved", "2024-03-01", "La Jornada"),
        ("navy patrolled", "2024-03-05", ""),
    ]
    assert all(r == exported[r["\ufeffid"], r["tag"]] for r in rows)


def test_a_where_not_equal_keeps_the_documents_without_the_attribute(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--where 'age!=30'`` left out us-1.txt, which has no age: it is not 30."""
    main(tui(project, "attr", "set", "mx-1.txt", "age=30"))
    capsys.readouterr()
    assert (
        main(tui(project, "query", "militarization", "--where", "age!=30", "--format", "json")) == 0
    )
    assert [r["quote"] for r in json.loads(capsys.readouterr().out)] == ["navy patrolled"]
    assert (
        main(tui(project, "query", "militarization", "--where", "age<99", "--format", "json")) == 0
    )
    assert [r["quote"] for r in json.loads(capsys.readouterr().out)] == ["army moved"]
    assert main(tui(project, "report", "matrix", "--where", "age!=30", "--format", "json")) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {column for row in rows for column in row} == {"tag", "corpus/us-1.txt"}


def test_a_where_that_leaves_no_document_says_so(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A --where no document passes printed only "(no coded passages)", as if nothing were
    coded; the report and the query say that no document passed the filter."""
    main(tui(project, "attr", "set", "mx-1.txt", "age=30"))
    main(tui(project, "attr", "set", "us-1.txt", "age=40"))
    capsys.readouterr()
    said = "tui-reader: no document (of 2 here) passes --where 'age>100'"
    assert main(tui(project, "report", "frequencies", "--where", "age>100")) == 0
    out, err = capsys.readouterr()
    assert out == "" and said in err
    assert main(tui(project, "query", "militarization", "--where", "age>100")) == 1
    assert said in capsys.readouterr().err
    assert main(tui(project, "query", "militarization", "--where", "age>35")) == 0
    assert "passes --where" not in capsys.readouterr().err
    assert main(tui(project, "query", "actors", "--doc", "mx-1.txt", "--where", "age>35")) == 1
    assert "no document (of the 1 document --doc names) passes" in capsys.readouterr().err


def test_query_syntax_error_points_at_the_column(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A syntax error is one line, the problem, its column and the query (grep's ``prog:
    problem``): it was three, the query and a caret under the column, which a script reading
    stderr line by line took for two more errors."""
    assert main(tui(project, "query", "militarization AND (actors")) == 2
    assert capsys.readouterr().err.splitlines() == [
        "tui-reader: query: column 27: expected ')' to close the '(' at column 20: "
        "militarization AND (actors"
    ]
    assert main(tui(project, "query", "a AND (b))")) == 2
    assert capsys.readouterr().err.splitlines() == [
        "tui-reader: query: column 10: ')' without a '(' before it: a AND (b))"
    ]
    assert main(tui(project, "query", "x", "--where", "a\x1b[31m =")) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("tui-reader: --where: ") and "\x1b" not in line
    # the --where's error named as the --where's, not the query's (report has no query)
    for argv in (["query", "x"], ["report", "frequencies"]):
        assert main(tui(project, *argv, "--where", "age>(")) == 2
        assert capsys.readouterr().err == (
            "tui-reader: --where: column 5: expected a value after '>': age>(\n"
        ), argv
    assert main(tui(project, "query", "x", "--where", "militarization")) == 2
    assert "not codes" in capsys.readouterr().err
    # an empty filter said as a filter, not as an empty query
    for argv in (["query", "x"], ["report", "frequencies"]):
        assert main(tui(project, *argv, "--where", " ")) == 2
        assert capsys.readouterr().err == (
            "tui-reader: --where: the filter is empty: give one, as country=Mexico, "
            "or leave --where out\n"
        ), argv
    # an empty query said once as what is missing: it was "query: the query is empty"
    for blank in ("", "  "):
        assert main(tui(project, "query", blank)) == 2
        assert capsys.readouterr().err == (
            "tui-reader: query: nothing to look for: type a code, or a filter, as border or "
            "country=Mexico\n"
        )


@pytest.mark.parametrize("query_format", ["markdown", "csv", "json"])
def test_a_query_matching_nothing_exits_1_as_grep_does(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], query_format: str
) -> None:
    """It exited 0, so ``tui-reader query X && mail ...`` sent an empty result; report and
    export, whose empty result is a result, stay 0, but for a --tag that is no code (1, as
    report gives it)."""
    empty = ("militarization AND NOT militarization", "--format", query_format)
    assert main(tui(project, "query", *empty)) == 1
    assert "0 passages match" in capsys.readouterr().err
    assert main(tui(project, "query", "navy", "--format", query_format)) == 1  # no such code
    assert main(tui(project, "query", "militarization", "--format", query_format)) == 0
    assert main(tui(project, "export", "--tag", "actors/nobody")) == 1  # no such code
    assert main(tui(project, "export", "--tag", "actors", "--tag", "actors/nobody")) == 0
    capsys.readouterr()


def test_codes_anded_that_meet_on_separate_passages_say_so_when_nothing_matched(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``militarization AND security`` matched nothing and said only "0 passages match",
    while "army moved" (militarization) and "moved to the border" (security/border) overlap:
    AND takes the passages carrying both codes, where QualCoder's and NVivo's coding queries
    take the text they overlap on, and a reader of the empty result took the codes to never
    meet, the co-occurrence report counting 1."""
    assert main(tui(project, "query", "militarization AND security")) == 1
    err = capsys.readouterr().err
    assert "0 passages match" in err
    assert (
        "no passage carries all of militarization, security, but passages carrying them "
        "overlap in 1 document"
    ) in err
    # us-1.txt's militarization/navy and actors/us passages do not overlap: mx-1.txt only
    assert main(tui(project, "query", "militarization actors")) == 1
    assert "overlap in 1 document" in capsys.readouterr().err
    # held to a document or a coder: said of the overlaps there
    assert main(tui(project, "query", "militarization security doc:mx-1.txt")) == 1
    assert "overlap in 1 document" in capsys.readouterr().err
    assert main(tui(project, "query", "militarization security doc:us-1.txt")) == 1
    assert "no passage carries" not in capsys.readouterr().err
    # a passage carries both: matched, nothing more said
    assert main(tui(project, "query", "security AND actors")) == 0
    assert "no passage carries" not in capsys.readouterr().err
    # not a query of codes alone: not said
    assert main(tui(project, "query", "militarization AND NOT militarization")) == 1
    assert "no passage carries" not in capsys.readouterr().err


@pytest.mark.parametrize("report", ["frequencies", "matrix", "cooccurrence"])
def test_a_report_of_a_code_that_is_not_there_says_so_and_exits_1(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], report: str
) -> None:
    """It exited 0, as if the code were there and coded nowhere."""
    assert main(tui(project, "report", report, "--tag", "actors/nobody")) == 1
    out = capsys.readouterr()
    assert "actors" not in out.out
    assert out.err == "tui-reader: no code 'actors/nobody' in the codebook\n"
    assert main(tui(project, "report", report, "--tag", "nosuch", "--tag", "actors")) == 0
    out = capsys.readouterr()
    # (a co-occurrence of the one code says so, with no table of one cell)
    assert "actors/us" in (out.err if report == "cooccurrence" else out.out)


def test_a_query_matching_nothing_where_a_document_could_not_be_read_exits_2(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """As grep's: its passages may be the ones asked for; it exited as "nothing matched"."""
    corpus, _ = project
    (corpus / "mx-1.txt").unlink()
    capsys.readouterr()
    assert main(tui(project, "query", "security")) == 2  # coded in mx-1.txt alone
    # coded by the command line alone, the file's reading here is not kept: no such file
    assert f"{corpus / 'mx-1.txt'}: no such file" in capsys.readouterr().err
    # passages matched in us-1.txt, and mx-1.txt's coded militarization is left out: 2 too
    assert main(tui(project, "query", "militarization", "--format", "json")) == 2
    assert [r["quote"] for r in json.loads(capsys.readouterr().out)] == ["navy patrolled"]
    assert main(tui(project, "query", "actors", "--doc", "us-1.txt", "--where", "doc:x")) == 1


def test_a_query_matching_passages_where_a_coded_file_could_not_be_read_exits_2(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """As grep's, hits or none: it exited 0, and a script took the passages printed for all
    of them, the unreadable file's left out (said on stderr alone)."""
    corpus, _ = project
    (corpus / "mx-1.txt").write_bytes(b"x\x00\x00\x00\x01\x02")  # binary now
    capsys.readouterr()
    assert main(tui(project, "query", "militarization", "--format", "json")) == 2
    out = capsys.readouterr()
    assert [r["quote"] for r in json.loads(out.out)] == ["navy patrolled"]
    assert f"{corpus / 'mx-1.txt'}: binary file" in out.err
    # a file gone whose passages carry none of the codes asked left out nothing asked
    (corpus / "mx-1.txt").unlink()
    assert main(tui(project, "query", "militarization/navy")) == 0


def test_query_takes_a_code_in_another_case_and_names_a_code_that_is_not_there(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(tui(project, "query", "Militarization OR militarisation", "--format", "json")) == 0
    out = capsys.readouterr()
    assert [r["quote"] for r in json.loads(out.out)] == ["army moved", "navy patrolled"]
    assert "no code 'militarisation' in the codebook (did you mean 'militarization'?)" in out.err
    assert "Militarization" not in out.err
    assert main(tui(project, "query", "Security/BORDER", "--format", "json")) == 0
    out = capsys.readouterr()
    assert [r["quote"] for r in json.loads(out.out)] == ["moved to the border"]
    assert "no code" not in out.err


def test_reports_json_shapes(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico"))
    capsys.readouterr()
    assert main(tui(project, "report", "frequencies", "--format", "json")) == 0
    rows = json.loads(capsys.readouterr().out)
    total = sum(len(t) for t in TEXTS.values())
    assert rows[0] == {
        "tag": "actors/us",
        "passages": 2,
        "documents": 2,
        "characters": len("moved to the border") + len("Washington"),
        "coverage": 29 / total,  # whole, as agreement gives its figures
    }
    assert (
        main(tui(project, "report", "matrix", "--format", "json", "--tag", "militarization")) == 0
    )
    assert json.loads(capsys.readouterr().out) == [
        {"tag": "militarization", "corpus/mx-1.txt": 1, "corpus/us-1.txt": 0},
        {"tag": "militarization/navy", "corpus/mx-1.txt": 0, "corpus/us-1.txt": 1},
    ]
    assert main(tui(project, "report", "matrix", "--by", "country", "--format", "json")) == 0
    assert json.loads(capsys.readouterr().out)[0] == {"tag": "actors/us", "Mexico": 1, "(none)": 1}
    assert main(tui(project, "report", "cooccurrence", "--format", "json")) == 0
    cooc = {r["tag"]: r for r in json.loads(capsys.readouterr().out)}
    # "army moved" (militarization) overlaps "moved to the border" (security/border, actors/us)
    assert cooc["militarization"] == {
        "tag": "militarization",
        "actors/us": 1,
        "militarization/navy": 0,
        "security/border": 1,
    }
    assert cooc["actors/us"]["security/border"] == 1
    assert main(tui(project, "report", "frequencies", "--by", "country")) == 2
    assert main(tui(project, "report", "matrix", "--format", "markdown")) == 0
    assert capsys.readouterr().out.startswith("| tag | corpus/mx-1.txt | corpus/us-1.txt |")


def test_reports_take_a_code_in_another_case_and_name_what_is_not_there(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["report", "matrix", "--format", "json", "--tag", "MILITARIZATION,militarisation"]
    assert main(tui(project, *args)) == 0
    out = capsys.readouterr()
    assert [r["tag"] for r in json.loads(out.out)] == ["militarization", "militarization/navy"]
    assert out.err == (
        "tui-reader: no code 'militarisation' in the codebook (did you mean 'militarization'?)\n"
    )


def test_a_matrix_by_an_attribute_no_document_has_is_an_error_naming_those_there_are(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``report matrix --by contry`` (a typo) printed a matrix of one column "(none)" and
    exited 0, as for a result."""
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico", "age=34"))
    capsys.readouterr()
    assert main(tui(project, "report", "matrix", "--by", "contry", "--format", "json")) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        "tui-reader: --by contry: no document here has the attribute 'contry' (attributes "
        "here: age, characters, country, format, title, words)\n"
    )
    # held by a document the filter leaves out: an answer (every column "(none)"), said
    args = ["report", "matrix", "--by", "Country", "--where", "doc:us-1.txt", "--format", "csv"]
    assert main(tui(project, *args)) == 0
    out = capsys.readouterr()
    assert out.out.lstrip("\ufeff").splitlines()[0] == "tag,(none)"
    assert "no document in this report has the attribute 'Country'" in out.err
    for given in ("format", "words"):  # every document has these
        assert main(tui(project, "report", "matrix", "--by", given, "--format", "csv")) == 0
        assert "attribute" not in capsys.readouterr().err
    # a file's own attribute (a web page's author), held by a document left out: an answer
    corpus, _ = project
    page = '<html><head><meta name="author" content="Ana Ruiz"></head><body><p>Hi.</p></body>'
    (corpus / "page.html").write_text(page + "</html>", encoding="utf-8")
    args = ["report", "matrix", "--by", "author", "--where", "doc:mx-1.txt", "--format", "csv"]
    assert main(tui(project, *args)) == 0
    assert "no document in this report has the attribute 'author'" in capsys.readouterr().err


def test_a_code_typed_by_its_name_before_a_rename_is_said_with_the_name_it_took(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """After 'tags rename security forces/police', 'security' in a query or a report was
    only 'no code security in the codebook', as for a code never made."""
    main(tui(project, "tags", "rename", "security", "forces/police"))
    main(tui(project, "tags", "merge", "actors/us", "militarization"))
    capsys.readouterr()
    assert main(tui(project, "query", "security OR actors/us", "--format", "json")) == 1  # none
    said = capsys.readouterr().err
    assert "tui-reader: no code 'security' in the codebook (it became 'forces/police')\n" in said
    assert "tui-reader: no code 'actors/us' in the codebook (it became 'militarization')\n" in said
    args = ["report", "frequencies", "--tag", "Security/border", "--format", "json"]
    assert main(tui(project, *args)) == 1
    assert capsys.readouterr().err == (
        "tui-reader: no code 'Security/border' in the codebook (it became 'forces/police/border')\n"
    )


def test_documents_outside_the_corpus_named_are_said_in_one_line_not_as_orphans(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Run without naming the corpus (the sample corpus taken), query and report said a line
    per document of the database ('is outside the corpus folder'), thousands, then counted
    their annotations as orphans 'not in the current text'."""
    corpus, db = project
    other = db.parent / "other"
    other.mkdir()
    (other / "note.txt").write_text("Nothing coded here.\n", encoding="utf-8")
    for command, status in ((["query", "militarization"], 1), (["report", "frequencies"], 0)):
        # (a query whose passages all lie outside the corpus matched none: 1, as grep)
        assert main([*command, "--corpus", str(other), "--db", str(db)]) == status
        said = [line for line in capsys.readouterr().err.splitlines() if "match" not in line]
        assert said == [
            f"tui-reader: 2 documents of the database, with 4 annotations, lie outside the "
            f"corpus folder {other} (they are in {corpus}): not read; name their corpus "
            "folder to read them"
        ]


def test_a_comparison_with_a_value_not_of_its_type_is_said_not_an_empty_result(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(tui(project, "attr", "set", "mx-1.txt", "age=34", "date=2018-03-01"))
    capsys.readouterr()
    assert (
        main(tui(project, "query", "militarization AND date>soon", "--format", "json")) == 1
    )  # nothing matched
    out = capsys.readouterr()
    assert json.loads(out.out) == []
    assert "tui-reader: date>soon: date holds dates and 'soon' is not one" in out.err
    assert main(tui(project, "query", "militarization AND date=2018", "--format", "json")) == 0
    assert "holds" not in capsys.readouterr().err  # a year: the whole of it
    assert main(tui(project, "report", "frequencies", "--where", "age>old")) == 0
    assert "tui-reader: age>old: age holds numbers and 'old' is not one" in capsys.readouterr().err
    assert main(tui(project, "query", "date>=2018-01-01", "--format", "json")) == 0
    assert "holds" not in capsys.readouterr().err
    # the numbers every format gives, too: words>abc matched nothing without a word
    assert main(tui(project, "report", "frequencies", "--where", "words>abc")) == 0
    said = capsys.readouterr().err
    assert "tui-reader: words>abc: words holds numbers and 'abc' is not one" in said
    assert main(tui(project, "query", "militarization AND words>3", "--format", "json")) == 0
    assert "holds" not in capsys.readouterr().err


def test_a_month_asked_of_years_held_as_numbers_is_not_said_to_match_nothing(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """year=2018-03 over years held as numbers finds the year 2018: no line says that no
    document matches it above the passages it found."""
    main(tui(project, "attr", "set", "mx-1.txt", "year=2018", "age=34"))
    capsys.readouterr()
    assert main(tui(project, "query", "year=2018-03", "--format", "json")) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) and "no document matches" not in out.err
    assert main(tui(project, "query", "age=2018-03", "--format", "json")) == 1
    assert "age holds numbers and '2018-03' is not one" in capsys.readouterr().err


def test_an_attribute_no_document_has_is_said_not_an_empty_result(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--where contry=Mexico`` (a typo) printed an empty report and said nothing."""
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico"))
    capsys.readouterr()
    assert main(tui(project, "report", "frequencies", "--where", "contry=Mexico")) == 0
    said = capsys.readouterr().err
    assert "tui-reader: contry=Mexico: no document here has the attribute 'contry'" in said
    assert main(tui(project, "query", "militarization AND contry!=Mexico")) == 0
    assert "so every document matches it" in capsys.readouterr().err
    for known in ("Country=mexico", "words>3", "title=x", "format=text"):
        assert main(tui(project, "query", f"militarization AND {known}")) in (0, 1)  # no error
        assert "no document here has the attribute" not in capsys.readouterr().err, known


def test_a_code_named_as_a_comparison_typed_unquoted_is_said_with_its_quoting(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """'age<18', a code, typed unquoted was read as the attribute age under 18: no passage,
    and only 'no document here has the attribute age'."""
    main(tui(project, "tags", "rename", "militarization", "age<18"))
    capsys.readouterr()
    assert main(tui(project, "query", "age<18", "--format", "json")) == 1  # none matched
    said = capsys.readouterr().err
    assert (
        "tui-reader: age<18 is read as a comparison of the attribute 'age'; the code "
        "'age<18' is quoted: \"age<18\"\n"
    ) in said
    assert main(tui(project, "query", '"age<18"', "--format", "json")) == 0
    out = capsys.readouterr()
    assert "comparison" not in out.err and len(json.loads(out.out)) == 2


def test_a_text_value_no_document_has_is_said_not_an_empty_result(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--where country=Mexco`` (a typo) printed an empty report and said nothing."""
    main(tui(project, "attr", "set", "mx-1.txt", "country=México"))
    capsys.readouterr()
    assert main(tui(project, "report", "frequencies", "--where", "country=Mexco")) == 0
    assert capsys.readouterr().err == (
        "tui-reader: country=Mexco: no document here has country 'Mexco' (here: México), so "
        "no document matches it\n"
    )
    assert main(tui(project, "query", "format=txt", "--format", "json")) == 1
    assert "no document here has format 'txt' (here: text)" in capsys.readouterr().err
    assert main(tui(project, "query", "country=mexico", "--format", "json")) == 0
    assert "no document here" not in capsys.readouterr().err


def test_a_value_holding_a_line_break_is_said_on_the_line_of_its_attribute(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A value of two lines (a spreadsheet's cell of an address) named among those there are
    split the line saying so in two, the second read as another message."""
    main(tui(project, "attr", "set", "mx-1.txt", "place=Calle 5\nOaxaca"))
    capsys.readouterr()
    assert main(tui(project, "query", "place=Puebla", "--format", "json")) == 1
    said = capsys.readouterr().err
    assert "(here: Calle 5␊Oaxaca), so no document matches it\n" in said
    assert all(line.startswith("tui-reader: ") for line in said.splitlines())


def test_a_document_name_that_names_no_document_is_said_not_an_empty_result(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    said = "tui-reader: doc:nope*: no document matches 'nope*'\n"
    assert (
        main(tui(project, "query", "militarization", "--where", "doc:nope*")) == 1
    )  # nothing matched
    assert capsys.readouterr().err == said + "tui-reader: 0 passages match\n"
    assert main(tui(project, "report", "frequencies", "--where", "doc:nope*")) == 0
    assert capsys.readouterr().err == said
    assert main(tui(project, "query", "militarization AND doc:nope*", "--format", "json")) == 1
    assert capsys.readouterr().err == said + "tui-reader: 0 passages match\n"
    assert main(tui(project, "query", "militarization", "--where", "doc:mx-*")) == 0
    assert capsys.readouterr().err == "tui-reader: 1 passage matches\n"


def test_a_document_named_in_another_case_is_found_as_a_coder_is(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # doc:MX-1.TXT said "no document matches" of mx-1.txt, where coder:ANA finds ana's
    assert main(tui(project, "query", "doc:MX-1.TXT", "--format", "json")) == 0
    out, err = capsys.readouterr()
    assert {r["document"] for r in json.loads(out)} == {"corpus/mx-1.txt"}
    assert err == "tui-reader: 2 passages match\n"
    assert main(tui(project, "report", "frequencies", "--where", "doc:US-*", "-f", "json")) == 0
    out, err = capsys.readouterr()
    assert ([r["tag"] for r in json.loads(out)], err) == (["actors/us", "militarization/navy"], "")


def test_a_document_named_to_doc_in_another_case_is_refused_naming_the_one_spelled_so(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # --doc MX-1.TXT said "no such document" and nothing of mx-1.txt, there in lower case
    assert main(tui(project, "report", "frequencies", "--doc", "MX-1.TXT")) == 2
    assert capsys.readouterr().err == (
        "tui-reader: MX-1.TXT: no such document in the corpus or the database (named so in "
        "another case: corpus/mx-1.txt)\n"
    )


def test_a_query_naming_thousands_of_unknown_codes_says_the_first_twenty_and_counts_the_rest(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    query = " OR ".join(["militarization", *(f"c{i}" for i in range(3000))])
    assert main(tui(project, "query", query, "--format", "json")) == 0
    said = capsys.readouterr().err.splitlines()
    assert said[:2] == [f"tui-reader: no code 'c{i}' in the codebook" for i in range(2)]
    assert said[20:] == ["tui-reader: 2,980 more like these", "tui-reader: 2 passages match"]
    where = [a for i in range(30) for a in ("--where", f"doc:nope{i}")]
    assert main(tui(project, "query", "actors", *where)) == 1  # nothing matched
    said = capsys.readouterr().err.splitlines()
    assert said[0] == "tui-reader: doc:nope0: no document matches 'nope0'"
    assert said[20:] == ["tui-reader: 10 more like these", "tui-reader: 0 passages match"]


def test_a_coder_who_coded_nothing_here_is_said_not_an_empty_result(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["coders", "--json", "--db", str(project[1])]) == 0
    (coder,) = (row["coder"] for row in json.loads(capsys.readouterr().out))
    assert main(tui(project, "query", "militarization AND coder:alce")) == 1  # nothing matched
    said = capsys.readouterr().err.splitlines()
    assert said == [
        f"tui-reader: coder:alce: no passage is coded by 'alce' (coders here: {coder})",
        "tui-reader: 0 passages match",
    ]
    assert main(tui(project, "query", f"militarization AND coder:{coder.upper()}")) == 0
    assert capsys.readouterr().err == "tui-reader: 2 passages match\n"


def test_a_coder_named_in_another_case_of_two_is_taken_as_the_query_takes_it(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # ben and BEN (a login and a name typed in capitals): report --coder Ben and agreement
    # said "no annotations by 'Ben'", where coder:Ben matches both coders' passages
    for coder, quote in (("ben", "Washington"), ("BEN", "navy")):
        argv = ["annotate", "us-1.txt", "--quote", quote, "-t", "actors/us", "--coder", coder]
        assert main(tui(project, *argv)) == 0
    capsys.readouterr()
    assert main(tui(project, "query", "coder:Ben", "-f", "json")) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    # a coder as spelled is that coder alone, as report --coder BEN takes BEN's passages
    assert main(tui(project, "query", "coder:BEN", "-f", "json")) == 0
    assert [r["coder"] for r in json.loads(capsys.readouterr().out)] == ["BEN"]
    assert main(tui(project, "report", "frequencies", "--coder", "Ben", "-f", "json")) == 0
    ((row,), err) = (json.loads((said := capsys.readouterr()).out), said.err)
    assert (row["tag"], row["passages"], err) == ("actors/us", 2, "")
    assert main(tui(project, "report", "frequencies", "--coder", "BEN", "-f", "json")) == 0
    assert json.loads(capsys.readouterr().out)[0]["passages"] == 1  # as typed first
    assert main(tui(project, "agreement", "ben", "Ben")) == 2
    assert capsys.readouterr().err == (
        "tui-reader: 'Ben' names no coder as typed, and in another case it names several: "
        "BEN, ben (type the one meant as it is spelled)\n"
    )


def test_a_coder_is_named_by_a_glob_as_a_document_and_a_speaker_are(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # coder:be* matched nothing and said "no passage is coded by 'be*'", where doc:int-* and
    # speaker:Carl* name by a glob: a team's coders ben and Bea, or rater1 and rater2
    argv = ["annotate", "us-1.txt", "-t", "actors/us", "--coder"]
    for coder, quote in (("ben", "Washington"), ("Bea", "navy"), ("carla", "Washington")):
        assert main(tui(project, *argv, coder, "--quote", quote)) == 0
    capsys.readouterr()

    def coders(query: str, *more: str) -> list[str]:
        status = main(tui(project, "query", query, *more, "-f", "json"))
        out, err = capsys.readouterr()
        assert status in (0, 1) and "no passage is coded by" not in err, err
        return sorted(r["coder"] for r in json.loads(out))

    assert coders("coder:be*") == ["Bea", "ben"]  # case aside, as a name is compared
    assert coders("actors/us AND coder:B?A") == ["Bea"]
    assert coders("actors/us AND NOT coder:[ct]*") == ["Bea", "ben"]
    assert coders("actors/us", "--coder", "be*") == ["Bea", "ben"]
    assert main(tui(project, "report", "frequencies", "--coder", "be*", "-f", "json")) == 0
    assert json.loads(capsys.readouterr().out)[0]["passages"] == 2
    assert main(tui(project, "query", "coder:zo*")) == 1
    said = capsys.readouterr().err.splitlines()
    assert said[0].startswith("tui-reader: coder:zo*: no passage is coded by 'zo*' (coders here:")


def test_attributes_piped_into_attr_import_dash_are_set(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "attr import - < cases.csv" said "-: No such file or directory".
    piped = "document,country,age\r\nmx-1.txt,México,34\r\n".encode("cp1252")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
    assert main(tui(project, "attr", "import", "-")) == 0
    assert "attributes of 1 document set from standard input" in capsys.readouterr().err
    with AnnotationStore(project[1]) as store:
        assert store.attributes()["corpus/mx-1.txt"] == {"country": "México", "age": 34}


@pytest.mark.parametrize("option", ["--code", "--doc"])
def test_a_memo_of_an_empty_code_or_document_is_refused_not_put_in_the_journal(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], option: str
) -> None:
    # memo add --code "$CODE", CODE unset: the memo went to the journal, exit 0.
    for empty in ("", " ", "/"):
        assert main(tui(project, "memo", "add", option, empty, "a thought")) == 2
        what = "code" if option == "--code" else "document"
        assert capsys.readouterr().err == (
            f"tui-reader: {option} names nothing (it was empty): name the {what}\n"
        )
        assert main(tui(project, "memo", "show", option, empty)) == 2
        assert "names nothing" in capsys.readouterr().err
    with AnnotationStore(project[1]) as store:
        assert store.memos() == []


def test_a_code_memo_named_in_another_case_goes_to_that_code_and_an_unknown_one_is_said(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``memo add --code Militarization`` made a memo of a code "Militarization" beside the
    codebook's militarization (shown nowhere the code is), and one on a misspelt code said
    nothing."""
    assert main(tui(project, "memo", "add", "--code", "militarization", "first")) == 0
    first = capsys.readouterr().out.strip()
    assert main(tui(project, "memo", "add", "--code", "Militarization", "second")) == 0
    out = capsys.readouterr()
    assert out.out.strip() == first and out.err == ""
    assert main(tui(project, "memo", "show", "--code", "MILITARIZATION")) == 0
    assert "first\n\nsecond" in capsys.readouterr().out
    assert main(tui(project, "memo", "add", "--code", "Security", "parent")) == 0  # a parent
    assert capsys.readouterr().err == ""
    assert main(tui(project, "memo", "add", "--code", "militarisation", "planned")) == 0
    said = capsys.readouterr().err
    assert said == (
        "tui-reader: no code 'militarisation' in the codebook (did you mean 'militarization'?); "
        "the memo is kept for 'militarisation'\n"
    )
    assert main(tui(project, "memo", "add", "--code", "zzz", "planned")) == 0
    said = capsys.readouterr().err
    assert said == "tui-reader: no code 'zzz' in the codebook; the memo is kept for it\n"
    assert main(tui(project, "memo", "list", "--json")) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(m["target"] for m in listed) == [
        "militarisation",
        "militarization",
        "security",
        "zzz",
    ]


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("alarm\x1b[31m", "a control character, line break or direction mark cannot be"),
        ("line\rbreak", "a control character, line break or direction mark cannot be"),
        ("x" * 300, "a code may be at most 1,000 characters, each level between"),
    ],
)
def test_a_memo_of_a_name_no_code_can_have_is_refused(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], code: str, why: str
) -> None:
    """``memo add --code`` with a name holding an escape or a line break (or too long) kept
    the memo "for it", under a name that tags and annotate refuse for a code: a memo of a
    code never to be made, listed by memo list.  It is refused as tags refuse the name.
    (``policy//border`` was refused so too: it is read as the code policy/border now, as
    every command reads a code typed with an empty level.)"""
    assert main(tui(project, "memo", "add", "--code", code, "a thought")) == 2
    err = capsys.readouterr().err
    assert err.startswith("tui-reader: bad tag name ") and why in err and err.count("\n") == 1
    with AnnotationStore(project[1]) as store:
        assert store.memos() == []


def test_memo_add_list_show_delete(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(tui(project, "memo", "add", "--journal", "Started coding")) == 0
    assert main(tui(project, "memo", "add", "--code", "militarization", "# Militarization")) == 0
    code_id = capsys.readouterr().out.split()[-1]
    assert main(tui(project, "memo", "add", "--code", "militarization", "also police")) == 0
    assert capsys.readouterr().out.strip() == code_id  # the code's one memo grew
    assert main(tui(project, "memo", "add", "--doc", "mx-1.txt", "Told in the army's words")) == 0
    assert main(tui(project, "memo", "list", "--json")) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [(m["kind"], m["target"]) for m in listed] == [
        ("journal", ""),
        ("code", "militarization"),
        ("document", "corpus/mx-1.txt"),
    ]
    assert main(tui(project, "memo", "show", "--code", "militarization")) == 0
    assert "# Militarization\n\nalso police" in capsys.readouterr().out
    assert main(tui(project, "memo", "delete", code_id)) == 0
    assert main(tui(project, "memo", "show", code_id)) == 2
    assert main(tui(project, "memo", "add", "--journal", "  ")) == 2


def test_memo_show_and_delete_take_the_start_of_an_id(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """'memo show 028d23f5' (an id's first characters, as a short id is written) said 'no such
    memo'; the one memo whose id starts so is meant, and a start two ids share is refused."""
    with AnnotationStore(project[1]) as store:
        store.put_memo(Memo(MemoKind.JOURNAL, "", "Day one", id="abcd1111-0000-4000-8000-0"))
        store.put_memo(Memo(MemoKind.JOURNAL, "", "Day two", id="abcd2222-0000-4000-8000-0"))
    assert main(tui(project, "memo", "show", "abcd1111")) == 0
    assert "Day one" in capsys.readouterr().out
    assert main(tui(project, "memo", "show", "abcd")) == 2
    assert "starts the ids of 2 memos" in capsys.readouterr().err
    assert main(tui(project, "memo", "delete", "ABCD2222")) == 0
    assert main(tui(project, "memo", "list")) == 0
    listed = capsys.readouterr().out
    assert "Day one" in listed and "Day two" not in listed


def test_report_matrix_by_document_lists_documents_in_natural_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("interview10.txt", "interview2.txt", "Interview1.txt"):
        (corpus / name).write_text("The army moved.\n", encoding="utf-8")
    project = (corpus, tmp_path / "annotations.json")
    for name in ("interview10.txt", "interview2.txt", "Interview1.txt"):
        assert main(tui(project, "annotate", name, "--quote", "army", "--tag", "army")) == 0
    capsys.readouterr()
    assert main(tui(project, "report", "matrix", "--by", "document", "--format", "json")) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert list(row) == [
        "tag", "corpus/Interview1.txt", "corpus/interview2.txt", "corpus/interview10.txt",
    ]  # fmt: skip


@pytest.mark.parametrize("by", ["DOCUMENT", "Document"])
def test_a_matrix_by_document_typed_in_capitals_is_by_document(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], by: str
) -> None:
    # --by DOCUMENT was taken for an attribute's name: "no document here has the attribute"
    assert main(tui(project, "report", "matrix", "--format", "json")) == 0
    expected = json.loads(capsys.readouterr().out)
    assert main(tui(project, "report", "matrix", "--by", by, "--format", "json")) == 0
    out, err = capsys.readouterr()
    assert (json.loads(out), err) == (expected, "")


def test_an_attribute_typed_without_its_accent_or_in_another_form_matches(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # México set with a composed é; queried as typed on an English keyboard, or from a Mac
    assert main(tui(project, "attr", "set", "mx-1.txt", "country=M\u00e9xico")) == 0
    capsys.readouterr()
    for typed in ("mexico", "MEXICO", "Me\u0301xico", "M\u00e9xico"):
        where = f"country={typed}"
        assert (
            main(tui(project, "query", "militarization", "--where", where, "--format", "json")) == 0
        )
        records = json.loads(capsys.readouterr().out)
        assert [r["quote"] for r in records] == ["army moved"], typed
        assert main(tui(project, "query", f"militarization AND {where}", "--format", "json")) == 0
        assert len(json.loads(capsys.readouterr().out)) == 1, typed
        assert (
            main(tui(project, "report", "frequencies", "--where", where, "--format", "json")) == 0
        )
        rows = json.loads(capsys.readouterr().out)
        assert {r["tag"] for r in rows} >= {"militarization", "actors/us"}, typed


def test_a_matrix_by_attribute_joins_the_spellings_a_query_takes_as_one(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(tui(project, "attr", "set", "mx-1.txt", "country=M\u00e9xico")) == 0
    assert main(tui(project, "attr", "set", "us-1.txt", "country=mexico")) == 0
    capsys.readouterr()
    assert main(tui(project, "report", "matrix", "--by", "country", "--format", "json")) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"tag": "actors/us", "M\u00e9xico": 2}


def test_a_report_of_one_coders_passages_counts_a_passage_two_coders_coded_once(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A team's database counts a passage each coder coded once per coder; ``--coder`` keeps
    one coder's (or several's) passages, named as ``coder:NAME`` names them."""
    corpus, db = project
    workspace = Workspace(corpus, db, coder="Ana")
    key = workspace.key(corpus / "mx-1.txt")
    document = workspace.document(key)
    start = document.text.index("army moved")
    workspace.store.add(
        make_annotation(key, document.text, start, start + 10, document.sha256,
                        ("militarization",)).evolve(coder="Ana")
    )  # fmt: skip
    workspace.store.close()

    with AnnotationStore(db, read_only=True) as store:
        [other] = [c for c in store.coder_counts() if c != "Ana"]

    def passages(*coders: str) -> int:
        where = [part for coder in coders for part in ("--coder", coder)]
        assert main(tui(project, "report", "frequencies", "--format", "json", *where)) == 0
        rows = json.loads(capsys.readouterr().out)
        return int(next(r["passages"] for r in rows if r["tag"] == "militarization"))

    assert passages() == 2  # the passage once per coder
    assert passages("ana") == 1  # Ana's own, named without her capital
    assert passages(other) == 1
    assert passages("ana", other) == 2
    assert main(tui(project, "report", "frequencies", "--coder", "zed")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no annotations by 'zed'" in err and "Ana (1)" in err


def test_cooccurrence_in_a_teams_database_meets_each_coders_codes_with_their_own(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Ana coding "moved to the border" as another coder did (security/border, actors/us)
    made 3 meetings of the two codes (her passage, theirs, and hers beside theirs), and her
    code beside the other coder's "army moved" (militarization) a meeting too."""
    corpus, db = project
    workspace = Workspace(corpus, db, coder="Ana")
    key = workspace.key(corpus / "mx-1.txt")
    document = workspace.document(key)
    start = document.text.index("moved to the border")
    workspace.store.add(
        make_annotation(key, document.text, start, start + 19, document.sha256,
                        ("security/border", "actors/us")).evolve(coder="Ana")
    )  # fmt: skip
    workspace.store.close()
    for _ in range(2):  # the second from the caches: the passages read from the records
        assert main(tui(project, "report", "cooccurrence", "--format", "json")) == 0
        rows = {r["tag"]: r for r in json.loads(capsys.readouterr().out)}
        assert rows["security/border"]["actors/us"] == 2  # a passage each
        assert rows["militarization"]["security/border"] == 1  # the other coder's alone


def test_a_code_or_value_named_tag_keeps_its_column_apart_from_the_rows_code(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A code named 'tag' (or an attribute value 'tag') took the key of the rows' code: in
    JSON every row's "tag" was a count and the code was gone; in CSV the column was empty.
    And frequencies of one code named 'passages' printed two columns, 'tag,passages'."""
    corpus, db = project
    assert main(tui(project, "annotate", "mx-1.txt", "--quote", "army", "--tag", "tag")) == 0
    assert main(tui(project, "attr", "set", "mx-1.txt", "kind=tag")) == 0
    capsys.readouterr()
    assert main(tui(project, "report", "cooccurrence", "--format", "json")) == 0
    rows = {row["tag"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["militarization"]["tag (column)"] == 1
    assert rows["tag"]["tag"] == "tag" and rows["tag"]["militarization"] == 1
    assert main(tui(project, "report", "cooccurrence", "--format", "csv")) == 0
    header = capsys.readouterr().out.lstrip("\ufeff").splitlines()[0]
    assert header.split(",")[0] == "tag" and "tag (column)" in header.split(",")
    assert main(tui(project, "report", "matrix", "--by", "kind", "--format", "json")) == 0
    rows = {row["tag"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["tag"] == {"tag": "tag", "tag (column)": 1, "(none)": 0}
    fresh = db.parent / "one.json"
    where = ["--corpus", str(corpus), "--db", str(fresh)]
    assert main(["annotate", "mx-1.txt", "--quote", "army", "--tag", "passages", *where]) == 0
    capsys.readouterr()
    assert main(["report", "frequencies", "--format", "csv", *where]) == 0
    header = capsys.readouterr().out.lstrip("\ufeff").splitlines()[0]
    assert header == "tag,passages,documents,characters,coverage"


def test_attr_import_of_a_csv_excel_saved_in_france(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "cases.csv"  # Windows-1252, ';' between cells, decimal commas, quotes
    table.write_bytes(
        'document;pays;revenu;note\r\nmx-1.txt;México;1234,5;"a; b"\r\nus-1.txt;USA;980,75;\r\n'.encode(
            "cp1252"
        )
    )
    assert main(tui(project, "attr", "import", str(table))) == 0
    assert "attributes of 2 documents" in capsys.readouterr().err
    store = AnnotationStore(project[1])
    assert store.attributes() == {
        "corpus/mx-1.txt": {"pays": "México", "revenu": 1234.5, "note": "a; b"},
        "corpus/us-1.txt": {"pays": "USA", "revenu": 980.75},
    }
    store.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--doc", "{folder}"],
        ["query", "militarization", "--doc", "{folder}"],
        ["attr", "set", "{folder}", "country=Mexico"],
        ["memo", "add", "--doc", "{folder}", "a memo"],
    ],
)
@pytest.mark.parametrize("folder", ["sub", "{corpus}/sub"])
def test_a_folder_named_as_a_document_is_said_to_be_a_folder(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], argv: list[str], folder: str
) -> None:
    """It was "sub: no such document in the corpus or the database", of a folder there."""
    corpus, db = project
    (corpus / "sub").mkdir()
    (corpus / "sub" / "x.txt").write_text("Some text.\n", encoding="utf-8")
    named = folder.format(corpus=corpus)
    assert main(tui(project, *(a.format(folder=named) for a in argv))) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: {named}: is a folder, not a document; "
        "name one of its documents (corpus/sub/x.txt)\n"
    )
    with AnnotationStore(db, read_only=True) as store:
        assert not store.memos() and not store.attributes()


def test_a_folder_with_no_document_known_named_as_a_document_is_said_to_be_a_folder(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder outside the corpus read was said to hold no document, though it held some."""
    corpus, _ = project
    (corpus.parent / "elsewhere").mkdir()
    (corpus.parent / "elsewhere" / "x.txt").write_text("Some text.\n", encoding="utf-8")
    folder = str(corpus.parent / "elsewhere")
    assert main(tui(project, "attr", "unset", folder, "country")) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: {folder}: is a folder, not a document; name a document\n"
    )


@pytest.mark.parametrize("named", [True, False])
def test_a_file_outside_the_corpus_named_as_a_document_is_said_to_be_outside_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    named: bool,
) -> None:
    """A journalist in the folder of her documents, no corpus named, asked the codes of a
    file right there: "news1.html: no such document in the corpus or the database", of a
    file she could see.  It is said to lie outside the corpus read, and how to name it.
    (attr and memo take such a file by its path, as annotate does.)"""
    here = tmp_path / "study"
    here.mkdir()
    (here / "news1.html").write_text("<html><body><p>The army came.</p></body></html>", "utf-8")
    monkeypatch.chdir(here)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    other = tmp_path / "other"
    other.mkdir()
    corpus = ["--corpus", str(other)] if named else []
    (tmp_path / "db.json").write_text("{}", "utf-8")
    argv = ["query", "x", "--doc", "news1.html", "--db", str(tmp_path / "db.json")]
    assert main([*argv, *corpus]) == 2
    reason = (
        "is outside the corpus folder; not read"
        if named
        else "is outside the sample corpus, read as no corpus was named; not read "
        "(name the corpus: PATH or --corpus DIR)"
    )
    assert capsys.readouterr().err == f"tui-reader: news1.html: {reason}\n"


@pytest.mark.parametrize(
    ("report", "header"),
    [
        ("frequencies", "tag,passages,documents,characters,coverage"),
        ("matrix", "tag,corpus/mx-1.txt,corpus/us-1.txt"),
        ("cooccurrence", "tag"),
    ],
)
def test_a_csv_report_of_nothing_coded_still_names_its_columns(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], report: str, header: str
) -> None:
    """A CSV report of no passage (a code matching none, a codebook emptied) was a
    byte-order mark and a blank line: a script reading its columns found none."""
    capsys.readouterr()
    assert main(tui(project, "report", report, "--format", "csv", "--tag", "nowhere")) == 1
    out = capsys.readouterr().out
    assert out == "\ufeff" + header + "\r\n"
    assert main(tui(project, "report", report, "--format", "csv")) == 0
    coded = capsys.readouterr().out
    assert coded.split("\r\n", 1)[0].startswith("\ufeff" + header)


def test_attr_import_of_a_file_cut_off_inside_a_quoted_cell_sets_nothing(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A table cut off inside a quoted cell set the country "Mexico\\nus-1.txt,USA\\n"
    without a word: the rest of the file was that cell."""
    table = tmp_path / "cases.csv"
    table.write_text('doc,country\nmx-1.txt,"Mexico\nus-1.txt,USA\n', encoding="utf-8")
    capsys.readouterr()
    assert main(tui(project, "attr", "import", str(table))) == 2
    assert "ends inside a quoted cell opened on line 2" in capsys.readouterr().err
    store = AnnotationStore(project[1])
    assert store.attributes() == {}
    store.close()


def test_a_code_or_value_a_megabyte_long_is_said_on_one_short_line(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A name pasted a megabyte long was printed whole in 'no code ... in the codebook'."""
    long_name = "x" * 1_000_000
    for argv in (
        ("query", long_name),
        ("report", "frequencies", "--tag", long_name),
        ("query", "age=" + "9" * 5000),
    ):
        main(tui(project, *argv))
        err = capsys.readouterr().err
        assert err and all(len(line) <= 420 for line in err.splitlines()), argv[:2]
    main(tui(project, "query", long_name))
    said = capsys.readouterr().err.splitlines()[0]
    assert said.startswith("tui-reader: no code 'xxx") and said.endswith("xxx' in the codebook")


def test_a_code_named_everything_below_and_typed_unquoted_is_said(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A code renamed 'militarization/*' typed as it reads took every code under
    militarization (the navy's too) without a word; a line says it, and how to quote it."""
    assert main(tui(project, "tags", "rename", "security/border", "militarization/*")) == 0
    capsys.readouterr()
    assert main(tui(project, "query", "militarization/*", "--format", "json")) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 3
    assert err.splitlines()[0] == (
        "tui-reader: militarization/* is read as 'militarization' and every code below it; "
        "the code 'militarization/*' alone is quoted: \"militarization/*\""
    )
    assert main(tui(project, "query", '"militarization/*"', "--format", "json")) == 0
    out, err = capsys.readouterr()
    assert [r["quote"] for r in json.loads(out)] == ["moved to the border"]
    assert err == "tui-reader: 1 passage matches\n"


def test_an_attribute_in_two_cases_is_one_attribute_to_query_as_to_the_app(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Site (text) on one document and site (a number) on the other: the query said "site
    holds numbers ... no document matches it" of site>abc, which matches (the app, and the
    query's own test, read one attribute: a tie, text)."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "Site=north")) == 0
    assert main(tui(project, "attr", "set", "us-1.txt", "site=3")) == 0
    capsys.readouterr()
    assert main(tui(project, "query", "militarization", "--where", "site>abc", "-f", "json")) == 0
    out, err = capsys.readouterr()
    assert [r["quote"] for r in json.loads(out)] == ["army moved"]
    assert err == "tui-reader: 1 passage matches\n"


def test_a_value_with_spaces_typed_unquoted_says_to_quote_it(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """--where 'country=United States' said a filter of documents takes no codes or text,
    and the query that States is no code: both now say to quote the value."""
    main(tui(project, "attr", "set", "us-1.txt", "country=United States"))
    capsys.readouterr()
    said = 'country=United States: a value with spaces is quoted: country="United States"'
    assert main(tui(project, "report", "frequencies", "--where", "country=United States")) == 2
    assert capsys.readouterr().err == f"tui-reader: {said}\n"
    assert main(tui(project, "query", "country=United States", "-f", "json")) == 1
    # and only so: "no document here has country 'United'" came first
    assert capsys.readouterr().err == f"tui-reader: {said}\ntui-reader: 0 passages match\n"


def test_a_coder_in_a_filter_of_documents_says_to_take_the_coder_option(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """report --where coder:ana (as a query takes coder:ana) was refused as a filter that
    takes "not codes or text", which a coder is not: it now names --coder, quoted as a
    shell reads it."""
    base = "a filter of documents takes attributes (country=Mexico, age>30) and doc:NAME"
    assert main(tui(project, "report", "frequencies", "--where", "coder:ana")) == 2
    said = f"tui-reader: coder:ana: {base}; a coder's passages are taken with --coder ana\n"
    assert capsys.readouterr().err == said
    where = 'country=Mexico AND coder:"Ana Ruiz"'
    assert main(tui(project, "query", "actors", "--where", where)) == 2
    said = f"tui-reader: {where}: {base}; a coder's passages are taken with --coder 'Ana Ruiz'\n"
    assert capsys.readouterr().err == said
    assert main(tui(project, "report", "frequencies", "--where", "actors")) == 2
    assert capsys.readouterr().err == f"tui-reader: actors: {base}, not codes or text\n"


def test_a_querys_markdown_says_the_filters_that_chose_its_passages(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown of query --where country=Mexico said "Selection: query: actors" alone: a
    file of Mexico's passages read as those of every document."""
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico"))
    capsys.readouterr()
    assert main(tui(project, "query", "actors", "--where", "country=Mexico")) == 0
    out = capsys.readouterr().out
    assert "Selection: query: actors; documents where country=Mexico\n" in out
    assert main(tui(project, "query", "actors", "--doc", "us-1.txt")) == 0
    assert "Selection: query: actors; documents corpus/us-1.txt\n" in capsys.readouterr().out
    assert main(tui(project, "query", "actors")) == 0
    assert "Selection: query: actors\n" in capsys.readouterr().out


def test_undo_takes_back_an_attribute_set(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set mx-1.txt age=99, typed over age=34, was no step of the history: undo took
    back the change before it (an annotation) and the 34 was gone."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "age=34")) == 0
    assert main(tui(project, "attr", "set", "mx-1.txt", "age=99", "wave=2")) == 0
    capsys.readouterr()
    db = ["--db", str(project[1])]
    assert main(["undo", *db]) == 0
    assert capsys.readouterr().err == (
        "tui-reader: Undone: set attributes age, wave of corpus/mx-1.txt.\n"
    )
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {"corpus/mx-1.txt": {"age": 34}}
        assert len(store) == 4  # every annotation still there


def test_a_date_set_where_a_year_was_set_first_makes_a_column_of_dates(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set a date=2019, then attr set b date=2019-05-01 was refused ("date holds
    numbers ... unset it first"), where the date first and the year after were taken: the
    order does not matter now, the year is held as the year of dates either way, and undo
    takes the step back whole."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "date=2019")) == 0
    assert main(tui(project, "attr", "set", "us-1.txt", "date=2019-05-01")) == 0
    assert capsys.readouterr().err == (
        "tui-reader: date holds dates now: its numbers of four digits, on 1 document, are "
        "taken as years (each every date within it); undo takes it back\n"
    )
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {
            "corpus/mx-1.txt": {"date": "2019"},
            "corpus/us-1.txt": {"date": "2019-05-01"},
        }
    assert main(["undo", "--db", str(project[1])]) == 0
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {"corpus/mx-1.txt": {"date": 2019}}
    capsys.readouterr()
    assert main(tui(project, "attr", "set", "us-1.txt", "date=soon")) == 2
    assert "date holds numbers" in capsys.readouterr().err
    # the document's own year given its day; and a CSV of dates imported beside years
    assert main(tui(project, "attr", "set", "mx-1.txt", "date=2019-06-02")) == 0
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {"corpus/mx-1.txt": {"date": "2019-06-02"}}
    assert main(["undo", "--db", str(project[1])]) == 0
    table = project[0].parent / "dates.csv"
    table.write_text("doc,date\nus-1.txt,2020-01-02\n")
    assert main(tui(project, "attr", "import", str(table))) == 0
    with AnnotationStore(project[1]) as store:
        assert store.attributes() == {
            "corpus/mx-1.txt": {"date": "2019"},
            "corpus/us-1.txt": {"date": "2020-01-02"},
        }


def test_attr_import_counts_the_documents_of_its_csv_not_the_years_made_dates(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV setting the date of one document, where another held a year, said "attributes
    of 2 documents set": the other's year made the year of dates was counted as set."""
    _one_set_beside_a_year_made_dates(project, capsys, "us-1.txt,2020-01-02\n")


def _one_set_beside_a_year_made_dates(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], rows: str
) -> Path:
    """mx-1.txt's date set to the year 2019, then a CSV of ``rows`` imported: what it says
    when its dates make 2019 the year of dates and one document is set.  The CSV's path."""
    assert main(tui(project, "attr", "set", "mx-1.txt", "date=2019")) == 0
    table = project[0].parent / "dates.csv"
    table.write_text("doc,date\n" + rows)
    capsys.readouterr()
    assert main(tui(project, "attr", "import", str(table))) == 0
    assert capsys.readouterr().err == (
        f"tui-reader: {table}: date holds dates now: its numbers of four digits, on 1 "
        "document, are taken as years (each every date within it); undo takes it back\n"
        f"tui-reader: attributes of 1 document set from {table}\n"
    )
    return table


def test_attr_import_does_not_count_a_year_it_gives_again_made_the_year_of_dates(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV giving a document the year it held (2019) beside another's date said
    "attributes of 2 documents set": the year, unchanged, was counted for its type made the
    year of dates, which its own line says."""
    table = _one_set_beside_a_year_made_dates(
        project, capsys, "mx-1.txt,2019\nus-1.txt,2020-01-02\n"
    )
    table.write_text("doc,date\nmx-1.txt,2018\n")  # a year changed is set
    capsys.readouterr()
    assert main(tui(project, "attr", "import", str(table))) == 0
    assert capsys.readouterr().err == f"tui-reader: attributes of 1 document set from {table}\n"


def test_a_word_held_among_dates_is_found_without_a_line_saying_nothing_is(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """date=pilot, where pilot was set before the dates that made date a column of dates,
    said 'date holds dates and 'pilot' is not one, so no document matches it' above the
    passage it matched."""
    corpus = project[0]
    assert main(tui(project, "attr", "set", "mx-1.txt", "date=pilot")) == 0
    for day in range(1, 4):
        (corpus / f"d{day}.txt").write_text("Words.\n")
        assert main(tui(project, "attr", "set", f"d{day}.txt", f"date=2019-05-0{day}")) == 0
    capsys.readouterr()
    assert main(tui(project, "query", "militarization AND date=pilot", "-f", "csv")) == 0
    out = capsys.readouterr()
    assert "mx-1.txt" in out.out
    assert out.err == "tui-reader: 1 passage matches\n"
    assert main(tui(project, "query", "militarization AND date>soon", "-f", "csv")) == 1
    assert "holds dates" not in capsys.readouterr().err  # (pilot is compared with it)


def test_a_cooccurrence_of_one_code_says_it_needs_two(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """report cooccurrence --tag security printed a table of one row and only a tag column,
    nothing said; a line says why, naming the code, and the table of one cell, that code's
    name again, is left out (a csv or json keeps its row, for a script; the csv's header
    names the code's column, as every co-occurrence csv does: it was 'tag' alone)."""
    capsys.readouterr()
    said = (
        "tui-reader: co-occurrence needs two codes or more, and this report has one, "
        "'security/border' (name another with --tag)\n"
    )
    for form in ("table", "markdown"):
        assert main(tui(project, "report", "cooccurrence", "--tag", "security", "-f", form)) == 0
        assert capsys.readouterr() == ("", said), form
    assert main(tui(project, "report", "cooccurrence", "--tag", "security", "-f", "csv")) == 0
    out = capsys.readouterr()
    assert out.out == "\ufefftag,security/border\r\nsecurity/border,\r\n" and out.err == said
    assert main(tui(project, "report", "cooccurrence", "--tag", "security,actors")) == 0
    assert capsys.readouterr().err == ""


def test_no_such_memo_names_what_was_asked_for(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``memo show 1`` said "no such memo", naming neither the id nor what was asked for."""
    assert main(tui(project, "memo", "show", "1")) == 2
    assert capsys.readouterr().err == "tui-reader: no memo with the id '1' (memo list)\n"
    assert main(tui(project, "memo", "show", "x" * 5000)) == 2
    err = capsys.readouterr().err
    assert "'xxx" in err and "…" in err and len(err) < 500  # its two ends when it is long
    assert main(tui(project, "memo", "delete", "2")) == 2
    assert capsys.readouterr().err == "tui-reader: no memo with the id '2' (memo list)\n"
    assert main(tui(project, "memo", "show", "--code", "militarization")) == 2
    assert capsys.readouterr().err == "tui-reader: no memo of the code 'militarization'\n"
    assert main(tui(project, "memo", "show", "--doc", "mx-1.txt")) == 2
    assert capsys.readouterr().err == "tui-reader: no memo of the document 'corpus/mx-1.txt'\n"
    assert main(tui(project, "memo", "show", "--journal")) == 2
    assert capsys.readouterr().err == "tui-reader: no journal memo\n"


def test_no_such_database_folder_or_document_says_a_long_name_by_its_two_ends(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A name of a thousand characters (folders of short names: no system limit met) was
    said whole in its 'no such ...' line."""
    corpus, db = project
    far = "/".join([str(corpus.parent), *["deep"] * 250])
    assert main(["memo", "list", "--corpus", str(corpus), "--db", f"{far}/db.json"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("/db.json: no such database\n") and "…" in err and len(err) < 500
    assert main(["list", "--corpus", far, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.endswith(": No such file or directory\n") and "…" in err and len(err) < 500
    assert main(tui(project, "memo", "show", "--doc", f"{far}/x.txt")) == 2
    err = capsys.readouterr().err
    assert "x.txt: no such document" in err and len(err) < 1000


def test_a_deleted_file_s_annotations_are_said_left_out_for_the_file_not_the_text(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """With an annotated file deleted, query and report said 'No such file or directory',
    then '2 orphaned annotations left out (their passage is not in the current text)':
    the text blamed for a file gone. A passage the edited text lost is still an orphan. The
    file gone is said once, naming it, not first as a file not read and then again."""
    corpus, _ = project
    (corpus / "us-1.txt").unlink()
    (corpus / "mx-1.txt").write_text("The army moved to the coast.\n", encoding="utf-8")
    for command in (["query", "militarization OR actors/us"], ["report", "frequencies"]):
        main(tui(project, *command))
        said = [line for line in capsys.readouterr().err.splitlines() if "match" not in line]
        assert said == [
            f"tui-reader: {corpus / 'us-1.txt'}: no such file (moved, deleted or never here?): "
            "2 annotations left out",
            "tui-reader: 1 orphaned annotation left out (their passage is not in the current text)",
        ]


def test_attr_set_refuses_an_empty_value_and_names_attr_unset(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """attr set mx-1.txt country="" stored an empty value, listed as country="", which
    queries take for no value (and a script's empty variable would overwrite a country):
    it is refused in one line naming attr unset, nothing stored."""
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico"))
    capsys.readouterr()
    for empty in ("country=", "country=  "):
        assert main(tui(project, "attr", "set", "mx-1.txt", "age=34", empty)) == 2
        assert capsys.readouterr().err == (
            "tui-reader: country: an empty value is no value; to remove the attribute: "
            "tui-reader attr unset mx-1.txt country\n"
        )
    assert main(tui(project, "attr", "list", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == {"corpus/mx-1.txt": {"country": "Mexico"}}


def test_a_code_named_with_quotes_typed_unquoted_beside_a_code_is_said_quoted(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """With the codes 'b' and 'b "q"', query 'b "q"' is b AND q, and said only "no code
    'q'": it names the code 'b "q"' now, written as a query takes it."""
    main(tui(project, "annotate", "mx-1.txt", "--quote", "army", "--tag", "b"))
    main(tui(project, "annotate", "mx-1.txt", "--quote", "border", "--tag", 'b "q"'))
    capsys.readouterr()
    assert main(tui(project, "query", 'b "q"', "--format", "json")) == 1
    assert (
        'tui-reader: no code \'q\' in the codebook (did you mean "b \\"q\\"", quoted?)\n'
        in capsys.readouterr().err
    )
    assert main(tui(project, "query", '"b \\"q\\""', "--format", "json")) == 0


def test_attr_list_and_a_report_take_a_stored_empty_value_for_none(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A database that held country "" (stored before attr set refused it) listed it in attr
    list, and a matrix by country counted it as a country."""
    corpus, db = project
    with AnnotationStore(db) as store:
        key = Workspace(corpus, db).key(corpus / "mx-1.txt")
        store.set_attributes([(key, {"country": ""})])
    capsys.readouterr()
    assert main(tui(project, "attr", "list", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == {}
    assert main(tui(project, "report", "matrix", "--by", "country", "--format", "json")) == 2
    assert "no document here has the attribute 'country'" in capsys.readouterr().err


def test_query_and_report_take_the_corpus_folder_as_path_as_export_does(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``report matrix corpus`` and ``query CODE corpus`` were refused ('unrecognized
    arguments: corpus') where export, list and search take the corpus folder as PATH: it is
    the same as --corpus; two folders named are refused in one line, and a file is one
    document, as --doc names it (see the test of files as PATH below)."""
    corpus, db = project
    by_option = main(tui(project, "report", "matrix", "-f", "csv"))
    expected = capsys.readouterr().out
    assert by_option == 0 and expected
    assert main(["report", "matrix", str(corpus), "--db", str(db), "-f", "csv"]) == 0
    assert capsys.readouterr().out == expected
    assert main(["query", "militarization", str(corpus), "--db", str(db), "-f", "csv"]) == 0
    assert capsys.readouterr().out.count("militarization") == 2
    assert main(["query", "actors", str(corpus / "mx-1.txt"), "--db", str(db), "-f", "csv"]) == 0
    assert capsys.readouterr().out == by_doc(project, capsys, "query", "actors", "mx-1.txt")
    assert main([*tui(project, "report", "frequencies"), str(corpus.parent)]) == 2
    assert "two corpora named" in capsys.readouterr().err


def test_memo_and_attr_take_a_document_outside_the_corpus_by_its_path_as_annotate_does(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named by its path outside the corpus (the user's folder, the corpus the sample
    one) is coded by annotate, but memo add --doc and attr set said 'no such document in the
    corpus or the database' of the file right there.  They take it as annotate does; the
    memo, the attribute and annotate's passage are on the one document."""
    _, db = project
    notes = tmp_path / "elsewhere" / "notes.txt"
    notes.parent.mkdir()
    notes.write_text("Field notes on the border.\n", encoding="utf-8")
    assert main(tui(project, "memo", "add", "--doc", str(notes), "A visit.")) == 0
    assert main(tui(project, "attr", "set", str(notes), "country=Mexico")) == 0
    assert main(tui(project, "attr", "list", str(notes))) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("country=Mexico")
    assert main(tui(project, "annotate", str(notes), "--quote", "border", "-t", "x")) == 0
    with AnnotationStore(db, read_only=True) as store:
        [memo] = [m for m in store.memos() if m.kind is MemoKind.DOCUMENT]
        [coded] = [a.document for a in store.annotations() if a.tags == ("x",)]
        assert memo.target == coded and set(store.attributes()) == {coded}
    # a file of no format read here, or none there, is still no document
    (notes.parent / "data.pptx").write_text("a,b\n", encoding="utf-8")
    for name, reason in (("data.pptx", "unsupported file type '.pptx'"), ("gone.txt", "no such")):
        assert main(tui(project, "attr", "set", str(notes.parent / name), "a=b")) == 2
        assert reason in capsys.readouterr().err


def test_attr_import_of_a_table_with_its_documents_in_another_column_says_so_in_few_lines(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A table of cases (participant, age, file) whose file names are in its last column:
    each of its 300 rows was a line 'P7: no such document', 300 lines above the summary, and
    none said why.  The first line says which column names the documents, twenty rows are
    named and the rest counted."""
    rows = "".join(
        f"P{n},{20 + n % 40},{'mx-1.txt' if n % 2 else 'us-1.txt'}\n" for n in range(300)
    )
    table = tmp_path / "people.csv"
    table.write_text("participant,age,file\n" + rows, encoding="utf-8")
    assert main(tui(project, "attr", "import", str(table))) == 1
    said = capsys.readouterr().err.splitlines()
    assert said[0] == (
        f"tui-reader: {table}: the first column names no document here; the column 'file' "
        "does: the documents go in the first column"
    )
    assert said[1] == f"tui-reader: {table}: P0: no such document in the corpus or the database"
    assert said[-2:] == [
        f"tui-reader: {table}: 281 more like these",
        f"tui-reader: attributes of 0 documents set from {table}",
    ]
    assert len(said) == 22  # the first twenty problems, how many more, the summary


def test_report_help_says_what_a_cooccurrence_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """report --help said co-occurrence was 'how often each two codes meet', never which
    meeting it counts: the same passage, overlapping passages, or one document (as some
    tools count); it says what a place is, and what frequencies' figures are."""
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for said in (
        "a passage carrying both or two overlapping passages of one coder",
        "passages of two coders never meet",
        "nor two passages of one document that do not overlap",
        "characters (overlaps once)",
    ):
        assert said in help_text


def test_query_takes_the_coders_report_takes(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """report --coder ben counts Ben's passages, but query actors/us --coder ben stopped at
    'unrecognized arguments': query takes --coder as report does, as coder:NAME in it."""
    for coder, quote in (("ben", "Washington"), ("BEN", "navy")):
        argv = ["annotate", "us-1.txt", "--quote", quote, "-t", "actors/us", "--coder", coder]
        assert main(tui(project, *argv)) == 0
    capsys.readouterr()
    assert main(tui(project, "query", "actors/us", "--coder", "Ben", "-f", "json")) == 0
    assert sorted(r["coder"] for r in json.loads(capsys.readouterr().out)) == ["BEN", "ben"]
    argv = ("query", "actors OR militarization", "--coder", "BEN", "--coder", "ben", "-f", "json")
    assert main(tui(project, *argv)) == 0
    assert sorted(r["coder"] for r in json.loads(capsys.readouterr().out)) == ["BEN", "ben"]
    assert main(tui(project, "query", "actors/us OR", "--coder", "ben")) == 2
    assert capsys.readouterr().err == (  # the column of the query as typed
        "tui-reader: query: column 13: the query ends too soon: expected a code or a filter: "
        "actors/us OR\n"
    )


def test_agreement_says_a_coder_who_coded_nothing_in_the_documents_compared(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """agreement tester ben --doc us-1.txt, Ben having coded mx-1.txt alone (or his database
    not merged yet), gave kappas of 0 and nothing else: each figure as if Ben had read the
    text and coded none of it.  The figures stay (that is what the data say), and a line
    says Ben coded nothing there."""
    argv = ["annotate", "mx-1.txt", "--quote", "army", "-t", "militarization", "--coder", "ben"]
    assert main(tui(project, *argv)) == 0
    capsys.readouterr()
    assert main(tui(project, "agreement", "tester", "ben", "--doc", "us-1.txt", "-f", "json")) == 0
    out, err = capsys.readouterr()
    assert {r["only_b"] for r in json.loads(out)} == {0}
    assert err == (
        "tui-reader: ben coded nothing in corpus/us-1.txt: every unit tester coded counts as "
        "one ben left uncoded\n"
    )
    assert main(tui(project, "agreement", "tester", "ben", "-f", "json")) == 0
    # both coded mx-1.txt: not "coded nothing", the document only one coded named instead
    assert "coded nothing in corpus/us-1.txt:" not in (err := capsys.readouterr().err)
    assert "ben coded nothing in 1 document that tester coded" in err


def test_agreement_says_how_many_orphaned_passages_of_the_documents_compared_it_left_out(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # us-1.txt written over: tester's two passages there have no place in its text
    argv = ["annotate", "mx-1.txt", "--quote", "army", "-t", "militarization", "--coder", "ben"]
    assert main(tui(project, *argv)) == 0
    (project[0] / "us-1.txt").write_text("Nothing of it is left.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(tui(project, "agreement", "tester", "ben", "-f", "json")) == 0
    err = capsys.readouterr().err
    assert "tui-reader: 2 orphaned passages left out (no place in the current text)\n" in err
    assert main(tui(project, "agreement", "tester", "ben", "--doc", "mx-1.txt")) == 0
    assert "orphaned" not in capsys.readouterr().err  # none on the document compared


def test_codes_named_like_numbers_are_text_in_every_csv_a_spreadsheet_opens(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """report's and agreement's CSV wrote a code named +1 or -5 as it is, which a
    spreadsheet reads as the number 1 or -5 (query's wrote '+1); their counts and a
    negative kappa stay numbers."""
    for coder, quote, tag in (("ana", "army", "+1"), ("ben", "army", "-5"), ("ben", "navy", "+1")):
        argv = ["annotate", "mx-1.txt" if quote == "army" else "us-1.txt"]
        assert main(tui(project, *argv, "--quote", quote, "-t", tag, "--coder", coder)) == 0
    capsys.readouterr()

    def cells(*argv: str) -> list[list[str]]:
        assert main(tui(project, *argv, "-f", "csv")) == 0
        return list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))

    frequencies = {row[0]: row[1:] for row in cells("report", "frequencies")}
    assert frequencies["'+1"][:2] == ["2", "2"] and "'-5" in frequencies
    assert not {"+1", "-5"} & set(frequencies)
    header = cells("report", "cooccurrence")[0]
    assert "'+1" in header and "'-5" in header and "-5" not in header
    agreement = {row[0]: row for row in cells("agreement", "ana", "ben", "--tag", "+1,-5")}
    assert set(agreement) >= {"'+1", "'-5"} and not {"+1", "-5"} & set(agreement)
    assert float(agreement["'-5"][3]) <= 0  # kappa: a number, not text


def test_report_and_query_of_a_coder_say_that_coder_s_orphans_alone(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """report --coder tester said "1 orphaned annotation left out" of Ben's passage whose
    words were edited away, and the tester took a passage of theirs to be missing from the
    figures; --coder ben says it, and every coder's report too."""
    corpus, _ = project
    argv = ["annotate", "us-1.txt", "--quote", "advisers", "-t", "actors", "--coder", "ben"]
    assert main(tui(project, *argv)) == 0
    text = (corpus / "us-1.txt").read_text(encoding="utf-8")
    (corpus / "us-1.txt").write_text(text.replace("sent advisers", "said nothing"), "utf-8")
    capsys.readouterr()
    said = "tui-reader: 1 orphaned annotation left out (their passage is not in the current text)"
    for args, orphan in [
        (("report", "frequencies", "--coder", "tester"), False),
        (("query", "militarization", "--coder", "tester"), False),
        (("report", "frequencies", "--coder", "Ben"), True),
        (("report", "frequencies"), True),
        (("query", "militarization"), True),
        (("query", "militarization AND coder:tester"), False),
        (("query", "coder:Ben OR coder:tester"), True),
        (("query", "militarization AND NOT coder:ben"), False),
        (("query", "militarization AND NOT (coder:ben OR coder:cy)"), False),
        (("query", "NOT (coder:tester OR coder:cy)"), True),
        (("query", "coder:ben", "--coder", "tester"), False),
    ]:
        main(tui(project, *args))
        assert (said in capsys.readouterr().err.splitlines()) is orphan, args


@pytest.mark.parametrize("column", ["summary", "age:number", "interviewed:date"])
def test_attr_import_refuses_a_value_longer_than_a_note_alone_in_one_line(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str
) -> None:
    # A cell of 100 MB (a file pasted in by mistake, a tool's export gone wrong) was stored:
    # 17 s, 1.26 GB, a database of 206 MB; and a cell of words in a column of numbers or
    # dates was refused with the whole cell in its line.  A value may be as long as a note.
    table = tmp_path / "cases.csv"
    name = column.partition(":")[0]
    huge = "x" * (16 * 2**20 + 1)
    table.write_text(f"doc,{column},country\nmx-1.txt,{huge},Mexico\nus-1.txt,{'y' * 1_000},USA\n")
    assert main(tui(project, "attr", "import", str(table))) == 1
    said = capsys.readouterr().err
    assert huge not in said and len(said) < 1_000, said[:300]
    assert (
        f"tui-reader: {table}: row 2, column {name}: a value of more than 16,777,216 "
        "characters; an "
        "attribute's value may be at most 16,777,216, as a note may be"
    ) in said.splitlines()
    store = AnnotationStore(project[1])
    held = store.attributes()
    store.close()
    assert held["corpus/mx-1.txt"] == {"country": "Mexico"}  # the cell alone left out
    assert held["corpus/us-1.txt"]["country"] == "USA"
    if name == "summary":
        assert held["corpus/us-1.txt"]["summary"] == "y" * 1_000
    else:
        assert "'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'…" in said


def test_attr_set_refuses_a_value_longer_than_a_note(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    value = "x" * (16 * 2**20 + 1)
    assert main(tui(project, "attr", "set", "mx-1.txt", "summary=" + value)) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and len(said) < 300, said[:300]
    assert "summary: a value of 16,777,217 characters" in said


@pytest.mark.parametrize(
    "words",
    [
        ["query", "militarization"],
        ["query", "actors", "--where", "country=Mexico"],
        ["report", "frequencies"],
        ["report", "matrix", "--by", "country"],
        ["report", "cooccurrence"],
        ["agreement", "tester", "other"],
        ["agreement", "tester", "other", "--disagreements"],
    ],
    ids=" ".join,
)
def test_json_is_format_json_as_the_listings_take_it(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], words: list[str]
) -> None:
    """list, search, tags, coders, history, memo list and attr list print JSON with --json;
    query, report and agreement refused it ("unrecognized arguments: --json (did you mean
    --sort?)"), a script having to know which command takes --format json.  --json is now
    --format json to them, its output and exit status the same, byte for byte."""
    main(tui(project, "attr", "set", "mx-1.txt", "country=Mexico"))
    main(tui(project, "annotate", "us-1.txt", "--quote", "navy", "--tag", "actors/us",
             "--coder", "other"))  # fmt: skip
    capsys.readouterr()
    status = main(tui(project, *words, "--format", "json"))
    as_format = capsys.readouterr()
    assert status in (0, 1)
    assert isinstance(json.loads(as_format.out), list)
    assert main(tui(project, *words, "--json")) == status
    assert capsys.readouterr() == as_format


def by_doc(project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], *words: str) -> str:
    """What ``COMMAND ... --doc D...`` prints as CSV (``words``: the command's words, then
    the documents), the corpus named."""
    *command, document = words
    documents = [document]
    while command and command[-1].endswith(".txt"):
        documents.insert(0, command.pop())
    docs = [word for name in documents for word in ("--doc", name)]
    assert main(tui(project, *command, *docs, "-f", "csv")) in (0, 1)
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "words",
    [
        ["query", "militarization OR actors"],
        ["report", "frequencies"],
        ["report", "matrix"],
        ["report", "cooccurrence"],
    ],
    ids=" ".join,
)
def test_files_named_as_path_are_each_a_doc_as_export_takes_them(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    words: list[str],
) -> None:
    """``search -l war docs | xargs tui-reader report frequencies`` and ``query CODE
    docs/*.txt`` were refused ("a file, not a folder: PATH is the corpus folder", and for a
    second file "unrecognized arguments") where export, list and search take files: the
    files are each a --doc now, their folder the corpus, the output that of --doc; a file
    not there, or a folder among them, is refused and nothing is counted."""
    corpus, db = project
    monkeypatch.chdir(corpus.parent)
    for files in (["corpus/mx-1.txt"], ["corpus/mx-1.txt", "corpus/us-1.txt"]):
        expected = by_doc(project, capsys, *words, *(Path(f).name for f in files))
        assert main([*words, *files, "--db", str(db), "-f", "csv"]) in (0, 1)
        out = capsys.readouterr()
        assert out.out == expected
        assert "a file, not a folder" not in out.err
    assert main([*words, "corpus/mx-1.txt", "corpus/gone.txt", "--db", str(db)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == "tui-reader: corpus/gone.txt: No such file or directory\n"
    assert main([*words, "corpus/mx-1.txt", str(corpus.parent), "--db", str(db)]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("report", "format_name", "out"),
    [
        ("frequencies", "table", ""),
        ("matrix", "table", ""),
        ("cooccurrence", "table", ""),
        ("frequencies", "csv", "\ufefftag,passages,documents,characters,coverage\r\n"),
        ("frequencies", "json", "[]\n"),
    ],
)
def test_a_report_of_no_coded_passage_prints_no_line_of_a_table(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    report: str,
    format_name: str,
    out: str,
) -> None:
    """A report of a document no passage of which is coded printed "(no coded passages)" on
    stdout, a row to a script reading the table; as coders with no coder, memo list and attr
    list with none print no line (exit 0), nor does it, and a CSV is its header."""
    corpus, _db = project
    (corpus / "uncoded.txt").write_text("Nothing coded here.\n", encoding="utf-8")
    argv = tui(project, "report", report, "--doc", "uncoded.txt", "-f", format_name)
    assert main(argv) == 0
    assert capsys.readouterr() == (out, "")
