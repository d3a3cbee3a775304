"""Snapshot tests of the annotate dialog, the annotations panel and the details panel.

Update after a deliberate visual change with ``pytest tests/annotate --snapshot-update`` and look
at the SVGs before committing them.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui_reader.core.model import AnchorStatus, Annotation, Tag
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.widgets.annotation_details import AnnotationDetails
from tui_reader.ui.widgets.annotations_panel import AnnotationsPanel

CODEBOOK = [
    Tag("militarization"),
    Tag("migration"),
    Tag("policy/security"),
    Tag("policy/aid"),
    Tag("sources/official"),
]
QUOTE = (
    "The conference, hosted by Mexico's defence ministry, will launch a plan with the "
    "Pentagon's Southern Command to coordinate security operations in the region."
)


def ann(
    ident: str,
    start: int,
    quote: str,
    *tags: str,
    note: str = "",
    status: AnchorStatus = AnchorStatus.ANCHORED,
) -> Annotation:
    return Annotation(
        document="docs_corpus/a.txt",
        start=start,
        end=start + len(quote),
        quote=quote,
        tags=tags,
        note=note,
        id=ident,
        status=status,
        created="2026-11-20T10:00:00Z",
        updated="2026-11-21T09:30:00Z",
    )


ANNOTATIONS = [
    ann("a1", 10, QUOTE, "militarization", "policy/security", note="Compare with 2019 plan."),
    ann("a2", 400, "targeting Central American migrants", "migration"),
    ann("a3", 650, "according to two officials", "sources/official", status=AnchorStatus.FUZZY),
    ann(
        "a4",
        900,
        "a paragraph that was later removed from the article",
        "policy/aid",
        status=AnchorStatus.ORPHAN,
    ),
]


class DialogHarness(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("the reading view would be here\n" * 20)

    def on_mount(self) -> None:
        self.push_screen(AnnotateDialog(QUOTE, CODEBOOK))


class PanelHarness(App[None]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield AnnotationsPanel(CODEBOOK)
            yield AnnotationDetails(CODEBOOK)

    def on_mount(self) -> None:
        self.query_one(AnnotationsPanel).set_annotations(ANNOTATIONS)
        self.query_one(AnnotationsPanel).focus_list()
        self.query_one(AnnotationDetails).annotation = ANNOTATIONS[0]


class ConfirmHarness(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("the reading view would be here\n" * 20)

    def on_mount(self) -> None:
        self.push_screen(ConfirmScreen("Delete the annotation on “The conference, hosted…”?"))


def test_dialog_with_completion(snap_compare: Any) -> None:
    assert snap_compare(
        DialogHarness(), press=["m", "i", "g", "tab", "p", "o"], terminal_size=(90, 26)
    )


def test_panel_and_details(snap_compare: Any) -> None:
    assert snap_compare(PanelHarness(), press=["down"], terminal_size=(110, 24))


def test_confirm(snap_compare: Any) -> None:
    assert snap_compare(ConfirmHarness(), terminal_size=(80, 12))
