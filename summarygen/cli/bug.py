"""The other side of the error boundary: an exception from summarygen's own code is a bug.

Every mistake a user can make is a :class:`~summarygen.errors.SummarygenError` (exit status 1,
a message naming the file and line). Anything else that escapes a command was not foreseen by
the code, so it is not the user's fault, and it is not shown as if it were: the command prints
the exception's type and message, where in summarygen it was raised, and where the full
traceback was saved, with a line asking to report it; the exit status is :data:`BUG_EXIT_CODE`.
"""

from __future__ import annotations

import platform
import tempfile
import traceback
from pathlib import Path

import click

from summarygen.i18n import _

BUG_EXIT_CODE = 3
"""Exit status of a command stopped by a bug (1: the user's input, 2: the command's usage)."""
PACKAGE = str(Path(__file__).resolve().parent.parent)


def report_bug(exc: BaseException, argv: list[str]) -> int:
    """Tell the user that ``exc`` is a bug of summarygen; return the exit status to use."""
    from summarygen import __version__

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    click.echo(_("summarygen stopped because of an error in its own code (a bug), not in your "
                 "data, templates or settings: {kind}: {message}").format(
        kind=type(exc).__name__, message=exc), err=True)
    frame = _our_frame(exc)
    if frame is not None:
        click.echo(_("where: {file}, line {line}, in {function}").format(
            file=frame.filename, line=frame.lineno, function=frame.name), err=True)
    header = (f"summarygen {__version__}, Python {platform.python_version()}, "
              f"{platform.platform()}\ncommand: summarygen {' '.join(argv)}\n\n")
    saved = _save(header + text)
    if saved is None:
        click.echo(text, err=True, nl=False)
        click.echo(_("please report this bug to the maintainers, with the lines above and the "
                     "command you ran."), err=True)
    else:
        click.echo(_("the full record of the error is in {path}; please report this bug to the "
                     "maintainers, with that file and the command you ran.").format(path=saved),
                   err=True)
    return BUG_EXIT_CODE


def _our_frame(exc: BaseException) -> traceback.FrameSummary | None:
    """The innermost frame of summarygen's own code in the traceback of ``exc``."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(PACKAGE)]
    return ours[-1] if ours else (frames[-1] if frames else None)


def _save(text: str) -> Path | None:
    """Write ``text`` to a new file in the temporary folder; ``None`` if that fails."""
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="summarygen-bug-",
                                         suffix=".txt", delete=False) as handle:
            handle.write(text)
        return Path(handle.name)
    except OSError:
        return None
