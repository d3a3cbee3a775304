"""The corpus listing kept between runs for the corpus search asked for at start, taken only
while every folder it listed has the time it had."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.kept_listing import keep_listing, kept_listing
from tui_reader.core.workspace import Workspace
from tui_reader.locations import listing_cache_path

OLD = 1_700_000_000_000_000_000  # a folder's time long past (ns)


def _corpus(root: Path, names: list[str]) -> dict[str, int]:
    """Files ``names`` below ``root``, every folder's time set long past: the folders."""
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"the text of {name}\n", "utf-8")
    folders = {str(root): OLD}
    folders.update({str(p): OLD + i for i, p in enumerate(root.rglob("*"), 1) if p.is_dir()})
    for folder, mtime in folders.items():
        os.utime(folder, ns=(mtime, mtime))
    return folders


_NAME = st.text(st.sampled_from("ab1é "), min_size=1, max_size=4)


@settings(max_examples=examples(60))
@given(
    names=st.lists(st.tuples(st.sampled_from(["", "x/", "x/y/"]), _NAME), max_size=6),
    linked=st.sets(st.integers(0, 5)),
)
def test_a_listing_kept_comes_back_as_kept(names: list[tuple[str, str]], linked: set[int]) -> None:
    """The keys in their order and each one's place, for a corpus whose folders are as
    they were; none once a folder has another time."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "corpus"
        root.mkdir()
        files = sorted({folder + name + ".txt" for folder, name in names})
        folders = _corpus(root, files)
        keys = [f"corpus/{name}" for name in files]
        inside = {
            k: str(root / n)
            for i, (k, n) in enumerate(zip(keys, files, strict=True))
            if i not in linked
        }
        path = Path(scratch) / "library" / "x.listing"
        assert keep_listing(path, str(root), keys, inside, folders)
        assert kept_listing(path, str(root)) == (keys, inside)
        assert kept_listing(path, str(root) + "-other") is None  # another corpus's
        changed = max(folders)  # (the deepest)
        os.utime(changed, ns=(OLD - 1, OLD - 1))
        assert kept_listing(path, str(root)) is None


def test_a_folder_changed_a_moment_ago_is_not_kept(tmp_path: Path) -> None:
    """A file added in the same tick of the folder's clock leaves its time as it was: a
    listing whose folder changed a moment ago is not kept."""
    root = tmp_path / "corpus"
    folders = _corpus(root, ["a.txt"])
    folders[str(root)] = os.stat(root).st_mtime_ns
    os.utime(root)  # now
    folders[str(root)] = os.stat(root).st_mtime_ns
    path = tmp_path / "cache" / "x.listing"
    assert not keep_listing(path, str(root), ["corpus/a.txt"], {}, folders)
    assert not path.exists()
    assert kept_listing(path, str(root)) is None


def test_a_damaged_or_strange_listing_is_none(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    folders = _corpus(root, ["a.txt"])
    path = tmp_path / "cache" / "x.listing"
    assert keep_listing(path, str(root), ["corpus/a.txt"], {"corpus/a.txt": str(root / "a.txt")},
                        folders)  # fmt: skip
    good = path.read_bytes()
    for bad in (
        b"",
        b"{",
        b"\xff",
        b"[1]",
        good.replace(b'"keys": ["corpus/a.txt"]', b'"keys": [3]'),
        good.replace(b'"keys": ["corpus/a.txt"]', b'"keys": []'),
        good.replace(str(root / "a.txt").encode(), b"/etc/passwd"),  # a place outside
        good.replace(b'"version": "', b'"version": "0'),
    ):
        path.write_bytes(bad)
        assert kept_listing(path, str(root)) is None, bad
    path.unlink()
    path.mkdir()  # no file
    assert kept_listing(path, str(root)) is None


def test_the_search_at_start_has_the_listing_kept_before_the_corpus_is_listed(
    tmp_path: Path,
) -> None:
    """A workspace whose corpus is not listed yet hands the corpus search the listing a
    search kept (its places too), and its own once it has listed."""
    root = tmp_path / "corpus"
    _corpus(root, ["a.txt", "b/c.md", "b/d.txt"])
    db = tmp_path / "annotations.json"  # (its files beside it change no folder listed)
    first = Workspace(root, db)
    assert first.keys_to_search() == (
        ["corpus/a.txt", "corpus/b/c.md", "corpus/b/d.txt"],
        set(),
        False,
    )
    first.keep_listing()
    assert listing_cache_path(first.db).is_file()

    second = Workspace(root, db)
    assert second.keys_to_search() == (
        ["corpus/a.txt", "corpus/b/c.md", "corpus/b/d.txt"],
        set(),
        True,
    )
    assert second.listed_location("corpus/b/c.md") == str(root.resolve() / "b" / "c.md")
    assert second.keys() == ["corpus/a.txt", "corpus/b/c.md", "corpus/b/d.txt"]  # listed now
    assert second.keys_to_search() == (
        ["corpus/a.txt", "corpus/b/c.md", "corpus/b/d.txt"],
        set(),
        False,
    )

    (root / "b" / "e.txt").write_text("e", "utf-8")  # a folder's time changed
    third = Workspace(root, db)
    assert third.keys_to_search() == (
        ["corpus/a.txt", "corpus/b/c.md", "corpus/b/d.txt", "corpus/b/e.txt"],
        set(),
        False,
    )
