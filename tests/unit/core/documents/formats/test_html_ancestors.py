"""trafilatura's loops over every element's ancestors or descendants, rewritten to walk them
in lxml: the same article, without a Python step for each ancestor of each paragraph."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any
from unittest import mock

import lxml.html
import trafilatura.main_extractor
import trafilatura.readability_lxml
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.formats.html import convert_html
from tui_reader.core.documents.formats.html_ancestors import REPLACED, tags_below

_THEIRS = (trafilatura.main_extractor.__file__, trafilatura.readability_lxml.__file__)


def test_both_loops_are_rewritten() -> None:
    # A trafilatura whose lines are no longer as rewritten leaves its own functions: this
    # says so, for the rewrite to be made again.
    assert sorted(REPLACED) == ["recover_wild_text", "sanitize"]
    assert trafilatura.main_extractor.recover_wild_text is not REPLACED["recover_wild_text"]
    assert trafilatura.readability_lxml.Document.sanitize is not REPLACED["sanitize"]


def _steps_in_their_generators(text: str) -> int:
    """The steps of trafilatura's generator expressions (each resumed, one an element) while
    the page ``text`` is converted."""
    steps = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal steps
        if event == "call" and frame.f_code.co_name == "<genexpr>":
            steps += frame.f_code.co_filename in _THEIRS

    sys.setprofile(count)
    try:
        convert_html(text, Path("page.html"))
    finally:
        sys.setprofile(None)
    return steps


def test_a_deep_wide_page_is_not_walked_ancestor_by_ancestor() -> None:
    # '<div>' * 250 + '<p>x' * 20000 took 7 s of CPU: for each paragraph, each of its 250
    # ancestors was looked at in a Python loop, twice (about 10 million steps).
    paragraphs = 1000
    steps = _steps_in_their_generators("<div>" * 250 + "<p>x" * paragraphs)
    assert steps < 20 * paragraphs


_TAGS = ["div", "section", "table", "ul", "p", "li", "a", "img", "input", "embed", "span"]


@st.composite
def _pages(draw: st.DrawFn) -> str:
    """Pages of nested blocks, paragraphs, links and images, some of them classed."""

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        classed = draw(st.sampled_from(["", ' class="comment"', ' class="article"', ' id="a"']))
        words = draw(st.sampled_from(["", "Word one, two.", "A longer sentence " * 8, "x"]))
        if tag in ("img", "input", "embed"):
            return f'<{tag}{classed} src="i.png" type="hidden">'
        inner = "".join(
            element(depth + 1) for _ in range(draw(st.integers(0, 3 if depth < 6 else 0)))
        )
        href = ' href="/x"' if tag == "a" else ""
        return f"<{tag}{classed}{href}>{words}{inner}</{tag}>{draw(st.sampled_from(['', 'tail']))}"

    body = "".join(element(0) for _ in range(draw(st.integers(1, 6))))
    return f"<html><body>{body}</body></html>"


def _converted(text: str) -> object:
    try:
        parsed = convert_html(text, Path("page.html"))
    except Exception as exc:  # (what the page gives, either way)
        return repr(exc)
    return (parsed.text, parsed.spans, parsed.title, parsed.metadata)


@settings(max_examples=examples(60), deadline=None)
@given(_pages())
def test_a_page_converts_as_with_trafilatura_s_own_loops(text: str) -> None:
    ours = _converted(text)
    with (
        mock.patch.object(
            trafilatura.main_extractor, "recover_wild_text", REPLACED["recover_wild_text"]
        ),
        mock.patch.object(trafilatura.readability_lxml.Document, "sanitize", REPLACED["sanitize"]),
    ):
        theirs = _converted(text)
    assert ours == theirs


@settings(max_examples=examples(60), deadline=None)
@given(_pages(), st.data())
def test_the_tags_below_blocks_dropped_inside_out_are_counted_as_lxml_counts_them(
    text: str, data: st.DataObject
) -> None:
    # As sanitize asks: its blocks in reverse document order, some of them dropped.
    root = lxml.html.fromstring(text)
    tags = {"p", "img", "li", "a", "embed", "input"}
    below: dict[Any, Counter[str]] = {}
    for block in reversed(list(root.iter("table", "ul", "div", "section"))):
        assert tags_below(block, tags, below) == Counter(
            e.tag for e in block.iterdescendants(*tags)
        )
        if data.draw(st.booleans()):
            block.drop_tree()
