"""The workspace: ``summarygen.yaml``, its organisations, variants and periods.

::

    summarygen.yaml        organisation profiles, variants, style profile, periods
    datasets/<period>/     one YAML file per work area, shared by every variant …
    datasets/<period>/<v>/ … and a variant's own files, which add to or replace the shared ones
    templates/             the report skeleton, one template and one schema per work area
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from summarygen.boundary import outside_message, within
from summarygen.data.records import Record
from summarygen.data.schema import FieldSpec
from summarygen.data.validate import Validator
from summarygen.data.yamlio import MAX_CONFIG_NODES, YList, YMap, load_file
from summarygen.document.numbering import (
    FORMS,
    NumberForm,
    Numbering,
    nearest_form,
    numbering_of,
    numbering_text,
)
from summarygen.document.style import PRESETS, Fonts, SignatureSetting, StyleProfile, make_profile
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



def is_name(name: str) -> bool:
    """Whether ``name`` may name a variant, an organisation or a folder: ASCII letters, digits
    and Chinese characters, and after the first one also “_” and “-”. (A test a character:
    the regular expression for it took longer to compile than reading the configuration.)"""
    return bool(name) and all(
        (ch.isascii() and ch.isalnum()) or "\u4e00" <= ch <= "\u9fff" or (index and ch in "_-")
        for index, ch in enumerate(name))

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
    FieldSpec("numbering", "texts",
              "各层序号的形式，从第一层起，如 [一、, （一）, 1、, 1）]；可用：" + " ".join(FORMS)),
    FieldSpec("level_three", "text", "（已停用，请改用 numbering）第三层序号后的标点：“.”或“、”"),
    FieldSpec("fonts", "record", "字体名（按本单位电脑上的字体名填写）", fields=_FONT_FIELDS),
))
SIGNATURE_SPEC = FieldSpec("signature", "record", "落款（署名和成文日期）；写 false 则不要落款",
                           fields=(
    FieldSpec("name", "text", "署名，默认为单位全称"),
    FieldSpec("date", "flag", "是否写成文日期，默认 true"),
))
"""``signature:`` is also ``true`` or ``false``; that form is read before validation."""
VARIANT_SPEC = FieldSpec("variant", "record", "一个版本（如县级版、市级版）", fields=(
    FieldSpec("organisation", "text", "使用哪个单位（organisations 下的名称）", required=True),
    FieldSpec("datasets", "text", "本版本自己的数据子目录名，默认与版本名相同"),
    FieldSpec("templates", "text", "本版本优先使用的模板目录（相对工作区）"),
    FieldSpec("style", "record", "本版本的版式覆盖", fields=STYLE_SPEC.fields),
    SIGNATURE_SPEC,
))
PERIOD_SPEC = FieldSpec("period", "record", "一个报告期", fields=(
    FieldSpec("date", "date", "成文日期，默认为报告期最后一天"),
))
CONFIG_SPEC = FieldSpec("config", "record", "summarygen 工作区配置", fields=(
    FieldSpec("organisations", "map", "单位称谓", required=True, item=ORGANISATION_SPEC),
    FieldSpec("variants", "map", "要生成的版本", required=True, item=VARIANT_SPEC),
    FieldSpec("style", "record", "版式方案", fields=STYLE_SPEC.fields),
    SIGNATURE_SPEC,
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
    signature: SignatureSetting = field(default_factory=SignatureSetting)
    """The 落款 this variant closes with (``signature:`` of the variant, else the workspace's)."""


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
    style: StyleProfile = field(default_factory=StyleProfile)
    """The workspace-wide style (``style:``), before any variant's overrides."""
    signature: SignatureSetting = field(default_factory=SignatureSetting)
    """The workspace-wide 落款 setting (``signature:``)."""

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
            if not is_name(name):
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
    raw = raw if isinstance(raw, YMap) else YMap()
    switches = _signature_switches(raw)
    validator = Validator(path, own)
    config = validator.record(raw, CONFIG_SPEC)
    own.raise_if_failed(root=root)
    allow = _allowed_words(config)
    own.extend(scan(validator.prose, Setting("", "", {}, allow=frozenset(allow)),
                    PLACEHOLDER_RULES))
    base_style = _style(config.style if "style" in config else None, _at(raw, "style"), None,
                        path, own)
    base_signature = _signature(config, switches.get(""), SignatureSetting())
    organisations = {k: make_organisation(config.organisations[k]) for k in config.organisations}
    variants = {}
    for name in config.variants:
        where = (path, config.variants.line_of(name))
        variant = _variant(name, config.variants[name], organisations, base_style,
                           root, where, own, _at(raw, "variants", name, "style"))
        variants[name] = replace(variant, signature=_signature(
            config.variants[name], switches.get(name), base_signature))
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
    return Workspace(root, variants, templates, periods, allow, seconds, style=base_style,
                     signature=base_signature)


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
             problems: Problems, raw_style: Any = None) -> Variant:
    path, name_line = where
    line = raw.line_of("organisation")
    if not is_name(name):
        # the name becomes a file name (out/<period>/<name>.docx): no “/” or “..” in it
        problems.error(_("the variant name “{name}” may hold only letters, digits, Chinese, "
                         "“-” and “_”").format(name=name), path, name_line, f"variants.{name}")
    org = organisations.get(raw.organisation)
    if org is None:
        problems.error(_("no organisation “{org}” under organisations:").format(
            org=raw.organisation), path, line, f"variants.{name}.organisation")
        org = Organisation(raw.organisation, "", {})
    datasets = raw.datasets if "datasets" in raw else name
    if "datasets" in raw and not is_name(datasets):
        problems.error(_("“{value}” is not a plain folder name").format(value=datasets),
                       path, raw.line_of("datasets"), f"variants.{name}.datasets")
    templates = None
    if "templates" in raw:
        templates = _template_folder(root, raw.templates, path, raw.line_of("templates"),
                                     f"variants.{name}.templates", problems)
    style = _style(raw.style if "style" in raw else None, raw_style, base, path, problems,
                   f"variants.{name}.style")
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


def _style(raw: Record | None, yaml: Any, base: StyleProfile | None, path: Path,
           problems: Problems, key: str = "style") -> StyleProfile:
    """The style profile of ``style:`` (``yaml`` is the same mapping as read, for the lines of
    list items); a variant's (``base`` given) overrides the workspace's."""
    if raw is None:
        return base or StyleProfile()
    preset = raw.preset if "preset" in raw else (base.name if base else "gbt9704")
    if preset not in PRESETS:
        problems.error(_("unknown style preset “{name}”; use one of: {known}").format(
            name=preset, known=listing(PRESETS)), path, raw.line_of("preset"), f"{key}.preset")
        preset = "gbt9704"
    start = base if base is not None and "preset" not in raw else PRESETS[preset]
    numbering = start.numbering
    if "numbering" in raw:
        forms = _numbering(raw.numbering, _at(yaml, "numbering"), path,
                           raw.line_of("numbering"), f"{key}.numbering", problems)
        numbering = numbering_of(forms, numbering)
    if "level_three" in raw:
        numbering = _level_three(raw, numbering, path, f"{key}.level_three", problems)
    fonts = raw.fonts.to_dict() if "fonts" in raw else {}
    if base is not None and "preset" not in raw:
        fonts = {**_fonts_dict(base.fonts), **fonts}
    return make_profile(start.name, numbering, fonts)


def _numbering(values: list[str], yaml: Any, path: Path, line: int, key: str,
               problems: Problems) -> list[NumberForm]:
    """The forms of ``style.numbering``: each one known, at most four, none twice."""
    lines = yaml if isinstance(yaml, YList) else YList()
    forms: list[NumberForm] = []
    for index, text in enumerate(values):
        where = (path, lines.line_of(index) or line, f"{key}[{index + 1}]")
        form = FORMS.get(str(text).strip()) if text is not None else None
        if form is None:
            near = nearest_form(str(text or ""))
            hint = _("; did you mean “{key}”?").format(key=near.text) if near else ""
            problems.error(_("unknown numbering form “{form}”; the forms are: {known}").format(
                form=text or "", known=" ".join(FORMS)) + hint, *where)
        elif form in forms:
            problems.error(_("the form “{form}” is given for two levels; each level needs its "
                             "own form, so that a reader (and verify) can tell the levels "
                             "apart").format(form=form.text), *where)
        else:
            forms.append(form)
    if not values:
        problems.error(_("name the form of at least the first level, such as "
                         "numbering: [一、, （一）, 1., （1）]"), path, line, key)
    if len(values) > 4:
        problems.error(_("there are four heading levels; numbering names {count} forms")
                       .format(count=len(values)), path, line, key)
    return forms


def _level_three(raw: Record, numbering: Numbering, path: Path, key: str,
                 problems: Problems) -> Numbering:
    """The deprecated ``level_three: "、"`` mapped onto the third numbering form, with a
    message showing the ``numbering:`` line to write instead."""
    line = raw.line_of("level_three")
    value = raw.level_three
    if value not in (".", "、"):
        problems.error(_("level_three must be “.” or “、”"), path, line, key)
        return numbering
    if "numbering" not in raw:
        numbering = numbering_of([*numbering[:2], FORMS[f"1{value}"], *numbering[3:]])
    problems.warn(_("level_three is no longer used; replace the line with: numbering: {line}")
                  .format(line=numbering_text(numbering)), path, line, key)
    return numbering


def _signature_switches(raw: YMap) -> dict[str, bool]:
    """``signature: true/false`` of the workspace (key ``""``) and of each variant, taken out
    of the configuration so that validation sees only the mapping form."""
    found: dict[str, bool] = {}
    holders = [("", raw)]
    variants = raw.get("variants")
    if isinstance(variants, YMap):
        holders += [(name, v) for name, v in variants.items() if isinstance(v, YMap)]
    for name, holder in holders:
        if isinstance(holder.get("signature"), bool):
            found[name] = holder.pop("signature")
    return found


def _signature(raw: Record, switch: bool | None, base: SignatureSetting) -> SignatureSetting:
    """``signature:`` of the workspace or a variant, over ``base`` (the workspace's)."""
    if switch is not None:
        return SignatureSetting() if switch else SignatureSetting(shown=False)
    if "signature" not in raw:
        return base
    given = raw.signature
    return SignatureSetting(True, given.name if "name" in given else base.name,
                            given.date if "date" in given else base.date)


def _at(data: Any, *keys: str) -> Any:
    """The value under ``keys`` in YAML as read, or ``None``."""
    for name in keys:
        data = data.get(name) if isinstance(data, YMap) else None
    return data


def _fonts_dict(fonts: Fonts) -> dict[str, str]:
    return {name: getattr(fonts, name) for name in Fonts.__dataclass_fields__}
