"""The texts pack gives back what was put, from memory and from its file, for the stamp it
was put with only; its flags say what the byte tests need to know."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search import text_pack
from tui_reader.core.search.text_pack import ASCII, FOLDS, TextPack, text_flags


def _bytes_of(pack: TextPack, key: str, stamp: tuple[int, int]) -> tuple[bytes, int] | None:
    return pack.test(key, stamp, lambda data, start, end, flags: (bytes(data[start:end]), flags))


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=40), max_size=6))
def test_texts_come_back_from_memory_and_from_the_file(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]
) -> None:
    path = tmp_path_factory.mktemp("pack") / "texts"
    pack = TextPack(path)
    for n, (key, text) in enumerate(texts.items()):
        pack.put(key, (n, len(text)), f"title {n}", text)
    for reopened in (pack, _saved(pack, path)):
        assert len(reopened) == len(texts)
        for n, (key, text) in enumerate(texts.items()):
            stamp = (n, len(text))
            assert reopened.get(key, stamp) == (f"title {n}", text)
            data = text.encode("utf-8", "surrogatepass")
            assert _bytes_of(reopened, key, stamp) == (data, text_flags(text))
            assert reopened.title(key, stamp) == f"title {n}"
            assert reopened.get(key, (n + 1, len(text))) is None  # another stamp: stale
            assert _bytes_of(reopened, key, (n, len(text) + 1)) is None
        reopened.close()


def _saved(pack: TextPack, path: Path) -> TextPack:
    pack.save()
    return TextPack(path)


def test_forgotten_and_replaced_texts_are_gone_after_saving(tmp_path: Path) -> None:
    path = tmp_path / "texts"
    pack = TextPack(path)
    for key in "abc":
        pack.put(key, (1, 1), key, f"text {key}")
    pack.save()
    pack.put("b", (2, 2), "B", "new b")  # replaces the packed one
    pack.keep_only({"b", "c"})
    pack.save()
    again = TextPack(path)
    assert len(again) == 2
    assert again.get("a", (1, 1)) is None
    assert again.get("b", (1, 1)) is None and again.get("b", (2, 2)) == ("B", "new b")
    assert again.get("c", (1, 1)) == ("c", "text c")


def test_flags() -> None:
    assert text_flags("plain") == ASCII
    assert text_flags("café") == 0
    for fold in "\u0130\u0131\u017f\u212a":
        assert text_flags(f"a {fold}") == FOLDS


def test_a_save_lets_texts_be_read_put_and_forgotten_while_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search started as the last one saves does not wait for 100 MB to be written, and
    what it changes meanwhile is kept, to be saved next."""
    path = tmp_path / "texts"
    pack = TextPack(path)
    for n, key in enumerate("ab"):
        pack.put(key, (n, n), key.upper(), f"text {key}")
    real_write = text_pack.write_cache_file

    def writing(where: Path, write: Callable[[BinaryIO], object]) -> bool:
        read: list[object] = []
        reader = threading.Thread(target=lambda: read.append(pack.get("a", (0, 0))))
        reader.start()
        reader.join(10)
        assert read == [("A", "text a")]  # not held up by the save
        pack.put("c", (2, 2), "C", "text c")
        pack.put("a", (9, 9), "A2", "new a")
        pack.keep_only({"a", "c"})
        return real_write(where, write)

    monkeypatch.setattr(text_pack, "write_cache_file", writing)
    pack.save()
    monkeypatch.undo()
    expected = {("a", (9, 9)): ("A2", "new a"), ("c", (2, 2)): ("C", "text c")}
    for held in (pack, _saved(pack, path)):
        assert {k: held.get(*k) for k in expected} == expected
        assert len(held) == 2 and held.get("b", (1, 1)) is None and held.get("a", (0, 0)) is None
