"""The command line speaks Chinese by default and English when asked, click's own texts too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from summarygen import i18n
from summarygen.cli.commands import cli
from summarygen.cli.options import Command, Option, wrap
from summarygen.termtable import display_width

LANG_VARS = ("SUMMARYGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

@pytest.fixture(autouse=True)
def language_from_environment() -> Iterator[None]:
    """No language chosen in-process, so each command reads ``--lang`` and the environment."""
    i18n.set_language(None)
    yield
    i18n.set_language(None)



def invoke(args: list[str], **env: str) -> Result:
    """Run the command line with no language in the environment except ``env``."""
    full: dict[str, str | None] = dict.fromkeys(LANG_VARS)
    full.update(env)
    return CliRunner().invoke(cli, args, env=full)


def test_help_is_chinese_by_default() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("用法: summarygen [选项] 命令 [参数]...")
    assert "选项:" in result.stdout and "命令:" in result.stdout
    assert "显示本帮助并退出。" in result.stdout
    assert "生成一个报告期的总结" in result.stdout
    assert "Usage" not in result.stdout and "Show this" not in result.stdout


@pytest.mark.parametrize(("args", "env"), [
    (["--lang", "en", "--help"], {}),
    (["--lang=en", "--help"], {"LANG": "zh_CN.UTF-8"}),
    (["--help"], {"LANG": "en_US.UTF-8"}),
    (["--help"], {"LANGUAGE": "en"}),
])
def test_help_in_english_when_asked(args: list[str], env: dict[str, str]) -> None:
    result = invoke(args, **env)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: summarygen [OPTIONS] COMMAND [ARGS]...")
    assert "Build the reports of a period" in result.stdout
    assert "Show this message and exit." in result.stdout
    assert "生成" not in result.stdout


def test_lang_zh_overrides_an_english_environment() -> None:
    result = invoke(["--lang", "zh", "build", "--help"], LANG="en_US.UTF-8")
    assert result.exit_code == 0
    assert "只生成这个版本" in result.stdout
    assert "[默认：docx]" in "".join(result.stdout.split())  # wherever the line wraps


def test_usage_error_in_both_languages() -> None:
    chinese = invoke(["build", "--nope"])
    english = invoke(["--lang", "en", "build", "--nope"])
    assert (chinese.exit_code, english.exit_code) == (2, 2)
    assert chinese.stdout == english.stdout == ""
    assert "错误：没有选项 '--nope'。" in chinese.stderr
    assert "运行“summarygen build --help”查看帮助。" in chinese.stderr
    assert "Error: No such option '--nope'." in english.stderr


def test_user_error_in_both_languages(tmp_path: Path) -> None:
    chinese = invoke(["build", "-C", str(tmp_path)])
    english = invoke(["--lang", "en", "build", "-C", str(tmp_path)])
    assert (chinese.exit_code, english.exit_code) == (1, 1)
    assert "不是 summarygen 工作区" in chinese.stderr
    assert "this folder is not a summarygen workspace" in english.stderr
    assert "Traceback" not in chinese.stderr + english.stderr


def test_the_callers_language_is_kept() -> None:
    i18n.set_language("zh_CN")
    try:
        invoke(["--lang", "en", "--help"])
        assert i18n.current_language() == "zh_CN"
        assert i18n._("warning") == "警告"
    finally:
        i18n.set_language(None)


def test_help_does_not_import_heavy_modules() -> None:
    """``summarygen --help`` must stay quick: no python-docx, Babel, Jinja or YAML."""
    code = ("import sys; from summarygen.cli.commands import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import json; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True,
                          text=True, timeout=60, check=True, cwd=Path(__file__).parents[1],
                          env={**os.environ, "SUMMARYGEN_LANG": "zh"})
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "click" in loaded
    assert loaded.isdisjoint({"docx", "babel", "jinja2", "yaml", "lxml"})
    assert "用法" in done.stdout


@pytest.mark.parametrize("width", [12, 20, 37, 60])
def test_help_text_is_wrapped_by_display_width(width: int) -> None:
    text = ("持续运行：数据文件、模板或 summarygen.yaml 一有改动就重新生成（按 Ctrl-C 停止）。"
            "Output format (repeatable): docx, md or txt.")
    lines = wrap(text, width)
    # closing marks may stay at a line's end beyond the width; a word longer than a line
    # stands alone
    assert all(display_width(line.rstrip("，。、；：）")) <= width
               or (line.isascii() and " " not in line) for line in lines)
    assert not any(line[:1] in "，。、；：）" for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert "summarygen.yaml" in " ".join(lines) and "Ctrl-C" in " ".join(lines)


def test_chinese_help_fits_an_80_column_terminal() -> None:
    for command in (["--help"], ["build", "--help"], ["init", "--help"], ["schema", "--help"]):
        result = invoke(command)
        assert max(display_width(line) for line in result.stdout.splitlines()) <= 80


def all_commands() -> list[click.Command]:
    assert isinstance(cli, click.Group)
    return [cli, *cli.commands.values()]


def test_every_help_text_is_marked_for_translation_and_translated() -> None:
    """Help texts given as ``help=_()`` or docstrings would stay in one language: use ``N_``."""
    catalog = _catalog_ids()
    for command in all_commands():
        assert isinstance(command, Command), command.name
        texts = [command._help_id]
        for param in command.params:
            if isinstance(param, click.Option):
                assert isinstance(param, Option), f"{command.name} {param.name}"
                texts.append(param._help_id)
        missing = [t for t in texts if t and t not in catalog]
        assert missing == [], command.name


def _catalog_ids() -> set[str]:
    from babel.messages.pofile import read_po

    po = Path(i18n.__file__).parent / "locale/zh_CN/LC_MESSAGES/summarygen.po"
    with po.open("rb") as handle:
        return {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id and m.string}


def test_the_progress_bar_speaks_chinese_although_click_imports_it_late() -> None:
    # click's progress bar module is imported only when a bar is made, after the texts were
    # routed at start-up; the console routes them again
    import sys

    from summarygen.cli.console import Console
    from summarygen.i18n import click_gettext

    sys.modules.pop("click._termui_impl", None)
    console = Console(tty=True)
    console.begin(100, 100)
    try:
        assert sys.modules["click._termui_impl"]._ is click_gettext  # type: ignore[attr-defined]
    finally:
        console.end()
