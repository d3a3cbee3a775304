"""A Markdown export links each document by its path relative to the folder written to,
worked out once per folder of documents: always what ``os.path.relpath`` makes of it."""

from __future__ import annotations

import os

from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.interchange.markdown import relative_link

PART = st.sampled_from(["a", "b", "c.txt", "..", ".", "", "d e", "é", "/"])
PATH = st.lists(PART, max_size=4).map("/".join)


def _relpath(key: str, folder: str, out: str) -> str:
    return os.path.relpath(os.path.normpath(os.path.join(folder, key)), out)


@settings(max_examples=examples(400))
@given(st.lists(PATH, min_size=1, max_size=6), PATH, PATH)
@example(["a/c.txt"], "x", "x/a/c.txt")  # written inside a folder named as the file
@example(["a/c.txt"], "x", "x/a/c.txt/b")
@example(["c.txt", "a/c.txt"], "", "")
@example(["a/c.txt"], "x", "x/../x/a/c.txt/b")  # the output folder not normalized
def test_a_link_is_the_relative_path(keys: list[str], folder: str, out: str) -> None:
    folder, out = "/" + folder, "/" + out
    folders: dict[str, tuple[str, str, str]] = {}
    for key in keys:
        expected = _relpath(key, folder, out)
        assert relative_link(key, folder, out, folders) == expected
        assert relative_link(key, folder, out) == expected
