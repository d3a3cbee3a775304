"""``export --format json``: every annotation as a JSON array of records.

Each record has the stored fields (``id``, ``document``, ``start``, ``end``, ``quote``,
``prefix``, ``suffix``, ``doc_sha256``, ``tags``, ``note``, ``created``, ``updated``,
``coder``) and ``status`` (``anchored``, ``fuzzy``, ``orphan``); positions are code points into the
document's current canonical text, half-open (an orphan keeps its last known values).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from tui_reader.core.annotations.model import Annotation


def export_json(annotations: Iterable[Annotation]) -> str:
    """The annotations, in the order given, as a pretty-printed JSON array (UTF-8 text)."""
    records = [annotation.to_record() for annotation in annotations]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
