"""The command line. Each command parses its options and calls one library function.

User errors are :class:`~summarygen.errors.SummarygenError` (exit 1, message on stderr); click's
usage errors exit 2; anything else is a bug of ours (exit 3, see :mod:`summarygen.cli.bug`).
The options several commands share (``-C``, ``-q``/``-v``, ``--strict``, ``--lang``) are declared
once, in :mod:`summarygen.cli.options`. Heavy modules are imported inside the commands so
``--help`` stays fast.
Help texts are English msgids marked with ``N_`` and translated when shown (see
:mod:`summarygen.cli.options`), so ``--lang`` can choose the language of every text.
"""

from __future__ import annotations

from pathlib import Path

import click

from summarygen import __version__
from summarygen.cli.options import (
    Choice,
    Count,
    Group,
    new_workspace_option,
    option,
    optional_workspace_option,
    quiet_option,
    strict_option,
    verbosity_options,
    version_option,
    workspace_option,
)
from summarygen.i18n import N_, _


@click.group("summarygen", cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar=N_("COMMAND [ARGS]..."),
             help=N_("summarygen: build work summaries in the official format from YAML data "
                     "and templates."))
@version_option(__version__)
def cli() -> None:
    pass


@cli.command(help=N_("Build the reports of a period (every variant, or those named)."))
@workspace_option
@option("--variant", "-V", "variants", multiple=True, metavar="V",
        help=N_("Build only this variant (repeatable); default: every variant."))
@option("--period", "-p", metavar="P",
        help=N_("Period such as 2024-H1, 2024-H2 or 2024; default: the latest."))
@option("--format", "-f", "formats", multiple=True, default=("docx",), show_default=True,
        type=Choice(["docx", "md", "txt", "pdf"]),
        help=N_("Output format (repeatable): docx, md (numbered markup), txt, or pdf "
                "(made by LibreOffice)."))
@option("--out", "-o", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
        help=N_("Output folder; default: out/ in the workspace."))
@strict_option
@option("--watch", "-w", is_flag=True,
        help=N_("Keep running: rebuild whenever a dataset, template or summarygen.yaml "
                "changes (Ctrl-C stops)."))
@option("--jobs", "-j", type=Count(minimum=1), metavar="N",
        help=N_("Build in N processes; default: one per core from eight reports on "
                "(fewer are built faster in one)."))
@verbosity_options
def build(root: Path, variants: tuple[str, ...], period: str | None, formats: tuple[str, ...],
          out: Path | None, strict: bool, watch: bool, jobs: int | None, quiet: bool,
          verbose: bool) -> None:
    from summarygen.build import epoch_from_environment, run_build
    from summarygen.cli.console import Console, verbosity

    console = Console(verbosity(quiet, verbose))

    def once() -> None:
        result = run_build(root, variants, period, formats, out, strict, observer=console,
                           jobs=jobs, epoch=epoch_from_environment())
        console.grouped(result.problems, root)
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
@strict_option
@verbosity_options
def check(root: Path, variants: tuple[str, ...], period: str | None, strict: bool, quiet: bool,
          verbose: bool) -> None:
    from summarygen.build import run_check
    from summarygen.cli.console import Console, group_repeated, verbosity

    console = Console(verbosity(quiet, verbose))
    problems = run_check(root, variants, period, observer=console)
    problems.raise_if_failed(strict, root, None if verbose else group_repeated(list(problems)))
    console.grouped(problems, root)
    console.result(_("check passed: {warnings} warning(s).").format(
        warnings=len(problems.warnings)))


@cli.command(help=N_("Make a new workspace in DIR (default: the current folder, which must be "
                     "empty) from the built-in template pack, with example datasets for the "
                     "period being written."))
@click.argument("directory", metavar="DIR", required=False,
                type=click.Path(file_okay=False, path_type=Path))
@new_workspace_option
@option("--level", default="县", show_default=True, metavar="县|市|区…",
        help=N_("The level of the organisation as summarygen.yaml writes it: 县, 区 or 旗 (a "
                "county-level workspace), 市, 州 or 盟 (a city); county and city work too."))
@option("--org", "organisation", metavar="NAME",
        help=N_("Full name of the organisation, such as 霍山县民政局."))
@option("--period", "-p", metavar="P",
        help=N_("The period of the example datasets, such as 2024-H1, 2024-H2 or 2024; "
                "default: the one offices write at this time of year (January–March: last "
                "year's annual summary; April–September: this year's first half; "
                "October–December: this year's annual summary)."))
@quiet_option
def init(directory: Path | None, root: Path | None, level: str, organisation: str | None,
         period: str | None, quiet: bool) -> None:
    from summarygen.cli.console import NORMAL, QUIET, Console
    from summarygen.workspace.init import init_workspace

    folder = (root or Path(".")) / directory if directory is not None else root or Path(".")
    created = init_workspace(folder, level, organisation, period=period)
    console = Console(QUIET if quiet else NORMAL)
    console.result(_("created the workspace {folder} ({files} files).").format(
        folder=created.root, files=len(created.files)))
    why = (_("as asked with --period") if created.asked else
           _("the summary offices write at this time of year; another period with --period"))
    console.result(_("example datasets for {period} ({kind}, {why}), copied from the summary "
                     "of {source} by {organisation}: titles and wording follow the period.")
                   .format(period=created.period, kind=created.period.label, why=why,
                           source=created.source, organisation=created.organisation))
    console.result(_("next: edit the files in {datasets}, then run: summarygen build -C {folder}")
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
@quiet_option
def archive(root: Path, period: str | None, variants: tuple[str, ...], force: bool,
            verify_only: bool, quiet: bool) -> None:
    from summarygen.archive import seal as archiving
    from summarygen.build import epoch_from_environment
    from summarygen.cli.console import NORMAL, QUIET, Console

    console = Console(QUIET if quiet else NORMAL)

    if verify_only and (force or variants):
        raise click.UsageError(_("--verify checks whole revisions; it cannot be used with "
                                 "--force or --variant"))
    if verify_only:
        for revision in archiving.verify_archive(root, period):
            console.result(_("verified: {revision} (hashes match, rebuild byte-identical)")
                           .format(revision=revision.label))
        return
    result = archiving.archive_period(root, period, force, variants,
                                      epoch=epoch_from_environment())
    console.grouped(result.problems, root)
    console.result(_("archived: {revision} ({count} files)").format(
        revision=result.revision.label, count=result.files))


@cli.command(help=N_("List archived periods with their revisions, dates and variants."))
@workspace_option
def history(root: Path) -> None:
    from summarygen.workspace.revisions import history_lines

    for line in history_lines(root):
        click.echo(line)


@cli.command(help=N_("Compare two periods: the figures that changed, by area (old → new, "
                     "change, %), and the paragraphs that changed, with the changed words "
                     "marked."))
@workspace_option
@click.argument("old", metavar="P1")
@click.argument("new", metavar="P2")
@option("--variant", "-V", "variants", multiple=True, metavar="V",
        help=N_("Compare only this variant (repeatable); default: every variant."))
@option("--all", "every", is_flag=True,
        help=N_("Show every figure, unchanged ones too, and changed paragraphs in full."))
@option("--format", "-f", "fmt", default="text", show_default=True,
        type=click.Choice(["text", "md"]),
        help=N_("text for the terminal, or md (Markdown) to paste into a document."))
def diff(root: Path, old: str, new: str, variants: tuple[str, ...], every: bool,
         fmt: str) -> None:
    from summarygen.archive.compare import compare_periods, format_comparison, format_markdown

    comparison = compare_periods(root, old, new, variants)
    formatter = format_markdown if fmt == "md" else format_comparison
    for line in formatter(comparison, every):
        click.echo(line)


@cli.command("new-period", help=N_("Start a period from the latest one's datasets (never "
                                   "overwrites a period)."))
@workspace_option
@click.argument("period", metavar="P")
@option("--from", "source", metavar="P0",
        help=N_("Copy this period; default: the latest period before P."))
@option("--clear", is_flag=True,
        help=N_("Blank the figures instead of marking them “# 待更新”."))
@quiet_option
def new_period(root: Path, period: str, source: str | None, clear: bool, quiet: bool) -> None:
    from summarygen.cli.console import NORMAL, QUIET, Console
    from summarygen.workspace.newperiod import new_period as start

    made = start(root, period, clear, source)
    console = Console(QUIET if quiet else NORMAL)
    console.problems(made.problems, root)
    console.result(_("created datasets/{period}/ from {source}: {files} file(s).").format(
        period=made.period, source=made.source, files=made.files))
    console.result(_("{source} was copied as {reason}. Titles, headings and openings written as "
                     "【period.…】 follow {period} ({label}); “summarygen check” warns about "
                     "words that do not fit it.").format(
        source=made.source, reason=made.reason, period=made.period, label=made.period.label))
    if clear:
        console.result(_("{count} figure(s) cleared; “summarygen check” reports each empty "
                         "figure until it is filled in.").format(count=made.figures))
    else:
        console.result(_("{count} figure(s) marked “# 待更新”: update each one and delete its "
                         "mark; “summarygen check” warns about every mark left.").format(
            count=made.figures))
    if made.needs_date:
        console.result(_("to set the document date, add “{period}: {{date: …}}” under “periods:” "
                         "in summarygen.yaml; otherwise the last day of the period is used.")
                       .format(period=made.period))


@cli.command(help=N_("Check DOCX files against the official format (GB/T 9704-2012); any "
                     "program's files. Inside a workspace (or with -C) the workspace's "
                     "numbering, fonts and signature are expected; without FILE: its documents "
                     "of the latest period (out/<period>/*.docx)."))
@click.argument("files", nargs=-1, metavar="[FILE.docx]...",
                type=click.Path(dir_okay=False, path_type=Path))
@optional_workspace_option
@option("--profile", default=None,
        type=Choice(["gbt9704", "windows", "fangzheng", "practice"]),
        help=N_("Rules to check against instead of a workspace's: gbt9704 (the standard), "
                "practice (“1、” at level three, any name of the right typeface), windows or "
                "fangzheng (their font names)."))
@strict_option
@quiet_option
def verify(files: tuple[Path, ...], root: Path | None, profile: str | None, strict: bool,
           quiet: bool) -> None:
    from summarygen.verify import verify_files

    if not files:
        if root is None:
            raise click.UsageError(_("name the DOCX files to check, or run the command in a "
                                     "workspace (or with -C DIR) to check its latest "
                                     "documents"))
        from summarygen.build import built_documents

        files = built_documents(root)
    result = verify_files(files, profile, root)
    for line in result.lines(strict, quiet):
        click.echo(line)
    result.raise_if_failed(strict)


@cli.command("import", help=N_("Make a new workspace DIR from an existing summary (DOCX or "
                               "text) that rebuilds it, every figure in data."))
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@new_workspace_option
@option("--org", "organisation", metavar="NAME",
        help=N_("Full name of the organisation, when the document has no title or signature "
                "that names it."))
@option("--period", "-p", metavar="P",
        help=N_("Period such as 2024-H1, when the document does not say it."))
@quiet_option
def import_(file: Path, directory: Path, root: Path | None, organisation: str | None,
            period: str | None, quiet: bool) -> None:
    from summarygen.adopt.workspace import import_document

    target = root / directory if root is not None else directory
    imported = import_document(file, target, organisation, period)
    for line in [] if quiet else imported.lines():
        click.echo(line)


@cli.command(help=N_("Re-lay any DOCX in the official format (GB/T 9704-2012) without changing "
                     "its text."))
@click.argument("source", metavar="IN.docx", type=click.Path(dir_okay=False, path_type=Path))
@option("--output", "-o", metavar="OUT.docx", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("The re-laid file (IN is never overwritten without --in-place)."))
@option("--in-place", is_flag=True,
        help=N_("Replace IN itself, keeping the original beside it as IN.orig.docx."))
@option("--profile", default="gbt9704", show_default=True,
        type=Choice(["gbt9704", "windows", "fangzheng", "practice"]),
        help=N_("Font names to lay out with: gbt9704 (the standard's), windows, fangzheng or "
                "practice."))
@strict_option
@quiet_option
def fix(source: Path, output: Path | None, in_place: bool, profile: str, strict: bool,
        quiet: bool) -> None:
    from summarygen.adopt.relayout import FixIncomplete, fix_document

    if (output is None) == (not in_place):
        raise click.UsageError(_("name the output with -o OUT.docx, or use --in-place"))
    fixed = fix_document(source, output, in_place, profile)
    for line in [] if quiet else fixed.lines():
        click.echo(line)
    if strict and fixed.remaining:
        raise FixIncomplete(_("{count} finding(s) in the text are left to correct by hand")
                            .format(count=len(fixed.remaining)))


@cli.command(help=N_("Show what this machine has and lacks for the workspace: Python, LibreOffice "
                     "for PDF, the fonts its style asks for, the console's encoding; with the fix "
                     "for each. Exit status 1 if something is missing; -q shows only what is "
                     "missing."))
@optional_workspace_option
@quiet_option
def doctor(root: Path | None, quiet: bool) -> None:
    import sys

    from summarygen.doctor import diagnose

    for stream in (sys.stdout, sys.stderr):  # a console that cannot show Chinese is reported,
        reconfigure = getattr(stream, "reconfigure", None)  # not a crash while reporting it
        if reconfigure is not None:
            reconfigure(errors="replace")
    diagnosis = diagnose(root)
    if diagnosis.workspace is None and not quiet:
        click.echo(_("{folder} is not a workspace: checking the fonts of the default style "
                     "(gbt9704).").format(folder=root or Path(".")))
    for line in diagnosis.lines(only_missing=quiet):
        click.echo(line)
    if not quiet:
        click.echo(diagnosis.summary())
    if diagnosis.missing:
        raise SystemExit(1)


def main() -> None:
    """Entry point of the ``summarygen`` command."""
    cli(prog_name="summarygen")
