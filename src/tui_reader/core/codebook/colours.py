"""Tag colours: the one parser of what a person types (the tag dialog, ``tags set --color``)
and of what the database holds (highlights, exports).

A colour is stored as ``#rrggbb``.  Accepted: ``#rgb``, ``#rrggbb`` (and with an opaque alpha),
``rgb(r, g, b)`` (numbers or percentages), ``hsl(h, s%, l%)`` (a hue in degrees or an angle),
both also in CSS's space form (``rgb(255 128 0 / 100%)``), the CSS colour names (``orange``,
``plum``, ``teal``) and, for values stored before colours were checked, Rich's names
(``bright_red``, ``plum1``).
"""

from __future__ import annotations

import colorsys
import math
import re

from tui_reader.core.errors import SeeThroughColourError, TagColourError

# The CSS Color Module Level 4 named colours, name -> rrggbb.
_CSS_NAMES = """
    black 000000  silver c0c0c0  gray 808080  white ffffff  maroon 800000  red ff0000
    purple 800080  fuchsia ff00ff  green 008000  lime 00ff00  olive 808000  yellow ffff00
    navy 000080  blue 0000ff  teal 008080  aqua 00ffff  orange ffa500  aliceblue f0f8ff
    antiquewhite faebd7  aquamarine 7fffd4  azure f0ffff  beige f5f5dc  bisque ffe4c4
    blanchedalmond ffebcd  blueviolet 8a2be2  brown a52a2a  burlywood deb887  cadetblue 5f9ea0
    chartreuse 7fff00  chocolate d2691e  coral ff7f50  cornflowerblue 6495ed  cornsilk fff8dc
    crimson dc143c  cyan 00ffff  darkblue 00008b  darkcyan 008b8b  darkgoldenrod b8860b
    darkgray a9a9a9  darkgreen 006400  darkgrey a9a9a9  darkkhaki bdb76b  darkmagenta 8b008b
    darkolivegreen 556b2f  darkorange ff8c00  darkorchid 9932cc  darkred 8b0000
    darksalmon e9967a  darkseagreen 8fbc8f  darkslateblue 483d8b  darkslategray 2f4f4f
    darkslategrey 2f4f4f  darkturquoise 00ced1  darkviolet 9400d3  deeppink ff1493
    deepskyblue 00bfff  dimgray 696969  dimgrey 696969  dodgerblue 1e90ff  firebrick b22222
    floralwhite fffaf0  forestgreen 228b22  gainsboro dcdcdc  ghostwhite f8f8ff  gold ffd700
    goldenrod daa520  greenyellow adff2f  grey 808080  honeydew f0fff0  hotpink ff69b4
    indianred cd5c5c  indigo 4b0082  ivory fffff0  khaki f0e68c  lavender e6e6fa
    lavenderblush fff0f5  lawngreen 7cfc00  lemonchiffon fffacd  lightblue add8e6
    lightcoral f08080  lightcyan e0ffff  lightgoldenrodyellow fafad2  lightgray d3d3d3
    lightgreen 90ee90  lightgrey d3d3d3  lightpink ffb6c1  lightsalmon ffa07a
    lightseagreen 20b2aa  lightskyblue 87cefa  lightslategray 778899  lightslategrey 778899
    lightsteelblue b0c4de  lightyellow ffffe0  limegreen 32cd32  linen faf0e6  magenta ff00ff
    mediumaquamarine 66cdaa  mediumblue 0000cd  mediumorchid ba55d3  mediumpurple 9370db
    mediumseagreen 3cb371  mediumslateblue 7b68ee  mediumspringgreen 00fa9a
    mediumturquoise 48d1cc  mediumvioletred c71585  midnightblue 191970  mintcream f5fffa
    mistyrose ffe4e1  moccasin ffe4b5  navajowhite ffdead  oldlace fdf5e6  olivedrab 6b8e23
    orangered ff4500  orchid da70d6  palegoldenrod eee8aa  palegreen 98fb98
    paleturquoise afeeee  palevioletred db7093  papayawhip ffefd5  peachpuff ffdab9  peru cd853f
    pink ffc0cb  plum dda0dd  powderblue b0e0e6  rosybrown bc8f8f  royalblue 4169e1
    saddlebrown 8b4513  salmon fa8072  sandybrown f4a460  seagreen 2e8b57  seashell fff5ee
    sienna a0522d  skyblue 87ceeb  slateblue 6a5acd  slategray 708090  slategrey 708090
    snow fffafa  springgreen 00ff7f  steelblue 4682b4  tan d2b48c  thistle d8bfd8  tomato ff6347
    turquoise 40e0d0  violet ee82ee  wheat f5deb3  whitesmoke f5f5f5  yellowgreen 9acd32
    rebeccapurple 663399
"""
CSS_COLOURS: dict[str, str] = dict(
    zip(_CSS_NAMES.split()[::2], (f"#{h}" for h in _CSS_NAMES.split()[1::2]), strict=True)
)

# Patterns compiled when first matched (re keeps them), not when the module loads: the
# first screen imports this module and parses no colour.
_HEX = r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})"
_FUNCTION = r"(rgba?|hsla?)\((.*)\)"
# One argument of a colour function: a number, with a percent sign or an angle's unit.
_ARGUMENT = r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(%|deg|grad|rad|turn)?"
_TURN = {None: 1.0, "deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}


def _byte(v: float) -> int:
    """A channel 0..255 as CSS makes it: clamped and rounded half up."""
    return min(255, max(0, math.floor(v + 0.5)))


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{_byte(v):02x}" for v in (r, g, b))


def _arguments(
    inside: str,
) -> tuple[list[tuple[float, str | None]], tuple[float, str | None] | None] | None:
    """A colour function's three arguments and its alpha (None when not given), each as its
    number and unit, in CSS's comma form (``1, 2, 3, 0.5``) or space form (``1 2 3 / 50%``);
    None when they are neither."""
    alpha: str | None
    if "," in inside:
        parts = [part.strip() for part in inside.split(",")]
        alpha = parts.pop() if len(parts) == 4 else None
    else:
        main, slash, after = inside.partition("/")
        parts = main.split()
        alpha = after.strip() if slash else None
    if len(parts) != 3:
        return None
    values = []
    for part in [*parts, *([] if alpha is None else [alpha])]:
        if not (match := re.fullmatch(_ARGUMENT, part)):
            return None
        values.append((float(match.group(1)), match.group(2)))
    return values[:3], (values[3] if alpha is not None else None)


def _opaque(alpha: tuple[float, str | None] | None) -> bool:
    if alpha is None:
        return True
    value, unit = alpha
    return unit in (None, "%") and value >= (100 if unit == "%" else 1)


def _function_hex(name: str, inside: str, *, any_alpha: bool = False) -> str | None:
    """``rgb()``/``rgba()``/``hsl()``/``hsla()`` as CSS reads them: a channel a number or a
    percentage, a hue a number of degrees or an angle, a saturation or lightness a percentage
    (or a plain number), in either form; None when not an opaque colour (``any_alpha``: not a
    colour, its alpha whatever it is)."""
    parsed = _arguments(inside)
    if parsed is None or not math.isfinite(sum(v for v, _unit in parsed[0])):
        return None
    channels, alpha = parsed
    if not any_alpha and not _opaque(alpha):
        return None
    if name.startswith("rgb"):
        if any(unit not in (None, "%") for _v, unit in channels):
            return None
        return _hex(*(v * 255 / 100 if unit == "%" else v for v, unit in channels))
    (hue, hue_unit), *rest = channels
    if hue_unit == "%" or any(unit not in (None, "%") for _v, unit in rest):
        return None
    s, lightness = (min(100.0, max(0.0, v)) / 100 for v, _unit in rest)
    rgb = colorsys.hls_to_rgb(hue * _TURN[hue_unit] % 360 / 360, lightness, s)
    return _hex(*(v * 255 for v in rgb))


def colour_hex(value: str, *, alpha_first: bool = False) -> str | None:
    """``value`` as ``#rrggbb``, or None when it is empty or not an opaque colour.

    Eight hex digits are CSS's ``#rrggbbaa``, the alpha last, unless ``alpha_first``: a
    colour a .NET program wrote (``Color.ToString()``: ``#AARRGGBB``), as the tools on
    Windows write a REFI-QDA project's colours where its schema has six digits
    (``#FF336699``, opaque ``#336699``, was read as a translucent ``#ff3366`` and lost); one
    opaque only when read the other way (``#336699FF``) is read that way."""
    text = value.strip().lower()
    if not text:
        return None
    if match := re.fullmatch(_HEX, text):
        digits = match.group(1)
        if len(digits) <= 4:
            digits = "".join(d * 2 for d in digits)
        if alpha_first and len(digits) == 8 and digits[:2] == "ff":
            return f"#{digits[2:]}"
        return f"#{digits[:6]}" if digits[6:] in ("", "ff") else None
    if match := re.fullmatch(_FUNCTION, text):
        return _function_hex(match.group(1), match.group(2))
    if text in CSS_COLOURS:
        return CSS_COLOURS[text]
    # the terminal's names (bright_red, color(5)): Rich's colours, loaded only for them, not
    # by every command that reads a codebook's colours (tags, export, import, merge)
    from rich.color import Color, ColorParseError

    try:
        parsed = Color.parse(text)
    except ColorParseError:
        return None
    return None if parsed.is_default else parsed.get_truecolor().hex


def _see_through(text: str) -> bool:
    """Whether ``text`` (stripped, lower case) is a colour but for its alpha: ``#rrggbbaa``,
    ``#rgba`` or a colour function with an alpha below 1."""
    if match := re.fullmatch(_HEX, text):
        return len(match.group(1)) in (4, 8)
    if match := re.fullmatch(_FUNCTION, text):
        return _function_hex(match.group(1), match.group(2), any_alpha=True) is not None
    return False


def parse_colour(value: str) -> str:
    """``value`` as the colour to store: ``#rrggbb``, or ``""`` (the automatic colour) for an
    empty value.  Raises :class:`TagColourError` when it is not a colour, or one with an
    alpha that makes it see-through (``#FF336699``, ``rgba(1, 2, 3, 0.5)``:
    :class:`SeeThroughColourError`): a highlight is painted opaque, so the alpha would be
    lost."""
    if not value.strip():
        return ""
    parsed = colour_hex(value)
    if parsed is None and _see_through(value.strip().lower()):
        raise SeeThroughColourError(
            f"{value.strip()!r} is a see-through colour (it has an alpha below full): a code's"
            " colour must be opaque: use #rrggbb or a name such as orange, plum, teal",
            "see-through (an alpha below full): a code's colour must be opaque",
        )
    if parsed is None:
        raise TagColourError(
            f"{value.strip()!r} is not a colour: use #rrggbb or a name such as orange, plum, teal"
        )
    return parsed
