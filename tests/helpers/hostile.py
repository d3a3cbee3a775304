"""Hostile files: escapes, markup, odd encodings, binary, a long line, a big file."""

from __future__ import annotations

import random
import re
from pathlib import Path

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
