"""``tui-reader query`` prints the same passages, places and orphans whether its documents are
loaded or known from the caches (facts, placement, places)."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from helpers import examples
from helpers.counting import count_calls, record_calls
from helpers.export_stores import EXPORT_CASES, TEXTS, ExportCase, Marked, export_workspace
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli import query as query_module
from tui_reader.cli.main import main
from tui_reader.core import workspace as workspace_module
from tui_reader.core.analysis import scope as scope_module
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path, places_cache_path


def _query(workspace: Workspace, expression: str, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["query", expression, "--corpus", str(workspace.corpus), "--db", str(workspace.db)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--format", fmt])
    # (Markdown's heading says the minute it was made: two runs a minute apart are the same)
    return code, _MADE_AT.sub(r"\1(the time)", out.getvalue()), err.getvalue()


_MADE_AT = re.compile(r"^(Exported by tui-reader \S+ on ).*$", re.M)


def _uncached(workspace: Workspace, expression: str, fmt: str) -> tuple[int, str, str]:
    for path in (facts_cache_path, placement_cache_path, places_cache_path):
        path(workspace.db).unlink(missing_ok=True)
    return _query(workspace, expression, fmt)


def _queried_then_touched(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, *marked: Marked
) -> tuple[Workspace, tuple[int, str, str]]:
    """A corpus of ``marked`` passages queried for ``x`` in ``fmt``, then every file of it
    touched (a sync, a checkout: the same bytes, a new time); the workspace and that output."""
    import os

    case = ExportCase(list(marked), [], [], {}, deleted=False)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    first = _query(workspace, "x", fmt)
    now = 10**18
    for path in workspace.corpus.rglob("*.*"):
        os.utime(path, ns=(now, now))
    return workspace, first


@settings(max_examples=examples(15), deadline=None)
@given(
    EXPORT_CASES,
    st.sampled_from(['text:"e"', "a OR b", "é AND NOT a"]),
    st.sampled_from(["markdown", "csv", "json"]),
    st.lists(st.sampled_from(sorted(TEXTS)), max_size=2),
)
def test_a_query_prints_the_same_from_the_caches(
    tmp_path_factory: pytest.TempPathFactory,
    case: ExportCase,
    expression: str,
    fmt: str,
    edited: list[str],
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    _query(workspace, expression, fmt)  # fills the caches
    for name in edited:  # lines and places shift; some annotations become orphans
        path = workspace.corpus / name
        if path.exists():
            path.write_text("A new first line.\n" + path.read_text("utf-8")[5:], "utf-8")
    warm = _query(workspace, expression, fmt)
    assert warm == _query(workspace, expression, fmt)
    assert warm == _uncached(workspace, expression, fmt)


def test_a_second_query_loads_no_document(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = ExportCase(
        [
            Marked("a.txt", 5, 10, ("policy/border", "x"), "", "", orphan=False),
            Marked("b.md", 3, 10, ("x",), "a note", "ana", orphan=False),
            Marked("notes/c.txt", 0, 8, ("x",), "", "", orphan=True),
        ],
        [],
        [],
        {},
        deleted=False,
    )
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    first = _query(workspace, "x", "markdown")
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    assert _query(workspace, "x", "markdown") == first
    assert loads.calls == 0
    assert "2 passages match" in first[2]


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_a_first_query_loads_no_plain_text(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """No cache (a colleague's database): the passages' places are found in the texts read
    for placing them, as an export finds them; it prints what loading every document
    printed.  Only the Markdown whose emphasis needs converting is loaded (for its length)."""
    case = ExportCase(
        [
            Marked("a.txt", 5, 10, ("policy/border", "x"), "", "", orphan=False),
            Marked("notes/c.txt", 3, 10, ("x",), "a note", "ana", orphan=False),
            Marked("notes/c.txt", 40, 8, ("x", "y"), "", "", orphan=False),
        ],
        [],
        [],
        {},
        deleted=False,
    )
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    with monkeypatch.context() as patch:  # every document loaded
        patch.setattr(query_module, "_placed_text", lambda *_: None, raising=False)
        patch.setattr(scope_module._KnownPlaces, "read", lambda *_: None)
        loaded = _uncached(workspace, "x", fmt)
    loads = record_calls(monkeypatch, Workspace, "document")
    assert _uncached(workspace, "x", fmt) == loaded
    assert {key for (key,) in loads.args} == {"corpus/b.md"}
    assert "3 passages match" in loaded[2]


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_a_query_after_every_file_was_touched_finds_no_fact_nor_place_again(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Every file touched since the last query (a sync, a checkout: the same bytes): the
    same output, each plain text's facts and its passages' places those kept (its bytes
    hashed and found to be those they were found in: no word counted, no turn looked for),
    the text with CR LF ends (not its bytes decoded) too."""
    from tui_reader.core.documents import facts as facts_module
    from tui_reader.core.interchange import places_in_text

    workspace, first = _queried_then_touched(
        tmp_path_factory,
        fmt,
        Marked("a.txt", 5, 10, ("policy/border", "x"), "", "", orphan=False),
        Marked("notes/c.txt", 3, 10, ("x",), "a note", "ana", orphan=False),
    )
    facts_turns = count_calls(monkeypatch, facts_module, "find_turns")
    places_found = count_calls(monkeypatch, places_in_text, "find_turns")
    assert _query(workspace, "x", fmt) == first
    assert (facts_turns.calls, places_found.calls) == (0, 0)
    assert _query(workspace, "x", fmt) == first
    assert (facts_turns.calls, places_found.calls) == (0, 0)


@pytest.mark.parametrize("fmt", ["json", "csv"])  # (Markdown's says the minute it was made)
def test_a_query_after_a_markdown_file_was_touched_renders_it_no_more(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A Markdown file touched since the last query, its bytes the same: the same output, its
    facts and its passage's place those kept beside its bytes' hash (neither rendered nor
    loaded again, though not plain: bold, a list); edited (the same size), it is rendered
    again and its passage placed in its new text."""
    import os

    from tui_reader.core.documents import facts as facts_module

    case = ExportCase(
        [Marked("b.md", 3, 12, ("x",), "", "", orphan=False)], [], [], {}, deleted=False
    )
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    first = _query(workspace, "x", fmt)
    note = workspace.corpus / "b.md"
    for now in (10**18, 10**18 + 10**9):  # the first touch keeps its bytes' hash
        os.utime(note, ns=(now, now))
        rendered = count_calls(monkeypatch, facts_module, "plain_markdown_parts")
        loads = record_calls(monkeypatch, Workspace, "document")
        assert _query(workspace, "x", fmt) == first
    assert (rendered.calls, loads.args) == (0, [])
    assert _query(workspace, "x", fmt) == first  # (unchanged since)
    note.write_text(note.read_text(encoding="utf-8").replace("market", "margin"), "utf-8")
    rendered = count_calls(monkeypatch, facts_module, "plain_markdown_parts")
    assert _query(workspace, "x", fmt) == _uncached(workspace, "x", fmt)
    assert rendered.calls >= 1


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_a_query_after_every_file_was_touched_reads_no_text_again_for_its_places(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Every file touched since the last query: the scope reads each file once (its bytes
    the ones its facts were found in), and the places of the passages that match are those
    kept, no file read again as a text for them (10,000 documents: 3,031 read twice)."""
    from tui_reader.core.interchange import records_in_place

    workspace, first = _queried_then_touched(
        tmp_path_factory,
        fmt,
        Marked("a.txt", 5, 10, ("policy/border", "x"), "", "", orphan=False),
        Marked("b.md", 2, 8, ("x",), "", "", orphan=False),
        Marked("notes/c.txt", 3, 10, ("x",), "a note", "ana", orphan=False),
    )
    reads = count_calls(monkeypatch, records_in_place, "text_read")
    assert _query(workspace, "x", fmt) == first
    assert reads.calls == 0
