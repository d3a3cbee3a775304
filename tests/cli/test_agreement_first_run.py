"""``tui-reader agreement`` on a database new to the machine (a colleague's, or a cache folder
cleared) places the passages as an export does: a plain text whose passages are in place in
it is read, not loaded, and nothing is placed one annotation at a time; it prints what
placing every annotation printed."""

from __future__ import annotations

import contextlib
import io

import pytest
from helpers.counting import count_calls
from helpers.export_stores import ExportCase, Marked, export_workspace

from tui_reader.cli.main import main
from tui_reader.core import workspace as workspace_module
from tui_reader.core.analysis import coder_agreement as agreement_module
from tui_reader.core.annotations import anchoring
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path

TWO_CODERS = ExportCase(
    [
        Marked("a.txt", 5, 10, ("policy/border", "x"), "", "ana", orphan=False),
        Marked("a.txt", 8, 12, ("x",), "", "bo b", orphan=False),
        Marked("notes/c.txt", 3, 10, ("x",), "a note", "ana", orphan=False),
        Marked("notes/c.txt", 40, 8, ("x", "y"), "", "bo b", orphan=False),
    ],
    [],
    [],
    {},
    deleted=False,
)


def _agreement(workspace: Workspace, *more: str) -> tuple[int, str, str]:
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    out, err = io.StringIO(), io.StringIO()
    argv = [
        "agreement",
        "ana",
        "bo b",
        "--corpus",
        str(workspace.corpus),
        "--db",
        str(workspace.db),
    ]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, *more])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("more", [(), ("--unit", "sentence"), ("--format", "json")])
def test_a_first_agreement_loads_no_plain_text(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    more: tuple[str, ...],
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), TWO_CODERS)
    with monkeypatch.context() as patch:  # every annotation placed by the full pass
        patch.setattr(agreement_module, "placed_coding", lambda *_: None)
        full = _agreement(workspace, *more)
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    placed = count_calls(monkeypatch, anchoring, "reanchor")
    assert _agreement(workspace, *more) == full
    assert (loads.calls, placed.calls) == (0, 0)
    assert full[0] == 0 and full[1]
