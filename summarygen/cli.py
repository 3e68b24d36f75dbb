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
def build(root: Path, variants: tuple[str, ...], period: str | None, formats: tuple[str, ...],
          out: Path | None, strict: bool) -> None:
    """Build the reports of a period (every variant, or those named)."""
    from summarygen.build import run_build

    result = run_build(root, variants, period, formats, out, strict)
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


@cli.command()
@workspace_option
@click.option("--period", "-p", metavar="P",
              help=_("Period to archive or verify; default: the latest (verify: every one)."))
@click.option("--variant", "-V", "variants", multiple=True, metavar="V",
              help=_("Archive only this variant (repeatable); default: every variant."))
@click.option("--force", is_flag=True,
              help=_("Archive again as a new revision beside the existing ones."))
@click.option("--verify", "verify_only", is_flag=True,
              help=_("Check archived files against their hashes and rebuild the documents."))
def archive(root: Path, period: str | None, variants: tuple[str, ...], force: bool,
            verify_only: bool) -> None:
    """Freeze a period: its datasets, templates, configuration, outputs and a manifest."""
    from summarygen import archive as archiving

    if verify_only and (force or variants):
        raise click.UsageError(_("--verify checks whole revisions; it cannot be used with "
                                 "--force or --variant"))
    if verify_only:
        for revision in archiving.verify_archive(root, period):
            click.echo(_("verified: {revision} (hashes match, rebuild byte-identical)")
                       .format(revision=revision.label))
        return
    result = archiving.archive_period(root, period, force, variants)
    _show_problems(result.problems, root)
    click.echo(_("archived: {revision} ({count} files)").format(
        revision=result.revision.label, count=result.files))


@cli.command()
@workspace_option
def history(root: Path) -> None:
    """List archived periods with their revisions, dates and variants."""
    from summarygen.revisions import history_lines

    for line in history_lines(root):
        click.echo(line)


@cli.command()
@workspace_option
@click.argument("old", metavar="P1")
@click.argument("new", metavar="P2")
@click.option("--variant", "-V", "variants", multiple=True, metavar="V",
              help=_("Compare only this variant (repeatable); default: every variant."))
def diff(root: Path, old: str, new: str, variants: tuple[str, ...]) -> None:
    """Compare two periods: figures (old, new, change) and the text line by line."""
    from summarygen.compare import compare_periods, format_comparison

    for line in format_comparison(compare_periods(root, old, new, variants)):
        click.echo(line)


@cli.command("new-period")
@workspace_option
@click.argument("period", metavar="P")
@click.option("--from", "source", metavar="P0",
              help=_("Copy this period; default: the latest period before P."))
@click.option("--clear", is_flag=True,
              help=_("Blank the figures instead of marking them “# 待更新”."))
def new_period(root: Path, period: str, source: str | None, clear: bool) -> None:
    """Start a period from the latest one's datasets (never overwrites a period)."""
    from summarygen.newperiod import new_period as start

    made = start(root, period, clear, source)
    for path in made.unmarked:
        click.echo(_("warning: {path}: the figures could not be marked safely; the file was "
                     "copied unchanged, check its figures by hand").format(path=path), err=True)
    click.echo(_("created datasets/{period}/ from {source}: {files} file(s).").format(
        period=made.period, source=made.source, files=made.files))
    if clear:
        click.echo(_("{count} figure(s) cleared; “summarygen check” reports each empty figure "
                     "until it is filled in.").format(count=made.figures))
    else:
        click.echo(_("{count} figure(s) marked “# 待更新”: update each one and delete its mark; "
                     "“summarygen check” warns about every mark left.").format(
            count=made.figures))
    if made.needs_date:
        click.echo(_("to set the document date, add “{period}: {{date: …}}” under “periods:” in "
                     "summarygen.yaml; otherwise the last day of the period is used.").format(
            period=made.period))


def main() -> None:
    """Entry point of the ``summarygen`` command."""
    cli(prog_name="summarygen")
