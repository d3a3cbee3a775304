"""A web page's passages the extractor loses or runs together, made blocks it keeps: a
list of definitions a passage per term, paragraphs parted by two line breaks, the words
opening a section, an address or a centred line."""

from __future__ import annotations

from typing import Any

import lxml.etree
import lxml.html

from tui_reader.core.documents.formats.html_elements import BLOCK_HOLDERS, INLINE_ONLY, blank

# Elements the article extractor loses the text of when it stands first in them, before a
# line break or a block ("<address>Casa Ana<br>Calle 5</address>", "<section>Intro<p>..."),
# or all of it ("<center>Casa Ana</center>"); a <div> keeps it.
_LEADING_TEXT_LOST = ("section", "article", "main", "center", "address", "span", "font")
_WORDS_KEPT = ("li", "blockquote")  # whose opening span the extractor reads whole


def definitions_paired(page: Any) -> None:
    """Each term of a list of definitions (``<dl>``) and its definitions one passage, each
    on a line of it (``<br>``): the extractor made every term and every definition an item
    of a bulleted list, and which definition was whose was lost ("• Alpha", "• The first
    letter", "• Beta").  A list whose terms or definitions hold blocks is left as it is."""
    for dl in list(page.iter("dl")):
        parent = dl.getparent()
        members = [child for child in dl if isinstance(child.tag, str)]
        if parent is None or not members or any(m.tag not in ("dt", "dd") for m in members):
            continue
        if any(
            isinstance(inner.tag, str) and inner.tag not in INLINE_ONLY
            for member in members
            for inner in member.iterdescendants()
        ):
            continue
        holder = lxml.html.Element("div")
        passage: Any = None
        previous = ""
        for member in members:
            if passage is None or (member.tag == "dt" and previous == "dd"):
                passage = lxml.etree.SubElement(holder, "p")
            elif len(passage) or passage.text:
                lxml.etree.SubElement(passage, "br")
            previous = member.tag
            words = member.text or ""
            if len(passage):
                passage[-1].tail = (passage[-1].tail or "") + words
            else:
                passage.text = (passage.text or "") + words
            for inner in list(member):
                passage.append(inner)  # its tail comes with it
        holder.tail = dl.tail
        parent.replace(dl, holder)


# Elements whose lines an old editor parts into paragraphs with two line breaks.
_BREAK_HOLDERS = ("p", "div", "body", "section", "article", "main", "blockquote", "center")


def paragraphs_of_breaks(page: Any) -> None:
    """Each passage of an element of words and line breaks (no blocks) that two line breaks
    or more part from the next (``a<br><br>b``, as old editors and e-mail write
    paragraphs) made a paragraph of its own, as a browser shows a blank line between them:
    the extractor kept one line break of the two, and the passages were read as lines of
    one paragraph."""
    for holder in list(page.iter(*_BREAK_HOLDERS)):
        if not len(holder):
            continue  # (words alone: no line break)
        children = [child for child in holder if isinstance(child.tag, str)]
        if not any(_opens_breaks(child) for child in children):
            continue
        if any(child.tag not in INLINE_ONLY for child in children):
            continue
        parts: list[Any] = [lxml.html.Element("p")]
        parts[0].text = holder.text
        run = False  # in a run of line breaks
        for child in list(holder):
            if run and child.tag == "br":
                run = blank(child.tail)
                if not run:
                    parts[-1].text = child.tail
                continue
            if _opens_breaks(child):
                run = True
                parts.append(lxml.html.Element("p"))
                continue
            parts[-1].append(child)  # its tail comes with it
        kept = [part for part in parts if "".join(part.itertext()).strip()]
        if len(kept) < 2:
            continue
        if holder.tag == "p":
            tail, parent = holder.tail, holder.getparent()
            if parent is None:
                continue
            for part in reversed(kept):
                holder.addnext(part)
            kept[-1].tail = tail
            parent.remove(holder)
        else:
            holder.text = None
            for child in list(holder):
                holder.remove(child)
            holder.extend(kept)


def _opens_breaks(node: Any) -> bool:
    """Whether ``node`` is a line break followed by another, nothing but spaces between."""
    if node.tag != "br" or not blank(node.tail):
        return False
    after = node.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    return after is not None and after.tag == "br"


def leading_text_kept(page: Any) -> None:
    """Put the text opening an element of :data:`_LEADING_TEXT_LOST` standing among blocks
    in a ``<div>`` of its own, which the extractor keeps: an address's first line (a
    shelter's name), a section's opening words, a centred line of an old page were lost."""
    for element in list(page.iter(*_LEADING_TEXT_LOST)):
        parent = element.getparent()
        if parent is None or parent.tag not in BLOCK_HOLDERS or not (element.text or "").strip():
            continue
        if element.tag in ("span", "font") and (len(element) == 0 or parent.tag in _WORDS_KEPT):
            # A run of text alone: kept as it is; so is one opening a list's item or a
            # quotation, whose words the extractor keeps, and would strip of their spaces in
            # a division ("(2020). <i>Anuario</i>" read "(2020).Anuario").
            continue
        div = lxml.html.Element("div")
        div.text, element.text = element.text, None
        # The inline elements going on those words go with them: apart from them, they
        # were read as a passage of their own, or joined to them without the space between
        # ("(2020). <i>Anuario</i>" read "(2020).Anuario").
        for child in list(element):
            if isinstance(child.tag, str) and (child.tag not in INLINE_ONLY or child.tag == "br"):
                break  # (up to a line's end: what follows it stays where it is)
            div.append(child)
        element.insert(0, div)
