"""A REFI-QDA project one of whose sources is missing from its archive (a zip mended by hand,
a copy cut short) is imported but for that source: a line names it, and the import exits 1 so
a script does not take it for wholly imported."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


def test_a_source_missing_from_the_archive_leaves_out_that_source_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("People were angry at the time.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    common = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", "army", "--tag", "war", *common]) == 0
    assert main(["annotate", "b.txt", "--quote", "angry", "--tag", "anger", *common]) == 0
    whole = tmp_path / "whole.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(whole), *common]) == 0
    project = tmp_path / "project.qdpx"
    with zipfile.ZipFile(whole) as given, zipfile.ZipFile(project, "w") as cut:
        members = [n for n in given.namelist() if n.startswith("sources/")]
        texts = {n: given.read(n) for n in members}
        (missing,) = [n for n, t in texts.items() if t.startswith(b"People")]
        for name in given.namelist():
            if name != missing:
                cut.writestr(name, given.read(name))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fresh = tmp_path / "fresh.json"
    capsys.readouterr()

    status = main(["import", str(project), "--db", str(fresh), "--corpus", str(elsewhere)])
    err = capsys.readouterr().err
    assert status == 1, err
    said = [line for line in err.splitlines() if "b.txt" in line]
    assert len(said) == 1 and "project.qdpx" in said[0] and "not imported" in said[0], err
    assert missing.removeprefix("sources/") in said[0], err
    assert sorted(p.name for p in elsewhere.iterdir()) == ["a.txt"]
    with AnnotationStore(fresh, read_only=True) as store:
        assert [(a.quote, a.tags) for a in store.annotations()] == [("army", ("war",))]


def test_a_merge_of_a_project_missing_a_source_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """merge reads the project as import does: the source left out is named, the rest is
    merged, and the merge exits 1 (it exited 0, as if the file were wholly merged)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("People were angry at the time.\n", encoding="utf-8")
    common = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", "army", "--tag", "war", *common]) == 0
    assert main(["annotate", "b.txt", "--quote", "angry", "--tag", "anger", *common]) == 0
    whole = tmp_path / "whole.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(whole), *common]) == 0
    project = tmp_path / "project.qdpx"
    with zipfile.ZipFile(whole) as given, zipfile.ZipFile(project, "w") as cut:
        for name in given.namelist():
            if not (name.startswith("sources/") and given.read(name).startswith(b"People")):
                cut.writestr(name, given.read(name))
    ours = tmp_path / "ours.json"
    capsys.readouterr()

    for dry in (["--dry-run"], []):
        status = main(["merge", str(project), "--db", str(ours), "--corpus", str(corpus), *dry])
        err = capsys.readouterr().err
        assert status == 1, err
        said = [line for line in err.splitlines() if "TextSource b.txt:" in line]
        assert len(said) == 1 and "project.qdpx" in said[0], err
        # in merge's words: it said "not imported", which merge never does
        assert said[0].endswith("; not merged") and "import" not in said[0], err
    with AnnotationStore(ours, read_only=True) as store:
        assert [(a.quote, a.tags) for a in store.annotations()] == [("army", ("war",))]
    assert main(["merge", str(whole), "--db", str(ours), "--corpus", str(corpus)]) == 0


def test_a_coding_of_a_code_the_codebook_lacks_is_said_and_the_import_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A selection coding a code the project's codebook lacks (the code deleted in the
    tool, its codings left behind; a project.qde mended by hand) was imported without that
    coding, said, and the import exited 0, as if the file were wholly imported: a coding of
    the file was left out, as a selection left out is, so it now exits 1, the rest imported."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", encoding="utf-8")
    common = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", "army", "--tag", "war", *common]) == 0
    assert main(["annotate", "a.txt", "--quote", "border", "--tag", "war", *common]) == 0
    assert main(["tags", "set", "anger", *common]) == 0
    assert main(["annotate", "a.txt", "--quote", "moved", "--tag", "anger", *common]) == 0
    whole = tmp_path / "whole.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(whole), *common]) == 0
    project = tmp_path / "project.qdpx"
    with zipfile.ZipFile(whole) as given, zipfile.ZipFile(project, "w") as cut:
        for name in given.namelist():
            data = given.read(name)
            if name == "project.qde":
                data = re.sub(rb'\s*<Code guid="[^"]*" name="anger"[^>]*/>', b"", data)
                assert b'name="anger"' not in data
            cut.writestr(name, data)
    for command in ("import", "merge"):
        fresh = tmp_path / f"{command}.json"
        capsys.readouterr()
        status = main([command, str(project), "--db", str(fresh), "--corpus", str(corpus)])
        err = capsys.readouterr().err
        assert status == 1, err
        said = [line for line in err.splitlines() if "in the codebook" in line]
        assert len(said) == 1 and "project.qdpx" in said[0] and "'moved'" not in err, err
        with AnnotationStore(fresh, read_only=True) as store:
            kept = sorted((a.quote, a.tags) for a in store.annotations())
        assert kept == [("army", ("war",)), ("border", ("war",)), ("moved", ())]
