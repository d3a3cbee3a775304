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
from itertools import chain, count

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
    escaped = _escape_line(line, _paired(line))
    # A heading drops a run of ``#`` after a blank at its end (ATX's closing sequence): the
    # title "Learning C #" was the heading "Learning C"; its first ``#`` escaped, it stays.
    closing = _CLOSING_HASHES.search(escaped)
    if closing is None:
        return escaped
    return f"{escaped[: closing.start(1)]}\\{escaped[closing.start(1) :]}"


_CLOSING_HASHES = re.compile(r"[ \t](#+)$")


def escape_link_text(text: str) -> str:
    """:func:`escape_inline` of ``text`` for a link's text (``[text](url)``), where a ``]``
    ends it: escaped too.  A file named ``x](javascript:alert(1)).md`` was exported as
    ``[x](javascript:alert(1)).md](x%5D...)``, a link to the script and no link to the file.
    (Every ``]`` of the escaped text is one of ``text``'s: escaping adds backslashes alone.)"""
    return escape_inline(text).replace("]", "\\]")


def _paired(text: str) -> frozenset[str]:
    if "`" not in text and "~" not in text and "$" not in text:  # most texts: none counted
        return _NONE_PAIRED
    return frozenset(ch for ch in _PAIRED if text.count(ch) > 1)


_NONE_PAIRED: frozenset[str] = frozenset()


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
_CANDIDATE_CHARACTERS = "".join(sorted(_ALWAYS | _PAIRED | _WHEN_DOUBLED | _LINE_START)) + "\\<^&"
# Those it answers yes for at the start of a line alone (a quote's, a list item's mark):
# not asked about after it (the dash of "follow-up", the most common of them in prose)
_FIRST_ONLY = frozenset(">-+")
_INNER_CHARACTERS = "".join(c for c in _CANDIDATE_CHARACTERS if c not in _FIRST_ONLY)
_INNER_CANDIDATES = re.compile("[" + re.escape(_INNER_CHARACTERS) + "]")
# The same, as bytes of UTF-8 (each ASCII: no byte of another character's UTF-8 is one)
_INNER_BYTES = _INNER_CHARACTERS.encode("ascii")


def _has_candidate(text: str) -> bool:
    """Whether ``text`` holds a character that may be syntax past a line's start (one of
    :data:`_INNER_CHARACTERS`): its UTF-8 with those taken out (``bytes.translate``, one
    pass in C) is shorter.  Searched by a pattern of them, which tries it again at each
    character, 100,000 quotes took twice as long.  A text without one needs a backslash at
    most at a line's start (:func:`_plain_line`)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _INNER_BYTES)) != len(data)


def _plain_line(line: str) -> bool:
    """Whether ``line`` (stripped, of a text without :func:`_has_candidate`) needs no
    backslash at its start: no quote or list mark, no number a list would take (looked for
    only after a digit, which ``\\d`` is: the pattern tried on each of 100,000 passages'
    lines, most of them words, took a fifth of their block quotes' time)."""
    first = line[:1]
    return first not in _FIRST_ONLY and not (
        first.isdecimal() and _ORDERED_MARKER.match(line) is not None
    )


def _escape_line(line: str, paired: frozenset[str]) -> str:
    out: list[str] = []
    start = 0
    marker = _ORDERED_MARKER.match(line)
    if marker is not None:
        # "1986. A year" must not become an ordered list item.
        out.append(marker.group(1) + "\\" + marker.group(2))
        start = marker.end()
    elif line[:1] in _FIRST_ONLY:  # a quote, a list item: its mark, never looked at again
        out.append("\\")
    for match in _INNER_CANDIDATES.finditer(line, start):
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
    if "\r" not in text:  # most texts: cut by str.split, no regex (40,000 notes an export)
        return text.split("\n")
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


# The elements of HTML (the WHATWG standard's, and the older ones browsers still read): a
# tag of one of them in a memo is the user's HTML (``<br>``, ``<mark>``), kept; a tag of any
# other name (a transcript's ``<inaudible>``, a speaker's ``<Ana>``) is shown as written.
_ELEMENT_NAMES = """a abbr acronym address area article aside audio b base bdi bdo big blockquote
body br button canvas caption center cite code col colgroup data datalist dd del details dfn
dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2
h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map
mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress
q rp rt ruby s samp script search section select slot small source span strike strong style sub
summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var
video wbr"""
_HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
# An HTML tag as CommonMark reads one ("Raw HTML": an open tag with its attributes, or a
# closing tag) on one line; its name a closing tag's group 1, an open tag's group 2.
_HTML_TAG = re.compile(
    r"<(?:/([A-Za-z][A-Za-z0-9-]*)\s*|([A-Za-z][A-Za-z0-9-]*)"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\"'=<>`\s]+|'[^']*'|\"[^\"]*\"))?)*\s*/?)>"
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
_HTML_OWN = re.compile(r"[ \t]*<(?:!--|/?([A-Za-z][A-Za-z0-9-]*))")  # an HTML block's start


def without_raw_html(lines: list[str]) -> list[str]:
    """The lines of Markdown a user wrote (a memo) with a backslash before each ``<`` that
    begins a tag no HTML element has (``<inaudible>``, ``<Ana>``): a Markdown reader
    (Obsidian's reading view) takes it for HTML and shows nothing of it; with the backslash
    it shows as written.  The user's HTML (``<br>``, ``<mark>``, a comment), code (spans and
    blocks) and autolinks (``<https://...>``) are kept."""
    if not any("<" in line for line in lines):
        return lines
    kept: set[int] = set()
    for token in MARKDOWN.parse("\n".join(lines)):
        if token.map is None or token.type not in _CODE:
            continue
        if token.type == "html_block":
            own = _HTML_OWN.match(lines[token.map[0]])
            if own is None or (own.group(1) is not None and not _is_element(own.group(1))):
                continue  # a block of tags of no element (``<inaudible>`` alone on a line)
        kept.update(range(*token.map))
    return [line if i in kept else _tags_shown(line) for i, line in enumerate(lines)]


def _is_element(name: str) -> bool:
    return name.lower() in _HTML_ELEMENTS


def _tags_shown(line: str) -> str:
    if "<" not in line:
        return line
    code = [match.span() for match in _CODE_SPAN.finditer(line)] if "`" in line else []
    out: list[str] = []
    start = 0
    for match in _HTML_TAG.finditer(line):
        at = match.start()
        name = match.group(1) or match.group(2)
        escaped = (len(line[:at]) - len(line[:at].rstrip("\\"))) % 2 == 1
        if _is_element(name) or escaped or any(a <= at < b for a, b in code):
            continue
        out.append(line[start:at])
        out.append("\\")
        start = at
    out.append(line[start:])
    return "".join(out)


def _lines_kept(text: str) -> str | None:
    """``text`` (of several lines, without :func:`_has_candidate`) without its blanks at
    either end, when :func:`_escaped_lines` would keep each of its lines as it is, a blank
    one ("") between paragraphs; else None.  Looked for in C, a few passes over the text: a
    line's start alone taken by a pattern (beginning with its newline, searched for as the
    character it is: a pattern for every case, tried at each character, took more time than
    the lines it spared)."""
    kept = text.strip(" \t\n")
    if not kept:
        return None
    first = kept[0]
    if first.isspace() or first in _FIRST_ONLY or first.isdecimal() or kept[-1].isspace():
        return None  # (a line of other blanks alone, maybe a quote's, a list's mark)
    if " \n" in kept or "\t\n" in kept or _LINE_CHANGED.search(kept) is not None:
        return None
    return kept


# A line's start a block quote's lines do not keep as it is (see _lines_kept): a quote's or a
# list's mark, a digit (maybe a number an ordered list would take), a blank other than a
# newline (a space or tab dropped, a line of other blanks alone), a second blank line
_LINE_CHANGED = re.compile(r"\n(?:[>+\-\d]|[^\S\n]|\n\n)")


def blockquote(text: str) -> str:
    """``text`` as a Markdown block quote whose rendered text is ``text`` (whitespace folded).

    Paragraph breaks (blank lines) are kept as paragraph breaks inside the quote; single line
    breaks stay line breaks (soft breaks in CommonMark, shown as breaks by Obsidian).
    """
    plain = not _has_candidate(text)  # most passages: nothing to escape but "1." or "- "
    if plain and "\n" not in text:
        line = text.strip(" \t")
        if not line.strip():
            return ">"
        if _plain_line(line):
            return "> " + line
    elif plain and (kept := _lines_kept(text)) is not None:
        # Its lines kept as they are, a blank one between paragraphs: quoted at once (a
        # passage over several lines, 41,000 of 100,000: each line taken in turn took three
        # times as long)
        return "> " + kept.replace("\n", "\n> ").replace("\n> \n", "\n>\n")
    lines = _escaped_lines(text.split("\n"), plain, frozenset() if plain else _paired(text))
    if not lines:
        return ">"
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def plain_text_lines(text: str) -> list[str]:
    """The lines of Markdown that show plain ``text`` (a note as it was typed) as it reads:
    each line escaped as a quoted passage's are, a blank line between paragraphs (``""``),
    none at either end; a carriage return ends a line as Markdown reads it."""
    plain = not _has_candidate(text)  # most notes: nothing to escape but "1." or "- "
    if plain and "\n" not in text and "\r" not in text:  # one line: no list made to cut it
        line = text.strip(" \t")
        if not line.strip():
            return []
        if _plain_line(line):
            return [line]
    elif plain and "\r" not in text and (kept := _lines_kept(text)) is not None:
        return kept.split("\n")
    return _escaped_lines(markdown_lines(text), plain, _paired(text))


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
        if plain and _plain_line(line):
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


def _level_tag(level: str) -> str:
    """One level of a code (between two ``/``) as a level of a ``#tag``: spaces and the
    characters a tag cannot hold become ``-``; a level with nothing a tag can hold is named
    by its code points (``→``: ``u2192``), an empty one ``untitled``."""
    safe = re.sub(r"-{2,}", "-", _tag_text(level).strip("-"))
    if safe:
        return safe
    return "u" + "-".join(f"{ord(ch):x}" for ch in level) if level else "untitled"


def _tag_levels(name: str) -> list[str]:
    """``name``'s levels as a tag holds them: stripped, the empty ones dropped (as codes are
    read, ``a//b`` is ``a/b``)."""
    return [level for part in name.split("/") if (level := part.strip())]


def _first_level_tag(level: str) -> str:
    """The tag of a code's first level: Obsidian needs a character other than a digit in a
    tag, so a first level of digits alone gets a ``_`` before it (``#_2017``, and its
    children under it, ``#_2017/05``); the levels below have one above them."""
    safe = _level_tag(level)
    return "_" + safe if safe.isdigit() else safe


def tag_safe(name: str) -> str:
    """A tag name as an Obsidian/Markdown ``#tag`` without the ``#``, made level by level.

    ``/`` keeps its meaning (hierarchy: ``policy/border``); spaces and characters a tag cannot
    hold become ``-``; a first level of digits alone gets a ``_`` prefix (Obsidian needs a
    non-digit in a tag: ``#_2017``, ``#_2017/05``, while ``#year/2017`` is one as it is); a
    level with nothing a tag can hold is named by its code points (``→``: ``u2192``); an
    emoji and a letter's marks are kept (``Emoji 🚀``: ``Emoji-🚀``).  A name with no level
    becomes ``untitled``.  Two tags may come out alike: see :func:`tag_labels`.
    """
    levels = _tag_levels(name)
    if not levels:
        return "untitled"
    return "/".join([_first_level_tag(levels[0]), *map(_level_tag, levels[1:])])


def obsidian_tag_key(tag: str) -> str:
    """The tag as Obsidian tells tags apart: without regard to case (``#Security`` is
    ``#security``), and, to be safe, accents composed or not alike."""
    return unicodedata.normalize("NFC", tag).casefold()


def tag_labels(names: Iterable[str]) -> dict[str, str]:
    """Each code's ``#tag`` (without the ``#``), for ``names`` and the parents above them,
    never one for two codes as Obsidian reads tags (:func:`obsidian_tag_key`), and made level
    by level: a child's tag is its parent's, ``/`` and its own level's, so that Obsidian nests
    a child under its own parent and no other.

    Children of one parent whose levels come out alike (``lang/c#`` and ``lang/c``,
    ``Security`` and ``security``, ``a`b``` and ``a b``) are told apart: one keeps the tag
    (one whose level is its own tag, a code named before a parent only named by its
    children, the first in code point order; else the only code named among them) and the
    others get a short stable suffix (``lang/c-1a2b``: the start of a hash of the code's
    name), which their children carry too (``a-b-7dbd/c``)."""
    given = {name: tuple(_tag_levels(name) or [""]) for name in set(names)}
    named = set(given.values())
    children: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for path in named:
        for depth in range(len(path)):
            children.setdefault(path[:depth], set()).add(path[: depth + 1])
    labels: dict[tuple[str, ...], str] = {}
    pending: list[tuple[str, ...]] = [()]
    while pending:
        parent = pending.pop()
        above = labels[parent] + "/" if parent else ""
        level_tag = _level_tag if parent else _first_level_tag
        levels = {path: level_tag(path[-1]) for path in children.get(parent, ())}
        for path, level in _told_apart(levels, named).items():
            labels[path] = above + level
            pending.append(path)
    found = {"/".join(path): label for path, label in labels.items()}
    return found | {name: labels[path] for name, path in given.items()}


def _told_apart(
    levels: dict[tuple[str, ...], str], named: set[tuple[str, ...]]
) -> dict[tuple[str, ...], str]:
    """The tags of one parent's children's levels (``levels``: each child's path and its
    level's tag), none two alike as Obsidian reads them (see :func:`tag_labels`)."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for path in sorted(levels):
        groups.setdefault(obsidian_tag_key(levels[path]), []).append(path)
    told: dict[tuple[str, ...], str] = {}
    suffixed: list[tuple[str, ...]] = []
    for group in groups.values():
        own = [path for path in group if path[-1] == levels[path]]
        codes = [path for path in group if path in named]
        keepers = (
            group
            if len(group) == 1
            else [p for p in own if p in named] or own or (codes if len(codes) == 1 else [])
        )
        for path in group:
            if keepers and path == keepers[0]:
                told[path] = levels[path]
            else:
                suffixed.append(path)
    taken = {obsidian_tag_key(tag) for tag in told.values()}
    for path in sorted(suffixed):
        digest = hashlib.sha1("/".join(path).encode("utf-8", "surrogatepass")).hexdigest()
        tries = (digest[:n] for n in range(4, len(digest) + 1, 4))
        for suffix in chain(tries, (f"{digest}-{i}" for i in count(2))):
            tag = f"{levels[path]}-{suffix}"
            if obsidian_tag_key(tag) not in taken:
                break
        told[path] = tag
        taken.add(obsidian_tag_key(tag))
    return told


# The HTML blocks that run past a blank line to their end condition (CommonMark 4.6, kinds 1
# to 5), each with the text that ends it.
_MAY_OPEN = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]*(?:```|~~~|<)")
_HTML_ENDS = (
    (re.compile(r"[ \t]*<(script|pre|style|textarea)(?:\s|>|$)", re.IGNORECASE), None),
    (re.compile(r"[ \t]*<!--"), "-->"),
    (re.compile(r"[ \t]*<\?"), "?>"),
    (re.compile(r"[ \t]*<![A-Za-z]"), ">"),
    (re.compile(r"[ \t]*<!\[CDATA\["), "]]>"),
)


def closed_blocks(lines: list[str]) -> list[str]:
    """The lines of Markdown a user wrote (a memo) with a line after them closing what they
    left open and would run on into what follows them in a note: a code fence not closed
    (``` then code), an HTML comment, ``<pre>`` or the like not ended, an odd ``%%`` (an
    Obsidian comment, hiding the rest of the note).  A memo ending so swallowed the note's
    ``## Passages`` heading and every passage after it into its code block or comment."""
    if not any(_MAY_OPEN.match(line) or "%%" in line for line in lines):
        return lines  # nothing to open: most memos, not parsed again
    closers: list[str] = []
    code: set[int] = set()
    for token in MARKDOWN.parse("\n".join(lines)):
        if token.map is None or token.type not in _CODE:
            continue
        first, end = token.map
        code.update(range(first, end))
        if token.level != 0 or end < len(lines):
            continue  # closed, or by the end of its container (a quote, a list item)
        if token.type == "fence" and not _fence_closed(lines[first:end], token.markup):
            closers.append(token.markup)
        elif token.type == "html_block":
            closers += _html_closer(token.content)
    comments = sum(line.count("%%") for i, line in enumerate(lines) if i not in code)
    if comments % 2:
        closers.append("%%")
    return [*lines, *closers] if closers else lines


def _fence_closed(lines: list[str], markup: str) -> bool:
    if len(lines) < 2:
        return False
    last = lines[-1].strip()
    return len(last) >= len(markup) and set(last) == {markup[0]}


def _html_closer(content: str) -> list[str]:
    for start, end in _HTML_ENDS:
        opened = start.match(content)
        if opened is None:
            continue
        if end is None:
            end = f"</{opened.group(1).lower()}>"
            return [] if end in content.lower() else [end]
        return [] if end in content[opened.end() :] else [end]
    return []


# A line that may be a heading or a setext heading's underline: most memos hold none and
# are not parsed
_MAY_HEAD = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")


def nested_headings(lines: list[str], under: int) -> list[str]:
    """The lines of Markdown a user wrote (a memo) with their headings nested under a heading
    of level ``under`` of the note they go in: the highest of them one level below it, the
    others as far below that as they were (none past 6), so that a memo's ``# Lucía`` under
    a note's ``## Memo`` is no second title of the note in its outline.  A setext heading
    (a line over ``===`` or ``---``) is written as the ATX heading of its level.  Headings in
    a quote or a list the memo holds, and ``under`` 0 (the memo the whole note), are left."""
    if under <= 0 or not any(_MAY_HEAD.match(line) for line in lines):
        return lines
    headings = [
        token
        for token in MARKDOWN.parse("\n".join(lines))
        if token.type == "heading_open" and token.level == 0 and token.map is not None
    ]
    if not headings:
        return lines
    top = min(int(token.tag[1]) for token in headings)
    written = list(lines)
    for token in reversed(headings):  # from the last: a setext heading takes fewer lines
        assert token.map is not None
        first, end = token.map
        marks = "#" * min(6, int(token.tag[1]) - top + under + 1)
        if token.markup.startswith("#"):
            line = written[first]
            indent = len(line) - len(line.lstrip(" "))
            written[first] = line[:indent] + marks + line[indent:].lstrip("#")
            continue
        words = " ".join(line.strip() for line in written[first : end - 1])
        if words.endswith("#"):  # no closing sequence of the ATX heading
            words = words[:-1] + "\\#"
        written[first:end] = [f"{marks} {words}"]
    return written
