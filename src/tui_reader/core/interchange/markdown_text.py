"""Plain text -> Markdown that reads back as exactly that text.

A quoted passage is arbitrary text: it may hold ``*``, ``_``, backticks, ``<html>``, ``[links]``,
a leading ``>`` or ``-``, ``1.`` at the start of a line, ``&amp;``... Written raw into Markdown,
any of these would turn into emphasis, code, a link, a list or a heading.  The functions here
escape exactly what a CommonMark parser (and Obsidian's extensions: ``#tags``, ``==highlight==``,
``$math$``, ``%%comments%%``, ``^block-ids``, ``[[wikilinks]]``, tables) would read as syntax,
so the rendered text equals the source text with its whitespace folded.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from markdown_it import MarkdownIt

# The one parser the export checks its Markdown with (notes, memos): CommonMark and the GFM
# syntax Obsidian reads too.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# Always escaped: inline syntax in CommonMark, GFM or Obsidian (links, wikilinks, tables).
_ALWAYS = frozenset("[|")
# Escaped when the text holds two or more of them (a pair could open and close: code spans,
# ~~strike~~, $math$; pairs may span the lines of a paragraph, so the whole text counts).
_PAIRED = frozenset("`~$")
# Escaped when doubled (Obsidian ``==highlight==`` and ``%%comment%%``).
_WHEN_DOUBLED = frozenset("=%")
# Escaped at the start of a line: block syntax (quote, list, heading, setext, rule).
_LINE_START = frozenset(">-+=*#_")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_TAG = re.compile(r"#[\w/-]*[^\W\d]")
_BLOCK_ID = re.compile(r"\^[A-Za-z0-9-]+[ \t]*$")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def escape_inline(text: str) -> str:
    """Escape one line of plain text so it renders as itself in inline Markdown context.

    Leading and trailing spaces and tabs are dropped (Markdown folds them anyway); a newline
    in ``text`` is replaced by a space.
    """
    line = " ".join(text.split("\n")).strip(" \t")
    return _escape_line(line, _paired(line))


def _paired(text: str) -> frozenset[str]:
    return frozenset(ch for ch in _PAIRED if text.count(ch) > 1)


def _needs_escape(line: str, i: int, paired: frozenset[str]) -> bool:
    """Whether ``line[i]`` would be read as syntax there: only those get a backslash, so a
    passage reads without backslashes where a character means nothing."""
    ch = line[i]
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if ch in _ALWAYS or ch in paired or (i == 0 and ch in _LINE_START):
        return True
    if ch == "\\":  # escapes punctuation; at the end of a line it is a hard break
        return after in _ASCII_PUNCTUATION or i + 1 == len(line)
    if ch in "*_":  # emphasis needs a side without a space (and ``_`` one outside a word)
        if before.isspace() and after.isspace():
            return False
        return ch == "*" or not (before.isalnum() and after.isalnum())
    if ch == "<":  # an HTML tag, comment or autolink
        return after.isalpha() or after in "/!?"
    if ch == "#":  # an Obsidian tag: ``#`` outside a word, then a name not all digits
        return not before.isalnum() and _TAG.match(line, i) is not None
    if ch == "^":  # an Obsidian block id ends its line
        return _BLOCK_ID.match(line, i) is not None
    if ch == "&":
        return _ENTITY.match(line, i) is not None
    return ch in _WHEN_DOUBLED and ch in (before, after)


# Every character _needs_escape may answer yes for: the others are copied without asking.
_CANDIDATES = re.compile(
    "[" + re.escape("".join(sorted(_ALWAYS | _PAIRED | _WHEN_DOUBLED | _LINE_START))) + r"\\<^&]"
)


def _escape_line(line: str, paired: frozenset[str]) -> str:
    out: list[str] = []
    start = 0
    marker = _ORDERED_MARKER.match(line)
    if marker is not None:
        # "1986. A year" must not become an ordered list item.
        out.append(marker.group(1) + "\\" + marker.group(2))
        start = marker.end()
    for match in _CANDIDATES.finditer(line, start):
        i = match.start()
        if _needs_escape(line, i, paired):
            out.append(line[start:i])
            out.append("\\")
            start = i
    out.append(line[start:])
    return "".join(out)


# An Obsidian block id (Obsidian's help, "Link to blocks"): ``^`` and Latin letters, digits
# and dashes ending a line, after a space or alone on its line (``x^2`` is none).
_OBSIDIAN_BLOCK_ID = re.compile(r"(?:(?<=[ \t])|^)\^[A-Za-z0-9-]+[ \t]*$")
_CODE = frozenset(["fence", "code_block", "html_block"])  # a backslash would show there


_LINE_END = re.compile(r"\r\n?|\n")  # Markdown's line endings (CommonMark, "Line ending")


def markdown_lines(text: str) -> list[str]:
    """``text``'s lines as Markdown reads them: a carriage return alone ends a line too (text
    from an old Mac file, or brought by an import), so none is left inside a line where it
    would start another at the left margin, outside the list item or quote it was put in."""
    return _LINE_END.split(text)


def without_block_ids(lines: list[str]) -> list[str]:
    """The lines of Markdown a user wrote (a note, a memo) with a backslash before each ``^``
    Obsidian would take for a block id (``see the patrols ^patrols``): the text shows as
    written, and the export's own block ids stay the only ones.  Lines of code are kept."""
    found = [i for i, line in enumerate(lines) if _OBSIDIAN_BLOCK_ID.search(line)]
    if not found:
        return lines
    code: set[int] = set()
    for token in MARKDOWN.parse("\n".join(lines)):
        if token.type in _CODE and token.map is not None:
            code.update(range(*token.map))
    written = list(lines)
    for i in found:
        match = _OBSIDIAN_BLOCK_ID.search(written[i])
        if i not in code and match is not None:
            written[i] = f"{written[i][: match.start()]}\\{written[i][match.start() :]}"
    return written


def blockquote(text: str) -> str:
    """``text`` as a Markdown block quote whose rendered text is ``text`` (whitespace folded).

    Paragraph breaks (blank lines) are kept as paragraph breaks inside the quote; single line
    breaks stay line breaks (soft breaks in CommonMark, shown as breaks by Obsidian).
    """
    plain = _CANDIDATES.search(text) is None  # most passages: nothing to escape but "1."
    if plain and "\n" not in text:
        line = text.strip(" \t")
        if not line.strip():
            return ">"
        if _ORDERED_MARKER.match(line) is None:
            return "> " + line
    lines = _escaped_lines(text.split("\n"), plain, frozenset() if plain else _paired(text))
    if not lines:
        return ">"
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def plain_text_lines(text: str) -> list[str]:
    """The lines of Markdown that show plain ``text`` (a note as it was typed) as it reads:
    each line escaped as a quoted passage's are, a blank line between paragraphs (``""``),
    none at either end; a carriage return ends a line as Markdown reads it."""
    return _escaped_lines(markdown_lines(text), _CANDIDATES.search(text) is None, _paired(text))


def _escaped_lines(raws: Iterable[str], plain: bool, paired: frozenset[str]) -> list[str]:
    lines: list[str] = []
    previous_blank = True
    for raw in raws:
        line = raw.strip(" \t")
        if not line.strip():
            if not previous_blank:
                lines.append("")
            previous_blank = True
            continue
        if plain and _ORDERED_MARKER.match(line) is None:
            lines.append(line)
        else:
            lines.append(_escape_line(line, paired))
        previous_blank = False
    while lines and not lines[-1]:
        lines.pop()
    return lines


_TAG_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)


def _tag_holds(char: str) -> bool:
    """Whether a tag holds ``char`` besides letters, digits, ``_`` and ``-``: a letter's
    marks (the vowel signs of Hindi, an accent typed apart) and what makes an emoji (a
    symbol, its skin tone, its variation selector, the joiner between the people of a
    family; not the invisible tag characters, which could hide words in a tag).  Obsidian's
    rules name letters and numbers; it reads a tag of marks and emoji whole."""
    category = unicodedata.category(char)
    return (
        category[0] == "M"
        or category == "So"
        or char == "\u200d"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def _tag_text(part: str) -> str:
    """``part`` with each character a tag cannot hold made ``-``."""
    if _TAG_UNSAFE.search(part) is None:
        return part
    return "".join(ch if ch.isalnum() or ch in "_-" or _tag_holds(ch) else "-" for ch in part)


def tag_safe(name: str) -> str:
    """A tag name as an Obsidian/Markdown ``#tag`` without the ``#``.

    ``/`` keeps its meaning (hierarchy: ``policy/border``); spaces and characters a tag cannot
    hold become ``-``; a tag of digits alone gets a ``_`` prefix (Obsidian needs a non-digit
    in a tag: ``#_2017``, while ``#year/2017`` is one as it is); a part with nothing a tag can
    hold is named by its code points (``→``: ``u2192``); an emoji and a letter's marks are
    kept (``Emoji 🚀``: ``Emoji-🚀``).  An empty result becomes ``untitled``.  Two tags may
    come out alike: see :func:`tag_labels`.
    """
    parts: list[str] = []
    for part in name.split("/"):
        safe = _tag_text(part.strip()).strip("-")
        safe = re.sub(r"-{2,}", "-", safe)
        if not safe and part.strip():
            safe = "u" + "-".join(f"{ord(ch):x}" for ch in part.strip())
        if not safe:
            continue
        parts.append(safe)
    if parts and all(part.isdigit() for part in parts):  # Obsidian: not digits alone
        parts[0] = "_" + parts[0]
    return "/".join(parts) or "untitled"


def tag_labels(names: Iterable[str]) -> dict[str, str]:
    """Each tag's ``#tag`` (without the ``#``), never one for two tags, as Obsidian reads tags:
    without regard to case (``#Security`` is ``#security``).  Where several come out alike
    (``lang/c#`` and ``lang/c``; ``Security`` and ``security``), the first (in code point
    order) that is its own label keeps it and the others get a short stable suffix of their
    own (``lang/c-1a2b``)."""
    by_label: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        by_label.setdefault(tag_safe(name).casefold(), []).append(name)
    labels: dict[str, str] = {}
    for group in by_label.values():
        own = [name for name in group if name == tag_safe(name)]
        keeper = group[0] if len(group) == 1 else (own[0] if own else None)
        for name in group:
            label = tag_safe(name)
            suffix = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:4]
            labels[name] = label if name == keeper else f"{label}-{suffix}"
    return labels
