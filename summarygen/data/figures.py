"""What a figure may be, by the kind of thing it counts or measures.

A count of people (人, 人次), households (户) or institutions (个, 家, 所 …) is whole and not
negative; an amount of money is not negative and exact to the fen (0.01元); a percentage lies
between 0% and 100%; a standard (元/月.人) is not negative. A schema may state its own range for a
field (``min:``, ``max:``, in the field's unit), which replaces the kind's bounds. The digits are
never changed: a figure that breaks a rule is refused with a message that says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from summarygen.data.values import MONEY_UNITS, Quantity, format_decimal_plain
from summarygen.i18n import _

COUNT_UNITS = frozenset((
    "人", "人次", "名", "位", "户", "户次", "个", "家", "所", "座", "处", "场", "场次", "次", "件",
    "批", "批次", "项", "期", "张", "张床", "床", "间", "辆", "台", "对", "例", "条", "篇", "份",
    "套", "支", "队", "栋", "部", "门", "本", "名次", "个次", "单", "宗", "起", "只", "头",
))
"""Units of things counted one by one: a count in them is a whole number."""


@dataclass(frozen=True)
class Bounds:
    """The range a schema states for a field, in the field's unit (either side may be open)."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: str | None = None
    """The field's unit, in which the bounds are written (a figure's own unit otherwise)."""


def unit_kind(unit: str) -> str:
    """``count``, ``money``, ``percent``, ``rate`` (元/月.人) or ``other`` (周岁, 小时, 吨 …)."""
    if unit in MONEY_UNITS:
        return "money"
    if unit in ("%", "％"):
        return "percent"
    if "/" in unit:
        return "rate"
    base = unit[1:] if unit[:1] in ("万", "亿") and len(unit) > 1 else unit
    return "count" if base in COUNT_UNITS else "other"


def figure_problem(value: Quantity, kind: str | None = None,
                   bounds: Bounds = Bounds()) -> str | None:
    """Why ``value`` cannot be a figure of its kind (by default, its unit's), or ``None``."""
    kind = kind or unit_kind(value.unit)
    shown = str(value)
    if bounds.minimum is not None or bounds.maximum is not None:
        found = _outside(value, bounds)
        if found is not None:
            return found
        return _whole_problem(value, kind, shown)
    if value.number < 0 and kind in ("count", "money", "rate", "percent"):
        return _negative(kind, shown, value.unit)
    if kind == "percent" and value.number > 100:
        return _("“{value}”: a percentage lies between 0% and 100%; check the figure (if this "
                 "field may be larger, its schema must say so with “max:”)").format(value=shown)
    return _whole_problem(value, kind, shown)


def _negative(kind: str, shown: str, unit: str) -> str:
    if kind == "count":
        return _("“{value}”: a number of {unit} cannot be negative; check the figure").format(
            value=shown, unit=unit)
    if kind == "money":
        return _("“{value}”: an amount of money cannot be negative; check the figure").format(
            value=shown)
    if kind == "percent":
        return _("“{value}”: a percentage cannot be negative; check the figure (if this field "
                 "may be, its schema must say so with “min:”)").format(value=shown)
    return _("“{value}”: a standard cannot be negative; check the figure").format(value=shown)


def _whole_problem(value: Quantity, kind: str, shown: str) -> str | None:
    if kind == "count":
        _unit, number = value.comparable()  # 1.24万人次 is 12400人次: whole
        if number != number.to_integral_value():
            return _("“{value}”: {unit} are counted in whole numbers; check the decimal point"
                     ).format(value=shown, unit=value.unit)
    if kind == "money":
        yuan = value.in_yuan()
        if yuan != yuan.quantize(Decimal("0.01")):
            return _("“{value}”: an amount is exact to the fen (0.01元) at most; check the "
                     "decimal places").format(value=shown)
    return None


def _outside(value: Quantity, bounds: Bounds) -> str | None:
    number = value.comparable()[1]
    unit = bounds.unit or value.unit
    if bounds.minimum is not None and number < Quantity(bounds.minimum, unit).comparable()[1]:
        return _("“{value}” is below the smallest value this field allows ({limit}); check the "
                 "figure").format(value=value, limit=_limit(bounds.minimum, unit))
    if bounds.maximum is not None and number > Quantity(bounds.maximum, unit).comparable()[1]:
        return _("“{value}” is above the largest value this field allows ({limit}); check the "
                 "figure").format(value=value, limit=_limit(bounds.maximum, unit))
    return None


def _limit(limit: Decimal, unit: str) -> str:
    return format_decimal_plain(limit) + unit
