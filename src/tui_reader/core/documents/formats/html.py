"""Saved web pages: the article only, by trafilatura (main-content extraction), with the
page's title (without the site's name), author, date, site and URL as metadata; a manual a
documentation tool made (its generator ``<meta>``) is read whole, but for its navigation."""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.core import determine_returnstring
from trafilatura.metadata import Document
from trafilatura.settings import MIN_DUPLICATE_LENGTH, Extractor
from trafilatura.utils import repair_faulty_html

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.builder import spanned_cell, superscript, untitled
from tui_reader.core.documents.formats.html_adverts import adverts_dropped
from tui_reader.core.documents.formats.html_alt import alt_texts_kept
from tui_reader.core.documents.formats.html_justext import install as _linear_justext
from tui_reader.core.documents.formats.html_promos import promotions_dropped
from tui_reader.core.documents.formats.html_text import (
    HtmlWriter,
    heading_words,
    math_text,
    not_shown,
    note_reference,
    ordered_labels,
    page_footnotes_last,
    parse_html,
    quotation_marks,
)
from tui_reader.core.documents.formats.html_word import LABEL as WORD_LABEL
from tui_reader.core.documents.formats.html_word import word_lists
from tui_reader.core.documents.sanitize import sanitize
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

_SUFFIX = re.compile(r"\s+[|–—:·•-]\s+[^|–—:·•]{1,60}$")
# Browsers write this comment at the top of a page they save.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
# An ordered list's item labels ("3.", "c.") are written into its items' text between two of
# these before the article is extracted: trafilatura makes every list a bulleted one.
_LABEL = "\u2063"  # INVISIBLE SEPARATOR: a page holding one is not labelled
# A character reference that may stand for a control character (&#27;, &#x1b;, &#129;): the
# text is sanitised before it is parsed, such a reference after, and trafilatura gives no
# article at all for a page whose text holds a control character.  All of a reference's
# digits are its number: the start of a longer one ("&#x1F" of "&#x1F600;", "&#157" of
# "&#1575;") was read as a control character and left out, an emoji read "600;".
_CONTROL_REFERENCE = re.compile(
    r"&#(?:[xX]0*[0-9a-fA-F]{1,2}(?![0-9a-fA-F])|0*[0-9]{1,3}(?![0-9]));?"
)
_CAPTION_BLOCKS = ("p", "div", "ul", "ol", "table", "blockquote", "pre", "dl")
_LABELLED = re.compile(f"{_LABEL}([^{_LABEL}]{{1,40}}){_LABEL} ?")
_NOSCRIPT_TAG = re.compile(r"</?noscript\b[^>]*>", re.IGNORECASE)
# A passage repeating one before it is told apart from it for the extraction by its count
# between two of these (see _repeats_told_apart), taken out of the article after.
_REPEAT = "\u2064"  # INVISIBLE PLUS: a page holding one is not told apart
_REPEAT_COUNT = re.compile(f"{_REPEAT}[0-9]+{_REPEAT}")
# The blocks that are a passage when no other of them is inside.
_REPEATABLE = ("p", "div", "li", "dd", "dt", "td", "th", "pre", "blockquote", "figcaption",
             "h1", "h2", "h3", "h4", "h5", "h6")  # fmt: skip

_linear_justext()  # trafilatura's last fallback, quadratic in a page's short paragraphs


def convert_html(text: str, path: Path) -> Parsed:
    """The article of the web page ``text`` (decoded, sanitised HTML)."""
    if not text.strip():
        raise DocumentError(path, "empty web page")
    page = _page(text, path)
    chat = _chat_export(page)
    if chat is not None:
        writer = chat
    elif _is_manual(page):
        writer = _whole(page, _LABEL not in text)
    else:
        writer = _article(page, text, path)
    body = writer.out.text()
    if not body.strip():
        unwrapped = _NOSCRIPT_TAG.sub("", text)
        if unwrapped != text:
            # A page whose words are all shown only without scripts (an app's page saved
            # before its script ran, a page built for readers without scripts): what a
            # reader of the file sees is that text.
            return convert_html(unwrapped, path)
        raise DocumentError(path, "no article text found in this web page")
    titled = _titled(_page(text, path))
    _without_inline_data(titled)
    # The page's length without its inline data (the parse left out the longest already).
    extensive = len(text) <= EXTENSIVE_DATE_SEARCH or (
        len(_INLINE_DATA.sub(r"\1", text)) <= EXTENSIVE_DATE_SEARCH
    )
    info = trafilatura.extract_metadata(titled, extensive=extensive)
    metadata: dict[str, str | int] = {}
    title = ""
    if info is not None:
        site = str(info.sitename or "")
        title = clean_title(str(info.title or ""), site)
        title = _own_title(title, _head_title(titled), body, writer.first_heading, site)
        if untitled(title):
            # The title an editor writes into a new page ("Document", "Untitled Document"):
            # the page was titled so, not by its heading.
            title = ""
        for name, value in (
            ("title", title),
            ("author", info.author or _unmarked_author(titled)),
            ("date", _not_copyright(info.date, titled, body, extensive)),
            ("site", site),
            ("url", info.url),
        ):
            if value:
                metadata[name] = " ".join(str(value).split())
    own = _google_docs_title(titled, body)
    if own:
        title = metadata["title"] = own  # what its author marked as the title, first
    saved_from = _SAVED_FROM.search(text[:4096])
    if saved_from and "url" not in metadata:
        metadata["url"] = saved_from.group(1)
    return Parsed(body, writer.out.sorted_spans(), title or writer.first_heading, (), (), metadata)


def _unmarked_author(page: Any) -> str:
    """The names the first byline of ``page`` in its article's facts gives, when no class
    or id marks it as an author's (:func:`unmarked_bylines`); else ``""``."""
    found = unmarked_bylines(page)
    return found[0][1] if found else ""


def _article(page: Any, text: str, path: Path) -> HtmlWriter:
    """The article of the web page ``text`` (``page`` parsed), as trafilatura extracts it.
    A list or a table the extraction left out between two of its passages (a page whose
    words stand in its body or a plain division, as pandoc writes a page: the extractor's
    fallback keeps paragraphs only) is the article's: the page is extracted again keeping
    more, and that extraction is taken when it holds the lost block and opens and ends as
    the first did (what it adds lies inside the article, not around it).  So are lists and
    tables right after the article's last passage, with no words between (a pandoc page's
    closing list, a paragraph above it): they are not a menu (mostly links), and the
    extraction keeping more ends with them."""
    blocks = _blocks(page)
    whole = "".join(_text_of(page).split()) if blocks else ""
    writer = _extracted(page, text, path)
    said = _words(writer)
    edge = min(_BLOCK_PROBE, len(said))
    # Where the article's words start and end in the page's: its first and last words,
    # fewer of them when they are not together there (a heading put back above its first
    # passage, pandoc's title above a section's heading left out; a short table kept last,
    # a list lost right above it).
    head, tail = _probe(said[:edge], whole), _probe(said[-edge:], whole, end=True)
    first, last = whole.find(head), whole.rfind(tail)
    lost = [
        block.head
        for block in blocks
        if block.head not in said and edge and 0 <= first < whole.find(block.head) < last
    ]
    closing = _closing_blocks(blocks, whole, last + len(tail)) if edge and last >= 0 else []
    if lost or closing:
        again = _extracted(_page(text, path), text, path, recall=True)
        more = _words(again)
        if (
            len(more) > len(said)
            and more.startswith(head)
            and more.endswith(tail)
            and any(block in more for block in lost)
        ):
            return again
        # Closing blocks kept: the extraction ends with them, right after the article's
        # last words, and adds nothing else but a heading or two (one the first left out
        # above a passage).
        added = len(more) - len(said) - sum(block.size for block in closing)
        if (
            closing
            and 0 <= added <= _HEADINGS_ADDED
            and more.endswith(closing[-1].tail)
            and tail + closing[0].head in more
        ):
            return again
    return writer


_HEADINGS_ADDED = 120  # characters, without spaces
_TAIL_PROBE = 10  # characters of the article's first or last words looked for, at least


def _probe(words: str, whole: str, *, end: bool = False) -> str:
    """``words`` (the first or, ``end``, the last of an article's, without spaces) when the
    page's words ``whole`` hold them together, else their first (last) half, or quarter,
    that it holds (:data:`_TAIL_PROBE` characters at least); else ``words``."""
    for size in (len(words), len(words) // 2, len(words) // 4):
        part = words[-size:] if end else words[:size]
        if size >= _TAIL_PROBE and part in whole:
            return part
    return words


class _Block(NamedTuple):
    """A list, a table or a list of definitions of a page, as :func:`_words` writes it."""

    head: str  # its first words (:data:`_BLOCK_PROBE` characters, without spaces)
    tail: str  # its last words, so
    size: int  # the characters of all its words, without spaces
    linked: bool  # most of its words are links' (a menu's)
    after_passage: bool  # a paragraph (<p>) stands right before it


_LOST_BLOCKS = ("ul", "ol", "table", "dl")
_BLOCK_PROBE = 40  # the first characters of a block's words that tell it is in the article


def _blocks(page: Any) -> list[_Block]:
    """Each list, table and list of definitions of ``page`` not inside another (see
    :class:`_Block`)."""
    found: list[_Block] = []
    for block in page.iter(*_LOST_BLOCKS):
        if next(block.iterancestors(*_LOST_BLOCKS), None) is not None:
            continue
        words = "".join(_text_of(block).split())
        if words:
            linked = sum(len("".join(_text_of(a).split())) for a in block.iter("a"))
            before = block.getprevious()
            while before is not None and not isinstance(before.tag, str):
                before = before.getprevious()
            found.append(
                _Block(
                    words[:_BLOCK_PROBE],
                    words[-_BLOCK_PROBE:],
                    len(words),
                    2 * linked > len(words),
                    before is not None and before.tag == "p",
                )
            )
    return found


def _closing_blocks(blocks: list[_Block], whole: str, end: int) -> list[_Block]:
    """The blocks that follow one another from ``end`` (where the article's words end in
    the page's, ``whole``) with no words between, while each is no menu and the first has
    a paragraph right before it."""
    closing: list[_Block] = []
    for block in blocks:
        if whole.startswith(block.head, end) and not block.linked:
            if not closing and not block.after_passage:
                break
            closing.append(block)
            end += block.size
        elif closing:
            break
    return closing


def _extracted(page: Any, text: str, path: Path, *, recall: bool = False) -> HtmlWriter:
    """The article of the web page ``text`` (``page`` parsed), as trafilatura extracts it
    (keeping more when ``recall``)."""
    heading = _lone_heading(page)
    level = "h1"
    opening = None if heading else _opening_heading(page)
    if opening is not None:
        level, heading, opening_words = opening
    labelled = _prepare(page, _LABEL not in text)
    headed = _headed_passages(page)  # as prepared: a wiki's heading without "[edit]"
    told = _REPEAT not in text and _repeats_told_apart(page)
    article = _extracted_markup(page, recall)
    if told:
        _counts_taken_out(page)
    writer = HtmlWriter()
    if article:
        root = parse_html(article, path, "web page")
        if told:
            _counts_taken_out(root)
        if labelled:
            writer.labels = _taken_labels(root)
        _headings_put_back(root, headed)
        words = " ".join(_text_of(root).split())
        if opening is not None and not words.startswith(opening_words):
            heading = ""  # the article does not open with the words below that heading
        # The page's heading stands outside its article (above it, in a banner): the
        # extractor left it out, and the article opened headless.  So did a page without
        # an <h1> lose the heading opening it ("<h2>Visit notes</h2>" above its words).
        # A heading above a passage further down the article (a document's own title and
        # subtitle above it, as Google Docs writes them) goes back above that passage: it
        # was put above the title, the text's order changed.
        if (
            heading
            and " ".join(heading.split()) not in words
            and not _put_back_above_its_passage(root, page, level, heading)
        ):
            above = lxml.html.Element(level)
            above.text = heading
            writer.element(above)
        writer.element(root)
        if _one_passage(root):
            writer = _whole_if_same(text, path, writer)
    return writer


def _extracted_markup(page: Any, recall: bool) -> str | None:
    """The article of ``page`` as HTML, as ``trafilatura.extract`` writes it, without the
    fingerprint of its words it adds to a document's metadata (a hash of every word, which
    no one reads here): an eighth of the time a page of 9 MB took, which passed the
    conversion's time limit on a busy machine."""
    options = Extractor(
        output_format="html",
        formatting=True,
        links=True,
        tables=True,
        comments=False,
        images=False,
        recall=recall,
    )
    document = trafilatura.bare_extraction(page, options=options, as_dict=False)
    if not isinstance(document, Document):
        return None
    return str(determine_returnstring(document, options))


def _repeats_told_apart(page: Any) -> bool:
    """Write into each passage of ``page`` that repeats one before it word for word its
    count (the first repeat 1, the next 2) between two :data:`_REPEAT` marks, at its end;
    whether one did.  The extractor drops a passage of over 50 characters that is the one
    before it again, a copy of its own making as it takes it: a song's refrain, a witness's
    sentence said twice, were lost."""
    passages = list(page.iter(*_REPEATABLE))
    holders: set[Any] = set()  # the blocks holding a passage: none themselves
    for passage in passages:
        parent = passage.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    seen: dict[str, int] = {}
    told = False
    for passage in passages:
        if passage in holders:
            continue
        words = " ".join(_text_of(passage).split())
        if len(words) <= MIN_DUPLICATE_LENGTH:
            continue
        count = seen.get(words, 0)
        seen[words] = count + 1
        if count:
            mark = f"{_REPEAT}{count}{_REPEAT}"
            if len(passage):
                passage[-1].tail = (passage[-1].tail or "") + mark
            else:
                passage.text = (passage.text or "") + mark
            told = True
    return told


def _counts_taken_out(root: Any) -> None:
    """Take the counts :func:`_repeats_told_apart` wrote out of ``root`` and all below it."""
    for node in root.iter():
        if node.text and _REPEAT in node.text:
            node.text = _REPEAT_COUNT.sub("", node.text)
        if node.tail and _REPEAT in node.tail:
            node.tail = _REPEAT_COUNT.sub("", node.tail)


def _opening_heading(page: Any) -> tuple[str, str, str] | None:
    """The first heading (``<h2>`` to ``<h6>``) of ``page``, a page without an ``<h1>``,
    that a reader sees, when a passage of words follows it: ``(its tag, its text, the first
    words of that passage)``; else ``None``."""
    if next(page.iter("h1"), None) is not None:
        return None
    for tag, text, below in _shown_headings(page):
        return None if below is None else (tag, text, below)
    return None


_OPENING_WORDS = 40  # characters of the passage below a heading that the article opens with


def _headed_passages(page: Any) -> list[tuple[str, str, str]]:
    """``(tag, text, first words of the passage below)`` of each heading (``<h2>`` to
    ``<h6>``) of ``page`` a reader sees that a passage (``<p>``) follows, but the page's
    first when it has no ``<h1>`` (see :func:`_opening_heading`: with one, the first of
    them was lost)."""
    found = [(tag, text, below) for tag, text, below in _shown_headings(page) if below]
    return found if next(page.iter("h1"), None) is not None else found[1:]


def _shown_headings(page: Any) -> Iterator[tuple[str, str, str | None]]:
    """``(tag, text, below)`` of each heading (``<h2>`` to ``<h6>``) of ``page`` a reader
    sees, with words: ``below``, the first words of the passage (``<p>``) right after it, or
    ``None`` when no passage of :data:`_OPENING_WORDS` characters follows it."""
    for heading in page.iter("h2", "h3", "h4", "h5", "h6"):
        text = heading_words(heading)
        if not_shown(heading) or not text:
            continue
        after = heading.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        below = " ".join(_text_of(after).split()) if after is not None else ""
        passage = after is not None and after.tag == "p" and len(below) >= _OPENING_WORDS
        yield str(heading.tag), text, below[:_OPENING_WORDS] if passage else None


def _headings_put_back(root: Any, headed: list[tuple[str, str, str]]) -> None:
    """Put back into the article ``root`` each heading of ``headed`` (see
    :func:`_headed_passages`) the extractor left out above a passage it kept: a page of
    headings and passages, no article element around them, lost its headings ("Second
    part") between passages it read."""
    if not headed:
        return
    words = " ".join(_text_of(root).split())
    missing = [h for h in headed if h[1] not in words and h[2] in words]
    if not missing:
        return
    passages = [(p, " ".join(_text_of(p).split())) for p in root.iter("p")]
    for tag, text, below in missing:
        for passage, said in passages:
            if said.startswith(below) and passage.getparent() is not None:
                heading = lxml.html.Element(tag)
                heading.text = text
                passage.addprevious(heading)
                break


def _put_back_above_its_passage(root: Any, page: Any, level: str, heading: str) -> bool:
    """Put the heading ``heading`` (an ``<h1>``..``<h6>`` of ``page``, its tag ``level``)
    back into the article ``root`` above the passage that follows it in ``page``, when the
    article holds that passage (:func:`_headings_put_back`); whether it was."""
    for element in page.iter(level):
        if heading_words(element) != " ".join(heading.split()):
            continue
        after = element.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        if after is None or after.tag != "p":
            return False
        below = " ".join(_text_of(after).split())[:_OPENING_WORDS]
        if len(below) < _OPENING_WORDS:
            return False
        _headings_put_back(root, [(level, " ".join(heading.split()), below)])
        return " ".join(heading.split()) in " ".join(_text_of(root).split())
    return False


def _lone_heading(page: Any) -> str:
    """The text of the one ``<h1>`` of ``page`` a reader sees, or "" (none, or several)."""
    headings = [h for h in page.iter("h1") if not not_shown(h) and _text_of(h).strip()]
    if len(headings) != 1 or _home_link(headings[0]):
        return ""
    text = heading_words(headings[0])
    parts = [part.casefold() for part in _TITLE_PARTS.split(_head_title(page)) if part]
    return "" if text.casefold() in parts[1:] else text  # the site's name, not the page's


def _home_link(heading: Any) -> bool:
    """Whether ``heading`` is a link to the site's home page (its logo, its name)."""
    link = next(heading.iter("a"), None)
    if link is None:
        return False
    target = str(link.get("href") or "").strip()
    return re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.html?)?|\.?/|#", target) is not None


def _text_of(node: Any) -> str:
    return "".join(node.itertext())


# What libxml2 says of a page that declares no encoding; its own guess, not the page's.
_UNDECLARED = frozenset({"iso-8859-1", "utf-8"})


def declared_encoding(data: bytes) -> str | None:
    """The encoding the web page ``data`` declares (``<meta charset>``, ``http-equiv``), as
    libxml2's HTML parser reads it from the page's start, or ``None``: none, one Python does
    not know, or UTF-16/32 (a page read as bytes cannot be: the standard says UTF-8)."""
    try:
        head = lxml.html.document_fromstring(
            data[:4096], parser=lxml.html.HTMLParser(no_network=True)
        )
    except (ValueError, lxml.etree.ParserError):
        return None
    declared = str(head.getroottree().docinfo.encoding or "").strip().lower()
    try:
        name = codecs.lookup(declared).name if declared else ""
    except LookupError:
        return None
    if not name or declared in _UNDECLARED or name.startswith(("utf-16", "utf-32", "utf-8")):
        return None
    return declared


def _page(text: str, path: Path) -> Any:
    """The page parsed as trafilatura parses it (its repairs first), but all of it
    (:func:`~.html_text.parse_html`: trafilatura's own parse stops at an inline image over
    10 MB or at 256 nested elements, and the article lost what came after).  A page of
    words with no block around them, or no tag at all (a text saved under a web page's
    name, a snippet a script wrote), is one too, whose words a browser shows: trafilatura
    takes a page that does not say "html" in its first characters and holds fewer than two
    elements for no HTML, and such a page was refused as holding no article text."""
    if "&#" in text:
        text = _CONTROL_REFERENCE.sub(_without_control, text)
    beginning = text[:50].lower()
    tree = parse_html(repair_faulty_html(text, beginning), path, "web page")
    parent = tree.getparent()
    if parent is not None and parent.tag == "html" and tree.tag in ("div", "span"):
        # A page of several blocks without <html> or <body> (a page a notes app or a
        # script wrote, "<h1>Notes</h1><p>...</p><div>...</div>"): lxml hands back its body
        # renamed a division, and the extractor read it as one part of a page, keeping
        # its paragraphs alone (the heading and the division's words lost).  Its body, as
        # a browser builds it, as the page with <html> and <body> is read.
        tree.tag = "body"
        tree = parent
    # A page Word saved writes each item of a list a paragraph opening with its bullet
    # ("·", in the Symbol font) or number: read as the list it is, its numbers its labels.
    word_lists(tree)
    return tree


def _one_passage(article: Any) -> bool:
    """Whether trafilatura's ``article`` is one passage: what its fallback makes of a short
    page, every heading, paragraph and list item of it run together."""
    body = article.find(".//body")
    parts = list(body if body is not None else article)
    return len(parts) == 1 and parts[0].tag == "p"


# A page a documentation tool made (a manual: DocBook, Texinfo, Docutils, libxml2's API
# pages) is all text to read, but its chapter and section headings and the terms of its
# lists of definitions (<dt>) were dropped by the article extractor as boilerplate, in its
# precise mode (all of them) and in its favor_recall mode (most headings, the list's
# paragraphs run together): manuals are read whole, but for their links to the pages
# before and after (what the tools put in these classes or mark as navigation, or a <nav>,
# left out anyway).
_MANUAL_GENERATOR = re.compile(r"docbook|makeinfo|texinfo|docutils|devhelp", re.IGNORECASE)
_NAVIGATION = frozenset({"navheader", "navfooter", "navigation", "nav", "nav-panel", "header"})
_NAVIGATION_BLOCKS = ("div", "table", "ul", "p", "nav", "header", "footer")  # not a heading's link


def _classes(element: Any) -> list[str]:
    return str(element.get("class", "")).split()


def _chat_export(page: Any) -> HtmlWriter | None:
    """A chat exported by Telegram Desktop (``messages.html``: each message a
    ``div.message`` with its sender's name, its date and time and its text) written as a
    chat's text export is, a message a paragraph: "[12.05.2023 10:02:33] Ana: Are you
    there?", a message its sender sent right after another (``joined``, no name) under the
    same name, a photo or a voice note named in brackets; else ``None``.  Read as an
    article, each message was the initial of its sender's picture, its time and its
    sender's name, each a paragraph, and the chat had no turns."""
    history = next((div for div in page.iter("div") if "history" in _classes(div)), None)
    if history is None:
        return None
    root = lxml.html.Element("div")
    sender = ""
    said = named = 0
    for message in history.iter("div"):
        classes = _classes(message)
        if "message" not in classes:
            continue
        body = next((div for div in message if "body" in _classes(div)), None)
        if body is None:
            continue
        paragraph = lxml.etree.SubElement(root, "p")
        if "service" in classes:
            paragraph.text = " ".join(_text_of(body).split())
            continue
        parts = {cls: div for div in body if isinstance(div.tag, str) for cls in _classes(div)}
        if "from_name" in parts:
            sender = " ".join(_text_of(parts["from_name"]).split())
            named += 1
        when = parts.get("date")
        stamp = ""
        if when is not None:
            stamp = " ".join(str(when.get("title") or _text_of(when)).split()[:2])
        paragraph.text = (f"[{stamp}] " if stamp else "") + (f"{sender}: " if sender else "")
        forwarded = parts.get("forwarded")
        if forwarded is not None:  # another's message passed on: its sender and its words
            inner = {c: d for d in forwarded if isinstance(d.tag, str) for c in _classes(d)}
            origin = inner.get("from_name")
            name = " ".join(_text_of(origin).split()) if origin is not None else ""
            paragraph.text += f"[forwarded from {name}] " if name else "[forwarded] "
            parts = {**inner, **{k: v for k, v in parts.items() if k == "date"}}
        media = parts.get("media_wrap")
        if media is not None:
            title = next((d for d in media.iter("div") if "title" in _classes(d)), None)
            shown = " ".join(_text_of(title if title is not None else media).split())
            pictured = next(media.iter("img"), None) is not None
            paragraph.text += f"[{shown or ('photo' if pictured else 'media')}] "
        words = parts.get("text")
        if words is not None:
            paragraph.text += words.text or ""
            paragraph.extend(list(words))
        said += 1
    if said < 2 or not named:
        return None
    writer = HtmlWriter()
    writer.element(root)
    return writer


def _is_manual(page: Any) -> bool:
    """Whether ``page`` says a documentation tool made it (its generator ``<meta>``)."""
    return any(
        str(meta.get("name", "")).lower() == "generator"
        and _MANUAL_GENERATOR.search(str(meta.get("content", "")))
        for meta in page.iter("meta")
    )


def _whole(page: Any, label: bool) -> HtmlWriter:
    """``page`` written whole (:func:`_prepare`'s changes made), its headings and
    paragraphs parted, but for the links to other pages a manual puts above and below."""
    writer = HtmlWriter()
    for element in list(page.iter(*_NAVIGATION_BLOCKS)):
        classes = str(element.get("class", "")).lower().split()
        navigation = bool(_NAVIGATION.intersection(classes)) or (
            str(element.get("role", "")).lower() == "navigation"
        )
        if navigation and element.getparent() is not None:
            element.drop_tree()
    if _prepare(page, label):
        writer.labels = _taken_labels(page)
    body = page.find(".//body")
    writer.element(body if body is not None else page)
    return writer


def _whole_if_same(text: str, path: Path, writer: HtmlWriter) -> HtmlWriter:
    """The page ``text`` written whole, its headings and paragraphs parted, when it holds
    the very words of the article ``writer`` wrote (a short page trafilatura's fallback ran
    into one passage: "Memo We met the staff ... Next visit: Friday."); else ``writer``."""
    page = _page(text, path)
    whole = _whole(page, _LABEL not in text)
    said = _words(writer)
    if _same_words(said, whole):
        return whole
    # The page holds more than the fallback's passage (a site's menu above the article, its
    # footer below: a short news page): the part of the page that holds its very words (the
    # <article>, a division) written whole, the outermost such part.
    head, tail = said[:_TAIL_PROBE], said[-_TAIL_PROBE:]
    for part in page.iter(*_ARTICLE_PARTS):
        shown = "".join(_text_of(part).split())
        if len(shown) < len(said) or head not in shown or tail not in shown:
            continue
        written = HtmlWriter()
        written.labels = whole.labels
        written.element(part)
        if _same_words(said, written):
            return written
    return writer


_ARTICLE_PARTS = ("article", "main", "section", "div")


def _same_words(said: str, writer: HtmlWriter) -> bool:
    """Whether ``writer`` wrote the words ``said`` (as :func:`_words` has them).  The
    fallback keeps an ordered list's numbers (written into its items before the extraction,
    see _prepare) as words, the marks around them dropped: a page with a numbered list ran
    into one passage, its heading, paragraphs and items together."""
    return said in (_words(writer), _words(writer, numbers=True))


def _words(writer: HtmlWriter, *, numbers: bool = False) -> str:
    """The words ``writer`` wrote, its list items' bullets and numbers (but for its
    numbers, "3.", "c)", when ``numbers``) and its rules left out, without the spaces
    between them: the page written whole parts what the fallback ran together
    ("rained.[1]", a note's number raised after a word, was "rained. [1]"; a rule, "<hr>",
    is none of its words), and a Google Docs page, its every paragraph and heading such,
    was read as one passage."""
    text = writer.out.text()
    markers = sorted(
        (s.start, s.end)
        for s in writer.out.spans
        if s.kind is SpanKind.RULE
        or (
            s.kind is SpanKind.BULLET
            and not (numbers and any(c.isalnum() for c in text[s.start : s.end]))
        )
    )
    kept, at = [], 0
    for start, end in markers:
        kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    # A table's cells are parted by " │ " written whole, by a space in the one passage.
    return "".join("".join(kept).split()).replace("│", "")


# What a browser does not show: a template, what is shown only without scripts, and what a
# video, a sound, a frame, an embedded file or a drawing shows only where it cannot be shown
# ("Your browser does not support the video tag.").
_UNSEEN = frozenset({"template", "noscript", "video", "audio", "iframe", "object", "canvas"})


def _prepare(page: Any, label: bool) -> bool:
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
    _player_durations_dropped(page)  # before the controls go: a play button tells a player
    _disclosed(page)
    _layout_tables_opened(page)
    page_footnotes_last(page)
    _notes_kept(page)
    _standfirst_kept(page)
    _byline_kept(page)
    _leading_text_kept(page)
    for unseen in [node for node in page.iter() if node.tag in _UNSEEN or not_shown(node)]:
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
    promotions_dropped(page)
    _classic_captions(page)
    alt_texts_kept(page)
    for caption in list(page.iter("figcaption")):
        if "".join(caption.itertext()).strip():
            # A passage (trafilatura loses a division's words before its first emphasis),
            # a division when it holds passages of its own.
            blocks = next(caption.iter(*_CAPTION_BLOCKS), None) is not None
            caption.tag = "div" if blocks else "p"
            for figure in caption.iterancestors("figure"):
                figure.tag = "div"
                _unnamed_caption(figure)
            for part in caption.iter():
                _unnamed_caption(part)
            for holder in caption.iterancestors():
                # (a division holding the figure, Substack's "captioned-image-container")
                if holder.tag in ("article", "main", "body"):
                    break
                _caption_words_dropped(holder)
    _without_permalinks(page)
    _definitions_paired(page)
    _paragraphs_of_breaks(page)
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
        words = [" ".join(_text_of(t).split()) for t in svg.iter("text")]
        parent = svg.getparent()
        if parent is not None:
            shown = lxml.html.Element("p" if parent.tag in _BLOCK_HOLDERS else "span")
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
        _bound_rows(holder)
    for table in list(page.iter("table")):
        _fill_row_spans(table)
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
                holder.text = f"{_LABEL}{text}{_LABEL} {holder.text or ''}"
                labelled = True
    return labelled


def _classic_captions(page: Any) -> None:
    """A picture's caption as WordPress's classic editor writes it (``<div class="wp-caption">``
    holding the picture and ``<p class="wp-caption-text">``, on many blogs' older posts)
    made a figure and its caption, read as such."""
    for element in list(page.iter("p", "div", "span", "dd")):
        if "wp-caption-text" in str(element.get("class") or "").split():
            element.tag = "figcaption"
            holder = element.getparent()
            if holder is not None and "wp-caption" in str(holder.get("class") or "").split():
                holder.tag = "figure"


def _caption_words_dropped(element: Any) -> None:
    """``element`` without the words of its class and id naming a caption (see
    :func:`_unnamed_caption`)."""
    for name in ("class", "id"):
        value = str(element.get(name) or "")
        if "caption" in value:
            kept = " ".join(word for word in value.split() if "caption" not in word)
            if kept:
                element.set(name, kept)
            else:
                del element.attrib[name]


def _unnamed_caption(element: Any) -> None:
    """``element`` (a figure's caption made a passage, a part of it, or its figure) without
    its class and id, which name its look: the extractor leaves out any division or passage
    whose names say caption ("wp-element-caption", "wp-caption") or embed
    ("wp-block-embed"), and every caption WordPress writes was lost.  (What a browser does
    not show of it, "visually-hidden", is gone already.)"""
    element.attrib.pop("class", None)
    element.attrib.pop("id", None)


# A media player's running time alone ("4:32", "0:00 / 4:32").
_DURATION = re.compile(r"\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?\s*")


# A class or id names a media player when it names a player and a medium ("audio-player",
# "jw-player"): a player alone is a team's ("player", "lineup__player"), whose minutes
# ("90:00") are the line-up's own words.
_MEDIUM = re.compile(
    r"audio|video|media|podcast|sound|episode|clip|stream|embed|jw|vjs|plyr|mejs"
    r"|brightcove|youtube|vimeo|spotify|(?<![a-z])(?:bc|yt|av)(?![a-z])"
)
# A control starting a player ("Play video", play-button, vjs-big-play-button): "play" as a
# word of its labels or names, not "player", "display" or "playlist".
_PLAY = re.compile(r"(?<![a-z])play(?:btn|button|icon)?(?![a-z])")
_CONTROL_WORDS = 40  # characters a control's own text has at most ("Play", "▶ Play video")


def _play_control(node: Any) -> bool:
    """Whether ``node`` is a control starting a player, a page's script having built the
    player from markup of its own (no ``<audio>`` or ``<video>`` until it is pressed): its
    label (aria-label, title) or its names (class, id, data-testid) say play, or, a button,
    its own text does."""
    labels = " ".join(
        node.get(name, "") for name in ("aria-label", "title", "class", "id", "data-testid")
    ).lower()
    if "play" in labels and _PLAY.search(labels):
        return True
    if node.tag != "button" and node.get("role") != "button":
        return False
    text = " ".join(_text_of(node).split()).lower()
    return len(text) <= _CONTROL_WORDS and _PLAY.search(text) is not None


def _control_holder(control: Any) -> Any:
    """The player a play control belongs to: its parent, or, while that shows no words of
    its own (a wrapper of the button alone), the next one up holding few words and no
    paragraph or heading."""
    holder = control.getparent()
    while (
        holder is not None
        and not _text_of(holder).strip()
        and (above := holder.getparent()) is not None
        and above.tag not in ("body", "article", "main")
        and _small(above)
        and next(above.iterdescendants(*_PASSAGES), None) is None
    ):
        holder = above
    return holder


def _marked_time(node: Any) -> bool:
    """Whether ``node`` is marked as a time of day or a date (a live blog's entry time: a
    ``<time>``, a class or id naming a time and not a duration)."""
    for part in node.iter():
        if not isinstance(part.tag, str):
            continue
        names = f"{part.get('class', '')} {part.get('id', '')}".lower()
        if part.tag == "time" or ("time" in names and "duration" not in names):
            return True
    return False


_PLAYER_WORDS = 120  # characters a player's own words (its buttons' labels) have at most


def _player_durations_dropped(page: Any) -> None:
    """Drop the running time an audio or video player shows ("4:32"), alone inside the
    player (an element of few words whose class or id names one, or an ``<audio>`` or
    ``<video>``'s parent of few words) or alone in an element right beside it: the player
    is left out, and its duration was read as a paragraph of the article's.  Beside a
    player, or inside a parent not named one, a time marked as one (a live blog's entry
    time, a ``<time>``) is kept."""
    players: dict[Any, bool] = {}  # each player, and whether its class or id names one
    bare: set[Any] = set()  # an <audio> or <video> standing among the article's blocks
    for node in page.iter():
        if not isinstance(node.tag, str):
            continue
        names = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if "player" in names and _MEDIUM.search(names) and _small(node):  # (see _MEDIUM)
            players.setdefault(node, True)
        elif (
            "play" in names
            or node.tag == "button"
            or node.get("aria-label") is not None
            or node.get("title") is not None
            or node.get("data-testid") is not None
            or node.get("role") == "button"
        ) and _play_control(node):
            holder = _control_holder(node)
            if (
                holder is not None
                and holder.tag not in ("body", "article", "main")
                and _small(holder)
                and next(holder.iterdescendants(*_PASSAGES), None) is None
            ):
                players.setdefault(holder, True)
    for media in page.iter("audio", "video"):
        holder = next((a for a in media.iterancestors() if a in players), None)
        if holder is None:
            parent = media.getparent()
            # (a parent holding a paragraph or a heading is an article's, a live blog's entry)
            wrapper = parent is not None and _small(parent)
            if wrapper and next(parent.iterdescendants(*_PASSAGES), None) is not None:
                wrapper = False
            holder = parent if wrapper else media
            players.setdefault(holder, False)
            if holder is media:
                bare.add(media)
    for holder, named in players.items():
        if holder.getparent() is None:
            continue
        # (beside a bare <audio> or <video>: the element after it, no paragraph or heading,
        # which a live blog writes an entry's time as)
        beside = [holder.getprevious(), holder.getnext()] if holder not in bare else []
        after = holder.getnext()
        if holder in bare and after is not None and after.tag not in _PASSAGES:
            beside.append(after)
        inside = [node for node in holder.iterdescendants() if isinstance(node.tag, str)]
        for node in [*inside, *beside]:
            if (
                node is not None
                and isinstance(node.tag, str)
                and node.getparent() is not None
                and node.tag not in _UNSEEN
                and _DURATION.fullmatch(_text_of(node))
                and not (_marked_time(node) and not (named and node in inside))
            ):
                node.drop_tree()  # its tail stays
        for node in holder.iter():
            if not isinstance(node.tag, str) or (_marked_time(node) and not named):
                continue
            for field in ("text", "tail") if node is not holder else ("text",):
                value = getattr(node, field, None)
                if value and _DURATION.fullmatch(value):
                    setattr(node, field, None)


def _small(node: Any) -> bool:
    """Whether ``node`` holds few words (a player's, not an article's)."""
    return len("".join(_text_of(node).split())) <= _PLAYER_WORDS


_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"})
_PASSAGES = ("p", "h1", "h2", "h3", "h4", "h5", "h6")


def _layout_tables_opened(page: Any) -> None:
    """Each table laying out a page (a newsletter's: a cell holding its passages and a
    table of data among them) made plain divisions: the extractor keeps a table's nested
    tables for after it, and a newsletter's data table was read after its footer, the
    table's last row.  A table is a layout's when one of its own cells holds both a table
    and a passage: a paragraph or a heading, or words of its own outside the table, loose
    as an old site's are (:func:`_loose_words`)."""
    layouts = [
        table
        for table in page.iter("table")
        if any(
            next(cell.iter("table"), None) is not None
            and (
                next(cell.iter(*_PASSAGES), None) is not None
                or _loose_words(cell) >= _LOOSE_PASSAGE
            )
            for cell in _own_parts(table)
            if cell.tag in ("td", "th")
        )
    ]
    for table in layouts:
        for part in list(_own_parts(table)):
            if part.tag in ("td", "th"):
                _loose_text_in_paragraphs(part)
            _as_division(part)
        _as_division(table)


def _loose_text_in_paragraphs(cell: Any) -> None:
    """Each run of ``cell``'s words and inline elements between its blocks made a paragraph,
    as a browser lays such a run out as a block of its own: the extractor dropped the
    words loose in a division (a layout's cell made one) beside blocks."""
    if _blank(cell.text) and all(
        child.tag not in _INLINE_ONLY and _blank(child.tail) for child in cell
    ):
        return  # nothing loose: blocks alone
    children = list(cell)
    parts: list[Any] = []
    run: Any = None  # the paragraph being filled, None after a block

    def loose(text: str | None) -> None:
        nonlocal run
        if _blank(text):
            if run is not None and text:
                _add_text(run, text)
            return
        if run is None:
            run = lxml.html.Element("p")
            parts.append(run)
        _add_text(run, text)

    loose(cell.text)
    cell.text = None
    for child in children:
        tail, child.tail = child.tail, None
        cell.remove(child)
        if isinstance(child.tag, str) and child.tag not in _INLINE_ONLY:
            run = None
            parts.append(child)
        else:
            if run is None:
                run = lxml.html.Element("p")
                parts.append(run)
            run.append(child)
        loose(tail)
    cell.extend(parts)


def _add_text(paragraph: Any, text: str | None) -> None:
    """``text`` written at the end of ``paragraph``."""
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + (text or "")
    else:
        paragraph.text = (paragraph.text or "") + (text or "")


_LOOSE_PASSAGE = 12  # words of a cell outside its tables that are a passage, not a label


def _loose_words(cell: Any) -> int:
    """How many words ``cell`` holds outside the tables inside it, counted up to
    :data:`_LOOSE_PASSAGE` (a nested table's words are not walked: a page of tables nested
    hundreds deep is read once)."""
    words = 0
    pending = [cell]
    while pending and words < _LOOSE_PASSAGE:
        node = pending.pop()
        if node is not cell:
            words += len((node.tail or "").split())
            if not isinstance(node.tag, str) or node.tag == "table":
                continue
        words += len((node.text or "").split())
        pending.extend(node)
    return words


def _fill_row_spans(table: Any) -> None:
    """Write a cell spanning rows (``rowspan``) in each row below it spans, as the rows
    read (:func:`.builder.spanned_cell`): the extractor wrote an empty cell there, a row
    reading " │ La 72 │ 325" under "North │ Casa Ana │ 40"."""
    spanned: dict[int, tuple[int, str]] = {}  # a column -> rows still spanned, what it says
    for row in (part for part in _own_parts(table) if part.tag == "tr"):
        column = 0
        for cell in [c for c in row if c.tag in ("td", "th")]:
            while column in spanned:
                cell.addprevious(_spanned(spanned, column))
                column += 1
            rows = _span_count(cell.get("rowspan"))
            cell.attrib.pop("rowspan", None)
            if rows > 1:
                spanned[column] = (rows - 1, " ".join(cell.text_content().split()))
            column += _span_count(cell.get("colspan"))
        while spanned and column <= max(spanned):
            row.append(_spanned(spanned, column) if column in spanned else row.makeelement("td"))
            column += 1


def _spanned(spanned: dict[int, tuple[int, str]], column: int) -> Any:
    """A cell saying what the cell spanning ``column`` from a row above says."""
    left, said = spanned.pop(column)
    if left > 1:
        spanned[column] = (left - 1, said)
    cell = lxml.html.Element("td")
    cell.text = spanned_cell(said)
    return cell


def _span_count(value: Any) -> int:
    """A ``rowspan``'s or ``colspan``'s count as a browser reads it: 1 when missing or not a
    number, at most 1,000."""
    found = re.match(r"\s*\+?(\d+)", str(value or ""))
    return min(int(found.group(1)), 1000) if found else 1


def _own_parts(table: Any) -> Iterator[Any]:
    """The rows, cells and row groups of ``table`` itself, not of a table inside it."""
    for node in table.iterdescendants(*_TABLE_PARTS):
        if next(node.iterancestors("table"), None) is table:
            yield node


def _as_division(node: Any) -> None:
    """``node`` a ``<div>``, without the attributes of its table's structure."""
    node.tag = "div"
    for name in ("colspan", "rowspan", "scope", "headers"):
        node.attrib.pop(name, None)


def _text_of_ruby(ruby: Any, *, reading: bool) -> str:
    """A ruby's base (its text outside ``rt``, ``rtc`` and ``rp``) or its readings."""
    parts: list[str] = [] if reading else [ruby.text or ""]
    for child in ruby:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("rt", "rtc"):
            if reading:
                parts.append(_text_of(child))
        elif tag != "rp" and not reading:
            parts.append(_text_of(child))
        if not reading:
            parts.append(child.tail or "")
    return "".join(parts)


# Elements the article extractor loses the text of when it stands first in them, before a
# line break or a block ("<address>Casa Ana<br>Calle 5</address>", "<section>Intro<p>..."),
# or all of it ("<center>Casa Ana</center>"); a <div> keeps it.
_LEADING_TEXT_LOST = ("section", "article", "main", "center", "address", "span", "font")
_WORDS_KEPT = ("li", "blockquote")  # whose opening span the extractor reads whole
_BLOCK_HOLDERS = frozenset(
    {"body", "div", "section", "article", "main", "center", "td", "th", "li", "blockquote",
     "form", "header", "footer", "aside", "figure", "address"}
)  # fmt: skip


# What may stand in a term or a definition of a list of them that is written as passages.
_INLINE_ONLY = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd",
     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
     "wbr", "del", "ins", "font", "img", "tt", "strike", "big"}
)  # fmt: skip


def _definitions_paired(page: Any) -> None:
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
            isinstance(inner.tag, str) and inner.tag not in _INLINE_ONLY
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


def _paragraphs_of_breaks(page: Any) -> None:
    """Each passage of an element of words and line breaks (no blocks) that two line breaks
    or more part from the next (``a<br><br>b``, as old editors and e-mail write
    paragraphs) made a paragraph of its own, as a browser shows a blank line between them:
    the extractor kept one line break of the two, and the passages were read as lines of
    one paragraph."""
    for holder in list(page.iter(*_BREAK_HOLDERS)):
        children = [child for child in holder if isinstance(child.tag, str)]
        if not any(_opens_breaks(child) for child in children):
            continue
        if any(child.tag not in _INLINE_ONLY for child in children):
            continue
        parts: list[Any] = [lxml.html.Element("p")]
        parts[0].text = holder.text
        run = False  # in a run of line breaks
        for child in list(holder):
            if run and child.tag == "br":
                run = _blank(child.tail)
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
    if node.tag != "br" or not _blank(node.tail):
        return False
    after = node.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    return after is not None and after.tag == "br"


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _leading_text_kept(page: Any) -> None:
    """Put the text opening an element of :data:`_LEADING_TEXT_LOST` standing among blocks
    in a ``<div>`` of its own, which the extractor keeps: an address's first line (a
    shelter's name), a section's opening words, a centred line of an old page were lost."""
    for element in list(page.iter(*_LEADING_TEXT_LOST)):
        parent = element.getparent()
        if parent is None or parent.tag not in _BLOCK_HOLDERS or not (element.text or "").strip():
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
            if isinstance(child.tag, str) and (child.tag not in _INLINE_ONLY or child.tag == "br"):
                break  # (up to a line's end: what follows it stays where it is)
            div.append(child)
        element.insert(0, div)


# The names a page gives its standfirst, the sentence under its title that says what the
# story tells (Medium's "pw-subtitle-paragraph", Substack's "subtitle", the Guardian's
# "standfirst", the New York Times' "article-summary", Arc XP's "subheadline", a "dek").
_STANDFIRST = re.compile(
    r"subtitle|standfirst|sub-?head|summary|strapline|(?<![a-z])dek(?![a-z])", re.IGNORECASE
)
_STANDFIRST_LENGTH = (20, 400)  # characters of a standfirst, at least and at most
_STANDFIRST_NAMES = ("class", "id", "data-testid", "data-qa", "data-gu-name", "data-component")


def _standfirst_kept(page: Any) -> None:
    """Keep the standfirst set between a story's title and its first paragraph (of
    :data:`_STORY_LENGTH`), an element named so (:data:`_STANDFIRST`), as a passage right
    above that paragraph: it stands in the story's header, beside its byline, date and
    share buttons, which the extractor leaves out with it (Medium's, Substack's, the
    Guardian's), and the story lost the sentence under its title.  So are the figures set
    there (a lead picture, its caption and alt text), below it."""
    title = story = None
    between: list[Any] = []  # the elements after the title, up to the story
    for node in page.iter():
        if title is None:
            if node.tag == "h1":
                title = node
        elif (
            node.tag == "p"
            and len(text := _text_of(node)) >= _STORY_LENGTH  # (its words no longer)
            and len(" ".join(text.split())) >= _STORY_LENGTH
        ):
            story = node
            break
        elif node.tag in ("h2", "h3", "h4", "p", "div", "figure"):
            between.append(node)
    if title is None or story is None:
        return
    ahead = set(story.iterancestors()) | set(title.iterancestors())
    standfirst = next((e for e in between if e not in ahead and _standfirst(e)), None)
    if standfirst is not None:
        words = " ".join(_text_of(standfirst).split())
        if words not in " ".join(_text_of(story).split()):
            shown = lxml.html.Element("p")
            shown.text = words
            story.addprevious(shown)
            standfirst.drop_tree()  # its tail stays
    for figure in between:
        if (
            figure.tag == "figure"
            and figure not in ahead
            and figure.getparent() is not None
            and next(figure.iterancestors("figure", "nav", "aside", "footer", "a"), None) is None
            and (standfirst is None or standfirst not in set(figure.iterancestors()))
        ):
            _lifted_before(figure, story)


def _standfirst(element: Any) -> bool:
    """Whether ``element`` is a story's standfirst (see :func:`_standfirst_kept`)."""
    if element.tag == "figure":
        return False
    names = " ".join(str(element.get(name) or "") for name in _STANDFIRST_NAMES)
    if not _STANDFIRST.search(names):
        return False
    if next(element.iterancestors("nav", "aside", "footer", "figure", "a"), None) is not None:
        return False
    if next(element.iter("ul", "ol", "table"), None) is not None or (
        len(list(element.iter("p"))) > 1
    ):
        return False  # a list of the story's points, or passages of their own
    words = " ".join(_text_of(element).split())
    return _STANDFIRST_LENGTH[0] <= len(words) <= _STANDFIRST_LENGTH[1]


# A byline as a page shows it, its words opening with "By" in the page's language ("By Ana
# Pérez", "Por Ana Pérez", "Von ...", "Par ...", "Door ...", "Av ...", "Af ...", "Di ...").
_BYLINE = re.compile(r"(?:by|por|von|par|door|av|af|di|de)\s+\w", re.IGNORECASE)
_BYLINE_LENGTH = 120  # characters at most: a byline names its authors, it tells no story
# The words of a class or an id the extractor leaves an element out for as an author's
# ("byline", "c-byline", "author", "article-author"): a byline's words were lost whole.
_AUTHOR_MARK = re.compile(r"author|byline|byl\b", re.IGNORECASE)


def _byline_kept(page: Any) -> None:
    """Keep the byline a page shows ("By Ana Pérez" under its heading) as a passage: the
    extractor leaves out every element whose class or id names an author or a byline (it
    reads the author into the metadata), and the reader saw words the text did not hold.
    Only an element whose words open with "By" and are a byline's few, or are names alone
    above the story's first paragraph ("Ana Pérez and Luis Gómez"), is so kept (an
    author's biography at the article's foot stays out, as a menu's "Authors" does)."""
    order: dict[Any, int] | None = None  # each element's place in the page, when asked
    story = -1  # where the first paragraph of the story's length is
    # (the elements themselves: a proxy of lxml's keeps its identity while one is held)
    unmarked = {element for element, _ in unmarked_bylines(page)}
    for element in list(page.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if not _AUTHOR_MARK.search(marks) and element not in unmarked:
            continue
        words = " ".join(_text_of(element).split())
        if not words or len(words) > _BYLINE_LENGTH:
            continue
        if not _BYLINE.match(words):
            if not _names_alone(words):
                continue
            if order is None:
                order = {node: n for n, node in enumerate(page.iter())}
                story = next(
                    (order[p] for p in page.iter("p") if len(_text_of(p)) >= _STORY_LENGTH),
                    -1,
                )
            if not 0 <= order.get(element, story) < story:
                continue  # below the story's first paragraph, or no story: no byline
        if next(element.iterancestors("nav", "footer", "aside"), None) is not None:
            continue
        for node in element.iter():
            if isinstance(node.tag, str):
                node.attrib.pop("class", None)
                node.attrib.pop("id", None)
                node.attrib.pop("rel", None)
                node.attrib.pop("itemprop", None)
        if element.tag not in _PASSAGES:
            element.tag = "p"  # a passage of its own, as the page sets it apart
        holder = _byline_holder(element)
        if holder is not element:
            # Out of the block of the article's facts that holds it ("article-meta": its
            # date, its share buttons), which the extractor leaves out whole: above it.
            _lifted_before(element, holder)
            if _facts_alone(holder):
                holder.drop_tree()  # its tail stays
        header = next(element.iterancestors("header"), None)
        if header is not None and next(header.iter("h1"), None) is not None:
            # In the story's header (<header>: its title, standfirst, byline and buttons),
            # which the extractor leaves out when it takes the story's body (WordPress's
            # "entry-content", the New York Times' "articleBody"): above the story's first
            # paragraph, below its standfirst.
            if order is None:
                order = {node: n for n, node in enumerate(page.iter())}
            first = next(
                (
                    p
                    for p in page.iter("p")
                    if order.get(p, -1) > order.get(header, 0)
                    and header not in set(p.iterancestors())
                    and len(_text_of(p)) >= _STORY_LENGTH
                ),
                None,
            )
            if first is not None:
                _lifted_before(element, first)


# What ends the names of a byline set in a line of the article's facts ("By Ana Ruiz · 12
# May 2024 · 5 min read"): a separator or a figure.
_BYLINE_NAMES_END = re.compile(r"[·•|—–/\d]")


def unmarked_bylines(page: Any) -> list[tuple[Any, str]]:
    """The bylines ``page`` sets in a block of its article's facts (:data:`_FACTS_HOLDER`,
    "meta", "article-info") in an element no class or id marks as an author's, each with
    the names it gives: its own words open with "By" (:data:`_BYLINE`) followed by names
    alone (:func:`_names_alone`, or one name: "By Reuters"), a separator or a figure ending
    them.  The extractor leaves such a block out whole, and its byline with it (and found
    no author in it)."""
    found = []
    for element in page.iter():
        if not isinstance(element.tag, str) or not _BYLINE.match((element.text or "").lstrip()):
            continue
        holders = [element, *list(element.iterancestors())[:_HOLDER_DEPTH]]
        if not any(
            _FACTS_HOLDER.search(f"{node.get('class', '')} {node.get('id', '')}")
            for node in holders
            if node.tag not in ("article", "main", "body")
        ):
            continue
        words = " ".join(_text_of(element).split())
        if len(words) > _BYLINE_LENGTH:
            continue
        after = words.split(None, 1)[1] if len(words.split(None, 1)) > 1 else ""
        names = _BYLINE_NAMES_END.split(after, maxsplit=1)[0].strip(" ,")
        one = len(names.split()) == 1 and names[:1].isupper()
        if names and (one or _names_alone(names)):
            found.append((element, names))
    return found


_STORY_LENGTH = 100  # characters of a paragraph of a story's, at least
# Words a list of names holds besides the names ("Ana Pérez and Luis Gómez", "Ana de la Cruz")
_NAME_JOINS = frozenset({"and", "&", "y", "e", "et", "und", "de", "da", "del", "la", "van", "von"})


def _names_alone(words: str) -> bool:
    """Whether ``words`` are a person's name or a few, nothing else: two to eight words,
    each opening with a capital, but the words joining or inside names, no digit."""
    parts = words.replace(",", " ").split()
    return 2 <= len(parts) <= 8 and all(
        part.lower() in _NAME_JOINS or (part[0].isupper() and not any(c.isdigit() for c in part))
        for part in parts
    )


# A class or an id of a block the extractor leaves out whole as an article's facts: a
# byline in one went with it.
_FACTS_HOLDER = re.compile(r"meta|info|author|byline", re.IGNORECASE)
_HOLDER_DEPTH = 3  # the blocks up from a byline looked at for one holding it


_FACTS_LENGTH = 80  # characters of a line of an article's facts at most: a date, a time


def _facts_alone(holder: Any) -> bool:
    """Whether the block of the article's facts ``holder``, its byline taken out, holds its
    date, time or reading time alone ("12 May 2024", "Updated 10:32 · 5 min read"): a
    figure among few words, no passage.  The extractor leaves such a block out when its
    class names it "meta", and kept it when "info" ("article-info"): a lone date line
    between the byline and the story, as one theme names it and not another."""
    words = " ".join(_text_of(holder).split())
    return (
        0 < len(words) <= _FACTS_LENGTH
        and any(c.isdigit() for c in words)
        and words[-1] not in ".!?"
        and next(holder.iter(*_HEADING_TAGS, "ul", "ol", "table", "img", "figure"), None) is None
    )


def _byline_holder(element: Any) -> Any:
    """The outermost block of :data:`_FACTS_HOLDER` holding the byline ``element``, up to
    :data:`_HOLDER_DEPTH` blocks up and never past the article; else ``element``."""
    holder = element
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= _HOLDER_DEPTH or ancestor.tag in ("article", "main", "body"):
            break
        if _FACTS_HOLDER.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            holder = ancestor
    return holder


def _lifted_before(element: Any, holder: Any) -> None:
    """Move ``element`` to stand right before ``holder``, its tail left where it was."""
    tail, element.tail = element.tail, None
    before = element.getprevious()
    if tail:
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent = element.getparent()
            parent.text = (parent.text or "") + tail
    holder.addprevious(element)


# What a link back from a note to where it is referred to shows: a mark, not words.
_BACK_MARKS = frozenset({"↩", "↑", "^", "⤴", "↵", "⮌"})


def _notes_kept(page: Any) -> None:
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
    references = page.xpath("//a[starts-with(@href, '#')][@id or parent::sup[@id]]")
    if not references:
        return
    ids: dict[str, Any] = {}
    for element in page.xpath("//*[@id]"):
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
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A form's controls: what they hold is no text of the page's (a list's choices, a field's
# text typed in advance, a button's label).
_CONTROLS = ("select", "datalist", "textarea", "input", "button")


def _disclosed(page: Any) -> None:
    """Make the page's disclosures (an accordion of questions, a "show more") read as a
    browser shows them opened, and its form controls left out: a button labelling a part
    (in a heading, or one that opens and closes a part: ``aria-expanded``) is its words, the
    part it opens (``aria-controls``) is read though closed (``hidden``), and every other
    control is left out, with a form's names for them (``<label>``).  The questions of an
    accordion were lost (the extractor drops every button) with the answers it held closed,
    and a short page read as one passage held its form's choices and buttons ("Choose one
    Two Submit")."""
    opened: set[str] = set()
    for button in list(page.iter("button", "summary", "div", "a", "span")):
        if button.get("aria-expanded") is not None:
            opened.update(str(button.get("aria-controls") or "").split())
    if opened:
        for part in page.iter():
            if isinstance(part.tag, str) and part.get("id") in opened:
                part.attrib.pop("hidden", None)
    for control in list(page.iter(*_CONTROLS)):
        if control.getparent() is None:
            continue
        if control.tag == "button" and (
            control.get("aria-expanded") is not None
            or next(control.iterancestors(*_HEADING_TAGS), None) is not None
        ):
            if next(control.iterancestors(*_HEADING_TAGS), None) is None:
                control.tag = "p"  # a part's label: a passage of its own
            else:
                control.drop_tag()  # its words in its heading
        else:
            control.drop_tree()  # its tail stays
    for form in page.iter("form"):
        for label in list(form.iter("label", "legend")):  # a control's name, without it
            if label.getparent() is not None:
                label.drop_tree()


# What a heading's permalink shows: a mark, not words ("Crypto#" in Node.js's documentation,
# "Usage¶" in Sphinx's and MkDocs', "§" or a link sign elsewhere).
_PERMALINK_MARKS = frozenset({"#", "¶", "§", "🔗", "⚓", "⚓︎", "∞"})
# Where a permalink stands: a heading, or the term of a definition (a function's, as
# Texinfo writes it: "ffi_prep_cif (ffi_cif *cif, ...) ¶").
_LINKED = ("h1", "h2", "h3", "h4", "h5", "h6", "dt")
_PERMALINK_CLASSES = frozenset({"headerlink", "copiable-anchor", "copiable-link"})


def _without_permalinks(page: Any) -> Any:
    """``page`` without its headings' permalinks: every heading of a page Sphinx made
    (Python's documentation) ended in a pilcrow ("Command line usage¶"), of a page of
    Node.js's documentation in a hash ("Crypto#"), and so did the title taken from its
    first heading ("IDLE¶").  A permalink is a link of a class Sphinx or Texinfo gives one,
    or a link within the page in a heading or a definition's term whose text is such a
    mark.  A wiki's links to edit a section go too ("History[edit]")."""
    for anchor in list(page.iter("a")):
        if anchor.getparent() is None:
            continue
        classes = str(anchor.get("class", "")).split()
        mark = (
            str(anchor.get("href", "")).startswith("#")
            and "".join(anchor.itertext()).strip() in _PERMALINK_MARKS
            and next(anchor.iterancestors(*_LINKED), None) is not None
        )
        if _PERMALINK_CLASSES.intersection(classes) or mark:
            anchor.drop_tree()  # its tail stays
    for heading in page.iter(*_LINKED):
        # A wiki's link to edit a section, in its heading: "History[edit]" (a page of
        # Wikipedia saved), and its title with it.
        for edit in list(heading.iter("span")):
            if (
                "mw-editsection" in str(edit.get("class", "")).split()
                and edit.getparent() is not None
            ):
                edit.drop_tree()
    return page


# A page longer than this (in characters, its inline images' data left out) has its date
# looked for in its markup and its text's timestamps, not in every phrase of its text:
# htmldate's extensive search reads the whole page a dozen times (3 s a megabyte), a page of
# 9 MB took 28 s, past the conversion's time limit, to find a number of its text taken for a
# year ("1995-01-01").
EXTENSIVE_DATE_SEARCH = 500_000
# A data: URI's data, after its media type: an image a saved page carries inline.
_INLINE_DATA = re.compile(r"(data:[^,\s\"'()]{0,200},)[^\s\"'()]+", re.IGNORECASE)


def _without_inline_data(page: Any) -> None:
    """``page`` with the data of every data: URI in its attributes taken out (an image saved
    inline, whose base64 the date search read as the page's text and could date it by; the
    parse left out the longest already, see :func:`~.html_text.parse_html`)."""
    for value in page.xpath("//@*[contains(., 'data:') or contains(., 'DATA:')]"):
        short = _INLINE_DATA.sub(r"\1", str(value))
        if len(short) < len(value):
            value.getparent().set(value.attrname, short)


def _titled(page: Any) -> Any:
    """``page`` as its title is taken from: without its headings' permalinks and without
    its buttons, whose labels a heading holding one ended in ("Function vdupq_n_s16 Copy
    item path", every item's page rustdoc makes), nor the references to notes in its
    headings ("Visit to the market1", its note's number run into the title)."""
    for button in list(page.iter("button")):
        if button.getparent() is not None:
            button.drop_tree()  # its tail stays
    for heading in list(page.iter("h1", "h2", "h3", "h4", "h5", "h6")):
        for reference in list(heading.iter("a", "sup")):
            if reference.getparent() is not None and note_reference(reference, reference.tag):
                reference.drop_tree()  # its tail stays
    return _without_permalinks(page)


# The cells of a row the extractor is given at most: it counts a row's cells again for each
# cell it adds (quadratic), and a row 100,000 cells wide took minutes.  A row of a table a
# person reads is far narrower.
ROW_CELLS = 1000


def _bound_rows(holder: Any) -> None:
    """Part a row of ``holder`` wider than :data:`ROW_CELLS` cells (a ``<tr>``, or cells
    written straight into a table without one) into rows of that many, in their order."""
    cells = [child for child in holder if child.tag in ("td", "th")]
    if len(cells) <= ROW_CELLS:
        return
    if holder.tag == "tr":
        parent = holder.getparent()
        if parent is None:
            return
        at = parent.index(holder)
        tail, holder.tail = holder.tail, None
        row = holder
        for start in range(ROW_CELLS, len(cells), ROW_CELLS):
            row = holder.makeelement("tr", {})
            row.extend(cells[start : start + ROW_CELLS])
            at += 1
            parent.insert(at, row)
        row.tail = tail
        return
    for start in range(0, len(cells), ROW_CELLS):
        part = cells[start : start + ROW_CELLS]
        row = holder.makeelement("tr", {})
        holder.insert(holder.index(part[0]), row)
        row.extend(part)


def _taken_labels(root: Any) -> dict[Any, str]:
    """The labels :func:`_prepare` wrote, taken out of the article ``root``: each item's
    that still opens its item's text (its first words), the rest removed wherever the
    extraction moved them."""
    labels: dict[Any, str] = {}
    for item in root.iter("li"):
        holder = item
        while not (holder.text or "").strip() and len(holder) and isinstance(holder[0].tag, str):
            holder = holder[0]
        found = _LABELLED.match((holder.text or "").lstrip())
        if found:
            labels[item] = found.group(1)
    for element in root.iter():
        if element.text and _LABEL in element.text:
            if element.tag == "p" and next(element.iterancestors("li"), None) is None:
                # An item's paragraph the extraction kept alone, its list left out (a
                # page's notes at its end): its label is written as its words' first.
                found = _LABELLED.match(element.text.lstrip())
                if found:
                    element.text = f"{found.group(1)} {element.text.lstrip()[found.end() :]}"
            element.text = _LABELLED.sub("", element.text).replace(_LABEL, "")
        if element.tail and _LABEL in element.tail:
            element.tail = _LABELLED.sub("", element.tail).replace(_LABEL, "")
    return labels


def _without_control(reference: re.Match[str]) -> str:
    """A character reference kept, or nothing when it stands for a control character (a
    space for one that parts words, as &#13; does)."""
    character = html.unescape(reference.group())  # as a browser reads it (&#150; is "–")
    if character and sanitize(character) == character:
        return reference.group()
    return " " if character.isspace() else ""


_TITLE_PARTS = re.compile(r"\s+[|–—·•-]\s+")


def _google_docs_title(page: Any, body: str) -> str:
    """The text of the paragraph a Google Docs document downloaded as a web page marks as
    its title (a ``<p>`` of class ``title`` in the body, which Google Docs gives the class
    ``doc-content`` or its outline's paragraphs an id "h...."), "" in any other page or
    when it is no paragraph of the text read: the document was titled by its first
    heading, a section's ("At dawn"), its own title above it passed over."""
    found = page.find("body")
    if found is None:
        return ""
    marked = "doc-content" in _classes(found)
    for paragraph in found.iterchildren("p"):
        if "title" in _classes(paragraph):
            if not (marked or str(paragraph.get("id", "")).startswith("h.")):
                return ""
            title = " ".join(_text_of(paragraph).split())
            return title if title and title in body else ""
    return ""


def _head_title(page: Any) -> str:
    """The text of the ``<title>`` of ``page`` on one line ("" without one)."""
    found = page.find(".//title")
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


# A copyright notice and its year, or its years' span ("© 2024", "Copyright 2010-2024").
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?P<year>\d{4})", re.IGNORECASE
)


def _not_copyright(date: str | None, page: Any, body: str, extensive: bool) -> str | None:
    """``date``, the page's date as found, unless it is the first of January of the year of
    the page's copyright notice ("© 2024 Daily Courier" in its footer) and its markup names
    no date: the search of the page's words took the notice for the story's date, and every
    story saved from a site was dated the first of January of the year saved."""
    if not date or not extensive or not date.endswith("-01-01") or date[:4] in body:
        return date
    page_text = " ".join(page.itertext())
    if not any(found["year"] == date[:4] for found in _COPYRIGHT.finditer(page_text)):
        return date
    from htmldate import find_date

    return find_date(page, extensive_search=False, original_date=True) or None


def _own_title(title: str, head: str, body: str, heading: str | None, site: str = "") -> str:
    """The page's own title rather than another part's: the article extractor takes a
    page's only ``<h1>``, or a heading of a class naming a title, for its title, which is
    the site's name on every page of Node.js's documentation ("Node.js v20.20.2
    documentation", in the ``<title>`` "Crypto | Node.js v20.20.2 Documentation") and the
    heading of a hidden help window on every page of a book mdBook made ("Keyboard
    shortcuts").  Then the ``head`` title's own part, or the article's first ``heading``
    when it holds that part ("Error code E0366" for "E0366 - Error codes index").  The
    site's name before the page's own title ("Daily Courier - Floods in the valley", the
    site named by the page): that title, not the site's name the extractor took."""
    parts = [part for part in _TITLE_PARTS.split(head) if part]
    folded = title.casefold()
    if len(parts) < 2 or not folded:
        return title
    if site and folded == " ".join(site.split()).casefold():
        others = [part for part in parts if part.casefold() != folded]
        if others:
            return max(others, key=len)
    if folded in (part.casefold() for part in parts[1:]):
        return parts[0]  # the site's name, after the page's own title
    if folded in head.casefold() or title in body or not heading:
        return title
    # A title found nowhere a reader sees it, the article's heading holding the page's own.
    return heading if parts[0].casefold() in heading.casefold() else title


def clean_title(title: str, site: str) -> str:
    """``title`` without a trailing `` | Site name`` (or `` - Site``)."""
    title = " ".join(title.split())
    if site and title.lower().endswith(site.lower()) and len(title) > len(site):
        stripped = title[: -len(site)].rstrip(" |–—:·•-")
        if stripped:
            return stripped
    found = _SUFFIX.search(title)
    if found and site and site.lower() in found.group().lower():
        return title[: found.start()]
    return title
