"""Attributes and memos in the exports: Markdown front matter and memos, CSV columns,
REFI-QDA variables and notes (valid against the schema)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import xmlschema
from markdown_it import MarkdownIt

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import parse_document
from tui_reader.core.interchange import ExportOptions, get_format
from tui_reader.core.interchange.qdpx_read import read_refi_project

SCHEMA = Path(__file__).parent / "data" / "Project-mrt2019.xsd"
TEXT = "The army moved to the border.\nTroops stayed for a year.\n"
DOCUMENT = parse_document(TEXT.encode(), Path("int-1.txt"))
ANNOTATION = make_annotation("int-1.txt", TEXT, 4, 14, DOCUMENT.sha256, ("militarization",))
MEMOS = [
    Memo(MemoKind.DOCUMENT, "int-1.txt", "# Shy\nSpoke *little*.", created="2026-01-02T10:00:00Z"),
    Memo(MemoKind.CODE, "militarization", "Troops in civil roles.", created="2026-01-02T11:00:00Z"),
    Memo(MemoKind.JOURNAL, "", "First day of coding.", created="2026-01-03T09:00:00Z"),
]
OPTIONS = ExportOptions(
    exported_at="2026-01-04T00:00:00Z",
    attributes={"int-1.txt": {"country": "Mexico", "age": 34, "date": "2018-03-01", "id": "x"}},
    memos=MEMOS,
)


def render(name: str, options: ExportOptions = OPTIONS) -> str | bytes:
    return get_format(name).render([ANNOTATION], {"int-1.txt": DOCUMENT}, [], options)


def test_markdown_front_matter_and_memos() -> None:
    text = render("markdown")
    assert isinstance(text, str)
    assert text.startswith(
        '---\n"tui-reader": "export"\n"age": 34\n"country": "Mexico"\n"date": "2018-03-01"\n'
        '"id": "x"\n---\n\n# Annotations'
    )
    memos = text[text.index("## Memos") :]
    assert "### Documents" in memos and "> #### Shy\n> Spoke *little*." in memos
    assert "**#militarization**\n\n> Troops in civil roles." in memos
    assert "**2026-01-03 09:00 UTC**\n\n> First day of coding." in memos
    plain = render("markdown", ExportOptions(exported_at="2026-01-04T00:00:00Z"))
    assert isinstance(plain, str) and plain.startswith("# Annotations") and "Memos" not in plain


def test_a_note_of_one_document_has_its_attributes_as_properties_obsidian_shows() -> None:
    """The front matter held a note's attributes in a map under the document's name
    (attributes: -> "int-1.txt": -> ...), which Obsidian's Properties panel does not show and
    a Dataview table cannot name across notes (each note's key another).  A note of one
    document has them as its own properties; one named as Obsidian's own (tags, aliases,
    cssclasses, any case) as attribute:NAME, so that it is not read as the note's tags.  A
    note of several documents keeps a map for each.  The first property says the file is our
    export, an attribute so named written attribute:NAME too."""
    attributes = {"int-1.txt": {"Tags": "pilot", "aliases": "I1", "age": 34, "tui-reader": "b"}}
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", attributes=attributes)
    text = render("markdown", options)
    assert isinstance(text, str)
    head = text[: text.index("\n---\n") + 5]
    assert head == (
        '---\n"tui-reader": "export"\n"age": 34\n"attribute:Tags": "pilot"\n'
        '"attribute:aliases": "I1"\n"attribute:tui-reader": "b"\n---\n'
    )
    other = parse_document(b"Second interview.\n", Path("int-2.txt"))
    two = make_annotation("int-2.txt", "Second interview.\n", 0, 6, other.sha256, ("x",))
    documents = {"int-1.txt": DOCUMENT, "int-2.txt": other}
    both = get_format("markdown").render([ANNOTATION, two], documents, [], options)
    assert isinstance(both, str)
    assert both.startswith(
        '---\n"tui-reader": "export"\nattributes:\n  "int-1.txt":\n    "Tags": "pilot"\n'
    )


def test_markdown_code_memo_carries_the_tag_its_passages_carry() -> None:
    """A code's memo was headed by a tag of its own spelling (``#border_crossing``, the
    passages ``#border-crossing``): in Obsidian, the memo stood under another tag than the
    code's passages."""
    text_ = "Migrants crossed the border at night.\n"
    document = parse_document(text_.encode(), Path("int-2.txt"))
    annotation = make_annotation(
        "int-2.txt", text_, 0, 8, document.sha256, ("border crossing", "lang/c#")
    )
    memos = [
        Memo(MemoKind.CODE, "border crossing", "At night.", created="2026-01-02T11:00:00Z"),
        Memo(MemoKind.CODE, "lang/c#", "Sharp.", created="2026-01-02T11:00:00Z"),
    ]
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=memos)
    text = get_format("markdown").render([annotation], {"int-2.txt": document}, [], options)
    assert isinstance(text, str)
    tags = re.search(r"- Tags: (.*)", text)
    assert tags is not None
    memos_part = text[text.index("## Memos") :]
    headed = re.findall(r"\*\*(#\S+)\*\*", memos_part)
    assert headed == tags.group(1).split()


def test_markdown_front_matter_holds_only_what_yaml_can_print() -> None:
    """An attribute value holding DEL or a C1 control (a project imported from another tool)
    was written raw into the front matter, which YAML cannot hold: Obsidian refused the
    document's properties; a NEXT LINE or LINE SEPARATOR, raw, is a line break to YAML 1.1.
    Each is written as its escape, which YAML and JSON read alike."""
    value = "a\x85b\x7fc\u2028d\x9be\u00e9"
    options = ExportOptions(
        exported_at="2026-01-04T00:00:00Z", attributes={"int-1.txt": {"site": value}}
    )
    text = render("markdown", options)
    assert isinstance(text, str)
    head = text[: text.index("\n---\n")]
    printable = re.compile("[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
    assert printable.fullmatch(head)
    assert "\u2028" not in head and "\x85" not in head
    [line] = [line for line in head.splitlines() if line.strip().startswith('"site"')]
    assert json.loads(line.split(": ", 1)[1]) == value


def test_a_memo_with_old_mac_line_ends_stays_in_its_quote() -> None:
    """A carriage return alone is a line end to Markdown: a memo's HTML comment after one
    started at the left margin, outside the quote, and hid everything after it."""
    memo = Memo(MemoKind.JOURNAL, "", "Day one\r<!-- draft", created="2026-01-03T09:00:00Z")
    text = render("markdown", ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=[memo]))
    assert isinstance(text, str)
    assert "> Day one\n> <!-- draft" in text
    tokens = MarkdownIt("commonmark").parse(text + "\nNEXT\n")
    assert tokens[-3].type == "paragraph_open" and tokens[-3].level == 0
    assert tokens[-2].content == "NEXT"


def test_csv_has_a_column_per_attribute() -> None:
    text = render("csv")
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = rows[0]
    assert header[-4:] == ["age", "country", "date", "attribute:id"]  # "id" is taken
    assert rows[1][-4:] == ["34", "Mexico", "2018-03-01", "x"]


def _valid_project(data: str | bytes) -> tuple[bytes, str]:
    """A REFI-QDA project export and its ``project.qde``, valid against the schema."""
    assert isinstance(data, bytes)
    project = zipfile.ZipFile(io.BytesIO(data)).read("project.qde").decode()
    xmlschema.XMLSchema(str(SCHEMA)).validate(project)
    return data, project


def test_qdpx_variables_and_notes_are_valid_refi() -> None:
    _, project = _valid_project(render("qdpx"))
    kinds = dict(re.findall(r'name="([^"]+)" typeOfVariable="([^"]+)"', project))
    assert kinds == {"age": "Integer", "country": "Text", "date": "Date", "id": "Text"}
    assert "<IntegerValue>34</IntegerValue>" in project
    assert "<DateValue>2018-03-01</DateValue>" in project
    assert project.count("<Note ") == 3
    assert 'name="Code memo: militarization"' in project
    source = project[project.index("<TextSource") : project.index("</TextSource>")]
    assert "<NoteRef" in source  # the document's memo, referred to from its source
    # the journal's entry is the project's own note
    assert re.search(r'</Notes>\s*<NoteRef targetGUID="[^"]+" />\s*</Project>', project)


def test_a_boolean_or_date_and_time_variable_goes_back_as_one() -> None:
    """A MAXQDA or ATLAS.ti project's Boolean and DateTime variables, imported (their values
    ``true``, ``2024-03-01T10:00:00Z``), went back to them in our project as Text."""
    values = {"consent": "true", "seen": "2024-03-01T10:00:00Z", "odd": "2024-13-01T10:00:00"}
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", attributes={"int-1.txt": values})
    data, project = _valid_project(render("qdpx", options))
    kinds = dict(re.findall(r'name="([^"]+)" typeOfVariable="([^"]+)"', project))
    assert kinds == {"consent": "Boolean", "odd": "Text", "seen": "DateTime"}
    assert "<BooleanValue>true</BooleanValue>" in project
    assert "<DateTimeValue>2024-03-01T10:00:00Z</DateTimeValue>" in project
    back = read_refi_project(data, Path("p.qdpx")).attributes
    assert back == {"int-1.txt": values}


def test_a_very_small_or_large_number_is_a_decimal_the_schema_takes() -> None:
    """A number attribute of 0.00001 (a share, a weight) went to the project as
    ``<FloatValue>1e-05</FloatValue>``, and 1.5e20 beside 2.5 as ``1.5e+20``: the
    standard's FloatValue is an ``xsd:decimal``, which has no exponent, so the whole project
    failed the schema a tool validates it by.  Each is written as the decimal it is, and
    read back the same number."""
    other = parse_document(b"Second interview.\n", Path("int-2.txt"))
    values = {
        "int-1.txt": {"share": 0.00001, "mass": 1.5e20, "tiny": -2.5e-9},
        "int-2.txt": {"share": 0.5, "mass": 2.5, "tiny": 3},
    }
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", attributes=values)
    documents = {"int-1.txt": DOCUMENT, "int-2.txt": other}
    data, project = _valid_project(get_format("qdpx").render([ANNOTATION], documents, [], options))
    written = re.findall(r"<FloatValue>([^<]*)</", project)
    assert sorted(written) == sorted(
        ["0.00001", "150000000000000000000", "-0.0000000025", "0.5", "2.5", "3"]
    )
    assert read_refi_project(data, Path("p.qdpx")).attributes == values


def test_qdpx_notes_text_is_in_a_file_of_its_own_as_qualcoder_reads_it() -> None:
    """QualCoder's import reads a note's text only from the file its ``plainTextPath``
    names (in the project's sources), and takes a note without one for no journal entry:
    every memo of ours was left out there.  Each note names its own file now, holding its
    text, and keeps its ``PlainTextContent`` (the schema's other form, which we read); but a
    code's memo, which QualCoder reads from the code's ``Description`` (a file would make it
    a journal entry there too)."""
    data = render("qdpx")
    assert isinstance(data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(data))
    project = archive.read("project.qde").decode()
    xmlschema.XMLSchema(str(SCHEMA)).validate(project)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    texts = {}
    for note in ElementTree.fromstring(project).iterfind("q:Notes/q:Note", ns):
        path = note.get("plainTextPath") or ""
        if note.get("name") == "Code memo: militarization":
            assert not path
            continue
        assert path.startswith("internal://"), ElementTree.tostring(note)
        # as QualCoder does: the path after 'internal:/', in the sources folder
        text = archive.read("sources" + path.split("internal:/")[1]).decode("utf-8")
        assert text == note.findtext("q:PlainTextContent", namespaces=ns)
        texts[note.get("name")] = text
    assert sorted(texts.values()) == sorted(m.text for m in MEMOS if m.kind != MemoKind.CODE)


def test_qdpx_code_memo_is_referred_to_from_its_code() -> None:
    """A code's memo was a note nothing referred to: ATLAS.ti, MAXQDA and NVivo showed it as
    a loose note, not the code's; the code refers to it (``NoteRef``), as a source does."""
    _, project = _valid_project(render("qdpx"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ElementTree.fromstring(project)
    code = root.find(".//q:Code[@name='militarization']", ns)
    assert code is not None
    notes = {n.get("name"): n.get("guid") for n in root.iterfind("q:Notes/q:Note", ns)}
    refs = [ref.get("targetGUID") for ref in code.iterfind("q:NoteRef", ns)]
    assert refs == [notes["Code memo: militarization"]]


def test_qdpx_notes_are_read_back_as_the_memos_they_were() -> None:
    from tui_reader.core.interchange.qdpx_read import read_refi_project

    data = render("qdpx")
    assert isinstance(data, bytes)
    project = read_refi_project(data, Path("p.qdpx"))
    back = {(m.kind, m.target, m.text.strip()) for m in project.memos}
    assert back == {
        (MemoKind.DOCUMENT, "int-1.txt", "# Shy\nSpoke *little*."),
        (MemoKind.CODE, "militarization", "Troops in civil roles."),
        (MemoKind.JOURNAL, "", "First day of coding."),
    }


def test_qdpx_memo_of_a_code_the_codebook_lacks_is_read_back_as_that_codes() -> None:
    """A code's memo outlives its code: exported as a note no code refers to (the codebook
    has no such code), it came back from the project as a journal entry headed "Code memo:
    actors/army" instead of the memo of that code."""
    from tui_reader.core.interchange.qdpx_read import read_refi_project

    orphan = Memo(MemoKind.CODE, "actors/army", "Gone from the codebook.")
    data = render("qdpx", ExportOptions(memos=[*MEMOS, orphan]))
    assert isinstance(data, bytes)
    xmlschema.XMLSchema(str(SCHEMA)).validate(
        zipfile.ZipFile(io.BytesIO(data)).read("project.qde").decode()
    )
    back = read_refi_project(data, Path("p.qdpx")).memos
    assert {(m.kind, m.target, m.text.strip()) for m in back} == {
        (MemoKind.DOCUMENT, "int-1.txt", "# Shy\nSpoke *little*."),
        (MemoKind.CODE, "militarization", "Troops in civil roles."),
        (MemoKind.CODE, "actors/army", "Gone from the codebook."),
        (MemoKind.JOURNAL, "", "First day of coding."),
    }


def test_qdpx_memos_keep_their_dates() -> None:
    """Each note was dated with the export's time: a journal entry written on 3 January came
    back from the project as one of the day of the export."""
    from tui_reader.core.interchange.qdpx_read import read_refi_project

    edited = Memo(
        MemoKind.JOURNAL,
        "",
        "Second day.",
        created="2026-01-03T09:00:00Z",
        updated="2026-01-03T17:30:00Z",
    )
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=[*MEMOS, edited])
    data = render("qdpx", options)
    assert isinstance(data, bytes)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("project.qde").decode()
    xmlschema.XMLSchema(str(SCHEMA)).validate(xml)
    back = read_refi_project(data, Path("p.qdpx")).memos
    assert {m.text.strip(): (m.created, m.updated) for m in back} == {
        m.text: (m.created, m.updated) for m in (*MEMOS, edited)
    }


def test_qdpx_memos_keep_their_ids() -> None:
    """Each note's GUID was made from the memo's id: a project exported then imported gave
    every memo a new id, so importing it back beside the memos it came from, or following a
    memo by its id, met strangers.  A memo's id (a GUID already) is its note's GUID."""
    from tui_reader.core.interchange.qdpx_read import read_refi_project

    data = render("qdpx")
    assert isinstance(data, bytes)
    back = read_refi_project(data, Path("p.qdpx")).memos
    assert {m.text.strip(): m.id for m in back} == {m.text: m.id for m in MEMOS}


def test_another_tools_notes_are_memos_and_none_is_left_behind() -> None:
    from tui_reader.core.interchange.qdpx_read import read_refi_project

    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p"><CodeBook><Codes><Code guid="C1" name="border" isCodable="true">'
        '<NoteRef targetGUID="N2"/></Code></Codes></CodeBook><Sources>'
        '<TextSource guid="S1" name="a.txt"><PlainTextContent>text</PlainTextContent>'
        '<NoteRef targetGUID="N1"/></TextSource></Sources><Notes>'
        '<Note guid="N1" name="about a"><PlainTextContent>on a</PlainTextContent></Note>'
        '<Note guid="N2" name="about border"><PlainTextContent>on border</PlainTextContent></Note>'
        '<Note guid="N3" name="Reflections" creationDateTime="2026-01-01T00:00:00Z">'
        "<PlainTextContent>loose</PlainTextContent></Note></Notes></Project>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
    project = read_refi_project(buffer.getvalue(), Path("p.qdpx"))
    assert [(m.kind, m.target, m.text, m.id) for m in project.memos] == [
        (MemoKind.DOCUMENT, "a.txt", "on a", "N1"),
        (MemoKind.CODE, "border", "on border", "N2"),
        (MemoKind.JOURNAL, "", "# Reflections\n\nloose", "N3"),
    ]
    assert project.memos[2].created == "2026-01-01T00:00:00Z"


def test_csv_writes_a_negative_number_attribute_as_a_number_and_guards_text() -> None:
    options = ExportOptions(
        exported_at="2026-01-04T00:00:00Z",
        attributes={"int-1.txt": {"temp": -5, "delta": -2.5, "site": "-x", "f": "=1+1"}},
    )
    text = render("csv", options)
    assert isinstance(text, str)
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    cells = dict(zip(header, row, strict=True))
    assert (cells["temp"], cells["delta"]) == ("-5", "-2.5")
    assert (cells["site"], cells["f"]) == ("'-x", "'=1+1")
    raw = render("csv-raw", options)
    assert isinstance(raw, str) and raw.endswith(",-2.5,=1+1,-x,-5\r\n")  # as they are


def test_the_case_of_each_document_is_a_case_of_the_project() -> None:
    """A project held no ``Cases``: the case of each document (its attribute ``case``, as an
    import of another tool's cases gives it) reached other tools only as a variable.  Each
    case is a ``Case`` referring to the sources of its documents, read back as their case."""
    texts = {name: parse_document(TEXT.encode(), Path(name)) for name in ("a.txt", "b.txt")}
    texts["c.txt"] = parse_document(b"Another text.\n", Path("c.txt"))
    options = ExportOptions(
        exported_at="2026-01-04T00:00:00Z",
        attributes={"a.txt": {"case": "Anna", "age": 34}, "b.txt": {"case": "Anna"}},
    )
    data, project = _valid_project(get_format("qdpx").render([], texts, [], options))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ElementTree.fromstring(project)
    sources = {s.get("guid"): s.get("name") for s in root.iterfind("q:Sources/*", ns)}
    cases = {
        case.get("name"): [sources[r.get("targetGUID")] for r in case.iterfind("q:SourceRef", ns)]
        for case in root.iterfind("q:Cases/q:Case", ns)
    }
    assert cases == {"Anna": ["a.txt", "b.txt"]}
    back = read_refi_project(data, Path("p.qdpx"))
    assert back.attributes == {
        "a.txt": {"case": "Anna", "age": 34},
        "b.txt": {"case": "Anna"},
        "c.txt": {},
    }


def test_an_attribute_spelled_two_ways_is_one_column_variable_and_name() -> None:
    """One attribute in two spellings (Country on one document, country on two: a database
    from before attr set took the corpus's spelling, or an import) was two half-empty CSV
    columns, two variables of the project and two names in Markdown's front matter, where a
    query and a report take it as one.  It is one, spelled as most documents spell it; the
    project export keeps the records as stored."""
    texts = {name: parse_document(TEXT.encode(), Path(name)) for name in ("a.txt", "b.txt")}
    texts["c.txt"] = parse_document(b"Another text.\n", Path("c.txt"))
    options = ExportOptions(
        exported_at="2026-01-04T00:00:00Z",
        attributes={
            "a.txt": {"Country": "Mexico", "age": 34},
            "b.txt": {"country": "Chile"},
            "c.txt": {"country": "Peru", "Age": 40},
        },
    )
    text = get_format("csv").render([], texts, [], options)
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][-2:] == ["Age", "country"]  # a tie: the first in code point order
    assert sorted(tuple(row[1:2] + row[-2:]) for row in rows[1:]) == [
        ("a.txt", "34", "Mexico"),
        ("b.txt", "", "Chile"),
        ("c.txt", "40", "Peru"),
    ]
    data = get_format("qdpx").render([], texts, [], options)
    assert isinstance(data, bytes)
    project = zipfile.ZipFile(io.BytesIO(data)).read("project.qde").decode()
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ElementTree.fromstring(project)
    assert sorted(v.get("name") for v in root.iterfind("q:Variables/q:Variable", ns)) == [
        "Age",
        "country",
    ]
    markdown = get_format("markdown").render([], texts, [], options)
    assert isinstance(markdown, str)
    assert markdown.startswith(
        '---\n"tui-reader": "export"\nattributes:\n  "a.txt":\n    "Age": 34\n'
        '    "country": "Mexico"\n'
        '  "b.txt":\n    "country": "Chile"\n  "c.txt":\n    "Age": 40\n    "country": "Peru"\n'
    )
    whole = get_format("project").render([], texts, [], options)
    assert isinstance(whole, str)
    assert json.loads(whole)["attributes"]["a.txt"] == {"Country": "Mexico", "age": 34}


def test_every_source_has_a_value_of_every_variable_as_qualcoder_keeps_them() -> None:
    """A document without a value of an attribute had no ``VariableValue`` of it: QualCoder,
    which keeps a row of every file attribute for every file (its own export writes one for
    each, empty or not), made none for that file on import, and a value typed there later
    into its empty cell was shown but never saved (it updates the row, adding none).  Each
    source has a ``VariableValue`` of every variable, one without a value where the document
    has none, as the schema allows; read back, it gives the document no value."""
    texts = {name: parse_document(TEXT.encode(), Path(name)) for name in ("a.txt", "b.txt")}
    options = ExportOptions(
        exported_at="2026-01-04T00:00:00Z",
        attributes={"a.txt": {"country": "Mexico", "age": 34}, "b.txt": {"age": 40}},
    )
    data, project = _valid_project(get_format("qdpx").render([], texts, [], options))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ElementTree.fromstring(project)
    names = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", ns)}

    def held(item: ElementTree.Element) -> tuple[str | None, str | None]:
        """The variable's name and its value (None: the element holds none)."""
        ref, *value = list(item)
        return names[ref.get("targetGUID")], value[0].text if value else None

    values = {
        source.get("name"): [held(item) for item in source.iterfind("q:VariableValue", ns)]
        for source in root.iterfind("q:Sources/q:TextSource", ns)
    }
    assert values == {
        "a.txt": [("age", "34"), ("country", "Mexico")],
        "b.txt": [("age", "40"), ("country", None)],
    }
    back = read_refi_project(data, Path("p.qdpx"))
    assert back.attributes == {"a.txt": {"country": "Mexico", "age": 34}, "b.txt": {"age": 40}}


def test_csv_header_writes_an_attribute_name_holding_an_escape_sequence_through_the_gate() -> None:
    """A database edited by hand (or another tool's) may name an attribute with an escape
    sequence, which ``attr set`` refuses: its value was written through the export gate, its
    column's name raw, and ``export -f csv`` to the terminal set its title and cleared it."""
    name = "ro\x1b]0;PW\x07\x1b[2J\x9b31m"
    options = ExportOptions(
        exported_at="2026-01-04T00:00:00Z", attributes={"int-1.txt": {name: "x\x1b[2J"}}
    )
    for fmt in ("csv", "csv-raw"):
        text = render(fmt, options)
        assert isinstance(text, str)
        header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert header[-1] == "ro\u241b]0;PW\u2407\u241b[2J\ufffd31m"
        assert row[-1] == "x\u241b[2J"
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)


def test_a_memos_headings_in_the_markdown_export_nest_under_its_memos_heading() -> None:
    """A document's memo opening with "# Lucía" came out as "> # Lucía": a title of the size
    of the export's own, quoted, under "### Documents".  The memo reads as the user wrote it,
    its headings nested as they were, the highest one level below the heading it is listed
    under, so that the file's outline goes Memos, Documents, Lucía."""
    memos = [
        Memo(MemoKind.DOCUMENT, "int-1.txt", "# Lucía\n\nShe spoke.\n\n## Later\n\nLess."),
        Memo(MemoKind.CODE, "militarization", "Ana\n===\n\nTroops."),
    ]
    options = ExportOptions(exported_at="2026-01-04T00:00:00Z", memos=memos)
    text = render("markdown", options)
    assert isinstance(text, str)
    memo_part = text[text.index("## Memos") :]
    lucia = "> #### Lucía\n>\n> She spoke.\n>\n> ##### Later\n>\n> Less."
    assert f"**The army moved to the border.**\n\n{lucia}" in memo_part
    assert "**#militarization**\n\n> #### Ana\n>\n> Troops." in memo_part
    assert memos[0].text.startswith("# Lucía")
