"""The reading pane: one document's text with its search, status line and annotations (see
:mod:`tui_reader.ui.reading_pane.pane`)."""

from tui_reader.ui.reading_pane.column import SEARCH_PROMPT, ReadingColumn
from tui_reader.ui.reading_pane.pane import HIGHLIGHT_LAYER, ReadingPane

__all__ = ["HIGHLIGHT_LAYER", "SEARCH_PROMPT", "ReadingColumn", "ReadingPane"]
