"""The characters of the symbol fonts, as Unicode: what a document in a word processor shows
for a character set in Symbol or Wingdings (Greek letters, arrows, check marks, boxes).

Such a font draws its own picture for each byte of an 8-bit code: Word keeps the byte as a
``w:sym`` or as a private-use code point (U+F020..U+F0FF, the byte plus 0xF000), and old
documents type Greek as Latin letters in the Symbol font ("a" is α).  A code the table does
not know is kept as the file holds it, but for a private-use one (U+F000..U+F0FF), which
shows nothing anywhere but in the font: a picture of a font of pictures (Wingdings' candle)
is :data:`UNNAMED_PICTURE`, so that the text keeps a mark where the reader saw one; an
empty code of the Symbol font, which shows nothing, is left out.
"""

from __future__ import annotations

import re

# What stands for a picture of a font of pictures no table here names (Wingdings' candle, a
# Webdings spider): it was left out, and the reader saw a mark where the text held none
# ("Done  and" for "Done ✎ and"). The replacement character says a character was there.
UNNAMED_PICTURE = "\ufffd"

# The Symbol font's code 0x20..0xFE (Adobe's Symbol encoding), one character a code, " "
# where the font has none.
_SYMBOL = "".join(
    (
        " !∀#∃%&∋()∗+,−./0123456789:;<=>?",  # 0x20
        "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_",  # 0x40
        "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼ ",  # 0x60
        " " * 32,  # 0x80
        "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵",  # 0xA0 (the euro: Windows' Symbol font)
        "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓",  # 0xC0
        "◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪ 〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭",  # 0xE0
    )
)
# The Wingdings font's codes that are in everyday use (bullets, boxes, check marks,
# arrows, pointing hands, circled numbers).
_WINGDINGS = {
    0x21: "✏", 0x22: "✂", 0x23: "✁", 0x28: "☎", 0x29: "✆", 0x2A: "✉", 0x36: "⌛",
    0x37: "⌨", 0x3E: "✇", 0x3F: "✍", 0x41: "✌", 0x45: "☜", 0x46: "☞", 0x47: "☝",
    0x48: "☟", 0x4A: "☺", 0x4C: "☹", 0x4E: "☠", 0x4F: "⚐", 0x51: "✈", 0x52: "☼",
    0x54: "❄", 0x58: "✠", 0x59: "✡", 0x5A: "☪", 0x5B: "☯", 0x5D: "☸", 0x6C: "●",
    0x6D: "❍", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x72: "❒", 0x73: "⬧", 0x74: "⧫",
    0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x78: "⌧", 0x7A: "⌘", 0x7B: "❀", 0x7C: "✿",
    0x7D: "❝", 0x7E: "❞", 0x9E: "·", 0x9F: "•", 0xA0: "▪", 0xA1: "○", 0xA4: "◉",
    0xA5: "◎", 0xA7: "▪", 0xA8: "◻", 0xAA: "✦", 0xAB: "★", 0xAC: "✶", 0xAD: "✴",
    0xAE: "✹", 0xAF: "✵", 0xB1: "⌖", 0xD5: "⌫", 0xD6: "⌦", 0xD8: "➢", 0xDC: "➲",
    0xE8: "➔", 0xEF: "⇦", 0xF0: "⇨", 0xF1: "⇧", 0xF2: "⇩", 0xF3: "⬄", 0xF4: "⇳",
    0xF9: "▭", 0xFA: "▫", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
    **{0x80 + n: chr(0x24EA if n == 0 else 0x2460 + n - 1) for n in range(11)},  # ⓪ ① .. ⑩
    0x8B: "⓿", **{0x8C + n: chr(0x2776 + n) for n in range(10)},  # ❶ .. ❿
}  # fmt: skip
# The Wingdings 2 font's codes in everyday use (the check mark and cross of forms, ballot
# boxes, circled numbers, bullets and squares).
_WINGDINGS_2 = {
    0x4F: "✗", 0x50: "✓", 0x51: "✗", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0x5D: "‽",
    0x69: "⓪", **{0x6A + n: chr(0x2460 + n) for n in range(10)},  # ① .. ⑩
    0x74: "⓿", **{0x75 + n: chr(0x2776 + n) for n in range(10)},  # ❶ .. ❿
    0x80: "☉", 0x82: "☽", 0x83: "☾", 0x85: "✝", 0x95: "⋅", 0x97: "•", 0x98: "●",
    0x99: "○", 0x9D: "⊙", 0x9E: "⦿", 0xA1: "◾", 0xA2: "■", 0xA3: "□", 0xA8: "▣",
    0xAD: "⬩", 0xAE: "⬥", 0xAF: "◇", 0xB1: "◈", 0xB6: "⬪", 0xB7: "⬧", 0xB8: "◊",
    0xBA: "◖", 0xBB: "◗", 0xEB: "✶", 0xF0: "✹",
}  # fmt: skip
# The Webdings font's: its check mark, cross, squares and a few signs.
_WEBDINGS = {
    0x61: "✔", 0x63: "□", 0x67: "■", 0x6E: "●", 0x72: "✗", 0x79: "⊖", 0x7C: "|",
    0x98: "✯", 0xD9: "☁", 0xE8: "Ⓟ",
}  # fmt: skip
# The Wingdings 3 font's arrows and triangles in everyday use (a form's or a slide's
# pointers, a list's bullets, the keys of a keyboard).
_WINGDINGS_3 = {
    **dict(zip(range(0x21, 0x25), "⭠⭢⭡⭣", strict=True)),
    0x52: "⎋", 0x53: "⌤", 0x54: "⌃", 0x55: "⌥", 0x58: "⇪",
    **dict(zip(range(0x66, 0x6E), "←→↑↓↖↗↙↘", strict=True)),
    **dict(zip(range(0x70, 0x7C), "▲▼△▽◄►◁▷◣◢◤◥", strict=True)),
    **dict(zip(range(0x81, 0x85), "▲▼◀▶", strict=True)),
}  # fmt: skip
# The Marlett font's (Windows' own pictures, a check mark or a bullet copied from a menu):
# its window buttons, arrows, check marks, bullets and close mark.
_MARLETT = {
    **dict(zip(range(0x30, 0x3A), "🗕🗖🗗⏴⏵⏶⏷⭳🞂🞃", strict=True)),
    0x61: "✔", 0x62: "✓", 0x67: "⬛", 0x68: "•", 0x69: "●", 0x6E: "⬤", 0x71: "─",
    0x72: "🗙", 0x73: "❓", 0x74: "⯅", 0x75: "⯆", 0x76: "⬍", 0x77: "🞀",
}  # fmt: skip
# The Zapf Dingbats font's code 0x20..0xFF (Adobe's encoding, which Unicode's Dingbats
# block follows), one character a code, " " where the font has none.
_ZAPF_DINGBATS = "".join(
    (
        " ✁✂✃✄☎✆✇✈✉☛☞✌✍✎✏✐✑✒✓✔✕✖✗✘✙✚✛✜✝✞✟",  # 0x20
        "✠✡✢✣✤✥✦✧★✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼✽✾✿",  # 0x40
        "❀❁❂❃❄❅❆❇❈❉❊❋●❍■❏❐❑❒▲▼◆❖◗❘❙❚❛❜❝❞ ",  # 0x60
        "❨❩❪❫❬❭❮❯❰❱❲❳❴❵" + " " * 18,  # 0x80
        " ❡❢❣❤❥❦❧♣♦♥♠①②③④⑤⑥⑦⑧⑨⑩❶❷❸❹❺❻❼❽❾❿",  # 0xA0
        "➀➁➂➃➄➅➆➇➈➉➊➋➌➍➎➏➐➑➒➓➔→↔↕➘➙➚➛➜➝➞➟",  # 0xC0
        "➠➡➢➣➤➥➦➧➨➩➪➫➬➭➮➯ ➱➲➳➴➵➶➷➸➹➺➻➼➽➾ ",  # 0xE0
    )
)
_TABLES: dict[str, dict[int, str]] = {
    "symbol": {0x20 + i: c for i, c in enumerate(_SYMBOL) if c != " " or i == 0},
    "wingdings": _WINGDINGS,
    "wingdings 2": _WINGDINGS_2,
    "wingdings 3": _WINGDINGS_3,
    "webdings": _WEBDINGS,
    "marlett": _MARLETT,
    "zapf dingbats": {0x20 + i: c for i, c in enumerate(_ZAPF_DINGBATS) if c != " " or i == 0},
}
# The names a font of a table goes by besides the table's: PostScript's and the Mac's
# ("ZapfDingbats", "ITC Zapf Dingbats", "Dingbats"), one without its space ("Wingdings3").
_ALIASES = {
    "zapfdingbats": "zapf dingbats",
    "itc zapf dingbats": "zapf dingbats",
    "zapf dingbats itc": "zapf dingbats",
    "dingbats": "zapf dingbats",
    "wingdings2": "wingdings 2",
    "wingdings3": "wingdings 3",
}
# Fonts whose every code (but the space) is a picture: a code of one their table does not
# know is UNNAMED_PICTURE, not shown as the letter of its byte (Wingdings 2's check mark read "P",
# Wingdings 3's triangle "p", Marlett's check mark "a").
_ALL_PICTURES = frozenset(_TABLES) - {"symbol"}


# Other fonts that draw pictures for their codes (MT Extra, a Symbol's variant), which no
# table here reads: a private-use code set in one is UNNAMED_PICTURE (a Symbol's variant's
# left out, as Symbol's empty codes are), as it shows nothing anywhere but in that font.
_PICTURE_FONTS = re.compile(r"dings|dingbats|marlett|mt extra|^symbol\b")


def _table_name(font: str) -> str:
    """``font`` as the tables name it: in small letters, its spaces single, an alias read."""
    name = " ".join(font.split()).lower()
    return _ALIASES.get(name, name)


def is_symbol_font(font: str) -> bool:
    """Whether ``font`` (a font's name as a document gives it) is one this module reads: a
    font of its tables, or another font of pictures (:data:`_PICTURE_FONTS`)."""
    name = _table_name(font)
    return name in _TABLES or _PICTURE_FONTS.search(name) is not None


def symbol_text(font: str, text: str) -> str:
    """``text`` set in ``font`` as the characters the font shows: each code the font's table
    knows (a byte, or the byte plus 0xF000 as Word keeps it) as its Unicode character, a
    private-use code (U+F000..U+F0FF) it does not know :data:`UNNAMED_PICTURE` in a font of
    pictures (left out in Symbol, where it shows nothing), any other as it is.  ``text`` as
    it is when ``font`` is no symbol font (its private-use codes so when it is a font of
    pictures no table reads: Wingdings 2's "\uf050" reached the text)."""
    name = _table_name(font)
    table = _TABLES.get(name)
    if table is None:
        if not is_symbol_font(font):
            return text
        unnamed = "" if name.startswith("symbol") else UNNAMED_PICTURE
        return "".join(unnamed if _private(ord(c)) else c for c in text)
    pictures = name in _ALL_PICTURES
    return "".join(_shown(table, c, pictures=pictures) for c in text)


def font_character(font: str, char: str) -> str:
    """The character ``char`` of ``font`` shows (a ``w:sym``'s: a byte of the font's own
    code, or that byte plus 0xF000): as :func:`symbol_text` reads it in a symbol font this
    module knows; a private-use code (U+F000..U+F0FF) of any other font left out: it
    reached the text as a code point the terminal shows as a box; any other character as
    it is."""
    if is_symbol_font(font):
        return symbol_text(font, char)
    return "" if _private(ord(char)) else char


def _private(code: int) -> bool:
    return 0xF000 <= code <= 0xF0FF


def _shown(table: dict[int, str], char: str, *, pictures: bool = False) -> str:
    """``char`` as the font of ``table`` shows it; a code of the font's own (0x21..0xFF) it
    does not know :data:`UNNAMED_PICTURE` when ``pictures`` (every code of the font is a
    picture), else left out."""
    code = ord(char)
    unnamed = UNNAMED_PICTURE if pictures else ""  # (an empty code of Symbol shows nothing)
    if _private(code):
        return table.get(code - 0xF000, " " if code == 0xF020 else unnamed)
    if pictures and code <= 0xFF and not char.isspace():
        return table.get(code, unnamed)
    return table.get(code, char)
