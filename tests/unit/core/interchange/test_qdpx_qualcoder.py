"""A project export as QualCoder's REFI-QDA import reads it (``tests/helpers/qualcoder.py``):
what lands where in QualCoder."""

from __future__ import annotations

import io
import zipfile
from itertools import cycle
from pathlib import Path
from xml.etree import ElementTree

from helpers import examples
from helpers.qualcoder import qualcoder_export, qualcoder_import
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.documents.document import parse_document
from tui_reader.core.interchange import ExportOptions, get_format
from tui_reader.core.interchange.merge import memo_additions
from tui_reader.core.interchange.qdpx_read import read_codebook, read_refi_project
from tui_reader.core.interchange.refi import as_described_here

TEXT = "Interview 1 - Ana, Tapachula\n\nThe checkpoints moved closer to town.\n"
DOCUMENT = parse_document(TEXT.encode(), Path("int-1.txt"))
ANNOTATION = make_annotation("int-1.txt", TEXT, 30, 45, DOCUMENT.sha256, ("border",))


def exported(options: ExportOptions | None = None) -> bytes:
    options = options or ExportOptions(exported_at="2026-01-04T00:00:00Z")
    data = get_format("qdpx").render([ANNOTATION], {"int-1.txt": DOCUMENT}, [], options)
    assert isinstance(data, bytes)
    return data


def test_a_documents_title_is_not_its_memo_in_qualcoder() -> None:
    """The document's title was written as its source's ``Description``, which QualCoder
    takes for the file's memo: every document arrived there with a memo no one wrote, its
    first line.  QualCoder shows the source's name (the file name); the title goes nowhere."""
    project = qualcoder_import(exported())
    assert project.file_memos == {"int-1.txt": ""}
    assert project.codings == [("int-1.txt", "The checkpoints", "", "border")]


DOCUMENT_MEMO = Memo(
    MemoKind.DOCUMENT, "int-1.txt", "# Shy\nSpoke *little*.", created="2026-01-02T10:00:00Z"
)


def test_a_documents_memo_is_the_files_memo_in_qualcoder() -> None:
    """A document's memo was a note its source referred to, which QualCoder's import takes
    for an annotation of a passage and, holding none, leaves out: the memo was lost there,
    without a word.  It is the source's ``Description`` too, QualCoder's file memo, and makes
    no journal entry there."""
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=[DOCUMENT_MEMO])
    project = qualcoder_import(exported(options))
    assert project.file_memos == {"int-1.txt": "# Shy\nSpoke *little*."}
    assert project.journals == {}


def test_a_files_memo_qualcoder_wrote_is_the_documents_memo() -> None:
    """QualCoder writes a file's memo as its source's ``Description`` (and no note): read
    back, it is the document's memo, once; a project of ours brings its document memos from
    the notes, the ``Description`` beside them not a second memo."""
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=[DOCUMENT_MEMO])
    ours = read_refi_project(exported(options), Path("p.qdpx"))
    assert [(m.kind, m.target, m.text, m.id) for m in ours.memos] == [
        (MemoKind.DOCUMENT, "int-1.txt", DOCUMENT_MEMO.text, DOCUMENT_MEMO.id)
    ]
    theirs = read_refi_project(qualcoder_export(exported(options)), Path("p.qdpx"))
    assert [(m.kind, m.target, m.text) for m in theirs.memos] == [
        (MemoKind.DOCUMENT, "int-1.txt", DOCUMENT_MEMO.text)
    ]


CODES = [Tag("border", description="Crossings"), Tag("army")]
CODE_MEMOS = [
    Memo(MemoKind.CODE, "border", "Troops at night.\nSecond line.", created="2026-01-02T11:00:00Z"),
    Memo(MemoKind.CODE, "army", "# Army\n\nOnly a memo.", created="2026-01-02T12:00:00Z"),
]
CODED = make_annotation("int-1.txt", TEXT, 30, 45, DOCUMENT.sha256, ("border", "army"))


def coded(memos: list[Memo]) -> bytes:
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=memos)
    data = get_format("qdpx").render([CODED], {"int-1.txt": DOCUMENT}, CODES, options)
    assert isinstance(data, bytes)
    return data


def test_a_codes_memo_is_the_codes_memo_in_qualcoder() -> None:
    """A code's memo was a note only, which QualCoder's import, reading a code's memo from
    the code's ``Description``, made a journal entry ("Code memo: border"): the code had no
    memo there.  The code's ``Description`` holds its description, then its memo below a
    rule; the note is no journal entry there."""
    project = qualcoder_import(coded(CODE_MEMOS))
    assert project.code_memos == {
        "border": "Crossings\n\n---\n\nTroops at night.\nSecond line.",
        "army": "# Army\n\nOnly a memo.",
    }
    assert project.journals == {}


def test_a_codes_memo_comes_back_from_qualcoder_and_from_our_project() -> None:
    """Read back, the code's memo is its memo and its description its description, from a
    project of ours (the memo from its note, with its id) and from the project QualCoder
    writes again (the memo from the ``Description`` alone)."""
    ours = read_refi_project(coded(CODE_MEMOS), Path("p.qdpx"))
    assert {t.name: t.description for t in ours.tags} == {"border": "Crossings", "army": ""}
    assert {(m.target, m.text, m.id) for m in ours.memos} == {
        (m.target, m.text, m.id) for m in CODE_MEMOS
    }
    theirs = read_refi_project(qualcoder_export(coded(CODE_MEMOS)), Path("p.qdpx"))
    assert {t.name: t.description for t in theirs.tags} == {"border": "Crossings", "army": ""}
    assert {(m.kind, m.target, m.text) for m in theirs.memos} == {
        (m.kind, m.target, m.text) for m in CODE_MEMOS
    }


def test_a_project_of_ours_written_before_keeps_its_code_descriptions_and_memos() -> None:
    """A project exported before code memos went into the code's ``Description``: its
    ``Description`` is the description alone, its memo a note the code refers to."""
    old = coded(CODE_MEMOS[:1])
    archive = zipfile.ZipFile(io.BytesIO(old))
    xml = archive.read("project.qde").decode()
    xml = xml.replace("Crossings\n\n---\n\nTroops at night.\nSecond line.", "Crossings")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as written:
        written.writestr("project.qde", xml)
        for name in archive.namelist()[1:]:
            written.writestr(name, archive.read(name))
    project = read_refi_project(buffer.getvalue(), Path("p.qdpx"))
    assert {t.name: t.description for t in project.tags} == {"border": "Crossings", "army": ""}
    assert [(m.target, m.text) for m in project.memos] == [("border", CODE_MEMOS[0].text)]


def test_journal_entries_of_one_day_each_arrive_in_qualcoder() -> None:
    """Two journal entries written on one day were two notes of one name ("Journal
    2026-01-03"), and QualCoder's import stopped at the second (it means to number a name
    an entry has, and raises instead): the notes after it, the cases and the sets never
    arrived.  Each note of a project has a name of its own."""
    entries = [
        Memo(MemoKind.JOURNAL, "", "Morning.", created="2026-01-03T09:00:00Z"),
        Memo(MemoKind.JOURNAL, "", "Evening.", created="2026-01-03T18:00:00Z"),
        Memo(MemoKind.JOURNAL, "", "Undated.", created=""),
        Memo(MemoKind.JOURNAL, "", "Undated too.", created=""),
    ]
    project = qualcoder_import(coded(entries))
    assert sorted(project.journals.values()) == sorted(m.text for m in entries)
    back = read_refi_project(coded(entries), Path("p.qdpx")).memos
    assert sorted(m.text for m in back) == sorted(m.text for m in entries)


def test_the_project_memo_qualcoder_wrote_is_a_journal_entry() -> None:
    """QualCoder writes the project's memo as the project's ``Description``, which the import
    left out without a word.  It is a journal entry, headed as the project's memo, once
    however often it is imported."""
    data = qualcoder_export(coded([]), project_memo="Aims: two sites.\nMethod: interviews.")
    memos = read_refi_project(data, Path("p.qdpx")).memos
    assert [(m.kind, m.text) for m in memos] == [
        (MemoKind.JOURNAL, "# Project memo\n\nAims: two sites.\nMethod: interviews.")
    ]
    assert read_refi_project(data, Path("p.qdpx")).memos[0].id == memos[0].id
    assert read_refi_project(qualcoder_export(coded([])), Path("p.qdpx")).memos == []


def test_a_codebook_carries_the_code_memos_qualcoder_reads() -> None:
    """A codebook (``.qdc``) left the codes' memos out: QualCoder, importing it, reads a
    code's memo from the code's ``Description`` and found the description alone.  The
    codebook's codes carry their memos as a project's do, and importing it brings them."""
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=CODE_MEMOS)
    book = get_format("qdc").render([CODED], {"int-1.txt": DOCUMENT}, CODES, options)
    assert isinstance(book, str)
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    root = ElementTree.fromstring(book)
    read = {
        c.get("name"): c.findtext("q:Description", "", ns) for c in root.iter(f"{{{ns['q']}}}Code")
    }
    assert read == {
        "border": "Crossings\n\n---\n\nTroops at night.\nSecond line.",
        "army": "# Army\n\nOnly a memo.",
    }
    memos: list[Memo] = []
    tags = read_codebook(book.encode(), Path("c.qdc"), memos=memos)
    assert {t.name: t.description for t in tags} == {"border": "Crossings", "army": ""}
    assert {(m.kind, m.target, m.text) for m in memos} == {
        (m.kind, m.target, m.text) for m in CODE_MEMOS
    }


def test_a_categorys_memo_is_the_categorys_memo_in_qualcoder_alone() -> None:
    """The memo of a code that is a category here (``security`` of ``security/border``, no
    code of its own) was the category's memo in QualCoder and a journal entry too: its note
    kept a file, as the memo of a code the codebook lacks does."""
    memo = Memo(MemoKind.CODE, "security", "Control.", created="2026-01-02T11:00:00Z")
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=[memo])
    annotation = make_annotation("int-1.txt", TEXT, 30, 45, DOCUMENT.sha256, ("security/border",))
    data = get_format("qdpx").render([annotation], {"int-1.txt": DOCUMENT}, [], options)
    assert isinstance(data, bytes)
    project = qualcoder_import(data)
    assert project.category_memos == {"security": "Control."}
    assert project.journals == {}
    back = read_refi_project(data, Path("p.qdpx")).memos
    assert [(m.kind, m.target, m.text) for m in back] == [(MemoKind.CODE, "security", "Control.")]


def test_a_code_with_a_note_keeps_a_description_of_lines_whole() -> None:
    """A tool writing a code's memo as a note (MAXQDA) and its description of several lines
    as the ``Description``: the note is the memo, and the ``Description`` the description,
    whole (parting it as QualCoder's code memo left it nowhere)."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="MAXQDA 24"><CodeBook><Codes><Code guid="C1" name="border" '
        'isCodable="true"><Description>Crossings.\nAt night too.</Description>'
        '<NoteRef targetGUID="N1"/></Code></Codes></CodeBook><Notes>'
        '<Note guid="N1" name="border"><PlainTextContent>A memo.</PlainTextContent></Note>'
        "</Notes></Project>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
    project = read_refi_project(buffer.getvalue(), Path("p.qdpx"))
    assert [(t.name, t.description) for t in project.tags] == [
        ("border", "Crossings.\nAt night too.")
    ]
    assert [(m.kind, m.target, m.text) for m in project.memos] == [
        (MemoKind.CODE, "border", "A memo.")
    ]


def test_a_sources_description_beside_its_memo_note_is_kept() -> None:
    """A source another tool gave a ``Description`` and a memo as a note: the note was the
    document's memo and the ``Description`` went nowhere, without a word.  The memo begins
    with it."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="MAXQDA 24"><Sources><TextSource guid="S1" name="a.txt">'
        "<Description>Ana, Tapachula.</Description><PlainTextContent>text</PlainTextContent>"
        '<NoteRef targetGUID="N1"/></TextSource></Sources><Notes>'
        '<Note guid="N1" name="a"><PlainTextContent>Spoke little.</PlainTextContent></Note>'
        "</Notes></Project>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
    project = read_refi_project(buffer.getvalue(), Path("p.qdpx"))
    assert [(m.kind, m.target, m.text, m.id) for m in project.memos] == [
        (MemoKind.DOCUMENT, "a.txt", "Ana, Tapachula.\n\nSpoke little.", "N1")
    ]


def test_a_cases_memo_qualcoder_wrote_is_a_journal_entry() -> None:
    """QualCoder writes a case's memo as the case's ``Description``; tui-reader has no cases
    (their variables go to their sources' documents), and the memo was left out without a
    word.  It is a journal entry headed by the case's name, once however often imported."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="QualCoder 4.0 Beta"><Cases><Case guid="K1" name="Anna">'
        "<Description>Met twice, at the bridge.</Description></Case>"
        '<Case guid="K2" name="Ben"><Description /></Case></Cases></Project>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
    memos = read_refi_project(buffer.getvalue(), Path("p.qdpx")).memos
    assert [(m.kind, m.text) for m in memos] == [
        (MemoKind.JOURNAL, "# Case: Anna\n\nMet twice, at the bridge.")
    ]
    assert read_refi_project(buffer.getvalue(), Path("p.qdpx")).memos[0].id == memos[0].id


def test_annotations_of_one_passage_coder_and_code_arrive_in_qualcoder_joined() -> None:
    """Two annotations of one passage by one coder with one code were two selections:
    QualCoder loads one coding of a code per passage and coder, and the second was dropped
    with its note; two of one passage without a code stopped its import.  Each such pair is
    one selection, with the codes of both and both notes; a code of its own, or another
    coder's, stays a selection of its own."""
    rows = [
        (("border",), "First look.", "ana"),
        (("border", "army"), "Second look.", "ana"),
        (("police",), "Police too.", "ana"),
        ((), "Just a note.", "ana"),
        ((), "Another note.", "ana"),
        (("border",), "Ben's look.", "ben"),
    ]
    annotations = [
        make_annotation("int-1.txt", TEXT, 30, 45, DOCUMENT.sha256, tags, note, coder).evolve(
            created=f"2026-01-02T10:0{minute}:00Z", updated=f"2026-01-02T10:0{minute}:00Z"
        )
        for minute, (tags, note, coder) in enumerate(rows)
    ]
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z")
    data = get_format("qdpx").render(annotations, {"int-1.txt": DOCUMENT}, [], options)
    assert isinstance(data, bytes)
    project = qualcoder_import(data)
    assert project.dropped == 0
    joined = "First look.\n\nSecond look."
    assert sorted(project.codings) == sorted(
        [
            ("int-1.txt", "The checkpoints", joined, "border"),
            ("int-1.txt", "The checkpoints", joined, "army"),
            ("int-1.txt", "The checkpoints", "Police too.", "police"),
            ("int-1.txt", "The checkpoints", "Ben's look.", "border"),
        ]
    )
    assert project.annotations == [
        ("int-1.txt", "The checkpoints", "Just a note.\n\nAnother note.")
    ]
    back = read_refi_project(data, Path("p.qdpx")).annotations
    assert sorted((a.tags, a.note, a.coder) for a in back) == sorted(
        [
            (("border", "army"), joined, "ana"),
            (("police",), "Police too.", "ana"),
            ((), "Just a note.\n\nAnother note.", "ana"),
            (("border",), "Ben's look.", "ben"),
        ]
    )


# A code's description and memo (each may be empty) that read back as the other from the one
# text QualCoder keeps of them: a memo of one line, a description of several, a memo holding
# the rule that parts two memos merged
DESCRIBED = {
    "memo-line": ("", "Troops at night."),
    "description-lines": ("Crossings.\nAt night too.", ""),
    "both-lines": ("Crossings.\nAt night too.", "Troops."),
    "memo-rule": ("", "First memo.\n\n---\n\nSecond memo."),
    "description-line": ("Crossings", ""),
    "memo-lines": ("", "Troops.\nAt night."),
}


def test_a_codes_description_and_memo_come_back_from_qualcoder_as_they_were() -> None:
    """QualCoder keeps a code's description and memo as its one memo and writes it back as
    the code's ``Description`` (its GUID new): a description of several lines with a memo,
    or a memo of two memos merged, came back one part as the other.  Each alone is written
    alone (QualCoder showed "---" before a memo of one line); read back from QualCoder as
    the other (that memo a description), it is what the code holds here."""
    tags = [Tag(name, description=d) for name, (d, _) in DESCRIBED.items()]
    memos = [
        Memo(MemoKind.CODE, name, m, created="2026-01-02T11:00:00Z")
        for name, (_, m) in DESCRIBED.items()
        if m
    ]
    annotation = make_annotation("int-1.txt", TEXT, 30, 45, DOCUMENT.sha256, tuple(DESCRIBED))
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=memos)
    data = get_format("qdpx").render([annotation], {"int-1.txt": DOCUMENT}, tags, options)
    assert isinstance(data, bytes)
    shown = qualcoder_import(data).code_memos
    assert shown["memo-line"] == "Troops at night."
    assert shown["description-lines"] == "Crossings.\nAt night too."
    back = read_refi_project(data, Path("p.qdpx"))
    texts = {m.target: m.text for m in back.memos}
    assert {t.name: (t.description, texts.get(t.name, "")) for t in back.tags} == DESCRIBED
    back = read_refi_project(qualcoder_export(data), Path("p.qdpx"))
    read, kept = as_described_here(back.tags, back.memos, tags, memos)
    texts = {m.target: m.text for m in kept}
    here = {t.name: (t.description, texts.get(t.name, "")) for t in read}
    assert here == {**DESCRIBED, "memo-line": ("", ""), "description-lines": ("", "")}


def test_a_code_memo_merged_from_a_colleague_shows_in_qualcoder_as_it_reads_here() -> None:
    """A code memo merged from a colleague (two memos parted by "---", as a merge joins
    them) was written "----" first, a rule longer than its own so that it read back whole:
    QualCoder showed that "----" at the top of the code's memo.  It is written as it is (one
    line end after it when its second part is not headed as a merge heads it), and reads
    back whole from our project and from QualCoder's; with a description, the description
    and the memo come back each as it was."""
    ours = Memo(MemoKind.CODE, "army", "Night patrols.", created="2026-01-02T11:00:00Z")
    theirs = Memo(MemoKind.CODE, "army", "Ben: day patrols too.", created="2026-01-03T11:00:00Z")
    _, [merged] = memo_additions([ours], [theirs], "ben.json")
    two = Memo(MemoKind.CODE, "border", "Ana's part.\n\n---\n\nBen's part.\n", id="m2")
    data = coded([merged, two])
    shown = qualcoder_import(data).code_memos
    assert shown["army"] == merged.text  # as it is: the merge's "From ben.json:" keeps it whole
    assert shown["border"] == "Crossings\n\n----\n\n" + two.text
    for back in (
        read_refi_project(data, Path("p.qdpx")),
        read_refi_project(qualcoder_export(data), Path("p.qdpx")),
    ):
        assert {t.name: t.description for t in back.tags} == {"border": "Crossings", "army": ""}
        assert {(m.target, m.text) for m in back.memos} == {
            ("army", merged.text),
            ("border", two.text),
        }
    shown = qualcoder_import(coded([two.evolve(target="army")])).code_memos
    assert shown["army"] == two.text + "\n"


# What a transcript holds beside plain letters: an emoji, a family of five code points joined
# by ZWJ, a flag of two, a letter and its combining accent, a letter outside the BMP, CRLF
# and lone CR (made "\n" in the canonical text), a paragraph's gap
WRITTEN = ["Ana: ", "\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1f2\U0001f1fd",
           "cafe\u0301", "\U0001d400", "word ", "\r\n", "\r", "\n\n"]  # fmt: skip


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.sampled_from(WRITTEN), min_size=2, max_size=30), st.data())
def test_each_passage_is_the_same_text_in_qualcoder(parts: list[str], data: st.DataObject) -> None:
    """QualCoder reads a source's text as a Python string (code points, line ends made
    ``\\n``) and takes a coding's text from ``startPosition`` to ``endPosition`` in it: each
    passage (two coders' on one place, one across a paragraph's gap, one after emoji and
    combining accents) is there the text it is here."""
    document = parse_document("".join(parts).encode(), Path("int-2.txt"))
    text = document.text
    assume(len(text) >= 2)
    ends = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).filter(
        lambda pair: pair[0] != pair[1]
    )
    spans = [sorted(pair) for pair in data.draw(st.lists(ends, min_size=1, max_size=6))]
    passages = [
        make_annotation("int-2.txt", text, s, e, document.sha256, ("t",), coder=coder)
        for (s, e), coder in zip(spans, cycle(("ana", "ben")))
    ]
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z")
    exported = get_format("qdpx").render(passages, {"int-2.txt": document}, [], options)
    assert isinstance(exported, bytes)
    project = qualcoder_import(exported)
    assert project.texts["int-2.txt"] == text
    wanted = {(a.start, a.end, a.coder): text[a.start : a.end] for a in passages}
    assert sorted(quote for _, quote, _, _ in project.codings) == sorted(wanted.values())
