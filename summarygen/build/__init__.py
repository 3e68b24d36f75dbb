"""Building reports: workspace → datasets → templates → markup → document tree → files.

The public surface that the commands, ``archive`` and ``diff`` use:
:func:`open_session` and :func:`build_report` (one report in memory), :func:`build_all`,
:func:`encode` and :func:`output_path`; :func:`run_build`, :func:`run_check` and
:func:`built_documents` for the commands;
:func:`previous_root` (where last year's figures are) and :func:`document_date`/:func:`build_time`
(the dates written into a report), :func:`epoch_from_environment` (``SOURCE_DATE_EPOCH``,
read by the command line only: the library is given the time explicitly).
"""

from summarygen.build.context import make_context, previous_root
from summarygen.build.run import (
    built_documents,
    default_jobs,
    run_build,
    run_check,
    write_reports,
)
from summarygen.build.session import (
    FORMATS,
    BuildResult,
    Observer,
    Report,
    Session,
    Silent,
    build_all,
    build_report,
    build_time,
    document_date,
    encode,
    epoch_from_environment,
    open_session,
    output_path,
)

__all__ = [
    "FORMATS",
    "BuildResult",
    "Observer",
    "Report",
    "Session",
    "Silent",
    "build_all",
    "build_report",
    "build_time",
    "built_documents",
    "default_jobs",
    "document_date",
    "encode",
    "epoch_from_environment",
    "make_context",
    "open_session",
    "output_path",
    "previous_root",
    "run_build",
    "run_check",
    "write_reports",
]
