"""The rules Textual parses from each stylesheet source, kept in the cache folder for the next
start.  Each start parsed the first screen's 19 sources again (~30 ms of CPU, a twentieth of
its first screen, and the theme's variables tokenized for it); read back, their rules take
~3 ms.

A source's rules are kept under a digest of everything their parse reads: the source's text,
where it was read from, its tie-breaker and scope, whether it is a widget's default, the
stylesheet's variables (the theme), Textual's version and the files of its parser, Python's
version and this module's :data:`FORMAT`.  A cache that is missing, damaged, stale or wrong
never changes the look: the source is parsed, as without it, whenever

- the file cannot be read, is not a regular file (a FIFO, a device: never opened so that it
  blocks) or is larger than :data:`MOST_BYTES`, or is not what this module writes;
- nothing is kept under the source's digest (another text, theme or Textual);
- the bytes kept fail their SHA-256 (a torn or changed byte);
- they hold anything but the few classes rules are made of (:data:`MADE_OF`): the file is
  read by an unpickler that makes nothing else, so a file put there by someone else (a cache
  folder carried with a project) runs nothing.

Rules are kept only when they have no errors (a source with errors raises in each app, as
Textual does) and when, read back from their bytes, they equal what was parsed attribute by
attribute: a class of Textual's that the copy would not make alike is never kept.  What a
start parsed is written once its first screen is shown, in a worker (``ui/warm_up.py``), and
what it parsed later as it ends (:func:`keep`), with what the file held, the entries used last
kept first (:data:`MOST_KEPT`).  The file is held from the first look until then, and no
more than its digests after it (:meth:`KeptStyles.let_go`): a source asked later is read from it.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import io
import os
import pickle
import sys
import threading
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.core import digests
from tui_reader.core.cache_files import write_cache_file
from tui_reader.core.documents.safe_read import read_document_bytes
from tui_reader.locations import styles_cache_path

if TYPE_CHECKING:
    from textual.css.model import RuleSet

FORMAT = 1  # what this module writes; a new layout of the file, a new number
MOST_KEPT = 256  # sources kept: every widget's under a few themes
MOST_BYTES = 16 * 1024 * 1024  # the file read at most (256 sources take about 1 MB)

# What rules are made of, and all an entry may make: (module, class).
MADE_OF = frozenset(
    {
        ("textual.color", "Color"),
        ("textual.css.model", "CombinatorType"),
        ("textual.css.model", "RuleSet"),
        ("textual.css.model", "Selector"),
        ("textual.css.model", "SelectorSet"),
        ("textual.css.model", "SelectorType"),
        ("textual.css.scalar", "Scalar"),
        ("textual.css.scalar", "ScalarOffset"),
        ("textual.css.scalar", "Unit"),
        ("textual.css.styles", "Styles"),
        ("textual.css.transition", "Transition"),
        ("textual.geometry", "Offset"),
        ("textual.geometry", "Spacing"),
        ("textual.layouts.grid", "GridLayout"),
        ("textual.layouts.horizontal", "HorizontalLayout"),
        ("textual.layouts.vertical", "VerticalLayout"),
    }
)

# Textual's files whose change may change what a source parses to (beside its version).
_PARSER_FILES = (
    "color.py",
    "css/_style_properties.py",
    "css/_styles_builder.py",
    "css/constants.py",
    "css/model.py",
    "css/parse.py",
    "css/scalar.py",
    "css/styles.py",
    "css/tokenize.py",
    "css/tokenizer.py",
)


class _Refused(pickle.UnpicklingError):
    """An entry names a class rules are not made of."""


class _DataOnly(pickle.Unpickler):
    """Reads the file's own layout: tuples, dicts and bytes, no class at all."""

    def find_class(self, module: str, name: str) -> Any:
        raise _Refused(f"{module}.{name}")


class _RulesOnly(pickle.Unpickler):
    """Reads an entry's rules: the classes of :data:`MADE_OF`, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in MADE_OF:
            raise _Refused(f"{module}.{name}")
        return super().find_class(module, name)


class _RulesPickler(pickle.Pickler):
    """Writes rules so that :class:`_RulesOnly` reads them: an enum member by its class and
    value, and an object whose ``__post_init__`` makes more (a ``Styles``' bound lookups, a
    ``Selector``'s check) by its class from its fields, which makes them again."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, enum.Enum):
            return type(obj), (obj.value,)
        made = dataclasses.is_dataclass(obj) and not isinstance(obj, type)
        if made and hasattr(obj, "__post_init__"):
            fields = dataclasses.fields(obj)
            return type(obj), tuple(getattr(obj, f.name) for f in fields if f.init)
        return NotImplemented


def _alike(a: object, b: object) -> bool:
    """Whether ``b`` (rules read back) is ``a`` (rules parsed) made again: the same types and
    values, attribute by attribute; what this cannot compare is not alike."""
    if type(a) is not type(b):
        return False
    if a is None or isinstance(a, str | bytes | int | float | enum.Enum | type):
        return a == b
    if isinstance(a, types.FunctionType):
        return a is b
    if isinstance(a, types.BuiltinMethodType):  # a bound lookup: dict.get of its own dict
        assert isinstance(b, types.BuiltinMethodType)
        return a.__name__ == b.__name__ and _alike(a.__self__, b.__self__)
    if isinstance(a, functools.partial):
        assert isinstance(b, functools.partial)
        return _alike(a.func, b.func) and _alike(a.args, b.args) and _alike(a.keywords, b.keywords)
    if isinstance(a, set | frozenset):
        return a == b
    if isinstance(a, tuple | list):
        assert isinstance(b, tuple | list)
        return len(a) == len(b) and all(map(_alike, a, b))
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(_alike(a[k], b[k]) for k in a)
    slots = [n for c in type(a).__mro__ for n in getattr(c, "__slots__", ()) if n != "__dict__"]
    if not hasattr(a, "__dict__") and not slots:
        return False
    if any(hasattr(a, n) != hasattr(b, n) for n in slots):
        return False
    if not all(_alike(getattr(a, n), getattr(b, n)) for n in slots if hasattr(a, n)):
        return False
    return not hasattr(a, "__dict__") or _alike(vars(a), vars(b))


def _textual_stamp() -> str:
    """Textual's version (its installed metadata's folder name: importlib.metadata would cost
    ~25 ms) and the size and time of its parser's files."""
    import textual

    package = Path(textual.__file__).parent
    try:
        versions = sorted(
            entry.name
            for entry in os.scandir(package.parent)
            if entry.name.startswith("textual-") and entry.name.endswith(".dist-info")
        )
        files = [os.stat(package / name) for name in _PARSER_FILES]
    except OSError:
        return ""
    stamps = [(s.st_size, s.st_mtime_ns) for s in files]
    return repr((str(package), versions, stamps))


def rules_of(blob: bytes) -> list[RuleSet] | None:
    """The rules an entry's bytes hold, or None when they hold anything else."""
    from textual.css.model import RuleSet

    try:
        rules = _RulesOnly(io.BytesIO(blob)).load()
    except Exception:  # any damage: parsed as without the cache
        return None
    if not isinstance(rules, list) or not all(isinstance(r, RuleSet) for r in rules):
        return None
    return rules


def rules_bytes(rules: list[RuleSet]) -> bytes | None:
    """The bytes that keep ``rules``, or None when read back they would not be alike."""
    buffer = io.BytesIO()
    try:
        _RulesPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(rules)
    except Exception:  # a value that cannot be written: not kept
        return None
    blob = buffer.getvalue()
    again = rules_of(blob)
    try:
        return blob if again is not None and _alike(rules, again) else None
    except RecursionError:
        return None


class KeptStyles:
    """The rules kept in the file at ``path``, read at the first look, and those parsed since,
    written by :meth:`write`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: str | None = None
        self._variables: tuple[tuple[str, str], ...] | None = None  # the last digested
        self._variables_hash = digests.sha256()
        self._held: dict[bytes, tuple[bytes, bytes]] | None = None  # digest -> (sha256, bytes)
        self._digests: frozenset[bytes] | None = None  # those the file held once let go
        self._used: dict[bytes, None] = {}  # digests read or parsed here, in order
        self._parsed: dict[bytes, list[RuleSet]] = {}  # to write
        self._writing = threading.Lock()

    def _digest(
        self, variables: tuple[tuple[str, str], ...], key: tuple[object, ...]
    ) -> bytes | None:
        """The digest a source's rules are kept under; None when Textual's files could not be
        looked at (nothing is kept)."""
        if self._stamp is None:
            self._stamp = _textual_stamp()
        if not self._stamp:
            return None
        if self._variables is not variables:  # the same tuple while the theme stays: said once
            said = repr((FORMAT, sys.version, self._stamp, variables))
            self._variables = variables
            self._variables_hash = digests.sha256(said.encode("utf-8", "surrogatepass"))
        digest = self._variables_hash.copy()
        digest.update(repr(key).encode("utf-8", "surrogatepass"))
        return digest.digest()

    def _entries(self) -> dict[bytes, tuple[bytes, bytes]]:
        """The file's entries: held from the first look until :meth:`let_go`, read again
        each time after it."""
        held = self._held
        if held is None:
            held = _read(self.path)
            if self._digests is None:
                self._held = held
        return held

    def let_go(self) -> None:
        """Hold no more of the file than its digests (once the first screen is shown): every
        source kept under every theme, up to :data:`MOST_KEPT`, is about 0.5 MB held for
        the session otherwise.  A source asked later that the file holds is read from it
        again (about a millisecond, against a parse's one or two); one it does not hold is
        parsed without reading it."""
        with self._writing:
            held = self._held
            if held is not None:
                self._digests = frozenset(held)
                self._held = None

    def rules(
        self, variables: tuple[tuple[str, str], ...], key: tuple[object, ...]
    ) -> list[RuleSet] | None:
        """The rules kept for the source Textual's parse cache names by ``key`` (its text,
        where it was read from, ...) under ``variables``; None: it must be parsed."""
        digest = self._digest(variables, key)
        if digest is None or (self._digests is not None and digest not in self._digests):
            return None
        if (entry := self._entries().get(digest)) is None:
            return None
        check, blob = entry
        if digests.sha256(blob).digest() != check:
            return None
        rules = rules_of(blob)
        if rules is not None:
            self._used[digest] = None
        return rules

    def parsed(
        self, variables: tuple[tuple[str, str], ...], key: tuple[object, ...], rules: list[RuleSet]
    ) -> None:
        """``rules`` were parsed for ``key`` under ``variables``: kept at the next write, if
        they have no errors."""
        if any(rule.errors for rule in rules):
            return
        digest = self._digest(variables, key)
        if digest is not None:
            self._parsed[digest] = rules
            self._used[digest] = None

    def write(self) -> bool:
        """Write the file if a source was parsed since it was read: those, and what it held,
        the entries used here last; whether it was written."""
        with self._writing:  # after the first screen, in a worker, and as the app ends
            parsed, self._parsed = self._parsed, {}  # the main thread may parse meanwhile
            if not parsed:
                return False
            entries = dict(self._entries())
            for digest, rules in parsed.items():
                blob = rules_bytes(rules)
                if blob is not None:
                    entries[digest] = (digests.sha256(blob).digest(), blob)
            for digest in list(self._used):  # the ones used here, last: the others go first
                if digest in entries:
                    entries[digest] = entries.pop(digest)
            kept = dict(list(entries.items())[-MOST_KEPT:])
            if self._digests is None:
                self._held = kept
            else:
                self._digests = frozenset(kept)
            data = pickle.dumps((FORMAT, kept), protocol=pickle.HIGHEST_PROTOCOL)
            return write_cache_file(self.path, lambda handle: handle.write(data))


def _read(path: Path) -> dict[bytes, tuple[bytes, bytes]]:
    """The entries of the file at ``path``; none when it is missing or not this module's."""
    try:  # a FIFO or a link to /dev/zero put in its place neither blocks nor fills memory
        data = read_document_bytes(path, limit=MOST_BYTES)
        found = _DataOnly(io.BytesIO(data)).load()
    except Exception:  # missing, unreadable, damaged: every source parsed
        return {}
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == FORMAT):
        return {}
    entries = found[1]
    if not isinstance(entries, dict):
        return {}
    return {
        digest: entry
        for digest, entry in entries.items()
        if isinstance(digest, bytes)
        and isinstance(entry, tuple)
        and len(entry) == 2
        and all(isinstance(part, bytes) for part in entry)
    }


_KEPT: list[KeptStyles] = []  # the process's, made at the first look


def kept() -> KeptStyles:
    """The process's kept rules, in the cache folder as the first look finds it."""
    if not _KEPT:
        _KEPT.append(KeptStyles(styles_cache_path()))
    return _KEPT[0]


def keep() -> bool:
    """Write what this process parsed for the next start (as the app ends); whether written."""
    return bool(_KEPT) and _KEPT[0].write()


def let_go() -> None:
    """Hold no more of the file than its digests (:meth:`KeptStyles.let_go`)."""
    if _KEPT:
        _KEPT[0].let_go()
