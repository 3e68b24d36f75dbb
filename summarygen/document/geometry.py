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


def text_width(text: str) -> float:
    """Width of ``text`` in body characters as a Chinese font sets it: Chinese characters,
    full-width forms and the punctuation Chinese fonts set full-width (— “ · …) count one,
    Latin letters and digits half.

    >>> text_width("2024年7月5日"), text_width("霍山县民政局"), text_width("——")
    (6.0, 6.0, 2.0)
    """
    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F", "A") else 0.5 for c in text)
