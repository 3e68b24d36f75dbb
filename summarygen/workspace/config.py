"""The workspace: ``summarygen.yaml``, its organisations, variants and periods.

::

    summarygen.yaml        organisation profiles, variants, style profile, periods
    datasets/<period>/     one YAML file per work area, shared by every variant …
    datasets/<period>/<v>/ … and a variant's own files, which add to or replace the shared ones
    templates/             the report skeleton, one template and one schema per work area
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarygen.boundary import outside_message, within
from summarygen.data.records import Record
from summarygen.data.schema import FieldSpec
from summarygen.data.validate import Validator
from summarygen.data.yamlio import MAX_CONFIG_NODES, YMap, load_file
from summarygen.document.style import PRESETS, Fonts, StyleProfile, make_profile
from summarygen.errors import ConfigError, Problems, suggest
from summarygen.i18n import N_, _, listing
from summarygen.workspace.period import Period, PeriodError
from summarygen.workspace.wording import PLACEHOLDER_RULES, Setting, scan

CONFIG_NAME = "summarygen.yaml"


def find_workspace(start: Path) -> Path | None:
    """The folder ``start`` or the nearest one above it that holds ``summarygen.yaml``."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None

_NAME = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_\-\u4e00-\u9fff]*$")

_FONT_FIELDS = tuple(FieldSpec(name, "text", f"“{name}”所用字体名")
                     for name in Fonts.__dataclass_fields__)
ORGANISATION_SPEC = FieldSpec("organisation", "record", "一个单位的称谓", fields=(
    FieldSpec("name", "text", "单位全称，如 霍山县民政局", required=True),
    FieldSpec("level", "text", "层级：县、市或区", required=True),
    FieldSpec("place", "text", "地名，如 霍山县"),
    FieldSpec("department", "text", "部门简称，如 民政局"),
    FieldSpec("short_name", "text", "单位简称，默认 层级+部门，如 县民政局"),
    FieldSpec("scope", "text", "范围用语，默认 全县/全市"),
    FieldSpec("self_ref", "text", "自称地域，默认 我县/我市"),
    FieldSpec("leadership", "text", "领导机关用语，默认 县委、县政府"),
    FieldSpec("superior", "text", "上级业务主管部门，如 XX市民政局"),
    FieldSpec("terms", "map", "模板可用的其他称谓", item=FieldSpec("term", "text", "称谓")),
))
STYLE_SPEC = FieldSpec("style", "record", "版式方案", fields=(
    FieldSpec("preset", "text", "预设方案：" + "、".join(PRESETS)),
    FieldSpec("level_three", "text", "第三层序号后的标点：“.”（国标）或“、”"),
    FieldSpec("fonts", "record", "字体名（按本单位电脑上的字体名填写）", fields=_FONT_FIELDS),
))
VARIANT_SPEC = FieldSpec("variant", "record", "一个版本（如县级版、市级版）", fields=(
    FieldSpec("organisation", "text", "使用哪个单位（organisations 下的名称）", required=True),
    FieldSpec("datasets", "text", "本版本自己的数据子目录名，默认与版本名相同"),
    FieldSpec("templates", "text", "本版本优先使用的模板目录（相对工作区）"),
    FieldSpec("style", "record", "本版本的版式覆盖", fields=STYLE_SPEC.fields),
))
PERIOD_SPEC = FieldSpec("period", "record", "一个报告期", fields=(
    FieldSpec("date", "date", "成文日期，默认为报告期最后一天"),
))
CONFIG_SPEC = FieldSpec("config", "record", "summarygen 工作区配置", fields=(
    FieldSpec("organisations", "map", "单位称谓", required=True, item=ORGANISATION_SPEC),
    FieldSpec("variants", "map", "要生成的版本", required=True, item=VARIANT_SPEC),
    FieldSpec("style", "record", "版式方案", fields=STYLE_SPEC.fields),
    FieldSpec("periods", "map", "各报告期的设置", item=PERIOD_SPEC),
    FieldSpec("templates", "text", "共用模板目录，默认 templates"),
    FieldSpec("limits", "record", "安全上限", fields=(
        FieldSpec("render_seconds", "number",
                  "每份报告套用模板最多用多少秒，默认 30；超时的报告不生成"),
    )),
    FieldSpec("wording", "record", "用语检查的设置", fields=(
        FieldSpec("allow", "texts",
                  "有意保留、检查用语时不提示的词语，如原文隐去的单位名称 XX市民政局"),
    )),
))


@dataclass(frozen=True)
class Organisation:
    """The organisation a report is written for, with the words its level brings."""

    name: str
    level: str
    terms: dict[str, str]
    """Every word a template may use: name, level, scope, self_ref, leadership, short_name …"""

    def as_record(self) -> Record:
        return Record(dict(self.terms), label=N_("the organisation’s words “org”"))


def make_organisation(raw: Record) -> Organisation:
    level = raw.level
    department = raw.department if "department" in raw else ""
    terms = {
        "name": raw.name,
        "level": level,
        "place": raw.place if "place" in raw else "",
        "department": department,
        "short_name": raw.short_name if "short_name" in raw else f"{level}{department}",
        "scope": raw.scope if "scope" in raw else f"全{level}",
        "self_ref": raw.self_ref if "self_ref" in raw else f"我{level}",
        "leadership": raw.leadership if "leadership" in raw else f"{level}委、{level}政府",
        "superior": raw.superior if "superior" in raw else "",
    }
    if "terms" in raw:
        terms.update({k: raw.terms[k] for k in raw.terms})
    return Organisation(raw.name, level, terms)


@dataclass(frozen=True)
class Variant:
    """One report to build per period: an organisation, its data folder and template overrides."""

    name: str
    organisation: Organisation
    datasets: str
    templates: Path | None
    style: StyleProfile


@dataclass
class Workspace:
    """A loaded, validated workspace."""

    root: Path
    variants: dict[str, Variant]
    templates: Path
    period_dates: dict[str, Any] = field(default_factory=dict)
    wording_allow: tuple[str, ...] = ()
    """Words the wording checks let pass (``wording: allow:``), such as a kept placeholder."""
    render_seconds: float | None = None
    """``limits: render_seconds:``, the time a report's templates may take (None: default)."""

    @property
    def datasets_dir(self) -> Path:
        return self.root / "datasets"

    def periods(self) -> list[Period]:
        """Periods that have a dataset folder, oldest first."""
        found = []
        if self.datasets_dir.is_dir():
            for child in self.datasets_dir.iterdir():
                try:
                    found.append(Period.parse(child.name))
                except PeriodError:
                    continue
        return sorted(found, key=lambda p: p.sort_key)

    def latest_period(self) -> Period:
        periods = self.periods()
        if not periods:
            raise ConfigError(_("no period folder under {folder}; create datasets/2024-H1/")
                              .format(folder=self.datasets_dir))
        return periods[-1]

    def period(self, name: str | None) -> Period:
        """The period named (validated before it becomes a path), or the latest."""
        if name is None:
            return self.latest_period()
        try:
            period = Period.parse(name)
        except PeriodError as exc:
            raise ConfigError(str(exc), key="--period") from None
        if not (self.datasets_dir / str(period)).is_dir():
            raise ConfigError(_("there is no folder datasets/{period}/; periods here: {known}")
                              .format(period=period,
                                      known=listing(self.periods()) or "-"),
                              key="--period")
        return period

    def select(self, names: tuple[str, ...] | list[str]) -> list[Variant]:
        """The variants named, in the order given (all, in config order, when none)."""
        if not names:
            return list(self.variants.values())
        for name in names:
            if not _NAME.match(name):
                raise ConfigError(_("the variant name “{name}” may hold only letters, digits, "
                                    "Chinese, “-” and “_”").format(name=name), key="--variant")
        unknown = [n for n in names if n not in self.variants]
        if unknown:
            hint = suggest(unknown[0], list(self.variants))
            raise ConfigError(_("unknown variant {names}; variants: {known}").format(
                names="、".join(unknown), known="、".join(self.variants)) + hint,
                key="--variant")
        return [self.variants[n] for n in dict.fromkeys(names)]


def load_workspace(root: Path, problems: Problems | None = None) -> Workspace:
    """Read and validate ``summarygen.yaml``; raise with every problem found if any is fatal."""
    own = problems if problems is not None else Problems()
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(_("{path} not found: this folder is not a summarygen workspace "
                            "(create one with “summarygen init DIR”)").format(path=path))
    if not within(path, [root]):
        raise ConfigError(outside_message(path), path)
    raw = load_file(path, own, MAX_CONFIG_NODES)
    if raw is not None and not isinstance(raw, YMap):
        own.error(_("the configuration must be named fields (organisations:, variants:)"), path)
    validator = Validator(path, own)
    config = validator.record(raw if isinstance(raw, YMap) else YMap(), CONFIG_SPEC)
    own.raise_if_failed(root=root)
    allow = _allowed_words(config)
    own.extend(scan(validator.prose, Setting("", "", {}, allow=frozenset(allow)),
                    PLACEHOLDER_RULES))
    base_style = _style(config.style if "style" in config else None, None, path, own)
    organisations = {k: make_organisation(config.organisations[k]) for k in config.organisations}
    variants = {}
    for name in config.variants:
        where = (path, config.variants.line_of(name))
        variants[name] = _variant(name, config.variants[name], organisations, base_style,
                                  root, where, own)
    if not variants:
        own.error(_("“variants:” names no variant; add at least one"), path,
                  config.line_of("variants") or None, "variants")
    templates = _template_folder(root, config.templates if "templates" in config else "templates",
                                 path, config.line_of("templates"), "templates", own,
                                 inside=False)
    periods = {k: config.periods[k] for k in config.periods} if "periods" in config else {}
    for name in periods:
        try:
            Period.parse(name)
        except PeriodError as exc:
            own.error(str(exc), path, config.periods.line_of(name), f"periods.{name}")
    seconds = _render_seconds(config, path, own)
    own.raise_if_failed(root=root)
    return Workspace(root, variants, templates, periods, allow, seconds)


def _render_seconds(config: Record, path: Path, problems: Problems) -> float | None:
    limits = config.limits if "limits" in config else None
    if limits is None or "render_seconds" not in limits:
        return None
    value = limits.render_seconds
    if not 0 < value <= 3600:
        problems.error(_("render_seconds must be more than 0 and at most 3600 (an hour)"),
                       path, limits.line_of("render_seconds") or None, "limits.render_seconds")
        return None
    return float(value)


def _allowed_words(config: Record) -> tuple[str, ...]:
    wording = config.wording if "wording" in config else None
    if wording is None or "allow" not in wording:
        return ()
    return tuple(word for word in wording.allow if word)


def _variant(name: str, raw: Record, organisations: dict[str, Organisation],
             base: StyleProfile, root: Path, where: tuple[Path, int],
             problems: Problems) -> Variant:
    path, name_line = where
    line = raw.line_of("organisation")
    if not _NAME.match(name):
        # the name becomes a file name (out/<period>/<name>.docx): no “/” or “..” in it
        problems.error(_("the variant name “{name}” may hold only letters, digits, Chinese, "
                         "“-” and “_”").format(name=name), path, name_line, f"variants.{name}")
    org = organisations.get(raw.organisation)
    if org is None:
        problems.error(_("no organisation “{org}” under organisations:").format(
            org=raw.organisation), path, line, f"variants.{name}.organisation")
        org = Organisation(raw.organisation, "", {})
    datasets = raw.datasets if "datasets" in raw else name
    if "datasets" in raw and not _NAME.match(datasets):
        problems.error(_("“{value}” is not a plain folder name").format(value=datasets),
                       path, raw.line_of("datasets"), f"variants.{name}.datasets")
    templates = None
    if "templates" in raw:
        templates = _template_folder(root, raw.templates, path, raw.line_of("templates"),
                                     f"variants.{name}.templates", problems)
    style = _style(raw.style if "style" in raw else None, base, path, problems)
    return Variant(name, org, datasets, templates, style)


def _template_folder(root: Path, value: str, path: Path, line: int, key: str,
                     problems: Problems, inside: bool = True) -> Path:
    """A template folder named in the configuration: it must exist, and a variant's own folder
    must lie inside the workspace. The shared pack (top-level ``templates:``) may lie outside,
    so that a whole region can share one pack; templates load only from these folders."""
    folder = (root / value).resolve()
    written = Path(os.path.normpath(root.absolute() / value))
    if written.is_relative_to(root.absolute()) and not within(written, [root]):
        # named inside the workspace, a link leads it out: only a folder named as lying
        # outside (a region's shared pack, ``templates: ../pack``) may
        problems.error(_("the template folder {folder} is a link to {target}, outside the "
                         "workspace; name the shared folder itself in “templates:”").format(
            folder=value, target=folder), path, line or None, key)
    elif inside and not folder.is_relative_to(root.resolve()):
        problems.error(_("the template folder must be inside the workspace"), path,
                       line or None, key)
    elif not folder.is_dir():
        problems.error(_("the template folder “{folder}” does not exist").format(folder=value),
                       path, line or None, key)
    return folder


def _style(raw: Record | None, base: StyleProfile | None, path: Path,
           problems: Problems) -> StyleProfile:
    if raw is None:
        return base or StyleProfile()
    preset = raw.preset if "preset" in raw else (base.name if base else "gbt9704")
    if preset not in PRESETS:
        problems.error(_("unknown style preset “{name}”; use one of: {known}").format(
            name=preset, known=listing(PRESETS)), path, raw.line_of("preset"), "style.preset")
        preset = "gbt9704"
    level_three = raw.level_three if "level_three" in raw else None
    if level_three not in (None, ".", "、"):
        problems.error(_("level_three must be “.” or “、”"), path, raw.line_of("level_three"),
                       "style.level_three")
        level_three = None
    fonts = raw.fonts.to_dict() if "fonts" in raw else {}
    profile = make_profile(preset, level_three, fonts)
    if base is not None and "preset" not in raw:
        profile = make_profile(base.name, level_three or base.level_three,
                               {**_fonts_dict(base.fonts), **fonts})
    return profile


def _fonts_dict(fonts: Fonts) -> dict[str, str]:
    return {name: getattr(fonts, name) for name in Fonts.__dataclass_fields__}
