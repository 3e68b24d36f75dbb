"""The DOCX writer follows GB/T 9704-2012 (docs/gbt9704.md), as a reader of the file sees it.

Each test builds a document tree, writes it, and reads the bytes back with python-docx and lxml.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from summarygen.document.style import PRESETS, StyleProfile
from summarygen.document.tree import Document, Heading, Metadata, Numberer, Paragraph, Signature
from summarygen.writer.base import base_package
from summarygen.writer.docx import write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CREATED = dt.datetime(2024, 7, 5, 9, 30, 0)
BODY = "今年以来，全县民政系统坚持以人民为中心的发展思想，扎实推进各项民政工作。"

# Schema order (ECMA-376 CT_RPr / CT_PPrBase) of the children these files use.
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
             "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
             "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
             "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
             "lang", "eastAsianLayout", "specVanish", "oMath"]
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
             "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
             "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
             "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def make_document(level_one: int = 3, signature: Signature | None = None,
                  title: tuple[str, ...] = ("某县民政局关于2024年上半年", "民政工作总结"),
                  ) -> Document:
    """A report with headings of every level, a run-in heading and body paragraphs."""
    numberer = Numberer()
    blocks: list[Heading | Paragraph] = [Paragraph(BODY)]
    for i in range(level_one):
        blocks.append(Heading(1, f"第{i + 1}部分工作", numberer.next(1)))
        if i == 0:
            blocks.append(Heading(2, "疫情防控工作。", numberer.next(2), body="一是快速应对。"))
            blocks.append(Heading(3, "低保提标扩面", numberer.next(3)))
            blocks.append(Heading(4, "城市低保", numberer.next(4)))
        blocks.append(Paragraph(BODY * 2))
    return Document(title=title, blocks=tuple(blocks),
                    metadata=Metadata("某县民政局2024年上半年工作总结", "某县民政局", CREATED),
                    signature=signature)


def style_name(paragraph: DocxParagraph) -> str:
    assert paragraph.style is not None
    return str(paragraph.style.name)


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts_of(data)[name])


def style_element(data: bytes, style_id: str) -> etree._Element:
    found = xml(data, "word/styles.xml").find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def attr(element: etree._Element | None, path: str, name: str) -> str | None:
    assert element is not None
    child = element.find(path, NS)
    return None if child is None else child.get(w(name))


@pytest.fixture(scope="module")
def written() -> bytes:
    return write_docx(make_document(signature=Signature("某县民政局", dt.date(2024, 7, 5))),
                      StyleProfile())


# --- page -----------------------------------------------------------------------------------

def test_page_is_a4_with_the_standard_margins(written: bytes) -> None:
    sect = xml(written, "word/document.xml").find("w:body/w:sectPr", NS)
    assert attr(sect, "w:pgSz", "w") == "11906"
    assert attr(sect, "w:pgSz", "h") == "16838"
    margins = {k: attr(sect, "w:pgMar", k) for k in ("top", "left", "bottom", "right", "gutter")}
    assert margins == {"top": "2098", "left": "1587", "bottom": "1984", "right": "1474",
                       "gutter": "0"}
    # 25.1 mm: the page number's dashes 7 mm below the text block (measured in
    # test_rendered_reports.py)
    assert attr(sect, "w:pgMar", "footer") == "1424"


def test_grid_has_22_lines_of_exact_579_twips(written: bytes) -> None:
    sect = xml(written, "word/document.xml").find("w:body/w:sectPr", NS)
    assert attr(sect, "w:docGrid", "type") == "lines"
    assert attr(sect, "w:docGrid", "linePitch") == "579"
    for style_id in ("Normal", "Heading1", "Heading2", "Heading3", "Heading4", "SummaryTitle"):
        spacing = style_element(written, style_id).find("w:pPr/w:spacing", NS)
        assert spacing is not None, style_id
        assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("579", "exact")
        assert (spacing.get(w("before")), spacing.get(w("after"))) == ("0", "0")


def test_normal_has_character_spacing_minus_a_quarter_point(written: bytes) -> None:
    assert attr(style_element(written, "Normal"), "w:rPr/w:spacing", "val") == "-5"


def test_normal_writes_hanging_punctuation_out(written: bytes) -> None:
    """Word's default, written so that LibreOffice, reading it the other way round, does not
    hang (and lose) a closing mark after a full line."""
    assert attr(style_element(written, "Normal"), "w:pPr/w:overflowPunct", "val") == "1"


# --- fonts, sizes, colour ----------------------------------------------------------------------

@pytest.mark.parametrize(("style_id", "font", "size"), [
    ("Normal", "仿宋_GB2312", "32"),
    ("Heading1", "黑体", "32"),
    ("Heading2", "楷体_GB2312", "32"),
    ("Heading3", "仿宋_GB2312", "32"),
    ("Heading4", "仿宋_GB2312", "32"),
    ("SummaryTitle", "方正小标宋简体", "44"),
])
def test_each_style_has_its_east_asian_font_and_size(written: bytes, style_id: str, font: str,
                                                     size: str) -> None:
    style = style_element(written, style_id)
    assert attr(style, "w:rPr/w:rFonts", "eastAsia") == font
    # The title's digits in 小标宋 like its characters, the others' in Times New Roman.
    latin = font if style_id == "SummaryTitle" else "Times New Roman"
    assert attr(style, "w:rPr/w:rFonts", "ascii") == latin
    assert attr(style, "w:rPr/w:rFonts", "hAnsi") == latin
    assert attr(style, "w:rPr/w:sz", "val") == size
    assert attr(style, "w:rPr/w:szCs", "val") == size


def test_defaults_are_chinese_and_override_the_template(written: bytes) -> None:
    defaults = xml(written, "word/styles.xml").find("w:docDefaults", NS)
    assert attr(defaults, "w:rPrDefault/w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(defaults, "w:rPrDefault/w:rPr/w:lang", "eastAsia") == "zh-CN"
    # Latin text tagged English: tagged Chinese, LibreOffice breaks numbers across lines.
    assert attr(defaults, "w:rPrDefault/w:rPr/w:lang", "val") == "en-US"
    assert attr(defaults, "w:rPrDefault/w:rPr/w:sz", "val") == "32"
    assert attr(defaults, "w:pPrDefault/w:pPr/w:spacing", "after") == "0"
    assert attr(defaults, "w:pPrDefault/w:pPr/w:spacing", "line") == "579"
    settings = xml(written, "word/settings.xml")
    assert attr(settings, "w:themeFontLang", "eastAsia") == "zh-CN"


def test_no_theme_font_anywhere(written: bytes) -> None:
    for name, data in parts_of(written).items():
        if name.startswith("word/") and name.endswith(".xml") and "theme/" not in name:
            for element in etree.fromstring(data).iter():
                themed = [a for a in element.attrib if "theme" in etree.QName(a).localname.lower()]
                assert not themed, (name, themed)


def test_no_colour_but_auto(written: bytes) -> None:
    for name, data in parts_of(written).items():
        if name.startswith("word/") and name.endswith(".xml") and "theme/" not in name:
            for color in etree.fromstring(data).iter(w("color")):
                assert color.get(w("val")) in ("auto", "000000"), name


def test_headings_are_not_bold_nor_italic_and_keep_with_next(written: bytes) -> None:
    for level in range(1, 5):
        style = style_element(written, f"Heading{level}")
        assert attr(style, "w:rPr/w:b", "val") == "0"
        assert attr(style, "w:rPr/w:bCs", "val") == "0"
        assert style.find("w:rPr/w:i", NS) is None
        assert style.find("w:pPr/w:keepNext", NS) is not None
        assert attr(style, "w:pPr/w:outlineLvl", "val") == str(level - 1)


def test_body_and_headings_indent_the_first_line_two_characters(written: bytes) -> None:
    for style_id in ("Normal", "Heading1", "Heading4"):
        style = style_element(written, style_id)
        assert attr(style, "w:pPr/w:ind", "firstLineChars") == "200"
        assert attr(style, "w:pPr/w:ind", "firstLine") == "640"
        assert attr(style, "w:pPr/w:jc", "val") == "both"


def test_windows_preset_names_fonts_without_gb2312() -> None:
    data = write_docx(make_document(), PRESETS["windows"])
    assert attr(style_element(data, "Normal"), "w:rPr/w:rFonts", "eastAsia") == "仿宋"
    assert attr(style_element(data, "Heading2"), "w:rPr/w:rFonts", "eastAsia") == "楷体"
    for name in ("word/styles.xml", "word/document.xml"):
        assert b"_GB2312" not in parts_of(data)[name]


# --- text -----------------------------------------------------------------------------------

def test_run_in_heading_is_one_paragraph_in_two_fonts(written: bytes) -> None:
    paragraphs = docx.Document(io.BytesIO(written)).paragraphs
    run_in = [p for p in paragraphs if p.text.startswith("（一）")]
    assert [p.text for p in run_in] == ["（一）疫情防控工作。一是快速应对。"]
    paragraph = run_in[0]
    assert style_name(paragraph) == "Heading 2"
    # It carries body text: a chain of run-in paragraphs must not be kept on one page.
    assert attr(paragraph._p, "w:pPr/w:keepNext", "val") == "0"
    heading_run, body_run = paragraph.runs
    assert heading_run.text == "（一）疫情防控工作。"
    assert heading_run._r.find("w:rPr/w:rFonts", NS) is None  # the style's: 楷体_GB2312
    assert attr(body_run._r, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(style_element(written, "Heading2"), "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"


def test_twelve_level_one_headings_are_numbered_in_chinese() -> None:
    data = write_docx(make_document(level_one=12), StyleProfile())
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    texts = [p.text for p in paragraphs if style_name(p) == "Heading 1"]
    numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    assert texts == [f"{n}、第{i}部分工作" for i, n in enumerate(numbers, 1)]


def test_headings_of_every_level_use_the_builtin_heading_styles(written: bytes) -> None:
    paragraphs = docx.Document(io.BytesIO(written)).paragraphs
    by_style = {style_name(p): p.text for p in paragraphs if style_name(p).startswith("Heading")}
    assert by_style["Heading 3"] == "1.低保提标扩面"
    assert by_style["Heading 4"] == "（1）城市低保"


def test_title_lines_are_centred_in_a_custom_style_then_a_blank_line(written: bytes) -> None:
    paragraphs = docx.Document(io.BytesIO(written)).paragraphs
    assert [p.text for p in paragraphs[:3]] == ["某县民政局关于2024年上半年", "民政工作总结", ""]
    assert {style_name(p) for p in paragraphs[:2]} == {"Summary Title"}
    assert style_name(paragraphs[2]) == "Normal"
    style = style_element(written, "SummaryTitle")
    assert attr(style, "w:pPr/w:jc", "val") == "center"
    assert attr(style, "w:pPr/w:ind", "firstLineChars") == "0"
    assert attr(style, "w:basedOn", "val") == "Normal"
    styles = xml(written, "word/styles.xml")
    assert styles.find("w:style[@w:styleId='Title']", NS) is None


def test_text_is_escaped_and_control_characters_dropped() -> None:
    document = make_document()
    document = Document(document.title, (Paragraph("A<B>&C\x01D"),), document.metadata)
    paragraphs = docx.Document(io.BytesIO(write_docx(document, StyleProfile()))).paragraphs
    assert paragraphs[-1].text == "A<B>&CD"


# --- signature ------------------------------------------------------------------------------

def _signature_paragraphs(data: bytes) -> list[etree._Element]:
    body = xml(data, "word/document.xml").find("w:body", NS)
    assert body is not None
    paragraphs: list[etree._Element] = body.findall("w:p", NS)
    return paragraphs[-3:]


def _chars(paragraph: etree._Element, side: str) -> float:
    value = attr(paragraph, "w:pPr/w:ind", f"{side}Chars")
    twips = attr(paragraph, "w:pPr/w:ind", side)
    assert value is not None and twips is not None
    assert abs(int(twips) - int(value) / 100 * 320) <= 2  # Word reads one, LibreOffice the other
    return int(value) / 100


CHAR = 315 / 320  # one printed character (16 pt less the −0.25 pt spacing), in indent units
LINE = 8845 / 320  # the text block's width in indent units


@pytest.mark.parametrize(("organisation", "org_right"), [
    ("合肥市民政局", 2.0),          # as wide as the date (3 + 6 × ½)
    ("霍山县人民政府办公室", 2.0),  # longer: the date starts under its third character
    ("某县民政局", 5.0),            # shorter than the date: date 2 from the right, 7.3.5.2
])
def test_signature_date_starts_two_characters_right_of_the_organisation(
        organisation: str, org_right: float) -> None:
    document = make_document(signature=Signature(organisation, dt.date(2024, 7, 5)))
    blank, org, date = _signature_paragraphs(write_docx(document, StyleProfile()))
    assert "".join(blank.itertext()) == ""
    assert "".join(org.itertext()) == organisation
    assert "".join(date.itertext()) == "2024年7月5日"
    assert attr(org, "w:pPr/w:jc", "val") == "right"
    assert _chars(org, "right") == org_right
    # The date is placed by where it starts (LibreOffice widens it with space around the
    # digits, so its end is not a reliable anchor), with room to the right to never wrap.
    assert attr(date, "w:pPr/w:jc", "val") == "left"
    org_start = LINE - org_right - len(organisation) * CHAR
    assert abs(_chars(date, "left") - (org_start + 2 * CHAR)) < 0.02
    assert _chars(date, "right") < 0
    for paragraph in (org, date):
        # Digits count as half a character only without Word's space around them.
        assert attr(paragraph, "w:pPr/w:autoSpaceDN", "val") == "0"


def test_signature_is_kept_with_the_last_lines_of_the_text() -> None:
    """GB/T 9704 7.3.5: never a page holding only the signature. The blank line and the
    organisation keep with the next paragraph, and so does the text's last paragraph, whose
    widow control brings at least two of its lines along."""
    data = write_docx(make_document(signature=Signature("某县民政局", dt.date(2024, 7, 5))),
                      StyleProfile())
    body = xml(data, "word/document.xml").find("w:body", NS)
    assert body is not None
    *_, before, last, blank, org, date = body.findall("w:p", NS)
    for paragraph in (last, blank, org):
        keep = paragraph.find("w:pPr/w:keepNext", NS)
        assert keep is not None and keep.get(w("val"), "1") != "0"
    assert attr(last, "w:pPr/w:widowControl", "val") == "1"
    assert date.find("w:pPr/w:keepNext", NS) is None
    assert before.find("w:pPr/w:keepNext", NS) is None  # only the last one is kept


def test_no_signature_nothing_is_kept() -> None:
    body = xml(write_docx(make_document(), StyleProfile()), "word/document.xml")
    assert not [p for p in body.iter(w("p"))
                if p.find("w:pPr/w:widowControl", NS) is not None]


# --- page numbers ---------------------------------------------------------------------------

def test_page_numbers_right_on_odd_pages_and_left_on_even(written: bytes) -> None:
    assert xml(written, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    section = docx.Document(io.BytesIO(written)).sections[0]
    for footer, side, jc in ((section.footer, "right", "right"),
                             (section.even_page_footer, "left", "left")):
        assert not footer.is_linked_to_previous
        (paragraph,) = footer.paragraphs
        p = paragraph._p
        assert attr(p, "w:pPr/w:jc", "val") == jc
        assert attr(p, "w:pPr/w:ind", f"{side}Chars") == "100"
        assert attr(p, "w:pPr/w:ind", side) == "320"
        assert [t.strip() for t in p.itertext(w("instrText"))] == ["PAGE"]
        kinds = [f.get(w("fldCharType")) for f in p.iter(w("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert paragraph.text == "— 1 —"
        for run in p.iter(w("r")):
            assert attr(run, "w:rPr/w:rFonts", "eastAsia") == "宋体"
            assert attr(run, "w:rPr/w:rFonts", "ascii") == "宋体"
            assert attr(run, "w:rPr/w:sz", "val") == "28"
    footer_style = style_element(written, "Footer")
    assert attr(footer_style, "w:pPr/w:ind", "firstLineChars") == "0"


# --- package --------------------------------------------------------------------------------

def test_core_properties_are_the_metadata(written: bytes) -> None:
    core = docx.Document(io.BytesIO(written)).core_properties
    assert core.title == "某县民政局2024年上半年工作总结"
    assert core.author == core.last_modified_by == "某县民政局"
    expected = CREATED.replace(tzinfo=dt.timezone.utc)
    assert core.created == core.modified == expected
    assert core.language == "zh-CN"
    assert core.revision == 1
    for name, data in parts_of(written).items():
        if name.startswith("docProps/"):
            assert b"python-docx" not in data, name
    assert b"<Application>summarygen</Application>" in parts_of(written)["docProps/app.xml"]


def test_aware_creation_time_is_written_in_utc() -> None:
    document = make_document()
    beijing = dt.timezone(dt.timedelta(hours=8))
    metadata = Metadata("t", "a", dt.datetime(2024, 7, 5, 17, 30, tzinfo=beijing))
    data = write_docx(Document(document.title, document.blocks, metadata), StyleProfile())
    assert b"2024-07-05T09:30:00Z" in parts_of(data)["docProps/core.xml"]


def test_same_document_gives_the_same_bytes() -> None:
    document = make_document(signature=Signature("某县民政局", dt.date(2024, 7, 5)))
    first = write_docx(document, StyleProfile())
    base_package.cache_clear()  # the base package too is rebuilt identically
    assert write_docx(document, StyleProfile()) == first


def test_zip_entries_carry_the_build_time_clamped_to_1980() -> None:
    document = make_document()
    old = Document(document.title, document.blocks,
                   Metadata("t", "a", dt.datetime(1970, 1, 1)))
    for doc, stamp in ((document, (2024, 7, 5, 9, 30, 0)), (old, (1980, 1, 1, 0, 0, 0))):
        with zipfile.ZipFile(io.BytesIO(write_docx(doc, StyleProfile()))) as archive:
            infos = archive.infolist()
        assert {i.date_time for i in infos} == {stamp}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert infos[0].filename == "[Content_Types].xml"


def test_package_opens_and_every_part_parses(written: bytes) -> None:
    docx.Document(io.BytesIO(written))
    for name, data in parts_of(written).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data)


def test_properties_are_in_schema_order(written: bytes) -> None:
    parts = parts_of(written)
    names = ["word/styles.xml", "word/document.xml",
             *(n for n in parts if n.startswith("word/footer"))]
    for name in names:
        root = etree.fromstring(parts[name])
        for tag, order in (("rPr", RPR_ORDER), ("pPr", PPR_ORDER)):
            for props in root.iter(w(tag)):
                children = [etree.QName(c).localname for c in props]
                positions = [order.index(c) for c in children]
                assert positions == sorted(positions), (name, children)
    heading = style_element(written, "Heading1").find("w:rPr", NS)
    assert heading is not None
    assert [etree.QName(c).localname for c in heading] == ["rFonts", "b", "bCs", "sz", "szCs"]
