"""Words in the datasets' prose that do not fit the report they are built into.

The same dataset is built into a county's and a city's report, and into a half-year's and a
year's; prose that names the bodies of another level (``县委`` in a city report) or that still holds
a placeholder (``XX市民政局``) is wrong in the built document while every figure is right. One
table of words per condition (:data:`RULES`) and one scanner over a dataset's prose strings, with
the lines they were written on (:func:`scan`), report each such word as a warning at that line.

A rule names its words and the condition under which they are wrong; another condition (the
period: ``上半年`` in an annual report) is one more :class:`WordRule` in the table. Words a
workspace uses on purpose are listed in ``summarygen.yaml``::

    wording:
      allow: [XX市民政局]     # the sample's superior department, hidden in the original text

and are never reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from summarygen.data.validate import Prose
from summarygen.errors import Problem, Severity
from summarygen.i18n import _
from summarygen.workspace.period import Period

_MARKED = re.compile(r"【[^【】]*】|\{[^{}]*\}")
"""References and slots: filled in from the data, so not the user's wording."""
@functools.cache
def placeholder() -> re.Pattern[str]:
    """Stand-ins for a name that is still to be filled in: ``XX市民政局``, ``某某县``, ``××局``;
    compiled when a text holds one of their characters (see :data:`_PLACEHOLDER_CHARS`)."""
    return re.compile(r"(?:[XxＸｘ×]{2,}|某某|○○+|\*\*+)(?=[\u4e00-\u9fff])|某某")


_PLACEHOLDER_CHARS = re.compile("[XxＸｘ×某○*]")


@dataclass(frozen=True)
class Setting:
    """What the report being built is: its variant, the organisation's level and terms, the
    period, and the words the workspace allows."""

    variant: str
    level: str
    """``县``, ``市`` or ``区``."""
    terms: dict[str, str]
    """The organisation's words (``leadership``, ``scope`` …) as ``【org.…】`` prints them."""
    period: Period | None = None
    allow: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Hit:
    """A word of a rule found in a prose string."""

    word: str
    """The word as written (for placeholders, the whole stand-in name)."""
    start: int


@dataclass(frozen=True)
class WordRule:
    """Words that are wrong in a report when ``applies`` holds for its setting."""

    find: Callable[[str, Setting], list[Hit]]
    """The rule's words found in a text (markers already blanked out)."""
    applies: Callable[[Setting], bool]
    message: Callable[[Hit, Setting], str]


LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "县": ("县委", "县政府", "全县", "我县"),
    "市": ("市委", "市政府", "全市", "我市"),
    "区": ("区委", "区政府", "全区", "我区"),
}
"""The words that name a level's own bodies and territory."""
WRONG_AT: dict[str, tuple[str, ...]] = {
    "市": ("县委", "县政府", "全县", "我县", "区委", "区政府", "全区", "我区"),
    "县": ("市委", "全市", "我市", "区委", "区政府", "全区", "我区"),
    "区": ("县委", "县政府", "全县", "我县", "全市", "我市"),
}
"""Words of another level that a report of each level must not use. A county report may name
the city's government (``市政府``: its superior), but never ``市委`` as its own leadership."""
_REFERENCE = {"委": "leadership", "政府": "leadership", "全": "scope", "我": "self_ref"}


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """Where any of ``words`` starts (a lookahead: words that overlap are each found)."""
    return re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")


_WRONG_AT = {level: _any_of(words) for level, words in WRONG_AT.items()}


def _level_hits(text: str, setting: Setting) -> list[Hit]:
    pattern = _WRONG_AT.get(setting.level)
    if pattern is None:
        return []
    words = WRONG_AT[setting.level]
    found = [Hit(m.group(1), m.start()) for m in pattern.finditer(text)]
    return sorted(found, key=lambda hit: (words.index(hit.word), hit.start))


def _level_message(hit: Hit, setting: Setting) -> str:
    name = next(v for k, v in _REFERENCE.items() if k in hit.word)
    return _("“{word}” names another level's body or territory, but the variant “{variant}” is "
             "a report of a {level}-level organisation; write 【org.{name}】 (it prints "
             "“{term}” here), so that each level's report says its own").format(
        word=hit.word, variant=setting.variant, level=setting.level, name=name,
        term=setting.terms.get(name, ""))


def _placeholder_hits(text: str, setting: Setting) -> list[Hit]:
    return [Hit(placeholder_name(text, m.start(), m.end()), m.start())
            for m in (placeholder().finditer(text) if _PLACEHOLDER_CHARS.search(text) else ())]


@functools.cache
def _name_tail() -> re.Pattern[str]:
    """What follows a placeholder in a name; compiled only when a placeholder is found."""
    return re.compile("[\u4e00-\u9fff]{0,8}(?:局|委员会|委|厅|办公室|办|院|中心|政府|县|市|区|"
                      "镇|乡|村|社区|公司|学校)")


def placeholder_name(text: str, start: int, end: int) -> str:
    """The whole stand-in name around a placeholder: ``XX市民政局``, not only ``XX``."""
    match = _name_tail().match(text, end)
    return text[start:match.end()] if match else text[start:end]


def _placeholder_message(hit: Hit, setting: Setting) -> str:
    return placeholder_message(hit.word)


def placeholder_message(word: str) -> str:
    """The warning for a placeholder left in the text (also used for the configuration)."""
    return _("“{word}” is a placeholder, not a real name; replace it with the real name (or, "
             "if the text must keep it, list it under “wording: allow:” in summarygen.yaml)"
             ).format(word=word)


PERIOD_WORDS: dict[str, tuple[str, ...]] = {
    "H1": ("下半年以来", "下半年工作总结", "全年工作总结", "年度工作总结", "明年工作计划"),
    "H2": ("上半年以来", "上半年工作总结", "下半年工作安排", "下半年工作计划", "下半年工作打算"),
    "year": ("上半年", "下半年"),
}
"""Words that name another period as the one reported on, by kind of period. A half-year
report may speak of the other half (下半年工作安排 is a 上半年 report's plan), so only phrases
that name the wrong period as the report's own are listed for halves; an annual report has no
business with halves at all (its words are 【period.now】 今年, 【period.summary】 …)."""


def _period_kind(period: Period) -> str:
    return {1: "H1", 2: "H2", None: "year"}[period.half]


_PERIOD_WORDS = {kind: _any_of(words) for kind, words in PERIOD_WORDS.items()}


def _period_hits(text: str, setting: Setting) -> list[Hit]:
    assert setting.period is not None  # see the rule's condition
    kind = _period_kind(setting.period)
    if _PERIOD_WORDS[kind].search(text) is None:  # most prose: one scan, nothing found
        return []
    words = PERIOD_WORDS[kind]
    hits: list[Hit] = []
    taken: set[int] = set()
    for word in sorted(words, key=len, reverse=True):  # 上半年以来 before 上半年
        for match in re.finditer(re.escape(word), text):
            span = set(range(match.start(), match.end()))
            if not span & taken:
                taken |= span
                hits.append(Hit(word, match.start()))
    return sorted(hits, key=lambda hit: hit.start)


def _period_message(hit: Hit, setting: Setting) -> str:
    assert setting.period is not None
    subject = f"{setting.period}（{setting.period.label}）"
    return _("“{word}” does not fit the period {subject}; write the words that follow the "
             "period as 【period.now】, 【period.since】, 【period.summary】, 【period.plan】, "
             "【period.next】 or 【period.title】, or reword it").format(word=hit.word,
                                                                        subject=subject)


PLACEHOLDER_RULES = (WordRule(_placeholder_hits, lambda s: True, _placeholder_message),)
"""The rules for any text the user writes, the configuration's too."""
RULES: tuple[WordRule, ...] = (
    WordRule(_level_hits, lambda s: s.level in WRONG_AT, _level_message),
    WordRule(_period_hits, lambda s: s.period is not None, _period_message),
    *PLACEHOLDER_RULES,
)
"""Every wording rule for the datasets' prose; a rule for another condition is added here."""


def blank_markers(text: str) -> str:
    """``text`` with its 【references】 and {slots} replaced by spaces (positions kept)."""
    return _MARKED.sub(lambda m: " " * len(m.group(0)), text)


def scan(prose: Iterable[Prose], setting: Setting,
         rules: Iterable[WordRule] = RULES) -> list[Problem]:
    """A warning at its line for each word of ``rules`` that does not fit ``setting``."""
    found: list[Problem] = []
    rules = [rule for rule in rules if rule.applies(setting)]
    for piece in prose:
        text = blank_markers(piece.text)
        for rule in rules:
            for hit in rule.find(text, setting):
                if _allowed(hit.word, setting.allow):
                    continue
                found.append(Problem(rule.message(hit, setting), piece.path, piece.line or None,
                                     piece.key or None, Severity.WARNING))
    return found


def _allowed(word: str, allow: frozenset[str]) -> bool:
    return any(word in allowed or allowed in word for allowed in allow)
