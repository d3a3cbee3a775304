"""An attribute's value edited from the details' list (``e``): the words typed after it are
its value."""

from __future__ import annotations

from tui_reader.core.analysis.attributes import parse_edit
from tui_reader.ui.screens.document_details import joined_value


def test_the_words_after_the_edited_value_join_it_and_the_rest_is_as_typed() -> None:
    def values(text: str) -> dict[str, object]:
        return dict(parse_edit(joined_value(text, "site"))[0])

    assert values("site=Tapachula Centro") == {"site": "Tapachula Centro"}
    assert values("SITE=La  Jornada, Norte") == {"SITE": "La Jornada, Norte"}
    assert values('site="O\'Higgins" park wave=2') == {"site": "O'Higgins park", "wave": 2}
    assert values('site="a \\" quote" and more') == {"site": 'a " quote and more'}
    # another attribute first, or one word: as typed
    assert joined_value("wave=2 site=x y", "site") == "wave=2 site=x y"
    assert joined_value("site=Tapachula", "site") == "site=Tapachula"
    assert joined_value("site='never closed", "site") == "site='never closed"
