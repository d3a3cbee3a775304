"""Reading exported Markdown back: its block quotes, their text and inline kinds."""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

Blockquotes = Callable[[str], list[tuple[str, set[str]]]]


def fold_whitespace(text: str) -> str:
    """Runs of whitespace as one space, no leading or trailing space (how Markdown compares)."""
    return " ".join(text.split())


# CommonMark plus the GFM extensions Obsidian and GitHub also read.
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(token: Token) -> tuple[str, set[str]]:
    parts: list[str] = []
    kinds: set[str] = set()
    for child in token.children or []:
        kinds.add(child.type)
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        else:
            parts.append(child.content)
    return "".join(parts), kinds


def blockquotes(markdown: str) -> list[tuple[str, set[str]]]:
    """Each top-level block quote of ``markdown``: its text (paragraphs joined, whitespace
    folded) and the kinds of inline tokens it holds."""
    found: list[tuple[str, set[str]]] = []
    depth = 0
    texts: list[str] = []
    kinds: set[str] = set()
    for token in PARSER.parse(markdown):
        if token.type == "blockquote_open":
            if depth == 0:
                texts, kinds = [], set()
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0:
                found.append((fold_whitespace(" ".join(texts)), kinds))
        elif depth and token.type == "inline":
            text, inline_kinds = _inline_text(token)
            texts.append(text)
            kinds |= inline_kinds
        elif depth and token.type not in ("paragraph_open", "paragraph_close"):
            kinds.add(token.type)  # a block other than a paragraph inside the quote
    return found
