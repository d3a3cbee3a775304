"""The drafts the app keeps when a signal stops it over a dialog holding typed text
(``draft-TIME-PID.txt`` in the state folder, see ``ReaderApp._keep_typed``), found again at
the next start on the same database to be offered back, as vim offers its swap file."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tui_reader.core.display import shown_name
from tui_reader.core.documents.safe_read import read_document_bytes
from tui_reader.core.errors import DocumentError

STOPPED = "tui-reader was stopped by "  # the first line of a draft file
DATABASE = "Database: "  # its second line: the database the text was typed for
DOCUMENT = "Document open: "  # its third, when a document was open: its key
# The annotate dialog's draft (AnnotateDialog.typed_draft): the passage, its tags, its note
# (none: the draft ends "Note:", its blank end taken off as it is read)
_ANNOTATION = re.compile(
    r"(?:Annotate|Edit annotation): (?P<quote>.+?)"
    r"\n\nTags: (?P<tags>[^\n]*)\n\nNote:(?:\n(?P<note>.*))?",
    re.DOTALL,
)
JOURNAL = "Journal: new entry:\n"  # a journal entry's draft (MemoDialog.typed_draft)
# A document's or a code's memo's draft: a line saying whose (its name as a JSON string: one
# line whatever the name holds), then the editor's title and text (MemoDialog.typed_draft)
_MEMO = re.compile(
    r'Memo of the (?P<kind>document|code) (?P<subject>"[^\n]*")\n[^\n]*:\n(?P<text>.*)',
    re.DOTALL,
)


def memo_line(kind: str, subject: str) -> str:
    """The first line of the draft of the memo of ``subject``, a document's key or a code
    (``kind``: "document", "code", as MemoKind's values)."""
    return f"Memo of the {kind} {json.dumps(subject)}"


LIMIT = 2**20  # bytes: a draft is what was typed in one dialog; a bigger file is no draft


@dataclass(frozen=True)
class KeptDraft:
    path: Path
    stopped: str  # how and when the app was stopped ("stopped by TERM ..., on DATE.")
    text: str  # what was typed, as the file keeps it, under its head
    document: str | None = None  # the document open when it was kept

    def annotation(self) -> tuple[str, str, str] | None:
        """The passage, the tags field and the note of a draft of the annotate dialog
        alone (None for any other draft)."""
        found = _ANNOTATION.fullmatch(self.text)
        return None if found is None else (found["quote"], found["tags"], found["note"] or "")

    def memo(self) -> tuple[str, str, str] | None:
        """The kind ("document", "code"), the subject (a document's key, a code) and the
        text of a draft of a
        document's or a code's memo alone (None for any other, or a draft written before
        drafts said whose memo they were)."""
        found = _MEMO.fullmatch(self.text)
        if found is None:
            return None
        try:
            subject = json.loads(found["subject"])
        except ValueError:
            return None
        if not isinstance(subject, str) or not subject:
            return None
        return found["kind"], subject, found["text"]

    def typed(self) -> str:
        """What was typed, as its dialog showed it: :attr:`text` less the line a memo's
        draft begins with to say whose memo it is, which is for the app to read."""
        return self.text.partition("\n")[2] if self.memo() is not None else self.text

    def journal_entry(self) -> str | None:
        """The text of a draft of a new journal entry alone (None for any other)."""
        return self.text.removeprefix(JOURNAL) if self.text.startswith(JOURNAL) else None


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
        try:  # never waiting on a FIFO so named (the start held for good), nor a device read
            data = read_document_bytes(path, max_bytes=LIMIT + 1)
        except DocumentError as exc:
            why = exc.reason.removesuffix("; not read")
            problems.append(
                f"{named}: {why}; ignored"
                if why.startswith("is ")
                else f"{named}: cannot be read ({why}); ignored"
            )
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
        document = next(
            (line.removeprefix(DOCUMENT) for line in lines if line.startswith(DOCUMENT)), None
        )
        drafts.append(KeptDraft(path, stopped, body.strip("\n"), document))
    return drafts, problems


def _same_database(named: str, db: Path) -> bool:
    return os.path.realpath(named) == os.path.realpath(db)
