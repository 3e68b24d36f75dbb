"""Random input never gives a traceback or a hang: only a clean message and exit status 1.

Random YAML structures (and broken YAML text, and random bytes) are put where office staff
put their files, as a dataset and as ``summarygen.yaml``, and ``summarygen check`` is run. The
answer must be exit 0 (the random input happened to be valid) or 1 with a message on stderr;
any other exception escaping is a bug.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workspaces import CONFIG, SCHEMA, make_workspace

from summarygen.cli.commands import cli
from summarygen.data.yamlio import load_text
from summarygen.errors import Problems

DATASET = "datasets/2024-H1/social_assistance.yaml"
FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEYS = ["extremely_poor", "people", "dispersed", "centralized", "funds", "points", "lead",
        "text", "values", "checks", "sum", "of", "area", "title", "intro", "meeting_date",
        "dibao_standard", "from", "to", "verb", "temporary_relief", "organisations",
        "variants", "organisation", "name", "level", "style", "preset", "fonts", "periods",
        "date", "templates", "datasets", "level_three", "terms", "county", "city", "hs", "zx",
        "2024-H1", "<<", "../x", ""]
SCALARS = ["3258人", "822万元", "920.20万元", "1月27日", "2024年2月30日", "提高", "降低",
           "380元/月.人", "{date}，召开会议。", "１２３人", "1,234人", "约100余场次", "县",
           "gbt9704", ".", "、", "templates", "../..", "extremely_poor.people", "*", "{x}",
           "一、标题", "# 标题"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**9),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6,
                max_value=10**9).map(float),
    st.sampled_from(SCALARS), st.text(max_size=20),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=10))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(keys, children, max_size=6)),
    max_leaves=30,
)


pytestmark = pytest.mark.usefixtures("chinese")


def dump(value: Any) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


def check_with(files: dict[str, bytes], *args: str) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        root = make_workspace(Path(folder))
        for name, content in files.items():
            (root / name).write_bytes(content)
        return CliRunner().invoke(cli, ["check", "-C", str(root), *args])


def assert_clean(result: Result) -> None:
    """Exit 0, or exit 1 with a message; never an exception other than the exit itself."""
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.stderr.strip()
        assert "Traceback" not in result.stderr
    else:
        assert "检查通过" in result.stdout


def mutate(text: str, data: st.DataObject) -> str:
    """``text`` with a few characters inserted, deleted or replaced by YAML's special ones."""
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.sampled_from([":", "- ", "[", "]", "{", "}", "'", '"', "\t", "#",
                                           "&a", "*a", "!", "|", ">", "%", "@", "\n", "  ",
                                           "：", "\x07", "---\n"]))
        cut = data.draw(st.integers(0, 2))
        text = text[:at] + piece + text[at + cut:]
    return text


@FUZZ
@given(structures)
def test_random_structure_as_a_dataset(value: Any) -> None:
    assert_clean(check_with({DATASET: dump(value)}))


@FUZZ
@given(st.dictionaries(keys, structures, max_size=6))
def test_random_mapping_as_a_dataset_with_strict(value: dict[Any, Any]) -> None:
    assert_clean(check_with({DATASET: dump(value)}, "--strict"))


@FUZZ
@given(structures)
def test_random_structure_as_the_configuration(value: Any) -> None:
    assert_clean(check_with({"summarygen.yaml": dump(value)}))


def replace_one_part(text: str, data: st.DataObject) -> bytes:
    """The YAML ``text`` with one value, at a random depth, replaced by a random structure."""
    tree = yaml.safe_load(text)
    node = tree
    while isinstance(node, dict) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(node)))
        if not isinstance(node[key], dict) or data.draw(st.booleans()):
            node[key] = data.draw(structures)
            break
        node = node[key]
    return dump(tree)


@FUZZ
@given(st.data())
def test_configuration_with_one_part_replaced(data: st.DataObject) -> None:
    assert_clean(check_with({"summarygen.yaml": replace_one_part(CONFIG, data)}))


@FUZZ
@given(st.data())
def test_broken_yaml_text_as_a_dataset(data: st.DataObject) -> None:
    text = mutate(dump(data.draw(structures)).decode("utf-8"), data)
    assert_clean(check_with({DATASET: text.encode("utf-8")}))


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([DATASET, "summarygen.yaml"]))
def test_random_bytes_as_a_file(content: bytes, name: str) -> None:
    assert_clean(check_with({name: content}))


@FUZZ
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(
    lambda b: b.decode("gb18030", errors="replace"))))
def test_loader_returns_data_or_problems(text: str) -> None:
    problems = Problems()
    load_text(text, Path("x.yaml"), problems)
    for problem in problems:
        assert problem.message.strip()
        assert "Traceback" not in problem.format()


@FUZZ
@given(st.data())
def test_schema_with_one_part_replaced(data: st.DataObject) -> None:
    schema = replace_one_part(SCHEMA, data)
    assert_clean(check_with({"templates/schemas/social_assistance.yaml": schema}))
