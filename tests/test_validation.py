"""Datasets checked against their schema: types, unknown keys, required fields, sums."""

from __future__ import annotations

from pathlib import Path

from workspaces import make_workspace

from summarygen.data.records import Point, Record
from summarygen.data.schema import SchemaSet
from summarygen.data.values import Quantity
from summarygen.errors import Problems, Severity
from summarygen.workspace.datasets import load_dataset


def load(tmp_path: Path, dataset: str, schema: str | None = None) -> tuple[Record | None,
                                                                          Problems]:
    files = {"datasets/2024-H1/social_assistance.yaml": dataset}
    if schema is not None:
        files["templates/schemas/social_assistance.yaml"] = schema
    root = make_workspace(tmp_path, files)
    problems = Problems()
    schemas = SchemaSet.load([root / "templates"], problems)
    record = load_dataset(root / "datasets/2024-H1/social_assistance.yaml", schemas, problems)
    return record, problems


def messages(problems: Problems) -> list[str]:
    return [p.format() for p in problems]


def test_valid_dataset_becomes_typed_record(tmp_path: Path) -> None:
    record, problems = load(tmp_path, "extremely_poor:\n  people: 3258人\n  dispersed: 2651人\n"
                                      "  centralized: 607人\nfunds: 822万元\n")
    assert messages(problems) == []
    assert record is not None
    assert record.extremely_poor.dispersed == Quantity(__import__("decimal").Decimal(2651), "人")
    assert str(record.funds) == "822万元"


def test_unknown_key_warns_with_the_nearest_known_key(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "extremely_poor:\n  peple: 3258人\nfunds: 822万元\n")
    [problem] = problems
    assert problem.severity is Severity.WARNING
    assert (problem.line, problem.key) == (2, "extremely_poor.peple")
    assert "是否应为“people”" in problem.message


def test_wrong_type_is_an_error_with_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "funds: 很多\nextremely_poor:\n  people: 12户\n")
    found = [(p.line, p.key, p.severity) for p in problems]
    assert found == [(1, "funds", Severity.ERROR), (3, "extremely_poor.people", Severity.ERROR)]
    assert "单位应为 人" in problems.errors[1].message


def test_required_field_missing(tmp_path: Path) -> None:
    schema = ("title: 社会救助\nfields:\n  funds:\n    type: money\n    description: 资金\n"
              "    required: true\n")
    _, problems = load(tmp_path, "points:\n  - 一段文字。\n", schema)
    [problem] = problems.errors
    assert "缺少必填字段“funds”（资金）" in problem.message


def test_sum_rule_names_both_figures_and_the_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "funds: 1万元\nextremely_poor:\n  people: 2651人\n"
                                 "  dispersed: 2651人\n  centralized: 607人\n")
    [problem] = problems
    assert problem.severity is Severity.WARNING
    assert problem.line == 3
    assert problem.key == "extremely_poor.people"
    assert "2651人" in problem.message and "3258人" in problem.message


def test_sum_rule_passes_when_it_adds_up(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "extremely_poor:\n  people: 3258人\n  dispersed: 2651人\n"
                                 "  centralized: 607人\n")
    assert messages(problems) == []


def test_sum_rule_declared_in_the_data_with_list_items(tmp_path: Path) -> None:
    schema = """\
title: 养老
fields:
  allowance:
    type: record
    description: 高龄津贴
    fields:
      people: {type: quantity, unit: 人, description: 高龄老人}
      amount: {type: money, description: 发放资金}
      bands:
        type: list
        description: 各年龄段
        item:
          type: record
          description: 一个年龄段
          fields:
            band: {type: text, description: 年龄段}
            people: {type: quantity, unit: 人, description: 人数}
"""
    data = """\
allowance:
  people: 9454人
  amount: 221.78万元
  bands:
    - {band: 80-89周岁, people: 8670人}
    - {band: 90-94周岁, people: 622人}
    - {band: 95-99周岁, people: 148人}
    - {band: 百岁老人, people: 14人}
checks:
  - sum: allowance.people
    of: [allowance.bands.*.people]
"""
    _, problems = load(tmp_path, data, schema)
    assert messages(problems) == []
    _, problems = load(tmp_path, data.replace("9454人", "9455人"), schema)
    [problem] = problems
    assert "9455人" in problem.message and "9454人" in problem.message


def test_points_fill_slots_and_check_them(tmp_path: Path) -> None:
    record, problems = load(tmp_path, """\
points:
  - lead: 严格值班值守
    text: "疫情期间，我局实行{hours}值班制度，{day}起恢复。"
    values:
      hours: 24小时
      day: 4月7日
  - 纯文字的要点。
  - text: "实行{missing}制度。"
  - lead: 有数字
    text: 共派出2个小组。
  - text: 多余的值。
    values:
      unused: 3人
""")
    assert record is not None
    first = record.points[0]
    assert isinstance(first, Point)
    assert str(first) == "严格值班值守。疫情期间，我局实行24小时值班制度，4月7日起恢复。"
    assert str(record.points[1]) == "纯文字的要点。"
    found = [(p.severity, p.line, p.key) for p in problems]
    assert found == [
        (Severity.ERROR, 8, "points[3].text"),
        (Severity.WARNING, 10, "points[4].text"),
        (Severity.WARNING, 13, "points[5].values.unused"),
    ]
