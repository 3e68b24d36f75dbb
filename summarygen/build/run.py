"""``summarygen build`` and ``check``: build every selected report, then write every output,
or nothing at all if anything failed."""

from __future__ import annotations

import os
from pathlib import Path

from summarygen.build.session import (
    BuildResult,
    Observer,
    Report,
    Session,
    Silent,
    build_all,
    encode,
    open_session,
    output_path,
)
from summarygen.errors import ConfigError, Problems
from summarygen.i18n import _
from summarygen.workspace.config import Variant

PARALLEL_FROM = 8
"""The fewest reports built in worker processes when ``--jobs`` is not given."""


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_build(root: Path, variants: tuple[str, ...] = (), period: str | None = None,
              formats: tuple[str, ...] = ("docx",), out: Path | None = None,
              strict: bool = False, observer: Observer | None = None,
              jobs: int | None = None, epoch: int | None = None) -> BuildResult:
    """Build, then write every output, or nothing at all if anything failed.

    With ``jobs`` > 1 and more than two variants, or without ``jobs`` (one worker per core)
    and at least :data:`PARALLEL_FROM` variants, the variants are built in worker processes;
    the outputs are the same bytes and the problems the same messages, in the same order, as
    when built here. PDF output is made in this process, by
    one LibreOffice run for the whole batch. ``epoch`` (``SOURCE_DATE_EPOCH``) fixes the time
    written into the files; without it, the 成文日期 is used.
    """
    observer = observer or Silent()
    if "pdf" in formats:
        from summarygen.writer.pdf import require_soffice

        require_soffice()  # before any work, so that a missing LibreOffice costs nothing
    observer.step(_("reading the workspace {root}").format(root=root))
    session = open_session(root, variants, period, epoch=epoch)
    out_dir = out if out is not None else root / "out"
    finish_interrupted(out_dir, observer)
    # unless told how many, a few reports are built here: starting workers costs more than
    # they save below some eight reports (measured on two cores: 3 reports 229 ms in one
    # process, 240 ms with two; 8 reports 309 and 298 ms; 12 reports 371 and 325 ms)
    fewest = PARALLEL_FROM if jobs is None else 3
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs > 1 and len(session.variants) >= fewest and "pdf" not in formats:
        from summarygen.build.pool import run_parallel

        return run_parallel(session, formats, out_dir, strict, jobs, observer)
    count = len(session.variants)
    observer.begin(count * (1 + len(formats)), count)
    try:
        reports = build_all(session, observer)
        session.problems.raise_if_failed(strict, root)
        written = write_reports(session, reports, formats, out_dir, observer)
    finally:
        observer.end()
    return BuildResult(written, session.problems)


def finish_interrupted(out_dir: Path, observer: Observer) -> None:
    """Complete (or roll back) the renames of a build that was killed while putting its files
    in place, and remove temporary files that killed builds left (see :mod:`summarygen.journal`)."""
    from summarygen.journal import recover

    for path in recover(out_dir):
        observer.step(_("{path}: put in place, as an interrupted build left it to be")
                      .format(path=path))


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
    from summarygen.writer.pdf import docx_to_pdf

    documents = {report.variant: encode(report, "docx", variants[report.variant])
                 for report in reports}
    pdfs = docx_to_pdf(documents)
    return [(report, pdfs[report.variant]) for report in reports]


def run_check(root: Path, variants: tuple[str, ...] = (), period: str | None = None,
              observer: Observer | None = None) -> Problems:
    """Validate and render everything in memory; return every problem. It writes nothing,
    except to finish the renames of a build that was killed (``out/`` holding one build's
    files again)."""
    problems = Problems()
    (observer or Silent()).step(_("reading the workspace {root}").format(root=root))
    session = open_session(root, variants, period, problems)
    finish_interrupted(root / "out", observer or Silent())
    build_all(session, observer)
    return session.problems


def built_documents(root: Path, period: str | None = None) -> tuple[Path, ...]:
    """The DOCX files in ``out/<period>/`` of the workspace (default: the latest period)."""
    session = open_session(root, (), period)
    folder = root / "out" / str(session.period)
    found = tuple(sorted(folder.glob("*.docx")))
    if not found:
        raise ConfigError(_("there is no DOCX file in {folder}; run “summarygen build” first, "
                            "or name the files to check").format(folder=folder.as_posix()))
    return found
