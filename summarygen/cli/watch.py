"""``build --watch``: rebuild whenever an input changes, until Ctrl-C.

The inputs are polled (modification time and size, a few times a second) rather than watched
through the operating system, so nothing has to be installed and network drives work too. The
watched files are ``summarygen.yaml``, everything under ``datasets/`` and every template folder
the workspace uses; hidden files and editors' backup files are ignored. A failed build shows its
problems and the watch goes on; the previous outputs stay as they were (builds write atomically).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from summarygen.errors import SummarygenError
from summarygen.workspace.config import CONFIG_NAME, load_workspace

INTERVAL = 0.3
"""Seconds between two looks at the files."""

Stamp = tuple[int, int]
"""A file's modification time (ns) and size."""


@dataclass(frozen=True)
class Changes:
    """Files added, modified and removed between two looks."""

    added: list[Path] = field(default_factory=list)
    modified: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.removed)

    @property
    def paths(self) -> list[Path]:
        return sorted(self.added + self.modified + self.removed)


class WatchReport(Protocol):
    """What the watch tells the user (the command line prints it)."""

    def watching(self, roots: list[Path]) -> None:
        """The watch starts, on these files and folders."""

    def changed(self, changes: Changes) -> None:
        """Some inputs changed; a build follows."""

    def built(self, seconds: float) -> None:
        """A build succeeded."""

    def failed(self, error: SummarygenError) -> None:
        """A build failed; the watch goes on."""

    def stopped(self) -> None:
        """The user pressed Ctrl-C; the watch ends."""


def watched_roots(root: Path, previous: list[Path] | None = None) -> list[Path]:
    """``summarygen.yaml``, ``datasets/`` and every template folder the workspace uses.

    While the configuration is broken, the folders watched before (``previous``) stay watched,
    so that fixing it is not reported as every file of a variant's template folder “added”."""
    roots = [root / CONFIG_NAME, root / "datasets", root / "templates"]
    try:
        workspace = load_workspace(root)
    except SummarygenError:
        roots += previous or []  # a broken configuration is watched until it is fixed
    else:
        roots.append(workspace.templates)
        roots.extend(v.templates for v in workspace.variants.values() if v.templates is not None)
    return list(dict.fromkeys(p.resolve() for p in roots))


def _stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _ignored(name: str) -> bool:
    return name.startswith((".", "~")) or name.endswith(("~", ".swp", ".tmp", ".bak"))


def snapshot(roots: Iterable[Path]) -> dict[Path, Stamp]:
    """The stamp of every watched file under ``roots``."""
    stamps: dict[Path, Stamp] = {}
    for top in roots:
        files = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in files:
            if any(_ignored(part) for part in path.relative_to(top).parts or (path.name,)):
                continue
            try:
                info = path.stat()
            except OSError:
                continue  # removed while we looked
            if path.is_file():
                stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def compare(before: dict[Path, Stamp], after: dict[Path, Stamp]) -> Changes:
    """What changed between two snapshots."""
    return Changes(
        added=sorted(p for p in after if p not in before),
        modified=sorted(p for p in after if p in before and after[p] != before[p]),
        removed=sorted(p for p in before if p not in after),
    )


def watch(root: Path, rebuild: Callable[[], None], report: WatchReport,
          interval: float = INTERVAL, should_stop: Callable[[], bool] = lambda: False,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Build once, then again after every change, until Ctrl-C or ``should_stop()``.

    Returns the number of builds attempted. ``should_stop`` and ``sleep`` let tests drive it.
    """
    roots = watched_roots(root)
    config = _stamp(root / CONFIG_NAME)
    report.watching(roots)
    builds = 0
    try:
        before = snapshot(roots)
        _attempt(rebuild, report)
        builds += 1
        while not should_stop():
            sleep(interval)
            if _stamp(root / CONFIG_NAME) != config:  # read again only when it changed
                config = _stamp(root / CONFIG_NAME)
                roots = watched_roots(root, roots)
            after = snapshot(roots)
            changes = compare(before, after)
            before = after
            if changes:
                report.changed(changes)
                _attempt(rebuild, report)  # edits made meanwhile show at the next look
                builds += 1
    except KeyboardInterrupt:
        report.stopped()
    return builds


def _attempt(rebuild: Callable[[], None], report: WatchReport) -> None:
    start = time.monotonic()
    try:
        rebuild()
    except SummarygenError as error:
        report.failed(error)
    else:
        report.built(time.monotonic() - start)
