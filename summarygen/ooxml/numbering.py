"""Automatic numbering (numbering.xml): the labels Word shows before numbered paragraphs.

A colleague's report may number its headings with a Word multilevel list rather than typed
text; the checker sees ``一、`` only if it computes the label as Word would. Counters are kept per
list (``w:num``); a deeper level restarts whenever a shallower one advances.
"""

from __future__ import annotations

from typing import Any

from summarygen.cnnum import chinese_numeral

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
        if root is None:
            return
        for abstract in root.iter(_w("abstractNum")):
            self.abstract[abstract.get(_w("abstractNumId"), "")] = abstract
        for num in root.iter(_w("num")):
            ref = num.find(_w("abstractNumId"))
            starts = {}
            for override in num.iter(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    starts[int(override.get(_w("ilvl"), "0"))] = int(start.get(_w("val"), "1"))
            abstract_id = "" if ref is None else ref.get(_w("val"), "")
            self.nums[num.get(_w("numId"), "")] = (abstract_id, starts)

    def _level(self, num_id: str, ilvl: int) -> Any | None:
        abstract_id, _starts = self.nums.get(num_id, ("", {}))
        abstract = self.abstract.get(abstract_id)
        if abstract is None:
            return None
        for lvl in abstract.iter(_w("lvl")):
            if lvl.get(_w("ilvl")) == str(ilvl):
                return lvl
        return None

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self.nums.get(num_id, ("", {}))[1].get(ilvl)
        if override is not None:
            return override
        lvl = self._level(num_id, ilvl)
        start = None if lvl is None else lvl.find(_w("start"))
        return int(start.get(_w("val"), "1")) if start is not None else 1

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl`` and return the label shown (``（二）``)."""
        lvl = self._level(num_id, ilvl)
        if lvl is None or not 0 <= ilvl < 9:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else self._start(num_id, ilvl)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text_el = lvl.find(_w("lvlText"))
        text = "" if text_el is None else text_el.get(_w("val"), "")
        for level in range(9):
            if f"%{level + 1}" in text:
                fmt_el = (self._level(num_id, level) if level != ilvl else lvl)
                fmt = _format_of(fmt_el)
                value = counters[level] or self._start(num_id, level)
                text = text.replace(f"%{level + 1}", format_number(value, fmt))
        return text


def _format_of(lvl: Any | None) -> str:
    el = None if lvl is None else lvl.find(_w("numFmt"))
    return "decimal" if el is None else el.get(_w("val"), "decimal")
