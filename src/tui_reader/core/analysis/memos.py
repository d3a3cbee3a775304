"""Memos: Markdown written about a document, about a code (beyond its one-line description),
or as a dated entry of the project journal.  Stored in the ``memos`` table of the store."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from tui_reader.core.annotations.model import new_id, utc_now


class MemoKind(StrEnum):
    DOCUMENT = "document"  # target: the document key; one memo per document
    CODE = "code"  # target: the tag name; one memo per code
    JOURNAL = "journal"  # target: ""; as many dated entries as written


@dataclass(frozen=True)
class Memo:
    kind: MemoKind
    target: str
    text: str
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)
    updated: str = field(default_factory=utc_now)

    @property
    def title(self) -> str:
        """The first non-empty line of the text, for lists."""
        for line in self.text.splitlines():
            if line.strip():
                return line.strip().lstrip("#").strip()
        return "(empty)"

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "target": self.target,
            "text": self.text,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Memo:
        return cls(
            kind=MemoKind(record["kind"]),
            target=str(record.get("target", "")),
            text=str(record.get("text", "")),
            id=str(record["id"]),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
        )

    def evolve(self, **changes: Any) -> Memo:
        return replace(self, **changes)
