"""Details of the messages for bad input that the corpus does not pin down one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from workspaces import DATASET, make_workspace

from summarygen import i18n
from summarygen.cli.commands import cli
from summarygen.data.values import ValueParseError, parse_change
from summarygen.data.yamlio import YMap, load_file, load_text
from summarygen.errors import Problems, Severity

pytestmark = pytest.mark.usefixtures("chinese")


def load(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    data = load_text(text, Path("d.yaml"), problems)
    return data, [p.format() for p in problems]


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "-C", str(root), *args])


# YAML syntax


def test_caret_is_under_the_column_counting_chinese_as_two() -> None:
    _, [message] = load("名称: 民政局\n标题: 兜底：保障: 1\n")
    assert message == (
        "d.yaml:2: 错误: YAML 格式错误（第 2 行第 10 列）：这里不能出现“键: 值”；请检查缩进，"
        "或把含有“: ”的文字用引号括起来\n"
        "    标题: 兜底：保障: 1\n"
        "    " + " " * 16 + "^")


def test_unclosed_quote_points_at_where_the_quote_began() -> None:
    _, [message] = load('a: 1\nb: "未完的文字\nc: 2\n\n')
    assert message.startswith("d.yaml:2: 错误: YAML 格式错误（第 2 行第 4 列）：引号没有配对")
    assert message.endswith('    b: "未完的文字\n       ^')


def test_unclosed_bracket_shows_both_places() -> None:
    _, [message] = load("a: [1, 2\nb: 3\n")
    assert message.splitlines()[1:] == [
        "    b: 3", "     ^", "    它从第 1 行第 4 列开始：", "    a: [1, 2", "       ^"]


def test_a_very_long_line_is_cut_around_the_caret() -> None:
    _, [message] = load("a: " + "甲" * 300 + ": b\n")
    source, caret = message.splitlines()[1:]
    assert source.startswith("    …") and source.endswith("…")
    assert len(source) < 120
    assert caret.endswith("^")


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    data, [message] = load("[" * 5000 + "]" * 5000)
    assert data is None
    assert "嵌套超过 40 层" in message


def test_control_character_names_its_code_and_place() -> None:
    _, [message] = load("a: 1\nb: x\x00y\n")
    assert message.startswith("d.yaml:2: 错误: YAML 格式错误（第 2 行第 5 列）："
                              "文件中有不可见的控制字符（U+0000）")


def test_utf16_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_bytes("名称: 民政局\n".encode("utf-16"))
    problems = Problems()
    assert load_file(path, problems) == {"名称": "民政局"}
    [warning] = problems
    assert warning.severity is Severity.WARNING and "UTF-16" in warning.message


def test_duplicate_key_in_a_repeated_alias_is_reported_once() -> None:
    _, messages = load("a: &a {x: 1, x: 2}\nb: [*a, *a, *a]\n")
    assert len(messages) == 1


# changes and their verbs


@pytest.mark.parametrize(("verb", "old", "new"), [
    ("提高", "320元/月.人", "380元/月.人"), ("上调", "1万元", "10001元"),
    ("降低", "380元/月.人", "320元/月.人"), ("减少", "2户", "1户"),
])
def test_a_verb_that_fits_the_figures(verb: str, old: str, new: str) -> None:
    change = parse_change(YMap({"from": old, "to": new, "verb": verb}))
    assert change.verb == verb


@pytest.mark.parametrize(("verb", "old", "new", "message"), [
    ("增加", "3户", "2户", "“增加”与数字不符：由 3户 到 2户 是减少；请核对数字，或改为“减少”"),
    ("下调", "2户", "3户", "“下调”与数字不符：由 2户 到 3户 是增加；请核对数字，或改为“上调”"),
    ("提高", "2户", "2户", "“提高”与数字不符：“from:”和“to:”都是 2户；请核对数字"),
    ("变化", "2户", "3户",
     "“变化”不能用来描述变化，请写其中之一：提高、上调、增加、降低、下调、减少"),
    (None, "2户", "3人", "“3人”：单位应为 户"),
])
def test_a_verb_or_unit_that_contradicts_the_figures(verb: str | None, old: str, new: str,
                                                     message: str) -> None:
    raw = YMap({"from": old, "to": new} | ({"verb": verb} if verb else {}))
    with pytest.raises(ValueParseError) as caught:
        parse_change(raw)
    assert str(caught.value) == message


def test_the_declared_verb_is_the_one_the_report_uses() -> None:
    from summarygen.templating.filters import change

    raw = YMap({"from": "320元/月.人", "to": "380元/月.人", "verb": "上调"})
    assert change(parse_change(raw)) == "由320元/月.人上调至380元/月.人"


def test_unknown_key_in_a_change_warns_with_the_nearest(tmp_path: Path) -> None:
    data = DATASET + "dibao_standard:\n  from: 320元/月.人\n  to: 380元/月.人\n  verv: 提高\n"
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": data})
    result = check(root)
    assert result.stderr == ("datasets/2024-H1/social_assistance.yaml:14: dibao_standard.verv: "
                             "警告: 未知的键“verv”，已忽略；是否应为“verb”？\n")


# sums


def test_a_money_sum_in_mixed_units_that_adds_up_passes(tmp_path: Path) -> None:
    data = DATASET + ("temporary_relief:\n  funds: 120.5万元\n  town_funds: 705000元\n"
                      "  county_funds: 50万元\nchecks:\n  - sum: temporary_relief.funds\n"
                      "    of: [temporary_relief.town_funds, temporary_relief.county_funds]\n")
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": data})
    result = check(root, "--strict")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_rule_with_a_misspelt_path_is_an_error(tmp_path: Path) -> None:
    data = DATASET + "checks:\n  - sum: extremely_poor.people\n    of: [extremly_poor.dispersed]\n"
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": data})
    result = check(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "datasets/2024-H1/social_assistance.yaml:12: 错误: 核对规则中的“extremly_poor.dispersed”"
        "不是本工作领域的字段；是否应为“extremely_poor”？")


def test_text_without_a_space_after_the_colon_gets_a_hint(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": "funds:822万元\n"})
    result = check(root)
    assert result.stderr.splitlines()[0] == (
        "datasets/2024-H1/social_assistance.yaml:1: 错误: 数据文件应由“键: 值”组成，不能是列表或"
        "一段文字；“funds:822万元”被当成了一段文字：请在键后面写半角冒号和一个空格（“funds: …”）")


# templates and variants


def test_every_template_with_a_syntax_error_is_reported(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"templates/areas/a.md.j2": "{% if %}\n",
                                     "templates/areas/b.md.j2": "\n{{ x | nosuchfilter }}\n"})
    result = check(root)
    assert result.stderr.splitlines()[:2] == [
        "templates/areas/a.md.j2:1: 错误: 模板语法错误：这里缺少一个值或名称",
        "templates/areas/b.md.j2:2: 错误: 模板语法错误：没有名为“nosuchfilter”的过滤器",
    ]


def test_unknown_filter_suggests_the_nearest(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"templates/areas/a.md.j2": "{{ x | mony }}\n"})
    result = check(root)
    assert "没有名为“mony”的过滤器；是否应为“money”？" in result.stderr


def test_errors_of_both_variants_are_reported(tmp_path: Path) -> None:
    city = tmp_path / "datasets/2024-H1/city/social_assistance.yaml"
    root = make_workspace(tmp_path, {
        "datasets/2024-H1/social_assistance.yaml": DATASET.replace("822万元", "822万"),
        "datasets/2024-H1/city/social_assistance.yaml": DATASET.replace("607人", "607户"),
    })
    result = check(root)
    assert result.stderr.splitlines() == [
        "datasets/2024-H1/social_assistance.yaml:5: funds: 错误: "
        "“822万”：金额单位应为 元、万元 或 亿元",
        f"{city.relative_to(root).as_posix()}:4: extremely_poor.centralized: 错误: "
        "“607户”：单位应为 人",
        "2 个错误，0 个警告。",
    ]


def test_a_template_linked_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {
        "templates/areas/social_assistance.md.j2": "### 标题。\n{% include 'areas/x.md.j2' %}\n",
        "secret.txt": "不应出现在报告中\n"})
    (root / "templates/areas/x.md.j2").symlink_to(root / "secret.txt")
    result = check(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "templates/areas/x.md.j2: 错误: 模板只能从模板目录中读取；“areas/x.md.j2”指向模板目录之外")
    assert "不应出现" not in result.output


@pytest.mark.parametrize(("setting", "message"), [
    ("templates: ../elsewhere", "模板目录必须在工作区之内"),
    ("templates: /etc", "模板目录必须在工作区之内"),
    ("templates: missing", "模板目录“missing”不存在"),
])
def test_template_folders_must_be_inside_the_workspace(tmp_path: Path, setting: str,
                                                       message: str) -> None:
    from workspaces import CONFIG

    config = CONFIG.replace("  county:\n    organisation: hs\n",
                            f"  county:\n    organisation: hs\n    {setting}\n")
    root = make_workspace(tmp_path, {"summarygen.yaml": config})
    result = check(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"summarygen.yaml:14: variants.county.templates: 错误: {message}")


def test_unknown_variant_suggests_the_nearest(tmp_path: Path) -> None:
    result = check(make_workspace(tmp_path), "--variant", "countyy")
    assert result.stderr == (
        "--variant: 错误: 没有版本 countyy；现有版本：county、city；是否应为“county”？\n")


def test_an_undefined_name_in_english(tmp_path: Path) -> None:
    i18n.set_language("en")
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": "{{ titels }}\n"})
    result = check(root)
    assert result.stderr.splitlines()[0] == (
        "templates/areas/social_assistance.md.j2:1: error: “titels” is not defined; "
        "did you mean “titles”?")


# schemas


def test_a_schema_field_needs_a_known_type_and_a_meaning(tmp_path: Path) -> None:
    schema = ("title: 社会救助\nfields:\n  funds:\n    type: money\n"
              "  people:\n    type: quantiy\n    description: 人数\n")
    root = make_workspace(tmp_path, {"templates/schemas/social_assistance.yaml": schema})
    result = check(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "templates/schemas/social_assistance.yaml:3: funds: 错误: 字段缺少“description:”，"
        "请写明含义",
        "templates/schemas/social_assistance.yaml:5: people: 错误: 未知的字段类型“quantiy”，可用："
        "text、number、quantity、money、percent、rate、date、change、flag、record、list、map、"
        "texts、points；是否应为“quantity”？",
    ]
