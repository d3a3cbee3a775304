"""What the export dialog was last asked for, kept for the next start: read back as written,
and a file of anything else (damaged, hand-edited, of another kind) leaves the defaults."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.threads import joined

from tui_reader.locations import export_choice_path
from tui_reader.ui.export_kept import Chosen, keep_export, kept_export

CHOICES = ("markdown", "csv")


def test_a_choice_kept_is_read_back(tmp_path: Path) -> None:
    where = tmp_path / "state" / "exports" / "p.json"
    chosen = Chosen("csv", "code", "política/frontera", str(tmp_path / "mine é.csv"))
    assert keep_export(where, chosen) is None
    assert kept_export(where, CHOICES) == chosen
    assert [p.name for p in where.parent.iterdir()] == ["p.json"]  # no part file left


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        b'{"choice": "pdf", "scope": "every", "code": "", "path": ""}',
        b'{"choice": "csv", "scope": "all", "code": "", "path": ""}',
        b'{"choice": "csv", "scope": "every", "code": 3, "path": ""}',
        b'{"choice": "csv", "scope": "every", "code": ""}',
        b'{"choice": ["csv"], "scope": "every", "code": "", "path": ""}',
    ],
)
def test_a_file_of_anything_else_leaves_the_defaults(tmp_path: Path, content: bytes) -> None:
    where = tmp_path / "p.json"
    where.write_bytes(content)
    assert kept_export(where, CHOICES) is None


def test_no_file_or_a_folder_leaves_the_defaults(tmp_path: Path) -> None:
    assert kept_export(tmp_path / "none.json", CHOICES) is None
    assert kept_export(tmp_path, CHOICES) is None


def test_a_fifo_or_a_device_in_its_place_is_never_waited_on(tmp_path: Path) -> None:
    # A FIFO in the choice's place held the app when the export dialog opened (E), for
    # good: its open waited for a writer; and one in the place of the part file written
    # held it as the export was asked for
    where = tmp_path / "p.json"
    os.mkfifo(where)
    os.mkfifo(where.with_name(f"{where.name}.{os.getpid()}.part"))
    elsewhere = tmp_path / "thesis.txt"
    elsewhere.write_text("Chapter one.\n", encoding="utf-8")
    linked = tmp_path / "q.json"
    linked.symlink_to("/dev/zero")
    os.symlink(elsewhere, linked.with_name(f"{linked.name}.{os.getpid()}.part"))
    chosen = Chosen("csv", "every", "", "")
    found: list[object] = []

    def look() -> None:
        found.extend([kept_export(where, CHOICES), kept_export(linked, CHOICES)])
        found.append(keep_export(where, chosen))
        found.append(keep_export(linked, chosen))

    looking = threading.Thread(target=look, daemon=True)
    looking.start()
    joined(looking, "read and kept the export's choices")
    assert found == [None, None, None, None]
    assert kept_export(where, CHOICES) == chosen == kept_export(linked, CHOICES)
    assert elsewhere.read_text(encoding="utf-8") == "Chapter one.\n"  # not written through


def test_a_folder_that_cannot_be_made_is_said_in_a_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    failed = keep_export(blocker / "exports" / "p.json", Chosen("csv", "every", "", ""))
    assert failed is not None
    assert "not kept for the next start" in failed
    assert "\n" not in failed


def test_each_database_has_its_own_file() -> None:
    env = {"XDG_STATE_HOME": "/state", "HOME": "/home/u"}
    one = export_choice_path(Path("/a/annotations.json"), env)
    two = export_choice_path(Path("/b/annotations.json"), env)
    assert one != two
    assert one.parent == Path("/state/tui-reader/exports")
