"""Comparing two periods: their figures key by key, then their rendered text paragraph by
paragraph, shown so that a person sees what changed.

Each period is read where ``build`` would read it, the workspace's ``datasets/<P>/``, or else from
its newest archived revision (which brings its own templates). Figures with a comparable unit are
shown by area under the labels of their schemas: old → new, change and change in per cent
(rounded half-up to one decimal); other values are listed as changed, added or removed. Only what
changed is shown unless every figure is asked for. The text is compared as
:func:`~summarygen.writer.text.to_text` writes it, one paragraph per line; each changed paragraph
is written once with its changed words marked (see :mod:`summarygen.archive.inline`). The result
is printed for a terminal or as Markdown, to paste into a report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from summarygen.archive.inline import (
    MARKDOWN,
    TERMINAL,
    Edit,
    Marks,
    changed_paragraphs,
    marked,
    shortened,
)
from summarygen.build import Session, build_report, open_session, previous_root
from summarygen.data.records import Point, Record
from summarygen.data.schema import FieldSpec, short_label
from summarygen.data.values import (
    MONEY_UNITS,
    Change,
    Quantity,
    exact_sum,
    format_decimal_plain,
    shift,
)
from summarygen.errors import ConfigError, Problems
from summarygen.i18n import _
from summarygen.termtable import table
from summarygen.workspace.config import Variant, load_workspace
from summarygen.workspace.datasets import dataset_files, load_datasets
from summarygen.workspace.period import Period, PeriodError
from summarygen.writer.text import to_text

PROSE = ("area", "title", "intro", "points", "checks")
"""Fields of every area that are prose, not figures: the text comparison shows them."""
REPORT_AREA = "report"
"""The report's title, opening and parts (``report.yaml``): no figures."""


@dataclass(frozen=True)
class Side:
    """One period of a comparison and where its data is read from."""

    period: Period
    root: Path
    source: str
    """``datasets/2024-H1/`` or ``archive/2024-H1/r1/``, as the output names it."""


@dataclass(frozen=True)
class Leaf:
    """A value at a dotted key, named as the schema describes it."""

    names: tuple[str, ...]
    """The value and the records holding it, each by its schema description (its key where the
    schema gives none): ``("特困人员供养", "特困人员总数")``."""
    value: Any

    @property
    def label(self) -> str:
        """The name shown to the user: ``特困人员供养·特困人员总数``."""
        return "·".join(self.names)


@dataclass(frozen=True)
class Row:
    """A figure in both periods: its key and label, old and new as typed, the change."""

    key: str
    label: str
    old: str
    new: str
    change: str
    percent: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class AreaDiff:
    """The figures of one work area in two periods."""

    area: str
    title: str
    rows: list[Row]
    others: list[str]
    """Values that changed, appeared or disappeared, one line each."""


@dataclass(frozen=True)
class VariantDiff:
    """One variant's figures and text in two periods."""

    variant: str
    areas: list[AreaDiff]
    text: list[Edit]
    """The paragraphs that changed."""
    notes: list[str] = field(default_factory=list)
    """Why the text (or anything) could not be compared."""


@dataclass(frozen=True)
class Comparison:
    old: Side
    new: Side
    variants: list[VariantDiff] = field(default_factory=list)


def locate(root: Path, name: str, key: str = "") -> Side:
    """Where the figures of period ``name`` are: ``datasets/`` first, then the archive.

    ``key`` names the argument in messages (“第一个报告期” for ``P1``).
    """
    try:
        period = Period.parse(name)
    except PeriodError as exc:
        raise ConfigError(str(exc), key=key or None) from None
    workspace = load_workspace(root)
    found = previous_root(workspace, period)
    if found is None:
        raise ConfigError(_("there are no figures for {period}: neither datasets/{period}/ nor "
                            "archive/{period}/ exists").format(period=period), key=key or None)
    return Side(period, found[0], found[1])


def compare_periods(root: Path, first: str, second: str,
                    variants: tuple[str, ...] = ()) -> Comparison:
    """Compare period ``first`` (old) with ``second`` (new) for the variants named, or all."""
    old, new = (locate(root, first, _("the first period (P1)")),
                locate(root, second, _("the second period (P2)")))
    old_session = open_session(old.root, (), str(old.period))
    new_session = open_session(new.root, variants, str(new.period))
    comparison = Comparison(old, new)
    for variant in new_session.variants:
        comparison.variants.append(compare_variant(old_session, new_session, variant))
    return comparison


def compare_variant(old: Session, new: Session, variant: Variant) -> VariantDiff:
    """One variant in both periods; a period without its data is said so, not an error."""
    old_variant = old.workspace.variants.get(variant.name)
    for session, chosen in ((old, old_variant), (new, variant)):
        if chosen is None or not dataset_files(session.workspace, chosen, session.period):
            note = _("{period} has no figures for the variant “{variant}”; nothing to compare")
            return VariantDiff(variant.name, [], [], [note.format(period=session.period,
                                                                  variant=variant.name)])
    assert old_variant is not None
    figures = compare_figures(_load(old, old_variant), _load(new, variant), old.period, new,
                              variant)
    changes, notes = compare_text(old, old_variant, new, variant)
    return VariantDiff(variant.name, figures, changes, notes)


def _load(session: Session, variant: Variant) -> dict[str, Record]:
    problems = Problems()
    data = load_datasets(session.workspace, variant, session.period, session.schemas(variant),
                         problems)
    problems.raise_if_failed(root=session.workspace.root)
    return data.areas


def compare_figures(old: dict[str, Record], new: dict[str, Record], old_period: Period,
                    session: Session, variant: Variant) -> list[AreaDiff]:
    """Every area of either period, figure by figure; an area of one period only in one line."""
    schemas = session.schemas(variant)
    result = []
    for area in [*new, *(a for a in old if a not in new)]:
        if area == REPORT_AREA:  # titles and structure: the text comparison shows them
            continue
        schema = schemas.get(area)
        title = schema.title if schema else area
        if area not in old or area not in new:
            only = _("only {period} has figures for this area").format(
                period=session.period if area in new else old_period)
            result.append(AreaDiff(area, title, [], [only]))
            continue
        spec = schema.root if schema else None
        rows, others = _compare_leaves(leaves(old[area], spec), leaves(new[area], spec))
        if rows or others:
            result.append(AreaDiff(area, title, rows, others))
    return result


def leaves(record: Record, spec: FieldSpec | None) -> dict[str, Leaf]:
    """The values of an area by dotted key (``extremely_poor.people``), prose left out."""
    found: dict[str, Leaf] = {}
    for name in record:
        if name not in PROSE:
            child = spec.child(name) if spec else None
            _walk(record[name], child, name, (_name(child, name),), found)
    return found


def _name(spec: FieldSpec | None, key: str) -> str:
    """A field as the user reads it: its schema description, shortened, else its key."""
    return short_label(spec.description) if spec and spec.description else key


def _walk(value: Any, spec: FieldSpec | None, key: str, names: tuple[str, ...],
          found: dict[str, Leaf]) -> None:
    if isinstance(value, Point) or (spec is not None and spec.type in ("points", "texts")):
        return
    if isinstance(value, Record):
        for name in value:
            is_map = spec is not None and spec.type == "map"
            child = spec.item if spec and is_map else (spec.child(name) if spec else None)
            # a map's keys are the user's own names (乡镇, 机构): they name the entry
            _walk(value[name], child, f"{key}.{name}",
                  (*names, name if is_map else _name(child, name)), found)
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            numbered = (*names[:-1], _("{name} (item {index})").format(name=names[-1],
                                                                       index=index))
            _walk(item, spec.item if spec else None, f"{key}[{index}]", numbered, found)
    elif value is not None:
        found[key] = Leaf(names, value)


def _compare_leaves(old: dict[str, Leaf], new: dict[str, Leaf]
                    ) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    added, removed = _whole_groups(new, old), _whole_groups(old, new)
    others = [_("added: {key} ({count} values)").format(key=_group(new, k), count=n)
              for k, n in added.items()]
    others += [_("removed: {key} ({count} values)").format(key=_group(old, k), count=n)
               for k, n in removed.items()]
    grouped = {*added, *removed}
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key), new.get(key)
        if _top(key) in grouped and (before is None or after is None):
            continue
        if before is None and after is not None:
            others.append(_("added: {key}: {new}").format(key=after.label,
                                                            new=show(after.value)))
        elif after is None and before is not None:
            others.append(_("removed: {key}: was {old}").format(key=before.label,
                                                                old=show(before.value)))
        elif before is not None and after is not None:
            if _comparable(before.value, after.value):
                rows.append(Row(key, after.label, show(before.value), show(after.value),
                                *difference(before.value, after.value)))
            elif before.value != after.value:
                others.append(_("changed: {key}: was {old}, now {new}").format(
                    key=after.label, old=show(before.value), new=show(after.value)))
    return rows, others


def _group(leaves: dict[str, Leaf], top: str) -> str:
    """The name of the group ``top`` (a whole record added or removed)."""
    return next(leaf.names[0] for key, leaf in leaves.items() if _top(key) == top)


def _top(key: str) -> str:
    """The first part of a dotted key: ``rural_dibao`` of ``rural_dibao.people``."""
    return re.split(r"[.\[]", key, maxsplit=1)[0]


def _whole_groups(these: dict[str, Leaf], other: dict[str, Leaf]) -> dict[str, int]:
    """Groups of several values that only ``these`` has (a whole new record), with their size;
    they are listed in one line each rather than value by value."""
    counts: dict[str, int] = {}
    for key in these:
        counts[_top(key)] = counts.get(_top(key), 0) + 1
    present = {_top(key) for key in other}
    return {top: count for top, count in counts.items() if count > 1 and top not in present}


def _comparable(old: Any, new: Any) -> bool:
    return (isinstance(old, Quantity) and isinstance(new, Quantity)
            and old.comparable()[0] == new.comparable()[0])


def show(value: Any) -> str:
    """A value as the user typed it."""
    if isinstance(value, Change):
        return f"{value.old}→{value.new}"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_decimal_plain(value)
    return str(value)


def difference(old: Quantity, new: Quantity) -> tuple[str, str]:
    """The change in the new figure's unit and in per cent of the old (``—`` when undefined).

    Percentages change by percentage points; approximate figures (约, 余) give an approximate
    change.
    """
    base_old, base_new = old.comparable()[1], new.comparable()[1]
    if old.unit == new.unit:
        change = exact_sum([new.number, -old.number])
    else:  # 元 and 万元: subtract in the base unit, then write in the new figure's unit
        change = shift(exact_sum([base_new, -base_old]), -_power(new)).normalize()
    unit = _("percentage points") if new.unit == "%" else new.unit
    sign = "+" if change > 0 else ""
    text = f"{sign}{format_decimal_plain(change)}{unit}"
    if not (old.exact and new.exact):
        text = "约" + text
    if new.unit == "%" or base_old == 0:
        return text, "—"
    return text, _percent(Fraction(base_new - base_old) * 100 / Fraction(base_old))


def _power(q: Quantity) -> int:
    """The power of ten of a unit over its base unit (万元 → 4, 万人次 → 4, 户 → 0)."""
    if q.is_money:
        return MONEY_UNITS[q.unit]
    return 4 if q.unit.startswith("万") and len(q.unit) > 1 else 0


def _percent(value: Fraction) -> str:
    """A ratio in per cent, rounded half-up (away from zero on a tie) to one decimal."""
    tenths = math.floor(abs(value) * 10 + Fraction(1, 2))
    number = Decimal(tenths).scaleb(-1)
    if tenths == 0:
        return "0.0%"
    return ("+" if value > 0 else "-") + format_decimal_plain(number) + "%"


def compare_text(old_session: Session, old_variant: Variant, new_session: Session,
                 new_variant: Variant) -> tuple[list[Edit], list[str]]:
    """The paragraphs that changed between the two rendered reports, or why a report could
    not be rendered."""
    old_text, old_note = _render(old_session, old_variant)
    new_text, new_note = _render(new_session, new_variant)
    notes = [note for note in (old_note, new_note) if note]
    if notes:
        return [], notes
    return changed_paragraphs(old_text.splitlines(), new_text.splitlines()), []


def _render(session: Session, variant: Variant) -> tuple[str, str]:
    known = len(session.problems.errors)
    report = build_report(session, variant)
    errors = session.problems.errors[known:] or session.problems.errors[-1:]
    if report is None:
        first = errors[0].format(session.workspace.root) if errors else "-"
        return "", _("the text of {period} cannot be compared, its report does not build: "
                     "{problem}").format(period=session.period, problem=first)
    return to_text(report.document), ""


# --- showing it ------------------------------------------------------------------------------


def shown_rows(area: AreaDiff, every: bool) -> list[Row]:
    return [row for row in area.rows if every or row.changed]


def text_lines(change: Edit, marks: Marks, every: bool) -> str:
    """One changed paragraph: its number, then its wording with the changes marked."""
    if change.old is not None and change.new is not None:
        return _("paragraph {number}: {text}").format(
            number=change.number, text=marked(change.old, change.new, marks, every))
    if change.new is not None:
        text = change.new if every else shortened(change.new)
        return _("paragraph {number} added: {text}").format(number=change.number, text=text)
    assert change.old is not None
    text = change.old if every else shortened(change.old)
    return _("paragraph {number} removed: {text}").format(number=change.number, text=text)


def format_comparison(comparison: Comparison, every: bool = False) -> list[str]:
    """The comparison as lines for a terminal: per variant the figures that changed by area
    (every figure if ``every``), then the paragraphs that changed with their words marked."""
    old, new = comparison.old, comparison.new
    lines = [_("{old} ({old_source}) compared with {new} ({new_source})").format(
        old=old.period, old_source=old.source, new=new.period, new_source=new.source)]
    header = [_("item"), str(old.period), "", str(new.period), _("change"), _("change %")]
    for variant in comparison.variants:
        lines += ["", f"== {variant.variant} =="]
        if not (variant.areas or variant.text):  # nothing to compare: the notes say why
            lines += variant.notes
            continue
        lines += ["", _("[figures]")]
        shown = [(area, shown_rows(area, every)) for area in variant.areas]
        shown = [(area, rows) for area, rows in shown if rows or area.others]
        if not shown:
            lines.append("  " + (_("no figures") if not variant.areas else _("no change")))
        for area, rows in shown:
            lines.append(area.title)
            if rows:
                cells = [[r.label, r.old, "→", r.new, r.change, r.percent] for r in rows]
                lines += table(header, cells, right=(1, 3, 4, 5), indent="  ")
            lines += ["  " + other for other in area.others]
        lines += ["", _("[text]"), *variant.notes]
        if not variant.text and not variant.notes:
            lines.append(_("the text is the same"))
        lines += [text_lines(change, TERMINAL, every) for change in variant.text]
    return lines


def format_markdown(comparison: Comparison, every: bool = False) -> list[str]:
    """The comparison as Markdown: a table of figures per area, the changed paragraphs as a
    list with deleted words struck through and inserted ones in bold."""
    old, new = comparison.old, comparison.new
    lines = ["# " + _("{old} compared with {new}").format(old=old.period, new=new.period)]
    for variant in comparison.variants:
        lines += ["", f"## {variant.variant}", ""]
        if not (variant.areas or variant.text):
            lines += variant.notes
            continue
        for area in variant.areas:
            rows = shown_rows(area, every)
            if not rows and not area.others:
                continue
            lines += [f"### {area.title}", ""]
            if rows:
                lines += [f"| {_('item')} | {old.period} | {new.period} | {_('change')} | "
                          f"{_('change %')} |", "| --- | ---: | ---: | ---: | ---: |"]
                lines += [f"| {r.label} | {r.old} | {r.new} | {r.change} | {r.percent} |"
                          for r in rows]
                lines.append("")
            lines += [f"- {other}" for other in area.others]
            if area.others:
                lines.append("")
        lines += [f"### {_('[text]').strip('【】[]')}", "", *variant.notes]
        if not variant.text and not variant.notes:
            lines.append(_("the text is the same"))
        lines += [f"- {text_lines(change, MARKDOWN, every)}" for change in variant.text]
    return lines
