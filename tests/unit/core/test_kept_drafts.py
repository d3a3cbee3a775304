"""The drafts kept when a signal stopped the app, found again for the database they were
typed for; a file that is no such draft named, another database's left out."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from helpers.threads import joined

from tui_reader.core.kept_drafts import LIMIT, KeptDraft, kept_drafts, memo_line


def _draft(folder: Path, name: str, db: Path | str, body: str = "Note:\nhalf a thought") -> Path:
    path = folder / name
    path.write_text(
        f"tui-reader was stopped by TERM with text typed, on 2026-01-02 03:04:05.\n"
        f"Database: {db}\nDocument open: a.txt\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_the_drafts_of_the_database_are_found_and_the_others_left_out(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    (tmp_path / "link.json").symlink_to(db)
    mine = _draft(tmp_path, "draft-1.txt", db)
    spelled = _draft(tmp_path, "draft-2.txt", tmp_path / "link.json", "Tags: border")
    _draft(tmp_path, "draft-3.txt", tmp_path / "other.json")
    drafts, problems = kept_drafts(tmp_path, db)
    assert problems == []
    assert [(d.path, d.text) for d in drafts] == [
        (mine, "Note:\nhalf a thought"),
        (spelled, "Tags: border"),
    ]
    assert drafts[0].stopped.startswith("stopped by TERM")


def test_a_file_that_is_no_draft_is_named_and_ignored(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    (tmp_path / "draft-1.txt").write_bytes(b"\x00\xff\xfe garbage")
    (tmp_path / "draft-2.txt").write_text("tui-reader was stopped by TERM\n", encoding="utf-8")
    big = _draft(tmp_path, "draft-3.txt", db, "x" * LIMIT)
    (tmp_path / "draft-4.txt").mkdir()  # a folder so named
    drafts, problems = kept_drafts(tmp_path, db)
    assert drafts == []
    assert problems[:3] == [
        f"{tmp_path / name}: not a draft tui-reader kept (damaged?); ignored"
        for name in ("draft-1.txt", "draft-2.txt", big.name)
    ]
    assert problems[3] == f"{tmp_path / 'draft-4.txt'}: is a folder, not a regular file; ignored"
    assert kept_drafts(tmp_path / "none", db) == ([], [])


def test_a_fifo_or_a_device_among_the_drafts_is_named_never_waited_on(tmp_path: Path) -> None:
    # A FIFO named draft-*.txt in the state folder held the app's start for good: a blank
    # screen, q unanswered (its open waited for a writer); a link to /dev/zero was read for
    # a megabyte of NUL bytes to be called "not a draft"
    db = tmp_path / "annotations.json"
    os.mkfifo(tmp_path / "draft-1.txt")
    (tmp_path / "draft-2.txt").symlink_to("/dev/zero")
    mine = _draft(tmp_path, "draft-3.txt", db)
    found: list[tuple[list[KeptDraft], list[str]]] = []
    looking = threading.Thread(target=lambda: found.append(kept_drafts(tmp_path, db)), daemon=True)
    looking.start()
    joined(looking, "looked for the drafts kept")
    drafts, problems = found[0]
    assert [d.path for d in drafts] == [mine]
    assert problems == [
        f"{tmp_path / 'draft-1.txt'}: is a FIFO (named pipe), not a regular file; ignored",
        f"{tmp_path / 'draft-2.txt'}: is a device, not a regular file; ignored",
    ]


def test_a_memo_draft_says_whose_memo_on_a_line_read_strictly(tmp_path: Path) -> None:
    """Any name goes on one line and comes back whole; a draft without the line (written
    before it was kept), or whose line is damaged, is no memo's (it opens read-only)."""
    db = tmp_path / "annotations.json"
    name = 'sub/odd "name"\nwith a line.txt'
    bodies = [
        f"{memo_line('document', name)}\nMemo: odd:\nhalf a memo\n\nmore",
        f"{memo_line('code', 'border')}\nMemo: border:\na code memo",
        "Memo: border:\na code memo",  # an older draft
        'Memo of the code "border\nMemo: border:\na code memo',  # the name cut
        'Memo of the journal "x"\nMemo: x:\ntext',
        'Memo of the code ""\nMemo: :\ntext',
    ]
    for number, body in enumerate(bodies):
        _draft(tmp_path, f"draft-{number}.txt", db, body)
    drafts, _ = kept_drafts(tmp_path, db)
    assert [d.memo() for d in drafts] == [
        ("document", name, "half a memo\n\nmore"),
        ("code", "border", "a code memo"),
        None,
        None,
        None,
        None,
    ]
    # what was typed, as the dialog showed it: the line saying whose memo is the app's
    assert [d.typed() for d in drafts[:3]] == [
        "Memo: odd:\nhalf a memo\n\nmore",
        "Memo: border:\na code memo",
        "Memo: border:\na code memo",
    ]


def test_a_draft_of_the_annotate_dialog_with_no_note_is_one_to_open_on_its_passage(
    tmp_path: Path,
) -> None:
    # Tags typed and no note: the draft ends "Note:" once its blank end is taken off, and was
    # taken for no annotate dialog's: offered back read-only, not on its passage to save.
    db = tmp_path / "annotations.json"
    for title, note in (("Annotate", ""), ("Edit annotation", ""), ("Annotate", "two\nlines")):
        typed = f"{title}: the border\npost\n\nTags: late, border\n\nNote:\n{note}"
        path = _draft(tmp_path, "draft-1.txt", db, typed)
        (draft,), _ = kept_drafts(tmp_path, db)
        assert draft.annotation() == ("the border\npost", "late, border", note)
        path.unlink()
