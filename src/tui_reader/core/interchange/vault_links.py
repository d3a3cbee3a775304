"""The links of a vault's notes to a note the export renamed with its document's file, made
to name it by its new name, as Obsidian changes them when a note is renamed in it.

A document's file renamed in the corpus (``Carlos Méndez.txt`` made ``P03.txt``, its
annotations following it by its text) gets its note renamed (``Documents/P03.md``): the
user's links to the note by its old name, in their own notes, named nothing.  Each link to
it is changed as Obsidian changes it: a wikilink (``[[Carlos Méndez]]``, with a heading, a
block, a text shown, embedded with ``!``; by its name, or by its path in the vault, with
``.md`` or without), a Markdown link by its path (``[x](Documents/Carlos%20M%C3%A9ndez.md)``,
from the note's folder or the vault's), the name compared without regard to case, as
Obsidian links name notes.  What is written as code (a fenced block, a span in backticks)
is left as it is, as Obsidian leaves it.  A canvas (``.canvas``, JSON Canvas) names the
note by its path in a file card (``"file": "Documents/Carlos Méndez.md"``) and links to it
in the Markdown of its text cards: both are changed, as Obsidian changes them, and nothing
else of the file.  A note or canvas not in UTF-8 (a note saved in Latin-1 by another
editor) has its links changed all the same, each byte of it that is no UTF-8 kept as it is.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from tui_reader.core.errors import TuiReaderError

# A fenced block of code, a code span, a wikilink, or a Markdown link's target: the first
# two kept as they are, in the order they come (a link inside code is no link)
_CODE_OR_LINK = re.compile(
    r"(?P<fence>^[ \t]{0,3}(?P<mark>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}(?P=mark)[ \t]*$"
    r"|^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*\n.*\Z)"
    r"|(?P<span>(?P<ticks>`+)(?:(?!\n[ \t]*\n).)+?(?P=ticks))"
    r"|(?P<wiki>\[\[(?P<target>[^\[\]|#^\n]*)(?P<rest>[^\[\]\n]*)\]\])"
    r"|(?P<markdown>\]\((?P<url><[^<>\n]*>|[^()\s<>]+)(?P<title>[ \t][^()\n]*)?\))",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Renamed:
    """A note renamed: its path in the vault (POSIX, from the vault's folder, with
    ``.md``) before and after."""

    before: str
    after: str


def relinked(text: str, renamed: Renamed, folder: str) -> str:
    """``text``, the text of the note in ``folder`` (its folder's path in the vault, "" for
    the vault's own), with each link to the note ``renamed`` naming it as it is now."""
    old_stem = posixpath.splitext(posixpath.basename(renamed.before))[0].casefold()
    new_stem = posixpath.splitext(posixpath.basename(renamed.after))[0]
    old_path = renamed.before.casefold()

    def named(target: str) -> str | None:
        """The wikilink target ``target`` naming the note as it is now; None when it names
        another note."""
        bare = target.strip()
        suffix = ".md" if bare.casefold().endswith(".md") else ""
        path = bare[: len(bare) - len(suffix)]
        head, _, last = path.rpartition("/")
        if last.casefold() != old_stem:
            return None
        written = f"{path}.md".casefold().lstrip("/")
        if head and old_path != written and not old_path.endswith(f"/{written}"):
            return None
        return f"{head}/{new_stem}{suffix}" if head else f"{new_stem}{suffix}"

    def linked(url: str) -> str | None:
        """The Markdown link target ``url`` naming the note as it is now; None when it
        names another file (or a web page)."""
        angled = url.startswith("<")
        raw = url[1:-1] if angled else url
        where, hash_, fragment = raw.partition("#")
        if not where or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", where):
            return None
        path = unquote(where)
        candidates = {posixpath.normpath(posixpath.join(folder, path)), posixpath.normpath(path)}
        if old_path not in {c.casefold().lstrip("/") for c in candidates}:
            return None
        name = f"{new_stem}.md"
        if not angled:
            name = quote(name, safe="")
        made = f"{where.rpartition('/')[0]}/{name}" if "/" in where else name
        made += hash_ + fragment
        return f"<{made}>" if angled else made

    def swap(match: re.Match[str]) -> str:
        if match["wiki"] is not None:
            target = named(match["target"])
            return match[0] if target is None else f"[[{target}{match['rest']}]]"
        if match["markdown"] is not None:
            url = linked(match["url"])
            return match[0] if url is None else f"]({url}{match['title'] or ''})"
        return match[0]  # code

    return _CODE_OR_LINK.sub(swap, text)


def relinked_canvas(text: str, renamed: Renamed, folder: str) -> str:
    """``text``, a canvas's JSON in ``folder`` (as :func:`relinked`), with its file cards
    naming the note ``renamed`` by its path now and each link to it in its text cards
    changed (:func:`relinked`).  Only those strings are written again (as JSON writes a
    string, characters beyond ASCII as they are): the rest of the file, its layout and
    its other cards, is left byte for byte; a file that is no JSON is left whole."""
    old_path = renamed.before.casefold()
    try:
        json.loads(text)
    except ValueError:
        return text  # no canvas Obsidian opens: not touched

    def swap(match: re.Match[str]) -> str:
        key, value = match["key"], match["value"]
        if value is None or key not in ('"file"', '"text"'):
            return match[0]
        try:
            was = json.loads(value)
        except ValueError:
            return match[0]
        if not isinstance(was, str):
            return match[0]
        if key == '"file"':
            now = renamed.after if was.casefold().lstrip("/") == old_path else was
        else:
            now = relinked(was, renamed, folder)
        if now == was:
            return match[0]
        return match[0][: match.start("value") - match.start()] + json.dumps(
            now, ensure_ascii=False
        )

    return _JSON_STRING.sub(swap, text)


# Each string of a JSON text, left to right (so no match starts inside a string), and when
# it is a key, the string that is its value
_JSON_STRING = re.compile(
    r'(?P<key>"(?:[^"\\]|\\.)*")(?:\s*:\s*(?P<value>"(?:[^"\\]|\\.)*"))?', re.DOTALL
)


def relink(
    root: Path, notes: Iterable[Path], renamed: Mapping[str, str]
) -> list[tuple[Path, bytes, bytes]]:
    """Each of ``notes`` of the vault in ``root`` (its Markdown notes and its canvases) with
    its links to the notes ``renamed`` (their paths in the vault before -> after) changed
    (:func:`relinked`, :func:`relinked_canvas`), written atomically: the files changed, with
    what each held before and holds now.  A file's bytes that are no UTF-8 are kept as they
    are (read and written again as the bytes they are); one that cannot be read or written
    is left as it is."""
    from tui_reader.core.interchange.workspace_export import write_atomically

    changed = []
    for note in notes:
        try:
            data = note.read_bytes()
        except OSError:
            continue
        text = data.decode("utf-8", "surrogateescape")
        change = relinked_canvas if note.suffix.lower() == CANVAS else relinked
        folder = note.parent.relative_to(root).as_posix()
        now = text
        for before, after in renamed.items():
            now = change(now, Renamed(before, after), "" if folder == "." else folder)
        if now == text:
            continue
        written = now.encode("utf-8", "surrogateescape")
        try:
            write_atomically(note, written, overwrite=True, synced=False)
        except TuiReaderError:
            continue
        changed.append((note, data, written))
    return changed


CANVAS = ".canvas"  # an Obsidian canvas's file name ends so
