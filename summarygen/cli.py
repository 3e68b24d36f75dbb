"""The command line. Each command parses its options and calls one library function.

User errors are :class:`~summarygen.errors.SummarygenError` (exit 1, message on stderr); click's
usage errors exit 2. Heavy modules are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from summarygen import __version__
from summarygen.i18n import _

F = TypeVar("F", bound=Callable[..., Any])


def workspace_option(func: F) -> F:
    """``-C DIR``: the workspace (default: the current folder)."""
    return click.option(
        "-C", "--workspace", "root", default=".", show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=_("Workspace folder (holds summarygen.yaml)."))(func)


def _show_problems(problems: Any, root: Path) -> None:
    for problem in problems:
        click.echo(problem.format(root), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summarygen")
def cli() -> None:
    """summarygen: build work summaries in the official format from YAML data and templates."""


@cli.command()
@workspace_option
@click.option("--variant", "-V", "variants", multiple=True, metavar="V",
              help=_("Build only this variant (repeatable); default: every variant."))
@click.option("--period", "-p", metavar="P",
              help=_("Period such as 2024-H1, 2024-H2 or 2024; default: the latest."))
@click.option("--format", "-f", "formats", multiple=True, default=("docx",), show_default=True,
              type=click.Choice(["docx", "md", "txt"]),
              help=_("Output format (repeatable): docx, md (numbered markup) or txt."))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path),
              help=_("Output folder; default: out/ in the workspace."))
@click.option("--strict", is_flag=True, help=_("Treat warnings as errors."))
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help=_("Build in N processes; default: one per core."))
def build(root: Path, variants: tuple[str, ...], period: str | None, formats: tuple[str, ...],
          out: Path | None, strict: bool, jobs: int | None) -> None:
    """Build the reports of a period (every variant, or those named)."""
    from summarygen.build import run_build

    result = run_build(root, variants, period, formats, out, strict, jobs)
    _show_problems(result.problems, root)
    for path in result.written:
        click.echo(_("written: {path}").format(path=path))


@cli.command()
@workspace_option
@click.option("--variant", "-V", "variants", multiple=True, metavar="V",
              help=_("Check only this variant (repeatable)."))
@click.option("--period", "-p", metavar="P", help=_("Period to check; default: the latest."))
@click.option("--strict", is_flag=True, help=_("Fail on warnings too."))
def check(root: Path, variants: tuple[str, ...], period: str | None, strict: bool) -> None:
    """Validate configuration, datasets and templates; write nothing."""
    from summarygen.build import run_check

    problems = run_check(root, variants, period)
    problems.raise_if_failed(strict, root)
    _show_problems(problems, root)
    click.echo(_("check passed: {warnings} warning(s).").format(warnings=len(problems.warnings)))


def main() -> None:
    """Entry point of the ``summarygen`` command."""
    cli(prog_name="summarygen")
