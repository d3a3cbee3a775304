"""Bytes -> text: BOMs, UTF-8, UTF-16 without BOM, Latin-1/Windows-1252, binary refusal."""

from __future__ import annotations

import codecs
import random
import re
import struct
from pathlib import Path

import pytest
from helpers.memory import traced_peak

from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import load_document
from tui_reader.core.errors import BinaryFileError

SPANISH = "El presidente Peña Nieto visitó Cancún con los niños; «la situación es difícil»."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SPANISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SPANISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + SPANISH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SPANISH.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SPANISH.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + SPANISH.encode("utf-32-be"), "utf-32-be"),
        (SPANISH.encode("utf-16-le"), "utf-16-le"),
        (SPANISH.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert text == SPANISH
    assert used == encoding


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_latin1_and_windows1252_spanish_read_correctly(codec: str) -> None:
    text, used = decode_bytes(SPANISH.encode(codec))
    assert text == SPANISH
    assert "Peña" in text and "Cancún" in text
    assert used == "cp1252"


def test_short_latin1_article_is_not_misread_as_central_european() -> None:
    text, _ = decode_bytes("Peña Nieto en Cancún.".encode("latin-1"))
    assert text == "Peña Nieto en Cancún."


def test_windows1252_punctuation() -> None:
    original = "“Smart quotes” – and an em dash — in Peña’s text…"
    text, used = decode_bytes(original.encode("cp1252"))
    assert (text, used) == (original, "cp1252")


def test_central_european_text_is_left_to_the_detector() -> None:
    original = "Zażółć gęślą jaźń. Właściwie szczęście przyszło do nas wczoraj wieczorem."
    text, used = decode_bytes(original.encode("cp1250"))
    assert text == original
    assert used == "cp1250"


CENTRAL_EUROPEAN = [
    "Dobrý den, přijdu zítra ráno. Děkuji za vaši zprávu, kterou jsem dostal včera večer.",
    "Předseda vlády řekl, že se situace zlepší. Čeština je krásný jazyk.",
    "Dobrý deň, ďakujem za vašu správu. Včera sme boli v Bratislave a večer sme sa vrátili.",
    "Árvíztűrő tükörfúrógép. A magyar nyelv az uráli nyelvcsalád tagja.",
]


@pytest.mark.parametrize("original", CENTRAL_EUROPEAN)
@pytest.mark.parametrize("codec", ["cp1250", "iso8859_2"])
def test_czech_slovak_and_hungarian_are_not_read_as_western(original: str, codec: str) -> None:
    # In Windows-1252 "ř" is "ø", "ě" "ì", "č" "è": letters all, so the text was read
    # "Pøedseda vlády øekl"; in Windows-1250 ISO-8859-2's "š" is "ą".
    assert decode_bytes(original.encode(codec))[0] == original


@pytest.mark.parametrize(
    ("original", "codec"),
    [
        ("Zażółć gęślą jaźń, powiedziała, że jest ładna pogoda i świeci słońce.", "iso8859_2"),
        ("Türkçe bir metin: ağaçların altında oturduk ve şarkı söyledik.", "cp1254"),
        ("Türkçe bir metin: ağaçların altında oturduk ve şarkı söyledik.", "iso8859_9"),
    ],
)
def test_polish_in_iso8859_2_and_turkish_keep_their_letters(original: str, codec: str) -> None:
    # ISO-8859-2's "ą" is Windows-1250's "±" ("Zażółć gęśl± jaźń"); Turkish was read as
    # Windows-1252 ("aðaçlarýn altýnda", "þarký").
    assert decode_bytes(original.encode(codec))[0] == original


def test_vietnamese_in_windows1258_is_not_read_as_windows1252() -> None:
    # Its letters and tone marks, read in Windows-1252, are letters too ("ngýÞ cuÒa").
    data = (
        b"Ti\xea\xecng Vi\xea\xf2t l\xe0 ng\xf4n ng\xfd\xde cu\xd2a ng\xfd\xf5\xcci Vi\xea\xf2t, "
        b"ng\xf4n ng\xfd\xde ch\xednh th\xfd\xecc ta\xf2i Vi\xea\xf2t Nam."
    )
    # "Tiếng Việt là ngôn ngữ của người Việt", its tone marks combining.
    assert decode_bytes(data) == (data.decode("cp1258"), "cp1258")


def test_a_pound_sign_is_not_read_as_a_polish_letter() -> None:
    original = "If Rangers draw I stand to lift £825. Not bad for a £2 bet."
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


WESTERN_EUROPEAN = [
    "Le père de famille a préféré rester à la maison où il lisait un problème très difficile.",
    "Però la città è più bella così, lunedì andrò giù al mare.",
    "Den første dag i København hørte jeg søstrene synge på gaden.",
    "Não há informações sobre a situação das mães na região.",
    "Die Straße in München ist schön, über die Brücke gehen wir zu Fuß.",
    "Ég fór í búðina og keypti þrjú egg og mjólk á föstudaginn.",
    "We met at the café in Zürich; the naïve señor from Málaga ordered crème brûlée.",
]


@pytest.mark.parametrize("original", WESTERN_EUROPEAN)
def test_western_european_text_stays_windows1252(original: str) -> None:
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


def test_cyrillic_single_byte_text() -> None:
    original = "Привет, как дела? Это тест русского текста в старой кодировке Windows."
    text, _ = decode_bytes(original.encode("cp1251"))
    assert text == original


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(BinaryFileError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "x.txt")


def test_mostly_control_bytes_are_refused() -> None:
    with pytest.raises(BinaryFileError, match="control bytes"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 100 + b"abc", "x.txt")


def random_text_file(size: int, seed: int = 55) -> bytes:
    """``size`` random bytes with their NULs taken out and two put at the end (a file of
    no text, not refused for its NULs: a run of them ending a file is left out)."""
    data = random.Random(seed).randbytes(size).replace(b"\x00", b"")
    return data + b"\x00\x00"


@pytest.mark.parametrize("nuls", ["end", "none", "among"])
def test_random_bytes_are_told_binary_from_their_start_not_decoded_whole(nuls: str) -> None:
    # 64 MB of random bytes named ".txt", NULs only at the end, were decoded whole, by every
    # reading tried in turn (UTF-8 with stray bytes, the detector, each page): 12 s and
    # 2.75 GB, 43 times the file, to read it as text, titled with random characters and
    # counted as 1,588,319 words.  Told binary from its first 64 KB: in memory, one copy.
    data = random_text_file(4 * 1024 * 1024)
    if nuls == "none":
        data = data.rstrip(b"\x00")
    elif nuls == "among":
        # One NUL in 256 bytes, too few to refuse it for them alone: the data was copied
        # whole without them, then decoded, to learn it is no UTF-8 (3 times the data).
        data = random.Random(55).randbytes(len(data))

    def told() -> BinaryFileError:
        with pytest.raises(BinaryFileError, match="binary file") as info:
            decode_bytes(data, "dump.txt")
        return info.value

    error, peak = traced_peak(told)
    assert "dump.txt" in str(error)
    assert peak < 1.5 * len(data)


@pytest.mark.parametrize("mark", [b"", codecs.BOM_UTF8])
def test_utf8_with_many_stray_bytes_is_read_without_a_copy_per_stray_byte(mark: bytes) -> None:
    # UTF-8 with stray bytes was decoded whole with each stray byte escaped (two bytes a
    # character), every stray byte listed as a string of its own, then replaced: 12 times
    # the data in memory (a text of 50 MB in Windows-1252 took 712 MB to list).  Decoding
    # itself takes three times (the text, two bytes a character for its "€", is made wider
    # as it grows).
    line = "Le président est allé à la forêt. Ça coûte 5 € « déjà »\n"
    valid = (line * 4).encode("utf-8")
    stray = line.encode("cp1252")  # a line in Windows-1252 among the UTF-8 ones
    data = mark + (valid + stray) * (8 * 1024 * 1024 // len(valid + stray))
    expected = (line * 5) * (8 * 1024 * 1024 // len(valid + stray))
    (text, encoding), peak = traced_peak(lambda: decode_bytes(data, "notes.txt"))
    assert text == expected
    strays = data.count(stray) * sum(1 for c in line if c > "\x7f")
    assert encoding == f"utf-8 ({strays} stray bytes read as cp1252)"
    assert peak < 5.5 * len(data)


def test_a_big_text_in_a_one_byte_page_is_weighed_one_reading_at_a_time() -> None:
    # Each other page's reading of a text (Central European, Turkish, Baltic, Mac, DOS) was
    # held beside the best so far and the one before it, and the detector's reading and a
    # stripped copy of the data were kept to the end: 12 MB of French in Windows-1252 took
    # 8.3 times the data in memory to be read in it.
    line = "Le président est allé à la forêt où il a vu des élèves. " * 10 + "\n"
    text = line * (12 * 1024 * 1024 // len(line))
    data = text.encode("cp1252")
    (read, encoding), peak = traced_peak(lambda: decode_bytes(data, "fr.txt"))
    assert (read, encoding) == (text, "cp1252")
    assert peak < 5 * len(data)


def test_error_names_the_file() -> None:
    with pytest.raises(BinaryFileError) as info:
        decode_bytes(b"\x00\x01\x02\x03" * 50, "reports/scan.txt")
    assert "reports/scan.txt" in str(info.value)


def test_bad_data_after_bom_is_refused_not_crashed() -> None:
    with pytest.raises(BinaryFileError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF16_LE + bytes(range(0xD8, 0xE0)) * 200)


def test_a_utf8_bom_before_stray_bytes_reads_them_as_windows1252() -> None:
    # The whole document was refused: "starts with a utf-8 byte-order mark but is not
    # utf-8 text", for one Latin-1 letter pasted in, or a Windows-1252 text a program put
    # the mark before.
    data = codecs.BOM_UTF8 + "Café notes\n".encode() + "été à Genève\n".encode("cp1252")
    assert decode_bytes(data) == (
        "Café notes\nété à Genève\n",
        "utf-8 (4 stray bytes read as cp1252)",
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_utf16_or_utf32_text_slightly_damaged_is_read_its_damage_shown(encoding: str) -> None:
    # An odd byte at its end (a program appended a newline) or half a character where it
    # was cut: the whole document was refused as "not utf-16-le text (truncated data)".
    text = "Interview notes about the border crossing.\n" * 10
    data = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE}[encoding] + text.encode(encoding) + b"\n"  # fmt: skip
    decoded, used = decode_bytes(data)
    assert decoded == text + "\ufffd"
    assert used == f"{encoding} (1 broken character replaced)"


def test_empty() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


def test_a_short_word_of_dos_cyrillic_is_not_read_as_utf8_of_two_rare_scripts() -> None:
    # "спасибо" in DOS's Cyrillic page (cp866) holds two valid UTF-8 characters by chance,
    # a Batak and a Buginese letter, beside one stray byte: it was read as UTF-8, "ᯠᨡ®".
    assert decode_bytes("спасибо\n".encode("cp866")) == ("спасибо\n", "cp866")


def test_a_short_utf8_text_of_two_scripts_and_a_stray_byte_stays_utf8() -> None:
    # Latin letters beside another script's are a text's own: it stays UTF-8.
    data = "Москва, Café ".encode() + b"na\xefve\n"
    assert decode_bytes(data) == ("Москва, Café naïve\n", "utf-8 (1 stray byte read as cp1252)")


def test_utf8_with_a_stray_latin1_byte_stays_utf8() -> None:
    # One Latin-1 "é" in a UTF-8 interview made the whole file Latin-1: "SeÃ±or PeÃ±a".
    before = "Señor Peña dijo: “vamos a la frontera”. Él está aquí. " * 20
    after = "Más texto después: canción, niño. " * 20
    data = before.encode() + b"caf\xe9 " + after.encode()
    text, encoding = decode_bytes(data)
    assert text == before + "café " + after
    assert encoding == "utf-8 (1 stray byte read as cp1252)"


def test_a_windows1252_file_with_one_utf8_letter_is_not_read_as_utf8() -> None:
    data = "Señor Peña está aquí, en la página de la canción.".encode("cp1252") + b" caf\xc3\xa9"
    assert decode_bytes(data)[1] == "cp1252"


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def\x00" * 1000,  # ASCII with a NUL every fourth byte
        b"\x00abc\x00def" * 1000,
        b"id\x00name\x00" * 500 + b"row\x00" * 500,
    ],
    ids=["nul-every-fourth", "nul-first", "records"],
)
def test_nul_bytes_that_only_look_like_utf16_are_refused(data: bytes) -> None:
    """Read as UTF-16 they were ideographs each beside a Latin letter ("扡c敤f")."""
    with pytest.raises(BinaryFileError, match="NUL bytes"):
        decode_bytes(data, "records.txt")


@pytest.mark.parametrize(
    "original",
    [
        "日本語のテキストです。PDFファイルを開きます。\n" * 20,
        "Привет, как дела? Это тест русского текста.\n" * 20,
        "中文文本, with an English word or two, 以及更多的中文。\n" * 20,
    ],
    ids=["japanese", "russian", "chinese"],
)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_other_scripts_is_read(original: str, encoding: str) -> None:
    """Their NULs are only at spaces, newlines and digits: they were refused as binary."""
    assert decode_bytes(original.encode(encoding)) == (original, encoding)


@pytest.mark.parametrize(
    "data",
    [
        b"".join(struct.pack("<H", i % 300) for i in range(20_000)),  # 16-bit numbers
        b"".join(struct.pack("<I", i) for i in range(5_000)),
        bytes(range(256)) * 40,
    ],
    ids=["shorts", "ints", "bytes"],
)
def test_binary_numbers_are_not_read_as_utf16(data: bytes) -> None:
    with pytest.raises(BinaryFileError, match="NUL bytes"):
        decode_bytes(data, "samples.txt")


@pytest.mark.parametrize(
    "original",
    [
        "Plain English text, as a web page or a table of figures is written.\n" * 20,
        "Привет, как дела? Это тест русского текста.\n" * 20,
        "日本語のテキストです。😀 PDFファイルを開きます。\n" * 20,
    ],
    ids=["english", "russian", "japanese-and-emoji"],
)
@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_bom_is_read(original: str, encoding: str) -> None:
    """It was refused as a binary file (it holds NUL bytes)."""
    assert decode_bytes(original.encode(encoding)) == (original, encoding)


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("このアプリケーションは、境界の記録を読むためのものです。\n" * 8, "iso2022_jp"),
        ("역사적 예수 연구자들은 복음서나 사도들의 서신서를 읽는다.\n" * 8, "iso2022_kr"),
    ],
    ids=["japanese", "korean"],
)
def test_iso2022_text_is_read_in_it(tmp_path: Path, original: str, encoding: str) -> None:
    # Seven bits, its letters between escapes: it was read as ASCII, the escapes removed
    # and the letters left as symbols ("%3%s%=!<%k").
    data = original.encode(encoding)
    assert decode_bytes(data) == (original, encoding)
    path = tmp_path / "mail.txt"
    path.write_bytes(data)
    assert load_document(path).text == original


RUSSIAN = "Это запись интервью о границе. Они говорили о своей жизни и работе в деревне."
UKRAINIAN = "Це запис інтерв'ю про кордон. Вони говорили про своє життя і роботу в селі."


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        (RUSSIAN, "koi8_r"),  # was read as Shift-JIS: "麛ﾏ ﾚﾁﾐﾉﾓﾘ"
        (UKRAINIAN, "koi8_u"),
        ("ПРИВЕТ МИР! Как дела у тебя сегодня?", "koi8_r"),  # was "ртйчеф нйт! лБЛ ДЕМБ"
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "cp866"),
        ("ｺﾝﾆﾁﾊ ｾｶｲ ﾃｽﾄ ﾃﾞｰﾀ ｶﾀｶﾅ ﾉ ﾌﾞﾝｼｮｳ ﾃﾞｽ。", "shift_jis"),  # in half-width kana
        ("これは国境についてのインタビューの記録です。", "shift_jis"),
    ],
)
def test_a_cyrillic_text_in_koi8_is_read_in_it(original: str, encoding: str) -> None:
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    "original",
    [
        "Lietuva yra valstybė Baltijos jūros rytinėje pakrantėje. Jos sostinė yra Vilnius. "
        "Šalyje gyvena apie trys milijonai žmonių, kurie kalba lietuviškai.",
        "Latvija ir valsts Baltijas jūras austrumu krastā. Tās galvaspilsēta ir Rīga. "
        "Valstī dzīvo gandrīz divi miljoni cilvēku, kuri runā latviešu valodā.",
    ],
)
def test_a_baltic_text_in_windows_1257_is_read_in_it(original: str) -> None:
    # Lithuanian and Latvian were read as Windows-1252: "valstybì", "jþros", "krastâ".
    assert decode_bytes(original.encode("cp1257"))[0] == original


def test_a_byte_a_cyrillic_page_lacks_is_no_failure() -> None:
    # Weighing the Cyrillic pages for a text the detector took for Cyrillic failed on a byte
    # Windows-1251 has no character for (0x98): the file was not read at all.
    text, _ = decode_bytes(b"\t&\x98")
    assert text.startswith("\t&")


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("El niño comió piñas en la estación. La situación es difícil para la región.", "cp850"),
        ("Le garçon a mangé une crêpe à la gare. Où êtes-vous allés cet été?", "cp437"),
        ("Die Straße über die Brücke ist schön. Der Bär aß Äpfel für fünf Tage.", "cp850"),
        (
            "El niño comió piñas en la estación. La situación es difícil para la región.",
            "mac_roman",
        ),
        ("A informação não está disponível. O pão é bom e a família está feliz.", "mac_roman"),
        ("Was to on über by el at comió où región die is.", "cp1252"),
        ("Žluťoučký of and is łódź the this.", "cp1250"),
    ],
)
def test_a_western_text_from_dos_or_an_old_mac_is_read_in_its_page(
    original: str, encoding: str
) -> None:
    # Written under DOS it was read as Russian or Central European ("El niдo comiв"), on an
    # old Mac as Central European ("El ni–o comi—").
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    "original",
    [
        "20°C ± 2, ½ of £5",
        "Keep at 4°C to 8°C (±0.5°C); dose ¼ tablet, cost £3.",
        "Room: 12 m², heated to 21°C.",
    ],
)
def test_a_western_text_from_dos_with_signs_beside_figures_is_read_in_its_page(
    original: str,
) -> None:
    # Its signs were read in Windows-1252 as letters beside the figures ("20øC ñ 2, « of
    # œ5"); a Spanish or German text's letters are no signs, read as before (below).
    assert decode_bytes(original.encode("cp437")) == (original, "cp437")
    for western in ("El 1º piso, 2ª puerta, año 2000.", "Größe 3, Raum 12 für 4 Personen."):
        assert decode_bytes(western.encode("cp1252")) == (western, "cp1252")


@pytest.mark.parametrize("original", ["日本語", "大阪市", "東京都"])
def test_a_word_of_japanese_in_shift_jis_is_not_read_as_hong_kong_s_big5(original: str) -> None:
    # It was read in Big5's Hong Kong extension as characters hardly ever written ("𣲚塲㴒"
    # for "日本語"); Cantonese written in that extension is read in it as before.
    assert decode_bytes(original.encode("shift_jis")) == (original, "cp932")
    assert decode_bytes("嘅咗啲".encode("big5hkscs")) == ("嘅咗啲", "big5hkscs")


@pytest.mark.parametrize(
    "original",
    [
        "Die Kinder waren müde.",
        "Wir warteten drei Wochen in der Grenzstadt. Die Kinder schliefen am Boden, müde.",
        "Ein Grüßen. Das Gebäude ist groß und die Tür ist blau.",
    ],
)
def test_a_german_text_from_dos_is_not_read_as_japanese(original: str) -> None:
    # Its "ü" and the letter after it were read in Shift-JIS as one sign between the
    # letters of a word ("m‥e" for "müde"): a letter lost, the word broken.
    assert decode_bytes(original.encode("cp850")) == (original, "cp850")


@pytest.mark.parametrize(
    "original",
    ["Don’t say “never” — it’s fine.", "The café’s owner said “no”.", "We’d left…"],
)
def test_an_old_mac_s_curly_quotes_are_read_as_quotes(original: str) -> None:
    # Saved on an old Mac (Mac OS Roman), its apostrophes and quotation marks were read in
    # Windows-1252 as capitals inside the words ("DonÕt say ÒneverÓ Ñ itÕs fine.").
    assert decode_bytes(original.encode("mac_roman")) == (original, "mac_roman")


@pytest.mark.parametrize(
    "original",
    [
        "L'œuvre coûte 5 € à Noël, dit Zoë. Ça alors !",
        "Ma sœur a le cœur sur la main.",
        "Œdipe et le bœuf.",
    ],
)
def test_a_french_text_in_latin_9_keeps_its_oe(original: str) -> None:
    # ISO-8859-15 (Latin-9, as Linux systems wrote French and Finnish) was read in
    # Windows-1252, its "œ" a "½" inside the word ("c½ur", "L'½uvre") and its "€" a "¤".
    assert decode_bytes(original.encode("iso8859_15")) == (original, "iso8859_15")


@pytest.mark.parametrize(
    "original",
    ["Mix ½ cup of flour with ¼ of sugar.", "Walk ½ mile north.", "Add ¾ cup of milk."],
)
def test_a_western_line_with_a_fraction_standing_alone_is_not_read_as_thai(
    original: str,
) -> None:
    # A fraction written as its own word ("½ cup") was read as a Thai letter standing alone
    # among English words ("Mix ฝ cup of flour"), as Thai is not written.
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


@pytest.mark.parametrize(
    "original",
    [
        "Dose: 5 µg daily.",
        "Brand® and Name™ sold.",
        "Cost – about 5 × 3.",
        "It was 35° in the shade.",
    ],
)
def test_an_english_line_whose_only_other_characters_are_signs_stays_windows_1252(
    original: str,
) -> None:
    # Its one or two signs ("µ", "®", "–") were read as Chinese in Big5 ("5 痢 daily"), or
    # in DOS's Greek or Ukrainian page ("Cost Ц about 5 ╫ 3"): the words changed.
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


@pytest.mark.parametrize(
    "original",
    ["I don´t know, it´s true.", "Un café ¸ « bien » à 5 ¤ !"],
)
def test_a_western_text_with_signs_apart_from_letters_is_not_read_as_latin_9(
    original: str,
) -> None:
    assert decode_bytes(original.encode("cp1252"))[0] == original


@pytest.mark.parametrize(
    "original",
    [
        "Zażółć gęślą jaźń, chrząszcz brzmi w trzcinie.",
        "Dzień dobry, jak się masz? Wszystko w porządku.",
        "Dzień dobry, jak się masz? Wszystko w porządku. Wczoraj byłem w sklepie i kupiłem "
        "chleb, masło i ser. Jutro pojedziemy do babci na wieś.",
    ],
)
def test_a_polish_text_from_dos_is_read_in_its_page(original: str) -> None:
    # Polish written under DOS (code page 852) was read as ISO-8859-2: its "ł" and "ś" are
    # control characters there, the cleaning took them and the rest of the line with them
    # ("Zaž˘ gŠ"), and "ę", "ą" became capitals inside words ("siŠ", "porzĽdku").
    assert decode_bytes(original.encode("cp852"))[0] == original


@pytest.mark.parametrize(
    "original",
    [
        "Interviewer: So you didn’t go back?\nMaria: No, I couldn’t. “It’s over,” I told "
        "him — and that was it.\n",
        "He said “hello” — and left.",
        "The students’ essays were due on Monday; the teacher’s notes followed.",
        "• First item\n• Second item\n• Third — last one\n",
        "O’Brien and D’Angelo met at 10–11 am.",
        "Price: €25 – about £21. That’s all™.",
        "It’s a nice day.",
        "The Donau\xaddampf\xadschiff left at dawn, over the Wachau.\n",
    ],
)
def test_an_english_text_in_windows_1252_keeps_its_quotes_and_dashes(original: str) -> None:
    # A text typed in Word and saved in Windows-1252, its only bytes beyond ASCII its curly
    # quotes, apostrophes and dashes, was read as an old Mac's ("didnít", "ìhelloî ó"),
    # under DOS's ("didnĺt") or as Chinese ("It𠏋 a nice day", "Donau苓ampf").
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("我今天用Python写了一个程序。", "gb2312"),
        ("我今天用Python寫了一個程式。", "big5"),
        ("iPhoneを買いました。", "shift_jis"),
        ("Windows版のOfficeをインストールした", "cp932"),
    ],
)
def test_an_east_asian_text_with_latin_words_stays_east_asian(original: str, encoding: str) -> None:
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("Привет, как дела?", "iso8859_5"),
        ("Добар дан, како сте?", "iso8859_5"),
        ("Dziękuję za list, do zobaczenia jutro.", "cp852"),
    ],
)
def test_a_short_text_in_iso_8859_5_or_dos_852_is_read_in_its_page(
    original: str, encoding: str
) -> None:
    # A line of Russian or Serbian in ISO-8859-5 was read in KOI8-R ("©ЮьруБ, зпз тушп?"),
    # the page it was never weighed against; a line of Polish written under DOS was taken
    # for Japanese, then read as Russian in DOS's Cyrillic page ("Dziйkujй").
    assert decode_bytes(original.encode(encoding))[0] == original


def test_a_text_of_short_pages_ended_by_form_feeds_is_no_binary_file(tmp_path: Path) -> None:
    # A form feed ends a page and a vertical tab a line (they are read as breaks): a text of
    # short pages, each followed by a blank one, was refused as 'binary file (mostly control
    # bytes)', each counted as a control byte.
    path = tmp_path / "report.txt"
    path.write_bytes(b"Ledger\n\n" + b"p1\x0c\x0c" * 6 + b"\x0b\x0b\x0bend\n")
    document = load_document(path)
    assert document.text.startswith("Ledger\n\np1\n\np1\n") and document.text.endswith("end\n")


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("שלום, מה שלומך? אני בסדר.", "cp1255"),
        ("שלום, מה שלומך? אני בסדר.", "iso8859_8"),
        ("הפגישה התקיימה ביום שלישי בבוקר. כולם הגיעו בזמן.", "cp1255"),
        ("Привет, как дела? Хорошо.", "cp1251"),
        ("встреча прошла во вторник утром.", "cp1251"),
        ("мы поговорили с ним вчера.", "cp1251"),
    ],
)
def test_a_short_hebrew_text_is_read_as_hebrew_not_russian(original: str, encoding: str) -> None:
    # A line of Hebrew in Windows-1255 or ISO-8859-8 was read as Russian in Windows-1251
    # ("щмен, од щмеок? арй бсгш."); Russian in Windows-1251 stays Russian.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("встреча прошла во вторник утром.", "koi8_r"),
        ("она сказала, что придет завтра утром", "koi8_r"),
        ("встреча прошла во вторник утром.", "cp1251"),
    ],
)
def test_a_short_russian_text_in_small_letters_is_not_read_as_utf_16(
    original: str, encoding: str
) -> None:
    # A line of Russian in KOI8-R without a capital, an even number of bytes long, was
    # taken for UTF-16 and opened as Korean ("ퟓ퓒엞선탒쿛쳁").
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("مرحبا بكم في البيت.", "iso8859_6"),
        ("عقد الاجتماع يوم الثلاثاء صباحا. وصل الجميع في الوقت المحدد.", "iso8859_6"),
        ("مرحبا بكم في البيت.", "cp1256"),
        ("การประชุมจัดขึ้นในวันอังคาร ทุกคนมาตรงเวลา และพูดคุยกันเรื่องงาน", "cp874"),
    ],
)
def test_a_short_arabic_text_in_iso_8859_6_is_not_read_as_thai(
    original: str, encoding: str
) -> None:
    # A line of Arabic in ISO-8859-6 was read as Thai ("ๅัอศว ศใๅ แ๊ วไศ๊ส."); Thai stays Thai.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    "original",
    ["สวัสดีครับ วันนี้อากาศดีมาก", "ขอบคุณมากครับ", "ผมไปตลาดเมื่อวานนี้"],
)
def test_a_short_thai_text_is_not_read_as_japanese_or_ebcdic(original: str) -> None:
    # A line of Thai in Windows-874 was read as half-width katakana ("ﾊﾇﾑﾊｴﾕ､ﾃﾑｺ") or as
    # EBCDIC ("sò[uQ·AK~uCJ[").
    assert decode_bytes(original.encode("cp874"))[0] == original


@pytest.mark.parametrize(
    "original", ["Ça va très bien", "Voilà, c'est déjà fait.", "Él está aquí mañana."]
)
def test_a_short_western_line_is_not_read_as_chinese(original: str) -> None:
    # A short French or Spanish line in Windows-1252 was read as Chinese or Japanese: a few
    # ideographs among its Latin letters ("ド va tr鋊 bien").
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("Merhaba, nasılsınız? İyiyim.", "cp1254"),
        ("Teşekkür ederim, görüşürüz.", "cp1254"),
        ("Ég heiti Jón og bý í Reykjavík.", "cp1252"),
        ("Það er gott að sjá þig.", "cp1252"),
    ],
)
def test_a_short_turkish_line_is_not_read_as_icelandic(original: str, encoding: str) -> None:
    # A short Turkish line in Windows-1254 was read as Windows-1252, its ı, ğ and ş as
    # Icelandic letters ("nasýlsýnýz? Ýyiyim."); Icelandic stays Icelandic.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("ευχαριστώ πολύ", "cp1253"),
        ("ευχαριστώ πολύ", "iso8859_7"),
        ("μιλήσαμε χθες το απόγευμα.", "cp1253"),
        ("день добрый, спасибо большое", "cp1251"),
        ("всё хорошо, будь здоров", "cp1251"),
    ],
)
def test_a_short_greek_text_in_small_letters_is_not_read_as_russian(
    original: str, encoding: str
) -> None:
    # A line of Greek without a capital was read as Russian in Windows-1251 ("ехчбсйуфю
    # рплэ" for "ευχαριστώ πολύ"); Russian stays Russian.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("شكرا جزيلا", "cp1256"),
        ("شكرا جزيلا", "iso8859_6"),
        ("عقد الاجتماع يوم الثلاثاء", "iso8859_6"),
        ("عقد الاجتماع يوم الثلاثاء", "cp1256"),
    ],
)
def test_a_short_arabic_text_is_not_read_as_russian(original: str, encoding: str) -> None:
    # Two words of Arabic were read as Russian in KOI8-R, capitals inside its words
    # ("тЦяг лрЙДг" for "شكرا جزيلا").
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("שלום", "cp1255"),
        ("שלום עולם", "cp1255"),
        ("שלום\n", "iso8859_8"),
        ("привет", "cp866"),
        ("привет мир", "cp866"),
        ("привет", "koi8_r"),
        ("Привет\n", "koi8_r"),
        ("привет мир", "koi8_r"),
        ("привет", "cp1251"),
        ("спасибо", "iso8859_5"),
        ("Москва", "koi8_r"),
        ("доброе утро", "cp866"),
        ("привіт", "koi8_u"),
    ],
)
def test_a_word_or_two_in_a_legacy_page_is_read_in_it(original: str, encoding: str) -> None:
    # A word or two of Hebrew or Russian gave the detector too little: "שלום" in
    # Windows-1255 was read as Korean ("盒孼"), "привет" in DOS's 866 or KOI8-R as Chinese.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("ПРИВЕТ", "cp1251"),
        ("ПРИВЕТ МИР", "cp1251"),
        ("МОСКВА", "cp1251"),
        ("ДОБРОЕ УТРО", "cp1251"),
        ("СПАСИБО", "cp1251"),
        ("ПРИВЕТ", "koi8_r"),
        ("МОСКВА", "koi8_r"),
        ("да", "cp1251"),
        ("не", "cp1251"),
        ("мы", "cp1251"),
        ("да", "koi8_r"),
        ("да", "cp866"),
        ("Да\n", "cp1251"),
    ],
)
def test_a_word_or_two_of_russian_in_capitals_or_of_two_letters_is_read_in_its_page(
    original: str, encoding: str
) -> None:
    # A word or two of Russian in capitals (a heading, a sign) in Windows-1251 was read as
    # KOI8's small letters ("опхбер" for "ПРИВЕТ"), or as Korean; a word of two letters,
    # as one Chinese character ("魡" for "да").
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [("你好", "big5"), ("東京", "shift_jis"), ("こんにちは", "shift_jis")],
)
def test_a_word_or_two_of_chinese_japanese_or_korean_stays_so(original: str, encoding: str) -> None:
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [("Γειά σου", "cp1253"), ("καλημέρα", "iso8859_7"), ("Καλή μέρα", "cp1253")],
)
def test_a_word_or_two_of_greek_is_read_as_greek(original: str, encoding: str) -> None:
    # "Γειά σου" in Windows-1253 was read as Urdu ("ﺣﮒﻠﻎ ﮩﺅﺀ"), "καλημέρα" as Russian.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    "data",
    [
        b"Some longer text here with a stray\x00 NUL byte in the middle of a sentence.\n"
        b"And more lines of text.\n",
        "Q. Où étiez-vous ?\nA. À la frontière,\x00 près du pont.\n".encode(),
    ],
    ids=["english", "french"],
)
def test_utf8_holding_a_stray_nul_is_not_read_as_utf16(data: bytes) -> None:
    """One NUL in a transcript's hundred bytes passed UTF-16's test (a NUL in one lane of
    the bytes, none in the other): the whole text was read as ideographs ("卯浥⁬潮来")."""
    text, encoding = decode_bytes(data, "stray.txt")
    assert text == data.replace(b"\x00", b"").decode("utf-8")
    nuls = data.count(b"\x00")
    assert encoding == f"utf-8 ({nuls} NUL byte{'s' if nuls > 1 else ''} left out)"


@pytest.mark.parametrize("data", [b"A\x00B nul text.\n", b"army\x00binary"])
def test_a_few_bytes_holding_a_nul_are_binary_not_utf16(data: bytes) -> None:
    """Read as UTF-16 they were ideographs ("A⁂畮⁬整瑸ਮ")."""
    with pytest.raises(BinaryFileError, match="NUL bytes"):
        decode_bytes(data, "short.txt")


@pytest.mark.parametrize(
    ("text", "codec"),
    [("안녕하세요\r\n", "cp949"), ("감사합니다\r\n", "cp949"), ("Привет, мир\r\n", "cp1251")],
)
def test_a_short_line_ended_by_cr_lf_is_not_read_as_utf16(text: str, codec: str) -> None:
    # A text without a NUL byte whose line ends "\r\n" (as Windows writes it) was read as
    # UTF-16, two bytes a character, its line break one Malayalam letter ("뻈돧쟏벼뿤ഊ").
    decoded, encoding = decode_bytes(text.encode(codec))
    assert not encoding.startswith("utf_16")
    assert decoded == text


@pytest.mark.parametrize(
    "text", ["こんにちは", "ありがとうございます\n", "彼は昨日市場に行ったと言った。\r\n"]
)
def test_a_short_japanese_text_in_euc_jp_is_not_read_as_korean(text: str) -> None:
    # Its kana were read as Hangul's letters standing alone ("ㅃㆃㅛㅑㅟ" for "こんにちは").
    assert decode_bytes(text.encode("euc_jp")) == (text, "euc_jp")


@pytest.mark.parametrize("codec", ["shift_jis", "cp932"])
@pytest.mark.parametrize("times", [1, 10])
def test_a_japanese_text_in_shift_jis_is_not_read_as_korean(codec: str, times: int) -> None:
    # Its kana and kanji were read in Korean's page as Hangul syllables of the extended
    # set Korean is hardly written in ("럡궫궭궼뜎떕궻뮠" for "私たちは国境の町"), short or long.
    text = "私たちは国境の町で三週間待ちました。バスは来ませんでした。\n" * times
    assert decode_bytes(text.encode(codec)) == (text, "cp932")


@pytest.mark.parametrize(
    "text", ["안녕하세요", "그는 어제 시장에 갔다고 말했다.\n", "똠방각하 햏 뷁 쌰", "붉은 똠얌꿍"]
)
def test_a_short_korean_text_stays_korean(text: str) -> None:
    assert decode_bytes(text.encode("cp949"))[0] == text


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("Спасибо большое", "cp1251"),
        ("Как дела?", "cp1251"),
        ("Γεια σου κόσμε", "cp1253"),
        ("Ευχαριστώ", "cp1253"),
        ("Καλό βράδυ", "iso8859_7"),
    ],
)
def test_a_few_words_of_greek_or_russian_are_not_read_as_the_other(
    original: str, encoding: str
) -> None:
    # Each page reads the other's small letters as its own: "Спасибо большое" was read as
    # Greek ("Ροΰρθαξ αξλόψξε"), "Γεια σου κόσμε" as Russian ("Гейб упх кьуме").
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("شكرا", "cp1256"),
        ("كيف حالك؟", "cp1256"),
        ("صباح الخير", "cp1256"),
        ("أنا في البيت", "cp1256"),
        ("תודה רבה", "cp1255"),
    ],
)
def test_a_word_or_two_of_arabic_or_hebrew_is_read_in_its_page(
    original: str, encoding: str
) -> None:
    # "شكرا" in Windows-1256 was read as Chinese ("婒捚"), "صباح الخير" as Russian, and
    # Hebrew without a letter in its final form as Urdu ("ﻲﮒﻙﻛ ﺋﻕﻛ" for "תודה רבה").
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize("original", ["Café", "Müller", "Señor José", "Grüße", "naïve café"])
def test_a_word_or_two_of_a_western_language_is_read_as_windows_1252(original: str) -> None:
    # "Café" was read as a mainframe's EBCDIC or as Russian ("Cafй"), "Müller" and
    # "Señor José" as Urdu ("Mﮰller").
    assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


@pytest.mark.parametrize(
    ("original", "encoding"),
    [("中国人民", "gbk"), ("我们明天去北京。\n", "gbk"), ("한국어", "cp949")],
)
def test_a_short_chinese_or_korean_text_is_not_read_as_the_other(
    original: str, encoding: str
) -> None:
    # "中国人民" in GBK was read as Korean ("櫓벌훙췽": Hangul with a Chinese character inside
    # a word), "한국어" as Chinese in Big5 with a Cyrillic letter ("и措橫").
    assert decode_bytes(original.encode(encoding)) == (original, encoding)


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("係呀，好攰。\n", "big5hkscs"),  # was read as Korean ("첷쬻좥쫚씷좧")
        ("問：你好嗎？\n答：幾好。\n", "big5"),  # as Korean
        ("點解嚟香港\n搵工\n", "big5hkscs"),  # as Korean in Johab
        ("你鍾唔鍾意香港？\n鍾意，不過好辛苦。\n", "big5"),  # as Korean in Johab
        ("屋企四個人\n", "big5"),  # as Japanese in half-width katakana ("ｫﾎ･苷|ｭﾓ､H")
        ("食咗飯未\n未呀\n", "big5hkscs"),  # as Japanese
        ("冇問題，唔使客氣。\n", "big5"),  # as DOS's Western page ("╔N░¦├DíA")
        ("그래요?\n네.\n", "cp949"),  # as Urdu's page ("ﺎﻉﺓ۰ﺟﻛ?")
    ],
)
def test_a_few_short_lines_of_cantonese_or_korean_are_read_in_their_page(
    original: str, encoding: str
) -> None:
    # A Hong Kong interview of a line or two in Big5 (and its Hong Kong extension) and a
    # Korean one in EUC-KR were read in another page: Korean, Japanese, a Western or
    # Urdu's page.  The detector's guess is weighed against the reading in Big5 or in
    # Korean's page when its own reads as no text is written.
    data = original.encode("euc_kr" if encoding == "cp949" else "big5hkscs")
    assert decode_bytes(data) == (original, encoding)
    # As before: Cantonese in its page, Korean and Japanese in theirs, English as English.
    assert decode_bytes("我哋喺深水埗住咗三年。".encode("big5hkscs"))[1] == "big5hkscs"
    assert decode_bytes("면담자: 어떻게 오셨어요?\n".encode("euc_kr"))[1] == "cp949"
    assert decode_bytes("こんにちは、元気です。".encode("shift_jis"))[1] == "cp932"
    assert decode_bytes("Caf\xe9 au lait".encode("latin-1"))[1] == "cp1252"


def test_a_line_of_cantonese_whose_bytes_make_a_sign_and_an_accent_in_utf8_is_read_in_big5() -> (
    None
):
    # "多謝晒。" in Big5 holds two sequences UTF-8 reads, a sign and an accent over nothing
    # ("®" and "͡"): it was read as UTF-8 with stray bytes ("¦hÁ®͡C").  A short UTF-8 text
    # of signs with a stray byte stays UTF-8.
    assert decode_bytes("多謝晒。\n".encode("big5hkscs")) == ("多謝晒。\n", "big5")
    data = "Cost: 5€ and 3€ for ".encode() + "café\n".encode("cp1252")
    assert decode_bytes(data) == (
        "Cost: 5€ and 3€ for café\n",
        "utf-8 (1 stray byte read as cp1252)",
    )


def test_a_short_utf8_text_with_a_line_in_windows1252_stays_utf8() -> None:
    # A short transcript in UTF-8 with one line pasted from a Windows-1252 file was read
    # whole in a Nordic page, every accented letter of it garbled ("ÂŋcÃģmo estÃĄs?").
    data = (
        "Ana: Hola, ¿cómo estás?\nBo: Bien.\nAna: Qué bien.\n".encode()
        + "Bo: Adiós señor.\n".encode("cp1252")
    )
    assert decode_bytes(data) == (
        "Ana: Hola, ¿cómo estás?\nBo: Bien.\nAna: Qué bien.\nBo: Adiós señor.\n",
        "utf-8 (2 stray bytes read as cp1252)",
    )


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("מה נשמע?", "cp1255"),
        ("היא אמרה לא", "cp1255"),
        ("אני בבית", "cp1255"),
        ("дом", "cp1251"),
        ("мама", "cp1251"),
    ],
)
def test_a_few_words_of_hebrew_without_a_final_letter_are_not_read_as_russian(
    original: str, encoding: str
) -> None:
    # Read in Windows-1251, Hebrew is Russian's small letters ("од рщот?" for "מה נשמע?");
    # a word of Russian stays Russian.
    assert decode_bytes(original.encode(encoding))[0] == original


@pytest.mark.parametrize("original", ["друг", "брат"])
def test_a_word_of_russian_is_not_read_as_greek_without_a_vowel(original: str) -> None:
    # "друг" in Windows-1251 was read as Greek, "δπσγ": a word without a vowel.
    assert decode_bytes(original.encode("cp1251"))[0] == original


@pytest.mark.parametrize(
    ("words", "encoding"),
    [
        ("Łódź", "cp1250"),
        ("Łódź\n", "iso8859_2"),
        ("Łódź Kaliska\r\n", "cp1250"),
        ("Wrocław", "cp1250"),
        ("Şükrü\n", "cp1254"),
    ],
)
def test_a_word_of_polish_or_turkish_with_more_accents_than_plain_letters_is_read_in_its_page(
    words: str, encoding: str
) -> None:
    # Too few plain letters for a Western word, the detector read them in a Ukrainian or
    # Urdu page: "гґdЯ" for "Łódź", "Wrocﺏaw", "ﻐﮰkrﮰ" for "Şükrü".
    assert decode_bytes(words.encode(encoding)) == (words, encoding)


@pytest.mark.parametrize("codec", ["cp1250", "iso8859_2"])
@pytest.mark.parametrize(
    "words", ["Dziękuję", "Dziękuję bardzo", "Gdańsk", "Częstochowa", "Świętokrzyskie", "jęk"]
)
def test_a_word_or_two_of_polish_that_spells_french_too_is_read_as_polish(
    words: str, codec: str
) -> None:
    # "ę" and "ń" are "ê" and "ñ" in Windows-1252, French's, Portuguese's and Spanish's
    # letters: a word or two spelled a Western language as well, and was read so,
    # "Dziêkujê", "Gdañsk". Its plain letters ("z", "k", "j") are Polish's common ones.
    assert decode_bytes(words.encode(codec))[0] == words


@pytest.mark.parametrize(
    "words", ["Peña", "Señor", "três", "você", "être", "tête", "forêt", "niño", "Muñiz", "città"]
)
def test_a_western_word_that_spells_polish_or_czech_too_stays_western(words: str) -> None:
    # The other way round: "três" spells Polish as "tręs", "Peña" as "Peńa"; their plain
    # letters are as common in their own language, and Windows-1252 reads them.
    assert decode_bytes(words.encode("cp1252")) == (words, "cp1252")


@pytest.mark.parametrize("codec", ["cp1253", "iso8859_7"])
@pytest.mark.parametrize("words", ["Ναι", "Όχι", "Ναι και όχι"])
def test_a_few_short_words_of_greek_are_read_as_greek(words: str, codec: str) -> None:
    # Greek words of three letters at most ("Ναι", "yes") were read as Arabic ("حفى") or
    # Serbian ("јчй"): without a word of four letters, none read as Greek.
    assert decode_bytes(words.encode(codec))[0] == words


@pytest.mark.parametrize(
    ("head", "said"),
    [
        (b"%PDF-1.7\n", "a PDF: rename it to end in .pdf"),
        (b"PK\x03\x04", "a zip archive, as Word, OpenDocument and EPUB files are"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Office file, as .doc files are"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    ],
)
def test_a_file_of_another_format_named_as_text_is_refused_saying_which(
    head: bytes, said: str
) -> None:
    # A PDF, a Word file or an image saved under a ".txt" name was refused as "binary file
    # (contains NUL bytes), not text": which format it is in, and what to do, was left to
    # guess. Its first bytes tell it now.
    data = head + b"\x00\x01\x02\x03 stream of bytes \x00\xff" * 40 + b"end"
    with pytest.raises(BinaryFileError, match=re.escape(said)):
        decode_bytes(data, "report.txt")
    with pytest.raises(BinaryFileError, match=re.escape("binary file (contains NUL bytes)")):
        decode_bytes(b"\x00\x01\x02\x03 stream of bytes \x00\xff" * 40 + b"end", "report.txt")


@pytest.mark.parametrize("data", [b"\xe9", b"\xfc\n", b"\xff", b" \xe0\r\n"])
def test_a_text_of_one_character_beyond_ascii_is_read_in_windows_1252(data: bytes) -> None:
    """A file holding one letter ('é' saved in Latin-1) gives the detector nothing to weigh:
    it was read in a mainframe's EBCDIC as 'Z', or in Urdu's page ('ﹽ' for 'ÿ').  A lone
    character is read in the Western page, as a short Western text is."""
    assert decode_bytes(data, Path("one.txt")) == (data.decode("cp1252"), "cp1252")


def test_a_letter_between_letters_is_no_match_to_let_through() -> None:
    # Every accented letter of a Western text between two letters was a match of the
    # pattern, let through by a call in Python: 3.6 s of a French text of 50 MB in
    # Windows-1252.  Letters and marks below U+2000 are no match; what is found is not.
    from tui_reader.core.documents.decoding import _fits_inside_a_word, _unwedged, _wedged

    assert _wedged().search("Le président est allé à la forêt, Dziękuję, Größe") is None
    for code in range(0x80, 0x2100):
        between = f"a{chr(code)}b"
        assert _unwedged(between) == _fits_inside_a_word(chr(code)), hex(code)
        if code < 0x2000 and _fits_inside_a_word(chr(code)):
            assert _wedged().search(between) is None, hex(code)
    assert not _unwedged("Peña a̱ ¤b 5µg x±y") and _unwedged("Peña l’été")
    # The character is matched first, the letter before it looked behind at after: the
    # engine skips to a pattern's first characters, where a look behind first was tried at
    # every position of the text (ten times the time).
    assert _wedged().pattern.startswith("[^\\x00-\\x7f")
    assert [m.span() for m in _wedged().finditer("a±b ±b x±y a± é±")] == [(1, 2), (8, 9)]
