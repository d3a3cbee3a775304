"""Long commands draw a progress bar on stderr when it is a terminal, and nothing when it is
piped (export, autocode)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.cli.progress import SHOW_FROM, SHOW_FROM_BYTES, advancing
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

COUNT = SHOW_FROM + 10


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus of COUNT small documents, each with an annotation."""
    root = tmp_path_factory.mktemp("big")
    corpus = root / "corpus"
    corpus.mkdir()
    db = root / "annotations.json"
    annotations = []
    for n in range(COUNT):
        path = corpus / f"doc{n:04d}.txt"
        path.write_text(f"Report {n}\n\nThe army moved at dawn.\n", encoding="utf-8")
        document = load_document(path)
        key = document_key(path, db)
        annotations.append(make_annotation(key, document.text, 0, 6, document.sha256, ("t",)))
    with AnnotationStore(db) as store:
        store.put_many(annotations)
    return corpus, db


def _stderr(argv: list[str], *, terminal: bool) -> str:
    """What ``tui-reader argv`` writes to stderr, a pseudo-terminal or a pipe."""
    command = [str(Path(sys.executable).with_name("tui-reader")), *argv]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        return done.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env=env) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("argv", "label"),
    [
        (["export", "{corpus}", "--format", "json", "-o", "{out}"], "Exporting"),
        (["autocode", "army", "{corpus}", "--tag", "army"], "Coding"),
    ],
)
def test_a_bar_on_a_terminal_and_nothing_when_piped(
    big: tuple[Path, Path], tmp_path: Path, argv: list[str], label: str
) -> None:
    corpus, db = big
    for terminal in (True, False):
        out = tmp_path / f"out-{terminal}.json"
        args = [a.replace("{out}", str(out)).replace("{corpus}", str(corpus)) for a in argv]
        stderr = _stderr([*args, "--db", str(db)], terminal=terminal)
        assert (label in stderr) is terminal, stderr[-300:]
        assert f"/{COUNT}" in stderr if terminal else "\x1b" not in stderr


def test_advancing_advances_after_each_item() -> None:
    seen: list[str] = []
    for item in advancing(["a", "b"], lambda: seen.append("+")):
        seen.append(item)
    assert seen == ["a", "+", "b", "+"]


def test_a_long_import_shows_its_steps_on_a_terminal_and_nothing_when_piped(
    tmp_path: Path,
) -> None:
    records = [
        make_annotation(f"doc{n}.txt", "Some text here.", 0, 4, "", ("t",), "n" * 1000).to_record()
        for n in range(SHOW_FROM_BYTES // 1000 + 10)
    ]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    assert source.stat().st_size >= SHOW_FROM_BYTES
    for terminal in (True, False):
        db = tmp_path / f"db-{terminal}.json"
        stderr = _stderr(["import", str(source), "--db", str(db)], terminal=terminal)
        assert ("Importing: " in stderr) is terminal, stderr[-300:]
        assert "\x1b" not in stderr or terminal
        assert "imported" in stderr
