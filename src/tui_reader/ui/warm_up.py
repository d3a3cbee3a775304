"""Modules the first screen does not need but the first keys may: loaded in a worker thread once
the first screen is shown (``ReaderApp``), so neither it nor a key waits for them; opened on the
library, once its first rows are (``MainScreen.after_first_rows``).

Nothing loads before the first screen that it does not paint; what a key then needs would
otherwise load at its first press (the word keys' patterns, the palette).  Then the rules the
first screen parsed from its stylesheets are kept for the next start.
"""

from __future__ import annotations

import importlib

from tui_reader.ui import kept_styles

LOADED_AFTER_FIRST_SCREEN = (
    "tui_reader.core.documents.units",  # the word, sentence and paragraph keys
    "tui_reader.core.documents.table_units",  # their rule for a table (a row a paragraph)
    "tui_reader.reading.stripes",  # the coding stripes
    "tui_reader.ui.widgets.passage_list",  # an annotation's tags, the panel's rows
    "tui_reader.ui.commands",  # the command palette
    "tui_reader.ui.annotation_commands",
    "tui_reader.core.store.history",  # a first edit's undo step, undo and redo
)


def warm_up() -> None:
    """Import every module of :data:`LOADED_AFTER_FIRST_SCREEN` (in a worker thread), then
    write the stylesheets' rules the first screen parsed for the next start (none when it
    found them all kept: :mod:`tui_reader.ui.kept_styles`) and hold the file no more."""
    for name in LOADED_AFTER_FIRST_SCREEN:
        importlib.import_module(name)
    kept_styles.keep()
    kept_styles.let_go()  # later sources are read from the file as they are asked
