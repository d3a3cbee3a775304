"""Word list numbers: the labels ("1.", "b)", "iv.", "2.1") Word shows before list items.

Neither python-docx nor mammoth computes them (python-docx exposes the numbering part as XML;
mammoth keeps only "ordered or not" per level), so the counting lives here.  What Word does,
and what is followed:

- ``word/numbering.xml`` holds abstract definitions (``w:abstractNum``: per level a format,
  a label template such as ``%1.%2.``, a start value, an optional ``w:lvlRestart``) and
  instances (``w:num``) pointing at one, possibly with ``w:lvlOverride``
  (``w:startOverride`` or a whole replacement ``w:lvl``).
- Instances of one abstract definition share their counters: a list continues across them,
  unless an instance overrides a level's start, which restarts that level where the instance
  is first used ("Restart numbering" in Word makes such an instance).
- A level restarts when a shallower level is used (or after the level ``w:lvlRestart``
  names; 0 = never).
- ``w:numStyleLink`` points an abstract definition at a numbering style whose instance holds
  the real definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui_reader.core.documents.formats.builder import number_label

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_LEVEL = 8
_PLACEHOLDER = ("%1", "%2", "%3", "%4", "%5", "%6", "%7", "%8", "%9")


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    fmt: str = "decimal"  # w:numFmt: decimal, lowerLetter, upperRoman, bullet, none, ...
    text: str = "%1."  # w:lvlText: the label template
    start: int = 0  # w:start (0 when absent, as the standard says)
    restart: int | None = None  # w:lvlRestart: restart after this level (1-based); 0 = never
    legal: bool = False  # w:isLgl: every number of the label in digits
    spaced: bool = True  # w:suff is tab or space (not "nothing"): the text is set apart

    @property
    def ordered(self) -> bool:
        """Counted (a number format, or "none": counted, its number not shown)."""
        return self.fmt not in ("bullet", "")


@dataclass(slots=True)
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvl replacements per level


class Numbering:
    """The list definitions of one document and the counters as its paragraphs are read."""

    def __init__(self, root: Any | None, style_nums: dict[str, str]) -> None:
        """``root`` is ``word/numbering.xml`` (or ``None``); ``style_nums`` maps numbering
        style ids to the instance their ``w:numPr`` names (for ``w:numStyleLink``)."""
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract id -> numbering style id it links to
        self._instances: dict[str, _Instance] = {}
        self._style_nums = style_nums
        self._counts: dict[str, dict[int, int]] = {}  # abstract id -> level -> last number
        self._used: set[str] = set()
        self.style_levels: dict[str, int] = {}  # paragraph style id -> level (w:lvl/w:pStyle)
        if root is not None:
            self._read(root)

    def _read(self, root: Any) -> None:
        for node in root.iter(f"{W}abstractNum"):
            abstract_id = str(node.get(f"{W}abstractNumId"))
            levels: dict[int, Level] = {}
            for lvl in node.findall(f"{W}lvl"):
                level = _level_index(lvl)
                if level is not None:
                    levels[level] = _level(lvl)
                    style = _val(lvl.find(f"{W}pStyle"))
                    if style and level is not None:
                        self.style_levels.setdefault(style, level)
            self._abstract[abstract_id] = levels
            link = _val(node.find(f"{W}numStyleLink"))
            if link:
                self._links[abstract_id] = link
        for node in root.iter(f"{W}num"):
            instance = _Instance(_val(node.find(f"{W}abstractNumId")))
            for override in node.findall(f"{W}lvlOverride"):
                level = _level_index(override)
                if level is None:
                    continue
                start = _int(_val(override.find(f"{W}startOverride")))
                replacement = override.find(f"{W}lvl")
                if replacement is not None:
                    instance.levels[level] = _level(replacement)
                    if start is None and replacement.find(f"{W}start") is not None:
                        start = instance.levels[level].start
                if start is not None:
                    instance.starts[level] = start
            self._instances[str(node.get(f"{W}numId"))] = instance

    def _abstract_of(self, num_id: str) -> str | None:
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        abstract = instance.abstract
        for _ in range(4):  # a numbering style's instance holds the linked definition
            link = self._links.get(abstract)
            linked = self._instances.get(self._style_nums.get(link, "")) if link else None
            if linked is None or linked.abstract == abstract:
                break
            abstract = linked.abstract
        return abstract

    def list_of(self, num_id: str) -> str:
        """The list ``num_id`` belongs to (instances of one definition are one list)."""
        abstract = self._abstract_of(num_id)
        return f"abstract:{abstract}" if abstract is not None else num_id

    def level(self, num_id: str, level: int) -> Level | None:
        """The definition of ``level`` in instance ``num_id`` (``None`` when there is none)."""
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        if level in instance.levels:
            return instance.levels[level]
        return self._abstract.get(self._abstract_of(num_id) or "", {}).get(level)

    def suffix(self, num_id: str, level: int) -> str:
        """What follows the label: a space, or nothing (``w:suff="nothing"``)."""
        definition = self.level(num_id, level)
        return " " if definition is None or definition.spaced else ""

    def next_label(self, num_id: str, level: int) -> str | None:
        """Count a list item of ``num_id`` at ``level`` and return its label ("3.", "b)");
        ``None`` for a bullet (or an unknown list), "" for a level without a label."""
        definition = self.level(num_id, level)
        abstract = self._abstract_of(num_id)
        if definition is None or abstract is None or not definition.ordered:
            return None
        instance = self._instances[num_id]
        counts = self._counts.setdefault(abstract, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for overridden in instance.starts:  # "Restart numbering": start again here
                counts.pop(overridden, None)
        counts[level] = counts[level] + 1 if level in counts else self._start(num_id, level)
        for deeper in [d for d in counts if d > level]:
            rule = self.level(num_id, deeper)
            restart = rule.restart if rule is not None and rule.restart is not None else deeper
            if restart != 0 and level < restart:
                del counts[deeper]
        return self._label(num_id, level, definition, counts)

    def _start(self, num_id: str, level: int) -> int:
        instance = self._instances[num_id]
        if level in instance.starts:
            return instance.starts[level]
        definition = self.level(num_id, level)
        return definition.start if definition is not None else 1

    def _label(self, num_id: str, level: int, definition: Level, counts: dict[int, int]) -> str:
        label = definition.text
        for shown in range(min(level, _MAX_LEVEL) + 1):
            placeholder = _PLACEHOLDER[shown]
            if placeholder not in label:
                continue
            rule = self.level(num_id, shown) or definition
            value = counts.get(shown, self._start(num_id, shown))
            fmt = "decimal" if definition.legal else rule.fmt
            label = label.replace(placeholder, number_label(value, fmt))
        return label.strip()


def _level(node: Any) -> Level:
    fmt = _val(node.find(f"{W}numFmt")) or "decimal"
    text_node = node.find(f"{W}lvlText")
    text = str(text_node.get(f"{W}val") or "") if text_node is not None else "%1."
    start = _int(_val(node.find(f"{W}start")))
    restart = _int(_val(node.find(f"{W}lvlRestart")))
    legal_node = node.find(f"{W}isLgl")
    legal = legal_node is not None and _val(legal_node).lower() not in ("0", "false", "off")
    spaced = _val(node.find(f"{W}suff")) != "nothing"
    return Level(fmt, text, start if start is not None else 0, restart, legal, spaced)


def _level_index(node: Any) -> int | None:
    level = _int(str(node.get(f"{W}ilvl") or ""))
    return level if level is not None and 0 <= level <= _MAX_LEVEL else None


def _int(value: str) -> int | None:
    value = value.strip()
    if value.lstrip("-").isdecimal() and len(value) < 10:
        return int(value)
    return None


def _val(node: Any) -> str:
    return str(node.get(f"{W}val") or "") if node is not None else ""
