"""The Markdown export as an Obsidian vault: a note per document, code and journal entry and
an index, read back as Obsidian reads them (every wikilink names a note of the folder, every
``#^id`` a block of it), safe names, and a re-export that rewrites our notes alone."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.documents.document import parse_document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import ExportOptions, obsidian_vault
from tui_reader.core.interchange.markdown_text import MARKDOWN, nested_headings, tag_labels
from tui_reader.core.interchange.obsidian_vault import NAME_BYTES, Vault, note_name, render
from tui_reader.core.interchange.vault_folder import (
    RECORD,
    given_names,
    is_ours,
    notes_not_ours,
    write_vault,
)

TEXT = "The army moved to the border.\n\nTroops stayed for a year. [[x]] #tag ^abc\n"
KEYS = ("int/policy.txt", "other/policy.md", "a:b?.txt")
DOCUMENTS = {k: parse_document(TEXT.encode(), Path(k)) for k in KEYS}
CODES = ("policy", "policy/border", "Policy/x", "policy x", "a:b?", "Emoji 🚀", "x#y^z[1]")


def _on(key: str, phrase: str, *tags: str, note: str = "") -> Annotation:
    start = TEXT.index(phrase)
    document = DOCUMENTS[key]
    return make_annotation(key, TEXT, start, start + len(phrase), document.sha256, tags, note)


ANNOTATIONS = [
    _on("int/policy.txt", "army", "policy/border", "Emoji 🚀", note="see <inaudible> [[x]]"),
    _on("int/policy.txt", "Troops stayed", "policy", "x#y^z[1]"),
    _on("other/policy.md", "border", "Policy/x", "a:b?"),
    _on("a:b?.txt", "year", "a:b?", "policy x"),
]
OPTIONS = ExportOptions(
    exported_at="2026-01-04T00:00:00Z",
    project_name="policy",
    attributes={"int/policy.txt": {"country": "Mexico", "tags": "t", "tui-reader": "x"}},
    memos=[
        Memo(
            MemoKind.DOCUMENT,
            "int/policy.txt",
            "Shy. <Ana> said ^nope",
            created="2026-01-02T10:00:00Z",
        ),
        Memo(MemoKind.CODE, "policy", "Troops in civil roles.", created="2026-01-02T11:00:00Z"),
        Memo(MemoKind.JOURNAL, "", "First day.", created="2026-01-03T09:00:00Z"),
        Memo(MemoKind.JOURNAL, "", "Second.", created="2026-01-03T09:00:30Z"),
    ],
)
TAGS = [Tag("policy", description="State action.\nAt the border.")]


def _vault(taken: tuple[str, ...] = (), given: dict[str, str] | None = None) -> Vault:
    return render(ANNOTATIONS, DOCUMENTS, TAGS, OPTIONS, taken, given)


_LINK = re.compile(r"(!?)\[\[([^\]|#]*)(?:#\^([^\]|]*))?(?:\|[^\]]*)?\]\]")


def _read_vault(folder: Path) -> dict[str, tuple[dict[str, object], str]]:
    """Each note of ``folder`` (by its name casefolded, as Obsidian finds one): its
    properties (read as the YAML they are, each a JSON key and value) and its body."""
    notes: dict[str, tuple[dict[str, object], str]] = {}
    for path in folder.rglob("*.md"):
        text = path.read_text("utf-8")
        properties: dict[str, object] = {}
        if text.startswith("---\n"):
            head, _, text = text[4:].partition("\n---\n")
            for line in head.splitlines():
                key, _, value = line.partition(": ")
                properties[json.loads(key)] = json.loads(value)
        assert path.stem.casefold() not in notes, f"two notes named {path.stem}"
        notes[path.stem.casefold()] = (properties, text)
    return notes


def test_every_link_names_a_note_and_every_block_id_a_block(tmp_path: Path) -> None:
    written = write_vault(tmp_path / "vault", _vault().notes)
    notes = _read_vault(tmp_path / "vault")
    assert written.written == len(notes) == 1 + 3 + len(CODES) + 1 + 2  # Policy, a category
    links = 0
    for _, body in notes.values():
        for match in _LINK.finditer(body):
            if match.start() > 0 and body[match.start() - 1] == "\\":
                continue  # a user's [[x]], escaped: no link
            name, block = match.group(2), match.group(3)
            assert name.casefold() in notes, f"[[{name}]] names no note"
            if block is not None:
                target = notes[name.casefold()][1]
                assert re.search(rf"(?m)^\^{re.escape(block)}$", target), f"no ^{block} in {name}"
            links += 1
    assert links >= 4 + 3 + len(CODES) + 2  # each passage embedded under each of its codes
    # The only block ids are the passages' (a user's ^abc or ^nope stays text)
    ids = re.findall(r"(?m)(?:^| )\^([A-Za-z0-9-]+)[ \t]*$", "".join(b for _, b in notes.values()))
    assert len(ids) == len(ANNOTATIONS)


def test_notes_carry_properties_tags_memos_and_descriptions(tmp_path: Path) -> None:
    write_vault(tmp_path, _vault().notes)
    notes = _read_vault(tmp_path)
    props, body = notes["policy (2)"]  # the index took "policy" (the project's name)
    assert props == {
        "tui-reader": "document",
        "document": "int/policy.txt",
        "title": "The army moved to the border.",
        "attribute:tags": "t",
        "attribute:tui-reader": "x",
        "country": "Mexico",
    }
    labels = tag_labels(CODES)
    assert f"#{labels['policy/border']} #{labels['Emoji 🚀']}" in body
    assert "Shy. \\<Ana> said \\^nope" in body  # the memo, as the one-file export writes it
    assert "- Note: see \\<inaudible> \\[\\[x]]" in body
    assert notes["policy"][0] == {"tui-reader": "index"}
    code = next(b for p, b in notes.values() if p.get("code") == "policy")
    assert "## Description\n\nState action.\nAt the border." in code
    assert "## Memo\n\nTroops in civil roles." in code
    codes = {p["code"] for p, _ in notes.values() if p.get("tui-reader") == "code"}
    assert codes == {*CODES, "Policy"}  # a category too: the note that links its codes
    journal = [b for p, b in notes.values() if p.get("tui-reader") == "memo"]
    assert sorted(journal) == ["\nFirst day.\n", "\nSecond.\n"]


def test_each_code_is_under_its_parent_in_its_note_and_in_the_index(tmp_path: Path) -> None:
    """The index nested a code under the code listed before it ("gone", then "x/y" whose
    parent "x" is no code of its own, indented under "gone")."""
    write_vault(tmp_path, _vault().notes)
    notes = _read_vault(tmp_path)
    name_of = {str(p["code"]): n for n, (p, _) in notes.items() if "code" in p}
    for code, name in name_of.items():
        parent = code.rpartition("/")[0]
        if parent:
            assert f"Under: [[{name_of[parent]}]]".casefold() in notes[name][1].casefold()
    index = notes["policy"][1].split("## Codes\n\n", 1)[1].split("\n\n", 1)[0]
    above: list[str] = []  # the code of each level above the line
    code_of = {n: c for c, n in name_of.items()}
    for line in index.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        code = code_of[line.strip()[4:-2].casefold()]
        above[depth:] = [code]
        assert depth == code.count("/") and code.rpartition("/")[0] == "/".join(above[:depth])


def test_a_parent_code_counts_its_passages_with_its_subcodes_as_the_codebook_does() -> None:
    """A category whose passages are all under its subcodes said "0 passages"."""
    notes = {n.name: n.text for n in _vault().notes if n.folder == "Codes"}
    labels = tag_labels(CODES)
    category = labels["Policy/x"].rpartition("/")[0]
    assert f"#{category} · 0 passages, 1 with subcodes\n" in notes["Policy (4)"]
    assert f"#{labels['policy']} · 1 passage, 2 with subcodes\n" in notes["policy (5)"]
    assert f"#{labels['policy/border']} · 1 passage\n" in notes["policy-border"]


def test_each_set_of_codes_is_sorted_into_code_notes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # 100,000 passages share a few hundred sets of codes: each set's paths are found once
    # (found for each passage, they were a tenth of the vault's notes' time); each code's
    # note still embeds its passages in reading order
    annotations = [
        _on("int/policy.txt", phrase, "policy/border", "Emoji 🚀")
        for phrase in ("army", "border", "Troops", "year", "stayed")
    ]
    paths = count_calls(monkeypatch, obsidian_vault, "tag_path")
    vault = render(annotations, DOCUMENTS, [], replace(OPTIONS, memos=[]))
    assert paths.calls == 2
    border = next(n.text for n in vault.notes if n.about == "code:policy/border")
    embedded = re.findall(r"#\^(\w+)\]\]", border)
    firsts = [a.id.replace("-", "")[:8] for a in sorted(annotations, key=lambda a: a.start)]
    assert embedded == firsts


def test_a_re_export_rewrites_our_notes_and_never_a_users(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    (folder / "Documents").mkdir(parents=True)
    mine = folder / "Documents" / "A-B-.md"  # a note of the user's, named as ours would be
    mine.write_text("my own thoughts\n", "utf-8")
    (folder / "Reading list.md").write_text("---\ntags: x\n---\nmine\n", "utf-8")
    taken = tuple(notes_not_ours(folder))
    assert sorted(taken) == ["A-B-", "Reading list"]
    vault = _vault(taken)
    assert vault.clashed == [("A-B-", "a-b- (2)")]
    first = write_vault(folder, vault.notes)
    assert first.refused == [] and first.stale == []
    ours = folder / "Documents" / "a-b- (2).md"
    assert is_ours(ours) and not is_ours(mine)
    # The user edits our note and adds one of theirs; a code of ours is renamed away
    made = ours.read_text("utf-8")
    ours.write_text(made + "an edit\n", "utf-8")
    (folder / "Codes" / "Emoji 🚀.md").rename(folder / "Codes" / "EMOJI 🚀.md")
    again = write_vault(folder, _vault(tuple(notes_not_ours(folder))).notes)
    assert again.refused == [] and again.written == 1  # the one renamed
    assert again.unchanged == first.written - 2  # the others left as they were
    assert again.not_rewritten == [ours]  # edited since it was written: the words kept
    assert ours.read_text("utf-8") == made + "an edit\n"
    # Written by an export that kept no record of what it wrote: ours rewritten whole
    (folder / RECORD).unlink()
    write_vault(folder, _vault(tuple(notes_not_ours(folder))).notes)
    assert ours.read_text("utf-8") == made
    assert mine.read_text("utf-8") == "my own thoughts\n"
    assert (folder / "Reading list.md").read_text("utf-8") == "---\ntags: x\n---\nmine\n"
    assert sorted(p.name for p in (folder / "Codes").iterdir() if "moji" in p.name) == [
        "Emoji 🚀.md"
    ]
    # A note of the user's where ours was is never replaced: said, left as it is
    ours.write_text("mine now\n", "utf-8")
    third = write_vault(folder, _vault(("A-B-",)).notes)  # as the user's were before
    assert third.refused == [ours] and ours.read_text("utf-8") == "mine now\n"


def test_a_name_another_note_of_the_vault_holds_is_not_taken(tmp_path: Path) -> None:
    """Exported into a folder of a vault, a note was named as one of the user's elsewhere in
    the vault, and Obsidian took [[a-b-]] for either: each of ours is now named as no other
    note of the vault is (hidden folders, .obsidian's and .trash's, aside)."""
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "Daily").mkdir()
    (tmp_path / "Daily" / "A-B-.md").write_text("mine\n", "utf-8")
    (tmp_path / ".trash").mkdir()
    (tmp_path / ".trash" / "Emoji 🚀.md").write_text("gone\n", "utf-8")
    folder = tmp_path / "Coding" / "Study"
    folder.mkdir(parents=True)
    write_vault(folder, _vault(tuple(notes_not_ours(folder))).notes)
    assert (folder / "Documents" / "a-b- (2).md").exists()
    assert (folder / "Codes" / "Emoji 🚀.md").exists()
    assert sorted(notes_not_ours(folder)) == ["A-B-"]  # ours are no clash with themselves
    # Another export into another folder of the vault: none of its names is one of these
    other = tmp_path / "Other"
    names = {n.name.casefold() for n in _vault(tuple(notes_not_ours(other))).notes}
    mine = {p.stem.casefold() for p in tmp_path.rglob("*.md") if ".trash" not in p.parts}
    assert not names & mine


def test_a_document_whose_passages_are_all_orphaned_has_no_empty_heading() -> None:
    """Its note had "## Passages" over nothing, then "## Orphaned passages"."""
    gone = make_annotation("gone.txt", TEXT, 4, 8, "", ("policy",))
    vault = render([gone], {}, [], ExportOptions(project_name="p"))
    note = next(n.text for n in vault.notes if n.name == "gone")
    assert "## Passages" not in note
    assert "## Orphaned passages\n\n> army\n\n^" in note
    code = next(n.text for n in vault.notes if n.name == "policy")
    assert f"![[gone#^{gone.id[:8]}]]" in code


def test_a_file_where_a_folder_of_the_vault_goes_is_said_before_any_note_is_written(
    tmp_path: Path,
) -> None:
    """A file named Codes in the folder: the index and the documents' notes were written,
    then the command stopped on "Codes: File exists"."""
    (tmp_path / "Codes").write_text("mine\n", "utf-8")
    with pytest.raises(TuiReaderError, match=r"Codes: a file, not a folder; no note was written"):
        write_vault(tmp_path, _vault().notes)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Codes", "Documents"]
    assert not any((tmp_path / "Documents").iterdir())
    assert (tmp_path / "Codes").read_text("utf-8") == "mine\n"


def test_a_note_of_ours_no_longer_written_is_left_and_told(tmp_path: Path) -> None:
    write_vault(tmp_path, _vault().notes)
    fewer = render(ANNOTATIONS[:1], DOCUMENTS, TAGS, ExportOptions(project_name="policy"))
    done = write_vault(tmp_path, fewer.notes)
    assert (tmp_path / "Documents" / "a-b-.md").exists()
    assert tmp_path / "Documents" / "a-b-.md" in done.stale


def test_a_note_of_ours_gone_from_the_project_is_removed_unless_it_was_edited(
    tmp_path: Path,
) -> None:
    """A document and a code removed since the last export left their notes in the vault,
    counted and never named: an export of the whole project removes those that hold what it
    wrote in them and leaves, named, one the user edited; an export of a part removes none."""
    write_vault(tmp_path, _vault().notes, whole=True)
    edited = tmp_path / "Documents" / "a-b-.md"  # the document of ANNOTATIONS[3]
    edited.write_text(edited.read_text("utf-8") + "\nMy thoughts.\n", "utf-8")
    code = tmp_path / "Codes" / "policy x.md"  # its code, on no other passage
    moved = tmp_path / "Codes" / "a-b- (2).md"  # the code a:b?, now named a-b-
    fewer = render(ANNOTATIONS[:3], DOCUMENTS, TAGS, OPTIONS).notes
    part = write_vault(tmp_path, fewer)  # of a part (--tag, --doc): nothing removed
    assert part.removed == [] and sorted(part.stale) == [moved, code]
    assert part.edited == [edited]
    done = write_vault(tmp_path, fewer, whole=True)
    assert sorted(done.removed) == [moved, code] and done.edited == [edited]
    assert not moved.exists() and not code.exists()
    assert edited.read_text("utf-8").endswith("My thoughts.\n")
    # A note the record does not know (an older export's): left, said
    unknown = tmp_path / "Codes" / "old.md"
    unknown.write_text('---\n"tui-reader": "code"\n---\n', "utf-8")
    later = write_vault(tmp_path, fewer, whole=True)
    assert later.stale == [unknown] and later.edited == [edited] and later.removed == []


def _as_obsidian_writes(path: Path, *added: str, changed: dict[str, str] | None = None) -> None:
    """The note at ``path`` with its properties written as Obsidian's properties editor and
    Linter write them: in the order of their keys, unquoted where YAML allows, ``added``
    lines below them (a timestamp, a list of tags) in place of those added before;
    ``changed`` values set by hand."""
    head, _, body = path.read_text("utf-8")[4:].partition("\n---\n")
    values = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        if not key.startswith('"'):  # added before
            continue
        values[json.loads(key)] = json.loads(value)
    values.update(changed or {})
    lines = [f"{key}: {values[key]}" for key in sorted(values)]
    path.write_text("\n".join(["---", *lines, *added, "---", body]), "utf-8")


def test_a_note_whose_properties_obsidian_wrote_again_is_still_ours_to_rewrite(
    tmp_path: Path,
) -> None:
    """A note of ours whose properties Obsidian or a plugin wrote again (Linter sorting the
    keys, unquoted, a "date modified" and tags added), its body untouched, was taken for one
    the user wrote in: never rewritten again, the passages coded since missing from it.  It
    is rewritten, the properties added kept; one whose value of ours was changed by hand, or
    whose body was written in, is left, as an edited note is."""
    first = [a for a in ANNOTATIONS if a.quote != "Troops stayed"]
    write_vault(tmp_path, render(first, DOCUMENTS, TAGS, OPTIONS).notes, whole=True)
    notes = {p.read_text("utf-8").split("\n")[2]: p for p in tmp_path.rglob("*.md")}
    note = notes['"document": "int/policy.txt"']
    by_hand = notes['"document": "other/policy.md"']
    added = ("date modified: 2026-01-05T10:00", "tags:", "  - reading")
    _as_obsidian_writes(note, *added)
    _as_obsidian_writes(by_hand, changed={"title": "My own title"})
    left_as_is = by_hand.read_text("utf-8")
    done = write_vault(tmp_path, _vault().notes, whole=True)
    assert done.not_rewritten == [by_hand] and by_hand.read_text("utf-8") == left_as_is
    text = note.read_text("utf-8")
    assert "> Troops stayed" in text  # the passage coded since the last export
    front = text.split("\n---\n")[0].split("\n")[1:]
    assert front[-3:] == list(added) and front[0] == '"tui-reader": "document"'
    # Written again by the plugin (a new time): rewritten again, once, its words the same
    _as_obsidian_writes(note, "date modified: 2026-01-06T09:00", "tags:", "  - reading")
    again = write_vault(tmp_path, _vault().notes, whole=True)
    assert again.not_rewritten == [by_hand] and again.written == 1
    assert "date modified: 2026-01-06T09:00" in note.read_text("utf-8")
    assert write_vault(tmp_path, _vault().notes, whole=True).written == 0
    # Its words written in the body: left, as any edited note
    note.write_text(note.read_text("utf-8") + "My thoughts.\n", "utf-8")
    _as_obsidian_writes(note, "date modified: 2026-01-07T09:00")
    later = write_vault(tmp_path, render(first, DOCUMENTS, TAGS, OPTIONS).notes, whole=True)
    assert sorted(later.not_rewritten) == sorted([by_hand, note])
    assert note.read_text("utf-8").endswith("My thoughts.\n")


def test_a_note_gone_from_the_project_whose_properties_were_reordered_is_removed(
    tmp_path: Path,
) -> None:
    """A note of ours no longer written, its properties only written again in another order
    (as Linter sorts them), is removed as one unchanged is; one with a property added, which
    would be lost, is left."""
    write_vault(tmp_path, _vault().notes, whole=True)
    gone = tmp_path / "Codes" / "policy x.md"  # its code, on no other passage
    kept = tmp_path / "Documents" / "a-b-.md"  # the document of ANNOTATIONS[3]
    _as_obsidian_writes(gone)
    _as_obsidian_writes(kept, "cssclasses: wide")
    done = write_vault(
        tmp_path, render(ANNOTATIONS[:3], DOCUMENTS, TAGS, OPTIONS).notes, whole=True
    )
    assert gone in done.removed and not gone.exists()
    assert done.edited == [kept] and kept.exists()


_FORBIDDEN = set('*"\\/<>:|?#^[]')


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_a_note_name_is_one_every_file_system_and_obsidian_take(text: str) -> None:
    name = note_name(text)
    assert name and not (_FORBIDDEN & set(name))
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in name)
    assert name == name.strip(" .") and name == unicodedata.normalize("NFC", name)
    assert len(name.encode("utf-8")) <= NAME_BYTES
    assert note_name(name) == name and not name.lower().endswith(".md")
    assert not re.match(r"(?i)^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", name)


def test_a_name_given_before_is_kept_only_where_it_still_can_be(tmp_path: Path) -> None:
    """The record's names (edited by hand, or held now by a note of the user's) name a note
    only when the note's own name gives them and no other note holds them."""
    write_vault(tmp_path, _vault().notes, whole=True)
    given = given_names(tmp_path)
    assert given["document:a:b?.txt"] == "a-b-" and given["code:a:b?"] == "a-b- (2)"
    assert given["index"] == "policy" and given["code:policy"] == "policy (5)"
    given |= {"code:a:b?": "a-b- (7)", "code:policy": "other", "code:Emoji 🚀": "a-b-"}
    names = {n.about: n.name for n in _vault(given=given).notes}
    assert names["code:a:b?"] == "a-b- (7)"  # a number of its own name: kept
    assert names["code:policy"] == "policy (5)"  # not a name its own gives
    assert names["code:Emoji 🚀"] == "Emoji 🚀"
    vault = _vault(("A-B- (7)",), given)  # a note of the user's holds it now
    assert {n.about: n.name for n in vault.notes}["code:a:b?"] == "a-b- (2)"
    assert vault.clashed == []


def test_an_export_of_a_part_names_no_note_as_one_of_ours_it_does_not_write(
    tmp_path: Path,
) -> None:
    """Exported whole, then with --tag for a new code A:B?: its note was named A-B-, as the
    note of the document a:b?.txt, not written this time but there, and [[A-B-]] named
    either."""
    write_vault(tmp_path, _vault().notes, whole=True)
    new = _on("int/policy.txt", "army", "A:B?")
    part = render([new], DOCUMENTS, TAGS, OPTIONS, (), given_names(tmp_path))
    names = {n.about: n.name for n in part.notes}
    assert names["code:A:B?"] == "A-B- (3)"  # a-b- and a-b- (2) are notes of ours
    assert names["document:int/policy.txt"] == "policy (2)"
    write_vault(tmp_path, part.notes)
    stems = [p.stem.casefold() for p in tmp_path.rglob("*.md")]
    assert len(stems) == len(set(stems))


def test_an_export_of_a_part_keeps_the_names_of_the_notes_it_does_not_write(
    tmp_path: Path,
) -> None:
    """The record's names of the notes an export of a part does not write (still there, a
    document or code outside the part) were lost by it, the folder's listing taken for the
    record's names: the next export gave such a note its name anew, ``Interview (2)`` made
    ``Interview`` once the first was gone, and the links to it broke."""
    write_vault(tmp_path, _vault().notes, whole=True)
    before = given_names(tmp_path)
    part = render(ANNOTATIONS[:1], DOCUMENTS, TAGS, OPTIONS, (), before)
    assert len(part.notes) < len(_vault().notes)
    write_vault(tmp_path, part.notes)
    assert given_names(tmp_path) == before


def _links_name_notes(folder: Path) -> None:
    """Every link of the notes of ``folder`` names one of them."""
    notes = _read_vault(folder)
    for _, body in notes.values():
        for match in _LINK.finditer(body):
            if match.start() == 0 or body[match.start() - 1] != "\\":
                assert match.group(2).casefold() in notes, f"[[{match.group(2)}]] names no note"


def test_a_note_renamed_in_obsidian_keeps_its_new_name(tmp_path: Path) -> None:
    """A note of ours renamed in Obsidian (``policy (2)`` made ``My policy notes``; Obsidian
    changes every link to it in every note) was written again under its old name at the next
    export, the renamed one left beside it as a note the record did not know, and the notes
    whose links Obsidian had changed left as edited: two notes of one document, links to
    the new name in some and the old in others.  The export now finds the note by what its
    properties say it is about and keeps the user's name, every link to it so named, and a
    note whose links alone Obsidian changed is ours to rewrite."""
    first = [a for a in ANNOTATIONS if a.quote != "Troops stayed"]
    write_vault(tmp_path, render(first, DOCUMENTS, TAGS, OPTIONS).notes, whole=True)
    old = tmp_path / "Documents" / "policy (2).md"
    assert '"document": "int/policy.txt"' in old.read_text("utf-8")
    new = old.with_name("My policy notes.md")
    old.rename(new)
    changed = 0
    for path in tmp_path.rglob("*.md"):  # Obsidian's updating of the links to it
        text = path.read_text("utf-8")
        updated = re.sub(r"\[\[policy \(2\)(?=[\]#|])", "[[My policy notes", text)
        if updated != text:
            path.write_text(updated, "utf-8")
            changed += 1
    assert changed >= 2  # the index and a code's note at least
    given = given_names(tmp_path)
    assert given["document:int/policy.txt"] == "My policy notes"
    done = write_vault(
        tmp_path, render(ANNOTATIONS, DOCUMENTS, TAGS, OPTIONS, (), given).notes, whole=True
    )
    assert (done.not_rewritten, done.stale, done.edited, done.removed) == ([], [], [], [])
    assert not old.exists() and "> Troops stayed" in new.read_text("utf-8")
    _links_name_notes(tmp_path)
    # and so on, at every export after it
    again = write_vault(tmp_path, _vault((), given_names(tmp_path)).notes, whole=True)
    assert again.written == 0 and not old.exists() and new.exists()


@pytest.mark.parametrize(
    "memo",
    [
        "Run this:\n\n```\npython code.py",
        "Run this:\n\n~~~~ python\nprint(1)\n```",
        "<!-- draft, to finish",
        "<pre>\nkept as typed",
        "%% private: not for the team",
        "Seen %%twice%% and once %% more",
    ],
)
def test_a_memo_leaving_a_block_open_does_not_swallow_the_passages(memo: str) -> None:
    """A memo ending in a code fence it never closed (pasted code), an HTML comment or
    ``<pre>`` not ended, or an odd ``%%`` (Obsidian's comment) ran on into the rest of its
    note: the ``## Passages`` heading and every embedded passage after it were shown as code
    or hidden."""
    from markdown_it import MarkdownIt

    on = make_annotation("a.txt", TEXT, 4, 8, "", ("policy",))
    options = ExportOptions(
        project_name="p",
        memos=[Memo(MemoKind.CODE, "policy", memo), Memo(MemoKind.DOCUMENT, "a.txt", memo)],
    )
    vault = render([on], {"a.txt": DOCUMENTS["int/policy.txt"]}, [], options)
    for note in vault.notes:
        if note.name not in ("policy", "a"):
            continue
        body = note.text
        assert memo.splitlines()[-1] in body
        tokens = MarkdownIt("commonmark").parse(body)
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert "Passages" in headings, (note.name, body)
        assert body.count("%%") % 2 == 0, body
        shown = [t.content for t in tokens if t.type == "inline"]
        assert any(f"#^{on.id[:8]}" in s or s == f"^{on.id[:8]}" for s in shown), body


def test_a_memo_closing_what_it_opens_is_written_as_it_is() -> None:
    memo = "Run this:\n\n```\npython code.py\n```\n\n%% aside %%\n\n<!-- a -->"
    on = make_annotation("a.txt", TEXT, 4, 8, "", ("policy",))
    options = ExportOptions(project_name="p", memos=[Memo(MemoKind.CODE, "policy", memo)])
    vault = render([on], {"a.txt": DOCUMENTS["int/policy.txt"]}, [], options)
    code = next(n.text for n in vault.notes if n.name == "policy")
    assert f"## Memo\n\n{memo}\n\n## Passages" in code


def test_a_note_moved_into_a_folder_of_its_own_is_followed_there(tmp_path: Path) -> None:
    """A note of ours moved by the user into a folder (``Documents/Interviews/``, as
    Obsidian users file notes away; the links to it unchanged, Obsidian finding a note by
    its name) was written again beside it, in ``Documents/``, at the next export: two notes
    of one document, ``[[policy (2)]]`` naming either.  The export now finds the moved note
    by what its properties say it is about, as a renamed one, and rewrites it where it is;
    the notes of ours so moved take no name from the others."""
    (tmp_path / ".obsidian").mkdir()  # a vault: every note of it is found by its name
    folder = tmp_path / "Export"
    first = [a for a in ANNOTATIONS if a.quote != "Troops stayed"]
    write_vault(folder, render(first, DOCUMENTS, TAGS, OPTIONS).notes, whole=True)
    moves = {
        folder / "Documents" / "policy (2).md": folder / "Documents" / "Interviews",
        folder / "Codes" / "policy (5).md": folder / "Codes" / "Themes" / "State",
    }
    for old, into in moves.items():
        into.mkdir(parents=True)
        old.rename(into / old.name)
    taken = notes_not_ours(folder)
    assert not {"policy (2)", "policy (5)"} & set(taken)
    notes = render(ANNOTATIONS, DOCUMENTS, TAGS, OPTIONS, taken, given_names(folder)).notes
    done = write_vault(folder, notes, whole=True)
    assert (done.not_rewritten, done.stale, done.edited, done.removed, done.refused) == (
        [], [], [], [], []
    )  # fmt: skip
    texts = {note.name: note.text for note in notes}
    for old, into in moves.items():
        assert not old.exists()
        assert (into / old.name).read_text("utf-8") == texts[old.stem]  # with Troops stayed
    _links_name_notes(folder)
    again = write_vault(folder, _vault(tuple(notes_not_ours(folder)), given_names(folder)).notes)
    assert again.written == 0 and not any(old.exists() for old in moves)


def test_a_journal_note_renamed_or_moved_is_followed(tmp_path: Path) -> None:
    """A journal entry's note renamed in Obsidian (``Journal 2026-01-03 0900 UTC`` made
    ``First day``) or moved into a folder was written again under its old name at the next
    export, its properties naming no entry.  It is now found by when its entry was made
    (its ``created``, as the folder's record keeps what each note was written with)."""
    write_vault(tmp_path, _vault().notes, whole=True)
    journal = tmp_path / "Journal"
    first = journal / "Journal 2026-01-03 0900 UTC.md"
    second = journal / "Journal 2026-01-03 0900 UTC (2).md"
    first.rename(journal / "First day.md")
    (journal / "2026").mkdir()
    second.rename(journal / "2026" / second.name)
    memos = OPTIONS.memos
    amended = replace(memos[2], text="First day, amended.")
    options = replace(OPTIONS, memos=[*memos[:2], amended, memos[3]])
    given = given_names(tmp_path)
    done = write_vault(
        tmp_path, render(ANNOTATIONS, DOCUMENTS, TAGS, options, (), given).notes, whole=True
    )
    assert (done.not_rewritten, done.stale, done.edited, done.removed) == ([], [], [], [])
    assert not first.exists() and not second.exists()
    assert "First day, amended." in (journal / "First day.md").read_text("utf-8")
    assert (journal / "2026" / second.name).exists()
    assert "[[First day]]" in (tmp_path / "policy.md").read_text("utf-8")
    _links_name_notes(tmp_path)


def test_a_note_deleted_by_the_user_is_written_again(tmp_path: Path) -> None:
    """A note of ours deleted (in Obsidian: moved to its hidden ``.trash``) is written
    again at the next export, under the name it had: the document or code is still in the
    project, and the index links it."""
    write_vault(tmp_path, _vault().notes, whole=True)
    note = tmp_path / "Documents" / "policy (2).md"
    (tmp_path / ".trash").mkdir()
    note.rename(tmp_path / ".trash" / note.name)
    write_vault(tmp_path, _vault((), given_names(tmp_path)).notes, whole=True)
    assert note.exists() and (tmp_path / ".trash" / note.name).exists()
    (tmp_path / ".trash" / note.name).unlink()  # emptied: one note of that name
    _links_name_notes(tmp_path)


def test_the_note_of_a_document_moved_stays_where_the_user_filed_it(tmp_path: Path) -> None:
    """A document's note filed into a folder of its own (``Documents/Interviews/``), then its
    file moved (its annotations following it to its new key): the export wrote a second note
    of it, ``policy (2)``, in Documents beside the one filed, the old one left."""
    write_vault(tmp_path, _vault().notes, whole=True)
    filed = tmp_path / "Documents" / "Interviews" / "policy (2).md"
    filed.parent.mkdir()
    (tmp_path / "Documents" / "policy (2).md").rename(filed)
    assert '"document": "int/policy.txt"' in filed.read_text("utf-8")
    moved = [
        replace(a, document="done/policy.txt") if a.document == "int/policy.txt" else a
        for a in ANNOTATIONS
    ]
    documents = {**DOCUMENTS, "done/policy.txt": DOCUMENTS["int/policy.txt"]}
    del documents["int/policy.txt"]
    options = replace(  # its memo and attributes followed it too
        OPTIONS,
        attributes={"done/policy.txt": OPTIONS.attributes["int/policy.txt"]},
        memos=[replace(m, target="done/policy.txt") if m.target == "int/policy.txt" else m
               for m in OPTIONS.memos],
    )  # fmt: skip
    vault = render(moved, documents, TAGS, options, (), given_names(tmp_path))
    done = write_vault(tmp_path, vault.notes, whole=True)
    assert (done.stale, done.edited, done.removed, done.not_rewritten) == ([], [], [], [])
    assert sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("Documents/**/*.md")
    ) == [
        "Documents/Interviews/policy (2).md",
        "Documents/a-b-.md",
        "Documents/policy (3).md",
    ]
    assert '"document": "done/policy.txt"' in filed.read_text("utf-8")
    _links_name_notes(tmp_path)


def test_a_new_document_of_an_export_of_a_part_reads_no_note_of_another_title(
    tmp_path: Path,
) -> None:
    """The note of a document moved is looked for among the notes of the documents not in
    the export; an export of a part (one new document) read every other document's note for
    it.  Only the notes written with the new document's title are read."""
    write_vault(tmp_path, _vault().notes, whole=True)
    other = "Another text.\n\nThe army came.\n"
    documents = {**DOCUMENTS, "new.txt": parse_document(other.encode(), Path("new.txt"))}
    new = make_annotation("new.txt", other, 15, 19, documents["new.txt"].sha256, ("policy",))
    given = given_names(tmp_path)
    read: list[str] = []
    blocks = given.blocks
    assert blocks is not None
    given.blocks = lambda about: read.append(about) or blocks(about)
    part = render([new], documents, TAGS, OPTIONS, (), given)
    assert read == []
    assert {n.about: n.name for n in part.notes}["document:new.txt"] == "new"


HEADED = (
    "# Lucía\n\nShe spoke little.\n\n## At the border\n\nTroops.\n\nLater\n=====\n\n> # a quote"
)


def _headings(body: str) -> list[tuple[int, str]]:
    """The headings of a note as Obsidian's outline lists them: level and text (its
    properties, the front matter, left out)."""
    if body.startswith("---\n"):
        body = body[4:].partition("\n---\n")[2]
    tokens = MARKDOWN.parse(body)
    return [
        (int(token.tag[1]), tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.level == 0
    ]


def test_a_memos_headings_nest_under_the_notes_memo_heading() -> None:
    """A document's memo opening with "# Lucía" came out as a second H1 under "## Memo" in the
    document's note, and its "## At the border" beside "## Memo": Obsidian's outline showed
    the memo's headings as the note's own.  They nest under "## Memo" as the user nested
    them (a setext heading written as the ATX heading of its level; a heading in a quote
    left); the code's note alike; a journal note, the memo alone, keeps them."""
    memos = [
        Memo(MemoKind.DOCUMENT, "int/policy.txt", HEADED),
        Memo(MemoKind.CODE, "policy", HEADED),
        Memo(MemoKind.JOURNAL, "", HEADED, created="2026-01-03T09:00:00Z"),
    ]
    vault = render(ANNOTATIONS, DOCUMENTS, TAGS, replace(OPTIONS, memos=memos))
    bodies = {note.about: note.text for note in vault.notes}
    assert _headings(bodies["document:int/policy.txt"]) == [
        (1, "The army moved to the border."),
        (2, "Memo"),
        (3, "Lucía"),
        (4, "At the border"),
        (3, "Later"),
        (2, "Passages"),
    ]
    assert "\n> # a quote\n" in bodies["document:int/policy.txt"]
    assert _headings(bodies["code:policy"]) == [
        (1, "policy"),
        (2, "Description"),
        (2, "Memo"),
        (3, "Lucía"),
        (4, "At the border"),
        (3, "Later"),
        (2, "Passages"),
    ]
    [journal] = [text for about, text in bodies.items() if about.startswith("memo:")]
    assert _headings(journal) == [(1, "Lucía"), (2, "At the border"), (1, "Later")]
    assert memos[0].text == HEADED


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.sampled_from(["# A", "## B", "### C", "###### F", "D\n===", "E\n---", "text", ""]),
        max_size=8,
    ).map("\n\n".join),
    st.integers(1, 5),
)
def test_a_memos_headings_keep_their_order_below_the_notes_heading(text: str, under: int) -> None:
    """Nested under a heading of level ``under``, a memo's headings are the same headings, in
    the same order, each below ``under``, each one deeper than another as deep as it was
    (up to level 6)."""
    before = _headings(text)
    after = _headings("\n".join(nested_headings(text.split("\n"), under)))
    assert [t for _, t in after] == [t for _, t in before]
    assert all(under < level <= 6 for level, _ in after)
    for (a, _), (b, _), (x, _), (y, _) in zip(before, before[1:], after, after[1:], strict=False):
        assert (x < y) == (a < b) or y == 6
        assert (x == y) == (a == b) or y == 6 or x == 6
