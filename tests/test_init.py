"""``summarygen init``: a new workspace from the template pack that builds at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from workspaces import make_workspace

from summarygen.build import run_build
from summarygen.cli.commands import cli
from summarygen.data.yamlio import load_file, load_text
from summarygen.errors import ConfigError, Problems, SummarygenError
from summarygen.workspace.config import CONFIG_SPEC, load_workspace
from summarygen.workspace.init import annotate, init_workspace, rename_organisation
from summarygen.workspace.pack import LEVELS

TODAY = dt.date(2025, 7, 1)

pytestmark = pytest.mark.usefixtures("chinese")



def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "pack")


def test_init_makes_a_workspace_that_builds(tmp_path: Path, pack: Path) -> None:
    created = init_workspace(tmp_path / "new", "county", "岳西县民政局", pack, TODAY)
    root = created.root
    assert created.datasets == root / "datasets/2025-H1"
    workspace = load_workspace(root)
    assert list(workspace.variants) == ["county"]
    org = workspace.variants["county"].organisation
    assert (org.name, org.level, org.terms["place"], org.terms["scope"]) == (
        "岳西县民政局", "县", "岳西县", "全县")
    result = run_build(root, formats=("md",))
    text = result.written[0].read_text(encoding="utf-8")
    assert text.startswith("# 岳西县民政局2025年上半年工作总结")
    assert [p.format(root) for p in result.problems] == []


def test_city_level_takes_the_city_sample(tmp_path: Path, pack: Path) -> None:
    root = init_workspace(tmp_path / "new", "city", None, pack, TODAY).root
    org = load_workspace(root).variants["city"].organisation
    assert (org.name, org.level, org.terms["leadership"]) == ("某某市民政局", "市", "市委市政府")


def test_example_datasets_hold_the_same_data_with_comments(tmp_path: Path, pack: Path) -> None:
    root = init_workspace(tmp_path / "new", "county", None, pack, TODAY).root
    new = root / "datasets/2025-H1/social_assistance.yaml"
    old = pack / "datasets/2024-H1/social_assistance.yaml"
    lines = new.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("# yaml-language-server: "
                        "$schema=../../.summarygen/schema/social_assistance.json")
    assert "  # 分散供养人数" in lines
    assert plain(load_file(new, Problems())) == plain(load_file(old, Problems()))


def test_example_datasets_pass_their_schema(tmp_path: Path, pack: Path) -> None:
    import json

    root = init_workspace(tmp_path / "new", "county", None, pack, TODAY).root
    for dataset in (root / "datasets/2025-H1").glob("*.yaml"):
        target = dataset.read_text(encoding="utf-8").splitlines()[0].partition("=")[2]
        schema = json.loads((dataset.parent / target).read_text(encoding="utf-8"))
        jsonschema.validate(load_file(dataset, Problems()), schema)
    config_schema = json.loads((root / ".summarygen/schema/summarygen.json").read_text("utf-8"))
    jsonschema.validate(load_file(root / "summarygen.yaml", Problems()), config_schema)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, pack: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "mine.txt").write_text("keep")
    with pytest.raises(ConfigError) as caught:
        init_workspace(target, "county", None, pack, TODAY)
    assert "不是空的" in caught.value.format_message()
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy", "pack"]


def test_init_accepts_an_empty_folder(tmp_path: Path, pack: Path) -> None:
    (tmp_path / "empty").mkdir()
    created = init_workspace(tmp_path / "empty", "county", None, pack, TODAY)
    assert (created.root / "summarygen.yaml").is_file()


def test_a_failed_init_leaves_nothing(tmp_path: Path, pack: Path) -> None:
    (pack / "templates/schemas/social_assistance.yaml").write_text("fields: [1]\n")
    with pytest.raises(SummarygenError) as caught:
        init_workspace(tmp_path / "new", "county", None, pack, TODAY)
    assert caught.value.format_message().startswith("templates/schemas/social_assistance.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


@pytest.mark.parametrize(("name", "level", "expected"), [
    ("霍山县民政局", "county", ("霍山县", "县", "民政局")),
    ("六安市霍山县民政局", "county", ("六安市霍山县", "县", "民政局")),
    ("资兴市民政局", "city", ("资兴市", "市", "民政局")),
    ("裕安区民政局", "county", ("裕安区", "区", "民政局")),
    ("某某县人力资源和社会保障局", "county", ("某某县", "县", "人力资源和社会保障局")),
])
def test_organisation_names_are_split_into_place_and_department(
        name: str, level: str, expected: tuple[str, str, str]) -> None:
    profile = {"name": "霍山县民政局", "level": "县", "place": "霍山县", "department": "民政局",
               "superior": "六安市民政局", "terms": {"town": "霍山县各乡镇"}}
    renamed = rename_organisation(profile, (level, LEVELS[level][0]), name)
    assert (renamed["place"], renamed["level"], renamed["department"]) == expected
    assert renamed["name"] == name
    assert renamed["terms"] == {"town": f"{expected[0]}各乡镇"}


def test_annotate_comments_block_keys_only() -> None:
    text = ("organisations:\n  hs: {name: 霍山县民政局, level: 县}\n"
            "variants:\n  county:\n    organisation: hs  # 注释\n")
    annotated = annotate(text, CONFIG_SPEC)
    assert annotated.splitlines() == [
        "# 单位称谓",
        "organisations:",
        "  # 一个单位的称谓",
        "  hs: {name: 霍山县民政局, level: 县}",
        "# 要生成的版本",
        "variants:",
        "  # 一个版本（如县级版、市级版）",
        "  county:",
        "    organisation: hs  # 注释",
    ]
    assert plain(load_text(annotated, Path("x"), Problems())) == plain(
        load_text(text, Path("x"), Problems()))


def test_init_command_reports_what_it_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           pack: Path) -> None:
    monkeypatch.setattr("summarygen.workspace.pack.PACKAGED", pack)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "new"), "--org", "岳西县民政局"],
                                env={"SUMMARYGEN_LANG": "zh"})
    assert result.exit_code == 0, result.stderr
    assert "已新建工作区" in result.stdout
    assert f"summarygen build -C {tmp_path / 'new'}" in result.stdout
    again = CliRunner().invoke(cli, ["--lang", "en", "init", str(tmp_path / "new")])
    assert again.exit_code == 1
    assert "is not empty" in again.stderr


def test_init_where_nothing_can_be_written_is_a_user_error(tmp_path: Path, pack: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SummarygenError) as caught:
        init_workspace(blocker / "ws", "county", None, pack, TODAY)
    assert str(blocker / "ws") in caught.value.format_message()


def test_annotate_keeps_the_authors_own_comments() -> None:
    text = "variants:  # 两个版本\n  county:\n    organisation: hs\n"
    assert annotate(text, CONFIG_SPEC).splitlines() == [
        "variants:  # 两个版本",
        "  # 一个版本（如县级版、市级版）",
        "  county:",
        "    # 使用哪个单位（organisations 下的名称）",
        "    organisation: hs",
    ]


def test_the_guide_comes_with_the_workspace(tmp_path: Path) -> None:
    """The built-in pack (the repository's) carries the user guide; every relative link in the
    workspace's copy leads to a file that came with it."""
    import re

    guide_source = Path(__file__).resolve().parents[1] / "docs/guide.md"
    created = init_workspace(tmp_path / "ws", today=TODAY)
    guide = created.root / "使用手册.md"
    assert guide in created.files
    text = guide.read_text(encoding="utf-8")
    assert text.splitlines()[0] == guide_source.read_text(encoding="utf-8").splitlines()[0]
    links = re.findall(r"\]\(([^)#\s]+)", text)
    local = [link for link in links if not link.startswith("http")]
    assert ".summarygen/docs/images/page-1.png" in local
    assert ".summarygen/docs/common-errors.md" in local
    assert [link for link in local if not (created.root / link).is_file()] == []


def test_a_pack_without_a_guide_makes_a_workspace_without_one(tmp_path: Path,
                                                              pack: Path) -> None:
    created = init_workspace(tmp_path / "ws", pack_root=pack, today=TODAY)
    assert not (created.root / "使用手册.md").exists()
    assert not (created.root / ".summarygen/docs").exists()


@pytest.mark.parametrize(("level", "expected"), [
    ("县", ("某某县民政局", "县")), ("区", ("某某区民政局", "区")), ("市", ("某某市民政局", "市")),
    ("city", ("某某市民政局", "市")),
])
def test_level_as_the_configuration_writes_it(tmp_path: Path, pack: Path, level: str,
                                              expected: tuple[str, str]) -> None:
    root = init_workspace(tmp_path / "new", level, None, pack, TODAY).root
    [variant] = load_workspace(root).variants.values()
    assert (variant.organisation.name, variant.organisation.level) == expected


def test_an_unknown_level_is_named_in_chinese(tmp_path: Path, pack: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        init_workspace(tmp_path / "new", "省", None, pack, TODAY)
    assert caught.value.format_message() == (
        "--level: 错误: 未知的层级“省”；请写 县、区、旗、市、州、盟（也可以写 county、city）")
