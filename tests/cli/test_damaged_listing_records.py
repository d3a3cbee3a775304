"""memo list, attr list and history on a database edited by hand: a record they cannot read
is said in one line naming the database and the record, the rest is listed, and the command
exits 2 (it left the record out, or printed its number or null as text, and exited 0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui_reader.cli.main import main


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A corpus of two texts, each with a memo and attributes, and a history of steps."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text("The army moved.\n", "utf-8")
    db = tmp_path / "db.json"
    common = ["--corpus", str(corpus), "--db", str(db)]
    for name in ("a.txt", "b.txt"):
        assert main(["memo", "add", "--doc", name, f"memo of {name}", *common]) == 0
        assert main(["attr", "set", name, "year=2020", *common]) == 0
    capsys.readouterr()
    return corpus, db


def _damage(db: Path, table: str, change: dict[str, Any]) -> None:
    """The first record of ``table`` with the fields of ``change`` (None: removed)."""
    data = json.loads(db.read_text("utf-8"))
    first = sorted(data[table], key=int)[0]
    record = data[table][first] | change
    data[table][first] = {k: v for k, v in record.items() if v is not None}
    db.write_text(json.dumps(data), "utf-8")


def _damaged_codebook(
    db: Path, capsys: pytest.CaptureFixture[str], change: dict[str, Any]
) -> bytes:
    """Codes fear and hope set, the first record (fear's) then given ``change``; the
    database's bytes so damaged."""
    for name in ("fear", "hope"):
        assert main(["tags", "set", name, "--description", f"of {name}", "--db", str(db)]) == 0
    capsys.readouterr()
    _damage(db, "tags", change)
    return db.read_bytes()


@pytest.mark.parametrize(
    "change", [{"kind": "sketch"}, {"kind": None}, {"text": 5}, {"created": None, "id": 3}]
)
def test_memo_list_says_a_damaged_memo(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], change: dict[str, Any]
) -> None:
    corpus, db = database
    _damage(db, "memos", change)
    before = db.read_bytes()
    assert main(["memo", "list", "--corpus", str(corpus), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert "memo of b.txt" in out and "a.txt" not in out  # the rest listed
    assert err.count("\n") == 1
    assert f"{db}: memo record 1 is unreadable" in err
    assert db.read_bytes() == before  # left as it was


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"values": ["year", 2020]}, "its values are not an object"),
        ({"document": 7}, "no document"),
        ({"values": {"year": 2020, "place": {"city": "X"}}}, "the value of 'place'"),
    ],
)
def test_attr_list_says_damaged_attributes(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], change: dict[str, Any],
    said: str,
) -> None:  # fmt: skip
    corpus, db = database
    _damage(db, "attributes", change)
    assert main(["attr", "list", "--corpus", str(corpus), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert "b.txt  year=2020" in out
    assert err.count("\n") == 1
    assert f"{db}: attributes record 1 is unreadable" in err and said in err


def test_history_says_a_damaged_step(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, db = database
    _damage(db, "history", {"label": 5, "origin": None, "when": 3})
    assert main(["history", "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert "attr set b.txt" in out and "[None]" not in out and "  5  " not in out
    assert err.count("\n") == 1
    assert f"{db}: history record 1 is unreadable" in err


def test_whole_records_list_with_exit_0(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = database
    where = ["--corpus", str(corpus), "--db", str(db)]
    assert main(["memo", "list", *where]) == 0
    assert main(["attr", "list", *where]) == 0
    assert main(["history", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"name": None}, "it has no name"),
        ({"name": ["fear"]}, "its name is no text"),
        ({"name": " / "}, "its name names no code"),
    ],
)
@pytest.mark.parametrize("tree", [[], ["--tree"]])
def test_tags_says_a_damaged_codebook_record(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], change: dict[str, Any],
    said: str, tree: list[str],
) -> None:  # fmt: skip
    """tags left a record without a name out without a word and listed a name that is no
    text as a code, both with exit 0.  (A name 5 is the code "5", as a passage's code 5 is.)"""
    _, db = database
    before = _damaged_codebook(db, capsys, change)
    assert main(["tags", "list", *tree, "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert "hope" in out and "fear" not in out
    assert err.count("\n") == 1
    assert f"{db}: codebook record 1 is unreadable ({said})" in err
    assert db.read_bytes() == before  # left as it was


@pytest.mark.parametrize("as_written", [True, False])
def test_history_says_a_step_whose_changes_are_damaged(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], as_written: bool
) -> None:
    """history listed a step whose changes were edited into no list of changes as any other
    and exited 0; only undo said it was damaged.  ``as_written``: the file as the store lays
    it out (each step's changes not parsed to list it), else rewritten whole."""
    _, db = database
    assert main(["history", "--db", str(db)]) == 0
    steps = capsys.readouterr().out.count("\n")
    history = json.loads(db.read_text("utf-8"))["history"]
    damaged = min(
        (
            k
            for k, step in history.items()
            if step["changes"][0][0] == "attributes" or not as_written
        ),
        key=int,
    )  # the first step setting attributes (the text changed below), else the first step
    if as_written:
        text = db.read_text("utf-8")
        entry = '"changes": [["attributes", "1", null, '
        assert entry in text
        db.write_text(text.replace(entry, '"changes": [["attributes", "1", ', 1), "utf-8")
    else:
        _damage(db, "history", {"changes": 5})
    before = db.read_bytes()
    assert main(["history", "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert out.count("\n") == steps  # each step listed
    assert err == (
        f"tui-reader: {db}: history record {damaged} is damaged (its changes cannot be read): undo "
        "cannot take that step back\n"
    )
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"description": 5}, "its description is no text (5)"),
        ({"description": True}, "its description is no text (true)"),
        ({"color": 5}, "its colour is no text (5)"),
        ({"color": ["red"]}, 'its colour is no text (["red"])'),
    ],
)
def test_tags_says_a_colour_or_description_that_is_no_text(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], change: dict[str, Any],
    said: str,
) -> None:  # fmt: skip
    """A codebook record whose description or colour was edited into a number (true, a
    list) was listed with "5" ("True", "['red']") as its description or colour, exit 0.  The code is
    listed without it, a line says the record, and the command exits 2."""
    _, db = database
    before = _damaged_codebook(db, capsys, change)
    assert main(["tags", "list", "--json", "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    listed = {tag["name"]: tag for tag in json.loads(out)}
    assert set(listed) == {"fear", "hope"}
    field = next(iter(change))
    assert listed["fear"][field] == "" and listed["hope"]["description"] == "of hope"
    assert err.count("\n") == 1
    assert f"{db}: codebook record 1 ('fear'): {said}; listed without it" in err
    assert db.read_bytes() == before  # left as it was


@pytest.mark.parametrize(
    ("record", "said"),
    [
        ({"x": 1}, "it holds none of a step's label, time and changes"),
        ({"label": 5, "changes": []}, "its label, command or time is no text"),
        ({"label": "a", "when": "yesterday", "changes": []}, 'its time is no date ("yesterday")'),
        (
            {"label": "a", "changes": [], "undone": "yes"},
            'its undo mark is neither null nor a number ("yes")',
        ),
        (
            {"label": "a", "changes": [], "undone": True},
            "its undo mark is neither null nor a number (true)",
        ),
    ],
)
def test_undo_and_redo_pass_over_an_unreadable_step(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], record: dict[str, Any],
    said: str,
) -> None:  # fmt: skip
    """A step made by hand as the newest, {"x": 1}: undo said "Undone: ." and marked it
    undone, redo "Redone: .", history listed it as "0 annotations  []" with exit 0; a label
    5 was not listed, yet undone ("Undone: 5."); a time that is no date listed, an undo
    mark true redone.  Each is said unreadable, and undo and redo take the step before it."""
    corpus, db = database
    data = json.loads(db.read_text("utf-8"))
    newest = max(map(int, data["history"]))
    bad = str(newest + 1)
    data["history"][bad] = record
    db.write_text(json.dumps(data), "utf-8")
    where = ["--db", str(db)]
    assert main(["history", *where]) == 2
    out, err = capsys.readouterr()
    assert err == f"tui-reader: {db}: history record {bad} is unreadable ({said})\n"
    assert out.split()[0] == str(newest)  # the newest step listed is the one before
    assert main(["undo", bad, *where]) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: history record {bad} is unreadable ({said}): undo cannot take it back; "
        "nothing was changed\n"
    )
    assert main(["undo", *where]) == 0
    assert capsys.readouterr().err == "tui-reader: Undone: set attribute year of corpus/b.txt.\n"
    assert main(["attr", "list", "--corpus", str(corpus), *where]) == 0
    assert "b.txt" not in capsys.readouterr().out
    assert main(["undo", "--redo", *where]) == 0
    assert capsys.readouterr().err == "tui-reader: Redone: set attribute year of corpus/b.txt.\n"
    assert json.loads(db.read_text("utf-8"))["history"][bad] == record  # kept as it was


@pytest.mark.parametrize("key", ["newest", "x"])
def test_a_record_not_laid_out_as_a_step_is_not_read_as_part_of_the_one_before(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str], key: str
) -> None:
    """A record written by hand after the last step, its label not first ({"x": 1, "undone":
    5}), was read as the end of that step when the history was read without its changes
    parsed: history listed that step as undone and its changes damaged, and undo said
    "nothing to undo"; under a key that is no number the same."""
    _, db = database
    data = json.loads(db.read_text("utf-8"))
    newest = max(map(int, data["history"]))
    last = data["history"][str(newest)]["label"]
    bad = str(newest + 1) if key == "newest" else key
    data["history"][bad] = {"x": 1, "undone": 5}
    _laid_out(db, data)
    where = ["--db", str(db)]
    assert main(["history", *where]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines()[0].split()[0] == str(newest)
    assert "(undone)" not in out
    said = "its id is no number" if key == "x" else "it holds none of a step's label, time and"
    assert err.startswith(f"tui-reader: {db}: history record {bad} is unreadable ({said}")
    assert err.count("\n") == 1
    assert main(["undo", *where]) == 0
    assert capsys.readouterr().err == f"tui-reader: Undone: {last}.\n"


def _laid_out(db: Path, data: dict[str, Any]) -> None:
    """``data`` written to ``db`` as the store lays it out: a table a line, each step's label
    first (its history read without parsing the steps' changes)."""
    tables = (f"{json.dumps(name)}: {json.dumps(table)}" for name, table in data.items())
    db.write_text("{\n" + ",\n".join(tables) + "\n}\n", "utf-8")


@pytest.mark.parametrize("as_written", [True, False])
@pytest.mark.parametrize(
    "record",
    [
        {"x": 1},
        {"label": 5, "changes": []},
        {"label": "a", "changes": [], "undone": "yes"},
        {"label": "a", "changes": [], "undone": True},
    ],
)
def test_an_unreadable_step_record_is_kept_as_steps_are_made_past_the_bounds(
    database: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, record: dict[str, Any], as_written: bool,
) -> None:  # fmt: skip
    """A record with an undo mark "yes" or true was deleted by the next step made, as an undone
    step is (it can no longer be redone); {"x": 1} or a label 5, counted as a step, once more
    steps than the history keeps were made after it.  It is kept as it is, no step.
    ``as_written``: the file laid out as the store writes it, else as one line."""
    from tui_reader.core.store import history

    monkeypatch.setattr(history, "MAX_STEPS", 2)
    _, db = database
    data = json.loads(db.read_text("utf-8"))
    bad = str(max(map(int, data["history"])) + 1)
    data["history"][bad] = record
    if as_written:
        _laid_out(db, data)
    else:
        db.write_text(json.dumps(data), "utf-8")
    for name in ("one", "two", "three"):
        assert main(["tags", "set", name, "--db", str(db)]) == 0
    capsys.readouterr()
    history_now = json.loads(db.read_text("utf-8"))["history"]
    assert history_now[bad] == record
    assert len([k for k in history_now if k.isdecimal()]) == 3  # two steps and the record
    assert main(["history", "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == [str(int(bad) + 3), str(int(bad) + 2)]
    assert err.endswith(f"history record {bad} is unreadable ({_said(record)})\n")


def _said(record: dict[str, Any]) -> str:
    if "x" in record:
        return "it holds none of a step's label, time and changes"
    if record.get("label") == 5:
        return "its label, command or time is no text"
    return f"its undo mark is neither null nor a number ({json.dumps(record['undone'])})"
