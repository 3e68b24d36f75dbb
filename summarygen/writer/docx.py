"""The document tree as a DOCX file in the GB/T 9704-2012 layout (see ``docs/gbt9704.md``).

This is the only module that imports python-docx. It is used once per style profile, to make a
*base package*: python-docx's default template with A4 pages, the 22-line grid, GB/T fonts in
every style, page-number footers and settings, serialised to its parts' bytes and cached. Each
report then only needs its own ``word/document.xml`` and ``docProps/core.xml``, built as strings,
and a zip written with fixed timestamps and entry order, so equal inputs give equal bytes and a
report costs one or two milliseconds.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import hashlib
import io
import re
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
    TEXT_WIDTH,
    line_pitch,
    text_width,
)
from summarygen.document.style import StyleProfile
from summarygen.document.tree import Document, Heading, Paragraph, Signature
from summarygen.errors import OutputError
from summarygen.output import atomic_write

if TYPE_CHECKING:  # python-docx and lxml are imported only to make a base package
    import docx.document
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]  # no stubs installed

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = f"{{{W_NS}}}"

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
# Styles the body uses, and those Word needs as defaults; the rest of the template goes.
_KEPT_STYLES = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer",
                          "Heading1", "Heading2", "Heading3", "Heading4", TITLE_STYLE})
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
# Characters XML 1.0 cannot carry (and lone surrogates, which UTF-8 cannot): dropped from text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_APP_XML = (
    _XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>summarygen</Application><DocSecurity>0</DocSecurity>'
    "</Properties>")
_CORE_XML = (
    _XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
    "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
    "<dc:language>{language}</dc:language></cp:coreProperties>")


def write_docx(document: Document, style: StyleProfile) -> bytes:
    """The report as DOCX bytes; the same inputs give byte-identical output."""
    base = _base_package(style)
    created = _utc(document.metadata.created)
    replaced = {
        "word/document.xml": _document_xml(document, style, base),
        "docProps/core.xml": _core_xml(document, created),
    }
    # Zip times are local times without a zone, and the format cannot go before 1980.
    stamp = (max(1980, min(2107, created.year)), created.month, created.day,
             created.hour, created.minute, created.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in base.parts:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Word writes it; not the building machine's
            info.external_attr = 0
            archive.writestr(info, replaced.get(name, data))
    return buffer.getvalue()


# --- the report's own parts ---------------------------------------------------------------------

def _document_xml(document: Document, style: StyleProfile, base: _Base) -> bytes:
    # One paragraph a title line, not line breaks: the lines are the units the author broke by
    # meaning, each centred on its own, and a reader (or `summarygen verify`) sees them apart.
    paragraphs = [_p(_ppr(style=TITLE_STYLE), _r(line)) for line in document.title]
    if document.title:
        paragraphs.append(_p())  # 7.3.1: one blank line between the title and the body
    last = len(document.blocks) - 1
    for index, block in enumerate(document.blocks):
        paragraphs.append(_block(block, base, keep=document.signature is not None
                                 and index == last))
    if document.signature is not None:
        paragraphs += _signature(document.signature, style)
    return "".join([
        _XML_DECL, f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>',
        *paragraphs, base.sect_pr, "</w:body></w:document>"]).encode()


def _block(block: Heading | Paragraph, base: _Base, *, keep: bool) -> str:
    """One paragraph of the body. ``keep``: the last one before the signature, whose last lines
    go with the signature to its page (7.3.5: the signature never stands alone on a page); with
    widow control at least two of its lines do, not one."""
    widows = True if keep else None
    if not isinstance(block, Heading):
        return _p(_ppr(keep_next=True, widow_control=widows) if keep else "", _r(block.text))
    if block.body is None:  # a heading style keeps with the next paragraph already
        return _p(_ppr(style=_heading_style(block.level)), _r(block.heading_text))
    # Run-in: one paragraph, the heading part in the style's font, the body in the body font.
    # It carries body text, so it must not be kept with the next paragraph: a series of run-in
    # paragraphs would otherwise be pushed to one page as a block.
    ppr = _ppr(style=_heading_style(block.level), keep_next=keep, widow_control=widows)
    return _p(ppr, _r(block.heading_text) + _r(block.body, base.body_rpr))


def _signature(signature: Signature, style: StyleProfile) -> list[str]:
    """GB/T 9704 7.3.5.2 (unsealed): a blank line, the organisation, the date below it; the
    three kept together, and with the text's last lines (see :func:`_block`). Without a date
    (``signature: {date: false}``) the organisation stands alone, 2 characters from the right."""
    char = _char_twips(style)
    org_right, date_left = _signature_indents(signature.organisation, signature.date_text, char)
    dated = bool(signature.date_text)
    # No automatic space between Chinese and digits in Word (LibreOffice adds it anyway, which
    # is why the date is placed by where it starts, not by where it ends).
    paragraphs = [
        _p(_ppr(keep_next=True)),
        _p(_ppr(keep_next=True if dated else None, auto_space=False,
                ind=_ind(right_chars=org_right, char_twips=char), jc="right"),
           _r(signature.organisation)),
    ]
    if dated:
        # Room to the right (into the margin) for that space: the date never wraps.
        paragraphs.append(_p(_ppr(auto_space=False, ind=_ind(
            left_chars=date_left, right_chars=-2, char_twips=char), jc="left"),
            _r(signature.date_text)))
    return paragraphs


def _signature_indents(organisation: str, date: str, char_twips: int) -> tuple[float, float]:
    """The organisation's right indent and the date's left indent, in characters.

    The organisation stands 2 characters from the right; the date starts 2 characters to the
    right of the organisation's first character. If the date is the longer, the standard puts
    the date 2 characters from the right and moves the organisation left instead (its right
    indent ``len(date) - len(org) + 4``). Widths are in characters (a digit ½, see
    :func:`summarygen.document.geometry.char_width`), and a character advances by the body
    size plus the letter spacing, as the text is printed.
    """
    org, date_width = text_width(organisation), text_width(date)
    org_right = date_width - org + 4 if date_width > org else 2.0
    pitch = char_twips + CHAR_SPACING
    org_start = TEXT_WIDTH - org_right * char_twips - org * pitch
    return org_right, round((org_start + 2 * pitch) / char_twips, 2)


def _core_xml(document: Document, created: dt.datetime) -> bytes:
    meta = document.metadata
    return _CORE_XML.format(
        title=_text(meta.title), author=_text(meta.author), language=_text(meta.language),
        created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    ).encode()


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC without a zone; a naive time is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


# --- WordprocessingML fragments, as strings, children in schema order --------------------------

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
# (xml.sax.saxutils would do the same, but importing it imports urllib: 15 ms of a build.)


def _text(text: str) -> str:
    """Character data: ``&``, ``<`` and ``>`` escaped.

    >>> _text("A&B <1>")
    'A&amp;B &lt;1&gt;'
    """
    return _NOT_XML.sub("", text).translate(_ESCAPES)


def _attr(value: str) -> str:
    """An attribute value in double quotes (as ``xml.sax.saxutils.quoteattr`` writes it when the
    value has no double quote).

    >>> _attr('a "b" & c')
    '"a &quot;b&quot; &amp; c"'
    """
    return '"' + _NOT_XML.sub("", value).translate(_ATTR_ESCAPES) + '"'


def _p(ppr: str = "", runs: str = "") -> str:
    return f"<w:p>{ppr}{runs}</w:p>" if ppr or runs else "<w:p/>"


def _r(text: str, rpr: str = "") -> str:
    """A run; line feeds in the text become line breaks, tabs become tabs."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{_text(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _rfonts(latin: str, east_asian: str) -> str:
    return (f"<w:rFonts w:ascii={_attr(latin)} w:hAnsi={_attr(latin)} "
            f"w:eastAsia={_attr(east_asian)} w:cs={_attr(latin)}/>")


def _rpr(rfonts: str = "", *, bold: bool | None = None, spacing: int | None = None,
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


def _ppr(*, style: str | None = None, keep_next: bool | None = None, keep_lines: bool = False,
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


def _ind(*, first_line_chars: float = 0, left_chars: float | None = None,
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


def _heading_style(level: int) -> str:
    if not 1 <= level <= 4:
        raise ValueError(f"heading level {level} is not 1 to 4")
    return f"Heading{level}"


def _char_twips(style: StyleProfile) -> int:
    """One body character (the unit GB/T indents count in), in twips."""
    return round(style.body_size_pt * 20)


def _half_points(size_pt: float) -> int:
    return round(size_pt * 2)


# --- the base package, once per style profile ---------------------------------------------------

@dataclass(frozen=True)
class _Base:
    parts: tuple[tuple[str, bytes], ...]
    """Every part's name and bytes, in the order they are zipped."""
    sect_pr: str
    """The section properties (page, margins, grid, footer references) closing the body."""
    body_rpr: str
    """Run properties giving a run the body font inside a heading-style paragraph."""


def prepare_base(style: StyleProfile) -> None:
    """Make the base package of ``style`` now (a parallel build does so before forking)."""
    _base_package(style)


@functools.lru_cache(maxsize=16)
def _base_package(style: StyleProfile) -> _Base:
    """The base package of ``style``: from the user's cache if this writer made it before for
    the same profile and python-docx, else made now (a tenth of a two-report build) and kept."""
    from summarygen.cachedir import cache_folder

    folder = cache_folder("docx-base")
    key = hashlib.sha256(repr(style).encode() + _python_docx_source()
                         + Path(__file__).read_bytes()).hexdigest()[:24]
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


def _base_bytes(base: _Base) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("order", "\n".join(name for name, _data in base.parts))
        archive.writestr("sect_pr", base.sect_pr)
        archive.writestr("body_rpr", base.body_rpr)
        for name, data in base.parts:
            archive.writestr(f"parts/{name}", data)
    return buffer.getvalue()


def _read_base(data: bytes) -> _Base:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.read("order").decode().split("\n")
        parts = tuple((name, archive.read(f"parts/{name}")) for name in names)
        return _Base(parts, archive.read("sect_pr").decode(), archive.read("body_rpr").decode())


def _make_base(style: StyleProfile) -> _Base:
    import docx
    from lxml import etree

    doc = docx.Document()
    _drop_template_parts(doc)
    _set_up_styles(doc, style)
    _set_up_section(doc, style)
    _set_up_footers(doc, style)
    settings = doc.settings.element
    lang = settings.find(f"{_W}themeFontLang")
    lang.set(f"{_W}val", "zh-CN")
    lang.set(f"{_W}eastAsia", "zh-CN")
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
        f' xmlns:w="{W_NS}"', "").replace(f' xmlns:r="{R_NS}"', "")
    body_rpr = _rpr(_rfonts(style.fonts.latin, style.fonts.body))
    return _Base(tuple(parts.items()), sect_pr, body_rpr)


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
    for element in root.findall(f"{_W}style"):
        if element.get(f"{_W}styleId") not in _KEPT_STYLES:
            root.remove(element)
    for style_id, (ppr, rpr) in _style_properties(style).items():
        _restyle(root, style_id, ppr, rpr)
    title = doc.styles["Summary Title"]
    title.base_style = title.next_paragraph_style = doc.styles["Normal"]
    title.quick_style = True
    # Word's heading and footer styles link to character styles removed above. (Every style
    # kept with properties is restyled, so no theme font or colour of the template survives.)
    for link in root.iter(f"{_W}link"):
        link.getparent().remove(link)


def _style_properties(style: StyleProfile) -> dict[str, tuple[str, str]]:
    """The pPr and rPr of every style written (``docDefaults`` under that name)."""
    fonts, latin, line = style.fonts, style.fonts.latin, line_pitch(style.lines_per_page)
    body_size = _half_points(style.body_size_pt)
    indent = _ind(first_line_chars=2, char_twips=_char_twips(style))
    no_indent = _ind(char_twips=_char_twips(style))
    props = {
        "docDefaults": (_ppr(line=line),
                        _rpr(_rfonts(latin, fonts.body), size=body_size, lang=LANGUAGES)),
        # No widow control: it would leave 21 lines on some pages instead of 22. Hanging
        # punctuation (overflowPunct) stays on as Word's default, written out because
        # LibreOffice 7.4 reads the element the other way round: this value switches its hanging
        # off, which dropped a closing mark after a full line from the PDF (7 in the samples);
        # without it a closing mark takes a character with it to the next line.
        "Normal": (_ppr(widow_control=False, overflow_punct=True, line=line, ind=indent,
                        jc="both"),
                   _rpr(_rfonts(latin, fonts.body), spacing=CHAR_SPACING, size=body_size)),
        # Off the grid: LibreOffice gives a 22 pt line two grid lines, whatever its spacing.
        TITLE_STYLE: (_ppr(keep_next=True, keep_lines=True, snap_to_grid=False, line=line,
                           ind=no_indent, jc="center"),
                      # Digits and letters in the title's face too: in Times New Roman they
                      # look lighter than 小标宋 beside them.
                      _rpr(_rfonts(fonts.title, fonts.title), spacing=0,
                           size=_half_points(style.title_size_pt))),
        "Footer": (_ppr(line=FOOTER_LINE, ind=no_indent), _page_number_rpr(style)),
    }
    for level in range(1, 5):
        props[f"Heading{level}"] = (
            _ppr(keep_next=True, line=line, ind=indent, jc="both", outline=level - 1),
            _rpr(_rfonts(latin, fonts.heading(level)), bold=False, size=body_size))
    return props


def _page_number_rpr(style: StyleProfile) -> str:
    font = style.fonts.page_number
    return _rpr(_rfonts(font, font), spacing=0, size=_half_points(style.page_number_size_pt))


def _restyle(root: etree._Element, style_id: str, ppr: str, rpr: str) -> None:
    """Replace the paragraph and run properties of a style (or of ``docDefaults``)."""
    if style_id == "docDefaults":
        defaults = root.find(f"{_W}docDefaults")
        holders = [defaults.find(f"{_W}pPrDefault"), defaults.find(f"{_W}rPrDefault")]
        for holder, xml in zip(holders, (ppr, rpr), strict=True):
            for child in list(holder):
                holder.remove(child)
            holder.append(_element(xml))
        return
    element = root.find(f"{_W}style[@{_W}styleId='{style_id}']")
    for child in element.findall(f"{_W}pPr") + element.findall(f"{_W}rPr"):
        element.remove(child)
    # pPr and rPr come last in a paragraph style (after name, basedOn, …, rsid).
    element.append(_element(ppr))
    element.append(_element(rpr))


def _element(xml: str) -> etree._Element:
    """A fragment written with the ``w:`` prefix, parsed into python-docx's element classes."""
    from docx.oxml.parser import parse_xml

    wrapper = parse_xml(f'<w:wrapper xmlns:w="{W_NS}">{xml}</w:wrapper>')
    element: etree._Element = wrapper[0]
    return element


def _set_up_section(doc: docx.document.Document, style: StyleProfile) -> None:
    from docx.shared import Twips

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.gutter = Twips(0)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    grid = section._sectPr.find(f"{_W}docGrid")
    grid.attrib.clear()
    grid.set(f"{_W}type", "lines")
    grid.set(f"{_W}linePitch", str(line_pitch(style.lines_per_page)))


def _set_up_footers(doc: docx.document.Document, style: StyleProfile) -> None:
    """GB/T 9704 7.5: `— 1 —`, odd pages one character in from the right, even from the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    char = _char_twips(style)
    odd = (section.footer, _ind(right_chars=1, char_twips=char), "right")
    even = (section.even_page_footer, _ind(left_chars=1, char_twips=char), "left")
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
    return _p(_ppr(style="Footer", ind=ind, jc=jc),
              _r("\u2014 ", rpr) + field + _r(" \u2014", rpr))


def _font_table(style: StyleProfile) -> bytes:
    """The fonts used, the Chinese ones marked GB2312 (charset 86) so that Word substitutes a
    Chinese font, not a Latin one, on a machine that lacks them."""
    fonts = style.fonts
    names = dict.fromkeys([fonts.latin, fonts.body, fonts.heading1, fonts.heading2,
                           fonts.heading3, fonts.heading4, fonts.title, fonts.page_number])
    entries = []
    for name in names:
        if name == fonts.latin:
            entries.append(f'<w:font w:name={_attr(name)}><w:charset w:val="00"/>'
                           '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
            continue
        alt = _ALT_FONT_NAMES.get(name)
        alt_xml = f"<w:altName w:val={_attr(alt)}/>" if alt else ""
        entries.append(f"<w:font w:name={_attr(name)}>{alt_xml}<w:charset w:val=\"86\"/>"
                       '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>')
    return (f'{_XML_DECL}<w:fonts xmlns:w="{W_NS}">{"".join(entries)}</w:fonts>').encode()
