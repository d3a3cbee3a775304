"""A story's standfirst kept in its text, the sentence under its title that says what it
tells, and the figures set beside it (a lead picture and its caption): the extractor leaves
them out with the story's header."""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from tui_reader.core.documents.formats.html_elements import STORY_LENGTH, lifted_before, text_of

# The names a page gives its standfirst, the sentence under its title that says what the
# story tells (Medium's "pw-subtitle-paragraph", Substack's "subtitle", the Guardian's
# "standfirst", the New York Times' "article-summary", Arc XP's "subheadline", a "dek").
_STANDFIRST = re.compile(
    r"subtitle|standfirst|sub-?head|summary|strapline|(?<![a-z])dek(?![a-z])", re.IGNORECASE
)
_STANDFIRST_LENGTH = (20, 400)  # characters of a standfirst, at least and at most
_STANDFIRST_NAMES = ("class", "id", "data-testid", "data-qa", "data-gu-name", "data-component")


# The mark of a figure brought down to the story's first paragraph from higher up the page.
BROUGHT_DOWN = "data-brought-down"


def standfirst_kept(page: Any) -> None:
    """Keep the standfirst set between a story's title and its first paragraph (of
    :data:`STORY_LENGTH`), an element named so (:data:`_STANDFIRST`), as a passage right
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
            and len(text := text_of(node)) >= STORY_LENGTH  # (its words no longer)
            and len(" ".join(text.split())) >= STORY_LENGTH
        ):
            story = node
            break
        elif node.tag in ("h2", "h3", "h4", "p", "div", "figure"):
            between.append(node)
    if title is None or story is None:
        return
    ahead = set(story.iterancestors()) | set(title.iterancestors())
    # The figures set right above the story's first paragraph on the page: none is brought
    # down, though the standfirst is now put between them (a byline above such a figure was
    # read below its caption when the story had a standfirst).
    beside = {node for node in between if node.tag == "figure" and node.getnext() is story}
    standfirst = next((e for e in between if e not in ahead and _standfirst(e)), None)
    if standfirst is not None:
        words = " ".join(text_of(standfirst).split())
        if words not in " ".join(text_of(story).split()):
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
            if figure not in beside:
                figure.set(BROUGHT_DOWN, "")  # (no byline goes above it: see html_bylines)
            lifted_before(figure, story)


def _standfirst(element: Any) -> bool:
    """Whether ``element`` is a story's standfirst (see :func:`standfirst_kept`)."""
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
    words = " ".join(text_of(element).split())
    return _STANDFIRST_LENGTH[0] <= len(words) <= _STANDFIRST_LENGTH[1]
