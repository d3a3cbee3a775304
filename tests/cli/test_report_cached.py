"""``tui-reader report`` and ``tui-reader query`` print the same whether their annotations
are built and placed or read as records of documents known in place (the caches)."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from helpers import examples
from helpers.export_stores import EXPORT_CASES, TEXTS, ExportCase, Marked, export_workspace
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli.main import main
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path, places_cache_path

REPORTS = [
    ["report", "frequencies"],
    ["report", "matrix", "--format", "json"],
    ["report", "matrix", "--by", "site", "--format", "csv"],
    ["report", "cooccurrence", "--format", "json"],
    ["report", "cooccurrence", "--tag", "a", "--format", "markdown"],
    ["report", "frequencies", "--tag", "b", "--where", "site!=-x"],
    ["report", "matrix", "--doc", "a.txt"],
]
QUERIES = [
    ["query", "a AND NOT b", "--format", "csv"],
    ["query", "NOT a", "--format", "json"],
    ["query", "a OR é OR b/a"],
    ["query", "(a OR b) AND site=-x", "--format", "json"],
    ["query", "b AND NOT doc:b.md", "--format", "csv"],
    ["query", "code:a AND coder:ana"],
    ["query", "a", "--where", "doc:c.txt", "--format", "json"],
]


EXAMPLE = [  # overlapping passages, codes and sub-codes, an orphan, a passage with no code
    Marked("a.txt", 5, 10, ("a/b", "b"), "", "", orphan=False),
    Marked("a.txt", 8, 12, ("a",), "a note", "ana", orphan=False),
    Marked("a.txt", 30, 5, ("é", "b/a"), "", "", orphan=False),
    Marked("a.txt", 40, 5, ("a",), "", "", orphan=True),
    Marked("b.md", 3, 10, ("b", "a"), "", "ana", orphan=False),
    Marked("b.md", 5, 4, (), "", "", orphan=False),
    Marked("notes/c.txt", 0, 8, ("a",), "", "", orphan=False),
]


EXPORT_TIME = re.compile(r"on \d{4}-\d\d-\d\d \d\d:\d\d UTC")  # Markdown's header


def _run(workspace: Workspace, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    where = ["--corpus", str(workspace.corpus), "--db", str(workspace.db)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, *where])
    return code, EXPORT_TIME.sub("on (time) UTC", out.getvalue()), err.getvalue()


def _uncached(workspace: Workspace, argv: list[str]) -> tuple[int, str, str]:
    for path in (facts_cache_path, placement_cache_path, places_cache_path):
        path(workspace.db).unlink(missing_ok=True)
    return _run(workspace, argv)


@settings(max_examples=examples(15), deadline=None)
@given(
    EXPORT_CASES,
    st.sampled_from(REPORTS + QUERIES),
    st.lists(st.sampled_from(sorted(TEXTS)), max_size=2),
)
def test_a_report_or_query_prints_the_same_from_the_caches(
    tmp_path_factory: pytest.TempPathFactory,
    case: ExportCase,
    argv: list[str],
    edited: list[str],
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    _run(workspace, argv)  # fills the caches
    for name in edited:  # lines and places shift; some annotations become orphans
        path = workspace.corpus / name
        if path.exists():
            path.write_text("A new first line.\n" + path.read_text("utf-8")[5:], "utf-8")
    warm = _run(workspace, argv)
    assert warm == _run(workspace, argv)
    assert warm == _uncached(workspace, argv)


@pytest.mark.parametrize("argv", REPORTS + QUERIES, ids=" ".join)
def test_each_report_and_query_prints_the_same_from_the_caches(
    tmp_path_factory: pytest.TempPathFactory, argv: list[str]
) -> None:
    """One case where every document is known in place on the second run."""
    case = ExportCase(EXAMPLE, [], [], {"a.txt": "-x", "b.md": "y"}, deleted=False)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    first = _run(workspace, argv)
    assert first[0] == 0
    assert _run(workspace, argv) == first
    assert _uncached(workspace, argv) == first
