"""``summarygen new-period P``: last period's layout copied as text, figures marked or cleared."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspaces import make_workspace, run

from summarygen.workspace import newperiod

DATASET = """\
# 社会救助（数据来源：救助科）
extremely_poor:
  people: 3258人   # 含新增对象
  dispersed: 2651人
  centralized: 607人

funds: 822万元
points:
  - lead: 强化组织领导
    text: "{date}，召开专题党组会。"
    values:
      date: 1月27日
"""

MARKED = """\
# 社会救助（数据来源：救助科）
extremely_poor:
  people: 3258人   # 待更新；含新增对象
  dispersed: 2651人  # 待更新
  centralized: 607人  # 待更新

funds: 822万元  # 待更新
points:
  - lead: 强化组织领导
    text: "{date}，召开专题党组会。"
    values:
      date: 1月27日  # 待更新
"""

CLEARED = """\
# 社会救助（数据来源：救助科）
extremely_poor:
  people:          # 含新增对象
  dispersed:
  centralized:

funds:
points:
  - lead: 强化组织领导
    text: "{date}，召开专题党组会。"
    values:
      date:
"""



def workspace(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    return make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": DATASET,
                                     **(files or {})})


def test_new_period_marks_every_figure_and_keeps_the_layout(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    code, out, err = run("new-period", "-C", str(root), "2025-H1")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "已根据 2024-H1 建立 datasets/2025-H1/：共 1 个文件。",
        "复制的是 2024-H1：上一年的同一种报告。写成【period.…】的标题、部分标题和开头语会按 "
        "2025-H1（上半年）写出；与报告期不符的字样，“summarygen check”会给出警告。",
        "已为 5 个数字标注“# 待更新”：请逐项更新并删除标注；"
        "“summarygen check”会对每个未删除的标注给出警告。",
        "如需设定成文日期，请在 summarygen.yaml 的“periods:”下添加“2025-H1: {date: …}”；"
        "否则使用报告期的最后一天。",
    ]
    new = root / "datasets/2025-H1/social_assistance.yaml"
    assert new.read_text(encoding="utf-8") == MARKED
    assert (root / "datasets/2024-H1/social_assistance.yaml").read_text(
        encoding="utf-8") == DATASET


def test_check_warns_at_each_figure_still_marked(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assert run("new-period", "-C", str(root), "2025-H1")[0] == 0
    code, out, err = run("check", "-C", str(root), "--period", "2025-H1", "-v")
    assert (code, out) == (0, "检查通过：5 个警告。\n")
    warning = ("警告: 这个数字仍标着“# 待更新”，它是从上一报告期复制来的；请更新数字并删除标注")
    assert [line for line in err.splitlines() if "警告" in line] == [
        f"datasets/2025-H1/social_assistance.yaml:{line}: {warning}" for line in (3, 4, 5, 7, 12)]
    code, _out, err = run("build", "-C", str(root), "--period", "2025-H1", "--strict",
                          "-f", "txt")
    assert code == 1
    assert not (root / "out").exists()


def test_clear_blanks_the_figures_and_check_reports_them_empty(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    code, out, err = run("new-period", "-C", str(root), "2025-H1", "--clear")
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == ("已清空 5 个数字；"
                                   "在填写之前，“summarygen check”会逐项报告为空值。")
    new = root / "datasets/2025-H1/social_assistance.yaml"
    assert new.read_text(encoding="utf-8") == CLEARED
    code, out, err = run("check", "-C", str(root), "--period", "2025-H1")
    assert (code, out) == (1, "")
    for line, key in ((3, "extremely_poor.people"), (4, "extremely_poor.dispersed"),
                      (5, "extremely_poor.centralized"), (7, "funds"),
                      (12, "points[1].values.date")):
        assert (f"datasets/2025-H1/social_assistance.yaml:{line}: {key}: "
                "错误: 值是空的，请填写或删除这一行\n") in err


def test_new_period_refuses_an_existing_period(tmp_path: Path) -> None:
    root = workspace(tmp_path, {"datasets/2025-H1/social_assistance.yaml": "funds: 1万元\n"})
    code, out, err = run("new-period", "-C", str(root), "2025-H1")
    assert (code, out) == (1, "")
    assert err == ("新报告期（P）: 错误: datasets/2025-H1/ 已经存在；new-period 不会覆盖已有的"
                   "报告期（如确需重建，请先删除或改名该文件夹）\n")
    assert (root / "datasets/2025-H1/social_assistance.yaml").read_text(
        encoding="utf-8") == "funds: 1万元\n"


@pytest.mark.parametrize("name", ["2025-H3", "25-H1", "../2025-H1", ""])
def test_new_period_validates_the_period(tmp_path: Path, name: str) -> None:
    root = workspace(tmp_path)
    code, out, err = run("new-period", "-C", str(root), name)
    assert (code, out) == (1, "")
    assert err == f"新报告期（P）: 错误: “{name}”不是报告期，请写 2024-H1、2024-H2 或 2024\n"
    assert sorted(p.name for p in (root / "datasets").iterdir()) == ["2024-H1"]


def test_variant_folders_and_files_without_schema_are_copied(tmp_path: Path) -> None:
    root = workspace(tmp_path, {
        "datasets/2024-H1/county/social_assistance.yaml": "funds: 900万元\n",
        "datasets/2024-H1/county/notes.yaml": "area: notes\nvisits: 36次\nby: 办公室\n",
        "datasets/2023-H1/social_assistance.yaml": "funds: 1万元\n",
    })
    code, out, _err = run("new-period", "-C", str(root), "2025-H1")
    assert code == 0
    assert "共 3 个文件" in out
    folder = root / "datasets/2025-H1"
    assert (folder / "county/social_assistance.yaml").read_text(
        encoding="utf-8") == "funds: 900万元  # 待更新\n"
    assert (folder / "county/notes.yaml").read_text(
        encoding="utf-8") == "area: notes\nvisits: 36次  # 待更新\nby: 办公室\n"


def test_from_chooses_the_period_to_copy(tmp_path: Path) -> None:
    root = workspace(tmp_path, {"datasets/2023-H2/social_assistance.yaml": "funds: 5万元\n"})
    code, out, _err = run("new-period", "-C", str(root), "2024-H2", "--from", "2023-H2")
    assert code == 0
    assert out.startswith("已根据 2023-H2 建立 datasets/2024-H2/")
    assert (root / "datasets/2024-H2/social_assistance.yaml").read_text(
        encoding="utf-8") == "funds: 5万元  # 待更新\n"
    # by default the latest period before the new one is copied
    assert run("new-period", "-C", str(root), "2024")[0] == 0
    assert (root / "datasets/2024/social_assistance.yaml").read_text(
        encoding="utf-8") == "funds: 5万元  # 待更新\n"


def test_change_values_in_blocks_and_lists(tmp_path: Path) -> None:
    schema = ("title: 社会救助\nfields:\n"
              "  standard: {type: change, unit: 元/月.人, description: 保障标准}\n"
              "  batches: {type: list, item: {type: money, description: 批次}, "
              "description: 分批下达}\n"
              "  note: {type: text, description: 说明}\n"
              "  bands: {type: list, description: 年龄段, item: {type: record, description: 段,"
              " fields: {name: {type: text, description: 名称},"
              " people: {type: quantity, unit: 人, description: 人数}}}}\n")
    data = ("standard:\n  from: 320元/月.人\n  to: 380元/月.人\nbatches:\n  - 10万元\n"
            "  - 20万元\nnote: 第2批于7月下达\n"
            "bands:\n  - {name: 百岁老人, people: 14人}   # 注\n")
    root = make_workspace(tmp_path, {"templates/schemas/social_assistance.yaml": schema,
                                     "datasets/2024-H1/social_assistance.yaml": data})
    assert run("new-period", "-C", str(root), "2025-H1", "--clear")[0] == 0
    assert (root / "datasets/2025-H1/social_assistance.yaml").read_text(encoding="utf-8") == (
        "standard:\n  from:\n  to:\nbatches:\n  -\n  -\nnote: 第2批于7月下达\n"
        "bands:\n  - {name: 百岁老人, people: }       # 注\n")  # the comment keeps its column


def test_from_an_unknown_period_names_the_option(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    code, out, err = run("new-period", "-C", str(root), "2025-H1", "--from", "2022-H1")
    assert (code, out) == (1, "")
    assert err.startswith("--from: 错误: ")
    assert "datasets/2022-H1/" in err
    assert not (root / "datasets/2025-H1").exists()


def test_a_file_that_cannot_be_marked_safely_is_copied_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = workspace(tmp_path)

    def damaging(text: str, lines: set[int], clear: bool) -> str:
        return text.replace("822万元", "823万元")  # as if marking had touched a figure

    monkeypatch.setattr(newperiod, "rewrite", damaging)
    code, out, err = run("new-period", "-C", str(root), "2025-H1")
    assert code == 0
    assert err == ("datasets/2025-H1/social_assistance.yaml: 警告: 无法安全地标注其中的数字，"
                   "文件已原样复制，请逐项人工核对数字\n")
    assert "已为 0 个数字标注" in out
    assert (root / "datasets/2025-H1/social_assistance.yaml").read_text(
        encoding="utf-8") == DATASET
