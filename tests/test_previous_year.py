"""``prev`` and ``yoy`` end to end: 同比 sentences from two periods' data, and clear messages."""

from __future__ import annotations

from pathlib import Path

from workspaces import DATASET, make_workspace, run

YOY_AREA = """\
{% set d = data.social_assistance %}
{% set p = prev.social_assistance %}
{% set e, f = d.extremely_poor, p.extremely_poor %}
### {{ titles.social_assistance }}。
特困人员供养{{ e.people }}，{{ e.people | yoy(f.people) }}；\
分散供养{{ e.dispersed }}，{{ e.dispersed | yoy(f.dispersed) }}；\
集中供养{{ e.centralized }}，{{ e.centralized | yoy(f.centralized) }}；\
发放救助资金{{ d.funds }}，{{ d.funds | yoy(p.funds) }}。

"""

LAST_YEAR = """\
extremely_poor:
  people: 3100人
  dispersed: 2493人
  centralized: 607人
funds: 8220000元
"""



def built_text(root: Path, period: str = "2024-H1") -> str:
    return (root / "out" / period / "county.txt").read_text(encoding="utf-8")


def test_template_writes_yoy_sentences_from_two_periods(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": YOY_AREA,
                                     "datasets/2023-H1/social_assistance.yaml": LAST_YEAR})
    code, _out, err = run("build", "-C", str(root), "-V", "county", "-f", "txt")
    assert (code, err) == (0, "")
    assert ("（一）兜牢社会救助底线。特困人员供养3258人，同比增长5.1%；"
            "分散供养2651人，同比增长6.3%；集中供养607人，与去年同期持平；"
            "发放救助资金822万元，与去年同期持平。\n") in built_text(root)


def test_yoy_declines_and_percentage_points(tmp_path: Path) -> None:
    schema = ("title: 兜牢社会救助底线\nfields:\n"
              "  people: {type: quantity, unit: 人, description: 人数}\n"
              "  rate: {type: percent, description: 覆盖率}\n")
    area = ("{% set d = data.social_assistance %}{% set p = prev.social_assistance %}\n"
            "### 社会救助。\n"
            "人数{{ d.people | yoy(p.people) }}，覆盖率{{ d.rate | yoy(p.rate) }}。\n")
    root = make_workspace(tmp_path, {
        "templates/schemas/social_assistance.yaml": schema,
        "templates/areas/social_assistance.md.j2": area,
        "datasets/2024-H1/social_assistance.yaml": "people: 969人\nrate: 88.7%\n",
        "datasets/2023-H1/social_assistance.yaml": "people: 1000人\nrate: 90%\n",
    })
    code, _out, err = run("build", "-C", str(root), "-V", "county", "-f", "txt")
    assert (code, err) == (0, "")
    assert "（一）社会救助。人数同比下降3.1%，覆盖率同比下降1.3个百分点。\n" in built_text(root)


def test_missing_previous_period_is_a_clear_error(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": YOY_AREA})
    code, out, err = run("build", "-C", str(root), "-V", "county", "-f", "txt")
    assert (code, out) == (1, "")
    assert "templates/areas/social_assistance.md.j2:2: 错误: " in err
    assert ("没有上年同期（2023-H1）的数据：datasets/2023-H1/ 和 archive/2023-H1/ 都不存在"
            in err)
    assert not (root / "out").exists()


def test_missing_previous_figure_names_the_file(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "templates/areas/social_assistance.md.j2": YOY_AREA,
        "datasets/2023-H1/social_assistance.yaml": LAST_YEAR.replace("funds: 8220000元\n", ""),
    })
    code, _out, err = run("build", "-C", str(root), "-V", "county", "-f", "txt")
    assert code == 1
    assert "templates/areas/social_assistance.md.j2:5: 错误: yoy：没有上年同期的数字（" in err
    assert "datasets/2023-H1/social_assistance.yaml 中没有“funds”）" in err


def test_broken_previous_period_is_named(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "templates/areas/social_assistance.md.j2": YOY_AREA,
        "datasets/2023-H1/social_assistance.yaml": "funds: 很多\n",
    })
    code, _out, err = run("build", "-C", str(root), "-V", "county", "-f", "txt")
    assert code == 1
    assert "上年同期（2023-H1，datasets/2023-H1/）的数据无法使用：" in err
    assert "datasets/2023-H1/social_assistance.yaml:1: funds: 错误:" in err


def test_template_may_fall_back_visibly_when_there_is_no_previous_period(
        tmp_path: Path) -> None:
    area = ("{% set d = data.social_assistance %}\n### 社会救助。\n发放救助资金{{ d.funds }}"
            "{% if prev is defined %}，{{ d.funds | yoy(prev.social_assistance.funds) }}"
            "{% else %}（上年同期无可比数据）{% endif %}。\n")
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": area})
    assert run("build", "-C", str(root), "-V", "county", "-f", "txt")[0] == 0
    assert "（一）社会救助。发放救助资金822万元（上年同期无可比数据）。\n" in built_text(root)
    (root / "datasets/2023-H1").mkdir()
    (root / "datasets/2023-H1/social_assistance.yaml").write_text(DATASET, encoding="utf-8")
    assert run("build", "-C", str(root), "-V", "county", "-f", "txt")[0] == 0
    assert "（一）社会救助。发放救助资金822万元，与去年同期持平。\n" in built_text(root)


def test_last_years_warnings_are_shown_once_when_its_data_is_used(tmp_path: Path) -> None:
    last_year = LAST_YEAR.replace("funds: 8220000元", "funds: 8220000元\nfundz: 1万元")
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": YOY_AREA,
                                     "datasets/2023-H1/social_assistance.yaml": last_year})
    code, _out, err = run("check", "-C", str(root))  # both variants use last year's data
    assert code == 0
    assert err == ("datasets/2023-H1/social_assistance.yaml:6: fundz: 警告: 上年同期的数据："
                   "未知的键“fundz”，已忽略；是否应为“funds”？\n")
    code, _out, err = run("check", "--strict", "-C", str(root))
    assert code == 1


def test_last_years_warnings_are_not_shown_when_its_data_is_not_used(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "datasets/2023-H1/social_assistance.yaml": LAST_YEAR + "fundz: 1万元\n"})
    assert run("check", "--strict", "-C", str(root)) == (0, "检查通过：0 个警告。\n", "")
