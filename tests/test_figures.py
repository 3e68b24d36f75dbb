"""Figures by kind: counts are whole and not negative, money is exact to the fen, percentages lie
between 0% and 100%, a schema may state a range; no figure without its unit."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from workspaces import DATASET, SCHEMA, make_workspace, run

from summarygen.data.figures import Bounds, figure_problem, unit_kind
from summarygen.data.values import parse_quantity

pytestmark = pytest.mark.usefixtures("chinese")

DATA = "datasets/2024-H1/social_assistance.yaml"
SCHEMA_FILE = "templates/schemas/social_assistance.yaml"


@pytest.mark.parametrize(("unit", "kind"), [
    ("人", "count"), ("人次", "count"), ("户", "count"), ("所", "count"), ("家", "count"),
    ("万人次", "count"), ("万元", "money"), ("元", "money"), ("%", "percent"),
    ("元/月.人", "rate"), ("周岁", "other"), ("小时", "other"),
])
def test_the_unit_tells_the_kind(unit: str, kind: str) -> None:
    assert unit_kind(unit) == kind


@pytest.mark.parametrize("text", ["12780人", "约1.24万人次", "0户", "920.20万元", "432.725527万元",
                                  "334.97元", "100%", "0%", "380元/月.人", "-3周岁", "1.5小时"])
def test_possible_figures_pass(text: str) -> None:
    assert figure_problem(parse_quantity(text)) is None


@pytest.mark.parametrize(("text", "says"), [
    ("-12780人", "以“人”计的数不能为负数"), ("12780.5人", "以“人”计的数应为整数"),
    ("1.23456万人次", "以“万人次”计的数应为整数"), ("-822万元", "金额不能为负数"),
    ("8322.505元", "最多精确到分"), ("0.0000001万元", "最多精确到分"),
    ("101%", "百分数应在 0% 到 100% 之间"), ("-1%", "百分数不能为负数"),
    ("-380元/月.人", "标准不能为负数"),
])
def test_impossible_figures_are_refused_with_the_reason(text: str, says: str) -> None:
    problem = figure_problem(parse_quantity(text))
    assert problem is not None and problem.startswith(f"“{text}”") and says in problem


def test_a_schema_range_replaces_the_kinds_bounds() -> None:
    growth = Bounds(Decimal(-100), Decimal(1000), "%")
    assert figure_problem(parse_quantity("-12.5%"), "percent", growth) is None
    assert figure_problem(parse_quantity("150%"), "percent", growth) is None
    assert "小于本字段允许的最小值（-100%）" in str(
        figure_problem(parse_quantity("-120%"), "percent", growth))
    people = Bounds(None, Decimal(20000), "人次")
    assert "大于本字段允许的最大值（20000人次）" in str(
        figure_problem(parse_quantity("2.1万人次"), "count", people))
    money = Bounds(Decimal(0), Decimal(1000), "万元")  # a field in 万元, a figure in 元
    assert figure_problem(parse_quantity("8322元"), "money", money) is None
    assert figure_problem(parse_quantity("10000001元"), "money", money) is not None


def test_a_schema_default_unit_reads_bare_numbers(tmp_path: Path) -> None:
    schema = SCHEMA.replace("      dispersed: {type: quantity, unit: 人, "
                            "description: 分散供养人数}",
                            "      dispersed: {type: quantity, unit: 人, default_unit: 人, "
                            "description: 分散供养人数（只填数字）}")
    dataset = DATASET.replace("dispersed: 2651人", "dispersed: 2651")
    root = make_workspace(tmp_path, {SCHEMA_FILE: schema, DATA: dataset})
    assert run("check", "--strict", "-C", str(root)) == (0, "检查通过：0 个警告。\n", "")
    code, out, _err = run("build", "--format", "md", "-C", str(root))
    assert code == 0
    assert "分散供养2651人" in (root / "out/2024-H1/county.md").read_text(encoding="utf-8")
    code, out, _err = run("schema", "--area", "social_assistance", "-C", str(root))
    dispersed = json.loads(out)["properties"]["extremely_poor"]["properties"]["dispersed"]
    assert "只写数字时按 人 计" in dispersed["description"]
    assert dispersed["type"] == ["string", "number"]
    people = json.loads(out)["properties"]["extremely_poor"]["properties"]["people"]
    assert people["type"] == "string"  # no default unit: a bare number is refused


def test_a_default_unit_and_a_range_need_a_figure_field(tmp_path: Path) -> None:
    schema = SCHEMA.replace("  meeting_date:\n    type: date\n",
                            "  meeting_date:\n    type: date\n    default_unit: 日\n    max: 3\n")
    root = make_workspace(tmp_path, {SCHEMA_FILE: schema})
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert f"{SCHEMA_FILE}:25: meeting_date: 错误: “default_unit:”只能用于带单位的数" in err
    assert f"{SCHEMA_FILE}:25: meeting_date: 错误: “max:”应为一个数" in err


def test_a_change_needs_units_and_possible_figures(tmp_path: Path) -> None:
    dataset = DATASET + "dibao_standard: {from: 320, to: -380元/月.人}\n"
    root = make_workspace(tmp_path, {DATA: dataset})
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert f"{DATA}:11: dibao_standard: 警告: “320”没有写单位：暂按本字段的单位 元/月.人 计，" \
        "但请连同单位写出：\n" \
        "    from: 320元/月.人\n" in err


def test_invisible_and_look_alike_characters_are_named() -> None:
    from summarygen.data.invisible import explain, shown

    assert explain("12780人") == ""
    assert "“⼈”（U+2F08）只是长得像“人”" in explain("12780⼈")
    assert "U+200B 是看不见的零宽空格" in explain("1\u200b2")
    assert shown("a\ufeffb") == "a[U+FEFF]b"


def test_the_scan_for_hidden_characters_finds_exactly_what_each_character_test_finds() -> None:
    # suspicious() looks closer only where one regular expression points: over every code
    # point, it must find the same characters as testing each one
    from summarygen.data.invisible import INVISIBLE, look_alike, suspicious

    every = "".join(chr(p) for p in range(0x110000) if not 0xD800 <= p <= 0xDFFF)
    expected = [ch for ch in every if ch in INVISIBLE or look_alike(ch) is not None]
    assert suspicious(every) == expected
    assert suspicious("救助⼈数12780人\u200b，" * 3) == ["⼈", "\u200b"]
