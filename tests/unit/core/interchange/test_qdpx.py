"""REFI-QDA export: a project valid against the standard's schema, and the codebook alone."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Annotation, Tag, make_annotation, reading_order
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import ExportError
from tui_reader.core.interchange import ExportOptions, is_orphan, qdc, qdpx, refi
from tui_reader.core.interchange.annotation_columns import AnnotationColumns

DATA = Path(__file__).parent / "data"
NS = {"q": "urn:QDA-XML:project:1.0"}
GUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
Golden = Callable[[str, str], None]


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DATA / "Project-mrt2019.xsd")


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DATA / "Codebook.xsd")


@pytest.fixture
def archive(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(qdpx.render(annotations, seed_documents, seed_tags, options)))


def test_project_is_valid_against_the_refi_schema(
    archive: zipfile.ZipFile, project_schema: xmlschema.XMLSchema
) -> None:
    project = archive.read("project.qde")
    assert not project.startswith(b"\xef\xbb\xbf")
    project_schema.validate(project.decode("utf-8"))


def test_project_matches_golden(archive: zipfile.ZipFile, golden: Golden) -> None:
    golden("project.qde", archive.read("project.qde").decode("utf-8"))


def test_zip_layout(archive: zipfile.ZipFile) -> None:
    names = archive.namelist()
    assert names[0] == "project.qde"
    sources = names[1:]
    assert sources and all(re.fullmatch(rf"sources/{GUID.pattern}\.txt", n) for n in sources)
    for name in sources:
        assert not archive.read(name).startswith(b"\xef\xbb\xbf")


def test_guids_are_8_4_4_4_12_and_references_resolve(archive: zipfile.ZipFile) -> None:
    root = ET.fromstring(archive.read("project.qde"))
    guids = [e.get("guid") for e in root.iter() if e.get("guid") is not None]
    assert guids and all(GUID.fullmatch(g or "") for g in guids)
    assert len(guids) == len(set(guids))
    codes = {e.get("guid") for e in root.iterfind(".//q:Code", NS)}
    refs = {e.get("targetGUID") for e in root.iterfind(".//q:CodeRef", NS)}
    assert refs and refs <= codes


def test_selections_are_code_point_positions_into_the_sources(
    archive: zipfile.ZipFile,
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
) -> None:
    root = ET.fromstring(archive.read("project.qde"))
    placed = {a.id.upper(): a for a in annotations if not is_orphan(a, seed_documents)}
    by_name = {Path(key).name: document for key, document in seed_documents.items()}
    seen = set()
    for source in root.iterfind(".//q:TextSource", NS):
        path = source.get("plainTextPath", "")
        assert path.startswith("internal://")
        text = archive.read("sources/" + path.removeprefix("internal://")).decode("utf-8")
        assert text == by_name[source.get("name", "")].text  # named without its folder
        for selection in source.iterfind("q:PlainTextSelection", NS):
            annotation = placed[selection.get("guid", "")]
            start, end = (
                int(selection.get("startPosition", -1)),
                int(selection.get("endPosition", -1)),
            )
            assert text[start:end] == annotation.quote
            codes = selection.findall("q:Coding/q:CodeRef", NS)
            assert len(codes) == len(annotation.tags)
            description = selection.find("q:Description", NS)
            assert (description.text if description is not None else "") == annotation.note
            seen.add(annotation.id.upper())
    assert seen == set(placed)  # every placed annotation, and no orphan


def test_orphans_are_left_out_and_listed(
    annotations: list[Annotation], seed_documents: dict[str, Document]
) -> None:
    left = qdpx.left_out(annotations, seed_documents)
    assert {a.id for a in left} == {a.id for a in annotations if is_orphan(a, seed_documents)}
    assert left


def test_hierarchy_and_categories(archive: zipfile.ZipFile) -> None:
    root = ET.fromstring(archive.read("project.qde"))
    policy = root.find(".//q:Codes/q:Code[@name='policy']", NS)
    assert policy is not None
    assert policy.get("isCodable") == "false"  # only its children are tags
    assert {c.get("name") for c in policy.findall("q:Code", NS)} == {"border control", "trade"}
    militarization = root.find(".//q:Code[@name='militarization']", NS)
    assert militarization is not None and militarization.get("color") == "#D9480F"


def test_text_that_xml_cannot_hold_keeps_positions(
    options: ExportOptions, project_schema: xmlschema.XMLSchema
) -> None:
    text = "before \ud800 after, a quote here"
    document = Document(
        path=Path("x.txt"),
        text=text,
        spans=(),
        title="x",
        format="text",
        encoding="utf-8",
        sha256="0" * 64,
    )
    start = text.index("a quote")
    annotation = make_annotation("x.txt", text, start, start + 7, "0" * 64, ("t",), "note \x0b")
    data = qdpx.render([annotation], {"x.txt": document}, [], options)
    archive = zipfile.ZipFile(io.BytesIO(data))
    project = archive.read("project.qde").decode("utf-8")
    project_schema.validate(project)
    [source] = [n for n in archive.namelist() if n.startswith("sources/")]
    stored = archive.read(source).decode("utf-8")
    assert stored[start : start + 7] == "a quote"


def test_codebook_is_valid_and_matches_golden(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    codebook_schema: xmlschema.XMLSchema,
    golden: Golden,
) -> None:
    text = qdc.render(annotations, seed_documents, seed_tags, options)
    codebook_schema.validate(text)
    golden("codebook.qdc", text)
    names = {e.get("name") for e in ET.fromstring(text).iter() if e.get("name")}
    assert {"unused", "boilerplate", "migration", "routes", "2017"} <= names


def test_codebook_and_project_share_guids(
    archive: zipfile.ZipFile,
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
) -> None:
    codebook = ET.fromstring(qdc.render(annotations, seed_documents, seed_tags, options))
    project = ET.fromstring(archive.read("project.qde"))
    in_codebook = {e.get("name"): e.get("guid") for e in codebook.iter() if e.get("guid")}
    in_project = {e.get("name"): e.get("guid") for e in project.iterfind(".//q:Code", NS)}
    shared = set(in_codebook) & set(in_project)
    assert shared and all(in_codebook[n] == in_project[n] for n in shared)


def test_empty_codebook_is_an_error(options: ExportOptions) -> None:
    with pytest.raises(ExportError, match="no tags"):
        qdc.render([], {}, [], options)


@pytest.mark.parametrize("fails_there", [False, True])
def test_selections_written_half_by_a_second_process_are_the_same_project(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
    fails_there: bool,
) -> None:
    """From ``SHARE_FROM`` passages a command has a forked copy write the second half of the
    documents' selections while it reads the sources: the project is byte for byte what one
    process makes, also when the copy fails (its half is made here then)."""
    import os

    from helpers.forking import counted_forks

    if not hasattr(os, "fork"):
        pytest.skip("a second process is forked")
    alone = qdpx.render(annotations, seed_documents, seed_tags, options)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(qdpx, "SHARE_FROM", 1)
    monkeypatch.setattr(qdpx, "core_free", lambda: True)
    if fails_there:
        parent, made = os.getpid(), qdpx._selections

        def failing(*args: object) -> str:
            if os.getpid() != parent:
                raise MemoryError  # as anything could, there
            return made(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(qdpx, "_selections", failing)
    assert len({a.document for a in annotations}) >= 2
    assert qdpx.render(annotations, seed_documents, seed_tags, options) == alone
    assert len(forks) == 1


_PLACES = st.tuples(
    st.sampled_from([(0, 4), (0, 4), (5, 9)]),
    st.sampled_from(["ana", "ana", "ben"]),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True),
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(_PLACES, max_size=12))
def test_selections_keep_every_annotation_once_and_no_coding_twice(
    rows: list[tuple[tuple[int, int], str, list[str]]],
) -> None:
    """Each annotation is in one selection; no two selections of one passage and coder
    share a code or both have none (QualCoder keeps one coding of a code per passage and
    coder); a selection joins only annotations of one passage and coder."""
    made = [
        Annotation(
            document="d.txt", start=s, end=e, quote="x", tags=tuple(t), coder=c, id=f"{i:03}"
        )
        for i, ((s, e), c, t) in enumerate(rows)
    ]
    made.sort(key=reading_order)
    columns = AnnotationColumns.of_annotations(made)
    selections = qdpx.selections_of_rows(columns, range(len(made)))
    assert sorted(r for rows_of in selections for r in rows_of) == list(range(len(made)))
    seen: set[tuple[int, int, str, str | None]] = set()
    for rows_of in selections:
        places = {(made[r].start, made[r].end, made[r].coder) for r in rows_of}
        assert len(places) == 1
        [(start, end, coder)] = places
        keys = {t for r in rows_of for t in made[r].tags} or {None}
        assert not keys & {k for s, e, c, k in seen if (s, e, c) == (start, end, coder)}
        seen.update((start, end, coder, k) for k in keys)


_LINES = st.lists(
    st.sampled_from(["a", "b c", "---", "----", "", " ", "From ben:"]), min_size=1, max_size=6
)


@settings(max_examples=examples(300), deadline=None)
@given(_LINES.map("\n".join), _LINES.map("\n".join))
def test_a_codes_description_and_memo_are_parted_as_they_were_joined(
    description: str, memo: str
) -> None:
    """The one text QualCoder keeps of a code's description and memo reads back as the two,
    a description or memo holding a rule of its own too ('Use for A.', a rule, 'Not for
    B.': the first rule parted them, the description cut there, its rest given the memo).
    One alone is written alone, as QualCoder shows it, unless it holds a rule that would cut
    it; read back as the other (a memo of one line), it is what the code holds here."""
    description, memo = description.strip(), memo.strip()
    text = refi.code_description(description, memo)
    parted = refi.parted_description(text)
    if bool(description) == bool(memo):  # both, or neither
        assert parted == (description, memo)
        return
    alone = description or memo
    assert text == alone or refi.parted_description(alone) not in ((alone, ""), ("", alone))
    here = [Tag("c", description=description)], [Memo(MemoKind.CODE, "c", memo)] if memo else []
    tags, memos = refi.as_described_here(
        [Tag("c", description=parted[0])],
        [Memo(MemoKind.CODE, "c", parted[1])] if parted[1] else [],
        *here,
    )
    assert tags[0].description in ("", description)
    assert [m.text for m in memos] in ([], [memo])
    if parted != (description, memo):  # read as the other: nothing of it taken again
        assert (tags[0].description, memos) == ("", [])


@settings(max_examples=examples(300), deadline=None)
@given(
    st.one_of(st.just(""), _LINES.map("\n".join)),
    _LINES.map("\n".join).map(str.strip).filter(bool),
    _LINES.map("\n".join).map(str.strip).filter(bool),
    st.sampled_from(["", "\n"]),
)
def test_a_memo_of_memos_merged_is_written_as_it_is_and_read_back_whole(
    description: str, first: str, second: str, end: str
) -> None:
    """A memo holding the rule ``---`` between two parts and ending in a line end (two
    memos merged) is written as it is, a line end after it, not below a longer rule
    QualCoder shows at its top; it reads back whole, and beside a description each reads
    back as it was (a memo ending otherwise too)."""
    description, memo = description.strip(), f"{first}\n\n---\n\n{second}{end}"
    text = refi.code_description(description, memo)
    assert refi.parted_description(text) == (description, memo)
    if not description and end and "----" not in memo and not memo.startswith("---"):
        # (as it is when the part after its first rule is headed as a merge heads a
        # colleague's memo: whole so)
        headed = memo.partition("\n\n---\n\n")[2].startswith("From ben:\n\n")
        assert text == (memo if headed else memo + "\n")


@pytest.mark.parametrize("end", ["\n", ""])
def test_a_memo_of_memos_merged_edited_in_qualcoder_reads_back_whole(end: str) -> None:
    """A code memo merged from a colleague is written with one empty line after it, which
    QualCoder shows, and reads back whole; with that line deleted in QualCoder (or its line
    end too) it came back split in two, the code's description "Night patrols." and a memo
    "From ben.json: ...": nothing lost, but the memo was no longer one.  The merge's
    "From NAME:" heading the part after the rule tells a memo of memos merged: whole."""
    from tui_reader.core.interchange.merge import memo_additions

    ours = Memo(MemoKind.CODE, "army", "Night patrols.\n")
    theirs = Memo(MemoKind.CODE, "army", "Ben: day patrols too.\n")
    _, [merged] = memo_additions([ours], [theirs], "ben.json")
    written = refi.code_description("", merged.text)
    assert refi.parted_description(written) == ("", merged.text)
    edited = merged.text.rstrip("\n") + end  # as QualCoder gives it back
    assert refi.parted_description(edited) == ("", edited)
    # merged twice, the last line taken away
    _, [twice] = memo_additions([merged], [Memo(MemoKind.CODE, "army", "Cy.\n")], "cy.json")
    assert refi.parted_description(twice.text.rstrip("\n")) == ("", twice.text.rstrip("\n"))


@pytest.mark.parametrize(
    ("description", "memo"),
    [
        ("Use for A.\n\n---\n\nNot for B.", "My memo.\nline 2"),
        ("Use for C.\n\n---\n\nNot for D.", ""),
        ("", "First part.\n\n---\n\nSecond part."),
        ("One line.", "---"),
        ("Crossings.", "Troops.\nAt night.\n\n"),
        ("Crossings.", "A memo merged.\n\n---\n\nFrom ben:\n\nTheirs.\n"),
        ("Crossings.", "From ben:\n\nA memo of theirs as a merge heads it.\n"),
        ("From ben:", "Theirs.\n"),
    ],
)
def test_a_code_description_holding_a_rule_is_parted_as_it_was_joined(
    description: str, memo: str
) -> None:
    """A description holding a rule of its own, with a memo or without one, came back from
    QualCoder (one text) cut at its own rule, its second part made the memo's."""
    assert refi.parted_description(refi.code_description(description, memo)) == (
        description,
        memo,
    )
