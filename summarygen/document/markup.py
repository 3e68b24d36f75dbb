"""The summary markup that templates emit, parsed into a document tree.

- ``# 标题`` is the title; consecutive ``#`` lines are the lines of a long title.
- ``##`` … ``#####`` are heading levels 1–4. Numbers are never typed: they are computed by position,
  in the forms ``style.numbering`` gives per level. The first heading may be of any level (an
  outline may start at （一）); after it a level may not be skipped on the way down.
- A heading whose text ends in ``。`` followed directly (no blank line) by text is *run-in*:
  heading and text form one paragraph (``（一）疫情防控工作。一是……``).
- Blank lines separate paragraphs; lines of one paragraph are joined without a space (Chinese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarygen.document.numbering import GBT9704, Numbering, recognise
from summarygen.document.tree import Block, Heading, Numberer, Paragraph
from summarygen.errors import Problems
from summarygen.i18n import _

_HEADING = re.compile(r"^(#{1,5})\s+(.*?)\s*$")


@dataclass(frozen=True)
class Parsed:
    """The title lines and blocks of a report, as parsed from markup."""

    title: tuple[str, ...]
    blocks: tuple[Block, ...]


def parse(markup: str, numbering: Numbering = GBT9704, problems: Problems | None = None,
          source: str = "") -> Parsed:
    """Parse rendered markup; headings are numbered in the forms of ``numbering``; mistakes
    (typed numbers, skipped levels, more headings than a form can count) go to ``problems``
    with the markup line (``source`` is the key they are reported under)."""
    problems = problems if problems is not None else Problems()
    numberer = Numberer(numbering)
    title: list[str] = []
    blocks: list[Block] = []
    level = 0
    pending: Heading | None = None  # a heading ending in 。 that may take the next text in
    for number, text, kind in _paragraphs(markup):
        if kind == "heading":
            pending = None
            depth = len(text[0]) - 1
            words = text[1]
            if depth == 0:
                title.append(words)
                continue
            for message in _heading_problems(words, depth, level, numberer, numbering):
                problems.error(message, None, number, source or None)
            level = depth
            heading = Heading(depth, words, numberer.next(depth), line=number)
            blocks.append(heading)
            pending = heading if words.endswith("。") else None
        else:
            body = text[1]
            if pending is not None and kind == "attached":
                blocks[-1] = Heading(pending.level, pending.text, pending.number, body,
                                     pending.line)
            else:
                blocks.append(Paragraph(body, number))
            pending = None
    return Parsed(tuple(title), tuple(blocks))


def _heading_problems(words: str, depth: int, previous: int, numberer: Numberer,
                      numbering: Numbering) -> list[str]:
    """What is wrong with a heading of level ``depth`` after one of level ``previous`` (0: the
    first heading, which may be of any level: an outline may start at （一）)."""
    messages = []
    typed = recognise(words)
    if typed is not None:
        messages.append(_("the heading “{text}” starts with a typed number; remove it, "
                          "numbers are added automatically").format(text=words[:20]))
    if previous and depth > previous + 1:
        messages.append(_("heading level {level} follows level {previous}; a level was "
                          "skipped").format(level=depth, previous=previous))
    form = numbering[depth - 1]
    if form.limit is not None and numberer.count(depth) == form.limit:  # once, at the first
        messages.append(_("more than {limit} headings at level {level}: the form “{form}” "
                          "cannot count further; choose another form in style.numbering")
                        .format(limit=form.limit, level=depth, form=form.text))
    return messages


def _paragraphs(markup: str) -> list[tuple[int, tuple[str, str], str]]:
    """(line, parts, kind) per paragraph; kind is heading, attached (no blank line before) or text.

    For headings ``parts`` is (hashes, words); for text it is ("", joined lines).
    """
    result: list[tuple[int, tuple[str, str], str]] = []
    current: list[str] = []
    start = 0
    attached = False
    after_heading = False

    def flush() -> None:
        nonlocal current
        if current:
            result.append((start, ("", "".join(current)), "attached" if attached else "text"))
            current = []

    for number, raw in enumerate(markup.splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            after_heading = False
            continue
        match = _HEADING.match(line)
        if match is not None:
            flush()
            result.append((number, (match[1], match[2]), "heading"))
            after_heading = True
            continue
        if not current:
            start, attached = number, after_heading
        current.append(line)
        after_heading = False
    flush()
    return result
