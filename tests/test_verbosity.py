"""``-q`` shows only errors, ``-v`` every step; a progress bar when many reports are built."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from workspaces import CONFIG, DATASET, make_workspace

from summarygen.build import run_build
from summarygen.cli.commands import cli
from summarygen.cli.console import NORMAL, Console

WARNING_DATASET = DATASET.replace("funds: 822万元", "funds: 822万元\nfundz: 1万元")

pytestmark = pytest.mark.usefixtures("chinese")



def build(root: Path, *options: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", "-C", str(root), "-f", "md", *options],
                                env={"SUMMARYGEN_LANG": "zh"})
    return result.exit_code, result.stdout, result.stderr


def test_default_shows_results_and_warnings(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": WARNING_DATASET})
    code, out, err = build(root)
    assert code == 0
    assert out.count("已生成：") == 2
    assert "fundz" in err and "警告" in err
    assert "正在" not in err


def test_quiet_shows_nothing_but_errors(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": WARNING_DATASET})
    assert build(root, "-q") == (0, "", "")
    broken = DATASET.replace("funds: 822万元", "funds: 很多")
    make_workspace(tmp_path, {"datasets/2024-H1/social_assistance.yaml": broken})
    code, out, err = build(root, "-q")
    assert (code, out) == (1, "")
    assert "funds: 错误" in err


def test_verbose_shows_every_step(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    code, out, err = build(root, "-v")
    assert code == 0
    steps = err.splitlines()
    assert steps[0].startswith("正在读取工作区")
    assert steps[1:3] == ["正在生成 county（2024-H1）", "正在生成 city（2024-H1）"]
    assert steps[3].startswith("正在写入") and steps[3].endswith("county.md")
    assert out.count("已生成：") == 2


def many_variants(root: Path, count: int) -> Path:
    config = CONFIG.split("variants:")[0] + "variants:\n" + "".join(
        f"  v{n}:\n    organisation: hs\n" for n in range(count))
    return make_workspace(root, {"summarygen.yaml": config})


@pytest.mark.parametrize(("variants", "tty", "shown"), [
    (6, True, True), (5, True, False), (6, False, False)])
def test_progress_bar_for_many_variants_on_a_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], variants: int, tty: bool,
        shown: bool) -> None:
    root = many_variants(tmp_path, variants)
    console = Console(NORMAL, tty=tty)
    result = run_build(root, formats=("md",), observer=console)
    assert len(result.written) == variants
    assert ("正在生成" in capsys.readouterr().err) is shown
