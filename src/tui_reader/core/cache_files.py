"""Writing a cache file: atomically (a temporary file renamed over it, so a reader never sees
half of one) and quietly (a cache only saves time: a write that fails leaves the old file, or
none, and says nothing).  The facts cache, the placement cache and the texts pack write
through here.  The caches kept as JSON (facts, placements, places in the text) share one
envelope: ``{"version": ..., "documents": {key: record}}`` in ASCII, read back only when the
version is theirs."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

# The folders of the caches in the cache folder (see tui_reader.locations): the folder
# holding one of them is the cache folder, which is tagged; no other file's folder's
_CACHES = frozenset({"converted", "library", "placed", "styles"})


def open_own_file(path: Path) -> int:
    """A descriptor of the cache file ``path`` for reading, never waiting on a FIFO put in
    its place (its open waited for a writer for good, and a start or a search with it);
    ``OSError`` when it is no regular file (a FIFO, a device: never read), as for one that
    is not there."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_own_file(path: Path) -> bytes:
    """The bytes of the cache file ``path`` (see :func:`open_own_file`)."""
    with os.fdopen(open_own_file(path), "rb") as handle:
        return handle.read()


def make_cache_folder(folder: Path) -> None:
    """Make ``folder``, and when it is a cache's (``library``, ``placed``, ``converted``,
    ``styles``) mark the cache folder holding it with its tag
    (:data:`~tui_reader.locations.CACHE_TAG`), once:
    a cache left in a corpus folder is told by it, whatever its files are named.  Raises
    OSError when the folder cannot be made; a tag that cannot be written is left out."""
    from tui_reader.locations import CACHE_SIGNATURE, CACHE_TAG

    folder.mkdir(parents=True, exist_ok=True)
    tag = folder.parent / CACHE_TAG
    if folder.name in _CACHES and not tag.exists():
        text = b"%s\n# This folder holds tui-reader's caches: made again when removed.\n"
        with contextlib.suppress(OSError):
            write_cache_file(tag, lambda handle: handle.write(text % CACHE_SIGNATURE), tag=False)


def write_cache_file(path: Path, write: Callable[[BinaryIO], object], *, tag: bool = True) -> bool:
    """Write ``path`` through ``write`` (given the open binary file); whether it was written.
    ``tag``: its folder made as a cache's (:func:`make_cache_folder`)."""
    try:
        if tag:
            make_cache_folder(path.parent)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = new_file(path.parent, f".{path.name}.")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    except BaseException:  # ctrl+c, a TERM: its half-written file was left there for good
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


# A new file's opening: made now, by this process alone, never through a link (mkstemp's)
_NEW_FILE = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def new_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A file made now in ``folder``, named ``prefix`` and random letters, readable by its
    owner alone, open for reading and writing, and its absolute path, as
    ``tempfile.mkstemp`` makes one: without loading tempfile, and with it random and shutil
    (the compressions' modules), 5 to 8 ms of CPU of a command that writes a cache, a first
    search's the first (the cache folder's tag).  Raises OSError."""
    for _ in range(100):
        name = os.path.abspath(os.path.join(folder, prefix + os.urandom(6).hex()))
        try:
            return os.open(name, _NEW_FILE, 0o600), name
        except FileExistsError:
            continue  # (a name taken: another)
    raise FileExistsError(errno.EEXIST, "no new file name is free", str(folder))


# Documents from which a plain cache is written by orjson: loading it (with uuid and platform,
# which a command that reads annotations leaves out) costs about 5-15 ms, what json takes to
# write about 500 documents of places; an export of 10,000 gains 0.15 s.
ORJSON_FROM = 500


def write_cache_documents(
    path: Path,
    version: object,
    records: Mapping[str, object],
    *,
    plain: bool = False,
    **more: object,
) -> bool:
    """Write the JSON cache at ``path``: ``records`` by document key, marked ``version``;
    ``more``: fields about the whole cache, beside them (read with :func:`read_cache_more`).
    ``plain``: the records and fields hold only ``str``, ``int``, ``bool``, ``None``, lists,
    tuples and dicts keyed by ``str`` (no float, which orjson writes otherwise): from
    :data:`ORJSON_FROM` documents, written by orjson in C when it
    takes them and writes ASCII alone, else (a character beyond it, an int beyond 64 bits,
    a lone surrogate) by json, as a cache that is not plain (json writes it in Python: 0.15 s
    of an export's 100,000 places)."""
    value = {"version": version, "documents": records, **more}
    data = _plain_ascii(value) if plain and len(records) >= ORJSON_FROM else None
    if data is None:
        data = json.dumps(value).encode("ascii")
    return write_cache_file(path, lambda handle: handle.write(data))


def _plain_ascii(value: object) -> bytes | None:
    """``value`` as JSON written by orjson, None when orjson refuses it or writes a
    character beyond ASCII (the caches are ASCII: :func:`read_cache_more`)."""
    import orjson

    try:
        data = orjson.dumps(value)
    except TypeError:  # an int beyond 64 bits, a lone surrogate (orjson's JSONEncodeError)
        return None
    return data if data.isascii() else None


def read_cache_documents(path: Path, version: object, *, typed: bool = False) -> dict[str, Any]:
    """The records by document key of the JSON cache at ``path``; none when it is missing,
    damaged or of another ``version`` (each record is still the caller's to check).
    ``typed``: the caller checks the type of every value of a record it takes (an integer
    beyond 64 bits may then come as a float: see :func:`~.exact_json.loads_typed`)."""
    return read_cache_more(path, version, typed=typed)[0]


def read_cache_more(
    path: Path, version: object, *, typed: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The records by document key of the JSON cache at ``path`` and its other fields (see
    :func:`write_cache_documents`); both empty when it is missing, damaged or of another
    ``version`` (each is still the caller's to check; ``typed``: see
    :func:`read_cache_documents`)."""
    from tui_reader.core import exact_json  # loaded with any database, mostly

    try:
        text = read_own_file(path)
        if not text.isascii():
            return {}, {}
        # json.loads's value, faster (100,000 places: 0.1 s)
        data = exact_json.loads_typed(text) if typed else exact_json.loads(text)
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}, {}
    records = data.pop("documents", None)
    return (records if isinstance(records, dict) else {}), data


def release_of(version: int, *modules: ModuleType) -> str:
    """A cache's release: its form's ``version``, the package's, and a digest of the source of
    each of ``modules`` (the rules its entries were made by), so that a change to any of them
    misses every kept entry; the digest ``?`` when a source cannot be read.  (The
    interpreter's own BLAKE2b: ``hashlib`` loads OpenSSL, which a search of texts kept, whose
    listing asks the release of the order it keeps, does not otherwise need.)"""
    from tui_reader import __version__
    from tui_reader.core.digests import blake2b

    digest = blake2b(digest_size=8)
    for module in modules:
        try:
            digest.update(Path(str(module.__file__)).read_bytes())
        except OSError:
            return f"{version}/{__version__}/?"
    return f"{version}/{__version__}/{digest.hexdigest()}"
