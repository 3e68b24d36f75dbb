"""Outline numbering forms: ``一、`` ``（一）`` ``1.`` ``1．`` ``1、`` ``（1）`` ``1）`` ``①``.

One module owns the forms, so that everything that writes or reads a heading number agrees: the
configuration (``style.numbering`` names one form per level, :func:`parse_form`), the numberer
and the writers (:meth:`NumberForm.format`), and ``verify``, ``import`` and ``fix``, which find
a number someone typed at the start of a paragraph (:func:`recognise`).

Counting goes on past ten in every form: ``十一、`` ``二十一、`` ``（十二）`` ``11.`` ``（12）``.
Circled numbers exist in Unicode up to fifty (``①``–``⑳`` U+2460…, ``㉑``–``㉟`` U+3251…,
``㊱``–``㊿`` U+32B1…); a level numbered ``①`` may therefore have at most 50 headings
(:attr:`NumberForm.limit`), and the GB2312 fonts (仿宋_GB2312) have only ``①``–``⑩``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from summarygen.cnnum import chinese_numeral, parse_chinese_numeral

Digits = Literal["chinese", "arabic", "circled"]
Shape = Literal["plain", "paren", "close"]
"""``plain``: a number and a mark after it (``一、`` ``1.``); ``paren``: in brackets (``（一）``);
``close``: followed by a closing bracket only (``1）``). A circled number is ``plain``."""

_CIRCLED_RANGES = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))
CIRCLED_LIMIT = 50
_CHINESE_LIMIT = 9999


@dataclass(frozen=True)
class NumberForm:
    """One numbering form, as written in ``summarygen.yaml`` (``text``) and in the document."""

    text: str
    """The form with the number one: ``一、`` ``（一）`` ``1.`` ``①``."""
    digits: Digits
    prefix: str = ""
    """``（`` for a bracketed form."""
    suffix: str = ""
    """The mark after the number: ``、`` ``.`` ``．`` ``）``."""

    @property
    def shape(self) -> Shape:
        if self.digits == "circled" or not self.suffix.endswith("）"):
            return "plain"
        return "paren" if self.prefix else "close"

    @property
    def limit(self) -> int | None:
        """The largest number the form can write (``None``: no limit)."""
        if self.digits == "circled":
            return CIRCLED_LIMIT
        return _CHINESE_LIMIT if self.digits == "chinese" else None

    def format(self, n: int) -> str:
        """Number ``n`` (from 1) in this form: ``十一、`` ``（十二）`` ``13、`` ``⑭``."""
        if n < 1 or (self.limit is not None and n > self.limit):
            raise ValueError(f"{n} cannot be written in the form {self.text}")
        if self.digits == "circled":
            return circled(n)
        number = chinese_numeral(n) if self.digits == "chinese" else str(n)
        return f"{self.prefix}{number}{self.suffix}"

    def __str__(self) -> str:
        return self.text


FORMS: dict[str, NumberForm] = {form.text: form for form in (
    NumberForm("一、", "chinese", suffix="、"),
    NumberForm("（一）", "chinese", "（", "）"),
    NumberForm("1.", "arabic", suffix="."),
    NumberForm("1．", "arabic", suffix="．"),
    NumberForm("1、", "arabic", suffix="、"),
    NumberForm("（1）", "arabic", "（", "）"),
    NumberForm("1）", "arabic", suffix="）"),
    NumberForm("①", "circled"),
)}
"""Every form ``style.numbering`` may name, in the order the user guide lists them."""

Numbering = tuple[NumberForm, NumberForm, NumberForm, NumberForm]
"""The forms of heading levels 1–4."""

GBT9704: Numbering = (FORMS["一、"], FORMS["（一）"], FORMS["1."], FORMS["（1）"])
"""GB/T 9704-2012 7.3.3: ``一、`` ``（一）`` ``1.`` ``（1）``."""


def circled(n: int) -> str:
    """``①`` … ``⑳`` ``㉑`` … ``㊿``."""
    for low, high, start in _CIRCLED_RANGES:
        if low <= n <= high:
            return chr(start + n - low)
    raise ValueError(f"there is no circled number {n}")


def parse_form(text: str) -> NumberForm | None:
    """The form written in the configuration (``None`` if it is not one of :data:`FORMS`)."""
    return FORMS.get(text.strip())


def nearest_form(text: str) -> NumberForm | None:
    """The allowed form a mistyped one most likely means: ``(一)`` → ``（一）``, ``1)`` →
    ``1）``."""
    found = recognise(text.strip())
    if found is None:
        return None
    return closest(found, FORMS.values())


def numbering_text(numbering: Iterable[NumberForm]) -> str:
    """The ``numbering:`` value as written in ``summarygen.yaml``:
    ``[一、, （一）, 1、, （1）]``."""
    return "[" + ", ".join(form.text for form in numbering) + "]"


def numbering_of(forms: Iterable[NumberForm], base: Numbering = GBT9704) -> Numbering:
    """Levels 1–4 from the forms given (top level first); levels not given keep ``base``'s."""
    given = list(forms)[:4]
    a, b, c, d = given + list(base[len(given):])
    return (a, b, c, d)


# --- recognising a number someone typed ----------------------------------------------------------

_CN = "〇零一二三四五六七八九十百千"
_SP = r"[ \t\u3000]"
_CIRCLED = "".join(circled(n) for n in range(1, CIRCLED_LIMIT + 1))
_PAREN_DIGITS = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴ … ⒇
_STOP_DIGITS = "".join(chr(c) for c in range(0x2488, 0x249C))  # ⒈ … ⒛
_FIRST = frozenset("（(" + _CN + _PAREN_DIGITS + _STOP_DIGITS + _CIRCLED)
"""What a number in one of :func:`_patterns` can start with, besides a digit."""


@functools.cache
def _patterns() -> tuple[tuple[Digits, Shape, re.Pattern[str]], ...]:
    """The ways a heading number is typed; compiled when a heading starts with a character
    that can begin one (most do not: their numbers are the document's)."""
    return (
        ("chinese", "paren", re.compile(rf"[（(]{_SP}*(?P<num>[{_CN}]+){_SP}*[）)]")),
        ("arabic", "paren", re.compile(rf"[（(]{_SP}*(?P<num>\d{{1,3}}){_SP}*[）)]")),
        ("arabic", "paren", re.compile(rf"(?P<char>[{_PAREN_DIGITS}])")),
        ("arabic", "plain", re.compile(rf"(?P<char>[{_STOP_DIGITS}])")),
        ("circled", "plain", re.compile(rf"(?P<char>[{_CIRCLED}])")),
        ("chinese", "plain", re.compile(rf"(?P<num>[{_CN}]+){_SP}*[、.．]")),
        ("chinese", "close", re.compile(rf"(?P<num>[{_CN}]+)[）)]")),
        ("arabic", "close", re.compile(r"(?P<num>\d{1,3})[）)]")),
        ("arabic", "plain", re.compile(r"(?P<num>\d{1,3})[.．、](?!\d)")),
    )


_TRAILING_SPACE = re.compile(rf"{_SP}*")


@dataclass(frozen=True)
class TypedNumber:
    """A heading number found at the start of a text, however it was typed."""

    digits: Digits
    shape: Shape
    value: int
    """``（十二）`` → 12."""
    written: str
    """The number as typed, with its brackets or mark (``(1)``, ``1、``), without the spaces
    after it."""
    end: int
    """Where the words after the number start (after any spaces typed after it)."""
    form: NumberForm | None
    """The allowed form it is written in exactly, if any (``(1)`` with half-width brackets is
    in none; ``（1）`` is in ``（1）``)."""

    @property
    def spaced(self) -> bool:
        """Whether spaces were typed between the number and the words."""
        return self.end > len(self.written)


def recognise(text: str) -> TypedNumber | None:
    """The heading number at the very start of ``text``, in any form, exactly or loosely typed
    (half-width brackets, spaces inside brackets, ``⑴`` ``⒈``), or ``None``.

    >>> found = recognise("（十二）加强队伍建设")
    >>> found.value, found.written, found.form.text
    (12, '（十二）', '（一）')
    >>> recognise("1）健全制度").form.text, recognise("(3) 其他").form
    ('1）', None)
    >>> [recognise(text) for text in ("2024年上半年", "1.5万户", "十分重视")]
    [None, None, None]
    """
    if not text or not (text[0] in _FIRST or text[0].isdecimal()):
        return None
    for digits, shape, pattern in _patterns():
        match = pattern.match(text)
        if match is None:
            continue
        value = _value(match, digits)
        if value is None:
            continue
        written = match.group(0).rstrip(" \t\u3000")
        end = _TRAILING_SPACE.match(text, match.end())
        form = next((f for f in FORMS.values() if f.digits == digits and f.shape == shape
                     and (f.limit is None or value <= f.limit) and f.format(value) == written),
                    None)
        return TypedNumber(digits, shape, value, written, end.end() if end else match.end(),
                           form)
    return None


def _value(match: re.Match[str], digits: Digits) -> int | None:
    char = match.groupdict().get("char")
    if char is not None:
        if char in _PAREN_DIGITS:
            return _PAREN_DIGITS.index(char) + 1
        if char in _STOP_DIGITS:
            return _STOP_DIGITS.index(char) + 1
        return _CIRCLED.index(char) + 1
    number = match.group("num")
    if digits == "arabic":
        return int(number) or None
    return parse_chinese_numeral(number)


def closest(found: TypedNumber, forms: Iterable[NumberForm]) -> NumberForm | None:
    """The form among ``forms`` that ``found`` was meant to be in: its own form if it is one of
    them, else one of the same digits and shape (``(1)`` → ``（1）``, ``1．`` → ``1.``), else one
    of the same digits in brackets or out of them (``1）`` → ``（1）``, ``一）`` → ``（一）``)."""
    candidates = [f for f in forms if f.digits == found.digits]
    if found.form is not None and found.form in candidates:
        return found.form
    same = [f for f in candidates if f.shape == found.shape]
    bracketed = [f for f in candidates if (f.shape == "plain") == (found.shape == "plain")]
    nearest = same or bracketed
    return nearest[0] if nearest else None


def level_of(found: TypedNumber, numbering: Numbering) -> int | None:
    """The outline level (1–4) whose form ``found`` is written in, or was meant to be."""
    form = closest(found, numbering)
    return numbering.index(form) + 1 if form is not None else None
