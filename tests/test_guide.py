"""The user guide tells the truth: its examples load cleanly, its commands and options exist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from workspaces import make_workspace

from summarygen.build import run_check
from summarygen.cli.commands import cli
from summarygen.data.schema import SchemaSet
from summarygen.errors import Problems
from summarygen.workspace.datasets import load_dataset

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide.md"


pytestmark = pytest.mark.usefixtures("chinese")


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_dataset_example_checks_cleanly(tmp_path: Path) -> None:
    example = next(b for b in blocks("yaml") if b.startswith("# yaml-language-server: $schema="))
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": example})
    assert [p.format(root) for p in run_check(root)] == []


def test_the_font_preset_examples_are_valid_settings(tmp_path: Path) -> None:
    import textwrap

    from summarygen.document.style import PRESETS
    from summarygen.workspace.config import load_workspace

    styles = [textwrap.dedent(b) for b in blocks("yaml") if b.lstrip().startswith("style:")]
    assert len(styles) >= 2
    for number, style in enumerate(styles):
        root = make_workspace(tmp_path / str(number))
        config = root / "summarygen.yaml"
        config.write_text(config.read_text(encoding="utf-8") + style, encoding="utf-8")
        problems = Problems()
        workspace = load_workspace(root, problems)
        assert [p.format(root) for p in problems] == []
        assert {v.style.name for v in workspace.variants.values()} == {"windows"}
    table = GUIDE.read_text(encoding="utf-8").split("### 选择字体方案")[1].split("\n### ")[0]
    assert set(re.findall(r"^\| `(\w+)`", table, re.M)) == set(PRESETS)


def test_the_points_example_checks_cleanly(tmp_path: Path) -> None:
    points = next(b for b in blocks("yaml") if b.startswith("points:"))
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": points})
    problems = Problems()
    schemas = SchemaSet.load([root / "templates"], problems)
    record = load_dataset(root / "datasets/2024-H1/social_assistance.yaml", schemas, problems)
    assert [p.format(root) for p in problems] == []
    assert record is not None
    assert str(record.points[0]) == "严格值班值守。疫情期间实行24小时值班制度，4月7日起恢复正常。"


def test_commands_and_options_in_the_guide_exist() -> None:
    assert isinstance(cli, click.Group)
    text = GUIDE.read_text(encoding="utf-8")
    pattern = r"summarygen ([a-z][a-z-]*)((?: -[-\w]+(?: [^\s`|]+)?)*)"
    for command, rest in re.findall(pattern, text):
        assert command in cli.commands, command
        known = {o for p in cli.commands[command].params for o in getattr(p, "opts", [])}
        for option in re.findall(r"(?<!\S)(-{1,2}[a-z][\w-]*)", rest):
            assert option in known | {"-h", "--help"}, f"{command} {option}"
