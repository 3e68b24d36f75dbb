"""Building reports: workspace → datasets → templates → markup → document tree → files.

Everything is gathered and checked first; files are written only when every report of the build
succeeded, so a failed build leaves ``out/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from summarygen.datasets import Datasets, load_datasets
from summarygen.doctree import Document, Metadata, Signature
from summarygen.errors import Problem, Problems
from summarygen.i18n import _
from summarygen.markup import parse
from summarygen.period import Period
from summarygen.records import Record
from summarygen.render import RenderFailure, check_templates, locate, make_environment, render
from summarygen.schema import SchemaSet
from summarygen.values import CnDate
from summarygen.workspace import Variant, Workspace, load_workspace

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
    _schemas: dict[tuple[Path, ...], tuple[SchemaSet, Problems]] = field(default_factory=dict)
    _environments: dict[tuple[Path, ...], Any] = field(default_factory=dict)

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
            found = Problems()
            self._schemas[key] = (SchemaSet.load(list(key), found), found)
        schemas, found = self._schemas[key]
        self.problems.extend(found)
        return schemas

    def environment(self, variant: Variant) -> Any:
        """The Jinja environment of a variant's template folders, made once (templates are
        compiled once per build, however many variants share them)."""
        key = tuple(self.folders(variant))
        if key not in self._environments:
            self._environments[key] = make_environment(list(key), self.workspace.root)
        return self._environments[key]


def open_session(root: Path, variants: tuple[str, ...] = (), period: str | None = None,
                 problems: Problems | None = None) -> Session:
    """Load the workspace and choose the period and variants (errors raise at once)."""
    workspace = load_workspace(root, problems)
    return Session(workspace, workspace.period(period), workspace.select(variants),
                   problems if problems is not None else Problems())


def document_date(workspace: Workspace, period: Period) -> dt.date:
    """成文日期: ``periods.<P>.date`` in the configuration, else the period's last day."""
    settings = workspace.period_dates.get(str(period))
    if isinstance(settings, Record) and "date" in settings:
        value = settings.date
        if isinstance(value, CnDate):
            return value.to_date(period.year)
    return period.end


def build_time(date: dt.date) -> dt.datetime:
    """The fixed time written into files: ``SOURCE_DATE_EPOCH`` if set, else the 成文日期."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def period_record(period: Period, date: dt.date) -> Record:
    return Record({
        "id": str(period), "year": period.year, "half": period.half, "label": period.label,
        "kind": period.kind, "start": CnDate(period.start.month, period.start.year,
                                             period.start.day),
        "end": CnDate(period.end.month, period.end.year, period.end.day),
        "date": CnDate(date.month, date.year, date.day),
    }, label="period")


def build_report(session: Session, variant: Variant) -> Report | None:
    """Render and parse one variant's report; problems are added to the session."""
    problems = session.problems
    schemas = session.schemas(variant)
    own = Problems()  # this variant's own: another variant's errors must not stop this one
    data = load_datasets(session.workspace, variant, session.period, schemas, own)
    env = session.environment(variant)
    check_templates(env, own)
    problems.extend(own)
    if own.errors:
        return None
    date = document_date(session.workspace, session.period)
    context = make_context(session, variant, data, schemas, date, env)
    try:
        markup = render(env, context)
    except RenderFailure as failure:
        problems.add(failure.problem)
        return None
    found = Problems()
    parsed = parse(markup, variant.style.level_three, found, source=variant.name)
    problems.extend(locate(p, markup, session.folders(variant)) for p in found)
    if not parsed.title:
        problems.error(_("the report template produced no title line (“# …”)"),
                       session.workspace.templates / "report.md.j2")
    title = "".join(parsed.title)
    organisation = variant.organisation.name
    metadata = Metadata(title, organisation, build_time(date))
    document = Document(parsed.title, parsed.blocks, metadata, Signature(organisation, date))
    return Report(variant.name, session.period, markup, document, data.files)


def make_context(session: Session, variant: Variant, data: Datasets, schemas: SchemaSet,
                 date: dt.date, env: Any) -> dict[str, Any]:
    """What templates see: ``org``, ``period``, ``data``, ``areas``, ``titles``, ``prev``."""
    context: dict[str, Any] = {
        "org": variant.organisation.as_record(),
        "period": period_record(session.period, date),
        "data": data.as_record(),
        "areas": list(data.areas),
        "titles": Record({k: v.title for k, v in schemas.schemas.items()}, label="titles"),
    }
    context["prev"] = previous_data(session, variant, schemas, env)
    return context


def previous_root(workspace: Workspace, period: Period) -> tuple[Path, str] | None:
    """Where the figures of ``period`` are kept, and how to name that place in messages:
    the workspace's ``datasets/<P>/`` first, else the newest archived revision of ``P``."""
    from summarygen.revisions import latest_revision

    if (workspace.datasets_dir / str(period)).is_dir():
        return workspace.root, f"datasets/{period}/"
    revision = latest_revision(workspace.root, period)
    if revision is not None and (revision.path / "datasets" / str(period)).is_dir():
        return revision.path, revision.label + "/"
    return None


def previous_data(session: Session, variant: Variant, schemas: SchemaSet, env: Any) -> Any:
    """Last year's data for the same period (from ``datasets/`` or the archive), or an undefined
    value that says why there is none."""
    previous = session.period.previous_year()
    found = previous_root(session.workspace, previous)
    if found is None:
        return env.undefined(hint=_("there are no figures for the same period last year "
                                    "({period}): neither datasets/{period}/ nor "
                                    "archive/{period}/ exists").format(period=previous),
                             name="prev")
    root, where = found
    own = Problems()
    data = load_datasets(replace(session.workspace, root=root), variant, previous, schemas, own)
    if own.errors:
        first = own.errors[0].format(session.workspace.root)
        return env.undefined(hint=_("last year's figures ({period}, {source}) cannot be used: "
                                    "{problem}").format(period=previous, source=where,
                                                        problem=first), name="prev")
    return data.as_record()


def encode(report: Report, fmt: str, variant: Variant) -> bytes:
    """The report in one output format (not PDF: see :func:`pdf_outputs`)."""
    if fmt == "docx":
        from summarygen.docx_writer import write_docx

        data: bytes = write_docx(report.document, variant.style)
        return data
    from summarygen.textout import to_markdown, to_text

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


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_build(root: Path, variants: tuple[str, ...] = (), period: str | None = None,
              formats: tuple[str, ...] = ("docx",), out: Path | None = None,
              strict: bool = False, observer: Observer | None = None,
              jobs: int | None = None) -> BuildResult:
    """Build, then write every output, or nothing at all if anything failed.

    With ``jobs`` > 1 (default: one per core) and more than two variants, the variants are
    built in worker processes; the outputs are the same bytes and the problems the same
    messages, in the same order, as when built here. PDF output is made in this process, by
    one LibreOffice run for the whole batch.
    """
    observer = observer or Silent()
    if "pdf" in formats:
        from summarygen.pdf import require_soffice

        require_soffice()  # before any work, so that a missing LibreOffice costs nothing
    observer.step(_("reading the workspace {root}").format(root=root))
    session = open_session(root, variants, period)
    out_dir = out if out is not None else root / "out"
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs > 1 and len(session.variants) > 2 and "pdf" not in formats:
        return _run_parallel(session, formats, out_dir, strict, jobs, observer)
    count = len(session.variants)
    observer.begin(count * (1 + len(formats)), count)
    try:
        reports = build_all(session, observer)
        session.problems.raise_if_failed(strict, root)
        written = write_reports(session, reports, formats, out_dir, observer)
    finally:
        observer.end()
    return BuildResult(written, session.problems)


def write_reports(session: Session, reports: list[Report], formats: tuple[str, ...],
                  out_dir: Path, observer: Observer) -> list[Path]:
    """Encode every report in every format, then put all files in place together."""
    from summarygen.output import Staging

    by_name = {v.name: v for v in session.variants}
    with Staging() as staging:
        for report in reports:
            for fmt in formats:
                if fmt == "pdf":
                    continue  # converted together below, by one LibreOffice process
                path = output_path(out_dir, report, fmt)
                observer.step(_("writing {path}").format(path=path))
                staging.add(path, encode(report, fmt, by_name[report.variant]))
                observer.advance(report.variant)
        if "pdf" in formats:
            observer.step(_("converting to PDF with LibreOffice"))
            for report, data in pdf_outputs(reports, by_name):
                staging.add(output_path(out_dir, report, "pdf"), data)
                observer.advance(report.variant)
        return staging.commit()


def pdf_outputs(reports: list[Report],
                variants: dict[str, Variant]) -> list[tuple[Report, bytes]]:
    """Every report as PDF: their DOCX converted together by one LibreOffice process."""
    from summarygen.pdf import docx_to_pdf

    documents = {report.variant: encode(report, "docx", variants[report.variant])
                 for report in reports}
    pdfs = docx_to_pdf(documents)
    return [(report, pdfs[report.variant]) for report in reports]


# --- parallel builds ----------------------------------------------------------------------------
#
# Each worker process opens the workspace once (the initializer), so templates are compiled and
# the DOCX base package is made once per process. A worker builds a chunk of variants and writes
# each output to a temporary file beside its final path; it sends back the chunk's problems and
# the temporary files. The parent renames them into place only when every chunk succeeded and no
# problem is fatal; otherwise it removes every temporary file, and out/ is as it was.

_worker_session: Session | None = None
_inherited: Session | None = None
"""The parent's session, set while its pool starts: a forked worker takes it over, with its
schemas, compiled templates and DOCX base package, instead of loading them again."""


def _init_worker(root: Path, period: str) -> None:
    global _worker_session
    _worker_session = _inherited if _inherited is not None else open_session(root, (), period)


def _prepare(session: Session) -> None:
    """Load schemas, compile templates and make the DOCX base once, before workers are forked.
    Their problems are not reported here: each worker reports them with its first variant."""
    from summarygen.docx_writer import prepare_base

    reported, session.problems = session.problems, Problems()
    try:
        seen = set()
        for variant in session.variants:
            key = (tuple(session.folders(variant)), variant.style)
            if key in seen:
                continue
            seen.add(key)
            session.schemas(variant)
            check_templates(session.environment(variant), Problems())
            prepare_base(variant.style)
    finally:
        session.problems = reported


Chunk = tuple[list[Problem], list[tuple[Path, Path]]]


def _build_chunk(names: list[str], formats: tuple[str, ...], out_dir: Path) -> Chunk:
    """Build and stage the outputs of ``names`` in a worker; problems and temporary files."""
    from summarygen.output import Staging

    session = _worker_session
    assert session is not None, "worker not initialised"
    session.problems = Problems()  # this chunk's own, in variant order
    with Staging() as staging:
        for name in names:
            variant = session.workspace.variants[name]
            report = build_report(session, variant)
            if report is None:
                continue
            for fmt in formats:
                staging.add(output_path(out_dir, report, fmt), encode(report, fmt, variant))
        return list(session.problems), staging.detach()


def _run_parallel(session: Session, formats: tuple[str, ...], out_dir: Path, strict: bool,
                  jobs: int, observer: Observer) -> BuildResult:
    import multiprocessing

    names = [v.name for v in session.variants]
    size = max(1, -(-len(names) // (jobs * 4)))  # a few chunks per worker evens the load
    chunks = [names[i:i + size] for i in range(0, len(names), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # folders the workers will make; removed again if the build fails, as if never begun
    made = [f for f in (out_dir / str(session.period), *(out_dir / str(session.period)).parents)
            if not f.exists()]
    global _inherited
    try:
        if context.get_start_method() == "fork":
            _prepare(session)
            _inherited = session
        observer.begin(len(names), len(names))
        return _run_pool(session, formats, out_dir, strict, jobs, chunks, context, observer)
    except BaseException:
        for folder in made:
            with contextlib.suppress(OSError):  # not empty: it held something already
                folder.rmdir()
        raise
    finally:
        _inherited = None
        observer.end()


def _run_pool(session: Session, formats: tuple[str, ...], out_dir: Path, strict: bool, jobs: int,
              chunks: list[list[str]], context: Any, observer: Observer) -> BuildResult:
    from concurrent.futures import Future, ProcessPoolExecutor

    from summarygen.output import Staging

    root = session.workspace.root
    with Staging() as staging:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(root, str(session.period))) as pool:
            futures: list[Future[Chunk]] = [
                pool.submit(_build_chunk, chunk, formats, out_dir) for chunk in chunks]
            failure: BaseException | None = None
            # wait for every one, so that no worker still writes when we discard
            for chunk, future in zip(chunks, futures, strict=True):
                try:
                    problems, pending = future.result()
                except BaseException as exc:
                    if failure is None:
                        failure = exc
                        for other in futures:
                            other.cancel()
                    continue
                staging.adopt(pending)
                session.problems.extend(problems)
                for name in chunk:
                    observer.advance(name)
            if failure is not None:
                raise failure
        session.problems.raise_if_failed(strict, root)
        written = staging.commit()
    return BuildResult(written, session.problems)


def run_check(root: Path, variants: tuple[str, ...] = (), period: str | None = None) -> Problems:
    """Validate and render everything in memory; write nothing; return every problem."""
    problems = Problems()
    session = open_session(root, variants, period, problems)
    build_all(session)
    return session.problems
