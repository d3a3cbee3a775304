"""The drafts the app keeps when a signal stops it over a dialog holding typed text
(``draft-TIME-PID.txt`` in the state folder, see ``ReaderApp._keep_typed``), found again at
the next start on the same database to be offered back, as vim offers its swap file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tui_reader.core.display import shown_name

STOPPED = "tui-reader was stopped by "  # the first line of a draft file
DATABASE = "Database: "  # its second line: the database the text was typed for
LIMIT = 2**20  # bytes: a draft is what was typed in one dialog; a bigger file is no draft


@dataclass(frozen=True)
class KeptDraft:
    path: Path
    stopped: str  # how and when the app was stopped ("stopped by TERM ..., on DATE.")
    text: str  # what was typed, as the file keeps it, under its head


def kept_drafts(folder: Path, db: Path) -> tuple[list[KeptDraft], list[str]]:
    """The drafts in ``folder`` kept for the database ``db``, oldest first, and a line for
    each draft file that cannot be read or is no draft the app wrote (ignored).  The drafts
    of another database are left out, unsaid."""
    try:
        paths = sorted(folder.glob("draft-*.txt"))
    except OSError:
        return [], []
    drafts: list[KeptDraft] = []
    problems: list[str] = []
    for path in paths:
        named = shown_name(str(path))
        try:
            with open(path, "rb") as file:
                data = file.read(LIMIT + 1)
        except OSError as exc:
            problems.append(f"{named}: cannot be read ({exc.strerror or exc}); ignored")
            continue
        head, blank, body = data.decode("utf-8", "replace").partition("\n\n")
        lines = head.split("\n")
        if (
            len(data) > LIMIT
            or not blank
            or len(lines) < 2
            or not lines[0].startswith(STOPPED)
            or not lines[1].startswith(DATABASE)
        ):
            problems.append(f"{named}: not a draft tui-reader kept (damaged?); ignored")
            continue
        if not _same_database(lines[1].removeprefix(DATABASE), db):
            continue
        stopped = lines[0].removeprefix("tui-reader was ").rstrip(".")
        drafts.append(KeptDraft(path, stopped, body.strip("\n")))
    return drafts, problems


def _same_database(named: str, db: Path) -> bool:
    return os.path.realpath(named) == os.path.realpath(db)
