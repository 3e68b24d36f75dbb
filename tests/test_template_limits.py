"""Templates cannot exhaust time or memory: each bound breached is a message naming the template
and line, that build fails as for any broken template, and ``out/`` is left as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from workspaces import CONFIG, REPORT, digest, make_workspace, run

from summarygen.templating import limits

pytestmark = pytest.mark.usefixtures("chinese")

HOSTILE = {
    "doubling_concat": ('{% set ns = namespace(s="x") %}{% for i in range(40) %}'
                        '{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}',
                        "模板生成的文字或列表超过 1000000"),
    "doubling_plus": ('{% set ns = namespace(s="x") %}{% for i in range(40) %}'
                      '{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}',
                      "模板生成的文字或列表超过 1000000"),
    "center": ('{{ "x"|center(10**8) }}', "模板生成的文字或列表超过 1000000"),
    "center_method": ('{{ "x".center(10**8) }}', "模板生成的文字或列表超过 1000000"),
    "indent": ('{{ ("a\\n" * 1000)|indent(10**5) }}', "模板生成的文字或列表超过 1000000"),
    "format_filter": ('{{ "%100000000s"|format("x") }}', "模板生成的文字或列表超过 1000000"),
    "percent": ('{{ "%100000000s" % "x" }}', "模板生成的文字或列表超过 1000000"),
    "format_method": ('{{ "{:>100000000}".format("x") }}', "模板生成的文字或列表超过 1000000"),
    "format_repeats": ('{{ ("{0}" * 1000).format("x" * 100000) }}',
                       "模板生成的文字或列表超过 1000000"),
    "wordwrap": ('{{ ("a " * 100000)|wordwrap(1, wrapstring="x" * 1000) }}',
                 "模板生成的文字或列表超过 1000000"),
    "replace": ('{{ ("x" * 1000)|replace("x", "y" * 10000) }}', "模板生成的文字或列表超过 1000000"),
    "join": ('{{ range(1000)|list|join("x" * 10000) }}', "模板生成的文字或列表超过 1000000"),
    "list_growth": ('{% set l = [1] %}{% for i in range(40) %}{% do l.extend(l) %}{% endfor %}'
                    '{{ l|length }}', "模板生成的文字或列表超过 1000000"),
    "lipsum": ("{{ lipsum(n=10**6) }}", "lipsum() 在模板中最多生成 20000 个词"),
    "output": ('{% for i in range(100000) %}{{ "x" * 100 }}{% endfor %}',
               "模板写出的报告超过 2000000 个字符"),
}


def hostile_workspace(root: Path, line: str, config: str = CONFIG) -> Path:
    report = REPORT.replace("## 上半年工作总结\n", f"## 上半年工作总结\n{line}\n")
    return make_workspace(root, {"templates/report.md.j2": report, "summarygen.yaml": config})


def line_of(root: Path, text: str) -> int:
    source = (root / "templates/report.md.j2").read_text(encoding="utf-8").splitlines()
    return source.index(text) + 1


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_each_bound_is_a_message_naming_the_template(tmp_path: Path, case: str) -> None:
    line, message = HOSTILE[case]
    root = hostile_workspace(tmp_path, line)
    started = time.monotonic()
    code, _out, err = run("build", "-C", str(root), "--jobs", "1")
    assert time.monotonic() - started < 20
    assert code == 1
    where = "" if case == "output" else f":{line_of(root, line)}"  # the loop, not one line
    assert f"templates/report.md.j2{where}: 错误: " in err
    assert message in err
    assert not (root / "out").exists()


def test_a_report_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    loop = ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
            "{% endfor %}")
    root = hostile_workspace(tmp_path, loop, CONFIG + "limits:\n  render_seconds: 1\n")
    started = time.monotonic()
    code, _out, err = run("check", "-C", str(root))
    assert time.monotonic() - started < 15
    assert code == 1
    assert f"templates/report.md.j2:{line_of(root, loop)}: 错误: " in err
    assert "模板运行超过 1 秒" in err
    assert "render_seconds" in err


def test_a_slow_report_leaves_earlier_outputs_untouched(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    assert run("build", "-C", str(root))[0] == 0
    before = digest(root / "out")
    (root / "summarygen.yaml").write_text(CONFIG + "limits:\n  render_seconds: 0.5\n",
                                          encoding="utf-8")
    report = root / "templates/report.md.j2"
    report.write_text(report.read_text(encoding="utf-8") + "{% for a in range(100000) %}"
                      "{% for b in range(1000) %}{{ '' }}{% endfor %}{% endfor %}\n",
                      encoding="utf-8")
    code, _out, err = run("build", "-C", str(root), "--jobs", "1")
    assert code == 1
    assert "模板运行超过 0.5 秒" in err
    assert digest(root / "out") == before


def test_render_seconds_is_checked(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"summarygen.yaml": CONFIG + "limits:\n  render_seconds: 0\n"})
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert "limits.render_seconds" in err and "3600" in err


def test_a_huge_template_file_is_refused(tmp_path: Path) -> None:
    report = REPORT + "{# " + "长" * (limits.MAX_TEMPLATE_CHARS + 1) + " #}\n"
    root = make_workspace(tmp_path, {"templates/report.md.j2": report})
    code, _out, err = run("check", "-C", str(root))
    assert code == 1
    assert f"最多 {limits.MAX_TEMPLATE_CHARS} 个字符" in err


def test_normal_templates_are_not_slowed_or_refused(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"templates/report.md.j2": REPORT + (
        '{{ "标题"|center(20) }}{{ "a\\nb"|indent(4) }}{{ "%s年"|format(2024) }}'
        '{{ "{}月".format(7) }}{{ ["甲", "乙"]|join("、") }}{{ "x" ~ "y" }}{{ [1] + [2] }}\n')})
    assert run("build", "-C", str(root))[0] == 0
