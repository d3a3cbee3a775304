"""Listing a corpus: the format of a file by its name as ``Path.suffix`` reads it, and the
natural order of names with numbers (of any script's decimal digits)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import heads_read, names_given
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader import locations
from tui_reader.core.cache_files import write_cache_file
from tui_reader.core.documents.conversion_cache import cache_key
from tui_reader.core.documents.corpus import (
    VAULT_FOLDERS,
    VAULT_RECORD,
    exports_known,
    keyed_files,
    list_corpus_files,
    written_by_us,
)
from tui_reader.core.documents.formats import FORMAT_BY_SUFFIX, format_of, format_of_name

_NAME = st.text(st.sampled_from("ab.TXTmdMD1²٣ _-"), min_size=1, max_size=12).filter(
    lambda n: n not in (".", "..")
)


@settings(max_examples=examples(300))
@given(_NAME)
def test_the_format_of_a_name_is_that_of_its_path(name: str) -> None:
    assert format_of_name(name) == FORMAT_BY_SUFFIX.get(Path(name).suffix.lower())
    assert format_of(Path("folder") / name) == format_of_name(name)


def test_listed_in_natural_order_without_the_database(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for rel in ("b/2.txt", "b/10.txt", "a10.md", "a9.md", "²", "x٣.txt", "x2.txt", ".hidden"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text("text")
    db = corpus / "annotations.json"
    db.write_text("{}")
    (corpus / "link.json").symlink_to(db)
    listed = list_corpus_files(corpus, exclude=[db])
    assert [f.rel for f in listed] == [
        "a9.md", "a10.md", "b/2.txt", "b/10.txt", "x2.txt", "x٣.txt", "²",
    ]  # fmt: skip
    assert [f.format for f in listed] == ["markdown"] * 2 + ["text"] * 5
    assert all(f.path == corpus.resolve() / f.rel and not f.link for f in listed)


def test_an_office_owner_file_is_not_listed(tmp_path: Path) -> None:
    # Word makes "~$port.docx" beside "report.docx" while it is open (who has it open): it
    # was listed as a damaged Word file, and `list` said so each time it ran.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.docx").write_bytes(b"PK")
    (corpus / "~$report.docx").write_bytes(b"\x06Ana Researcher" + b"\x00" * 40)
    assert [f.rel for f in list_corpus_files(corpus)] == ["report.docx"]


def test_what_editors_and_the_system_leave_beside_documents_is_not_listed(
    tmp_path: Path,
) -> None:
    # An editor's backup ("notes.txt~"), Emacs's auto-save file ("#notes.txt#"), Windows's
    # thumbnails and folder settings were listed, each "unsupported file type" at every
    # listing; a Mac's and LibreOffice's are hidden files, left out with them.
    (tmp_path / "sub").mkdir()
    litter = ["notes.txt~", "#notes.txt#", "Thumbs.db", "sub/desktop.ini", "sub/ehthumbs.db"]
    litter += [".DS_Store", ".~lock.report.odt#", "~$report.docx", "Icon\r"]
    names = ["notes.txt", "report.odt", "sub/#1 interview.txt", "sub/a~b.txt"]
    for name in [*names, *litter]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [f.rel for f in list_corpus_files(tmp_path)] == [
        "notes.txt",
        "report.odt",
        "sub/#1 interview.txt",
        "sub/a~b.txt",
    ]


def test_the_files_another_database_keeps_beside_it_are_not_listed(tmp_path: Path) -> None:
    """A colleague's database put in the corpus to be merged: its journal, lock, fold note,
    mark and damaged tail were listed, each said "unsupported file type" at every listing."""
    (tmp_path / "sub").mkdir()
    names = ["a.txt", "ana.json", "sub/ben.db", "interview.txt"]
    sidecars = [f"ana.json{end}" for end in (".journal", ".lock", ".fold", ".open")]
    sidecars += ["sub/ben.db.journal.damaged", "sub/ben.db.open"]
    # the state its last fold replaced, kept beside it to restore from
    sidecars += ["ana.json.previous", "ana.json.previous.journal"]
    alone = ["gone.json.lock", "notes.open"]  # nothing beside them of that name: listed
    for name in [*names, *sidecars, *alone]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    listed = [f.rel for f in list_corpus_files(tmp_path)]
    assert listed == ["a.txt", "ana.json", "gone.json.lock", "interview.txt", "notes.open",
                      "sub/ben.db"]  # fmt: skip


def test_the_files_a_deleted_database_left_beside_it_are_not_listed(tmp_path: Path) -> None:
    """After annotations.json was deleted, the files the store kept beside it (journal, lock,
    fold note, mark, the state before the last fold) were each listed as "unsupported file
    type": they are ours, told by their name and what they hold, as with the database there.
    A file of the user's with such a name but other content is still listed."""
    crc_line = b'37a25436 [["tags","8",{"name":"t8"}]]\n'
    left = {
        "annotations.json.journal": crc_line,
        "annotations.json.lock": b"7246\n",
        "annotations.json.fold": b'{"from": [3260501, 7816, 17966, 3260532, 1054], '
        b'"to": [3260533, 8914, 17966], "journal": 3260532}',
        "annotations.json.open": b"",
        "annotations.json.previous": b'{\n"annotations": {"1": {"id": "cb9f"}}}\n',
        "annotations.json.previous.journal": crc_line,
        "ana.db.journal": b"",
        "ana.db.journal.damaged": b'1234abcd [["annotations","9",{"id"',
    }
    theirs = {
        "a.txt": b"hello",
        "build.lock": b"# a lock file of a tool\n",
        "talk.journal": b"Dear diary\n",
        "draft.previous": b"the earlier draft\n",
        "notes.open": b"to open\n",
    }
    for name, data in {**left, **theirs}.items():
        (tmp_path / name).write_bytes(data)
    listed = [f.rel for f in list_corpus_files(tmp_path)]
    assert listed == sorted(theirs)
    ours: list[str] = []
    list_corpus_files(tmp_path, ours=ours)
    # named by list --all as ours (the earlier state's journal goes with that state, as before)
    assert sorted(ours) == sorted(set(left) - {"annotations.json.previous.journal"})


def test_a_link_to_a_file_of_the_corpus_is_that_document_listed_once(tmp_path: Path) -> None:
    # A symbolic link beside the file it points to was listed twice under the link's name,
    # the file itself not at all; a link to a file outside the corpus stays a document.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ana.txt").write_text("Ana's interview.", "utf-8")
    (corpus / "latest.txt").symlink_to("ana.txt")
    (tmp_path / "bo.txt").write_text("Bo's interview.", "utf-8")
    (corpus / "bo.txt").symlink_to(tmp_path / "bo.txt")
    (corpus / "bo again.txt").symlink_to(tmp_path / "bo.txt")
    db = corpus / "annotations.json"
    keyed = keyed_files(list_corpus_files(corpus, (db,)), db)
    assert [f.rel for _, f in keyed] == ["ana.txt", "bo again.txt"]
    assert len({key for key, _ in keyed}) == 2


@pytest.mark.parametrize("folder", ["_files", "-Dateien", "_bestanden", "_pliki"])
def test_the_parts_of_a_saved_web_page_are_no_documents(tmp_path: Path, folder: str) -> None:
    # A page saved whole by a browser keeps its frames and scripts in a folder beside it
    # ("Report_files", named in the browser's language: a Dutch one's "Report_bestanden"):
    # each frame was listed as a document of its own.
    (tmp_path / "Report.html").write_text("<p>The report.</p>", "utf-8")
    (tmp_path / f"Report{folder}").mkdir()
    (tmp_path / f"Report{folder}" / "frame.html").write_text("<p>An advert.</p>", "utf-8")
    (tmp_path / "notes_files").mkdir()  # no page beside it: a folder like any other
    (tmp_path / "notes_files" / "a.txt").write_text("A note.", "utf-8")
    listed = [f.rel for f in list_corpus_files(tmp_path)]
    assert listed == ["notes_files/a.txt", "Report.html"]


def test_the_packages_of_programming_tools_are_no_documents(tmp_path: Path) -> None:
    # Run on a home or project folder, the library listed every README.md, LICENSE and
    # package.json of node_modules, and of a virtual environment named "venv" (not hidden).
    corpus = tmp_path / "home"
    for rel in (
        "thesis/chapter-1.md",
        "node_modules/left-pad/README.md",
        "node_modules/left-pad/LICENSE",
        "site/node_modules/x/index.js",
        "venv/pyvenv.cfg",
        "venv/lib/python3.11/site-packages/pkg/README.md",
        "notes/pyvenv.cfg.txt",
    ):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text("text")
    (corpus / "pyvenv.cfg").write_text("home = /usr/bin")  # the corpus itself: still read
    (corpus / "interview.txt").write_text("text")
    listed = [f.rel for f in list_corpus_files(corpus)]
    assert listed == ["interview.txt", "notes/pyvenv.cfg.txt", "pyvenv.cfg", "thesis/chapter-1.md"]


def test_a_cache_of_ours_left_in_the_corpus_is_no_documents(tmp_path: Path) -> None:
    """$TUI_READER_CACHE once put the caches in the corpus (./cache), the variable since
    unset: every cached text, fact and place was listed, "unsupported file type '.json'".
    Told by their files' names, each as its cache writes it; a folder of the user's named
    as one of them is listed."""
    corpus = tmp_path / "corpus"
    env = {"TUI_READER_CACHE": str(corpus / "cache")}
    db = corpus / "annotations.json"
    key = cache_key(b"# A text\n", "markdown", 3)
    for path in (
        corpus / "cache" / "converted" / f"{key}.json",
        corpus / "cache" / "converted" / "tmpa1b2_c3d.tmp",  # one being written
        locations.facts_cache_path(db, env),
        locations.texts_cache_path(db, env),
        locations.units_cache_path(db, env),
        locations.word_starts_cache_path(db, env),
        locations.placement_cache_path(db, env),
        locations.places_cache_path(db, env),
        locations.texts_read_cache_path(db, env),
        locations.styles_cache_path(env),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
    for rel in ("interview.txt", "library/chapter.md", "placed/map.txt", "converted/a.md"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text("text")
    theirs = corpus / "styles"  # one of ours among the user's: theirs
    theirs.mkdir()
    (theirs / "textual-rules.pickle").write_text("x")
    (theirs / "house.md").write_text("text")
    listed = [f.rel for f in list_corpus_files(corpus, exclude=[db])]
    assert listed == [
        "converted/a.md",
        "interview.txt",
        "library/chapter.md",
        "placed/map.txt",
        "styles/house.md",
        "styles/textual-rules.pickle",
    ]


def test_a_cache_folder_is_told_by_its_tag_whatever_its_files_are_named(tmp_path: Path) -> None:
    """Our caches were told in the corpus only by the names of their files, a folder each:
    a file named otherwise (a cache of another release, a file a person or a tool put there)
    and every cached text and fact was listed again, "unsupported file type '.json'".  Each
    cache written marks its folder's parent, the cache folder, with a CACHEDIR.TAG (the
    standard tag backup tools skip): such a folder, and all below it, is no documents; a
    file of that name without the tag's signature marks nothing."""
    corpus = tmp_path / "corpus"
    env = {"TUI_READER_CACHE": str(corpus / "cache")}
    facts = locations.facts_cache_path(corpus / "annotations.json", env)
    assert write_cache_file(facts, lambda handle: handle.write(b"{}"))
    for rel in ("cache/library/old-release.json", "cache/converted/notes.txt", "a.txt"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text("text")
    untagged = corpus / "kept" / "CACHEDIR.TAG"  # no signature: the user's own folder
    untagged.parent.mkdir()
    untagged.write_text("not a cache")
    (corpus / "kept" / "b.txt").write_text("text")
    listed = [f.rel for f in list_corpus_files(corpus)]
    assert listed == ["a.txt", "kept/b.txt", "kept/CACHEDIR.TAG"]
    assert (
        (corpus / "cache" / "CACHEDIR.TAG")
        .read_bytes()
        .startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_a_folder_too_deep_to_read_is_said_in_one_short_line(tmp_path: Path) -> None:
    """Folders nested past the longest path the system takes (a mirror of a web site, a
    backup's tree): the folder not read was said by its whole path, a line of 4,000
    characters on stderr and in the app's notice.  Said by its two ends, as every message
    says a long name."""
    from tui_reader.core.documents.corpus import list_corpus_files
    from tui_reader.core.wording import LINE_AT_MOST

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    fd = os.open(corpus, os.O_RDONLY)
    try:
        for _ in range(30):  # past PATH_MAX (4,096) below the corpus folder
            os.mkdir("d" * 200, dir_fd=fd)
            below = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = below
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as deep:
            deep.write("deep text\n")
    finally:
        os.close(fd)
    unreadable: list[str] = []
    assert list_corpus_files(corpus, unreadable=unreadable) == []
    assert len(unreadable) == 1
    assert len(unreadable[0]) < LINE_AT_MOST + 100, len(unreadable[0])
    assert "…" in unreadable[0] and "its documents are not listed" in unreadable[0]


# The first lines of Markdown notes: a vault export's own (as written, as Obsidian writes its
# properties again, the mark further down, one whose properties run past the first 4 KB),
# and others' (the mark in the text, another value,
# CR LF line ends, no front matter, one that is never closed)
_NOTE_HEADS = {
    "written.md": '---\n"tui-reader": "document"\n"document": "a.txt"\n---\n# a\n',
    "obsidian.md": "---\ntui-reader: code\ncode: x\n---\n# x\n",
    "further.md": '---\ntitle: "x"\naliases: []\n"tui-reader": "memo"\n---\nText\n',
    "index.md": '---\n"tui-reader": "index"\n---\n',
    "long.md": '---\n"tui-reader": "document"\n"summary": "' + "word " * 1000 + '"\n---\n',
    "in-text.md": "---\ntitle: x\n---\ntui-reader: document\n",
    "other.md": "---\ntui-reader: notes\n---\n",
    "crlf.md": '---\r\n"tui-reader": "document"\r\n---\r\n',  # checked out on Windows
    "bom.md": '\ufeff---\r\n"tui-reader": "code"\r\n---\r\n',  # saved by Notepad
    "plain.md": "tui-reader: document\n",
    "open.md": "---\ntitle: x\n",
}


def test_the_notes_of_our_vault_are_those_its_export_knows_as_its_own(tmp_path: Path) -> None:
    """A vault exported into the corpus: the notes its export takes for its own (it rewrites
    and removes them) are left out of the listing, in the vault's folder and in its folders
    of notes and the folders the user filed them into (``Codes/Themes/``, ``other/``: a
    note of ours filed into a folder of the vault beside its folders of notes, which the
    export takes for its own, was listed and read as a document), and no other; the same
    notes where no vault's record is are listed.  A file named alone is told so too."""
    from tui_reader.core.interchange.obsidian_vault import FOLDERS
    from tui_reader.core.interchange.vault_folder import RECORD, is_ours

    assert (RECORD, {f for f in FOLDERS.values() if f}) == (VAULT_RECORD, VAULT_FOLDERS)
    vault = tmp_path / "corpus" / "vault"
    themes = vault / "Codes" / "Themes"
    for folder in (vault, vault / "Codes", themes, vault / "other", tmp_path / "corpus"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, head in _NOTE_HEADS.items():
            (folder / name).write_bytes(head.encode())
    (vault / RECORD).write_text("{}", encoding="utf-8")
    listed = {f.rel for f in list_corpus_files(tmp_path / "corpus")}
    ours = {n for n in _NOTE_HEADS if is_ours(vault / n)}
    assert ours == {
        "written.md",
        "obsidian.md",
        "further.md",
        "index.md",
        "long.md",
        "crlf.md",
        "bom.md",
    }
    for prefix in ("vault/", "vault/Codes/", "vault/Codes/Themes/", "vault/other/"):
        assert {n for n in _NOTE_HEADS if prefix + n not in listed} == ours
        assert {n for n in _NOTE_HEADS if written_by_us(str(tmp_path / "corpus" / prefix / n))} == (
            ours
        )
    assert {n for n in _NOTE_HEADS} <= listed
    assert not any(written_by_us(str(tmp_path / "corpus" / n)) for n in _NOTE_HEADS)
    # a vault's folder of notes listed as the corpus
    listed = {f.rel for f in list_corpus_files(vault / "Codes")}
    assert listed == {n for n in _NOTE_HEADS if n not in ours for n in (n, f"Themes/{n}")}


_EXPORT = "# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01 10:00 UTC.\n\n> The army\n"


def _no_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The listing's margin for a file system's clock behind ours set to none: a plain text
    written before a listing is not read again at the next as one written a moment before
    it would be (a test's files are all written a moment before)."""
    from tui_reader.core.documents import own_texts

    monkeypatch.setattr(own_texts, "RECENT", 0)


def _written_now(path: Path) -> None:
    """``path`` stamped with our clock's time now (a file system's is a tick behind it, which
    :data:`~tui_reader.core.documents.own_texts.RECENT` allows for: none in these tests)."""
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def test_a_markdown_export_saved_as_a_text_is_no_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``export -o notes.txt`` in the corpus: our Markdown named as a plain text was listed
    and searched as a document, each quote found twice.  It is left out as an export of ours
    is; the first bytes of a folder's plain texts are read again only when the folder
    changed since (a file added, removed, renamed, or written over by a rename, as every
    export writes), not at each listing."""
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "one.txt").write_text("The army left.\n", "utf-8")
    (corpus / "a" / "notes.txt").write_text(_EXPORT, "utf-8")
    (corpus / "b.txt").write_text("Troops stayed.\n", "utf-8")
    old = 1_700_000_000_000_000_000  # the folders' times well past: kept (see below)
    os.utime(corpus / "a", ns=(old, old))
    os.utime(corpus, ns=(old, old))
    read = heads_read(monkeypatch)
    with monkeypatch.context() as clock:
        _no_margin(clock)  # the files written a moment ago are not read again for it
        ours: list[str] = []
        assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == ["a/one.txt", "b.txt"]
        assert ours == ["a/notes.txt"]
        assert sorted(read) == ["b.txt", "notes.txt", "one.txt"]
        read.clear()
        ours = []
        assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == ["a/one.txt", "b.txt"]
        assert ours == ["a/notes.txt"] and read == []  # no folder changed: no file read
        # a document written over by an export (through a rename) in one folder: that
        # folder's texts are read again, the other's not
        (corpus / "a" / "new").write_text(_EXPORT, "utf-8")
        os.replace(corpus / "a" / "new", corpus / "a" / "one.txt")
        os.utime(corpus / "a", ns=(old + 10**9, old + 10**9))
        ours = []
        assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == ["b.txt"]
        assert sorted(ours) == ["a/notes.txt", "a/one.txt"]
        assert sorted(read) == ["notes.txt", "one.txt"]
    # a folder changed a moment ago is read again next time too: a file added within the
    # same tick of its clock would leave its time as it was
    read.clear()
    (corpus / "c.txt").write_text(_EXPORT, "utf-8")
    for _ in range(2):
        ours = []
        assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == ["b.txt"]
        assert "c.txt" in ours
    assert read.count("b.txt") == 2 and read.count("c.txt") == 2


def test_a_markdown_file_s_head_is_kept_and_read_again_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown file's first bytes (is it an export of ours?) were read at every listing:
    2,000 of the benchmark's 10,000 files at each start.  They are kept with its folder's
    time, as a plain text's are: read again when the folder changed, or the file was
    written over in place since (``export -f markdown > docs/a.md``), and then alone; where
    a note of our vault may be, a Markdown file is read at each listing as before."""
    corpus = tmp_path / "corpus"
    (corpus / "vault" / "Documents").mkdir(parents=True)
    (corpus / "vault" / "Codes").mkdir()
    (corpus / "a.md").write_text("# Army\n\nThe army left.\n", "utf-8")
    (corpus / "b.md").write_text("# Troops\n\nTroops stayed.\n", "utf-8")
    (corpus / "vault" / "Documents" / "c.md").write_text("# Note\n", "utf-8")
    old = 1_700_000_000_000_000_000  # the folders' times well past: kept
    for folder in (corpus, corpus / "vault", corpus / "vault" / "Documents"):
        os.utime(folder, ns=(old, old))
    _no_margin(monkeypatch)
    read = heads_read(monkeypatch)
    listed = ["a.md", "b.md", "vault/Documents/c.md"]
    assert [f.rel for f in list_corpus_files(corpus)] == listed
    assert sorted(read) == ["a.md", "b.md", "c.md"]
    read.clear()
    assert [f.rel for f in list_corpus_files(corpus)] == listed
    assert read == ["c.md"]  # kept: none read but the vault's
    with open(corpus / "a.md", "r+", encoding="utf-8") as written:  # as `>` writes it
        written.truncate()
        written.write(_EXPORT)
    _written_now(corpus / "a.md")
    assert os.stat(corpus).st_mtime_ns == old  # no folder's time shows it
    read.clear()
    ours: list[str] = []
    assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == listed[1:]
    assert ours == ["a.md"] and sorted(read) == ["a.md", "c.md"]
    read.clear()
    assert [f.rel for f in list_corpus_files(corpus)] == listed[1:] and read == ["c.md"]
    (corpus / "a.md").write_text("# Army\n\nThe army left again.\n", "utf-8")
    _written_now(corpus / "a.md")
    read.clear()
    assert [f.rel for f in list_corpus_files(corpus)] == listed
    assert sorted(read) == ["a.md", "c.md"]


def test_a_markdown_export_kept_then_found_in_a_vault_is_read_as_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's Markdown export kept as ours, the folder then found inside a vault of ours
    (its record put in a folder above: no time of this folder shows it) and the export
    written over in place by a document: the document is listed, read as it is now, not
    left out by what was kept of it."""
    corpus = tmp_path / "corpus"
    (corpus / "notes").mkdir(parents=True)
    (corpus / "notes" / "b.md").write_text(_EXPORT, "utf-8")
    (corpus / "notes" / "c.txt").write_text("The army left.\n", "utf-8")
    old = 1_700_000_000_000_000_000  # the folders' times well past: kept
    os.utime(corpus / "notes", ns=(old, old))
    _no_margin(monkeypatch)
    ours: list[str] = []
    assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == ["notes/c.txt"]
    assert ours == ["notes/b.md"]
    (corpus / VAULT_RECORD).write_text("{}", "utf-8")  # a vault's record, above
    with open(corpus / "notes" / "b.md", "r+", encoding="utf-8") as written:
        written.truncate()
        written.write("# Troops\n\nTroops stayed.\n")
    os.utime(corpus / "notes" / "b.md", ns=(old, old))  # (its change time moves all the same)
    assert os.stat(corpus / "notes").st_mtime_ns == old
    assert [f.rel for f in list_corpus_files(corpus)] == ["notes/b.md", "notes/c.txt"]


def test_a_listing_leaves_unread_the_texts_it_is_told_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's first listing leaves the plain texts and Markdown files of folders not known
    unread (the corpus search asked at start reads them all anyway, telling our exports by
    their bytes), for the listing's caller to read once it has handed the names on: then the
    texts a listing reads are read, the exports among them found and kept as a listing keeps
    them."""
    from tui_reader.core.documents.corpus import UncheckedTexts

    _no_margin(monkeypatch)  # (its texts are written a moment before: read again, else)
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "one.txt").write_text("The army left.\n", "utf-8")
    (corpus / "a" / "notes.txt").write_text(_EXPORT, "utf-8")
    (corpus / "b.txt").write_text("Troops stayed.\n", "utf-8")
    (corpus / "c.md").write_text(_EXPORT, "utf-8")  # a Markdown file: read later too
    (corpus / "d.md").write_text("# Notes\n\nTroops left.\n", "utf-8")
    old = 1_700_000_000_000_000_000  # the folders' times well past: kept
    os.utime(corpus / "a", ns=(old, old))
    os.utime(corpus, ns=(old, old))
    read = heads_read(monkeypatch)
    unchecked = UncheckedTexts()
    listed = list_corpus_files(corpus, unchecked=unchecked)
    assert [f.rel for f in listed] == ["a/notes.txt", "a/one.txt", "b.txt", "c.md", "d.md"]
    assert read == []  # no text read
    texts = {f.location for f in listed}
    assert unchecked and unchecked.paths == texts
    ours = {f.location for f in listed if f.rel in ("a/notes.txt", "c.md")}
    assert unchecked.read() == ours
    assert sorted(read) == ["b.txt", "c.md", "d.md", "notes.txt", "one.txt"]
    read.clear()
    ours: list[str] = []
    assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == [
        "a/one.txt",
        "b.txt",
        "d.md",
    ]
    assert sorted(ours) == ["a/notes.txt", "c.md"] and read == []  # kept: none read
    unchecked = UncheckedTexts()  # every folder known: nothing left unread
    assert [f.rel for f in list_corpus_files(corpus, unchecked=unchecked)] == [
        "a/one.txt",
        "b.txt",
        "d.md",
    ]
    assert not unchecked and not unchecked.paths and read == []


def test_a_markdown_export_named_as_a_text_is_known_as_the_listing_found_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files a command names (``export docs/*``) are each asked whether they are ours: a
    plain text is known as the last listing found it while its folder is unchanged, none of
    10,000 texts named read; in a folder changed since, or one never listed, by its first
    bytes."""
    from tui_reader.core.documents.corpus import exports_known

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text("The army left.\n", "utf-8")
    (corpus / "notes.txt").write_text(_EXPORT, "utf-8")
    read = heads_read(monkeypatch)
    _no_margin(monkeypatch)  # (the files written a moment ago: see there)
    paths = [str(corpus / "notes.txt"), str(corpus / "one.txt")]
    assert [written_by_us(p, exports=exports_known(corpus)) for p in paths] == [True, False]
    assert sorted(read) == ["notes.txt", "one.txt"]  # never listed: read
    old = 1_700_000_000_000_000_000
    os.utime(corpus, ns=(old, old))
    list_corpus_files(corpus)
    read.clear()
    assert [written_by_us(p, exports=exports_known(corpus)) for p in paths] == [True, False]
    assert read == []
    os.utime(corpus, ns=(old + 10**9, old + 10**9))  # changed since: read
    assert [written_by_us(p, exports=exports_known(corpus)) for p in paths] == [True, False]
    assert sorted(read) == ["notes.txt", "one.txt"]


def test_a_document_written_over_in_place_by_an_export_is_left_out_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tui-reader export ... > docs/b.txt`` onto a document: the shell writes the file in
    place, which changes no folder's time, and the export stayed listed (and searched, each
    quote found twice) until a file of its folder was added, removed or renamed.  A plain
    text changed since its folder's texts were last looked at (its change time) has its
    first bytes read again; the others of the folder are not."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text("The army left.\n", "utf-8")
    (corpus / "b.txt").write_text("Troops stayed.\n", "utf-8")
    old = 1_700_000_000_000_000_000  # the folder's time well past: kept
    os.utime(corpus, ns=(old, old))
    _no_margin(monkeypatch)
    assert [f.rel for f in list_corpus_files(corpus)] == ["b.txt", "one.txt"]
    with open(corpus / "b.txt", "r+", encoding="utf-8") as written:  # as `>` writes it
        written.truncate()
        written.write(_EXPORT)
    _written_now(corpus / "b.txt")
    assert os.stat(corpus).st_mtime_ns == old  # no folder's time shows it
    read = heads_read(monkeypatch)
    # named on a command line (`search WORD docs/*`), it is known so too, the other not read
    named = [
        written_by_us(str(corpus / n), exports=exports_known(corpus)) for n in ("b.txt", "one.txt")
    ]
    assert named == [True, False] and read == ["b.txt"]
    read.clear()
    ours: list[str] = []
    assert [f.rel for f in list_corpus_files(corpus, ours=ours)] == ["one.txt"]
    assert ours == ["b.txt"] and read == ["b.txt"]
    read.clear()
    assert [f.rel for f in list_corpus_files(corpus)] == ["one.txt"] and read == []
    # written over again by a document: listed again
    (corpus / "b.txt").write_text("Troops stayed.\n", "utf-8")
    _written_now(corpus / "b.txt")
    assert [f.rel for f in list_corpus_files(corpus)] == ["b.txt", "one.txt"]
    assert read == ["b.txt"]


_ORDER_NAMES = st.sets(
    st.text(st.sampled_from("aAé1²09 -"), min_size=1, max_size=5).map(lambda n: n + ".txt"),
    min_size=1,
    max_size=8,
)


@settings(max_examples=examples(60), deadline=None)
@given(before=_ORDER_NAMES, after=_ORDER_NAMES)
def test_a_listing_is_in_natural_order_whatever_order_was_kept(
    before: set[str], after: set[str]
) -> None:
    """A listing keeps its order for the next one (its names' sort keys were made again at
    each start: 25 ms of 10,000 files); a listing of other files (some added, some removed)
    is in their natural order all the same, and so is one of the same files again."""
    import tempfile

    from tui_reader.core.natural_order import natural_string

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        (corpus / "in").mkdir(parents=True)
        for names in (before, after, after):
            for gone in {p.name for p in (corpus / "in").iterdir()} - names:
                (corpus / "in" / gone).unlink()
            for name in names:
                (corpus / "in" / name).write_text("Words.\n", "utf-8")
            rels = [f.rel for f in list_corpus_files(corpus)]
            assert rels == sorted((f"in/{name}" for name in names), key=natural_string)


def test_a_listing_of_the_same_files_makes_no_sort_key_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order kept is taken when the listing finds the same files (no name's sort key
    made); a file added, or a kept order that is damaged, sorts them anew."""
    import json

    from tui_reader.core.documents import corpus as corpus_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("t10.txt", "t2.txt", "T1.txt"):
        (corpus / name).write_text("Words.\n", "utf-8")
    keys = names_given(monkeypatch, corpus_module, "natural_string")
    assert [f.rel for f in list_corpus_files(corpus)] == ["T1.txt", "t2.txt", "t10.txt"]
    assert len(keys) == 3
    keys.clear()
    assert [f.rel for f in list_corpus_files(corpus)] == ["T1.txt", "t2.txt", "t10.txt"]
    assert keys == []
    (corpus / "t3.txt").write_text("Words.\n", "utf-8")
    assert [f.rel for f in list_corpus_files(corpus)] == ["T1.txt", "t2.txt", "t3.txt", "t10.txt"]
    assert len(keys) == 4
    kept = locations.own_texts_cache_path(corpus.resolve())
    for damaged in (["t3.txt", "t2.txt", "t2.txt", "x.txt"], [1, [], {}, "t2.txt"]):
        value = json.loads(kept.read_text("ascii"))
        value["order"] = damaged
        kept.write_text(json.dumps(value), "ascii")
        listed = [f.rel for f in list_corpus_files(corpus)]
        assert listed == ["T1.txt", "t2.txt", "t3.txt", "t10.txt"]
