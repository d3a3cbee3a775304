"""``tags rename`` in a command finds the annotations carrying the code by a search of their
table's line (the annotations' 68 MB at 100,000 passages, parsed whole for it before), and
the names of the codes in use from each record's list of codes alone: the file written, and
what is said, are those of the table parsed whole, whatever the line holds; a line that may
spell a name otherwise (an escape, a list not written as the store writes it) is parsed."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from helpers.counting import arguments_after_self
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.hostile import run_cli_here
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.store import history, tag_edits
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.snapshot import SnapshotTables, _code_lists, _escapes_one_of

NOW = "2026-01-01T00:00:00Z"
CODES = ["t", "t/x", "T", "T/y", "s", "é/t", "tt", "t x"]
NOTES = ["", '"t"', 'say "t/x', "\\u0074", 'x"tags', "\\", "t/"]
# Byte edits of one record, as a hand might make them: a code escaped, a list not written as
# the store writes it, a field of the wrong kind, a "tags" twice, a note naming the code
EDITS = [
    (b"", b""),
    (b'"t"', b'"\\u0074"'),
    (b'"t/x"', b'"t\\/x"'),
    (b'"tags": ["t"]', b'"tags": "t"'),
    (b'"tags": [', b'"tags":['),
    (b'"tags": [', b'"tags": ["t"], "tags": ['),
    (b'"start": ', b'"start": "1", "x": '),
    (b'"note": "', b'"note": "\\"t\\" '),
    (b'"note": "', b'"note": "\\\\u0074 '),
    (b'"revision": ', b'"revision": -'),
]


def _database(
    path: Path, tags: list[tuple[str, ...]], notes: list[str], codebook: list[str]
) -> None:
    path.parent.mkdir(parents=True)
    with AnnotationStore(path) as store:
        store.put_many(
            [
                Annotation(document="a.txt", start=n, end=n + 2, quote="ab", tags=codes, note=note)
                for n, (codes, note) in enumerate(zip(tags, notes, strict=True))
            ]
        )
        for name in codebook:
            store.set_tag(Tag(name=name))


def _edited(path: Path, record: int, edit: tuple[bytes, bytes]) -> None:
    """``edit`` made in the annotations' record number ``record`` (counted from 0)."""
    lines = path.read_bytes().split(b"\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(b'"annotations": '))
    parts = lines[at].split(b'}, "')
    part = min(record, len(parts) - 1)
    parts[part] = parts[part].replace(*edit)
    lines[at] = b'}, "'.join(parts)
    path.write_bytes(b"\n".join(lines))


def _renamed(folder: Path, old: str, new: str, action: str) -> tuple[int, str, str, bytes]:
    names = [old] if action == "delete" else [old, new]
    done = run_cli_here("tags", action, *names, "--db", "annotations.json", cwd=folder)
    written = (folder / "annotations.json").read_bytes().replace(str(folder).encode(), b"D")
    # (the times of the step and of the passages changed: the clock's)
    written = re.sub(rb'"20[0-9-]{8}T[0-9:]{8}(?:\.[0-9]+)?Z"', b'"T"', written)
    return done.returncode, done.stdout, done.stderr, written


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_rename_writes_and_says_what_it_did_with_the_annotations_parsed(
    monkeypatch: pytest.MonkeyPatch, data: st.DataObject
) -> None:
    monkeypatch.setattr(history, "utc_now", lambda: NOW)
    monkeypatch.setattr(tag_edits, "utc_now", lambda: NOW)
    count = data.draw(st.integers(1, 6))
    tags = data.draw(
        st.lists(
            st.lists(st.sampled_from(CODES), max_size=2, unique=True).map(tuple),
            min_size=count,
            max_size=count,
        )
    )
    notes = data.draw(st.lists(st.sampled_from(NOTES), min_size=count, max_size=count))
    codebook = data.draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))
    if data.draw(st.booleans()):  # every code in use in the codebook, as the app keeps it
        codebook += [
            c for c in dict.fromkeys(c for codes in tags for c in codes) if c not in codebook
        ]
    edit = data.draw(st.sampled_from(EDITS))
    record = data.draw(st.integers(0, count - 1))
    old = data.draw(st.sampled_from(codebook or CODES) | st.sampled_from(CODES))
    new = data.draw(st.sampled_from(["u", "t/z", "T/w", "s", "é/u"]))
    # (a merge and a delete find them so too)
    action = data.draw(st.sampled_from(["rename", "merge", "delete"]))
    with tempfile.TemporaryDirectory() as scratch:
        first, second = Path(scratch) / "a", Path(scratch) / "b"
        _database(first / "annotations.json", tags, notes, codebook)
        _edited(first / "annotations.json", record, edit)
        second.mkdir()
        (second / "annotations.json").write_bytes((first / "annotations.json").read_bytes())
        alone = _renamed(first, old, new, action)
        with monkeypatch.context() as patch:  # the way before: the line parsed whole
            patch.setattr(SnapshotTables, "code_records_alone", lambda *_: None)
            as_before = _renamed(second, old, new, action)
    assert alone[:3] == (as_before[0], as_before[1], as_before[2].replace("/b/", "/a/"))
    assert alone[3] == as_before[3]


def test_a_rename_in_a_command_reads_the_annotations_carrying_the_code_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename of a code on 3,975 of the bench's 100,000 passages parsed all their 68 MB
    (0.8 s of 1.6): only the records the code's name is found in are, and the file is
    written around them."""
    path = tmp_path / "db" / "annotations.json"
    _database(path, [("t",), (), ("t/x", "s"), ("s",)], ["", "", "", '"t"'], ["t", "t/x", "s"])
    parsed = arguments_after_self(monkeypatch, SnapshotTables, "_parse")
    done = run_cli_here("tags", "rename", "t", "u", "--db", path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "on 2 annotations" in done.stdout
    assert "annotations" not in parsed
    monkeypatch.undo()
    written = json.loads(path.read_bytes())
    assert [r["tags"] for r in written["annotations"].values()] == [["u"], [], ["u/x", "s"], ["s"]]
    assert re.search(rb'"label": "rename tag t', path.read_bytes())


@pytest.mark.parametrize(
    ("names", "said", "tags"),
    [
        (["merge", "t", "s"], "on 2 annotations", [["s"], [], ["s/x", "s"], ["s"]]),
        (["delete", "t"], "and 2 annotations", [[], [], ["s"], ["s"]]),
    ],
)
def test_a_merge_or_a_delete_in_a_command_reads_the_annotations_carrying_the_code_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: list[str], said: str,
    tags: list[list[str]],
) -> None:  # fmt: skip
    """A merge or a delete of a code of the bench's database parsed all 100,000 passages
    (68 MB) where a rename read those carrying the code alone."""
    path = tmp_path / "db" / "annotations.json"
    _database(path, [("t",), (), ("t/x", "s"), ("s",)], ["", "", "", '"t"'], ["t", "t/x", "s"])
    parsed = arguments_after_self(monkeypatch, SnapshotTables, "_parse")
    done = run_cli_here("tags", *names, "--db", path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert said in done.stdout
    assert "annotations" not in parsed
    monkeypatch.undo()
    written = json.loads(path.read_bytes())
    assert [r["tags"] for r in written["annotations"].values()] == tags


# pieces of a line on which a count of "tags" and the search for the lists after them could
# disagree: a "tags" sharing its quote with another, in a list, not followed by one
TAG_PIECES = st.sampled_from(
    [b'"tags"', b'"tags": [', b": [", b'tags"', b'"', b"]", b'"a"', b", ", b"[", b"x"]
)


def _lists_as_before(line: bytes) -> set[bytes] | None:
    """The lists of codes as a rename found them before they were found in one pass: the
    lists after '"tags": ', taken when there were as many as '"tags"' counted."""
    lists = re.findall(rb'"tags": (\[[^\]]*\])', line)
    return set(lists) if len(lists) == line.count(b'"tags"') else None


@settings(max_examples=1000, deadline=None)
@given(st.lists(TAG_PIECES, max_size=12))
def test_the_lists_of_codes_found_in_one_pass_are_those_found_by_a_count_and_a_search(
    pieces: list[bytes],
) -> None:
    """A rename takes the lists of codes of a line found in one pass only where the count
    of '"tags"' and the search of the lists after them took the same lists; and it takes
    them wherever those did, but on a line where a "tags" shares its quote with the one
    before ('"tags"tags"', no JSON: the line is then parsed whole, as it says)."""
    line = b"".join(pieces)
    found = _code_lists(line)
    before = _lists_as_before(line)
    if found is not None:
        assert found == before
    elif before is not None:
        assert b'"tags"tags"' in line


def _escapes_as_before(value: bytes, characters: set[str]) -> bool:
    """A '\\/' looked for, then each '\\u' by a search of its own, as before."""
    if b"\\/" in value:
        return True
    at = value.find(b"\\u")
    while at >= 0:
        run = at
        while run > 0 and value[run - 1] == 0x5C:
            run -= 1
        if (at - run) % 2 == 0:
            hexes = value[at + 2 : at + 6]
            if len(hexes) != 4 or not all(c in b"0123456789abcdefABCDEF" for c in hexes):
                return True
            if chr(int(hexes, 16)) in characters:
                return True
        at = value.find(b"\\u", at + 2)
    return False


ESCAPE_PIECES = st.sampled_from(
    [b"\\", b"u", b"/", b"0074", b"0061", b"00e9", b"00E9", b"zz", b"t", b'"', b"x", b"\\u"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(ESCAPE_PIECES, max_size=14), st.sampled_from(["t", "tags", "x/é", ""]))
def test_escapes_found_in_one_pass_are_those_found_a_search_at_a_time(
    pieces: list[bytes], code: str
) -> None:
    """A line is parsed whole for a rename when it may spell a character of the code or of
    "tags" escaped, or holds a '\\/': found in one pass as by a search for each."""
    line = b"".join(pieces)
    characters = set(code) | set("tags")
    assert _escapes_one_of(line, characters) == _escapes_as_before(line, characters)
