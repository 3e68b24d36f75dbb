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
