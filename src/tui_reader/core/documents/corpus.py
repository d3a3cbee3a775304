"""A corpus is a folder of documents; this lists its files in a stable, natural order."""

from __future__ import annotations

import functools
import os
import stat
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tui_reader.core.cache_files import release_of
from tui_reader.core.display import shown_name
from tui_reader.core.documents.formats import format_of_name
from tui_reader.core.documents.own_texts import OwnTexts
from tui_reader.core.documents.safe_read import not_regular
from tui_reader.core.lazy_pattern import LazyPattern
from tui_reader.core.natural_order import natural_string
from tui_reader.core.wording import clipped
from tui_reader.locations import (
    CACHE_SIGNATURE,
    CACHE_TAG,
    document_key,
    key_of_resolved,
    own_texts_cache_path,
)


@dataclass(unsafe_hash=True)
class CorpusFile:
    """One file below the corpus folder.  ``format`` is ``None`` for unsupported types.

    Never changed once made, and hashed by its fields as a frozen dataclass is, yet not
    frozen: a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``,
    and listing a corpus makes one for each of its 10,000 files (what the library's first
    rows, a search and an export wait on)."""

    location: str  # its path, as listed (absolute, normalized)
    rel: str  # relative to the corpus folder, POSIX separators
    format: str | None
    link: bool = False  # a symbolic link (else ``path`` is resolved: the folder was resolved)
    outside: bool = False  # a link to a file outside the corpus folder: never read

    @cached_property
    def path(self) -> Path:
        """Its path (made when first asked for: a search of packed texts never needs one)."""
        return Path(self.location)


def folder_gone(folder: str) -> str:
    """That the folder ``folder`` (as it is named to the user) is gone since it was listed:
    the corpus folder deleted, moved or its drive unmounted while the app runs (the library's
    listing and the corpus search say it alike)."""
    return f"{folder}: the folder is not there any more (deleted, moved, or its drive unmounted)"


def _not_listed(folder: str, exc: OSError) -> str:
    """Why the folder ``folder`` (as it is named to the user) is not listed: one gone since
    said so (:func:`folder_gone`), not as a folder that "cannot be read (No such file or
    directory)"; a folder nested past the longest path the system takes said by the two ends
    of its name (its whole name was a line of 4,000 characters); a line feed or tab in its
    name as a listing shows one (``two␊lines``: the line feed itself cut the line in two)."""
    folder = clipped(shown_name(folder))
    if isinstance(exc, FileNotFoundError):
        return f"{folder_gone(folder)}; its documents are not listed"
    return (
        f"{folder}: the folder cannot be read ({exc.strerror or exc}); its documents are not listed"
    )


# The time ``list_corpus_files`` gives a folder it could not read (gone, or not permitted):
# none a folder has.  The folder back, or readable again, changes no time that was kept (a
# change of permissions leaves a folder's time as it was), so such a folder is looked at
# again as a listing would read it (see :func:`folder_listable`).
NOT_LISTED = -1


def folder_listable(folder: str) -> bool:
    """Whether the folder ``folder`` can be read now."""
    try:
        with os.scandir(folder):
            return True
    except OSError:
        return False


def list_corpus_files(
    root: Path,
    exclude: Iterable[Path] = (),
    unreadable: list[str] | None = None,
    folders: dict[str, int] | None = None,
    exclude_folders: Iterable[Path] = (),
    named_from: str | None = None,
    ours: list[str] | None = None,
    unchecked: UncheckedTexts | None = None,
    stats: dict[str, os.stat_result] | None = None,
) -> list[CorpusFile]:
    """Every non-hidden file below ``root`` (recursively), in natural order of its relative
    path (an Office owner file, ``~$name``, is no document: left out, nor is the folder of
    a saved web page's parts, ``Page_files`` beside ``Page.html``, nor a JavaScript
    project's ``node_modules`` or a Python virtual environment's folder, nor our exports
    and the notes of our Obsidian vaults, known by their first bytes).  ``exclude`` names
    files to leave out (the database and its sidecars), ``exclude_folders`` folders (the
    caches' folder, put in the corpus); a folder that cannot be read is named
    in ``unreadable`` (a message a person can act on), never skipped without a word: by its
    path in the corpus (``2019/``), or, ``named_from`` given, as a path beginning with it, as
    grep names a folder (``docs/2019`` of ``docs/``, the way a search prints its hits).

    One ``scandir`` per folder: the entries say what is a file without a system call per file
    and nothing is resolved but symbolic links (10,000 files list in a few milliseconds).
    Symbolic links to folders are not followed (no loops).  FIFOs, devices and broken links
    are listed: reading one reports what it is (it is never read).  ``folders``, when given,
    receives each folder listed with its modification time (taken before it is read: a file
    added meanwhile changes it again), which tells whether a listing is out of date, and each
    folder that could not be read with :data:`NOT_LISTED`.  ``ours``, when given, receives
    the path in the corpus of each file left out as written by tui-reader (an export, a
    database, a vault's note: :func:`written_by_us`), which ``list --all`` names.
    ``unchecked``, when given, takes the plain texts of the folders whose own texts are not
    known (changed since the last listing, or never listed: every folder at a first
    listing), listed without reading their first bytes, for the caller to read
    (:meth:`UncheckedTexts.read`) once it has used the listing as it is: a plain text among
    them may be a Markdown export of ours (see :class:`UncheckedTexts`).  ``stats``, when
    given, receives the ``os.stat`` of each file the listing looked at, by location (the
    plain texts of a folder whose own texts were kept: was one written over since?): the
    caller stamping the files just after takes them from it, not from a second ``stat``
    of each (8,000 of the bench's 10,000 files at the app's second start)."""
    root = root.resolve()
    # listed paths are normalized: as strings; a link loop (a cache or database named by one)
    # stays where it starts (Path.resolve raised)
    skip = {os.path.realpath(p) for p in exclude}
    inside = os.path.join(str(root), "")  # what a path below the corpus folder starts with
    skip_folders = {os.path.realpath(p) for p in exclude_folders}
    found: list[CorpusFile] = []
    # which plain texts of each folder are our Markdown exports, kept by the folder's time
    kept = own_texts(root) if unchecked is None else unchecked.kept_for(root)
    # the folders an Obsidian vault of ours was exported into, and those of its notes
    pending: list[tuple[str, str, bool]] = [(str(root), "", vault_notes_folder(str(root)))]
    while pending:
        folder, prefix, in_vault = pending.pop()
        try:
            modified = os.stat(folder).st_mtime_ns  # before it is read (see above)
            if folders is not None:
                folders[folder] = modified
            entries = list(os.scandir(folder))
        except OSError as exc:
            if folders is not None:
                folders[folder] = NOT_LISTED  # looked at again until it can be read
            if unreadable is not None:
                shown = prefix or folder
                if named_from is not None:
                    shown = (named_from + prefix).rstrip(os.sep + "/") or folder
                unreadable.append(_not_listed(shown, exc))
            continue
        names = {entry.name for entry in entries}
        if prefix and _VENV_MARK in names:
            continue  # a Python virtual environment's packages: no documents (see below)
        if prefix and (
            cache_tagged(folder, names)
            or our_cache_folder(prefix.rstrip("/").rpartition("/")[2], names)
        ):
            continue  # a cache of ours left in the corpus (see below)
        vault = _vault_here(names)  # a vault of ours: its index here, its notes below
        notes = vault or in_vault  # a note of ours may be here: told by its first bytes
        start = len(found)  # this folder's files are found[start:]
        # whether it holds a plain text or a Markdown file: a Markdown export of ours may be
        # one, told by its first bytes, kept with the folder's time (see own_texts); where a
        # note of ours may be, a Markdown file's are read at each listing (_ours, below)
        texts = False
        told = _TOLD if not notes else _PLAIN
        for entry in entries:
            name = entry.name
            if _beside_a_database(name, names):
                continue
            if _left_by_a_database(name, entry.path):
                if ours is not None:
                    ours.append(prefix + name)
                continue
            if name.startswith((".", "~$")) or name == "__pycache__":
                # Hidden, or the owner file Word and Excel make beside a file while it is
                # open ("~$report.docx": who has it open, no document), which was listed as a
                # damaged Word file while its document was being edited.
                continue
            link = outside = False
            try:
                if entry.is_dir(follow_symlinks=False):
                    if (
                        entry.path not in skip_folders
                        and not _page_assets(name, names)
                        and name not in _TOOLS_FOLDERS
                    ):
                        # a folder of the vault's notes, or another the user filed
                        # notes into: the export finds its notes in any folder below
                        notes_below = in_vault or vault
                        pending.append((entry.path, prefix + name + "/", notes_below))
                    continue
                if entry.is_dir():  # a link to a folder: not followed
                    continue
                # Not a regular file (a FIFO, a device link, a link loop): listed all the
                # same, so that reading it reports what it is instead of a silent skip.
                link = entry.is_symlink()
                if link:
                    real = os.path.realpath(entry.path)
                    if entry.path in skip or real in skip:
                        continue
                    # A link to a file out of the corpus (/etc/passwd, ~/.ssh/id_rsa): listed,
                    # and said to lie outside, never read (as the app and exports say); a link
                    # to a device or FIFO out there is said to be what it is.
                    outside = not real.startswith(inside) and os.path.isfile(real)
                elif entry.path in skip:
                    continue
            except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop
                link = True  # unknown: its key is found the slow way
            if system_litter(name):
                continue
            form = format_of_name(name)
            if form not in told and _ours(entry.path, name, form, notes):
                if ours is not None:
                    ours.append(prefix + name)
                continue
            texts = texts or form in told
            found.append(CorpusFile(entry.path, prefix + name, form, link, outside))
        if texts:
            here = found[start:]
            exports = kept.ours(folder, modified)
            if exports is None and unchecked is not None:
                # its texts' heads read by the caller, later, plain and Markdown alike (a
                # Markdown file's read here first: a first search of 2,000 notes opened and
                # read each twice); in a folder where a note of ours may be, the Markdown
                # files were told above (_ours), and the plain texts alone are left
                exports = set()
                unchecked.add(folder, modified, here, told)
            elif exports is None:  # the folder changed since: its texts' heads read
                exports = _own_texts(folder, here, told)
                kept.keep(folder, modified, exports)
            else:  # those written over in place since (no folder's time shows it) read
                again = _changed_since(here, kept.changed_since(folder), stats, told)
                if again:
                    exports = exports.difference(again) | _own_texts(folder, again.values(), told)
                    kept.keep(folder, modified, exports)
            if exports:
                # (of the formats told here alone: a Markdown file kept as ours, its folder
                # since found below a vault of ours, was told by its head above, as it is now)
                mine = {f.location for f in here if f.format in told and f.location in exports}
                found[start:] = [f for f in here if f.location not in mine]
                if ours is not None:
                    ours.extend(f.rel for f in here if f.location in mine)
    _in_order(found, kept)
    if unchecked is None or not unchecked:
        kept.save()
    return found


def _in_order(found: list[CorpusFile], kept: OwnTexts) -> None:
    """Put ``found`` in natural order, names alike but for case or accents in the order of
    their characters: the order the last listing kept when it found the same files (each
    name's place looked up), else each name's key made (:func:`natural_string`) and the
    order kept for the next listing."""
    order = kept.order()
    if order is not None and len(order) == len(found):
        try:
            place = {name: n for n, name in enumerate(order)}
            found.sort(key=lambda f: place[f.rel])
            return
        except (KeyError, TypeError):  # another file (a name kept that is no text: damaged)
            pass
    found.sort(key=lambda f: natural_string(f.rel))
    kept.keep_order([f.rel for f in found])


# What an operating system leaves in a folder it shows (picture thumbnails, a folder's
# settings, a folder's icon on a Mac), by name, folded to lower case: no document
_SYSTEM_FILES = frozenset(
    {"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "icon\r"}
)


def system_litter(name: str) -> bool:
    """Whether a file named ``name`` is no document but what an editor or the operating
    system leaves beside documents: an editor's backup (``notes.txt~``, as Emacs, Vim's
    ``backup`` and gedit write it), Emacs's auto-save file (``#notes.txt#``), Windows's
    thumbnails and folder settings (``Thumbs.db``, ``desktop.ini``).  They were listed,
    each "unsupported file type" at every listing.  (Hidden files, a LibreOffice lock
    ``.~lock.x.odt#``, a Mac's ``.DS_Store``, and Office's owner files ``~$x.docx`` are
    left out with them.)"""
    return (
        name.endswith("~")
        or (len(name) > 2 and name.startswith("#") and name.endswith("#"))
        or name.lower() in _SYSTEM_FILES
    )


# Folders a programmer's tools fill with other people's files, never documents: tui-reader run
# on a home or project folder listed every README.md, LICENSE and package.json of a
# JavaScript project's packages (node_modules), thousands of rows of them, as documents; so
# did a Python virtual environment (a folder holding pyvenv.cfg) not hidden as ".venv" is.
_TOOLS_FOLDERS = frozenset({"node_modules"})
_VENV_MARK = "pyvenv.cfg"


# The folders of our caches, each told by the names its files alone have: the converted texts
# (the file's SHA-256, its format and the converters' versions), the library's facts and
# search texts and the places read (a database's path's digest), Textual's rules.
_CACHE_FOLDERS = {
    "converted": LazyPattern(r"[0-9a-f]{64}-[a-z0-9]+(?:-[a-z][0-9]+)+\.json|tmp\w+\.tmp"),
    "library": LazyPattern(r"[0-9a-f]{20}(?:-[a-z]+)?\.(?:json|texts)"),
    "placed": LazyPattern(r"[0-9a-f]{20}(?:-[a-z]+)?\.json"),
    "styles": LazyPattern(r"textual-rules\.pickle"),
}


def cache_tagged(folder: str, names: Iterable[str]) -> bool:
    """Whether ``folder``, holding the files ``names``, is marked a cache (ours since they
    are tagged, another tool's too: never documents) by a
    :data:`~tui_reader.locations.CACHE_TAG` beginning with its signature."""
    if CACHE_TAG not in names:
        return False
    try:
        with open(os.path.join(folder, CACHE_TAG), "rb") as tag:
            return tag.read(len(CACHE_SIGNATURE)) == CACHE_SIGNATURE
    except OSError:
        return False


def our_cache_folder(name: str, names: Iterable[str]) -> bool:
    """Whether a folder named ``name`` holding the files ``names`` is one of our caches' (see
    :func:`~tui_reader.locations.resolve_cache_dir`), told by its layout: its name, and every
    file in it named as that cache names its files (hidden ones aside: our files being
    written).  A cache left in the corpus by an earlier ``$TUI_READER_CACHE``, the variable
    since unset, was listed file by file, each "unsupported file type '.json'"; a folder of
    the user's named "library" holds other names, and is listed."""
    pattern = _CACHE_FOLDERS.get(name)
    if pattern is None:
        return False
    shown = [n for n in names if not n.startswith(".")]
    return bool(shown) and all(pattern.fullmatch(n) for n in shown)


# Why a file listed in the corpus, a link to a file out of it, is not read
OUTSIDE_CORPUS = "is outside the corpus folder; not read"


def not_a_file(path: Path | str) -> str | None:
    """Why the file ``path`` leads to is not read when it is no regular file (a device, a
    FIFO: :func:`~tui_reader.core.documents.safe_read.not_regular`); None when it is one, a
    folder, or cannot be looked at.  A link out of the corpus to such a file is said to be
    what it is, not to lie outside (moved inside, it would be no more read): the listing's
    rule, which every command and the app say alike."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else not_regular(mode)


# What a tui-reader database keeps beside it (locations.db_sidecars, and a journal's damaged
# tail kept aside), by the end of its name
_SIDECAR_ENDS = (".journal", ".lock", ".fold", ".open", ".journal.damaged", ".previous")


# The ends of the folder a browser saves a web page's parts in beside the page ("Report.html"
# and "Report_files"), in the languages browsers name it in (Dutch, Polish, Czech, Finnish,
# Portuguese, Catalan, Turkish and Hungarian too: such a folder's frames were documents).
_ASSETS_ENDS = (
    "_files", "-Dateien", "_archivos", "_fichiers", "_arquivos", "_file", "-filer",
    "_bestanden", "_pliki", "_soubory", "_tiedostot", "_ficheiros", "_fitxers", "_dosyalar",
    "_elemei",
)  # fmt: skip


# The names our exports are written under (their formats' extensions), and what each begins
# with: an export written into the corpus (``export -f csv -o docs/coding.csv``) was listed as
# "unsupported file type '.csv'" at every listing after it.  (A Markdown export is told by
# its first bytes too, any file named as Markdown: :data:`_OWN_MARKDOWN`; the notes of a
# vault exported there: :data:`VAULT_RECORD`.)
_EXPORT_ENDS = (".csv", ".json", ".jsonld", ".qdc", ".qdpx", ".db")  # .db: a database's
_EXPORT_HEAD = 4096  # bytes read of such a file: what its first lines say
# The formats of those names: none read, and a CSV (read as a table or a transcript: our own
# export of the codes is no document, its quotes found twice by a search)
_EXPORTED = frozenset({None, "csv"})
_OWN_HEADS = (
    # csv and csv-raw: their header row (after a byte-order mark)
    LazyPattern(rb"(?:\xef\xbb\xbf)?id,document,tag,content,note,start,end,"),
    # codebook-csv: its header, as it writes it alone (Taguette's own has more columns)
    LazyPattern(rb"\xef\xbb\xbftag,description\r\n"),
    # json: an array of records whose first fields are these
    LazyPattern(
        rb'\[\s*\{\s*"id":\s*"[^"]*",\s*"document":\s*"(?:[^"\\]|\\.)*",\s*"start":\s*\d+,'
        rb'\s*"end":\s*\d+,\s*"quote":'
    ),
    LazyPattern(rb'\{\s*"tui-reader":\s*"project"'),  # project
    # w3c: the context names ours
    LazyPattern(
        rb'\{\s*"@context":\s*\[\s*"http://www\.w3\.org/ns/anno\.jsonld",\s*\{\s*"tuiReader"'
    ),
    # qdc, and the project.qde of a qdpx (its first entry)
    LazyPattern(rb'<\?xml[^>]*\?>\s*<(?:CodeBook|Project)\s[^>]*\borigin="tui-reader[ "]'),
    # a database (a colleague's put in the corpus to be merged, or one a run in the folder
    # made): one of its tables first, records by number, as the store writes it (a table a
    # line) or as TinyDB and earlier versions did (one line); the files beside it are left
    # out too (_beside_a_database)
    LazyPattern(
        rb'\{\s*"(?:annotations|tags|positions|memos|attributes|history|meta)":\s*'
        rb'\{\s*(?:\}|"\d+":\s*\{)'
    ),
)


def written_by_us(
    path: str,
    notes_here: Callable[[str], bool] | None = None,
    exports: Callable[[str], tuple[set[str], int] | None] | None = None,
) -> bool:
    """Whether the file at ``path`` is one the listing leaves out as written by tui-reader:
    an export of ours or a database (by its first bytes), or a note of a vault of ours in
    its record's folder or one of its notes' (by its front matter); asked of a file alone,
    as the files a command names are (``autocode WORD -t T docs/*``, ``export docs/*``).
    ``notes_here``: whether a folder may hold a note of ours (:func:`vault_notes_folder`),
    kept by a caller asking of many files; ``exports``: the plain texts of a folder the
    last listing found to be our Markdown, when it still holds what it held then
    (:func:`exports_known`), so that 10,000 texts named are not each read (a text written
    over in place since is)."""
    folder, name = os.path.split(path)
    notes = name.endswith(".md") and (notes_here or vault_notes_folder)(folder)
    form = format_of_name(name)
    if form == "text":  # our Markdown under a plain text's name (see own_texts)
        known = exports(folder) if exports is not None else None
        if known is not None and not _written_since(path, known[1]):
            return path in known[0]
        return own_markdown_head(_head(path))
    return _ours(path, name, form, notes)


def own_texts(root: str | Path) -> OwnTexts:
    """What the listing of the corpus folder ``root`` (resolved) keeps of the plain texts of
    its folders that are Markdown exports of ours (see :mod:`.own_texts`)."""
    from tui_reader.core import natural_order

    return OwnTexts(
        own_texts_cache_path(Path(root)),
        _OWN_MARKDOWN.pattern.decode("latin-1"),
        release_of(1, natural_order),  # (a change of the natural order misses the order kept)
    )


def exports_known(root: str | Path) -> Callable[[str], tuple[set[str], int] | None]:
    """The paths of the plain texts of a folder below ``root`` (resolved) that the last
    listing found to be our Markdown, when the folder's time is still the one it had then,
    with the change time from which a text of it is to be read again (written over in
    place since), else None (see :mod:`.own_texts`): a look at each folder, once."""
    kept = own_texts(root)

    @functools.cache
    def known(folder: str) -> tuple[set[str], int] | None:
        try:
            modified = os.stat(folder).st_mtime_ns
        except OSError:
            return None
        found = kept.ours(folder, modified)
        return None if found is None else (found, kept.changed_since(folder))

    return known


def vault_notes_folder(folder: str) -> bool:
    """Whether ``folder`` may hold a note of a vault of ours: the vault's folder
    (:func:`_vault_here`) or any folder below it, where the export finds its notes (its
    folders of notes, and those the user filed them into): a few looks at each folder above."""
    while True:
        if _vault_folder(folder):
            return True
        parent = os.path.dirname(folder)
        if not parent or parent == folder:
            return False
        folder = parent


def _ours(path: str, name: str, form: str | None, notes: bool) -> bool:
    """The listing's rule of what tui-reader wrote (see :func:`written_by_us`); ``notes``:
    a note of a vault of ours may be in the file's folder."""
    if form in _EXPORTED and name.endswith(_EXPORT_ENDS) and _own_export(path):
        return True
    if form != "markdown":
        return False
    head = _head(path)  # read once for both
    if own_markdown_head(head):
        return True
    return notes and name.endswith(".md") and _OWN_NOTE.match(head) is not None


# A Markdown export of ours (``export -o notes.md`` run in the corpus folder, by document or
# by code, under any name): it holds every quote again, and was listed as a document,
# searched (each quote found twice), coded, and sent to QualCoder as a source.  Known by its
# first bytes: its title and the line below it saying who wrote it, or, when it has front
# matter (the documents' attributes, which may run to megabytes), its first property,
# :data:`OWN_PROPERTY` of :data:`EXPORT_KIND` (the title is looked for below a front matter
# ending in the head too: an export of an earlier version).  Files named as Markdown or as
# plain texts are read, their first 4 KB, when their folder changed since the last listing
# (or the file was written over in place since: see own_texts); what was found is kept.
OWN_PROPERTY = "tui-reader"  # the property of our Markdown's front matter saying what it is
EXPORT_KIND = "export"  # its value in a Markdown export (a vault's notes: VAULT_RECORD)
# A copy saved on Windows (an editor's CRLF line ends, a git checkout's, Notepad's byte-order
# mark before them) is known as the LF one is: it was listed and searched as a document.
_OWN_MARKDOWN = LazyPattern(
    rb"(?:\xef\xbb\xbf)?"
    rb'(?:---\r?\n"tui-reader": "export"\r?\n'
    rb"|(?:---\r?\n(?:[^\n]*\n)*?---\r?\n\r?\n)?"
    rb"# Annotations(?: by tag)?\r?\n\r?\nExported by tui-reader )"
)


# The formats whose files a listing tells our Markdown exports among by their first bytes,
# kept by their folder's time (see own_texts): plain texts (our Markdown under a text's
# name), and Markdown files, but in a folder where a note of our vault may be (its notes are
# told by their first bytes at each listing: _ours)
_PLAIN = frozenset({"text"})
_TOLD = frozenset({"text", "markdown"})


class UncheckedTexts:
    """The plain texts and Markdown files a listing left unread (:func:`list_corpus_files`'s
    ``unchecked``): those of each folder whose own texts were not known, any of which may be
    a Markdown export of ours.  Telling them is a read of each one's first bytes: at a first
    listing, the benchmark's 10,000 files, about 60 ms of CPU for its 8,000 plain texts alone
    and more in the app beside its first screen, which the corpus search asked at start
    waited for though it reads every one of those files anyway (it tells our exports from
    the bytes it reads, :func:`own_markdown_head`).  The listing keeps them here; :meth:`read`
    tells them and keeps what it found for the next listing."""

    def __init__(self) -> None:
        self._kept: OwnTexts | None = None
        # each folder, its time, its texts left unread, and the formats they were left of
        self._folders: list[tuple[str, int, list[CorpusFile], frozenset[str]]] = []
        self.paths: set[str] = set()  # the texts left unread (not to be changed)

    def __bool__(self) -> bool:
        return bool(self._folders)

    def kept_for(self, root: Path) -> OwnTexts:
        """The own texts kept for the corpus folder ``root`` (see :func:`own_texts`)."""
        self._kept = own_texts(root)
        return self._kept

    def add(
        self, folder: str, modified: int, files: list[CorpusFile], told: frozenset[str] = _PLAIN
    ) -> None:
        """Leave the texts of ``files`` of the formats ``told`` (listed in ``folder``, whose
        modification time is ``modified``) unread for now."""
        texts = [f for f in files if f.format in told and not f.outside]
        self._folders.append((folder, modified, texts, told))
        self.paths.update(f.location for f in texts)

    def read(self) -> set[str]:
        """The paths of the texts left unread that are Markdown exports of ours (their first
        bytes read now), kept for the next listing with the own texts of every folder."""
        found: set[str] = set()
        for folder, modified, files, told in self._folders:
            exports = _own_texts(folder, files, told)
            found |= exports
            if self._kept is not None:
                self._kept.keep(folder, modified, exports)
        if self._kept is not None:
            self._kept.save()
        return found

    def told(self, read: Iterable[str], ours: Iterable[str]) -> None:
        """Keep for the next listing, as :meth:`read` keeps them, the own texts of each
        folder whose texts left unread the caller told since from the bytes it read (the
        command's search: ``read``, the paths of those it told no export of ours, ``ours``
        of those it told ours); a folder of which one was not told (it could not be read, or
        the search stopped before it) is not kept: the next listing reads its texts' heads."""
        if self._kept is None:
            return
        read, ours = set(read), set(ours)
        for folder, modified, files, _told in self._folders:
            if all(f.location in read or f.location in ours for f in files):
                self._kept.keep(folder, modified, {f.location for f in files} & ours)
        self._kept.save()


def _own_texts(folder: str, files: Iterable[CorpusFile], told: frozenset[str] = _PLAIN) -> set[str]:
    """The paths of those of ``files`` (listed in ``folder``) of the formats ``told`` that
    begin as a Markdown export of ours, whatever their names say (see :mod:`.own_texts`): a
    link out of the corpus never read."""
    return {
        f.location
        for f in files
        if f.format in told and not f.outside and own_markdown_head(_head(f.location))
    }


def _changed_since(
    files: list[CorpusFile],
    since: int,
    stats: dict[str, os.stat_result] | None = None,
    told: frozenset[str] = _PLAIN,
) -> dict[str, CorpusFile]:
    """Those of ``files`` of the formats ``told`` :func:`_written_since` ``since``, by path
    (``stats``: see :func:`_written_since`)."""
    return {
        f.location: f
        for f in files
        if f.format in told and not f.outside and _written_since(f.location, since, stats)
    }


def _written_since(path: str, since: int, stats: dict[str, os.stat_result] | None = None) -> bool:
    """Whether the file at ``path`` changed (written, or its metadata: the later of its
    modification and change times) at ``since`` (ns) or later (see :mod:`.own_texts`); one
    that cannot be looked at is not read either, and is taken as it was.  ``stats``, when
    given, receives the file's ``os.stat`` (see :func:`list_corpus_files`)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if stats is not None:
        stats[path] = st
    return max(st.st_mtime_ns, st.st_ctime_ns) >= since


def own_markdown_head(head: bytes) -> bool:
    """Whether ``head``, a file's first bytes, begins as a Markdown export of ours
    (:data:`_OWN_MARKDOWN`), whatever the length of its front matter."""
    return _OWN_MARKDOWN.match(head) is not None


def own_markdown_start(data: bytes) -> bool:
    """:func:`own_markdown_head` of a file's bytes ``data`` (its first ones, or all), told
    from the first :data:`_EXPORT_HEAD` as the listing tells it (:class:`UncheckedTexts`)."""
    return _OWN_MARKDOWN.match(data, 0, _EXPORT_HEAD) is not None


def own_markdown_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file at ``path`` begins as a Markdown export of ours, as the listing
    tells a plain text (its first bytes: none of a file that is not a regular one)."""
    return own_markdown_head(_head(path))


def own_markdown(path: str) -> str | None:
    """What marks the file at ``path`` as a Markdown export of ours (its first lines,
    :data:`_OWN_MARKDOWN`), as a person takes it out to have a copy they made their own
    read as a document: the line below its title saying who exported it, and the property
    saying so first in its front matter when it has it; None when it is none."""
    head = _head(path)
    found = _OWN_MARKDOWN.match(head)
    if found is None:
        return None
    line = "its line 'Exported by tui-reader …'"
    marked = _MARKED_FRONT.match(head.removeprefix(b"\xef\xbb\xbf"))
    return f'{line} and its property "{OWN_PROPERTY}"' if marked else line


_MARKED_FRONT = LazyPattern(rb'---\r?\n"tui-reader": "export"\r?\n')


def _own_export(path: str) -> bool:
    """Whether the file at ``path`` is one of our exports or a database, by what it begins
    with (a qdpx: its first entry's, unpacked from the head alone)."""
    head = _head(path)
    if head.startswith(b"PK\x03\x04"):
        head = _first_entry_head(head)
    return any(pattern.match(head) for pattern in _OWN_HEADS)


# An Obsidian vault exported into the corpus (``export -f obsidian -o docs/vault``): its
# notes are Markdown, and were listed, read and searched as documents, and the next export
# held notes of those notes.  Every export keeps its record in the vault's folder (hidden,
# so not listed) and writes its notes there (the index) and in these folders; a note of ours
# is known by its front matter, which says ``tui-reader:`` (:func:`is_own_note`, by which the
# export knows its own too).  A vault whose record was not kept (Obsidian Sync, and a copy
# of the vault's visible files, leave hidden files behind) is known by its folders of notes,
# two of them side by side.  A note of ours may be in any folder below the vault's (filed
# there by the user: the export finds it there); the notes of other folders (most folders)
# are not looked at: no file read.  A user's own notes in the vault stay documents.
VAULT_RECORD = ".tui-reader-notes.json"
VAULT_FOLDERS = frozenset({"Documents", "Codes", "Journal"})
# (with CRLF line ends too, a byte-order mark before them: a vault kept in git, checked out
# on Windows, has every note so; the next export took none of them for its own)
_OWN_NOTE = LazyPattern(
    rb"(?:\xef\xbb\xbf)?---\r?\n(?:(?!---)[^\n]*\n)*?"
    rb'"?tui-reader"?: "?(?:document|code|memo|index)"?[ \t]*\r?\n'
)


def _vault_here(names: set[str] | frozenset[str]) -> bool:
    """Whether a folder holding the entries ``names`` is the folder of a vault of ours: its
    record there, or two of its folders of notes (a vault whose record was not kept)."""
    return VAULT_RECORD in names or len(VAULT_FOLDERS.intersection(names)) >= 2


def _vault_folder(folder: str) -> bool:
    """:func:`_vault_here` of ``folder``, from a few looks at its entries by name."""
    if os.path.isfile(os.path.join(folder, VAULT_RECORD)):
        return True
    return sum(os.path.isdir(os.path.join(folder, name)) for name in VAULT_FOLDERS) >= 2


def is_own_note(path: str | os.PathLike[str]) -> bool:
    """Whether the Markdown file at ``path`` is a note our vault export wrote: its front
    matter says ``tui-reader:`` in its first 4 KB, its end not needed there.  The export
    writes the mark first, so a note of ours is known for any length of its properties (a
    document's attribute of 5,000 characters); a mark put below 4 KB of other properties
    is not looked for.  The one rule of the listing (our notes left out) and of the export
    (our notes rewritten, others' never touched)."""
    return _OWN_NOTE.match(_head(path)) is not None


def _head(path: str | os.PathLike[str]) -> bytes:
    """The first :data:`_EXPORT_HEAD` bytes of the regular file at ``path``; none of any
    other file or one that cannot be read.  Read without waiting (a FIFO named coding.csv is
    opened without blocking, and no regular file: not ours)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return b""
    try:
        return os.read(fd, _EXPORT_HEAD) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def _first_entry_head(head: bytes) -> bytes:
    """The first bytes of a zip's first entry when it is our qdpx's ``project.qde`` (stored
    or deflated), from the zip's first bytes: no central directory read (a hostile zip's
    million entries), at most a few kilobytes unpacked (a zip bomb's)."""
    if len(head) < 30:
        return b""
    method, name_length, extra_length = (
        int.from_bytes(head[8:10], "little"),
        int.from_bytes(head[26:28], "little"),
        int.from_bytes(head[28:30], "little"),
    )
    if head[30 : 30 + name_length] != b"project.qde":
        return b""
    data = head[30 + name_length + extra_length :]
    if method == 0:
        return data
    if method != 8:
        return b""
    try:
        return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, _EXPORT_HEAD)
    except zlib.error:
        return b""


def _page_assets(name: str, names: set[str]) -> bool:
    """Whether the folder ``name`` holds the parts of a web page saved beside it (a browser's
    "Web page, complete"): its frames, scripts and styles were each listed as a document
    ("frame.html", "ads.htm") beside the page itself."""
    for end in _ASSETS_ENDS:
        if name.endswith(end):
            page = name[: -len(end)]
            return any(page + suffix in names for suffix in (".html", ".htm", ".xhtml"))
    return False


def _beside_a_database(name: str, names: set[str]) -> bool:
    """Whether ``name`` is a file another tui-reader database keeps beside it in this folder
    (a colleague's ``ana.json``, put in the corpus to be merged): its journal, lock, fold note
    and mark were each listed as "unsupported file type", at every listing and search.
    (Most names end otherwise: told by one look in C, 10,000 files listed 6 ms sooner.)"""
    if not name.endswith(_SIDECAR_ENDS):
        return False
    return any(name.endswith(end) and name[: -len(end)] in names for end in _SIDECAR_ENDS)


# What each file the store keeps beside a database holds (see _left_by_a_database): a
# journal's lines (crc32 in hex, a space, the changes), a lock's process id, the fold's note,
# and the state before the last fold (a database); a journal and the mark may be empty.
_SIDECAR_HEADS = (
    (".journal", LazyPattern(rb"[0-9a-f]{8} \[")),
    (".journal.damaged", LazyPattern(rb"[0-9a-f]{8} \[")),
    (".lock", LazyPattern(rb"\d+\n\Z")),
    (".fold", LazyPattern(rb'\{"from": \[[\d, ]*\], "to": \[')),
    (".previous", _OWN_HEADS[-1]),
)
_EMPTY_SIDECARS = (".journal", ".open", ".lock")


def _left_by_a_database(name: str, path: str) -> bool:
    """Whether ``name`` is a file the store kept beside a database no longer there
    (``annotations.json`` deleted, its journal, lock, fold note, mark and earlier state left):
    each was listed as "unsupported file type" at every listing and search.  Told by the end
    of its name and what it holds, so that a file of the user's so named stays listed."""
    if not name.endswith(_SIDECAR_ENDS):
        return False
    head = _head(path)
    if not head:
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_size == 0 and name.endswith(_EMPTY_SIDECARS)
    return any(name.endswith(end) and pattern.match(head) for end, pattern in _SIDECAR_HEADS)


def keyed_files(files: Iterable[CorpusFile], db: Path) -> list[tuple[str, CorpusFile]]:
    """``(document key, file)`` of each listed file, each document once.  A listed file that
    is not a symbolic link has a resolved path already, so its key costs no system call
    (10,000 files: 1.5 s less), and is its folder's key (found once per folder) and its name.
    A symbolic link to a file listed too is that document, listed once under the file's own
    name: it was listed twice, both times under the link's name, and the file not at all."""
    folder = Path(db).resolve().parent
    folder_keys: dict[str, str] = {}  # a folder of files (resolved) -> its key
    keyed = []
    links = False
    for f in files:
        if f.link:
            keyed.append((document_key(f.path, db), f))
            links = True
            continue
        parent, _, name = f.location.rpartition(os.sep)
        base = folder_keys.get(parent)
        if base is None:
            base = folder_keys[parent] = key_of_resolved(Path(parent or os.sep), folder)
        keyed.append((name if base == "." else f"{base}/{name}", f))
    if not links:
        return keyed
    plain = {key for key, f in keyed if not f.link}
    seen: set[str] = set()
    once = []
    for key, f in keyed:
        if (f.link and key in plain) or key in seen:
            continue  # the file itself is listed, or the link's target was
        seen.add(key)
        once.append((key, f))
    return once
