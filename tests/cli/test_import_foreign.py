"""``tui-reader import`` of REFI-QDA projects and codebooks and of Taguette's exports, the format
guessed from the content, through the same newer-wins path as W3C and JSON."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _import_project(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, qde: str
) -> tuple[int, str, Path]:
    """Import the QualCoder project ``name`` holding ``qde`` (its project.qde) into a new
    database beside a new corpus folder, both in ``tmp_path``: the status, standard error
    and the database."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "db.json"
    status, _, err = _run(capsys, "import", str(path), "--db", str(db), "--corpus", str(corpus))
    return status, err, db


@pytest.fixture
def coded(corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seed corpus and a database: three passages, codes sharing a last part, notes, two
    coders, a colour and a description."""
    db = tmp_path / "annotations.json"
    document = load_document(corpus_copy / DOC)
    key = document_key(corpus_copy / DOC, db)
    with AnnotationStore(db, coder="ana") as store:
        for phrase, tags, note, coder in (
            ("Pentagon", ("actors/pentagon",), "", "ana"),
            ("Guatemala", ("security/border", "migration/border"), "Two *borders* & <b>", "ana"),
            ("Mexico", ("migration/border",), "", "bea"),
        ):
            start = document.text.index(phrase)
            store.add(
                make_annotation(
                    key, document.text, start, start + len(phrase), document.sha256, tags, note=note
                ).evolve(coder=coder)
            )
        store.set_tag(Tag("security/border", "red", "The border as securitised"))
    return corpus_copy, db


@pytest.fixture
def project(coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """``coded`` exported as a REFI-QDA project."""
    corpus, db = coded
    path = tmp_path / "work.qdpx"
    assert (
        _run(capsys, "export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(path))[0] == 0
    )
    return path


def _records(db: Path) -> set[tuple[str, int, int, str, tuple[str, ...], str, str]]:
    with AnnotationStore(db, read_only=True, coder="") as store:
        return {
            (
                load_document(db.parent / a.document).text,
                a.start,
                a.end,
                a.quote,
                tuple(sorted(a.tags)),
                a.note,
                a.coder,
            )
            for a in store.annotations()
        }


def test_a_qdpx_round_trip_into_an_empty_store_gives_the_same_annotations(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    project = tmp_path / "work.qdpx"
    assert (
        _run(capsys, "export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project))[0]
        == 0
    )
    # Into an empty folder: the sources become files there (named without folders).
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    status, _, err = _run(capsys, "import", str(project), "--db", str(empty / "db.json"))
    assert status == 0, err
    assert (empty / DOC).is_file() and "3 new" in err
    assert _records(empty / "db.json") == _records(db)
    with AnnotationStore(empty / "db.json", read_only=True, coder="") as store:
        border = store.tag("security/border")
        assert border is not None and border.description == "The border as securitised"
        assert border.color.upper() == "#FF0000"
    # Into an empty store beside the same corpus: the documents are found by their text.
    fresh = tmp_path / "fresh.json"
    status, _, err = _run(
        capsys, "import", str(project), "--db", str(fresh), "--corpus", str(corpus)
    )
    assert status == 0 and "wrote" not in err
    assert _records(fresh) == _records(db)
    # Again: nothing changes.
    status, _, err = _run(
        capsys, "import", str(project), "--db", str(fresh), "--corpus", str(corpus)
    )
    assert "0 new, 0 updated, 3 unchanged" in err


def test_a_qdpx_import_places_its_sources_in_the_corpus_the_environment_names(
    project: Path,
    coded: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With $TUI_READER_CORPUS naming the corpus, as every other command reads it, an import
    into a database in another folder wrote the project's sources there as new files and put
    the passages on those copies, not on the documents of the corpus."""
    corpus, db = coded
    monkeypatch.setenv("TUI_READER_CORPUS", str(corpus))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fresh = elsewhere / "fresh.json"
    status, _, err = _run(capsys, "import", str(project), "--db", str(fresh))
    assert status == 0, err
    assert "wrote" not in err and not (elsewhere / DOC).exists()
    with AnnotationStore(fresh, read_only=True, coder="") as store:
        assert {a.document for a in store.annotations()} == {document_key(corpus / DOC, fresh)}
    assert _records(fresh) == _records(db)


def test_a_source_comes_back_to_its_own_file_among_copies_of_its_text(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files of one text (a transcript copied under another name): the passages coded in
    the second came back on the first, the one listed first."""
    corpus, db = coded
    copy = corpus / "a-copy.txt"  # listed before DOC
    copy.write_bytes((corpus / DOC).read_bytes())
    project = tmp_path / "work.qdpx"
    argv = ("export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project))
    assert _run(capsys, *argv)[0] == 0
    fresh = tmp_path / "fresh.json"
    status, _, err = _run(
        capsys, "import", str(project), "--db", str(fresh), "--corpus", str(corpus)
    )
    assert status == 0, err
    assert _records(fresh) == _records(db)
    with AnnotationStore(fresh, read_only=True, coder="") as store:
        assert {a.document for a in store.annotations()} == {document_key(corpus / DOC, db)}


def test_two_annotations_on_one_passage_come_back_from_our_project_as_two(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our export writes one selection per annotation: two of one coder on one passage (one
    code and note each) come back as they were, not as one carrying both (QualCoder's one
    selection per code is what is joined)."""
    corpus, db = coded
    document = load_document(corpus / DOC)
    key = document_key(corpus / DOC, db)
    start = document.text.index("Pentagon")
    with AnnotationStore(db, coder="ana") as store:
        store.add(make_annotation(key, document.text, start, start + 8, document.sha256,
                                  ("second/look",), note="another reading"))  # fmt: skip
    project = tmp_path / "work.qdpx"
    assert (
        _run(capsys, "export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project))[0]
        == 0
    )
    fresh = tmp_path / "fresh.json"
    status, _, err = _run(
        capsys, "import", str(project), "--db", str(fresh), "--corpus", str(corpus)
    )
    assert status == 0 and "4 new" in err, err
    assert _records(fresh) == _records(db)
    # Into the database it was exported from: nothing changes.
    before = _records(db)
    status, _, err = _run(capsys, "import", str(project), "--db", str(db), "--corpus", str(corpus))
    assert status == 0 and "0 new, 0 updated, 4 unchanged" in err, err
    assert _records(db) == before


def test_a_source_never_replaces_a_different_file_of_its_name(
    coded: tuple[Path, Path], project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, _db = coded
    other = tmp_path / "other"
    other.mkdir()
    (other / DOC).write_text("a different text\n", encoding="utf-8")
    status, _, err = _run(capsys, "import", str(project), "--db", str(other / "db.json"))
    assert status == 0, err
    assert (other / DOC).read_text(encoding="utf-8") == "a different text\n"
    kept = other / DOC.replace(".txt", " (2).txt")
    assert kept.read_text(encoding="utf-8") == load_document(corpus / DOC).text


def test_a_project_back_from_qualcoder_updates_ours_not_duplicates(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QualCoder re-exports each coding as its own selection under a new GUID; a code added
    there (later) comes back as an update of our annotation."""
    corpus, db = coded
    project = tmp_path / "work.qdpx"
    _run(capsys, "export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project))
    with zipfile.ZipFile(project) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    qde = files["project.qde"].decode("utf-8")
    # As QualCoder writes it: its origin, no modifiedDateTime, new GUIDs for the selections, and here a
    # code added there later: a selection of its own at the same place.
    qde = re.sub(r' modifyingUser="[^"]+" modifiedDateTime="[^"]+"', "", qde)
    qde = re.sub(r'origin="[^"]*"', 'origin="QualCoder 4.0 Beta"', qde, count=1)
    for n, guid in enumerate(sorted(set(re.findall(r'<PlainTextSelection guid="([^"]+)"', qde)))):
        qde = qde.replace(f'guid="{guid}"', f'guid="0C000000-0000-4000-8000-{n:012d}"')
    place = re.search(
        r'name="Guatemala" (startPosition="\d+" endPosition="\d+" creatingUser="[^"]+")', qde
    )
    pentagon = re.search(r'<Code guid="([^"]+)" name="pentagon"', qde)
    assert place and pentagon
    added = (
        f'<PlainTextSelection guid="0D000000-0000-4000-8000-000000000001" name="Guatemala" '
        f'{place.group(1)} creationDateTime="2030-01-01T00:00:00Z"><Description>Two *borders* '
        f'&amp; &lt;b&gt;</Description><Coding guid="0E000000-0000-4000-8000-000000000001" '
        f'creatingUser="x"><CodeRef targetGUID="{pentagon.group(1)}"/></Coding></PlainTextSelection>'
    )
    files["project.qde"] = qde.replace("</TextSource>", added + "</TextSource>", 1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    back = tmp_path / "back.qdpx"
    back.write_bytes(buffer.getvalue())
    before = _records(db)
    status, _, err = _run(capsys, "import", str(back), "--db", str(db), "--corpus", str(corpus))
    assert status == 0, err
    assert "0 new, 1 updated, 2 unchanged" in err  # no passage twice
    after = _records(db)
    assert len(after) == len(before)
    [guatemala] = [r for r in after if r[3] == "Guatemala"]
    assert guatemala[4] == ("actors/pentagon", "migration/border", "security/border")


def test_a_project_back_from_qualcoder_after_the_document_was_edited_here_stays_one_document(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our project sent through QualCoder (new GUIDs for every selection) while the document
    was edited here (a paragraph put at its head): its source, of the old text, came in as a
    second document, ``... (2).txt``, with every passage on it again; it is the document of
    its name and content, and its passages are ours."""
    corpus, db = coded
    project = tmp_path / "work.qdpx"
    _run(capsys, "export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project))
    with zipfile.ZipFile(project) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    qde = files["project.qde"].decode("utf-8")
    qde = re.sub(r' modifyingUser="[^"]+" modifiedDateTime="[^"]+"', "", qde)
    qde = re.sub(r'origin="[^"]*"', 'origin="QualCoder 3.6"', qde, count=1)
    for n, guid in enumerate(sorted(set(re.findall(r'<PlainTextSelection guid="([^"]+)"', qde)))):
        qde = qde.replace(f'guid="{guid}"', f'guid="0C000000-0000-4000-8000-{n:012d}"')
    files["project.qde"] = qde.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    back = tmp_path / "back.qdpx"
    back.write_bytes(buffer.getvalue())
    path = corpus / DOC
    path.write_text("A note put at the head here.\n\n" + path.read_text(encoding="utf-8"))
    _run(capsys, "export", str(corpus), "--db", str(db), "-f", "json")  # ours placed again
    before = _records(db)
    status, _, err = _run(capsys, "import", str(back), "--db", str(db), "--corpus", str(corpus))
    assert status == 0, err
    assert not (corpus / DOC.replace(".txt", " (2).txt")).exists()
    assert "wrote" not in err
    assert "0 new, 0 updated, 3 unchanged" in err  # ours, no passage twice
    assert _records(db) == before


def test_another_text_of_the_same_name_is_not_taken_for_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's transcript named as one of ours, of the same questions (most lines
    alike) but other answers, is another document: the passages coded on it are not in
    ours, and it is written beside it."""
    questions = "".join(f"Q{n}: What did you see on day {n}?\n" for n in range(8))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(questions + "A: the river in spring.\n", encoding="utf-8")
    text = questions + "A: soldiers at the crossing.\n"
    start = text.index("soldiers")
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="QualCoder 3.6"><Users><User guid="U1" name="ana" /></Users>'
        '<CodeBook><Codes><Code guid="C1" name="army" isCodable="true" /></Codes></CodeBook>'
        f'<Sources><TextSource guid="S1" name="a.txt"><PlainTextContent>{text}'
        f'</PlainTextContent><PlainTextSelection guid="G1" startPosition="{start}" '
        f'endPosition="{start + 8}" creatingUser="U1"><Coding guid="K1"><CodeRef '
        'targetGUID="C1"/></Coding></PlainTextSelection></TextSource></Sources></Project>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
    project = tmp_path / "theirs.qdpx"
    project.write_bytes(buffer.getvalue())
    db = tmp_path / "annotations.json"
    status, _, err = _run(capsys, "import", str(project), "--db", str(db), "--corpus", str(corpus))
    assert status == 0, err
    assert (corpus / "a (2).txt").read_text(encoding="utf-8") == text
    with AnnotationStore(db, read_only=True, coder="") as store:
        assert [(a.document, a.quote) for a in store.annotations()] == [
            ("corpus/a (2).txt", "soldiers")
        ]


def test_taguette_highlights_and_codebook(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    highlights = tmp_path / "all_tags.csv"
    highlights.write_text(
        "id,document,tag,content\n"
        f"1,{DOC.removesuffix('.txt')},theme/militarisation,Plan Pentagon\n"
        "2,missing-interview,theme/x,anything\n",
        encoding="utf-8",
    )
    status, out, err = _run(
        capsys, "import", str(highlights), "--db", str(db), "--corpus", str(corpus), "--dry-run"
    )
    assert status == 1 and out.startswith("add\t")  # one imported, one left out
    assert "not placed: 2: no document here named 'missing-interview'" in err
    status, _, err = _run(
        capsys, "import", str(highlights), "--db", str(db), "--corpus", str(corpus)
    )
    assert "1 new" in err
    codebook = tmp_path / "codebook.csv"
    codebook.write_text(
        "tag,parent,description,number of highlights\ntheme/militarisation,,Arms and troops,1\n",
        encoding="utf-8",
    )
    status, _, err = _run(capsys, "import", str(codebook), "--db", str(db))
    assert status == 0, err
    _, listed, _ = _run(capsys, "tags", "list", "--json", "--db", str(db))
    tags = {t["name"]: t for t in json.loads(listed)}
    assert tags["theme/militarisation"]["description"] == "Arms and troops"


def test_a_spreadsheet_of_thousands_of_rows_on_a_missing_document_says_it_once_naming_it(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line for each of 3,000 rows on a document not here buried the summary, and none
    named the file; then twenty of them, the rest counted: one line now, the document's."""
    corpus, db = coded
    rows = "".join(f"{n},missing-interview,theme/x,anything\n" for n in range(1, 3001))
    highlights = tmp_path / "all_tags.csv"
    highlights.write_text("id,document,tag,content\n" + rows, encoding="utf-8")
    status, _, err = _run(
        capsys, "import", str(highlights), "--db", str(db), "--corpus", str(corpus)
    )
    assert status == 1  # none imported: the command failed, as attr import fails
    said = [line for line in err.splitlines() if "not placed" in line or "more like" in line]
    assert said == [
        "tui-reader: all_tags.csv: not placed: 3,000 highlights (1, 2, 3 and 2,997 more): "
        "no document here named 'missing-interview'"
    ]


def test_a_taguette_file_whose_documents_are_all_missing_fails_naming_each_once(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Highlights on documents that are not here imported nothing yet exited 0, a script
    carrying on as if the coding were in; the command fails (exit 1, as attr import does for
    a row naming no document), one line for each missing document, the database unchanged."""
    corpus, db = coded
    before = db.read_bytes()
    highlights = tmp_path / "all_tags.csv"
    highlights.write_text(
        "id,document,tag,content\n1,gone-a,t,one\n2,gone-b,t,two\n3,gone-a,t,three\n",
        encoding="utf-8",
    )
    argv = ("import", str(highlights), "--db", str(db), "--corpus", str(corpus))
    for dry in ((), ("--dry-run",)):
        status, out, err = _run(capsys, *argv, *dry)
        assert (status, out) == (1, ""), err
        assert [line for line in err.splitlines() if "not placed" in line] == [
            "tui-reader: all_tags.csv: not placed: 2 highlights (1, 3): "
            "no document here named 'gone-a'",
            "tui-reader: all_tags.csv: not placed: 2: no document here named 'gone-b'",
        ]
        assert "0 annotations" in err
    assert db.read_bytes() == before  # nothing to save: not even a step of the history


def test_a_taguette_codebook_saved_again_by_a_spreadsheet_in_its_code_page_is_read(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Taguette's codebook opened in a spreadsheet and saved as CSV (Windows-1252: 'Sécurité')
    was refused as not UTF-8 text; it is read as a text document is."""
    _, db = coded
    codebook = tmp_path / "codebook.csv"
    codebook.write_bytes(
        "tag,parent,description,number of highlights\r\nSécurité,,Armée et police,1\r\n".encode(
            "cp1252"
        )
    )
    status, _, err = _run(capsys, "import", str(codebook), "--db", str(db))
    assert status == 0, err
    _, listed, _ = _run(capsys, "tags", "list", "--json", "--db", str(db))
    tags = {t["name"]: t for t in json.loads(listed)}
    assert tags["Sécurité"]["description"] == "Armée et police"


def test_a_file_of_no_known_kind_is_refused_saying_what_import_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    status, _, err = _run(capsys, "import", str(other), "--db", str(tmp_path / "db.json"))
    assert status != 0 and "Taguette's highlights CSV/HTML" in err
    assert not (tmp_path / "db.json").exists()


def test_variables_come_back_as_attributes_and_ours_are_never_replaced(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    key = document_key(corpus / DOC, db)
    with AnnotationStore(db, coder="ana") as store:
        store.set_attributes([(key, {"site": "Mexico City", "year": 2017})])
    project = tmp_path / "vars.qdpx"
    _run(capsys, "export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project))
    fresh = tmp_path / "fresh.json"
    with AnnotationStore(fresh, coder="ana") as store:
        store.set_attributes([(key, {"site": "Tijuana"})])
    status, _, err = _run(
        capsys, "import", str(project), "--db", str(fresh), "--corpus", str(corpus)
    )
    assert status == 0, err
    assert "set 1 attribute value of 1 document; 1 differ from ours (ours kept)" in err
    # which value, of which document, and what each says: the one to settle can be found
    said = (
        f"tui-reader: vars.qdpx: {key}: site is Mexico City in vars.qdpx, Tijuana here (ours kept)"
    )
    assert said in err.splitlines()
    with AnnotationStore(fresh, read_only=True, coder="") as store:
        assert store.attributes()[key] == {"site": "Tijuana", "year": 2017}


def test_import_and_merge_name_the_file_and_each_selection_they_leave_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "hello world this is a text"
    selections = "".join(
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}" '
        f'creatingUser="U1"><Coding guid="K{guid}"><CodeRef targetGUID="C1"/></Coding>'
        "</PlainTextSelection>"
        for guid, start, end in (("G1", 0, 5), ("G1", 6, 11), ("G2", 20, 99))
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Users><User guid="U1" name="ana" /></Users><CodeBook><Codes>'
        '<Code guid="C1" name="c" isCodable="true" /></Codes></CodeBook><Sources>'
        f'<TextSource guid="S1" name="a.txt"><PlainTextContent>{text}</PlainTextContent>'
        f"{selections}</TextSource></Sources></Project>"
    )
    status, err, db = _import_project(capsys, tmp_path, "edited.qdpx", qde)
    assert status == 1  # a selection left out: part of the file (it exited 0)
    assert "tui-reader: edited.qdpx: selection 'G1' of a.txt: its GUID is also" in err
    assert "tui-reader: edited.qdpx: selection 'G2' of a.txt: positions 20 to 99" in err
    assert "2 new" in err
    with AnnotationStore(db) as store:
        assert sorted(a.quote for a in store.annotations()) == ["hello", "world"]
    path, corpus = tmp_path / "edited.qdpx", tmp_path / "corpus"
    status, _, err = _run(
        capsys, "merge", str(path), "--db", str(db), "--corpus", str(corpus), "--dry-run"
    )
    assert status == 1
    assert "tui-reader: edited.qdpx: selection 'G2' of a.txt: positions 20 to 99" in err
    assert "2 unchanged" in err  # the same ids as the import gave them


def test_a_variable_whose_name_cannot_name_an_attribute_is_said_not_lost_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "v" * 300
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Variables><Variable guid="V1" name="' + long + '" typeOfVariable="Text" />'
        '<Variable guid="V2" name="site" typeOfVariable="Text" /></Variables><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>some text</PlainTextContent>'
        '<VariableValue><VariableRef targetGUID="V1"/><TextValue>Lima</TextValue>'
        '</VariableValue><VariableValue><VariableRef targetGUID="V2"/><TextValue>Cusco'
        "</TextValue></VariableValue></TextSource></Sources></Project>"
    )
    status, err, db = _import_project(capsys, tmp_path, "vars.qdpx", qde)
    assert status == 1  # its value Lima left out, part of the file
    said = [line for line in err.splitlines() if "V1" in line]
    assert said == [
        "tui-reader: vars.qdpx: variable of GUID 'V1': bad attribute name "
        f"'{long[:40]}'… (300 characters): an attribute name may be at most 200 characters; "
        "not imported"
    ]
    with AnnotationStore(db) as store:
        assert store.attributes() == {"corpus/a.txt": {"site": "Cusco"}}


def test_a_projects_memos_come_back_once(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ana.json"
    where = ["--db", str(db), "--corpus", str(corpus_copy)]
    doc = str(corpus_copy / DOC)
    assert main(["annotate", doc, "--quote", "Doral, Florida", "--tag", "actors", *where]) == 0
    for about in (["--doc", doc], ["--code", "actors"], ["--journal"]):
        assert main(["memo", "add", *about, f"memo {about[0]}", *where]) == 0
    project = tmp_path / "p.qdpx"
    assert main(["export", str(corpus_copy), *where, "-f", "qdpx", "-o", str(project)]) == 0
    other = tmp_path / "ben.json"
    capsys.readouterr()
    status, _, err = _run(capsys, "import", str(project), "--db", str(other), "--corpus",
                          str(corpus_copy))  # fmt: skip
    assert status == 0 and "added 3 memos" in err
    with AnnotationStore(other) as store:
        memos = {(m.kind.value, m.text.strip()) for m in store.memos()}
        assert memos == {
            ("document", "memo --doc"),
            ("code", "memo --code"),
            ("journal", "memo --journal"),
        }
        assert store.memos()[0].target == document_key(corpus_copy / DOC, other)
    for target in (other, db):  # again, and into the database it came from: none twice
        status, _, err = _run(capsys, "import", str(project), "--db", str(target), "--corpus",
                              str(corpus_copy))  # fmt: skip
        assert status == 0 and "added" not in err and "memo" not in err.replace(str(project), "")
        with AnnotationStore(target) as store:
            assert len(store.memos()) == 3


def test_a_project_with_thousands_of_bad_selections_says_twenty_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    selections = "".join(
        f'<PlainTextSelection guid="G{n}" startPosition="5" endPosition="{10**6 + n}" />'
        for n in range(5000)
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Sources><TextSource guid="S1" name="a.txt"><PlainTextContent>some text'
        f"</PlainTextContent>{selections}</TextSource></Sources></Project>"
    )
    path = tmp_path / "many.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    status, _, err = _run(
        capsys, "import", str(path), "--db", str(tmp_path / "db.json"), "--corpus", str(corpus)
    )
    assert status == 1  # selections left out: part of the file
    lines = [line for line in err.splitlines() if line.startswith("tui-reader: many.qdpx: ")]
    assert len(lines) == 21 and lines[-1] == "tui-reader: many.qdpx: 4,980 more like these"


def test_our_csv_export_imports_back_with_the_cells_it_made_inert_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CSV export puts a ' before a cell a spreadsheet would run (=, +, -, @): imported
    back, a tag '+plus came in with the quote, and a passage '- a list item was looked for
    with it and not found."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text("- a list item\n\n=SUM(A1) is a formula here\n", "utf-8")
    db = tmp_path / "ours.json"
    for quote, tag in (("- a list item", "+plus"), ("=SUM(A1)", "@at")):
        argv = ("annotate", str(corpus / "notes.txt"), "--quote", quote, "--tag", tag)
        assert _run(capsys, *argv, "--db", str(db))[0] == 0
    table = tmp_path / "ours.csv"
    argv = ("export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(table))
    assert _run(capsys, *argv)[0] == 0
    assert "'+plus,'- a list item" in table.read_text("utf-8-sig")  # made inert
    back = tmp_path / "back.json"
    status, _, err = _run(capsys, "import", str(table), "--db", str(back), "--corpus", str(corpus))
    assert status == 0 and "2 new" in err, err

    def coded(path: Path) -> set[tuple[int, int, tuple[str, ...]]]:
        with AnnotationStore(path, read_only=True, coder="") as store:
            return {(a.start, a.end, a.tags) for a in store.annotations()}

    assert coded(back) == coded(db)


def test_our_csv_export_imports_back_to_the_places_notes_and_coders_it_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A word coded at its third and seventh occurrence came back at its first and second
    (the export's start and end were not read), without its note or coder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text("Mexico and Mexico.\n\n" * 4, "utf-8")
    db = tmp_path / "ours.json"
    for occurrence, tag, note, coder in (("3", "m3", "", "ana"), ("7", "m7", "seventh", "ben")):
        argv = ("annotate", str(corpus / "notes.txt"), "--quote", "Mexico", "--tag", tag)
        more = ("--occurrence", occurrence, "--note", note, "--coder", coder, "--db", str(db))
        assert _run(capsys, *argv, *more)[0] == 0
    table = tmp_path / "ours.csv"
    argv = ("export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(table))
    assert _run(capsys, *argv)[0] == 0
    back = tmp_path / "back.json"
    status, _, err = _run(capsys, "import", str(table), "--db", str(back), "--corpus", str(corpus))
    assert status == 0 and "2 new" in err, err

    def coded(path: Path) -> set[tuple[int, int, tuple[str, ...], str, str]]:
        with AnnotationStore(path, read_only=True, coder="") as store:
            return {(a.start, a.end, a.tags, a.note, a.coder) for a in store.annotations()}

    assert coded(back) == coded(db)
    # a Taguette CSV (no places) still places a passage by its text
    (tmp_path / "taguette.csv").write_text("id,document,tag,content\n1,notes.txt,t,and Mexico\n")
    argv = ("import", str(tmp_path / "taguette.csv"), "--db", str(back), "--corpus", str(corpus))
    assert _run(capsys, *argv)[0] == 0
    with AnnotationStore(back, read_only=True, coder="") as store:
        assert [a.start for a in store.annotations() if a.tags == ("t",)] == [7]


def test_our_csv_export_imports_back_with_the_day_each_passage_was_coded(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every passage of our CSV read into a new database was dated with the file's time, the
    day each was coded (its ``created``) lost; it is read from the column."""
    corpus, db = coded
    with AnnotationStore(db, coder="ana") as store:
        for n, annotation in enumerate(store.annotations()):
            store.put(annotation.evolve(created=f"2025-0{n + 1}-02T03:04:05Z"))
        before = {(a.start, a.end, a.coder): a.created for a in store.annotations()}
    table = tmp_path / "ours.csv"
    argv = ("export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(table))
    assert _run(capsys, *argv)[0] == 0
    back = tmp_path / "back.json"
    status, _, err = _run(capsys, "import", str(table), "--db", str(back), "--corpus", str(corpus))
    assert status == 0, err
    with AnnotationStore(back, read_only=True, coder="") as store:
        assert {(a.start, a.end, a.coder): a.created for a in store.annotations()} == before


def test_undo_of_a_project_import_takes_back_its_memos_and_variables(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Undo of an import took its codings back and kept the memos its notes made and the
    attributes its variables set."""
    corpus, db = coded
    key = document_key(corpus / DOC, db)
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["memo", "add", "--journal", "a day of coding", *where]) == 0
    with AnnotationStore(db, coder="ana") as store:
        store.set_attributes([(key, {"site": "Mexico City"})])
    project = tmp_path / "p.qdpx"
    assert main(["export", str(corpus), *where, "-f", "qdpx", "-o", str(project)]) == 0
    fresh = tmp_path / "fresh.json"
    status, _, err = _run(capsys, "import", str(project), "--db", str(fresh), "--corpus",
                          str(corpus))  # fmt: skip
    assert status == 0 and "added 1 memo" in err
    status, _, err = _run(capsys, "undo", "--db", str(fresh))
    assert status == 0, err
    with AnnotationStore(fresh, read_only=True, coder="") as store:
        assert (store.annotations(), store.memos(), store.attributes()) == ([], [], {})


def test_a_colleagues_csv_export_imports_though_their_corpus_is_in_another_folder(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben's CSV names his documents as keys of his database (corpus/DOC, his corpus beside
    it); imported by Ana, whose corpus is docs_corpus/, every row was 'not placed: no
    document here named corpus/DOC' and nothing came in."""
    ben = tmp_path / "ben"
    shutil.copytree(corpus_copy, ben / "corpus")
    where = ["--db", str(ben / "ben.json"), "--corpus", str(ben / "corpus")]
    argv = ["annotate", str(ben / "corpus" / DOC), "--quote", "Pentagon plan", "-t", "policy"]
    assert main([*argv, "--coder", "ben", *where]) == 0
    table = tmp_path / "ben.csv"
    assert main(["export", *where, "-f", "csv", "-o", str(table)]) == 0
    assert f",corpus/{DOC}," in table.read_text("utf-8-sig")
    ana = tmp_path / "ana.json"
    capsys.readouterr()
    status, _, err = _run(capsys, "import", str(table), "--db", str(ana), "--corpus",
                          str(corpus_copy))  # fmt: skip
    assert status == 0 and "1 new" in err and "not placed" not in err, err
    with AnnotationStore(ana, read_only=True, coder="") as store:
        [annotation] = store.annotations()
    assert (annotation.document, annotation.quote) == (document_key(corpus_copy / DOC, ana),
                                                       "Pentagon plan")  # fmt: skip
    assert (annotation.tags, annotation.coder) == (("policy",), "ben")


def test_a_colleagues_json_export_of_documents_in_our_corpus_is_not_said_missing(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben's JSON export names his documents as corpus/DOC; imported by Ana (docs_corpus/),
    it said their annotations 'show as orphans until the files are there', though each is
    placed on Ana's copy of the text, as her export then shows.  Of that name and text in
    her corpus, nothing is missing: the import said "no file for 1 document beside …", as if
    it were, and now says nothing of it."""
    ben = tmp_path / "ben"
    shutil.copytree(corpus_copy, ben / "corpus")
    where = ["--db", str(ben / "ben.json"), "--corpus", str(ben / "corpus")]
    argv = ["annotate", str(ben / "corpus" / DOC), "--quote", "Pentagon plan", "-t", "policy"]
    assert main([*argv, *where]) == 0
    exported = tmp_path / "ben-export.json"
    assert main(["export", *where, "-f", "json", "-o", str(exported)]) == 0
    ana = ["--db", str(tmp_path / "ana.json"), "--corpus", str(corpus_copy)]
    capsys.readouterr()
    status, _, err = _run(capsys, "import", str(exported), *ana)
    assert status == 0, err
    assert "no file for" not in err and "found by" not in err, err
    assert "orphan" not in _run(capsys, "export", *ana, "-f", "csv")[1]


def test_our_csv_saved_again_by_a_spreadsheet_with_semicolons_imports(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our CSV opened and saved in a spreadsheet where the decimal mark is a comma (Excel in
    German or French) comes back with semicolons between its cells: import refused it as
    'not a file import reads'."""
    import csv

    corpus, db = coded
    table = tmp_path / "ours.csv"
    assert main(["export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(table)]) == 0
    rows = list(csv.reader(table.read_text("utf-8-sig").splitlines(keepends=True)))
    saved = tmp_path / "saved-by-excel.csv"
    with saved.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    back = tmp_path / "back.json"
    capsys.readouterr()
    status, _, err = _run(capsys, "import", str(saved), "--db", str(back), "--corpus",
                          str(corpus))  # fmt: skip
    assert status == 0 and "3 new" in err, err
    assert _records(back) == _records(db)
    # as Excel saves it in France: semicolons, and the system's code page (Windows-1252)
    saved.write_bytes(f"id;document;tag;content\r\n9;{DOC};s\xe9curit\xe9;Guatemala\r\n".encode())
    saved.write_bytes(saved.read_bytes().replace("\xe9".encode(), b"\xe9"))
    status, _, err = _run(capsys, "import", str(saved), "--db", str(back), "--corpus",
                          str(corpus))  # fmt: skip
    assert status == 0 and "1 new" in err, err
    with AnnotationStore(back, read_only=True, coder="") as store:
        assert ("sécurité",) in {a.tags for a in store.annotations()}


def test_a_projects_source_with_soft_hyphens_is_the_corpus_document_of_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ATLAS.ti's source kept the soft hyphens of the interview copied from the web, which a
    document here leaves out: the source was taken for another text and written into the
    corpus beside the interview, and a passage with a soft hyphen in it came in as approximate
    ('after the text changed'). The source is now the interview, each passage placed exactly."""
    raw = "Die Donau\u00addampf\u00adschiff\u00adfahrt fuhr.\nThe army came at night.\n"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "interview.txt").write_text(raw, encoding="utf-8")
    places = [(raw.index("Donau"), raw.index(" fuhr")), (raw.index("army"), raw.index(" came"))]
    selections = "".join(
        f'<PlainTextSelection guid="0A000000-0000-4000-8000-00000000000{n}" '
        f'startPosition="{start}" endPosition="{end}"><Coding guid="0B000000-0000-4000-8000-'
        f'00000000000{n}"><CodeRef targetGUID="C1"/></Coding></PlainTextSelection>'
        for n, (start, end) in enumerate(places, 1)
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="ATLAS.ti 23"><CodeBook><Codes><Code guid="C1" name="travel" '
        'isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="S1" name="Interview A" '
        f'plainTextPath="internal://S1.txt">{selections}</TextSource></Sources></Project>'
    )
    path = tmp_path / "atlas.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/S1.txt", raw.encode("utf-8"))
    db = tmp_path / "db.json"
    status, _, err = _run(capsys, "import", str(path), "--db", str(db), "--corpus", str(corpus))
    assert status == 0, err
    assert sorted(p.name for p in corpus.iterdir()) == ["interview.txt"]
    text = load_document(corpus / "interview.txt").text
    with AnnotationStore(db) as store:
        found = sorted(store.annotations(), key=lambda a: a.start)
    assert [(a.document, a.quote, text[a.start : a.end]) for a in found] == [
        ("corpus/interview.txt", "Donaudampfschifffahrt", "Donaudampfschifffahrt"),
        ("corpus/interview.txt", "army", "army"),
    ]
    status, out, err = _run(capsys, "export", str(corpus), "--db", str(db), "-f", "json")
    assert status == 0, err
    assert [r["status"] for r in json.loads(out)] == ["anchored", "anchored"]


def test_a_refused_project_import_leaves_no_file_memo_or_attribute_behind(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project refused (ids of ours on a document here, its source, named otherwise, put
    in a file of its own) had already written the source file into the corpus and saved the
    project's memos and attributes."""
    corpus, db = coded
    key = document_key(corpus / DOC, db)
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["memo", "add", "--journal", "a day of coding", *where]) == 0
    with AnnotationStore(db, coder="ana") as store:
        store.set_attributes([(key, {"site": "Mexico City"})])
    project = tmp_path / "p.qdpx"
    assert main(["export", str(corpus), *where, "-f", "qdpx", "-o", str(project)]) == 0
    assert main(["memo", "delete", *where, _run(capsys, "memo", "list", *where)[1].split()[0]]) == 0
    assert main(["attr", "unset", *where, key, "site"]) == 0
    edited = corpus / DOC
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")
    with zipfile.ZipFile(project) as archive:  # its source named apart from the document
        members = {n: archive.read(n) for n in archive.namelist()}
    members["project.qde"] = members["project.qde"].replace(
        f'name="{DOC}"'.encode(), b'name="another.txt"'
    )
    with zipfile.ZipFile(project, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    before = sorted(p.name for p in corpus.iterdir())
    status, _, err = _run(capsys, "import", str(project), *where)
    assert status != 0 and "nothing imported" in err
    assert sorted(p.name for p in corpus.iterdir()) == before
    with AnnotationStore(db, read_only=True, coder="") as store:
        assert (store.memos(), store.attributes()) == ([], {})


def test_our_project_back_after_its_document_was_edited_comes_onto_that_document(
    coded: tuple[Path, Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our project imported back after its document was edited (a line added above) was
    refused, "nothing imported", its source about to be written as a second document; its
    passages are ours on that document: they come onto it, placed by their quotes."""
    corpus, db = coded
    edited = corpus / DOC
    edited.write_text("A line added.\n\n" + edited.read_text(encoding="utf-8"), encoding="utf-8")
    before = sorted(p.name for p in corpus.iterdir())
    status, _, err = _run(capsys, "import", str(project), "--db", str(db), "--corpus", str(corpus))
    assert status == 0, err
    assert "3 unchanged" in err
    assert sorted(p.name for p in corpus.iterdir()) == before
    status, out, _ = _run(capsys, "export", str(corpus), "--db", str(db), "-f", "json")
    text = load_document(edited).text
    for record in json.loads(out):
        assert text[record["start"] : record["end"]] == record["quote"]


def test_a_project_bigger_than_a_document_may_be_is_read_from_the_file_as_it_goes(
    project: Path,
    coded: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A QualCoder project carrying its recordings can pass what a document may be: it is
    read from the file, a part when needed, never whole (the limit is made small here)."""
    import os

    from tui_reader.core.documents import safe_read

    corpus, db = coded
    with zipfile.ZipFile(project, "a") as archive:
        archive.writestr("sources/recording.m4a", os.urandom(64 * 1024))
    monkeypatch.setattr(safe_read, "MAX_DOCUMENT_BYTES", 32 * 1024)
    fresh = tmp_path / "fresh.json"
    status, _, err = _run(
        capsys, "import", str(project), "--db", str(fresh), "--corpus", str(corpus)
    )
    assert status == 0, err
    assert _records(fresh) == _records(db)


def test_a_project_bigger_than_a_document_may_be_is_merged_from_the_file_as_it_goes(
    project: Path,
    coded: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """merge of such a project: never read whole (here, any whole read is refused as a file
    over the limit is)."""
    from tui_reader.core.errors import DocumentError
    from tui_reader.core.interchange import coded_work

    def too_big(handle: object, _most: int) -> tuple[bytes, int]:
        raise DocumentError(project, "is larger than the 512 MB tui-reader reads")

    monkeypatch.setattr(coded_work, "read_without_long_strings", too_big)
    corpus, db = coded
    fresh = tmp_path / "fresh.json"
    argv = ("merge", str(project), "--db", str(fresh), "--corpus", str(corpus))
    status, _, err = _run(capsys, *argv)
    assert status == 0, err
    assert _records(fresh) == _records(db)


@pytest.mark.parametrize("fmt", ["qdpx", "qdc"])
def test_a_refi_export_imported_gives_the_codebook_back_in_its_own_order(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The codes were written sorted by name, and an import made them in that order: the
    codebook came back in another order than the user's, and each code without a colour of
    its own took another automatic highlight colour (its place in the codebook).  A tree
    holds the codes of a parent together: beta/a comes back beside beta/x."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text about zebras and bees.\n", "utf-8")
    db = tmp_path / "db.json"
    common = ("--db", str(db), "--corpus", str(corpus))
    for code in ("zeta", "beta/x", "Alpha", "beta/a"):
        assert _run(capsys, "tags", "set", code, *common, "--description", code)[0] == 0
    assert _run(capsys, "annotate", *common, str(corpus / "a.txt"), "--quote", "zebras",
                "-t", "zeta")[0] == 0  # fmt: skip
    out = tmp_path / f"out.{fmt}"
    assert _run(capsys, "export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out))[0] == 0
    again = tmp_path / "again.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _run(capsys, "import", str(out), "--db", str(again), "--corpus", str(elsewhere))[0] == 0
    with AnnotationStore(again, read_only=True) as store:
        assert [t.name for t in store.tags()] == ["zeta", "beta/x", "beta/a", "Alpha"]


def test_two_codes_of_one_guid_are_said_and_the_codings_go_to_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a project edited or merged by hand: the codings of the GUID went to the last code
    # of it, without a word
    qde = _one_coding(
        '<Code guid="C1" name="good" isCodable="true"/><Code guid="C2" name="parent" '
        'isCodable="false"><Code guid="C1" name="copy" isCodable="true"/></Code>',
        "C1",
    )
    status, err, db = _import_project(capsys, tmp_path, "two.qdpx", qde)
    assert status == 0
    assert (
        "tui-reader: two.qdpx: code 'parent/copy' has the GUID 'C1' of code 'good': the "
        "codings of that GUID go to 'good'"
    ) in err.splitlines()
    with AnnotationStore(db, read_only=True) as store:
        assert [a.tags for a in store.annotations()] == [("good",)]


def test_a_code_without_a_name_is_said_with_its_guid_and_the_name_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it was imported as a code named "code" without a word
    qde = _one_coding(
        '<Code guid="X" name="" isCodable="true"/><Code guid="Y" isCodable="true"/>', "X"
    )
    status, err, db = _import_project(capsys, tmp_path, "unnamed.qdpx", qde)
    assert status == 0
    lines = err.splitlines()
    assert (
        "tui-reader: unnamed.qdpx: code of GUID 'X' has an empty name: imported as 'code'" in lines
    )
    assert "tui-reader: unnamed.qdpx: code of GUID 'Y' has no name: imported as 'code (2)'" in (
        lines
    )
    with AnnotationStore(db, read_only=True) as store:
        assert [a.tags for a in store.annotations()] == [("code",)]


def test_a_codebook_s_code_without_a_name_is_said_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a project's was said; a codebook's (.qdc) was named "code" without a word
    qdc = (
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        '<Codes><Code guid="X" name="" isCodable="true"/><Code guid="Y" name="kept" '
        'isCodable="true"/></Codes></CodeBook>'
    )
    path = tmp_path / "book.qdc"
    path.write_text(qdc, "utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "db.json"
    status, _, err = _run(capsys, "import", str(path), "--db", str(db), "--corpus", str(corpus))
    assert status == 0
    assert "tui-reader: book.qdc: code of GUID 'X' has an empty name: imported as 'code'" in (
        err.splitlines()
    )
    with AnnotationStore(db, read_only=True) as store:
        assert [t.name for t in store.tags()] == ["code", "kept"]


def test_a_code_named_with_a_space_around_it_is_imported_without_the_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "trailing " (a space typed after the name in QualCoder) refused the whole project:
    # "bad tag name 'trailing '", after its source was written into the corpus
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="Z" name="trailing " isCodable="true">'
        '<Code guid="Y" name=" inner / part" isCodable="true"/></Code></Codes></CodeBook>'
        '<Sources><TextSource guid="S1" name="a.txt"><PlainTextContent>some text'
        '</PlainTextContent><PlainTextSelection guid="P1" startPosition="0" endPosition="4">'
        '<Coding guid="K1"><CodeRef targetGUID="Z"/></Coding><Coding guid="K2"><CodeRef '
        'targetGUID="Y"/></Coding></PlainTextSelection></TextSource></Sources></Project>'
    )
    status, err, db = _import_project(capsys, tmp_path, "spaced.qdpx", qde)
    assert status == 0, err
    with AnnotationStore(db, read_only=True) as store:
        assert [a.tags for a in store.annotations()] == [("trailing", "trailing/inner - part")]


def _one_coding(codes: str, guid: str) -> str:
    """A project's XML with the codebook ``codes`` (the Code elements) and one source, a.txt
    of "some text", whose first four characters are coded by the code of ``guid``."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        f'name="p"><CodeBook><Codes>{codes}</Codes></CodeBook><Sources><TextSource guid="S1" '
        'name="a.txt"><PlainTextContent>some text</PlainTextContent><PlainTextSelection '
        'guid="P1" startPosition="0" endPosition="4"><Coding guid="X1"><CodeRef '
        f'targetGUID="{guid}"/></Coding></PlainTextSelection></TextSource></Sources></Project>'
    )


def test_a_source_whose_accents_are_written_otherwise_is_our_document_not_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's project, its source writing accents as one code point (é), imported
    where our a.txt, saved on a Mac, writes each apart (e and U+0301): the same text letter
    for letter, yet 'a (2).txt' was written beside it and the passages went there."""
    import unicodedata

    text = "Le café de Zoë à Séville.\n\nLa réunion a duré longtemps à Málaga.\n"
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "a.txt").write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    at = ["--corpus", str(theirs), "--db", str(tmp_path / "theirs.json")]
    assert main(["annotate", "a.txt", "--quote", "réunion a duré", "-t", "meeting", *at]) == 0
    project = tmp_path / "theirs.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(project), *at]) == 0
    corpus = tmp_path / "ours" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    db = corpus.parent / "annotations.json"
    capsys.readouterr()
    assert main(["import", str(project), "--db", str(db), "--corpus", str(corpus)]) == 0
    assert "wrote" not in capsys.readouterr().err
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]
    assert main(["export", "-f", "json", "--db", str(db), "--corpus", str(corpus)]) == 0
    [annotation] = json.loads(capsys.readouterr().out)
    assert annotation["document"] == "corpus/a.txt" and annotation["status"] == "anchored"
    assert annotation["quote"] == unicodedata.normalize("NFD", "réunion a duré")


def test_a_spreadsheet_piped_in_is_imported_as_the_same_file_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Taguette highlights CSV, or our own CSV export, piped in (``curl ... | tui-reader
    import -``) was refused with "standard input: No such file or directory": the file's
    time was looked up on a file named 'standard input'.  Piped in, it is read as named,
    a row changed since the export being newer than ours, as in a file saved now."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.txt").write_text("The army moved to the border.\n", "utf-8")
    db = tmp_path / "ours.json"
    argv = ("annotate", str(corpus / "notes.txt"), "--quote", "army", "--tag", "military")
    assert _run(capsys, *argv, "--note", "first", "--db", str(db))[0] == 0
    with AnnotationStore(db, coder="ana") as store:  # coded the day before
        (coded,) = store.annotations()
        store.put(coded.evolve(updated="2025-01-02T03:04:05Z"))
    table = tmp_path / "ours.csv"
    argv = ("export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(table))
    assert _run(capsys, *argv)[0] == 0
    edited = table.read_text("utf-8-sig").replace(",first,", ",corrected in a spreadsheet,")
    taguette = "id,document,tag,content\n1,notes.txt,place,the border\n"
    for sheet, back in ((taguette, tmp_path / "new.json"), (edited, db)):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(sheet.encode())))
        status, _, err = _run(capsys, "import", "-", "--db", str(back), "--corpus", str(corpus))
        assert status == 0, err
        assert "tui-reader: imported 1 annotation from standard input: " in err
    with AnnotationStore(tmp_path / "new.json", read_only=True, coder="") as store:
        assert [(a.quote, a.tags) for a in store.annotations()] == [("the border", ("place",))]
    with AnnotationStore(db, read_only=True, coder="") as store:
        assert [a.note for a in store.annotations()] == ["corrected in a spreadsheet"]


@pytest.mark.parametrize(
    ("name", "member", "said"),
    [
        ("highlights.xlsx", "xl/workbook.xml", "an Excel workbook, not a REFI-QDA project"),
        ("highlights.docx", "word/document.xml", "a Word document, not a REFI-QDA project"),
        ("codebook.ods", "content.xml", "an OpenDocument file, not a REFI-QDA project"),
    ],
)
@pytest.mark.parametrize("command", ["import", "merge"])
def test_taguettes_excel_or_word_export_is_said_to_be_no_project(
    command: str,
    name: str,
    member: str,
    said: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Taguette's highlights exported to Excel (or Word), given to import, were said to be
    "damaged REFI-QDA project file: no project.qde", as if a project were broken."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved.\n", "utf-8")
    sheet = tmp_path / name
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    db = tmp_path / "db.json"
    code, out, err = _run(capsys, command, "--db", str(db), "--corpus", str(corpus), str(sheet))
    assert code == 2 and out == ""
    [line] = err.strip().splitlines()
    assert said in line and "CSV" in line and "damaged" not in line
    assert not db.exists()


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (
            '<PDFSource guid="S2" name="report.pdf"><Representation guid="S3" name="report.pdf">'
            "<PlainTextContent>A report.</PlainTextContent></Representation>"
            '<PDFSelection guid="A1" page="1" firstX="10" firstY="20" secondX="200" '
            'secondY="80" creatingUser="U1"><Coding guid="K1"><CodeRef targetGUID="C1"/>'
            "</Coding></PDFSelection></PDFSource>",
            "PDFSource report.pdf: 1 selection of areas of its pages (PDFSelection)",
        ),
        (
            '<PictureSource guid="S2" name="map.png" path="internal://M.png">'
            '<PictureSelection guid="A1" firstX="1" firstY="1" secondX="9" secondY="9" '
            'creatingUser="U1"><Coding guid="K1"><CodeRef targetGUID="C1"/></Coding>'
            "</PictureSelection></PictureSource>",
            "PictureSource map.png: not text; not imported, nor its 1 coding",
        ),
        (
            '<AudioSource guid="S2" name="talk.mp3" path="internal://T.mp3">'
            '<Transcript guid="T1" name="talk"><PlainTextContent>Hi.</PlainTextContent>'
            '</Transcript><AudioSelection guid="A1" begin="0" end="900" creatingUser="U1">'
            '<Coding guid="K1"><CodeRef targetGUID="C1"/></Coding></AudioSelection>'
            "</AudioSource>",
            "AudioSource talk.mp3: 1 selection of the recording's time (AudioSelection)",
        ),
    ],
    ids=["pdf-areas", "picture", "recording-time"],
)
def test_codings_of_what_is_no_text_left_out_fail_the_import_and_the_merge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, said: str
) -> None:
    """A project's codings of areas of a PDF's pages, of a picture or of a recording's time
    are left out, said, and the rest imported: part of the file left out, so the command
    exits 1 (it exited 0, as if the whole project had come in), as for a source whose text
    is not in the project; a picture no one coded loses nothing and exits 0."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Users><User guid="U1" name="ana" /></Users><CodeBook><Codes>'
        '<Code guid="C1" name="c" isCodable="true" /></Codes></CodeBook><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>hello world</PlainTextContent>'
        '<PlainTextSelection guid="G1" startPosition="0" endPosition="5" creatingUser="U1">'
        '<Coding guid="KG1"><CodeRef targetGUID="C1"/></Coding></PlainTextSelection>'
        f"</TextSource>{source}</Sources></Project>"
    )
    status, err, db = _import_project(capsys, tmp_path, "p.qdpx", qde)
    assert status == 1, err
    assert said in err, err
    with AnnotationStore(db) as store:
        assert [a.quote for a in store.annotations()] == ["hello"]
    path, corpus = tmp_path / "p.qdpx", tmp_path / "corpus"
    status, _, err = _run(capsys, "merge", str(path), "--db", str(db), "--corpus", str(corpus))
    assert status == 1, err
    assert said.replace("not imported", "not merged") in err, err
    uncoded = '<PictureSource guid="S2" name="map.png" path="internal://M.png" />'
    (tmp_path / "uncoded").mkdir()
    status, err, _ = _import_project(
        capsys, tmp_path / "uncoded", "p.qdpx", qde.replace(source, uncoded)
    )
    assert status == 0, err
