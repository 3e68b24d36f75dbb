"""``verify`` on what the project builds: every report passes, and each broken copy of the
repository's sample report gives its own finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_edit import alter
from long_report import long_workspace
from test_verify import BROKEN, Change, errors, findings, rules
from workspaces import make_workspace, run

from summarygen.build import run_build

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every report the project builds: the repository's two samples, the examples, the test
    workspaces (short and long, standard and practice)."""
    folder = tmp_path_factory.mktemp("built")
    roots = {
        "samples": REPO,
        "education": REPO / "examples" / "education",
        "two-levels": REPO / "examples" / "two-levels",
        "tests": make_workspace(folder / "tests-ws"),
        "long": long_workspace(folder / "long-ws"),
        "long-practice": long_workspace(folder / "practice-ws", "practice"),
    }
    reports = {}
    for name, root in roots.items():
        for path in run_build(root, out=folder / name).written:
            reports[f"{name}/{path.stem}"] = path
    return reports


def test_every_report_the_project_builds_passes(built: dict[str, Path]) -> None:
    assert {"samples/zixing", "samples/huoshan", "tests/county", "tests/city"} <= set(built)
    assert len(built) >= 8
    for name, path in built.items():
        profile = "practice" if name.startswith("long-practice") else "gbt9704"
        assert [f.format(name) for f in findings(path, profile)] == []


def test_level_three_1_dun_fails_the_standard_profile(built: dict[str, Path]) -> None:
    practice = built["long-practice/county"]
    found = errors(practice, "gbt9704")
    assert rules(found) == {"heading.punct"}
    assert {f.excerpt[:2] for f in found} == {"1、"}
    assert found[0].message == "序号应写作“1.”，实为“1、”"


@pytest.mark.parametrize(("name", "part", "change", "rule", "words"), BROKEN,
                         ids=[b[0] for b in BROKEN])
def test_broken_sample_report(built: dict[str, Path], tmp_path: Path, name: str, part: str,
                              change: Change, rule: str, words: str) -> None:
    good = built["samples/huoshan"]
    broken = alter(good, tmp_path / f"{name}.docx", part, change)
    found = [f for f in errors(broken) if f.rule == rule]
    assert found, [f.format(name) for f in findings(broken)]
    assert any(words in f.message for f in found), [f.message for f in found]


def test_build_then_verify_through_the_command_line(tmp_path: Path) -> None:
    root = REPO / "examples" / "two-levels"  # it uses the repository's pack: build it in place
    code, _out, err = run("build", "-C", str(root), "--out", str(tmp_path / "out"))
    assert code == 0, err
    files = sorted(str(p) for p in (tmp_path / "out").rglob("*.docx"))
    assert len(files) == 2
    code, out, err = run("verify", *files)
    assert code == 0, out + err
    assert out.count("通过（0 处警告）") == 2
