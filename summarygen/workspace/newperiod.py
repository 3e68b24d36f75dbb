"""Starting a period from the latest one: its dataset files copied as text, figures marked.

The files are copied line by line, so comments, order and layout stay as staff wrote them. Each
line that holds a figure (a quantity, amount, rate, percentage, number, date or change, found
through the area's schema; in files without a schema, any value with a digit) gets a trailing
``# 待更新`` comment, which ``check`` reports until it is deleted; with ``clear`` the figure is
blanked instead, and ``check`` reports it as empty until it is filled in. The new folder is
written under a temporary name and renamed into place; an existing period is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarygen.boundary import outside_message, within
from summarygen.data.schema import FieldSpec, SchemaSet
from summarygen.data.yamlio import YList, YMap, decode, load_text
from summarygen.errors import ConfigError, Problems
from summarygen.i18n import _
from summarygen.output import FolderAppeared, write_folder
from summarygen.termtable import display_width, pad
from summarygen.workspace.config import Workspace, load_workspace
from summarygen.workspace.datasets import TODO_MARK
from summarygen.workspace.period import Period, PeriodError

FIGURE_TYPES = ("quantity", "money", "rate", "percent", "number", "date", "change")
_DIGIT = re.compile(r"[0-9０-９]")
_LIST_ITEM = re.compile(r"^(\s*-)\s+\S")
_FLOW_ENTRY = re.compile(r"([{,]\s*[^\s:{},]+:)\s*([^,{}]*)")


@dataclass(frozen=True)
class NewPeriod:
    """What :func:`new_period` made."""

    period: Period
    source: Period
    folder: Path
    files: int
    figures: int
    cleared: bool
    problems: Problems = field(default_factory=Problems)
    """Warnings: files copied unchanged because their figures could not be marked safely,
    files that were not UTF-8."""
    needs_date: bool = False
    """The configuration gives the source period a 成文日期 but not the new one."""
    reason: str = ""
    """Why ``source`` was copied (in the user's language)."""


def new_period(root: Path, name: str, clear: bool = False,
               source: str | None = None) -> NewPeriod:
    """Create ``datasets/<name>/`` from ``source`` (default: the latest earlier period)."""
    workspace = load_workspace(root)
    period = _parse(name)
    target = workspace.datasets_dir / str(period)
    if target.exists():
        raise ConfigError(_("datasets/{period}/ already exists; new-period never overwrites a "
                            "period (delete or rename the folder first)").format(period=period),
                          key=_("the new period (P)"))
    origin, reason = _source(workspace, period, source)
    problems = Problems()
    contents: dict[Path, str] = {}
    figures = 0
    folder = workspace.datasets_dir / str(origin)
    for path in dataset_sources(folder):
        if not within(path, [root]):
            problems.error(outside_message(path), path)
            continue
        text, count = prepare(path, _schemas(workspace, path.parent, folder, problems),
                              clear, problems)
        if count < 0:
            problems.warn(_("the figures could not be marked safely; the file was copied "
                            "unchanged, check its figures by hand"),
                          target / path.relative_to(folder))
        contents[path.relative_to(folder)] = text
        figures += max(count, 0)
    problems.raise_if_failed(root=root)
    write_period(target, contents)
    dates = workspace.period_dates
    return NewPeriod(period, origin, target, len(contents), figures, clear, problems,
                     str(origin) in dates and str(period) not in dates, reason)


def _parse(name: str) -> Period:
    try:
        return Period.parse(name)
    except PeriodError as exc:
        raise ConfigError(str(exc), key=_("the new period (P)")) from None


def _source(workspace: Workspace, period: Period, name: str | None) -> tuple[Period, str]:
    """The period to copy and why: the one named; else the same kind of report a year earlier
    (its parts and wording fit best: last year's annual summary for this year's); else the
    latest period before ``period``; else the latest of all."""
    if name is not None:
        try:
            return workspace.period(name), _("named with --from")
        except ConfigError as exc:  # it names --period; here the option is --from
            raise ConfigError(exc.problem.message, key="--from") from None
    known = workspace.periods()
    if not known:
        raise ConfigError(_("there is no period under datasets/ to start from"))
    if period.previous_year() in known:
        return period.previous_year(), _("the same kind of report a year earlier")
    earlier = [p for p in known if p.sort_key < period.sort_key]
    if earlier:
        return earlier[-1], _("the latest period before {period}").format(period=period)
    return known[-1], _("the latest period (none comes before {period})").format(period=period)


def dataset_sources(folder: Path) -> list[Path]:
    """The YAML files of a period folder and of its variant folders, hidden files left out."""
    return sorted(p for p in folder.rglob("*.yaml")
                  if p.is_file() and not any(part.startswith(".")
                                             for part in p.relative_to(folder).parts))


def _schemas(workspace: Workspace, parent: Path, folder: Path,
             problems: Problems) -> SchemaSet:
    """The schemas for files in ``parent``: a variant folder's own templates come first."""
    folders = [workspace.templates]
    if parent != folder:
        for variant in workspace.variants.values():
            if variant.datasets == parent.name and variant.templates is not None:
                folders.insert(0, variant.templates)
                break
    return SchemaSet.load(folders, problems)


def prepare(path: Path, schemas: SchemaSet, clear: bool,
            problems: Problems) -> tuple[str, int]:
    """The new text of a dataset file and how many figures were marked or cleared.

    The count is -1 when the file is copied unchanged because marking it would change its data.
    """
    text = decode(path.read_bytes(), path, problems)
    if text is None:
        return "", 0
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    data = load_text(body, path, problems)
    if data is None:
        return text, 0
    spec = None
    if isinstance(data, YMap):
        schema = schemas.get(str(data.get("area") or path.stem))
        spec = schema.root if schema else None
    lines: set[int] = set()
    _visit(data, spec, lines)
    changed = rewrite(body, lines, clear)
    check = Problems()
    result = load_text(changed, path, check)
    if check.errors or (not clear and result != data):
        return text, -1
    return bom + changed, len(lines)


def _visit(node: Any, spec: FieldSpec | None, lines: set[int]) -> None:
    """Collect the lines of the figures under ``node``."""
    if isinstance(node, YMap):
        for key, value in node.items():
            child = _child(spec, key)
            _leaf(value, child, node.line_of(key), lines)
    elif isinstance(node, YList):
        for index, item in enumerate(node):
            _leaf(item, spec.item if spec else None, node.line_of(index), lines)


def _child(spec: FieldSpec | None, key: str) -> FieldSpec | None:
    if spec is None:
        return None
    if spec.type == "map":
        return spec.item
    return spec.child(key)


def _leaf(value: Any, spec: FieldSpec | None, line: int, lines: set[int]) -> None:
    kind = spec.type if spec else None
    if isinstance(value, (YMap, YList)):
        if kind in FIGURE_TYPES:  # a change written as a block: its from/to lines
            _visit(value, None, lines)
        elif kind == "points":
            for item in value if isinstance(value, YList) else []:
                values = item.get("values") if isinstance(item, YMap) else None
                if isinstance(values, YMap):
                    lines.update(values.line_of(k) for k in values)
        elif kind not in ("texts", "text"):
            _visit(value, spec if kind in ("record", "map", "list") else None, lines)
    elif value is not None and (kind in FIGURE_TYPES or (
            spec is None and _DIGIT.search(str(value)))):
        lines.add(line)


def rewrite(text: str, lines: set[int], clear: bool) -> str:
    """``text`` with each of ``lines`` marked ``# 待更新`` or, with ``clear``, its value blanked."""
    out = []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        if number in lines:
            ending = line[len(line.rstrip("\r\n")):]
            line = (blank(line.rstrip("\r\n")) if clear else mark(line.rstrip("\r\n"))) + ending
        out.append(line)
    return "".join(out)


def mark(line: str) -> str:
    """``people: 3258人`` → ``people: 3258人  # 待更新``;
    ``x: 1人   # 注`` → ``x: 1人   # 待更新；注`` (the comment keeps its column)."""
    code, comment = split_comment(line)
    if TODO_MARK in comment:
        return line
    kept = comment.lstrip("#").strip()
    if not kept:
        return f"{code.rstrip()}  # {TODO_MARK}"
    return f"{code}# {TODO_MARK}；{kept}"  # the comment stays in its column


def blank(line: str) -> str:
    """``people: 3258人`` → ``people:``; ``- 3258人`` → ``-``; in a flow mapping only the values
    with digits (``{name: 百岁老人, people: 14人}`` → ``{name: 百岁老人, people: }``); a comment
    stays in its column."""
    code, comment = split_comment(line)
    kept = comment.lstrip("#").strip().removeprefix(TODO_MARK).lstrip("；; ")
    colon = _key_end(code)
    item = _LIST_ITEM.match(code)
    head = code[:colon + 1] if colon > 0 else (item.group(1) if item else code)
    value = code[len(head):]
    if value.strip().startswith("{"):
        head += _FLOW_ENTRY.sub(_blank_entry, value.rstrip())
    if not kept:
        return head
    return pad(head, max(display_width(code), display_width(head) + 2)) + f"# {kept}"


def _blank_entry(match: re.Match[str]) -> str:
    return match.group(1) + " " if _DIGIT.search(match.group(2)) else match.group(0)


def split_comment(line: str) -> tuple[str, str]:
    """A line's YAML and its ``# comment`` (a ``#`` after a space, outside quotes)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or line[index - 1] in " :-[{,"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index], line[index:]
    return line, ""


def _key_end(code: str) -> int:
    """The index of the colon that ends a line's key (``key: value``), or -1."""
    for index, char in enumerate(code):
        if char in "\"'{[":
            return -1
        if char == ":" and (index + 1 == len(code) or code[index + 1] in " \t"):
            return index
    return -1


def write_period(target: Path, contents: dict[Path, str]) -> None:
    """Write the new period folder whole, under a temporary name renamed into place."""
    try:
        write_folder(target, {path: text.encode("utf-8") for path, text in contents.items()})
    except FolderAppeared:
        raise ConfigError(_("datasets/{period}/ appeared meanwhile; it is left as it is")
                          .format(period=target.name)) from None

