"""A web page's metadata: what is read of it, and nothing looked for that is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import trafilatura.metadata

from tui_reader.core.documents.formats.html import convert_html

WORDS = "Some words of the article, enough of them to count as its main text. " * 8


def test_a_page_s_categories_and_tags_are_not_looked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura looks for a page's categories and tags through every link of it, and no
    one reads them here: a twenty-fifth of the time of a page of many short paragraphs."""
    asked = 0

    def counted(expression: Any) -> Any:
        def evaluate(tree: Any) -> Any:
            nonlocal asked
            asked += 1
            return expression(tree)

        return evaluate

    for name in ("CATEGORIES_XPATHS", "TAGS_XPATHS"):
        expressions = getattr(trafilatura.metadata, name)
        monkeypatch.setattr(trafilatura.metadata, name, [counted(e) for e in expressions])
    page = (
        "<html><head><title>The harbour reopens | Daily Courier</title>"
        '<meta name="author" content="Ana Ruiz">'
        '<meta property="article:published_time" content="2024-05-12"></head><body>'
        '<div class="post-meta"><a href="/category/news/">News</a>'
        '<a href="/tag/harbour/">harbour</a></div>'
        f"<article><h1>The harbour reopens</h1><p>{WORDS}</p><p>{WORDS}</p></article>"
        + "<p>A short paragraph." * 200
        + "</body></html>"
    )
    parsed = convert_html(page, Path("page.html"))
    assert parsed.metadata["author"] == "Ana Ruiz"
    assert parsed.metadata["date"] == "2024-05-12"
    assert parsed.title == "The harbour reopens"
    assert asked == 0
