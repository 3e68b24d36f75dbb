"""Chinese numerals as official prose writes them (一、十一、二十、一百零五; 两项).

Babel formats numbers by locale but has no Chinese numeral spell-out, so this small piece is ours.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(n: int) -> str:
    """``n`` (0 ≤ n < 10000) in Chinese numerals, as used in heading numbers and ordinals.

    >>> [chinese_numeral(i) for i in (1, 10, 11, 20, 21, 100, 105, 110)]
    ['一', '十', '十一', '二十', '二十一', '一百', '一百零五', '一百一十']
    """
    if not 0 <= n < 10000:
        raise ValueError(f"{n} is outside 0..9999")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out: list[str] = []
    rest = n
    zero_pending = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[digit] + unit)
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out.append("零")
        out.append(_DIGITS[rest])
    return "".join(out)


def chinese_count(n: int) -> str:
    """A count before a measure word: ``2`` is ``两`` (两项补贴), else :func:`chinese_numeral`.

    >>> chinese_count(2), chinese_count(3), chinese_count(12)
    ('两', '三', '十二')
    """
    return "两" if n == 2 else chinese_numeral(n)


_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUES = {unit: value for value, unit in _UNITS}


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral as :func:`chinese_numeral` writes it (``None`` if ``text``
    is not one).

    >>> [parse_chinese_numeral(t) for t in ("一", "十", "十一", "二十一", "一百零五", "一百一十")]
    [1, 10, 11, 21, 105, 110]
    >>> parse_chinese_numeral("十十") is None, parse_chinese_numeral("") is None
    (True, True)
    """
    if not text:
        return None
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch == "零" and digit is None and total:
            continue  # 一百零五: the zero only marks a missing unit
        if ch in _VALUES:
            if digit is not None:
                return None  # two digits in a row (一二) is not a numeral
            digit = _VALUES[ch]
        elif ch in _UNIT_VALUES and _UNIT_VALUES[ch] < last_unit:
            last_unit = _UNIT_VALUES[ch]
            total += (1 if digit is None else digit) * last_unit
            digit = None
        else:
            return None
    value = total + (digit or 0)
    return value if value and chinese_numeral(value) == text else None
