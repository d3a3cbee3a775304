"""``merge`` and ``agreement`` as a team uses them: two coders, two databases, one comparison."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers.counting import arguments_after_self

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import Memo
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def team(corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana works in tmp_path (docs_corpus/, ana.json); Ben in tmp_path/ben with his own copy
    of the corpus under another name (corpus/, ben.json)."""
    shutil.copytree(corpus_copy, tmp_path / "ben" / "corpus")
    monkeypatch.chdir(tmp_path)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, err
    return out, err


def code(capsys: pytest.CaptureFixture[str], who: str, quote: str, tag: str) -> str:
    where = ["--db", "ana.json", "--corpus", "docs_corpus"]
    doc = f"docs_corpus/{DOC}"
    if who == "ben":
        where, doc = ["--db", "ben/ben.json", "--corpus", "ben/corpus"], f"ben/corpus/{DOC}"
    out, _ = run(capsys, "annotate", doc, "--quote", quote, "-t", tag, "--coder", who, *where)
    return out.strip()


def test_a_dry_run_into_a_database_not_there_makes_none(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "change nothing", yet it made new.json and four files beside it, new.json with Ana's
    # name as the coder of whatever names none.
    code(capsys, "ben", "Pentagon plan", "policy")
    before = sorted(p.name for p in team.iterdir())
    out, err = run(capsys, "merge", "ben/ben.json", "--db", "new.json", "--corpus", "docs_corpus",
                   "--dry-run", "--coder", "ana")  # fmt: skip
    assert out.count("add\t") == 1 and "would merge" in err and "1 new" in err
    assert sorted(p.name for p in team.iterdir()) == before


@pytest.mark.parametrize("piped", ["database", "json"])
def test_merge_reads_the_other_coders_work_piped_in_as_import_does(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, piped: str
) -> None:
    """``ssh ben cat ben.json | tui-reader merge -`` said "-: no such file"."""
    code(capsys, "ben", "Pentagon plan", "policy")
    code(capsys, "ana", "SouthCom Conference", "place")
    source = team / "ben" / "ben.json"
    if piped == "json":
        source = team / "ben.export.json"
        out, _ = run(
            capsys, "export", "--db", "ben/ben.json", "--corpus", "ben/corpus", "-f", "json"
        )
        source.write_text(out, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(source.read_bytes())))
    _, err = run(capsys, "merge", "-", "--db", "ana.json", "--corpus", "docs_corpus")
    assert f"merged standard input ({piped}; 1 annotation by ben): 1 new" in err
    with AnnotationStore(team / "ana.json", read_only=True) as store:
        assert sorted((a.coder, a.quote, a.document) for a in store.annotations()) == [
            ("ana", "SouthCom Conference", f"docs_corpus/{DOC}"),
            ("ben", "Pentagon plan", f"docs_corpus/{DOC}"),
        ]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"{not json")))
    assert main(["merge", "-", "--db", "ana.json", "--corpus", "docs_corpus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tui-reader: standard input: ") and len(err.splitlines()) == 1


def test_merge_then_agreement(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code(capsys, "ana", "Pentagon plan", "policy")
    code(capsys, "ben", "Pentagon plan", "policy")
    code(capsys, "ben", "Doral, Florida", "military")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    out, err = run(capsys, "merge", "ben/ben.json", *ana, "--dry-run")
    assert out.count("add\t") == 2 and "would merge" in err and "2 new" in err
    with AnnotationStore(team / "ana.json") as store:
        assert len(store) == 1  # a dry run saves nothing
    out, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "2 new" in err and "1 new code\n" in err and "no document" not in err
    with AnnotationStore(team / "ana.json") as store:
        assert store.coder_counts() == {"ana": 1, "ben": 2}
        assert {a.document for a in store.annotations()} == {f"docs_corpus/{DOC}"}
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "0 new" in err and "2 unchanged" in err  # merging again changes nothing

    out, _ = run(capsys, "agreement", "ana", "ben", *ana, "--format", "json")
    rows = {r["tag"]: r for r in json.loads(out)}
    assert set(rows) == {"military", "policy", None}
    assert rows["policy"]["agreement"] == 1.0 and rows["policy"]["kappa"] == 1.0
    assert rows["military"]["kappa"] == 0.0 and rows["military"]["agreement"] < 1.0
    assert set(rows[None]) == {
        *("tag", "units", "agreement", "kappa", "alpha"),
        *("both", "only_a", "only_b", "neither", "undefined_because"),
    }
    assert rows[None]["units"] == 2 * rows["policy"]["units"]

    out, _ = run(capsys, "agreement", "ana", "ben", *ana, "--tag", "policy")
    assert "policy" in out and "military" not in out
    out, err = run(capsys, "agreement", "ana", "ben", *ana, "--tag", "Policy", "--tag", "polcy")
    assert "policy" in out.splitlines()[2]  # the codebook's spelling, as the tag field takes it
    assert err == "tui-reader: no code 'polcy' in the codebook (did you mean 'policy'?)\n"
    run(capsys, "tags", "rename", "policy", "governance", *ana[:2])
    assert main(["agreement", "ana", "ben", *ana, "--tag", "policy"]) == 1  # no such code
    out, err = capsys.readouterr()
    assert err == "tui-reader: no code 'policy' in the codebook (it became 'governance')\n"
    assert out == ""  # no table of every code, as if it were asked
    assert main(["agreement", "ana", "ben", *ana, "--tag", "nosuch", "--disagreements"]) == 1
    assert capsys.readouterr().out == ""
    run(capsys, "undo", *ana[:2])
    out, _ = run(capsys, "agreement", "ana", "ben", *ana, "--disagreements")
    assert "Doral, Florida" in out and "military" in out and "policy" not in out.split("\n")[2]


def test_a_changed_annotation_keeps_the_newer_and_reports_the_other(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ident = code(capsys, "ana", "Pentagon plan", "policy")
    shutil.copyfile(team / "ana.json", team / "ben" / "ben.json")
    with AnnotationStore(team / "ben" / "ben.json") as store:  # Ben recodes it, later
        old = store.get(ident)
        assert old is not None
        store.put(old.evolve(tags=("military",), updated="2099-01-01T00:00:00Z"))
    with AnnotationStore(team / "ana.json") as store:  # Ana adds a note, earlier
        old = store.get(ident)
        assert old is not None
        store.put(old.evolve(note="mine", updated="2098-01-01T00:00:00Z"))
    out, err = run(capsys, "merge", "ben/ben.json", "--db", "ana.json", "--corpus", "docs_corpus")
    assert "1 newer than ours" in err
    assert "theirs newer, replaces ours" in out and "note: mine" in out  # ours is reported
    with AnnotationStore(team / "ana.json") as store:
        kept = store.get(ident)
        assert kept is not None and kept.tags == ("military",)


def test_an_export_without_coders_needs_to_be_told_whose_it_is(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code(capsys, "ben", "Pentagon plan", "policy")
    out, _ = run(capsys, "export", "--format", "json", "--db", "ben/ben.json", "ben/corpus")
    records = json.loads(out)
    for record in records:
        del record["coder"]
    (team / "ben.json.export").write_text(json.dumps(records))
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    status = main(["merge", "ben.json.export", *ana])
    assert status != 0 and "--other-coder" in capsys.readouterr().err
    _, err = run(capsys, "merge", "ben.json.export", *ana, "--other-coder", "ben")
    assert "1 new" in err
    with AnnotationStore(team / "ana.json") as store:
        assert store.coder_counts() == {"ben": 1}


def test_agreement_names_the_coders_there_are(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code(capsys, "ana", "Pentagon plan", "policy")
    status = main(["agreement", "ana", "zed", "--db", "ana.json", "--corpus", "docs_corpus"])
    err = capsys.readouterr().err
    assert status != 0 and "no annotations by 'zed'" in err and "ana (1)" in err


def test_a_coder_not_there_is_said_as_typed(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A coder named that codes nothing here was said as Python quotes it: o'neil in double
    quotes, a backslash doubled; it is said as typed."""
    code(capsys, "ana", "Pentagon plan", "policy")
    for typed in ("o'neil", "dom\\zed"):
        status = main(["agreement", "ana", typed, "--db", "ana.json", "--corpus", "docs_corpus"])
        err = capsys.readouterr().err
        assert status != 0 and f"no annotations by '{typed}' (coders here: ana (1))" in err


def test_agreement_in_a_database_of_one_coder_says_how_to_bring_the_other_in(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the README's steps have it, Ben's database merged into a new team.json holds only
    his coding: agreement then said "no annotations by 'ana' (coders here: ben (1))" and
    stopped there, naming neither the merge that brings Ana's own coding in nor the database
    to merge it into."""
    code(capsys, "ana", "Pentagon plan", "policy")
    code(capsys, "ben", "Pentagon plan", "policy")
    run(capsys, "merge", "ben/ben.json", "--db", "team.json", "--corpus", "docs_corpus")
    status = main(["agreement", "ana", "ben", "--db", "team.json", "--corpus", "docs_corpus"])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1, err
    assert "no annotations by 'ana' (coders here: ben (1))" in err
    assert err.rstrip().endswith(
        "to compare with a coder whose coding is in another database, merge it into this one "
        "first: tui-reader merge THEIR_DATABASE --db team.json"
    )
    run(capsys, "merge", "ana.json", "--db", "team.json", "--corpus", "docs_corpus")
    run(capsys, "agreement", "ana", "ben", "--db", "team.json", "--corpus", "docs_corpus")


def test_agreement_takes_a_coder_in_another_case_as_query_coder_does(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``query coder:ana`` finds Ana's passages; ``agreement ana ben`` said there were no
    annotations by 'ana'."""
    where = ["--db", "ana.json", "--corpus", "docs_corpus"]
    doc = f"docs_corpus/{DOC}"
    for coder in ("Ana", "Mar\u00eda"):
        run(capsys, "annotate", doc, "--quote", "Pentagon plan", "-t", "policy",
            "--coder", coder, *where)  # fmt: skip
    out, _ = run(capsys, "agreement", "ana", "MARI\u0301A", *where, "--format", "json")
    rows = {r["tag"]: r for r in json.loads(out)}
    assert rows["policy"]["agreement"] == 1.0
    out, _ = run(capsys, "query", "coder:MARI\u0301A", *where, "--format", "json")
    assert [r["coder"] for r in json.loads(out)] == ["Mar\u00eda"]
    status = main(["agreement", "ana", "ANA", *where])
    assert status == 2 and "named twice" in capsys.readouterr().err


def test_agreement_of_a_coder_with_themselves_is_refused_not_a_perfect_score(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``agreement ana ana`` (a slip for ``ana ben``) printed 100% and a kappa of 1."""
    code(capsys, "ana", "Pentagon plan", "policy")
    status = main(["agreement", "ana", "ana", "--db", "ana.json", "--corpus", "docs_corpus"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert (
        err
        == "tui-reader: agreement compares two coders: 'ana' is named twice (coders here: ana (1))\n"
    )


def test_a_colleague_s_code_spelled_as_ours_but_for_its_accents_is_said_by_the_merge(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben coded with migración/viaje where our codebook has migracion/viaje: the merge said
    '1 new code' alone, and the one code was two in the team's codebook, unnoticed."""
    code(capsys, "ana", "Pentagon plan", "migracion/viaje")
    code(capsys, "ben", "Doral, Florida", "migración/viaje")
    code(capsys, "ben", "Pentagon plan", "zebra")
    _, err = run(capsys, "merge", "ben/ben.json", "--db", "ana.json", "--corpus", "docs_corpus")
    assert (
        "; 2 new codes (1 spelled nearly like a code here: migración/viaje beside our"
        " migracion/viaje; tags merge makes two one)" in err
    )


def test_a_refi_qda_export_merges_like_the_database_it_came_from(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code(capsys, "ben", "Pentagon plan", "policy/border")
    code(capsys, "ben", "Doral, Florida", "military")
    run(capsys, "tags", "set", "military", "--color", "#ff8800", "--db", "ben/ben.json")
    # his documents' attributes (the project's variables) were left out of a merge of it
    ben = ["--db", "ben/ben.json", "--corpus", "ben/corpus"]
    run(capsys, "attr", "set", f"ben/corpus/{DOC}", "site=Doral", "year=2019", *ben)
    project = team / "ben.qdpx"
    run(
        capsys,
        "export",
        "ben/corpus",
        "--db",
        "ben/ben.json",
        "--format",
        "qdpx",
        "-o",
        str(project),
    )
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    _, err = run(capsys, "merge", str(project), *ana)
    assert "(qdpx; 2 annotations by ben)" in err and "2 new" in err
    with AnnotationStore(team / "ana.json") as store:
        assert sorted(t for a in store.annotations() for t in a.tags) == [
            "military",
            "policy/border",
        ]
        assert {a.coder for a in store.annotations()} == {"ben"}
        assert store.tag("military").color.lower() == "#ff8800"  # type: ignore[union-attr]
        assert store.attributes() == {f"docs_corpus/{DOC}": {"site": "Doral", "year": 2019}}
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "0 new" in err and "2 unchanged" in err  # the same annotations, by id


@pytest.mark.parametrize("kind", ["w3c", "json"])
def test_an_export_merges_like_the_database_it_came_from(
    team: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A W3C export of Ben's database, his corpus in another folder, was refused whole: its
    documents are named by file: IRIs of his folder, "not a path relative to the database"."""
    code(capsys, "ben", "Pentagon plan", "policy/border")
    code(capsys, "ben", "Doral, Florida", "military")
    export = team / f"ben.{kind}"
    argv = ("export", "ben/corpus", "--db", "ben/ben.json", "--format", kind, "-o", str(export))
    run(capsys, *argv)
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    _, err = run(capsys, "merge", str(export), *ana)
    assert f"({kind}; 2 annotations by ben)" in err and "2 new" in err
    assert "; 2 new codes" in err  # (a W3C file's codes were counted as none)
    with AnnotationStore(team / "ana.json") as store:
        assert {a.document for a in store.annotations()} == {f"docs_corpus/{DOC}"}
        assert sorted(t for a in store.annotations() for t in a.tags) == [
            "military",
            "policy/border",
        ]
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "0 new" in err and "2 unchanged" in err  # the same annotations, by id


def test_a_damaged_project_is_one_line_on_stderr(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    with zipfile.ZipFile(team / "bad.qdpx", "w") as archive:
        archive.writestr("project.qde", "<Project><not closed>")
    status = main(["merge", "bad.qdpx", "--db", "ana.json", "--corpus", "docs_corpus"])
    err = capsys.readouterr().err
    assert status != 0 and "not well-formed" in err and err.count("\n") == 1


def test_an_export_cut_short_is_said_as_import_says_it(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON export cut short (a copy stopped halfway) was "not a tui-reader database or
    JSON/W3C export" to merge, where import names the fault and where it is."""
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    code(capsys, "ana", "Pentagon plan", "policy")
    run(capsys, "export", "-f", "json", "-o", "ana-export.json", *ana)
    (team / "cut.json").write_bytes((team / "ana-export.json").read_bytes()[:45])
    said = {}
    for command in ("merge", "import"):
        assert main([command, "cut.json", "--db", "ana.json", "--corpus", "docs_corpus"]) == 2
        said[command] = capsys.readouterr().err
    assert said["merge"] == said["import"]
    assert (
        said["merge"].startswith("tui-reader: cut.json: not JSON (") and "column" in said["merge"]
    )
    assert said["merge"].count("\n") == 1


def test_hostile_coder_names_and_quotes_never_reach_the_terminal_raw(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ident = code(capsys, "ana", "Pentagon plan", "policy")
    shutil.copyfile(team / "ana.json", team / "ben" / "ben.json")
    with AnnotationStore(team / "ben" / "ben.json") as store:
        old = store.get(ident)
        assert old is not None
        store.put(
            old.evolve(tags=("x\x1b[31m",), note="\x1b]0;pwned\x07", updated="2099-01-01T00:00:00Z")
        )
        store.put(old.evolve(id="other", coder="\x1b[2Jmallory\u202e", start=0, end=3))
    out, err = run(capsys, "merge", "ben/ben.json", "--db", "ana.json", "--corpus", "docs_corpus")
    assert "\x1b" not in out + err and "\u202e" not in out + err
    with AnnotationStore(team / "ana.json") as store:
        assert store.get("other").coder == "[2Jmallory"  # type: ignore[union-attr]
    out, _ = run(
        capsys,
        "agreement",
        "ana",
        "[2Jmallory",
        "--db",
        "ana.json",
        "--corpus",
        "docs_corpus",
        "--disagreements",
    )
    assert "\x1b" not in out


def _memos_and_attributes_of_both(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Ben's passage, his memo of the article (Ana has one too), of a code and in his journal,
    and his country of the article; Ana's arguments to run a command on her database."""
    code(capsys, "ben", "Pentagon plan", "policy")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    ben = ["--db", "ben/ben.json", "--corpus", "ben/corpus"]
    run(capsys, "memo", "add", "--doc", f"docs_corpus/{DOC}", "Ana on the article", *ana)
    run(capsys, "memo", "add", "--doc", f"ben/corpus/{DOC}", "Ben on the article", *ben)
    run(capsys, "memo", "add", "--code", "policy", "what policy means", *ben)
    run(capsys, "memo", "add", "--journal", "day one: read it all", *ben)
    run(capsys, "attr", "set", f"ben/corpus/{DOC}", "country=Mexico", *ben)
    return ana


def test_merge_brings_their_memos_and_attributes_and_loses_none_of_ours(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = _memos_and_attributes_of_both(capsys)
    run(capsys, "attr", "set", f"ben/corpus/{DOC}", "year=2018", "--db", "ben/ben.json",
        "--corpus", "ben/corpus")  # fmt: skip
    run(capsys, "attr", "set", f"docs_corpus/{DOC}", "country=USA", *ana)
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "2 new memos; 1 memo of ours with their text added" in err
    assert "1 attribute value of 1 document" in err
    assert "1 attribute value of theirs differs from ours (ours kept)" in err
    with AnnotationStore(team / "ana.json") as store:
        memos = {(m.kind.value, m.target): m.text.strip() for m in store.memos()}
        assert memos[("code", "policy")] == "what policy means"
        assert memos[("journal", "")] == "day one: read it all"
        article = memos[("document", f"docs_corpus/{DOC}")]
        assert article.startswith("Ana on the article")
        assert article.endswith("From ben.json:\n\nBen on the article")
        assert store.attributes() == {f"docs_corpus/{DOC}": {"country": "USA", "year": 2018}}
    _, err = run(capsys, "merge", "ben/ben.json", *ana)  # merging again changes nothing
    assert "memo" not in err and "attribute value of 1 document" not in err
    with AnnotationStore(team / "ana.json") as store:
        assert len(store.memos()) == 3


@pytest.mark.parametrize("dry_run", [True, False])
def test_merge_names_each_attribute_value_of_theirs_that_differs_from_ours(
    team: Path, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    """Two journalists dated one article differently: the merge said "1 attribute value of
    theirs differs from ours (ours kept)", and nothing of which document, which attribute,
    or what either said, so the one wrong date could not be found to be settled."""
    ana = _memos_and_attributes_of_both(capsys)  # Ben's country=Mexico
    run(capsys, "attr", "set", f"docs_corpus/{DOC}", "country=USA", *ana)
    _, err = run(capsys, "merge", "ben/ben.json", *ana, *(["--dry-run"] if dry_run else []))
    assert "1 attribute value of theirs differs from ours (ours kept)" in err
    assert (
        f"tui-reader: ben.json: docs_corpus/{DOC}: country is Mexico in theirs, USA here "
        "(ours kept)"
    ) in err.splitlines()
    with AnnotationStore(team / "ana.json") as store:
        assert store.attributes()[f"docs_corpus/{DOC}"]["country"] == "USA"


def test_merge_names_the_codes_renamed_or_merged_here_that_their_passages_bring_back(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ana renamed "army" to "military" and merged "deployment" into "checkpoints"; Ben, not
    knowing, coded new passages with the old names.  The merge said "2 new codes", as if Ben
    had made them: the old names back in the codebook beside the new, unnoticed."""
    code(capsys, "ana", "Pentagon plan", "army")
    code(capsys, "ana", "La Jornada reported", "deployment")
    code(capsys, "ana", "utter subservience", "checkpoints")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    run(capsys, "tags", "rename", "army", "military", *ana[:2])
    run(capsys, "tags", "merge", "deployment", "checkpoints", *ana[:2])
    code(capsys, "ben", "Pentagon plan", "army")
    code(capsys, "ben", "La Jornada reported", "deployment")
    code(capsys, "ben", "utter subservience", "ben-only")
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert (
        "3 new codes (2 of them renamed, merged or deleted here, brought back by their "
        "passages: army, now military here; deployment)"
    ) in err
    with AnnotationStore(team / "ana.json") as store:
        assert {t.name for t in store.tags()} >= {"army", "military", "deployment"}


@pytest.mark.parametrize("since", ["delete", "merge"])
def test_a_code_renamed_here_then_deleted_is_not_said_to_be_its_new_name(
    team: Path, capsys: pytest.CaptureFixture[str], since: str
) -> None:
    """Ana renamed "security" to "policy/security", then deleted that (or merged it into
    "policy"); Ben coded a new passage "security".  The merge said "security, now
    policy/security here": a code there is no more, while the passage was kept as "security"
    and a query for policy/security found nothing."""
    code(capsys, "ana", "Pentagon plan", "security")
    code(capsys, "ana", "utter subservience", "policy")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    run(capsys, "tags", "rename", "security", "policy/security", *ana[:2])
    if since == "delete":
        run(capsys, "tags", "delete", "policy/security", *ana[:2])
    else:
        run(capsys, "tags", "merge", "policy/security", "policy", *ana[:2])
    code(capsys, "ben", "La Jornada reported", "security")
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "brought back by their passages: security)" in err
    assert "policy/security" not in err
    out, _ = run(capsys, "query", "security", *ana)
    assert "La Jornada reported" in out
    with AnnotationStore(team / "ana.json") as store:
        names = {t.name for t in store.tags()}
        assert "security" in names and "policy/security" not in names


def test_one_undo_takes_a_whole_merge_back(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A merge was two steps of the history (the new code's colour, then "import"): an undo
    took the passages back and left their code in the codebook."""
    code(capsys, "ana", "Pentagon plan", "policy")
    code(capsys, "ben", "La Jornada reported", "sources")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    run(capsys, "tags", "set", "sources", "--color", "red", "--db", "ben/ben.json")
    with AnnotationStore(team / "ana.json") as store:
        before = (store.tags(), store.annotations())
    run(capsys, "merge", "ben/ben.json", *ana)
    out, _ = run(capsys, "history", *ana[:2])
    assert "  merge ben.json  [" in out.splitlines()[0], out
    assert "import" not in out and "colour" not in out
    run(capsys, "undo", *ana[:2])
    with AnnotationStore(team / "ana.json") as store:
        assert (store.tags(), store.annotations()) == before


def test_undo_of_a_merge_takes_back_the_memos_and_attributes_it_brought(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Undo took a merge's passages and codes back but left every memo and attribute value it
    had brought: Ben's journal, his code memo, his text below Ana's memo, his country."""
    ana = _memos_and_attributes_of_both(capsys)

    def undated(memos: list[Memo]) -> list[Memo]:  # an undo dates what it puts back
        return [m.evolve(updated="") for m in memos]

    with AnnotationStore(team / "ana.json") as store:
        before = (undated(store.memos()), store.attributes(), store.annotations())
    run(capsys, "merge", "ben/ben.json", *ana)
    with AnnotationStore(team / "ana.json") as store:
        assert len(store.memos()) == 3 and store.attributes()
    _, err = run(capsys, "undo", *ana[:2])
    assert "merge ben.json" in err
    with AnnotationStore(team / "ana.json") as store:
        assert (undated(store.memos()), store.attributes(), store.annotations()) == before
    run(capsys, "undo", "--redo", *ana[:2])
    with AnnotationStore(team / "ana.json") as store:
        assert len(store.memos()) == 3
        assert store.attributes() == {f"docs_corpus/{DOC}": {"country": "Mexico"}}
    with AnnotationStore(team / "ana.json") as store:
        [merged] = [str(s.id) for s in store.history() if "merge ben.json" in s.label]
    run(capsys, "memo", "add", "--code", "policy", "Ana adds a line", *ana)
    status = main(["undo", merged, *ana[:2]])  # (a plain undo takes back her line: a step)
    _, err = capsys.readouterr()
    assert status != 0 and "the memo of policy changed since" in err, err
    # A plain undo takes back her line first, then the merge, with the memo as it left it.
    _, err = run(capsys, "undo", *ana[:2])
    assert "edit memo of code policy" in err and "merge" not in err
    with AnnotationStore(team / "ana.json") as store:
        assert len(store.memos()) == 3
        assert not any("Ana adds a line" in m.text for m in store.memos())
    _, err = run(capsys, "undo", *ana[:2])
    assert "merge ben.json" in err
    with AnnotationStore(team / "ana.json") as store:
        assert (undated(store.memos()), store.attributes(), store.annotations()) == before


def test_a_hand_edited_database_with_a_tag_as_a_string_merges_as_that_tag(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code(capsys, "ben", "Pentagon plan", "policy")
    data = json.loads((team / "ben" / "ben.json").read_text())
    for record in data["annotations"].values():
        record["tags"] = "security/border"  # a list of one, written by hand as its name
    (team / "ben" / "ben.json").write_text(json.dumps(data))
    _, err = run(capsys, "merge", "ben/ben.json", "--db", "ana.json", "--corpus", "docs_corpus")
    assert "1 new" in err
    with AnnotationStore(team / "ana.json") as store:
        assert [a.tags for a in store.annotations()] == [("security/border",)]
        assert "/" not in {t.name for t in store.tags()}


def test_a_damaged_range_in_their_database_is_kept_and_named_not_the_whole_merge_refused(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code(capsys, "ben", "Pentagon plan", "policy")
    code(capsys, "ben", "Doral, Florida", "military")
    data = json.loads((team / "ben" / "ben.json").read_text())
    damaged = next(iter(data["annotations"].values()))
    damaged["start"], damaged["end"] = 50, 3  # edited by hand, or by another program
    (team / "ben" / "ben.json").write_text(json.dumps(data))
    _, err = run(capsys, "merge", "ben/ben.json", "--db", "ana.json", "--corpus", "docs_corpus")
    assert f"tui-reader: ben.json: annotation {damaged['id']!r}: range [50, 3) cannot" in err
    assert "2 new" in err
    out, _ = run(capsys, "export", "docs_corpus", "--db", "ana.json", "--format", "json")
    quotes = {r["id"]: (r["quote"], r["end"] - r["start"]) for r in json.loads(out)}
    assert quotes[damaged["id"]] == (damaged["quote"], len(damaged["quote"]))  # placed again


def test_their_annotation_under_an_id_of_ours_on_another_document_never_replaces_ours(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ident = code(capsys, "ana", "Pentagon plan", "policy")
    other = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
    (team / "ben" / "corpus" / other).write_text("Another text entirely.\n", encoding="utf-8")
    out, _ = run(
        capsys, "annotate", f"ben/corpus/{other}", "--quote", "Another text", "-t", "other",
        "--coder", "ben", "--db", "ben/ben.json", "--corpus", "ben/corpus",
    )  # fmt: skip
    data = json.loads((team / "ben" / "ben.json").read_text())
    for record in data["annotations"].values():
        if record["id"] == out.strip():
            record["id"] = ident  # the same id as Ana's passage, on another document
            record["updated"] = "2099-01-01T00:00:00Z"
    (team / "ben" / "ben.json").write_text(json.dumps(data))
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert f"annotation {ident!r} is ours on docs_corpus/{DOC}" in err and "1 new" in err
    with AnnotationStore(team / "ana.json") as store:
        assert store.get(ident).quote == "Pentagon plan"  # type: ignore[union-attr]
        assert sorted(a.quote for a in store.annotations()) == ["Another text", "Pentagon plan"]
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "0 new" in err and "1 unchanged" in err  # merging again changes nothing


def test_another_programs_tinydb_file_is_not_merged_as_a_coder_with_no_work(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = team / "settings.json"
    foreign.write_text('{"_default": {"1": {"theme": "dark"}}}')
    status = main(["merge", str(foreign), "--db", "ana.json", "--corpus", "docs_corpus"])
    err = capsys.readouterr().err
    assert status != 0 and "merged" not in err and "settings.json" in err
    assert len(err.splitlines()) == 1
    assert foreign.read_text() == '{"_default": {"1": {"theme": "dark"}}}'


def test_agreement_by_character_counts_each_text_as_it_is_now(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By character, agreement takes each text's length from the facts kept of unchanged
    files: a file changed since is read again, never counted at its old length."""
    where = ["--db", "ana.json", "--corpus", "docs_corpus"]
    doc = team / "docs_corpus" / DOC
    for who in ("ana", "ben"):
        run(capsys, "annotate", str(doc), "--quote", "Pentagon plan", "-t", "policy",
            "--coder", who, *where)  # fmt: skip
    run(capsys, "list", "docs_corpus", "--db", "ana.json")  # the facts kept
    length = len(doc.read_text(encoding="utf-8"))

    def units() -> int:
        out, _ = run(capsys, "agreement", "ana", "ben", *where, "--format", "json")
        return int(json.loads(out)[-1]["units"])

    assert units() == length
    with doc.open("a", encoding="utf-8") as grown:
        grown.write("\nA paragraph added later, after the facts were kept.\n")
    assert units() == len(doc.read_text(encoding="utf-8")) > length


def test_agreement_by_character_leaves_a_transcripts_labels_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """By character, as by word, sentence and paragraph, the speaker labels of a transcript
    ("E1: ") are no characters anyone coded: counted neither in the units nor as agreed on,
    the first run (each text read) and the next (the stretches kept) alike."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    text = (
        "E1: Una señora vino ayer. Dijo algo.\n\nE2: Sí. Claro que sí.\n\n"
        "E1: Bueno, gracias.\n\nE2: De nada.\n"
    )
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "interview.txt").write_text(text, encoding="utf-8")
    where = ["--db", "db.json", "--corpus", "corpus"]
    for who, quote in (("ana", "Una señora vino ayer."), ("ben", "Una señora")):
        run(capsys, "annotate", "corpus/interview.txt", "--quote", quote, "-t", "x",
            "--coder", who, *where)  # fmt: skip

    def counted() -> dict[str, object]:
        out, _ = run(capsys, "agreement", "ana", "ben", *where, "--format", "json")
        return dict(json.loads(out)[-1])

    first = counted()
    assert first["units"] == len(text) - 4 * len("E1: ")
    assert (first["both"], first["only_a"], first["only_b"]) == (10, 11, 0)
    assert first["neither"] == len(text) - 16 - 21
    assert counted() == first


@pytest.mark.parametrize("unit", ["sentence", "paragraph"])
def test_agreement_by_sentence_keeps_the_units_of_unchanged_texts_and_cuts_a_changed_one(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """By sentence or paragraph, the units cut last time are taken again while a text is
    unchanged (no document loaded), and a text changed since is cut again."""
    where = ["--db", "ana.json", "--corpus", "docs_corpus"]
    doc = team / "docs_corpus" / DOC
    for who, quote in (("ana", "Pentagon plan"), ("ben", "La Jornada reported")):
        run(capsys, "annotate", str(doc), "--quote", quote, "-t", "policy", "--coder", who,
            *where)  # fmt: skip

    def counted() -> list[dict[str, object]]:
        out, _ = run(capsys, "agreement", "ana", "ben", *where, "--unit", unit, "-f", "json")
        return list(json.loads(out))

    first = counted()
    loaded = arguments_after_self(monkeypatch, Workspace, "document")
    assert counted() == first
    assert loaded == []  # every unit kept from the first run
    before = int(first[-1]["units"])  # type: ignore[call-overload]
    with doc.open("a", encoding="utf-8") as grown:
        grown.write("\n\nA paragraph added later. It has two sentences.\n")
    grown_units = int(counted()[-1]["units"])  # type: ignore[call-overload]
    assert grown_units == before + (2 if unit == "sentence" else 1)
    assert set(loaded) == {f"docs_corpus/{DOC}"}  # read for its facts, then cut
    loaded.clear()
    assert int(counted()[-1]["units"]) == grown_units  # type: ignore[call-overload]
    assert loaded == []


def test_their_database_cut_short_is_one_line_naming_it_and_ours_is_untouched(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database of ours is read by the store alone (not parsed first to learn what it is):
    one cut short is still refused in one line naming it, and nothing of ours changes."""
    code(capsys, "ana", "Pentagon plan", "policy")
    code(capsys, "ben", "Pentagon plan", "policy")
    whole = (team / "ben" / "ben.json").read_bytes()
    assert whole.startswith(b'{\n"')  # the layout the store writes
    cut = team / "cut.json"
    cut.write_bytes(whole[: len(whole) // 2])
    before = (team / "ana.json").read_bytes()
    status = main(["merge", str(cut), "--db", "ana.json", "--corpus", "docs_corpus"])
    out, err = capsys.readouterr()
    assert status != 0 and out == ""
    assert err.count("\n") == 1 and str(cut) in err and "damaged" in err
    assert (team / "ana.json").read_bytes() == before


def test_a_code_with_its_accents_encoded_otherwise_merges_and_imports_as_ours(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben's Sécurité, its accents written as combining marks (pasted from a PDF), stayed a
    second code beside Ana's: two lines alike in the codebook, and no agreement on either."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Sécurité")
    code(capsys, "ana", "Pentagon plan", "Sécurité")
    code(capsys, "ben", "Pentagon plan", "x")
    with AnnotationStore(team / "ben" / "ben.json", coder="ben") as store:
        [mine] = store.annotations()
        store.update(mine.evolve(tags=(decomposed,)))  # as a database written elsewhere has it
        assert [a.tags for a in store.annotations()] == [("Sécurité",)]  # read composed
    export = team / "ben.json-export"
    argv = ("export", "ben/corpus", "--db", "ben/ben.json", "-f", "json", "-o", str(export))
    run(capsys, *argv)
    for source, db in ((str(export), "imported.json"), ("ben/ben.json", "ana.json")):
        if db == "imported.json":
            shutil.copy(team / "ana.json", team / db)
            run(capsys, "import", source, "--db", db, "--corpus", "docs_corpus")
        else:
            run(capsys, "merge", source, "--db", db, "--corpus", "docs_corpus")
        with AnnotationStore(team / db, read_only=True) as store:
            assert {t for a in store.annotations() for t in a.tags} == {"Sécurité"}, db
        out, _ = run(capsys, "agreement", "ana", "ben", "--db", db, "-f", "json")
        assert json.loads(out)[0]["kappa"] == 1.0


def test_another_tools_w3c_file_merges_onto_the_documents_of_its_file_names(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another tool's W3C file names each document by a path of the machine it was made on
    and carries no hash of its text: merged, each annotation was 'no document here', an
    orphan for good, though the corpus holds a document of that file name."""
    text = (team / "docs_corpus" / DOC).read_text(encoding="utf-8")
    start = text.index("Pentagon plan")
    item = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "creator": {"type": "Person", "name": "ben"},
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "policy"},
        "target": {
            "source": f"file:///home/ben/interviews/{DOC}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "Pentagon plan"},
                {"type": "TextPositionSelector", "start": start, "end": start + 13},
            ],
        },
    }
    (team / "theirs.jsonld").write_text(json.dumps(item), encoding="utf-8")
    _, err = run(capsys, "merge", "theirs.jsonld", "--db", "ana.json", "--corpus", "docs_corpus")
    assert "1 new" in err and "no document here" not in err, err
    with AnnotationStore(team / "ana.json") as store:
        [annotation] = store.annotations()
    assert annotation.document == f"docs_corpus/{DOC}"


def test_what_a_merge_of_a_w3c_file_leaves_out_is_said_in_merge_s_words(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's W3C file with a note on a whole document (no passage) and a body that
    says nothing: the merge said 'not imported' and 'imported without it', import's words,
    where it imports nothing."""
    text = (team / "docs_corpus" / DOC).read_text(encoding="utf-8")
    start = text.index("Pentagon plan")
    source = f"file:///home/ben/interviews/{DOC}"
    passage = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "creator": {"type": "Person", "name": "ben"},
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "policy"}, {"value": None}],
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": "Pentagon plan"},
                {"type": "TextPositionSelector", "start": start, "end": start + 13},
            ],
        },
    }
    whole = {**passage, "id": "urn:uuid:21111111-2222-4333-8444-555555555555", "target": source}
    (team / "theirs.jsonld").write_text(json.dumps([passage, whole]), encoding="utf-8")
    _, err = run(capsys, "merge", "theirs.jsonld", "--db", "ana.json", "--corpus", "docs_corpus")
    said = [line for line in err.splitlines() if "theirs.jsonld: annotation" in line]
    assert len(said) == 2, err
    assert said[0].endswith("holds no text and names no resource; merged without it"), err
    assert said[1].endswith("no passage of it; not merged"), err
    assert "import" not in "".join(said), err
    assert "1 new" in err, err


@pytest.mark.parametrize("unit", ["word", "sentence", "paragraph"])
def test_a_plain_texts_units_are_cut_from_its_text_without_a_document_made(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """A plain text's units are cut from its text as the search reads it (10,000 documents
    made and kept took seconds and half a gigabyte): the same table as from the document."""
    from tui_reader.core.documents.document import load_document
    from tui_reader.locations import units_cache_path

    code(capsys, "ana", "Pentagon plan", "policy")
    code(capsys, "ana", "Doral, Florida", "military")
    code(capsys, "ben", "Pentagon plan", "policy")
    run(capsys, "merge", "ben/ben.json", "--db", "ana.json", "--corpus", "docs_corpus")
    argv = ["agreement", "ana", "ben", "--db", "ana.json", "--corpus", "docs_corpus"]
    argv += ["--unit", unit, "--format", "json"]
    run(capsys, *argv)  # the passages placed (their documents read), and known in place
    units_cache_path(team / "ana.json").unlink(missing_ok=True)
    made = arguments_after_self(monkeypatch, Workspace, "document")
    out, _ = run(capsys, *argv)
    assert made == []
    units_cache_path(team / "ana.json").unlink(missing_ok=True)
    monkeypatch.setattr(
        "tui_reader.core.analysis.coder_agreement.read_text",
        lambda where, fmt: load_document(Path(where)).text,
    )
    again, _ = run(capsys, *argv)
    assert json.loads(again) == json.loads(out)


def test_with_no_corpus_named_the_documents_are_those_of_the_databases_folder(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A study kept as its documents with annotations.json beside them, a colleague's copy
    merged there: nothing named a corpus, and the sample corpus (copies of the same articles)
    took our documents as moved there: every passage of theirs came in again as new, on the
    sample corpus's files."""
    monkeypatch.chdir(corpus_copy)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    run(capsys, "annotate", DOC, "--quote", "Pentagon plan", "-t", "policy", "--coder", "ana",
        "--corpus", ".")  # fmt: skip
    shutil.copyfile("annotations.json", "ben.json")
    out, err = run(capsys, "merge", "ben.json", "--dry-run")
    assert "0 new" in err and "1 unchanged" in err and "add\t" not in out
    run(capsys, "merge", "ben.json")
    with AnnotationStore(corpus_copy / "annotations.json") as store:
        assert [a.document for a in store.annotations()] == [DOC]


def test_agreement_at_a_depth_rolls_the_codes_below_into_their_parent_and_says_so(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Agreement compared each sub-code apart: no option counted 'security/border' and
    'security/army' as 'security'."""
    where = ["--db", "ana.json", "--corpus", "docs_corpus"]
    doc = str(team / "docs_corpus" / DOC)
    for who, tag in (("ana", "security/border"), ("ben", "security/army")):
        run(capsys, "annotate", doc, "--quote", "Pentagon plan", "-t", tag, "--coder", who,
            *where)  # fmt: skip
    out, err = run(capsys, "agreement", "ana", "ben", *where, "--format", "json")
    assert [r["tag"] for r in json.loads(out)] == ["security/army", "security/border", None]
    assert json.loads(out)[-1]["both"] == 0
    out, err = run(capsys, "agreement", "ana", "ben", *where, "--depth", "1", "--format", "json")
    [security, overall] = json.loads(out)
    assert security["tag"] == "security" and security["kappa"] == 1.0
    assert security["both"] == len("Pentagon plan") and overall["both"] == security["both"]
    assert err == (
        "tui-reader: --depth 1: a code below its first level is counted as the code it is "
        "under: security takes security/army, security/border\n"
    )
    _, err = run(capsys, "agreement", "ana", "ben", *where, "--depth", "3")
    assert "no code compared here is below its first 3 levels" in err
    with pytest.raises(SystemExit) as refused:
        main(["agreement", "ana", "ben", *where, "--depth", "0"])
    assert refused.value.code == 2
    assert "'0' is not a number of levels (1 or more)" in capsys.readouterr().err


def test_a_code_named_that_neither_coder_used_in_a_document_is_compared_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--tag fear --doc b.txt, where neither coder coded fear, printed "(all codes) 0 units,
    no units", as if the document had none: fear has a row of the document's units, on
    which they agree; a document neither coded says so."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army came. People were afraid.\n")
    (corpus / "b.txt").write_text("Nothing here.\n")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for who, quote in (("ana", "The army came."), ("ben", "People were afraid.")):
        run(capsys, "annotate", str(corpus / "a.txt"), "--quote", quote, "-t", "fear",
            "--coder", who, *where)  # fmt: skip
    out, _ = run(capsys, "agreement", "ana", "ben", *where, "-t", "fear", "--doc", "b.txt",
                 "-f", "json")  # fmt: skip
    rows = {r["tag"]: r for r in json.loads(out)}
    assert set(rows) == {"fear", None}
    assert rows["fear"]["units"] == 14 and rows["fear"]["neither"] == 14
    assert rows["fear"]["undefined_because"] == "no variation: neither coder used the code here"
    assert rows[None]["units"] == 14
    out, _ = run(capsys, "agreement", "ana", "ben", *where, "-t", "fear", "-f", "json")
    assert [r["units"] for r in json.loads(out)] == [35, 35]  # where they coded it: as before
    _, err = run(capsys, "agreement", "ana", "ben", *where, "--doc", "b.txt")
    assert err == (
        "tui-reader: neither ana nor ben coded corpus/b.txt here: no code to compare (--tag "
        "CODE compares a code they did not use)\n"
    )


def test_agreement_names_a_document_as_query_and_export_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """agreement --doc took a path alone (from here, or from the corpus folder): a file name
    of a document in a folder of the corpus, which query --doc takes, was "no such
    document"."""
    corpus = tmp_path / "corpus"
    (corpus / "wave1").mkdir(parents=True)
    (corpus / "wave1" / "int-1.txt").write_text("The army came. People were afraid.\n")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for who in ("ana", "ben"):
        run(capsys, "annotate", str(corpus / "wave1" / "int-1.txt"), "--quote", "The army",
            "-t", "fear", "--coder", who, *where)  # fmt: skip
    monkeypatch.chdir(tmp_path)
    for name in ("int-1.txt", "int-1", "wave1/int-1.txt", "corpus/wave1/int-1.txt"):
        out, _ = run(capsys, "agreement", "ana", "ben", *where, "--doc", name, "-f", "json")
        assert [r["kappa"] for r in json.loads(out)] == [1.0, 1.0], name


def test_an_agreement_short_of_perfect_is_never_shown_as_100_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two coders one character apart in 3,000 showed an agreement of 100.0%, as if they had
    coded alike (beside a kappa under 1)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x" * 3000)
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for who, end in (("ana", "3000"), ("ben", "2999")):
        run(capsys, "annotate", str(corpus / "a.txt"), "--start", "0", "--end", end,
            "-t", "fear", "--coder", who, *where)  # fmt: skip
    out, _ = run(capsys, "agreement", "ana", "ben", *where)
    assert out.splitlines()[2].split()[:3] == ["fear", "3000", ">99.9%"]


def test_a_kappa_short_of_perfect_is_never_shown_as_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two coders coding half of 6,000 characters, one character apart, showed a kappa and
    an alpha of 1.000, perfect agreement, beside a count of units only one of them coded."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x" * 6000)
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for who, end in (("ana", "3000"), ("ben", "2999")):
        run(capsys, "annotate", str(corpus / "a.txt"), "--start", "0", "--end", end,
            "-t", "fear", "--coder", who, *where)  # fmt: skip
    # by hand: po = 5999/6000, pA = 1/2, so pe = 1/2 and kappa = 1 - 2/6000 = 0.99967
    n, both, only_a = 6000, 2999, 1
    po, pa, pb = (n - only_a) / n, (both + only_a) / n, both / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = (po - pe) / (1 - pe)
    assert 0.9995 <= kappa < 1  # what three decimals round to 1.000
    out, _ = run(capsys, "agreement", "ana", "ben", "--format", "json", *where)
    assert json.loads(out)[0]["kappa"] == pytest.approx(kappa)
    out, _ = run(capsys, "agreement", "ana", "ben", *where)
    assert out.splitlines()[2].split()[:5] == ["fear", "6000", ">99.9%", ">0.999", ">0.999"]
    out, _ = run(capsys, "agreement", "ana", "ben", "--format", "markdown", *where)
    assert "| \\>99.9% | \\>0.999 | \\>0.999 |" in out  # Markdown's > escaped, as a percent's


def test_agreement_takes_codes_separated_by_commas_as_export_and_report_do(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``agreement ana ben --tag policy,military`` sought one code 'policy,military' ("no code
    'policy,military' in the codebook", exit 1), where export, report and annotate take
    ``--tag a,b`` as two codes: it compares both now."""
    code(capsys, "ana", "Pentagon plan", "policy")
    code(capsys, "ana", "Doral, Florida", "military")
    code(capsys, "ben", "Pentagon plan", "policy")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    run(capsys, "merge", "ben/ben.json", *ana)
    run(capsys, "tags", "set", "Fear, anxiety", "--db", "ana.json")  # a code with a comma
    out, err = run(
        capsys, "agreement", "ana", "ben", *ana, "--tag", "policy,military", "-f", "json"
    )
    assert {r["tag"] for r in json.loads(out)} == {"policy", "military", None} and err == ""
    out, _ = run(capsys, "agreement", "ana", "ben", *ana, "--tag", "Fear, anxiety", "-f", "json")
    assert {r["tag"] for r in json.loads(out)} == {"Fear, anxiety", None}


def test_merge_takes_no_empty_attribute_value_of_theirs_and_fills_an_empty_one_of_ours(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben's database held country "" and wave " " (stored before attr set refused an empty
    value, or by another tool): the merge copied them, though attr set and a project's import
    keep no empty value. Ana's own empty site was taken for a value, his site not taken."""
    ana = _memos_and_attributes_of_both(capsys)
    with AnnotationStore(team / "ben" / "ben.json") as store:
        key = next(iter(store.attributes()))
        store.set_attributes([(key, {"country": "", "wave": " ", "site": "Doral"})])
    with AnnotationStore(team / "ana.json") as store:
        store.set_attributes([(f"docs_corpus/{DOC}", {"site": "", "year": 2018})])
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "1 attribute value of 1 document" in err and "differs" not in err
    with AnnotationStore(team / "ana.json") as store:
        assert store.attributes() == {f"docs_corpus/{DOC}": {"site": "Doral", "year": 2018}}


def test_disagreements_tell_the_spaces_alone_the_figures_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ana coded two sentences apart, Ben as one passage: by character the figures count the
    space between them as coded by Ben alone (96.2% here), but the list of disagreements, which
    leaves a stretch of spaces alone out, said "(no disagreements)". It now says what it
    left out, which adds up to the figures' only A and only B."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "The army came.  The navy left.\n"
    (corpus / "d.txt").write_text(text, encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "team.json")]
    doc = str(corpus / "d.txt")
    for who, quote in (("ana", "The army came."), ("ana", "The navy left."),
                       ("ben", "The army came.  The navy left.")):  # fmt: skip
        run(capsys, "annotate", doc, "--quote", quote, "-t", "fear", "--coder", who, *where)
    out, _ = run(capsys, "agreement", "ana", "ben", "--format", "json", *where)
    [fear, _] = json.loads(out)
    assert (fear["both"], fear["only_a"], fear["only_b"]) == (28, 0, 2)
    out, err = run(capsys, "agreement", "ana", "ben", "--disagreements", *where)
    assert out == ""  # no line, as a listing with none prints none (the spaces said below)
    assert err == (
        "tui-reader: 2 characters one coder coded and the other did not are spaces alone "
        "(as between two sentences one coded apart and the other as one passage): the "
        "figures count them, the list leaves them out (fear: 2)\n"
    )
    out, err = run(capsys, "agreement", "ana", "ben", "--disagreements", "-f", "json", *where)
    assert json.loads(out) == [] and "2 characters" in err


def test_agreement_takes_the_corpus_folder_as_path_as_report_does(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``agreement ana ben docs_corpus`` was 'unrecognized arguments: docs_corpus' where
    report, query and export take the corpus folder as PATH: the same as --corpus."""
    for who, quote in (
        ("ana", "Pentagon plan"),
        ("ana", "Doral, Florida"),
        ("ben", "Pentagon plan"),
    ):
        where = ["--db", "both.json", "--corpus", "docs_corpus", "--coder", who]
        run(capsys, "annotate", f"docs_corpus/{DOC}", "--quote", quote, "-t", "policy", *where)
    by_option, _ = run(capsys, "agreement", "ana", "ben", "--db", "both.json", "--corpus",
                       "docs_corpus", "-f", "csv")  # fmt: skip
    by_path, _ = run(
        capsys, "agreement", "ana", "ben", "docs_corpus", "--db", "both.json", "-f", "csv"
    )
    assert by_path == by_option and "policy" in by_path
    # a file is one document, as --doc names it (export, list and search take files)
    by_file, _ = run(
        capsys, "agreement", "ana", "ben", f"docs_corpus/{DOC}", "--db", "both.json", "-f", "csv"
    )
    by_doc, _ = run(capsys, "agreement", "ana", "ben", "--db", "both.json", "--corpus",
                    "docs_corpus", "--doc", DOC, "-f", "csv")  # fmt: skip
    assert by_file == by_doc and "policy" in by_file


@pytest.mark.parametrize("listed", [False, True], ids=["figures", "disagreements"])
def test_agreement_without_a_document_coded_gone_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], listed: bool
) -> None:
    """A file both coders coded, deleted since, was said '... (left out)' and the two coders
    compared without it, exit 0: a script took the figures for those of all their coding."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = str(tmp_path / "db.json")
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(f"The army moved ({name}).\n", "utf-8")
        for coder in ("ann", "ben"):
            argv = ["annotate", name, "--corpus", str(corpus), "--db", db, "--coder", coder]
            assert main([*argv, "--quote", "army", "--tag", "war"]) == 0
    (corpus / "a.txt").unlink()
    capsys.readouterr()
    more = ["--disagreements"] if listed else []
    assert main(["agreement", "ann", "ben", str(corpus), "--db", db, *more]) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: {corpus / 'a.txt'}: the file is gone (moved or deleted?): left out\n"
    )  # as query, report and export say it (it was "No such file or directory (left out)")


def test_merge_says_apart_a_passage_deleted_there_that_was_changed_here_since(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben deleted his passage after Ana merged it, and Ana had recoded her copy since: the
    merge named it among those "deleted in ben/ben.json" as if Ben had deleted what Ana has;
    he deleted a version she no longer has."""
    gone = code(capsys, "ben", "Pentagon plan", "policy")
    code(capsys, "ben", "SouthCom Conference", "place")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    run(capsys, "merge", "ben/ben.json", *ana)
    run(capsys, "tags", "rename", "policy", "defence", "--db", "ana.json")
    with AnnotationStore(team / "ben" / "ben.json") as store:
        store.delete(gone)
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "(a merge deletes nothing here)" not in err, err
    assert (
        "1 annotation deleted in ben/ben.json is kept here (changed here since the copy they "
        f"deleted): docs_corpus/{DOC}: 'Pentagon plan'"
    ) in err, err
    with AnnotationStore(team / "ana.json", read_only=True) as store:
        assert sorted((a.quote, a.tags) for a in store.annotations()) == [
            ("Pentagon plan", ("defence",)),
            ("SouthCom Conference", ("place",)),
        ]


def test_merge_names_their_memos_deleted_there_that_it_keeps_here(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben deleted two of his memos after Ana merged them: merging again kept her copies (a
    merge deletes nothing) and said nothing of it, as it said nothing of deleted passages
    before; the one Ana had added to since is said apart."""
    code(capsys, "ben", "Pentagon plan", "policy")
    ben = ["--db", "ben/ben.json", "--corpus", "ben/corpus"]
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    gone = run(capsys, "memo", "add", "--code", "policy", "Plans of others.", *ben)[0].strip()
    run(capsys, "memo", "add", "--journal", "Day one.", *ben)
    run(capsys, "merge", "ben/ben.json", *ana)
    run(capsys, "memo", "add", "--journal", "Day two.", *ana)
    with AnnotationStore(team / "ana.json") as store:
        [journal] = [m for m in store.memos() if m.text.startswith("Day one")]
        store.put_memo(journal.evolve(text="Day one. And more.\n"))
    with AnnotationStore(team / "ben" / "ben.json") as store:
        store.delete_memo(gone)
        store.delete_memo(journal.id)
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert (
        "1 memo deleted in ben/ben.json is kept here (a merge deletes nothing here): "
        "memo of code policy: 'Plans of others.'"
    ) in err, err
    assert (
        "1 memo deleted in ben/ben.json is kept here (changed here since the copy they "
        "deleted): journal "
    ) in err, err
    assert "Day two" not in err  # never theirs
    with AnnotationStore(team / "ana.json", read_only=True) as store:
        assert len(store.memos()) == 3


def test_their_undo_after_a_merge_reaches_the_next_merge(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ben renamed a code, Ana merged, Ben took the rename back with ``undo``: the undo put
    back the older ``updated`` time, so Ana's next merge found both sides changed and kept
    Ben's copy beside hers ("Kept from a conflict"). An undo is a change of its own: it is
    newer, and the merge takes it."""
    clock = [1_700_000_000.0]
    monkeypatch.setattr(
        "tui_reader.core.annotations.model.time", SimpleNamespace(time=lambda: clock[0])
    )
    ben = ["--db", "ben/ben.json"]
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]

    def later(*argv: str) -> str:
        clock[0] += 60
        return run(capsys, *argv)[1]

    code(capsys, "ben", "Pentagon plan", "policy")
    assert "1 new" in later("merge", "ben/ben.json", *ana)
    later("tags", "rename", "policy", "defence", *ben)
    assert "1 newer than ours (taken)" in later("merge", "ben/ben.json", *ana)
    later("undo", *ben)
    err = later("merge", "ben/ben.json", *ana)
    assert "0 changed on both sides" in err and "1 newer than ours (taken)" in err, err
    with AnnotationStore(team / "ana.json", read_only=True) as store:
        assert [(a.tags, a.note) for a in store.annotations()] == [(("policy",), "")]


def test_merge_names_their_annotations_deleted_there_that_it_keeps_here(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben deleted one of his passages after Ana merged his work: merging again kept Ana's
    copy (a merge deletes nothing) and said nothing of it, so his deletion went unseen."""
    gone = code(capsys, "ben", "Pentagon plan", "policy")
    code(capsys, "ben", "SouthCom Conference", "place")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    run(capsys, "merge", "ben/ben.json", *ana)
    with AnnotationStore(team / "ben" / "ben.json") as store:
        store.delete(gone)
    for dry_run, verb in ((["--dry-run"], "would be kept"), ([], "is kept")):
        _, err = run(capsys, "merge", "ben/ben.json", *ana, *dry_run)
        assert (
            f"1 annotation deleted in ben/ben.json {verb} here (a merge deletes nothing "
            f"here): docs_corpus/{DOC}: 'Pentagon plan'"
        ) in err, err
    with AnnotationStore(team / "ana.json", read_only=True) as store:
        assert sorted(a.quote for a in store.annotations()) == [
            "Pentagon plan",
            "SouthCom Conference",
        ]
    with AnnotationStore(team / "ben" / "ben.json") as store:  # taken back: nothing to say
        store.undo()
    _, err = run(capsys, "merge", "ben/ben.json", *ana)
    assert "deleted in" not in err, err


def test_agreement_says_which_documents_one_coder_never_coded_and_how_to_leave_them_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague who coded one transcript of three: the figures counted the two others as
    theirs "not coded" throughout, a low kappa nothing on screen explained."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in (1, 2, 3):
        (corpus / f"int-{n}.txt").write_text(f"P{n}: The bus only runs twice a day. I stayed.\n")
    where = ["--db", str(tmp_path / "team.json"), "--corpus", str(corpus)]
    for who, docs in (("ana", (1, 2, 3)), ("ben", (2,))):
        for n in docs:
            run(capsys, "annotate", str(corpus / f"int-{n}.txt"), "--quote", "The bus",
                "-t", "transport", "--coder", who, *where)  # fmt: skip
    _, err = run(capsys, "agreement", "ana", "ben", *where)
    assert err.splitlines() == [
        "tui-reader: ben coded nothing in 2 documents that ana coded, counted as ben's "
        '"not coded" throughout: corpus/int-1.txt; corpus/int-3.txt',
        "tui-reader: to compare the documents both coded alone: --doc corpus/int-2.txt",
    ]
    out, err = run(capsys, "agreement", "ana", "ben", *where, "--doc", "corpus/int-2.txt")
    assert err == "" and "100.0%" in out.splitlines()[2]


def test_agreement_s_doc_hint_names_a_file_holding_a_line_feed_as_the_shell_types_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ``--doc`` hint for a file whose name holds a line feed read
    ``--doc 'corpus/two␊lines.txt'``, which no shell can type: it is given in the shell's
    own form, ``$'corpus/two\\nlines.txt'``, which names the file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("one.txt", "two\nlines.txt"):
        (corpus / name).write_text("P1: The bus only runs twice a day. I stayed.\n")
    where = ["--db", str(tmp_path / "team.json"), "--corpus", str(corpus)]
    for who, names in (("ana", ("one.txt", "two\nlines.txt")), ("ben", ("two\nlines.txt",))):
        for name in names:
            run(capsys, "annotate", str(corpus / name), "--quote", "The bus",
                "-t", "transport", "--coder", who, *where)  # fmt: skip
    _, err = run(capsys, "agreement", "ana", "ben", *where)
    hint = err.splitlines()[-1]
    assert hint == (
        "tui-reader: to compare the documents both coded alone: --doc $'corpus/two\\nlines.txt'"
    ), err
    out, err = run(capsys, "agreement", "ana", "ben", *where, "--doc", "corpus/two\nlines.txt")
    assert err == "" and "100.0%" in out.splitlines()[2]


def test_agreement_says_what_its_figures_are_and_they_are_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The help named percent agreement and Cohen's kappa without saying over what, and a
    team checking our figures against QualCoder's coder comparison (which counts every text
    file of its project and takes its kappa over the coded characters only) got others and
    could not tell which was right. The help now says what each figure is, and the figures
    are so: worked out by hand on two documents of 100 and 50 characters."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x" * 99 + "\n", encoding="utf-8")
    (corpus / "c.txt").write_text("y" * 49 + "\n", encoding="utf-8")
    where = ["--db", "team.json", "--corpus", str(corpus)]
    for coder, doc, start, end in [
        ("ana", "a.txt", 0, 20), ("ana", "a.txt", 45, 50),  # ana: 25 characters
        ("ben", "a.txt", 0, 30), ("ben", "c.txt", 0, 10),  # ben: 40, 20 of them ana's too
    ]:  # fmt: skip
        args = ["annotate", *where, "--coder", coder, "--start", str(start), "--end", str(end)]
        assert main([*args, "--tag", "theme", str(corpus / doc)]) == 0
    capsys.readouterr()
    out, _ = run(capsys, "agreement", "ana", "ben", *where, "--format", "json")
    theme = next(r for r in json.loads(out) if r["tag"] == "theme")
    # 150 characters: both 20, only ana 5, only ben 20, neither 105
    assert (theme["units"], theme["both"], theme["only_a"], theme["only_b"]) == (150, 20, 5, 20)
    assert theme["agreement"] == pytest.approx((20 + 105) / 150)
    pa, pb = 25 / 150, 40 / 150
    pe = pa * pb + (1 - pa) * (1 - pb)
    assert theme["kappa"] == pytest.approx(((20 + 105) / 150 - pe) / (1 - pe))
    with pytest.raises(SystemExit):
        main(["agreement", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "agreement: the share of units both coders coded or both left uncoded" in shown
    assert "kappa: Cohen's, chance from each coder's share of the units coded" in shown
    assert "QualCoder's coder comparison" in shown


def test_an_export_merge_does_not_read_says_what_to_send_or_run_instead(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague sends the Markdown or CSV export of their coding: merge said "not a
    tui-reader database or JSON/W3C export" of each, as of any file, naming neither the
    exports it reads (a project, a qdpx) nor that import takes our CSV export back."""
    code(capsys, "ben", "Pentagon plan", "policy")
    ben = ["--db", "ben/ben.json", "--corpus", "ben/corpus"]
    run(capsys, "export", "-o", "ben.md", *ben)
    run(capsys, "export", "-f", "csv", "-o", "ben.csv", *ben)
    (team / "notes.txt").write_text("some words\n", encoding="utf-8")
    reads = "merge reads a tui-reader database or its json, project, w3c or qdpx export"
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    said = {}
    for name in ("ben.md", "ben.csv", "notes.txt"):
        assert main(["merge", name, *ana]) == 2
        said[name] = capsys.readouterr().err
        assert said[name].count("\n") == 1, said[name]
    assert said["ben.md"] == (
        f"tui-reader: ben.md: a Markdown export of tui-reader, which no command reads back; "
        f"{reads} (tui-reader export -f project -o FILE writes one)\n"
    )
    assert said["ben.csv"] == (
        f"tui-reader: ben.csv: a CSV export of tui-reader; {reads}, "
        f"and tui-reader import ben.csv takes this one\n"
    )
    assert said["notes.txt"] == f"tui-reader: notes.txt: not a tui-reader export; {reads}\n"
    assert main(["import", "ben.csv", *ana]) == 0


def test_import_of_a_markdown_export_says_no_command_reads_it_back(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import ben.md`` (a colleague's Markdown export) said "not a file import reads (W3C
    or tui-reader JSON, ...)", as of any text, and its list left out our CSV export, which
    import reads back."""
    code(capsys, "ben", "Pentagon plan", "policy")
    run(capsys, "export", "-o", "ben.md", "--db", "ben/ben.json", "--corpus", "ben/corpus")
    ana = ["--db", "ana.json", "--corpus", "docs_corpus"]
    assert main(["import", "ben.md", *ana]) == 2
    err = capsys.readouterr().err
    assert err == (
        "tui-reader: ben.md: a Markdown export of tui-reader, which no command reads back; "
        "import reads W3C or tui-reader JSON (a json or project export), tui-reader's CSV "
        "export, a REFI-QDA project or codebook, Taguette's highlights CSV/HTML or codebook "
        "CSV\n"
    )
    # its documents' attributes in its front matter past the 64 KB looked through for the
    # line saying who wrote it: known by the property the front matter begins with
    ben = ["--db", "ben/ben.json", "--corpus", "ben/corpus"]
    document = json.loads(run(capsys, "export", "-f", "json", *ben)[0])[0]["document"]
    run(capsys, "attr", "set", Path(document).name, f"summary={'x' * 70_000}", *ben)
    run(capsys, "export", "-o", "long.md", *ben)
    assert len(Path("long.md").read_bytes()) > 70_000
    assert main(["import", "long.md", *ana]) == 2
    assert capsys.readouterr().err == err.replace("ben.md", "long.md")
    assert main(["merge", "long.md", *ana]) == 2
    assert "long.md: a Markdown export of tui-reader" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("format_name", "out", "err"),
    [
        ("table", "", ""),
        ("csv", "\ufeffdocument,start,end,code,coded by,passage,ana's codes,ben's codes\r\n", ""),
        ("json", "[]\n", ""),
    ],
)
def test_no_disagreement_is_no_line_of_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format_name: str, out: str, err: str
) -> None:
    """Two coders who agree: --disagreements printed "(no disagreements)" on stdout, in a
    CSV too, a row of one cell to a script reading it; a table now has no line, as coders
    with no coder and a report with no coded passage, and a CSV is its header."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d.txt").write_text("The army came.\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "team.json")]
    for who in ("ana", "ben"):
        run(capsys, "annotate", str(corpus / "d.txt"), "--quote", "army", "-t", "t", "--coder",
            who, *where)  # fmt: skip
    argv = ["agreement", "ana", "ben", "--disagreements", "-f", format_name, *where]
    assert main(argv) == 0
    assert capsys.readouterr() == (out, err)
