"""The repository's workspace compares with last year: 2023-H1 figures for huoshan, the
demonstration variant huoshan-yoy with a 同比 paragraph, ``diff 2023-H1 2024-H1`` and an archive
of the real sample pack that verifies with the real DOCX writer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from workspaces import copy_repository, run

ROOT = Path(__file__).resolve().parents[1]
YOY = ("上半年，社会救助资金同比增长4.8%；农村低保户数同比下降3.0%、保障人数同比下降3.3%，"
       "累计发放低保金同比增长4.1%；特困人员供养金同比增长5.9%。")


def text(tmp_path: Path, period: str, variant: str) -> list[str]:
    code, _out, err = run("build", "-C", str(ROOT), "-p", period, "-V", variant, "-f", "txt",
                          "-o", str(tmp_path))
    assert code == 0, err
    return (tmp_path / period / f"{variant}.txt").read_text(encoding="utf-8").splitlines()


def test_huoshan_yoy_is_the_sample_plus_one_yoy_paragraph(tmp_path: Path) -> None:
    sample, yoy = text(tmp_path, "2024-H1", "huoshan"), text(tmp_path, "2024-H1", "huoshan-yoy")
    index = next(i for i, line in enumerate(sample) if line.startswith("（二）兜牢社会救助底线。"))
    assert yoy == [*sample[:index + 1], YOY, *sample[index + 1:]]


def test_without_last_year_the_fallback_is_written_out(tmp_path: Path) -> None:
    lines = text(tmp_path, "2023-H1", "huoshan-yoy")
    assert lines[4] == "（上年同期没有社会救助数据，本期不作同比。）"
    assert lines[3].startswith("（一）兜牢社会救助底线。")
    assert lines[-1] == "2023年7月6日"


def test_last_years_figures_check_cleanly() -> None:
    code, out, err = run("check", "-C", str(ROOT), "-p", "2023-H1", "-V", "huoshan")
    assert (code, out, err) == (0, "检查通过：0 个警告。\n", "")


def body(path: Path) -> str:
    """A template without its leading {#- … -#} comment."""
    return re.sub(r"^\{#-.*?-#\}\n", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_override_starts_with_the_shared_template() -> None:
    shared = body(ROOT / "templates/areas/social_assistance.md.j2")
    override = body(ROOT / "variants/huoshan-yoy/areas/social_assistance.md.j2")
    assert override.startswith(shared)
    assert override[len(shared):].startswith("{% if prev is defined")


def test_diff_of_the_repository_periods(tmp_path: Path) -> None:
    code, out, err = run("diff", "-C", str(ROOT), "2023-H1", "2024-H1")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "2023-H1（datasets/2023-H1/）与 2024-H1（datasets/2024-H1/）对比"
    assert "2023-H1 没有版本“zixing”的数据，无从对比" in lines
    rows = {line.split()[0]: line.split()[1:] for line in lines if "  →  " in line}
    assert rows["社会救助资金合计·累计发放的社会救助资金…"] == [
        "3652.16万元", "→", "3828.54万元", "+176.38万元", "+4.8%"]
    assert rows["农村最低生活保障·保障户数"] == ["9126户", "→", "8854户", "-272户", "-3.0%"]
    assert rows["高龄津贴·享受津贴的高龄老人总数"] == ["9127人", "→", "9454人", "+327人", "+3.6%"]
    assert rows["婚姻登记·办理婚姻登记合计"] == ["1251件", "→", "1339件", "+88件", "+7.0%"]
    assert "  新增：疫情防控期间审批审核的…（共 5 项）" in lines
    assert "第 1 段：霍山县民政局[-2023年上半年工作总结-]" in lines
    assert any(line.startswith("第 7 段（新增）：上半年，社会救助资金同比增长4.8%；")
               for line in lines)  # huoshan-yoy's text gains the 同比 paragraph
    assert len(out) < 12000  # what changed, not every paragraph twice


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the repository's workspace (archives are written into it)."""
    return copy_repository(tmp_path / "ws")


def test_archive_of_the_samples_keeps_last_year_and_verifies(workspace: Path,
                                                             tmp_path: Path) -> None:
    # the county sample keeps its source's total that does not add up: not finished
    code, _out, err = run("archive", "-C", str(workspace))
    assert code == 1
    assert "  datasets/2024-H1/huoshan/social_assistance.yaml: 1 个警告\n" in err
    code, out, _err = run("archive", "-C", str(workspace), "--force")
    assert code == 0
    assert out.startswith("已归档：archive/2024-H1/r1")
    revision = workspace / "archive/2024-H1/r1"
    manifest = json.loads((revision / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forced"]["warnings"] == 1
    assert manifest["variants"] == ["zixing", "huoshan", "huoshan-yoy"]
    assert manifest["previous"] == {"period": "2023-H1", "source": "datasets/2023-H1/"}
    assert sorted(p.name for p in (revision / "datasets/2023-H1/huoshan").iterdir()) == [
        "elderly.yaml", "report.yaml", "social_affairs.yaml", "social_assistance.yaml"]
    assert (revision / "variants/huoshan-yoy/areas/social_assistance.md.j2").is_file()
    assert YOY in (revision / "out/2024-H1/huoshan-yoy.txt").read_text(encoding="utf-8")
    code, out, err = run("archive", "-C", str(workspace), "--verify")
    assert (code, err) == (0, "")
    assert out == "核验通过：archive/2024-H1/r1（哈希值一致，重新生成的文稿逐字节相同）\n"
    rebuilt = tmp_path / "rebuilt"
    assert run("build", "-C", str(revision), "-o", str(rebuilt))[0] == 0
    for variant in manifest["variants"]:
        name = f"2024-H1/{variant}.docx"
        assert (rebuilt / name).read_bytes() == (revision / "out" / name).read_bytes()
