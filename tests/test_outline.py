"""Other readers see the outline: pandoc reads the built DOCX's headings as Markdown headings."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from summarygen.build import run_build

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("pandoc") is None,
                    reason="pandoc not installed: run scripts/install-render-tools.sh")
def test_pandoc_shows_the_heading_outline(tmp_path: Path) -> None:
    run_build(ROOT, ("zixing",), out=tmp_path)
    markdown = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "markdown", str(tmp_path / "2024-H1" / "zixing.docx")],
        capture_output=True, text=True, check=True, timeout=60).stdout
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    level_one = [line for line in headings if line.startswith("# ")]
    level_two = [line for line in headings if line.startswith("## ")]
    assert level_one == ["# 一、前段工作开展情况", "# 二、存在问题和困难", "# 三、下一步工作设想"]
    run_in = [line[3:13] for line in level_two[:2]]
    assert run_in == ["（一）疫情防控工作。", "（二）脱贫攻坚工作。"]
    assert len(level_two) == 8
