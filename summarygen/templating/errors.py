"""Template failures turned into problems naming the template file, the line and what to do.

Jinja's own messages (``No filter named 'x'.``, ``access to attribute '__class__' of 'str'
object is unsafe.``) are meant for programmers. Every failure of a template, whether found when
it is compiled or when it runs, becomes a :class:`RenderFailure` holding one
:class:`~summarygen.errors.Problem` in the user's language.

A failure of summarygen's own code while a template runs is not the template's: an exception
such as ``KeyError`` or ``TypeError`` raised inside a filter (or anything else of ours that a
template calls) is a bug and passes through :func:`guarded` unchanged, to be shown as one (see
:mod:`summarygen.cli.bug`). Where it was raised decides: in the template's own line, in Jinja or
in the sandbox acting for the template, it is the template's; in summarygen's other code, ours.
Our code reports the template's mistakes on purpose with a :class:`TemplateMistake`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, NoReturn, TypeVar

import jinja2
from jinja2.debug import rewrite_traceback_stack
from jinja2.sandbox import SandboxedEnvironment

from summarygen.errors import Problem, suggest
from summarygen.i18n import _
from summarygen.templating.datalines import MissingInData, data_problem

T = TypeVar("T")

TAGS = ("for", "if", "elif", "else", "set", "macro", "call", "include", "import", "from",
        "block", "extends", "filter", "with", "do", "break", "continue")
"""The statement tags a template may use (for suggestions)."""

_TOKENS = {"end of print statement": "}}", "end of statement block": "%}",
           "end of template": "EOF", "begin of print statement": "{{",
           "begin of statement block": "{%"}
_OUTSIDE = re.compile(r"(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[A-Za-z]:|\\")


PACKAGE = str(Path(__file__).resolve().parent.parent)
"""Where summarygen's own source files are."""
_SANDBOX = str(Path(__file__).resolve().parent / "render.py")
"""The sandbox, which runs operators and loads templates for the template."""


class TemplateMistake(ValueError):
    """Raised by summarygen's code that a template calls (a filter) to report a mistake of the
    template or of its data; the message, in the user's language, is shown as it is."""


class RenderFailure(Exception):
    """Rendering failed; ``problem`` says where and why (collected, then reported once)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class UnreadableTemplate(jinja2.TemplateError):
    """A template file that is not UTF-8 text (saved as GBK by Notepad, for example)."""

    def __init__(self, message: str, filename: str) -> None:
        super().__init__(message)
        self.filename = filename


class Refused(jinja2.exceptions.SecurityError):
    """The sandbox refused an operation; the message is already in the user's words."""


class RenderTimeout(BaseException):
    """Raised in the rendering thread when a report's templates run longer than their limit
    (see :class:`summarygen.templating.limits.Deadline`). A ``BaseException``, so that no
    ``except Exception`` on the way swallows it."""

    seconds: ClassVar[float] = 0


def guarded(action: Callable[[], T], env: SandboxedEnvironment) -> T:
    """Run a template action; any failure of the template becomes a :class:`RenderFailure`."""
    try:
        return action()
    except RenderTimeout as exc:
        _fail(_("the templates ran longer than {seconds} seconds (limits: render_seconds in "
                "summarygen.yaml); a loop may never end or do far too much").format(
            seconds=f"{exc.seconds:g}"), *_template_frame(rewrite_traceback_stack(None)))
    except jinja2.TemplateSyntaxError as exc:
        _fail(_("template syntax error: {reason}").format(reason=_syntax_reason(exc, env)),
              exc.filename, exc.lineno)
    except jinja2.TemplateNotFound as exc:
        _fail(_not_found(exc, env), *_template_frame(exc))
    except jinja2.exceptions.SecurityError as exc:
        _fail(_security(exc), *_template_frame(exc))
    except MissingInData as exc:
        where = _template_frame(exc)
        found = data_problem(exc, *where, getattr(env.undefined, "root", None))
        if found is not None:
            raise RenderFailure(found) from None
        _fail(str(exc.message), *where)
    except jinja2.UndefinedError as exc:
        _fail(str(exc.message), *_template_frame(exc))
    except RecursionError as exc:
        _fail(_("the templates include each other in a loop, or a macro calls itself without "
                "end"), *_template_frame(exc))
    except UnreadableTemplate as exc:
        _fail(str(exc.message), exc.filename, None)
    except jinja2.TemplateError as exc:  # such as a test that does not exist, found at run time
        _fail(_("the template cannot be used: {reason}").format(
            reason=_syntax_reason(exc, env)), *_template_frame(exc))
    except TemplateMistake as exc:
        _fail(str(exc), *_template_frame(exc))
    except (ValueError, ArithmeticError, TypeError, AttributeError, LookupError) as exc:
        if raised_in_our_code(exc):
            raise  # a bug of ours, not the template's mistake
        if isinstance(exc, OverflowError):
            _fail(_overflow(exc), *_template_frame(exc))
        if isinstance(exc, (ValueError, ArithmeticError)):
            _fail(str(exc), *_template_frame(exc))
        _fail(_("the template cannot do this with these values ({reason}); check the "
                "expression on this line").format(reason=exc), *_template_frame(exc))


def raised_in_our_code(exc: BaseException) -> bool:
    """Whether ``exc`` was raised in summarygen's own code (a filter …) rather than in the
    template's line, in Jinja or in the sandbox that runs the template's operators.

    The innermost frame that is either the template's or summarygen's decides; frames of the
    standard library and of Jinja are passed over (a ``KeyError`` from ``dict`` inside a filter
    is the filter's)."""
    import traceback  # a template's mistake only

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if not frame.filename.endswith(".py"):
            return False  # a template (Jinja names the frames of compiled templates after them)
        if frame.filename.startswith(PACKAGE):
            return frame.filename != _SANDBOX and frame.filename != __file__
    return False


def _fail(message: str, filename: str | None, line: int | None) -> NoReturn:
    raise RenderFailure(Problem(message, Path(filename) if filename else None, line)) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line where ``exc`` happened (Jinja puts them in the traceback)."""
    import traceback  # a template's mistake only

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            return frame.filename, frame.lineno
    return None, None


def _syntax_reason(exc: jinja2.TemplateError, env: SandboxedEnvironment) -> str:
    text = exc.message or ""
    match = re.search(r"No filter named '(.*?)'", text)
    if match is not None:
        return _("there is no filter “{name}”").format(name=match[1]) + suggest(
            match[1], env.filters)
    match = re.search(r"No test named '(.*?)'", text)
    if match is not None:
        return _("there is no test “{name}”").format(name=match[1]) + suggest(match[1], env.tests)
    match = re.search(r"Encountered unknown tag '(.*?)'\.(?:.*?looking for the following tags: "
                      r"'(.*?)')?", text)
    if match is not None:
        if match[2]:
            return _("“{{% {tag} %}}” does not belong here; the open block must first be "
                     "closed with “{{% {expected} %}}”").format(tag=match[1], expected=match[2])
        return _("“{{% {tag} %}}” is not a known tag").format(tag=match[1]) + suggest(
            match[1], TAGS)
    match = re.search(r"Unexpected end of template.*block that needs to be closed is '(.*?)'",
                      text)
    if match is not None:
        return _("the template ends before “{{% {tag} %}}” is closed; add “{{% end{tag} %}}”")\
            .format(tag=match[1])
    return _translate_tokens(text)


def _translate_tokens(text: str) -> str:
    match = re.search(r"expected token '(.*?)', got '(.*?)'", text)
    if match is not None:
        return _("expected “{expected}” but found “{found}”").format(
            expected=_TOKENS.get(match[1], match[1]), found=_TOKENS.get(match[2], match[2]))
    if text.startswith("unexpected end of template"):
        return _("the template ends inside an unfinished “{{{{ … }}}}” or “{{% … %}}”").format()
    match = re.search(r"unexpected '(.*?)'", text)
    if match is not None:
        return _("“{found}” is not expected here").format(found=_TOKENS.get(match[1], match[1]))
    if text.startswith("Expected an expression"):
        return _("a value or a name is missing here")
    return text


def _not_found(exc: jinja2.TemplateNotFound, env: SandboxedEnvironment) -> str:
    name = str(exc.name)
    if _OUTSIDE.search(name):
        return _("templates are loaded only from the template folders; “{name}” points "
                 "outside them").format(name=name)
    return _("template “{name}” not found in the template folders").format(name=name) + \
        suggest(name, env.list_templates())


def _security(exc: jinja2.exceptions.SecurityError) -> str:
    if isinstance(exc, Refused):
        return str(exc)
    match = re.search(r"attribute '(.*?)'", str(exc))
    if match is not None:
        return _("the template may not use “{name}”: names beginning with “_” and Python's "
                 "internals are closed to templates; use only the data, filters and "
                 "macros").format(name=match[1])
    return _("the template tried something that is not allowed; templates may only use the "
             "data, filters and macros")


def _overflow(exc: OverflowError) -> str:
    if str(exc).startswith("Range too big"):
        return _("range() may produce at most {limit} numbers in a template").format(
            limit=jinja2.sandbox.MAX_RANGE)
    return _("a number in the template is too large")
