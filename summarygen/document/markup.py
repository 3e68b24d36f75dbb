"""The summary markup that templates emit, parsed into a document tree.

- ``# 标题`` is the title; consecutive ``#`` lines are the lines of a long title.
- ``##`` … ``#####`` are heading levels 1–4. Numbers are never typed: they are computed by position.
- A heading whose text ends in ``。`` followed directly (no blank line) by text is *run-in*:
  heading and text form one paragraph (``（一）疫情防控工作。一是……``).
- Blank lines separate paragraphs; lines of one paragraph are joined without a space (Chinese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarygen.document.tree import Block, Heading, LevelThreePunct, Numberer, Paragraph
from summarygen.errors import Problems
from summarygen.i18n import _

_HEADING = re.compile(r"^(#{1,5})\s+(.*?)\s*$")
_TYPED_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\(\s*[一二三四五六七八九十]+\s*\)"
    r"|\d+[.、．]|（\d+）|\(\d+\))")


@dataclass(frozen=True)
class Parsed:
    """The title lines and blocks of a report, as parsed from markup."""

    title: tuple[str, ...]
    blocks: tuple[Block, ...]


def parse(markup: str, level_three: LevelThreePunct = ".", problems: Problems | None = None,
          source: str = "") -> Parsed:
    """Parse rendered markup; mistakes (typed numbers, skipped levels) go to ``problems``."""
    problems = problems if problems is not None else Problems()
    numberer = Numberer(level_three)
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
            if _TYPED_NUMBER.match(words):
                problems.error(_("the heading “{text}” starts with a typed number; remove it, "
                                 "numbers are added automatically").format(text=words[:20]),
                               None, number, source or None)
            if depth > level + 1:
                problems.error(_("heading level {level} follows level {previous}; a level was "
                                 "skipped").format(level=depth, previous=level),
                               None, number, source or None)
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
