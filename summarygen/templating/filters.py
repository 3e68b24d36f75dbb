"""Template filters: figures, dates, changes and enumerations as official prose writes them.

Every filter is a plain function registered in :data:`FILTERS`; the render layer installs them in
the sandboxed Jinja environment. Filters never print a missing value as empty text: ``None`` or a
Jinja ``Undefined`` raises :class:`~summarygen.templating.filterargs.FigureError`, and so does a
value of the wrong kind (a date given to a money filter), as :mod:`filterargs` checks what each
filter is given. The render layer adds the template file and line to the message.

Numbers are ``Decimal`` throughout. The digits typed come out unchanged unless ``places`` asks for
rounding, which is half-up (四舍五入). Unit conversions shift the decimal point (``8322元`` →
``0.8322万元``, ``920.20万元`` → ``0.092020亿元``), so no typed digit is lost; only zeros that a
whole number gains as decimals by the shift are dropped (``8320元`` → ``0.832万元``, not
``0.8320万元``; ``10000元`` → ``1万元``). Babel is deliberately not used here: its formatting
rounds half-even unless the context says otherwise, drops typed trailing zeros (``920.20``),
normalises to 28 significant digits and groups thousands in percentages; ``Decimal.quantize`` with
``ROUND_HALF_UP`` does exactly what official prose needs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import MAX_PREC, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING, Any

import jinja2

from summarygen.cnnum import chinese_count, chinese_numeral
from summarygen.data.values import (
    MONEY_UNITS,
    Change,
    CnDate,
    Quantity,
    format_decimal_plain,
    shift,
)
from summarygen.i18n import _
from summarygen.templating import filterargs as arg

if TYPE_CHECKING:
    from fractions import Fraction

_MONEY_EXPONENT = {"元": 0, "万元": 4, "亿元": 8}
"""Money units as powers of ten of 元 (conversions only shift the decimal point)."""
_UP_CHARS = "提增升涨上加高扩"
_DOWN_CHARS = "降减下跌缩压低"
_ITEM_END = "。；，、;,. \t\n"
_EXACT = Context(prec=MAX_PREC)
"""For sums and differences: Decimal arithmetic otherwise rounds to 28 significant digits."""


# --- digits -----------------------------------------------------------------------------------


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite numbers only reach here
    return exponent


def _without_trailing_decimal_zeros(number: Decimal) -> Decimal:
    """``0.8320`` → ``0.832``, ``1.0000`` → ``1``, ``0.0000`` → ``0``; whole-number zeros stay."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    kept = list(digits)
    while exponent < 0 and len(kept) > 1 and kept[-1] == 0:
        kept.pop()
        exponent += 1
    if kept == [0]:
        return Decimal(0)
    return Decimal((sign, tuple(kept), exponent))


def _round(number: Decimal, places: int | None) -> Decimal:
    """``number`` rounded half-up to ``places`` decimals, or unchanged when ``places`` is None."""
    if places is None:
        return number
    with localcontext() as ctx:
        ctx.prec = max(28, number.adjusted() + places + 2)
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded  # no “-0.0”


def _round_fraction(value: Fraction, places: int) -> Decimal:
    """An exact ratio rounded half-up (away from zero on a tie) to ``places`` decimals."""
    from fractions import Fraction  # a growth rate's only: not imported for every build

    whole = math.floor(abs(value) * 10**places + Fraction(1, 2))
    number = shift(Decimal(whole), -places)
    return number.copy_negate() if value < 0 else number


def _digits(number: Decimal, places: int | None) -> str:
    return format_decimal_plain(_round(number, places))


def _text(q: Quantity, places: int | None) -> str:
    return f"{q.prefix}{_digits(q.number, places)}{q.suffix}{q.unit}"


def _scale(unit: str) -> tuple[str, int]:
    """A unit as (base unit, power of ten): 万元 → (元, 4), 万人次 → (人次, 4), 户 → (户, 0)."""
    if unit in _MONEY_EXPONENT:
        return "元", _MONEY_EXPONENT[unit]
    if unit.startswith("万") and len(unit) > 1:
        return unit[1:], 4
    return unit, 0


def _convert(q: Quantity, unit: str, name: str) -> Quantity:
    """``q`` in ``unit`` (same base unit), exactly."""
    if unit == q.unit:
        return q
    (base, power), (target_base, target_power) = _scale(q.unit), _scale(unit)
    if base != target_base:
        arg.fail(_("{filter}: {value} cannot be converted to {unit}")
                 .format(filter=name, value=arg.show(q), unit=unit))
    number = shift(q.number, power - target_power)
    if _exponent(q.number) >= 0:  # a whole number's zeros are not typed decimals (8320元)
        number = _without_trailing_decimal_zeros(number)
    return replace(q, number=number, unit=unit)


def _pair(first: object, second: object, name: str) -> tuple[Decimal, Decimal]:
    """Two exact figures as numbers in the first one's unit."""
    a, b = arg.exact(first, name), arg.exact(second, name)
    return a.number, _convert(b, a.unit, name).number


def _say(number: Decimal, up: str, down: str, flat: str) -> str:
    if number == 0:
        return flat
    return (up if number > 0 else down).format(format_decimal_plain(number.copy_abs()))


# --- figures ----------------------------------------------------------------------------------


def num(value: object, places: int | None = None) -> str:
    """A figure with its unit, as typed or rounded: ``432.725527万元`` → ``432.73万元`` (places=2).

    Approximations keep their words: ``100余场次``, ``约1.24万人次``.
    """
    return _text(arg.quantity(value, "num"), arg.places(places, "num"))


def money(value: object, unit: str = "auto", places: int | None = None) -> str:
    """An amount in ``unit`` (元, 万元, 亿元); ``auto``: 亿元 from 1亿元 up, else the typed unit.

    ``money(123456.78万元)`` → ``12.345678亿元``; ``money(920.20万元)`` → ``920.20万元``.
    """
    q = arg.money(value, "money")
    if unit == "auto":
        in_yuan = _convert(q, "元", "money").number
        unit = "亿元" if in_yuan.copy_abs() >= 10**8 else q.unit
    elif unit not in MONEY_UNITS:
        arg.fail(_("money: the unit must be 元, 万元, 亿元 or auto, not {unit}").format(unit=unit))
    return _text(_convert(q, unit, "money"), arg.places(places, "money"))


def _money_in(value: object, unit: str, name: str, places: int | None) -> str:
    q = arg.money(value, name)
    return _text(_convert(q, unit, name), arg.places(places, name))


def wan(value: object, places: int | None = None) -> str:
    """An amount in 万元: ``8322元`` → ``0.8322万元``.

    ``wan(432.725527万元, 2)`` → ``432.73万元``.
    """
    return _money_in(value, "万元", "wan", places)


def yi(value: object, places: int | None = None) -> str:
    """An amount in 亿元: ``123456.78万元`` → ``12.345678亿元``."""
    return _money_in(value, "亿元", "yi", places)


def yuan(value: object, places: int | None = None) -> str:
    """An amount in 元: ``0.8322万元`` → ``8322元``."""
    return _money_in(value, "元", "yuan", places)


def _counted(value: object, unit: str, name: str) -> str:
    """A count in ``unit`` (or 万+unit); a bare number gets the unit appended."""
    value = arg.present(value, name)
    if isinstance(value, Quantity):
        if value.unit not in (unit, "万" + unit):
            arg.fail(_("{filter}: {value} is not counted in {unit}")
                     .format(filter=name, value=arg.show(value), unit=unit))
        return str(value)
    return format_decimal_plain(arg.number(value, name)) + unit


def hh(households: object, people: object, sep: str = "") -> str:
    """Households and people: ``hh(9836户, 20232人)`` → ``9836户20232人``.

    ``sep="、"`` gives ``1493户、2024人`` (as the county sample writes it).
    """
    return f"{_counted(households, '户', 'hh')}{sep}{_counted(people, '人', 'hh')}"


def count(value: object, unit: str) -> str:
    """A bare number with its measure word: ``count(12, "所")`` → ``12所``."""
    return _counted(value, unit, "count")


def _whole(number: Decimal, name: str) -> int:
    if number != number.to_integral_value() or not 0 <= number < 10000:
        arg.fail(_("{filter}: {value} is not a whole number from 0 to 9999")
                 .format(filter=name, value=arg.show(number)))
    return int(number)


def cn(value: object, ordinal: bool = False) -> str:
    """A whole number in Chinese numerals: ``2`` → ``两`` (before a measure word), ``12`` → 十二.

    ``ordinal=True`` gives ``二`` (第二批). A figure keeps its unit: ``2项`` → ``两项``.
    """
    q = arg.quantity(value, "cn")
    n = _whole(q.number, "cn")
    word = chinese_numeral(n) if ordinal else chinese_count(n)
    return f"{q.prefix}{word}{q.suffix}{q.unit}"


def date(value: object, year: bool = False) -> str:
    """A date without zero padding: ``1月26日``; ``year=True`` gives ``2024年6月30日``."""
    value = arg.present(value, "date")
    if isinstance(value, dt.date):
        value = CnDate(value.month, value.year, value.day)
    if not isinstance(value, CnDate):
        arg.fail(_("date: {value} is not a date").format(value=arg.show(value)))
    if year and value.year is None:
        arg.fail(_("date: {value} has no year").format(value=arg.show(value)))
    return value.format(with_year=bool(year))


def pct(value: object, places: int | None = None, ratio: bool = False) -> str:
    """A percentage: ``5.2`` or ``5.2%`` → ``5.2%``; with ``ratio=True`` ``0.052`` → ``5.2%``."""
    q = arg.quantity(value, "pct")
    if q.unit not in ("%", "") or (ratio and q.unit == "%"):
        arg.fail(_("{filter}: {value} is not a percentage").format(filter="pct", value=arg.show(q)))
    number = shift(q.number, 2) if ratio else q.number
    return f"{q.prefix}{_digits(number, arg.places(places, 'pct'))}{q.suffix}%"


# --- changes and comparisons ------------------------------------------------------------------


def _direction(verb: str) -> int:
    """+1 for a verb saying up (提高, 增加, 上调), −1 for down (降低, 减少, 下调), else 0."""
    up = any(c in _UP_CHARS for c in verb)
    down = any(c in _DOWN_CHARS for c in verb)
    return 0 if up == down else (1 if up else -1)


def change(value: object, to: str = "至", verb: str | None = None,
           places: int | None = None) -> str:
    """``由320元/月.人提高至380元/月.人``; the verb follows the numbers (提高, 降低, 保持…不变).

    ``to="到"`` gives 提高到; ``verb="上调"`` forces a verb, which must agree with the numbers.
    """
    value = arg.present(value, "change")
    if not isinstance(value, Change):
        arg.fail(_("change: {value} is not a change (from … to …)").format(value=arg.show(value)))
    if to not in ("至", "到"):
        arg.fail(_("change: “to” must be 至 or 到, not {value}").format(value=arg.show(to)))
    new, old = _pair(value.new, value.old, "change")
    diff = (new > old) - (new < old)
    if verb is not None and (not isinstance(verb, str) or not verb
                             or _direction(verb) not in (0, diff)):
        arg.fail(_("change: the verb {verb} does not fit {value}")
                 .format(verb=arg.show(verb), value=arg.show(value)))
    digits = arg.places(places, "change")
    old_text, new_text = _text(value.old, digits), _text(value.new, digits)
    if diff == 0:
        return f"保持{old_text}不变"
    word = verb or value.verb or ("提高" if diff > 0 else "降低")  # the data's own verb, checked
    return f"由{old_text}{word}{to}{new_text}"


def _growth_rate(new: object, old: object, name: str, places: object) -> Decimal:
    """(new − old) / old × 100, exact, then rounded half-up."""
    digits = arg.places(places, name) or 0
    current, base = _pair(new, old, name)
    if base <= 0:
        arg.fail(_("{filter}: a growth rate from {value} is undefined")
                 .format(filter=name, value=arg.show(arg.exact(old, name))))
    from fractions import Fraction

    return _round_fraction((Fraction(current) - Fraction(base)) * 100 / Fraction(base), digits)


def _points(new: object, old: object, name: str, places: object) -> Decimal:
    """The difference of two percentages in percentage points, rounded half-up."""
    digits = arg.places(places, name) or 0
    a, b = arg.exact(new, name), arg.exact(old, name)
    for q in (a, b):
        if q.unit not in ("%", ""):
            arg.fail(_("{filter}: {value} is not a percentage").format(filter=name,
                                                                         value=arg.show(q)))
    with localcontext(_EXACT):
        difference = a.number - b.number
    return _round(difference, digits)


def growth(new: object, old: object, places: int = 1) -> str:
    """``增长5.2%``, ``下降1.3%`` or ``持平`` (when the rounded rate is zero).

    ``growth(1052万元, 1000万元)`` → ``增长5.2%``; a base of zero is an error.
    """
    return _say(_growth_rate(new, old, "growth", places), "增长{}%", "下降{}%", "持平")


def pp(new: object, old: object, places: int = 1) -> str:
    """Percentage points: ``pp(91.3%, 90%)`` → ``提高1.3个百分点``; ``下降…个百分点``; ``持平``."""
    return _say(_points(new, old, "pp", places), "提高{}个百分点", "下降{}个百分点", "持平")


def _is_percent(value: object) -> bool:
    return isinstance(value, Quantity) and value.unit == "%"


def yoy(current: object, previous: object, places: int = 1) -> str:
    """Year on year: ``同比增长5.2%``, ``同比下降3.1%``, ``与去年同期持平``.

    Two percentages compare in points: ``同比提高1.3个百分点``.
    """
    arg.present(current, "yoy")
    if isinstance(previous, jinja2.Undefined):  # say why: no period, or no such figure in it
        arg.fail(_("yoy: there is no figure for the same period last year ({reason})")
                 .format(reason=previous._undefined_message))
    if previous is None:
        arg.fail(_("yoy: there is no figure for the same period last year"))
    flat = "与去年同期持平"
    if _is_percent(current) != _is_percent(previous):
        arg.fail(_("yoy: {a} and {b} are not the same kind of figure")
                 .format(a=arg.show(current), b=arg.show(previous)))
    if _is_percent(current):
        points = _points(current, previous, "yoy", places)
        return _say(points, "同比提高{}个百分点", "同比下降{}个百分点", flat)
    rate = _growth_rate(current, previous, "yoy", places)
    return _say(rate, "同比增长{}%", "同比下降{}%", flat)


# --- lists ------------------------------------------------------------------------------------


_CLOSED = re.compile(r"[。！？][）」”』]$")


def enum_cn(items: object, sep: str = "；", end: str = "。") -> str:
    """An inline enumeration: ``[快速应对, 持续推进]`` → ``一是快速应对；二是持续推进。``.

    Punctuation at the end of an item is replaced by ``sep`` (``end`` after the last one).
    """
    texts = [str(item).rstrip(_ITEM_END) for item in arg.items(items, "enum_cn")]
    if not all(texts):
        arg.fail(_("enum_cn: an item is empty"))
    out = []
    for i, text in enumerate(texts, 1):
        mark = end if i == len(texts) else sep
        # an item already closed inside its bracket (……14人。）) takes no second full stop
        if mark == "。" and _CLOSED.search(text):
            mark = ""
        out.append(f"{chinese_numeral(i)}是{text}{mark}")
    return "".join(out)


def join_cn(items: object, last: str = "和", sep: str = "、") -> str:
    """Items joined as prose: ``养老、殡葬和未成年人保护``.

    ``last="、"`` joins all with 、; ``last="及"`` gives ``养老、殡葬及未成年人保护``.
    """
    texts = [str(item) for item in arg.items(items, "join_cn")]
    if len(texts) == 1:
        return texts[0]
    return sep.join(texts[:-1]) + last + texts[-1]


def total(items: object) -> Quantity:
    """The sum of exact figures in one unit (money converted to the first item's unit).

    ``[2141.84万元, 431.2万元, 822万元]`` → ``3395.04万元``; 约/余 figures are an error.
    """
    figures = [arg.exact(item, "total") for item in arg.items(items, "total")]
    first = figures[0]
    with localcontext(_EXACT):
        summed = sum((_convert(q, first.unit, "total").number for q in figures[1:]), first.number)
    return Quantity(summed, first.unit)


FILTERS: dict[str, Callable[..., Any]] = {
    "num": num,
    "money": money,
    "wan": wan,
    "yi": yi,
    "yuan": yuan,
    "hh": hh,
    "count": count,
    "cn": cn,
    "date": date,
    "pct": pct,
    "change": change,
    "growth": growth,
    "pp": pp,
    "yoy": yoy,
    "enum_cn": enum_cn,
    "join_cn": join_cn,
    "total": total,
}
"""Filters by the name templates use (``count`` replaces Jinja's alias of ``length``)."""
