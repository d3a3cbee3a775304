"""What a REFI-QDA project or codebook holds that tui-reader has not, links between codes or
passages (MAXQDA's links, ATLAS.ti's relations), graphs (ATLAS.ti's networks) and sets of
codes, was said and the import (and a merge of the project) exited 0, as if the file were
wholly taken: a script going on after ``import`` could not tell.  They are part of the file
left out and said: exit 1, the rest imported, as for a coding of a picture."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main

PROJECT = (
    '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
    'name="p" origin="ATLAS.ti 23"><CodeBook><Codes>'
    '<Code guid="C1" name="cause" isCodable="true"/>'
    '<Code guid="C2" name="effect" isCodable="true"/></Codes></CodeBook><Sources>'
    '<TextSource guid="S1" name="a.txt"><PlainTextContent>one two three</PlainTextContent>'
    '<PlainTextSelection guid="0A000000-0000-4000-8000-000000000001" startPosition="4" '
    'endPosition="7"><Coding guid="0B000000-0000-4000-8000-000000000001">'
    '<CodeRef targetGUID="C1"/></Coding></PlainTextSelection></TextSource></Sources>'
    "{rest}</Project>"
)
LINKS = '<Links><Link guid="L1" name="causes" originGUID="C1" targetGUID="C2"/></Links>'
GRAPHS = '<Graphs><Graph guid="G1" name="network"/></Graphs>'
SETS = '<Sets><Set guid="T1" name="Themes"><MemberCode targetGUID="C1"/></Set></Sets>'


def _project(tmp_path: Path, rest: str) -> Path:
    path = tmp_path / "theirs.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", PROJECT.format(rest=rest))
    return path


@pytest.mark.parametrize(
    ("rest", "said"),
    [
        ("", None),
        (LINKS, "1 link between codes, sources or selections ('causes')"),
        (GRAPHS, "1 graph (a drawing of codes, sources and links)"),
        (SETS, "set 'Themes' (0 sources, 1 code, 0 notes)"),
    ],
)
@pytest.mark.parametrize("command", ["import", "merge"])
def test_what_tui_reader_has_not_fails_the_import_the_rest_imported(
    rest: str,
    said: str | None,
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _project(tmp_path, rest)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    named = ["--other-coder", "ben"] if command == "merge" else []  # the project names none
    status = main([command, str(project), *where, *named])
    err = capsys.readouterr().err
    assert status == (0 if said is None else 1), err
    if said is not None:
        assert said in err
    assert main(["tags", "--json", *where]) == 0
    assert '"cause"' in capsys.readouterr().out  # the rest imported: the passage's code


def test_a_codebook_s_set_of_codes_fails_the_import_its_codes_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "codes.qdc"
    path.write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>'
        '<Code guid="G1" name="harm" isCodable="true"/><Code guid="G2" name="care" '
        'isCodable="true"/></Codes><Sets><Set guid="S1" name="Key codes">'
        '<MemberCode targetGUID="G1"/><MemberCode targetGUID="G2"/></Set></Sets></CodeBook>',
        encoding="utf-8",
    )
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(tmp_path)]
    status = main(["import", str(path), *where])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "set 'Key codes' (2 codes): a group of codes, which tui-reader has not" in err
    assert main(["tags", "--json", *where]) == 0
    out = capsys.readouterr().out
    assert '"harm"' in out and '"care"' in out
