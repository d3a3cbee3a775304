"""Plain Markdown (ATX headings, paragraphs, ``-`` items) read without markdown-it.

markdown-it-py parses about 1 MB a second: 2,000 Markdown files of 10 KB took two seconds of a
first ``tui-reader list``.  Most Markdown in a corpus of notes and transcripts is paragraphs,
``#`` headings and ``-`` lists.  For a source that holds nothing else, :func:`plain_blocks`
reads those blocks from its lines (what markdown-it would find: a list is loose when a blank
line separates two of its items, a line right after a paragraph's or an item's line continues
it), and :func:`~tui_reader.core.documents.formats.markdown.render_plain` writes them as
:func:`~tui_reader.core.documents.formats.markdown.render` writes markdown-it's tokens, ten
times faster.  Any character that could start inline markup, an entity or an escape, a tab, an
indented line, a line ending in a space, any line that could start another kind of block:
``None``, and markdown-it parses.  Property tests compare both renderings on generated
documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.core.documents.words import holds_wide_space
from tui_reader.core.rare_find import holds_any_byte, holds_rare

# Bytes that may make markdown-it see more than text: inline markup, escapes, entities, HTML,
# tables; whitespace it strips or expands; what it normalises (CR, NUL).
_OUTSIDE_BYTES = b"\\`*_[]<>&|~\t\r\x00\x0b\x0c\x1c\x1d\x1e\x1f"
_HEADING = re.compile(r"#{1,6} [^ #]")  # one space, then text (no closing hashes: see below)
_ORDERED = re.compile(r"[0-9]+[.)]")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^[A-Za-z0-9-]+[ \t]*$", re.MULTILINE)


def _outside(text: str) -> bool:
    if holds_rare(text, "%%") or holds_rare(
        text, "=="
    ):  # a vault note's comment ("%%a remark%%"), highlight
        return True
    if "^" in text and _BLOCK_ID.search(text):  # a vault note's block identifier ("^abc1")
        return True
    data = text.encode("utf-8", "surrogatepass")  # (looked for a byte value at a time, in C)
    return holds_any_byte(data, _OUTSIDE_BYTES) or holds_wide_space(data)


Heading = tuple[int, str]  # level, text
Paragraph = list[str]  # its lines


@dataclass(slots=True)
class BulletList:
    items: list[Paragraph]  # one paragraph each
    loose: bool = False  # a blank line between two items


Block = Heading | Paragraph | BulletList


# MultiMarkdown's metadata (Scrivener's, nvALT's, Marked's notes): "Key: value" lines
# opening the file, a title, an author or a date first, up to a blank line, each key's
# value going on on indented lines; at least two lines.  Read as a YAML header is (see
# markdown.parse_markdown): its lines were run into one paragraph ("Title: Notes Author:
# Ana"), and the note titled by its first heading.
MULTIMARKDOWN_HEADER = re.compile(
    r"(?:title|author|date)[ \t]*:[^\n]*\S[^\n]*\n"
    r"(?:[A-Za-z][\w -]{0,40}:[^\n]*\n|[ \t]+\S[^\n]*\n)+(?=\n|\Z)",
    re.IGNORECASE,
)


# Pandoc's title block: up to three lines opening the file with "%", its title, its authors
# and its date (any of them empty: "%" alone), a field going on on indented lines.  Read as
# a YAML header is (see markdown.parse_markdown): its lines were run into one paragraph
# ("% Notes % Ana % May 2023"), and the note titled by its first heading.
PANDOC_TITLE_BLOCK = re.compile(r"%[^\n]*\n(?:%[^\n]*\n|[ \t]+\S[^\n]*\n){0,8}(?=\n|\Z)")


def _not_plain_at_start(text: str) -> bool:
    """Whether ``text`` holds what plain Markdown does not, or opens with a header block."""
    return bool(
        _outside(text) or MULTIMARKDOWN_HEADER.match(text) or PANDOC_TITLE_BLOCK.match(text)
    )


def _not_plain_line(line: str, first: str) -> bool:
    """Whether ``line`` (not empty; ``first`` its first character) is indented, ends in a hard
    break, underlines a setext heading, quotes, defines or is an ordered item."""
    return bool(
        line[-1] == " "
        or first in " =+>"
        or line[:2] == ": "
        or ("0" <= first <= "9" and _ORDERED.match(line))
    )


def _not_plain_item(line: str) -> bool:
    """Whether ``line``, opening with a dash, is a rule, an empty or nested item, or just a
    dash rather than a plain item."""
    third = line[2:3]
    return bool(
        line[1:2] != " " or third in " #=+>-" or ("0" <= third <= "9" and _ORDERED.match(line, 2))
    )


def plain_blocks(text: str) -> list[Block] | None:
    """The blocks of ``text`` when it is plain Markdown, else ``None``."""
    if _not_plain_at_start(text):
        return None
    blocks: list[Block] = []
    lines: Paragraph | None = None  # the open paragraph's lines (top-level or an item's)
    bullets: BulletList | None = None  # the open list
    gap = False  # a blank line since the last block line
    looked_at = _LOOKED_AT
    for line in text.split("\n"):
        if not line:
            gap, lines = True, None
            continue
        first = line[0]
        # (a paragraph's line, most of them, asked nothing more: as plain_text asks)
        if (first in looked_at or line[-1] == " ") and _not_plain_line(line, first):
            return None
        if first == "#":
            if _HEADING.match(line) is None or line[-1] == "#":
                return None
            hashes = len(line) - len(line.lstrip("#"))
            blocks.append((hashes, line[hashes + 1 :]))
            lines = bullets = None
        elif first == "-":
            if _not_plain_item(line):
                return None
            lines = [line[2:]]
            if bullets is None:
                bullets = BulletList([])
                blocks.append(bullets)
            elif gap:
                bullets.loose = True
            bullets.items.append(lines)
        elif lines is not None:
            lines.append(line)  # a paragraph's next line (lazily, an item's)
        else:
            lines, bullets = [line], None
            blocks.append(lines)
        gap = False
    return blocks


# The first characters of a line that plain_blocks looks at further (a heading, an item, what
# may start another block); a line opening with any other is a paragraph's.
_LOOKED_AT = frozenset(" =+>:#-0123456789")


def plain_text(text: str, bullet: str) -> tuple[str, str | None, str | None] | None:
    """The canonical text of ``text`` when it is plain Markdown, as
    :func:`~tui_reader.core.documents.formats.markdown.render_plain` writes it from
    :func:`plain_blocks` (``bullet``: what starts an item), its first level-1 heading and its
    first heading; else ``None``.  Written in the one pass that reads its lines, no block
    made (a search needs the text alone: the blocks, then the text written from them, were a
    fifth of a first search of 2,000 notes)."""
    if _not_plain_at_start(text):
        return None
    parts: list[str] = []
    looked_at = _LOOKED_AT
    in_block = False  # a paragraph or an item open (plain_blocks' lines)
    in_list = False  # a list open (its bullets)
    between: list[int] = []  # where in parts the open list's "\n" between its items are
    loose = False  # a blank line between two of its items
    gap = False  # a blank line since the last block line
    title: str | None = None
    first_heading: str | None = None
    for line in text.split("\n"):
        if not line:
            gap, in_block = True, False
            continue
        first = line[0]
        if first in looked_at or line[-1] == " ":  # a line a paragraph's may not be
            if _not_plain_line(line, first):
                return None
            if first == "#":
                if _HEADING.match(line) is None or line[-1] == "#":
                    return None
                hashes = len(line) - len(line.lstrip("#"))
                heading = line[hashes + 1 :]
                if in_list:
                    _close_list(parts, between, loose)
                    in_list = False
                if parts:
                    parts.append("\n\n")
                parts.append(heading)
                first_heading = heading if first_heading is None else first_heading
                if title is None and hashes == 1:
                    title = heading
                in_block = gap = False
                continue
            if first == "-":
                if _not_plain_item(line):
                    return None
                if not in_list:
                    if parts:
                        parts.append("\n\n")
                    in_list, loose = True, False
                    between.clear()
                else:
                    loose = loose or gap
                    between.append(len(parts))
                    parts.append("\n")
                parts.append(bullet)
                parts.append(line[2:])
                in_block, gap = True, False
                continue
        if in_block:  # a paragraph's next line (lazily, an item's)
            parts.append(" ")
        else:
            if in_list:
                _close_list(parts, between, loose)
                in_list = False
            if parts:
                parts.append("\n\n")
            in_block = True
        parts.append(line)
        gap = False
    if in_list:
        _close_list(parts, between, loose)
    return "".join(parts), title, first_heading


def _close_list(parts: list[str], between: list[int], loose: bool) -> None:
    """End the list whose items are apart at ``between`` in ``parts``: a blank line between
    each two when it is ``loose``."""
    if loose:
        for at in between:
            parts[at] = "\n\n"
