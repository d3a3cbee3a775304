"""The Markdown export's pieces as they were made before they were short cut (each passage
escaped line by line, each annotation's facts made anew at every showing), for the tests that
hold the faster ones to the same output."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.interchange import is_orphan
from tui_reader.core.interchange import markdown as markdown_module
from tui_reader.core.interchange.markdown_text import _escape_line, _paired, escape_inline
from tui_reader.core.interchange.places import display_time


def blockquote_line_by_line(text: str) -> str:
    """The block quote with every line through the escaper."""
    lines: list[str] = []
    previous_blank = True
    paired = _paired(text)
    for raw in text.split("\n"):
        line = raw.strip(" \t")
        if not line.strip():
            if not previous_blank:
                lines.append(">")
            previous_blank = True
            continue
        lines.append("> " + _escape_line(line, paired))
        previous_blank = False
    while lines and lines[-1] == ">":
        lines.pop()
    return "\n".join(lines) if lines else ">"


def block_ids_by_regex(ids: Iterable[str]) -> dict[str, str]:
    """Obsidian block ids, each id's letters and digits found by a regular expression."""
    ids = list(dict.fromkeys(ids))
    short = {i: (re.sub(r"[^A-Za-z0-9]", "", i).lower() or "a") for i in ids}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for i in ids:
        block, length = short[i][:8], 8
        while block in taken:
            length += 4
            block = short[i][:length] if length <= len(short[i]) else f"{short[i]}-{len(taken)}"
        taken.add(block)
        found[i] = block
    return found


class WriterAnew(markdown_module._Writer):
    """The Markdown writer making every annotation's block anew each time it is shown."""

    def _annotation(
        self, annotation: Annotation, with_source: bool, orphan: bool | None = None
    ) -> list[str]:
        items: list[str] = []
        orphan = is_orphan(annotation, self.documents)
        if orphan:
            gone = annotation.document not in self.documents
            reason = "document file not found" if gone else "passage not found in the text"
            items.append(f"- Status: **orphaned** ({reason})")
        if with_source:
            items.append(
                f"- Source: {self._link(annotation.document)}, {self._location(annotation)}"
            )
        elif not orphan:
            items.append(f"- Location: {self._location(annotation)}")
        if annotation.tags:
            items.append("- Tags: " + " ".join(f"#{self._label(t)}" for t in annotation.tags))
        items.append(f"- Created: {display_time(annotation.created)}")
        if annotation.note.strip():
            items.append(markdown_module._note_item(annotation.note))
        quote = [blockquote_line_by_line(annotation.quote)]
        if annotation.id not in self._linked:
            self._linked.add(annotation.id)
            quote.append(f"^{self.block_ids[annotation.id]}")
        return [*quote, "\n".join(items)]

    def _location(self, annotation: Annotation, orphan: bool | None = None) -> str:
        if annotation.document not in self.documents or annotation.status == AnchorStatus.ORPHAN:
            return "location unknown"
        place = self.places.of(annotation)
        where = f"line {place.line} · {place.percent}%"
        cited = place.citation
        if self.places.paged(annotation.document):
            where = f"{escape_inline(cited)} · {place.percent}%"
        elif cited:
            where = f"{escape_inline(cited)} · {where}"
        if annotation.status == AnchorStatus.FUZZY:
            where += " (approximate match after the text changed)"
        return where
