"""The listing's first files kept between runs with their facts, for the library to show while
it lists: taken only while every folder listed has the time it had and each of those files
its stamp; never kept of links, files of no facts known, or folders changed a moment ago."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.facts import quick_facts
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.listing_head import HEAD_FILES, head_path, keep_head, kept_head
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path

OLD = 1_700_000_000_000_000_000  # a folder's time long past (ns)


def _aged(root: Path) -> None:
    """Every folder below ``root`` (and it) dated long past."""
    for n, folder in enumerate([root, *(p for p in root.rglob("*") if p.is_dir())]):
        os.utime(folder, ns=(OLD + n, OLD + n))


def _corpus(root: Path, names: list[str]) -> Workspace:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"The text of {name}\n\nSome words.\n", "utf-8")
    _aged(root)
    return Workspace(root, root.parent / "annotations.json")


def _facts(workspace: Workspace) -> FactsCache:
    """A facts cache holding every listed file's facts, as a scan leaves it."""
    cache = FactsCache(facts_cache_path(workspace.db))
    for key, file in workspace.keyed_files():
        if file.format is not None:
            cache.put(key, file_stamp(file.location), quick_facts(file.location, file.format))
    return cache


def _keep(workspace: Workspace, cache: FactsCache) -> bool:
    return keep_head(
        head_path(facts_cache_path(workspace.db)),
        str(workspace.corpus),
        workspace.keyed_files(),
        workspace.listed_folders(),
        cache,
    )


def _head(workspace: Workspace) -> list[str] | None:
    head = kept_head(head_path(facts_cache_path(workspace.db)), str(workspace.corpus))
    return None if head is None else [key for key, _, _ in head]


def _listed(root: Path) -> list[str]:
    """The first keys of a listing made now (another run's)."""
    workspace = Workspace(root, root.parent / "annotations.json")
    return [key for key, _ in workspace.keyed_files()][:HEAD_FILES]


@settings(max_examples=examples(40), deadline=None)
@given(
    names=st.lists(
        st.tuples(st.sampled_from(["", "x/", "x/y/", "b/"]), st.sampled_from(["a", "B", "c10"])),
        min_size=1,
        max_size=6,
        unique=True,
    )
)
def test_a_head_kept_is_the_listing_s_first_files_with_their_facts(
    names: list[tuple[str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "c"
        workspace = _corpus(root, [folder + name + ".txt" for folder, name in names])
        cache = _facts(workspace)
        assert _keep(workspace, cache)
        head = kept_head(head_path(facts_cache_path(workspace.db)), str(workspace.corpus))
        assert head is not None
        assert [key for key, _, _ in head] == _listed(root)
        for key, file, facts in head:
            assert (key, file) in workspace.keyed_files()
            assert facts == cache.last(key)


def test_a_file_added_removed_or_written_over_takes_the_head_away(tmp_path: Path) -> None:
    root = tmp_path / "c"
    workspace = _corpus(root, ["a.txt", "b.txt", "x/c.txt"])
    assert _keep(workspace, _facts(workspace))
    assert _head(workspace) == ["c/a.txt", "c/b.txt", "c/x/c.txt"]
    (root / "x" / "0.txt").write_text("first now\n")  # a file added below: its folder's time
    assert _head(workspace) is None
    (root / "x" / "0.txt").unlink()
    _aged(root)
    assert _head(workspace) == ["c/a.txt", "c/b.txt", "c/x/c.txt"]
    (root / "b.txt").write_text("written over in place, no folder's time changed\n")
    _aged(root)
    assert _head(workspace) is None


def test_no_head_is_kept_of_a_link_a_file_not_read_or_a_folder_changed_a_moment_ago(
    tmp_path: Path,
) -> None:
    root = tmp_path / "c"
    workspace = _corpus(root, ["a.txt", "b.txt"])
    path = head_path(facts_cache_path(workspace.db))
    assert not _keep(workspace, FactsCache(None))  # no facts known yet (a first scan's)
    assert _keep(workspace, _facts(workspace)) and path.exists()
    (tmp_path / "elsewhere.txt").write_text("a text out of the corpus\n")
    (root / "0.txt").symlink_to(tmp_path / "elsewhere.txt")
    _aged(root)
    workspace = Workspace(root, workspace.db)
    assert not _keep(workspace, _facts(workspace))
    assert not path.exists()  # the older head is gone with it
    (root / "0.txt").unlink()
    (root / "new.txt").write_text("just written\n")  # its folder changed a moment ago
    workspace = Workspace(root, workspace.db)
    assert not _keep(workspace, _facts(workspace))


def test_a_damaged_head_or_another_corpus_s_is_not_taken(tmp_path: Path) -> None:
    root = tmp_path / "c"
    workspace = _corpus(root, ["a.txt"])
    assert _keep(workspace, _facts(workspace))
    path = head_path(facts_cache_path(workspace.db))
    assert kept_head(path, str(tmp_path / "other")) is None
    text = path.read_text()
    for damaged in (text[: len(text) // 2], text.replace('"order"', '"ordre"'), "[]", ""):
        path.write_text(damaged)
        assert _head(workspace) is None
