"""Plain-text tables for the terminal, aligned for Chinese (a CJK character takes two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide and full-width characters count two, combining
    marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (on the left when ``right``)."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
          indent: str = "") -> list[str]:
    """Lines of an aligned table: a header, a rule under it, then the rows.

    Columns whose index is in ``right`` are aligned right (figures); trailing spaces are dropped.
    """
    widths = [display_width(h) for h in header]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], display_width(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [pad(cell, widths[i], i in right) for i, cell in enumerate(cells)]
        return (indent + "  ".join(padded)).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return [line(header), rule, *(line(row) for row in rows)]
