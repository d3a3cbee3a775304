"""Document details (``i``): what the file says of itself, how it was converted, how much of it
is coded, and its attributes, edited in place; reachable from the reader and the library."""

from __future__ import annotations

from pathlib import Path

from helpers.analysis import analysis_app
from helpers.app import burst, pasted, ready, relisting_held, screen_opened_by, wait_until
from helpers.passages import MEXICO, US, Annotated
from textual.widgets import Input, Static

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.document_details import DocumentDetails


async def open_details(pilot, app: ReaderApp, *, from_reader: bool = False) -> DocumentDetails:  # type: ignore[no-untyped-def]
    """``i``: the details of the selected document (``from_reader``: of the open one, the
    reading view focused first), once read."""
    if from_reader:
        screen = await screen_opened_by(pilot, "i", DocumentDetails, from_reader=True)
    else:
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        opened = app.screen
        assert isinstance(opened, DocumentDetails)
        screen = opened
    await wait_until(pilot, lambda: screen.document is not None or screen.problem is not None)
    await pilot.pause()
    return screen


def shown_text(screen: DocumentDetails) -> str:
    """The details' body as drawn at its width: the sections, then the attributes."""
    parts = ("#details-text", "#details-attributes-heading", "#details-attributes")
    lines = []
    for part in parts:
        widget = screen.query_one(part)
        lines += widget.render_lines(widget.region.reset_offset)
    return "\n".join(strip.text.rstrip() for strip in lines)


def status(screen: DocumentDetails) -> str:
    return str(screen.query_one("#details-status", Static).render())


async def test_details_of_the_open_document_and_editing_attributes(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        screen = await open_details(pilot, app, from_reader=True)
        assert screen.key == MEXICO
        text = shown_text(screen)
        for expected in ("File", "mexico-hosts-southcom", "Plain text, shown as it is.",
                         "annotations   3", "% of the text", "country", "Mexico",
                         "from the file"):  # fmt: skip
            assert expected in text, expected
        await pilot.press(*"age=34 wave=2", "enter")
        await pilot.pause()
        assert main.workspace.store.attributes()[MEXICO] == {
            "country": "Mexico",
            "age": 34,
            "wave": 2,
        }
        assert "Set age=34, wave=2." in status(screen)
        assert screen.query_one("#details-edit", Input).value == ""
        await pilot.press(*"wave=", "enter")
        await pilot.pause()
        assert "wave" not in main.workspace.store.attributes()[MEXICO]
        assert "Removed wave." in status(screen)
        main.workspace.store.set_attributes([(US, {"age": 29})])
        await pilot.press(*"age=old", "enter")  # age holds numbers: reported, nothing set
        await pilot.pause()
        assert "age holds numbers" in status(screen)
        assert main.workspace.store.attributes()[MEXICO]["age"] == 34
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, DocumentDetails))
        # the library's filter sees the new attribute at once
        main.library.action_filter()
        main.library.query_one("#library-filter", Input).value = "age>30"
        await wait_until(pilot, lambda: main.library.table.keys == [MEXICO])


async def test_attributes_typed_fast_one_behind_the_other_are_each_set(
    annotated: Annotated,
) -> None:
    """``age=34``, ``enter``, ``wave=2``, ``enter`` in one burst in the details: both are set.
    (The second was typed in the field before the first save read it: age was set to the
    text "34wave=2".)"""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        screen = await open_details(pilot, app, from_reader=True)
        await burst(pilot, [*"age=34", "enter", *"wave=2", "enter"])
        store = main.workspace.store
        await wait_until(pilot, lambda: "wave" in store.attributes()[MEXICO])
        assert store.attributes()[MEXICO] == {"country": "Mexico", "age": 34, "wave": 2}
        assert screen.field.value == ""


async def test_values_typed_in_the_details_are_set_and_said(annotated: Annotated) -> None:
    """The details on one app, one case after another: closed as they open, opened from the
    library, values typed in their field, and the open document's file gone.

    Seen in the terminal under random keys: the box closed before its mount was handled had
    let go of its inner widgets, and looking one up stopped the app.

    The open document the only one with age, held as a date: age=3 typed in the details was
    refused ('unset it first to change its type'), though no other value keeps age a date.

    words=abc typed in the details hid the document's count of words from every query and
    report without a word; the status says it now stands for the count.

    when=15/03/2018 typed in the details was kept as text without a word, and every
    when>=2018 left the document out; the status says so, and how to write the date.

    date=2019-05-01 typed in a document's details, where another document's date was the
    year 2019, was refused ("date holds numbers ... unset it first"): it is set, the year is
    held as the year of dates, and the line says so.

    The open document's file deleted, its text kept on show: its details gave its path,
    format and words as of a file that is there; they say the file is gone."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        store = main.workspace.store

        case = "details closed as they open do not stop the app"
        document = main.workspace.document(MEXICO)
        for _ in range(3):
            app.push_screen(DocumentDetails(main.workspace, MEXICO, "mexico.txt", document))
            app.pop_screen()
            await pilot.pause()
        assert app.return_code is None and not isinstance(app.screen, DocumentDetails), case

        case = "details from the library are of its selected document"
        main.show_library()
        main.library.table.move_cursor(main.library.table.row_index(US) or 0)
        screen = await open_details(pilot, app)
        assert screen.key == US and screen.document is not None, case
        assert "USA" in shown_text(screen), case
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main)

        case = "a document's only value of a name is replaced whatever its type"
        store.set_attributes([(MEXICO, {"age": "2020-01-02"}), (US, {"date": 2019})])
        screen = await open_details(pilot, app, from_reader=True)
        assert screen.key == MEXICO, case
        await pasted(pilot, "age=3")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Set age=3" in status(screen))
        assert store.attributes()[MEXICO]["age"] == 3, case

        case = "setting an attribute every format gives says so"
        await pasted(pilot, "words=abc")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Set words=abc" in status(screen))
        assert store.attributes()[MEXICO]["words"] == "abc", case
        assert "every document has words, the number of its words" in status(screen), case

        case = "setting a date written as a locale writes it and says it is text"
        await pasted(pilot, "when=15/03/2018")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Set when=15/03/2018" in status(screen))
        assert "is kept as text" in status(screen), (case, status(screen))
        assert "write it 2018-03-15" in status(screen), (case, status(screen))

        case = "a date typed where years were is taken and said"
        await pasted(pilot, "date=2019-05-01")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "date=2019-05-01" in status(screen))
        attributes = store.attributes()
        assert attributes[MEXICO]["date"] == "2019-05-01", case
        assert attributes[US]["date"] == "2019", case
        assert "date holds dates now" in status(screen), (case, status(screen))
        await pilot.press("ctrl+u", "escape")  # nothing left typed: closes at once
        await wait_until(pilot, lambda: app.screen is main)

        case = "details of the open document whose file is gone say so"
        async with relisting_held(pilot):  # its row read before a listing drops it
            (annotated.corpus / Path(MEXICO).name).unlink()
            main.column.reopen_if_changed()  # what its timer does
            await wait_until(pilot, lambda: main.library.entry(MEXICO).error is not None)  # type: ignore[union-attr]
            screen = await open_details(pilot, app, from_reader=True)
            text = shown_text(screen)
            assert "the file is gone (moved or deleted?)" in text, (case, text)
            assert "Plain text, shown as it is." in text, case  # the text kept is described


def _app_on_a_pdf(tmp_path: Path, paragraphs: int) -> ReaderApp:
    """The app opened on a PDF report (title, author and pages in its metadata) of
    ``paragraphs`` paragraphs, alone in its corpus."""
    from helpers.format_fixtures import make_pdf, pdf_paragraphs

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf(corpus / "report.pdf", pdf_paragraphs(paragraphs))
    return ReaderApp(corpus, tmp_path / "db.json", corpus / "report.pdf")


async def test_details_of_a_pdf_show_its_metadata(tmp_path: Path) -> None:
    app = _app_on_a_pdf(tmp_path, 30)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_details(pilot, app, from_reader=True)
        text = shown_text(screen)
        for expected in ("PDF", "Border Lives", "Ana Researcher", "pages",
                         "Text layer of the PDF", "converter version"):  # fmt: skip
            assert expected in text, expected


async def test_each_fact_of_the_details_is_said_once_as_one_number(tmp_path: Path) -> None:
    """The details said the format, the words and the characters in the File and Text
    sections, then again among the attributes, as "4,131" above and "4131 from the file"
    below; a PDF's title, author and pages twice too.  Each is said once, in the attribute
    list (where it can be replaced and queried), its counts as the details' other numbers."""
    app = _app_on_a_pdf(tmp_path, 30)
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await open_details(pilot, app, from_reader=True)
        document = screen.document
        assert document is not None and len(document.text) >= 1000
        lines = shown_text(screen).splitlines()
        for name in ("format", "title", "author", "pages", "words", "characters"):
            said = [line for line in lines if line.split()[:1] == [name]]
            assert len(said) == 1, (name, said)
        characters = next(line for line in lines if line.startswith("characters"))
        assert f"{len(document.text):,}" in characters, characters
        words = next(line for line in lines if line.startswith("words"))
        assert f"{document.words:,}" in words.split(), words
        assert "From the file" not in lines  # its title, author and pages among the attributes


async def test_the_details_fit_narrow_short_and_small_terminals(annotated: Annotated) -> None:
    """The details at short, narrow and small sizes, one app resized from one to the next,
    the details opened afresh at each.

    At 40x12 the details opened scrolled to their attribute list (the first thing that takes
    the focus, centred before the field took it): the file, its text and its coding, above,
    were out of view, the field holding the focus and no key scrolling them back.

    At 40x12 the standing hint under the field ("Yours win over the file's; ...") took two of
    the seven lines the box has, the details five.  Short, the hint is left out (what a save
    says still shows); tall, it is there.

    At 40 columns the "from the file" column beside the attributes left their values three
    letters a line: the title read "Mex", "ico", "Hos", "ts" down the screen.  Narrow, the
    rows the file gives are told by their grey alone, and the values have the room.

    At 80x24 the path row read "mexico-hosts-southcom-conference-to-launch-plan-penta" above
    "gon.txt": a long name goes on at a dash, an underscore, a slash or a space.

    The field, the status and the keys fit the box at 80x24, 60x20 and 120x40."""
    app = analysis_app(annotated)

    async def opened_afresh(size: tuple[int, int]) -> DocumentDetails:
        if isinstance(app.screen, DocumentDetails):
            await pilot.press("escape")  # nothing typed: closes at once
            await wait_until(pilot, lambda: not isinstance(app.screen, DocumentDetails))
        await pilot.resize_terminal(*size)
        await wait_until(pilot, lambda: app.screen.size == size)
        return await open_details(pilot, app, from_reader=True)

    async with app.run_test(size=(40, 12)) as pilot:
        await ready(pilot)
        case = "a short terminal opens the details at their top"
        screen = await opened_afresh((40, 12))
        await pilot.pause(0.5)  # a scroll to the list would have ended
        body = screen.query_one("#details-body")
        assert screen.field.has_focus, case
        assert body.scroll_y == 0, case
        text = screen.query_one("#details-text")
        assert text.region.y == body.region.y, case  # the file's section is the first line shown

        case = "a short terminal gives the details the lines the hint took"
        assert body.region.height >= 7, (case, body.region)
        await pasted(pilot, "wave=2")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "wave=2" in status(screen))
        await pilot.pause()
        assert screen.query_one("#details-status").region.height >= 1, case  # a save is said

        case = "a narrow terminal shows an attribute's value in words"
        screen = await opened_afresh((40, 30))
        widget = screen.query_one("#details-attributes")
        lines = [s.text.rstrip() for s in widget.render_lines(widget.region.reset_offset)]
        title = next(line for line in lines if line.lstrip().startswith("title"))
        assert "Mexico Hosts" in title, (case, lines)
        assert not any("from the file" in line for line in lines), (case, lines)
        rows = sum(1 for line in lines if line.strip())
        assert rows < 20, (case, lines)  # the title a few lines, then the others

        case = "a long file name is broken after a dash, not inside a word"
        screen = await opened_afresh((80, 24))
        widget = screen.query_one("#details-text")
        lines = [s.text.strip() for s in widget.render_lines(widget.region.reset_offset)]
        path = next(i for i, line in enumerate(lines) if line.startswith("path"))
        first = lines[path].split(maxsplit=1)[1]
        assert first.endswith("-"), (case, lines[path : path + 2])
        assert first + lines[path + 1] == Path(MEXICO).name, (case, lines[path : path + 2])

        box = screen.query_one("#details-box")
        for width, height, focus in ((80, 24, "field"), (60, 20, "list"), (120, 40, "list")):
            await pilot.resize_terminal(width, height)
            if focus == "list" and not screen.query_one("#details-attributes").has_focus:
                await pilot.press("tab")
            status_line = screen.query_one("#details-status")
            await wait_until(  # laid out at the new size: the box and the status line's rows
                pilot,
                lambda w=width, s=status_line: (
                    box.region.right <= w
                    and box.size.width > 50
                    and s.region.height == (2 if w < 80 else 1)
                ),
            )
            await pilot.pause()
            size = (width, height)
            inside = box.content_region
            for part in ("#details-body", "#details-edit", "#details-status"):
                assert inside.contains_region(screen.query_one(part).region), (size, part)
            body, field = screen.query_one("#details-body"), screen.query_one("#details-edit")
            assert body.region.bottom <= field.region.y, size  # the body ends above the field
            lines_of_status = status_line.region.height
            assert lines_of_status == (2 if width < 80 else 1), size  # one line from 80 columns
            hint = str(box.border_subtitle)
            assert len(hint) <= box.outer_size.width - 6, (size, hint)  # whole words, none cut off
            assert ("e edit" in hint) == (focus == "list") and "esc" in hint, (size, hint)

        case = "a tall terminal keeps the hint under the field"
        screen = await opened_afresh((120, 44))
        await pilot.pause()
        assert screen.query_one("#details-status").region.height == 1, case  # tall: the hint


async def test_the_attributes_set_are_in_view_when_the_details_run_a_few_lines_long(
    tmp_path: Path,
) -> None:
    """At 120x40 a PDF's details ran two lines past the box (at 120x34 since its facts are
    said once): of the two attributes set, country and type, only country was in view, type
    below it, out of sight until the list was tabbed into (the field has the focus).  Details a few lines too long are scrolled by
    those lines to show the user's own attributes; far too long (a short terminal) they open
    at their top, as before."""
    app = _app_on_a_pdf(tmp_path, 2)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_details(pilot, app, from_reader=True)
        await pasted(pilot, "country=USA type=report")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Set country=USA, type=report." in status(screen))
        await pilot.pause(0.3)
        for case in ("as set", "opened again"):
            body = screen.query_one("#details-body")
            rows = screen.query_one("#details-attributes")
            assert body.virtual_size.height > body.scrollable_content_region.height, case
            seen = body.scrollable_content_region
            for index in (0, 1):  # country, then type: the user's own, first in the list
                y = rows.region.y + index
                assert seen.y <= y < seen.bottom, (case, index, rows.region, seen)
            assert screen.field.has_focus, case
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, DocumentDetails))
            screen = await open_details(pilot, app, from_reader=True)
            await pilot.pause(0.3)
