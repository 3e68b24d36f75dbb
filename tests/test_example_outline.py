"""The example workspace ``examples/outline``: an outline that starts at （一）, items numbered
``1、`` and sub-items ``1）``, no 落款; built and read back, and ``verify`` passes inside it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from workspaces import run

from summarygen.build import run_build, run_check
from summarygen.ooxml import read_docx

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "outline"

pytestmark = pytest.mark.usefixtures("chinese")

OUTLINE = [
    # (the heading part of the paragraph, its style, run-in)
    ("（一）上半年工作开展情况", "Heading 2", False),
    ("1、就业创业服务。", "Heading 3", True),
    ("1）开展适应性培训。", "Heading 4", True),
    ("2）扶持自主创业。", "Heading 4", True),
    ("2、优抚帮扶", "Heading 3", False),
    ("1）困难帮扶。", "Heading 4", True),
    ("（二）存在的问题", "Heading 2", False),
    ("（三）下半年工作打算", "Heading 2", False),
    ("1、提升服务保障水平。", "Heading 3", True),
    ("2、加强就业创业帮扶。", "Heading 3", True),
]
FONTS = {"Heading 2": "楷体_GB2312", "Heading 3": "仿宋_GB2312", "Heading 4": "仿宋_GB2312"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    [path] = run_build(EXAMPLE, out=tmp_path_factory.mktemp("outline")).written
    return path


def test_the_example_checks_without_a_warning() -> None:
    problems = run_check(EXAMPLE)
    assert [p.format(EXAMPLE) for p in problems] == []


def test_headings_numbered_in_the_example_forms_with_the_style_of_their_level(
        built: Path) -> None:
    paragraphs = docx.Document(str(built)).paragraphs
    headings = [p for p in paragraphs if p.style is not None and p.style.name.startswith("Head")]
    found = []
    for paragraph in headings:
        first = paragraph.runs[0].text
        assert paragraph.style is not None
        found.append((first, paragraph.style.name, paragraph.text != first))
    assert found == OUTLINE


def test_heading_fonts_follow_the_level(built: Path) -> None:
    read = read_docx(built)
    for paragraph in read.paragraphs:
        style = next((s for h, s, _r in OUTLINE if paragraph.text.startswith(h)), None)
        if style is None:
            continue
        head, *body = paragraph.runs
        assert head.format.fonts["eastAsia"].name == FONTS[style], paragraph.text
        assert all(r.format.fonts["eastAsia"].name == "仿宋_GB2312" for r in body)


def test_no_signature_block(built: Path) -> None:
    texts = [p.text for p in docx.Document(str(built)).paragraphs]
    assert texts[-1].startswith("2、加强就业创业帮扶。继续举办退役军人专场招聘会")
    # the title, too wide for one line, is broken after the name: its lines come first
    assert texts[:2] == ["石桥县退役军人事务局", "2024年上半年工作总结"]
    assert not any(t.strip() in ("石桥县退役军人事务局", "2024年7月8日") for t in texts[2:])


def test_verify_passes_inside_the_workspace_and_names_its_style(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    code, out, err = run("verify", str(built))
    assert (code, err) == (0, ""), out
    assert out.splitlines()[0].endswith("序号 [一、, （一）, 1、, 1）]，无落款")
    monkeypatch.chdir(built.parent)  # outside: GB/T 9704 wants 1. and （1）
    code, out, _err = run("verify", str(built))
    assert code == 1 and "序号应写作“（1）”，实为“1）”" in out
