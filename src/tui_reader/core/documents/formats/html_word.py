"""Lists of a page Word saved ("Save as Web Page", "Web Page, Filtered"): made lists again.

Word writes each item of a list a paragraph of its own (``<p class=MsoListParagraph
style='mso-list:l0 level1 lfo1'>``), its bullet or number in a span a browser shows and Word
reads past (``<span style='mso-list:Ignore'>·&nbsp;&nbsp;</span>``), its nesting in its
style (``level2``).  Read as it stands, each item was a paragraph opening with "·" (the Symbol
font's bullet) or "1.".  Such a run of paragraphs is made the list (``<ul>``, ``<ol>``) it is,
nested as its levels say, each item's bullet or number taken out of its text, and a number
kept as its item's label (:data:`LABEL`).

"Web Page, Filtered" writes no ``mso-list``: an item is a paragraph hung out by a negative
indent (``text-indent:-.25in``) opening with a span of its bullet's font holding the bullet
("·" in Symbol, "o" in Courier New) or number and a spacer span of blanks; its nesting is its
left margin (``margin-left:1.0in``), a deeper item the further in.
"""

from __future__ import annotations

import re
from typing import Any

_ITEM = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
_HUNG = re.compile(r"(?:^|;)\s*text-indent\s*:\s*-", re.IGNORECASE)
_MARGIN = re.compile(r"(?:^|;)\s*margin-left\s*:\s*(-?[\d.]+)\s*(in|pt|cm|mm|px|pc)", re.IGNORECASE)
_POINTS = {"in": 72.0, "pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0}
_FILTERED_LEVEL = 10
"""The level of a filtered page's items before their margins: above any ``mso-list`` level."""
LABEL = "data-word-label"
"""The attribute of an item of an ordered list made here holding the number Word gave it."""


def word_lists(page: Any) -> None:
    """Make each run of Word's list paragraphs in ``page`` a list, each item of an ordered
    one holding the label Word numbered it with ("1.", "a)", "iv.") in :data:`LABEL`."""
    runs: list[list[tuple[Any, int, str]]] = []
    last = None
    for paragraph in list(page.iter("p")):
        style = str(paragraph.get("style") or "")
        if not style and not _word_class(paragraph):
            continue  # no paragraph of Word's (most of a page's have no style)
        found = _ITEM.search(style)
        if found is not None:
            label = _label(paragraph)
            level = min(int(found.group(1)), 9)
        else:  # "Web Page, Filtered": no list style, a bullet hung out by its indent
            label = _filtered_label(paragraph)
            level = _FILTERED_LEVEL + _margin(style)
        if label is None:
            continue  # no bullet or number shown: a paragraph, as the browser shows it
        item = (paragraph, level, label)
        if last is not None and paragraph.getprevious() is last and not (last.tail or "").strip():
            runs[-1].append(item)
        else:
            runs.append([item])
        last = paragraph
    for run in runs:
        _made_list(run)


def _label(paragraph: Any) -> str | None:
    """The bullet or number Word wrote opening ``paragraph``, taken out of it (its tail
    kept); ``None`` when it has none."""
    for element in paragraph.iter():
        if element is not paragraph and _IGNORE.search(str(element.get("style") or "")):
            label = " ".join("".join(element.itertext()).split())
            # The label goes, and the spans that held nothing else (its font's): the
            # extractor left out a list whose items open with an empty element.
            while (
                element.getparent() is not paragraph
                and len(element.getparent()) == 1
                and not (element.getparent().text or "").strip()
            ):
                element = element.getparent()
            element.drop_tree()  # its tail, the words after the label, stays
            return label
    return None


def _filtered_label(paragraph: Any) -> str | None:
    """The bullet or number opening ``paragraph`` as "Web Page, Filtered" writes it, taken
    out of it (its tail kept); ``None`` when ``paragraph`` is no such item.

    The item is a paragraph of Word's (its class ``Mso...``) hung out by a negative indent,
    its first words a span holding the bullet or number, then a span of blanks only (the
    space Word puts before the item's words)."""
    if not _word_class(paragraph):
        return None
    if not _HUNG.search(str(paragraph.get("style") or "")):
        return None
    if (paragraph.text or "").strip() or not len(paragraph) or paragraph[0].tag != "span":
        return None
    opening = paragraph[0]
    spacer = opening
    while len(spacer):
        spacer = spacer[-1]
        if spacer.tag != "span":
            return None
    if spacer is opening or "".join(spacer.itertext()).strip() or (spacer.tail or "").strip():
        return None
    label = " ".join("".join(opening.itertext()).split())
    if not label or len(label) > 8 or " " in label:
        return None
    opening.drop_tree()  # its tail, the words after the label, stays
    return label


def _word_class(paragraph: Any) -> bool:
    """Whether ``paragraph`` has a class of Word's (``MsoNormal``, ``MsoListParagraph``)."""
    return str(paragraph.get("class") or "").lower().startswith("mso")


def _margin(style: str) -> int:
    """The left margin ``style`` gives, in points (an item the further in, the deeper); 36,
    half an inch, Word's for a first level, when it gives none."""
    found = _MARGIN.search(style)
    if found is None:
        return 36
    try:
        points = float(found.group(1)) * _POINTS[found.group(2).lower()]
    except ValueError:
        return 36
    return max(0, round(points))


def _numbered(label: str) -> bool:
    """Whether ``label`` numbers its item ("1.", "a)", "iv.", "2.1") rather than being a
    bullet ("·", "o", "§", "-")."""
    return any(c.isdigit() for c in label) or (
        len(label) > 1 and label[-1] in ".)" and label[:-1].strip("(").isalnum()
    )


def _made_list(run: list[tuple[Any, int, str]]) -> None:
    """Make the paragraphs of ``run`` (each with its level and label) a list where the first
    stood."""
    first = run[0][0]
    parent = first.getparent()
    tail = run[-1][0].tail
    place = parent.index(first)
    stack: list[tuple[int, Any]] = []  # the lists open, each with its level
    top = None
    for paragraph, level, label in run:
        ordered = _numbered(label)
        tag = "ol" if ordered else "ul"
        while stack and (
            stack[-1][0] > level or (stack[-1][0] == level and stack[-1][1].tag != tag)
        ):
            stack.pop()
        if not stack or stack[-1][0] < level:
            made = parent.makeelement(tag, {})
            if stack and len(stack[-1][1]):
                stack[-1][1][-1].append(made)  # nested in the item above
            elif stack:
                stack[-1][1].append(made)
            else:  # at the first level: where the run starts, or after the list before
                parent.insert(place if top is None else parent.index(top) + 1, made)
                top = made
            stack.append((level, made))
        parent.remove(paragraph)
        paragraph.tag = "li"
        paragraph.attrib.clear()
        paragraph.tail = None
        stack[-1][1].append(paragraph)
        if ordered:
            paragraph.set(LABEL, label)
    if top is not None:
        top.tail = tail
