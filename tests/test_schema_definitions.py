"""Shared schema definitions: a block written once in ``schemas/_common.yaml`` and used by several
area schemas (``use:`` for one field, ``include:`` for a group), with its sum rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspaces import make_workspace

from summarygen.build import run_build, run_check
from summarygen.data.schema import SchemaSet
from summarygen.errors import Problems

pytestmark = pytest.mark.usefixtures("chinese")

COMMON = """\
definitions:
  funds:
    type: record
    description: 资金
    fields:
      total: {type: money, description: 资金合计}
      county: {type: money, description: 县级资金}
      town: {type: money, description: 乡镇资金}
    rules:
      - sum: total
        of: [county, town]
  people: {type: quantity, unit: 人, description: 人数}
  basics:
    type: record
    description: 每个领域都有的数字
    fields:
      served: {use: people, description: 服务人数}
      funds: {use: funds}
"""

RELIEF = """\
title: 社会救助
include: [basics]
fields:
  relief_people: {use: people, description: 救助人数, required: true}
"""

ELDERLY = """\
title: 养老服务
fields:
  subsidy: {use: funds, description: 高龄津贴资金}
"""

REPORT = """\
# {{ org.name }}工作总结

## 上半年工作
{% for area in areas %}
{% set d = data[area] %}
### {{ titles[area] }}。
{% if area == "relief" %}救助{{ d.relief_people }}，服务{{ d.served }}，资金{{ d.funds.total }}。\
{% else %}发放{{ d.subsidy.total }}。{% endif %}

{% endfor %}
"""


def workspace(root: Path, relief: str = "relief_people: 120人\nserved: 300人\n"
              "funds: {total: 30万元, county: 20万元, town: 10万元}\n") -> Path:
    return make_workspace(root, {
        "templates/schemas/social_assistance.yaml": "title: 不用\nfields: {}\n",
        "templates/schemas/_common.yaml": COMMON,
        "templates/schemas/relief.yaml": RELIEF,
        "templates/schemas/elderly.yaml": ELDERLY,
        "templates/report.md.j2": REPORT,
        "datasets/2024-H1/social_assistance.yaml": "",
        "datasets/2024-H1/relief.yaml": relief,
        "datasets/2024-H1/elderly.yaml": "subsidy: {total: 5万元, county: 3万元, town: 2万元}\n",
    })


def test_areas_share_one_definition_with_its_rules(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "datasets/2024-H1/social_assistance.yaml").unlink()
    schemas = SchemaSet.load([root / "templates"], Problems())
    assert "_common" not in schemas.schemas
    relief, elderly = schemas.schemas["relief"], schemas.schemas["elderly"]
    served = relief.root.child("served")
    assert served is not None and (served.type, served.unit) == ("quantity", "人")
    subsidy = elderly.root.child("subsidy")
    assert subsidy is not None and subsidy.description == "高龄津贴资金"
    assert [f.name for f in subsidy.fields] == ["total", "county", "town"]
    assert [(r.total, r.parts) for r in elderly.rules] == [
        ("subsidy.total", ("subsidy.county", "subsidy.town"))]
    assert [(r.total, r.parts) for r in relief.rules] == [("funds.total", ("funds.county",
                                                                          "funds.town"))]
    relief_people = relief.root.child("relief_people")
    assert relief_people is not None and relief_people.required
    assert run_check(root).errors == []
    [path, *_rest] = run_build(root, ("county",), out=tmp_path / "out", formats=("txt",)).written
    text = path.read_text(encoding="utf-8")
    assert "救助120人，服务300人，资金30万元。" in text and "发放5万元。" in text


def test_a_shared_rule_is_checked_at_the_data_line(tmp_path: Path) -> None:
    root = workspace(tmp_path, "relief_people: 120人\nserved: 300人\n"
                               "funds:\n  total: 31万元\n  county: 20万元\n  town: 10万元\n")
    (root / "datasets/2024-H1/social_assistance.yaml").unlink()
    warnings = [p.format(root) for p in run_check(root).warnings]
    assert len(warnings) == 1
    assert warnings[0].startswith("datasets/2024-H1/relief.yaml:4: funds.total: 警告:")
    assert "31万元" in warnings[0] and "30万元" in warnings[0]


@pytest.mark.parametrize(("schema", "message"), [
    ("fields:\n  x: {use: fundz, description: 资金}\n",
     "relief.yaml:2: x: 错误: 没有名为“fundz”的共用定义"),
    ("include: [people]\nfields: {}\n",
     "relief.yaml:1: include: 错误: “include:”只能引入一组字段（record）"),
    ("fields:\n  x: {use: people, unit: 户}\n",
     "relief.yaml:2: x: 错误: “use:”旁边只能写“description:”和“required:”"),
])
def test_mistakes_in_using_a_definition(tmp_path: Path, schema: str, message: str) -> None:
    root = workspace(tmp_path)
    (root / "templates/schemas/relief.yaml").write_text(schema, encoding="utf-8")
    problems = Problems()
    SchemaSet.load([root / "templates"], problems)
    found = [p.format(root / "templates" / "schemas") for p in problems.errors]
    assert len(found) == 1 and found[0].startswith(message), found


def test_definitions_that_use_each_other_in_a_loop(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "templates/schemas/_loop.yaml").write_text(
        "definitions:\n  a: {use: b}\n  b: {use: a}\n", encoding="utf-8")
    problems = Problems()
    SchemaSet.load([root / "templates"], problems)
    assert any("a → b → a" in p.message for p in problems.errors), list(problems)


def test_a_field_is_named_by_its_description_else_by_its_path() -> None:
    # what a sum warning calls the total: the words of the schema, not the YAML key
    from summarygen.data.schema import FieldSpec, field_label

    people = FieldSpec("people", "quantity", "特困人员总数（含分散、集中）")
    bands = FieldSpec("bands", "list", "年龄段", item=FieldSpec("band", "record", "", fields=(
        FieldSpec("people", "quantity", "人数"), FieldSpec("note", "text", ""))))
    root = FieldSpec("area", "record", "", fields=(
        FieldSpec("extremely_poor", "record", "特困供养", fields=(people,)), bands))
    assert field_label(root, "extremely_poor.people") == "特困人员总数"
    assert field_label(root, "bands.*.people") == "人数"
    assert field_label(root, "bands.*.note") == "bands.*.note"  # no description
    assert field_label(root, "nothing.here") == "nothing.here"
