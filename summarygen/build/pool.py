"""Parallel builds: variants built in worker processes, outputs staged and put in place by
the parent only when every chunk succeeded."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from summarygen.build.session import (
    BuildResult,
    Observer,
    Session,
    build_report,
    encode,
    open_session,
    output_path,
)
from summarygen.errors import Problem, Problems
from summarygen.templating.render import check_templates

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
    from summarygen.writer.docx import prepare_base

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


def run_parallel(session: Session, formats: tuple[str, ...], out_dir: Path, strict: bool,
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
