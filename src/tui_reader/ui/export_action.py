"""The app's export action (``E``, and in the command palette): the export dialog
(:mod:`~tui_reader.ui.screens.export_dialog`), offering the open document and, from the
codebook, the code under its cursor as what to export."""

from __future__ import annotations

from typing import Any

from textual.app import App

from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens.export_dialog import ExportDialog


def open_export_dialog(app: App[Any], workspace: Workspace) -> ExportDialog:
    """Open the export dialog over the screen on show; returns it."""
    from tui_reader.ui.screens.codebook import CodebookScreen
    from tui_reader.ui.screens.main import MainScreen

    document = tag = None
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            document = screen.pane.key
    if isinstance(app.screen, CodebookScreen):
        tag = app.screen.selected or None
    dialog = ExportDialog(workspace, document=document, tag=tag)
    app.push_screen(dialog)
    return dialog
