"""Every export format stays well formed whatever the strings hold (issue 15, items 2, 3, 5,
10): XML parses, JSON parses, CSV parses, everything encodes as UTF-8, and nothing that can
drive a terminal or reorder its text is left in what is printed."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.documents.document import parse_document
from tui_reader.core.interchange import FORMATS, ExportOptions

TEXT = "The Pentagon plan would crack down on the border.\n\nA second paragraph here.\n"
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)"
)
hostile = st.text(
    st.one_of(
        st.characters(codec=None),
        st.sampled_from("\x1b\x07\x00\n\r\t\x9b\u202e\u2066\udce9\ud800\ufffe<>&\"',=;#*[]"),
    ),
    max_size=12,
)


def parsed(fmt: str, payload: str | bytes) -> None:
    """Parse ``payload`` as format ``fmt`` would be read; fail when it is ill-formed."""
    if fmt == "qdpx":
        assert isinstance(payload, bytes)
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            ET.fromstring(archive.read("project.qde"))
            for name in archive.namelist():
                archive.read(name).decode("utf-8")
        return
    assert isinstance(payload, str)
    encoded = payload.encode("utf-8")  # raises on a lone surrogate
    assert not UNSAFE.search(payload), (fmt, payload[:200])
    if fmt in ("json", "w3c"):
        json.loads(payload)
    elif fmt in ("csv", "codebook-csv"):
        rows = list(csv.reader(io.StringIO(payload.lstrip("\ufeff"), newline="")))
        assert len({len(r) for r in rows}) == 1
    elif fmt == "qdc":
        ET.fromstring(encoded)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=hostile, ident=hostile, tag=hostile, note=hostile, created=hostile, title=hostile)
def test_every_format_is_well_formed_for_any_strings(
    key: str, ident: str, tag: str, note: str, created: str, title: str
) -> None:
    document = parse_document(TEXT.encode(), f"{title or 'x'}.txt")
    key = f"c/{key}.txt"
    annotations = [
        Annotation(
            document=key,
            start=4,
            end=12,
            quote="Pentagon",
            prefix="The ",
            suffix=" plan",
            tags=(tag or "t", "plain"),
            note=note,
            id=ident or "i",
            created=created,
            updated=created,
        ),
        Annotation(
            document=f"gone/{key}", start=0, end=1, quote=note or "x", tags=(tag,) if tag else ()
        ),
    ]
    tags = [Tag(tag or "t", "#ff0000", note), Tag("plain")]
    options = ExportOptions(exported_at="2026-01-01T00:00:00Z", project_name=title, scope=tag)
    for fmt in FORMATS.values():
        for by in ("document", "tag"):
            payload = fmt.render(
                annotations,
                {key: document},
                tags,
                ExportOptions(
                    by=by, exported_at=options.exported_at, project_name=title, scope=tag
                ),
            )  # type: ignore[arg-type]
            parsed(fmt.name, payload)


def test_a_note_written_with_windows_line_breaks_keeps_its_lines() -> None:
    # "\r\n" is one line break: a note from a file written on Windows (a JSON or W3C import)
    # is exported with its lines, not with an empty line after each.
    from tui_reader.core.interchange.export_text import clean_annotation, export_block

    assert export_block("one\r\ntwo\rthree\n\nfour") == "one\ntwo\nthree\n\nfour"
    note = "one\r\ntwo\r\n"
    annotation = Annotation(document="a.txt", start=4, end=12, quote="Pentagon", note=note)
    assert clean_annotation(annotation).note == "one\ntwo\n"
    records = json.loads(FORMATS["json"].render([annotation], {}, [], ExportOptions()))
    assert records[0]["note"] == "one\ntwo\n"


def test_memos_pass_the_gate_in_every_format() -> None:
    # A memo typed with an escape, a bell, a CR or a bidi override (the journal keeps what is
    # typed) reached the Markdown export as it was: printed, the terminal ran it.
    from tui_reader.core.analysis.memos import Memo, MemoKind

    document = parse_document(TEXT.encode(), "x.txt")
    annotation = Annotation(document="c/x.txt", start=4, end=12, quote="Pentagon", tags=("t",))
    hostile_text = "esc\x1b[31mred\x07bell\rcr\u202eRTL\r\nnext"
    memos = (
        Memo(MemoKind.JOURNAL, "", hostile_text),
        Memo(MemoKind.DOCUMENT, "c/x.txt", hostile_text),
        Memo(MemoKind.CODE, "t", hostile_text),
    )
    for fmt in FORMATS.values():
        for by in ("document", "tag"):
            options = ExportOptions(by=by, exported_at="2026-01-01T00:00:00Z", memos=memos)
            payload = fmt.render([annotation], {"c/x.txt": document}, [Tag("t")], options)
            parsed(fmt.name, payload)
