"""Problems found while the templates run are reported where the user wrote them: the dataset
file and line, with the template line as context (the repository's own pack and sample data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from workspaces import run

REPO = Path(__file__).resolve().parent.parent
DATA = "datasets/2024-H1/huoshan/social_assistance.yaml"

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's workspace (huoshan's data), to break."""
    for name in ("summarygen.yaml", "datasets", "templates", "variants"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def edit(root: Path, old: str, new: str) -> None:
    path = root / DATA
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(root: Path) -> list[str]:
    code, _out, err = run("check", "-C", str(root), "--variant", "huoshan")
    assert code == 1
    return [line for line in err.splitlines() if ": 错误: " in line]


def test_a_reference_typo_is_reported_at_the_data_line(sample: Path) -> None:
    edit(sample, "【rural_dibao.amount】", "【rural_dibao.amout】")
    assert errors(sample) == [
        f"{DATA}:61: 错误: 文字中写了【rural_dibao.amout】，但“rural_dibao”中没有“amout”；"
        "是否应为“amount”？（模板 templates/macros.md.j2:88 用到这一处）"]


def test_a_far_typo_gets_no_suggestion(sample: Path) -> None:
    edit(sample, "【price_subsidy.amount】", "【subsidies】")
    [message] = errors(sample)
    assert message.startswith(
        f"{DATA}:61: 错误: 文字中写了【subsidies】，但本文件中没有“subsidies”（")
    assert "是否应为" not in message


def test_a_deleted_block_is_named_not_confused_with_a_similar_one(sample: Path) -> None:
    text = (sample / DATA).read_text(encoding="utf-8")
    start, end = text.index("rural_dibao:"), text.index("urban_dibao:")
    (sample / DATA).write_text(text[:start] + text[end:], encoding="utf-8")
    [message] = errors(sample)
    assert message == (
        f"{DATA}:56: 错误: 文字中写了【rural_dibao】，但本文件中没有“rural_dibao”（农村最低生活保障"
        "（农村低保））：请补上，或从文字中删去【rural_dibao】"
        "（模板 templates/macros.md.j2:88 用到这一处）")
    assert "urban_dibao" not in message


def test_a_deleted_figure_of_a_group_is_an_error_not_a_shorter_sentence(sample: Path) -> None:
    edit(sample, "  households: 8854户\n", "")
    assert errors(sample) == [
        f"{DATA}:9: rural_dibao.households: 错误: 缺少必填字段“households”（保障户数）"]


def test_a_figure_the_text_names_but_the_file_lacks(sample: Path) -> None:
    edit(sample, "【price_subsidy.amount】", "【temporary_relief.households】")
    assert errors(sample) == [
        f"{DATA}:61: 错误: 文字中写了【temporary_relief.households】，但“temporary_relief”中没有"
        "“temporary_relief.households”（救助户数）：请补上，或从文字中删去【temporary_relief.households】"
        "（模板 templates/macros.md.j2:88 用到这一处）"]


def test_following_the_literal_figure_hint_prints_the_figure(sample: Path) -> None:
    edit(sample, "{first_month}至", "1至")
    code, _out, err = run("check", "-C", str(sample), "--variant", "huoshan")
    assert "文字中直接写了数字“1至”" not in err
    assert f"{DATA}:61: points[1].text: 警告: 文字中直接写了数字“1”：请把它写到“values:”下" \
        "并起个名字（如“n: 1”），在文字中原处写 {n}，以便核对和同比" in err
    edit(sample, "1至", "{n}至")
    edit(sample, "    values:\n      first_month: 1", "    values:\n      n: 1")
    code, _out, err = run("build", "--format", "md", "-C", str(sample), "--variant", "huoshan")
    assert code == 0, err
    built = (sample / "out/2024-H1/huoshan.md").read_text(encoding="utf-8")
    assert "1至5月份累计发放低保金" in built
    assert "{" not in built
