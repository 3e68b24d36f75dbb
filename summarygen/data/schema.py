"""Dataset schemas: what each field of a work area's YAML means and what type it has.

A template pack declares one schema per work area (``templates/schemas/<area>.yaml``) next to the
templates that use it, so that the phrasing and the facts it needs are kept together and a pack for
another department brings its own. A schema file looks like::

    title: 社会救助
    description: 低保、特困供养、临时救助等社会救助工作
    fields:
      rural_dibao:
        type: record
        description: 农村最低生活保障
        fields:
          households: {type: quantity, unit: 户, description: 保障户数}
          amount: {type: money, description: 发放低保金}
    rules:
      - sum: extremely_poor.people
        of: [extremely_poor.dispersed, extremely_poor.centralized]

Every area also has the common fields in :data:`COMMON_FIELDS` (``title``, ``intro``, ``points``,
``checks``). Validation (:mod:`summarygen.data.validate`) turns a dataset into typed values.

Areas may share definitions instead of copying them: a file whose name starts with ``_``
(``schemas/_common.yaml``) is not an area; it holds ``definitions:``, each written like a field
(a record may bring its own ``rules:``, paths relative to it). A field then says ``use: name``
(beside it only ``description:`` and ``required:``), and an area's top-level ``include: [name]``
adds the fields of a record definition to its own (see :class:`Definitions`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from summarygen.boundary import outside_message, within
from summarygen.data.yamlio import YList, YMap, load_file
from summarygen.errors import Problems, suggest
from summarygen.i18n import N_, _, listing
from summarygen.termtable import display_width

TYPES: dict[str, str] = {
    "text": N_("free text (no figures inside: put figures in their own fields)"),
    "number": N_("a plain number without a unit"),
    "quantity": N_("a number with its unit: 2329户, 3358人次, 100余场次"),
    "money": N_("an amount with its unit: 920.20万元, 8322元"),
    "percent": N_("a percentage: 90%"),
    "rate": N_("a standard with its unit: 380元/月.人"),
    "date": N_("a date: 2024年1月26日, 1月26日, 2024-01-26"),
    "change": N_("a value before and after: {from: 320元/月.人, to: 380元/月.人}"),
    "flag": N_("true or false"),
    "record": N_("a group of named fields"),
    "list": N_("a list of items of one type"),
    "map": N_("named entries of one type (the names are yours)"),
    "texts": N_("a list of free-text items"),
    "points": N_("narrative points: text, or {lead, text, values} with {slot} figures"),
}
"""Field types and what they hold (English msgids: translate with ``_()`` where shown)."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a dataset: its type, meaning, and constraints."""

    name: str
    type: str
    description: str
    """What the field means, in the users' language (shown by editors and in messages)."""
    required: bool = False
    unit: str | None = None
    """Default or expected unit for quantity/money/rate/change (``户``, ``万元``)."""
    fields: tuple[FieldSpec, ...] = ()
    """Sub-fields of a ``record``."""
    item: FieldSpec | None = None
    """Item type of a ``list`` or ``map``."""
    default_unit: str | None = None
    """The unit a bare number is read in (``default_unit: 万元``); without it a figure written
    without its unit is an error."""
    minimum: Decimal | None = None
    """Smallest value allowed (``min:``), in the field's unit; replaces the kind's bounds."""
    maximum: Decimal | None = None
    """Largest value allowed (``max:``), in the field's unit; replaces the kind's bounds."""

    def child(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


def spec_at(spec: FieldSpec, path: str) -> FieldSpec | None:
    """The field a dotted rule path names (``*`` for every item of a list), or ``None``."""
    current: FieldSpec | None = spec
    for part in path.split("."):
        if current is None:
            return None
        if current.type in ("list", "map"):
            current = current.item if part == "*" or current.type == "map" else None
        elif current.type == "record":
            current = current.child(part)
        else:
            return None
    return current


def field_label(root: FieldSpec, path: str) -> str:
    """A field as the user reads it: its schema description, shortened, else its path."""
    spec = spec_at(root, path)
    return short_label(spec.description) if spec is not None and spec.description else path


def short_label(description: str, width: int = 24) -> str:
    """A schema description short enough for a table column: its words before any note in
    brackets or after a comma, cut at ``width`` columns with “…”."""
    words = re.split(r"[（(，,；;]", description, maxsplit=1)[0].strip()
    if display_width(words) <= width:
        return words
    cut = ""
    for char in words:
        if display_width(cut + char) > width - 1:
            break
        cut += char
    return cut + "…"


@dataclass(frozen=True)
class Rule:
    """A consistency rule: the figure at ``total`` equals the sum of the figures at ``parts``.

    Paths are dotted (``extremely_poor.people``); ``*`` stands for every item of a list
    (``elderly.bands.*.people``).
    """

    total: str
    parts: tuple[str, ...]
    line: int = 0
    path: Path | None = None


@dataclass(frozen=True)
class AreaSchema:
    """The schema of one work area's dataset."""

    area: str
    title: str
    description: str
    root: FieldSpec
    rules: tuple[Rule, ...] = ()
    path: Path | None = None


COMMON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("area", "text", "这个数据文件属于哪个工作领域（默认取文件名）"),
    FieldSpec("title", "text", "本部分标题，不写时用模板包的默认标题"),
    FieldSpec("intro", "points", "标题后的总述（可含 {名称} 形式的数字占位）"),
    FieldSpec("points", "points", "各项工作要点：一是……二是……"),
    FieldSpec("checks", "list", "本文件自己的核对规则：sum（合计）等于 of（各部分）之和",
              item=FieldSpec("check", "record", "一条核对规则", fields=(
                  FieldSpec("sum", "text", "合计数的字段路径", required=True),
                  FieldSpec("of", "texts", "各部分的字段路径", required=True),
              ))),
)


def load_schema(path: Path, problems: Problems,
                shared: Definitions | None = None) -> AreaSchema | None:
    """Read a schema file; mistakes in it are the template pack's and are reported as errors."""
    data = load_file(path, problems)
    if not isinstance(data, YMap):
        problems.error(_("a schema file must be a mapping with “fields:”"), path)
        return None
    reading = _Reading(path, problems, shared)
    included = _included(data, reading)
    fields_data = data.get("fields") or YMap()
    own = _parse_fields(fields_data, reading, "")
    for spec in own:
        if any(spec.name == other.name for other in included):
            problems.error(_("the field “{name}” is also brought in by “include:”; remove one")
                           .format(name=spec.name), path, fields_data.line_of(spec.name),
                           spec.name)
    root = FieldSpec(path.stem, "record", str(data.get("description") or ""),
                     fields=COMMON_FIELDS + included + own)
    rules = parse_rules(data.get("rules"), path, problems) + tuple(reading.rules)
    return AreaSchema(path.stem, str(data.get("title") or path.stem),
                      str(data.get("description") or ""), root, rules, path)


@dataclass
class _Reading:
    """What parsing one schema file needs: its path, where problems go, the shared definitions,
    and the rules that used definitions bring along (their paths made absolute)."""

    path: Path
    problems: Problems
    shared: Definitions | None = None
    rules: list[Rule] = field(default_factory=list)

    def use(self, name: str, line: int, key: str, where: str) -> FieldSpec | None:
        """The definition ``name``, its rules added under ``where``."""
        if self.shared is None or name not in self.shared.raw:
            known = list(self.shared.raw) if self.shared is not None else []
            self.problems.error(_("there is no shared definition “{name}” (definitions: in a "
                                  "schemas/_*.yaml file); known: {known}").format(
                name=name, known="、".join(known) or "-") + suggest(name, known),
                self.path, line, key)
            return None
        spec, rules = self.shared.get(name, self.path, line, key)
        self.rules += [_moved(rule, where) for rule in rules]
        return spec


def _moved(rule: Rule, where: str) -> Rule:
    def prefixed(path: str) -> str:
        return f"{where}.{path}" if where else path

    return Rule(prefixed(rule.total), tuple(prefixed(p) for p in rule.parts), rule.line,
                rule.path)


def _included(data: YMap, reading: _Reading) -> tuple[FieldSpec, ...]:
    """The fields an area's ``include: [name, …]`` brings in (each a record definition)."""
    names = data.get("include")
    if names is None:
        return ()
    line = data.line_of("include")
    if not isinstance(names, YList) or not all(isinstance(n, str) for n in names):
        reading.problems.error(_("“include:” must be a list of definition names"),
                               reading.path, line, "include")
        return ()
    fields: list[FieldSpec] = []
    for index, name in enumerate(names):
        spec = reading.use(name, names.line_of(index), "include", "")
        if spec is not None and spec.type != "record":
            reading.problems.error(_("“include:” takes a record definition (a group of fields); "
                                     "“{name}” is a {type}: use it as a field with "
                                     "“use: {name}”").format(name=name, type=spec.type),
                                   reading.path, names.line_of(index), "include")
        elif spec is not None:
            fields += spec.fields
    return tuple(fields)


def _parse_fields(data: Any, reading: _Reading, where: str) -> tuple[FieldSpec, ...]:
    if not isinstance(data, YMap):
        reading.problems.error(_("“fields:” must be a mapping of field names"), reading.path)
        return ()
    specs = []
    for name, raw in data.items():
        spec = _parse_field(name, raw, data.line_of(name), reading,
                            f"{where}.{name}" if where else name)
        if spec is not None:
            specs.append(spec)
    return tuple(specs)


_USE_EXTRAS = frozenset({"use", "description", "required"})


def _parse_field(name: str, raw: Any, line: int, reading: _Reading,
                 where: str) -> FieldSpec | None:
    path, problems = reading.path, reading.problems
    if isinstance(raw, str):  # shorthand: `households: quantity`
        raw = YMap(type=raw)
    if not isinstance(raw, Mapping):
        problems.error(_("a field needs “type:” and “description:”"), path, line, name)
        return None
    if "use" in raw:
        return _used(name, raw, line, reading, where)
    kind = str(raw.get("type", ""))
    if kind not in TYPES:
        problems.error(_("unknown field type “{type}”; use one of: {types}")
                       .format(type=kind, types=listing(TYPES)) + suggest(kind, TYPES),
                       path, line, name)
        return None
    description = str(raw.get("description") or "")
    if not description:
        problems.error(_("the field has no “description:”; say what it means"), path, line, name)
    sub: tuple[FieldSpec, ...] = ()
    item = None
    if kind == "record":
        sub = _parse_fields(raw.get("fields"), reading, where)
    elif kind in ("list", "map"):
        item = _parse_field(name + "[]", raw.get("item"), line, reading, f"{where}.*")
    unit = raw.get("unit")
    default_unit = raw.get("default_unit")
    if default_unit is not None and kind not in FIGURE_KINDS:
        problems.error(_("“default_unit:” is only for figures ({kinds})").format(
            kinds=", ".join(FIGURE_KINDS)), path, line, name)
    minimum, maximum = (_bound(raw, side, path, line, name, problems) for side in ("min", "max"))
    return FieldSpec(name, kind, description, bool(raw.get("required", False)),
                     str(unit) if unit is not None else None, sub, item,
                     str(default_unit) if default_unit is not None else None, minimum, maximum)


def _used(name: str, raw: Mapping[str, Any], line: int, reading: _Reading,
          where: str) -> FieldSpec | None:
    """A field written ``use: definition``, with its own ``description:``/``required:``."""
    extra = sorted(set(raw) - _USE_EXTRAS)
    if extra:
        reading.problems.error(_("beside “use:” only “description:” and “required:” may be "
                                 "written (the rest comes from the definition); found: "
                                 "{keys}").format(keys=", ".join(extra)),
                               reading.path, line, name)
    spec = reading.use(str(raw["use"]), line, name, where)
    if spec is None:
        return None
    return replace(spec, name=name,
                   description=str(raw.get("description") or spec.description),
                   required=bool(raw.get("required", spec.required)))


FIGURE_KINDS = ("quantity", "money", "percent", "rate", "change")
"""Field types that hold numbers with units (and may have a default unit and a range)."""


def _bound(raw: Mapping[str, Any], side: str, path: Path, line: int, name: str,
           problems: Problems) -> Decimal | None:
    value = raw.get(side)
    if value is None:
        return None
    if isinstance(value, Decimal) and str(raw.get("type")) in FIGURE_KINDS:
        return value
    problems.error(_("“{side}:” must be a number, in the unit of a figure field").format(
        side=side), path, line, name)
    return None


def parse_rules(data: Any, path: Path | None, problems: Problems) -> tuple[Rule, ...]:
    """Rules from a schema's ``rules:`` or a dataset's ``checks:`` list."""
    if data is None:
        return ()
    if not isinstance(data, YList):
        problems.error(_("rules must be a list of “- sum: … of: […]”"), path)
        return ()
    rules = []
    for index, raw in enumerate(data):
        line = data.line_of(index)
        if not isinstance(raw, Mapping) or "sum" not in raw or not isinstance(raw.get("of"), list):
            problems.error(_("a rule needs “sum:” (the total) and “of:” (a list of parts)"),
                           path, line)
            continue
        rules.append(Rule(str(raw["sum"]), tuple(str(p) for p in raw["of"]), line, path))
    return tuple(rules)


class Definitions:
    """The shared field definitions of a template pack (``definitions:`` in the
    ``schemas/_*.yaml`` files), each parsed once, with the rules it brings along."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.raw: dict[str, tuple[Any, Path, int]] = {}
        self._parsed: dict[str, tuple[FieldSpec | None, tuple[Rule, ...]]] = {}
        self._reading: list[str] = []

    def add_file(self, path: Path) -> None:
        """Read one definitions file; a name defined again replaces the earlier one."""
        data = load_file(path, self.problems)
        found = data.get("definitions") if isinstance(data, YMap) else None
        if not isinstance(found, YMap):
            self.problems.error(_("a file of shared definitions (its name starts with “_”) "
                                  "holds “definitions:”, a mapping of names"), path)
            return
        for name, raw in found.items():
            self.raw[name] = (raw, path, found.line_of(name))

    def get(self, name: str, path: Path, line: int,
            key: str) -> tuple[FieldSpec | None, tuple[Rule, ...]]:
        """The definition ``name`` (``path``, ``line`` and ``key`` say who uses it)."""
        if name in self._parsed:
            return self._parsed[name]
        if name in self._reading:
            self.problems.error(_("the shared definitions use each other in a loop: {chain}")
                                .format(chain=" → ".join([*self._reading, name])),
                                path, line, key)
            return None, ()
        raw, where, at = self.raw[name]
        self._reading.append(name)
        reading = _Reading(where, self.problems, self)
        spec = _parse_field(name, raw, at, reading, "")
        own = parse_rules(raw.get("rules"), where, self.problems) if isinstance(raw, Mapping) \
            else ()
        self._reading.pop()
        self._parsed[name] = (spec, own + tuple(reading.rules))
        return self._parsed[name]

    def check_all(self) -> None:
        """Parse every definition, so that a mistake in an unused one is reported too."""
        for name, (_raw, path, line) in list(self.raw.items()):
            self.get(name, path, line, name)


@dataclass
class SchemaSet:
    """All the area schemas of a template pack, by area name."""

    schemas: dict[str, AreaSchema] = field(default_factory=dict)

    @classmethod
    def load(cls, folders: list[Path], problems: Problems) -> SchemaSet:
        """Schemas from ``<folder>/schemas/*.yaml``; earlier folders win (variant overrides).
        Files named ``_*.yaml`` hold shared definitions, not areas."""
        return cls.from_files(*cls.files(folders, problems), problems)

    @classmethod
    def from_files(cls, definitions: list[Path], areas: dict[str, Path],
                   problems: Problems) -> SchemaSet:
        """Schemas from the files :meth:`files` found."""
        shared = Definitions(problems)
        for path in definitions:
            shared.add_file(path)
        shared.check_all()
        found: dict[str, AreaSchema] = {}
        for path in areas.values():
            schema = load_schema(path, problems, shared)
            if schema is not None:
                found[schema.area] = schema
        return cls(found)

    @staticmethod
    def files(folders: list[Path], problems: Problems | None = None
              ) -> tuple[list[Path], dict[str, Path]]:
        """The files a set of schemas is made of: the definitions files in the order they are
        read, and each area's schema file. Two lists of folders with the same files make the
        same schemas (a variant's own template folder without schemas of its own)."""
        definitions: list[Path] = []
        areas: dict[str, Path] = {}
        for folder in reversed(folders):
            schema_dir = folder / "schemas"
            if not schema_dir.is_dir():
                continue
            for path in sorted(schema_dir.glob("*.yaml")):
                if not within(path, [folder]):
                    if problems is not None:
                        problems.error(outside_message(path), path)
                    continue
                if path.name.startswith(DEFINITIONS_PREFIX):
                    definitions.append(path)
                else:
                    areas[path.stem] = path
        return definitions, areas

    def get(self, area: str) -> AreaSchema | None:
        return self.schemas.get(area)


DEFINITIONS_PREFIX = "_"
"""Schema files whose names start with it hold shared definitions, not a work area."""
