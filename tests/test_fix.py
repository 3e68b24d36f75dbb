"""``summarygen fix IN.docx -o OUT.docx``: any DOCX re-laid in the official format, its text
unchanged character for character; the output read back and checked by ``verify``."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx_edit import alter
from handmade import handmade_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from naive_docx import naive_docx, numbered_docx
from test_verify import BROKEN, Change
from workspaces import run

from summarygen.errors import Severity
from summarygen.verify import Finding, verify_files
from summarygen.verify.model import rule_name

pytestmark = pytest.mark.usefixtures("chinese")

TEXT_RULES = {"zero-date": {"date.format"}, "sequence": {"heading.sequence"}}
"""Broken documents whose fault is in the text itself, which fix must not change."""


def texts(path: Path) -> list[str]:
    """Every non-empty paragraph as a reader sees it (python-docx; no automatic numbers)."""
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def errors(path: Path) -> list[Finding]:
    return [f for f in verify_files([path]).findings[path] if f.severity is Severity.ERROR]


def fix_ok(source: Path, target: Path, *options: str) -> str:
    code, out, err = run("fix", str(source), "-o", str(target), *options)
    assert (code, err) == (0, ""), err
    return out


@pytest.mark.parametrize(("name", "part", "change"), [b[:3] for b in BROKEN],
                         ids=[b[0] for b in BROKEN])
def test_every_broken_document_of_verify_comes_out_passing(tmp_path: Path, name: str,
                                                            part: str, change: Change) -> None:
    broken = alter(handmade_docx(tmp_path / "h.docx"), tmp_path / "broken.docx", part, change)
    before = broken.read_bytes()
    fixed = tmp_path / "fixed.docx"
    out = fix_ok(broken, fixed)
    assert texts(fixed) == texts(broken)
    assert broken.read_bytes() == before  # IN is never touched
    left = {f.rule for f in errors(fixed)}
    assert left == TEXT_RULES.get(name, set())
    if left:
        assert "仍需手工改正（fix 不改动文字）" in out
        assert all(rule_name(rule) in out for rule in left)
    else:
        assert "仍需手工改正" not in out


def test_a_naive_python_docx_file_says_what_changed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("霍山县民政局2024年上半年工作总结", 0)
    for text in ("一、主要工作", "（一）兜牢底线", "（二）养老服务"):
        document.add_heading(text, 1 if text.startswith("一") else 2)
        document.add_paragraph("今年来，全县民政工作稳步推进，保障8854户。")
    document.add_paragraph("")
    document.add_paragraph("霍山县民政局")
    document.add_paragraph("2024年7月5日")
    source = tmp_path / "naive.docx"
    document.save(str(source))
    out = fix_ok(source, tmp_path / "fixed.docx")
    assert errors(tmp_path / "fixed.docx") == []
    assert texts(tmp_path / "fixed.docx") == texts(source)
    first = out.splitlines()[0]
    assert first.startswith("已重新排版：纸张、页边距、字体、文字颜色、行距、")
    assert "页码" in first and "3 个标题（1 级 1 个、2 级 2 个）" in first
    assert "文字未改动：9 段，逐字相同" in out


def test_automatic_numbering_becomes_the_same_typed_numbers(tmp_path: Path) -> None:
    lines = ["今年来，全县民政工作稳步推进。", "一、主要工作", "（一）兜牢底线",
             "1.强化组织领导。召开专题党组会。", "（二）养老服务", "二、下步打算", "继续推进。"]
    source = numbered_docx(tmp_path / "auto.docx", lines, ["霍山县民政局2024年工作总结"])
    assert "一、主要工作" not in texts(source)  # python-docx does not show Word's numbers
    fixed = tmp_path / "fixed.docx"
    fix_ok(source, fixed)
    assert texts(fixed) == ["霍山县民政局2024年工作总结", *lines]
    assert errors(fixed) == []
    styles = [p.style.name for p in docx.Document(str(fixed)).paragraphs if p.text.strip()]
    assert styles[2:5] == ["Heading 1", "Heading 2", "Heading 3"]


def test_in_place_keeps_a_backup_and_the_output_is_never_the_input(tmp_path: Path) -> None:
    source = naive_docx(tmp_path / "报告.docx", ["今年来，全县民政工作稳步推进。"], ["标题"])
    original = source.read_bytes()
    code, _out, err = run("fix", str(source), "-o", str(source))
    assert code == 1 and "就是要排版的原文件" in err
    assert run("fix", str(source))[0] == 2  # neither -o nor --in-place
    assert source.read_bytes() == original
    code, out, err = run("fix", str(source), "--in-place")
    assert (code, err) == (0, "")
    backup = tmp_path / "报告.orig.docx"
    assert f"原文件已另存为 {backup}" in out
    assert backup.read_bytes() == original
    assert texts(source) == texts(backup) and errors(source) == []


def test_the_same_file_gives_the_same_bytes(tmp_path: Path) -> None:
    source = handmade_docx(tmp_path / "h.docx")
    fix_ok(source, tmp_path / "a.docx")
    fix_ok(source, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_what_the_tree_cannot_hold_is_refused_not_lost(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("标题")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "表格里的字"
    source = tmp_path / "table.docx"
    document.save(str(source))
    code, out, err = run("fix", str(source), "-o", str(tmp_path / "out.docx"))
    assert (code, out) == (1, "")
    assert "中有表格，fix 暂时还不能排版；没有写出任何文件" in err
    assert not (tmp_path / "out.docx").exists()


def test_a_text_file_is_not_fixed(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_text("今年来……", encoding="utf-8")
    code, _out, err = run("fix", str(source), "-o", str(tmp_path / "b.docx"))
    assert code == 1 and "fix 只能排版 DOCX 文件" in err


def test_strict_fails_when_text_is_left_to_correct_and_quiet_says_nothing(
        tmp_path: Path) -> None:
    source = handmade_docx(tmp_path / "h.docx")
    [(_name, part, change)] = [b[:3] for b in BROKEN if b[0] == "sequence"]
    broken = alter(source, tmp_path / "seq.docx", part, change)
    code, out, err = run("fix", str(broken), "-o", str(tmp_path / "a.docx"), "--strict", "-q")
    assert (code, out) == (1, "")
    assert "2 处文字问题需手工改正" in err  # （三） where （二） was due, and the （三） after it
    assert (tmp_path / "a.docx").exists()  # written all the same: only the text is left
    assert run("fix", str(source), "-o", str(tmp_path / "b.docx"), "--strict", "-q") == (0, "", "")


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return handmade_docx(tmp_path_factory.mktemp("good") / "good.docx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1,
                      max_size=20))
def test_damaged_files_are_explained_by_fix_and_import(good_file: Path, tmp_path: Path,
                                                       flips: list[tuple[int, int]]) -> None:
    data = bytearray(good_file.read_bytes())
    for position, value in flips:
        data[position % len(data)] = value
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(bytes(data))
    out = tmp_path / "out.docx"
    out.unlink(missing_ok=True)
    code, _out, err = run("fix", str(damaged), "-o", str(out))
    assert code in (0, 1), err  # 3 would be a bug of ours
    assert code == 0 or (err.startswith("错误") and not out.exists())
    target = tmp_path / "ws"
    if target.exists():
        shutil.rmtree(target)
    code, _out, err = run("import", str(damaged), str(target), "--org", "霍山县民政局",
                          "--period", "2024-H1")
    assert code in (0, 1), err
    assert code == 0 or not target.exists()


def test_a_page_header_is_named_as_left_out(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "内部资料"
    document.add_paragraph("霍山县民政局2024年工作总结")
    document.add_paragraph("今年来，全县民政工作稳步推进。")
    source = tmp_path / "header.docx"
    document.save(str(source))
    out = fix_ok(source, tmp_path / "out.docx")
    assert "页眉中的文字“内部资料”没有保留（公文格式不设页眉）" in out
    assert texts(tmp_path / "out.docx") == texts(source)
