"""Typed values with units, parsed from what staff type in YAML.

A figure keeps the digits as typed: ``920.20万元`` is ``Decimal("920.20")`` with unit ``万元``
and prints as ``920.20万元`` again. Quantities may carry an approximation (``100余场次``,
``约1.24万人次``).
Dates keep the parts that were typed (``1月26日`` has no year, ``2024年5月`` no day).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

from summarygen.i18n import _

MONEY_UNITS = {"元": 0, "万元": 4, "亿元": 8}
"""Money units and their value in 元, as a power of ten."""

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋％", "0123456789.-+%")

PREFIXES = ("约", "近", "超过", "逾", "达")
SUFFIXES = ("余", "多")

_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_QUANTITY = re.compile(
    rf"^(?P<prefix>{'|'.join(PREFIXES)})?(?P<number>{_NUMBER})"
    rf"(?P<suffix>{'|'.join(SUFFIXES)})?(?P<unit>[^\d\s０-９][^\d０-９]*)?$"
)
_DATE_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?$")
_DATE_CN = re.compile(
    r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})(?P<s>[日号]))?$")


class ValueParseError(ValueError):
    """Text that does not read as the kind of value expected; the message says what to type."""


class MissingUnit(ValueParseError):
    """A figure written without its unit, where the schema declares no default unit."""

    def __init__(self, raw: object, unit: str | None, money: bool = False) -> None:
        super().__init__(_("“{value}” needs a unit (for example 户, 人, 万元)").format(value=raw))
        self.raw = raw
        self.unit = unit
        """The unit the field expects, if it declares one."""
        self.money = money
        self.key = ""
        """The key of the figure inside a value (``from`` of a change), if it has one."""


def normalise_digits(text: str) -> str:
    """Full-width digits, point, signs and per cent (as some input methods type them) to ASCII."""
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: money (万元), counts (户, 人, 人次), rates (元/月.人), per cent."""

    number: Decimal
    """The digits as typed (``Decimal`` keeps trailing zeros: ``920.20``)."""
    unit: str = ""
    prefix: str = ""
    """``约``, ``近``, ``超过`` … before the number."""
    suffix: str = ""
    """``余`` or ``多`` between number and unit (``100余场次``)."""

    def __str__(self) -> str:
        return f"{self.prefix}{format_decimal_plain(self.number)}{self.suffix}{self.unit}"

    @property
    def exact(self) -> bool:
        """Whether the figure is exact (no 约/余), so that it may take part in sums."""
        return not self.prefix and not self.suffix

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    def in_yuan(self) -> Decimal:
        """The amount in 元 (only for money), exactly: the decimal point moves, no digit is lost."""
        return shift(self.number, MONEY_UNITS[self.unit])

    def comparable(self) -> tuple[str, Decimal]:
        """A unit and number for comparing and adding quantities (money in 元), exactly."""
        if self.is_money:
            return "元", self.in_yuan()
        if self.unit.startswith("万") and len(self.unit) > 1:
            return self.unit[1:], shift(self.number, 4)
        return self.unit, self.number


@dataclass(frozen=True)
class CnDate:
    """A date with the parts that were typed; printed without zero padding (GB/T 9704 7.3.5.4)."""

    month: int
    year: int | None = None
    day: int | None = None
    day_word: str = "日"
    """``日``, or ``号`` where the text says ``2月2号``."""

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueParseError(_("month {month} is not 1 to 12").format(month=self.month))
        if self.day is not None:
            dt.date(self.year or 2000, self.month, self.day)  # raises ValueError if impossible

    def __str__(self) -> str:
        return self.format(with_year=self.year is not None)

    def format(self, with_year: bool) -> str:
        """``2024年1月26日`` or ``1月26日``; ``with_year`` needs a year."""
        text = f"{self.month}月" + (f"{self.day}{self.day_word}" if self.day is not None else "")
        if with_year:
            if self.year is None:
                raise ValueParseError(_("the date {date} has no year").format(date=text))
            text = f"{self.year}年{text}"
        return text

    def to_date(self, default_year: int) -> dt.date:
        return dt.date(self.year or default_year, self.month, self.day or 1)


CHANGE_VERBS = {"提高": "降低", "上调": "下调", "增加": "减少",
                "降低": "提高", "下调": "上调", "减少": "增加"}
"""The verbs a change may declare, each with its opposite."""
_RISING = ("提高", "上调", "增加")


@dataclass(frozen=True)
class Change:
    """A value before and after (a standard raised from ``320元/月.人`` to ``380元/月.人``)."""

    old: Quantity
    new: Quantity
    verb: str = ""
    """``提高``, ``降低`` … as declared in the data (checked against the figures), or empty."""

    @property
    def difference(self) -> Decimal:
        return exact_sum([self.new.comparable()[1], -self.old.comparable()[1]])


Value = Quantity | CnDate | Change | str | bool | None


def shift(number: Decimal, places: int) -> Decimal:
    """``number`` × 10^places exactly: the digits stay as typed, the point moves (``scaleb`` only
    moves the exponent; the precision of the default context, 28 digits, would otherwise round
    very long figures). The one decimal shift of the package (万元 → 元, % → ratio …).

    >>> shift(Decimal("920.20"), 4), shift(Decimal("12.5"), -2), shift(Decimal("-0.00"), 1)
    (Decimal('9.2020E+6'), Decimal('0.125'), Decimal('-0.0'))
    """
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(number.as_tuple().digits) + abs(places) + 2)
        return number.scaleb(places)


def exact_sum(numbers: list[Decimal]) -> Decimal:
    """The sum of ``numbers`` without rounding to the context precision."""
    with localcontext() as ctx:
        ctx.prec = 200
        return sum(numbers, Decimal(0))


def format_decimal_plain(number: Decimal) -> str:
    """A Decimal as typed, never in scientific notation (``Decimal("1E+3")`` → ``1000``)."""
    text = format(number, "f")
    return text


def to_decimal(raw: object) -> Decimal:
    """A YAML number or numeric text as a Decimal, keeping its digits."""
    if isinstance(raw, bool):
        raise ValueParseError(_("expected a number, got {value}").format(value=raw))
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    text = normalise_digits(str(raw)).strip()
    _refuse_separators(text, raw)
    if re.fullmatch(_NUMBER, text) is None:
        raise ValueParseError(_("“{value}” is not a number").format(value=raw))
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - excluded by the pattern above
        raise ValueParseError(_("“{value}” is not a number").format(value=raw)) from exc


def parse_quantity(raw: object, unit: str | None = None, default: str | None = None,
                   money: bool = False) -> Quantity:
    """``2329户``, ``920.20万元``, ``100余场次``, ``约1.24万人次``; a bare number only with a
    ``default`` unit (declared by the schema), else :class:`MissingUnit`.

    When ``unit`` is given, a typed unit must match it (money units convert only by filters).
    """
    if isinstance(raw, (Decimal, int)) and not isinstance(raw, bool):
        if default is None:
            raise MissingUnit(raw, unit, money)
        return Quantity(to_decimal(raw), default)
    text = normalise_digits(str(raw)).strip().replace(" ", "").replace("\u3000", "")
    _refuse_separators(text, raw)
    match = _QUANTITY.match(text)
    if match is None:
        raise ValueParseError(_("“{value}” is not a number with a unit (for example 2329户, "
                                "920.20万元)").format(value=raw))
    typed_unit = match["unit"] or ""
    if unit is not None and typed_unit and typed_unit != unit and not _same_kind(typed_unit, unit):
        raise ValueParseError(_("“{value}”: the unit should be {unit}")
                              .format(value=raw, unit=unit))
    if not typed_unit:
        if default is None:
            raise MissingUnit(raw, unit, money)
        typed_unit = default
    return Quantity(Decimal(match["number"]), typed_unit, match["prefix"] or "",
                    match["suffix"] or "")


def _refuse_separators(text: str, raw: object) -> None:
    """Thousands separators (``1,234`` or ``1，234``) are refused: ``1,5`` could mean 1.5."""
    if re.search(r"\d[,，]\d", text):
        raise ValueParseError(_("“{value}”: write numbers without thousands separators")
                              .format(value=raw))


def _same_kind(typed: str, expected: str) -> bool:
    """Whether ``typed`` may stand where ``expected`` is declared (万元 for 元, 万人次 for 人次)."""
    if typed in MONEY_UNITS and expected in MONEY_UNITS:
        return True
    return typed == "万" + expected


def parse_date(raw: object, default_year: int | None = None) -> CnDate:
    """``2024-01-26``, ``2024年1月26日``, ``1月26日``, ``2024年5月``, ``2月2号``."""
    if isinstance(raw, dt.date):
        return CnDate(raw.month, raw.year, raw.day)
    text = normalise_digits(str(raw)).strip()
    match = _DATE_ISO.match(text)
    if match is not None:
        return _make_date(match["y"], match["m"], match["d"], "日", raw)
    match = _DATE_CN.match(text)
    if match is not None:
        return _make_date(match["y"], match["m"], match["d"], match["s"] or "日", raw)
    raise ValueParseError(_("“{value}” is not a date (write 2024年1月26日, 1月26日 or 2024-01-26)")
                          .format(value=raw))


def _make_date(y: str | None, m: str, d: str | None, word: str, raw: object) -> CnDate:
    try:
        return CnDate(int(m), int(y) if y else None, int(d) if d else None, word)
    except ValueError as exc:
        raise ValueParseError(_("“{value}” is not a real date; check the month and the day")
                              .format(value=raw)) from exc


def parse_change(raw: object, unit: str | None = None, default: str | None = None) -> Change:
    """A mapping ``{from: 320元/月.人, to: 380元/月.人, verb: 提高}`` (由/至 are accepted too).

    An optional ``verb`` must agree with the figures: ``提高`` needs ``to`` above ``from``.
    """
    if not isinstance(raw, dict):
        raise ValueParseError(_("a change needs “from:” and “to:”"))
    old_key = "from" if "from" in raw else "由"
    new_key = "to" if "to" in raw else "至"
    old, new = raw.get(old_key), raw.get(new_key)
    if old is None or new is None:
        raise ValueParseError(_("a change needs “from:” and “to:”"))
    first = _side(old, old_key, unit, default)
    second = _side(new, new_key, unit or first.unit, default)
    verb = str(raw["verb"]).strip() if raw.get("verb") is not None else ""
    change = Change(first, second, verb)
    if verb:
        _check_verb(change)
    return change


def _side(raw: object, key: str, unit: str | None, default: str | None) -> Quantity:
    try:
        return parse_quantity(raw, unit, default)
    except MissingUnit as exc:
        exc.key = key
        raise


def _check_verb(change: Change) -> None:
    if change.verb not in CHANGE_VERBS:
        raise ValueParseError(_("“{verb}” is not a verb for a change; write one of: {verbs}")
                              .format(verb=change.verb, verbs="、".join(CHANGE_VERBS)))
    rising = change.verb in _RISING
    names = {"verb": change.verb, "old": change.old, "new": change.new,
             "other": CHANGE_VERBS[change.verb]}
    if change.difference == 0:
        raise ValueParseError(_("“{verb}” does not fit the figures: “from:” and “to:” are both "
                                "{old}; check the figures").format(**names))
    if rising and change.difference < 0:
        raise ValueParseError(_("“{verb}” does not fit the figures: from {old} to {new} is a "
                                "decrease; check the figures, or write “{other}”").format(**names))
    if not rising and change.difference > 0:
        raise ValueParseError(_("“{verb}” does not fit the figures: from {old} to {new} is an "
                                "increase; check the figures, or write “{other}”").format(**names))


def infer_value(raw: object) -> Value:
    """The value a free slot holds, judged by how it is written: a date, a quantity or text."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, (Decimal, int)):
        return str(raw)
    if isinstance(raw, dict):
        return parse_change(raw)
    text = str(raw).strip()
    for parse in (parse_date, parse_quantity):
        try:
            return parse(text)
        except ValueParseError:
            continue
    return text
