"""Templates cannot exhaust time or memory: each bound breached is a message naming the template
and line, that build fails as for any broken template, and ``out/`` is left as it was."""

from __future__ import annotations

import os
import subprocess
import sys
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


def _spin(seconds: float) -> int:
    """A loop that calls nothing the deadline could wait for, for about ``seconds``."""
    end, count = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        count += 1
    return count


def test_a_deadline_stops_a_loop_and_the_next_one_runs_undisturbed() -> None:
    with pytest.raises(limits.RenderTimeout), limits.Deadline(0.2):
        _spin(10)
    with limits.Deadline(5):  # nothing left pending from the first: this one runs to its end
        assert _spin(0.3) > 0


def test_reports_share_one_watchdog_thread() -> None:
    import threading

    with limits.Deadline(30):
        pass
    before = threading.active_count()
    for _ in range(3):
        with limits.Deadline(30):  # no thread of its own while it runs
            assert threading.active_count() == before


def test_a_deadline_that_did_not_fire_leaves_nothing_pending() -> None:
    # Clearing an asynchronous exception that was never raised left CPython checking for one
    # at every step from then on, which made a profiler (cProfile) hang: run one in a child.
    script = ("import cProfile\nfrom summarygen.templating.limits import Deadline\n"
              "with Deadline(30):\n    pass\n"
              "cProfile.run('sum(range(1000))')\nprint('done')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("done")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="this system does not fork processes")
def test_a_forked_child_has_its_own_watchdog() -> None:
    with limits.Deadline(30):  # the parent's watchdog thread runs; a child has none of it
        pass
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports by its exit status only
        try:
            with limits.Deadline(0.2):
                _spin(10)
        except limits.RenderTimeout:
            os._exit(0)
        os._exit(1)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.parametrize("expression", ["''.__class__.__mro__", "[].__class__.__mro__",
                                        "''.__len__", "[].__iadd__"])
def test_hidden_attributes_of_texts_and_lists_stay_refused(tmp_path: Path,
                                                           expression: str) -> None:
    # texts' and lists' methods take a shortcut past the sandbox's checks; names with “_” not
    import jinja2

    from summarygen.templating.render import make_environment

    env = make_environment([tmp_path])
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.from_string("{{ " + expression + " }}").render()
    assert env.from_string("{% set l = [] %}{% do l.append('a,b'.split(',')) %}{{ l }}"
                           ).render() == "[['a', 'b']]"
