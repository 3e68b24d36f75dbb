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
