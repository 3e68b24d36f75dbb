"""The changed words of a paragraph, marked inline, with only a little of the text around them.

A paragraph of a work summary is often a thousand characters long and changes by a figure or two
from one year to the next; printing it twice hides the change. Paragraphs are split into words
(a number with its decimal point and per-cent sign is one word, a Latin word is one, every
Chinese character is one), compared word by word, and written once with the deleted words and
the inserted ones marked (``[-…-]{+…+}`` in a terminal, ``~~…~~**…**`` in Markdown); long
unchanged stretches are cut to :data:`CONTEXT` characters on each side of a change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

CONTEXT = 12
"""Characters of unchanged text kept before and after each change."""
SIMILAR = 0.4
"""Two paragraphs less alike than this are shown as one removed and one added."""
_WORD = re.compile(r"[0-9０-９][0-9０-９.,．%％]*|[A-Za-z]+|\s+|.", re.S)


@dataclass(frozen=True)
class Marks:
    """How deleted and inserted words are marked, and how a cut is shown."""

    deleted: tuple[str, str]
    inserted: tuple[str, str]
    cut: str = "…"


TERMINAL = Marks(("[-", "-]"), ("{+", "+}"))
MARKDOWN = Marks(("~~", "~~"), ("**", "**"))


@dataclass(frozen=True)
class Edit:
    """A paragraph that changed: its number in the new text (or the old, if removed), and its
    old and new wording (``None`` for a paragraph added or removed)."""

    number: int
    old: str | None
    new: str | None


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def changed_paragraphs(old: Sequence[str], new: Sequence[str]) -> list[Edit]:
    """The paragraphs that differ, each edited one paired with its old wording (the most alike
    of the old paragraphs replaced at that place), in the order of the new text."""
    found: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            found += _pair(old, new, range(i1, i2), range(j1, j2))
    return found


def _pair(old: Sequence[str], new: Sequence[str], olds: range, news: range) -> list[Edit]:
    """Old and new paragraphs replaced at one place: each new one with the most alike old one
    (at least :data:`SIMILAR`), taken in order; the rest removed or added."""
    edits: list[Edit] = []
    free = list(olds)
    for j in news:
        scores = [(similarity(old[i], new[j]), i) for i in free]
        best = max(scores, default=(0.0, -1))
        if best[0] < SIMILAR:
            edits.append(Edit(j + 1, None, new[j]))
            continue
        earlier = [i for i in free if i < best[1]]
        edits += [Edit(i + 1, old[i], None) for i in earlier]
        free = [i for i in free if i > best[1]]
        edits.append(Edit(j + 1, old[best[1]], new[j]))
    return edits + [Edit(i + 1, old[i], None) for i in free]


def similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()


def marked(old: str, new: str, marks: Marks = TERMINAL, whole: bool = False) -> str:
    """``new`` with the words deleted from ``old`` and inserted into it marked; unless
    ``whole``, long unchanged stretches are cut to :data:`CONTEXT` characters around changes."""
    a, b = words(old), words(new)
    pieces: list[tuple[bool, str]] = []  # (unchanged, text)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((True, "".join(a[i1:i2])))
            continue
        text = ""
        if i2 > i1:
            text += marks.deleted[0] + "".join(a[i1:i2]) + marks.deleted[1]
        if j2 > j1:
            text += marks.inserted[0] + "".join(b[j1:j2]) + marks.inserted[1]
        pieces.append((False, text))
    if whole:
        return "".join(text for _same, text in pieces)
    return "".join(_cut(text, index, len(pieces), marks.cut) if same else text
                   for index, (same, text) in enumerate(pieces))


def _cut(text: str, index: int, count: int, cut: str) -> str:
    """An unchanged stretch, shortened: its end before a change, its start after one."""
    keep_start = index > 0  # a change comes before it
    keep_end = index < count - 1  # a change follows it
    if len(text) <= CONTEXT * (keep_start + keep_end) + len(cut):
        return text
    start = text[:CONTEXT] if keep_start else ""
    end = text[-CONTEXT:] if keep_end else ""
    return start + cut + end


def shortened(text: str, limit: int = CONTEXT * 4, cut: str = "…") -> str:
    """A whole paragraph added or removed, cut after ``limit`` characters."""
    return text if len(text) <= limit + len(cut) else text[:limit] + cut
