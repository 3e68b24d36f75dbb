"""Words in a dataset's prose that contradict the report it is built for.

The prose of a dataset (要点, 总述, 开头段, part titles …) is copied from one report to the next;
words tied to the old report then say the wrong thing (上半年 in an annual report). :data:`RULES`
is the one table of such words, by condition (the kind of period, …); :func:`scan` finds them in
a dataset's string values — keys and comments are not prose — and warns with the file and the
line where each one is written. :func:`conditions` says which conditions a report meets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarygen.data.yamlio import YList, YMap
from summarygen.errors import Problems
from summarygen.i18n import N_, _
from summarygen.workspace.period import Period

_COMMENT = re.compile(r"(^|\s)#.*$")


@dataclass(frozen=True)
class Rule:
    """Words that do not belong in a report meeting one condition, and the advice to give."""

    words: tuple[str, ...]
    advice: str
    """An ``N_`` msgid with ``{word}`` and ``{subject}`` (the report: ``2026 (全年)``)."""


_PERIOD_ADVICE = N_("“{word}” does not fit the period {subject}; write the words that follow "
                    "the period as 【period.now】, 【period.since】, 【period.summary】, "
                    "【period.plan】, 【period.next】 or 【period.title】, or reword it")

RULES: dict[str, Rule] = {
    "period:H1": Rule(("下半年以来", "下半年工作总结", "全年工作总结", "年度工作总结",
                       "明年工作计划"), _PERIOD_ADVICE),
    "period:H2": Rule(("上半年以来", "上半年工作总结", "下半年工作安排", "下半年工作计划",
                       "下半年工作打算"), _PERIOD_ADVICE),
    "period:year": Rule(("上半年", "下半年"), _PERIOD_ADVICE),
}
"""Words that contradict a report, by condition (``period:H1``, ``period:H2``, ``period:year``).

A half-year report may speak of the other half (“下半年工作安排” in a 上半年 report is its plan),
so only phrases that name the wrong period as the one reported on are listed for halves; an
annual report has no business with halves at all.
"""


def conditions(period: Period) -> dict[str, str]:
    """The conditions a report for ``period`` meets, each with how messages name the report."""
    kind = {1: "H1", 2: "H2", None: "year"}[period.half]
    return {f"period:{kind}": f"{period}（{period.label}）"}


def prose_strings(node: Any, line: int = 0) -> Iterator[tuple[str, int]]:
    """Every string value under ``node`` (a loaded YAML file) with the line it starts on."""
    if isinstance(node, YMap):
        for key, value in node.items():
            yield from prose_strings(value, node.line_of(key))
    elif isinstance(node, YList):
        for index, item in enumerate(node):
            yield from prose_strings(item, node.line_of(index))
    elif isinstance(node, str):
        yield node, line


def scan(path: Path, data: Any, active: Mapping[str, str], problems: Problems) -> None:
    """Warn at every word of the rules of ``active`` conditions found in ``data``'s prose.

    ``active`` maps condition → how to name the report (see :func:`conditions`). The line is the
    first line, from where the string starts, that holds the word outside a comment, so a word
    in the third line of a block text is shown at that line.
    """
    rules = [(RULES[name], subject) for name, subject in active.items() if name in RULES]
    if not rules:
        return
    lines: list[str] | None = None
    for text, start in prose_strings(data):
        for rule, subject in rules:
            for word in rule.words:
                if word not in text or _inside_longer(text, word, rule.words):
                    continue
                if lines is None:
                    lines = _code_lines(path)
                problems.warn(_(rule.advice).format(word=word, subject=subject), path,
                              _line_of(word, lines, start))


def _inside_longer(text: str, word: str, words: tuple[str, ...]) -> bool:
    """Whether every ``word`` in ``text`` is part of a longer listed word (reported instead)."""
    longer = [w for w in words if word in w and w != word and w in text]
    return bool(longer) and text.count(word) == sum(text.count(w) for w in longer)


def _code_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [_COMMENT.sub("", line) for line in text.splitlines()]


def _line_of(word: str, lines: list[str], start: int) -> int:
    for number in range(max(start, 1), len(lines) + 1):
        if word in lines[number - 1]:
            return number
    return start
