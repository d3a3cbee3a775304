"""A code far longer than any typed one, in a database edited by hand, in the codebook."""

from __future__ import annotations

from pathlib import Path

from helpers.app import screen_opened_by, wait_until
from textual.pilot import Pilot

from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.codebook.names import TAG_NAME_LENGTH
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen


def _app_of_one_code(tmp_path: Path, tag: Tag) -> ReaderApp:
    """The app on a one-line document with a passage of it coded ``tag``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The quick brown fox jumps.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_tag(tag)
        store.add(make_annotation("a.txt", "The quick brown fox jumps.", 4, 9, "", (tag.name,), ""))
    return ReaderApp(corpus, db, measure=80)


async def _codebook_opened(pilot: Pilot[int]) -> CodebookScreen:
    """The codebook opened (``T``), its tree placed and its passages counted."""
    screen = await screen_opened_by(pilot, "T", CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing and not screen.counting)
    await pilot.pause()
    return screen


async def test_a_code_of_megabytes_is_shown_up_to_the_bound_of_a_code(tmp_path: Path) -> None:
    # A code of 10 MB (a database edited by hand; one typed is refused) held the codebook
    # for 40 s as it opened: its tree measured and drew the whole name for each line,
    # and the passages' heading wrapped all of it.  It shows up to the bound of a code,
    # then "…", as the side panel and the passage lists show it.
    code = "x" * 2_000_000
    app = _app_of_one_code(tmp_path, Tag(code))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _codebook_opened(pilot)
        (node,) = screen.tag_tree.root.children
        label = str(node.label)
        assert "x" * TAG_NAME_LENGTH + "…" in label and len(label) < TAG_NAME_LENGTH + 100
        heading = str(screen.heading.render())
        assert "x" * TAG_NAME_LENGTH + "…" in heading and len(heading) < TAG_NAME_LENGTH + 300


async def test_a_description_of_megabytes_is_shown_up_to_a_passage_s_bound(
    tmp_path: Path,
) -> None:
    # A code's description of 2 MB held the codebook for 10 s as it opened: its line of the
    # tree and the heading above its passages measured and drew all of it.  They show its
    # start, as a passage list shows a long note, the heading saying how much is left.
    from tui_reader.ui.widgets.passage_list import SHOWN_CHARACTERS

    description = "d" * 2_000_000
    app = _app_of_one_code(tmp_path, Tag("code", description=description))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _codebook_opened(pilot)
        (node,) = screen.tag_tree.root.children
        assert len(str(node.label)) < SHOWN_CHARACTERS + 100
        heading = str(screen.heading.render())
        assert len(heading) < SHOWN_CHARACTERS + 100
        assert f"{len(description) - SHOWN_CHARACTERS:,} more characters" in heading
