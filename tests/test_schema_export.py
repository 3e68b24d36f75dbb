"""The JSON Schema for editors: generated from the validator's schema, agreeing with it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from workspaces import DATASET, make_workspace

from summarygen.cli.commands import cli
from summarygen.data.schema import FieldSpec
from summarygen.data.validate import Validator
from summarygen.data.yamlio import YMap, load_file, load_text
from summarygen.errors import Problems
from summarygen.workspace.schema_export import (
    area_schema,
    config_schema,
    field_schema,
    pack_schemas,
    schema_line,
    workspace_schema,
)

Validator7 = jsonschema.Draft7Validator

pytestmark = pytest.mark.usefixtures("chinese")



def errors(schema: dict[str, Any], data: Any) -> list[str]:
    return sorted(e.message for e in Validator7(schema).iter_errors(data))


def yaml(text: str) -> Any:
    return load_text(text, Path("x.yaml"), Problems())


def test_every_generated_schema_is_a_valid_draft7_schema(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    for area in pack_schemas(root).schemas.values():
        Validator7.check_schema(area_schema(area))
    Validator7.check_schema(workspace_schema(root))
    Validator7.check_schema(config_schema())


def test_a_valid_dataset_passes(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    schema = workspace_schema(root, "social_assistance")
    data = load_file(root / "datasets/2024-H1/social_assistance.yaml", Problems())
    assert errors(schema, data) == []
    assert errors(workspace_schema(root), data) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("  people: 3258人", "  peple: 3258人"), "'peple' was unexpected"),
    (("funds: 822万元", "funds: 很多"), "'很多' does not match"),
    (("funds: 822万元", "funds: 822户"), "'822户' does not match"),
    (("  people: 3258人", "  people: 3258户"), "'3258户' does not match"),
    (("  people: 3258人", "  people: [1, 2]"), "is not of type"),
    (("extremely_poor:", "extremely_poor: 很多\nx:"), "is not of type 'object'"),
])
def test_a_wrong_dataset_is_rejected(tmp_path: Path, change: tuple[str, str],
                                     expected: str) -> None:
    root = make_workspace(tmp_path)
    schema = workspace_schema(root, "social_assistance")
    found = errors(schema, yaml(DATASET.replace(*change)))
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("raw", [
    "2329户", "约1.24万户", "100余户", "2329", "１２户", " 12户 ", "12人", "1,200户", "很多",
    "12", "-3户", "户", "2.5万", "近3000户",
])
@pytest.mark.parametrize("kind", ["quantity", "money", "percent", "number", "date"])
def test_schema_and_validator_agree_on_figures(kind: str, raw: str) -> None:
    """A value the validator accepts passes the schema, and one it refuses or warns about (a
    figure without its unit) is flagged."""
    spec = FieldSpec("x", kind, "x", unit="户" if kind == "quantity" else None)
    problems = Problems()
    Validator(Path("x.yaml"), problems).record(YMap(x=raw), FieldSpec("r", "record", "",
                                                                      fields=(spec,)))
    schema = {"type": "object", "properties": {"x": field_schema(spec)}}
    assert (errors(schema, {"x": raw}) == []) == (not list(problems)), list(problems)


@pytest.mark.parametrize("raw", ["2024年1月26日", "1月26日", "2024-01-26", "2月2号", "2024年5月",
                                 "26日", "2024/01/26", "昨天"])
def test_schema_and_validator_agree_on_dates(raw: str) -> None:
    spec = FieldSpec("x", "date", "x")
    problems = Problems()
    Validator(Path("x.yaml"), problems).value(raw, spec, "x", 1)
    assert (errors(field_schema(spec), raw) == []) == (not problems.errors)


def test_descriptions_carry_meaning_and_type(tmp_path: Path) -> None:
    schema = workspace_schema(make_workspace(tmp_path), "social_assistance")
    people = schema["properties"]["extremely_poor"]["properties"]["people"]
    assert people["description"].startswith("特困人员总数\n类型：带单位的数")
    assert "单位 人" in people["description"]


def test_config_schema_accepts_a_workspace_configuration(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    config = load_file(root / "summarygen.yaml", Problems())
    assert errors(config_schema(), config) == []
    config["signature"] = False
    config["variants"]["county"]["signature"] = {"name": "霍山县民政局办公室", "date": False}
    assert errors(config_schema(), config) == []
    config["variants"]["county"]["organsation"] = "hs"
    assert any("'organsation' was unexpected" in m for m in errors(config_schema(), config))
    config["signature"] = "no"
    assert len(errors(config_schema(), config)) == 2


def test_schema_command_prints_json(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "-C", str(root), "--area", "social_assistance"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "兜牢社会救助底线"
    result = CliRunner().invoke(cli, ["schema", "--config"])
    assert json.loads(result.stdout)["required"] == ["organisations", "variants"]


def test_schema_command_refuses_an_unknown_area(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "-C", str(root), "--area", "nope"],
                                env={"SUMMARYGEN_LANG": "zh"})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "模板包中没有工作领域“nope”；现有领域：social_assistance" in result.stderr


def test_schema_write_and_the_line_that_points_to_it(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "-C", str(root), "--write"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (root / ".summarygen/schema").iterdir())
    assert written == ["social_assistance.json", "summarygen.json"]
    dataset = root / "datasets/2024-H1/social_assistance.yaml"
    line = schema_line(dataset, root, "social_assistance")
    assert line == "# yaml-language-server: $schema=../../.summarygen/schema/social_assistance.json"
    target = (dataset.parent / line.partition("=")[2]).resolve()
    assert target == (root / ".summarygen/schema/social_assistance.json").resolve()


REPO = Path(__file__).resolve().parents[1]


def test_the_repositorys_datasets_and_configuration_pass_their_schemas() -> None:
    """The shipped samples: every dataset against its area's schema, summarygen.yaml too."""
    schemas = pack_schemas(REPO)
    datasets = sorted((REPO / "datasets").rglob("*.yaml"))
    assert datasets, "the repository has no sample datasets"
    for path in datasets:
        data = load_file(path, Problems())
        area = schemas.get(str(data.get("area") or path.stem))
        assert area is not None, path
        assert errors(area_schema(area), data) == [], path
    assert errors(config_schema(), load_file(REPO / "summarygen.yaml", Problems())) == []


def test_the_repository_schemas_are_current_and_named_by_every_dataset() -> None:
    """The committed .summarygen/schema/ files are what `summarygen schema --write` makes, and
    every dataset of the repository points its editor at its own area's schema."""
    from summarygen.workspace import schema_export
    root = Path(__file__).resolve().parent.parent
    folder = root / ".summarygen" / "schema"
    for name, area in schema_export.pack_schemas(root).schemas.items():
        written = (folder / f"{name}.json").read_text(encoding="utf-8")
        assert written == schema_export.dumps(schema_export.area_schema(area)), name
    for dataset in sorted((root / "datasets").glob("*/*/*.yaml")):
        first = dataset.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_export.schema_line(dataset, root, dataset.stem), dataset
