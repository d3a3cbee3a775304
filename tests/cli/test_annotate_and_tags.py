"""The scriptable commands: annotate, autocode, tags, export --format json."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import RECORD_FIELDS
from tui_reader.core.store.annotation_store import AnnotationStore

FIRST = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def here(corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, which holds docs_corpus/ and annotations.json, as a user would."""
    monkeypatch.chdir(corpus_copy.parent)
    monkeypatch.delenv("TUI_READER_DB", raising=False)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    return corpus_copy.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def export(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    status, out, err = run(capsys, "export", "--format", "json", *extra)
    assert status == 0, err
    records: list[dict[str, object]] = json.loads(out)
    return records


def test_annotate_by_quote_and_by_offsets(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "annotate", FIRST, "--quote", "Pentagon plan", "--tag", "policy", "--note", "*n*"
    )
    assert status == 0
    ident = out.strip()
    status, out, _ = run(
        capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "a", "-t", "b"
    )
    assert status == 0
    records = export(capsys)
    by_id = {r["id"]: r for r in records}
    assert by_id[ident]["quote"] == "Pentagon plan" and by_id[ident]["note"] == "*n*"
    assert by_id[ident]["tags"] == ["policy"] and by_id[ident]["status"] == "anchored"
    assert by_id[out.strip()]["tags"] == ["a", "b"]
    # The JSON export writes each record as the model makes it, every field in its order.
    assert tuple(records[0]) == RECORD_FIELDS


def test_a_tag_typed_in_another_case_codes_with_the_codebooks_tag(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``annotate -t Policy`` where the codebook has policy made a second code "Policy"
    beside it (the app's tag field takes the codebook's spelling); autocode the same."""
    assert run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "policy/border")[0] == 0
    status, _, _ = run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "POLICY")
    assert status == 0
    assert run(capsys, "autocode", "-t", "Policy/Border,new", "--doc", FIRST, "Pentagon")[0] == 0
    status, out, _ = run(capsys, "tags", "--json")
    names = [t["name"] for t in json.loads(out)]
    assert "POLICY" not in names and "Policy/Border" not in names
    assert {"policy", "policy/border", "new"} <= set(names)


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["annotate", "missing.txt", "--quote", "x"], "no such document"),
        (["annotate", FIRST, "--quote", "no such words here"], "quote not found"),
        (["annotate", FIRST, "--quote", "Mexico"], "--occurrence"),
        (["annotate", FIRST, "--quote", "Mexico", "--occurrence", "999"], "out of range"),
        (["annotate", FIRST, "--start", "5", "--end", "2"], "bad range"),
        (["annotate", FIRST, "--quote", "Pentagon plan", "--tag", "a/" + "b" * 201], "bad tag"),
        (["autocode", "(", "--regex", "--tag", "x"], "not a regular expression"),
        (["tags", "rename", "only-one"], "takes 2 tag names"),
        (["tags", "delete", "nothing"], "no tag named"),
        (["annotate", FIRST, "--quote", "Pentagon plan", "-t", "e\x1b[1mvil"], "control char"),
        (["autocode", "Pentagon", "-t", "ok,bell\x07"], "control character"),
        (["tags", "set", "rtl\u202ex", "--color", "red"], "control character"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(
    here: Path, capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    status, _, err = run(capsys, *argv)
    assert status != 0
    assert reason in err and len(err.strip().splitlines()) == 1


def test_a_document_named_that_is_a_folder_or_a_fifo_is_said_so(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "no such document (looked in . and docs_corpus)", of a folder or a FIFO that is there.
    os.mkfifo(here / "docs_corpus" / "pipe.txt")
    (here / "docs_corpus" / "loop.txt").symlink_to("loop.txt")
    for argv, said in (
        (["annotate", "docs_corpus", "--quote", "x", "-t", "t"], "docs_corpus: is a folder, "
         "not a document"),
        (["annotate", "pipe.txt", "--quote", "x", "-t", "t"], "pipe.txt: is a FIFO (named pipe), "
         "not a document"),
        (["autocode", "x", "-t", "t", "--doc", "loop.txt"], "loop.txt: cannot be read (Too many "
         "levels of symbolic links)"),
        # set on the loop's name, 0, as if a document (the FIFO's refused)
        (["attr", "set", "docs_corpus/loop.txt", "wave=1"], "docs_corpus/loop.txt: cannot be "
         "read (Too many levels of symbolic links)"),
        (["memo", "add", "--doc", "docs_corpus/loop.txt", "a memo"], "docs_corpus/loop.txt: "
         "cannot be read (Too many levels of symbolic links)"),
    ):  # fmt: skip
        status, _, err = run(capsys, *argv)
        assert (status, err) == (2, f"tui-reader: {said}\n")


def test_a_document_is_named_alike_in_annotate_autocode_and_attr_set(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``annotate DOC`` wanted the file's path where ``attr set`` and ``--doc`` take its name
    without the extension, or its file name in a folder: the same names work everywhere,
    and one two files share is said, naming both."""
    interviews = here / "docs_corpus" / "interviews"
    interviews.mkdir()
    (interviews / "int-1.txt").write_text("We talked about the border.\n", encoding="utf-8")
    for name in ("int-1", "int-1.txt", "docs_corpus/interviews/int-1.txt"):
        status, _, err = run(capsys, "annotate", name, "--quote", "border", "-t", "a")
        assert status == 0, (name, err)
        status, _, err = run(capsys, "attr", "set", name, "wave=1")
        assert status == 0, (name, err)
    status, out, err = run(capsys, "autocode", "talked", "-t", "b", "--doc", "int-1")
    assert (status, out) == (0, "1\n"), err
    documents = {r["document"] for r in export(capsys, "--doc", "int-1")}
    assert documents == {"docs_corpus/interviews/int-1.txt"}
    (here / "docs_corpus" / "int-1.md").write_text("The border again.\n", encoding="utf-8")
    for argv in (["annotate", "int-1", "--quote", "border", "-t", "a"],
                 ["autocode", "border", "-t", "a", "--doc", "int-1"]):  # fmt: skip
        status, _, err = run(capsys, *argv)
        assert status == 2 and err == (
            "tui-reader: int-1: ambiguous, could be docs_corpus/int-1.md, "
            "docs_corpus/interviews/int-1.txt\n"
        ), argv


@pytest.mark.parametrize(
    "typed",
    [b"caf\xe9 \x93quoted\x94", "café “quoted”".encode(), b"\xef\xbb\xbfcaf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d",
     "café “quoted”".encode("utf-16")],
    ids=["windows-1252", "utf-8", "utf-8 with a mark", "utf-16"],
)  # fmt: skip
def test_a_note_or_memo_piped_in_keeps_its_accents(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, typed: bytes
) -> None:
    # A note saved by a Windows editor was kept as "caf\udce9 \udc93quoted\udc94", and every
    # export wrote "caf� �quoted�".
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(typed)))
    status, made, err = run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "--note", "-")
    assert status == 0, err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(typed)))
    assert run(capsys, "memo", "add", "--journal", "-")[0] == 0
    (record,) = export(capsys)
    assert record["id"] == made.strip() and record["note"] == "café “quoted”"
    with AnnotationStore(here / "annotations.json") as store:
        assert [m.text for m in store.memos()] == ["café “quoted”\n"]


@pytest.mark.parametrize("piped", [b"", b"\n\n", b"  \n"])
def test_an_empty_note_piped_in_saves_nothing(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, piped: bytes
) -> None:
    """``make_note | tui-reader annotate ... --note -`` after make_note failed: the annotation
    was saved without its note, exit 0, as memo add - refuses an empty memo."""
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        before = store.annotations()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
    status, made, err = run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "--note", "-")
    assert (status, made) == (2, "")
    assert err == "tui-reader: the note piped in (--note -) is empty: nothing was saved\n"
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        assert store.annotations() == before


@pytest.mark.parametrize(
    ("piped", "kind"),
    [(b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a zip archive"),
     (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\x00", "a PDF"), (bytes(range(256)) * 4, "binary data")],
    ids=["docx", "pdf", "bytes"],
)  # fmt: skip
def test_a_file_that_is_no_text_piped_in_as_a_note_or_memo_is_refused(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    piped: bytes,
    kind: str,
) -> None:
    """``memo add --doc d - < notes.docx`` (a Word file, a PDF, a picture piped in by
    mistake) saved a memo of mojibake, each byte read as Windows-1252, exit 0: refused, as
    what it is, nothing saved."""
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        before = (store.annotations(), store.memos())
    for argv, what in (
        (["annotate", FIRST, "--quote", "Pentagon plan", "--note", "-"], "note"),
        (["memo", "add", "--journal", "-"], "memo"),
    ):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, "")
        assert err == (
            f"tui-reader: the {what} read from standard input is {kind} (it holds NUL bytes), "
            "not text; nothing was saved\n"
        )
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        assert (store.annotations(), store.memos()) == before


class _Endless(io.RawIOBase):
    """Standard input that never ends (``< /dev/zero``): it stops the test, rather than fill
    the memory, when more than ``stop`` bytes are asked of it."""

    def __init__(self, stop: int) -> None:
        self.given = 0
        self.stop = stop

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.given > self.stop:
            raise AssertionError(f"read {self.given:,} bytes of an endless input, and on")
        size = len(buffer)
        buffer[:size] = b"x" * size
        self.given += size
        return size


@pytest.mark.parametrize(
    "argv",
    [["annotate", FIRST, "--quote", "Pentagon plan", "--note", "-"], ["memo", "add", "--journal", "-"]],
    ids=["note", "memo"],
)  # fmt: skip
def test_a_note_or_memo_piped_in_without_end_is_refused_not_read_to_the_end_of_memory(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """``--note - < /dev/zero`` (or a huge file piped in by mistake) was read whole: the
    memory filled, and a MemoryError traceback ended it."""
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        before = (store.annotations(), store.memos())
    endless = _Endless(stop=64 * 2**20)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    what = "note" if argv[0] == "annotate" else "memo"
    assert err == (
        f"tui-reader: the {what} read from standard input is larger than the 16 MB a note or "
        "memo may be; nothing was saved\n"
    )
    assert endless.given <= 17 * 2**20
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        assert (store.annotations(), store.memos()) == before


def test_occurrence_picks_the_nth_hit(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Mexico", "--occurrence", "2")
    first = run(capsys, "annotate", FIRST, "--quote", "Mexico", "--occurrence", "1")
    assert first[0] == 0
    starts = sorted(int(r["start"]) for r in export(capsys))  # type: ignore[call-overload]
    assert starts[0] < starts[1]


def test_corrupt_database_is_a_one_line_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "annotations.json").write_text('{"annotations": {')
    status, _, err = run(capsys, "export", "--format", "json")
    assert status != 0 and "damaged JSON" in err and "annotations.json" in err
    assert (here / "annotations.json").read_text() == '{"annotations": {'


def test_autocode_units_and_idempotence(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "autocode", "Pentagon", "--tag", "us/dod")
    assert status == 0 and int(out) > 0
    matches = int(out)
    status, out, _ = run(capsys, "autocode", "Pentagon", "--tag", "us/dod")
    assert int(out) == 0  # already coded: nothing new
    status, out, _ = run(
        capsys,
        "autocode",
        "pentagon",
        "-i",
        "--tag",
        "us/dod",
        "--unit",
        "sentence",
        "--doc",
        FIRST,
    )
    sentences = int(out)
    assert sentences > 0
    records = export(capsys)
    assert len(records) == matches + sentences
    sentence_quotes = [str(r["quote"]) for r in records if len(str(r["quote"])) > 8]
    assert all("pentagon" in q.lower() for q in sentence_quotes)
    status, out, _ = run(
        capsys, "autocode", r"migra\w+", "--regex", "--tag", "migration", "--unit", "paragraph"
    )
    assert int(out) > 0
    paragraphs = [r for r in export(capsys) if r["tags"] == ["migration"]]
    assert all("\n\n" not in str(r["quote"]) for r in paragraphs)


def test_tags_list_rename_merge_delete(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "policy/militarization")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "place,policy")
    status, out, _ = run(capsys, "tags")
    assert status == 0 and "policy/militarization" in out
    status, out, _ = run(capsys, "tags", "rename", "policy", "pol")
    assert status == 0 and "2 annotations" in out
    run(capsys, "tags", "merge", "place", "pol")
    run(capsys, "tags", "set", "pol", "--description", "policy talk", "--color", "red")
    status, out, _ = run(capsys, "tags", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows.keys() == {"pol", "pol/militarization"}
    assert rows["pol"]["count"] == 1 and rows["pol"]["description"] == "policy talk"
    run(capsys, "tags", "delete", "pol/militarization")
    assert [r["tags"] for r in export(capsys)] == [["pol"], []]


def test_tags_rename_merge_delete_take_a_code_named_in_another_case(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """query, report and export take ``security`` for the codebook's ``Security``; tags
    rename, merge and delete said there was no such tag."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "Security")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "Policy/Border")
    status, out, err = run(capsys, "tags", "rename", "security", "Safety")
    assert status == 0 and out == "renamed 'Security' to 'Safety' on 1 annotation\n", err
    status, out, err = run(capsys, "tags", "merge", "POLICY/border", "safety")
    assert status == 0 and out == "merged 'Policy/Border' into 'Safety' on 1 annotation\n", err
    status, out, err = run(capsys, "tags", "delete", "safety")
    assert status == 0 and out.startswith("deleted 'Safety'"), err
    assert [r["tags"] for r in export(capsys)] == [[], []]


def test_tags_set_says_what_it_did_and_a_code_it_added_beside_one_spelled_nearly(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A codebook's migracion/viaje coloured as 'tags set migración/viaje --color red' (the
    accent typed) made a second code, migración/viaje, and said nothing, as it said nothing
    of any code it added or set: the shared codebook held both unnoticed."""
    assert run(capsys, "tags", "set", "migracion/viaje", "--description", "el trayecto") == (
        0,
        "added 'migracion/viaje' to the codebook with its description\n",
        "",
    )
    status, out, _ = run(capsys, "tags", "set", "migración/viaje", "--color", "red")
    assert status == 0 and out == (
        "added 'migración/viaje' to the codebook with its colour (a new code beside "
        "'migracion/viaje': to change that one, name it as it is)\n"
    )
    status, out, _ = run(capsys, "tags", "set", "MIGRACION/viaje", "--color", "red")
    assert out == "set the colour of 'migracion/viaje'\n"
    status, out, _ = run(capsys, "tags", "set", "migracion/viaje")
    assert out.startswith("'migracion/viaje' is in the codebook already")


def test_a_code_annotate_or_autocode_add_beside_one_spelled_nearly_is_said(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A coder typing --tag migración/viaje where the codebook has migracion/viaje made a
    second code without a word, their passages split between the two (and the agreement
    with a colleague's counted as disagreements)."""
    assert run(capsys, "tags", "set", "migracion/viaje")[0] == 0
    status, _, err = run(
        capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "migración/viaje"
    )
    assert status == 0 and err == (
        "tui-reader: 'migración/viaje' is a new code beside 'migracion/viaje', spelled nearly"
        " like it (tags merge 'migración/viaje' migracion/viaje makes them one)\n"
    )
    status, _, err = run(capsys, "autocode", "-t", "migracion/viajes", "--doc", FIRST, "Pentagon")
    assert status == 0 and "'migracion/viajes' is a new code beside 'migracion/viaje'" in err
    status, _, err = run(
        capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "MIGRACION/viaje"
    )
    assert status == 0 and err == ""  # the code itself, named in another case


def test_a_code_spelled_nearly_is_said_only_when_it_was_made(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An autocode that matched nothing, or an annotate refused (its note piped from a
    command that failed), said "'migracion/viajes' is a new code beside 'migracion/viaje'
    ... (tags merge ... makes them one)" though no code was made: the tags merge it named
    then said there is no such tag."""
    assert run(capsys, "tags", "set", "migracion/viaje")[0] == 0
    status, out, err = run(capsys, "autocode", "-t", "migracion/viajes", "nowhere-to-be-found")
    assert (status, out) == (1, "0\n") and "new code" not in err, err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    argv = ("annotate", FIRST, "--quote", "Pentagon plan", "-t", "migracion/viajes", "--note")
    status, _, err = run(capsys, *argv, "-")
    assert status == 2 and "new code" not in err, err
    status, out, _ = run(capsys, "tags", "--json")
    assert status == 0 and "migracion/viajes" not in out


def test_tags_set_takes_a_code_named_in_another_case(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags set security --color red, with Security in the codebook, made a second code
    security (no passage, red) beside Security, which stayed uncoloured."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "Security/Border")
    assert run(capsys, "tags", "set", "security/BORDER", "--color", "red")[0] == 0
    assert run(capsys, "tags", "set", "SECURITY", "--description", "all of it")[0] == 0
    status, out, err = run(capsys, "tags", "--json")
    assert status == 0, err
    assert [(t["name"], t["count"], t["color"], t["description"]) for t in json.loads(out)] == [
        ("Security", 0, "", "all of it"),
        ("Security/Border", 1, "#ff0000", ""),
    ]


def test_a_code_renamed_or_set_below_a_code_spelled_otherwise_goes_under_that_code(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags rename other FEAR/other and tags set FEAR/y, with Fear in the codebook, made a
    second top-level code FEAR beside Fear (two codes a query takes as one)."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "Fear/x")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "other")
    status, out, err = run(capsys, "tags", "rename", "other", "FEAR/other")
    assert status == 0 and out == "renamed 'other' to 'Fear/other' on 1 annotation\n", err
    assert run(capsys, "tags", "set", "FEAR/y", "--color", "red")[0] == 0
    assert run(capsys, "tags", "rename", "Fear/x", "FEAR/X")[0] == 0  # its own level as typed
    status, out, _ = run(capsys, "tags", "--json")
    assert [t["name"] for t in json.loads(out)] == ["Fear/other", "Fear/X", "Fear/y"]
    status, out, _ = run(capsys, "tags", "rename", "Fear", "FEAR")  # a code's case: as typed
    assert status == 0 and out == "renamed 'Fear' to 'FEAR' on 2 annotations\n"


def test_tags_take_a_code_named_with_a_trailing_slash_as_query_and_memo_do(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """query, memo and report take ``fear/`` for the code ``fear`` (and the codes below it);
    tags rename, merge, delete and set said there was no tag named 'fear/' or that it was a
    bad tag name."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "fear,fear/child")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "place")
    status, out, err = run(capsys, "tags", "rename", "fear/", "worry")  # a new name as typed
    assert status == 0 and out == "renamed 'fear' to 'worry' on 1 annotation\n", err
    status, out, err = run(capsys, "tags", "merge", "place/", "worry/")
    assert status == 0 and out == "merged 'place' into 'worry' on 1 annotation\n", err
    status, _, err = run(capsys, "tags", "set", "worry/", "--description", "unease")
    assert status == 0, err
    status, out, err = run(capsys, "tags", "--json")
    assert [(t["name"], t["description"]) for t in json.loads(out)] == [
        ("worry", "unease"),
        ("worry/child", ""),
    ]
    status, out, err = run(capsys, "tags", "delete", "worry/child/")
    assert status == 0 and out.startswith("deleted 'worry/child'"), err
    assert [r["tags"] for r in export(capsys)] == [["worry"], ["worry"]]


def test_a_new_code_name_with_an_empty_level_at_its_end_is_read_as_at_its_start(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags rename a b/ renamed it 'b' where rename a /b was refused, tags set z/ made 'z'
    where /z was refused: an empty level at either end is dropped alike, as a stored code's
    is and as the app's fields drop it ('a' renamed 'a/' is named so already)."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "a")
    status, _, err = run(capsys, "tags", "rename", "a", "a/")
    assert "named so already" in err
    for old, new in (("a", "b/"), ("b", "/c")):
        status, out, err = run(capsys, "tags", "rename", old, new)
        assert status == 0 and out == f"renamed '{old}' to '{new.strip('/')}' on 1 annotation\n"
    assert run(capsys, "tags", "set", "z/")[0] == 0
    assert run(capsys, "tags", "set", "/y")[0] == 0
    status, out, _ = run(capsys, "tags", "--json")
    assert sorted(t["name"] for t in json.loads(out)) == ["c", "y", "z"]
    assert run(capsys, "tags", "set", "c/", "--description", "kept")[0] == 0  # a code there


def test_a_rename_to_a_code_there_in_another_case_is_refused_as_to_that_code(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags rename x security, with Security in the codebook, made a second code security
    beside it (annotate, autocode, query and report all take security for Security), where
    tags rename x Security is refused: merge is for that."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "Security")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x,Policy/border")
    for new in ("security", "SECURITY"):
        status, _, err = run(capsys, "tags", "rename", "x", new)
        assert status != 0 and "tag 'Security' exists already; merge 'x' into it" in err
    status, _, err = run(capsys, "tags", "rename", "x", "policy/Border")
    assert status != 0 and "tag 'Policy/border' exists already" in err
    status, out, err = run(capsys, "tags", "rename", "Security", "security")  # its own case
    assert status == 0 and out == "renamed 'Security' to 'security' on 1 annotation\n", err
    assert sorted(t for r in export(capsys) for t in r["tags"]) == [
        "Policy/border",
        "security",
        "x",
    ]


def test_tags_merge_into_a_code_not_there_or_into_itself_is_refused(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tags merge policy polcy`` (a slip) made a code 'polcy' and took 'policy' away, where
    the app's merge asks for a code there; merging a code into its own child moved it under
    itself.  Both are refused, nothing changed."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "policy/border")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "place")
    for target in ("polcy", "place/new", "policy", "policy/border"):
        status, out, err = run(capsys, "tags", "merge", "policy", target)
        assert status != 0 and out == "", (target, out)
        assert err.count("\n") == 1 and ("rename" in err or "itself" in err), err
    assert sorted(r["tags"] for r in export(capsys)) == [["place"], ["policy/border"]]
    status, out, err = run(capsys, "tags", "rename", "place", "place")  # said, not "renamed"
    assert status == 0 and out == "" and err == "tui-reader: 'place' is named so already\n"
    status, out, err = run(capsys, "tags", "merge", "policy/border", "Place")
    assert status == 0 and out == "merged 'policy/border' into 'place' on 1 annotation\n", err


def test_a_code_named_in_another_case_among_codes_differing_by_case_alone_is_none(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "Security")
    with AnnotationStore(here / "annotations.json") as store:
        store.rename_tag("Security", "security")
    _, made, _ = run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x")
    with AnnotationStore(here / "annotations.json") as store:  # (a rename is refused now)
        annotation = store.get(made.strip())
        assert annotation is not None
        store.update(annotation.evolve(tags=("Security",)))
    status, _, err = run(capsys, "tags", "delete", "SECURITY")
    assert status != 0 and "'SECURITY'" in err and "Security, security" in err
    assert sorted(t for r in export(capsys) for t in r["tags"]) == ["Security", "security"]


def test_tags_and_report_list_codes_in_natural_order(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for code in ("t14", "t2", "T3", "t1"):
        run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", code)
    status, out, _ = run(capsys, "tags", "--json")
    assert status == 0
    assert [r["name"] for r in json.loads(out) if r["name"][0] in "tT"] == ["t1", "t2", "T3", "t14"]
    status, out, _ = run(capsys, "report", "frequencies", "--tag", "t1", "--tag", "t2",
                         "--tag", "T3", "--tag", "t14", "--format", "json")  # fmt: skip
    assert status == 0
    assert [row["tag"] for row in json.loads(out)] == ["t1", "t2", "T3", "t14"]


def test_tags_set_color_stores_what_the_app_stores(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "tags", "set", "pol", "--color", "orange")[0] == 0
    assert run(capsys, "tags", "set", "mil", "--color", " #ABC ")[0] == 0
    rows = {r["name"]: r["color"] for r in json.loads(run(capsys, "tags", "--json")[1])}
    assert rows == {"pol": "#ffa500", "mil": "#aabbcc"}
    status, out, err = run(capsys, "tags", "set", "pol", "--color", "ansi_red")
    assert status != 0 and out == "" and len(err.strip().splitlines()) == 1
    assert "is not a colour" in err
    rows = {r["name"]: r["color"] for r in json.loads(run(capsys, "tags", "--json")[1])}
    assert rows["pol"] == "#ffa500"  # unchanged


def test_export_reanchors_and_writes_a_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "annotate", FIRST, "--quote", "crack down on the Mexico-Guatemala border")
    doc = here / FIRST
    doc.write_text("Update: corrected.\n\n" + doc.read_text("utf-8"), "utf-8")
    status, _, err = run(capsys, "export", "--format", "json", "-o", "out.json")
    assert status == 0, err
    (record,) = json.loads((here / "out.json").read_text("utf-8"))
    text = doc.read_text("utf-8")
    assert record["status"] == "anchored"
    assert text[record["start"] : record["end"]] == record["quote"]
    assert AnnotationStore(here / "annotations.json").annotations()[0].start == record["start"]


def test_a_passage_whose_spaces_were_tidied_on_disk_stays_exact(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A transcript typed with two spaces after each full stop, coded, then tidied to one
    space (as an editor's "fix sentence spacing" does): a short answer coded across them was
    an orphan, "Yes.  No." in the text now holding "Yes. No.", every word as it was."""
    doc = here / "docs_corpus" / "tidied.txt"
    doc.write_text("Q: Did you stay?\nA: Yes.  No.  We left in March.\n", "utf-8")
    run(capsys, "annotate", "docs_corpus/tidied.txt", "--quote", "Yes.  No.", "--tag", "doubt")
    doc.write_text("Q: Did you stay?\nA: Yes. No. We left in March.\n", "utf-8")
    (record,) = [r for r in export(capsys) if r["tags"] == ["doubt"]]
    assert (record["status"], record["quote"]) == ("anchored", "Yes. No.")
    assert doc.read_text("utf-8")[record["start"] : record["end"]] == "Yes. No."


def test_the_real_command_in_a_subprocess(here: Path) -> None:
    import subprocess
    import sys

    def tui_reader(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui_reader", *argv],
            capture_output=True,
            text=True,
            cwd=here,
            timeout=60,
        )

    made = tui_reader("annotate", FIRST, "--quote", "Pentagon plan", "--tag", "policy")
    assert made.returncode == 0 and len(made.stdout.strip()) == 36
    noted = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui_reader",
            "annotate",
            FIRST,
            "--start",
            "0",
            "--end",
            "6",
            "--note",
            "-",
        ],
        input="# From stdin\n\nA *Markdown* note.\n",
        capture_output=True,
        text=True,
        cwd=here,
        timeout=60,
    )
    assert noted.returncode == 0, noted.stderr
    missing = tui_reader("annotate", FIRST, "--quote", "not in the text")
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1
    exported = tui_reader("export", "--format", "json")
    notes = {r["id"]: r["note"] for r in json.loads(exported.stdout)}
    assert notes == {
        made.stdout.strip(): "",
        noted.stdout.strip(): "# From stdin\n\nA *Markdown* note.",
    }


def test_tags_tree_counts_children_once(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "policy/a", "-t", "policy/b")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "policy")
    status, out, _ = run(capsys, "tags", "--tree")
    assert status == 0
    rows = [line.split() for line in out.splitlines()[1:]]
    assert rows == [["2", "1", "policy"], ["1", "1", "a"], ["1", "1", "b"]]


def test_tags_of_a_codebook_with_no_code_say_how_to_add_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newcomer's first tags printed nothing at all, on stdout or stderr: no word that the
    codebook is empty, nor how a code is made.  One line on stderr says it; stdout stays
    empty (--json: []) for a script, and the exit is 0."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A first text to read.\n", "utf-8")
    AnnotationStore(tmp_path / "annotations.json").close()
    said = (
        "tui-reader: no codes yet: tag a passage in the app (select it, then a), or with "
        "tui-reader annotate DOC --quote TEXT --tag CODE, or add a code with tui-reader "
        "tags set CODE\n"
    )
    for extra in ((), ("--tree",)):
        assert run(capsys, "tags", *extra) == (0, "", said)
    assert run(capsys, "tags", "--json") == (0, "[]\n", "")
    assert run(capsys, "tags", "--tree", "--json") == (0, "[]\n", "")
    assert run(capsys, "annotate", "a.txt", "--quote", "first")[0] == 0  # with no code
    assert run(capsys, "tags") == (0, "", said)
    assert run(capsys, "tags", "set", "place")[0] == 0
    assert run(capsys, "tags") == (0, "     0  place\n", "")


def test_tags_tree_json_is_json(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tags --tree --json printed the aligned table, which a script reading JSON choked on."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "policy/a", "-t", "policy/b")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "policy")
    status, out, _ = run(capsys, "tags", "--tree", "--json")
    assert status == 0
    rows = [(r["name"], r["under"], r["own"]) for r in json.loads(out)]
    assert rows == [("policy", 2, 1), ("policy/a", 1, 1), ("policy/b", 1, 1)]


def test_a_link_in_the_corpus_to_a_file_outside_it_is_not_annotated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``annotate linked.txt``, a link in the corpus to a file outside it, read that file and
    saved the annotation, which every export then called an orphan "outside the corpus
    folder; not read", as the app (which does not open it) and autocode say of it.  annotate
    says so too, and saves nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some words here.\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Linked words here.\n", encoding="utf-8")
    (corpus / "linked.txt").symlink_to(outside)
    db = tmp_path / "db.json"
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", "Some", "--tag", "t", *where]) == 0
    capsys.readouterr()
    for doc in ("linked.txt", str(corpus / "linked.txt")):
        assert main(["annotate", doc, "--quote", "Linked", "--tag", "t", *where]) == 2
        err = capsys.readouterr().err
        assert err.endswith("is outside the corpus folder; not read\n") and err.count("\n") == 1
    assert main(["annotate", str(outside), "--quote", "Linked", "--tag", "t", *where]) == 0
    with AnnotationStore(db, read_only=True) as store:  # a file named where it is: as before
        assert sorted(a.document for a in store.annotations()) == ["corpus/a.txt", "elsewhere.txt"]


def test_tags_delete_takes_the_codes_memo_with_it_and_says_so(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags delete X left X's memo behind without a word, listed as the memo of a code the
    codebook no longer has; it goes with the code (as its description does, and as a
    rename or a merge takes it along), the line says so, and undo brings both back."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "gone,kept")
    run(capsys, "memo", "add", "--code", "gone", "what gone means")
    run(capsys, "memo", "add", "--code", "kept", "what kept means")
    status, out, err = run(capsys, "tags", "delete", "gone")
    assert status == 0, err
    assert out == (
        "deleted 'gone' from the codebook and 1 annotation, and its memo (undo brings them back)\n"
    )
    status, out, _ = run(capsys, "memo", "list")
    assert "gone" not in out and "kept" in out
    assert run(capsys, "undo")[0] == 0
    status, out, _ = run(capsys, "memo", "list")
    assert "gone" in out and "kept" in out
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "plain")
    status, out, _ = run(capsys, "tags", "delete", "plain")  # no memo: none said
    assert status == 0 and out == "deleted 'plain' from the codebook and 1 annotation\n"


def test_a_code_typed_with_spaces_around_its_slash_is_tidied_as_the_app_tidies_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """annotate -t ' spaced / out ' was refused as a bad tag name where the app's tag field
    takes the same text as spaced/out: every way in tidies a code's spaces alike, an empty
    level dropped as the app's field drops it (and as a stored code is read)."""
    status, _, err = run(capsys, "annotate", FIRST, "--quote", "Pentagon plan",
                         "-t", " spaced / out ,  two   words / x ")  # fmt: skip
    assert status == 0, err
    assert run(capsys, "autocode", "Pentagon", "-t", "spaced /out")[0] == 0
    assert run(capsys, "tags", "set", " new / code ", "--color", "red")[0] == 0
    assert run(capsys, "memo", "add", "--code", "new /  code", "a thought")[0] == 0
    status, out, _ = run(capsys, "tags", "--json")
    names = [t["name"] for t in json.loads(out)]
    assert {"spaced/out", "two words/x", "new/code"} <= set(names), names
    assert not [n for n in names if n != n.strip() or " /" in n or "/ " in n]
    assert "code:new/code" in run(capsys, "memo", "list")[1]
    assert len(export(capsys, "--tag", " spaced / out ")) >= 2
    status, _, err = run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "a / / b")
    assert status == 0, err
    assert "a/b" in [t["name"] for t in json.loads(run(capsys, "tags", "--json")[1])]


@pytest.mark.parametrize("typed", ["topic / Other", "topic//Other", "/topic/Other/"])
def test_a_code_typed_with_spaced_or_empty_levels_is_the_same_code_to_every_command(
    here: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """report --tag tidied 'topic / Other' while query said 'no code'; report, export and
    agreement --tag said 'no code' of topic//Other, and annotate refused it, though a stored
    code written so is read topic/Other. Every command reads a typed code as a stored one."""
    quote = ("annotate", FIRST, "--quote", "Pentagon plan", "--coder", "ann")
    assert run(capsys, *quote, "-t", "topic/Other")[0] == 0
    status, _, err = run(capsys, *quote[:3], "Pentagon plan", "--coder", "bob", "-t", typed)
    assert status == 0, err
    assert run(capsys, "autocode", "Pentagon", "-t", typed)[0] == 0
    names = [t["name"] for t in json.loads(run(capsys, "tags", "--json")[1])]
    assert "topic/Other" in names and not [n for n in names if n.startswith(("topic/ ", "/"))]
    assert len(export(capsys, "--tag", typed)) >= 2
    status, out, err = run(capsys, "query", f'"{typed}"', "--format", "json")
    assert status == 0 and len(json.loads(out)) >= 2, err
    status, out, err = run(capsys, "report", "frequencies", "--tag", typed, "--format", "json")
    assert status == 0 and "topic/Other" in out, err
    status, out, err = run(capsys, "agreement", "ann", "bob", "--tag", typed)
    assert status == 0 and "topic/Other" in out, err
    assert run(capsys, "memo", "add", "--code", typed, "a thought")[0] == 0
    assert "code:topic/Other" in run(capsys, "memo", "list")[1]
    assert run(capsys, "tags", "set", typed, "--color", "red")[0] == 0
    status, out, err = run(capsys, "tags", "rename", typed, "topic/Else")
    assert status == 0, err
    names = [t["name"] for t in json.loads(run(capsys, "tags", "--json")[1])]
    assert "topic/Else" in names and "topic/Other" not in names
    status, _, err = run(capsys, "tags", "delete", typed.replace("Other", "Else"))
    assert status == 0, err


def test_tags_delete_of_a_parent_deletes_the_codes_below_it_as_the_app_does_and_says_so(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags delete émotion, with émotion/peur there, said 'deleted émotion from the
    codebook', yet tags --tree still listed émotion (0 own) as the parent of émotion/peur.
    The codes below go with it, as the app's codebook deletes a code, and the line names
    them; undo brings them back."""
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "émotion,émotion/peur")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "émotion/joie,autre")
    status, out, err = run(capsys, "tags", "delete", "émotion")
    assert status == 0, err
    assert out == (
        "deleted 'émotion' and the 2 codes below it ('émotion/joie', 'émotion/peur') from the"
        " codebook and 2 annotations (undo brings them back)\n"
    )
    status, out, _ = run(capsys, "tags", "--tree")
    assert "émotion" not in out and "autre" in out
    assert [r["tags"] for r in export(capsys)] == [["autre"], []]
    assert run(capsys, "undo")[0] == 0
    assert "peur" in run(capsys, "tags", "--tree")[1]


def test_codes_edited_by_hand_into_a_record_read_alike_in_tags_reports_queries_and_exports(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A passage's codes edited by hand into the database as 5, "", "x/" or "a//b" were
    listed by tags and reports as codes of their own ("", "x/", "a//b"), while a query of x
    found "x/" and one of a/b found nothing: each is now read as an import reads a file's
    codes, "5", none, x and a/b, by every command alike."""
    for quote, tag in (("Pentagon plan", "good"), ("Mexico", "x3"), ("Central American", "y")):
        status, _, err = run(capsys, "annotate", FIRST, "--quote", quote, "--occurrence", "1",
                             "-t", tag)  # fmt: skip
        assert status == 0, err
    db = here / "annotations.json"
    data = json.loads(db.read_text(encoding="utf-8"))
    edited = {"good": [5, "good"], "x3": ["x/", ""], "y": [" a / b ", "a//b"]}
    for record in data["annotations"].values():
        record["tags"] = edited[record["tags"][0]]
    db.write_text(json.dumps(data), encoding="utf-8")
    (here / "annotations.json.journal").unlink(missing_ok=True)
    status, out, err = run(capsys, "tags", "--json")
    assert status == 0, err
    counts = {r["name"]: r["count"] for r in json.loads(out) if r["count"]}
    assert counts == {"5": 1, "good": 1, "x": 1, "a/b": 1}
    status, out, err = run(capsys, "report", "frequencies", "--format", "csv")
    assert status == 0, err
    assert [line.split(",")[0] for line in out.lstrip("\ufeff").splitlines()[1:]] == [
        "5", "a/b", "good", "x",
    ]  # fmt: skip
    for query in ("x", "a/b", "a", "5 AND good"):
        status, _, err = run(capsys, "query", query)
        assert (status, err.strip().splitlines()[-1]) == (0, "tui-reader: 1 passage matches")
    assert sorted(tuple(r["tags"]) for r in export(capsys)) == [("5", "good"), ("a/b",), ("x",)]
    status, out, err = run(capsys, "export", "--format", "csv")
    assert status == 0, err
    assert sorted(line.split(",")[2] for line in out.splitlines()[1:]) == [
        "5", "a/b", "good", "x",
    ]  # fmt: skip


def test_a_code_named_with_an_empty_level_is_said_as_it_is_taken(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code named =HYPERLINK("http://x") was stored as =HYPERLINK("http:/x") without a word:
    an empty level between two '/' was dropped silently, by annotate, tags rename and set, and
    memo add --code."""
    typed = '=HYPERLINK("http://x")'
    status, _, err = run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", typed)
    assert status == 0 and err == (
        f"tui-reader: {typed!r} has an empty level between two '/' (a '/' parts a code's "
        """levels): taken as '=HYPERLINK("http:/x")'\n"""
    )
    status, out, err = run(capsys, "tags", "rename", '=HYPERLINK("http:/x")', "a//b")
    assert status == 0 and "'a/b'" in out and "taken as 'a/b'" in err
    assert "taken as 'c/d'" in run(capsys, "tags", "set", "c//d")[2]
    status, _, err = run(capsys, "memo", "add", "--code", "e//f", "a memo")
    assert status == 0 and "taken as 'e/f'" in err
    assert "e/f" in run(capsys, "memo", "list")[1]
    # a trailing '/' names the code, as a query takes it; a name there is as it is
    assert run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "a/b/,x")[2] == ""


def test_a_code_named_as_a_pattern_of_its_children_says_what_to_type(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags delete 'theme2/*' said "no tag named 'theme2/*'" and no more, where tags delete
    theme2 deletes the code with the codes below it."""
    assert run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "theme2/a")[0] == 0
    status, _, err = run(capsys, "tags", "delete", "theme2/*")
    assert status != 0 and err == (
        "tui-reader: no tag named 'theme2/*' (a name is taken whole, never as a pattern): "
        "tags delete theme2 deletes it with the codes below it\n"
    )
    status, _, err = run(capsys, "tags", "rename", "Theme2/*", "new name")
    assert status != 0 and "tags rename theme2 'new name' renames it" in err
    assert run(capsys, "tags", "delete", "nothing/*")[2] == "tui-reader: no tag named 'nothing/*'\n"
    assert "theme2/a" in run(capsys, "tags")[1]  # nothing deleted


def test_the_help_calls_a_note_what_the_exports_make_of_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``annotate --help`` called the note Markdown, while every export writes a note as
    the plain text it is (the Markdown export escapes ``**``, the W3C one says
    ``text/plain``): a note written in Markdown for the export came out with its marks
    shown.  The help says so now."""
    with pytest.raises(SystemExit):
        main(["annotate", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "a note (plain text, exported as typed: Markdown's marks shown, not rendered)" in helped
    assert "a note (Markdown)" not in helped
    status, _, err = run(
        capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "p", "--note", "**Key** point"
    )
    assert status == 0, err
    status, out, err = run(capsys, "export", "--format", "markdown", "--tag", "p")
    assert status == 0, err
    assert "\\*\\*Key\\*\\* point" in out
