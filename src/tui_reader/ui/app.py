"""The Textual app: ``tui-reader`` opens a corpus on the main screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType

from tui_reader.core.workspace import Workspace
from tui_reader.locations import Target, resolve_measure
from tui_reader.ui import keymap
from tui_reader.ui.annotation_commands import AnnotationCommands
from tui_reader.ui.commands import ReaderCommands
from tui_reader.ui.export_action import export_markdown
from tui_reader.ui.screens.help import HelpScreen, collect_bindings
from tui_reader.ui.screens.main import MainScreen


class ReaderApp(App[int]):
    """Read and annotate the documents of ``corpus``; annotations live in ``db``."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-reader"
    COMMANDS = App.COMMANDS | {ReaderCommands, AnnotationCommands}
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("app")

    def __init__(
        self,
        corpus: Path,
        db: Path,
        open_file: Path | None = None,
        *,
        measure: int | None = None,
    ) -> None:
        super().__init__()
        self.workspace = Workspace(corpus, db)  # raises StoreError for a corrupt database
        self.open_file = open_file
        # None: $TUI_READER_MEASURE or the default, as locations.py decides.
        self.measure = resolve_measure() if measure is None else measure

    def on_mount(self) -> None:
        self.sub_title = self.workspace.corpus.name
        key = self.workspace.key(self.open_file) if self.open_file is not None else None
        self.push_screen(MainScreen(self.workspace, open_key=key, measure=self.measure))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(collect_bindings(self.screen)))

    def action_export_markdown(self) -> None:
        """Export every annotation as Markdown beside the database (asks before replacing)."""
        export_markdown(self, self.workspace)

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_position()
        self.exit(0)

    def on_unmount(self) -> None:
        self.workspace.store.close()


def run_app(target: Target, db: Path, measure: int | None = None) -> int:
    """Run the app on ``target`` (corpus folder, maybe one file to open first) and ``db``,
    with ``measure`` cells of text per line (``None``: as locations.py decides)."""
    app = ReaderApp(target.corpus, db, target.open_file, measure=measure)
    result = app.run()
    return 0 if result is None else int(result)
