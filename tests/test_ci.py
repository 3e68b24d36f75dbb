"""``.ci/run`` fails when a check fails, and only then: run with stand-ins for pip, pytest, ruff
and mypy (the real ones take minutes and the network), each told to pass or fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOLS = ("pip", "python", "ruff", "mypy")

pytestmark = pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None,
                                reason=".ci/run is a bash script")


def ci(tmp_path: Path, failing: str = "", render_tools_fail: bool = False) -> tuple[int, str]:
    """Run a copy of .ci/run; ``failing`` names the stand-in that exits 1."""
    tree = tmp_path / "repo"
    (tree / ".ci").mkdir(parents=True)
    shutil.copy2(REPO / ".ci/run", tree / ".ci/run")
    shutil.copy2(REPO / "README.md", tree / "README.md")
    shutil.copy2(REPO / "constraints.txt", tree / "constraints.txt")
    (tree / "scripts").mkdir()
    (tree / "scripts/install-render-tools.sh").write_text(
        f"exit {1 if render_tools_fail else 0}\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    for tool in TOOLS:
        stand_in = bin_dir / tool
        stand_in.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n'
                            f"exit {1 if tool == failing else 0}\n", encoding="utf-8")
        stand_in.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(tree / ".ci/run")], env=env, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, log.read_text(encoding="utf-8") if log.exists() else ""


def test_every_check_runs_when_all_pass(tmp_path: Path) -> None:
    code, log = ci(tmp_path)
    assert code == 0
    assert "python -m pytest\n" in log and "ruff check .\n" in log and "mypy \n" in log


@pytest.mark.parametrize("failing", ["python", "ruff", "mypy", "pip"])
def test_a_failing_check_fails_ci(tmp_path: Path, failing: str) -> None:
    code, _log = ci(tmp_path, failing)
    assert code != 0


def test_render_tools_that_cannot_be_installed_do_not_fail_ci(tmp_path: Path) -> None:
    assert ci(tmp_path, render_tools_fail=True)[0] == 0


def test_ci_installs_within_the_constraints() -> None:
    text = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert 'export PIP_CONSTRAINT="$PWD/constraints.txt"' in text
    bounded = {line.split(">=")[0] for line in
               (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#") and "<" in line}
    assert {"click", "PyYAML", "Jinja2", "python-docx"} <= bounded
