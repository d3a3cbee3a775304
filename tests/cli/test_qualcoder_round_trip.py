"""A round trip through QualCoder itself: the project ``tui-reader export --format qdpx`` wrote,
imported by QualCoder's REFI-QDA project import and exported again by its REFI-QDA project
export (``tests/fixtures/qualcoder``; its README says how), imports with the same quotes, codes
(with their hierarchy and descriptions), notes and coders as were exported."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

FIXTURES = Path(__file__).parents[1] / "fixtures" / "qualcoder"
QUALCODER = FIXTURES / "qualcoder.qdpx"  # what QualCoder wrote
# The same, written with QualCoder's "line ending character for MAXQDA" (CRLF sources)
QUALCODER_CRLF = FIXTURES / "qualcoder-crlf.qdpx"
OURS = FIXTURES / "tui-reader.qdpx"  # what it read: our export of CODING

# The coding the fixtures were made from: (document, quote, codes, note, coder)
CODING = [
    (
        "interview-1.txt",
        "The checkpoints moved closer to town.",
        "security/border",
        "Militarisation felt as distance shrinking.",
        "ana",
    ),
    (
        "interview-1.txt",
        "Now there are soldiers at the bridge every morning.",
        "security/border,security/military",
        "",
        "ana",
    ),
    (
        "interview-1.txt",
        "The market women organised their own route.",
        "resistance/local",
        "Collective, gendered; compare interview 2.\nSecond line of the note.",
        "ana",
    ),
    (
        "interview-1.txt",
        "the border is not a line, it is the place where we live",
        "migration/border,resistance",
        "Key for the 'border as lived space' theme.",
        "ben",
    ),
    ("interview-2.txt", "My family is on both sides.", "migration/border", "", "ben"),
    (
        "interview-2.txt",
        "we started meeting at the church instead of the plaza",
        "resistance/local",
        "",
        "ben",
    ),
    (
        "interview-2.txt",
        "I feel watched, not protected. \N{CONFUSED FACE}",
        "feeling",
        "Surveillance, not safety.",
        "ana",
    ),
]
CODES = [  # (code, colour, description)
    ("security/border", "red", "Border as a place of control"),
    ("resistance", "", "Acts against control, small or large"),
    ("feeling", "#2e8b57", ""),
]

Record = tuple[str, int, int, str, tuple[str, ...], str, str]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def ours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The corpus and a database holding CODING and CODES, made with the commands a user types."""
    corpus, db = tmp_path / "corpus", tmp_path / "ours.json"
    shutil.copytree(FIXTURES / "corpus", corpus)
    where = ("--db", str(db), "--corpus", str(corpus))
    for document, quote, codes, note, coder in CODING:
        noted = ("--note", note) if note else ()
        argv = ("annotate", document, *where, "--coder", coder, "--quote", quote, "--tag", codes)
        assert _run(capsys, *argv, *noted)[0] == 0
    for code, colour, description in CODES:
        argv = ("tags", "set", code, "--db", str(db), "--description", description)
        assert _run(capsys, *argv, *(("--color", colour) if colour else ()))[0] == 0
    return corpus, db


def records(db: Path) -> set[Record]:
    """What a person coded: document (file name), place, quote, codes, note, coder."""
    with AnnotationStore(db) as store:
        return {
            (
                Path(a.document).name,
                a.start,
                a.end,
                a.quote,
                tuple(sorted(a.tags)),
                a.note,
                a.coder,
            )
            for a in store.annotations()
        }


def codebook(db: Path) -> dict[str, str]:
    """Each code with its description."""
    with AnnotationStore(db) as store:
        return {t.name: t.description for t in store.tags()}


def selections(project: Path) -> set[tuple[object, ...]]:
    """A REFI-QDA project's text selections as its XML states them, read without our reader:
    source, start, end, quote, description, the codes' names (outer/inner), the user's name."""
    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(project) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:User", ns)}
    codes: dict[str | None, str] = {}

    def walk(parent: ElementTree.Element, prefix: str) -> None:
        for code in parent.iterfind("q:Code", ns):
            codes[code.get("guid")] = f"{prefix}{code.get('name')}"
            walk(code, f"{prefix}{code.get('name')}/")

    walk(root.find("q:CodeBook/q:Codes", ns), "")  # type: ignore[arg-type]
    found = set()
    for source in root.iterfind(".//q:TextSource", ns):
        for selection in source.iterfind("q:PlainTextSelection", ns):
            refs = selection.iterfind("q:Coding/q:CodeRef", ns)
            found.add(
                (
                    source.get("name"),
                    int(selection.get("startPosition", "")),
                    int(selection.get("endPosition", "")),
                    selection.get("name"),
                    selection.findtext("q:Description", "", ns),
                    frozenset(codes[r.get("targetGUID")] for r in refs),
                    users[selection.get("creatingUser")],
                )
            )
    return found


def test_the_project_qualcoder_read_is_our_export_of_the_coding(
    ours: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = ours
    exported = tmp_path / "now.qdpx"
    argv = ("export", str(corpus), "--db", str(db), "--format", "qdpx", "-o", str(exported))
    assert _run(capsys, *argv)[0] == 0
    assert selections(exported) == selections(OURS)
    assert len(selections(OURS)) == len(CODING)
    # QualCoder wrote one selection per code, with new GUIDs, the rest as it read it.
    theirs = selections(QUALCODER)
    assert len(theirs) == 9 and selections(QUALCODER_CRLF) == theirs
    assert {s[:5] for s in theirs} == {s[:5] for s in selections(OURS)}
    assert {(s[:5], c) for s in theirs for c in s[5]} == {
        (s[:5], c) for s in selections(OURS) for c in s[5]
    }


def as_written_on_windows(project: Path, to: Path) -> Path:
    """``project`` (QualCoder's with MAXQDA's line ends) as QualCoder writes it on Windows:
    it writes each source's text with its line ends made CRLF through a file opened in text
    mode, which writes each LF as CRLF again, so each line end is CR CR LF."""
    doubled = 0
    with zipfile.ZipFile(project) as given, zipfile.ZipFile(to, "w") as written:
        for member in given.infolist():
            data = given.read(member)
            if member.filename.startswith("sources/"):
                doubled += data.count(b"\r\n")
                data = data.replace(b"\r\n", b"\r\r\n")
            written.writestr(member, data)
    assert doubled
    return to


@pytest.mark.parametrize(
    "written", [QUALCODER, QUALCODER_CRLF, "windows"], ids=["as-is", "crlf", "cr-cr-lf"]
)
def test_what_qualcoder_wrote_imports_as_what_we_exported(
    written: Path | str,
    ours: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """QualCoder on Windows with MAXQDA's line ends (cr-cr-lf) wrote each line end as CR CR
    LF, counted as one: every passage came in a character further on per line above it
    ('A: The checkpoints moved close' for 'The checkpoints moved closer'), said anchored."""
    corpus, db = ours
    if written == "windows":
        written = as_written_on_windows(QUALCODER_CRLF, tmp_path / "windows.qdpx")
    back = tmp_path / "back" / "annotations.json"
    back.parent.mkdir()
    argv = ("import", str(written), "--format", "qdpx", "--db", str(back))
    status, _, err = _run(capsys, *argv)
    assert status == 0, err
    assert "7 new, 0 updated" in err
    for document in sorted(corpus.iterdir()):  # without QualCoder's byte-order mark and CRs
        assert (back.parent / document.name).read_bytes() == document.read_bytes()
    assert records(back) == records(db)
    assert {r[6] for r in records(back)} == {"ana", "ben"}
    assert codebook(back) == codebook(db)
    # QualCoder maps every colour into its own palette (red comes back as #E65100) and gives
    # a code with none one of its own: the colours are QualCoder's, each a #RRGGBB.
    with AnnotationStore(back) as store:
        assert all(len(t.color) == 7 and t.color.startswith("#") for t in store.tags())


def test_a_dry_run_into_an_empty_folder_writes_nothing_and_names_the_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "annotations.json"
    status, out, err = _run(capsys, "import", str(QUALCODER), "--db", str(db), "--dry-run")
    assert status == 0, err
    assert err.count("would write") == 2 and "orphans" not in err
    assert "would import 7 annotations" in err and len(out.splitlines()) == 7
    assert list(tmp_path.iterdir()) == []


def test_what_qualcoder_wrote_beside_our_corpus_changes_no_annotation(
    ours: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = ours
    before = records(db)
    argv = ("import", str(QUALCODER), "--db", str(db), "--corpus", str(corpus))
    status, _, err = _run(capsys, *argv)
    assert status == 0, err
    assert "0 new, 0 updated, 7 unchanged" in err
    assert records(db) == before
    assert set(codebook(db)) == {code for _, _, codes, _, _ in CODING for code in codes.split(",")}


def test_its_sources_with_cr_cr_lf_in_our_corpus_take_its_passages_in_place(
    ours: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sources QualCoder wrote on Windows with MAXQDA's line ends (CR CR LF) kept as the
    corpus's documents: each read with a blank line after every line, so the passages,
    counted with one character a line end, landed elsewhere in it than in the project."""
    _, db = ours
    project = as_written_on_windows(QUALCODER_CRLF, tmp_path / "windows.qdpx")
    corpus = tmp_path / "theirs"
    corpus.mkdir()
    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(project) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
        for source in root.iterfind(".//q:TextSource", ns):
            member = "sources/" + str(source.get("plainTextPath")).removeprefix("internal://")
            (corpus / str(source.get("name"))).write_bytes(archive.read(member))
    written = {path.name: path.read_bytes() for path in corpus.iterdir()}
    assert all(b"\r\r\n" in data for data in written.values()) and len(written) == 2
    back = tmp_path / "back.json"
    argv = ("import", str(project), "--db", str(back), "--corpus", str(corpus))
    status, _, err = _run(capsys, *argv)
    assert status == 0, err
    assert "7 new, 0 updated" in err
    assert records(back) == records(db)
    assert {path.name: path.read_bytes() for path in corpus.iterdir()} == written
    status, out, err = _run(capsys, "export", str(corpus), "--db", str(back), "--format", "csv")
    assert status == 0, err
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 9 and {row["status"] for row in rows} == {"anchored"}
    placed = {(row["content"], int(row["start"]), int(row["end"])) for row in rows}
    assert placed == {(r[3], r[1], r[2]) for r in records(db)}  # as in the text it coded
    market = next(row for row in rows if row["content"].startswith("The market women"))
    assert market["line"] == "7"  # the file's line, as grep says it
