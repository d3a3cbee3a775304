"""A notification shown while the agreement box is open (K says who is compared for six
seconds, = opens the box) sits beside the box, never over its figures."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets._toast import Toast

from tui_reader.core.analysis.agreement import AgreementRow
from tui_reader.core.analysis.agreement_stats import BinaryTable
from tui_reader.ui.notices import notify_info
from tui_reader.ui.screens.agreement import AgreementDialog

CODES = [f"theme {n}/part" for n in range(1, 31)]  # a box as tall as the screen lets it


class _Figures(App[None]):
    def on_mount(self) -> None:
        rows = [AgreementRow(code, BinaryTable(3, 1, 2, 900)) for code in CODES]
        rows.append(AgreementRow(None, BinaryTable(15, 5, 10, 4500)))
        notify_info(
            self,
            "Left: ana, right: ben. 12 places where you disagree in this document: d / D go "
            "from one to the next.",
            title="Compare coders",
            timeout=60,
        )
        self.push_screen(AgreementDialog("ana", "ben", "interview.txt", rows))


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_a_notification_leaves_the_agreement_box_in_sight(size: tuple[int, int]) -> None:
    """At 80x24 the notice of the compare covered the box's last lines: the row over every
    code and the box's keys under it."""
    app = _Figures()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        toasts = list(dialog.query(Toast))
        assert toasts and all(toast.region.height > 0 for toast in toasts)
        box = dialog.query_one(".dialog-box")
        assert box.region.height >= 5  # its border, a heading and a line of figures at least
        for toast in toasts:
            assert not toast.region.overlaps(box.region), (toast.region, box.region)
