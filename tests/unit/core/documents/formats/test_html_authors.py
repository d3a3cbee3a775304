"""A web page's author cleaned of what the extractor read beside the names."""

from __future__ import annotations

import pytest

from tui_reader.core.documents.formats.html_authors import clean_author, without_agencies


@pytest.mark.parametrize(
    ("author", "clean"),
    [
        ("Ana Ruiz; CNN Updated ; Sun May", "Ana Ruiz"),
        ("Ana Ruiz BBC News; Tapachula", "Ana Ruiz"),
        ("Post author By Ana Ruiz", "Ana Ruiz"),
        ("Ana Ruiz, CNN", "Ana Ruiz"),
        # names kept as they are
        ("ANA RUIZ; BO CHEN", "ANA RUIZ; BO CHEN"),
        ("Ana Ruiz and Bo Chen", "Ana Ruiz and Bo Chen"),
        ("Dr. Ana María de la Cruz", "Dr. Ana María de la Cruz"),
        ("Ana von Trier; Luis Di Marco", "Ana von Trier; Luis Di Marco"),
        ("Reuters", "Reuters"),
        # an author of one word beside one of two, in a list of names alone
        ("Ana Ruiz; Madonna", "Ana Ruiz; Madonna"),
        ("Madonna; Ana Ruiz", "Madonna; Ana Ruiz"),
        ("Ana Ruiz; Bo Chen; Björk", "Ana Ruiz; Bo Chen; Björk"),
        # an outlet in capitals beside them goes, a place too when the byline had more
        ("Ana Ruiz; CNN", "Ana Ruiz"),
        ("Ana Ruiz Updated; Tapachula", "Ana Ruiz"),
        ("bo chen", "bo chen"),  # no names left: as given
    ],
)
def test_an_author_is_its_names_alone(author: str, clean: str) -> None:
    assert clean_author(author) == clean


@pytest.mark.parametrize(
    ("author", "given", "apart"),
    [
        ("Agencias", "Agencias", ("", "Agencias")),
        ("Ana Ruiz", "Ana Ruiz, Agencias", ("Ana Ruiz", "Agencias")),
        ("EFE", "EFE / Reuters", ("", "EFE; Reuters")),
        ("Ana Ruiz; The Associated Press", "", ("Ana Ruiz", "The Associated Press")),
        ("AP y EFE", "", ("", "AP y EFE")),
        # names, and outlets that are no news agency, stay
        ("Ana Ruiz; Bo Chen", "By Ana Ruiz and Bo Chen", ("Ana Ruiz; Bo Chen", "")),
        ("Ana Efe Ruiz", "", ("Ana Efe Ruiz", "")),
        ("BBC News", "", ("BBC News", "")),
    ],
)
def test_a_news_agency_is_told_apart_from_the_authors(
    author: str, given: str, apart: tuple[str, str]
) -> None:
    assert without_agencies(author, given) == apart
