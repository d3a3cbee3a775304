"""Reading REFI-QDA back: our own projects give back what was exported, and projects laid out
as QualCoder writes them (one selection per code, new GUIDs each export, a byte-order mark in
the source files, categories) give back one annotation per passage."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import ExportOptions, is_orphan, qdc, qdpx
from tui_reader.core.interchange.foreign import adopt_ids, guess_foreign
from tui_reader.core.interchange.qdpx_read import read_codebook, read_refi_project
from tui_reader.core.interchange.refi import PROJECT_NS, unique_code_names, without_unique_suffix
from tui_reader.core.interchange.taguette import read_taguette

TEXT = "Naïve 😀 borders: the Mexico-Guatemala border and the border as lived space.\n"


def _doc(tmp_path: Path) -> Document:
    from tui_reader.core.documents.document import load_document

    path = tmp_path / "docs" / "a.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(TEXT, encoding="utf-8")
    return load_document(path)


def _at(document: Document, phrase: str, tags: tuple[str, ...], note: str = "") -> Annotation:
    start = document.text.index(phrase)
    return make_annotation(
        "docs/a.txt", document.text, start, start + len(phrase), document.sha256, tags, note=note
    ).evolve(coder="ana")


def test_round_trip_of_the_seed_export_gives_the_same_annotations(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
) -> None:
    data = qdpx.render(annotations, seed_documents, seed_tags, options)
    project = read_refi_project(data, Path("seed.qdpx"))
    by_name = {Path(key).name: key for key in seed_documents}
    for name, text in project.sources.items():
        assert text == seed_documents[by_name[name]].text
    back = {
        a.id: (by_name[a.document], a.start, a.end, a.quote, set(a.tags), a.note, a.coder)
        for a in project.annotations
    }
    expected = {
        a.id.lower(): (a.document, a.start, a.end, a.quote, set(a.tags), a.note, a.coder)
        for a in annotations
        if not is_orphan(a, seed_documents)
    }
    assert back == expected
    assert {t.name for t in project.tags} >= {t.name for t in seed_tags}


def test_codes_sharing_a_last_part_are_exported_unique_and_read_back(
    tmp_path: Path, options: ExportOptions
) -> None:
    document = _doc(tmp_path)
    annotations = [
        _at(document, "Mexico-Guatemala border", ("security/border", "migration/border")),
        _at(document, "lived space", ("a/x/border", "b/x/border", "border")),
    ]
    tags = [Tag("security/border", "red", "securitised")]
    data = qdpx.render(annotations, {"docs/a.txt": document}, tags, options)
    qde = zipfile.ZipFile(io.BytesIO(data)).read("project.qde").decode("utf-8")
    for name in ("border (security)", "border (migration)", "x (a)", "border (a/x)"):
        assert f'name="{name}"' in qde  # QualCoder keeps one code per name
    project = read_refi_project(data, Path("p.qdpx"))
    assert {a.quote: set(a.tags) for a in project.annotations} == {
        a.quote: set(a.tags) for a in annotations
    }
    security = next(t for t in project.tags if t.name == "security/border")
    assert (security.color, security.description) == ("#ff0000", "securitised")
    book = read_codebook(qdc.render(annotations, {}, tags, options).encode(), Path("c.qdc"))
    assert {t.name for t in book} == {t for a in annotations for t in a.tags}


def test_a_code_named_as_another_is_exported_under_is_kept_apart_and_read_back(
    tmp_path: Path, options: ExportOptions
) -> None:
    """``security/border`` went to QualCoder as ``border (security)``, the name a code of the
    project had itself: QualCoder keeps one code per name, so the second code of that name
    was not made and its codings were loaded with no code (lost there, without a word)."""
    document = _doc(tmp_path)
    annotations = [
        _at(document, "Mexico-Guatemala border", ("security/border", "migration/border")),
        _at(document, "lived space", ("border (security)", "a/x", "b/x", "x (a)")),
    ]
    data = qdpx.render(annotations, {"docs/a.txt": document}, [], options)
    qde = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    codes = [c for c in qde.iter(f"{{{PROJECT_NS}}}Code") if c.get("isCodable") == "true"]
    names = [c.get("name") for c in codes]
    assert len(names) == len(set(names)) == 6, names
    project = read_refi_project(data, Path("p.qdpx"))
    assert {a.quote: set(a.tags) for a in project.annotations} == {
        a.quote: set(a.tags) for a in annotations
    }


def test_unique_names_leave_codes_alone_that_collide_with_nothing() -> None:
    assert unique_code_names(["policy/border", "actors/pentagon"]) == {}
    assert unique_code_names(["border", "security/border"]) == {
        "security/border": "border (security)"
    }
    assert unique_code_names(["security/border", "migration/border", "border (security)"]) == {
        "security/border": "border (security 2)",
        "migration/border": "border (migration)",
    }
    assert without_unique_suffix("border (security 2)", "security") == "border"
    assert without_unique_suffix("border (security 02)", "security") == "border (security 02)"
    assert without_unique_suffix("border (policy 2)", "security") == "border (policy 2)"


def _qualcoder_project(
    text: str,
    more_sources: str = "",
    crlf: bool = False,
    colours: tuple[str, str] = ("#EBD9A8", "#F7A2B4"),
) -> bytes:
    """A project laid out as QualCoder's REFI-QDA export writes one: a category holding two
    codes, the passage coded with both as two selections (fresh GUIDs), the memo on each, the
    source named by its file name, its text with a byte-order mark, no modifiedDateTime."""
    start = text.index("the border as lived space")
    end = start + len("the border as lived space")
    selections = "".join(
        f'<PlainTextSelection guid="{sel}" startPosition="{start}" endPosition="{end}" '
        f'name="x" creatingUser="U1" creationDateTime="2026-11-20T10:00:00Z">'
        f"<Description>lived &amp; felt</Description>"
        f'<Coding guid="{coding}" creatingUser="U1"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
        for sel, coding, code in (
            ("0A000000-0000-4000-8000-000000000001", "0B000000-0000-4000-8000-000000000001", "C1"),
            ("0A000000-0000-4000-8000-000000000002", "0B000000-0000-4000-8000-000000000002", "C2"),
        )
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="demo.qda" origin="QualCoder 3.6"><Users><User guid="U1" name="bea" /></Users>'
        '<CodeBook><Codes><Code guid="CAT" name="space" isCodable="false">'
        f'<Code guid="C1" name="lived" isCodable="true" color="{colours[0]}" />'
        f'<Code guid="C2" name="border" isCodable="true" color="{colours[1]}">'
        "<Description>where it is crossed</Description></Code></Code></Codes></CodeBook>"
        '<Variables><Variable guid="V1" name="Age group" typeOfVariable="Text" />'
        '<Variable guid="V2" name="2nd visit" typeOfVariable="Integer" /></Variables>'
        '<Sources><TextSource plainTextPath="internal://P1.txt" creatingUser="U1" '
        f'creationDateTime="2026-11-20T09:00:00Z" guid="S1" name="a.txt">{selections}'
        '<VariableValue><VariableRef targetGUID="V1"/><TextValue>18-25</TextValue>'
        '</VariableValue><VariableValue><VariableRef targetGUID="V2"/><IntegerValue>3'
        "</IntegerValue></VariableValue>"
        f"</TextSource>{more_sources}</Sources></Project>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        written = text.replace("\n", "\r\n") if crlf else text
        archive.writestr("sources/P1.txt", written.encode("utf-8-sig"))
        archive.writestr("sources/P2.txt", "A PDF's text: the border.".encode("utf-8-sig"))
    return buffer.getvalue()


def test_a_qualcoder_project_gives_one_annotation_per_passage(tmp_path: Path) -> None:
    data = _qualcoder_project(TEXT)
    assert guess_foreign(data) == "qdpx"
    project = read_refi_project(data, Path("demo.qdpx"))
    assert project.sources == {"a.txt": TEXT}
    [annotation] = project.annotations
    assert annotation.quote == "the border as lived space"
    assert annotation.tags == ("space/lived", "space/border")
    assert (annotation.note, annotation.coder) == ("lived & felt", "bea")
    border = next(t for t in project.tags if t.name == "space/border")
    assert (border.color, border.description) == ("#f7a2b4", "where it is crossed")
    assert "space" not in {t.name for t in project.tags}  # a category, not a code
    assert project.attributes == {"a.txt": {"Age_group": "18-25", "v_2nd_visit": 3}}


def test_a_colour_of_eight_digits_is_read_as_the_tools_on_windows_write_it() -> None:
    """A project's colours have six digits by the REFI-QDA schema; the tools on Windows
    write eight, .NET's #AARRGGBB: #FF336699 is an opaque #336699, which was read as CSS's
    #RRGGBBAA, a translucent colour, and lost (the code took the automatic colour)."""
    data = _qualcoder_project(TEXT, colours=("#FF336699", "#7FFF0000"))
    tags = {t.name: t.color for t in read_refi_project(data, Path("demo.qdpx")).tags}
    assert tags == {"space/lived": "#336699", "space/border": ""}  # half see-through: none


def test_windows_line_endings_and_pdf_representations_are_read(tmp_path: Path) -> None:
    """QualCoder (for MAXQDA) and ATLAS.ti write CRLF text with positions counting a line
    break as one character; a PDF's codings sit on its text Representation; a picture is said
    to be left out."""
    text = "First line.\nSecond: the border as lived space.\n"
    pdf = (
        '<PDFSource guid="S2" name="report.pdf" path="internal://R.pdf">'
        '<Representation guid="S3" plainTextPath="internal://P2.txt" name="report.pdf">'
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000009" startPosition="14" '
        'endPosition="24" creatingUser="U1"><Coding guid="0B000000-0000-4000-8000-000000000009" '
        'creatingUser="U1"><CodeRef targetGUID="C2"/></Coding></PlainTextSelection>'
        "</Representation></PDFSource>"
        '<PictureSource guid="S4" name="map.png" path="internal://M.png">'
        '<PictureSelection guid="0A000000-0000-4000-8000-00000000000a" firstX="1" firstY="1" '
        'secondX="9" secondY="9" creatingUser="U1"><Coding guid='
        '"0B000000-0000-4000-8000-00000000000a" creatingUser="U1"><CodeRef targetGUID="C2"/>'
        "</Coding></PictureSelection></PictureSource>"
    )
    project = read_refi_project(_qualcoder_project(text, pdf, crlf=True), Path("w.qdpx"))
    assert project.sources["a.txt"] == text
    quotes = {a.document: a.quote for a in project.annotations}
    assert quotes == {"a.txt": "the border as lived space", "report.pdf": "the border"}
    # its coding said with it (it was "not text; not imported" alone)
    assert project.skipped == ["PictureSource map.png: not text; not imported, nor its 1 coding"]
    assert project.left_out == 1  # a coding left out: the import fails, the rest imported


def test_a_source_is_named_as_its_name_is_written_not_in_pythons_quotes() -> None:
    """A project made on Windows names its sources by their paths there: Python's quotes
    said 'C:\\\\Users\\\\map.png', each backslash doubled, a name no file has."""
    picture = (
        '<PictureSource guid="S4" name="C:\\Users\\map.png" path="internal://M.png">'
        "</PictureSource>"
        '<PictureSource guid="S5" name="two&#10;lines.png" path="internal://N.png">'
        "</PictureSource>"
    )
    project = read_refi_project(
        _qualcoder_project("It is the border as lived space.\n", picture), Path("w.qdpx")
    )
    assert project.skipped == [
        "PictureSource C:\\Users\\map.png: not text; not imported",
        "PictureSource two\u240alines.png: not text; not imported",
    ]


def test_codings_of_areas_of_a_pdfs_pages_are_said_to_be_left_out(tmp_path: Path) -> None:
    """ATLAS.ti and MAXQDA code a region of a PDF's page (PDFSelection, by coordinates):
    those codings were left out without a word, the text Representation's read alone."""
    area = (
        '<PDFSelection guid="0A000000-0000-4000-8000-00000000000{n}" page="1" firstX="10" '
        'firstY="20" secondX="200" secondY="80" creatingUser="U1"><Coding guid='
        '"0B000000-0000-4000-8000-00000000000{n}" creatingUser="U1"><CodeRef targetGUID="C2"/>'
        "</Coding></PDFSelection>"
    )
    pdf = (
        '<PDFSource guid="S2" name="report.pdf" path="internal://R.pdf">'
        '<Representation guid="S3" plainTextPath="internal://P2.txt" name="report.pdf" />'
        f"{area.format(n=1)}{area.format(n=2)}</PDFSource>"
    )
    project = read_refi_project(_qualcoder_project(TEXT, pdf), Path("w.qdpx"))
    assert project.skipped == [
        "PDFSource report.pdf: 2 selections of areas of its pages (PDFSelection), not of "
        "its text; not imported"
    ]
    assert project.left_out == 1  # codings left out: the import fails, the rest imported


def test_the_coded_transcript_of_an_interview_recording_is_read(tmp_path: Path) -> None:
    """MAXQDA and ATLAS.ti keep an interview's transcript in its AudioSource (or
    VideoSource), coded from one sync point to another: the whole source was 'not text; not
    imported', its transcript and every coding of it lost."""
    transcript = "I: Where did you cross?\nR: At night, near the river.\n"
    start = transcript.index("At night")
    audio = (
        '<AudioSource guid="S5" name="interview.mp3" path="internal://I.mp3">'
        '<Transcript guid="T1" name="interview transcript" plainTextPath="internal://T1.txt">'
        f'<SyncPoint guid="Y1" timeStamp="61000" position="{start}"/>'
        f'<SyncPoint guid="Y2" timeStamp="64000" position="{start + 8}"/>'
        '<SyncPoint guid="Y3" timeStamp="64000" position="999"/>'
        '<TranscriptSelection guid="0A000000-0000-4000-8000-000000000007" fromSyncPoint="Y1" '
        'toSyncPoint="Y2" creatingUser="U1"><Coding guid="0B000000-0000-4000-8000-000000000007" '
        'creatingUser="U1"><CodeRef targetGUID="C2"/></Coding></TranscriptSelection>'
        '<TranscriptSelection guid="0A000000-0000-4000-8000-000000000008" fromSyncPoint="Y1" '
        'toSyncPoint="Y3" creatingUser="U1"><Coding guid="0B000000-0000-4000-8000-000000000008" '
        'creatingUser="U1"><CodeRef targetGUID="C2"/></Coding></TranscriptSelection>'
        "</Transcript>"
        '<AudioSelection guid="0A000000-0000-4000-8000-000000000009" begin="61000" '
        'end="64000" creatingUser="U1"><Coding guid="0B000000-0000-4000-8000-000000000009" '
        'creatingUser="U1"><CodeRef targetGUID="C2"/></Coding></AudioSelection>'
        "</AudioSource>"
        '<VideoSource guid="S6" name="walk.mp4" path="internal://W.mp4" />'
    )
    buffer = io.BytesIO(_qualcoder_project(TEXT, audio))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("sources/T1.txt", transcript.encode("utf-8"))
    project = read_refi_project(buffer.getvalue(), Path("w.qdpx"))
    assert project.sources["interview transcript"] == transcript
    coded = [a for a in project.annotations if a.document == "interview transcript"]
    assert [(a.quote, a.tags, a.coder) for a in coded] == [("At night", ("space/border",), "bea")]
    assert project.skipped == [
        "selection '0A000000-0000-4000-8000-000000000008' of interview transcript: positions "
        f"{start} to 999 are not a passage of its text ({len(transcript)} characters); not "
        "imported",
        # a coding of the recording's time, beside the transcript's: it was left out unsaid
        "AudioSource interview.mp3: 1 selection of the recording's time (AudioSelection), "
        "not of its transcript's text; not imported",
        "VideoSource walk.mp4: not text; not imported",
    ]
    # a selection past the text's end and the recording's time coded: left out, the import
    # fails (a recording coded not at all loses nothing)
    assert project.left_out == 2


def test_a_passage_back_from_qualcoder_under_a_new_guid_is_ours(tmp_path: Path) -> None:
    document = _doc(tmp_path)
    ours = _at(document, "the border as lived space", ("space/lived",)).evolve(coder="bea")
    [theirs] = read_refi_project(_qualcoder_project(TEXT), Path("demo.qdpx")).annotations
    theirs = theirs.evolve(document="docs/a.txt")
    [adopted] = adopt_ids([theirs], [ours])
    assert adopted.id == ours.id
    [other_coder] = adopt_ids([theirs.evolve(coder="ana")], [ours])
    assert other_coder.id != ours.id  # another coder's passage is theirs


def test_a_selection_joining_several_of_ours_is_them_again(tmp_path: Path) -> None:
    """Two of ours on one passage with one code are one selection of our project (QualCoder
    keeps one coding of a code per passage and coder); read back, under the first's GUID
    or under a new one from QualCoder, it made the first carry the codes and notes of both,
    the second kept beside it.  It is the two of ours again, a code added since the first's."""
    document = _doc(tmp_path)
    first = _at(document, "the border", ("border",), note="Once.")
    second = _at(document, "the border", ("border", "army"), note="Twice.").evolve(
        created="9999-01-01T00:00:00Z"
    )
    data = qdpx.render([first, second], {"docs/a.txt": document}, [], ExportOptions())
    [theirs] = read_refi_project(data, Path("p.qdpx")).annotations
    theirs = theirs.evolve(document="docs/a.txt")
    assert (theirs.id, theirs.note) == (first.id, "Once.\n\nTwice.")
    assert adopt_ids([theirs], [first, second]) == [first, second]
    qualcoder = theirs.evolve(id="0a0b0c0d-0000-4000-8000-000000000001")
    assert adopt_ids([qualcoder], [first, second]) == [first, second]
    added = qualcoder.evolve(tags=(*theirs.tags, "police"), updated="9999-01-02T00:00:00Z")
    assert adopt_ids([added], [first, second]) == [
        first.evolve(tags=("border", "police"), updated="9999-01-02T00:00:00Z"),
        second,
    ]
    edited = qualcoder.evolve(note="Changed there.")  # not them joined: adopted as before
    assert [a.note for a in adopt_ids([edited], [first, second])] == ["Changed there."]


def test_ours_of_one_passage_back_from_qualcoder_as_one_annotation_are_ours_again(
    tmp_path: Path,
) -> None:
    """QualCoder writes a selection per code, and the import joins every selection of one
    place and coder: two of ours on one passage with other codes (and two sharing one, one
    selection of our project) came back as one annotation, which made the first of ours
    carry the codes and notes of all.  It is all of ours there again, whatever order
    QualCoder gave the notes in."""
    document = _doc(tmp_path)
    first = _at(document, "the border", ("border",), note="Once.")
    second = _at(document, "the border", ("border", "army"), note="Twice.").evolve(
        created="9999-01-01T00:00:00Z"
    )
    third = _at(document, "the border", ("police",), note="Police.").evolve(
        created="9999-01-02T00:00:00Z"
    )
    ours = [first, second, third]
    for note in ("Once.\n\nTwice.\n\nPolice.", "Police.\n\nOnce.\n\nTwice."):
        theirs = first.evolve(
            id="0a0b0c0d-0000-4000-8000-000000000002", tags=("police", "border", "army"), note=note
        )
        assert adopt_ids([theirs], ours) == ours
    changed = theirs.evolve(note="Police.\n\nOnce.")  # a note edited there: as before
    assert [a.id for a in adopt_ids([changed], ours)] == [first.id]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">', "qdc"),
        (b"id,document,tag,content\r\n1,a,b,c\r\n", "taguette"),
        (b"tag,parent,description,number of highlights\n", "taguette"),
        (b'[{"id": "x"}]', None),
        (b"just text", None),
    ],
)
def test_the_kind_of_a_file_is_told_by_its_content(head: bytes, kind: str | None) -> None:
    assert guess_foreign(head) == kind


def test_a_codebook_as_taguette_writes_it_is_read() -> None:
    """Taguette's ``codebook.qdc``: flat codes with uuid5 GUIDs and an empty ``Sets``."""
    data = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>'
        b'<Code guid="A1B2C3D4-0000-5000-8000-000000000001" name="interesting" isCodable="true">'
        b'</Code><Code guid="A1B2C3D4-0000-5000-8000-000000000002" name="people" '
        b'isCodable="true"></Code></Codes><Sets></Sets></CodeBook>'
    )
    assert guess_foreign(data) == "qdc"
    assert [t.name for t in read_codebook(data, Path("codebook.qdc"))] == ["interesting", "people"]


def test_a_codebook_s_sets_of_codes_are_said_not_dropped() -> None:
    """A codebook's sets of codes (MAXQDA's and NVivo's code sets, REFI-QDA ``Sets`` in a
    ``.qdc``) were dropped without a word, as a project's are not."""
    data = (
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>'
        b'<Code guid="G1" name="harm" isCodable="true"/><Code guid="G2" name="care" '
        b'isCodable="true"/></Codes><Sets><Set guid="S1" name=" Key  codes ">'
        b'<MemberCode targetGUID="G1"/><MemberCode targetGUID="G2"/></Set></Sets></CodeBook>'
    )
    said: list[str] = []
    assert [t.name for t in read_codebook(data, Path("c.qdc"), said)] == ["harm", "care"]
    assert said == [
        "set 'Key codes' (2 codes): a group of codes, which tui-reader has not; not imported"
    ]


def test_a_taguette_code_s_path_is_the_code_its_highlights_name() -> None:
    # Taguette names each code by its path in the codebook (people/men) as in its highlights;
    # the codebook's came in as people-men, the highlights' as people/men: two codes.
    def codebook(origin: str) -> bytes:
        return (
            f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="{origin}"><Codes>'
            '<Code guid="G1" name="people" isCodable="true"/>'
            '<Code guid="G2" name="people/men" isCodable="true"/>'
            '<Code guid="G3" name="Pros/Cons" isCodable="true"/></Codes><Sets/></CodeBook>'
        ).encode()

    highlights = read_taguette("id,document,tag,content\r\n1,a,people/men,x\r\n", "h.csv")
    [highlight] = highlights.highlights
    taguette = [t.name for t in read_codebook(codebook("Taguette 1.4.1"), Path("c.qdc"))]
    assert taguette == ["people", "people/men", "Pros/Cons"]
    assert highlight.tags[0] in taguette
    # in another tool's, a "/" is a letter of the name, not a level
    said: list[str] = []
    other = [t.name for t in read_codebook(codebook("ATLAS.ti 23"), Path("c.qdc"), said)]
    assert other == ["people", "people-men", "Pros-Cons"]
    # renamed so, each said (it was without a word)
    assert said == [
        "code 'people/men' of GUID 'G2': a '/' parts the levels of a code here; imported as "
        "'people-men'",
        "code 'Pros/Cons' of GUID 'G3': a '/' parts the levels of a code here; imported as "
        "'Pros-Cons'",
    ]


def _hand_edited_project(selections: str) -> bytes:
    """A project of one inline source (``TEXT``) and one code, with these selections."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Users><User guid="U1" name="ana" /></Users><CodeBook><Codes>'
        '<Code guid="C1" name="border" isCodable="true" /></Codes></CodeBook><Sources>'
        f'<TextSource guid="S1" name="a.txt"><PlainTextContent>{TEXT}</PlainTextContent>'
        f"{selections}</TextSource></Sources></Project>"
    )
    return _zipped(qde)


def _zipped(qde: str, members: dict[str, bytes] | None = None) -> bytes:
    """A ``.qdpx`` archive holding ``qde`` as its ``project.qde``, and ``members``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_a_source_written_on_windows_is_read_in_its_encoding(encoding: str) -> None:
    """A source's file in Windows-1252 or UTF-16 refused the whole project; it is read in
    its encoding, its selections' places in its characters."""
    text = "Entretien à Tapachula: très réservée, « méfiante »."
    start = text.index("réservée")
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><CodeBook><Codes><Code guid="C1" name="shy" '
        'isCodable="true" /></Codes></CodeBook><Sources><TextSource guid="S1" name="a.txt" '
        'plainTextPath="internal://S1.txt">'
        f"{_selection('P1', start, start + 8)}</TextSource></Sources></Project>"
    )
    project = read_refi_project(
        _zipped(qde, {"sources/S1.txt": text.encode(encoding)}), Path("win.qdpx")
    )
    assert project.sources == {"a.txt": text}
    assert [(a.quote, a.tags) for a in project.annotations] == [("réservée", ("shy",))]


def test_notes_written_on_windows_are_read_in_their_encoding() -> None:
    """A journal entry's file in Windows-1252 was read as UTF-8, each accent a U+FFFD, and
    one in UTF-16 a NUL between letters; a note whose file the project lacks failed the
    whole import.  Each is read in its encoding; the missing one is said and left out."""
    notes = "".join(
        f'<Note guid="N{n}" name="Visit {n}" plainTextPath="internal://N{n}.txt" />'
        for n in (1, 2, 3, 4)
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        f'name="p" origin="NVivo 14"><Notes>{notes}</Notes></Project>'
    )
    entry = "Entretien à Tapachula: très réservée, « méfiante » – 2ᵉ fois.\r\nSuite."
    members = {
        "sources/N1.txt": entry.replace("ᵉ", "e").encode("cp1252"),
        "sources/N2.txt": entry.encode("utf-16"),
        "sources/N3.txt": entry.encode("utf-8-sig"),
    }
    project = read_refi_project(_zipped(qde, members), Path("win.qdpx"))
    assert [(m.id, m.text) for m in project.memos] == [
        ("N1", "# Visit 1\n\n" + entry.replace("ᵉ", "e").replace("\r\n", "\n")),
        ("N2", "# Visit 2\n\n" + entry.replace("\r\n", "\n")),
        ("N3", "# Visit 3\n\n" + entry.replace("\r\n", "\n")),
    ]
    assert project.skipped == [
        "note 'Visit 4': its text (internal://N4.txt) is not in the project; not imported"
    ]


def test_a_note_kept_as_rich_text_alone_is_read_from_it() -> None:
    """A memo MAXQDA writes as an RTF file alone (richTextPath, no plain text) came in as an
    empty memo, its text lost without a word.  It is read from the RTF; one whose rich text
    is not RTF, or not in the project, is said and left out."""
    notes = (
        '<Note guid="N1" name="Silence memo" richTextPath="internal://N1.rtf" />'
        '<Note guid="N2" name="Visit" richTextPath="internal://N2.docx" />'
        '<Note guid="N3" name="Gone" richTextPath="internal://N3.rtf" />'
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="MAXQDA 2022"><CodeBook><Codes><Code guid="C1" name="silence" '
        'isCodable="true"><NoteRef targetGUID="N1"/></Code></Codes></CodeBook>'
        f"<Notes>{notes}</Notes></Project>"
    )
    rtf = rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 Silence is a \b theme\b0 .\par Caf\'e9.}"
    members = {"sources/N1.rtf": rtf, "sources/N2.docx": b"PK\x03\x04 not read"}
    project = read_refi_project(_zipped(qde, members), Path("maxqda.qdpx"))
    assert [(m.id, m.kind, m.target, m.text.strip()) for m in project.memos] == [
        ("N1", MemoKind.CODE, "silence", "Silence is a theme.\n\nCafé.")
    ]
    assert project.skipped == [
        "note 'Visit': the project holds only its rich text (internal://N2.docx), which is "
        "not RTF; not imported",
        "note 'Gone': its text (internal://N3.rtf) is not in the project; not imported",
    ]


def _selection(guid: str, start: object, end: object, code: str = "C1") -> str:
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}" '
        f'creatingUser="U1"><Coding guid="K{guid}"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
    )


def test_selections_sharing_a_guid_are_all_kept_and_said() -> None:
    data = _hand_edited_project(_selection("G1", 0, 5) + _selection("G1", 6, 7))
    project = read_refi_project(data, Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["Naïve", "😀"]
    assert len({a.id for a in project.annotations}) == 2
    assert project.skipped == [
        "selection 'G1' of a.txt: its GUID is also another selection's; imported as a "
        "passage of its own"
    ]
    again = read_refi_project(data, Path("p.qdpx"))  # the same ids each time: imports once
    assert [a.id for a in again.annotations] == [a.id for a in project.annotations]


def test_a_selection_left_out_or_read_in_part_is_said() -> None:
    selections = (
        _selection("G1", -5, 3)
        + _selection("G2", 3, 10**25)
        + _selection("G3", 8, 4)
        + _selection("G4", "x", 4)
        + _selection("G5", 0, 5, code="NOPE")
        + _selection("G6", 0, 5).replace(' startPosition="0"', "")
    )
    project = read_refi_project(_hand_edited_project(selections), Path("p.qdpx"))
    assert [(a.quote, a.tags) for a in project.annotations] == [("Naïve", ())]
    assert project.skipped == [
        f"selection 'G1' of a.txt: positions -5 to 3 are not a passage of its text "
        f"({len(TEXT)} characters); not imported",
        f"selection 'G2' of a.txt: positions 3 to {10**25} are not a passage of its text "
        f"({len(TEXT)} characters); not imported",
        f"selection 'G3' of a.txt: positions 8 to 4 are not a passage of its text "
        f"({len(TEXT)} characters); not imported",
        "selection 'G4' of a.txt: positions 'x', '4' are not numbers; not imported",
        "selection 'G5' of a.txt: no code 'NOPE' in the codebook; imported without it",
        # no startPosition: the line said "positions None, '5'"
        "selection 'G6' of a.txt: positions none, '5' are not numbers; not imported",
    ]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE Project [<!ENTITY a "ha"><!ENTITY x "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
    ids=["external-entity", "entity-expansion"],
)
def test_a_project_declaring_entities_is_refused_not_read_with_holes(doctype: str) -> None:
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<Project '
        'xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="S1" name="a.txt">'
        "<PlainTextContent>&x;</PlainTextContent></TextSource></Sources></Project>"
    )
    given = _zipped(qde)
    with pytest.raises(TuiReaderError, match="refused: a DOCTYPE"):
        read_refi_project(given, Path("p.qdpx"))
    codebook = (
        f'<?xml version="1.0"?>{doctype.replace("Project", "CodeBook")}<CodeBook '
        'xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="C" name="c">'
        "<Description>&x;</Description></Code></Codes></CodeBook>"
    )
    with pytest.raises(TuiReaderError, match="refused: a DOCTYPE"):
        read_codebook(codebook.encode(), Path("c.qdc"))


@pytest.mark.parametrize(
    "entities",
    [
        '<!ENTITY x SYSTEM "file:///etc/passwd">',
        '<!NOTATION n SYSTEM "v"><!ENTITY x SYSTEM "a.png" NDATA n>',
    ],
    ids=["external-entity", "unparsed-entity"],
)
def test_a_project_naming_an_entity_in_an_attribute_is_refused_for_its_entities(
    entities: str,
) -> None:
    """The parser stops at an external entity in an attribute's value as at an error of
    syntax: the project was called damaged, "not well-formed XML", where it is refused for
    the entities it declares, as one naming them in a text is."""
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE Project [{entities}]><Project '
        'xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="C" name="&x;" '
        'isCodable="true"/></Codes></CodeBook></Project>'
    )
    given = _zipped(qde)
    with pytest.raises(TuiReaderError) as project:
        read_refi_project(given, Path("p.qdpx"))
    assert "refused: a DOCTYPE declaring entities" in str(project.value), project.value
    codebook = (
        f'<?xml version="1.0"?><!DOCTYPE CodeBook [{entities}]><CodeBook '
        'xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="C" name="&x;"/></Codes></CodeBook>'
    )
    with pytest.raises(TuiReaderError) as book:
        read_codebook(codebook.encode(), Path("c.qdc"))
    assert "refused: a DOCTYPE declaring entities" in str(book.value), book.value


@pytest.mark.parametrize(
    ("doctype", "said"),
    [
        ("<!DOCTYPE Project>", "refused: a DOCTYPE, which"),
        (
            '<!DOCTYPE Project SYSTEM "http://example.org/p.dtd">',
            "refused: a DOCTYPE naming the DTD 'http://example.org/p.dtd', which",
        ),
    ],
    ids=["bare", "external-dtd"],
)
def test_a_project_with_a_doctype_declaring_nothing_is_refused_for_what_it_is(
    doctype: str, said: str
) -> None:
    # It was refused as "a DOCTYPE (declared entities)", though it declared none.
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<Project '
        'xmlns="urn:QDA-XML:project:1.0" name="p"/>'
    )
    with pytest.raises(TuiReaderError) as refused:
        read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert said in str(refused.value) and "entities" not in str(refused.value), refused.value


@pytest.mark.parametrize("name", ["x" * 400, "é" * 200, "报告" * 60])
def test_a_source_named_past_what_a_file_name_holds_gets_a_file_it_can_have(
    tmp_path: Path, name: str
) -> None:
    # A file name holds 255 bytes: a source named longer (ATLAS.ti and MAXQDA keep a
    # document's whole title) was refused with "File name too long", the whole import with it.
    from tui_reader.core.interchange.foreign import free_path

    first = free_path(tmp_path, name, "one")
    assert len(first.name.encode()) <= 255 and first.suffix == ".txt"
    assert first.name.startswith(name[:20])
    first.write_text("one", encoding="utf-8")
    second = free_path(tmp_path, name, "two")
    assert second != first and len(second.name.encode()) <= 255
    second.write_text("two", encoding="utf-8")
    assert free_path(tmp_path, name, "one") == first  # its own text: the same file


@pytest.mark.skipif(os.name == "nt", reason="Windows refuses these in a file name")
@pytest.mark.parametrize(
    ("name", "file"),
    [
        ('Interview "Anna".docx', 'Interview "Anna".docx.txt'),
        (" 01 notes", " 01 notes.txt"),
        ("Q&A: why? <draft> | *final*", "Q&A: why? <draft> | *final*.txt"),
        ("..hidden. ", "hidden.txt"),  # never a hidden file, no trailing dot or space
        ("C:\\Users\\ana\\inter view.txt", "inter view.txt"),
    ],
)
def test_a_source_s_file_is_named_as_the_source_is(tmp_path: Path, name: str, file: str) -> None:
    # A QualCoder source named 'Interview "Anna"' or ' 01 notes' was written as
    # 'Interview Anna.txt' and '01 notes.txt': what Windows refuses was left out here too.
    from tui_reader.core.interchange.foreign import free_path

    assert free_path(tmp_path, name, "t").name == file


def test_a_source_name_s_direction_overrides_stay_out_of_its_file_name(tmp_path: Path) -> None:
    # "\u202etxt.exe" shows as "exe.txt" in a file manager: a name that hides what it is.
    from tui_reader.core.interchange.foreign import free_path

    assert free_path(tmp_path, "inter\u202eview\u2066 1\u200f", "t").name == "interview 1.txt"


def test_a_note_a_selection_refers_to_is_its_annotation_s_note() -> None:
    # REFI-QDA attaches a memo to a coded passage with a NoteRef (NVivo's annotations); it
    # came in as a journal entry, the passage without its note.
    selection = _selection("G1", 0, 5).replace(
        "</PlainTextSelection>", '<NoteRef targetGUID="N1"/></PlainTextSelection>'
    )
    data = _hand_edited_project(selection)
    notes = (
        '<Notes><Note guid="N1" name="on naive"><PlainTextContent>Why naive?</PlainTextContent>'
        "</Note></Notes></Project>"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde").decode().replace("</Project>", notes)
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    [annotation] = project.annotations
    assert annotation.note == "Why naive?"
    assert project.memos == []


def test_a_source_whose_text_is_not_in_the_project_is_left_out_and_said() -> None:
    # A source linked to a file outside the project (relative:// or absolute://, as MAXQDA
    # and ATLAS.ti write an externally linked document) refused the whole project.
    data = _hand_edited_project(_selection("G1", 0, 5))
    outside = (
        '<TextSource guid="S2" name="linked.txt" plainTextPath="relative://linked.txt">'
        '<PlainTextSelection guid="G2" startPosition="0" endPosition="3"/></TextSource>'
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde").decode().replace("</Sources>", outside + "</Sources>")
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["Naïve"]
    assert list(project.sources) == ["a.txt"]
    assert project.skipped == [
        "TextSource linked.txt: its text is not in the project, nor beside it "
        "(relative://linked.txt); not imported"
    ]


def test_a_source_linked_from_outside_is_read_from_beside_the_project(tmp_path: Path) -> None:
    # A project whose sources MAXQDA or ATLAS.ti linked (relative://, absolute://), sent with
    # the files beside it: each was said not imported, its codings lost.  A file outside the
    # project's folder is never read, whatever the project names.
    linked = [
        ("S2", "relative://texts/one.txt", "Linked one"),
        ("S3", "absolute://C:%5CUsers%5Cana%5CInterviews%5Ctwo.txt", "Linked two"),
        ("S4", "absolute:///home/ana/three.txt", "Linked three"),
        ("S5", "relative://../secret.txt", ""),
        ("S6", "relative://.ssh/key.txt", ""),
        ("S7", "absolute:///home/ana/.bashrc", ""),
        ("S8", "relative://notes", ""),
    ]
    sources = "".join(
        f'<TextSource guid="{guid}" name="{guid}.txt" plainTextPath="{where}">'
        f"{_selection(f'G{guid}', 0, 6)}</TextSource>"
        for guid, where, _ in linked
    )
    data = _hand_edited_project(_selection("G1", 0, 5))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde").decode().replace("</Sources>", sources + "</Sources>")
    qdpx_bytes = _zipped(qde)
    folder = tmp_path / "project"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "one.txt").write_text("Linked one\r\nis here.", encoding="utf-8")
    (folder / "two.txt").write_text("\ufeffLinked two", encoding="utf-8")
    (folder / "three.txt").write_text("Linked three", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret key", encoding="utf-8")
    (folder / ".ssh").mkdir()
    for hidden in (".ssh/key.txt", ".bashrc", "notes"):
        (folder / hidden).write_text("Linked but not to be read", encoding="utf-8")
    project = read_refi_project(qdpx_bytes, folder / "p.qdpx")
    assert project.sources == {
        "a.txt": TEXT,
        "S2.txt": "Linked one\nis here.",
        "S3.txt": "Linked two",
        "S4.txt": "Linked three",
    }
    assert sorted(a.quote for a in project.annotations) == ["Linked", "Linked", "Linked", "Naïve"]
    assert project.skipped == [
        f"TextSource S{n}.txt: its text is not in the project, nor beside it ({where}); "
        "not imported"
        for n, where in [
            (5, "relative://../secret.txt"),
            (6, "relative://.ssh/key.txt"),
            (7, "absolute:///home/ana/.bashrc"),
            (8, "relative://notes"),
        ]
    ]


@pytest.mark.parametrize("kind", ["project", "codebook"])
def test_codes_nested_past_any_codebook_are_refused_in_one_line(kind: str) -> None:
    # 2,000 codes each inside the last stopped import with a RecursionError traceback.
    depth = 2000
    nested = "".join(f'<Code guid="G{i}" name="c{i}">' for i in range(depth)) + "</Code>" * depth
    if kind == "codebook":
        data = (
            f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{nested}</Codes></CodeBook>'
        ).encode()
        with pytest.raises(TuiReaderError, match=r"book\.qdc: refused: codes nested more than"):
            read_codebook(data, Path("book.qdc"))
        return
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
        f"{nested}</Codes></CodeBook></Project>"
    )
    with pytest.raises(TuiReaderError, match=r"p\.qdpx: refused: codes nested more than"):
        read_refi_project(_zipped(qde), Path("p.qdpx"))


def test_case_variables_become_the_attributes_of_the_cases_documents() -> None:
    """NVivo and MAXQDA keep a participant's variables on a case that refers to its sources:
    they were left out without a word, the documents imported with no attributes."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Variables>'
        '<Variable guid="V1" name="Age" typeOfVariable="Integer" />'
        '<Variable guid="V2" name="Gender" typeOfVariable="Text" /></Variables>'
        '<Cases><Case guid="K1" name="Participant 1">'
        '<VariableValue><VariableRef targetGUID="V1"/><IntegerValue>34</IntegerValue>'
        '</VariableValue><VariableValue><VariableRef targetGUID="V2"/>'
        "<TextValue>woman</TextValue></VariableValue>"
        '<SourceRef targetGUID="S1"/><SourceRef targetGUID="S2"/></Case>'
        '<Case guid="K2" name="Participant 2"><VariableValue><VariableRef targetGUID="V1"/>'
        '<IntegerValue>51</IntegerValue></VariableValue><SourceRef targetGUID="S3"/></Case>'
        "</Cases><Sources>"
        '<TextSource guid="S1" name="p1-a.txt"><PlainTextContent>one</PlainTextContent>'
        "</TextSource>"
        '<TextSource guid="S2" name="p1-b.txt"><PlainTextContent>two</PlainTextContent>'
        '<VariableValue><VariableRef targetGUID="V1"/><IntegerValue>35</IntegerValue>'
        "</VariableValue></TextSource>"
        '<TextSource guid="S3" name="p2.txt"><PlainTextContent>three</PlainTextContent>'
        "</TextSource></Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.attributes == {
        "p1-a.txt": {"Age": 34, "Gender": "woman", "case": "Participant 1"},
        # the source's own value is kept
        "p1-b.txt": {"Age": 35, "Gender": "woman", "case": "Participant 1"},
        "p2.txt": {"Age": 51, "case": "Participant 2"},
    }


def test_document_groups_become_attributes_and_groups_of_no_source_are_said() -> None:
    """ATLAS.ti's document groups (REFI-QDA sets) were left out without a word, a group
    named 'Gender::female' (ATLAS.ti's way of making a variable of groups) among them; then
    a group of another name was left out, said.  Each group of sources is an attribute of
    its documents, as QualCoder's import makes it (``Urban=Urban``); a group of codes is
    said, and so are the codes and notes of a set of sources (they were left out without a
    word)."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="ATLAS.ti 23"><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>one</PlainTextContent>'
        "</TextSource>"
        '<TextSource guid="S2" name="b.txt"><PlainTextContent>two</PlainTextContent>'
        "</TextSource></Sources><Sets>"
        '<Set guid="G1" name="Gender::female"><MemberSource targetGUID="S1"/>'
        '<MemberSource targetGUID="S2"/></Set>'
        '<Set guid="G2" name="Age::34"><MemberSource targetGUID="S2"/></Set>'
        '<Set guid="G3" name="Urban site"><Description>Two towns.</Description>'
        '<MemberSource targetGUID="S1"/></Set>'
        '<Set guid="G4" name="Themes"><MemberCode targetGUID="C1"/></Set>'
        '<Set guid="G5" name=" "><MemberSource targetGUID="S1"/></Set>'
        '<Set guid="G6" name="Pilot"><MemberSource targetGUID="S2"/><MemberCode '
        'targetGUID="C1"/><MemberNote targetGUID="N1"/><MemberNote targetGUID="N2"/></Set>'
        "</Sets></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.attributes == {
        "a.txt": {"Gender": "female", "Urban_site": "Urban site"},
        "b.txt": {"Gender": "female", "Age": 34, "Pilot": "Pilot"},
    }
    assert [m.text for m in project.memos] == ["# Set: Urban site\n\nTwo towns."]
    assert project.skipped == [
        "set 'Themes' (0 sources, 1 code, 0 notes): a group of no source here, which "
        "tui-reader has not; not imported (a group of sources gives them an attribute)",
        "set '' (1 source, 0 codes, 0 notes): a group without a name, which names no "
        "attribute; not imported (a group of sources gives them an attribute)",
        # a set of sources, codes and notes (NVivo's, MAXQDA's): its codes and notes said
        "set 'Pilot': 1 code and 2 notes of it, which tui-reader groups not; not imported "
        "(its sources' documents are given Pilot=Pilot)",
    ]
    assert project.left_out == 3  # said, not taken: the import fails, the rest taken


def test_a_case_nvivo_writes_as_a_code_gives_its_variables_to_the_documents_it_codes() -> None:
    """NVivo links a case to its text by coding it with a code of the case's GUID, not by a
    SourceRef: the case's variables reached no document."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><CodeBook><Codes>'
        '<Code guid="K1" name="Anna" isCodable="true"/></Codes></CodeBook>'
        '<Variables><Variable guid="V1" name="Age group" typeOfVariable="Text"/></Variables>'
        '<Cases><Case guid="K1" name="Anna"><VariableValue><VariableRef targetGUID="V1"/>'
        "<TextValue>20-29</TextValue></VariableValue></Case></Cases><Sources>"
        '<TextSource guid="S1" name="anna.txt"><PlainTextContent>I grew up here.'
        '</PlainTextContent><PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" '
        'startPosition="0" endPosition="15"><Coding guid="0B000000-0000-4000-8000-'
        '000000000001"><CodeRef targetGUID="K1"/></Coding></PlainTextSelection></TextSource>'
        '<TextSource guid="S2" name="ben.txt"><PlainTextContent>Not Anna.</PlainTextContent>'
        "</TextSource></Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.attributes == {
        "anna.txt": {"Age_group": "20-29", "case": "Anna"},
        "ben.txt": {},
    }


def test_a_cases_name_is_the_case_of_its_documents() -> None:
    """The name of a case (a participant of several interviews) was left out: only its
    variables reached its documents.  It is their attribute ``case``; a document of two
    cases keeps the first's, and the second is said; a case without a name (MAXQDA's, for a
    source's variables) names none."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="MAXQDA 24"><Cases>'
        '<Case guid="K1" name=" Anna  R. "><SourceRef targetGUID="S1"/>'
        '<SourceRef targetGUID="S2"/></Case>'
        '<Case guid="K2" name="Ben"><SourceRef targetGUID="S2"/></Case>'
        '<Case guid="K3"><SourceRef targetGUID="S3"/></Case></Cases><Sources>'
        + "".join(
            f'<TextSource guid="S{n}" name="{n}.txt"><PlainTextContent>text {n}'
            "</PlainTextContent></TextSource>"
            for n in (1, 2, 3)
        )
        + "</Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.attributes == {
        "1.txt": {"case": "Anna R."},
        "2.txt": {"case": "Anna R."},
        "3.txt": {},
    }
    assert project.skipped == [
        "source 2.txt is in case 'Ben' too: its attribute case is 'Anna R.', its first case's"
    ]


def test_a_case_that_refers_to_selections_or_codes_gives_them_its_variables() -> None:
    """The standard lets a case name its text by the selections (``SelectionRef``) or the
    codes (``CodeRef``) that mark it, not only its sources: the variables and the name of
    such a case reached no document, and one referring to nothing here was dropped without a
    word.  Each gives them to the documents of its selections and of its codes' codings; one
    that reaches none is said."""
    value = '<VariableValue><VariableRef targetGUID="V1"/><IntegerValue>{}</IntegerValue>'
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="MAXQDA 24"><CodeBook><Codes>'
        '<Code guid="C1" name="Ben" isCodable="true"/></Codes></CodeBook>'
        '<Variables><Variable guid="V1" name="Age" typeOfVariable="Integer"/></Variables><Cases>'
        f'<Case guid="K1" name="Anna">{value.format(34)}</VariableValue>'
        '<SelectionRef targetGUID="0a000000-0000-4000-8000-000000000001"/></Case>'
        f'<Case guid="K2" name="Ben">{value.format(51)}</VariableValue>'
        '<CodeRef targetGUID="C1"/></Case>'
        f'<Case guid="K3" name="Cleo">{value.format(29)}</VariableValue></Case>'
        "</Cases><Sources>"
        '<TextSource guid="S1" name="anna.txt"><PlainTextContent>I grew up here.'
        '</PlainTextContent><PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" '
        'startPosition="0" endPosition="4"/></TextSource>'
        '<TextSource guid="S2" name="ben.txt"><PlainTextContent>Not Anna.</PlainTextContent>'
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000002" startPosition="0" '
        'endPosition="3"><Coding guid="0B000000-0000-4000-8000-000000000002">'
        '<CodeRef targetGUID="C1"/></Coding></PlainTextSelection></TextSource>'
        "</Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.attributes == {
        "anna.txt": {"Age": 34, "case": "Anna"},
        "ben.txt": {"Age": 51, "case": "Ben"},
    }
    assert project.skipped == [
        "case 'Cleo': refers to no source here (by a SourceRef, a SelectionRef or a "
        "CodeRef); its name and 1 variable value not imported"
    ]


def test_links_between_passages_and_graphs_are_said_not_dropped() -> None:
    """MAXQDA's links of segments and ATLAS.ti's relations between codes and quotations
    (REFI-QDA ``Links``) and its networks (``Graphs``) were dropped without a word: the
    import said nothing of them.  Each kind is one line; a link tying a note to its passage
    (NVivo's annotation) is read as the passage's note, not said."""
    selection = (
        '<PlainTextSelection guid="0A000000-0000-4000-8000-00000000000{n}" '
        'startPosition="{n}" endPosition="{end}"/>'
    )
    link = '<Link guid="L{n}" name="{name}" originGUID="{origin}" targetGUID="{target}"/>'
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="ATLAS.ti 23"><CodeBook><Codes>'
        '<Code guid="C1" name="cause" isCodable="true"/><Code guid="C2" name="effect" '
        'isCodable="true"/></Codes></CodeBook><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>one two three</PlainTextContent>'
        + "".join(selection.format(n=n, end=n + 3) for n in (1, 2))
        + '</TextSource></Sources><Notes><Note guid="N1" name="why">'
        "<PlainTextContent>A note.</PlainTextContent></Note></Notes><Links>"
        + link.format(n=1, name="causes", origin="C1", target="C2")
        + link.format(
            n=2,
            name="contradicts",
            origin="0A000000-0000-4000-8000-000000000001",
            target="0A000000-0000-4000-8000-000000000002",
        )
        + link.format(n=3, name="", origin="N1", target="0A000000-0000-4000-8000-000000000001")
        + '</Links><Graphs><Graph guid="G1" name="network"/></Graphs></Project>'
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.skipped == [
        "2 links between codes, sources or selections ('causes', 'contradicts'), which "
        "tui-reader has not; not imported",
        "1 graph (a drawing of codes, sources and links), which tui-reader has not; not imported",
    ]
    assert [a.note for a in project.annotations if a.start == 1] == ["A note."]
    # they were said, but the import exited 0 as if the file were wholly taken: each kind
    # is counted as left out, as a coding of a picture is (the import fails, the rest taken)
    assert project.left_out == 2


def test_a_value_of_a_variable_the_project_does_not_declare_is_said() -> None:
    """A source's or a case's value of a variable the project's ``Variables`` lack (a
    project edited by hand, or cut short) was dropped without a word; a variable that names
    no attribute is said once, not again for each of its values.  Those values were said, but
    the import exited 0 as if the file were wholly taken: each is counted as left out."""
    value = '<VariableValue><VariableRef targetGUID="{}"/><TextValue>{}</TextValue>'
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Variables><Variable guid="V1" name="Region" typeOfVariable="Text"/>'
        f'<Variable guid="V2" name="{"a" * 300}" typeOfVariable="Text"/></Variables><Cases>'
        f'<Case guid="K1" name="Anna">{value.format("V9", "34")}</VariableValue>'
        '<SourceRef targetGUID="S1"/></Case></Cases><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>one</PlainTextContent>'
        f"{value.format('V1', 'Norte')}</VariableValue>{value.format('V8', 'x')}"
        f"</VariableValue>{value.format('V2', 'y')}</VariableValue></TextSource>"
        "</Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert project.attributes == {"a.txt": {"Region": "Norte", "case": "Anna"}}
    assert [line for line in project.skipped if "declare" in line] == [
        "TextSource a.txt: its value 'x' is of a variable the project does not declare "
        "(V8); not imported",
        "case 'Anna': its value '34' is of a variable the project does not declare (V9); "
        "not imported",
    ]
    assert sum("'V2'" in line for line in project.skipped) == 1
    # each value left out, part of the file: the import and a merge exit 1
    assert project.left_out == 3


def test_a_source_sent_as_its_rich_text_alone_is_said_so() -> None:
    """A Word source a project holds as its rich text alone (``richTextPath``, no
    ``plainTextPath``) was said to have its text "not in the project, nor beside it (no
    path)", though the document was in it: what is missing is its plain text."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><Sources><TextSource guid="S1" name="interview.docx" '
        'richTextPath="internal://S1.docx"><PlainTextSelection guid="0A000000-0000-4000-8000-'
        '000000000001" startPosition="0" endPosition="3"/></TextSource></Sources></Project>'
    )
    project = read_refi_project(_zipped(qde, {"sources/S1.docx": b"PK"}), Path("p.qdpx"))
    assert project.skipped == [
        "TextSource interview.docx: the project holds only its rich text "
        "(internal://S1.docx), not the plain text its selections' positions count in; "
        "not imported"
    ]
    assert project.left_out == 1


def test_a_colleagues_coding_of_a_passage_is_theirs_not_the_passages_makers() -> None:
    """In a team's NVivo or ATLAS.ti project a colleague codes a passage someone else marked
    (each Coding names its own user): every code was taken as the marker's, and agreement
    between the two found the colleague had coded nothing."""
    selection = (
        '<PlainTextSelection guid="0A000000-0000-4000-8000-00000000000{n}" startPosition="0" '
        'endPosition="4" creatingUser="U1" creationDateTime="2026-01-01T10:00:00Z">{inner}'
        "</PlainTextSelection>"
    )
    coding = (
        '<Coding guid="0B000000-0000-4000-8000-0000000000{n}" creatingUser="{user}" '
        'creationDateTime="2026-01-0{day}T10:00:00Z"><CodeRef targetGUID="{code}"/></Coding>'
    )
    both = "<Description>why</Description>" + "".join(
        coding.format(n=n, user=user, day=day, code=code)
        for n, user, day, code in (("11", "U1", 1, "C1"), ("12", "U2", 3, "C2"))
    )
    theirs_alone = coding.format(n="21", user="U2", day=4, code="C1")
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Users><User guid="U1" name="ana"/><User guid="U2" '
        'name="ben"/></Users><CodeBook><Codes><Code guid="C1" name="army" isCodable="true"/>'
        '<Code guid="C2" name="state" isCodable="true"/></Codes></CodeBook><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>Army came.</PlainTextContent>'
        f"{selection.format(n=1, inner=both)}</TextSource>"
        '<TextSource guid="S2" name="b.txt"><PlainTextContent>Army left.</PlainTextContent>'
        f"{selection.format(n=2, inner=theirs_alone)}</TextSource></Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.document, a.coder, a.tags, a.note, a.created) for a in project.annotations] == [
        ("a.txt", "ana", ("army",), "why", "2026-01-01T10:00:00Z"),
        ("a.txt", "ben", ("state",), "", "2026-01-03T10:00:00Z"),
        ("b.txt", "ben", ("army",), "", "2026-01-04T10:00:00Z"),
    ]
    assert len({a.id for a in project.annotations}) == 3


@pytest.mark.parametrize(
    ("qde_name", "folder", "path"),
    [
        ("project.qde", "Sources", "internal://P1.txt"),  # NVivo's folder
        ("Study 2.qde", "sources", "internal://P1.txt"),  # named after the project
        ("project.qde", "sources", "internal:///P1.txt"),  # a slash too many
    ],
)
def test_a_project_laid_out_as_other_tools_lay_it_out_is_read(
    qde_name: str, folder: str, path: str
) -> None:
    """NVivo keeps the texts in ``Sources/`` and a tool may name the XML after the project:
    the whole import was refused as a damaged file ('no sources/P1.txt', 'no project.qde')."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="C1" name="army" isCodable="true"/></Codes>'
        f'</CodeBook><Sources><TextSource guid="S1" name="a.txt" plainTextPath="{path}">'
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" startPosition="4" '
        'endPosition="8"><Coding guid="0B000000-0000-4000-8000-000000000001"><CodeRef '
        'targetGUID="C1"/></Coding></PlainTextSelection></TextSource></Sources></Project>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(qde_name, qde)
        archive.writestr(f"{folder}/P1.txt", "The army came.")
    project = read_refi_project(buffer.getvalue(), Path("p.qdpx"))
    assert [(a.quote, a.tags) for a in project.annotations] == [("army", ("army",))]


_TEXT_GUID = "8e7fddfe-db36-48dc-b464-80c3a4decd90"


@pytest.mark.parametrize(
    ("attributes", "member"),
    [
        (f'path="internal://{_TEXT_GUID}.txt"', f"sources/{_TEXT_GUID}.txt"),  # its file a text
        ("", f"sources/{_TEXT_GUID}.txt"),  # no path at all: the text named by its GUID
        ("", f"Sources/{_TEXT_GUID.upper()}.txt"),  # that GUID in capitals, NVivo's folder
        ('path="relative://a.docx"', f"sources/{_TEXT_GUID}.txt"),  # its file elsewhere
    ],
)
def test_a_text_source_without_a_plain_text_path_is_read_from_its_text(
    attributes: str, member: str
) -> None:
    """A ``TextSource`` whose plain text is a ``.txt`` of ``sources/`` but named by no
    ``plainTextPath`` (its ``path`` the ``.txt``, as QualCoder reads such a source; or no
    path, the file named by the source's GUID, as the standard names a source's plain text)
    was left out: "its text is not in the project, nor beside it (no path)", its codings
    with it."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="C1" name="army" isCodable="true"/></Codes>'
        f'</CodeBook><Sources><TextSource guid="{_TEXT_GUID}" name="a" {attributes}>'
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" startPosition="4" '
        'endPosition="8"><Coding guid="0B000000-0000-4000-8000-000000000001"><CodeRef '
        'targetGUID="C1"/></Coding></PlainTextSelection></TextSource></Sources></Project>'
    )
    project = read_refi_project(_zipped(qde, {member: b"The army came."}), Path("p.qdpx"))
    assert [(a.document, a.quote, a.tags) for a in project.annotations] == [
        ("a", "army", ("army",))
    ]
    assert (project.skipped, project.left_out) == ([], 0)
    alone = read_refi_project(_zipped(qde, {}), Path("p.qdpx"))
    assert (alone.annotations, alone.left_out) == ([], 1)
    assert alone.skipped[0].startswith("TextSource a: its text is not in the project")


@pytest.mark.parametrize("named", [True, False])
def test_nvivo_positions_count_a_windows_line_end_as_two_characters(named: bool) -> None:
    """NVivo counts each CRLF of a source as the two characters it is (QualCoder's importer
    allows for it): every passage after the first line came in one character further on per
    line break above it ('rmy cam' for 'army came').  The selections' names (the passage's
    first words) tell which counting a project uses, else the tool that wrote it."""
    raw = "First line.\r\nSecond line.\r\nThe army came at night.\r\n"
    start = raw.index("army came")
    end = start + len("army came")
    name = ' name="army came"' if named else ""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><CodeBook><Codes><Code guid="C1" name="army" '
        'isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="S1" name="a.txt" '
        'plainTextPath="internal://P1.txt"><PlainTextSelection guid="0A000000-0000-4000-8000-'
        f'000000000001" startPosition="{start}" endPosition="{end}"{name}><Coding '
        'guid="0B000000-0000-4000-8000-000000000001"><CodeRef targetGUID="C1"/></Coding>'
        "</PlainTextSelection></TextSource></Sources></Project>"
    )
    qdpx_bytes = _zipped(qde, {"Sources/P1.txt": raw.encode("utf-8")})
    project = read_refi_project(qdpx_bytes, Path("p.qdpx"))
    [annotation] = project.annotations
    text = project.sources["a.txt"]
    assert text == raw.replace("\r\n", "\n")
    assert annotation.quote == text[annotation.start : annotation.end] == "army came"


def test_an_nvivo_annotation_linked_to_its_passage_is_that_passages_note() -> None:
    """NVivo ties an annotation (a comment on a passage) to its selection by a Link: the
    passage came in with no note, and the comment as a journal entry about nothing."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Sources><TextSource guid="S1" name="a.txt">'
        "<PlainTextContent>The army came.</PlainTextContent>"
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" startPosition="4" '
        'endPosition="8"/></TextSource></Sources><Notes>'
        '<Note guid="N1" name="Annotation"><PlainTextContent>Which army?</PlainTextContent>'
        '</Note></Notes><Links><Link guid="L1" originGUID="N1" '
        'targetGUID="0a000000-0000-4000-8000-000000000001"/></Links></Project>'
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.quote, a.note) for a in project.annotations] == [("army", "Which army?")]
    assert project.memos == []


def test_a_note_holding_a_passage_of_its_source_is_that_passages_note() -> None:
    """A note that holds a selection of the source referring to it (an annotation of a
    passage, as MAXQDA and Quirkos write one) became the document's memo, its passage lost,
    and a second such note a second memo of the document, out of reach in the app."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="MAXQDA 2022"><Users><User guid="U1" name="ana"/></Users><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>The army came at night.'
        '</PlainTextContent><NoteRef targetGUID="N1"/><NoteRef targetGUID="N2"/>'
        '<NoteRef targetGUID="N3"/></TextSource></Sources><Notes>'
        '<Note guid="N1" name="About"><PlainTextContent>A long interview.</PlainTextContent>'
        "</Note>"
        '<Note guid="N2" creatingUser="U1"><PlainTextContent>Which army?</PlainTextContent>'
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000002" startPosition="4" '
        'endPosition="8"/></Note>'
        '<Note guid="N3" creatingUser="U1"><PlainTextContent>When?</PlainTextContent>'
        '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000003" startPosition="17" '
        'endPosition="22"/></Note></Notes></Project>'
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.quote, a.note, a.coder) for a in project.annotations] == [
        ("army", "Which army?", "ana"),
        ("night", "When?", "ana"),
    ]
    assert [(m.kind, m.target, m.text) for m in project.memos] == [
        (MemoKind.DOCUMENT, "a.txt", "A long interview.")
    ]


def _named(guid: str, start: int, end: int, name: str) -> str:
    return _selection(guid, start, end).replace(
        ' creatingUser="U1"', f' name="{name}" creatingUser="U1"'
    )


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_linked_source_in_a_windows_encoding_is_read_in_it(tmp_path: Path, encoding: str) -> None:
    # A linked text saved by a Windows tool (Windows-1252, or UTF-16 with its mark) was said
    # not to be beside the project, its codings lost.
    linked = (
        '<TextSource guid="S2" name="notes.txt" plainTextPath="relative://notes.txt">'
        f"{_selection('G2', 0, 4)}</TextSource>"
    )
    data = _hand_edited_project(_selection("G1", 0, 5))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde").decode().replace("</Sources>", linked + "</Sources>")
    qdpx_bytes = _zipped(qde)
    (tmp_path / "notes.txt").write_bytes("Café con leche, señor.".encode(encoding))
    project = read_refi_project(qdpx_bytes, tmp_path / "p.qdpx")
    assert project.sources["notes.txt"] == "Café con leche, señor."
    assert [a.quote for a in project.annotations] == ["Naïve", "Café"]
    assert project.skipped == []


def test_positions_a_tool_counted_in_utf_16_units_are_read_as_its_passages() -> None:
    # A tool that counts an emoji as two (.NET, Java) placed every passage after one a
    # character further on per emoji before it ('orders: the' for 'borders'), and one ending
    # at the text's end was refused as past it.
    border = TEXT.index("border and")
    named = _named("G1", border + 1, border + 7, "border") + _named(
        "G2", border + 12, border + 19, "the bor"
    )
    project = read_refi_project(_hand_edited_project(named), Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["border", "the bor"]
    end = len(TEXT.encode("utf-16-le")) // 2  # the text's end, in UTF-16 units
    unnamed = _selection("G1", end - 7, end) + _selection("G2", 0, 5)
    project = read_refi_project(_hand_edited_project(unnamed), Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["space.\n", "Naïve"]
    # Selections with no name (MAXQDA, ATLAS.ti) and none at the text's end: told by their
    # words, which one count cuts ('order ', 'Mexico-G' for 'the Mexico-') and the other not.
    mexico = TEXT.index("the Mexico")
    words = _selection("G1", border + 1, border + 7) + _selection("G2", mexico + 1, mexico + 11)
    project = read_refi_project(_hand_edited_project(words), Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["border", "the Mexico"]
    # Counted in code points (QualCoder, ours): read as they are.
    as_words = _selection("G1", border, border + 6) + _selection("G2", mexico, mexico + 10)
    project = read_refi_project(_hand_edited_project(as_words), Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["border", "the Mexico"]
    as_is = _named("G1", border, border + 6, "border") + _selection("G2", 6, 7)
    project = read_refi_project(_hand_edited_project(as_is), Path("p.qdpx"))
    assert [a.quote for a in project.annotations] == ["border", "😀"]


def test_a_code_colour_that_is_no_colour_is_the_automatic_one() -> None:
    """A codebook's colour that is none (``url(javascript:x)``, a colour with transparency,
    ``#80FF0000`` read either way) went into the codebook as written, shown by ``tags
    --json``; it is the automatic colour, and one given otherwise (``#ABC``, ``Teal``) is kept
    as the codebook keeps colours.  Each lost is said (it was lost without a word: a code
    of ``#GGGGGGGG`` or ``#1234567`` came in with the automatic colour, nothing telling why)."""
    given = ["url(javascript:x)", "#80FF0000", "#ABC", "Teal", "#GGGGGGGG", "#1234567", " "]
    qdc = (
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        "<Codes>"
        + "".join(
            f'<Code guid="C{n}" name="c{n}" isCodable="true" color="{colour}" />'
            for n, colour in enumerate(given)
        )
        + "</Codes></CodeBook>"
    ).encode()
    said: list[str] = []
    tags = read_codebook(qdc, Path("c.qdc"), said)
    assert [t.color for t in tags] == ["", "", "#aabbcc", "#008080", "", "", ""]
    lost = [(n, given[n]) for n in (0, 1, 4, 5)]  # an empty colour is none given
    assert said == [
        f"code 'c{n}': its colour {colour!r} is not an opaque colour; imported with the "
        "automatic one"
        for n, colour in lost
    ]


def test_a_project_whose_recordings_pass_what_a_document_may_inflate_to_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A QualCoder project carries its audio and PDF sources: together bigger than any Word
    file or book may inflate to, though only the project and its texts are read of it."""
    import os

    from tui_reader.core.documents.formats import archive

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 3 * 1024 * 1024)
    buffer = io.BytesIO()
    given = zipfile.ZipFile(io.BytesIO(_qualcoder_project(TEXT)))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for info in given.infolist():
            archive_file.writestr(info, given.read(info))
        for n in range(4):  # recordings: 4 MB that do not compress
            archive_file.writestr(f"sources/R{n}.m4a", os.urandom(1024 * 1024))
    project = read_refi_project(buffer.getvalue(), Path("big.qdpx"))
    assert project.sources == {"a.txt": TEXT}
    assert len(project.annotations) == 1


def test_two_codes_given_one_name_stay_two_codes_and_are_said() -> None:
    # "Pros/Cons" and "Pros-Cons" (a "/" is read as "-"), or two codes without a name, were
    # one code here: the codings of both went to it, without a word
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="C1" name="Pros/Cons" isCodable="true"/>'
        '<Code guid="C2" name="Pros-Cons" isCodable="true"/></Codes></CodeBook><Sources>'
        f'<TextSource guid="S1" name="a.txt"><PlainTextContent>{TEXT}</PlainTextContent>'
        f"{_selection('G1', 0, 5, 'C1')}{_selection('G2', 6, 7, 'C2')}</TextSource></Sources>"
        "</Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [t.name for t in project.tags] == ["Pros-Cons", "Pros-Cons (2)"]
    assert [a.tags for a in project.annotations] == [("Pros-Cons",), ("Pros-Cons (2)",)]
    assert project.skipped == [
        "code 'Pros/Cons' of GUID 'C1': a '/' parts the levels of a code here; imported as "
        "'Pros-Cons'",
        "code 'Pros-Cons' of GUID 'C2' has the name of code 'Pros/Cons' of GUID 'C1': "
        "imported as 'Pros-Cons (2)'",
    ]


def test_a_selection_s_guid_in_braces_goes_back_to_its_tool_as_that_guid(
    tmp_path: Path, options: ExportOptions
) -> None:
    # REFI-QDA's GUIDType takes a GUID in braces too, as tools on Windows write it: read here
    # and exported again, the selection kept its GUID, so its tool knows it as its own
    braced = "{8F2B3C4D-1A2B-4C3D-9E8F-0A1B2C3D4E5F}"
    data = _hand_edited_project(_selection(braced, 0, 5))
    project = read_refi_project(data, Path("p.qdpx"))
    [annotation] = project.annotations
    document = _doc(tmp_path)
    out = qdpx.render(
        [annotation.evolve(document="docs/a.txt")],
        {"docs/a.txt": document},
        project.tags,
        options,
    )
    qde = zipfile.ZipFile(io.BytesIO(out)).read("project.qde").decode("utf-8")
    assert f'<PlainTextSelection guid="{braced}"' in qde
    [again] = read_refi_project(out, Path("back.qdpx")).annotations
    assert again.id == annotation.id  # and it comes back here as the same annotation


def test_selection_ids_that_are_no_guids_keep_their_case(tmp_path: Path) -> None:
    """A tool whose selections are named S1 and s1 (no GUIDs) gave two passages one id, 's1',
    each lowercased as a GUID is: one took the other's place.  A GUID is read in lower case
    (a tool may write either); any other id as it is written."""
    start = TEXT.index("border as lived")
    selections = "".join(
        f'<PlainTextSelection guid="{sel}" startPosition="{s}" endPosition="{s + 6}" '
        f'creatingUser="U1"><Coding guid="K{n}" creatingUser="U1">'
        '<CodeRef targetGUID="C1"/></Coding></PlainTextSelection>'
        for n, (sel, s) in enumerate(
            (("S1", start), ("s1", 0), ("0A00000F-0000-4000-8000-00000000000A", start + 7))
        )
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="demo.qda"><Users><User guid="U1" name="bea" /></Users>'
        '<CodeBook><Codes><Code guid="C1" name="lived" isCodable="true" /></Codes></CodeBook>'
        '<Sources><TextSource plainTextPath="internal://P1.txt" guid="D1" name="a.txt">'
        f"{selections}</TextSource></Sources></Project>"
    )
    qdpx_bytes = _zipped(qde, {"sources/P1.txt": TEXT.encode("utf-8")})
    project = read_refi_project(qdpx_bytes, Path("demo.qdpx"))
    assert sorted(a.id for a in project.annotations) == [
        "0a00000f-0000-4000-8000-00000000000a",
        "S1",
        "s1",
    ]


def test_a_note_linked_from_outside_the_project_is_read_from_beside_it(tmp_path: Path) -> None:
    """A note whose text is a file linked from outside the project (``relative://``, as
    MAXQDA links external files) was read as nothing, without a word: an empty journal
    entry.  It is read from beside the project, as such a source is, in its encoding; one
    not there is said and left out."""
    notes = "".join(
        f'<Note guid="N{n}" name="Visit {n}" plainTextPath="relative://notes/N{n}.txt" />'
        for n in (1, 2)
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        f'name="p" origin="MAXQDA 24"><Notes>{notes}</Notes></Project>'
    )
    project = tmp_path / "p.qdpx"
    project.write_bytes(_zipped(qde))
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "N1.txt").write_bytes("Très réservée.\r\n".encode("cp1252"))
    read = read_refi_project(project.read_bytes(), project)
    assert [(m.id, m.text) for m in read.memos] == [("N1", "# Visit 1\n\nTrès réservée.\n")]
    assert read.skipped == [
        "note 'Visit 2': its text (relative://notes/N2.txt) is not beside the project; not imported"
    ]


_PROJECT_BODY = (
    '<CodeBook><Codes><Code guid="C1" name="army" isCodable="true"/></Codes></CodeBook>'
    '<Sources><TextSource guid="S1" name="a.txt"><PlainTextContent>The army came.'
    '</PlainTextContent><PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" '
    'startPosition="4" endPosition="8"><Coding guid="K1"><CodeRef targetGUID="C1"/></Coding>'
    "</PlainTextSelection></TextSource></Sources>"
)


@pytest.mark.parametrize("xmlns", [' xmlns="urn:QDA-XML:project:1.5"', ""])
def test_a_project_in_another_version_s_namespace_or_none_is_read(xmlns: str) -> None:
    """A project whose XML is in another version's namespace, or in none (a script that
    wrote the elements without their ``xmlns``), was read as one holding nothing: "imported 0
    annotations", exit 0, every coding lost without a word."""
    qde = f'<?xml version="1.0" encoding="utf-8"?>\n<Project{xmlns} name="p">{_PROJECT_BODY}</Project>'
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.quote, a.tags) for a in project.annotations] == [("army", ("army",))]
    book = f'<?xml version="1.0"?>\n<CodeBook{xmlns.replace("project", "codebook")}>'
    book += '<Codes><Code guid="C1" name="army" isCodable="true"/></Codes></CodeBook>'
    assert [t.name for t in read_codebook(book.encode(), Path("c.qdc"))] == ["army"]


@pytest.mark.parametrize(
    ("root", "said"),
    [
        ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0">', "a <CodeBook>, not the <Project>"),
        ('<Project xmlns="urn:example:other">', "the namespace 'urn:example:other'"),
    ],
)
def test_a_project_of_no_refi_qda_project_xml_is_refused_for_what_it_is(
    root: str, said: str
) -> None:
    """A codebook zipped as a project, or a project of another format's namespace, was read
    as a project holding nothing (exit 0); it is now refused, saying what its XML is."""
    end = root[1 : root.index(" ")]
    qde = f'<?xml version="1.0" encoding="utf-8"?>\n{root}{_PROJECT_BODY}</{end}>'
    with pytest.raises(TuiReaderError, match=said):
        read_refi_project(_zipped(qde), Path("p.qdpx"))


@pytest.mark.parametrize("named", [str.lower, lambda guid: f"{{{guid}}}"])
def test_guids_named_in_another_case_than_declared_are_the_same_guids(
    named: Callable[[str], str],
) -> None:
    """A GUID is the same in either case (RFC 4122; the standard's schema takes both): a
    project declaring its code, user, source and variable in upper case and naming them in
    lower case lost the coding ("no code in the codebook"), the passage's coder and the
    case's value and name, the last two without a word; so did one named in braces
    (``{5AB6…}``), as the schema takes a GUID too."""
    code, user, source, variable = (
        f"{n}AB6BB10-2A40-5CE9-8418-67814E160063" for n in ("1", "2", "3", "4")
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        f'name="p"><Users><User guid="{user}" name="ana"/></Users><CodeBook><Codes>'
        f'<Code guid="{code}" name="army" isCodable="true"/></Codes></CodeBook><Variables>'
        f'<Variable guid="{variable}" name="Region" typeOfVariable="Text"/></Variables><Cases>'
        f'<Case guid="K1" name="Anna"><VariableValue><VariableRef targetGUID="{named(variable)}"/>'
        f'<TextValue>Norte</TextValue></VariableValue><SourceRef targetGUID="{named(source)}"/>'
        f'</Case></Cases><Sources><TextSource guid="{source}" name="a.txt"><PlainTextContent>'
        "The army came.</PlainTextContent><PlainTextSelection "
        'guid="0A000000-0000-4000-8000-000000000001" startPosition="4" endPosition="8" '
        f'creatingUser="{named(user)}"><Coding guid="K2" creatingUser="{named(user)}">'
        f'<CodeRef targetGUID="{named(code)}"/></Coding></PlainTextSelection></TextSource>'
        "</Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.quote, a.tags, a.coder) for a in project.annotations] == [("army", ("army",), "ana")]
    assert project.attributes == {"a.txt": {"Region": "Norte", "case": "Anna"}}
    assert (project.skipped, project.left_out) == ([], 0)


@pytest.mark.parametrize(
    ("path", "member"),
    [
        ("internal://Interview%201.txt", "sources/Interview 1.txt"),  # a URL, as the standard
        ("internal://texts\\Interview 1.txt", "Sources/texts/Interview 1.txt"),  # Windows
    ],
)
def test_an_internal_path_written_as_a_url_or_with_backslashes_is_read(
    path: str, member: str
) -> None:
    """An ``internal://`` path written as the URL the standard calls it (a space as
    ``%20``), or with a Windows backslash where a zip's names have ``/``, was "not in the
    project", the source and its codings left out, though the archive held its text."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="C1" name="army" isCodable="true"/></Codes>'
        f'</CodeBook><Sources><TextSource guid="S1" name="a.txt" plainTextPath="{path}">'
        '<PlainTextSelection guid="X1" startPosition="4" endPosition="8"><Coding guid="K1">'
        '<CodeRef targetGUID="C1"/></Coding></PlainTextSelection></TextSource></Sources>'
        "</Project>"
    )
    project = read_refi_project(_zipped(qde, {member: b"The army came."}), Path("p.qdpx"))
    assert [(a.quote, a.tags) for a in project.annotations] == [("army", ("army",))]
    assert (project.skipped, project.left_out) == ([], 0)


def test_a_coding_of_a_whole_source_is_said_or_puts_it_in_its_case() -> None:
    """The standard lets a source itself be coded (a ``Coding`` of the ``TextSource``, or of
    a PDF's ``Representation``, beside its selections: the document coded as a whole); such
    codings were dropped without a word, exit 0.  No passage here is a whole document: each
    is now said, naming its code, and counted as left out (exit 1); one with the code of a
    case (NVivo writes each case as a code too) puts the document in that case instead, its
    name and values given to it as a passage so coded gives them."""
    selection = (
        '<PlainTextSelection guid="{g}" startPosition="4" endPosition="8"><Coding guid="K{g}">'
        '<CodeRef targetGUID="C1"/></Coding></PlainTextSelection>'
    )
    whole = '<Coding guid="W{g}"><CodeRef targetGUID="{code}"/></Coding>'
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><CodeBook><Codes><Code guid="C1" name="army" '
        'isCodable="true"/><Code guid="C2" name="Interviews" isCodable="true"/><Code '
        'guid="K1" name="Anna" isCodable="true"/></Codes></CodeBook><Variables><Variable '
        'guid="V1" name="Age" typeOfVariable="Integer"/></Variables><Cases><Case guid="K1" '
        'name="Anna"><VariableValue><VariableRef targetGUID="V1"/><IntegerValue>34'
        "</IntegerValue></VariableValue></Case></Cases><Sources>"
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>The army came.</PlainTextContent>'
        f"{selection.format(g=1)}{whole.format(g=1, code='C2')}</TextSource>"
        '<PDFSource guid="S2" name="b.pdf"><Representation guid="R2"><PlainTextContent>'
        f"The army left.</PlainTextContent>{selection.format(g=2)}"
        f"{whole.format(g=2, code='C2')}</Representation></PDFSource>"
        '<TextSource guid="S3" name="c.txt"><PlainTextContent>The army sang.</PlainTextContent>'
        f"{whole.format(g=3, code='K1')}</TextSource></Sources></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.document, a.quote, a.tags) for a in project.annotations] == [
        ("a.txt", "army", ("army",)),
        ("b.pdf", "army", ("army",)),
    ]
    assert [line for line in project.skipped if "whole" in line] == [
        "TextSource a.txt: 1 coding of the whole source ('Interviews'), not of a passage "
        "of its text; not imported",
        "PDFSource b.pdf: 1 coding of the whole source ('Interviews'), not of a passage "
        "of its text; not imported",
    ]
    assert project.left_out == 2
    assert project.attributes["c.txt"] == {"Age": 34, "case": "Anna"}


def test_the_notes_of_passages_qualcoder_writes_are_those_passages_notes() -> None:
    """QualCoder writes each annotation of a text as a note holding its selection, with its
    time and maker on the note, and refers to the first of a file's alone from the file
    (its export's loop stops at the first).  The passage of a note the file refers to came
    in with no time (the note's not read), and every other annotation became a journal
    entry, its passage dropped without a word.  A note nothing refers to is the note of the
    one text source its selection fits in; one that fits in several is said."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="3.6"><Users><User guid="U1" name="ana"/><User guid="U2" name="ben"/>'
        '</Users><CodeBook><Codes><Code guid="C1" name="time" isCodable="true"/></Codes>'
        '</CodeBook><Sources><TextSource guid="S1" name="a.txt">'
        "<PlainTextContent>The army came at night.</PlainTextContent>"
        '<PlainTextSelection guid="S-0" startPosition="17" endPosition="22" creatingUser="U2" '
        'creationDateTime="2024-05-01T10:00:00Z"><Coding guid="K1" creatingUser="U2">'
        '<CodeRef targetGUID="C1"/></Coding></PlainTextSelection>'
        '<NoteRef targetGUID="N1"/></TextSource><TextSource guid="S2" name="b.txt">'
        "<PlainTextContent>A short one.</PlainTextContent></TextSource></Sources><Notes>"
        '<Note guid="N1" creatingUser="U1" creationDateTime="2024-05-02T10:00:00Z">'
        "<PlainTextContent>Which army?</PlainTextContent>"
        '<PlainTextSelection guid="S-1" startPosition="4" endPosition="8"/></Note>'
        '<Note guid="N2" creatingUser="U2" creationDateTime="2024-05-03T10:00:00Z">'
        "<PlainTextContent>When?</PlainTextContent>"
        '<PlainTextSelection guid="S-2" startPosition="17" endPosition="22"/></Note>'
        '<Note guid="N3" creatingUser="U2" creationDateTime="2024-05-04T10:00:00Z">'
        "<PlainTextContent>Who?</PlainTextContent>"
        '<PlainTextSelection guid="S-3" startPosition="0" endPosition="3"/></Note>'
        "</Notes></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    # ben's note on the passage he coded: one annotation, as with a note the file refers to
    assert [
        (a.document, a.quote, a.tags, a.note, a.coder, a.created) for a in project.annotations
    ] == [
        ("a.txt", "night", ("time",), "When?", "ben", "2024-05-01T10:00:00Z"),
        ("a.txt", "army", (), "Which army?", "ana", "2024-05-02T10:00:00Z"),
    ]
    assert [(m.kind, m.text) for m in project.memos] == [(MemoKind.JOURNAL, "Who?")]
    [line] = [s for s in project.skipped if "names no source" in s]
    assert "characters 0 to 3" in line and "'a.txt', 'b.txt'" in line


def test_a_note_qualcoder_wrote_unescaped_is_read_as_written() -> None:
    """QualCoder writes an annotation's text into its note's PlainTextContent as it is,
    unescaped: a project with a comment "Q&A at <08:10>" on a passage was refused whole as
    "not well-formed XML".  A note's text holding a bare & or < is read as written, and said."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="3.6"><Users><User guid="U1" name="ana"/></Users><Sources>'
        '<TextSource guid="S1" name="a.txt">'
        "<PlainTextContent>The army came at night.</PlainTextContent>"
        '<NoteRef targetGUID="N1"/></TextSource></Sources><Notes>'
        '<Note guid="N1" creatingUser="U1" creationDateTime="2024-05-02T10:00:00Z">'
        "<PlainTextContent>Q&A at <08:10> & R&amp;D &#233;</PlainTextContent>"
        '<PlainTextSelection guid="S-1" startPosition="4" endPosition="8"/></Note>'
        "</Notes></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.quote, a.note) for a in project.annotations] == [("army", "Q&A at <08:10> & R&D é")]
    assert any("1 note's text" in line and "unescaped" in line for line in project.skipped)
    broken = qde.replace("</Sources>", "<Sources>")  # damaged otherwise: refused as before
    with pytest.raises(TuiReaderError, match="not well-formed XML"):
        read_refi_project(_zipped(broken), Path("p.qdpx"))


def test_users_without_a_name_stay_coders_apart() -> None:
    """The standard's ``User`` may have no ``name``: the codings of two such users, and of
    a named one too, came in with no coder, as one coder's (agreement between them gone,
    without a word).  Among several users, each without a name is named ``user`` and its
    GUID's first characters, said; a project's one user without a name is no coder."""
    first, second = "5AB6C7D8-0000-4000-8000-000000000001", "5AB6C7D8-0000-4000-8000-000000000002"
    selection = (
        '<PlainTextSelection guid="0A000000-0000-4000-8000-00000000000{n}" startPosition="{s}" '
        'endPosition="{e}" creatingUser="{user}"><Coding guid="0B000000-0000-4000-8000-'
        '00000000000{n}" creatingUser="{user}"><CodeRef targetGUID="C1"/></Coding>'
        "</PlainTextSelection>"
    )
    selections = "".join(
        selection.format(n=n, s=s, e=e, user=user)
        for n, s, e, user in ((1, 0, 3, first.lower()), (2, 4, 8, second), (3, 9, 13, "U3"))
    )

    def project(users: str) -> bytes:
        return _zipped(
            '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
            f'name="p"><Users>{users}</Users><CodeBook><Codes><Code guid="C1" name="army" '
            'isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="S1" name="a.txt">'
            f"<PlainTextContent>The army came.</PlainTextContent>{selections}</TextSource>"
            "</Sources></Project>"
        )

    users = f'<User guid="{first}"/><User guid="{second}" name=" "/><User guid="U3" name="ben"/>'
    read = read_refi_project(project(users), Path("p.qdpx"))
    assert [(a.quote, a.coder) for a in read.annotations] == [
        ("The", "user 5ab6c7d8"),
        ("army", "user 5ab6c7d8-000"),
        ("came", "ben"),
    ]
    assert read.skipped == [
        "2 users without a name: their codings are given 'user 5ab6c7d8', 'user 5ab6c7d8-000'"
    ]
    assert read.left_out == 0
    alone = read_refi_project(project(f'<User guid="{first}"/>'), Path("p.qdpx"))
    assert [a.coder for a in alone.annotations] == ["", "", ""]
    assert alone.skipped == []


@pytest.mark.parametrize(
    ("declared", "named"),
    [
        ("5AB6C7D8-0000-4000-8000-0000000000AA", "5ab6c7d8-0000-4000-8000-0000000000aa"),
        ("5ab6c7d8-0000-4000-8000-0000000000aa", "{5AB6C7D8-0000-4000-8000-0000000000AA}"),
    ],
)
def test_a_note_a_selection_names_in_another_case_is_its_passages_note(
    declared: str, named: str
) -> None:
    """A selection's ``NoteRef`` naming its note's GUID in another case than the note
    declares it (or in braces) found no note: the passage came in without its note, and
    the note as a journal entry ("# n")."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="C1" name="army" isCodable="true"/></Codes>'
        '</CodeBook><Sources><TextSource guid="S1" name="a.txt"><PlainTextContent>The army '
        'came.</PlainTextContent><PlainTextSelection guid="0A000000-0000-4000-8000-0000000000'
        '01" startPosition="4" endPosition="8"><Coding guid="0B000000-0000-4000-8000-00000000'
        f'0001"><CodeRef targetGUID="C1"/></Coding><NoteRef targetGUID="{named}"/>'
        f'</PlainTextSelection></TextSource></Sources><Notes><Note guid="{declared}" name="n">'
        "<PlainTextContent>Said softly.</PlainTextContent></Note></Notes></Project>"
    )
    project = read_refi_project(_zipped(qde), Path("p.qdpx"))
    assert [(a.quote, a.note) for a in project.annotations] == [("army", "Said softly.")]
    assert (project.memos, project.skipped) == ([], [])


def _with_notes(selections: str, notes: str, source_refs: str = "") -> bytes:
    """:func:`_hand_edited_project` with these selections, the source's ``NoteRef``
    elements ``source_refs`` and ``notes`` (the project's ``Note`` elements)."""
    with zipfile.ZipFile(io.BytesIO(_hand_edited_project(selections))) as archive:
        qde = archive.read("project.qde").decode()
    qde = qde.replace("</TextSource>", f"{source_refs}</TextSource>")
    return _zipped(qde.replace("</Project>", f"<Notes>{notes}</Notes></Project>"))


def test_a_note_reference_to_a_note_the_project_lacks_is_said() -> None:
    """A ``NoteRef`` naming no note of the project (a note deleted, a project cut down by
    hand) was passed over without a word: its passage came in with no note."""
    selection = _selection("G1", 0, 5).replace(
        "</PlainTextSelection>", '<NoteRef targetGUID="N9"/></PlainTextSelection>'
    )
    note = '<Note guid="N1" name="kept"><PlainTextContent>Here.</PlainTextContent></Note>'
    refs = '<NoteRef targetGUID="N1"/><NoteRef targetGUID="N8"/>'
    project = read_refi_project(_with_notes(selection, note, refs), Path("p.qdpx"))
    assert [(a.quote, a.note) for a in project.annotations] == [("Naïve", "")]
    assert [m.text for m in project.memos] == ["Here."]
    assert project.skipped == [
        "2 note references name a note the project does not hold ('N9', 'N8'): "
        "no text of them to read"
    ]


def test_a_coding_without_a_code_is_said_and_its_passage_kept() -> None:
    """A ``Coding`` with no ``CodeRef`` gave a passage with no code, without a word."""
    empty = _selection("G2", 6, 7).replace('<CodeRef targetGUID="C1"/>', "")
    twice = _selection("G3", 0, 5).replace("</Coding>", '</Coding><Coding guid="KX"/>')
    project = read_refi_project(_hand_edited_project(empty + twice), Path("p.qdpx"))
    assert [(a.quote, a.tags) for a in project.annotations] == [("😀", ()), ("Naïve", ("border",))]
    assert project.skipped == [
        "2 codings without a code (no CodeRef): no code to give their passages"
    ]
    assert project.left_out == 0


def test_a_note_with_a_name_and_no_text_is_said() -> None:
    """A note with a name and no text came in as a journal entry ``# n`` without a word."""
    notes = '<Note guid="N1" name="Ideas"/><Note guid="N2" name="Later"><PlainTextContent/></Note>'
    project = read_refi_project(_with_notes("", notes), Path("p.qdpx"))
    assert [m.text for m in project.memos] == ["# Ideas\n", "# Later\n"]
    assert project.skipped == [
        "2 notes with a name and no text ('Ideas', 'Later'): each imported as a journal "
        "entry holding its name alone"
    ]
    alone = read_refi_project(_with_notes("", '<Note guid="N1" name="Ideas"/>'), Path("p"))
    assert alone.skipped == [
        "1 note with a name and no text ('Ideas'): imported as a journal entry holding its "
        "name alone"
    ]


def test_a_note_with_neither_a_name_nor_a_text_is_said_and_left_out() -> None:
    """A note with no name and no text (a note begun and left, in any tool) became an empty
    journal entry, nothing said: it is left out and counted, as other things dropped are;
    one the project's source refers to, an empty memo of its document, too.  A note whose
    text file the project lacks is said as before, not counted here."""
    notes = (
        '<Note guid="N1"/><Note guid="N2" name=""><PlainTextContent>  </PlainTextContent></Note>'
        '<Note guid="N3"/><Note guid="N4" name="kept"><PlainTextContent>Here.</PlainTextContent>'
        '</Note><Note guid="N5" plainTextPath="internal://gone.txt"/>'
    )
    refs = '<NoteRef targetGUID="N3"/>'
    project = read_refi_project(_with_notes("", notes, refs), Path("p.qdpx"))
    assert [(m.kind, m.text) for m in project.memos] == [(MemoKind.JOURNAL, "# kept\n\nHere.")]
    assert project.skipped == [
        "note 'N5': its text (internal://gone.txt) is not in the project; not imported",
        "3 notes with neither a name nor a text: not imported",
    ]
    alone = read_refi_project(_with_notes("", '<Note guid="N1"/>'), Path("p"))
    assert (alone.memos, alone.skipped) == (
        [],
        ["1 note with neither a name nor a text: not imported"],
    )


def test_a_selection_nested_inside_another_is_imported_too() -> None:
    """A selection written inside another selection was ignored without a word."""
    inner = _selection("G2", 6, 7)
    outer = _selection("G1", 0, 5).replace("</PlainTextSelection>", f"{inner}</PlainTextSelection>")
    project = read_refi_project(_hand_edited_project(outer), Path("p.qdpx"))
    assert sorted((a.id, a.quote) for a in project.annotations) == [("G1", "Naïve"), ("G2", "😀")]
    assert project.skipped == []


def test_a_passage_s_note_with_a_name_and_no_text_is_said() -> None:
    """A selection's note with a name and no text gave its passage no note, its name lost
    without a word."""
    selection = _selection("G1", 0, 5).replace(
        "</PlainTextSelection>", '<NoteRef targetGUID="N1"/></PlainTextSelection>'
    )
    project = read_refi_project(_with_notes(selection, '<Note guid="N1" name="Why"/>'), Path("p"))
    assert [(a.quote, a.note) for a in project.annotations] == [("Naïve", "")]
    assert project.memos == []
    assert project.skipped == [
        "1 note of a passage with a name and no text ('Why'): its passage imported with no note"
    ]


@pytest.mark.parametrize(
    "where",
    ["internal://../../../../etc/passwd", "absolute:///etc/passwd", "internal://S2.txt/../x.txt"],
)
def test_a_source_pointing_outside_the_archive_is_said_by_the_path_it_gives(where: str) -> None:
    # A project whose source names a path out of the archive (or out of the machine's
    # folders) while the archive holds a text named by the source's GUID: that text was said
    # not in the project, "(internal://S2.txt)", where it was, and the path given unsaid.
    # The source is left out, its path as given, and the GUID's text never read for it.
    data = _hand_edited_project(_selection("G1", 0, 5))
    source = (
        f'<TextSource guid="S2" name="b.txt" plainTextPath="{where}">'
        '<PlainTextSelection guid="G2" startPosition="0" endPosition="3"/></TextSource>'
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde").decode().replace("</Sources>", source + "</Sources>")
    project = read_refi_project(_zipped(qde, {"sources/S2.txt": b"Some text"}), Path("p.qdpx"))
    assert list(project.sources) == ["a.txt"]
    nor = "" if where.startswith("internal://") else ", nor beside it"
    assert project.skipped == [
        f"TextSource b.txt: its text is not in the project{nor} ({where}); not imported"
    ]
