"""What starting the app takes of the command line, which the subcommands share: PATH,
``--corpus``, ``--db`` and ``--coder`` and their reading, the words typed on a terminal not in
UTF-8, and the one line of a failure.  Kept apart from :mod:`tui_reader.cli.common`, which
re-exports them, so that the app does not load that module (a fifth of a megabyte of the
subcommands' helpers it never calls)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import stat
import sys
from contextvars import ContextVar
from pathlib import Path

from tui_reader.core.display import (
    is_safe,
    shown,
    shown_name,
    shown_pictured,
    stray_bytes_unescaped,
)
from tui_reader.core.documents.safe_read import file_kind
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import clipped
from tui_reader.locations import (
    DEFAULT_DB_FILE,
    ENV_CODER,
    ENV_CORPUS,
    ENV_DB,
    CoderNameError,
    Target,
    WorkingFolderGone,
    coder_name_change,
    deleted_working_folder,
    project_folder,
    real_path,
    resolve_coder,
    resolve_db,
    resolve_target,
    restore_hint,
    sample_corpus,
    terminal_text,
    user_path,
)

CORPUS_DEFAULT = (
    "$TUI_READER_CORPUS, ./docs_corpus, the folder of the database's documents, else the "
    "sample corpus"
)


def add_path_argument(parser: argparse.ArgumentParser, help: str = "") -> None:
    """``[PATH]``: the corpus folder, or one file (as the app takes it)."""
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help=help or f"corpus folder, or one file to open (default: {CORPUS_DEFAULT})",
    )


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """``--db FILE``: the annotation database."""
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="annotation database (default: $TUI_READER_DB, else ./annotations.json)",
    )


def add_location_arguments(parser: argparse.ArgumentParser, file: str = "to open") -> None:
    """``[PATH]`` (corpus folder or one file) and ``--db FILE``, as the app takes them;
    ``--corpus PATH`` says the same as ``PATH``, as in the subcommands that name documents.
    ``file`` says what a command does with one file: the app opens it, list lists it (its
    help said "one file to open", the app's words, of a command that opens nothing)."""
    add_path_argument(parser, f"corpus folder, or one file {file} (default: {CORPUS_DEFAULT})")
    parser.add_argument(
        "--corpus", metavar="PATH", help="the same as PATH (the corpus folder, or one file)"
    )
    add_db_argument(parser)


# Where $TUI_READER_CODER's value came from, as a line on the name says it: the variable, or
# ``--coder`` given before a command that takes none (the variable set to it for the run)
CODER_SOURCE: ContextVar[str] = ContextVar("CODER_SOURCE", default=f"${ENV_CODER}")


def add_coder_argument(parser: argparse.ArgumentParser, what: str = "new annotations") -> None:
    """``--coder NAME``: who is coding."""
    parser.add_argument(
        "--coder",
        metavar="NAME",
        help=f"the coder of {what} (default: $TUI_READER_CODER, else your login name)",
    )


def coder_and_said(args: argparse.Namespace) -> tuple[str, str | None]:
    """The coder the arguments name (as :func:`coder_of`), and the line that says a name
    recorded otherwise than given (None when it is as given): the app shows it, where a line
    on stderr is hidden by its full screen."""
    given = getattr(args, "coder", None)
    if given is not None:
        check_recorded_coder_name(given, "--coder")
    elif os.environ.get(ENV_CODER):
        check_recorded_coder_name(terminal_text(os.environ[ENV_CODER]), CODER_SOURCE.get())
    coder = resolve_coder(given)
    if given is not None:
        return coder, coder_name_said(given, "--coder", coder)
    if ENV_CODER in os.environ:  # set empty too: a script's TUI_READER_CODER=$CODER, CODER unset
        raw = terminal_text(os.environ[ENV_CODER])
        return coder, coder_name_said(raw, CODER_SOURCE.get(), coder)
    return coder, None


def check_given_coder_name(raw: str, source: str) -> None:
    """Raise :class:`CoderNameError` when the coder name ``raw`` (given by ``source``) holds a
    control character, a line break or a direction mark, as a code typed so is refused: a line
    feed was recorded as a space without a word, an escape sequence's ESC left out, and the
    coding filed under a name nobody typed."""
    if not is_safe(raw):
        raise CoderNameError(
            f"the coder name {shown(repr(raw))} ({source}): a control character, line break or "
            "direction mark cannot be part of a coder name"
        )


def check_recorded_coder_name(raw: str, source: str) -> None:
    """:func:`check_given_coder_name` of a coder name ``raw`` that annotations are recorded
    under (``--coder``, ``$TUI_READER_CODER``, a new name), and :class:`CoderNameError` when it
    holds a character that shows as nothing (a zero-width space, a soft hyphen), as a code
    typed so is refused: it was recorded without it, said as "control characters (an escape
    sequence?)".  A name looked up is taken with one (a colleague's file may bring one)."""
    check_given_coder_name(raw, source)
    if raw.isascii():
        return
    from tui_reader.core.codebook.names import invisible_in  # (not on every command's start)

    hidden = invisible_in(raw)
    if hidden is not None:
        raise CoderNameError(
            f"the coder name {shown(repr(raw))} ({source}): an invisible character ({hidden}) "
            "cannot be part of a coder name: it would look like another"
        )


def coder_name_said(raw: str, source: str, coder: str) -> str | None:
    """The words of :func:`say_coder_name`; None when ``raw`` is recorded as typed."""
    change = coder_name_change(raw)
    if change is None:
        return None
    return (
        f"the coder name {shown(repr(raw))} ({source}) {change}: the coder is {shown(repr(coder))}"
    )


def not_a_corpus(
    path: Path, *, or_file: bool = True, typed: str | None = None, near: bool = False
) -> TuiReaderError:
    """The error for a corpus ``path`` that is no folder (``or_file``: nor a document to open):
    missing, or what it is instead (a FIFO, a device, a socket), said in one line, and the
    variable that named it when ``$TUI_READER_CORPUS`` did (set long ago in a shell's
    profile, it was not said: the user saw a folder they never typed).  ``typed``: the name
    as the user typed it, which is said, as grep and ls say a name (``docs/gone.txt``, not
    the full path made of it, which a script's ``2>&1 | grep docs/gone`` did not find).
    ``near``: a missing name typed is followed by the one of its folder spelled nearly like
    it (:func:`_spelled_nearly`)."""
    if typed is not None:
        named = shown_name(clipped(typed))
    else:
        named = f"{shown_name(clipped(str(path)))}{_named_by_the_environment(path)}"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        meant = _spelled_nearly(path, typed) if near and typed else None
        hint = f" (did you mean {shown_name(clipped(meant))}?)" if meant else ""
        return TuiReaderError(f"{named}: {os.strerror(errno.ENOENT)}{hint}")  # as ls, grep
    except OSError as exc:
        return TuiReaderError(f"{named}: cannot be read ({exc.strerror})")
    wanted = "a folder or a document" if or_file else "a folder"
    return TuiReaderError(f"{named}: is {file_kind(mode)}, not {wanted}")


def _spelled_nearly(path: Path, typed: str) -> str | None:
    """``typed``, a folder or file not there, with its last name made that of the one beside
    it spelled nearly alike (``docs_corpsu``: ``docs_corpus``), hidden ones aside; ``None``
    when there is none, or its folder cannot be read.  A newcomer's folder mistyped was said
    only to be missing."""
    from tui_reader.core.near_spelling import close_matches

    own = typed.rstrip("/" + os.sep)
    head, _, last = own.rpartition("/" if "/" in own else os.sep)
    if not last:
        return None
    try:
        with os.scandir(path.parent) as entries:
            names = [e.name for e in entries if not e.name.startswith(".")]
    except OSError:
        return None
    found = close_matches(last, names, n=1, cutoff=0.8)
    if not found:
        return None
    return f"{head}/{found[0]}" if head or own.startswith("/") else found[0]


def _named_by_the_environment(path: Path) -> str:
    """`` ($TUI_READER_CORPUS)`` when that variable names ``path``, else nothing."""
    from tui_reader.locations import real_path

    value = os.environ.get(ENV_CORPUS)
    if not value:
        return ""
    try:
        named = real_path(Path.cwd() / user_path(value))
    except (OSError, ValueError):  # the working folder deleted too
        return ""
    return f" (${ENV_CORPUS})" if named == path else ""


# What names a file (kept byte for byte: a file name not in UTF-8 is still found); every
# other word typed is text: a code, a query, a pattern, an attribute, a coder, a note.
_FILE_ARGUMENTS = frozenset(
    {"path", "more", "db", "corpus", "output", "doc", "docs", "file", "other"}
)


def typed_words(args: argparse.Namespace) -> None:
    """The words of ``args`` that are text, typed on a terminal whose encoding is not UTF-8
    (a Latin-1 terminal: its "é" came as a lone surrogate), read as that terminal wrote them.
    A code typed so ('café') matched no code, and a query, a search, a --tag found nothing."""
    for name, value in vars(args).items():
        if name in _FILE_ARGUMENTS:
            _typed_paths(args, name, value)
            continue
        if isinstance(value, str) and STRAY_BYTE.search(value):
            setattr(args, name, _typed_word(value))
        elif isinstance(value, list) and any(
            isinstance(v, str) and STRAY_BYTE.search(v) for v in value
        ):
            setattr(args, name, [_typed_word(v) if isinstance(v, str) else v for v in value])


_typed_word = terminal_text  # the one decoding of what a terminal typed


def _typed_paths(args: argparse.Namespace, name: str, value: object) -> None:
    """A path typed on a terminal whose encoding is not UTF-8 (Latin-1's "café.txt", its "é"
    a byte that is no UTF-8) that names nothing, where the path its letters spell names a file
    (stored with a UTF-8 name): that file.  A path typed as ``list`` and every message show
    a name that is not UTF-8 (``caf\\xe9.txt``, each such byte as its escape) that names
    nothing, where the bytes it shows name a file: that file (it was "no such folder or
    file", where ``--doc`` took the name), as a name shown with a control character's
    picture (``two␊lines.txt``, which ``search -l`` printed) names the file holding that
    control; a file to make (``--db``, ``-o``) in a folder so named, where the folder as
    typed is not there: in that folder.  A path that is there as typed is left as it is."""
    values = value if isinstance(value, list) else [value]
    if not any(isinstance(v, str) and _MAY_BE_ANOTHER_NAME.search(v) for v in values):
        return
    found = [_typed_path(v) if isinstance(v, str) else v for v in values]
    setattr(args, name, found if isinstance(value, list) else found[0])


def _typed_path(value: str) -> str:
    if os.path.lexists(user_path(value)):
        return value
    others = [o for o in (terminal_text(value), stray_bytes_unescaped(value)) if o != value]
    for other in others:
        if os.path.lexists(user_path(other)):
            return other
    # a file to make (--db, -o) in a folder so named: where the folder as typed is not there
    if not os.path.lexists(os.path.dirname(user_path(value)) or "."):
        for other in others:
            if os.path.isdir(os.path.dirname(user_path(other)) or "."):
                return other
    return value


STRAY_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is no UTF-8, surrogate-escaped


# a path that may be typed as another name: a stray byte, or such a byte as shown (\xe9)
# (and a control character's picture, as a name holding one is shown: two␊lines.txt)
_MAY_BE_ANOTHER_NAME = re.compile("[\udc80-\udcff\u2400-\u241f\u2421]|\\\\x[89a-fA-F][0-9a-fA-F]")


def existing_db(args: argparse.Namespace, corpus: Path | None = None) -> Path:
    """The database the arguments name, for a command that only reads it: a ``--db`` naming
    no file (a slip: ``--db anotations.json``) is refused, not made empty and answered from
    ("(no coded passages)", exit 0), nor one ``$TUI_READER_DB`` names.  Without either, the
    default database, refused too when it is not there: run in another folder than the
    project's, the command made it and four files beside it there, and answered as if the
    work were gone."""
    db = resolve_db(args.db)
    try:
        os.stat(db)
    except OSError as exc:  # a link to itself is no missing database
        if exc.errno == errno.ELOOP:
            raise TuiReaderError(
                f"{shown_name(clipped(str(db)))}: {exc.strerror}; the database was not opened"
            ) from exc
    if (args.db or os.environ.get(ENV_DB)) and not db.exists():
        # the variable said when it named it: set long ago, the user never typed that name
        raise TuiReaderError(
            f"{shown_name(clipped(args.db or str(db)))}{'' if args.db else f' (${ENV_DB})'}: "
            "no such database"
        )
    if not db.exists():  # run in another folder than the project's: no files left there
        from tui_reader.locations import database_beside

        found = database_beside(corpus, db) if corpus is not None else None
        if found is not None:  # the corpus named has its own: named
            raise TuiReaderError(
                f"no database here ({db}); the corpus has its own beside it: --db {found}"
            )
        raise TuiReaderError(
            f"no database here ({db}): run this in the project's folder, or name the "
            f"database with --db FILE or ${ENV_DB}"
        )
    if emptied_database(db):  # was answered from as a new database (no codes, exit 0), made there
        raise TuiReaderError(
            f"{db}: is empty (0 bytes), no database: what it held is not in it (a '>' into "
            f"it, a disk that filled?); {restore_hint(db) or 'restore it from a copy'}"
        )
    return db


def emptied_database(db: Path) -> bool:
    """Whether ``db`` is a file of no bytes and no journal beside it holds changes."""
    from tui_reader.locations import db_sidecars

    try:
        st = db.stat()
        if st.st_size or not stat.S_ISREG(st.st_mode):  # a FIFO, a device: said by the store
            return False
        with open(db, "rb") as file:  # /proc/self/status: its size says 0, it holds bytes
            if file.read(1):
                return False  # no database of ours: said by the store as any such file
        journal = db_sidecars(db)[0]
        return not journal.exists() or journal.stat().st_size == 0
    except OSError:
        return False


def resolve_locations(
    args: argparse.Namespace, *, reading: bool = False, unwritten: bool = False
) -> tuple[Target, Path]:
    """The corpus target and database path the arguments name; checks the corpus exists
    (``reading``: and a ``--db`` given, see :func:`existing_db`).  ``unwritten``: a command
    that reads the database only when it is there (search, list), run in a folder deleted
    since with no database named: the default database of that folder, which is not there
    (the corpus, named by its full path, is read as grep reads it)."""
    path, corpus = args.path, getattr(args, "corpus", None)
    if path and corpus and Path(path) != Path(corpus):
        raise TuiReaderError(f"two corpora named ({path}, and --corpus {corpus}): name one")
    target = resolve_target(path or corpus)
    if not target.corpus.is_dir():
        raise not_a_corpus(target.corpus, typed=path or corpus, near=True)
    if reading:
        db = existing_db(args, target.corpus)
        return project_target(target, db), db
    try:
        db = resolve_db(args.db)
    except WorkingFolderGone:
        former = deleted_working_folder()
        if not unwritten or args.db or os.environ.get(ENV_DB) or former is None:
            raise
        return target, former / DEFAULT_DB_FILE
    return project_target(target, db), db


def project_target(target: Target, db: Path) -> Target:
    """``target``, or, when it is the sample corpus (no corpus named) and the database names
    documents in its own folder, that folder's (:func:`project_folder`, as the workspace takes
    it): ``list`` and ``search`` read the project's documents as ``export`` does.  A database
    that cannot be read (damaged, cut short) raises its error: which folder it codes cannot
    be known, and list and search, which read nothing else of it, printed the sample
    articles and found nothing in the project's documents without a word of it."""
    if target.open_file is not None or real_path(target.corpus) != real_path(sample_corpus()):
        return target
    try:
        if not db.is_file():
            return target
        from tui_reader.core.store.annotation_store import AnnotationStore

        with AnnotationStore(db, read_only=True) as store:
            found = project_folder(store.named_documents(), real_path(db).parent)
    except OSError:  # said by the command that reads it
        return target
    return target if found is None else Target(corpus=found)


MESSAGE = "tui-reader: "  # how each of a command's messages begins, and nothing else on stderr


def message_line(text: str) -> str:
    """``text``, a message (``tui-reader: ...``, its line end apart), on one line, every name
    it quotes shown as list shows a name (:func:`shown_pictured`: ``two␊lines.txt``,
    ``a␉b``, ``x␛]0;PWNED␇``, ``invoice�gpj``): the one rule for every message of every
    command, said through :func:`fail` or printed to stderr (:class:`MessagesStream`)."""
    body = text.removesuffix("\n")
    return shown_pictured(body) + text[len(body) :]


def fail(message: str, status: int = 2) -> int:
    """Print ``tui-reader: message`` to stderr on one line (:func:`message_line`) and return
    ``status`` (the message lost when stderr cannot take it: a full disk, a closed pipe; the
    status said all the same)."""
    with contextlib.suppress(OSError, ValueError):
        print(message_line(MESSAGE + message), file=sys.stderr)
    return status
