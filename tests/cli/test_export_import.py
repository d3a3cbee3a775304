"""``tui-reader export`` and ``tui-reader import`` end to end, on a copy of the seed corpus."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers.format_fixtures import PRINTED_FROM, make_browser_printed_pdf
from helpers.markdown_quotes import blockquotes
from helpers.w3c_suite import suite_failures

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.workspace_export import write_atomically
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

MEXICO = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
US = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


@pytest.fixture
def workspace(corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path, list[Annotation]]:
    """A corpus copy and a database with three annotations on it."""
    db = tmp_path / "annotations.json"
    made: list[Annotation] = []
    with AnnotationStore(db) as store:
        for name, phrase, tags, note in [
            (MEXICO, "In a move that reveals the utter subservience", ("policy/border",), "*Key*"),
            (MEXICO, "Despite U.S. investments of $22 million", ("money",), ""),
            (US, "News > Latin America", ("militarization",), "- a list note"),
        ]:
            path = corpus_copy / name
            document: Document = load_document(path)
            start = document.text.index(phrase)
            key = document_key(path, db)
            annotation = make_annotation(
                key, document.text, start, start + len(phrase), document.sha256, tags, note
            )
            made.append(store.add(annotation))
    return corpus_copy, db, made


def _export(
    capsysbinary: pytest.CaptureFixture[bytes], corpus: Path, db: Path, *args: str
) -> tuple[int, bytes, str]:
    status = main(["export", str(corpus), "--db", str(db), *args])
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode()


def test_markdown_is_the_default(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    corpus, db, made = workspace
    status, out, _ = _export(capsysbinary, corpus, db)
    assert status == 0
    markdown = out.decode("utf-8")
    assert markdown.startswith("# Annotations\n")
    assert {q for q, _ in blockquotes(markdown)} == {a.quote for a in made}


def test_filters_by_tag_and_document(
    workspace: tuple[Path, Path, list[Annotation]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    corpus, db, _ = workspace
    _, out, _ = _export(capsysbinary, corpus, db, "--tag", "policy", "--format", "json")
    assert [r["tags"] for r in json.loads(out)] == [["policy/border"]]
    _, out, _ = _export(capsysbinary, corpus, db, "--doc", US, "--format", "json")
    assert [r["quote"] for r in json.loads(out)] == ["News > Latin America"]
    _, out, _ = _export(
        capsysbinary, corpus, db, "--by", "tag", "--tag", "money", "--tag", "militarization"
    )
    assert b"## money" in out and b"## militarization" in out and b"## policy" not in out
    status, out, err = _export(capsysbinary, corpus, db, "--tag", "nope")
    assert status == 1 and "no annotation has the tag 'nope'" in err
    status, _, err = _export(capsysbinary, corpus, db, "--doc", "nope.txt")
    assert status == 2 and "nope.txt" in err


def test_markdown_by_tag_of_some_codes_has_sections_for_those_codes_alone(
    workspace: tuple[Path, Path, list[Annotation]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``--by tag --tag money`` of a passage coded money and policy/border made a section for
    policy too, as if it had been asked for."""
    corpus, db, made = workspace
    with AnnotationStore(db) as store:
        money = next(a for a in made if a.tags == ("money",))
        store.update(money.evolve(tags=("money/grants", "policy/border")))
    _, out, _ = _export(capsysbinary, corpus, db, "--by", "tag", "--tag", "money")
    headings = [line for line in out.decode().splitlines() if line.startswith("# ")]
    headings += [line for line in out.decode().splitlines() if line.startswith("##")]
    assert headings[:3] == ["# Annotations by tag", "## money", "### grants"]
    assert not any("policy" in h for h in headings)
    assert b"- Tags: #money/grants #policy/border" in out  # the passage's codes, all of them
    _, out, _ = _export(capsysbinary, corpus, db, "--by", "tag")
    assert b"## policy" in out and b"## money" in out


def test_an_export_of_some_codes_holds_the_memos_of_those_codes_alone(
    workspace: tuple[Path, Path, list[Annotation]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """export --tag money wrote the memo of every code, policy's and militarization's too,
    into a file meant to hold the money passages (a project, in its notes, alike)."""
    corpus, db, _ = workspace
    where = ["--db", str(db), "--corpus", str(corpus)]
    for code in ("money", "militarization"):
        assert main(["memo", "add", "--code", code, f"what {code} means", *where]) == 0
    capsysbinary.readouterr()
    _, out, _ = _export(capsysbinary, corpus, db, "--tag", "money")
    assert b"what money means" in out and b"what militarization means" not in out
    _, out, _ = _export(capsysbinary, corpus, db)
    assert b"what money means" in out and b"what militarization means" in out
    project = corpus.parent / "money.qdpx"
    _export(capsysbinary, corpus, db, "--tag", "money", "-f", "qdpx", "-o", str(project))
    with zipfile.ZipFile(project) as archive:
        qde = archive.read("project.qde")
    assert b"what money means" in qde and b"what militarization means" not in qde


def test_a_codebook_of_some_codes_holds_those_codes_alone(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    """``export --format qdc --tag policy`` wrote the whole codebook (money, militarization)."""
    corpus, db, _ = workspace
    path = tmp_path / "policy.qdc"
    status, _, err = _export(
        capsysbinary, corpus, db, "-f", "qdc", "--tag", "policy", "-o", str(path)
    )
    assert status == 0 and "wrote 1 code" in err
    names = re.findall(r'<Code [^>]*name="([^"]*)"', path.read_text("utf-8"))
    assert names == ["policy", "border"]
    status, _, err = _export(capsysbinary, corpus, db, "-f", "qdc", "--tag", "nope")
    assert status == 2 and "no code is 'nope' or below it" in err


def test_a_tag_typed_in_another_case_exports_what_query_and_report_find(
    workspace: tuple[Path, Path, list[Annotation]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``export --tag Policy`` said no annotation has the tag and exported nothing, where
    ``query Policy`` and ``report --tag Policy`` take the codebook's spelling."""
    corpus, db, _ = workspace
    status, out, err = _export(capsysbinary, corpus, db, "--tag", "Policy", "--format", "json")
    assert status == 0 and err == ""
    assert [r["tags"] for r in json.loads(out)] == [["policy/border"]]
    _, out, _ = _export(capsysbinary, corpus, db, "--tag", "POLICY/Border")
    assert b"Selection: tags policy/border" in out


def test_output_file_needs_force_to_replace(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    corpus, db, _ = workspace
    target = tmp_path / "out.md"
    target.write_text("precious")
    status, _, err = _export(capsysbinary, corpus, db, "-o", str(target))
    assert status == 2 and "--force" in err
    assert target.read_text() == "precious"
    status, _, _ = _export(capsysbinary, corpus, db, "-o", str(target), "--force")
    assert status == 0 and target.read_text(encoding="utf-8").startswith("# Annotations")


def test_an_output_named_with_a_slash_at_its_end_is_a_folder_not_a_file(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``export -o exports/`` (a folder meant, not made yet) wrote the export to a file named
    "exports"."""
    corpus, db, _ = workspace
    monkeypatch.chdir(tmp_path)
    status, out, err = _export(capsysbinary, corpus, db, "-f", "csv", "-o", "exports/")
    assert (status, out) == (2, b"")
    assert err == (
        "tui-reader: exports/: names a folder (it ends in '/') that is not there; nothing was "
        "written: name the file (-o exports.csv, or -o exports/annotations.csv once the folder "
        "is made)\n"
    )
    assert not (tmp_path / "exports").exists()


def test_an_export_of_files_a_shell_names_is_of_their_annotations(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """``export corpus/*.txt`` (the shell names each file) was "unrecognized arguments"."""
    corpus, db, made = workspace
    files = [str(corpus / US), str(corpus / MEXICO)]
    assert main(["export", *files, "--db", str(db), "-f", "json"]) == 0
    records = json.loads(capsysbinary.readouterr().out)
    assert sorted(r["id"] for r in records) == sorted(a.id for a in made)
    # a folder among them: said and left out, the file exported, 2 (as grep)
    assert main(["export", files[0], str(corpus), "--db", str(db), "-f", "json"]) == 2
    out, err = capsysbinary.readouterr()
    assert err.decode() == (
        f"tui-reader: {corpus}: is a folder, among files named: left out (name it alone for "
        "its documents)\n"
    )
    assert sorted(r["id"] for r in json.loads(out)) == sorted(
        a.id for a in made if US in a.document
    )


def test_an_export_of_one_file_is_of_that_documents_annotations(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    """``export corpus/interview.txt`` exported every annotation of the file's folder, as if
    the folder had been named; ``export corpus/photo.png`` did too, exit 0."""
    corpus, db, made = workspace
    status = main(["export", str(corpus / MEXICO), "--db", str(db), "-f", "json"])
    records = json.loads(capsysbinary.readouterr().out)
    assert status == 0
    assert sorted(r["id"] for r in records) == sorted(a.id for a in made[:2])
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    status = main(["export", str(corpus / "photo.png"), "--db", str(db), "-f", "json"])
    captured = capsysbinary.readouterr()
    assert (status, captured.out) == (2, b"")
    assert (
        captured.err.decode()
        == f"tui-reader: {corpus / 'photo.png'}: unsupported file type '.png'\n"
    )


@pytest.mark.parametrize("fmt", ["markdown", "json", "qdpx"])
def test_an_export_to_the_null_device_is_made_and_thrown_away(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    fmt: str,
) -> None:
    """``export -o /dev/null`` (a script checking the export can be made, a timing) was
    refused: "/dev/null: is a device, not a regular file; nothing was written"."""
    corpus, db, _ = workspace
    status, out, err = _export(capsysbinary, corpus, db, "-f", fmt, "-o", os.devnull)
    assert (status, out, err) == (0, b"", "")
    assert Path(os.devnull).is_char_device()  # the device itself, not a file put there
    status, _, err = _export(capsysbinary, corpus, db, "-f", fmt, "-o", "/dev/zero")
    assert (status, err) == (2, "tui-reader: /dev/zero: is a device, not a regular file; "
                                "nothing was written\n")  # fmt: skip


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_an_output_in_a_folder_that_cannot_be_written_is_said_before_the_export_is_built(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    force: list[str],
) -> None:
    """It was found only when the file was written, after the whole export was built."""
    corpus, db, _ = workspace
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "old.json").write_text("precious")
    folder.chmod(0o555)
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:  # root ignores the folder's mode
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    import tui_reader.core.interchange.workspace_export as exporting

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the export was built")

    # The command's module first: imported here for the first time, it would take the
    # patched function as its own, and keep it past this test.
    monkeypatch.setattr("tui_reader.cli.export.collect", never)
    monkeypatch.setattr(exporting, "collect", never)
    for name in ("new.json", "old.json"):
        status, out, err = _export(capsysbinary, corpus, db, "-o", str(folder / name), *force)
        assert status == 2 and not out
        assert err == (
            f"tui-reader: {folder}: the folder cannot be written to (read-only or not yours); "
            "nothing was written\n"
        )
    folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["old.json"]


def test_an_output_that_force_would_not_replace_is_said_so_first(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    # -o FOLDER said "exists; add --force to replace it", and with --force then "is a folder,
    # not a regular file"; a folder not there was said only after the whole export was made.
    corpus, db, _ = workspace
    folder = tmp_path / "exports"
    folder.mkdir()
    status, out, err = _export(capsysbinary, corpus, db, "-o", str(folder))
    assert status == 2 and not out
    assert (
        err == f"tui-reader: {folder} is a folder; name a file in it: -o {folder}/annotations.md\n"
    )
    status, _, err = _export(capsysbinary, corpus, db, "-o", str(tmp_path / "no" / "x.csv"))
    assert (
        status == 2
        and err == f"tui-reader: {tmp_path / 'no'}: no such folder; nothing was written\n"
    )
    (tmp_path / "link.md").symlink_to(tmp_path / "out.md")
    (tmp_path / "out.md").write_text("precious")
    status, _, err = _export(capsysbinary, corpus, db, "-o", str(tmp_path / "link.md"))
    assert status == 2 and "is a symbolic link" in err and "--force" not in err
    assert (tmp_path / "out.md").read_text() == "precious"


def test_the_output_files_extension_names_the_format(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    # -o project.qdpx wrote Markdown into it (QualCoder could not open it), -o codes.csv too.
    corpus, db, made = workspace
    for name in ("project.qdpx", "codes.CSV", "notes.json", "web.jsonld", "book.qdc", "a.txt"):
        status, _, err = _export(capsysbinary, corpus, db, "-o", str(tmp_path / name))
        assert status == 0, err
    assert zipfile.ZipFile(tmp_path / "project.qdpx").namelist()[0] == "project.qde"
    assert (tmp_path / "codes.CSV").read_text("utf-8-sig").startswith("id,document,tag,")
    assert len(json.loads((tmp_path / "notes.json").read_text("utf-8"))) == len(made)
    assert "@context" in json.loads((tmp_path / "web.jsonld").read_text("utf-8"))
    assert "urn:QDA-XML:codebook" in (tmp_path / "book.qdc").read_text("utf-8")
    assert (tmp_path / "a.txt").read_text("utf-8").startswith("# Annotations")  # Markdown
    status, _, _ = _export(capsysbinary, corpus, db, "-f", "json", "-o", str(tmp_path / "x.csv"))
    assert status == 0 and len(json.loads((tmp_path / "x.csv").read_text("utf-8"))) == len(made)


def test_a_dash_for_the_output_is_stdout_not_a_file_named_dash(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, db, _ = workspace
    monkeypatch.chdir(tmp_path)
    status, out, err = _export(capsysbinary, corpus, db, "-o", "-", "--format", "json")
    assert status == 0 and len(json.loads(out)) == 3 and "wrote" not in err
    assert not (tmp_path / "-").exists()


def test_every_format_writes(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    corpus, db, made = workspace
    for fmt in ("markdown", "json", "csv", "w3c", "qdpx", "qdc"):
        target = tmp_path / f"out.{fmt}"
        status, _, err = _export(capsysbinary, corpus, db, "-f", fmt, "-o", str(target))
        assert status == 0, err
        assert target.stat().st_size > 0
        held = "3 codes" if fmt == "qdc" else "3 annotations"  # a codebook holds codes
        assert f"wrote {held} to" in err
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        assert archive.namelist()[0] == "project.qde"
    records = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in records} == {a.id for a in made}
    assert all(r["status"] == "anchored" for r in records)


def test_orphans_are_exported_and_reported(
    workspace: tuple[Path, Path, list[Annotation]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    corpus, db, _ = workspace
    (corpus / US).write_text("Entirely rewritten text.\n", encoding="utf-8")
    status, out, err = _export(capsysbinary, corpus, db)
    assert status == 0
    assert b"## Orphaned annotations" in out and b"News > Latin America" in out
    status, out, err = _export(capsysbinary, corpus, db, "-f", "qdpx")
    assert status == 0 and "1 orphaned annotation left out" in err
    assert zipfile.ZipFile(io.BytesIO(out)).namelist()[0] == "project.qde"


def test_orphans_of_a_deleted_file_are_said_for_the_file_not_the_text(
    workspace: tuple[Path, Path, list[Annotation]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """With an annotated file deleted, a project export said its annotations were left out
    because 'their passage is not in the current text': the file is gone, and it says so,
    in one line naming the file (it said 'PATH: No such file or directory' and then the
    count of its annotations in a line naming none)."""
    corpus, db, _ = workspace
    (corpus / US).unlink()
    status, _, err = _export(capsysbinary, corpus, db, "-f", "qdpx")
    assert status == 0
    assert err.splitlines()[0] == (
        f"tui-reader: {corpus / US}: no such file (moved, deleted or never here?): 1 annotation left "
        "out of the project; export markdown or json to keep them"
    )
    assert "current text" not in err and "No such file" not in err
    for form in ("json", "csv", "markdown"):
        status, _, err = _export(capsysbinary, corpus, db, "-f", form)
        assert err == (
            f"tui-reader: {corpus / US}: no such file (moved, deleted or never here?): 1 annotation "
            "exported as orphans; the database is unchanged\n"
        )


def test_a_project_says_it_wrote_the_annotations_it_holds(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    # One of three orphaned: the project holds two, and says two (it said three).
    corpus, db, _ = workspace
    (corpus / US).write_text("Entirely rewritten text.\n", encoding="utf-8")
    project = tmp_path / "out.qdpx"
    status, _, err = _export(capsysbinary, corpus, db, "-f", "qdpx", "-o", str(project))
    assert status == 0 and "1 orphaned annotation left out" in err
    assert f"wrote 2 annotations to {project}" in err
    with zipfile.ZipFile(project) as archive:
        assert archive.read("project.qde").count(b"<PlainTextSelection ") == 2


def test_a_project_holds_every_document_of_the_corpus_those_not_coded_too(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    corpus, db, _ = workspace
    (corpus / "not-coded-yet.txt").write_text("An interview nobody has coded.\n", "utf-8")
    (corpus / "damaged.docx").write_bytes(b"PK\x03\x04 not a Word file")
    project = tmp_path / "out.qdpx"
    status, _, err = _export(capsysbinary, corpus, db, "-f", "qdpx", "-o", str(project))
    assert status == 0 and "damaged.docx" in err and "not in the project" in err
    with zipfile.ZipFile(project) as archive:
        qde = ET.fromstring(archive.read("project.qde"))
        ns = {"q": "urn:QDA-XML:project:1.0"}
        sources = {s.get("name"): s for s in qde.iterfind(".//q:TextSource", ns)}
        assert sorted(sources) == sorted([MEXICO, US, "not-coded-yet.txt"])
        path = sources["not-coded-yet.txt"].get("plainTextPath", "")
        text = archive.read("sources/" + path.removeprefix("internal://"))
        assert text == b"An interview nobody has coded.\n"
        assert sources["not-coded-yet.txt"].find("q:PlainTextSelection", ns) is None
    # imported into an empty folder, every source becomes a document there
    back = tmp_path / "back" / "annotations.json"
    back.parent.mkdir()
    capsysbinary.readouterr()
    assert main(["import", str(project), "--db", str(back)]) == 0
    assert (back.parent / "not-coded-yet.txt").read_text("utf-8") == (
        "An interview nobody has coded.\n"
    )
    # a project of one document not coded yet holds it
    one = tmp_path / "one.qdpx"
    assert (
        _export(
            capsysbinary, corpus, db, "-f", "qdpx", "--doc", "not-coded-yet.txt", "-o", str(one)
        )[0]
        == 0
    )
    with zipfile.ZipFile(one) as archive:
        assert b'name="not-coded-yet.txt"' in archive.read("project.qde")
        assert archive.read("project.qde").count(b"<TextSource ") == 1
    # an export of some codes holds the documents they are in, alone
    some = tmp_path / "some.qdpx"
    argv = ("-f", "qdpx", "--tag", "money", "-o", str(some))
    assert _export(capsysbinary, corpus, db, *argv)[0] == 0
    with zipfile.ZipFile(some) as archive:
        assert archive.read("project.qde").count(b"<TextSource ") == 1


@pytest.mark.parametrize("fmt", ["w3c", "json"])
def test_import_round_trip_merges_by_id(
    fmt: str,
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    corpus, db, made = workspace
    exported = tmp_path / f"export.{fmt}"
    assert _export(capsysbinary, corpus, db, "-f", fmt, "-o", str(exported))[0] == 0
    fresh = tmp_path / "fresh.json"
    assert main(["import", str(exported), "--format", fmt, "--db", str(fresh)]) == 0
    err = capsysbinary.readouterr().err.decode()
    assert "3 new" in err and "no file for" not in err
    assert main(["import", str(exported), "--db", str(fresh)]) == 0  # format guessed
    assert "0 new, 0 updated, 3 unchanged" in capsysbinary.readouterr().err.decode()
    with AnnotationStore(fresh) as store:
        back = store.annotations()
        assert len(back) == 3
        assert {a.id: a for a in back} == {a.id: a for a in made}
        assert {t.name for t in store.tags()} >= {"policy/border", "money", "militarization"}


def test_import_replaces_changed_annotations(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    corpus, db, _ = workspace
    exported = tmp_path / "export.json"
    _export(capsysbinary, corpus, db, "-f", "json", "-o", str(exported))
    records = json.loads(exported.read_text(encoding="utf-8"))
    records[0]["note"] = "edited elsewhere"
    records[0]["updated"] = "2999-01-01T00:00:00Z"  # edited later than ours
    exported.write_text(json.dumps(records), encoding="utf-8")
    assert main(["import", str(exported), "--db", str(db)]) == 0
    assert "0 new, 1 updated, 2 unchanged" in capsysbinary.readouterr().err.decode()
    with AnnotationStore(db) as store:
        assert len(store.annotations()) == 3
        assert store.get(records[0]["id"]).note == "edited elsewhere"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('[{"id": "x"}]', "has no 'document'"),
        ('{"type": "Annotation"}', "no target"),
    ],
)
def test_import_reports_bad_files(
    content: str, message: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    db = tmp_path / "db.json"
    assert main(["import", str(bad), "--db", str(db)]) == 2
    err = capsysbinary.readouterr().err.decode()
    assert message in err and "bad.json" in err


def test_importing_a_database_names_merge(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A colleague's annotations.json was refused as "expected a JSON array of annotations".
    _, db, _ = workspace
    other = tmp_path / "ana's work.json"
    other.write_bytes(db.read_bytes())
    mine = tmp_path / "mine.json"
    for fmt in ([], ["-f", "json"]):
        assert main(["import", str(other), *fmt, "--db", str(mine)]) == 2
        err = capsysbinary.readouterr().err.decode()
        assert err == (
            f"tui-reader: {other}: a tui-reader database, not an export; another coder's "
            f"database comes in with: tui-reader merge '{tmp_path}/ana'\"'\"'s work.json'\n"
        )
    assert not mine.exists()
    # piped in, it was "tui-reader merge 'standard input'", a file not there
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(db.read_bytes())))
    assert main(["import", "-", "--db", str(mine)]) == 2
    assert capsysbinary.readouterr().err.decode() == (
        "tui-reader: standard input: a tui-reader database, not an export; another coder's "
        "database comes in with: tui-reader merge -\n"
    )


def test_write_atomically_never_clobbers_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, b"first", overwrite=False)
    assert target.read_bytes() == b"first"
    with pytest.raises(TuiReaderError, match="exists"):
        write_atomically(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    write_atomically(target, b"third")
    assert target.read_bytes() == b"third"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temp file left
    with pytest.raises(TuiReaderError, match="cannot write"):
        write_atomically(tmp_path / "missing" / "x.md", b"x")


def test_an_export_stopped_by_ctrl_c_leaves_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ctrl+c while a 150 MB export was synced left ".out.json.k2j4x9.tmp" beside it, hidden.
    target = tmp_path / "out.json"
    target.write_bytes(b"the last export")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, [b"[", b"1", b"]"])
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert target.read_bytes() == b"the last export"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_an_export_stopped_by_timeout_or_a_closed_terminal_leaves_no_half_file(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    number: int,
) -> None:
    # `timeout 60 tui-reader export -o out.json` (TERM), or the terminal closed (HUP), killed
    # it while it wrote: a hidden ".out.json.k2j4x9.tmp" of the export's size was left there.
    corpus, db, _ = workspace
    target = tmp_path / "out.json"
    fsync = os.fsync

    def signalled(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(f"{tmp_path}/.out.json."):
            os.kill(os.getpid(), number)
        fsync(fd)

    monkeypatch.setattr("os.fsync", signalled)
    # As in a terminal: under nohup (HUP ignored, as a job started so inherits) the export
    # rightly goes on, and this would test nothing.
    inherited = signal.signal(number, signal.SIG_DFL)
    try:
        status, _, err = _export(capsysbinary, corpus, db, "-f", "json", "-o", str(target))
        after = signal.getsignal(number)
    finally:
        signal.signal(number, inherited)
    assert status == 128 + number and err == ""
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")]
    assert not target.exists() and after == signal.SIG_DFL


@pytest.mark.parametrize("stem", ["x" * 250, "é" * 125])
def test_write_atomically_takes_any_name_a_file_can_have(tmp_path: Path, stem: str) -> None:
    # The temporary file's name was the target's and 14 more characters: a name of 242 to 255
    # bytes, which the file system takes, was refused with "File name too long".
    target = tmp_path / f"{stem}.md"
    assert len(target.name.encode()) <= 255
    write_atomically(target, b"written", overwrite=False)
    assert target.read_bytes() == b"written"
    write_atomically(target, b"again")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_import_warns_about_documents_not_beside_the_database(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    corpus, db, _ = workspace
    exported = tmp_path / "export.jsonld"
    _export(capsysbinary, corpus, db, "-f", "w3c", "-o", str(exported))
    elsewhere = tmp_path / "elsewhere" / "db.json"
    elsewhere.parent.mkdir()
    assert main(["import", str(exported), "--db", str(elsewhere), "--dry-run"]) == 0
    err = capsysbinary.readouterr().err.decode()
    assert "would import 3 annotations" in err and "no file for 2 documents" in err
    assert not elsewhere.exists()  # a dry run creates nothing


def test_the_installed_command_pipes_every_format(
    workspace: tuple[Path, Path, list[Annotation]], tmp_path: Path
) -> None:
    corpus, db, made = workspace
    base = [sys.executable, "-m", "tui_reader", "export", str(corpus), "--db", str(db)]
    markdown = subprocess.run(base, capture_output=True, check=True, timeout=60, cwd=tmp_path)
    assert markdown.stdout.decode("utf-8").count("\n> ") == len(made)
    project = subprocess.run(
        [*base, "-f", "qdpx"], capture_output=True, check=True, timeout=60, cwd=tmp_path
    )
    assert zipfile.ZipFile(io.BytesIO(project.stdout)).namelist()[0] == "project.qde"
    refused = subprocess.run(
        [*base, "-f", "nope"], capture_output=True, check=False, timeout=60, cwd=tmp_path
    )
    assert refused.returncode == 2 and b"invalid choice" in refused.stderr


def test_an_export_piped_into_import_dash_comes_in(
    workspace: tuple[Path, Path, list[Annotation]], tmp_path: Path
) -> None:
    # "import - < export.json" said "-: No such file or directory".
    corpus, db, made = workspace
    exported = subprocess.run(
        [sys.executable, "-m", "tui_reader", "export", str(corpus), "--db", str(db), "-f", "w3c"],
        capture_output=True, check=True, timeout=60, cwd=tmp_path,
    ).stdout  # fmt: skip
    fresh = tmp_path / "fresh.json"
    imported = subprocess.run(
        [sys.executable, "-m", "tui_reader", "import", "-", "--db", str(fresh)],
        input=exported, capture_output=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert b"imported 3 annotations from standard input: 3 new" in imported.stderr
    assert not (tmp_path / "-").exists()
    with AnnotationStore(fresh) as store:
        assert {a.id for a in store.annotations()} == {a.id for a in made}


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_a_database_kept_beside_its_corpus_imports_its_own_export(
    fmt: str, corpus_copy: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``--db coding/db.json`` with the corpus in a sibling folder: keys read
    ``../corpus/...``; the export of that database must import into a database there."""
    db = tmp_path / "coding" / "db.json"
    db.parent.mkdir()
    path = corpus_copy / MEXICO
    document = load_document(path)
    start = document.text.index("Despite U.S. investments")
    with AnnotationStore(db) as store:
        made = store.add(make_annotation(
            document_key(path, db), document.text, start, start + 24, document.sha256, ("money",)
        ))  # fmt: skip
    assert made.document.startswith("../")
    exported = tmp_path / f"export.{fmt}"
    assert _export(capsysbinary, corpus_copy, db, "-f", fmt, "-o", str(exported))[0] == 0
    fresh = tmp_path / "colleague" / "db.json"
    fresh.parent.mkdir()
    assert main(["import", str(exported), "--db", str(fresh)]) == 0, capsysbinary.readouterr()
    assert "1 new" in capsysbinary.readouterr().err.decode()
    with AnnotationStore(fresh) as store:
        assert [(a.id, a.document, a.tags) for a in store.annotations()] == [
            (made.id, made.document, ("money",))
        ]


def _expanded(source: str, start: int, quote: str, tag: str) -> list[dict[str, object]]:
    """An annotation in expanded JSON-LD, as RDF tools write one (every term an IRI)."""
    oa = "http://www.w3.org/ns/oa#"
    return [
        {
            "@id": "urn:uuid:0b7c4a4e-0000-4000-8000-000000000002",
            "@type": [oa + "Annotation"],
            "http://purl.org/dc/terms/creator": [{"@id": "acct:ben@example.org"}],
            oa + "hasBody": [
                {
                    "@type": [oa + "TextualBody"],
                    oa + "hasPurpose": [{"@id": oa + "tagging"}],
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#value": [{"@value": tag}],
                }
            ],
            oa + "hasTarget": [
                {
                    oa + "hasSource": [{"@id": source}],
                    oa + "hasSelector": [
                        {"@type": [oa + "TextQuoteSelector"], oa + "exact": [{"@value": quote}]},
                        {
                            "@type": [oa + "TextPositionSelector"],
                            oa + "start": [{"@value": start}],
                            oa + "end": [{"@value": start + len(quote)}],
                        },
                    ],
                }
            ],
        }
    ]


def test_expanded_json_ld_imports_and_merges_as_the_compact_form_does(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A W3C file an RDF tool wrote (expanded JSON-LD, named .json) was taken for tui-reader
    JSON and refused, every record 'missing' its id, start, end and quote."""
    path = corpus_copy / MEXICO
    start = load_document(path).text.index("Pentagon plan")
    rdf = tmp_path / "from-rdf-tool.json"
    rdf.write_text(json.dumps(_expanded(path.as_uri(), start, "Pentagon plan", "policy")))
    db = tmp_path / "annotations.json"
    for command in ("import", "merge"):
        target = db if command == "import" else tmp_path / "team.json"
        status = main([command, str(rdf), "--db", str(target), "--corpus", str(corpus_copy)])
        err = capsys.readouterr().err
        assert status == 0, err
        with AnnotationStore(target, read_only=True, coder="") as store:
            [annotation] = store.annotations()
        assert (annotation.start, annotation.quote, annotation.tags) == (
            start,
            "Pentagon plan",
            ("policy",),
        )
        assert annotation.coder == "ben"  # its account, acct:ben@example.org
        assert annotation.document.endswith(MEXICO)
    assert annotation_key(db) == document_key(path, db)


def annotation_key(db: Path) -> str:
    with AnnotationStore(db, read_only=True, coder="") as store:
        return store.annotations()[0].document


@pytest.mark.parametrize(
    "source",
    [
        "file:///home/ben/interviews/{}",
        # a Windows tool's: its path as it is, or in a file: IRI with its backslashes, which
        # were refused ('about C:\\Users\\..., which names no document here') or kept whole
        "C:\\Users\\ben\\interviews\\{}",
        "file:///C:%5CUsers%5Cben%5Cinterviews%5C{}",
        "\\\\server\\share\\{}",
    ],
)
@pytest.mark.parametrize("quoted", [True, False], ids=["quote and position", "position alone"])
def test_another_tools_w3c_file_finds_its_documents_here_by_their_file_names(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, quoted: bool
) -> None:
    """Another tool's W3C file names each document by the path on the machine it was made on
    (file:///home/ben/interviews/DOC) and carries no hash of its text: every annotation was
    keyed to DOC beside the database, and stayed an orphan though the corpus holds DOC.  A
    target placed by its position alone takes its quote from that document (it was left out:
    "no document DOC here to take its text from")."""
    start = load_document(corpus_copy / MEXICO).text.index("Pentagon plan")
    selectors = [
        {"type": "TextQuoteSelector", "exact": "Pentagon plan"},
        {"type": "TextPositionSelector", "start": start, "end": start + 13},
    ]
    item = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "policy"},
        "target": {
            "source": source.format(MEXICO),
            "selector": selectors if quoted else selectors[1:],
        },
    }
    theirs = tmp_path / "theirs.jsonld"
    theirs.write_text(json.dumps(item), encoding="utf-8")
    db = tmp_path / "annotations.json"
    status = main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus_copy)])
    err = capsys.readouterr().err
    assert status == 0 and "no file for" not in err, err
    status = main(["export", str(corpus_copy), "--db", str(db), "-f", "json"])
    [record] = json.loads(capsys.readouterr().out)
    assert record["document"] == document_key(corpus_copy / MEXICO, db)
    assert (record["status"], record["start"]) == ("anchored", start)
    assert record["quote"] == "Pentagon plan"


def test_another_tools_quote_alone_is_placed_where_the_text_holds_it_once(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another tool's W3C target placed by a TextQuoteSelector alone waited at the text's
    start to be placed, and was weighed by its nearness to it: "Pentagon plan", past the
    first lines of a text whose title holds "Plan Pentagon", was left an orphan ("not in
    the text of its document").  It is placed where the text holds it; a passage the text
    holds three times stays an orphan, said so."""
    text = load_document(corpus_copy / MEXICO).text
    items = [
        {
            "type": "Annotation",
            "id": f"urn:uuid:11111111-2222-4333-8444-55555555555{n}",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "policy"},
            "target": {
                "source": f"file:///home/ben/interviews/{MEXICO}",
                "selector": {"type": "TextQuoteSelector", "exact": exact},
            },
        }
        for n, exact in enumerate(("Pentagon plan", "Southern Command"))
    ]
    theirs = tmp_path / "theirs.jsonld"
    theirs.write_text(json.dumps(items), encoding="utf-8")
    db = tmp_path / "annotations.json"
    status = main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus_copy)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "occurs 3 times in" in err and "'Southern Command')" in err, err
    assert "Pentagon plan" not in err, err
    main(["export", str(corpus_copy), "--db", str(db), "-f", "json"])
    placed = {r["quote"]: (r["status"], r["start"]) for r in json.loads(capsys.readouterr().out)}
    assert placed == {
        "Pentagon plan": ("anchored", text.index("Pentagon plan")),
        "Southern Command": ("orphan", 0),
    }


SAVED_PAGE = """<!DOCTYPE html>
<!-- saved from url=(0035)https://example.org/news/border-plan -->
<html><head><title>Border plan announced</title></head>
<body><nav>Home | News</nav><article><h1>Border plan announced</h1>
<p>The government announced a new plan for the southern border on Monday. Officials said the
Pentagon plan would send more troops to the region within weeks.</p>
<p>Critics called the move a remilitarization of migration policy.</p></article></body></html>
"""
PAGE = "https://example.org/news/border-plan"  # the address SAVED_PAGE was saved from


def _saved_page_corpus(tmp_path: Path) -> Path:
    """A corpus folder holding SAVED_PAGE as ``article.html``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.html").write_text(SAVED_PAGE, encoding="utf-8")
    return corpus


def _hypothesis_row(target: dict[str, object]) -> dict[str, object]:
    """An annotation of ``target`` in SAVED_PAGE's page as Hypothesis's own JSON gives it."""
    return {
        "id": "AbC",
        "created": "2024-01-02T03:04:05.000000+00:00",
        "updated": "2024-01-02T03:04:05.000000+00:00",
        "user": "acct:ana@hypothes.is",
        "uri": PAGE,
        "text": "troops!",
        "tags": ["militarization"],
        "target": [target],
    }


def test_hypothesis_annotations_of_a_web_page_come_onto_its_saved_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hypothesis annotates web pages: its W3C annotations name the page's address. One such
    annotation refused the whole file ('is not a path relative to the database'), though the
    corpus held the page saved from that address; it now comes onto that page, placed by its
    quote, and one of a page the corpus lacks is named and left out, the import failing (as
    one of Taguette's highlights of a document not here fails it)."""
    corpus = _saved_page_corpus(tmp_path)
    (corpus / "notes.txt").write_text("Some notes of mine.\n", encoding="utf-8")

    def annotation(ident: str, source: str, exact: str) -> dict[str, object]:
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "id": f"https://hypothes.is/a/{ident}",
            "creator": "acct:ana@hypothes.is",
            "body": [
                {"type": "TextualBody", "value": "troops!", "format": "text/markdown"},
                {"type": "TextualBody", "purpose": "tagging", "value": "militarization"},
            ],
            "target": [
                {
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": 150, "end": 150 + len(exact)},
                        {"type": "TextQuoteSelector", "exact": exact, "prefix": "said the "},
                    ],
                }
            ],
        }

    theirs = tmp_path / "hypothesis.jsonld"
    page = "https://www.example.org/news/border-plan/#annotations:AbC"
    items = [annotation("AbC", page, "Pentagon plan"), annotation("Xyz", "https://x.org/", "a")]
    items.append(annotation("Pdf", "urn:x-pdf:6b7a3e0d", "b"))  # a PDF known by its fingerprint
    theirs.write_text(json.dumps(items), encoding="utf-8")
    db = tmp_path / "annotations.json"
    status = main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "'https://hypothes.is/a/Xyz': about https://x.org/, which no web page" in err
    assert (
        "'https://hypothes.is/a/Pdf': about urn:x-pdf:6b7a3e0d, a PDF's fingerprint no PDF" in err
    )
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    text = load_document(corpus / "article.html").text
    assert record["document"] == document_key(corpus / "article.html", db)
    assert record["status"] == "anchored"
    assert text[record["start"] : record["end"]] == "Pentagon plan"
    assert (record["tags"], record["note"]) == (["militarization"], "troops!")


def test_hypothesis_own_json_export_imports_as_its_w3c_form_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hypothesis's 'Export annotations' JSON ({"annotations": [...]}, each with uri, user,
    text, tags and target) was taken for tui-reader JSON: 'nothing imported: record 1:
    document: missing, start: missing, ...'.  It now imports as the W3C form Hypothesis serves
    of the same annotations (the same ids: importing both adds no copy)."""
    corpus = _saved_page_corpus(tmp_path)
    page = PAGE
    target = {
        "source": page,
        "selector": [
            {"type": "TextPositionSelector", "start": 150, "end": 163},
            {"type": "TextQuoteSelector", "exact": "Pentagon plan", "prefix": "said the "},
        ],
    }
    row = _hypothesis_row(target) | {"document": {"title": ["Border plan announced"]}}
    page_note = row | {"id": "Pg1", "target": [{"source": page}], "tags": []}
    exported = tmp_path / "hypothesis.json"
    exported.write_text(json.dumps({"export_date": "2024-01-03", "annotations": [row, page_note]}))
    db = tmp_path / "annotations.json"
    status = main(["import", str(exported), "--db", str(db), "--corpus", str(corpus)])
    err = capsys.readouterr().err
    assert status == 0 and "1 new" in err, err
    assert "('https://hypothes.is/a/Pg1'): about the whole of" in err  # a page note: no passage
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert (record["id"], record["tags"], record["note"]) == (
        "https://hypothes.is/a/AbC",
        ["militarization"],
        "troops!",
    )
    assert (record["coder"], record["status"]) == ("ana", "anchored")  # acct:ana@hypothes.is
    served = {  # the same annotation as Hypothesis serves it in JSON-LD
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/AbC",
        "created": row["created"],
        "modified": row["updated"],
        "creator": row["user"],
        "body": [
            {"type": "TextualBody", "value": "troops!", "format": "text/markdown"},
            {"type": "TextualBody", "purpose": "tagging", "value": "militarization"},
        ],
        "target": [target],
    }
    (tmp_path / "served.jsonld").write_text(json.dumps(served))
    status = main(["import", str(tmp_path / "served.jsonld"), "--db", str(db), "--corpus",
                   str(corpus)])  # fmt: skip
    assert status == 0 and "0 new" in capsys.readouterr().err


def test_a_hypothesis_reply_comes_onto_the_passage_its_thread_began_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reply in Hypothesis's JSON names the page alone (its ``references`` the thread it
    answers): it was said to be 'about the whole of' the page and left out, a colleague's
    answer lost.  It comes onto the passage of the annotation its thread began with, as its
    writer's note there, its own id, coder and times; one whose thread's first is not in
    the file is left out, as before."""
    corpus = _saved_page_corpus(tmp_path)
    page = PAGE
    target = {
        "source": page,
        "selector": [
            {"type": "TextQuoteSelector", "exact": "Pentagon plan", "prefix": "said the "}
        ],
    }
    row = _hypothesis_row(target)
    reply = row | {
        "id": "Re1",
        "created": "2024-01-03T03:04:05.000000+00:00",
        "updated": "2024-01-03T03:04:05.000000+00:00",
        "user": "acct:ben@hypothes.is",
        "text": "Logistics, rather.",
        "tags": [],
        "target": [{"source": page}],
        "references": ["AbC"],
    }
    again = reply | {"id": "Re2", "text": "Both.", "references": ["AbC", "Re1"]}
    lost = reply | {"id": "Re3", "references": ["Gone"]}
    exported = tmp_path / "hypothesis.json"
    exported.write_text(json.dumps({"total": 4, "rows": [row, reply, again, lost]}))
    db = tmp_path / "annotations.json"
    main(["import", str(exported), "--db", str(db), "--corpus", str(corpus)])
    err = capsys.readouterr().err
    assert "3 new" in err and "'https://hypothes.is/a/Re3'): about the whole of" in err, err
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted((r["id"], r["quote"], r["note"], r["coder"], r["tags"]) for r in records) == [
        ("https://hypothes.is/a/AbC", "Pentagon plan", "troops!", "ana", ["militarization"]),
        ("https://hypothes.is/a/Re1", "Pentagon plan", "Logistics, rather.", "ben", []),
        ("https://hypothes.is/a/Re2", "Pentagon plan", "Both.", "ben", []),
    ]  # fmt: skip


def test_hypothesis_search_results_holding_a_page_of_them_say_the_rest_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hypothesis's API gives its search results 20 at a time: a file of one page of 134
    imported 20 without a word about the other 114, and the import succeeded: it fails (the
    rest is not in the file, as a collection's page not in the file fails it)."""
    corpus = _saved_page_corpus(tmp_path)
    page = PAGE
    target = {"source": page, "selector": [{"type": "TextQuoteSelector", "exact": "Pentagon plan"}]}
    row = {"id": "AbC", "uri": page, "user": "acct:ana@hypothes.is", "target": [target]}
    results = tmp_path / "search.json"
    results.write_text(json.dumps({"total": 134, "rows": [row]}), encoding="utf-8")
    db = tmp_path / "annotations.json"
    argv = ["import", str(results), "--db", str(db), "--corpus", str(corpus)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "1 new" in err, err
    assert "holds 1 of the 134 annotations Hypothesis found" in err and "offset=1" in err
    results.write_text(json.dumps({"total": 1, "rows": [row]}), encoding="utf-8")
    assert main(argv) == 0
    assert "Hypothesis found" not in capsys.readouterr().err


def test_a_colleagues_hypothesis_annotations_merge_onto_the_saved_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's Hypothesis annotations (W3C, naming the page by its address), merged,
    were refused whole: 'nothing imported: record 1: document: 'https://...' is not a path
    relative to the database', where import put them on the page saved in the corpus from
    that address.  Merge now reads them as import does; one of a page the corpus lacks is
    named and left out, the rest merged (the merge failing, as import does)."""
    corpus = _saved_page_corpus(tmp_path)
    target = {
        "source": "https://example.org/news/border-plan",
        "selector": [{"type": "TextQuoteSelector", "exact": "Pentagon plan"}],
    }
    served = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/AbC",
        "creator": "acct:ben@hypothes.is",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "militarization"}],
        "target": [target],
    }
    elsewhere = served | {
        "id": "https://hypothes.is/a/Xyz",
        "target": target | {"source": "https://x.org/"},
    }
    theirs = tmp_path / "ben.jsonld"
    theirs.write_text(json.dumps([served, elsewhere]), encoding="utf-8")
    db = tmp_path / "annotations.json"
    status = main(["merge", str(theirs), "--db", str(db), "--corpus", str(corpus)])
    err = capsys.readouterr().err
    assert status == 1 and "1 new" in err, err
    assert "'https://hypothes.is/a/Xyz': about https://x.org/, which no web page" in err
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["document"] == document_key(corpus / "article.html", db)
    assert (record["status"], record["coder"]) == ("anchored", "ben")
    text = load_document(corpus / "article.html").text
    assert text[record["start"] : record["end"]] == "Pentagon plan"


def test_a_script_s_records_without_their_quotes_merge_as_they_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's JSON of records a script wrote with their offsets and no quote, which
    import places by taking each passage from its document, was refused by merge: 'nothing
    merged: record 'b': no quote, and no document corpus/a.txt here to take it from', the
    document being there.  Merge now reads it with the documents it merges into."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text about the things.\n", encoding="utf-8")
    record = {"id": "b", "document": "corpus/a.txt", "start": 5, "end": 9, "quote": ""}
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps([record | {"tags": ["t"]}]), encoding="utf-8")
    db = tmp_path / "annotations.json"
    argv = ["merge", str(theirs), "--db", str(db), "--corpus", str(corpus), "--other-coder", "zoe"]
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 0 and "1 new" in err, err
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    [merged] = json.loads(capsys.readouterr().out)
    assert (merged["quote"], merged["status"], merged["coder"]) == ("text", "anchored", "zoe")


def test_a_passage_longer_than_a_spreadsheet_cell_is_said_in_a_csv_export(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A chapter coded whole (over 32,767 characters, as Excel counts them) was cut by Excel
    without a word; the CSV export says so, and holds it whole."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    chapter = "Chapter one. " + "It was a dark night 𝄞. " * 1_400  # 33,613 UTF-16 units
    assert len(chapter) < 32_767
    (corpus / "book.txt").write_text(chapter + "\n\nThe end.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    document = load_document(corpus / "book.txt")
    with AnnotationStore(db) as store:
        key = document_key(corpus / "book.txt", db)
        end = len(chapter.rstrip())
        store.add(make_annotation(key, document.text, 0, end, document.sha256, ("night",)))
        store.add(make_annotation(key, document.text, 0, 12, document.sha256, ("start",)))
    status, out, err = _export(capsysbinary, corpus, db, "-f", "csv")
    assert status == 0 and chapter.rstrip() in out.decode("utf-8-sig")
    assert (
        "1 annotation has a passage or note longer than a spreadsheet cell holds (32,767 "
        "characters): Excel cuts it there" in err
    )
    status, _, err = _export(capsysbinary, corpus, db, "-f", "csv", "--tag", "start")
    assert status == 0 and "spreadsheet cell" not in err


@pytest.mark.parametrize("fmt", ["json", "project"])
def test_an_export_of_files_named_with_a_tab_or_a_control_imports_back_onto_them(
    fmt: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "annotations.json"
    ids = []
    for name in ("tab\there.txt", "bell\x07.txt"):
        path = corpus / name
        path.write_text(f"A passage to code in {name!r}.\n", encoding="utf-8")
        document = load_document(path)
        key = document_key(path, db)
        with AnnotationStore(db) as store:
            made = make_annotation(key, document.text, 2, 9, document.sha256, ("code",))
            ids.append(store.add(made).id)
    exported = tmp_path / "all.json"
    assert _export(capsysbinary, corpus, db, "-f", fmt, "-o", str(exported))[0] == 0
    assert main(["import", str(exported), "--db", str(db), "--dry-run"]) == 0
    out, err = (text.decode() for text in capsysbinary.readouterr())
    lines = sorted(line.split("\t") for line in out.splitlines())  # four columns each
    assert [(line[0], line[3]) for line in lines] == [("unchanged", "passage")] * 2, out
    assert "no file for" not in err
    assert main(["import", str(exported), "--db", str(db)]) == 0
    assert "0 new, 0 updated, 2 unchanged" in capsysbinary.readouterr().err.decode()
    with AnnotationStore(db) as store:
        assert sorted(a.id for a in store.annotations()) == sorted(ids)


def test_import_takes_the_project_format_that_export_wrote(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    # export --format project's help says import reads it back; import -f project was "invalid
    # choice: 'project'".
    corpus, db, made = workspace
    project = tmp_path / "all.project.json"
    assert _export(capsysbinary, corpus, db, "-f", "project", "-o", str(project))[0] == 0
    fresh = tmp_path / "fresh.json"
    args = ["import", "-f", "project", str(project), "--db", str(fresh), "--corpus", str(corpus)]
    assert main(args) == 0
    with AnnotationStore(fresh, read_only=True) as store:
        assert sorted(a.id for a in store.annotations()) == sorted(a.id for a in made)


@pytest.mark.parametrize("export_format", ["markdown", "json"])
def test_many_unknown_codes_are_said_twenty_and_counted_as_report_says_them(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    export_format: str,
) -> None:
    """``export --tag`` naming a thousand codes no annotation has printed a thousand lines,
    where report says the first twenty and counts the rest."""
    corpus, db, _ = workspace
    tags = [a for i in range(1000) for a in ("--tag", f"nope{i}")]
    status, _, err = _export(capsysbinary, corpus, db, *tags, "--format", export_format)
    said = [line for line in err.splitlines() if "nope" in line or "more like" in line]
    assert status == 1
    assert said[:2] == [
        f"tui-reader: no annotation has the tag 'nope{i}' (or a tag under it)" for i in range(2)
    ]
    assert said[20:] == ["tui-reader: 980 more like these"]


def test_a_format_asked_that_the_output_s_extension_does_not_name_is_said_and_written(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    """``export -o x.json -f csv`` wrote CSV into a .json file without a word: a line says
    the extension names json, and CSV is written, as -f asked."""
    corpus, db, _ = workspace
    path = tmp_path / "x.json"
    status, _, err = _export(capsysbinary, corpus, db, "-o", str(path), "-f", "csv")
    assert status == 0
    said = [line for line in err.splitlines() if "extension" in line]
    assert said == [
        f"tui-reader: {path}: its extension (.json) names json or project, -f asked for csv: "
        "written as csv"
    ]
    assert path.read_text("utf-8-sig").startswith("id,")
    for name, chosen in (("p.json", "project"), ("r.csv", "csv-raw"), ("n.txt", "json")):
        status, _, err = _export(capsysbinary, corpus, db, "-o", str(tmp_path / name), "-f", chosen)
        assert status == 0 and "extension" not in err, (name, err)


def test_a_saved_web_page_is_exported_by_its_address_and_imported_back_onto_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The W3C export named a saved web page by its file (file:///...), though its address
    is known (the page's 'saved from url'): a web annotation tool, which finds annotations
    by the page's address, found none.  The page's address is now the target's source, its
    file the copy annotated (state: a TimeState's cached), and importing the export places
    every passage on the file again.  That TimeState had no sourceDate, which the model
    requires of one (the W3C suite's 4.3.1 check failed): it is when the copy was saved,
    its file's modification time."""
    corpus = _saved_page_corpus(tmp_path)
    os.utime(corpus / "article.html", (1_715_000_000, 1_715_000_000))
    (corpus / "notes.txt").write_text("A plain note about the plan.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    made = []
    with AnnotationStore(db) as store:
        for name, phrase in (("article.html", "Pentagon plan"), ("notes.txt", "plain note")):
            document = load_document(corpus / name)
            start = document.text.index(phrase)
            made.append(
                store.add(
                    make_annotation(
                        f"corpus/{name}",
                        document.text,
                        start,
                        start + len(phrase),
                        document.sha256,
                        ("plan",),
                    )
                )
            )
    exported = tmp_path / "export.jsonld"
    assert main(["export", str(corpus), "--db", str(db), "-f", "w3c", "-o", str(exported)]) == 0
    collection = json.loads(exported.read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    targets = {item["documentKey"]: item["target"] for item in items}
    page = targets["corpus/article.html"]
    assert page["source"] == "https://example.org/news/border-plan"
    assert page["state"] == {
        "type": "TimeState",
        "sourceDate": "2024-05-06T12:53:20Z",
        "cached": (corpus / "article.html").as_uri(),
    }
    for item in items:  # each a whole annotation, as the suite takes one
        whole = {"@context": collection["@context"], **item}
        assert suite_failures("annotations/annotationMusts.test", whole) == [], item
    assert targets["corpus/notes.txt"]["source"] == (corpus / "notes.txt").as_uri()
    assert "state" not in targets["corpus/notes.txt"]
    fresh = tmp_path / "fresh.json"
    assert main(["import", str(exported), "--db", str(fresh)]) == 0
    err = capsys.readouterr().err
    assert "2 new" in err and "orphan" not in err, err
    with AnnotationStore(fresh) as store:
        assert {a.id: a for a in store.annotations()} == {a.id: a for a in made}


def test_a_page_a_browser_printed_to_pdf_is_exported_by_its_address_and_imported_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page printed to PDF by a browser shows its address in a running line of each page;
    the W3C export named it by its file.  It is named by its address now, as a saved web
    page is, the PDF the copy annotated, and importing the export places the passage on
    the PDF again."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_browser_printed_pdf(corpus / "page.pdf", 3)
    os.utime(corpus / "page.pdf", (1_715_000_000, 1_715_000_000))
    db = tmp_path / "annotations.json"
    document = load_document(corpus / "page.pdf")
    start = document.text.index("families waited")
    with AnnotationStore(db) as store:
        made = store.add(
            make_annotation(
                "corpus/page.pdf", document.text, start, start + 15, document.sha256, ("wait",)
            )
        )
    exported = tmp_path / "export.jsonld"
    assert main(["export", str(corpus), "--db", str(db), "-f", "w3c", "-o", str(exported)]) == 0
    (item,) = json.loads(exported.read_text(encoding="utf-8"))["first"]["items"]
    assert item["target"]["source"] == PRINTED_FROM
    assert item["target"]["state"] == {
        "type": "TimeState",
        "sourceDate": "2024-05-06T12:53:20Z",
        "cached": (corpus / "page.pdf").as_uri(),
    }
    fresh = tmp_path / "fresh.json"
    assert main(["import", str(exported), "--db", str(fresh)]) == 0
    err = capsys.readouterr().err
    assert "1 new" in err and "orphan" not in err, err
    with AnnotationStore(fresh) as store:
        assert list(store.annotations()) == [made]


def test_a_w3c_export_after_another_export_reads_no_saved_page_again(
    tmp_path: Path,
    conversion_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A W3C export finds a saved page's address in the facts kept of its file.  An export
    to csv, Markdown or JSON read the page (its passages placed) and kept where they lie, but
    not the page's facts: the W3C export after it converted every saved page again to find
    its address (30 pages: 15-19 s once their conversions were no longer kept).  The facts
    of each document read are kept now, and the W3C export reads no page."""
    corpus = _saved_page_corpus(tmp_path)
    db = tmp_path / "annotations.json"
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", "article.html", "--quote", "Pentagon plan", "-t", "plan", *where]) == 0
    loads: list[str] = []
    load = load_document
    monkeypatch.setattr(
        "tui_reader.core.workspace.load_document",
        lambda path: loads.append(Path(path).name) or load(path),
    )
    for chosen in ("csv", "markdown", "json"):
        for cache in conversion_cache.iterdir():  # only what that export keeps
            if cache.name != "converted" and cache.is_dir():  # (not the cache folder's tag)
                shutil.rmtree(cache)
        assert main(["export", "-f", chosen, *where]) == 0
        assert loads == ["article.html"], chosen  # it reads the page
        loads.clear()
        capsys.readouterr()
        assert main(["export", "-f", "w3c", *where]) == 0
        [item] = json.loads(capsys.readouterr().out)["first"]["items"]
        assert item["target"]["source"] == "https://example.org/news/border-plan"
        assert loads == [], chosen


def test_another_tools_annotation_of_a_page_with_a_copy_elsewhere_comes_onto_the_saved_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another tool's W3C annotation of a web page naming a copy of its own (a TimeState's
    cached file on its machine) was placed by that copy's file name, which the corpus lacks:
    an orphan, though the corpus holds the page saved from the address.  Only our own export's
    copy (it carries the documentKey) names the file now; another tool's is placed by the
    page's address, as one without a copy is."""
    corpus = _saved_page_corpus(tmp_path)
    item = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://annotator.example/a/1",
        "bodyValue": "troops!",
        "target": {
            "source": "https://example.org/news/border-plan",
            "state": {"type": "TimeState", "cached": "file:///home/ben/archive/copy-17.html"},
            "selector": {"type": "TextQuoteSelector", "exact": "Pentagon plan"},
        },
    }
    theirs = tmp_path / "theirs.jsonld"
    theirs.write_text(json.dumps(item), encoding="utf-8")
    db = tmp_path / "annotations.json"
    status = main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus)])
    err = capsys.readouterr().err
    assert status == 0 and "1 new" in err and "orphan" not in err, err
    with AnnotationStore(db) as store:
        [annotation] = store.annotations()
    assert annotation.document == document_key(corpus / "article.html", db)
    assert annotation.quote == "Pentagon plan"


def test_hypothesis_tags_that_are_no_text_are_said_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hypothesis JSON whose tags were not strings (a number, null, true, an object, from a
    tool that wrote its own) had them dropped without a word.  They are read as the W3C import
    reads such a body: a number is its digits, the others are said, naming the annotation."""
    corpus = _saved_page_corpus(tmp_path)
    page = PAGE
    target = {"source": page, "selector": [{"type": "TextQuoteSelector", "exact": "Pentagon plan"}]}
    tags = ["border", 2017, None, True, {"name": "x"}]
    row = {"id": "AbC", "uri": page, "user": "acct:ana", "tags": tags, "target": [target]}
    exported = tmp_path / "hypothesis.json"
    exported.write_text(json.dumps({"annotations": [row]}), encoding="utf-8")
    db = tmp_path / "annotations.json"
    assert main(["import", str(exported), "--db", str(db), "--corpus", str(corpus)]) == 0
    err = capsys.readouterr().err
    for k, given in ((3, '"value": null'), (4, '"value": true'), (5, '"name": "x"')):
        assert f"('https://hypothes.is/a/AbC'): its body {k} (" in err, err
        assert given in err
    assert err.count("holds no text and names no resource") == 3, err
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert sorted(record["tags"]) == ["2017", "border"]


def test_an_export_of_no_code_there_is_is_no_result_as_a_report_of_it(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    """``export --tag militarisation -o out.csv`` in a Makefile, the code spelled otherwise
    in the codebook, wrote a table of no row and exited 0, as if there were none, where
    report and agreement exit 1 when no --tag named is a code: so does export, its file
    written as before (its header, for a script).  A code there whose passages are not in
    the scope, or a code's parent, is a result of none: 0."""
    corpus, db, _ = workspace
    out = tmp_path / "out.csv"
    status, _, err = _export(capsysbinary, corpus, db, "--tag", "militarisation", "-o", str(out))
    assert status == 1 and "no annotation has the tag 'militarisation'" in err
    assert out.read_text("utf-8-sig").startswith("id,document,tag,")
    status, out_, _ = _export(
        capsysbinary, corpus, db, "--tag", "nope", "--tag", "money", "-f", "json"
    )
    assert status == 0 and json.loads(out_)
    assert _export(capsysbinary, corpus, db, "--tag", "policy", "-f", "json")[0] == 0
    assert _export(capsysbinary, corpus, db, "--tag", "money", "--doc", US, "-f", "json")[0] == 0


def test_importing_a_database_whose_name_holds_a_line_feed_names_merge_as_typed(
    workspace: tuple[Path, Path, list[Annotation]],
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    """The merge to type for a database whose name holds a line feed read
    ``tui-reader merge '…/two␊lines.json'``, no name a shell can type: it is given in the
    shell's ``$'…'`` form, as every hint that names a file to type."""
    _, db, _ = workspace
    other = tmp_path / "two\nlines.json"
    other.write_bytes(db.read_bytes())
    assert main(["import", str(other), "--db", str(tmp_path / "mine.json")]) == 2
    err = capsysbinary.readouterr().err.decode()
    assert err.endswith(f"comes in with: tui-reader merge $'{tmp_path}/two\\nlines.json'\n"), err


def test_recogitos_annotations_come_onto_the_document_doc_names(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Recogito's W3C export names its own copy of the text (its document's address), or, as
    RecogitoJS writes them, nothing: every annotation was left out ("which no web page saved
    in the corpus is a copy of", "no target with a source") and there was no way to say
    which document they are about.  ``--doc`` says it; the selectors place each passage."""
    start = load_document(corpus_copy / MEXICO).text.index("Pentagon plan")
    selectors = [
        {"type": "TextQuoteSelector", "exact": "Pentagon plan"},
        {"type": "TextPositionSelector", "start": start, "end": start + 13},
    ]
    tag = {"type": "TextualBody", "purpose": "tagging", "value": "policy"}
    items = [
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "id": "https://recogito.pelagios.org/annotation/0c4a0b57-5a3c-4e1b-a1c6-1d2b0fbb4c11",
            "body": [tag],
            "target": {
                "source": "https://recogito.pelagios.org/document/fb2f3hm1ihnwgn/part/1",
                "selector": selectors,
            },
        },
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "id": "#a88b22d0-6106-4872-9435-c78b5e89fede",
            "body": [tag | {"value": "plan"}],
            "target": {"selector": selectors[:1]},
        },
    ]
    theirs = tmp_path / "recogito.jsonld"
    theirs.write_text(json.dumps(items), encoding="utf-8")
    db = tmp_path / "annotations.json"
    args = ["import", str(theirs), "--db", str(db), "--corpus", str(corpus_copy)]
    assert main([*args, "--doc", MEXICO]) == 0, capsys.readouterr().err
    capsys.readouterr()
    main(["export", str(corpus_copy), "--db", str(db), "-f", "json"])
    records = json.loads(capsys.readouterr().out)
    assert {(r["document"], r["start"], r["quote"], r["status"]) for r in records} == {
        (document_key(corpus_copy / MEXICO, db), start, "Pentagon plan", "anchored")
    }
    assert sorted(tag for r in records for tag in r["tags"]) == ["plan", "policy"]
    # a file whose annotations name their documents is not taken for one
    assert main([*args, "--doc", MEXICO, "-f", "qdpx"]) == 2
    assert "--doc is for a W3C file, not qdpx" in capsys.readouterr().err
    ours = tmp_path / "ours.json"
    ours.write_text(json.dumps(records), encoding="utf-8")
    assert main([*args[:1], str(ours), *args[2:], "--doc", MEXICO]) == 2
    assert "a json file; a document for all its annotations is for a W3C file" in (
        capsys.readouterr().err
    )
