"""Report periods: ``2024-H1`` (上半年), ``2024-H2`` (下半年) and ``2024`` (全年)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summarygen.i18n import _

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-H(?P<half>[12]))?$")


class PeriodError(ValueError):
    """A period name that is not ``YYYY``, ``YYYY-H1`` or ``YYYY-H2``."""


@dataclass(frozen=True, order=True)
class Period:
    """A half year or a whole year."""

    year: int
    half: int | None = None
    """1, 2, or ``None`` for the whole year."""

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if match is None:
            raise PeriodError(_("“{period}” is not a period; write 2024-H1, 2024-H2 or 2024")
                              .format(period=text))
        half = match["half"]
        return cls(int(match["year"]), int(half) if half else None)

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}" if self.half else str(self.year)

    @property
    def sort_key(self) -> tuple[int, int]:
        """H1 < H2 < the whole year (written last, at the year's end)."""
        return (self.year, self.half or 3)

    @property
    def label(self) -> str:
        """上半年, 下半年 or 全年."""
        return {1: "上半年", 2: "下半年", None: "全年"}[self.half]

    @property
    def kind(self) -> str:
        """年度 for a whole year, else the half's label (as titles say: 2024年上半年工作总结)."""
        return "年度" if self.half is None else self.label

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def previous_year(self) -> Period:
        """The same period a year earlier, for 同比 comparisons."""
        return Period(self.year - 1, self.half)

    @property
    def is_annual(self) -> bool:
        return self.half is None

    def first_half(self) -> Period | None:
        """The first half of an annual period's year (its figures feed the annual report)."""
        return Period(self.year, 1) if self.half is None else None

    def words(self) -> dict[str, str]:
        """How reports name this period and the next, by kind of period (see :data:`WORDS`)."""
        kind = "H1" if self.half == 1 else ("H2" if self.half == 2 else "year")
        values = {"year": str(self.year), "next_year": str(self.year + 1)}
        words = {name: text.format(**values) for name, text in WORDS[kind].items()}
        words["title"] = f"{words['name']}工作总结及{words['plan']}"
        return words


def likely_period(today: dt.date) -> Period:
    """The period an office is most likely writing about on ``today``: last year's annual
    summary in January–March, this year's first half in April–September, this year's annual
    summary in October–December."""
    if today.month <= 3:
        return Period(today.year - 1)
    if today.month <= 9:
        return Period(today.year, 1)
    return Period(today.year)


WORDS: dict[str, dict[str, str]] = {
    "H1": {"name": "{year}年上半年", "summary": "上半年工作总结", "plan": "下半年工作安排",
           "now": "上半年", "since": "今年上半年以来", "next": "下半年",
           "before": "上年同期"},
    "H2": {"name": "{year}年下半年", "summary": "下半年工作总结", "plan": "{next_year}年工作计划",
           "now": "下半年", "since": "今年下半年以来", "next": "明年", "before": "上年同期"},
    "year": {"name": "{year}年", "summary": "{year}年工作总结", "plan": "{next_year}年工作计划",
             "now": "今年", "since": "今年以来", "next": "明年", "before": "上年"},
}
"""The words a report uses for its period, by kind (``{year}``: the period's year).

- ``title`` (made from ``name`` and ``plan``): 2026年上半年工作总结及下半年工作安排 ·
  2026年下半年工作总结及2027年工作计划 · 2026年工作总结及2027年工作计划;
- ``name``: the period in a title (2026年上半年 · 2026年下半年 · 2026年);
- ``summary``, ``plan``: the two parts' headings (上半年工作总结 / 下半年工作安排 ·
  下半年工作总结 / 2027年工作计划 · 2026年工作总结 / 2027年工作计划): half a year ahead is an
  安排, a whole year ahead a 计划, as offices title them; after the second half comes next year;
- ``now``: the period in prose (上半年，… · 今年，…); ``since``: an opening (今年上半年以来);
- ``next``: the period planned for (下半年 · 明年); ``before``: what 同比 compares with
  (上年同期 · 上年).
"""
