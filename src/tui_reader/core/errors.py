"""Domain exceptions: each carries a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class TuiReaderError(Exception):
    """Base class of every error the user can cause."""


class DocumentError(TuiReaderError):
    """A file could not be read as a document."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFormatError(DocumentError):
    """The file's extension is not a format tui-reader reads."""


class BinaryFileError(DocumentError):
    """The file holds binary data, not text."""
