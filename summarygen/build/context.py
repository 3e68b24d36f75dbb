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
from summarygen.workspace.datasets import Datasets, Listing, load_datasets
from summarygen.workspace.period import Period


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
                 schemas: SchemaSet, date: dt.date, env: Any,
                 listing: Listing | None = None) -> dict[str, Any]:
    """What templates see: ``org``, ``period``, ``data``, ``areas``, ``titles``, ``prev`` and,
    in an annual report, ``h1`` (the same year's first half)."""
    context: dict[str, Any] = {
        "org": variant.organisation.as_record(),
        "period": period_record(period, date),
        "data": data.as_record(),
        "areas": list(data.areas),
        "titles": Record({k: v.title for k, v in schemas.schemas.items()},
                         label=N_("the area titles “titles”")),
    }
    context["prev"] = previous_data(workspace, period, variant, schemas, env, listing)
    context["h1"] = first_half_data(workspace, period, variant, schemas, env, listing)
    return context


def previous_root(workspace: Workspace, period: Period) -> tuple[Path, str] | None:
    """Where the figures of ``period`` are kept, and how to name that place in messages:
    the workspace's ``datasets/<P>/`` first, else the newest archived revision of ``P``."""
    if (workspace.datasets_dir / str(period)).is_dir():
        return workspace.root, f"datasets/{period}/"
    from summarygen.workspace.revisions import latest_revision  # the archive, seldom needed

    revision = latest_revision(workspace.root, period)
    if revision is not None and (revision.path / "datasets" / str(period)).is_dir():
        return revision.path, revision.label + "/"
    return None


def previous_data(workspace: Workspace, period: Period, variant: Variant,
                  schemas: SchemaSet, env: Any, listing: Listing | None = None) -> Any:
    """Last year's data for the same period (from ``datasets/`` or the archive), or an undefined
    value that says why there is none."""
    previous = period.previous_year()
    missing = _("there are no figures for the same period last year ({period}): neither "
                "datasets/{period}/ nor archive/{period}/ exists").format(period=previous)
    unusable = _("last year's figures ({period}, {source}) cannot be used: {problem}")
    return period_data(workspace, previous, variant, schemas, env, "prev", (missing, unusable),
                       listing)


def first_half_data(workspace: Workspace, period: Period, variant: Variant,
                    schemas: SchemaSet, env: Any, listing: Listing | None = None) -> Any:
    """For an annual report, the same year's first half (from ``datasets/`` or the archive),
    or an undefined value that says why there is none."""
    half = period.first_half()
    if half is None:
        return env.undefined(hint=_("h1 (the first half of the year) is only there in an "
                                    "annual report; this report is for {period}").format(
            period=period), name="h1")
    missing = _("there are no figures for the first half of the year ({period}): neither "
                "datasets/{period}/ nor archive/{period}/ exists").format(period=half)
    unusable = _("the first half's figures ({period}, {source}) cannot be used: {problem}")
    return period_data(workspace, half, variant, schemas, env, "h1", (missing, unusable), listing)


def period_data(workspace: Workspace, period: Period, variant: Variant, schemas: SchemaSet,
                env: Any, name: str, messages: tuple[str, str],
                listing: Listing | None = None) -> Any:
    """The data of another ``period`` for ``variant``, as the template context's ``name``, or an
    undefined value saying why not: ``messages`` are the hint when there is none and the
    format of the hint when it does not load."""
    missing, unusable = messages
    found = previous_root(workspace, period)
    if found is None:
        return env.undefined(hint=missing, name=name)
    root, where = found
    own = Problems()
    data = load_datasets(replace(workspace, root=root), variant, period, schemas, own, listing)
    if own.errors:
        first = own.errors[0].format(workspace.root)
        return env.undefined(hint=unusable.format(period=period, source=where, problem=first),
                             name=name)
    marker = (_("last year's data: {message}") if name == "prev"
              else _("the first half's data: {message}"))
    marked = [Problem(marker.format(message=p.message), p.path, p.line, p.key, Severity.WARNING)
              for p in own.warnings]
    return OtherPeriod(dict(data.areas), label=f"datasets/{period}", warnings=marked)


class OtherPeriod(Record):
    """Another period's data as templates see it (``prev``, ``h1``), remembering whether a
    template used it, and the warnings found in it: they are shown (once, marked as that
    period's) only when its data is used."""

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


def other_period_warnings(context: dict[str, Any]) -> list[Problem]:
    """The warnings in last year's (or the first half's) data, if the templates used it."""
    found: list[Problem] = []
    for name in ("prev", "h1"):
        value = context.get(name)
        if isinstance(value, OtherPeriod) and value._used:
            found.extend(value._warnings)
    return found
