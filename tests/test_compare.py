"""``summarygen diff P1 P2``: figures compared key by key, then the text line by line."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from test_previous_year import LAST_YEAR
from workspaces import make_workspace, run

from summarygen.archive.compare import difference, short_label
from summarygen.data.values import Quantity, parse_quantity
from summarygen.termtable import display_width, table

SCHEMA = """\
title: 社会救助
fields:
  people: {type: quantity, unit: 人, description: 救助人数}
  visits: {type: quantity, unit: 人次, description: 走访人次}
  rate: {type: percent, description: 覆盖率}
  standard: {type: change, unit: 元/月.人, description: 保障标准}
  since: {type: date, description: 启动日期}
  office: {type: text, description: 牵头科室}
  funds: {type: money, description: 救助资金}
"""
AREA = ("{% set d = data.social_assistance %}\n### 社会救助。\n救助{{ d.people }}，"
        "覆盖率{{ d.rate }}。\n")
OLD = """\
people: 1000人
visits: 约1.2万人次
rate: 90%
standard: {from: 300元/月.人, to: 320元/月.人}
since: 3月1日
office: 救助科
funds: 0万元
"""
NEW = """\
people: 969人
visits: 约1.5万人次
rate: 91.3%
standard: {from: 320元/月.人, to: 380元/月.人}
since: 3月1日
funds: 12.5万元
"""



def two_periods(tmp_path: Path) -> Path:
    return make_workspace(tmp_path, {
        "templates/schemas/social_assistance.yaml": SCHEMA,
        "templates/areas/social_assistance.md.j2": AREA,
        "datasets/2023-H1/social_assistance.yaml": OLD,
        "datasets/2024-H1/social_assistance.yaml": NEW,
    })


def test_diff_shows_figures_then_text(tmp_path: Path) -> None:
    root = two_periods(tmp_path)
    code, out, err = run("diff", "-C", str(root), "2023-H1", "2024-H1", "--variant", "county")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "2023-H1（datasets/2023-H1/）与 2024-H1（datasets/2024-H1/）对比",
        "",
        "== county ==",
        "",
        "【数字对比】",
        "社会救助",
        "  项目          2023-H1         2024-H1          增减  增减幅度",
        "  --------  -----------  -  -----------  ------------  --------",
        "  救助人数       1000人  →        969人         -31人     -3.1%",
        "  走访人次  约1.2万人次  →  约1.5万人次  约+0.3万人次    +25.0%",
        "  覆盖率            90%  →        91.3%  +1.3个百分点         —",
        "  救助资金        0万元  →     12.5万元     +12.5万元         —",
        "  有变化：保障标准：原为 300元/月.人→320元/月.人，"
        "现为 320元/月.人→380元/月.人",
        "  删除：牵头科室：原为 救助科",
        "",
        "【文字对比】",
        "第 1 段：霍山县民政局[-2023-]{+2024+}年上半年工作总结",
        "第 4 段：（一）社会救助。救助[-1000-]{+969+}人，覆盖率[-90%-]{+91.3%+}。",
        "第 6 段：[-2023-]{+2024+}年[-6-]{+7+}月[-30-]{+5+}日",
    ]


def test_diff_as_markdown_to_paste_into_a_report(tmp_path: Path) -> None:
    root = two_periods(tmp_path)
    code, out, err = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county",
                         "--format", "md")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "# 2023-H1 与 2024-H1 对比", "", "## county", "", "### 社会救助", "",
        "| 项目 | 2023-H1 | 2024-H1 | 增减 | 增减幅度 |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| 救助人数 | 1000人 | 969人 | -31人 | -3.1% |",
        "| 走访人次 | 约1.2万人次 | 约1.5万人次 | 约+0.3万人次 | +25.0% |",
        "| 覆盖率 | 90% | 91.3% | +1.3个百分点 | — |",
        "| 救助资金 | 0万元 | 12.5万元 | +12.5万元 | — |",
        "",
        "- 有变化：保障标准：原为 300元/月.人→320元/月.人，"
        "现为 320元/月.人→380元/月.人",
        "- 删除：牵头科室：原为 救助科",
        "",
        "### 文字对比",
        "",
        "- 第 1 段：霍山县民政局~~2023~~**2024**年上半年工作总结",
        "- 第 4 段：（一）社会救助。救助~~1000~~**969**人，覆盖率~~90%~~**91.3%**。",
        "- 第 6 段：~~2023~~**2024**年~~6~~**7**月~~30~~**5**日",
    ]


def test_only_what_changed_unless_all(tmp_path: Path) -> None:
    new = NEW.replace("people: 969人", "people: 1000人")
    root = make_workspace(tmp_path, {
        "templates/schemas/social_assistance.yaml": SCHEMA,
        "templates/areas/social_assistance.md.j2": AREA,
        "datasets/2023-H1/social_assistance.yaml": OLD,
        "datasets/2024-H1/social_assistance.yaml": new})
    out = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county")[1]
    assert "救助人数" not in out and "走访人次" in out
    out = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county", "--all")[1]
    assert "  救助人数       1000人  →       1000人           0人      0.0%" in out


def test_a_long_paragraph_shows_its_changed_words_not_the_whole_text(tmp_path: Path) -> None:
    filler = "坚持以人民为中心的发展思想，聚焦特殊群体，聚焦群众关切。" * 30
    area = AREA.replace("覆盖率{{ d.rate }}。", "覆盖率{{ d.rate }}。" + filler + "完成。")
    root = two_periods(tmp_path)
    (root / "templates/areas/social_assistance.md.j2").write_text(area, encoding="utf-8")
    out = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county")[1]
    [line] = [line for line in out.splitlines() if line.startswith("第 4 段")]
    assert line == ("第 4 段：（一）社会救助。救助[-1000-]{+969+}人，覆盖率[-90%-]{+91.3%+}。"
                    "坚持以人民为中心的发展…")
    assert filler not in out
    out = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county", "--all")[1]
    assert filler + "完成。" in out and out.count(filler) == 1


def test_figure_columns_line_up_in_a_terminal(tmp_path: Path) -> None:
    root = two_periods(tmp_path)
    out = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "city")[1]
    rows = [line for line in out.splitlines() if line.startswith("  ") and "：" not in line]
    assert len(rows) == 6
    assert len({display_width(row) for row in rows}) == 1  # right-aligned last column


def test_every_variant_by_default_and_unchanged_text(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2023-H1/social_assistance.yaml": LAST_YEAR})
    code, out, _err = run("diff", "-C", str(root), "2024-H1", "2024-H1")
    assert code == 0
    assert out.count("== county ==") == 1 and out.count("== city ==") == 1
    assert out.count("文字没有变化") == 2 and out.count("  没有变化") == 2
    out = run("diff", "-C", str(root), "2024-H1", "2024-H1", "--all")[1]
    assert "  特困人员供养·特困人员总数   3258人  →   3258人    0人      0.0%" in out


def test_added_values_and_areas(tmp_path: Path) -> None:
    root = two_periods(tmp_path)
    out = run("diff", "-C", str(root), "2024-H1", "2023-H1", "-V", "county")[1]
    assert "  新增：牵头科室：救助科\n" in out


def test_diff_reads_an_archived_period(tmp_path: Path) -> None:
    root = two_periods(tmp_path)
    assert run("archive", "-C", str(root), "--period", "2023-H1")[0] == 0
    shutil.rmtree(root / "datasets/2023-H1")
    (root / "templates/areas/social_assistance.md.j2").write_text(
        AREA.replace("救助{{", "共救助{{"), encoding="utf-8")
    code, out, err = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county")
    assert (code, err) == (0, "")
    assert out.startswith("2023-H1（archive/2023-H1/r1/）与 2024-H1（datasets/2024-H1/）对比\n")
    # the archived period is rendered with its own, archived templates
    assert "第 4 段：（一）社会救助。{+共+}救助[-1000-]{+969+}人" in out


def test_text_that_cannot_be_rendered_is_said_so(tmp_path: Path) -> None:
    area = AREA.replace("{{ d.rate }}", "{{ d.rate | yoy(prev.social_assistance.rate) }}")
    root = two_periods(tmp_path)
    (root / "templates/areas/social_assistance.md.j2").write_text(area, encoding="utf-8")
    code, out, _err = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county")
    assert code == 0
    assert "  救助人数       1000人  →        969人" in out  # figures are still compared
    assert out.endswith("【文字对比】\n2023-H1 的报告无法生成，因此不能对比文字："
                        "templates/areas/social_assistance.md.j2:3: 错误: "
                        "没有上年同期（2022-H1）的数据：datasets/2022-H1/ 和 archive/2022-H1/ "
                        "都不存在\n")


@pytest.mark.parametrize(("args", "message"), [
    (("2022-H1", "2024-H1"),
     "第一个报告期（P1）: 错误: 没有 2022-H1 的数据：datasets/2022-H1/ 和 archive/2022-H1/ "
     "都不存在\n"),
    (("2023-H1", "2024-H3"),
     "第二个报告期（P2）: 错误: “2024-H3”不是报告期，请写 2024-H1、2024-H2 或 2024\n"),
    (("2023-H1", "2024-H1", "-V", "town"),
     "--variant: 错误: 没有版本 town；现有版本：county、city\n"),
])
def test_diff_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    root = two_periods(tmp_path)
    code, out, err = run("diff", "-C", str(root), *args)
    assert (code, out) == (1, "")
    assert err == message


def q(text: str) -> Quantity:
    return parse_quantity(text)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("1000万元", "1052万元", ("+52万元", "+5.2%")),
    ("8322元", "1万元", ("+0.1678万元", "+20.2%")),
    ("10000000元", "1000万元", ("0万元", "0.0%")),
    ("1000人", "969人", ("-31人", "-3.1%")),
    ("3人", "3.15人", ("+0.15人", "+5.0%")),
    ("1000户", "1000.5户", ("+0.5户", "+0.1%")),  # 0.05% exactly: half-up, away from zero
    ("1000户", "999.5户", ("-0.5户", "-0.1%")),
    ("1000户", "1000.4户", ("+0.4户", "0.0%")),
    ("90%", "88.7%", ("-1.3个百分点", "—")),
    ("0人", "5人", ("+5人", "—")),
    ("100余场次", "120余场次", ("约+20场次", "+20.0%")),
])
def test_difference(old: str, new: str, expected: tuple[str, str]) -> None:
    assert difference(q(old), q(new)) == expected


def test_difference_keeps_typed_digits() -> None:
    assert difference(q("920.20万元"), q("930.25万元"))[0] == "+10.05万元"
    assert q("930.25万元").number == Decimal("930.25")


def test_table_pads_chinese_by_display_width() -> None:
    lines = table(["项目", "数"], [["特困人员", "5"], ["ab", "12"]], right=(1,))
    assert lines == ["项目      数", "--------  --", "特困人员   5", "ab        12"]
    assert display_width("特困a") == 5


def test_areas_and_variants_of_one_period_only(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "datasets/2023-H1/county/social_assistance.yaml": LAST_YEAR,
        "datasets/2024-H1/county/social_assistance.yaml": LAST_YEAR,
        "templates/schemas/children.yaml": "title: 儿童福利\nfields:\n"
                                           "  orphans: {type: quantity, unit: 人, "
                                           "description: 孤儿}\n",
        "templates/areas/children.md.j2": "### 儿童福利。\n孤儿{{ data.children.orphans }}。\n",
        "datasets/2024-H1/county/children.yaml": "orphans: 12人\n",
    })
    (root / "datasets/2024-H1/social_assistance.yaml").unlink()
    code, out, err = run("diff", "-C", str(root), "2023-H1", "2024-H1")
    assert (code, err) == (0, "")
    assert "儿童福利\n  只有 2024-H1 有这一领域的数据\n" in out
    assert out.endswith("== city ==\n2023-H1 没有版本“city”的数据，无从对比\n")


def test_a_whole_new_record_is_one_line(tmp_path: Path) -> None:
    old = "extremely_poor:\n  people: 3人\n  dispersed: 2人\n  centralized: 1人\n"
    root = make_workspace(tmp_path, {"datasets/2023-H1/social_assistance.yaml": old})
    code, out, _err = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county")
    assert code == 0
    assert "  新增：发放救助资金：822万元\n" in out  # a single value, with its figure
    assert "  特困人员供养·特困人员总数      3人  →   3258人  +3255人  +108500.0%" in out
    code, out, _err = run("diff", "-C", str(root), "2024-H1", "2023-H1", "-V", "county")
    assert "  删除：发放救助资金：原为 822万元\n" in out
    (root / "datasets/2023-H1/social_assistance.yaml").write_text("funds: 1万元\n",
                                                                encoding="utf-8")
    out = run("diff", "-C", str(root), "2023-H1", "2024-H1", "-V", "county")[1]
    assert "  新增：特困人员供养（共 3 项）\n" in out
    assert "特困人员总数" not in out


@pytest.mark.parametrize(("description", "expected"), [
    ("特困人员总数（=分散供养+集中供养）", "特困人员总数"),
    ("结婚登记（对），只填数字", "结婚登记"),
    ("救助人数或人次", "救助人数或人次"),
    ("一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一…"),
])
def test_short_label(description: str, expected: str) -> None:
    assert short_label(description) == expected
