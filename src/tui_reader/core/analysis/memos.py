"""Memos: Markdown written about a document, about a code (beyond its one-line description),
or as a dated entry of the project journal.  Stored in the ``memos`` table of the store."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from tui_reader.core.annotations.model import new_id, utc_now
from tui_reader.core.codebook.names import stored_tag_name


class MemoKind(StrEnum):
    DOCUMENT = "document"  # target: the document key; one memo per document
    CODE = "code"  # target: the tag name; one memo per code
    JOURNAL = "journal"  # target: ""; as many dated entries as written


_TEXTS = ("target", "text", "created", "updated", "coder")  # a record's fields that are text


@dataclass(frozen=True)
class Memo:
    kind: MemoKind
    target: str
    text: str
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)
    updated: str = field(default_factory=utc_now)
    coder: str = ""  # who wrote it (none kept before memos had one)

    @property
    def title(self) -> str:
        """The first non-empty line of the text, for lists."""
        for line in self.text.splitlines():
            if line.strip():
                return line.strip().lstrip("#").strip()
        return "(empty)"

    @property
    def label(self) -> str:
        """What the memo is about, as search results name it: ``memo of interview-3.txt``,
        ``memo of code security/border``, ``journal 2026-11-20 10:00 UTC``."""
        if self.kind is MemoKind.DOCUMENT:
            return f"memo of {PurePosixPath(self.target).name or self.target}"
        if self.kind is MemoKind.CODE:
            return f"memo of code {self.target}"
        from tui_reader.core.interchange.places import display_time, is_time  # imports us

        return f"journal {display_time(self.created)}" if is_time(self.created) else "journal"

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "target": self.target,
            "text": self.text,
            "created": self.created,
            "updated": self.updated,
            **({"coder": self.coder} if self.coder else {}),  # a record of before: as it was
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Memo:
        """The memo a stored record holds; KeyError, ValueError or TypeError when it cannot
        be read (a database edited by hand: no id or kind, a kind of none of ours, a text,
        target or date that is no text, which was listed as ``5`` or ``None``)."""
        if not isinstance(record.get("id"), str) or not all(
            isinstance(record.get(field, ""), str) for field in _TEXTS
        ):
            raise TypeError("its id, target, text or dates are not texts")
        kind = MemoKind(record["kind"])
        target = str(record.get("target", ""))
        return cls(
            kind=kind,
            # a code's memo is about the code its target names as the codebook reads it (a
            # target edited by hand into "x/" is x's memo)
            target=stored_tag_name(target) if kind is MemoKind.CODE else target,
            text=str(record.get("text", "")),
            id=str(record["id"]),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
            coder=str(record.get("coder", "")),
        )

    def evolve(self, **changes: Any) -> Memo:
        return replace(self, **changes)
