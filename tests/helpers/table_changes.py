"""One table of a snapshot changed by a mix of records added, replaced, deleted and put back:
the bytes a command's fold writes, and the bytes one dump of what the changes leave gives."""

from __future__ import annotations

import contextvars
import json
from pathlib import Path
from typing import Any

from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
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
