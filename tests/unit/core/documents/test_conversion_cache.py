"""The conversion cache: hits, misses on a new converter version, damage never trusted, bound."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.counting import count_calls
from helpers.format_fixtures import TRANSCRIPT_VTT, make_image_only_pdf

from tui_reader.core.documents import conversion_cache as conversion_cache_module
from tui_reader.core.documents import conversion_limit
from tui_reader.core.documents import document as document_module
from tui_reader.core.documents.conversion_cache import Cached, ConversionCache, cache_key
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.turns import Turn
from tui_reader.core.errors import ConversionStopped, DocumentError
from tui_reader.locations import resolve_cache_dir

PARSED = Cached(
    Parsed(
        "Hello world.\n\nBye.",
        [Span(0, 12, SpanKind.PARAGRAPH), Span(6, 11, SpanKind.STRONG)],
        "Hello",
        (0, 14),
        (Turn(0, 12, 3, "P03", "00:00:01", times=((6, "00:00:04"),)), Turn(14, 18, 14, "")),
        {"author": "Ana", "pages": 2},
        ("1 part of its reading order missing from the file, left out: a.xhtml",),
        unread=((2, "scanned, no text layer"),),
    ),
    "ab" * 32,
    3,
)


def test_round_trip(tmp_path: Path) -> None:
    cache = ConversionCache(tmp_path)
    cache.put("k", PARSED)
    assert cache.get("k") == PARSED
    assert cache.get("other") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # half written
        lambda data: data.replace(b"Hello world", b"Hellx world"),  # a bit flipped
        lambda data: b"",
        lambda data: b"not json\n{}",
    ],
)
def test_a_damaged_entry_is_never_trusted(tmp_path: Path, damage: object) -> None:
    cache = ConversionCache(tmp_path)
    cache.put("k", PARSED)
    entry = next(tmp_path.glob("*.json"))
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert cache.get("k") is None
    assert not entry.exists()  # removed, converted again next time


def test_an_entry_under_another_key_is_not_used(tmp_path: Path) -> None:
    cache = ConversionCache(tmp_path)
    cache.put("a", PARSED)
    (tmp_path / "a.json").rename(tmp_path / "b.json")
    assert cache.get("b") is None


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    cache = ConversionCache(tmp_path, max_bytes=2000)
    big = Cached(Parsed("x" * 900, [], None), "0" * 64, 1)
    for i in range(6):
        cache.put(f"k{i}", big)
        os.utime(tmp_path / f"k{i}.json", ns=(i * 10**9, i * 10**9))
    sizes = [p.stat().st_size for p in tmp_path.glob("*.json")]
    assert sum(sizes) <= 2000 and cache.get("k5") is not None and cache.get("k0") is None


def test_key_changes_with_content_and_converter_version() -> None:
    assert cache_key(b"a", "pdf", 1) != cache_key(b"b", "pdf", 1)
    assert cache_key(b"a", "pdf", 1) != cache_key(b"a", "pdf", 2)


def test_documents_are_read_back_from_the_cache(
    tmp_path: Path, conversion_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.vtt"
    path.write_text(TRANSCRIPT_VTT, "utf-8")
    first = load_document(path)
    assert list(conversion_cache.rglob("*.json"))

    def refuse(*args: object) -> Parsed:  # any second conversion fails the test
        raise AssertionError("converted again")

    # document.py imports the converters' limit when it first converts: patched where it lives.
    monkeypatch.setattr(conversion_limit, "convert_in_time", refuse)
    again = load_document(path)
    assert (again.text, again.turns, again.spans) == (first.text, first.turns, first.spans)


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TUI_READER_CACHE", str(blocker / "sub"))
    path = tmp_path / "t.vtt"
    path.write_text(TRANSCRIPT_VTT, "utf-8")
    assert load_document(path).turns


def test_cache_folder_follows_platform_conventions() -> None:
    home = {"HOME": "/home/ana"}
    assert resolve_cache_dir(home, "linux") == Path("/home/ana/.cache/tui-reader")
    xdg = {**home, "XDG_CACHE_HOME": "/var/cache/ana"}
    assert resolve_cache_dir(xdg, "linux") == Path("/var/cache/ana/tui-reader")
    assert resolve_cache_dir({**home, "XDG_CACHE_HOME": "relative"}, "linux") == Path(
        "/home/ana/.cache/tui-reader"
    )
    assert resolve_cache_dir(home, "darwin") == Path("/home/ana/Library/Caches/tui-reader")
    win = {**home, "LOCALAPPDATA": "C:/Users/ana/AppData/Local"}
    assert resolve_cache_dir(win, "win32") == Path("C:/Users/ana/AppData/Local/tui-reader/Cache")
    assert resolve_cache_dir({**xdg, "TUI_READER_CACHE": "/tmp/c"}, "linux") == Path("/tmp/c")
    # blank: a folder named " " was made wherever a command ran
    assert resolve_cache_dir({**xdg, "TUI_READER_CACHE": " \t"}, "linux") == Path(
        "/var/cache/ana/tui-reader"
    )


def test_markdown_is_rendered_once_then_read_from_the_cache(
    tmp_path: Path, conversion_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "Intro line\n\n## Part *one*\n\n- a [link](http://x.org) and `code`\n\nP1: yes\n"
    first_path = tmp_path / "a.md"
    first_path.write_bytes(source.encode("cp1252") + b"\x93quoted\x94\n")
    first = load_document(first_path)
    assert list(conversion_cache.rglob("*.json"))

    def refuse(*args: object) -> Parsed:
        raise AssertionError("rendered again")

    monkeypatch.setattr(document_module, "_parse_text", refuse)
    again = load_document(first_path)
    fields = ("text", "spans", "title", "encoding", "sha256", "words", "turns", "metadata")
    assert [getattr(again, f) for f in fields] == [getattr(first, f) for f in fields]
    assert first.encoding != "utf-8"
    # The same bytes under another name: the same text, the title still its own.
    other = tmp_path / "b.md"
    other.write_bytes(first_path.read_bytes())
    assert load_document(other).text == first.text


def test_many_entries_do_not_list_the_folder_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ConversionCache(tmp_path, max_bytes=10**9)
    listings = count_calls(monkeypatch, Path, "glob")
    for i in range(50):
        cache.put(f"k{i}", PARSED)
    assert listings.calls <= 1 and len(list(tmp_path.glob("*.json"))) == 50


def test_a_refusal_is_kept_for_its_key_and_this_release_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ConversionCache(tmp_path)
    cache.refuse("k", "no text layer: scanned? run OCR first")
    assert cache.refusal("k") == "no text layer: scanned? run OCR first"
    assert cache.refusal("other") is None and cache.get("k") is None
    monkeypatch.setattr(conversion_cache_module, "__version__", "99.0")
    assert cache.refusal("k") is None  # a new release tries the file again
    cache.refuse("k", "damaged Word file (BadZipFile)")
    entry = next(tmp_path.glob("*.json"))
    entry.write_bytes(entry.read_bytes()[:-5])  # cut off
    assert cache.refusal("k") is None and not entry.exists()


def test_a_conversion_stopped_is_no_answer_kept(
    tmp_path: Path, conversion_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = make_image_only_pdf(tmp_path / "scan.pdf")
    real = conversion_limit.convert_in_time

    def stopped(data: bytes, path: Path, fmt: str) -> Parsed:
        raise ConversionStopped(path, "PDF conversion stopped after 30 s: ...")

    monkeypatch.setattr(conversion_limit, "convert_in_time", stopped)
    with pytest.raises(ConversionStopped):
        load_document(scan)
    monkeypatch.setattr(conversion_limit, "convert_in_time", real)
    conversions = count_calls(monkeypatch, conversion_limit, "convert_in_time")
    for _ in range(2):  # converted once more, then its answer said from the cache
        with pytest.raises(DocumentError, match=r"scan\.pdf: no text layer: scanned\?"):
            load_document(scan)
    assert conversions.calls == 1
