"""The app's "Export annotations as Markdown" action (``E``, and in the command palette).

Writes the annotations on show (every coder's, or the one coder ``C`` shows), re-anchored, to
``annotations-export.md`` beside the database (so its links to documents resolve), asks before
replacing an existing file, and says where it went and whose it holds.
The export runs in a worker thread; the work itself is :mod:`tui_reader.core.interchange`'s.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App

from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import ExportOptions
from tui_reader.core.interchange.workspace_export import (
    collect,
    gone_files,
    orphan_lines,
    render,
    undated_lines,
    write_atomically,
)
from tui_reader.core.wording import capped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import default_export_path
from tui_reader.ui.notices import SAID_AT_MOST, Said, notify_error, notify_info, notify_warning
from tui_reader.ui.screens.confirm import ConfirmScreen


def export_markdown(app: App[Any], workspace: Workspace) -> Path:
    """Start the Markdown export of ``workspace``; returns the path it will write."""
    path = default_export_path(workspace.db, ".md")
    if path.exists():

        def answered(replace: bool | None) -> None:
            if replace:
                _start(app, workspace, path, overwrite=True)
            else:
                notify_info(app, f"Export cancelled; {path} kept", timeout=4)

        # The path is user data: a Text, never parsed as markup.
        question = Text.assemble("The export file ", (str(path), "bold"), " exists.\nReplace it?")
        app.push_screen(
            ConfirmScreen(question, "Replace file?", yes="replace", no="keep"), answered
        )
    else:
        _start(app, workspace, path, overwrite=False)
    return path


# How long "Exporting annotations…" may stay at most: it is taken back when the export ends
# (it went after two seconds, while a big database's export went on for many more).
UNDER_WAY = 600


def _start(app: App[Any], workspace: Workspace, path: Path, *, overwrite: bool) -> None:
    under_way = Said()
    under_way.info(app, "Exporting annotations…", timeout=UNDER_WAY)
    view = workspace.coder_view  # whose coding is on show when E was pressed

    def export() -> None:
        try:
            _export(app, workspace, path, overwrite, view)
        finally:
            if app.is_running:  # (not after a quit while it ran: nothing is shown any more)
                app.call_from_thread(under_way.take_back, app)

    app.run_worker(
        export,
        name="export-markdown",
        group="export",
        thread=True,
        exclusive=True,
    )


def _export(
    app: App[Any], workspace: Workspace, path: Path, overwrite: bool, view: CoderView
) -> None:
    # App.notify is thread-safe; markup=False because paths and messages are user data.
    try:
        export = collect(workspace)
        if view.only is not None:  # the coding on show, as the reports and the query view
            export = replace(export, annotations=view.filter(export.annotations))
        options = ExportOptions(project_name=workspace.corpus.name, output_folder=path.parent)
        write_atomically(path, render(export, "markdown", options), overwrite=overwrite)
    except (TuiReaderError, OSError) as exc:
        notify_error(app, exc, "Export failed", timeout=10)
        return
    message = written_message(export.count, path)
    if view.only is not None:
        message += f" ({view.only}'s alone, the coding on show)"
    # the orphans by their cause (a file gone, not read, a text changed), as export says them
    orphans = orphan_lines(export, workspace, left_out=False, files=False)
    message += "".join(f"\n{line}" for line in orphans)
    # shown without their time, as export says
    message += "".join(f"\n{line}" for line in undated_lines(export, "markdown"))
    warnings = [*gone_files(export, workspace), *export.problems]
    for problem in capped(warnings, SAID_AT_MOST):  # not a toast for each of 500
        notify_warning(app, problem, timeout=8)
    notify_info(app, message, title="Exported as Markdown", timeout=8)


def written_message(count: int, path: Path) -> str:
    """What the export says it wrote: ``100,000 annotations written to …``."""
    return f"{counted(count, 'annotation')} written to {path}"
