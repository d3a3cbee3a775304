"""The codebook tree: nesting, counts (own and with children), filter, subtrees."""

from __future__ import annotations

import dataclasses
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from helpers import examples
from helpers.annotations import annotation
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.names import is_within
from tui_reader.core.codebook.tree import (
    codebook_tree,
    counted_tree,
    deleted_in,
    filter_matches,
    filter_tree,
    recoded_in,
    renamed_in,
    subtree_paths,
)
from tui_reader.core.store.annotation_store import AnnotationStore

CODEBOOK = [Tag("policy/border"), Tag("militarization", description="armed forces"),
            Tag("Protest"), Tag("militarization/patrols")]  # fmt: skip
ANNOTATIONS = [
    annotation(
        "", 0, "x", "militarization", "militarization/patrols"
    ),  # counted once for the parent
    annotation("", 0, "x", "militarization/patrols"),
    annotation("", 0, "x", "militarization"),
    annotation("", 0, "x", "policy/border", "unlisted"),
]


def test_tree_nests_sorts_and_counts() -> None:
    nodes = codebook_tree(CODEBOOK, ANNOTATIONS)
    assert [n.path for n in nodes] == ["militarization", "policy", "Protest", "unlisted"]
    militarization = nodes[0]
    assert (militarization.own, militarization.total) == (2, 3)
    assert militarization.tag is not None and militarization.tag.description == "armed forces"
    (patrols,) = militarization.children
    assert (patrols.path, patrols.name, patrols.own, patrols.total) == (
        "militarization/patrols", "patrols", 2, 2
    )  # fmt: skip
    policy = nodes[1]
    assert policy.tag is None and (policy.own, policy.total) == (0, 1)  # a parent by its child
    assert nodes[3].tag is None and nodes[3].total == 1  # used, not in the codebook
    assert nodes[2].total == 0


def test_filter_keeps_ancestors_and_descendants() -> None:
    nodes = codebook_tree(CODEBOOK, ANNOTATIONS)
    assert [n.path for n in filter_tree(nodes, "")] == [n.path for n in nodes]
    kept = filter_tree(nodes, "PATROL")
    assert [n.path for n in kept] == ["militarization"]
    assert [c.path for c in kept[0].children] == ["militarization/patrols"]
    by_parent = filter_tree(nodes, "militar")
    assert [c.path for c in by_parent[0].children] == ["militarization/patrols"]
    assert [n.path for n in filter_tree(nodes, "armed")] == ["militarization"]  # description
    assert filter_tree(nodes, "nothing like it") == []


def test_filter_finds_a_code_typed_without_its_accents() -> None:
    """'securite' (an English keyboard) found no tag in a codebook of 'Sécurité/frontière',
    which a query's attribute values and the near-code suggestions take alike."""
    nfd = unicodedata.normalize("NFD", "Sécurité/intérieur")  # accents written apart
    nodes = codebook_tree(
        [Tag("Sécurité/frontière"), Tag(nfd, description="Forces de l'ordre"), Tag("politica")],
        [],
    )
    kept = filter_tree(nodes, "securite")
    assert {n.path for n in kept} == {"Sécurité", nfd.split("/")[0]}  # both spellings
    assert filter_matches(nodes, "FRONTIERE") == ["Sécurité/frontière"]
    assert filter_matches(nodes, "interieur") == [nfd]
    assert filter_matches(nodes, "l'ordre") == [nfd]  # its description
    assert filter_matches(nodes, "política") == ["politica"]


def test_subtree_paths_deepest_first() -> None:
    nodes = codebook_tree([Tag("a"), Tag("a/b"), Tag("a/b/c"), Tag("ab")], [])
    assert subtree_paths(nodes, "a") == ["a/b/c", "a/b", "a"]
    assert subtree_paths(nodes, "ab") == ["ab"]


_NAMES = st.sampled_from(["a", "a/b", "a/b/c", "a/d", "e", "e/f", "A", "a/B"])


@given(st.lists(st.lists(_NAMES, max_size=4), max_size=30))
@settings(max_examples=examples(200), deadline=None)
def test_counts_equal_a_count_annotation_by_annotation(tag_lists: list[list[str]]) -> None:
    """The counts (made per tag combination) are those of each annotation in turn: a tag
    named twice on one annotation, or with its parent, counts once."""
    annotations = [annotation("", 0, "x", *tags) for tags in tag_lists]
    own: dict[str, int] = {}
    total: dict[str, int] = {}
    for a in annotations:
        for name in set(a.tags):
            own[name] = own.get(name, 0) + 1
        parents = {"/".join(n.split("/")[: i + 1]) for n in a.tags for i in range(n.count("/") + 1)}
        for path in parents:
            total[path] = total.get(path, 0) + 1
    nodes = [n for top in codebook_tree([Tag("zz")], annotations) for n in top.walk()]
    assert {n.path: (n.own, n.total) for n in nodes} == {
        path: (own.get(path, 0), total.get(path, 0)) for path in {*total, "zz"}
    }


@given(st.lists(st.lists(_NAMES, max_size=4), max_size=30), st.sets(_NAMES, max_size=3))
@settings(max_examples=examples(100), deadline=None)
def test_uncounted_tags_join_the_tree_with_nothing_counted(
    tag_lists: list[list[str]], pending: set[str]
) -> None:
    """The codebook screen's tree before its counts: tags known only from the last counts
    (given with 0) are in the tree, and nothing is counted for them."""
    annotations = [annotation("", 0, "x", *tags) for tags in tag_lists]
    combinations = Counter(a.tags for a in annotations)
    counted = {n.path: (n.own, n.total) for t in codebook_tree([], annotations) for n in t.walk()}
    for name in pending:
        combinations[(name,)] += 0
    with_pending = counted_tree([], combinations)
    paths = {n.path: (n.own, n.total) for top in with_pending for n in top.walk()}
    assert paths.keys() == counted.keys() | {
        "/".join(p.split("/")[: i + 1]) for p in pending for i in range(p.count("/") + 1)
    }
    assert all(paths[path] == counted.get(path, (0, 0)) for path in paths)


def test_filter_matches_are_the_tags_named_not_their_parents() -> None:
    nodes = codebook_tree(CODEBOOK, ANNOTATIONS)
    assert filter_matches(nodes, "patrols") == ["militarization/patrols"]
    assert filter_matches(nodes, "ARMED") == ["militarization"]  # by its description
    assert filter_matches(nodes, " ") == []


@given(
    st.lists(st.lists(_NAMES, min_size=1, max_size=4), min_size=1, max_size=12),
    st.sampled_from(["rename", "merge", "delete"]),
    _NAMES,
    _NAMES,
)
@settings(max_examples=examples(60), deadline=None)
def test_combinations_mapped_as_the_store_changes_the_codes(
    tag_lists: list[list[str]], edit: str, old: str, target: str
) -> None:
    """The codebook's counts right after its rename, merge or delete come from the codes it
    last counted, mapped: the same codes the store gives its annotations for the edit."""
    with tempfile.TemporaryDirectory() as folder:
        store = AnnotationStore(Path(folder) / "annotations.json")
        store.put_many(annotation(f"id{i}", i, "x", *tags) for i, tags in enumerate(tag_lists))
        before = Counter(a.tags for a in store.annotations())
        used = {t for tags in before for t in tags}
        if not any(is_within(t, old) for t in used):
            return  # (an edit of a code no passage has: nothing to map)
        if edit == "rename":
            store.rename_tag(old, "n/" + old)
            expected = renamed_in(before, old, "n/" + old)
        elif edit == "merge":
            if is_within(target, old) or target not in used:
                return
            store.merge_tags(old, target)
            expected = renamed_in(before, old, target)
        else:
            store.delete_tag(old, with_children=True)
            expected = deleted_in(before, old)
        after = Counter(a.tags for a in store.annotations())
        store.close()
    assert +expected == after


@given(
    st.lists(
        st.tuples(st.sampled_from(["", "ana", "ben"]), st.lists(_NAMES, min_size=1, max_size=4)),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["rename", "merge", "delete"]),
    _NAMES,
    _NAMES,
    st.sampled_from([None, "ana", "ben"]),
)
@settings(max_examples=examples(60), deadline=None)
def test_combinations_mapped_as_an_undo_or_redo_changes_the_codes(
    coded: list[tuple[str, list[str]]],
    edit: str,
    old: str,
    target: str,
    only: str | None,
) -> None:
    """The codebook's counts right after an undo or redo of a rename, merge or delete come
    from those it last counted and the step's own changes (for the coder on show; a passage
    that names no coder is the database's default coder's): the codes the store then gives
    its annotations, undone and redone again."""
    with tempfile.TemporaryDirectory() as folder:
        store = AnnotationStore(Path(folder) / "annotations.json")
        store.put_many(
            dataclasses.replace(annotation(f"id{i}", i, "x", *tags), coder=coder)
            for i, (coder, tags) in enumerate(coded)
        )
        me = store.default_coder

        def shows(coder: str) -> bool:
            return only is None or (coder or me) == only

        def counts() -> Counter[tuple[str, ...]]:
            return Counter(a.tags for a in store.annotations() if shows(a.coder))

        used = {t for _, tags in coded for t in tags}
        if not any(is_within(t, old) for t in used):
            store.close()
            return  # (an edit of a code no passage has: no step)
        if edit == "rename":
            store.rename_tag(old, "n/" + old)
        elif edit == "merge" and not is_within(target, old) and target in used:
            store.merge_tags(old, target)
        else:
            store.delete_tag(old, with_children=True)
        seen = [counts()]
        for step_back in (store.undo, store.redo):
            stepped = step_back(recoded=True)
            seen.append(counts())
            assert recoded_in(seen[-2], stepped.recoded, shows) == +seen[-1]
        store.close()
