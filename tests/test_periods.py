"""Every kind of period has its own wording: one workspace builds a 上半年, a 下半年 and an annual
report, and the titles, part headings and openings read back from the DOCX follow the period."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from workspaces import copy_repository, run

from summarygen.build import run_check
from summarygen.workspace.period import Period, likely_period

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The repository's sample workspace with its 2024 first half only."""
    return copy_repository(tmp_path / "ws", ("2024-H1",))


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def build(root: Path, period: str) -> dict[str, list[str]]:
    code, _out, err = run("build", "-C", str(root), "-p", period, "-V", "huoshan",
                          "-V", "zixing")
    assert code == 0, err
    return {v: paragraphs(root / "out" / period / f"{v}.docx") for v in ("huoshan", "zixing")}


def start(root: Path, period: str) -> None:
    code, _out, err = run("new-period", "-C", str(root), period, "--from", "2024-H1")
    assert code == 0, err


def test_half_years_and_the_year_each_have_their_own_title_headings_and_openings(
        workspace: Path) -> None:
    start(workspace, "2024-H2")
    start(workspace, "2024")
    first, second, year = (build(workspace, p) for p in ("2024-H1", "2024-H2", "2024"))

    assert first["huoshan"][:2] == ["霍山县民政局", "2024年上半年工作总结及下半年工作安排"]
    assert second["huoshan"][:2] == ["霍山县民政局", "2024年下半年工作总结及2025年工作计划"]
    assert year["huoshan"][:2] == ["霍山县民政局", "2024年工作总结及2025年工作计划"]
    assert [p for p in first["huoshan"] if p in ("一、上半年工作总结", "二、下半年工作安排")] == [
        "一、上半年工作总结", "二、下半年工作安排"]
    assert "一、下半年工作总结" in second["huoshan"] and "二、2025年工作计划" in second["huoshan"]
    assert "一、2024年工作总结" in year["huoshan"] and "二、2025年工作计划" in year["huoshan"]
    assert first["huoshan"][2].endswith("现将2024年上半年工作总结及下半年工作安排汇报如下。")
    assert year["huoshan"][2].endswith("现将2024年工作总结及2025年工作计划汇报如下。")
    plans = {name: next(p for p in report["huoshan"] if "具体将从以下方面着力推进" in p)
             for name, report in (("H1", first), ("H2", second), ("year", year))}
    assert plans["H1"].startswith("今年上半年以来，") and "，下半年工作将坚持" in plans["H1"]
    assert plans["H2"].startswith("今年下半年以来，") and "，明年工作将坚持" in plans["H2"]
    assert plans["year"].startswith("今年以来，") and "，明年工作将坚持" in plans["year"]

    assert first["zixing"][0] == "资兴市民政局2024年上半年工作总结"
    assert year["zixing"][0] == "资兴市民政局2024年工作总结"
    assert first["zixing"][1].startswith("上半年，在市委市政府")
    assert second["zixing"][1].startswith("下半年，在市委市政府")
    assert year["zixing"][1].startswith("今年，在市委市政府")
    for report in (second, year):
        text = "".join(report["huoshan"] + report["zixing"])
        assert "上半年" not in text


def test_words_that_contradict_the_period_are_warned_with_file_and_line(
        workspace: Path) -> None:
    start(workspace, "2024")
    path = workspace / "datasets/2024/huoshan/next_steps.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("【period.since】", "今年上半年以来"), encoding="utf-8")
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "今年上半年以来" in t)
    shown = [p.format(workspace) for p in run_check(workspace, ("huoshan",), "2024").warnings
             if "与报告期" in p.message]
    assert shown == [f"datasets/2024/huoshan/next_steps.yaml:{line}: intro[1]: 警告: "
                     "“上半年”与报告期 2024（全年）不符："
                     "随报告期变化的用语请写成【period.now】【period.since】"
                     "【period.summary】【period.plan】【period.next】"
                     "或【period.title】，或者改写这句话"]
    # the same words are right in a first-half report
    assert not [p for p in run_check(workspace, ("huoshan",), "2024-H1").warnings
                if "与报告期" in p.message]


def test_a_word_in_a_comment_or_a_key_is_not_prose(workspace: Path) -> None:
    start(workspace, "2024")
    path = workspace / "datasets/2024/zixing/poverty.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 上半年的数字已核对\n",
                    encoding="utf-8")
    assert not [p for p in run_check(workspace, ("zixing",), "2024").warnings
                if "与报告期" in p.message]


@pytest.mark.parametrize(("day", "period"), [
    ("2027-01-05", "2026"), ("2027-03-31", "2026"), ("2027-04-01", "2027-H1"),
    ("2027-09-30", "2027-H1"), ("2027-10-01", "2027"), ("2027-12-31", "2027")])
def test_the_likely_period_follows_the_month(day: str, period: str) -> None:
    import datetime as dt

    assert str(likely_period(dt.date.fromisoformat(day))) == period


def test_period_words_per_kind() -> None:
    assert Period.parse("2026-H1").words()["title"] == "2026年上半年工作总结及下半年工作安排"
    assert Period.parse("2026-H2").words()["title"] == "2026年下半年工作总结及2027年工作计划"
    assert Period.parse("2026").words()["title"] == "2026年工作总结及2027年工作计划"


def test_the_annual_sample_compares_with_last_year_and_names_its_first_half(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _out, err = run("build", "-C", str(ROOT), "-p", "2023", "-V", "huoshan-yoy",
                          "-o", str(out))
    assert code == 0, err
    path = out / "2023" / "huoshan-yoy.docx"
    text = paragraphs(path)
    assert text[:2] == ["霍山县民政局", "2023年工作总结及2024年工作计划"]
    assert text[2].startswith("今年以来，") and text[2].endswith(
        "现将2023年工作总结及2024年工作计划汇报如下。")
    assert "一、2023年工作总结" in text and "二、2024年工作计划" in text
    assert ("全年，社会救助资金同比增长4.6%；农村低保户数同比下降2.5%、保障人数同比下降3.2%，"
            "累计发放低保金同比增长4.4%；特困人员供养金同比增长4.8%。其中上半年发放社会救助资金"
            "3652.16万元，农村低保金2058.36万元。") in text
    assert run("verify", str(path))[0] == 0


def test_h1_outside_an_annual_report_says_why(workspace: Path) -> None:
    root = workspace
    area = root / "templates/areas/social_assistance.md.j2"
    area.write_text(area.read_text(encoding="utf-8") + "{{ h1.social_assistance }}\n",
                    encoding="utf-8")
    code, _out, err = run("check", "-C", str(root), "-V", "huoshan")
    assert code == 1
    assert "h1（全年的上半年）只在全年总结中才有；本报告是 2024-H1 的" in err


@pytest.mark.parametrize(("day", "period"), [
    ("2027-02-10", "2026"), ("2027-07-06", "2027-H1"), ("2027-12-01", "2027")])
def test_init_writes_the_likely_period_for_today_and_builds_it(tmp_path: Path, day: str,
                                                               period: str) -> None:
    import datetime as dt

    from summarygen.workspace.init import init_workspace

    created = init_workspace(tmp_path / "ws", "县", "岳西县民政局",
                             today=dt.date.fromisoformat(day))
    assert (created.period, created.asked) == (Period.parse(period), False)
    assert created.datasets == tmp_path / "ws" / "datasets" / period
    code, _out, err = run("build", "-C", str(created.root))
    assert code == 0, err
    text = paragraphs(created.root / "out" / period / "county.docx")
    assert text[:2] == ["岳西县民政局", Period.parse(period).words()["title"]]


def test_init_period_option_and_what_it_says(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "ws"), "--period", "2026-H2")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == ("示例数据的报告期为 2026-H2（下半年，按 --period 的指定），"
                                   "取自霍山县民政局 2024-H1 的总结；标题和随报告期变化的用语"
                                   "按报告期写出。")
    assert (tmp_path / "ws/datasets/2026-H2").is_dir()
    code, _out, err = run("init", str(tmp_path / "other"), "--period", "2026-H3")
    assert code == 1
    assert err == "--period: 错误: “2026-H3”不是报告期，请写 2024-H1、2024-H2 或 2024\n"


def test_new_period_copies_the_same_report_a_year_earlier_and_says_why(
        workspace: Path) -> None:
    start(workspace, "2024")
    code, out, _err = run("new-period", "-C", str(workspace), "2025-H1")
    assert code == 0
    assert out.splitlines()[:2] == [
        "已根据 2024-H1 建立 datasets/2025-H1/：共 19 个文件。",
        "复制的是 2024-H1：上一年的同一种报告。写成【period.…】的标题、部分标题和开头语会按 "
        "2025-H1（上半年）写出；与报告期不符的字样，“summarygen check”会给出警告。"]
    code, out, _err = run("new-period", "-C", str(workspace), "2025-H2")
    assert out.splitlines()[1].startswith("复制的是 2025-H1：2025-H2 之前最近的一期。")


def test_init_takes_finished_examples_not_a_period_started_in_the_pack(tmp_path: Path) -> None:
    from summarygen.workspace.init import init_workspace

    pack = copy_repository(tmp_path / "pack")
    start(pack, "2025-H1")  # what the README once did in the repository itself
    created = init_workspace(tmp_path / "ws", "县", pack_root=pack, period="2025-H1")
    assert created.source == Period.parse("2024-H1")
    assert not [p for p in created.datasets.glob("*.yaml")
                if "待更新" in p.read_text(encoding="utf-8")]
