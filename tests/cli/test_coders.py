"""Every way of annotating from the command line records the coder, and exports carry it."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from helpers.app_start import app_starts

from tui_reader.cli.main import main
from tui_reader.core.display import shown
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import resolve_coder

FIRST = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def here(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path beside docs_corpus/ with a fresh annotations.json, as a user would."""
    monkeypatch.chdir(corpus_copy.parent)
    monkeypatch.delenv("TUI_READER_DB", raising=False)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    return corpus_copy.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def coders(here: Path) -> dict[str, str]:
    """annotation id -> coder, as stored."""
    with AnnotationStore(here / "annotations.json") as store:
        return {a.id: a.coder for a in store.annotations()}


def test_annotate_records_the_flag_else_the_environment(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    by_flag = run(
        capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana"
    )
    monkeypatch.setenv("TUI_READER_CODER", "ben")
    by_env = run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x")
    assert coders(here) == {by_flag.strip(): "ana", by_env.strip(): "ben"}


def test_a_bad_coder_name_is_one_line_on_stderr(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["annotate", FIRST, "--start", "0", "--end", "6", "--coder", "\x1b\x07"])
    err = capsys.readouterr().err
    assert status == 2 and "cannot be part of a coder name" in err and "\x1b" not in err
    assert err.count("\n") == 1


def test_autocode_codes_as_the_coder_and_leaves_other_coders_passages_alone(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana")
    assert run(capsys, "autocode", "Pentagon plan", "-t", "y", "--coder", "ben").strip() == "1"
    with AnnotationStore(here / "annotations.json") as store:
        found = {a.coder: a.tags for a in store.annotations()}
        assert store.get(ana.strip()).tags == ("x",)  # type: ignore[union-attr]
    assert found == {"ana": ("x",), "ben": ("y",)}
    # Ben's second run adds to his own passage instead of making another.
    assert run(capsys, "autocode", "Pentagon plan", "-t", "z", "--coder", "ben").strip() == "1"
    assert sorted(coders(here).values()) == ["ana", "ben"]


def test_exports_carry_the_coder_and_import_keeps_it(
    here: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana")
    [record] = json.loads(run(capsys, "export", "--format", "json"))
    assert record["coder"] == "ana"
    rows = list(
        csv.DictReader(io.StringIO(run(capsys, "export", "--format", "csv").lstrip("\ufeff")))
    )
    assert [r["coder"] for r in rows] == ["ana"]
    w3c = json.loads(run(capsys, "export", "--format", "w3c"))
    assert w3c["first"]["items"][0]["creator"] == {"type": "Person", "name": "ana"}
    exported = tmp_path / "ana.jsonld"
    exported.write_text(json.dumps(w3c))
    other = here / "other.json"
    run(capsys, "import", str(exported), "--db", str(other), "--coder", "ben")
    with AnnotationStore(other) as store:
        assert [a.coder for a in store.annotations()] == ["ana"]  # the file names its coder


def test_import_gives_unattributed_annotations_to_the_importing_coder(
    here: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana")
    records = json.loads(run(capsys, "export", "--format", "json"))
    del records[0]["coder"]  # as another tool would write it
    source = tmp_path / "plain.json"
    source.write_text(json.dumps(records))
    other = here / "other.json"
    run(capsys, "import", str(source), "--db", str(other), "--coder", "ben")
    with AnnotationStore(other) as store:
        assert [a.coder for a in store.annotations()] == ["ben"]


def test_qdpx_names_each_coder_as_a_user(
    here: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "y", "--coder", "ben")
    target = tmp_path / "p.qdpx"
    run(capsys, "export", "--format", "qdpx", "-o", str(target))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(target) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", ns)}
    assert {"ana", "ben"} <= set(users.values())
    selections = root.findall(".//q:PlainTextSelection", ns)
    by_quote = {s.get("startPosition"): users[s.get("creatingUser")] for s in selections}
    assert sorted(by_quote.values()) == ["ana", "ben"]
    for coding in root.findall(".//q:Coding", ns):
        assert users[coding.get("creatingUser")] in {"ana", "ben"}


def test_coders_lists_counts_and_names_the_default_coder(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x", "--coder", "ben")
    run(capsys, "annotate", FIRST, "--start", "7", "--end", "9", "-t", "x", "--coder", "ben")
    assert json.loads(run(capsys, "coders", "--json")) == [
        {"coder": "ana", "annotations": 1},
        {"coder": "ben", "annotations": 2},
    ]
    assert main(["coders", "--default", "Ana María"]) == 0
    out, err = capsys.readouterr()
    assert out == "1  ana\n2  ben\n"  # a coder a line, the note on stderr
    assert err == "tui-reader: annotations recorded without a coder are Ana María's\n"


def test_a_coder_name_recorded_otherwise_than_typed_is_said(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["coders", "--default", "b" * 70]) == 0
    assert "is longer than 64 characters, and is cut" in capsys.readouterr().err
    monkeypatch.setenv("TUI_READER_CODER", "  ben  ")  # white space trimmed: nothing to say
    assert main(["annotate", FIRST, "--start", "7", "--end", "12", "-t", "x"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("flag", "env", "said"),
    [
        (
            [],
            "b" * 70,
            f"the coder name '{'b' * 70}' ($TUI_READER_CODER) is longer than 64 characters, "
            f"and is cut: the coder is '{'b' * 64}'",
        ),
    ],
)
def test_the_app_shows_a_coder_name_recorded_otherwise_than_typed(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag: list[str],
    env: str | None,
    said: str,
) -> None:
    """A coder name cut said so on stderr, which the app's full screen hid: the whole
    session was coded under the cut name with nothing shown.  The app is given the
    line to show as it starts, and stderr stays empty."""
    starts = app_starts(monkeypatch)
    if env is not None:
        monkeypatch.setenv("TUI_READER_CODER", env)
    assert main(flag) == 0
    assert [(start.coder, start.settings_said) for start in starts] == [
        (said.rsplit("'", 2)[1], [said])
    ]
    assert capsys.readouterr().err == ""


def test_the_default_coder_note_is_said_only_when_it_tells_something(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every annotation named its coder, yet each listing ended in "(annotations recorded
    # without a coder are ana's)": a reader looked for passages that were nobody's.
    run(capsys, "annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "ana")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x", "--coder", "ben")
    assert run(capsys, "coders") == "1  ana\n1  ben\n"
    data = json.loads((here / "annotations.json").read_text())
    for record in data["annotations"].values():
        if record["coder"] == "ben":  # as a database written before coders were recorded
            del record["coder"]
    (here / "annotations.json").write_text(json.dumps(data))
    assert main(["coders"]) == 0
    out, err = capsys.readouterr()
    default = data["meta"]["2"]["default_coder"]
    # a coder a line for a script (coders | while read n name): the note was a line more
    assert len(out.splitlines()) == len({"ana", default}) and "without" not in out
    assert err == f"tui-reader: the 1 annotation recorded without a coder is {default}'s\n"


def test_annotations_of_no_coder_in_a_database_naming_none_are_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database written before coders, in a folder the user may not write (no default
    # coder can be named in it), was listed as "1  " and a blank name.
    from tui_reader.core.annotations.model import make_annotation

    record = make_annotation("d.txt", "hello world", 0, 5, "").to_record()
    del record["coder"]
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "old.json"
    db.write_text(json.dumps({"annotations": {"1": record}, "meta": {"1": {"schema_version": 1}}}))
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)).parent == folder.parent and mode & os.W_OK:  # root ignores modes
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    assert run(capsys, "coders", "--db", str(db)) == "1  (no coder named)\n"


def test_coders_rename_gives_an_imported_account_the_persons_name(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Annotations imported from Hypothesis before its accounts were read as users kept the
    coder acct:ana@hypothes.is, and importing the file again left them so (unchanged): no
    command named the coder otherwise."""
    account = "acct:ana@hypothes.is"
    for start, coder in ((0, account), (10, account), (20, "ana")):
        where = ("--start", str(start), "--end", str(start + 5), "-t", "x")
        run(capsys, "annotate", FIRST, *where, "--coder", coder)
    out = run(capsys, "coders", "rename", "ACCT:ana@hypothes.is", "ana")
    assert (
        out
        == f"renamed coder {account!r} to 'ana' on 2 annotations ('ana' had coded already: one coder now)\n"
    )
    assert set(coders(here).values()) == {"ana"}
    assert run(capsys, "coders") == "3  ana\n"
    status = main(["coders", "rename", "zed", "ben"])
    err = capsys.readouterr().err
    assert status != 0 and "no coder named 'zed'" in err and "'ana'" in err
    assert err.count("\n") == 1
    run(capsys, "undo")
    assert sorted(coders(here).values()) == [account, account, "ana"]
    out = run(capsys, "coders", "rename", account, "Ana")  # ana's, in another case
    assert out.startswith(f"renamed coder {account!r} to 'ana' on 2 annotations")
    assert (
        run(capsys, "coders", "rename", "ana", "Ana")
        == "renamed coder 'ana' to 'Ana' on 3 annotations\n"
    )


# Where a coder name is given (NAME in the command, or $TUI_READER_CODER), and how the
# refusal names the place
NAME_GIVEN = [
    (["annotate", FIRST, "--quote", "Pentagon plan", "-t", "x", "--coder", "NAME"], "--coder"),
    (["coders", "--default", "NAME"], "--default"),
    (["coders", "rename", "ana", "NAME"], "rename"),
    (["--coder", "NAME"], "--coder"),  # the app
    (["annotate", FIRST, "--quote", "Pentagon plan", "-t", "x"], "$TUI_READER_CODER"),
]


@pytest.mark.parametrize("name", ["ana\nben", "ana\rben", "ana\tben", "ana\x1b[31m", "ana\u202e"])
@pytest.mark.parametrize(
    ("command", "source"),
    [
        *NAME_GIVEN,
        (["merge", "other.json", "--other-coder", "NAME"], "--other-coder"),
        ([], "$TUI_READER_CODER"),  # the app
    ],
)
def test_a_coder_name_holding_a_control_character_is_refused(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    source: str,
    name: str,
) -> None:
    """``--coder $'ana\\nben'`` was recorded as 'ana ben' without a word (a line feed is white
    space), and an escape sequence's ESC left out: the coding filed under a name nobody
    typed.  It is refused in one line, as a code holding a control character is."""
    said = _refused(here, capsys, monkeypatch, command, source, name)
    assert said == (
        f"tui-reader: the coder name {shown(repr(name))} ({source}): a control character, line "
        "break or direction mark cannot be part of a coder name\n"
    )


@pytest.mark.parametrize(
    ("name", "said"),
    [("ana\u200bmaria", "a zero-width space, U+200B"), ("ana\u00admaria", "a soft hyphen, U+00AD")],
)
@pytest.mark.parametrize(
    ("command", "source"),
    NAME_GIVEN,
)
def test_a_coder_name_given_with_an_invisible_character_is_refused(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    source: str,
    name: str,
    said: str,
) -> None:
    """A coder name pasted with a zero-width space was recorded without it, said as "control
    characters (an escape sequence?)": it is refused, naming the character, as a code typed
    with one is.  (Looked up, a name holding one is taken: a colleague's file may bring one,
    and ``coders rename`` mends it.)"""
    assert _refused(here, capsys, monkeypatch, command, source, name) == (
        f"tui-reader: the coder name {shown(repr(name))} ({source}): an invisible character "
        f"({said}) cannot be part of a coder name: it would look like another\n"
    )


REFUSED = "a control character, line break or direction mark cannot be part of a coder name"


@pytest.mark.parametrize("name", ["b\nc", "b\tc", "b\x1b[31m", "b\u202e"])
@pytest.mark.parametrize(
    ("command", "source"),
    [
        (["agreement", "ana", "NAME"], "agreement"),
        (["agreement", "NAME", "ana"], "agreement"),
        (["query", "x", "--coder", "NAME"], "--coder"),
        (["report", "frequencies", "--coder", "ana", "--coder", "NAME"], "--coder"),
        (["coders", "rename", "NAME", "zed"], "rename"),
    ],
)
def test_a_coder_name_looked_up_holding_a_control_character_is_refused(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    source: str,
    name: str,
) -> None:
    """A coder looked up was cleaned first: ``agreement ana $'b\\nc'`` said "no annotations
    by 'b c'", a name nobody typed.  It is refused as ``--coder`` refuses it."""
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x", "--coder", "ana")
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "9", "-t", "x", "--coder", "b c")
    before = (here / "annotations.json").read_bytes()
    assert main([name if word == "NAME" else word for word in command]) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: the coder name {shown(repr(name))} ({source}): {REFUSED}\n"
    )
    assert (here / "annotations.json").read_bytes() == before


@pytest.mark.parametrize("name", ["ana\nben", "ana\x1b[31m", "\x1b\x07"])
@pytest.mark.parametrize(
    "command",
    [
        ["undo"],
        ["memo", "add", "--journal", "a note"],
        ["tags", "rename", "x", "y"],
        ["coders", "rename", "ana", "zed"],
        ["coders"],
        ["query", "x"],
    ],
)
def test_a_bad_environment_coder_is_refused_by_commands_taking_no_coder(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    name: str,
) -> None:
    """Commands taking no ``--coder`` record their changes under ``$TUI_READER_CODER``: one
    holding a line feed was recorded as 'ana ben', one of control characters alone passed
    over for the login name, without a word.  They refuse it as ``annotate`` does."""
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x", "--coder", "ana")
    before = (here / "annotations.json").read_bytes()
    monkeypatch.setenv("TUI_READER_CODER", name)
    assert main(command) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: the coder name {shown(repr(name))} ($TUI_READER_CODER): {REFUSED}\n"
    )
    assert (here / "annotations.json").read_bytes() == before
    # --coder given, the environment's name is not used: not refused
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "3", "-t", "x", "--coder", "ana")


def test_a_coder_named_in_a_query_is_shown_as_every_message_shows_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``coder:NAME`` naming no coder was said with a line feed shown as ⏎, where every other
    message (the refusal of ``--coder`` naming it, list) shows it as ␊."""
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x", "--coder", "ana")
    assert main(["query", 'x AND coder:"b\nc\x1b"']) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        "tui-reader: coder:b␊c␛: no passage is coded by 'b␊c␛' (coders here: ana)"
    )


@pytest.mark.parametrize("value", ["", "   "])
def test_a_blank_coder_name_in_the_environment_is_said(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """``TUI_READER_CODER=""`` (a script's ``TUI_READER_CODER=$CODER``, CODER unset) was passed
    over for the login name without a word, where one of spaces alone was said: the coding was
    filed under another name than the script meant."""
    login = resolve_coder(env={})
    monkeypatch.setenv("TUI_READER_CODER", value)
    assert main(["annotate", FIRST, "--start", "7", "--end", "12", "-t", "x"]) == 0
    err = capsys.readouterr().err
    what = "is empty" if not value else "has no visible characters"
    assert (
        f"tui-reader: the coder name {value!r} ($TUI_READER_CODER) {what}: the coder is {login!r}\n"
    ) in err
    assert set(coders(here).values()) == {login}


def _refused(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    source: str,
    name: str,
) -> str:
    """The line said when ``command`` (``NAME`` standing for ``name``, or ``name`` in
    ``$TUI_READER_CODER``) is refused, after asserting the refusal left the database as it was
    and started no app."""
    run(capsys, "annotate", FIRST, "--start", "0", "--end", "6", "-t", "x", "--coder", "ana")
    (here / "other.json").write_bytes((here / "annotations.json").read_bytes())
    before = (here / "annotations.json").read_bytes()
    starts = app_starts(monkeypatch)
    if source == "$TUI_READER_CODER":
        monkeypatch.setenv("TUI_READER_CODER", name)
    assert main([name if word == "NAME" else word for word in command]) == 2
    assert starts == []
    assert (here / "annotations.json").read_bytes() == before
    return capsys.readouterr().err
