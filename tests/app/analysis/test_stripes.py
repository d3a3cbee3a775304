"""Coding stripes (S): a bar per code in the margin beside the lines it covers."""

from __future__ import annotations

from helpers.analysis import analysis_app
from helpers.app import ready, screen_lines
from helpers.passages import Annotated

from tui_reader.reading.stripes import BAR


async def test_stripes_mark_the_coded_lines(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        reader = main.reader
        assert BAR not in "".join(screen_lines(main))
        await pilot.press("S")
        await pilot.pause()
        painter = reader.stripes
        assert painter is not None and painter.width == 5  # four codes here, and a space
        lines = screen_lines(main)
        coded = [line for line in lines if "remilitarize the region" in line]
        assert coded and BAR in coded[0].split("remilitarize")[0]  # in the margin, left
        plain = [line for line in lines if line.strip() and BAR not in line]
        assert plain  # lines no passage covers have no bar
        await pilot.press("S")
        await pilot.pause()
        assert reader.stripes is None and BAR not in "".join(screen_lines(main))
