"""A web page made ready for the article extractor: each part it would leave out or change
made what a browser shows, by the steps of the modules beside this one, the rest here."""

from __future__ import annotations

from typing import Any

import lxml.html

from tui_reader.core.documents.formats.builder import superscript
from tui_reader.core.documents.formats.html_adverts import adverts_dropped
from tui_reader.core.documents.formats.html_alt import alt_texts_kept
from tui_reader.core.documents.formats.html_blocks import (
    definitions_paired,
    leading_text_kept,
    paragraphs_of_breaks,
)
from tui_reader.core.documents.formats.html_bylines import byline_kept
from tui_reader.core.documents.formats.html_captions import captions_kept, classic_captions
from tui_reader.core.documents.formats.html_consent import consent_dropped
from tui_reader.core.documents.formats.html_controls import (
    disclosed,
    section_links_dropped,
    without_permalinks,
)
from tui_reader.core.documents.formats.html_elements import BLOCK_HOLDERS, UNSEEN, text_of
from tui_reader.core.documents.formats.html_notes import notes_kept
from tui_reader.core.documents.formats.html_players import player_durations_dropped
from tui_reader.core.documents.formats.html_posts import post_headers_kept
from tui_reader.core.documents.formats.html_promos import promotions_dropped
from tui_reader.core.documents.formats.html_standfirst import standfirst_kept
from tui_reader.core.documents.formats.html_tables import (
    bound_rows,
    fill_row_spans,
    layout_tables_opened,
)
from tui_reader.core.documents.formats.html_text import (
    math_text,
    not_shown,
    ordered_labels,
    page_footnotes_last,
    quotation_marks,
)
from tui_reader.core.documents.formats.html_word import LABEL as WORD_LABEL

# An ordered list's item labels ("3.", "c.") are written into its items' text between two of
# these before the article is extracted: trafilatura makes every list a bulleted one.
LABEL = "\u2063"  # INVISIBLE SEPARATOR: a page holding one is not labelled


def prepare(page: Any, label: bool) -> bool:
    """Make the parts of ``page`` that trafilatura leaves out or changes what a browser shows:
    a quotation (``<q>``) its text between quotation marks (trafilatura made it a block
    quote, or lost it), a figure with a caption (``<figcaption>``) a passage of its own
    holding the caption where the figure stands (trafilatura drops figures whole), inline
    code plain text (trafilatura made each a block), a date or time (``<time>``) plain text
    (trafilatura dropped it), a superscript's digits raised, an empty
    anchor gone (trafilatura dropped the passage holding one), a heading's permalink gone,
    what a browser does not show gone, and, when ``label``, each item of an ordered list its
    label (lists are all bulleted after).
    Whether any item was labelled."""
    player_durations_dropped(page)  # before the controls go: a play button tells a player
    disclosed(page)
    layout_tables_opened(page)
    page_footnotes_last(page)
    notes_kept(page)
    post_headers_kept(page)
    standfirst_kept(page)
    byline_kept(page)
    leading_text_kept(page)
    for unseen in [node for node in page.iter() if node.tag in UNSEEN or not_shown(node)]:
        # What a browser does not show (an element marked or styled hidden, a template for
        # scripts to copy from, what is shown only without scripts, a video's fallback) was
        # read as part of the article, or made it one passage with it (the extractor's
        # fallback for a short page).
        if unseen.getparent() is not None:
            unseen.drop_tree()  # its tail stays
    quotes = list(page.iter("q"))
    for q, (opening, closing) in zip(quotes, [quotation_marks(q) for q in quotes], strict=True):
        q.text = opening + (q.text or "")
        if len(q):
            q[-1].tail = (q[-1].tail or "") + closing
        else:
            q.text += closing
    for q in reversed(quotes):
        if q.getparent() is not None:
            q.drop_tag()  # its text and children take its place
    adverts_dropped(page)
    consent_dropped(page)
    promotions_dropped(page)
    classic_captions(page)
    alt_texts_kept(page)
    captions_kept(page)
    without_permalinks(page)
    section_links_dropped(page)
    definitions_paired(page)
    paragraphs_of_breaks(page)
    for math in list(page.iter("math")):
        # A formula (MathML) was left out whole by the extractor: "Formula here".  Its
        # characters are read in its place.
        if math.getparent() is not None:
            shown = lxml.html.Element("span")
            shown.text, shown.tail = math_text(math), math.tail
            math.getparent().replace(math, shown)
    for svg in list(page.iter("svg")):
        # A drawing's words (a chart's labels, a diagram's): the extractor left the drawing
        # out whole.  Its text elements are read in its place, a passage of their own
        # where it stands among blocks.
        words = [" ".join(text_of(t).split()) for t in svg.iter("text")]
        parent = svg.getparent()
        if parent is not None:
            shown = lxml.html.Element("p" if parent.tag in BLOCK_HOLDERS else "span")
            shown.text, shown.tail = " ".join(w for w in words if w), svg.tail
            parent.replace(svg, shown)
    for sup in page.iter("sup"):
        # A superscript of digits and signs written raised ("mc²", "10⁻³"): the extractor
        # keeps its text, not the tag, and it was run into the word before ("E=mc2").
        if len(sup) == 0 and sup.text:
            sup.text = superscript(sup.text)
    for wbr in list(page.iter("wbr")):
        # A place a long word may break (<wbr>): no space.  The extractor wrote one,
        # "super cali fragilistic" for the word, which no search found.
        if wbr.getparent() is not None:
            wbr.drop_tag()
    for ruby in list(page.iter("ruby")):
        # Ruby (a reading over each character): the extractor wrote each reading after
        # its character, apart ("漢 かん 字 じ"), and no word was found.  Its base is one
        # run of text and its readings follow in brackets, as a converted Word file's.
        parent = ruby.getparent()
        if parent is not None:
            base = _text_of_ruby(ruby, reading=False)
            reading = "".join(_text_of_ruby(ruby, reading=True).split())
            shown = base + (f"({reading})" if reading else "") + (ruby.tail or "")
            before = ruby.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + shown
            else:
                parent.text = (parent.text or "") + shown
            parent.remove(ruby)  # as text of its own: an element was a word apart
    for time in page.iter("time"):
        # A date or a time ("met on <time>Tuesday</time>"): the extractor drops each with
        # its words ("The council met on  to vote.").  Read as the text it is.
        time.tag = "span"
    for anchor in list(page.iter("a")):
        # An empty anchor (a heading's or passage's <a name=...></a>, an empty link): the
        # extractor dropped the passage holding it, a heading and the paragraph after it.
        if len(anchor) == 0 and not (anchor.text or "").strip() and anchor.getparent() is not None:
            anchor.drop_tag()
        elif anchor.getparent() is not None and not "".join(anchor.itertext()).strip():
            # A link holding a picture alone, no words (its alt text, when it describes,
            # was written before): the extractor dropped the caption after it, Substack's.
            anchor.drop_tree()  # its tail stays
    for holder in list(page.iter("tr", "table", "thead", "tbody", "tfoot")):
        bound_rows(holder)
    for table in list(page.iter("table")):
        fill_row_spans(table)
    for cell in page.iter("td", "th"):
        # A cell spanning columns: the extractor wrote an empty cell after it for each
        # further column, a row ending in a stray " │" ("Total │"), a heading spanning two
        # columns two cells ("Name │  │ Age").  The browser shows one cell: it is read as one.
        cell.attrib.pop("colspan", None)
    for pre in list(page.iter("pre")):
        # A listing without <code> (a poem, a transcript or a table set by spaces): the
        # extractor made it a block quote, and its lines ran together ("Where? Ana: Under").
        # Its text is put in a <code>, as a listing of code is written: it stays a listing.
        if next(pre.iter("code"), None) is None and "\n" in "".join(pre.itertext()).strip():
            code = lxml.html.Element("code")
            text = pre.text or ""
            # A newline right after <pre> is no line of it (browsers drop it).
            code.text, pre.text = text[1:] if text.startswith("\n") else text, None
            code.extend(list(pre))
            pre.append(code)
    for code in list(page.iter("code")):
        # Inline code (one line, not in a <pre>): trafilatura writes each a block of its
        # own (<pre>), so a sentence holding one was cut in three, its end moved after the
        # code's link ("mail to / < / or file a bug.x@y.org>").  It is read as text.
        if "\n" not in "".join(code.itertext()) and next(code.iterancestors("pre"), None) is None:
            code.tag = "span"
    labelled = False
    if label:
        for ordered in list(page.iter("ol")):
            for item, text in ordered_labels(ordered):
                text = item.attrib.pop(WORD_LABEL, text)  # as Word numbered it ("a)")
                # In the item's first paragraph when its words open with one (a note of
                # pandoc's, "<li><p>The note.</p></li>"): the extractor keeps a paragraph,
                # not the words before it, and the notes lost their numbers.
                holder = item
                while not (holder.text or "").strip() and len(holder) and holder[0].tag == "p":
                    holder = holder[0]
                holder.text = f"{LABEL}{text}{LABEL} {holder.text or ''}"
                labelled = True
    return labelled


def _text_of_ruby(ruby: Any, *, reading: bool) -> str:
    """A ruby's base (its text outside ``rt``, ``rtc`` and ``rp``) or its readings."""
    parts: list[str] = [] if reading else [ruby.text or ""]
    for child in ruby:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("rt", "rtc"):
            if reading:
                parts.append(text_of(child))
        elif tag != "rp" and not reading:
            parts.append(text_of(child))
        if not reading:
            parts.append(child.tail or "")
    return "".join(parts)
