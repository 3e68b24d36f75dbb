"""A correctly formatted report made *without* summarygen's writer, as a colleague's Word file
would be: formatting in styles rather than on runs, indents in twips, a complex PAGE field,
heading numbers typed by hand. ``verify`` must pass it; tests alter it to break one rule at a time.

python-docx is used here, in the tests only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

BODY = ("今年来，县民政局坚持以人民为中心的发展思想，认真落实县委、县政府决策部署，"
        "兜牢民生底线，各项工作取得新进展。")
TITLE = "霍山县民政局2024年上半年工作总结"
ORG = "霍山县民政局"
DATE = "2024年7月5日"


def _fonts(rpr: Any, east_asia: str, latin: str = "Times New Roman") -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(document: Any, name: str, east_asia: str, size: float, centred: bool = False,
           indent: bool = True) -> Any:
    style = document.styles.add_style(name, 1)  # WD_STYLE_TYPE.PARAGRAPH
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = False
    _fonts(style.element.get_or_add_rPr(), east_asia)
    fmt = style.paragraph_format
    fmt.first_line_indent = Twips(640) if indent else Twips(0)
    if centred:
        fmt.alignment = 1  # centre
    return style


def _normal(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr, "仿宋_GB2312")
    spacing = OxmlElement("w:spacing")  # −0.25 pt: 28 characters a line in LibreOffice too
    spacing.set(qn("w:val"), "-5")
    rpr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
                              "w:lang")  # schema order: Word is strict about it
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = 4  # exactly
    fmt.line_spacing = Twips(579)
    fmt.space_before = fmt.space_after = Twips(0)
    fmt.first_line_indent = Twips(640)
    fmt.alignment = 3  # justify
    defaults = document.styles.element.find(qn("w:docDefaults"))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.getparent().remove(spacing)
    # Chinese text tagged Chinese, as Word sets it up for a Chinese user (the template has en-US)
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.left_margin = Twips(2098), Twips(1587)
    section.bottom_margin, section.right_margin = Twips(1984), Twips(1474)
    section.footer_distance = Twips(1446)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    document.settings.odd_and_even_pages_header_footer = True


def _page_field(paragraph: Any) -> None:
    """``— PAGE —`` with a complex field, as Word writes it."""
    def run(kind: str | None = None, text: str | None = None, instr: str | None = None) -> None:
        r = paragraph.add_run(text)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)
        if instr:
            el = OxmlElement("w:instrText")
            el.text = instr
            r._r.append(el)
        r.font.size = Pt(14)
        _fonts(r._r.get_or_add_rPr(), "宋体", "宋体")

    run(text="— ")
    run("begin")
    run(instr=" PAGE ")
    run("separate")
    run(text="1")
    run("end")
    run(text=" —")


def _footers(document: Any) -> None:
    section = document.sections[0]
    for footer, align, side in ((section.footer, 2, "w:right"),
                                (section.even_page_footer, 0, "w:left")):
        paragraph = footer.paragraphs[0]
        paragraph.paragraph_format.alignment = align
        paragraph.paragraph_format.first_line_indent = Twips(0)
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn(side + "Chars"), "100")
        ind.set(qn(side), "280")  # Word writes both; LibreOffice reads only this one
        _page_field(paragraph)


def handmade_docx(path: Path, level_three: str = ".", extra: Sequence[str] = ()) -> Path:
    """Write the report to ``path``; level-three numbers end in ``level_three``; ``extra``
    body paragraphs follow the opening one."""
    document = docx.Document()
    _normal(document)
    _page(document)
    title = _style(document, "公文标题", "方正小标宋简体", 22, centred=True, indent=False)
    heads = [_style(document, f"公文{n}级标题", font, 16)
             for n, font in ((1, "黑体"), (2, "楷体_GB2312"), (3, "仿宋_GB2312"),
                             (4, "仿宋_GB2312"))]
    document.add_paragraph(TITLE, style=title)
    document.add_paragraph("")
    document.add_paragraph(BODY)
    for text in extra:
        document.add_paragraph(text)
    document.add_paragraph("一、主要工作", style=heads[0])
    document.add_paragraph("（一）兜牢社会救助底线", style=heads[1])
    document.add_paragraph(BODY * 2)
    run_in = document.add_paragraph(style=heads[2])
    run_in.add_run(f"1{level_three}强化组织领导。")
    run_in.add_run("1月27日，召开专题党组会。").font.name = None
    document.add_paragraph("（1）健全工作机制", style=heads[3])
    document.add_paragraph(BODY)
    document.add_paragraph("（二）提升养老服务水平", style=heads[1])
    document.add_paragraph(BODY)
    run_in = document.add_paragraph(style=heads[1])  # heading in 楷体, then body in 仿宋
    run_in.add_run("（三）推进儿童福利。")
    _fonts(run_in.add_run(BODY)._r.get_or_add_rPr(), "仿宋_GB2312")
    document.add_paragraph("二、下半年工作打算", style=heads[0])
    document.add_paragraph(BODY)
    document.add_paragraph("")
    for text, right in ((ORG, "200"), (DATE, "0")):  # as long as each other: 7.3.5.2
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.alignment = 2
        paragraph.paragraph_format.first_line_indent = Twips(0)
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:rightChars"), right)
        ind.set(qn("w:right"), str(int(right) * 16 // 5))
    _footers(document)
    props = document.core_properties
    props.author = props.last_modified_by = ORG
    props.title = TITLE
    props.language = "zh-CN"
    props.created = props.modified = dt.datetime(2024, 7, 5)
    document.save(str(path))
    return path
