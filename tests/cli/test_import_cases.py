"""``tui-reader import`` of a project's cases and sets (a participant of several interviews,
ATLAS.ti's document groups): their names are attributes of their documents."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main


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
