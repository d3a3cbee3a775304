"""A vault note's properties as Obsidian, or a plugin (Linter, a timestamp updater), may have
written them again: the same values in another order, unquoted or quoted otherwise, with
properties of their own added.  What tells a note of ours that only had its properties
written again (its body and each of our values as we wrote them) from one a user wrote in.

Only what a property of ours can be is read: a key and a one-line scalar (plain, single- or
double-quoted).  A value written over several lines, as a list or a block, is read as no
value, so a property of ours written so is a change (the note is then left, as an edited one
is); another's is kept as its lines are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

_DECODER = json.JSONDecoder()
_OPENING = "---\n"
_CLOSING = re.compile(r"^---[ \t]*$", re.MULTILINE)
_PLAIN_KEY = re.compile(r"([^\s#'\"](?:[^:]|:(?![ \t]|$))*?)[ \t]*:(?=[ \t]|$)")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_COMMENT = re.compile(r"[ \t]+#.*$")
_NOT_SCALAR = tuple("[{|>&*!%@`")


@dataclass(frozen=True)
class Property:
    """A property of the front matter: its ``key``, its ``value`` (None: not a one-line
    scalar) and the ``lines`` it is written on."""

    key: str
    value: str | None
    lines: tuple[str, ...]


@dataclass(frozen=True)
class NoteParts:
    """A note split at its front matter: its ``properties`` in their order (None when a
    line of the front matter could not be read as one) and its ``body``."""

    properties: tuple[Property, ...] | None
    body: str

    def values(self) -> dict[str, str | None] | None:
        """Each property's value by its key; None when the front matter could not be
        read, or names a key twice."""
        if self.properties is None:
            return None
        found = {p.key: p.value for p in self.properties}
        return found if len(found) == len(self.properties) else None


def note_parts(text: str) -> NoteParts | None:
    """``text`` split at its front matter (``---`` lines); None when it opens with none."""
    if not text.startswith(_OPENING):
        return None
    closing = _CLOSING.search(text, len(_OPENING))
    if closing is None:
        return None
    head = text[len(_OPENING) : closing.start()]
    body = text[closing.end() + 1 :]
    return NoteParts(_properties(head.splitlines()), body)


def body_digest(body: str) -> str:
    """The sha256 of a note's ``body``, the blank lines around it aside (a plugin may leave
    one more or one less below the front matter, or at the end)."""
    return hashlib.sha256(body.strip("\n").encode("utf-8")).hexdigest()


def same_values(written: Mapping[str, str | None], found: Mapping[str, str | None]) -> bool:
    """Whether each property ``written`` is in ``found`` with its value: as text, or the
    same number written otherwise (``1.0`` as ``1``)."""
    for key, value in written.items():
        there = found.get(key)
        if value is None or there is None:
            return False
        if there != value and not _same_number(value, there):
            return False
    return True


def _same_number(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def _properties(lines: list[str]) -> tuple[Property, ...] | None:
    entries: list[list[str]] = []
    for line in lines:
        if line.strip() and line[0] not in " \t-#":  # a property's first line
            entries.append([line])
        elif entries:  # its value's next lines, a list's items, blank lines, comments
            entries[-1].append(line)
        elif line.strip() and not line.startswith("#"):
            return None
    found = []
    for first, *more in entries:
        parsed = _key_and_rest(first)
        if parsed is None:
            return None
        key, rest = parsed
        if _BLOCK.fullmatch(rest.strip(" \t")):
            value = _block(rest.strip(" \t"), more)
        elif any(line.strip() and not line.startswith("#") for line in more):
            value = None  # a list, a map, a value over several lines
        else:
            value = _scalar(rest)
        found.append(Property(key, value, (first, *more)))
    return tuple(found)


# A block scalar's header: literal (|) or folded (>), with its chomping (- strip, + keep)
_BLOCK = re.compile(r"[|>][-+]?")


def _block(header: str, lines: list[str]) -> str | None:
    """The value of a block scalar (``|-`` and its lines, as Obsidian writes a text of
    several lines); None when it is written otherwise than read here (a line less or more
    indented than its first: a folded block's kept breaks)."""
    if any(line.strip() and line[0] not in " \t" for line in lines):
        return None
    filled = [line for line in lines if line.strip()]
    if not filled:
        return ""
    indent = len(filled[0]) - len(filled[0].lstrip(" "))
    if any(len(line) - len(line.lstrip(" ")) != indent for line in filled) and header[0] == ">":
        return None
    if any(not line[:indent].isspace() for line in filled):
        return None
    content = [line[indent:] if line.strip() else "" for line in lines]
    trailing = len(content) - len("\n".join(content).rstrip("\n").split("\n"))
    body = content[: len(content) - trailing]
    if header[0] == "|":
        text = "\n".join(body)
    else:  # folded: the lines of a paragraph one line, an empty line a line break
        text = ""
        for line in body:
            text += "\n" if not line else (" " if text and not text.endswith("\n") else "") + line
    if header.endswith("-"):
        return text
    return text + "\n" * (1 + trailing if header.endswith("+") else 1)


def _key_and_rest(line: str) -> tuple[str, str] | None:
    """A property's line read as its key and what follows the key's colon."""
    if line[0] == '"':
        try:
            key, end = _DECODER.raw_decode(line)
        except ValueError:
            return None
        rest = line[end:].lstrip(" \t")
        if not rest.startswith(":") or not isinstance(key, str):
            return None
        return key, rest[1:]
    if line[0] == "'":
        match = _SINGLE.match(line)
        if match is None:
            return None
        rest = line[match.end() :].lstrip(" \t")
        if not rest.startswith(":"):
            return None
        return match.group(1).replace("''", "'"), rest[1:]
    match = _PLAIN_KEY.match(line)
    if match is None:
        return None
    return match.group(1), line[match.end() :]


def _scalar(rest: str) -> str | None:
    """The one-line scalar ``rest`` writes (what follows a key's colon); None when it is
    none (empty: a list or block below, or null) or cannot be read."""
    text = rest.strip(" \t")
    if not text or text.startswith(_NOT_SCALAR):
        return None
    if text[0] == '"':
        try:
            value, end = _DECODER.raw_decode(text)
        except ValueError:
            return None
        after = text[end:]
        if (after and not _COMMENT.fullmatch(after)) or not isinstance(value, str):
            return None
        return value
    if text[0] == "'":
        match = _SINGLE.match(text)
        after = text[match.end() :] if match is not None else ""
        if match is None or (after and not _COMMENT.fullmatch(after)):
            return None
        return match.group(1).replace("''", "'")
    return _COMMENT.sub("", text).strip(" \t") or None
