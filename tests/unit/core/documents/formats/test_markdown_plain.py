"""Plain Markdown read without markdown-it renders exactly as markdown-it's tokens do."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.formats import markdown
from tui_reader.core.documents.formats.markdown import (
    parse_markdown,
    parse_tokens,
    render,
    render_plain,
    render_plain_text,
)
from tui_reader.core.documents.spans import SpanKind

WORD = st.text(alphabet="abcXYZé語:.", min_size=1, max_size=6) | st.sampled_from(
    ["2024", "a#1", "x-y"]
)
# A line opening with ": " is a definition of the term above it (not plain Markdown).
TEXT = st.lists(WORD, min_size=1, max_size=4).map(" ".join).filter(lambda t: t[:2] != ": ")
PLAIN_LINE = st.one_of(
    TEXT,
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 6), TEXT),
    st.builds(lambda t: "- " + t, TEXT),
    st.just(""),
)
# Anything markdown-it may read as more than plain Markdown, at a line's start or inside it.
RISKY = st.text(
    alphabet=" #-=+>*_`[]<>&|~:\t\\!()0123456789.\xa0\u3000\u2028abc", min_size=1, max_size=8
)
NOISY_LINE = st.one_of(
    PLAIN_LINE,
    RISKY,
    st.builds(lambda a, b: a + b, RISKY, TEXT),
    st.builds(lambda a, b: a + b, TEXT, RISKY),
)


def _document(lines: list[str], ending: str) -> str:
    return "\n".join(lines) + ending


DOCUMENTS = st.builds(_document, st.lists(PLAIN_LINE, max_size=14), st.sampled_from(["", "\n"]))
NOISY = st.builds(_document, st.lists(NOISY_LINE, max_size=10), st.sampled_from(["", "\n"]))


@settings(max_examples=examples(400))
@given(DOCUMENTS)
@example("# T\n\npara a\nline b\n- item\nlazy\n- two\n\n\n- three\n\nend\n## H2")
@example("- a\n- b\n\nc\n- d\n\n- e")
@example("Title line\n\nA paragraph.\n# Heading\ntext")
def test_plain_markdown_is_read_without_markdown_it_and_renders_the_same(text: str) -> None:
    plain = render_plain(text)
    assert plain is not None
    assert plain == render(parse_tokens(text))
    bare = render_plain(text, with_spans=False)  # the library's facts: its headings' spans
    assert bare is not None
    heads = [s for s in plain.spans if s.kind is SpanKind.HEADING]
    assert (bare.text, bare.title, list(bare.spans)) == (plain.text, plain.title, heads)


def test_the_library_s_facts_of_plain_markdown_are_made_without_a_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without its spans (a first listing's facts of each Markdown file) the rendering was
    # made, then copied by dataclasses.replace to hold its headings' spans: twice the work.
    copies: list[object] = []
    monkeypatch.setattr(markdown, "replace", lambda *a, **k: copies.append(a) or replace(*a, **k))
    text = "# Notes\n\nOn the road.\n\n## Later\n\n- one\n- two\n"
    bare = render_plain(text, with_spans=False)
    assert bare is not None and copies == []
    assert [(s.start, s.end, s.kind) for s in bare.spans] == [
        (0, 5, SpanKind.HEADING), (21, 26, SpanKind.HEADING),
    ]  # fmt: skip


@settings(max_examples=examples(400))
@given(NOISY)
@example("# T #")
@example("####### seven")
@example("para\n---")
@example("para\n===")
@example("- - nested")
@example("- 1. nested")
@example("1. one\n2) two")
@example("a  \nhard break")
@example("    code")
@example("&amp; &#114;iveted")
@example("**rive**ted")
@example("a\xa0\n\xa0b")
@example("Term\n: its definition")
@example("Term\n\n: its definition")
def test_any_markdown_renders_as_markdown_it_renders_it(text: str) -> None:
    assert parse_markdown(text) == render(parse_tokens(text))


@settings(max_examples=examples(200))
@given(DOCUMENTS)
def test_words_of_plain_markdown_are_its_sources_words_less_its_headings_hashes(
    text: str,
) -> None:
    from pathlib import Path

    from tui_reader.core.documents.document import plain_markdown_document
    from tui_reader.core.documents.words import count_words

    quick = plain_markdown_document(
        text, Path("d.md"), "utf-8", count_words(text), with_spans=False
    )
    counted = plain_markdown_document(text, Path("d.md"), "utf-8")
    assert quick is not None and counted is not None
    assert quick.words == counted.words == count_words(counted.text)
    assert (quick.text, quick.title, quick.sha256) == (counted.text, counted.title, counted.sha256)


@settings(max_examples=examples(200))
@given(NOISY | DOCUMENTS)
@example("&#27;[31m a control from an entity")
def test_the_title_and_text_of_plain_markdown_are_its_documents(text: str) -> None:
    """What a search takes from plain Markdown is what the document holds."""
    from pathlib import Path

    from tui_reader.core.documents.document import plain_markdown_document, plain_markdown_text

    path = Path("folder") / "notes.md"
    document = plain_markdown_document(text, path, "utf-8")
    found = plain_markdown_text(text, path)
    assert found == (None if document is None else (document.title, document.text))


@settings(max_examples=examples(600))
@given(NOISY | DOCUMENTS)
@example("# T\n\npara a\nline b\n- item\nlazy\n- two\n\n\n- three\n\nend\n## H2")
@example("- a\n- b\n\nc\n- d\n\n- e")
@example("- a\n\n- b\n# H\n- c\n- d")
@example("para\n- a\nlazy\n\n- b\nlazy\n\nafter")
@example("\n\n## two\n# one\n\n")
@example("+++\ntitle = 'x'\n+++\n\ntext")
@example("Title: Notes\nAuthor: Ana\n\ntext")
@example("% Notes\n% Ana\n\ntext")
@example("a line \nnext")
@example(": a\n- b")
def test_the_text_of_plain_markdown_is_written_as_its_blocks_render(text: str) -> None:
    """A search's text of a note (written as its lines are read, no block made) is the
    rendering's, its title too, and plain Markdown exactly when the rendering's is."""
    bare = render_plain(text, with_spans=False)
    quick = render_plain_text(text)
    if bare is None:
        assert quick is None
    else:
        assert quick is not None
        assert (quick.text, quick.title, quick.metadata) == (bare.text, bare.title, bare.metadata)
