"""Zip containers (Word, OpenDocument, EPUB) and their XML, opened without trusting them.

A zip's directory says how big each member inflates to; members are refused before anything
is inflated when those sizes (or their ratio to the compressed sizes) are out of all
proportion, and reading a member never returns more than its declared size (Python's zipfile
stops there and checks the CRC), so a zip bomb costs neither time nor memory.  XML is parsed
without loading DTDs, expanding entities or touching the network.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any, BinaryIO

from tui_reader.core.errors import DocumentError

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one inflated member (a book chapter is well under 1 MB)
# One member read as a stream, never whole (a workbook's sheet: a million rows of a survey are
# 170 MB of XML, which a sheet read a row at a time holds a few kilobytes of at once).
MAX_STREAMED_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # every member inflated
MAX_RATIO = 200  # inflated / compressed size of a member bigger than 1 MB
MAX_MEMBERS = 20_000
# Bytes read from one container, parts read again counted again: a file that refers to one
# big part thousands of times (Word's altChunk) would build gigabytes of text from a small zip.
MAX_READ_BYTES = 2 * MAX_TOTAL_BYTES
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file's signature
_MAX_DEPTH = 2048  # elements nested, as libxml2 reads them with huge_tree
_DEPTH_ERROR = "Excessive depth"  # what libxml2 says of elements nested deeper
# Inflated bytes of a member refused for its ratio read to tell XML nested past _MAX_DEPTH
# (2,048 start tags of 100 bytes and more) from a bomb.
_PEEK_BYTES = 1024 * 1024
# What reading an opened member's bytes raises: damaged (a CRC or header wrong, its bytes cut
# short, its compressed data corrupt), encrypted by the zip itself, or compressed in a way
# zipfile does not read
_MEMBER_READ_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)

_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    # 2,048 elements deep instead of 256 (a table nested in a table in a table ... is three
    # elements a level in Word); entities are never expanded, so no bomb is lifted with it.
    "huge_tree": True,
    "remove_comments": True,
    "remove_pis": True,
}


class Container:
    """A zip container whose directory has been checked (see the module's docstring)."""

    def __init__(
        self,
        data: bytes | BinaryIO,
        path: Path,
        kind: str,
        *,
        read_in_parts: bool = False,
        streamed: tuple[str, ...] = (),
    ) -> None:
        """``data``: the zip's bytes, or a file open on it (read where a member is asked
        for, never whole).  ``read_in_parts``: a container of which only some members are
        read (a REFI-QDA project: its texts, not its recordings or PDFs); the sum of what
        every member inflates to is not held to :data:`MAX_TOTAL_BYTES` (each member read
        is held to its own limit, and all read to :data:`MAX_READ_BYTES`).  ``streamed``:
        the folders whose members the caller reads with :meth:`stream`, never whole (a
        workbook's sheets): each is held to :data:`MAX_STREAMED_BYTES`, not counted in the
        sum, and to the ratio of a bomb as every member is."""
        self.path = path
        self.kind = kind
        head = data[: len(_COMPOUND_FILE)] if isinstance(data, bytes) else _head(data)
        if head == _COMPOUND_FILE:
            # What Office writes for a file protected by a password (and what a .doc or .xls
            # renamed is): not a zip at all, so it was said to be a damaged one.
            raise DocumentError(
                path,
                f"this {kind} file is protected by a password (encrypted), or in an older "
                "format renamed: it cannot be read; save it again without a password",
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise DocumentError(path, f"damaged {kind} file (not a readable zip)") from exc
        if len(infos) > MAX_MEMBERS:
            raise DocumentError(
                path,
                f"refused: {kind} file with {len(infos):,} parts, more than the "
                f"{MAX_MEMBERS:,} tui-reader reads",
            )
        total = 0
        for info in infos:
            big = info.file_size > 1024 * 1024
            if streamed and info.filename.startswith(streamed):
                sized = info.file_size <= MAX_STREAMED_BYTES
            else:
                total += info.file_size
                sized = info.file_size <= MAX_MEMBER_BYTES and (
                    total <= MAX_TOTAL_BYTES or read_in_parts
                )
            bomb = big and info.file_size > MAX_RATIO * max(1, info.compress_size)
            if not sized or bomb:
                if sized and self._nested_past_reading(info):
                    # Its size is no bomb's, its ratio a guess: XML nested thousands deep
                    # compresses that well, and is refused for what it is.
                    raise DocumentError(path, _too_deep(f"{kind} part {info.filename}"))
                if not bomb:
                    # Compressed as text compresses (a workbook of a million rows, 11 to
                    # 1): too big to be read here, no bomb, as it was called.
                    raise DocumentError(path, _too_big(kind, info, total, streamed))
                raise DocumentError(
                    path, f"refused: {kind} file inflates to {_megabytes(info.file_size, total)}"
                )
        self.names = frozenset(info.filename for info in infos)
        self._read = 0  # bytes read so far (see MAX_READ_BYTES)
        self._streamed = streamed

    def _nested_past_reading(self, info: zipfile.ZipInfo) -> bool:
        """Whether the member ``info`` opens as XML nesting elements deeper than it is read
        (:data:`_MAX_DEPTH`) within its first :data:`_PEEK_BYTES` inflated."""
        from lxml import etree

        parser = etree.XMLParser(**_PARSER_OPTIONS)
        try:
            with self._zip.open(info) as member:
                parser.feed(member.read(_PEEK_BYTES))
        except etree.XMLSyntaxError as exc:
            return _DEPTH_ERROR in str(exc)
        except _MEMBER_READ_ERRORS:
            pass  # not read here: the refusal as a bomb stands
        return False

    def read(self, name: str) -> bytes:
        """The inflated member ``name`` (never more than its declared size)."""
        try:
            with self._zip.open(name) as member:
                data = member.read(MAX_MEMBER_BYTES + 1)[:MAX_MEMBER_BYTES]
        except (KeyError, *_MEMBER_READ_ERRORS) as exc:
            raise self.refusal(name, exc) from exc
        self.count(len(data), name)
        return data

    def stream(self, name: str) -> MemberStream:
        """The member ``name`` to be read a part at a time (see :class:`MemberStream`),
        never more than its declared size, what is read counted as :meth:`read` counts it."""
        try:
            member = self._zip.open(name)
        except (KeyError, RuntimeError, zipfile.BadZipFile, OSError, ValueError) as exc:
            raise self.refusal(name, exc) from exc
        return MemberStream(self, name, member)

    def count(self, read: int, name: str) -> None:
        """Count ``read`` bytes more read of the member ``name``, refusing the file past
        :data:`MAX_READ_BYTES` read in all."""
        self._read += read
        if self._read <= MAX_READ_BYTES:
            return
        if self._streamed and name.startswith(self._streamed):  # parts each read once
            raise DocumentError(
                self.path,
                f"refused: {self.kind} file's parts inflate to more than the "
                f"{_mb(MAX_READ_BYTES)} tui-reader reads of one file ({name} among them)",
            )
        raise DocumentError(
            self.path,
            f"refused: {self.kind} file reads its parts over and over (more than "
            f"{MAX_READ_BYTES // (1024 * 1024):,} MB read, {name} among them)",
        )

    def refusal(self, name: str, exc: Exception) -> DocumentError:
        """What the member ``name`` that could not be read (``exc``) is refused for."""
        if isinstance(exc, KeyError):
            return DocumentError(self.path, f"damaged {self.kind} file: no {name}")
        if isinstance(exc, RuntimeError):  # a member encrypted by the zip itself
            return DocumentError(
                self.path, f"this {self.kind} file's part {name} is encrypted: it cannot be read"
            )
        if isinstance(exc, zlib.error):  # a download cut or a disk error in its compressed bytes
            return DocumentError(
                self.path, f"damaged {self.kind} file ({name}: its compressed data is corrupt)"
            )
        return DocumentError(self.path, f"damaged {self.kind} file ({name}: {exc})")

    def xml(self, name: str) -> Any:
        """The member ``name`` parsed as XML (the root element)."""
        return parse_xml(self.read(name), self.path, f"{self.kind} part {name}")


class MemberStream:
    """A member of a :class:`Container` read a part at a time (by an XML parser that asks
    for the bytes it parses next): its reading's errors are the container's refusals, the
    bytes read counted by it, and its first :data:`_PEEK_BYTES` kept (where a DOCTYPE
    declaring entities stands, which a refusal looks for)."""

    def __init__(self, box: Container, name: str, member: IO[bytes]) -> None:
        self._box = box
        self._name = name
        self._member = member
        self.head = b""

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes more of the member."""
        try:
            data = self._member.read(size)
        except _MEMBER_READ_ERRORS as exc:
            raise self._box.refusal(self._name, exc) from exc
        self._box.count(len(data), self._name)
        if len(self.head) < _PEEK_BYTES:
            self.head += data[: _PEEK_BYTES - len(self.head)]
        return data

    def drain(self) -> None:
        """Read the rest of the member, raising the container's refusal of its bytes when
        they are damaged."""
        while self.read(1024 * 1024):
            pass

    def close(self) -> None:
        self._member.close()

    def __enter__(self) -> MemberStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _head(file: BinaryIO) -> bytes:
    """The first bytes of ``file`` (an OLE signature's length), read from its start; the
    file is left at its start."""
    file.seek(0)
    head = file.read(len(_COMPOUND_FILE))
    file.seek(0)
    return head


# What libxml2 says of entities nested into a bomb (a billion laughs), which it stops at even
# when it expands none, as an error of syntax.
_ENTITY_BOMB = ("entity amplification", "entity reference loop")


def _stopped_at_its_entities(exc: Exception, data: bytes) -> bool:
    """Whether the parser stopped at a reference to an entity the document declares itself:
    an external or unparsed one named in an attribute's value (``name="&x;"``, a file read
    into the attribute), which XML forbids, so that libxml2 says it as an error of syntax.
    Such a file is refused for its entities, as one naming them in its text is, not called
    damaged."""
    return getattr(exc, "code", None) in _entity_errors() and b"<!ENTITY" in data


@cache
def _entity_errors() -> frozenset[int]:
    """The errors of syntax libxml2 says of a reference to a declared entity it does not
    expand."""
    from lxml import etree

    return frozenset(
        getattr(etree.ErrorTypes, name)
        for name in (
            "ERR_ENTITY_IS_EXTERNAL",
            "ERR_UNPARSED_ENTITY",
            "ERR_ENTITY_IS_PARAMETER",
            "ERR_UNDECLARED_ENTITY",
            "ERR_ENTITY_LOOP",
            "ERR_ENTITY_PROCESSING",
        )
    )


def parse_xml(data: bytes, path: Path, what: str) -> Any:
    """``data`` parsed as XML without DTDs, entity expansion or network access; a document
    declaring entities of its own is refused (they would be left out of its text).  lxml is
    loaded here, when a document is read: the modules that read one (and the commands that
    load them: import, merge) load no XML parser before."""
    from lxml import etree

    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _not_parsed(exc, data, path, what) from exc
    if root is None:
        raise DocumentError(path, f"damaged {what} (empty)")
    _refuse_own_entities(root, path, what)
    return root


def iterparse_xml(
    data: bytes | MemberStream, path: Path, what: str, tags: tuple[str, ...]
) -> Iterator[Any]:
    """Each element of ``data`` (XML, or a member streamed) named in ``tags``, at its end,
    parsed as :func:`parse_xml` parses (no DTD, no entity expanded, no network, the same
    refusals), without holding the whole tree: what the caller clears of an element it was
    given is let go.  A sheet of a million cells took a gigabyte as a tree."""
    from lxml import etree

    source = io.BytesIO(data) if isinstance(data, bytes) else data
    parsed = etree.iterparse(source, events=("end",), tag=tags, **_PARSER_OPTIONS)
    try:
        for _event, element in parsed:
            yield element
    except (etree.XMLSyntaxError, ValueError) as exc:
        if not isinstance(data, bytes):
            # Bytes damaged in the zip inflate to garbage the parser stops at before the
            # member's checksum is read: the rest is read for the container's refusal of
            # them (a bad CRC, corrupt compressed data), which says what is wrong.
            data.drain()
        head = data if isinstance(data, bytes) else data.head
        raise _not_parsed(exc, head, path, what) from exc
    _refuse_own_entities(parsed.root, path, what)


def _not_parsed(exc: Exception, data: bytes, path: Path, what: str) -> DocumentError:
    """What XML that could not be parsed is refused for."""
    if _DEPTH_ERROR in str(exc):
        return DocumentError(path, _too_deep(what))
    if any(said in str(exc) for said in _ENTITY_BOMB):  # well-formed: never expanded
        return DocumentError(
            path, f"refused: a DOCTYPE declaring entities in {what} (nested: a bomb?)"
        )
    if _stopped_at_its_entities(exc, data):
        return DocumentError(path, f"refused: a DOCTYPE declaring entities in {what}")
    return DocumentError(path, f"damaged {what} (not well-formed XML)")


def _refuse_own_entities(root: Any, path: Path, what: str) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(dtd.iterentities(), None) is not None:
        # Never expanded (an external entity reads a file, nested ones are a bomb), they
        # were dropped without a word and the text that used them with them: no office
        # program writes one.
        raise DocumentError(path, f"refused: a DOCTYPE declaring entities in {what}")


def _too_deep(what: str) -> str:
    return f"refused: {what} nested more than {_MAX_DEPTH:,} elements deep"


def _too_big(kind: str, info: zipfile.ZipInfo, total: int, streamed: tuple[str, ...]) -> str:
    """What a zip whose parts compress as text does (no bomb) but inflate to more than is
    read of one part, or of all, is refused for."""
    limit = (
        MAX_STREAMED_BYTES if streamed and info.filename.startswith(streamed) else MAX_MEMBER_BYTES
    )
    if info.file_size > limit:
        return (
            f"refused: {kind} part {info.filename} inflates to {_mb(info.file_size)}, more "
            f"than the {_mb(limit)} tui-reader reads of one part"
        )
    return (
        f"refused: {kind} file inflates to {_mb(total)} or more, more than the "
        f"{_mb(MAX_TOTAL_BYTES)} tui-reader reads of one file"
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _megabytes(member: int, total: int) -> str:
    size = max(member, total)
    return f"{size / (1024 * 1024):,.0f} MB (a zip bomb?)"
