"""The command line on every format: list, annotate --quote, autocode, every export."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers.counting import count_calls
from helpers.format_fixtures import (
    ARROW_NOTES,
    OTTER_SRT,
    SHARED_SENTENCE,
    TRANSCRIPT_TXT,
    ZOOM_VTT,
    make_epub,
    make_format_corpus,
    make_image_only_pdf,
    make_pdf,
    make_xlsx,
    pdf_lines_of_shared_sentence,
    pdf_paragraphs,
)
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.documents import conversion_limit

FORMATS = ["pdf", "docx", "odt", "epub", "html", "rtf", "vtt", "srt"]


@pytest.fixture(autouse=True)
def _converted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands convert in this process (``TUI_READER_CONVERT_SECONDS=0``): each test
    converted the corpus's eight documents again in as many children (~45 ms of CPU each),
    where what it reads is what the command makes of their text.  The child's part, each
    format's result sent back whole and its limits, is tested in the conversion limit's own
    tests; a test here that sets a limit converts under it, in the child."""
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0")


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "corpus"
    make_format_corpus(folder)
    return folder


@pytest.fixture
def corpus(corpus_template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "corpus"
    shutil.copytree(corpus_template, target)
    return target


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_shows_format_pages_and_metadata(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_pdf(corpus / "locked.pdf", pdf_paragraphs(1), encrypt="pw")
    make_image_only_pdf(corpus / "scan.pdf")
    status, out, err = cli(capsys, "list", str(corpus), "--db", str(corpus.parent / "db.json"))
    assert status == 2  # two PDFs could not be read (the rest listed)
    lines = dict(line.split("\t", 1) for line in out.splitlines())
    assert re.fullmatch(r"Border Lives\t\d+ words · PDF · 3 pages", lines["report.pdf"])
    assert lines["interview.docx"].startswith("Interview 7\t") and "Word" in lines["interview.docx"]
    assert set(lines) == {p.name for p in make_format_corpus_names(corpus)}
    assert "locked.pdf: encrypted PDF: it needs a password" in err
    assert "scan.pdf: no text layer: scanned? run OCR first" in err
    status, out, _ = cli(
        capsys, "list", str(corpus), "--json", "--db", str(corpus.parent / "db.json")
    )
    rows = {row["path"]: row for row in json.loads(out)}
    assert rows["report.pdf"]["pages"] == 3 and rows["report.pdf"]["format"] == "pdf"
    assert rows["report.pdf"]["metadata"]["author"] == "Ana Researcher"
    assert rows["page.html"]["metadata"]["url"] == "https://bordertimes.example/news/checkpoints"
    assert rows["call.vtt"]["metadata"]["speakers"] == "Interviewer, P03"


def make_format_corpus_names(corpus: Path) -> list[Path]:
    return [p for p in corpus.iterdir() if p.suffix != ".pdf" or p.name == "report.pdf"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_annotate_quote_and_every_export(
    corpus: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    doc = next(p for p in corpus.iterdir() if p.suffix.lstrip(".") == fmt)
    db = str(corpus.parent / "db.json")
    status, out, err = cli(
        capsys, "annotate", str(doc), "--quote", SHARED_SENTENCE, "--tag", "papers", "--db", db
    )
    assert status == 0, err
    status, markdown, err = cli(capsys, "export", str(corpus), "--db", db)
    assert status == 0, err
    assert f"> {SHARED_SENTENCE}" in markdown
    for export_format in ("json", "csv", "w3c", "qdc"):
        status, out, err = cli(capsys, "export", str(corpus), "--format", export_format, "--db", db)
        assert status == 0, (export_format, err)
        if export_format != "qdc":
            assert SHARED_SENTENCE in out
    target = corpus.parent / "project.qdpx"
    status, _, err = cli(
        capsys, "export", str(corpus), "--format", "qdpx", "-o", str(target), "--db", db
    )
    assert status == 0, err
    with zipfile.ZipFile(target) as box:
        project = box.read("project.qde").decode("utf-8")
    assert "papers" in project


def test_pdf_exports_cite_the_page_of_a_sentence_broken_over_two_lines(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(pdf_lines_of_shared_sentence()) == 2  # the PDF breaks the sentence
    db = str(corpus.parent / "db.json")
    pdf = str(corpus / "report.pdf")
    assert (
        cli(capsys, "annotate", pdf, "--quote", SHARED_SENTENCE, "--tag", "t", "--db", db)[0] == 0
    )
    _, markdown, _ = cli(capsys, "export", str(corpus), "--db", db)
    assert "- Location: p. 1 · " in markdown
    _, table, _ = cli(capsys, "export", str(corpus), "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert rows[0]["page"] == "1" and rows[0]["content"] == SHARED_SENTENCE


def test_transcript_exports_cite_speaker_and_time(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(corpus.parent / "db.json")
    vtt = str(corpus / "call.vtt")
    assert (
        cli(capsys, "annotate", vtt, "--quote", SHARED_SENTENCE, "--tag", "t", "--db", db)[0] == 0
    )
    _, markdown, _ = cli(capsys, "export", str(corpus), "--db", db)
    assert "- Location: \\[00:07:15] P03 · line" in markdown
    _, table, _ = cli(capsys, "export", str(corpus), "--format", "csv", "--db", db)
    row = next(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert (row["speaker"], row["timestamp"]) == ("P03", "00:07:15")


def test_transcripts_saved_as_text_are_listed_searched_and_exported_as_transcripts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Zoom's and Otter's downloads saved as .txt: their timings and cue numbers were the
    # text, listed, searched and exported as words; a text merely holding an arrow is text.
    corpus, db = text_corpus(
        tmp_path,
        {"zoom.txt": ZOOM_VTT, "otter.txt": OTTER_SRT.encode(), "notes.txt": ARROW_NOTES},
    )
    _, listed, _ = cli(capsys, "list", str(corpus), "--db", db)
    rows = [line.split("\t") for line in listed.splitlines()]
    kinds = {name: facts.split(" · ")[1:] for name, _title, facts in rows}
    assert kinds == {"notes.txt": [], "otter.txt": ["SubRip"], "zoom.txt": ["WebVTT"]}
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    _, found, _ = cli(capsys, "search", " -->", ".", "--db", db)
    assert [line.split(":")[0] for line in found.splitlines()] == ["notes.txt", "notes.txt"]
    zoom = str(corpus / "zoom.txt")
    quote = "I came in 2015 with my brother."
    assert cli(capsys, "annotate", zoom, "--quote", quote, "--tag", "t", "--db", db)[0] == 0
    _, table, _ = cli(capsys, "export", str(corpus), "--format", "csv", "--db", db)
    row = next(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert (row["speaker"], row["timestamp"], row["line"]) == ("Ben Park", "00:00:14", "7")


@pytest.mark.parametrize("name", ["zoom.vtt", "zoom.txt"])
def test_a_passage_in_a_later_cue_of_a_turn_is_exported_at_that_cue_s_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # Ben Park's answer goes on in a second cue, 20 seconds later: its sentence was exported
    # at the turn's first cue, "00:00:14"; saved as .txt, as Zoom's download often is, the
    # export found the places in the converted text's labels, not in the cues, and kept
    # that time when the WebVTT file had the cue's.
    later = "Then my mother came too, in 2017."
    vtt = ZOOM_VTT + f"\n5\n00:00:34.100 --> 00:00:38.000\nBen Park: {later}\n"
    corpus, db = text_corpus(tmp_path, {name: vtt})
    path = str(corpus / name)
    assert cli(capsys, "annotate", path, "--quote", later, "--tag", "t", "--db", db)[0] == 0
    for _ in range(2):  # the places found, then as kept for the next export
        _, table, err = cli(capsys, "export", str(corpus), "--format", "csv", "--db", db)
        row = next(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
        assert (row["speaker"], row["timestamp"]) == ("Ben Park", "00:00:34"), err
        _, markdown, _ = cli(capsys, "export", str(corpus), "--db", db)
        assert "- Location: \\[00:00:34] Ben Park · line 7 · " in markdown


@pytest.mark.parametrize(("name", "sep"), [("interview.tsv", "\t"), ("interview.csv", ",")])
def test_a_transcript_exported_as_tsv_or_csv_is_read_as_a_transcript(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    sep: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A transcript as transcription services export it, named .tsv or .csv, was refused
    # ("unsupported file type '.tsv'") by list, search and autocode, though the same rows in
    # a .txt were read, turns and all.
    rows = "".join(
        sep.join(row) + "\n"
        for row in [
            ("Speaker", "Start time", "Text"),
            ("Speaker 1", "00:00:01", "Where did you sleep that night?"),
            ("Speaker 2", "00:00:05", '"Under the bridge, near the market."'),
            ("Speaker 1", "00:00:12", "And in the morning?"),
            ("Speaker 2", "00:00:15", "We walked to the shelter."),
        ]
    )
    corpus, db = text_corpus(tmp_path, {name: rows.encode()})
    status, listed, err = cli(capsys, "list", str(corpus), "--json", "--db", db)
    assert status == 0, err
    (row,) = json.loads(listed)
    assert (row["path"], row["format"]) == (name, name[-3:])
    assert row["metadata"]["speakers"] == "Speaker 1, Speaker 2"
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    _, found, _ = cli(capsys, "search", "shelter", ".", "--db", db)
    assert found == f"{name}:7: [00:00:15] Speaker 2: We walked to the shelter.\n"
    status, out, err = cli(
        capsys, "autocode", "--speaker", "Speaker 2", "--tag", "s2", str(corpus), "--db", db
    )
    assert (status, out.strip()) == (0, "2"), err
    _, table, _ = cli(capsys, "export", str(corpus), "--format", "csv", "--db", db)
    coded = csv.DictReader(io.StringIO(table.lstrip("\ufeff")))
    assert [(r["content"], r["timestamp"]) for r in coded] == [
        ("Under the bridge, near the market.", "00:00:05"),
        ("We walked to the shelter.", "00:00:15"),
    ]


def test_a_survey_s_answers_saved_as_an_excel_workbook_are_listed_searched_and_coded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Microsoft Forms exports a survey's answers as a workbook alone: list, search,
    # annotate and the exports refused it ("unsupported file type '.xlsx'").
    corpus, db = text_corpus(tmp_path, {})
    make_xlsx(
        corpus / "answers.xlsx",
        [
            (
                "Form1",
                [
                    ["ID", "Start time", "What brought you here?"],
                    [1, ("datetime", 45356.5), "The rain, and the work."],
                    [2, ("datetime", 45357.5), "My sister, who crossed first."],
                ],
            )
        ],
    )
    status, listed, err = cli(capsys, "list", str(corpus), "--json", "--db", db)
    assert status == 0, err
    (row,) = json.loads(listed)
    assert (row["path"], row["format"]) == ("answers.xlsx", "xlsx")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    _, found, _ = cli(capsys, "search", "sister", ".", "--db", db)
    assert found == "answers.xlsx:3: 2 │ 2024-03-06 12:00 │ My sister, who crossed first.\n"
    status, _, err = cli(
        capsys, "annotate", "answers.xlsx", "--quote", "who crossed first", "-t", "family",
        "--db", db,
    )  # fmt: skip
    assert status == 0, err
    _, table, _ = cli(capsys, "export", str(corpus), "--format", "csv", "--db", db)
    coded = csv.DictReader(io.StringIO(table.lstrip("\ufeff")))
    assert [(r["content"], r["tag"]) for r in coded] == [("who crossed first", "family")]


def test_autocode_by_speaker_codes_a_csv_turn_s_translation_not_its_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A CSV transcript's notes column ("inaudible after this") was coded as the speaker's
    # words by autocode --speaker, and a pattern found in a note was counted as theirs.
    # What was said and its translation are the speaker's; the notes, written after them,
    # are the turn's for citing, no one's words.
    rows = (
        "Speaker,Start,Text,Notes,Translation\n"
        "Ana,00:00:01,Dormimos bajo el puente.,inaudible after this,We slept under the bridge.\n"
        "Bo,00:00:05,¿Dónde dormiste?,,Where did you sleep?\n"
    )
    corpus, db = text_corpus(tmp_path, {"interview.csv": rows.encode()})
    status, out, err = cli(
        capsys, "autocode", "--speaker", "Ana", "--tag", "ana", str(corpus), "--db", db
    )
    assert (status, out.strip()) == (0, "1"), err
    status, out, err = cli(
        capsys, "autocode", "inaudible", "--speaker", "Ana", "--tag", "x", str(corpus), "--db", db
    )
    assert out.strip() == "0", err
    _, exported, _ = cli(capsys, "export", str(corpus), "--format", "json", "--db", db)
    assert [a["quote"] for a in json.loads(exported)] == [
        "Dormimos bajo el puente.\nTranslation: We slept under the bridge."
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_autocode_finds_the_sentence_in_every_format(
    corpus: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    doc = next(p for p in corpus.iterdir() if p.suffix.lstrip(".") == fmt)
    db = str(corpus.parent / "db.json")
    status, out, err = cli(
        capsys, "autocode", "every checkpoint", str(corpus), "--doc", str(doc), "--tag", "c",
        "--unit", "sentence", "--db", db,
    )  # fmt: skip
    assert (status, out.strip()) == (0, "1"), err
    _, exported, _ = cli(capsys, "export", str(corpus), "--format", "json", "--db", db)
    quotes = [a["quote"] for a in json.loads(exported)]
    assert quotes == [SHARED_SENTENCE]


def test_autocode_speaker_takes_the_name_however_a_transcript_spells_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One study's transcripts label the interviewer "INTERVIEWER" in one and "Interviewer"
    # in another, and a researcher types "Lucia Fernandez" for "Lucía Fernández": autocode
    # --speaker compared names as typed, coded one transcript of two and none of hers, and
    # said "no match".  A name is compared as text attributes are: case and accents aside.
    texts = {
        "one.txt": (
            "INTERVIEWER: Where were you in June?\n\nLucía Fernández: In Washington.\n\n"
            "INTERVIEWER: Who decided?\n\nLucía Fernández: Both sides did.\n"
        ),
        "two.txt": (
            "Interviewer: Were the tariffs certain?\n\nLUCÍA FERNÁNDEZ: They were presented so.\n\n"
            "Interviewer: And the Guard?\n\nLUCÍA FERNÁNDEZ: It already existed.\n"
        ),
    }
    corpus, db = text_corpus(tmp_path, texts, "c")
    for name, tag in (("interviewer", "int"), ("Lucia  Fernandez", "lf")):
        status, out, err = cli(
            capsys, "autocode", "--speaker", name, "--tag", tag, "--db", db, "--corpus",
            str(corpus),
        )  # fmt: skip
        assert (status, out.strip()) == (0, "4"), err
    _, exported, _ = cli(capsys, "export", str(corpus), "--format", "json", "--db", db)
    coded = sorted((a["tags"][0], a["quote"]) for a in json.loads(exported))
    assert coded == [
        ("int", "And the Guard?"), ("int", "Were the tariffs certain?"),
        ("int", "Where were you in June?"), ("int", "Who decided?"),
        ("lf", "Both sides did."), ("lf", "In Washington."),
        ("lf", "It already existed."), ("lf", "They were presented so."),
    ]  # fmt: skip


def test_autocode_of_a_speaker_no_transcript_names_says_the_speakers_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name misspelled ("Carlos Mendes" for "Carlos Méndez"), or a label the transcripts
    # write otherwise ("Int." for "Interviewer"), said "no match" and no more: the
    # researcher had to open each transcript to find how its speakers are written.
    texts = {
        "one.txt": (
            "Interviewer: Where were you in June?\n\nCarlos Méndez: In Guatemala City.\n\n"
            "Interviewer: Who decided?\n\nCarlos Méndez: Washington did.\n"
        ),
        "notes.txt": "Plain notes, no one speaking.\n",
    }
    corpus, db = text_corpus(tmp_path, texts, "c")
    status, out, err = cli(
        capsys, "autocode", "--speaker", "Carlos Mendes", "-t", "c", "--db", db, "--corpus",
        str(corpus),
    )  # fmt: skip
    assert (status, out.strip()) == (1, "0")
    assert err.splitlines()[-1] == "tui-reader: the speakers there: Interviewer, Carlos Méndez"
    status, out, err = cli(  # a speaker there, who never says it: "no match" alone
        capsys, "autocode", "Paris", "--speaker", "interviewer", "-t", "c", "--db", db,
        "--corpus", str(corpus),
    )  # fmt: skip
    assert status == 1 and len(err.splitlines()) == 1, err
    (corpus / "one.txt").unlink()
    status, out, err = cli(
        capsys, "autocode", "--speaker", "Carlos", "-t", "c", "--db", db, "--corpus",
        str(corpus),
    )  # fmt: skip
    assert (status, err.splitlines()[-1]) == (
        1, "tui-reader: no document there names a speaker (none reads as a transcript)"
    )  # fmt: skip


def test_autocode_speaker_codes_every_turn_without_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = text_corpus(tmp_path, {"interview.txt": TRANSCRIPT_TXT}, "c")
    status, out, err = cli(
        capsys, "autocode", "--speaker", "P03", "--tag", "p03", "--db", db, "--corpus", str(corpus)
    )
    assert (status, out.strip()) == (0, "2"), err
    status, out, err = cli(
        capsys, "autocode", "bus", str(corpus), "--speaker", "P03", "--unit", "sentence",
        "--tag", "bus", "--db", db,
    )  # fmt: skip
    assert (status, out.strip()) == (0, "3"), err
    _, exported, _ = cli(capsys, "export", str(corpus), "--format", "json", "--db", db)
    annotations = json.loads(exported)
    by_tag = {}
    for a in annotations:
        for tag in a["tags"]:
            by_tag.setdefault(tag, []).append(a["quote"])
    assert by_tag["p03"][0].startswith("By bus, mostly.") and "P03:" not in by_tag["p03"][0]
    assert by_tag["bus"] == [
        "By bus, mostly.",
        "They stopped the bus.",
        "Nobody had papers, so they\ntook us all off the bus.",
    ]
    status, _, err = cli(capsys, "autocode", "--tag", "x", "--db", db, "--corpus", str(corpus))
    assert status != 0 and "PATTERN" in err


def test_corpus_search_finds_the_sentence_in_every_format(corpus: Path) -> None:
    from tui_reader.core.search.corpus import CorpusTexts, search_corpus
    from tui_reader.core.workspace import Workspace

    workspace = Workspace(corpus, corpus.parent / "db.json")
    texts = CorpusTexts(workspace)
    try:
        keys = workspace.keys()  # a workspace's readable documents (not a dict)
        documents = [(key, *texts.get(key)) for key in keys]
        results = search_corpus(documents, "every checkpoint")
    finally:
        texts.pack.close()  # the file its texts were written to as they were read
        workspace.store.close()
    found = {Path(hit.key).suffix.lstrip(".") for hit in results.hits}
    assert found == set(FORMATS)


def test_list_reports_a_file_whose_conversion_is_stopped(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (corpus / "plain.txt").write_text("Plain text is not converted.\n")
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0.001")
    main(["list", str(corpus), "--db", str(tmp_path / "db.json")])
    captured = capsys.readouterr()
    stopped = [line for line in captured.err.splitlines() if "conversion stopped after" in line]
    assert any(line.startswith("tui-reader: report.pdf: PDF conversion") for line in stopped)
    assert any("interview.docx: Word conversion stopped" in line for line in stopped)
    assert "plain.txt\t" in captured.out  # the rest is still listed


def test_a_file_that_cannot_be_read_is_said_again_without_converting_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scanned PDF, an encrypted one and a damaged Word file were converted again by every
    command (3 to 4 s each on a busy machine, the converters' server started for them)."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "notes.txt").write_text("Field notes of the first visit.\n")
    make_image_only_pdf(folder / "scan.pdf")
    make_pdf(folder / "locked.pdf", pdf_paragraphs(1), encrypt="pw")
    (folder / "damaged.docx").write_bytes(b"PK\x03\x04 cut off when copied")
    listing = ("list", str(folder), "--db", str(tmp_path / "db.json"))
    first = cli(capsys, *listing)
    assert first[0] == 2 and len(first[2].splitlines()) == 3, first
    conversions = count_calls(monkeypatch, conversion_limit, "convert_in_time")
    assert cli(capsys, *listing) == first  # the same lines, the same status
    assert conversions.calls == 0
    # The scan replaced by a copy with its text, the locked file edited: each tried again.
    make_pdf(folder / "scan.pdf", pdf_paragraphs(1))
    make_pdf(folder / "locked.pdf", pdf_paragraphs(2), encrypt="pw")
    status, out, err = cli(capsys, *listing)
    assert status == 2 and conversions.calls == 2
    assert "scan.pdf\t" in out and "scan.pdf" not in err
    assert "locked.pdf: encrypted PDF: it needs a password" in err


def test_a_conversion_stopped_by_its_limit_is_tried_again(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A busy machine may stop a conversion: that is no answer on the file, kept for later."""
    listing = ("list", str(corpus), "--db", str(tmp_path / "db.json"))
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0.001")
    assert "report.pdf: PDF conversion stopped after" in cli(capsys, *listing)[2]
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "inf")
    status, out, err = cli(capsys, *listing)
    assert status == 0, err
    assert "report.pdf\t" in out and "interview.docx\t" in out


def test_an_endless_conversion_limit_converts_and_lists_every_file(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "inf")
    status = main(["list", str(corpus), "--db", str(tmp_path / "db.json")])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "report.pdf\t" in captured.out
    assert "interview.docx\t" in captured.out


def test_search_names_the_missing_chapter_of_an_epub_read_in_part(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # list said the chapter was left out; search, searching the rest, said nothing, and
    # "nothing found" read as "not in the book".
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    chapters = [("One", "The border was far.")]
    make_epub(corpus / "book.epub", chapters, missing=["gone%1B%5B31m.xhtml"])
    (corpus / "notes.txt").write_text("The border was near.\n")
    said = [
        "tui-reader: book.epub: 1 part of its reading order missing from the file, "
        "left out: OEBPS/gone␛[31m.xhtml"
    ]
    db = str(tmp_path / "db.json")
    for _ in range(2):  # read, then from the texts kept
        monkeypatch.chdir(corpus)  # the names printed are paths from here
        status, out, err = cli(capsys, "search", "border", ".", "--db", db)
        assert (status, err.splitlines()) == (0, said)
        assert out.splitlines()[1] == "notes.txt:1: The border was near."
        status, out, err = cli(capsys, "search", "-l", "checkpoint", ".", "--db", db)
        assert (status, out, err.splitlines()) == (1, "", said)  # as grep's: none found
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "searched in part" in " ".join(capsys.readouterr().out.split())  # the help says it


def test_list_names_the_missing_chapter_of_an_epub_read_in_part(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The name of the missing part holds an escape sequence: it reaches the terminal shown.
    book = corpus / "book.epub"
    with zipfile.ZipFile(book) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    opf = parts["OEBPS/content.opf"].decode()
    parts["OEBPS/content.opf"] = (
        opf.replace(
            "</manifest>",
            '<item id="gone" href="gone%1B%5B31m.xhtml" media-type="application/xhtml+xml"/>'
            "</manifest>",
        )
        .replace("</spine>", '<itemref idref="gone"/></spine>')
        .encode()
    )
    with zipfile.ZipFile(book, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    db = str(corpus.parent / "db.json")
    for _ in range(2):  # read, then from the facts cache
        status, out, err = cli(capsys, "list", str(corpus), "--db", db)
        assert status == 0 and "book.epub\t" in out, err
        assert err.splitlines() == [
            "tui-reader: book.epub: 1 part of its reading order missing from the file, "
            "left out: OEBPS/gone␛[31m.xhtml"
        ]
