"""Heading numbers are computed by position and restart under each parent."""

from __future__ import annotations

import pytest

from summarygen.cnnum import chinese_count, chinese_numeral
from summarygen.document.markup import parse
from summarygen.document.style import PRESETS
from summarygen.document.tree import Heading, Numberer, heading_number
from summarygen.errors import Problems


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (12, "十二"),
                                         (19, "十九"), (20, "二十"), (21, "二十一"), (99, "九十九"),
                                         (100, "一百"), (101, "一百零一"), (110, "一百一十")])
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_two_before_a_measure_word() -> None:
    assert chinese_count(2) + "项" == "两项"


@pytest.mark.parametrize(("level", "n", "text"), [
    (1, 11, "十一、"), (1, 20, "二十、"), (2, 12, "（十二）"), (3, 3, "3."), (4, 12, "（12）")])
def test_heading_number_forms(level: int, n: int, text: str) -> None:
    assert heading_number(level, n) == text


def test_numbers_restart_under_each_parent() -> None:
    numberer = Numberer()
    seq = [numberer.next(level) for level in (1, 2, 2, 3, 3, 4, 2, 3, 1, 2, 3, 4, 4)]
    assert seq == ["一、", "（一）", "（二）", "1.", "2.", "（1）", "（三）", "1.", "二、",
                   "（一）", "1.", "（1）", "（2）"]


def test_markup_headings_paragraphs_and_run_in() -> None:
    markup = "\n".join([
        "# 资兴市民政局", "# 2024年上半年工作总结", "", "开头一段。", "",
        "## 前段工作开展情况", "### 疫情防控工作。", "一是快速应对。", "二是持续推进。", "",
        "### 脱贫攻坚工作", "", "正文第一行", "接着一行", "", "#### 细项", "##### 更细",
        "## 存在问题和困难", "### 问题。", "",
    ])
    parsed = parse(markup, PRESETS["practice"].numbering)
    assert parsed.title == ("资兴市民政局", "2024年上半年工作总结")
    texts = [(b.heading_text + (b.body or "")) if isinstance(b, Heading) else b.text
             for b in parsed.blocks]
    assert texts == ["开头一段。", "一、前段工作开展情况",
                     "（一）疫情防控工作。一是快速应对。二是持续推进。", "（二）脱贫攻坚工作",
                     "正文第一行接着一行", "1、细项", "（1）更细", "二、存在问题和困难",
                     "（一）问题。"]
    run_in = parsed.blocks[2]
    assert isinstance(run_in, Heading) and run_in.run_in and run_in.text == "疫情防控工作。"
    # a heading ending in 。 followed by a blank line stays on its own
    assert isinstance(parsed.blocks[-1], Heading) and not parsed.blocks[-1].run_in


def test_twelve_sections_at_one_level() -> None:
    markup = "\n".join(f"## 第{i}部分\n\n内容。\n" for i in range(12))
    numbers = [b.number for b in parse(markup).blocks if isinstance(b, Heading)]
    assert numbers[-3:] == ["十、", "十一、", "十二、"]
    assert len(numbers) == 12


def test_typed_numbers_and_skipped_levels_are_reported() -> None:
    problems = Problems()
    parse("## 一、已经有序号\n\n#### 跳级\n", problems=problems)
    messages = [p.message for p in problems.errors]
    assert len(messages) == 2
    assert "序号" in messages[0]
    assert [p.line for p in problems.errors] == [1, 3]
