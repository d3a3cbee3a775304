"""A conversion that takes too long is stopped and the file reported, one line naming it;
within the limit, the child's conversion is the in-process one."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.format_fixtures import make_docx, make_format_corpus, make_pdf, pdf_paragraphs
from helpers.threads import joined

from tui_reader.core.documents import conversion_limit
from tui_reader.core.documents.conversion_limit import convert_in_time
from tui_reader.core.documents.document import convert, load_document
from tui_reader.core.documents.formats import Parsed
from tui_reader.core.errors import ConversionStopped, DocumentError
from tui_reader.locations import BATCH_GC_THRESHOLDS, ENV_CONVERT_SECONDS, resolve_convert_seconds


def test_the_child_converts_as_the_process_would(tmp_path: Path) -> None:
    """What each format's converter makes comes back from the child whole (sent back, as
    pickled, its turns, metadata and problems too): the other unit tests convert in their
    own process."""
    pdf = make_pdf(tmp_path / "a.pdf", pdf_paragraphs(12))
    docx = make_docx(tmp_path / "b.docx", [("heading1", "A heading"), ("rich", "Some *text*.")])
    made = make_format_corpus(tmp_path / "corpus")
    for path, fmt in ((pdf, "pdf"), (docx, "docx"), *((p, f) for f, p in made.items())):
        data = path.read_bytes()
        assert convert_in_time(data, path, fmt, seconds=60) == convert(data, path, fmt), fmt


def test_a_conversion_over_the_limit_is_stopped_naming_the_file(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "slow.pdf", pdf_paragraphs(12))
    with pytest.raises(DocumentError) as raised:
        convert_in_time(pdf.read_bytes(), pdf, "pdf", seconds=0.001)
    message = str(raised.value)
    assert str(pdf) in message and "\n" not in message
    assert "PDF conversion stopped after 0.001 s" in message


def test_a_converter_error_in_the_child_is_the_files_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(DocumentError) as in_child:
        convert_in_time(broken.read_bytes(), broken, "pdf", seconds=60)
    with pytest.raises(DocumentError) as in_process:
        convert(broken.read_bytes(), broken, "pdf")
    assert in_child.value.reason == in_process.value.reason


def test_the_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_convert_seconds({}) == 30
    assert resolve_convert_seconds({ENV_CONVERT_SECONDS: "2.5"}) == 2.5
    assert resolve_convert_seconds({ENV_CONVERT_SECONDS: "soon"}) == 30
    assert resolve_convert_seconds({ENV_CONVERT_SECONDS: "nan"}) == 30
    assert resolve_convert_seconds({ENV_CONVERT_SECONDS: "-1"}) == 0  # 0: no limit
    pdf = make_pdf(tmp_path / "c.pdf", pdf_paragraphs(12))
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0.001")
    with pytest.raises(DocumentError, match="stopped after"):
        load_document(pdf)
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0")  # in-process, no limit
    assert load_document(pdf).pages


def _stopped_at_a_millisecond(markdown: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read with a limit of 1 ms (left set), the Markdown file is stopped, said in one line
    naming it."""
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0.001")
    with pytest.raises(DocumentError) as raised:
        load_document(markdown)
    message = str(raised.value)
    assert str(markdown) in message and "\n" not in message
    assert "Markdown conversion stopped after 0.001 s" in message


def test_big_markdown_is_rendered_under_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big Markdown file (a data table renders at 2 s a MB) is rendered in the child, under
    the time limit: as the process renders it, or refused in one line naming it."""
    from tui_reader.core.documents import document

    table = ["| a | b |", "|---|---|", *(f"| {i} | *v{i}* |" for i in range(200))]
    md = tmp_path / "table.md"
    md.write_text("# Data\n\n" + "\n".join(table) + "\n", encoding="utf-8")
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))  # rendered, not cached
    monkeypatch.setattr(document, "MARKDOWN_IN_PROCESS_BYTES", 1_000)
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "0")  # in-process, no limit
    in_process = load_document(md)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache2"))
    monkeypatch.setenv(ENV_CONVERT_SECONDS, "60")
    in_child = load_document(md)
    assert (in_child.text, in_child.spans, in_child.encoding) == (
        in_process.text, in_process.spans, in_process.encoding,
    )  # fmt: skip
    assert "v199" in in_child.text and in_child.encoding == "utf-8"
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache3"))
    _stopped_at_a_millisecond(md, monkeypatch)


def test_markdown_of_a_few_hundred_kilobytes_is_rendered_under_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown file under 1 MB was rendered in the calling process, with no limit: 400 KB
    of nested brackets took 3.4 s of CPU there, a 1 MB table row 4 s (the app's worker and a
    command held that long).  A file of 200 KB is rendered under the limit, as the process
    renders it; a note of a few KB still in the process, however short the limit."""
    row = "| " + " | ".join(f"c{i}" for i in range(40_000)) + " |\n"
    wide = tmp_path / "wide.md"
    wide.write_text(row + "|" + "---|" * 40_000 + "\n", encoding="utf-8")
    assert 200_000 < wide.stat().st_size < 1_000_000
    note = tmp_path / "note.md"
    note.write_text("# Note\n\n" + "Some *words* here.\n\n" * 200, encoding="utf-8")
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))  # rendered, not cached
    _stopped_at_a_millisecond(wide, monkeypatch)
    assert load_document(note).text.startswith("Note\n\nSome words here.")


def _pdf_inflating_to(path: Path, megabytes: int) -> Path:
    """A one-page PDF of about a thousandth of ``megabytes`` whose content stream inflates to
    ``megabytes`` of zeros (a compression bomb): each megabyte compressed alone, so the same
    bytes repeated are the whole stream."""
    zeros = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw: its header and sum added here
    one = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = ((megabytes << 20) % 65521) << 16 | 1  # zeros' Adler-32: (length, 1)
    stream = b"\x78\xda" + one * megabytes + packer.flush() + checksum.to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % at for at in offsets)
    data += b"xref\n0 5\n0000000000 65535 f \n%strailer\n<< /Size 5 /Root 1 0 R >>\n" % table
    path.write_bytes(data + b"startxref\n%d\n%%%%EOF\n" % data.index(b"xref"))
    return path


def test_a_conversion_past_its_memory_is_stopped_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF of 1 MB whose content stream inflates to 1 GB took 3 GB of memory and 10 s
    before it was said to have no text; one of 10 MB filled the machine's memory.  A
    conversion takes at most so much memory (here lowered to 256 MB): past it the file is
    reported in one line, the memory never taken."""
    monkeypatch.setattr(conversion_limit, "MEMORY_FLOOR", 256 << 20)
    bomb = _pdf_inflating_to(tmp_path / "bomb.pdf", 512)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(DocumentError) as raised:
        convert_in_time(bomb.read_bytes(), bomb, "pdf", seconds=60)
    message = str(raised.value)
    assert str(bomb) in message and "\n" not in message
    assert "more than 256 MB of memory" in message


# A conversion whose process is stopped for twice its limit, before it converts: a ctrl+z in
# the app stops it with the app, and the user may stay in the shell as long as they like.
STOPPED_LIMIT = 1.0


def _continued_when_stopped(pid: int, group: bool = False) -> None:
    """``pid`` (its process group, with ``group``) continued once it has been seen stopped
    for twice the limit."""
    for _ in range(600):  # at most a minute to stop
        with contextlib.suppress(OSError):
            state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
            if state == b"T":
                break
        time.sleep(0.1)
    time.sleep(2 * STOPPED_LIMIT)
    with contextlib.suppress(OSError):  # gone: said damaged, the fault this guards
        (os.killpg if group else os.kill)(pid, signal.SIGCONT)


def _stopping_first(stop: Callable[[], None]) -> Callable[..., Parsed]:
    """The converter, run once ``stop`` has stopped its process (and come back)."""

    def converting(data: bytes, path: Path, fmt: str) -> Parsed:
        stop()
        return convert(data, path, fmt)

    return converting


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc to see it stopped")
def test_a_conversion_stopped_past_its_limit_converts_when_continued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child stopped alone (``kill -STOP``, a debugger) is given its limit in time it runs:
    it was said damaged, the time stopped counted as converting."""
    from tui_reader.core.documents import document

    pidfile = tmp_path / "child.pid"

    def stop() -> None:
        pidfile.write_text(str(os.getpid()), encoding="ascii")
        os.kill(os.getpid(), signal.SIGSTOP)

    # Forked from this process, which the stopping converter is put in.
    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(document, "convert", _stopping_first(stop))
    pdf = make_pdf(tmp_path / "a.pdf", pdf_paragraphs(12))

    def continuer() -> None:
        for _ in range(600):
            if pidfile.exists() and pidfile.read_text(encoding="ascii"):
                _continued_when_stopped(int(pidfile.read_text(encoding="ascii")))
                return
            time.sleep(0.1)

    thread = threading.Thread(target=continuer, daemon=True)
    thread.start()
    parsed = convert_in_time(pdf.read_bytes(), pdf, "pdf", seconds=STOPPED_LIMIT)
    joined(thread, "continued the stopped child")
    assert parsed == convert(pdf.read_bytes(), pdf, "pdf")


GROUP_STOPPED = """
import os, signal, sys, multiprocessing
from pathlib import Path
from tui_reader.core.documents import conversion_limit, document
real = document.convert
def converting(data, path, fmt):
    os.killpg(os.getpgrp(), signal.SIGSTOP)  # as ctrl+z stops the app's group
    return real(data, path, fmt)
conversion_limit._children = lambda: multiprocessing.get_context("fork")
document.convert = converting
pdf = Path(sys.argv[1])
parsed = conversion_limit.convert_in_time(pdf.read_bytes(), pdf, "pdf", seconds=float(sys.argv[2]))
print("converted", len(parsed.text))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc to see it stopped")
def test_a_conversion_whose_process_group_is_stopped_converts_when_continued(
    tmp_path: Path,
) -> None:
    """ctrl+z stops the app's process group, the app and its conversion: after ``fg`` past
    the limit, the file was said damaged, the time in the shell counted as converting."""
    pdf = make_pdf(tmp_path / "a.pdf", pdf_paragraphs(12))
    run = subprocess.Popen(
        [sys.executable, "-c", GROUP_STOPPED, str(pdf), str(STOPPED_LIMIT)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, process_group=0,
    )  # fmt: skip
    try:
        _continued_when_stopped(run.pid, group=True)
        out, err = run.communicate(timeout=120)
    finally:
        with contextlib.suppress(OSError):
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 0, err
    assert out.startswith("converted ") and "stopped after" not in err


def _converting_slowly(data: bytes, path: Path, fmt: str) -> Parsed:
    time.sleep(120)  # a web page that keeps its extractor busy its whole limit
    return convert(data, path, fmt)


def test_conversions_abandoned_end_at_once_their_child_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app quit while a 13 MB web page was converting: the terminal was given back, but the
    process stayed until the conversion's 30 s were up (its thread, waiting on the child, is
    joined at exit), as if hung.  abandon_conversions, which the app calls as it quits, ends
    each conversion running at once, naming its file, and kills its child; one started after
    runs as ever."""
    from tui_reader.core.documents import document

    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(document, "convert", _converting_slowly)
    page = tmp_path / "big.html"
    page.write_text("<p>words</p>", encoding="utf-8")
    raised: list[BaseException] = []

    def converting() -> None:
        try:
            convert_in_time(page.read_bytes(), page, "html", seconds=120)
        except BaseException as error:  # what the thread ended on, looked at below
            raised.append(error)

    thread = threading.Thread(target=converting, daemon=True)
    thread.start()
    time.sleep(0.5)  # the child forked and converting
    children = multiprocessing.active_children()
    conversion_limit.abandon_conversions()
    thread.join(20)
    assert not thread.is_alive()
    assert len(raised) == 1 and isinstance(raised[0], DocumentError)
    assert str(page) in str(raised[0]) and "quitting" in str(raised[0])
    assert all(not child.is_alive() for child in children)
    monkeypatch.setattr(document, "convert", convert)
    assert convert_in_time(page.read_bytes(), page, "html", seconds=60).text.strip() == "words"


STOPLISTS_READ = """
from justext.core import define_stoplist
from trafilatura import external
raise SystemExit(0 if external.JT_STOPLIST and define_stoplist.cache_info().currsize else 3)
"""


def test_a_child_finds_the_web_pages_stoplists_read() -> None:
    """A small web page's conversion, in a child of its own, read jusText's 100 stoplists
    first (0.2 s of CPU, the conversion 0.02 s): a folder of thousands of small pages took
    its library scan minutes.  The fork server reads them once; each child finds them read."""
    context = conversion_limit._children()
    child = context.Process(target=exec, args=(STOPLISTS_READ, {}))  # type: ignore[attr-defined]
    child.start()
    child.join(60)
    assert child.exitcode == 0


def _waiting_for_the_processor(data: bytes, path: Path, fmt: str) -> Parsed:
    time.sleep(1.5)  # a conversion kept waiting by a busy machine: no time converting
    return convert(data, path, fmt)


def test_time_a_conversion_waits_for_a_busy_processor_is_not_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a machine busy with other work (two cores shared by several people, a build), a
    Markdown table converted in 10 s of processor time took more than 30 s to come back,
    and was refused as "damaged or too complex to read".  The limit counts the processor
    time the conversion takes; one waiting four times its limit is stopped all the same."""
    from tui_reader.core.documents import document

    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(document, "convert", _waiting_for_the_processor)
    page = tmp_path / "page.html"
    page.write_text("<p>words</p>", encoding="utf-8")
    convert(page.read_bytes(), page, "html")  # its libraries loaded here, not in the child
    assert convert_in_time(page.read_bytes(), page, "html", seconds=0.5).text.strip() == "words"
    with pytest.raises(DocumentError) as raised:
        convert_in_time(page.read_bytes(), page, "html", seconds=0.3)
    assert "web page conversion stopped after 0.3 s" in str(raised.value)


def _spinning(data: bytes, path: Path, fmt: str) -> Parsed:
    spun = time.process_time() + 0.3  # a conversion that takes 0.3 s of processor time
    while time.process_time() < spun:
        pass
    return convert(data, path, fmt)


@pytest.mark.skipif(not hasattr(os, "waitid"), reason="no waitid to look once the child ends")
def test_a_conversion_over_its_limit_is_stopped_however_late_the_wait_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thread waiting on a conversion looks at it between slices of its wait; on a busy
    machine (or behind the app's other threads) it may run again only once the child has
    answered, however long that took.  An answer found as the limit was seen passed was
    taken: a file whose conversion a 0.001 s limit stopped in the library's scan opened when
    the reader asked for it again (its "conversion stopped" never said).  Whether the
    conversion is within its limit no longer depends on when the wait looks: the child says
    the processor time it took."""
    from tui_reader.core.documents import document

    real_state = conversion_limit._child_state

    def looked_at_once_ended(pid: int | None) -> tuple[bool, float | None]:
        assert pid is not None
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # the child's end, not reaped
        return real_state(pid)

    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(document, "convert", _spinning)
    monkeypatch.setattr(conversion_limit, "_child_state", looked_at_once_ended)
    page = tmp_path / "page.html"
    page.write_text("<p>words</p>", encoding="utf-8")
    convert(page.read_bytes(), page, "html")  # its libraries loaded here, not in the child
    with pytest.raises(DocumentError) as raised:
        convert_in_time(page.read_bytes(), page, "html", seconds=0.1)
    assert "web page conversion stopped after 0.1 s" in str(raised.value)
    assert convert_in_time(page.read_bytes(), page, "html", seconds=5).text.strip() == "words"


def test_a_conversion_runs_with_the_collector_at_batch_pace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child converts with the collector at a command's pace and what it was forked with
    frozen out of its passes: at the default pace the tokens of a Markdown table of 100,000
    columns were walked again and again, half its conversion's time."""
    from tui_reader.core.documents import document

    def pace(data: bytes, path: Path, fmt: str) -> Parsed:
        return Parsed(f"{gc.get_threshold()}|{gc.get_freeze_count()}", [], None)

    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(document, "convert", pace)
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    threshold, frozen_in_child = convert_in_time(
        b"x", tmp_path / "a.pdf", "pdf", seconds=60
    ).text.split("|")
    assert threshold == str(BATCH_GC_THRESHOLDS)
    assert int(frozen_in_child) > frozen  # this process's objects frozen too
    assert gc.get_threshold() == before  # this process's pace is its own


def test_a_file_too_big_to_hand_to_its_converter_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's bytes are copied to the converter's process as it starts: a CSV of 100 MB
    under an address space of 250 MB ran out of memory there, a MemoryError traceback where
    the file is refused as its converter refuses one too big.  The copy fails every time
    here."""
    import multiprocessing.reduction

    def out_of_memory(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(conversion_limit, "_children", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(multiprocessing.reduction, "dump", out_of_memory)
    table = tmp_path / "turns.csv"
    table.write_text("speaker,text\nAna,Hello.\n")
    with pytest.raises(ConversionStopped) as raised:
        convert_in_time(table.read_bytes(), table, "csv", seconds=60)
    assert str(raised.value) == f"{table}: refused: csv too big to convert"
