"""A blog post's title and date kept with its text: Blogger sets the post's title (an
``h3`` of class ``post-title``) and the day's date above it (``h2`` of class
``date-header``) outside the post's body, which the extractor takes alone."""

from __future__ import annotations

import copy
from typing import Any

from tui_reader.core.documents.formats.html_elements import text_of

_BODY_CLASSES = frozenset({"post-body", "entry-content"})
_TITLE_CLASSES = frozenset({"post-title", "entry-title"})
_POST_DEPTH = 3  # the blocks up from a post's body looked at for its title


def post_headers_kept(page: Any) -> None:
    """Put a blog post's title, and above it the date Blogger heads the day's posts with,
    at the start of the post's body when they stand outside it, above it in the post: the
    post was read without them (its title in the metadata alone)."""
    # The blocks holding a title among their children (one moved into a body since too): a
    # block holding none has no title to read among them, which spares reading the siblings
    # of each post of a thread whose posts, thousands, stand in one block.
    titled = {h.getparent() for h in page.iter("h1", "h2", "h3") if _classes(h) & _TITLE_CLASSES}
    for body in [e for e in page.iter("div", "section") if _classes(e) & _BODY_CLASSES]:
        title = _title_above(body, titled)
        if title is None:
            continue
        heading = copy.deepcopy(title)
        heading.tail = None
        body.insert(0, heading)
        titled.add(body)
        date = _date_above(body)
        if date is not None:  # above the title, as the page shows it
            line = copy.deepcopy(date)
            line.tag, line.tail = "p", None
            body.insert(0, line)
        title.drop_tree()
        if date is not None:
            date.drop_tree()


def _title_above(body: Any, titled: set[Any]) -> Any:
    """The post's title above ``body`` in its post, outside it, or ``None``: a heading
    before ``body``, or before the block holding it, among that one's siblings.  Only those
    siblings are read, not the whole post: on a forum thread every post's body below an
    ``article`` holding the thread would otherwise read every heading of the thread; nor
    are those of a block not in ``titled``, the blocks holding a title."""
    below = body
    for post in list(body.iterancestors())[:_POST_DEPTH]:
        headings = (
            list(below.itersiblings("h1", "h2", "h3", preceding=True)) if post in titled else []
        )
        for title in reversed(headings):  # in the page's order
            if _classes(title) & _TITLE_CLASSES and " ".join(text_of(title).split()):
                return title
        if post.tag in ("article", "body", "main"):
            break
        below = post
    return None


def _date_above(body: Any) -> Any:
    """Blogger's date heading the day's posts (``h2.date-header``) above ``body``, or
    ``None``."""
    for holder in body.iterancestors():
        for date in holder.iterchildren("h2"):
            if "date-header" in _classes(date) and " ".join(text_of(date).split()):
                return date
    return None


def _classes(element: Any) -> set[str]:
    return set(str(element.get("class", "")).split())
