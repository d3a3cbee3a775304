"""The W3C Web Annotation test suite's required checks (its "musts" JSON schemas, vendored in
``tests/unit/core/interchange/data/w3c-annotation-tests``), URI and date-time formats checked
(date-time as RFC 3339 has it, which the suite's JSON Schema names: jsonschema checks it only
with a package of its own, which is not needed for this)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SUITE = (
    Path(__file__).parents[1] / "unit" / "core" / "interchange" / "data" / "w3c-annotation-tests"
)


# RFC 3339's date-time: a date, a time and its offset from UTC ("Z" or "+01:00"), which
# xsd:dateTime leaves optional and the model requires (UTC, "Z")
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")
FORMATS = FormatChecker()


@FORMATS.checks("date-time")
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True  # the schema's type says what else it may be
    if _RFC3339.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:  # February 30
        return False
    return True


def _schemas() -> dict[str, dict[str, Any]]:
    """Every schema of the suite by its own ``id`` (the suite refers to them so)."""
    found = {}
    for path in SUITE.rglob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        found[schema.get("id", path.name)] = schema
    return found


def suite_failures(test: str, instance: dict[str, Any]) -> list[str]:
    """The assertions of the suite's ``test`` (``annotations/annotationMusts.test``...) that
    ``instance`` fails, each with the suite's message."""
    assertions = json.loads((SUITE / test).read_text(encoding="utf-8"))["assertions"]
    return _failures(assertions, instance, "must")


def should_failures(assertions: list[str], instance: dict[str, Any]) -> list[str]:
    """Those of the suite's "should" ``assertions`` (paths under the suite, as its tests
    list them) that ``instance`` fails, each with the suite's message."""
    return _failures(assertions, instance, "should")


def _failures(assertions: list[str], instance: dict[str, Any], kind: str) -> list[str]:
    """Those of ``assertions`` (each the suite's, of its ``kind``: "must" or "should") that
    ``instance`` fails, each with the suite's message."""
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT4))
        for name, schema in _schemas().items()
    )
    failures = []
    for assertion in assertions:
        schema = json.loads((SUITE / assertion).read_text(encoding="utf-8"))
        assert schema["expectedResult"] == "valid" and schema["assertionType"] == kind
        validator = Draft4Validator(schema, registry=registry, format_checker=FORMATS)
        if not validator.is_valid(instance):
            failures.append(f"{assertion}: {schema.get('errorMessage', schema.get('title'))}")
    return failures
