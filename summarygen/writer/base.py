"""The base package of a style profile: python-docx's default template with A4 pages, the
22-line grid, GB/T fonts in every style, page-number footers and settings, serialised to its
parts' bytes and cached in the user's cache folder.

This is the only module that imports python-docx, once per style profile (and not at all when
the cached package is there): a report then needs only its own ``word/document.xml`` and
``docProps/core.xml`` (:mod:`summarygen.writer.docx`).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarygen.document.geometry import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    line_pitch,
)
from summarygen.document.style import StyleProfile
from summarygen.errors import OutputError
from summarygen.output import atomic_write
from summarygen.writer import wordml as w

if TYPE_CHECKING:  # python-docx and lxml are imported only to make a base package
    import docx.document
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]  # no stubs installed

# Styles the body uses, and those Word needs as defaults; the rest of the template goes.
_KEPT_STYLES = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer",
                          "Heading1", "Heading2", "Heading3", "Heading4", w.TITLE_STYLE})
# Parts of the template that describe nothing in our reports (a thumbnail of an empty page,
# bibliography sources, unused list definitions, Word 2010's duplicate of styles.xml).
# (python-docx's RELATIONSHIP_TYPE.CUSTOM_XML, NUMBERING and THUMBNAIL, written out so that a
# report built from the cached base package does not import python-docx at all.)
_DROPPED_RELS = frozenset({
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"})
# Where Windows 10+ lacks an office's font, Word may try the alternative named in the font table.
_ALT_FONT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}

_APP_XML = (
    w.XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>summarygen</Application><DocSecurity>0</DocSecurity>'
    "</Properties>")


@dataclass(frozen=True)
class Base:
    parts: tuple[tuple[str, bytes], ...]
    """Every part's name and bytes, in the order they are zipped."""
    sect_pr: str
    """The section properties (page, margins, grid, footer references) closing the body."""
    body_rpr: str
    """Run properties giving a run the body font inside a heading-style paragraph."""


def prepare_base(style: StyleProfile) -> None:
    """Make the base package of ``style`` now (a parallel build does so before forking)."""
    base_package(style)


@functools.lru_cache(maxsize=16)
def base_package(style: StyleProfile) -> Base:
    """The base package of ``style``: from the user's cache if this writer made it before for
    the same profile and python-docx, else made now (a tenth of a two-report build) and kept."""
    from summarygen.cachedir import cache_folder

    folder = cache_folder("docx-base")
    key = hashlib.sha256(repr(style).encode() + _python_docx_source()  # and what makes it:
                         + Path(__file__).read_bytes() + Path(w.__file__).read_bytes()
                         ).hexdigest()[:24]
    path = folder / f"{key}.zip" if folder is not None else None
    if path is not None and path.is_file():
        try:
            return _read_base(path.read_bytes())
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            pass
    base = _make_base(style)
    if path is not None:
        with contextlib.suppress(OSError, OutputError):
            atomic_write(path, _base_bytes(base))
    return base


def _python_docx_source() -> bytes:
    """python-docx's ``__init__.py``, which holds its ``__version__``: read without importing
    python-docx (a fifth of a two-report build) or ``importlib.metadata`` (which brings the
    ``email`` package, a tenth), for a base package made by another python-docx is not reused."""
    from importlib.util import find_spec

    spec = find_spec("docx")
    if spec is None or spec.origin is None:  # pragma: no cover - python-docx is a dependency
        return b""
    return Path(spec.origin).read_bytes()


def _base_bytes(base: Base) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("order", "\n".join(name for name, _data in base.parts))
        archive.writestr("sect_pr", base.sect_pr)
        archive.writestr("body_rpr", base.body_rpr)
        for name, data in base.parts:
            archive.writestr(f"parts/{name}", data)
    return buffer.getvalue()


def _read_base(data: bytes) -> Base:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.read("order").decode().split("\n")
        parts = tuple((name, archive.read(f"parts/{name}")) for name in names)
        return Base(parts, archive.read("sect_pr").decode(), archive.read("body_rpr").decode())


def _make_base(style: StyleProfile) -> Base:
    import docx
    from lxml import etree

    doc = docx.Document()
    _drop_template_parts(doc)
    _set_up_styles(doc, style)
    _set_up_section(doc, style)
    _set_up_footers(doc, style)
    settings = doc.settings.element
    lang = settings.find(f"{w.W}themeFontLang")
    lang.set(f"{w.W}val", "zh-CN")
    lang.set(f"{w.W}eastAsia", "zh-CN")
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        parts = {name: saved.read(name) for name in saved.namelist()}
    parts["docProps/app.xml"] = _APP_XML.encode()
    parts["word/fontTable.xml"] = _font_table(style)
    section = copy.deepcopy(doc.element.body.sectPr)
    etree.cleanup_namespaces(section)  # a copy declares all the template's namespaces
    # The body's root element declares w: and r: already.
    sect_pr = etree.tostring(section, encoding="unicode").replace(
        f' xmlns:w="{w.W_NS}"', "").replace(f' xmlns:r="{w.R_NS}"', "")
    body_rpr = w.rpr(w.rfonts(style.fonts.latin, style.fonts.body))
    return Base(tuple(parts.items()), sect_pr, body_rpr)


def _drop_template_parts(doc: docx.document.Document) -> None:
    # python-docx saves only the parts reachable by relationships, so dropping a relationship
    # drops its part and its content-type entry.
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in _DROPPED_RELS]:
            del rels[r_id]


def _set_up_styles(doc: docx.document.Document, style: StyleProfile) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    doc.styles.add_style("Summary Title", WD_STYLE_TYPE.PARAGRAPH)
    root = doc.styles.element
    for element in root.findall(f"{w.W}style"):
        if element.get(f"{w.W}styleId") not in _KEPT_STYLES:
            root.remove(element)
    for style_id, (ppr, rpr) in _style_properties(style).items():
        _restyle(root, style_id, ppr, rpr)
    title = doc.styles["Summary Title"]
    title.base_style = title.next_paragraph_style = doc.styles["Normal"]
    title.quick_style = True
    # Word's heading and footer styles link to character styles removed above. (Every style
    # kept with properties is restyled, so no theme font or colour of the template survives.)
    for link in root.iter(f"{w.W}link"):
        link.getparent().remove(link)


def _style_properties(style: StyleProfile) -> dict[str, tuple[str, str]]:
    """The pPr and rPr of every style written (``docDefaults`` under that name)."""
    fonts, latin, line = style.fonts, style.fonts.latin, line_pitch(style.lines_per_page)
    body_size = w.half_points(style.body_size_pt)
    indent = w.ind(first_line_chars=2, char_twips=w.char_twips(style))
    no_indent = w.ind(char_twips=w.char_twips(style))
    props = {
        "docDefaults": (w.ppr(line=line),
                        w.rpr(w.rfonts(latin, fonts.body), size=body_size, lang=w.LANGUAGES)),
        # No widow control: it would leave 21 lines on some pages instead of 22. Hanging
        # punctuation (overflowPunct) stays on as Word's default, written out because
        # LibreOffice 7.4 reads the element the other way round: this value switches its hanging
        # off, which dropped a closing mark after a full line from the PDF (7 in the samples);
        # without it a closing mark takes a character with it to the next line.
        "Normal": (w.ppr(widow_control=False, overflow_punct=True, line=line, ind=indent,
                        jc="both"),
                   w.rpr(w.rfonts(latin, fonts.body), spacing=w.CHAR_SPACING, size=body_size)),
        # Off the grid: LibreOffice gives a 22 pt line two grid lines, whatever its spacing.
        w.TITLE_STYLE: (w.ppr(keep_next=True, keep_lines=True, snap_to_grid=False, line=line,
                           ind=no_indent, jc="center"),
                      # Digits and letters in the title's face too: in Times New Roman they
                      # look lighter than 小标宋 beside them.
                      w.rpr(w.rfonts(fonts.title, fonts.title), spacing=0,
                           size=w.half_points(style.title_size_pt))),
        "Footer": (w.ppr(line=w.FOOTER_LINE, ind=no_indent), _page_number_rpr(style)),
    }
    for level in range(1, 5):
        props[f"Heading{level}"] = (
            w.ppr(keep_next=True, line=line, ind=indent, jc="both", outline=level - 1),
            w.rpr(w.rfonts(latin, fonts.heading(level)), bold=False, size=body_size))
    return props


def _page_number_rpr(style: StyleProfile) -> str:
    font = style.fonts.page_number
    return w.rpr(w.rfonts(font, font), spacing=0, size=w.half_points(style.page_number_size_pt))


def _restyle(root: etree._Element, style_id: str, ppr: str, rpr: str) -> None:
    """Replace the paragraph and run properties of a style (or of ``docDefaults``)."""
    if style_id == "docDefaults":
        defaults = root.find(f"{w.W}docDefaults")
        holders = [defaults.find(f"{w.W}pPrDefault"), defaults.find(f"{w.W}rPrDefault")]
        for holder, xml in zip(holders, (ppr, rpr), strict=True):
            for child in list(holder):
                holder.remove(child)
            holder.append(_element(xml))
        return
    element = root.find(f"{w.W}style[@{w.W}styleId='{style_id}']")
    for child in element.findall(f"{w.W}pPr") + element.findall(f"{w.W}rPr"):
        element.remove(child)
    # pPr and rPr come last in a paragraph style (after name, basedOn, …, rsid).
    element.append(_element(ppr))
    element.append(_element(rpr))


def _element(xml: str) -> etree._Element:
    """A fragment written with the ``w:`` prefix, parsed into python-docx's element classes."""
    from docx.oxml.parser import parse_xml

    wrapper = parse_xml(f'<w:wrapper xmlns:w="{w.W_NS}">{xml}</w:wrapper>')
    element: etree._Element = wrapper[0]
    return element


def _set_up_section(doc: docx.document.Document, style: StyleProfile) -> None:
    from docx.shared import Twips

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.gutter = Twips(0)
    section.header_distance = Twips(w.HEADER_DISTANCE)
    section.footer_distance = Twips(w.FOOTER_DISTANCE)
    grid = section._sectPr.find(f"{w.W}docGrid")
    grid.attrib.clear()
    grid.set(f"{w.W}type", "lines")
    grid.set(f"{w.W}linePitch", str(line_pitch(style.lines_per_page)))


def _set_up_footers(doc: docx.document.Document, style: StyleProfile) -> None:
    """GB/T 9704 7.5: `— 1 —`, odd pages one character in from the right, even from the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    char = w.char_twips(style)
    odd = (section.footer, w.ind(right_chars=1, char_twips=char), "right")
    even = (section.even_page_footer, w.ind(left_chars=1, char_twips=char), "left")
    for footer, ind, jc in (odd, even):
        old = footer.paragraphs[0]._p
        old.getparent().replace(old, _element(_page_number(style, ind, jc)))


def _page_number(style: StyleProfile, ind: str, jc: str) -> str:
    rpr = _page_number_rpr(style)

    def run(inner: str) -> str:
        return f"<w:r>{rpr}{inner}</w:r>"

    field = (run('<w:fldChar w:fldCharType="begin"/>')
             + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
             + run('<w:fldChar w:fldCharType="separate"/>') + run("<w:t>1</w:t>")
             + run('<w:fldChar w:fldCharType="end"/>'))
    return w.p(w.ppr(style="Footer", ind=ind, jc=jc),
              w.r("\u2014 ", rpr) + field + w.r(" \u2014", rpr))


def _font_table(style: StyleProfile) -> bytes:
    """The fonts used, the Chinese ones marked GB2312 (charset 86) so that Word substitutes a
    Chinese font, not a Latin one, on a machine that lacks them."""
    fonts = style.fonts
    names = dict.fromkeys([fonts.latin, fonts.body, fonts.heading1, fonts.heading2,
                           fonts.heading3, fonts.heading4, fonts.title, fonts.page_number])
    entries = []
    for name in names:
        if name == fonts.latin:
            entries.append(f'<w:font w:name={w.attr(name)}><w:charset w:val="00"/>'
                           '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
            continue
        alt = _ALT_FONT_NAMES.get(name)
        alt_xml = f"<w:altName w:val={w.attr(alt)}/>" if alt else ""
        entries.append(f"<w:font w:name={w.attr(name)}>{alt_xml}<w:charset w:val=\"86\"/>"
                       '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>')
    return (f'{w.XML_DECL}<w:fonts xmlns:w="{w.W_NS}">{"".join(entries)}</w:fonts>').encode()
