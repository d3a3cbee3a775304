"""What a narrow terminal is: below :data:`ONE_PANE_BELOW` columns the screens made of two
panes side by side (the library and the text, the codebook's tags and their passages) show one
above or instead of the other, each the whole width; side by side the second had a few words a
line."""

from __future__ import annotations

ONE_PANE_BELOW = 56  # columns
# Columns below which the annotations panel (40 columns) goes under the text rather than beside
# it: at 60 the text beside it had 16 cells a line, and 8 with the coders' margins (K), words
# broken in two ("deportin", "g"); from 72 it keeps 28.
PANEL_BESIDE_FROM = 72
