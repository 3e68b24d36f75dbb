"""Bounds on what one template may cost: time, the size of any text or list it makes, and the
size of the report it writes.

Template packs come from other offices, so a template that loops for ever or doubles a text until
memory runs out must fail like any other broken template: a message naming the template and line,
that report not built, every earlier output left as it was. The sandbox (see
:mod:`summarygen.templating.render`) checks sizes *before* it makes a text (``*``, ``+``, ``~``,
``center``/``indent``/``format`` widths, ``replace``, ``join``, ``lipsum``, growing a list), and
:class:`Deadline` stops a report that runs longer than ``limits.render_seconds`` wherever it is,
even in a loop that calls nothing: a watchdog thread raises :class:`RenderTimeout` in the
rendering thread (``PyThreadState_SetAsyncExc``, which works on every platform, unlike ``SIGALRM``).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sized
from types import TracebackType
from typing import Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat

from summarygen.i18n import _
from summarygen.templating.errors import Refused, RenderTimeout

MAX_SIZE = 1_000_000
"""Longest text or list a template may make (characters or items)."""
MAX_OUTPUT = 2_000_000
"""Longest report markup a template may write (a 100-page report is about 200,000)."""
MAX_TEMPLATE_CHARS = 500_000
"""Largest template file (a report's templates are a few kilobytes each)."""
DEFAULT_RENDER_SECONDS = 30
"""Longest a report's templates may run, unless ``limits.render_seconds`` says otherwise."""
LIPSUM_WORDS = 20_000
"""Most words ``lipsum()`` may make (paragraphs × words a paragraph)."""

_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format


def too_large(limit: int = MAX_SIZE) -> Refused:
    return Refused(_("the template makes a text or list longer than {limit}").format(limit=limit))


def check_size(size: int, limit: int = MAX_SIZE) -> None:
    if size > limit:
        raise too_large(limit)


def length(value: Any) -> int:
    return len(value) if isinstance(value, Sized) else len(str(value))


def check_binop(operator_name: str, left: Any, right: Any) -> None:
    """Refuse ``+``, ``*`` and ``%`` whose result would be too large."""
    if operator_name == "+" and isinstance(left, Sized) and isinstance(right, Sized):
        check_size(len(left) + len(right))
    elif operator_name == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, Sized) and isinstance(times, int):
                check_size(len(seq) * times)
    elif operator_name == "%" and isinstance(left, str):
        check_format(left, right if isinstance(right, (tuple, list)) else [right])


def check_format(template: str, args: Iterable[Any]) -> None:
    """Refuse a ``%``/``format`` template with a huge width, or whose fields would repeat long
    values into a text too large."""
    if _WIDTH.search(template):
        raise too_large()
    longest = max((length(a) for a in args), default=0)
    check_size(len(template) + (template.count("%") + template.count("{")) * longest)


def join(parts: tuple[Any, ...]) -> str:
    """``a ~ b`` in a template, refused before a text too large is made."""
    texts = [str(part) for part in parts]
    check_size(sum(len(t) for t in texts))
    return "".join(texts)


class Generator(CodeGenerator):
    """Compiles ``~`` to :func:`join` (through the environment), as Jinja's own ``str_join``
    cannot be bounded."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _width(value: Any) -> int:
    return value if isinstance(value, int) else length(value)


def _center(value: Any, width: int = 80) -> Any:
    check_size(_width(width))
    return str(value).center(width)


def _indent(value: Any, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
    lines = str(value).count("\n") + 1
    check_size(length(value) + lines * _width(width))
    return _ORIGINAL["indent"](value, width, first, blank)


def _wordwrap(env: Any, value: str, width: int = 79, break_long_words: bool = True,
              wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
    check_size(length(value) * (1 + len(wrapstring or "\n")))
    return str(_ORIGINAL["wordwrap"](env, value, width, break_long_words, wrapstring,
                                     break_on_hyphens))


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    check_format(str(value), [*args, *kwargs.values()])
    return str(_ORIGINAL["format"](value, *args, **kwargs))


def _replace(ctx: Any, value: Any, old: str, new: str, count: int | None = None) -> Any:
    text = str(value)
    times = text.count(str(old)) if old else len(text) + 1
    check_size(len(text) + times * len(str(new)))
    return _ORIGINAL["replace"](ctx, value, old, new, count)


def _join(ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    check_size(sum(length(item) for item in items) + len(d) * len(items))
    return str(_ORIGINAL["join"](ctx, items, d, attribute))


_ORIGINAL: dict[str, Callable[..., Any]] = {}


def bounded_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Replace Jinja's filters that can make huge texts by versions that check first."""
    from jinja2 import filters as builtin
    from jinja2 import pass_environment, pass_eval_context

    _ORIGINAL.update(indent=builtin.do_indent, wordwrap=builtin.do_wordwrap,
                     format=builtin.do_format, replace=builtin.do_replace, join=builtin.do_join)
    filters.update(center=_center, indent=_indent, wordwrap=pass_environment(_wordwrap),
                   format=_format, replace=pass_eval_context(_replace),
                   join=pass_eval_context(_join))


_STR_WIDTH = {"center", "ljust", "rjust", "zfill"}
_GROWING = {"append", "extend", "insert", "update", "setdefault"}


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any], lipsum: Any) -> None:
    """Refuse a call whose result would be too large: ``lipsum`` of many words, string methods
    with huge widths or repeats, a list or dict grown past the limit."""
    if obj is lipsum:
        names = ("n", "html", "min", "max")
        given = {**dict(zip(names, args, strict=False)), **kwargs}
        words = _int(given.get("n", 5)) * _int(given.get("max", 100))
        if words > LIPSUM_WORDS:
            raise Refused(_("lipsum() may make at most {limit} words in a template").format(
                limit=LIPSUM_WORDS))
        return
    owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name in _STR_WIDTH and args:
            check_size(_int(args[0]))
        elif name == "expandtabs":
            check_size(len(owner) * _int(args[0] if args else 8))
        elif name == "replace" and len(args) >= 2:
            times = owner.count(str(args[0])) if args[0] else len(owner) + 1
            check_size(len(owner) + times * length(args[1]))
        elif name == "join" and args and isinstance(args[0], (list, tuple)):
            items: list[Any] = list(args[0])
            check_size(len(owner) * len(items) + sum(length(a) for a in items))
    elif isinstance(owner, (list, dict)) and name in _GROWING:
        added = len(args[0]) if name in ("extend", "update") and args and isinstance(
            args[0], Sized) else 1
        check_size(len(owner) + added)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return 0


def output_message() -> str:
    return _("the template writes a report longer than {limit} characters").format(
        limit=MAX_OUTPUT)


def check_source(source: str, name: str) -> None:
    if len(source) > MAX_TEMPLATE_CHARS:
        raise Refused(_("the template {name} has {count} characters; a template may have at "
                        "most {limit}").format(name=name, count=len(source),
                                               limit=MAX_TEMPLATE_CHARS))


def check_source_size(size: int, name: str) -> None:
    """Refuse a template file too large to be one, before it is read (4 bytes a character at
    most in UTF-8)."""
    if size > 4 * MAX_TEMPLATE_CHARS:
        raise Refused(_("the template {name} is {size} bytes; a template may have at most "
                        "{limit} characters").format(name=name, size=size,
                                                     limit=MAX_TEMPLATE_CHARS))


class Deadline:
    """Stops the rendering thread with :class:`RenderTimeout` once ``seconds`` have passed,
    wherever it is (``with Deadline(seconds): …``). One watchdog thread serves every deadline
    of the process (:class:`_Watchdog`): a report costs no thread of its own."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.thread = threading.get_ident()
        self.kind = type("RenderTimeout", (RenderTimeout,), {"seconds": seconds})
        self.due = 0.0
        self.fired = False

    def __enter__(self) -> Deadline:
        self.due = time.monotonic() + self.seconds
        _watchdog().add(self)
        return self

    def fire(self) -> None:
        """Raise in the rendering thread (called by the watchdog, holding its lock); again a
        little later, should something have swallowed it."""
        _raise_in(self.thread, self.kind)
        self.fired = True
        self.due = time.monotonic() + 0.2

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        watchdog = _watchdog()
        with watchdog.changed:
            watchdog.deadlines.discard(self)
            if self.fired and not isinstance(exc, self.kind):
                # raised but not yet delivered: take it back. Only then: clearing when nothing
                # is pending would leave the interpreter checking for it at every step.
                _raise_in(self.thread, None)


class _Watchdog:
    """The thread that fires every :class:`Deadline` of this process when it is due; started
    with the first deadline, and anew in a forked child (threads do not survive a fork)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.deadlines: set[Deadline] = set()
        self.started = False

    def add(self, deadline: Deadline) -> None:
        with self.changed:
            if not self.started:
                threading.Thread(target=self._run, name="summarygen-render-deadline",
                                 daemon=True).start()
                self.started = True
            self.deadlines.add(deadline)
            self.changed.notify()

    def _run(self) -> None:
        with self.changed:
            while True:
                now = time.monotonic()
                for deadline in [d for d in self.deadlines if d.due <= now]:
                    deadline.fire()
                due = min((d.due for d in self.deadlines), default=None)
                self.changed.wait(None if due is None else max(0.0, due - now))


_WATCHDOG = [_Watchdog()]


def _watchdog() -> _Watchdog:
    return _WATCHDOG[0]


def _after_fork() -> None:
    """A forked child has none of its parent's threads, and may have copied the watchdog's lock
    while held: it gets a watchdog of its own."""
    _WATCHDOG[0] = _Watchdog()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_after_fork)


def _raise_in(thread: int, kind: type[BaseException] | None) -> None:
    import ctypes  # only when a deadline fires or is taken back: most reports never need it

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                               ctypes.py_object(kind) if kind else None)
