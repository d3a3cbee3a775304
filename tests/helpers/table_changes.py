"""One table of a snapshot changed by a mix of records added, replaced, deleted and put back:
the bytes a command's fold writes, and the bytes one dump of what the changes leave gives; a
step saved, and an undo made, in a command."""

from __future__ import annotations

import contextvars
import json
from pathlib import Path
from typing import Any

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
from tui_reader.core.store.history import step_changes
from tui_reader.core.store.snapshot import SnapshotTables


def _snapshot(name: str, table: dict[str, Any], rest: bytes) -> bytes:
    return b'{\n"' + name.encode() + b'": ' + json.dumps(table).encode() + b",\n" + rest + b"\n}\n"


def folded_after_changes(
    name: str, table: dict[str, Any], rest: bytes, changes: list[Any]
) -> bytes:
    """What a command that read (and parsed) table ``name`` of a snapshot holding ``table``
    then the tables ``rest`` and made ``changes`` (``put``, ``delete`` or ``again``: the very
    record deleted and put back) folds."""
    data = _snapshot(name, table, rest)

    def command() -> bytes:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        parsed = tables[name]
        for action, key, record in changes:
            if action == "put":
                tables.apply([(name, key, record)])
            elif action == "delete":
                tables.apply([(name, key, None)])
            elif key in parsed:  # the very record deleted and put back: now the last
                again = parsed[key]
                tables.apply([(name, key, None), (name, key, again)])
        return tables.to_bytes()

    return contextvars.copy_context().run(command)


def dumped_after_changes(
    name: str, table: dict[str, Any], rest: bytes, changes: list[Any]
) -> bytes:
    """The same, as one dump of the table the changes leave."""
    model = json.loads(json.dumps(table))
    for action, key, record in changes:
        if action == "put":
            model[key] = record
        elif action == "delete":
            model.pop(key, None)
        elif key in model:
            model[key] = model.pop(key)
    return _snapshot(name, model, rest)


def step_saved_in_a_command(
    table: dict[str, Any], entries: list[Any], *, parsed_first: bool
) -> tuple[Any, bytes, bool]:
    """The changes that save a step of ``entries`` in a command on a history holding
    ``table``, the file it folds, and whether the history was parsed (``parsed_first``: the
    way before, parsed whole before the step is made)."""
    data = b'{\n"history": ' + json.dumps(table).encode() + b',\n"meta": {}\n}\n'

    def command() -> tuple[Any, bytes, bool]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        if parsed_first:
            tables["history"]
        changes = step_changes(tables, entries, "label", "origin", "2026-01-01T00:00:00Z")
        parsed = "history" in tables.parsed()
        tables.apply(changes)
        return changes, tables.to_bytes(), parsed

    return contextvars.copy_context().run(command)


def assert_step_saved_as_parsed_first(table: dict[str, Any], entries: list[Any]) -> None:
    """A step of ``entries`` saved in a command on a history holding ``table`` makes the same
    changes and file as with the history parsed whole first (the way before), a file that
    reads as JSON."""
    changes, written, _ = step_saved_in_a_command(table, entries, parsed_first=False)
    old_changes, old_written, _ = step_saved_in_a_command(table, entries, parsed_first=True)
    assert changes == old_changes
    assert written == old_written
    json.loads(written)


def undone_in_a_command(
    path: Path, *, parsed_first: str | None, redo: bool = False
) -> tuple[list[str], bytes]:
    """Undo (and, ``redo``, redo) the database at ``path`` as a command does, with table
    ``parsed_first`` parsed whole before (the way before) or none; the tables it parsed and
    the file after."""

    def command() -> list[str]:
        READS_LIVE_TO_EXIT.set(True)
        with AnnotationStore(path) as store:
            if parsed_first is not None:
                store._tables.data.get(parsed_first)
            store.undo()
            if redo:
                store.redo()
            return store._tables.data.parsed()

    parsed = contextvars.copy_context().run(command)
    return parsed, path.read_bytes()
