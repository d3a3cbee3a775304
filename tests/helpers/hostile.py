"""Hostile files: escapes, markup, odd encodings, binary, a long line, a big file."""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

ESCAPES = (
    "Start \x1b[31mRED\x1b[0m \x1b]52;c;aGVsbG8=\x07 clip \x1b]8;;http://evil.example\x1b\\link"
    "\x1b]8;;\x1b\\ \x1bP+q544e\x1b\\ dcs \x1b]2;PWNED\x07 title \x1b[2J\x1b[H\x9b31m end.\n"
)
MARKUP = (
    "[bold]not bold[/] and [@click=app.quit]click[/] [red]x[/red] [link=http://x]l[/link] "
    "$accent \\[escaped]\n"
)


def write_hostile_corpus(folder: Path, *, big_mb: int = 0) -> Path:
    """The foundation issue's hostile files (and a ``big.txt`` of ``big_mb`` MB)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    (folder / "latin1.txt").write_bytes(
        "Peña Nieto visitó el café. Señor Martínez.\n".encode("latin-1") * 20
    )
    (folder / "utf16.txt").write_bytes("UTF-16 text: naïve café.\nSecond line.\n".encode("utf-16"))
    (folder / "crlf.txt").write_bytes(b"CRLF line one.\r\nLine two.\r\n\r\nPara two.\r\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b"   \n\t\n   \n")
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    (folder / "longline.txt").write_text(" ".join(f"word{i}" for i in range(300_000))[:2_000_000])
    (folder / "escapes.txt").write_text(ESCAPES * 40)
    (folder / "markup.txt").write_text(MARKUP * 30)
    (folder / "markup.md").write_text(
        "# [bold]Title[/] [@click=app.quit]x[/]\n\nSome *[red]m[/red]*.\n"
    )
    if big_mb:
        line = "The quick brown fox jumps over the lazy dog. " * 20 + "\n\n"
        (folder / "big.txt").write_text(line * (big_mb * 1_000_000 // len(line)))
    return folder


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Anything a terminal acts on or that reorders what it shows; \n, \t and CSV's \r\n separate.
UNSAFE = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)
TITLE = "x\x1b]0;PWNED\x07"
CLIP = "\x1b]52;c;cm0gLXJmIH4=\x07"


def user_environment() -> dict[str, str]:
    """This process's variables without the TUI_READER_ ones a user sets (the coder, the
    corpus, the database...), but the test's own cache folder: without it a command wrote
    its conversions and listings into the cache of whoever runs the suite."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("TUI_READER_") or name == "TUI_READER_CACHE"
    }


def _cli(args: tuple[str | Path, ...], cwd: Path, text: bool) -> subprocess.CompletedProcess[Any]:
    env = user_environment()
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", *map(str, args)],
        capture_output=True,
        text=text,
        cwd=cwd,
        env=env,
        timeout=120,  # a hang fails the test instead of the suite
    )


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``tui-reader ARGS`` in a process of its own (:func:`user_environment`), output as
    bytes."""
    return _cli(args, cwd, text=False)


def run_cli_text(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """:func:`run_cli`, output as text."""
    return _cli(args, cwd, text=True)


def run_cli_here(
    *args: str | Path,
    cwd: Path,
    text: bool = True,
    env: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess[Any]:
    """:func:`run_cli_text` (:func:`run_cli` with ``text=False``) in this process: ``main``
    as ``tui-reader`` runs it, in ``cwd``, in :func:`user_environment` and ``env``,
    its input the null device and its output read back as a pipe's (a Python started for
    each command spent most of its time starting).  An exception it lets out fails the test,
    as its traceback on stderr would.  ``encoding``: the streams' encoding, as Python makes
    them where ``PYTHONIOENCODING`` or the locale names it (stderr's errors escaped, as
    Python escapes them); their bytes are read back as they were written."""
    from tui_reader.cli.main import main

    argv = [str(arg) for arg in args]
    out, err = (
        io.TextIOWrapper(
            io.BytesIO(), encoding=encoding, errors=errors, newline="", write_through=True
        )
        for errors in ("strict", "backslashreplace")
    )
    with pytest.MonkeyPatch.context() as patch, open(os.devnull, encoding="utf-8") as null:
        patch.chdir(cwd)
        for name in os.environ.keys() - user_environment().keys():
            patch.delenv(name)
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        patch.setattr(sys, "stdin", null)
        try:
            status = main(argv)
        except SystemExit as stop:  # argparse's refusal
            status = stop.code if isinstance(stop.code, int) else 1
    output, errors = (stream.buffer.getvalue() for stream in (out, err))  # type: ignore[attr-defined]
    if text:
        return subprocess.CompletedProcess(argv, status, output.decode(), errors.decode())
    return subprocess.CompletedProcess(argv, status, output, errors)


def hostile_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / f"{TITLE}.txt").write_text("A title\n\nSome text here.\n")
    (corpus / "two\nlines.txt").write_text("Second\n\nMore text.\n")
    (corpus / "invoice\u202egpj.txt").write_text("Third\n\nText.\n")
    (corpus / f"clip{CLIP}.txt").write_text("Fourth\n\nText.\n")
    os.close(os.open(os.fsencode(corpus) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    return corpus


def assert_clean(output: bytes) -> None:
    found = UNSAFE.search(output)
    assert found is None, output[max(0, found.start() - 20) : found.end() + 20]


def folder_refused(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The corpus's folders named ``name`` refused to its listing (``Permission denied``), as
    a user meets a folder they may not enter (root, running the tests, enters any)."""
    import tui_reader.core.documents.corpus as corpus_module

    real = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(os.path.normpath(path)) == name:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(corpus_module.os, "scandir", scandir)
