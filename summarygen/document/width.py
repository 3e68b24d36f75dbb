"""How wide a line of text is, in characters of the body size: the one measure that the DOCX
writer (to place the 成文日期 under the 署名) and ``verify`` (to check it) share.

A Chinese or full-width character is one character. Latin letters, digits and ASCII marks take
the advance widths of Times New Roman (the metrics of Adobe's Times-Roman, which Times New Roman
and its stand-in Liberation Serif share), in thousandths of the font size: a digit ½, an ``X``
0.722. Other characters count ½.
"""

from __future__ import annotations

import re

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014]")
_ASCII_WIDTHS = (
    # ' ' to '/'
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    # '0' to '?'
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    # '@' to 'O'
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    # 'P' to '_'
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    # '`' to 'o'
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    # 'p' to '~'
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)


def char_width(char: str) -> float:
    """The width of one character, in characters."""
    if _WIDE.match(char):
        return 1.0
    code = ord(char)
    if 0x20 <= code <= 0x7E:
        return _ASCII_WIDTHS[code - 0x20] / 1000
    return 0.5


def text_width(text: str) -> float:
    """The width of ``text`` (surrounding spaces left out), in characters."""
    return sum(char_width(char) for char in text.strip())
