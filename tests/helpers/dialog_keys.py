"""The keys a dialog shows on its box's bottom border, as drawn: whole, and the longest of
their forms that the border has room for."""

from __future__ import annotations

from textual.widget import Widget


def bottom_border(box: Widget) -> str:
    """The box's bottom border as drawn (its corners, rules and the keys on it)."""
    lines = box.render_lines(box.region.reset_offset)
    return lines[-1].text


def border_room(box: Widget) -> int:
    """How many cells the keys on ``box``'s bottom border have: its whole width less the two
    corners and a rule and a space on each side."""
    return box.outer_size.width - 6


def assert_keys_fit(box: Widget, forms: tuple[str, ...] | list[str], where: object) -> None:
    """The keys drawn are one of ``forms`` whole (none cut with an ellipsis), and the first
    form the border has room for: a longer one is not given up while it would fit."""
    keys = str(box.border_subtitle)
    assert keys in forms, (where, keys)
    drawn = bottom_border(box)
    assert f" {keys} " in drawn and "…" not in drawn, (where, drawn)
    fitting = [form for form in forms if len(form) <= border_room(box)]
    assert fitting, (where, "no form fits", border_room(box))
    assert keys == fitting[0], (where, keys, fitting[0])
