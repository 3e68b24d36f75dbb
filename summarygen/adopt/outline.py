"""A document read as a reader reads it: title, outline (headings with their levels and typed
numbers, run-in or standalone), body paragraphs, 落款 — as a :mod:`summarygen.document.tree`.

The paragraphs are classified by :func:`summarygen.verify.classify.classify`, the same judgement
``verify`` makes, so that ``fix`` and ``import`` see the document as ``verify`` will check it.
Every block keeps, in its ``line``, the number of the source paragraph it came from; what could
not be judged with confidence is listed as a :class:`Note` with its paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from summarygen.adopt.source import Source
from summarygen.document.tree import Block, Heading, Paragraph, Signature
from summarygen.i18n import _
from summarygen.verify.classify import Item, classify

TITLE_SIZE = 44
"""二号 in half-points: the size a title line continues at (GB/T 9704 7.3.1)."""
_DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")
_SPACES = " \t\u3000"
_SENTENCE_END = "。；！？：;!?:，,"
_TITLE_LINE_CHARS = 30


@dataclass(frozen=True)
class Note:
    """Something about one source paragraph that the reader should look at."""

    paragraph: int
    """Source paragraph (DOCX) or line (text), from 1; 0 for the document as a whole."""
    excerpt: str
    message: str


@dataclass
class Outline:
    """The document as a tree, with where each part came from."""

    title: list[str] = field(default_factory=list)
    title_lines: list[int] = field(default_factory=list)
    """Source paragraph of each title line."""
    blocks: list[Block] = field(default_factory=list)
    signature: Signature | None = None
    signature_lines: tuple[int, ...] = ()
    forms: dict[int, list[str]] = field(default_factory=dict)
    """The typed numbers of each heading level, in order (``{1: ["一、", "二、"], 3: ["1、"]}``)."""
    notes: list[Note] = field(default_factory=list)
    removed_empty: int = 0
    """Empty paragraphs between paragraphs of the text, which the official layout does not keep
    (the blank lines after the title and before the signature it writes itself)."""

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def note(self, item: Item, message: str) -> None:
        self.notes.append(Note(item.para.index, excerpt(item.text), message))


def excerpt(text: str, length: int = 16) -> str:
    text = text.strip()
    return text if len(text) <= length else text[:length] + "…"


def read_outline(source: Source, strip: bool = False) -> Outline:
    """The outline of ``source``. With ``strip`` (import), spaces around each paragraph are
    layout and dropped; without it (fix), every character is kept."""
    items = classify(source.paragraphs, TITLE_SIZE)
    _sentence_is_no_title(items, source.is_text)
    if source.is_text:
        _continue_title(items)
    outline = Outline()
    depth = 0
    empty = 0  # empty paragraphs since the last block: dropped if another block follows
    for item in items:
        if item.kind == "empty":
            empty += bool(outline.blocks)
            continue
        if item.kind in ("heading", "body", "table"):
            outline.removed_empty += empty
        empty = 0
        if item.kind == "title":
            outline.title.append(item.text.strip() if strip else item.text)
            outline.title_lines.append(item.para.index)
        elif item.kind == "heading":
            depth = _heading(outline, item, depth, strip)
        elif item.kind == "signature":
            continue
        else:
            if item.kind == "table":
                outline.note(item, _("text in a table, taken as a paragraph of its own"))
            text = item.text.strip() if strip else item.text
            outline.blocks.append(Paragraph(text, item.para.index))
    _signature(outline, [i for i in items if i.kind == "signature"], strip)
    return outline


def _sentence_is_no_title(items: list[Item], is_text: bool) -> None:
    """A first paragraph ending like a sentence (``……汇报如下。``) is the opening, not a title,
    unless it is centred as a title is."""
    first = next((i for i in items if i.kind != "empty"), None)
    if first is None or first.kind != "title" or first.para.format.jc == "center":
        return
    if first.text.strip()[-1] in _SENTENCE_END or (is_text and len(first.text.strip()) > 40):
        first.kind = "body"


def _continue_title(items: list[Item]) -> None:
    """A text file has no centring or sizes: short lines without a full stop right after the
    title's first line are its further lines (a long title broken by meaning)."""
    content = [i for i in items if i.kind != "empty"]
    if not content or content[0].kind != "title":
        return
    for item in content[1:]:
        text = item.text.strip()
        if item.kind != "body" or len(text) > _TITLE_LINE_CHARS or text[-1] in _SENTENCE_END:
            break
        item.kind = "title"


def _heading(outline: Outline, item: Item, depth: int, strip: bool) -> int:
    text = item.text
    start = item.lead + len(item.number)
    number = text[:start]
    if strip:
        number = number.strip(_SPACES)
    words, body = text[start:item.head_end], text[item.head_end:]
    if item.number:
        outline.forms.setdefault(item.level, []).append(item.number)
    else:
        outline.note(item, _("taken as a level {level} heading from its outline level; it has no "
                             "number").format(level=item.level))
    if item.level > depth + 1:
        outline.note(item, _("a level {level} heading follows level {previous}").format(
            level=item.level, previous=depth))
    if strip:
        words, body = words.strip(_SPACES), body.strip(_SPACES)
    outline.blocks.append(Heading(item.level, words, number, body or None, item.para.index))
    return item.level


def _signature(outline: Outline, block: list[Item], strip: bool) -> None:
    """The organisation and date lines at the end; a date alone is kept as a paragraph."""
    texts = [i.text.strip() if strip else i.text for i in block]
    date = _DATE.match(texts[-1]) if block else None
    if len(block) == 2 and date is not None:
        try:
            day = dt.date(int(date[1]), int(date[2]), int(date[3]))
        except ValueError:
            day = None
        if day is not None:
            outline.signature = Signature(texts[0], day, texts[1])
            outline.signature_lines = tuple(i.para.index for i in block)
            return
    for item, text in zip(block, texts, strict=True):
        outline.note(item, _("a date line at the end without the organisation above it (or "
                             "not a real date): kept as a paragraph"))
        outline.blocks.append(Paragraph(text, item.para.index))
