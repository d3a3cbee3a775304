"""The workspace lists its corpus when first asked (making one lists nothing: the app lists in
a worker), keys listed files without a system call, and tells from one file alone whether a
listing would show it (the document read last opens before the listing)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.counting import count_calls
from helpers.texts import later
from helpers.threads import joined

from tui_reader.core import workspace as workspace_module
from tui_reader.core.documents import corpus as corpus_module
from tui_reader.core.workspace import Workspace


def corpus_of(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("alpha\n")
    (corpus / "sub" / "b.md").write_text("# B\n")
    return corpus


def test_making_a_workspace_lists_nothing_until_asked(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    (corpus / "later.txt").write_text("added after the workspace was made\n")
    assert [f.rel for f in workspace.files] == ["a.txt", "later.txt", "sub/b.md"]
    (corpus / "a.txt").unlink()
    assert len(workspace.files) == 3  # as listed last, until listed again
    assert [f.rel for f in workspace.refresh_files()] == ["later.txt", "sub/b.md"]
    assert workspace.keys() == ["corpus/later.txt", "corpus/sub/b.md"]


def test_listed_keys_are_the_keys_of_their_paths(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path)
    os.symlink(corpus / "a.txt", corpus / "link.txt")
    (tmp_path / "db").mkdir()
    workspace = Workspace(corpus, tmp_path / "db" / "annotations.json")
    for key, file in workspace.keyed_files():
        assert workspace.key(file.path) == key
        assert Workspace(corpus, tmp_path / "db" / "annotations.json").key(file.path) == key
    assert workspace.key(corpus / "link.txt") == "../corpus/a.txt"  # a link: its target's


def test_one_listing_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = corpus_of(tmp_path)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    calls: list[int] = []
    real = corpus_module.list_corpus_files

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module, "list_corpus_files", counted)
    threads = [threading.Thread(target=workspace.keyed_files, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        joined(thread, "listed the corpus")
    assert len(calls) == 1 and len(workspace.files) == 2


@pytest.mark.parametrize(
    ("rel", "listed"),
    [
        ("a.txt", True),
        ("sub/b.md", True),
        ("gone.txt", False),  # no such file
        ("image.png", False),  # not a format it reads
        (".hidden/c.txt", False),
        ("__pycache__/d.txt", False),
        ("sub", False),  # a folder
        ("annotations.json", False),  # the database
        ("annotations-export.md", False),  # the app's export beside it (E): every quote again
        # its export by code (E, "markdown by tag"): listed, searched and coded as a document
        ("annotations-export-by-tag.md", False),
        ("~$report.docx", False),  # the owner file Word makes beside a file it has open
        # what an export wrote into the corpus: a csv of ours, a vault's notes of ours
        ("coding.csv", False),
        ("vault/index.md", False),
        ("vault/Documents/a.md", False),
        ("vault/mine.md", True),  # the user's own note in the vault: a document
        ("elsewhere/Documents/a.md", True),  # a note marked so where no vault of ours is
    ],
)
def test_may_be_listed_agrees_with_the_listing(tmp_path: Path, rel: str, listed: bool) -> None:
    corpus = corpus_of(tmp_path)
    made_here = ("image.png", ".hidden/c.txt", "__pycache__/d.txt", "annotations.json",
                 "annotations-export.md", "annotations-export-by-tag.md",
                 "~$report.docx")  # fmt: skip
    for made in made_here:
        (corpus / made).parent.mkdir(exist_ok=True)
        (corpus / made).write_text("{}")
    ours = '---\n"tui-reader": "document"\n---\n\n# A\n'
    written = {"coding.csv": "\ufeffid,document,tag,content,note,start,end,line\r\n",
               "vault/.tui-reader-notes.json": "{}", "vault/index.md": ours,
               "vault/Documents/a.md": ours, "vault/mine.md": "# Mine\n",
               "elsewhere/Documents/a.md": ours}  # fmt: skip
    for made, text in written.items():
        (corpus / made).parent.mkdir(parents=True, exist_ok=True)
        (corpus / made).write_text(text, "utf-8")
    workspace = Workspace(corpus, corpus / "annotations.json")
    # the test of many files named on a command line tells the same, with the same key
    assert Workspace(corpus, corpus / "annotations.json").named_documents()(corpus / rel) is listed
    key = workspace.key(corpus / rel)
    assert workspace.may_be_listed(key) is listed
    corpus_keys = workspace.keys()  # a method, not a dict's
    assert (key in corpus_keys) is listed


def test_may_be_listed_refuses_files_outside_or_behind_a_link(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path)
    (tmp_path / "outside.txt").write_text("outside\n")
    os.symlink(corpus / "sub", corpus / "linked")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    assert not workspace.may_be_listed("outside.txt")
    assert not workspace.may_be_listed("corpus/linked/b.md")  # a linked folder is not listed
    named = Workspace(corpus, tmp_path / "annotations.json").named_documents()
    for path in (tmp_path / "outside.txt", corpus / "linked" / "b.md", corpus / "sub" / "b.md"):
        # (a file named through the link is the one it leads to, listed)
        assert named(path) is workspace.may_be_listed(workspace.key(path))
    assert not named(tmp_path / "outside.txt")
    corpus_keys = workspace.keys()  # a method, not a dict's
    assert "corpus/linked/b.md" not in corpus_keys


def test_listing_changed_tells_files_added_or_removed_in_any_folder(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    assert not workspace.listing_changed()  # nothing listed yet
    workspace.keyed_files()
    assert not workspace.listing_changed()
    (corpus / "a.txt").write_text("edited in place: the listing stays\n")
    assert not workspace.listing_changed()
    (corpus / "sub" / "new.txt").write_text("added\n")
    later(corpus / "sub")
    assert workspace.listing_changed()
    workspace.refresh_files()
    assert not workspace.listing_changed()
    (corpus / "a.txt").unlink()
    later(corpus)
    assert workspace.listing_changed()
    workspace.refresh_files()
    (corpus / "sub" / "b.md").unlink()
    (corpus / "sub" / "new.txt").unlink()
    (corpus / "sub").rmdir()
    assert workspace.listing_changed()  # a folder gone
    assert [f.rel for f in workspace.refresh_files()] == []
    assert not workspace.listing_changed()


def test_a_corpus_folder_gone_and_back_is_listed_again(tmp_path: Path) -> None:
    """The corpus folder moved away while the app runs (a drive unmounted), then back (mounted
    again): no folder's time was kept of the listing that found it gone, so nothing told that
    it had come back, and the library stayed empty until the app was started again."""
    corpus = corpus_of(tmp_path)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    workspace.keyed_files()
    away = tmp_path / "away"
    corpus.rename(away)
    assert workspace.listing_changed()
    assert workspace.refresh_files() == []
    assert workspace.unreadable_folders
    assert not workspace.listing_changed()  # still gone: nothing to list again
    away.rename(corpus)
    assert workspace.listing_changed()
    assert [f.rel for f in workspace.refresh_files()] == ["a.txt", "sub/b.md"]
    assert not workspace.unreadable_folders
    assert not workspace.listing_changed()


def test_a_folder_not_read_then_readable_is_listed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that could not be read (no permission), then given it again: its time, which a
    change of permissions leaves as it was, did not tell, and its documents were never listed."""
    from tui_reader.core.documents import corpus as corpus_module

    corpus = corpus_of(tmp_path)
    sub = str(corpus / "sub")
    real_scandir = os.scandir
    refused = True

    def scandir(path: str) -> object:  # root reads every folder: the refusal made to happen
        if refused and str(path) == sub:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(corpus_module.os, "scandir", scandir)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    assert [f.rel for _, f in workspace.keyed_files()] == ["a.txt"]
    assert workspace.unreadable_folders
    assert not workspace.listing_changed()
    refused = False
    assert workspace.listing_changed()
    assert [f.rel for f in workspace.refresh_files()] == ["a.txt", "sub/b.md"]
    assert not workspace.listing_changed()


@pytest.mark.parametrize("replaced", ["file", "folder"])
def test_a_listed_file_made_a_link_out_of_the_corpus_is_not_read(
    tmp_path: Path, replaced: str
) -> None:
    """A document replaced by a link to a file outside the corpus (``a.txt`` made a link to
    ``/etc/passwd``) while the app had it open was read again, its changed file reopened, and
    the file outside shown: the listing, made before, said it was a file inside, and that was
    taken as its check.  A file is looked at again, resolved, as it is read; so is a file
    whose folder was made a link out of the corpus."""
    from tui_reader.core.errors import DocumentError

    corpus = corpus_of(tmp_path)
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    listed = dict((f.rel, key) for key, f in workspace.keyed_files())
    key = listed["a.txt" if replaced == "file" else "sub/b.md"]
    workspace.document(key)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (outside / "b.md").write_text("root:x:0:0:root:/root:/bin/bash\n")
    if replaced == "file":
        (corpus / "a.txt").unlink()
        (corpus / "a.txt").symlink_to(outside / "a.txt")
    else:
        (corpus / "sub").rename(tmp_path / "sub-away")
        (corpus / "sub").symlink_to(outside)
    with pytest.raises(DocumentError, match="is outside the corpus folder"):
        workspace.document(key)
    with pytest.raises(DocumentError, match="is outside the corpus folder"):
        workspace.check_key_inside(key)


def test_the_names_of_a_command_line_are_tested_without_a_path_made_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test of 20,000 files named made a Path of each file's key again, and kept it,
    a sixth of the work left once each folder was resolved once."""
    corpus = corpus_of(tmp_path)
    names = [corpus / f"d{n}.txt" for n in range(200)]
    for name in names:
        name.write_text("x\n")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    named = workspace.named_documents()
    made = count_calls(monkeypatch, workspace_module, "Path")
    assert all(map(named, names))
    assert made.calls < 10, made.calls


def test_a_search_begins_while_the_first_listing_reads_the_plain_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first listing reads the first bytes of every plain text and Markdown file, to
    leave out a Markdown export of ours (the benchmark's 10,000 files): the corpus search
    asked at start waited for it, though it reads each of those files anyway. It is given
    the names found before (every text to be told by its bytes), and where each lies; once
    the listing has ended, its keys, none to be told."""
    corpus = corpus_of(tmp_path)
    (corpus / "notes.txt").write_text(
        "# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01 10:00 UTC.\n\n> alpha\n"
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    reading, release = threading.Event(), threading.Event()
    head = corpus_module._head

    def held(path: str) -> bytes:
        if path.endswith(".txt"):
            reading.set()
            release.wait(10)
        return head(path)

    monkeypatch.setattr(corpus_module, "_head", held)
    lister = threading.Thread(target=workspace.keys, daemon=True)
    lister.start()
    try:
        assert reading.wait(10)
        keys, unchecked, kept = workspace.keys_to_search()  # not waiting for the texts' bytes
        assert keys == ["corpus/a.txt", "corpus/notes.txt", "corpus/sub/b.md"]
        located = {key: workspace.listed_location(key) for key in keys}
        assert located == {key: str(tmp_path.resolve() / key) for key in keys}
        assert unchecked == set(located.values())  # (the Markdown file's too)
        assert not kept  # (no listing kept by an earlier run)
    finally:
        release.set()
    joined(lister, "listed the corpus")
    assert workspace.keys_to_search() == (["corpus/a.txt", "corpus/sub/b.md"], set(), False)
    assert workspace.listed_location("corpus/notes.txt") is None
