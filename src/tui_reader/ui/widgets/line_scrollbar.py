"""A vertical scroll bar that draws a moved thumb from lines it has drawn before.

Textual draws a scroll bar as a Rich renderable: each move of the thumb (every page of a long
text) renders all of its lines again through Rich and the widget's styles, ~3.5 ms for 36
lines, a third of a page key.  Yet a bar's lines are of few kinds (track above and below the
thumb, thumb, and the thumb's partial ends, one per eighth of a cell): this bar works out
which kind each line is (Textual's own ``ScrollBarRender.render_bar``, cheap) and keeps the
finished line Textual drew for each kind, so a move costs a lookup a line.  A kind not seen
yet is drawn by Textual as ever, and its lines kept; so the bar looks exactly as Textual's.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

__all__ = ["LineScrollBar"]

# ScrollBarRender.__rich_console__'s colours for a style without them.
DEFAULT_BACK = Color.parse("#555555")
DEFAULT_BAR = Color.parse("bright_magenta")


class LineScrollBar(ScrollBar):
    """A :class:`~textual.scrollbar.ScrollBar` whose vertical lines are kept by kind."""

    def __init__(
        self, vertical: bool = True, name: str | None = None, *, thickness: int = 1
    ) -> None:
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        self._kept: dict[tuple[object, ...], Strip] = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._kept.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        width, height = self.size
        segments = self._line_segments(width, height) if crop == self.size.region else None
        if segments is None:
            return super().render_lines(crop)
        context = (width, *self.get_line_filters())
        kept = self._kept
        found = [kept.get((segment, context)) for segment in segments]
        strips = [strip for strip in found if strip is not None]
        if len(strips) < len(segments):  # a kind not seen yet: Textual draws the bar
            strips = super().render_lines(crop)
            if len(kept) > 256:  # sizes and colours come and go: keep those in use
                kept.clear()
            for segment, strip in zip(segments, strips, strict=True):
                kept[(segment, context)] = strip
        return strips

    def _line_segments(self, width: int, height: int) -> list[Segment] | None:
        """The segment of each line, as Textual's renderable makes them; ``None`` where this
        bar does not know how Textual would draw it (a horizontal bar, another renderer)."""
        if not self.vertical or not width or not height:
            return None
        renderable = self.render()
        if type(renderable) is not ScrollBarRender or not isinstance(renderable.style, Style):
            return None
        style = renderable.style
        bar = renderable.render_bar(
            size=height,
            virtual_size=renderable.virtual_size,
            window_size=renderable.window_size,
            position=renderable.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or DEFAULT_BACK,
            bar_color=style.color or DEFAULT_BAR,
        )
        segments = list(bar.segments)
        return segments if len(segments) == height else None
