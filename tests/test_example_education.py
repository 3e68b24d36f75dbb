"""The example workspace ``examples/education``: a county education bureau's own template pack.

The expected figures (同比 rates, percentage points, 亿元 amounts) are computed here from the two
periods' YAML files with Decimal, so the test follows the data instead of a copy of the output.
"""

from __future__ import annotations

import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner

from summarygen.build import run_build, run_check
from summarygen.cli.commands import cli
from summarygen.i18n import set_language

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "education"
CURRENT, PREVIOUS = "2024-H1", "2023-H1"
WORK_AREAS = ("preschool", "compulsory", "funding", "teachers", "safety")
ONE_PLACE = Decimal("0.1")


pytestmark = pytest.mark.usefixtures("chinese")


# --- reading the example's own files ----------------------------------------------------------


def dataset(period: str, area: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLE / "datasets" / period / f"{area}.yaml")
                          .read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def figure(period: str, area: str, path: str) -> Decimal:
    """The number typed at ``path`` (``students.total``), without its unit."""
    value: Any = dataset(period, area)
    for part in path.split("."):
        value = value[part]
    match = re.match(r"^(\d+(?:\.\d+)?)", str(value))
    assert match is not None, f"{area}.{path} = {value!r} is not a figure"
    return Decimal(match[1])


def both(area: str, path: str) -> tuple[Decimal, Decimal]:
    return figure(CURRENT, area, path), figure(PREVIOUS, area, path)


def schema_title(area: str) -> str:
    data = yaml.safe_load((EXAMPLE / "templates" / "schemas" / f"{area}.yaml")
                          .read_text(encoding="utf-8"))
    return str(data["title"])


def typed(number: Decimal) -> str:
    """A Decimal as typed (``1847.00`` stays ``1847.00``)."""
    return format(number, "f")


def yoy_text(new: Decimal, old: Decimal) -> str:
    """同比增长/下降 x.x% (rate rounded half-up to one place), or 与去年同期持平."""
    rate = ((new - old) / old * 100).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    if rate == 0:
        return "与去年同期持平"
    return f"同比{'增长' if rate > 0 else '下降'}{typed(abs(rate))}%"


def points_text(new: Decimal, old: Decimal, prefix: str = "") -> str:
    """提高/下降 x.x个百分点 for two percentages."""
    diff = (new - old).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    if diff == 0:
        return "与去年同期持平" if prefix else "持平"
    return f"{prefix}{'提高' if diff > 0 else '下降'}{typed(abs(diff))}个百分点"


# --- the built report ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built once as DOCX, with no problem at all (not even a warning)."""
    out = tmp_path_factory.mktemp("education-out")
    set_language("zh_CN")
    result = run_build(EXAMPLE, out=out, formats=("docx",))
    assert [p.format(EXAMPLE) for p in result.problems] == []
    path = out / CURRENT / "qingshan.docx"
    assert result.written == [path]
    return path


@pytest.fixture(scope="module")
def report(built: Path) -> list[str]:
    """The DOCX read back with python-docx: the text of each non-empty paragraph."""
    return [p.text for p in docx.Document(str(built)).paragraphs if p.text.strip()]


def paragraph(report: list[str], start: str) -> str:
    found = [p for p in report if p.startswith(start)]
    assert len(found) == 1, f"expected one paragraph starting with {start!r}, found {found}"
    return found[0]


def area_paragraph(report: list[str], area: str) -> str:
    return paragraph(report, f"（{'一二三四五'[WORK_AREAS.index(area)]}）{schema_title(area)}。")


def test_title_headings_and_signature(report: list[str]) -> None:
    assert report[0] == "青山县教育局2024年上半年工作总结"
    assert report[1].startswith("2024年上半年，县教育局坚持")
    assert "认真落实县委、县政府和云川市教育局的决策部署" in report[1]
    level_one = [p for p in report if re.match(r"^[一二三四五六七八九十]+、", p)]
    assert level_one == ["一、上半年工作开展情况", "二、存在的问题", "三、下半年工作打算"]
    # The five work areas are run-in headings （一）…（五） under 一、, in this order.
    first, second = report.index("一、上半年工作开展情况"), report.index("二、存在的问题")
    under_first = [p for p in report[first + 1:second] if p.startswith("（")]
    assert [p.split("。")[0] for p in under_first] == [
        f"（{n}）{schema_title(a)}" for n, a in zip("一二三四五", WORK_AREAS, strict=True)]
    assert all(len(p) > len(p.split("。")[0]) + 1 for p in under_first)  # heading + body
    # Numbering restarts under 三、: the plans are （一）（二）… again.
    plans = [p for p in report[report.index("三、下半年工作打算") + 1:] if p.startswith("（")]
    leads = [point["lead"] for point in dataset(CURRENT, "plans")["points"]]
    assert [p.split("。")[0] for p in plans] == [
        f"（{n}）{lead}" for n, lead in zip("一二三四", leads, strict=True)]
    assert report[-2:] == ["青山县教育局", "2024年7月5日"]


def test_run_in_headings_are_one_paragraph(built: Path) -> None:
    """（一）标题。正文 is one paragraph: the heading in its own run, then the body."""
    document = docx.Document(str(built))
    heading = f"（一）{schema_title('preschool')}。"
    found = [p for p in document.paragraphs if p.text.startswith(heading)]
    assert len(found) == 1
    runs = [r.text for r in found[0].runs if r.text]
    assert runs[0] == heading
    assert "".join(runs[1:]).startswith("全县共有幼儿园")


def test_funding_in_yi_yuan_with_yoy(report: list[str]) -> None:
    new, old = both("funding", "total")
    yi = (new / 10_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert yoy_text(new, old).startswith("同比增长")
    text = area_paragraph(report, "funding")
    assert f"全县教育经费投入{typed(yi)}亿元，{yoy_text(new, old)}。" in text
    assert f"{typed(yi)}亿元" == "3.62亿元"  # the amount the example is meant to show
    aid_new, aid_old = both("funding", "student_aid")
    rate = ((aid_new - aid_old) / aid_old * 100).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    assert f"学生资助资金{typed(aid_new)}万元，较去年同期增长{typed(rate)}%" in text
    people_new, people_old = both("funding", "student_aid_people")
    assert f"资助学生{typed(people_new)}人次，{yoy_text(people_new, people_old)}" in text


def test_yoy_verbs_follow_the_data(report: list[str]) -> None:
    children = both("preschool", "children")
    students = both("compulsory", "students.total")
    teachers = both("teachers", "staff.total")
    training = both("teachers", "training")
    drills = both("safety", "drills")
    # The example data exercises all three wordings.
    assert yoy_text(*children).startswith("同比下降")
    assert yoy_text(*students) == "与去年同期持平"
    assert yoy_text(*teachers).startswith("同比增长")
    assert f"在园幼儿{typed(children[0])}人，{yoy_text(*children)}。" in area_paragraph(
        report, "preschool")
    assert f"在校生{typed(students[0])}人，与去年同期持平，" in area_paragraph(report, "compulsory")
    teachers_text = area_paragraph(report, "teachers")
    assert f"在编在岗教师{typed(teachers[0])}人，{yoy_text(*teachers)}，" in teachers_text
    assert f"{typed(training[0])}人次，{yoy_text(*training)}。" in teachers_text
    assert f"应急疏散演练{typed(drills[0])}场次，{yoy_text(*drills)}" in area_paragraph(
        report, "safety")


def test_percentages_and_points(report: list[str]) -> None:
    text = area_paragraph(report, "preschool")
    rate, old = both("preschool", "gross_enrollment")
    assert points_text(rate, old).startswith("提高")
    assert f"学前三年毛入园率达{typed(rate)}%，较去年同期{points_text(rate, old)}；" in text
    cover, cover_old = both("preschool", "inclusive_coverage")
    compared = points_text(cover, cover_old)
    assert f"普惠性幼儿园覆盖率达{typed(cover)}%，较去年同期{compared}；" in text
    share = both("preschool", "public_share")
    assert f"公办园在园幼儿占比{typed(share[0])}%，{points_text(*share, prefix='同比')}。" in text
    retention = both("compulsory", "retention_rate")
    compared = points_text(*retention, prefix="同比")
    assert f"九年义务教育巩固率达{typed(retention[0])}%，{compared}。" in area_paragraph(
        report, "compulsory")


def test_chinese_numerals_lists_and_enumerations(report: list[str]) -> None:
    preschool = area_paragraph(report, "preschool")
    names = dataset(CURRENT, "preschool")["new_kindergartens"]
    assert len(names) == 3
    assert f"新建、改扩建幼儿园三所（{'、'.join(names[:-1])}和{names[-1]}）" in preschool
    assert "一是扩充普惠性资源。" in preschool and "二是提升保育教育质量。" in preschool
    compulsory = area_paragraph(report, "compulsory")
    assert dataset(CURRENT, "compulsory")["education_groups"] == "3个"
    assert "等三个紧密型教育集团" in compulsory
    problems = paragraph(report, "上半年，全县教育工作取得了一定成效")
    items = dataset(CURRENT, "problems")["points"]
    assert problems.endswith(f"一是{items[0]}；二是{items[1]}；三是{items[2]}；四是{items[3]}。")


def test_check_reports_nothing() -> None:
    assert [p.format(EXAMPLE) for p in run_check(EXAMPLE)] == []


def test_every_figure_comes_from_the_data() -> None:
    """No digits in the templates except format arguments such as places=2."""
    for path in sorted((EXAMPLE / "templates").rglob("*.j2")):
        text = re.sub(r"places=\d+", "", path.read_text(encoding="utf-8"))
        text = text.replace(".md.j2", "")
        assert not re.search(r"[0-9０-９]", text), path.relative_to(EXAMPLE)


def test_consistency_rules_are_declared_and_active(tmp_path: Path) -> None:
    root = tmp_path / "education"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out"))
    teachers = root / "datasets" / CURRENT / "teachers.yaml"
    text = teachers.read_text(encoding="utf-8")
    total = figure(CURRENT, "teachers", "staff.total")
    teachers.write_text(text.replace(f"total: {total}人", f"total: {total + 1}人"),
                        encoding="utf-8")
    problems = [p.format(root) for p in run_check(root)]
    assert len(problems) == 1
    assert problems[0].startswith(f"datasets/{CURRENT}/teachers.yaml:")
    assert f"“在编在岗教师总数”为 {total + 1}人，但各部分之和为 {total}人" in problems[0]


def test_missing_previous_period_fails_clearly(tmp_path: Path) -> None:
    root = tmp_path / "education"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out"))
    shutil.rmtree(root / "datasets" / PREVIOUS)
    result = CliRunner().invoke(cli, ["build", "-C", str(root)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    expected = (f"没有上年同期（{PREVIOUS}）的数据："
                f"datasets/{PREVIOUS}/ 和 archive/{PREVIOUS}/ 都不存在")
    assert expected in result.stderr
    assert "templates/areas/" in result.stderr  # where the template asks for last year's figures
    assert not (root / "out").exists()
