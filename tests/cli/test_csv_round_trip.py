"""Our own CSV export imported into an empty database gives back each passage under its own
id, so that the two databases are one coding: merged, nothing is doubled."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


def _records(db: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    records: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return records


def _army(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A corpus of one text (a.txt), a database beside it (not made yet), and the arguments
    that annotate a.txt in them."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border. The army left.\n", "utf-8")
    db = tmp_path / "ours.json"
    return corpus, db, ["--db", str(db), "--corpus", str(corpus), "a.txt"]


def _csv(tmp_path: Path, corpus: Path, db: Path) -> Path:
    """The CSV export of ``db`` over ``corpus``, written to a file."""
    out = tmp_path / "out.csv"
    assert main(["export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(out)]) == 0
    return out


def test_a_csv_export_comes_back_under_its_ids_and_merges_as_the_same_coding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military,place"]) == 0
    assert main(["annotate", *at, "--quote", "The army left", "--tag", "=sum"]) == 0
    out = _csv(tmp_path, corpus, db)
    theirs = tmp_path / "theirs.json"
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    ours_ids = sorted(str(r["id"]) for r in _records(db, corpus, capsys))
    assert sorted(str(r["id"]) for r in _records(theirs, corpus, capsys)) == ours_ids
    # a colleague who began from our CSV: their database merged here adds no passage twice
    assert main(["merge", "--db", str(db), "--corpus", str(corpus), str(theirs)]) == 0
    assert sorted(str(r["id"]) for r in _records(db, corpus, capsys)) == ours_ids


def test_a_taguette_highlight_numbered_as_taguette_numbers_them_gets_an_id_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", "utf-8")
    sheet = tmp_path / "highlights.csv"
    sheet.write_text("id,document,tag,content\n1,a.txt,army,The army\n", "utf-8")
    db = tmp_path / "db.json"
    assert main(["import", "--db", str(db), "--corpus", str(corpus), str(sheet)]) == 0
    (record,) = _records(db, corpus, capsys)
    assert len(str(record["id"])) == 36 and record["id"] != "1"


def _dated_export(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A corpus, a database with a passage created on one day and changed on another, and
    its CSV export (the file's own time later than both)."""
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    with AnnotationStore(db) as store:
        (old,) = store.annotations()
        store.put(
            old.evolve(note="first", created="2026-01-02T10:00:00Z", updated="2026-01-05T16:30:00Z")
        )
    return corpus, db, _csv(tmp_path, corpus, db)


def test_a_csv_export_comes_back_with_each_passage_s_own_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each passage imported from our CSV was dated as changed when the file was written:
    a round trip into an empty database changed every passage's ``updated``."""
    corpus, db, out = _dated_export(tmp_path)
    theirs = tmp_path / "theirs.json"
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    ours = _records(db, corpus, capsys)
    assert [(r["created"], r["updated"]) for r in _records(theirs, corpus, capsys)] == [
        ("2026-01-02T10:00:00Z", "2026-01-05T16:30:00Z")
    ]
    for mine, back in zip(ours, _records(theirs, corpus, capsys), strict=True):
        # all but the count of this database's own saves of it, which a CSV does not carry
        assert {k: v for k, v in back.items() if v != mine[k]}.keys() <= {"revision"}


def test_a_note_changed_in_the_spreadsheet_is_dated_when_the_file_was_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row changed in a spreadsheet still carries the passage's time: the change is the
    file's, newer than ours, and replaces ours (not a conflict kept beside it)."""
    corpus, db, out = _dated_export(tmp_path)
    out.write_text(out.read_text("utf-8-sig").replace(",first,", ",second,"), "utf-8-sig")
    saved = datetime(2026, 2, 1, 9, 0, tzinfo=UTC).timestamp()
    os.utime(out, (saved, saved))
    assert main(["import", "--db", str(db), "--corpus", str(corpus), str(out)]) == 0
    assert "1 updated" in capsys.readouterr().err
    ((note, updated),) = [(r["note"], r["updated"]) for r in _records(db, corpus, capsys)]
    assert (note, updated) == ("second", "2026-02-01T09:00:00Z")


def test_a_csv_exports_attributes_come_back_with_their_types_into_an_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db, at = _army(tmp_path)
    (corpus / "b.txt").write_text("Nothing coded here.\n", "utf-8")
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    assert main(["annotate", *at, "--quote", "The army left", "--tag", "place"]) == 0
    where = ["--db", str(db), "--corpus", str(corpus)]
    values = ["year=2020", "date=2020-03-01", "country=-Mexico", "start=early"]
    assert main(["attr", "set", *where, "a.txt", *values]) == 0
    out = _csv(tmp_path, corpus, db)
    theirs = tmp_path / "theirs.json"
    capsys.readouterr()
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    assert "set 4 attribute values of 1 document" in capsys.readouterr().err
    with AnnotationStore(theirs) as store:
        assert store.attributes() == {
            "c/a.txt": {"year": 2020, "date": "2020-03-01", "country": "-Mexico", "start": "early"}
        }
    # imported again (or into ours): nothing to set, nothing said to differ
    assert main(["import", "--db", str(db), "--corpus", str(corpus), str(out)]) == 0
    assert "attribute value" not in capsys.readouterr().err


def test_a_csv_export_saved_again_by_a_spreadsheet_with_semicolons_keeps_its_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet where the decimal mark is a comma saves our CSV with ';' between cells
    and 3,5 for 3.5: the attribute is the number it was, not the text '3,5'."""
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    assert main(["annotate", *at, "--quote", "The army left", "--tag", "place"]) == 0
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *where, "a.txt", "score=3.5", "wave=2"]) == 0
    rows = list(csv.reader(io.StringIO(_csv(tmp_path, corpus, db).read_text("utf-8-sig"))))
    saved = tmp_path / "saved.csv"
    with saved.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerows([cell.replace("3.5", "3,5") for cell in row] for row in rows)
    theirs = tmp_path / "theirs.json"
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(saved)]) == 0
    with AnnotationStore(theirs) as store:
        assert store.attributes() == {"c/a.txt": {"score": 3.5, "wave": 2}}


def test_an_attribute_named_as_a_column_of_ours_in_another_case_is_no_passages_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Attributes named Coder and Content were written as columns of those names after our
    own (coder, content): read back, case aside, they took the place of those, the passage's
    text became 'speech' and its coder 'interviewer1'.  They are written attribute:Coder
    now, and a file written before is read by its first column of each name."""
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *where, "a.txt", "Coder=interviewer1", "Content=speech"]) == 0
    out = _csv(tmp_path, corpus, db)
    text = out.read_text("utf-8-sig")
    assert text.splitlines()[0].endswith(",updated,attribute:Coder,attribute:Content")
    before = tmp_path / "before.csv"  # as the export wrote it before
    before.write_text(text.replace("attribute:C", "C"), "utf-8")
    ours = _records(db, corpus, capsys)
    for n, sheet in enumerate((out, before)):
        theirs = tmp_path / f"theirs{n}.json"
        assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(sheet)]) == 0
        assert [(r["quote"], r["coder"]) for r in _records(theirs, corpus, capsys)] == [
            (r["quote"], r["coder"]) for r in ours
        ]
        with AnnotationStore(theirs) as store:
            assert store.attributes() == {"c/a.txt": {"Coder": "interviewer1", "Content": "speech"}}


def test_a_column_added_in_a_spreadsheet_that_names_no_attribute_is_left_out_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A column 'my comment' added to our CSV in a spreadsheet (no attribute can be named
    so) left every attribute of the file unread; it is left out alone now, and said."""
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *where, "a.txt", "year=2020"]) == 0
    rows = list(csv.reader(io.StringIO(_csv(tmp_path, corpus, db).read_text("utf-8-sig"))))
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([[*rows[0], "my comment"], *([*r, "seen"] for r in rows[1:])])
    theirs = tmp_path / "theirs.json"
    capsys.readouterr()
    # the column left unread fails the import, as attr import fails on one
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(edited)]) == 1
    assert "the column 'my comment' left out: bad attribute name" in capsys.readouterr().err
    with AnnotationStore(theirs) as store:
        assert store.attributes() == {"c/a.txt": {"year": 2020}}


def test_an_attribute_cell_that_cannot_be_read_fails_the_import_the_rest_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A date made 2021-02-30 in the spreadsheet was said and left out, and the import
    exited 0, as if the whole file had come in: a script took it for done.  It exits 1 now,
    as attr import does, the passages and the other values saved."""
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *where, "a.txt", "year=2020", "date=2021-03-04"]) == 0
    edited = tmp_path / "edited.csv"
    text = _csv(tmp_path, corpus, db).read_text("utf-8-sig")
    edited.write_text(text.replace("2021-03-04", "2021-02-30"), "utf-8")
    theirs = tmp_path / "theirs.json"
    capsys.readouterr()
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(edited)]) == 1
    err = capsys.readouterr().err
    assert "edited.csv: attributes: row 2, column date: date: '2021-02-30' is not a date" in err
    assert "imported 1 annotation" in err
    with AnnotationStore(theirs) as store:
        assert store.attributes() == {"c/a.txt": {"year": 2020}}
        assert [a.quote for a in store.annotations()] == ["army moved"]


def test_a_document_coded_nowhere_keeps_its_attributes_through_a_csv_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An interview not coded yet had no row in the CSV export, so its attributes (age,
    date) were lost to the spreadsheet and to an import of the file.  It has a row of its
    own now, its passage's cells empty, and comes back with its attributes; where no
    document of its name is, the import says so and exits 1."""
    corpus, db, at = _army(tmp_path)
    (corpus / "b.txt").write_text("Not coded yet.\n", "utf-8")
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military"]) == 0
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["attr", "set", *where, "a.txt", "year=2020"]) == 0
    assert main(["attr", "set", *where, "b.txt", "year=2019", "place=Lyon, France"]) == 0
    out = _csv(tmp_path, corpus, db)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [(r["document"], r["content"], r["year"], r["place"]) for r in rows] == [
        ("c/a.txt", "army moved", "2020", ""),
        ("c/b.txt", "", "2019", "Lyon, France"),
    ]
    # the passages of a code asked for: no row of a document coded nowhere
    capsys.readouterr()
    assert main(["export", *where, "-f", "csv-raw", "--tag", "military"]) == 0
    assert [r["document"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))] == [
        "c/a.txt"
    ]
    theirs = tmp_path / "theirs.json"
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    with AnnotationStore(theirs) as store:
        assert store.attributes() == {
            "c/a.txt": {"year": 2020},
            "c/b.txt": {"year": 2019, "place": "Lyon, France"},
        }
        assert [a.quote for a in store.annotations()] == ["army moved"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_bytes((corpus / "a.txt").read_bytes())
    other = tmp_path / "other.json"
    capsys.readouterr()
    assert main(["import", "--db", str(other), "--corpus", str(elsewhere), str(out)]) == 1
    err = capsys.readouterr().err
    assert "out.csv: the attributes of c/b.txt left out: no document of that name here" in err


def test_a_document_whose_file_is_gone_is_not_taken_for_one_of_its_name_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two interviews named Doc.txt in two folders, one file moved away: the CSV export
    imported into an empty database put the moved one's passages on the other interview
    (one placed on a word both texts hold, one an orphan of the wrong document), where the
    JSON export kept them as orphans of their own document."""
    corpus = tmp_path / "c"
    for folder, text in (("x", "Alpha beta, the army.\n"), ("z", "Alpha gamma, other.\n")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "Doc.txt").write_text(text, "utf-8")
    db = tmp_path / "ours.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "x/Doc.txt", "--quote", "army", "-t", "a"]) == 0
    assert main(["annotate", *at, "z/Doc.txt", "--quote", "Alpha", "-t", "b"]) == 0
    assert main(["annotate", *at, "z/Doc.txt", "--quote", "other", "-t", "c"]) == 0
    (corpus / "z" / "Doc.txt").rename(tmp_path / "moved.txt")
    out = _csv(tmp_path, corpus, db)
    other = tmp_path / "other.json"
    assert main(["import", str(out), "--db", str(other), "--corpus", str(corpus)]) == 0
    assert "no file for 1 document" in capsys.readouterr().err
    placed = {(r["document"], r["quote"], r["status"]) for r in _records(other, corpus, capsys)}
    assert placed == {
        ("c/x/Doc.txt", "army", "anchored"),
        ("c/z/Doc.txt", "Alpha", "orphan"),
        ("c/z/Doc.txt", "other", "orphan"),
    }


def test_a_row_whose_note_is_longer_than_a_text_may_be_is_named_and_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note of hundreds of megabytes pasted into the spreadsheet was taken whole, as a
    JSON record's was: the row is named in one line with its column and left out, as the
    JSON import leaves out a record with a note longer than MAX_TEXT."""
    from tui_reader.core.interchange.import_schema import MAX_TEXT

    corpus, db, out = _dated_export(tmp_path)
    before = _records(db, corpus, capsys)
    out.write_text(
        out.read_text("utf-8-sig").replace(",first,", "," + "a" * (MAX_TEXT + 1) + ","),
        "utf-8-sig",
    )
    main(["import", "--db", str(db), "--corpus", str(corpus), str(out)])
    said = [line for line in capsys.readouterr().err.splitlines() if "not imported" in line]
    assert len(said) == 1 and said[0].startswith(f"tui-reader: {out.name}: row 2 ("), said
    assert said[0].endswith(f"note: longer than {MAX_TEXT:,} characters; not imported"), said
    assert _records(db, corpus, capsys) == before


def test_a_missing_document_of_the_corpus_named_is_said_to_be_missing_from_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV export of a database kept apart from its corpus, imported into another so kept
    with --corpus, a document's file gone from that corpus: the line said there was no file
    "beside" the new database, naming it by the database's key (../c/b.txt), where it had
    been looked for in the corpus folder."""
    corpus, _db, _at = _army(tmp_path)
    (corpus / "b.txt").write_text("The navy stayed home.\n", "utf-8")
    db = tmp_path / "ana" / "ours.json"
    db.parent.mkdir()
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "army moved", "--tag", "m"]) == 0
    assert main(["annotate", *at, "b.txt", "--quote", "navy", "--tag", "m"]) == 0
    out = _csv(tmp_path, corpus, db)
    (corpus / "b.txt").unlink()
    theirs = tmp_path / "ben" / "theirs.json"
    theirs.parent.mkdir()
    capsys.readouterr()
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    (said,) = [line for line in capsys.readouterr().err.splitlines() if "no file for" in line]
    assert f"no file for 1 document in the corpus folder {corpus} (b.txt);" in said, said


def test_a_row_naming_no_document_is_said_by_its_row_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row whose document cell was emptied in the spreadsheet was said by its id alone,
    as if a document were named '' ("x2: no document here named ''"): which row of the
    sheet it is, was not said."""
    corpus, db, at = _army(tmp_path)
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "m"]) == 0
    assert main(["annotate", *at, "--quote", "army left", "--tag", "m"]) == 0
    out = _csv(tmp_path, corpus, db)
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    rows[2][rows[0].index("document")] = ""
    gone = rows[2][rows[0].index("id")]
    with out.open("w", encoding="utf-8-sig", newline="") as sheet:
        csv.writer(sheet).writerows(rows)
    other = tmp_path / "other.json"
    capsys.readouterr()
    assert main(["import", "--db", str(other), "--corpus", str(corpus), str(out)]) == 1
    err = capsys.readouterr().err
    said = f"tui-reader: out.csv: row 3 ({gone}): its document cell is empty; not imported"
    assert said in err.splitlines(), err
    assert "named ''" not in err
    assert [r["quote"] for r in _records(other, corpus, capsys)] == ["army moved"]
