"""Wording that does not fit the report: another level's bodies, placeholders left in."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspaces import CONFIG, DATASET, make_workspace, run

from summarygen.data.validate import Prose
from summarygen.workspace.period import Period
from summarygen.workspace.wording import Setting, blank_markers, scan

pytestmark = pytest.mark.usefixtures("chinese")

DATA = "datasets/2024-H1/social_assistance.yaml"


def with_point(text: str) -> dict[str, str]:
    return {DATA: DATASET + f"  - lead: 做好汇报\n    text: {text}\n"}


def test_county_bodies_in_a_city_report_are_warned_at_the_data_line(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, with_point("根据县委抽调安排，向县政府做好汇报。"))
    code, out, err = run("check", "-C", str(root), "--variant", "city")
    assert (code, out) == (0, "检查通过：2 个警告。\n")
    lines = err.splitlines()
    assert lines[0] == (
        f"{DATA}:12: points[2].text: 警告: “县委”是另一层级的机关或范围用语，而版本“city”是市级"
        "单位的报告：请改写为【org.leadership】（本版本写作“市委市政府”），各层级的报告就各用自己的称谓")
    assert "“县政府”" in lines[1] and "【org.leadership】" in lines[1]
    assert len(lines) == 2
    assert run("check", "-C", str(root), "--variant", "county") == (0, "检查通过：0 个警告。\n", "")


def test_city_words_in_a_county_report_suggest_the_scope(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, with_point("全市民政干部未发生确诊病例。"))
    code, _out, err = run("check", "--strict", "-C", str(root), "--variant", "county")
    assert code == 1
    assert "“全市”是另一层级的机关或范围用语" in err
    assert "【org.scope】（本版本写作“全县”）" in err
    assert run("check", "--strict", "-C", str(root), "--variant", "city")[0] == 0


def test_references_and_slots_are_not_the_users_wording(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, with_point("在【org.leadership】领导下，{全县}【org.scope】。"))
    _code, _out, err = run("check", "-C", str(root))
    assert "另一层级" not in err


def test_a_placeholder_in_the_configuration_is_warned_until_replaced(tmp_path: Path) -> None:
    config = CONFIG.replace("    department: 民政局\n    leadership: 市委市政府\n",
                            "    department: 民政局\n    leadership: 市委市政府\n"
                            "    superior: XX市民政局\n")
    root = make_workspace(tmp_path, {"summarygen.yaml": config})
    code, _out, err = run("check", "--strict", "-C", str(root))
    assert code == 1
    assert err.splitlines()[0] == (
        "summarygen.yaml:11: organisations.zx.superior: 警告: “XX市民政局”是占位名称，不是真实"
        "名称：请改为真实名称（如果确实要保留它，请在 summarygen.yaml 的“wording: allow:”中列出）")
    allowed = config + "wording:\n  allow: [XX市民政局]   # 原文隐去了上级单位名称\n"
    root = make_workspace(tmp_path, {"summarygen.yaml": allowed})
    assert run("check", "--strict", "-C", str(root)) == (0, "检查通过：0 个警告。\n", "")


def test_a_placeholder_in_the_prose_is_warned(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, with_point("在某某县民政局的指导下完成。"))
    _code, _out, err = run("check", "-C", str(root))
    assert f"{DATA}:12: points[2].text: 警告: “某某县民政局”是占位名称" in err


def test_build_shows_the_configurations_warnings(tmp_path: Path) -> None:
    config = CONFIG.replace("name: 霍山县民政局", "name: XX县民政局")
    root = make_workspace(tmp_path, {"summarygen.yaml": config})
    code, _out, err = run("build", "--format", "md", "-C", str(root))
    assert code == 0
    assert "“XX县民政局”是占位名称" in err
    assert run("build", "--strict", "--format", "md", "-C", str(root))[0] == 1


@pytest.mark.parametrize("level", ["county", "city"])
def test_init_writes_no_other_levels_words_and_warns_of_its_placeholders(
        tmp_path: Path, level: str) -> None:
    root = tmp_path / "new"
    assert run("init", str(root), "--level", level, "--org",
               "青山县民政局" if level == "county" else "云川市民政局")[0] == 0
    code, _out, err = run("check", "-C", str(root))
    assert code == 0
    assert "另一层级" not in err
    if level == "city":
        assert "organisations.main.superior: 警告: “XX市民政局”是占位名称" in err


def test_the_scanner_takes_a_table_of_rules() -> None:
    """One scanner, one table: the lines and keys come from the prose pieces."""
    prose = [Prose("根据县委安排", Path("a.yaml"), 3, "points[1].text"),
             Prose("全县", Path("a.yaml"), 4, "intro[1]")]
    setting = Setting("city", "市", {"leadership": "市委、市政府", "scope": "全市"},
                      Period(2024, 1), frozenset({"全县"}))
    [problem] = scan(prose, setting)
    assert (problem.line, problem.key) == (3, "points[1].text")
    assert blank_markers("【a】{b}c") == " " * 6 + "c"


def test_overlapping_words_are_each_found_in_the_order_of_the_table() -> None:
    # “全县委员会”: 全县 and 县委 overlap; each is a word of its own, reported in the order the
    # table lists them, then by place
    setting = Setting("c", "市", {"leadership": "市委", "scope": "全市", "self_ref": "我市"},
                      Period.parse("2024"))
    prose = [Prose("全县委员会和县政府上半年全县", Path("a.yaml"), 3, "intro[1]")]
    words = [p.message.split("”")[0].lstrip("“") for p in scan(prose, setting)]
    assert words == ["县委", "县政府", "全县", "全县", "上半年"]
