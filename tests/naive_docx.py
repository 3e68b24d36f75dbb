"""DOCX files written naively with python-docx, as a colleague's program would: one paragraph a
line of text, nothing of the official format; optionally with Word's automatic numbering
(``w:numPr``) instead of typed heading numbers. python-docx is used here, in the tests only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Levels of Word's multilevel list: 一、 （一） 1. （1）
_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
           ("decimal", "（%4）"))
TYPED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]|（\d+）)")


def naive_docx(path: Path, lines: Sequence[str], title: Sequence[str] = ()) -> Path:
    """``title`` lines centred and large, then one plain paragraph a line."""
    document = docx.Document()
    for line in title:
        paragraph = document.add_paragraph()
        paragraph.alignment = 1
        run = paragraph.add_run(line)
        run.font.size = docx.shared.Pt(22)
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _abstract_num(level_three: str) -> Any:
    forms = [*_LEVELS[:2], ("decimal", "%3" + level_three), _LEVELS[3]]
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(forms))
    return parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}'
                     "</w:abstractNum>")


def numbered_docx(path: Path, lines: Sequence[str], title: Sequence[str] = ()) -> Path:
    """Like :func:`naive_docx`, but each heading's typed number (``一、`` ``（一）`` ``1.``)
    becomes automatic numbering: the number is removed from the text and the paragraph gets
    ``w:numPr`` at its level, so Word (and the reader) shows the same number (level three in
    the punctuation the lines type, ``1.`` or ``1、``)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    dun = any(re.match(r"^\d+、", line) for line in lines)
    numbering.insert(0, _abstract_num("、" if dun else "."))
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    numbering.append(num)
    for line in title:
        paragraph = document.add_paragraph(line)
        paragraph.alignment = 1
        paragraph.runs[0].font.size = docx.shared.Pt(22)
    for line in lines:
        match = TYPED.match(line)
        if match is None:
            document.add_paragraph(line)
            continue
        number = match.group(0)
        level = (0 if number.endswith("、") and not number[0].isdigit()
                 else 1 if number.startswith("（") and not number[1].isdigit()
                 else 2 if number[0].isdigit() else 3)
        paragraph = document.add_paragraph(line[len(number):])
        ppr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", str(level)), ("w:numId", "90")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            num_pr.append(child)
        ppr.insert(0, num_pr)
    document.save(str(path))
    return path
