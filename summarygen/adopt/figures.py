"""Taking the figures out of prose: ``共保障8855户12780人`` → ``共保障{households1}{people1}``
with ``households1: 8855户`` and ``people1: 12780人``.

A figure is a run of digits with what belongs to it: a year, month and day (``2024年1月27日``), an
approximation (``约``, ``余``, ``多``) and a unit (户 人 人次 个 家 所 万元 亿元 元 % 月 日 …). Each
becomes a value of a narrative point, typed by :func:`summarygen.data.values.infer_value` as a
dataset's value is; a figure is taken whole only if it reads back to exactly the characters it
was written with (``2024年07月05日`` would come back as ``2024年7月5日``), else its digits alone are
taken, as text — the prose is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarygen.data.values import CnDate, Quantity, ValueParseError, infer_value

_D = "[0-9０-９]"
_NUMBER = rf"{_D}+(?:[.．]{_D}+)?"
UNITS = (
    "元/月.人", "元/人.月", "元/人/月", "元/月/人", "元/人", "元/月", "元/年", "万人次", "万元",
    "亿元", "万户", "万人", "万册", "人次", "场次", "户次", "平方米", "公里", "千米", "小时",
    "分钟", "个百分点", "个月", "周岁", "元", "户", "人", "名", "位", "个", "家", "所", "处", "间",
    "张", "床", "件", "项", "次", "场", "批", "台", "辆", "套", "份", "本", "册", "篇", "条", "期",
    "届", "对", "岁", "天", "日", "月", "年", "时", "周", "季度", "倍", "吨", "亩", "米", "%", "％",
    "‰", "万", "亿",
)
"""Units a figure may carry, longest first where one begins another."""
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_DATE = re.compile(rf"(?:{_D}{{4}}年)?{_D}{{1,2}}月(?:{_D}{{1,2}}[日号])?")
_FIGURE = re.compile(
    rf"(?P<prefix>约|近|逾)?(?P<number>{_NUMBER})(?P<suffix>余|多)?(?P<unit>{_UNIT})?")
_DIGIT = re.compile(_D)
_SLOT_CHARS = re.compile(r"[{}]")


@dataclass
class Slots:
    """The values of one narrative point, named by kind (``people1``, ``date2``)."""

    values: dict[str, str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, text: str) -> str:
        self._counts[kind] = self._counts.get(kind, 0) + 1
        name = f"{kind}{self._counts[kind]}"
        self.values[name] = text
        return "{" + name + "}"


def take_figures(text: str, slots: Slots) -> str:
    """``text`` with every figure (and every ``{`` or ``}``, which would read as a slot) moved
    into ``slots``; what is left has no digit."""
    out: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if _SLOT_CHARS.match(char):
            out.append(slots.add("brace", char))
            position += 1
            continue
        if not _DIGIT.match(char):
            out.append(char)
            position += 1
            continue
        start = position - 1 if position and text[position - 1] in "约近逾" else position
        figure, end = _figure_at(text, start, position)
        if start < position:
            out.pop()
        out.append(slots.add(kind_of(figure), figure))
        position = end
    return "".join(out)


def _figure_at(text: str, start: int, digit: int) -> tuple[str, int]:
    """The longest figure starting at ``start`` (an approximation word) or ``digit`` that
    reads back unchanged, and where it ends; at worst the bare digits."""
    for begin in dict.fromkeys((start, digit)):
        for pattern in (_DATE, _FIGURE):
            match = pattern.match(text, begin)
            if match is not None and match.end() > digit and reads_back(match.group(0)):
                return match.group(0), match.end()
    end = digit
    while end < len(text) and _DIGIT.match(text[end]):
        end += 1
    return text[digit:end], end


def reads_back(figure: str) -> bool:
    """Whether the figure, as a value of a point, is written out with the same characters."""
    try:
        return str(infer_value(figure)) == figure
    except (ValueParseError, ValueError):
        return False


def kind_of(figure: str) -> str:
    """A name for a figure's slot, by what it is: ``date``, ``money``, ``people`` …"""
    try:
        value = infer_value(figure)
    except (ValueParseError, ValueError):
        return "number"
    if isinstance(value, CnDate):
        return "date"
    if not isinstance(value, Quantity):
        return "brace" if figure in "{}" else "number"
    return _UNIT_KINDS.get(value.unit, "count")


_UNIT_KINDS = {
    "户": "households", "万户": "households", "户次": "households",
    "人": "people", "名": "people", "位": "people", "万人": "people", "人次": "visits",
    "万人次": "visits", "元": "money", "万元": "money", "亿元": "money", "%": "percent",
    "％": "percent", "‰": "permille", "个百分点": "points", "年": "year", "月": "month",
    "日": "day", "天": "days", "小时": "hours", "时": "hour", "分钟": "minutes", "个月": "months",
    "岁": "age", "周岁": "age",
}
