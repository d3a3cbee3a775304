"""``tui-reader import`` of a project's cases and sets (a participant of several interviews,
ATLAS.ti's document groups): their names are attributes of their documents; and ``export``
of the attribute ``case``: the project's cases."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tui_reader.cli.main import main


def one_interview(tmp_path: Path, qde: str) -> tuple[Path, list[str]]:
    """A project p.qdpx of ``qde`` with the one source S1, "First interview.", and a corpus
    whose a.txt is that text; the project and the options naming the corpus and database."""
    project = tmp_path / "p.qdpx"
    with zipfile.ZipFile(project, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/S1.txt", "First interview.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("First interview.\n", encoding="utf-8")
    return project, ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]


def test_a_projects_cases_and_sets_are_attributes_of_their_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Cases><Case guid="K1" name="Anna">'
        '<SourceRef targetGUID="S1"/></Case></Cases><Sources>'
        '<TextSource guid="S1" name="a.txt" plainTextPath="internal://S1.txt" />'
        '<TextSource guid="S2" name="b.txt" plainTextPath="internal://S2.txt" /></Sources>'
        '<Sets><Set guid="G1" name="Urban"><MemberSource targetGUID="S2"/></Set></Sets>'
        "</Project>"
    )
    project = tmp_path / "p.qdpx"
    with zipfile.ZipFile(project, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/S1.txt", "First interview.\n")
        archive.writestr("sources/S2.txt", "Second interview.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["import", str(project), *where]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", *where]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == {"corpus/a.txt": {"case": "Anna"}, "corpus/b.txt": {"Urban": "Urban"}}


def test_the_documents_cases_are_exported_as_the_projects_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"Interview {name}.\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for name, case in (("a", "Anna"), ("b", "Anna"), ("c", "Ben")):
        assert main(["attr", "set", f"{name}.txt", f"case={case}", *where]) == 0
    made = tmp_path / "p.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(made), *where]) == 0
    root = ElementTree.fromstring(zipfile.ZipFile(made).read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    sources = {s.get("guid"): s.get("name") for s in root.iterfind("q:Sources/*", ns)}
    assert {
        case.get("name"): [sources[r.get("targetGUID")] for r in case.iterfind("q:SourceRef", ns)]
        for case in root.iterfind("q:Cases/q:Case", ns)
    } == {"Anna": ["a.txt", "b.txt"], "Ben": ["c.txt"]}


def test_a_projects_variable_spelled_in_another_case_never_replaces_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's project (or NVivo's) with the variable COUNTRY, where our document has
    country: the import said it set a value, and our country=Chile became Peru, though a value
    of ours is never replaced (the store takes Country as our country).  Ours is kept and the
    difference said, as for a variable of our spelling; a variable we lack is still set."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Variables>'
        '<Variable guid="V1" name="COUNTRY" typeOfVariable="Text"/>'
        '<Variable guid="V2" name="Wave" typeOfVariable="Integer"/></Variables><Sources>'
        '<TextSource guid="S1" name="a.txt" plainTextPath="internal://S1.txt">'
        '<VariableValue><VariableRef targetGUID="V1"/><TextValue>Peru</TextValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="V2"/><IntegerValue>2</IntegerValue>'
        "</VariableValue></TextSource></Sources></Project>"
    )
    project, where = one_interview(tmp_path, qde)
    assert main(["attr", "set", "a.txt", "country=Chile", *where]) == 0
    capsys.readouterr()
    assert main(["import", str(project), *where]) == 0
    err = capsys.readouterr().err
    assert "COUNTRY is Peru in p.qdpx, Chile here (ours kept)" in err, err
    assert main(["attr", "list", "--json", *where]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == {"corpus/a.txt": {"country": "Chile", "Wave": 2}}


def test_a_value_removed_here_does_not_come_back_spelled_in_another_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value removed here (attr unset a.txt country) is not set again by an import or a
    merge; spelled in another case (COUNTRY, as another tool or our own export spelled it)
    it came back."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Variables>'
        '<Variable guid="V1" name="COUNTRY" typeOfVariable="Text"/></Variables><Sources>'
        '<TextSource guid="S1" name="a.txt" plainTextPath="internal://S1.txt">'
        '<VariableValue><VariableRef targetGUID="V1"/><TextValue>Peru</TextValue></VariableValue>'
        "</TextSource></Sources></Project>"
    )
    project, where = one_interview(tmp_path, qde)
    assert main(["attr", "set", "a.txt", "country=Chile", "wave=1", *where]) == 0
    assert main(["attr", "unset", "a.txt", "country", *where]) == 0
    capsys.readouterr()
    assert main(["import", str(project), *where]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", *where]) == 0
    assert json.loads(capsys.readouterr().out) == {"corpus/a.txt": {"wave": 1}}


def test_a_qualcoder_projects_and_cases_memos_go_back_where_qualcoder_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QualCoder keeps the project's memo in the project's Description and a case's in the
    case's: an import makes each a journal entry ("# Project memo", "# Case: Anna"), and the
    export wrote them back as journal notes, so that the project sent back to QualCoder had
    two journal entries more and neither memo.  They are written back to the project's and
    the case's Description (valid against the schema), no note of them, and imported again
    they are the same entries."""
    import xmlschema

    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="QualCoder"><Variables><Variable guid="V1" name="Gender" '
        'typeOfVariable="Text"/></Variables><Cases><Case guid="K1" name="Anna">'
        "<Description>Met twice; shy.\nSecond line.</Description><VariableValue>"
        '<VariableRef targetGUID="V1"/><TextValue>female</TextValue></VariableValue>'
        '<SourceRef targetGUID="S1"/></Case></Cases><Sources>'
        '<TextSource guid="S1" name="a.txt" plainTextPath="internal://S1.txt" /></Sources>'
        "<Description>Border study, wave one.</Description></Project>"
    )
    project, where = one_interview(tmp_path, qde)
    assert main(["import", str(project), *where]) == 0
    out = tmp_path / "back.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(out), *where]) == 0
    with zipfile.ZipFile(out) as archive:
        written = archive.read("project.qde")
    schema = Path(__file__).parents[1] / "unit/core/interchange/data/Project-mrt2019.xsd"
    xmlschema.XMLSchema(schema).validate(written.decode("utf-8"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ElementTree.fromstring(written)
    assert root.findtext("q:Description", None, ns) == "Border study, wave one."
    [case] = root.findall("q:Cases/q:Case", ns)
    assert case.findtext("q:Description", None, ns) == "Met twice; shy.\nSecond line."
    notes = [n.findtext("q:PlainTextContent", "", ns) for n in root.iterfind("q:Notes/q:Note", ns)]
    assert not any("Project memo" in n or "Case: Anna" in n for n in notes), notes
    capsys.readouterr()
    assert main(["memo", "list", "--json", *where]) == 0
    before = sorted(m["text"] for m in json.loads(capsys.readouterr().out))
    assert before == [
        "# Case: Anna\n\nMet twice; shy.\nSecond line.",
        "# Project memo\n\nBorder study, wave one.",
    ]
    other = ["--db", str(tmp_path / "other.json"), "--corpus", where[-1]]
    assert main(["import", str(out), *other]) == 0
    capsys.readouterr()
    assert main(["memo", "list", "--json", *other]) == 0
    assert sorted(m["text"] for m in json.loads(capsys.readouterr().out)) == before
