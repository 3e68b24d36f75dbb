"""Command-line texts in the user's language, chosen when the command runs.

Help texts are written in English and marked with :func:`~summarygen.i18n.N_`; the classes here
translate them each time they are shown, so one set of commands serves Chinese and English and a
test can run both in one process. The language is settled in :meth:`Group.main` before click
parses anything: ``--lang`` in the arguments, else ``SUMMARYGEN_LANG``/``LANGUAGE``/``LANG``.

click's own texts (``Usage:``, ``Options``, ``Error: …``) are marked for gettext in click itself
and looked up through the standard library's global domain, which follows only the environment.
:func:`route_click_texts` points click's modules at our ``click`` catalog instead, so they follow
``--lang`` as well.
"""

from __future__ import annotations

import functools
import gettext
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from summarygen.i18n import (
    N_,
    _,
    click_gettext,
    click_ngettext,
    language_for_command,
    listing,
)
from summarygen.termtable import display_width

LANG_CHOICES = ("zh", "en")
F = TypeVar("F", bound=Callable[..., Any])

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types",
                  "termui", "utils", "shell_completion", "_termui_impl")


def route_click_texts() -> None:
    """Make click translate its own texts through our ``click`` catalog and current language.

    Only click's modules already imported are changed (all of them but the progress bar's and
    shell completion's, which cost a fortieth of a build to import): the console calls this
    again once it has made a progress bar, and shell completion is imported here when the
    shell asks for it."""
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ):
        importlib.import_module("click.shell_completion")
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if getattr(module, "_", None) in (gettext.gettext, click_gettext):
            module._ = click_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) in (gettext.ngettext, click_ngettext):
            module.ngettext = click_ngettext  # type: ignore[attr-defined]


def language_in(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``args`` (``--lang en`` or ``--lang=en``), if any."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


@functools.cache
def _tokens() -> re.Pattern[str]:
    """Spaces, one Chinese character, or a run of other text; compiled when help is shown
    (its large character ranges cost more to compile than a build of one report)."""
    return re.compile(r"\s+|[\u2e80-\ufe4f\uff00-\uffef]|[^\s\u2e80-\ufe4f\uff00-\uffef]+")

_NO_LINE_START = set("，。、；：！？）》」』】”’,.;:!?)]")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; Chinese may break between any two characters, but a
    line never starts with a closing punctuation mark."""
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        line, used, space = "", 0, False
        for token in _tokens().findall(paragraph):
            if token.isspace():
                space = bool(line)
                continue
            gap = " " if space and (token.isascii() or line[-1:].isascii()) else ""
            need = display_width(gap + token)
            if line and used + need > width and token not in _NO_LINE_START:
                lines.append(line)
                line, used, gap, need = "", 0, "", display_width(token)
            line, used, space = line + gap + token, used + need, False
        lines.extend([line, ""])
    return lines[:-1]


class HelpFormatter(click.HelpFormatter):
    """click's help layout, with text wrapped by display width (Chinese takes two columns)."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, max(self.width - self.current_indent, 11)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max)
        first_col += col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2 - self.current_indent, 10))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class Context(click.Context):
    """A context whose help is laid out by :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


class _TranslatedHelp:
    """``help`` (and ``short_help``) kept as the English text, translated when read."""

    _help_id: str | None = None
    _short_help_id: str | None = None

    @property
    def help(self) -> str | None:
        return _(self._help_id) if self._help_id else self._help_id

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_id = value

    @property
    def short_help(self) -> str | None:
        return _(self._short_help_id) if self._short_help_id else self._short_help_id

    @short_help.setter
    def short_help(self, value: str | None) -> None:
        self._short_help_id = value


class Option(_TranslatedHelp, click.Option):
    """An option whose help text is translated when shown."""


class Command(_TranslatedHelp, click.Command):
    """A command whose texts, including ``--help``'s own, are translated when shown, and which
    accepts ``--lang`` (every command does: see :func:`lang_option`)."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(param.name == "lang" for param in self.params):
            lang_option(self)

    _options_metavar_id: str | None = None

    @property
    def options_metavar(self) -> str | None:
        return _(self._options_metavar_id) if self._options_metavar_id else None

    @options_metavar.setter
    def options_metavar(self, value: str | None) -> None:
        self._options_metavar_id = N_("[OPTIONS]") if value == "[OPTIONS]" else value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if getattr(self, "_translated_help_option", None) is None:
            self._translated_help_option = Option(
                names, is_flag=True, expose_value=False, is_eager=True,
                help=N_("Show this message and exit."), callback=_show_help)
        return cast(click.Option, self._translated_help_option)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help (click's word-based cut does not suit Chinese)."""
        text = self.short_help or self.help or ""
        first = text.strip().splitlines()[0] if text.strip() else ""
        for stop in ("。", ". "):
            if stop in first:
                first = first.split(stop)[0] + stop.strip()
                break
        return first


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class Group(Command, click.Group):
    """The ``summarygen`` group: settles the language before click reads the arguments."""

    command_class = Command
    context_class = Context
    _subcommand_metavar_id: str | None = None

    @property
    def subcommand_metavar(self) -> str:
        return _(self._subcommand_metavar_id) if self._subcommand_metavar_id else ""

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str) -> None:
        self._subcommand_metavar_id = value

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        argv = list(args) if args is not None else sys.argv[1:]
        choice = language_in(argv)
        route_click_texts()
        with language_for_command(choice if choice in LANG_CHOICES else None):
            try:
                return super().main(argv, *rest, **extra)
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise  # outside click's standalone mode: the caller handles them
            except Exception as exc:  # the error boundary: not a user's mistake, so a bug
                from summarygen.cli.bug import report_bug

                sys.exit(report_bug(exc, argv))


Group.group_class = Group


def option(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """:func:`click.option` with a translated help text (mark it with ``N_``)."""
    return click.option(*decls, cls=Option, **attrs)


def lang_option(func: F) -> F:
    """``--lang zh|en``: the language of every text. It is read from the arguments before click
    parses them (see :meth:`Group.main`), so it may stand before or after the command name;
    every :class:`Command` adds it to its options so that click accepts it there too."""
    return option("--lang", type=Choice(LANG_CHOICES), expose_value=False,
                  is_eager=True, metavar="zh|en",
                  help=N_("Interface language: zh (Chinese, the default) or en (English)."))(func)


# --- value types whose messages are written in the user's language ----------------------------


class Choice(click.Choice):  # type: ignore[type-arg]
    """:class:`click.Choice` whose refusal lists the choices as the user's language writes a
    list (click joins them with English commas: ``'docx', 'md'``)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value not in self.choices:
            self.fail(_("“{value}” is not one of {choices}").format(
                value=value, choices=listing(f"“{c}”" for c in self.choices)), param, ctx)
        return super().convert(value, param, ctx)


class Count(click.ParamType):  # type: ignore[type-arg]
    """A whole number of at least ``minimum``; click's ``IntRange`` shows ``[x>=1]`` in the help
    and names its type “integer range” in English."""

    name = "count"

    def __init__(self, minimum: int = 1) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(_("“{value}” is not a whole number").format(value=value), param, ctx)
        if number < self.minimum:
            self.fail(_("{value} is less than {minimum}").format(
                value=number, minimum=self.minimum), param, ctx)
        return number


# --- the options shared by the commands, declared once ------------------------------------------


def find_root(given: Path | None, optional: bool = False) -> Path | None:
    """``-C DIR`` as given; without it, the current folder or the nearest one above it that
    holds ``summarygen.yaml``; where no folder does, the current folder (``None`` if the
    command can do without a workspace)."""

    from summarygen.workspace.config import find_workspace

    if given is not None:
        return given
    here = Path.cwd()
    found = find_workspace(here)
    if found is None:
        return None if optional else Path(".")
    try:
        return Path(os.path.relpath(found, here))  # "." or "..": messages stay short
    except ValueError:  # on another drive (Windows)
        return found


_FIND, _OPTIONAL, _AS_GIVEN = "find", "optional", "as given"


def _workspace(mode: str) -> Callable[[F], F]:
    """``-C DIR``; without it: found (:func:`find_root`), ``None`` where none is found
    (``optional``), or ``None`` at once (``as given``: ``init`` makes the workspace)."""
    def callback(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        if ctx.resilient_parsing or mode == _AS_GIVEN:
            return value
        return find_root(value, optional=mode == _OPTIONAL)

    return option(
        "-C", "--workspace", "root", default=None, metavar="DIR", callback=callback,
        type=click.Path(file_okay=False, path_type=Path),
        help=N_("Workspace folder (holds summarygen.yaml); default: the current folder, or "
                "the nearest folder above it that holds summarygen.yaml.") if mode != _AS_GIVEN
        else N_("The folder to make the workspace in (DIR is then taken inside it)."))


workspace_option = _workspace(_FIND)
"""``-C DIR``: the workspace; default: found by walking up from the current folder."""
optional_workspace_option = _workspace(_OPTIONAL)
"""``-C DIR`` for a command that also works outside a workspace (``verify``): ``None`` when no
workspace is named or found."""
new_workspace_option = _workspace(_AS_GIVEN)
"""``-C DIR`` of ``init``: where the new workspace goes; nothing is looked for."""


def quiet_option(func: F) -> F:
    """``-q``: only errors (for a command that has no steps to show)."""
    return option("-q", "--quiet", is_flag=True, help=N_("Show only errors."))(func)


def verbosity_options(func: F) -> F:
    """``-q`` (only errors) and ``-v`` (every step as well)."""
    return option("-v", "--verbose", is_flag=True, help=N_("Show every step."))(
        quiet_option(func))


def strict_option(func: F) -> F:
    """``--strict``: warnings fail the command as errors do (exit 1)."""
    return option("--strict", is_flag=True,
                  help=N_("Treat warnings as errors (exit status 1)."))(func)


def version_option(version: str) -> Callable[[F], F]:
    """``--version``, its help text translated when shown."""
    return click.version_option(version, "--version", prog_name="summarygen",
                                message="%(prog)s %(version)s", cls=Option,
                                help=N_("Show the version and exit."))
