"""docs/schemas.md tells the truth: its schema and shared-definition examples load cleanly
and mean what it says."""

from __future__ import annotations

import re
from pathlib import Path

from workspaces import make_workspace

from summarygen.data.schema import TYPES, SchemaSet
from summarygen.errors import Problems

DOC = Path(__file__).resolve().parents[1] / "docs" / "schemas.md"


def yaml_blocks() -> dict[str, str]:
    """The YAML examples, by the file their first line names."""
    found = re.findall(r"```yaml\n# (templates/schemas/\S+)\n(.*?)```",
                       DOC.read_text(encoding="utf-8"), re.S)
    return {name: body for name, body in found}


def test_the_examples_load_without_a_problem(tmp_path: Path) -> None:
    files = yaml_blocks()
    assert set(files) == {"templates/schemas/social_assistance.yaml",
                          "templates/schemas/_common.yaml"}
    root = make_workspace(tmp_path, files)
    problems = Problems()
    schemas = SchemaSet.load([root / "templates"], problems)
    assert [p.format(root) for p in problems] == []
    area = schemas.schemas["social_assistance"]
    relief = area.root.child("temporary_relief")
    assert relief is not None and [f.name for f in relief.fields] == ["total", "county", "town"]
    assert ("temporary_relief.total", ("temporary_relief.county", "temporary_relief.town")) in {
        (r.total, r.parts) for r in area.rules}


def test_every_field_type_is_documented() -> None:
    table = DOC.read_text(encoding="utf-8").split("## 字段类型")[1].split("\n## ")[0]
    assert set(re.findall(r"^\| `(\w+)` \|", table, re.M)) == set(TYPES)
