"""YAML syntax errors explained in the user's words, with the line and a caret under the spot.

PyYAML's own messages (``mapping values are not allowed here``) are precise but mean nothing to
office staff. Each known one is turned into what is wrong and what to do; the offending line is
shown with a caret under the column. When the parser only notices the mistake at the end of the
file (an unclosed quotation mark), the place where the unfinished thing began is shown instead,
and when it began on another line, both places are shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from summarygen.i18n import _
from summarygen.termtable import display_width

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Line breaks as editors (and YAML, as it is read here: see ``yamlio.load_text``) count them."""
_FULLWIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*\s*(：)")
_EXCERPT_WIDTH = 100
_SHOW_CONTEXT = re.compile(r"flow|quoted|simple key")
"""Contexts whose start is worth showing: an unclosed bracket, quotation mark or key."""


@dataclass(frozen=True)
class Spot:
    """A 0-based line and column in the text."""

    line: int
    column: int


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as editors number them."""
    return _LINE_BREAK.split(text)


def syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """The message for a YAML syntax error and the 1-based line to report it on."""
    lines = split_lines(text)
    problem = _spot(exc.problem_mark)
    context = _spot(exc.context_mark)
    colon = _fullwidth_colon(lines, problem)
    if colon is not None:
        reason = _("a full-width colon “：” follows the key; YAML needs a half-width colon and a "
                   "space (“: ”)")
        return _located(reason, colon, lines), colon.line + 1
    if problem is None:
        return _("YAML syntax error: {reason}").format(reason=_explain(exc)), None
    at_end = exc.problem_mark is not None and exc.problem_mark.index >= len(text.rstrip())
    primary = context if at_end and context is not None else problem
    message = _located(_explain(exc), primary, lines)
    if context is not None and context.line != primary.line and _SHOW_CONTEXT.search(
            exc.context or ""):
        message += "\n" + _("    it began at line {line}, column {column}:").format(
            line=context.line + 1, column=context.column + 1)
        message += "\n" + excerpt(lines, context)
    return message, primary.line + 1


def reader_message(exc: yaml.reader.ReaderError, text: str) -> tuple[str, int]:
    """The message for a character YAML refuses (a control character), with its place."""
    position = exc.position if 0 <= exc.position <= len(text) else 0
    before = split_lines(text[:position])
    spot = Spot(len(before) - 1, len(before[-1]))
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    reason = _("the file contains an invisible control character (U+{code:04X}); delete it "
               "(it is often pasted in from another program)").format(code=code)
    return _located(reason, spot, split_lines(text)), spot.line + 1


def _spot(mark: yaml.Mark | None) -> Spot | None:
    return Spot(int(mark.line), int(mark.column)) if mark is not None else None


def _located(reason: str, spot: Spot, lines: list[str]) -> str:
    return _("YAML syntax error at line {line}, column {column}: {reason}").format(
        line=spot.line + 1, column=spot.column + 1, reason=reason) + "\n" + excerpt(lines, spot)


def excerpt(lines: list[str], spot: Spot) -> str:
    """The line at ``spot`` and a caret under its column, both indented by four spaces."""
    source = lines[spot.line] if spot.line < len(lines) else ""
    column = min(spot.column, len(source))
    if len(source) > _EXCERPT_WIDTH:
        start = max(0, column - _EXCERPT_WIDTH // 2)
        prefix = "…" if start else ""
        source = prefix + source[start:start + _EXCERPT_WIDTH] + "…"
        column = column - start + len(prefix)
    shown = "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else "\ufffd"
                    for ch in source)  # an ideographic space is shown as itself (two columns)
    caret = " " * display_width(shown[:column]) + "^"
    return f"    {shown}\n    {caret}"


def _fullwidth_colon(lines: list[str], problem: Spot | None) -> Spot | None:
    """A ``key：value`` line at or just above the problem, the likeliest cause of the error."""
    if problem is None:
        return None
    last = min(problem.line, len(lines) - 1)
    for number in range(last, max(-1, last - 3), -1):
        match = _FULLWIDTH_COLON_KEY.match(lines[number])
        if match is not None:
            return Spot(number, match.start(1))
    return None


_Explainer = Callable[[re.Match[str]], str]


def _explanations() -> list[tuple[str, str, _Explainer]]:
    """(pattern on the problem, pattern on the context, explanation) — first match wins.

    Built on each call so that the messages follow the language chosen at run time.
    """
    return [
        (r"end of stream|document separator", r"quoted scalar", lambda m: _(
            "a quotation mark is not closed; add the closing quotation mark")),
        (r"unknown escape character '(.*)'", "", lambda m: _(
            "“\\{char}” inside double quotes is not allowed; use single quotes instead, or write "
            "a backslash as “\\\\”").format(char=m[1])),
        (r"found character '\\t'", "", lambda m: _("a tab character is used; use spaces")),
        (r"found character '(.*)' that cannot start", "", lambda m: _(
            "a value cannot begin with “{char}”; put the value in quotation marks")
            .format(char=m[1])),
        (r"mapping values are not allowed", "", lambda m: _(
            "a “key: value” cannot begin here; check the indentation, or put text containing "
            "“: ” in quotation marks")),
        (r"could not find expected ':'", "", lambda m: _(
            "the line has no “: ” after its key (a full-width “：” does not count), or a "
            "quotation mark is not closed")),
        (r"expected ',' or '\]'", "", lambda m: _(
            "the list that begins with “[” is not closed with “]”, or a comma is missing "
            "between its items")),
        (r"expected ',' or '\}'", "", lambda m: _(
            "the group that begins with “{{” is not closed with “}}”, or a comma is missing "
            "between its entries").format()),
        (r"expected <block end>", "", lambda m: _(
            "the indentation does not line up with the lines above (keys of one group must "
            "begin in the same column, and a list cannot be mixed with “key: value” lines)")),
        (r"sequence entries are not allowed", "", lambda m: _(
            "a list item “- ” cannot begin here; check the indentation")),
        (r"undefined alias '(.*)'", "", lambda m: _(
            "“*{name}” refers to an anchor “&{name}” that is not defined; if this is text, put "
            "it in quotation marks").format(name=m[1])),
        (r"alphabetic or numeric character", r"anchor|alias", lambda m: _(
            "“&” and “*” have a special meaning in YAML; if this is text, put it in quotation "
            "marks")),
        (r"another document", "", lambda m: _(
            "a file holds one set of data; remove the “---” line")),
        (r"tag handle|expected '!'|expected URI|expected '>'", "", lambda m: _(
            "“!” has a special meaning in YAML; if this is text, put it in quotation marks")),
        (r"chomping or indentation|indentation indicator", "", lambda m: _(
            "after “|” or “>” nothing may follow on the same line; begin the text on the next "
            "line")),
    ]


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    context = exc.context or ""
    for pattern, context_pattern, explain in _explanations():
        match = re.search(pattern, problem)
        if match is not None and re.search(context_pattern, context):
            return explain(match)
    return problem or context
