"""The W3C export's contexts lengthened, kept by document between exports: taken for the same
passages placed on the same text, looked for again otherwise, and the file never the truth."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.interchange.kept_contexts import SETS_KEPT, KeptContexts, passages_mark
from tui_reader.core.interchange.w3c_context import wider_contexts

A, B = "a" * 64, "b" * 64
LINE = "The same line comes back. "
TEXT = "Once at the start. " + LINE * 6 + "The end."


class _Placed:
    """The placement cache as the kept contexts ask it: each key's text hash and mark."""

    def __init__(self, hashes: dict[str, str]) -> None:
        self.hashes = hashes

    def placed_sha256(self, key: str) -> str | None:
        return self.hashes.get(key)

    def mark(self, key: str) -> tuple[Any, ...] | None:
        return (1, 2, 3, 4, "m") if key in self.hashes else None


def _kept(path: Path | None, hashes: dict[str, str]) -> KeptContexts:
    return KeptContexts(path, cast(PlacementCache, _Placed(hashes)))


def _rows(start: int) -> list[tuple[str, int, int, str, str, str]]:
    end = start + len(LINE) - 1
    return [("a.txt", start, end, TEXT[start - 32 : start], TEXT[end : end + 32], "placed")]


def test_contexts_found_in_a_text_are_taken_again_with_no_text_read(tmp_path: Path) -> None:
    path = tmp_path / "contexts.json"
    start = TEXT.index(LINE, 60)  # the third running line: its 32 characters not enough
    read: list[str] = []

    def text_of(key: str) -> tuple[str, str]:
        read.append(key)
        return TEXT, A

    kept = _kept(path, {"a.txt": A})
    found = wider_contexts(_rows(start), text_of, kept)
    assert found and read == ["a.txt"]
    kept.save()
    again = _kept(path, {"a.txt": A})
    assert wider_contexts(_rows(start), text_of, again) == found
    assert read == ["a.txt"]  # (none read the second time)
    # placed on another text since: looked for in it
    other = _kept(path, {"a.txt": B})
    assert wider_contexts(_rows(start), text_of, other) == found
    assert read == ["a.txt", "a.txt"]


def test_other_passages_of_the_document_are_looked_for_in_its_text() -> None:
    kept = _kept(None, {"a.txt": A})
    spans = [(1, 5, "p", "s")]
    kept.put("a.txt", A, passages_mark(spans), [(0, "pp", "ss")])
    assert kept.known("a.txt", passages_mark(spans)) == [(0, "pp", "ss")]
    assert kept.known("a.txt", passages_mark([(1, 5, "p", "t")])) is None
    assert kept.known("a.txt", passages_mark([*spans, (7, 9, "", "")])) is None
    assert kept.known("b.txt", passages_mark(spans)) is None


def test_a_file_damaged_or_of_another_form_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "contexts.json"
    spans = [(1, 5, "p", "s")]
    kept = _kept(path, {"a.txt": A})
    kept.put("a.txt", A, passages_mark(spans), [(0, "pp", "ss")])
    kept.save()
    assert _kept(path, {"a.txt": A}).known("a.txt", passages_mark(spans)) == [(0, "pp", "ss")]
    data = path.read_text("ascii")
    for damaged in (data.replace('"pp"', "7"), data[:-9], "[]", data.replace(A, "1", 1)):
        path.write_text(damaged, "ascii")
        assert _kept(path, {"a.txt": A}).known("a.txt", passages_mark(spans)) is None
    # a document placed on another text since is not written again
    path.write_text(data, "ascii")
    kept = _kept(path, {"a.txt": B})
    kept.put("b.txt", B, "x", [])
    kept.save()
    assert _kept(path, {"a.txt": A, "b.txt": B}).known("a.txt", passages_mark(spans)) is None


def test_an_export_of_a_part_keeps_the_contexts_of_the_whole(tmp_path: Path) -> None:
    # (an export of one code's passages, then of every passage again: it read every text
    # the code's passages lie in once more, the part's contexts having replaced the whole's)
    path = tmp_path / "contexts.json"
    first, third = TEXT.index(LINE, 30), TEXT.index(LINE, 60)
    whole = [*_rows(first), *_rows(third)]
    read: list[str] = []

    def text_of(key: str) -> tuple[str, str]:
        read.append(key)
        return TEXT, A

    def export(rows: list[tuple[str, int, int, str, str, str]]) -> dict[int, tuple[str, str]]:
        kept = _kept(path, {"a.txt": A})
        found = wider_contexts(rows, text_of, kept)
        kept.save()
        return found

    found = export(whole)
    part = export(_rows(third))
    assert len(read) == 2
    assert export(whole) == found and export(_rows(third)) == part
    assert len(read) == 2  # (neither read again)
    # a few parts kept beside the whole, the last used first: the oldest part let go
    for n in range(SETS_KEPT):
        export(_rows(first + n))
    assert len(read) == 2 + SETS_KEPT
    assert export(whole) == found
    assert len(read) == 2 + SETS_KEPT + 1
    export(_rows(first + SETS_KEPT - 1))  # the last part asked for: still kept
    assert len(read) == 2 + SETS_KEPT + 1
