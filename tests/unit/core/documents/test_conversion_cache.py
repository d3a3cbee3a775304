"""The conversion cache: hits, misses on a new converter version, damage never trusted, bound."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest
from helpers.counting import count_calls
from helpers.format_fixtures import TRANSCRIPT_VTT, make_image_only_pdf
from helpers.threads import joined

from tui_reader.core.documents import conversion_cache as conversion_cache_module
from tui_reader.core.documents import conversion_limit
from tui_reader.core.documents import document as document_module
from tui_reader.core.documents.conversion_cache import Cached, ConversionCache, cache_key
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.turns import Turn
from tui_reader.core.errors import ConversionStopped, DocumentError
from tui_reader.locations import ENV_CONVERT_SECONDS, resolve_cache_dir

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


_CONVERT = document_module.convert


def _spinning(data: bytes, path: Path, fmt: str) -> Parsed:
    spun = time.process_time() + 0.5  # a conversion that takes 0.5 s of processor time
    while time.process_time() < spun:
        pass
    return _CONVERT(data, path, fmt)


def _slow_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: str = "words") -> Path:
    """A web page whose conversion takes 0.5 s of processor time, in a child forked from
    this process (which has loaded the converter)."""
    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    page = tmp_path / "slow.html"
    page.write_text(f"<p>{words}</p>", encoding="utf-8")
    document_module.convert(page.read_bytes(), page, "html")  # loaded here, not in the child
    monkeypatch.setattr(document_module, "convert", _spinning)
    # stopped by the processor time it takes, however long a busy machine keeps it waiting
    monkeypatch.setattr(conversion_limit, "WAITING", 100)
    return page


def _new_run(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """What follows is another command's run (another process)."""
    monkeypatch.setattr(conversion_cache_module, "RUN", name, raising=False)


def test_a_file_stopped_by_its_time_limit_on_two_runs_is_not_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose conversion takes more than its limit was converted again by every
    command, each one waiting the whole limit (30 s of a busy machine) to say it once more.
    Stopped by its limit on two runs, it is said at once, without converting."""
    page = _slow_page(tmp_path, monkeypatch)
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0.1")
    conversions = count_calls(monkeypatch, conversion_limit, "convert_in_time")
    for run in ("first", "second"):
        _new_run(monkeypatch, run)
        with pytest.raises(ConversionStopped, match=r"stopped after 0\.1 s"):
            load_document(page)
    assert conversions.calls == 2
    _new_run(monkeypatch, "third")
    with pytest.raises(ConversionStopped) as said:
        load_document(page)
    assert conversions.calls == 2  # not tried again
    message = str(said.value)
    assert str(page) in message and "\n" not in message
    assert "stopped by its 0.1 s limit on 2 runs" in message
    assert f"{ENV_CONVERT_SECONDS}=" in message  # how to give it more time


def test_two_stops_in_one_run_are_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's scan and the reader opening the file stop it twice in one run: that is
    one run's say, the next command tries it again."""
    page = _slow_page(tmp_path, monkeypatch)
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0.1")
    conversions = count_calls(monkeypatch, conversion_limit, "convert_in_time")
    _new_run(monkeypatch, "first")
    for _ in range(2):
        with pytest.raises(ConversionStopped):
            load_document(page)
    _new_run(monkeypatch, "second")
    with pytest.raises(ConversionStopped):
        load_document(page)
    assert conversions.calls == 3


def test_a_longer_limit_or_a_changed_file_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stops under a limit say nothing of a longer one: given more time, the file is
    converted; and a file whose bytes changed is another file."""
    page = _slow_page(tmp_path, monkeypatch)
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0.1")
    for run in ("first", "second"):
        _new_run(monkeypatch, run)
        with pytest.raises(ConversionStopped):
            load_document(page)
    conversions = count_calls(monkeypatch, conversion_limit, "convert_in_time")
    _new_run(monkeypatch, "third")
    page.write_text("<p>other words</p>", encoding="utf-8")
    with pytest.raises(ConversionStopped, match=r"stopped after 0\.1 s"):
        load_document(page)  # converted again, and stopped
    assert conversions.calls == 1
    page.write_text("<p>words</p>", encoding="utf-8")
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "20")
    assert load_document(page).text.strip() == "words"
    assert conversions.calls == 2


def test_a_stop_of_a_busy_machine_is_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conversion stopped without taking its limit of processor time (kept waiting four
    times its limit by a busy machine, or killed as the app quits) says nothing of the
    file: however many runs it happens on, the file is tried again."""
    page = tmp_path / "page.html"
    page.write_text("<p>words</p>", encoding="utf-8")
    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    document_module.convert(page.read_bytes(), page, "html")

    def waiting(data: bytes, path: Path, fmt: str) -> Parsed:
        time.sleep(2)  # no processor time taken
        raise AssertionError("never reached")

    monkeypatch.setattr(document_module, "convert", waiting)
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0.1")
    conversions = count_calls(monkeypatch, conversion_limit, "convert_in_time")
    for run in ("first", "second", "third"):
        _new_run(monkeypatch, run)
        with pytest.raises(ConversionStopped, match=r"stopped after 0\.1 s"):
            load_document(page)
    assert conversions.calls == 3


def test_a_fifo_in_an_entrys_place_is_never_waited_on(tmp_path: Path) -> None:
    # A FIFO in the place of a converted text, of the converter's refusal or of its stops
    # held the opening of the document for good, its open waiting for a writer
    cache = ConversionCache(tmp_path)
    key = cache_key(b"bytes of a PDF", "pdf", 1)
    for kind in ("", ".refused", ".stopped"):  # (the names the cache gives them)
        os.mkfifo(tmp_path / f"{key}{kind}.json")
    found: list[object] = []

    def look() -> None:
        found.extend([cache.get(key), cache.refusal(key), cache.stopped(key, 1.0)])

    looking = threading.Thread(target=look, daemon=True)
    looking.start()
    joined(looking, "read the cache's entries that are FIFOs")
    assert found == [None, None, None]
