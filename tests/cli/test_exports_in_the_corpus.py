"""An export written into the corpus folder (``export -f csv -o docs/coding.csv``) was listed
as "unsupported file type '.csv'" at every listing after it: our own exports are known by
what they begin with and left out without a word; other files of those names are still said."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from helpers.counting import heads_read

from tui_reader.cli.main import main


@pytest.fixture
def coded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved at dawn.\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    quote = ["--quote", "army", "--tag", "militarization", "--note", "a note"]
    assert main(["annotate", str(corpus / "a.txt"), *quote, "--db", db]) == 0
    capsys.readouterr()
    return corpus, db


def _only_documents(
    capsys: pytest.CaptureFixture[str],
    db: str,
    where: str,
    documents: list[str],
    found: list[str] | None = None,
) -> None:
    """``list`` names the documents in ``where`` and says nothing else, and ``search army``
    finds the word in each of them and nowhere else (named as search prints them: ``found``,
    the documents' names unless given)."""
    assert main(["list", where, "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == documents and err == ""
    assert main(["search", "army", where, "--db", db]) == 0
    out, _ = capsys.readouterr()
    names = documents if found is None else found
    assert sorted({line.split(":")[0] for line in out.splitlines()}) == names


FORMATS = ["json", "project", "csv", "csv-raw", "w3c", "qdpx", "qdc", "codebook-csv"]


def test_our_exports_in_the_corpus_are_not_listed_nor_said(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    extension = {"json": ".json", "project": ".json", "csv": ".csv", "csv-raw": ".csv",
                 "w3c": ".jsonld", "qdpx": ".qdpx", "qdc": ".qdc",
                 "codebook-csv": ".csv"}  # fmt: skip
    for export_format in FORMATS:
        out = corpus / f"coding-{export_format}{extension[export_format]}"
        assert main(["export", str(corpus), "-f", export_format, "-o", str(out), "--db", db]) == 0
    (corpus / "empty.csv").write_bytes(b"")  # an empty file stays listed: an empty table
    capsys.readouterr()
    assert main(["list", str(corpus), "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["a.txt", "empty.csv"]
    assert err == ""


def test_other_files_of_those_names_are_still_said(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet's CSV (read as a table), another tool's JSON or qdpx, a FIFO named like
    an export (never waited on), a damaged zip: each still listed or said, as before."""
    corpus, db = coded
    (corpus / "budget.csv").write_text("id,amount\n1,2\n", encoding="utf-8")
    # Taguette's codebook export: a table of codes, not ours
    (corpus / "codes.csv").write_text(
        "tag,description,number of highlights,number of documents\r\nx,y,1,1\r\n", "utf-8"
    )
    (corpus / "data.json").write_text('[{"id": "x", "document": "a.txt"}]', encoding="utf-8")
    with zipfile.ZipFile(corpus / "other.qdpx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", '<?xml version="1.0"?><Project origin="QualCoder 3">')
    (corpus / "broken.qdpx").write_bytes(b"PK\x03\x04" + b"\xff" * 40)
    os.mkfifo(corpus / "pipe.csv")
    capsys.readouterr()
    # (a FIFO named as a document is one not read, as pipe.txt is: exit 2)
    assert main(["list", str(corpus), "--db", db]) == 2
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "a.txt",
        "budget.csv",
        "codes.csv",
    ]
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [
        "broken.qdpx",
        "data.json",
        "other.qdpx",
        "pipe.csv",
    ]


def test_a_colleague_s_database_in_the_corpus_is_not_listed_nor_said(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's database put in the corpus to be merged (or the one a run inside the
    folder made, ./annotations.json): the files beside it were left out, but it was said
    "unsupported file type '.json'" at every listing, and list exited 2.  Another tool's
    JSON whose first key is "annotations" is still said."""
    corpus, db = coded
    colleague = corpus / "ana.json"
    quote = ["--quote", "dawn", "--tag", "time"]
    assert main(["annotate", str(corpus / "a.txt"), *quote, "--db", str(colleague)]) == 0
    (corpus / "old.json").write_bytes(Path(db).read_bytes().replace(b"\n", b""))  # one line
    (corpus / "ben.db").write_bytes(Path(db).read_bytes())
    (corpus / "tool.json").write_text('{"annotations": [{"text": "x"}]}', encoding="utf-8")
    capsys.readouterr()
    assert main(["list", str(corpus), "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["a.txt"]
    assert err == "tui-reader: tool.json: unsupported file type '.json'\n"


def test_our_vault_in_the_corpus_is_not_listed_nor_searched(
    coded: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An Obsidian vault exported into the corpus folder: its notes (Markdown) were listed,
    read and searched as documents, and the next export wrote notes of them.  Ours (their
    front matter says ``tui-reader:``) are left out, and the record beside them (hidden); the
    user's own notes in the vault, and a Markdown file saying so in a folder with no vault's
    record, stay documents."""
    corpus, db = coded
    vault = corpus / "vault"
    assert main(["export", str(corpus), "-f", "obsidian", "-o", str(vault), "--db", db]) == 0
    assert (vault / ".tui-reader-notes.json").is_file()
    assert (vault / "Documents" / "a.md").is_file() and (vault / "Codes").is_dir()
    mine = "---\ntags: [reading]\n---\n# Thoughts\n\nThe army again.\n"
    (vault / "Thoughts.md").write_text(mine, encoding="utf-8")
    (vault / "Documents" / "Aside.md").write_text("The army, aside.\n", encoding="utf-8")
    copied = (vault / "Documents" / "a.md").read_text(encoding="utf-8")
    (corpus / "copied.md").write_text(copied, encoding="utf-8")  # no record beside it
    capsys.readouterr()
    documents = ["a.txt", "copied.md", "vault/Documents/Aside.md", "vault/Thoughts.md"]
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    _only_documents(capsys, db, ".", documents)
    # the next export writes no note of a note of ours
    assert main(["export", str(corpus), "-f", "obsidian", "-o", str(vault), "--db", db]) == 0
    assert sorted(p.name for p in (vault / "Documents").iterdir()) == ["Aside.md", "a.md"]
    # the vault's folder of notes as the corpus: its notes of ours left out as well
    assert main(["list", str(vault / "Documents"), "--db", db]) == 0
    out, _ = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["Aside.md"]


def test_files_named_leave_out_our_exports_and_vault_notes_as_the_listing_does(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``autocode army -t t docs/*`` (a shell's names, or the files named one by one) coded
    our own csv export and the notes of a vault of ours in the folder as documents, and
    ``export docs/*`` exported those passages: the listing leaves them out, the files named
    were tested by another rule.  Each is now said, as written by tui-reader, and left out."""
    corpus, db = coded
    export = corpus / "coding.csv"
    assert main(["export", str(corpus), "-f", "csv", "-o", str(export), "--db", db]) == 0
    vault = corpus / "vault"
    assert main(["export", str(corpus), "-f", "obsidian", "-o", str(vault), "--db", db]) == 0
    note = vault / "Documents" / "a.md"
    assert note.is_file() and "army" in export.read_text("utf-8") + note.read_text("utf-8")
    capsys.readouterr()
    named = [str(corpus / "a.txt"), str(export), str(note)]
    assert main(["autocode", "army", "-t", "army", *named, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out == "1\n"  # a.txt's army alone
    said = [line.partition(": ")[2] for line in err.splitlines() if "written by" in line]
    assert said == [f"{path}: written by tui-reader (an export, a database or a vault's note), "
                    "not a document" for path in named[1:]]  # fmt: skip
    assert main(["export", *named, "-f", "json", "--db", db]) == 2
    out, _ = capsys.readouterr()
    assert '"document": "docs/a.txt"' in out and "coding.csv" not in out and "a.md" not in out


def test_our_vault_whose_record_was_not_kept_is_not_listed_either(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A vault of ours in the corpus whose hidden record did not come with it (synced by
    Obsidian Sync, copied by its visible files: ``cp -r vault/* docs/vault``) was listed
    note by note, its index, document and code notes read and searched as documents.  Its
    folders of notes side by side tell it; the user's notes there stay documents."""
    corpus, db = coded
    vault = corpus / "vault"
    assert main(["export", str(corpus), "-f", "obsidian", "-o", str(vault), "--db", db]) == 0
    (vault / ".tui-reader-notes.json").unlink()
    (vault / "Thoughts.md").write_text("# Thoughts\n\nThe army again.\n", encoding="utf-8")
    capsys.readouterr()
    documents = ["a.txt", "vault/Thoughts.md"]
    paths = [str(corpus / name) for name in documents]  # a corpus elsewhere: whole paths
    _only_documents(capsys, db, str(corpus), documents, paths)
    note = vault / "Documents" / "a.md"
    assert main(["autocode", "army", "-t", "army", str(note), "--db", db]) == 2
    assert "written by tui-reader" in capsys.readouterr().err
    # a folder of notes as the corpus, the vault above it with no record: the same
    assert main(["list", str(vault / "Codes"), "--db", db]) == 0
    assert capsys.readouterr().out == ""


def test_our_markdown_exports_in_the_corpus_are_no_documents_under_any_name(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``export -o notes.md`` run in the corpus folder: the export was listed as a document,
    searched (every quote found twice), and sent to QualCoder as a source of a qdpx.  Our
    Markdown, by document or by code, is known by its first bytes whatever its name and
    however long its front matter (the documents' attributes), and the export says where it
    went, as a plain text (``as-text.txt``) too; a user's own Markdown stays a document, and
    so does ours under a name read as another format (said so when written)."""
    corpus, db = coded
    monkeypatch.chdir(corpus)
    long = "x" * 6000  # the front matter past the head read: its first line marks it
    assert main(["attr", "set", "a.txt", f"summary={long}", "--db", db]) == 0
    (corpus / "b.txt").write_text("The army left at noon.\n", encoding="utf-8")
    assert main(["attr", "set", "b.txt", "country=Peru", "--db", db]) == 0
    capsys.readouterr()
    written = {
        "notes.md": [],
        "by-code.markdown": ["--by", "tag"],
        "one.md": ["--doc", "a.txt"],  # one document's attributes as its properties
    }
    for name, how in written.items():
        assert main(["export", ".", "-o", name, *how, "--db", db]) == 0
        err = capsys.readouterr().err
        assert err == (f"tui-reader: wrote 1 annotation to {name} (in the corpus folder, where "
                       "it is not read as a document: tui-reader wrote it)\n")  # fmt: skip
    assert (corpus / "notes.md").read_text("utf-8").startswith('---\n"tui-reader": "export"\n')
    assert len((corpus / "notes.md").read_bytes()) > 6000
    # an export of an earlier version, its front matter short, has no mark: known by its title
    old = '---\n"country": "Peru"\n---\n\n# Annotations\n\nExported by tui-reader 0.1.0 on '
    (corpus / "old.md").write_text(old + "2026-01-01 10:00 UTC.\n\n> The army\n", "utf-8")
    # the user's own Markdown, which quotes ours, stays a document
    mine = "# Annotations\n\nMy reading of the army passage.\n\nExported by tui-reader 1 on\n"
    (corpus / "mine.md").write_text(mine, encoding="utf-8")
    assert main(["export", ".", "-o", "as-text.txt", "--db", db]) == 0
    assert capsys.readouterr().err == (
        "tui-reader: wrote 1 annotation to as-text.txt (in the corpus folder, where it is "
        "not read as a document: tui-reader wrote it)\n"
    )
    # under a name of no format read as Markdown or text, it is a document, and said so
    assert main(["export", ".", "-o", "as-page.html", "--db", db]) == 0
    assert capsys.readouterr().err == (
        "tui-reader: wrote 1 annotation to as-page.html (in the corpus folder, where it is "
        "read as a document: a search finds its quotes twice; name it as-page.md, or write "
        "it outside the corpus folder)\n"
    )
    (corpus / "as-page.html").unlink()
    documents = ["a.txt", "b.txt", "mine.md"]
    _only_documents(capsys, db, ".", documents)
    assert main(["export", ".", "-f", "qdpx", "-o", str(corpus.parent / "p.qdpx"), "--db", db]) == 0
    with zipfile.ZipFile(corpus.parent / "p.qdpx") as archive:
        project = archive.read("project.qde").decode("utf-8")
    assert project.count("<TextSource ") == len(documents)
    assert "notes.md" not in project and "mine.md" in project


def test_list_all_names_what_tui_reader_wrote_in_the_corpus(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``list --all`` names each file that is no document; the exports, databases and vault
    notes tui-reader wrote in the corpus were left out of it without a word, so a user
    looking for their notes.md there did not learn why it was not listed."""
    corpus, db = coded
    for name in ("notes.md", "sub/coding.csv"):
        (corpus / name).parent.mkdir(exist_ok=True)
        assert main(["export", str(corpus), "-o", str(corpus / name), "--db", db]) == 0
    assert main(["export", str(corpus), "-f", "obsidian", "-o", str(corpus / "v"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", str(corpus), "--all", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["a.txt"]
    named = [line.split(": ")[1] for line in err.splitlines()]
    assert named == ["notes.md", "sub/coding.csv", "v/Codes/militarization.md", "v/docs.md",
                     "v/Documents/a.md"], err  # fmt: skip
    assert err.splitlines()[1] == (
        "tui-reader: sub/coding.csv: written by tui-reader (an export, a database or a "
        "vault's note), not a document"
    )
    assert main(["list", str(corpus), "--db", db]) == 0
    assert capsys.readouterr().err == ""  # without --all: left out without a word, as before


def test_a_markdown_export_made_ones_own_is_a_document_once_its_mark_is_gone(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of our Markdown export that the user wrote their own words into, its first
    lines kept, is still left out: it holds every quote of the export, each found twice by a
    search were it read.  But list --all and a command naming it said only "written by
    tui-reader", not what makes the user's copy a document: the line saying who exported
    it (and the property saying so, first in its front matter, when it has one) taken out."""
    corpus, db = coded
    plain, marked = corpus / "notes.md", corpus / "with-front-matter.md"
    assert main(["export", str(corpus), "-o", str(plain), "--db", db]) == 0
    assert main(["attr", "set", str(corpus / "a.txt"), "country=Peru", "--db", db]) == 0
    assert main(["export", str(corpus), "-o", str(marked), "--db", db]) == 0
    for path in (plain, marked):
        path.write_text(path.read_text("utf-8") + "\nMy reading: the army is everywhere.\n")
    capsys.readouterr()
    assert main(["list", str(corpus), "--all", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == ["a.txt"]
    said = "a Markdown export of tui-reader, not a document (a search would find each of its "
    said += "quotes twice); a copy of it made your own is read as a document once its line "
    assert err.splitlines() == [
        f"tui-reader: notes.md: {said}'Exported by tui-reader …' is gone",
        f"tui-reader: with-front-matter.md: {said}'Exported by tui-reader …' and its "
        'property "tui-reader" are gone',
    ]
    assert main(["search", "everywhere", str(plain), "--db", db]) == 2
    assert f"{said}'Exported by tui-reader …' is gone" in capsys.readouterr().err
    for path in (plain, marked):
        kept = [
            line
            for line in path.read_text("utf-8").splitlines(keepends=True)
            if not line.startswith(("Exported by tui-reader", '"tui-reader": "export"'))
        ]
        path.write_text("".join(kept), "utf-8")
    assert main(["list", str(corpus), "--all", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "a.txt", "notes.md", "with-front-matter.md"
    ], err  # fmt: skip


def test_our_markdown_exports_saved_with_windows_line_ends_are_known_as_ours_still(
    coded: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of our Markdown export saved on Windows (an editor's CRLF line ends, a git
    checkout's, Notepad's byte-order mark before them) was listed and searched as a document,
    each quote found twice, while the same file with LF line ends was left out: it is known
    by the same first lines whatever its line ends, and the user's own Markdown stays a
    document whatever its own."""
    corpus, db = coded
    monkeypatch.chdir(corpus)
    texts: dict[str, str] = {}
    for name, how in {"by-code.md": ["--by", "tag"], "notes.md": []}.items():
        written = corpus.parent / name
        assert main(["export", ".", "-o", str(written), *how, "--db", db]) == 0
        texts[name] = written.read_text("utf-8")
        # the second with the documents' attributes as its front matter
        assert main(["attr", "set", "a.txt", "country=Peru", "--db", db]) == 0
    assert texts["notes.md"].startswith('---\n"tui-reader": "export"\n')
    assert texts["by-code.md"].startswith("# Annotations by tag\n\nExported by tui-reader ")
    texts["old.md"] = (  # an earlier version's, known by its title below its front matter
        '---\n"country": "Peru"\n---\n\n# Annotations\n\nExported by tui-reader 0.1.0 on '
        "2026-01-01 10:00 UTC.\n\n> The army\n"
    )
    texts["mine.md"] = "# Annotations\n\nMy reading of the army passage.\n"
    for name, text in texts.items():
        windows = text.replace("\n", "\r\n")
        for ends, content in (("lf", text), ("crlf", windows), ("bom", "\ufeff" + windows)):
            (corpus / f"{ends}-{name}").write_bytes(content.encode("utf-8"))
    capsys.readouterr()
    documents = ["a.txt", "bom-mine.md", "crlf-mine.md", "lf-mine.md"]
    _only_documents(capsys, db, ".", documents)


_EXPORT = "# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01 10:00 UTC.\n\n> The army\n"


def _kept_folders_heads_counted(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], str]:
    """The folders of docs (docs and docs/sub) made old enough for their listing to be kept,
    the current folder docs' parent: the names of the files whose first bytes are read from
    now on, and the database beside docs to give to the commands."""
    old = 1_700_000_000_000_000_000  # the folders' times well past: kept
    for folder in (docs / "sub", docs):
        os.utime(folder, ns=(old, old))
    read = heads_read(monkeypatch)
    monkeypatch.chdir(docs.parent)
    return read, str(docs.parent / "db.json")


def _counted_then_listed(db: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    """After a first search of docs: what a search -c army of it prints, then the names a
    list of it gives (each command ending with 0)."""
    assert main(["search", "-c", "army", "docs", "--db", db]) == 0
    counts = capsys.readouterr().out
    assert main(["list", "docs", "--db", db]) == 0
    out = capsys.readouterr().out
    return counts, [line.split("\t")[0] for line in out.splitlines()]


def test_a_first_search_tells_our_exports_by_the_bytes_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search (no folder listed before) read the first bytes of every plain text in
    its listing, to leave out our Markdown exports saved as texts, then read each text again
    to search it: its listing reads none, the search tells ours from the bytes it reads and
    leaves them out as the listing did (no hit, no count), and what it told is kept, so the
    next listing reads no plain text either."""
    from tui_reader.core.documents import own_texts

    monkeypatch.setattr(own_texts, "RECENT", 0)  # (its files written a moment before)
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("The army moved at dawn.\n", "utf-8")
    (docs / "notes.txt").write_text(_EXPORT, "utf-8")
    (docs / "sub" / "b.txt").write_text("An army.\n", "utf-8")
    (docs / "sub" / "by-code.txt").write_text(_EXPORT, "utf-8")
    read, db = _kept_folders_heads_counted(docs, monkeypatch)
    assert main(["search", "army", "docs", "--db", db]) == 0
    assert (
        capsys.readouterr().out
        == "docs/a.txt:1: The army moved at dawn.\ndocs/sub/b.txt:1: An army.\n"
    )
    assert read == []
    counts, listed = _counted_then_listed(db, capsys)
    assert counts == "docs/a.txt:1\ndocs/sub/b.txt:1\n"  # (the texts kept)
    assert listed == ["a.txt", "sub/b.txt"]
    assert read == []  # known from the search: no head read


def test_a_first_search_tells_our_markdown_exports_by_the_bytes_it_reads_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search's listing read the first bytes of every Markdown file, to leave out our
    Markdown exports, then the search read each file again whole (2,000 notes of the
    benchmark opened and read twice): its listing reads none, the search tells ours from the
    bytes it reads, as a plain text's, and leaves them out (no hit, no line of -l or -c),
    and what it told is kept, so the next listing reads no Markdown file either."""
    from tui_reader.core.documents import own_texts

    monkeypatch.setattr(own_texts, "RECENT", 0)  # (its files written a moment before)
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text("# Field notes\n\nThe army moved at dawn.\n", "utf-8")
    (docs / "annotations.md").write_text(_EXPORT, "utf-8")
    (docs / "sub" / "b.txt").write_text("An army.\n", "utf-8")
    (docs / "sub" / "by-tag.md").write_text(_EXPORT.replace("Annotations", "Annotations by tag"))
    read, db = _kept_folders_heads_counted(docs, monkeypatch)
    assert main(["search", "-l", "army", "docs", "--db", db]) == 0
    assert capsys.readouterr().out == "docs/a.md\ndocs/sub/b.txt\n"
    assert read == []
    counts, listed = _counted_then_listed(db, capsys)
    assert counts == "docs/a.md:1\ndocs/sub/b.txt:1\n"  # (the texts kept)
    assert listed == ["a.md", "sub/b.txt"]
    assert read == []  # known from the search: no head read
