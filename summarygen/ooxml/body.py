"""The body of a DOCX: paragraphs with their runs (fields resolved), sections and their footers."""

from __future__ import annotations

from collections.abc import Iterator

from summarygen.i18n import _
from summarygen.ooxml.limits import DocxReadError
from summarygen.ooxml.numbering import Numbering
from summarygen.ooxml.package import (
    PAGE_FIELD,
    R_NS,
    Element,
    Package,
    Paragraph,
    Resolver,
    Run,
    Section,
    w,
)

_SKIP_ANCESTORS = {w("del"), w("moveFrom"), w("txbxContent"), w("p")}
_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo"), w("smartTag")}


def read_body(package: Package, resolver: Resolver,
              numbering: Numbering) -> tuple[list[Paragraph], list[Section]]:
    """Every paragraph of the body in reading order, and every section with its footers."""
    root = package.xml(package.document)
    body = None if root is None else root.find(w("body"))
    if body is None:
        raise DocxReadError(_("{path}: the document has no body").format(path=package.path))
    package.budget.count(body, w("p"), w("r"))
    paragraphs: list[Paragraph] = []
    section_props: list[Element] = []
    for p, in_table in block_paragraphs(body):
        para = read_paragraph(p, resolver, len(paragraphs) + 1, in_table)
        if para.format.numbering is not None:
            para.label = numbering.label(*para.format.numbering)
        paragraphs.append(para)
        sect = p.find(f"{w('pPr')}/{w('sectPr')}")
        if sect is not None:
            section_props.append(sect)
    final = body.find(w("sectPr"))
    if final is not None:
        section_props.append(final)
    return paragraphs, read_sections(package, resolver, section_props)


def block_paragraphs(container: Element, in_table: bool = False) -> Iterator[tuple[Element, bool]]:
    """Paragraphs of a body, cell, header or footer in reading order, with whether in a table."""
    for child in container:
        if child.tag == w("p"):
            yield child, in_table
        elif child.tag == w("tbl"):
            for cell in child.iter(w("tc")):
                if _table_of(cell) is child:  # a nested table's cells come with their table
                    yield from block_paragraphs(cell, True)
        elif child.tag in _CONTAINERS:
            yield from block_paragraphs(child, in_table)


def _table_of(cell: Element) -> Element | None:
    parent = cell.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent


def read_paragraph(p: Element, resolver: Resolver, index: int, in_table: bool) -> Paragraph:
    ppr = p.find(w("pPr"))
    return Paragraph(index, read_runs(p, ppr, resolver), resolver.para_format(ppr), in_table)


def _belongs(el: Element, p: Element) -> bool:
    """Whether ``el`` is visible text of ``p`` itself (not deleted, not in a text box, not the
    cached result of a simple PAGE field)."""
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag in _SKIP_ANCESTORS:
            return False
        if parent.tag == w("fldSimple") and is_page_field(parent.get(w("instr"), "")):
            return False
        parent = parent.getparent()
    return parent is p


def is_page_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() == "PAGE"


class _Fields:
    """The complex fields (``w:fldChar``) open at a point of a paragraph."""

    def __init__(self) -> None:
        self.stack: list[list[str]] = []  # [instruction, "result" once past the separator]

    def char(self, kind: str | None) -> str:
        """Handle a field character; returns the page placeholder when a PAGE field ends."""
        if kind == "begin":
            self.stack.append(["", ""])
        elif kind == "separate" and self.stack:
            self.stack[-1][1] = "result"
        elif kind == "end" and self.stack:
            instruction = self.stack.pop()[0]
            if is_page_field(instruction):
                return PAGE_FIELD
        return ""

    def instruction(self, text: str) -> None:
        if self.stack:
            self.stack[-1][0] += text

    def hides_text(self) -> bool:
        """Text is not shown inside a field's instruction or a PAGE field's cached result."""
        if not self.stack:
            return False
        instruction, part = self.stack[-1]
        return part != "result" or is_page_field(instruction)


def read_runs(p: Element, ppr: Element | None, resolver: Resolver) -> list[Run]:
    """The paragraph's visible text in runs, a PAGE field as ``{PAGE}``."""
    runs: list[Run] = []
    fields = _Fields()
    for el in p.iter(w("r"), w("fldSimple")):
        if not _belongs(el, p):
            continue
        fmt = resolver.run_format(resolver.rpr_sources(ppr, _run_props(el)))
        if el.tag == w("fldSimple"):
            if is_page_field(el.get(w("instr"), "")):
                runs.append(Run(PAGE_FIELD, fmt))
            continue
        text = _run_text(el, fields)
        if text:
            runs.append(Run(text, fmt))
    return runs


def _run_props(el: Element) -> Element | None:
    if el.tag == w("fldSimple"):
        first = el.find(w("r"))
        return None if first is None else first.find(w("rPr"))
    return el.find(w("rPr"))


_CHARS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}


def _run_text(r: Element, fields: _Fields) -> str:
    parts: list[str] = []
    for child in r:
        if child.tag == w("fldChar"):
            parts.append(fields.char(child.get(w("fldCharType"))))
        elif child.tag == w("instrText"):
            fields.instruction(child.text or "")
        elif fields.hides_text():
            continue
        elif child.tag == w("t"):
            parts.append(child.text or "")
        elif child.tag in _CHARS:
            parts.append(_CHARS[child.tag])
        elif child.tag == w("sym"):
            parts.append(_symbol(child.get(w("char"), "")))
    return "".join(parts)


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    # Symbol fonts map to the private use area F000+; the visible character is unknown.
    return chr(value) if value < 0xF000 else ""


def read_sections(package: Package, resolver: Resolver,
                  section_props: list[Element]) -> list[Section]:
    """Sections in order; a section without a footer of some type inherits the previous one's."""
    rels = package.rels(package.document)
    sections: list[Section] = []
    inherited: dict[str, list[Paragraph]] = {}
    read: dict[str, list[Paragraph]] = {}  # a footer shared by many sections is read once
    for number, sect in enumerate(section_props, 1):
        footers = dict(inherited)
        for ref in sect.iter(w("footerReference")):
            rel = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            root = package.xml(rel[1]) if rel else None
            if rel and root is not None:
                if rel[1] not in read:
                    package.budget.count(root, w("p"), w("r"))
                    read[rel[1]] = [read_paragraph(p, resolver, 0, in_table)
                                    for p, in_table in block_paragraphs(root)]
                footers[ref.get(w("type"), "default")] = read[rel[1]]
        inherited = footers
        sections.append(Section(
            number, _attributes(sect, "pgSz"), _attributes(sect, "pgMar"),
            _attributes(sect, "docGrid"), footers, _on(sect.find(w("titlePg")))))
    return sections


def _attributes(sect: Element, tag: str) -> dict[str, str]:
    el = sect.find(w(tag))
    if el is None:
        return {}
    return {str(k).rsplit("}", 1)[-1]: str(v) for k, v in el.attrib.items()}


def _on(el: Element | None) -> bool:
    return el is not None and el.get(w("val"), "true").lower() not in ("0", "false", "off")

