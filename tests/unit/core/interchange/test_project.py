"""The whole-project export: its annotations' records put in its text as ``json`` writes them
(not read back into objects and written again) are the text of the whole project written at
once, whatever the annotations hold."""

from __future__ import annotations

import json

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange import ExportOptions, project
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.json import export_json_columns

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["line\nbreak", 'a "quote"', "tab\there", "\\", "émoji 😀", "\u2028", ""]
)


@st.composite
def _annotations(draw: st.DrawFn) -> list[Annotation]:
    found = []
    for n in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, 50))
        found.append(
            Annotation(
                document=draw(st.sampled_from(["a.txt", "dir/b é.md"])),
                start=start,
                end=start + draw(st.integers(0, 9)),
                quote=draw(_TEXT),
                prefix=draw(_TEXT),
                suffix=draw(_TEXT),
                id=f"id-{n}",
                tags=tuple(draw(st.lists(_TEXT.filter(bool), max_size=3, unique=True))),
                note=draw(_TEXT),
                coder=draw(st.sampled_from(["", "ana", 'Ben "O"'])),
            )
        )
    return found


@settings(max_examples=examples(150), deadline=None)
@given(_annotations(), st.lists(_TEXT.filter(bool), max_size=3, unique=True), _TEXT)
def test_the_project_is_the_whole_tree_written_at_once(
    annotations: list[Annotation], codes: list[str], memo: str
) -> None:
    columns = AnnotationColumns.of_annotations(annotations)
    tags = [Tag(name=code, description=memo) for code in codes]
    options = ExportOptions(
        memos=[Memo(MemoKind.JOURNAL, "", memo or "a thought", created="2026-01-01T00:00:00Z")],
        attributes={"a.txt": {"country": memo or "Mexico"}},
    )
    made = b"".join(project.render_columns(columns, {}, tags, options))
    records = json.loads(export_json_columns(columns))
    assert made.decode("utf-8") == project._project(records, tags, options)
    assert json.loads(made)["annotations"] == records


def _extras_of(codebook: list[object]) -> project.ProjectExtras:
    return project.project_extras(
        {project.MARK: project.KIND, "version": 1, "codebook": codebook}, "p.json"
    )


def test_a_code_without_a_name_is_refused_naming_it() -> None:
    # an edited project: a code whose name is empty was dropped without a word (a colour that
    # is none comes in as the automatic colour, as tests/cli/test_project_round_trip.py says)
    for bad, words in (
        ({"name": " ", "color": ""}, "code 2 of the project's codebook has no name"),
        ({"name": "", "color": "#00ff00"}, "code 2 of the project's codebook has no name"),
    ):
        try:
            _extras_of([{"name": "a", "color": "#ff0000"}, bad])
        except ImportFormatError as exc:
            assert str(exc).startswith("p.json: ") and words in str(exc)
            assert "\n" not in str(exc)
        else:
            raise AssertionError(f"{bad} was taken")
    tags = _extras_of([{"name": "a", "color": "Orange"}, {"name": "b", "color": ""}]).tags
    assert [(t.name, t.color) for t in tags] == [("a", "#ffa500"), ("b", "")]


def test_an_empty_attribute_value_of_a_project_is_no_value_and_not_taken() -> None:
    """A project whose attributes held country "" (edited by hand, or another tool's)
    stored it: attr list showed country="", queries took it for no value. An empty value is
    never stored (attr set refuses it, an empty CSV cell sets nothing): it is left out."""
    extras = project.project_extras(
        {
            project.MARK: project.KIND,
            "version": 1,
            "attributes": {
                "c/a.txt": {"country": "", "wave": "  ", "age": 3},
                "c/b.txt": {"country": " "},
            },
        },
        "p.json",
    )
    assert extras.attributes == {"c/a.txt": {"age": 3}}


def test_a_text_attribute_value_of_a_project_is_taken_without_the_spaces_around_it() -> None:
    """A project written by a script from a spreadsheet (country "Mexico " beside "Mexico")
    stored the value with its space, which no query found and a matrix showed as a second
    column Mexico: it is taken as attr set takes it, without the spaces around it."""
    extras = project.project_extras(
        {
            project.MARK: project.KIND,
            "version": 1,
            "attributes": {"c/a.txt": {"country": "Mexico ", "note": " two\nlines\n", "age": 3}},
        },
        "p.json",
    )
    assert extras.attributes == {"c/a.txt": {"country": "Mexico", "note": "two\nlines", "age": 3}}


def test_a_project_holding_an_attribute_of_many_digits_is_imported_back() -> None:
    """attr set a.txt id=123456789012345678901234567890 stores that number, and the project
    export writes it; its import refused the whole project ("nothing imported: attribute
    'id' is not a number or text"), taking an integer of 19 digits or more for a damaged
    number, as it is where a passage's offsets are.  An attribute takes it as attr set does."""
    from tui_reader.core.interchange.import_schema import load_json

    big = 123456789012345678901234567890
    text = json.dumps(
        {
            project.MARK: project.KIND,
            "version": 1,
            "attributes": {"c/a.txt": {"id": big, "neg": -big, "age": 3}},
        }
    )
    extras = project.project_extras(load_json(text, "p.json"), "p.json")
    assert extras.attributes == {"c/a.txt": {"id": big, "neg": -big, "age": 3}}
    # an integer longer than a number may be (attr set refuses it too) is still refused
    huge = text.replace(str(big), "9" * 5000, 1)
    with pytest.raises(ImportFormatError, match="'id'"):
        project.project_extras(load_json(huge, "p.json"), "p.json")
