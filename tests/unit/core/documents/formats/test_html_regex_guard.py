"""trafilatura's XPaths ask whether an element has an attribute before testing it against a
regular expression, and select what they selected before."""

from __future__ import annotations

import re

import lxml.html
import trafilatura.xpaths
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.etree import XPath

import tui_reader.core.documents.formats.html  # noqa: F401  (installs it)
from tui_reader.core.documents.formats.html_regex_guard import UNGUARDED, guarded

_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'([^']*)'(?:,\s*'([^']*)')?\)")


def test_each_regex_test_of_an_attribute_asks_first_whether_the_element_has_it() -> None:
    # A page of 200,000 paragraphs without a class ("<p>x" over and over) called the regular
    # expression of each such test for every one of them: 11 s of CPU in one pass of the
    # XPaths, and the page was refused at the conversion's time limit.
    unasked = []
    for value in vars(trafilatura.xpaths).values():
        for expression in value if isinstance(value, list) else ():
            if not isinstance(expression, XPath):
                continue
            for test in _TEST.finditer(expression.path):
                flags = re.IGNORECASE if "i" in (test.group(3) or "") else 0
                if re.compile(test.group(2), flags).search(""):
                    continue  # true without the attribute: asked of every element
                if not expression.path[: test.start()].endswith(f"(({test.group(1)}) and "):
                    unasked.append(test.group(0))
    assert not unasked


def test_a_pattern_an_empty_text_matches_is_left_as_it_is() -> None:
    path = "//*[re:test(@class, 'a|^$') or re:test(@id, 'x')]"
    assert guarded(path) == "//*[re:test(@class, 'a|^$') or ((@id) and re:test(@id, 'x'))]"


def _words() -> list[str]:
    """The words trafilatura's patterns look for in a class or an id, and some others."""
    found = {w for path in UNGUARDED for w in re.findall(r"[A-Za-z][A-Za-z_-]{2,}", path)}
    return [*sorted(found), "x", "", " ", "hidden", "display:none", "author-name"]


_ATTRIBUTES = ("class", "id", "style", "itemprop", "role", "rel", "data-component")
_TAGS = ("p", "div", "span", "a", "h1", "h2", "section", "article", "li", "ul", "footer")


@st.composite
def _pages(draw: st.DrawFn) -> str:
    words = st.sampled_from(_words())
    value = st.lists(words, max_size=3).map(lambda parts: draw(st.sampled_from(" -")).join(parts))

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attributes = draw(st.dictionaries(st.sampled_from(_ATTRIBUTES), value, max_size=3))
        said = "".join(f' {name}="{text}"' for name, text in attributes.items())
        inner = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3 - depth))))
        return f"<{tag}{said}>{draw(words)}{inner}</{tag}>"

    return (
        f"<html><body>{''.join(element(0) for _ in range(draw(st.integers(1, 4))))}</body></html>"
    )


@settings(max_examples=examples(200), deadline=None)
@given(_pages())
def test_the_guarded_xpaths_select_what_trafilatura_s_own_did(page: str) -> None:
    assert UNGUARDED
    tree = lxml.html.fromstring(page)
    namespaces = {"re": "http://exslt.org/regular-expressions"}
    for path in UNGUARDED:
        assert XPath(guarded(path), namespaces=namespaces)(tree) == XPath(
            path, namespaces=namespaces
        )(tree)
