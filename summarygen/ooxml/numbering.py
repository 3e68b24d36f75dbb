"""Automatic numbering (numbering.xml): the labels Word shows before numbered paragraphs.

A colleague's report may number its headings with a Word multilevel list rather than typed
text; the checker sees ``一、`` only if it computes the label as Word would. Counters are kept per
list (``w:num``); a deeper level restarts whenever a shallower one advances.
"""

from __future__ import annotations

from typing import Any

from summarygen.cnnum import chinese_numeral
from summarygen.ooxml.limits import to_int

LEVELS = 9
"""Word's lists have nine levels (``w:ilvl`` 0–8)."""
MAX_LABEL = 255
"""Longest ``w:lvlText`` read (Word's own dialog allows far less)."""
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def format_number(n: int, fmt: str) -> str:
    """One counter in a numbering format (the common ones; others as Arabic digits)."""
    if fmt == "bullet" or fmt == "none":
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital",
               "japaneseCounting") and 0 < n < 10000:
        return chinese_numeral(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """The document's lists, with running counters."""

    def __init__(self, root: Any | None) -> None:
        self.abstract: dict[str, Any] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.levels: dict[tuple[str, int], Any] = {}
        if root is None:
            return
        for abstract in root.iter(_w("abstractNum")):
            abstract_id = abstract.get(_w("abstractNumId"), "")
            self.abstract[abstract_id] = abstract
            for lvl in abstract.iter(_w("lvl")):
                ilvl = to_int(lvl.get(_w("ilvl")))
                if ilvl is not None and 0 <= ilvl < LEVELS:
                    self.levels.setdefault((abstract_id, ilvl), lvl)
        for num in root.iter(_w("num")):
            ref = num.find(_w("abstractNumId"))
            starts = {}
            for override in num.iter(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                level = to_int(override.get(_w("ilvl"), "0"))
                value = to_int(start.get(_w("val"), "1")) if start is not None else None
                if level is not None and value is not None:
                    starts[level] = value
            abstract_id = "" if ref is None else ref.get(_w("val"), "")
            self.nums[num.get(_w("numId"), "")] = (abstract_id, starts)

    def _level(self, num_id: str, ilvl: int) -> Any | None:
        abstract_id, _starts = self.nums.get(num_id, ("", {}))
        return self.levels.get((abstract_id, ilvl))

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self.nums.get(num_id, ("", {}))[1].get(ilvl)
        if override is not None:
            return override
        lvl = self._level(num_id, ilvl)
        start = None if lvl is None else lvl.find(_w("start"))
        value = None if start is None else to_int(start.get(_w("val"), "1"))
        return 1 if value is None else value

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl`` and return the label shown (``（二）``)."""
        lvl = self._level(num_id, ilvl)
        if lvl is None or not 0 <= ilvl < LEVELS:
            return ""
        counters = self.counters.setdefault(num_id, [0] * LEVELS)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else self._start(num_id, ilvl)
        for deeper in range(ilvl + 1, LEVELS):
            counters[deeper] = 0
        text_el = lvl.find(_w("lvlText"))
        text = "" if text_el is None else text_el.get(_w("val"), "")[:MAX_LABEL]
        for level in range(LEVELS):
            if f"%{level + 1}" in text:
                fmt_el = (self._level(num_id, level) if level != ilvl else lvl)
                fmt = _format_of(fmt_el)
                value = counters[level] or self._start(num_id, level)
                text = text.replace(f"%{level + 1}", format_number(value, fmt))
        return text


def _format_of(lvl: Any | None) -> str:
    el = None if lvl is None else lvl.find(_w("numFmt"))
    return "decimal" if el is None else el.get(_w("val"), "decimal")
