"""An Obsidian vault's folder: which of its notes are ours, the record of what each held
and was named, and the notes written into it (:mod:`.obsidian_vault` makes them).

Re-exporting into the same folder: a note of ours (its properties say ``tui-reader:``) is
rewritten whole, unless it was edited since it was written (then left, and said); one whose
properties alone Obsidian or a plugin wrote again (reordered, requoted, a property added:
Linter's sorting, a "date modified") is rewritten, the properties added kept; any other
file is never touched, and a name one of them holds is not taken (ours gets a number,
``Interview (2)``).  A note of ours that an export of the whole project no longer writes (its
document or code gone since) is removed when it holds what was written in it, as the
folder's record of what each note held tells (:data:`RECORD`), and left, and named, when it
was edited since, when the record does not know it, or when the export is of a part of the
project.  The record keeps each note's name too, by what it is about, and the next export
gives it the same (:func:`given_names`): ``Interview (2)`` is not renamed ``Interview`` when
the note named so is removed, which would break the links to it.
A note of ours renamed in Obsidian (which changes the links to it in every note), or moved
into a folder below the export's (``Documents/Interviews/``), keeps the name the user gave
it and its place: found by what its properties say it is about (:func:`renamed_notes`; a
journal entry's by when the entry was made), its name kept in the record's ``chosen``, and a
note whose links alone were so changed is not taken for one edited.  One deleted (Obsidian's
``.trash`` is hidden, not looked in) is written again where it was.  The note of a
document whose file moved (its annotations following it to its new name) is the note it
had, found by the blocks of its passages (:func:`given_names`' ``blocks``): its name and
place kept; its file renamed too, the note is renamed where it is, and the links to it in
the vault changed as Obsidian changes them on a rename (:mod:`.vault_links`).  A folder
whose record was not kept (Obsidian Sync and a copy of the visible files leave it behind)
gives each note of ours the name and place it has, found so (:func:`names_found`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tui_reader.core.display import stray_bytes_unescaped
from tui_reader.core.documents.corpus import is_own_note
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.export_text import export_key
from tui_reader.core.interchange.markdown import vault_root
from tui_reader.core.interchange.note_properties import (
    Property,
    body_digest,
    note_parts,
    same_values,
)
from tui_reader.core.interchange.obsidian_vault import MARK, GivenNames, Note
from tui_reader.core.interchange.stopping import tell


def is_ours(path: Path) -> bool:
    """Whether the note at ``path`` is one an export wrote: its front matter says
    ``tui-reader:`` (:func:`~tui_reader.core.documents.corpus.is_own_note`, the rule by
    which the corpus's listing leaves our notes out too)."""
    return is_own_note(path)


def notes_not_ours(folder: Path) -> list[str]:
    """The names (no ``.md``) of the notes a new note of ours must not take: those in
    ``folder`` and any folder below it that no export wrote, and, when ``folder`` lies in an
    Obsidian vault (a folder above it holds ``.obsidian``), every other note of the vault,
    which Obsidian finds by the same name: ``[[Interview 1]]`` would name either.  A note
    of ours the user filed into a folder of its own is ours still."""
    names = [path.stem for path in notes_below(folder) if not is_ours(path)]
    vault = vault_root(folder)
    inside = folder.absolute()
    if vault is not None and vault != inside:
        for top, folders, files in os.walk(vault):
            # .obsidian, .trash; the export's own folder, read above
            folders[:] = [f for f in folders if not f.startswith(".") and Path(top, f) != inside]
            names.extend(f[:-3] for f in files if f.lower().endswith(".md"))
    return names


def notes_below(folder: Path, ends: tuple[str, ...] = (".md",)) -> list[Path]:
    """The notes (``.md``) in ``folder`` and every folder below it but hidden ones (Obsidian's
    ``.trash``, where a note deleted in it goes), where the export's notes are and the user
    may have filed them (``Documents/Interviews/``); ``ends``: the files whose names end
    so, in lower case (a vault's canvases too: :data:`LINKING`)."""
    found: list[Path] = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(top, f) for f in sorted(files) if f.lower().endswith(ends))
    return found


LINKING = (".md", ".canvas")  # the files of a vault whose links to a note Obsidian changes


# The file in the export's folder that keeps the sha256 of what each note of ours held as
# written (by its path in the folder): a note no longer written is removed only when it still
# holds that; and each note's path by what it is about (``names``), so that the next export
# gives it the same name. Hidden, as Obsidian leaves such files out of the vault.
RECORD = ".tui-reader-notes.json"


def given_names(folder: Path) -> GivenNames:
    """The name each note of ours in ``folder`` was given, by what it is about, as the
    folder's :data:`RECORD` keeps them (none when it is missing, damaged or older), or the
    name the user gave it since, renaming it in Obsidian (:func:`renamed_notes`)."""
    names = _read_record(folder, "names")
    found = {} if names else names_found(folder)
    names = names or found
    moved = renamed_notes(folder, names)
    given = GivenNames(
        (about, PurePosixPath(moved.get(path, path)).stem) for about, path in names.items()
    )
    chosen = _read_chosen(folder) | {about for about, path in names.items() if path in moved}
    chosen |= set(found)  # the names the notes have, whatever their texts would name them
    given.chosen = frozenset(chosen)
    given.blocks = lambda about: _blocks(folder, names.get(about), moved)
    given.title = _titles_written(folder, names)
    return given


# A passage's block id, on a line of its own after its quote (``^1a2b3c4d``)
_BLOCK = re.compile(r"^\^([0-9A-Za-z-]+)[ \t]*$", re.MULTILINE)


def _blocks(folder: Path, path: str | None, moved: Mapping[str, str]) -> frozenset[str]:
    """The block ids of the passages of the note of ours the record names ``path`` (where it
    is now: ``moved``), none when it cannot be read, or is not ours."""
    now = moved.get(path, path) if path is not None else None
    if now is None or not _below(now):
        return frozenset()
    try:
        text = (folder / now).read_text("utf-8") if is_ours(folder / now) else ""
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(_BLOCK.findall(text))


def _titles_written(folder: Path, names: Mapping[str, str]) -> Callable[[str], str | None]:
    """The title the note of ours about a document was written with, as the record keeps it
    (None when it does not), the record read when first asked."""
    titles: dict[str, str] | None = None

    def title(about: str) -> str | None:
        nonlocal titles
        if titles is None:
            written = _read_written(folder)
            titles = {}
            for of, path in names.items():
                values = written.get(path, {}).get("properties")
                said = values.get("title") if isinstance(values, dict) else None
                if of.startswith("document:") and isinstance(said, str):
                    titles[of] = said
        return titles.get(about)

    return title


def names_found(folder: Path) -> dict[str, str]:
    """Each note of ours in ``folder`` and the folders below it, by what its properties say
    it is about (a document, a code, the index; not a journal entry, whose note says when
    it was made, not which): the names a folder whose :data:`RECORD` was not kept gave its
    notes (Obsidian Sync and a copy of the visible files leave the hidden record behind),
    a note renamed or filed away since among them.  Two notes of one thing give neither."""
    found: dict[str, str | None] = {}
    for note in notes_below(folder):
        if not is_ours(note):
            continue
        path = _in_folder(folder, note)
        for about in _about(note):
            if not about.startswith("memo "):
                found[about] = None if about in found else path
    return {about: path for about, path in found.items() if path is not None}


def renamed_notes(
    folder: Path,
    names: Mapping[str, str],
    written: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[str, str]:
    """The notes of ours renamed or moved since the last export (in Obsidian, which updates
    the links to a note renamed in every note; a note filed into a folder keeps its links):
    the path the record ``names`` gave each (gone) -> its path now, found among the notes
    of ours in ``folder`` and the folders below it by what it is about (its properties: the
    document's key, the code; a journal entry's, when it was made, as the record's
    ``written`` keeps what each note was written with)."""
    gone = {about: path for about, path in names.items() if not (folder / path).exists()}
    if not gone:
        return {}
    if written is None:
        written = _read_written(folder)
    sought: dict[str, str | None] = {}  # what a note says it is about -> what it is about
    for about, path in gone.items():
        said = _said(about, written.get(path))
        if said is not None:
            sought[said] = None if said in sought else about  # two: neither
    known = set(names.values())
    found: dict[str, str | None] = {}
    for note in notes_below(folder):
        path = _in_folder(folder, note)
        if path in known or not is_ours(note):
            continue
        of = next((a for a in map(sought.get, _about(note)) if a), None)
        if of is not None:
            found[of] = None if of in found else path  # two: neither
    return {gone[about]: path for about, path in found.items() if path is not None}


def _said(about: str, as_written: Mapping[str, object] | None) -> str | None:
    """What the note of ours about ``about`` says it is about (as :func:`_about` reads it):
    ``about`` itself, but a journal entry's note, which names no entry: when it was made,
    as it was written (``as_written``, the record's); None when the record does not know."""
    if not about.startswith("memo:"):
        return about
    values = as_written.get("properties") if as_written is not None else None
    created = values.get("created") if isinstance(values, dict) else None
    return f"memo created:{created}" if isinstance(created, str) and created else None


def _about(path: Path) -> list[str]:
    """What the note of ours at ``path`` may be about, as its properties say (a journal
    entry's, when the entry was made: :func:`_said`): a document's note names the file as
    it is (a control character in its name as the control), whose
    note is about its key as the export writes it (:func:`export_key`); a note written
    before names that key itself."""
    try:
        parts = note_parts(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return []
    values = parts.values() if parts is not None else None
    if values is None:
        return []
    kind = values.get(MARK)
    if kind == "index":
        return ["index"]
    if kind == "memo":
        created = values.get("created")
        return [f"memo created:{created}"] if created else []
    named = values.get(kind) if kind in ("document", "code") else None
    if not named:
        return []
    if kind == "document":
        return list(dict.fromkeys([f"document:{export_key(stray_bytes_unescaped(named))}",
                                   f"document:{named}"]))  # fmt: skip
    return [f"{kind}:{named}"]


def _unrenamed(text: str, moved: Mapping[str, str]) -> str:
    """``text`` with the links Obsidian changed to notes renamed (``moved``: old path ->
    new path) named as before: ``[[new#^id]]`` -> ``[[old#^id]]``."""
    for old, new in moved.items():
        before, after = PurePosixPath(old).stem, PurePosixPath(new).stem
        text = re.sub(rf"\[\[{re.escape(after)}(?=[\]#|])", f"[[{before}", text)
    return text


@dataclass
class VaultWritten:
    """What writing the notes did: ``written`` notes, ``unchanged`` (ours already as they
    would be written: not touched), those ``refused`` (a file not ours holds the name, left
    as it was), ``not_rewritten`` (ours, edited since they were written: left as they are);
    of the notes of ours not written again, those ``removed`` (holding what was written in
    them), ``edited`` since (left), and ``stale`` (left: the record does not know them, or
    the export was of a part of the project)."""

    written: int = 0
    unchanged: int = 0
    refused: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    not_rewritten: list[Path] = field(default_factory=list)  # ours, edited since: left
    # the notes renamed with their document's file (path before -> after, in the folder),
    # and the notes whose links to them were changed
    renamed: dict[str, str] = field(default_factory=dict)
    relinked: list[Path] = field(default_factory=list)


def write_vault(folder: Path, notes: Sequence[Note], *, whole: bool = False) -> VaultWritten:
    """Write ``notes`` into ``folder`` (made, and its subfolders, when missing), each
    atomically, in UTF-8: a note of ours in its place rewritten whole when it changed (one
    named so but for case replaced), unless it was edited since it was written (the user's
    words in it are never overwritten), any other file left alone; what was written flushed
    to the disk once, at the end.  ``whole``: the notes are those of the whole project, so a
    note of ours not among them that holds what was written in it is removed."""
    from tui_reader.core.interchange.workspace_export import write_atomically

    done = VaultWritten()
    record = _read_record(folder, "notes")
    names = _read_record(folder, "names")  # each note's path, by what it is about
    found = {} if names else names_found(folder)  # the record not kept: as the notes say
    names = names or found
    was_written = _read_written(folder)  # each note's body and properties as written
    written: dict[str, dict[str, object]] = {}
    # renamed or moved in Obsidian: what was written follows
    moved = renamed_notes(folder, names, was_written)
    for before, now in moved.items():
        if before in record:
            record[now] = record.pop(before)
        if before in was_written:
            was_written[now] = was_written.pop(before)
    were = {about: moved.get(p, p) for about, p in names.items()}
    places = _places(folder, notes, were)
    # a document whose file was renamed: its note renamed, its links in the vault after it
    with_files = done.renamed = _renamed_with(folder, notes, places, were)
    for before, now in with_files.items():
        if before in record:
            record[now] = record.pop(before)
        if before in was_written:
            was_written[now] = was_written.pop(before)
    # a document whose file moved: its note is the one it had, a name the user chose kept
    follows = {note.about: note.follows for note in notes if note.follows}
    held: dict[str, str] = {}  # what each note of ours holds now, by its path in the folder
    named: dict[str, str] = {}  # the path of each note of this export, by what it is about
    existing: dict[Path, dict[str, str]] = {}
    # Every folder made and listed first: one that cannot be (a file holds its name) is
    # said before any note is written
    for sub in dict.fromkeys(path.parent for path in places):
        try:
            sub.mkdir(exist_ok=True)
            listed = list(os.scandir(sub))
        except OSError as exc:
            problem = "a file, not a folder" if sub.is_file() else exc.strerror
            raise TuiReaderError(f"{sub}: {problem}; no note was written") from exc
        existing[sub] = {
            e.name.casefold(): e.name for e in listed if e.name.lower().endswith(".md")
        }
    # and where the notes of ours not written again may be, filed away by the user
    filed = [moved.get(p, p) for p in names.values()]
    for sub in dict.fromkeys((folder / p).parent for p in filed if _below(p)):
        with contextlib.suppress(OSError):
            if sub not in existing:
                listed = [e for e in os.scandir(sub) if e.name.lower().endswith(".md")]
                existing[sub] = {e.name.casefold(): e.name for e in listed}
    kept: set[Path] = set()
    tell(0, len(notes), "notes written")
    for number, (note, path) in enumerate(zip(notes, places, strict=True)):
        if number:
            tell(number, len(notes), "notes written")
        sub = path.parent
        data = note.text.encode("utf-8")
        there = existing[sub].get(path.name.casefold())
        if there is not None and not is_ours(sub / there):
            done.refused.append(sub / there)
            continue
        kept.add(path)
        if note.about:
            named[note.about] = _in_folder(folder, path)
        as_written = _as_written(note.text)
        if as_written is not None:
            written[_in_folder(folder, path)] = as_written
        if there == path.name and _holds(path, data):
            done.unchanged += 1
            held[_in_folder(folder, path)] = hashlib.sha256(data).hexdigest()
            continue
        if there is not None:
            at = _in_folder(folder, sub / there)
            added = _properties_added(sub / there, was_written.get(at), moved)
            merged = _with_properties(note.text, added) if added else None
            if merged is not None:  # ours, but for properties Obsidian or a plugin added
                data = merged.encode("utf-8")
            elif added or (added is None and _edited(folder, sub / there, record, moved)):
                # the user's words in it: left as it is, never overwritten (said)
                kept.add(sub / there)
                if at in record:
                    held[at] = record[at]
                written.pop(_in_folder(folder, path), None)
                if at in was_written:
                    written[at] = was_written[at]
                if note.about:
                    named[note.about] = at
                done.not_rewritten.append(sub / there)
                continue
            if there == path.name and _holds(path, data):
                done.unchanged += 1
                held[at] = hashlib.sha256(data).hexdigest()
                continue
        held[_in_folder(folder, path)] = hashlib.sha256(data).hexdigest()
        try:  # a new name: a file made there meanwhile (not ours) is not replaced
            write_atomically(path, data, overwrite=there is not None, synced=False)
        except TuiReaderError:
            if there is not None or not path.exists():
                raise
            done.refused.append(path)
            continue
        old = sub / there if there is not None and there != path.name else None
        if old is not None and old.exists() and not os.path.samefile(old, path):
            os.unlink(old)  # ours, named so but for case, on a file system that tells case
        done.written += 1
    tell(len(notes), len(notes), "notes written")
    if with_files:
        # written now: their links are new
        fresh = {path.absolute() for path in kept.difference(done.not_rewritten)}
        done.relinked = _relink(folder, with_files, fresh, held)
    if (done.written or done.relinked) and hasattr(os, "sync"):
        os.sync()
    for sub, notes_there in existing.items():
        for name in sorted(notes_there.values()):
            path = sub / name
            if path not in kept and path.exists() and is_ours(path):
                _left_or_removed(folder, path, record, whole, done, held, was_written)
                key = _in_folder(folder, path)
                if key in held and key in was_written:
                    written[key] = was_written[key]
    # a note not in this export (of a part) that is still there keeps its name too
    taken = set(named.values())
    left = {a: p for a, p in names.items() if a not in named and p in held and p not in taken}
    named = dict(sorted({**left, **named}.items()))
    # the names the user gave (renamed in Obsidian), kept while the note keeps its name
    was_chosen = _read_chosen(folder)
    renamed = {about for about, path in names.items() if path in moved} | set(found)
    chosen = {
        about
        for about in was_chosen | renamed
        if about in named and named[about] == moved.get(names.get(about, ""), names.get(about))
    }
    chosen |= {
        now
        for now, was in follows.items()
        if was in was_chosen | renamed
        and named.get(now) == moved.get(names.get(was, ""), names.get(was))
    }
    if held != record or named != names or written != was_written or chosen != was_chosen:
        # not kept (a folder read-only, its notes unchanged): none is then removed, no more
        with contextlib.suppress(TuiReaderError):
            write_atomically(folder / RECORD, _record_bytes(held, named, written, chosen))
    return done


def _places(folder: Path, notes: Sequence[Note], were: Mapping[str, str]) -> list[Path]:
    """Where each of ``notes`` is written: in its own folder of the export, or where the
    note of ours of the same name and about the same is now (``were``, by what each is
    about: the record's path, or its path since it was moved), filed by the user into a
    folder below the export's."""
    places = []
    for note in notes:
        path = (folder / note.folder if note.folder else folder) / f"{note.name}.md"
        there = were.get(note.about) if note.about else None
        if there is None and note.follows:  # a document whose file moved: where its note is
            there = were.get(note.follows)
            if there is not None and _below(there) and PurePosixPath(there).stem != note.name:
                # its file renamed too: its note renamed where it is (see _renamed_with)
                path = (folder / there).parent / f"{note.name}.md"
        if (
            there is not None
            and _below(there)
            and PurePosixPath(there).stem == note.name
            and (folder / there).is_file()
        ):
            path = folder / there
        places.append(path)
    return places


def _renamed_with(
    folder: Path, notes: Sequence[Note], places: Sequence[Path], were: Mapping[str, str]
) -> dict[str, str]:
    """The notes of ours of documents whose file was renamed since the last export (their
    annotations following it, by its text: ``Note.follows``), renamed as the export names
    them now, where each is (``were``: the paths of the notes by what they are about): the
    path of each in ``folder`` before -> after.  A note not ours there, or any file of the
    new name, leaves it as it is (the note written anew, as before)."""
    renamed: dict[str, str] = {}
    for note, path in zip(notes, places, strict=True):
        there = were.get(note.follows) if note.follows else None
        if there is None or not _below(there) or PurePosixPath(there).stem == note.name:
            continue
        old = folder / there
        if old.parent != path.parent or not old.is_file() or not is_ours(old):
            continue
        if os.path.lexists(path):
            continue
        try:
            os.rename(old, path)
        except OSError:
            continue
        renamed[there] = _in_folder(folder, path)
    return renamed


def _relink(
    folder: Path, renamed: Mapping[str, str], fresh: set[Path], held: dict[str, str]
) -> list[Path]:
    """Change the links to the notes ``renamed`` (their paths in ``folder`` before ->
    after) in every note and canvas of the vault (of the Obsidian vault ``folder`` lies in,
    else of ``folder``) but those written now (``fresh``), as Obsidian changes them on a rename
    (:mod:`.vault_links`); the notes changed.  A note of ours unedited since it was
    written stays so (its record, ``held``, holds what it holds now)."""
    from tui_reader.core.interchange.vault_links import relink

    root = vault_root(folder) or folder.absolute()
    base = folder.absolute().relative_to(root).as_posix()
    in_vault = {
        f"{base}/{b}".removeprefix("./"): f"{base}/{a}".removeprefix("./")
        for b, a in renamed.items()
    }
    notes = [note for note in notes_below(root, LINKING) if note.absolute() not in fresh]
    changed = relink(root, notes, in_vault)
    for note, before, after in changed:
        with contextlib.suppress(ValueError):  # (a note out of the export's folder)
            key = _in_folder(folder, note)
            if held.get(key) == hashlib.sha256(before).hexdigest():
                held[key] = hashlib.sha256(after).hexdigest()
    return [note for note, _, _ in changed]


def _below(path: str) -> bool:
    """Whether ``path`` (the record's) names a note in the export's folder or one below
    it, no hidden folder (a record edited by hand names no file elsewhere)."""
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and not PurePosixPath(path).is_absolute()
        and "\\" not in path
        and all(part not in ("", ".", "..") and not part.startswith(".") for part in parts)
        and parts[-1].lower().endswith(".md")
    )


def _left_or_removed(
    folder: Path,
    path: Path,
    record: Mapping[str, str],
    whole: bool,
    done: VaultWritten,
    held: dict[str, str],
    was_written: Mapping[str, Mapping[str, object]],
) -> None:
    """A note of ours not written again: removed when ``whole`` and it holds what the
    ``record`` says was written in it (its properties perhaps written again otherwise, none
    added: ``was_written``), else left (its record kept, in ``held``)."""
    key = _in_folder(folder, path)
    written = record.get(key)
    if written is None:
        done.stale.append(path)
        return
    held[key] = written
    try:
        now = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        done.stale.append(path)
        return
    if now != written and _properties_added(path, was_written.get(key)) != ():
        done.edited.append(path)
    elif not whole:
        done.stale.append(path)
    else:
        try:
            os.unlink(path)
        except OSError:
            done.stale.append(path)
            return
        del held[key]
        done.removed.append(path)


def _edited(folder: Path, path: Path, record: Mapping[str, str], moved: Mapping[str, str]) -> bool:
    """Whether the note of ours at ``path`` was edited since it was written: it no longer
    holds what the ``record`` says was written in it (one the record does not know: not),
    but for its links to notes renamed since (``moved``), which Obsidian changed."""
    written = record.get(_in_folder(folder, path))
    if written is None:
        return False
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if hashlib.sha256(data).hexdigest() == written:
        return False
    if not moved:
        return True
    try:
        text = _unrenamed(data.decode("utf-8"), moved)
    except UnicodeDecodeError:
        return True
    return hashlib.sha256(text.encode("utf-8")).hexdigest() != written


def _as_written(text: str) -> dict[str, object] | None:
    """What the record keeps of a note of ours as it is written (``text``): its body's
    digest and its properties' values."""
    parts = note_parts(text)
    values = parts.values() if parts is not None else None
    if parts is None or values is None:
        return None
    return {"body": body_digest(parts.body), "properties": values}


def _properties_added(
    path: Path, as_written: Mapping[str, object] | None, moved: Mapping[str, str] | None = None
) -> tuple[Property, ...] | None:
    """The properties added to the note of ours at ``path`` when it holds what was written
    in it (``as_written``, the record's) but for how its properties are written (their
    order, their quotes: Obsidian's or Linter's writing): its body and each property of
    ours with its value.  None when it was edited otherwise, or the record does not know."""
    if as_written is None:
        return None
    ours, body = as_written.get("properties"), as_written.get("body")
    if not isinstance(ours, dict) or not isinstance(body, str):
        return None
    try:
        parts = note_parts(_unrenamed(path.read_text("utf-8"), moved or {}))
    except (OSError, UnicodeDecodeError):
        return None
    values = parts.values() if parts is not None else None
    if parts is None or parts.properties is None or values is None:
        return None
    if body_digest(parts.body) != body or not same_values(ours, values):
        return None
    return tuple(p for p in parts.properties if p.key not in ours)


def _with_properties(text: str, added: tuple[Property, ...]) -> str | None:
    """The note of ours ``text`` with the properties ``added`` below its own; None when one
    of them is named as one of its own, in any case (the note would name a key twice)."""
    parts = note_parts(text)
    if not added or parts is None or parts.properties is None:
        return text if not added else None
    own = {p.key.casefold() for p in parts.properties}
    if any(p.key.casefold() in own for p in added):
        return None
    lines = [line for p in (*parts.properties, *added) for line in p.lines]
    return "\n".join(["---", *lines, "---", parts.body])


def _in_folder(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _read_record(folder: Path, part: str) -> dict[str, str]:
    """The ``part`` of the folder's :data:`RECORD`: ``notes`` (the sha256 of each note by
    its path) or ``names`` (each note's path by what it is about); nothing known when it is
    missing or damaged (no note is then removed, none keeps its name)."""
    try:
        data = json.loads((folder / RECORD).read_bytes())
    except (OSError, ValueError):
        return {}
    notes = data.get(part) if isinstance(data, dict) else None
    if not isinstance(notes, dict):
        return {}
    return {k: v for k, v in notes.items() if isinstance(k, str) and isinstance(v, str)}


def _read_written(folder: Path) -> dict[str, dict[str, object]]:
    """The record's ``written``: each note's body digest and properties as written, by its
    path (none known when it is missing, damaged or older)."""
    try:
        data = json.loads((folder / RECORD).read_bytes())
    except (OSError, ValueError):
        return {}
    written = data.get("written") if isinstance(data, dict) else None
    if not isinstance(written, dict):
        return {}
    return {k: v for k, v in written.items() if isinstance(k, str) and isinstance(v, dict)}


def _read_chosen(folder: Path) -> set[str]:
    """The record's ``chosen``: what the notes the user renamed are about."""
    try:
        data = json.loads((folder / RECORD).read_bytes())
    except (OSError, ValueError):
        return set()
    chosen = data.get("chosen") if isinstance(data, dict) else None
    return {a for a in chosen if isinstance(a, str)} if isinstance(chosen, list) else set()


def _record_bytes(
    held: Mapping[str, str],
    named: Mapping[str, str],
    written: Mapping[str, Mapping[str, object]],
    chosen: set[str],
) -> bytes:
    record = {
        "notes": dict(sorted(held.items())),
        "names": dict(named),
        "written": dict(sorted(written.items())),
        "chosen": sorted(chosen),
    }
    text = json.dumps(record, ensure_ascii=False, indent=1)
    return f"{text}\n".encode()


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds ``data`` exactly."""
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False
