"""The look every dialog shares: centred over the dimmed screen, in a rounded box."""

from __future__ import annotations


def dialog_css(screen: str, box: str, width: int) -> str:
    """The CSS of the dialog screen class ``screen`` whose box has the id ``box``
    (``width`` cells at most; its height follows its content up to the screen's)."""
    return f"""
    {screen} {{
        align: center middle;
        background: $background 60%;
    }}
    {screen} > #{box} {{
        width: {width};
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: round $primary;
        border-title-color: $primary;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }}
    """
