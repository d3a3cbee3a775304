"""OpenDocument list numbers: the labels ("1.", "b)", "2.1.") a list item shows.

What ODF says, and what is followed:

- A list style (``text:list-style``) has one style per level: numbered
  (``text:list-level-style-number``: ``style:num-format`` "1", "a", "A", "i", "I" or ""
  for none, its letters past z "aa", "ab" unless ``style:num-letter-sync`` makes them
  "aa", "bb", ``style:num-prefix``/``style:num-suffix``, ``text:start-value``,
  ``text:display-levels`` for labels such as "2.1."), bulleted or an image.
- List styles live in ``content.xml`` (automatic styles, the usual case) or in ``styles.xml``
  (named styles such as "Numbering 123", and its own automatic styles); a list that names no
  style takes the one of its enclosing list, else the list style of its first paragraph's
  paragraph style (through ``style:parent-style-name``).
- A list restarts its numbers unless it continues another: ``text:continue-list`` names the
  ``xml:id`` of the list it continues, ``text:continue-numbering="true"`` continues the list
  before it when both have the same style.  An item's ``text:start-value`` restarts there.
- Headings are numbered by the outline style (``text:outline-style``, in ``styles.xml``;
  LibreOffice's default numbers nothing) unless ``text:is-list-header`` says not to.
- A level restarts when a shallower level counts an item; an item that holds only a nested
  list (or a ``text:list-header``) counts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui_reader.core.documents.formats.builder import number_label

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
MAX_LEVEL = 10
# Letters run a..z, aa, ab, .. unless ``style:num-letter-sync`` is true: a..z, aa, bb, ..
# (LibreOffice's "a, .., aa, .., aaa", Word's way).
_FORMATS = {"1": "decimal", "a": "alpha", "A": "Alpha", "i": "lowerRoman", "I": "upperRoman"}
_SYNCED = {"a": "lowerLetter", "A": "upperLetter"}


@dataclass(frozen=True, slots=True)
class LevelStyle:
    """How one level of a list is labelled."""

    numbered: bool = False
    fmt: str = ""  # style:num-format: "1", "a", "A", "i", "I", "" (no number)
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    display_levels: int = 1
    letter_sync: bool = False  # style:num-letter-sync: aa, bb, .. after z, not aa, ab


ListStyle = dict[int, LevelStyle]  # level (1-based) -> its style


class ListStyles:
    """The list styles and the paragraph styles' list styles of one document."""

    def __init__(self, content: Any, styles: Any | None) -> None:
        self.lists: dict[str, ListStyle] = {}
        self.outline: ListStyle = {}  # how headings are numbered (text:outline-style)
        self._paragraph_lists: dict[str, str] = {}
        self._parents: dict[str, str] = {}
        # styles.xml first: an automatic style of content.xml of the same name wins.
        for root in (styles, content):
            if root is not None:
                self._read(root)

    def _read(self, root: Any) -> None:
        for node in root.iter(f"{TEXT}list-style"):
            self.lists[str(node.get(f"{STYLE}name") or "")] = _list_style(node)
        for node in root.iter(f"{TEXT}outline-style"):
            self.outline = _list_style(node)
        for node in root.iter(f"{STYLE}style"):
            if node.get(f"{STYLE}family") != "paragraph":
                continue
            name = str(node.get(f"{STYLE}name") or "")
            listed = node.get(f"{STYLE}list-style-name")
            if listed is not None:
                self._paragraph_lists[name] = str(listed)
            parent = node.get(f"{STYLE}parent-style-name")
            if parent:
                self._parents[name] = str(parent)

    def of_paragraph(self, style_name: str) -> str:
        """The list style a paragraph style (or one it inherits from) names, or ""."""
        seen: set[str] = set()
        name = style_name
        while name and name not in seen:
            if name in self._paragraph_lists:
                return self._paragraph_lists[name]
            seen.add(name)
            name = self._parents.get(name, "")
        return ""


class ListCounter:
    """The numbers of one list (a top-level ``text:list`` and the lists it continues)."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}

    def next_label(self, level: int, style: ListStyle, start_value: int | None) -> str | None:
        """Count an item at ``level`` (1-based) and return its label; ``None`` for a bullet."""
        own = style.get(level, LevelStyle())
        if not own.numbered:
            return None
        if start_value is not None:
            self.counts[level] = start_value
        elif level in self.counts:
            self.counts[level] += 1
        else:
            self.counts[level] = own.start
        for deeper in [d for d in self.counts if d > level]:
            del self.counts[deeper]
        numbers = []
        for shown in range(max(1, level - own.display_levels + 1), level + 1):
            rule = style.get(shown, LevelStyle()) if shown != level else own
            if rule.fmt in _FORMATS:
                value = self.counts.get(shown, rule.start)
                fmt = _SYNCED.get(rule.fmt) if rule.letter_sync else None
                numbers.append(number_label(value, fmt or _FORMATS[rule.fmt]))
        return (own.prefix + ".".join(numbers) + own.suffix).strip()


def _list_style(node: Any) -> ListStyle:
    levels: ListStyle = {}
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        level = _int(str(child.get(f"{TEXT}level") or ""))
        if level is None or not 1 <= level <= MAX_LEVEL:
            continue
        if tag in (f"{TEXT}list-level-style-number", f"{TEXT}outline-level-style"):
            levels[level] = LevelStyle(
                numbered=True,
                fmt=str(child.get(f"{STYLE}num-format") or ""),
                prefix=str(child.get(f"{STYLE}num-prefix") or ""),
                suffix=str(child.get(f"{STYLE}num-suffix") or ""),
                start=_int(str(child.get(f"{TEXT}start-value") or "")) or 1,
                display_levels=_int(str(child.get(f"{TEXT}display-levels") or "")) or 1,
                letter_sync=str(child.get(f"{STYLE}num-letter-sync") or "") == "true",
            )
        elif tag in (f"{TEXT}list-level-style-bullet", f"{TEXT}list-level-style-image"):
            levels[level] = LevelStyle()
    return levels


def _int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdecimal() and len(value) < 10 else None
