"""Rendering templates to summary markup in a sandboxed, strict Jinja environment.

Templates come only from the variant's template folder and the workspace's ``templates/`` (in
that order). An undefined name, a missing value, a syntax error or an attempt to leave the sandbox
becomes a :class:`~summarygen.templating.errors.RenderFailure` naming the template file and line
(see :mod:`summarygen.templating.errors`).
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import jinja2
import jinja2.bccache
from jinja2.sandbox import SandboxedEnvironment

from summarygen.boundary import within
from summarygen.data.records import Record, key_of
from summarygen.data.yamlio import decode
from summarygen.errors import Problem, Problems, shown_path, suggest
from summarygen.i18n import _
from summarygen.templating import limits
from summarygen.templating.datalines import missing_in
from summarygen.templating.errors import (
    Refused,
    RenderFailure,
    TemplateMistake,
    UnreadableTemplate,
    guarded,
)

__all__ = ["ENTRY_TEMPLATE", "RenderFailure", "check_templates", "locate", "make_environment",
           "render"]

ENTRY_TEMPLATE = "report.md.j2"


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined whose message names the dataset the field is missing from, and the
    known name nearest to the one asked for."""

    __slots__ = ()
    root: ClassVar[Path | None] = None
    """The workspace, so that dataset files are named relative to it."""
    known: ClassVar[tuple[str, ...]] = ()
    """Names defined for the template (the context and Jinja's globals)."""

    def __init__(self, hint: str | None = None, obj: Any = jinja2.utils.missing,
                 name: str | None = None,
                 exc: type[jinja2.exceptions.TemplateRuntimeError] = jinja2.UndefinedError
                 ) -> None:
        if isinstance(obj, Record) and obj.path is not None and exc is jinja2.UndefinedError:
            exc = missing_in(obj, str(name))  # reported at the dataset line (datalines.py)
        super().__init__(hint, obj, name, exc)

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, str(self._undefined_name)
        if self._undefined_hint:
            return self._undefined_hint
        if isinstance(obj, Record):
            hint = suggest(name, list(obj))
            if obj.path is None:
                return _("“{name}” is not in {source}").format(  # a label such as N_("… “org”")
                    name=name, source=_(obj.source)) + hint
            source = shown_path(obj.path, self.root)
            if key_of(obj):
                return _("“{name}” is not in “{key}” of {source}").format(
                    name=name, key=key_of(obj), source=source) + hint
            return _("“{name}” is not in {source}").format(name=name, source=source) + hint
        if obj is jinja2.utils.missing:
            return _("“{name}” is not defined").format(name=name) + suggest(name, self.known)
        return _("“{name}” is not defined here").format(name=name)


def _finalize(value: Any) -> Any:
    """Refuse to print a missing value as an empty string."""
    if value is None:
        raise TemplateValueError(_("a value printed by the template is empty (None)"))
    return value


class TemplateValueError(TemplateMistake):
    """A template printed a value that is missing."""


_DICT_ATTRIBUTES = frozenset(dir(dict))
_PLAIN_OBJECTS = (jinja2.utils.Namespace, jinja2.runtime.LoopContext)


class _Sandbox(SandboxedEnvironment):
    """The sandbox, also refusing texts, lists and numbers too large to hold in memory (see
    :mod:`summarygen.templating.limits`)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = limits.Generator
    bounded_join = staticmethod(limits.join)
    render_seconds: float = limits.DEFAULT_RENDER_SECONDS

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any,
                   right: Any) -> Any:
        if operator_name == "**":
            if _is_number(right) and abs(right) > 100 and _is_number(left) and abs(left) > 1:
                raise Refused(_("the template computes a number too large to use"))
            return operator.pow(left, right)
        limits.check_binop(operator_name, left, right)
        return _BINOPS[operator_name](left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is jinja2.runtime.Macro:
            # a template's own macro: nothing for the checks below to refuse (it is neither a
            # method that grows a text or list nor marked unsafe), and the most frequent call
            return __context.call(__obj, *args, **kwargs)
        limits.check_call(__obj, args, kwargs, __self.globals.get("lipsum"))
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A record's fields win over its Python attributes: ``period.label`` is the field
        ``label`` (上半年), never a method or property of the record class."""
        if isinstance(obj, Record):
            if attribute in obj:
                return obj[attribute]
            return self.undefined(obj=obj, name=attribute)
        # Shortcuts for what templates look up most (a quarter of the render time went to the
        # sandbox's checks), each giving what the sandbox would: a dict's key that is not a
        # dict method; an attribute of a namespace, loop, text or list, which the sandbox
        # allows unless it starts with “_”.
        kind = type(obj)
        if kind is dict:
            if attribute not in _DICT_ATTRIBUTES and attribute in obj:
                return obj[attribute]
        elif kind is str and attribute in ("format", "format_map"):
            return _bounded_format(obj, super().getattr(obj, attribute))
        elif (kind in _PLAIN_OBJECTS or kind is str or kind is list) \
                and not attribute.startswith("_"):
            # (a text's or list's methods, as ``split`` and ``append``: the sandbox allows
            # every one whose name does not start with “_”; growing a list is checked when
            # the method is called)
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def _bounded_format(template: str, method: Any) -> Any:
    def format_checked(*args: Any, **kwargs: Any) -> Any:
        values = [*args, *kwargs.values()]
        if values and isinstance(values[0], dict) and len(values) == 1:
            values = list(values[0].values())  # format_map
        limits.check_format(template, values)
        return method(*args, **kwargs)

    return format_checked


_BINOPS = {"*": operator.mul, "+": operator.add, "%": operator.mod}


def _is_record(value: Any) -> bool:
    """Whether ``value`` is a group of named fields from a dataset or a profile."""
    return isinstance(value, Record)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _FolderLoader(jinja2.FileSystemLoader):
    """Loads templates from the folders only: ``..`` is refused by Jinja already, and a link
    that leads out of the folders is refused here."""

    def __init__(self, folders: list[Path]) -> None:
        super().__init__([str(f) for f in folders], encoding="utf-8")
        self.folders = folders

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Any]:
        # checked before the file is read: a link may lead to a huge or private file
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if candidate.is_file():
                if not within(candidate, self.folders):
                    raise Refused(_("templates are loaded only from the template folders; "
                                    "“{name}” points outside them").format(name=template))
                limits.check_source_size(candidate.stat().st_size, template)
                break
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError:
            raise self._unreadable(template) from None
        limits.check_source(source, template)
        return source, filename, uptodate

    def _unreadable(self, template: str) -> UnreadableTemplate:
        """Why a template that is not UTF-8 cannot be used, in the words used for datasets."""
        pieces = jinja2.loaders.split_template_path(template)
        path = next((Path(folder, *pieces) for folder in self.searchpath
                     if Path(folder, *pieces).is_file()), Path(template))
        data = path.read_bytes()
        problems = Problems()
        if decode(data, path, problems) is None:
            return UnreadableTemplate(problems.errors[0].message, str(path))
        encoding = "UTF-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "GBK/GB18030"
        return UnreadableTemplate(_(
            "the template is saved as {encoding} (as Windows Notepad can do), not as UTF-8, "
            "and cannot be used; open it in Notepad, choose “Save as”, set the encoding to "
            "UTF-8 and save").format(encoding=encoding), str(path))


class _Cache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs; a cache that cannot be read or written is skipped
    (the template is compiled instead)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """``$XDG_CACHE_HOME/summarygen`` (``~/.cache/summarygen``): compiling the templates is a
    third of a two-report build; a bucket is keyed by the template's path and checked against
    its source, so an edited template is compiled again. ``SUMMARYGEN_NO_CACHE=1`` turns it off."""
    from summarygen.cachedir import cache_folder

    # what the compiled code depends on besides the source: a change of any of these (in a
    # later version of summarygen or Jinja) must not reuse code compiled before it
    options = repr((jinja2.__version__, type(env).__mro__[1].__name__,
                    env.code_generator_class.__qualname__, env.trim_blocks,
                    env.lstrip_blocks, env.keep_trailing_newline, env.autoescape,
                    env.finalize is not None, sorted(env.extensions),
                    sorted(getattr(env, "intercepted_binops", ())),
                    sorted(getattr(env, "intercepted_unops", ()))))
    digest = hashlib.sha256(options.encode()).hexdigest()[:16]
    folder = cache_folder(f"jinja-{digest}")
    if folder is None:
        return None
    return _Cache(str(folder))


def make_environment(folders: list[Path], root: Path | None = None,
                     render_seconds: float = limits.DEFAULT_RENDER_SECONDS
                     ) -> SandboxedEnvironment:
    """The sandboxed environment for templates in ``folders`` (searched in order); a report
    rendered in it may take ``render_seconds``."""
    from summarygen.templating.filters import FILTERS

    undefined = type("_Undefined", (_Undefined,), {"__slots__": (), "root": root})
    env = _Sandbox(
        loader=_FolderLoader(folders),
        undefined=undefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
    )
    env.render_seconds = render_seconds
    env.bytecode_cache = _bytecode_cache(env)
    limits.bounded_filters(env.filters)
    env.filters.update(FILTERS)
    env.tests["record"] = _is_record  # `value is record`: a group of named fields
    return env


def render(env: SandboxedEnvironment, context: dict[str, Any],
           entry: str = ENTRY_TEMPLATE) -> str:
    """The markup produced by the entry template; any failure is a :class:`RenderFailure`."""
    if isinstance(env.undefined, type) and issubclass(env.undefined, _Undefined):
        env.undefined.known = (*context, *env.globals)
    seconds = getattr(env, "render_seconds", limits.DEFAULT_RENDER_SECONDS)

    def bounded() -> str:
        parts: list[str] = []
        size = 0
        with limits.Deadline(seconds):
            template = env.get_template(entry)
            for part in template.generate(context):
                size += len(part)
                if size > limits.MAX_OUTPUT:
                    where = Path(template.filename) if template.filename else None
                    raise RenderFailure(Problem(limits.output_message(), where))
                parts.append(part)
        return "".join(parts)

    return guarded(bounded, env)


def check_templates(env: SandboxedEnvironment, problems: Problems) -> None:
    """Compile every template in the folders, so that each syntax error is reported, not only
    the first one met while rendering."""
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
        try:
            _compile(env, name)
        except RenderFailure as failure:
            problem = failure.problem
            if problem.path is None and isinstance(env.loader, jinja2.FileSystemLoader):
                found = [Path(f) / name for f in env.loader.searchpath if (Path(f) / name).exists()]
                problem = replace(problem, path=found[0] if found else None)
            problems.add(problem)


def _compile(env: SandboxedEnvironment, name: str) -> None:
    guarded(lambda: env.get_template(name), env)


def locate(problem: Problem, markup: str, folders: list[Path], variant: str = "") -> Problem:
    """A problem found in the rendered markup, moved to the template line that wrote it.

    A heading such as ``## 一、{{ titles.x }}`` is written on one template line; the rendered
    line is matched against each template line, its ``{{ … }}`` standing for any text. Only a
    single matching line is trusted: when none or several match, the problem names the variant
    and the line of the generated markup instead of a guessed template line.
    """
    lines = markup.splitlines()
    if problem.path is not None or not problem.line or problem.line > len(lines):
        return problem
    wanted = lines[problem.line - 1].strip()
    found = [(path, number) for path in _templates(folders)
             for number in _matching_lines(path, wanted)]
    if len(found) == 1:
        return replace(problem, path=found[0][0], line=found[0][1], key=None)
    return replace(problem, line=None, key=_("variant {variant}, line {line} of the generated "
                                             "markup").format(variant=variant or "-",
                                                              line=problem.line))


def _templates(folders: list[Path]) -> list[Path]:
    """The template files in search order; one a name (a variant's own hides the shared one)."""
    seen: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.j2")):
            # read like the loader reads: regular files inside the folders, of a template's size
            if path.is_file() and within(path, folders) and \
                    path.stat().st_size <= 4 * limits.MAX_TEMPLATE_CHARS:
                seen.setdefault(path.relative_to(folder).as_posix(), path)
    return list(seen.values())


def _matching_lines(path: Path, wanted: str) -> list[int]:
    try:
        source = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    for number, text in enumerate(source, 1):
        bare = re.sub(r"\{%.*?%\}|\{#.*?#\}", "", text).strip()
        parts = re.split(r"\{\{.*?\}\}", bare)
        if len(parts) > 1 and not parts[0]:
            continue  # a line made only of expressions matches anything
        pattern = ".*?".join(re.escape(part) for part in parts)
        if re.fullmatch(pattern, wanted):
            found.append(number)
    return found
