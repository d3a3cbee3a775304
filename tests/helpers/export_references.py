"""The Markdown export's pieces as they were made before they were short cut (each passage
escaped line by line, each annotation's facts made anew at every showing), for the tests that
hold the faster ones to the same output."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from tui_reader.core.annotations.model import AnchorStatus
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


def plain_text_lines_line_by_line(text: str) -> list[str]:
    """A note's lines of Markdown with every line through the escaper, cut where Markdown ends a
    line (a carriage return too)."""
    lines: list[str] = []
    paired = _paired(text)
    for raw in re.split(r"\r\n?|\n", text):
        line = raw.strip(" \t")
        if not line.strip():
            if lines and lines[-1]:
                lines.append("")
            continue
        lines.append(_escape_line(line, paired))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def block_ids_by_regex(ids: Iterable[str]) -> dict[str, str]:
    """Obsidian block ids, each id's letters and digits found by a regular expression."""
    ids = list(dict.fromkeys(ids))
    letters = {i: re.sub(r"[^A-Za-z0-9]", "", i).lower() for i in ids}
    # an IRI's own last part (after its scheme and its last '/', ':' or '#')
    tails = {i: re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:(?:.*[/:#])?", "", i, flags=re.S) for i in ids}
    short = {i: re.sub(r"[^A-Za-z0-9]", "", tails[i]).lower() or letters[i] or "a" for i in ids}
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
    """The Markdown writer making every annotation's block anew each time it is shown (an
    annotation is its row of the writer's columns)."""

    def _annotation(self, row: int, with_source: bool, orphan: bool) -> list[str]:
        columns = self.columns
        key = columns.document[row]
        items: list[str] = []
        orphan = columns.status[row] == AnchorStatus.ORPHAN or key not in self.documents
        if orphan:
            gone = key not in self.documents
            reason = "document file not found" if gone else "passage not found in the text"
            items.append(f"- Status: **orphaned** ({reason})")
        if with_source:
            items.append(f"- Source: {self._link(key)}, {self._location(row, orphan)}")
        elif not orphan:
            items.append(f"- Location: {self._location(row, orphan)}")
        if columns.tags[row]:
            items.append("- Tags: " + " ".join(f"#{self._label(t)}" for t in columns.tags[row]))
        items.append(f"- Created: {display_time(columns.created[row])}")
        if len(set(columns.coder)) > 1:
            items.append(f"- Coder: {escape_inline(columns.coder[row])}")
        if columns.note[row].strip():
            items.append(markdown_module._note_item(columns.note[row]))
        quote = [blockquote_line_by_line(columns.quote[row])]
        ident = columns.id[row]
        if ident not in self._linked:
            self._linked.add(ident)
            quote.append(f"^{self.block_ids[ident]}")
        return [*quote, "\n".join(items)]

    def _placed_blocks(self, rows: Sequence[int]) -> list[str]:
        return ["\n\n".join(self._annotation(row, False, False)) for row in rows]

    def _kept_blocks(self, rows: Sequence[int], kept: object) -> list[str]:
        return self._placed_blocks(rows)  # never the blocks kept by an export before

    def _sourced_blocks(self, rows: set[int]) -> dict[int, tuple[str, str]]:
        return {}  # each made by _shown_blocks, row by row

    def _shown_blocks(
        self, blocks: list[str], rows: Sequence[int], sourced: Mapping[int, tuple[str, str]]
    ) -> None:
        for row in rows:
            blocks.extend(self._annotation(row, True, False))

    def _location(self, row: int, orphan: bool) -> str:
        columns = self.columns
        key, status = columns.document[row], columns.status[row]
        if key not in self.documents or status == AnchorStatus.ORPHAN:
            return "location unknown"
        place = self.places.at(key, columns.start[row], columns.end[row])
        where = f"line {place.line} · {place.percent}%"
        cited = place.citation
        if self.places.paged(key):
            where = f"{escape_inline(cited)} · {place.percent}%"
        elif cited:
            where = f"{escape_inline(cited)} · {where}"
        if status == AnchorStatus.FUZZY:
            where += " (approximate match after the text changed)"
        return where
