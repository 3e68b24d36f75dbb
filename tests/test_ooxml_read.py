"""Reading effective formatting from DOCX parts written by hand, as other programs write them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from summarygen.ooxml import PAGE_FIELD, DocxFile, DocxReadError, Font, read_docx
from summarygen.ooxml.numbering import Numbering, format_number

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

STYLES = f"""<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr>
  <w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>
  <w:sz w:val="21"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr>
  </w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>
  <w:pPr><w:spacing w:after="0" w:line="579" w:lineRule="exact"/>
    <w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>
  <w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:outlineLvl w:val="0"/><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:color w:val="2E74B5"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/>
  <w:pPr><w:outlineLvl w:val="1"/><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>
  <w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="strong"><w:name w:val="Strong"/>
  <w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""

THEME = f"""<a:theme {NS}><a:themeElements><a:fontScheme>
<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/>
  <a:font script="Hans" typeface="等线 Light"/></a:majorFont>
<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>
  <a:font script="Jpan" typeface="ＭＳ 明朝"/><a:font script="Hans" typeface="等线"/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""

NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

BODY = """
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>工作开展情况</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>社会救助</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>养老服务</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>存在问题</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>资金不足</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rStyle w:val="strong"/><w:rFonts w:eastAsia="黑体"/></w:rPr>
  <w:t>重点</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>
  <w:ins><w:r><w:t>插入的</w:t></w:r></w:ins><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"
  w:eastAsia="仿宋" w:eastAsiaTheme="minorEastAsia"/></w:rPr><w:t>主题</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格里</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sectPr><w:footerReference w:type="default" r:id="rIdF"/>
  <w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:left="1587" w:bottom="1984"
  w:right="1474" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"""

FOOTER = f"""<w:ftr {NS}><w:p><w:pPr><w:jc w:val="right"/></w:pPr>
<w:r><w:t xml:space="preserve">— </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT</w:instrText>
</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>
<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r>
</w:p><w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p></w:ftr>"""


def write_docx(path: Path, body: str = BODY, lang: str = "zh-CN") -> Path:
    def rel(rid: str, kind: str, target: str) -> str:
        return f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>'

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}">'
                   + rel("r1", "officeDocument", "word/main.xml") + "</Relationships>")
        z.writestr("word/_rels/main.xml.rels", f'<Relationships xmlns="{PKG}">'
                   + rel("rS", "styles", "styles.xml") + rel("rT", "theme", "theme/theme1.xml")
                   + rel("rN", "numbering", "numbering.xml")
                   + rel("rSet", "settings", "settings.xml")
                   + rel("rIdF", "footer", "footer1.xml") + "</Relationships>")
        z.writestr("word/main.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/theme/theme1.xml", THEME)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/settings.xml", f'<w:settings {NS}><w:evenAndOddHeaders/>'
                   f'<w:themeFontLang w:val="en-US" w:eastAsia="{lang}"/></w:settings>')
        z.writestr("word/footer1.xml", FOOTER)
    return path


@pytest.fixture
def document(tmp_path: Path) -> DocxFile:
    return read_docx(write_docx(tmp_path / "other.docx"))


def test_automatic_numbering_is_shown_as_word_shows_it(document: DocxFile) -> None:
    texts = [p.text for p in document.paragraphs[:5]]
    assert texts == ["一、工作开展情况", "（一）社会救助", "（二）养老服务", "二、存在问题",
                     "（一）资金不足"]


def test_style_chain_decides_fonts_bold_and_colour(document: DocxFile) -> None:
    heading2 = document.paragraphs[1]
    fmt = heading2.runs[0].format
    assert fmt.fonts["eastAsia"] == Font("楷体_GB2312")
    assert (fmt.size, fmt.bold, fmt.color) == (32, False, "2E74B5")  # colour from heading 1
    assert heading2.format.outline_level == 1
    assert heading2.format.spacing == {"after": "0", "line": "579", "lineRule": "exact"}
    assert heading2.format.ind == {"firstLineChars": 200, "firstLine": 640}


def test_run_style_direct_fonts_theme_and_tracked_changes(document: DocxFile) -> None:
    para = document.paragraphs[5]
    assert para.text == "重点插入的主题"  # deleted text is not shown
    strong, inserted, themed = para.runs
    assert strong.format.bold and strong.format.fonts["eastAsia"] == Font("黑体")
    assert inserted.format.fonts["eastAsia"] == Font("仿宋_GB2312")
    # within one element the theme attribute wins; zh-CN picks the theme's Hans font
    assert themed.format.fonts["eastAsia"] == Font("等线", "minorEastAsia")
    assert themed.format.fonts["ascii"] == Font("Times New Roman")
    assert strong.format.fonts["ascii"] == Font("Calibri", "minorHAnsi")


def test_theme_font_follows_the_theme_language(tmp_path: Path) -> None:
    japanese = read_docx(write_docx(tmp_path / "ja.docx", lang="ja-JP"))
    [_s, _i, themed] = japanese.paragraphs[5].runs
    assert themed.format.fonts["eastAsia"] == Font("ＭＳ 明朝", "minorEastAsia")


def test_tables_sections_footers_and_settings(document: DocxFile) -> None:
    cell = document.paragraphs[6]
    assert (cell.text, cell.in_table) == ("表格里", True)
    [section] = document.sections
    assert section.page == {"w": "11906", "h": "16838"}
    assert section.grid == {"type": "lines", "linePitch": "579"}
    complex_field, simple_field = section.footers["default"]
    assert complex_field.text == f"— {PAGE_FIELD} —"  # the cached "7" is not text
    assert complex_field.format.jc == "right"
    assert simple_field.text == PAGE_FIELD
    assert document.even_and_odd


def test_a_zip_without_a_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DocxReadError) as failure:
        read_docx(path)
    assert "没有 Word 文档正文部分" in failure.value.message


def test_broken_xml_is_refused_with_the_part_named(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bad.docx", body="<w:p>")
    with pytest.raises(DocxReadError) as failure:
        read_docx(path)
    assert "word/main.xml" in failure.value.message


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (12, "chineseCounting", "十二"), (3, "decimal", "3"), (3, "decimalFullWidth", "３"),
    (4, "decimalZero", "04"), (1, "bullet", "")])
def test_number_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def test_numbering_without_a_part_gives_no_label() -> None:
    assert Numbering(None).label("1", 0) == ""
