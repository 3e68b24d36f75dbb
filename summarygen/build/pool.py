"""Parallel builds: variants built in worker processes, outputs staged and put in place by
the parent only when every chunk succeeded."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
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
from summarygen.journal import alive, pause_point, set_owner

_PR_SET_PDEATHSIG = 1

# Each worker process takes over the parent's session (forked) or opens the workspace once
# (spawned, as on Windows), so templates are compiled and the DOCX base package is made once per
# process. A worker builds a chunk of variants and writes each output to a temporary file beside
# its final path; it sends back the chunk's problems and the temporary files. The parent renames
# them into place only when every chunk succeeded and no problem is fatal; otherwise it removes
# every temporary file, and out/ is as it was.

Opening = tuple[Path, str, int | None]
"""What a spawned worker needs to open the session itself: root, period and epoch."""

_worker_session: Session | None = None
"""The session of this worker process. The one module global of the pool, and unavoidable:
:class:`~concurrent.futures.ProcessPoolExecutor` keeps no other state between the initializer
and the tasks of a worker. The parent process never sets it."""


def _init_worker(source: Session | Opening, parent: int) -> None:
    """Initialise a worker: a forked one is handed the parent's session itself (the fork copies
    it, with its schemas, compiled templates and DOCX base package, without pickling); a spawned
    one gets ``(root, period, epoch)`` and opens the workspace. Either dies with its parent and
    names its temporary files after it."""
    global _worker_session
    die_with(parent)
    set_owner(parent)
    if isinstance(source, Session):
        _worker_session = source
    else:
        root, period, epoch = source
        _worker_session = open_session(root, (), period, epoch=epoch)


def die_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (SIGKILL too): on Linux the kernel
    sends SIGKILL (``PR_SET_PDEATHSIG``); everywhere a watchdog thread checks twice a second that
    the parent still runs (a killed parent's workers otherwise run on, holding its pipes)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if not alive(parent) or (os.name != "nt" and os.getppid() != parent):
        os._exit(1)  # the parent died before the above took effect

    def watch() -> None:
        while alive(parent) and (os.name == "nt" or os.getppid() == parent):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="summarygen-parent-watch", daemon=True).start()


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
            session.template_problems(variant)
            prepare_base(variant.style)
    finally:
        session.problems = reported


Chunk = tuple[list[Problem], list[tuple[Path, Path]]]


def _build_chunk(names: list[str], formats: tuple[str, ...], out_dir: Path) -> Chunk:
    """Build and stage the outputs of ``names`` in a worker; problems and temporary files."""
    from summarygen.output import Staging

    session = _worker_session
    assert session is not None, "worker not initialised"
    pause_point("worker")
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
    try:
        source: Session | Opening = session
        if context.get_start_method() == "fork":
            _prepare(session)
        else:
            source = (session.workspace.root, str(session.period), session.epoch)
        observer.begin(len(names), len(names))
        return _run_pool(session, source, formats, out_dir, strict, jobs, chunks, context,
                         observer)
    except BaseException:
        for folder in made:
            with contextlib.suppress(OSError):  # not empty: it held something already
                folder.rmdir()
        raise
    finally:
        observer.end()


def _run_pool(session: Session, source: Session | Opening, formats: tuple[str, ...],
              out_dir: Path, strict: bool, jobs: int, chunks: list[list[str]], context: Any,
              observer: Observer) -> BuildResult:
    from concurrent.futures import Future, ProcessPoolExecutor

    from summarygen.output import Staging

    root = session.workspace.root
    with Staging() as staging:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(source, os.getpid())) as pool:
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
