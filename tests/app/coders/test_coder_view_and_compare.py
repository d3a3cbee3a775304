"""Whose coding the app shows (C: all, mine, one coder) and the compare view (K, d/D)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers.analysis import query_view_opened
from helpers.app import (
    command_chosen,
    left_while_held,
    notices_said,
    pasted,
    ready,
    screen_opened,
    wait_until,
    workers_done,
)
from helpers.counting import count_calls, ended_calls, first_arguments, held_calls
from helpers.threads import held_until

from tui_reader.cli.main import main
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane import ReadingPane

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui_reader.ui.screens.main import MainScreen

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def coded(corpus: Path, db: Path, who: str, quote: str, tag: str) -> None:
    argv = ["annotate", str(corpus / DOC), "--quote", quote, "-t", tag, "--coder", who]
    assert main([*argv, "--db", str(db), "--corpus", str(corpus)]) == 0


def two_coders(corpus: Path, db: Path) -> None:
    coded(corpus, db, "ana", "Pentagon plan", "policy")
    coded(corpus, db, "ben", "Pentagon plan", "policy")
    coded(corpus, db, "ben", "Doral, Florida", "military")


def anas_app(corpus: Path, tmp_path: Path) -> tuple[ReaderApp, Path]:
    """The app of ana, on a database two coders coded (see two_coders), and that database."""
    db = tmp_path / "annotations.json"
    two_coders(corpus, db)
    return ReaderApp(corpus, db, corpus / DOC, coder="ana"), db


async def _compared(pilot: Pilot[object]) -> tuple[MainScreen, ReadingPane]:
    """The app's main screen once ready, and its reading pane once K has compared the two
    coders there."""
    screen = await ready(pilot)
    await workers_done(pilot.app)
    annotated = screen.query_one(ReadingPane)
    await pilot.press("K")
    await wait_until(pilot, lambda: annotated.compared is not None)
    return screen, annotated


async def test_whose_coding_is_shown_compared_and_said_for_two_coders(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Ana's app on a database two coders coded, one case after another on one app: C shows
    all, then hers, then ben's, and back; the codebook counts the coding shown; K compares the
    two and d walks their disagreements; the palette names each coder.

    e and x on ben's annotation changed his coding with no word that it was his.

    Ana's and Ben's passages of one code were listed alike in the query view (and the
    codebook): no one could tell whose each was; each names its coder when they are several,
    and none when all are one coder's."""
    from textual.widgets import Static

    from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
    from tui_reader.ui.screens.confirm import ConfirmScreen
    from tui_reader.ui.screens.main import MainScreen

    app, _db = anas_app(corpus_copy, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        annotated = screen.query_one(ReadingPane)

        case = "C shows all, then mine, then the other coder"
        entry = next(e for e in screen.library.entries if e.key.endswith(DOC))
        assert len(annotated.annotations) == 3 and entry.annotations == 3, case
        seen = []
        for _ in range(3):
            await pilot.press("C")
            await workers_done(app)
            await pilot.pause()
            entry = next(e for e in screen.library.entries if e.key.endswith(DOC))
            coders = sorted({a.coder for a in annotated.annotations})
            seen.append((app.workspace.coder_view.only, coders, entry.annotations))
        assert seen == [("ana", ["ana"], 1), ("ben", ["ben"], 2), (None, ["ana", "ben"], 3)], (
            case,
            seen,
        )

        case = "the codebook counts follow the coder shown"
        await pilot.press("C", "T")  # only mine, then the codebook
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CodebookScreen")
        await workers_done(app)
        await pilot.pause()
        counts = {node.path: node.total for node in app.screen.nodes}  # type: ignore[attr-defined]
        assert counts.get("policy") == 1 and counts.get("military", 0) == 0, (case, counts)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("C", "C")  # ben's, then all again
        await wait_until(pilot, lambda: app.workspace.coder_view.only is None)
        await workers_done(app)
        await pilot.pause()

        case = "compare shows two columns and d walks the disagreements"
        await pilot.press("K")
        await pilot.pause()
        assert annotated.compared == ("ana", "ben"), case
        painter = screen.reader.stripes
        assert painter is not None and painter.labels == ["ana", "ben"], case
        text = screen.reader.document.text  # type: ignore[union-attr]
        doral = text.index("Doral, Florida")
        assert annotated.disagreements == [(doral, doral + len("Doral, Florida"))], case
        screen.reader.move_caret(0, select=False)
        await pilot.press("d")
        await pilot.pause()
        assert screen.reader.caret == doral, case
        await pilot.press("K")
        await pilot.pause()
        assert annotated.compared is None and screen.reader.stripes is None, case

        case = "editing or deleting a colleague's annotation says whose it is"
        reader = annotated.reader
        reader.focus()
        reader.move_caret(text.index("Doral, Florida") + 2, select=False)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        title = app.screen.title_text  # type: ignore[attr-defined]
        assert "ben's annotation (not yours)" in title, (case, title)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        said = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "It is ben's coding, not yours." in said, (case, said)
        await pilot.press("n")  # kept
        await wait_until(pilot, lambda: app.screen is screen)

        case = "the query view says whose each passage is when several coded"
        query = await query_view_opened(pilot)
        await pasted(pilot, "policy")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not query.running and len(query.matches) == 2)
        await pilot.pause()
        listed = query.passage_list
        headings = [str(listed.get_option_at_index(i).prompt).splitlines()[0] for i in range(2)]
        by = sorted(h.rsplit("  ", 1)[-1] for h in headings)
        assert by == ["by ana", "by ben"], (case, headings)
        query.input.value = ""
        query.input.focus()
        await wait_until(pilot, lambda: query.input.has_focus)
        await pasted(pilot, "military")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not query.running and len(query.matches) == 1)
        await pilot.pause()
        assert "by ben" not in str(listed.get_option_at_index(0).prompt), case
        await pilot.press("escape")  # the passages' query as it was: closes
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))

        case = "the palette names each coder"
        await command_chosen(pilot, "compare with ben")
        await wait_until(pilot, lambda: annotated.compared is not None)
        assert annotated.compared == ("ana", "ben"), case
        await command_chosen(pilot, "coders: show only ben")
        await wait_until(pilot, lambda: app.workspace.coder_view.only == "ben")


async def test_compare_alone_says_there_is_no_one_to_compare_with(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    coded(corpus_copy, db, "ana", "Pentagon plan", "policy")
    app = ReaderApp(corpus_copy, db, corpus_copy / DOC, coder="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("K")
        await pilot.pause()
        assert screen.query_one(ReadingPane).compared is None
        assert any("Nothing to compare" in (n.title or "") for n in app._notifications)


async def test_deleting_a_code_shown_for_me_alone_counts_every_coders_passages(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The question said "1 annotation loses it" over my coding alone; ben's loses it too."""
    from textual.widgets import Static

    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.ui.screens.confirm import ConfirmScreen

    app, db = anas_app(corpus_copy, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("C", "T")  # only mine, then the codebook
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CodebookScreen")
        codebook = app.screen
        await wait_until(pilot, lambda: not codebook.counting)  # type: ignore[attr-defined]
        for _ in range(4):  # military (ben's alone), then policy
            if codebook.selected == "policy":  # type: ignore[attr-defined]
                break
            await pilot.press("j")
            await pilot.pause()
        assert codebook.selected == "policy"  # type: ignore[attr-defined]
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        said = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "2 annotations lose it" in said, said
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is codebook)
        await workers_done(app)
    with AnnotationStore(db) as store:
        assert [a.tags for a in store.annotations() if "policy" in a.tags] == []


def _by_coder(db: Path) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    from tui_reader.core.store.annotation_store import AnnotationStore

    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    with AnnotationStore(db, read_only=True) as store:
        for a in store.annotations():
            found.setdefault(a.coder, []).append((a.quote, tuple(sorted(a.tags))))
    return {coder: sorted(passages) for coder, passages in found.items()}


async def test_a_code_key_on_a_colleagues_passage_codes_it_as_mine_not_theirs(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Ana's code key on a passage only ben coded added ana's code to ben's annotation (his
    coding changed, the agreement with it wrong); it is ana's own annotation of that passage,
    as a selection of it is."""
    app, db = anas_app(corpus_copy, tmp_path)
    before = _by_coder(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(ReadingPane)
        reader = pane.reader
        assert reader.document is not None
        text = reader.document.text
        reader.move_caret(text.index("Doral, Florida") + 2, select=False)
        await pilot.press("2")  # the codebook's second code: policy, on ben's passage
        await workers_done(app)
        await pilot.pause()
        start = text.index("Doral, Florida")
        reader.move_caret(start, select=False)
        # (the caret on its last character: a selection holds the character under it)
        reader.move_caret(start + len("Doral, Florida") - 1, select=True)
        await pilot.press("1")  # military, on the very passage ben coded military
        await workers_done(app)
        await pilot.pause()
    after = _by_coder(db)
    assert after["ben"] == before["ben"]  # ben's coding as he left it
    assert after["ana"] == sorted(
        [("Pentagon plan", ("policy",)), ("Doral, Florida", ("military", "policy"))]
    )


async def test_compare_with_nothing_coded_does_not_say_i_have_coded(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """K with nothing coded yet said 'Only ana has coded here', though no one had."""
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json", corpus_copy / DOC, coder="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("K")
        await wait_until(pilot, lambda: bool(app._notifications))
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith("No one has coded here") for m in said), said
        assert not any("ana has coded" in m for m in said), said


async def test_the_status_line_says_which_disagreement_the_caret_is_on(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Comparing two coders, the status line said nothing of the disagreements: d and D went
    from one to the next with no word of which one, or how many were left, as the search
    says "3/36" of its hits.  It says "disagreement 1/2" on one, "after 1/2" between, and
    follows the other coder's database changed elsewhere."""
    from helpers.app import status_text

    app, db = anas_app(corpus_copy, tmp_path)
    coded(corpus_copy, db, "ben", "utter subservience", "military")
    async with app.run_test(size=(120, 40)) as pilot:
        screen, annotated = await _compared(pilot)
        places = annotated.disagreements
        assert len(places) == 2, places
        screen.reader.focus()
        screen.reader.move_caret(0, select=False)
        await pilot.pause()
        assert "2 disagreements" in status_text(screen), status_text(screen)
        await pilot.press("d")
        await pilot.pause()
        assert screen.reader.caret == places[0][0]
        assert "disagreement 1/2" in status_text(screen), status_text(screen)
        await pilot.press("d")
        await pilot.pause()
        assert "disagreement 2/2" in status_text(screen), status_text(screen)
        await pilot.press("D")
        await pilot.pause()
        assert "disagreement 1/2" in status_text(screen), status_text(screen)
        screen.reader.move_caret(places[0][1], select=False)  # just past the first
        await pilot.pause()
        assert "after disagreement 1/2" in status_text(screen), status_text(screen)

        coded(corpus_copy, db, "ben", "Mexico-Guatemala border", "military")  # ben codes elsewhere
        app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
        await wait_until(pilot, lambda: len(annotated.disagreements) == 3)
        await workers_done(app)
        await pilot.pause()
        assert "/3" in status_text(screen), status_text(screen)

        await pilot.press("K")  # closed: no word of disagreements
        await pilot.pause()
        assert "disagreement" not in status_text(screen), status_text(screen)


async def test_d_where_the_coders_agree_everywhere_says_so(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """d in the compare view of a document where the two coders agree said "No more
    disagreements this way.", as if there had been some before."""
    db = tmp_path / "annotations.json"
    coded(corpus_copy, db, "ana", "Pentagon plan", "policy")
    coded(corpus_copy, db, "ben", "Pentagon plan", "policy")
    app = ReaderApp(corpus_copy, db, corpus_copy / DOC, coder="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, annotated = await _compared(pilot)
        assert annotated.disagreements == []
        app.clear_notifications()
        screen.reader.focus()
        await pilot.press("d")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["ana and ben do not disagree anywhere in this document."], said


async def test_d_visits_two_disagreements_starting_at_one_place_each_in_turn(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Ana coded "Pentagon plan" policy and ben "Pentagon plan to crack down" military: two
    disagreements starting at one offset.  d went from the top to the second ("2/2") and the
    first was never shown; now d shows 1/2, then 2/2 at the same place, then says no more."""
    from helpers.app import status_text

    db = tmp_path / "annotations.json"
    coded(corpus_copy, db, "ana", "Pentagon plan", "policy")
    coded(corpus_copy, db, "ben", "Pentagon plan to crack down", "military")
    app = ReaderApp(corpus_copy, db, corpus_copy / DOC, coder="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await workers_done(app)
        annotated = screen.query_one(ReadingPane)
        await pilot.press("K")
        await wait_until(pilot, lambda: annotated.compared is not None)
        places = annotated.disagreements
        assert len(places) == 2 and places[0][0] == places[1][0], places
        screen.reader.focus()
        screen.reader.move_caret(0, select=False)
        figures = []
        for _ in range(2):
            await pilot.press("d")
            await pilot.pause()
            assert screen.reader.caret == places[0][0]
            figures.append(status_text(screen))
        assert "disagreement 1/2" in figures[0], figures
        assert "disagreement 2/2" in figures[1], figures
        app.clear_notifications()
        await pilot.press("d")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["No more disagreements this way."]
        await pilot.press("D")
        await pilot.pause()
        assert "disagreement 1/2" in status_text(screen), status_text(screen)


async def test_the_compare_view_shows_the_agreement_figures_the_command_prints(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """K showed where the two coders disagree, but never how far they agree: kappa and alpha
    were in the command line alone (tui-reader agreement ana ben), out of the app. = (and the
    palette) shows, for the document compared, the figures the command prints for it, by
    code and over every code, in a box that fits 80 columns."""
    from textual.widgets import Static

    from tui_reader.ui.screens.agreement import AgreementDialog

    app, db = anas_app(corpus_copy, tmp_path)
    coded(corpus_copy, db, "ana", "utter subservience", "military")
    capsys.readouterr()  # (the ids annotate printed)
    argv = ["agreement", "ana", "ben", "--doc", DOC, "--format", "json"]
    assert main([*argv, "--db", str(db), "--corpus", str(corpus_copy)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [row["tag"] for row in printed] == ["military", "policy", None]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await workers_done(app)
        said = notices_said(app)
        await pilot.press("equals_sign")  # nothing compared yet: said
        await wait_until(pilot, lambda: "Compare two coders first (K)." in said)
        assert not isinstance(app.screen, AgreementDialog)
        await pilot.press("K")
        await wait_until(pilot, lambda: screen.pane.compared is not None)
        for opening in ("=", "palette"):
            if opening == "=":
                await pilot.press("equals_sign")
            else:
                await command_chosen(pilot, "agreement figures")
            await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
            dialog = app.screen
            assert isinstance(dialog, AgreementDialog)
            assert [row.record() for row in dialog.rows] == printed
            lines = str(dialog.query_one("#agreement-figures", Static).render()).splitlines()
            assert [line.split()[0] for line in lines[1:4]] == ["military", "policy", "(all"]
            military = lines[1].split()
            assert military[2:5] == [
                f"{printed[0]['agreement'] * 100:.1f}%",
                f"{printed[0]['kappa']:.3f}",
                f"{printed[0]['alpha']:.3f}",
            ]
            box = dialog.query_one(".dialog-box")
            assert box.region.right <= 80 and box.region.x >= 0
            assert max(len(line) for line in lines) <= box.content_region.width
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, AgreementDialog))


async def test_the_command_the_agreement_box_names_runs_and_prints_its_figures(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The box said its figures were those "tui-reader agreement ana ben --doc" counts: a
    --doc without its document, which the shell gave back as an error. The command it
    names, run as it is written, prints the box's figures, by each unit."""
    import shlex

    from textual.widgets import Label

    from tui_reader.ui.screens.agreement import AgreementDialog

    app, db = anas_app(corpus_copy, tmp_path)
    coded(corpus_copy, db, "ana", "utter subservience", "military")
    capsys.readouterr()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await workers_done(app)
        await pilot.press("K")
        await wait_until(pilot, lambda: screen.pane.compared is not None)
        await pilot.press("equals_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        named: list[tuple[str, list[dict[str, object]]]] = []  # what it says, its figures
        for unit in ("character", "word"):
            await wait_until(pilot, lambda unit=unit: dialog.unit == unit and bool(dialog.rows))
            said = str(dialog.query_one("#agreement-said", Label).content)
            named.append((said, [row.record() for row in dialog.rows]))
            await pilot.press("u")
    for said, figures in named:  # (run out of the app, which takes what is printed)
        argv = shlex.split(said.split(" as ", 1)[1].split(" counts them", 1)[0])
        assert argv[:2] == ["tui-reader", "agreement"], said
        tail = ["--format", "json", "--db", str(db), "--corpus", str(corpus_copy)]
        assert main([*argv[1:], *tail]) == 0, said
        assert json.loads(capsys.readouterr().out) == figures, said


async def test_the_agreement_box_gives_the_command_s_figures_by_unit_and_over_the_corpus(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The box counted one document by character only, where the command counts by word,
    sentence or paragraph (--unit) and over every document either coded (no --doc). u takes
    the next unit and a every document, counted in a worker: each is the command's
    figures, row for row, and the box still fits 80 columns."""
    from textual.widgets import Static

    from tui_reader.ui.screens.agreement import AgreementDialog

    other = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
    app, db = anas_app(corpus_copy, tmp_path)
    for who, quote in (("ana", "bolster militarism"), ("ben", "militarism in the region")):
        argv = ["annotate", str(corpus_copy / other), "--quote", quote, "-t", "military"]
        assert main([*argv, "--coder", who, "--db", str(db), "--corpus", str(corpus_copy)]) == 0
    capsys.readouterr()

    def printed(unit: str, *doc: str) -> list[dict[str, object]]:
        argv = ["agreement", "ana", "ben", "--unit", unit, *doc, "--format", "json"]
        assert main([*argv, "--db", str(db), "--corpus", str(corpus_copy)]) == 0
        found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
        return found

    steps = (
        ("u", "word", False),
        ("u", "sentence", False),
        ("a", "sentence", True),
        ("u", "paragraph", True),
        ("u", "character", True),
        ("a", "character", False),
    )
    # (the command run before the app: the app's test run takes what is printed meanwhile)
    figures = {(u, e): printed(u) if e else printed(u, "--doc", DOC) for _, u, e in steps}
    async with app.run_test(size=(80, 24)) as pilot:
        await _compared(pilot)
        dialog = await screen_opened(pilot, "equals_sign", AgreementDialog)
        seen = []
        for keys, unit, every in steps:
            await pilot.press(keys)
            await wait_until(pilot, lambda: not dialog.counting)
            assert (dialog.unit, dialog.every) == (unit, every)
            expected = figures[unit, every]
            assert [row.record() for row in dialog.rows] == expected, (unit, every)
            seen.append(expected[-1]["units"])
            lines = str(dialog.query_one("#agreement-figures", Static).render()).splitlines()
            box = dialog.query_one(".dialog-box")
            assert box.region.right <= 80 and box.region.x >= 0
            assert max(len(line) for line in lines) <= box.content_region.width
            said = str(dialog.query_one("#agreement-said", Static).content)
            assert f"by {unit}" in said and ("2 documents" in said) == every
        assert len(set(seen)) == len(seen)  # each count its own


async def test_the_corpus_count_says_its_progress_and_esc_stops_it(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every document's figures are counted in a worker (seconds at 100,000 passages): the
    box says the count is under way, esc closes it at once, and the count stops there, its
    figures never made."""

    from tui_reader.core.analysis import agreement
    from tui_reader.core.documents import catalog
    from tui_reader.ui.screens.agreement import AgreementDialog

    app, _db = anas_app(corpus_copy, tmp_path)
    held = held_calls(monkeypatch, catalog, "exact_facts", 10)
    ended = ended_calls(monkeypatch, AgreementDialog, "_count")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _pane = await _compared(pilot)
        dialog = await screen_opened(pilot, "equals_sign", AgreementDialog)
        made = first_arguments(monkeypatch, agreement.Comparison, "rows")
        await pilot.press("a")
        box = dialog.query_one(".dialog-box")
        await wait_until(pilot, lambda: str(box.border_title).startswith("Agreement · "))
        assert dialog.counting and dialog.progress.endswith("…")
        await left_while_held(pilot, screen, held, ended)
        assert made == []


async def test_the_agreement_figures_say_a_coder_who_coded_nothing_in_the_document(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben coded another document, not this one: = showed a kappa of 0.000 and 0 "R only"
    with no word why, where the command says "ben coded nothing in DOC: every unit ana
    coded counts as one ben left uncoded"."""
    from textual.widgets import Label, Static

    from tui_reader.ui.screens.agreement import AgreementDialog

    db = tmp_path / "annotations.json"
    coded(corpus_copy, db, "ana", "Pentagon plan", "policy")
    other = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
    argv = ["annotate", str(corpus_copy / other), "--quote", "Ramp up Security", "-t", "policy"]
    assert main([*argv, "--coder", "ben", "--db", str(db), "--corpus", str(corpus_copy)]) == 0
    capsys.readouterr()
    assert main(["agreement", "ana", "ben", "--doc", DOC, "--db", str(db),
                 "--corpus", str(corpus_copy)]) == 0  # fmt: skip
    (said,) = capsys.readouterr().err.splitlines()
    said = said.removeprefix("tui-reader: ")
    app = ReaderApp(corpus_copy, db, corpus_copy / DOC, coder="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await _compared(pilot)
        await pilot.press("equals_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        shown = " ".join(
            str(w.content) for w in dialog.query("Label, Static") if isinstance(w, Label | Static)
        )
        assert said in " ".join(shown.split()), (said, shown)


async def test_esc_stops_the_corpus_count_while_it_places_passages_keeping_those_placed(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus count places the coded passages first when files changed since they were
    last placed ("Placing passages", seconds at 10,000 documents), and esc did not stop it
    there: it went on placing every document before it stopped.  Each document's passages
    placed are saved as it is placed, so esc now stops between two documents: the
    document placed before it keeps its passages' new places, those not reached keep their
    old ones, none is lost, and the figures are never made."""
    import threading

    from tui_reader.core.analysis import agreement
    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.core.workspace import Workspace
    from tui_reader.ui.screens.agreement import AgreementDialog

    db = tmp_path / "annotations.json"
    copies = [f"copy-{number}.txt" for number in range(4)]
    for name in copies:
        (corpus_copy / name).write_text((corpus_copy / DOC).read_text())
        for who in ("ana", "ben"):
            argv = ["annotate", str(corpus_copy / name), "--quote", "Pentagon plan", "-t", who]
            argv += ["--coder", who, "--db", str(db), "--corpus", str(corpus_copy)]
            assert main(argv) == 0
    two_coders(corpus_copy, db)
    for name in copies:  # a line written above: every passage of the copies moved
        path = corpus_copy / name
        path.write_text("A line written above.\n\n" + path.read_text())
    placed: list[str] = []
    held, reached = threading.Event(), threading.Event()
    real = Workspace._placed

    def placing(workspace: Workspace, key: str, *args: object) -> object:
        placed.append(key)
        if len(placed) == 2:  # the second document: esc comes while it is placed
            reached.set()
            held_until(held)
        return real(workspace, key, *args)  # type: ignore[arg-type]

    app = ReaderApp(corpus_copy, db, corpus_copy / DOC, coder="ana")
    ended = ended_calls(monkeypatch, AgreementDialog, "_count")
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _pane = await _compared(pilot)
        dialog = await screen_opened(pilot, "equals_sign", AgreementDialog)
        made = first_arguments(monkeypatch, agreement.Comparison, "rows")
        monkeypatch.setattr(Workspace, "_placed", placing)
        await pilot.press("a")
        await wait_until(pilot, reached.is_set)
        assert "Placing passages" in dialog.progress
        await left_while_held(pilot, screen, held, ended)
        assert made == []
    assert len(placed) == 2, placed  # stopped after the second document, the rest not placed
    store = AnnotationStore(db, read_only=True)
    try:
        annotations = store.annotations()
        assert len(annotations) == 3 + 2 * len(copies)  # none lost
        for key in placed:  # placed: saved at their new places
            text = (corpus_copy.parent / key).read_text()
            for a in store.annotations(key):
                assert text[a.start : a.end] == "Pentagon plan", (key, a)
    finally:
        store.close()


async def test_the_corpus_count_reopened_shows_its_figures_again_while_nothing_changed(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box closed and opened again counted every document again (seconds at 100,000
    passages) though nothing had changed.  Its figures are kept: shown again without a
    count while the database and the coded files are as they were; counted again once a
    passage is coded (the figures then the new ones) or a coded file is written."""
    from tui_reader.core.analysis import coder_agreement
    from tui_reader.ui.screens.agreement import AgreementDialog

    app, db = anas_app(corpus_copy, tmp_path)
    counts = count_calls(monkeypatch, coder_agreement, "coders_agreement")
    reads = count_calls(monkeypatch, coder_agreement, "coding_read")

    async def every_document(pilot: Pilot[object]) -> list[dict[str, object]]:
        dialog = await screen_opened(pilot, "equals_sign", AgreementDialog)
        await pilot.press("a")
        await wait_until(pilot, lambda: dialog.every and not dialog.counting)
        rows = [row.record() for row in dialog.rows]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, AgreementDialog))
        return rows

    async with app.run_test(size=(80, 24)) as pilot:
        await _compared(pilot)
        first = await every_document(pilot)
        assert (counts.calls, reads.calls) == (1, 1)
        assert await every_document(pilot) == first
        assert (counts.calls, reads.calls) == (1, 1)  # shown again, not counted
        coded(corpus_copy, db, "ana", "Doral, Florida", "military")  # now both coded it
        again = await every_document(pilot)
        assert (counts.calls, reads.calls) == (2, 2) and again != first
        path = corpus_copy / DOC
        path.write_text(path.read_text())  # the same text written again
        assert await every_document(pilot) == again
        assert (counts.calls, reads.calls) == (3, 3)


async def test_the_agreement_figures_count_a_passage_coded_while_comparing(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Coding a passage while two coders were compared, then =, showed the figures without
    it (its code left out of the box): the figures were those of the passages as placed
    last, before the save.  They count every passage saved, as the command does."""
    from tui_reader.ui.screens.agreement import AgreementDialog
    from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

    app, _ = anas_app(corpus_copy, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, annotated = await _compared(pilot)
        reader = annotated.reader
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.press(*"newcode", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: any("newcode" in a.tags for a in annotated.placed))
        await pilot.press("equals_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementDialog))
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        assert "newcode" in [row.tag for row in dialog.rows], [r.tag for r in dialog.rows]


async def test_the_codebook_says_whose_coding_it_counts(corpus_copy: Path, tmp_path: Path) -> None:
    """After C the codebook counted ana's coding alone (ben's code "military" at 0) and said
    nothing of it: "0 passages in 0 documents", "No passage is tagged military.", read as
    ben's coding gone.  Its count of a code's passages says whose they are, as the query view
    and the reports say it; with every coder shown, nothing more."""
    from tui_reader.ui.screens.codebook import CodebookScreen

    app, _db = anas_app(corpus_copy, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        said = []
        for whose in ("ana", "ben", None):  # only mine, ben's, all
            await pilot.press("C")
            await wait_until(pilot, lambda w=whose: app.workspace.coder_view.only == w)
            await workers_done(app)
            codebook = await screen_opened(pilot, "T", CodebookScreen)
            await wait_until(pilot, lambda c=codebook: not c.counting)
            await workers_done(app)
            await pilot.pause()
            said.append(str(codebook.counts.render()))
            if said[-1].startswith("0 passages"):
                # a code none of whose passages is shown: not said to have none
                empty = str(codebook.empty.render())
                assert empty.startswith("No passage (only mine (ana)) is tagged"), empty
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is screen)
        assert said[0].startswith("0 passages (only mine (ana)) in"), said
        assert said[1].startswith("1 passage (ben's) in"), said
        assert said[2] == "1 passage in 1 document", said  # (military: ben's Doral, Florida)


async def test_the_status_line_says_whose_annotations_it_counts(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """After C the status line counted the annotations of the coder shown and said nothing of
    it: a document ana coded read "0 annotations" with ben's shown, the note of C gone after
    three seconds, read as her work lost.  The count says whose they are while one coder's
    are shown."""
    from helpers.app import status_text

    app, _db = anas_app(corpus_copy, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await workers_done(app)
        said = []
        for whose in ("ana", "ben", None):  # only mine, ben's, all
            await pilot.press("C")
            await wait_until(pilot, lambda w=whose: app.workspace.coder_view.only == w)
            await workers_done(app)
            await pilot.pause()
            said.append(status_text(screen))
        assert said[0].endswith("1 annotation (mine)"), said
        assert said[1].endswith("2 annotations (ben's)"), said
        assert said[2].endswith("3 annotations"), said
