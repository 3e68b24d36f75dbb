"""``check`` lists a finding repeated in one file once, with its count and first lines (every
one with ``-v``); a ``# 待更新`` mark partly deleted is named with what is left of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspaces import DATASET, make_workspace, run

pytestmark = pytest.mark.usefixtures("chinese")

MARKED = "\n".join(f"{line}  # 待更新" if "人" in line or "万元" in line else line
                   for line in DATASET.splitlines()) + "\n"
MARK = "这个数字仍标着“# 待更新”，它是从上一报告期复制来的；请更新数字并删除标注"


def test_marks_are_one_line_per_file_with_the_count_and_the_first_lines(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": MARKED})
    code, out, err = run("check", "-C", str(root))
    assert (code, out) == (0, "检查通过：4 个警告。\n")
    assert err == (f"datasets/2024-H1/social_assistance.yaml:2: 警告: 本文件中共 4 处（第 2、3、4、"
                   f"5 行，加 -v 逐条列出）：{MARK}\n")
    code, out, err = run("check", "-C", str(root), "-v")
    assert code == 0
    assert [line for line in err.splitlines() if "警告" in line] == [
        f"datasets/2024-H1/social_assistance.yaml:{n}: 警告: {MARK}" for n in (2, 3, 4, 5)]


def test_strict_check_fails_with_the_grouped_list_and_every_finding_counted(
        tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": MARKED})
    code, out, err = run("check", "-C", str(root), "--strict")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == "0 个错误，4 个警告。"
    assert len(err.splitlines()) == 2


@pytest.mark.parametrize(("line", "left"), [
    ("funds: 822万元  # 待更", "# 待更"),
    ("funds: 822万元  # 更新；核对过", "# 更新"),
    ("funds: 822万元  #", "#"),
])
def test_a_partly_deleted_mark_says_what_is_left(tmp_path: Path, line: str, left: str) -> None:
    root = make_workspace(tmp_path, {
        "datasets/2024-H1/social_assistance.yaml": DATASET.replace("funds: 822万元", line)})
    code, _out, err = run("check", "-C", str(root))
    assert code == 0
    number = DATASET.splitlines().index("funds: 822万元") + 1
    assert err == (f"datasets/2024-H1/social_assistance.yaml:{number}: 警告: 标注“# 待更新”只删了"
                   f"一部分，这一行还留着“{left}”：如果数字已经更新，请把剩下的也删去；如果还没有"
                   "更新，请改回“# 待更新”\n")


def test_an_ordinary_comment_is_not_a_mark(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": DATASET.replace(
        "funds: 822万元", "funds: 822万元  # 新增资金")})
    assert run("check", "-C", str(root)) == (0, "检查通过：0 个警告。\n", "")
