"""Real processes: writers killed with SIGKILL mid-stream, and two writers at once."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

from helpers.processes import Lines, ended, process_states, stopped_after
from tinydb import TinyDB

from tui_reader.core.store.annotation_store import AnnotationStore

WRITER = Path(__file__).with_name("writer_proc.py")
KILLS = 25


def start_writer(
    db: Path, count: int, label: str, compact_bytes: int, compact_every: int = 0
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            str(WRITER),
            str(db),
            str(count),
            label,
            str(compact_bytes),
            str(compact_every),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_stream_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    rng = random.Random(4)
    acknowledged: set[str] = set()
    # The writers are forked one after another by one process, which imported the store once
    # (a Python started for each of them spent most of its time starting), and which kills
    # each when told to: its own child, whose process id is no other process's.  Every wait
    # on it is bounded (the tests' shared processes module), and it leads a process group of
    # its own, killed whole at the end: a failure midway leaves no writer running.
    errors = tmp_path / "writers.err"
    with errors.open("w") as err:
        server = subprocess.Popen(
            [sys.executable, str(WRITER), "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
            process_group=0,
        )  # fmt: skip
    assert server.stdin is not None and server.stdout is not None
    lines = Lines(server.stdout, name="the writers' server")

    recent: deque[str] = deque(maxlen=3)

    def waited(awaited: str) -> str:
        """The server's next line; if none comes, the failure says what the server and its
        writer were doing (a kill not followed by "ended" was seen once in a whole run)."""
        try:
            line = lines.next(awaited)
        except AssertionError as exc:
            raise AssertionError(
                f"{exc}\nits last lines: {list(recent)!r}\n{process_states(server.pid)}\n"
                f"{errors.read_text()[-2000:]}"
            ) from None
        recent.append(line)
        return line

    def said(line: str) -> str:
        assert line, errors.read_text() or "the writers' server ended"
        return line.strip()

    with stopped_after(server, group=True):
        for round_ in range(KILLS):
            # Frequent compactions: kills also land in the middle of them.
            compact_every = rng.choice([0, 3, 7])
            server.stdin.write(f"{db} 0 w{round_} 20000 {compact_every}\n")
            server.stdin.flush()
            for _ in range(rng.randint(1, 40)):
                line = said(lines.next(f"an id from writer {round_}"))
                assert not line.startswith("ended"), errors.read_text() or "writer died"
                acknowledged.add(line)
            time.sleep(rng.random() * 0.004)  # a random instant, not just after a print
            server.stdin.write("kill\n")
            server.stdin.flush()
            while not (line := said(waited(f"writer {round_} killed"))).startswith("ended"):
                acknowledged.add(line)
            assert line.split() == ["ended", str(int(signal.SIGKILL))], errors.read_text()
            # The file on disk is always a complete TinyDB file ...
            json.loads(db.read_text())
            # ... and the store holds every acknowledged annotation.
            store = AnnotationStore(db, read_only=True)
            found = {a.id for a in store.annotations()}
            store.close()
            missing = acknowledged - found
            assert not missing, f"round {round_}: {len(missing)} acknowledged annotations lost"
        server.stdin.close()
        assert ended(server) == 0, errors.read_text()
    store = AnnotationStore(db)
    assert len(store.annotations()) >= len(acknowledged)
    store.close()
    assert not list(tmp_path.glob(".*.tmp")), "temp files of killed compactions are cleaned up"
    plain = TinyDB(str(db))
    assert {d["id"] for d in plain.table("annotations").all()} >= acknowledged
    plain.close()


def test_two_processes_annotating_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    AnnotationStore(db).close()
    writers = [start_writer(db, 60, label, 6000, compact_every=13) for label in ("left", "right")]
    ids: set[str] = set()
    with stopped_after(writers[0]), stopped_after(writers[1]):
        for writer in writers:
            out, err = writer.communicate(timeout=120)
            assert writer.returncode == 0, err
            ids.update(out.split())
    assert len(ids) == 120
    store = AnnotationStore(db)
    assert {a.id for a in store.annotations()} == ids
    assert store.tag_counts() == {"left-tag": 60, "right-tag": 60}
    store.close()
