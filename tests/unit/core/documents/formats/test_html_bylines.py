"""The bylines a page marks (a class, an id, a test id or a component's name naming an
author or a byline) looked for among the elements so marked alone: a page of 200,000
paragraphs had every element's marks read twice, 400,000 calls of a second's CPU."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.core.documents.formats import html_byline_names, html_bylines
from tui_reader.core.documents.formats.html import convert_html

BYLINED = (
    "<html><body><article><h1>Floods in the valley</h1>"
    '<div class="byline-wrapper"><a href="/ana">Ana Ruiz</a> May 12, 2024</div>'
    '<p class="author">By Bo Chen</p>'
    "<p>The river rose overnight and the valley's farms were under water by the morning, "
    "as the villagers had feared for weeks since the rains began in the hills.</p>"
    "{paragraphs}</article></body></html>"
)


def test_the_bylines_are_looked_for_among_the_marked_elements_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    few = convert_html(BYLINED.format(paragraphs=""), Path("few.html"))
    paragraphs = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(3000))
    read = count_calls(monkeypatch, html_byline_names, "marks")
    monkeypatch.setattr(html_bylines, "marks", html_byline_names.marks)
    many = convert_html(BYLINED.format(paragraphs=paragraphs), Path("many.html"))
    assert read.calls < 50  # (the few marked elements, a few times each)
    assert many.text.startswith(few.text.rsplit("\n\n", 1)[0])
    assert many.metadata.get("author") == few.metadata.get("author")
    assert "By Bo Chen" in many.text
