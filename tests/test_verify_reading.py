"""``verify`` misses nothing and cries no wolf: files re-saved by LibreOffice pass, Latin text in
the wrong font or language, a demoted title line, text after the 成文日期 and a program's name as
author are reported, and a wrong style setting is reported once, at the style."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from docx_edit import alter, w
from handmade import handmade_docx
from test_verify import errors, findings, rules

from summarygen.build import run_build
from summarygen.errors import Severity
from summarygen.verify import expectation, verify_document
from summarygen.verify.model import Expectation

pytestmark = pytest.mark.usefixtures("chinese")
ROOT = Path(__file__).resolve().parents[1]
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def handmade(tmp_path: Path) -> Path:
    return handmade_docx(tmp_path / "handmade.docx")


def paragraph(text: str, style: str | None = None) -> Any:
    from lxml import etree

    style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return etree.fromstring(f'<w:p xmlns:w="{w("")[1:-1]}">{style_xml}<w:r><w:t>{text}</w:t>'
                            "</w:r></w:p>")


def body_paragraphs(root: Any) -> list[Any]:
    return list(root.find(w("body")).iter(w("p")))


def text_of(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


# --- no false alarm ------------------------------------------------------------------------------

def test_hanging_zero_is_no_indent(handmade: Path, tmp_path: Path) -> None:
    """LibreOffice writes a style's cleared first-line indent as ``hanging="0"`` under Normal's
    ``firstLine="640"``: no indent, not 1.45 characters."""
    def hanging_zero(root: Any) -> None:
        style = next(s for s in root.iter(w("style")) if s.find(w("name")).get(w("val"))
                     == "公文标题")
        ind = style.find(f"{w('pPr')}/{w('ind')}")
        ind.attrib.clear()
        ind.set(w("hanging"), "0")

    resaved = alter(handmade, tmp_path / "hanging.docx", "word/styles.xml", hanging_zero)
    assert findings(resaved) == []


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice not installed: run scripts/install-render-tools.sh")
def test_a_report_resaved_by_libreoffice_passes(tmp_path: Path) -> None:
    from summarygen.writer.pdf import _run, require_soffice

    [built] = [p for p in run_build(ROOT, ("zixing",), out=tmp_path / "out").written]
    profile = (tmp_path / "profile").resolve().as_uri()
    _run([require_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
          "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "resaved"), str(built)], 120)
    resaved = tmp_path / "resaved" / built.name
    assert resaved.read_bytes() != built.read_bytes()
    assert [f.format("x") for f in findings(resaved)] == []


# --- missed before -------------------------------------------------------------------------------

def latin_font(font: str, start: str) -> Any:
    def change(root: Any) -> None:
        [p] = [p for p in body_paragraphs(root) if text_of(p).startswith(start)]
        for r in p.iter(w("r")):
            rpr = r.find(w("rPr"))
            if rpr is None:
                rpr = r.makeelement(w("rPr"), {})
                r.insert(0, rpr)
            fonts = rpr.find(w("rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(w("rFonts"), {})
                rpr.insert(0, fonts)
            fonts.set(w("ascii"), font)
            fonts.set(w("hAnsi"), font)
    return change


def test_digits_in_calibri_are_reported(handmade: Path, tmp_path: Path) -> None:
    calibri = alter(handmade, tmp_path / "calibri.docx", "word/document.xml",
                    latin_font("Calibri", "1.强化组织领导"))
    [found] = [f for f in findings(calibri) if f.rule == "font.latin"]
    assert found.severity is Severity.WARNING
    assert found.excerpt.startswith("1.强化组织领导")
    # once for the paragraph, at its first run: the number of the run-in heading
    assert found.message == ("第 3 层标题：西文和数字应使用 Times New Roman（或中文字体），"
                             "实为 Calibri")


def test_digits_in_the_chinese_font_pass(handmade: Path, tmp_path: Path) -> None:
    fangsong = alter(handmade, tmp_path / "fangsong.docx", "word/document.xml",
                     latin_font("仿宋_GB2312", "1.强化组织领导"))
    assert findings(fangsong) == []


def drop_language(root: Any) -> None:
    for element in [e for e in root.iter(f"{DC}language")]:
        element.getparent().remove(element)


def test_a_missing_document_language_is_reported(handmade: Path, tmp_path: Path) -> None:
    no_core_language = alter(handmade, tmp_path / "core.docx", "docProps/core.xml", drop_language)
    [found] = findings(no_core_language)
    assert (found.rule, found.severity) == ("core.language", Severity.WARNING)
    assert found.message == "语言为空，应为 zh-CN"

    def no_lang(root: Any) -> None:
        for lang in list(root.iter(w("lang"))):
            lang.getparent().remove(lang)

    untagged = alter(handmade, tmp_path / "untagged.docx", "word/styles.xml", no_lang)
    [found] = findings(untagged)
    assert (found.rule, found.severity) == ("text.lang", Severity.WARNING)
    assert found.message.startswith("未设置中文文字的语言（w:lang w:eastAsia，")


def test_latin_text_tagged_chinese_is_reported(handmade: Path, tmp_path: Path) -> None:
    def chinese_latin(root: Any) -> None:
        for lang in root.iter(w("lang")):
            lang.set(w("val"), "zh-CN")

    tagged = alter(handmade, tmp_path / "tagged.docx", "word/styles.xml", chinese_latin)
    [found] = findings(tagged)
    assert found.rule == "text.lang"
    assert "60|7人" in found.message and "en-US" in found.message


def test_a_second_title_line_set_as_body_text_is_reported(handmade: Path,
                                                         tmp_path: Path) -> None:
    def demote(root: Any) -> None:
        title = body_paragraphs(root)[0]
        title.addnext(paragraph("及下半年工作安排"))

    demoted = alter(handmade, tmp_path / "demoted.docx", "word/document.xml", demote)
    found = {(f.rule, f.paragraph) for f in errors(demoted)}
    assert {("title.align", 2), ("font.size", 2), ("font.name", 2)} <= found


def test_a_short_first_body_paragraph_is_no_title_line(handmade: Path, tmp_path: Path) -> None:
    """After the blank line it is body text (a 主送机关 line ends in a colon anyway)."""
    def salutation(root: Any) -> None:
        body_paragraphs(root)[1].addnext(paragraph("县人民政府："))

    assert "title.align" not in rules(findings(alter(
        handmade, tmp_path / "salutation.docx", "word/document.xml", salutation)))


def append(text: str) -> Any:
    def change(root: Any) -> None:
        body_paragraphs(root)[-1].addnext(paragraph(text))
    return change


def test_text_after_the_date_keeps_the_signature_checked(handmade: Path,
                                                         tmp_path: Path) -> None:
    def wrong_org_indent(root: Any) -> None:
        [org] = [p for p in body_paragraphs(root) if text_of(p) == "霍山县民政局"]
        org.find(f"{w('pPr')}/{w('ind')}").set(w("rightChars"), "600")
        org.find(f"{w('pPr')}/{w('ind')}").set(w("right"), "1920")

    moved = alter(handmade, tmp_path / "moved.docx", "word/document.xml", wrong_org_indent)
    appended = alter(moved, tmp_path / "appended.docx", "word/document.xml",
                     append("内容由某软件生成"))
    found = {f.rule: f for f in findings(appended)}
    assert "signature.indent" in found  # still checked
    after = found["signature.after"]
    assert (after.excerpt, after.severity) == ("内容由某软件生成", Severity.WARNING)
    note = alter(handmade, tmp_path / "note.docx", "word/document.xml", append("（此件公开发布）"))
    assert findings(note) == []


def with_author(author: str) -> Any:
    def change(root: Any) -> None:
        root.find(f"{DC}creator").text = author
    return change


@pytest.mark.parametrize(("author", "rule_found"), [
    ("霍山县民政局", False),
    ("Administrator", True),
    ("docx4j", True),
    ("python-docx", True),
    ("apache-poi", True),
])
def test_an_author_that_names_a_program_is_reported(handmade: Path, tmp_path: Path,
                                                    author: str, rule_found: bool) -> None:
    changed = alter(handmade, tmp_path / "a.docx", "docProps/core.xml", with_author(author))
    assert ("core.creator" in rules(findings(changed))) is rule_found


def test_an_author_other_than_the_known_organisation_is_reported(handmade: Path) -> None:
    knows = Expectation(expectation().profile, organisation="资兴市民政局")
    [found] = verify_document(handmade, knows)
    assert found.rule == "core.creator"
    assert found.message == "作者为“霍山县民政局”，应为发文单位“资兴市民政局”"
    same = Expectation(expectation().profile, organisation="霍山县民政局")
    assert verify_document(handmade, same) == []


# --- no noise ------------------------------------------------------------------------------------

def spacing_580(root: Any) -> None:
    for spacing in root.iter(w("spacing")):
        if spacing.get(w("line")) == "579":
            spacing.set(w("line"), "580")


def test_a_wrong_style_setting_is_reported_once_at_the_style(handmade: Path,
                                                            tmp_path: Path) -> None:
    """Line spacing set wrong in Normal, on which every style is based: one finding, at Normal,
    counting the paragraphs it affects (each body paragraph of the file, empty ones too)."""
    broken = alter(handmade, tmp_path / "580.docx", "word/styles.xml", spacing_580)
    [found] = [f for f in findings(broken) if f.rule == "line.spacing"]
    assert found.paragraph is None
    assert found.where() == "样式“Normal”，共 17 段（第一段：第1段「霍山县民政局2024年上…」）"
    assert found.format("x") == (
        "x: 样式“Normal”，共 17 段（第一段：第1段「霍山县民政局2024年上…」）: 行距: "
        "错误: 行距应为固定值 28.95 磅（579），每页 22 行；实为固定值 29 磅（580）")


def test_a_wrong_paragraph_setting_is_reported_at_the_paragraph(handmade: Path,
                                                               tmp_path: Path) -> None:
    def direct(root: Any) -> None:
        p = next(p for p in body_paragraphs(root) if text_of(p).startswith("今年来"))
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = p.makeelement(w("pPr"), {})
            p.insert(0, ppr)
        ppr.append(ppr.makeelement(w("spacing"), {w("line"): "600", w("lineRule"): "exact"}))

    broken = alter(handmade, tmp_path / "direct.docx", "word/document.xml", direct)
    [found] = findings(broken)
    assert (found.rule, found.paragraph) == ("line.spacing", 3)
