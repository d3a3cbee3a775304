"""What the reading pane's keys act on: the selection, grown by units of text (``s`` sentence,
``p`` paragraph, ``t`` speaker turn; pressed again, the next one too), and the passage an
annotating key takes (the selection, trimmed, else the sentence at the caret).  In a transcript
a sentence or paragraph leaves the speaker's label out.  Offsets are code points, half-open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.core.documents.turns import Turn, label_free, turn_unit
from tui_reader.reading.selection import Range, Unit, grow_selection, trimmed, unit_at
from tui_reader.ui.notices import notify_info, notify_warning

if TYPE_CHECKING:
    from tui_reader.core.documents.table_units import UnitRule
    from tui_reader.ui.reading_pane.pane import ReadingPane


class Selecting:
    """The selecting keys of a :class:`~tui_reader.ui.reading_pane.pane.ReadingPane`."""

    VERBS = frozenset({"select_sentence", "select_paragraph", "select_turn"})

    def __init__(self, pane: ReadingPane) -> None:
        self.pane = pane

    def _text(self) -> str:
        document = self.pane.reader.document
        return "" if document is None else document.text

    def _turns(self) -> tuple[Turn, ...]:
        document = self.pane.reader.document
        return () if document is None else document.turns

    def _rule(self) -> UnitRule:
        """How the open document is cut (a table's: a row a paragraph, a sentence in its
        cell)."""
        document = self.pane.reader.document
        if document is not None:
            return document.unit_rule
        # Loaded with a first selecting key: units' patterns load after the first screen
        # (ui.warm_up), not with the reading pane's modules.
        from tui_reader.core.documents.table_units import PROSE

        return PROSE

    def _unit(self, unit: Unit) -> Unit:
        """``unit`` as the open document has it (in a transcript, without speaker labels)."""
        return label_free(self._turns(), unit)

    def sentence_at_caret(self) -> Range | None:
        sentence = self._unit(self._rule().sentence_range)
        return unit_at(self._text(), self.pane.reader.caret, sentence)

    def target_range(self) -> Range | None:
        """The selection (trimmed), else the sentence at the caret."""
        selection = self.pane.reader.selection
        if selection is not None:
            start, end = trimmed(self._text(), *selection)
            if start < end:
                return start, end
        return self.sentence_at_caret()

    def _select_unit(self, unit: Unit) -> None:
        reader = self.pane.reader
        grown = grow_selection(self._text(), reader.selection, reader.caret, unit)
        if grown is not None:
            reader.select(*grown)

    def select_sentence(self) -> None:
        self._select_unit(self._unit(self._rule().sentence_range))

    def select_paragraph(self) -> None:
        self._select_unit(self._unit(self._rule().paragraph_range))

    def select_turn(self) -> None:
        if self.pane.reader.document is None:  # no document to say has no turns
            notify_info(self.pane, "Open a document first.")
            return
        unit = turn_unit(self._turns(), self._rule().paragraph_range)
        if unit is None:
            notify_warning(self.pane, "No speaker turns in this document.")
            return
        self._select_unit(unit)
