"""Every subcommand's output passes the display gate (issue 15, rule "one gate"): attributes,
memos, history, query, reports, coders and the JSON listings print hostile names without a
control character or bidi override, and JSON gives the very strings back.  Files to import
are read only as regular files (a FIFO or a device never blocks), and a corpus folder that
cannot be read is named, not skipped without a word."""

from __future__ import annotations

import functools
import json
import os
import shutil
from pathlib import Path

import pytest
from helpers.hostile import CLIP, TITLE, assert_clean, hostile_corpus, run_cli, run_cli_here

from tui_reader.core.annotations.model import Tag
from tui_reader.core.documents import corpus as corpus_module
from tui_reader.core.documents.corpus import list_corpus_files
from tui_reader.core.store.annotation_store import AnnotationStore

RTL = "rtl\u202eevil\u009b"
TAG = f"tag{TITLE}"


@pytest.fixture(scope="module")
def hostile_db_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the hostile corpus (``c/``) and a database coding it (``db.json``),
    made once for the module by the commands a user runs: each test takes a copy of it."""
    folder = tmp_path_factory.mktemp("hostile_db")
    corpus = hostile_corpus(folder)
    db = folder / "db.json"
    doc = f"c/{TITLE}.txt"
    record = {"id": f"id{CLIP}", "document": doc, "start": 0, "end": 1, "quote": "A",
              "tags": [TAG, RTL], "note": f"note{CLIP}", "coder": f"coder{TITLE}"}  # fmt: skip
    source = folder / f"in{TITLE}.json"  # the history's label names it
    source.write_text(json.dumps([record]), encoding="utf-8")
    done = run_cli_here("import", source, "--db", db, cwd=folder, text=False)
    assert done.returncode == 0, done.stderr
    # An import takes the codes as the exports write them: stored so by an older version.
    with AnnotationStore(db) as store:
        (imported,) = store.annotations()
        store.put(imported.evolve(tags=(TAG, RTL)))
        for name in (TAG, RTL):
            store.set_tag(Tag(name))
    for args in (
        ("attr", "set", doc, f"place=x{TITLE}{RTL}", "--corpus", corpus),
        ("memo", "add", "--doc", doc, f"memo{CLIP}\nline two{RTL}", "--corpus", corpus),
        ("memo", "add", "--code", TAG, f"code memo{TITLE}"),
    ):
        done = run_cli_here(*args, "--db", db, cwd=folder, text=False)
        assert done.returncode == 0, (args, done.stderr)
    return folder


@pytest.fixture
def hostile_db(hostile_db_made: Path, tmp_path: Path) -> tuple[Path, Path]:
    """This test's own copy of the hostile corpus and its database, in ``tmp_path``: what one
    test's command writes (a journal folded, a cache) no other test sees."""
    shutil.copytree(hostile_db_made, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path / "c", tmp_path / "db.json"


@pytest.mark.parametrize(
    "args",
    [
        ("attr", "list"),
        ("memo", "list"),
        ("memo", "show", "--code", TAG),
        ("history",),
        ("coders",),
        ("tags",),
        ("query", RTL),
        ("query", RTL, "--format", "csv"),
        ("report", "frequencies"),
        ("report", "frequencies", "--format", "csv"),
        ("report", "frequencies", "--format", "markdown"),
        ("report", "cooccurrence"),
    ],
)
def test_each_listing_prints_hostile_names_through_the_gate(
    hostile_db: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...]
) -> None:
    done = run_cli_here(*args, *_where(args, *hostile_db), cwd=tmp_path, text=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert_clean(done.stdout)
    assert_clean(done.stderr)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("attr", "list", "--json"), f"x{TITLE}{RTL}"),
        (("memo", "list", "--json"), f"memo{CLIP}\nline two{RTL}\n"),
        (("history", "--json"), f"import in{TITLE}.json"),
        (("coders", "--json"), f"coder{TITLE}"),
        (("tags", "--json"), RTL),
        (("report", "frequencies", "--format", "json"), RTL),
        # the rest: the export gate, the coder's name too (ESC and BEL as their pictures)
        (("query", RTL, "--format", "json"), "coderx\u241b]0;PWNED\u2407"),
    ],
)
def test_json_listings_are_clean_on_screen_and_give_the_strings_back(
    hostile_db: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    done = run_cli_here(*args, *_where(args, *hostile_db), cwd=tmp_path, text=False)
    assert done.returncode == 0, done.stderr
    assert_clean(done.stdout)
    text = done.stdout.decode("utf-8")
    values = (
        [json.loads(line) for line in text.splitlines()]
        if args[0] == "history"
        else [json.loads(text)]
    )
    assert expected in json.dumps(values, ensure_ascii=False) or expected in _strings(values)


def _where(args: tuple[str, ...], corpus: Path, db: Path) -> tuple[str | Path, ...]:
    """``--db`` for every command, ``--corpus`` for those that name documents."""
    return ("--db", db) if args[0] in ("history", "coders") else ("--db", db, "--corpus", corpus)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value, *(part for part in value.split(": "))]
    if isinstance(value, dict):
        return [s for v in (*value.keys(), *value.values()) for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("command", [("import",), ("attr", "import"), ("merge",)])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_file_to_import_that_is_a_fifo_or_a_device_is_refused_at_once(
    tmp_path: Path, command: tuple[str, ...], kind: str
) -> None:
    source = tmp_path / "in.json"
    if kind == "fifo":
        os.mkfifo(source)  # reading it would wait for a writer for ever
    else:
        source.symlink_to("/dev/zero")  # reading it would fill the memory
    (tmp_path / "c").mkdir()
    done = run_cli(*command, source, "--db", tmp_path / "db.json", cwd=tmp_path)
    assert done.returncode != 0
    assert b"not a regular file; not read" in done.stderr


def test_a_corpus_folder_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "c" / "secret").mkdir(parents=True)
    (tmp_path / "c" / "ok.txt").write_text("Hello.\n")
    real = os.scandir

    def scandir(path: str) -> object:  # root reads any folder: refuse one as a user meets it
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(corpus_module.os, "scandir", scandir)
    unreadable: list[str] = []
    files = list_corpus_files(tmp_path / "c", unreadable=unreadable)
    assert [f.rel for f in files] == ["ok.txt"]
    assert unreadable == [
        "secret/: the folder cannot be read (Permission denied); its documents are not listed"
    ]


@pytest.mark.parametrize("kind", ["socket", "fifo"])
@pytest.mark.parametrize(
    "command",
    [
        ("export", "-f", "csv", "--doc"),
        ("query", "t", "--doc"),
        ("memo", "add", "a memo", "--doc"),
        ("attr", "set", "place=x", "--doc"),
    ],
    ids=lambda c: c[0],
)
def test_a_document_named_that_is_a_socket_or_a_fifo_is_one_clear_line(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    """``export --doc sock.txt``: a socket in the corpus, listed by its name's extension,
    gave an empty export (its header alone) and exit 0, without a word."""
    import socket

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Hello there.\n")
    name = f"{kind}.txt"
    with socket.socket(socket.AF_UNIX) as held:  # a socket a program holds, in the corpus
        if kind == "fifo":
            os.mkfifo(corpus / name)
        else:
            held.bind(str(corpus / name))
        db = tmp_path / "db.json"
        done = run_cli_here("annotate", corpus / "ok.txt", "--quote", "Hello", "-t", "t", "--db", db, cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
        what = "a socket" if kind == "socket" else "a FIFO (named pipe)"
        # A FIFO read would wait for ever: the command runs in a process of its own, under a
        # time limit; a socket cannot be read, its commands run here.
        run = run_cli if kind == "fifo" else functools.partial(run_cli_here, text=False)
        for named in (name, f"c/{name}"):  # by its file name, by its path
            argv = ["attr", "set", named, "place=x"] if command[0] == "attr" else [*command, named]
            done = run(*argv, "--db", db, "--corpus", corpus, cwd=tmp_path)
            assert done.returncode == 2
            assert done.stdout == b""
            assert done.stderr == f"tui-reader: {named}: is {what}, not a document\n".encode()


def test_an_empty_output_file_name_is_refused_not_taken_for_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export -o "$OUT"`` with OUT unset wrote the export to standard output (a terminal, or
    the pipe a script gave) and exited 0, where the script meant a file: an empty -o names no
    file and is refused, as an empty --tag is; '-' stays standard output."""
    from tui_reader.cli.main import main

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("some words\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(tmp_path / "c")]
    assert main(["annotate", "a.txt", "--quote", "some", "--tag", "x", *where]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(["export", "-o", "", *where])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "-o" in err and "names no file" in err
    assert main(["export", "-o", "-", *where]) == 0
    assert "some" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_a_speaker_s_direction_override_passes_the_export_gate(tmp_path: Path, fmt: str) -> None:
    # Subtitles whose speaker's name holds a direction override (U+202E): the export wrote
    # it raw in each passage's place (Markdown's "[00:00:01] Ana...", CSV's speaker column),
    # the rest of the line shown reversed on a terminal or in an editor, where the quotes
    # and every other field pass the export gate (a replacement character).
    corpus = tmp_path / "c"
    corpus.mkdir()
    cues = "".join(
        f"00:00:0{n}.000 --> 00:00:0{n}.900\n<v {who}>Hello {n}.\n\n"
        for n, who in enumerate(["Ana\u202eLOPEZ", "Bob"] * 2, start=1)
    )
    (corpus / "talk.vtt").write_text(f"WEBVTT\n\n{cues}", encoding="utf-8")
    db = tmp_path / "db.json"
    args = ("autocode", "Hello", "--tag", "h", "--corpus", corpus, "--db", db)
    made = run_cli_here(*args, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    export = run_cli_here("export", corpus, "--db", db, "--format", fmt, cwd=tmp_path, text=False)
    assert export.returncode == 0, export.stderr
    assert_clean(export.stdout)
    assert "Ana\ufffdLOPEZ".encode() in export.stdout and export.stdout.count(b"Hello") == 4


@pytest.mark.parametrize("fmt", ["csv", "json", "w3c", "markdown", "project"])
def test_a_coder_s_name_holding_controls_passes_the_export_gate(tmp_path: Path, fmt: str) -> None:
    # A coder named with a C1 control (U+009B, a terminal's CSI) and a direction override, as
    # a REFI-QDA project's user brought it in: the export wrote the name raw in each
    # passage's coder, where every other field passes the export gate.
    (tmp_path / "a.txt").write_text("Some text here.\n", "utf-8")
    db = tmp_path / "annotations.json"
    args = ("annotate", "a.txt", "--quote", "text", "--tag", "t", "--db", db)
    assert run_cli_here(*args, "--corpus", tmp_path, cwd=tmp_path).returncode == 0
    data = json.loads(db.read_text("utf-8"))
    for record in data["annotations"].values():
        record["coder"] = "ro\x9bot\u202e"
    db.write_text(json.dumps(data), "utf-8")
    export = run_cli_here("export", tmp_path, "--db", db, "-f", fmt, cwd=tmp_path, text=False)
    assert export.returncode == 0, export.stderr
    assert_clean(export.stdout)
    assert b"text" in export.stdout
