"""The containers of the main screen that draw nothing of their own (Textual's ``BLANK``: a
blank line where Textual would draw their background) are wholly covered by their children, at
every size and in every arrangement of the panes, so what they would draw never shows."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, main_screen, opened
from textual.screen import Screen
from textual.widget import Widget

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def uncovered(screen: Screen[object]) -> dict[str, int]:
    """For each visible ``BLANK`` widget of ``screen``, the cells of it no child covers."""
    shown = screen._compositor.visible_widgets
    found: dict[str, int] = {}
    widgets: list[Widget] = [screen, *screen.walk_children(Widget)]
    for widget in widgets:
        if not widget.BLANK or widget not in shown:
            continue
        region, clip = shown[widget]
        cells = set()
        for child in widget.children:
            if child in shown:
                child_region, child_clip = shown[child]
                visible = child_region.intersection(child_clip)
                cells.update((x, y) for y in visible.line_range for x in visible.column_range)
        visible = region.intersection(clip)
        found[f"{type(widget).__name__}#{widget.id}"] = sum(
            (x, y) not in cells for y in visible.line_range for x in visible.column_range
        )
    return found


async def test_blank_containers_are_covered_by_their_children(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await opened(pilot)
        await pilot.pause()
        seen = uncovered(screen)
        assert {"MainScreen#None", "ReadingPane#annotated"} <= set(seen)
        assert "ReadingColumn#reader-pane" in seen
        for size in ((120, 40), (220, 50), (60, 16)):  # the side shown at 220
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            for keys in ((), ("slash",), ("escape", "L"), ("L", "A"), ("A", "v", "j")):
                await pilot.press(*keys)
                await pilot.pause()
                assert app.screen is screen, keys
                assert set(uncovered(screen).values()) == {0}, (size, keys)
