"""Saved web pages: the article only, by trafilatura (main-content extraction), with the
page's title (without the site's name), author, date, site and URL as metadata; a manual a
documentation tool made (its generator ``<meta>``) is read whole, but for its navigation."""

from __future__ import annotations

import codecs
import copy
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
from tui_reader.core.documents.formats.html_controls import contents_dropped
from tui_reader.core.documents.formats.html_elements import classes, text_of
from tui_reader.core.documents.formats.html_justext import install as _linear_justext
from tui_reader.core.documents.formats.html_metadata import TITLE_PARTS, head_title, page_metadata
from tui_reader.core.documents.formats.html_prepare import LABEL, prepare
from tui_reader.core.documents.formats.html_regex_guard import install as _attributes_asked_first
from tui_reader.core.documents.formats.html_text import (
    HtmlWriter,
    heading_words,
    not_shown,
    parse_html,
    without_control_references,
)
from tui_reader.core.documents.formats.html_word import word_lists
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

_LABELLED = re.compile(f"{LABEL}([^{LABEL}]{{1,40}}){LABEL} ?")
_NOSCRIPT_TAG = re.compile(r"</?noscript\b[^>]*>", re.IGNORECASE)
# A passage repeating one before it is told apart from it for the extraction by its count
# between two of these (see _repeats_told_apart), taken out of the article after.
_REPEAT = "\u2064"  # INVISIBLE PLUS: a page holding one is not told apart
_REPEAT_COUNT = re.compile(f"{_REPEAT}[0-9]+{_REPEAT}")
# The blocks that are a passage when no other of them is inside.
_REPEATABLE = ("p", "div", "li", "dd", "dt", "td", "th", "pre", "blockquote", "figcaption",
             "h1", "h2", "h3", "h4", "h5", "h6")  # fmt: skip

_linear_justext()  # trafilatura's last fallback, quadratic in a page's short paragraphs
_attributes_asked_first()  # its XPaths' regular expressions, not called for every element


def convert_html(text: str, path: Path) -> Parsed:
    """The article of the web page ``text`` (decoded, sanitised HTML)."""
    if not text.strip():
        raise DocumentError(path, "empty web page")
    page = _page(text, path)
    huge = _elements(page) > HUGE_PAGE
    head = _head_alone(page) if huge else None
    chat = _chat_export(page)
    if chat is not None:
        writer = chat
    elif huge or _is_manual(page):
        writer = _whole(page, LABEL not in text)
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
    described = _page(text, path) if head is None else head
    metadata, title = page_metadata(described, text, body, writer.first_heading)
    return Parsed(body, writer.out.sorted_spans(), title or writer.first_heading, (), (), metadata)


# A page of more elements than this is written whole, not extracted, its metadata read from
# its head alone: the extraction and the metadata's search of the body take 30 to 60 us an
# element (twice the extraction when it looks again for a lost block), so a source listing
# of 154,000 elements (8.5 MB) took 31 s and a page of 600,000 paragraphs 42 s, past the
# conversion's time limit, where writing it whole takes 10 s.  The largest article read here
# (a book's one-page print, 89,000 elements) is far below; the pages above are listings.
HUGE_PAGE = 100_000


def _elements(page: Any) -> int:
    return sum(1 for _ in page.iter())


def _head_alone(page: Any) -> Any:
    """A page holding a copy of the ``<head>`` of ``page`` alone (its title, its metadata's
    tags), for the metadata of a page too big to be searched whole."""
    alone = lxml.html.Element("html")
    head = page.getroottree().getroot().find("head")
    if head is not None:
        alone.append(copy.deepcopy(head))
    return alone


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
    whole = "".join(text_of(page).split()) if blocks else ""
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
        words = "".join(text_of(block).split())
        if words:
            linked = sum(len("".join(text_of(a).split())) for a in block.iter("a"))
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
    labelled = prepare(page, LABEL not in text)
    contents_dropped(page)  # (a manual, read whole, keeps its contents: see _whole)
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
        words = " ".join(text_of(root).split())
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
        text = text_of(passage) if len(passage) else passage.text or ""
        if len(text) <= MIN_DUPLICATE_LENGTH:
            continue  # (its words are no longer: most passages, looked at no further)
        words = " ".join(text.split())
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
        below = " ".join(text_of(after).split()) if after is not None else ""
        passage = after is not None and after.tag == "p" and len(below) >= _OPENING_WORDS
        yield str(heading.tag), text, below[:_OPENING_WORDS] if passage else None


def _headings_put_back(root: Any, headed: list[tuple[str, str, str]]) -> None:
    """Put back into the article ``root`` each heading of ``headed`` (see
    :func:`_headed_passages`) the extractor left out above a passage it kept: a page of
    headings and passages, no article element around them, lost its headings ("Second
    part") between passages it read."""
    if not headed:
        return
    words = " ".join(text_of(root).split())
    missing = [h for h in headed if h[1] not in words and h[2] in words]
    if not missing:
        return
    passages = [(p, " ".join(text_of(p).split())) for p in root.iter("p")]
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
        below = " ".join(text_of(after).split())[:_OPENING_WORDS]
        if len(below) < _OPENING_WORDS:
            return False
        _headings_put_back(root, [(level, " ".join(heading.split()), below)])
        return " ".join(heading.split()) in " ".join(text_of(root).split())
    return False


def _lone_heading(page: Any) -> str:
    """The text of the one ``<h1>`` of ``page`` a reader sees, or "" (none, or several)."""
    headings = [h for h in page.iter("h1") if not not_shown(h) and text_of(h).strip()]
    if len(headings) != 1 or _home_link(headings[0]):
        return ""
    text = heading_words(headings[0])
    parts = [part.casefold() for part in TITLE_PARTS.split(head_title(page)) if part]
    return "" if text.casefold() in parts[1:] else text  # the site's name, not the page's


def _home_link(heading: Any) -> bool:
    """Whether ``heading`` is a link to the site's home page (its logo, its name)."""
    link = next(heading.iter("a"), None)
    if link is None:
        return False
    target = str(link.get("href") or "").strip()
    return re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.html?)?|\.?/|#", target) is not None


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
    text = without_control_references(text)
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
_NAVIGATION = frozenset(
    {"navheader", "navfooter", "navigation", "nav", "nav-panel", "header", "site-header",
     "site-footer"}
)  # fmt: skip
_NAVIGATION_BLOCKS = ("div", "table", "ul", "p", "nav", "header", "footer")  # not a heading's link
# The roles of a site's parts around a page's text: its menus, its header (a logo, a
# search) and its footer (copyright, links to its policies).  ARIA gives the last two to
# one element of a page each, the body's own, never to an article's header or footer.
_NAVIGATION_ROLES = frozenset({"navigation", "banner", "contentinfo"})
# A link to a place further down its page that a keyboard's user takes past the menus:
# "Skip to main content", "Skip navigation", Wikipedia's "Jump to content".
_SKIP_LINK = re.compile(
    r"(?:skip|jump)(?: (?:to|past|over))?(?: the)?(?: main)?"
    r" (?:content|navigation|nav|menu|main|text|article|search)",
    re.IGNORECASE,
)


def _chat_export(page: Any) -> HtmlWriter | None:
    """A chat exported by Telegram Desktop (``messages.html``: each message a
    ``div.message`` with its sender's name, its date and time and its text) written as a
    chat's text export is, a message a paragraph: "[12.05.2023 10:02:33] Ana: Are you
    there?", a message its sender sent right after another (``joined``, no name) under the
    same name, a photo or a voice note named in brackets; else ``None``.  Read as an
    article, each message was the initial of its sender's picture, its time and its
    sender's name, each a paragraph, and the chat had no turns."""
    history = next((div for div in page.iter("div") if "history" in classes(div)), None)
    if history is None:
        return None
    root = lxml.html.Element("div")
    sender = ""
    said = named = 0
    for message in history.iter("div"):
        kinds = classes(message)
        if "message" not in kinds:
            continue
        body = next((div for div in message if "body" in classes(div)), None)
        if body is None:
            continue
        paragraph = lxml.etree.SubElement(root, "p")
        if "service" in kinds:
            paragraph.text = " ".join(text_of(body).split())
            continue
        parts = {cls: div for div in body if isinstance(div.tag, str) for cls in classes(div)}
        if "from_name" in parts:
            sender = " ".join(text_of(parts["from_name"]).split())
            named += 1
        when = parts.get("date")
        stamp = ""
        if when is not None:
            stamp = " ".join(str(when.get("title") or text_of(when)).split()[:2])
        paragraph.text = (f"[{stamp}] " if stamp else "") + (f"{sender}: " if sender else "")
        forwarded = parts.get("forwarded")
        if forwarded is not None:  # another's message passed on: its sender and its words
            inner = {c: d for d in forwarded if isinstance(d.tag, str) for c in classes(d)}
            origin = inner.get("from_name")
            name = " ".join(text_of(origin).split()) if origin is not None else ""
            paragraph.text += f"[forwarded from {name}] " if name else "[forwarded] "
            parts = {**inner, **{k: v for k, v in parts.items() if k == "date"}}
        media = parts.get("media_wrap")
        if media is not None:
            title = next((d for d in media.iter("div") if "title" in classes(d)), None)
            shown = " ".join(text_of(title if title is not None else media).split())
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
    """``page`` written whole (:func:`prepare`'s changes made), its headings and
    paragraphs parted, but for the links to other pages a manual puts above and below, and
    a site's parts around the text, its menus, header and footer (by their classes and
    roles), and its links that skip to the text ("Skip to main content"): a page too big
    to extract its article from kept them all."""
    writer = HtmlWriter()
    for link in list(page.iter("a")):
        said = " ".join(text_of(link).split())
        skip = str(link.get("href", "")).startswith("#") and _SKIP_LINK.fullmatch(said)
        if skip and link.getparent() is not None:
            link.drop_tree()  # its tail stays
    for element in list(page.iter(*_NAVIGATION_BLOCKS)):
        classes = str(element.get("class", "")).lower().split()
        navigation = bool(_NAVIGATION.intersection(classes)) or (
            str(element.get("role", "")).lower() in _NAVIGATION_ROLES
        )
        if navigation and element.getparent() is not None:
            # A rule right above or below it, where Texinfo sets one, parts the links from
            # the text, no part of the text: with the links gone it opened the text (or
            # ended it), a line of ──── above the first heading.
            above, below = element.getprevious(), element.getnext()
            if above is not None and above.tag == "hr" and not (above.tail or "").strip():
                above.drop_tree()
            if below is not None and below.tag == "hr" and not (element.tail or "").strip():
                below.drop_tree()  # its tail stays
            element.drop_tree()
    if prepare(page, label):
        writer.labels = _taken_labels(page)
    body = page.find(".//body")
    writer.element(body if body is not None else page)
    return writer


def _whole_if_same(text: str, path: Path, writer: HtmlWriter) -> HtmlWriter:
    """The page ``text`` written whole, its headings and paragraphs parted, when it holds
    the very words of the article ``writer`` wrote (a short page trafilatura's fallback ran
    into one passage: "Memo We met the staff ... Next visit: Friday."); else ``writer``."""
    page = _page(text, path)
    whole = _whole(page, LABEL not in text)
    said = _words(writer)
    if _same_words(said, whole):
        return whole
    # The page holds more than the fallback's passage (a site's menu above the article, its
    # footer below: a short news page): the part of the page that holds its very words (the
    # <article>, a division) written whole, the outermost such part.
    head, tail = said[:_TAIL_PROBE], said[-_TAIL_PROBE:]
    for part in page.iter(*_ARTICLE_PARTS):
        shown = "".join(text_of(part).split())
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
    see prepare) as words, the marks around them dropped: a page with a numbered list ran
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


def _taken_labels(root: Any) -> dict[Any, str]:
    """The labels :func:`prepare` wrote, taken out of the article ``root``: each item's
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
        if element.text and LABEL in element.text:
            if element.tag == "p" and next(element.iterancestors("li"), None) is None:
                # An item's paragraph the extraction kept alone, its list left out (a
                # page's notes at its end): its label is written as its words' first.
                found = _LABELLED.match(element.text.lstrip())
                if found:
                    element.text = f"{found.group(1)} {element.text.lstrip()[found.end() :]}"
            element.text = _LABELLED.sub("", element.text).replace(LABEL, "")
        if element.tail and LABEL in element.tail:
            element.tail = _LABELLED.sub("", element.tail).replace(LABEL, "")
    return labels
