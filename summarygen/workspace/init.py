"""``summarygen init DIR``: a new workspace from the built-in template pack.

The new workspace has one organisation and one variant (``county`` or ``city``), the pack's
templates, and the pack's sample datasets for the chosen level, moved to this year's first half.
Every dataset and the configuration get a first line pointing editors at their JSON Schema and a
comment above each field saying what it means, so staff can start by changing the figures.
Everything is written to a temporary folder first and moved into place at the end: a failed
``init`` leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from summarygen.data.schema import FieldSpec, SchemaSet
from summarygen.data.yamlio import YList, YMap, load_file, load_text
from summarygen.errors import ConfigError, OutputError, Problems, os_reason
from summarygen.i18n import _
from summarygen.output import temporary_folder
from summarygen.workspace.config import CONFIG_NAME, CONFIG_SPEC, Variant, Workspace
from summarygen.workspace.datasets import TODO_MARK, dataset_files
from summarygen.workspace.pack import LEVELS, guide_file, level_of, load_pack, sample_variant
from summarygen.workspace.period import Period, PeriodError, likely_period
from summarygen.workspace.schema_export import CONFIG_SCHEMA, SCHEMA_DIR, schema_line, write_schemas

_SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:.*$\n?", re.M)
_TRAILING_COMMENT = re.compile(r"""^[^"'#]*\s#""")
"""A comment after the value (on a line without quotes, where ``#`` can only start one)."""


@dataclass(frozen=True)
class Created:
    """What ``init`` made."""

    root: Path
    files: list[Path]
    datasets: Path
    """The folder of the example datasets (``datasets/<period>``)."""
    period: Period
    """The period of the example datasets: as asked, or the likely one for today."""
    asked: bool
    """Whether the period was asked for (``--period``) rather than chosen by the date."""
    source: Period
    """The pack's period the example datasets were copied from."""
    organisation: str
    """The sample organisation whose datasets they are."""


def init_workspace(directory: Path, level: str = "县", organisation: str | None = None,
                   pack_root: Path | None = None, today: dt.date | None = None,
                   period: str | None = None) -> Created:
    """Make a workspace in ``directory`` (new or empty) from the pack; return what was written.

    ``level`` is a level as the configuration writes it (县, 区, 旗, 市, 州, 盟), or ``county`` or
    ``city``. The example datasets are for ``period``, or else for the period an office is most
    likely writing on ``today`` (:func:`~summarygen.workspace.period.likely_period`)."""
    chosen = _chosen_period(period, today)
    key = level_of(level)
    if key is None:
        raise ConfigError(_("unknown level “{level}”; write {levels} (or county, city)").format(
            level=level, levels="、".join(w for words in LEVELS.values() for w in words)),
            key="--level")
    word, level = (level if level in LEVELS[key] else LEVELS[key][0]), key
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ConfigError(_("{folder} is not empty; choose a new folder for the workspace")
                          .format(folder=directory))
    pack = load_pack(pack_root)
    problems = Problems()
    SchemaSet.load([pack.templates], problems)
    problems.raise_if_failed(root=pack.root)  # the pack's own mistakes, named in the pack
    sample = sample_variant(pack, level)
    with _staging(directory) as staging:
        source = write_workspace(staging, pack, sample, (level, word), organisation, chosen)
        if directory.exists():
            directory.rmdir()
        os.replace(staging, directory)
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return Created(directory, files, directory / "datasets" / str(chosen), chosen,
                   period is not None, source, sample.organisation.name)


def _chosen_period(period: str | None, today: dt.date | None) -> Period:
    if period is None:
        return likely_period(today or dt.date.today())
    try:
        return Period.parse(period)
    except PeriodError as exc:
        raise ConfigError(str(exc), key="--period") from None


@contextmanager
def _staging(directory: Path) -> Iterator[Path]:
    """A temporary folder beside ``directory``, removed afterwards unless moved into place."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = temporary_folder(directory)
        try:
            yield staging
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {reason}").format(
            path=directory, reason=os_reason(exc))) from None


def write_workspace(root: Path, pack: Workspace, sample: Variant, level: tuple[str, str],
                    organisation: str | None, period: Period) -> Period:
    """Write configuration, templates, example datasets and schemas into ``root``; ``level`` is
    the level (``county``) and the word for it (县). Return the pack's period the examples were
    copied from."""
    copy_plain(pack.templates, root / "templates")
    own = variant_templates(pack, sample)
    if own is not None and not (root / own).exists():
        assert sample.templates is not None
        copy_plain(sample.templates, root / own)
    config = new_config(pack, sample, level, organisation)
    (root / CONFIG_NAME).write_text(config_text(config), encoding="utf-8")
    source = write_datasets(root, pack, sample, period)
    write_schemas(root)
    write_guide(root, pack.root)
    return source


_IGNORE = shutil.ignore_patterns("__pycache__", ".*", "*~")


def copy_plain(source: Path, target: Path) -> None:
    """Copy a folder as new files and folders: their modes follow the umask like everything else
    ``init`` writes (``shutil.copytree`` would copy the installed package's modes)."""
    target.mkdir(parents=True)
    skipped = _IGNORE(str(source), [p.name for p in source.iterdir()])
    for entry in sorted(source.iterdir()):
        if entry.name in skipped:
            continue
        if entry.is_dir():
            copy_plain(entry, target / entry.name)
        else:
            shutil.copyfile(entry, target / entry.name)


GUIDE_NAME = "使用手册.md"
DOCS_DIR = Path(".summarygen") / "docs"
"""Where the documents the guide links to (common errors, filters, its picture) go."""
_LOCAL_LINK = re.compile(r"(\]\()(?!https?:|#|/)([^)\s#]+)([^)]*\))")


def write_guide(root: Path, pack_root: Path) -> None:
    """The user guide as ``使用手册.md`` at the top of the workspace, and the files it links to
    under ``.summarygen/docs/`` with the links pointing there (none if the pack has no guide)."""
    source = guide_file(pack_root)
    if source is None:
        return
    text = source.read_text(encoding="utf-8")
    for target in dict.fromkeys(m[2] for m in _LOCAL_LINK.finditer(text)):
        linked = source.parent / target
        if linked.is_file():
            (root / DOCS_DIR / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(linked, root / DOCS_DIR / target)
    text = _LOCAL_LINK.sub(
        lambda m: f"{m[1]}{(DOCS_DIR / m[2]).as_posix()}{m[3]}"
        if (source.parent / m[2]).is_file() else m[0], text)
    (root / GUIDE_NAME).write_text(text, encoding="utf-8")


def _raw_config(pack_root: Path) -> YMap:
    problems = Problems()
    raw = load_file(pack_root / CONFIG_NAME, problems)
    problems.raise_if_failed(root=pack_root)
    assert isinstance(raw, YMap)  # load_pack has validated it
    return raw


def variant_templates(pack: Workspace, sample: Variant) -> str | None:
    """Where the sample variant's own templates go in the new workspace (relative), if any."""
    if sample.templates is None:
        return None
    shared = pack.templates.resolve()
    if sample.templates.is_relative_to(shared):
        return (Path("templates") / sample.templates.relative_to(shared)).as_posix()
    return sample.templates.relative_to(pack.root.resolve()).as_posix()


def new_config(pack: Workspace, sample: Variant, level: tuple[str, str],
               organisation: str | None) -> dict[str, Any]:
    """The new ``summarygen.yaml``: the sample's organisation renamed, one variant named after
    the level (``county``, ``city``)."""
    raw = _raw_config(pack.root)
    sample_raw = raw["variants"][sample.name]
    profile = _plain(raw["organisations"][sample_raw["organisation"]])
    variant: dict[str, Any] = {"organisation": "main"}
    own = variant_templates(pack, sample)
    if own is not None:
        variant["templates"] = own
    if "style" in sample_raw:
        variant["style"] = _plain(sample_raw["style"])
    config: dict[str, Any] = {
        "organisations": {"main": rename_organisation(profile, level, organisation)},
        "variants": {level[0]: variant},
    }
    if "style" in raw:
        config["style"] = _plain(raw["style"])
    return config


def rename_organisation(profile: dict[str, Any], level: tuple[str, str],
                        organisation: str | None) -> dict[str, Any]:
    """The sample's profile for another organisation: name, place and level replaced.

    Other words naming the sample's place (``霍山县``) are changed to the new place too; anything
    else (the leadership phrase, the superior department) is kept for the user to check.
    """
    department = str(profile.get("department") or "")
    key, level_word = level
    name = organisation or f"某某{level_word}{department or '民政局'}"
    place = name[: -len(department)] if department and name.endswith(department) else ""
    if not place:
        match = re.match(r"^(.+?[省市县区旗州盟])(.+)$", name)
        place, department = (match[1], match[2]) if match else (name, department)
    old_place = str(profile.get("place") or "")
    renamed = _replace_words(profile, old_place, place) if old_place else dict(profile)
    renamed.update(name=name, place=place, department=department)
    renamed["level"] = place[-1] if place[-1:] in LEVELS[key] else level_word
    renamed.pop("short_name", None)  # the default, level + department, fits the new one
    return {k: renamed[k] for k in ("name", "level", "place", "department", *renamed)
            if k in renamed and renamed[k] != ""}


def _replace_words(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace_words(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_words(v, old, new) for v in value]
    return value


def _plain(value: Any) -> Any:
    """YAML data as plain dicts and lists (for writing it out again)."""
    if isinstance(value, YMap):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, YList):
        return [_plain(v) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Writes numbers as typed (``Decimal``) and Chinese as it is."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    tag = "tag:yaml.org,2002:int" if value == value.to_integral_value() else \
        "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, format(value, "f"))


_Dumper.add_representer(Decimal, _decimal)


def config_text(config: dict[str, Any]) -> str:
    """``summarygen.yaml`` with its schema line and a comment on every key."""
    body = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    header = [f"# yaml-language-server: $schema={(SCHEMA_DIR / CONFIG_SCHEMA).as_posix()}",
              _("# summarygen workspace configuration. After a change, run: summarygen check")]
    return "\n".join(header) + "\n" + annotate(body, CONFIG_SPEC)


def write_datasets(root: Path, pack: Workspace, sample: Variant, period: Period) -> Period:
    """The sample's datasets of the pack's latest period, as this period's examples (their
    prose takes the period's words from ``period``, so they fit any kind of period); return
    the pack's period they came from."""
    folder = root / "datasets" / str(period)
    folder.mkdir(parents=True)
    problems = Problems()
    own = [sample.templates] if sample.templates is not None else []
    schemas = SchemaSet.load([*own, pack.templates], problems)
    source_period = sample_period(pack, sample)
    organisation = sample.organisation.name
    for source in dataset_files(pack, sample, source_period):
        text = source.read_text(encoding="utf-8-sig")
        data = load_text(text, source, problems)
        area = str(data.get("area") or source.stem) if isinstance(data, YMap) else source.stem
        schema = schemas.get(area)
        target = folder / source.name
        header = [schema_line(target, root, area), _(
            "# {title}: example figures from {organisation}'s summary of {period}; replace them "
            "with your own.").format(title=schema.title if schema else area,
                                     organisation=organisation, period=source_period)]
        body = _SCHEMA_COMMENT.sub("", text)
        if schema is not None:
            body = annotate(body, schema.root)
        target.write_text("\n".join(header) + "\n" + body, encoding="utf-8")
    return source_period


def sample_period(pack: Workspace, sample: Variant) -> Period:
    """The pack's latest period with finished datasets for ``sample``: a period started in the
    pack with ``new-period`` (its figures still marked ``# 待更新``) is not an example."""
    for period in reversed(pack.periods()):
        files = dataset_files(pack, sample, period)
        if files and not any(TODO_MARK in f.read_text(encoding="utf-8-sig") for f in files):
            return period
    return pack.latest_period()


def annotate(text: str, spec: FieldSpec) -> str:
    """``text`` with a ``# meaning`` line above each key that the schema describes.

    Only keys that begin a line in block style are annotated, and none that already has a
    comment above it or after it, so the data read from the file stays exactly the same.
    """
    data = load_text(text, Path("annotate.yaml"), Problems())
    notes: dict[int, tuple[str, str]] = {}
    if isinstance(data, YMap):
        _collect(data, spec, lambda line, key, note: notes.setdefault(line, (key, note)))
    out: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        key, note = notes.get(number, ("", ""))
        stripped = line.lstrip(" ")
        previous = out[-1].lstrip() if out else ""
        commented = previous.startswith("#") or _TRAILING_COMMENT.search(stripped)
        if note and stripped.startswith(f"{key}:") and not commented:
            out.append(f"{line[: len(line) - len(stripped)]}# {note}")
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _collect(node: YMap, spec: FieldSpec, note: Callable[[int, str, str], object]) -> None:
    for key, value in node.items():
        child = spec.item if spec.type == "map" else spec.child(key)
        if child is None:
            continue
        if child.description:
            note(node.line_of(key), key, " ".join(child.description.split()))
        if child.type in ("record", "map") and isinstance(value, YMap):
            _collect(value, child, note)
