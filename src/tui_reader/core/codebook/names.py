"""Tag names of the codebook: hierarchy by ``/`` (``policy/militarization``), validation, and
how a rename or merge of a parent carries its children."""

from __future__ import annotations

from typing import Any

from tui_reader.core.annotations.model import Tag
from tui_reader.core.errors import TagNameError


def check_tag_name(name: str) -> None:
    """Raise :class:`TagNameError` unless ``name`` is words separated by single ``/``."""
    parts = name.split("/")
    if not name.strip() or any(not p.strip() or p != p.strip() for p in parts):
        raise TagNameError(
            f"bad tag name {name!r}: use words separated by '/', without empty parts or "
            "spaces around them"
        )


def tag_path(name: str) -> str:
    """``name`` without empty levels (``a//b/`` -> ``a/b``): how exports nest a tag that was
    stored before names were checked."""
    return "/".join(part for part in name.split("/") if part)


def is_within(name: str, parent: str) -> bool:
    """``name`` is ``parent`` itself or one of its descendants (``parent/...``)."""
    return name == parent or name.startswith(parent + "/")


def renamed(name: str, old: str, new: str) -> str | None:
    """``name`` after renaming ``old`` to ``new`` (descendants follow), else None."""
    if name == old:
        return new
    if name.startswith(old + "/"):
        return new + name[len(old) :]
    return None


def tag_from_record(record: dict[str, Any]) -> Tag:
    return Tag(
        name=str(record["name"]),
        color=str(record.get("color", "")),
        description=str(record.get("description", "")),
    )


def tag_record(tag: Tag) -> dict[str, Any]:
    return {"name": tag.name, "color": tag.color, "description": tag.description}
