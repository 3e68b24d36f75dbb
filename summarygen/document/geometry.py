"""The page of GB/T 9704-2012 in twips (1/1440 inch), written once: the DOCX writer lays pages
out with it and ``verify`` checks documents against it.

5.1: A4 paper, 210 × 297 mm. 5.2.1: top margin (天头) 37 mm, left (订口) 28 mm; the text block
(版心) is 156 × 225 mm, which leaves 35 mm at the bottom and 26 mm at the right. 7.1: 22 lines a
page, 28 characters a line.
"""

from __future__ import annotations

import unicodedata

PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
"""A4 portrait."""
MARGIN_TOP, MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_RIGHT = 2098, 1587, 1984, 1474
"""37, 28, 35 and 26 mm."""
MARGINS = {"top": MARGIN_TOP, "left": MARGIN_LEFT, "bottom": MARGIN_BOTTOM,
           "right": MARGIN_RIGHT}
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
"""The text block's 156 mm (8845 twips)."""
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
"""The text block's 225 mm (12756 twips)."""


def line_pitch(lines_per_page: int) -> int:
    """The exact line spacing that fits ``lines_per_page`` lines into the text block, rounded
    down so that they all fit.

    >>> line_pitch(22)
    579
    """
    return TEXT_HEIGHT // lines_per_page


# Times New Roman's advance widths (Adobe Times-Roman's metrics, which Times New Roman and its
# stand-in Liberation Serif share) of ' ' to '~', in thousandths of the font size.
_ASCII_WIDTHS = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  # ' ' to '/'
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,  # 0 to ?
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,  # @ to O
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,  # P to _
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,  # ` to o
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,  # p to ~
)


def char_width(char: str) -> float:
    """Width of one character in body characters: Chinese characters, full-width forms and the
    punctuation Chinese fonts set full-width (— “ · …) one; Latin letters, digits and ASCII marks
    their width in Times New Roman (a digit ½, an ``X`` 0.722); anything else ½."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 1.0
    code = ord(char)
    return _ASCII_WIDTHS[code - 0x20] / 1000 if 0x20 <= code <= 0x7E else 0.5


def text_width(text: str) -> float:
    """Width of ``text`` in body characters (see :func:`char_width`).

    >>> text_width("2024年7月5日"), text_width("霍山县民政局"), text_width("——")
    (6.0, 6.0, 2.0)
    >>> round(text_width("XX县民政局"), 3)
    5.444
    """
    return sum(char_width(c) for c in text)


def title_lines(lines: tuple[str, ...], organisation: str,
                size_pt: float) -> tuple[str, ...]:
    """The title's lines, a one-line title too wide for the text block broken after the
    organisation's name (GB/T 9704 7.3.1: a long title is broken by meaning, never leaving a
    character or two alone on a second line). One character of room is kept, as fonts differ
    from machine to machine; a title that cannot be broken there is left as written.

    >>> title_lines(("石桥县退役军人事务局2024年上半年工作总结",), "石桥县退役军人事务局", 22)
    ('石桥县退役军人事务局', '2024年上半年工作总结')
    >>> title_lines(("资兴市民政局2024年上半年工作总结",), "资兴市民政局", 22)
    ('资兴市民政局2024年上半年工作总结',)
    """
    room = TEXT_WIDTH / (size_pt * 20) - 1
    if len(lines) != 1 or text_width(lines[0]) <= room:
        return lines
    title = lines[0]
    rest = title[len(organisation):] if organisation and title.startswith(organisation) else ""
    return (organisation, rest) if rest else lines
