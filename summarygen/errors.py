"""Errors and problem reports.

Every failure a user can cause is a :class:`SummarygenError`, a ``click.ClickException``
carrying its exit code, so the command line needs no ``try``/``except`` of its own and
anything else that escapes is a bug. Validation does not raise at the first mistake: it
collects :class:`Problem` records in a :class:`Problems` list and fails once with all of them.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Any

import click

from summarygen.i18n import N_, _

_ERRNO_REASONS = {
    errno.ENOENT: N_("there is no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EEXIST: N_("it already exists"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EBUSY: N_("it is in use by another program"),
    errno.EMFILE: N_("too many files are open"),
    errno.EIO: N_("the disk cannot be read or written (input/output error)"),
    errno.EINVAL: N_("the name or the path is not valid here"),
    errno.EXDEV: N_("it cannot be moved to another disk"),
    getattr(errno, "EDQUOT", -1): N_("the disk quota is used up"),
}
"""Operating-system errors, in words a user reads in their language (``strerror`` is English,
or in the system's language, whatever ``--lang`` says)."""


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in the user's language.

    >>> from summarygen.i18n import language_for_command
    >>> with language_for_command("en"):
    ...     os_reason(OSError(errno.ENOSPC, "No space left on device"))
    'the disk is full'
    """
    reason = _ERRNO_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is not None:
        return _(reason)
    return exc.strerror or str(exc)


def suggest(name: str, known: Iterable[str]) -> str:
    """``；是否应为“…”？`` naming the known word nearest to ``name``, or nothing if none is near."""
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return _("; did you mean “{key}”?").format(key=close[0]) if close else ""


class Severity(Enum):
    """How serious a problem is: errors stop a build, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One mistake found in the user's input, with where it is."""

    message: str
    """What is wrong and what to do, in the user's language."""
    path: Path | None = None
    """The file, if the problem is in one."""
    line: int | None = None
    """1-based line in ``path``."""
    key: str | None = None
    """Dotted key of the value concerned (``rural_dibao.households``)."""
    severity: Severity = Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        """``文件:行: 键: 说明``; the path is shown relative to ``root`` where possible."""
        parts: list[str] = []
        if self.path is not None:
            shown = shown_path(self.path, root)
            parts.append(f"{shown}:{self.line}" if self.line else shown)
        if self.key:
            parts.append(self.key)
        label = _("warning") if self.severity is Severity.WARNING else _("error")
        parts.append(f"{label}: {self.message}")
        return ": ".join(parts)


def shown_path(path: Path, root: Path | None) -> str:
    """``path`` as shown in messages: relative to the workspace ``root`` where possible."""
    if root is not None:
        # as written first (a link is named, not its target), then with links followed
        for shown, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))),
                            (path.resolve(), root.resolve())):
            if shown.is_relative_to(base):
                return shown.relative_to(base).as_posix()
    return path.as_posix()


class Problems:
    """An ordered collection of problems, filled by validation and checked once."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = []
        self._seen: set[Problem] = set()
        self.extend(items)

    def add(self, problem: Problem) -> None:
        """Add a problem; one already reported (a file shared by two variants) is kept once."""
        if problem not in self._seen:
            self._seen.add(problem)
            self._items.append(problem)

    def error(self, message: str, path: Path | None = None, line: int | None = None,
              key: str | None = None) -> None:
        self.add(Problem(message, path, line, key, Severity.ERROR))

    def warn(self, message: str, path: Path | None = None, line: int | None = None,
             key: str | None = None) -> None:
        self.add(Problem(message, path, line, key, Severity.WARNING))

    def extend(self, other: Iterable[Problem]) -> None:
        for problem in other:
            self.add(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        """Whether these problems stop the work (warnings count with ``strict``)."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def raise_if_failed(self, strict: bool = False, root: Path | None = None,
                        shown: list[Problem] | None = None) -> None:
        """Raise a :class:`ValidationError` holding every problem if any is fatal (listing
        ``shown`` instead, if given: the problems with repeated ones grouped)."""
        if self.failed(strict):
            raise ValidationError(list(self._items), root, shown)


class SummarygenError(click.ClickException):
    """Base of every error caused by the user's input; exit status 1, message on stderr.

    It is shown like a :class:`Problem` (``文件:行: 键: 错误: 说明``), with the file, line and
    key where they are known; a command-line option that is wrong is named as the key
    (``--period``).
    """

    exit_code = 1

    def __init__(self, message: str, path: Path | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(message, path, line, key)

    def format_message(self) -> str:
        return self.problem.format()

    def __reduce__(self) -> tuple[Any, ...]:
        # raised in a worker process of a parallel build, it is pickled back to the parent
        return _restore_error, (type(self), self.args, dict(self.__dict__))

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.format_message(), file=file or sys.stderr, err=file is None)


def _restore_error(kind: type[SummarygenError], args: tuple[Any, ...],
                   state: dict[str, Any]) -> SummarygenError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigError(SummarygenError):
    """``summarygen.yaml`` is missing or wrong, or a variant or period named does not exist."""


class OutputError(SummarygenError):
    """An output file cannot be written; earlier outputs are left as they were."""


class ArchiveError(SummarygenError):
    """An archive cannot be made (the period is already archived), read or verified."""


class ValidationError(SummarygenError):
    """Validation found problems; the message lists all of them, one per line."""

    def __init__(self, problems: list[Problem], root: Path | None = None,
                 shown: list[Problem] | None = None) -> None:
        """``shown``: the problems as listed (repeated ones grouped), if not every one."""
        self.problems = problems
        lines = [p.format(root) for p in (problems if shown is None else shown)]
        n_err = sum(p.severity is Severity.ERROR for p in problems)
        n_warn = len(problems) - n_err
        lines.append(_("{errors} error(s), {warnings} warning(s).").format(
            errors=n_err, warnings=n_warn))
        super().__init__("\n".join(lines))

    def format_message(self) -> str:
        return self.message
