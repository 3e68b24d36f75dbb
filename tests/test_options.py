"""The options every command shares (``-C``, ``-q``/``-v``, ``--strict``, ``--lang``), declared
once in :mod:`summarygen.cli.options`, and the error boundary: a bug of ours is shown as a bug."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from workspaces import DATASET, make_workspace, run

from summarygen.cli.commands import cli

pytestmark = pytest.mark.usefixtures("chinese")

NEEDS_WORKSPACE = ("build", "check", "schema", "archive", "history", "diff", "new-period")


def commands() -> dict[str, click.Command]:
    return dict(cli.commands)


def option_names(command: click.Command) -> set[str]:
    return {name for p in command.params if isinstance(p, click.Option) for name in p.opts}


WITHOUT_WORKSPACE = {"fix"}
"""Commands for which a workspace means nothing: ``fix`` re-lays any DOCX file."""


def test_every_command_accepts_lang_and_the_workspace() -> None:
    for name, command in commands().items():
        names = option_names(command)
        assert "--lang" in names, name
        assert ("-C" in names) is (name not in WITHOUT_WORKSPACE), name


@pytest.mark.parametrize("name", ["build", "check", "archive", "new-period", "init", "verify"])
def test_commands_that_print_results_can_be_quiet(name: str) -> None:
    assert "-q" in option_names(commands()[name])


def test_strict_has_one_help_text() -> None:
    texts = {p._help_id for c in commands().values() for p in c.params  # type: ignore[attr-defined]
             if isinstance(p, click.Option) and "--strict" in p.opts}
    assert len(texts) == 1
    assert {n for n, c in commands().items() if "--strict" in option_names(c)} >= {
        "build", "check", "verify"}


def test_lang_after_the_command_name(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    code, out, err = run("check", "-C", str(root), "--lang", "en")
    assert (code, err) == (0, "")
    assert out == "check passed: 0 warning(s).\n"
    code, out, _err = run("build", "--lang=en", "-C", str(root), "-q")
    assert (code, out) == (0, "")
    code, out, _err = run("--lang", "en", "history", "-C", str(root))
    assert code == 0 and "archive" in out


def test_the_workspace_is_found_from_a_subfolder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "ws")
    monkeypatch.chdir(root / "datasets" / "2024-H1")
    code, out, err = run("build", "-V", "city")
    assert (code, err) == (0, "")
    assert out == "已生成：../../out/2024-H1/city.docx\n"
    assert (root / "out/2024-H1/city.docx").is_file()
    assert not (root / "datasets/2024-H1/out").exists()


def test_without_a_workspace_the_current_folder_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("check")
    assert code == 1
    assert "summarygen.yaml" in err


def test_check_quiet_and_verbose(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    assert run("check", "-C", str(root), "-q")[:3] == (0, "", "")
    code, _out, err = run("check", "-C", str(root), "-v")
    assert code == 0
    assert "正在生成 county（2024-H1）" in err


def test_init_with_c_makes_the_workspace_inside_it(tmp_path: Path) -> None:
    code, out, err = run("init", "-C", str(tmp_path), "ws", "--org", "岳西县民政局", "-q")
    assert (code, out, err) == (0, "", "")
    assert (tmp_path / "ws/summarygen.yaml").is_file()
    code, out, _err = run("init", "-C", str(tmp_path / "second"))
    assert code == 0 and (tmp_path / "second/summarygen.yaml").is_file()


def test_verify_with_c_checks_the_latest_built_documents(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    code, _out, err = run("verify", "-C", str(root))
    assert code == 1
    assert "没有 DOCX 文件" in err and "summarygen build" in err
    assert run("build", "-C", str(root))[0] == 0
    code, out, err = run("verify", "-C", str(root), "--profile", "practice")
    assert (code, err) == (0, ""), out
    assert "city.docx" in out and "county.docx" in out
    assert run("verify", "-C", str(root), "--profile", "practice", "-q")[:2] == (0, "")


def test_verify_outside_a_workspace_needs_files(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("verify")
    assert code == 2
    assert "请指定要检查的 DOCX 文件" in err


# --- the error boundary ----------------------------------------------------------------------


FILTERED = """\
{% set d = data.social_assistance %}
### {{ titles.social_assistance }}。
发放救助资金{{ d.funds | wan }}。

"""


def test_a_bug_in_a_filter_is_shown_as_a_bug(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import summarygen.templating.filterargs as filterargs

    def broken(value: object, name: str) -> object:
        return {}["unit"]  # a KeyError, as a slip in a filter would raise

    monkeypatch.setattr(filterargs, "money", broken)
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": FILTERED})
    result = CliRunner().invoke(cli, ["check", "-C", str(root)])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == ("summarygen 自身的程序出错而停止（这是程序缺陷，不是您的数据、模板或设置"
                        "有误）：KeyError: 'unit'")
    assert lines[1].startswith("出错位置：") and "filters.py" in lines[1]
    assert "模板无法" not in result.stderr
    saved = Path(lines[2].split("完整的出错记录已保存到 ")[1].split("；")[0])
    record = saved.read_text(encoding="utf-8")
    saved.unlink()
    assert "Traceback (most recent call last)" in record and "KeyError: 'unit'" in record
    assert "command: summarygen check -C" in record


def test_a_mistake_in_the_template_is_still_the_templates(tmp_path: Path) -> None:
    template = FILTERED.replace("{{ d.funds | wan }}", "{{ d.funds + {} }}")
    root = make_workspace(tmp_path, {"templates/areas/social_assistance.md.j2": template})
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert err.startswith("templates/areas/social_assistance.md.j2:3: 错误: 模板无法")
    wrong = FILTERED.replace("{{ d.funds | wan }}", "{{ d.funds | wan('公斤') }}")
    root = make_workspace(tmp_path / "2", {"templates/areas/social_assistance.md.j2": wrong})
    code, _out, err = run("check", "-C", str(root))
    assert code == 1 and "templates/areas/social_assistance.md.j2:3: 错误:" in err


def test_raised_in_our_code_looks_at_where_it_was_raised() -> None:
    import jinja2

    from summarygen.templating.errors import raised_in_our_code
    from summarygen.templating.filters import FILTERS

    env = jinja2.Environment()
    env.filters.update(FILTERS)
    env.filters["broken"] = lambda value: FILTERS["num"](value, places={}["x"])
    with pytest.raises(TypeError) as in_template:
        env.from_string("{{ 1 + 'a' }}").render()
    assert not raised_in_our_code(in_template.value)
    with pytest.raises(KeyError) as in_test_lambda:
        env.from_string("{{ 1 | broken }}").render()
    assert not raised_in_our_code(in_test_lambda.value)  # this test's code is not summarygen's


@pytest.mark.parametrize("path", ["_CComposer", "_FastLoader"])
def test_a_bug_in_the_fast_yaml_path_is_not_swallowed(tmp_path: Path, path: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import summarygen.data.yamlcompose as yamlcompose
    import summarygen.data.yamlio as yamlio
    from summarygen.errors import Problems

    if yamlcompose._FastLoader is None:
        pytest.skip("PyYAML without its C parser")

    def broken(self: object) -> None:
        raise KeyError("slip")

    if path == "_FastLoader":  # reached when the composer in C is not used
        monkeypatch.setattr(yamlcompose, "_CComposer", None)
    monkeypatch.setattr(getattr(yamlcompose, path), "get_single_node", broken)
    with pytest.raises(KeyError):
        yamlio.load_text(DATASET, tmp_path / "x.yaml", Problems())

