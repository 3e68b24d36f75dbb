"""What templates see: ``org``, ``period``, ``data``, ``areas``, ``titles`` and ``prev``
(last year's figures for the same period, from ``datasets/`` or the archive)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from summarygen.data.records import Record
from summarygen.data.schema import SchemaSet
from summarygen.data.values import CnDate
from summarygen.errors import Problem, Problems, Severity
from summarygen.i18n import N_, _
from summarygen.workspace.config import Variant, Workspace
from summarygen.workspace.datasets import Datasets, load_datasets
from summarygen.workspace.period import Period
from summarygen.workspace.revisions import latest_revision


def period_record(period: Period, date: dt.date) -> Record:
    """``period`` in templates: its year and half, dates, and the words reports use for it
    (``period.title`` 2026年上半年工作总结及下半年工作安排, ``period.summary``, ``period.plan``,
    ``period.now``, ``period.since``, ``period.next``, ``period.before``: see
    :data:`summarygen.workspace.period.WORDS`)."""
    return Record({
        **period.words(), "annual": period.is_annual,
        "id": str(period), "year": period.year, "half": period.half, "label": period.label,
        "kind": period.kind, "start": CnDate(period.start.month, period.start.year,
                                             period.start.day),
        "end": CnDate(period.end.month, period.end.year, period.end.day),
        "date": CnDate(date.month, date.year, date.day),
    }, label=N_("the period’s words “period”"))


def make_context(workspace: Workspace, period: Period, variant: Variant, data: Datasets,
                 schemas: SchemaSet, date: dt.date, env: Any) -> dict[str, Any]:
    """What templates see: ``org``, ``period``, ``data``, ``areas``, ``titles``, ``prev``."""
    context: dict[str, Any] = {
        "org": variant.organisation.as_record(),
        "period": period_record(period, date),
        "data": data.as_record(),
        "areas": list(data.areas),
        "titles": Record({k: v.title for k, v in schemas.schemas.items()},
                         label=N_("the area titles “titles”")),
    }
    context["prev"] = previous_data(workspace, period, variant, schemas, env)
    return context


def previous_root(workspace: Workspace, period: Period) -> tuple[Path, str] | None:
    """Where the figures of ``period`` are kept, and how to name that place in messages:
    the workspace's ``datasets/<P>/`` first, else the newest archived revision of ``P``."""
    if (workspace.datasets_dir / str(period)).is_dir():
        return workspace.root, f"datasets/{period}/"
    revision = latest_revision(workspace.root, period)
    if revision is not None and (revision.path / "datasets" / str(period)).is_dir():
        return revision.path, revision.label + "/"
    return None


def previous_data(workspace: Workspace, period: Period, variant: Variant,
                  schemas: SchemaSet, env: Any) -> Any:
    """Last year's data for the same period (from ``datasets/`` or the archive), or an undefined
    value that says why there is none."""
    previous = period.previous_year()
    found = previous_root(workspace, previous)
    if found is None:
        return env.undefined(hint=_("there are no figures for the same period last year "
                                    "({period}): neither datasets/{period}/ nor "
                                    "archive/{period}/ exists").format(period=previous),
                             name="prev")
    root, where = found
    own = Problems()
    data = load_datasets(replace(workspace, root=root), variant, previous, schemas, own)
    if own.errors:
        first = own.errors[0].format(workspace.root)
        return env.undefined(hint=_("last year's figures ({period}, {source}) cannot be used: "
                                    "{problem}").format(period=previous, source=where,
                                                        problem=first), name="prev")
    marked = [Problem(_("last year's data: {message}").format(message=p.message), p.path,
                      p.line, p.key, Severity.WARNING) for p in own.warnings]
    return LastYear(dict(data.areas), label=f"datasets/{previous}", warnings=marked)


class LastYear(Record):
    """Last year's data as templates see it (``prev``), remembering whether a template used it,
    and the warnings found in it: they are shown (once, marked as last year's) only when used."""

    __slots__ = ("_used", "_warnings")

    def __init__(self, fields: dict[str, Any], label: str, warnings: list[Problem]) -> None:
        super().__init__(fields, label=label)
        self._used = False
        self._warnings = warnings

    def __getitem__(self, name: str) -> Any:
        self._used = True
        return super().__getitem__(name)

    def __contains__(self, name: object) -> bool:
        self._used = True
        return super().__contains__(name)


def last_year_warnings(context: dict[str, Any]) -> list[Problem]:
    """The warnings in last year's data, if the templates used it while rendering."""
    prev = context.get("prev")
    if isinstance(prev, LastYear) and prev._used:
        return list(prev._warnings)
    return []
