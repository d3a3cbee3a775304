"""The texts pack gives back what was put, from memory and from its file, for the stamp it
was put with only; its flags say what the byte tests need to know."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from helpers import examples
from helpers.threads import joined
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search import text_pack
from tui_reader.core.search.text_pack import (
    ASCII,
    FOLDS,
    UNCOMPOSED,
    TextPack,
    data_flags,
    text_flags,
)


def _bytes_of(pack: TextPack, key: str, stamp: tuple[int, int]) -> tuple[bytes, int] | None:
    return pack.test(key, stamp, lambda data, start, end, flags: (bytes(data[start:end]), flags))


@settings(max_examples=examples(40), deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=40), max_size=6))
def test_texts_come_back_from_memory_and_from_the_file(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]
) -> None:
    path = tmp_path_factory.mktemp("pack") / "texts"
    pack = TextPack(path)
    for n, (key, text) in enumerate(texts.items()):
        pack.put(key, (n, len(text), 0, 0), f"title {n}", text)
    for reopened in (pack, _saved(pack, path)):
        assert len(reopened) == len(texts)
        for n, (key, text) in enumerate(texts.items()):
            stamp = (n, len(text), 0, 0)
            assert reopened.get(key, stamp) == (f"title {n}", text)
            data = text.encode("utf-8", "surrogatepass")
            assert _bytes_of(reopened, key, stamp) == (data, text_flags(text))
            assert reopened.title(key, stamp) == f"title {n}"
            assert reopened.get(key, (n + 1, len(text))) is None  # another stamp: stale
            assert _bytes_of(reopened, key, (n, len(text) + 1, 0, 0)) is None
        reopened.close()


def _saved(pack: TextPack, path: Path) -> TextPack:
    pack.save()
    return TextPack(path)


def test_forgotten_and_replaced_texts_are_gone_after_saving(tmp_path: Path) -> None:
    path = tmp_path / "texts"
    pack = TextPack(path)
    for key in "abc":
        pack.put(key, (1, 1, 0, 0), key, f"text {key}")
    pack.save()
    pack.put("b", (2, 2, 0, 0), "B", "new b")  # replaces the packed one
    pack.keep_only({"b", "c"})
    pack.save()
    again = TextPack(path)
    assert len(again) == 2
    assert again.get("a", (1, 1, 0, 0)) is None
    assert again.get("b", (1, 1, 0, 0)) is None and again.get("b", (2, 2, 0, 0)) == ("B", "new b")
    assert again.get("c", (1, 1, 0, 0)) == ("c", "text c")


def test_flags() -> None:
    assert text_flags("plain") == ASCII
    assert text_flags("café") == 0
    for fold in "\u0130\u017f\xdf\ufb01":  # İ, ſ, ß, ﬁ: folded, each holds an ASCII letter
        assert text_flags(f"a {fold}") == data_flags(f"a {fold}".encode()) == FOLDS
    assert text_flags("a \u0131") == 0  # ı folds to itself
    assert text_flags("a \u212a") == FOLDS | UNCOMPOSED  # the Kelvin sign: K, composed
    assert text_flags("cafe\u0301") == data_flags("cafe\u0301".encode()) == UNCOMPOSED


# ASCII, bullets, and characters beside them that change the flags: accents that compose with
# the letter or bullet before them, folds holding ASCII letters, other three-byte characters
# (a quote, a line separator), four-byte ones, a lone surrogate (two bytes more, as a bullet).
_BESIDE_BULLETS = st.text(
    alphabet=st.sampled_from(["a", "e", " ", "\n", "-", "\u2022", "\u0301", "\u0308", "\xdf",
                              "\ufb01", "\u212a", "\xe9", "\u2019", "\u2028", "\U0001f600",
                              "\ud800"]),
    max_size=12,
)  # fmt: skip


@settings(deadline=None)
@given(_BESIDE_BULLETS)
def test_flags_told_by_the_length_of_the_utf8_are_the_texts_own(text: str) -> None:
    # A text whose only characters beyond ASCII are bullets is told by its UTF-8's length
    # (Markdown's lists): the same flags as the text read character by character.
    length = len(text.encode("utf-8", "surrogatepass"))
    assert text_flags(text, length) == text_flags(text)
    assert text_flags("- a\n\u2022 b", len("- a\n\u2022 b".encode())) == 0


def test_a_save_lets_texts_be_read_put_and_forgotten_while_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search started as the last one saves does not wait for 100 MB to be written, and
    what it changes meanwhile is kept, to be saved next."""
    path = tmp_path / "texts"
    pack = TextPack(path)
    for n, key in enumerate("ab"):
        pack.put(key, (n, n, 0, 0), key.upper(), f"text {key}")
    real_write = text_pack._Layout.write

    def writing(layout: text_pack._Layout) -> None:
        read: list[object] = []
        reader = threading.Thread(target=lambda: read.append(pack.get("a", (0, 0, 0, 0))))
        reader.start()
        reader.join(10)
        assert read == [("A", "text a")]  # not held up by the save
        pack.put("c", (2, 2, 0, 0), "C", "text c")
        pack.put("a", (9, 9, 0, 0), "A2", "new a")
        pack.keep_only({"a", "c"})
        real_write(layout)

    monkeypatch.setattr(text_pack._Layout, "write", writing)
    pack.save()
    monkeypatch.undo()
    expected = {("a", (9, 9, 0, 0)): ("A2", "new a"), ("c", (2, 2, 0, 0)): ("C", "text c")}
    for held in (pack, _saved(pack, path)):
        assert {k: held.get(*k) for k in expected} == expected
        assert (
            len(held) == 2
            and held.get("b", (1, 1, 0, 0)) is None
            and held.get("a", (0, 0, 0, 0)) is None
        )


def _spools(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}."))


def test_texts_put_are_written_beside_the_pack_as_they_come(tmp_path: Path) -> None:
    """A first search of 100 MB does not hold its texts until the save: each is written to
    the next pack's file as it is put (and read back from it)."""
    path = tmp_path / "texts"
    pack = TextPack(path)
    texts = {key: f"the text of {key} " * 50 for key in "abc"}
    for key, text in texts.items():
        assert pack.put(key, (1, 1, 0, 0), None, text)
    (spool,) = _spools(path)
    pack.test("a", (1, 1, 0, 0), lambda *_: None)  # what waits in the buffer is written to be read
    written = spool.read_bytes()
    assert all(text.encode() in written for text in texts.values())
    assert not path.exists()
    assert {key: pack.get(key, (1, 1, 0, 0)) for key in texts} == {
        k: (None, t) for k, t in texts.items()
    }
    pack.save()
    assert _spools(path) == [] and path.exists()  # the spool became the pack
    again = TextPack(path)
    assert {key: again.get(key, (1, 1, 0, 0)) for key in texts} == {
        k: (None, t) for k, t in texts.items()
    }


def test_a_spool_that_cannot_be_written_forgets_its_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "texts"
    pack = TextPack(path)
    assert pack.put("a", (1, 1, 0, 0), "A", "text a")

    def full(self: text_pack._Spool, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(text_pack._Spool, "append", full)
    assert not pack.put("b", (1, 1, 0, 0), "B", "text b")
    assert pack.get("a", (1, 1, 0, 0)) is None and pack.get("b", (1, 1, 0, 0)) is None
    assert _spools(path) == []
    monkeypatch.undo()
    assert pack.put("c", (1, 1, 0, 0), "C", "text c")
    pack.save()
    again = TextPack(path)
    assert len(again) == 1 and again.get("c", (1, 1, 0, 0)) == ("C", "text c")


def test_a_save_that_fails_keeps_the_texts_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "texts"
    pack = TextPack(path)
    pack.put("a", (1, 1, 0, 0), "A", "text a")
    pack.save()
    pack.put("b", (2, 2, 0, 0), "B", "text b")

    def refused(source: str, target: Path) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(text_pack.os, "replace", refused)
    pack.save()
    monkeypatch.undo()
    assert _spools(path) == []
    assert pack.get("a", (1, 1, 0, 0)) == ("A", "text a") and pack.get("b", (2, 2, 0, 0)) == (
        "B",
        "text b",
    )
    pack.put("c", (3, 3, 0, 0), "C", "text c")
    pack.save()
    again = TextPack(path)
    held = {
        k: again.get(k, s)
        for k, s in (("a", (1, 1, 0, 0)), ("b", (2, 2, 0, 0)), ("c", (3, 3, 0, 0)))
    }
    assert held == {"a": ("A", "text a"), "b": ("B", "text b"), "c": ("C", "text c")}


def test_spools_left_by_ended_processes_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "texts"
    old, recent = tmp_path / ".texts.old1", tmp_path / ".texts.new1"
    for left in (old, recent):
        left.write_bytes(b"x" * 100)
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    pack = TextPack(path)
    try:
        pack.put("a", (1, 1, 0, 0), "A", "text a")
        assert not old.exists() and recent.exists()  # a live search's is left alone
    finally:
        pack.close()  # its own spool, else left to the collector


def test_a_cut_or_damaged_pack_is_never_an_error(tmp_path: Path) -> None:
    """A pack cut short gives every text as it was put or none; one damaged after its texts
    (header, numbers, trailer) may give wrong texts (it is a cache, written by rename), but
    reading it is never an error."""
    path = tmp_path / "texts"
    pack = TextPack(path)
    texts = {f"k{n}": f"text number {n}" for n in range(5)}
    for n, (key, text) in enumerate(texts.items()):
        pack.put(key, (n, n, 0, 0), f"T{n}", text)
    pack.save()
    whole = path.read_bytes()

    def written(data: bytes) -> None:
        # A new file each time, as a pack is written (by rename): a file there truncated and
        # written again is flushed by the file system at its close (2 ms, 2,000 times here).
        path.unlink()
        path.write_bytes(data)

    for cut in range(len(whole)):
        written(whole[:cut])
        read = TextPack(path)
        assert len(read) == 0
    for at in range(whole.index(b'{"keys"'), len(whole)):
        for byte in (0, 0x22, 0x7F, 0xFF):
            written(whole[:at] + bytes([byte]) + whole[at + 1 :])
            read = TextPack(path)
            for n, key in enumerate(texts):
                read.get(key, (n, n, 0, 0))
                read.test(key, (n, n, 0, 0), lambda data, start, end, flags: data[start:end])


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_texts_another_process_put_are_adopted_and_saved_with_these(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_copy: bool
) -> None:
    """What a second process put (its spool) is taken as put here, read back, saved into
    the pack (by the kernel's copy, or read and written where there is none), and its spool
    removed; the pack's own texts and the old pack's stay."""
    if not kernel_copy:
        monkeypatch.setattr(text_pack, "_copy_file_range", None)
    path = tmp_path / "texts"
    old = TextPack(path)
    old.put("kept", (1, 4, 0, 0), "Kept", "kept text")
    old.put("replaced", (1, 5, 0, 0), None, "old text")
    old.save()
    old.close()
    pack, other = TextPack(path), TextPack(path)
    pack.put("mine", (2, 4, 0, 0), None, "my text é")
    for n in range(3):  # a run of texts, then one replacing an old one
        other.put(f"theirs{n}", (3, n, 0, 0), f"T{n}", f"their text {n} \u212a")
    other.put("replaced", (3, 9, 0, 0), None, "new text")
    spooled = other.spooled()
    assert spooled is not None and len(spooled[1]) == 4
    name = spooled[0]
    pack.adopt(*spooled)
    assert pack.adopted(name)
    expected = {
        "kept": (("Kept", "kept text"), (1, 4, 0, 0)),
        "mine": ((None, "my text é"), (2, 4, 0, 0)),
        "theirs0": (("T0", "their text 0 \u212a"), (3, 0, 0, 0)),
        "theirs1": (("T1", "their text 1 \u212a"), (3, 1, 0, 0)),
        "theirs2": (("T2", "their text 2 \u212a"), (3, 2, 0, 0)),
        "replaced": ((None, "new text"), (3, 9, 0, 0)),
    }
    for reopened in (pack, _saved(pack, path)):
        assert len(reopened) == len(expected)
        for key, (packed, stamp) in expected.items():
            assert reopened.get(key, stamp) == packed
            flags = text_flags(packed[1])
            assert _bytes_of(reopened, key, stamp) == (packed[1].encode(), flags)
    assert not os.path.exists(name)  # taken into the pack: removed
    pack.close()
    other.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["texts"]


def test_a_pack_made_by_other_converters_is_not_read(tmp_path: Path) -> None:
    # Texts kept by a version whose Word converter read a text box twice were still found
    # by a search after the converter changed, their lines pointing into the old text.
    from tui_reader.core.documents.formats import texts_version

    path = tmp_path / "texts"
    pack = TextPack(path)
    pack.put("a.docx", (1, 5, 0, 0), "A", "old text")
    saved = _saved(pack, path)
    assert saved.get("a.docx", (1, 5, 0, 0)) == ("A", "old text")
    saved.close()
    data = path.read_bytes()
    assert data.startswith(b"tui-reader texts 8 " + texts_version().encode() + b"\n")
    older = texts_version().replace("docx=", "docx=1").encode()  # another converter version
    path.write_bytes(data.replace(texts_version().encode(), older, 1))
    assert TextPack(path).get("a.docx", (1, 5, 0, 0)) is None


def test_what_could_not_be_read_of_a_file_is_kept_with_its_text(tmp_path: Path) -> None:
    """A search from the pack said nothing of an EPUB's missing chapter, which the search
    that read the file could: what was not read is kept with the text, for its stamp."""
    path = tmp_path / "texts"
    pack = TextPack(path)
    pack.put("book", (1, 10, 0, 0), "Book", "most of it", problems=("1 part missing",))
    pack.put("whole", (1, 11, 0, 0), "Whole", "all of it")
    other = TextPack(path)
    other.put("theirs", (2, 5, 0, 0), None, "their text", problems=("page 3 damaged",))
    spooled = other.spooled()
    assert spooled is not None
    pack.adopt(*spooled)
    for reopened in (pack, _saved(pack, path)):
        assert reopened.problems("book", (1, 10, 0, 0)) == ("1 part missing",)
        assert reopened.problems("theirs", (2, 5, 0, 0)) == ("page 3 damaged",)
        assert reopened.problems("whole", (1, 11, 0, 0)) == ()
        assert reopened.problems("book", (1, 12, 0, 0)) == ()  # the file changed since
    reopened.put("book", (1, 12, 0, 0), "Book", "all of it now")  # read again, whole
    assert _saved(reopened, path).problems("book", (1, 12, 0, 0)) == ()
    other.close()


def _whole(data: object, start: int, end: int, flags: int) -> tuple[bytes, int]:
    return bytes(data[start:end]), flags  # type: ignore[index]


@settings(max_examples=examples(40), deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=6), st.text(max_size=20), max_size=5),
    st.lists(st.tuples(st.text(min_size=1, max_size=6), st.integers(0, 6)), max_size=8),
)
def test_each_text_tested_in_one_look_is_tested_as_alone(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str], asked: list[tuple[str, int]]
) -> None:
    """A search of texts kept tests them all in one look (test_each): what each gives is
    what test_said gives it, from memory and from the file, for the stamp a text was put
    with, another (stale), none (its file not looked at: None), or a key not held."""
    path = tmp_path_factory.mktemp("pack") / "texts"
    pack = TextPack(path)
    for n, (key, text) in enumerate(texts.items()):
        pack.put(key, (n, len(text), 0, 0), None, text, problems=("part missing",) * (n % 2))
    keys = [*texts, *(key for key, _ in asked)]
    stamps = [(n, len(texts.get(key, "")), 0, 0) for n, key in enumerate(texts)]
    stamps += [None if n == 6 else (n, n, 0, 0) for _, n in asked]
    for reopened in (pack, _saved(pack, path)):
        looks = reopened.test_each(zip(keys, stamps, strict=True), _whole)
        for key, stamp, look in zip(keys, stamps, looks, strict=True):
            alone = None if stamp is None else reopened.test_said(key, stamp, _whole)
            assert look == alone
        reopened.close()


class _WritesHalfThenInterrupted:
    """A spool's file whose next write is cut short by ctrl+c: half of it written."""

    def __init__(self, handle: object) -> None:
        self.handle = handle

    def __getattr__(self, name: str) -> object:
        return getattr(self.handle, name)

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise KeyboardInterrupt


def test_a_text_put_cut_short_by_ctrl_c_leaves_the_saved_pack_whole(tmp_path: Path) -> None:
    """ctrl+c in the middle of a text written to the spool, then the pack saved (as a search
    stopped saves what it read): the half text was left before the header, which no longer
    stood where the trailer said, and the whole pack was refused.  It is written over."""
    path = tmp_path / "texts.pack"
    pack = TextPack(path)
    pack.put("a", (1, 5, 0, 0), "A", "the first text " * 100)
    spool = pack._spool
    assert spool is not None
    spool.handle = _WritesHalfThenInterrupted(spool.handle)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        pack.put("b", (2, 5, 0, 0), "B", "the second text " * 100_000)
    spool.handle = spool.handle.handle  # type: ignore[attr-defined]
    pack.save()
    pack.close()
    again = TextPack(path)
    try:
        assert again.get("a", (1, 5, 0, 0)) == ("A", "the first text " * 100)
        assert "b" not in again
    finally:
        again.close()


def test_a_save_stopped_by_ctrl_c_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second ctrl+c while the pack was written (a search stopped by the first saves what
    it read) left the file being written beside the pack until a later search, an hour on,
    removed it: a 100 MB text copy in the cache folder.  It is removed, the ctrl+c goes on,
    and the pack there stays the last one saved."""
    path = tmp_path / "texts"
    pack = TextPack(path)
    pack.put("a", (1, 1, 0, 0), "A", "text a")
    pack.save()
    saved = path.read_bytes()
    pack.put("b", (2, 2, 0, 0), "B", "text b")

    def interrupted(layout: text_pack._Layout) -> None:
        layout.spool.append(b"part of it")
        raise KeyboardInterrupt

    monkeypatch.setattr(text_pack._Layout, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pack.save()
    monkeypatch.undo()
    pack.close()
    assert _spools(path) == []
    assert path.read_bytes() == saved
    assert TextPack(path).get("a", (1, 1, 0, 0)) == ("A", "text a")


def test_a_fifo_in_the_packs_place_is_never_waited_on(tmp_path: Path) -> None:
    # A FIFO where the texts are kept held the first search for good (its open waited for a
    # writer)
    path = tmp_path / "texts.pack"
    os.mkfifo(path)
    found: list[int] = []
    looking = threading.Thread(target=lambda: found.append(len(TextPack(path))), daemon=True)
    looking.start()
    joined(looking, "read a pack that is a FIFO")
    assert found == [0]
