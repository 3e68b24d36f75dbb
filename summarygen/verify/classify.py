"""What each paragraph of a report is: title, heading (level, number), body, signature.

Documents from other programs carry no marks of ours, so the kinds are read as a reader reads
them: the title is the first paragraph(s), centred and large; a heading is known by its
number (typed or made by Word's automatic numbering; its level is the level whose form in the
profile's numbering it is written in, or meant to be: ``1、`` is level three of
``[一、, （一）, 1、, 1）]``, see :func:`summarygen.document.numbering.level_of`) or, without one,
by its outline level; the signature is the organisation and the date at the end, or the
organisation alone, right-aligned, when there is no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from summarygen.document.numbering import GBT9704, Numbering, TypedNumber, level_of, recognise
from summarygen.ooxml.package import Paragraph

_DIGIT = r"[\d〇○零一二三四五六七八九十]"
DATE_LINE = re.compile(rf"^\s*{_DIGIT}{{2,4}}年{_DIGIT}{{1,2}}月{_DIGIT}{{1,3}}日\s*$")
_SENTENCE_END = "。；！？：;!?:，,"
TITLE_LINE_CHARS = 30
"""A title line is at most about a line long (28 characters)."""
TRAILING_LINES = 4
"""Paragraphs that may follow the 成文日期 (附注, an appended note) and still leave it found."""


@dataclass
class Item:
    """A paragraph with its kind."""

    para: Paragraph
    kind: str
    """``empty``, ``title``, ``heading``, ``body``, ``signature`` or ``table``."""
    level: int = 0
    number: str = ""
    """A heading's number as written, with its punctuation (``（一）`` ``1、``)."""
    value: int = 0
    """The heading number's value (``（十二）`` → 12); 0 if it has none."""
    head_end: int = 0
    """Characters of the paragraph that belong to the heading (less than the whole text for a
    run-in heading followed by body text)."""
    lead: int = 0
    """Spaces typed before the text (an indent made with the space bar)."""
    spaced: bool = False
    """Whether spaces were typed between a heading's number and its words."""

    @cached_property
    def text(self) -> str:
        """The paragraph's text, joined once (a paragraph may hold thousands of runs)."""
        return self.para.text

    @cached_property
    def excerpt(self) -> str:
        return self.text.strip()


def heading_match(text: str, numbering: Numbering = GBT9704) -> tuple[int, TypedNumber] | None:
    """The level and the number of a heading number at the start of ``text`` (a number in no
    level's form, such as ``①`` where no level uses it, is not a heading)."""
    found = recognise(text)
    if found is None:
        return None
    level = level_of(found, numbering)
    return (level, found) if level is not None else None


def classify(paragraphs: list[Paragraph], title_size: int,
             numbering: Numbering = GBT9704) -> list[Item]:
    """Each paragraph with its kind, in order; heading levels by the forms of ``numbering``."""
    items = [Item(p, "table" if p.in_table else "empty" if not p.text.strip() else "body")
             for p in paragraphs]
    content = [item for item in items if item.kind == "body"]
    _mark_title(content, title_size, numbering)
    _mark_demoted_title_line(items, numbering)
    _mark_signature(content, numbering)
    for item in content:
        if item.kind == "body":
            _mark_heading(item, numbering)
    return items


def _is_centred(para: Paragraph) -> bool:
    return para.format.jc == "center"


def _largest_size(para: Paragraph) -> int:
    return max((r.format.size or 20 for r in para.runs if r.text.strip()), default=20)


def _mark_title(content: list[Item], title_size: int, numbering: Numbering) -> None:
    """The first paragraph unless it is a heading or a sentence; following centred lines of a
    title size too (a long title broken into lines)."""
    if not content:
        return
    first = content[0]
    text = first.text.strip()
    if heading_match(text, numbering) is not None or (text[-1] in _SENTENCE_END
                                                      and len(text) > 40):
        return
    first.kind = "title"
    for item in content[1:]:
        para = item.para
        if not (_is_centred(para) and _largest_size(para) >= min(title_size, 36)
                and heading_match(item.text.strip(), numbering) is None):
            break
        item.kind = "title"


def _mark_demoted_title_line(items: list[Item], numbering: Numbering) -> None:
    """A line right after the title, before the blank line that separates the title from the
    body, with no punctuation of a sentence: the title's next line, whatever its formatting
    (set as body text, it would otherwise pass as body text)."""
    titles = [i for i, item in enumerate(items) if item.kind == "title"]
    if not titles or titles[-1] + 2 >= len(items):
        return
    line, after = items[titles[-1] + 1], items[titles[-1] + 2]
    text = line.text.strip()
    if line.kind == "body" and after.kind == "empty" and len(text) <= TITLE_LINE_CHARS \
            and not any(mark in text for mark in _SENTENCE_END) \
            and heading_match(text, numbering) is None and not is_date_line(text):
        line.kind = "title"


def _mark_signature(content: list[Item], numbering: Numbering) -> None:
    """The last date line of the last few paragraphs (a note or an appended line may follow
    it), and the organisation line just before it; without a date line, a short right-aligned
    last line (the organisation alone)."""
    if len(content) < 2:
        return
    tail = range(len(content) - 1, max(0, len(content) - 1 - TRAILING_LINES) - 1, -1)
    found = next((i for i in tail if content[i].kind == "body"
                  and is_date_line(content[i].text)), None)
    if found is None:
        last = content[-1]
        if last.kind == "body" and last.para.format.jc in ("right", "end") \
                and _signature_like(last, numbering):
            last.kind = "signature"
        return
    if found < 1:
        return
    content[found].kind = "signature"
    org = content[found - 1]
    if org.kind == "body" and _signature_like(org, numbering):
        org.kind = "signature"


def is_date_line(text: str) -> bool:
    """A paragraph that is only a date (``2024年7月5日``): the 成文日期."""
    return DATE_LINE.match(text) is not None


def _signature_like(item: Item, numbering: Numbering) -> bool:
    """Short, not a heading, not ending a sentence: it may name an organisation."""
    text = item.text.strip()
    return heading_match(text, numbering) is None and len(text) <= 30 \
        and text[-1] not in _SENTENCE_END


def _mark_heading(item: Item, numbering: Numbering) -> None:
    text = item.text
    item.lead = len(text) - len(text.lstrip(" \t\u3000"))
    found = heading_match(text[item.lead:], numbering)
    outline = item.para.format.outline_level
    if found is None:
        if outline is not None and 0 <= outline <= 3:
            item.kind, item.level, item.head_end = "heading", outline + 1, len(text)
        return
    level, number = found
    item.kind, item.level = "heading", level
    item.number = number.written
    item.value = number.value
    item.spaced = number.spaced
    item.head_end = _heading_end(item, item.lead + number.end)


def _heading_end(item: Item, start: int) -> int:
    """Where the heading part ends: after its first full stop when body text follows (a run-in
    heading, ``（一）疫情防控工作。一是……``), else at the first switch from the heading's font back
    to another font, else at the end of the paragraph."""
    text = item.text
    stop = text.find("。", start)
    if 0 <= stop < len(text.rstrip()) - 1:
        return stop + 1
    offset = len(item.para.label)
    first_font = None
    for run in item.para.runs:
        font = run.format.fonts.get("eastAsia")
        name = font.name if font is not None else ""
        if first_font is None and run.text.strip():
            first_font = name
        elif first_font is not None and name != first_font and offset > start \
                and run.text.strip():
            return offset
        offset += len(run.text)
    return len(text)
