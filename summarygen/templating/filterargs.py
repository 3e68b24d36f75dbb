"""What a template filter is given: a present figure of the right kind, or a
:class:`FigureError` that names the filter and the value (the render layer adds the template and
line). Used by :mod:`summarygen.templating.filters`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NoReturn

import jinja2

from summarygen.data.values import MONEY_UNITS, Change, Quantity, format_decimal_plain
from summarygen.i18n import _, listing
from summarygen.templating.datalines import MissingInData
from summarygen.templating.errors import TemplateMistake


class FigureError(TemplateMistake):
    """Raised by a filter given a missing figure or a figure of the wrong kind.

    The message names the filter and the value; the render layer adds the template and line.
    """


# --- checking what arrives --------------------------------------------------------------------


def fail(message: str) -> NoReturn:
    raise FigureError(message)


def present(value: object, name: str) -> object:
    """``value`` unless it is missing (``None`` or a Jinja ``Undefined``), checked before use."""
    if isinstance(value, jinja2.Undefined):  # checked first: using it would raise Jinja's error
        if issubclass(value._undefined_exception, MissingInData):
            value._fail_with_undefined_error()  # a dataset lacks it: said at the dataset's line
        fail(_("{filter}: the value is missing ({reason})")
              .format(filter=name, reason=value._undefined_message))
    if value is None:
        fail(_("{filter}: the value is missing").format(filter=name))
    return value


def show(value: object) -> str:
    """A value as the user typed it, for messages (no Python type names)."""
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, Decimal):
        return format_decimal_plain(value)
    if isinstance(value, Change):
        return f"{value.old} → {value.new}"
    if isinstance(value, (list, tuple)):
        return "[" + listing(show(v) for v in value) + "]"
    return str(value)


def number(value: object, name: str) -> Decimal:
    """A bare number (``Decimal`` or ``int``, not ``bool``) as a finite Decimal."""
    value = present(value, name)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    fail(_("{filter}: {value} is not a number").format(filter=name, value=show(value)))


def quantity(value: object, name: str) -> Quantity:
    """A Quantity; a bare number becomes a Quantity without unit."""
    value = present(value, name)
    if isinstance(value, Quantity):
        if not value.number.is_finite():
            fail(_("{filter}: {value} is not a number").format(filter=name, value=show(value)))
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Quantity(number(value, name))
    fail(_("{filter}: {value} is not a figure").format(filter=name, value=show(value)))


def exact(value: object, name: str) -> Quantity:
    """A Quantity that may take part in arithmetic (no 约, 余 …)."""
    q = quantity(value, name)
    if not q.exact:
        fail(_("{filter}: {value} is approximate and cannot be calculated with")
              .format(filter=name, value=show(q)))
    return q


def money(value: object, name: str) -> Quantity:
    q = quantity(value, name)
    if q.unit not in MONEY_UNITS:
        fail(_("{filter}: {value} is not an amount in 元, 万元 or 亿元")
              .format(filter=name, value=show(q)))
    return q


def places(places: object, name: str) -> int | None:
    """Decimal places asked for: ``None`` (as typed) or a whole number 0 … 20."""
    if places is None:
        return None
    if isinstance(places, int) and not isinstance(places, bool) and 0 <= places <= 20:
        return places
    fail(_("{filter}: the number of decimal places must be a whole number from 0 to 20, "
            "not {value}").format(filter=name, value=show(places)))


def items(value: object, name: str) -> list[object]:
    """The items of a list (or of a Jinja ``map``/``select`` result), each present, at least one."""
    value = present(value, name)
    if not isinstance(value, (list, tuple, Iterator)):
        fail(_("{filter}: {value} is not a list").format(filter=name, value=show(value)))
    found = [present(item, name) for item in value]
    if not found:
        fail(_("{filter}: the list is empty").format(filter=name))
    return found
