"""The command line. Each command parses its options and calls one library function.

User errors are :class:`~summarygen.errors.SummarygenError` (exit 1, message on stderr); click's
usage errors exit 2. Heavy modules are imported inside the commands so ``--help`` stays fast.
Help texts are English msgids marked with ``N_`` and translated when shown (see
:mod:`summarygen.cli.options`), so ``--lang`` can choose the language of every text.
"""

from __future__ import annotations

from pathlib import Path

import click

from summarygen import __version__
from summarygen.cli.options import F, Group, lang_option, option, version_option
from summarygen.i18n import N_, _


def workspace_option(func: F) -> F:
    """``-C DIR``: the workspace (default: the current folder)."""
    return option(
        "-C", "--workspace", "root", default=".", show_default=True, metavar="DIR",
        type=click.Path(file_okay=False, path_type=Path),
        help=N_("Workspace folder (holds summarygen.yaml)."))(func)


def verbosity_options(func: F) -> F:
    """``-q`` (only errors) and ``-v`` (every step)."""
    func = option("-q", "--quiet", is_flag=True,
                  help=N_("Show only errors."))(func)
    return option("-v", "--verbose", is_flag=True,
                  help=N_("Show every step."))(func)


@click.group("summarygen", cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar=N_("COMMAND [ARGS]..."),
             help=N_("summarygen: build work summaries in the official format from YAML data "
                     "and templates."))
@version_option(__version__)
@lang_option
def cli() -> None:
    pass


@cli.command(help=N_("Build the reports of a period (every variant, or those named)."))
@workspace_option
@option("--variant", "-V", "variants", multiple=True, metavar="V",
        help=N_("Build only this variant (repeatable); default: every variant."))
@option("--period", "-p", metavar="P",
        help=N_("Period such as 2024-H1, 2024-H2 or 2024; default: the latest."))
@option("--format", "-f", "formats", multiple=True, default=("docx",), show_default=True,
        type=click.Choice(["docx", "md", "txt", "pdf"]),
        help=N_("Output format (repeatable): docx, md (numbered markup), txt, or pdf "
                "(made by LibreOffice)."))
@option("--out", "-o", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
        help=N_("Output folder; default: out/ in the workspace."))
@option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
@option("--watch", "-w", is_flag=True,
        help=N_("Keep running: rebuild whenever a dataset, template or summarygen.yaml "
                "changes (Ctrl-C stops)."))
@option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
        help=N_("Build in N processes; default: one per core."))
@verbosity_options
def build(root: Path, variants: tuple[str, ...], period: str | None, formats: tuple[str, ...],
          out: Path | None, strict: bool, watch: bool, jobs: int | None, quiet: bool,
          verbose: bool) -> None:
    from summarygen.build import run_build
    from summarygen.cli.console import Console, verbosity

    console = Console(verbosity(quiet, verbose))

    def once() -> None:
        result = run_build(root, variants, period, formats, out, strict, observer=console,
                           jobs=jobs)
        console.problems(result.problems, root)
        for path in result.written:
            console.result(_("written: {path}").format(path=path))

    if not watch:
        once()
        return
    from summarygen.cli.watch import watch as watch_inputs

    watch_inputs(root, once, console)


@cli.command(help=N_("Validate configuration, datasets and templates; write nothing."))
@workspace_option
@option("--variant", "-V", "variants", multiple=True, metavar="V",
        help=N_("Check only this variant (repeatable)."))
@option("--period", "-p", metavar="P", help=N_("Period to check; default: the latest."))
@option("--strict", is_flag=True, help=N_("Fail on warnings too."))
@verbosity_options
def check(root: Path, variants: tuple[str, ...], period: str | None, strict: bool, quiet: bool,
          verbose: bool) -> None:
    from summarygen.build import run_check
    from summarygen.cli.console import Console, group_repeated, verbosity

    problems = run_check(root, variants, period)
    console = Console(verbosity(quiet, verbose))
    problems.raise_if_failed(strict, root, None if verbose else group_repeated(list(problems)))
    console.grouped(problems, root)
    console.result(_("check passed: {warnings} warning(s).").format(
        warnings=len(problems.warnings)))


@cli.command(help=N_("Make a new workspace in DIR from the built-in template pack, with example "
                     "datasets for this year's first half."))
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@option("--level", type=click.Choice(["county", "city"]), default="county", show_default=True,
        help=N_("The level of the organisation: county (县) or city (市)."))
@option("--org", "organisation", metavar="NAME",
        help=N_("Full name of the organisation, such as 霍山县民政局."))
def init(directory: Path, level: str, organisation: str | None) -> None:
    from summarygen.workspace.init import init_workspace

    created = init_workspace(directory, level, organisation)
    click.echo(_("created the workspace {folder} ({files} files).").format(
        folder=created.root, files=len(created.files)))
    click.echo(_("next: edit the files in {datasets}, then run: summarygen build -C {folder}")
               .format(datasets=created.datasets, folder=created.root))


@cli.command(help=N_("Print the JSON Schema of the dataset files (for editors that complete "
                     "and check YAML)."))
@workspace_option
@option("--area", "-a", metavar="A", help=N_("Only the schema of this work area."))
@option("--config", "config", is_flag=True,
        help=N_("The schema of summarygen.yaml instead of the datasets."))
@option("--write", is_flag=True,
        help=N_("Write every schema to .summarygen/schema/ in the workspace instead."))
def schema(root: Path, area: str | None, config: bool, write: bool) -> None:
    from summarygen.workspace import schema_export
    if write:
        for path in schema_export.write_schemas(root):
            click.echo(_("written: {path}").format(path=path))
        return
    document = (schema_export.config_schema() if config
                else schema_export.workspace_schema(root, area))
    click.echo(schema_export.dumps(document))


@cli.command(help=N_("Freeze a period: its datasets, templates, configuration, outputs and a "
                     "manifest."))
@workspace_option
@option("--period", "-p", metavar="P",
        help=N_("Period to archive or verify; default: the latest (verify: every one)."))
@option("--variant", "-V", "variants", multiple=True, metavar="V",
        help=N_("Archive only this variant (repeatable); default: every variant."))
@option("--force", is_flag=True,
        help=N_("Archive even so: a period that is not finished (figures marked “# 待更新”, "
                "warnings; the manifest records it), or an archived period again as a new "
                "revision beside the existing ones."))
@option("--verify", "verify_only", is_flag=True,
        help=N_("Check archived files against their hashes and rebuild the documents."))
def archive(root: Path, period: str | None, variants: tuple[str, ...], force: bool,
            verify_only: bool) -> None:
    from summarygen.archive import seal as archiving

    if verify_only and (force or variants):
        raise click.UsageError(_("--verify checks whole revisions; it cannot be used with "
                                 "--force or --variant"))
    if verify_only:
        for revision in archiving.verify_archive(root, period):
            click.echo(_("verified: {revision} (hashes match, rebuild byte-identical)")
                       .format(revision=revision.label))
        return
    from summarygen.cli.console import Console

    result = archiving.archive_period(root, period, force, variants)
    Console().problems(result.problems, root)
    click.echo(_("archived: {revision} ({count} files)").format(
        revision=result.revision.label, count=result.files))


@cli.command(help=N_("List archived periods with their revisions, dates and variants."))
@workspace_option
def history(root: Path) -> None:
    from summarygen.workspace.revisions import history_lines

    for line in history_lines(root):
        click.echo(line)


@cli.command(help=N_("Compare two periods: figures (old, new, change) and the text line by "
                     "line."))
@workspace_option
@click.argument("old", metavar="P1")
@click.argument("new", metavar="P2")
@option("--variant", "-V", "variants", multiple=True, metavar="V",
        help=N_("Compare only this variant (repeatable); default: every variant."))
def diff(root: Path, old: str, new: str, variants: tuple[str, ...]) -> None:
    from summarygen.archive.compare import compare_periods, format_comparison

    for line in format_comparison(compare_periods(root, old, new, variants)):
        click.echo(line)


@cli.command("new-period", help=N_("Start a period from the latest one's datasets (never "
                                   "overwrites a period)."))
@workspace_option
@click.argument("period", metavar="P")
@option("--from", "source", metavar="P0",
        help=N_("Copy this period; default: the latest period before P."))
@option("--clear", is_flag=True,
        help=N_("Blank the figures instead of marking them “# 待更新”."))
def new_period(root: Path, period: str, source: str | None, clear: bool) -> None:
    from summarygen.cli.console import Console
    from summarygen.workspace.newperiod import new_period as start

    made = start(root, period, clear, source)
    Console().problems(made.problems, root)
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


@cli.command(help=N_("Check DOCX files against the official format (GB/T 9704-2012); any "
                     "program's files."))
@click.argument("files", nargs=-1, required=True, metavar="FILE.docx...",
                type=click.Path(dir_okay=False, path_type=Path))
@option("--profile", default="gbt9704", show_default=True,
        type=click.Choice(["gbt9704", "windows", "fangzheng", "practice"]),
        help=N_("Rules to check against: gbt9704 (the standard), practice (“1、” at level "
                "three, any name of the right typeface), windows or fangzheng (their font "
                "names)."))
@option("--strict", is_flag=True, help=N_("Fail on warnings too."))
def verify(files: tuple[Path, ...], profile: str, strict: bool) -> None:
    from summarygen.verify import verify_files

    result = verify_files(files, profile)
    for line in result.lines(strict):
        click.echo(line)
    result.raise_if_failed(strict)


def main() -> None:
    """Entry point of the ``summarygen`` command."""
    cli(prog_name="summarygen")
