"""A Line API widget's lines finished as Textual finishes them, kept beside the line.

Textual passes each line a widget renders through the widget's styles cache: the background
beyond the content (the scroll bar's gutter), the padding, then the app's line filters,
three new Strips a line, again whenever the line is asked for after a scroll.  For a plain
widget (no border, outline, tint, opacity, hatch, top or bottom padding)
:class:`FinishedLines` takes those same steps, in the same way, and keeps the result beside
the content line it was made from: a line drawn again (paging back, ``g`` after ``G``) costs
a lookup, a new one one Strip (its segments padded and filtered first).  Anything else is
left to Textual (``render_lines`` returns ``None``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

__all__ = ["FinishedLines", "KeptLines"]


class FinishedLines:
    """Finished lines of one widget, by the content line they were made from."""

    def __init__(self, size: int = 1024) -> None:
        # id of the content line -> (the line, the finished line), all finished as _how
        self._kept: LRUCache[int, tuple[Strip, Strip]] = LRUCache(size)
        self._how: tuple[object, ...] | None = None

    def clear(self) -> None:
        self._kept.clear()
        self._how = None

    def render_lines(
        self, widget: Widget, crop: Region, render_line: Callable[[int], Strip]
    ) -> list[Strip] | None:
        """The lines of ``crop`` (widget coordinates) as ``Widget.render_lines`` would give
        them, ``render_line`` giving the content lines; ``None`` for a widget that is not plain."""
        finish = _finish_of(widget)
        if finish is None:
            return None
        width, content_width, height, pad_left, pad_right, inner = finish
        background = widget.background_colors[1]
        filters = tuple(widget.get_line_filters())
        how = (*finish, background, *filters)
        if how != self._how:  # finished otherwise from now on: none kept fits
            self._kept.clear()
            self._how = how
        kept = self._kept
        strips: list[Strip] = []
        for y in crop.line_range:
            line = render_line(y) if y < height else Strip.blank(content_width, inner)
            key = id(line)
            entry = kept.get(key)
            if entry is None or entry[0] is not line:
                segments = _finished(line, content_width, pad_left, pad_right, inner)
                for line_filter in filters:
                    segments = line_filter.apply(segments, background)
                strip = Strip(segments, width)
                kept[key] = (line, strip)
            else:
                strip = entry[1]
            strips.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips


def _finished(
    line: Strip, content_width: int, pad_left: int, pad_right: int, inner: RichStyle
) -> list[Segment]:
    """The segments of ``line`` as the styles cache finishes a content line: cut or filled
    to the content width, then padded (both over the background ``inner``)."""
    length = line.cell_length
    if length > content_width:
        segments = list(line.adjust_cell_length(content_width, inner))
    else:
        segments = list(line)
        if length < content_width:
            segments.append(Segment(" " * (content_width - length), inner))
    if pad_left:
        segments.insert(0, Segment(" " * pad_left, inner))
    if pad_right:
        segments.append(Segment(" " * pad_right, inner))
    return segments


def _finish_of(widget: Widget) -> tuple[int, int, int, int, int, RichStyle] | None:
    """(width, content width, content height, left and right padding, the background style
    beyond the content) of a plain widget; ``None`` for any other."""
    styles = widget.styles
    if any(edge for edge, _ in styles.border) or any(edge for edge, _ in styles.outline):
        return None
    if styles.tint.a or styles.text_opacity != 1.0 or widget.opacity != 1.0:
        return None
    if styles.has_rule("hatch") and styles.hatch != "none":
        return None
    if widget._border_title is not None or widget._border_subtitle is not None:
        return None
    if widget.auto_links and widget.hover_style._link_id:
        return None
    top, right, bottom, left = styles.padding
    if top or bottom:
        return None
    base_background, background = widget.background_colors
    inner = Style(background=base_background + background).rich_style
    content = widget.content_region.size
    return widget.region.width, content.width, content.height, left, right, inner


class KeptLines(Widget):
    """A widget whose lines, once drawn, are given again until Textual would draw them anew.

    Textual draws every widget whose container overlaps a changed line at each frame: the
    title, the library's frame and the footer at every key of the text, each through its
    styles cache (~0.2 ms a widget however few of its lines changed).  Textual marks a
    widget's lines to be drawn again only through :meth:`refresh` (a change of its content, a
    reactive, a scroll) or a style update (:meth:`notify_style_update`: the theme, a
    pseudo-class); so the lines drawn last are kept until either, and for the same crop,
    size and line filters."""

    _kept_lines: tuple[tuple[object, ...], list[Strip]] | None = None

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        self._kept_lines = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._kept_lines = None

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (crop, self.size, *self.app.get_line_filters())
        kept = self._kept_lines
        if kept is not None and kept[0] == key:
            return kept[1]
        lines = super().render_lines(crop)
        self._kept_lines = (key, lines)
        return lines
