"""Every path decision in one place: the corpus, the database, document keys.

Flags override environment variables, which override defaults; nowhere else decides a path.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import posixpath
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Collection, Mapping
from contextvars import ContextVar
from pathlib import Path

from tui_reader.core.errors import TuiReaderError
from tui_reader.core.frozen_value import FrozenValue

try:  # the interpreter's own SHA-1, as the random module takes its SHA-512: hashlib loads
    # OpenSSL for every algorithm it offers (4 ms of CPU at every command's start), where a
    # cache file's name wants one digest of a short path
    from _sha1 import sha1  # type: ignore[import-not-found]  # (no stub)
except ImportError:  # an interpreter built without it
    from hashlib import sha1

ENV_CORPUS = "TUI_READER_CORPUS"
ENV_DB = "TUI_READER_DB"
ENV_MEASURE = "TUI_READER_MEASURE"
ENV_CODER = "TUI_READER_CODER"
FALLBACK_CODER = "coder"  # when the login name cannot be found (no user database, say)
CODER_NAME_LENGTH = 64
ENV_CACHE = "TUI_READER_CACHE"
ENV_CONVERT_SECONDS = "TUI_READER_CONVERT_SECONDS"
DEFAULT_CONVERT_SECONDS = 30.0  # a file's conversion (PDF, Word, web page...) is stopped after
# The garbage collector's pace in a command and in a conversion's process: allocations, then
# collections, between collections.  The young objects are still looked at every 50,000
# allocations; the older ones (a database's records, kept to the end; a page's tokens) only
# after 1,000 of those: every 20 they were walked again (0.25 s each at 100,000 annotations).
BATCH_GC_THRESHOLDS = (50_000, 1000, 1000)
APP_DIR_NAME = "tui-reader"
DEFAULT_CACHE_BYTES = 512 * 1024 * 1024  # converted texts kept on disk (oldest dropped first)
DEFAULT_CORPUS_DIR = "docs_corpus"
DEFAULT_DB_FILE = "annotations.json"
# The file that marks the cache folder as a cache, as the Cache Directory Tagging
# Specification has it (backup tools skip such a folder; the corpus listing does), and the
# signature it begins with
CACHE_TAG = "CACHEDIR.TAG"
CACHE_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
DEFAULT_MEASURE = 80  # cells of text per line in the reading view, like a well-set book page
MEASURE_RANGE = (20, 400)
ENV_LOCK_WAIT = "TUI_READER_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 30.0  # seconds a command waits for another tui-reader's change to finish
ENV_PROGRESS_AFTER = "TUI_READER_PROGRESS_AFTER"
DEFAULT_PROGRESS_AFTER = 0.5  # seconds a command works before its progress bar shows


class WorkingFolderGone(TuiReaderError):
    """The folder the command was run in is not there any more (deleted, or moved away): a
    relative path, and the default database, cannot be found from it; a full path can."""


GONE = "the current folder is not there any more (deleted, or moved away)"


def _from_working_folder(path: Path, cwd: Path | None, named: str) -> Path:
    """``path`` (a path the user gave: ``named``) made absolute from ``cwd``, else the working
    folder; :class:`WorkingFolderGone` when it is relative and that folder was deleted (a
    full path works there, as it does for grep)."""
    if path.is_absolute():
        return path
    if cwd is None:
        try:
            cwd = Path(os.getcwd())
        except FileNotFoundError:
            raise WorkingFolderGone(
                f"{named}: a path from the current folder, which is not there any more "
                "(deleted, or moved away); cd to a folder that is, or give the full path"
            ) from None
    return cwd / path


def working_folder_gone() -> bool:
    """Whether the folder this process runs in was deleted (or moved away)."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def working_folder() -> Path | None:
    """The folder this process runs in; None when it was deleted (or moved away)."""
    try:
        return Path(os.getcwd())
    except FileNotFoundError:
        return None


def deleted_working_folder() -> Path | None:
    """The path the deleted working folder had, where the system tells it (Linux's
    ``/proc/self/cwd`` reads ``PATH (deleted)``) and nothing is at that path now; else None."""
    try:
        link = os.readlink("/proc/self/cwd")
    except OSError:
        return None
    suffix = " (deleted)"
    if not link.endswith(suffix) or not os.path.isabs(link[: -len(suffix)]):
        return None
    former = link[: -len(suffix)]
    return None if os.path.lexists(former) else Path(former)


class Target(FrozenValue):
    """What the user asked to open: a corpus folder and, maybe, one file in it to open first."""

    __slots__ = ("corpus", "open_file")
    corpus: Path
    open_file: Path | None

    def __init__(self, corpus: Path, open_file: Path | None = None) -> None:
        self._set(corpus=corpus, open_file=open_file)


def sample_corpus() -> Path:
    """The sample corpus shipped inside the package (the two seed articles): the folder
    beside this module, as ``importlib.resources`` names it (whose loading, with the zip
    archives' modules, took 10 ms of every list, search and export, which ask whether the
    corpus named is this one)."""
    return Path(os.path.dirname(__file__)) / "sample_corpus"


# Told the line saying a location variable set empty (a script's ``TUI_READER_DB=$DB``, DB
# unset) as it is read and taken as unset: the command line says it once, where it is read
# (each command taking --corpus said it, ``tags`` too, which reads no corpus).
EMPTY_SETTING_READ: ContextVar[Callable[[str], None] | None] = ContextVar(
    "empty_setting_read", default=None
)


def _read_empty(env: Mapping[str, str], name: str) -> None:
    """Tell :data:`EMPTY_SETTING_READ` that ``$name``, read, is set empty (when it is)."""
    told = EMPTY_SETTING_READ.get()
    if told is not None and env.get(name) == "":
        told(f"${name} is empty: it is taken as unset")


def resolve_target(
    path: str | os.PathLike[str] | None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    resolve: Callable[[Path], Path] | None = None,
) -> Target:
    """PATH (folder or file), else ``$TUI_READER_CORPUS``, else ``./docs_corpus`` when it
    exists, else the packaged sample corpus (which the workspace trades for the database's
    own documents' folder, :func:`project_folder`, when it names documents there).  A file's
    folder is its corpus.  ``resolve``: what resolves the path (:func:`real_path`; a caller
    resolving many, :class:`RealPaths`)."""
    env = os.environ if env is None else env
    chosen: Path | None = None
    if path is not None and str(path) != "":
        chosen = Path(path)
    elif env.get(ENV_CORPUS):
        chosen = Path(_named_by_setting(env, ENV_CORPUS, "a corpus folder, or a file"))
    else:
        _read_empty(env, ENV_CORPUS)
        if cwd is not None or not working_folder_gone():  # a deleted folder holds none
            chosen = _from_working_folder(Path(DEFAULT_CORPUS_DIR), cwd, DEFAULT_CORPUS_DIR)
            chosen = chosen if chosen.is_dir() else None
    if chosen is None:
        return Target(corpus=sample_corpus())
    chosen = (resolve or real_path)(_from_working_folder(user_path(chosen), cwd, str(chosen)))
    if chosen.is_file():
        return Target(corpus=chosen.parent, open_file=chosen)
    return Target(corpus=chosen)


def project_folder(keys: Collection[str], db_folder: Path) -> Path | None:
    """The corpus when none was named (no PATH, ``$TUI_READER_CORPUS`` or ``./docs_corpus``)
    and the database names documents in its own folder (``keys``, relative to
    ``db_folder``): the folder holding every one of them, a project's folder coded with
    ``tui-reader .`` (the sample corpus was read instead, every passage an orphan).  None
    when it names none there (the sample corpus's documents, or a corpus outside it)."""
    written = (posixpath.normpath(key) for key in keys if key)  # "a/../../b.txt" is "../b.txt"
    folders = {
        posixpath.dirname(key)
        for key in written
        if not key.startswith(("../", "/")) and key not in ("..", ".") and ":" not in key[:2]
    }
    if not folders:
        return None
    common = posixpath.commonpath([posixpath.join(".", folder) for folder in folders])
    folder = real_path(db_folder / common)
    return folder if folder.is_dir() else None


def _named_by_setting(env: Mapping[str, str], name: str, what: str) -> str:
    """The path the environment variable ``name`` gives; a value of white space alone
    (``export TUI_READER_DB=" "``) is refused, as ``--db " "`` is: it made a database, or
    looked for a corpus, named " " in whatever folder a command ran in."""
    value = env[name]
    if not value.strip():
        raise TuiReaderError(
            f"${name} names nothing (it is {shown_setting(value)}): name {what}, or unset it"
        )
    return value


def resolve_db(
    db: str | os.PathLike[str] | None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """``--db``, else ``$TUI_READER_DB``, else ``./annotations.json`` (absolute path)."""
    env = os.environ if env is None else env
    if db is not None and str(db) != "":
        given = str(db)
    elif env.get(ENV_DB):
        given = _named_by_setting(env, ENV_DB, "a database file")
    else:
        _read_empty(env, ENV_DB)
        given = DEFAULT_DB_FILE
        if cwd is None and working_folder_gone():
            raise WorkingFolderGone(
                f"{GONE}, and the database is found in it ({DEFAULT_DB_FILE}); cd to a "
                "folder that is, or name the database with --db and its full path"
            )
    chosen = real_path(_from_working_folder(user_path(given), cwd, given))
    # "--db team/" names a folder (a slash ends it): a file "team" was made the database, and
    # a folder of that name could be made no more
    if given.endswith(("/", os.sep)) and not chosen.is_dir():
        bare = given.rstrip("/" + os.sep)
        raise TuiReaderError(
            f"{given}: names a folder (it ends in '/') that is not there: name the database "
            f"file ({bare}, or {given}{DEFAULT_DB_FILE} once the folder is made)"
        )
    if os.path.islink(chosen):  # real_path leaves a loop of links where it starts
        try:
            os.stat(chosen)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # every command: not a traceback where one resolves it
                raise TuiReaderError(f"{chosen}: {exc.strerror}; no database there") from exc
    return chosen


def resolve_measure(measure: int | None = None, env: Mapping[str, str] | None = None) -> int:
    """Cells of text per line in the reading view: ``--measure``, else
    ``$TUI_READER_MEASURE``, else :data:`DEFAULT_MEASURE`; kept within 20..400 (an
    environment value that is not a number is ignored)."""
    if measure is None:
        value = (os.environ if env is None else env).get(ENV_MEASURE, "")
        try:
            measure = int(value)
        except ValueError:
            return DEFAULT_MEASURE
    low, high = MEASURE_RANGE
    return min(high, max(low, measure))


SHOWN_SETTING = 40  # characters of a setting's value a message quotes at most
SHOWN_PATH_SETTING = 240  # ... and of a path's, which is of no use cut at 40


def shown_setting(value: str) -> str:
    """A setting's value as a message quotes it: quoted and escaped, and one over
    :data:`SHOWN_SETTING` characters cut, its length said (a value of 5,000 characters made
    its one-line message 5,000 long).  A path's: :func:`shown_path_setting`."""
    if len(value) <= SHOWN_SETTING:
        return repr(value)
    return f"{value[:SHOWN_SETTING]!r}… ({len(value):,} characters)"


def shown_path_setting(value: str) -> str:
    """A path setting's value as a message says it: as a shell takes it
    (:func:`~tui_reader.core.display.shell_word`: ``'/tmp/a\\b'``, ``$'/tmp/a\\Eb'``, a
    control character escaped), where Python's quoting said a backslash twice, a name no
    shell reads back as the file; one over :data:`SHOWN_PATH_SETTING` characters cut, its
    length said."""
    from tui_reader.core.display import shell_word

    if len(value) <= SHOWN_PATH_SETTING:
        return shell_word(value)
    return f"{shell_word(value[:SHOWN_PATH_SETTING])}… ({len(value):,} characters)"


def measure_fault(measure: int | None = None, env: Mapping[str, str] | None = None) -> str | None:
    """What :func:`resolve_measure` does with ``--measure`` (``measure``), else
    ``$TUI_READER_MEASURE``, other than use it as given, in one line naming the setting, its
    value and the measure used (the app shows it as it starts: a line on stderr is hidden by
    its full screen); None when it is used as given, or unset or empty."""
    low, high = MEASURE_RANGE
    if measure is None:
        value = (os.environ if env is None else env).get(ENV_MEASURE, "")
        if not value.strip():
            return None
        setting = f"${ENV_MEASURE}={shown_setting(value)}"
        try:
            measure = int(value)
        except ValueError:
            return (
                f"{setting} is not a whole number of cells: the measure is {DEFAULT_MEASURE} "
                f"cells ({low} to {high} can be set)"
            )
    else:
        setting = f"--measure {measure}"
    if measure < low:
        return f"{setting} is below {low}: the measure is {low} cells, the narrowest"
    if measure > high:
        return f"{setting} is above {high}: the measure is {high} cells, the widest"
    return None


# The most seconds an environment value gives (a week): "inf" or 1e400 would overflow the
# system's waits (select's milliseconds, a thread's timeout) and stop the command with a traceback.
MOST_ENV_SECONDS = 7 * 24 * 3600.0


def _env_seconds(name: str, default: float, env: Mapping[str, str] | None) -> float:
    """Seconds from the environment variable ``name`` (0 to :data:`MOST_ENV_SECONDS`), else
    ``default`` (unset, not a number, or NaN)."""
    value = (os.environ if env is None else env).get(name, "")
    try:
        seconds = float(value)
    except ValueError:
        return default
    if seconds != seconds:  # NaN: the default
        return default
    return min(MOST_ENV_SECONDS, max(0.0, seconds))


def env_seconds_fault(
    name: str,
    default: float,
    env: Mapping[str, str] | None = None,
    zero: str = "0 s",
    *,
    no_limit: bool = False,
) -> str | None:
    """What :func:`_env_seconds` does with the environment variable ``name`` other than use
    it as given, in words ("is below 0: 0 s (no waiting) is used instead"; ``zero``: what 0
    means to it), for one line the user is told; None when it is used as given or is unset
    or empty.  ``no_limit``: 0 means no limit to it, which a value meant as no limit ("inf",
    "none") is told, rather than left to think it has one."""
    hint = "; 0 means no limit" if no_limit else ""
    value = (os.environ if env is None else env).get(name, "")
    if not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if seconds != seconds:
        return f"is not a number of seconds: {default:g} s is used instead{hint}"
    if seconds < 0:
        return f"is below 0: {zero} is used instead"
    if seconds > MOST_ENV_SECONDS:
        return f"is more than a week: a week is used instead{hint}"
    return None


def env_seconds_faults(env: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """Each environment variable of seconds not used as given, and what becomes of it in
    words (:func:`env_seconds_fault`): ``(name, words)``."""
    settings = (
        (ENV_LOCK_WAIT, DEFAULT_LOCK_WAIT, "0 s (no waiting)", False),
        (ENV_CONVERT_SECONDS, DEFAULT_CONVERT_SECONDS, "0 (no limit)", True),
        (ENV_PROGRESS_AFTER, DEFAULT_PROGRESS_AFTER, "0 s", False),
    )
    found = []
    for name, default, zero, no_limit in settings:
        fault = env_seconds_fault(name, default, env, zero, no_limit=no_limit)
        if fault is not None:
            found.append((name, fault))
    return found


def env_seconds_said(
    names: Collection[str] | None = None, env: Mapping[str, str] | None = None
) -> list[str]:
    """One line for each environment variable of seconds (of ``names``, else every one) not
    used as given: the variable, its value and what is used instead
    (``$TUI_READER_CONVERT_SECONDS='abc' is not a number of seconds: ...``)."""
    values = os.environ if env is None else env
    return [
        f"${name}={shown_setting(values.get(name, ''))} {fault}"
        for name, fault in env_seconds_faults(env)
        if names is None or name in names
    ]


def resolve_lock_wait(env: Mapping[str, str] | None = None) -> float:
    """Seconds a command waits for another tui-reader's lock: ``$TUI_READER_LOCK_WAIT``, else
    :data:`DEFAULT_LOCK_WAIT` (a value that is not a number is ignored; a command says so:
    :func:`env_seconds_faults`)."""
    return _env_seconds(ENV_LOCK_WAIT, DEFAULT_LOCK_WAIT, env)


def resolve_convert_seconds(env: Mapping[str, str] | None = None) -> float:
    """How long converting one file may take, in processor time (see
    :mod:`~tui_reader.core.documents.conversion_limit`): ``$TUI_READER_CONVERT_SECONDS``, else
    :data:`DEFAULT_CONVERT_SECONDS`; ``0`` converts without a limit (in-process); a value
    that is not a number is ignored."""
    return _env_seconds(ENV_CONVERT_SECONDS, DEFAULT_CONVERT_SECONDS, env)


def resolve_progress_after(env: Mapping[str, str] | None = None) -> float:
    """Seconds a command works before it shows a progress bar (on a terminal):
    ``$TUI_READER_PROGRESS_AFTER``, else :data:`DEFAULT_PROGRESS_AFTER`; work done sooner
    draws nothing."""
    return _env_seconds(ENV_PROGRESS_AFTER, DEFAULT_PROGRESS_AFTER, env)


class CoderNameError(TuiReaderError):
    """A coder name that is empty once control characters and spaces are taken out."""


def coder_name(raw: str) -> str:
    """``raw`` as a coder name: control and format characters removed, runs of white space one
    space, at most 64 characters; :class:`CoderNameError` when nothing is left."""
    kept = "".join(" " if ch.isspace() else ch for ch in raw if not _is_control(ch))
    name = " ".join(kept.split())[:CODER_NAME_LENGTH].strip()
    if not name:
        raise CoderNameError(f"{raw!r} is not a coder name (it has no visible characters)")
    return name


def coder_name_change(raw: str) -> str | None:
    """What :func:`coder_name` does to ``raw`` besides trimming white space, in words (the
    user is told: the coding is recorded under another name than the one typed); None when
    nothing else."""
    if not raw:
        return "is empty"
    try:
        name = coder_name(raw)
    except CoderNameError:
        return "has no visible characters"
    if name == " ".join(raw.split()):
        return None
    kept = " ".join("".join(" " if c.isspace() else c for c in raw if not _is_control(c)).split())
    if kept != " ".join(raw.split()):
        return "holds control characters (an escape sequence?), which are left out"
    return f"is longer than {CODER_NAME_LENGTH} characters, and is cut"


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} and not ch.isspace()


def terminal_text(value: str) -> str:
    """``value`` (an argument or an environment value) from its bytes as the terminal wrote
    them: UTF-8 where they are, each other byte Windows-1252 (a Latin-1 terminal's "é" came as
    a lone surrogate, Python reading the bytes as UTF-8; or as ASCII, under LC_ALL=C with
    PYTHONUTF8=0, where a UTF-8 terminal's "é" came as two)."""
    if not any("\udc80" <= c <= "\udcff" for c in value):
        return value
    text = value.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    return "".join(
        bytes([ord(c) - 0xDC00]).decode("cp1252", "replace") if "\udc80" <= c <= "\udcff" else c
        for c in text
    )


def resolve_coder(coder: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Who is coding: ``--coder``, else ``$TUI_READER_CODER``, else the login name (else
    ``coder``).  A bad ``--coder`` raises :class:`CoderNameError`; a bad environment value or
    login name is passed over."""
    if coder is not None:
        return coder_name(coder)
    env = os.environ if env is None else env
    candidates = [terminal_text(env.get(ENV_CODER, ""))]  # José in Latin-1 was "Jos"
    with contextlib.suppress(OSError, KeyError, ImportError):  # no login name to be had
        candidates.append(getpass.getuser())
    for candidate in candidates:
        try:
            return coder_name(candidate)
        except CoderNameError:
            continue
    return FALLBACK_CODER


def _home(env: Mapping[str, str]) -> Path:
    """The user's home folder: ``$HOME``, else the account's; with neither (a container run
    as a user the system does not know, ``docker run -u 1234``, with no $HOME), a folder of
    the user's own in the temporary folder.  Path.home() raised a RuntimeError there ("Could
    not determine home directory"): every command stopped with a traceback.  That folder is
    made the user's alone; one another user made first is not used."""
    if env.get("HOME"):
        return Path(env["HOME"])
    home = os.path.expanduser("~")
    if home != "~":
        return Path(home)
    import tempfile

    uid = getattr(os, "getuid", lambda: 0)()
    mine = Path(tempfile.gettempdir()) / f"tui-reader-{uid}"
    try:
        mine.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(mine)
    except OSError:
        return Path(tempfile.mkdtemp(prefix="tui-reader-"))
    if stat.S_ISDIR(st.st_mode) and st.st_uid == uid:
        return mine
    return Path(tempfile.mkdtemp(prefix="tui-reader-"))  # another's, or a link: never read


def resolve_cache_dir(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """Where converted texts (PDF, Word, EPUB, ...) are cached: ``$TUI_READER_CACHE``, else
    the platform's cache folder: ``$XDG_CACHE_HOME/tui-reader`` or ``~/.cache/tui-reader``
    (Linux and other Unixes), ``~/Library/Caches/tui-reader`` (macOS),
    ``%LOCALAPPDATA%\\tui-reader\\Cache`` (Windows).  ``$TUI_READER_CACHE`` of white space
    alone (``export TUI_READER_CACHE=" "``) is unset: it made a folder named " " in whatever
    folder a command ran in, and wrote the caches there."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get(ENV_CACHE, "").strip():
        return user_path(env[ENV_CACHE])
    home = _home(env)
    if platform == "win32":
        base = env.get("LOCALAPPDATA")
        root = Path(base) if base else home / "AppData" / "Local"
        return root / APP_DIR_NAME / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / APP_DIR_NAME
    xdg = env.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache") / APP_DIR_NAME


def cache_fault(env: Mapping[str, str] | None = None) -> str | None:
    """What is wrong with ``$TUI_READER_CACHE`` when it names a file, or a path inside one,
    or a loop of links, or a link to nothing (no folder is made through it), where a folder
    is wanted, in one line naming the setting (every cache then failed to be
    written, quietly: no converted text, fact or search text was kept between runs, without a
    word); None when it is unset, empty, a folder, or not there yet (made when first written)."""
    value = (os.environ if env is None else env).get(ENV_CACHE, "")
    if not value.strip():
        return None
    path = user_path(value)
    for place in (path, *path.parents):
        where = ""
        try:
            st = os.stat(place)
        except OSError as exc:
            if exc.errno == errno.ELOOP and os.path.islink(place):  # to itself, or two
                where = f"is a loop of links ({place})"  # to each other
            elif exc.errno == errno.ENOENT and os.path.islink(place):  # no folder is made
                where = f"is a link to nothing ({place} -> {os.readlink(place)})"
            elif exc.errno in (errno.ENOTDIR, errno.ENOENT, errno.ELOOP, errno.ENAMETOOLONG):
                continue  # a file or a loop further up, or not there yet (made when written)
            else:
                return None  # not ours to judge (no permission to look): the writes say nothing
        if not where:
            if stat.S_ISDIR(st.st_mode):
                return None
            where = "names a file" if place == path else f"is inside a file ({place})"
        setting = f"${ENV_CACHE}={shown_path_setting(value)}"
        return (
            f"{setting} {where}, not a folder: converted texts and the library's facts are "
            "not kept between runs; name a folder"
        )
    return None


def resolve_state_dir(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """Where the app keeps what it writes about itself (crash logs): ``$XDG_STATE_HOME/
    tui-reader`` or ``~/.local/state/tui-reader``; beside the cache folder on macOS and
    Windows."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin"):
        return resolve_cache_dir(env, platform).parent / (APP_DIR_NAME + " logs")
    home = _home(env)
    xdg = env.get("XDG_STATE_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "state") / (
        APP_DIR_NAME
    )


def theme_path(env: Mapping[str, str] | None = None) -> Path:
    """The file that keeps the name of the app's theme last chosen (``ctrl+p``, "Toggle dark /
    light theme" or "Change theme"), in :func:`resolve_state_dir`."""
    return resolve_state_dir(env) / "theme"


def export_choice_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The file that keeps what the export dialog (``E``) was last asked for on the database at
    ``db_path`` (format, scope, code and file), for its next start: in
    :func:`resolve_state_dir`, one file per database, never in the database or the corpus."""
    digest = sha1(str(Path(db_path).absolute()).encode("utf-8", "surrogatepass"))
    return resolve_state_dir(env) / "exports" / f"{digest.hexdigest()[:20]}.json"


def crash_log_path(env: Mapping[str, str] | None = None) -> Path:
    """A new file name for the traceback of a crash of the app: ``crash-<time>-<pid>.log`` in
    :func:`resolve_state_dir`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return resolve_state_dir(env) / f"crash-{stamp}-{os.getpid()}.log"


def draft_path(env: Mapping[str, str] | None = None, part: int | None = None) -> Path:
    """A new file name for what was typed in one of the app's dialogs and not saved when a
    signal stopped it: ``draft-<time>-<pid>.txt`` in :func:`resolve_state_dir`; ``part``: of
    several dialogs open one over another, the one ``part`` from the bottom, 1 the first
    (``draft-<time>-<pid>-<part>.txt``, in that order by name)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    tail = "" if part is None else f"-{part:02d}"
    return resolve_state_dir(env) / f"draft-{stamp}-{os.getpid()}{tail}.txt"


def user_path(path: str | os.PathLike[str]) -> Path:
    """``path`` with a leading ``~`` or ``~user`` made the home folder, as a shell makes it;
    a ``~word`` naming no user (a file ``~draft.txt``) is left as it is.  Path.expanduser
    raised a RuntimeError for it ("Could not determine home directory"): a traceback."""
    return Path(os.path.expanduser(path))


def real_path(path: str | os.PathLike[str]) -> Path:
    """``path`` absolute with its symbolic links resolved, like ``Path.resolve()``, except that a
    link loop (a link to itself, two links to each other) is left where the loop starts instead
    of raising: it is then read, and reported, as the file it is not."""
    return Path(os.path.realpath(path))


class RealPaths:
    """:func:`real_path` of many files, each folder resolved once: a file's own name is then
    looked at alone (one ``lstat``, to follow it when it is a link), not every folder above
    it again (10,000 documents of a merge: a twentieth of its time)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._keys: dict[tuple[str, str], str] = {}  # (folder, database folder) -> its key

    def __call__(self, path: str | os.PathLike[str]) -> Path:
        head, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or not head:
            return real_path(path)
        folder = self._folder(head)
        joined = os.path.join(folder, name)
        return real_path(joined) if os.path.islink(joined) else Path(joined)

    def key(self, path: str | os.PathLike[str], db_folder: str | os.PathLike[str]) -> str:
        """:func:`document_key` of ``path`` for a database in the resolved folder
        ``db_folder``: each folder's key made once, a file's name added to it (a merge's
        10,000 documents each resolved and made relative alone: a tenth of its time)."""
        head, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or not head:
            return key_of_resolved(real_path(path), db_folder)
        folder, within = self._folder(head), os.fspath(db_folder)
        joined = os.path.join(folder, name)
        if os.path.islink(joined):
            return key_of_resolved(real_path(joined), db_folder)
        if within == joined or within.startswith(joined + os.sep):  # the database's folder
            return key_of_resolved(joined, db_folder)  # or one above it: "." or ".."
        place = (folder, within)
        folder_key = self._keys.get(place)
        if folder_key is None:
            folder_key = self._keys[place] = key_of_resolved(folder, db_folder)
        return name if folder_key == "." else f"{folder_key}/{name}"

    def folder(self, head: str) -> str:
        """``os.path.realpath`` of the folder ``head``, resolved once."""
        return self._folder(head)

    def _folder(self, head: str) -> str:
        folder = self._folders.get(head)
        if folder is None:
            folder = self._folders[head] = os.path.realpath(head)
        return folder


def document_key(doc_path: Path, db_path: Path) -> str:
    """A document's identity in the database: its path relative to the database file's folder,
    with POSIX separators (``../`` where the document lies outside that folder)."""
    return key_of_resolved(real_path(doc_path), real_path(db_path).parent)


def key_of_resolved(doc_path: str | os.PathLike[str], db_folder: str | os.PathLike[str]) -> str:
    """:func:`document_key` of a path that is resolved already (no symbolic link in it), for
    a database in the resolved folder ``db_folder``: no system call."""
    relative = os.path.relpath(doc_path, db_folder)
    return relative if os.sep == "/" else Path(relative).as_posix()


def document_path(key: str, db_path: Path) -> Path:
    """Inverse of :func:`document_key`: the absolute path a key names."""
    return real_path(real_path(db_path).parent / key)


def facts_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The cache of document facts (titles, words) for the database at ``db_path``: in the
    cache folder, one file per database (its keys are that database's document keys)."""
    digest = sha1(str(Path(db_path).absolute()).encode("utf-8", "surrogatepass"))
    return resolve_cache_dir(env) / "library" / f"{digest.hexdigest()[:20]}.json"


def text_hashes_path(env: Mapping[str, str] | None = None) -> Path:
    """The hashes of the documents' texts by file (see
    :mod:`tui_reader.core.documents.text_hashes`): in the cache folder, one file shared by
    every database (a database copied to another folder names each file by another key),
    named as the library's files are named (a cache left in a corpus folder is told by them)."""
    digest = sha1(b"text hashes").hexdigest()[:20]
    return resolve_cache_dir(env) / "library" / f"{digest}-hashes.json"


def own_texts_cache_path(corpus: Path, env: Mapping[str, str] | None = None) -> Path:
    """Which plain texts of the corpus folder ``corpus`` are Markdown exports of ours, by
    folder (see :mod:`tui_reader.core.documents.own_texts`): in the cache folder, one file
    per corpus folder."""
    digest = sha1(str(Path(corpus).absolute()).encode("utf-8", "surrogatepass"))
    return resolve_cache_dir(env) / "library" / f"{digest.hexdigest()[:20]}-ours.json"


def texts_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The documents' canonical texts kept for search, for the database at ``db_path``: in
    the cache folder beside the facts cache (same keys), so a corpus folder never holds it."""
    return facts_cache_path(db_path, env).with_suffix(".texts")


def listing_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The corpus listing kept for the corpus search asked for at start (see
    :mod:`tui_reader.core.documents.kept_listing`), for the database at ``db_path`` (its
    keys are that database's): in the cache folder beside the facts cache."""
    return facts_cache_path(db_path, env).with_suffix(".listing")


def units_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The sentences and paragraphs ``agreement`` cut the documents into, for the database at
    ``db_path`` (see :mod:`tui_reader.core.analysis.units_cache`): beside the facts cache, whose
    keys and text hashes it goes by."""
    facts = facts_cache_path(db_path, env)
    return facts.with_name(facts.stem + "-units.json")


def word_starts_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The word starts a query's distance in words (``FOLLOWS/10w``) cut the documents into,
    for the database at ``db_path``: beside the units cache, by the same keys and text hashes
    (:data:`~tui_reader.core.analysis.units_cache.STARTS`)."""
    facts = facts_cache_path(db_path, env)
    return facts.with_name(facts.stem + "-words.json")


def placement_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The cache of where the annotations of the database at ``db_path`` were last placed
    (see :mod:`tui_reader.core.annotations.placement_cache`): one file per database."""
    digest = sha1(str(Path(db_path).absolute()).encode("utf-8", "surrogatepass"))
    return resolve_cache_dir(env) / "placed" / f"{digest.hexdigest()[:20]}.json"


def places_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The cache of the places (line, page, turn) and titles the csv and Markdown exports
    printed for the annotations of the database at ``db_path`` (see
    :mod:`tui_reader.core.interchange.places_in_text`), beside its placement cache."""
    placed = placement_cache_path(db_path, env)
    return placed.with_name(placed.stem + "-places.json")


def checked_records_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The state of the database at ``db_path`` whose records an export last found each
    exactly its row and clean for the export gate (see
    :class:`tui_reader.core.interchange.annotation_columns.CheckedRecords`), beside its
    placement cache."""
    placed = placement_cache_path(db_path, env)
    return placed.with_name(placed.stem + "-checked.json")


def turnless_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The hashes of the texts found to hold no speaker's turn, which the csv and Markdown
    exports need not look at again for the turns of their places (see
    :mod:`tui_reader.core.interchange.turnless`), beside the places cache of the database at
    ``db_path``."""
    placed = placement_cache_path(db_path, env)
    return placed.with_name(placed.stem + "-turnless.json")


def contexts_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The W3C export's quote contexts lengthened to name one place, by document, which an
    export of documents known in place need not look for in their texts again (see
    :mod:`tui_reader.core.interchange.kept_contexts`), beside the places cache of the
    database at ``db_path``."""
    placed = placement_cache_path(db_path, env)
    return placed.with_name(placed.stem + "-contexts.json")


def blocks_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The Markdown export's blocks of each document's passages, by document, which an
    export whose passages of a document have the same facts need not make again (see
    :mod:`tui_reader.core.interchange.kept_blocks`), beside the places cache of the database
    at ``db_path``."""
    placed = placement_cache_path(db_path, env)
    return placed.with_name(placed.stem + "-blocks.json")


def texts_read_cache_path(db_path: Path, env: Mapping[str, str] | None = None) -> Path:
    """The titles and canonical texts found of the plain text and Markdown files of the
    database at ``db_path``, by the hash of each file's bytes, which an export with every
    document placed again need not find again (see
    :mod:`tui_reader.core.interchange.texts_read`), beside its placement cache."""
    placed = placement_cache_path(db_path, env)
    return placed.with_name(placed.stem + "-read.json")


def styles_cache_path(env: Mapping[str, str] | None = None) -> Path:
    """The rules Textual parsed from the app's stylesheets, kept for the next start (see
    :mod:`tui_reader.ui.kept_styles`): one file in the cache folder, for every database."""
    return resolve_cache_dir(env) / "styles" / "textual-rules.pickle"


def database_beside(corpus: Path, db: Path) -> Path | None:
    """The project's database kept beside the corpus folder (``annotations.json`` in it, or
    in the folder holding it) when ``db`` is another file: run in another folder than the
    project's, with no database named, the app made a new, empty database there and showed
    the corpus as never coded.  None when there is none (or it is ``db``, or empty)."""
    own = real_path(db)
    for folder in (corpus, corpus.parent):
        found = folder / DEFAULT_DB_FILE
        try:
            if found.is_file() and found.stat().st_size and real_path(found) != own:
                return found
        except OSError:
            continue
    return None


def _beside(path: Path, suffix: str) -> Path:
    """The file named as ``path`` with ``suffix`` after its name, in its folder; for the root
    folder, which has no name (``--db /``: ``with_name`` raised ValueError, a traceback in
    every command), ``/suffix``, which the store never opens: it refuses the folder first."""
    return path.parent / (path.name + suffix)


def db_sidecars(db_path: Path) -> tuple[Path, ...]:
    """Files the store keeps beside the database (journal, lock, the last fold's note, the
    mark of the processes that have it open, and the state before the last fold: see
    :func:`previous_state`), never corpus documents."""
    return (
        _beside(db_path, ".journal"),
        _beside(db_path, ".lock"),
        _beside(db_path, ".fold"),
        _beside(db_path, ".open"),
        *previous_state(db_path),
    )


def previous_state(db_path: Path) -> tuple[Path, Path]:
    """The snapshot the last fold replaced and the journal it folded (``annotations.json.previous``
    and its journal, ``annotations.json.previous.journal``): together the database as that fold
    left it, kept so that a database emptied after it (``tui-reader ... 2> annotations.json``:
    the shell empties the file before the command runs) is restored by moving them back."""
    previous = _beside(db_path, ".previous")
    return previous, _beside(previous, ".journal")


def restore_hint(db_path: Path) -> str:
    """How to restore ``db_path`` from its :func:`previous_state`, or "" when none is kept.
    The changes its journal holds since that state was folded are kept: appended to the
    journal that state is restored with (moved over them, they were lost)."""
    from tui_reader.core.display import shell_word  # with this message only, not at every start

    previous, journal = previous_state(db_path)
    current = _beside(db_path, ".journal")
    try:
        if previous.stat().st_size == 0 or not journal.exists():
            return ""
    except OSError:
        return ""
    try:
        since = current.stat().st_size
    except OSError:
        since = 0
    keep = f"cat {shell_word(str(current))} >> {shell_word(str(journal))} && " if since else ""
    return (
        f"its state at the last save is kept: restore it with {keep}"
        f"mv {shell_word(str(previous))} {shell_word(str(db_path))} && "
        f"mv {shell_word(str(journal))} {shell_word(str(current))}"
    )


DEFAULT_EXPORT_STEM = "annotations-export"
BY_TAG_SUFFIX = "-by-tag.md"  # annotations-export-by-tag.md: the app's Markdown by code


def default_export_path(db_path: Path, extension: str = ".md") -> Path:
    """Where the app writes an export: ``annotations-export.md`` beside the database file
    (whose folder document keys are relative to, so the export's links to documents work)."""
    return real_path(db_path).parent / (DEFAULT_EXPORT_STEM + extension)


def not_document_folders() -> tuple[Path, ...]:
    """The folders the corpus listing leaves out: the caches' (``$TUI_READER_CACHE`` put in
    the corpus folder, as a project carried on a stick keeps it: its cached texts and facts
    were listed as documents, "unsupported file type '.json'")."""
    try:
        return (resolve_cache_dir(),)
    except (OSError, RuntimeError, KeyError):  # no home to put it in: none in the corpus
        return ()


def not_documents(db_path: Path) -> tuple[Path, ...]:
    """The files the corpus listing leaves out when the database sits in the corpus folder
    (``tui-reader .`` run there): the database, its sidecars, and the app's Markdown exports
    (``E``: by document, and by code), which hold every quote again: listed, each was
    searched, opened and coded as a document."""
    exports = (default_export_path(db_path, ".md"), default_export_path(db_path, BY_TAG_SUFFIX))
    return (db_path, *db_sidecars(db_path), *exports)
