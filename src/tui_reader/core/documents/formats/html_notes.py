"""A web page's notes read as a browser shows them: a reference its label in brackets,
the notes without their links back, a note opening with its label."""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from tui_reader.core.documents.formats.html_text import note_reference

# What a link back from a note to where it is referred to shows: a mark, not words.
_BACK_MARKS = frozenset({"↩", "↑", "^", "⤴", "↵", "⮌"})


def notes_kept(page: Any) -> None:
    """Make a page's notes read as a browser shows them: a reference to a note its label in
    brackets ("claim[1]"; the extractor made it a word apart: "claim 1"), and the notes at
    the end without their links back to the text (an arrow, "↩", or the note's label), for
    which the extractor dropped every note: a blog's, Word's "Web Page", a wiki's."""
    _linked_notes(page)
    for anchor in list(page.iter("a")):
        href = str(anchor.get("href", ""))
        if anchor.getparent() is None or not href.startswith("#"):
            continue
        shown = "".join("".join(anchor.itertext()).split()).strip("\ufe0e\ufe0f")
        if str(anchor.get("role", "")).lower() == "doc-backlink" or shown in _BACK_MARKS:
            anchor.drop_tree()  # its tail stays
        elif "ref" in href.lower() and _NOTE_LABEL.fullmatch(shown):
            anchor.drop_tag()  # the note's label, a link back: its text stays
    for node in list(page.iter("a", "sup")):
        if node.getparent() is not None and note_reference(node, node.tag):
            label = "".join("".join(node.itertext()).split())
            shown = lxml.html.Element("span")
            shown.text = label if label.startswith("[") else f"[{label}]"
            shown.tail = node.tail
            node.getparent().replace(node, shown)


def _linked_notes(page: Any) -> None:
    """A note's reference and its note that link to each other, marked as no format marks
    them (Substack's ``<a class="footnote-anchor" id="footnote-anchor-1"
    href="#footnote-1">1</a>``, its note opening with ``<a id="footnote-1"
    href="#footnote-anchor-1">1</a>``): the reference its label in brackets ("overnight[1]"),
    the note opening with it ("[1] The note.").  The reference ran into the word before it
    ("overnight1"), and the note's number was a paragraph of its own above its words."""
    references = page.xpath("/descendant::a[starts-with(@href, '#')][@id or parent::sup[@id]]")
    if not references:
        return
    ids: dict[str, Any] = {}
    for element in page.xpath("/descendant::*[@id]"):  # see html_elements.named_by
        ids.setdefault(str(element.get("id")), element)
    for reference in references:
        href = str(reference.get("href", ""))
        own = reference.get("id")
        if not own and reference.getparent() is not None and reference.getparent().tag == "sup":
            own = reference.getparent().get("id")
        if not href.startswith("#") or not own or reference.getparent() is None:
            continue
        label = "".join("".join(reference.itertext()).split())
        target = ids.get(href[1:])
        if target is None or not _NOTE_LABEL.fullmatch(label) or target is reference:
            continue
        back = [a for a in target.iter("a") if str(a.get("href", "")) == f"#{own}"]
        if not back:
            continue
        shown_label = label if label.startswith("[") else f"[{label}]"
        note = target.getparent() if target.tag == "a" else target
        # (a note numbered by its link back, not by a list's item or words of its own)
        numbered = any("".join("".join(a.itertext()).split()) == label for a in back)
        for link in back:
            if link.getparent() is not None:
                link.drop_tree()  # its tail stays
        if numbered and note is not None and " ".join("".join(note.itertext()).split()):
            holder = note
            while not (holder.text or "").strip() and len(holder) and holder[0].tag in ("p", "div"):
                holder = holder[0]
            holder.text = f"{shown_label} {(holder.text or '').lstrip()}"
        shown = lxml.html.Element("span")
        shown.text = shown_label
        replaced = reference
        parent = reference.getparent()
        if parent.tag == "sup" and len(parent) == 1 and not (parent.text or "").strip():
            replaced = parent
        shown.tail = replaced.tail
        replaced.getparent().replace(replaced, shown)


_NOTE_LABEL = re.compile(r"\[?[\w*†‡§]{1,4}\]?")
