"""An export into a file as the app's dialog runs it (core.interchange.export_file): the
command's checks and words, and stopped at any point, nothing written, not even in part."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import markdown
from tui_reader.core.interchange.export_file import ExportCancelled, Stop, export_to
from tui_reader.core.interchange.stopping import CHECKING, PREPARING, READ, UNCOUNTED
from tui_reader.core.workspace import Workspace
from tui_reader.locations import blocks_cache_path, checked_records_path, places_cache_path


def _workspace(tmp_path: Path) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("One passage here, and another there.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    key = workspace.key(corpus / "a.txt")
    document = workspace.document(key)
    for start, end, tag in ((0, 11, "one"), (22, 29, "two")):
        workspace.store.add(
            make_annotation(key, document.text, start, end, document.sha256, (tag,))
        )
    return workspace


class StopAt(Stop):
    """Asked to stop at its ``at``-th check (0: the first)."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at, self.checks = at, 0

    def check(self) -> None:
        self.checks += 1
        if self.checks > self.at:
            self.event.set()
        super().check()


@pytest.mark.parametrize("kept", [False, True])
@pytest.mark.parametrize("format_name", ["markdown", "csv", "qdpx", "w3c"])
def test_stopped_at_any_check_nothing_is_left_in_the_folder(
    tmp_path: Path, format_name: str, kept: bool
) -> None:
    """``kept``: the records' looks and the places found kept from an export before
    (annotation_columns' CheckedRecords, the places cache: fewer checks, and csv's and
    Markdown's places taken whole; Markdown's blocks kept), else made again each time."""
    workspace = _workspace(tmp_path)
    made_again = [
        checked_records_path(workspace.db),
        places_cache_path(workspace.db),
        blocks_cache_path(workspace.db),
    ]
    out = tmp_path / "out"
    out.mkdir()
    counting = StopAt(10_000)
    export_to(workspace, format_name, out / "x", stop=counting)
    (out / "x").unlink()
    if kept:
        counting = StopAt(10_000)
        export_to(workspace, format_name, out / "x", stop=counting)
        (out / "x").unlink()
    for at in range(counting.checks):
        if not kept:
            for path in made_again:
                path.unlink(missing_ok=True)
        with pytest.raises(ExportCancelled):
            export_to(workspace, format_name, out / "x", stop=StopAt(at))
        assert list(out.iterdir()) == [], at


def test_the_command_s_words_and_checks(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    done = export_to(workspace, "csv", tmp_path / "x.csv", tags=("two",))
    assert done.lines == [f"wrote 1 annotation to {tmp_path / 'x.csv'}"]
    with pytest.raises(TuiReaderError, match="exists; not replaced"):
        export_to(workspace, "csv", tmp_path / "x.csv")
    with pytest.raises(TuiReaderError, match="is the annotation database"):
        export_to(workspace, "json", workspace.db, overwrite=True)
    vault = export_to(workspace, "obsidian", tmp_path / "vault")
    assert vault.lines[-1].endswith(f"(2 annotations) to {tmp_path / 'vault'}")


@pytest.mark.parametrize("by", ["document", "tag"])
def test_stopped_while_markdown_is_made_it_stops_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: Literal["document", "tag"]
) -> None:
    """esc in the export dialog stopped an export between documents and between the parts
    written, not while a format made its text: a few seconds of Markdown at 100,000
    annotations went on to their end.  Stopped as the first passage's quote is made, it
    stops before a thousand more are."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    count = 3000
    (corpus / "a.txt").write_text(
        "".join(f"Sentence {n} is here. " for n in range(count)), encoding="utf-8"
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    key = workspace.key(corpus / "a.txt")
    document = workspace.document(key)
    starts = [document.text.index(f"Sentence {n} ") for n in range(count)]
    workspace.store.put_many(
        [
            make_annotation(key, document.text, s, s + 10, document.sha256, (f"c{n % 7}",))
            for n, s in enumerate(starts)
        ]
    )
    stop = Stop()
    quoted = 0
    made = markdown.blockquote

    def quote(text: str) -> str:
        nonlocal quoted
        quoted += 1
        stop.event.set()
        return made(text)

    monkeypatch.setattr(markdown, "blockquote", quote)
    with pytest.raises(ExportCancelled):
        export_to(workspace, "markdown", tmp_path / "out.md", stop=stop, by=by)
    assert 0 < quoted <= 1000
    assert not (tmp_path / "out.md").exists()
    monkeypatch.setattr(markdown, "blockquote", made)
    export_to(workspace, "markdown", tmp_path / "out.md", by=by)  # not stopped: whole
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert text.count("> Sentence ") == count
    assert ("# Annotations by tag" in text) == (by == "tag")


def test_stopped_as_the_records_are_read_their_columns_are_not_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """esc pressed as an export began was seen only once every record was made into
    columns and sorted (100,000 annotations: 2 s and more on a busy machine, the app's
    dialog saying nothing meanwhile): the first look at the stop came after them.  Stopped
    as the store hands its records over, no column is made."""
    from tui_reader.core.interchange import annotation_columns

    workspace = _workspace(tmp_path)
    stop = Stop()
    store = workspace.store
    handed = store.stored_records

    def stored_records() -> object:
        stop.event.set()
        return handed()

    made: list[int] = []
    plain = annotation_columns._plain_columns

    def columns_made(*args: object) -> object:
        made.append(1)
        return plain(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "stored_records", stored_records)
    monkeypatch.setattr(annotation_columns, "_plain_columns", columns_made)
    with pytest.raises(ExportCancelled):
        export_to(workspace, "csv", tmp_path / "out.csv", stop=stop)
    assert made == []
    assert not (tmp_path / "out.csv").exists()


def test_stopped_while_the_quotes_of_a_csv_are_quoted_it_stops_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """csv's quote column (each quote holding a comma quoted) was made whole before the
    next look at the stop: half a second at 100,000 passages with esc unseen.  Stopped as
    the first of 3,000 such quotes is looked at, it stops before a thousand more are."""
    from tui_reader.core.interchange import csv as csv_format
    from tui_reader.core.interchange.stopping import stopped_by

    cells = [f"quote {n}, with a comma" for n in range(3000)]
    looked = 0
    searched = csv_format._QUOTED

    class Counting:
        def search(self, text: str) -> object:
            nonlocal looked
            looked += 1
            return searched.search(text)

    stop = Stop()

    def check() -> None:
        if looked:
            stop.event.set()
        stop.check()

    monkeypatch.setattr(csv_format, "_QUOTED", Counting())
    with stopped_by(check), pytest.raises(ExportCancelled):
        csv_format.csv_cells(cells)
    assert 0 < looked <= 1000
    assert csv_format.csv_cells(cells)[0] == '"quote 0, with a comma"'  # not stopped: whole


def test_a_qdpx_tells_how_far_its_making_has_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A qdpx of 10,000 documents took 20 s at "Writing…" with no count: it tells its
    sources written, its sources' passages packed and its files packed, each of their
    total, up to the last, in that order.  The count stood at "10,000 of 10,000 sources
    read" for 2.8 s of its 7.5 s: each source's selections were written after the count
    ended, and the project file packed with none; a source is now counted once its
    selections are written too, and the project file's packing by source."""
    from tui_reader.core.interchange import qdpx

    workspace = _workspace(tmp_path)
    corpus = tmp_path / "corpus"
    (corpus / "b.txt").write_text("A second text, not coded.\n", encoding="utf-8")
    (corpus / "c.txt").write_text("A third text.\n", encoding="utf-8")
    made = 0  # the sources' selections written so far
    selections = qdpx._selections

    def counted_selections(*args: Any) -> str:
        nonlocal made
        made += 1
        return selections(*args)

    monkeypatch.setattr(qdpx, "_selections", counted_selections)
    told: list[tuple[int, int, str]] = []
    written: list[tuple[int, int]] = []  # each source counted, with the selections made then

    def tell(done: int, total: int, what: str) -> None:
        told.append((done, total, what))
        if what == "sources written":
            written.append((done, made))

    export_to(workspace, "qdpx", tmp_path / "out.qdpx", told=tell)
    told = _made(told)
    phases = ("sources written", "sources' passages packed", "files packed")
    for what in phases:
        steps = [(done, total) for done, total, said in told if said == what]
        assert steps, told
        totals = {total for _, total in steps}
        assert len(totals) == 1 and next(iter(totals)) >= 1, steps
        dones = [done for done, _ in steps]
        assert dones == sorted(dones) and all(0 <= d <= t for d, t in steps), steps
        assert steps[-1][0] == steps[-1][1], steps
    assert list(dict.fromkeys(said for _, _, said in told)) == list(phases)
    assert {t for _, t, said in told if said == "sources written"} == {3}, told  # each one
    assert {t for _, t, said in told if said == "sources' passages packed"} == {3}, told
    assert all(done == selections_made for done, selections_made in written), written


def test_a_vault_tells_how_far_its_making_has_got(tmp_path: Path) -> None:
    """The Obsidian vault of 10,000 documents showed "Writing…" and a bar going to and fro
    for its whole making, no count, then 1.3 s of it before its first note: it tells its
    passages sorted into notes, its documents' notes made, then its notes written, each of
    their total, up to the last."""
    workspace = _workspace(tmp_path)
    (tmp_path / "corpus" / "b.txt").write_text("A second text, not coded.\n", encoding="utf-8")
    told: list[tuple[int, int, str]] = []
    export_to(workspace, "obsidian", tmp_path / "vault", told=lambda *step: told.append(step))
    told = _made(told)
    phases = ("passages sorted into notes", "document notes made", "notes written")
    assert list(dict.fromkeys(said for _, _, said in told)) == list(phases), told
    notes = sorted(p for p in (tmp_path / "vault").rglob("*.md"))
    for what, whole in zip(phases, (2, 1, len(notes)), strict=True):
        steps = [(done, total) for done, total, said in told if said == what]
        assert {total for _, total in steps} == {whole}, (steps, notes)
        dones = [done for done, _ in steps]
        assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == whole, steps


def _made(told: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """What ``told`` says of the file's making: the annotations' reading, told first, and
    the look for a file changed after it (no count), when told, left out."""
    reading = [step for step in told if step[2] == READ]
    assert told[: len(reading)] == reading, told
    rest = told[len(reading) :]
    if rest and rest[0][2] == CHECKING:
        assert rest[0] == (0, 0, CHECKING), told
        rest = rest[1:]
    assert all(what not in UNCOUNTED - {PREPARING} for *_, what in rest), told
    return rest


def test_an_export_of_another_format_tells_nothing_but_the_reading(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    told: list[tuple[int, int, str]] = []
    export_to(workspace, "csv", tmp_path / "out.csv", told=lambda *step: told.append(step))
    assert _made(told) == []


@pytest.mark.parametrize("known", [False, True])
def test_the_annotations_read_are_told_before_the_file_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, known: bool
) -> None:
    """The export dialog showed a bar going to and fro, no count, while the annotations were
    read (1 s at 100,000): every annotation of the store is counted as read, from none to
    all, before the file is made (the records found exactly their rows before too)."""
    from tui_reader.core.interchange import annotation_columns

    monkeypatch.setattr(annotation_columns, "_TOLD_EVERY", 2)
    workspace = _workspace(tmp_path)
    key = workspace.key(tmp_path / "corpus" / "a.txt")
    document = workspace.document(key)
    for start in range(5):
        workspace.store.add(
            make_annotation(key, document.text, start, start + 4, document.sha256, ("t",))
        )
    whole = len(workspace.store.annotations())
    if known:  # the records' checks kept by a first export
        export_to(workspace, "markdown", tmp_path / "first.md")
    told: list[tuple[int, int, str]] = []
    written: list[int] = []
    export_to(
        workspace,
        "markdown",
        tmp_path / "out.md",
        told=lambda *step: told.append(step),
        writing=lambda: written.append(len(told)),
    )
    reading = [(done, total) for done, total, what in told if what == READ]
    every_two = [(done, whole) for done in range(0, whole, 2)]  # 0, 2, 4, 6 of 7
    assert whole == 7 and reading == [(0, whole), *every_two, (whole, whole)], told
    before = told[: written[0]]  # the reading, then the look for a file changed
    assert written and before[:-1] == [(d, t, READ) for d, t in reading], told
    assert before[-1] == (0, 0, CHECKING), told


def _notes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


def test_esc_while_a_vault_s_notes_are_written_keeps_them_and_the_next_export_goes_on(
    tmp_path: Path,
) -> None:
    """The dialog said "esc stops it" while a vault's notes were written, and esc did not
    stop them: it now stops between two notes, those written kept, each whole, the others
    as the last export left them, and says so; the next export goes on from there (no note
    taken for one the user edited) and leaves the vault as one export in one go does."""
    workspace = _workspace(tmp_path)
    corpus = tmp_path / "corpus"
    (corpus / "b.txt").write_text("A second text, coded later.\n", encoding="utf-8")
    vault = tmp_path / "vault"
    export_to(workspace, "obsidian", vault)
    before = _notes(vault)
    key = workspace.key(corpus / "b.txt")
    document = workspace.document(key)
    workspace.store.add(make_annotation(key, document.text, 2, 8, document.sha256, ("one",)))
    stop = Stop()

    def told(done: int, total: int, what: str) -> None:
        if what == "notes written" and done == 2:
            stop.event.set()

    with pytest.raises(ExportCancelled) as stopped:  # (ExportStopped: said half-way)
        export_to(workspace, "obsidian", vault, stop=stop, told=told)
    total = len(before) + 1  # b.txt's note added
    assert f"2 of {total} notes written into" in str(stopped.value), stopped.value
    assert "the others left as they were" in str(stopped.value)
    halfway = _notes(vault)
    assert set(halfway) == set(before), halfway  # b.txt's note not reached
    assert halfway["Codes/one.md"] == before["Codes/one.md"]  # nor the code's
    assert halfway["corpus.md"] != before["corpus.md"]  # the index, written (b.txt's link)
    fresh = tmp_path / "fresh"
    export_to(workspace, "obsidian", fresh)
    said = export_to(workspace, "obsidian", vault).lines
    assert not [line for line in said if "edited" in line], said
    assert _notes(vault) == _notes(fresh)
