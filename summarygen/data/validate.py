"""Checking a dataset against its schema and turning it into typed records.

Every problem is collected with its file, line and dotted key; nothing stops at the first one.
Unknown keys are warnings with the nearest known key; missing required fields and values of the
wrong type are errors. Declared sum rules are checked after typing (:func:`check_rules`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from summarygen.data.figures import Bounds, figure_problem, unit_kind
from summarygen.data.invisible import explain, shown
from summarygen.data.records import Point, Record
from summarygen.data.schema import FieldSpec, Rule, field_label, spec_at
from summarygen.data.values import (
    MONEY_UNITS,
    MissingUnit,
    Quantity,
    ValueParseError,
    exact_sum,
    format_decimal_plain,
    infer_value,
    parse_change,
    parse_date,
    parse_quantity,
    shift,
    to_decimal,
)
from summarygen.data.yamlio import YList, YMap
from summarygen.errors import Problems, suggest
from summarygen.i18n import _

_SLOT = re.compile(r"\{([^{}]*)\}")
_UNIT_CHAR = r"(?![至到和及与或的了是在起等])[\u4e00-\u9fff]"
_DIGIT = re.compile("[0-9０-９]")


@functools.cache
def _figure_in_text() -> re.Pattern[str]:
    """A figure typed into narrative text, with up to two characters of its unit (``12780人``);
    compiled when a text holds a digit at all (its ranges of characters are slow to compile,
    and most texts hold none: their figures are {slots})."""
    return re.compile(rf"(?:约|近)?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:余|多)?"
                      rf"(?:[%％]|{_UNIT_CHAR}{_UNIT_CHAR}?)?")
_REFERENCE = re.compile(r"【[^【】]*】")
_KEY_VALUE_TEXT = re.compile(r"^([A-Za-z_][\w.-]*)\s*(?:：|:(?=\S))")
CHANGE_KEYS = ("from", "to", "verb", "由", "至")
"""Keys of a ``change`` value."""


@dataclass(frozen=True)
class Prose:
    """A piece of text the user wrote in a dataset (a point's lead or text, a one-off value),
    where it was written; the wording checks scan these."""

    text: str
    path: Path | None
    line: int
    key: str


@dataclass
class _Where:
    path: Path | None
    line: int
    key: str


class Validator:
    """Validates one dataset file; results go to ``problems``."""

    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.prose: list[Prose] = []
        """Every narrative text met, with its line, for the wording checks."""

    def record(self, data: Any, spec: FieldSpec, key: str = "", line: int = 0) -> Record:
        where = _Where(self.path, line, key)
        if not isinstance(data, YMap):
            self._error(where, _("expected named fields (key: value) for {what}")
                        .format(what=spec.description or spec.name) + colon_hint(data))
            return Record({}, self.path, key)
        known = {f.name: f for f in spec.fields}
        values: dict[str, Any] = {}
        for name, raw in data.items():
            sub = _join(key, name)
            child = known.get(name)
            if child is None:
                self._unknown(name, known, _Where(self.path, data.line_of(name), sub))
                continue
            values[name] = self.value(raw, child, sub, data.line_of(name))
        for child in spec.fields:
            if child.required and child.name not in data:
                self._error(_Where(self.path, data.line, _join(key, child.name)),
                            _("the required field “{name}” ({meaning}) is missing")
                            .format(name=child.name, meaning=child.description))
        for child in spec.fields:
            if child.type == "points" and child.name not in data:
                values[child.name] = []  # an area may have no narrative points
        return Record(values, self.path, key, dict(data.key_lines),
                      {f.name: f.description for f in spec.fields}, data.line)

    def value(self, raw: Any, spec: FieldSpec, key: str, line: int) -> Any:
        where = _Where(self.path, line, key)
        if raw is None:
            self._error(where, _("the value is empty; fill it in or remove the line"))
            return None
        try:
            return self._typed(raw, spec, key, line)
        except MissingUnit as exc:
            if exc.unit is None or exc.money:
                self._error(where, missing_unit_message(exc, key))
                return None
            # The field declares its unit: read in it (as earlier versions did, so that an old
            # workspace still builds), but never silently.
            self._warn(where, missing_unit_message(exc, key))
            return self.value(raw, replace(spec, default_unit=exc.unit), key, line)
        except ValueParseError as exc:
            self._error(where, shown(str(exc)) + explain(str(raw)))
        return None

    def _typed(self, raw: Any, spec: FieldSpec, key: str, line: int) -> Any:
        kind = spec.type
        if kind == "record":
            return self.record(raw, spec, key, line)
        if kind in ("list", "texts", "points"):
            return self._list(raw, spec, key, line)
        if kind == "map":
            return self._map(raw, spec, key, line)
        if kind in ("quantity", "rate", "money", "percent"):
            return self._figure(raw, spec)
        if kind == "number":
            return to_decimal(raw)
        if kind == "date":
            return parse_date(raw)
        if kind == "change":
            if isinstance(raw, YMap):
                for name in raw:
                    if name not in CHANGE_KEYS:
                        self._unknown(name, dict.fromkeys(CHANGE_KEYS),
                                      _Where(self.path, raw.line_of(name), _join(key, name)))
            change = parse_change(raw, spec.unit, spec.default_unit)
            for side in (change.old, change.new):
                _refuse(figure_problem(side, _kind_of(spec, side), _bounds(spec)))
            return change
        if kind == "flag":
            if not isinstance(raw, bool):
                raise ValueParseError(_("write true or false"))
            return raw
        return self._text(raw, _Where(self.path, line, key))

    def _figure(self, raw: Any, spec: FieldSpec) -> Quantity:
        """A figure of a quantity, money, percent or rate field, checked by its kind."""
        kind = spec.type
        unit = "%" if kind == "percent" else spec.unit
        value = parse_quantity(raw, unit, spec.default_unit, money=kind == "money")
        if kind == "money" and value.unit not in MONEY_UNITS:
            raise ValueParseError(_("“{value}”: an amount must be in 元, 万元 or 亿元")
                                  .format(value=raw))
        _refuse(figure_problem(value, _kind_of(spec, value), _bounds(spec)))
        return value

    def _text(self, raw: Any, where: _Where) -> str:
        if isinstance(raw, (YMap, YList)):
            raise ValueParseError(_("expected text, found a list or fields"))
        if isinstance(raw, Decimal):
            return format_decimal_plain(raw)
        text = str(raw)
        if text:
            self.prose.append(Prose(text, where.path, where.line, where.key))
            hidden = explain(text)
            if hidden:
                self._warn(where, _("“{text}”{hidden}").format(text=shown(text)[:40],
                                                              hidden=hidden))
        return text

    def _list(self, raw: Any, spec: FieldSpec, key: str, line: int) -> list[Any]:
        if not isinstance(raw, YList):
            raise ValueParseError(_("expected a list (lines starting with “- ”)"))
        items = []
        for index, item in enumerate(raw):
            sub, item_line = f"{key}[{index + 1}]", raw.line_of(index)
            if spec.type == "points":
                items.append(self.point(item, sub, item_line))
            elif spec.type == "texts":
                items.append(self.value(item, FieldSpec(sub, "text", ""), sub, item_line))
            else:
                assert spec.item is not None
                items.append(self.value(item, spec.item, sub, item_line))
        return items

    def _map(self, raw: Any, spec: FieldSpec, key: str, line: int) -> Record:
        if not isinstance(raw, YMap):
            raise ValueParseError(_("expected named entries (name: …)"))
        assert spec.item is not None
        values = {name: self.value(item, spec.item, _join(key, name), raw.line_of(name))
                  for name, item in raw.items()}
        return Record(values, self.path, key, dict(raw.key_lines))

    def point(self, raw: Any, key: str, line: int) -> Point:
        """A narrative point: plain text, or ``{lead, text, values}`` with ``{slot}`` figures."""
        where = _Where(self.path, line, key)
        if isinstance(raw, (str, Decimal)):
            text = self._text(raw, where)
            self._check_free_text(text, _SLOT.findall(text), where)
            return Point(self._fill(text, {}, where))
        if not isinstance(raw, YMap):
            self._error(where, _("a point is a text, or fields lead/text/values"))
            return Point("")
        for name in raw:
            if name not in ("lead", "text", "values"):
                self._unknown(name, dict.fromkeys(("lead", "text", "values")),
                              _Where(self.path, raw.line_of(name), _join(key, name)))
        slots = self._slot_values(raw.get("values"), key, raw.line_of("values"))
        lead_at, text_at = self._at(raw, "lead", key), self._at(raw, "text", key)
        lead = self._fill(self._text(raw.get("lead") or "", lead_at), slots, lead_at)
        body = self._fill(self._text(raw.get("text") or "", text_at), slots, text_at)
        used = set(_SLOT.findall(str(raw.get("lead") or "")) + _SLOT.findall(
            str(raw.get("text") or "")))
        values = raw.get("values")
        for name in slots:
            if name not in used:
                line_of = values.line_of(name) if isinstance(values, YMap) else raw.line
                self._warn(_Where(self.path, line_of, _join(key, f"values.{name}")),
                           _("the value “{name}” is not used in the text; write {{{name}}} where "
                             "it belongs").format(name=name))
        if not lead and not body:
            self._error(where, _("the point has neither “lead:” nor “text:”"))
        return Point(body, lead)

    def _at(self, raw: YMap, name: str, key: str) -> _Where:
        """Where the field ``name`` of the mapping ``raw`` (at ``key``) was written."""
        return _Where(self.path, raw.line_of(name), _join(key, name))

    def _slot_values(self, raw: Any, key: str, line: int) -> dict[str, str]:
        if raw is None:
            return {}
        if not isinstance(raw, YMap):
            self._error(_Where(self.path, line, key + ".values"),
                        _("“values:” must be named figures (name: 12户)"))
            return {}
        slots = {}
        for name, value in raw.items():
            if value is None:
                self._error(_Where(self.path, raw.line_of(name), f"{key}.values.{name}"),
                            _("the value is empty; fill it in or remove the line"))
                slots[name] = f"{{{name}}}"  # reported once here, not again as a missing slot
                continue
            where = _Where(self.path, raw.line_of(name), f"{key}.values.{name}")
            try:
                slots[name] = str(slot_value(value))
            except ValueParseError as exc:
                self._error(where, shown(str(exc)) + explain(str(value)))
                slots[name] = f"{{{name}}}"  # reported here, not again as a missing slot
                continue
            if isinstance(value, str):
                self.prose.append(Prose(value, where.path, where.line, where.key))
        return slots

    def _fill(self, text: str, slots: dict[str, str], where: _Where) -> str:
        self._check_free_text(text, list(slots), where)

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in slots:
                return slots[name]
            hint = suggest(name, slots)
            self._error(where, _("the text uses {{{name}}} but “values:” has no “{name}”")
                        .format(name=name) + hint)
            return match.group(0)

        return _SLOT.sub(replace, text)

    def _check_free_text(self, text: str, slots: list[str], where: _Where) -> None:
        bare = _REFERENCE.sub(" ", _SLOT.sub(" ", text))
        figures = _figure_in_text().findall(bare) if _DIGIT.search(bare) else []
        if figures:
            more = _(" (and {count} more)").format(count=len(figures) - 1) \
                if len(figures) > 1 else ""
            self._warn(where, _("the text contains the figure “{figure}”{more}; put it under "
                                "“values:” with a name (for example “n: {figure}”) and write {{n}} "
                                "in the text where it stands, so it can be checked and compared")
                       .format(figure=figures[0], more=more))

    def _unknown(self, name: str, known: dict[str, Any], where: _Where) -> None:
        where = replace(where, key=shown(where.key))
        self._warn(where, _("unknown key “{name}”, it is ignored").format(name=shown(name))
                   + explain(name) + suggest(name, known))

    def _error(self, where: _Where, message: str) -> None:
        self.problems.error(message, where.path, where.line or None, where.key or None)

    def _warn(self, where: _Where, message: str) -> None:
        self.problems.warn(message, where.path, where.line or None, where.key or None)


_PLAIN_NUMBER = re.compile(r"^[0-9０-９]+$")
_DATE_LIKE = re.compile(r"^[0-9０-９]{1,4}\D{0,3}[0-9０-９]*[年月日号]|^[0-9０-９]{4}-")
_FIGURE_LIKE = re.compile(r"^(?:约|近|超过|逾|达)?[+\-]?[0-9０-９]")


def slot_value(raw: Any) -> Any:
    """A one-off value of a point (``values:``), checked like a figure or a date where it looks
    like one: ``2024上4月1日`` is refused, not printed; ``-12780人`` as a field would be."""
    value = infer_value(raw)
    if isinstance(value, Quantity):
        _refuse(figure_problem(value))
    elif isinstance(value, str) and not _PLAIN_NUMBER.match(value.strip()):
        text = value.strip()
        if _DATE_LIKE.match(text):
            parse_date(text)  # raises with what is wrong with the date
        if _FIGURE_LIKE.match(text):
            parse_quantity(text)  # raises with what a figure looks like
    return value


def _kind_of(spec: FieldSpec, value: Quantity) -> str:
    """The kind of figure a field holds: by its type, else by the unit written."""
    return {"money": "money", "percent": "percent", "rate": "rate"}.get(
        spec.type, unit_kind(value.unit))


def _bounds(spec: FieldSpec) -> Bounds:
    return Bounds(spec.minimum, spec.maximum, spec.default_unit or spec.unit)


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise ValueParseError(problem)


def missing_unit_message(exc: MissingUnit, key: str) -> str:
    """What to write instead of a figure without its unit: the line with the unit added."""
    name = exc.key or key.rsplit(".", 1)[-1]
    written = f"- {exc.raw}" if name.endswith("]") else f"{name}: {exc.raw}"
    if exc.money:
        return _("“{value}” has no unit; write 元, 万元 or 亿元 after the number, for example:"
                 "\n    {line}万元").format(value=exc.raw, line=written)
    if exc.unit:
        return _("“{value}” has no unit; it is read in {unit}, the unit of this field, but write "
                 "the figure with its unit:\n    {line}{unit}").format(
            value=exc.raw, line=written, unit=exc.unit)
    return _("“{value}” has no unit; write the unit after the number, for example:"
             "\n    {line}人").format(value=exc.raw, line=written)


def colon_hint(data: Any) -> str:
    """A hint for text that was meant as ``key: value`` but has no half-width colon and space."""
    if isinstance(data, str):
        match = _KEY_VALUE_TEXT.match(data)
        if match is not None:
            return _("; “{text}” was read as text: write a half-width colon and a space after "
                     "the key (“{key}: …”)").format(text=data[:30], key=match[1])
    return ""


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


@dataclass(frozen=True)
class Found:
    """A value found at a path, with its concrete key and the line it was written on."""

    key: str
    value: Any
    line: int
    path: Path | None


def resolve(record: Record, path: str) -> Iterator[Found]:
    """The values at a dotted ``path`` (``*`` expands list items)."""
    current = [Found("", record, 0, record.path)]
    for part in path.split("."):
        following: list[Found] = []
        for found in current:
            value = found.value
            if part == "*" and isinstance(value, list):
                following.extend(Found(f"{found.key}[{i + 1}]", v, found.line, found.path)
                                 for i, v in enumerate(value))
            elif isinstance(value, Record) and part in value:
                following.append(Found(_join(found.key, part), value[part],
                                       value.line_of(part) or found.line, value.path))
        current = following
    return iter(current)


FIGURE_TYPES = ("quantity", "money", "rate", "percent")
"""Field types that a sum rule can add up."""


def check_rule_paths(rules: tuple[Rule, ...], root: FieldSpec, problems: Problems) -> None:
    """Every path of every rule must name a figure field of the schema (a typo would make the
    rule silently check nothing)."""
    for rule in rules:
        for path in (rule.total, *rule.parts):
            spec = spec_at(root, path)
            if spec is None:
                names = [f.name for f in root.fields]
                problems.error(_("the rule names “{path}”, which is not a field of this work "
                                 "area").format(path=path) + suggest(path.split(".")[0], names),
                               rule.path, rule.line or None)
            elif spec.type not in FIGURE_TYPES:
                problems.error(_("the rule names “{path}”, which is not a figure with a unit")
                               .format(path=path), rule.path, rule.line or None)


def check_rules(record: Record, rules: tuple[Rule, ...], problems: Problems,
                root: FieldSpec | None = None) -> None:
    """Warn where a declared total differs from the sum of its parts, naming every figure (the
    total by its schema description, when ``root``, the area's schema, gives one)."""
    for rule in rules:
        totals = list(resolve(record, rule.total))
        found_parts = [list(resolve(record, p)) for p in rule.parts]
        if not totals:
            continue  # no total in this dataset: nothing to check
        missing = [path for path, found in zip(rule.parts, found_parts, strict=True)
                   if not found]
        if missing:
            if len(missing) < len(rule.parts):  # no part at all: no breakdown is given
                _missing_parts(totals[0], rule, missing, problems)
            continue
        parts = [found.value for each in found_parts for found in each]
        total = totals[0]
        if not isinstance(total.value, Quantity) or not all(
                isinstance(v, Quantity) for v in parts):
            continue  # a figure that could not be read, already reported
        _compare(total, parts, rule, problems,
                 field_label(root, rule.total) if root is not None else rule.total)


def _missing_parts(total: Found, rule: Rule, missing: list[str], problems: Problems) -> None:
    """A total whose parts are not all there cannot be checked: say which part is missing."""
    problems.warn(_("{key} should be the sum of {parts}, but {missing} is not in the file, so "
                    "the sum cannot be checked; add it (or, if the total really has no such part, "
                    "take it out of the rule)").format(
        key=rule.total, parts="、".join(rule.parts), missing="、".join(missing)),
        total.path, total.line or None, total.key)


def _compare(found: Found, parts: list[Quantity], rule: Rule, problems: Problems,
             label: str) -> None:
    total = found.value
    assert isinstance(total, Quantity)
    if not total.exact or not all(p.exact for p in parts):
        return  # 约/余 figures cannot be added exactly
    unit, expected = total.comparable()
    numbers = []
    for part in parts:
        part_unit, number = part.comparable()
        numbers.append(number)
        if part_unit != unit:
            problems.error(_("{total}: the parts are in {unit}, the total in {total_unit}")
                           .format(total=rule.total, unit=part.unit, total_unit=total.unit),
                           found.path, found.line or None, found.key)
            return
    summed = exact_sum(numbers)
    if summed != expected:
        shown = " + ".join(str(p) for p in parts)
        summed_q = _in_unit(summed, total)
        problems.warn(
            _("{key} is {total}, but its parts add up to {sum} ({parts}); correct one of them")
            .format(key=label, total=total, sum=summed_q, parts=shown),
            found.path, found.line or None, found.key)


def _in_unit(summed: Decimal, like: Quantity) -> str:
    """A sum (in the comparable unit) written in the total's own unit."""
    if like.is_money:
        summed = shift(summed, -MONEY_UNITS[like.unit])
    elif like.unit.startswith("万") and len(like.unit) > 1:
        summed = shift(summed, -4)
    return format_decimal_plain(summed.normalize()) + like.unit
