"""WordprocessingML as strings: the namespaces, the measures of the GB/T layout in twips, and
the fragments (paragraphs, runs and their properties, children in schema order) that the report
writer (:mod:`summarygen.writer.docx`) and the base package (:mod:`summarygen.writer.base`) are
made of.
"""

from __future__ import annotations

import re

from summarygen.document.style import StyleProfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"

HEADER_DISTANCE = 851  # 15 mm; there is no header, Word only needs a value
# 25.1 mm: the `— 1 —` line's middle, where the dashes are, 7 mm below the text block (measured
# in LibreOffice's PDF; 1446 twips put it at 6.6 mm).
FOOTER_DISTANCE = 1424
# −0.25 pt of letter spacing: with the 579-twip grid this was measured to give 28 characters a
# line in LibreOffice (27 without it); 28 × 15.75 pt ≤ 442.2 pt, so Word should agree.
CHAR_SPACING = -5
# Latin text tagged Chinese lets LibreOffice break numbers across lines (`60|7人`).
LANGUAGES = ("en-US", "zh-CN")
FOOTER_LINE = 400  # exact 20 pt: room for 14 pt digits, below the 538 twips the margin leaves

TITLE_STYLE = "SummaryTitle"
# Characters XML 1.0 cannot carry (and lone surrogates, which UTF-8 cannot): dropped from text.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
# (xml.sax.saxutils would do the same, but importing it imports urllib: 15 ms of a build.)


def escaped(text: str) -> str:
    """Character data: ``&``, ``<`` and ``>`` escaped.

    >>> escaped("A&B <1>")
    'A&amp;B &lt;1&gt;'
    """
    return NOT_XML.sub("", text).translate(_ESCAPES)


def attr(value: str) -> str:
    """An attribute value in double quotes (as ``xml.sax.saxutils.quoteattr`` writes it when the
    value has no double quote).

    >>> attr('a "b" & c')
    '"a &quot;b&quot; &amp; c"'
    """
    return '"' + NOT_XML.sub("", value).translate(_ATTR_ESCAPES) + '"'


def p(ppr: str = "", runs: str = "") -> str:
    return f"<w:p>{ppr}{runs}</w:p>" if ppr or runs else "<w:p/>"


def r(text: str, rpr: str = "") -> str:
    """A run; line feeds in the text become line breaks, tabs become tabs."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escaped(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def rfonts(latin: str, east_asian: str) -> str:
    return (f"<w:rFonts w:ascii={attr(latin)} w:hAnsi={attr(latin)} "
            f"w:eastAsia={attr(east_asian)} w:cs={attr(latin)}/>")


def rpr(rfonts: str = "", *, bold: bool | None = None, spacing: int | None = None,
         size: int | None = None, lang: tuple[str, str] | None = None) -> str:
    """Run properties in schema order (rFonts, b, bCs, …, spacing, …, sz, szCs, …, lang)."""
    children = [rfonts]
    if bold is not None:
        children.append(f'<w:b w:val="{int(bold)}"/><w:bCs w:val="{int(bold)}"/>')
    if spacing is not None:
        children.append(f'<w:spacing w:val="{spacing}"/>')
    if size is not None:
        children.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if lang is not None:  # (Latin text's language, Chinese text's)
        children.append(f'<w:lang w:val="{lang[0]}" w:eastAsia="{lang[1]}"/>')
    return f"<w:rPr>{''.join(children)}</w:rPr>"


def ppr(*, style: str | None = None, keep_next: bool | None = None, keep_lines: bool = False,
         widow_control: bool | None = None, overflow_punct: bool | None = None,
         auto_space: bool = True, snap_to_grid: bool = True,
         line: int | None = None, ind: str = "", jc: str | None = None,
         outline: int | None = None) -> str:
    """Paragraph properties in schema order (pStyle, keepNext, keepLines, widowControl,
    overflowPunct, autoSpaceDE, autoSpaceDN, snapToGrid, spacing, ind, jc, outlineLvl)."""
    children = []
    if style is not None:
        children.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next is not None:
        children.append("<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>')
    if keep_lines:
        children.append("<w:keepLines/>")
    if widow_control is not None:
        children.append(f'<w:widowControl w:val="{int(widow_control)}"/>')
    if overflow_punct is not None:
        children.append(f'<w:overflowPunct w:val="{int(overflow_punct)}"/>')
    if not auto_space:
        children.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if not snap_to_grid:
        children.append('<w:snapToGrid w:val="0"/>')
    if line is not None:
        children.append(f'<w:spacing w:before="0" w:after="0" w:line="{line}" '
                        'w:lineRule="exact"/>')
    children.append(ind)
    if jc is not None:
        children.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        children.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr>{''.join(children)}</w:pPr>"


def ind(*, first_line_chars: float = 0, left_chars: float | None = None,
         right_chars: float | None = None, char_twips: int) -> str:
    """An indent in characters (hundredths, which Word uses) with the twips other readers use;
    an explicit zero first line cancels the body's two-character indent."""
    attrs = []
    for name, chars in (("left", left_chars), ("right", right_chars),
                        ("firstLine", first_line_chars)):
        if chars is not None:
            attrs.append(f'w:{name}Chars="{round(chars * 100)}" '
                         f'w:{name}="{round(chars * char_twips)}"')
    return f"<w:ind {' '.join(attrs)}/>"


def heading_style(level: int) -> str:
    if not 1 <= level <= 4:
        raise ValueError(f"heading level {level} is not 1 to 4")
    return f"Heading{level}"


def char_twips(style: StyleProfile) -> int:
    """One body character (the unit GB/T indents count in), in twips."""
    return round(style.body_size_pt * 20)


def half_points(size_pt: float) -> int:
    return round(size_pt * 2)
