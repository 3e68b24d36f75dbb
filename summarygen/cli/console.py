"""What the command line prints, at the verbosity asked for.

``-q`` shows only errors; the default shows warnings and results; ``-v`` also shows every step.
Results go to stdout; problems, steps and the progress bar go to stderr, so that the output of a
command can be piped while the user still sees what happens.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from summarygen.errors import Problem, Severity, SummarygenError
from summarygen.i18n import _

if TYPE_CHECKING:
    from summarygen.cli.watch import Changes

QUIET, NORMAL, VERBOSE = 0, 1, 2
PROGRESS_ABOVE = 5
"""A progress bar is shown when a build makes more reports than this."""


def verbosity(quiet: bool, verbose: bool) -> int:
    """The verbosity chosen by ``-q`` and ``-v`` (``-q`` wins if both are given)."""
    if quiet:
        return QUIET
    return VERBOSE if verbose else NORMAL


class Console:
    """Prints results, problems and steps; also follows a build (a build ``Observer``)."""

    def __init__(self, level: int = NORMAL, tty: bool | None = None) -> None:
        self.level = level
        self.tty = sys.stderr.isatty() if tty is None else tty
        self._bar: Any = None

    def result(self, text: str) -> None:
        """A result (a file written, a check passed); hidden by ``-q``."""
        if self.level >= NORMAL:
            click.echo(text)

    def problems(self, problems: Iterable[Problem], root: Path | None) -> None:
        """Problems to stderr: errors always, warnings unless ``-q``."""
        for problem in problems:
            if problem.severity is Severity.ERROR or self.level >= NORMAL:
                click.echo(problem.format(root), err=True)

    def grouped(self, problems: Iterable[Problem], root: Path | None) -> None:
        """Problems as :meth:`problems` shows them, a finding repeated in one file in one line
        (all of them with ``-v``)."""
        items = list(problems)
        self.problems(items if self.level >= VERBOSE else group_repeated(items), root)

    def error(self, text: str) -> None:
        click.echo(text, err=True)

    # The build observer.
    def begin(self, steps: int, reports: int) -> None:
        if self.level == NORMAL and self.tty and reports > PROGRESS_ABOVE:
            self._bar = click.progressbar(length=steps, label=_("building"), file=sys.stderr,
                                          show_pos=True)
            from summarygen.cli.options import route_click_texts

            route_click_texts()  # the bar's module, imported just now, shows texts too
            self._bar.__enter__()

    def step(self, message: str) -> None:
        if self.level >= VERBOSE:
            click.echo(message, err=True)

    def advance(self, variant: str) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def end(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    # The watch report.
    def watching(self, roots: list[Path]) -> None:
        shown = "、".join(_short(p) for p in roots if p.exists())
        self.result(_("watching {files}; press Ctrl-C to stop.").format(files=shown))

    def changed(self, changes: Changes) -> None:
        for message, paths in ((_("added: {path}"), changes.added),
                               (_("changed: {path}"), changes.modified),
                               (_("removed: {path}"), changes.removed)):
            for path in paths:
                self.result(message.format(path=_short(path)))

    def built(self, seconds: float) -> None:
        self.result(_("built at {time} in {seconds:.1f} s; watching for changes …").format(
            time=dt.datetime.now().strftime("%H:%M:%S"), seconds=seconds))

    def failed(self, error: SummarygenError) -> None:
        self.error(error.format_message())
        self.error(_("the build failed; the previous files are unchanged. Fix the problem and "
                     "save: the build runs again."))

    def stopped(self) -> None:
        self.result(_("stopped watching."))


SHOWN_LINES = 5
"""How many line numbers a grouped finding lists."""


def group_repeated(problems: list[Problem]) -> list[Problem]:
    """One problem per finding (file, key, severity, message) that occurs more than once in that
    file, at its first line, saying how many there are and where the first ones are; others
    unchanged (findings about different keys say which key, so each is listed)."""
    groups: dict[tuple[Path | None, str | None, Severity, str], list[Problem]] = {}

    def finding(p: Problem) -> tuple[Path | None, str | None, Severity, str]:
        return (p.path, p.key, p.severity, p.message)

    for problem in problems:
        groups.setdefault(finding(problem), []).append(problem)
    shown: list[Problem] = []
    for problem in problems:
        same = groups[finding(problem)]
        if len(same) == 1 or problem.path is None:
            shown.append(problem)
        elif problem is same[0]:
            shown.append(_summary(same))
    return shown


def _summary(same: list[Problem]) -> Problem:
    lines = [str(p.line) for p in same if p.line][:SHOWN_LINES]
    more = "…" if len(same) > len(lines) else ""
    message = _("{count} times in this file, at lines {lines}{more} (-v lists each): "
                "{message}").format(count=len(same), lines=_("、").join(lines), more=more,
                                    message=same[0].message)
    first = same[0]
    return Problem(message, first.path, first.line, first.key, first.severity)


def _short(path: Path) -> str:
    """``path`` relative to the current folder where it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
