"""Hostile imports (issue 15, items 4, 5, 17): every bad value is named with its record and
field, in one line on stderr: the record is left out and the others imported (exit 1), and a
file none of whose records can be read is refused, nothing of it written.  The commands run in this
process, as ``tui-reader`` runs them (``main``), the deepest nesting in a process of its own."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers.hostile import run_cli_here as run
from helpers.hostile import run_cli_text

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

GOOD = {"id": "g1", "document": "c/a.txt", "start": 0, "end": 4, "quote": "Some", "tags": ["t"]}


BAD_RECORDS = [
    ('"start": 1e999', "start"),
    ('"start": Infinity', "Infinity"),
    ('"start": NaN', "NaN"),
    ('"start": ' + "9" * 5000, "digits"),
    ('"type": 5, "start": 0', None),
    ('"document": null, "start": 0', "document"),
    ('"tags": "abc", "start": 0', "tags"),
    ('"document": "c/a\\u0000.txt", "start": 0', "NUL"),
    ('"document": "/etc/passwd", "start": 0', "relative"),
    ('"document": "C:/Windows/win.ini", "start": 0', "relative"),
    ('"start": true', "start"),
    ('"start": 0, "end": "4"', "end"),
    ('"start": 0, "note": ["x"]', "note"),
    ('"start": 0, "status": "gone"', "status"),
    ('"start": 0, "status": {}', "status"),
    ('"start": 0, "status": ["anchored"]', "status"),
    ('"start": 0, "revision": -1', "revision"),
    # a lone surrogate's escape, no character: it ended the import in a traceback (an id),
    # or was taken in and every later export ended so (a document's key)
    ('"id": "g\\ud800", "start": 0', "lone surrogate (U+D800)"),
    ('"document": "c/a\\udfff.txt", "start": 0', "lone surrogate (U+DFFF)"),
]


def _with_a_bad_record(tmp_path: Path, field: str, *, good: bool = True) -> Path:
    """A json export of a good record (unless not ``good``) and one whose ``field`` is bad."""
    base = {k: v for k, v in GOOD.items() if k not in field}
    body = json.dumps(base)[:-1] + ", " + field + "}"
    source = tmp_path / "in.json"
    source.write_text("[" + (json.dumps(GOOD) + ", " if good else "") + body + "]")
    return source


@pytest.mark.parametrize(("field", "named"), BAD_RECORDS)
def test_a_bad_record_is_named_and_left_out_and_the_good_one_imported(
    tmp_path: Path, field: str, named: str | None
) -> None:
    """One bad record refused the whole file (exit 2), where a W3C file leaves out its bad
    annotation alone: the good record is imported, the bad one named in one line, its place
    in the file, as the W3C import names one, exit 1."""
    db = tmp_path / "db.json"
    source = _with_a_bad_record(tmp_path, field)
    result = run("import", source, "--db", db, cwd=tmp_path)
    if named is None:  # "type": 5 in a JSON record is not a field we keep: imported
        assert result.returncode == 0, result.stderr
        return
    said = [line for line in result.stderr.splitlines() if "not imported" in line]
    assert result.returncode == 1 and len(said) == 1, result.stderr
    assert "Traceback" not in result.stderr and named in said[0], said
    assert said[0].startswith("tui-reader: in.json: record 2"), said
    with AnnotationStore(db) as store:
        assert [a.id for a in store.annotations()] == ["g1"]


@pytest.mark.parametrize(("field", "named"), [r for r in BAD_RECORDS if r[1] is not None])
def test_a_file_of_bad_records_alone_is_refused_and_nothing_is_written(
    tmp_path: Path, field: str, named: str
) -> None:
    db = tmp_path / "db.json"
    source = _with_a_bad_record(tmp_path, field, good=False)
    result = run("import", source, "--db", db, cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "nothing imported" in lines[0] and named in lines[0], lines
    assert not db.exists() or AnnotationStore(db).annotations() == []


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"type": "Annotation", "target": {"source": "c/a.txt", "selector": 5}}',
        '{"type": "Annotation", "target": 5}',
        '{"type": 5}',
        '[{"type": "Annotation", "body": [], "target": {"source": null}}]',
        '{"type": "AnnotationPage", "items": [5]}',
        '{"type": "Annotation", "target": {"source": "c/a.txt", "selector": ['
        '{"type": "TextQuoteSelector", "exact": "a"}, '
        '{"type": "TextPositionSelector", "start": 0, "end": Infinity}]}}',
        '{"type": "Annotation", "target": {"source": "c/a.txt", "selector": ['
        '{"type": "TextQuoteSelector", "exact": "a"}, '
        '{"type": "TextPositionSelector", "start": 0, "end": 1e999}]}}',
    ],
    ids=["deep", "selector-5", "target-5", "type-5", "source-null", "items-5", "inf", "1e999"],
)
def test_malformed_files_fail_in_one_line(tmp_path: Path, text: str) -> None:
    db = tmp_path / "db.json"
    source = tmp_path / "in.jsonld"
    source.write_text(text)
    # The deepest in a command of its own: its stack is a fresh interpreter's, not a test's.
    runner = run_cli_text if text.startswith("[[") else run
    result = runner("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_an_id_of_an_annotation_on_another_document_is_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        mine = store.add(make_annotation("c/mine.txt", "Some text", 0, 4, "", ("t",)))
    source = tmp_path / "in.json"
    source.write_text(json.dumps([GOOD | {"id": mine.id}]))
    result = run("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode != 0 and "c/mine.txt" in result.stderr
    with AnnotationStore(db) as store:
        assert store.annotations() == [mine]


def test_an_id_of_an_annotation_on_another_document_is_left_out_and_the_others_imported(
    tmp_path: Path,
) -> None:
    """One record whose id is a passage of ours on another document refused the whole file
    ("nothing imported"), where a bad record is left out alone: it is said and left out,
    ours unchanged, the other records imported, exit 1."""
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        mine = store.add(make_annotation("c/mine.txt", "Some text", 0, 4, "", ("t",)))
    source = tmp_path / "in.json"
    other = GOOD | {"id": "g2", "start": 5, "end": 9, "quote": "text"}
    source.write_text(json.dumps([GOOD | {"id": mine.id}, other]))
    result = run("import", source, "--db", db, cwd=tmp_path)
    said = [line for line in result.stderr.splitlines() if "not imported" in line]
    assert result.returncode == 1 and len(said) == 1, result.stderr
    assert said[0] == (
        f"tui-reader: in.json: annotation {mine.id!r}: its id is an annotation on "
        "c/mine.txt here, not on c/a.txt; not imported"
    ), said
    with AnnotationStore(db) as store:
        assert store.lookup()(mine.id) == mine
        assert sorted(a.id for a in store.annotations()) == sorted([mine.id, "g2"])


def test_a_key_climbing_out_is_imported_but_what_it_names_outside_the_corpus_is_never_read(
    tmp_path: Path,
) -> None:
    """A database kept beside its corpus has keys like ``../corpus/a.txt``: its own export must
    import again.  A key naming a file outside the corpus is kept as data and never read."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Some text that is read.\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-KEY-MATERIAL\n")
    (tmp_path / "db").mkdir()
    db = tmp_path / "db" / "db.json"
    records = [GOOD | {"id": "in", "document": "../corpus/a.txt"},
               GOOD | {"id": "out", "document": "../secret.txt"}]  # fmt: skip
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records))
    result = run("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out.qdpx"
    result = run("export", tmp_path / "corpus", "--db", db, "--format", "qdpx", "-o", out,
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert b"SECRET-KEY-MATERIAL" not in archive.read(name), name
        assert any(b"Some text that is read." in archive.read(n) for n in archive.namelist())


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("merge", DEEP),
        ("merge", '{"annotations": {"1": {"x": ' + DEEP + "}}}"),
        ("merge", '{"type": "AnnotationCollection", "first": {"items": [{"x": ' + DEEP + "}]}}"),
        ("tags", '{"annotations": {"1": {"x": ' + DEEP + "}}}"),
        ("tags", '{\n"annotations": {"1": {"x": ' + DEEP + "}}\n}\n"),
    ],
    ids=["merge-deep", "merge-database", "merge-w3c", "database", "database-by-line"],
)
def test_json_nested_too_deeply_fails_in_one_line(tmp_path: Path, command: str, text: str) -> None:
    """json.loads raises RecursionError on it: a file made to crash whoever reads it (the
    app did not start: a crash log) is damaged JSON, named in one line."""
    db = tmp_path / "db.json"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(text)
    if command == "merge":
        result = run("merge", hostile, "--db", db, cwd=tmp_path)
    else:
        result = run("tags", "--db", hostile, cwd=tmp_path)
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "hostile.json" in result.stderr


def test_a_w3c_target_with_a_position_alone_is_read_from_the_corpus_and_nowhere_else(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("password hunter2\n", encoding="utf-8")
    db = corpus / "db.json"

    def position_only(document: Path) -> str:
        return json.dumps(
            {
                "type": "Annotation",
                "id": f"urn:uuid:{document.stem}",
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": "x"}],
                "target": {
                    "source": document.as_uri(),
                    "selector": {"type": "TextPositionSelector", "start": 4, "end": 14},
                },
            }
        )

    source = tmp_path / "theirs.jsonld"
    source.write_text(position_only(corpus / "a.txt"))
    result = run("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with AnnotationStore(db) as store:
        [annotation] = store.annotations()
    assert (annotation.quote, annotation.tags) == ("army moved", ("x",))
    source.write_text(position_only(secret))
    result = run("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode != 0 and len(result.stderr.splitlines()) == 1
    assert "no document" in result.stderr and "hunter2" not in result.stderr
    with AnnotationStore(db) as store:
        assert len(store.annotations()) == 1


def test_a_w3c_target_with_a_position_alone_is_read_from_a_corpus_beside_the_database(
    tmp_path: Path,
) -> None:
    """A database kept apart from the corpus (``--db dbs/team.json --corpus corpus``): such a
    target's document, in the corpus, was said to be none here and the whole file refused."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", encoding="utf-8")
    (tmp_path / "dbs").mkdir()
    db = tmp_path / "dbs" / "team.json"
    item = {
        "type": "Annotation",
        "id": "urn:uuid:a1",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "x"}],
        "target": {
            "source": (corpus / "a.txt").as_uri(),
            "selector": {"type": "TextPositionSelector", "start": 4, "end": 14},
        },
    }
    quoted = {
        **item,
        "id": "urn:uuid:a2",
        "target": {
            "source": (corpus / "a.txt").as_uri(),
            "selector": {"type": "TextQuoteSelector", "exact": "border"},
        },
    }
    source = tmp_path / "theirs.jsonld"
    source.write_text(json.dumps([item, quoted]))
    result = run("import", source, "--db", db, "--corpus", corpus, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with AnnotationStore(db) as store:
        found = {a.id: a for a in store.annotations()}
    assert (found["a1"].quote, found["a1"].tags) == ("army moved", ("x",))
    assert {a.document for a in found.values()} == {"../corpus/a.txt"}


@pytest.mark.parametrize(("field", "named"), [r for r in BAD_RECORDS if r[1] is not None])
def test_a_bad_record_in_an_export_merged_is_named_as_import_names_it(
    tmp_path: Path, field: str, named: str
) -> None:
    db = tmp_path / "db.json"
    source = _with_a_bad_record(tmp_path, field)
    result = run("merge", source, "--db", db, "--other-coder", "ben", cwd=tmp_path)
    said = [line for line in result.stderr.splitlines() if "not merged" in line]
    assert result.returncode == 1 and len(said) == 1, result.stderr
    assert "Traceback" not in result.stderr and named in said[0], said
    assert said[0].startswith("tui-reader: in.json: record 2"), said
    with AnnotationStore(db) as store:
        assert [a.id for a in store.annotations()] == ["g1"]


@pytest.mark.parametrize(
    ("command", "text", "said"),
    [
        ("merge", "export", "record 1: start: an integer of 5001 digits is too large"),
        ("merge", "database", "damaged JSON (an integer of 5001 digits is too large at line 1"),
        ("tags", "database", "damaged JSON (an integer of 5001 digits is too large at line 1"),
    ],
)
def test_a_number_of_thousands_of_digits_is_said_as_import_says_it(
    tmp_path: Path, command: str, text: str, said: str
) -> None:
    """merge of a file holding a number of 5,001 digits said Python's own words ('Exceeds the
    limit (4300 digits) for integer string conversion'), and a database holding one crashed
    every command reading it; each says it as import does."""
    db = tmp_path / "db.json"
    if text == "export":
        hostile = _with_a_bad_record(tmp_path, '"start": ' + "9" * 5001, good=False)
    else:
        hostile = tmp_path / "hostile.json"
        hostile.write_text('{"annotations": {"1": {"start": ' + "9" * 5001 + "}}}")
    if command == "merge":
        result = run("merge", hostile, "--db", db, cwd=tmp_path)
    else:
        result = run("tags", "--db", hostile, cwd=tmp_path)
    assert result.returncode != 0 and len(result.stderr.splitlines()) == 1, result.stderr
    assert said in result.stderr and hostile.name in result.stderr
    assert "4300" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("project.qdpx", b"PK\x03\x04 not a zip"),
        ("codebook.qdc", b'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><'),
        ("highlights.csv", b"id,document,tag,content\n1,a.txt,t,caf\x00\x01\x02\x03\n"),
    ],
    ids=["qdpx", "qdc", "taguette"],
)
def test_a_refused_project_leaves_no_database_where_there_was_none(
    tmp_path: Path, name: str, content: bytes
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    db = tmp_path / "db.json"
    fmt = {"qdpx": "qdpx", "qdc": "qdc", "csv": "taguette"}[name.rsplit(".", 1)[1]]
    result = run("import", source, "--format", fmt, "--db", db, cwd=tmp_path)
    assert result.returncode != 0 and len(result.stderr.splitlines()) == 1, result.stderr
    assert name in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no database, no lock


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_page_note_in_a_w3c_file_is_said_and_the_rest_taken(tmp_path: Path, command: str) -> None:
    passage = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:0d8e7c4a-4b7e-4c1e-9a3f-2f6f1b2c3d4e",
        "creator": {"type": "Person", "name": "ana"},
        "body": {"type": "TextualBody", "value": "t", "purpose": "tagging"},
        "target": {"source": "c/a.txt", "selector": {"type": "TextQuoteSelector", "exact": "So"}},
    }
    page_note = {"type": "Annotation", "id": "https://hypothes.is/a/p1", "bodyValue": "page"}
    page_note["target"] = [{"source": "https://example.org/doc"}]
    source = tmp_path / "hypothesis.jsonld"
    source.write_text(json.dumps([passage, page_note]))
    db = tmp_path / "db.json"
    result = run(command, source, "--db", db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "hypothesis.jsonld: annotation 2 ('https://hypothes.is/a/p1'): about the whole" in (
        result.stderr
    )
    with AnnotationStore(db) as store:
        assert [a.quote for a in store.annotations()] == ["So"]


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_w3c_file_that_brings_nothing_it_holds_fails(tmp_path: Path, command: str) -> None:
    """A collection whose page is not in the file, and a file of annotations none of which
    is placed in a text (page notes, an XPath), brought nothing in, said so, and exited 0,
    where an annotation that cannot be read fails the command: each fails it too (exit 1)."""
    context = "http://www.w3.org/ns/anno.jsonld"
    collection = {"@context": context, "type": "AnnotationCollection", "first": "http://x/p1"}
    note = {"type": "Annotation", "id": "urn:x:1", "target": "file:///home/ben/a.txt"}
    xpath = {"type": "XPathSelector", "value": "/p[2]"}
    element = note | {"id": "urn:x:2", "target": {"source": "a.txt", "selector": xpath}}
    _, coder = _verb_and_coder(command)
    for n, held in enumerate([collection, [note, element]]):
        source = tmp_path / f"in{n}.jsonld"
        source.write_text(json.dumps(held))
        result = run(command, source, "--db", tmp_path / "db.json", *coder, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "not in this file" in result.stderr or "about the whole of" in result.stderr


@pytest.mark.parametrize("command", ["import", "merge"])
def test_each_bad_annotation_of_a_w3c_file_is_named_and_the_good_ones_taken(
    tmp_path: Path, command: str
) -> None:
    """A W3C file with two bad annotations among good ones: one bad annotation refused the
    whole file (exit 2), where a REFI-QDA project leaves out only the selection it cannot
    read.  The good ones are taken, each bad one named in a line of its own (its number and
    id, what is wrong, as the command says it: "not merged"), and the command exits 1; a
    file of bad annotations alone is refused, each named, nothing written."""

    def item(n: int, start: object, end: object) -> dict[str, object]:
        selector = [
            {"type": "TextQuoteSelector", "exact": "Some"},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ]
        target = {"source": "c/a.txt", "selector": selector}
        return {"id": f"urn:uuid:{n}", "type": "Annotation", "target": target}

    verb, coder = _verb_and_coder(command)
    bad = [item(2, 0, "x"), item(4, 5, 2)]
    items = [item(1, 0, 4), bad[0], item(3, 0, 4), bad[1], item(5, 0, 4)]
    source, db, result, said = _page_brought(tmp_path, command, items)
    assert said == [
        f"tui-reader: in.jsonld: annotation 2 ('urn:uuid:2'): TextPositionSelector needs "
        f"integer start and end; not {verb}",
        f"tui-reader: in.jsonld: annotation 4 ('urn:uuid:4'): bad TextPositionSelector range "
        f"[5, 2); not {verb}",
    ], result.stderr
    with AnnotationStore(db) as store:
        assert sorted(a.id for a in store.annotations()) == ["1", "3", "5"]
    source.write_text(json.dumps({"type": "AnnotationPage", "items": bad}))
    other = tmp_path / "other.json"
    result = run(command, source, "--db", other, "--corpus", tmp_path, *coder, cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "annotation 1 ('urn:uuid:2'):" in lines[0], lines
    assert "annotation 2 ('urn:uuid:4'):" in lines[0], lines
    assert f"nothing {verb}:" in lines[0], lines
    assert not other.exists() or AnnotationStore(other).annotations() == []


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_w3c_annotation_with_a_long_code_a_negative_start_or_an_odd_path_is_left_out_alone(
    tmp_path: Path, command: str
) -> None:
    """A code of 10,000 characters (or 1,010: a code may have 1,000) or a negative start
    refused the whole W3C file ("nothing imported"), and a ``file:`` source holding a lone surrogate ended in the Python
    exception's repr, where a target that cannot be read leaves out only its annotation.
    Each is now left out alone, said in one line with what is wrong, the good ones taken,
    exit 1."""

    def item(n: int, *, code: str = "t", start: int = 0, source: str = "c/a.txt") -> object:
        selector = [
            {"type": "TextQuoteSelector", "exact": "Some"},
            {"type": "TextPositionSelector", "start": start, "end": 4},
        ]
        body = {"type": "TextualBody", "purpose": "tagging", "value": code}
        target = {"source": source, "selector": selector}
        return {"id": f"urn:uuid:{n}", "type": "Annotation", "body": body, "target": target}

    verb, _ = _verb_and_coder(command)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Some text")
    items = [
        item(1),
        item(2, code="x" * 10_000),
        item(3, start=-1),
        item(4, source="file:///c/\ud800.txt"),
        item(5),
        item(6, code="y" * 1_010),
    ]
    _, db, result, said = _page_brought(tmp_path, command, items)
    assert said == [
        f"tui-reader: in.jsonld: annotation 3 ('urn:uuid:3'): TextPositionSelector's start -1: "
        f"a place before the text's start; not {verb}",
        f"tui-reader: in.jsonld: annotation 4 ('urn:uuid:4'): its target's source holds a lone "
        f"surrogate (U+D800), which is no character; not {verb}",
        f"tui-reader: in.jsonld: annotation '2': bad tag name '{'x' * 40}'… (10,000 characters):"
        f" a code may be at most 1,000 characters, each level between '/' at most 200; not {verb}",
        f"tui-reader: in.jsonld: annotation '6': bad tag name '{'y' * 40}'… (1,010 characters):"
        f" a code may be at most 1,000 characters, each level between '/' at most 200; not {verb}",
    ], result.stderr
    with AnnotationStore(db) as store:
        assert sorted(a.id for a in store.annotations()) == ["1", "5"]


def test_a_colleagues_database_with_an_unreadable_record_is_merged_but_for_it(
    tmp_path: Path,
) -> None:
    """One annotation record of a colleague's database that cannot be read (its start edited
    by hand into a word) refused the whole merge, "merge reads every record or none", where
    a bad record of their export is left out alone.  It is said and left out, the others
    merged, exit 1; a database none of whose passages can be read is still refused."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Some text here")
    theirs = tmp_path / "theirs.json"
    with AnnotationStore(theirs) as store:
        for start, end in [(0, 4), (5, 9), (10, 14)]:
            store.add(make_annotation("c/a.txt", "Some text here", start, end, "", ("t",)))
    data = json.loads(theirs.read_text())
    records = data["annotations"]
    broken = sorted(records)[1]
    records[broken]["start"] = "four"
    theirs.write_text(json.dumps(data))
    db = tmp_path / "db.json"
    result = run("merge", theirs, "--db", db, "--other-coder", "ben", cwd=tmp_path)
    said = [line for line in result.stderr.splitlines() if "not merged" in line]
    assert result.returncode == 1 and len(said) == 1, result.stderr
    assert said[0] == (
        f"tui-reader: theirs.json: annotation record {broken} is unreadable (missing or bad "
        "id, document, start, end or quote); not merged"
    ), said
    with AnnotationStore(db) as store:
        assert sorted(a.quote for a in store.annotations()) == ["Some", "here"]
    for record in records.values():
        record["start"] = "four"
    theirs.write_text(json.dumps(data))
    other = tmp_path / "other.json"
    result = run("merge", theirs, "--db", other, "--other-coder", "ben", cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "is unreadable" in result.stderr and "nothing of it merged" in result.stderr
    assert not other.exists() or AnnotationStore(other).annotations() == []


def _verb_and_coder(command: str) -> tuple[str, list[str]]:
    """What ``command`` (import or merge) says it did, and the coder a merge needs."""
    if command == "merge":
        return "merged", ["--other-coder", "ben"]
    return "imported", []


def _page_brought(
    tmp_path: Path, command: str, items: list[object]
) -> tuple[Path, Path, subprocess.CompletedProcess[str], list[str]]:
    """``items`` as a W3C page brought in by ``command`` (into a new database beside it): the
    page's file, the database, the run (which must exit 1: some left out), and the lines
    saying what was left out."""
    verb, coder = _verb_and_coder(command)
    source = tmp_path / "in.jsonld"
    source.write_text(json.dumps({"type": "AnnotationPage", "items": items}))
    db = tmp_path / "db.json"
    result = run(command, source, "--db", db, "--corpus", tmp_path, *coder, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    said = [line for line in result.stderr.splitlines() if f"not {verb}" in line]
    return source, db, result, said


@pytest.mark.parametrize("field", ["note", "quote", "prefix"])
def test_a_text_field_of_more_than_16_million_characters_is_named_and_left_out(
    tmp_path: Path, field: str
) -> None:
    """A note or a quote of hundreds of megabytes was taken whole (1.46 GB resident to
    import a note of 200 MB, and a database twice its size): a record holding one longer
    than MAX_TEXT is left out, named with its field in one line; one of MAX_TEXT is taken
    (a passage quoting a whole book is far shorter)."""
    from tui_reader.core.interchange.import_schema import MAX_TEXT

    db = tmp_path / "db.json"
    source = tmp_path / "in.json"
    records = [GOOD | {"id": "fits", field: "a" * MAX_TEXT},
               GOOD | {"id": "long", field: "a" * (MAX_TEXT + 1)}]  # fmt: skip
    source.write_text(json.dumps(records))
    result = run("import", source, "--db", db, cwd=tmp_path)
    said = [line for line in result.stderr.splitlines() if "not imported" in line]
    assert result.returncode == 1 and len(said) == 1, result.stderr[:2000]
    assert said[0].startswith("tui-reader: in.json: record 2 ('long')"), said
    assert f"{field}: longer than {MAX_TEXT:,} characters" in said[0], said
    with AnnotationStore(db) as store:
        assert [a.id for a in store.annotations()] == ["fits"]


def test_keys_naming_files_outside_the_corpus_named_are_said_once_by_the_import(
    tmp_path: Path,
) -> None:
    """Records naming ``../../secret.txt``, or a file of the database's folder outside the
    corpus named, were taken silently, and every later command said their documents lie
    outside the corpus: the import says it once, in one line naming them, and keeps their
    annotations (orphans, never read); a key inside the corpus is not named."""
    corpus = tmp_path / "work" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("Some text that is read.\n")
    (tmp_path / "secret.txt").write_text("SECRET-KEY-MATERIAL\n")
    (tmp_path / "work" / "notes.txt").write_text("Some notes.\n")
    db = tmp_path / "work" / "db.json"
    records = [GOOD | {"id": "in", "document": "corpus/a.txt"},
               GOOD | {"id": "up", "document": "../secret.txt"},
               GOOD | {"id": "beside", "document": "notes.txt"}]  # fmt: skip
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records))
    result = run("import", source, "--db", db, "--corpus", corpus, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "outside the corpus" in line]
    assert len(said) == 1, result.stderr
    assert "../secret.txt" in said[0] and "notes.txt" in said[0], said
    assert "corpus/a.txt" not in said[0] and "2 documents" in said[0], said
    assert "SECRET" not in result.stderr
    with AnnotationStore(db) as store:
        assert sorted(a.id for a in store.annotations()) == ["beside", "in", "up"]


CSV_HEADER = "id,document,tag,content,note,start,end\n"
CSV_GOOD = "g1,c/a.txt,t,Some,,0,4\n"


@pytest.mark.parametrize(
    ("name", "head", "tail", "said"),
    [
        ("in.json", "[" + json.dumps(GOOD) + ', {"id": "long", "document": "c/a.txt", '
         '"start": 0, "end": 4, "quote": "Some", "note": "', '"}]',
         "record 2 ('long'): note: longer than"),
        ("in.csv", CSV_HEADER + CSV_GOOD + 'long,c/a.txt,t,Some,"a,\n', '",0,4\n',
         "row 3 (long): note: longer than"),
        ("in.csv", CSV_HEADER + CSV_GOOD + "long,c/a.txt,t,Some,", ",0,4\n",
         "row 3 (long): note: longer than"),
    ],
    ids=["json", "csv-quoted", "csv-bare"],
)  # fmt: skip
def test_a_note_of_100_mb_is_refused_read_a_part_at_a_time(
    tmp_path: Path, name: str, head: str, tail: str, said: str
) -> None:
    """The file was read whole, decoded and parsed before its note was refused: 1.0 GB
    resident for a JSON note of 200 MB, 2.4 GB for a CSV's.  Read a part at a time, the
    note never held, the import names its record and field within an address space of
    250 MB (the note alone is 100)."""
    import resource
    import sys

    from helpers.hostile import user_environment

    db = tmp_path / "db.json"
    source = tmp_path / name
    with source.open("w") as out:
        out.write(head)
        for _ in range(100):
            out.write("n" * 2**20)
        out.write(tail)

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (250 * 2**20, 250 * 2**20))

    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "import", str(source), "--db", str(db)],
        capture_output=True, text=True, cwd=tmp_path, env=user_environment(),
        preexec_fn=capped, timeout=120,
    )  # fmt: skip
    lines = [line for line in result.stderr.splitlines() if "not imported" in line]
    # a row of a CSV file left out fails the import, as a JSON record left out does
    assert result.returncode == 1 and len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith(f"tui-reader: {name}: {said}"), lines
    with AnnotationStore(db) as store:
        assert [a.id for a in store.annotations()] == ["g1"]


def test_the_csv_file_imported_from_the_corpus_folder_is_never_read_as_a_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV file is a transcript's format too, and the database's folder the corpus when
    none is named: the import read every document there to place the rows, the file it
    imports among them.  A CSV of 100 MB was converted whole (its bytes handed to the
    converter's process ran out of an address space of 250 MB: a MemoryError traceback, now
    and then, as the margin allowed).  That hand-off is forced to fail here, every time: the
    file is never read, the other documents are."""
    from tui_reader.core import workspace

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Some text.\n")
    source = tmp_path / "in.csv"
    # a row on a document not here: every document is read for its title to place it
    source.write_text(CSV_HEADER + CSV_GOOD + "g2,c/gone.txt,t,Some,,0,4\n")
    db = tmp_path / "db.json"
    loaded = workspace.load_document
    read: list[str] = []

    def load(path: Path) -> object:
        read.append(path.name)
        if path.name == source.name:
            raise MemoryError  # as its conversion's hand-off met it under the cap
        return loaded(path)

    monkeypatch.setattr(workspace, "load_document", load)
    result = run("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert read == ["a.txt"], read
    with AnnotationStore(db) as store:
        assert sorted((a.id, a.quote) for a in store.annotations()) == [
            ("g1", "Some"),
            ("g2", "Some"),
        ]


@pytest.mark.parametrize("where", ["reading", "placing"])
def test_memory_running_out_in_an_import_is_one_line_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A MemoryError where nothing turned it into a file's problem ended the command in a
    traceback of 40 lines; it is one line naming the command, exit 2, nothing imported.
    Met as the rows are placed, the database made for them already, it was said "the change
    was saved" of an import that saved none."""
    from tui_reader.cli import import_
    from tui_reader.core.interchange import foreign

    def out_of_memory(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    source = tmp_path / "in.csv"
    source.write_text(CSV_HEADER + CSV_GOOD)
    db = tmp_path / "db.json"
    if where == "reading":
        monkeypatch.setattr(import_, "_read_and_reconcile", out_of_memory)
    else:
        monkeypatch.setattr(foreign, "read_foreign", out_of_memory)
    result = run("import", source, "--db", db, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "tui-reader: import: out of memory (a file too big for the memory left)"
    ], result.stderr
    if db.exists():
        with AnnotationStore(db) as store:
            assert store.annotations() == []


def test_a_note_of_100_mb_in_an_export_merged_is_refused_read_a_part_at_a_time(
    tmp_path: Path,
) -> None:
    """merge read a JSON export whole and parsed it before the note was refused, where import
    reads it a part at a time: 650 MB resident for a note of 100 MB.  Read as import reads
    it, the note never held, the merge names its record and field within an address space
    of 250 MB, and merges the other record."""
    import resource
    import sys

    from helpers.hostile import user_environment

    db = tmp_path / "db.json"
    source = tmp_path / "theirs.json"
    with source.open("w") as out:
        out.write(
            "[" + json.dumps(GOOD | {"coder": "bo"}) + ', {"id": "long", "document": '
            '"c/a.txt", "start": 0, "end": 4, "quote": "Some", "coder": "bo", "note": "'
        )
        for _ in range(100):
            out.write("n" * 2**20)
        out.write('"}]')

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (250 * 2**20, 250 * 2**20))

    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "merge", str(source), "--db", str(db)],
        capture_output=True, text=True, cwd=tmp_path, env=user_environment(),
        preexec_fn=capped, timeout=120,
    )  # fmt: skip
    lines = [line for line in result.stderr.splitlines() if "not merged" in line]
    assert result.returncode == 1 and len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("tui-reader: theirs.json: record 2 ('long'): note: longer than")
    with AnnotationStore(db) as store:
        assert [a.id for a in store.annotations()] == ["g1"]


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_project_s_memo_description_or_value_too_long_is_named_never_stored(
    tmp_path: Path, command: str
) -> None:
    """A project export whose memo held 17 MB was imported as a memo reading
    "\\x00longer than MAX_TEXT", the stand-in its text is read as (never held whole), the
    text lost; so a code's description and an attribute's value.  Each is now named, with
    its field, and left out; the rest of the project taken."""
    from tui_reader.core.interchange.import_schema import MAX_TEXT

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text.\n")
    long = "m" * (MAX_TEXT + 1)
    project = {
        "tui-reader": "project",
        "version": 1,
        "codebook": [
            {"name": "t", "color": "", "description": long},
            {"name": "u", "color": "", "description": "kept"},
        ],
        "memos": [
            {"id": "m1", "kind": "code", "target": "t", "text": long, "created": "", "updated": ""},
            {"id": "m2", "kind": "journal", "target": "", "text": "kept", "created": "",
             "updated": ""},
        ],
        "attributes": {"c/a.txt": {"group": long}},
        "annotations": [GOOD | {"coder": "bo"}],
    }  # fmt: skip
    source = tmp_path / "project.json"
    source.write_text(json.dumps(project))
    db = tmp_path / "db.json"
    result = run(command, source, "--db", db, "--corpus", corpus, cwd=tmp_path)
    verb = "imported" if command == "import" else "merged"
    said = [line for line in result.stderr.splitlines() if "longer than" in line]
    assert result.returncode == 1 and sorted(said) == [
        f"tui-reader: project.json: {what}: longer than 16,777,216 characters; not {verb}"
        for what in (
            "code 1 of the project's codebook: description",
            "document c/a.txt: attribute 'group'",
            "memo 1 of the project: text",
        )
    ], result.stderr[-2000:]
    with AnnotationStore(db) as store:
        assert [m.text for m in store.memos()] == ["kept"]
        assert {t.name: t.description for t in store.tags()}.get("u") == "kept"
        assert "t" not in {t.name: t.description for t in store.tags()} or all(
            t.description != long and "\x00" not in t.description for t in store.tags()
        )
        assert store.attributes() == {}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_attribute_value_of_100_mb_full_of_commas_is_refused_read_a_part_at_a_time(
    tmp_path: Path, encoding: str
) -> None:
    """attr import read its CSV file whole, decoded it and parsed it before the value was
    refused: 1.26 GB resident for a quoted cell of 100 MB of commas (707 MB for 50 MB of
    them in UTF-16, as Excel saves "Unicode text").  Read a part at a time, as import reads
    a CSV file, the cell is never held: the value is named by its row and column within an
    address space of 250 MB, and the row's other document set."""
    import resource
    import sys

    from helpers.hostile import user_environment

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text.\n")
    (corpus / "b.txt").write_text("More text.\n")
    source = tmp_path / "cases.csv"
    with source.open("w", encoding=encoding) as out:  # UTF-16 with its byte-order mark
        out.write('document,group\na.txt,"')
        for _ in range(100 if encoding == "utf-8" else 50):
            out.write("," * 2**20)
        out.write('"\nb.txt,coastal\n')

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (250 * 2**20, 250 * 2**20))

    db = tmp_path / "db.json"
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "attr", "import", str(source), "--db", str(db),
         "--corpus", str(corpus)],
        capture_output=True, text=True, cwd=tmp_path, env=user_environment(),
        preexec_fn=capped, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr[-2000:]
    assert (
        f"tui-reader: {source}: row 2, column group: a value of more than 16,777,216 "
        "characters; an attribute's value may be at most 16,777,216, as a note may be"
    ) in result.stderr.splitlines(), result.stderr[-2000:]
    with AnnotationStore(db) as store:
        assert store.attributes() == {"c/b.txt": {"group": "coastal"}}


def test_a_note_of_a_refi_qda_selection_longer_than_a_text_is_named_and_left_out(
    tmp_path: Path,
) -> None:
    """A selection's description of 60 million characters was imported whole as its note
    (a database of 120 MB), where a JSON, W3C or CSV file's is refused: it is left out, said
    with its selection and field, as theirs are; the file's other passage is imported."""
    import base64
    import os

    from tui_reader.core.interchange.import_schema import MAX_TEXT

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text that is read.\n")
    db, out = tmp_path / "db.json", tmp_path / "out.qdpx"
    for quote in ("Some", "text"):
        made = run("annotate", "c/a.txt", "--quote", quote, "-t", "t", "--db", db, cwd=tmp_path)
        assert made.returncode == 0, made.stderr
    done = run("export", "-f", "qdpx", "-o", out, "--db", db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    # a text that does not compress (a zip inflating a thousand times its size is refused)
    long = base64.b64encode(os.urandom(MAX_TEXT * 3 // 4 + 3))[: MAX_TEXT + 1]
    project = members["project.qde"]
    at = project.index(b"<Coding ")
    members["project.qde"] = (
        project[:at] + b"<Description>" + long + b"</Description>" + project[at:]
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    other = tmp_path / "other.json"
    result = run("import", out, "--db", other, "--corpus", corpus, cwd=tmp_path)
    said = [line for line in result.stderr.splitlines() if "longer than" in line]
    assert result.returncode == 1 and len(said) == 1, result.stderr[-2000:]
    assert f"note: longer than {MAX_TEXT:,} characters; not imported" in said[0], said
    with AnnotationStore(other) as store:
        assert [a.quote for a in store.annotations()] == ["text"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("project.qdpx", b"\x89not a zip\xff\x00 at all" * 20),  # a download cut short
        ("export.json.gz", b"\x1f\x8b\x08\x00\xa0\xbb\x9e\x5d\x00\x03\xff"),  # still packed
        ("export.json", '[{"id": "a"}]'.encode("utf-16")),  # PowerShell's > wrote UTF-16
    ],
    ids=["qdpx", "gz", "utf-16"],
)
def test_a_file_import_reads_in_no_format_says_what_import_reads(
    tmp_path: Path, name: str, data: bytes
) -> None:
    """A file that is neither a zip nor UTF-8 text, imported without --format, was said "not
    UTF-8 text", as if text were all import reads (a .qdpx that is no zip, a gzipped export):
    it is said as any file import cannot read is, with the formats it reads."""
    source = tmp_path / name
    source.write_bytes(data)
    result = run("import", name, "--db", tmp_path / "db.json", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"tui-reader: {name}: not a file import reads, neither a zip (a REFI-QDA project) nor "
        "UTF-8 text (import reads W3C or tui-reader JSON (a json or project export), "
        "tui-reader's CSV export, a REFI-QDA project or codebook, Taguette's highlights "
        "CSV/HTML or codebook CSV)\n"
    )
    assert not (tmp_path / "db.json").exists()
    asked = run("import", name, "--format", "json", "--db", tmp_path / "db.json", cwd=tmp_path)
    assert (asked.returncode, asked.stderr) == (2, f"tui-reader: {name}: not UTF-8 text\n")
