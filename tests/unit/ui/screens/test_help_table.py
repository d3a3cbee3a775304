"""The help's table: one key column for every section."""

from __future__ import annotations

from rich.console import Console

from tui_reader.ui.screens.help import HelpScreen


def test_every_section_puts_its_keys_in_one_column() -> None:
    # At 120 columns "Reader" (whose keys are long: "space PgDn ctrl+f") stood further
    # right than "Anywhere" and "Library", each section's key column as wide as its own keys.
    # (A description as long as the app's longest keeps the sections in one column of them.)
    groups = {
        "Anywhere": [
            ("q", "Quit"),
            ("ctrl+p", "Stop waiting for another tui-reader (the waiting change is not saved)"),
        ],
        "Library": [("g home", "First document")],
        "Reader": [("space PgDn ctrl+f", "Page down"), ("n", "Next hit")],
    }
    console = Console(width=116, record=True, color_system=None)
    console.print(HelpScreen(groups)._table())
    lines = console.export_text().splitlines()
    starts = {}
    for _, rows in groups.items():
        for keys, description in rows:
            line = next(line for line in lines if description in line)
            starts[keys] = (line.index(keys) + len(keys), line.index(description))
    headings = {line.index(name) for line in lines for name in groups if name in line}
    assert len(set(starts.values())) == 1, starts
    assert len(headings) == 1, headings
