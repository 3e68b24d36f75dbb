"""``summarygen verify``: good reports pass; each broken document gives its own finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx_edit import alter, replace_text, set_all, w
from handmade import handmade_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workspaces import run

from summarygen.cli.commands import cli
from summarygen.document.style import PRESETS
from summarygen.errors import Severity
from summarygen.verify import Finding, verify_files

Change = Callable[[Any], None]


def findings(path: Path, profile: str = "gbt9704") -> list[Finding]:
    return verify_files([path], profile).findings[path]


def errors(path: Path, profile: str = "gbt9704") -> list[Finding]:
    return [f for f in findings(path, profile) if f.severity is Severity.ERROR]


def rules(found: list[Finding]) -> set[str]:
    return {f.rule for f in found}


@pytest.fixture
def handmade(tmp_path: Path) -> Path:
    return handmade_docx(tmp_path / "handmade.docx")


def test_a_handmade_word_file_in_the_official_format_passes(handmade: Path) -> None:
    assert [f.format("x") for f in findings(handmade)] == []


def test_practice_profile_wants_1_dun_at_level_three(tmp_path: Path) -> None:
    practice = handmade_docx(tmp_path / "practice.docx", level_three="、")
    assert findings(practice, "practice") == []
    [finding] = errors(practice, "gbt9704")
    assert (finding.rule, finding.excerpt[:2]) == ("heading.punct", "1、")
    assert finding.message == "序号应写作“1.”，实为“1、”"
    [strict] = errors(handmade_docx(tmp_path / "strict.docx"), "practice")
    assert strict.rule == "heading.punct" and "“1、”" in strict.message


def rename_font(old: str, new: str) -> Change:
    def change(root: Any) -> None:
        count = 0
        for fonts in root.iter(w("rFonts")):
            if fonts.get(w("eastAsia")) == old:
                fonts.set(w("eastAsia"), new)
                count += 1
        assert count
    return change


def test_practice_profile_accepts_other_names_of_the_same_typeface(handmade: Path,
                                                                    tmp_path: Path) -> None:
    windows = alter(handmade, tmp_path / "windows.docx", "word/styles.xml",
                    rename_font("仿宋_GB2312", "仿宋"))
    strict = errors(windows)
    assert rules(strict) == {"font.name"}
    assert "字体应为 仿宋_GB2312，实为 仿宋" in strict[0].message
    practice = handmade_docx(tmp_path / "p.docx", level_three="、")
    practice = alter(practice, tmp_path / "p2.docx", "word/styles.xml",
                     rename_font("仿宋_GB2312", "方正仿宋_GBK"))
    assert findings(practice, "practice") == []


def remove_even_footer(root: Any) -> None:
    refs = [r for r in root.iter(w("footerReference")) if r.get(w("type")) == "even"]
    assert refs
    for ref in refs:
        ref.getparent().remove(ref)


def theme_fonts(root: Any) -> None:
    count = 0
    for fonts in root.iter(w("rFonts")):
        if fonts.get(w("eastAsia")):
            del fonts.attrib[w("eastAsia")]
            fonts.set(w("eastAsiaTheme"), "minorEastAsia")
            count += 1
    assert count


def blue_heading(root: Any) -> None:
    for p in root.iter(w("p")):
        text = "".join(t.text or "" for t in p.iter(w("t")))
        if text.startswith("一、"):
            for r in p.iter(w("r")):
                rpr = r.find(w("rPr"))
                if rpr is None:
                    rpr = r.makeelement(w("rPr"), {})
                    r.insert(0, rpr)
                color = rpr.makeelement(w("color"), {w("val"): "2E74B5"})
                rpr.append(color)
            return
    raise AssertionError("no level-one heading")


def no_indent(root: Any) -> None:
    for ind in root.iter(w("ind")):
        for attr in ("firstLine", "firstLineChars"):
            if ind.get(w(attr)) is not None:
                ind.set(w(attr), "0")


def spacing_580(root: Any) -> None:
    for spacing in root.iter(w("spacing")):
        if spacing.get(w("line")) == "579":
            spacing.set(w("line"), "580")


def left_title(root: Any) -> None:
    for jc in root.iter(w("jc")):
        if jc.get(w("val")) == "center":
            jc.set(w("val"), "left")


# (name, part, change, rule, words the message must contain)
BROKEN: list[tuple[str, str, Change, str, str]] = [
    ("letter", "word/document.xml", lambda r: set_all(r, "pgSz", w="12240", h="15840"),
     "page.size", "纸张应为 A4 纵向（210×297 毫米），实为 215.9×279.4 毫米（美国 Letter）"),
    ("margins", "word/document.xml", lambda r: set_all(r, "pgMar", top="1440", left="1800"),
     "page.margins", "页边距应为：上 37 毫米（实为 25.4 毫米）；左 28 毫米（实为 31.7 毫米）"),
    ("theme-fonts", "word/styles.xml", theme_fonts, "font.theme", "主题字体"),
    ("blue-heading", "word/document.xml", blue_heading, "text.color", "2E74B5"),
    ("29pt", "word/styles.xml", spacing_580, "line.spacing",
     "行距应为固定值 28.95 磅（579），每页 22 行；实为固定值 29 磅（580）"),
    ("zero-date", "word/document.xml", lambda r: replace_text(r, "7月5日", "07月05日"),
     "date.format", "日期不加前导零：应写“2024年7月5日”，不写“2024年07月05日”"),
    ("no-even-footer", "word/document.xml", remove_even_footer, "footer.even", "页码"),
    ("no-even-odd", "word/settings.xml",
     lambda r: [e.getparent().remove(e) for e in list(r.iter(w("evenAndOddHeaders")))],
     "footer.even_odd", "w:evenAndOddHeaders"),
    ("no-indent", "word/styles.xml", no_indent, "para.indent", "首行应缩进 2 字"),
    ("sequence", "word/document.xml", lambda r: replace_text(r, "（二）", "（三）"),
     "heading.sequence", "应为“（二）”，实为“（三）”"),
    ("title-left", "word/styles.xml", left_title, "title.align", "标题应居中"),
]


@pytest.mark.parametrize(("name", "part", "change", "rule", "words"), BROKEN,
                         ids=[b[0] for b in BROKEN])
def test_broken_handmade_document(handmade: Path, tmp_path: Path, name: str, part: str,
                                  change: Change, rule: str, words: str) -> None:
    broken = alter(handmade, tmp_path / f"{name}.docx", part, change)
    found = [f for f in errors(broken) if f.rule == rule]
    assert found, [f.format(name) for f in findings(broken)]
    assert any(words in f.message for f in found), [f.message for f in found]


def test_the_finding_says_where(handmade: Path, tmp_path: Path) -> None:
    broken = alter(handmade, tmp_path / "blue.docx", "word/document.xml", blue_heading)
    [finding] = [f for f in findings(broken) if f.rule == "text.color"]
    assert finding.paragraph == 4
    assert finding.format("blue.docx") == (
        "blue.docx: 第4段「一、主要工作」: 文字颜色: 错误: 文字应为黑色（自动），实为颜色 2E74B5")


def test_a_naive_python_docx_document_breaks_many_rules(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("霍山县民政局2024年上半年工作总结", 0)
    document.add_heading("一、主要工作", 1)
    document.add_paragraph("今年来，全县民政工作稳步推进。")
    path = tmp_path / "naive.docx"
    document.save(str(path))
    found = rules(errors(path))
    assert {"page.size", "page.margins", "font.theme", "font.size", "text.color",
            "line.spacing", "para.spacing", "footer.even_odd", "footer.missing",
            "core.creator"} <= found
    [theme] = [f for f in errors(path) if f.rule == "font.theme" and f.paragraph == 3]
    assert "ＭＳ 明朝" in theme.message  # the template's theme, for themeFontLang ja-JP


STANDARD = "核对依据：GB/T 9704-2012（方案 gbt9704）"


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from a folder that is not in a workspace: verify checks against GB/T 9704."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_passes_a_good_file(handmade: Path, outside: Path) -> None:
    code, out, err = run("verify", str(handmade))
    assert (code, out, err) == (0, f"{STANDARD}\n{handmade}: 通过（0 处警告）\n", "")


def test_cli_fails_with_findings_on_stdout_and_a_summary_on_stderr(handmade: Path,
                                                                   outside: Path) -> None:
    broken = alter(handmade, outside / "letter.docx", "word/document.xml",
                   lambda r: set_all(r, "pgSz", w="12240", h="15840"))
    code, out, err = run("verify", str(handmade), str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == STANDARD
    assert lines[1] == f"{handmade}: 通过（0 处警告）"
    assert lines[2].startswith(f"{broken}: 页面设置: 纸张: 错误: 纸张应为 A4")
    assert err.strip() == "错误: 2 个文件中有 1 个不符合格式：1 处错误，0 处警告。"


def test_cli_strict_fails_on_warnings(tmp_path: Path, outside: Path) -> None:
    source = handmade_docx(tmp_path / "h.docx")
    warned = alter(source, tmp_path / "bold.docx", "word/styles.xml",
                   lambda r: [s.find(w("rPr")).append(s.makeelement(w("b"), {}))
                              for s in r.iter(w("style"))
                              if s.get(w("styleId")) == "Normal"])
    assert run("verify", str(warned))[0] == 0
    code, out, _err = run("verify", "--strict", str(warned))
    assert code == 1
    assert "加粗: 警告:" in out


def test_cli_explains_a_file_that_is_not_a_docx(tmp_path: Path, outside: Path) -> None:
    text = tmp_path / "report.doc"
    text.write_bytes(b"\xd0\xcf\x11\xe0 old binary Word")
    code, out, _err = run("verify", str(text), str(tmp_path / "missing.docx"))
    assert code == 1
    header, first, second = out.splitlines()
    assert header == STANDARD
    assert first.startswith(f"{text}: 文件: 读取文件: 错误: {text} 不是 Word 文档（.docx）")
    assert "另存为 .docx" in first
    assert second.endswith("不存在或不是文件")


def test_cli_profiles_are_the_style_presets() -> None:
    command = cli.commands["verify"]
    [option] = [p for p in command.params if p.name == "profile"]
    assert list(option.type.choices) == list(PRESETS)  # type: ignore[attr-defined]


def chars_only_indent(root: Any) -> None:
    count = 0
    for ind in root.iter(w("ind")):
        if ind.get(w("firstLine")) == "0":  # as Word writes an indent cleared in a style
            ind.set(w("firstLineChars"), "0")
        if ind.get(w("firstLine")) == "640":
            del ind.attrib[w("firstLine")]
            ind.set(w("firstLineChars"), "200")
            count += 1
    assert count


def test_an_indent_only_in_characters_is_a_warning(handmade: Path, tmp_path: Path) -> None:
    """LibreOffice 7.4 ignores firstLineChars without firstLine (the line is not indented)."""
    broken = alter(handmade, tmp_path / "chars.docx", "word/styles.xml", chars_only_indent)
    found = [f for f in findings(broken) if f.rule == "para.indent_units"]
    assert found and all(f.severity is Severity.WARNING for f in found)
    assert 'w:firstLine="640"' in found[0].message
    assert "para.indent" not in rules(findings(broken))  # Word shows the right indent


def test_a_truncated_file_is_explained(handmade: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.docx"
    cut.write_bytes(handmade.read_bytes()[:3000])
    [finding] = findings(cut)
    assert finding.rule == "file.read"


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return handmade_docx(tmp_path_factory.mktemp("good") / "good.docx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1,
                      max_size=30))
def test_damaged_files_give_findings_not_tracebacks(good_file: Path,
                                                    flips: list[tuple[int, int]]) -> None:
    data = bytearray(good_file.read_bytes())
    for position, value in flips:
        data[position % len(data)] = value
    damaged = good_file.with_name("damaged.docx")
    damaged.write_bytes(bytes(data))
    found = findings(damaged)  # raises nothing, whatever the damage
    assert all(f.rule and f.message for f in found)


def test_run_in_heading_body_in_the_heading_font(handmade: Path, tmp_path: Path) -> None:
    def drop_body_font(root: Any) -> None:
        for p in root.iter(w("p")):
            runs = p.findall(w("r"))
            text = "".join(t.text or "" for t in p.iter(w("t")))
            if text.startswith("（三）") and len(runs) == 2:
                rpr = runs[1].find(w("rPr"))
                rpr.remove(rpr.find(w("rFonts")))
                return
        raise AssertionError("no run-in heading")

    broken = alter(handmade, tmp_path / "run-in.docx", "word/document.xml", drop_body_font)
    [finding] = errors(broken)
    assert finding.excerpt.startswith("（三）推进儿童福利。")
    assert finding.message == "正文：字体应为 仿宋_GB2312，实为 楷体_GB2312"
