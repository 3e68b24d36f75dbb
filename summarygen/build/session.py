"""Building reports: workspace → datasets → templates → markup → document tree → files.

Everything is gathered and checked first; files are written only when every report of the build
succeeded, so a failed build leaves ``out/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from summarygen.build.context import make_context, other_period_warnings
from summarygen.data.records import Record
from summarygen.data.schema import SchemaSet
from summarygen.data.values import CnDate
from summarygen.data.yamlio import read_once
from summarygen.document.geometry import title_lines
from summarygen.document.markup import parse
from summarygen.document.style import SignatureSetting
from summarygen.document.tree import Document, Metadata, Signature
from summarygen.errors import Problem, Problems
from summarygen.i18n import _
from summarygen.templating.render import (
    RenderFailure,
    check_templates,
    locate,
    make_environment,
    render,
)
from summarygen.workspace.config import Variant, Workspace, load_workspace
from summarygen.workspace.datasets import Listing, load_datasets
from summarygen.workspace.period import Period

FORMATS = ("docx", "md", "txt", "pdf")


class Observer(Protocol):
    """Follows a build as it goes (the command line shows steps and a progress bar)."""

    def begin(self, steps: int, reports: int) -> None:
        """The build is about to make ``reports`` reports in ``steps`` steps."""

    def step(self, message: str) -> None:
        """One step of the work, in the user's language."""

    def advance(self, variant: str) -> None:
        """The report of ``variant`` is made (in memory)."""

    def end(self) -> None:
        """Every report is made (or the build failed)."""


class Silent:
    """An observer that shows nothing."""

    def begin(self, steps: int, reports: int) -> None:
        pass

    def step(self, message: str) -> None:
        pass

    def advance(self, variant: str) -> None:
        pass

    def end(self) -> None:
        pass


@dataclass(frozen=True)
class Report:
    """One variant's report for one period, built in memory."""

    variant: str
    period: Period
    markup: str
    document: Document
    files: tuple[Path, ...]
    """The dataset files it was built from."""


@dataclass
class Session:
    """A loaded workspace with what every report of one build shares."""

    workspace: Workspace
    period: Period
    variants: list[Variant]
    problems: Problems = field(default_factory=Problems)
    epoch: int | None = None
    """``SOURCE_DATE_EPOCH`` for the time written into files (see :func:`build_time`)."""
    _schemas: dict[tuple[Path, ...], tuple[SchemaSet, Problems]] = field(default_factory=dict)
    _environments: dict[tuple[Path, ...], Any] = field(default_factory=dict)
    _schema_files: dict[Any, tuple[SchemaSet, Problems]] = field(default_factory=dict)
    _template_problems: dict[tuple[Path, ...], Problems] = field(default_factory=dict)
    listing: Listing = field(default_factory=Listing)
    """The dataset folders' files, each folder listed once for the session."""
    files_read: dict[tuple[Path, int], tuple[Any, list[Problem]]] = field(default_factory=dict)
    """The YAML files read for the session, each once (see :func:`read_once`)."""

    def folders(self, variant: Variant) -> list[Path]:
        """Template folders of a variant: its own first, then the workspace's."""
        own = [variant.templates] if variant.templates is not None else []
        return [*own, self.workspace.templates]

    def schemas(self, variant: Variant) -> SchemaSet:
        """The schemas of a variant's template folders, loaded once; their problems are added
        to :attr:`problems` on every use (kept once there), so that a fresh problem list, as a
        worker process starts for each batch, still reports them."""
        key = tuple(self.folders(variant))
        if key not in self._schemas:
            found = Problems()  # (a link out of these folders, however the files are shared)
            definitions, areas = SchemaSet.files(list(key), found)
            same = (tuple(definitions), tuple(sorted(areas.items())))
            if same not in self._schema_files:
                read = Problems()
                self._schema_files[same] = (SchemaSet.from_files(definitions, areas, read), read)
            schemas, read = self._schema_files[same]  # other folders may have the same files
            self._schemas[key] = (schemas, Problems([*found, *read]))
        schemas, found = self._schemas[key]
        self.problems.extend(found)
        return schemas

    def environment(self, variant: Variant) -> Any:
        """The Jinja environment of a variant's template folders, made once (templates are
        compiled once per build, however many variants share them)."""
        key = tuple(self.folders(variant))
        if key not in self._environments:
            seconds = self.workspace.render_seconds
            env = make_environment(list(key), self.workspace.root) \
                if seconds is None else make_environment(list(key), self.workspace.root, seconds)
            env.auto_reload = False  # a session is one build: its templates are read once
            self._environments[key] = env
        return self._environments[key]

    def template_problems(self, variant: Variant) -> Problems:
        """The mistakes in a variant's templates: every template compiled once for the session
        (see :func:`check_templates`), however many variants share them."""
        key = tuple(self.folders(variant))
        if key not in self._template_problems:
            found = Problems()
            check_templates(self.environment(variant), found)
            self._template_problems[key] = found
        return self._template_problems[key]


def open_session(root: Path, variants: tuple[str, ...] = (), period: str | None = None,
                 problems: Problems | None = None, epoch: int | None = None) -> Session:
    """Load the workspace and choose the period and variants (errors raise at once);
    ``epoch`` fixes the time written into files (see :func:`build_time`)."""
    problems = problems if problems is not None else Problems()
    workspace = load_workspace(root, problems)  # its warnings are the session's too
    return Session(workspace, workspace.period(period), workspace.select(variants), problems,
                   epoch)


def document_date(workspace: Workspace, period: Period) -> dt.date:
    """成文日期: ``periods.<P>.date`` in the configuration, else the period's last day."""
    settings = workspace.period_dates.get(str(period))
    if isinstance(settings, Record) and "date" in settings:
        value = settings.date
        if isinstance(value, CnDate):
            return value.to_date(period.year)
    return period.end


def make_signature(setting: SignatureSetting, organisation: str,
                   date: dt.date) -> Signature | None:
    """The 落款 a variant's ``signature:`` asks for (``None``: none at all)."""
    if not setting.shown:
        return None
    name = setting.name if setting.name is not None else organisation
    return Signature(name, date if setting.date else None)


def epoch_from_environment(environ: Mapping[str, str] | None = None) -> int | None:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970) if the environment sets it to a number.

    Only the command line reads the environment; the library is given the epoch explicitly.

    >>> epoch_from_environment({"SOURCE_DATE_EPOCH": " 1720000000 "})
    1720000000
    >>> epoch_from_environment({"SOURCE_DATE_EPOCH": "soon"}) is None
    True
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_time(date: dt.date, epoch: int | None = None) -> dt.datetime:
    """The fixed time written into files: ``epoch`` (``SOURCE_DATE_EPOCH``) if given, else
    midnight (UTC) of the 成文日期 ``date``.

    >>> build_time(dt.date(2024, 7, 5)).isoformat()
    '2024-07-05T00:00:00+00:00'
    >>> build_time(dt.date(2024, 7, 5), 1720000000).isoformat()
    '2024-07-03T09:46:40+00:00'
    """
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc)
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def build_report(session: Session, variant: Variant) -> Report | None:
    """Render and parse one variant's report; problems are added to the session."""
    with read_once(session.files_read):
        return _build_report(session, variant)


def _build_report(session: Session, variant: Variant) -> Report | None:
    problems = session.problems
    schemas = session.schemas(variant)
    own = Problems()  # this variant's own: another variant's errors must not stop this one
    data = load_datasets(session.workspace, variant, session.period, schemas, own,
                         session.listing)
    env = session.environment(variant)
    own.extend(session.template_problems(variant))
    problems.extend(own)
    if own.errors:
        return None
    date = document_date(session.workspace, session.period)
    context = make_context(session.workspace, session.period, variant, data, schemas, date, env,
                           session.listing)
    try:
        markup = render(env, context)
    except RenderFailure as failure:
        problems.add(failure.problem)
        return None
    problems.extend(other_period_warnings(context))
    found = Problems()
    parsed = parse(markup, variant.style.numbering, found)
    problems.extend(locate(p, markup, session.folders(variant), variant.name) for p in found)
    if not parsed.title:
        problems.error(_("the report template produced no title line (“# …”)"),
                       session.workspace.templates / "report.md.j2")
    organisation = variant.organisation.name
    lines = title_lines(parsed.title, organisation, variant.style.title_size_pt)
    metadata = Metadata("".join(lines), organisation, build_time(date, session.epoch))
    document = Document(lines, parsed.blocks, metadata,
                        make_signature(variant.signature, organisation, date))
    return Report(variant.name, session.period, markup, document, data.files)


def encode(report: Report, fmt: str, variant: Variant) -> bytes:
    """The report in one output format (not PDF: see :func:`pdf_outputs`)."""
    if fmt == "docx":
        from summarygen.writer.docx import write_docx

        data: bytes = write_docx(report.document, variant.style)
        return data
    from summarygen.writer.text import to_markdown, to_text

    text = to_markdown(report.document) if fmt == "md" else to_text(report.document)
    return text.encode("utf-8")


def output_path(out: Path, report: Report, fmt: str) -> Path:
    return out / str(report.period) / f"{report.variant}.{fmt}"


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it passed over."""

    written: list[Path]
    problems: Problems


def build_all(session: Session, observer: Observer | None = None) -> list[Report]:
    """Every selected variant's report, in memory; problems are collected in the session."""
    observer = observer or Silent()
    reports = []
    for variant in session.variants:
        observer.step(_("building {variant} ({period})").format(
            variant=variant.name, period=session.period))
        report = build_report(session, variant)
        if report is not None:
            reports.append(report)
        observer.advance(variant.name)
    return reports
