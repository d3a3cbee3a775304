"""A box's bottom border line (its keys, a filter's count), or a field's placeholder: the
first of its forms, each in fewer words, that fits whole; the shortest where none does.
Textual cuts a line too long in a word ("no document ma…", "tab: the fiel…"), what its end
said lost."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget


def fitting(forms: Sequence[str], width: int) -> str:
    """The first of ``forms`` that fits a box ``width`` cells wide (its whole width, its
    border's: the corners, a rule and a space each side take six), else the last; the first
    for a box not laid out yet (no width)."""
    if width <= 0:
        return forms[0]
    return first_fitting(forms, width - 6)


def first_fitting(forms: Sequence[str], room: int) -> str:
    """The first of ``forms`` at most ``room`` cells wide, else the last."""
    from rich.cells import cell_len

    return next((form for form in forms if cell_len(form) <= room), forms[-1])


def fit_subtitle(box: Widget, forms: Sequence[str]) -> None:
    """``box``'s border subtitle: :func:`fitting` its width now."""
    box.border_subtitle = fitting(forms, box.outer_size.width)
