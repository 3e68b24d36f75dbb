"""JSON Schemas of the dataset files and of ``summarygen.yaml``, for editors.

They are generated from the very :class:`~summarygen.data.schema.FieldSpec` trees the validator
uses (the template pack's area schemas with :data:`~summarygen.data.schema.COMMON_FIELDS`, and
:data:`~summarygen.workspace.config.CONFIG_SPEC`), so an editor with a YAML extension completes the
same keys and flags the same mistakes as ``summarygen check``. A dataset names its schema in its
first line: ``# yaml-language-server: $schema=../../.summarygen/schema/<area>.json``.

The schemas are draft-07 (what YAML editors support best). Patterns are written for both Python's
``re`` and JavaScript's ``u`` mode; they accept what the validator accepts and no more than that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarygen.data.figures import unit_kind
from summarygen.data.schema import TYPES, AreaSchema, FieldSpec, SchemaSet
from summarygen.data.values import MONEY_UNITS, PREFIXES, SUFFIXES
from summarygen.errors import ConfigError, Problems
from summarygen.i18n import _
from summarygen.workspace.config import CONFIG_SPEC, load_workspace

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = Path(".summarygen") / "schema"
"""Where ``schema --write`` and ``init`` put the schema files, relative to the workspace."""
CONFIG_SCHEMA = "summarygen.json"

Json = dict[str, Any]

_DIGITS = "[0-9０-９]+(?:[.．][0-9０-９]+)?"
_NUMBER = f"[-+]?{_DIGITS}"
_D = "[0-9０-９]"
_DATE = (f"(?:{_D}{{4}}-{_D}{{1,2}}(?:-{_D}{{1,2}})?"
         f"|(?:{_D}{{4}}年)?{_D}{{1,2}}月(?:{_D}{{1,2}}[日号])?)")


def _escape(text: str) -> str:
    """``text`` as a literal in a pattern (only the characters JavaScript's ``u`` mode allows)."""
    return "".join("\\" + ch if ch in "^$\\.*+?()[]{}|/" else ch for ch in text)


def _anchored(body: str) -> str:
    return rf"^\s*{body}\s*$"


def quantity_pattern(unit: str | None, money: bool = False, optional: bool = False,
                     signed: bool = True) -> str:
    """What ``parse_quantity`` reads: ``约1.24万人次``, ``100余场次``, ``920.20万元``; the unit
    may be left out only where the schema declares a default unit (``optional``), and a sign
    only where the figure may be negative (``signed``)."""
    prefix = "(?:" + "|".join(PREFIXES) + ")?"
    suffix = "(?:" + "|".join(SUFFIXES) + ")?"
    if money:
        units = "(?:" + "|".join(_escape(u) for u in MONEY_UNITS) + ")"
    elif unit is None:
        units = r"[^\d\s０-９][^\d０-９]*"  # any unit without digits, but one is needed
    else:
        units = f"(?:{_escape(unit)}|万{_escape(unit)})"
    number = _NUMBER if signed else _DIGITS
    return _anchored(f"{prefix}{number}{suffix}{units}{'?' if optional else ''}")


def _figure(spec: FieldSpec) -> Json:
    optional = spec.default_unit is not None
    kinds: Json = {"type": ["string", "number"]} if optional else {"type": "string"}
    # a count, an amount, a percentage or a standard is never negative unless “min:” says so
    signed = (spec.minimum is not None and spec.minimum < 0) or (
        spec.type == "quantity" and unit_kind(spec.unit or "") == "other")
    if spec.type == "money":
        return {**kinds, "pattern": quantity_pattern(None, True, optional, signed)}
    if spec.type == "percent":
        return {**kinds, "pattern": quantity_pattern("%", False, optional, signed)}
    if spec.unit is None:
        return {"type": "string", "pattern": quantity_pattern(None, signed=signed)}
    return {**kinds, "pattern": quantity_pattern(spec.unit, False, optional, signed)}


def _change(spec: FieldSpec) -> Json:
    figure = _figure(FieldSpec(spec.name, "quantity", "", unit=spec.unit))
    keys = {name: figure for name in ("from", "to", "由", "至")}
    return {"type": "object", "properties": keys, "additionalProperties": False,
            "anyOf": [{"required": ["from", "to"]}, {"required": ["由", "至"]}]}


_TEXT: Json = {"type": ["string", "number"]}
_VALUE: Json = {"type": ["string", "number", "boolean", "object"]}


def _point() -> Json:
    lead_text = {"lead": _TEXT, "text": _TEXT,
                 "values": {"type": "object", "additionalProperties": _VALUE}}
    return {"anyOf": [_TEXT, {"type": "object", "properties": lead_text,
                              "additionalProperties": False, "minProperties": 1}]}


def field_schema(spec: FieldSpec) -> Json:
    """The JSON Schema of one field, with its meaning and type shown by editors."""
    body = _body(spec)
    hint = _(TYPES[spec.type])
    if spec.unit and spec.type in ("quantity", "rate", "change"):
        hint += _("; unit {unit}").format(unit=spec.unit)
    if spec.default_unit:
        hint += _("; a number written without a unit is read in {unit}").format(
            unit=spec.default_unit)
    for limit, text in ((spec.minimum, _("; at least {limit}")),
                        (spec.maximum, _("; at most {limit}"))):
        if limit is not None:
            hint += text.format(limit=format(limit, "f") + (spec.default_unit or spec.unit or ""))
    body["description"] = (_("{description}\ntype: {hint}").format(
        description=spec.description, hint=hint) if spec.description else hint)
    return body


def _body(spec: FieldSpec) -> Json:
    kind = spec.type
    if kind == "record":
        return record_schema(spec.fields)
    if kind == "list":
        assert spec.item is not None
        return {"type": "array", "items": field_schema(spec.item)}
    if kind == "map":
        assert spec.item is not None
        return {"type": "object", "additionalProperties": field_schema(spec.item)}
    if kind == "texts":
        return {"type": "array", "items": dict(_TEXT)}
    if kind == "points":
        return {"type": "array", "items": _point()}
    if kind in ("quantity", "money", "percent", "rate"):
        return _figure(spec)
    if kind == "change":
        return _change(spec)
    if kind == "number":
        return {"type": ["number", "string"], "pattern": _anchored(_NUMBER)}
    if kind == "date":
        return {"type": "string", "pattern": _anchored(_DATE)}
    if kind == "flag":
        return {"type": "boolean"}
    return dict(_TEXT)


def record_schema(fields: tuple[FieldSpec, ...]) -> Json:
    """An object with exactly these fields (unknown keys are flagged, as ``check`` warns)."""
    body: Json = {"type": "object",
                  "properties": {f.name: field_schema(f) for f in fields},
                  "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    if required:
        body["required"] = required
    return body


def area_schema(area: AreaSchema) -> Json:
    """The schema of one work area's dataset files."""
    body = record_schema(area.root.fields)
    return {"$schema": DRAFT, "title": area.title,
            "description": area.description or area.title, **body}


def config_schema() -> Json:
    """The schema of ``summarygen.yaml``."""
    body = record_schema(CONFIG_SPEC.fields)
    _switchable(body)
    _switchable(body["properties"]["variants"]["additionalProperties"])
    return {"$schema": DRAFT, "title": "summarygen.yaml", "description": CONFIG_SPEC.description,
            **body}


def _switchable(record: Json) -> None:
    """``signature:`` is its fields or just ``true``/``false`` (read before validation)."""
    fields = record["properties"]["signature"]
    record["properties"]["signature"] = {"description": fields.pop("description"),
                                         "anyOf": [{"type": "boolean"}, fields]}


def pack_schemas(root: Path) -> SchemaSet:
    """The area schemas of a workspace's template pack; mistakes in them fail here."""
    workspace = load_workspace(root)
    problems = Problems()
    schemas = SchemaSet.load([workspace.templates], problems)
    problems.raise_if_failed(root=root)
    return schemas


def workspace_schema(root: Path, area: str | None = None) -> Json:
    """One area's schema, or one accepting a dataset of any area of the workspace's pack."""
    schemas = pack_schemas(root)
    if area is not None:
        found = schemas.get(area)
        if found is None:
            raise ConfigError(_("no work area “{area}” in the template pack; areas: {known}")
                              .format(area=area, known="、".join(schemas.schemas) or "-"))
        return area_schema(found)
    definitions = {name: area_schema(s) for name, s in schemas.schemas.items()}
    for definition in definitions.values():
        definition.pop("$schema")
    return {"$schema": DRAFT, "title": _("a dataset of any work area"),
            "anyOf": [{"$ref": f"#/definitions/{name}"} for name in definitions],
            "definitions": definitions}


def dumps(document: Json) -> str:
    """The schema as JSON text (Chinese kept readable)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """Write ``.summarygen/schema/<area>.json`` for every area and ``summarygen.json``."""
    from summarygen.output import Staging

    folder = root / SCHEMA_DIR
    with Staging() as staging:
        for name, area in sorted(pack_schemas(root).schemas.items()):
            staging.add(folder / f"{name}.json", dumps(area_schema(area)).encode("utf-8"))
        staging.add(folder / CONFIG_SCHEMA, dumps(config_schema()).encode("utf-8"))
        return staging.commit()


def schema_line(dataset: Path, root: Path, area: str) -> str:
    """The first line that points an editor at the schema of ``dataset`` (relative path)."""
    depth = len(dataset.resolve().relative_to(root.resolve()).parts) - 1
    target = "../" * depth + (SCHEMA_DIR / f"{area}.json").as_posix()
    return f"# yaml-language-server: $schema={target}"
