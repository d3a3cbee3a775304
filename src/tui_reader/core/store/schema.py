"""The database's schema: its version and the migrations up to it.

Schema 1 has the tables ``annotations``, ``tags``, ``positions`` and ``meta`` (which holds
``schema_version``); schema 0 kept annotation records in TinyDB's default table.
"""

from __future__ import annotations

from tui_reader.core.errors import StoreError
from tui_reader.core.store.index import ANNOTATIONS, POSITIONS, TAGS, next_doc_id
from tui_reader.core.store.journal_lines import Change, Tables

SCHEMA_VERSION = 1
META = "meta"
LEGACY = "_default"  # TinyDB's default table: annotations of schema 0 lived there
ANNOTATION_FIELDS = {"document", "start", "end", "quote"}


def schema_of(data: Tables) -> int:
    """The schema version of ``data`` (0: written before versions existed); a
    :class:`StoreError` when it says one that is not a whole number (a file edited by hand or
    damaged: read as 0, it was "migrated" and its version written over)."""
    record = data.get(META, {}).get("1", {})
    version = record.get("schema_version", 0) if isinstance(record, dict) else record
    if type(version) is not int or version < 0:
        raise StoreError(
            f"its schema version is {str(version)[:40]!r}, not a whole number: the file was "
            "edited by hand or damaged (schema_version is 1 in a file this version writes)"
        )
    return version


def migration_changes(data: Tables) -> list[Change]:
    """Schema 0 -> 1: create the tables, move annotation records out of ``_default``."""
    changes: list[Change] = [(name, None, {}) for name in (ANNOTATIONS, TAGS, POSITIONS, META)]
    next_id = next_doc_id(data.get(ANNOTATIONS, {}))
    for doc_id, record in sorted(data.get(LEGACY, {}).items()):
        if record.keys() >= ANNOTATION_FIELDS:
            changes.append((ANNOTATIONS, str(next_id), record))
            changes.append((LEGACY, doc_id, None))
            next_id += 1
    changes.append((META, "1", {"schema_version": SCHEMA_VERSION}))
    return changes
