"""Rendering templates to summary markup in a sandboxed, strict Jinja environment.

Templates come only from the variant's template folder and the workspace's ``templates/`` (in
that order). An undefined name, a missing value, a syntax error or an attempt to leave the sandbox
becomes a :class:`~summarygen.errors.TemplateError` naming the template file and line.
"""

from __future__ import annotations

import difflib
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from summarygen.errors import Problem
from summarygen.i18n import _
from summarygen.records import Record

ENTRY_TEMPLATE = "report.md.j2"


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined whose message names the dataset or profile the field is missing from."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint:
            return self._undefined_hint
        if isinstance(obj, Record):
            hint = _close(str(name), list(obj))
            return _("“{name}” is not in {source}").format(name=name, source=obj.source) + hint
        if obj is jinja2.utils.missing:
            return _("“{name}” is not defined").format(name=name)
        return _("“{name}” is not defined here").format(name=name)


def _close(name: str, known: list[str]) -> str:
    match = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return _("; did you mean “{key}”?").format(key=match[0]) if match else ""


def _finalize(value: Any) -> Any:
    """Refuse to print a missing value as an empty string."""
    if value is None:
        raise TemplateValueError(_("a value printed by the template is empty (None)"))
    return value


class TemplateValueError(ValueError):
    """A template printed a value that is missing."""


class RenderFailure(Exception):
    """Rendering failed; ``problem`` says where and why (collected, then reported once)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def make_environment(folders: list[Path]) -> SandboxedEnvironment:
    """The sandboxed environment for templates in ``folders`` (searched in order)."""
    from summarygen.filters import FILTERS

    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders], encoding="utf-8"),
        undefined=_Undefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
    )
    env.filters.update(FILTERS)
    return env


def render(env: SandboxedEnvironment, context: dict[str, Any],
           entry: str = ENTRY_TEMPLATE) -> str:
    """The markup produced by the entry template; any failure is a :class:`RenderFailure`."""
    return guarded(lambda: env.get_template(entry).render(context), env)


def guarded(action: Callable[[], str], env: SandboxedEnvironment) -> str:
    """Run a rendering action, turning every template failure into a :class:`RenderFailure`."""
    try:
        return action()
    except jinja2.TemplateSyntaxError as exc:
        _raise(_("template syntax error: {reason}").format(reason=exc.message),
               exc.filename, exc.lineno, env)
    except jinja2.TemplateNotFound as exc:
        _raise(_("template “{name}” not found in the template folders").format(name=exc.name),
               *_template_frame(exc, env))
    except jinja2.exceptions.SecurityError as exc:
        _raise(_("the template tried something not allowed ({reason}); templates may only "
                 "use the data, filters and macros").format(reason=exc), *_template_frame(exc, env))
    except jinja2.UndefinedError as exc:
        _raise(str(exc.message), *_template_frame(exc, env))
    except (ValueError, TypeError, ArithmeticError) as exc:
        # Filters raise FigureError (a ValueError) for missing or wrong figures.
        _raise(str(exc), *_template_frame(exc, env))


def _template_frame(exc: BaseException, env: SandboxedEnvironment
                    ) -> tuple[str | None, int | None, SandboxedEnvironment]:
    """The template file and line where ``exc`` happened (Jinja keeps them in the traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            return frame.filename, frame.lineno, env
    return None, None, env


def _raise(message: str, filename: str | None, line: int | None,
           env: SandboxedEnvironment) -> NoReturn:
    path = Path(filename) if filename else None
    raise RenderFailure(Problem(message, path, line)) from None
