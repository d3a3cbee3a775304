"""A code longer than a person may type (a level of more than 200 characters, a whole of more than
1,000) is refused whichever way it comes in: a REFI-QDA project or codebook, a JSON export, a
project file, a colleague's database.  A passage carrying one, the codebook's entry of it and a
memo of it are left out alone, each named in a line, the rest taken, exit 1; a file whose every
passage carries one is refused whole, in one line naming it and the code, before anything is
written: no source file in the corpus, no memo, attribute or passage saved.  A long code the
database holds already is kept, as typing it is."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import Memo
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "hello world this is a text"
LONG = "x" * 201  # one more than a level may be


def _qde(code: str, other: str = "") -> str:
    """A project coding TEXT's first word with ``code`` (and its last with ``other``)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Users><User guid="U1" name="ana" /></Users><CodeBook><Codes>'
        f'<Code guid="C1" name="{code}" isCodable="true" />'
        + (f'<Code guid="C2" name="{other}" isCodable="true" />' if other else "")
        + "</Codes></CodeBook>"
        '<Variables><Variable guid="V1" name="site" typeOfVariable="Text" /></Variables>'
        '<Sources><TextSource guid="S1" name="a.txt">'
        f"<PlainTextContent>{TEXT}</PlainTextContent>"
        '<PlainTextSelection guid="G1" startPosition="0" endPosition="5" creatingUser="U1">'
        '<Coding guid="K1"><CodeRef targetGUID="C1"/></Coding></PlainTextSelection>'
        + (
            '<PlainTextSelection guid="G2" startPosition="22" endPosition="26" creatingUser="U1">'
            '<Coding guid="K2"><CodeRef targetGUID="C2"/></Coding></PlainTextSelection>'
            if other
            else ""
        )
        + '<VariableValue><VariableRef targetGUID="V1"/><TextValue>Lima</TextValue>'
        "</VariableValue></TextSource></Sources>"
        "<Notes><Note guid='N1' name='day one'><PlainTextContent>a memo</PlainTextContent>"
        "</Note></Notes></Project>"
    )


def _where(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    return corpus, tmp_path / "db.json"


def test_a_projects_code_too_long_refuses_it_writing_no_source_memo_or_attribute(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _where(tmp_path)
    path = tmp_path / "long.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _qde(LONG))
    assert main(["import", str(path), "--db", str(db), "--corpus", str(corpus)]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "long.qdpx: nothing imported" in err and "(201 characters)" in err
    assert "at most 200" in err and LONG not in err
    assert list(corpus.iterdir()) == []  # the source was written before the codes were read
    if db.exists():
        with AnnotationStore(db, read_only=True) as store:
            assert (store.annotations(), store.memos(), store.attributes()) == ([], [], {})
            assert store.tags() == []


def test_a_projects_coding_of_a_code_too_long_is_left_out_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One code of 201 characters in a QualCoder project refused the whole project: its
    coding and the code are left out, each said, the rest imported (the source, its other
    coding, the memo, the variable), exit 1."""
    corpus, db = _where(tmp_path)
    path = tmp_path / "long.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _qde(LONG, "fine"))
    assert main(["import", str(path), "--db", str(db), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    left = [line for line in err.splitlines() if "not imported" in line]
    assert len(left) == 1 and "long.qdpx: annotation " in left[0], err
    assert "(201 characters)" in left[0] and LONG not in err
    assert [p.name for p in corpus.iterdir()] == ["a.txt"]
    with AnnotationStore(db, read_only=True) as store:
        assert [(a.quote, a.tags) for a in store.annotations()] == [("text", ("fine",))]
        assert [t.name for t in store.tags()] == ["fine"]
        assert len(store.memos()) == 1 and store.attributes() == {"corpus/a.txt": {"site": "Lima"}}


def test_a_projects_code_as_long_as_one_may_be_typed_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _where(tmp_path)
    path = tmp_path / "fine.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _qde("x" * 200))
    assert main(["import", str(path), "--db", str(db), "--corpus", str(corpus)]) == 0
    with AnnotationStore(db, read_only=True) as store:
        assert [a.tags for a in store.annotations()] == [("x" * 200,)]


def _export(tmp_path: Path, code: str, fmt: str) -> tuple[Path, Path, Path]:
    """A database coding ``TEXT`` with ``code`` (stored as older versions let it), exported
    in ``fmt``: the corpus, the database and the export."""
    corpus, db = _where(tmp_path)
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    with AnnotationStore(db) as store:
        store.add(make_annotation("corpus/a.txt", TEXT, 0, 5, text_sha256(TEXT), (code,)))
    out = tmp_path / f"out.{fmt}"
    assert (
        main(["export", "--format", fmt, "-o", str(out), "--db", str(db), "--corpus", str(corpus)])
        == 0
    )
    return corpus, db, out


@pytest.mark.parametrize("fmt", ["json", "project", "w3c", "qdpx"])
def test_an_export_with_a_code_too_long_is_refused_by_another_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code = "a/" + "y" * 150 + "/" + LONG
    corpus, db, out = _export(tmp_path, code, fmt)
    fresh = tmp_path / "fresh.json"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(fresh), "--corpus", str(corpus)]) != 0
    err = capsys.readouterr().err
    assert "nothing imported" in err and "at most 200" in err and code not in err
    if fresh.exists():
        with AnnotationStore(fresh, read_only=True) as store:
            assert (store.annotations(), store.tags(), store.memos()) == ([], [], [])
    # the database that holds it takes its own export back: a code kept is kept
    assert main(["import", str(out), "--db", str(db), "--corpus", str(corpus)]) == 0


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_passage_with_a_code_too_long_is_left_out_the_others_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A JSON export of a colleague's with one passage carrying a code of 1,010 characters
    among good ones was refused whole ("nothing imported"), where a W3C file leaves such a
    passage out alone: it is left out, said, the others taken, exit 1."""
    corpus, _db, out = _export(tmp_path, "ok", "json")
    records = json.loads(out.read_text(encoding="utf-8"))
    records.append({**records[0], "id": "long", "start": 6, "end": 11, "quote": "world",
                    "tags": ["y" * 1010]})  # fmt: skip
    out.write_text(json.dumps(records), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    capsys.readouterr()
    assert main([command, str(out), "--db", str(fresh), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    verb = "imported" if command == "import" else "merged"
    left = [line for line in err.splitlines() if f"not {verb}" in line]
    assert len(left) == 1 and "out.json: annotation 'long': bad tag name" in left[0], err
    assert "(1,010 characters)" in left[0]
    with AnnotationStore(fresh, read_only=True) as store:
        assert [(a.quote, a.tags) for a in store.annotations()] == [("hello", ("ok",))]
        assert [t.name for t in store.tags()] == ["ok"]


def test_a_colleagues_database_with_a_code_too_long_is_not_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, theirs, _ = _export(tmp_path, "z" * 1001, "json")
    mine = tmp_path / "mine.json"
    capsys.readouterr()
    assert main(["merge", str(theirs), "--db", str(mine), "--corpus", str(corpus)]) != 0
    err = capsys.readouterr().err
    assert "nothing merged" in err and "(1,001 characters)" in err, err
    if mine.exists():
        with AnnotationStore(mine, read_only=True) as store:
            assert (store.annotations(), store.tags()) == ([], [])


def test_a_json_file_with_a_level_too_long_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, _db, out = _export(tmp_path, "ok", "json")
    records = json.loads(out.read_text(encoding="utf-8"))
    records = records["annotations"] if isinstance(records, dict) else records
    records[0]["tags"] = ["ok", "p/" + LONG]
    out.write_text(json.dumps(records), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(fresh), "--corpus", str(corpus)]) != 0
    err = capsys.readouterr().err
    assert f"{out}: nothing imported: bad tag name 'p/xxx" in err, err


def test_a_projects_memo_of_a_code_too_long_is_left_out_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project's memo of a code of 300 characters, not in its codebook, was imported as a
    memo about nothing; then it refused the whole project.  It is left out, said, the rest
    of the project imported, exit 1."""
    corpus, _, out = _export(tmp_path, "policy", "project")
    project = json.loads(out.read_text(encoding="utf-8"))
    code = "m" * 300
    project["memos"] = [
        {"id": "m1", "kind": "code", "target": code, "text": "why\n",
         "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z"},
        {"id": "m2", "kind": "journal", "target": "", "text": "day one\n",
         "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z"},
    ]  # fmt: skip
    out.write_text(json.dumps(project), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(fresh), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    left = [line for line in err.splitlines() if "not imported" in line]
    assert len(left) == 1 and "out.project: a memo of a code: bad tag name" in left[0], err
    assert "(300 characters)" in left[0] and code not in err
    with AnnotationStore(fresh, read_only=True) as store:
        assert [a.tags for a in store.annotations()] == [("policy",)]
        assert [m.id for m in store.memos()] == ["m2"]


def test_a_colleagues_memo_of_a_code_too_long_is_left_out_of_the_merge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, theirs, _ = _export(tmp_path, "policy", "json")
    code = "m" * 300
    with AnnotationStore(theirs) as store:
        store.put_memo(
            Memo.from_record(
                {"id": "m1", "kind": "code", "target": code, "text": "why\n",
                 "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z"}
            )
        )  # fmt: skip
    mine = tmp_path / "mine.json"
    capsys.readouterr()
    assert main(["merge", str(theirs), "--db", str(mine), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    left = [line for line in err.splitlines() if "not merged" in line]
    assert len(left) == 1 and "a memo of a code: bad tag name" in left[0], err
    assert "(300 characters)" in left[0]
    with AnnotationStore(mine, read_only=True) as store:
        assert [a.tags for a in store.annotations()] == [("policy",)]
        assert store.memos() == []
