"""Loading a variant's datasets for a period, validated against the pack's schemas.

The files of ``datasets/<period>/`` are shared by every variant; a variant's own folder
``datasets/<period>/<variant>/`` adds files and replaces shared ones of the same name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from summarygen.boundary import outside_message, within
from summarygen.data.records import Record
from summarygen.data.schema import SchemaSet, parse_rules
from summarygen.data.validate import (
    Prose,
    Validator,
    check_rule_paths,
    check_rules,
    colon_hint,
)
from summarygen.data.yamlio import YMap, load_file
from summarygen.data.yamlsyntax import split_lines
from summarygen.errors import Problems
from summarygen.i18n import _
from summarygen.workspace.config import Variant, Workspace
from summarygen.workspace.period import Period
from summarygen.workspace.wording import Setting, scan

TODO_MARK = "待更新"
"""The comment ``new-period`` puts after each figure copied from the previous period."""
_TODO = re.compile(r"#\s*" + TODO_MARK)


@dataclass(frozen=True)
class Datasets:
    """A variant's data for one period: area name → typed record, in file-name order."""

    period: Period
    areas: dict[str, Record]
    files: tuple[Path, ...]
    """Every file read, for archives and watching."""

    def as_record(self) -> Record:
        return Record(dict(self.areas), label=f"datasets/{self.period}")


class Listing:
    """The ``*.yaml`` files of dataset folders, each folder listed once for a build: a period's
    folder holds, besides the shared files, a folder for each variant, thousands in a batch, and
    listing it again for each variant made a batch's time grow with the square of its size."""

    def __init__(self) -> None:
        self._files: dict[Path, list[Path]] = {}

    def yaml_files(self, folder: Path) -> list[Path]:
        if folder not in self._files:
            self._files[folder] = yaml_files(folder)
        return self._files[folder]


def yaml_files(folder: Path) -> list[Path]:
    """``sorted(folder.glob("*.yaml"))``, without matching each name in Python (the case of the
    name ignored where the system ignores it, as ``glob`` does)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries
                          if os.path.normcase(entry.name).endswith(".yaml"))
    except OSError:  # gone meanwhile, or not readable: as glob, nothing
        return []


def dataset_files(workspace: Workspace, variant: Variant, period: Period,
                  problems: Problems | None = None, listing: Listing | None = None
                  ) -> list[Path]:
    """The files that make up a variant's data, the variant's own replacing shared ones.
    A link leading outside the workspace is left out (and reported to ``problems``).
    ``listing`` keeps the folders listed by earlier calls of the same build."""
    folder = workspace.datasets_dir / str(period)
    chosen: dict[str, Path] = {}
    for source in (folder, folder / variant.datasets):
        if source.is_dir():
            for path in (listing.yaml_files(source) if listing else yaml_files(source)):
                if not within(path, [workspace.root]):
                    if problems is not None:
                        problems.error(outside_message(path), path)
                    continue
                if path.is_file():
                    chosen[path.name] = path
    return [chosen[name] for name in sorted(chosen)]


def load_datasets(workspace: Workspace, variant: Variant, period: Period, schemas: SchemaSet,
                  problems: Problems, listing: Listing | None = None) -> Datasets:
    """Every dataset of ``variant`` for ``period``, validated; problems go to ``problems``.
    ``listing`` keeps the folders listed by earlier calls of the same build."""
    files = dataset_files(workspace, variant, period, problems, listing)
    if not files:
        problems.error(_("no dataset files for variant “{variant}” in datasets/{period}/")
                       .format(variant=variant.name, period=period),
                       workspace.datasets_dir / str(period))
    areas: dict[str, Record] = {}
    prose: list[Prose] = []
    before = earlier_files(workspace, variant, period, listing)
    for path in files:
        record = load_dataset(path, schemas, problems, prose)
        if record is not None and "title" not in record and path.name in before:
            warn_lost_title(path, before[path.name], schemas, problems)
        if record is not None:
            area = record.area if "area" in record else path.stem
            areas[area] = record
    problems.extend(scan(prose, setting_of(workspace, variant, period)))
    return Datasets(period, areas, tuple(files))


def setting_of(workspace: Workspace, variant: Variant, period: Period) -> Setting:
    """What the wording checks need to know of the report being built."""
    org = variant.organisation
    return Setting(variant.name, org.level, dict(org.terms), period,
                   frozenset(workspace.wording_allow))


def earlier_files(workspace: Workspace, variant: Variant, period: Period,
                  listing: Listing | None = None) -> dict[str, Path]:
    """The variant's dataset files of the period before ``period`` (by file name), if any."""
    earlier = [p for p in workspace.periods() if p.sort_key < period.sort_key]
    if not earlier:
        return {}
    return {path.name: path for path in dataset_files(workspace, variant, earlier[-1],
                                                      listing=listing)}


def warn_lost_title(path: Path, before: Path, schemas: SchemaSet, problems: Problems) -> None:
    """A file without ``title:`` whose previous period's file had one: the heading would change
    to the pack's default without a word, so say so."""
    raw = load_file(before, Problems())
    title = raw.get("title") if isinstance(raw, YMap) else None
    schema = schemas.get(str(raw.get("area") or path.stem)) if isinstance(raw, YMap) else None
    if not isinstance(title, str) or not title or schema is None or title == schema.title:
        return
    problems.warn(_("there is no “title:”, so the heading is the template pack's default "
                    "“{default}”; the previous period's file had “title: {title}”: write it "
                    "again if the heading should stay").format(default=schema.title,
                                                               title=title), path, 1, "title")


def load_dataset(path: Path, schemas: SchemaSet, problems: Problems,
                 prose: list[Prose] | None = None) -> Record | None:
    """One dataset file, typed by the schema of its area (its ``area:`` or its file name); its
    narrative texts are added to ``prose``, for the wording checks."""
    own = Problems()
    raw = load_file(path, own)
    problems.extend(own)
    if raw is None or raw == {}:
        if not own.errors:
            problems.error(_("the file is empty; fill it in or delete it"), path)
        return None
    if not isinstance(raw, YMap):
        problems.error(_("a dataset must be named fields (key: value), not a list or a text")
                       + colon_hint(raw), path, 1)
        return None
    area = str(raw.get("area") or path.stem)
    schema = schemas.get(area)
    if schema is None:
        known = "、".join(sorted(schemas.schemas)) or "-"
        problems.error(_("no schema for the work area “{area}” (templates/schemas/{area}.yaml); "
                         "areas of this template pack: {known}").format(area=area, known=known),
                       path, raw.line_of("area") or 1)
        return None
    validator = Validator(path, problems)
    record = validator.record(raw, schema.root)
    if prose is not None:
        prose.extend(validator.prose)
    # The validator has reported mistakes in “checks:” already; read what is usable of it.
    rules = schema.rules + parse_rules(raw.get("checks"), path, Problems())
    check_rule_paths(rules, schema.root, problems)
    check_rules(record, rules, problems, schema.root)
    warn_todo_marks(path, problems)
    return record


def warn_todo_marks(path: Path, problems: Problems) -> None:
    """Warn at each figure still marked ``# 待更新``: it is the previous period's figure."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(split_lines(text), 1):  # as editors count lines
        if "#" not in line and TODO_MARK not in line:  # neither a mark nor what is left of one
            continue
        if _TODO.search(line):
            problems.warn(todo_message(), path, number)
            continue
        left = mark_remains(line)
        if left is not None:
            problems.warn(_("the mark “# {mark}” was partly deleted; “{left}” is left on the "
                            "line. If the figure is updated, delete what is left; if not, "
                            "write “# {mark}” again").format(mark=TODO_MARK, left=left),
                          path, number)


_COMMENT = re.compile(r"(?:^|\s)(#.*)$")
_FRAGMENTS = {TODO_MARK[i:j] for i in range(len(TODO_MARK))
              for j in range(i + 2, len(TODO_MARK) + 1)} - {TODO_MARK} | {TODO_MARK[0]}
"""What deleting part of 待更新 leaves: 待更, 更新, 待 (not 新 or 更: comments of their own)."""


def mark_remains(line: str) -> str | None:
    """What is left of a partly deleted ``# 待更新`` on a line holding a value, or ``None``.

    ``x: 3人  # 待更`` → ``# 待更``; ``x: 3人  #`` → ``#``; ``x: 3人  # 更新；注`` → ``# 更新``;
    ``x: 3人  待更新`` (the ``#`` deleted, so the word is read as part of the value) → ``待更新``.
    A comment of its own line, or any other comment, is not a mark.
    """
    match = _COMMENT.search(line)
    code = line[:match.start(1)] if match else line
    if not code.strip() or code.lstrip().startswith("#"):
        return None
    if match is None:
        return TODO_MARK if code.rstrip().endswith(TODO_MARK) else None
    comment = match.group(1)
    first = comment[1:].strip().split("；", 1)[0].strip()
    if first == "" and comment[1:].strip() == "":
        return "#"
    if first in _FRAGMENTS:
        return comment.split("；", 1)[0].rstrip()
    return None


def todo_message() -> str:
    """The warning at a figure still marked ``# 待更新`` (archive and check count them)."""
    return _("this figure is still marked “# {mark}”: it was copied from the previous period; "
             "update it and delete the mark").format(mark=TODO_MARK)
