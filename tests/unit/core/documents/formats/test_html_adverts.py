from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats import html_adverts, html_notes

STORY = [
    "Hundreds of migrants slept in the central square on Thursday night after the city's"
    " three shelters said they had no more room, local officials said.",
    "The number of people waiting for appointments with the asylum office has doubled since"
    " March, according to figures seen by the newspaper.",
    "Officials said a fourth shelter would open next week in a former school on the edge of"
    " the city, with room for four hundred people.",
    "It is not enough, the priest said, but it is something, and the city has promised more.",
]


def _article(tmp_path: Path, between: list[str]) -> list[str]:
    """The paragraphs of a saved news page whose story's paragraphs have ``between`` after
    each but the last."""
    body = "".join(f"<p>{p}</p>{between[i]}" for i, p in enumerate(STORY[:-1]))
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Shelters full</title></head><body><article><h1>Shelters full</h1>"
        f"{body}<p>{STORY[-1]}</p><h2>Advertising</h2><p>Who pays for the signs.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    return load_document(path).text.split("\n\n")


def test_a_news_page_s_advertising_labels_are_no_words_of_its_story(tmp_path: Path) -> None:
    # "Advertisement" and "Story continues below advertisement", the labels of ads a saved
    # page never holds, were read between the story's paragraphs as its words.  An element
    # saying nothing but such a label, or named an ad's slot, is left out; a heading of
    # that word is kept.
    assert _article(
        tmp_path,
        [
            '<p class="advert">Advertisement</p>',
            "<div><span>Story continues below advertisement</span></div>",
            '<div class="ad-slot"><p>Buy cheap flights to Cancún today with our partner.</p>'
            "</div><p>ADVERTISEMENT</p><p><small>- Anzeige -</small></p>",
        ],
    ) == ["Shelters full", *STORY, "Advertising", "Who pays for the signs."]


def test_a_label_is_looked_for_in_no_more_words_than_a_label_holds() -> None:
    # A page of unclosed <div> tags (200,000 of them, 1 MB) ran into the conversion's time
    # limit: each of the 256 elements the deep markup keeps, holding one child, had every
    # word below it joined to be compared with an ad's label, a page's words read 256
    # times.  Its words are read until they are more than a label holds.
    from lxml import etree, html

    from tui_reader.core.documents.formats.html_adverts import adverts_dropped

    class Counted(html.HtmlElementClassLookup):
        made = 0

        def lookup(self, node_type: Any, document: Any, namespace: Any, name: Any) -> Any:
            Counted.made += 1
            return super().lookup(node_type, document, namespace, name)

    parser = etree.HTMLParser()
    parser.set_element_class_lookup(Counted())
    depth, words = 200, 5_000
    markup = "<div>" * depth + "<p>a word</p>" * words + "</div>" * depth
    page = etree.fromstring(f"<html><body>{markup}</body></html>", parser)
    elements = sum(1 for _ in page.iter())
    Counted.made = 0
    adverts_dropped(page)
    assert Counted.made < 10 * elements  # each element looked at a few times, not 200


class _Asked:
    """A page that keeps every XPath asked of it, the rest passed on to the page."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.asked: list[str] = []

    def xpath(self, expression: str) -> Any:
        self.asked.append(expression)
        return self.page.xpath(expression)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)


# A step after "//" with a predicate: libxml2 takes each element's children in turn and
# sorts what they give, which grows with the square of a page's posts (33 s of CPU for
# the slots of a forum page of 11,183 posts, 0.06 s by the descendant axis).
_CHILDREN_SORTED = re.compile(r"//[^/\[|]*\[")


@pytest.mark.parametrize(
    ("module", "run"),
    [(html_adverts, html_adverts.adverts_dropped), (html_notes, html_notes._linked_notes)],
)
def test_a_page_s_elements_are_found_along_the_descendant_axis(module: Any, run: Any) -> None:
    posts = "".join(
        f"<div class='post' id='p{n}'><a href='#n{n}' id='r{n}'>{n}</a>"
        f"<div class='ad-slot'>Advertisement</div><p id='n{n}'>Words.</p></div>"
        for n in range(3)
    )
    page = lxml.html.fromstring(f"<html><body><article>{posts}</article></body></html>")
    asked = _Asked(page)
    run(asked)
    assert asked.asked, f"{module.__name__} asked no XPath"
    assert not [e for e in asked.asked if _CHILDREN_SORTED.search(e)]
