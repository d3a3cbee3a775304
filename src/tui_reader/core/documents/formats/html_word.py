"""Lists of a page Word saved ("Save as Web Page"): made lists again.

Word writes each item of a list a paragraph of its own (``<p class=MsoListParagraph
style='mso-list:l0 level1 lfo1'>``), its bullet or number in a span a browser shows and Word
reads past (``<span style='mso-list:Ignore'>·&nbsp;&nbsp;</span>``), its nesting in its
style (``level2``).  Read as it stands, each item was a paragraph opening with "·" (the Symbol
font's bullet) or "1.".  Such a run of paragraphs is made the list (``<ul>``, ``<ol>``) it is,
nested as its levels say, each item's bullet or number taken out of its text, and a number
kept as its item's label (:data:`LABEL`).
"""

from __future__ import annotations

import re
from typing import Any

_ITEM = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
LABEL = "data-word-label"
"""The attribute of an item of an ordered list made here holding the number Word gave it."""


def word_lists(page: Any) -> None:
    """Make each run of Word's list paragraphs in ``page`` a list, each item of an ordered
    one holding the label Word numbered it with ("1.", "a)", "iv.") in :data:`LABEL`."""
    runs: list[list[tuple[Any, int, str]]] = []
    last = None
    for paragraph in list(page.iter("p")):
        found = _ITEM.search(str(paragraph.get("style") or ""))
        if found is None:
            continue
        label = _label(paragraph)
        if label is None:
            continue  # no bullet or number shown: a paragraph, as the browser shows it
        item = (paragraph, min(int(found.group(1)), 9), label)
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
