"""The document tree: what a report says, with its heading numbers, independent of any file format.

The markup parser (:mod:`summarygen.document.markup`) builds it; the writers (DOCX, Markdown,
text) read it.
Heading numbers are computed here, by position, so moving a section renumbers everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from summarygen.document.numbering import GBT9704, Numbering


@dataclass(frozen=True)
class Heading:
    """A numbered heading of level 1–4 (``一、`` ``（一）`` ``1.`` ``（1）``).

    A *run-in* heading has a ``body``: the heading and the body form one paragraph, the heading
    part in its level's font and the body in the body font (``（一）疫情防控工作。一是……``).
    """

    level: int
    """1 to 4."""
    text: str
    """The heading's words, without its number (``疫情防控工作。``)."""
    number: str
    """The computed number in its level's form (``一、`` ``（一）`` ``1.`` ``1）`` ``①``)."""
    body: str | None = None
    """The body text of a run-in heading; ``None`` for a heading on its own line."""
    line: int = 0
    """Line of the rendered markup it came from (for messages)."""

    @property
    def run_in(self) -> bool:
        return self.body is not None

    @property
    def heading_text(self) -> str:
        """Number and words as the reader sees them (``（一）疫情防控工作。``)."""
        return self.number + self.text


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: 仿宋, first line indented two characters."""

    text: str
    line: int = 0


@dataclass(frozen=True)
class Signature:
    """The closing block of an unsealed document (GB/T 9704 7.3.5.2): organisation and 成文日期."""

    organisation: str
    """The 署名 (by default the organisation's name)."""
    date: dt.date | None
    """The 成文日期; ``None`` when the workspace turns it off (``signature: {date: false}``)."""
    written: str = ""
    """The date as a document to re-lay wrote it (``summarygen fix`` changes no character);
    empty for a built report."""

    @property
    def date_text(self) -> str:
        """``2024年7月5日``: Arabic numerals, full year, no zero padding (7.3.5.4); empty
        without a date."""
        if self.written:
            return self.written
        if self.date is None:
            return ""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines of the block as a reader sees them: 署名, then 成文日期 if any."""
        return (self.organisation, self.date_text) if self.date_text else (self.organisation,)


Block = Heading | Paragraph


@dataclass(frozen=True)
class Metadata:
    """Core properties written into the file."""

    title: str
    author: str
    """The organisation, never the program."""
    created: dt.datetime
    """The build's fixed time (from the period or ``SOURCE_DATE_EPOCH``), so builds repeat."""
    language: str = "zh-CN"


@dataclass(frozen=True)
class Document:
    """A whole report."""

    title: tuple[str, ...]
    """The title, one item per line (a long title is broken by meaning)."""
    blocks: tuple[Block, ...]
    metadata: Metadata
    signature: Signature | None = None

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))


@dataclass
class Numberer:
    """Gives each heading its number by position, restarting under each new parent."""

    numbering: Numbering = GBT9704
    _counters: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    def next(self, level: int) -> str:
        """The number of the next heading at ``level`` (1–4); a level whose form cannot count
        that far (``①`` stops at 50) gives the bare digits, and the parser reports it."""
        if not 1 <= level <= 4:
            raise ValueError(f"heading level {level} is not 1 to 4")
        self._counters[level - 1] += 1
        for deeper in range(level, 4):
            self._counters[deeper] = 0
        return heading_number(level, self._counters[level - 1], self.numbering)

    def count(self, level: int) -> int:
        """How many headings the current parent has at ``level`` so far."""
        return self._counters[level - 1]


def heading_number(level: int, n: int, numbering: Numbering = GBT9704) -> str:
    """The number of the ``n``-th heading at ``level``: ``十一、`` ``（十二）`` ``3.`` ``（4）``."""
    form = numbering[level - 1]
    if form.limit is not None and n > form.limit:
        return str(n)
    return form.format(n)
